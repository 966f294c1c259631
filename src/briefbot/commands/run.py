"""``briefbot run``, ``briefbot sync`` and ``briefbot health``: the bot on a server.

``run`` opens the answering service (knowledge base and store), hands it to the
bot and connects; SIGTERM or Ctrl-C closes the bot, then the store, which
writes every logged question before the process exits. ``sync`` registers
the application commands, which ``run`` does not do on every start.
``health`` is the container's health check.

Failures that the person running briefbot must fix (no token, a rejected
token, a privileged intent not granted) become one line and exit status 2;
the token itself never appears in a message or a log.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sqlite3
import sys
from pathlib import Path

from briefbot.commands.common import open_engine
from briefbot.config import Settings, read_token
from briefbot.errors import BriefbotError, ConfigError

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


def _ping_database(path: Path) -> None:
    """``SELECT 1`` on a read-only connection: it must not create, migrate or lock the
    file the running bot writes (which opening a Store would do)."""
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0) as db:
        db.execute("SELECT 1").fetchone()


def health(args: argparse.Namespace) -> int:
    """Handler of ``briefbot health``: 0 when the knowledge base loads and the database answers."""
    try:
        settings = Settings.from_env()
        engine = open_engine(settings)
        _ping_database(settings.db_path)
    except (BriefbotError, sqlite3.Error, OSError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, sqlite3.Error):
            reason = f"database {settings.db_path}: {reason}"
        print(f"unhealthy: {reason}", file=sys.stderr)
        return EXIT_UNHEALTHY
    print(f"healthy: {len(engine.topic_ids)} answers known, database {settings.db_path} answers")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``briefbot run``, ``briefbot sync`` and ``briefbot health``."""
    run_parser = sub.add_parser(
        "run",
        help="run the Discord bot",
        description="Connect to Discord and answer: mentions, DMs, slash commands, buttons. "
        "The token comes from DISCORD_TOKEN or the file named by DISCORD_TOKEN_FILE. "
        "Stops cleanly on SIGTERM or Ctrl-C.",
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
        help="check the knowledge base loads and the database answers",
        description="Exit 0 when the knowledge base loads and the database (BRIEFBOT_DB) "
        "answers a query, 1 otherwise, with one line either way. The Docker HEALTHCHECK.",
    )
    health_parser.set_defaults(handler=health)
