"""The console's /reload: a curator's edit answers at once; a broken one is refused, the
old knowledge base answers on, and the reply names the problem."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from briefbot import reload
from briefbot.commands.console import Console
from briefbot.service import AnswerService
from briefbot.storage import Store
from testkit import BROKEN_FACT, EDIT_MARK, EDITED_FILE, SACEUR, copy_knowledge, edit_knowledge


def _console(service: AnswerService, directory: Path) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(service, out, lang=None, knowledge_dir=directory), out


def _say(console: Console, out: io.StringIO, line: str) -> str:
    """What the console prints for one line."""
    start = out.tell()
    assert console.handle(line)
    out.seek(start)
    text = out.read()
    out.seek(0, io.SEEK_END)
    return text


async def test_reload_answers_from_the_edited_knowledge_base(tmp_path: Path) -> None:
    """Unchanged files reload nothing; an edit is answered after /reload, with the versions
    named; a broken file is refused with file and problem, and the edit still answers."""
    directory = copy_knowledge(tmp_path / "kb")
    engine, version = reload.build(directory)
    console, out = _console(AnswerService(engine, kb_version=version), directory)
    assert EDIT_MARK not in _say(console, out, SACEUR)
    assert _say(console, out, "/reload") == f"Knowledge base unchanged (version {version}).\n"

    edit_knowledge(directory)
    reloaded = _say(console, out, "/reload")
    edited = console.service.kb_version
    assert edited not in (None, version)
    assert reloaded.startswith(f"Knowledge base reloaded: version {version} → {edited} (")
    assert EDIT_MARK in _say(console, out, SACEUR)

    edit_knowledge(directory, broken=True)
    refused = _say(console, out, "/reload").strip()
    assert refused.startswith(
        f"Knowledge base not reloaded; still answering from version {edited}."
    )
    assert EDITED_FILE in refused and BROKEN_FACT in refused and len(refused.splitlines()) == 1
    assert console.service.kb_version == edited
    assert EDIT_MARK in _say(console, out, SACEUR)


async def test_reload_speaks_the_consoles_language(tmp_path: Path) -> None:
    """After /lang fr the console says in French what the reload did."""
    directory = copy_knowledge(tmp_path / "kb")
    engine, version = reload.build(directory)
    console, out = _console(AnswerService(engine, kb_version=version), directory)
    _say(console, out, "/lang fr")
    assert _say(console, out, "/reload").startswith("Base de connaissances inchangée")


async def test_each_question_is_logged_with_the_version_that_answered(tmp_path: Path) -> None:
    """Questions before and after a reload carry the old and the new version."""
    directory = copy_knowledge(tmp_path / "kb")
    engine, old = reload.build(directory)
    db_path = tmp_path / "bb.sqlite3"
    async with await Store.open(db_path) as store:
        console, out = _console(AnswerService(engine, store, kb_version=old), directory)
        _say(console, out, SACEUR)
        edit_knowledge(directory)
        _say(console, out, "/reload")
        _say(console, out, SACEUR)
        new = console.service.kb_version
    with sqlite3.connect(db_path) as db:
        rows = db.execute("SELECT kb_version FROM questions ORDER BY asked_at").fetchall()
    assert rows == [(old,), (new,)] and old != new
