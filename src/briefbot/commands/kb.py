"""``briefbot kb check`` (validate the knowledge files, every problem named) and
``briefbot kb schema`` (their JSON Schema, for editors)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from briefbot import knowledge
from briefbot.config import Settings
from briefbot.engine.schema import SCHEMA
from briefbot.engine.types import LANGS


def check(args: argparse.Namespace) -> int:
    """Handler of ``briefbot kb check``; a KnowledgeError reaches ``main`` and exits 2."""
    directory = Path(args.path) if args.path else Settings.from_env().knowledge
    directory = directory or knowledge.default_dir()
    kb, version = knowledge.load_versioned(directory)
    counts = {lang: sum(len(c.paraphrases[lang]) for c in kb.cells) for lang in LANGS}
    print(
        f"ok: {directory} (version {version}): {len(kb.subjects)} subjects, "
        f"{len(kb.cells)} answers, {len(kb.facts.people)} people, "
        f"{counts['fr']} French and {counts['en']} English paraphrases"
    )
    return 0


def schema(args: argparse.Namespace) -> int:
    """Handler of ``briefbot kb schema``: the knowledge files' JSON Schema on stdout."""
    print(json.dumps(SCHEMA, indent=2, ensure_ascii=False))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``briefbot kb``."""
    parser = sub.add_parser(
        "kb",
        help="work with the knowledge base",
        description="Work with the knowledge base (knowledge/*.yaml).",
    )
    kb_sub = parser.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    check_parser = kb_sub.add_parser(
        "check",
        help="validate the knowledge files",
        description="Validate the knowledge files: schema, both languages for every text, "
        "templates naming unknown facts or malformed placeholders, references between "
        "subjects, aspects and concepts, duplicate ids, a paraphrase under two answers. "
        "Prints every problem with its file and entry; exits 2 when there is any.",
    )
    check_parser.add_argument(
        "path",
        nargs="?",
        help="knowledge directory (default: BRIEFBOT_KNOWLEDGE or the shipped one)",
    )
    check_parser.set_defaults(handler=check)
    schema_parser = kb_sub.add_parser(
        "schema",
        help="print the knowledge files' JSON Schema",
        description="Print the JSON Schema of one knowledge file, for editors: with a YAML "
        "language server, add '# yaml-language-server: $schema=kb.schema.json' at the top "
        "of a file (after 'briefbot kb schema > kb.schema.json'). 'kb check' checks more.",
    )
    schema_parser.set_defaults(handler=schema)
