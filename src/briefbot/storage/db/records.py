"""Writing and reading records: questions, the stored key, feedback, server settings."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from datetime import UTC, datetime
from functools import cache
from typing import Final

import aiosqlite

from briefbot.storage.db.core import (
    QUESTION_COLUMNS,
    QUESTION_NAMES,
    DroppedRow,
    QuestionRow,
    db_time,
    transaction,
)
from briefbot.storage.model import GuildSettings, Unset

_HASH_KEY_ROW: Final = "user_hash_key"

_INSERT: Final = f"INSERT OR IGNORE INTO questions ({QUESTION_NAMES}) VALUES "
_ROW: Final = "(" + ", ".join("?" for _ in QUESTION_COLUMNS) + ")"


@cache
def rows_per_statement() -> int:
    """Rows per INSERT within this SQLite's parameter limit, at most 500.

    The thread running SQLite gives up the GIL for each statement it steps, and
    getting it back from a busy event loop costs up to the switch interval
    (5 ms): one statement per row starved the writer under load.
    """
    with closing(sqlite3.connect(":memory:")) as probe:
        limit = probe.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(500, limit // _ROW.count("?")))


async def probe_write(db: aiosqlite.Connection) -> None:
    """Take the write lock and insert a question as the log does, then roll it back.

    Fails as the writer would: a read-only file, damaged pages of the table or
    its indexes, a lock held too long.
    """
    await db.execute("PRAGMA busy_timeout = 5000")
    await db.execute("BEGIN IMMEDIATE")
    try:
        await db.execute(
            _INSERT + _ROW,
            ("0" * 32, db_time(datetime.now(UTC)), "health", None, None, None, "en", None,
             "decline", 0.0, 0.0, None, None),
        )  # fmt: skip
    finally:
        if db.in_transaction:
            await db.execute("ROLLBACK")


async def stored_hash_key(db: aiosqlite.Connection) -> bytes | None:
    """The user-hash key older briefbots kept inside the file, if it is still there."""
    rows = list(await db.execute_fetchall("SELECT value FROM meta WHERE key = ?", (_HASH_KEY_ROW,)))
    return bytes(rows[0][0]) if rows else None


async def forget_stored_hash_key(db: aiosqlite.Connection) -> None:
    """Delete the stored user-hash key, and its bytes with it.

    ``secure_delete`` overwrites the freed bytes in the page, and the
    checkpoint copies that page over the old one and empties the WAL, so the
    key is in neither file afterwards.
    """
    await db.execute("PRAGMA secure_delete = ON")
    try:
        async with transaction(db):
            await db.execute("DELETE FROM meta WHERE key = ?", (_HASH_KEY_ROW,))
    finally:
        await db.execute("PRAGMA secure_delete = OFF")
    await db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


async def insert_questions(
    db: aiosqlite.Connection, rows: Sequence[QuestionRow], dropped: Sequence[DroppedRow] = ()
) -> int:
    """Insert a batch, and the count of questions dropped, in one transaction; returns how
    many rows were new.

    A question id already present is skipped, so replaying a spill file
    after a crash never logs a question twice.
    """
    size = rows_per_statement()
    whole = len(rows) - len(rows) % size
    new = 0
    async with transaction(db):
        if whole:
            chunks = [[v for row in rows[i : i + size] for v in row] for i in range(0, whole, size)]
            new += (await db.executemany(_INSERT + ", ".join([_ROW] * size), chunks)).rowcount
        if rest := rows[whole:]:
            values = [v for row in rest for v in row]
            new += (await db.execute(_INSERT + ", ".join([_ROW] * len(rest)), values)).rowcount
        if dropped:
            await db.executemany(
                "INSERT INTO dropped_questions (asked_at, guild_id, count) VALUES (?, ?, ?)",
                dropped,
            )
    return new


async def purge_texts(db: aiosqlite.Connection, before: datetime) -> int:
    """Delete the text of every question asked before ``before``; keep the counts."""
    async with transaction(db):
        cursor = await db.execute(
            "UPDATE questions SET question = NULL WHERE question IS NOT NULL AND asked_at < ?",
            (db_time(before),),
        )
    return cursor.rowcount


async def upsert_feedback(
    db: aiosqlite.Connection, qid: str, user_hash: str, vote: int, now: datetime
) -> bool:
    """Record or replace one user's vote on one logged question.

    Returns False, storing nothing, when no question has that id.
    """
    async with transaction(db):
        cursor = await db.execute(
            """INSERT INTO feedback (qid, user_hash, vote, voted_at)
               SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM questions WHERE qid = ?)
               ON CONFLICT (qid, user_hash)
               DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at""",
            (qid, user_hash, vote, db_time(now), qid),
        )
    return cursor.rowcount > 0


async def _read_guild(db: aiosqlite.Connection, guild_id: int) -> GuildSettings:
    rows = list(
        await db.execute_fetchall(
            "SELECT default_lang, enabled FROM guild_settings WHERE guild_id = ?", (guild_id,)
        )
    )
    channels = await db.execute_fetchall(
        "SELECT channel_id FROM guild_channels WHERE guild_id = ?", (guild_id,)
    )
    ids = frozenset(int(row[0]) for row in channels)
    if not rows:
        return GuildSettings(guild_id, answer_channels=ids)
    return GuildSettings(guild_id, rows[0][0], ids, bool(rows[0][1]))


async def read_guild(db: aiosqlite.Connection, guild_id: int) -> GuildSettings:
    """One server's settings; the defaults for a server never configured."""
    async with transaction(db, write=False):
        return await _read_guild(db, guild_id)


async def write_guild(
    db: aiosqlite.Connection,
    guild_id: int,
    now: datetime,
    *,
    default_lang: str | Unset | None,
    answer_channels: frozenset[int] | Unset,
    enabled: bool | Unset,
) -> GuildSettings:
    """Change the given settings of one server, keeping the others, in one transaction.

    Reading and writing under the same write lock means two managers editing
    different settings at once both keep their change.
    """
    async with transaction(db):
        old = await _read_guild(db, guild_id)
        new = GuildSettings(
            guild_id,
            old.default_lang if isinstance(default_lang, Unset) else default_lang,
            old.answer_channels if isinstance(answer_channels, Unset) else answer_channels,
            old.enabled if isinstance(enabled, Unset) else enabled,
        )
        await db.execute(
            """INSERT INTO guild_settings (guild_id, default_lang, enabled, updated_at)
               VALUES (?, ?, ?, ?)
               ON CONFLICT (guild_id) DO UPDATE SET default_lang = excluded.default_lang,
                   enabled = excluded.enabled, updated_at = excluded.updated_at""",
            (guild_id, new.default_lang, int(new.enabled), db_time(now)),
        )
        if new.answer_channels != old.answer_channels:
            await db.execute("DELETE FROM guild_channels WHERE guild_id = ?", (guild_id,))
            await db.executemany(
                "INSERT INTO guild_channels (guild_id, channel_id) VALUES (?, ?)",
                [(guild_id, channel) for channel in sorted(new.answer_channels)],
            )
    return new
