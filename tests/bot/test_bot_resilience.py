"""briefbot when things go wrong or are configured: a failing handler is logged and the
bot carries on, shard settings reach the gateway, commands sync only when asked, and a
server's stored language beats its locale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import standin_model
from briefbot_harness import custom_ids, running_bot
from standin import FakeDiscord

EPHEMERAL = 64


def boom(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("engine on fire")


async def test_failing_command_is_logged_and_answered_briefly(
    standin: FakeDiscord,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An unexpected error: traceback logged with the command, a short ephemeral
    apology in the user's language, and the next command works."""
    async with running_bot(standin, tmp_path) as bot:
        with monkeypatch.context() as patch:
            patch.setattr(bot.service, "ask", boom)
            failed = await (await standin.dispatch_slash("ask", {"question": "agenda"})).response()
        fine = await (await standin.dispatch_slash("ask", {"question": "agenda"})).response()
    assert failed["data"]["flags"] & EPHEMERAL
    assert failed["data"]["content"].startswith("Désolé")
    assert fine["data"]["embeds"][0]["title"]
    (record,) = [r for r in caplog.records if r.name == "briefbot.bot.replies"]
    assert "command 'ask' failed" in record.getMessage() and record.exc_info is not None
    assert standin.token not in caplog.text


async def test_failing_chat_reply_is_logged_and_the_bot_carries_on(
    standin: FakeDiscord,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A chat question whose handling fails gets a short apology; the next one an answer."""
    async with running_bot(standin, tmp_path) as bot:
        with monkeypatch.context() as patch:
            patch.setattr(bot.service, "ask", boom)
            await standin.dispatch_message("who spoke at the opening?", mention_bot=True)
            sorry = await standin.wait_for_message(standin.channel_id)
        await standin.dispatch_message("who spoke at the opening?", mention_bot=True)
        answer = await standin.wait_for_message(standin.channel_id)
    assert sorry["content"].startswith("Sorry") and answer["embeds"]
    assert any(r.exc_info and "answering message" in r.getMessage() for r in caplog.records)


async def test_failing_button_is_logged_and_answered_briefly(
    standin: FakeDiscord,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A vote that cannot be stored: the deferred reply becomes an apology, not a spinner."""
    async with running_bot(standin, tmp_path) as bot:
        await standin.dispatch_message("agenda?", mention_bot=True)
        answer = await standin.wait_for_message(standin.channel_id)
        monkeypatch.setattr(bot.store, "record_feedback", boom)
        click = await standin.dispatch_component(custom_ids(answer)[0], locale="en-US")
        apology = await click.followup()
    assert apology["content"].startswith("Sorry") and apology["flags"] & EPHEMERAL
    assert any(
        r.exc_info and "component 'briefbot:fb:up:" in r.getMessage() for r in caplog.records
    )


async def test_shard_settings_reach_the_gateway(standin: FakeDiscord, tmp_path: Path) -> None:
    """BRIEFBOT_SHARD_COUNT/IDS make this process identify as the shards it was given."""
    async with running_bot(standin, tmp_path, shard_count=1, shard_ids=(0,)) as bot:
        await standin.dispatch_message("agenda?", mention_bot=True)
        await standin.wait_for_message(standin.channel_id)
        assert sorted(bot.shards) == [0] and bot.shard_count == 1
    identify = next(p for p in standin.gateway.received if p["op"] == 2)
    assert identify["d"]["shard"] == [0, 1]
    assert identify["d"]["intents"] & standin_model.INTENT_MESSAGE_CONTENT == 0


async def test_commands_sync_on_start_only_when_asked(standin: FakeDiscord, tmp_path: Path) -> None:
    """By default starting registers nothing; BRIEFBOT_SYNC_ON_START=1 registers globally."""
    async with running_bot(standin, tmp_path, sync=False):
        pass
    assert standin.commands.get(None, []) == []
    async with running_bot(standin, tmp_path, sync=False, sync_on_start=True):
        pass
    assert len(standin.commands[None]) == 9


async def test_stored_language_beats_the_servers_locale(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """For a user whose locale briefbot does not speak, the server's stored default wins
    over the server's (French) locale; in chat too, when the question does not tell."""
    async with running_bot(standin, tmp_path) as bot:
        await bot.update_guild_settings(standin.guild_id, default_lang="en")
        body = await (await standin.dispatch_slash("agenda", locale="ja")).response()
        await standin.dispatch_message("Bauer", mention_bot=True)
        reply = await standin.wait_for_message(standin.channel_id)
    assert body["data"]["embeds"][0]["title"] == "Agenda"
    assert reply["embeds"][0]["title"] == "Admiral Rob Bauer"
