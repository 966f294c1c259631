"""Tests of the Discord stand-in itself, driven by a minimal discord.py client."""

from __future__ import annotations

import discord
from conftest import connect
from standin import FakeDiscord


async def test_login_and_ready(standin: FakeDiscord) -> None:
    """A plain client logs in, identifies, and sees the guild and its channels."""
    client = discord.Client(intents=discord.Intents.default())
    async with connect(client, standin):
        assert client.user is not None and client.user.id == standin.bot_user.id
        guild = client.get_guild(standin.guild_id)
        assert guild is not None
        assert guild.get_channel(standin.channel_id) is not None
    assert standin.gateway.identify_count == 1
