"""Measuring answers against labelled question sets (``briefbot eval``).

Two formats:

* **topics** (``questions:``): ``{q, lang, topic}``, where ``topic`` names the
  expected cell or subject (or a list of them), ``none`` for questions to
  decline. Right when one of the reply's asks is that cell or subject, in the
  expected language; for ``none``, when no ask is answered.
* **facts** (``cases:``): conversations of one or more turns, each turn with
  the facts its reply must state (``answer: [...]``, a token or a list of
  alternatives), questions the announcement leaves open (``not_said``) or that
  are off-topic (``off_topic``), and strings it must not contain (``not``).
  This format needs no knowledge of the knowledge base, so people who never saw
  it can write question sets. Turns of one case are one asker's conversation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from briefbot.engine.core import Engine
from briefbot.engine.normalize import fold
from briefbot.engine.types import LANGS, Answer, AskKind, Context, Kind, Lang
from briefbot.errors import BriefbotError

UNANSWERED = (AskKind.NOT_SAID, AskKind.OFF_TOPIC)


@dataclass(frozen=True, slots=True)
class Turn:
    """One message of a case and what its reply must (not) say."""

    question: str
    lang: Lang
    facts: tuple[tuple[str, ...], ...]  # every group must appear; any string of a group will do
    unanswered: int  # questions of the message the announcement leaves open, or off-topic
    forbidden: tuple[str, ...]
    topics: tuple[str, ...] | None = None  # topics format: accepted cells or subjects ("none": ())


@dataclass(frozen=True, slots=True)
class Case:
    """A conversation: turns by one asker, in order, at one moment."""

    id: str
    category: str
    turns: tuple[Turn, ...]
    now: datetime | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one turn went."""

    case: Case
    turn: Turn
    answer: Answer
    right: bool
    why: str = ""
    notice: bool = False  # another language answered with the languages notice
    gave_facts: bool = False  # facts given where none were expected


