"""The values the store takes and gives back: frozen, validated, free of I/O.

A :class:`LogEntry` is checked when it is built, so a malformed entry fails in
the code that made it instead of poisoning a background batch later, where
nobody is waiting to hear about it.
"""

from __future__ import annotations

import enum
import math
import random
import re
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from briefbot.engine.types import LANGS, Kind

KINDS: Final = tuple(kind.value for kind in Kind)
MAX_ID: Final = 2**63 - 1  # SQLite integers are signed 64-bit; Discord snowflakes fit

_QID = re.compile(r"[0-9a-f]{32}")
_MENTION = re.compile(r"<(@!?|@&|#)[0-9]+>")
_NEUTRAL: Final = {"@": "@user", "@!": "@user", "@&": "@role", "#": "#channel"}


def without_mentions(text: str) -> str:
    """``text`` with Discord user, role and channel mentions as ``@user``, ``@role``, ``#channel``.

    A mention is a Discord id, and the log keeps no id of a person.
    """
    if "<" not in text:  # the usual question: no regex pass on the answering path
        return text
    return _MENTION.sub(lambda found: _NEUTRAL[found[1]], text)


class _Unset(enum.Enum):
    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset.UNSET
"""Sentinel for "leave this setting as it is" in :meth:`Store.update_guild_settings`.

``None`` cannot play that part: for ``default_lang`` it means "no preference".
"""

Unset = _Unset  # for annotations: ``str | None | Unset``


def new_qid() -> str:
    """A fresh question id for :class:`LogEntry`: 32 hex characters that grow with time.

    Microseconds since the epoch, then 72 random bits. Ids that grow with time
    go to the end of the database's index on ``qid``; random ones (``uuid4``)
    land on a random page each, so once the log holds 100,000 questions every
    batch rewrites most of that index (measured: 2 µs of SQLite work per row
    instead of 10, and the gap widens as the log grows). The random part needs
    to be unique, not secret (a vote is still bound to the voter's own
    account), so it comes from ``random``, reseeded in every forked process,
    rather than ``os.urandom``, a system call that cost 8 µs a question here.
    """
    return f"{time.time_ns() // 1000:014x}{random.getrandbits(72):018x}"


def _check_id(name: str, value: int | None) -> None:
    if value is not None and not 0 <= value <= MAX_ID:
        raise ValueError(f"{name} must be between 0 and 2**63-1 (got {value})")


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One answered question, as every front end reports it to the store.

    ``user_id`` is the raw platform id; the store keeps only a keyed hash of
    it, so the raw id never reaches the disk.
    """

    qid: str  # new_qid(): 32 hex characters; feedback refers to it
    asked_at: datetime  # aware
    frontend: str
    guild_id: int | None
    channel_id: int | None
    user_id: int | None
    lang: str
    topic: str | None
    kind: str
    confidence: float
    latency_ms: float
    question: str
    kb_version: str | None = None  # the knowledge base that answered (knowledge.version_of)

    def __post_init__(self) -> None:
        if not _QID.fullmatch(self.qid):
            raise ValueError(f"qid must be 32 lower-case hex characters (got {self.qid!r})")
        if self.asked_at.utcoffset() is None:
            raise ValueError("asked_at must be timezone-aware")
        if not self.frontend:
            raise ValueError("frontend must not be empty")
        if self.lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS} (got {self.lang!r})")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS} (got {self.kind!r})")
        # NaN would become NULL in SQLite and fail the NOT NULL constraint.
        if not math.isfinite(self.confidence) or not math.isfinite(self.latency_ms):
            raise ValueError("confidence and latency_ms must be finite numbers")
        _check_id("guild_id", self.guild_id)
        _check_id("channel_id", self.channel_id)
        _check_id("user_id", self.user_id)

    @property
    def answered(self) -> bool:
        """True when the bot answered from a topic (not a clarification or decline)."""
        return self.kind == "answer"


@dataclass(frozen=True, slots=True)
class GuildSettings:
    """How the bot behaves on one Discord server; the defaults apply until changed."""

    guild_id: int
    default_lang: str | None = None  # None: no preference, follow the user
    answer_channels: frozenset[int] = frozenset()  # answer there without a mention
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class Count:
    """Questions under one key (a language, front end or topic) and how many were answered."""

    key: str
    total: int
    answered: int

    @property
    def answer_rate(self) -> float:
        return self.answered / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "total": self.total,
            "answered": self.answered,
            "answer_rate": round(self.answer_rate, 4),
        }


@dataclass(frozen=True, slots=True)
class TopicFeedback:
    """👍 and 👎 votes on the answers given from one topic."""

    topic: str
    up: int
    down: int

    @property
    def ratio(self) -> float:
        """Share of 👍 among the votes; 0.0 when nobody voted."""
        votes = self.up + self.down
        return self.up / votes if votes else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "topic": self.topic,
            "up": self.up,
            "down": self.down,
            "ratio": round(self.ratio, 4),
        }


@dataclass(frozen=True, slots=True)
class UnansweredGroup:
    """Questions that say the same thing, worded differently, that the bot failed on.

    ``question`` is the most frequent wording; ``variants`` lists every
    distinct wording, most frequent first. ``downvoted`` counts the times an
    answer was given but voted 👎 (the rest went unanswered).
    """

    question: str
    lang: str
    count: int
    variants: tuple[str, ...]
    downvoted: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "lang": self.lang,
            "count": self.count,
            "downvoted": self.downvoted,
            "variants": list(self.variants),
        }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


@dataclass(frozen=True, slots=True)
class Stats:
    """What ``briefbot stats`` and the Discord ``/stats`` show, for one period and scope.

    ``guild_id`` ``None`` covers every server and the console; otherwise
    every figure comes from that server alone.
    """

    since: datetime | None
    guild_id: int | None
    total: int
    answered: int
    distinct_users: int
    mean_latency_ms: float | None
    by_lang: tuple[Count, ...]
    by_frontend: tuple[Count, ...]
    by_kind: tuple[Count, ...]
    top_topics: tuple[Count, ...]
    unanswered: tuple[UnansweredGroup, ...]
    feedback: tuple[TopicFeedback, ...]
    dropped: int = 0  # questions lost, not logged, while the disk was full
    by_guild: tuple[Count, ...] = ()  # the busiest servers, keyed by server id
    configured_servers: int = 0  # servers whose settings were changed with /settings
    by_kb_version: tuple[Count, ...] = ()  # oldest version first; "" for questions before any

    @property
    def answer_rate(self) -> float:
        return self.answered / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict; times are ISO 8601 strings."""
        return {
            "since": _iso(self.since),
            "guild_id": self.guild_id,
            "total": self.total,
            "answered": self.answered,
            "answer_rate": round(self.answer_rate, 4),
            "distinct_users": self.distinct_users,
            "mean_latency_ms": None
            if self.mean_latency_ms is None
            else round(self.mean_latency_ms, 3),
            "dropped": self.dropped,
            "configured_servers": self.configured_servers,
            "by_lang": [c.to_dict() for c in self.by_lang],
            "by_frontend": [c.to_dict() for c in self.by_frontend],
            "by_kind": [c.to_dict() for c in self.by_kind],
            "by_kb_version": [c.to_dict() for c in self.by_kb_version],
            "top_topics": [c.to_dict() for c in self.top_topics],
            "by_guild": [c.to_dict() for c in self.by_guild],
            "unanswered": [g.to_dict() for g in self.unanswered],
            "feedback": [f.to_dict() for f in self.feedback],
        }
