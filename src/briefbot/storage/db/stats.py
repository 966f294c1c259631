"""Statistics, in SQL both stores read alike: every filter is a fixed fragment, values are
parameters.

The queries are written once, with ``?`` placeholders and portable SQL
(``CASE`` rather than summing booleans, which PostgreSQL refuses); a
:class:`Reader` runs them on either store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Protocol

_GROUPABLE: Final = frozenset({"lang", "frontend", "kind", "topic", "guild_id"})
_TOP_ONLY: Final = frozenset({"topic", "guild_id"})  # long lists: the top rows only
_ANSWERED: Final = "sum(CASE WHEN q.kind = 'answer' THEN 1 ELSE 0 END)"
_DOWNVOTED: Final = "EXISTS (SELECT 1 FROM feedback f WHERE f.qid = q.qid AND f.vote = -1)"


class Reader(Protocol):
    """Runs one read on a store, inside the snapshot its caller opened."""

    async def rows(self, query: str, params: Sequence[object]) -> Sequence[Sequence[Any]]:
        """The rows of ``query``, whose values are ``?`` placeholders."""
        ...

    def time(self, value: datetime) -> object:
        """A time as this store compares it with ``asked_at``."""
        ...


def _scope(
    reader: Reader, since: datetime | None, guild_id: int | None
) -> tuple[str, list[object]]:
    clauses, params = ["TRUE"], list[object]()
    if since is not None:
        clauses.append("q.asked_at >= ?")
        params.append(reader.time(since))
    if guild_id is not None:
        clauses.append("q.guild_id = ?")
        params.append(guild_id)
    return " AND ".join(clauses), params


def _limit(limit: int | None, params: list[object]) -> tuple[str, list[object]]:
    return ("", params) if limit is None else (" LIMIT ?", [*params, limit])


@dataclass(frozen=True, slots=True)
class RawStats:
    """The figures as SQL counts them, before the store groups texts and builds ``Stats``."""

    total: int
    answered: int
    distinct_users: int
    mean_latency_ms: float | None
    groups: dict[str, list[tuple[str, int, int]]]  # column -> (value, total, answered)
    dropped: int  # questions dropped while the disk was full
    configured: int  # servers whose settings a manager changed
    feedback: list[tuple[str, int, int]]  # (topic, up, down)
    texts: list[tuple[str, str, int, int]]  # (question, lang, count, downvoted)
    versions: list[tuple[str, int, int]]  # (kb_version, total, answered), first used first


async def _first(reader: Reader, query: str, params: Sequence[object]) -> Sequence[Any]:
    return next(iter(await reader.rows(query, params)))


async def _grouped(
    reader: Reader, column: str, where: str, params: list[object], limit: int | None
) -> list[tuple[str, int, int]]:
    if column not in _GROUPABLE:
        raise ValueError(f"cannot group by {column!r}")
    tail, values = _limit(limit, params)
    rows = await reader.rows(
        f"""SELECT q.{column}, count(*), {_ANSWERED} FROM questions q
            WHERE {where} AND q.{column} IS NOT NULL
            GROUP BY q.{column} ORDER BY count(*) DESC, q.{column}{tail}""",
        values,
    )
    return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]


async def _versions(reader: Reader, where: str, params: list[object]) -> list[tuple[str, int, int]]:
    """Questions and answers per knowledge base version, in the order the versions were
    first used; questions logged before versions were recorded come as ``""``."""
    rows = await reader.rows(
        f"""SELECT coalesce(q.kb_version, ''), count(*), {_ANSWERED} FROM questions q
            WHERE {where} GROUP BY coalesce(q.kb_version, '')
            ORDER BY min(q.asked_at), coalesce(q.kb_version, '')""",
        params,
    )
    return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]


async def failed_texts(
    reader: Reader,
    since: datetime | None,
    guild_id: int | None,
    *,
    include_downvoted: bool,
    limit: int = 5000,
) -> list[tuple[str, str, int, int]]:
    """Distinct texts of unanswered (and optionally 👎) questions: text, lang, count, 👎 count."""
    where, params = _scope(reader, since, guild_id)
    failed = f"(q.kind != 'answer' OR {_DOWNVOTED})" if include_downvoted else "q.kind != 'answer'"
    rows = await reader.rows(
        f"""SELECT q.question, q.lang, count(*), sum(CASE WHEN {_DOWNVOTED} THEN 1 ELSE 0 END)
            FROM questions q
            WHERE {where} AND q.question IS NOT NULL AND {failed}
            GROUP BY q.question, q.lang ORDER BY count(*) DESC, q.question LIMIT ?""",
        [*params, limit],
    )
    return [(str(r[0]), str(r[1]), int(r[2]), int(r[3])) for r in rows]


async def read_stats(
    reader: Reader, since: datetime | None, guild_id: int | None, *, top: int
) -> RawStats:
    """Every figure of one stats report; the caller runs it in a single snapshot."""
    where, params = _scope(reader, since, guild_id)
    totals = await _first(
        reader,
        f"""SELECT count(*), coalesce({_ANSWERED}, 0), count(DISTINCT q.user_hash),
                avg(q.latency_ms)
            FROM questions q WHERE {where}""",
        params,
    )
    groups = {
        column: await _grouped(reader, column, where, params, top if column in _TOP_ONLY else None)
        for column in ("lang", "frontend", "kind", "topic", "guild_id")
    }
    feedback = await reader.rows(
        f"""SELECT q.topic, sum(CASE WHEN f.vote = 1 THEN 1 ELSE 0 END),
                sum(CASE WHEN f.vote = -1 THEN 1 ELSE 0 END)
            FROM feedback f JOIN questions q ON q.qid = f.qid
            WHERE {where} AND q.topic IS NOT NULL
            GROUP BY q.topic ORDER BY count(*) DESC, q.topic""",
        params,
    )
    texts = await failed_texts(reader, since, guild_id, include_downvoted=False)
    versions = await _versions(reader, where, params)
    dropped = await _first(
        reader, f"SELECT coalesce(sum(q.count), 0) FROM dropped_questions q WHERE {where}", params
    )
    guild_filter, guild_params = (
        ("WHERE guild_id = ?", [guild_id]) if guild_id is not None else ("", [])
    )
    configured = await _first(
        reader, f"SELECT count(*) FROM guild_settings {guild_filter}", guild_params
    )
    return RawStats(
        total=int(totals[0]),
        answered=int(totals[1]),
        distinct_users=int(totals[2]),
        mean_latency_ms=None if totals[3] is None else float(totals[3]),
        groups=groups,
        dropped=int(dropped[0]),
        configured=int(configured[0]),
        feedback=[(str(r[0]), int(r[1]), int(r[2])) for r in feedback],
        texts=texts,
        versions=versions,
    )
