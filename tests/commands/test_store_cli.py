"""``briefbot stats`` and ``briefbot unanswered``, run through the real CLI on a real file."""

from __future__ import annotations

import argparse
import asyncio
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

import storage_entries
from briefbot.cli import build_parser, main
from briefbot.commands.store import parse_since
from briefbot.storage import LogEntry, Store
from storage_entries import NOW


def entry(**overrides: Any) -> LogEntry:
    """A log entry asked now, so that --since windows include it."""
    return storage_entries.entry(**{"asked_at": datetime.now(UTC), **overrides})


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A log with answered, unanswered and downvoted questions on two servers."""
    path = tmp_path / "briefbot.sqlite3"

    async def fill() -> None:
        async with await Store.open(path) as store:
            store.log(entry(lang="fr", topic="agenda", frontend="slash"))
            store.log(entry(kind="decline", topic=None, question="when is the next summit"))
            store.log(entry(kind="decline", topic=None, question="When is teh next summit?"))
            store.log(entry(guild_id=2, kind="decline", topic=None, question="server two only"))
            old = entry(asked_at=datetime.now(UTC) - timedelta(days=30), topic="venue")
            store.log(old)
            downvoted = entry(question="who chaired the meeting")
            store.log(downvoted)
            await store.record_feedback(downvoted.qid, 7, -1)

    asyncio.run(fill())
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", NOW - timedelta(days=7)),
        ("24h", NOW - timedelta(hours=24)),
        ("30m", NOW - timedelta(minutes=30)),
        ("2w", NOW - timedelta(weeks=2)),
        (" 7D ", NOW - timedelta(days=7)),
        ("2025-01-15", datetime(2025, 1, 15, tzinfo=UTC)),
        ("2025-01-15T10:00", datetime(2025, 1, 15, 10, tzinfo=UTC)),
        ("2025-01-15T10:00+01:00", datetime(2025, 1, 15, 10, tzinfo=timezone(timedelta(hours=1)))),
    ],
)
def test_since_takes_durations_and_iso_dates(text: str, expected: datetime) -> None:
    """--since 7d/24h/30m/2w counts back from now; a date without zone is UTC."""
    assert parse_since(text, NOW) == expected


@pytest.mark.parametrize("text", ["yesterday", "7x", "", "-7d", "7 days"])
def test_since_refuses_anything_else_with_the_accepted_forms(text: str) -> None:
    """A wrong --since says what would have worked."""
    with pytest.raises(ValueError, match="7d"):
        parse_since(text, NOW)


def test_a_bad_since_is_a_usage_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """argparse reports it, exit status 2."""
    with pytest.raises(SystemExit) as exit_:
        main(["stats", "--db", str(db), "--since", "last week"])
    assert exit_.value.code == 2
    assert "--since" in capsys.readouterr().err


def test_stats_prints_readable_tables(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Totals, answer rate, the splits, grouped unanswered questions and feedback appear."""
    assert main(["stats", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "questions       6" in out
    assert "answered        3 (50.0%)" in out
    for heading in ("By language", "By front end", "Top topics", "Feedback per topic"):
        assert heading in out
    (line,) = [row for row in out.splitlines() if "When is teh next summit?" in row]
    assert line.split()[:3] == ["2", "2", "en"]  # asked twice, two wordings


def test_stats_json_for_one_server_and_period(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--json --guild --since gives one JSON object with that server's recent figures only."""
    assert main(["stats", "--db", str(db), "--guild", "2", "--since", "7d", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["guild_id"] == 2
    assert report["total"] == 1
    assert [g["question"] for g in report["unanswered"]] == ["server two only"]
    assert main(["stats", "--db", str(db), "--since", "7d", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 5


def test_stats_reads_the_database_named_by_briefbot_db(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --db the BRIEFBOT_DB setting names the file."""
    monkeypatch.setenv("BRIEFBOT_DB", str(db))
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 6


def test_a_missing_database_is_reported_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """stats on a path with no database says so and leaves no empty file behind."""
    missing = tmp_path / "none.sqlite3"
    assert main(["stats", "--db", str(missing)]) == 2
    assert "no database" in capsys.readouterr().err
    assert not missing.exists()


def test_unanswered_export_writes_an_eval_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--export writes grouped unanswered and 👎 questions with blank topics."""
    export = tmp_path / "curate" / "unanswered.yaml"
    export.parent.mkdir()
    assert main(["unanswered", "--db", str(db), "--guild", "1", "--export", str(export)]) == 0
    assert "wrote 2 groups (3 questions)" in capsys.readouterr().err
    questions = yaml.safe_load(export.read_text(encoding="utf-8"))["questions"]
    # Ties go to the first wording in sort order, so the export is reproducible.
    assert sorted(q["q"] for q in questions) == [
        "When is teh next summit?",
        "who chaired the meeting",
    ]
    assert all(q["topic"] == "" and q["lang"] == "en" for q in questions)
    assert list(export.parent.iterdir()) == [export]  # no partial file left


def test_unanswered_lists_groups_or_writes_yaml_to_stdout(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --export it prints a table; with --export - the YAML goes to stdout."""
    assert main(["unanswered", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "server two only" in out
    assert "who chaired the meeting" in out
    assert main(["unanswered", "--db", str(db), "--export", "-"]) == 0
    assert len(yaml.safe_load(capsys.readouterr().out)["questions"]) == 3


@pytest.mark.parametrize("command", ["stats", "unanswered"])
def test_every_store_command_and_option_has_help(command: str) -> None:
    """Each command has a summary, a description and help on every option."""
    parser = build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    summaries = {choice.dest: choice.help for choice in action._choices_actions}
    assert summaries[command]
    sub = action.choices[command]
    assert sub.description
    for option in sub._actions:
        assert option.help, f"{command} {option.option_strings} has no help"


def test_stats_compare_answer_rates_across_knowledge_base_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One row per version, first used first, with its rate and the change from the one
    before; questions from before versions were logged are "(not recorded)"."""
    path = tmp_path / "briefbot.sqlite3"
    start = datetime.now(UTC) - timedelta(days=3)

    async def fill() -> None:
        async with await Store.open(path) as store:
            store.log(entry(asked_at=start, kind="decline", topic=None))
            for n, (version, kind) in enumerate(
                [
                    ("0ld0ld0ld0ld", "answer"),
                    ("0ld0ld0ld0ld", "decline"),
                    ("5ee5ee5ee5ee", "answer"),
                ]
            ):
                asked = start + timedelta(hours=n + 1)
                store.log(entry(asked_at=asked, kb_version=version, kind=kind))

    asyncio.run(fill())
    assert main(["stats", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    section = out.split("By knowledge base version (first used first)\n")[1].split("\n\n")[0]
    rows = [line.split() for line in section.splitlines()[1:]]
    assert rows == [
        ["(not", "recorded)", "1", "0", "0.0%"],
        ["0ld0ld0ld0ld", "2", "1", "50.0%", "+50.0", "pts"],
        ["5ee5ee5ee5ee", "1", "1", "100.0%", "+50.0", "pts"],
    ]
