"""Shape checks for parsed YAML values, shared by the knowledge-base validators.

Each check records what is wrong in a :class:`Problems` list and returns a
usable placeholder value, so validation goes on and a curator sees every
problem of every file in one run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from briefbot.engine.types import LANGS, Lang

# A template placeholder is a plain dotted name in braces: {people.bauer.the}.
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.]+)\}")
# Anything in braces, to catch what a plain name is not: {press.when!r:>9}.
_BRACED = re.compile(r"\{[^{}]*\}")
ID = re.compile(r"^[a-z][a-z0-9_]*$")


class Problems:
    """Collects problems so a curator sees all of them in one run."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, file: str, entry: str, message: str) -> None:
        """Record one problem: the file, the entry within it, and what is wrong."""
        self.items.append(f"{file}: {entry}: {message}")


def text(value: Any) -> str | None:
    """A stripped non-empty string, or None."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def bilingual(
    p: Problems, file: str, entry: str, value: Any, *, allow_empty: bool = False
) -> dict[Lang, str]:
    """A ``{fr: ..., en: ...}`` pair; both languages must be present."""
    out: dict[Lang, str] = {}
    if not isinstance(value, Mapping):
        p.add(file, entry, "expected a mapping with 'fr' and 'en'")
        return {lang: "" for lang in LANGS}
    for lang in LANGS:
        raw = value.get(lang)
        if allow_empty and isinstance(raw, str):
            out[lang] = raw.strip()
        elif (found := text(raw)) is not None:
            out[lang] = found
        else:
            p.add(file, entry, f"missing or empty '{lang}' text")
            out[lang] = ""
    return out


def strings(p: Problems, file: str, entry: str, value: Any) -> tuple[str, ...]:
    """A list of non-empty strings."""
    if not isinstance(value, list) or not all(text(v) for v in value):
        p.add(file, entry, "expected a list of non-empty strings")
        return ()
    return tuple(str(v).strip() for v in value)


def per_lang(p: Problems, file: str, entry: str, value: Any) -> dict[Lang, tuple[str, ...]]:
    """``{fr: [...], en: [...]}``; a missing language is an empty list."""
    if value is None:
        return {lang: () for lang in LANGS}
    if not isinstance(value, Mapping):
        p.add(file, entry, "expected a mapping with 'fr' and 'en' lists")
        return {lang: () for lang in LANGS}
    return {
        lang: strings(p, file, f"{entry}.{lang}", value[lang]) if lang in value else ()
        for lang in LANGS
    }


def iso_date(p: Problems, file: str, entry: str, value: Any) -> date:
    """An ISO date (YAML may already have parsed it)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        p.add(file, entry, f"expected an ISO date (YYYY-MM-DD), got {value!r}")
        return date(1970, 1, 1)


def iso_datetime(p: Problems, file: str, entry: str, value: Any) -> datetime:
    """An ISO date-time with its UTC offset."""
    fallback = datetime.fromisoformat("1970-01-01T00:00:00+00:00")
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        p.add(file, entry, f"expected an ISO date-time with offset, got {value!r}")
        return fallback
    if parsed.tzinfo is None:
        p.add(file, entry, "the date-time needs a UTC offset, e.g. +01:00")
        return fallback
    return parsed


def template_problems(template: str, keys: frozenset[str]) -> list[str]:
    """What is wrong with a template's placeholders: unknown names, or braces that are
    not a plain ``{name}`` (unclosed, or with a format spec users would see verbatim)."""
    problems = []
    for braced in _BRACED.findall(template):
        name = braced[1:-1]
        if not PLACEHOLDER.fullmatch(braced):
            problems.append(f"malformed placeholder {braced} (only plain {{name}} is allowed)")
        elif name not in keys:
            problems.append(f"unknown fact {braced}")
    if "{" in _BRACED.sub("", template) or "}" in _BRACED.sub("", template):
        problems.append("unbalanced brace (a placeholder is {name})")
    return problems
