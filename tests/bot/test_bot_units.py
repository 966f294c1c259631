"""The Discord front end's pure parts, without Discord: language choice, cooldown,
and rendering answers and panels within every Discord limit."""

from __future__ import annotations

from datetime import UTC, datetime

import discord
import pytest
from briefbot_harness import engine
from hypothesis import given, settings
from hypothesis import strategies as st

from briefbot.bot.cooldown import Cooldown, Verdict
from briefbot.bot.language import lang_of, resolve
from briefbot.bot.panels import about_embed, help_embed, settings_embed, stats_embed
from briefbot.bot.render import (
    CONTENT_LIMIT,
    EMBED_DESCRIPTION_LIMIT,
    EMBED_FIELD_VALUE_LIMIT,
    EMBED_FOOTER_LIMIT,
    EMBED_TITLE_LIMIT,
    EMBED_TOTAL_LIMIT,
    answer_parts,
    clip,
    split,
)
from briefbot.bot.views import answer_buttons
from briefbot.engine.types import Answer, Kind, Source, Suggestion, TimeStyle
from briefbot.service import Asked
from briefbot.storage import Count, GuildSettings, Stats, TopicFeedback, UnansweredGroup


def within_limits(embeds: tuple[discord.Embed, ...] | list[discord.Embed]) -> None:
    assert len(embeds) <= 10
    assert sum(len(e) for e in embeds) <= EMBED_TOTAL_LIMIT
    for embed in embeds:
        assert len(embed.title or "") <= EMBED_TITLE_LIMIT
        assert len(embed.description or "") <= EMBED_DESCRIPTION_LIMIT
        assert len(embed.footer.text or "") <= EMBED_FOOTER_LIMIT
        for field in embed.fields:
            assert 0 < len(field.value or "") <= EMBED_FIELD_VALUE_LIMIT
            assert 0 < len(field.name or "") <= 256


# --- language ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "lang"),
    [("fr", "fr"), ("en-US", "en"), ("en-GB", "en"), ("EN-gb", "en"), ("de", None),
     ("es-419", None), ("", None), (None, None)],
)  # fmt: skip
def test_locale_to_language(locale: str | None, lang: str | None) -> None:
    """Discord locales map to French or English by their language part only."""
    assert lang_of(locale) == lang


def test_first_spoken_preference_wins() -> None:
    """User locale, then server setting, then server locale; English when none speaks."""
    assert resolve("en-US", "fr", "fr") == "en"
    assert resolve("de", "fr", "en-US") == "fr"
    assert resolve("de", None, "fr") == "fr"
    assert resolve("de", None, "ja") == "en"
    assert resolve(None, default="fr") == "fr"


# --- cooldown ------------------------------------------------------------------


def test_cooldown_allows_one_question_per_window_and_one_notice() -> None:
    """Inside a window: one NOTICE, then SILENT; a new window allows again."""
    now = [0.0]
    cooldown = Cooldown(10.0, clock=lambda: now[0])
    assert cooldown.check(1).verdict is Verdict.ALLOW
    assert cooldown.check(2).verdict is Verdict.ALLOW  # users are independent
    now[0] = 4.0
    notice = cooldown.check(1)
    assert notice.verdict is Verdict.NOTICE and notice.retry_after == pytest.approx(6.0)
    assert cooldown.check(1).verdict is Verdict.SILENT
    assert not cooldown.ready(1)
    now[0] = 10.0
    assert cooldown.ready(1) and cooldown.check(1).verdict is Verdict.ALLOW
    now[0] = 11.0
    assert cooldown.check(1).verdict is Verdict.NOTICE  # a new window, a new notice


def test_zero_cooldown_never_blocks() -> None:
    """BRIEFBOT_COOLDOWN=0 turns the cooldown off."""
    cooldown = Cooldown(0.0)
    assert all(cooldown.check(1).verdict is Verdict.ALLOW for _ in range(5))


def test_cooldown_forgets_users_whose_window_passed() -> None:
    """Many one-off askers do not pile up in memory."""
    now = [0.0]
    cooldown = Cooldown(1.0, clock=lambda: now[0])
    for user in range(5000):
        now[0] = user * 0.01
        cooldown.check(user)
    assert len(cooldown) < 2100


# --- rendering -----------------------------------------------------------------

SOURCE = Source("NATO, 15 January 2025: “Allied Chiefs of Defence meet”", "https://www.nato.int/x")


@given(
    text=st.text(min_size=1, max_size=9000),
    title=st.text(max_size=400),
    source_title=st.text(max_size=3000),
)
@settings(max_examples=60, deadline=None)
def test_any_answer_fits_discord(text: str, title: str, source_title: str) -> None:
    """Whatever the lengths, embeds and content stay within Discord's limits."""
    answer = Answer(Kind.ANSWER, "en", text, topic="t", title=title,
                    source=Source(source_title, "https://www.nato.int/x"))  # fmt: skip
    for part in answer_parts(answer):
        within_limits(part.embeds)
        assert len(part.content) <= CONTENT_LIMIT
    for part in answer_parts(answer, embeds=False):
        assert 0 < len(part.content) <= CONTENT_LIMIT
        assert not part.embeds


