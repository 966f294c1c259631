"""Feedback, per-server settings and statistics, read back from a real SQLite file and a real
PostgreSQL database: every test runs on both."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any
from uuid import uuid4

import pytest

from briefbot.errors import StorageError
from briefbot.storage import UNSET, Count, GuildSettings, Store, TopicFeedback
from storage_entries import NOW, entry
from stores import Backing


@pytest.fixture
async def store(backing: Backing) -> Any:
    async with await backing.open() as opened:
        yield opened


# --- feedback ---------------------------------------------------------------


async def test_a_second_click_replaces_the_users_vote(store: Store) -> None:
    """One vote per user per answer: 👍 then 👎 leaves a single 👎."""
    item = entry()
    store.log(item)
    assert await store.record_feedback(item.qid, 5, 1)
    assert await store.record_feedback(item.qid, 5, -1)
    (topic,) = (await store.stats()).feedback
    assert topic == TopicFeedback("opening_speakers", up=0, down=1)


async def test_votes_of_different_users_all_count(store: Store) -> None:
    """Three users voting on one answer make three votes."""
    item = entry()
    store.log(item)
    for user, vote in ((1, 1), (2, 1), (3, -1)):
        await store.record_feedback(item.qid, user, vote)
    (topic,) = (await store.stats()).feedback
    assert (topic.up, topic.down) == (2, 1)
    assert topic.ratio == pytest.approx(2 / 3)


async def test_feedback_right_after_the_answer_is_not_lost(store: Store) -> None:
    """A click arriving before the question's batch is written still finds its question."""
    item = entry()
    store.log(item)  # no flush: still queued
    assert await store.record_feedback(item.qid, 9, 1)


async def test_feedback_on_an_unknown_question_is_ignored(store: Store) -> None:
    """A vote naming no logged question stores nothing and says so."""
    assert not await store.record_feedback(uuid4().hex, 9, 1)
    assert (await store.stats()).feedback == ()


@pytest.mark.parametrize("vote", [0, 2, -2])
async def test_a_vote_is_plus_or_minus_one(store: Store, vote: int) -> None:
    """Anything but +1/-1 is a programming error."""
    with pytest.raises(ValueError, match="vote"):
        await store.record_feedback(uuid4().hex, 9, vote)


# --- server settings ----------------------------------------------------------


async def test_an_unknown_server_has_the_defaults(store: Store) -> None:
    """No preference, no channels, enabled."""
    assert await store.guild_settings(77) == GuildSettings(77, None, frozenset(), True)


async def test_updating_one_setting_keeps_the_others(store: Store) -> None:
    """Each setting changes alone; UNSET (the default) leaves a setting as it was."""
    await store.update_guild_settings(5, default_lang="fr", answer_channels=frozenset({1, 2}))
    updated = await store.update_guild_settings(5, enabled=False)
    assert updated == GuildSettings(5, "fr", frozenset({1, 2}), False)
    assert await store.guild_settings(5) == updated
    updated = await store.update_guild_settings(5, answer_channels=frozenset({3}), enabled=UNSET)
    assert updated == GuildSettings(5, "fr", frozenset({3}), False)


async def test_default_lang_none_clears_the_preference(store: Store) -> None:
    """None means "no preference", not "unchanged"."""
    await store.update_guild_settings(5, default_lang="en")
    assert (await store.update_guild_settings(5, default_lang=None)).default_lang is None


async def test_servers_settings_are_kept_apart_and_survive_a_restart(backing: Backing) -> None:
    """Each server keeps its own settings, across restarts."""
    async with await backing.open() as first:
        await first.update_guild_settings(1, default_lang="fr", answer_channels=frozenset({10}))
        await first.update_guild_settings(2, enabled=False)
    async with await backing.open() as again:
        assert await again.guild_settings(1) == GuildSettings(1, "fr", frozenset({10}), True)
        assert await again.guild_settings(2) == GuildSettings(2, None, frozenset(), False)


async def test_an_unknown_language_is_refused(store: Store) -> None:
    """Only fr, en or None."""
    with pytest.raises(ValueError, match="default_lang"):
        await store.update_guild_settings(5, default_lang="de")


