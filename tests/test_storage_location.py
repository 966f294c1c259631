"""BRIEFBOT_DB names a SQLite file or a PostgreSQL database; a password never shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefbot.config import Settings, read_location
from briefbot.errors import ConfigError
from briefbot.storage.location import PostgresLocation, SqliteLocation, parse_location

LOCAL = Path("/var/lib/briefbot")


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("data/briefbot.sqlite3", Path("data/briefbot.sqlite3")),
        ("/data/briefbot.sqlite3", Path("/data/briefbot.sqlite3")),
        ("sqlite:///data/briefbot.sqlite3", Path("data/briefbot.sqlite3")),
        ("sqlite:////srv/briefbot.sqlite3", Path("/srv/briefbot.sqlite3")),
        ("SQLITE:///x.db", Path("x.db")),
    ],
)
def test_a_path_or_sqlite_url_is_a_sqlite_file(text: str, path: Path) -> None:
    """A path, or sqlite:///path (SQLAlchemy's form), keeps SQLite; its files sit beside it."""
    location = parse_location(text, local_dir=LOCAL)
    assert location == SqliteLocation(path)
    assert location.local == path


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "PostgreSQL"])
def test_a_postgres_url_is_postgres_with_local_files_in_the_local_dir(scheme: str) -> None:
    """postgresql:// and postgres:// select PostgreSQL; spill files go to the local folder."""
    location = parse_location(f"{scheme}://bot@db.internal:5432/briefbot", local_dir=LOCAL)
    assert isinstance(location, PostgresLocation)
    assert location.url == f"{scheme}://bot@db.internal:5432/briefbot"
    assert location.password is None
    assert location.local == LOCAL / "briefbot-postgres"


def test_a_password_in_the_url_is_taken_out_of_what_is_shown() -> None:
    """The password is kept apart (decoded), and neither str() nor repr() shows it."""
    location = parse_location("postgresql://bot:s%40cret-pw@db:5432/briefbot", local_dir=LOCAL)
    assert isinstance(location, PostgresLocation)
    assert location.password == "s@cret-pw"
    assert location.url == "postgresql://bot@db:5432/briefbot"
    for shown in (str(location), repr(location)):
        assert "s@cret" not in shown and "s%40cret" not in shown


def test_the_password_file_wins_over_the_url() -> None:
    """BRIEFBOT_DB_PASSWORD_FILE's password is used when the URL has one too."""
    location = parse_location("postgres://bot:old@db/briefbot", password="new", local_dir=LOCAL)
    assert isinstance(location, PostgresLocation) and location.password == "new"


@pytest.mark.parametrize(
    "text", ["postgresql://bot:pw-123@db:notaport/briefbot", "postgresql://bot:pw-123@db"]
)
def test_a_url_that_cannot_be_a_database_is_refused_without_its_password(text: str) -> None:
    """A bad port or no database name: ConfigError naming BRIEFBOT_DB, not the password."""
    with pytest.raises(ConfigError, match="BRIEFBOT_DB") as refused:
        parse_location(text, local_dir=LOCAL)
    assert "pw-123" not in str(refused.value)


def test_settings_keep_the_url_apart_and_local_files_in_the_local_dir() -> None:
    """With a URL, db_url holds it (hidden from repr), the heartbeat goes to BRIEFBOT_LOCAL_DIR."""
    settings = Settings.from_env(
        {"BRIEFBOT_DB": "postgresql://bot:pw-456@db/briefbot", "BRIEFBOT_LOCAL_DIR": "/state"}
    )
    assert settings.db_url == "postgresql://bot:pw-456@db/briefbot"
    assert "pw-456" not in repr(settings)
    assert settings.heartbeat_path == Path("/state/briefbot-postgres.heartbeat")
    sqlite = Settings.from_env({"BRIEFBOT_DB": "sqlite:////srv/log.sqlite3"})
    assert sqlite.db_url is None and sqlite.db_path == Path("/srv/log.sqlite3")
    assert read_location(sqlite) == SqliteLocation(Path("/srv/log.sqlite3"))


def test_the_password_file_is_read_and_an_unreadable_one_is_named(tmp_path: Path) -> None:
    """BRIEFBOT_DB_PASSWORD_FILE is read, stripped; a missing file is one ConfigError."""
    secret = tmp_path / "db_password"
    secret.write_text("pw-789\n")
    env = {"BRIEFBOT_DB": "postgresql://bot@db/briefbot", "BRIEFBOT_DB_PASSWORD_FILE": str(secret)}
    location = read_location(Settings.from_env(env))
    assert isinstance(location, PostgresLocation) and location.password == "pw-789"
    env["BRIEFBOT_DB_PASSWORD_FILE"] = str(tmp_path / "missing")
    with pytest.raises(ConfigError, match="BRIEFBOT_DB_PASSWORD_FILE"):
        read_location(Settings.from_env(env))
