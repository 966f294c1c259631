"""Answering an interaction once, and the one error path every interaction shares.

:func:`respond` sends the initial response, or a followup once the interaction
was answered or deferred, so handlers never answer twice. :func:`report` is
called by the command tree's ``on_error`` and by the persistent buttons: a
user's mistake gets a short ephemeral message in their language; anything
else is logged with its traceback and context, the user gets a short apology,
and the bot carries on.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands

from briefbot.bot.render import Part
from briefbot.messages import message
from briefbot.service import Origin

if TYPE_CHECKING:
    from briefbot.bot.client import BriefBot

log = logging.getLogger(__name__)

# Errors that are the user's (or their permissions'), answered without a traceback.
USER_ERRORS: tuple[tuple[type[Exception], str], ...] = (
    (app_commands.MissingPermissions, "bot.not_manager"),
    (app_commands.NoPrivateMessage, "bot.guild_only"),
)


def origin(frontend: str, interaction: discord.Interaction[Any]) -> Origin:
    """Where an interaction's question comes from, for the question log."""
    return Origin(frontend, interaction.guild_id, interaction.channel_id, interaction.user.id)


async def respond(
    interaction: discord.Interaction[Any],
    part: Part,
    *,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> None:
    """Send ``part``: as the response if none was sent yet, else as a followup."""
    kwargs: dict[str, Any] = {"ephemeral": ephemeral}
    if part.content:
        kwargs["content"] = part.content
    if part.embeds:
        kwargs["embeds"] = list(part.embeds)
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


def _what(interaction: discord.Interaction[Any]) -> str:
    if interaction.command is not None:
        return f"command {interaction.command.qualified_name!r}"
    data = cast("dict[str, Any]", interaction.data or {})
    custom_id = data.get("custom_id")
    return f"component {custom_id!r}" if custom_id else f"interaction type {interaction.type}"


async def report(interaction: discord.Interaction[BriefBot], error: Exception) -> None:
    """Tell the user what went wrong, briefly; log what was unexpected, with context."""
    cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    key = next((key for kind, key in USER_ERRORS if isinstance(cause, kind)), None)
    if key is None:
        log.error(
            "%s failed (interaction %s, server %s, channel %s)",
            _what(interaction),
            interaction.id,
            interaction.guild_id,
            interaction.channel_id,
            exc_info=cause,
        )
        key = "bot.error"
    lang = interaction.client.quick_lang(interaction)
    try:
        await respond(interaction, Part(content=message(key, lang)), ephemeral=True)
    except discord.HTTPException as exc:
        log.warning("could not tell the user that %s failed: %s", _what(interaction), exc)
