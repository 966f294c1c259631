"""What the tests share: repository paths, moments around the announcement, a conversation."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

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


def talk(engine: Engine, *turns: str, now: datetime = LONG_AFTER) -> list[Answer]:
    """One asker's conversation, each answer's context handed to the next question."""
    answers: list[Answer] = []
    context: Context | None = None
    for turn in turns:
        answers.append(engine.answer(turn, now=now, context=context))
        context = answers[-1].context or context
    return answers
