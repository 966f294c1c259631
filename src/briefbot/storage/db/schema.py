"""The migrations that build the schema, and applying them in order."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

import aiosqlite

from briefbot.storage.db.core import db_time, first_row, transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema, written for each store: applying it is the same change."""

    version: int
    name: str
    sqlite: tuple[str, ...]
    postgres: tuple[str, ...]


# Append only: a released migration is never edited, or databases already
# upgraded past it would differ from new ones. A new column is one entry with
# one ALTER TABLE per store. PostgreSQL keeps times as timestamptz and sorts
# the grouped texts byte-wise (COLLATE "C"), as SQLite does, so both stores
# list ties in one order.
MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(
        1,
        "question log and feedback",
        sqlite=(
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
        postgres=(
            """CREATE TABLE questions (
                qid text PRIMARY KEY CHECK (length(qid) = 32),
                asked_at timestamptz NOT NULL,
                frontend text COLLATE "C" NOT NULL,
                guild_id bigint,
                channel_id bigint,
                user_hash text,
                lang text COLLATE "C" NOT NULL CHECK (lang IN ('fr', 'en')),
                topic text COLLATE "C",
                kind text COLLATE "C" NOT NULL
                    CHECK (kind IN ('answer', 'clarify', 'decline', 'invalid')),
                confidence double precision NOT NULL,
                latency_ms double precision NOT NULL,
                question text COLLATE "C"
            )""",
            """CREATE TABLE feedback (
                qid text NOT NULL REFERENCES questions (qid),
                user_hash text NOT NULL,
                vote smallint NOT NULL CHECK (vote IN (-1, 1)),
                voted_at timestamptz NOT NULL,
                PRIMARY KEY (qid, user_hash)
            )""",
        ),
    ),
    Migration(
        2,
        "per-server settings",
        sqlite=(
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
        postgres=(
            """CREATE TABLE guild_settings (
                guild_id bigint PRIMARY KEY,
                default_lang text CHECK (default_lang IN ('fr', 'en')),
                enabled boolean NOT NULL DEFAULT true,
                updated_at timestamptz NOT NULL
            )""",
            """CREATE TABLE guild_channels (
                guild_id bigint NOT NULL REFERENCES guild_settings (guild_id),
                channel_id bigint NOT NULL,
                PRIMARY KEY (guild_id, channel_id)
            )""",
        ),
    ),
    Migration(
        3,
        "indexes for statistics and retention",
        sqlite=(
            "CREATE INDEX questions_asked_at ON questions (asked_at)",
            "CREATE INDEX questions_guild_asked_at ON questions (guild_id, asked_at)",
        ),
        postgres=(
            "CREATE INDEX questions_asked_at ON questions (asked_at)",
            "CREATE INDEX questions_guild_asked_at ON questions (guild_id, asked_at)",
        ),
    ),
    Migration(
        4,
        "questions dropped while the disk was full",
        sqlite=(
            """CREATE TABLE dropped_questions (
                asked_at TEXT NOT NULL,
                guild_id INTEGER,
                count INTEGER NOT NULL CHECK (count > 0)
            )""",
        ),
        postgres=(
            """CREATE TABLE dropped_questions (
                asked_at timestamptz NOT NULL,
                guild_id bigint,
                count integer NOT NULL CHECK (count > 0)
            )""",
        ),
    ),
    Migration(
        5,
        "the knowledge base version that answered each question",
        sqlite=("ALTER TABLE questions ADD COLUMN kb_version TEXT",),
        postgres=('ALTER TABLE questions ADD COLUMN kb_version text COLLATE "C"',),
    ),
)

SCHEMA_VERSION: Final = MIGRATIONS[-1].version


async def schema_version(db: aiosqlite.Connection) -> int:
    """The highest migration recorded in the file; 0 for a new file."""
    exists = "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'"
    if not (await first_row(db, exists))[0]:
        return 0
    return int((await first_row(db, "SELECT coalesce(max(version), 0) FROM schema_migrations"))[0])


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
            for statement in migration.sqlite:
                await db.execute(statement)
            await db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, db_time(datetime.now(UTC))),
            )
        log.info("applied schema migration %d (%s)", migration.version, migration.name)
        applied.append(migration.version)
    return applied
