"""Storage: the question log, feedback, per-server settings and statistics.

The public face is :class:`Store`, over a SQLite file or a PostgreSQL database
(:mod:`briefbot.storage.location`) through one :class:`~briefbot.storage.backend.Backend`;
the values it takes and returns live in :mod:`briefbot.storage.model`, every
SQL statement in the :mod:`briefbot.storage.db` package.

:class:`Store` and ``SCHEMA_VERSION`` are imported on first use: they load the
database drivers, which a command that logs nothing (``briefbot ask --no-log``)
never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from briefbot.storage.db import SCHEMA_VERSION
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


def __getattr__(name: str) -> object:
    """``Store`` and ``SCHEMA_VERSION``, imported when first asked for."""
    if name == "Store":
        from briefbot.storage.store import Store  # noqa: PLC0415 - the drivers on first use

        return Store
    if name == "SCHEMA_VERSION":
        from briefbot.storage.db import SCHEMA_VERSION  # noqa: PLC0415 - same

        return SCHEMA_VERSION
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
