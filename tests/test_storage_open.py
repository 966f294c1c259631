"""Opening the database: a file that cannot be used is refused in one line, from the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

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
