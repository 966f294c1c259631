"""Settings, read once from the environment into a frozen value.

Only ``main()``-level code calls :func:`Settings.from_env`; nothing reads the
environment at import time, so tests build ``Settings`` directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from briefbot.errors import ConfigError
from briefbot.storage.location import Location, is_postgres_url, parse_location, sqlite_path

MIN_SECRET: Final = 16  # characters: a shorter secret could be found by trying them all
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_MALFORMED = (
    "holds spaces, line breaks or other characters inside the token, which a Discord "
    "token never has (a second line? a pasted 'Bot ' prefix?)"
)


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be one of 1/0, true/false, yes/no, on/off (got {raw!r})")


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a whole number (got {raw!r})") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum} (got {value})")
    return value


def _float(env: Mapping[str, str], name: str, default: float, minimum: float = 0.0) -> float:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a number (got {raw!r})") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum} (got {value})")
    return value


def _ids(env: Mapping[str, str], name: str) -> tuple[int, ...]:
    raw = env.get(name, "").strip()
    if not raw:
        return ()
    try:
        return tuple(int(part) for part in raw.replace(",", " ").split())
    except ValueError:
        raise ConfigError(f"{name} must be a list of whole numbers (got {raw!r})") from None


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob briefbot has. Defaults suit a local run."""

    knowledge: Path | None = None  # None: the knowledge base shipped with the package
    knowledge_poll: float = 5.0  # seconds between looks at the knowledge files (0: SIGHUP only)
    db_path: Path = Path("data/briefbot.sqlite3")  # the SQLite file, unless db_url is set
    # A postgresql:// URL (BRIEFBOT_DB) puts the store in PostgreSQL; it may hold a password.
    db_url: str | None = field(default=None, repr=False)
    db_password_file: Path | None = None  # the PostgreSQL password (a Docker secret)
    local_dir: Path = Path("data")  # this machine's own files when the database is remote
    log_questions: bool = True  # False: question texts are not stored (counts still are)
    retention_days: int = 90
    default_lang: str = "en"
    cooldown_seconds: float = 3.0
    message_content: bool = False  # opt-in privileged intent for answering in chosen channels
    sync_on_start: bool = False
    shard_count: int | None = None
    shard_ids: tuple[int, ...] = ()
    log_level: str = "INFO"
    secret: str | None = field(default=None, repr=False)  # keys the user-id hashes; never shown
    secret_file: Path | None = None  # a file holding that secret (a Docker secret)
    heartbeat: Path | None = None  # None: <db>.heartbeat beside the database

    @property
    def heartbeat_path(self) -> Path:
        """The file ``briefbot run`` keeps touching and ``briefbot health`` reads."""
        local = self.db_path if self.db_url is None else self.local_dir / "briefbot-postgres"
        return self.heartbeat or local.with_name(local.name + ".heartbeat")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from ``BRIEFBOT_*`` variables; raise ``ConfigError`` on bad values."""
        env = os.environ if env is None else env
        knowledge = env.get("BRIEFBOT_KNOWLEDGE", "").strip()
        lang = env.get("BRIEFBOT_DEFAULT_LANG", "en").strip().lower() or "en"
        if lang not in ("fr", "en"):
            raise ConfigError(f"BRIEFBOT_DEFAULT_LANG must be fr or en (got {lang!r})")
        shard_count = env.get("BRIEFBOT_SHARD_COUNT", "").strip()
        secret = env.get("BRIEFBOT_SECRET", "").strip() or None
        if secret is not None:
            _check_secret(secret, "BRIEFBOT_SECRET")
        secret_file = env.get("BRIEFBOT_SECRET_FILE", "").strip()
        heartbeat = env.get("BRIEFBOT_HEARTBEAT", "").strip()
        db = env.get("BRIEFBOT_DB", "").strip()
        url = db if is_postgres_url(db) else None
        password_file = env.get("BRIEFBOT_DB_PASSWORD_FILE", "").strip()
        local_dir = env.get("BRIEFBOT_LOCAL_DIR", "").strip()
        return cls(
            knowledge=Path(knowledge) if knowledge else None,
            knowledge_poll=_float(env, "BRIEFBOT_KNOWLEDGE_POLL", 5.0),
            db_path=sqlite_path(db) if db and url is None else Path("data/briefbot.sqlite3"),
            db_url=url,
            db_password_file=Path(password_file) if password_file else None,
            local_dir=Path(local_dir or "data"),
            log_questions=_flag(env, "BRIEFBOT_LOG_QUESTIONS", True),
            retention_days=_int(env, "BRIEFBOT_RETENTION_DAYS", 90, minimum=1),
            default_lang=lang,
            cooldown_seconds=_float(env, "BRIEFBOT_COOLDOWN", 3.0),
            message_content=_flag(env, "BRIEFBOT_MESSAGE_CONTENT", False),
            sync_on_start=_flag(env, "BRIEFBOT_SYNC_ON_START", False),
            shard_count=_int(env, "BRIEFBOT_SHARD_COUNT", 1, minimum=1) if shard_count else None,
            shard_ids=_ids(env, "BRIEFBOT_SHARD_IDS"),
            log_level=env.get("BRIEFBOT_LOG_LEVEL", "INFO").strip().upper() or "INFO",
            secret=secret,
            secret_file=Path(secret_file) if secret_file else None,
            heartbeat=Path(heartbeat) if heartbeat else None,
        )


def _check_secret(secret: str, source: str) -> None:
    if len(secret) < MIN_SECRET:
        raise ConfigError(f"{source} must be at least {MIN_SECRET} characters long")


def read_secret(settings: Settings) -> str | None:
    """The secret keying the user-id hashes: ``BRIEFBOT_SECRET``, else the file
    ``BRIEFBOT_SECRET_FILE``, else ``None`` (the store then keeps a key file).

    Neither the secret nor any part of it appears in an error message.
    """
    if settings.secret is not None or settings.secret_file is None:
        return settings.secret
    path = settings.secret_file
    try:
        secret = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ConfigError(
            f"BRIEFBOT_SECRET_FILE names {str(path)!r}, which cannot be read ({reason})"
        ) from None
    _check_secret(secret, f"the secret in BRIEFBOT_SECRET_FILE ({path})")
    return secret


def read_db_password(settings: Settings) -> str | None:
    """The PostgreSQL password in ``BRIEFBOT_DB_PASSWORD_FILE``, if set.

    The password never appears in an error message.
    """
    path = settings.db_password_file
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ConfigError(
            f"BRIEFBOT_DB_PASSWORD_FILE names {str(path)!r}, which cannot be read ({reason})"
        ) from None


def read_location(settings: Settings) -> Location:
    """The store the settings name, with the PostgreSQL password read from its file."""
    if settings.db_url is None:
        return parse_location(str(settings.db_path), local_dir=settings.local_dir)
    return parse_location(
        settings.db_url, password=read_db_password(settings), local_dir=settings.local_dir
    )


def _valid_token(token: str) -> bool:
    """A token is one word of printable ASCII; anything else would break the
    ``Authorization`` header (a line break made aiohttp raise) or is a paste mistake."""
    return token.isascii() and token.isprintable() and " " not in token


def read_token(env: Mapping[str, str] | None = None) -> str:
    """Return the Discord token from ``DISCORD_TOKEN`` or the file ``DISCORD_TOKEN_FILE``,
    without surrounding whitespace.

    The token itself never appears in an error message.
    """
    env = os.environ if env is None else env
    token = env.get("DISCORD_TOKEN", "").strip()
    if token:
        if not _valid_token(token):
            raise ConfigError(f"DISCORD_TOKEN {_MALFORMED}")
        return token
    path = env.get("DISCORD_TOKEN_FILE", "").strip()
    if path:
        try:
            token = Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(
                f"DISCORD_TOKEN_FILE names {path!r}, which cannot be read ({exc.strerror})"
            ) from None
        except UnicodeDecodeError:
            raise ConfigError(f"DISCORD_TOKEN_FILE names {path!r}, which {_MALFORMED}") from None
        if not token:
            raise ConfigError(f"DISCORD_TOKEN_FILE names {path!r}, which is empty")
        if not _valid_token(token):
            raise ConfigError(f"DISCORD_TOKEN_FILE names {path!r}, which {_MALFORMED}")
        return token
    raise ConfigError("no Discord token: set DISCORD_TOKEN or DISCORD_TOKEN_FILE")
