"""Reading one question: the subjects it names, the aspects it asks, its other words.

A part of a message (``segment``) is read against the knowledge base's
vocabulary into :class:`Signals`: the subjects its concepts name (the most
specific: "the opening of the meeting" names the opening), the aspects its
cues ask (most specific first), pronouns pointing back, an ordinal ("the second
item"), a version of the announcement, off-scope words, and the words that say
what it is about beyond all that. No context yet: :mod:`resolve` adds it.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefbot.engine.kb import KnowledgeBase
from briefbot.engine.lexer import OFF_SCOPE, Unit, Words, stem
from briefbot.engine.matcher import Matcher
from briefbot.engine.normalize import fold
from briefbot.engine.segment import OPENERS, RELATIVES, Role, relative
from briefbot.engine.types import Lang, Match

# A follow-up without a subject of its own has at most this many content words.
FOLLOW_UP_WORDS = 4
# A feature found in the paraphrases of this many subjects or more says little
# about which one is meant ("speak", "held"): it does not stop a bare follow-up
# from taking the subject of the previous question.
GENERIC_SUBJECTS = 3
# Pronouns, by what they point back to: a person, the people of the last
# answer, or whatever the last question was about (French « il » may be a
# committee as well as a man).
_POINTERS = {
    **dict.fromkeys("he him his she her lui".split(), "he"),
    **dict.fromkeys("they them their both ils elles leur leurs eux".split(), "they"),
    **dict.fromkeys(
        "it its that those there y ca cela celle celui il elle son sa ses c cest dessus".split(),
        "it",
    ),
}
# Elided words before « en » that make it a pronoun (« qu'en dit-il ? », « j'en parle »),
# not the preposition (« en anglais »).
_EN_PRONOUN = frozenset("qu j m t s n".split())
# … and verbs after it (« l'annonce en dit quoi ? », « qui en parle ? »).
_EN_VERBS = frozenset((w,) for w in "dit disent parle parlent pense pensent sait retient".split())

# Small counts in words. One ending a question after "the" or "all" is a pronoun:
# « redonnez-moi les trois », "list all four" point back to what the preamble counted.
COUNTS = frozenset("two three four five deux trois quatre cinq".split())
_ALL_OF = frozenset("the all both les tous toutes".split())


def _pointer(words: Sequence[str], n: int) -> str | None:
    """The kind of pronoun word ``n`` is, if it is one."""
    if words[n] == "en":
        pronoun = (n and words[n - 1] in _EN_PRONOUN) or words[n + 1 : n + 2] in _EN_VERBS
        return "it" if pronoun else None
    if words[n] in COUNTS:
        return "it" if n and words[n - 1] in _ALL_OF else None
    return _POINTERS.get(words[n])


# Words opening a yes/no question, which asks something of its own ("is he at the press
# conference?"), unlike an elliptic follow-up ("which partners?", "and Keller?").
_YES_NO = frozenset("is are was were do does did can could will would has have est".split())
_ASKS_ITSELF = _YES_NO | {"what", "whats"}  # "what is the committee?" is not "and the committee?"
_FOLLOW = frozenset("and et what about pour also aussi same pareil".split())
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "premier": 1,
    "premiere": 1,
    "1er": 1,
    "second": 2,
    "2nd": 2,
    "deuxieme": 2,
    "seconde": 2,
    "2e": 2,
    "2eme": 2,
    "third": 3,
    "3rd": 3,
    "troisieme": 3,
    "3e": 3,
    "3eme": 3,
    "fourth": 4,
    "4th": 4,
    "quatrieme": 4,
    "4e": 4,
    "fifth": 5,
    "5th": 5,
    "cinquieme": 5,
    "5e": 5,
    "sixth": 6,
    "6th": 6,
    "sixieme": 6,
    "6e": 6,
    "seventh": 7,
    "7th": 7,
    "septieme": 7,
    "7e": 7,
    "last": -1,
    "dernier": -1,
    "derniere": -1,
    "final": -1,
}
# Before a capitalised word the knowledge base does not know, these make it a place the
# asker has in mind ("is the meeting in Nice?"): the question asks where.
_PLACE_WORDS = frozenset("in at a au en near to dans pres".split())
_PLACE_WORDS_OR = _PLACE_WORDS | {"or"}  # "in Geneva or Lyon?": the second one guessed too
# Nouns after a place that make it the name of an event: "the Geneva meeting".
_EVENT_NOUNS = frozenset("meeting meetings summit conference talks group format".split())
# Articles between "in" / « à » and a place guessed ("in The …", « à La … »).
_ARTICLES = frozenset("the la le".split())
# "The other one", « l'autre », "who else?": the person named with the one just answered.
_OTHER = frozenset("other autre else".split())
# Words putting one name in place of another ("sorry, I meant Keller", « pardon, je voulais
# dire Moreau »): the question stays the previous one, about the name given.
_AMENDING = frozenset(
    "sorry oops meant actually rather no nope non pardon voulais dire plutot".split()
)
# A time of day typed in a question ("20:00", "18h", "6pm") asks the time of what it names.
TIME_OF_DAY = re.compile(r"\d{1,2}([:h.]\d{2}|h|am|pm)")
# "A second", « une seconde » are a moment, not a place in a list ("wait a second").
_INDEFINITE = frozenset("a an un une".split())
_MOMENT = frozenset("second seconde".split())
ITEM_WORDS = frozenset("item items point points number numero".split())
# Words placing an item against the one asked last ("and the one before?", « et le suivant ? »).
_BEFORE = frozenset("before avant precedent previous".split())
_AFTER = frozenset("after apres suivant following".split())
_ONES = frozenset(("one", "celui", "celle", *ITEM_WORDS))
_PREVIOUS_ONE = frozenset("precedent precedente".split())
_NEXT_ONE = frozenset(("suivant", "suivante", *_PREVIOUS_ONE))  # places an item alone
_PLACING = _BEFORE | _AFTER | _NEXT_ONE
ONE_REACH = 3  # words looked back from "before" for the item it places
_HIM = frozenset((("him",), ("her",), ("lui",), ("elle",)))  # "after him" places a person
# Text in quotation marks; straight single quotes only around words, not in "Moreau's".
_QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”|«([^»]+)»|‘([^’]+)’|(?<!\w)'([^']+)'(?!\w)")
# A quoted span of fewer words is a name or a term ("what's 'HPA'?"), not a quotation;
# unless called a word: "the word 'charity'", « le mot « abstrait » » are cited from one.
QUOTED_WORDS = 2
_WORD_NOUNS = frozenset("word term mot terme".split())
WORD_NOUN_REACH = 8  # characters looked back from the quotation mark for the noun
# Concepts meaning "the French/English version" of the announcement (concepts.yaml).
_VERSIONS: dict[str, Lang] = {"lang_fr": "fr", "lang_en": "en"}
# Language adjectives naming a version when put beside what they qualify.
_LANGUAGE_OF: dict[str, Lang] = {
    **dict.fromkeys("anglais anglaise english".split(), "en"),
    **dict.fromkeys("francais francaise french".split(), "fr"),
}
# "… what X is", the verb last: asks what X is.
_BE = frozenset("is are was were".split())
_WHAT_BE = frozenset(("s", *_BE))  # "what's", "what is"
_HOW_ABOUT = frozenset("what how".split())  # "what about …?", "how about …?": follow-ups
# The two languages by name: both, or one said of an event where people speak, ask which
# language it is in or held in, not a version of the text.
_LANGUAGES = (frozenset(("french", "francais")), frozenset(("english", "anglais")))
# Letters two words must share at their start to be one word across languages and endings
# ("europe", "Europa"), when telling persons apart by the words that name them.
ALIAS_START = 5
_WEEKDAY = "weekday"  # the concept of the days of the week (concepts.yaml)
# Concepts that place a question in time (a day, a moment) without asking anything.
_PLACING_ONLY = frozenset({_WEEKDAY, "moment"})
# The concept of comparing the two versions ("the difference", « pas pareille »): how they
# differ is asked, of whatever the question names; it is no word of a topic.
_COMPARE = "compare"
# Concepts placing a meeting in time ("next", "last year"): whether they speak of this
# one depends on the clock (timing.in_frame); either way they ask about its status. A
# month named ("month_9", "last September") asks when, and is this event's only if it
# falls in that month.
MONTHS = tuple(f"month_{n}" for n in range(1, 13))
# A year named ("their 2024 meeting", frame "year_2024") is this event's only if it falls
# in that year; a year the vocabulary knows ("by 2030", a goal) is that subject instead.
_YEAR = re.compile(r"(19|20)\d\d")
# Aspects of a person themself, never of an event they speak at.
PERSON_ASPECTS = frozenset({"role", "name", "bio", "lead", "meaning"})
FRAMES = frozenset({"upcoming", "last_year", *MONTHS})
# What a frame asks: a month when ("in September?"), the others the status ("next").
_FRAME_ASKS = {
    **{m: ("when",) for m in MONTHS},
    "upcoming": ("status",),
    "last_year": ("status",),
}
# Concepts that place a question in time rather than say what it is about: a month, a day of
# the event ("on day two"), a time frame ("last year"). "What did they eat on day two?" is
# about eating, which the announcement never speaks of, not about the days.
_WHEN_WORDS = frozenset({*FRAMES, "meeting_day"})


# Where the asker asks from ("from my hotel room", « depuis mon bureau »): their own place,
# not what they ask about.
_FROM = frozenset("from depuis".split())
_MINE = frozenset("my our mon ma mes notre nos".split())
_NATIONALITY = "nationality"  # the concept of a country's adjectives ("French", « allemand »)
_ASKERS = frozenset("my mon ma mes".split())  # the asker's own, never the alliance's
# Words just before "said" / « dit » that make it the asker's hearsay, not a question
# about what someone in the announcement said: "my teacher said", « on m'a dit ».
_HEARSAY = frozenset(
    """i j my mon ma mes someone somebody people everyone quelqu on heard entendu some
    certains certaines others autres many beaucoup""".split()
)
HEARSAY_REACH = 3  # words looked back
# Aspects of the ways an asker hears a claim ("I read that", "I saw on TV that"), and the
# words opening the claim after them.
_TOLD_BY = frozenset(("link", "watch"))
_THAT = frozenset("that que qu".split())

# "called" after a thing asks what it is; after a person, with words after it, what he
# called something: a name only at the end ("what is Keller called?").
_CALLING = frozenset("called call calls".split())
# Question words putting the subject asked right after them: "which budget for X?"
_WHICH = frozenset("which what quel quelle quels quelles".split())
# "What did Keller do there?", « qu'a fait Keller à la réunion ? »
_DOING = frozenset("do did does doing done fait faisait fera font".split())
_WHAT = frozenset("what qu quoi".split())
_WHICH_ONE = _WHICH - {"what"}
# … or after "is" and an article: "what is the agenda of X?", « c'est quoi l'agenda du X ? »
_WHAT_IS = frozenset({"quoi"})
_PUT_ARTICLES = frozenset("the le la les l".split())
_BEING = frozenset("is s are was were est sont etait".split())
# Before "address", these make it the verb ("did they address X?"), not a street address.
_DOERS = frozenset("did does do to will would they it meeting chiefs we you".split())
# "Position" is a post, unless it is taken on something: « sa position sur X » is a stance.
_STANCE = frozenset("position positions".split())
_ON = frozenset("on sur about concernant regarding towards envers".split())
# "Who talked about X?" asks who said it, as « qui a parlé de X ? » does.
_TALKING = frozenset("talk talks talked talking speak speaks spoke speaking mentioned".split())
# Before "name", these make it the verb ("who does the notice name?").
_AUXILIARIES = frozenset("do does did to".split())
# Words after "said" that open the words reported, unquoted: "Moreau said that …",
# « Keller a dit que … ». They are cited as a quotation would be.
_REPORTED = frozenset("that que qu".split())
_WHO_SAID = frozenset("who which qui lequel laquelle".split())
WHO_REACH = 3  # words looked back from "said" for the "who" asking who said it

# Words that turn "where" about a person into where the person comes from ("where is
# Keller from?", « il vient d'où ? »), which is the person's background, not a venue.
ORIGIN = frozenset("from come comes came vient viennent venait originaire".split())


# "It's 7:30 here in Denver", « il est midi à Québec »: a place after the asker's own
# clock is where the asker is, not a guess at where the event is.
_CLOCK_WORDS = frozenset(
    "am pm morning evening night noon midnight matin soir nuit midi minuit".split()
)
LOCAL_CLOCK_REACH = 6  # words looked back from the place


def _local_clock(message: Words, n: int) -> int | None:
    """Where the time of day is that the place at word ``n`` follows in its sentence."""
    for k in range(n - 1, max(-1, n - 1 - LOCAL_CLOCK_REACH), -1):
        word = message.words[k]
        if word in _CLOCK_WORDS or word[:1].isdigit():
            return k
        if k in message.breaks:
            return None
    return None


def _put(words: Sequence[str], n: int) -> bool:
    """Whether a question word puts the name at ``n`` as what is asked: "which budget",
    "what is the agenda of …", « c'est quoi l'agenda du … », « quel est le programme », or
    opens the name itself ("which harbour body")."""
    if words[n] in _WHICH:
        return True
    k = n - 1
    if k > 0 and words[k] in _PUT_ARTICLES:
        k -= 1
        if k > 0 and words[k] in _BEING:
            k -= 1
    return k >= 0 and words[k] in _WHICH | _WHAT_IS


def _frame(concept: str | None, word: str) -> str | None:
    """The time frame a unit names: a frame concept, or a year no concept knows."""
    if concept in FRAMES:
        return concept
    return f"year_{word}" if concept is None and _YEAR.fullmatch(word) else None


def _without_asides(units: Sequence[Unit], places: Sequence[Unit], message: Words) -> list[Unit]:
    """The units less those telling the asker's own time and place ("it's 7:30 here in
    Denver", found from the places a question names; "from my hotel room"): they say nothing
    of what is asked."""
    aside: set[int] = set()
    for unit in places:
        clock = _local_clock(message, unit.start)
        if clock is not None:
            aside.update(range(clock, unit.end))
    words = message.words
    for n, unit in enumerate(units[:-2]):
        if words[unit.start] in _FROM and words[units[n + 1].start] in _MINE:
            # "from my hotel room, when is it?": the words owned, up to a comma or stop word
            owned = itertools.takewhile(
                lambda u: u.content and u.start not in message.commas, units[n + 2 :]
            )
            aside.update(u.start for u in (unit, units[n + 1], *owned))
    return [u for u in units if u.start not in aside]


def _reported(words: Sequence[str], said: Unit, part: Sequence[Unit]) -> str:
    """The words a speaker is said to have said, unquoted, after the ``said`` cue to the
    end of the part (folded), if "that" / « que » opens them or "who" asks who said them
    ("which of them said X?"), and they are enough to be a quotation."""
    n, end = said.end, part[-1].end
    if n < end and words[n] in _REPORTED and end - n - 1 >= QUOTED_WORDS:
        return " ".join(words[n + 1 : end])
    asked_who = not _WHO_SAID.isdisjoint(words[max(0, said.start - WHO_REACH) : said.start])
    if asked_who and end - n > QUOTED_WORDS:  # "which of them said X?": X, the words
        return " ".join(words[n:end])
    return ""


# Words after "mean" opening the words whose meaning is asked: "what did Keller mean by
# the free port thing?", « qu'entend-il par … ».
_MEANT_BY = frozenset("by with par avec".split())


def _guessed_place(unit: Unit, message: Words, names: set[int]) -> bool:
    """Whether an off-scope name is a place put as a guess: capitalised, after "in", « à »
    or "or" (and an article): "in Geneva", « à Genève », "in Nice or Geneva"; not a name
    given to an event ("at the Geneva meeting"), which is another event, nor one put before
    a name the announcement uses (``names``: where those start), another body's ("at the
    EU Harbour Board")."""
    n = unit.start
    if unit.end in names:
        return False
    before = n - 1 if n and message.words[n - 1] not in _ARTICLES else n - 2
    after = message.words[unit.end] if unit.end < len(message.words) else ""
    # a name typed in lower case where nothing is capitalised ("in geneva or lyon")
    named = message.raw[n][:1].isupper() or message.text.islower()
    return (
        before >= 0
        and named
        and message.words[before] in _PLACE_WORDS_OR
        and n not in message.breaks
        and after not in _EVENT_NOUNS
    )


