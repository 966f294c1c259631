"""The compiled build's sources avoid what mypyc cannot compile, checked in a second.

Building the compiled wheel (``tests/test_compiled.py``) takes minutes and runs in CI
only; this catches the one construct that has broken it twice, a membership test on a
starred display (``x in (*a, *b)``), in every run.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "briefbot"
COMPILED = [*sorted((SRC / "engine").glob("*.py")), SRC / "messages.py"]


def starred_memberships(source: str) -> list[int]:
    """Lines holding ``x in (*a, *b)`` (or a list or set display with a starred item)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            for op, right in zip(node.ops, node.comparators, strict=True):
                starred = isinstance(right, ast.Tuple | ast.List | ast.Set) and any(
                    isinstance(e, ast.Starred) for e in right.elts
                )
                if isinstance(op, ast.In | ast.NotIn) and starred:
                    lines.append(node.lineno)
    return lines


def test_the_check_finds_a_starred_membership() -> None:
    assert starred_memberships("ok = x in (*a, *b)\nfor y in (*a, *b): pass\n") == [1]


def test_no_compiled_module_tests_membership_in_a_starred_display() -> None:
    found = {p.name: n for p in COMPILED if (n := starred_memberships(p.read_text("utf-8")))}
    assert not found, f"mypyc cannot compile `x in (*a, *b)`: {found}"
