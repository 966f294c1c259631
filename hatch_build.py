"""Wheel build hook: with ``BRIEFBOT_COMPILE=1``, the answer engine is compiled with mypyc.

The engine is plain, fully typed Python (``mypy --strict``); mypyc turns those modules
into C extensions that answer about twice as fast. The wheel then carries both: an
extension module is imported before the ``.py`` of the same name, and the sources stay
for reading and tracebacks. Without the variable (and always for an editable install)
nothing is compiled, so a developer's edit is never shadowed by a stale extension.

The compiler works on a copy of the sources in a temporary directory: nothing is written
next to ``src/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SWITCH = "BRIEFBOT_COMPILE"
# The modules an answer runs through: the engine and the message catalogue it fills.
COMPILED = ("briefbot/engine", "briefbot/messages.py")
TOOLS = ["mypy>=1.11,<3", "setuptools>=65"]


def wanted() -> bool:
    """Whether this build compiles: only when asked, so a plain build needs no compiler."""
    return os.environ.get(SWITCH, "").strip().lower() in ("1", "true", "yes")


class CustomBuildHook(BuildHookInterface):
    """Compiles ``COMPILED`` into the wheel when ``BRIEFBOT_COMPILE`` asks for it."""

    def dependencies(self) -> list[str]:
        return list(TOOLS) if wanted() else []

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable" or not wanted():
            return
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        work = Path(tempfile.mkdtemp(prefix="briefbot-mypyc-"))
        self._work = work
        shutil.copytree(
            Path(self.root) / "src" / "briefbot",
            work / "briefbot",
            ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", "data"),
        )
        sources = [
            str(p.relative_to(work))
            for entry in COMPILED
            for p in sorted(
                (work / entry).glob("*.py") if (work / entry).is_dir() else [work / entry]
            )
        ]
        # Third-party packages need not be installed where the wheel is built: their
        # calls go through Python either way.
        command = [sys.executable, "-m", "mypyc", "--ignore-missing-imports", *sources]
        done = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            shutil.rmtree(work, ignore_errors=True)  # finalize is not called after a failure
            raise RuntimeError(f"mypyc failed:\n{done.stdout}\n{done.stderr}")
        for built in work.rglob(f"*{suffix}"):
            if "build" not in built.relative_to(work).parts:
                build_data["force_include"][str(built)] = str(built.relative_to(work))
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
