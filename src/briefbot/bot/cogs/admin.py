"""The server feature: /settings and /stats for a server's managers, /about and /help for all.

/settings and /stats need the Manage Server permission twice over: Discord hides
them from other members (``default_permissions``), and a check refuses them
should a server's own overrides show them. Both work only on the server they
are run in: its id comes from the interaction, never from an option.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from briefbot import __version__
from briefbot.bot.language import lang_of
from briefbot.bot.panels import STATS_ROWS, about_embed, help_embed, settings_embed, stats_embed
from briefbot.bot.render import Part
from briefbot.bot.replies import respond
from briefbot.bot.translator import text
from briefbot.engine.types import Lang
from briefbot.messages import message
from briefbot.storage import UNSET, Unset

if TYPE_CHECKING:
    from briefbot.bot.client import BriefBot

log = logging.getLogger(__name__)

Interaction = discord.Interaction["BriefBot"]

LANGUAGE_CHOICES = [
    app_commands.Choice(name=text("cmd.settings.lang.fr"), value="fr"),
    app_commands.Choice(name=text("cmd.settings.lang.en"), value="en"),
    app_commands.Choice(name=text("cmd.settings.lang.auto"), value="auto"),
]
MAX_STATS_DAYS = 3650


def _server(interaction: Interaction) -> tuple[int, str]:
    """The id and name of the server the command runs in (guild-only commands)."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    name = interaction.guild.name if interaction.guild else str(interaction.guild_id)
    return interaction.guild_id, name


class Admin(commands.Cog):
    """Per-server settings and statistics; the bot's help and sources."""

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    def _guild_lang(self, interaction: Interaction) -> Lang:
        locale = interaction.guild_locale.value if interaction.guild_locale else None
        return lang_of(locale) or self.bot.default_lang

    @app_commands.command(name=text("cmd.settings"), description=text("cmd.settings.description"))
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.rename(
        language=text("cmd.settings.language"),
        answer_here=text("cmd.settings.answer_here"),
        enabled=text("cmd.settings.enabled"),
    )
    @app_commands.describe(
        language=text("cmd.settings.language.description"),
        answer_here=text("cmd.settings.answer_here.description"),
        enabled=text("cmd.settings.enabled.description"),
    )
    @app_commands.choices(language=LANGUAGE_CHOICES)
    async def settings(
        self,
        interaction: Interaction,
        language: app_commands.Choice[str] | None = None,
        answer_here: bool | None = None,
        enabled: bool | None = None,
    ) -> None:
        """Show this server's settings; change those given."""
        guild_id, guild_name = _server(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        current = await self.bot.guild_settings(guild_id)
        default_lang: str | Unset | None = UNSET
        if language is not None:
            default_lang = None if language.value == "auto" else language.value
        channels: frozenset[int] | Unset = UNSET
        if answer_here is not None and interaction.channel_id is not None:
            here = frozenset({interaction.channel_id})
            channels = (
                current.answer_channels | here if answer_here else current.answer_channels - here
            )
        changed = language is not None or not isinstance(channels, Unset) or enabled is not None
        if changed:
            current = await self.bot.update_guild_settings(
                guild_id,
                default_lang=default_lang,
                answer_channels=channels,
                enabled=UNSET if enabled is None else enabled,
            )
            log.info("settings of server %s changed", guild_id)
        lang = await self.bot.interaction_lang(interaction)
        embed = settings_embed(
            lang,
            guild_name,
            current,
            guild_lang=self._guild_lang(interaction),
            message_content=self.bot.settings.message_content,
        )
        saved = message("bot.settings.saved", lang) if changed else ""
        await respond(interaction, Part(content=saved, embeds=(embed,)), ephemeral=True)

    @app_commands.command(name=text("cmd.stats"), description=text("cmd.stats.description"))
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.rename(days=text("cmd.stats.days"))
    @app_commands.describe(days=text("cmd.stats.days.description"))
    async def stats(
        self,
        interaction: Interaction,
        days: app_commands.Range[int, 1, MAX_STATS_DAYS] | None = None,
    ) -> None:
        """This server's figures only, seen only by the manager who asks."""
        guild_id, guild_name = _server(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        since = None if days is None else self.bot.service.now() - timedelta(days=days)
        figures = await self.bot.store.stats(since=since, guild_id=guild_id, top=STATS_ROWS)
        lang = await self.bot.interaction_lang(interaction)
        titles = self.bot.service.engine.titles(lang)
        embed = stats_embed(lang, guild_name, figures, titles)
        await respond(interaction, Part(embeds=(embed,)), ephemeral=True)

    @app_commands.command(name=text("cmd.about"), description=text("cmd.about.description"))
    async def about(self, interaction: Interaction) -> None:
        lang = await self.bot.interaction_lang(interaction)
        kb = self.bot.service.engine.kb
        embed = about_embed(lang, kb.facts.sources, __version__, kb.identity)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name=text("cmd.help"), description=text("cmd.help.description"))
    async def help(self, interaction: Interaction) -> None:
        lang = await self.bot.interaction_lang(interaction)
        mention = self.bot.user.mention if self.bot.user else "@briefbot"
        engine = self.bot.service.engine
        embed = help_embed(lang, engine.help_text(lang), mention, engine.kb.identity)
        await interaction.response.send_message(embed=embed, ephemeral=True)
