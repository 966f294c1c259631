"""The store's database in PostgreSQL: one database shared by every process and machine.

A small connection pool serves the writer and the bot's reads at once. A
connection the server dropped (a restart, a failover) is replaced on the next
call; until the server answers again each call raises :class:`StorageError`,
and the question log's writer spills and retries with backoff as it does on
SQLite. Messages name the database by its URL without the password.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Any, Final

import asyncpg

from briefbot.errors import StorageError
from briefbot.storage.db import postgres as sql
from briefbot.storage.db.schema import SCHEMA_VERSION
from briefbot.storage.db.stats import Reader
from briefbot.storage.location import PostgresLocation
from briefbot.storage.sql_backend import SqlBackend
from briefbot.storage.userkey import key_from_text

log = logging.getLogger(__name__)

# The writer and a few reads at once; times every shard process stays small.
POOL_SIZE: Final = 4
CONNECT_TIMEOUT: Final = 10.0  # seconds to open a connection before the call fails
COMMAND_TIMEOUT: Final = 60.0  # seconds for one statement: a stuck server fails the call
# What a database or network failure raises in asyncpg; all become StorageError.
_FAILURES: Final = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError)


class _Reader:
    """Runs the shared statistics SQL on one connection."""

    def __init__(self, db: sql.Connection) -> None:
        self._db = db

    async def rows(self, query: str, params: Sequence[object]) -> Sequence[Sequence[Any]]:
        return [tuple(row) for row in await self._db.fetch(sql.numbered(query), *params)]

    def time(self, value: datetime) -> object:
        return value


def _pool(location: PostgresLocation, *, size: int) -> asyncpg.Pool[asyncpg.Record]:
    return asyncpg.create_pool(
        location.url,
        password=location.password,
        min_size=1,
        max_size=size,
        timeout=CONNECT_TIMEOUT,
        command_timeout=COMMAND_TIMEOUT,
    )


class PostgresBackend(SqlBackend[sql.Connection]):
    """One PostgreSQL database, through a pool of connections."""

    _failures = _FAILURES

    def __init__(self, pool: asyncpg.Pool[asyncpg.Record], name: str) -> None:
        super().__init__(sql, name)
        self._pool = pool

    def _connection(self) -> AbstractAsyncContextManager[sql.Connection]:
        return self._pool.acquire(timeout=CONNECT_TIMEOUT)

    def _reason(self, exc: Exception) -> str:
        return _reason(exc)

    def _snapshot(self, db: sql.Connection) -> AbstractAsyncContextManager[object]:
        return db.transaction(isolation="repeatable_read", readonly=True)

    def _reader(self, db: sql.Connection) -> Reader:
        return _Reader(db)

    async def _release(self) -> None:
        await self._pool.close()


def _reason(exc: BaseException) -> str:
    """What went wrong, in one line; asyncpg's messages name no password."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text or type(exc).__name__


async def open_backend(location: PostgresLocation, *, size: int = POOL_SIZE) -> PostgresBackend:
    """Connect and bring the schema up to date; raise one-line StorageError naming the URL.

    A database from a newer briefbot is refused.
    """
    try:
        pool = await _pool(location, size=size)
    except _FAILURES as exc:
        raise StorageError(f"cannot connect to {location}: {_reason(exc)}") from exc
    backend = PostgresBackend(pool, location.url)
    try:
        async with backend._session("migrate the schema") as db:
            found, _ = await sql.migrate(db)
        if found > SCHEMA_VERSION:
            raise StorageError(
                f"the database {location} has schema version {found}, newer than this "
                f"briefbot knows ({SCHEMA_VERSION}); upgrade briefbot"
            )
    except BaseException:
        await backend.close()
        raise
    return backend


async def connect_postgres(
    location: PostgresLocation, secret: str | None
) -> tuple[PostgresBackend, bytes]:
    """The open database and the user-hash key, which must come from the configured secret.

    Every machine must hash user ids alike, and the key must stay out of the
    database it protects, so neither a key file nor the database can hold it.
    """
    if secret is None:
        raise StorageError(
            f"the database {location} is PostgreSQL: set BRIEFBOT_SECRET or "
            "BRIEFBOT_SECRET_FILE, the same on every machine, to key the user-id hashes"
        )
    try:
        location.local.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create the folder {location.local.parent}: {exc}") from exc
    return await open_backend(location), key_from_text(secret)


async def probe(location: PostgresLocation) -> None:
    """Check the database as the running bot uses it, changing nothing: this briefbot's schema,
    and a question insertable (in a transaction rolled back)."""
    try:
        db = await asyncpg.connect(
            location.url,
            password=location.password,
            timeout=CONNECT_TIMEOUT,
            command_timeout=COMMAND_TIMEOUT,
        )
    except _FAILURES as exc:
        raise StorageError(f"cannot connect to {location}: {_reason(exc)}") from exc
    try:
        version = await sql.schema_version(db)
        if version != SCHEMA_VERSION:
            relation = "newer" if version > SCHEMA_VERSION else "older"
            raise StorageError(
                f"the database {location} has schema version {version}, {relation} than this "
                f"briefbot's ({SCHEMA_VERSION})"
            )
        await sql.probe_write(db)
    except _FAILURES as exc:
        raise StorageError(f"the database {location} cannot be written: {_reason(exc)}") from exc
    finally:
        await db.close()
