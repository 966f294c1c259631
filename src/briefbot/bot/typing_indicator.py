"""The typing indicator before a chat answer: shown at best, never at the answer's cost.

Typing is a courtesy (Discord shows it until the bot's message arrives, or
10 s). discord.py retries a 500 on it for about 25 s and raises on a 403;
awaited before the answer, either held the answer back or dropped it. So the
indicator gets a short grace period, and past it, or on any error, the
answer goes out without it.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord

log = logging.getLogger(__name__)

# Discord answers typing in well under this; discord.py's first retry after a
# 500 waits 1 s, so a failing indicator is abandoned before it tries again.
TYPING_GRACE = 0.5  # seconds


async def show_typing(channel: discord.abc.Messageable) -> None:
    """Ask Discord to show "briefbot is typing…" in ``channel``; give up quietly
    after :data:`TYPING_GRACE` seconds or on any failure."""
    try:
        async with asyncio.timeout(TYPING_GRACE):
            await channel.typing()
    # TimeoutError (the grace period is over) is an OSError too.
    except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
        log.debug(
            "no typing indicator in channel %s: %s",
            getattr(channel, "id", None),
            exc or type(exc).__name__,
        )
