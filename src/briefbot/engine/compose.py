"""Composing the reply: one section per question understood, and the context for the next.

:mod:`core` reads a message and resolves its questions; this module turns what
was resolved into text (through :mod:`render`), in the reply's language:
an answer, "the announcement does not say" with what it does say about that
subject, "did you mean", or a polite refusal with examples. It also builds the
:class:`Context` a follow-up ("and when?", "same in French") starts from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from itertools import pairwise

from briefbot.engine.choose import Resolved
from briefbot.engine.kb import Cell, KnowledgeBase
from briefbot.engine.normalize import fold
from briefbot.engine.reading import Signals
from briefbot.engine.render import Renderer, of
from briefbot.engine.types import (
    LANGS,
    Answer,
    AskAnswer,
    AskKind,
    Context,
    Kind,
    Lang,
    Match,
    Source,
    Suggestion,
    TimeStyle,
)
from briefbot.messages import message

# One message answers at most this many questions; more is a list, not a chat.
MAX_ASKS = 3
# A conversation remembers at most this many people for "they" and "their".
MAX_PEOPLE = 3
# A "does not say" answer offers at most this many things the announcement does say.
MAX_OTHERS = 3
# Question words anywhere in a question: it asks which, when or how, not whether
# (« d'ici quelle année … ? », "ready by wat year").
_ASKING = frozenset(
    """what which when where who how why wat wats whats wen quel quelle quels quelles quand
    ou qui comment pourquoi combien quoi koi""".split()
)


# "… or not?", « … ou pas ? »: a choice that still asks yes or no.
_NOT = frozenset("not pas non".split())
# The other version of the announcement, of each language's.
_OTHER: dict[Lang, Lang] = {"fr": "en", "en": "fr"}


def _offers_choices(text: str) -> bool:
    """Whether a question offers choices ("in Geneva or Lyon?"), one of which may be
    right: no yes or no answers it; "… or not?" still asks yes or no."""
    words = [*fold(text).split(), ""]
    return any(w in ("or", "ou") and nxt not in _NOT for w, nxt in pairwise(words))


class Composer:
    """Writes replies from one knowledge base's cells and facts."""

    def __init__(
        self, kb: KnowledgeBase, renderer: Renderer, people_named: Mapping[str, Sequence[str]]
    ) -> None:
        """``people_named``: the people each cell's answer names (KnowledgeBase.people_named)."""
        self.kb = kb
        self._renderer = renderer
        self._cells = {c.id: c for c in kb.cells}
        self._subjects = {s.id: s for s in kb.subjects}
        self._person_subject: dict[str, str] = {}  # a person's first subject
        for s in kb.subjects:
            if s.person:
                self._person_subject.setdefault(s.person, s.id)
        self._people = people_named
        # The examples and the refusal depend on the language alone: written once, each is
        # offered on every decline.
        self._examples = {
            lang: tuple(self.suggest(c, lang) for c in kb.identity.examples) for lang in LANGS
        }
        self._declined = {lang: self._decline_text(lang) for lang in LANGS}

    def _verdict(self, sig: Signals, r: Resolved) -> bool | None:
        """Whether the people a yes-or-no question names speak at the event it names ("is
        Keller speaking at the opening?"), or whether an item named is on its list; None
        when it asks no such thing. A place the question guesses for an event ("is it in
        Geneva?") is never its place: that is a place the announcement does not name."""
        if sig.yes_no and sig.places and r.aspect == "where":
            return None if _offers_choices(sig.text) else False
        event = self._subjects.get(r.subject or "")
        if (
            event
            and event.item
            and sig.yes_no
            and sig.lang in LANGS  # whose question words are known
            and sig.ordinal is None
            and r.aspect in (None, "about")  # not "which number is it?"
            and event.id in sig.mentions
        ):
            # "is interoperability on the agenda?": named, so on the list
            return True if _ASKING.isdisjoint(fold(sig.text).split()) else None
        if not (sig.yes_no and r.aspect == "who" and event and event.people):
            return None
        if "who" in sig.cued_by:  # "with whom does he hold it?" asks who, not whether
            return None
        named = [*sig.mentions, *sig.referents]
        asked = [p for m in named if (p := self._subjects[m].person)]
        if not asked or (event.id not in sig.mentions and event.part_of not in sig.mentions):
            return None
        speaks = all(p in event.people for p in asked)
        # "did Keller speak at the meeting?", answered by its opening: yes if he spoke
        # there; if not, he may have elsewhere in it
        return speaks if event.id in sig.mentions or speaks else None

    def people_of(self, resolved: Resolved, sig: Signals | None = None) -> list[str]:
        """Person subjects a question was about or its answer names, for a later "he": the
        people it asked of first ("is Keller at the press conference?" "what did he do
        there?": Keller, not the speakers the answer names)."""
        asked = [*sig.mentions, *sig.referents] if sig else []
        out = [s for s in asked if (subject := self._subjects.get(s)) and subject.person]
        subject = self._subjects.get(resolved.subject or "")
        if subject is not None and subject.person:
            out.append(subject.id)
        for pid in self._people.get(resolved.cell or "", ()):
            sid = self._person_subject.get(pid)
            if sid and sid not in out:
                out.append(sid)
        return out

    def ask(
        self, sig: Signals, r: Resolved, lang: Lang, now: datetime, style: TimeStyle
    ) -> AskAnswer:
        """One question's section of the reply."""
        evidence = r.evidence
        if r.kind is AskKind.OFF_TOPIC:
            return AskAnswer(r.kind, sig.text, message("ask.off_topic", lang), evidence=evidence)
        if r.kind is AskKind.UNCLEAR:
            suggestions = tuple(self.suggest(m.topic, lang) for m in r.candidates)
            options = "\n".join(f"• {s.label}" for s in suggestions)
            return AskAnswer(
                r.kind,
                sig.text,
                message("clarify", lang, options=options),
                confidence=r.confidence,
                evidence=evidence,
                suggestions=suggestions,
            )
        subject = self._subjects[r.subject or ""]  # answered asks have a subject
        if r.status:
            text = self._renderer.status(subject, lang, now, style)
            title = subject.title[lang]
        elif r.cell is not None:
            cell = self._cells[r.cell]
            text, title = self._renderer.render(cell, lang, now, style), cell.title[lang]
            verdict = self._verdict(sig, r)
            if verdict is not None:  # "is Keller at the opening?": yes or no, then who is
                text = message(f"verdict.{'yes' if verdict else 'no'}", lang) + " " + text
            if r.misquoted:  # "did Keller say 'X'?" of words he is not quoted saying
                text = message("note.misquoted", lang) + "\n" + text
            if sig.compare:  # "how do the versions differ?": each, the asker's first
                text = "\n".join(
                    message("note.version", lang, version=message(f"version.{v}", lang))
                    + "\n"
                    + self._renderer.render(cell, v, now, style)
                    for v in (lang, _OTHER[lang])
                )
            elif sig.version and sig.version != lang:  # "what does the French version say?"
                version = message(f"version.{sig.version}", lang)
                note = message("note.version", lang, version=version)
                if r.aspect == "count" and subject.items:  # "how many in it?", in the asker's words
                    counted = self._renderer.counted(subject.items, sig.version, lang)
                    note = message("note.version_count", lang, version=version, count=counted)
                text = note + "\n" + self._renderer.render(cell, sig.version, now, style)
            elif r.aspect == "count" and subject.items and not sig.version:
                # "how many?", no version named: the other version's count too
                text += self._other_count(subject.items, lang)
        else:
            others = tuple(self.suggest(c.id, lang) for c in subject.cells if not c.not_said)
            others = others[:MAX_OTHERS]
            text = message("not_said", lang, subject=of(subject.title[lang], lang))
            if others:
                options = "\n".join(f"• {s.label}" for s in others)
                text += "\n" + message("not_said.others", lang, options=options)
            return AskAnswer(
                r.kind,
                sig.text,
                text,
                subject.title[lang],
                r.subject,
                r.aspect,
                None,
                r.confidence,
                evidence,
                others,
            )
        return AskAnswer(
            r.kind, sig.text, text, title, r.subject, r.aspect, r.cell, r.confidence, evidence
        )

    def _other_count(self, list_id: str, lang: Lang) -> str:
        """The other language's count of a list, when its version has another number of
        items: readers of both versions count differently, and both are right."""
        other = _OTHER[lang]
        counted = self._renderer.counted(list_id, other, lang)
        if counted == self._renderer.counted(list_id, lang, lang):
            return ""
        version = message(f"version.{other}", lang)
        return "\n" + message("note.other_version_count", lang, version=version, count=counted)

    def reply(
        self,
        asks: list[AskAnswer],
        found: list[tuple[Signals, Resolved]],
        lang: Lang,
        now: datetime,
        *,
        truncated: bool = False,
        earlier: tuple[str, ...] = (),
        listed: tuple[str, ...] = (),
    ) -> Answer:
        """The whole reply: one section per question, and the context for the next, whose
        people are the ones asked of and this answer's first, then ``earlier`` ones ("who
        is Silva?", "and Laurent?", "their first names?"); and the people of the last
        answer naming several, this one's or ``listed`` ("… the last one?", "and the first
        one?")."""
        candidates = next((r.candidates for _, r in found if r.candidates), ())
        substantive = [a for a in asks if a.kind in (AskKind.ANSWER, AskKind.NOT_SAID)]
        if not substantive:
            if len(asks) == 1 and asks[0].kind is AskKind.UNCLEAR:
                a = asks[0]
                return Answer(
                    Kind.CLARIFY,
                    lang,
                    a.text,
                    confidence=a.confidence,
                    suggestions=a.suggestions,
                    asks=tuple(asks),
                    candidates=candidates,
                )
            return self.decline(lang, candidates, tuple(asks))
        if len(asks) == 1:
            text, title = asks[0].text, asks[0].title
        else:
            text = "\n\n".join(f"**{a.title}**\n{a.text}" if a.title else a.text for a in asks)
            title = ""
        # Said before the answers by every front end, as a note.
        note = message("ask.too_many", lang, count=MAX_ASKS) if truncated else ""
        first = substantive[0]
        src = self.kb.facts.sources[lang]
        named = tuple(dict.fromkeys(p for _, r in found for p in self.people_of(r)))
        spoken_of = tuple(dict.fromkeys(p for sig, r in found for p in self.people_of(r, sig)))
        context = Context(
            asks=tuple((a.subject or "", a.aspect or "", a.cell or "") for a in substantive),
            people=tuple(dict.fromkeys((*spoken_of, *earlier)))[:MAX_PEOPLE],
            lang=lang,
            at=now,
            question=first.question,
            listed=named if len(named) > 1 else listed,
        )
        return Answer(
            Kind.ANSWER,
            lang,
            text,
            topic=first.cell or first.subject,
            title=title,
            confidence=first.confidence,
            suggestions=tuple(s for a in asks for s in a.suggestions),
            source=Source(src["title"], src["url"]),
            asks=tuple(asks),
            note=note,
            context=context,
            candidates=candidates,
        )

    def repeat(self, context: Context, lang: Lang, now: datetime, style: TimeStyle) -> Answer:
        """ "Same in French": the previous answer again, in the language asked for."""
        sig = Signals(context.question, lang, [], [], [], [])
        found = []
        for subject, aspect, cell in context.asks:
            known = self._subjects.get(subject)
            status = aspect == "status" and known is not None and bool(known.time)
            kind = AskKind.NOT_SAID if not cell or self._cells[cell].not_said else AskKind.ANSWER
            found.append((sig, Resolved(kind, subject, aspect or None, cell or None, status)))
        asks = [self.ask(sig, r, lang, now, style) for _, r in found]
        return self.reply(asks, found, lang, now)

    def cell(self, cell: Cell, lang: Lang, now: datetime, style: TimeStyle) -> Answer:
        """The reply for one known cell (slash commands, "did you mean" buttons)."""
        resolved = Resolved(
            AskKind.NOT_SAID if cell.not_said else AskKind.ANSWER,
            cell.subject,
            cell.serves[0] if cell.serves else None,
            cell.id,
            confidence=1.0,
        )
        sig = Signals(cell.label[lang], lang, [], [], [], [])
        ask = self.ask(sig, resolved, lang, now, style)
        return self.reply([ask], [(sig, resolved)], lang, now)

    def suggest(self, cell_id: str, lang: Lang) -> Suggestion:
        """A cell offered as a question to ask, by its label."""
        return Suggestion(cell_id, self._cells[cell_id].label[lang])

    def examples(self, lang: Lang) -> tuple[Suggestion, ...]:
        """A few questions that show what the bot can answer."""
        return self._examples[lang]

    def help_text(self, lang: Lang) -> str:
        """What the bot is for, with example questions."""
        examples = "\n".join(f"• {s.label}" for s in self.examples(lang))
        return self.kb.identity.help[lang].replace("{examples}", examples)

    def decline(
        self, lang: Lang, candidates: Sequence[Match], asks: tuple[AskAnswer, ...]
    ) -> Answer:
        """The polite refusal: what the bot can answer instead."""
        return Answer(
            Kind.DECLINE,
            lang,
            self._declined[lang],
            suggestions=self._examples[lang],
            asks=asks,
            candidates=tuple(candidates),
        )

    def _decline_text(self, lang: Lang) -> str:
        identity = self.kb.identity
        return message(
            "decline",
            lang,
            topic=identity.topic[lang],
            source=identity.source[lang],
            examples="\n".join(f"• {s.label}" for s in self._examples[lang]),
        )
