"""Tests of the Discord stand-in itself, driven by minimal discord.py clients
(not briefbot's bot): what the client sends lands, what breaks a rule is
refused like Discord refuses it, and the gateway recovers like Discord's."""

from __future__ import annotations

import asyncio

import aiohttp
import discord
import pytest
from conftest import connect
from discord import app_commands
from standin import FakeDiscord
from standin_model import INTENT_GUILD_MEMBERS, INTENT_MESSAGE_CONTENT

violations_expected = pytest.mark.standin_violations_expected
QUIET = discord.AllowedMentions.none()


def intents(*, message_content: bool = True, members: bool = False) -> discord.Intents:
    chosen = discord.Intents.default()
    chosen.message_content = message_content
    chosen.members = members
    return chosen


class EchoClient(discord.Client):
    """Replies "echo: <content>" to every human message, and remembers what it saw."""

    def __init__(self, **options: object) -> None:
        options.setdefault("intents", intents())
        options.setdefault("allowed_mentions", QUIET)
        super().__init__(**options)  # type: ignore[arg-type]
        self.seen: list[str] = []

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.seen.append(message.content)
        await message.reply(f"echo: {message.content}")


class TreeClient(discord.Client):
    """A client with an app-command tree whose errors are kept for the test."""

    def __init__(self) -> None:
        super().__init__(intents=intents(message_content=False), allowed_mentions=QUIET)
        self.tree = app_commands.CommandTree(self)
        self.errors: list[Exception] = []

        @self.tree.error
        async def keep(interaction: discord.Interaction, error: Exception) -> None:
            self.errors.append(getattr(error, "original", error))


def text_channel(client: discord.Client, channel_id: int) -> discord.TextChannel:
    channel = client.get_channel(channel_id)
    assert isinstance(channel, discord.TextChannel)
    return channel


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
    assert [c.path for c in standin.unexpected_calls] == [f"/guilds/{standin.guild_id}"]


# -- interactions --------------------------------------------------------------


def add_ask(client: TreeClient, *, guild: discord.Object | None = None) -> None:
    """/ask question:<str> answers "<locale>/<guild locale>: <question>", ephemeral."""

    @client.tree.command(name="ask", description="Poser une question", guild=guild)
    @app_commands.describe(question="La question")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        locales = f"{interaction.locale.value}/{interaction.guild_locale}"
        await interaction.response.send_message(f"{locales}: {question}", ephemeral=True)


async def test_slash_command_synced_and_answered(standin: FakeDiscord) -> None:
    """A synced command receives the user's locale and its answer is recorded."""
    client = TreeClient()
    add_ask(client)
    async with connect(client, standin):
        synced = await client.tree.sync()
        handle = await standin.dispatch_slash("ask", {"question": "quand ?"}, locale="en-GB")
        body = await handle.response()
    (sync,) = standin.calls_to("PUT", "/applications/{application_id}/commands")
    assert sync.json[0]["name"] == "ask"
    assert sync.json[0]["options"][0]["description"] == "La question"
    assert [c.name for c in synced] == ["ask"] and synced[0].id > 0
    assert body["type"] == 4 and body["data"]["flags"] == 64
    assert body["data"]["content"] == "en-GB/fr: quand ?"
    assert handle.original is not None and handle.original["type"] == 20
    assert client.errors == []


