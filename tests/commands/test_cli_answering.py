"""The command line as a user runs it: ask, console, kb check, eval, help texts."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefbot import knowledge
from briefbot.cli import COMMAND_MODULES, build_parser

TIMEOUT = 60


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "DISCORD_"))}
    env.update(BRIEFBOT_DB=str(tmp_path / "bb.sqlite3"), **extra)
    return env


def _briefbot(
    tmp_path: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefbot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(tmp_path, **env),
        cwd=tmp_path,
        timeout=TIMEOUT,
        check=False,
    )


def _logged(tmp_path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(tmp_path / "bb.sqlite3") as db:
        rows = db.execute("SELECT frontend, kind, question FROM questions ORDER BY asked_at")
        return [tuple(r) for r in rows]


def test_ask_answers_in_the_question_language_with_source(tmp_path: Path) -> None:
    """A French question gets a French answer, its title and the source link."""
    done = _briefbot(tmp_path, "ask", "c'est quand la conf de presse ?")
    assert done.returncode == 0, done.stderr
    assert "Conférence de presse" in done.stdout
    assert "17h30" in done.stdout and "16h30 UTC" in done.stdout
    assert "https://www.nato.int/" in done.stdout
    assert _logged(tmp_path) == [("cli", "answer", "c'est quand la conf de presse ?")]


def test_ask_json_has_every_field(tmp_path: Path) -> None:
    """--json prints one object with the documented fields."""
    done = _briefbot(tmp_path, "ask", "--json", "who is SACEUR")
    obj = json.loads(done.stdout)
    assert {"answered", "lang", "topic", "confidence", "answer", "suggestions", "source"} <= set(
        obj
    )
    assert (obj["answered"], obj["lang"], obj["topic"]) == (True, "en", "person_cavoli")


def test_ask_jsonl_keeps_order_and_answers_empty_lines(tmp_path: Path) -> None:
    """One JSON object per input line, in order; an empty line is a not-answered object."""
    lines = ["who spoke at the opening", "", "ordre du jour", "best fries in brussels", "x" * 5000]
    done = _briefbot(tmp_path, "ask", "--jsonl", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["topic"] for o in out] == ["opening_speakers", None, "agenda", None, None]
    assert [o["answered"] for o in out] == [True, False, True, False, False]
    assert [o["kind"] for o in out] == ["answer", "invalid", "answer", "decline", "invalid"]
    # Refused input changes nothing: only the three real questions are logged.
    assert [r[2] for r in _logged(tmp_path)] == [lines[0], lines[2], lines[3]]


def test_ask_no_log_writes_nothing(tmp_path: Path) -> None:
    """--no-log answers without creating the database."""
    done = _briefbot(tmp_path, "ask", "--no-log", "agenda")
    assert done.returncode == 0
    assert not (tmp_path / "bb.sqlite3").exists()


def test_ask_without_question_is_a_usage_error(tmp_path: Path) -> None:
    """Forgetting the question gives one clear line and exit 2."""
    done = _briefbot(tmp_path, "ask")
    assert done.returncode == 2
    assert "give a QUESTION" in done.stderr and "Traceback" not in done.stderr


def test_console_answers_switches_language_and_quits(tmp_path: Path) -> None:
    """Piped lines are answered; /lang fr forces French; /quit leaves; all logged once."""
    script = "who is saceur\n/lang fr\nwho is saceur\n/help\n/quit\nnot read\n"
    done = _briefbot(tmp_path, "console", stdin=script)
    assert done.returncode == 0, done.stderr
    assert "General Christopher G. Cavoli is Supreme Allied Commander Europe" in done.stdout
    assert "Le général Christopher G. Cavoli est le commandant suprême" in done.stdout
    assert "Commandes : /help" in done.stdout
    assert [r[2] for r in _logged(tmp_path)] == ["who is saceur", "who is saceur"]


def test_console_end_of_input_leaves_cleanly(tmp_path: Path) -> None:
    """Ctrl-D (end of input) leaves with status 0 and flushes the log."""
    done = _briefbot(tmp_path, "console", stdin="agenda")
    assert done.returncode == 0
    assert [r[0] for r in _logged(tmp_path)] == ["console"]


def test_console_sigterm_flushes_the_log(tmp_path: Path) -> None:
    """SIGTERM while waiting for input stops the console with the question logged."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefbot", "console"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
    )
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write("who spoke at the opening\n")
        proc.stdin.flush()
        deadline = time.monotonic() + TIMEOUT
        seen = ""
        while "Opening remarks" not in seen and time.monotonic() < deadline:
            seen += proc.stdout.readline()
        assert "Opening remarks" in seen
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=TIMEOUT)
    finally:
        proc.kill()
        proc.wait(timeout=TIMEOUT)
    assert proc.returncode == 128 + signal.SIGTERM
    assert [r[2] for r in _logged(tmp_path)] == ["who spoke at the opening"]


