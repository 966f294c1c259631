"""The ``briefbot`` command line: one entry point, one module per command group.

Each module in ``COMMAND_MODULES`` has ``register(subparsers)``, which adds its
sub-commands and sets ``handler`` (``Callable[[argparse.Namespace], int]``) on
each. Running a command imports its own module only (``COMMANDS``); help and
errors register them all. ``main`` turns every :class:`BriefbotError` into one
line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import io
import logging
import os
import signal
import sys
from collections.abc import Sequence

from briefbot import __version__
from briefbot.errors import BriefbotError
from briefbot.startup import collection_paused

# The module registering each command: running one imports that module alone, not the
# others' store, evaluator or discord.py runner (a tenth of the time to a first answer).
COMMANDS: dict[str, str] = {
    "console": "briefbot.commands.console",
    "ask": "briefbot.commands.ask",
    "kb": "briefbot.commands.kb",
    "eval": "briefbot.commands.eval",
    "stats": "briefbot.commands.store",
    "unanswered": "briefbot.commands.store",
    "db": "briefbot.commands.database",
    "run": "briefbot.commands.run",
    "sync": "briefbot.commands.run",
    "health": "briefbot.commands.run",
}
# Every command module, in the order --help lists their commands.
COMMAND_MODULES: tuple[str, ...] = tuple(dict.fromkeys(COMMANDS.values()))

EXIT_USAGE = 2


def _modules(argv: Sequence[str] | None) -> tuple[str, ...]:
    """The command modules to register: the named command's, else all of them (for
    ``--help``, ``--version``, or a command misspelt, whose error lists the others).
    The options before a command (``-v``) take no value, so the first word that is
    not one names it."""
    first = next((a for a in argv or () if a[:1] != "-"), "")
    return (COMMANDS[first],) if first in COMMANDS else COMMAND_MODULES


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for the arguments ``argv``: with the module of the command they name
    registered, else (and when None) every command module."""
    parser = argparse.ArgumentParser(
        prog="briefbot",
        description=(
            "A bilingual (French/English) question-answering bot about one announcement, "
            "answering from a knowledge base of YAML files (the shipped one, or --kb DIR)."
        ),
        epilog="Settings come from BRIEFBOT_* environment variables; see the README.",
    )
    parser.add_argument("--version", action="version", version=f"briefbot {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _modules(argv):
        importlib.import_module(name).register(sub)
    for command in _leaves(sub):
        command.add_argument(
            "--kb",
            metavar="DIR",
            help="the knowledge base: a directory of YAML files "
            "(default: BRIEFBOT_KNOWLEDGE, else the shipped one)",
        )
    return parser


def _leaves(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> list[argparse.ArgumentParser]:
    """Every command's parser, sub-commands' (``kb check``) rather than their group's."""
    out: list[argparse.ArgumentParser] = []
    for parser in dict.fromkeys(sub.choices.values()):
        nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        out.extend(_leaves(nested[0]) if nested else [parser])
    return out


def setup_logging(verbose: bool, level: str = "WARNING") -> None:
    """Configure handlers once, here at the edge; quiet discord.py's HTTP chatter."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("discord.http").setLevel(logging.WARNING)


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C does, so open stores are flushed and closed."""
    raise SystemExit(128 + signum)


def _tolerant_streams() -> None:
    """Under a locale that cannot write every character (LC_ALL=C), print what it can
    rather than die on a typographic apostrophe; JSON output goes out as UTF-8 bytes."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower() not in (
            "utf-8",
            "utf8",
        ):
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``briefbot`` command and return its exit status."""
    argv = sys.argv[1:] if argv is None else argv
    with collection_paused():  # imports the command's module
        parser = build_parser(argv)
    args = parser.parse_args(argv)
    if getattr(args, "kb", None):
        # One setting, given on the command line: read by Settings.from_env like the rest.
        os.environ["BRIEFBOT_KNOWLEDGE"] = args.kb
    _tolerant_streams()
    setup_logging(args.verbose)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        status: int = args.handler(args)
    except BriefbotError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``briefbot eval ... | head``): not an error of ours.
        sys.stderr.close()
        return 0
    return status
