"""The knowledge base's typed values: people, topics, facts.

They are built and validated by :mod:`briefbot.engine.validate`; everything
else in the engine reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from briefbot.engine.types import Lang


@dataclass(frozen=True, slots=True)
class Person:
    """A person the announcement names."""

    id: str
    name: str
    rank: Mapping[Lang, str]
    role: Mapping[Lang, str]
    abbr: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Topic:
    """Something users ask about: how they ask it, and how to answer it."""

    id: str
    file: str
    title: Mapping[Lang, str]
    label: Mapping[Lang, str]
    keywords: Mapping[Lang, tuple[str, ...]]
    paraphrases: Mapping[Lang, tuple[str, ...]]
    answer: Mapping[Lang, Mapping[str, str]]  # tense ("future", "now", "past" or "any") -> template
    tense: str | None  # which event's time decides the tense, if any


@dataclass(frozen=True, slots=True)
class Facts:
    """The structured facts every template draws on."""

    event: Mapping[str, Any]
    people: Mapping[str, Person]
    quotes: Mapping[str, Mapping[str, Any]]
    agenda: Mapping[Lang, tuple[Mapping[str, Any], ...]]
    press: Mapping[str, Any]
    sources: Mapping[Lang, Mapping[str, str]]
    meeting_start: datetime
    meeting_end: datetime
    press_at: datetime


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Facts, topics and concepts, validated together."""

    facts: Facts
    topics: tuple[Topic, ...]
    concepts: Mapping[str, tuple[str, ...]]  # concept id -> folded surface forms
    off_scope: tuple[str, ...] = ()  # folded phrases that take a question outside the announcement
