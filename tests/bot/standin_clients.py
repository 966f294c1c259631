"""Minimal discord.py clients for the stand-in's own tests (not briefbot's bot)."""

from __future__ import annotations

import discord
from discord import app_commands

QUIET = discord.AllowedMentions.none()


def intents(*, message_content: bool = True, members: bool = False) -> discord.Intents:
    chosen = discord.Intents.default()
    chosen.message_content = message_content
    chosen.members = members
    return chosen


class EchoClient(discord.Client):
    """Replies "echo: <content>" to every human message, and remembers what it saw."""

    def __init__(self, **options: object) -> None:
        options.setdefault("intents", intents())
        options.setdefault("allowed_mentions", QUIET)
        super().__init__(**options)  # type: ignore[arg-type]
        self.seen: list[str] = []

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.seen.append(message.content)
        await message.reply(f"echo: {message.content}")


class TreeClient(discord.Client):
    """A client with an app-command tree whose errors are kept for the test."""

    def __init__(self) -> None:
        super().__init__(intents=intents(message_content=False), allowed_mentions=QUIET)
        self.tree = app_commands.CommandTree(self)
        self.errors: list[Exception] = []

        @self.tree.error
        async def keep(interaction: discord.Interaction, error: Exception) -> None:
            self.errors.append(getattr(error, "original", error))


def text_channel(client: discord.Client, channel_id: int) -> discord.TextChannel:
    channel = client.get_channel(channel_id)
    assert isinstance(channel, discord.TextChannel)
    return channel