def _hearsay(words: Sequence[str], n: int) -> bool:
    """Whether the "said" at word ``n`` reports what the asker heard."""
    return any(w in _HEARSAY for w in words[max(0, n - HEARSAY_REACH) : n])


@dataclass(slots=True, init=False)
class Signals:
    """What one part of a message says, before context fills its gaps.

    With its own ``__init__``: made for every answer (see ``types``).
    """

    text: str
    lang: str | None  # the question's language, which says which words are common
    features: list[str]  # content features, for the matcher
    mentions: list[str]  # subjects named, most specific, in order
    cues: list[str]  # aspects asked, most specific first
    topical: list[str]  # content features saying what it is about, beyond names and cues
    names: set[str]  # the features that named subjects
    by_name: set[str]  # persons named by name, not by a rank
    ambiguous: set[str]  # named only by a word naming several
    version: Lang | None  # "the French version": answer from that language's text
    pointer: str | None  # "he", "they" or "it": a pronoun pointing back
    ordinal: int | None
    step: int  # "the item before" (-1), « le point suivant » (+1): from the last one asked
    off_scope: bool
    follow_up: bool  # short, or opens with "and" / "what about"
    bare: bool  # names and nothing else, or opens with "and": "and Silva?"
    opens: bool  # starts with a question word ("what …")
    yes_no: bool  # asks yes or no: "is …", « est-ce que … », "Keller at the opening?"
    soft_cues: list[str]  # asked by a sibling question
    borrowed: list[str]  # how gaps were filled, for --explain
    ranked: tuple[Match, ...] | None  # the best cells overall, once computed
    quoted: tuple[str, ...]  # quotations it cites, folded
    reported: str  # words said to be said, unquoted ("… said that …"), folded
    other: bool  # "the other one", « l'autre »
    places: tuple[str, ...]  # unknown place names: the asker's guess at "where"
    cued_by: frozenset[str]  # the concepts that asked the aspects
    frames: tuple[str, ...]  # time frames named ("next", "last year"), see FRAMES
    medium: bool  # a text named only as where to read the answer ("what does … say")
    head: str | None  # the subject put by a question word: « quel budget pour X ? »
    strangers: tuple[str, ...]  # names the announcement never uses: "did China attend?"
    referents: tuple[str, ...]  # the people a pronoun was read as, beside things named
    compare: bool  # asks how the two versions differ ("what's the difference?")

    def __init__(  # noqa: PLR0917 (positional as the fields, like a dataclass's)
        self,
        text: str,
        lang: str | None,
        features: list[str],
        mentions: list[str],
        cues: list[str],
        topical: list[str],
        *,
        names: set[str] | None = None,
        by_name: set[str] | None = None,
        ambiguous: set[str] | None = None,
        version: Lang | None = None,
        pointer: str | None = None,
        ordinal: int | None = None,
        step: int = 0,
        off_scope: bool = False,
        follow_up: bool = False,
        bare: bool = False,
        opens: bool = False,
        yes_no: bool = False,
        soft_cues: list[str] | None = None,
        borrowed: list[str] | None = None,
        ranked: tuple[Match, ...] | None = None,
        quoted: tuple[str, ...] = (),
        reported: str = "",
        other: bool = False,
        places: tuple[str, ...] = (),
        cued_by: frozenset[str] = frozenset(),
        frames: tuple[str, ...] = (),
        medium: bool = False,
        head: str | None = None,
        strangers: tuple[str, ...] = (),
        referents: tuple[str, ...] = (),
        compare: bool = False,
    ) -> None:
        self.text = text
        self.lang = lang
        self.features = features
        self.mentions = mentions
        self.cues = cues
        self.topical = topical
        self.names = set() if names is None else names
        self.by_name = set() if by_name is None else by_name
        self.ambiguous = set() if ambiguous is None else ambiguous
        self.version = version
        self.pointer = pointer
        self.ordinal = ordinal
        self.step = step
        self.off_scope = off_scope
        self.follow_up = follow_up
        self.bare = bare
        self.opens = opens
        self.yes_no = yes_no
        self.soft_cues = [] if soft_cues is None else soft_cues
        self.borrowed = [] if borrowed is None else borrowed
        self.ranked = ranked
        self.quoted = quoted
        self.reported = reported
        self.other = other
        self.places = places
        self.cued_by = cued_by
        self.frames = frames
        self.medium = medium
        self.head = head
        self.strangers = strangers
        self.referents = referents
        self.compare = compare


