"""briefbot's application commands against the Discord stand-in: /ask and its
autocomplete, topic commands, the message menu, /about and /help, /settings and
/stats for managers only, and French localizations in the synced payload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import standin_model
from briefbot_harness import PRESS_STAMP, custom_ids, embed_text, running_bot, settings_for
from standin import FakeDiscord
from standin_model import JSON, FakeChannel, FakeGuild, FakeUser, World, default_world

from briefbot import reload
from briefbot.bot.client import BriefBot
from briefbot.bot.translator import CatalogueTranslator
from briefbot.engine.types import LANGS
from briefbot.messages import MESSAGES
from briefbot.service import AnswerService
from testkit import copy_knowledge

PERM_MANAGE_GUILD = 1 << 5
EPHEMERAL = 64


@pytest.fixture
def manager(monkeypatch: pytest.MonkeyPatch) -> None:
    """Interactions come from a member who may manage the server."""
    manage = standin_model.MEMBER_PERMISSIONS | PERM_MANAGE_GUILD
    monkeypatch.setattr(standin_model, "MEMBER_PERMISSIONS", manage)


def walk_options(options: list[JSON]) -> Iterator[JSON]:
    for option in options:
        yield option
        yield from walk_options(option.get("options") or [])


# --- the synced payload --------------------------------------------------------


async def test_sync_payload_is_localized_in_french(standin: FakeDiscord, tmp_path: Path) -> None:
    """Every command, option and choice synced carries its French name and description."""
    async with running_bot(standin, tmp_path):
        pass
    commands = {c["name"]: c for c in standin.commands[None]}
    slash = {"ask", "agenda", "speakers", "pressconference", "about", "help", "settings", "stats"}
    assert set(commands) == slash | {"Ask briefbot"}
    french = {name: c["name_localizations"]["fr"] for name, c in commands.items()}
    assert french["ask"] == "question" and french["agenda"] == "ordre-du-jour"
    assert french["speakers"] == "intervenants"
    assert french["pressconference"] == "conference-de-presse"
    assert french["Ask briefbot"] == "Demander à briefbot"
    for name in slash:
        assert commands[name]["description_localizations"]["fr"], name
        for option in walk_options(commands[name].get("options") or []):
            assert option["name_localizations"]["fr"] and option["description_localizations"]["fr"]
            for choice in option.get("choices") or []:
                assert choice["name_localizations"]["fr"], choice
    for name in ("settings", "stats"):
        assert int(commands[name]["default_member_permissions"]) == PERM_MANAGE_GUILD
        assert commands[name]["contexts"] == [0]


async def test_every_command_is_described_in_both_languages(tmp_path: Path) -> None:
    """Meta test, without Discord: each command and option has an English description
    and a different-or-equal French one from the catalogue, never a missing one."""
    settings = settings_for(tmp_path)
    from briefbot_harness import engine

    bot = BriefBot(service=AnswerService(engine()), settings=settings)
    async with bot:
        await bot.setup_hook()
    translator = CatalogueTranslator()
    problems: list[str] = []
    for command in bot.tree.get_commands():
        payload: dict[str, Any] = await command.get_translated_payload(bot.tree, translator)
        if payload.get("type", 1) != 1:
            if not payload["name_localizations"].get("fr"):
                problems.append(f"{payload['name']}: no French name")
            continue
        for item in [payload, *walk_options(payload.get("options") or [])]:
            for key in ("name", "description"):
                english = item.get(key)
                french = (item.get(f"{key}_localizations") or {}).get("fr")
                if not english or not french:
                    problems.append(
                        f"{payload['name']}/{item['name']}: {key} en={english!r} fr={french!r}"
                    )
    assert problems == []
    assert all(set(MESSAGES[key]) == set(LANGS) for key in MESSAGES if key.startswith("cmd."))


# --- asking ----------------------------------------------------------------------


async def test_ask_answers_in_the_users_locale(standin: FakeDiscord, tmp_path: Path) -> None:
    """A question that does not tell its language is answered in the user's locale;
    a French question stays French for an English-speaking user."""
    async with running_bot(standin, tmp_path):
        fr = await standin.dispatch_slash("ask", {"question": "Bauer"}, locale="fr")
        # Another channel: a new conversation, whose language is not the first one's.
        en = await standin.dispatch_slash(
            "ask", {"question": "Bauer"}, locale="en-US", channel_id=standin.channel_id + 1
        )
        mixed = await standin.dispatch_slash(
            "ask", {"question": "qui a pris la parole à l’ouverture ?"}, locale="en-GB"
        )
        bodies = [await h.response() for h in (fr, en, mixed)]
    titles = [b["data"]["embeds"][0]["title"] for b in bodies]
    assert titles[0] == "L’amiral Rob Bauer" and titles[1] == "Admiral Rob Bauer"
    assert "Source : OTAN" in embed_text(bodies[2]["data"])
    assert all(b["type"] == 4 and not b["data"].get("flags", 0) & EPHEMERAL for b in bodies)
    assert all(len(custom_ids(b["data"])) == 2 for b in bodies)  # 👍 and 👎


async def test_german_user_gets_the_servers_language(standin: FakeDiscord, tmp_path: Path) -> None:
    """A locale briefbot does not speak falls back to the server's (French here)."""
    async with running_bot(standin, tmp_path):
        handle = await standin.dispatch_slash("agenda", locale="de")
        body = await handle.response()
    assert body["data"]["embeds"][0]["title"] == "Ordre du jour"


