"""What only PostgreSQL has: many processes on one database, a server that restarts, a password.

The behaviour both stores share is tested on both (the ``backing`` fixture);
these tests run on the real server of the ``postgres`` fixture. Every wait
is bounded.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from pathlib import Path

import asyncpg
import pytest

from briefbot.cli import main
from briefbot.config import Settings, read_location
from briefbot.errors import StorageError
from briefbot.storage import SCHEMA_VERSION, Store
from briefbot.storage.db.schema import MIGRATIONS
from briefbot.storage.location import PostgresLocation
from briefbot.storage.opening import probe
from briefbot.storage.writer import MAX_PENDING
from pgserver import PASSWORD, PostgresServer
from storage_child import WAIT, kill, read_line, spawn
from storage_entries import entry
from stores import SECRET, Backing

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def child_env(backing: Backing) -> dict[str, str]:
    return {"TEST_PG_LOCAL": str(backing.local), "TEST_PG_PASSWORD": PASSWORD}


def url_of(backing: Backing) -> str:
    assert isinstance(backing.location, PostgresLocation)
    return backing.location.url


# --- migrations -----------------------------------------------------------------------

OPEN = """
async def main(target):
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    async with await open_store(target):
        print("open", flush=True)

asyncio.run(main(sys.argv[1]))
"""


def test_processes_starting_together_migrate_once(pg_backing: Backing) -> None:
    """Four processes opening a new database at once all start; each migration is applied once."""
    children = [spawn(OPEN, url_of(pg_backing), **child_env(pg_backing)) for _ in range(4)]
    try:
        for child in children:  # released together once all are up
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        for child in children:
            assert read_line(child) == "open"
            assert child.wait(timeout=WAIT) == 0
    finally:
        for child in children:
            if child.poll() is None:
                kill(child)
    versions = pg_backing.query("SELECT version FROM schema_migrations ORDER BY version")
    assert versions == [(v,) for v in range(1, SCHEMA_VERSION + 1)]


async def test_a_database_from_a_newer_briefbot_is_refused(pg_backing: Backing) -> None:
    """A schema version above this briefbot's stops the start, naming the database."""
    async with await pg_backing.open():
        pass
    pg_backing.query(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', now())"
    )
    with pytest.raises(StorageError, match="newer"):
        await pg_backing.open()


async def test_a_database_from_before_versions_is_upgraded_in_place(pg_backing: Backing) -> None:
    """A database at schema 4 (no kb_version column) with a question reaches the current
    schema: the old question has no version, a new one has its own."""
    pg_backing.query(
        """CREATE TABLE schema_migrations (
            version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL
        )"""
    )
    for migration in MIGRATIONS[:4]:
        for statement in migration.postgres:
            pg_backing.query(statement)
        pg_backing.query(
            "INSERT INTO schema_migrations VALUES (?, ?, now())", migration.version, migration.name
        )
    pg_backing.query(
        "INSERT INTO questions (qid, asked_at, frontend, lang, kind, confidence, latency_ms)"
        " VALUES (?, now(), 'chat', 'en', 'decline', 0.1, 1.0)",
        "a" * 32,
    )
    async with await pg_backing.open() as store:
        store.log(entry(qid="b" * 32, kb_version="0123456789ab"))
    versions = pg_backing.query("SELECT version FROM schema_migrations ORDER BY version")
    assert versions == [(v,) for v in range(1, SCHEMA_VERSION + 1)]
    assert pg_backing.query("SELECT qid, kb_version FROM questions ORDER BY qid") == [
        ("a" * 32, None),
        ("b" * 32, "0123456789ab"),
    ]


async def test_health_probe_checks_the_schema_and_a_write(pg_backing: Backing) -> None:
    """`briefbot health` refuses a database not yet migrated and passes a migrated one."""
    with pytest.raises(StorageError, match="older"):
        await probe(pg_backing.location, time.time())
    async with await pg_backing.open():
        pass
    await probe(pg_backing.location, time.time())
    assert pg_backing.count() == 0  # the probe's row was rolled back


# --- the secret and the password --------------------------------------------------------


