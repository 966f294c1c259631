"""Overflow files for log entries the database cannot take fast enough.

The store keeps a bounded number of entries in memory. When that bound is
reached (the disk is slow, another process holds the write lock), or after the
store is closed, :meth:`Store.log` appends the entry to a spill file instead:
one ``write`` of one JSON line, no fsync, no waiting on SQLite. The writer
moves spill files into the database, and :meth:`Store.open` replays any left
behind by a process that died, so an entry is never dropped and memory never
grows without bound.

Each process writes its own files (``<db>.spill-<pid>-<random>.jsonl``) and
holds an exclusive ``flock`` on each while it owns it; recovery only takes
files it can lock, so it never steals the spill of a process still running.
Rows already stored are skipped on replay (``INSERT OR IGNORE`` on the
question id), so a crash between the insert and the deletion of the file
cannot log a question twice.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from briefbot.storage.db import QuestionRow

log = logging.getLogger(__name__)

_ROW_LENGTH = 12

if sys.platform == "win32":  # pragma: no cover - no flock; one process per file is assumed

    def _try_lock(fd: int) -> bool:
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


@dataclass(slots=True)
class SpillFile:
    """One spill file, locked by this process until its rows are in the database."""

    path: Path
    fd: int
    first_seq: int  # sequence number (see Store) of the first row written to it
    count: int = 0

    def release(self, *, delete: bool) -> None:
        """Close (and unlock) the file, deleting it first once its rows are stored."""
        if delete:
            self.path.unlink(missing_ok=True)
        os.close(self.fd)

    def read(self) -> list[QuestionRow]:
        """The rows in the file; a torn last line (the process died mid-write) is skipped."""
        rows: list[QuestionRow] = []
        with self.path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    value = json.loads(line)
                except ValueError:
                    log.warning("skipping unreadable line %d of %s", number, self.path)
                    continue
                if not isinstance(value, list) or len(value) != _ROW_LENGTH:
                    log.warning("skipping malformed line %d of %s", number, self.path)
                    continue
                rows.append(cast(QuestionRow, tuple(value)))
        return rows


def _spill_glob(db_path: Path) -> str:
    return f"{db_path.name}.spill-*.jsonl"


class Spiller:
    """Appends rows to this process's current spill file, starting a new one on demand."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self.current: SpillFile | None = None

    def append(self, seq: int, row: QuestionRow) -> None:
        """Write one row as one JSON line; raises ``OSError`` if the disk refuses."""
        if self.current is None:
            name = f"{self._db_path.name}.spill-{os.getpid()}-{secrets.token_hex(4)}.jsonl"
            path = self._db_path.with_name(name)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            _try_lock(fd)  # a fresh, uniquely named file: nobody else can hold it
            self.current = SpillFile(path, fd, first_seq=seq)
        # ASCII-only JSON: any character, even a lone surrogate, survives the round trip.
        os.write(self.current.fd, (json.dumps(row) + "\n").encode("ascii"))
        self.current.count += 1

    def take(self) -> SpillFile | None:
        """Hand the current file to the writer; the next row starts a new file."""
        taken, self.current = self.current, None
        return taken


def orphans(db_path: Path) -> list[SpillFile]:
    """Spill files left by processes that are gone, locked now by this one."""
    found = []
    for path in sorted(db_path.parent.glob(_spill_glob(db_path))):
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            continue  # its owner finished with it meanwhile
        if _try_lock(fd):
            found.append(SpillFile(path, fd, first_seq=0))
        else:
            os.close(fd)
    return found
