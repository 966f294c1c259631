"""The store's database as one SQLite file: a single connection behind one lock.

The file has one connection, and two coroutines sharing it would share, and
break, one transaction; so every call takes the lock.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import aiosqlite

from briefbot.errors import StorageError
from briefbot.storage import db as sql
from briefbot.storage.db import DroppedRow, FeedbackRow, GuildRow, QuestionRow, transfer
from briefbot.storage.db.core import transaction
from briefbot.storage.db.stats import RawStats, failed_texts, read_stats
from briefbot.storage.model import GuildSettings, Unset


class _Reader:
    """Runs the shared statistics SQL on the file."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def rows(self, query: str, params: Sequence[object]) -> Sequence[Sequence[Any]]:
        return list(await self._db.execute_fetchall(query, params))

    def time(self, value: datetime) -> object:
        return sql.db_time(value)


class SqliteBackend:
    """One open SQLite file (see :mod:`briefbot.storage.opening`)."""

    def __init__(self, db: aiosqlite.Connection, path: Path) -> None:
        self.name = str(path)
        self._db = db
        self._lock = asyncio.Lock()
        self._closed = False

    @asynccontextmanager
    async def _session(self, action: str) -> AsyncIterator[aiosqlite.Connection]:
        if self._closed:
            raise StorageError(f"cannot {action}: the store is closed")
        async with self._lock:
            try:
                yield self._db
            except sqlite3.Error as exc:
                raise StorageError(f"cannot {action} in {self.name}: {exc}") from exc

    async def insert_questions(
        self, rows: Sequence[QuestionRow], dropped: Sequence[DroppedRow]
    ) -> int:
        async with self._session("write the question log") as db:
            return await sql.insert_questions(db, rows, dropped)

    async def purge_texts(self, before: datetime) -> int:
        async with self._session("delete expired question texts") as db:
            return await sql.purge_texts(db, before)

    async def upsert_feedback(self, qid: str, user_hash: str, vote: int, now: datetime) -> bool:
        async with self._session("record feedback") as db:
            return await sql.upsert_feedback(db, qid, user_hash, vote, now)

    async def read_guild(self, guild_id: int) -> GuildSettings:
        async with self._session("read server settings") as db:
            return await sql.read_guild(db, guild_id)

    async def write_guild(
        self,
        guild_id: int,
        now: datetime,
        *,
        default_lang: str | Unset | None,
        answer_channels: frozenset[int] | Unset,
        enabled: bool | Unset,
    ) -> GuildSettings:
        async with self._session("change server settings") as db:
            return await sql.write_guild(
                db,
                guild_id,
                now,
                default_lang=default_lang,
                answer_channels=answer_channels,
                enabled=enabled,
            )

    async def read_stats(self, since: datetime | None, guild_id: int | None, top: int) -> RawStats:
        async with self._session("read statistics") as db, transaction(db, write=False):
            return await read_stats(_Reader(db), since, guild_id, top=top)

    async def failed_texts(
        self, since: datetime | None, guild_id: int | None
    ) -> list[tuple[str, str, int, int]]:
        async with self._session("read unanswered questions") as db:
            return await failed_texts(_Reader(db), since, guild_id, include_downvoted=True)

    async def questions_after(self, qid: str, limit: int) -> list[QuestionRow]:
        async with self._session("read the question log") as db:
            return await transfer.questions_after(db, qid, limit)

    async def feedback_after(self, key: tuple[str, str], limit: int) -> list[FeedbackRow]:
        async with self._session("read feedback") as db:
            return await transfer.feedback_after(db, key, limit)

    async def guilds(self) -> list[GuildRow]:
        async with self._session("read server settings") as db:
            return await transfer.guilds(db)

    async def dropped(self) -> list[DroppedRow]:
        async with self._session("read dropped counts") as db:
            return await transfer.dropped(db)

    async def merge(
        self,
        feedback: Sequence[FeedbackRow],
        guilds: Sequence[GuildRow],
        dropped: Sequence[DroppedRow],
    ) -> int:
        async with self._session("copy rows in") as db:
            return await transfer.merge(db, feedback, guilds, dropped)

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            await self._db.close()
