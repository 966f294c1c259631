"""What the store asks of a database: the one seam between SQLite and PostgreSQL.

:class:`~briefbot.storage.store.Store` holds the policies (hashing, the
writer, retention, grouping texts) and calls a :class:`Backend` for every
read and write; a backend holds the connection and its dialect's SQL. Rows
cross the seam in one portable shape, times as the fixed-width UTC text of
:func:`~briefbot.storage.db.db_time`, so spill files and ``briefbot db copy``
read the same on both. Every method raises :class:`StorageError` (naming the
database, never a password) when the database refuses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from briefbot.storage.db import DroppedRow, FeedbackRow, GuildRow, QuestionRow
from briefbot.storage.db.stats import RawStats
from briefbot.storage.model import GuildSettings, Unset


class Backend(Protocol):
    """One open database. Methods are called from the event loop's thread."""

    name: str  # the file, or the URL without its password: for messages

    async def insert_questions(
        self, rows: Sequence[QuestionRow], dropped: Sequence[DroppedRow]
    ) -> int:
        """Store a batch and drop counts in one transaction; skip known ids; return rows new."""
        ...

    async def purge_texts(self, before: datetime) -> int:
        """Delete the text of questions asked before ``before``; return how many."""
        ...

    async def upsert_feedback(self, qid: str, user_hash: str, vote: int, now: datetime) -> bool:
        """Record or replace one user's vote; False when no question has that id."""
        ...

    async def read_guild(self, guild_id: int) -> GuildSettings:
        """One server's settings; the defaults for one never configured."""
        ...

    async def write_guild(
        self,
        guild_id: int,
        now: datetime,
        *,
        default_lang: str | Unset | None,
        answer_channels: frozenset[int] | Unset,
        enabled: bool | Unset,
    ) -> GuildSettings:
        """Change the given settings, keeping the others, in one transaction."""
        ...

    async def read_stats(self, since: datetime | None, guild_id: int | None, top: int) -> RawStats:
        """Every figure of one report, from one snapshot."""
        ...

    async def failed_texts(
        self, since: datetime | None, guild_id: int | None
    ) -> list[tuple[str, str, int, int]]:
        """Texts of unanswered and 👎 questions: text, lang, count, 👎 count."""
        ...

    # --- briefbot db copy --------------------------------------------------------

    async def questions_after(self, qid: str, limit: int) -> list[QuestionRow]:
        """Up to ``limit`` questions whose id sorts after ``qid``, in id order."""
        ...

    async def feedback_after(self, key: tuple[str, str], limit: int) -> list[FeedbackRow]:
        """Up to ``limit`` votes whose (qid, user_hash) sorts after ``key``, in that order."""
        ...

    async def guilds(self) -> list[GuildRow]:
        """Every configured server's settings."""
        ...

    async def dropped(self) -> list[DroppedRow]:
        """Every count of questions dropped on a full disk."""
        ...

    async def merge(
        self,
        feedback: Sequence[FeedbackRow],
        guilds: Sequence[GuildRow],
        dropped: Sequence[DroppedRow],
    ) -> int:
        """Take rows copied from another store, in one transaction; return how many changed.

        A vote or server already here is replaced only by a newer one; a drop
        count already here is skipped: copying twice changes nothing.
        """
        ...

    async def close(self) -> None:
        """Close the connection; idempotent."""
        ...
