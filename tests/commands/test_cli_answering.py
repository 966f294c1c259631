"""The command line as a user runs it: ask, console, kb check, eval, help texts."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
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
        encoding="utf-8",
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
    """--json prints one object with the documented fields, one entry per question asked."""
    done = _briefbot(tmp_path, "ask", "--json", "who is SACEUR, and when is the presser?")
    obj = json.loads(done.stdout)
    assert {
        "answered", "kind", "lang", "topic", "title", "confidence", "answer", "note", "asks",
        "suggestions", "source", "id",
    } <= set(obj)  # fmt: skip
    assert (obj["answered"], obj["lang"], obj["topic"]) == (True, "en", "cavoli.role")
    assert [(a["subject"], a["aspect"], a["topic"]) for a in obj["asks"]] == [
        ("cavoli", "who", "cavoli.role"),
        ("press_conference", "when", "press_conference.when"),
    ]
    assert all(a["evidence"] and a["answer"] in obj["answer"] for a in obj["asks"])


def test_ask_explain_shows_subject_aspect_and_evidence(tmp_path: Path) -> None:
    """--explain says, for each question, what it was understood as and why."""
    done = _briefbot(tmp_path, "ask", "--no-log", "--explain", "who talks at the press conference?")
    assert done.returncode == 0, done.stderr
    assert "1. 'who talks at the press conference': answer" in done.stdout
    assert "subject press_conference, aspect who, answer press_conference.who" in done.stdout
    assert "- subject named: press_conference" in done.stdout


def test_ask_jsonl_keeps_order_and_answers_empty_lines(tmp_path: Path) -> None:
    """One JSON object per input line, in order; an empty line is a not-answered object."""
    lines = ["who spoke at the opening", "", "ordre du jour", "best fries in brussels", "x" * 5000]
    done = _briefbot(tmp_path, "ask", "--jsonl", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["topic"] for o in out] == ["opening.speakers", None, "agenda.list", None, None]
    assert [o["answered"] for o in out] == [True, False, True, False, False]
    assert [o["kind"] for o in out] == ["answer", "invalid", "answer", "decline", "invalid"]
    # Refused input changes nothing: only the three real questions are logged.
    assert [r[2] for r in _logged(tmp_path)] == [lines[0], lines[2], lines[3]]


def test_ask_jsonl_conversations_continue_per_id(tmp_path: Path) -> None:
    """Lines with the same conversation id are one asker's turns; other lines stand alone."""
    lines = [
        json.dumps({"question": "who holds the press conference?", "conversation": "a"}),
        json.dumps({"question": "who is SACEUR?", "conversation": "b"}),
        json.dumps({"question": "and when?", "conversation": "a"}),
        "and when?",
        json.dumps({"question": "and SACT?", "conversation": "b"}),
        '{"not json',
    ]
    done = _briefbot(tmp_path, "ask", "--jsonl", "--no-log", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["topic"] for o in out[:3]] == [
        "press_conference.who",
        "cavoli.role",
        "press_conference.when",
    ]
    assert out[3]["topic"] != "press_conference.when"  # no conversation: no context
    assert out[4]["topic"] == "vandier.role"
    assert len(out) == 6


@pytest.mark.parametrize("locale", ["C", "en_US.UTF-8", "POSIX"])
def test_ask_jsonl_survives_bytes_that_are_not_utf8(tmp_path: Path, locale: str) -> None:
    """Every line in gives one line out, whatever the locale and the bytes: an invalid
    byte becomes U+FFFD instead of stopping the stream. UTF-8 mode is off, so the locale
    decides the text encoding (CI generates en_US.UTF-8, where the old code failed)."""
    stream = b"who spoke?\nwho \xff spoke?\nagenda\n\xc3\n"
    done = subprocess.run(
        [sys.executable, "-X", "utf8=0", "-m", "briefbot", "ask", "--jsonl", "--no-log"],
        input=stream,
        capture_output=True,
        env=_env(tmp_path, LC_ALL=locale, LANG=locale, PYTHONIOENCODING=""),
        cwd=tmp_path,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(out) == 4
    assert [o["topic"] for o in out[:3]] == ["opening.speakers", "opening.speakers", "agenda.list"]


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


def test_console_is_one_conversation(tmp_path: Path) -> None:
    """A follow-up continues the previous question; /explain says why the last answer."""
    script = "who holds the press conference?\nand when?\n/explain\n"
    done = _briefbot(tmp_path, "console", "--no-log", stdin=script)
    assert done.returncode == 0, done.stderr
    assert "17:30 Brussels time" in done.stdout
    assert "subject press_conference, aspect when" in done.stdout
    assert "subject previous question: press_conference" in done.stdout


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
        lines: queue.Queue[str] = queue.Queue()
        reader = threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True)
        reader.start()  # a stuck console fails the test at the deadline instead of hanging it
        deadline = time.monotonic() + TIMEOUT
        seen = ""
        while "Opening remarks" not in seen and time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                seen += lines.get(timeout=max(0.0, deadline - time.monotonic()))
        assert "Opening remarks" in seen
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=TIMEOUT)
    finally:
        proc.kill()
        proc.wait(timeout=TIMEOUT)
    assert proc.returncode == 128 + signal.SIGTERM
    assert [r[2] for r in _logged(tmp_path)] == ["who spoke at the opening"]