async def test_a_closed_store_says_so(backing: Backing) -> None:
    """Reading after close raises a StorageError, not an obscure driver error."""
    closed = await backing.open()
    await closed.close()
    with pytest.raises(StorageError, match="closed"):
        await closed.guild_settings(1)


# --- statistics ---------------------------------------------------------------


async def test_stats_count_totals_splits_topics_and_latency(store: Store) -> None:
    """Totals, answer rate, per-language, per-front-end and per-topic figures add up."""
    store.log(entry(lang="fr", frontend="slash", topic="agenda", latency_ms=1.0))
    store.log(entry(lang="fr", frontend="chat", topic="agenda", latency_ms=2.0))
    store.log(entry(lang="en", frontend="chat", topic="venue", latency_ms=3.0))
    store.log(entry(lang="en", frontend="console", topic=None, kind="decline", latency_ms=6.0))
    await store.flush()
    stats = await store.stats()
    assert (stats.total, stats.answered) == (4, 3)
    assert stats.answer_rate == pytest.approx(0.75)
    assert stats.mean_latency_ms == pytest.approx(3.0)
    assert stats.by_lang == (Count("en", 2, 1), Count("fr", 2, 2))
    assert stats.by_frontend == (Count("chat", 2, 2), Count("console", 1, 0), Count("slash", 1, 1))
    assert stats.by_kind == (Count("answer", 3, 3), Count("decline", 1, 0))
    assert stats.top_topics == (Count("agenda", 2, 2), Count("venue", 1, 1))


async def test_stats_compare_answer_rates_across_knowledge_base_versions(store: Store) -> None:
    """One line per version, in the order the versions were first used, with its answer
    rate; questions logged before versions were recorded come first, under ""."""
    store.log(entry(asked_at=NOW - timedelta(days=3)))
    for day, version, kind in [
        (2, "bbbbbbbbbbbb", "answer"),
        (2, "bbbbbbbbbbbb", "decline"),
        (1, "aaaaaaaaaaaa", "answer"),
        (0, "bbbbbbbbbbbb", "clarify"),
    ]:
        store.log(entry(asked_at=NOW - timedelta(days=day), kb_version=version, kind=kind))
    await store.flush()
    stats = await store.stats()
    assert stats.by_kb_version == (
        Count("", 1, 1),
        Count("bbbbbbbbbbbb", 3, 1),
        Count("aaaaaaaaaaaa", 1, 1),
    )
    assert (await store.stats(since=NOW - timedelta(hours=1))).by_kb_version == (
        Count("bbbbbbbbbbbb", 1, 0),
    )
    assert stats.to_dict()["by_kb_version"][1] == {
        "key": "bbbbbbbbbbbb", "total": 3, "answered": 1, "answer_rate": 0.3333,
    }  # fmt: skip


async def test_stats_since_leaves_out_older_questions(store: Store) -> None:
    """--since 7d counts the last week only."""
    store.log(entry(asked_at=NOW - timedelta(days=8)))
    store.log(entry(asked_at=NOW - timedelta(days=1)))
    await store.flush()
    assert (await store.stats(since=NOW - timedelta(days=7))).total == 1
    assert (await store.stats()).total == 2


async def test_stats_of_an_empty_log_are_zero_and_serialisable(store: Store) -> None:
    """No questions: zeros, empty tables, no division by zero, valid JSON."""
    stats = await store.stats()
    assert (stats.total, stats.answer_rate, stats.mean_latency_ms) == (0, 0.0, None)
    assert json.loads(json.dumps(stats.to_dict()))["total"] == 0


async def test_stats_group_similar_unanswered_questions(store: Store) -> None:
    """Typos and case variants of one unanswered question form one group with its count."""
    for text in ("When is the next summit?", "when is teh next summit", "when is the next summit"):
        store.log(entry(kind="decline", topic=None, question=text))
    store.log(entry(kind="decline", topic=None, question="how much does nato spend"))
    store.log(entry(question="answered, so not listed"))
    await store.flush()
    first, second = (await store.stats()).unanswered
    assert (first.count, len(first.variants)) == (3, 3)
    assert second.question == "how much does nato spend"


