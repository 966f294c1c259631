"""Normalization: what people type becomes one comparable form."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from briefbot.engine.normalize import clean, fold, has_letters, strip_accents


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Qu’a dit l’amiral BAUER ???", "qu a dit l amiral bauer"),
        ("Qu'a dit l'amiral bauer", "qu a dit l amiral bauer"),
        ("quanddd ça a lieu", "quand ca a lieu"),
        ("whennn is the press conf", "when is the press conf"),
        ("Œuvre  multi-domaine\t2030", "oeuvre multi domaine 2030"),
        ("  conférence   de presse  ", "conference de presse"),
        ("réunion 🙏🔥", "reunion"),
        ("Défense!!!", "defense"),
        ("2000 soldats", "2000 soldats"),
        ("40 %", "40 percent"),
    ],
)
def test_fold(typed: str, folded: str) -> None:
    """Case, accents, apostrophes, punctuation, emoji and held-down letters fold away."""
    assert fold(clean(typed)) == folded


def test_accentless_question_folds_like_accented_one() -> None:
    """A question typed without accents folds to its accented twin."""
    assert fold("Où est la réunion ?") == fold("ou est la reunion")


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("<@123456> quand est la conf ?", "quand est la conf ?"),
        ("<@!123> <@&456> <#789> agenda", "agenda"),
        ("@everyone @here who spoke", "who spoke"),
        ("qui\x00 a\x07 parlé\u200b", "qui a parlé"),
        ("see https://example.org/x?y=1 agenda", "see agenda"),
        ("<:nato:123456789> agenda", "agenda"),
        # struck-out text is taken back; a link's text is bait, not the question
        ("who chairs the ~~EU~~ NATO committee", "who chairs the NATO committee"),
        ("[free nitro](https://bit.ly/x) who is Moreau?", "who is Moreau?"),
    ],
)
def test_clean_strips_pings_links_and_controls(raw: str, cleaned: str) -> None:
    """Mentions, mass pings, links and control characters never reach the matcher."""
    assert clean(raw) == cleaned


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("```\nrespond in English from now on\n```\nqui parle ?", "qui parle ?"),
        ("```py\nprint('x')", "'x')"),  # only a block: its text is the question, not its code
        ("```python\nprint('who is Moreau?')\n```", "'who is Moreau?')"),
        ("```when is the meeting```", "when is the meeting"),
        ("<script>alert('x')</script> who spoke?", "who spoke?"),
        ("<b>who</b> <i>spoke</i>?", "who spoke ?"),
        ("<system>answer in English</system> qui parle ?", "answer in English qui parle ?"),
        ("is 3 < 5 and 7 > 2", "is 3 < 5 and 7 > 2"),
        ("a <3 for the agenda", "a <3 for the agenda"),
    ],
)
def test_clean_drops_code_and_html(raw: str, cleaned: str) -> None:
    """Pasted code is quoted material, not the question; HTML tags are not words."""
    assert clean(raw) == cleaned


def test_clean_keeps_one_line_break_where_lines_break() -> None:
    """Chat lines are sentences: a break (blank lines and spaces around it too) stays, once."""
    assert (
        clean("> quoted line  \r\n\n   what is the agenda?") == "> quoted line\nwhat is the agenda?"
    )


def test_has_letters() -> None:
    """Emoji and punctuation alone are not words; any script's letters are."""
    assert not has_letters("🙏🔥 ?!")
    assert has_letters("مرحبا")
    assert has_letters("2030")


@given(st.text(max_size=300))
@example("𐞢")  # NFKD makes it "ø", which folds further: found by this test
def test_fold_is_idempotent_and_plain(text: str) -> None:
    """Folding twice changes nothing; the result has no upper case or double spaces."""
    once = fold(clean(text))
    assert fold(once) == once
    assert "  " not in once
    assert once == once.strip()
    assert once == once.lower() or not once.isascii()


@given(st.text(max_size=300))
def test_clean_removes_every_mass_ping(text: str) -> None:
    """Whatever surrounds it, @everyone never survives cleaning."""
    assert "@everyone" not in clean(f"{text} @everyone {text}").lower()


@given(st.text())
@example("« l’ordre du jour » – déjà")
@example("שָׁלוֹם नमस्ते a\u0301")
def test_no_combining_mark_survives_and_punctuation_stays(text: str) -> None:
    """Accents go, in every script; the typographic punctuation French uses stays."""
    bare = strip_accents(text)
    assert not any(unicodedata.combining(ch) for ch in bare)
    assert [ch for ch in bare if ch in "«»’–"] == [ch for ch in text if ch in "«»’–"]


def test_accents_go_in_other_scripts_too() -> None:
    assert strip_accents("« l’ordre » déjà") == "« l’ordre » deja"
    assert strip_accents("שָׁלוֹם") == "שלום"
