"""The store's database as one SQLite file: a single connection behind one lock.

The file has one connection, and two coroutines sharing it would share, and
break, one transaction; so every call takes the lock.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import aiosqlite

from briefbot.storage import db as sql
from briefbot.storage.db.core import transaction
from briefbot.storage.db.stats import Reader
from briefbot.storage.sql_backend import SqlBackend


class _Reader:
    """Runs the shared statistics SQL on the file."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def rows(self, query: str, params: Sequence[object]) -> Sequence[Sequence[Any]]:
        return list(await self._db.execute_fetchall(query, params))

    def time(self, value: datetime) -> object:
        return sql.db_time(value)


class SqliteBackend(SqlBackend[aiosqlite.Connection]):
    """One open SQLite file (see :mod:`briefbot.storage.opening`)."""

    _failures = (sqlite3.Error,)

    def __init__(self, db: aiosqlite.Connection, path: Path) -> None:
        super().__init__(sql, str(path))
        self._db = db
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._lock:
            yield self._db

    def _snapshot(self, db: aiosqlite.Connection) -> AbstractAsyncContextManager[None]:
        return transaction(db, write=False)

    def _reader(self, db: aiosqlite.Connection) -> Reader:
        return _Reader(db)

    async def _release(self) -> None:
        await self._db.close()
