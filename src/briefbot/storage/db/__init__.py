"""Every SQL statement of briefbot, and the migrations that build the schema.

Nothing else in the project writes SQL. ``stats`` is written once for both
stores and ``postgres`` holds PostgreSQL's statements; the rest are SQLite's.
SQLite functions take an open ``aiosqlite.Connection`` in autocommit mode
(``isolation_level=None``) and manage their own transactions explicitly, so
a migration or a batch is all or nothing. Callers serialise access to the
connection (the SQLite backend holds a lock): two coroutines interleaving
statements on one connection would share, and break, one transaction.

SQLite's statements live in modules re-exported here: ``core`` (row shapes,
transactions, pragmas), ``schema`` (migrations, for both stores), ``records``
(questions, feedback, server settings), ``transfer`` (``briefbot db copy``)
and ``stats``; so this package, like ``postgres``, is one database's
:class:`~briefbot.storage.sql_backend.Statements`.

SQLite stores times as UTC ISO 8601 text of fixed width
(``2025-01-15T09:30:00.000000+00:00``), so text order is time order and the
file stays readable in the ``sqlite3`` shell; rows carry times in that form
between the stores too. PostgreSQL keeps them as ``timestamptz``.
"""

from briefbot.storage.db.core import (
    DroppedRow,
    FeedbackRow,
    GuildRow,
    QuestionRow,
    configure,
    db_time,
)
from briefbot.storage.db.records import (
    forget_stored_hash_key,
    insert_questions,
    probe_write,
    purge_texts,
    read_guild,
    stored_hash_key,
    upsert_feedback,
    write_guild,
)
from briefbot.storage.db.schema import (
    SCHEMA_VERSION,
    migrate,
    schema_version,
)
from briefbot.storage.db.stats import failed_texts, read_stats
from briefbot.storage.db.transfer import dropped, feedback_after, guilds, merge, questions_after

__all__ = [
    "SCHEMA_VERSION",
    "DroppedRow",
    "FeedbackRow",
    "GuildRow",
    "QuestionRow",
    "configure",
    "db_time",
    "dropped",
    "failed_texts",
    "feedback_after",
    "forget_stored_hash_key",
    "guilds",
    "insert_questions",
    "merge",
    "migrate",
    "probe_write",
    "purge_texts",
    "questions_after",
    "read_guild",
    "read_stats",
    "schema_version",
    "stored_hash_key",
    "upsert_feedback",
    "write_guild",
]
