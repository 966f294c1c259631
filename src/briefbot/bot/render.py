"""Answers as Discord messages, always within Discord's limits.

Pure: an :class:`Answer` in, message parts out (content and ``discord.Embed``
values, which are plain data). Discord refuses a whole message when one part is
too long (HTTP 400), so every text is measured here and split or trimmed with
an ellipsis, never left for Discord to reject.
"""

from __future__ import annotations

from dataclasses import dataclass

import discord

from briefbot.engine.types import Answer, Kind
from briefbot.messages import message

# Discord's limits (https://discord.com/developers/docs/resources/message).
CONTENT_LIMIT = 2000
EMBED_TITLE_LIMIT = 256
EMBED_DESCRIPTION_LIMIT = 4096
EMBED_FIELD_NAME_LIMIT = 256
EMBED_FIELD_VALUE_LIMIT = 1024
EMBED_FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000  # title, description, fields, footer and author of all embeds together
EMBEDS_PER_MESSAGE = 10
EMBED_FIELDS_LIMIT = 25
# A field continuing the one above it has no name of its own: Discord needs a
# non-empty name, so it is a zero-width space.
CONTINUED = "\u200b"
BUTTON_LABEL_LIMIT = 80

ELLIPSIS = "…"
# Answers take the knowledge base's colour (``bot.colour``); these are the defaults.
COLOURS = {
    Kind.ANSWER: discord.Colour(0x5865F2),
    Kind.CLARIFY: discord.Colour(0xE0A100),
    Kind.DECLINE: discord.Colour(0x7F8C8D),
}


@dataclass(frozen=True, slots=True)
class Part:
    """One message: its content and embeds (either may be empty, not both)."""

    content: str = ""
    embeds: tuple[discord.Embed, ...] = ()


def clip(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else cut at a word and ended with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def split(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut between paragraphs,
    lines or words when one falls in the second half of a piece."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[: limit + 1]
        cut = -1
        for separator in ("\n\n", "\n", " "):
            cut = window.rfind(separator)
            if cut >= limit // 2:
                break
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _footer(answer: Answer) -> str:
    if answer.source is None:
        return ""
    line = message("source", answer.lang, title=answer.source.title)
    return clip(f"{line}\n{answer.source.url}", EMBED_FOOTER_LIMIT)


def _colour(answer: Answer, accent: int | None) -> discord.Colour | None:
    if accent is not None and answer.kind is Kind.ANSWER:
        return discord.Colour(accent)
    return COLOURS.get(answer.kind)


def answer_embeds(answer: Answer, accent: int | None = None) -> tuple[discord.Embed, ...]:
    """The answer as embeds: one field per question when the message asked several,
    else the answer's title (linking to the source) and text; the source in the footer.

    A text longer than one embed's description continues in the next embed, a field
    value longer than a field in a continuation field; all of them together stay
    within the 6,000-character total. ``accent``: the answers' colour, 0xRRGGBB.
    """
    if len(answer.asks) > 1 and answer.kind is Kind.ANSWER:
        return (_fields_embed(answer, _colour(answer, accent)),)
    title = clip(answer.title, EMBED_TITLE_LIMIT)
    footer = _footer(answer)
    text = f"{answer.note}\n\n{answer.text}" if answer.note else answer.text
    budget = EMBED_TOTAL_LIMIT - len(title) - len(footer)
    pieces = split(clip(text, budget), EMBED_DESCRIPTION_LIMIT)[:EMBEDS_PER_MESSAGE]
    colour = _colour(answer, accent)
    embeds = [discord.Embed(description=piece, colour=colour) for piece in pieces or [""]]
    if title:
        embeds[0].title = title
        if answer.source is not None:
            embeds[0].url = answer.source.url
    if footer:
        embeds[-1].set_footer(text=footer)
    return tuple(embeds)


def _fields_embed(answer: Answer, colour: discord.Colour | None) -> discord.Embed:
    """Several questions in one message: one field each, in the order asked."""
    footer = _footer(answer)
    note = clip(answer.note, EMBED_DESCRIPTION_LIMIT)
    embed = discord.Embed(description=note or None, colour=colour)
    budget = EMBED_TOTAL_LIMIT - len(footer) - len(note)
    share = budget // len(answer.asks)
    for ask in answer.asks[:EMBED_FIELDS_LIMIT]:
        name = clip(ask.title or ask.question or "…", EMBED_FIELD_NAME_LIMIT)
        values = split(clip(ask.text, max(1, share - len(name))), EMBED_FIELD_VALUE_LIMIT)
        for n, value in enumerate(values or ["…"]):
            embed.add_field(name=name if n == 0 else CONTINUED, value=value, inline=False)
    if footer:
        embed.set_footer(text=footer)
    return embed


def answer_text(answer: Answer) -> list[str]:
    """The answer as plain messages (where the bot may not embed links), each <= 2,000."""
    lines = [answer.note] if answer.note else []
    if len(answer.asks) > 1 and answer.kind is Kind.ANSWER:
        lines.extend(f"**{a.title}**\n{a.text}" if a.title else a.text for a in answer.asks)
    else:
        lines.extend([f"**{answer.title}**"] if answer.title else [])
        lines.append(answer.text)
    if answer.source is not None:
        source = message("source", answer.lang, title=answer.source.title)
        lines.append(f"{source}\n<{answer.source.url}>")
    return split("\n\n".join(lines), CONTENT_LIMIT)


def answer_parts(answer: Answer, *, embeds: bool = True, accent: int | None = None) -> list[Part]:
    """The messages that carry ``answer``: invalid input as a short text, the rest as
    embeds (or as text when ``embeds`` is False, e.g. without the Embed Links permission)."""
    if answer.kind is Kind.INVALID:
        return [Part(content=clip(answer.text, CONTENT_LIMIT))]
    if not embeds:
        return [Part(content=piece) for piece in answer_text(answer)]
    return [Part(embeds=answer_embeds(answer, accent))]
