"""The question log's write path: memory first, batches in the background, spill files last.

Answering must never wait on the disk, so :meth:`QuestionLog.put` only
appends to memory and a background task writes batches, each in one
transaction. A batch is what arrives within ``LINGER`` (0.2 s) of its first
entry, or ``batch_size`` entries if sooner; :meth:`flush` and :meth:`close`
write at once. So a crash loses at most the entries of the batch being
filled or written: a fraction of a second of questions.

Memory is bounded by ``max_pending``. Past it, after :meth:`close` starts, or
if the writer has died, entries go to a spill file (:mod:`briefbot.storage.spill`)
that the writer, or the next start, moves into the database. No path drops an
entry while the disk accepts a write.

Entries carry sequence numbers so :meth:`flush` can wait for "everything
before now" even while new entries keep arriving.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
from pathlib import Path
from typing import Final

from briefbot.errors import StorageError
from briefbot.storage.db import QuestionRow
from briefbot.storage.spill import Spiller, SpillFile

log = logging.getLogger(__name__)

Write = Callable[[list[QuestionRow]], Awaitable[int]]
"""Stores rows in one transaction, returns how many were new; raises StorageError."""

_MAX_BACKOFF: Final = 5.0
LINGER: Final = 0.2  # seconds a partial batch waits for more entries before it is written


class QuestionLog:
    """A bounded, lossless queue of question rows in front of a database writer."""

    def __init__(
        self,
        path: Path,
        write: Write,
        *,
        max_pending: int,
        batch_size: int,
        linger: float = LINGER,
    ) -> None:
        self._write = write
        self._linger = linger
        self._max_pending = max_pending
        self._batch_size = batch_size
        self._pending: list[tuple[int, QuestionRow]] = []  # (sequence, row), in order
        self._spiller = Spiller(path)
        self._taken: list[SpillFile] = []  # spill files being moved into the database
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

    def put(self, row: QuestionRow) -> None:
        """Accept one row; returns at once and never raises."""
        seq = self._accepted
        self._accepted += 1
        if not self._closing and not self._task.done() and len(self._pending) < self._max_pending:
            self._pending.append((seq, row))
            self._wake.set()
            if len(self._pending) >= self._batch_size:
                self._hurry.set()
            return
        try:
            self._spiller.append(seq, row)
        except OSError as exc:
            if self._closed:
                log.error("logged question %s lost: cannot write a spill file: %s", row[0], exc)
                return
            log.error("cannot write a spill file (%s); keeping the entry in memory", exc)
            self._pending.append((seq, row))
        if self._closed:
            self._set_aside()  # unlock the file now, so the next start recovers it
        self._wake.set()

    def _floor(self) -> int:
        """The sequence number of the oldest entry not yet written."""
        heads = [spill.first_seq for spill in self._taken]
        if self._spiller.current is not None:
            heads.append(self._spiller.current.first_seq)
        if self._pending:
            heads.append(self._pending[0][0])
        return min(heads, default=self._accepted)

    @property
    def unwritten(self) -> bool:
        """True while some accepted entry is not yet in the database."""
        return self._floor() < self._accepted

    async def flush(self) -> None:
        """Wait until every entry accepted before this call is written.

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

    async def _run(self) -> None:
        failures = 0
        try:
            while True:
                spill = self._spiller.take()
                if spill is not None:
                    self._taken.append(spill)
                if self._closing and self._floor() >= self._close_target:
                    return  # later entries wait in spill files: close() stays bounded
                if not self._pending and not self._taken:
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
                self._notify()
                if ok:
                    failures = 0
                    continue
                if self._closing:
                    return  # the database refuses: close() sets the rest aside
                failures += 1
                with suppress(TimeoutError):
                    delay = min(_MAX_BACKOFF, 0.05 * 2**failures)
                    await asyncio.wait_for(self._stop.wait(), delay)
        except asyncio.CancelledError:
            self._set_aside()
            raise

    async def _write_batch(self) -> bool:
        batch = self._pending[: self._batch_size]
        if not batch:
            return True
        try:
            new = await self._write([row for _, row in batch])
        except StorageError as exc:
            log.warning("%s; will retry %d entries", exc, len(batch))
            return False
        del self._pending[: len(batch)]
        if new < len(batch):
            log.warning("%d logged questions repeated an id already stored", len(batch) - new)
        return True

    async def _write_spill(self) -> bool:
        if not self._taken:
            return True
        spill = self._taken[0]
        try:
            await self._write(await asyncio.to_thread(spill.read))
        except (OSError, StorageError) as exc:
            log.warning("%s; will retry %s", exc, spill.path.name)
            return False
        self._taken.pop(0)
        spill.release(delete=True)
        return True

    def _set_aside(self) -> None:
        """Move what memory holds into spill files and unlock them all for the next start."""
        for seq, row in self._pending:
            try:
                self._spiller.append(seq, row)
            except OSError as exc:
                log.error("logged question %s lost: cannot write a spill file: %s", row[0], exc)
        self._pending.clear()
        current = self._spiller.take()
        if current is not None:
            self._taken.append(current)
        for spill in self._taken:
            log.warning(
                "%d logged questions kept in %s for the next start", spill.count, spill.path
            )
            spill.release(delete=False)
        self._taken.clear()

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
