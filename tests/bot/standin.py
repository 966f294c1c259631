"""A strict stand-in for Discord that the real discord.py client talks to.

``FakeDiscord`` serves Discord's REST API (``/api/v10``) and v10 gateway
websocket on 127.0.0.1 (ephemeral port). ``connect`` points a client at it by
patching ``discord.http.Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY``;
nothing in ``src/`` changes for tests. It records every REST call and refuses,
as Discord does, what breaks a rule: a 4xx with Discord's error JSON (which
discord.py raises as ``HTTPException``) and an entry in ``standin.violations``.

Quick use (the ``standin`` fixture is in tests/bot/conftest.py)::

    from standin import FakeDiscord, connect

    async def test_reply(standin: FakeDiscord) -> None:
        bot = make_bot()                         # any discord.Client / commands.Bot
        async with connect(bot, standin):        # login, READY, ... close
            await standin.dispatch_message("hello", mention_bot=True)
            reply = await standin.wait_for_message(standin.channel_id)
            handle = await standin.dispatch_slash("ask", {"question": "quand ?"})
            body = await handle.response()       # {"type": 4, "data": {...}}
        # the fixture fails the test at teardown if standin.violations != []

``connect(client, standin, token=None, *, ready_timeout=5.0, fast=True)``:
async context manager; login errors (``LoginFailure``) and gateway errors
(``PrivilegedIntentsRequired``) raise from ``async with``. ``fast`` skips
discord.py's 5 s pause before re-identifying and its 2 s wait for guilds.
Mark a test ``@pytest.mark.standin_violations_expected`` when it breaks
rules on purpose.

World (``standin_model.default_world``): guild ``guild_id`` (preferred locale
"fr") with text channels ``channel_id`` (#general) and ``readonly_channel_id``
(#annonces: the bot lacks SEND_MESSAGES, so posting there is a 403 Missing
Permissions, not a violation); ``user`` (alice, human), ``other_bot``;
``bot_user`` (id == ``application_id``); ``token``. Pass ``world=`` for others.

Every request body is first validated against Discord's own OpenAPI
description of the endpoint (``discord_api/openapi.json``, the part covering
briefbot's endpoints; see ``standin_schema``): a wrong type, a value outside
an enum, a length or range over a limit, a missing required field, and a field
the description does not know (which Discord would silently drop) are
refused. Bodies sent to endpoints outside that part go unchecked and are
listed in ``undescribed_calls``.

Rules (each failure: 4xx + ``violations``): content <= 2000; <= 10 embeds;
embed title <= 256, description <= 4096, <= 25 fields, field name <= 256 and
value <= 1024 (both required), footer <= 2048, author name <= 256, all embeds
<= 6000 chars; a new message needs content, embeds, components or files
(50006); ``allowed_mentions`` in every message create or edit (channel
messages, callbacks 4 and 7, followups, edits); <= 5 component rows, <= 5
buttons a row, custom_id <= 100, label <= 80; autocomplete <= 25 choices,
name and value <= 100; one initial callback per interaction (else 40060),
within ``interaction_deadline`` (3 s) of dispatch (else 404, 10062), of a type
that suits the interaction; followups and edits only after it, within
``token_lifetime`` (15 min); replies to known messages; command sync payloads
(names, descriptions, locales, <= 25 options and choices, required options
first). Unknown routes answer 404 and land in ``unexpected_calls``. Without
the message content intent, guild messages reach the client blank unless they
mention the bot; without GUILD_MESSAGES/DIRECT_MESSAGES they go to
``undelivered``.

Records: ``calls`` (``Call``: method, path, route, json, query, time, status,
files), ``calls_to(method, route_or_path)``, ``violations``, ``unexpected_calls``,
``undescribed_calls``,
``assert_clean()``, ``channel_messages`` (POST /channels/{id}/messages),
``messages`` (id -> every message known), ``commands`` (guild id or None ->
synced commands), ``interactions`` (id -> ``InteractionHandle``), ``gateway``
(``connections`` with ``path``, ``kind``, ``sent``; ``received``;
``identify_count``, ``resume_count``, ``heartbeat_count``).

Driving (every wait bounded; ``TimeoutError`` names what is missing):
  ``await wait_until_connected(timeout=5)``
  ``await wait_for_message(channel_id=None, *, predicate=None, timeout=5) -> dict``
      the next created channel message not returned before
  ``await wait_until(condition, *, timeout=5, what=...)`` any condition, re-checked
  ``await dispatch_message(content, *, channel_id=None, author=None, dm=False,
      mention_bot=False, reply_to=None) -> dict``
  ``await dispatch_slash(name, options=None, *, user=None, channel_id=None,
      dm=False, locale="fr", guild_locale=None) -> InteractionHandle``
      (``name`` may be "group sub"; the command and options must have been synced)
  ``await dispatch_autocomplete(name, options, focused, **same) -> InteractionHandle``
  ``await dispatch_component(custom_id, *, message=None, values=None, **same)``
  ``await dispatch_message_command(name, target_message, **same)``
  ``await dispatch(event, data) -> dict`` any raw gateway event
  ``await send_reconnect(*, wait=True, timeout=5)`` op 7; waits for RESUMED
  ``await send_invalid_session(resumable=False, *, wait=True, timeout=5)`` op 9
  ``fail_next(method, path, *, status=429, retry_after=0.05, times=1, body=None, via=True)``
      ``path`` may be a template such as "/channels/{id}/messages"; ``via=False``
      leaves out Discord's ``Via`` header, as a proxy in front of Discord may
  ``InteractionHandle``: ``await response(timeout=2)``, ``callback``,
      ``callback_delay``, ``original``, ``await final_message(timeout=2)``,
      ``followups``, ``await followup(index=0, timeout=2)``.
Settable before connecting: ``allowed_intents`` (privileged intents enabled
"in the developer portal"; default MESSAGE_CONTENT only),
``interaction_deadline``, ``token_lifetime``, ``gateway.token_revoked`` (the
token was reset after login: REST answers, the gateway closes with 4004).

Shards: clients (one process or several) may each IDENTIFY as some shards of
``n``; each gets the guilds of its shards and their events, by Discord's rule
``(guild_id >> 22) % n`` (DMs go to shard 0). ``/gateway/bot`` still
recommends one shard.

Limitations: JSON encoding only (no ETF); zlib-stream but not zstd transport
compression; text channels and DMs only (no threads, voice, forums,
roles beyond @everyone); option values str/int/float/bool (no user, channel or
attachment options); modals only checked, not submitted; no rate limits unless
programmed with ``fail_next``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from types import TracebackType
from typing import Self

from aiohttp import web
from standin_connect import connect
from standin_driver import Driver
from standin_gateway import Gateway
from standin_http import API_PREFIX, RestServer, Router
from standin_interactions import InteractionHandle, InteractionRoutes
from standin_model import INTENT_MESSAGE_CONTENT, JSON, FakeUser, World, default_world
from standin_rest import RestRoutes
from standin_state import Call, Failure, StandinState, Violation, path_pattern

__all__ = [
    "Call",
    "FakeDiscord",
    "FakeUser",
    "InteractionHandle",
    "Violation",
    "World",
    "connect",
]

DEFAULT_TOKEN = "standin.bot.token"


class FakeDiscord(Driver):
    """Discord's REST API and gateway on 127.0.0.1; see the module docstring."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        world: World | None = None,
        heartbeat_interval_ms: int = 1000,
        allowed_intents: int = INTENT_MESSAGE_CONTENT,
        interaction_deadline: float = 3.0,
        token_lifetime: float = 15 * 60.0,
    ) -> None:
        self._state = StandinState(world or default_world(), token)
        self.interaction_deadline = interaction_deadline
        self.token_lifetime = token_lifetime
        self.port = 0
        self.gateway = Gateway(
            self._state,
            heartbeat_interval_ms=heartbeat_interval_ms,
            allowed_intents=allowed_intents,
            resume_url=lambda: self.resume_gateway_url,
        )
        self._rest = RestRoutes(self._state, lambda: self.gateway_url)
        self._interactions = InteractionRoutes(self._state)
        router = Router()
        self._rest.register(router)
        self._interactions.register(router)
        self._server = RestServer(self._state, router)
        self._runner: web.AppRunner | None = None
        # Records: the same objects the server appends to, never replaced.
        self.calls: list[Call] = self._state.calls
        self.violations: list[Violation] = self._state.violations
        self.unexpected_calls: list[Call] = self._state.unexpected_calls
        self.undescribed_calls: list[Call] = self._state.undescribed_calls
        self.channel_messages: list[JSON] = self._state.channel_messages
        self.messages: dict[int, JSON] = self._state.messages
        self.commands: dict[int | None, list[JSON]] = self._state.commands
        self.interactions: dict[int, InteractionHandle] = self._interactions.handles
        self.undelivered: list[JSON] = []

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/gateway-resume", self.gateway.handle)
        app.router.add_route("*", "/{tail:.*}", self._server.handle)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = int(self._runner.addresses[0][1])

    async def close(self) -> None:
        if self._runner is None:
            return
        await asyncio.wait_for(self.gateway.close_all(), 5.0)
        await asyncio.wait_for(self._runner.cleanup(), 5.0)
        self._runner = None

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def resume_gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway-resume"

    @property
    def token(self) -> str:
        return self._state.token

    @property
    def allowed_intents(self) -> int:
        """Privileged intents the application may use ("developer portal" switches)."""
        return self.gateway.allowed_intents

    @allowed_intents.setter
    def allowed_intents(self, value: int) -> None:
        self.gateway.allowed_intents = value

    def calls_to(self, method: str, route: str) -> list[Call]:
        """Calls by method and route template ("/channels/{channel_id}/messages")
        or concrete path."""
        return [c for c in self.calls if c.method == method and route in (c.route, c.path)]

    def assert_clean(self) -> None:
        """Fail with a readable list if any rule was broken or an unknown route called."""
        problems = [str(v) for v in self.violations]
        problems += [f"unexpected call {c.method} {c.path}" for c in self.unexpected_calls]
        assert not problems, "stand-in saw:\n  " + "\n  ".join(problems)

    def fail_next(
        self,
        method: str,
        path: str,
        *,
        status: int = 429,
        retry_after: float = 0.05,
        times: int = 1,
        body: JSON | None = None,
        via: bool = True,
    ) -> None:
        """Answer the next ``times`` matching requests with ``status`` (429: Discord's
        rate-limit JSON and headers, so discord.py waits ``retry_after`` and retries).

        ``via=False`` answers as a proxy in front of Discord may: without Discord's
        ``Via`` header (and, for a 429, with only ``Retry-After``, in whole seconds).
        """
        pattern = path_pattern(path)
        failure = Failure(method, pattern, status, times, retry_after, body, via)
        self._state.failures.append(failure)

    async def wait_for_message(
        self,
        channel_id: int | None = None,
        *,
        predicate: Callable[[JSON], bool] | None = None,
        timeout: float = 5.0,
    ) -> JSON:
        """The next message the client created in a channel (not returned before)."""
        return await self._state.next_channel_message(channel_id, predicate, timeout)
