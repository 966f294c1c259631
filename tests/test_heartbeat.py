"""The heartbeat file: renewed while the event loop runs, removed when the bot stops."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from briefbot import heartbeat

WAIT = 30.0  # seconds: bound on every wait, never a timing assertion


async def test_the_heartbeat_is_renewed_while_the_loop_runs_and_removed_after(
    tmp_path: Path,
) -> None:
    """The file appears at once, a time set back is renewed, and a clean stop removes it."""
    path = tmp_path / "bot.heartbeat"
    loop = asyncio.get_running_loop()
    async with heartbeat.beating(path, interval=0.01):
        await asyncio.sleep(0)
        assert path.exists()
        old = time.time() - 3600
        os.utime(path, (old, old))
        deadline = loop.time() + WAIT
        while path.stat().st_mtime == old and loop.time() < deadline:
            await asyncio.sleep(0.01)
        age = heartbeat.age(path, time.time())
        assert age is not None and age < heartbeat.STALE_AFTER
    assert not path.exists()
    assert heartbeat.age(path, time.time()) is None


async def test_a_blocked_event_loop_stops_the_heartbeat(tmp_path: Path) -> None:
    """The beat runs on the loop: while the loop is blocked, the file's time stands still."""
    path = tmp_path / "bot.heartbeat"
    async with heartbeat.beating(path, interval=0.01):
        await asyncio.sleep(0)
        old = time.time() - 3600
        os.utime(path, (old, old))
        time.sleep(0.1)  # blocks the loop, as a stuck handler would
        assert path.stat().st_mtime == old
