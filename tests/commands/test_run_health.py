"""``briefbot health`` (the Docker health check) and the settings ``briefbot run`` checks
before connecting: one line, exit 0 or 1 (2 for a setting to fix)."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from briefbot.cli import main
from briefbot.storage import Store
from storage_entries import entry

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
PAGE = 4096  # SQLite's default page size


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in ("BRIEFBOT_KNOWLEDGE", "DISCORD_TOKEN", "DISCORD_TOKEN_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BRIEFBOT_DB", str(tmp_path / "briefbot.sqlite3"))
    return monkeypatch


async def _create_db(path: Path, questions: int = 0) -> None:
    async with await Store.open(path) as store:
        for n in range(questions):
            store.log(entry(question=f"question {n} " + "x" * 200))


def _unhealthy(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run ``briefbot health``; it must fail with one line on stderr, which is returned."""
    assert main(["health", *args]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("unhealthy: ") and err.count("\n") == 1, err
    return err


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8 * PAGE))


def _truncated(path: Path) -> None:
    asyncio.run(_create_db(path, questions=300))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def _damaged_pages(path: Path) -> None:
    """Page 1 (the header and schema) intact, every other page overwritten with noise."""
    asyncio.run(_create_db(path, questions=300))
    data = path.read_bytes()
    path.write_bytes(data[:PAGE] + os.urandom(len(data) - PAGE))


def _newer_schema(path: Path) -> None:
    asyncio.run(_create_db(path))
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")


def _read_only(path: Path) -> None:
    asyncio.run(_create_db(path))
    path.chmod(0o400)


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


BROKEN: list[object] = [
    pytest.param(_random_bytes, "not a database", id="random-bytes"),
    pytest.param(_truncated, "malformed", id="truncated"),
    pytest.param(_damaged_pages, "malformed", id="damaged-pages"),
    pytest.param(_newer_schema, "schema version 999, newer", id="newer-schema"),
    pytest.param(_empty_file, "schema version 0, older", id="empty-file"),
    pytest.param(
        _read_only,
        "readonly",
        id="read-only-file",
        marks=pytest.mark.skipif(AS_ROOT, reason="root writes read-only files"),
    ),
]


@pytest.mark.parametrize(("damage", "reason"), BROKEN)
def test_unhealthy_when_the_bot_could_not_use_the_database(
    env: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: Callable[[Path], None],
    reason: str,
) -> None:
    """Whatever makes ``ask`` and ``run`` refuse the file makes ``health`` fail, in one line."""
    path = tmp_path / "briefbot.sqlite3"
    damage(path)
    err = _unhealthy(capsys)
    assert reason in err and str(path) in err


def test_the_health_check_leaves_no_trace_in_the_database(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The probe's write is rolled back: the file holds what it held before."""
    path = tmp_path / "briefbot.sqlite3"
    asyncio.run(_create_db(path, questions=3))
    assert main(["health"]) == 0
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT count(*) FROM questions").fetchone() == (3,)


def test_unhealthy_when_spill_files_have_waited_for_minutes(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spill file untouched for over 5 minutes means questions are not reaching the file;
    a fresh one is the writer at work."""
    path = tmp_path / "briefbot.sqlite3"
    asyncio.run(_create_db(path))
    spill = tmp_path / "briefbot.sqlite3.spill-123-abcd.jsonl"
    spill.write_text("", encoding="ascii")
    assert main(["health"]) == 0
    capsys.readouterr()
    old = time.time() - 6 * 60
    os.utime(spill, (old, old))
    assert "1 spill files" in _unhealthy(capsys)


def test_the_bot_heartbeat_must_be_fresh(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No heartbeat: healthy, unless --bot requires one. A fresh one: healthy. A stale one
    (the event loop stuck, or the bot killed): unhealthy, with or without --bot."""
    path = tmp_path / "briefbot.sqlite3"
    asyncio.run(_create_db(path))
    assert main(["health"]) == 0
    capsys.readouterr()
    assert "no heartbeat file" in _unhealthy(capsys, "--bot")
    beat = tmp_path / "bot.heartbeat"
    env.setenv("BRIEFBOT_HEARTBEAT", str(beat))
    beat.touch()
    assert main(["health", "--bot"]) == 0
    assert "bot alive" in capsys.readouterr().out
    old = time.time() - 120
    os.utime(beat, (old, old))
    assert re.search(r"is 1[23]\d s old", _unhealthy(capsys))  # the check itself takes a moment
    assert "stuck or it stopped" in _unhealthy(capsys, "--bot")


def test_healthy_when_knowledge_loads_and_database_answers(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing database and the shipped knowledge: exit 0, one line on stdout."""
    asyncio.run(_create_db(tmp_path / "briefbot.sqlite3"))
    assert main(["health"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("healthy: ") and out.count("\n") == 1 and err == ""


def test_unhealthy_without_database(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing database is not created by the check: exit 1, one line naming it."""
    assert main(["health"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "briefbot.sqlite3" in err
    assert not (tmp_path / "briefbot.sqlite3").exists()


def test_unhealthy_with_broken_knowledge(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid knowledge directory: exit 1, its first problem on one line."""
    broken = tmp_path / "knowledge"
    broken.mkdir()
    (broken / "facts.yaml").write_text("event: [unclosed\n", encoding="utf-8")
    env.setenv("BRIEFBOT_KNOWLEDGE", str(broken))
    assert main(["health"]) == 1
    _, err = capsys.readouterr()
    assert err.startswith("unhealthy: knowledge base invalid") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"BRIEFBOT_SHARD_IDS": "0 1"}, "BRIEFBOT_SHARD_IDS needs BRIEFBOT_SHARD_COUNT"),
        ({"BRIEFBOT_SHARD_IDS": "2", "BRIEFBOT_SHARD_COUNT": "2"}, "between 0 and 1"),
        ({"BRIEFBOT_SHARD_COUNT": "0"}, "BRIEFBOT_SHARD_COUNT must be at least 1"),
    ],
)
def test_run_refuses_inconsistent_sharding(
    env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variables: dict[str, str],
    expected: str,
) -> None:
    """Shard settings that cannot work stop ``briefbot run`` before it connects."""
    env.setenv("DISCORD_TOKEN", "unused")
    for name, value in variables.items():
        env.setenv(name, value)
    assert main(["run"]) == 2
    _, err = capsys.readouterr()
    assert expected in err and err.count("\n") == 1 and "unused" not in err