@dataclass(slots=True)
class Report:
    """Accuracy per category and language, and every miss."""

    outcomes: list[Outcome] = field(default_factory=list)

    def rate(self, key: str, value: str) -> tuple[int, int]:
        """(right, total) over turns whose ``key`` ("category" or "lang") is ``value``."""
        chosen = [o for o in self.outcomes if _key(o, key) == value]
        return sum(o.right for o in chosen), len(chosen)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``briefbot eval --json``."""

        def groups(key: str) -> dict[str, dict[str, float | int]]:
            values = sorted({_key(o, key) for o in self.outcomes})
            out: dict[str, dict[str, float | int]] = {}
            for value in values:
                right, total = self.rate(key, value)
                out[value] = {"right": right, "total": total, "rate": round(right / total, 4)}
            return out

        return {
            "total": len(self.outcomes),
            "right": sum(o.right for o in self.outcomes),
            "by_lang": groups("lang"),
            "by_category": groups("category"),
            "languages_notice": sum(o.notice for o in self.outcomes),
            "facts_where_none_expected": sum(o.gave_facts for o in self.outcomes),
            "misses": [
                {
                    "case": o.case.id,
                    "q": o.turn.question,
                    "why": o.why,
                    "got": [a.to_dict() for a in o.answer.asks] or o.answer.kind.value,
                    "lang": o.answer.lang,
                }
                for o in self.outcomes
                if not o.right
            ],
        }


def _key(o: Outcome, key: str) -> str:
    """An outcome's group: its category, or its language (questions in other languages,
    and off-topic questions of the topics format, apart)."""
    if key == "category":
        return o.case.category
    if o.case.category in ("other_language", "none"):
        return {"other_language": "other", "none": "off-topic"}[o.case.category]
    return o.turn.lang


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise BriefbotError(f"{where}: expected a string or a list of strings")


def _turn(raw: Any, lang: Any, where: str) -> Turn:
    if not isinstance(raw, dict) or not isinstance(raw.get("q"), str):
        raise BriefbotError(f"{where}: needs 'q'")
    lang = raw.get("lang", lang)
    if lang not in LANGS:
        raise BriefbotError(f"{where}: 'lang' must be fr or en")
    expect = raw.get("expect")
    if not isinstance(expect, list) or not expect:
        raise BriefbotError(f"{where}: needs a non-empty 'expect' list")
    facts: list[tuple[str, ...]] = []
    forbidden: list[str] = []
    unanswered = 0
    for n, item in enumerate(expect, 1):
        at = f"{where}.expect[{n}]"
        if not isinstance(item, dict) or len({"answer", "not_said", "off_topic"} & set(item)) != 1:
            raise BriefbotError(f"{at}: needs exactly one of answer, not_said, off_topic")
        if "answer" in item:
            if not isinstance(item["answer"], list) or not item["answer"]:
                raise BriefbotError(f"{at}: 'answer' must be a non-empty list")
            facts.extend(_strings(v, at) for v in item["answer"])
        else:
            unanswered += 1
        if "not" in item:
            forbidden.extend(_strings(item["not"], at))
    return Turn(raw["q"], lang, tuple(facts), unanswered, tuple(forbidden))


def read_cases(doc: Any, name: str) -> list[Case]:
    """The cases of a parsed eval file, in either format; BriefbotError names bad entries."""
    if isinstance(doc, dict) and isinstance(doc.get("cases"), list):
        default_now = _now(doc.get("now"), f"{name}: now")
        cases = []
        for n, raw in enumerate(doc["cases"], 1):
            where = f"{name}: cases[{n}]"
            if not isinstance(raw, dict) or not isinstance(raw.get("turns"), list):
                raise BriefbotError(f"{where}: needs 'turns'")
            turns = tuple(
                _turn(t, raw.get("lang"), f"{where}.turns[{m}]")
                for m, t in enumerate(raw["turns"], 1)
            )
            now = _now(raw.get("now"), f"{where}.now") or default_now
            cases.append(Case(str(raw.get("id", n)), str(raw.get("category", "")), turns, now))
        return cases
    if isinstance(doc, dict) and isinstance(doc.get("questions"), list):
        return [
            _topic_case(raw, f"{name}: questions[{n}]", n)
            for n, raw in enumerate(doc["questions"], 1)
        ]
    raise BriefbotError(f"{name}: expected a top-level 'cases:' or 'questions:' list")


def _topic_case(raw: Any, where: str, n: int) -> Case:
    if not isinstance(raw, dict) or not isinstance(raw.get("q"), str):
        raise BriefbotError(f"{where}: needs 'q'")
    if raw.get("lang") not in LANGS:
        raise BriefbotError(f"{where}: 'lang' must be fr or en")
    topic = raw.get("topic")
    if not topic or (isinstance(topic, str) and not topic.strip()):
        raise BriefbotError(f"{where}: 'topic' is blank (label it, or 'none')")
    topics = () if topic == "none" else _strings(topic, where)
    turn = Turn(raw["q"], raw["lang"], (), 0, (), topics)
    return Case(str(n), "none" if not topics else "topic", (turn,))


def _now(raw: Any, where: str) -> datetime | None:
    if raw is None:
        return None
    try:
        at = datetime.fromisoformat(str(raw))
    except ValueError as exc:
        raise BriefbotError(f"{where}: expected an ISO date-time with offset") from exc
    if at.tzinfo is None:
        raise BriefbotError(f"{where}: the date-time needs a UTC offset")
    return at


def unknown_topics(engine: Engine, cases: list[Case]) -> list[str]:
    """Topic labels that name no cell or subject of the engine's knowledge base."""
    return sorted(
        {t for c in cases for turn in c.turns for t in turn.topics or () if engine.cell(t) is None}
    )


