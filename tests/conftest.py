"""Fixtures shared by the whole suite: the shipped knowledge base and engine, the stores."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefbot import knowledge
from briefbot.engine.core import Engine
from briefbot.engine.kb import KnowledgeBase
from briefbot.storage.location import PostgresLocation, SqliteLocation
from pgserver import PASSWORD, PostgresServer, Unavailable
from stores import Backing


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once."""
    return knowledge.load()


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> Engine:
    """An engine over the shipped knowledge base."""
    return Engine(kb, knowledge.lexicon())


# --- the stores: SQLite and a real PostgreSQL server -------------------------------


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole run, stopped and removed at the end.

    Skipped, saying why, where no server can be had; a failure instead when
    BRIEFBOT_REQUIRE_POSTGRES=1 (CI sets it), so CI never passes by skipping.
    """
    server = None
    try:
        server = PostgresServer()
        server.start()
    except Unavailable as exc:
        if server is not None:
            server.remove()
        if os.environ.get("BRIEFBOT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL required (BRIEFBOT_REQUIRE_POSTGRES=1) but: {exc}")
        pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    try:
        yield server
    finally:
        try:
            server.stop()
        finally:
            server.remove()


@pytest.fixture(params=["sqlite", "postgres"])
def backing(request: pytest.FixtureRequest, tmp_path: Path) -> Backing:
    """A fresh store of each kind: a SQLite file, or a new database on the test server."""
    if request.param == "sqlite":
        return Backing("sqlite", SqliteLocation(tmp_path / "data" / "briefbot.sqlite3"))
    server: PostgresServer = request.getfixturevalue("postgres")
    location = PostgresLocation(
        server.database(), tmp_path / "data" / "briefbot-postgres", PASSWORD
    )
    return Backing("postgres", location)


@pytest.fixture
def pg_backing(postgres: PostgresServer, tmp_path: Path) -> Backing:
    """A fresh PostgreSQL database, for tests of PostgreSQL alone."""
    location = PostgresLocation(
        postgres.database(), tmp_path / "data" / "briefbot-postgres", PASSWORD
    )
    return Backing("postgres", location)
