"""Driving a client from the Discord stand-in: gateway control and user events.

A mixin of ``FakeDiscord`` (see ``standin.py`` for the API overview): users
post messages, run slash and context-menu commands, type in autocompleted
options and click components; the stand-in sends RECONNECT and INVALID_SESSION.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import standin_events as events
from standin_gateway import OP_INVALID_SESSION, OP_RECONNECT, Gateway, Session
from standin_interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    InteractionHandle,
    InteractionRoutes,
)
from standin_model import JSON, FakeUser, World
from standin_rest import RestRoutes
from standin_state import StandinState

T = TypeVar("T")


class Driver:
    """World accessors and event helpers; ``FakeDiscord`` provides the attributes."""

    _state: StandinState
    gateway: Gateway
    _rest: RestRoutes
    _interactions: InteractionRoutes
    interaction_deadline: float
    token_lifetime: float
    undelivered: list[JSON]

    @property
    def world(self) -> World:
        return self._state.world

    @property
    def bot_user(self) -> FakeUser:
        return self.world.bot

    @property
    def application_id(self) -> int:
        return self.world.application_id

    @property
    def guild_id(self) -> int:
        return self.world.guilds[0].id

    @property
    def channel_id(self) -> int:
        """The first channel of the first guild (#general by default)."""
        return self.world.guilds[0].channels[0].id

    @property
    def readonly_channel_id(self) -> int:
        """The first channel where the bot may not send (#annonces by default)."""
        return next(c.id for c in self.world.guilds[0].channels if not c.bot_can_send)

    @property
    def user(self) -> FakeUser:
        """The first human member (alice by default)."""
        return next(u for u in self.world.guilds[0].members if not u.bot)

    @property
    def other_bot(self) -> FakeUser:
        """The first other bot member (otherbot by default)."""
        return next(u for u in self.world.guilds[0].members if u.bot)

    async def wait_until(
        self, condition: Callable[[], T], *, timeout: float = 5.0, what: str = "condition"
    ) -> T:
        """Wait (bounded) until ``condition()`` is truthy, and return its value."""

        def probe() -> T | None:
            value = condition()
            return value if value else None

        return await self._state.wait_until(probe, timeout, what)

    async def wait_until_connected(
        self, timeout: float = 5.0, *, guild_id: int | None = None
    ) -> None:
        """Wait for a live session: any, or (``guild_id``; 0 for DMs) the one of that guild's
        shard."""

        def live() -> object:
            return self.gateway.live_session(guild_id)

        if live() is None:  # connected is the usual case: no wait then
            await self._state.wait_until(live, timeout, "live gateway session")

    async def _session_for(self, channel_id: int | None, timeout: float) -> Session:
        """The live session that receives events of ``channel_id`` (None: a DM)."""
        found = None if channel_id is None else self._state.world.channel(channel_id)
        guild_id = 0 if found is None else found[0].id
        await self.wait_until_connected(timeout, guild_id=guild_id)
        session = self.gateway.live_session(guild_id)
        assert session is not None
        return session

    # -- gateway control -------------------------------------------------------

    async def dispatch(self, event: str, data: JSON, *, timeout: float = 5.0) -> JSON:
        """Send a raw dispatch event to the connected client; returns the payload."""
        await self.wait_until_connected(timeout)
        session = self.gateway.live_session()
        assert session is not None
        return await self.gateway.dispatch_to(session, event, data)

    async def send_reconnect(self, *, wait: bool = True, timeout: float = 5.0) -> None:
        """Op 7 RECONNECT; with ``wait``, return once the client has RESUMED."""
        before = self.gateway.resume_count
        await self.gateway.send_op(OP_RECONNECT, None)
        if wait:
            await self._wait_recovered(lambda: self.gateway.resume_count > before, timeout)

    async def send_invalid_session(
        self, resumable: bool = False, *, wait: bool = True, timeout: float = 5.0
    ) -> None:
        """Op 9 INVALID_SESSION; with ``wait``, return once the client has identified
        again (or resumed, if ``resumable``)."""
        resumes, identifies = self.gateway.resume_count, self.gateway.identify_count
        await self.gateway.send_op(OP_INVALID_SESSION, resumable)
        if not wait:
            return

        def recovered() -> bool:
            if resumable:
                return self.gateway.resume_count > resumes
            return self.gateway.identify_count > identifies

        await self._wait_recovered(recovered, timeout)

    async def _wait_recovered(self, done: Callable[[], bool], timeout: float) -> None:
        def probe() -> bool | None:
            return True if done() and self.gateway.live_session() else None

        await self._state.wait_until(probe, timeout, "gateway recovery")

    # -- events into the client ------------------------------------------------

    async def dispatch_message(
        self,
        content: str,
        *,
        channel_id: int | None = None,
        author: FakeUser | None = None,
        dm: bool = False,
        mention_bot: bool = False,
        reply_to: JSON | None = None,
        timeout: float = 5.0,
    ) -> JSON:
        """A user posts ``content`` (in #general, another guild channel, or a DM).

        ``mention_bot`` prefixes the bot's mention. Returns the full message; the
        client receives it filtered by its intents (see ``undelivered``).
        """
        author = author or self.user
        if mention_bot:
            content = f"{self.bot_user.mention} {content}"
        channel = self._rest.dm_channel_id(author.id) if dm else channel_id or self.channel_id
        message = events.user_message(
            self._state,
            content=content,
            channel_id=channel,
            author=author,
            mentions=[self.bot_user] if mention_bot else [],
            reply_to=reply_to,
        )
        self._state.store(message)
        session = await self._session_for(None if dm else channel, timeout)
        seen = events.visible_to(message, session.intents, self.bot_user.id)
        if seen is None:
            self.undelivered.append(message)
        else:
            await self.gateway.dispatch_to(session, "MESSAGE_CREATE", seen)
        return message

    async def dispatch_slash(
        self,
        name: str,
        options: Mapping[str, events.OptionValue] | None = None,
        **where: Any,
    ) -> InteractionHandle:
        """A user runs the synced chat-input command ``name`` with ``options``."""
        guild_id = None if where.get("dm") else self.guild_id
        data = events.slash_data(self._state, name, options or {}, guild_id)
        return await self._interaction(APPLICATION_COMMAND, data, **where)

    async def dispatch_autocomplete(
        self,
        name: str,
        options: Mapping[str, events.OptionValue],
        focused: str,
        **where: Any,
    ) -> InteractionHandle:
        """A user types in option ``focused`` of ``name`` (which has autocomplete)."""
        guild_id = None if where.get("dm") else self.guild_id
        data = events.slash_data(self._state, name, options, guild_id, focused)
        return await self._interaction(AUTOCOMPLETE, data, **where)

    async def dispatch_component(
        self,
        custom_id: str,
        *,
        message: JSON | None = None,
        values: list[str] | None = None,
        **where: Any,
    ) -> InteractionHandle:
        """A user clicks (or selects in) the component ``custom_id`` of a bot message
        (``message``, or the newest one carrying it)."""
        source, component = events.component_source(self._state, custom_id, message)
        data: JSON = {"custom_id": custom_id, "component_type": component.get("type", 2)}
        if values is not None:
            data["values"] = values
        where.setdefault("channel_id", int(source["channel_id"]))
        return await self._interaction(MESSAGE_COMPONENT, data, message=source, **where)

    async def dispatch_message_command(
        self, name: str, target: JSON, **where: Any
    ) -> InteractionHandle:
        """A user runs the synced message context-menu command ``name`` on ``target``."""
        guild_id = None if where.get("dm") else self.guild_id
        data = events.message_command_data(self._state, name, target, guild_id)
        where.setdefault("channel_id", int(target["channel_id"]))
        return await self._interaction(APPLICATION_COMMAND, data, **where)

    async def _interaction(
        self,
        kind: int,
        data: JSON,
        *,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        dm: bool = False,
        locale: str = "fr",
        guild_locale: str | None = None,
        message: JSON | None = None,
        timeout: float = 5.0,
    ) -> InteractionHandle:
        user = user or self.user
        payload = events.interaction(
            self._state,
            kind=kind,
            data=data,
            user=user,
            channel_id=channel_id or self.channel_id,
            dm_channel_id=self._rest.dm_channel_id(user.id) if dm else None,
            locale=locale,
            guild_locale=guild_locale,
        )
        if message is not None:
            payload["message"] = message
        handle = InteractionHandle(
            self._state, payload, self.interaction_deadline, self.token_lifetime
        )
        session = await self._session_for(None if dm else channel_id or self.channel_id, timeout)
        self._interactions.handles[handle.id] = handle
        handle.dispatched_at = asyncio.get_running_loop().time()
        await self.gateway.dispatch_to(session, "INTERACTION_CREATE", payload)
        return handle