async def test_one_servers_stats_never_show_another_servers_data(store: Store) -> None:
    """With guild_id, every figure, topic, text and vote comes from that server alone."""
    mine = entry(guild_id=1, topic="agenda", frontend="slash", lang="fr")
    store.log(mine)
    store.log(entry(guild_id=1, kind="decline", topic=None, question="question on server one"))
    theirs = entry(guild_id=2, topic="secret_topic", frontend="context_menu", user_id=555)
    store.log(theirs)
    store.log(entry(guild_id=2, kind="decline", topic=None, question="private to server two"))
    store.log(entry(guild_id=None, frontend="console", topic="console_topic"))
    await store.record_feedback(mine.qid, 1, 1)
    await store.record_feedback(theirs.qid, 2, -1)

    stats = await store.stats(guild_id=1)
    dumped = json.dumps(stats.to_dict())
    for foreign in ("secret_topic", "context_menu", "private to server two", "console"):
        assert foreign not in dumped
    assert (stats.total, stats.distinct_users) == (2, 1)
    assert stats.feedback == (TopicFeedback("agenda", 1, 0),)
    assert [g.question for g in stats.unanswered] == ["question on server one"]
    assert [g.question for g in await store.unanswered(guild_id=1)] == ["question on server one"]
    assert (await store.stats()).total == 5


async def test_unanswered_lists_failures_and_downvoted_answers_only(store: Store) -> None:
    """Unanswered and 👎 questions are listed; answers voted 👍 or not at all are not."""
    store.log(entry(kind="decline", topic=None, question="what is the weather"))
    store.log(entry(kind="clarify", topic=None, question="tell me about the summit"))
    downvoted = entry(question="who chaired the meeting")
    upvoted = entry(question="where was the meeting held")
    store.log(downvoted)
    store.log(upvoted)
    store.log(entry(question="when did the meeting start"))
    await store.record_feedback(downvoted.qid, 1, -1)
    await store.record_feedback(upvoted.qid, 1, 1)
    groups = {g.question: g for g in await store.unanswered()}
    assert set(groups) == {
        "what is the weather",
        "tell me about the summit",
        "who chaired the meeting",
    }
    assert groups["who chaired the meeting"].downvoted == 1
    assert groups["what is the weather"].downvoted == 0


async def test_unanswered_since_and_expired_texts(store: Store) -> None:
    """--since filters by time; questions whose text expired cannot be listed."""
    store.log(entry(kind="decline", topic=None, asked_at=NOW - timedelta(days=100), question="a"))
    store.log(entry(kind="decline", topic=None, asked_at=NOW - timedelta(days=2), question="b c"))
    await store.flush()
    assert [g.question for g in await store.unanswered(since=NOW - timedelta(days=7))] == ["b c"]
    await store.purge_expired(NOW)
    assert [g.question for g in await store.unanswered()] == ["b c"]


async def test_stats_list_the_busiest_servers(store: Store) -> None:
    """Every server's questions are counted under its id, busiest first; the console has none."""
    for guild, asked in ((10, 3), (20, 1), (30, 2)):
        for _ in range(asked):
            store.log(entry(guild_id=guild))
    store.log(entry(guild_id=None, frontend="console"))
    await store.flush()
    stats = await store.stats(top=2)
    assert stats.by_guild == (Count("10", 3, 3), Count("30", 2, 2))
    assert stats.to_dict()["by_guild"][0] == {
        "key": "10",
        "total": 3,
        "answered": 3,
        "answer_rate": 1.0,
    }


async def test_stats_count_the_servers_configured(store: Store) -> None:
    """Servers whose settings were changed are counted, everywhere or on one server."""
    await store.update_guild_settings(1, default_lang="fr")
    await store.update_guild_settings(2, enabled=False)
    await store.update_guild_settings(2, enabled=True)
    assert (await store.stats()).configured_servers == 2
    assert (await store.stats(guild_id=2)).configured_servers == 1
    assert (await store.stats(guild_id=3)).configured_servers == 0
