"""Running briefbot's own bot against the Discord stand-in, with a real SQLite store.

``running_bot(standin, tmp_path, **settings)`` opens the store in ``tmp_path``,
builds :class:`BriefBot` around an answering service whose clock is fixed
during the meeting (before the press conference), connects it to the
stand-in, syncs its commands globally and yields it; the store is flushed
and closed at the end, and every body the bot sent must have been checked
against Discord's description. Helpers read what the bot sent.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from standin import FakeDiscord, connect
from standin_model import JSON

from briefbot import knowledge
from briefbot.bot.client import BriefBot
from briefbot.config import Settings
from briefbot.engine.core import Engine
from briefbot.service import AnswerService
from briefbot.storage import Store

# 16 January 2025, 12:00 in Brussels: the meeting's second day, before the press conference.
NOW = datetime(2025, 1, 16, 11, 0, tzinfo=UTC)
PRESS_STAMP = "<t:1737045000:F>"  # 16 January 2025, 17:30 Brussels time
CLARIFYING = ("quote", "support", "what did he say", "who")


@cache
def engine() -> Engine:
    """The shipped knowledge base, loaded once for the whole run."""
    return Engine(knowledge.load(), knowledge.lexicon())


def settings_for(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"db_path": tmp_path / "briefbot.sqlite3", "cooldown_seconds": 0.0}
    values.update(overrides)
    return Settings(**values)


@asynccontextmanager
async def running_bot(
    standin: FakeDiscord, tmp_path: Path, *, sync: bool = True, **overrides: Any
) -> AsyncIterator[BriefBot]:
    settings = settings_for(tmp_path, **overrides)
    async with await Store.open(settings.db_path) as store:
        service = AnswerService(engine(), store, clock=lambda: NOW)
        bot = BriefBot(service=service, settings=settings)
        async with connect(bot, standin):
            if sync:
                await bot.tree.sync()
            yield bot
    # Every body briefbot sent was checked against Discord's description.
    assert standin.undescribed_calls == [], "vendor these endpoints: discord_api/extract.py"


def embed_text(message: JSON) -> str:
    """Everything a reader sees in a message: content, embed titles, texts, fields, footers."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title", ""), embed.get("description", "")]
        for field in embed.get("fields") or []:
            parts += [field["name"], field["value"]]
        parts.append((embed.get("footer") or {}).get("text", ""))
    return "\n".join(p for p in parts if p)


def custom_ids(message: JSON) -> list[str]:
    """The custom ids of a message's buttons, row by row."""
    return [
        button["custom_id"]
        for row in message.get("components") or []
        for button in row.get("components") or []
        if "custom_id" in button
    ]


def replies_to(question: JSON) -> Any:
    """A ``wait_for_message`` predicate: a reply to ``question``."""
    return lambda m: (m.get("message_reference") or {}).get("message_id") == question["id"]
