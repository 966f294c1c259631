"""Loading the knowledge base from disk, and checking it against the sources."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from briefbot import knowledge
from briefbot.engine.kb import KnowledgeBase
from briefbot.errors import KnowledgeError
from testkit import REPO, SOURCES


def test_default_dir_is_the_shipped_knowledge() -> None:
    """From a checkout, the default knowledge base is the repository's knowledge/."""
    assert knowledge.default_dir().resolve() in (
        (REPO / "knowledge").resolve(),
        (Path(knowledge.__file__).parent / "data" / "knowledge").resolve(),
    )


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    """A YAML syntax error is reported with the file name and line."""
    shutil.copytree(knowledge.default_dir(), tmp_path / "kb")
    (tmp_path / "kb" / "subjects-agenda.yaml").write_text("subjects:\n  - id: [unclosed\n", "utf-8")
    with pytest.raises(KnowledgeError) as caught:
        knowledge.load(tmp_path / "kb")
    assert re.search(
        r"subjects-agenda\.yaml: line \d+, column \d+: YAML syntax error", str(caught.value)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: b\nc: [d, e]\n", {"a": "b", "c": ["d", "e"]}),
        (
            "when: 2025-01-16\nflag: yes\nquoted: 'yes'\nn: 3\n",
            {"when": date(2025, 1, 16), "flag": True, "quoted": "yes", "n": 3},
        ),
        (
            "base: &b {a: x}\nd:\n  <<: *b\n  c: y\n",
            {"base": {"a": "x"}, "d": {"a": "x", "c": "y"}},
        ),
        ("one: &one {k: v}\ntwo: *one\n", {"one": {"k": "v"}, "two": {"k": "v"}}),
        ("{1: a, b: !!str 2}\n", {1: "a", "b": "2"}),
        ("a: b\na: c\n", {"a": "c"}),
        ("text: |\n  two\n  lines\n", {"text": "two\nlines\n"}),
        ("set: !!set {x}\n", {"set": {"x"}}),
    ],
)
def test_yaml_values_are_read_as_written(tmp_path: Path, text: str, expected: object) -> None:
    """Strings, lists and mappings are read straight from the parse; dates, booleans,
    numbers, aliases, merge keys and tags as the YAML library reads them."""
    (tmp_path / "one.yaml").write_text(text)
    assert knowledge.read_documents(tmp_path)["one.yaml"] == expected


def test_mappings_and_lists_know_their_lines(tmp_path: Path) -> None:
    """Every mapping and list knows its line, and each mapping its keys' lines, for the
    problems it reports."""
    (tmp_path / "one.yaml").write_text("top:\n  - id: a\n    words: [x]\n  - id: b\n")
    doc = knowledge.read_documents(tmp_path)["one.yaml"]
    assert (doc.line, doc.lines) == (1, {"top": 1})
    first, second = doc["top"]
    assert doc["top"].line == 2
    assert (first.line, first.lines, first["words"].line) == (2, {"id": 2, "words": 3}, 3)
    assert (second.line, second.lines) == (4, {"id": 4})


def test_a_list_that_holds_itself_is_read(tmp_path: Path) -> None:
    """A list holding itself through an alias is read, as the YAML library reads it."""
    (tmp_path / "one.yaml").write_text("loop: &r [x, *r]\n")
    loop = knowledge.read_documents(tmp_path)["one.yaml"]["loop"]
    assert loop[0] == "x"
    assert loop[1] is loop


def test_the_shipped_files_read_as_the_yaml_library_reads_them() -> None:
    """Reading straight from the parse gives what the library's own safe loader gives."""
    documents = knowledge.read_documents(knowledge.default_dir())
    for path in sorted(knowledge.default_dir().glob("*.yaml")):
        assert documents[path.name] == yaml.safe_load(path.read_text("utf-8")), path.name


def test_missing_directory_is_named(tmp_path: Path) -> None:
    """A knowledge path that does not exist says so and names the setting."""
    with pytest.raises(KnowledgeError, match="BRIEFBOT_KNOWLEDGE"):
        knowledge.load(tmp_path / "nowhere")


