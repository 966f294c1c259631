"""The mypyc-compiled wheel (``BRIEFBOT_COMPILE=1``) answers exactly as the plain sources do.

Compiling takes a minute or two, so this runs where ``BRIEFBOT_TEST_COMPILED=1`` (CI sets
it); elsewhere it is skipped with that reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPLIES = ROOT / "tests" / "replies.py"

pytestmark = pytest.mark.skipif(
    os.environ.get("BRIEFBOT_TEST_COMPILED") != "1",
    reason="builds the compiled wheel (slow): set BRIEFBOT_TEST_COMPILED=1",
)


def run(args: list[str], env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=900
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done.stdout


@pytest.fixture(scope="module")
def compiled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The compiled wheel, built from this checkout and unpacked into a directory."""
    tmp = tmp_path_factory.mktemp("compiled")
    env = {**os.environ, "BRIEFBOT_COMPILE": "1"}
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    # Built as the Dockerfile builds it: pip fetches the compiler (mypy) for the build only.
    run([*pip, "wheel", "--no-deps", "-w", str(tmp), "."], env)
    (wheel,) = tmp.glob("briefbot-*.whl")
    site = tmp / "site"
    run([*pip, "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)])
    return site


def test_the_wheel_carries_the_engine_compiled(compiled_site: Path) -> None:
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    compiled = {
        p.name.removesuffix(suffix) for p in (compiled_site / "briefbot").rglob(f"*{suffix}")
    }
    assert {"core", "lexer", "reading", "resolve", "compose", "messages"} <= compiled
    env = {**os.environ, "PYTHONPATH": str(compiled_site)}
    where = run([sys.executable, "-c", "import briefbot.engine.core as c; print(c.__file__)"], env)
    assert where.strip().endswith(suffix)
    assert not list((ROOT / "src").rglob(f"*{suffix}"))  # nothing left beside the sources


def test_compiled_replies_equal_the_plain_ones(compiled_site: Path) -> None:
    # One hash seed for both: a confidence summed over a set may differ in its last
    # digit from one seed to another, whichever the build.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    plain = run([sys.executable, str(REPLIES)], env)
    compiled = run([sys.executable, str(REPLIES)], {**env, "PYTHONPATH": str(compiled_site)})
    assert len(plain) > 1_000_000
    assert compiled == plain
