"""Fixtures running the real discord.py client against the Discord stand-in.

``standin``: a started ``FakeDiscord`` (default world: one guild, #general,
read-only #annonces, user alice, another bot). At teardown it fails the test
if any Discord rule was broken or an unknown route called, unless the test is
marked ``@pytest.mark.standin_violations_expected``.

``connect(client, standin, token=None)`` (defined in ``standin_connect``,
also importable as ``from standin import connect``): async context manager that points
discord.py at the stand-in (patching ``discord.http.Route.BASE`` and
``DiscordWebSocket.DEFAULT_GATEWAY``, restored on exit), logs in, connects,
waits until ``client.wait_until_ready()``, yields the client, and closes it.
Login errors (``LoginFailure``) and gateway errors (``PrivilegedIntentsRequired``)
are raised from ``async with`` itself. See ``standin.py`` for the stand-in API.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from standin import FakeDiscord
from standin_connect import connect

__all__ = ["connect", "standin"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "standin_violations_expected: the test breaks Discord rules on purpose; "
        "the standin fixture does not fail it for that",
    )
    _give_back_conftest_name(config)


def _give_back_conftest_name(config: pytest.Config) -> None:
    """Every conftest.py outside a package imports as module "conftest", and
    pytest leaves the last one loaded (this one) in ``sys.modules``. Tests
    elsewhere that write ``from conftest import ...`` mean tests/conftest.py,
    so point the name back at it; tests here import from ``standin`` instead.
    (pytest calls this hook as soon as it registers this file.)"""
    parent = Path(__file__).resolve().parent.parent / "conftest.py"
    for plugin in config.pluginmanager.get_plugins():
        location = getattr(plugin, "__file__", None)
        if location is not None and Path(location).resolve() == parent:
            sys.modules["conftest"] = plugin
            return


@pytest.fixture
async def standin(request: pytest.FixtureRequest) -> AsyncIterator[FakeDiscord]:
    """A started Discord stand-in on 127.0.0.1, checked for violations at teardown."""
    async with FakeDiscord() as fake:
        yield fake
        if request.node.get_closest_marker("standin_violations_expected") is None:
            fake.assert_clean()
