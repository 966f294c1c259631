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

# A template placeholder is a plain dotted name in braces: {people.keller.the}.
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.]+)\}")
# Anything in braces, to catch what a plain name is not: {press.when!r:>9}.
_BRACED = re.compile(r"\{[^{}]*\}")
ID = re.compile(r"^[a-z][a-z0-9_]*$")


class Problems:
    """Collects problems so a curator sees all of them in one run."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, file: str, entry: str, message: str, line: int | None = None) -> None:
        """Record one problem: the file and line, the entry within it, and what is wrong."""
        where = f"{file}:{line}" if line else file
        self.items.append(f"{where}: {entry}: {message}")


def line_of(node: Any, key: Any = None) -> int | None:
    """The line (from 1) where ``node[key]``, else ``node``, starts in its file.

    The loader (``briefbot.knowledge``) hands over mappings and lists that carry
    ``line`` and, for mappings, ``lines`` (key -> line); values built any other
    way (tests, plain dicts) have none, and problems then name no line.
    """
    lines = getattr(node, "lines", None)
    if key is not None and isinstance(lines, Mapping) and key in lines:
        return int(lines[key])
    line = getattr(node, "line", None)
    return line if isinstance(line, int) else None


def text(value: Any) -> str | None:
    """A stripped non-empty string, or None."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def bilingual(
    p: Problems,
    file: str,
    entry: str,
    value: Any,
    *,
    allow_empty: bool = False,
    line: int | None = None,
) -> dict[Lang, str]:
    """A ``{fr: ..., en: ...}`` pair; both languages must be present. ``line``: where the
    value's key is, for a problem when the value has no line of its own (a missing one)."""
    out: dict[Lang, str] = {}
    if not isinstance(value, Mapping):
        p.add(file, entry, "expected a mapping with 'fr' and 'en'", line_of(value) or line)
        return {lang: "" for lang in LANGS}
    for lang in LANGS:
        raw = value.get(lang)
        if allow_empty and isinstance(raw, str):
            out[lang] = raw.strip()
        elif (found := text(raw)) is not None:
            out[lang] = found
        else:
            p.add(file, entry, f"missing or empty '{lang}' text", line_of(value, lang) or line)
            out[lang] = ""
    return out


def strings(
    p: Problems, file: str, entry: str, value: Any, *, line: int | None = None
) -> tuple[str, ...]:
    """A list of non-empty strings."""
    if not isinstance(value, list) or not all(text(v) for v in value):
        p.add(file, entry, "expected a list of non-empty strings", line_of(value) or line)
        return ()
    return tuple(str(v).strip() for v in value)


def per_lang(
    p: Problems, file: str, entry: str, value: Any, *, line: int | None = None
) -> dict[Lang, tuple[str, ...]]:
    """``{fr: [...], en: [...]}``; a missing language is an empty list."""
    if value is None:
        return {lang: () for lang in LANGS}
    if not isinstance(value, Mapping):
        p.add(file, entry, "expected a mapping with 'fr' and 'en' lists", line_of(value) or line)
        return {lang: () for lang in LANGS}
    return {
        lang: strings(p, file, f"{entry}.{lang}", value[lang], line=line_of(value, lang))
        if lang in value
        else ()
        for lang in LANGS
    }


def iso_date(p: Problems, file: str, entry: str, value: Any, line: int | None = None) -> date:
    """An ISO date (YAML may already have parsed it)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        p.add(file, entry, f"expected an ISO date (YYYY-MM-DD), got {value!r}", line)
        return date(1970, 1, 1)


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
