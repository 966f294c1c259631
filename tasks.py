#!/usr/bin/env python3
"""Set up a local virtual environment and run one project task; needs only python3 >= 3.11.

    python3 tasks.py console   set up .venv and start the console harness
    python3 tasks.py test      set up .venv and run the test suite
    python3 tasks.py lint      ruff check, ruff format --check, mypy
    python3 tasks.py eval      accuracy on every question set (tests/*.yaml)
    python3 tasks.py bench     the benchmarks

The environment is (re)installed when pyproject.toml changes. Extra arguments
go to the task's program (``python3 tasks.py test -k engine``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"

TASKS: dict[str, list[list[str]]] = {
    "console": [["briefbot", "console"]],
    "test": [["python", "-m", "pytest"]],
    "lint": [
        ["ruff", "check", "src", "tests", "benchmarks", "tasks.py", "hatch_build.py"],
        ["ruff", "format", "--check", "src", "tests", "benchmarks", "tasks.py", "hatch_build.py"],
        ["mypy"],
    ],
    "eval": [
        ["briefbot", "eval", "tests/devset.yaml"],
        ["briefbot", "eval", "tests/holdout.yaml"],
        ["briefbot", "eval", "tests/blind.yaml"],
        ["briefbot", "eval", "tests/dev2.yaml"],
        ["briefbot", "eval", "tests/dev3.yaml"],
        ["briefbot", "eval", "tests/dev4.yaml"],
        ["briefbot", "eval", "tests/dev5.yaml"],
        ["briefbot", "eval", "tests/dev6.yaml"],
        ["briefbot", "eval", "tests/dev7.yaml"],
        ["briefbot", "eval", "tests/dev8.yaml"],
        ["briefbot", "eval", "tests/dev9.yaml"],
        ["briefbot", "eval", "tests/dev10.yaml"],
        ["briefbot", "eval", "tests/dev11.yaml"],
        ["briefbot", "eval", "tests/dev12.yaml"],
        ["briefbot", "eval", "tests/dev13.yaml"],
        ["briefbot", "eval", "tests/dev14.yaml"],
        ["briefbot", "eval", "tests/dev15.yaml"],
        ["briefbot", "eval", "tests/dev16.yaml"],
        ["briefbot", "eval", "tests/dev17.yaml"],
        ["briefbot", "eval", "tests/dev18.yaml"],
        ["briefbot", "eval", "tests/dev19.yaml"],
        ["briefbot", "eval", "tests/dev20.yaml"],
        ["briefbot", "eval", "tests/dev21.yaml"],
        ["briefbot", "eval", "tests/dev22.yaml"],
        ["briefbot", "eval", "tests/dev23.yaml"],
        ["briefbot", "eval", "tests/dev24.yaml"],
        ["briefbot", "eval", "tests/dev25.yaml"],
        ["briefbot", "eval", "tests/dev26.yaml"],
        ["briefbot", "eval", "tests/dev27.yaml"],
        ["briefbot", "eval", "tests/dev28.yaml"],
        ["briefbot", "eval", "tests/dev29.yaml"],
        ["briefbot", "eval", "tests/dev30.yaml"],
        ["briefbot", "eval", "tests/dev31.yaml"],
        ["briefbot", "eval", "tests/dev32.yaml"],
        ["briefbot", "eval", "tests/dev33.yaml"],
        ["briefbot", "eval", "tests/dev34.yaml"],
        ["briefbot", "eval", "tests/dev35.yaml"],
    ],
    "bench": [
        ["python", "benchmarks/bench_engine.py"],
        ["python", "benchmarks/bench_engine.py", "--compiled"],
        ["python", "benchmarks/bench_logging.py"],
        ["python", "benchmarks/bench_postgres.py"],
        ["python", "benchmarks/bench_discord_load.py"],
    ],
}


def ensure_venv() -> None:
    """Create .venv and install the project with its test and lint extras when needed."""
    if sys.version_info < (3, 11):
        sys.exit(f"briefbot needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    if not (BIN / "python").exists():
        print("creating .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    print("installing briefbot and its test tools into .venv ...", flush=True)
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[test,lint]"], check=True)
    # An editable install leaves the sources uncompiled: where PYTHONDONTWRITEBYTECODE is
    # set, every start would compile them again (a quarter of a second).
    compile_src = [str(BIN / "python"), "-m", "compileall", "-q", str(ROOT / "src")]
    subprocess.run(compile_src, check=True, stdout=subprocess.DEVNULL)
    STAMP.write_text(digest)


def main(argv: list[str]) -> int:
    """Run the named task; its exit status is ours."""
    if not argv or argv[0] not in TASKS:
        print(__doc__)
        return 2
    ensure_venv()
    steps = TASKS[argv[0]]
    for n, step in enumerate(steps):
        extra = argv[1:] if n == len(steps) - 1 else []
        command = [str(BIN / step[0]), *step[1:], *extra]
        status = subprocess.run(command, cwd=ROOT, check=False).returncode
        if status != 0:
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
