"""The question log on a real SQLite file: every question once, verbatim, nothing lost."""

from __future__ import annotations

import asyncio
import json
import math
import sqlite3
import tempfile
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefbot.errors import StorageError
from briefbot.storage import SCHEMA_VERSION, LogEntry, Store, new_qid
from briefbot.storage import db as sql
from briefbot.storage.model import without_mentions
from storage_entries import NOW, entry
from stores import Backing

WAIT = 30  # seconds: generous bound on every wait, never a timing assertion


def query(path: Path, statement: str, *params: object) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(statement, params).fetchall()


def count(path: Path) -> int:
    return int(query(path, "SELECT count(*) FROM questions")[0][0])


def spill_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.spill-*"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "briefbot.sqlite3"


async def test_open_creates_the_file_its_folders_and_wal_mode(db_path: Path) -> None:
    """A first start creates the folders and a WAL-mode file at the current schema."""
    async with await Store.open(db_path):
        pass
    assert db_path.is_file()
    assert query(db_path, "PRAGMA journal_mode") == [("wal",)]
    versions = [v for (v,) in query(db_path, "SELECT version FROM schema_migrations")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))


async def test_a_thousand_concurrent_questions_make_exactly_a_thousand_rows(
    backing: Backing,
) -> None:
    """1,000 questions logged from concurrent tasks are stored once each."""
    async with await backing.open() as store:
        entries = [entry(question=f"question {n}") for n in range(1000)]

        async def ask(item: LogEntry) -> None:
            await asyncio.sleep(0)
            store.log(item)

        await asyncio.gather(*(ask(item) for item in entries))
        await asyncio.wait_for(store.flush(), WAIT)
        assert backing.count() == 1000
    stored = {qid for (qid,) in backing.query("SELECT qid FROM questions")}
    assert stored == {item.qid for item in entries}


async def test_every_field_is_stored_with_the_time_in_utc(db_path: Path) -> None:
    """Time (as UTC), front end, ids, language, topic, outcome, figures and text are kept."""
    paris = timezone(timedelta(hours=1))
    item = entry(
        asked_at=datetime(2025, 1, 16, 10, 30, tzinfo=paris),
        frontend="slash",
        guild_id=2**62,
        channel_id=42,
        lang="fr",
        topic=None,
        kind="decline",
        confidence=0.25,
        latency_ms=12.5,
        question="Quel temps fait-il ?",
    )
    async with await Store.open(db_path) as store:
        store.log(item)
    (row,) = query(
        db_path,
        "SELECT qid, asked_at, frontend, guild_id, channel_id, lang, topic, kind,"
        " confidence, latency_ms, question FROM questions",
    )
    assert row == (
        item.qid,
        "2025-01-16T09:30:00.000000+00:00",
        "slash",
        2**62,
        42,
        "fr",
        None,
        "decline",
        0.25,
        12.5,
        "Quel temps fait-il ?",
    )


async def test_the_raw_user_id_never_reaches_the_disk(db_path: Path) -> None:
    """Questions and votes keep only a keyed hash of the user id, never the id itself."""
    user_id = 918273645546372819
    item = entry(user_id=user_id)
    async with await Store.open(db_path) as store:
        store.log(item)
        assert await store.record_feedback(item.qid, user_id, 1)
        hashed = store.user_hash(user_id)
    assert query(db_path, "SELECT user_hash FROM questions") == [(hashed,)]
    assert query(db_path, "SELECT user_hash FROM feedback") == [(hashed,)]
    assert len(hashed) == 64
    assert str(user_id) not in hashed
    for file in db_path.parent.iterdir():
        assert str(user_id).encode() not in file.read_bytes()


async def test_the_hash_key_is_made_once_per_installation(tmp_path: Path) -> None:
    """Reopening keeps the key (the same user hashes alike); another file has its own key."""
    async with await Store.open(tmp_path / "a.sqlite3") as first:
        hashed = first.user_hash(7)
    async with await Store.open(tmp_path / "a.sqlite3") as again:
        assert again.user_hash(7) == hashed
    async with await Store.open(tmp_path / "b.sqlite3") as other:
        assert other.user_hash(7) != hashed


async def test_distinct_users_are_counted_and_console_questions_have_no_user(
    backing: Backing,
) -> None:
    """Two users asking three questions count as two; a console question has no user."""
    async with await backing.open() as store:
        for user in (1, 2, 1):
            store.log(entry(user_id=user))
        store.log(entry(user_id=None, frontend="console", guild_id=None, channel_id=None))
        await store.flush()
        assert (await store.stats()).distinct_users == 2
    assert backing.query("SELECT user_hash FROM questions WHERE frontend = 'console'") == [(None,)]


