"""An answer is never lost to a side call: Discord (or a proxy in front of it) failing
the typing indicator or rate-limiting without its usual headers still lets the
answer through, against the Discord stand-in."""

from __future__ import annotations

from pathlib import Path

from briefbot_harness import embed_text, replies_to, running_bot
from standin import FakeDiscord

from briefbot.bot.http_client import PROXY_RATE_LIMIT_TRIES as PROXY_TRIES

TYPING_ROUTE = "/channels/{channel_id}/typing"
MESSAGES_ROUTE = "/channels/{channel_id}/messages"
CALLBACK_ROUTE = "/interactions/{interaction_id}/{token}/callback"
# Long enough for discord.py's five tries at a 500 (1 + 3 + 5 + 7 + 9 s of pauses),
# so that waiting on typing shows as an apology, not as a timeout.
DISCORD_RETRIES_DONE = 30.0


async def test_typing_failing_with_500s_does_not_hold_the_answer(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """Typing answering 500 five times (which discord.py retries for ~25 s): the answer
    is sent while typing is still being retried, and it is the answer, not an apology."""
    async with running_bot(standin, tmp_path):
        standin.fail_next("POST", TYPING_ROUTE, status=500, times=5)
        question = await standin.dispatch_message("who spoke at the opening?", mention_bot=True)
        reply = await standin.wait_for_message(standin.channel_id, timeout=DISCORD_RETRIES_DONE)
        typing_tries = len(standin.calls_to("POST", TYPING_ROUTE))
    assert replies_to(question)(reply) and "Rutte" in embed_text(reply)
    assert typing_tries < 5, "the answer waited for every retry of the typing indicator"


async def test_typing_refused_once_still_gets_the_answer(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """One 403 on the typing indicator: the answer is sent all the same."""
    async with running_bot(standin, tmp_path):
        forbidden = {"message": "Missing Permissions", "code": 50013}
        standin.fail_next("POST", TYPING_ROUTE, status=403, body=forbidden)
        question = await standin.dispatch_message("agenda?", mention_bot=True)
        reply = await standin.wait_for_message(standin.channel_id)
    assert replies_to(question)(reply) and reply["embeds"][0]["title"] == "Agenda"
    assert [c.status for c in standin.calls_to("POST", TYPING_ROUTE)] == [403]


async def test_proxy_rate_limit_on_the_reply_is_waited_out(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """A 429 without Discord's Via header (a proxy's) on the reply is waited out and
    retried as discord.py retries Discord's own: the answer arrives, no apology."""
    async with running_bot(standin, tmp_path):
        standin.fail_next("POST", MESSAGES_ROUTE, status=429, retry_after=0.05, via=False)
        question = await standin.dispatch_message("agenda?", mention_bot=True)
        reply = await standin.wait_for_message(standin.channel_id)
    assert replies_to(question)(reply) and reply["embeds"][0]["title"] == "Agenda"
    assert [c.status for c in standin.calls_to("POST", MESSAGES_ROUTE)] == [429, 200]


async def test_proxy_rate_limit_on_a_slash_answer_is_waited_out(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """The same for the initial response to /ask (here the proxy says retry at once)."""
    async with running_bot(standin, tmp_path):
        standin.fail_next("POST", CALLBACK_ROUTE, status=429, retry_after=0, via=False)
        handle = await standin.dispatch_slash("ask", {"question": "who spoke?"}, locale="en-US")
        body = await handle.response()
    assert "Rutte" in body["data"]["embeds"][0]["description"]
    assert [c.status for c in standin.calls_to("POST", CALLBACK_ROUTE)] == [429, 200]


async def test_proxy_rate_limit_retries_are_bounded(standin: FakeDiscord, tmp_path: Path) -> None:
    """A proxy that keeps answering 429 gets a bounded number of tries; then the
    failure takes the usual path (an apology, once the proxy lets it through)."""
    async with running_bot(standin, tmp_path):
        standin.fail_next(
            "POST", MESSAGES_ROUTE, status=429, retry_after=0, via=False, times=PROXY_TRIES
        )
        question = await standin.dispatch_message("agenda?", mention_bot=True)
        reply = await standin.wait_for_message(standin.channel_id)
    assert replies_to(question)(reply) and reply["content"].startswith("Sorry")
    statuses = [c.status for c in standin.calls_to("POST", MESSAGES_ROUTE)]
    assert statuses == [429] * PROXY_TRIES + [200]


async def test_proxy_ban_is_not_waited_out(standin: FakeDiscord, tmp_path: Path) -> None:
    """A 429 without Via asking for an hour is a ban: no retry, the usual error path."""
    async with running_bot(standin, tmp_path):
        standin.fail_next("POST", MESSAGES_ROUTE, status=429, retry_after=3600, via=False)
        await standin.dispatch_message("agenda?", mention_bot=True)
        reply = await standin.wait_for_message(standin.channel_id)
    assert reply["content"].startswith("Sorry")
    assert [c.status for c in standin.calls_to("POST", MESSAGES_ROUTE)] == [429, 200]
