"""Finding and reading the knowledge base: the only module that touches its files.

Where it is looked for, in order: the ``BRIEFBOT_KNOWLEDGE`` directory (passed
in as ``Settings.knowledge``); the copy shipped inside the installed package;
the ``knowledge/`` folder of a source checkout.
"""

from __future__ import annotations

import functools
import gzip
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from briefbot.engine.kb import KnowledgeBase
from briefbot.engine.lexer import Lexicon
from briefbot.engine.render import placeholder_keys
from briefbot.engine.validate import parse_knowledge
from briefbot.errors import KnowledgeError

log = logging.getLogger(__name__)

# libyaml's safe loader parses ten times faster where PyYAML was built with it.
_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Mapping(dict[Any, Any]):
    """A YAML mapping that knows its line and its keys' lines, so a problem names them."""

    line: int
    lines: dict[Any, int]


class _Sequence(list[Any]):
    """A YAML list that knows its line."""

    line: int


class _Loader(_BASE_LOADER):  # type: ignore[valid-type,misc]
    """The safe loader, with line numbers on mappings and lists (``checks.line_of``)."""


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Iterator[_Mapping]:
    data = _Mapping()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))
    data.lines = {loader.construct_object(key): key.start_mark.line + 1 for key, _ in node.value}


def _sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> Iterator[_Sequence]:
    data = _Sequence()
    data.line = node.start_mark.line + 1
    yield data
    data.extend(loader.construct_sequence(node))


_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _sequence)
_PACKAGED = Path(__file__).resolve().parent / "data" / "knowledge"
_CHECKOUT = Path(__file__).resolve().parents[2] / "knowledge"
_WORDS = Path(__file__).resolve().parent / "data"
# The most frequent words of each language, which rarely say what a question is
# about ("exactly", « exactement »): the top thousand.
FREQUENT_WORDS = 1000


def default_dir() -> Path:
    """The shipped knowledge base: inside the package, else the source checkout's."""
    return _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


def read_documents(directory: Path) -> dict[str, Any]:
    """Parse every ``*.yaml`` file of ``directory``; report all unreadable files at once."""
    if not directory.is_dir():
        raise KnowledgeError([f"{directory}: not a directory (check --kb or BRIEFBOT_KNOWLEDGE)"])
    files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    if not files:
        raise KnowledgeError([f"{directory}: no .yaml files"])
    documents: dict[str, Any] = {}
    problems: list[str] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
            documents[path.name] = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "<file>"
            reason = getattr(exc, "problem", None) or str(exc)
            problems.append(f"{path.name}: {where}: YAML syntax error: {reason}")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path.name}: <file>: cannot be read ({exc})")
    if problems:
        raise KnowledgeError(problems)
    return documents


def load(directory: Path | None = None) -> KnowledgeBase:
    """Read and validate the knowledge base; raise :class:`KnowledgeError` on any problem."""
    directory = directory or default_dir()
    kb = parse_knowledge(read_documents(directory), placeholder_keys)
    log.debug("loaded %d subjects from %s", len(kb.subjects), directory)
    return kb


@functools.cache
def lexicon() -> Lexicon:
    """Real English and French words (``data/WORDS-NOTICE.md``), most frequent first."""
    lists = {
        lang: gzip.decompress((_WORDS / f"words-{lang}.txt.gz").read_bytes())
        .decode("ascii")
        .split()
        for lang in ("en", "fr")
    }
    return Lexicon.from_ranked(lists, FREQUENT_WORDS)
