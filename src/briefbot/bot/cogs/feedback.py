"""The feedback feature: the persistent buttons under answers.

Loading this cog registers the button templates, so clicks on answers sent
before a restart (👍/👎, "did you mean") reach their handlers in
:mod:`briefbot.bot.views`; unloading it unregisters them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from discord.ext import commands

from briefbot.bot.views import FeedbackButton, TopicButton

if TYPE_CHECKING:
    from briefbot.bot.client import BriefBot

log = logging.getLogger(__name__)


class Feedback(commands.Cog):
    """Registers the persistent buttons with the bot."""

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(FeedbackButton, TopicButton)
        log.debug("persistent buttons registered")

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(FeedbackButton, TopicButton)
