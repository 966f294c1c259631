"""Every user-facing sentence, keyed by message id, French and English side by side.

Placeholders are named (``{limit}``); a test checks both languages have the
same keys and the same placeholders, so a missing translation fails CI.
"""

from __future__ import annotations

from typing import Final

from briefbot.engine.types import Lang

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "invalid.empty": {
        "fr": "Posez-moi une question sur {topic}.",
        "en": "Ask me a question about {topic}.",
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
        "fr": "Je ne peux pas répondre à cela : je réponds uniquement aux questions sur {topic}, d’après {source}. Essayez par exemple :\n{examples}",
        "en": "I can’t answer that: I only answer questions about {topic}, from {source}. Try for example:\n{examples}",
    },
    "clarify": {
        "fr": "Je ne suis pas sûr de comprendre. Vouliez-vous demander :\n{options}",
        "en": "I’m not sure what you mean. Did you mean:\n{options}",
    },
    "not_said": {
        "fr": "L’annonce ne le dit pas à propos {subject}.",
        "en": "The announcement does not say that about {subject}.",
    },
    "not_said.others": {
        "fr": "Elle répond en revanche à :\n{options}",
        "en": "It does answer:\n{options}",
    },
    "verdict.yes": {"fr": "Oui.", "en": "Yes."},
    "verdict.no": {
        "fr": "Non, pas d’après l’annonce.",
        "en": "No, not according to the announcement.",
    },
    "ask.off_topic": {
        "fr": "Je ne peux pas répondre à cette partie : elle sort de l’annonce.",
        "en": "I can’t answer this part: it is outside the announcement.",
    },
    "ask.too_many": {
        "fr": "Je réponds aux {count} premières questions de votre message.",
        "en": "I answer the first {count} questions of your message.",
    },
    "languages": {
        "fr": "Je réponds en français et en anglais. / I answer in English and French.",
        "en": "I answer in English and French. / Je réponds en français et en anglais.",
    },
    "note.other_language": {
        "fr": "Je réponds en français et en anglais ; voici ma réponse en anglais.",
        "en": "I answer in English and French; here is my answer in English.",
    },
    "note.version": {
        "fr": "Dans la version {version} de l’annonce :",
        "en": "In the {version} version of the announcement:",
    },
    "note.version_count": {
        "fr": "La version {version} de l’annonce compte {count} :",
        "en": "The {version} version of the announcement has {count}:",
    },
    "note.other_version_count": {
        "fr": "(La version {version} de l’annonce en compte {count}.)",
        "en": "(The {version} version of the announcement has {count}.)",
    },
    "note.misquoted": {
        "fr": "L’annonce ne cite pas ces mots. Voici ce qu’elle cite :",
        "en": "The announcement does not quote those words. Here is what it quotes:",
    },
    "version.fr": {"fr": "française", "en": "French"},
    "version.en": {"fr": "anglaise", "en": "English"},
    "status.future": {
        "fr": "Pas encore : {title} a lieu le {when}, {relative}.",
        "en": "Not yet: {title} takes place on {when}, {relative}.",
    },
    "status.now": {
        "fr": "En cours : {title} se tient le {when} ; début {relative}.",
        "en": "Under way: {title} runs on {when}; it started {relative}.",
    },
    "status.last_day": {
        "fr": "En cours : {title} se tient le {when} ; aujourd’hui est son dernier jour.",
        "en": "Under way: {title} runs on {when}; today is its last day.",
    },
    "status.started": {
        "fr": "C’est commencé : {title} a débuté le {when}, {relative} ; l’annonce n’en donne pas la durée.",
        "en": "It has started: {title} began on {when}, {relative}; the announcement does not say how long it lasts.",
    },
    "status.past": {
        "fr": "C’est passé : {title} a eu lieu le {when}, {relative}.",
        "en": "It is over: {title} took place on {when}, {relative}.",
    },
    "console.welcome": {
        "fr": "briefbot — posez une question (/help pour l’aide, /quit pour sortir).",
        "en": "briefbot — ask a question (/help for help, /quit to leave).",
    },
    "console.commands": {
        "fr": "Commandes : /help, /explain (pourquoi cette réponse), /lang fr|en|auto, /reload (relire la base de connaissances), /quit. Ctrl-D ou Ctrl-C pour sortir.",
        "en": "Commands: /help, /explain (why that answer), /lang fr|en|auto, /reload (read the knowledge base again), /quit. Ctrl-D or Ctrl-C to leave.",
    },
    "console.nothing": {
        "fr": "Rien à expliquer : posez d’abord une question.",
        "en": "Nothing to explain yet: ask a question first.",
    },
    "console.lang": {
        "fr": "Langue de réponse : {lang}.",
        "en": "Answer language: {lang}.",
    },
    "console.reloaded": {
        "fr": "Base de connaissances rechargée : version {old} → {new} ({answers} réponses).",
        "en": "Knowledge base reloaded: version {old} → {new} ({answers} answers).",
    },
    "console.reload_unchanged": {
        "fr": "Base de connaissances inchangée (version {version}).",
        "en": "Knowledge base unchanged (version {version}).",
    },
    "console.reload_failed": {
        "fr": "Base de connaissances non rechargée ; je réponds toujours avec la version {version}. {problem}",
        "en": "Knowledge base not reloaded; still answering from version {version}. {problem}",
    },
    "console.unknown_command": {
        "fr": "Commande inconnue : {command}. Tapez /help.",
        "en": "Unknown command: {command}. Type /help.",
    },
    "source": {
        "fr": "Source : {title}",
        "en": "Source: {title}",
    },
    # --- Discord: slash and context-menu commands (names, descriptions, choices) ---
    "cmd.ask": {"fr": "question", "en": "ask"},
    "cmd.ask.description": {
        "fr": "Poser une question sur l’annonce, en français ou en anglais",
        "en": "Ask a question about the announcement, in English or French",
    },
    "cmd.ask.question": {"fr": "question", "en": "question"},
    "cmd.ask.question.description": {
        "fr": "Votre question, en français ou en anglais",
        "en": "Your question, in English or French",
    },
    "cmd.about": {"fr": "a-propos", "en": "about"},
    "cmd.about.description": {
        "fr": "D’où viennent les réponses de briefbot (les sources, avec leurs liens)",
        "en": "Where briefbot’s answers come from (the sources, with links)",
    },
    "cmd.help": {"fr": "aide", "en": "help"},
    "cmd.help.description": {
        "fr": "Ce que briefbot sait faire, et comment lui poser une question",
        "en": "What briefbot can do, and how to ask it a question",
    },
    "cmd.settings": {"fr": "parametres", "en": "settings"},
    "cmd.settings.description": {
        "fr": "Voir ou changer les réglages de briefbot sur ce serveur",
        "en": "See or change briefbot’s settings on this server",
    },
    "cmd.settings.language": {"fr": "langue", "en": "language"},
    "cmd.settings.language.description": {
        "fr": "Langue des réponses quand ni la question ni la personne ne l’indiquent",
        "en": "Answer language when neither the question nor the person tells",
    },
    "cmd.settings.answer_here": {"fr": "repondre-ici", "en": "answer-here"},
    "cmd.settings.answer_here.description": {
        "fr": "Répondre à chaque question de ce salon, sans mention (oui) ou plus (non)",
        "en": "Answer every question in this channel without a mention (true) or stop (false)",
    },
    "cmd.settings.enabled": {"fr": "actif", "en": "enabled"},
    "cmd.settings.enabled.description": {
        "fr": "Répondre dans les salons de ce serveur (oui) ou rester silencieux (non)",
        "en": "Answer in this server’s channels (true) or stay silent (false)",
    },
    "cmd.settings.lang.fr": {"fr": "Français", "en": "French"},
    "cmd.settings.lang.en": {"fr": "Anglais", "en": "English"},
    "cmd.settings.lang.auto": {
        "fr": "Automatique (langue du serveur)",
        "en": "Automatic (the server’s language)",
    },
    "cmd.stats": {"fr": "statistiques", "en": "stats"},
    "cmd.stats.description": {
        "fr": "Les questions posées sur ce serveur et les réponses données",
        "en": "The questions asked on this server and the answers given",
    },
    "cmd.stats.days": {"fr": "jours", "en": "days"},
    "cmd.stats.days.description": {
        "fr": "Seulement les N derniers jours (par défaut : tout)",
        "en": "Only the last N days (default: all time)",
    },
    "cmd.menu.ask": {"fr": "Demander à briefbot", "en": "Ask briefbot"},
    # --- Discord: replies ---
    "bot.cooldown": {
        "fr": "Doucement : vous pourrez poser une autre question dans {seconds} s.",
        "en": "Easy there: you can ask another question in {seconds} s.",
    },
    "bot.error": {
        "fr": "Désolé, quelque chose s’est mal passé. Réessayez dans un instant.",
        "en": "Sorry, something went wrong. Please try again in a moment.",
    },
    "bot.not_manager": {
        "fr": "Seules les personnes qui peuvent gérer ce serveur peuvent utiliser cette commande.",
        "en": "Only people who can manage this server can use this command.",
    },
    "bot.guild_only": {
        "fr": "Cette commande ne fonctionne que sur un serveur.",
        "en": "This command only works in a server.",
    },
    "bot.no_text": {
        "fr": "Ce message ne contient pas de texte à qui répondre.",
        "en": "This message has no text to answer.",
    },
    "bot.feedback.up": {
        "fr": "Merci ! Votre 👍 est enregistré.",
        "en": "Thanks! Your 👍 is recorded.",
    },
    "bot.feedback.down": {
        "fr": "Merci ! Votre 👎 est enregistré : il aide à améliorer les réponses.",
        "en": "Thanks! Your 👎 is recorded: it helps improve the answers.",
    },
    "bot.feedback.unknown": {
        "fr": "Cette réponse est trop ancienne pour recevoir un avis.",
        "en": "This answer is too old to take a vote.",
    },
    "bot.settings.title": {
        "fr": "Réglages de briefbot sur {guild}",
        "en": "briefbot settings on {guild}",
    },
    "bot.settings.language": {"fr": "Langue par défaut", "en": "Default language"},
    "bot.settings.language.auto": {
        "fr": "automatique (langue du serveur : {lang})",
        "en": "automatic (the server’s language: {lang})",
    },
    "bot.settings.channels": {"fr": "Salons sans mention", "en": "Channels without a mention"},
    "bot.settings.channels.none": {
        "fr": "aucun : je réponds quand on me mentionne",
        "en": "none: I answer when mentioned",
    },
    "bot.settings.channels.no_intent": {
        "fr": "Ces salons demandent l’intent « Message Content », que ce bot n’utilise pas (BRIEFBOT_MESSAGE_CONTENT) : d’ici là, je n’y réponds qu’aux mentions.",
        "en": "These channels need the Message Content intent, which this bot does not use (BRIEFBOT_MESSAGE_CONTENT): until then I answer only mentions there.",
    },
    "bot.settings.enabled": {"fr": "Réponses dans les salons", "en": "Answers in channels"},
    "bot.settings.on": {"fr": "activées", "en": "on"},
    "bot.settings.off": {
        "fr": "désactivées (les commandes / restent disponibles)",
        "en": "off (slash commands still work)",
    },
    "bot.settings.saved": {"fr": "Réglages enregistrés.", "en": "Settings saved."},
    "bot.stats.title": {"fr": "briefbot sur {guild}", "en": "briefbot on {guild}"},
    "bot.stats.all_time": {"fr": "depuis le début", "en": "all time"},
    "bot.stats.since": {"fr": "depuis {when}", "en": "since {when}"},
    "bot.stats.summary": {
        "fr": "{total} questions, {answered} répondues ({rate}), {users} personnes",
        "en": "{total} questions, {answered} answered ({rate}), {users} people",
    },
    "bot.stats.by_lang": {"fr": "Par langue", "en": "By language"},
    "bot.stats.top_topics": {"fr": "Sujets les plus demandés", "en": "Top topics"},
    "bot.stats.unanswered": {
        "fr": "Questions restées sans réponse",
        "en": "Unanswered questions",
    },
    "bot.stats.feedback": {"fr": "Avis 👍/👎 par sujet", "en": "👍/👎 votes per topic"},
    "bot.stats.none": {"fr": "(aucune)", "en": "(none)"},
    "bot.about.title": {"fr": "À propos de briefbot", "en": "About briefbot"},
    "bot.about.body": {
        "fr": "Je réponds aux questions sur {topic}, uniquement d’après {source}. Quand l’annonce ne dit rien, je le dis.",
        "en": "I answer questions about {topic}, only from {source}. When the announcement says nothing, I say so.",
    },
    "bot.about.sources": {"fr": "Sources", "en": "Sources"},
    "bot.about.version": {"fr": "briefbot {version}", "en": "briefbot {version}"},
    "bot.help.title": {"fr": "Aide de briefbot", "en": "briefbot help"},
    "bot.help.how": {"fr": "Comment me poser une question", "en": "How to ask me"},
    "bot.help.ways": {
        "fr": "• mentionnez-moi : {mention} votre question\n• en message privé\n• avec {ask}\n• clic droit sur un message → Applications → « Demander à briefbot »",
        "en": "• mention me: {mention} your question\n• in a direct message\n• with {ask}\n• right-click a message → Apps → “Ask briefbot”",
    },
    "bot.help.commands": {"fr": "Commandes", "en": "Commands"},
}


def message(key: str, lang: Lang, /, **values: object) -> str:
    """The message ``key`` in ``lang``, with its placeholders filled."""
    return MESSAGES[key][lang].format(**values)
