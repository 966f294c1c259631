"""Start-up runs with garbage collection paused, and leaves the collector as it found it."""

from __future__ import annotations

import gc
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

    def build_parser() -> object:
        seen.append(gc.isenabled())
        return real()

    monkeypatch.setattr(cli, "build_parser", build_parser)
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert seen == [False]
    assert gc.isenabled()
