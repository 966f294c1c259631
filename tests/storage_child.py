"""A store in a child interpreter (the code under test, unmocked), driven from the test.

Every wait on the child is bounded.
"""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
WAIT = 30.0  # seconds: bound on every wait for the child

PRELUDE = """
import asyncio, os, signal, sys, uuid
from datetime import UTC, datetime
from pathlib import Path
from briefbot.storage import LogEntry, Store
from briefbot.storage.location import PostgresLocation

def open_store(target, **options):
    # A SQLite path, or a PostgreSQL URL whose password and spill folder come in the environment.
    if not target.startswith("postgresql://"):
        return Store.open(Path(target), **options)
    local = Path(os.environ["TEST_PG_LOCAL"])
    location = PostgresLocation(target, local, os.environ["TEST_PG_PASSWORD"])
    return Store.open(location, secret="0" * 64, **options)

def entry(n):
    return LogEntry(uuid.uuid4().hex, datetime.now(UTC), "chat", 1, 2, n, "en", None,
                    "decline", 0.1, 1.0, f"question {n} " + "x" * 300)
"""


def spawn(body: str, path: Path | str, **extra: str) -> subprocess.Popen[str]:
    """Run ``body`` with the store's path or URL as ``sys.argv[1]``; ``extra`` goes in its
    environment."""
    env = {**os.environ, "PYTHONPATH": str(SRC), **extra}
    code = PRELUDE + textwrap.dedent(body)
    return subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def read_line(child: subprocess.Popen[str], timeout: float = WAIT) -> str:
    """The child's next line of output, or a failure naming what it printed on stderr."""
    assert child.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([child.stdout], [], [], 0.2)
        if ready:
            line = child.stdout.readline()
            if not line:
                child.wait(timeout=WAIT)
                stderr = child.stderr.read() if child.stderr else ""
                pytest.fail(f"child exited ({child.returncode}): {stderr}")
            return line.strip()
    child.kill()
    pytest.fail("child printed nothing in time")


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=WAIT)
    for pipe in (child.stdin, child.stdout, child.stderr):
        if pipe is not None:
            pipe.close()


def count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT count(*) FROM questions").fetchone()[0])


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])
