"""The world the Discord stand-in serves: users, guilds, channels, ids and JSON shapes.

Pure data and payload builders, no I/O. Shapes follow the Discord API v10
documentation (user, guild member, channel, guild create, message objects) and
carry the keys discord.py 2.7 reads without a default.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000

# Gateway intents (https://discord.com/developers/docs/events/gateway#gateway-intents).
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_PRESENCES = 1 << 8
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT

# Permission bits the default roles grant.
PERM_ADD_REACTIONS = 1 << 6
PERM_VIEW_CHANNEL = 1 << 10
PERM_SEND_MESSAGES = 1 << 11
PERM_EMBED_LINKS = 1 << 14
PERM_ATTACH_FILES = 1 << 15
PERM_READ_MESSAGE_HISTORY = 1 << 16
PERM_USE_EXTERNAL_EMOJIS = 1 << 18
PERM_USE_APPLICATION_COMMANDS = 1 << 31
PERM_SEND_MESSAGES_IN_THREADS = 1 << 38
MEMBER_PERMISSIONS = (
    PERM_ADD_REACTIONS
    | PERM_VIEW_CHANNEL
    | PERM_SEND_MESSAGES
    | PERM_EMBED_LINKS
    | PERM_ATTACH_FILES
    | PERM_READ_MESSAGE_HISTORY
    | PERM_USE_EXTERNAL_EMOJIS
    | PERM_USE_APPLICATION_COMMANDS
    | PERM_SEND_MESSAGES_IN_THREADS
)

# Locales Discord accepts (https://discord.com/developers/docs/reference#locales).
LOCALES = frozenset(
    {
        "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt",
        "hu", "nl", "no", "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el",
        "bg", "ru", "uk", "hi", "th", "zh-CN", "ja", "zh-TW", "ko",
    }
)  # fmt: skip

# Fixed ids of the default world, so tests can name them.
APPLICATION_ID = 1_100_000_000_000_000_001
BOT_USER_ID = APPLICATION_ID  # a bot user shares its application's id
GUILD_ID = 1_100_000_000_000_000_100
CHANNEL_ID = 1_100_000_000_000_000_200
READONLY_CHANNEL_ID = 1_100_000_000_000_000_201
USER_ID = 1_100_000_000_000_000_300
OTHER_BOT_ID = 1_100_000_000_000_000_301
OWNER_ID = 1_100_000_000_000_000_302

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


class Snowflakes:
    """Monotonic snowflakes carrying the current time, as discord.py derives
    ``created_at`` (and an interaction's expiry) from them."""

    def __init__(self) -> None:
        self._last = 0
        self._counter = itertools.count()

    def next(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        value = (ms << 22) | (next(self._counter) & 0xFFF)
        self._last = max(value, self._last + 1)
        return self._last


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class FakeUser:
    """A Discord user known to the stand-in."""

    id: int
    username: str
    bot: bool = False
    global_name: str | None = None

    def payload(self) -> JSON:
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass(frozen=True)
class FakeChannel:
    """A guild text channel; ``bot_can_send=False`` denies SEND_MESSAGES to everyone."""

    id: int
    name: str
    bot_can_send: bool = True


@dataclass(frozen=True)
class FakeGuild:
    """A guild with its text channels and human/bot members (the bot user is added)."""

    id: int
    name: str
    channels: tuple[FakeChannel, ...]
    members: tuple[FakeUser, ...]
    preferred_locale: str = "fr"
    owner_id: int = OWNER_ID


@dataclass
class World:
    """Everything the stand-in knows about before a client connects."""

    bot: FakeUser = field(default_factory=lambda: FakeUser(BOT_USER_ID, "briefbot", bot=True))
    application_id: int = APPLICATION_ID
    application_flags: int = 0
    guilds: list[FakeGuild] = field(default_factory=list)

    def users(self) -> dict[int, FakeUser]:
        known = {self.bot.id: self.bot}
        for guild in self.guilds:
            known.update({member.id: member for member in guild.members})
        return known

    def channel(self, channel_id: int) -> tuple[FakeGuild, FakeChannel] | None:
        for guild in self.guilds:
            for channel in guild.channels:
                if channel.id == channel_id:
                    return guild, channel
        return None


def default_world() -> World:
    """One guild (French), a writable ``#general``, a read-only ``#annonces``,
    a human ``alice`` and another bot ``otherbot``."""
    guild = FakeGuild(
        id=GUILD_ID,
        name="Briefbot test guild",
        channels=(
            FakeChannel(CHANNEL_ID, "general"),
            FakeChannel(READONLY_CHANNEL_ID, "annonces", bot_can_send=False),
        ),
        members=(
            FakeUser(USER_ID, "alice", global_name="Alice"),
            FakeUser(OTHER_BOT_ID, "otherbot", bot=True),
        ),
    )
    return World(guilds=[guild])


def member_payload(user: FakeUser, *, with_user: bool = True, permissions: bool = False) -> JSON:
    payload: JSON = {
        "roles": [],
        "joined_at": "2025-01-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
        "nick": None,
        "avatar": None,
        "pending": False,
    }
    if with_user:
        payload["user"] = user.payload()
    if permissions:
        payload["permissions"] = str(MEMBER_PERMISSIONS)
    return payload


def channel_payload(guild: FakeGuild, channel: FakeChannel, position: int = 0) -> JSON:
    overwrites: list[JSON] = []
    if not channel.bot_can_send:
        overwrites.append(
            {"id": str(guild.id), "type": 0, "allow": "0", "deny": str(PERM_SEND_MESSAGES)}
        )
    return {
        "id": str(channel.id),
        "type": 0,
        "guild_id": str(guild.id),
        "name": channel.name,
        "position": position,
        "permission_overwrites": overwrites,
        "topic": None,
        "nsfw": False,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "parent_id": None,
        "flags": 0,
    }


def dm_channel_payload(channel_id: int, recipient: FakeUser) -> JSON:
    return {
        "id": str(channel_id),
        "type": 1,
        "last_message_id": None,
        "recipients": [recipient.payload()],
        "flags": 0,
    }


def guild_create_payload(guild: FakeGuild, bot: FakeUser) -> JSON:
    everyone = {
        "id": str(guild.id),
        "name": "@everyone",
        "permissions": str(MEMBER_PERMISSIONS),
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    # Without the presences intent Discord sends only the bot's own member here
    # (and voice members); clients with the members intent request the rest.
    members = [member_payload(bot)]
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "owner_id": str(guild.owner_id),
        "unavailable": False,
        "large": False,
        "member_count": 1 + len(guild.members),
        "joined_at": "2025-01-01T00:00:00+00:00",
        "preferred_locale": guild.preferred_locale,
        "features": [],
        "roles": [everyone],
        "emojis": [],
        "stickers": [],
        "channels": [channel_payload(guild, c, i) for i, c in enumerate(guild.channels)],
        "threads": [],
        "members": members,
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "mfa_level": 0,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "premium_tier": 0,
        "nsfw_level": 0,
        "system_channel_id": None,
        "rules_channel_id": None,
        "afk_timeout": 300,
    }


def application_payload(world: World) -> JSON:
    owner = FakeUser(OWNER_ID, "owner")
    return {
        "id": str(world.application_id),
        "name": world.bot.username,
        "icon": None,
        "description": "",
        "bot_public": False,
        "bot_require_code_grant": False,
        "owner": owner.payload(),
        "verify_key": "0" * 64,
        "flags": world.application_flags,
        "team": None,
        "summary": "",
        "interactions_endpoint_url": None,
        "bot": world.bot.payload(),
    }


def message_object(
    *,
    message_id: int,
    channel_id: int,
    author: FakeUser,
    body: JSON,
    guild_id: int | None = None,
    message_type: int = 0,
) -> JSON:
    """A message object built from a create payload (content, embeds, components, flags)."""
    message: JSON = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author.payload(),
        "content": body.get("content") or "",
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": bool(body.get("tts", False)),
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": list(body.get("attachments") or []),
        "embeds": list(body.get("embeds") or []),
        "components": list(body.get("components") or []),
        "pinned": False,
        "type": message_type,
        "flags": int(body.get("flags") or 0),
    }
    if guild_id is not None:
        message["guild_id"] = str(guild_id)
    return message
