"""What the tests share: repository paths, moments around the announcement, a conversation."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from briefbot import knowledge
from briefbot.engine.core import Engine
from briefbot.engine.types import Answer, Context

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "knowledge" / "sources"  # a copy of the announcement and its English facts

# Moments around the announcement, for time-aware answers.
BEFORE_MEETING = datetime.fromisoformat("2025-01-10T12:00:00+01:00")
DURING_MEETING = datetime.fromisoformat("2025-01-15T15:00:00+01:00")
BEFORE_PRESS = datetime.fromisoformat("2025-01-16T17:00:00+01:00")
AFTER_PRESS = datetime.fromisoformat("2025-01-16T18:00:00+01:00")
LONG_AFTER = datetime.fromisoformat("2026-11-29T09:00:00+00:00")

# A curator's edit for reload tests: the English answer to "who is SACEUR?" gains a sentence.
SACEUR = "who is saceur?"
EDITED_FILE = "subjects-people.yaml"
_CAVOLI = "is {people.cavoli.role} ({people.cavoli.abbr})."
EDIT_MARK = "Edited for the reload test."
# A mistake in the same place: a fact the knowledge base does not have.
BROKEN_FACT = "{people.cavoli.nonsense}"


def copy_knowledge(dest: Path) -> Path:
    """A copy of the shipped knowledge base at ``dest``, for a test to edit."""
    shutil.copytree(knowledge.default_dir(), dest)
    return dest


def edit_knowledge(directory: Path, *, broken: bool = False) -> None:
    """Rewrite ``directory``'s copy of the edited file: the shipped one with the curator's
    edit, or (``broken``) with a mistake instead."""
    text = (knowledge.default_dir() / EDITED_FILE).read_text("utf-8")
    assert text.count(_CAVOLI) == 1, "the edited sentence moved: update testkit"
    new = (
        _CAVOLI.replace("{people.cavoli.role}", BROKEN_FACT) if broken else f"{_CAVOLI} {EDIT_MARK}"
    )
    (directory / EDITED_FILE).write_text(text.replace(_CAVOLI, new), "utf-8")


def cells(answer: Answer) -> list[str | None]:
    """The cell each ask of an answer was answered from, in order (None: no cell)."""
    return [a.cell for a in answer.asks]


def talk(engine: Engine, *turns: str, now: datetime = LONG_AFTER) -> list[Answer]:
    """One asker's conversation, each answer's context handed to the next question."""
    answers: list[Answer] = []
    context: Context | None = None
    for turn in turns:
        answers.append(engine.answer(turn, now=now, context=context))
        context = answers[-1].context or context
    return answers
