"""Spill files on a disk that fills up mid-write: whole rows survive, no row glued to a torn one."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from storage_child import WAIT, read_line, spawn

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")

TORN = """
import json, resource
from briefbot.storage.spill import Spiller

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # past the limit a write fails with EFBIG
rows = [(n, ("%032x" % n, "t", "chat", 1, 2, None, "en", None, "decline", 0.0, 1.0, "x" * 300))
        for n in range(10)]
spiller = Spiller(Path(sys.argv[1]))
resource.setrlimit(resource.RLIMIT_FSIZE, (1000, resource.RLIM_INFINITY))  # ~2.5 rows a file
first = spiller.write(rows)
second = spiller.write(rows[first:])
files = spiller.take()
resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
print(json.dumps({
    "written": [first, second],
    "error": spiller.error.errno if spiller.error else None,
    "files": [[f.lowest_seq, f.count, [r[0] for r in f.read()]] for f in files],
}), flush=True)
"""


def test_a_write_cut_short_keeps_whole_rows_and_starts_a_new_file(tmp_path: Path) -> None:
    """The disk refuses mid-row: the rows written whole are readable, the torn one is not
    counted (it stays in memory), and the next write starts a fresh file."""
    child = spawn(TORN, tmp_path / "briefbot.sqlite3")
    result = json.loads(read_line(child))
    assert child.wait(timeout=WAIT) == 0
    first, second = result["written"]
    assert first == second == 2 and result["error"] is not None
    qid = [f"{n:032x}" for n in range(4)]
    assert result["files"] == [[0, 2, qid[:2]], [2, 2, qid[2:]]]
