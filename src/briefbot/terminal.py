"""Answers as terminal text: the console and ``briefbot ask`` print through here."""

from __future__ import annotations

import re

from briefbot.engine.types import Answer, Kind
from briefbot.messages import message

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def render(answer: Answer, *, color: bool) -> str:
    """The answer with its title and source; ``**bold**`` shown bold on a colour terminal."""
    body = _BOLD.sub("\033[1m\\1\033[0m" if color else r"\1", answer.text)
    lines = []
    if answer.title:
        lines.append(f"\033[1m{answer.title}\033[0m" if color else answer.title)
    lines.append(body)
    if answer.kind is Kind.ANSWER and answer.source is not None:
        src = message("source", answer.lang, title=answer.source.title)
        lines.append(
            f"\033[2m{src}\n{answer.source.url}\033[0m" if color else f"{src}\n{answer.source.url}"
        )
    return "\n".join(lines)
