"""Statistics: every filter is a fixed fragment; values go in as parameters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

import aiosqlite

from briefbot.storage.db.core import db_time, first_row, transaction

_GROUPABLE: Final = frozenset({"lang", "frontend", "kind", "topic"})


def _scope(since: datetime | None, guild_id: int | None) -> tuple[str, list[object]]:
    clauses, params = ["1"], list[object]()
    if since is not None:
        clauses.append("q.asked_at >= ?")
        params.append(db_time(since))
    if guild_id is not None:
        clauses.append("q.guild_id = ?")
        params.append(guild_id)
    return " AND ".join(clauses), params


@dataclass(frozen=True, slots=True)
class RawStats:
    """The figures as SQL counts them, before the store groups texts and builds ``Stats``."""

    total: int
    answered: int
    distinct_users: int
    mean_latency_ms: float | None
    groups: dict[str, list[tuple[str, int, int]]]  # column -> (value, total, answered)
    dropped: int  # questions dropped while the disk was full
    feedback: list[tuple[str, int, int]]  # (topic, up, down)
    texts: list[tuple[str, str, int, int]]  # (question, lang, count, downvoted)
    versions: list[tuple[str, int, int]]  # (kb_version, total, answered), first used first


async def _grouped(
    db: aiosqlite.Connection, column: str, where: str, params: list[object], limit: int
) -> list[tuple[str, int, int]]:
    if column not in _GROUPABLE:
        raise ValueError(f"cannot group by {column!r}")
    rows = await db.execute_fetchall(
        f"""SELECT q.{column}, count(*), sum(q.kind = 'answer') FROM questions q
            WHERE {where} AND q.{column} IS NOT NULL
            GROUP BY q.{column} ORDER BY count(*) DESC, q.{column} LIMIT ?""",
        [*params, limit],
    )
    return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]


async def _versions(
    db: aiosqlite.Connection, where: str, params: list[object]
) -> list[tuple[str, int, int]]:
    """Questions and answers per knowledge base version, in the order the versions were
    first used; questions logged before versions were recorded come as ``""``."""
    rows = await db.execute_fetchall(
        f"""SELECT coalesce(q.kb_version, ''), count(*), sum(q.kind = 'answer') FROM questions q
            WHERE {where} GROUP BY coalesce(q.kb_version, '') ORDER BY min(q.asked_at)""",
        params,
    )
    return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]


async def failed_texts(
    db: aiosqlite.Connection,
    since: datetime | None,
    guild_id: int | None,
    *,
    include_downvoted: bool,
    limit: int = 5000,
) -> list[tuple[str, str, int, int]]:
    """Distinct texts of unanswered (and optionally 👎) questions: text, lang, count, 👎 count."""
    where, params = _scope(since, guild_id)
    downvoted = "EXISTS (SELECT 1 FROM feedback f WHERE f.qid = q.qid AND f.vote = -1)"
    failed = f"(q.kind != 'answer' OR {downvoted})" if include_downvoted else "q.kind != 'answer'"
    rows = await db.execute_fetchall(
        f"""SELECT q.question, q.lang, count(*), sum({downvoted}) FROM questions q
            WHERE {where} AND q.question IS NOT NULL AND {failed}
            GROUP BY q.question, q.lang ORDER BY count(*) DESC, q.question LIMIT ?""",
        [*params, limit],
    )
    return [(str(r[0]), str(r[1]), int(r[2]), int(r[3])) for r in rows]


async def read_stats(
    db: aiosqlite.Connection, since: datetime | None, guild_id: int | None, *, top: int
) -> RawStats:
    """Every figure of one stats report, read from a single snapshot of the file."""
    where, params = _scope(since, guild_id)
    async with transaction(db, write=False):
        totals = await first_row(
            db,
            f"""SELECT count(*), coalesce(sum(q.kind = 'answer'), 0),
                    count(DISTINCT q.user_hash), avg(q.latency_ms)
                FROM questions q WHERE {where}""",
            params,
        )
        groups = {
            column: await _grouped(db, column, where, params, -1 if column != "topic" else top)
            for column in ("lang", "frontend", "kind", "topic")
        }
        feedback = await db.execute_fetchall(
            f"""SELECT q.topic, sum(f.vote = 1), sum(f.vote = -1)
                FROM feedback f JOIN questions q ON q.qid = f.qid
                WHERE {where} AND q.topic IS NOT NULL
                GROUP BY q.topic ORDER BY count(*) DESC, q.topic""",
            params,
        )
        texts = await failed_texts(db, since, guild_id, include_downvoted=False)
        versions = await _versions(db, where, params)
        dropped = await first_row(
            db, f"SELECT coalesce(sum(q.count), 0) FROM dropped_questions q WHERE {where}", params
        )
    return RawStats(
        total=int(totals[0]),
        answered=int(totals[1]),
        distinct_users=int(totals[2]),
        mean_latency_ms=None if totals[3] is None else float(totals[3]),
        groups=groups,
        dropped=int(dropped[0]),
        feedback=[(str(r[0]), int(r[1]), int(r[2])) for r in feedback],
        texts=texts,
        versions=versions,
    )
