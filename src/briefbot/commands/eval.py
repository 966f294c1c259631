"""``briefbot eval FILE.yaml``: measure the engine on a labelled question set.

Both formats of :mod:`briefbot.evaluation` are read: topic labels
(``questions:``) and expected facts (``cases:``, conversations included).
With ``--compare OTHER_KB`` it lists the questions whose answer changes from
the configured knowledge base to another (:mod:`briefbot.comparison`).
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

import yaml

from briefbot import knowledge, reload
from briefbot.comparison import compare, describe
from briefbot.config import Settings
from briefbot.engine.core import Engine
from briefbot.errors import BriefbotError
from briefbot.evaluation import Case, evaluate, read_cases, summary, unknown_topics


def _now(text: str | None) -> datetime:
    try:
        now = datetime.fromisoformat(text) if text else datetime.now(UTC)
    except ValueError:
        raise BriefbotError(f"--now must be an ISO date-time (got {text!r})") from None
    if now.tzinfo is None:
        raise BriefbotError("--now needs a UTC offset, e.g. 2025-01-16T12:00+01:00")
    return now


def _check_topics(name: str, cases: list[Case], *engines: Engine) -> None:
    """Refuse topic labels that name no cell or subject of any of the knowledge bases."""
    unknown = set.intersection(*(set(unknown_topics(e, cases)) for e in engines))
    if unknown:
        raise BriefbotError(f"{name}: unknown topics {sorted(unknown)}")


def _compare(args: argparse.Namespace, cases: list[Case], directory: Path) -> int:
    engine, version = reload.build(directory)
    other, other_version = reload.build(Path(args.compare))
    _check_topics(args.file, cases, engine, other)
    now = _now(args.now)
    comparison = compare(evaluate(engine, cases, now), evaluate(other, cases, now))
    if args.json:
        report = {
            "before": {"knowledge": str(directory), "version": version},
            "after": {"knowledge": args.compare, "version": other_version},
            **comparison.to_dict(),
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        before = f"{directory} (version {version})"
        after = f"{args.compare} (version {other_version})"
        print("\n".join(describe(comparison, before, after)))
    return 0


def run(args: argparse.Namespace) -> int:
    """Handler of ``briefbot eval``."""
    path = Path(args.file)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BriefbotError(f"{path}: cannot read eval file ({exc})") from exc
    cases = read_cases(doc, str(path))
    directory = Settings.from_env().knowledge or knowledge.default_dir()
    if args.compare:
        return _compare(args, cases, directory)
    engine, _ = reload.build(directory)
    _check_topics(args.file, cases, engine)
    report = evaluate(engine, cases, _now(args.now))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(summary(report)))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``briefbot eval``."""
    parser = sub.add_parser(
        "eval",
        help="measure accuracy on a labelled question file, or compare two knowledge bases",
        description="Run a labelled question file and print accuracy per language and "
        "category, then every miss. Two formats: 'questions:' [{q, lang, topic}] with "
        "topic a cell or subject id (or 'none' for off-topic); or 'cases:' of one or more "
        "turns whose 'expect' lists the facts each reply must state (see README). With "
        "--compare, list instead the questions whose answer changes from the configured "
        "knowledge base (--kb, else BRIEFBOT_KNOWLEDGE, else the shipped one) to OTHER_KB: "
        "better (now right), worse (now wrong) or different (another answer, as right or "
        "wrong), then the counts.",
    )
    parser.add_argument("file", help="YAML file of labelled questions")
    parser.add_argument("--json", action="store_true", help="print one JSON report")
    parser.add_argument(
        "--now", help="ISO date-time to answer at, for cases without their own (default: now)"
    )
    parser.add_argument(
        "--compare",
        metavar="OTHER_KB",
        help="a knowledge base directory (e.g. an edited copy) to compare with, question "
        "by question",
    )
    parser.set_defaults(handler=run)
