"""PostgreSQL's statements: migrations under an advisory lock, the batched insert, records,
and its side of ``briefbot db copy``.

Functions take one ``asyncpg`` connection and open their own transactions.
Rows come and go in the portable shape of :mod:`briefbot.storage.db.core`
(times as fixed-width UTC text); here they become ``timestamptz``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any, Final

import asyncpg

from briefbot.storage.db.core import (
    QUESTION_COLUMNS,
    QUESTION_NAMES,
    DroppedRow,
    FeedbackRow,
    GuildRow,
    QuestionRow,
    db_time,
)
from briefbot.storage.db.schema import MIGRATIONS, SCHEMA_VERSION
from briefbot.storage.model import GuildSettings, Unset

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the stubs make it generic; the class itself is not
    from asyncpg.pool import PoolConnectionProxy

    Connection = asyncpg.Connection[asyncpg.Record] | PoolConnectionProxy[asyncpg.Record]
else:
    Connection = asyncpg.Connection

# pg_advisory_lock key held while migrating ("briefbot" in ASCII): processes
# starting together wait for the first to finish, then find nothing to do.
MIGRATION_LOCK: Final = 0x6272696566626F74

# One statement inserts a whole batch: each column goes in as one array. Times
# go in as their text and PostgreSQL parses them, cheaper than Python would.
_INSERT: Final = (
    f"INSERT INTO questions ({QUESTION_NAMES}) SELECT "
    + ", ".join(f"{name}{cast}" for name, _, cast in QUESTION_COLUMNS)
    + " FROM unnest("
    + ", ".join(f"${n}::{kind}[]" for n, (_, kind, _) in enumerate(QUESTION_COLUMNS, start=1))
    + f") AS batch ({QUESTION_NAMES}) ON CONFLICT (qid) DO NOTHING"
)
_TEXT: Final = next(n for n, (name, _, _) in enumerate(QUESTION_COLUMNS) if name == "question")


def pg_time(text: str) -> datetime:
    """A stored time (fixed-width UTC text) as PostgreSQL takes it."""
    return datetime.fromisoformat(text)


@cache
def numbered(query: str) -> str:
    """``query`` with its ``?`` placeholders as ``$1``, ``$2`` ... (the shared SQL has no
    other question mark)."""
    parts = query.split("?")
    return "".join(f"{part}${n}" for n, part in enumerate(parts[:-1], start=1)) + parts[-1]


def _count(status: str) -> int:
    """The row count of a command status (``INSERT 0 5``, ``UPDATE 3``)."""
    return int(status.rsplit(" ", 1)[-1])


# --- schema ---------------------------------------------------------------------


async def schema_version(db: Connection) -> int:
    """The highest migration recorded in the database; 0 for a new one."""
    if await db.fetchval("SELECT to_regclass('schema_migrations')") is None:
        return 0
    return int(await db.fetchval("SELECT coalesce(max(version), 0) FROM schema_migrations"))


async def migrate(db: Connection) -> tuple[int, list[int]]:
    """Apply, under the advisory lock, each migration above the database's version.

    Each migration and its record commit together. Returns the version found
    (a newer one than this briefbot's is left alone, for the caller to refuse)
    and the versions applied.
    """
    applied: list[int] = []
    await db.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
    try:
        await db.execute(
            """CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL
            )"""
        )
        found = await schema_version(db)
        if found > SCHEMA_VERSION:
            return found, applied
        for migration in MIGRATIONS:
            if migration.version <= found:
                continue
            async with db.transaction():
                for statement in migration.postgres:
                    await db.execute(statement)
                await db.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    migration.version,
                    migration.name,
                    datetime.now(UTC),
                )
            log.info("applied schema migration %d (%s)", migration.version, migration.name)
            applied.append(migration.version)
    finally:
        await db.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
    return found, applied


# --- the question log -------------------------------------------------------------


def _columns(rows: Sequence[QuestionRow]) -> list[Sequence[Any]]:
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    # PostgreSQL text cannot hold NUL, and one such row would fail every retry of its batch.
    if any(text is not None and "\x00" in text for text in columns[_TEXT]):
        columns[_TEXT] = [
            text.replace("\x00", "\ufffd") if text is not None else None for text in columns[_TEXT]
        ]
    return columns


async def insert_questions(
    db: Connection, rows: Sequence[QuestionRow], dropped: Sequence[DroppedRow] = ()
) -> int:
    """Insert a batch, and the count of questions dropped, in one transaction; return how
    many rows were new (a known id is skipped, so a replay never logs twice)."""
    new = 0
    async with db.transaction():
        if rows:
            new = _count(await db.execute(_INSERT, *_columns(rows)))
        if dropped:
            await db.executemany(
                "INSERT INTO dropped_questions (asked_at, guild_id, count) VALUES ($1, $2, $3)",
                [(pg_time(at), guild, count) for at, guild, count in dropped],
            )
    return new


async def probe_write(db: Connection) -> None:
    """Insert a question as the log does, in a transaction rolled back."""
    transaction = db.transaction()
    await transaction.start()
    try:
        row: QuestionRow = ("0" * 32, db_time(datetime.now(UTC)), "health", None, None, None,
                            "en", None, "decline", 0.0, 0.0, None, None)  # fmt: skip
        await db.execute(_INSERT, *_columns([row]))
    finally:
        await transaction.rollback()


async def purge_texts(db: Connection, before: datetime) -> int:
    """Delete the text of every question asked before ``before``; keep the counts."""
    status = await db.execute(
        "UPDATE questions SET question = NULL WHERE question IS NOT NULL AND asked_at < $1",
        before,
    )
    return _count(status)


# --- feedback and server settings ----------------------------------------------------


async def upsert_feedback(
    db: Connection, qid: str, user_hash: str, vote: int, now: datetime
) -> bool:
    """Record or replace one user's vote; False, storing nothing, for an unknown question."""
    status = await db.execute(
        """INSERT INTO feedback (qid, user_hash, vote, voted_at)
           SELECT $1::text, $2::text, $3::smallint, $4::timestamptz
           WHERE EXISTS (SELECT 1 FROM questions WHERE qid = $1)
           ON CONFLICT (qid, user_hash)
           DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at""",
        qid,
        user_hash,
        vote,
        now,
    )
    return _count(status) > 0


