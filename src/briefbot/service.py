"""The answering service: the one place every front end asks through.

It joins the pure engine to the clock and the question log. Front ends
(console, CLI, Discord chat, slash commands, buttons) call :meth:`AnswerService.ask`
or :meth:`AnswerService.ask_topic` and render the returned :class:`Asked`; they
never call the engine's answering directly, so every answered question is
logged exactly once. Input the engine refuses (empty, too long, no words) is
not logged: bad input changes nothing.

The engine can be replaced while the service runs (a reloaded knowledge base,
:meth:`AnswerService.replace`): each question reads the current engine once,
so it is answered and logged by one knowledge base from start to end.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from briefbot.conversation import Conversations
from briefbot.engine.core import Engine
from briefbot.engine.types import Answer, Context, Kind, Lang, TimeStyle
from briefbot.storage.model import LogEntry, new_qid

if TYPE_CHECKING:
    from briefbot.storage import Store

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    """The real clock; tests pass their own."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Asked:
    """An answer and the id it was logged under (feedback buttons refer to it)."""

    answer: Answer
    qid: str
    logged: bool


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a question came from; ids stay None outside Discord."""

    frontend: str
    guild_id: int | None = None
    channel_id: int | None = None
    user_id: int | None = None


@dataclass(frozen=True, slots=True)
class Deployed:
    """An engine and the version of the knowledge base it answers from, swapped as one."""

    engine: Engine
    version: str | None  # knowledge.version_of; None when unknown (an engine built in tests)
    ids: frozenset[str]  # every subject and cell id of its knowledge base

    @classmethod
    def of(cls, engine: Engine, version: str | None) -> Deployed:
        ids = {s.id for s in engine.kb.subjects} | {c.id for c in engine.kb.cells}
        return cls(engine, version, frozenset(ids))

    def knows(self, context: Context) -> bool:
        """Whether every subject and answer ``context`` names is in this knowledge base.

        A context made by the knowledge base before a reload (an answer sent just
        as the reload happened) may name ones this one lacks.
        """
        named = [i for subject, _, cell in context.asks for i in (subject, cell) if i]
        return all(i in self.ids for i in (*named, *context.people))


class AnswerService:
    """Answers questions through the engine and logs them to the store, if any."""

    def __init__(
        self,
        engine: Engine,
        store: Store | None = None,
        *,
        kb_version: str | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.deployed = Deployed.of(engine, kb_version)
        self.store = store
        self._clock = clock
        self.conversations = Conversations()

    @property
    def engine(self) -> Engine:
        """The current engine (read it once per question: :meth:`replace` may swap it)."""
        return self.deployed.engine

    @property
    def kb_version(self) -> str | None:
        """The version of the knowledge base answering now."""
        return self.deployed.version

    def replace(self, engine: Engine, kb_version: str) -> None:
        """Answer from now on with ``engine``; questions already answered keep their version.

        Conversations start afresh: a context names subjects and answers of the
        old knowledge base, which the new one may no longer have.
        """
        self.deployed = Deployed.of(engine, kb_version)
        self.conversations = Conversations()

    def now(self) -> datetime:
        """The service's clock (answers use past or future tense from it)."""
        return self._clock()

    def ask(
        self,
        question: str,
        origin: Origin,
        *,
        lang_hint: Lang | None = None,
        force_lang: Lang | None = None,
        time_style: TimeStyle = TimeStyle.PLAIN,
        conversation: str | None = None,
        reply_to: str | None = None,
    ) -> Asked:
        """Answer a free-text question and log it once (see ``Engine.answer`` for languages).

        ``conversation`` names the asker's conversation: its previous question gives
        a follow-up ("and when?") its context, and this answer becomes the next
        one's. ``reply_to`` names the conversation of a bot answer being replied
        to, which takes precedence.
        """
        started = time.perf_counter()
        asked_at = self._clock()
        deployed, conversations = self.deployed, self.conversations
        context = None
        for name in (reply_to, conversation):
            if name is not None and context is None:
                context = conversations.get(name, asked_at)
        if context is not None and not deployed.knows(context):
            context = None
        answer = deployed.engine.answer(
            question,
            now=asked_at,
            lang_hint=lang_hint,
            force_lang=force_lang,
            time_style=time_style,
            context=context,
        )
        if conversation is not None and answer.context is not None:
            conversations.put(conversation, answer.context)
        return self._record(
            question, answer, origin, asked_at, started, kb_version=deployed.version
        )

    def remember(self, conversation: str, context: Context | None) -> None:
        """Start a conversation from an answer (a bot message others may reply to)."""
        if context is not None:
            self.conversations.put(conversation, context)

    def ask_topic(
        self,
        topic: str,
        origin: Origin,
        *,
        lang: Lang,
        time_style: TimeStyle = TimeStyle.PLAIN,
    ) -> Asked:
        """Answer a known topic (a slash command, a "did you mean" button) and log it.

        The logged question text is the topic's label in ``lang``.
        """
        started = time.perf_counter()
        asked_at = self._clock()
        deployed = self.deployed
        answer = deployed.engine.answer_topic(topic, lang=lang, now=asked_at, time_style=time_style)
        found = deployed.engine.cell(topic)
        label = found.label[lang] if found else topic
        return self._record(label, answer, origin, asked_at, started, kb_version=deployed.version)

    def _record(
        self,
        question: str,
        answer: Answer,
        origin: Origin,
        asked_at: datetime,
        started: float,
        *,
        kb_version: str | None,
    ) -> Asked:
        qid = new_qid()
        if answer.kind is Kind.INVALID or self.store is None:
            return Asked(answer, qid, logged=False)
        self.store.log(
            LogEntry(
                qid=qid,
                asked_at=asked_at,
                frontend=origin.frontend,
                guild_id=origin.guild_id,
                channel_id=origin.channel_id,
                user_id=origin.user_id,
                lang=answer.lang,
                topic=answer.topic,
                kind=answer.kind.value,
                confidence=answer.confidence,
                latency_ms=(time.perf_counter() - started) * 1000.0,
                question=question,
                kb_version=kb_version,
            )
        )
        return Asked(answer, qid, logged=True)
