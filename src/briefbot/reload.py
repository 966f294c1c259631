"""Reloading the knowledge base while briefbot runs: validate first, then swap.

A reload reads and validates the knowledge files and builds a new engine; only
then does the service switch to it (:meth:`AnswerService.replace`), in one
assignment, so a question is answered by the old engine or the new one, never
a mix. On any problem the service keeps the knowledge base it has, and the
outcome names the problem in one line (file and what is wrong).

``briefbot run`` reloads on SIGHUP and when the files change (:class:`Watcher`
polls them); the console reloads with ``/reload``.

What the front ends read from the knowledge base at each use (answers, and
bot.yaml's help, about and colour) follows at once. Discord's topic commands
do not: they were registered from the old one, so a reload that changes them
says to restart and run ``briefbot sync``.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from briefbot import knowledge
from briefbot.engine.core import Engine
from briefbot.errors import KnowledgeError
from briefbot.service import AnswerService, Deployed

log = logging.getLogger(__name__)


class Status(Enum):
    RELOADED = "reloaded"
    UNCHANGED = "unchanged"  # the files read give the version already answering
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a reload did; ``problem`` says why it failed, in one line."""

    status: Status
    old: str | None  # the version answering before
    new: str | None = None  # the version read (None when it could not be)
    answers: int = 0  # answers in the knowledge base now answering, when reloaded
    problem: str = ""
    # bot.yaml's topic commands differ: Discord shows the registered ones until a restart
    # and `briefbot sync` (a reload registers nothing).
    commands_changed: bool = False

    def line(self) -> str:
        """The one line the log and the console show."""
        if self.status is Status.RELOADED:
            change = f"version {self.old} -> {self.new}"
            note = (
                "; its topic commands changed: restart and run `briefbot sync` to show them"
                if self.commands_changed
                else ""
            )
            return f"knowledge base reloaded: {change} ({self.answers} answers){note}"
        if self.status is Status.UNCHANGED:
            return f"knowledge base unchanged (version {self.old})"
        return (
            f"knowledge base not reloaded, still answering from version {self.old}: {self.problem}"
        )


def build(directory: Path | None = None) -> tuple[Engine, str]:
    """An engine over the knowledge base in ``directory`` (the configured or shipped one
    when None), and that knowledge base's version; raise ``KnowledgeError`` if invalid."""
    kb, version = knowledge.load_versioned(directory)
    return Engine(kb, knowledge.lexicon()), version


def problem_line(exc: KnowledgeError) -> str:
    """The first problem found, on one line, and how many more (``briefbot kb check`` lists
    them all)."""
    first = " ".join((exc.problems[0] if exc.problems else str(exc)).split())
    more = len(exc.problems) - 1
    if more <= 0:
        return first
    return f"{first} (and {more} more; `briefbot kb check` lists them)"


def _attempt(directory: Path, deployed: Deployed) -> tuple[Engine | None, Outcome]:
    """Read, validate and build; no engine when it failed or nothing changed."""
    current = deployed.version
    try:
        kb, version = knowledge.load_versioned(directory)
        if version == current:
            return None, Outcome(Status.UNCHANGED, current, version)
        engine = Engine(kb, knowledge.lexicon())
    except KnowledgeError as exc:
        return None, Outcome(Status.FAILED, current, problem=problem_line(exc))
    except Exception as exc:  # a reload must never take the running bot down
        log.exception("building the reloaded knowledge base failed")
        return None, Outcome(Status.FAILED, current, problem=f"{type(exc).__name__}: {exc}")
    changed = kb.identity.commands != deployed.engine.kb.identity.commands
    answers = len(engine.topic_ids)
    return engine, Outcome(Status.RELOADED, current, version, answers, commands_changed=changed)


def _swap(service: AnswerService, engine: Engine | None, outcome: Outcome) -> Outcome:
    if engine is not None and outcome.new is not None:
        service.replace(engine, outcome.new)
        # As at start (commands.common.open_engine): keep the collector from rescanning
        # the knowledge base at every pause. An old one caught in a reference cycle
        # stays in memory; reloads are rare.
        gc.freeze()
    return outcome


def reload(service: AnswerService, directory: Path) -> Outcome:
    """Reload now, in this thread (the console, between two questions)."""
    return _swap(service, *_attempt(directory, service.deployed))


async def reload_in_background(service: AnswerService, directory: Path) -> Outcome:
    """Read and build in a worker thread, so answering goes on meanwhile; swap on the loop."""
    engine, outcome = await asyncio.to_thread(_attempt, directory, service.deployed)
    return _swap(service, engine, outcome)


class Watcher:
    """Reloads when asked (:meth:`request`, on SIGHUP) and when the files change.

    Files are polled every ``interval`` seconds (0: only when asked) by their
    names, sizes and modification times; a reload then compares contents, so a
    file saved unchanged reloads nothing. Reloads run one at a time.
    """

    def __init__(self, service: AnswerService, directory: Path, interval: float) -> None:
        self.service = service
        self.directory = directory
        self.interval = interval
        self._asked = asyncio.Event()

    def request(self) -> None:
        """Reload as soon as possible (called from the loop, e.g. a signal handler)."""
        self._asked.set()

    async def run(self) -> None:
        """Watch until cancelled; each reload logs one line (unchanged files polled: debug)."""
        seen = await asyncio.to_thread(knowledge.fingerprint, self.directory)
        while True:
            with suppress(TimeoutError):
                async with asyncio.timeout(self.interval or None):
                    await self._asked.wait()
            asked = self._asked.is_set()
            self._asked.clear()
            current = await asyncio.to_thread(knowledge.fingerprint, self.directory)
            if not asked and current == seen:
                continue
            seen = current
            outcome = await reload_in_background(self.service, self.directory)
            if outcome.status is Status.FAILED:
                log.error("%s", outcome.line())
            elif outcome.commands_changed:
                log.warning("%s", outcome.line())
            elif outcome.status is Status.RELOADED or asked:
                log.info("%s", outcome.line())
            else:
                log.debug("%s", outcome.line())


@asynccontextmanager
async def watching(
    service: AnswerService, directory: Path, interval: float
) -> AsyncIterator[Watcher]:
    """A :class:`Watcher` running in the background until the block ends."""
    watcher = Watcher(service, directory, interval)
    task = asyncio.create_task(watcher.run(), name="briefbot-knowledge-watcher")
    try:
        yield watcher
    finally:
        task.cancel()
        await asyncio.wait([task])
