"""Every SQL statement of briefbot, and the migrations that build the schema.

Nothing else in the project writes SQL. Functions here take an open
``aiosqlite.Connection`` in autocommit mode (``isolation_level=None``) and
manage their own transactions explicitly, so a migration or a batch is all or
nothing. Callers serialise access to the connection (the store holds a lock):
two coroutines interleaving statements on one connection would share, and
break, one transaction.

Times are stored as UTC ISO 8601 text of fixed width
(``2025-01-15T09:30:00.000000+00:00``), so text order is time order and the
file stays readable in the ``sqlite3`` shell.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from sqlite3 import Row
from typing import Final

import aiosqlite

from briefbot.storage.model import GuildSettings, Unset

log = logging.getLogger(__name__)

# A row of the questions table, in column order: qid, asked_at, frontend, guild_id,
# channel_id, user_hash, lang, topic, kind, confidence, latency_ms, question.
QuestionRow = tuple[str, str, str, int | None, int | None, str | None, str, str | None, str, float, float, str | None]  # fmt: skip  # noqa: E501


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


# Append only: a released migration is never edited, or files already upgraded
# past it would differ from new ones.
MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(
        1,
        "question log and feedback",
        (
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
            """CREATE TABLE questions (
                qid TEXT PRIMARY KEY CHECK (length(qid) = 32),
                asked_at TEXT NOT NULL,
                frontend TEXT NOT NULL,
                guild_id INTEGER,
                channel_id INTEGER,
                user_hash TEXT,
                lang TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
                topic TEXT,
                kind TEXT NOT NULL CHECK (kind IN ('answer', 'clarify', 'decline', 'invalid')),
                confidence REAL NOT NULL,
                latency_ms REAL NOT NULL,
                question TEXT
            )""",
            """CREATE TABLE feedback (
                qid TEXT NOT NULL REFERENCES questions (qid),
                user_hash TEXT NOT NULL,
                vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
                voted_at TEXT NOT NULL,
                PRIMARY KEY (qid, user_hash)
            )""",
        ),
    ),
    Migration(
        2,
        "per-server settings",
        (
            """CREATE TABLE guild_settings (
                guild_id INTEGER PRIMARY KEY,
                default_lang TEXT CHECK (default_lang IN ('fr', 'en')),
                enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
                updated_at TEXT NOT NULL
            )""",
            """CREATE TABLE guild_channels (
                guild_id INTEGER NOT NULL REFERENCES guild_settings (guild_id),
                channel_id INTEGER NOT NULL,
                PRIMARY KEY (guild_id, channel_id)
            ) WITHOUT ROWID""",
        ),
    ),
    Migration(
        3,
        "indexes for statistics and retention",
        (
            "CREATE INDEX questions_asked_at ON questions (asked_at)",
            "CREATE INDEX questions_guild_asked_at ON questions (guild_id, asked_at)",
        ),
    ),
    Migration(
        4,
        "questions dropped while the disk was full",
        (
            """CREATE TABLE dropped_questions (
                asked_at TEXT NOT NULL,
                guild_id INTEGER,
                count INTEGER NOT NULL CHECK (count > 0)
            )""",
        ),
    ),
)

SCHEMA_VERSION: Final = MIGRATIONS[-1].version

DroppedRow = tuple[str, int | None, int]
"""Questions dropped on a full disk: newest asked_at, guild_id, count."""

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

_HASH_KEY_ROW: Final = "user_hash_key"

_INSERT: Final = """INSERT OR IGNORE INTO questions (
    qid, asked_at, frontend, guild_id, channel_id, user_hash,
    lang, topic, kind, confidence, latency_ms, question
) VALUES """
_ROW: Final = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


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


async def _first(db: aiosqlite.Connection, query: str, params: Sequence[object] = ()) -> Row:
    """The first row of a query that always returns one (an aggregate, a known key)."""
    return next(iter(await db.execute_fetchall(query, params)))


async def configure(db: aiosqlite.Connection) -> None:
    """Set WAL mode and the per-connection pragmas; fails on a file that is not SQLite."""
    for pragma in PRAGMAS:
        await db.execute(pragma)


async def schema_version(db: aiosqlite.Connection) -> int:
    """The highest migration recorded in the file; 0 for a new file."""
    exists = "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'"
    if not (await _first(db, exists))[0]:
        return 0
    return int((await _first(db, "SELECT coalesce(max(version), 0) FROM schema_migrations"))[0])


async def migrate(db: aiosqlite.Connection, *, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply, in order, each migration above the file's version up to ``target``.

    Each migration and its record commit together, so an interrupted upgrade
    leaves the file at the previous version. Returns the versions applied.
    """
    await db.execute(
        """CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )"""
    )
    applied = []
    for migration in MIGRATIONS:
        if migration.version > target:
            break
        async with transaction(db):
            # Re-read inside the lock: another process may have just migrated.
            if migration.version <= await schema_version(db):
                continue
            for statement in migration.statements:
                await db.execute(statement)
            await db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, db_time(datetime.now(UTC))),
            )
        log.info("applied schema migration %d (%s)", migration.version, migration.name)
        applied.append(migration.version)
    return applied


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
             "decline", 0.0, 0.0, None),
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


