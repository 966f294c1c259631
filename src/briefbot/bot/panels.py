"""The informational embeds: help, about, a server's settings and statistics.

Pure, like :mod:`briefbot.bot.render`: values in, ``discord.Embed`` out, every
text clipped to Discord's limits. All wording comes from the message catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import discord
from discord.utils import escape_markdown, escape_mentions

from briefbot.bot.render import (
    COLOURS,
    EMBED_DESCRIPTION_LIMIT,
    EMBED_FIELD_VALUE_LIMIT,
    EMBED_TITLE_LIMIT,
    clip,
)
from briefbot.engine.kb import Identity
from briefbot.engine.types import LANGS, Kind, Lang
from briefbot.messages import message
from briefbot.storage import Count, GuildSettings, Stats

COLOUR = COLOURS[Kind.ANSWER]
# The commands /help lists, by catalogue key, around the knowledge base's topic
# commands; manager-only ones last.
HELP_FIRST = ("cmd.ask",)
HELP_LAST = ("cmd.about", "cmd.help", "cmd.settings", "cmd.stats")
STATS_ROWS = 5
_QUESTION_CHARS = 90


def _lines(lines: Iterable[str], lang: Lang) -> str:
    """Lines joined for one field, clipped to a field's limit; "(none)" when empty."""
    text = "\n".join(lines)
    return clip(text, EMBED_FIELD_VALUE_LIMIT) if text else message("bot.stats.none", lang)


def _title(key: str, lang: Lang, **values: object) -> str:
    return clip(message(key, lang, **values), EMBED_TITLE_LIMIT)


def help_embed(lang: Lang, help_text: str, bot_mention: str, identity: Identity) -> discord.Embed:
    """What briefbot does, the ways to ask, and every command in ``lang``."""
    embed = discord.Embed(
        title=_title("bot.help.title", lang),
        description=clip(help_text, EMBED_DESCRIPTION_LIMIT),
        colour=discord.Colour(identity.colour),
    )
    ask = f"/{message('cmd.ask', lang)}"
    embed.add_field(
        name=message("bot.help.how", lang),
        value=_lines([message("bot.help.ways", lang, mention=bot_mention, ask=ask)], lang),
        inline=False,
    )

    def line(key: str) -> str:
        return f"/{message(key, lang)} — {message(f'{key}.description', lang)}"

    commands = [
        *(line(key) for key in HELP_FIRST),
        *(
            f"/{c.name_fr if lang == 'fr' else c.name} — {c.description[lang]}"
            for c in identity.commands
        ),
        *(line(key) for key in HELP_LAST),
    ]
    embed.add_field(name=message("bot.help.commands", lang), value=_lines(commands, lang))
    return embed


def about_embed(
    lang: Lang, sources: Mapping[Lang, Mapping[str, str]], version: str, identity: Identity
) -> discord.Embed:
    """Where the answers come from: the announcement, linked, in ``lang`` first."""
    body = message("bot.about.body", lang, topic=identity.topic[lang], source=identity.source[lang])
    embed = discord.Embed(
        title=_title("bot.about.title", lang),
        description=clip(body, EMBED_DESCRIPTION_LIMIT),
        colour=discord.Colour(identity.colour),
    )
    links: list[str] = []
    for source_lang in sorted(LANGS, key=lambda other: other != lang):
        source = sources.get(source_lang)
        if source is None:
            continue
        title = escape_markdown(source["title"]).replace("]", "\\]")
        links.append(f"[{title}]({source['url']})")
    embed.add_field(name=message("bot.about.sources", lang), value=_lines(links, lang))
    embed.set_footer(text=message("bot.about.version", lang, version=version))
    return embed


def settings_embed(
    lang: Lang,
    guild_name: str,
    settings: GuildSettings,
    *,
    guild_lang: Lang,
    message_content: bool,
) -> discord.Embed:
    """One server's settings as its managers see them in /settings."""
    embed = discord.Embed(title=_title("bot.settings.title", lang, guild=guild_name), colour=COLOUR)
    if settings.default_lang in LANGS:
        language = message(f"cmd.settings.lang.{settings.default_lang}", lang)
    else:
        language = message(
            "bot.settings.language.auto",
            lang,
            lang=message(f"cmd.settings.lang.{guild_lang}", lang),
        )
    embed.add_field(name=message("bot.settings.language", lang), value=language, inline=False)
    channels = [f"<#{channel_id}>" for channel_id in sorted(settings.answer_channels)]
    if not channels:
        channels = [message("bot.settings.channels.none", lang)]
    elif not message_content:
        channels.append(message("bot.settings.channels.no_intent", lang))
    embed.add_field(
        name=message("bot.settings.channels", lang), value=_lines(channels, lang), inline=False
    )
    state = message("bot.settings.on" if settings.enabled else "bot.settings.off", lang)
    embed.add_field(name=message("bot.settings.enabled", lang), value=state, inline=False)
    return embed


def _counts(counts: Sequence[Count], names: Mapping[str, str]) -> list[str]:
    return [
        f"{names.get(c.key, c.key)}: {c.total} ({c.answered}, {c.answer_rate:.0%})"
        for c in counts[:STATS_ROWS]
    ]


def _quoted(text: str) -> str:
    flat = " ".join(text.split())
    return escape_mentions(escape_markdown(clip(flat, _QUESTION_CHARS)))


def stats_embed(
    lang: Lang, guild_name: str, stats: Stats, topic_titles: Mapping[str, str]
) -> discord.Embed:
    """One server's figures for /stats; ``topic_titles`` names topics in ``lang``."""
    when = (
        message("bot.stats.all_time", lang)
        if stats.since is None
        else message("bot.stats.since", lang, when=discord.utils.format_dt(stats.since, "d"))
    )
    summary = message(
        "bot.stats.summary",
        lang,
        total=stats.total,
        answered=stats.answered,
        rate=f"{stats.answer_rate:.0%}",
        users=stats.distinct_users,
    )
    embed = discord.Embed(
        title=_title("bot.stats.title", lang, guild=guild_name),
        description=f"{when}\n{summary}",
        colour=COLOUR,
    )
    languages: dict[str, str] = {code: message(f"cmd.settings.lang.{code}", lang) for code in LANGS}
    embed.add_field(
        name=message("bot.stats.by_lang", lang),
        value=_lines(_counts(stats.by_lang, languages), lang),
    )
    embed.add_field(
        name=message("bot.stats.top_topics", lang),
        value=_lines(_counts(stats.top_topics, topic_titles), lang),
    )
    unanswered = [f"{g.count} × {_quoted(g.question)}" for g in stats.unanswered[:STATS_ROWS]]
    embed.add_field(
        name=message("bot.stats.unanswered", lang), value=_lines(unanswered, lang), inline=False
    )
    votes = [
        f"{topic_titles.get(f.topic, f.topic)}: 👍 {f.up} · 👎 {f.down}"
        for f in stats.feedback[:STATS_ROWS]
    ]
    embed.add_field(
        name=message("bot.stats.feedback", lang), value=_lines(votes, lang), inline=False
    )
    return embed
