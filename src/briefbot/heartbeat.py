"""The running bot's liveness: a file whose modification time its event loop renews.

``briefbot run`` touches the file every :data:`INTERVAL` seconds from a task
on its event loop, so the time stops moving when the loop is stuck or the
process is gone; ``briefbot health`` (Docker's HEALTHCHECK) reads it from
another process. The file is ``BRIEFBOT_HEARTBEAT``, by default
``<db>.heartbeat`` beside the database; it is removed when the bot stops cleanly.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Final

log = logging.getLogger(__name__)

INTERVAL: Final = 10.0  # seconds between beats
# Seconds without a beat before the bot counts as dead: six missed beats, so a
# long pause (a slow disk, a busy loop's hiccup) is not taken for a hang.
STALE_AFTER: Final = 60.0


def _touch(path: Path, failing: bool) -> bool:
    """Renew the file's time; log the first failure of a run of them. True when it failed."""
    try:
        path.touch()
    except OSError as exc:
        if not failing:
            log.warning("cannot touch the heartbeat file %s: %s", path, exc.strerror)
        return True
    return False


async def _beat(path: Path, interval: float) -> None:
    failing = False
    while True:
        failing = _touch(path, failing)
        await asyncio.sleep(interval)


@asynccontextmanager
async def beating(path: Path, interval: float = INTERVAL) -> AsyncIterator[None]:
    """Keep the heartbeat going for the duration of the block; remove the file after."""
    task = asyncio.create_task(_beat(path, interval), name="briefbot-heartbeat")
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
        path.unlink(missing_ok=True)


def age(path: Path, now: float) -> float | None:
    """Seconds since the last beat, at wall-clock ``now``; ``None`` when there is no file."""
    try:
        return max(0.0, now - path.stat().st_mtime)
    except FileNotFoundError:
        return None
