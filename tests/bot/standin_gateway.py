"""Gateway websocket of the Discord stand-in.

Speaks the v10 JSON gateway as discord.py's ``DiscordWebSocket`` expects:
HELLO, then IDENTIFY (token check, close 4004; privileged intents check,
close 4014) answered by READY and one GUILD_CREATE per guild, or RESUME
answered by the missed events and RESUMED (or INVALID_SESSION when the session
cannot be resumed). Heartbeats are acknowledged; sequence numbers count per
session; ``compress=zlib-stream`` is honoured like Discord's transport
compression. Sessions survive a dropped connection until the client closes
with 1000/1001 or the stand-in invalidates them.

Sharding as Discord does it: IDENTIFY with ``shard: [i, n]`` gets the guilds
whose ``(id >> 22) % n == i``, and events of a guild go to the session of its
shard (DMs to shard 0), so several processes can each run some shards.
"""

from __future__ import annotations

import json
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web
from standin_model import (
    INTENT_GUILD_MEMBERS,
    INTENT_GUILDS,
    JSON,
    PRIVILEGED_INTENTS,
    guild_create_payload,
    member_payload,
)
from standin_state import StandinState

HELLO, HEARTBEAT_ACK = 10, 11
OP_DISPATCH, OP_HEARTBEAT, OP_IDENTIFY, OP_PRESENCE, OP_VOICE = 0, 1, 2, 3, 4
OP_RESUME, OP_RECONNECT, OP_REQUEST_MEMBERS, OP_INVALID_SESSION = 6, 7, 8, 9


@dataclass
class Session:
    id: str
    intents: int
    seq: int = 0
    events: list[JSON] = field(default_factory=list)
    connection: Connection | None = None
    resumable: bool = True
    shard: tuple[int, int] = (0, 1)  # (shard id, shard count)

    def owns(self, guild_id: int | None) -> bool:
        """Whether events of this guild (None: a DM) belong to this session's shard."""
        shard_id, count = self.shard
        return (0 if guild_id is None else (guild_id >> 22) % count) == shard_id


