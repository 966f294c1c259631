"""Building the bot's identity (the ``bot`` section) from parsed YAML, with every problem named.

The identity is what changes from one announcement to the next besides its
facts: the texts that introduce the bot, its example questions, its time zone,
its colour and the topic commands Discord shows beside ``/ask``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from briefbot.engine.checks import Problems, bilingual, line_of, strings, text
from briefbot.engine.kb import Identity, Shortcut
from briefbot.engine.types import LANGS
from briefbot.engine.validate_facts import timezone

# Discord's limits on an application command (developer docs, "Application
# Commands"): a name of 1-32 letters, digits, "-", "_" or "'", lower case;
# a description of 1-100 characters.
COMMAND_NAME_CHARS = 32
COMMAND_DESCRIPTION_CHARS = 100
# Command names briefbot itself takes, in either language.
BUILT_IN_COMMANDS = frozenset(
    "ask question about a-propos help aide settings parametres stats statistiques".split()
)
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_TEXTS = ("topic", "source", "help")


def command_name_problem(name: str) -> str | None:
    """Why Discord would refuse ``name`` as a slash command's name, or None."""
    if not 1 <= len(name) <= COMMAND_NAME_CHARS:
        return f"must be 1 to {COMMAND_NAME_CHARS} characters, got {len(name)}"
    if name != name.lower() or not all(c.isalnum() or c in "-_'" for c in name):
        return "must be lower case letters, digits, '-' or '_' (no spaces)"
    return None


def _description(p: Problems, file: str, entry: str, raw: Any, line: int | None) -> None:
    for lang in LANGS:
        value = raw.get(lang) if isinstance(raw, Mapping) else None
        if isinstance(value, str) and len(value.strip()) > COMMAND_DESCRIPTION_CHARS:
            p.add(
                file,
                f"{entry}.{lang}",
                f"Discord allows {COMMAND_DESCRIPTION_CHARS} characters, this has "
                f"{len(value.strip())}",
                line_of(raw, lang) or line,
            )


def _shortcut(p: Problems, file: str, n: int, raw: Any, taken: set[str]) -> Shortcut | None:
    entry = f"bot.commands[{n}]"
    if not isinstance(raw, Mapping):
        p.add(file, entry, "expected a mapping with name, name_fr, description, answer")
        return None
    names = {key: text(raw.get(key)) or "" for key in ("name", "name_fr")}
    for key, name in names.items():
        problem = command_name_problem(name)
        if problem is None and name in taken:
            problem = "is already the name of another command"
        if problem:
            p.add(file, f"{entry}.{key}", f"{name!r} {problem}", line_of(raw, key) or line_of(raw))
        taken.add(name)
    description = raw.get("description")
    _description(p, file, f"{entry}.description", description, line_of(raw, "description"))
    return Shortcut(
        name=names["name"],
        name_fr=names["name_fr"],
        description=bilingual(
            p, file, f"{entry}.description", description, line=line_of(raw, "description")
        ),
        answer=text(raw.get("answer")) or "",
    )


def parse_identity(p: Problems, file: str, raw: Any) -> Identity:
    """The ``bot`` section; which answers its examples and commands name is checked by
    :func:`check_answers` once the subjects are known."""
    if not isinstance(raw, Mapping):
        p.add(file, "bot", "section missing or not a mapping", line_of(raw))
        raw = {}
    texts = {
        key: bilingual(p, file, f"bot.{key}", raw.get(key), line=line_of(raw, key) or line_of(raw))
        for key in _TEXTS
    }
    if "{examples}" not in texts["help"]["fr"] + texts["help"]["en"]:
        p.add(file, "bot.help", "says nothing of {examples}: name them in both languages")
    colour = text(raw.get("colour")) or "#5865F2"
    if not _COLOUR.match(colour):
        p.add(file, "bot.colour", f"expected #RRGGBB, got {colour!r}", line_of(raw, "colour"))
        colour = "#5865F2"
    commands = raw.get("commands", [])
    if not isinstance(commands, list):
        p.add(file, "bot.commands", "expected a list of commands", line_of(raw, "commands"))
        commands = []
    taken = set(BUILT_IN_COMMANDS)
    return Identity(
        topic=texts["topic"],
        source=texts["source"],
        help=texts["help"],
        examples=strings(p, file, "bot.examples", raw.get("examples"), line=line_of(raw)),
        colour=int(colour[1:], 16),
        commands=tuple(
            s for n, c in enumerate(commands, 1) if (s := _shortcut(p, file, n, c, taken))
        ),
    )


def default_zone(p: Problems, file: str, raw: Any) -> str:
    """The knowledge base's time zone (``bot.timezone``)."""
    where = line_of(raw, "timezone") or line_of(raw)
    zone = raw.get("timezone") if isinstance(raw, Mapping) else None
    return timezone(p, file, "bot.timezone", zone, where)


def check_answers(p: Problems, file: str, identity: Identity, cells: Collection[str]) -> None:
    """The examples and commands name answers (cell ids) the knowledge base has."""
    for cell in identity.examples:
        if cell not in cells:
            p.add(file, "bot.examples", f"unknown answer {cell!r} (a cell id: subject.cell)")
    for n, command in enumerate(identity.commands, 1):
        if command.answer not in cells:
            p.add(
                file,
                f"bot.commands[{n}].answer",
                f"unknown answer {command.answer!r} (a cell id: subject.cell)",
            )
