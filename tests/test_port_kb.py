"""A second, made-up knowledge base (tests/kb_port/: a port authority's annual press
briefing in Montreal) runs through the engine, ``ask``, ``eval`` and the console: the
engine knows no event of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from briefbot import knowledge
from briefbot.engine.core import Engine
from briefbot.engine.types import Kind

TESTS = Path(__file__).resolve().parent
PORT = TESTS / "kb_port"
BEFORE = datetime(2026, 3, 1, 12, 0, tzinfo=ZoneInfo("America/Montreal"))
AFTER = datetime(2026, 4, 1, 12, 0, tzinfo=ZoneInfo("America/Montreal"))


@pytest.fixture(scope="module")
def port() -> Engine:
    return Engine(knowledge.load(PORT), knowledge.lexicon())


def _briefbot(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_"))}
    env["BRIEFBOT_DB"] = str(tmp_path / "bb.sqlite3")
    return subprocess.run(
        [sys.executable, "-m", "briefbot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("question", "topic", "words"),
    [
        ("when is the briefing?", "briefing.when", ["10:00 Montreal time", "14:00 UTC"]),
        ("c'est quand le point de presse ?", "briefing.when", ["10h00, heure de Montréal"]),
        ("who is okafor", "okafor.role", ["Harbour Master"]),
        ("qu'a dit la pdg ?", "tremblay.said", ["meilleure année"]),
        ("what are the highlights", "highlights.list", ["three highlights", "41 million"]),
    ],
)
def test_the_engine_answers_from_the_other_knowledge_base(
    port: Engine, question: str, topic: str, words: list[str]
) -> None:
    """Questions in either language get this announcement's answers, in its time zone."""
    answer = port.answer(question, now=BEFORE)
    assert answer.kind is Kind.ANSWER and answer.topic == topic
    for word in words:
        assert word in answer.text


def test_status_and_refusal_follow_the_other_knowledge_base(port: Engine) -> None:
    """The clock reads the briefing's own time; a refusal names this announcement."""
    assert "It is over" in port.answer("is the briefing over?", now=AFTER).text
    declined = port.answer("who won the hockey game last night?", now=BEFORE)
    assert declined.kind is Kind.DECLINE
    assert "Saint-Laurent Port Authority" in declined.text


def test_ask_and_eval_take_the_knowledge_base_from_the_command_line(tmp_path: Path) -> None:
    """``--kb DIR`` picks the knowledge base for ``ask``, ``eval`` and ``kb check``."""
    asked = _briefbot(tmp_path, "ask", "--kb", str(PORT), "--no-log", "who is tremblay?")
    assert asked.returncode == 0, asked.stderr
    assert "President and CEO of the Port Authority" in asked.stdout
    evaluated = _briefbot(tmp_path, "eval", str(TESTS / "port-questions.yaml"), "--kb", str(PORT))
    assert evaluated.returncode == 0, evaluated.stderr
    assert "100.0%" in evaluated.stdout and "misses" not in evaluated.stdout
    checked = _briefbot(tmp_path, "kb", "check", "--kb", str(PORT))
    assert checked.returncode == 0 and "4 subjects" in checked.stdout


def test_the_console_answers_from_the_other_knowledge_base(tmp_path: Path) -> None:
    """The console, given the knowledge base, answers and helps from it."""
    script = "who speaks at the briefing?\n/help\n/quit\n"
    done = _briefbot(tmp_path, "console", "--kb", str(PORT), "--no-log", stdin=script)
    assert done.returncode == 0, done.stderr
    assert "Tremblay (President and CEO of the Port Authority)" in done.stdout
    assert "What are the highlights?" in done.stdout  # the help lists its examples
    assert "NATO" not in done.stdout
