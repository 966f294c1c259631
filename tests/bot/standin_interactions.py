"""Interactions in the Discord stand-in: handles, initial callbacks, followups, edits.

Discord's rules enforced here: one initial callback per interaction, within
``deadline`` seconds of dispatch (3 s on Discord); the callback type must suit
the interaction type; followups and edits of ``@original`` only after the
callback and within the token's lifetime (15 min).
"""

from __future__ import annotations

import asyncio

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
from standin_model import JSON, message_object
from standin_rules import (
    FLAG_COMPONENTS_V2,
    FLAG_EPHEMERAL,
    FLAG_SUPPRESS_EMBEDS,
    FLAG_SUPPRESS_NOTIFICATIONS,
    Problem,
    check_autocomplete,
    check_message,
    check_modal,
    is_visible,
)
from standin_state import StandinState

# Interaction types and the callback types each accepts.
APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
CALLBACKS_FOR = {
    APPLICATION_COMMAND: {4, 5, 9},
    MESSAGE_COMPONENT: {4, 5, 6, 7, 9},
    AUTOCOMPLETE: {8},
    MODAL_SUBMIT: {4, 5, 6, 7},
}
FLAG_LOADING = 1 << 7
_INTERACTION_FLAGS = (
    FLAG_EPHEMERAL | FLAG_SUPPRESS_EMBEDS | FLAG_SUPPRESS_NOTIFICATIONS | FLAG_COMPONENTS_V2
)


def _callback_problems(kind: int, data: JSON) -> list[Problem]:
    if kind in (4, 7):
        return check_message(data, require_body=kind == 4, allowed_flags=_INTERACTION_FLAGS)
    if kind == 5:  # a deferral shows nothing yet, so it needs no allowed_mentions
        problems = check_message(data, require_body=False, allowed_flags=FLAG_EPHEMERAL)
        return [p for p in problems if p.path != ("allowed_mentions",)]
    if kind == 8:
        return check_autocomplete(data)
    if kind == 9:
        return check_modal(data)
    return []


class InteractionHandle:
    """One dispatched interaction, and what the client answered to it.

    ``callback`` is the accepted initial callback body (``{"type": 4, "data": ...}``);
    ``original`` the message it created or updated (None for 8 and 9);
    ``followups`` the followup messages, in order.
    """

    def __init__(self, state: StandinState, payload: JSON, deadline: float, lifetime: float):
        self.state = state
        self.payload = payload
        self.id = int(payload["id"])
        self.token: str = payload["token"]
        self.type: int = payload["type"]
        self.deadline = deadline
        self.lifetime = lifetime
        self.dispatched_at: float | None = None
        self.callback: JSON | None = None
        self.callback_delay: float | None = None
        self.original: JSON | None = None
        self.followups: list[JSON] = []

    def __repr__(self) -> str:
        return f"<InteractionHandle id={self.id} type={self.type} callback={self.response_type}>"

    @property
    def response_type(self) -> int | None:
        return None if self.callback is None else int(self.callback["type"])

    async def response(self, timeout: float = 2.0) -> JSON:
        """The initial callback body, once the client sent it."""
        return await self.state.wait_until(
            lambda: self.callback, timeout, f"initial response to interaction {self.id}"
        )

    async def followup(self, index: int = 0, timeout: float = 2.0) -> JSON:
        """The ``index``-th followup message, once created."""

        def probe() -> JSON | None:
            return self.followups[index] if len(self.followups) > index else None

        return await self.state.wait_until(probe, timeout, f"followup #{index} to {self.id}")

    async def final_message(self, timeout: float = 2.0) -> JSON:
        """The original response once it shows something (a deferral was completed)."""

        def probe() -> JSON | None:
            message = self.original
            if message is None or int(message.get("flags", 0)) & FLAG_LOADING:
                return None
            return message

        return await self.state.wait_until(probe, timeout, f"final response to {self.id}")

    def _elapsed(self, at: float | None = None) -> float:
        """Seconds from dispatch to ``at`` (a request's arrival), or to now."""
        start = self.dispatched_at if self.dispatched_at is not None else 0.0
        return (asyncio.get_running_loop().time() if at is None else at) - start


