"""Tests of the Discord stand-in itself, driven by minimal discord.py clients
(not briefbot's bot): login and gateway behaviour, channel messages and their
rules, refused like Discord refuses them."""

from __future__ import annotations

import aiohttp
import discord
import pytest
from standin import FakeDiscord, connect
from standin_clients import QUIET, EchoClient, intents, text_channel
from standin_model import (
    INTENT_GUILD_MEMBERS,
    INTENT_MESSAGE_CONTENT,
    FakeChannel,
    FakeGuild,
    FakeUser,
    World,
)

violations_expected = pytest.mark.standin_violations_expected


# -- login and gateway ---------------------------------------------------------


async def test_login_and_ready(standin: FakeDiscord) -> None:
    """A plain client logs in, identifies over zlib-stream, and sees the guild."""
    client = discord.Client(intents=intents(), allowed_mentions=QUIET)
    async with connect(client, standin):
        assert client.user is not None and client.user.id == standin.bot_user.id
        assert client.application_id == standin.application_id
        guild = client.get_guild(standin.guild_id)
        assert guild is not None and guild.preferred_locale is discord.Locale.french
        assert text_channel(client, standin.channel_id).name == "general"
        assert guild.me is not None and guild.get_member(standin.user.id) is None
    assert [c.path for c in standin.calls] == ["/users/@me", "/oauth2/applications/@me"]
    (conn,) = standin.gateway.connections
    assert conn.path == "/gateway" and conn.kind == "identify"
    assert standin.gateway.heartbeat_count >= 1
    identify = next(p for p in standin.gateway.received if p["op"] == 2)
    assert identify["d"]["intents"] == intents().value


async def test_wrong_token_is_login_failure(standin: FakeDiscord) -> None:
    """A wrong token is refused with 401, which discord.py raises as LoginFailure."""
    with pytest.raises(discord.LoginFailure):
        async with connect(discord.Client(intents=intents()), standin, "not-the-token"):
            pass
    assert [(c.path, c.status) for c in standin.calls] == [("/users/@me", 401)]
    assert standin.gateway.connections == []


async def test_disallowed_privileged_intent(standin: FakeDiscord) -> None:
    """Asking for message content the application may not use closes with 4014."""
    standin.allowed_intents = 0
    with pytest.raises(discord.PrivilegedIntentsRequired):
        async with connect(EchoClient(), standin):
            pass
    assert standin.gateway.identify_count == 0


async def test_members_intent_gets_member_chunk(standin: FakeDiscord) -> None:
    """With the members intent allowed, the startup member request is answered."""
    standin.allowed_intents = INTENT_MESSAGE_CONTENT | INTENT_GUILD_MEMBERS
    client = EchoClient(intents=intents(members=True))
    async with connect(client, standin):
        guild = client.get_guild(standin.guild_id)
        assert guild is not None and guild.chunked
        assert guild.get_member(standin.user.id) is not None
    assert any(p["op"] == 8 for p in standin.gateway.received)


async def test_identify_with_wrong_token_closes_4004(standin: FakeDiscord) -> None:
    """A gateway IDENTIFY with a bad token is closed with 4004, as on Discord."""
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(standin.gateway_url + "?v=10&encoding=json")
        hello = await ws.receive_json(timeout=2)
        assert hello["op"] == 10
        await ws.send_json({"op": 2, "d": {"token": "bad", "intents": 0, "properties": {}}})
        closing = await ws.receive(timeout=2)
        assert closing.type is aiohttp.WSMsgType.CLOSE and closing.data == 4004
        await ws.close()


async def test_reconnect_resumes_and_replays_missed_event(standin: FakeDiscord) -> None:
    """After op 7 the client resumes on resume_gateway_url and gets the event it missed."""
    client = EchoClient()
    async with connect(client, standin):
        await standin.send_reconnect(wait=False)
        await standin.dispatch_message("pendant la reconnexion")  # lost with the old socket
        reply = await standin.wait_for_message(standin.channel_id)
        await standin.wait_until_connected()
        assert reply["content"] == "echo: pendant la reconnexion"
        await standin.dispatch_message("après")
        assert (await standin.wait_for_message())["content"] == "echo: après"
    assert client.seen == ["pendant la reconnexion", "après"]
    first, resumed = standin.gateway.connections
    assert (first.path, resumed.path) == ("/gateway", "/gateway-resume")
    replayed = [p["t"] for p in resumed.sent if p["op"] == 0][:2]
    assert replayed == ["MESSAGE_CREATE", "RESUMED"]
    assert (standin.gateway.identify_count, standin.gateway.resume_count) == (1, 1)


