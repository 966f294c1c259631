"""``briefbot run`` and ``briefbot sync`` as processes against the Discord stand-in:
clear one-line exits for a missing or rejected token and a refused intent, a clean
stop on SIGTERM with every question stored, and a token that never shows."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from standin import FakeDiscord

from briefbot.storage import Store

WRAPPER = Path(__file__).with_name("briefbot_against_standin.py")
PROCESS_TIMEOUT = 20.0


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment without any briefbot or Discord setting, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_"))}
    env["BRIEFBOT_DB"] = str(tmp_path / "briefbot.sqlite3")
    env.update(extra)
    return env


async def start(
    standin: FakeDiscord | None, env: dict[str, str], *args: str
) -> asyncio.subprocess.Process:
    if standin is None:
        command = [sys.executable, "-m", "briefbot", *args]
    else:
        command = [sys.executable, str(WRAPPER), standin.api_base, standin.gateway_url, *args]
    return await asyncio.create_subprocess_exec(
        *command, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )


async def finish(process: asyncio.subprocess.Process) -> tuple[int, str, str]:
    try:
        out, err = await asyncio.wait_for(process.communicate(), PROCESS_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def error_line(stderr: str) -> str:
    """The one error line ``briefbot`` prints (log lines may surround it)."""
    (line,) = [line for line in lines(stderr) if line.startswith("briefbot: ")]
    return line


async def test_missing_token_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """Without DISCORD_TOKEN or DISCORD_TOKEN_FILE: one line naming them, status 2."""
    code, out, err = await finish(await start(None, clean_env(tmp_path), "run"))
    assert code == 2 and out == ""
    (line,) = lines(err)
    assert "DISCORD_TOKEN" in line and "DISCORD_TOKEN_FILE" in line


async def test_unreadable_token_file_is_one_line(tmp_path: Path) -> None:
    """A DISCORD_TOKEN_FILE that does not exist is named in the one line."""
    env = clean_env(tmp_path, DISCORD_TOKEN_FILE=str(tmp_path / "missing"))
    code, _, err = await finish(await start(None, env, "run"))
    assert code == 2 and "DISCORD_TOKEN_FILE" in lines(err)[0] and len(lines(err)) == 1


async def test_token_with_a_line_break_inside_is_one_line(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """A token file with a line break inside the token: one line and status 2 before
    anything is sent to Discord, and no part of the token shown."""
    head, tail = standin.token[:8], standin.token[8:]
    secret = tmp_path / "discord_token"
    secret.write_text(f"{head}\n{tail}\n", encoding="utf-8")
    env = clean_env(tmp_path, DISCORD_TOKEN_FILE=str(secret))
    code, out, err = await finish(await start(standin, env, "run"))
    assert code == 2 and "Traceback" not in err
    (line,) = lines(err)
    assert "DISCORD_TOKEN_FILE" in line and head not in out + err and tail not in out + err
    assert standin.calls == []


async def test_rejected_token_is_one_line_without_the_token(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """A token Discord refuses (401): one line, status 2, the token nowhere."""
    token = "MTEwMDAw.secret-looking.token-value"
    env = clean_env(tmp_path, DISCORD_TOKEN=token)
    code, out, err = await finish(await start(standin, env, "-v", "run"))
    assert code == 2
    assert "401" in error_line(err) and "DISCORD_TOKEN" in error_line(err)
    assert "Traceback" not in err and token not in out + err
    assert [(c.path, c.status) for c in standin.calls] == [("/users/@me", 401)]


async def test_token_refused_at_the_gateway_is_one_line(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """Gateway close 4004 (the token reset after login): the same one line and status 2
    as a token refused at login, naming the close code, the token nowhere."""
    standin.gateway.token_revoked = True
    env = clean_env(tmp_path, DISCORD_TOKEN=standin.token)
    code, out, err = await finish(await start(standin, env, "-v", "run"))
    assert code == 2, err
    line = error_line(err)
    assert line.startswith("briefbot: Discord rejected the token (gateway close 4004")
    assert "DISCORD_TOKEN" in line and "Traceback" not in err
    assert standin.token not in out + err


async def test_refused_intent_says_what_to_enable(standin: FakeDiscord, tmp_path: Path) -> None:
    """Gateway close 4014: one line naming the portal switch and how to run without it."""
    standin.allowed_intents = 0
    env = clean_env(tmp_path, DISCORD_TOKEN=standin.token, BRIEFBOT_MESSAGE_CONTENT="1")
    code, _, err = await finish(await start(standin, env, "run"))
    assert code == 2 and "Traceback" not in err
    last = lines(err)[-1]
    assert (
        "4014" in last and "Message Content Intent" in last and "BRIEFBOT_MESSAGE_CONTENT" in last
    )
    assert standin.token not in err


async def test_sigterm_stops_cleanly_and_keeps_every_question(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """The bot answers, then SIGTERM closes it with status 0 and the question stored;
    the token (from a Docker-style secret file) never appears, even in debug logs."""
    secret = tmp_path / "discord_token"
    secret.write_text(standin.token + "\n", encoding="utf-8")
    env = clean_env(tmp_path, DISCORD_TOKEN_FILE=str(secret), BRIEFBOT_COOLDOWN="0")
    process = await start(standin, env, "-v", "run")
    try:
        await standin.wait_until_connected(timeout=PROCESS_TIMEOUT)
        await standin.dispatch_message("who spoke at the opening?", mention_bot=True)
        reply = await standin.wait_for_message(standin.channel_id, timeout=PROCESS_TIMEOUT)
    finally:
        process.send_signal(signal.SIGTERM)
        code, out, err = await finish(process)
    assert "Rutte" in reply["embeds"][0]["description"]
    assert code == 0, err
    assert "SIGTERM received" in err and standin.token not in out + err
    async with await Store.open(tmp_path / "briefbot.sqlite3") as store:
        stats = await store.stats()
    assert stats.total == 1 and [c.key for c in stats.by_frontend] == ["mention"]


async def test_sync_registers_commands_on_one_server_then_clears_them(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """``briefbot sync --guild ID`` registers the localized commands there and only there,
    without a database; ``--clear`` removes them again."""
    env = clean_env(tmp_path, DISCORD_TOKEN=standin.token, BRIEFBOT_SYNC_ON_START="1")
    guild = str(standin.guild_id)
    code, out, err = await finish(await start(standin, env, "sync", "--guild", guild))
    assert code == 0, err
    names = {c["name"] for c in standin.commands[standin.guild_id]}
    assert {"ask", "agenda", "settings", "Ask briefbot"} <= names
    assert standin.commands.get(None, []) == []  # no global sync, even with SYNC_ON_START
    (line,) = lines(out)
    assert line.startswith(f"registered 9 commands on server {guild}: Ask briefbot, about")
    assert not (tmp_path / "briefbot.sqlite3").exists()
    code, out, err = await finish(await start(standin, env, "sync", "--guild", guild, "--clear"))
    assert code == 0, err
    assert standin.commands[standin.guild_id] == [] and lines(out) == [
        f"removed every command registered on server {guild}"
    ]
    assert standin.undescribed_calls == []  # both bodies checked against Discord's description
