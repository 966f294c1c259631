"""The user-hash key lives outside the database: a secret, a secret file, or a 0600 key file."""

from __future__ import annotations

import hmac
import logging
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import aiosqlite
import pytest

from briefbot.config import Settings, read_secret
from briefbot.errors import ConfigError, StorageError
from briefbot.storage import Store
from briefbot.storage import db as sql
from briefbot.storage.userkey import key_file
from storage_entries import entry

SECRET = "correct horse battery staple"
USER = 918273645546372819


def _hash(key: bytes, user_id: int = USER) -> str:
    return hmac.digest(key, str(user_id).encode("ascii"), "sha256").hex()


def _files_beside(db_path: Path) -> list[Path]:
    """The database and its companions; not the key file."""
    return [p for p in db_path.parent.iterdir() if p.is_file() and p != key_file(db_path)]


def _meta_keys(db_path: Path) -> list[str]:
    with closing(sqlite3.connect(db_path)) as db:
        return [str(key) for (key,) in db.execute("SELECT key FROM meta")]


async def test_without_a_secret_the_key_is_a_private_file_beside_the_database(
    tmp_path: Path,
) -> None:
    """A new database gets ``<db>.key``, mode 0600; the database itself holds no key."""
    path = tmp_path / "briefbot.sqlite3"
    async with await Store.open(path) as store:
        store.log(entry(user_id=USER))
        hashed = store.user_hash(USER)
    keyfile = key_file(path)
    assert stat.S_IMODE(keyfile.stat().st_mode) == 0o600
    key = bytes.fromhex(keyfile.read_text(encoding="ascii").strip())
    assert hashed == _hash(key)
    assert _meta_keys(path) == []
    for file in _files_beside(path):
        content = file.read_bytes()
        assert key not in content and key.hex().encode() not in content, file.name


async def test_a_configured_secret_keys_the_hashes_and_no_key_file_is_made(
    tmp_path: Path,
) -> None:
    """BRIEFBOT_SECRET: the same user hashes alike in two databases; nothing is written."""
    async with await Store.open(tmp_path / "a.sqlite3", secret=SECRET) as first:
        hashed = first.user_hash(USER)
    async with await Store.open(tmp_path / "b.sqlite3", secret=SECRET) as second:
        assert second.user_hash(USER) == hashed
    assert hashed == _hash(SECRET.encode())
    assert not key_file(tmp_path / "a.sqlite3").exists()
    assert not key_file(tmp_path / "b.sqlite3").exists()


async def test_the_key_file_copied_into_a_secret_gives_the_same_hashes(tmp_path: Path) -> None:
    """A key file's 64 hex digits, used as BRIEFBOT_SECRET, stand for the same key."""
    path = tmp_path / "briefbot.sqlite3"
    async with await Store.open(path) as store:
        hashed = store.user_hash(USER)
    secret = key_file(path).read_text(encoding="ascii")
    async with await Store.open(tmp_path / "other.sqlite3", secret=secret) as other:
        assert other.user_hash(USER) == hashed


async def _old_database(path: Path, key: bytes) -> str:
    """A file as briefbot kept it before: the key in ``meta``, one hashed question."""
    async with aiosqlite.connect(path, isolation_level=None) as db:
        await sql.configure(db)
        await sql.migrate(db)
        await db.execute("INSERT INTO meta (key, value) VALUES ('user_hash_key', ?)", (key,))
        row = (*("a" * 32, "2025-01-16T09:30:00.000000+00:00", "chat", 1, 2, _hash(key)),)
        await sql.insert_questions(db, [(*row, "en", None, "decline", 0.1, 1.0, "old", None)])
    return _hash(key)


async def test_a_key_stored_in_an_old_database_is_moved_out_and_hashes_still_match(
    tmp_path: Path,
) -> None:
    """Opening an old file writes its key to the key file and erases it from the database."""
    path = tmp_path / "briefbot.sqlite3"
    old_key = bytes(range(32))
    old_hash = await _old_database(path, old_key)
    async with await Store.open(path) as store:
        assert store.user_hash(USER) == old_hash  # the same user, still recognisable
        store.log(entry(user_id=USER))
    assert key_file(path).read_text(encoding="ascii").strip() == old_key.hex()
    assert _meta_keys(path) == []
    for file in _files_beside(path):
        assert old_key not in file.read_bytes(), file.name
    async with await Store.open(path) as again:  # and stays that way
        assert again.user_hash(USER) == old_hash


async def test_a_stored_key_that_differs_from_the_key_file_is_refused(tmp_path: Path) -> None:
    """Two different keys: neither is deleted, and the message names both places."""
    path = tmp_path / "briefbot.sqlite3"
    await _old_database(path, bytes(range(32)))
    key_file(path).write_text("ab" * 32 + "\n", encoding="ascii")
    with pytest.raises(StorageError, match=r"briefbot\.sqlite3\.key"):
        await Store.open(path)
    assert _meta_keys(path) == ["user_hash_key"]


async def test_the_key_never_reaches_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Moving a key out and overriding it with a secret log where, never what."""
    path = tmp_path / "briefbot.sqlite3"
    old_key = bytes(range(32))
    await _old_database(path, old_key)
    with caplog.at_level(logging.DEBUG):
        async with await Store.open(path, secret=SECRET):
            pass
    assert "briefbot.sqlite3.key" in caplog.text  # the warning about unlinkable hashes
    assert old_key.hex() not in caplog.text and SECRET not in caplog.text


def test_the_secret_comes_from_the_environment_or_a_file(tmp_path: Path) -> None:
    """BRIEFBOT_SECRET first, else BRIEFBOT_SECRET_FILE's text; never shown by repr."""
    secret_file = tmp_path / "secret"
    secret_file.write_text(f"  {SECRET}\n", encoding="utf-8")
    from_file = Settings.from_env({"BRIEFBOT_SECRET_FILE": str(secret_file)})
    assert read_secret(from_file) == SECRET
    both = {"BRIEFBOT_SECRET": "x" * 20, "BRIEFBOT_SECRET_FILE": str(secret_file)}
    assert read_secret(Settings.from_env(both)) == "x" * 20
    assert read_secret(Settings.from_env({})) is None
    assert SECRET not in repr(Settings.from_env({"BRIEFBOT_SECRET": SECRET}))


@pytest.mark.parametrize("content", ["", "q7Zx9wPk"])
def test_a_short_or_missing_secret_is_refused_without_showing_it(
    tmp_path: Path, content: str
) -> None:
    """Too short, empty or unreadable: a ConfigError naming the setting, not the value."""
    secret_file = tmp_path / "secret"
    secret_file.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="BRIEFBOT_SECRET_FILE") as refused:
        read_secret(Settings.from_env({"BRIEFBOT_SECRET_FILE": str(secret_file)}))
    assert not content or content not in str(refused.value)
    with pytest.raises(ConfigError, match="BRIEFBOT_SECRET_FILE"):
        read_secret(Settings.from_env({"BRIEFBOT_SECRET_FILE": str(tmp_path / "missing")}))
    with pytest.raises(ConfigError, match="at least 16") as short:
        Settings.from_env({"BRIEFBOT_SECRET": "tooshort"})
    assert "tooshort" not in str(short.value)
