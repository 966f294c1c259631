"""The stand-in checks request bodies against Discord's own OpenAPI description:
a field Discord would refuse, or silently drop, is refused like an invalid form
body; what discord.py really sends passes; the vendored part is what
``discord_api/extract.py`` makes of Discord's description."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import discord
import discord.http
import pytest
from standin import FakeDiscord, connect
from standin_clients import QUIET, intents, text_channel
from standin_schema import ANNOTATIONS, KEYWORDS, SPEC, discord_schemas, keywords_used

REPO = Path(__file__).resolve().parents[2]
EXTRACT = SPEC.with_name("extract.py")
QUIET_JSON: dict[str, Any] = {"allowed_mentions": {"parse": []}}


def message(**fields: Any) -> dict[str, Any]:
    return {"content": "bonjour", **QUIET_JSON, **fields}


def button(**fields: Any) -> dict[str, Any]:
    return {"type": 1, "components": [{"type": 2, "style": 1, "custom_id": "b", **fields}]}


@pytest.mark.standin_violations_expected
@pytest.mark.parametrize(
    ("body", "path", "code"),
    [
        pytest.param(
            message(alowed_mentions={"parse": []}),
            ("alowed_mentions",),
            "STANDIN_UNKNOWN_FIELD",
            id="misspelt-field",
        ),
        pytest.param(
            message(embeds=[{"title": "t", "colour": 5}]),
            ("embeds", 0, "colour"),
            "STANDIN_UNKNOWN_FIELD",
            id="unknown-embed-field",
        ),
        pytest.param(message(flags="4"), ("flags",), "BASE_TYPE_BAD_TYPE", id="wrong-type"),
        pytest.param(message(tts=1), ("tts",), "BASE_TYPE_BAD_TYPE", id="number-for-boolean"),
        pytest.param(
            message(embeds=[{"color": 2**24}]),
            ("embeds", 0, "color"),
            "NUMBER_TYPE_MAX",
            id="out-of-range",
        ),
        pytest.param(
            message(message_reference={"message_id": "abc"}),
            ("message_reference", "message_id"),
            "STRING_TYPE_REGEX",
            id="not-a-snowflake",
        ),
        pytest.param(
            message(message_reference={"channel_id": "1"}),
            ("message_reference", "message_id"),
            "BASE_TYPE_REQUIRED",
            id="missing-required",
        ),
        pytest.param(
            message(components=[button(style=9)]),
            ("components", 0, "components", 0, "style"),
            "BASE_TYPE_CHOICES",
            id="not-in-enum",
        ),
        pytest.param(
            message(components=[{"type": 99, "components": []}]),
            ("components", 0, "type"),
            "BASE_TYPE_CHOICES",
            id="unknown-component-type",
        ),
        pytest.param(
            message(allowed_mentions="none"),
            ("allowed_mentions",),
            "BASE_TYPE_BAD_TYPE",
            id="string-for-object",
        ),
        pytest.param(
            message(allowed_mentions={"parse": ["users", "users"]}),
            ("allowed_mentions", "parse"),
            "BASE_TYPE_UNIQUE",
            id="repeated-item",
        ),
    ],
)
async def test_a_body_discord_would_refuse_is_refused(
    standin: FakeDiscord, body: dict[str, Any], path: tuple[Any, ...], code: str
) -> None:
    """A message body with an unknown or invalid field: 400 Invalid Form Body naming the
    field, nothing created, and a violation recorded for the test to fail on."""
    client = discord.Client(intents=intents(), allowed_mentions=QUIET)
    async with connect(client, standin):
        route = discord.http.Route(
            "POST", "/channels/{channel_id}/messages", channel_id=standin.channel_id
        )
        with pytest.raises(discord.HTTPException) as refused:
            await client.http.request(route, json=body)
    assert refused.value.status == 400 and refused.value.code == 50035
    assert standin.channel_messages == []
    (violation,) = standin.violations
    assert (path, code) in [(p.path, p.code) for p in violation.problems]


async def test_what_discord_py_sends_passes(standin: FakeDiscord) -> None:
    """A reply with an embed, a button and a reference (ids as integers, as discord.py
    sends them) is valid, and every body was checked against the description."""
    client = discord.Client(intents=intents(), allowed_mentions=QUIET)
    async with connect(client, standin):
        channel = text_channel(client, standin.channel_id)
        first = await channel.send("premier")
        view = discord.ui.View()
        view.add_item(discord.ui.Button(label="ok", custom_id="ok"))
        embed = discord.Embed(title="titre", description="texte", colour=0x2B5797)
        embed.set_footer(text="source")
        await channel.send("suite", embed=embed, view=view, reference=first)
    (_, reply) = standin.calls_to("POST", "/channels/{channel_id}/messages")
    assert isinstance(reply.json["message_reference"]["message_id"], int)
    assert standin.violations == [] and standin.undescribed_calls == []


def test_the_validator_knows_every_keyword_of_the_vendored_description() -> None:
    """A keyword the validator does not implement would pass anything: none is used."""
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    bodies = [
        operation["requestBody"]
        for entry in spec["paths"].values()
        for method, operation in entry.items()
        if method != "parameters" and "requestBody" in operation
    ]
    schemas = [*spec["components"]["schemas"].values()]
    schemas += [body["content"]["application/json"]["schema"] for body in bodies]
    used = keywords_used(schemas)
    assert used - KEYWORDS - ANNOTATIONS == set()


def test_every_endpoint_briefbot_calls_is_described() -> None:
    """Each endpoint of the extraction list resolves to its own operation, literal
    segments before parameters (``/users/@me`` is not ``/users/{user_id}``)."""
    schemas = discord_schemas()
    for method, path in _extract_module().ENDPOINTS:
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        operation = schemas.operation(method.upper(), concrete)
        assert operation is not None and operation.path == path, (method, path)
    callback = schemas.operation("POST", "/interactions/1/tok/callback")
    assert callback is not None and callback.body is not None
    assert schemas.operation("PATCH", "/channels/1/messages/2") is None  # briefbot never edits


def _extract_module() -> Any:
    spec = importlib.util.spec_from_file_location("extract", EXTRACT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vendored_part_is_exactly_what_extract_keeps() -> None:
    """Cutting the vendored file again changes nothing: it holds every endpoint of
    ``extract.py``'s list and every schema they reach, and nothing else."""
    extract = _extract_module()
    vendored = json.loads(SPEC.read_text(encoding="utf-8"))
    assert json.dumps(extract.extract(vendored), indent=1) + "\n" == SPEC.read_text("utf-8")
    listed = {(m, p) for m, p in extract.ENDPOINTS}
    assert {(m, p) for p, ops in vendored["paths"].items() for m in ops if m != "parameters"} == (
        listed
    )
