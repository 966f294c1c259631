"""The small values the engine hands to every front end (never changed once made).

"No answer" is a value (``Answer.kind`` other than ``ANSWER``), never an
exception, so front ends render every outcome the same way. A reply holds one
:class:`AskAnswer` per question asked in the message, in the order asked.

The values made for every answer are dataclasses with their own ``__init__`` and
not frozen: the compiled build makes such an ``__init__`` native, twenty times
cheaper than a frozen dataclass's generated one (which stays interpreted). They
keep a dataclass's comparison, hash, ``repr`` and ``replace``; nothing assigns
to them after ``__init__``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")


class Kind(StrEnum):
    """What sort of reply the engine produced, for the whole message."""

    ANSWER = "answer"  # at least one ask answered (or answered "the announcement does not say")
    CLARIFY = "clarify"  # two or more cells are close: "did you mean"
    DECLINE = "decline"  # off-topic, or a language the bot does not answer in
    INVALID = "invalid"  # empty, too long or unreadable input


class AskKind(StrEnum):
    """What became of one question within a message."""

    ANSWER = "answer"  # answered from the facts
    NOT_SAID = "not_said"  # about something the announcement names; it does not say
    OFF_TOPIC = "off_topic"  # outside the announcement
    UNCLEAR = "unclear"  # two readings too close to choose


class TimeStyle(StrEnum):
    """How times are written: plain text, or Discord timestamp markup."""

    PLAIN = "plain"
    DISCORD = "discord"


@dataclass(slots=True, init=False, unsafe_hash=True)
class Source:
    """Where an answer's facts come from, in the answer's language."""

    title: str
    url: str

    def __init__(self, title: str, url: str) -> None:
        self.title = title
        self.url = url


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A cell offered to the user, with a label in the user's language."""

    topic: str  # a cell id
    label: str


@dataclass(slots=True, init=False, unsafe_hash=True)
class Match:
    """One scored cell candidate; kept for explanations and evaluation."""

    topic: str  # a cell id
    score: float

    def __init__(self, topic: str, score: float) -> None:
        self.topic = topic
        self.score = score


@dataclass(slots=True, init=False, unsafe_hash=True)
class AskAnswer:
    """One question of a message: what it was understood as, and its answer.

    ``evidence`` says why (for ``briefbot ask --explain``): the words that named
    the subject and the aspect, or that it came from the conversation.
    """

    kind: AskKind
    question: str  # the part of the message this ask was read from
    text: str  # the answer to it
    title: str
    subject: str | None
    aspect: str | None
    cell: str | None
    confidence: float
    evidence: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]

    def __init__(  # noqa: PLR0917 (positional as the fields, like a dataclass's)
        self,
        kind: AskKind,
        question: str,
        text: str,
        title: str = "",
        subject: str | None = None,
        aspect: str | None = None,
        cell: str | None = None,
        confidence: float = 0.0,
        evidence: tuple[str, ...] = (),
        suggestions: tuple[Suggestion, ...] = (),
    ) -> None:
        self.kind = kind
        self.question = question
        self.text = text
        self.title = title
        self.subject = subject
        self.aspect = aspect
        self.cell = cell
        self.confidence = confidence
        self.evidence = evidence
        self.suggestions = suggestions

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of one ask."""
        return {
            "kind": self.kind.value,
            "question": self.question,
            "subject": self.subject,
            "aspect": self.aspect,
            "topic": self.cell,
            "title": self.title,
            "confidence": round(self.confidence, 3),
            "answer": self.text,
            "evidence": list(self.evidence),
            "suggestions": [{"topic": s.topic, "label": s.label} for s in self.suggestions],
        }


@dataclass(slots=True, init=False, unsafe_hash=True)
class Context:
    """What a conversation was about, for the asker's next message ("and when?").

    The engine returns it with each answer; the caller keeps it per asker and
    hands it back with their next question.
    """

    asks: tuple[tuple[str, str, str], ...]  # (subject, aspect, cell) of the last asks, "" if none
    people: tuple[str, ...]  # person subjects named or answered about, latest first
    lang: Lang
    at: datetime
    question: str
    listed: tuple[str, ...]  # the last answer naming several people: its people, in order

    def __init__(  # noqa: PLR0917 (positional as the fields, like a dataclass's)
        self,
        asks: tuple[tuple[str, str, str], ...],
        people: tuple[str, ...],
        lang: Lang,
        at: datetime,
        question: str = "",
        listed: tuple[str, ...] = (),
    ) -> None:
        self.asks = asks
        self.people = people
        self.lang = lang
        self.at = at
        self.question = question
        self.listed = listed


@dataclass(slots=True, init=False, unsafe_hash=True)
class Answer:
    """The engine's reply to one message.

    ``text`` is plain text with light Markdown, every ask's answer in order;
    ``title`` heads a single-ask reply (empty when there are several, each
    ask carrying its own). ``topic`` is the first answered cell, or the subject
    of a "does not say" answer. ``candidates`` are the closest cells, best first,
    for ``--explain``.
    """

    kind: Kind
    lang: Lang
    text: str
    topic: str | None
    title: str
    confidence: float
    suggestions: tuple[Suggestion, ...]
    source: Source | None
    asks: tuple[AskAnswer, ...]
    note: str  # a line before the answer (a question in another language, say)
    context: Context | None = field(compare=False)
    candidates: tuple[Match, ...] = field(compare=False)

    def __init__(  # noqa: PLR0917 (positional as the fields, like a dataclass's)
        self,
        kind: Kind,
        lang: Lang,
        text: str,
        topic: str | None = None,
        title: str = "",
        confidence: float = 0.0,
        suggestions: tuple[Suggestion, ...] = (),
        source: Source | None = None,
        asks: tuple[AskAnswer, ...] = (),
        note: str = "",
        context: Context | None = None,
        candidates: tuple[Match, ...] = (),
    ) -> None:
        self.kind = kind
        self.lang = lang
        self.text = text
        self.topic = topic
        self.title = title
        self.confidence = confidence
        self.suggestions = suggestions
        self.source = source
        self.asks = asks
        self.note = note
        self.context = context
        self.candidates = candidates

    @property
    def answered(self) -> bool:
        """True when the reply answers from the knowledge base."""
        return self.kind is Kind.ANSWER

    def to_dict(self) -> dict[str, object]:
        """The JSON shape used by ``briefbot ask --json`` and ``--jsonl``."""
        return {
            "answered": self.answered,
            "kind": self.kind.value,
            "lang": self.lang,
            "topic": self.topic,
            "title": self.title,
            "confidence": round(self.confidence, 3),
            "answer": self.text,
            "note": self.note,
            "asks": [a.to_dict() for a in self.asks],
            "suggestions": [{"topic": s.topic, "label": s.label} for s in self.suggestions],
            "source": None
            if self.source is None
            else {"title": self.source.title, "url": self.source.url},
        }
