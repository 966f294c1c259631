"""briefbot's buttons against the Discord stand-in: "did you mean" suggestions and
👍/👎 feedback, stored in a real SQLite file and working across a restart."""

from __future__ import annotations

import re
from pathlib import Path

from briefbot_harness import CLARIFYING, custom_ids, embed_text, engine, running_bot
from standin import FakeDiscord

from briefbot.engine.types import Kind
from briefbot.service import AnswerService, Origin
from briefbot.storage import Store

FEEDBACK = re.compile(r"briefbot:fb:(up|down):([0-9a-f]{32})")


def clarifying_question() -> str:
    """A question the engine answers with "did you mean" (the knowledge base evolves)."""
    service = AnswerService(engine())
    for question in CLARIFYING:
        if service.ask(question, Origin("test")).answer.kind is Kind.CLARIFY:
            return question
    raise AssertionError(f"none of {CLARIFYING} asks 'did you mean' any more")


async def test_answer_carries_feedback_buttons_and_votes_are_stored(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """👍 then 👎 from the same user: one vote, changed, in the SQLite file."""
    async with running_bot(standin, tmp_path) as bot:
        await standin.dispatch_message("who spoke at the opening?", mention_bot=True)
        answer = await standin.wait_for_message(standin.channel_id)
        up, down = custom_ids(answer)
        assert FEEDBACK.fullmatch(up) and FEEDBACK.fullmatch(down)
        assert up.endswith(down[-32:])
        first = await standin.dispatch_component(up, locale="en-US")
        assert (await first.response())["type"] == 5
        thanks = await first.followup()
        stats = await bot.store.stats(guild_id=standin.guild_id)
        assert [(f.topic, f.up, f.down) for f in stats.feedback] == [("opening.speakers", 1, 0)]
        second = await standin.dispatch_component(down, locale="fr")
        merci = await second.followup()
        stats = await bot.store.stats(guild_id=standin.guild_id)
    assert [(f.topic, f.up, f.down) for f in stats.feedback] == [("opening.speakers", 0, 1)]
    assert "👍" in thanks["content"] and thanks["flags"] & 64
    assert merci["content"].startswith("Merci") and merci["flags"] & 64
    assert standin.violations == []


async def test_did_you_mean_button_answers_the_topic(standin: FakeDiscord, tmp_path: Path) -> None:
    """A clarifying reply offers answers as buttons; a click answers that one in the
    reply's language (not the clicking user's), logged as a button."""
    question = clarifying_question()
    async with running_bot(standin, tmp_path) as bot:
        await standin.dispatch_message(question, mention_bot=True)
        clarify = await standin.wait_for_message(standin.channel_id)
        topics = [c for c in custom_ids(clarify) if c.startswith("briefbot:topic:")]
        assert len(topics) >= 2, custom_ids(clarify)
        click = await standin.dispatch_component(topics[0], locale="de")
        body = await click.response()
        await bot.store.flush()
        stats = await bot.store.stats(guild_id=standin.guild_id)
    _, _, lang, chosen = topics[0].split(":")
    assert body["type"] == 4 and not body["data"].get("flags", 0) & 64
    cell = engine().cell(chosen)
    assert cell is not None and body["data"]["embeds"][0]["title"] == cell.title[lang]
    assert any(FEEDBACK.fullmatch(c) for c in custom_ids(body["data"]))
    assert {c.key for c in stats.by_frontend} == {"mention", "button"}
    assert chosen in {c.key for c in stats.top_topics}


async def test_buttons_work_after_a_restart(standin: FakeDiscord, tmp_path: Path) -> None:
    """Buttons sent by one run of the bot are handled by the next (same database)."""
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message("quel est l’ordre du jour ?", mention_bot=True)
        answer = await standin.wait_for_message(standin.channel_id)
    up = custom_ids(answer)[0]
    async with running_bot(standin, tmp_path, sync=False):
        click = await standin.dispatch_component(up, message=answer)
        thanks = await click.followup()
    assert "👍" in thanks["content"]
    async with await Store.open(tmp_path / "briefbot.sqlite3") as store:
        stats = await store.stats()
    assert [(f.topic, f.up) for f in stats.feedback] == [("agenda.list", 1)]


async def test_vote_on_an_unknown_answer_is_refused_politely(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """A vote whose question is not in this database stores nothing and says so."""
    async with running_bot(standin, tmp_path / "first"):
        await standin.dispatch_message("agenda?", mention_bot=True)
        answer = await standin.wait_for_message(standin.channel_id)
    async with running_bot(standin, tmp_path / "second", sync=False) as bot:
        click = await standin.dispatch_component(custom_ids(answer)[1], locale="en-GB")
        reply = await click.followup()
        stats = await bot.store.stats()
    assert "too old" in reply["content"] and stats.feedback == ()
    assert "Agenda" in embed_text(answer)