def merged(parts: Sequence[Signals]) -> Signals:
    """Several parts read as one: a message's whole preamble, when its question only asks
    which claim in it is right ("… my friend swears it was Keller. Who's right?")."""

    def union(attr: str) -> list[str]:
        return list(dict.fromkeys(x for p in parts for x in getattr(p, attr)))

    return replace(
        parts[-1],
        text=" ".join(p.text for p in parts),
        features=[f for p in parts for f in p.features],
        mentions=union("mentions"),
        cues=union("cues"),
        topical=union("topical"),
        names=set().union(*(p.names for p in parts)),
        by_name=set().union(*(p.by_name for p in parts)),
        ambiguous=set().union(*(p.ambiguous for p in parts)),
        quoted=tuple(union("quoted")),
        reported=next((p.reported for p in reversed(parts) if p.reported), ""),
        places=tuple(union("places")),
        cued_by=frozenset().union(*(p.cued_by for p in parts)),
        frames=tuple(union("frames")),
        # off scope only where it names something: not "… we bet a restaurant on it"
        off_scope=any(p.off_scope for p in parts if p.mentions or p.places),
        compare=any(p.compare for p in parts),
        borrowed=[],
        ranked=None,
    )


class _Named:
    """What a part names, gathered unit by unit (a plain class: made for every answer)."""

    __slots__ = ("ambiguous", "by_name", "features", "head", "mentions", "version")

    def __init__(self) -> None:
        self.mentions: list[str] = []  # subjects, in order
        self.ambiguous: set[str] = set()  # named by a word naming several
        self.by_name: set[str] = set()  # persons named by name, not by a rank
        self.features: set[str] = set()  # the features that named something
        self.version: Lang | None = None  # "the French version"
        self.head: str | None = None  # the subject a question word puts: "which budget …"


