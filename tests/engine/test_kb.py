"""Knowledge-base validation: every problem named with its file and entry, all at once."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from briefbot import knowledge
from briefbot.engine.render import placeholder_keys
from briefbot.engine.validate import MIN_PARAPHRASES, parse_knowledge
from briefbot.errors import KnowledgeError


@pytest.fixture
def documents() -> dict[str, Any]:
    """A fresh copy of the shipped documents, to break in each test."""
    return copy.deepcopy(knowledge.read_documents(knowledge.default_dir()))


def _problems(documents: dict[str, Any]) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        parse_knowledge(documents, placeholder_keys)
    return caught.value.problems


def _subject(documents: dict[str, Any], subject_id: str) -> dict[str, Any]:
    for doc in documents.values():
        for subject in doc.get("subjects", []):
            if subject["id"] == subject_id:
                return subject  # type: ignore[no-any-return]
    raise LookupError(subject_id)


def _cell(documents: dict[str, Any], cell_id: str) -> dict[str, Any]:
    subject_id, name = cell_id.split(".")
    return next(c for c in _subject(documents, subject_id)["cells"] if c["id"] == name)


def test_shipped_knowledge_is_valid(documents: dict[str, Any]) -> None:
    """Every file under knowledge/ loads, with both languages for every cell."""
    kb = parse_knowledge(documents, placeholder_keys)
    assert len(kb.subjects) >= 15 and len(kb.cells) >= 30
    for subject in kb.subjects:
        assert subject.default in {c.id for c in subject.cells}
        for lang in ("fr", "en"):
            assert sum(len(c.paraphrases[lang]) for c in subject.cells) >= MIN_PARAPHRASES
    for cell in kb.cells:
        for lang in ("fr", "en"):
            assert cell.title[lang] and cell.label[lang] and cell.answer[lang], cell.id
        assert cell.serves or cell.not_said, cell.id


def test_missing_language_is_named(documents: dict[str, Any]) -> None:
    """A cell without its English title is reported with file, entry and problem."""
    del _cell(documents, "agenda.list")["title"]["en"]
    problems = _problems(documents)
    assert any(
        p.startswith("subjects-agenda.yaml:")
        and p.endswith(": cell agenda.list.title: missing or empty 'en' text")
        for p in problems
    )


def test_unknown_fact_in_template_is_named(documents: dict[str, Any]) -> None:
    """A template naming a fact that does not exist fails the check."""
    _cell(documents, "agenda.list")["answer"]["fr"] = "Voir {agenda.nowhere}"
    problems = _problems(documents)
    assert any("cell agenda.list.answer.fr" in p and "{agenda.nowhere}" in p for p in problems)


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("Le {press.when", "unbalanced brace"),
        ("Le {press.when!r:>99999}", "malformed placeholder {press.when!r:>99999}"),
        ("Le {press.when:>9}", "malformed placeholder {press.when:>9}"),
        ("Le {{press.when}}", "unbalanced brace"),
        ("Le press.when}", "unbalanced brace"),
        ("Le {}", "malformed placeholder {}"),
    ],
)
def test_a_placeholder_must_be_a_plain_known_name(
    documents: dict[str, Any], template: str, problem: str
) -> None:
    """Unclosed braces, format specs and conversions are refused: users would see them."""
    _cell(documents, "press_conference.where")["answer"]["fr"] = template
    problems = _problems(documents)
    assert any(
        p.startswith("subjects-press.yaml:")
        and ": cell press_conference.where.answer.fr.any:" in p
        and problem in p
        for p in problems
    ), problems


def test_duplicates_are_named(documents: dict[str, Any]) -> None:
    """A duplicate subject id and a paraphrase under two cells are both reported."""
    subjects = documents["subjects-agenda.yaml"]["subjects"]
    subjects.append(copy.deepcopy(subjects[0]))
    _cell(documents, "announcement.source")["paraphrases"]["en"].append("What is on the agenda?")
    problems = _problems(documents)
    assert any("subject agenda: duplicate id" in p for p in problems)
    assert any("also belongs to agenda.list" in p for p in problems)


def test_references_between_entries_are_checked(documents: dict[str, Any]) -> None:
    """Unknown aspects, concepts, parts, people and defaults are each named."""
    press = _subject(documents, "press_conference")
    press["part_of"] = "nowhere"
    press["people"] = ["bauer", "nobody"]
    press["concepts"] = ["press", "no_such_concept"]
    press["default"] = "missing"
    _cell(documents, "press_conference.who")["serves"] = ["who", "flavour"]
    status = next(a for a in documents["aspects.yaml"]["aspects"] if a["id"] == "status")
    status["cues"] = ["no_cue_concept"]
    problems = _problems(documents)
    for expected in (
        "subject press_conference.part_of: unknown part_of 'nowhere'",
        "subject press_conference.people: unknown people 'nobody'",
        "subject press_conference.concepts: unknown concept 'no_such_concept'",
        "subject press_conference.default: names no cell of the subject: 'missing'",
        "cell press_conference.who.serves: unknown aspect 'flavour'",
        "aspect status.cues: unknown concept 'no_cue_concept'",
    ):
        assert any(expected in p for p in problems), (expected, problems)


def test_every_problem_is_reported_at_once(documents: dict[str, Any]) -> None:
    """Several broken entries in several files give several problems in one error."""
    for cell in _subject(documents, "agenda")["cells"]:
        cell["paraphrases"]["fr"] = ["ordre du jour"]
    _cell(documents, "ukraine.summary")["answer"] = {"fr": "x"}
    documents["facts.yaml"]["events"]["press"]["start"] = "demain"
    problems = _problems(documents)
    assert any(f"needs {MIN_PARAPHRASES}" in p for p in problems)
    assert any("cell ukraine.summary.answer.en" in p for p in problems)
    assert any("events.press.start" in p for p in problems)
    assert len(problems) >= 3


def test_unknown_person_and_bad_tense(documents: dict[str, Any]) -> None:
    """A quote by an unknown person and a tense variant without 'tense:' are refused."""
    documents["facts.yaml"]["quotes"]["rutte"]["speaker"] = "nobody"
    del _cell(documents, "meeting.when_where")["tense"]
    problems = _problems(documents)
    assert any("quotes.rutte.speaker" in p and "nobody" in p for p in problems)
    assert any("tense variants need 'tense:'" in p for p in problems)


def test_time_zone_must_be_a_real_one(documents: dict[str, Any]) -> None:
    """The event's time zone is a zoneinfo name; an unknown one is named."""
    documents["facts.yaml"]["events"]["meeting"]["timezone"] = "Europe/Atlantis"
    problems = _problems(documents)
    assert any("events.meeting.timezone" in p and "Atlantis" in p for p in problems)


def test_off_scope_words_are_per_language(documents: dict[str, Any]) -> None:
    """Off-scope lists are keyed by language; another key is refused."""
    documents["scope.yaml"]["off_scope"]["de"] = ["wetter"]
    assert any(p.startswith("scope.yaml:") and ": off_scope:" in p for p in _problems(documents))


def test_not_a_mapping_file(documents: dict[str, Any]) -> None:
    """A file that is a list, not a mapping, is named."""
    documents["extra.yaml"] = ["oops"]
    assert any(p.startswith("extra.yaml: <file>") for p in _problems(documents))
