"""``briefbot ask``: one question from the command line, or many as JSON lines.

Every answered question is logged to the store (``BRIEFBOT_DB``) unless
``--no-log`` is given. With ``--jsonl`` each input line is a question, or a
JSON object ``{"question": ..., "conversation": ID}``: lines sharing a
conversation id are one asker's turns, so "and when?" follows what came before.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import BinaryIO, cast

from briefbot import conversation
from briefbot.commands.common import open_service
from briefbot.commands.stopping import Stopper
from briefbot.config import Settings
from briefbot.engine.types import Lang
from briefbot.errors import BriefbotError
from briefbot.service import AnswerService, Asked, Origin
from briefbot.terminal import explain, render

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


def _dumps(asked: Asked) -> str:
    return json.dumps(asked.answer.to_dict() | {"id": asked.qid}, ensure_ascii=False)


def _write_json(line: str) -> None:
    """One JSON line, as UTF-8 whatever the locale says (JSON is UTF-8)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(line.encode("utf-8") + b"\n")
    sys.stdout.buffer.flush()


def read_lines(stream: BinaryIO) -> Iterator[str]:
    """Lines of a byte stream, decoded as UTF-8 whatever the locale; a byte that is not
    UTF-8 becomes U+FFFD, so every line in gets its line out."""
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def parse_line(line: str) -> tuple[str, str | None]:
    """A JSON-lines input: plain text is one question; a JSON object gives the question
    and the conversation it belongs to. A malformed object is answered as text."""
    if line.lstrip().startswith("{"):
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            return line, None
        if isinstance(item, dict) and isinstance(item.get("question"), str):
            conv = item.get("conversation")
            return item["question"], None if conv is None else str(conv)
    return line, None


def _jsonl(service: AnswerService, hint: Lang | None, stopper: Stopper) -> Iterator[str]:
    lines = read_lines(sys.stdin.buffer)
    while not stopper.stopped:
        with stopper.reading():
            line = next(lines, None)
        if line is None:
            return
        question, conv = parse_line(line)
        name = None if conv is None else conversation.key("cli", None, None, None) + conv
        yield _dumps(service.ask(question, ORIGIN, lang_hint=hint, conversation=name))


async def _run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    hint = cast(Lang | None, args.lang)
    clock = _clock(args.now)
    async with open_service(settings, log=not args.no_log) as opened:
        service = (
            opened
            if clock is None
            else AnswerService(
                opened.engine, opened.store, kb_version=opened.kb_version, clock=clock
            )
        )
        if args.jsonl:
            with Stopper() as stopper:
                for out in _jsonl(service, hint, stopper):
                    _write_json(out)
                    await asyncio.sleep(0)  # let the log writer keep up with a long stream
            return stopper.exit_status
        asked = service.ask(args.question, ORIGIN, lang_hint=hint)
        if args.json:
            _write_json(_dumps(asked))
            return 0
        tty = sys.stdout.isatty()
        width = shutil.get_terminal_size().columns - 1 if tty else None
        print(render(asked.answer, color=tty, width=width))
        if args.explain:
            print()
            print(explain(asked.answer))
        return 0


def run(args: argparse.Namespace) -> int:
    """Handler of ``briefbot ask``."""
    if args.jsonl and args.question is not None:
        raise BriefbotError("--jsonl reads questions from standard input; give no QUESTION")
    if not args.jsonl and args.question is None:
        raise BriefbotError('give a QUESTION, e.g. briefbot ask "who spoke at the opening?"')
    if args.explain and (args.json or args.jsonl):
        raise BriefbotError("--explain prints text; --json and --jsonl carry the same data")
    return asyncio.run(_run(args))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``briefbot ask``."""
    parser = sub.add_parser(
        "ask",
        help="answer one question (or JSON lines from stdin)",
        description="Answer a message about the announcement, in the language of its grammar. "
        "A message may ask up to three questions; each gets its answer, in order. "
        "Answered questions are logged to BRIEFBOT_DB.",
        epilog='Examples: briefbot ask "quand a lieu la conférence de presse ?"   '
        "printf 'who spoke?\\nagenda\\n' | briefbot ask --jsonl   "
        'echo \'{"question": "and when?", "conversation": "a"}\' | briefbot ask --jsonl',
    )
    parser.add_argument("question", nargs="?", help="the question, in French or English")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--json", action="store_true", help="print one JSON object (with an 'asks' list)"
    )
    mode.add_argument(
        "--jsonl",
        action="store_true",
        help="read one question per line from stdin (plain text, or a JSON object "
        '{"question": ..., "conversation": ID} for conversations), print one JSON '
        "object per line, in order",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="also show, for each question, the subject, aspect, evidence and score, and "
        "the answers a vague question came closest to",
    )
    parser.add_argument(
        "--lang", choices=("fr", "en"), help="answer language when the question cannot tell"
    )
    parser.add_argument("--no-log", action="store_true", help="do not log the questions")
    parser.add_argument(
        "--now", metavar="ISO", help="answer as if at this time (tense and status depend on it)"
    )
    parser.set_defaults(handler=run)
