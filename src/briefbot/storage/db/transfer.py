"""SQLite's side of ``briefbot db copy``: reading every row in key order, merging rows in.

Rows are keyed by what identifies them for good (a question's id, a vote's
question and voter, a server's id), so copying twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite

from briefbot.storage.db.core import (
    QUESTION_NAMES,
    DroppedRow,
    FeedbackRow,
    GuildRow,
    QuestionRow,
    transaction,
)


async def questions_after(db: aiosqlite.Connection, qid: str, limit: int) -> list[QuestionRow]:
    """Up to ``limit`` questions with an id after ``qid``, in id order."""
    rows = await db.execute_fetchall(
        f"SELECT {QUESTION_NAMES} FROM questions WHERE qid > ? ORDER BY qid LIMIT ?",
        (qid, limit),
    )
    return [tuple(row) for row in rows]


async def feedback_after(
    db: aiosqlite.Connection, key: tuple[str, str], limit: int
) -> list[FeedbackRow]:
    """Up to ``limit`` votes after ``key`` (qid, user_hash), in that order."""
    rows = await db.execute_fetchall(
        """SELECT qid, user_hash, vote, voted_at FROM feedback
           WHERE (qid, user_hash) > (?, ?) ORDER BY qid, user_hash LIMIT ?""",
        (*key, limit),
    )
    return [(str(r[0]), str(r[1]), int(r[2]), str(r[3])) for r in rows]


async def guilds(db: aiosqlite.Connection) -> list[GuildRow]:
    """Every configured server, with its answer channels."""
    async with transaction(db, write=False):
        settings = await db.execute_fetchall(
            "SELECT guild_id, default_lang, enabled, updated_at FROM guild_settings"
        )
        channels: dict[int, list[int]] = {}
        for guild, channel in await db.execute_fetchall(
            "SELECT guild_id, channel_id FROM guild_channels ORDER BY guild_id, channel_id"
        ):
            channels.setdefault(int(guild), []).append(int(channel))
    return [
        (int(g), lang, bool(enabled), str(at), tuple(channels.get(int(g), ())))
        for g, lang, enabled, at in settings
    ]


async def dropped(db: aiosqlite.Connection) -> list[DroppedRow]:
    """Every count of questions dropped on a full disk."""
    rows = await db.execute_fetchall("SELECT asked_at, guild_id, count FROM dropped_questions")
    return [(str(r[0]), r[1], int(r[2])) for r in rows]


async def merge(
    db: aiosqlite.Connection,
    feedback: Sequence[FeedbackRow],
    guild_rows: Sequence[GuildRow],
    dropped_rows: Sequence[DroppedRow],
) -> int:
    """Take copied rows in one transaction: newer votes and settings win, known drops are
    skipped. Returns how many rows changed."""
    changed = 0
    async with transaction(db):
        for row in feedback:
            cursor = await db.execute(
                """INSERT INTO feedback (qid, user_hash, vote, voted_at)
                   SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM questions WHERE qid = ?)
                   ON CONFLICT (qid, user_hash) DO UPDATE
                   SET vote = excluded.vote, voted_at = excluded.voted_at
                   WHERE excluded.voted_at > feedback.voted_at""",
                (*row, row[0]),
            )
            changed += cursor.rowcount
        for guild, lang, enabled, at, channels in guild_rows:
            cursor = await db.execute(
                """INSERT INTO guild_settings (guild_id, default_lang, enabled, updated_at)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT (guild_id) DO UPDATE SET default_lang = excluded.default_lang,
                       enabled = excluded.enabled, updated_at = excluded.updated_at
                   WHERE excluded.updated_at > guild_settings.updated_at""",
                (guild, lang, int(enabled), at),
            )
            if cursor.rowcount:
                changed += 1
                await db.execute("DELETE FROM guild_channels WHERE guild_id = ?", (guild,))
                await db.executemany(
                    "INSERT INTO guild_channels (guild_id, channel_id) VALUES (?, ?)",
                    [(guild, channel) for channel in channels],
                )
        for at, guild_id, count in dropped_rows:
            cursor = await db.execute(
                """INSERT INTO dropped_questions (asked_at, guild_id, count)
                   SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM dropped_questions
                       WHERE asked_at = ? AND guild_id IS ? AND count = ?)""",
                (at, guild_id, count, at, guild_id, count),
            )
            changed += cursor.rowcount
    return changed