async def test_invalid_session_reidentifies(standin: FakeDiscord) -> None:
    """After a non-resumable op 9 the client identifies afresh and still answers."""
    client = EchoClient()
    async with connect(client, standin):
        await standin.send_invalid_session(resumable=False)
        await standin.dispatch_message("encore là ?")
        assert (await standin.wait_for_message())["content"] == "echo: encore là ?"
    assert standin.gateway.identify_count == 2 and standin.gateway.resume_count == 0
    assert [c.kind for c in standin.gateway.connections] == ["identify", "identify"]


async def test_without_message_content_intent_content_is_blank(standin: FakeDiscord) -> None:
    """Without the message content intent, only mentions carry their text, as on Discord."""
    client = EchoClient(intents=intents(message_content=False))
    async with connect(client, standin):
        await standin.dispatch_message("secret")
        await standin.dispatch_message("bonjour", mention_bot=True)
        await standin.wait_for_message()
        await standin.wait_for_message()
    assert client.seen == ["", f"{standin.bot_user.mention} bonjour"]


# -- channel messages ----------------------------------------------------------


async def test_reply_lands_without_pinging(standin: FakeDiscord) -> None:
    """An on_message reply is created once, references the question, pings nobody."""
    async with connect(EchoClient(), standin):
        question = await standin.dispatch_message("Quand a lieu la réunion ?")
        reply = await standin.wait_for_message(standin.channel_id)
    assert reply["content"] == "echo: Quand a lieu la réunion ?"
    assert reply["message_reference"]["message_id"] == question["id"]
    assert reply["mentions"] == [] and reply["type"] == 19
    (call,) = standin.calls_to("POST", "/channels/{channel_id}/messages")
    assert call.json["allowed_mentions"] == {"parse": []}


async def test_user_reply_to_the_bot_is_a_reference(standin: FakeDiscord) -> None:
    """A user's reply to the bot reaches the client with its reference resolved."""
    seen: list[discord.MessageReference | None] = []
    client = EchoClient()

    @client.event
    async def on_message(message: discord.Message) -> None:
        if not message.author.bot:
            seen.append(message.reference)

    async with connect(client, standin):
        sent = await text_channel(client, standin.channel_id).send("Une question ?")
        await standin.dispatch_message("oui", reply_to=standin.messages[sent.id])
        await standin.wait_until(lambda: seen, timeout=2)
    (reference,) = seen
    assert reference is not None and reference.message_id == sent.id


async def test_dm_message_gets_dm_reply(standin: FakeDiscord) -> None:
    """A DM reaches the client and its reply goes to the same DM channel."""
    async with connect(EchoClient(), standin):
        question = await standin.dispatch_message("salut", dm=True)
        reply = await standin.wait_for_message(int(question["channel_id"]))
    assert reply["content"] == "echo: salut" and "guild_id" not in reply


@violations_expected
async def test_content_over_2000_is_rejected(standin: FakeDiscord) -> None:
    """2001 characters are refused with Discord's 400 and recorded as a violation."""
    client = discord.Client(intents=intents(), allowed_mentions=QUIET)
    async with connect(client, standin):
        channel = text_channel(client, standin.channel_id)
        with pytest.raises(discord.HTTPException) as refused:
            await channel.send("x" * 2001)
        await channel.send("x" * 2000)
    assert (refused.value.status, refused.value.code) == (400, 50035)
    assert "content" in refused.value.text
    (violation,) = standin.violations
    assert violation.problems[0].path == ("content",)
    assert len(standin.channel_messages) == 1


@violations_expected
@pytest.mark.parametrize(
    ("embeds", "where"),
    [
        ([discord.Embed(description="d" * 4097)], ("embeds", 0, "description")),
        ([discord.Embed(title="t" * 257)], ("embeds", 0, "title")),
        ([discord.Embed(title="e")] * 11, ("embeds",)),
        (
            [discord.Embed(description="d" * 4000), discord.Embed(description="d" * 2001)],
            ("embeds",),
        ),
    ],
    ids=["description", "title", "eleven", "total"],
)
async def test_embed_limits(
    standin: FakeDiscord, embeds: list[discord.Embed], where: tuple[object, ...]
) -> None:
    """Embeds over Discord's limits are refused with the offending field named."""
    client = discord.Client(intents=intents(), allowed_mentions=QUIET)
    async with connect(client, standin):
        with pytest.raises(discord.HTTPException) as refused:
            await post_embeds(client, standin.channel_id, embeds)
    assert refused.value.status == 400
    assert [p.path for p in standin.violations[0].problems] == [where]


async def post_embeds(client: discord.Client, channel_id: int, embeds: list[discord.Embed]) -> None:
    """Post through discord.py's HTTP client, past ``send``'s own 10-embed check."""
    payload = {"embeds": [e.to_dict() for e in embeds], "allowed_mentions": QUIET.to_dict()}
    route = discord.http.Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)
    await client.http.request(route, json=payload)


