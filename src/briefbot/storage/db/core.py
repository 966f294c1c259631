"""What every SQL module of briefbot shares: row shapes, time format, transactions, pragmas."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from sqlite3 import Row
from typing import Final

import aiosqlite

# A row of the questions table, in QUESTION_COLUMNS order.
QuestionRow = tuple[str, str, str, int | None, int | None, str | None, str, str | None, str, float, float, str | None, str | None]  # fmt: skip  # noqa: E501


QUESTION_COLUMNS: Final = (
    # name, PostgreSQL type of the batch insert's array, and the cast of its values
    ("qid", "text", ""),
    ("asked_at", "text", "::timestamptz"),  # fixed-width UTC text, parsed by the server
    ("frontend", "text", ""),
    ("guild_id", "bigint", ""),
    ("channel_id", "bigint", ""),
    ("user_hash", "text", ""),
    ("lang", "text", ""),
    ("topic", "text", ""),
    ("kind", "text", ""),
    ("confidence", "float8", ""),
    ("latency_ms", "float8", ""),
    ("question", "text", ""),
    ("kb_version", "text", ""),  # the knowledge base that answered; None before migration 5
)
"""The question log's columns, in one place for every statement and the spill files: a new
column is one entry here (and one migration per store)."""

QUESTION_NAMES: Final = ", ".join(name for name, _, _ in QUESTION_COLUMNS)

DroppedRow = tuple[str, int | None, int]
"""Questions dropped on a full disk: newest asked_at, guild_id, count."""

FeedbackRow = tuple[str, str, int, str]
"""A vote: qid, user_hash, vote, voted_at."""

GuildRow = tuple[int, str | None, bool, str, tuple[int, ...]]
"""A server's settings: guild_id, default_lang, enabled, updated_at, answer channels."""


PRAGMAS: Final = (
    "PRAGMA journal_mode = WAL",
    # In WAL mode NORMAL never corrupts the file; a power cut may lose the
    # last commits, a killed process loses nothing that was committed.
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    # Checkpoint the WAL every ~40 MB rather than every 4 MB: fewer, larger
    # copies cost the writer less per logged question.
    "PRAGMA wal_autocheckpoint = 10000",
)


def db_time(value: datetime) -> str:
    """The stored form of an aware datetime: UTC, fixed width, sortable as text."""
    if value.tzinfo is not UTC:  # skip the conversion on the hot path's usual case
        value = value.astimezone(UTC)
    return value.isoformat(timespec="microseconds")


@asynccontextmanager
async def transaction(db: aiosqlite.Connection, *, write: bool = True) -> AsyncIterator[None]:
    """``BEGIN IMMEDIATE`` (or a read snapshot) ... ``COMMIT``; roll back on any error.

    IMMEDIATE takes the write lock up front, so a transaction never fails
    half-way because another process started writing first.
    """
    await db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
    try:
        yield
    except BaseException:
        if db.in_transaction:
            await db.rollback()
        raise
    await db.execute("COMMIT")


async def first_row(db: aiosqlite.Connection, query: str, params: Sequence[object] = ()) -> Row:
    """The first row of a query that always returns one (an aggregate, a known key)."""
    return next(iter(await db.execute_fetchall(query, params)))


async def configure(db: aiosqlite.Connection) -> None:
    """Set WAL mode and the per-connection pragmas; fails on a file that is not SQLite."""
    for pragma in PRAGMAS:
        await db.execute(pragma)
