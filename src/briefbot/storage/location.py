"""Where the store lives: a SQLite file, or a PostgreSQL database shared by many machines.

``BRIEFBOT_DB`` names one or the other. A ``postgresql://`` or ``postgres://``
URL means PostgreSQL; anything else (a path, or ``sqlite:///path`` as
SQLAlchemy writes it: ``sqlite:////abs/path`` for an absolute one) a SQLite
file. The PostgreSQL password comes from ``BRIEFBOT_DB_PASSWORD_FILE`` (a
Docker secret) or from the URL; either way it is kept apart from the URL we
show, so it never reaches a message, a log line or the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from briefbot.errors import ConfigError

_POSTGRES_SCHEMES = ("postgresql", "postgres")
_SQLITE_PREFIX = "sqlite:///"


@dataclass(frozen=True, slots=True)
class SqliteLocation:
    """A SQLite file; spill files and the key file sit beside it."""

    path: Path

    @property
    def local(self) -> Path:
        """The stem of this machine's own files (spill files, key, heartbeat)."""
        return self.path

    def __str__(self) -> str:
        return str(self.path)


@dataclass(frozen=True, slots=True)
class PostgresLocation:
    """A PostgreSQL database; ``local`` is the stem of this machine's spill files."""

    url: str  # without the password: safe to show
    local: Path
    password: str | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return self.url


Location = SqliteLocation | PostgresLocation


def is_postgres_url(text: str) -> bool:
    """True when ``text`` names a PostgreSQL database rather than a SQLite file."""
    return text.strip().lower().startswith(tuple(f"{s}://" for s in _POSTGRES_SCHEMES))


def sqlite_path(text: str) -> Path:
    """The file a path or ``sqlite:///path`` names."""
    text = text.strip()
    return Path(text[len(_SQLITE_PREFIX) :] if text.lower().startswith(_SQLITE_PREFIX) else text)


def _without_password(url: str) -> tuple[str, str | None]:
    """The URL with any password taken out, and that password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    netloc = f"{user}@{host}" if user else host
    return urlunsplit(parts._replace(netloc=netloc)), unquote(parts.password)


def parse_location(text: str, *, password: str | None = None, local_dir: Path) -> Location:
    """The store ``BRIEFBOT_DB`` names; ``password`` (from a file) wins over one in the URL.

    ``local_dir`` holds this machine's own files when the database is remote.
    Raises :class:`ConfigError` for a URL that cannot be a database (never
    quoting a password).
    """
    text = text.strip()
    if not is_postgres_url(text):
        return SqliteLocation(sqlite_path(text))
    url, in_url = _without_password(text)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - validates the port
    except ValueError:
        raise ConfigError(f"BRIEFBOT_DB is not a valid PostgreSQL URL: {url}") from None
    if not parts.path.strip("/") and "dbname=" not in parts.query:
        raise ConfigError(f"BRIEFBOT_DB names no database (postgresql://user@host/DB): {url}")
    return PostgresLocation(
        url, local_dir / "briefbot-postgres", password if password is not None else in_url
    )
