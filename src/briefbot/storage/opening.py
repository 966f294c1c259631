"""Opening the SQLite file (private modes, connect, schema, user-hash key), and the health probe.

A file that cannot be used raises one :class:`StorageError` naming it, and
leaves no thread behind to print a traceback of its own.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from pathlib import Path
from typing import Final

import aiosqlite

from briefbot.errors import StorageError
from briefbot.storage import db as sql
from briefbot.storage.location import Location, PostgresLocation, SqliteLocation
from briefbot.storage.spill import STALE_AFTER, stale
from briefbot.storage.sqlite_backend import SqliteBackend
from briefbot.storage.userkey import user_key

log = logging.getLogger(__name__)

_ITER_CHUNK: Final = 64  # rows per fetch when iterating a cursor (aiosqlite's default)


PRIVATE: Final = 0o600  # the log holds question texts and user hashes: owner only
_COMPANIONS: Final = ("", "-wal", "-shm")  # SQLite gives -wal and -shm the file's own mode


def _make_private(path: Path) -> None:
    """Create the file mode 0600 if missing, and take group and world access off an old one.

    Creating it ourselves, rather than changing the umask around SQLite's
    open, leaves the process-wide umask alone while other threads make files.
    """
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE))
    for suffix in _COMPANIONS:
        companion = path.with_name(path.name + suffix)
        try:
            if companion.stat().st_mode & 0o077:
                companion.chmod(PRIVATE)
        except FileNotFoundError:
            continue
        except PermissionError as exc:  # another user's file: say so, use it anyway
            log.warning("cannot make %s private (mode 0600): %s", companion, exc.strerror)


def _open_file(path: Path) -> sqlite3.Connection:
    _make_private(path)
    # Used afterwards only by aiosqlite's worker thread, one call at a time.
    return sqlite3.connect(path, isolation_level=None, check_same_thread=False)


def _open_existing(path: Path) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=rw"  # never creates the file
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


async def _open_connection(path: Path, *, create: bool = True) -> aiosqlite.Connection:
    """The file opened in a plain worker thread, then handed to aiosqlite.

    ``aiosqlite.connect`` opens the file in its own thread; when that fails,
    the thread races ``asyncio.run`` closing the loop and, losing, prints a
    20-line "Event loop is closed" traceback after our one-line error. Opened
    here, a failure is an ordinary exception and aiosqlite's thread only ever
    wraps a connection that exists.
    """
    try:
        raw = await asyncio.to_thread(_open_file if create else _open_existing, path)
    except (sqlite3.Error, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise StorageError(f"cannot open the database {path}: {reason}") from exc
    return await aiosqlite.Connection(lambda: raw, _ITER_CHUNK)


async def _prepare(path: Path) -> aiosqlite.Connection:
    """Open, configure and migrate the file, creating it and its folders if needed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create the folder of the database {path}: {exc}") from exc
    db = await _open_connection(path)
    try:
        await sql.configure(db)
        version = await sql.schema_version(db)
        if version > sql.SCHEMA_VERSION:
            raise StorageError(
                f"the database {path} has schema version {version}, newer than this "
                f"briefbot knows ({sql.SCHEMA_VERSION}); upgrade briefbot"
            )
        await sql.migrate(db)
    except BaseException as exc:
        await db.close()
        if isinstance(exc, sqlite3.Error | OSError):
            raise StorageError(f"cannot use {path} as the briefbot database: {exc}") from exc
        raise
    return db


async def open_file(path: Path) -> SqliteBackend:
    """The file, migrated, without the user-hash key: for copying rows, which hashes nothing."""
    return SqliteBackend(await _prepare(path), path)


async def connect(path: Path, secret: str | None) -> tuple[SqliteBackend, bytes]:
    """Open, configure and migrate the file; return it and the user-hash key.

    ``secret`` is the configured key text, if any (see :mod:`briefbot.storage.userkey`).
    """
    db = await _prepare(path)
    try:
        stored = await sql.stored_hash_key(db)
        key = user_key(path, secret, stored)
        if stored is not None:
            await sql.forget_stored_hash_key(db)
    except BaseException as exc:
        await db.close()
        if isinstance(exc, sqlite3.Error | OSError):
            raise StorageError(f"cannot use {path} as the briefbot database: {exc}") from exc
        raise
    return SqliteBackend(db, path), key


async def probe(location: Path | Location, now: float) -> None:
    """Check the database as the running bot uses it, changing nothing; raise one-line
    StorageError.

    The schema must be this briefbot's, a question must be insertable (in a
    transaction rolled back), and no spill file may have waited for minutes.
    ``now`` is the wall-clock time (``time.time()``).
    """
    if isinstance(location, Path):
        location = SqliteLocation(location)
    if isinstance(location, PostgresLocation):
        # asyncpg is loaded only for a PostgreSQL store: it would slow every start-up
        from briefbot.storage.postgres_backend import probe as probe_postgres  # noqa: PLC0415

        await probe_postgres(location)
    else:
        await _probe_file(location.path)
    waiting = stale(location.local, STALE_AFTER, now)
    if waiting:
        raise StorageError(
            f"{len(waiting)} spill files beside {location.local} have waited over "
            f"{STALE_AFTER / 60:.0f} minutes: logged questions are not reaching the database"
        )


async def _probe_file(path: Path) -> None:
    if not path.is_file():
        raise StorageError(f"no database at {path}")
    db = await _open_connection(path, create=False)
    try:
        version = await sql.schema_version(db)
        if version != sql.SCHEMA_VERSION:
            relation = "newer" if version > sql.SCHEMA_VERSION else "older"
            raise StorageError(
                f"the database {path} has schema version {version}, {relation} than this "
                f"briefbot's ({sql.SCHEMA_VERSION})"
            )
        await sql.probe_write(db)
    except sqlite3.Error as exc:
        raise StorageError(f"the database {path} cannot be written: {exc}") from exc
    finally:
        await db.close()
