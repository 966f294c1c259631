"""The asking feature: chat replies, /ask with autocomplete, the knowledge base's topic
commands, the message menu.

Every path reads the event, picks a fallback language, calls the answering
service and sends what :mod:`briefbot.bot.render` made of the answer. Chat
replies go to mentions and DMs, and, in a server's chosen answer channels
(which need the message content intent), to messages the bot can answer.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable, Coroutine
from contextlib import suppress
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from briefbot import conversation
from briefbot.bot.cooldown import Verdict
from briefbot.bot.render import Part, answer_parts
from briefbot.bot.replies import origin, respond
from briefbot.bot.translator import bilingual, text
from briefbot.bot.typing_indicator import show_typing
from briefbot.bot.views import answer_view, send_answer
from briefbot.engine.core import DISCORD_CHOICE_CHARS, MAX_QUESTION_CHARS
from briefbot.engine.types import Kind, Lang, TimeStyle
from briefbot.messages import message as catalogue
from briefbot.service import Asked, Origin
from briefbot.storage import GuildSettings

if TYPE_CHECKING:
    from briefbot.bot.client import BriefBot

log = logging.getLogger(__name__)

Interaction = discord.Interaction["BriefBot"]

# In answer channels nobody addressed the bot: it speaks only when it has
# something to say, not to decline small talk.
SPOKEN_UNASKED = (Kind.ANSWER, Kind.CLARIFY)


def _in_answer_channel(channel: discord.abc.Messageable, settings: GuildSettings) -> bool:
    if getattr(channel, "id", None) in settings.answer_channels:
        return True
    return isinstance(channel, discord.Thread) and channel.parent_id in settings.answer_channels


class Ask(commands.Cog):
    """Answers questions wherever they are asked."""

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot
        # Context menus cannot be declared inside a class: built here, added on load.
        self.menu = app_commands.ContextMenu(name=text("cmd.menu.ask"), callback=self.ask_message)
        # The knowledge base's topic commands (/agenda): one answer each.
        self.shortcuts: list[app_commands.Command[Any, ..., None]] = [
            app_commands.Command(
                name=bilingual(c.name, c.name_fr),
                description=bilingual(c.description["en"], c.description["fr"]),
                callback=self._shortcut(c.answer),
            )
            for c in bot.service.engine.kb.identity.commands
        ]

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)
        for command in self.shortcuts:
            self.bot.tree.add_command(command)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)
        for command in self.shortcuts:
            self.bot.tree.remove_command(command.name)

    def _shortcut(self, topic: str) -> Callable[[Interaction], Coroutine[Any, Any, None]]:
        """The callback of a topic command: the answer ``topic`` (a cell id)."""

        async def give(interaction: Interaction) -> None:
            await self._topic(interaction, topic)

        return give

    # --- chat ------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.webhook_id is not None:
            return  # other bots, webhooks and briefbot itself
        try:
            await self._chat(message)
        except discord.Forbidden as exc:
            log.info("cannot answer in channel %s: %s", message.channel.id, exc.text)
        except Exception:
            log.exception(
                "answering message %s failed (server %s, channel %s)",
                message.id,
                message.guild.id if message.guild else None,
                message.channel.id,
            )
            await self._say(message, "bot.error")

    def _addressed(self, message: discord.Message) -> bool:
        """A DM, a mention of the bot, or of its role (people pick either from the list)."""
        me = self.bot.user
        if message.guild is None:
            return True
        if me is not None and me.id in message.raw_mentions:
            return True
        role = message.guild.self_role
        return role is not None and role.id in message.raw_role_mentions

    async def _chat(self, message: discord.Message) -> None:
        addressed = self._addressed(message)
        guild = message.guild
        if not addressed and not (
            self.bot.settings.message_content and guild is not None and message.content
        ):
            return  # the common case on a busy server: settled before any lookup
        embeds = await self._may_speak(message, addressed)
        if embeds is None:
            return
        user_id = message.author.id
        if addressed:
            check = self.bot.cooldown.check(user_id)
            if check.verdict is Verdict.NOTICE:
                await self._say(message, "bot.cooldown", seconds=math.ceil(check.retry_after))
            if check.verdict is not Verdict.ALLOW:
                return
        elif not self.bot.cooldown.ready(user_id):
            return  # replies nobody asked for never earn a cooldown notice
        frontend = "dm" if guild is None else "mention" if addressed else "channel"
        guild_id = guild.id if guild else None
        where = Origin(frontend, guild_id, message.channel.id, user_id)
        hint = await self.bot.chat_lang(guild)
        question = self._without_own_mention(message.content)
        ask = functools.partial(
            self.bot.service.ask,
            lang_hint=hint,
            time_style=TimeStyle.DISCORD,
            conversation=conversation.key("discord", guild_id, message.channel.id, user_id),
            reply_to=self._replied_answer(message),
        )
        if addressed:
            await show_typing(message.channel)
            asked = ask(question, where)
            await self._reply(message, asked, embeds=embeds)
            return
        asked = ask(question, where)
        if asked.answer.kind not in SPOKEN_UNASKED:
            return
        if self.bot.cooldown.check(user_id).verdict is Verdict.ALLOW:
            await show_typing(message.channel)
            await self._reply(message, asked, embeds=embeds)

    async def _may_speak(self, message: discord.Message, addressed: bool) -> bool | None:
        """None when the bot should stay silent here; else whether it may embed links."""
        guild = message.guild
        if guild is None:
            return True
        settings = await self.bot.guild_settings(guild.id)
        if not settings.enabled:
            return None
        if not addressed and not _in_answer_channel(message.channel, settings):
            return None
        channel = message.channel
        if not isinstance(channel, discord.abc.GuildChannel | discord.Thread):
            return True
        perms = channel.permissions_for(guild.me)
        thread = isinstance(channel, discord.Thread)
        can_send = perms.send_messages_in_threads if thread else perms.send_messages
        return perms.embed_links if can_send else None

    def _replied_answer(self, message: discord.Message) -> str | None:
        """The conversation of the bot answer this message replies to, if it replies to one."""
        ref = message.reference
        if ref is None or ref.message_id is None:
            return None
        return conversation.message_key(message.guild.id if message.guild else None, ref.message_id)

    def _without_own_mention(self, content: str) -> str:
        """The question without the bot's mention, as it is logged."""
        me = self.bot.user
        if me is not None:
            for mention in (f"<@{me.id}>", f"<@!{me.id}>"):
                content = content.replace(mention, " ")
        return " ".join(content.split())

    async def _reply(self, message: discord.Message, asked: Asked, *, embeds: bool) -> None:
        """The answer as a reply to the question (later parts, if any, follow it)."""
        accent = self.bot.service.engine.kb.identity.colour
        parts = answer_parts(asked.answer, embeds=embeds, accent=accent)
        view = answer_view(asked)
        reference = message.to_reference(fail_if_not_exists=False)
        guild_id = message.guild.id if message.guild else None
        for index, part in enumerate(parts):
            extra: dict[str, Any] = {}
            if part.embeds:
                extra["embeds"] = list(part.embeds)
            if view is not None and index == len(parts) - 1:
                extra["view"] = view
            if index == 0:
                extra["reference"] = reference
            sent = await message.channel.send(part.content or None, mention_author=False, **extra)
            # A reply to this answer continues its conversation ("and when?").
            self.bot.service.remember(
                conversation.message_key(guild_id, sent.id), asked.answer.context
            )

    async def _say(self, message: discord.Message, key: str, **values: object) -> None:
        """A short notice in reply to ``message``, in its language; best effort."""
        lang: Lang = self.bot.service.engine.detect_lang(message.content) or self.bot.default_lang
        with suppress(discord.HTTPException):
            await message.channel.send(
                catalogue(key, lang, **values),
                reference=message.to_reference(fail_if_not_exists=False),
                mention_author=False,
            )

    # --- application commands --------------------------------------------------

    @app_commands.command(name=text("cmd.ask"), description=text("cmd.ask.description"))
    @app_commands.rename(question=text("cmd.ask.question"))
    @app_commands.describe(question=text("cmd.ask.question.description"))
    async def ask(
        self,
        interaction: Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
    ) -> None:
        hint = await self.bot.interaction_lang(interaction)
        asked = self.bot.service.ask(
            question,
            origin("slash", interaction),
            lang_hint=hint,
            time_style=TimeStyle.DISCORD,
            conversation=conversation.key(
                "discord", interaction.guild_id, interaction.channel_id, interaction.user.id
            ),
        )
        await send_answer(interaction, asked)

    @ask.autocomplete("question")
    async def complete_question(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Known questions in the language being typed, else the user's (never waits on the DB)."""
        engine = self.bot.service.engine
        lang = engine.detect_lang(current) or self.bot.quick_lang(interaction)
        texts = engine.complete(current, lang=lang)
        return [
            app_commands.Choice(name=t[:DISCORD_CHOICE_CHARS], value=t[:DISCORD_CHOICE_CHARS])
            for t in texts
        ]

    async def _topic(self, interaction: Interaction, topic: str) -> None:
        lang = await self.bot.interaction_lang(interaction)
        asked = self.bot.service.ask_topic(
            topic, origin("slash", interaction), lang=lang, time_style=TimeStyle.DISCORD
        )
        await send_answer(interaction, asked)

    async def ask_message(self, interaction: Interaction, message: discord.Message) -> None:
        """ "Ask briefbot" on a message: answers its text (the content of context-menu
        targets reaches the bot without the message content intent)."""
        if not message.content.strip():
            lang = await self.bot.interaction_lang(interaction)
            await respond(interaction, Part(content=catalogue("bot.no_text", lang)), ephemeral=True)
            return
        hint = await self.bot.interaction_lang(interaction)
        asked = self.bot.service.ask(
            message.content,
            origin("menu", interaction),
            lang_hint=hint,
            time_style=TimeStyle.DISCORD,
        )
        await send_answer(interaction, asked)
