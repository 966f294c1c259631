"""Every user-facing sentence, keyed by message id, French and English side by side.

Placeholders are named (``{limit}``); a test checks both languages have the
same keys and the same placeholders, so a missing translation fails CI.
"""

from __future__ import annotations

from typing import Final

from briefbot.engine.types import Lang

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "invalid.empty": {
        "fr": "Posez-moi une question sur la réunion des chefs d’état-major de la défense de l’OTAN (Bruxelles, 15-16 janvier 2025).",
        "en": "Ask me a question about the meeting of NATO’s Chiefs of Defence (Brussels, 15-16 January 2025).",
    },
    "invalid.too_long": {
        "fr": "Votre question est trop longue ({length} caractères ; {limit} au plus). Posez-la en une phrase courte.",
        "en": "Your question is too long ({length} characters; {limit} at most). Please ask it in one short sentence.",
    },
    "invalid.unreadable": {
        "fr": "Je n’ai pas trouvé de mots dans votre message. Posez votre question en français ou en anglais.",
        "en": "I found no words in your message. Please ask your question in English or French.",
    },
    "decline": {
        "fr": "Je ne peux pas répondre à cela : je réponds uniquement aux questions sur la réunion des chefs d’état-major de la défense de l’OTAN (Bruxelles, 15-16 janvier 2025), d’après l’annonce de l’OTAN. Essayez par exemple :\n{examples}",
        "en": "I can’t answer that: I only answer questions about the meeting of NATO’s Chiefs of Defence (Brussels, 15-16 January 2025), from NATO’s announcement. Try for example:\n{examples}",
    },
    "clarify": {
        "fr": "Je ne suis pas sûr de comprendre. Vouliez-vous demander :\n{options}",
        "en": "I’m not sure what you mean. Did you mean:\n{options}",
    },
    "help": {
        "fr": "Je réponds, en français ou en anglais, aux questions sur la réunion des chefs d’état-major de la défense de l’OTAN à Bruxelles (15-16 janvier 2025) : qui a parlé, ce qu’ils ont dit, l’ordre du jour, la conférence de presse, les personnes citées. Mes réponses viennent uniquement de l’annonce de l’OTAN. Exemples :\n{examples}",
        "en": "I answer questions, in English or French, about the meeting of NATO’s Chiefs of Defence in Brussels (15-16 January 2025): who spoke, what they said, the agenda, the press conference, the people named. My answers come only from NATO’s announcement. Examples:\n{examples}",
    },
    "console.welcome": {
        "fr": "briefbot — posez une question (/help pour l’aide, /quit pour sortir).",
        "en": "briefbot — ask a question (/help for help, /quit to leave).",
    },
    "console.commands": {
        "fr": "Commandes : /help, /lang fr|en|auto, /quit. Ctrl-D ou Ctrl-C pour sortir.",
        "en": "Commands: /help, /lang fr|en|auto, /quit. Ctrl-D or Ctrl-C to leave.",
    },
    "console.lang": {
        "fr": "Langue de réponse : {lang}.",
        "en": "Answer language: {lang}.",
    },
    "console.unknown_command": {
        "fr": "Commande inconnue : {command}. Tapez /help.",
        "en": "Unknown command: {command}. Type /help.",
    },
    "source": {
        "fr": "Source : {title}",
        "en": "Source: {title}",
    },
}


def message(key: str, lang: Lang, /, **values: object) -> str:
    """The message ``key`` in ``lang``, with its placeholders filled."""
    return MESSAGES[key][lang].format(**values)