def test_kb_check_reports_ok(tmp_path: Path) -> None:
    """The shipped knowledge base passes the check; its version is the one logged and
    shown by ``briefbot stats``."""
    done = _briefbot(tmp_path, "kb", "check")
    assert done.returncode == 0
    assert done.stdout.startswith("ok: ") and "subjects" in done.stdout
    assert f"(version {knowledge.load_versioned()[1]}): " in done.stdout


def test_broken_knowledge_stops_every_command(tmp_path: Path) -> None:
    """kb check and every other command refuse an invalid knowledge base, naming the file."""
    broken = tmp_path / "kb"
    shutil.copytree(knowledge.default_dir(), broken)
    (broken / "subjects-press.yaml").write_text("subjects:\n  - id: press\n    title: [\n", "utf-8")
    check = _briefbot(tmp_path, "kb", "check", str(broken))
    ask = _briefbot(tmp_path, "ask", "agenda", BRIEFBOT_KNOWLEDGE=str(broken))
    console = _briefbot(tmp_path, "console", stdin="agenda\n", BRIEFBOT_KNOWLEDGE=str(broken))
    for done in (check, ask, console):
        assert done.returncode == 2
        assert "subjects-press.yaml: line" in done.stderr
        assert "Traceback" not in done.stderr
    assert not (tmp_path / "bb.sqlite3").exists()


def test_eval_prints_accuracy_and_misses(tmp_path: Path) -> None:
    """eval reports accuracy per language, off-topic rejection and every miss."""
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "questions:\n"
        '  - {q: "qui a parlé à l\'ouverture", lang: fr, topic: opening.speakers}\n'
        '  - {q: "agenda", lang: en, topic: agenda}\n'
        '  - {q: "who spoke at the opening", lang: en, topic: agenda.list}\n'
        '  - {q: "best fries in brussels", lang: en, topic: none}\n',
        "utf-8",
    )
    done = _briefbot(tmp_path, "eval", str(cases))
    assert done.returncode == 0, done.stderr
    assert re.search(r"language fr +100\.0%  \(1/1\)", done.stdout)
    assert re.search(r"language en +50\.0%  \(1/2\)", done.stdout)
    assert re.search(r"language off-topic +100\.0%  \(1/1\)", done.stdout)
    assert "'who spoke at the opening': expected agenda.list" in done.stdout
    as_json = json.loads(_briefbot(tmp_path, "eval", "--json", str(cases)).stdout)
    assert as_json["by_lang"]["en"] == {"right": 1, "total": 2, "rate": 0.5}


def test_eval_grades_facts_and_conversations(tmp_path: Path) -> None:
    """The facts format checks what each reply states, turn by turn, in order."""
    cases = tmp_path / "facts.yaml"
    cases.write_text(
        'now: "2026-01-01T12:00:00+01:00"\n'
        "cases:\n"
        "  - id: a\n    category: followup\n    lang: en\n    turns:\n"
        '      - q: "who holds the press conference?"\n'
        "        expect: [{answer: [Bauer, Cavoli, Vandier], not: [Rutte]}]\n"
        '      - q: "and when?"\n        expect: [{answer: [["17:30", "16:30"]]}]\n'
        "  - id: b\n    category: near_miss\n    lang: fr\n    turns:\n"
        '      - q: "combien de journalistes à la conférence de presse ?"\n'
        "        expect: [{not_said: true}]\n"
        "  - id: c\n    category: plain\n    lang: en\n    turns:\n"
        '      - q: "who spoke at the opening?"\n        expect: [{answer: [Vandier]}]\n'
        # a reply asking for a question declines what asks nothing
        "  - id: d\n    category: hostile\n    lang: en\n    turns:\n"
        '      - q: "😂😂😂😂😂😂"\n        expect: [{off_topic: true}]\n',
        "utf-8",
    )
    done = _briefbot(tmp_path, "eval", str(cases))
    assert done.returncode == 0, done.stderr
    assert re.search(r"category followup +100\.0%  \(2/2\)", done.stdout)
    assert re.search(r"category near_miss +100\.0%  \(1/1\)", done.stdout)
    assert re.search(r"category hostile +100\.0%  \(1/1\)", done.stdout)
    assert "[c] 'who spoke at the opening?': missing ['Vandier']" in done.stdout


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


def test_ask_logs_the_version_of_the_knowledge_base_that_answered(tmp_path: Path) -> None:
    """The logged question carries the content hash of the knowledge files in use."""
    done = _briefbot(tmp_path, "ask", "what is on the agenda?")
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(tmp_path / "bb.sqlite3") as db:
        rows = db.execute("SELECT kb_version FROM questions").fetchall()
    assert rows == [(knowledge.load_versioned()[1],)]