class Connection:
    """One websocket connection; ``path`` tells which gateway URL the client used."""

    def __init__(self, ws: web.WebSocketResponse, path: str, compress: bool) -> None:
        self.ws = ws
        self.path = path
        self.session: Session | None = None
        self.kind: str | None = None  # "identify" or "resume" once the client said which
        self.live = False  # READY or RESUMED sent on this connection
        self.closed_by_standin = False
        self.sent: list[JSON] = []
        self._zlib = zlib.compressobj() if compress else None

    async def send(self, payload: JSON) -> None:
        if self.ws.closed:
            return
        self.sent.append(payload)
        text = json.dumps(payload)
        if self._zlib is None:
            await self.ws.send_str(text)
        else:
            data = self._zlib.compress(text.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
            await self.ws.send_bytes(data)

    async def close(self, code: int, reason: str) -> None:
        self.closed_by_standin = True
        await self.ws.close(code=code, message=reason.encode())


class Gateway:
    """Gateway sessions and connections; ``current`` is the session events go to."""

    def __init__(
        self,
        state: StandinState,
        *,
        heartbeat_interval_ms: int,
        allowed_intents: int,
        resume_url: Callable[[], str],
    ) -> None:
        self.state = state
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.allowed_intents = allowed_intents
        self.resume_url = resume_url
        self.sessions: dict[str, Session] = {}
        self.current: Session | None = None
        self.connections: list[Connection] = []
        self.received: list[JSON] = []
        self.identify_count = 0
        self.resume_count = 0
        self.heartbeat_count = 0
        # The token was reset after the client logged in: REST still answers, but
        # IDENTIFY and RESUME close with 4004 (Authentication failed).
        self.token_revoked = False

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(compress=False, max_msg_size=0, timeout=2.0)
        await ws.prepare(request)
        compress = request.query.get("compress") == "zlib-stream"
        conn = Connection(ws, request.path, compress)
        self.connections.append(conn)
        try:
            if request.query.get("v") != "10":
                await conn.close(4012, "Invalid API version.")
            elif request.query.get("encoding", "json") != "json":
                await conn.close(4002, "Error while decoding payload.")
            else:
                await self._serve(conn)
        finally:
            self._detach(conn)
            await self.state.notify()
        return ws

    async def _serve(self, conn: Connection) -> None:
        hello = {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": ["standin"]}
        await conn.send({"op": HELLO, "d": hello, "s": None, "t": None})
        async for msg in conn.ws:
            if msg.type is not WSMsgType.TEXT:
                await conn.close(4002, "Error while decoding payload.")
                return
            try:
                payload = json.loads(msg.data)
            except ValueError:
                await conn.close(4002, "Error while decoding payload.")
                return
            self.received.append(payload)
            await self._on_payload(conn, payload)
            await self.state.notify()

    def _detach(self, conn: Connection) -> None:
        session = conn.session
        if session is None or session.connection is not conn:
            return
        session.connection = None
        client_code = conn.ws.close_code
        if not conn.closed_by_standin and client_code in (1000, 1001):
            session.resumable = False  # a clean close ends the session, as on Discord

    async def _on_payload(self, conn: Connection, payload: Any) -> None:
        op = payload.get("op") if isinstance(payload, dict) else None
        data = payload.get("d") if isinstance(payload, dict) else None
        if op == OP_HEARTBEAT:
            self.heartbeat_count += 1
            await conn.send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == OP_IDENTIFY:
            await self._identify(conn, data if isinstance(data, dict) else {})
        elif op == OP_RESUME:
            await self._resume(conn, data if isinstance(data, dict) else {})
        elif op not in (OP_PRESENCE, OP_VOICE, OP_REQUEST_MEMBERS):
            await conn.close(4001, "Unknown opcode.")
        elif conn.session is None:
            await conn.close(4003, "Not authenticated.")
        elif op == OP_REQUEST_MEMBERS and isinstance(data, dict):
            await self._members_chunk(conn.session, data)

    async def _identify(self, conn: Connection, data: JSON) -> None:
        if conn.session is not None:
            await conn.close(4005, "Already authenticated.")
            return
        if data.get("token") != self.state.token or self.token_revoked:
            await conn.close(4004, "Authentication failed.")
            return
        intents = data.get("intents")
        if not isinstance(intents, int):
            await conn.close(4013, "Invalid intent(s).")
            return
        if intents & PRIVILEGED_INTENTS & ~self.allowed_intents:
            await conn.close(4014, "Disallowed intent(s).")
            return
        shard = data.get("shard", [0, 1])
        if (
            not isinstance(shard, list)
            or len(shard) != 2
            or not all(isinstance(n, int) for n in shard)
            or not 0 <= shard[0] < shard[1]
        ):
            await conn.close(4010, "Invalid shard.")
            return
        session = Session(id=uuid.uuid4().hex, intents=intents, shard=(shard[0], shard[1]))
        self.sessions[session.id] = session
        self.current = session
        conn.kind, conn.session, session.connection = "identify", session, conn
        world = self.state.world
        ready = {
            "v": 10,
            "user": {**world.bot.payload(), "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [
                {"id": str(g.id), "unavailable": True} for g in world.guilds if session.owns(g.id)
            ],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_url(),
            "application": {"id": str(world.application_id), "flags": world.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "user_settings": {},
            "_trace": ["standin"],
        }
        if "shard" in data:
            ready["shard"] = data["shard"]
        await self.dispatch_to(session, "READY", ready)
        if intents & INTENT_GUILDS:
            for guild in (g for g in world.guilds if session.owns(g.id)):
                await self.dispatch_to(
                    session, "GUILD_CREATE", guild_create_payload(guild, world.bot)
                )
        conn.live = True
        self.identify_count += 1

    async def _resume(self, conn: Connection, data: JSON) -> None:
        if data.get("token") != self.state.token or self.token_revoked:
            await conn.close(4004, "Authentication failed.")
            return
        session = self.sessions.get(str(data.get("session_id")))
        seq = data.get("seq")
        if (
            session is None
            or not session.resumable
            or not isinstance(seq, int)
            or seq > session.seq
        ):
            await conn.send({"op": OP_INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        conn.kind, conn.session, session.connection = "resume", session, conn
        self.current = session
        for event in session.events:
            if event["s"] > seq:
                await conn.send(event)
        await self.dispatch_to(session, "RESUMED", {"_trace": ["standin"]})
        conn.live = True
        self.resume_count += 1

    async def _members_chunk(self, session: Session, data: JSON) -> None:
        guild = next(
            (g for g in self.state.world.guilds if str(g.id) == str(data.get("guild_id"))), None
        )
        if guild is None or not session.intents & INTENT_GUILD_MEMBERS:
            return
        members = [member_payload(u) for u in (self.state.world.bot, *guild.members)]
        chunk: JSON = {
            "guild_id": str(guild.id),
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        await self.dispatch_to(session, "GUILD_MEMBERS_CHUNK", chunk)

    # -- used by FakeDiscord -------------------------------------------------

    def live_session(self, guild_id: int | None = None) -> Session | None:
        """The connected session events go to: the latest, or (``guild_id`` given, or 0
        for a DM) the one whose shard owns that guild."""
        candidates = (
            [self.current]
            if guild_id is None
            else [s for s in self.sessions.values() if s.owns(guild_id or None)]
        )
        for session in reversed(candidates):
            if session and session.resumable and session.connection and session.connection.live:
                return session
        return None

    async def dispatch_to(self, session: Session, event: str, data: JSON) -> JSON:
        """Number the event in the session and send it if the session is connected;
        a disconnected session keeps it for replay on RESUME."""
        session.seq += 1
        payload = {"op": OP_DISPATCH, "t": event, "s": session.seq, "d": data}
        session.events.append(payload)
        if session.connection is not None:
            await session.connection.send(payload)
        return payload

    async def send_op(self, op: int, data: Any) -> None:
        session = self.live_session()
        if session is None or session.connection is None:
            raise RuntimeError("stand-in: no client connected to the gateway")
        if op == OP_INVALID_SESSION and data is False:
            session.resumable = False
        await session.connection.send({"op": op, "d": data, "s": None, "t": None})

    async def close_all(self) -> None:
        for conn in self.connections:
            if not conn.ws.closed:
                await conn.close(1001, "Stand-in shutting down.")
