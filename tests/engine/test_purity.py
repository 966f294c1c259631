"""The engine is pure: importing it pulls in no Discord, no database, no I/O layer."""

from __future__ import annotations

import json
import subprocess
import sys


def test_engine_imports_nothing_impure() -> None:
    """In a fresh interpreter the engine loads without discord, a database, YAML or settings."""
    code = (
        "import json, sys\n"
        "import briefbot.engine.core, briefbot.engine.validate, briefbot.engine.render\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    modules = set(json.loads(out))
    for forbidden in ("discord", "aiosqlite", "sqlite3", "yaml", "aiohttp", "briefbot.config",
                      "briefbot.storage", "briefbot.knowledge"):  # fmt: skip
        assert forbidden not in modules, forbidden


def test_engine_source_reads_no_environment() -> None:
    """No engine module reads the environment or opens files."""
    from pathlib import Path

    import briefbot.engine

    for path in Path(briefbot.engine.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("os.environ", "getenv", "open(", "read_text", "Path("):
            assert needle not in text, f"{path.name} uses {needle}"
