"""Which language to answer in, when the question itself does not tell.

Pure: the callers pass what they know (a Discord locale, a server's stored
preference) in order of precedence, and get one of briefbot's languages back.
"""

from __future__ import annotations

from briefbot.engine.types import LANGS, Lang


def lang_of(locale: str | None) -> Lang | None:
    """``"fr"`` for French locales, ``"en"`` for English ones (``en-GB``), else None.

    Discord locales name a language and a region (``en-US``, ``es-419``); only
    the language matters here, and a language briefbot does not speak gives no
    answer, so the next source of preference decides.
    """
    if not locale:
        return None
    base = locale.split("-", 1)[0].strip().lower()
    for lang in LANGS:
        if base == lang:
            return lang
    return None


def resolve(*preferences: str | None, default: Lang = "en") -> Lang:
    """The first preference that names French or English; ``default`` otherwise.

    Callers list preferences from the most to the least specific: the user's
    locale, the server's stored default language, the server's locale.
    """
    for preference in preferences:
        lang = lang_of(preference)
        if lang is not None:
            return lang
    return default
