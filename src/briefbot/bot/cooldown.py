"""A per-user cooldown for chat questions that never nags more than once.

Pure: time comes from a clock the caller passes (monotonic seconds), so tests
step through windows without sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Verdict(Enum):
    """What to do with a user's message."""

    ALLOW = "allow"  # answer it; a new window starts
    NOTICE = "notice"  # too soon: say so, once in this window
    SILENT = "silent"  # too soon, and already told: ignore it


@dataclass(frozen=True, slots=True)
class Check:
    """A verdict, and for NOTICE/SILENT the seconds until the user may ask again."""

    verdict: Verdict
    retry_after: float = 0.0


class Cooldown:
    """One question per ``seconds`` per user; at most one notice per window.

    Entries of users whose window has passed are dropped now and then, so a
    busy server's many one-off askers do not accumulate in memory.
    """

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._until: dict[int, float] = {}
        self._noticed: set[int] = set()
        self._prune_at = 1024

    def check(self, user_id: int) -> Check:
        """Decide for one message of ``user_id``; an allowed message starts a window."""
        if self.seconds <= 0:
            return Check(Verdict.ALLOW)
        now = self._clock()
        until = self._until.get(user_id, 0.0)
        if now >= until:
            self._until[user_id] = now + self.seconds
            self._noticed.discard(user_id)
            self._prune(now)
            return Check(Verdict.ALLOW)
        if user_id in self._noticed:
            return Check(Verdict.SILENT, until - now)
        self._noticed.add(user_id)
        return Check(Verdict.NOTICE, until - now)

    def ready(self, user_id: int) -> bool:
        """Whether a message of ``user_id`` would be allowed now; changes nothing."""
        return self.seconds <= 0 or self._clock() >= self._until.get(user_id, 0.0)

    def __len__(self) -> int:
        return len(self._until)

    def _prune(self, now: float) -> None:
        if len(self._until) < self._prune_at:
            return
        expired = [uid for uid, until in self._until.items() if until <= now]
        for uid in expired:
            del self._until[uid]
            self._noticed.discard(uid)
        self._prune_at = max(1024, 2 * len(self._until))