class InteractionRoutes:
    """Routes for ``/interactions/{id}/{token}/callback`` and ``/webhooks/{app}/{token}``."""

    def __init__(self, state: StandinState) -> None:
        self.state = state
        self.handles: dict[int, InteractionHandle] = {}

    def register(self, router: Router) -> None:
        add = router.add
        add("POST", "/interactions/{interaction_id}/{token}/callback", self.callback, auth=False)
        hook = "/webhooks/{application_id}/{token}"
        add("POST", hook, self.create_followup, auth=False)
        for method, handler in (
            ("GET", self.get_message),
            ("PATCH", self.edit_message),
            ("DELETE", self.delete_message),
        ):
            add(method, hook + "/messages/{message_id}", handler, auth=False)

    # -- initial callback ----------------------------------------------------

    async def callback(self, request: Request) -> Reply:
        handle = self.handles.get(request.int_param("interaction_id"))
        refusal = self._refuse_callback(handle, request)
        if refusal is not None or handle is None:
            return refusal or error(404, "Unknown interaction", 10062)
        body = request.body if isinstance(request.body, dict) else {}
        kind = int(body["type"])
        data = body.get("data") or {}
        problems = _callback_problems(kind, data)
        if problems:
            return reject_problems(self.state, request, problems)
        handle.callback = body
        # Timed at the request's arrival, as Discord times it, not after the
        # stand-in's own checks (which queue up under load).
        handle.callback_delay = handle._elapsed(request.call.time)
        handle.original = self._original_after(handle, kind, data, request.call.files)
        if request.call.query.get("with_response") not in ("1", "true", "True"):
            return no_content()
        answer: JSON = {
            "interaction": {
                "id": str(handle.id),
                "type": handle.type,
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(int(data.get("flags") or 0) & FLAG_EPHEMERAL),
            }
        }
        if handle.original is not None and kind in (4, 5, 7):
            answer["interaction"]["response_message_id"] = handle.original["id"]
            answer["resource"] = {"type": kind, "message": handle.original}
        return ok(answer)

    def _refuse_callback(self, handle: InteractionHandle | None, request: Request) -> Reply | None:
        """Why Discord would refuse this initial callback outright, if it would."""
        state = self.state
        if handle is None or handle.token != request.params["token"]:
            return reject(state, request, 404, "Unknown interaction", 10062)
        if handle.callback is not None:
            msg = "Interaction has already been acknowledged."
            return reject(state, request, 400, msg, 40060)
        if handle._elapsed(request.call.time) > handle.deadline:
            msg = f"Unknown interaction (initial response after {handle.deadline:g} s)"
            return reject(state, request, 404, msg, 10062)
        kind = request.body.get("type") if isinstance(request.body, dict) else None
        if kind not in CALLBACKS_FOR.get(handle.type, set()):
            msg = f"Interaction callback type {kind} is invalid for interaction type {handle.type}"
            return reject(state, request, 400, msg, 50035)
        return None

    def _original_after(
        self, handle: InteractionHandle, kind: int, data: JSON, files: list[str]
    ) -> JSON | None:
        state = self.state
        source = handle.payload.get("message")
        if kind in (6, 7) and source is not None:
            message = state.messages.setdefault(int(source["id"]), source)
            if kind == 7:
                merge_edit(state, message, data)
            return message
        if kind not in (4, 5):
            return None
        command_type = (handle.payload.get("data") or {}).get("type", 1)
        message_type = 0 if handle.type != APPLICATION_COMMAND else 20 if command_type == 1 else 23
        body = dict(data) if kind == 4 else {"flags": int(data.get("flags") or 0) | FLAG_LOADING}
        message = message_object(
            message_id=state.ids.next(),
            channel_id=int(handle.payload["channel_id"]),
            author=state.world.bot,
            body=body,
            guild_id=int(handle.payload["guild_id"]) if "guild_id" in handle.payload else None,
            message_type=message_type,
        )
        message["attachments"] = attachment_objects(state, body, files)
        message["webhook_id"] = str(state.world.application_id)
        apply_mentions(state, message, body)
        return state.store(message)

    # -- followups and edits -------------------------------------------------

    def _handle_for(self, request: Request) -> InteractionHandle | Reply:
        """The acknowledged, unexpired interaction a webhook route names, or a rejection."""
        state = self.state
        handle = next(
            (h for h in self.handles.values() if h.token == request.params["token"]), None
        )
        wrong_app = request.int_param("application_id") != state.world.application_id
        if handle is None or wrong_app:
            return reject(state, request, 404, "Unknown Webhook", 10015)
        if handle._elapsed() > handle.lifetime:
            return reject(state, request, 401, "Invalid Webhook Token", 50027)
        if handle.callback is None:
            msg = "Unknown Webhook (no initial response to the interaction yet)"
            return reject(state, request, 404, msg, 10015)
        return handle

    async def create_followup(self, request: Request) -> Reply:
        handle = self._handle_for(request)
        if isinstance(handle, Reply):
            return handle
        body = request.body
        problems = check_message(body, allowed_flags=_INTERACTION_FLAGS)
        if problems:
            return reject_problems(self.state, request, problems)
        original = handle.original
        if handle.response_type == 5 and original is not None and original["flags"] & FLAG_LOADING:
            # Discord turns the first followup after a deferral into the deferred message.
            merge_edit(self.state, original, body)
            original["flags"] = (original["flags"] & ~FLAG_LOADING) | int(body.get("flags") or 0)
            message = original
        else:
            message = message_object(
                message_id=self.state.ids.next(),
                channel_id=int(handle.payload["channel_id"]),
                author=self.state.world.bot,
                body=body,
                guild_id=int(handle.payload["guild_id"]) if "guild_id" in handle.payload else None,
            )
            message["webhook_id"] = str(self.state.world.application_id)
            message["attachments"] = attachment_objects(self.state, body, request.call.files)
            apply_mentions(self.state, message, body)
            self.state.store(message)
        handle.followups.append(message)
        wait = request.call.query.get("wait") in ("1", "true", "True")
        return ok(message) if wait else no_content()

    def _message_for(self, request: Request) -> tuple[InteractionHandle, JSON] | Reply:
        handle = self._handle_for(request)
        if isinstance(handle, Reply):
            return handle
        wanted = request.params["message_id"]
        if wanted == "@original":
            message = handle.original
        else:
            message = next((m for m in handle.followups if m["id"] == wanted), None)
        if message is None or message.get("deleted"):
            return reject(self.state, request, 404, "Unknown Message", 10008)
        return handle, message

    async def get_message(self, request: Request) -> Reply:
        found = self._message_for(request)
        return found if isinstance(found, Reply) else ok(found[1])

    async def edit_message(self, request: Request) -> Reply:
        found = self._message_for(request)
        if isinstance(found, Reply):
            return found
        _, message = found
        body = request.body
        problems = check_message(body, require_body=False, allowed_flags=_INTERACTION_FLAGS)
        if problems:
            return reject_problems(self.state, request, problems)
        if not is_visible({**message, **body}):
            return reject(self.state, request, 400, "Cannot send an empty message", 50006)
        merge_edit(self.state, message, body)
        message["flags"] = int(message.get("flags", 0)) & ~FLAG_LOADING
        return ok(message)

    async def delete_message(self, request: Request) -> Reply:
        found = self._message_for(request)
        if isinstance(found, Reply):
            return found
        found[1]["deleted"] = True
        return no_content()
