"""The knowledge files' shape as JSON Schema, for editors (``briefbot kb schema``).

An editor with a YAML language server checks a knowledge file against it as it
is typed. It describes one file: every section is optional in a file, since the
sections may be spread over several. ``briefbot kb check`` stays the judge: it
also checks what a schema cannot (references between entries, templates).
"""

from __future__ import annotations

from typing import Any

from briefbot.engine.validate_identity import COMMAND_DESCRIPTION_CHARS, COMMAND_NAME_CHARS

_ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
_TEXT = {
    "type": "object",
    "description": "the same text in French and English",
    "properties": {"fr": {"type": "string"}, "en": {"type": "string"}},
    "required": ["fr", "en"],
    "additionalProperties": False,
}
_STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_PER_LANG = {
    "type": "object",
    "properties": {"fr": _STRINGS, "en": _STRINGS},
    "additionalProperties": False,
}
_MOMENT = {
    "type": "string",
    "description": "a day (2026-03-12) or a time (2026-03-12T10:00:00, offset optional)",
}
_EVENT = {
    "type": "object",
    "properties": {
        "title": _TEXT,
        "start": _MOMENT,
        "end": _MOMENT,
        "timezone": {"type": "string", "description": "a zoneinfo name: America/Montreal"},
        "city": _TEXT,
        "people": {"type": "array", "items": _ID},
    },
    "required": ["title", "start"],
    "additionalProperties": {
        "description": "any other fact of the event: a text, a list of texts or a date",
        "anyOf": [_TEXT, {"type": "array", "items": _TEXT}, {"type": "string"}],
    },
}
_PERSON = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "rank": _TEXT,
        "role": _TEXT,
        "abbr": {"type": "string"},
        "aliases": _STRINGS,
    },
    "required": ["name", "role"],
    "additionalProperties": False,
}
_QUOTE = {
    "type": "object",
    "properties": {"speaker": _ID, "at": _ID, "text": _TEXT},
    "required": ["speaker", "text"],
    "additionalProperties": _TEXT,
}
_ITEM = {
    "type": "object",
    "properties": {
        "id": _ID,
        "covers": {"type": "array", "items": _ID},
        "text": {"type": "string"},
    },
    "required": ["text"],
    "additionalProperties": False,
}
_LIST = {
    "type": "object",
    "properties": {
        "noun": _TEXT,
        "fr": {"type": "array", "items": _ITEM},
        "en": {"type": "array", "items": _ITEM},
    },
    "required": ["fr", "en"],
    "additionalProperties": False,
}
_LINK = {
    "type": "object",
    "properties": {"title": _TEXT, "url": {"type": "string", "pattern": "^https?://"}},
    "required": ["title", "url"],
    "additionalProperties": False,
}
_SOURCE = {
    "type": "object",
    "properties": {"title": {"type": "string"}, "url": {"type": "string"}},
    "required": ["title", "url"],
}
_COMMAND = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "pattern": f"^[-_a-z0-9]{{1,{COMMAND_NAME_CHARS}}}$"},
        "name_fr": {"type": "string", "pattern": f"^[-_'\\\\w]{{1,{COMMAND_NAME_CHARS}}}$"},
        "description": {
            "type": "object",
            "properties": {
                lang: {"type": "string", "minLength": 1, "maxLength": COMMAND_DESCRIPTION_CHARS}
                for lang in ("fr", "en")
            },
            "required": ["fr", "en"],
        },
        "answer": {"type": "string", "description": "a cell id: subject.cell"},
    },
    "required": ["name", "name_fr", "description", "answer"],
    "additionalProperties": False,
}
_BOT = {
    "type": "object",
    "properties": {
        "topic": _TEXT,
        "source": _TEXT,
        "help": _TEXT,
        "examples": {"type": "array", "items": {"type": "string"}},
        "timezone": {"type": "string"},
        "colour": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
        "commands": {"type": "array", "items": _COMMAND},
    },
    "required": ["topic", "source", "help", "examples", "timezone"],
    "additionalProperties": False,
}
_TEMPLATE = {
    "anyOf": [{"type": "string"}, {"type": "object", "additionalProperties": {"type": "string"}}]
}
_CELL = {
    "type": "object",
    "properties": {
        "id": _ID,
        "serves": {"type": "array", "items": {"type": "string"}},
        "title": _TEXT,
        "label": _TEXT,
        "keywords": _PER_LANG,
        "paraphrases": _PER_LANG,
        "answer": {"type": "object", "properties": {"fr": _TEMPLATE, "en": _TEMPLATE}},
        "tense": _ID,
        "not_said": {"type": "boolean"},
        "at": _ID,
    },
    "required": ["id", "title", "label", "answer"],
    "additionalProperties": False,
}
_SUBJECT = {
    "type": "object",
    "properties": {
        "id": _ID,
        "title": _TEXT,
        "concepts": {"type": "array", "items": {"type": "string"}},
        "refer": {"enum": ["he", "it"]},
        "default": _ID,
        "cells": {"type": "array", "items": _CELL, "minItems": 1},
        "part_of": _ID,
        "time": _ID,
        "people": {"type": "array", "items": _ID},
        "person": _ID,
        "item": _ID,
        "items": _ID,
    },
    "required": ["id", "title", "default", "cells"],
    "additionalProperties": False,
}
_ASPECT = {
    "type": "object",
    "properties": {
        "id": _ID,
        "cues": {"type": "array", "items": {"type": "string"}},
        "weak_cues": {"type": "array", "items": {"type": "string"}},
        "vague": {"type": "boolean"},
    },
    "required": ["id", "cues"],
    "additionalProperties": False,
}


def _map(value: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": value}


SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "briefbot knowledge file",
    "type": "object",
    "properties": {
        "bot": _BOT,
        "events": _map(_EVENT),
        "people": _map(_PERSON),
        "quotes": _map(_QUOTE),
        "lists": _map(_LIST),
        "links": _map(_LINK),
        "sources": {"type": "object", "properties": {"fr": _SOURCE, "en": _SOURCE}},
        "subjects": {"type": "array", "items": _SUBJECT},
        "aspects": {"type": "array", "items": _ASPECT},
        "concepts": _map(_STRINGS),
        "off_scope": {
            "type": "object",
            "properties": {"any": _STRINGS, "fr": _STRINGS, "en": _STRINGS},
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}
