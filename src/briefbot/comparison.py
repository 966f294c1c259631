"""Comparing two knowledge bases on one question set (``briefbot eval FILE --compare KB``).

A curator edits a copy of the knowledge base (paraphrases, cells, concepts) and
sees, before deploying it, every question whose answer changes: **better**
(wrong before, right now), **worse** (right before, wrong now) or **different**
(as right or wrong as before, but another answer: another cell, another text).
Both knowledge bases answer the same cases, conversations included, at the
same moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from briefbot.evaluation import Outcome, Report


class Verdict(Enum):
    BETTER = "better"
    WORSE = "worse"
    DIFFERENT = "different"


@dataclass(frozen=True, slots=True)
class Change:
    """One question answered differently by the two knowledge bases."""

    verdict: Verdict
    before: Outcome
    after: Outcome


@dataclass(frozen=True, slots=True)
class Comparison:
    """Every change, in the question set's order, and how many questions were compared."""

    changes: tuple[Change, ...]
    total: int

    def count(self, verdict: Verdict) -> int:
        """How many changes have this verdict."""
        return sum(c.verdict is verdict for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``briefbot eval --compare --json``."""
        counts = {v.value: self.count(v) for v in Verdict}
        return {
            "total": self.total,
            **counts,
            "unchanged": self.total - len(self.changes),
            "changes": [
                {
                    "verdict": c.verdict.value,
                    "case": c.after.case.id,
                    "q": c.after.turn.question,
                    "lang": c.after.turn.lang,
                    "before": _side(c.before),
                    "after": _side(c.after),
                }
                for c in self.changes
            ],
        }


def _side(o: Outcome) -> dict[str, Any]:
    return {"right": o.right, "why": o.why, "got": got(o), "answer": o.answer.text}


def got(o: Outcome) -> str:
    """What an answer was, in a few words: each ask's kind and cell, else the reply's kind."""
    asks = "; ".join(f"{a.kind.value} {a.cell or a.subject or ''}".strip() for a in o.answer.asks)
    return asks or o.answer.kind.value


def _same(a: Outcome, b: Outcome) -> bool:
    return (a.answer.kind, a.answer.lang, a.answer.text, a.answer.note) == (
        b.answer.kind,
        b.answer.lang,
        b.answer.text,
        b.answer.note,
    )


def compare(before: Report, after: Report) -> Comparison:
    """The changes from ``before`` to ``after``: two reports on the same cases, in order."""
    if len(before.outcomes) != len(after.outcomes):
        raise ValueError("the two reports must come from the same cases")
    changes = []
    for old, new in zip(before.outcomes, after.outcomes, strict=True):
        if old.right != new.right:
            changes.append(Change(Verdict.BETTER if new.right else Verdict.WORSE, old, new))
        elif not _same(old, new):
            changes.append(Change(Verdict.DIFFERENT, old, new))
    return Comparison(tuple(changes), len(after.outcomes))


def describe(comparison: Comparison, before: str, after: str) -> list[str]:
    """The comparison as lines of text: each change under its verdict, then the counts.

    ``before`` and ``after`` name the two knowledge bases (path and version).
    """
    lines = [f"before: {before}", f"after:  {after}", ""]
    for verdict in Verdict:
        chosen = [c for c in comparison.changes if c.verdict is verdict]
        if not chosen:
            continue
        lines.append(f"{verdict.value} ({len(chosen)}):")
        for c in chosen:
            lines.append(f"  [{c.after.case.id}] {c.after.turn.question!r} ({c.after.turn.lang})")
            for name, o in (("before", c.before), ("after", c.after)):
                why = f" — {o.why}" if o.why else ""
                mark = "right" if o.right else "wrong"
                lines.append(f"      {name + ':':<7} {mark}, {got(o)}, {o.answer.lang}{why}")
            if got(c.before) == got(c.after) and c.before.answer.lang == c.after.answer.lang:
                lines.append("      same answer, reworded")
        lines.append("")
    counts = ", ".join(f"{comparison.count(v)} {v.value}" for v in Verdict)
    unchanged = comparison.total - len(comparison.changes)
    lines.append(f"{counts}, {unchanged} unchanged (of {comparison.total} questions)")
    return lines