TRICKY = [
    "'; DROP TABLE questions; --",
    'Robert"); DELETE FROM feedback WHERE ("1"="1',
    'l\'OTAN « dit » "quoi" ?',
    "tab\there\nnew line\r\ncarriage \x07 bell \x1b[31m escape \x7f",
    "x" * 4000,
    "é" * 3999 + "?",
    "@everyone 👍🏽 مرحبا \u202e reversed <:blobwave:123> <a:dance:45> </ask:67>",
    "   leading and trailing spaces   ",
    "",
]


@pytest.mark.parametrize("text", TRICKY, ids=range(len(TRICKY)))
async def test_question_texts_are_stored_verbatim(backing: Backing, text: str) -> None:
    """SQL, quotes, control characters and 4,000-character questions come back unchanged."""
    async with await backing.open() as store:
        store.log(entry(question=text))
    assert backing.query("SELECT question FROM questions") == [(text,)]


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("<@123456789012345678> who spoke?", "@user who spoke?"),
        ("ask <@!42> and <@&987654321> in <#555>", "ask @user and @role in #channel"),
        ("<@1><@2>,<#3>.", "@user@user,#channel."),
        ("qui est <@ 42> ? <@abc> <#>", "qui est <@ 42> ? <@abc> <#>"),
    ],
)
async def test_mentions_in_question_texts_are_stored_as_neutral_tokens(
    db_path: Path, text: str, stored: str
) -> None:
    """User, role and channel mentions carry Discord ids: they become @user, @role, #channel."""
    async with await Store.open(db_path) as store:
        store.log(entry(question=text))
    assert query(db_path, "SELECT question FROM questions") == [(stored,)]
    for file in db_path.parent.iterdir():
        assert b"123456789012345678" not in file.read_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(
        st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=4000), max_size=5
    )
)
def test_any_text_without_nul_round_trips(texts: list[str]) -> None:
    """Whatever a user types (bar NUL) is stored exactly, mentions aside, through memory and
    spill files."""

    async def roundtrip(path: Path) -> list[str]:
        items = [entry(question=text) for text in texts]
        # max_pending=1 sends all but the first entry through a spill file.
        async with await Store.open(path, max_pending=1) as store:
            for item in items:
                store.log(item)
        found = dict(query(path, "SELECT qid, question FROM questions"))
        return [found[item.qid] for item in items]

    with tempfile.TemporaryDirectory() as folder:
        stored = asyncio.run(roundtrip(Path(folder) / "db.sqlite3"))
        assert stored == [without_mentions(text) for text in texts]


async def test_an_undecodable_character_is_replaced_not_fatal(backing: Backing) -> None:
    """A lone surrogate (bad bytes read by the console) becomes '?' instead of blocking writes."""
    async with await backing.open() as store:
        store.log(entry(question="caf\udce9 ?"))
        store.log(entry(question="fine"))
    assert sorted(q for (q,) in backing.query("SELECT question FROM questions")) == [
        "caf? ?",
        "fine",
    ]


async def test_close_writes_everything_logged_without_a_flush(backing: Backing) -> None:
    """Closing (console exit, SIGTERM handler) stores what was queued a moment before."""
    store = await backing.open()
    for n in range(300):
        store.log(entry(question=f"q{n}"))
    await asyncio.wait_for(store.close(), WAIT)
    await store.close()  # idempotent
    assert backing.count() == 300


async def test_shutdown_in_the_middle_of_a_burst_loses_nothing(backing: Backing) -> None:
    """Questions logged before, during and after close() all end up in the database."""
    store = await backing.open(max_pending=50)
    logged = 0
    closed = asyncio.Event()

    async def burst() -> None:
        nonlocal logged
        for n in range(3000):
            store.log(entry(question=f"burst {n}"))
            logged += 1
            if n == 1000:
                closed.set()
            if n % 25 == 0:
                await asyncio.sleep(0)

    task = asyncio.create_task(burst())
    await asyncio.wait_for(closed.wait(), WAIT)
    await asyncio.wait_for(store.close(), WAIT)
    await asyncio.wait_for(task, WAIT)
    assert logged == 3000
    async with await backing.open():  # replays what arrived after close
        pass
    assert backing.count() == 3000
    assert backing.spill_files() == []


