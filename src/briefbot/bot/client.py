"""The Discord client: resources handed in, cogs added in ``setup_hook``, one error path.

Following discord.py's ``examples/advanced_startup.py``, the answering service
(with its store) is opened by the caller and given to :class:`BriefBot`; the
bot never opens or closes it. Every message it sends carries
``AllowedMentions.none()``, set once here, so no reply can ping anyone.
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands
from discord.webhook.async_ import async_context

from briefbot.bot import replies
from briefbot.bot.cogs.admin import Admin
from briefbot.bot.cogs.ask import Ask
from briefbot.bot.cogs.feedback import Feedback
from briefbot.bot.cooldown import Cooldown
from briefbot.bot.http_client import ProxyTolerantHTTPClient, ProxyTolerantWebhookAdapter
from briefbot.bot.language import lang_of, resolve
from briefbot.bot.translator import CatalogueTranslator
from briefbot.config import Settings
from briefbot.engine.types import Lang
from briefbot.service import AnswerService
from briefbot.storage import UNSET, GuildSettings, Store, Unset

log = logging.getLogger(__name__)

# Connections to Discord's API kept open and reused (aiohttp's own default).
# discord.py sets no limit, so a burst of interactions opened one connection per
# response: a socket and TLS handshake each, ~15% of the bot's CPU in a burst.
HTTP_CONNECTIONS = 100


def intents_for(settings: Settings) -> discord.Intents:
    """Only what briefbot reads: servers, their channels, messages and DMs.

    Message content is privileged and opt-in (``BRIEFBOT_MESSAGE_CONTENT``):
    without it Discord still delivers the text of mentions and DMs.
    """
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.message_content = settings.message_content
    return intents


class BriefTree(app_commands.CommandTree["BriefBot"]):
    """The command tree; its ``on_error`` is the one error path of every command."""

    async def on_error(
        self, interaction: discord.Interaction[BriefBot], error: app_commands.AppCommandError, /
    ) -> None:
        await replies.report(interaction, error)


class BriefBot(commands.AutoShardedBot):
    """briefbot on Discord: chat replies, application commands and persistent buttons."""

    def __init__(self, *, service: AnswerService, settings: Settings) -> None:
        # Without shard ids this process runs every shard (all of them by default).
        sharding: dict[str, Any] = (
            {"shard_ids": list(settings.shard_ids)} if settings.shard_ids else {}
        )
        # briefbot has no voice: discord.py's warnings about voice libraries are noise.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents_for(settings),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=BriefTree,
            shard_count=settings.shard_count,
            # No message cache and no member cache: nothing reads them, and on
            # busy servers they are most of a bot's memory.
            max_messages=None,
            member_cache_flags=discord.MemberCacheFlags.none(),
            chunk_guilds_at_startup=False,
            connector=aiohttp.TCPConnector(limit=HTTP_CONNECTIONS),
            **sharding,
        )
        # discord.py keeps this one client in several places (state, command tree):
        # re-class it rather than replace it, so every request gets the proxy retries.
        self.http.__class__ = ProxyTolerantHTTPClient
        self.service = service
        self.settings = settings
        self.default_lang: Lang = lang_of(settings.default_lang) or "en"
        self.cooldown = Cooldown(settings.cooldown_seconds)
        # Each server is served by exactly one shard, hence one process: a cache
        # per process stays true as long as /settings is the only writer.
        self._guild_settings: dict[int, GuildSettings] = {}
        self._gateway_started = False

    @property
    def store(self) -> Store:
        """The service's store (``briefbot sync`` runs without one and never asks for it)."""
        if self.service.store is None:
            raise RuntimeError("BriefBot needs an AnswerService with a store")
        return self.service.store

    async def setup_hook(self) -> None:
        await self.tree.set_translator(CatalogueTranslator())
        for cog in (Ask(self), Feedback(self), Admin(self)):
            await self.add_cog(cog)
        if self.settings.sync_on_start:
            synced = await self.tree.sync()
            log.info("synced %d application commands globally", len(synced))

    async def connect(self, *, reconnect: bool = True) -> None:
        self._gateway_started = True
        # Interaction responses go through the webhook adapter that discord.py reads
        # from this context variable: set here, it reaches every task the shards start.
        async_context.set(ProxyTolerantWebhookAdapter())
        await super().connect(reconnect=reconnect)

    async def close(self) -> None:
        """Close; without a gateway connection, close only what ``login`` opened.

        discord.py 2.7's ``AutoShardedClient.close`` fails (AttributeError on
        its shard queue) unless ``connect`` ran, which would hide the real error
        after a rejected token and break ``briefbot sync``, which only logs in.
        """
        if self._gateway_started:
            await super().close()
        else:
            await self.http.close()

    async def on_ready(self) -> None:
        log.info(
            "connected as %s (id %s) to %d servers, shards %s",
            self.user,
            self.application_id,
            len(self.guilds),
            sorted(self.shards),
        )

    async def on_message(self, message: discord.Message, /) -> None:
        """briefbot has no prefix commands: chat is answered by the ask cog's listener."""

    # --- per-server settings, cached -----------------------------------------

    def cached_guild_settings(self, guild_id: int) -> GuildSettings | None:
        """The server's settings if already read; never waits on the database."""
        return self._guild_settings.get(guild_id)

    async def guild_settings(self, guild_id: int) -> GuildSettings:
        """The server's settings, read from the store once and then from memory."""
        cached = self._guild_settings.get(guild_id)
        if cached is None:
            cached = await self.store.guild_settings(guild_id)
            self._guild_settings[guild_id] = cached
        return cached

    async def update_guild_settings(
        self,
        guild_id: int,
        *,
        default_lang: str | Unset | None = UNSET,
        answer_channels: frozenset[int] | Unset = UNSET,
        enabled: bool | Unset = UNSET,
    ) -> GuildSettings:
        """Change a server's settings in the store and in the cache."""
        updated = await self.store.update_guild_settings(
            guild_id, default_lang=default_lang, answer_channels=answer_channels, enabled=enabled
        )
        self._guild_settings[guild_id] = updated
        return updated

    # --- answer language when the question does not tell ---------------------

    async def chat_lang(self, guild: discord.Guild | None) -> Lang:
        """For chat: the server's stored default, else its locale, else the configured default."""
        if guild is None:
            return self.default_lang
        stored = (await self.guild_settings(guild.id)).default_lang
        return resolve(stored, guild.preferred_locale.value, default=self.default_lang)

    async def interaction_lang(self, interaction: discord.Interaction[BriefBot]) -> Lang:
        """The user's locale, else the server's stored default, else its locale, else the default.

        Reads the store only when the user's locale is neither French nor
        English and the server's settings are not cached yet.
        """
        user = lang_of(interaction.locale.value)
        if user is not None:
            return user
        stored = None
        if interaction.guild_id is not None:
            stored = (await self.guild_settings(interaction.guild_id)).default_lang
        return self._fallback_lang(interaction, stored)

    def quick_lang(self, interaction: discord.Interaction[BriefBot]) -> Lang:
        """Like :meth:`interaction_lang` from cached settings only, for replies that
        cannot wait (autocomplete, error messages)."""
        user = lang_of(interaction.locale.value)
        if user is not None:
            return user
        cached = None
        if interaction.guild_id is not None:
            cached = self.cached_guild_settings(interaction.guild_id)
        return self._fallback_lang(interaction, cached.default_lang if cached else None)

    def _fallback_lang(
        self, interaction: discord.Interaction[BriefBot], stored: str | None
    ) -> Lang:
        guild_locale = interaction.guild_locale.value if interaction.guild_locale else None
        return resolve(stored, guild_locale, default=self.default_lang)
