"""The clients ``bench_discord_load.py`` runs in a child process against the stand-in.

    python benchmarks/load_clients.py raw|trivial API_BASE GATEWAY_URL TOKEN

``raw``: no discord.py; identifies on the gateway, registers /ask and answers
every interaction with a fixed message, straight over aiohttp: the stand-in's
own ceiling. ``trivial``: discord.py with a command tree whose /ask answers
"ok" at once: what discord.py itself costs. (briefbot runs as ``briefbot run``
through ``tests/bot/briefbot_against_standin.py``.) Each runs until SIGTERM.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from typing import Any

import aiohttp
import discord
import discord.http
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket

ANSWER = {"type": 4, "data": {"content": "ok", "allowed_mentions": {"parse": []}}}
ASK = {
    "name": "ask",
    "description": "Ask a question",
    "options": [{"type": 3, "name": "question", "description": "The question", "required": True}],
}


async def raw(api: str, gateway: str, token: str) -> None:
    """Gateway and REST by hand: IDENTIFY, heartbeats, one callback per interaction."""
    auth = {"Authorization": f"Bot {token}"}
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{api}/oauth2/applications/@me", headers=auth) as reply:
            app_id = (await reply.json())["id"]
        async with http.put(f"{api}/applications/{app_id}/commands", headers=auth, json=[ASK]):
            pass
        async with http.ws_connect(f"{gateway}?v=10&encoding=json", max_msg_size=0) as ws:
            hello = await ws.receive_json()
            beat = hello["d"]["heartbeat_interval"] / 1000
            identify = {"token": token, "intents": 0, "properties": {}}
            await ws.send_json({"op": 2, "d": identify})
            tasks: set[asyncio.Task[None]] = set()

            async def heartbeat() -> None:
                while True:
                    await asyncio.sleep(beat)
                    await ws.send_json({"op": 1, "d": None})

            async def answer(event: dict[str, Any]) -> None:
                url = f"{api}/interactions/{event['id']}/{event['token']}/callback"
                async with http.post(url, json=ANSWER):
                    pass

            beating = asyncio.create_task(heartbeat())
            async for message in ws:
                payload = json.loads(message.data)
                if payload.get("t") == "INTERACTION_CREATE":
                    task = asyncio.create_task(answer(payload["d"]))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
            beating.cancel()


class Trivial(discord.Client):
    """discord.py with one command that answers at once."""

    def __init__(self) -> None:
        super().__init__(
            intents=discord.Intents.none(), allowed_mentions=discord.AllowedMentions.none()
        )
        self.tree = app_commands.CommandTree(self)

        @self.tree.command(name="ask", description="Ask a question")
        async def ask(interaction: discord.Interaction, question: str) -> None:
            await interaction.response.send_message("ok")

    async def setup_hook(self) -> None:
        await self.tree.sync()


async def trivial(api: str, gateway: str, token: str) -> None:
    discord.http.Route.BASE = api
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    client = Trivial()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, lambda: loop.create_task(client.close()))
    async with client:
        await client.start(token)


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    if kind == "raw":
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    asyncio.run({"raw": raw, "trivial": trivial}[kind](*args))
