"""Fixtures shared by the whole suite: the shipped knowledge base and engine, fixed clocks."""

from __future__ import annotations

import pytest

from briefbot import knowledge
from briefbot.engine.core import Engine
from briefbot.engine.kb import KnowledgeBase


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once."""
    return knowledge.load()


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> Engine:
    """An engine over the shipped knowledge base."""
    return Engine(kb, knowledge.lexicon())
