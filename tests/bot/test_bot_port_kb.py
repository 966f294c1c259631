"""The made-up knowledge base (tests/kb_port/) through the Discord stand-in: its topic
commands are synced with their French names, and answer from it, in its colour."""

from __future__ import annotations

from pathlib import Path

from briefbot_harness import NOW, embed_text, settings_for
from standin import FakeDiscord
from standin_connect import connect

from briefbot import knowledge
from briefbot.bot.client import BriefBot
from briefbot.engine.core import Engine
from briefbot.service import AnswerService
from briefbot.storage import Store

PORT = Path(__file__).resolve().parents[1] / "kb_port"


async def test_the_other_knowledge_base_runs_on_discord(
    standin: FakeDiscord, tmp_path: Path
) -> None:
    """/highlights (« /faits-saillants ») replaces the shipped topic commands, and /ask
    answers from the port's announcement."""
    settings = settings_for(tmp_path)
    engine = Engine(knowledge.load(PORT), knowledge.lexicon())
    async with await Store.open(settings.db_path) as store:
        service = AnswerService(engine, store, clock=lambda: NOW)
        bot = BriefBot(service=service, settings=settings)
        async with connect(bot, standin):
            await bot.tree.sync()
            commands = {c["name"]: c for c in standin.commands[None]}
            highlights = await standin.dispatch_slash("highlights", {}, locale="fr")
            asked = await standin.dispatch_slash("ask", {"question": "who is okafor?"})
            bodies = [await h.response() for h in (highlights, asked)]
    assert {"highlights", "briefing", "ask", "help"} <= set(commands)
    assert not {"agenda", "speakers", "pressconference"} & set(commands)
    assert commands["highlights"]["name_localizations"]["fr"] == "faits-saillants"
    assert commands["briefing"]["description_localizations"]["fr"].startswith("Quand et où")
    assert "41 millions de tonnes" in embed_text(bodies[0]["data"])
    assert "Harbour Master" in embed_text(bodies[1]["data"])
    assert bodies[1]["data"]["embeds"][0]["color"] == 0x00857C
