"""French names and descriptions for the application commands, from the message catalogue.

Each command, option and choice names its catalogue key with :func:`text`, or,
for the knowledge base's topic commands, carries its French text (:func:`bilingual`);
``tree.sync`` asks :class:`CatalogueTranslator` for every Discord locale, and
it answers for French. The English text is the default Discord shows everyone
else, so both languages live side by side in ``messages.py`` and a missing
translation fails the catalogue test instead of shipping an English-only command.
"""

from __future__ import annotations

from discord import Locale, app_commands

from briefbot.bot.language import lang_of
from briefbot.messages import MESSAGES


def text(key: str) -> app_commands.locale_str:
    """The catalogue's English text for ``key``, marked for translation."""
    return app_commands.locale_str(MESSAGES[key]["en"], key=key)


def bilingual(en: str, fr: str) -> app_commands.locale_str:
    """A text given in both languages (a knowledge base's topic command), marked for translation."""
    return app_commands.locale_str(en, fr=fr)


class CatalogueTranslator(app_commands.Translator):
    """Translates :func:`text` strings into French; other locales get the English default."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if lang_of(locale.value) != "fr":
            return None
        key = string.extras.get("key")
        if key is None:
            french: str | None = string.extras.get("fr")
            return french
        return MESSAGES[key]["fr"]
