"""``briefbot ask``: one question from the command line, or many as JSON lines.

Every answered question is logged to the store (``BRIEFBOT_DB``) unless
``--no-log`` is given.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
from collections.abc import Callable
from datetime import datetime
from typing import cast

from briefbot.commands.common import open_service
from briefbot.config import Settings
from briefbot.engine.types import Lang
from briefbot.errors import BriefbotError
from briefbot.service import AnswerService, Origin
from briefbot.terminal import render

ORIGIN = Origin("cli")


def _clock(raw: str | None) -> Callable[[], datetime] | None:
    if raw is None:
        return None
    try:
        at = datetime.fromisoformat(raw)
    except ValueError:
        raise BriefbotError(
            f"--now must be an ISO date-time, e.g. 2025-01-16T12:00+01:00 (got {raw!r})"
        ) from None
    if at.tzinfo is None:
        raise BriefbotError("--now needs a UTC offset, e.g. 2025-01-16T12:00+01:00")
    return lambda: at


def _dump(service: AnswerService, question: str, hint: Lang | None) -> str:
    asked = service.ask(question, ORIGIN, lang_hint=hint)
    return json.dumps(asked.answer.to_dict() | {"id": asked.qid}, ensure_ascii=False)


async def _run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    hint = cast(Lang | None, args.lang)
    clock = _clock(args.now)
    async with open_service(settings, log=not args.no_log) as opened:
        service = (
            opened if clock is None else AnswerService(opened.engine, opened.store, clock=clock)
        )
        if args.jsonl:
            for line in sys.stdin:
                print(_dump(service, line.rstrip("\r\n"), hint), flush=True)
                await asyncio.sleep(0)  # let the log writer keep up with a long stream
            return 0
        if args.json:
            print(_dump(service, args.question, hint))
            return 0
        asked = service.ask(args.question, ORIGIN, lang_hint=hint)
        tty = sys.stdout.isatty()
        width = shutil.get_terminal_size().columns - 1 if tty else None
        print(render(asked.answer, color=tty, width=width))
        return 0


def run(args: argparse.Namespace) -> int:
    """Handler of ``briefbot ask``."""
    if args.jsonl and args.question is not None:
        raise BriefbotError("--jsonl reads questions from standard input; give no QUESTION")
    if not args.jsonl and args.question is None:
        raise BriefbotError('give a QUESTION, e.g. briefbot ask "who spoke at the opening?"')
    return asyncio.run(_run(args))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``briefbot ask``."""
    parser = sub.add_parser(
        "ask",
        help="answer one question (or JSON lines from stdin)",
        description="Answer a question about the NATO Chiefs of Defence meeting, in the "
        "question's language. Answered questions are logged to BRIEFBOT_DB.",
        epilog='Examples: briefbot ask "quand a lieu la conférence de presse ?"   '
        "printf 'who spoke?\\nagenda\\n' | briefbot ask --jsonl",
    )
    parser.add_argument("question", nargs="?", help="the question, in French or English")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl",
        action="store_true",
        help="read one question per line from stdin, print one JSON object per line, in order",
    )
    parser.add_argument(
        "--lang", choices=("fr", "en"), help="answer language when the question cannot tell"
    )
    parser.add_argument("--no-log", action="store_true", help="do not log the questions")
    parser.add_argument(
        "--now", metavar="ISO", help="answer as if at this time (tense depends on it)"
    )
    parser.set_defaults(handler=run)
