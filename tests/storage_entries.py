"""A valid log entry for storage tests, with any field overridden."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from briefbot.storage import LogEntry

NOW = datetime(2025, 1, 16, 9, 30, tzinfo=UTC)


def entry(**overrides: Any) -> LogEntry:
    """An answered English question asked at ``NOW`` on server 1, unless overridden."""
    values: dict[str, Any] = {
        "qid": uuid4().hex,
        "asked_at": NOW,
        "frontend": "chat",
        "guild_id": 1,
        "channel_id": 10,
        "user_id": 100,
        "lang": "en",
        "topic": "opening_speakers",
        "kind": "answer",
        "confidence": 0.9,
        "latency_ms": 2.0,
        "question": "who spoke at the opening",
    }
    values.update(overrides)
    return LogEntry(**values)
