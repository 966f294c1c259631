"""The small frozen values the engine hands to every front end.

"No answer" is a value (``Answer.kind`` other than ``ANSWER``), never an
exception, so front ends render every outcome the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")


class Kind(StrEnum):
    """What sort of reply the engine produced."""

    ANSWER = "answer"  # a topic matched with confidence
    CLARIFY = "clarify"  # two or more topics are close: "did you mean"
    DECLINE = "decline"  # off-topic: the bot says what it can answer
    INVALID = "invalid"  # empty, too long or unreadable input


class TimeStyle(StrEnum):
    """How times are written: plain text, or Discord timestamp markup."""

    PLAIN = "plain"
    DISCORD = "discord"


@dataclass(frozen=True, slots=True)
class Source:
    """Where an answer's facts come from, in the answer's language."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A topic offered to the user, with a label in the user's language."""

    topic: str
    label: str


@dataclass(frozen=True, slots=True)
class Match:
    """One scored topic candidate; kept for explanations and evaluation."""

    topic: str
    score: float


@dataclass(frozen=True, slots=True)
class Answer:
    """The engine's reply to one question.

    ``text`` is plain text with light Markdown; ``title`` is the topic's
    heading in ``lang`` (empty when no topic was chosen).
    """

    kind: Kind
    lang: Lang
    text: str
    topic: str | None = None
    title: str = ""
    confidence: float = 0.0
    suggestions: tuple[Suggestion, ...] = ()
    source: Source | None = None
    candidates: tuple[Match, ...] = field(default=(), compare=False)

    @property
    def answered(self) -> bool:
        """True when the reply answers from a topic of the knowledge base."""
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
            "suggestions": [{"topic": s.topic, "label": s.label} for s in self.suggestions],
            "source": None
            if self.source is None
            else {"title": self.source.title, "url": self.source.url},
        }
