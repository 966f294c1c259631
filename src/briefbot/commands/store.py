"""``briefbot stats`` and ``briefbot unanswered``: the question log, read from a terminal.

Both open the database named by ``BRIEFBOT_DB`` (or ``--db``): a SQLite file
or a PostgreSQL URL. A running bot may use it at the same time: a SQLite file
is in WAL mode and PostgreSQL reads from a snapshot, so reading never blocks
the bot's writes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from briefbot import storage
from briefbot.config import Settings, read_db_password, read_location, read_secret
from briefbot.errors import BriefbotError, StorageError
from briefbot.storage import Count, Stats, UnansweredGroup
from briefbot.storage.curation import to_eval_yaml
from briefbot.storage.location import (
    Location,
    PostgresLocation,
    SqliteLocation,
    parse_location,
)

_DURATION = re.compile(r"(\d+)\s*([mhdw])")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_TEXT_WIDTH = 70


def parse_since(text: str, now: datetime) -> datetime:
    """``7d``, ``24h``, ``30m``, ``2w`` before ``now``, or an ISO date or date-time.

    A date or date-time without a zone is taken as UTC.
    """
    text = text.strip()
    match = _DURATION.fullmatch(text.lower())
    if match:
        return now - timedelta(**{_UNITS[match[2]]: int(match[1])})
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{text!r} is neither a duration (7d, 24h, 30m, 2w) nor an ISO date (2025-01-15)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _since(text: str) -> datetime:
    try:
        return parse_since(text, datetime.now(UTC))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _scope(since: datetime | None, guild_id: int | None) -> str:
    where = "all servers and the console" if guild_id is None else f"server {guild_id}"
    when = "all time" if since is None else f"since {since:%Y-%m-%d %H:%M %Z}".rstrip()
    return f"{where}, {when}"


def _one_line(text: str, width: int = _TEXT_WIDTH) -> str:
    """A question fit for one table cell: no line breaks or control characters, clipped."""
    flat = "".join(ch if ch.isprintable() else " " for ch in text)
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """Aligned columns: numbers to the right, text to the left."""
    cells = [[str(h) for h in headers], *([str(c) for c in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(isinstance(row[i], int | float) for row in rows) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [
            cell.rjust(width) if num else cell.ljust(width)
            for cell, width, num in zip(row, widths, numeric, strict=True)
        ]
        lines.append("  " + "  ".join(parts).rstrip())
    return lines


def _percent(value: float) -> str:
    return f"{value:.1%}"


def _counts(title: str, label: str, counts: Sequence[Count]) -> list[str]:
    if not counts:
        return [title, "  (none)"]
    rows = [(c.key, c.total, c.answered, _percent(c.answer_rate)) for c in counts]
    return [title, *_table((label, "questions", "answered", "rate"), rows)]


def _versions(counts: Sequence[Count]) -> list[str]:
    """Answer rate per knowledge base version, and its change from the version before."""
    title = "By knowledge base version (first used first)"
    if not counts:
        return [title, "  (none)"]
    rows = []
    for n, c in enumerate(counts):
        change = "" if n == 0 else f"{(c.answer_rate - counts[n - 1].answer_rate) * 100:+.1f} pts"
        rows.append(
            (c.key or "(not recorded)", c.total, c.answered, _percent(c.answer_rate), change)
        )
    return [title, *_table(("version", "questions", "answered", "rate", "change"), rows)]


def _groups(groups: Sequence[UnansweredGroup]) -> list[str]:
    rows = [(g.count, len(g.variants), g.lang, _one_line(g.question)) for g in groups]
    return _table(("asked", "variants", "lang", "question"), rows) if rows else ["  (none)"]


def render_stats(stats: Stats) -> str:
    """The terminal report of ``briefbot stats``."""
    lines = [
        f"briefbot statistics: {_scope(stats.since, stats.guild_id)}",
        "",
        f"  questions       {stats.total}",
        f"  answered        {stats.answered} ({_percent(stats.answer_rate)})",
        f"  distinct users  {stats.distinct_users}",
    ]
    if stats.mean_latency_ms is not None:
        lines.append(f"  mean latency    {stats.mean_latency_ms:.1f} ms")
    lines.append(f"  dropped         {stats.dropped} (lost, not logged, while the disk was full)")
    lines.append(f"  configured      {stats.configured_servers} servers (changed with /settings)")
    sections = [
        _counts("By language", "lang", stats.by_lang),
        _counts("By front end", "front end", stats.by_frontend),
        _counts("By outcome", "outcome", stats.by_kind),
        _counts("Top topics", "topic", stats.top_topics),
        _versions(stats.by_kb_version),
        *([_counts("Busiest servers", "server", stats.by_guild)] if stats.guild_id is None else []),
        [
            "Most frequent unanswered questions (similar wordings grouped)",
            *_groups(stats.unanswered),
        ],
    ]
    feedback = [(f.topic, f.up, f.down, _percent(f.ratio)) for f in stats.feedback]
    sections.append(
        ["Feedback per topic", *_table(("topic", "up", "down", "up share"), feedback)]
        if feedback
        else ["Feedback per topic", "  (no votes)"]
    )
    for section in sections:
        lines += ["", *section]
    return "\n".join(lines) + "\n"


def database(settings: Settings, given: str | None) -> Location:
    """The store named by ``--db`` (a path or URL), else by ``BRIEFBOT_DB``.

    A SQLite file must exist: reading statistics never creates one.
    """
    if given:
        password = read_db_password(settings)
        location = parse_location(given, password=password, local_dir=settings.local_dir)
    else:
        location = read_location(settings)
    if isinstance(location, SqliteLocation) and not location.path.is_file():
        raise StorageError(
            f"no database at {location.path}: nothing has been logged there yet "
            "(set BRIEFBOT_DB or pass --db)"
        )
    return location


async def _open(args: argparse.Namespace) -> storage.Store:
    settings = Settings.from_env()
    location = database(settings, args.db)
    secret = read_secret(settings)
    if secret is None and isinstance(location, PostgresLocation):
        # Reading hashes nothing: PostgreSQL's demand for the shared key is the
        # bot's, so a key of the moment lets an operator read stats without it.
        secret = secrets.token_hex(32)
    return await storage.Store.open(
        location,
        log_questions=settings.log_questions,
        retention_days=settings.retention_days,
        secret=secret,
    )


async def _stats(args: argparse.Namespace) -> int:
    async with await _open(args) as store:
        stats = await store.stats(since=args.since, guild_id=args.guild, top=args.top)
    if args.json:
        print(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_stats(stats))
    return 0


def _write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` in one step, so an interrupted export never leaves half a file."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BriefbotError(f"cannot write {path}: {exc.strerror or exc}") from exc


async def _unanswered(args: argparse.Namespace) -> int:
    async with await _open(args) as store:
        groups = await store.unanswered(since=args.since, guild_id=args.guild)
    scope = _scope(args.since, args.guild)
    if args.export is None:
        print(f"Unanswered and 👎 questions: {scope}")
        print("\n".join(_groups(groups)))
        return 0
    text = to_eval_yaml(groups, generated=datetime.now(UTC), scope=scope)
    if args.export == "-":
        sys.stdout.write(text)
        return 0
    path = Path(args.export)
    _write_atomically(path, text)
    asked = sum(g.count for g in groups)
    print(f"wrote {len(groups)} groups ({asked} questions) to {path}", file=sys.stderr)
    return 0


def run_stats(args: argparse.Namespace) -> int:
    """Handler of ``briefbot stats``."""
    return asyncio.run(_stats(args))


def run_unanswered(args: argparse.Namespace) -> int:
    """Handler of ``briefbot unanswered``."""
    return asyncio.run(_unanswered(args))


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since",
        type=_since,
        metavar="WHEN",
        help="only questions asked since then: 7d, 24h, 30m, 2w, or an ISO date (UTC)",
    )
    parser.add_argument(
        "--guild", type=int, metavar="ID", help="only questions asked on this Discord server"
    )
    parser.add_argument(
        "--db",
        metavar="DB",
        help="SQLite file or postgresql:// URL (default: BRIEFBOT_DB, data/briefbot.sqlite3)",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``briefbot stats`` and ``briefbot unanswered``."""
    stats = sub.add_parser(
        "stats",
        help="show usage statistics from the question log",
        description="Totals, answer rate, split by language, front end and outcome, top "
        "topics, the answer rate of each knowledge base version (the content hash of the "
        "knowledge files that answered; first used first, with the change from the one "
        "before), the busiest servers, the most frequent unanswered questions (similar "
        "wordings grouped), the 👍/👎 ratio per topic, the servers configured with "
        "/settings, and the questions dropped (not logged) while the disk was full. On "
        "PostgreSQL, every machine's questions.",
    )
    _common(stats)
    stats.add_argument("--json", action="store_true", help="print one JSON object for scripts")
    stats.add_argument(
        "--top", type=int, default=10, metavar="N", help="rows in the top lists (default: 10)"
    )
    stats.set_defaults(handler=run_stats)

    unanswered = sub.add_parser(
        "unanswered",
        help="list or export the questions the bot failed on",
        description="Unanswered and 👎 questions, with similar wordings grouped. With "
        "--export, write them in the `briefbot eval` format with the expected topic left "
        "blank for a curator to fill in.",
    )
    _common(unanswered)
    unanswered.add_argument(
        "--export", metavar="FILE.yaml", help="write an eval file (- for standard output)"
    )
    unanswered.set_defaults(handler=run_unanswered)
