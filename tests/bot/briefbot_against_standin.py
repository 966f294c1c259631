"""Run the ``briefbot`` command line against the Discord stand-in, in a child process.

Usage: ``python briefbot_against_standin.py API_BASE GATEWAY_URL [briefbot args...]``.
Points discord.py at the stand-in the way ``standin_connect`` does in-process
(nothing in ``src/`` knows about tests), then runs ``briefbot.cli.main``.
"""

from __future__ import annotations

import sys

import discord.http
import yarl
from discord.gateway import DiscordWebSocket

from briefbot.cli import main

if __name__ == "__main__":
    discord.http.Route.BASE = sys.argv[1]
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[2])
    raise SystemExit(main(sys.argv[3:]))
