"""Opening the database: refused in one line when unusable, private file modes."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from briefbot.storage import Store
from storage_entries import entry

TIMEOUT = 60
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# The CLI pinned to one CPU, where a thread left behind by a failed open is the
# most likely to run after the event loop has closed and print its traceback.
ONE_CPU = """
import os, sys
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from briefbot.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _briefbot(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_"))}
    return subprocess.run(
        [sys.executable, "-c", ONE_CPU, *args],
        capture_output=True,
        text=True,
        env={**env, "BRIEFBOT_DB": str(db)},
        timeout=TIMEOUT,
        check=False,
    )


def _a_directory(tmp_path: Path) -> Path:
    return tmp_path  # a folder where the file should be: refused even to root


def _in_a_readonly_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    return folder / "briefbot.sqlite3"


def _existing_in_a_readonly_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "readonly"
    folder.mkdir()
    assert _briefbot(folder / "briefbot.sqlite3", "ask", "who spoke?").returncode == 0
    folder.chmod(0o555)  # no -wal or -shm can be made beside it now
    return folder / "briefbot.sqlite3"


def _under_proc(tmp_path: Path) -> Path:
    return Path("/proc/self/briefbot.sqlite3")  # exists, refuses new files, even to root


UNUSABLE: list[object] = [
    pytest.param(_a_directory, id="a-directory"),
    pytest.param(
        _under_proc,
        id="under-proc",
        marks=pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="no /proc"),
    ),
    pytest.param(
        _in_a_readonly_folder,
        id="new-file-in-readonly-folder",
        marks=pytest.mark.skipif(AS_ROOT, reason="root writes in read-only folders"),
    ),
    pytest.param(
        _existing_in_a_readonly_folder,
        id="existing-file-in-readonly-folder",
        marks=pytest.mark.skipif(AS_ROOT, reason="root writes in read-only folders"),
    ),
]


@pytest.mark.parametrize("make", UNUSABLE)
@pytest.mark.parametrize("command", [["ask", "who spoke?"], ["console"]])
def test_an_unusable_database_is_one_line_and_exit_2(
    tmp_path: Path, make: Callable[[Path], Path], command: list[str]
) -> None:
    """No traceback from a worker thread, whatever the reason the file cannot be opened."""
    db = make(tmp_path)
    try:
        done = _briefbot(db, *command)
    finally:
        for folder in tmp_path.glob("readonly"):
            folder.chmod(0o755)
    assert done.returncode == 2
    assert done.stderr.startswith("briefbot: ") and str(db) in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The common umask 022, which alone would make new files readable by everyone."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("loose_umask")
async def test_the_database_wal_and_shm_are_readable_by_the_owner_only(tmp_path: Path) -> None:
    """A new file, its -wal and its -shm are created mode 0600."""
    path = tmp_path / "briefbot.sqlite3"
    async with await Store.open(path) as store:
        store.log(entry())
        await store.flush()
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}


@pytest.mark.usefixtures("loose_umask")
async def test_an_existing_world_readable_database_is_made_private(tmp_path: Path) -> None:
    """A file made 0644 by an older briefbot is 0600 once opened, and so are its -wal and -shm."""
    path = tmp_path / "briefbot.sqlite3"
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("CREATE TABLE t (x)")
        assert _mode(path) == 0o644
        async with await Store.open(path) as store:
            store.log(entry())
            await store.flush()
            for suffix in ("", "-wal", "-shm"):
                assert _mode(path.with_name(path.name + suffix)) == 0o600, suffix
