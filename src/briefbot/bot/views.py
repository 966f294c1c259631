"""The buttons under answers, persistent across restarts.

Each button is a :class:`discord.ui.DynamicItem`: its state (a topic and a
language, or a vote and a question id) lives in its ``custom_id``, parsed back
by a template, so a button sent before a restart still works after it and no
view is kept in memory per message.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Self, cast

import discord

from briefbot.bot import replies
from briefbot.bot.render import BUTTON_LABEL_LIMIT, answer_parts, clip
from briefbot.engine.types import Kind, Lang, TimeStyle
from briefbot.messages import message
from briefbot.service import Asked

if TYPE_CHECKING:
    from briefbot.bot.client import BriefBot

TOPIC_TEMPLATE = r"briefbot:topic:(?P<lang>fr|en):(?P<topic>[a-z0-9_.]+)"
FEEDBACK_TEMPLATE = r"briefbot:fb:(?P<vote>up|down):(?P<qid>[0-9a-f]{32})"
CUSTOM_ID_LIMIT = 100
BUTTONS_PER_ROW = 5
VOTES = {"up": 1, "down": -1}

Button = discord.ui.Button[discord.ui.View]


def _bot(interaction: discord.Interaction[Any]) -> BriefBot:
    return cast("BriefBot", interaction.client)


class TopicButton(discord.ui.DynamicItem[Button], template=TOPIC_TEMPLATE):
    """A "did you mean" suggestion (or an example); a click answers that topic."""

    def __init__(self, topic: str, lang: Lang, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=clip(label, BUTTON_LABEL_LIMIT),
                style=discord.ButtonStyle.primary,
                custom_id=f"briefbot:topic:{lang}:{topic}",
                row=0,
            )
        )
        self.topic = topic
        self.lang = lang

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        label = getattr(item, "label", None) or match["topic"]
        return cls(match["topic"], cast(Lang, match["lang"]), label)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot = _bot(interaction)
        try:
            asked = bot.service.ask_topic(
                self.topic,
                replies.origin("button", interaction),
                lang=self.lang,
                time_style=TimeStyle.DISCORD,
            )
            source = interaction.message
            await send_answer(interaction, asked, ephemeral=bool(source and source.flags.ephemeral))
        except Exception as exc:  # noqa: BLE001 - reported (and logged) by the shared error path
            await replies.report(interaction, exc)


class FeedbackButton(discord.ui.DynamicItem[Button], template=FEEDBACK_TEMPLATE):
    """👍 or 👎 on one logged answer; a user's second click replaces their first vote."""

    def __init__(self, qid: str, vote: str) -> None:
        super().__init__(
            discord.ui.Button(
                emoji="👍" if vote == "up" else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"briefbot:fb:{vote}:{qid}",
                row=1,
            )
        )
        self.qid = qid
        self.vote = vote

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        return cls(match["qid"], match["vote"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot = _bot(interaction)
        try:
            # The vote may wait for the question log to reach the disk: acknowledge first.
            await interaction.response.defer(ephemeral=True, thinking=True)
            stored = await bot.store.record_feedback(
                self.qid, interaction.user.id, VOTES[self.vote]
            )
            lang = await bot.interaction_lang(interaction)
            key = f"bot.feedback.{self.vote}" if stored else "bot.feedback.unknown"
            await interaction.followup.send(message(key, lang), ephemeral=True)
        except Exception as exc:  # noqa: BLE001 - reported (and logged) by the shared error path
            await replies.report(interaction, exc)


def answer_buttons(asked: Asked) -> list[discord.ui.Item[Any]]:
    """Suggestions (under a "did you mean", a decline, or "the announcement does not say
    that"); 👍/👎 under a logged answer."""
    answer = asked.answer
    items: list[discord.ui.Item[Any]] = []
    unique = {s.topic: s for s in answer.suggestions}
    if unique:
        for suggestion in list(unique.values())[:BUTTONS_PER_ROW]:
            custom_id = f"briefbot:topic:{answer.lang}:{suggestion.topic}"
            if len(custom_id) <= CUSTOM_ID_LIMIT and re.fullmatch(TOPIC_TEMPLATE, custom_id):
                items.append(TopicButton(suggestion.topic, answer.lang, suggestion.label))
    if answer.kind is Kind.ANSWER and asked.logged:
        items += [FeedbackButton(asked.qid, vote) for vote in VOTES]
    return items


def answer_view(asked: Asked) -> discord.ui.View | None:
    """The buttons of :func:`answer_buttons` in a view without timeout, or None."""
    items = answer_buttons(asked)
    if not items:
        return None
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    return view


async def send_answer(
    interaction: discord.Interaction[Any], asked: Asked, *, ephemeral: bool = False
) -> None:
    """Send an answer with its buttons through an interaction; invalid input only to its author."""
    accent = interaction.client.service.engine.kb.identity.colour
    parts = answer_parts(asked.answer, accent=accent)
    ephemeral = ephemeral or asked.answer.kind is Kind.INVALID
    view = answer_view(asked)
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        await replies.respond(interaction, part, view=view if last else None, ephemeral=ephemeral)
