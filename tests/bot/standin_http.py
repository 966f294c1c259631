"""HTTP plumbing of the Discord stand-in: routing, token check, recording, failures.

Every request under ``/api/v10`` is recorded as a ``Call``. A route either
answers, or is unknown (404, recorded in ``unexpected_calls``). Programmed
failures (``FakeDiscord.fail_next``) answer before the route runs, so a
rejected request has no effect, as on Discord. Then the body is checked
against Discord's own description (``standin_schema``; a body for an endpoint
the vendored part does not describe lands in ``undescribed_calls``), and the
route's handler checks the rest (``standin_rules``).
"""

from __future__ import annotations

import asyncio
import json
import math
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web
from standin_model import JSON, FakeUser, now_iso
from standin_rules import Problem, form_error
from standin_schema import discord_schemas
from standin_state import Call, Failure, StandinState, path_pattern

API_PREFIX = "/api/v10"


@dataclass
class Request:
    call: Call
    params: dict[str, str]

    @property
    def body(self) -> Any:
        return self.call.json

    def int_param(self, name: str) -> int:
        value = self.params[name]
        return int(value) if value.isdigit() else -1


@dataclass
class Reply:
    status: int
    body: Any = None  # None answers 204 No Content
    headers: dict[str, str] = field(default_factory=dict)
    via: bool = True  # Discord's ``Via`` header, which discord.py checks on a 429


Handler = Callable[[Request], Awaitable[Reply]]


def ok(body: Any) -> Reply:
    return Reply(200, body)


def no_content() -> Reply:
    return Reply(204)


def error(status: int, message: str, code: int = 0) -> Reply:
    return Reply(status, {"message": message, "code": code})


def reject(
    state: StandinState,
    request: Request,
    status: int,
    message: str,
    code: int,
    *,
    problems: tuple[Problem, ...] = (),
) -> Reply:
    """Answer like Discord does and record the request as a violation."""
    state.violate(request.call, message, problems, request.body)
    if problems:
        return Reply(status, form_error(problems))
    return error(status, message, code)


def reject_problems(state: StandinState, request: Request, problems: list[Problem]) -> Reply:
    body = form_error(problems)
    state.violate(request.call, body["message"], tuple(problems), request.body)
    return Reply(400, body)


_USER_MENTION = re.compile(r"<@!?(\d+)>")


def apply_mentions(
    state: StandinState, message: JSON, body: JSON, replied_author: JSON | None = None
) -> None:
    """Fill ``mentions`` as Discord would, honouring ``allowed_mentions``."""
    allowed = body.get("allowed_mentions") or {"parse": ["users", "roles", "everyone"]}
    parse = allowed.get("parse") or []
    explicit = {str(u) for u in allowed.get("users") or []}
    content = message.get("content") or ""
    ids: list[str] = []
    for match in _USER_MENTION.finditer(content):
        uid = match.group(1)
        if ("users" in parse or uid in explicit) and uid not in ids:
            ids.append(uid)
    if (
        replied_author is not None
        and allowed.get("replied_user")
        and replied_author["id"] not in ids
    ):
        ids.append(replied_author["id"])
    users = [state.user(int(uid)) for uid in ids]
    message["mentions"] = [user.payload() for user in users if user is not None]
    message["mention_everyone"] = "everyone" in parse and (
        "@everyone" in content or "@here" in content
    )


def attachment_objects(state: StandinState, body: JSON, files: list[str]) -> list[JSON]:
    described = body.get("attachments") or []
    names = [a.get("filename") for a in described if isinstance(a, dict)] or files
    return [
        {
            "id": str(state.ids.next()),
            "filename": name or f"file{i}",
            "size": 0,
            "url": f"https://cdn.invalid/{name}",
            "proxy_url": f"https://cdn.invalid/{name}",
        }
        for i, name in enumerate(names)
    ]


def merge_edit(state: StandinState, message: JSON, body: JSON) -> None:
    """Apply an edit payload to a stored message."""
    for key in ("content", "embeds", "components"):
        if key in body:
            message[key] = body[key] if body[key] is not None else ([] if key != "content" else "")
    if "flags" in body and body["flags"] is not None:
        message["flags"] = int(body["flags"])
    message["edited_timestamp"] = now_iso()
    apply_mentions(state, message, body)


def bot_author(state: StandinState) -> FakeUser:
    return state.world.bot


