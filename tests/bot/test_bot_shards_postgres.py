"""Four ``briefbot run`` processes (shards 0-3 of 4), one PostgreSQL, the Discord stand-in.

The deployment of the README's two-machine layout, on one machine: each
process runs one shard, and sees only its servers; all write one database.
Questions, votes and settings made through every shard must be stored once,
and one ``briefbot stats`` must show them all. Every wait is bounded; the
stand-in listens on 127.0.0.1, the database on a Unix socket.
"""

from __future__ import annotations

import asyncio
import json
import signal
from pathlib import Path

import pytest
import standin_model
from briefbot_harness import custom_ids, replies_to
from standin import FakeDiscord
from standin_model import FakeChannel, FakeGuild, FakeUser, World
from test_bot_cli import clean_env, finish, start

from pgserver import PASSWORD, PostgresServer, query
from stores import SECRET

PERM_MANAGE_GUILD = 1 << 5
SHARDS = 4
SERVERS = 8  # two per shard
QUESTIONS = 1000
WAIT = 120.0  # seconds: bound on the burst's replies
QUESTION_TEXTS = (
    "who spoke at the opening?",
    "quand a lieu la conférence de presse ?",
    "what is on the agenda?",
    "où se tient la réunion ?",
    "what is the weather like in Brussels?",
)


def guild_id(k: int) -> int:
    """A server id on shard ``k % SHARDS``: Discord shards by ``(id >> 22) % count``."""
    return ((262_000_000_000 + k) << 22) | 5


def sharded_world() -> World:
    """Eight servers, two per shard, each with one channel and the same member alice."""
    alice = FakeUser(1_100_000_000_000_000_300, "alice", global_name="Alice")
    guilds = [
        FakeGuild(
            id=guild_id(k),
            name=f"Server {k}",
            channels=(FakeChannel(guild_id(k) + 1, "general"),),
            members=(alice,),
        )
        for k in range(SERVERS)
    ]
    return World(guilds=guilds)


@pytest.fixture
def manager(monkeypatch: pytest.MonkeyPatch) -> None:
    """Interactions come from a member who may manage the server."""
    manage = standin_model.MEMBER_PERMISSIONS | PERM_MANAGE_GUILD
    monkeypatch.setattr(standin_model, "MEMBER_PERMISSIONS", manage)


def bot_env(tmp_path: Path, url: str, token: str, shard: int) -> dict[str, str]:
    password = tmp_path / "db_password"
    password.write_text(PASSWORD)
    return clean_env(
        tmp_path,
        DISCORD_TOKEN=token,
        BRIEFBOT_DB=url,
        BRIEFBOT_DB_PASSWORD_FILE=str(password),
        BRIEFBOT_SECRET=SECRET,
        BRIEFBOT_SHARD_COUNT=str(SHARDS),
        BRIEFBOT_SHARD_IDS=str(shard),
        BRIEFBOT_LOCAL_DIR=str(tmp_path / f"shard{shard}"),
        BRIEFBOT_COOLDOWN="0",
    )


@pytest.mark.usefixtures("manager")
async def test_four_shards_share_one_postgres_database(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    """1,000 questions over eight servers on four shards make exactly 1,000 rows; a vote and
    a /settings change through each shard are stored once; one stats report shows it all."""
    url = postgres.database()
    async with FakeDiscord(world=sharded_world()) as standin:
        sync = await start(standin, clean_env(tmp_path, DISCORD_TOKEN=standin.token), "sync")
        code, _, err = await finish(sync)
        assert code == 0, err
        bots = [
            await start(standin, bot_env(tmp_path, url, standin.token, shard), "run")
            for shard in range(SHARDS)
        ]
        try:
            for k in range(SHARDS):
                await standin.wait_until_connected(60.0, guild_id=guild_id(k))
            identified = sorted(
                tuple(p["d"]["shard"]) for p in standin.gateway.received if p.get("op") == 2
            )
            assert identified == [(shard, SHARDS) for shard in range(SHARDS)]

            asked = []
            for n in range(QUESTIONS):
                channel = guild_id(n % SERVERS) + 1
                text = QUESTION_TEXTS[n % len(QUESTION_TEXTS)]
                asked.append(
                    await standin.dispatch_message(text, channel_id=channel, mention_bot=True)
                )
                if n % 50 == 0:
                    await asyncio.sleep(0)
            ids = {m["id"] for m in asked}

            def replies() -> list[dict[str, object]]:
                found = [
                    m
                    for m in standin.channel_messages
                    if (m.get("message_reference") or {}).get("message_id") in ids
                ]
                return found if len(found) >= QUESTIONS else []

            answers = await standin.wait_until(replies, timeout=WAIT, what="1,000 replies")
            assert len(answers) == QUESTIONS  # one reply each, none twice

            for k in range(SHARDS):  # one vote and one settings change through each shard
                channel = guild_id(k) + 1
                question = next(m for m in asked if int(m["channel_id"]) == channel)
                answer = next(m for m in answers if replies_to(question)(m))
                up = custom_ids(answer)[0]
                click = await standin.dispatch_component(up, message=answer, locale="en-US")
                assert (await click.response(timeout=10))["type"] == 5
                await click.followup(timeout=10)
                changed = await standin.dispatch_slash(
                    "settings", {"language": "en"}, channel_id=channel, locale="en-US"
                )
                await changed.response(timeout=10)
                await changed.final_message(timeout=10)
        finally:
            results = []
            for bot in bots:
                bot.send_signal(signal.SIGTERM)
            for bot in bots:
                results.append(await finish(bot))
        for code, _, err in results:
            assert code == 0, err
        standin.assert_clean()  # no Discord rule broken by any of the four

    assert query(url, "SELECT count(*), count(DISTINCT qid) FROM questions") == [
        (QUESTIONS, QUESTIONS)
    ]
    votes = query(url, "SELECT count(*), sum(vote) FROM feedback")
    assert votes == [(SHARDS, SHARDS)]
    settings = query(url, "SELECT guild_id, default_lang FROM guild_settings ORDER BY guild_id")
    assert settings == [(guild_id(k), "en") for k in range(SHARDS)]

    env = bot_env(tmp_path, url, "unused", 0)  # a fifth process: the operator's terminal
    code, out, err = await finish(await start(None, env, "stats", "--json", "--top", str(SERVERS)))
    assert code == 0, err
    stats = json.loads(out)
    code, report, err = await finish(await start(None, env, "stats", "--top", str(SERVERS)))
    assert code == 0, err
    assert stats["total"] == QUESTIONS
    per_server = {int(c["key"]): c["total"] for c in stats["by_guild"]}
    assert per_server == {guild_id(k): QUESTIONS // SERVERS for k in range(SERVERS)}
    assert sum(f["up"] for f in stats["feedback"]) == SHARDS
    assert stats["configured_servers"] == SHARDS
    for k in range(SERVERS):
        assert str(guild_id(k)) in report
