"""``briefbot db copy``: move the question log, votes and server settings between stores.

From a SQLite file into PostgreSQL when a bot grows to several machines, and
back. Each side is a path or a ``postgresql://`` URL; a URL without a
password takes the one in ``BRIEFBOT_DB_PASSWORD_FILE``.
"""

from __future__ import annotations

import argparse
import asyncio

from briefbot.config import Settings, read_db_password
from briefbot.errors import StorageError
from briefbot.storage.location import Location, SqliteLocation, parse_location


def _location(text: str, settings: Settings, *, must_exist: bool) -> Location:
    location = parse_location(
        text, password=read_db_password(settings), local_dir=settings.local_dir
    )
    if must_exist and isinstance(location, SqliteLocation) and not location.path.is_file():
        raise StorageError(f"no database at {location.path}")
    return location


def run_copy(args: argparse.Namespace) -> int:
    """Handler of ``briefbot db copy``."""
    settings = Settings.from_env()
    source = _location(args.source, settings, must_exist=True)
    target = _location(args.target, settings, must_exist=False)
    from briefbot.storage.copying import copy  # noqa: PLC0415 - the drivers only for this command

    copied = asyncio.run(copy(source, target))
    print(f"copied {copied} from {source} to {target}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``briefbot db`` and its sub-command ``copy``."""
    db = sub.add_parser(
        "db",
        help="move the question log between SQLite and PostgreSQL",
        description="Work on the store itself, whichever is configured.",
    )
    actions = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    copy_parser = actions.add_parser(
        "copy",
        help="copy every question, vote and server setting from SRC into DST",
        description="Copy the question log, the votes and the server settings from SRC into "
        "DST, each a SQLite file or a postgresql:// URL (e.g. a SQLite log into PostgreSQL "
        "when moving to several machines, and back). DST is created and migrated if needed. "
        "Rows are keyed by their question id, voter and server, so running it twice changes "
        "nothing; an interrupted copy can be run again. A URL without a password takes the "
        "one in BRIEFBOT_DB_PASSWORD_FILE. User hashes are copied as they are: keep the same "
        "BRIEFBOT_SECRET (a SQLite file's key is in <file>.key) so new hashes match them.",
    )
    copy_parser.add_argument("source", metavar="SRC", help="the store to read: path or URL")
    copy_parser.add_argument("target", metavar="DST", help="the store to write: path or URL")
    copy_parser.set_defaults(handler=run_copy)