def test_long_answer_continues_in_a_second_embed() -> None:
    """A 5,000-character answer is split between embeds, cut between lines."""
    text = "\n".join(f"line {n:04d} " + "x" * 40 for n in range(100))
    (part,) = answer_parts(Answer(Kind.ANSWER, "en", text, title="Agenda", source=SOURCE))
    first, second = part.embeds
    assert first.title == "Agenda" and first.url == SOURCE.url and second.title is None
    assert second.footer.text is not None and second.footer.text.startswith("Source: NATO")
    assert first.description is not None and first.description.endswith("x")
    assert (first.description + "\n" + (second.description or "")) == text


def test_too_long_is_trimmed_with_an_ellipsis() -> None:
    """Past the 6,000 total the text ends with "…" at a word boundary."""
    text = "word " * 3000
    (part,) = answer_parts(Answer(Kind.ANSWER, "fr", text, title="Titre", source=SOURCE))
    within_limits(part.embeds)
    assert (part.embeds[-1].description or "").endswith("word…")


def test_invalid_input_is_a_short_text() -> None:
    """Refused input is answered in plain content, without embed."""
    (part,) = answer_parts(Answer(Kind.INVALID, "en", "Ask me a question."))
    assert part.content == "Ask me a question." and part.embeds == ()


def test_real_answers_render_with_discord_timestamps() -> None:
    """The press conference answer carries Discord timestamps and the French source."""
    now = datetime(2025, 1, 16, tzinfo=UTC)
    answer = engine().answer_topic(
        "press_conference", lang="fr", now=now, time_style=TimeStyle.DISCORD
    )
    (part,) = answer_parts(answer)
    (embed,) = part.embeds
    assert "<t:1737045000:F>" in (embed.description or "")
    assert (embed.footer.text or "").startswith("Source : OTAN")


@pytest.mark.parametrize(("text", "limit"), [("a" * 10, 5), ("ab cd ef gh", 6), ("", 3)])
def test_split_and_clip_respect_limits(text: str, limit: int) -> None:
    """Pieces never exceed the limit; clipping marks the cut."""
    assert all(0 < len(piece) <= limit for piece in split(text, limit))
    assert len(clip(text, limit)) <= limit
    assert clip("short", 10) == "short" and clip("a long sentence", 8) == "a long…"


# --- buttons -------------------------------------------------------------------


def test_buttons_for_each_kind_of_answer() -> None:
    """Suggestions become topic buttons; logged answers get 👍/👎; ids stay parseable."""
    suggestions = (Suggestion("rutte.role", "Qui est Mark Rutte ?"), Suggestion("bad id!", "x"))
    clarify = Asked(Answer(Kind.CLARIFY, "fr", "?", suggestions=suggestions), "a" * 32, True)
    answered = Asked(Answer(Kind.ANSWER, "en", "x", topic="agenda"), "b" * 32, True)
    unlogged = Asked(Answer(Kind.ANSWER, "en", "x", topic="agenda"), "c" * 32, False)
    ids = [[getattr(i, "custom_id", None) for i in answer_buttons(a)] for a in (clarify, answered)]
    assert ids == [
        ["briefbot:topic:fr:rutte.role"],
        [f"briefbot:fb:up:{'b' * 32}", f"briefbot:fb:down:{'b' * 32}"],
    ]
    assert answer_buttons(unlogged) == []


# --- panels --------------------------------------------------------------------


def test_stats_panel_fits_even_with_huge_questions() -> None:
    """Long unanswered questions are clipped and cannot ping or format."""
    group = UnansweredGroup("@everyone **" + "q" * 3000, "en", 7, ("x",))
    stats = Stats(
        since=datetime(2025, 1, 1, tzinfo=UTC), guild_id=1, total=10, answered=7,
        distinct_users=3, mean_latency_ms=1.0, by_lang=(Count("fr", 6, 5), Count("en", 4, 2)),
        by_frontend=(), by_kind=(), top_topics=(Count("agenda", 5, 5),) * 40,
        unanswered=(group,) * 40, feedback=(TopicFeedback("agenda", 2, 1),),
    )  # fmt: skip
    embed = stats_embed("fr", "x" * 300, stats, {"agenda": "Ordre du jour"})
    within_limits([embed])
    text = str(embed.to_dict())
    assert "Ordre du jour: 5" in text and "Français: 6" in text and "@\\u200beveryone" in text


def test_settings_help_and_about_panels() -> None:
    """Each panel fits and speaks the requested language."""
    settings = GuildSettings(1, None, frozenset({5, 6}), False)
    fr = settings_embed("fr", "Serveur", settings, guild_lang="fr", message_content=False)
    within_limits([fr])
    values = [f.value for f in fr.fields]
    assert values[0] == "automatique (langue du serveur : Français)"
    assert "<#5>" in (values[1] or "") and "Message Content" in (values[1] or "")
    assert "désactivées" in (values[2] or "")
    kb = engine().kb
    help_en = help_embed("en", engine().help_text("en"), "<@1>", kb.identity)
    about = about_embed("fr", kb.facts.sources, "0.1.0", kb.identity)
    within_limits([help_en, about])
    assert "/ask" in str(help_en.to_dict()) and "https://www.nato.int/" in str(about.to_dict())
    # The knowledge base's topic commands are listed, and its colour is the panels'.
    assert "/agenda — The agenda of the meeting" in str(help_en.to_dict())
    assert help_en.colour == about.colour == discord.Colour(kb.identity.colour)