async def _read_guild(db: Connection, guild_id: int, *, lock: bool = False) -> GuildSettings:
    row = await db.fetchrow(
        "SELECT default_lang, enabled FROM guild_settings WHERE guild_id = $1"
        + (" FOR UPDATE" if lock else ""),
        guild_id,
    )
    channels = await db.fetch("SELECT channel_id FROM guild_channels WHERE guild_id = $1", guild_id)
    ids = frozenset(int(r[0]) for r in channels)
    if row is None:
        return GuildSettings(guild_id, answer_channels=ids)
    return GuildSettings(guild_id, row[0], ids, bool(row[1]))


async def read_guild(db: Connection, guild_id: int) -> GuildSettings:
    """One server's settings; the defaults for a server never configured."""
    async with db.transaction(isolation="repeatable_read", readonly=True):
        return await _read_guild(db, guild_id)


async def write_guild(
    db: Connection,
    guild_id: int,
    now: datetime,
    *,
    default_lang: str | Unset | None,
    answer_channels: frozenset[int] | Unset,
    enabled: bool | Unset,
) -> GuildSettings:
    """Change the given settings of one server, keeping the others, in one transaction.

    The server's row is locked before it is read, so two processes editing
    different settings of one server at once both keep their change.
    """
    async with db.transaction():
        await db.execute(
            """INSERT INTO guild_settings (guild_id, updated_at) VALUES ($1, $2)
               ON CONFLICT (guild_id) DO NOTHING""",
            guild_id,
            now,
        )
        old = await _read_guild(db, guild_id, lock=True)
        new = GuildSettings(
            guild_id,
            old.default_lang if isinstance(default_lang, Unset) else default_lang,
            old.answer_channels if isinstance(answer_channels, Unset) else answer_channels,
            old.enabled if isinstance(enabled, Unset) else enabled,
        )
        await db.execute(
            """UPDATE guild_settings SET default_lang = $2, enabled = $3, updated_at = $4
               WHERE guild_id = $1""",
            guild_id,
            new.default_lang,
            new.enabled,
            now,
        )
        if new.answer_channels != old.answer_channels:
            await _set_channels(db, guild_id, new.answer_channels)
    return new


async def _set_channels(
    db: Connection, guild_id: int, channels: Sequence[int] | frozenset[int]
) -> None:
    await db.execute("DELETE FROM guild_channels WHERE guild_id = $1", guild_id)
    await db.executemany(
        "INSERT INTO guild_channels (guild_id, channel_id) VALUES ($1, $2)",
        [(guild_id, channel) for channel in sorted(channels)],
    )