def _grade_topics(turn: Turn, answer: Answer) -> tuple[bool, str]:
    """Topics format: one of the asks is an accepted cell or subject, in the right language."""
    asks = [a for a in answer.asks if a.kind not in (AskKind.OFF_TOPIC, AskKind.UNCLEAR)]
    if not turn.topics:
        ok = (
            not any(a.kind is AskKind.ANSWER for a in answer.asks) or answer.kind is not Kind.ANSWER
        )
        return ok, "" if ok else "answered an off-topic question"
    got = {a.cell for a in asks} | {a.subject for a in asks}
    accepted = set(turn.topics)
    if answer.kind is not Kind.ANSWER or not got & accepted:
        return False, f"expected {', '.join(turn.topics)}"
    if answer.lang != turn.lang:
        return False, f"answered in {answer.lang}"
    return True, ""


def _grade_facts(case: Case, turn: Turn, answer: Answer) -> Outcome:
    text = fold(answer.text + " " + answer.note)
    answered = fold(" ".join(a.text for a in answer.asks if a.kind is AskKind.ANSWER))
    notice = case.category == "other_language" and answer.kind is Kind.DECLINE and not answer.asks
    missing = [g[0] for g in turn.facts if not any(fold(s) in answered for s in g)]
    present = [s for s in turn.forbidden if fold(s) and fold(s) in text]
    open_asks = sum(a.kind in UNANSWERED for a in answer.asks)
    declined = answer.kind in (Kind.DECLINE, Kind.INVALID)  # "ask me a question" declines too
    if declined and not any(a.kind in UNANSWERED for a in answer.asks):
        open_asks = max(open_asks, 1)
    gave = (
        turn.unanswered > 0
        and not turn.facts
        and any(a.kind is AskKind.ANSWER for a in answer.asks)
    )
    why = []
    if notice:
        return Outcome(case, turn, answer, True, notice=True)
    if missing:
        why.append(f"missing {missing}")
    if open_asks < turn.unanswered:
        why.append(f"expected {turn.unanswered} unanswered part(s), got {open_asks}")
    if present:
        why.append(f"says {present}")
    if answer.lang != turn.lang:
        why.append(f"answered in {answer.lang}")
    return Outcome(case, turn, answer, not why, "; ".join(why), gave_facts=gave)


def evaluate(engine: Engine, cases: list[Case], now: datetime) -> Report:
    """Run every case through the engine, each case one conversation."""
    report = Report()
    for case in cases:
        context: Context | None = None
        at = case.now or now
        for turn in case.turns:
            answer = engine.answer(turn.question, now=at, context=context)
            context = answer.context or context
            if turn.topics is not None:
                right, why = _grade_topics(turn, answer)
                report.outcomes.append(Outcome(case, turn, answer, right, why))
            else:
                report.outcomes.append(_grade_facts(case, turn, answer))
    return report


def summary(report: Report) -> list[str]:
    """The report as lines of text: rates per language and category, then every miss."""
    lines = []
    for key, title in (("lang", "language"), ("category", "category")):
        values = sorted({_key(o, key) for o in report.outcomes})
        for value in values:
            right, total = report.rate(key, value)
            lines.append(f"{title} {value:<16} {right / total:6.1%}  ({right}/{total})")
        lines.append("")
    counts = Counter(o.notice for o in report.outcomes)
    if counts[True]:
        lines.append(f"answered with the languages notice: {counts[True]}")
    gave = sum(o.gave_facts for o in report.outcomes)
    lines.append(f"facts given where the set expects none: {gave}")
    misses = [o for o in report.outcomes if not o.right]
    if misses:
        lines.append(f"\n{len(misses)} misses:")
    for o in misses:
        got = (
            "; ".join(f"{a.kind.value} {a.cell or a.subject or ''}".strip() for a in o.answer.asks)
            or o.answer.kind.value
        )
        lines.append(f"  [{o.case.id}] {o.turn.question!r}: {o.why} (got {got}, {o.answer.lang})")
    return lines
