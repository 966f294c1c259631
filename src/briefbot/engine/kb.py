"""The knowledge base's typed values: facts, people, subjects and their cells, aspects.

A *subject* is something people ask about (the press conference, a person, an
agenda item); an *aspect* is what they ask about it (when, who, what was said).
A *cell* is one answer the announcement gives about a subject, serving one or
more aspects. They are built and validated by :mod:`briefbot.engine.validate`;
everything else in the engine reads them.
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
class Cell:
    """One answer about a subject: how people ask for it, and how to give it."""

    id: str  # "subject.name", unique in the knowledge base
    subject: str
    serves: tuple[str, ...]  # the aspects it answers
    title: Mapping[Lang, str]
    label: Mapping[Lang, str]  # the canonical question, for suggestions
    keywords: Mapping[Lang, tuple[str, ...]]
    paraphrases: Mapping[Lang, tuple[str, ...]]
    answer: Mapping[Lang, Mapping[str, str]]  # tense ("future", "now", "past", "any") -> template
    tense: str | None  # which event's time decides the tense, if any
    not_said: bool  # the answer is that the announcement does not say
    at: str | None  # the subject (an occasion) a quotation was said at
    file: str


@dataclass(frozen=True, slots=True)
class Subject:
    """Something people ask about, and the answers the announcement gives about it."""

    id: str
    title: Mapping[Lang, str]
    concepts: tuple[str, ...]  # concepts that name it in a question
    refer: str  # "he" or "it": the pronouns that point back to it
    default: str  # id of the cell for a question that names no aspect
    cells: tuple[Cell, ...]
    part_of: str | None = None  # the larger subject it belongs to
    time: str | None = None  # "meeting" or "press": the event whose time gives its status
    people: tuple[str, ...] = ()  # who speaks at it
    person: str | None = None  # the person it is
    item: str | None = None  # the agenda item id it is
    items: str | None = None  # "agenda": the list whose items are its parts
    file: str = ""

    def serving(self, aspect: str) -> Cell | None:
        """The first cell answering ``aspect``, or None."""
        return next((c for c in self.cells if aspect in c.serves), None)


@dataclass(frozen=True, slots=True)
class Aspect:
    """What a question asks about its subject, and the concepts that ask it."""

    id: str
    cues: tuple[str, ...]
    weak_cues: tuple[str, ...]  # ask for it only when no other cue asks for anything
    vague: bool  # unanswered by a subject, it falls back to the subject's default


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
    timezone: str


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Facts, subjects, aspects and concepts, validated together."""

    facts: Facts
    subjects: tuple[Subject, ...]
    aspects: tuple[Aspect, ...]  # most specific first
    concepts: Mapping[str, tuple[str, ...]]  # concept id -> folded surface forms
    off_scope: Mapping[str, tuple[str, ...]]  # "any", "fr", "en" -> folded phrases

    @property
    def cells(self) -> tuple[Cell, ...]:
        """Every cell, subject by subject, in knowledge-base order."""
        return tuple(c for s in self.subjects for c in s.cells)
