"""Messages with several questions, and conversations, against the Discord stand-in."""

from __future__ import annotations

from pathlib import Path

from briefbot_harness import embed_text, running_bot
from standin import FakeDiscord

from briefbot.bot.render import EMBED_FIELD_VALUE_LIMIT, EMBED_TOTAL_LIMIT


async def test_each_question_gets_a_field_in_order(standin: FakeDiscord, tmp_path: Path) -> None:
    """Two questions in one message: one embed, a field each, in the order asked."""
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message(
            "who opened the meeting, and what's on the agenda?", mention_bot=True
        )
        reply = await standin.wait_for_message(standin.channel_id)
    (embed,) = reply["embeds"]
    assert [f["name"] for f in embed["fields"]] == ["Opening remarks", "Agenda"]
    assert "Mark Rutte" in embed["fields"][0]["value"]
    assert "readiness" in embed["fields"][1]["value"]
    assert all(len(f["value"]) <= EMBED_FIELD_VALUE_LIMIT for f in embed["fields"])
    assert len(embed_text(reply)) <= EMBED_TOTAL_LIMIT
    assert embed["footer"]["text"].startswith("Source: NATO")
    assert standin.violations == []


async def test_more_than_three_questions_say_so_on_discord(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """Four questions: three fields, and the embed says only the first three were answered."""
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message(
            "Who is Rutte? Who is Bauer? Who is Cavoli? Who is Vandier?", mention_bot=True
        )
        reply = await standin.wait_for_message(standin.channel_id)
    (embed,) = reply["embeds"]
    assert len(embed["fields"]) == 3
    assert "first 3 questions" in embed_text(reply)
    assert standin.violations == []


async def test_a_follow_up_in_chat_continues_the_question(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """ "And when?" after "who holds the press conference?" gives its time."""
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message("who holds the press conference?", mention_bot=True)
        await standin.wait_for_message(standin.channel_id)
        await standin.dispatch_message("and when?", mention_bot=True)
        reply = await standin.wait_for_message(standin.channel_id)
    assert "<t:1737045000:F>" in embed_text(reply)


async def test_replying_to_an_answer_continues_that_answer(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """A reply to an earlier answer follows it, even after another question."""
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message("who holds the press conference?", mention_bot=True)
        first = await standin.wait_for_message(standin.channel_id)
        await standin.dispatch_message("who is Rutte?", mention_bot=True)
        await standin.wait_for_message(standin.channel_id)
        await standin.dispatch_message("and when?", mention_bot=True, reply_to=first)
        reply = await standin.wait_for_message(standin.channel_id)
    assert reply["embeds"][0]["title"] == "Press conference"
    assert "<t:1737045000:F>" in embed_text(reply)


async def test_slash_ask_shares_the_channel_conversation(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """/ask continues what the same user asked in the same channel."""
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message("who is SACEUR?", mention_bot=True)
        await standin.wait_for_message(standin.channel_id)
        handle = await standin.dispatch_slash("ask", {"question": "and SACT?"}, locale="en-US")
        body = await handle.response()
    assert body["data"]["embeds"][0]["title"] == "Admiral Pierre Vandier"
