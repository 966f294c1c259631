"""REST routes of the Discord stand-in: identity, gateway, channels, DMs, commands.

Interaction callbacks and webhooks live in ``standin_interactions``.
"""

from __future__ import annotations

from collections.abc import Callable

from standin_http import (
    Reply,
    Request,
    Router,
    apply_mentions,
    attachment_objects,
    error,
    merge_edit,
    no_content,
    ok,
    reject,
    reject_problems,
)
from standin_model import (
    JSON,
    application_payload,
    channel_payload,
    dm_channel_payload,
    message_object,
)
from standin_rules import Problem, check_commands, check_message, is_visible
from standin_state import StandinState

_REPLY_TYPE = 19


class RestRoutes:
    """Handlers over a ``StandinState``; ``gateway_url`` is where ``/gateway`` points."""

    def __init__(self, state: StandinState, gateway_url: Callable[[], str]) -> None:
        self.state = state
        self.gateway_url = gateway_url

    def register(self, router: Router) -> None:
        add = router.add
        add("GET", "/users/@me", self.get_me)
        add("GET", "/users/{user_id}", self.get_user)
        add("POST", "/users/@me/channels", self.open_dm)
        add("GET", "/gateway", self.get_gateway, auth=False)
        add("GET", "/gateway/bot", self.get_gateway_bot)
        add("GET", "/oauth2/applications/@me", self.get_application)
        add("GET", "/applications/@me", self.get_application)
        add("GET", "/channels/{channel_id}", self.get_channel)
        add("POST", "/channels/{channel_id}/typing", self.typing)
        add("POST", "/channels/{channel_id}/messages", self.create_message)
        add("GET", "/channels/{channel_id}/messages/{message_id}", self.get_message)
        add("PATCH", "/channels/{channel_id}/messages/{message_id}", self.edit_message)
        add("DELETE", "/channels/{channel_id}/messages/{message_id}", self.delete_message)
        reaction = "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me"
        add("PUT", reaction, self.add_reaction)
        add("DELETE", reaction, self.remove_reaction)
        for scope in ("", "/guilds/{guild_id}"):
            base = "/applications/{application_id}" + scope + "/commands"
            add("GET", base, self.list_commands)
            add("PUT", base, self.overwrite_commands)
            add("POST", base, self.upsert_command)
            add("GET", base + "/{command_id}", self.get_command)
            add("DELETE", base + "/{command_id}", self.delete_command)

    # -- identity and gateway ------------------------------------------------

    async def get_me(self, request: Request) -> Reply:
        me = self.state.world.bot.payload()
        return ok({**me, "verified": True, "mfa_enabled": False, "flags": 0, "locale": "en-US"})

    async def get_user(self, request: Request) -> Reply:
        user = self.state.user(request.int_param("user_id"))
        return ok(user.payload()) if user else error(404, "Unknown User", 10013)

    async def get_gateway(self, request: Request) -> Reply:
        return ok({"url": self.gateway_url()})

    async def get_gateway_bot(self, request: Request) -> Reply:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return ok({"url": self.gateway_url(), "shards": 1, "session_start_limit": limit})

    async def get_application(self, request: Request) -> Reply:
        return ok(application_payload(self.state.world))

    async def open_dm(self, request: Request) -> Reply:
        body = request.body if isinstance(request.body, dict) else {}
        recipient = self.state.user(int(body.get("recipient_id") or 0))
        if recipient is None:
            problem = Problem(("recipient_id",), "BASE_TYPE_REQUIRED", "Unknown recipient")
            return reject_problems(self.state, request, [problem])
        return ok(dm_channel_payload(self.dm_channel_id(recipient.id), recipient))

    def dm_channel_id(self, user_id: int) -> int:
        for channel_id, recipient in self.state.dm_channels.items():
            if recipient == user_id:
                return channel_id
        channel_id = self.state.ids.next()
        self.state.dm_channels[channel_id] = user_id
        return channel_id

    # -- channels and messages -----------------------------------------------

    async def get_channel(self, request: Request) -> Reply:
        channel_id = request.int_param("channel_id")
        found = self.state.world.channel(channel_id)
        if found is not None:
            return ok(channel_payload(*found))
        recipient = self.state.user(self.state.dm_channels.get(channel_id, 0))
        if recipient is not None:
            return ok(dm_channel_payload(channel_id, recipient))
        return error(404, "Unknown Channel", 10003)

    def _writable(self, request: Request) -> Reply | None:
        """An error reply if the bot may not post in the channel, else None."""
        channel_id = request.int_param("channel_id")
        if not self.state.channel_exists(channel_id):
            return reject(self.state, request, 404, "Unknown Channel", 10003)
        found = self.state.world.channel(channel_id)
        if found is not None and not found[1].bot_can_send:
            return error(403, "Missing Permissions", 50013)  # a runtime condition, not a bug
        return None

    async def typing(self, request: Request) -> Reply:
        return self._writable(request) or no_content()

    async def create_message(self, request: Request) -> Reply:
        refused = self._writable(request)
        if refused is not None:
            return refused
        state, body = self.state, request.body
        problems = check_message(body)
        replied: JSON | None = None
        reference = body.get("message_reference") if isinstance(body, dict) else None
        if isinstance(reference, dict):
            replied = state.messages.get(int(reference.get("message_id") or 0))
            if replied is None and reference.get("fail_if_not_exists", True):
                problems.append(
                    Problem(
                        ("message_reference",),
                        "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                        "Unknown message",
                    )
                )
        if problems:
            return reject_problems(state, request, problems)
        channel_id = request.int_param("channel_id")
        message = message_object(
            message_id=state.ids.next(),
            channel_id=channel_id,
            author=state.world.bot,
            body=body,
            guild_id=state.guild_of(channel_id),
            message_type=_REPLY_TYPE if replied is not None else 0,
        )
        message["attachments"] = attachment_objects(state, body, request.call.files)
        if replied is not None:
            message["message_reference"] = {
                "type": 0,
                "message_id": replied["id"],
                "channel_id": replied["channel_id"],
                **({"guild_id": replied["guild_id"]} if "guild_id" in replied else {}),
            }
            message["referenced_message"] = replied
        apply_mentions(state, message, body, replied["author"] if replied else None)
        state.channel_messages.append(state.store(message))
        return ok(message)

    def _own_message(self, request: Request) -> JSON | Reply:
        message = self.state.messages.get(request.int_param("message_id"))
        if message is None or message["channel_id"] != request.params["channel_id"]:
            return reject(self.state, request, 404, "Unknown Message", 10008)
        return message

    async def get_message(self, request: Request) -> Reply:
        message = self.state.messages.get(request.int_param("message_id"))
        if message is None or message["channel_id"] != request.params["channel_id"]:
            return error(404, "Unknown Message", 10008)
        return ok(message)

    async def edit_message(self, request: Request) -> Reply:
        found = self._own_message(request)
        if isinstance(found, Reply):
            return found
        if found["author"]["id"] != str(self.state.world.bot.id):
            msg = "Cannot edit a message authored by another user"
            return reject(self.state, request, 403, msg, 50005)
        problems = check_message(request.body, require_body=False)
        if problems:
            return reject_problems(self.state, request, problems)
        if not is_visible({**found, **request.body}):
            return reject(self.state, request, 400, "Cannot send an empty message", 50006)
        merge_edit(self.state, found, request.body)
        return ok(found)

    async def delete_message(self, request: Request) -> Reply:
        found = self._own_message(request)
        if isinstance(found, Reply):
            return found
        found["deleted"] = True
        return no_content()

    async def add_reaction(self, request: Request) -> Reply:
        found = self._own_message(request)
        if isinstance(found, Reply):
            return found
        reactions = found.setdefault("reactions", [])
        emoji = request.params["emoji"]
        if not any(r["emoji"]["name"] == emoji for r in reactions):
            reactions.append({"emoji": {"id": None, "name": emoji}, "count": 1, "me": True})
        return no_content()

    async def remove_reaction(self, request: Request) -> Reply:
        found = self._own_message(request)
        if isinstance(found, Reply):
            return found
        emoji = request.params["emoji"]
        found["reactions"] = [r for r in found.get("reactions", []) if r["emoji"]["name"] != emoji]
        return no_content()

    # -- application commands ------------------------------------------------

    def _scope(self, request: Request) -> int | Reply | None:
        if request.int_param("application_id") != self.state.world.application_id:
            return reject(self.state, request, 403, "Missing Access", 50001)
        if "guild_id" not in request.params:
            return None
        guild_id = request.int_param("guild_id")
        if all(guild.id != guild_id for guild in self.state.world.guilds):
            return reject(self.state, request, 403, "Missing Access", 50001)
        return guild_id

    def _stored(self, guild_id: int | None, command: JSON, old: list[JSON]) -> JSON:
        kind = int(command.get("type") or 1)
        same = [c for c in old if c["name"] == command.get("name") and c["type"] == kind]
        stored: JSON = {
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            **command,
            "id": same[0]["id"] if same else str(self.state.ids.next()),
            "application_id": str(self.state.world.application_id),
            "type": kind,
            "version": str(self.state.ids.next()),
        }
        if guild_id is not None:
            stored["guild_id"] = str(guild_id)
        return stored

    async def list_commands(self, request: Request) -> Reply:
        scope = self._scope(request)
        if isinstance(scope, Reply):
            return scope
        return ok(self.state.commands.get(scope, []))

    async def overwrite_commands(self, request: Request) -> Reply:
        scope = self._scope(request)
        if isinstance(scope, Reply):
            return scope
        problems = check_commands(request.body)
        if problems:
            return reject_problems(self.state, request, problems)
        old = self.state.commands.get(scope, [])
        self.state.commands[scope] = [self._stored(scope, c, old) for c in request.body]
        return ok(self.state.commands[scope])

    async def upsert_command(self, request: Request) -> Reply:
        scope = self._scope(request)
        if isinstance(scope, Reply):
            return scope
        problems = check_commands([request.body])
        if problems:
            return reject_problems(self.state, request, problems)
        old = self.state.commands.get(scope, [])
        stored = self._stored(scope, request.body, old)
        existed = any(c["id"] == stored["id"] for c in old)
        self.state.commands[scope] = [c for c in old if c["id"] != stored["id"]] + [stored]
        return Reply(200 if existed else 201, stored)

    async def get_command(self, request: Request) -> Reply:
        scope = self._scope(request)
        if isinstance(scope, Reply):
            return scope
        for command in self.state.commands.get(scope, []):
            if command["id"] == request.params["command_id"]:
                return ok(command)
        return error(404, "Unknown application command", 10063)

    async def delete_command(self, request: Request) -> Reply:
        scope = self._scope(request)
        if isinstance(scope, Reply):
            return scope
        old = self.state.commands.get(scope, [])
        kept = [c for c in old if c["id"] != request.params["command_id"]]
        if len(kept) == len(old):
            return error(404, "Unknown application command", 10063)
        self.state.commands[scope] = kept
        return no_content()
