"""The bot's life on Discord: connect and serve, or register the commands.

Kept apart from ``briefbot.commands.run`` so that commands which never talk
to Discord (``ask``, ``console``) do not pay for importing discord.py.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import logging
import signal

import discord

from briefbot import knowledge
from briefbot.bot.client import BriefBot
from briefbot.commands.common import open_service
from briefbot.config import Settings
from briefbot.errors import ConfigError
from briefbot.heartbeat import beating
from briefbot.reload import watching

log = logging.getLogger(__name__)

PORTAL = "https://discord.com/developers/applications"
# The gateway's close code for a token it refuses, e.g. one reset after login.
GATEWAY_AUTHENTICATION_FAILED = 4004
# Collector thresholds for the running bot (Python's default: 700, 10, 10); see
# _collect_garbage_less_often. Young garbage waits for 50,000 allocations (a few MB).
GC_THRESHOLDS = (50_000, 20, 100)
INTENT_REFUSED = (
    "Discord refused the Message Content intent (gateway close 4014): enable "
    f"“Message Content Intent” under Bot → Privileged Gateway Intents in {PORTAL}, "
    "or run without it by unsetting BRIEFBOT_MESSAGE_CONTENT (mentions, DMs and "
    "slash commands still work)"
)


def token_rejected(how: str) -> str:
    """The one line for a token Discord refuses, at login (HTTP) or at the gateway."""
    return (
        f"Discord rejected the token ({how}): check DISCORD_TOKEN or the file named "
        f"by DISCORD_TOKEN_FILE (reset it under Bot in {PORTAL} if needed)"
    )


async def _start(bot: BriefBot, token: str) -> None:
    """Log in and stay connected until the bot is closed; Discord's refusals become ConfigError."""
    try:
        await bot.start(token)
    except discord.LoginFailure:
        raise ConfigError(token_rejected("401 Unauthorized")) from None
    except discord.PrivilegedIntentsRequired:
        raise ConfigError(INTENT_REFUSED) from None
    except discord.ConnectionClosed as exc:
        if exc.code != GATEWAY_AUTHENTICATION_FAILED:
            raise
        how = f"gateway close {exc.code}: authentication failed"
        raise ConfigError(token_rejected(how)) from None


def _collect_garbage_less_often() -> None:
    """Keep what is loaded at start out of garbage collection, and collect less often.

    A burst of interactions allocates fast: at Python's default threshold (700
    allocations) the collector ran ~1,000 times in a burst of 3,000 /ask and took
    about a quarter of the bot's CPU, pushing first responses past Discord's 3 s.
    """
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


async def serve(settings: Settings, token: str) -> int:
    """Run the bot until a signal or an unrecoverable error; the store is flushed either way.

    Meanwhile the event loop keeps the heartbeat file fresh (see :mod:`briefbot.heartbeat`),
    and the knowledge base is reloaded on SIGHUP and when its files change
    (see :mod:`briefbot.reload`).
    """
    directory = settings.knowledge or knowledge.default_dir()
    async with (
        open_service(settings) as service,
        beating(settings.heartbeat_path),
        watching(service, directory, settings.knowledge_poll) as watcher,
    ):
        bot = BriefBot(service=service, settings=settings)
        _collect_garbage_less_often()
        loop = asyncio.get_running_loop()
        closing: list[asyncio.Task[None]] = []

        def stop(signum: signal.Signals) -> None:
            log.info("%s received: closing", signum.name)
            closing.append(loop.create_task(bot.close()))

        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop, signum)
        loop.add_signal_handler(signal.SIGHUP, watcher.request)
        try:
            async with bot:
                await _start(bot, token)
        finally:
            for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                loop.remove_signal_handler(signum)
            await asyncio.gather(*closing)
    log.info("stopped; every logged question is stored")
    return 0


async def sync_commands(
    settings: Settings, token: str, guild_id: int | None, *, clear: bool = False
) -> int:
    """Register the application commands globally, or on one server for testing;
    with ``clear``, remove them from there instead."""
    settings = dataclasses.replace(settings, sync_on_start=False)  # this command is the sync
    async with open_service(settings, log=False) as service:
        bot = BriefBot(service=service, settings=settings)
        async with bot:
            try:
                await bot.login(token)
            except discord.LoginFailure:
                raise ConfigError(token_rejected("401 Unauthorized")) from None
            guild = None if guild_id is None else discord.Object(guild_id)
            if clear:
                bot.tree.clear_commands(guild=guild)
            elif guild is not None:
                bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
    where = (
        "globally (may take up to an hour to show)" if guild is None else f"on server {guild_id}"
    )
    if clear:
        print(f"removed every command registered {where}")
    else:
        names = ", ".join(sorted(command.name for command in synced))
        print(f"registered {len(synced)} commands {where}: {names}")
    return 0
