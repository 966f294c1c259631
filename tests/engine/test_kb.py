"""Knowledge-base validation: every problem named with its file and entry, all at once."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from briefbot import knowledge
from briefbot.engine.render import placeholder_keys
from briefbot.engine.validate import parse_knowledge
from briefbot.errors import KnowledgeError


@pytest.fixture
def documents() -> dict[str, Any]:
    """A fresh copy of the shipped documents, to break in each test."""
    return copy.deepcopy(knowledge.read_documents(knowledge.default_dir()))


def _problems(documents: dict[str, Any]) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        parse_knowledge(documents, placeholder_keys)
    return caught.value.problems


def _topic(documents: dict[str, Any], topic_id: str) -> dict[str, Any]:
    for doc in documents.values():
        for topic in doc.get("topics", []):
            if topic["id"] == topic_id:
                return topic  # type: ignore[no-any-return]
    raise LookupError(topic_id)


def test_shipped_knowledge_is_valid(documents: dict[str, Any]) -> None:
    """Every file under knowledge/ loads, with both languages for every topic."""
    kb = parse_knowledge(documents, placeholder_keys)
    assert len(kb.topics) >= 20
    for topic in kb.topics:
        for lang in ("fr", "en"):
            assert len(topic.paraphrases[lang]) >= 8, topic.id
            assert topic.title[lang] and topic.label[lang] and topic.answer[lang]


def test_missing_language_is_named(documents: dict[str, Any]) -> None:
    """A topic without its English title is reported with file, entry and problem."""
    del _topic(documents, "agenda")["title"]["en"]
    problems = _problems(documents)
    assert any(
        p.startswith("topics-agenda.yaml: topic agenda.title: missing or empty 'en'")
        for p in problems
    )


def test_unknown_fact_in_template_is_named(documents: dict[str, Any]) -> None:
    """A template naming a fact that does not exist fails the check."""
    _topic(documents, "agenda")["answer"]["fr"] = "Voir {agenda.nowhere}"
    problems = _problems(documents)
    assert any("topic agenda.answer.fr" in p and "{agenda.nowhere}" in p for p in problems)


def test_duplicates_are_named(documents: dict[str, Any]) -> None:
    """A duplicate id and a paraphrase under two topics are both reported."""
    topics = documents["topics-agenda.yaml"]["topics"]
    topics.append(copy.deepcopy(topics[0]))
    _topic(documents, "sources")["paraphrases"]["en"].append("What is on the agenda?")
    problems = _problems(documents)
    assert any("duplicate id" in p for p in problems)
    assert any("also belongs to topic agenda" in p for p in problems)


def test_every_problem_is_reported_at_once(documents: dict[str, Any]) -> None:
    """Several broken entries in several files give several problems in one error."""
    _topic(documents, "agenda")["paraphrases"]["fr"] = ["ordre du jour"]
    _topic(documents, "ukraine")["answer"] = {"fr": "x"}
    documents["facts.yaml"]["press_conference"]["at"] = "demain"
    problems = _problems(documents)
    assert any("needs at least 8" in p for p in problems)
    assert any("topic ukraine.answer.en" in p for p in problems)
    assert any("press_conference.at" in p for p in problems)
    assert len(problems) >= 3


def test_unknown_person_and_bad_tense(documents: dict[str, Any]) -> None:
    """A quote by an unknown person and a tense variant without 'tense:' are refused."""
    documents["facts.yaml"]["quotes"]["rutte"]["speaker"] = "nobody"
    del _topic(documents, "meeting_when_where")["tense"]
    problems = _problems(documents)
    assert any("quotes.rutte.speaker" in p and "nobody" in p for p in problems)
    assert any("tense variants need 'tense:'" in p for p in problems)


def test_not_a_mapping_file(documents: dict[str, Any]) -> None:
    """A file that is a list, not a mapping, is named."""
    documents["extra.yaml"] = ["oops"]
    assert any(p.startswith("extra.yaml: <file>") for p in _problems(documents))
