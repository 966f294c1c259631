"""``briefbot run``, ``briefbot sync`` and ``briefbot health``: the bot on a server.

``run`` opens the answering service (knowledge base and store), hands it to the
bot and connects; SIGTERM or Ctrl-C closes the bot, then the store, which
writes every logged question before the process exits. SIGHUP, or a change to
the knowledge files, reloads the knowledge base (:mod:`briefbot.reload`). ``sync`` registers
the application commands, which ``run`` does not do on every start.
``health`` is the container's health check: it opens the database the way
the bot does, and reads the running bot's heartbeat file.

Failures that the person running briefbot must fix (no token, a rejected
token, a privileged intent not granted) become one line and exit status 2;
the token itself never appears in a message or a log.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time

from briefbot import heartbeat
from briefbot.commands.common import open_engine
from briefbot.config import Settings, read_location, read_token
from briefbot.errors import BriefbotError, ConfigError, HealthError

log = logging.getLogger(__name__)

EXIT_UNHEALTHY = 1


def _check_sharding(settings: Settings) -> None:
    if settings.shard_ids and settings.shard_count is None:
        raise ConfigError(
            "BRIEFBOT_SHARD_IDS needs BRIEFBOT_SHARD_COUNT (the total of all processes)"
        )
    count = settings.shard_count
    if count is not None and any(i >= count for i in settings.shard_ids):
        raise ConfigError(
            f"BRIEFBOT_SHARD_IDS must be between 0 and {count - 1} (BRIEFBOT_SHARD_COUNT={count})"
        )


def run(args: argparse.Namespace) -> int:
    """Handler of ``briefbot run``."""
    settings = Settings.from_env()
    _check_sharding(settings)
    token = read_token()
    if not args.verbose:
        try:
            logging.getLogger().setLevel(settings.log_level)
        except ValueError:
            levels = "DEBUG, INFO, WARNING or ERROR"
            raise ConfigError(
                f"BRIEFBOT_LOG_LEVEL must be {levels} (got {settings.log_level!r})"
            ) from None
    from briefbot.bot import runner  # noqa: PLC0415 - discord.py only for the bot's commands

    return asyncio.run(runner.serve(settings, token))


def sync(args: argparse.Namespace) -> int:
    """Handler of ``briefbot sync``."""
    settings = Settings.from_env()
    from briefbot.bot import runner  # noqa: PLC0415 - discord.py only for the bot's commands

    return asyncio.run(runner.sync_commands(settings, read_token(), args.guild, clear=args.clear))


def _check_bot(settings: Settings, now: float, *, required: bool) -> str:
    """How long ago the running bot last beat; raise when it is stale, or absent but required."""
    path = settings.heartbeat_path
    seconds = heartbeat.age(path, now)
    if seconds is None:
        if required:
            raise HealthError(f"no heartbeat file {path}: the bot is not running")
        return ""
    if seconds > heartbeat.STALE_AFTER:
        raise HealthError(
            f"the bot's heartbeat {path} is {seconds:.0f} s old (limit "
            f"{heartbeat.STALE_AFTER:.0f} s): its event loop is stuck or it stopped"
        )
    return f", bot alive ({seconds:.0f} s ago)"


def health(args: argparse.Namespace) -> int:
    """Handler of ``briefbot health``: 0 when the knowledge base loads, the database takes a
    write as the bot would, no spill file has waited, and the bot's heartbeat is fresh."""
    try:
        settings = Settings.from_env()
        engine = open_engine(settings)
        now = time.time()
        location = read_location(settings)
        from briefbot.storage.opening import probe  # noqa: PLC0415 - the drivers only here

        asyncio.run(probe(location, now))
        alive = _check_bot(settings, now, required=args.bot)
    except BriefbotError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"unhealthy: {reason}", file=sys.stderr)
        return EXIT_UNHEALTHY
    print(f"healthy: {len(engine.topic_ids)} answers, database {location} writable{alive}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``briefbot run``, ``briefbot sync`` and ``briefbot health``."""
    run_parser = sub.add_parser(
        "run",
        help="run the Discord bot",
        description="Connect to Discord and answer: mentions, DMs, slash commands, buttons. "
        "The token comes from DISCORD_TOKEN or the file named by DISCORD_TOKEN_FILE. "
        "While running, touches the heartbeat file (BRIEFBOT_HEARTBEAT, default "
        "<db>.heartbeat) every 10 seconds for `briefbot health --bot`. "
        "Reloads the knowledge base on SIGHUP and when its files change (checked every "
        "BRIEFBOT_KNOWLEDGE_POLL seconds, default 5; 0: on SIGHUP only): an invalid one is "
        "refused with one log line naming the file and the problem, and the old one answers "
        "on. Stops cleanly on SIGTERM or Ctrl-C.",
    )
    run_parser.set_defaults(handler=run)
    sync_parser = sub.add_parser(
        "sync",
        help="register the slash and context-menu commands with Discord",
        description="Register the application commands, with their French names and "
        "descriptions: globally, or on one server with --guild (shows at once; for testing).",
    )
    sync_parser.add_argument(
        "--guild", type=int, metavar="ID", help="register on this server only (for testing)"
    )
    sync_parser.add_argument(
        "--clear",
        action="store_true",
        help="remove the commands instead (from --guild, or globally), e.g. after testing",
    )
    sync_parser.set_defaults(handler=sync)
    health_parser = sub.add_parser(
        "health",
        help="check the knowledge base, the database and the running bot",
        description="Exit 0 when the knowledge base loads; the database (BRIEFBOT_DB) has "
        "this briefbot's schema and takes a write (rolled back); no spill file beside it has "
        "waited over 5 minutes; and the bot's heartbeat file (BRIEFBOT_HEARTBEAT, default "
        "<db>.heartbeat), if present, was touched in the last 60 seconds. Otherwise exit 1. "
        "One line either way. The Docker HEALTHCHECK runs it with --bot.",
    )
    health_parser.add_argument(
        "--bot",
        action="store_true",
        help="also require the heartbeat file: fail unless `briefbot run` is alive",
    )
    health_parser.set_defaults(handler=health)