async def test_postgres_needs_the_secret_that_keys_user_hashes(pg_backing: Backing) -> None:
    """Without BRIEFBOT_SECRET every machine would hash users differently: refused, saying so."""
    with pytest.raises(StorageError, match="BRIEFBOT_SECRET"):
        await Store.open(pg_backing.location)


async def test_the_password_file_opens_the_database(pg_backing: Backing, tmp_path: Path) -> None:
    """BRIEFBOT_DB_PASSWORD_FILE supplies the password the URL leaves out."""
    secret = tmp_path / "db_password"
    secret.write_text(PASSWORD + "\n")
    env = {"BRIEFBOT_DB": url_of(pg_backing), "BRIEFBOT_DB_PASSWORD_FILE": str(secret)}
    location = read_location(Settings.from_env(env))
    async with await Store.open(location, secret=SECRET) as store:
        store.log(entry())
    assert pg_backing.count() == 1


async def test_a_password_never_shows_in_messages_logs_or_local_files(
    pg_backing: Backing, caplog: pytest.LogCaptureFixture
) -> None:
    """A password in the URL works, and neither it nor a wrong one appears anywhere we write."""
    url = url_of(pg_backing)
    wrong = "wrong-password-5d1e"
    caplog.set_level(logging.DEBUG)
    location = read_location(Settings.from_env({"BRIEFBOT_DB": url.replace("@", f":{wrong}@")}))
    assert wrong not in f"{location} {location!r}"
    with pytest.raises(StorageError) as refused:
        await Store.open(location, secret=SECRET)
    assert "password" in str(refused.value)  # "password authentication failed ..."
    given = url.replace("briefbot@", f"briefbot:{PASSWORD}@")
    good = read_location(Settings.from_env({"BRIEFBOT_DB": given}))
    assert PASSWORD not in f"{good} {good!r}"
    async with await Store.open(good, secret=SECRET, max_pending=0) as store:
        store.log(entry(question="a question"))  # max_pending=0: through a spill file
        await store.flush()
        assert (await store.stats()).total == 1
    for secret in (wrong, PASSWORD):
        assert secret not in str(refused.value)
        assert secret not in caplog.text
        for file in pg_backing.local.parent.rglob("*"):
            assert secret.encode() not in file.read_bytes()


# --- the writer when the server goes away ------------------------------------------------


async def test_a_database_restart_mid_burst_loses_nothing_and_doubles_nothing(
    pg_backing: Backing, postgres: PostgresServer, caplog: pytest.LogCaptureFixture
) -> None:
    """The server stops mid-burst: questions spill, the writer reconnects once it is back,
    and every question logged is stored exactly once. The log says so, by the URL."""
    caplog.set_level(logging.WARNING)
    logged: list[str] = []
    async with await pg_backing.open(max_pending=100) as store:
        for n in range(3000):
            if n == 1000:
                await asyncio.wait_for(store.flush(), WAIT)
                await asyncio.to_thread(postgres.stop)  # drops every connection
            item = entry(question=f"burst {n}")
            store.log(item)
            logged.append(item.qid)
            if n % 50 == 0:
                await asyncio.sleep(0)
        assert pg_backing.spill_files()  # memory held 100; the rest waited on disk
        await asyncio.to_thread(postgres.start)
        await asyncio.wait_for(store.flush(), WAIT)
        stored = [qid for (qid,) in pg_backing.query("SELECT qid FROM questions")]
        assert sorted(stored) == sorted(logged)
        assert pg_backing.spill_files() == []
        assert await store.record_feedback(logged[-1], 7, 1)  # the pool works again
    url = url_of(pg_backing)
    assert f"the database {url} refuses writes" in caplog.text
    assert f"writing to {url} again" in caplog.text
    assert PASSWORD not in caplog.text


BURST = """
async def main(target):
    store = await open_store(target, max_pending=100)
    n = first = int(os.environ["TEST_FIRST"])  # each child numbers its questions apart
    while True:
        for _ in range(10):
            for _ in range(150):  # more than max_pending: some go through spill files
                store.log(entry(n))
                n += 1
            await asyncio.sleep(0)
        await store.flush()
        print(n - first, flush=True)

asyncio.run(main(sys.argv[1]))
"""


