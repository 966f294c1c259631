"""Point the real discord.py client at the Discord stand-in for one block.

``connect(client, standin, token=None)`` patches ``discord.http.Route.BASE``
and ``DiscordWebSocket.DEFAULT_GATEWAY`` (restored on exit), logs in,
connects, waits until ``client.wait_until_ready()``, yields the client and
closes it, every step bounded. Import it as ``from standin import connect``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, TypeVar

import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket

if TYPE_CHECKING:
    from standin import FakeDiscord

ClientT = TypeVar("ClientT", bound=discord.Client)

READY_TIMEOUT = 5.0
CLOSE_TIMEOUT = 5.0


async def _identify_now(shard_id: int | None, *, initial: bool = False) -> None:
    """discord.py sleeps 5 s before re-identifying (Discord's identify rate limit);
    the stand-in has none, so tests skip the wait."""


async def _until_ready(client: discord.Client, runner: asyncio.Task[None], timeout: float) -> None:
    ready = asyncio.create_task(client.wait_until_ready())
    done, _ = await asyncio.wait({ready, runner}, timeout=timeout, return_when="FIRST_COMPLETED")
    if ready not in done:
        ready.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ready
    if runner in done:
        runner.result()  # raises what stopped the client
        raise RuntimeError("discord client stopped before it was ready")
    if not done:
        raise TimeoutError(f"discord client not ready within {timeout}s")


async def _stop(client: discord.Client, runner: asyncio.Task[None] | None, failing: bool) -> None:
    await asyncio.wait_for(client.close(), CLOSE_TIMEOUT)
    if runner is None:
        return
    try:
        await asyncio.wait_for(runner, CLOSE_TIMEOUT)
    except Exception:
        if not failing:  # an error already on its way is the one to report
            raise


@contextlib.asynccontextmanager
async def connect(
    client: ClientT,
    standin: FakeDiscord,
    token: str | None = None,
    *,
    ready_timeout: float = READY_TIMEOUT,
    fast: bool = True,
) -> AsyncIterator[ClientT]:
    """Run ``client`` against ``standin`` until the block ends (see module docstring).

    This does what ``client.start(token)`` does (login, then connect as a task)
    in two steps, so a login failure surfaces at once. ``fast`` skips
    discord.py's 5 s pause before re-identifying and shortens its wait for
    GUILD_CREATE after READY (2 s) to 0.1 s.
    """
    runner: asyncio.Task[None] | None = None
    failing = False
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(discord.http.Route, "BASE", standin.api_base)
        patch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(standin.gateway_url))
        if fast:
            patch.setattr(client, "before_identify_hook", _identify_now)
            patch.setattr(client._connection, "guild_ready_timeout", 0.1)
        try:
            await asyncio.wait_for(client.login(token or standin.token), ready_timeout)
            runner = asyncio.create_task(client.connect(), name="discord-client")
            await _until_ready(client, runner, ready_timeout)
            yield client
        except BaseException:
            failing = True
            raise
        finally:
            await _stop(client, runner, failing)
