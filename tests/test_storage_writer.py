"""The question log's writer over a stand-in database write: which questions a full disk keeps.

The stand-in holds a write open until the test lets it fail, which makes the
moment a batch is in flight something the test chooses rather than a race.
Spill files go to a folder that does not exist, so they fail as on a full disk.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from briefbot.errors import StorageError
from briefbot.storage.db import DroppedRow, QuestionRow
from briefbot.storage.writer import QuestionLog

WAIT = 30.0  # seconds: bound on every wait for the writer


def _row(n: int) -> QuestionRow:
    return (f"{n:032x}", f"2025-01-15T09:30:{n:02d}.000000+00:00", "chat", 1, 2, None, "en",
            None, "decline", 0.1, 1.0, f"question {n}", None)  # fmt: skip


class _Database:
    """Refuses the first write once the test says so; then stores everything."""

    def __init__(self) -> None:
        self.writing = asyncio.Event()  # the first batch is in flight
        self.refuse = asyncio.Event()  # the test lets that write fail
        self.questions: list[str | None] = []
        self.dropped = 0

    async def write(self, rows: list[QuestionRow], dropped: Sequence[DroppedRow]) -> int:
        if not self.writing.is_set():
            self.writing.set()
            await self.refuse.wait()
            raise StorageError("disk full")
        self.questions += [row[11] for row in rows]
        self.dropped += sum(count for _, _, count in dropped)
        return len(rows)


async def test_a_batch_refused_while_newer_questions_arrive_is_dropped_first(
    tmp_path: Path,
) -> None:
    """Questions logged while the oldest are being written push those out when the write
    fails: the newest are kept, as when no write was in flight."""
    database = _Database()
    log = QuestionLog(
        tmp_path / "gone" / "briefbot.sqlite3",
        database.write,
        max_pending=0,
        max_queue=3,
        batch_size=10,
        linger=0.0,
    )
    try:
        for n in range(3):
            log.put(_row(n))
        await asyncio.wait_for(database.writing.wait(), WAIT)
        for n in range(3, 6):
            log.put(_row(n))
        database.refuse.set()
        await asyncio.wait_for(log.flush(), WAIT)
    finally:
        await asyncio.wait_for(log.close(), WAIT)
    assert database.questions == ["question 3", "question 4", "question 5"]
    assert database.dropped == 3
