"""What the Discord stand-in remembers: recorded calls, violations, messages, commands.

Shared by the REST, interaction and gateway parts. Every wait here is bounded:
``StandinState.wait_until`` raises ``TimeoutError`` naming what it waited for
and the recent calls, so a failing test says what the client did instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from standin_model import JSON, FakeUser, Snowflakes, World
from standin_rules import Problem

T = TypeVar("T")

POLL_INTERVAL = 0.02


@dataclass
class Call:
    """One REST request the client made (``path`` is relative to ``/api/v10``)."""

    method: str
    path: str
    route: str  # the matched template, e.g. "/channels/{channel_id}/messages"; "?" if unknown
    json: Any
    query: dict[str, str]
    time: float  # event-loop time when received
    status: int = 0
    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Violation:
    """A request the stand-in rejected because it breaks a Discord (or briefbot) rule."""

    method: str
    path: str
    message: str
    problems: tuple[Problem, ...] = ()
    body: Any = None

    def __str__(self) -> str:
        details = "; ".join(
            f"{'.'.join(map(str, p.path)) or '<body>'}: {p.message}" for p in self.problems
        )
        return f"{self.method} {self.path}: {self.message}" + (f" ({details})" if details else "")


@dataclass
class Failure:
    """A programmed failure: the next ``times`` matching requests get ``status``."""

    method: str
    pattern: re.Pattern[str]
    status: int
    times: int
    retry_after: float
    body: JSON | None
    via: bool = True  # False: no ``Via`` header, as from a proxy in front of Discord


def path_pattern(template: str) -> re.Pattern[str]:
    """``/channels/{id}/messages`` matches any id; a concrete path matches itself."""
    parts = re.split(r"(\{[^/{}]+\})", template)
    regex = "".join(
        f"(?P<{p[1:-1]}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts if p
    )
    return re.compile(f"^{regex}$")


class StandinState:
    """Mutable state behind a ``FakeDiscord``; tests read it through ``FakeDiscord``."""

    def __init__(self, world: World, token: str) -> None:
        self.world = world
        self.token = token
        self.ids = Snowflakes()
        self.calls: list[Call] = []
        self.violations: list[Violation] = []
        self.unexpected_calls: list[Call] = []
        # Calls with a body that the vendored description does not cover, so unchecked.
        self.undescribed_calls: list[Call] = []
        self.failures: list[Failure] = []
        # Every message the stand-in knows, by id: user messages it dispatched and
        # messages the client created (channel messages, interaction responses).
        self.messages: dict[int, JSON] = {}
        self.channel_messages: list[JSON] = []  # created by POST /channels/{id}/messages
        self.dm_channels: dict[int, int] = {}  # dm channel id -> recipient user id
        self.commands: dict[int | None, list[JSON]] = {}  # guild id (None: global) -> commands
        self._consumed: set[str] = set()
        self._changed: asyncio.Condition | None = None

    # -- waiting -------------------------------------------------------------

    @property
    def changed(self) -> asyncio.Condition:
        if self._changed is None:
            self._changed = asyncio.Condition()
        return self._changed

    async def notify(self) -> None:
        async with self.changed:
            self.changed.notify_all()

    async def wait_until(self, probe: Callable[[], T | None], timeout: float, what: str) -> T:
        """Wait (at most ``timeout`` seconds) until ``probe()`` returns a value."""

        async def _wait() -> T:
            async with self.changed:
                while (value := probe()) is None:
                    # Re-check now and then too: a probe may read client-side state
                    # that changes without any request reaching the stand-in.
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self.changed.wait(), POLL_INTERVAL)
                return value

        try:
            return await asyncio.wait_for(_wait(), timeout)
        except TimeoutError:
            recent = "\n  ".join(f"{c.status} {c.method} {c.path}" for c in self.calls[-10:])
            raise TimeoutError(
                f"stand-in: no {what} within {timeout}s; last calls:\n  {recent or '(none)'}"
            ) from None

    async def next_channel_message(
        self, channel_id: int | None, predicate: Callable[[JSON], bool] | None, timeout: float
    ) -> JSON:
        """The first created channel message not yet returned by an earlier wait."""

        def probe() -> JSON | None:
            for message in self.channel_messages:
                if message["id"] in self._consumed:
                    continue
                if channel_id is not None and message["channel_id"] != str(channel_id):
                    continue
                if predicate is None or predicate(message):
                    self._consumed.add(message["id"])
                    return message
            return None

        where = f" in channel {channel_id}" if channel_id is not None else ""
        return await self.wait_until(probe, timeout, f"message created{where}")

    # -- recording -----------------------------------------------------------

    def violate(
        self, call: Call, message: str, problems: tuple[Problem, ...] = (), body: Any = None
    ) -> Violation:
        violation = Violation(call.method, call.path, message, problems, body)
        self.violations.append(violation)
        return violation

    def take_failure(self, method: str, path: str) -> Failure | None:
        for failure in self.failures:
            if failure.method == method and failure.pattern.match(path) and failure.times > 0:
                failure.times -= 1
                if failure.times == 0:
                    self.failures.remove(failure)
                return failure
        return None

    # -- lookups -------------------------------------------------------------

    def user(self, user_id: int) -> FakeUser | None:
        return self.world.users().get(user_id)

    def channel_exists(self, channel_id: int) -> bool:
        return self.world.channel(channel_id) is not None or channel_id in self.dm_channels

    def guild_of(self, channel_id: int) -> int | None:
        found = self.world.channel(channel_id)
        return found[0].id if found else None

    def store(self, message: JSON) -> JSON:
        self.messages[int(message["id"])] = message
        return message
