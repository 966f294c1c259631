#!/usr/bin/env python3
"""Cut Discord's OpenAPI description down to the endpoints briefbot calls.

    python3 tests/bot/discord_api/extract.py PATH/TO/discord-api-spec/openapi.json

Writes ``openapi.json`` beside this script: for each endpoint in ``ENDPOINTS``
its path parameters, query parameters and JSON request body (responses left
out: the stand-in checks what the client sends), and every component schema
those reach through ``$ref``, transitively. The source is Discord's
``discord/discord-api-spec`` (``specs/openapi.json``, MIT; see ``LICENSE``).
Add an endpoint here when briefbot starts calling it, and run this again.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

# (method, path) of every call briefbot makes, as Discord's description names them.
ENDPOINTS = (
    ("get", "/users/@me"),  # login
    ("get", "/oauth2/applications/@me"),  # application id at start
    ("get", "/gateway/bot"),  # shard count and gateway URL
    ("put", "/applications/{application_id}/commands"),  # briefbot sync
    ("put", "/applications/{application_id}/guilds/{guild_id}/commands"),  # sync --guild
    ("post", "/channels/{channel_id}/typing"),  # typing before a chat answer
    ("post", "/channels/{channel_id}/messages"),  # chat answers and notices
    ("post", "/interactions/{interaction_id}/{interaction_token}/callback"),  # responses
    ("post", "/webhooks/{webhook_id}/{webhook_token}"),  # followups
)
OUTPUT = Path(__file__).with_name("openapi.json")


def _refs(node: Any) -> set[str]:
    """Component names referenced anywhere in ``node``."""
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[-1]} if "$ref" in node else set()
        for value in node.values():
            found |= _refs(value)
        return found
    if isinstance(node, list):
        return set().union(*map(_refs, node)) if node else set()
    return set()


def extract(spec: dict[str, Any]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for method, path in ENDPOINTS:
        source = spec["paths"][path]
        operation = source[method]
        kept: dict[str, Any] = {"operationId": operation["operationId"]}
        if "parameters" in operation:
            kept["parameters"] = operation["parameters"]
        body = operation.get("requestBody")
        if body is not None:
            json_body = {"application/json": body["content"]["application/json"]}
            kept["requestBody"] = {**body, "content": json_body}
        entry = paths.setdefault(path, {})
        if "parameters" in source:
            entry["parameters"] = source["parameters"]
        entry[method] = kept
    schemas = spec["components"]["schemas"]
    wanted, todo = set(), _refs(paths)
    while todo:
        name = todo.pop()
        wanted.add(name)
        todo |= _refs(schemas[name]) - wanted
    return {
        "openapi": spec["openapi"],
        "info": spec["info"],
        "x-extracted": "tests/bot/discord_api/extract.py: briefbot's endpoints only, "
        "request side only",
        "paths": paths,
        "components": {"schemas": {name: schemas[name] for name in sorted(wanted)}},
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    full = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    OUTPUT.write_text(json.dumps(extract(full), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(ENDPOINTS)} endpoints)")
