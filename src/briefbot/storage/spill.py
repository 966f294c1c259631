"""Overflow files for log entries the database cannot take fast enough.

The store keeps a bounded number of entries in memory. Past that bound (the
disk is slow, another process holds the write lock, the database is full),
while the database refuses writes, and after the store is closed, entries go
to spill files instead: JSON lines, written with one ``write`` per call and no
fsync, so they survive the death of the process (not of the machine). The
writer moves spill files into the database, and :meth:`Store.open` replays any
left behind by a process that died.

Each process writes its own files (``<db>.spill-<pid>-<random>.jsonl``) and
holds an exclusive ``flock`` on each while it owns it; recovery only takes
files it can lock, so it never steals the spill of a process still running.
Rows already stored are skipped on replay (``INSERT OR IGNORE`` on the
question id), so a crash between the insert and the deletion of the file
cannot log a question twice.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import secrets
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, cast

from briefbot.storage.db import QuestionRow
from briefbot.storage.db.core import QUESTION_COLUMNS

log = logging.getLogger(__name__)

_ROW_LENGTH: Final = len(QUESTION_COLUMNS)
# Rows spilled by a briefbot from before the knowledge base version was logged
# (the 12 columns before kb_version): replayed with no version.
_OLD_ROW_LENGTH: Final = 12
# A file is replayed whole, in one transaction: this bounds the memory and the
# transaction that replaying one takes.
FILE_ROWS: Final = 5_000
# A working writer moves a spill file in within seconds; one untouched for
# this long means the database is not taking them (or its process died).
STALE_AFTER: Final = 300.0

Item = tuple[int, QuestionRow]
"""A row and its sequence number (the order the store accepted it in)."""

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
    lowest_seq: int  # the smallest sequence number (see QuestionLog) of its rows
    count: int = 0

    def release(self, *, delete: bool) -> None:
        """Close (and unlock) the file, deleting it first once its rows are stored."""
        if delete:
            self.path.unlink(missing_ok=True)
        os.close(self.fd)

    def read(self) -> list[QuestionRow]:
        """The rows in the file; a torn line (the disk filled up mid-write) is skipped."""
        rows: list[QuestionRow] = []
        with self.path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    value = json.loads(line)
                except ValueError:
                    log.warning("skipping unreadable line %d of %s", number, self.path)
                    continue
                if isinstance(value, list) and len(value) == _OLD_ROW_LENGTH:
                    value.append(None)
                if not isinstance(value, list) or len(value) != _ROW_LENGTH:
                    log.warning("skipping malformed line %d of %s", number, self.path)
                    continue
                rows.append(cast(QuestionRow, tuple(value)))
        return rows


def _spill_glob(db_path: Path) -> str:
    return f"{db_path.name}.spill-*.jsonl"


def _write_all(fd: int, data: bytes) -> tuple[int, OSError | None]:
    """Write ``data``; return the bytes written and, when not all, why."""
    done = 0
    while done < len(data):
        try:
            wrote = os.write(fd, data[done:])
        except OSError as exc:
            return done, exc
        if wrote == 0:
            return done, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        done += wrote
    return done, None


class Spiller:
    """Appends rows to this process's spill files, starting a new one on demand.

    ``error`` holds why the last :meth:`write` wrote fewer rows than it was given.
    """

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self.current: SpillFile | None = None
        self._done: list[SpillFile] = []  # full or retired files, not taken yet
        self.error: OSError | None = None

    @property
    def files(self) -> list[SpillFile]:
        """Every file written and not yet taken by :meth:`take`."""
        return self._done + ([self.current] if self.current is not None else [])

    def _open(self, seq: int) -> SpillFile:
        name = f"{self._db_path.name}.spill-{os.getpid()}-{secrets.token_hex(4)}.jsonl"
        path = self._db_path.with_name(name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        _try_lock(fd)  # a fresh, uniquely named file: nobody else can hold it
        return SpillFile(path, fd, lowest_seq=seq)

    def _retire(self) -> None:
        """Stop appending to the current file (full, or ending in a torn line)."""
        current, self.current = self.current, None
        if current is None:
            return
        if current.count:
            self._done.append(current)
        else:
            current.release(delete=True)

    def write(self, items: Sequence[Item]) -> int:
        """Append rows as JSON lines; return how many were written whole, in order.

        Fewer than given means the disk refused (see ``error``). A file that
        may end in a torn line is retired, so no later row is glued to it.
        """
        written = 0
        while written < len(items):
            if self.current is None:
                try:
                    self.current = self._open(items[written][0])
                except OSError as exc:
                    self.error = exc
                    return written
            part = items[written : written + FILE_ROWS - self.current.count]
            # ASCII-only JSON: any character, even a lone surrogate, survives the round trip.
            lines = [(json.dumps(row) + "\n").encode("ascii") for _, row in part]
            data = b"".join(lines)
            done, error = _write_all(self.current.fd, data)
            whole = len(part) if error is None else data[:done].count(b"\n")
            if whole:
                lowest = min(seq for seq, _ in part[:whole])
                self.current.lowest_seq = min(self.current.lowest_seq, lowest)
                self.current.count += whole
            written += whole
            if error is not None:
                self.error = error
                self._retire()
                return written
            if self.current.count >= FILE_ROWS:
                self._retire()
        return written

    def take(self) -> list[SpillFile]:
        """Hand every file to the writer; the next row starts a new file."""
        self._retire()
        taken, self._done = self._done, []
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
            found.append(SpillFile(path, fd, lowest_seq=0))
        else:
            os.close(fd)
    return found


def stale(db_path: Path, older_than: float, now: float) -> list[Path]:
    """Spill files beside ``db_path`` not written to for ``older_than`` seconds."""
    found = []
    for path in db_path.parent.glob(_spill_glob(db_path)):
        try:
            if now - path.stat().st_mtime > older_than:
                found.append(path)
        except FileNotFoundError:
            continue  # stored and deleted meanwhile
    return found


async def replay(db_path: Path, insert: Callable[[list[QuestionRow]], Awaitable[int]]) -> int:
    """Store the spill files dead processes left, one file per call of ``insert``.

    Files not stored (``insert`` raised) stay for the next try. Returns the
    rows replayed.
    """
    spills = orphans(db_path)
    recovered = files = 0
    try:
        while spills:
            rows = spills[0].read()
            await insert(rows)
            spills.pop(0).release(delete=True)
            recovered, files = recovered + len(rows), files + 1
    finally:
        for spill in spills:
            spill.release(delete=False)
        if files:
            log.warning("recovered %d logged questions from %d spill files", recovered, files)
    return recovered
