"""Finding and reading the knowledge base: the only module that touches its files.

Where it is looked for, in order: the ``BRIEFBOT_KNOWLEDGE`` directory (passed
in as ``Settings.knowledge``); the copy shipped inside the installed package;
the ``knowledge/`` folder of a source checkout.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
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
_STR, _MAP, _SEQ = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "map", "seq"))


def _build(loader: _Loader, node: yaml.Node, path: set[int]) -> Any:
    """The value of ``node``, as the loader's constructors make it, but straight from the
    nodes for plain strings, mappings and lists: the constructors' bookkeeping was 40%
    of parsing the knowledge base. Anything else (a date, a merge key, a node met again
    through an alias on its own path) goes to the loader."""
    kind = type(node)
    if kind is yaml.ScalarNode and node.tag == _STR:
        return node.value
    if id(node) in path:
        raise _Recursive
    if kind is yaml.MappingNode and node.tag == _MAP:
        if any(key.tag != _STR for key, _ in node.value):
            return loader.construct_object(node, deep=True)
        path.add(id(node))
        mapping = _Mapping((key.value, _build(loader, value, path)) for key, value in node.value)
        mapping.line = node.start_mark.line + 1
        mapping.lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
        path.discard(id(node))
        return mapping
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        path.add(id(node))
        sequence = _Sequence(_build(loader, item, path) for item in node.value)
        sequence.line = node.start_mark.line + 1
        path.discard(id(node))
        return sequence
    return loader.construct_object(node, deep=True)


class _Recursive(Exception):
    """A node holds itself (through an alias): left to the loader, which can build that."""


def _parse(text: str) -> Any:
    """One YAML document, with line numbers on its mappings and lists (``_Loader``)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _build(loader, node, set())
        except _Recursive:
            return loader.construct_document(node)
    finally:
        loader.dispose()


_PACKAGED = Path(__file__).resolve().parent / "data" / "knowledge"
_CHECKOUT = Path(__file__).resolve().parents[2] / "knowledge"
_WORDS = Path(__file__).resolve().parent / "data"
# The most frequent words of each language, which rarely say what a question is
# about ("exactly", « exactement »): the top thousand.
FREQUENT_WORDS = 1000
# Hex digits of a knowledge base's version: enough to tell a deployment's
# versions apart, short enough to read in a table.
VERSION_DIGITS = 12


def default_dir() -> Path:
    """The shipped knowledge base: inside the package, else the source checkout's."""
    return _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


def _files(directory: Path) -> list[Path]:
    """The knowledge files of ``directory``, in the order they are read."""
    if not directory.is_dir():
        raise KnowledgeError([f"{directory}: not a directory (check --kb or BRIEFBOT_KNOWLEDGE)"])
    files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    if not files:
        raise KnowledgeError([f"{directory}: no .yaml files"])
    return files


def version_of(contents: dict[str, bytes]) -> str:
    """The version of a knowledge base: a short hash of its files' names and bytes.

    The same files give the same version on every machine, so the question log
    can say which knowledge base answered, and ``briefbot stats`` compare them.
    """
    digest = hashlib.sha256()
    for name in sorted(contents):
        data = contents[name]
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:VERSION_DIGITS]


def _read(directory: Path) -> tuple[dict[str, Any], str]:
    """Parse every knowledge file, and hash the very bytes parsed; report all unreadable
    files at once."""
    contents: dict[str, bytes] = {}
    documents: dict[str, Any] = {}
    problems: list[str] = []
    for path in _files(directory):
        try:
            contents[path.name] = path.read_bytes()
            text = contents[path.name].decode("utf-8")
            documents[path.name] = _parse(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "<file>"
            reason = getattr(exc, "problem", None) or str(exc)
            problems.append(f"{path.name}: {where}: YAML syntax error: {reason}")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path.name}: <file>: cannot be read ({exc})")
    if problems:
        raise KnowledgeError(problems)
    return documents, version_of(contents)


def read_documents(directory: Path) -> dict[str, Any]:
    """Parse every ``*.yaml`` file of ``directory``; report all unreadable files at once."""
    return _read(directory)[0]


def load_versioned(directory: Path | None = None) -> tuple[KnowledgeBase, str]:
    """Read and validate the knowledge base, and give its version (:func:`version_of`);
    raise :class:`KnowledgeError` on any problem."""
    directory = directory or default_dir()
    documents, version = _read(directory)
    kb = parse_knowledge(documents, placeholder_keys)
    log.debug("loaded %d subjects from %s (version %s)", len(kb.subjects), directory, version)
    return kb, version


def load(directory: Path | None = None) -> KnowledgeBase:
    """Read and validate the knowledge base; raise :class:`KnowledgeError` on any problem."""
    return load_versioned(directory)[0]


def fingerprint(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """Each knowledge file's name, modification time and size: cheap to poll, and it
    changes when a file is saved, added or removed (a missing directory gives ``()``)."""
    try:
        return tuple(
            (path.name, stat.st_mtime_ns, stat.st_size)
            for path in _files(directory)
            for stat in (path.stat(),)
        )
    except (KnowledgeError, OSError):
        return ()


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
