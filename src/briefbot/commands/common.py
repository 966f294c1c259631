"""What the commands share: opening the engine from the settings."""

from __future__ import annotations

from briefbot import knowledge
from briefbot.config import Settings
from briefbot.engine.core import Engine


def open_engine(settings: Settings | None = None) -> Engine:
    """The engine over the configured knowledge base (refuses an invalid one)."""
    settings = settings or Settings.from_env()
    return Engine(knowledge.load(settings.knowledge))
