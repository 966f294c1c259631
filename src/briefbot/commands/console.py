"""``briefbot console``: the local harness, a chat with the bot in the terminal.

It needs no token and no network: the proof that the engine stands alone.
The session is one conversation: a follow-up ("and when?") continues the
previous question. ``/reload`` reads the knowledge base again (a curator's
edit, tried at once) and keeps the old one if the new one is invalid. Line
editing and history come from ``readline`` where the platform has it; Ctrl-D,
Ctrl-C, ``/quit`` and SIGTERM all leave cleanly, after the question log is
flushed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import shutil
import sys
from pathlib import Path
from typing import TextIO

from briefbot import conversation, knowledge, reload
from briefbot.commands.common import open_service
from briefbot.commands.stopping import Stopper
from briefbot.config import Settings
from briefbot.engine.types import LANGS, Answer, Lang
from briefbot.messages import message
from briefbot.service import AnswerService, Origin
from briefbot.terminal import explain, render

ORIGIN = Origin("console")
HISTORY_LINES = 1000


def _enable_history(path: Path) -> None:
    """Arrow keys and history across sessions, when readline exists (not on Windows)."""
    try:
        import readline  # noqa: PLC0415 - optional: absent on some platforms
    except ImportError:
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(path)
    readline.set_history_length(HISTORY_LINES)
    import atexit  # noqa: PLC0415

    atexit.register(_save_history, readline, path)


def _save_history(readline: object, path: Path) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(str(path))  # type: ignore[attr-defined]


class Console:
    """One console session: reads lines, answers them, handles /commands."""

    def __init__(
        self,
        service: AnswerService,
        out: TextIO,
        *,
        lang: Lang | None,
        knowledge_dir: Path | None = None,
    ) -> None:
        self.service = service
        self.knowledge_dir = knowledge_dir or knowledge.default_dir()  # what /reload reads
        self.out = out
        self.lang: Lang | None = lang  # None: follow each question's language
        self.color = out.isatty()
        self.width = shutil.get_terminal_size().columns - 1 if self.color else None
        self.conversation = conversation.key("console", None, None, None)
        self.last: Answer | None = None

    @property
    def ui_lang(self) -> Lang:
        """Language of the console's own messages."""
        return self.lang or "en"

    def say(self, text: str) -> None:
        """Print one block of output."""
        print(text, file=self.out, flush=True)

    def handle(self, line: str) -> bool:
        """Answer one line; return False when the user asked to leave."""
        stripped = line.strip()
        if stripped.startswith("/"):
            return self._command(stripped)
        asked = self.service.ask(line, ORIGIN, force_lang=self.lang, conversation=self.conversation)
        self.last = asked.answer
        self.say(render(asked.answer, color=self.color, width=self.width))
        self.say("")
        return True

    def _command(self, line: str) -> bool:
        name, _, arg = line.partition(" ")
        if name in ("/quit", "/exit", "/q"):
            return False
        if name == "/help":
            self.say(self.service.engine.help_text(self.ui_lang))
            self.say(message("console.commands", self.ui_lang))
        elif name == "/explain":
            self.say(explain(self.last) if self.last else message("console.nothing", self.ui_lang))
        elif name == "/lang" and arg.strip() in (*LANGS, "auto"):
            choice = arg.strip()
            self.lang = None if choice == "auto" else choice  # type: ignore[assignment]
            self.say(message("console.lang", self.ui_lang, lang=choice))
        elif name == "/reload":
            self.say(self._reload())
        else:
            self.say(message("console.unknown_command", self.ui_lang, command=line))
            self.say(message("console.commands", self.ui_lang))
        return True

    def _reload(self) -> str:
        outcome = reload.reload(self.service, self.knowledge_dir)
        if outcome.status is reload.Status.RELOADED:
            self.last = None  # /explain would describe an answer of the old knowledge base
            return message(
                "console.reloaded",
                self.ui_lang,
                old=outcome.old,
                new=outcome.new,
                answers=outcome.answers,
            )
        if outcome.status is reload.Status.UNCHANGED:
            return message("console.reload_unchanged", self.ui_lang, version=outcome.old)
        return message(
            "console.reload_failed", self.ui_lang, version=outcome.old, problem=outcome.problem
        )


async def _serve(console: Console, stdin: TextIO, stopper: Stopper) -> None:
    """Read lines until EOF, /quit or a signal, answering each; the caller flushes the store."""
    interactive = stdin.isatty()
    prompt = "> " if interactive else ""
    while True:
        await asyncio.sleep(0)  # give the question log's writer its turn between questions
        if stopper.stopped:
            break
        try:
            with stopper.reading():
                line = input(prompt) if interactive else stdin.readline()
        except EOFError:
            break
        if not interactive and line == "":
            break
        if not console.handle(line.rstrip("\r\n")):
            break


async def _run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    with Stopper() as stopper:
        async with open_service(settings, log=not args.no_log) as service:
            console = Console(service, sys.stdout, lang=args.lang, knowledge_dir=settings.knowledge)
            if sys.stdin.isatty():
                _enable_history(Path(args.history).expanduser())
                console.say(message("console.welcome", console.ui_lang))
            try:
                await _serve(console, sys.stdin, stopper)
            except KeyboardInterrupt:
                console.say("")
    return stopper.exit_status


def run(args: argparse.Namespace) -> int:
    """Handler of ``briefbot console``."""
    return asyncio.run(_run(args))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``briefbot console``."""
    parser = sub.add_parser(
        "console",
        help="chat with the bot in the terminal (no Discord token needed)",
        description="Chat with briefbot in the terminal; the session is one conversation, so a "
        "follow-up ('and when?') continues the previous question. Commands: /help, /explain "
        "(why the last answer), /lang fr|en|auto, /reload (read the knowledge base again; an "
        "invalid one is refused, with its first problem, and the old one kept), /quit. Ctrl-D "
        "or Ctrl-C leaves. Questions are logged to BRIEFBOT_DB with the knowledge base's version.",
    )
    parser.add_argument(
        "--lang", choices=LANGS, help="answer in this language instead of the question's"
    )
    parser.add_argument("--no-log", action="store_true", help="do not log the questions")
    parser.add_argument(
        "--history",
        default="~/.briefbot_history",
        help="file keeping the line history (default: %(default)s)",
    )
    parser.set_defaults(handler=run)
