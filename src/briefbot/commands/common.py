"""What the commands share: opening the engine and the service from the settings."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from briefbot import reload, storage
from briefbot.config import Settings, read_location, read_secret
from briefbot.engine.core import Engine
from briefbot.service import AnswerService
from briefbot.startup import collection_paused


def open_engine(settings: Settings | None = None) -> Engine:
    """The engine over the configured knowledge base (refuses an invalid one)."""
    return open_versioned(settings or Settings.from_env())[0]


def open_versioned(settings: Settings) -> tuple[Engine, str]:
    """The engine over the configured knowledge base, and that knowledge base's version."""
    with collection_paused():
        engine, version = reload.build(settings.knowledge)
        # The knowledge base lives as long as the process: keep the collector from
        # rescanning it on every pause (large knowledge bases paused for ~30 ms).
        gc.freeze()
    return engine, version


@asynccontextmanager
async def open_service(
    settings: Settings, *, log: bool = True, db_path: Path | None = None
) -> AsyncIterator[AnswerService]:
    """The answering service with its store open; the store is flushed and closed on exit.

    The knowledge base is loaded first, so an invalid one stops the command
    before the database is touched.
    """
    engine, version = open_versioned(settings)
    if not log:
        yield AnswerService(engine, kb_version=version)
        return
    async with await storage.Store.open(
        db_path or read_location(settings),
        log_questions=settings.log_questions,
        retention_days=settings.retention_days,
        secret=read_secret(settings),
    ) as store:
        yield AnswerService(engine, store, kb_version=version)