# --- briefbot db copy -------------------------------------------------------------------


async def questions_after(db: Connection, qid: str, limit: int) -> list[QuestionRow]:
    """Up to ``limit`` questions with an id after ``qid``, in id order."""
    rows = await db.fetch(
        f"SELECT {QUESTION_NAMES} FROM questions WHERE qid > $1 ORDER BY qid LIMIT $2",
        qid,
        limit,
    )
    return [(r[0], db_time(r[1]), *tuple(r)[2:]) for r in rows]


async def feedback_after(db: Connection, key: tuple[str, str], limit: int) -> list[FeedbackRow]:
    """Up to ``limit`` votes after ``key`` (qid, user_hash), in that order."""
    rows = await db.fetch(
        """SELECT qid, user_hash, vote, voted_at FROM feedback
           WHERE (qid, user_hash) > ($1, $2) ORDER BY qid, user_hash LIMIT $3""",
        *key,
        limit,
    )
    return [(str(r[0]), str(r[1]), int(r[2]), db_time(r[3])) for r in rows]


async def guilds(db: Connection) -> list[GuildRow]:
    """Every configured server, with its answer channels."""
    async with db.transaction(isolation="repeatable_read", readonly=True):
        settings = await db.fetch(
            "SELECT guild_id, default_lang, enabled, updated_at FROM guild_settings"
        )
        channels: dict[int, list[int]] = {}
        for row in await db.fetch(
            "SELECT guild_id, channel_id FROM guild_channels ORDER BY guild_id, channel_id"
        ):
            channels.setdefault(int(row[0]), []).append(int(row[1]))
    return [
        (int(r[0]), r[1], bool(r[2]), db_time(r[3]), tuple(channels.get(int(r[0]), ())))
        for r in settings
    ]


async def dropped(db: Connection) -> list[DroppedRow]:
    """Every count of questions dropped on a full disk."""
    rows = await db.fetch("SELECT asked_at, guild_id, count FROM dropped_questions")
    return [(db_time(r[0]), r[1], int(r[2])) for r in rows]


async def merge(
    db: Connection,
    feedback: Sequence[FeedbackRow],
    guild_rows: Sequence[GuildRow],
    dropped_rows: Sequence[DroppedRow],
) -> int:
    """Take copied rows in one transaction: newer votes and settings win, known drops are
    skipped. Returns how many rows changed."""
    changed = 0
    async with db.transaction():
        for qid, user_hash, vote, at in feedback:
            changed += _count(
                await db.execute(
                    """INSERT INTO feedback (qid, user_hash, vote, voted_at)
                       SELECT $1::text, $2::text, $3::smallint, $4::timestamptz
                       WHERE EXISTS (SELECT 1 FROM questions WHERE qid = $1)
                       ON CONFLICT (qid, user_hash) DO UPDATE
                       SET vote = excluded.vote, voted_at = excluded.voted_at
                       WHERE excluded.voted_at > feedback.voted_at""",
                    qid,
                    user_hash,
                    vote,
                    pg_time(at),
                )
            )
        for guild, lang, enabled, at, channels in guild_rows:
            status = await db.execute(
                """INSERT INTO guild_settings (guild_id, default_lang, enabled, updated_at)
                   VALUES ($1, $2, $3, $4)
                   ON CONFLICT (guild_id) DO UPDATE SET default_lang = excluded.default_lang,
                       enabled = excluded.enabled, updated_at = excluded.updated_at
                   WHERE excluded.updated_at > guild_settings.updated_at""",
                guild,
                lang,
                enabled,
                pg_time(at),
            )
            if _count(status):
                changed += 1
                await _set_channels(db, guild, channels)
        for at, guild_id, count in dropped_rows:
            changed += _count(
                await db.execute(
                    """INSERT INTO dropped_questions (asked_at, guild_id, count)
                       SELECT $1::timestamptz, $2::bigint, $3::integer
                       WHERE NOT EXISTS (SELECT 1 FROM dropped_questions WHERE asked_at = $1
                           AND guild_id IS NOT DISTINCT FROM $2 AND count = $3)""",
                    pg_time(at),
                    guild_id,
                    count,
                )
            )
    return changed
