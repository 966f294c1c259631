"""Which 429s briefbot waits out beyond discord.py's own (a proxy's, without Discord's
``Via`` header), for how long, and how a global one holds other requests back."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import discord
import discord.http
import pytest
from multidict import CIMultiDict

from briefbot.bot.http_client import MAX_PROXY_WAIT, proxy_retry_after, through_proxy_limits


def refusal(status: int, **headers: str) -> discord.HTTPException:
    """An HTTPException as discord.py raises it, over a response with these headers."""
    response: Any = SimpleNamespace(status=status, reason="", headers=CIMultiDict(headers))
    return discord.HTTPException(response, {"message": "You are being rate limited.", "code": 0})


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (429, {"Retry-After": "2"}, 2.0),
        (429, {"Retry-After": "0.25"}, 0.25),
        (429, {"Retry-After": "0"}, 0.0),
        (429, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),  # a date already past
        (429, {"Retry-After": str(int(MAX_PROXY_WAIT) + 1)}, None),  # a ban: not waited out
        (429, {}, None),  # nothing says how long
        (429, {"Retry-After": "soon"}, None),
        (429, {"Retry-After": "1", "Via": "1.1 google"}, None),  # Discord's: discord.py's job
        (500, {"Retry-After": "1"}, None),
    ],
)
def test_which_429s_are_waited_out(
    status: int, headers: dict[str, str], expected: float | None
) -> None:
    """Only a 429 without Via that says how long, and not too long, is retried."""
    assert proxy_retry_after(refusal(status, **headers)) == expected


async def test_a_global_proxy_limit_holds_other_requests_back() -> None:
    """During a global limit's wait the shared "no global limit" event is cleared, as
    discord.py does for Discord's global limits; it is set again once the wait is over."""
    hold = asyncio.Event()
    hold.set()
    seen: list[bool] = []
    refusals = [refusal(429, **{"Retry-After": "0", "X-RateLimit-Global": "true"})]

    async def send() -> str:
        seen.append(hold.is_set())
        if refusals:
            raise refusals.pop()
        return "sent"

    async def watch() -> None:  # first runs when the retry starts waiting
        seen.append(hold.is_set())

    route = discord.http.Route("POST", "/channels/{channel_id}/messages", channel_id=1)
    watcher = asyncio.create_task(watch())
    assert await through_proxy_limits(send, route, None, hold) == "sent"
    await watcher
    assert seen == [True, False, True] and hold.is_set()
