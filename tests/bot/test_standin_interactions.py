"""Tests of the Discord stand-in's interactions, driven by a minimal discord.py
client with an app-command tree: sync, responses, deadlines, followups,
autocomplete and components."""

from __future__ import annotations

import asyncio

import aiohttp
import discord
import pytest
from discord import app_commands
from standin import FakeDiscord, connect
from standin_clients import TreeClient, text_channel

violations_expected = pytest.mark.standin_violations_expected


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
        with pytest.raises(ValueError, match="takes type 3"):
            await standin.dispatch_slash("ask", {"question": 42})


async def test_guild_only_command_is_not_offered_in_dms(standin: FakeDiscord) -> None:
    """A global command limited to guilds cannot be run from a DM."""
    client = TreeClient()

    @client.tree.command(name="stats", description="Statistiques")
    @app_commands.guild_only()
    async def stats(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("0", ephemeral=True)

    async with connect(client, standin):
        await client.tree.sync()
        with pytest.raises(LookupError, match="not available in DMs"):
            await standin.dispatch_slash("stats", dm=True)
        assert (await (await standin.dispatch_slash("stats")).response())["type"] == 4


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


@violations_expected
async def test_followup_needs_a_live_acknowledged_interaction(standin: FakeDiscord) -> None:
    """A followup before the initial response, or after the token expired, is refused."""
    standin.token_lifetime = 0.2
    client = TreeClient()

    @client.tree.command(name="suivi", description="Suivi")
    async def suivi(interaction: discord.Interaction) -> None:
        with pytest.raises(discord.NotFound):
            await interaction.followup.send("trop tôt")
        await interaction.response.defer()
        await asyncio.sleep(0.3)
        await interaction.followup.send("trop tard")

    async with connect(client, standin):
        await client.tree.sync()
        handle = await standin.dispatch_slash("suivi")
        await standin.wait_until(lambda: client.errors, timeout=2)
    (error,) = client.errors
    assert isinstance(error, discord.HTTPException) and error.code == 50027
    assert handle.followups == [] and len(standin.violations) == 2


async def test_subcommand_in_a_group(standin: FakeDiscord) -> None:
    """``dispatch_slash("group sub", ...)`` nests options the way Discord does."""
    client = TreeClient()
    faq = app_commands.Group(name="faq", description="Questions fréquentes")

    @faq.command(name="chercher", description="Chercher une réponse")
    @app_commands.describe(mot="Mot-clé")
    async def chercher(interaction: discord.Interaction, mot: str) -> None:
        await interaction.response.send_message(f"recherche : {mot}")

    client.tree.add_command(faq)
    async with connect(client, standin):
        await client.tree.sync()
        handle = await standin.dispatch_slash("faq chercher", {"mot": "OTAN"})
        body = await handle.response()
        with pytest.raises(LookupError, match="name a subcommand"):
            await standin.dispatch_slash("faq")
    assert body["data"]["content"] == "recherche : OTAN"
    (option,) = handle.payload["data"]["options"]
    assert option["name"] == "chercher" and option["options"][0]["value"] == "OTAN"