def test_version_is_a_short_hash_of_the_files(tmp_path: Path) -> None:
    """A copy of the knowledge base has the same version; one byte more gives another."""
    _, shipped = knowledge.load_versioned()
    shutil.copytree(knowledge.default_dir(), tmp_path / "kb")
    _, copied = knowledge.load_versioned(tmp_path / "kb")
    assert re.fullmatch(r"[0-9a-f]{12}", shipped) and copied == shipped
    scope = tmp_path / "kb" / "scope.yaml"
    scope.write_text(scope.read_text("utf-8") + "\n", "utf-8")
    _, edited = knowledge.load_versioned(tmp_path / "kb")
    assert re.fullmatch(r"[0-9a-f]{12}", edited) and edited != shipped


def test_fingerprint_changes_when_a_file_is_saved(tmp_path: Path) -> None:
    """Polling sees a saved file; a missing directory has no fingerprint (and no error)."""
    shutil.copytree(knowledge.default_dir(), tmp_path / "kb")
    before = knowledge.fingerprint(tmp_path / "kb")
    (tmp_path / "kb" / "scope.yaml").write_text("broken: [\n", "utf-8")
    assert knowledge.fingerprint(tmp_path / "kb") != before
    assert [name for name, _, _ in before] == sorted(
        p.name for p in (tmp_path / "kb").glob("*.yaml")
    )
    assert knowledge.fingerprint(tmp_path / "nowhere") == ()


def _squash(text: str) -> str:
    """Compare quotations with typographic differences (apostrophes, spaces) ignored."""
    text = text.replace("’", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def _quote_problems(kb: KnowledgeBase, fr_source: str, en_source: str) -> list[str]:
    missing = []
    for qid, quote in kb.facts.quotes.items():
        for key in ("text", "extra", "gist"):
            if key in quote and _squash(quote[key]["fr"]) not in fr_source:
                missing.append(f"quotes.{qid}.{key}.fr")
        for key in ("text", "extra"):
            if key in quote and _squash(quote[key]["en"]).rstrip(".") not in en_source:
                missing.append(f"quotes.{qid}.{key}.en")
    return missing


def _fact_problems(kb: KnowledgeBase, fr_source: str, en_source: str) -> list[str]:
    missing = [
        f"agenda.fr[{n}]"
        for n, item in enumerate(kb.facts.lists["agenda"].items["fr"], 1)
        if _squash(item["text"]) not in fr_source
    ]
    missing += [
        f"agenda.en[{n}]"
        for n, item in enumerate(kb.facts.lists["agenda"].items["en"], 1)
        if _squash(item["text"]).lower() not in en_source.lower()
    ]
    missing += [
        f"event.{key}.fr"
        for key in ("body", "partners", "goal")
        if _squash(kb.facts.events["meeting"].texts[key]["fr"]).split(", ")[0] not in fr_source
    ]
    missing += [
        f"event.focus.fr: {focus['fr'][:30]}"
        for focus in kb.facts.events["meeting"].lists["focus"]
        if _squash(focus["fr"]) not in fr_source
    ]
    missing += [
        f"people.{pid}.role"
        for pid, person in kb.facts.people.items()
        if person.role["en"] not in en_source or _squash(person.role["fr"]) not in en_source
    ]
    return missing


def test_quotations_match_the_sources(kb: KnowledgeBase) -> None:
    """Every quotation, agenda item and fact phrase appears word for word in its source."""
    fr_source = _squash((SOURCES / "announcement-fr.txt").read_text("utf-8"))
    en_source = _squash((SOURCES / "facts-en.md").read_text("utf-8"))
    problems = _quote_problems(kb, fr_source, en_source) + _fact_problems(kb, fr_source, en_source)
    assert problems == []


def test_dates_and_link_match_the_sources(kb: KnowledgeBase) -> None:
    """The press conference time and the English link are the ones the sources give."""
    en_source = (SOURCES / "facts-en.md").read_text("utf-8")
    assert str(int(kb.facts.events["press"].start.timestamp())) in en_source
    assert kb.facts.sources["en"]["url"] in en_source
