"""The :class:`~briefbot.storage.backend.Backend` methods written once, for both databases.

Each method opens a session and calls the same-named function of a SQL
module: :mod:`briefbot.storage.db` for SQLite, :mod:`briefbot.storage.db.postgres`
for PostgreSQL, both described by :class:`Statements`. A subclass says only
what differs: how it gets a connection, which errors its driver raises, how
it reads a consistent snapshot, and how it closes.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime
from typing import ClassVar, Generic, Protocol, TypeVar

from briefbot.errors import StorageError
from briefbot.storage.db.core import DroppedRow, FeedbackRow, GuildRow, QuestionRow
from briefbot.storage.db.stats import RawStats, Reader, failed_texts, read_stats
from briefbot.storage.model import GuildSettings, Unset

C = TypeVar("C")  # one open connection of the database's driver
C_contra = TypeVar("C_contra", contravariant=True)


class Statements(Protocol[C_contra]):
    """A SQL module: each function takes a connection and opens the transaction it needs."""

    async def insert_questions(
        self, db: C_contra, rows: Sequence[QuestionRow], dropped: Sequence[DroppedRow], /
    ) -> int: ...

    async def purge_texts(self, db: C_contra, before: datetime, /) -> int: ...

    async def upsert_feedback(
        self, db: C_contra, qid: str, user_hash: str, vote: int, now: datetime, /
    ) -> bool: ...

    async def read_guild(self, db: C_contra, guild_id: int, /) -> GuildSettings: ...

    async def write_guild(
        self,
        db: C_contra,
        guild_id: int,
        now: datetime,
        /,
        *,
        default_lang: str | Unset | None,
        answer_channels: frozenset[int] | Unset,
        enabled: bool | Unset,
    ) -> GuildSettings: ...

    async def questions_after(self, db: C_contra, qid: str, limit: int, /) -> list[QuestionRow]: ...

    async def feedback_after(
        self, db: C_contra, key: tuple[str, str], limit: int, /
    ) -> list[FeedbackRow]: ...

    async def guilds(self, db: C_contra, /) -> list[GuildRow]: ...

    async def dropped(self, db: C_contra, /) -> list[DroppedRow]: ...

    async def merge(
        self,
        db: C_contra,
        feedback: Sequence[FeedbackRow],
        guilds: Sequence[GuildRow],
        dropped: Sequence[DroppedRow],
        /,
    ) -> int: ...


class SqlBackend(ABC, Generic[C]):
    """One open database whose every call runs in a session on a connection of type ``C``."""

    # What the driver raises when the database refuses; each becomes a StorageError.
    _failures: ClassVar[tuple[type[Exception], ...]]

    def __init__(self, sql: Statements[C], name: str) -> None:
        self.name = name  # the file, or the URL without its password: for messages
        self._sql = sql
        self._closed = False

    # --- what each database does its own way ------------------------------------------

    @abstractmethod
    def _connection(self) -> AbstractAsyncContextManager[C]:
        """A connection for one call, held by that call alone."""

    @abstractmethod
    def _snapshot(self, db: C) -> AbstractAsyncContextManager[object]:
        """A read-only transaction: every read in it sees the same data."""

    @abstractmethod
    def _reader(self, db: C) -> Reader:
        """Runs the shared statistics SQL on ``db``."""

    @abstractmethod
    async def _release(self) -> None:
        """Close the connection or pool, once."""

    def _reason(self, exc: Exception) -> str:
        """Why the database refused, for a one-line message."""
        return str(exc)

    # --- shared -------------------------------------------------------------------------

    @asynccontextmanager
    async def _session(self, action: str) -> AsyncIterator[C]:
        """A connection for ``action``; a refusal becomes one StorageError naming both."""
        if self._closed:
            raise StorageError(f"cannot {action}: the store is closed")
        try:
            async with self._connection() as db:
                yield db
        except self._failures as exc:
            raise StorageError(f"cannot {action} in {self.name}: {self._reason(exc)}") from exc

    async def insert_questions(
        self, rows: Sequence[QuestionRow], dropped: Sequence[DroppedRow]
    ) -> int:
        async with self._session("write the question log") as db:
            return await self._sql.insert_questions(db, rows, dropped)

    async def purge_texts(self, before: datetime) -> int:
        async with self._session("delete expired question texts") as db:
            return await self._sql.purge_texts(db, before)

    async def upsert_feedback(self, qid: str, user_hash: str, vote: int, now: datetime) -> bool:
        async with self._session("record feedback") as db:
            return await self._sql.upsert_feedback(db, qid, user_hash, vote, now)

    async def read_guild(self, guild_id: int) -> GuildSettings:
        async with self._session("read server settings") as db:
            return await self._sql.read_guild(db, guild_id)

    async def write_guild(
        self,
        guild_id: int,
        now: datetime,
        *,
        default_lang: str | Unset | None,
        answer_channels: frozenset[int] | Unset,
        enabled: bool | Unset,
    ) -> GuildSettings:
        async with self._session("change server settings") as db:
            return await self._sql.write_guild(
                db,
                guild_id,
                now,
                default_lang=default_lang,
                answer_channels=answer_channels,
                enabled=enabled,
            )

    async def read_stats(self, since: datetime | None, guild_id: int | None, top: int) -> RawStats:
        async with self._session("read statistics") as db, self._snapshot(db):
            return await read_stats(self._reader(db), since, guild_id, top=top)

    async def failed_texts(
        self, since: datetime | None, guild_id: int | None
    ) -> list[tuple[str, str, int, int]]:
        async with self._session("read unanswered questions") as db:
            return await failed_texts(self._reader(db), since, guild_id, include_downvoted=True)

    async def questions_after(self, qid: str, limit: int) -> list[QuestionRow]:
        async with self._session("read the question log") as db:
            return await self._sql.questions_after(db, qid, limit)

    async def feedback_after(self, key: tuple[str, str], limit: int) -> list[FeedbackRow]:
        async with self._session("read feedback") as db:
            return await self._sql.feedback_after(db, key, limit)

    async def guilds(self) -> list[GuildRow]:
        async with self._session("read server settings") as db:
            return await self._sql.guilds(db)

    async def dropped(self) -> list[DroppedRow]:
        async with self._session("read dropped counts") as db:
            return await self._sql.dropped(db)

    async def merge(
        self,
        feedback: Sequence[FeedbackRow],
        guilds: Sequence[GuildRow],
        dropped: Sequence[DroppedRow],
    ) -> int:
        async with self._session("copy rows in") as db:
            return await self._sql.merge(db, feedback, guilds, dropped)

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            await self._release()
