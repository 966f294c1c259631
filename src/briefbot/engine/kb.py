"""The knowledge base's typed values: facts, people, subjects and their cells, aspects.

A *subject* is something people ask about (an event, a person, an item of a
list); an *aspect* is what they ask about it (when, who, what was said).
A *cell* is one answer the announcement gives about a subject, serving one or
more aspects. They are built and validated by :mod:`briefbot.engine.validate`;
everything else in the engine reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
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
    line: int | None = None  # where it starts in its file


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
    time: str | None = None  # the event whose time gives its status
    people: tuple[str, ...] = ()  # who speaks at it
    person: str | None = None  # the person it is
    item: str | None = None  # the agenda item id it is
    items: str | None = None  # the numbered list whose items are its parts
    file: str = ""
    line: int | None = None  # where it starts in its file

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
class Event:
    """Something the announcement says happens at a time: a meeting, a briefing, a launch."""

    id: str
    title: Mapping[Lang, str]
    start: datetime
    end: datetime | None  # None: the announcement gives no end
    dated: bool  # given as whole days (its end is the midnight after its last day)
    timezone: str  # the zoneinfo name its local times are given in
    city: Mapping[Lang, str]  # names the local time: "17:30 {city} time"
    people: tuple[str, ...]  # who speaks at it
    texts: Mapping[str, Mapping[Lang, str]]  # any other facts of it, by name
    lists: Mapping[str, tuple[Mapping[Lang, str], ...]]  # its unnumbered lists, by name
    days: Mapping[str, date]  # other dates of it (``published``), by name


@dataclass(frozen=True, slots=True)
class NumberedList:
    """A list whose items people ask for by place ("the second item"), in each language's
    own version: ``items[lang]`` holds ``{"ids": (...), "text": ...}``; an item of one
    language may cover several of the other's."""

    id: str
    noun: Mapping[Lang, str]  # "five {noun}"
    items: Mapping[Lang, tuple[Mapping[str, Any], ...]]


@dataclass(frozen=True, slots=True)
class Link:
    """A web page the answers may point to."""

    id: str
    title: Mapping[Lang, str]
    url: str


@dataclass(frozen=True, slots=True)
class Shortcut:
    """A slash command that gives one answer (``/agenda``)."""

    name: str
    name_fr: str
    description: Mapping[Lang, str]
    answer: str  # the cell id it answers with


@dataclass(frozen=True, slots=True)
class Identity:
    """How the bot presents itself for this announcement."""

    topic: Mapping[Lang, str]  # what it answers about
    source: Mapping[Lang, str]  # where its answers come from
    help: Mapping[Lang, str]  # the help text, with an {examples} placeholder
    examples: tuple[str, ...]  # cell ids whose labels are offered as examples
    colour: int  # answer embeds' colour, 0xRRGGBB
    commands: tuple[Shortcut, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """The structured facts every template draws on."""

    events: Mapping[str, Event]  # the main event first
    people: Mapping[str, Person]
    quotes: Mapping[str, Mapping[str, Any]]
    lists: Mapping[str, NumberedList]
    links: Mapping[str, Link]
    sources: Mapping[Lang, Mapping[str, str]]
    timezone: str  # the knowledge base's zone: events' unless they name their own

    @property
    def main(self) -> Event:
        """The announcement's main event: the first listed."""
        return next(iter(self.events.values()))


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Facts, subjects, aspects and concepts, validated together."""

    facts: Facts
    identity: Identity
    subjects: tuple[Subject, ...]
    aspects: tuple[Aspect, ...]  # most specific first
    concepts: Mapping[str, tuple[str, ...]]  # concept id -> folded surface forms
    off_scope: Mapping[str, tuple[str, ...]]  # "any", "fr", "en" -> folded phrases

    @property
    def cells(self) -> tuple[Cell, ...]:
        """Every cell, subject by subject, in knowledge-base order."""
        return tuple(c for s in self.subjects for c in s.cells)

    def people_named(self) -> dict[str, tuple[str, ...]]:
        """The people each cell's answer names (from its placeholders, ``{people.x.name}`` or
        an event's ``{press.people}``): for a later "he" or "they", or "what did the one who
        chairs it say?"."""
        speakers = {e.id: e.people for e in self.facts.events.values()}
        out: dict[str, tuple[str, ...]] = {}
        for cell in self.cells:
            named: list[str] = []
            for variants in cell.answer.values():
                for template in variants.values():
                    for part in template.split("{people.")[1:]:
                        pid = part.split(".", 1)[0]
                        if pid not in named:
                            named.append(pid)
                    for event, people in speakers.items():
                        if f"{{{event}.people}}" in template:
                            named.extend(p for p in people if p not in named)
            out[cell.id] = tuple(named)
        return out
