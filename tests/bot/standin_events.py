"""Payloads of the events the stand-in sends a client: MESSAGE_CREATE and
INTERACTION_CREATE for slash commands, autocomplete, components and message
context menus.

Strict like Discord: an interaction names a command the client synced, with
options the synced schema declares; a component interaction names a
``custom_id`` present on a message the bot sent.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from standin_model import (
    ATTACHMENT_SIZE_LIMIT,
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MESSAGES,
    INTENT_MESSAGE_CONTENT,
    JSON,
    MEMBER_PERMISSIONS,
    FakeUser,
    channel_payload,
    dm_channel_payload,
    member_payload,
    message_object,
)
from standin_state import StandinState

OptionValue = str | int | float | bool


def user_message(
    state: StandinState,
    *,
    content: str,
    channel_id: int,
    author: FakeUser,
    mentions: list[FakeUser],
    reply_to: JSON | None,
) -> JSON:
    """A MESSAGE_CREATE payload from a user (full, before any intent filtering)."""
    guild_id = state.guild_of(channel_id)
    message = message_object(
        message_id=state.ids.next(),
        channel_id=channel_id,
        author=author,
        body={"content": content},
        guild_id=guild_id,
        message_type=19 if reply_to else 0,
    )
    message["mentions"] = [
        {**u.payload(), **({"member": member_payload(u, with_user=False)} if guild_id else {})}
        for u in mentions
    ]
    if guild_id is not None:
        message["member"] = member_payload(author, with_user=False)
    if reply_to is not None:
        message["message_reference"] = {
            "type": 0,
            "message_id": reply_to["id"],
            "channel_id": reply_to["channel_id"],
        }
        message["referenced_message"] = reply_to
    return message


def visible_to(message: JSON, intents: int, bot_id: int) -> JSON | None:
    """The event as a session with ``intents`` receives it, or None if it doesn't.

    Without MESSAGE_CONTENT, Discord blanks content, embeds, attachments and
    components, except in DMs, when the bot is mentioned, or for its own messages.
    """
    in_guild = "guild_id" in message
    if not intents & (INTENT_GUILD_MESSAGES if in_guild else INTENT_DIRECT_MESSAGES):
        return None
    mentioned = any(u["id"] == str(bot_id) for u in message.get("mentions", []))
    exempt = not in_guild or mentioned or message["author"]["id"] == str(bot_id)
    if intents & INTENT_MESSAGE_CONTENT or exempt:
        return message
    return {**message, "content": "", "embeds": [], "attachments": [], "components": []}


def find_command(state: StandinState, name: str, kind: int, guild_id: int | None) -> JSON:
    """The synced command a user could invoke here (guild commands, then global)."""
    scopes: list[int | None] = [guild_id, None] if guild_id is not None else [None]
    for scope in scopes:
        for command in state.commands.get(scope, []):
            if command["name"] == name and command["type"] == kind:
                if guild_id is None and not _usable_in_dm(command):
                    raise LookupError(f"stand-in: command {name!r} is not available in DMs")
                return command
    synced = {scope: [c["name"] for c in cmds] for scope, cmds in state.commands.items()}
    raise LookupError(
        f"stand-in: command {name!r} (type {kind}) was never synced; synced: {synced}"
    )


def _usable_in_dm(command: JSON) -> bool:
    contexts = command.get("contexts")
    if contexts is not None:
        return 1 in contexts  # 1: the bot's DM
    return command.get("dm_permission") is not False


def _check_value(name: str, spec: JSON, value: OptionValue) -> None:
    """What the Discord client itself ensures before sending an option value."""
    expected = {3: (str,), 4: (int,), 5: (bool,), 10: (int, float)}.get(spec["type"])
    wrong_bool = isinstance(value, bool) and spec["type"] != 5
    if expected is not None and (not isinstance(value, expected) or wrong_bool):
        raise ValueError(f"stand-in: option {name!r} takes type {spec['type']}, not {value!r}")
    if spec.get("choices") and value not in [c["value"] for c in spec["choices"]]:
        raise ValueError(f"stand-in: {value!r} is not a choice of option {name!r}")
    size = len(value) if isinstance(value, str) else value
    low = spec.get("min_length" if isinstance(value, str) else "min_value")
    high = spec.get("max_length" if isinstance(value, str) else "max_value")
    if (low is not None and size < low) or (high is not None and size > high):
        raise ValueError(f"stand-in: {value!r} is out of bounds for option {name!r}")


def command_options(
    schema: list[JSON], options: Mapping[str, OptionValue], focused: str | None = None
) -> list[JSON]:
    """Interaction options for ``options``, checked against the synced ``schema``."""
    declared = {o["name"]: o for o in schema}
    unknown = set(options) - set(declared)
    if unknown:
        raise ValueError(f"stand-in: options {sorted(unknown)} not in synced {sorted(declared)}")
    result: list[JSON] = []
    for name, spec in declared.items():
        if name not in options:
            if spec.get("required") and name != focused:
                raise ValueError(f"stand-in: required option {name!r} missing")
            continue
        value = options[name]
        option: JSON = {"name": name, "type": spec["type"], "value": value}
        if name == focused:
            if not spec.get("autocomplete"):
                raise ValueError(f"stand-in: option {name!r} has no autocomplete")
            option["focused"] = True  # the text typed so far, unchecked
        else:
            _check_value(name, spec, value)
        result.append(option)
    return result


def slash_data(
    state: StandinState,
    name: str,
    options: Mapping[str, OptionValue],
    guild_id: int | None,
    focused: str | None = None,
) -> JSON:
    """``data`` of a chat-input interaction; ``name`` may be ``"group sub"``."""
    top, *path = name.split()
    command = find_command(state, top, 1, guild_id)
    schema: list[JSON] = command.get("options") or []
    wrappers: list[JSON] = []
    for part in path:
        sub = next((o for o in schema if o["name"] == part and o.get("type") in (1, 2)), None)
        if sub is None:
            raise LookupError(f"stand-in: {name!r}: no subcommand {part!r} synced")
        wrappers.append({"name": part, "type": sub["type"], "options": []})
        schema = sub.get("options") or []
    if any(o.get("type") in (1, 2) for o in schema):
        raise LookupError(f"stand-in: {name!r} is a group; name a subcommand")
    leaf = command_options(schema, options, focused)
    for wrapper in reversed(wrappers):
        wrapper["options"], leaf = leaf, [wrapper]
    data: JSON = {"id": command["id"], "name": top, "type": 1, "options": leaf}
    if "guild_id" in command:
        data["guild_id"] = command["guild_id"]
    return data


def message_command_data(
    state: StandinState, name: str, target: JSON, guild_id: int | None
) -> JSON:
    command = find_command(state, name, 3, guild_id)
    data: JSON = {
        "id": command["id"],
        "name": name,
        "type": 3,
        "target_id": target["id"],
        "resolved": {"messages": {target["id"]: target}},
    }
    if "guild_id" in command:
        data["guild_id"] = command["guild_id"]
    return data


def _walk(components: list[Any]) -> Iterator[JSON]:
    for comp in components:
        if isinstance(comp, dict):
            yield comp
            yield from _walk(comp.get("components") or [])
            if isinstance(comp.get("accessory"), dict):
                yield comp["accessory"]


def component_source(
    state: StandinState, custom_id: str, message: JSON | None
) -> tuple[JSON, JSON]:
    """The bot message carrying ``custom_id`` (newest first) and that component."""
    if message is not None:
        message = state.messages.get(int(message["id"]), message)
    candidates = [message] if message is not None else reversed(state.messages.values())
    bot_id = str(state.world.bot.id)
    for candidate in candidates:
        if candidate.get("deleted") or candidate["author"]["id"] != bot_id:
            continue
        for comp in _walk(candidate.get("components") or []):
            if comp.get("custom_id") == custom_id:
                return candidate, comp
    raise LookupError(f"stand-in: no bot message carries a component {custom_id!r}")


def interaction(
    state: StandinState,
    *,
    kind: int,
    data: JSON,
    user: FakeUser,
    channel_id: int,
    dm_channel_id: int | None,
    locale: str,
    guild_locale: str | None,
) -> JSON:
    """An INTERACTION_CREATE payload, in a guild channel or (``dm_channel_id``) a DM."""
    interaction_id = state.ids.next()
    payload: JSON = {
        "id": str(interaction_id),
        "application_id": str(state.world.application_id),
        "type": kind,
        "data": data,
        "token": f"standin-interaction-token-{interaction_id}",
        "version": 1,
        "locale": locale,
        "app_permissions": str(MEMBER_PERMISSIONS),
        "entitlements": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if dm_channel_id is not None:
        payload.update(
            channel_id=str(dm_channel_id),
            channel=dm_channel_payload(dm_channel_id, user),
            user=user.payload(),
            context=1,
            authorizing_integration_owners={"0": str(user.id)},
        )
        return payload
    found = state.world.channel(channel_id)
    if found is None:
        raise LookupError(f"stand-in: unknown channel {channel_id}")
    guild, channel = found
    payload.update(
        channel_id=str(channel.id),
        channel=channel_payload(guild, channel),
        guild_id=str(guild.id),
        guild={"id": str(guild.id), "locale": guild.preferred_locale, "features": []},
        guild_locale=guild_locale or guild.preferred_locale,
        member=member_payload(user, permissions=True),
        context=0,
        authorizing_integration_owners={"0": str(guild.id)},
    )
    return payload
