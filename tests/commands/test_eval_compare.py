"""``briefbot eval FILE --compare OTHER_KB``: the questions whose answer changes between
two knowledge bases, better, worse or different, and the counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from briefbot.cli import main
from testkit import EDIT_MARK, EDITED_FILE, copy_knowledge, edit_knowledge

_CELL = "  - id: cavoli\n    person: cavoli\n    concepts: [general, supreme_commander]\n"
QUESTIONS = [
    {"q": "who is saceur?", "lang": "en", "topic": "cavoli.role"},  # renamed: worse
    {"q": "qui est cavoli ?", "lang": "fr", "topic": "cavoli.position"},  # renamed: better
    {"q": "who is general cavoli", "lang": "en", "topic": ["cavoli.role", "cavoli.position"]},
    {"q": "what did cavoli say?", "lang": "en", "topic": "cavoli.said"},  # reworded
    {"q": "when is the press conference?", "lang": "en", "topic": "press_conference"},
]
_SAID = "without saying what was said there."


@pytest.fixture
def edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped knowledge base where Cavoli's answer is reworded (in English)
    and its cell renamed from ``role`` to ``position``, and his "said" answer reworded;
    the shipped one is the one in use."""
    monkeypatch.delenv("BRIEFBOT_KNOWLEDGE", raising=False)
    directory = copy_knowledge(tmp_path / "kb")
    edit_knowledge(directory)
    path = directory / EDITED_FILE
    text = path.read_text("utf-8")
    assert text.count(_CELL) == 1, "Cavoli's cell moved: update this test"
    head, _, tail = text.partition(_CELL)
    tail = tail.replace("default: role", "default: position", 1).replace(
        "id: role", "id: position", 1
    )
    assert _SAID in tail, "Cavoli's 'said' answer moved: update this test"
    tail = tail.replace(_SAID, f"{_SAID} Reworded.", 1)  # his, the first after his subject
    path.write_text(head + _CELL + tail, "utf-8")
    return directory


def _questions(tmp_path: Path, questions: list[dict[str, object]]) -> str:
    path = tmp_path / "questions.yaml"
    path.write_text(yaml.safe_dump({"questions": questions}), "utf-8")
    return str(path)


def test_compare_lists_better_worse_and_different_with_counts(
    edited: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A label only the edit satisfies is better, one only the old knowledge base does is
    worse, a right answer from a renamed, reworded cell is different; an untouched answer
    is not listed."""
    assert main(["eval", _questions(tmp_path, QUESTIONS), "--compare", str(edited)]) == 0
    out = capsys.readouterr().out
    sections = {block.splitlines()[0]: block for block in out.split("\n\n")}
    assert "'qui est cavoli ?' (fr)" in sections["better (1):"]
    assert "'who is saceur?' (en)" in sections["worse (1):"]
    different = sections["different (2):"]
    assert "'who is general cavoli' (en)" in different
    assert "before: right, answer cavoli.role, en" in different
    assert "after:  right, answer cavoli.position, en" in different
    assert "'what did cavoli say?' (en)" in different and "same answer, reworded" in different
    assert "press conference" not in out
    assert out.splitlines()[-1] == "1 better, 1 worse, 2 different, 1 unchanged (of 5 questions)"
    assert out.startswith("before: ") and f"after:  {edited} (version " in out


def test_compare_json_has_both_answers_and_versions(
    edited: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json: the counts, both knowledge bases' versions, and both sides of each change."""
    questions = _questions(tmp_path, QUESTIONS)
    assert main(["eval", questions, "--compare", str(edited), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["better"], report["worse"], report["different"], report["unchanged"]) == (
        1,
        1,
        2,
        1,
    )
    assert report["before"]["version"] != report["after"]["version"]
    different, _ = [c for c in report["changes"] if c["verdict"] == "different"]
    assert EDIT_MARK in different["after"]["answer"]
    assert EDIT_MARK not in different["before"]["answer"]


def test_compare_refuses_a_label_neither_knowledge_base_has(
    edited: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A topic known to neither knowledge base is a mistake in the question file."""
    questions = _questions(tmp_path, [{"q": "who?", "lang": "en", "topic": "nobody.here"}])
    assert main(["eval", questions, "--compare", str(edited)]) == 2
    assert "unknown topics ['nobody.here']" in capsys.readouterr().err


def test_compare_names_a_broken_other_knowledge_base(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid OTHER_KB stops the comparison with the problems, as kb check names them."""
    directory = copy_knowledge(tmp_path / "kb")
    edit_knowledge(directory, broken=True)
    assert main(["eval", _questions(tmp_path, QUESTIONS[:1]), "--compare", str(directory)]) == 2
    assert EDITED_FILE in capsys.readouterr().err
