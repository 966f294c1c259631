"""The store: question log, feedback, server settings and statistics, on SQLite or PostgreSQL.

:class:`Store` holds the policies (user hashes, retention, grouping texts)
and hands every read and write to a :class:`~briefbot.storage.backend.Backend`,
so the bot, the CLI and stats never know which database is behind it. The
question log's queue and background writer live in
:mod:`briefbot.storage.writer`.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Final

from briefbot.engine.types import LANGS
from briefbot.errors import StorageError
from briefbot.storage import db as sql
from briefbot.storage.backend import Backend
from briefbot.storage.curation import group_similar
from briefbot.storage.location import Location, PostgresLocation, SqliteLocation
from briefbot.storage.model import (
    UNSET,
    Count,
    GuildSettings,
    LogEntry,
    Stats,
    TopicFeedback,
    UnansweredGroup,
    Unset,
    without_mentions,
)
from briefbot.storage.opening import connect
from briefbot.storage.spill import replay
from briefbot.storage.writer import MAX_PENDING, MAX_QUEUE, QuestionLog

log = logging.getLogger(__name__)

PURGE_INTERVAL: Final = 3600.0  # seconds between retention purges while running
_HASH_CACHE: Final = 65536  # user hashes kept in memory


class Store:
    """The one database behind every front end. Open with :meth:`open`, use with ``async with``.

    Call its methods from the event loop's thread only.
    """

    def __init__(
        self,
        backend: Backend,
        local: Path,
        key: bytes,
        *,
        log_questions: bool,
        retention_days: int,
        max_pending: int,
        max_queue: int,
        batch_size: int,
    ) -> None:
        self.name = backend.name  # the file, or the URL without its password
        self._backend = backend
        self._key = key
        self._log_questions = log_questions
        self._retention_days = retention_days
        self._hashes: dict[int, str] = {}  # user id -> hash; memory only
        self._log = QuestionLog(
            local,
            backend.insert_questions,
            max_pending=max_pending,
            max_queue=max_queue,
            batch_size=batch_size,
            name=backend.name,
        )
        self._housekeeper = asyncio.create_task(self._purge_periodically())

    @classmethod
    async def open(
        cls,
        location: Path | Location,
        *,
        log_questions: bool = True,
        retention_days: int = 90,
        secret: str | None = None,
        max_pending: int = MAX_PENDING,
        max_queue: int = MAX_QUEUE,
        batch_size: int = 2_000,
    ) -> Store:
        """Open (creating folders and a SQLite file if needed) and upgrade the database.

        ``location`` is a SQLite file (a path) or a PostgreSQL database. Applies
        pending migrations, replays spill files left by a crashed process,
        deletes expired question texts and starts the writer. Raises
        :class:`StorageError` naming the database when it cannot be used.

        ``secret`` keys the user-id hashes (``BRIEFBOT_SECRET``); without it the
        key is read from, or made in, ``<path>.key`` beside a SQLite file (see
        :mod:`~briefbot.storage.userkey`). PostgreSQL needs it: every machine
        must hash alike, and the key must stay out of the database.

        ``max_pending`` bounds the questions held in memory, so what a killed
        process loses (more go to a spill file); ``max_queue`` bounds them when
        spill files cannot be written either (besides the batch being written;
        the oldest are dropped past it);
        ``batch_size`` caps the rows per transaction. Large
        batches matter when the bot is saturated: below about 2,000 rows the
        writer thread's GIL hand-offs cannot keep up with a busy event loop.
        """
        if retention_days < 1 or batch_size < 1 or not 0 <= max_pending <= max_queue:
            raise ValueError(
                "retention_days and batch_size must be >= 1, 0 <= max_pending <= max_queue"
            )
        if isinstance(location, Path):
            location = SqliteLocation(location)
        backend: Backend
        if isinstance(location, PostgresLocation):
            # asyncpg is loaded only for a PostgreSQL store: it would slow every start-up
            from briefbot.storage.postgres_backend import connect_postgres  # noqa: PLC0415

            backend, key = await connect_postgres(location, secret)
        else:
            backend, key = await connect(location.path, secret)
        try:
            await replay(location.local, lambda rows: backend.insert_questions(rows, ()))
        except BaseException as exc:
            await backend.close()
            if isinstance(exc, OSError):
                raise StorageError(f"cannot read the spill files of {location}: {exc}") from exc
            raise
        store = cls(
            backend,
            location.local,
            key,
            log_questions=log_questions,
            retention_days=retention_days,
            max_pending=max_pending,
            max_queue=max_queue,
            batch_size=batch_size,
        )
        try:
            await store.purge_expired(datetime.now(UTC))
        except BaseException:
            await store.close()
            raise
        return store

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # --- question log -------------------------------------------------------

    def user_hash(self, user_id: int) -> str:
        """The keyed hash stored in place of a user id: counts users, names nobody."""
        # Cached: the same people ask again, and HMAC is a third of log()'s cost.
        hashed = self._hashes.get(user_id)
        if hashed is None:
            if len(self._hashes) >= _HASH_CACHE:
                self._hashes.clear()
            hashed = hmac.digest(self._key, str(user_id).encode("ascii"), "sha256").hex()
            self._hashes[user_id] = hashed
        return hashed

    def _row(self, entry: LogEntry) -> sql.QuestionRow:
        question = without_mentions(entry.question) if self._log_questions else None
        if question is not None and not question.isascii():
            try:
                question.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: undecodable console input
                question = question.encode("utf-8", "replace").decode("utf-8")
        return (
            entry.qid,
            sql.db_time(entry.asked_at),
            str(entry.frontend),
            entry.guild_id,
            entry.channel_id,
            None if entry.user_id is None else self.user_hash(entry.user_id),
            str(entry.lang),
            entry.topic,
            str(entry.kind),
            float(entry.confidence),
            float(entry.latency_ms),
            question,
            entry.kb_version,
        )

    def log(self, entry: LogEntry) -> None:
        """Queue one answered question for writing; returns at once and never raises.

        With memory full, or after :meth:`close`, the entry goes to a spill
        file that the writer (or the next :meth:`open`) moves into the database;
        on a full disk the oldest entries are dropped and counted (see
        :mod:`briefbot.storage.writer`).
        """
        self._log.put(self._row(entry))

    async def flush(self) -> None:
        """Wait until every question logged before this call is on disk."""
        await self._log.flush()

    async def _purge_periodically(self) -> None:
        while True:
            await asyncio.sleep(PURGE_INTERVAL)
            with suppress(StorageError):  # already logged; tried again next time
                await self.purge_expired(datetime.now(UTC))

    async def close(self) -> None:
        """Write everything logged so far, stop the background tasks, close the file.

        Idempotent. Questions logged after this are kept in a spill file and
        stored by the next :meth:`open`.
        """
        await self._log.close()
        self._housekeeper.cancel()
        await asyncio.wait([self._housekeeper])
        await self._backend.close()

    # --- everything else --------------------------------------------------------

    async def purge_expired(self, now: datetime) -> int:
        """Delete the text of questions older than the retention period; return how many."""
        cutoff = now - timedelta(days=self._retention_days)
        purged = await self._backend.purge_texts(cutoff)
        if purged:
            log.info("deleted the text of %d questions older than %s", purged, cutoff)
        return purged

    async def record_feedback(self, qid: str, user_id: int, vote: int) -> bool:
        """Store a 👍 (+1) or 👎 (-1); a user's second vote on an answer replaces the first.

        Returns False, storing nothing, when no question was logged under ``qid``.
        """
        if vote not in (1, -1):
            raise ValueError(f"vote must be +1 or -1 (got {vote})")
        user_hash = self.user_hash(user_id)
        stored = await self._vote(qid, user_hash, vote)
        if not stored and self._log.unwritten:
            await self.flush()  # the question may still be on its way to the disk
            stored = await self._vote(qid, user_hash, vote)
        if not stored:
            log.info("feedback on unknown question %s ignored", qid)
        return stored

    async def _vote(self, qid: str, user_hash: str, vote: int) -> bool:
        return await self._backend.upsert_feedback(qid, user_hash, vote, datetime.now(UTC))

    async def guild_settings(self, guild_id: int) -> GuildSettings:
        """One server's settings; the defaults until a manager changes them."""
        return await self._backend.read_guild(guild_id)

    async def update_guild_settings(
        self,
        guild_id: int,
        *,
        default_lang: str | Unset | None = UNSET,
        answer_channels: frozenset[int] | Unset = UNSET,
        enabled: bool | Unset = UNSET,
    ) -> GuildSettings:
        """Change the settings given, leave those passed as ``UNSET`` (the default) alone.

        ``default_lang=None`` clears the language preference. Returns the
        settings as stored.
        """
        if not isinstance(default_lang, Unset) and default_lang not in (None, *LANGS):
            raise ValueError(f"default_lang must be None or one of {LANGS} (got {default_lang!r})")
        return await self._backend.write_guild(
            guild_id,
            datetime.now(UTC),
            default_lang=default_lang,
            answer_channels=answer_channels,
            enabled=enabled,
        )

    async def stats(
        self, *, since: datetime | None = None, guild_id: int | None = None, top: int = 10
    ) -> Stats:
        """Figures for questions asked since ``since``, on one server or (``None``) everywhere.

        Entries still queued (normally well under a second old) are not counted.
        """
        raw = await self._backend.read_stats(since, guild_id, top)
        groups = await asyncio.to_thread(group_similar, raw.texts)
        return Stats(
            since=since,
            guild_id=guild_id,
            total=raw.total,
            answered=raw.answered,
            distinct_users=raw.distinct_users,
            mean_latency_ms=raw.mean_latency_ms,
            dropped=raw.dropped,
            configured_servers=raw.configured,
            by_lang=tuple(Count(*row) for row in raw.groups["lang"]),
            by_frontend=tuple(Count(*row) for row in raw.groups["frontend"]),
            by_kind=tuple(Count(*row) for row in raw.groups["kind"]),
            by_kb_version=tuple(Count(*row) for row in raw.versions),
            top_topics=tuple(Count(*row) for row in raw.groups["topic"]),
            by_guild=tuple(Count(*row) for row in raw.groups["guild_id"]),
            unanswered=tuple(groups[:top]),
            feedback=tuple(TopicFeedback(*row) for row in raw.feedback),
        )

    async def unanswered(
        self, *, since: datetime | None = None, guild_id: int | None = None
    ) -> list[UnansweredGroup]:
        """Unanswered and 👎 questions whose text is kept, grouped by similarity."""
        texts = await self._backend.failed_texts(since, guild_id)
        return await asyncio.to_thread(group_similar, texts)