@posix_only
async def test_a_writer_killed_mid_burst_keeps_every_flushed_question(pg_backing: Backing) -> None:
    """SIGKILL in a burst: what was flushed is stored, once, and the next start goes on."""
    flushed = 0
    for first in (0, 1_000_000):  # the second writer starts where the first was killed
        child = spawn(BURST, url_of(pg_backing), TEST_FIRST=str(first), **child_env(pg_backing))
        for _ in range(3):
            done = int(read_line(child))
        kill(child)
        flushed += done
        assert pg_backing.count() >= flushed
    async with await pg_backing.open() as store:  # replays any spill file left
        before = pg_backing.count()
        store.log(entry(question="still here?"))
        await store.flush()
        assert pg_backing.count() == before + 1
    assert pg_backing.spill_files() == []
    dupes = "SELECT count(*) - count(DISTINCT question) FROM questions"
    assert pg_backing.query(dupes) == [(0,)]


LOCKED = """
async def main(target):
    store = await open_store(target)  # the defaults every front end runs with
    print("open", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    for n in range(10_000):
        store.log(entry(n))
        if n % 100 == 0:
            await asyncio.sleep(0)
    print("logged", flush=True)
    await asyncio.sleep(3600)

asyncio.run(main(sys.argv[1]))
"""


@posix_only
async def test_sigkill_while_the_table_is_locked_loses_at_most_max_pending(
    pg_backing: Backing,
) -> None:
    """The README's promise on PostgreSQL: a killed process loses at most MAX_PENDING questions.

    Another session locks the table, so nothing is committed before the kill;
    what memory did not hold was in spill files, stored by the next start.
    """
    async with await pg_backing.open():
        pass
    child = spawn(LOCKED, url_of(pg_backing), **child_env(pg_backing))
    assert read_line(child) == "open"
    other = await asyncpg.connect(url_of(pg_backing), password=PASSWORD)
    try:
        locked = other.transaction()
        await locked.start()
        await other.execute("LOCK TABLE questions IN EXCLUSIVE MODE")
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
        assert read_line(child) == "logged"
        kill(child)
        await locked.rollback()
    finally:
        await other.close()
    assert pg_backing.count() == 0
    async with await pg_backing.open():
        pass
    assert 10_000 - MAX_PENDING <= pg_backing.count() <= 10_000
    assert pg_backing.spill_files() == []


async def test_a_nul_character_is_replaced_not_a_poisoned_batch(pg_backing: Backing) -> None:
    """PostgreSQL text holds no NUL: such a question is stored with U+FFFD, its batch with it."""
    async with await pg_backing.open() as store:
        store.log(entry(question="bad\x00byte"))
        store.log(entry(question="fine"))
        await asyncio.wait_for(store.flush(), WAIT)
    texts = sorted(q for (q,) in pg_backing.query("SELECT question FROM questions"))
    assert texts == ["bad\ufffdbyte", "fine"]


def test_briefbot_health_checks_the_postgres_database(
    pg_backing: Backing,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`briefbot health` reads BRIEFBOT_DB and the password file, names the URL, not the
    password; without the schema it says unhealthy."""
    secret = tmp_path / "db_password"
    secret.write_text(PASSWORD)
    monkeypatch.setenv("BRIEFBOT_DB", url_of(pg_backing))
    monkeypatch.setenv("BRIEFBOT_DB_PASSWORD_FILE", str(secret))
    monkeypatch.setenv("BRIEFBOT_LOCAL_DIR", str(tmp_path / "local"))
    assert main(["health"]) == 1
    assert "schema version 0, older" in capsys.readouterr().err

    async def migrate() -> None:
        async with await pg_backing.open():
            pass

    asyncio.run(migrate())
    assert main(["health"]) == 0
    out = capsys.readouterr().out
    assert f"database {url_of(pg_backing)} writable" in out
    assert PASSWORD not in out
