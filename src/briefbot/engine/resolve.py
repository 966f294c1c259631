"""Understanding one question: its subject and aspect, and the cell that answers it.

A question names its subject ("the press conference", "SACEUR") and asks an
aspect of it ("when", "who", "what did … say"); both come from the concepts it
holds (subjects' ``concepts``, aspects' ``cues``). Where it names no subject, a
pronoun or a bare follow-up ("and when?") takes the subject of the asker's
previous question, and otherwise its words are matched against every cell's
paraphrases. The answer is the subject's cell serving the aspect; failing
that, one reached through the facts (a person's "when" is the time of the
event they speak at, an event's "what was said" the quotations said at it);
failing that, "the announcement does not say", about that subject. Words the
chosen answer does not explain ("what is Rutte's favourite *food*") also make
it "does not say": never another subject's facts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from briefbot.engine.kb import Cell, KnowledgeBase, Subject
from briefbot.engine.matcher import Matcher
from briefbot.engine.normalize import fold
from briefbot.engine.reading import Reader, Signals
from briefbot.engine.types import AskKind, Lang, Match

# Below this score, a question naming no subject matches no cell: off-topic.
DECLINE_BELOW = 0.45
# Between two subjects' cells closer than this, ask "did you mean" instead.
MIN_MARGIN = 0.03
SUGGEST_BAND = 0.12
MAX_SUGGESTIONS = 3
# A cell explaining less than this share of the question's information (names
# and cues included) gives way to a cell of the same aspect explaining it better
# by BETTER_BY ("Rutte said 'not charity'?" is answered with Bauer's words).
EXPLAINED_AT_LEAST = 0.45
BETTER_BY = 0.15
# When less than this share of a question's information is words the knowledge
# base knows at all, it asks what the announcement does not say ("what is Rutte's
# favourite food").
KNOWN_AT_LEAST = 0.4
# A cell of a part of the named subject ("who spoke at the meeting": the
# opening) replaces the subject's own cell when it matches this much better.
PART_LEAD = 0.15
# A named subject's cell other than its default is chosen, for a question
# asking no aspect, when it matches at least this well ("Rutte's speech").
CELL_OVER_DEFAULT = 0.5
DEFAULT_MARGIN = 0.1
# A quotation cited in quotation marks is found in an answer matching it this well (0-100),
# typos and a changed word allowed (unrelated quotations score about 60).
QUOTE_MATCH = 80
# Aspects a question citing a quotation may ask: who said it, what was said, about what.
_QUOTE_ASPECTS = frozenset({"said", "who", "about"})
_PERSON_ASPECTS = frozenset({"role", "name", "bio", "lead", "meaning"})
# Aspects that, asked of nothing named, mean the announcement's main event ("is it over?").
_MAIN_ASPECTS = frozenset({"status", "outcome", "duration"})


@dataclass(frozen=True, slots=True)
class Resolved:
    """One question understood: what it asks and which cell (if any) answers it."""

    kind: AskKind
    subject: str | None = None
    aspect: str | None = None
    cell: str | None = None
    status: bool = False  # answered from the clock (the subject's event status)
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()
    candidates: tuple[Match, ...] = ()


@dataclass(frozen=True, slots=True)
class Recent:
    """What the asker spoke of before this question (this message's preamble, their
    previous question): subjects latest first, the people of the last answer, its aspect."""

    subjects: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    aspect: str | None = None


class Resolver:
    """Maps the signals of a question to subjects, aspects and cells of one knowledge base."""

    def __init__(
        self,
        kb: KnowledgeBase,
        matcher: Matcher,
        reader: Reader,
        answers: Mapping[str, Mapping[Lang, Sequence[str]]],
    ) -> None:
        """``answers``: every cell's rendered answers, where cited quotations are looked up."""
        self.subjects = {s.id: s for s in kb.subjects}
        self.cells: dict[str, Cell] = {c.id: c for c in kb.cells}
        # The quotations, people's first: "who said '…'?" is answered with the speaker's.
        said = [c for c in kb.cells if "said" in c.serves and not c.not_said]
        said.sort(key=lambda c: not self.subjects[c.subject].person)
        self._quotations = {
            c.id: [fold(t) for texts in answers.get(c.id, {}).values() for t in texts] for c in said
        }
        self._matcher = matcher
        self._ancestors = reader.ancestors
        self._cue_features = reader.cue_features
        self._vague = {a.id for a in kb.aspects if a.vague}
        self._items = {s.item: s.id for s in kb.subjects if s.item}
        self._wholes = {s.part_of for s in kb.subjects if s.part_of}
        self._agenda = kb.facts.agenda
        # The announcement's main event: the first subject that happens and is part of none.
        self._root = next(
            (s.id for s in kb.subjects if not s.part_of and self.is_event(s.id)), None
        )
        self._main = {
            aspect: [s.id for s in kb.subjects if not s.part_of and self._can(s.id, aspect)]
            for aspect in _MAIN_ASPECTS
        }

    def is_event(self, sid: str) -> bool:
        """Whether a subject happens (has a time or speakers): not a person, not a theme."""
        s = self.subjects[sid]
        return not s.person and bool(s.time or s.people)

    # --- choosing the subject ---------------------------------------------------------

    def _ranked(self, sig: Signals) -> tuple[Match, ...]:
        """The best cells for the question's words, over the whole knowledge base (once)."""
        if sig.ranked is None:
            sig.ranked = self._matcher.score(sig.features, lang=sig.lang)
        return sig.ranked

    def resolve(
        self, sig: Signals, lang: Lang, recent: Recent, *, trust_names: bool = False
    ) -> list[Resolved]:
        """The cells answering one part, given what the asker spoke of before. With
        ``trust_names`` (a question in another language, whose other words are
        unknown), names and cues alone decide."""
        if sig.off_scope:
            return [Resolved(AskKind.OFF_TOPIC, evidence=("off-scope word",))]
        quoting = self._quoting(sig)
        if quoting is not None:
            return [quoting]
        subjects, via = self._subjects(sig, lang, recent)
        if not subjects:
            implicit = self._implicit(sig)
            if implicit is not None:
                return [implicit]
            best = self._ranked(sig)
            return [Resolved(AskKind.OFF_TOPIC, candidates=best, evidence=("no match",))]
        aspect = self._aspect(sig, subjects, via, recent.aspect)
        found = self._choose(sig, subjects, aspect)
        if via == "named" and len(found) == 1:
            found = [self._refine(sig, found[0])]
        evidence = (f"subject {via}: {', '.join(subjects)}", *sig.borrowed)
        if trust_names:
            return [replace(r, confidence=1.0, evidence=evidence) for r in found]
        return [self._check(sig, r, evidence) for r in found]

    def _quoting(self, sig: Signals) -> Resolved | None:
        """A question citing words in quotation marks, asking who said them or what was
        said: the quotation they come from, else what the speaker named did say."""
        if not sig.quoted or (sig.cues and sig.cues[0] not in _QUOTE_ASPECTS):
            return None
        cited = self._cited(sig)
        if cited is None and sig.cues[:1] == ["said"]:  # words nobody is quoted saying
            return self._misquoted(sig)
        return cited

    def _cited(self, sig: Signals) -> Resolved | None:
        """The answer quoting what the question cites in quotation marks: the speaker's
        words, whoever the question puts them in the mouth of ("did Bauer say '…'?")."""
        hits = [
            cid
            for cid, texts in self._quotations.items()
            if any(fuzz.partial_ratio(q, t) >= QUOTE_MATCH for q in sig.quoted for t in texts)
        ]
        if not hits:
            return None
        named = [c for c in hits if self.cells[c].subject in sig.mentions]
        cell = self.cells[(named or hits)[0]]
        return Resolved(
            AskKind.ANSWER,
            cell.subject,
            "said",
            cell.id,
            confidence=1.0,
            evidence=(f"quotation found in {cell.id}",),
        )

    def _misquoted(self, sig: Signals) -> Resolved:
        """ "Did Rutte say '…'?" of words the announcement does not quote: what he did say,
        if it quotes him; else "the announcement does not say"."""
        speaker = next((self.subjects[s] for s in sig.mentions if self.subjects[s].person), None)
        said = speaker.serving("said") if speaker else None
        evidence = ("quotation not found",)
        if speaker and said and not said.not_said:
            return Resolved(AskKind.ANSWER, speaker.id, "said", said.id, confidence=1.0,
                            evidence=evidence)  # fmt: skip
        about = speaker.id if speaker else self._root
        return Resolved(AskKind.NOT_SAID, about, "said", None, confidence=1.0, evidence=evidence)

    def _subjects(self, sig: Signals, lang: Lang, recent: Recent) -> tuple[list[str], str]:
        """The subjects a question is about, and how they were found: the first of these
        readings that finds any."""
        readings: tuple[tuple[str, Callable[[], list[str]]], ...] = (
            ("ordinal", lambda: self._ordinal_item(sig, lang, recent)),
            ("named", lambda: self._named_subjects(sig, recent)),
            ("pronoun", lambda: self._pointed(sig, recent)),
            ("previous question", lambda: [] if sig.topical else list(recent.subjects[:1])),
            ("main subject", lambda: self._main_subject(sig)),
            ("previous question", lambda: self._follow_up(sig, recent)),
        )
        for how, read in readings:
            found = read()
            if found:
                return found, how
        return [], ""

    def _named_subjects(self, sig: Signals, recent: Recent) -> list[str]:
        """The subjects named, with the person a pronoun points to when only things are
        named ("what did he say about Ukraine?")."""
        persons = [p for p in self._pointed(sig, recent) if self.subjects[p].person]
        if sig.mentions and persons and not any(self.subjects[s].person for s in sig.mentions):
            return [persons[0], *(s for s in sig.mentions if s != persons[0])]
        return list(sig.mentions)

    def _follow_up(self, sig: Signals, recent: Recent) -> list[str]:
        """A short question matching nothing on its own continues the previous one."""
        if recent.subjects and sig.follow_up and self._implicit(sig) is None:
            return [recent.subjects[0]]
        return []

    def _pointed(self, sig: Signals, recent: Recent) -> list[str]:
        """What a pronoun points back to: a person, the last answer's people, or its subject."""
        if sig.pointer == "he":
            person = next((s for s in recent.subjects if self.subjects[s].person), None)
            return [person] if person else list(recent.people[:1])
        if sig.pointer == "they" and recent.people:
            return list(dict.fromkeys((*recent.people[:3], *recent.subjects[:1])))
        person = next((s for s in recent.subjects if self.subjects[s].person), None)
        if sig.pointer == "it" and person and sig.cues and sig.cues[0] in _PERSON_ASPECTS:
            return [person]  # « son poste », « sa nationalité »: a person's
        if sig.pointer in ("it", "they") and recent.subjects:
            return [recent.subjects[0]]
        return []

    def _main_subject(self, sig: Signals) -> list[str]:
        """For a question asking an aspect of nothing named ("is it over?", "what did they
        decide?"), the one top-level subject answering that aspect."""
        fitting = self._main.get(sig.cues[0], []) if sig.cues else []
        return fitting if len(fitting) == 1 else []

    def _implicit(self, sig: Signals) -> Resolved | None:
        """A question naming no subject: the best cell by its words, or None when none fits."""
        matches = self._ranked(sig)
        if not matches or matches[0].score < DECLINE_BELOW:
            return None
        if self._matcher.known_share(sig.features, sig.lang) < KNOWN_AT_LEAST:
            return None  # mostly words the announcement never uses ("where is SHAPE?")
        best = matches[0]
        cell = self.cells[best.topic]
        for aspect in sig.cues:  # the subject's cell for the aspect asked, if it fits as well
            serving = self.subjects[cell.subject].serving(aspect)
            if serving is not None and serving is not cell:
                given = self._cue_features[aspect]
                if self._matcher.coverage(sig.features, serving.id, given=given, lang=sig.lang) >= (
                    self._matcher.coverage(sig.features, cell.id, lang=sig.lang)
                ):
                    cell = serving
                break
        rivals = [m for m in matches[1:] if self.cells[m.topic].subject != cell.subject]
        if rivals and best.score - rivals[0].score < MIN_MARGIN:
            close = [best, *(m for m in rivals if best.score - m.score <= SUGGEST_BAND)]
            return Resolved(
                AskKind.UNCLEAR,
                confidence=best.score,
                candidates=tuple(close[:MAX_SUGGESTIONS]),
                evidence=("close matches",),
            )
        return Resolved(
            AskKind.NOT_SAID if cell.not_said else AskKind.ANSWER,
            subject=cell.subject,
            aspect=cell.serves[0] if cell.serves else None,
            cell=cell.id,
            confidence=best.score,
            evidence=(f"matched paraphrases of {best.topic} ({best.score:.2f})",),
            candidates=matches,
        )

    def _ordinal_item(self, sig: Signals, lang: Lang, recent: Recent) -> list[str]:
        """ "The second item": the agenda item at that place in the asker's language."""
        if sig.ordinal is None:
            return []
        # The list named or asked about last, or an item of it asked about last ("and the last?")
        lists = [
            s
            for s in (*sig.mentions, *recent.subjects[:1])
            if self.subjects[s].items or (s in recent.subjects[:1] and self.subjects[s].item)
        ]
        items_asked = any(f.startswith(("item", "point", "number", "numero")) for f in sig.features)
        entries = self._agenda[lang]
        index = sig.ordinal - 1 if sig.ordinal > 0 else len(entries) + sig.ordinal
        if not (lists or items_asked) or not 0 <= index < len(entries):
            return []
        item = self._items.get(entries[index]["ids"][0])
        return [item] if item else []

    # --- choosing the aspect and the cell ------------------------------------------------

    def _can(self, subject: str, aspect: str) -> bool:
        s = self.subjects[subject]
        return bool(
            s.serving(aspect)
            or (aspect == "status" and s.time)
            or self._through_facts(s, aspect)
            or aspect in self._vague
        )

    def _aspect(
        self, sig: Signals, subjects: list[str], via: str, before: str | None
    ) -> str | None:
        """The aspect asked: the most specific cue (where "born" asks more precisely than
        "when", the announcement does not say); else one asked by another question of the
        sentence; for a bare follow-up ("and Cavoli?"), the previous question's aspect."""
        if sig.cues:
            return sig.cues[0]
        for cue in sig.soft_cues:
            if any(self._can(s, cue) for s in subjects):
                return cue
        bare = via != "named" or sig.bare
        if before and bare and any(self._can(s, before) for s in subjects):
            return before
        return None

    def _through_facts(self, s: Subject, aspect: str) -> list[Cell]:
        """Cells reached through the facts: a person's events, an event's quotations."""
        if s.person and aspect in ("when", "clock", "where", "watch", "status", "duration"):
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

    def _choose(self, sig: Signals, subjects: list[str], aspect: str | None) -> list[Resolved]:
        """The cells for the question's subjects and aspect."""
        persons = [s for s in subjects if self.subjects[s].person]
        events = [s for s in subjects if self.is_event(s)]
        themes = [s for s in subjects if s not in persons and s not in events]
        if sig.pointer == "they" and len(persons) > 1 and aspect in _PERSON_ASPECTS:
            events = themes = []  # "their first names?": the people of the last answer's
            subjects = persons
        if persons and events:
            return [self._person_at_event(persons[0], events[0], aspect)]
        if events and themes and aspect == "who":
            # "Was Ukraine at the meeting?": whether someone not named as taking part did
            return [Resolved(AskKind.NOT_SAID, events[0], aspect)]
        if persons and aspect in ("said", "about"):
            subjects = persons
        elif themes and not persons and aspect == "said":
            said = self._said_about(sig, themes)
            if said is not None:  # "who said spending has to go up?"
                return [said]
        able = [s for s in subjects if aspect is None or self._can(s, aspect)] or subjects[:1]
        if len(able) > 1 and not (sig.pointer == "they" and len(persons) == len(able)):
            able = [self._best_subject(sig, able, aspect)]
        if aspect is None:
            return [self._no_aspect(sig, self.subjects[s]) for s in able]
        return [r for s in able for r in self._cell_for(self.subjects[s], aspect)]

    def _said_about(self, sig: Signals, themes: list[str]) -> Resolved | None:
        """What was said about a theme: the quotation, among everyone's, that the words fit
        best, if it explains them."""
        quotes = [c.id for c in self.cells.values() if "said" in c.serves and not c.not_said]
        ranked = self._matcher.score(sig.features, among=quotes, lang=sig.lang)
        if not ranked:
            return None
        cell = self.cells[ranked[0].topic]
        if self._matcher.coverage(sig.features, cell.id, lang=sig.lang) < EXPLAINED_AT_LEAST:
            return None
        return self._found(self.subjects[cell.subject], "said", cell)

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
        return self._found(subject, None, cell)

    def _cell_for(self, subject: Subject, aspect: str) -> list[Resolved]:
        if aspect == "status" and subject.time:
            return [Resolved(AskKind.ANSWER, subject.id, aspect, subject.default, status=True)]
        cell = subject.serving(aspect)
        if cell is not None:
            return [self._found(subject, aspect, cell)]
        reached = self._through_facts(subject, aspect)
        if reached and aspect == "status":
            event = self.subjects[reached[0].subject]
            return [Resolved(AskKind.ANSWER, event.id, aspect, event.default, status=True)]
        if reached:
            return [self._found(self.subjects[c.subject], aspect, c) for c in reached]
        if aspect in self._vague:
            return [self._found(subject, aspect, self.cells[subject.default])]
        return [Resolved(AskKind.NOT_SAID, subject.id, aspect)]

    def _person_at_event(self, person: str, event: str, aspect: str | None) -> Resolved:
        """A person and an event named together: what the person said there (or that the
        announcement does not say), the person's role, or the event's own answer."""
        p, e = self.subjects[person], self.subjects[event]
        if aspect == "said":
            said = p.serving("said")
            if said is not None and (said.not_said or said.at in (event, *self._ancestors(event))):
                return self._found(p, aspect, said)
            said = e.serving("said")
            if said is not None:
                return self._found(e, aspect, said)
            return Resolved(AskKind.NOT_SAID, e.id, aspect)
        if aspect in _PERSON_ASPECTS:
            own = p.serving(aspect)
            return self._found(p, aspect, own) if own else Resolved(AskKind.NOT_SAID, p.id, aspect)
        if aspect in (None, "who"):
            # "Is Rutte at the meeting?": the part of it where he speaks, if any
            where = next((s for s in self.subjects.values() if p.person in s.people and
                          (s.id == e.id or e.id in self._ancestors(s.id))), e)  # fmt: skip
            return self._found(where, "who", where.serving("who") or self.cells[where.default])
        return self._cell_for(e, aspect)[0]

    def _found(self, subject: Subject, aspect: str | None, cell: Cell) -> Resolved:
        kind = AskKind.NOT_SAID if cell.not_said else AskKind.ANSWER
        return Resolved(kind, subject.id, aspect, cell.id)

    def _refine(self, sig: Signals, found: Resolved) -> Resolved:
        """A part of the named subject that the words fit much better ("who spoke at the
        meeting" is about its opening)."""
        if found.cell is None or found.subject is None or found.status:
            return found
        if found.subject not in self._wholes:
            return found  # nothing is part of it
        best = self._ranked(sig)
        if not best:
            return found
        top = self.cells[best[0].topic]
        if found.subject not in self._ancestors(top.subject):
            return found
        own = self._matcher.score(sig.features, among=[found.cell], lang=sig.lang)
        if best[0].score - (own[0].score if own else 0.0) < PART_LEAD:
            return found
        return self._found(self.subjects[top.subject], found.aspect, top)

    def _check(self, sig: Signals, found: Resolved, evidence: tuple[str, ...]) -> Resolved:
        """Confidence from how much of the question the cell explains. A question whose
        words the cell explains poorly gets another cell for the same aspect that explains
        them well ("Rutte said 'not charity'?": Bauer did); one whose words the knowledge
        base does not know at all is about something the announcement does not say."""
        if found.subject is None:
            return found
        cell = found.cell or self.subjects[found.subject].default
        given = self._cue_features.get(found.aspect or "", set()) | sig.names
        if found.aspect == "where":
            given |= set(sig.places)  # "is it in Mons?": the answer says where it is
        explained = self._matcher.coverage(sig.features, cell, given=given, lang=sig.lang)
        known = self._matcher.known_share(sig.features, sig.lang, given)
        evidence = (
            *evidence,
            f"aspect: {found.aspect or 'none asked'}",
            f"explained: {explained:.2f}, known: {known:.2f}",
        )
        quoting = found.aspect in (None, "said", "about")
        if found.kind is AskKind.ANSWER and explained < EXPLAINED_AT_LEAST and quoting:
            better = self._better_cell(sig, found.aspect, explained)
            if better is not None:
                return replace(better, evidence=(*evidence, f"words fit {better.cell}"))
        if found.kind is AskKind.ANSWER and known < KNOWN_AT_LEAST:
            return Resolved(
                AskKind.NOT_SAID,
                found.subject,
                found.aspect,
                None,
                confidence=1.0 - known,
                evidence=(*evidence, "words unknown"),
            )
        return Resolved(
            found.kind,
            found.subject,
            found.aspect,
            found.cell,
            found.status,
            explained,
            evidence,
            found.candidates,
        )

    def _better_cell(self, sig: Signals, aspect: str | None, explained: float) -> Resolved | None:
        """The best-matching cell over the whole knowledge base, if it answers the same
        aspect and explains the question clearly better: a quotation put in the wrong
        mouth gets the right one."""
        ranked = self._ranked(sig)
        if not ranked:
            return None
        top = self.cells[ranked[0].topic]
        given = self._cue_features.get(aspect or "", set())
        coverage = self._matcher.coverage(sig.features, top.id, given=given, lang=sig.lang)
        if (aspect is None or aspect in top.serves) and coverage >= max(
            EXPLAINED_AT_LEAST, explained + BETTER_BY
        ):
            return replace(
                self._found(self.subjects[top.subject], aspect, top), confidence=coverage
            )
        return None