def test_kb_check_reports_ok(tmp_path: Path) -> None:
    """The shipped knowledge base passes the check."""
    done = _briefbot(tmp_path, "kb", "check")
    assert done.returncode == 0
    assert done.stdout.startswith("ok: ") and "topics" in done.stdout


def test_broken_knowledge_stops_every_command(tmp_path: Path) -> None:
    """kb check and every other command refuse an invalid knowledge base, naming the file."""
    broken = tmp_path / "kb"
    shutil.copytree(knowledge.default_dir(), broken)
    (broken / "topics-press.yaml").write_text("topics:\n  - id: press\n    title: [\n", "utf-8")
    check = _briefbot(tmp_path, "kb", "check", str(broken))
    ask = _briefbot(tmp_path, "ask", "agenda", BRIEFBOT_KNOWLEDGE=str(broken))
    console = _briefbot(tmp_path, "console", stdin="agenda\n", BRIEFBOT_KNOWLEDGE=str(broken))
    for done in (check, ask, console):
        assert done.returncode == 2
        assert "topics-press.yaml: line" in done.stderr
        assert "Traceback" not in done.stderr
    assert not (tmp_path / "bb.sqlite3").exists()


def test_eval_prints_accuracy_and_misses(tmp_path: Path) -> None:
    """eval reports accuracy per language, off-topic rejection and every miss."""
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "questions:\n"
        '  - {q: "qui a parlé à l\'ouverture", lang: fr, topic: opening_speakers}\n'
        '  - {q: "agenda", lang: en, topic: agenda}\n'
        '  - {q: "who spoke at the opening", lang: en, topic: agenda}\n'
        '  - {q: "best fries in brussels", lang: en, topic: none}\n',
        "utf-8",
    )
    done = _briefbot(tmp_path, "eval", str(cases))
    assert done.returncode == 0, done.stderr
    assert "accuracy fr: 100.0%" in done.stdout
    assert "accuracy en:  50.0%" in done.stdout
    assert "off-topic declined: 100.0%" in done.stdout
    assert "expected agenda, got opening_speakers" in done.stdout
    as_json = json.loads(_briefbot(tmp_path, "eval", "--json", str(cases)).stdout)
    assert as_json["accuracy"] == {"fr": 1.0, "en": 0.5}


def test_eval_rejects_unknown_topics(tmp_path: Path) -> None:
    """A label naming no topic is an error, not a silent miss."""
    cases = tmp_path / "cases.yaml"
    cases.write_text('questions:\n  - {q: "x", lang: en, topic: nope}\n', "utf-8")
    done = _briefbot(tmp_path, "eval", str(cases))
    assert done.returncode == 2 and "unknown topics ['nope']" in done.stderr


def _all_parsers() -> list[tuple[str, object]]:
    parser = build_parser()
    found: list[tuple[str, object]] = []

    def walk(prefix: str, p: object) -> None:
        for action in getattr(p, "_actions", []):
            choices = getattr(action, "choices", None)
            if isinstance(choices, dict):
                for name, sub in choices.items():
                    found.append((f"{prefix} {name}".strip(), sub))
                    walk(f"{prefix} {name}", sub)

    walk("", parser)
    return found


def test_every_command_and_option_has_help() -> None:
    """Each sub-command has a description and each option a help text."""
    assert len(COMMAND_MODULES) >= 4
    missing = []
    for name, sub in _all_parsers():
        if not getattr(sub, "description", None):
            missing.append(f"{name}: no description")
        for action in getattr(sub, "_actions", []):
            if action.option_strings and action.help in (None, "") and action.dest != "help":
                missing.append(f"{name} {action.option_strings}: no help")
    assert missing == []


@pytest.mark.parametrize("command", ["console", "ask", "kb", "kb check", "eval"])
def test_help_exits_zero(tmp_path: Path, command: str) -> None:
    """--help works on every command."""
    done = _briefbot(tmp_path, *command.split(), "--help")
    assert done.returncode == 0 and "usage: briefbot" in done.stdout