@violations_expected
async def test_allowed_mentions_is_required(standin: FakeDiscord) -> None:
    """A client without allowed_mentions breaks briefbot's rule and is refused."""
    client = discord.Client(intents=intents())
    async with connect(client, standin):
        with pytest.raises(discord.HTTPException):
            await text_channel(client, standin.channel_id).send("bonjour")
    assert standin.violations[0].problems[0].path == ("allowed_mentions",)


async def test_rate_limit_is_retried_once(standin: FakeDiscord) -> None:
    """A 429 on the first try is waited out and the message is created exactly once."""
    standin.fail_next("POST", "/channels/{id}/messages", status=429, retry_after=0.05)
    async with connect(EchoClient(), standin):
        await standin.dispatch_message("encore")
        await standin.wait_for_message()
    calls = standin.calls_to("POST", "/channels/{channel_id}/messages")
    assert [c.status for c in calls] == [429, 200]
    assert len(standin.channel_messages) == 1


async def test_missing_permission_is_forbidden(standin: FakeDiscord) -> None:
    """Posting where the bot may not is a 403 the client sees, not a rule broken."""
    client = discord.Client(intents=intents(), allowed_mentions=QUIET)
    async with connect(client, standin):
        channel = text_channel(client, standin.readonly_channel_id)
        assert not channel.permissions_for(channel.guild.me).send_messages
        with pytest.raises(discord.Forbidden):
            await channel.send("annonce")


@violations_expected
async def test_unknown_route_is_recorded(standin: FakeDiscord) -> None:
    """A route the stand-in does not serve answers 404 and is kept for assertions."""
    client = discord.Client(intents=intents(), allowed_mentions=QUIET)
    async with connect(client, standin):
        with pytest.raises(discord.NotFound):
            await client.fetch_guild(standin.guild_id)
    async with aiohttp.ClientSession() as http:
        outside_api = standin.api_base.replace("/api/v10", "/api/v9") + "/users/@me"
        async with http.get(outside_api) as answer:
            assert answer.status == 404
    paths = [c.path for c in standin.unexpected_calls]
    assert paths == [f"/guilds/{standin.guild_id}", "/api/v9/users/@me"]


async def test_edit_typing_and_reaction(standin: FakeDiscord) -> None:
    """Typing, editing its own message and reacting are served and recorded."""
    client = discord.Client(intents=intents(), allowed_mentions=QUIET)
    async with connect(client, standin):
        channel = text_channel(client, standin.channel_id)
        async with channel.typing():
            sent = await channel.send("brouillon")
        await sent.edit(content="version finale")
        await sent.add_reaction("👍")
    stored = standin.messages[sent.id]
    assert stored["content"] == "version finale" and stored["edited_timestamp"]
    assert stored["reactions"][0]["emoji"]["name"] == "👍"
    assert standin.calls_to("POST", "/channels/{channel_id}/typing")
    (edit,) = standin.calls_to("PATCH", "/channels/{channel_id}/messages/{message_id}")
    assert "allowed_mentions" in edit.json


def two_shard_world() -> World:
    """Two guilds, one on each shard of two ((id >> 22) % 2), alice in both."""
    alice = FakeUser(1_100_000_000_000_000_300, "alice")
    ids = [(262_000_000_000 + shard) << 22 for shard in (0, 1)]
    return World(
        guilds=[
            FakeGuild(
                id=g, name=f"Guild {n}", channels=(FakeChannel(g + 1, "general"),), members=(alice,)
            )
            for n, g in enumerate(ids)
        ]
    )


async def test_each_shard_gets_its_own_guilds_and_their_events() -> None:
    """Clients identifying as shards 0 and 1 of 2 each see their guild only, and a message
    in a guild reaches the client running its shard, not the other."""
    async with FakeDiscord(world=two_shard_world()) as standin:
        first, second = (EchoClient(shard_id=i, shard_count=2) for i in (0, 1))
        guild_ids = [g.id for g in standin.world.guilds]
        async with connect(first, standin), connect(second, standin):
            assert [g.id for g in first.guilds] == guild_ids[:1]
            assert [g.id for g in second.guilds] == guild_ids[1:]
            await standin.dispatch_message("to shard one", channel_id=guild_ids[1] + 1)
            reply = await standin.wait_for_message(guild_ids[1] + 1)
            await standin.dispatch_message("to shard zero", channel_id=guild_ids[0] + 1)
            await standin.wait_for_message(guild_ids[0] + 1)
        standin.assert_clean()
    assert reply["content"] == "echo: to shard one"
    assert (first.seen, second.seen) == (["to shard zero"], ["to shard one"])
    shards = sorted(p["d"]["shard"] for p in standin.gateway.received if p["op"] == 2)
    assert shards == [[0, 2], [1, 2]]