# What a text may be asked to say of someone: who they are, their role.
_PERSON_ASKED = frozenset(("who", *PERSON_ASPECTS))


class Reader:
    """Reads question parts with one knowledge base's names and cues."""

    def __init__(self, kb: KnowledgeBase, matcher: Matcher) -> None:
        self._subjects = {s.id: s for s in kb.subjects}
        self.wholes = frozenset(s.part_of for s in kb.subjects if s.part_of)  # made of parts
        # The people who speak at each subject or at one of its parts.
        self._speakers: dict[str, set[str]] = {s.id: set(s.people) for s in kb.subjects}
        for s in kb.subjects:
            if s.part_of in self._speakers:
                self._speakers[s.part_of].update(s.people)
        self._names: dict[str, list[str]] = {}
        for s in kb.subjects:
            for concept in (*s.concepts, *((s.person,) if s.person else ())):
                self._names.setdefault(concept, []).append(s.id)
        self._cues = {c: a.id for a in kb.aspects for c in a.cues}
        self._weak = {c: a.id for a in kb.aspects for c in a.weak_cues}
        # The concept features cueing each aspect: they explain the words that chose it.
        self.cue_features: dict[str, set[str]] = {}
        for concept, aspect in (*self._cues.items(), *self._weak.items()):
            self.cue_features.setdefault(aspect, set()).add(f"#{concept}")
        self._rank = {a.id: n for n, a in enumerate(kb.aspects)}
        # How the words naming each person start ("allied commander europe"): a word of one
        # only tells which of several a shared title means (« comandante supremo … Europa »).
        self._alias_starts = {
            s.id: {
                w[:ALIAS_START]
                for form in kb.concepts.get(s.person, ())
                for w in form.split()
                if len(w) >= ALIAS_START
            }
            for s in kb.subjects
            if s.person
        }
        self._generic = matcher.generic(GENERIC_SUBJECTS, {c.id: c.subject for c in kb.cells})
        self._common = matcher.common
        self._known = matcher.known
        # What each feature contributes to a question; "the second one" names an agenda item.
        self._roles: dict[str, Role] = {OFF_SCOPE: Role.OFF}
        self._roles.update({stem(w): Role.SUBJECT for w in _ORDINALS})
        # a day named says which one (« celle de jeudi, elle a duré … ? »), a moment when
        # (« Aujourd'hui, qui … ? »): they ask nothing alone before a comma
        self._roles.update(
            {f"#{c}": Role.CUE for c in (*self._cues, *self._weak) if c not in _PLACING_ONLY}
        )
        self._roles.update({f"#{c}": Role.SUBJECT for c in self._names})

    def role(self, unit: Unit) -> Role | None:
        """What a unit contributes to a question (for the segmenter)."""
        return self._roles.get(unit.feature)

    def _ask(  # noqa: PLR0917 - what it adds to: the three lists of ``signals``
        self,
        concept: str,
        unit: Unit,
        words: Sequence[str],
        named: _Named,
        end: int,
        cues: list[str],
        by: set[str],
        said: list[tuple[int, int, Unit]],
    ) -> None:
        """Add what a unit of ``concept`` asks, if it cues an aspect, to ``cues`` (and the
        concept to ``by``); a "say" goes to ``said`` too, with the subjects and cues before
        it."""
        if concept not in self._cues:
            return
        asked = self._cue(concept, words, unit.start, named.mentions, end)
        said.extend([(len(named.mentions), len(cues), unit)] if asked == ["said"] else [])
        cues.extend(asked)
        by.update({concept} if asked else ())

    def _meant(self, units: Sequence[Unit], words: Sequence[str]) -> str:
        """The words whose meaning is asked, unquoted, after "mean by" to the end of the
        part ("what did Keller mean by the free port thing?"), if they are enough to be a
        quotation: they are cited as reported words are."""
        cue = next((u for u in units if self._cues.get(u.concept or "") == "meaning"), None)
        if cue is None or cue.end >= len(words) or words[cue.end] not in _MEANT_BY:
            return ""
        cited = words[cue.end + 1 : units[-1].end]
        return " ".join(cited) if len(cited) >= QUOTED_WORDS else ""

    def signals(self, units: Sequence[Unit], message: Words, lang: str | None) -> Signals:
        """What a part of a message in ``lang`` names and asks, before any context."""
        words = message.words
        named = _Named()
        cues: list[str] = []
        weak: list[str] = []
        topical: list[str] = []
        places: list[str] = []
        frames: list[str] = []
        pointer: str | None = None
        off: list[Unit] = []
        ordinal: int | None = None
        cued_by: set[str] = set()
        said: list[tuple[int, int, Unit]] = []  # each "say": its unit, subjects and cues before
        kept = self._unasked(
            _without_asides(
                units, at_place := [u for u in units if self._place(u, message)], message
            ),
            message,
        )
        quoted = _in_quotes(units, message)  # "who said 'it is time to …'?" asks no time
        for n, unit in enumerate(kept):
            word = words[unit.start] if unit.end - unit.start == 1 else ""
            concept = unit.concept
            # a stop word: a pronoun counts; so does a count ending the part
            if (not unit.content and concept is None and unit.feature != OFF_SCOPE) or (
                word in COUNTS and n == len(kept) - 1 and _pointer(words, unit.start)
            ):
                pointer = pointer or _pointer(words, unit.start)
                continue
            if unit.feature == OFF_SCOPE:
                off.extend(() if _item_step(words, unit.start) else (unit,))
            elif (frame := _frame(concept, word)) is not None:
                frames.append(frame)
                weak.extend(_FRAME_ASKS.get(frame, ()))
            elif (concept in self._names or concept in _VERSIONS) and not (
                unit.start and words[unit.start - 1] in _ASKERS  # "my partner" is the asker's
            ):
                self._name(concept, unit.feature, named, _put(words, unit.start), words, unit)
                # "which partner countries": names them, and asks which
                self._ask(concept, unit, words, named, units[-1].end, cues, cued_by, said)
            elif concept in self._cues and unit.start not in quoted:
                self._ask(concept, unit, words, named, units[-1].end, cues, cued_by, said)
            elif concept in self._weak and unit.start not in quoted:
                weak.extend(self._weakly_asked(concept, words[units[0].start]))
            elif (
                (number := _ordinal(word, words[kept[n - 1].start] if n else ""))
                or word in ITEM_WORDS
            ) and not self._strange_next(kept, n):
                ordinal = number or ordinal
                named.features.add(unit.feature)
            elif unit in at_place or TIME_OF_DAY.fullmatch(word):
                # a guess at where ("in Nice?") or when ("moved to 20:00?"), to correct
                weak.append("where" if unit in at_place else "when")
                places.extend([unit.feature] if unit in at_place else [])
            elif (
                unit.content
                and concept != _COMPARE  # how the versions differ: asked of what is named
                and unit.feature not in self._generic
                and not self._common(unit.feature, lang)
            ):
                topical.append(unit.feature)
            pointer = pointer or _POINTERS.get(word)
        cues, mentions, medium = self._said_by(cues, named, said, pointer is not None, kept)
        cues = self._recast(cues, named, pointer, words[units[0].start : units[-1].end])
        # "the meeting is in Geneva, isn't it?": a wrong guess at where, not another topic
        if off and self._guessed(off, named.mentions, message, kept):
            places, weak, off = [*places, *(u.feature for u in off)], [*weak, "where"], []
        start, end = _span(units, message)
        first, joined, follows = _opening(units, words)
        content = [  # a month, a day or a time of day ("moved to 20:00?") is a time, not a topic,
            u  # and "before" of an item a place in its list
            for u in kept
            if u.content
            and u.concept not in _WHEN_WORDS
            and u.concept != _COMPARE
            and not (u.concept is None and TIME_OF_DAY.fullmatch(words[u.start]))
            and not (words[u.start] in _PLACING and _item_step(words, u.start))
        ]
        return Signals(
            text=message.text[start:end],
            lang=lang,
            features=[u.feature for u in content],
            mentions=mentions,
            # "the French agenda" names a version, not a nationality
            cues=sorted(set(cues), key=self._rank.__getitem__)
            or list(dict.fromkeys(w for w in weak if not (w == "bio" and named.version))),
            topical=topical,
            names=named.features,
            by_name=named.by_name,
            ambiguous=named.ambiguous,
            version=named.version,
            pointer=pointer,
            ordinal=ordinal,
            step=_step(words[units[0].start : units[-1].end]),
            off_scope=bool(off),
            follow_up=follows or len(content) <= FOLLOW_UP_WORDS,
            # "and Keller?", "Moreau?"; not "is he at the press conference?", a question,
            # even after "and" ("…, and is Keller at the press conference?"), nor "what is
            # the committee?", which asks what it is
            bare=(joined and first not in _YES_NO)
            or follows
            or (
                first not in _ASKS_ITSELF
                and all(u.feature in named.features or words[u.start] in _AMENDING for u in content)
            ),
            opens=first in OPENERS,
            yes_no=first in _YES_NO or not (first in OPENERS or follows or joined),
            quoted=self._quoted(units, message, start, end, named.features),
            # the last report is the innermost: « il affirme que X a dit que … »
            reported=next((r for *_, u in reversed(said) if (r := _reported(words, u, units))), "")
            if "said" in cues
            else self._meant(kept, words),
            other=not _OTHER.isdisjoint(words[units[0].start : units[-1].end]),
            places=tuple(places),
            cued_by=frozenset(cued_by),
            frames=tuple(frames),
            medium=medium,
            head=named.head,
            strangers=self._strangers(kept, message, at_place),
            compare=any(u.concept == _COMPARE for u in kept),
        )

    def _unasked(self, units: list[Unit], message: Words) -> list[Unit]:
        """The units less relative pronouns, which ask nothing (« le point qui mentionne
        2030 »)."""
        words = message.words
        return [
            u
            for n, u in enumerate(units)
            if words[u.start] not in RELATIVES or not relative(units, n, message, self.role)
        ]

    def _strangers(
        self, units: Sequence[Unit], message: Words, places: Sequence[Unit]
    ) -> tuple[str, ...]:
        """Names the knowledge base does not know, capitalised inside their sentence ("did
        China attend?", « la position de la France »), less the places put as a guess; and
        a country's people ("the American chief", « le pilote français »)."""
        return tuple(
            u.feature
            for u in units
            if u.concept == _NATIONALITY
            or (
                u.concept is None
                and u.content
                and u.start not in message.breaks
                and u.start > 0
                and message.raw[u.start][:1].isupper()
                and u not in places
                and not self._known(u.feature)
            )
        )

    def _place(self, unit: Unit, message: Words) -> bool:
        """Whether a unit is a place name the knowledge base does not know, after "in", « à »
        ("the meeting is in Nice?"), typed with a capital inside its sentence."""
        n = unit.start
        return (
            unit.content
            and unit.end - n == 1
            and n > 0
            and n not in message.breaks
            and message.raw[n][:1].isupper()
            and message.words[n - 1] in _PLACE_WORDS
            and not self._known(unit.feature)
        )

    def _guessed(
        self, off: list[Unit], mentions: list[str], message: Words, units: Sequence[Unit]
    ) -> bool:
        """Whether the off-scope words of a part naming an event are all places put as a
        guess at where it is ("is the meeting in Geneva?"); ``units``: the part's."""
        event = any(not (s := self._subjects[m]).person and (s.time or s.people) for m in mentions)
        names = {u.start for u in units if u.concept in self._names}
        return event and all(_guessed_place(u, message, names) for u in off)

    def _recast(
        self, cues: list[str], named: _Named, pointer: str | None, words: Sequence[str]
    ) -> list[str]:
        """The aspects asked, once the whole part is read: « qu'en dit l'annonce ? » asks
        what a text says of what the pronoun points to; "who talked about X?" who said it;
        "where is Keller from?" asks where a person (or "he") comes from, his background;
        "held in English?" of an event which language; "… what X is" what it is; « dans
        la version française, comment est traduite sa phrase ? » the words in that version."""
        mentions = named.mentions
        if named.version and "said" in cues:
            cues = [c for c in cues if c != "language"]
        asks_person = "who" in cues or not PERSON_ASPECTS.isdisjoint(cues)  # « celui qui … »
        if pointer and mentions and all(map(self.is_text, mentions)) and not asks_person:
            cues = ["about" if c == "said" else c for c in cues]
        if "who" in cues and "about" in cues and not _TALKING.isdisjoint(words):
            cues = ["said" if c == "about" else c for c in cues]
        person = any(self._subjects[m].person for m in mentions) or pointer == "he"
        if "where" in cues and person and any(w in ORIGIN for w in words):
            cues = ["bio" if c == "where" else c for c in cues]
        if cues or not mentions:
            return cues
        if self._doing_there(mentions, pointer == "he", words):
            return ["said"]  # "what did Keller do at the opening?": he spoke there
        if "what" in words and (words[-1] in _BE or _what_for(words)):
            return ["about"]  # "tell me what this meeting is", "what is it for?": what it is
        languages = [not lang.isdisjoint(words) for lang in _LANGUAGES]
        if all(languages) or (any(languages) and all(map(self._speaks, mentions))):
            return ["language"]  # "was the talk held in English?", "… in French or English?"
        return cues

    def _doing_there(self, mentions: list[str], he: bool, words: Sequence[str]) -> bool:
        """Whether a question asks what someone (or "he") did at an event he speaks at, or
        at one of its parts."""
        if _DOING.isdisjoint(words) or _WHAT.isdisjoint(words):
            return False
        people = {self._subjects[m].person for m in mentions} - {None}
        return any((people & self._speakers[m]) or (he and self._speakers[m]) for m in mentions)

    def _said_by(
        self,
        cues: list[str],
        named: _Named,
        said: Sequence[tuple[int, int, Unit]],
        pointed: bool,
        units: Sequence[Unit],
    ) -> tuple[list[str], list[str], bool]:
        """The aspects and subjects asked, once each "say" has its sayer: the last speaker
        or text named before the verb, else the first after it (« que dit l'annonce ? »),
        else a theme before it. A person or an event says words to quote; a text or a theme
        says what it is about ("what does the agenda say about X?", not "hat Keller etwas
        über X gesagt?", where Keller speaks). A text saying something of another subject,
        or of another aspect ("what does the notice say about the time?"), is only where
        the answer is read (the medium): the question is about that subject or aspect, or
        what a pronoun points to (``pointed``: « que dit l'annonce là-dessus ? »).
        ``units`` are the part's, read.
        Returns the aspects, the subjects and whether a medium was set aside."""
        cues, mentions, order = list(cues), self._prune(named, units), named.mentions
        medium = False
        for at, cue_at, _ in said:
            before = [m for m in order[:at] if self._can_say(m)][-1:]
            sayers = before or [m for m in order[at:] if self._can_say(m)][:1] or order[:at][-1:]
            if not sayers or self._speaks(sayer := sayers[0]):
                continue
            cues[cue_at] = "about"
            others = [m for m in mentions if m != sayer and m not in self.ancestors(sayer)]
            asked = [c for n, c in enumerate(cues) if n > cue_at]
            besides = {c for n, c in enumerate(cues) if n != cue_at}
            # « qu'a dit celui qui préside X ? »: a person said it; but a text named before
            # the verb, asked "who" after it, says who someone is ("does the notice say who
            # chairs it?")
            person = "who" in besides or not PERSON_ASPECTS.isdisjoint(besides)
            told = before and self.is_text(sayer) and not _PERSON_ASKED.isdisjoint(asked)
            if person and not told:
                cues[cue_at] = "said"
                continue
            if self.is_text(sayer) and (others or asked or (pointed and self._whole(sayer))):
                mentions, medium = others, True
                cues[cue_at] = asked[0] if asked else "about"
        return cues, mentions, medium

    def _strange_next(self, units: Sequence[Unit], n: int) -> bool:
        """Whether the unit after ``n`` is a word the announcement never uses: « le dernier
        PSG-OM », "the last Super Bowl" place something else, not a speaker or an item."""
        after = units[n + 1] if n + 1 < len(units) else None
        return (
            after is not None
            and after.content
            and after.concept is None
            and not self._known(after.feature)
        )

    def _whole(self, sid: str) -> bool:
        """Whether a subject stands alone, neither part of another nor made of parts (the
        announcement, not the agenda or one of its items)."""
        return self._subjects[sid].part_of is None and sid not in self.wholes

    def _can_say(self, sid: str) -> bool:
        """Whether a subject can be who or what says something: a speaker or a text."""
        return self._speaks(sid) or self.is_text(sid)

    def _quoted(
        self, units: Sequence[Unit], message: Words, start: int, end: int, names: set[str]
    ) -> tuple[str, ...]:
        """The quotations a part cites, less the names in quotation marks: « Commandant
        suprême Transformation », ça désigne qui ? cites a title, not words said."""
        out = []
        for span, (left, right) in _quotations(message.text, start, end):
            inside = [u for u in units if u.content and left <= message.spans[u.start][0] < right]
            if not inside or not all(u.feature in names for u in inside):
                out.append(span)
        return tuple(out)

    def _weakly_asked(self, concept: str, opener: str) -> tuple[str, ...]:
        """The aspect a weak cue asks, if no other does: none for a moment in a question
        opening with "which" ("which body meets this week?" places the one asked in time)."""
        aspect = self._weak[concept]
        return () if aspect == "status" and opener in _WHICH_ONE else (aspect,)

    def _cue(
        self, concept: str, words: Sequence[str], n: int, mentions: list[str], end: int
    ) -> list[str]:
        """The aspect a cue word at ``n`` asks, if it asks one here (the part ends at
        ``end``)."""
        cue = self._cues[concept]
        if cue == "name" and words[n] == "name" and _AUXILIARIES & set(words[max(0, n - 3) : n]):
            return []  # "who does the notice name?": the verb, not a name asked
        if cue == "name" and words[n] in _CALLING and mentions:
            if not self._subjects[mentions[-1]].person:
                return ["about"]  # "what is the port's highest body called?": what it is
            if n + 1 < end:
                return ["said"]  # "Keller called the plan a success?": what he said
        if words[n] == "address" and n > 0 and words[n - 1] in _DOERS:
            return ["about"]  # "did the meeting address X?": the verb, what it dealt with
        if cue == "role" and words[n] in _STANCE and not _ON.isdisjoint(words[n + 1 : end]):
            return ["said"]  # "his position on X": what he said of it
        # "my teacher said it's today, is it?" asks no quotation, "I read that …", « j'ai lu
        # que … » no link: how the asker heard of a claim
        claim = cue in _TOLD_BY and not _THAT.isdisjoint(words[n + 1 : min(n + 3, end - 1)])
        # "what about the press conference?" asks what was asked before, of it: no "about"
        what_about = cue == "about" and n > 0 and words[n - 1] in _HOW_ABOUT
        return [] if ((cue == "said" or claim) and _hearsay(words, n)) or what_about else [cue]

    def is_text(self, sid: str) -> bool:
        """Whether a subject is a text, which says things of others but is quoted on nothing
        (the announcement), unlike a speaker or a theme people spoke of."""
        return not self._speaks(sid) and self._subjects[sid].serving("said") is None

    def _speaks(self, sid: str) -> bool:
        """Whether a subject can say something itself: a person, or an event where people
        speak ("what was said at the opening")."""
        s = self._subjects[sid]
        return bool(s.person or s.people)

    def ancestors(self, sid: str) -> set[str]:
        """The subjects ``sid`` is part of, however deep."""
        out: set[str] = set()
        parent = self._subjects[sid].part_of
        while parent and parent not in out:
            out.add(parent)
            parent = self._subjects[parent].part_of
        return out

    def _name(  # noqa: PLR0917 (the unit, and where it lies)
        self,
        concept: str,
        feature: str,
        named: _Named,
        asked: bool,
        words: Sequence[str],
        unit: Unit,
    ) -> None:
        """Note what a unit names: subjects, or a version of the announcement; ``asked``
        when a question word puts it ("which budget …?"). A language next to a thing
        named names its version: « l'ordre du jour anglais », "the French agenda"."""
        named.features.add(feature)
        if concept in _VERSIONS:
            named.version = _VERSIONS[concept]
            return
        subjects = self._names[concept]
        beside = (words[unit.end : unit.end + 1], words[unit.start - 1 : unit.start])
        version = next((_LANGUAGE_OF[w[0]] for w in beside if w and w[0] in _LANGUAGE_OF), None)
        if version and not any(self._subjects[s].person for s in subjects):
            named.version = version
        named.by_name.update(s for s in subjects if self._subjects[s].person == concept)
        named.mentions.extend(s for s in subjects if s not in named.mentions)
        if asked and named.head is None and len(subjects) == 1:
            named.head = subjects[0]
        if len(subjects) > 1:
            named.ambiguous.update(subjects)

    def _prune(self, named: _Named, units: Sequence[Unit]) -> list[str]:
        """The subjects named, less one when a part of it is also named ("the opening of
        the meeting") unless both came from one word naming several ("partners"), less
        a person named only by a rank when another is named by name (« le général
        Laurent »), and less the persons a shared title names when the part's other
        words (its ``units`` naming no concept) name only one of them ("the supreme
        commander in Europe")."""
        mentions, ambiguous = named.mentions, named.ambiguous
        fits = self._fitting(ambiguous, units) if ambiguous else set()
        if len(fits) == 1:  # the one meant is named, no longer ambiguous
            mentions = [m for m in mentions if m not in ambiguous or m in fits]
            named.ambiguous = ambiguous = ambiguous - fits
        covered = {
            a
            for m in mentions
            for a in self.ancestors(m)
            if not (m in ambiguous and a in ambiguous)
        }
        if named.by_name:
            covered |= {m for m in mentions if self._subjects[m].person and m not in named.by_name}
        return [m for m in mentions if m not in covered]

    def _fitting(self, subjects: set[str], units: Sequence[Unit]) -> set[str]:
        """Those of ``subjects`` that a word of the units, naming no concept, names too,
        by how it starts ("Europa" for "allied commander europe")."""
        starts = {
            u.feature[:ALIAS_START]
            for u in units
            if not u.concept and len(u.feature) >= ALIAS_START
        }
        return {m for m in subjects if not starts.isdisjoint(self._alias_starts.get(m, ()))}

    def related(self, first: Sequence[Unit], second: Sequence[Unit]) -> bool:
        """Whether two parts name a subject and a part of it ("defence planning — on the
        agenda?"): they make one question."""
        a, b = self._named(first), self._named(second)
        return any(x in self.ancestors(y) or y in self.ancestors(x) for x in a for y in b)

    def _named(self, units: Sequence[Unit]) -> list[str]:
        return [s for u in units if (c := u.concept) in self._names for s in self._names[c]]


