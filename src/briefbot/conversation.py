"""What each asker's conversation was about, so "and when?" knows what it asks after.

In memory only, bounded and short-lived: a context holds for
``Engine``'s ``CONTEXT_TTL`` and at most ``MAX_CONVERSATIONS`` are kept, the
least recently used going first. Keys are made by the front ends and always
carry the server, so a context never crosses servers.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime

from briefbot.engine.core import CONTEXT_TTL
from briefbot.engine.types import Context

# Enough for every active asker of a large deployment; a context is a few hundred bytes.
MAX_CONVERSATIONS = 10_000


def key(frontend: str, guild_id: int | None, channel_id: int | None, user_id: int | None) -> str:
    """The conversation of one asker in one place: a console, a DM, a server channel."""
    return f"{frontend}:{guild_id or 0}:{channel_id or 0}:{user_id or 0}"


def message_key(guild_id: int | None, message_id: int) -> str:
    """The conversation a bot answer started, for a reply to that answer."""
    return f"message:{guild_id or 0}:{message_id}"


class Conversations:
    """The latest context of each conversation, least recently used dropped first."""

    def __init__(self, limit: int = MAX_CONVERSATIONS) -> None:
        self._limit = limit
        self._contexts: OrderedDict[str, Context] = OrderedDict()

    def __len__(self) -> int:
        return len(self._contexts)

    def get(self, conversation: str, now: datetime) -> Context | None:
        """The conversation's context, unless it has expired."""
        context = self._contexts.get(conversation)
        if context is None:
            return None
        if now - context.at > CONTEXT_TTL:
            del self._contexts[conversation]
            return None
        self._contexts.move_to_end(conversation)
        return context

    def put(self, conversation: str, context: Context) -> None:
        """Remember ``context`` as the conversation's latest."""
        self._contexts[conversation] = context
        self._contexts.move_to_end(conversation)
        while len(self._contexts) > self._limit:
            self._contexts.popitem(last=False)
