"""The question log on a full disk: bounded memory, oldest dropped and counted, one warning.

The child process lowers its own file-size limit (``RLIMIT_FSIZE``) to zero, so
that no file can grow: SQLite's WAL and the spill files fail as on a full disk,
through the real code paths, for root too. Raising the limit frees the "disk".
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from storage_child import WAIT, read_line, spawn

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")

BEFORE, DURING, MAX_QUEUE = 50, 5_000, 1_000

FULL = f"""
import logging, resource, sqlite3
from contextlib import closing

stderr = logging.StreamHandler(sys.stderr)
stderr.setLevel(logging.INFO)
stderr.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
logging.basicConfig(level=logging.INFO, handlers=[stderr])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # past the limit a write fails with EFBIG


class Refusals(logging.Handler):  # sees the writer's debug line for each refused batch
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.seen = asyncio.Event()

    def emit(self, record):
        if record.getMessage().endswith("will retry"):
            self.seen.set()


refusals = Refusals()
logging.getLogger("briefbot.storage.writer").setLevel(logging.DEBUG)
logging.getLogger("briefbot.storage.writer").addHandler(refusals)


def disk(free):
    size = resource.RLIM_INFINITY if free else 0
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))


async def main(path):
    store = await Store.open(Path(path), max_pending=100, max_queue={MAX_QUEUE})
    for n in range({BEFORE}):
        store.log(entry(n))
    await store.flush()
    with closing(sqlite3.connect(path)) as other:  # an empty WAL: any write must grow a file
        other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    disk(free=False)
    for n in range({BEFORE}, {BEFORE + DURING}):
        store.log(entry(n))  # never raises, never waits
        if n % 50 == 0:
            await asyncio.sleep(0.005)  # the writer runs meanwhile, as far as it gets
    # A batch in flight now holds older questions, and is stored if the disk frees up
    # before it is written. Wait, bounded, for a batch refused after the last log()
    # (nothing awaited since): then memory holds exactly the newest questions.
    refusals.seen.clear()
    await asyncio.wait_for(refusals.seen.wait(), {WAIT})
    print("full", flush=True)
    disk(free=True)
    await store.flush()
    await store.close()
    print("done", flush=True)

asyncio.run(main(sys.argv[1]))
"""


def _questions(path: Path) -> list[int]:
    with closing(sqlite3.connect(path)) as db:
        rows = db.execute("SELECT question FROM questions").fetchall()
    return sorted(int(str(text).split()[1]) for (text,) in rows)


def test_a_full_disk_keeps_the_newest_questions_counts_the_rest_and_warns_once(
    tmp_path: Path,
) -> None:
    """5,000 questions on a full disk: the newest 1,000 wait in memory and are stored once
    the disk frees up, the 4,000 oldest are counted as dropped, stderr has two lines."""
    path = tmp_path / "briefbot.sqlite3"
    child = spawn(FULL, path)
    assert read_line(child) == "full"
    assert read_line(child) == "done"
    assert child.wait(timeout=WAIT) == 0
    stderr = child.stderr.read() if child.stderr else ""
    lines = [line for line in stderr.splitlines() if "applied schema migration" not in line]
    assert len(lines) == 2, stderr
    assert lines[0].startswith("WARNING question log: neither the database")
    assert f"keeping the newest {MAX_QUEUE} questions" in lines[0]
    assert lines[1].startswith("WARNING question log: writing to")
    assert f"{DURING - MAX_QUEUE} questions were dropped" in lines[1]

    newest = list(range(BEFORE + DURING - MAX_QUEUE, BEFORE + DURING))
    assert _questions(path) == list(range(BEFORE)) + newest
    assert list(tmp_path.glob("*.spill-*")) == []

    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    stats = subprocess.run(
        [sys.executable, "-m", "briefbot", "stats", "--json", "--db", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=WAIT,
        check=True,
    )
    figures = json.loads(stats.stdout)
    assert (figures["total"], figures["dropped"]) == (BEFORE + MAX_QUEUE, DURING - MAX_QUEUE)
    table = subprocess.run(
        [sys.executable, "-m", "briefbot", "stats", "--guild", "1", "--db", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=WAIT,
        check=True,
    )
    assert f"dropped         {DURING - MAX_QUEUE} " in table.stdout