def _span(units: Sequence[Unit], message: Words) -> tuple[int, int]:
    """Where a part lies in the message's text."""
    if not units:
        return 0, 0
    return message.spans[units[0].start][0], message.spans[units[-1].end - 1][1]


def _what_for(words: Sequence[str]) -> bool:
    """Whether words ask what something is for ("what's the meeting actually for?"), not
    what someone asked for ("what % did Keller ask for?")."""
    after = words[words.index("what") + 1 :]
    return words[-1] == "for" and bool(after) and after[0] in _WHAT_BE


def _opening(units: Sequence[Unit], words: Sequence[str]) -> tuple[str, bool, bool]:
    """A part's first word; whether a follow-up word ("and") was cut off before it: "and
    the second day?" still opens with it; and whether it opens as a follow-up does ("and
    …", "what about …?"; not "what is …?", which asks what something is)."""
    if not units:
        return "", False, False
    n = units[0].start
    first = words[n]
    follows = first in _FOLLOW and (first != "what" or tuple(words[n + 1 : n + 2]) == ("about",))
    return first, n > 0 and words[n - 1] in _FOLLOW, follows


def _item_step(words: Sequence[str], n: int) -> bool:
    """Whether the word at ``n`` places an item against another ("the one before", « le
    point juste avant », « le suivant »), not a predecessor in office ("who was chair
    before him?") or a time ("after the meeting")."""
    word = words[n]
    if word in _NEXT_ONE:
        return True
    placing = word in _BEFORE or word in _AFTER
    return placing and not _ONES.isdisjoint(words[max(0, n - ONE_REACH) : n])


