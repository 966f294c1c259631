"""``briefbot kb schema``: the JSON Schema names every section the validator reads."""

from __future__ import annotations

import json
from pathlib import Path

from briefbot import knowledge
from briefbot.cli import main
from briefbot.engine.schema import SCHEMA
from briefbot.engine.validate import _SECTIONS
from briefbot.engine.validate_facts import FACT_SECTIONS

PORT = Path(__file__).resolve().parents[1] / "kb_port"


def test_schema_covers_every_section_and_every_file(capsys: object) -> None:
    """Each section the validator knows is in the schema, and every key of the shipped
    and the made-up knowledge files is one of them; the command prints valid JSON."""
    assert set(SCHEMA["properties"]) == {*FACT_SECTIONS, "bot", *_SECTIONS}
    for directory in (knowledge.default_dir(), PORT):
        for name, doc in knowledge.read_documents(directory).items():
            assert set(doc) <= set(SCHEMA["properties"]), name
    assert main(["kb", "schema"]) == 0
    printed = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert printed["properties"]["events"]["additionalProperties"]["required"] == ["title", "start"]
