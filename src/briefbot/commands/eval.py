"""``briefbot eval FILE.yaml``: measure the engine on a labelled question set.

Both formats of :mod:`briefbot.evaluation` are read: topic labels
(``questions:``) and expected facts (``cases:``, conversations included).
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

import yaml

from briefbot.commands.common import open_engine
from briefbot.errors import BriefbotError
from briefbot.evaluation import evaluate, read_cases, summary, unknown_topics


def run(args: argparse.Namespace) -> int:
    """Handler of ``briefbot eval``."""
    path = Path(args.file)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BriefbotError(f"{path}: cannot read eval file ({exc})") from exc
    cases = read_cases(doc, str(path))
    engine = open_engine()
    unknown = unknown_topics(engine, cases)
    if unknown:
        raise BriefbotError(f"{args.file}: unknown topics {unknown}")
    try:
        now = datetime.fromisoformat(args.now) if args.now else datetime.now(UTC)
    except ValueError:
        raise BriefbotError(f"--now must be an ISO date-time (got {args.now!r})") from None
    if now.tzinfo is None:
        raise BriefbotError("--now needs a UTC offset, e.g. 2025-01-16T12:00+01:00")
    report = evaluate(engine, cases, now)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(summary(report)))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``briefbot eval``."""
    parser = sub.add_parser(
        "eval",
        help="measure accuracy on a labelled question file",
        description="Run a labelled question file and print accuracy per language and "
        "category, then every miss. Two formats: 'questions:' [{q, lang, topic}] with "
        "topic a cell or subject id (or 'none' for off-topic); or 'cases:' of one or more "
        "turns whose 'expect' lists the facts each reply must state (see README).",
    )
    parser.add_argument("file", help="YAML file of labelled questions")
    parser.add_argument("--json", action="store_true", help="print one JSON report")
    parser.add_argument(
        "--now", help="ISO date-time to answer at, for cases without their own (default: now)"
    )
    parser.set_defaults(handler=run)
