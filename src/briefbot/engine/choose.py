"""Choosing the cells that answer an aspect of the subjects a question is about.

:mod:`resolve` finds what a question is about (its subjects, with context) and
what it asks (its aspect); this module picks the answer: the subject's cell
serving the aspect; failing that, one reached through the facts (a person's
"when" is the time of the event they speak at, an event's "what was said" the
quotations said at it); failing that, "the announcement does not say", about
that subject. A person and an event named together, several subjects named,
and a question asking no aspect each have their rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefbot.engine.kb import Cell, KnowledgeBase, Subject
from briefbot.engine.matcher import Matcher
from briefbot.engine.normalize import fold
from briefbot.engine.reading import PERSON_ASPECTS, Reader, Signals
from briefbot.engine.types import AskKind, Match

# A named subject's cell other than its default is chosen, for a question
# asking no aspect, when it matches at least this well ("Moreau's speech").
CELL_OVER_DEFAULT = 0.5
DEFAULT_MARGIN = 0.1
# A cell explaining less than this share of the question's information (names and
# cues included) does not answer it: what was said about a theme is a quotation
# explaining more; in :mod:`resolve`, a cell explaining less gives way to one that
# explains it better.
EXPLAINED_AT_LEAST = 0.45
# Cue concepts asking who takes part: the parts of an event (its opening) are where
# people speak, not who attends, so such a question stays with the whole event; and a
# theme "at" an event is then a guest, not something spoken of.
ATTENDING = frozenset({"attend"})
# The concept of speaking ("spoke", "speakers", « intervenants »).
SPOKE = "#spoke"
# "Which" in the languages read: which ones of a group take part, never named.
_WHICH = frozenset(
    "which quel quels quelle quelles welche welcher welke quali cuales quais".split()
)
# Aspects a person has through the events they speak at ("when does Silva speak?").
_EVENT_ASPECTS = ("when", "clock", "where", "watch", "status", "duration")


@dataclass(slots=True, init=False, unsafe_hash=True)
class Resolved:
    """One question understood: what it asks and which cell (if any) answers it.

    Not frozen, with its own ``__init__``: made for every answer (see ``types``).
    """

    kind: AskKind
    subject: str | None
    aspect: str | None
    cell: str | None
    status: bool  # answered from the clock (the subject's event status)
    confidence: float
    evidence: tuple[str, ...]
    candidates: tuple[Match, ...]
    misquoted: bool  # words put in the speaker's mouth that the announcement does not quote

    def __init__(  # noqa: PLR0917 (positional as the fields, like a dataclass's)
        self,
        kind: AskKind,
        subject: str | None = None,
        aspect: str | None = None,
        cell: str | None = None,
        status: bool = False,
        confidence: float = 0.0,
        evidence: tuple[str, ...] = (),
        candidates: tuple[Match, ...] = (),
        *,
        misquoted: bool = False,
    ) -> None:
        self.kind = kind
        self.subject = subject
        self.aspect = aspect
        self.cell = cell
        self.status = status
        self.confidence = confidence
        self.evidence = evidence
        self.candidates = candidates
        self.misquoted = misquoted


class Chooser:
    """Picks cells of one knowledge base for subjects and an aspect."""

    def __init__(self, kb: KnowledgeBase, matcher: Matcher, reader: Reader) -> None:
        self.subjects = {s.id: s for s in kb.subjects}
        self.cells: dict[str, Cell] = {c.id: c for c in kb.cells}
        # The cells quoting someone, in knowledge-base order.
        self.quotations = tuple(c.id for c in kb.cells if "said" in c.serves and not c.not_said)
        self._matcher = matcher
        self._ancestors = reader.ancestors
        self._vague = {a.id for a in kb.aspects if a.vague}
        # The concepts only one subject's cells use: "published" is the text's
        self.owners = matcher.owners({c.id: c.subject for c in kb.cells})
        # The texts answers are read in: their own answer is where to read them (a link)
        self._texts = frozenset(
            s.id
            for s in kb.subjects
            if reader.is_text(s.id) and "link" in self.cells[s.default].serves
        )

    def is_event(self, sid: str) -> bool:
        """Whether a subject happens (has a time or speakers): not a person, not a theme."""
        s = self.subjects[sid]
        return not s.person and bool(s.time or s.people)

    def can(self, subject: str, aspect: str) -> bool:
        """Whether a subject answers an aspect: a cell, its clock, the facts, or vaguely."""
        s = self.subjects[subject]
        return bool(
            s.serving(aspect)
            or (aspect == "status" and s.time)
            or self._through_facts(s, aspect)
            or aspect in self._vague
        )

    def _through_facts(self, s: Subject, aspect: str) -> list[Cell]:
        """Cells reached through the facts: a person's events, an event's quotations."""
        if s.person and aspect in _EVENT_ASPECTS:
            return [
                c
                for e in self.subjects.values()
                if s.person in e.people and (c := e.serving(aspect)) is not None
            ]
        if aspect == "said" and not s.person:
            return [
                c
                for part in self.subjects.values()
                if part.part_of == s.id and (c := part.serving("said")) and not c.not_said
            ]
        return []

    def choose(self, sig: Signals, subjects: list[str], aspect: str | None) -> list[Resolved]:
        """The cells for the question's subjects and aspect."""
        persons = [s for s in subjects if self.subjects[s].person]
        events = [s for s in subjects if self.is_event(s)]
        themes = [s for s in subjects if s not in persons and s not in events]
        if sig.pointer == "they" and len(persons) > 1 and aspect in PERSON_ASPECTS:
            events = themes = []  # "their first names?": the people of the last answer's
            subjects = persons
        # "how many admirals are named?": each of them, by role
        aspect = "role" if aspect == "count" and len(persons) == len(subjects) > 1 else aspect
        if persons and events:
            # "who spoke at the opening? what did they say?": each of them there, once
            asked = persons if sig.pointer == "they" and aspect == "said" else persons[:1]
            found = list(dict.fromkeys(self._person_at_event(p, events[0], aspect) for p in asked))
            if sig.yes_no and SPOKE in sig.features and aspect in (None, "who"):
                # "did Keller speak at the opening?": yes, who did, and what he said there
                found += [r for p in asked if (r := self._said_there(p, events[0]))]
            return [r for r in found if r.kind is AskKind.ANSWER] or found[:1]
        told = (events and aspect == "who") or (themes and not events and aspect == "said")
        if told and not persons and sig.strangers:
            # "Did China attend?", "what did the G7 say about X?": someone the announcement
            # never names, so never says took part or spoke
            return [Resolved(AskKind.NOT_SAID, (events or themes)[0], aspect)]
        if events and themes and aspect == "who":
            spoken_of = any(self.subjects[t].serving("said") for t in themes)
            if ATTENDING & sig.cued_by or not spoken_of:
                # "Was Canada at the meeting?": whether someone not named as taking part
                # did; "do the partners take part?" is answered where they are named
                return [self._taking_part(sig, self.subjects[events[0]], themes)]
            subjects = events  # "who spoke of tariffs at the opening?": a theme spoken of
        if persons and aspect in ("said", "about"):
            subjects = persons
        elif themes and not persons and aspect == "said":
            said = self._said_about(sig, themes)
            if said is not None:  # "who said spending has to go up?"
                return [said]
        # "the agenda items, as the notice gives them": the agenda, read in the notice;
        # not "when was the notice on the meeting published?", words only the notice has
        read_in = [s for s in subjects if s in self._texts]
        others = [s for s in subjects if s not in self._texts]
        if (
            read_in
            and others
            and not any(self.owners.get(f) in read_in for f in sig.features)
            and any(aspect is None or self.can(s, aspect) for s in others)
        ):
            subjects = others
        able = [s for s in subjects if aspect is None or self.can(s, aspect)] or subjects[:1]
        # "Isn't Keller the harbour master?", "their roles?": several people, each answered
        people = set(able) <= set(persons) and (sig.pointer == "they" or len(sig.mentions) > 1)
        if len(able) > 1 and not people:
            able = [self._best_subject(sig, able, aspect)]
        if aspect is None:
            return [self._no_aspect(sig, self.subjects[s]) for s in able]
        return [r for s in able for r in self.cell_for(self.subjects[s], aspect)]

    def _said_about(self, sig: Signals, themes: list[str]) -> Resolved | None:
        """What was said about a theme: the quotation, among everyone's, that the words fit
        best, if it explains them."""
        ranked = self._matcher.score(sig.features, among=self.quotations, lang=sig.lang)
        if not ranked:
            return None
        cell = self.cells[ranked[0].topic]
        if self._matcher.coverage(sig.features, cell.id, lang=sig.lang) < EXPLAINED_AT_LEAST:
            return None
        return self.found(self.subjects[cell.subject], "said", cell)

    def _best_subject(self, sig: Signals, subjects: list[str], aspect: str | None) -> str:
        """Among several named subjects, the one whose cells match the words best."""
        cells = [
            c.id
            for s in subjects
            for c in self.subjects[s].cells
            if aspect is None or aspect in c.serves
        ]
        ranked = self._matcher.score(sig.features, among=cells, lang=sig.lang) if cells else ()
        return self.cells[ranked[0].topic].subject if ranked else subjects[0]

    def _no_aspect(self, sig: Signals, subject: Subject) -> Resolved:
        """A question naming a subject but no aspect: its best-matching cell, else its default."""
        default = self.cells[subject.default]
        ranked = self._matcher.score(
            sig.features, among=[c.id for c in subject.cells], lang=sig.lang
        )
        scores = {m.topic: m.score for m in ranked}
        cell = default
        best = ranked[0] if ranked else None
        if (
            best
            and best.topic != default.id
            and best.score >= CELL_OVER_DEFAULT
            and best.score - scores.get(default.id, 0.0) >= DEFAULT_MARGIN
        ):
            cell = self.cells[best.topic]
        return self.found(subject, None, cell)

    def cell_for(self, subject: Subject, aspect: str) -> list[Resolved]:
        """The cells answering one aspect of one subject ("does not say" if none)."""
        if aspect == "status" and subject.time:
            return [Resolved(AskKind.ANSWER, subject.id, aspect, subject.default, status=True)]
        cell = subject.serving(aspect)
        if cell is None and aspect == "status" and not subject.person:
            cell = subject.serving("when")  # "is the text out yet?": when, having no clock
        if cell is not None:
            return [self.found(subject, aspect, cell)]
        reached = self._through_facts(subject, aspect)
        if reached and aspect == "status":
            event = self.subjects[reached[0].subject]
            return [Resolved(AskKind.ANSWER, event.id, aspect, event.default, status=True)]
        if reached:
            return [self.found(self.subjects[c.subject], aspect, c) for c in reached]
        if aspect in self._vague:
            return [self.found(subject, aspect, self.cells[subject.default])]
        return [Resolved(AskKind.NOT_SAID, subject.id, aspect)]

    def _taking_part(self, sig: Signals, event: Subject, themes: list[str]) -> Resolved:
        """Whether those a question names take part in an event: its "who" cell if that
        cell's words name them all, else the announcement's silence; never which of them
        (« welche Partnerländer ? »), which it does not say."""
        cell = event.serving("who")
        named = (
            cell is not None
            and _WHICH.isdisjoint(fold(sig.text).split())
            and all(
                any(self._matcher.uses(cell.id, f"#{c}") for c in self.subjects[t].concepts)
                for t in themes
            )
        )
        if cell is not None and named:
            return self.found(event, "who", cell)
        return Resolved(AskKind.NOT_SAID, event.id, "who")

    def _said_there(self, person: str, event: str) -> Resolved | None:
        """What a person said at an event or a part of it where he speaks, if quoted."""
        p = self.subjects[person]
        said = p.serving("said")
        if said is None or said.not_said or said.at is None:
            return None
        at = said.at
        if (at == event or event in self._ancestors(at)) and p.person in self.subjects[at].people:
            return self.found(p, "said", said)
        return None

    def _person_at_event(self, person: str, event: str, aspect: str | None) -> Resolved:
        """A person and an event named together: what the person said there (or that the
        announcement does not say), the person's role, or the event's own answer."""
        p, e = self.subjects[person], self.subjects[event]
        if aspect in ("said", "about"):  # « X a parlé de quoi à l'ouverture ? »: what X said
            said = p.serving("said")
            # said there, at a whole it is part of, or at one of its parts (the meeting's opening)
            around = (event, *self._ancestors(event))
            within = said is not None and said.at is not None and event in self._ancestors(said.at)
            if said is not None and (said.not_said or said.at in around or within):
                return self.found(p, aspect, said)
            said = e.serving("said")
            if said is not None:
                return self.found(e, aspect, said)
            return Resolved(AskKind.NOT_SAID, e.id, aspect)
        if aspect in PERSON_ASPECTS:
            own = p.serving(aspect)
            return self.found(p, aspect, own) if own else Resolved(AskKind.NOT_SAID, p.id, aspect)
        if aspect in (None, "who"):
            # "Is Moreau at the meeting?": the part of it where he speaks, if any
            where = next((s for s in self.subjects.values() if p.person in s.people and
                          (s.id == e.id or e.id in self._ancestors(s.id))), e)  # fmt: skip
            return self.found(where, "who", where.serving("who") or self.cells[where.default])
        return self.cell_for(e, aspect)[0]

    def found(self, subject: Subject, aspect: str | None, cell: Cell) -> Resolved:
        """A cell chosen: an answer, or the announcement's silence if the cell says so."""
        kind = AskKind.NOT_SAID if cell.not_said else AskKind.ANSWER
        return Resolved(kind, subject.id, aspect, cell.id)
