"""Storage: the question log, feedback, per-server settings and statistics.

The public face is :class:`Store`, over a SQLite file or a PostgreSQL database
(:mod:`briefbot.storage.location`) through one :class:`~briefbot.storage.backend.Backend`;
the values it takes and returns live in :mod:`briefbot.storage.model`, every
SQL statement in the :mod:`briefbot.storage.db` package.
"""

from __future__ import annotations

from briefbot.storage.db import SCHEMA_VERSION
from briefbot.storage.model import (
    UNSET,
    Count,
    GuildSettings,
    LogEntry,
    Stats,
    TopicFeedback,
    UnansweredGroup,
    Unset,
    new_qid,
)
from briefbot.storage.store import Store

__all__ = [
    "SCHEMA_VERSION",
    "UNSET",
    "Count",
    "GuildSettings",
    "LogEntry",
    "Stats",
    "Store",
    "TopicFeedback",
    "UnansweredGroup",
    "Unset",
    "new_qid",
]
