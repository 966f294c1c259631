"""Terminal rendering of answers: title, wrapped text, source; bold only on a colour terminal."""

from __future__ import annotations

from briefbot.engine.core import Engine
from briefbot.terminal import explain, render
from testkit import LONG_AFTER


def test_plain_render_has_title_text_and_source(engine: Engine) -> None:
    """Piped output carries no escape codes and no Markdown stars."""
    answer = engine.answer("who spoke at the opening", now=LONG_AFTER)
    out = render(answer, color=False)
    assert out.splitlines()[0] == "Opening remarks"
    assert "**" not in out and "\033[" not in out
    assert answer.source is not None
    assert out.splitlines()[-1] == answer.source.url


def test_wrapping_keeps_links_whole(engine: Engine) -> None:
    """Lines are wrapped to the width, but the source link is never split."""
    answer = engine.answer("who is saceur", now=LONG_AFTER)
    out = render(answer, color=False, width=40)
    assert answer.source is not None
    url = answer.source.url
    assert url in out.splitlines()
    assert all(len(line) <= 40 for line in out.splitlines() if line != url)
    assert "**" not in render(answer, color=False, width=12)


def test_colour_render_makes_bold(engine: Engine) -> None:
    """On a colour terminal the Markdown bold becomes the terminal's bold."""
    answer = engine.answer("who is rutte", now=LONG_AFTER)
    assert "\033[1mMark Rutte\033[0m" in render(answer, color=True)


def test_explain_names_the_closest_answers_of_a_vague_question(engine: Engine) -> None:
    """A curator sees which answers the words came closest to, best first, with scores."""
    answer = engine.answer("tell me something about speeches", now=LONG_AFTER)
    shown = explain(answer).splitlines()[-1]
    assert shown.startswith("closest answers: ")
    scores = [
        float(part.rsplit(" ", 1)[1])
        for part in shown.removeprefix("closest answers: ").split(", ")
    ]
    assert len(scores) == 3 and scores == sorted(scores, reverse=True)
    assert shown.split(": ")[1].split(" ")[0] == answer.candidates[0].topic
