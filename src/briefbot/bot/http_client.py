"""discord.py's HTTP paths, also waiting out rate limits from a proxy in front of Discord.

discord.py retries a 429 only when it carries the ``Via`` header of Discord's
own front end; any other 429 it takes for a Cloudflare ban and raises at
once, so a proxy that strips ``Via`` (or rate-limits on its own) cost the
user their answer. Here such a 429 is waited out as discord.py waits out
Discord's: for the time it names (``Retry-After``: the JSON body is gone by
the time discord.py raises), holding every request back when the limit is
global, and a bounded number of times.

Both of discord.py's paths get it: :class:`ProxyTolerantHTTPClient` (channel
messages, typing, commands) and :class:`ProxyTolerantWebhookAdapter`
(interaction responses and followups).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import aiohttp
import discord
import discord.http
from discord.webhook.async_ import AsyncWebhookAdapter

log = logging.getLogger(__name__)

# Tries of one request through a proxy's 429s: as many as discord.py gives
# Discord's own 429s and 5xx.
PROXY_RATE_LIMIT_TRIES = 5
# A longer wait is a ban, not a rate limit: better an error now than an answer
# an hour late. discord.py's own ceiling (``max_ratelimit_timeout``) starts here.
MAX_PROXY_WAIT = 30.0  # seconds


def proxy_retry_after(exc: discord.HTTPException) -> float | None:
    """Seconds to wait before retrying after ``exc``, if it is a 429 that discord.py
    did not retry because Discord's ``Via`` header was missing; else None."""
    headers = getattr(exc.response, "headers", None)
    if exc.status != 429 or headers is None or headers.get("Via"):
        return None
    raw = headers.get("Retry-After", "").strip()
    try:
        seconds = float(raw)
    except ValueError:
        try:
            seconds = (parsedate_to_datetime(raw) - datetime.now(UTC)).total_seconds()
        except (TypeError, ValueError):
            return None  # no way to know how long: not a rate limit to wait out
    return max(seconds, 0.0) if seconds <= MAX_PROXY_WAIT else None


def _is_global(exc: discord.HTTPException) -> bool:
    headers = getattr(exc.response, "headers", {})
    flag = str(headers.get("X-RateLimit-Global", "")).lower() == "true"
    return flag or headers.get("X-RateLimit-Scope") == "global"


async def through_proxy_limits(
    send: Callable[[], Awaitable[Any]],
    route: discord.http.Route,
    files: Sequence[discord.File] | None,
    hold: asyncio.Event | None = None,
) -> Any:
    """``send()``, tried again after each proxy 429 (see the module); ``hold`` is
    cleared during a global limit's wait so that other requests wait too."""
    for _ in range(PROXY_RATE_LIMIT_TRIES - 1):
        try:
            return await send()
        except discord.HTTPException as exc:
            wait = proxy_retry_after(exc)
            if wait is None:
                raise
            held = hold if hold is not None and _is_global(exc) else None
        log.warning(
            "rate limited by a proxy (429 without Via): %s %s, retrying in %.2f s%s",
            route.method,
            route.path,
            wait,
            " (global)" if held else "",
        )
        if held is not None:
            held.clear()
        try:
            await asyncio.sleep(wait)
        finally:
            if held is not None:
                held.set()
        for file in files or ():
            file.reset(seek=True)  # rewind what the failed try read
    return await send()


class ProxyTolerantHTTPClient(discord.http.HTTPClient):
    """``HTTPClient`` whose requests also survive a proxy's 429s (see the module)."""

    async def request(
        self,
        route: discord.http.Route,
        *,
        files: Sequence[discord.File] | None = None,
        form: Iterable[dict[str, Any]] | None = None,
        **kwargs: Any,
    ) -> Any:
        send = functools.partial(super().request, route, files=files, form=form, **kwargs)
        return await through_proxy_limits(send, route, files, self._global_over)


class ProxyTolerantWebhookAdapter(AsyncWebhookAdapter):
    """discord.py's webhook adapter, which sends interaction responses and followups,
    with the same retries (discord.py keeps no global limit for webhooks)."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # discord.py leaves it unannotated

    async def request(
        self, route: discord.http.Route, session: aiohttp.ClientSession, **kwargs: Any
    ) -> Any:
        send = functools.partial(super().request, route, session, **kwargs)
        return await through_proxy_limits(send, route, kwargs.get("files"))
