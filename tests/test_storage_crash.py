"""The question log across process deaths: SIGKILL mid-burst, SIGTERM, spill recovery.

Each test runs a writer in a child interpreter (the code under test, unmocked)
and checks the file from the parent. Every wait on the child is bounded.
"""

from __future__ import annotations

import signal
import sqlite3
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import pytest

from briefbot.storage import LogEntry, Store
from briefbot.storage.writer import MAX_PENDING
from storage_child import WAIT, count, integrity, kill, read_line, spawn

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


BURST = """
async def main(path):
    store = await Store.open(Path(path), max_pending=100)
    n = 0
    while True:
        for _ in range(10):
            for _ in range(150):  # more than max_pending: some go through spill files
                store.log(entry(n))
                n += 1
            await asyncio.sleep(0)
        await store.flush()
        print(n, flush=True)

asyncio.run(main(sys.argv[1]))
"""


@pytest.mark.parametrize("round_", range(3))
async def test_a_writer_killed_mid_burst_leaves_a_sound_file(tmp_path: Path, round_: int) -> None:
    """SIGKILL in a burst: integrity_check is ok, flushed rows are there, writes go on."""
    path = tmp_path / "briefbot.sqlite3"
    flushed = 0
    for _ in range(round_ + 1):  # later rounds kill a writer working on a used file
        child = spawn(BURST, path)
        for _ in range(3):
            flushed = int(read_line(child))
        kill(child)
        assert integrity(path) == "ok"
        assert count(path) >= flushed
    async with await Store.open(path) as store:  # also replays any spill file left
        before = count(path)
        assert before >= flushed
        fields = ("cli", None, None, None, "fr", None, "decline", 0.0, 1.0, "encore là ?")
        store.log(LogEntry(uuid4().hex, datetime.now(UTC), *fields))
        await store.flush()
        assert count(path) == before + 1
    assert integrity(path) == "ok"


TERM = """
async def main(path):
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    n = 0
    async with await Store.open(Path(path), max_pending=100) as store:
        while not stop.is_set():
            store.log(entry(n))
            n += 1
            if n == 2000:
                print("busy", flush=True)
            if n % 50 == 0:
                await asyncio.sleep(0)
    print(n, flush=True)

asyncio.run(main(sys.argv[1]))
"""


def test_sigterm_in_a_burst_stores_every_question_logged(tmp_path: Path) -> None:
    """A front end that closes the store on SIGTERM loses none of the questions it logged."""
    path = tmp_path / "briefbot.sqlite3"
    child = spawn(TERM, path)
    assert read_line(child) == "busy"
    child.send_signal(signal.SIGTERM)
    logged = int(read_line(child))
    assert child.wait(timeout=WAIT) == 0
    assert logged >= 2000
    assert count(path) == logged
    assert list(tmp_path.glob("*.spill-*")) == []


STALLED = """
async def main(path):
    store = await Store.open(Path(path), max_pending=10)
    print("open", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    for n in range(500):
        store.log(entry(n))
    print("logged", flush=True)
    await asyncio.sleep(3600)

asyncio.run(main(sys.argv[1]))
"""


async def test_spilled_questions_of_a_killed_process_are_stored_on_the_next_start(
    tmp_path: Path,
) -> None:
    """While the file is locked, entries past memory spill; after SIGKILL the next open stores them.

    Only the entries held in memory (max_pending=10) are lost with the process.
    """
    path = tmp_path / "briefbot.sqlite3"
    child = spawn(STALLED, path)
    assert read_line(child) == "open"
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # the child's writer cannot commit now
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
        assert read_line(child) == "logged"
        kill(child)
        other.execute("COMMIT")
    assert count(path) == 0
    assert list(tmp_path.glob("*.spill-*"))
    async with await Store.open(path):
        pass
    assert count(path) == 490
    assert list(tmp_path.glob("*.spill-*")) == []
    assert integrity(path) == "ok"


LOCKED = """
async def main(path):
    store = await Store.open(Path(path))  # the defaults every front end runs with
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


async def test_sigkill_while_the_database_is_locked_loses_at_most_max_pending(
    tmp_path: Path,
) -> None:
    """The README's promise: a killed process loses at most MAX_PENDING questions.

    Another connection holds the write lock, so nothing reaches the database
    before the kill; what memory did not hold was in spill files.
    """
    path = tmp_path / "briefbot.sqlite3"
    child = spawn(LOCKED, path)
    assert read_line(child) == "open"
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
        assert read_line(child) == "logged"
        kill(child)
        other.execute("COMMIT")
    assert count(path) == 0
    async with await Store.open(path):
        pass
    assert 10_000 - MAX_PENDING <= count(path) <= 10_000
    assert list(tmp_path.glob("*.spill-*")) == []
    assert integrity(path) == "ok"