def _person_step(words: Sequence[str], n: int) -> bool:
    """Whether the word at ``n`` places a person against another ("after him", « avant
    lui »): a speaker's place in a list if "spoke" is asked, else a predecessor in office."""
    return (words[n] in _BEFORE or words[n] in _AFTER) and tuple(words[n + 1 : n + 2]) in _HIM


def _step(words: Sequence[str]) -> int:
    """How far from the item (or person) asked last a part asks ("the one before", « le
    suivant », "after him")."""
    if _PLACING.isdisjoint(words):
        return 0  # the common case, in one lookup
    placing = [
        words[n] for n in range(len(words)) if _item_step(words, n) or _person_step(words, n)
    ]
    if not placing:
        return 0
    return -1 if placing[0] in _BEFORE or placing[0] in _PREVIOUS_ONE else 1


def _ordinal(word: str, before: str) -> int | None:
    """The place a word gives ("second", "last", "2" after "item"), or None; "a second",
    « une seconde » are a moment ("wait a second")."""
    if word in _ORDINALS:
        return None if word in _MOMENT and before in _INDEFINITE else _ORDINALS[word]
    return int(word) if word.isdigit() and before in ITEM_WORDS else None


# A message's quotations are looked for by several readings of its parts.
@functools.lru_cache(maxsize=64)
def _marked(text: str) -> tuple[tuple[str, int, int], ...]:
    """Each span of ``text`` in quotation marks: its words, where it starts and ends."""
    if not any(mark in text for mark in "\"“«‘'"):
        return ()
    return tuple(
        (next(g for g in m.groups() if g), m.start(), m.end()) for m in _QUOTED.finditer(text)
    )


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where text in quotation marks lies: cited words, not the asker's own grammar."""
    return [(start, end) for _, start, end in _marked(text)]


