"""``briefbot run`` reloading its knowledge base on SIGHUP while questions flow, as a
process against the Discord stand-in: a broken file is refused with one log line and
the old knowledge base answers on; the fixed file is answered from at once; every
question is logged once, with the version that answered it."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from contextlib import suppress
from pathlib import Path

import pytest
from briefbot_harness import embed_text, replies_to
from standin import FakeDiscord
from standin_model import JSON
from test_bot_cli import PROCESS_TIMEOUT, clean_env, start

from briefbot import knowledge
from briefbot.errors import KnowledgeError
from testkit import (
    BROKEN_FACT,
    EDIT_MARK,
    EDITED_FILE,
    SACEUR,
    copy_knowledge,
    edit_knowledge,
)

IN_FLIGHT = 4  # questions sent and not yet answered, at most
MORE = 3  # questions answered in each phase, at least


class Log:
    """The bot's stderr, read line by line as it comes."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        assert process.stderr is not None
        self._stream = process.stderr
        self.lines: list[str] = []
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        while line := await self._stream.readline():
            self.lines.append(line.decode(errors="replace").rstrip("\n"))

    def having(self, text: str) -> list[str]:
        return [line for line in self.lines if text in line]

    async def wait_for(self, text: str) -> None:
        async with asyncio.timeout(PROCESS_TIMEOUT):
            while not self.having(text):
                if self.task.done():
                    raise AssertionError("the bot stopped:\n" + "\n".join(self.lines))
                await asyncio.sleep(0.01)


class Flow:
    """Questions sent without pause, a few in flight at a time; replies collected in order."""

    def __init__(self, standin: FakeDiscord) -> None:
        self.standin = standin
        self.sent: list[JSON] = []
        self.replies: list[str] = []
        self._room = asyncio.Semaphore(IN_FLIGHT)
        self._sending = True
        self._tasks = [asyncio.create_task(self._send()), asyncio.create_task(self._collect())]

    async def _send(self) -> None:
        while self._sending:
            await self._room.acquire()
            if not self._sending:
                break
            self.sent.append(await self.standin.dispatch_message(SACEUR, mention_bot=True))

    async def _collect(self) -> None:
        while True:
            while len(self.sent) <= len(self.replies):
                await asyncio.sleep(0.001)
            question = self.sent[len(self.replies)]
            reply = await self.standin.wait_for_message(
                self.standin.channel_id, predicate=replies_to(question), timeout=PROCESS_TIMEOUT
            )
            self.replies.append(embed_text(reply))
            self._room.release()

    async def answered(self, count: int) -> None:
        """Wait until the first ``count`` questions sent have their replies."""
        async with asyncio.timeout(PROCESS_TIMEOUT):
            while len(self.replies) < count:
                for task in self._tasks:
                    if task.done():
                        task.result()  # raises what stopped the flow
                await asyncio.sleep(0.01)

    async def stop(self) -> None:
        """Stop sending, and collect the replies to every question sent."""
        self._sending = False  # not cancelled: a question half-sent would go uncounted
        async with asyncio.timeout(PROCESS_TIMEOUT):
            await self._tasks[0]
        await self.answered(len(self.sent))
        self._tasks[1].cancel()
        with suppress(asyncio.CancelledError):
            await self._tasks[1]


def _version(directory: Path) -> str:
    return knowledge.load_versioned(directory)[1]


async def test_sighup_under_load_refuses_a_broken_file_then_takes_the_fixed_one(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """Questions flow all along. A broken file and SIGHUP: one log line naming the file and
    the problem, and the old answers go on. The fixed file and SIGHUP: new answers. Every
    question sent is logged exactly once, with the version of the answer it got."""
    directory = copy_knowledge(tmp_path / "kb")
    old = _version(directory)
    env = clean_env(
        tmp_path,
        DISCORD_TOKEN=standin.token,
        BRIEFBOT_COOLDOWN="0",
        BRIEFBOT_KNOWLEDGE=str(directory),
        BRIEFBOT_KNOWLEDGE_POLL="0",  # SIGHUP alone reloads: each step is one reload
    )
    process = await start(standin, env, "run")
    log = Log(process)
    try:
        await standin.wait_until_connected(timeout=PROCESS_TIMEOUT)
        flow = Flow(standin)
        await flow.answered(MORE)

        edit_knowledge(directory, broken=True)
        with pytest.raises(KnowledgeError):
            knowledge.load(directory)
        process.send_signal(signal.SIGHUP)
        await log.wait_for("knowledge base not reloaded")
        await flow.answered(len(flow.sent) + MORE)  # asked after the refusal: still answered
        answered_before_fix = len(flow.replies)

        edit_knowledge(directory)
        new = _version(directory)
        process.send_signal(signal.SIGHUP)
        await log.wait_for("knowledge base reloaded")
        asked_after_reload = len(flow.sent)
        await flow.answered(asked_after_reload + MORE)
        await flow.stop()
    finally:
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(PROCESS_TIMEOUT):
            await log.task
            code = await process.wait()
    stderr = "\n".join(log.lines)
    assert code == 0, stderr

    (refused,) = log.having("knowledge base not reloaded")
    assert (
        f"still answering from version {old}: {EDITED_FILE}" in refused and BROKEN_FACT in refused
    )
    (reloaded,) = log.having("knowledge base reloaded")
    assert f"version {old} -> {new}" in reloaded
    assert not any(EDIT_MARK in text for text in flow.replies[:answered_before_fix])
    assert all("Cavoli" in text for text in flow.replies)
    assert all(EDIT_MARK in text for text in flow.replies[asked_after_reload:])

    with sqlite3.connect(tmp_path / "briefbot.sqlite3") as db:
        rows = db.execute("SELECT qid, kb_version FROM questions").fetchall()
    assert len(rows) == len(flow.sent) == len({qid for qid, _ in rows})
    edited = sum(EDIT_MARK in text for text in flow.replies)
    assert sorted(version for _, version in rows) == sorted(
        [old] * (len(rows) - edited) + [new] * edited
    )