# --- statistics: every filter is a fixed fragment; values go in as parameters ---

_GROUPABLE: Final = frozenset({"lang", "frontend", "kind", "topic"})


def _scope(since: datetime | None, guild_id: int | None) -> tuple[str, list[object]]:
    clauses, params = ["1"], list[object]()
    if since is not None:
        clauses.append("q.asked_at >= ?")
        params.append(db_time(since))
    if guild_id is not None:
        clauses.append("q.guild_id = ?")
        params.append(guild_id)
    return " AND ".join(clauses), params


@dataclass(frozen=True, slots=True)
class RawStats:
    """The figures as SQL counts them, before the store groups texts and builds ``Stats``."""

    total: int
    answered: int
    distinct_users: int
    mean_latency_ms: float | None
    groups: dict[str, list[tuple[str, int, int]]]  # column -> (value, total, answered)
    dropped: int  # questions dropped while the disk was full
    feedback: list[tuple[str, int, int]]  # (topic, up, down)
    texts: list[tuple[str, str, int, int]]  # (question, lang, count, downvoted)


async def _grouped(
    db: aiosqlite.Connection, column: str, where: str, params: list[object], limit: int
) -> list[tuple[str, int, int]]:
    if column not in _GROUPABLE:
        raise ValueError(f"cannot group by {column!r}")
    rows = await db.execute_fetchall(
        f"""SELECT q.{column}, count(*), sum(q.kind = 'answer') FROM questions q
            WHERE {where} AND q.{column} IS NOT NULL
            GROUP BY q.{column} ORDER BY count(*) DESC, q.{column} LIMIT ?""",
        [*params, limit],
    )
    return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]


async def failed_texts(
    db: aiosqlite.Connection,
    since: datetime | None,
    guild_id: int | None,
    *,
    include_downvoted: bool,
    limit: int = 5000,
) -> list[tuple[str, str, int, int]]:
    """Distinct texts of unanswered (and optionally 👎) questions: text, lang, count, 👎 count."""
    where, params = _scope(since, guild_id)
    downvoted = "EXISTS (SELECT 1 FROM feedback f WHERE f.qid = q.qid AND f.vote = -1)"
    failed = f"(q.kind != 'answer' OR {downvoted})" if include_downvoted else "q.kind != 'answer'"
    rows = await db.execute_fetchall(
        f"""SELECT q.question, q.lang, count(*), sum({downvoted}) FROM questions q
            WHERE {where} AND q.question IS NOT NULL AND {failed}
            GROUP BY q.question, q.lang ORDER BY count(*) DESC, q.question LIMIT ?""",
        [*params, limit],
    )
    return [(str(r[0]), str(r[1]), int(r[2]), int(r[3])) for r in rows]


async def read_stats(
    db: aiosqlite.Connection, since: datetime | None, guild_id: int | None, *, top: int
) -> RawStats:
    """Every figure of one stats report, read from a single snapshot of the file."""
    where, params = _scope(since, guild_id)
    async with transaction(db, write=False):
        totals = await _first(
            db,
            f"""SELECT count(*), coalesce(sum(q.kind = 'answer'), 0),
                    count(DISTINCT q.user_hash), avg(q.latency_ms)
                FROM questions q WHERE {where}""",
            params,
        )
        groups = {
            column: await _grouped(db, column, where, params, -1 if column != "topic" else top)
            for column in ("lang", "frontend", "kind", "topic")
        }
        feedback = await db.execute_fetchall(
            f"""SELECT q.topic, sum(f.vote = 1), sum(f.vote = -1)
                FROM feedback f JOIN questions q ON q.qid = f.qid
                WHERE {where} AND q.topic IS NOT NULL
                GROUP BY q.topic ORDER BY count(*) DESC, q.topic""",
            params,
        )
        texts = await failed_texts(db, since, guild_id, include_downvoted=False)
        dropped = await _first(
            db, f"SELECT coalesce(sum(q.count), 0) FROM dropped_questions q WHERE {where}", params
        )
    return RawStats(
        total=int(totals[0]),
        answered=int(totals[1]),
        distinct_users=int(totals[2]),
        mean_latency_ms=None if totals[3] is None else float(totals[3]),
        groups=groups,
        dropped=int(dropped[0]),
        feedback=[(str(r[0]), int(r[1]), int(r[2])) for r in feedback],
        texts=texts,
    )
