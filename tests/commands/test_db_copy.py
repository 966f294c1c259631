"""``briefbot db copy``: a SQLite log into PostgreSQL and back, through the real CLI.

Copying twice must change nothing; a round trip must give back the same rows.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from briefbot.cli import main
from briefbot.storage import Store
from briefbot.storage.location import PostgresLocation
from pgserver import PASSWORD
from storage_entries import entry
from stores import SECRET, Backing

TABLES = {
    "questions": "SELECT * FROM questions ORDER BY qid",
    "feedback": "SELECT qid, user_hash, vote, voted_at FROM feedback ORDER BY qid, user_hash",
    "guild_settings": "SELECT * FROM guild_settings ORDER BY guild_id",
    "guild_channels": "SELECT * FROM guild_channels ORDER BY guild_id, channel_id",
    "dropped_questions": "SELECT * FROM dropped_questions ORDER BY asked_at",
}


def rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with closing(sqlite3.connect(path)) as db:
        return {table: db.execute(query).fetchall() for table, query in TABLES.items()}


async def fill(path: Path) -> str:
    """A log with answers, failures, votes (one changed), server settings, a drop count and
    two knowledge base versions (and questions from before versions); returns the id of the
    question user 1 voted 👍."""
    versions = ("aaaaaaaaaaaa", "bbbbbbbbbbbb", None)
    async with await Store.open(path, secret=SECRET) as store:
        items = [
            entry(question=f"question {n}", guild_id=n % 3, kb_version=versions[n % 3])
            for n in range(120)
        ]
        items.append(entry(question="sans accent ? à l'ouverture", kind="decline", topic=None))
        for item in items:
            store.log(item)
        await store.record_feedback(items[0].qid, 1, 1)
        await store.record_feedback(items[0].qid, 2, -1)
        await store.record_feedback(items[5].qid, 1, -1)
        await store.update_guild_settings(1, default_lang="fr", answer_channels=frozenset({7, 8}))
        await store.update_guild_settings(2, enabled=False)
    with closing(sqlite3.connect(path)) as db, db:
        db.execute(
            "INSERT INTO dropped_questions (asked_at, guild_id, count) VALUES (?, NULL, 12)",
            ((datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="microseconds"),),
        )
    return items[0].qid


def copy(source: str, target: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["db", "copy", source, target]) == 0
    return capsys.readouterr().out


@pytest.fixture
def password_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "pg_password"
    secret.write_text(PASSWORD)
    monkeypatch.setenv("BRIEFBOT_DB_PASSWORD_FILE", str(secret))
    monkeypatch.setenv("BRIEFBOT_LOCAL_DIR", str(tmp_path / "local"))


@pytest.mark.usefixtures("password_file")
def test_sqlite_to_postgres_and_back_gives_the_same_rows_and_twice_changes_nothing(
    pg_backing: Backing, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite → PostgreSQL → a new SQLite file: identical rows; each copy run again adds nothing."""
    assert isinstance(pg_backing.location, PostgresLocation)
    url = pg_backing.location.url
    original, back = tmp_path / "one.sqlite3", tmp_path / "back.sqlite3"
    asyncio.run(fill(original))

    first = copy(str(original), url, capsys)
    assert "121 questions (121 new), 3 votes, 2 server settings, 1 drop counts" in first
    assert PASSWORD not in first
    assert pg_backing.count() == 121
    snapshot = {table: pg_backing.query(query) for table, query in TABLES.items()}
    again = copy(str(original), url, capsys)
    assert "(0 new)" in again
    assert "(0 votes, settings and counts new or newer)" in again
    assert {table: pg_backing.query(query) for table, query in TABLES.items()} == snapshot

    copy(url, str(back), capsys)
    assert rows(back) == rows(original)
    assert "(0 new)" in copy(url, f"sqlite:///{back}", capsys)
    assert rows(back) == rows(original)


@pytest.mark.usefixtures("password_file")
def test_stats_read_the_same_from_either_store_after_a_copy(
    pg_backing: Backing, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`briefbot stats --json` on the SQLite file and on PostgreSQL print the same figures."""
    assert isinstance(pg_backing.location, PostgresLocation)
    original = tmp_path / "one.sqlite3"
    asyncio.run(fill(original))
    copy(str(original), pg_backing.location.url, capsys)
    assert main(["stats", "--json", "--db", str(original)]) == 0
    from_sqlite = capsys.readouterr().out
    assert main(["stats", "--json", "--db", pg_backing.location.url]) == 0
    assert capsys.readouterr().out == from_sqlite
    versions = json.loads(from_sqlite)["by_kb_version"]
    assert [(v["key"], v["total"], v["answered"]) for v in versions] == [
        ("", 41, 40),  # asked at one moment: ties in the order of the versions' names
        ("aaaaaaaaaaaa", 40, 40),
        ("bbbbbbbbbbbb", 40, 40),
    ]


@pytest.mark.usefixtures("password_file")
def test_a_newer_vote_in_the_source_replaces_the_copied_one(
    pg_backing: Backing, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user who changed their vote after the first copy has the new vote after the second."""
    assert isinstance(pg_backing.location, PostgresLocation)
    original = tmp_path / "one.sqlite3"
    first = asyncio.run(fill(original))
    copy(str(original), pg_backing.location.url, capsys)

    async def revote() -> None:
        async with await Store.open(original, secret=SECRET) as store:
            assert await store.record_feedback(first, 1, -1)  # was 👍

    asyncio.run(revote())
    changed = copy(str(original), pg_backing.location.url, capsys)
    assert "(1 votes, settings and counts new or newer)" in changed
    votes = "SELECT qid, user_hash, vote FROM feedback ORDER BY qid, user_hash"
    expected = [row[:3] for row in rows(original)["feedback"]]
    assert pg_backing.query(votes) == expected
    assert (first, -1) in [(qid, vote) for qid, _, vote in expected]


def test_copy_refuses_a_missing_source_and_the_same_store_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A SQLite source that does not exist is not created; SRC = DST is refused."""
    missing = tmp_path / "missing.sqlite3"
    assert main(["db", "copy", str(missing), str(tmp_path / "dst.sqlite3")]) == 2
    assert "no database" in capsys.readouterr().err
    assert not missing.exists()
    asyncio.run(fill(tmp_path / "one.sqlite3"))
    assert main(["db", "copy", str(tmp_path / "one.sqlite3"), str(tmp_path / "one.sqlite3")]) == 2
    assert "same database" in capsys.readouterr().err