async def test_logging_after_close_is_kept_for_the_next_start(backing: Backing) -> None:
    """A question logged after close() neither raises nor vanishes: the next open stores it."""
    store = await backing.open()
    await store.close()
    late = entry(question="late")
    store.log(late)
    assert backing.spill_files()
    async with await backing.open():
        pass
    assert backing.query("SELECT qid FROM questions") == [(late.qid,)]
    assert backing.spill_files() == []


async def test_entries_beyond_the_memory_bound_spill_and_are_all_stored(backing: Backing) -> None:
    """With memory full, log() writes to a spill file; flush() moves it into the database."""
    async with await backing.open(max_pending=5, batch_size=3) as store:
        for n in range(200):
            store.log(entry(question=f"q{n}"))
        assert backing.spill_files()
        await asyncio.wait_for(store.flush(), WAIT)
        assert backing.count() == 200
        assert backing.spill_files() == []


async def test_log_accepts_questions_while_another_process_holds_the_write_lock(
    db_path: Path,
) -> None:
    """log() returns while the file is locked; the entries land once the lock is released."""
    async with await Store.open(db_path, max_pending=10) as store:
        with closing(sqlite3.connect(db_path, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            for n in range(100):
                store.log(entry(question=f"q{n}"))  # a synchronous call: it cannot wait
            await asyncio.sleep(0.2)  # let the writer run into the lock
            other.execute("COMMIT")
        await asyncio.wait_for(store.flush(), WAIT)
        assert count(db_path) == 100


async def test_flush_returns_once_earlier_entries_are_stored_despite_new_ones(
    backing: Backing,
) -> None:
    """flush() waits for what was logged before it, not for a stream that never ends."""
    async with await backing.open() as store:
        store.log(entry())
        stop = asyncio.Event()

        async def stream() -> None:
            while not stop.is_set():
                store.log(entry())
                await asyncio.sleep(0)

        task = asyncio.create_task(stream())
        await asyncio.wait_for(store.flush(), WAIT)
        assert backing.count() >= 1
        stop.set()
        await task


async def test_a_lone_question_is_written_without_a_flush(backing: Backing) -> None:
    """A quiet bot's question reaches the disk on its own, shortly after it is logged."""
    async with await backing.open() as store:
        store.log(entry())
        deadline = asyncio.get_running_loop().time() + WAIT
        while backing.count() == 0 and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)
        assert backing.count() == 1


def test_new_question_ids_are_valid_unique_and_grow_with_time() -> None:
    """new_qid() makes ids LogEntry accepts, never twice, in creation order."""
    ids = [new_qid() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert [qid[:14] for qid in ids] == sorted(qid[:14] for qid in ids)
    assert entry(qid=ids[0]).qid == ids[0]


async def test_a_repeated_question_id_is_stored_once(backing: Backing) -> None:
    """Logging the same qid twice (a front-end bug) keeps the first entry only."""
    first = entry(question="first")
    async with await backing.open() as store:
        store.log(first)
        store.log(entry(qid=first.qid, question="second"))
        store.log(entry(question="other"))
    assert backing.count() == 2
    assert backing.query("SELECT question FROM questions WHERE qid = ?", first.qid) == [("first",)]


async def test_with_text_logging_off_questions_are_counted_without_text(backing: Backing) -> None:
    """BRIEFBOT_LOG_QUESTIONS=0: every question still counts, no text is written."""
    async with await backing.open(log_questions=False) as store:
        store.log(entry(question="secret plans", kind="decline", topic=None))
        await store.flush()
        stats = await store.stats()
        assert stats.total == 1
        assert await store.unanswered() == []
    assert backing.query("SELECT question FROM questions") == [(None,)]
    for file in backing.local.parent.iterdir():
        assert b"secret plans" not in file.read_bytes()


async def test_purge_deletes_texts_older_than_retention_and_keeps_counts(backing: Backing) -> None:
    """Texts older than the retention period are deleted; their rows still count."""
    async with await backing.open(retention_days=90) as store:
        store.log(entry(asked_at=NOW - timedelta(days=91), question="old"))
        store.log(entry(asked_at=NOW - timedelta(days=89), question="recent"))
        await store.flush()
        assert await store.purge_expired(NOW) == 1
        assert await store.purge_expired(NOW) == 0
        assert (await store.stats()).total == 2
    texts = backing.query("SELECT question FROM questions ORDER BY asked_at")
    assert texts == [(None,), ("recent",)]


async def test_opening_purges_expired_texts(backing: Backing) -> None:
    """A start deletes texts that expired while the bot was down."""
    async with await backing.open(retention_days=90) as store:
        store.log(entry(asked_at=datetime.now(UTC) - timedelta(days=100), question="old"))
    async with await backing.open(retention_days=90):
        pass
    assert backing.query("SELECT question FROM questions") == [(None,)]


async def test_a_first_version_file_is_upgraded_in_place(db_path: Path) -> None:
    """A file at schema 1 with data reaches the current schema, data intact, like a new file."""
    db_path.parent.mkdir(parents=True)
    async with aiosqlite.connect(db_path, isolation_level=None) as old:
        await sql.configure(old)
        assert await sql.migrate(old, target=1) == [1]
        await old.execute(
            "INSERT INTO questions VALUES (?, ?, 'chat', 1, 2, NULL, 'fr', NULL, 'decline',"
            " 0.1, 3.0, 'ancienne question')",
            ("a" * 32, sql.db_time(datetime.now(UTC))),
        )
    async with await Store.open(db_path) as store:
        assert (await store.stats()).total == 1
        store.log(entry())
    versions = [v for (v,) in query(db_path, "SELECT version FROM schema_migrations")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert ("ancienne question",) in query(db_path, "SELECT question FROM questions")

    fresh = db_path.with_name("fresh.sqlite3")
    async with await Store.open(fresh):
        pass
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    assert query(db_path, schema) == query(fresh, schema)


async def test_migrations_are_applied_once(backing: Backing) -> None:
    """Reopening does not reapply recorded migrations."""
    async with await backing.open():
        pass
    before = backing.query("SELECT version, applied_at FROM schema_migrations")
    async with await backing.open():
        pass
    assert backing.query("SELECT version, applied_at FROM schema_migrations") == before


async def test_a_file_that_is_not_sqlite_is_refused_with_its_name(tmp_path: Path) -> None:
    """Pointing BRIEFBOT_DB at another kind of file gives a StorageError naming it."""
    path = tmp_path / "notes.txt"
    path.write_text("not a database, just text " * 100)
    with pytest.raises(StorageError, match=r"notes\.txt"):
        await Store.open(path)


async def test_an_unusable_path_is_refused_with_its_name(tmp_path: Path) -> None:
    """A path under a regular file (no folder can be made there) gives a StorageError."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="file"):
        await Store.open(blocker / "db.sqlite3")


async def test_a_file_from_a_newer_briefbot_is_refused(db_path: Path) -> None:
    """A schema version above the known ones is not touched: upgrade briefbot instead."""
    async with await Store.open(db_path):
        pass
    with closing(sqlite3.connect(db_path)) as db, db:
        db.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    with pytest.raises(StorageError, match="newer"):
        await Store.open(db_path)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("qid", "not-hex"),
        ("qid", "A" * 32),
        ("asked_at", datetime(2025, 1, 16)),
        ("lang", "de"),
        ("kind", "maybe"),
        ("frontend", ""),
        ("confidence", math.nan),
        ("latency_ms", math.inf),
        ("guild_id", -1),
        ("user_id", 2**63),
    ],
)
def test_a_malformed_entry_is_refused_where_it_is_made(field: str, value: object) -> None:
    """Bad entries fail at construction, never later inside a background batch."""
    with pytest.raises(ValueError, match=field if field != "asked_at" else "aware"):
        entry(**{field: value})


async def test_each_question_keeps_its_knowledge_base_version(backing: Backing) -> None:
    """The version of the knowledge base that answered is stored with the question."""
    async with await backing.open() as store:
        store.log(entry(kb_version="0123456789ab"))
        store.log(entry())
    assert set(backing.query("SELECT kb_version FROM questions")) == {(None,), ("0123456789ab",)}


async def test_a_spill_file_from_before_versions_is_still_replayed(backing: Backing) -> None:
    """A spill line of an older briefbot (no version field) is stored, without a version,
    beside a line of this one; a line of neither length is skipped."""
    backing.local.parent.mkdir(parents=True)
    old = [
        "b" * 32, sql.db_time(NOW), "chat", 1, 2, None, "en", "agenda", "answer", 0.9, 1.0,
        "what is on the agenda",
    ]  # fmt: skip
    new = ["c" * 32, *old[1:], "0123456789ab"]
    spill = backing.local.with_name(f"{backing.local.name}.spill-1-00000000.jsonl")
    lines = (json.dumps(row) for row in (old, old[:5], new))
    spill.write_text("".join(f"{line}\n" for line in lines), encoding="ascii")
    async with await backing.open():
        pass
    assert sorted(backing.query("SELECT qid, kb_version FROM questions")) == [
        ("b" * 32, None),
        ("c" * 32, "0123456789ab"),
    ]
    assert backing.spill_files() == []