class Router:
    """Routes ``(method, path template)`` to handlers; ``auth=False`` for webhook-style
    routes, which Discord authenticates by the token in the path."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, str, re.Pattern[str], Handler, bool]] = []

    def add(self, method: str, template: str, handler: Handler, *, auth: bool = True) -> None:
        self._routes.append((method, template, path_pattern(template), handler, auth))

    def match(self, method: str, path: str) -> tuple[str, dict[str, str], Handler, bool] | None:
        for route_method, template, pattern, handler, auth in self._routes:
            found = pattern.match(path)
            if found and route_method == method:
                return template, found.groupdict(), handler, auth
        return None


def failure_reply(failure: Failure) -> Reply:
    if failure.status != 429:
        body = failure.body or {"message": "injected failure", "code": 0}
        return Reply(failure.status, body, via=failure.via)
    body = failure.body or {
        "message": "You are being rate limited.",
        "retry_after": failure.retry_after,
        "global": False,
    }
    if not failure.via:
        # A proxy's own rate limit: no Via, no X-RateLimit-* headers, whole seconds.
        return Reply(429, body, {"Retry-After": str(math.ceil(failure.retry_after))}, via=False)
    headers = {
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": f"{time.time() + failure.retry_after:.3f}",
        "X-RateLimit-Reset-After": f"{failure.retry_after:.3f}",
        "X-RateLimit-Bucket": "standin-bucket",
        "X-RateLimit-Scope": "user",
        "Retry-After": str(max(1, math.ceil(failure.retry_after))),
    }
    return Reply(429, body, headers)


async def _read_body(request: web.Request) -> tuple[Any, list[str], bool]:
    """The JSON body (or a multipart's ``payload_json``), file names, and validity."""
    if not request.can_read_body:
        return None, [], True
    if request.content_type.startswith("multipart/"):
        payload: Any = None
        files: list[str] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            if part.name == "payload_json":
                payload = json.loads(await part.text())
            else:
                await part.read()
                files.append(part.filename or part.name or "file")
        return payload, files, True
    raw = await request.text()
    try:
        return (json.loads(raw) if raw else None), [], True
    except ValueError:
        return raw, [], False


class RestServer:
    """Turns aiohttp requests into recorded, routed, checked calls."""

    def __init__(self, state: StandinState, router: Router) -> None:
        self.state = state
        self.router = router

    async def handle(self, request: web.Request) -> web.StreamResponse:
        reply = await self._answer(request)
        # discord.py expects the Via header of Discord's own (Google's) front end.
        headers = {**({"Via": "1.1 google"} if reply.via else {}), **reply.headers}
        if reply.body is None:
            return web.Response(status=reply.status, headers=headers)
        # Exactly "application/json", no charset: discord.py compares the header verbatim.
        headers["Content-Type"] = "application/json"
        return web.Response(
            body=json.dumps(reply.body).encode(), status=reply.status, headers=headers
        )

    async def _answer(self, request: web.Request) -> Reply:
        state = self.state
        in_api = request.path.startswith(API_PREFIX + "/")
        path = request.path[len(API_PREFIX) :] if in_api else request.path
        now = asyncio.get_running_loop().time()  # arrival, before reading the body
        body, files, valid = await _read_body(request)
        call = Call(request.method, path, "?", body, dict(request.query), now)
        call.files = files
        state.calls.append(call)
        reply = await self._route(request, call, valid, in_api)
        call.status = reply.status
        await state.notify()
        return reply

    async def _route(self, request: web.Request, call: Call, valid: bool, in_api: bool) -> Reply:
        matched = self.router.match(call.method, call.path) if in_api else None
        if matched is None:
            self.state.unexpected_calls.append(call)
            return error(404, "404: Not Found")
        template, params, handler, auth = matched
        call.route = template
        if auth and request.headers.get("Authorization") != f"Bot {self.state.token}":
            return error(401, "401: Unauthorized")
        failure = self.state.take_failure(call.method, call.path)
        if failure is not None:
            return failure_reply(failure)
        if not valid:
            self.state.violate(call, "The request body contains invalid JSON.")
            return error(400, "The request body contains invalid JSON.", 50109)
        request = Request(call, params)
        schemas = discord_schemas()
        if call.json is not None and schemas.operation(call.method, call.path) is None:
            self.state.undescribed_calls.append(call)
        problems = schemas.check(call.method, call.path, call.json)
        if problems:
            return reject_problems(self.state, request, problems)
        return await handler(request)
