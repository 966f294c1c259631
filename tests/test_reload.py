"""Reloading while running (:mod:`briefbot.reload`): polled files and SIGHUP requests
swap the engine only for a valid knowledge base, with one log line per reload."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from briefbot import knowledge, reload
from briefbot.engine.types import Context
from briefbot.errors import KnowledgeError
from briefbot.service import AnswerService, Origin
from testkit import (
    BROKEN_FACT,
    EDIT_MARK,
    EDITED_FILE,
    SACEUR,
    copy_knowledge,
    edit_knowledge,
)

WAIT = 30.0  # seconds: a bound on every wait, never a timing assertion
POLL = 0.01


def _service(directory: Path) -> AnswerService:
    engine, version = reload.build(directory)
    return AnswerService(engine, kb_version=version)


def _lines(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == reload.__name__ and r.levelno == level
    ]


async def _until(condition: Callable[[], bool]) -> None:
    async with asyncio.timeout(WAIT):
        while not condition():
            await asyncio.sleep(POLL)


@pytest.fixture
def polls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the watcher's looks at the files, so a test can wait for some to pass."""
    seen: list[int] = []
    real = knowledge.fingerprint

    def counted(directory: Path) -> tuple[tuple[str, int, int], ...]:
        seen.append(1)
        return real(directory)

    monkeypatch.setattr(knowledge, "fingerprint", counted)
    return seen


async def test_a_saved_edit_is_picked_up_by_polling(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, polls: list[int]
) -> None:
    """Saving a knowledge file reloads it: new answers, one INFO line naming both versions."""
    caplog.set_level(logging.DEBUG, logger=reload.__name__)
    directory = copy_knowledge(tmp_path / "kb")
    service = _service(directory)
    old = service.kb_version
    async with reload.watching(service, directory, POLL):
        await _until(lambda: len(polls) >= 2)
        edit_knowledge(directory)
        await _until(lambda: service.kb_version != old)
    answer = service.ask(SACEUR, Origin("console")).answer
    assert EDIT_MARK in answer.text
    (line,) = _lines(caplog, logging.INFO)
    assert line.startswith(f"knowledge base reloaded: version {old} -> {service.kb_version} (")


async def test_a_broken_save_is_refused_once_and_answering_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, polls: list[int]
) -> None:
    """A broken file keeps the old engine, logs one ERROR line naming file and problem,
    and later polls of the same files say nothing more."""
    caplog.set_level(logging.DEBUG, logger=reload.__name__)
    directory = copy_knowledge(tmp_path / "kb")
    service = _service(directory)
    before = service.deployed
    async with reload.watching(service, directory, POLL):
        await _until(lambda: len(polls) >= 2)
        edit_knowledge(directory, broken=True)
        await _until(lambda: bool(_lines(caplog, logging.ERROR)))
        seen = len(polls)
        await _until(lambda: len(polls) >= seen + 5)
    assert service.deployed is before
    (line,) = _lines(caplog, logging.ERROR)
    assert line.startswith(
        f"knowledge base not reloaded, still answering from version {before.version}: "
    )
    assert EDITED_FILE in line and BROKEN_FACT in line
    assert "cavoli.role.answer.en" in line  # the entry


async def test_a_request_reloads_even_unpolled_and_says_when_nothing_changed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """With polling off, a request (SIGHUP) reloads; on unchanged files it says so."""
    caplog.set_level(logging.DEBUG, logger=reload.__name__)
    directory = copy_knowledge(tmp_path / "kb")
    service = _service(directory)
    old = service.kb_version
    async with reload.watching(service, directory, 0) as watcher:
        watcher.request()
        await _until(lambda: bool(_lines(caplog, logging.INFO)))
        edit_knowledge(directory)
        watcher.request()
        await _until(lambda: len(_lines(caplog, logging.INFO)) == 2)
    unchanged, reloaded = _lines(caplog, logging.INFO)
    assert unchanged == f"knowledge base unchanged (version {old})"
    assert reloaded.startswith(f"knowledge base reloaded: version {old} -> {service.kb_version}")


async def test_changed_topic_commands_are_reloaded_with_a_warning_to_sync(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A reload registers no Discord command: when bot.yaml's topic commands change, its
    line is a WARNING saying to restart and sync; other edits say nothing of commands."""
    caplog.set_level(logging.INFO, logger=reload.__name__)
    directory = copy_knowledge(tmp_path / "kb")
    service = _service(directory)
    async with reload.watching(service, directory, 0) as watcher:
        edit_knowledge(directory)
        watcher.request()
        await _until(lambda: bool(_lines(caplog, logging.INFO)))
        bot_yaml = directory / "bot.yaml"
        bot_yaml.write_text(bot_yaml.read_text("utf-8").replace("name: speakers", "name: openers"))
        watcher.request()
        await _until(lambda: bool(_lines(caplog, logging.WARNING)))
    (edited,) = _lines(caplog, logging.INFO)
    (renamed,) = _lines(caplog, logging.WARNING)
    assert "commands" not in edited
    assert renamed.endswith(
        "its topic commands changed: restart and run `briefbot sync` to show them"
    )
    assert "openers" in {c.name for c in service.engine.kb.identity.commands}


def test_problem_line_names_the_first_problem_and_counts_the_rest() -> None:
    """One problem: that problem, on one line; several: the first and how many more."""
    assert reload.problem_line(KnowledgeError(["a.yaml: x: bad\n  here"])) == "a.yaml: x: bad here"
    line = reload.problem_line(KnowledgeError(["a.yaml: x: bad", "b.yaml: y: worse", "c"]))
    assert line == "a.yaml: x: bad (and 2 more; `briefbot kb check` lists them)"


def test_a_context_the_new_knowledge_base_lacks_is_not_used(tmp_path: Path) -> None:
    """A reload forgets conversations; a context remembered after it but made before
    (naming a subject the new knowledge base dropped) is read as no context, not a crash."""
    directory = copy_knowledge(tmp_path / "kb")
    service = _service(directory)
    origin = Origin("console")
    service.ask(SACEUR, origin, conversation="alice")
    engine, version = reload.build(directory)
    service.replace(engine, version)
    assert len(service.conversations) == 0
    ghost = Context((("ghost", "when", "ghost.when"),), ("ghost",), "en", service.now())
    service.remember("bob", ghost)
    for follow_up in ("and when?", "same in French", "what did he say?"):
        alone = service.ask(follow_up, origin).answer
        assert service.ask(follow_up, origin, conversation="bob").answer == alone
        service.remember("bob", ghost)
