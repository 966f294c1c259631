"""The message catalogue: both languages, same keys, same placeholders."""

from __future__ import annotations

import string

from briefbot.messages import MESSAGES, message


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_and_the_same_placeholders() -> None:
    """A missing translation or placeholder fails here, not silently in chat."""
    problems = []
    for key, texts in MESSAGES.items():
        if set(texts) != {"fr", "en"}:
            problems.append(f"{key}: languages {sorted(texts)}")
            continue
        if not texts["fr"].strip() or not texts["en"].strip():
            problems.append(f"{key}: empty text")
        if _fields(texts["fr"]) != _fields(texts["en"]):
            problems.append(f"{key}: fr {_fields(texts['fr'])} != en {_fields(texts['en'])}")
    assert problems == []


def test_message_fills_placeholders() -> None:
    """Named placeholders are filled, including one called 'lang'."""
    assert message("console.lang", "fr", lang="en") == "Langue de réponse : en."
    assert "12" in message("invalid.too_long", "en", length=12, limit=5)
