"""Understanding one question: its subject and aspect, and the cell that answers it.

A question names its subject ("the press conference", "CFO") and asks an
aspect of it ("when", "who", "what did … say"); both come from the concepts it
holds (subjects' ``concepts``, aspects' ``cues``). Where it names no subject, a
pronoun or a bare follow-up ("and when?") takes the subject of the asker's
previous question, and otherwise its words are matched against every cell's
paraphrases. Words cited in quotation marks are looked up among the
quotations. :mod:`choose` then picks the cell answering the aspect of the
subject; this module checks it: words the chosen answer does not explain
("what is Moreau's favourite *food*") make it "does not say", never another
subject's facts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from briefbot.engine.choose import (
    ATTENDING,
    EXPLAINED_AT_LEAST,
    SPOKE,
    Chooser,
    Resolved,
)
from briefbot.engine.kb import Cell, KnowledgeBase, Subject
from briefbot.engine.lexer import stem
from briefbot.engine.matcher import Matcher
from briefbot.engine.normalize import fold
from briefbot.engine.reading import ORIGIN, PERSON_ASPECTS, Reader, Signals, quoted_spans
from briefbot.engine.stopwords import STOPWORDS
from briefbot.engine.types import AskKind, Lang, Match

# Below this score, a question naming no subject matches no cell: off-topic.
DECLINE_BELOW = 0.45
# Between two subjects' cells closer than this, ask "did you mean" instead.
MIN_MARGIN = 0.03
SUGGEST_BAND = 0.12
MAX_SUGGESTIONS = 3
# A cell explaining less than EXPLAINED_AT_LEAST (choose.py) of the question gives way to
# a cell of the same aspect explaining it better by this much ("Moreau said 'not
# charity'?" is answered with Keller's words).
BETTER_BY = 0.15
# When less than this share of a question's information is words the knowledge
# base knows at all, it asks what the announcement does not say ("what is Moreau's
# favourite food").
KNOWN_AT_LEAST = 0.4
# A follow-up ("and his wife?") may bring one word of its own the announcement never
# uses; two ("who wins the super bowl?") make it a new question.
FOLLOW_UP_UNKNOWN = 1
# A cell of a part of the named subject ("who spoke at the meeting": the
# opening) replaces the subject's own cell when it matches this much better.
PART_LEAD = 0.15
# A quotation cited in quotation marks is found in an answer matching it this well (0-100),
# typos and a changed word allowed (unrelated quotations score about 60).
QUOTE_MATCH = 80
# Words reported without quotation marks ("Moreau said that support is not charity")
# are a paraphrase: they come from the quotation holding at least this share of their
# words (by their first letters, REPORTED_STEM), and more of them than any other does.
REPORTED_MATCH = 0.6
REPORTED_STEM = 5
# Words of those who speak at an event or hold it ("speakers", « tenir »): "how many" of
# them counts its people.
_SPEAKING = frozenset((SPOKE, "#holds"))
# Asked which of several speakers said something, the one whose words fit it by at least
# this much more than each other's is the answer, alone.
CHOICE_LEAD = 0.2
# A weekday named ("Thursday"), and the days a month has, for « il fait quoi le 16 ? »
_WEEKDAY = "#weekday"
MONTH_DAYS = 31
# Words standing for a person described after them: « celui pour l'Europe », "the one for …"
_ONE = frozenset("one celui celle".split())
# What "it", said first, asks of the meeting ("where is it held?"); not "who said it …"
_EVENT_ASKS = (["where"], ["when"], ["status"])
# Words pointing to a place: with a person named, the event spoken of last.
_THERE = frozenset("there y".split())
# "What" words: with a person and his speaking ("what were Keller's remarks?"), what he said.
_WHAT = frozenset("what whats quoi".split())
_FIGURE = "#figure"  # money, percentages (concepts.yaml)
_HOW_MANY = frozenset("many combien number nombre".split())
_ANYTHING = frozenset("anything something quelque".split())
_SAID_OR_ABOUT = frozenset({"said", "about"})
# "The second one?" counts the speakers of an event among the last few subjects spoken
# of; "it" points to the latest of them that answers what is asked.
ORDINAL_REACH = 3
# Aspects a question citing a quotation may ask: who said it, what was said, about what,
# what it means ("what did Keller mean by 'X'?": the words he said).
_QUOTE_ASPECTS = frozenset({"said", "who", "about", "meaning"})
# Aspects a question about a person may ask with words of a quotation: none, said, about.
_TOPIC_ASPECTS = frozenset({None, "said", "about"})
# Aspects that, asked of nothing named, mean the announcement's main event ("is it over?", "who
# chairs?").
_MAIN_ASPECTS = frozenset({"status", "outcome", "duration", "schedule", "lead"})


@dataclass(slots=True, init=False, unsafe_hash=True)
class Recent:
    """What the asker spoke of before this question (this message's preamble, their
    previous question): subjects latest first, the people of the last answer, its aspect.

    Not frozen, with its own ``__init__``: made for every answer (see ``types``).
    """

    subjects: tuple[str, ...]
    people: tuple[str, ...]
    aspect: str | None
    listed: tuple[str, ...]  # the last answer naming several people: its people

    def __init__(
        self,
        subjects: tuple[str, ...] = (),
        people: tuple[str, ...] = (),
        aspect: str | None = None,
        listed: tuple[str, ...] = (),
    ) -> None:
        self.subjects = subjects
        self.people = people
        self.aspect = aspect
        self.listed = listed


class Resolver:
    """Maps the signals of a question to subjects, aspects and cells of one knowledge base."""

    def __init__(
        self,
        kb: KnowledgeBase,
        matcher: Matcher,
        reader: Reader,
        answers: Mapping[str, Mapping[Lang, Sequence[str]]],
        people_named: Mapping[str, Sequence[str]],
    ) -> None:
        """``answers``: every cell's rendered answers, where cited quotations are looked up;
        ``people_named``: the people each cell's answer names (KnowledgeBase.people_named)."""
        self._chooser = Chooser(kb, matcher, reader)
        self.subjects = self._chooser.subjects
        self.cells: dict[str, Cell] = self._chooser.cells
        self.is_event = self._chooser.is_event
        # The quotations, people's first: "who said '…'?" is answered with the speaker's.
        said = sorted(
            self._chooser.quotations, key=lambda c: not self.subjects[self.cells[c].subject].person
        )
        self._quotations = {
            c: [fold(t) for texts in answers.get(c, {}).values() for t in texts] for c in said
        }
        self._people_named = people_named
        # The people the announcement quotes, in the order of their quotations.
        self._quoted_people = [
            s for c in said if (s := self.cells[c].subject) and self.subjects[s].person
        ]
        # The words of each person's role, in both languages, by stem: "the Europe one"
        self._roles = {
            s.id: _stems(fold(" ".join(kb.facts.people[s.person].role.values())))
            for s in kb.subjects
            if s.person and s.person in kb.facts.people
        }
        # The words of each quotation proper (in quotation marks in its answers).
        self._quoted_stems = {
            c: _stems(
                " ".join(
                    fold(t[start + 1 : end - 1])
                    for texts in answers.get(c, {}).values()
                    for t in texts
                    for start, end in quoted_spans(t)
                )
            )
            for c in said
        }
        self._matcher = matcher
        self._owners = self._chooser.owners
        self._ancestors = reader.ancestors
        self._is_text = reader.is_text
        self._cue_features = reader.cue_features
        self._items = {s.item: s.id for s in kb.subjects if s.item}
        self._wholes = reader.wholes
        self._lists = kb.facts.lists
        self._list_of = {
            i: lst.id for lst in self._lists.values() for it in lst.items["fr"] for i in it["ids"]
        }
        # The announcement's main event: the first subject that happens and is part of none.
        self.root = next(
            (s.id for s in kb.subjects if not s.part_of and self._chooser.is_event(s.id)), None
        )
        self._main = {
            aspect: [s.id for s in kb.subjects if not s.part_of and self._chooser.can(s.id, aspect)]
            for aspect in _MAIN_ASPECTS
        }
        # An aspect only one thing answers, and no person by a cell of his own (people have
        # times and streams through their events): "is this the official stream?" asks of
        # the one event broadcast; "their job titles?" is no question of a body's role.
        things = [s for s in kb.subjects if not s.person]
        people = [s for s in kb.subjects if s.person]
        for aspect in (a.id for a in kb.aspects if not a.vague and a.id not in self._main):
            able = [s.id for s in things if self._chooser.can(s.id, aspect)]
            personal = any(p.serving(aspect) for p in people)
            self._main[aspect] = able if len(able) == 1 and not personal else []

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
        quoting = self._quoting(sig, recent)
        if quoting:
            return quoting
        subjects, via = self._subjects(sig, lang, recent)
        if not subjects:
            return [self._unnamed(sig)]
        aspect = self._aspect(sig, subjects, via, recent.aspect)
        subjects, aspect = self._refocus(sig, subjects, aspect, recent)
        # "what did he say about charity?": a person's words, even when "he" found none
        personal = self.subjects[subjects[0]].person or sig.pointer == "he"
        if aspect in _TOPIC_ASPECTS and len(subjects) == 1 and personal:
            heard = self._heard(sig)
            if heard is not None:
                return [heard]
        found = self._chooser.choose(sig, subjects, aspect)
        if via == "named" and len(found) == 1:
            found = [self._refine(sig, found[0])]
        evidence = (f"subject {via}: {', '.join(subjects)}", *sig.borrowed)
        if trust_names:
            return [replace(r, confidence=1.0, evidence=evidence) for r in found]
        # "… what did he say?", and nothing more: he, whatever else the words might fit
        pointed = via == "pronoun" and not sig.topical
        return self._chosen(sig, [self._check(sig, r, evidence, pointed) for r in found])

    def _chosen(self, sig: Signals, found: list[Resolved]) -> list[Resolved]:
        """ "Keller or Moreau, who talked of charity?": of several speakers, asked which of
        them said something, the one whose words fit it clearly best, if one does."""
        if "who" not in sig.cues or len(found) < 2 or any(r.aspect != "said" for r in found):
            return found
        best = max(found, key=lambda r: r.confidence)
        if all(best.confidence - r.confidence >= CHOICE_LEAD for r in found if r is not best):
            return [best]
        return found

    def _speaking(self, subjects: list[str]) -> bool:
        """Whether the subjects are events where named people speak."""
        return all(self.subjects[s].people for s in subjects)

    def _leaders(self, subjects: list[str]) -> list[str]:
        """The one person who leads each subject, as its "lead" answer names him."""
        out: list[str] = []
        for sid in subjects:
            cell = self.subjects[sid].serving("lead")
            people = self._people_named.get(cell.id, ()) if cell else ()
            if len(people) != 1:
                return []
            out.extend(s for s, subject in self.subjects.items() if subject.person == people[0])
        return out

    def _speaking_at(self, person: str) -> list[str]:
        """ "Has Keller spoken yet?": the one event he speaks at, when it has its own time
        to tell the status by. Someone speaking at two events, or at one timed only by
        the whole it is part of, gets no status: "not yet" would be half true."""
        events = [e for e in self.subjects.values() if person in e.people]
        if len(events) != 1 or not (event := events[0]).time:
            return []
        whole = self.subjects.get(event.part_of or "")
        return [] if whole and whole.time == event.time else [event.id]

    def _quoting(self, sig: Signals, recent: Recent) -> list[Resolved]:
        """A question citing words in quotation marks, asking who said them or what was
        said: the quotations they come from, else what the speaker named (or pointed to:
        "… Keller said it himself'. Did he really?") did say."""
        if sig.cues and sig.cues[0] not in _QUOTE_ASPECTS:
            return []
        if not sig.quoted:  # words reported unquoted count only when a quotation has them
            reported = self._reported(sig) if sig.reported else None
            return [reported] if reported else []
        # words cited loosely ("who said 'we must prepare for war'?") are a quotation's
        # when they are mostly its words
        speakers = (
            [s for s in sig.mentions if self.subjects[s].person]
            or [s for s in self._pointed(sig, recent) if self.subjects[s].person]
            or list(recent.people[:1] if sig.pointer else ())  # "… did he really say it?"
        )
        cited = self._cited(sig, speakers) or [r for q in sig.quoted if (r := self._holding(q))][:1]
        if not cited and (sig.cues[:1] == ["said"] or speakers):  # words nobody said
            return [self._misquoted(speakers[0] if speakers else None)]
        said = self.subjects[speakers[0]].serving("said") if speakers else None
        if (
            said
            and sig.cues[:1] == ["said"]
            and not any(r.subject and self.subjects[r.subject].person for r in cited)
        ):
            # "… a screenshot of Keller saying 'X' … what did he actually say?": his words,
            # though only a text about a theme holds 'X' as written
            evidence = (f"the words cited are not {speakers[0]}'s as written",)
            kind = AskKind.NOT_SAID if said.not_said else AskKind.ANSWER
            return [Resolved(kind, speakers[0], "said", said.id, confidence=1.0, evidence=evidence)]
        return cited

    def _cited(self, sig: Signals, speakers: Sequence[str]) -> list[Resolved]:
        """The answers quoting what the question cites in quotation marks: each citation's
        speaker, whoever the question puts the words in the mouth of ("did Keller say
        '…'?"), a speaker named or pointed to ("… 'X' … what did he say?") first."""
        found: list[str] = []
        owners = {*sig.mentions, *speakers}
        for quoted in sig.quoted:
            hits = [
                cid
                for cid, texts in self._quotations.items()
                if any(fuzz.partial_ratio(quoted, t) >= QUOTE_MATCH for t in texts)
            ]
            named = [c for c in hits if self.cells[c].subject in owners]
            if hits and (named or hits)[0] not in found:
                found.append((named or hits)[0])
        return [
            Resolved(
                AskKind.ANSWER,
                self.cells[cid].subject,
                "said",
                cid,
                confidence=1.0,
                evidence=(f"quotation found in {cid}",),
            )
            for cid in found
        ]

    def _reported(self, sig: Signals) -> Resolved | None:
        """The quotation whose words the question reports unquoted, if one clearly holds
        them ("did Keller say that support is not charity?")."""
        return self._holding(sig.reported)

    def _holding(self, text: str) -> Resolved | None:
        """The one quotation holding most of a text's words, at least REPORTED_MATCH of
        them and more than any other speaker's does."""
        words = _stems(text)
        if not words:
            return None
        shares = {cid: len(words & stems) / len(words) for cid, stems in self._quoted_stems.items()}
        best = max(shares.values())
        found = [c for c, share in shares.items() if share == best]
        people = [c for c in found if self.subjects[self.cells[c].subject].person]
        if best < REPORTED_MATCH or len(people) > 1:
            return None  # no quotation holds them, or two speakers' do alike
        cell = self.cells[(people or found)[0]]
        return Resolved(AskKind.ANSWER, cell.subject, "said", cell.id, confidence=1.0,
                        evidence=(f"words found in {cell.id}",))  # fmt: skip

    def _refocus(
        self, sig: Signals, subjects: list[str], aspect: str | None, recent: Recent
    ) -> tuple[list[str], str | None]:
        """The subjects and aspect asked, once read together: what a question word puts
        first, the item a list's place is asked of, the speakers counted, the chair of a
        body that spoke, the event a person's status is, what a text says."""
        head = sig.head
        if (
            len(subjects) > 1
            and head in subjects
            and (aspect is None or self._chooser.can(head, aspect))
        ):
            # « quel budget pour X ? » asks the budget, not X; "what percentage did Keller
            # say?" the percentage
            subjects = [head]
        if aspect == "position" and (part := self._part_spoken_of(subjects, recent)):
            subjects = [part]  # « … et c'est quel point de l'ordre du jour ? »
        if aspect == "count" and (whole := self._counted_whole(sig, subjects)):
            subjects = [whole]  # "… the second item? and how many in French?": the agenda's
        if aspect in _SAID_OR_ABOUT and (speaker := self._still_speaking(sig, subjects, recent)):
            subjects, aspect = [speaker], "said"  # « qu'a dit Keller sur X ? … et sur Y ? »
            sig.borrowed.append("still the previous question's speaker")
        if (
            aspect == "count"
            and not _SPEAKING.isdisjoint(sig.features)
            and self._speaking(subjects)
        ):
            aspect = "who"  # "how many people spoke at the opening?": its speakers, counted
        if aspect == "role" and len(subjects) == 1 and _names_a_day(sig.features):
            # « il fait quoi jeudi ? »: what he does that day, the event he speaks at
            event = self._speaking_at(subjects[0]) if self.subjects[subjects[0]].person else []
            subjects, aspect = (event, "when") if event else (subjects, aspect)
        if (
            SPOKE in sig.features
            and (aspect == "about" or (aspect is None and _WHAT & {*fold(sig.text).split()}))
            and subjects
            and all(self.subjects[s].person for s in subjects)
        ):
            aspect = "said"  # "what did Keller talk about?", "Keller's remarks?": his words
        if aspect == "said" and "lead" in sig.cues:
            # "what did the one who chairs the committee say?": its chair did
            subjects = self._leaders(subjects) or subjects
        if aspect == "status" and sig.places and "where" in sig.cues:
            aspect = "where"  # « la réunion a eu lieu à Paris ? »: the place guessed, checked
        if aspect == "status" and len(subjects) == 1 and self.subjects[subjects[0]].person:
            # "has Keller spoken yet?": the status of the event he speaks at, else who he is
            # and where he speaks; "how much longer is he in post?" is not said
            event = self._speaking_at(subjects[0])
            asked = "status" in sig.cued_by and SPOKE not in sig.features
            subjects, aspect = (event, aspect) if event else (subjects, aspect if asked else None)
        if aspect == "said" and all(map(self._is_text, subjects)):
            aspect = "about"  # "the third item, what does it say?": what the text says
        return subjects, aspect

    def _unnamed(self, sig: Signals) -> Resolved:
        """A question naming no subject, with none to take from context: the cell its words
        fit, else off topic."""
        implicit = self._implicit(sig)
        if implicit is not None:
            return implicit
        return Resolved(AskKind.OFF_TOPIC, candidates=self._ranked(sig), evidence=("no match",))

    def _heard(self, sig: Signals) -> Resolved | None:
        """The one speaker's quotation holding the topic words of a question about a person
        ("did Keller talk about charity?", "Keller wants to show the world what?"): his own,
        or the one who did say them when the asker mixed two speakers up."""
        words = {f[:REPORTED_STEM] for f in sig.topical if len(f) > 2}  # features are stems
        if not words:
            return None
        held = {
            c: len(words & stems)
            for c, stems in self._quoted_stems.items()
            if self.subjects[self.cells[c].subject].person
        }
        best = max(held.values(), default=0)
        found = [c for c, n in held.items() if n == best]
        if best / len(words) < REPORTED_MATCH or len(found) > 1:
            return None
        cell = self.cells[found[0]]
        return Resolved(AskKind.ANSWER, cell.subject, "said", cell.id, confidence=1.0,
                        evidence=(f"words of the question found in {cell.id}",))  # fmt: skip

    def _misquoted(self, person: str | None) -> Resolved:
        """ "Did Moreau say '…'?" of words the announcement does not quote: what he did say,
        if it quotes him; else "the announcement does not say"."""
        speaker = self.subjects[person] if person else None
        said = speaker.serving("said") if speaker else None
        evidence = ("quotation not found",)
        if speaker and said and not said.not_said:
            return Resolved(AskKind.ANSWER, speaker.id, "said", said.id, confidence=1.0,
                            evidence=evidence, misquoted=True)  # fmt: skip
        about = speaker.id if speaker else self.root
        if about is None:  # a knowledge base with no event to say it of
            return Resolved(AskKind.OFF_TOPIC, confidence=1.0, evidence=evidence)
        return Resolved(AskKind.NOT_SAID, about, "said", None, confidence=1.0, evidence=evidence)

    def _subjects(self, sig: Signals, lang: Lang, recent: Recent) -> tuple[list[str], str]:
        """The subjects a question is about, and how they were found: the first of these
        readings that finds any."""
        readings: tuple[tuple[str, Callable[[], list[str]]], ...] = (
            ("ordinal", lambda: self._ordinal_item(sig, sig.version or lang, recent)),
            ("ordinal", lambda: self._ordinal_person(sig, recent)),
            ("the other one", lambda: self._other_person(sig, recent)),
            ("the one speaking next", lambda: self._next_speaker(sig, recent)),
            ("the one described", lambda: self._described_person(sig, recent)),
            ("named", lambda: self._named_subjects(sig, recent)),
            ("pronoun", lambda: self._pointed(sig, recent)),
            ("previous answer's person", lambda: self._person_asked(sig, recent)),
            ("previous question", lambda: self._previous(sig, recent)),
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
        named ("what did he say about Canada?"), or only a rank or title several people
        hold ("is he an admiral?": he comes first, then those who are)."""
        persons = [p for p in self._pointed(sig, recent) if self.subjects[p].person]
        named = [s for s in sig.mentions if self.subjects[s].person]
        titled = len(named) > 1 and not (set(named) & sig.by_name)
        if sig.mentions and persons and persons[0] not in sig.mentions and (titled or not named):
            sig.referents = tuple(persons)  # "is he at the press conference?": he is asked of
            return [persons[0], *(s for s in sig.mentions if s != persons[0])]
        if named and named == sig.mentions and _THERE.intersection(fold(sig.text).split()):
            # "what did Keller say there?": at the event spoken of last
            near = recent.subjects[:ORDINAL_REACH]
            return [*sig.mentions, *[e for e in near if self._chooser.is_event(e)][:1]]
        last = recent.subjects[0] if recent.subjects else None
        if (
            named
            and named == sig.mentions
            and _among_speakers(sig)
            and last
            and self.is_event(last)
        ):
            # "when is the press conference? … is Keller one of the speakers?": of its speakers,
            # as if named (yes or no)
            sig.mentions = [*sig.mentions, last]
            return list(sig.mentions)
        return list(sig.mentions)

    def _previous(self, sig: Signals, recent: Recent) -> list[str]:
        """The previous question's subject, for a question naming none and no words of its
        own; not for an aspect of the whole event it cannot answer (« c'est quoi le Conseil ?
        … sur combien de jours ? » asks how long the meeting lasts)."""
        if sig.topical or not recent.subjects:
            return []
        cue = sig.cues[0] if sig.cues else None
        if cue in _MAIN_ASPECTS and not self._chooser.can(recent.subjects[0], cue):
            return []
        # « … l'annonce sur la réunion … le titre de la version anglaise ? »: a version is
        # of a text, the one spoken of that has what is asked
        near = recent.subjects[:ORDINAL_REACH] if sig.version and cue else []
        able = [s for s in near if self._chooser.can(s, cue or "")]
        return [(able or recent.subjects)[0]]

    def _follow_up(self, sig: Signals, recent: Recent) -> list[str]:
        """A short question matching nothing on its own continues the previous one, unless
        it speaks of things the announcement never names ("who wins the super bowl?")."""
        if sum(not self._matcher.known(f) for f in sig.topical) > FOLLOW_UP_UNKNOWN:
            return []
        if recent.subjects and sig.follow_up and self._implicit(sig) is None:
            return [recent.subjects[0]]
        return []

    def _pointed(self, sig: Signals, recent: Recent) -> list[str]:
        """What a pronoun points back to: a person, the last answer's people, or its subject."""
        if sig.pointer == "he":
            person = next((s for s in recent.subjects if self.subjects[s].refer == "he"), None)
            return [person] if person else list(recent.people[:1])
        if sig.pointer == "they" and (they := self._they(sig, recent)):
            return they
        if sig.pointer in ("it", "they") and (it := self._it(sig, recent)):
            return it
        unknown = any(not self._matcher.known(f) for f in sig.topical)
        asks_event = bool(sig.cues) and sig.cues[0] not in PERSON_ASPECTS
        if (
            (sig.pointer == "they" or (sig.pointer == "it" and self._of_event(sig)))
            and asks_event
            and not (recent.subjects or sig.mentions or unknown)
        ):
            # "what will they discuss?", "where is it held?", first thing asked: the meeting;
            # or the one subject all its own words are of ("when was it published?": the text),
            # though not asked its status ("is it starting today?": the meeting)
            owners = {self._owners.get(f) for f in sig.topical}
            owned = len(owners) == 1 and sig.pointer == "it" and sig.cues[0] != "status"
            owner = owners.pop() if owned else None
            if owner and self._chooser.can(owner, sig.cues[0]):
                return [owner]
            return [self.root] if self.root else []
        return []

    def _counted_whole(self, sig: Signals, subjects: list[str]) -> str | None:
        """The list an item of it belongs to, asked how many with nothing else counted
        ("… the second item? and how many in French?"): only the list answers."""
        if len(subjects) != 1 or not self.subjects[subjects[0]].item:
            return None
        if sig.topical or _FIGURE in sig.features or self._chooser.can(subjects[0], "count"):
            return None  # "how much money for the 2030 item?": money counted, not items
        if _HOW_MANY.isdisjoint(fold(sig.text).split()):
            return None  # "which ones exactly?" lists what the item covers, no number
        whole = self.subjects[subjects[0]].part_of
        return whole if whole and self._chooser.can(whole, "count") else None

    def _still_speaking(self, sig: Signals, subjects: list[str], recent: Recent) -> str | None:
        """The person a follow-up still asks the words of: asked what someone said, "and
        about Y?" (or "anything about Y?") names only things that say nothing themselves,
        and asks no aspect of its own; the answer is the person's words, whatever they
        touch on."""
        speaker = recent.subjects[0] if recent.subjects else None
        # "anything about Y?": did he say anything about it
        anything = sig.cues == ["about"] and not _ANYTHING.isdisjoint(fold(sig.text).split())
        if (sig.cues and not anything) or recent.aspect != "said" or speaker is None:
            return None
        if not sig.follow_up:
            return None
        things = all(not (self.subjects[s].person or self.subjects[s].people) for s in subjects)
        return speaker if self.subjects[speaker].person and things else None

    def _part_spoken_of(self, wholes: list[str], recent: Recent) -> str | None:
        """The latest subject spoken of that is a part of the one whole named, if any."""
        near = recent.subjects[:ORDINAL_REACH]
        return next((s for s in near if [self.subjects[s].part_of] == wholes), None)

    @staticmethod
    def _of_event(sig: Signals) -> bool:
        """Whether "it", with nothing before it, asks where, when or whether the meeting is
        ("where is it held?"); not where something comes from (« ça vient d'où ? »)."""
        return sig.cues[:1] in _EVENT_ASKS and not ORIGIN.intersection(fold(sig.text).split())

    def _it(self, sig: Signals, recent: Recent) -> list[str]:
        """What "it" (or "they", of things) points to: a person, asked a person's aspect
        (« son poste ») or what he said (« qui le préside ? … il a dit quoi ? »: the one
        last answered, unless a thing near can be quoted); else the latest spoken of that
        answers what is asked ("… the announcement gives local time. What is it in UTC?":
        the event's time, not the text's)."""
        it = sig.pointer == "it"
        if it and sig.cues and sig.cues[0] in PERSON_ASPECTS:
            person = next((s for s in recent.subjects if self.subjects[s].person), None)
            person = person or next(iter(self._person_asked(sig, recent)), None)
            if person:
                return [person]
        near = recent.subjects[:ORDINAL_REACH]
        asks_said = it and sig.cues[:1] == ["said"]
        said = asks_said and recent.people
        if said and not any(map(self._quoted, near)):  # none near quoted
            return [recent.people[0]]
        if asks_said:
            # « … Moreau y a parlé du port. Qu'a-t-il dit ? »: the latest who speaks (a
            # person, or an event people speak at) says; a theme is spoken of
            speakers = [s for s in near if self.subjects[s].person or self.subjects[s].people]
            if speakers and self.subjects[speakers[0]].person:
                return speakers[:1]
        able = [
            s
            for s in near
            if sig.cues and (self._quoted(s) if said else self._chooser.can(s, sig.cues[0]))
        ]
        return [(able or recent.subjects)[0]] if recent.subjects else []

    def _quoted(self, sid: str) -> bool:
        """Whether "what did it say?" can be asked of a subject: one the announcement quotes,
        or an event people speak at; not one whose only "said" is a silence on something
        else (the meeting's decisions)."""
        s = self.subjects[sid]
        cell = s.serving("said")
        return cell is not None and (not cell.not_said or bool(s.people))

    def _they(self, sig: Signals, recent: Recent) -> list[str]:
        """What "they" are: asked who ("who gave them?"), things said or done, not people;
        else people."""
        if sig.cues[:1] == ["who"]:
            things = [s for s in recent.subjects if not self.subjects[s].person]
            # an event people speak at first ("… who's fronting the press conference … the
            # three top military guys. Who are they?")
            thing = next((s for s in things if self.subjects[s].people), None)
            if thing or things:
                return [thing or things[0]]
        return self._their_people(sig, recent)

    def _their_people(self, sig: Signals, recent: Recent) -> list[str]:
        """The people "they" are: the last answer's, or, asked a person's aspect ("… the
        press conference. Their roles?"), the people of the event spoken of."""
        if recent.people:
            return list(dict.fromkeys((*recent.people[:3], *recent.subjects[:1])))
        if sig.cues[:1] and sig.cues[0] in PERSON_ASPECTS:
            event = next((e for s in recent.subjects if (e := self.subjects[s]).people), None)
            return list(event.people) if event is not None else []
        return []

    def _person_asked(self, sig: Signals, recent: Recent) -> list[str]:
        """ "First name?" after "who chairs the Board?": the person answered,
        when the previous subject has no such aspect."""
        if not (sig.cues and sig.cues[0] in PERSON_ASPECTS and recent.people and recent.subjects):
            return []
        if self._chooser.can(recent.subjects[0], sig.cues[0]):
            return []
        return [recent.people[0]]

    def _main_subject(self, sig: Signals) -> list[str]:
        """For a question asking an aspect of nothing named ("is it over?", "what did they
        decide?"), the one top-level subject answering that aspect; none when it names what
        the announcement never does ("did Arsenal win yesterday?")."""
        if sig.strangers:
            return []
        fitting = self._main.get(sig.cues[0], []) if sig.cues else []
        if sig.medium and sig.cues and len(fitting) != 1:
            # "what does the notice say about the dates?": of the event it announces
            root = self.root
            fitting = [root] if root and self._chooser.can(root, sig.cues[0]) else []
        return fitting if len(fitting) == 1 else []

    def _implicit(self, sig: Signals) -> Resolved | None:
        """A question naming no subject: the best cell by its words, or None when none fits."""
        matches = self._ranked(sig)
        if not matches or matches[0].score < DECLINE_BELOW or sig.strangers:
            return None  # nothing fits; or it names what the announcement never does
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
        """ "The second item": the item at that place of a list, in the asker's language or
        the version named ("the French agenda's third item"); "and the one before?": the
        item next to the one asked last."""
        if sig.ordinal is None:
            return self._next_item(sig, lang, recent) if sig.step else []
        # The list named or asked about last, or an item of it asked about last ("and the last?")
        lists = [
            s
            for s in (*sig.mentions, *recent.subjects[:1])
            if self.subjects[s].items or (s in recent.subjects[:1] and self.subjects[s].item)
        ]
        items_asked = any(f.startswith(("item", "point", "number", "numero")) for f in sig.features)
        named = [
            self.subjects[s].items or self._list_of.get(self.subjects[s].item or "") for s in lists
        ]
        list_id = next((n for n in named if n), next(iter(self._lists), None))
        entries = self._lists[list_id].items[lang] if list_id else ()
        index = sig.ordinal - 1 if sig.ordinal > 0 else len(entries) + sig.ordinal
        if not (lists or items_asked):
            return []
        if not 0 <= index < len(entries):  # « y a un sixième ? »: the list, and its length
            whole = next((s for s in self.subjects.values() if s.items == list_id), None)
            return [whole.id] if whole else []
        item = self._items.get(entries[index]["ids"][0])
        return [item] if item else []

    def _next_item(self, sig: Signals, lang: Lang, recent: Recent) -> list[str]:
        """The item just before or after the one asked last, in the asker's language's list,
        for a part naming nothing else ("et le point juste avant ?")."""
        last = self.subjects[recent.subjects[0]] if recent.subjects else None
        list_id = self._list_of.get(last.item or "") if last and not sig.mentions else None
        if last is None or list_id is None:
            return []
        entries = self._lists[list_id].items[lang]
        at = next((n for n, e in enumerate(entries) if last.item in e["ids"]), None)
        if at is None or not 0 <= at + sig.step < len(entries):
            return []
        item = self._items.get(entries[at + sig.step]["ids"][0])
        return [item] if item else []

    def _ordinal_person(self, sig: Signals, recent: Recent) -> list[str]:
        """ "The last one's job?" after the speakers of an event: the speaker at that place,
        in the order the announcement names them."""
        if sig.ordinal is None or sig.mentions:
            return []
        if len(recent.listed) > 1:  # "the last one?" after an answer naming several
            people = list(recent.listed)
        else:
            event = next(
                filter(None, map(self._speakers_of, recent.subjects[:ORDINAL_REACH])), None
            )
            ids = {s.person: s.id for s in self.subjects.values() if s.person}
            people = [ids[p] for p in event.people if p in ids] if event else []
        index = sig.ordinal - 1 if sig.ordinal > 0 else len(people) + sig.ordinal
        return [people[index]] if 0 <= index < len(people) else []

    def _other_person(self, sig: Signals, recent: Recent) -> list[str]:
        """ "And the other one?" after an answer about one person: the other person named
        with them, or spoken of before (« et l'autre commandant suprême ? »)."""
        if not sig.other or not recent.people:
            return []
        pool = [s for s in sig.mentions if self.subjects[s].person] or [
            *recent.listed,
            *recent.people,
        ]
        if {"who", "said"} <= set(sig.cues):  # "who else is quoted?": of those it quotes
            pool = [*pool, *self._quoted_people]
            pool = [p for p in pool if p in self._quoted_people]
        return [p for p in pool if p != recent.people[0]][:1]

    def _next_speaker(self, sig: Signals, recent: Recent) -> list[str]:
        """ "Who spoke after him?" after an answer naming several speakers: the one named
        right after (or before) the person last spoken of, in the order of that answer."""
        if not (sig.step and SPOKE in sig.features and recent.people) or sig.mentions:
            return []
        listed = list(recent.listed)
        at = listed.index(recent.people[0]) if recent.people[0] in listed else None
        if at is None or not 0 <= at + sig.step < len(listed):
            return []
        return [listed[at + sig.step]]

    def _described_person(self, sig: Signals, recent: Recent) -> list[str]:
        """ "Which one is the Europe one?" after an answer naming several people, « et
        celui pour l'Europe ? » after one naming a person: the one (of those listed, or of
        all) whose role holds the words, when only one's does."""
        if sig.mentions:
            return []
        if len(recent.listed) >= 2:
            pool: Sequence[str] = recent.listed
        elif recent.people and _ONE.intersection(fold(sig.text).split()):
            pool = list(self._roles)
        else:
            return []
        words = {f[:REPORTED_STEM] for f in sig.topical if len(f) > 2}
        fits = [p for p in pool if words & self._roles.get(p, set())]
        if len(fits) != 1:
            return []
        sig.names |= {f for f in sig.topical if f[:REPORTED_STEM] in self._roles[fits[0]]}
        return fits

    def _speakers_of(self, sid: str) -> Subject | None:
        """The event with several speakers a subject stands for: itself, or the one event
        a person speaks at ("what did the first one say? and the second?")."""
        s = self.subjects[sid]
        if not s.person:
            return s if len(s.people) > 1 else None
        events = [e for e in self.subjects.values() if s.person in e.people and len(e.people) > 1]
        return events[0] if len(events) == 1 else None

    # --- the aspect asked; refining and checking the cell chosen -------------------------

    def _aspect(
        self, sig: Signals, subjects: list[str], via: str, before: str | None
    ) -> str | None:
        """The aspect asked: the most specific cue (where "born" asks more precisely than
        "when", the announcement does not say); else one asked by another question of the
        sentence; for a bare follow-up ("and Silva?"), the previous question's aspect. A
        moment or month named in passing asks no status or time of what has none ("… slides
        for tomorrow: the agenda?", « l'ordre du jour de la réunion de janvier »)."""
        untimed = sig.cues[:1] in (["status"], ["when"]) and not any(
            self.subjects[s].time or self.subjects[s].person for s in subjects
        )
        if sig.cues and not (untimed and not sig.cued_by):
            return self._where_online(sig.cues[0], subjects)
        for cue in sig.soft_cues:
            if any(self._chooser.can(s, cue) for s in subjects):
                return cue
        bare = via != "named" or sig.bare
        if before and bare and any(self._chooser.can(s, before) for s in subjects):
            return before
        return None

    def _where_online(self, aspect: str, subjects: list[str]) -> str:
        """ "Where do I find the English version?": a text is found at its link."""
        can = self._chooser.can
        if aspect != "where" or any(can(s, "where") for s in subjects):
            return aspect
        return "link" if any(can(s, "link") for s in subjects) else aspect

    def _refine(self, sig: Signals, found: Resolved) -> Resolved:
        """A part of the named subject that the words fit much better ("who spoke at the
        meeting" is about its opening)."""
        if found.cell is None or found.subject is None or found.status:
            return found
        if found.subject not in self._wholes or ATTENDING & sig.cued_by:
            return found  # nothing is part of it; or who takes part, not who speaks
        best = self._ranked(sig)
        if not best:
            return found
        top = self.cells[best[0].topic]
        if found.subject not in self._ancestors(top.subject):
            return found
        own = self._matcher.score(sig.features, among=[found.cell], lang=sig.lang)
        if best[0].score - (own[0].score if own else 0.0) < PART_LEAD:
            return found
        return self._chooser.found(self.subjects[top.subject], found.aspect, top)

    def _check(
        self, sig: Signals, found: Resolved, evidence: tuple[str, ...], pointed: bool = False
    ) -> Resolved:
        """Confidence from how much of the question the cell explains. A question whose
        words the cell explains poorly gets another cell for the same aspect that explains
        them well ("Moreau said 'not charity'?": Keller did), unless a pronoun chose its
        subject (``pointed``); one whose words the knowledge base does not know at all is
        about something the announcement does not say."""
        if found.subject is None:
            return found
        cell = found.cell or self.subjects[found.subject].default
        given = self._cue_features.get(found.aspect or "", set()) | sig.names
        if found.aspect == "where":
            given |= set(sig.places)  # "is it in Nice?": the answer says where it is
        explained = self._matcher.coverage(sig.features, cell, given=given, lang=sig.lang)
        known = self._matcher.known_share(sig.features, sig.lang, given)
        evidence = (
            *evidence,
            f"aspect: {found.aspect or 'none asked'}",
            f"explained: {explained:.2f}, known: {known:.2f}",
        )
        quoting = found.aspect in (None, "said", "about")
        if (
            found.kind is AskKind.ANSWER
            and explained < EXPLAINED_AT_LEAST
            and quoting
            and not pointed
        ):
            better = self._better_cell(sig, found.aspect, explained)
            if better is not None:
                return replace(better, evidence=(*evidence, f"words fit {better.cell}"))
        # "Moreau said it's time for a calmer approach, right?": a claim about a speaker's
        # words is checked against them, whatever its own words.
        claim = found.aspect == "said" and not sig.opens and found.cell is not None
        if found.kind is AskKind.ANSWER and known < KNOWN_AT_LEAST and not claim:
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
                self._chooser.found(self.subjects[top.subject], aspect, top), confidence=coverage
            )
        return None


def _among_speakers(sig: Signals) -> bool:
    """Whether a yes/no question asks only whether someone speaks ("is Keller one of the
    speakers?", « Keller intervient ? »)."""
    return sig.yes_no and not sig.cues and SPOKE in sig.features


def _names_a_day(features: Sequence[str]) -> bool:
    """Whether a question names a day: a weekday, or a day of the month (« le 16 »)."""
    return any(f == _WEEKDAY or (f.isdigit() and 1 <= int(f) <= MONTH_DAYS) for f in features)


def _stems(text: str) -> set[str]:
    """The content words of a folded text, by their stems' first letters."""
    return {stem(w)[:REPORTED_STEM] for w in text.split() if len(w) > 2 and w not in STOPWORDS}
