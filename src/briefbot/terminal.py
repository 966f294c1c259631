"""Answers as terminal text: the console and ``briefbot ask`` print through here."""

from __future__ import annotations

import re
import textwrap

from briefbot.engine.types import Answer, Kind
from briefbot.messages import message

# DOTALL: wrapping may put a line break inside a bold name.
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def render(answer: Answer, *, color: bool, width: int | None = None) -> str:
    """The answer with its title and source.

    On a colour terminal ``**bold**`` is shown bold; with ``width``, lines are
    wrapped at word boundaries (links are never split).
    """
    lines = [answer.note] if answer.note else []
    if answer.title:
        lines.append(f"\033[1m{answer.title}\033[0m" if color else answer.title)
    lines.extend(answer.text.splitlines())
    if answer.kind is Kind.ANSWER and answer.source is not None:
        lines.append(message("source", answer.lang, title=answer.source.title))
        lines.append(answer.source.url)
    if width:
        lines = [
            wrapped
            for line in lines
            for wrapped in (
                textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""]
            )
        ]
    text = "\n".join(lines)
    return _BOLD.sub("\033[1m\\1\033[0m" if color else r"\1", text)


def explain(answer: Answer) -> str:
    """Why each question got its answer: subject, aspect, cell, score and evidence."""
    if not answer.asks:
        return f"{answer.kind.value}: no question to explain"
    lines = []
    for n, ask in enumerate(answer.asks, 1):
        lines.append(f"{n}. {ask.question!r}: {ask.kind.value}")
        lines.append(f"   subject {ask.subject or '-'}, aspect {ask.aspect or '-'}, "
                     f"answer {ask.cell or '-'}, score {ask.confidence:.2f}")  # fmt: skip
        lines.extend(f"   - {e}" for e in ask.evidence)
    if answer.candidates:  # what the words came closest to, for a curator adding paraphrases
        closest = ", ".join(f"{m.topic} {m.score:.2f}" for m in answer.candidates[:3])
        lines.append(f"closest answers: {closest}")
    return "\n".join(lines)
