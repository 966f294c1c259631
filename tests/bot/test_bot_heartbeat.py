"""``briefbot run`` keeps its heartbeat file fresh, so ``briefbot health --bot`` (Docker's
HEALTHCHECK) sees it alive; a clean stop removes the file."""

from __future__ import annotations

import signal
from pathlib import Path

from standin import FakeDiscord
from test_bot_cli import PROCESS_TIMEOUT, clean_env, finish, lines, start


async def test_a_running_bot_is_healthy_and_its_heartbeat_goes_when_it_stops(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """While connected: the heartbeat exists and ``health --bot`` exits 0; after SIGTERM
    the file is gone and ``health --bot`` says the bot is not running."""
    beat = tmp_path / "bot.heartbeat"
    env = clean_env(tmp_path, DISCORD_TOKEN=standin.token, BRIEFBOT_HEARTBEAT=str(beat))
    process = await start(standin, env, "run")
    try:
        await standin.wait_until_connected(timeout=PROCESS_TIMEOUT)
        assert beat.exists()
        code, out, err = await finish(await start(None, env, "health", "--bot"))
        assert code == 0, err
        assert "bot alive" in out
    finally:
        process.send_signal(signal.SIGTERM)
        code, _, err = await finish(process)
    assert code == 0, err
    assert not beat.exists()
    code, _, err = await finish(await start(None, env, "health", "--bot"))
    assert code == 1 and "no heartbeat file" in lines(err)[0]
