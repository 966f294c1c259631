"""Start-up runs with garbage collection paused, and leaves the collector as it found it."""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefbot import cli, reload
from briefbot.commands import common
from briefbot.config import Settings
from briefbot.engine.core import Engine
from briefbot.startup import collection_paused


@pytest.fixture
def collector_on() -> Iterator[None]:
    """The collector enabled for the test, and as it was afterwards."""
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


@pytest.mark.usefixtures("collector_on")
def test_the_block_runs_paused_and_collection_resumes_after() -> None:
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_collection_resumes_after_an_error() -> None:
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_a_collector_paused_before_stays_paused() -> None:
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_the_engine_is_built_with_collection_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = reload.build

    def build(directory: Path | None = None) -> tuple[Engine, str]:
        seen.append(gc.isenabled())
        return real(directory)

    monkeypatch.setattr(reload, "build", build)
    common.open_versioned(Settings.from_env({}))
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_the_command_modules_are_imported_with_collection_paused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    real = cli.build_parser

    def build_parser(argv: list[str] | None = None) -> object:
        seen.append(gc.isenabled())
        return real(argv)

    monkeypatch.setattr(cli, "build_parser", build_parser)
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert seen == [False]
    assert gc.isenabled()


def _run(probe: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_"))}
    env["BRIEFBOT_DB"] = str(tmp_path / "bb.sqlite3")
    return subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
    )


def test_a_command_logging_nothing_loads_no_database_driver(tmp_path: Path) -> None:
    """``briefbot ask --no-log`` answers without importing SQLite, PostgreSQL or the store."""
    probe = (
        "import sys\n"
        "from briefbot.cli import main\n"
        "status = main(['ask', '--no-log', 'who spoke at the opening?'])\n"
        "loaded = [m for m in ('aiosqlite', 'sqlite3', 'asyncpg', 'briefbot.storage.store')"
        " if m in sys.modules]\n"
        "print('LOADED', status, loaded)\n"
    )
    done = _run(probe, tmp_path)
    assert "Rutte" in done.stdout
    assert done.stdout.splitlines()[-1] == "LOADED 0 []"


def test_a_command_that_logs_loads_the_store(tmp_path: Path) -> None:
    """The same command, logging, opens the store (the lazy import is not a missing one)."""
    probe = (
        "import sys\n"
        "from briefbot.cli import main\n"
        "status = main(['ask', 'who spoke at the opening?'])\n"
        "print('LOADED', status, 'briefbot.storage.store' in sys.modules)\n"
    )
    done = _run(probe, tmp_path)
    assert done.stdout.splitlines()[-1] == "LOADED 0 True"
    assert (tmp_path / "bb.sqlite3").is_file()


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    """The top-level commands a parser knows, in order."""
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(found[0].choices)


def test_every_command_is_registered_by_the_module_the_table_names() -> None:
    """Each command's module registers it, and the table names every command there is."""
    assert set(_commands(cli.build_parser())) == set(cli.COMMANDS)
    for name, module in cli.COMMANDS.items():
        alone = _commands(cli.build_parser([name, "--help"]))
        assert name in alone
        assert {cli.COMMANDS[n] for n in alone} == {module}


@pytest.mark.parametrize("argv", [[], ["--help"], ["-v"], ["nope"], ["--kb", "x"]])
def test_without_a_known_command_every_module_is_registered(argv: list[str]) -> None:
    """Help, a bare option or a misspelt command see every command, to list them."""
    assert _commands(cli.build_parser(argv)) == _commands(cli.build_parser())


def test_running_a_command_imports_no_other_command_module(tmp_path: Path) -> None:
    """``briefbot -v ask …`` imports the ask command's module, not the others'."""
    probe = (
        "import sys\n"
        "from briefbot.cli import main\n"
        "status = main(['-v', 'ask', '--no-log', 'who spoke at the opening?'])\n"
        "print('LOADED', status, sorted(m for m in sys.modules"
        " if m.startswith('briefbot.commands.')))\n"
    )
    last = _run(probe, tmp_path).stdout.splitlines()[-1]
    assert last.startswith("LOADED 0 [")
    assert "briefbot.commands.ask" in last
    for other in ("console", "eval", "kb", "store", "database", "run"):
        assert f"briefbot.commands.{other}'" not in last
