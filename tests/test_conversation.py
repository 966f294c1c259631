"""Conversation context: per asker, never across servers, bounded, expiring."""

from __future__ import annotations

from datetime import timedelta

from briefbot import conversation
from briefbot.conversation import Conversations
from briefbot.engine.core import CONTEXT_TTL, Engine
from briefbot.engine.types import Context
from briefbot.service import AnswerService, Origin
from testkit import LONG_AFTER


def context() -> Context:
    return Context(asks=(("press_conference", "who", ""),), people=(), lang="en", at=LONG_AFTER)


def test_keys_carry_the_server_so_contexts_never_cross() -> None:
    """The same channel and user ids under two servers are two conversations."""
    assert conversation.key("discord", 1, 10, 100) != conversation.key("discord", 2, 10, 100)
    assert conversation.message_key(1, 5) != conversation.message_key(2, 5)


def test_the_store_is_bounded_least_recently_used_first() -> None:
    """Past the limit, the conversation untouched longest is forgotten."""
    store = Conversations(limit=2)
    store.put("a", context())
    store.put("b", context())
    assert store.get("a", LONG_AFTER) is not None  # a is now the most recent
    store.put("c", context())
    assert len(store) == 2
    assert store.get("b", LONG_AFTER) is None
    assert store.get("a", LONG_AFTER) is not None and store.get("c", LONG_AFTER) is not None


def test_contexts_expire() -> None:
    """A context older than CONTEXT_TTL is gone (and dropped from memory)."""
    store = Conversations()
    store.put("a", context())
    assert store.get("a", LONG_AFTER + CONTEXT_TTL + timedelta(seconds=1)) is None
    assert len(store) == 0


def test_service_keeps_one_context_per_asker(engine: Engine) -> None:
    """Two askers in one channel each keep their own thread; another server sees neither."""
    service = AnswerService(engine, clock=lambda: LONG_AFTER)
    alice = conversation.key("discord", 1, 10, 100)
    bob = conversation.key("discord", 1, 10, 200)
    elsewhere = conversation.key("discord", 2, 10, 100)
    origin = Origin("test")
    service.ask("who holds the press conference?", origin, conversation=alice)
    service.ask("who is Rutte?", origin, conversation=bob)
    assert service.ask("and when?", origin, conversation=alice).answer.topic == (
        "press_conference.when"
    )
    assert service.ask("what did he say?", origin, conversation=bob).answer.topic == "rutte.said"
    assert service.ask("and when?", origin, conversation=elsewhere).answer.topic != (
        "press_conference.when"
    )


def test_a_reply_continues_the_answer_replied_to(engine: Engine) -> None:
    """Replying to an earlier answer takes that answer's context, not the latest one."""
    service = AnswerService(engine, clock=lambda: LONG_AFTER)
    me = conversation.key("discord", 1, 10, 100)
    first = service.ask("who holds the press conference?", Origin("test"), conversation=me)
    service.remember(conversation.message_key(1, 555), first.answer.context)
    service.ask("who is Rutte?", Origin("test"), conversation=me)
    reply = service.ask(
        "and when?", Origin("test"), conversation=me, reply_to=conversation.message_key(1, 555)
    )
    assert reply.answer.topic == "press_conference.when"