async def test_autocomplete_offers_questions_in_the_users_language(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """Autocomplete answers at once with at most 25 short French suggestions."""
    async with running_bot(standin, tmp_path):
        typed = await standin.dispatch_autocomplete(
            "ask", {"question": "qui"}, focused="question", locale="fr"
        )
        empty = await standin.dispatch_autocomplete(
            "ask", {"question": ""}, focused="question", locale="en-US"
        )
        choices, labels = (await typed.response())["data"]["choices"], (await empty.response())
    assert 0 < len(choices) <= 25 and all(len(c["name"]) <= 100 for c in choices)
    assert any("Rutte" in c["name"] for c in choices)
    assert "What is on the agenda?" in [c["name"] for c in labels["data"]["choices"]]


async def test_topic_commands(standin: FakeDiscord, tmp_path: Path) -> None:
    """/speakers and /pressconference answer their topic; times are Discord timestamps."""
    async with running_bot(standin, tmp_path):
        speakers = await standin.dispatch_slash("speakers", locale="en-US")
        press = await standin.dispatch_slash("pressconference", locale="fr")
        bodies = [await speakers.response(), await press.response()]
    assert "Rutte" in embed_text(bodies[0]["data"]) and "Bauer" in embed_text(bodies[0]["data"])
    assert PRESS_STAMP in embed_text(bodies[1]["data"])
    assert bodies[1]["data"]["embeds"][0]["title"] == "Conférence de presse"


async def test_message_menu_answers_the_selected_message(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """ "Ask briefbot" answers the text of someone else's message; an empty one is refused."""
    async with running_bot(standin, tmp_path):
        target = await standin.dispatch_message("c’est quand la conférence de presse ?")
        handle = await standin.dispatch_message_command("Ask briefbot", target, locale="en-US")
        body = await handle.response()
        empty = await standin.dispatch_message("<@1>")
        refused = await (await standin.dispatch_message_command("Ask briefbot", empty)).response()
    assert PRESS_STAMP in embed_text(body["data"]) and "Source : OTAN" in embed_text(body["data"])
    assert refused["data"]["flags"] & EPHEMERAL


async def test_about_and_help(standin: FakeDiscord, tmp_path: Path) -> None:
    """/about links the announcement; /help lists the commands by their French names."""
    async with running_bot(standin, tmp_path):
        about = await (await standin.dispatch_slash("about", locale="en-US")).response()
        aide = await (await standin.dispatch_slash("help", locale="fr")).response()
    assert "https://www.nato.int/" in embed_text(about["data"])
    assert "/ordre-du-jour" in embed_text(aide["data"]) and "/question" in embed_text(aide["data"])
    assert about["data"]["flags"] & EPHEMERAL and aide["data"]["flags"] & EPHEMERAL


async def test_a_reload_changes_help_and_about_but_not_the_registered_commands(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """What bot.yaml says is read at each command: a reloaded one shows in /help and /about
    at once. Its topic commands stay as registered until a restart and `briefbot sync`."""
    directory = copy_knowledge(tmp_path / "kb")
    bot_yaml = directory / "bot.yaml"
    text = bot_yaml.read_text("utf-8")
    for old, new in [("I answer questions,", "Reloaded: I answer questions,"),
                     ("en: \"NATO’s announcement\"", "en: \"the reloaded announcement\""),
                     ("- name: speakers", "- name: openers")]:  # fmt: skip
        assert text.count(old) == 1, f"bot.yaml changed: update {old!r}"
        text = text.replace(old, new)
    bot_yaml.write_text(text, "utf-8")
    async with running_bot(standin, tmp_path) as bot:
        assert reload.reload(bot.service, directory).status is reload.Status.RELOADED
        about = await (await standin.dispatch_slash("about", locale="en-US")).response()
        helped = await (await standin.dispatch_slash("help", locale="en-US")).response()
        speakers = await (await standin.dispatch_slash("speakers", locale="en-US")).response()
    assert "the reloaded announcement" in embed_text(about["data"])
    assert "Reloaded: I answer questions," in embed_text(helped["data"])
    assert "Mark Rutte" in embed_text(speakers["data"])
    assert "openers" not in {command["name"] for command in standin.commands[None]}


async def test_invalid_question_is_refused_privately(standin: FakeDiscord, tmp_path: Path) -> None:
    """A question of symbols gets a short ephemeral explanation, not an embed."""
    async with running_bot(standin, tmp_path):
        handle = await standin.dispatch_slash("ask", {"question": "?!?!"}, locale="en-US")
        body = await handle.response()
    assert body["data"]["flags"] & EPHEMERAL and "words" in body["data"]["content"]


# --- managers only -----------------------------------------------------------------


async def test_settings_refused_to_members(standin: FakeDiscord, tmp_path: Path) -> None:
    """Without Manage Server, /settings answers a short ephemeral refusal."""
    async with running_bot(standin, tmp_path) as bot:
        body = await (await standin.dispatch_slash("settings", {"enabled": False})).response()
        settings = await bot.store.guild_settings(standin.guild_id)
    assert body["data"]["flags"] & EPHEMERAL
    assert body["data"]["content"].startswith("Seules les personnes")
    assert settings.enabled is True


def two_servers() -> World:
    world = default_world()
    other = FakeGuild(
        id=world.guilds[0].id + 1000,
        name="Other server",
        channels=(FakeChannel(world.guilds[0].channels[0].id + 1000, "chat"),),
        members=(FakeUser(world.guilds[0].members[0].id + 1000, "bob"),),
        preferred_locale="en-US",
    )
    world.guilds.append(other)
    return world


@pytest.mark.usefixtures("manager")
async def test_settings_change_only_this_server(tmp_path: Path) -> None:
    """A manager sets language and answer channel for their server; another server keeps
    its defaults and its manager sees only their own."""
    async with FakeDiscord(world=two_servers()) as standin:
        other_guild, other_channel = (
            standin.world.guilds[1].id,
            standin.world.guilds[1].channels[0].id,
        )
        async with running_bot(standin, tmp_path, message_content=True) as bot:
            changed = await standin.dispatch_slash(
                "settings", {"language": "en", "answer-here": True}, locale="fr"
            )
            await changed.response()
            shown = await changed.final_message()
            elsewhere = await standin.dispatch_slash(
                "settings", channel_id=other_channel, locale="en-US"
            )
            await elsewhere.response()
            other_view = await elsewhere.final_message()
            here = await bot.store.guild_settings(standin.guild_id)
            there = await bot.store.guild_settings(other_guild)
            # The channel now answers without a mention, in the stored language.
            question = await standin.dispatch_message("who spoke at the opening?")
            reply = await standin.wait_for_message(standin.channel_id)
        standin.assert_clean()
    assert here.default_lang == "en" and here.answer_channels == {standin.channel_id}
    assert there.default_lang is None and there.answer_channels == frozenset()
    assert shown["flags"] & EPHEMERAL and shown["content"] == "Réglages enregistrés."
    assert "Anglais" in embed_text(shown) and f"<#{standin.channel_id}>" in embed_text(shown)
    assert "Other server" in embed_text(
        other_view
    ) and f"<#{standin.channel_id}>" not in embed_text(other_view)
    assert reply["message_reference"]["message_id"] == question["id"]


@pytest.mark.usefixtures("manager")
async def test_answer_channel_stays_quiet_on_small_talk(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """In an answer channel the bot answers questions it knows, and ignores small talk."""
    async with running_bot(standin, tmp_path, message_content=True) as bot:
        await bot.update_guild_settings(
            standin.guild_id, answer_channels=frozenset({standin.channel_id})
        )
        await standin.dispatch_message("bonne journée à tous, merci pour le café")
        asked = await standin.dispatch_message("quel est l’ordre du jour ?")
        reply = await standin.wait_for_message(standin.channel_id)
    assert reply["message_reference"]["message_id"] == asked["id"]
    assert len(standin.channel_messages) == 1


@pytest.mark.usefixtures("manager")
async def test_disabled_server_stays_silent_in_chat(standin: FakeDiscord, tmp_path: Path) -> None:
    """With answers off, mentions get nothing; slash commands still answer."""
    async with running_bot(standin, tmp_path) as bot:
        off = await standin.dispatch_slash("settings", {"enabled": False}, locale="en-US")
        await off.final_message()
        await standin.dispatch_message("agenda?", mention_bot=True)
        still = await (await standin.dispatch_slash("agenda", locale="en-US")).response()
        assert bot.cached_guild_settings(standin.guild_id).enabled is False  # type: ignore[union-attr]
    assert standin.channel_messages == [] and still["type"] == 4


@pytest.mark.usefixtures("manager")
async def test_stats_show_this_server_only(tmp_path: Path) -> None:
    """/stats counts the questions of the server it runs in, privately."""
    async with FakeDiscord(world=two_servers()) as standin:
        other_channel = standin.world.guilds[1].channels[0].id
        async with running_bot(standin, tmp_path) as bot:
            await standin.dispatch_message("agenda?", mention_bot=True)
            await standin.wait_for_message(standin.channel_id)
            for question in ("who spoke?", "when is the press conference?", "football scores?"):
                await standin.dispatch_message(question, mention_bot=True, channel_id=other_channel)
                await standin.wait_for_message(other_channel)
            await bot.store.flush()
            handle = await standin.dispatch_slash("stats", {"days": 7}, locale="en-US")
            assert (await handle.response())["type"] == 5
            shown = await handle.final_message()
        standin.assert_clean()
    text = embed_text(shown)
    assert shown["flags"] & EPHEMERAL
    assert "1 questions, 1 answered (100%), 1 people" in text
    assert "Agenda: 1" in text and "football" not in text
