"""The question log's write path: memory first, batches in the background, spill files next.

Answering must never wait on the disk, so :meth:`QuestionLog.put` only
appends to memory and a background task writes batches, each in one
transaction. A batch is what arrives within ``LINGER`` (0.2 s) of its first
entry, or ``batch_size`` entries if sooner; :meth:`flush` and :meth:`close`
write at once.

What a crash can lose is what memory holds, and memory holds at most
``max_pending`` entries (:data:`MAX_PENDING`) while the disk takes writes:
past that, and whenever the database refuses a batch, entries go to spill
files (:mod:`briefbot.storage.spill`), which survive the process and which
the writer, or the next start, moves into the database.

When neither the database nor a spill file takes a write (a full disk),
entries stay in memory up to ``max_queue`` (:data:`MAX_QUEUE`), besides the
batch being written; past that the oldest are dropped and counted, and the
count is stored with the next batch the database takes, for ``briefbot stats``.
Each such incident logs one warning when it starts (one more if spill files
fail later in it) and one line when the database takes writes again; never a
line per question.

Entries carry sequence numbers so :meth:`flush` can wait for "everything
before now" even while new entries keep arriving.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Final

from briefbot.errors import StorageError
from briefbot.storage.db import DroppedRow, QuestionRow
from briefbot.storage.spill import Item, Spiller, SpillFile

log = logging.getLogger(__name__)

Write = Callable[[list[QuestionRow], Sequence[DroppedRow]], Awaitable[int]]
"""Stores rows and drop counts in one transaction, returns how many rows were new;
raises StorageError."""

_MAX_BACKOFF: Final = 5.0
LINGER: Final = 0.2  # seconds a partial batch waits for more entries before it is written
# Entries in memory before more go to spill files: all a killed process can lose.
# Two batches, one being written and one filling. Saturated with 40 µs answers,
# 2,000, 4,000 and 10,000 (the former bound) spilled alike and ran as fast.
MAX_PENDING: Final = 4_000
# Entries kept in memory when spill files cannot be written either (a full
# disk), besides the batch being written, before the oldest are dropped: about
# 20 MB of typical questions, minutes of a busy bot's traffic, so a short
# outage loses nothing.
MAX_QUEUE: Final = 20_000


class QuestionLog:
    """A bounded queue of question rows in front of a database writer, spilling to files."""

    def __init__(
        self,
        path: Path,
        write: Write,
        *,
        max_pending: int,
        max_queue: int,
        batch_size: int,
        linger: float = LINGER,
        name: str | None = None,
    ) -> None:
        self._path = path
        self._name = str(path) if name is None else name  # the database, for messages
        self._write = write
        self._linger = linger
        self._max_pending = max_pending
        self._max_queue = max_queue
        self._batch_size = batch_size
        self._pending: deque[Item] = deque()  # in memory, in order, not being written
        self._in_flight: list[Item] = []  # the batch being written
        self._spiller = Spiller(path)
        self._taken: list[SpillFile] = []  # spill files being moved into the database
        self._spill_ok = True  # False after a spill write failed: retried every writer round
        self._errors: dict[str, BaseException] = {}  # what refuses writes in this incident
        self._reported: set[str] = set()
        self._dropped: dict[int | None, tuple[int, str]] = {}  # guild -> (count, newest asked_at)
        self._incident_dropped = 0
        self._accepted = 0  # sequence number of the next entry
        self._wake = asyncio.Event()  # something to write
        self._hurry = asyncio.Event()  # write now: a batch is full, or someone waits
        self._stop = asyncio.Event()
        self._progress = asyncio.Event()
        self._closing = False
        self._close_target = 0  # entries before this one are written before close() returns
        self._closed = False
        self._closer: asyncio.Future[None] | None = None
        self._task = asyncio.create_task(self._run(), name="briefbot-question-log")
        self._task.add_done_callback(self._task_done)

    # --- accepting ----------------------------------------------------------

    def put(self, row: QuestionRow) -> None:
        """Accept one row; returns at once and never raises."""
        item = (self._accepted, row)
        self._accepted += 1
        if self._closing or self._task.done():
            self._after_close(item)
            return
        if len(self._pending) + len(self._in_flight) >= self._max_pending and self._spill([item]):
            self._wake.set()
            return
        self._pending.append(item)
        if len(self._pending) > self._max_queue:
            self._drop_oldest()
        self._wake.set()
        if len(self._pending) >= self._batch_size:
            self._hurry.set()

    def _spill(self, items: Sequence[Item]) -> int:
        """Write ``items`` to spill files unless they failed this round; how many were."""
        if not self._spill_ok:
            return 0
        written = self._spiller.write(items)
        if written < len(items):
            self._spill_ok = False
            self._errors.setdefault("spill", self._spiller.error or OSError("spill failed"))
            self._hurry.set()  # the writer tries the database now, then reports both at once
        return written

    def _drop_oldest(self) -> None:
        """Drop the oldest entries past ``max_queue``, counting them.

        The batch in flight is not counted: its entries are older than any
        waiting, so were it refused, newer ones dropped meanwhile would be
        lost while older ones were kept. Refused, it rejoins the queue in
        front and is dropped first.
        """
        while len(self._pending) > self._max_queue:
            _, row = self._pending.popleft()
            count, newest = self._dropped.get(row[3], (0, ""))
            self._dropped[row[3]] = (count + 1, max(newest, row[1]))
            self._incident_dropped += 1

    def _after_close(self, item: Item) -> None:
        """Once closing, entries go straight to a spill file for the next start."""
        if not self._spiller.write([item]):
            if "closed" not in self._reported:
                self._reported.add("closed")
                log.error(
                    "question log: questions logged after closing are lost: "
                    "cannot write a spill file (%s)",
                    self._spiller.error,
                )
            return
        if self._closed:
            self._set_aside()  # unlock the file now, so the next start recovers it
        self._wake.set()

    # --- incidents ------------------------------------------------------------

    def _report(self) -> None:
        """Log each part newly refusing writes, once per incident; both at once in one line.

        Called by the writer after each round, when it knows whether the
        database took the batch: a full disk usually shows as one line.
        """
        new = [part for part in ("database", "spill") if part in self._errors]
        new = [part for part in new if part not in self._reported]
        if not new:
            return
        self._reported.update(new)
        keeping = (
            f"keeping the newest {self._max_queue} questions in memory and dropping older "
            "ones until the disk takes writes again"
        )
        if len(new) == 2:
            log.warning(
                "question log: neither the database %s (%s) nor spill files (%s) take writes; %s",
                self._name,
                self._errors["database"],
                self._errors["spill"],
                keeping,
            )
        elif new == ["spill"]:
            either = " either" if "database" in self._errors else ""
            log.warning(
                "question log: spill files cannot be written%s (%s); %s",
                either,
                self._errors["spill"],
                keeping,
            )
        elif "spill" in self._errors:
            log.warning(
                "question log: the database %s refuses writes too (%s)",
                self._name,
                self._errors["database"],
            )
        else:
            log.warning(
                "question log: the database %s refuses writes (%s); questions go to spill "
                "files (%s.spill-*) until it takes them",
                self._name,
                self._errors["database"],
                self._path,
            )

    def _recovered(self) -> None:
        """The database took a batch and memory is back under its bound: the incident is over."""
        if self._reported - {"closed"}:
            log.warning(
                "question log: writing to %s again; %d questions were dropped (the oldest "
                "first) meanwhile",
                self._name,
                self._incident_dropped,
            )
        self._errors.clear()
        self._reported.discard("database")
        self._reported.discard("spill")
        self._incident_dropped = 0
        self._spill_ok = True

    # --- progress -------------------------------------------------------------

    def _floor(self) -> int:
        """The sequence number of the oldest entry not yet written."""
        heads = [spill.lowest_seq for spill in (*self._taken, *self._spiller.files)]
        if self._in_flight:
            heads.append(self._in_flight[0][0])
        if self._pending:
            heads.append(self._pending[0][0])
        return min(heads, default=self._accepted)

    @property
    def unwritten(self) -> bool:
        """True while some accepted entry is not yet in the database."""
        return self._floor() < self._accepted

    async def flush(self) -> None:
        """Wait until every entry accepted before this call is written, or dropped.

        Written means in the database, or in a spill file once closed.
        """
        target = self._accepted
        while not self._closed and self._floor() < target:
            if self._task.done():
                if self._closer is None:
                    raise StorageError("the question log writer has stopped; see the log")
                await asyncio.shield(self._closer)  # close() sets the rest aside
                return
            progress = self._progress
            self._hurry.set()
            await progress.wait()

    def _notify(self) -> None:
        progress, self._progress = self._progress, asyncio.Event()
        progress.set()

    # --- the writer task --------------------------------------------------------

    async def _run(self) -> None:
        failures = 0
        try:
            while True:
                self._taken += self._spiller.take()
                if self._closing and self._floor() >= self._close_target:
                    return  # later entries wait in spill files: close() stays bounded
                if not self._pending and not self._taken and not self._dropped:
                    self._wake.clear()
                    await self._wake.wait()
                    continue
                full = len(self._pending) >= self._batch_size
                if not (full or self._hurry.is_set() or self._closing or self._taken):
                    # Let a batch fill up: a transaction of hundreds of rows costs
                    # less per row, in CPU and in GIL hand-offs, than one of ten.
                    with suppress(TimeoutError):
                        await asyncio.wait_for(self._hurry.wait(), self._linger)
                self._hurry.clear()
                ok = await self._write_batch() and await self._write_spill()
                if ok:
                    failures = 0
                    self._report()
                    if self._errors and len(self._pending) < self._max_pending:
                        self._recovered()
                    self._notify()
                    continue
                self._notify()
                if self._closing:
                    return  # the database refuses: close() sets the rest aside
                # While the database refuses, memory is what a crash would lose.
                self._spill_ok = True
                self._relieve()
                self._report()
                failures += 1
                with suppress(TimeoutError):
                    delay = min(_MAX_BACKOFF, 0.05 * 2**failures)
                    await asyncio.wait_for(self._stop.wait(), delay)
        except asyncio.CancelledError:
            self._set_aside()
            raise

    def _relieve(self) -> None:
        """Move what memory holds to spill files, as far as they take it."""
        written = self._spill(list(self._pending))
        for _ in range(written):
            self._pending.popleft()
        self._taken += self._spiller.take()

    async def _write_batch(self) -> bool:
        count = min(self._batch_size, len(self._pending))
        if not count and not self._dropped:
            return True
        self._in_flight = [self._pending.popleft() for _ in range(count)]
        dropped, self._dropped = self._dropped, {}
        try:
            new = await self._write(
                [row for _, row in self._in_flight],
                [(newest, guild, n) for guild, (n, newest) in dropped.items()],
            )
        except StorageError as exc:
            log.debug("question log: %s; will retry", exc)
            self._errors.setdefault("database", exc.__cause__ or exc)
            self._pending.extendleft(reversed(self._in_flight))
            self._in_flight = []
            for guild, (n, newest) in dropped.items():  # count them with a later batch
                more, latest = self._dropped.get(guild, (0, ""))
                self._dropped[guild] = (n + more, max(newest, latest))
            self._drop_oldest()
            return False
        if new < len(self._in_flight):
            log.warning(
                "%d logged questions repeated an id already stored", len(self._in_flight) - new
            )
        self._in_flight = []
        return True

    async def _write_spill(self) -> bool:
        if not self._taken:
            return True
        spill = self._taken[0]
        try:
            await self._write(await asyncio.to_thread(spill.read), ())
        except StorageError as exc:
            log.debug("question log: %s; will retry %s", exc, spill.path.name)
            self._errors.setdefault("database", exc.__cause__ or exc)
            return False
        except OSError as exc:
            log.debug("question log: cannot read %s: %s; will retry", spill.path.name, exc)
            self._errors.setdefault("spill", exc)
            return False
        self._taken.pop(0)
        spill.release(delete=True)
        return True

    def _set_aside(self) -> None:
        """Move what memory holds into spill files and unlock them all for the next start."""
        items = [*self._in_flight, *self._pending]
        written = self._spiller.write(items) if items else 0
        if written < len(items):
            log.error(
                "question log: %d questions lost: cannot write a spill file (%s)",
                len(items) - written,
                self._spiller.error,
            )
        self._pending.clear()
        self._in_flight = []
        self._taken += self._spiller.take()
        for spill in self._taken:
            log.warning(
                "%d logged questions kept in %s for the next start", spill.count, spill.path
            )
            spill.release(delete=False)
        self._taken.clear()
        if self._dropped:
            log.error(
                "question log: %d questions dropped while the disk was full are not "
                "counted in the database (it never took writes again)",
                sum(n for n, _ in self._dropped.values()),
            )
            self._dropped.clear()

    def _task_done(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("question log writer failed", exc_info=task.exception())
        self._notify()

    async def close(self) -> None:
        """Write what was accepted so far, set later arrivals aside, stop. Idempotent."""
        if self._closer is None:
            self._closer = asyncio.ensure_future(self._close())
        await asyncio.shield(self._closer)

    async def _close(self) -> None:
        self._closing = True
        self._close_target = self._accepted
        self._stop.set()
        self._wake.set()
        self._hurry.set()
        await asyncio.wait([self._task])
        self._set_aside()  # empty unless the database refused the last writes
        self._closed = True
        self._notify()