async def test_guild_sync_and_dm_command(standin: FakeDiscord) -> None:
    """Guild commands sync to the guild route; a global command also works in DMs."""
    client = TreeClient()
    add_ask(client, guild=discord.Object(standin.guild_id))

    @client.tree.command(name="aide", description="Aide")
    async def aide(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("aide", ephemeral=True)

    async with connect(client, standin):
        await client.tree.sync(guild=discord.Object(standin.guild_id))
        await client.tree.sync()
        in_guild = await standin.dispatch_slash("ask", {"question": "où ?"})
        in_dm = await standin.dispatch_slash("aide", dm=True)
        assert (await in_guild.response())["data"]["content"] == "fr/fr: où ?"
        assert (await in_dm.response())["data"]["content"] == "aide"
        with pytest.raises(LookupError):
            await standin.dispatch_slash("ask", {"question": "?"}, dm=True)
    assert [c["name"] for c in standin.commands[standin.guild_id]] == ["ask"]


async def test_unsynced_command_or_unknown_option_cannot_be_dispatched(
    standin: FakeDiscord,
) -> None:
    """Like Discord, the stand-in only sends interactions for synced commands and options."""
    client = TreeClient()
    add_ask(client)
    async with connect(client, standin):
        with pytest.raises(LookupError):
            await standin.dispatch_slash("ask", {"question": "?"})
        await client.tree.sync()
        with pytest.raises(ValueError, match="not in synced"):
            await standin.dispatch_slash("ask", {"topic": "?"})
        with pytest.raises(ValueError, match="required"):
            await standin.dispatch_slash("ask", {})


@violations_expected
async def test_second_initial_response_is_refused(standin: FakeDiscord) -> None:
    """Only one initial response is accepted; another gets 400 code 40060."""
    client = TreeClient()
    add_ask(client)
    async with connect(client, standin):
        await client.tree.sync()
        handle = await standin.dispatch_slash("ask", {"question": "?"})
        await handle.response()
        url = f"{standin.api_base}/interactions/{handle.id}/{handle.token}/callback"
        async with aiohttp.ClientSession() as http:
            again = {"type": 4, "data": {"content": "bis", "allowed_mentions": {"parse": []}}}
            async with http.post(url, json=again) as answer:
                assert answer.status == 400
                assert (await answer.json())["code"] == 40060
    assert [v.message for v in standin.violations] == ["Interaction has already been acknowledged."]
    assert handle.callback is not None and handle.callback["data"]["content"] != "bis"


@violations_expected
async def test_late_initial_response_is_unknown_interaction(standin: FakeDiscord) -> None:
    """An initial response after the deadline gets 404 code 10062, as after 3 s on Discord."""
    standin.interaction_deadline = 0.1
    client = TreeClient()

    @client.tree.command(name="lent", description="Répond trop tard")
    async def slow(interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.2)
        await interaction.response.send_message("trop tard")

    async with connect(client, standin):
        await client.tree.sync()
        handle = await standin.dispatch_slash("lent")
        await standin.wait_until(lambda: client.errors, timeout=2)
    (error,) = client.errors
    assert isinstance(error, discord.NotFound) and error.code == 10062
    assert handle.callback is None and len(standin.violations) == 1


async def test_defer_then_followup_fills_the_deferred_message(standin: FakeDiscord) -> None:
    """A message context-menu command defers, then its followups land in order."""
    client = TreeClient()

    @client.tree.context_menu(name="Signaler")
    async def report(interaction: discord.Interaction, message: discord.Message) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send(f"signalé : {message.content}", ephemeral=True)
        await interaction.followup.send("merci", ephemeral=True)
        await interaction.edit_original_response(content="signalé (modifié)")

    async with connect(client, standin):
        await client.tree.sync()
        target = await standin.dispatch_message("message douteux")
        handle = await standin.dispatch_message_command("Signaler", target)
        assert (await handle.response())["type"] == 5
        second = await handle.followup(1)
        final = await handle.final_message()
    assert second["content"] == "merci"
    assert handle.followups[0] is handle.original  # the first followup filled the deferral
    assert final["content"] == "signalé (modifié)" and final["flags"] & 64
    assert client.errors == []


@violations_expected
async def test_autocomplete_limits(standin: FakeDiscord) -> None:
    """Up to 25 choices are accepted; 26 are refused as on Discord."""
    client = TreeClient()

    @client.tree.command(name="sujet", description="Choisir un sujet")
    @app_commands.describe(nom="Le sujet")
    async def sujet(interaction: discord.Interaction, nom: str) -> None:
        await interaction.response.send_message(nom)

    @sujet.autocomplete("nom")
    async def suggest(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        count = int(current)
        return [app_commands.Choice(name=f"sujet {i}", value=f"s{i}") for i in range(count)]

    async with connect(client, standin):
        await client.tree.sync()
        fine = await standin.dispatch_autocomplete("sujet", {"nom": "25"}, focused="nom")
        too_many = await standin.dispatch_autocomplete("sujet", {"nom": "26"}, focused="nom")
        assert len((await fine.response())["data"]["choices"]) == 25
        await standin.wait_until(lambda: standin.violations, timeout=2)
    assert too_many.callback is None
    assert standin.violations[0].problems[0].path == ("data", "choices")


async def test_button_click_updates_the_message(standin: FakeDiscord) -> None:
    """A click on a bot message's button reaches its view, which edits the message."""

    class Vote(discord.ui.View):
        @discord.ui.button(label="Utile", custom_id="vote:up")
        async def up(
            self, interaction: discord.Interaction, button: discord.ui.Button[Vote]
        ) -> None:
            await interaction.response.edit_message(content="Merci !", view=None)

    client = TreeClient()
    async with connect(client, standin):
        sent = await text_channel(client, standin.channel_id).send("Utile ?", view=Vote())
        handle = await standin.dispatch_component("vote:up")
        body = await handle.response()
    assert body["type"] == 7
    stored = standin.messages[sent.id]
    assert stored["content"] == "Merci !" and stored["components"] == []
    with pytest.raises(LookupError):
        await standin.dispatch_component("vote:down")
