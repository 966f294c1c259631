"""Tests of the Discord stand-in's rules as pure functions: each limit names
the offending field, and payloads exactly at the limits pass."""

from __future__ import annotations

from typing import Any

import pytest
from standin_rules import check_autocomplete, check_commands, check_message

QUIET_JSON: dict[str, Any] = {"allowed_mentions": {"parse": []}}


def row(*children: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(children)}


def button(custom_id: str = "b", label: str = "ok") -> dict[str, Any]:
    return {"type": 2, "style": 1, "custom_id": custom_id, "label": label}


def fields(*pairs: tuple[str, str]) -> dict[str, Any]:
    return {"embeds": [{"fields": [{"name": n, "value": v} for n, v in pairs]}]}


def with_components(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"content": "x", "components": list(rows)}


FIRST_BUTTON = ("components", 0, "components", 0)


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        pytest.param({"content": ""}, (), id="empty"),
        pytest.param(fields(("n", "v" * 1025)), ("embeds", 0, "fields", 0, "value"), id="value"),
        pytest.param(fields(("", "v")), ("embeds", 0, "fields", 0, "name"), id="blank-name"),
        pytest.param(fields(*[("n", "v")] * 26), ("embeds", 0, "fields"), id="26-fields"),
        pytest.param(
            {"embeds": [{"footer": {"text": "f" * 2049}}]},
            ("embeds", 0, "footer", "text"),
            id="footer",
        ),
        pytest.param(
            {"embeds": [{"author": {"name": "a" * 257}}]},
            ("embeds", 0, "author", "name"),
            id="author",
        ),
        pytest.param(with_components(*[row(button())] * 6), ("components",), id="6-rows"),
        pytest.param(
            with_components(row(*[button(str(i)) for i in range(6)])),
            ("components", 0, "components"),
            id="6-buttons",
        ),
        pytest.param(
            with_components(row(button("c" * 101))), (*FIRST_BUTTON, "custom_id"), id="custom-id"
        ),
        pytest.param(
            with_components(row(button(label="l" * 81))), (*FIRST_BUTTON, "label"), id="label"
        ),
        pytest.param(
            {"content": "x", "allowed_mentions": {"parse": ["users"], "users": ["1"]}},
            ("allowed_mentions", "users"),
            id="parse-and-users",
        ),
    ],
)
def test_message_rules(payload: dict[str, Any], path: tuple[object, ...]) -> None:
    """Each Discord message limit names the offending field, as Discord's 400 does."""
    problems = check_message({**QUIET_JSON, **payload})
    assert [p.path for p in problems] == [path]


def test_limits_are_inclusive() -> None:
    """Payloads exactly at Discord's limits pass."""
    embed = {
        "title": "t" * 256,
        "description": "d" * 1000,
        "fields": [{"name": "n" * 10, "value": "v" * 100}] * 25,
        "footer": {"text": "f" * 200},
        "author": {"name": "a" * 256},
    }
    rows = [row(*[button(f"{r}{i}" + "c" * 98, "l" * 80) for i in range(5)]) for r in range(5)]
    payload = {**QUIET_JSON, "content": "x" * 2000, "embeds": [embed], "components": rows}
    assert check_message(payload) == []
    choices = [{"name": "n" * 100, "value": "v" * 100}] * 25
    assert check_autocomplete({"choices": choices}) == []


def command(**changes: Any) -> dict[str, Any]:
    return {"name": "ask", "description": "d", **changes}


OPTIONAL_THEN_REQUIRED = [
    {"type": 3, "name": "a", "description": "d"},
    {"type": 3, "name": "b", "description": "d", "required": True},
]


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        pytest.param(command(name="Ask"), (0, "name"), id="uppercase"),
        pytest.param(command(description=""), (0, "description"), id="no-description"),
        pytest.param(command(description="d" * 101), (0, "description"), id="long-description"),
        pytest.param(
            command(name_localizations={"en": "ask"}),
            (0, "name_localizations", "en"),
            id="bad-locale",
        ),
        pytest.param(
            command(options=OPTIONAL_THEN_REQUIRED), (0, "options", 1), id="required-last"
        ),
    ],
)
def test_command_sync_rules(payload: dict[str, Any], path: tuple[object, ...]) -> None:
    """Command payloads Discord would refuse at sync are refused, naming the field."""
    assert [p.path for p in check_commands([payload])] == [path]


def test_french_and_english_localizations_are_valid() -> None:
    """The locales briefbot uses ("fr", "en-US", "en-GB") are accepted."""
    payload = command(
        name_localizations={"fr": "demander", "en-GB": "ask"},
        description_localizations={"fr": "Poser une question", "en-US": "Ask a question"},
    )
    assert check_commands([payload]) == []
