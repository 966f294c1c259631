"""One store under test, SQLite or PostgreSQL: open it, and read its rows from outside.

Storage tests take the ``backing`` fixture (tests/conftest.py), parametrized
over both stores, so each behaviour is checked on each.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefbot.storage import Store
from briefbot.storage.location import Location, PostgresLocation, SqliteLocation
from pgserver import query as pg_query

SECRET = "0123456789abcdef" * 4  # a fixed user-hash key (64 hex digits)


@dataclass(frozen=True)
class Backing:
    """Where a test's store lives, and how to look at it without the store."""

    kind: str  # "sqlite" or "postgres"
    location: Location

    @property
    def local(self) -> Path:
        """The stem of this machine's spill files."""
        return self.location.local

    async def open(self, **options: Any) -> Store:
        """The store under test; PostgreSQL gets the secret it requires."""
        if isinstance(self.location, PostgresLocation):
            options.setdefault("secret", SECRET)
        return await Store.open(self.location, **options)

    def query(self, statement: str, *params: object) -> list[tuple[Any, ...]]:
        """Rows of one statement with ``?`` placeholders, read on a connection of our own."""
        if isinstance(self.location, SqliteLocation):
            with closing(sqlite3.connect(self.location.path)) as db:
                return db.execute(statement, params).fetchall()
        return pg_query(self.location.url, statement, *params)

    def count(self) -> int:
        return int(self.query("SELECT count(*) FROM questions")[0][0])

    def spill_files(self) -> list[Path]:
        return sorted(self.local.parent.glob(f"{self.local.name}.spill-*"))
