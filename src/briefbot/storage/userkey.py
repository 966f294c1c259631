"""The key of the user-id hashes, kept out of the database it protects.

Whoever can read the database must not be able to hash known Discord ids
and match them, so the key lives elsewhere: ``BRIEFBOT_SECRET``, else the
file ``BRIEFBOT_SECRET_FILE`` (a Docker secret), else a key file made mode
0600 beside the database (``<db>.key``). A database from before kept its key
inside; opening it moves that key to the key file, so old and new hashes of
one user still match, and deletes it from the database.

A secret of 64 hexadecimal digits (what the key file holds, and what
``openssl rand -hex 32`` prints) is read as those 32 bytes; any other secret
as its UTF-8 text. So the key file can be copied into a Docker secret as it is.
The key itself never appears in a message or a log.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from contextlib import suppress
from pathlib import Path
from typing import Final

from briefbot.errors import StorageError

log = logging.getLogger(__name__)

KEY_BYTES: Final = 32  # as long as the SHA-256 block's security needs
_HEX_KEY = re.compile(rf"[0-9a-fA-F]{{{KEY_BYTES * 2}}}")


def key_from_text(text: str) -> bytes:
    """The HMAC key a secret's text stands for (see the module docstring)."""
    text = text.strip()
    return bytes.fromhex(text) if _HEX_KEY.fullmatch(text) else text.encode("utf-8")


def key_file(db_path: Path) -> Path:
    """Where the key lives when no secret is configured: beside the database."""
    return db_path.with_name(db_path.name + ".key")


def _read(path: Path) -> bytes | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise StorageError(f"cannot read the user-hash key file {path}: {exc}") from exc
    if not text.strip():
        raise StorageError(f"the user-hash key file {path} is empty: delete it or restore it")
    return key_from_text(text)


def _write(path: Path, key: bytes) -> bytes:
    """Create the key file (mode 0600) holding ``key``, unless one appeared meanwhile.

    Written under a temporary name and linked into place: another process
    starting at the same moment sees no file or a whole one, never half.
    Returns the key the file holds.
    """
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, (key.hex() + "\n").encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
        with suppress(FileExistsError):  # another process made it first: use theirs
            os.link(partial, path)
    except OSError as exc:
        raise StorageError(f"cannot write the user-hash key file {path}: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    stored = _read(path)
    if stored is None:
        raise StorageError(f"the user-hash key file {path} vanished as it was made")
    return stored


def user_key(db_path: Path, secret: str | None, stored: bytes | None) -> bytes:
    """The key to hash user ids with; ``stored`` is a key found inside the database.

    A stored key is first saved to the key file (the caller then deletes it
    from the database). Raises :class:`StorageError` when that file already
    holds a different key: deleting either would unlink some hashes for good.
    """
    path = key_file(db_path)
    if stored is not None:
        existing = _read(path)
        if existing is None:
            _write(path, stored)
            log.info("moved the user-hash key out of the database into %s", path)
        elif existing != stored:
            raise StorageError(
                f"the database {db_path} holds a user-hash key and {path} holds another: "
                "keep the one that made the stored hashes in the key file, then restart"
            )
    if secret is not None:
        key = key_from_text(secret)
        if stored is not None and key != stored:
            log.warning(
                "the configured secret is not the key that hashed the users stored so "
                "far: their hashes will not match new ones (the old key is in %s)",
                path,
            )
        return key
    return _read(path) or _write(path, secrets.token_bytes(KEY_BYTES))
