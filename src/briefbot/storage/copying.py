"""``briefbot db copy``: every row of one store into another, SQLite or PostgreSQL either way.

Rows are keyed by what identifies them for good: a question by its id, a
vote by question and voter, a server by its id. A question already in the
target is skipped, a vote or server setting replaced only by a newer one, a
drop count already there skipped; so copying twice changes nothing, and an
interrupted copy can simply be run again. Questions and votes go across in
batches, in key order, so a large log never sits in memory whole.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Final

from briefbot.errors import StorageError
from briefbot.storage.backend import Backend
from briefbot.storage.location import Location, PostgresLocation
from briefbot.storage.opening import open_file

log = logging.getLogger(__name__)

BATCH: Final = 5_000  # rows read and written per transaction


@dataclass(frozen=True, slots=True)
class Copied:
    """What a copy read from the source, and how many rows it added or changed in the target."""

    questions: int
    new_questions: int
    votes: int
    servers: int
    drops: int
    changed: int  # votes, servers and drop counts added or replaced

    def __str__(self) -> str:
        return (
            f"{self.questions} questions ({self.new_questions} new), {self.votes} votes, "
            f"{self.servers} server settings, {self.drops} drop counts "
            f"({self.changed} votes, settings and counts new or newer)"
        )


async def open_location(location: Location) -> Backend:
    """The store at ``location``, migrated; no user-hash key is needed to copy hashes."""
    if isinstance(location, PostgresLocation):
        # asyncpg is loaded only for a PostgreSQL store: it would slow every start-up
        from briefbot.storage.postgres_backend import open_backend  # noqa: PLC0415

        return await open_backend(location, size=1)
    return await open_file(location.path)


async def copy_rows(source: Backend, target: Backend, *, batch: int = BATCH) -> Copied:
    """Copy every row of ``source`` into ``target``; see the module docstring."""
    questions = new = 0
    last = ""
    while rows := await source.questions_after(last, batch):
        new += await target.insert_questions(rows, ())
        questions += len(rows)
        last = rows[-1][0]
    votes = changed = 0
    key = ("", "")
    while feedback := await source.feedback_after(key, batch):
        changed += await target.merge(feedback, (), ())
        votes += len(feedback)
        key = (feedback[-1][0], feedback[-1][1])
    servers, drops = await source.guilds(), await source.dropped()
    changed += await target.merge((), servers, drops)
    return Copied(questions, new, votes, len(servers), len(drops), changed)


async def copy(source: Location, target: Location) -> Copied:
    """Open both stores (creating a SQLite target), copy, close them."""
    if str(source) == str(target):
        raise StorageError(f"the source and the target are the same database: {source}")
    src = await open_location(source)
    try:
        dst = await open_location(target)
        try:
            copied = await copy_rows(src, dst)
        finally:
            await dst.close()
    finally:
        await src.close()
    log.info("copied %s from %s to %s", copied, source, target)
    return copied
