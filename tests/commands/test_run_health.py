"""``briefbot health`` (the Docker health check) and the settings ``briefbot run`` checks
before connecting: one line, exit 0 or 1 (2 for a setting to fix)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from briefbot.cli import main
from briefbot.storage import Store


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in ("BRIEFBOT_KNOWLEDGE", "DISCORD_TOKEN", "DISCORD_TOKEN_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BRIEFBOT_DB", str(tmp_path / "briefbot.sqlite3"))
    return monkeypatch


async def _create_db(path: Path) -> None:
    async with await Store.open(path):
        pass


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