def _in_quotes(units: Sequence[Unit], message: Words) -> set[int]:
    """Where the units inside quotations start: words cited, not the question's own."""
    if not units:
        return set()
    start, end = _span(units, message)
    spans = [where for _, where in _quotations(message.text, start, end)]
    return {u.start for u in units if any(a <= message.spans[u.start][0] < b for a, b in spans)}


def _quotations(text: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """The quotations cited between ``start`` and ``end`` of a message: spans in quotation
    marks (opening in the part, or just before it: « Keller a dit » opens with its mark and
    a space) of a few words or more. A span ending in a question mark is a question quoted
    (``print('when is it?')``), not words someone said. Each comes with where it lies in
    ``text``."""
    spans = (
        (span, (left, right))
        for span, left, right in _marked(text)
        if left < end
        and (left >= start or not text[left + 1 : start].strip())
        and not span.rstrip().endswith("?")
    )
    folded = ((fold(span), where) for span, where in spans)
    return [
        (f, where)
        for f, where in folded
        if len(f.split()) >= QUOTED_WORDS or _called_a_word(text, where[0])
    ]


def _called_a_word(text: str, left: int) -> bool:
    """Whether the quotation opening at ``left`` follows "word" or « mot »."""
    before = fold(text[max(0, left - WORD_NOUN_REACH) : left]).split()
    return bool(before) and before[-1] in _WORD_NOUNS
