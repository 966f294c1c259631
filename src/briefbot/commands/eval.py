"""``briefbot eval FILE.yaml``: measure the engine on a labelled question set.

The file holds ``questions:``, each ``{q, lang, topic}`` with ``topic: none``
for questions the bot should decline. A question counts as right when the
engine answers with the expected topic (or, for ``none``, does not answer),
in the expected language.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from briefbot.commands.common import open_engine
from briefbot.engine.core import Engine
from briefbot.engine.types import LANGS, Answer, Lang
from briefbot.errors import BriefbotError


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled question."""

    question: str
    lang: Lang
    topic: str | None  # None: off-topic, should be declined


@dataclass(slots=True)
class Report:
    """Accuracy per language, off-topic rejection, and every miss."""

    right: dict[str, int] = field(default_factory=lambda: {"fr": 0, "en": 0, "none": 0})
    total: dict[str, int] = field(default_factory=lambda: {"fr": 0, "en": 0, "none": 0})
    lang_right: int = 0
    misses: list[tuple[Case, Answer]] = field(default_factory=list)

    def rate(self, key: str) -> float:
        """Share of right answers in a group (1.0 for an empty group)."""
        return self.right[key] / self.total[key] if self.total[key] else 1.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``briefbot eval --json``."""
        return {
            "accuracy": {lang: round(self.rate(lang), 4) for lang in LANGS},
            "offtopic_rejection": round(self.rate("none"), 4),
            "language_accuracy": round(self.lang_right / max(1, sum(self.total.values())), 4),
            "counts": {k: {"right": self.right[k], "total": self.total[k]} for k in self.total},
            "misses": [
                {
                    "q": c.question,
                    "expected": c.topic or "none",
                    "got": a.topic if a.answered else a.kind.value,
                    "lang": a.lang,
                    "confidence": round(a.confidence, 3),
                }
                for c, a in self.misses
            ],
        }


def read_cases(path: Path) -> list[Case]:
    """Parse an eval file; raise BriefbotError naming the file and entry on bad input."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BriefbotError(f"{path}: cannot read eval file ({exc})") from exc
    items = doc.get("questions") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise BriefbotError(f"{path}: expected a top-level 'questions:' list")
    cases = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            raise BriefbotError(f"{path}: questions[{n}]: needs 'q'")
        lang = item.get("lang")
        if lang not in LANGS:
            raise BriefbotError(f"{path}: questions[{n}]: 'lang' must be fr or en")
        topic = item.get("topic")
        if not isinstance(topic, str) or not topic.strip():
            raise BriefbotError(f"{path}: questions[{n}]: 'topic' is blank (label it, or 'none')")
        cases.append(Case(item["q"], lang, None if topic == "none" else topic))
    return cases


def evaluate(engine: Engine, cases: list[Case], now: datetime) -> Report:
    """Run every case through the engine."""
    report = Report()
    for case in cases:
        answer = engine.answer(case.question, now=now)
        key = "none" if case.topic is None else case.lang
        report.total[key] += 1
        report.lang_right += answer.lang == case.lang
        got = answer.topic if answer.answered else None
        if got == case.topic and (case.topic is None or answer.lang == case.lang):
            report.right[key] += 1
        else:
            report.misses.append((case, answer))
    return report


def _print(report: Report, out: Any) -> None:
    def line(label: str, key: str) -> str:
        counts = f"({report.right[key]}/{report.total[key]})"
        return f"{label}: {report.rate(key):6.1%}  {counts}"

    for lang in LANGS:
        print(line(f"accuracy {lang}", lang), file=out)
    print(line("off-topic declined", "none"), file=out)
    total = sum(report.total.values())
    print(f"language detected: {report.lang_right / max(1, total):6.1%}", file=out)
    if report.misses:
        print(f"\n{len(report.misses)} misses:", file=out)
    for case, answer in report.misses:
        got = answer.topic if answer.answered else answer.kind.value
        alts = ", ".join(f"{m.topic} {m.score:.2f}" for m in answer.candidates[:3])
        print(f"  [{case.lang}] {case.question!r}: expected {case.topic or 'none'}, got {got} "
              f"({answer.lang}, {answer.confidence:.2f}) [{alts}]", file=out)  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Handler of ``briefbot eval``."""
    engine = open_engine()
    cases = read_cases(Path(args.file))
    unknown = sorted({c.topic for c in cases if c.topic and engine.topic(c.topic) is None})
    if unknown:
        raise BriefbotError(f"{args.file}: unknown topics {unknown}")
    now = datetime.fromisoformat(args.now) if args.now else datetime.now(UTC)
    report = evaluate(engine, cases, now)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print(report, sys.stdout)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``briefbot eval``."""
    parser = sub.add_parser(
        "eval",
        help="measure accuracy on a labelled question file",
        description="Run a labelled question file (questions: [{q, lang, topic}], topic 'none' "
        "for off-topic) and print accuracy per language, the off-topic rejection rate "
        "and every miss.",
    )
    parser.add_argument("file", help="YAML file of labelled questions")
    parser.add_argument("--json", action="store_true", help="print one JSON report")
    parser.add_argument("--now", help="ISO date-time to answer at (default: now)")
    parser.set_defaults(handler=run)
