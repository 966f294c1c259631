"""briefbot answering in chat, against the Discord stand-in: mentions, DMs, answer
channels, cooldown, mentions that must not ping, rate limits and gateway hiccups."""

from __future__ import annotations

from pathlib import Path

from briefbot_harness import PRESS_STAMP, embed_text, replies_to, running_bot
from standin import FakeDiscord

from briefbot.bot.cooldown import Cooldown

MESSAGES_ROUTE = "/channels/{channel_id}/messages"


async def test_mention_in_english_gets_an_english_reply(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """A mention is answered as a reply, with the press conference's facts and time."""
    async with running_bot(standin, tmp_path):
        question = await standin.dispatch_message("when is the press conference?", mention_bot=True)
        reply = await standin.wait_for_message(standin.channel_id)
    assert reply["message_reference"]["message_id"] == question["id"]
    (embed,) = reply["embeds"]
    assert embed["title"] == "Press conference"
    assert PRESS_STAMP in embed["description"]
    assert "Cavoli" in embed["description"] and "Vandier" in embed["description"]
    assert embed["footer"]["text"].startswith("Source: NATO")
    assert embed["url"].startswith("https://www.nato.int/")
    assert standin.violations == []


async def test_mention_in_french_gets_a_french_reply(standin: FakeDiscord, tmp_path: Path) -> None:
    """A French question is answered in French, whatever the server's language."""
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message("qui a pris la parole à l’ouverture ?", mention_bot=True)
        reply = await standin.wait_for_message(standin.channel_id)
    text = embed_text(reply)
    assert "Mark Rutte" in text and "Rob Bauer" in text
    assert "Source : OTAN" in text
    assert standin.violations == []


async def test_direct_message_is_answered(standin: FakeDiscord, tmp_path: Path) -> None:
    """A DM needs no mention; the answer comes back in the DM."""
    async with running_bot(standin, tmp_path):
        question = await standin.dispatch_message("what is on the agenda?", dm=True)
        reply = await standin.wait_for_message(int(question["channel_id"]))
    assert reply["embeds"][0]["title"] == "Agenda"
    assert "standardization" in reply["embeds"][0]["description"]


async def test_other_bots_are_ignored(standin: FakeDiscord, tmp_path: Path) -> None:
    """A bot's mention gets no reply: the next reply answers the human who asked after it."""
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message("agenda?", mention_bot=True, author=standin.other_bot)
        human = await standin.dispatch_message("agenda?", mention_bot=True)
        reply = await standin.wait_for_message(standin.channel_id)
    assert reply["message_reference"]["message_id"] == human["id"]
    assert len(standin.channel_messages) == 1


async def test_messages_without_mention_are_ignored_by_default(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """Without answer channels (and the content intent), only mentions are answered."""
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message("when is the press conference?")
        asked = await standin.dispatch_message("when is the press conference?", mention_bot=True)
        reply = await standin.wait_for_message(standin.channel_id)
    assert reply["message_reference"]["message_id"] == asked["id"]


async def test_everyone_and_role_mentions_never_ping(standin: FakeDiscord, tmp_path: Path) -> None:
    """A question full of mass mentions gets a reply that allows no mention at all."""
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message(
            f"@everyone @here <@&{standin.guild_id}> <@{standin.user.id}> who spoke?",
            mention_bot=True,
        )
        reply = await standin.wait_for_message(standin.channel_id)
    (send,) = standin.calls_to("POST", MESSAGES_ROUTE)
    mentions = send.json["allowed_mentions"]
    assert mentions["parse"] == [] and not mentions.get("replied_user")
    assert not mentions.get("users") and not mentions.get("roles")
    assert "@everyone" not in embed_text(reply) and "@here" not in embed_text(reply)
    assert reply["mentions"] == [] and reply["mention_everyone"] is False


async def test_reply_shows_typing_first(standin: FakeDiscord, tmp_path: Path) -> None:
    """The bot types in the channel before its reply lands."""
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message("agenda?", mention_bot=True)
        await standin.wait_for_message(standin.channel_id)
    paths = [c.route for c in standin.calls if c.method == "POST"]
    assert paths.index("/channels/{channel_id}/typing") < paths.index(MESSAGES_ROUTE)


async def test_cooldown_notice_once_per_window(standin: FakeDiscord, tmp_path: Path) -> None:
    """Inside a cooldown window, the first extra question gets one notice, later ones nothing."""
    now = [0.0]
    ticks: list[float] = []

    def clock() -> float:
        ticks.append(now[0])
        return now[0]

    async with running_bot(standin, tmp_path, cooldown_seconds=30.0) as bot:
        bot.cooldown = Cooldown(30.0, clock=clock)
        first = await standin.dispatch_message("agenda?", mention_bot=True)
        assert replies_to(first)(await standin.wait_for_message(standin.channel_id))
        second = await standin.dispatch_message("who spoke?", mention_bot=True)
        notice = await standin.wait_for_message(standin.channel_id)
        await standin.dispatch_message("and the press conference?", mention_bot=True)
        await standin.wait_until(lambda: len(ticks) == 3, what="the third question checked")
        now[0] = 31.0
        fourth = await standin.dispatch_message("qui a parlé ?", mention_bot=True)
        after = await standin.wait_for_message(standin.channel_id)
    assert replies_to(second)(notice) and "30 s" in notice["content"]
    assert replies_to(fourth)(after), "the third question, inside the window, got a reply"
    assert len(standin.channel_messages) == 3


async def test_rate_limited_send_arrives_exactly_once(standin: FakeDiscord, tmp_path: Path) -> None:
    """A 429 on the reply is waited out and retried: one message, two attempts."""
    standin.fail_next("POST", MESSAGES_ROUTE, status=429, retry_after=0.05)
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message("agenda?", mention_bot=True)
        await standin.wait_for_message(standin.channel_id)
        probe = await standin.dispatch_message("who spoke?", mention_bot=True)
        last = await standin.wait_for_message(standin.channel_id)
    assert replies_to(probe)(last)
    statuses = [c.status for c in standin.calls_to("POST", MESSAGES_ROUTE)]
    assert statuses == [429, 200, 200]
    assert len(standin.channel_messages) == 2


async def test_keeps_answering_after_reconnect_and_invalid_session(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """After RECONNECT (resumed) and INVALID_SESSION (identified anew) mentions get replies."""
    async with running_bot(standin, tmp_path):
        await standin.send_reconnect()
        await standin.dispatch_message("agenda?", mention_bot=True)
        after_resume = await standin.wait_for_message(standin.channel_id)
        await standin.send_invalid_session(resumable=False)
        await standin.dispatch_message("who spoke?", mention_bot=True)
        after_identify = await standin.wait_for_message(standin.channel_id)
    assert after_resume["embeds"][0]["title"] == "Agenda"
    assert "Rutte" in embed_text(after_identify)
    assert standin.gateway.resume_count == 1 and standin.gateway.identify_count == 2


async def test_no_reply_where_the_bot_may_not_write(standin: FakeDiscord, tmp_path: Path) -> None:
    """A mention in a read-only channel is skipped without a refused request."""
    async with running_bot(standin, tmp_path):
        await standin.dispatch_message(
            "agenda?", mention_bot=True, channel_id=standin.readonly_channel_id
        )
        probe = await standin.dispatch_message("agenda?", mention_bot=True)
        reply = await standin.wait_for_message()
    assert replies_to(probe)(reply)
    assert all(c.status < 400 for c in standin.calls)
