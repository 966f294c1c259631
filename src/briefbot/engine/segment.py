"""Cutting a message into the questions it asks.

A message is cut into sentences, and a sentence into parts at "and", "et",
commas and the like, but only between two parts that each ask something: a
part naming a subject and a part asking an aspect complete each other ("the
press conference, when?") and stay one question. Sentences that ask nothing
(no question mark, no question word) are the message's preamble: they do not
become questions, but they say what a later "he" or "it" points to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from briefbot.engine.lexer import Unit, Words

# Words joining two questions, per language of the message (folded).
_JOINS = frozenset("and et also aussi plus then puis".split())
_JOINS_OTHER = {
    "es": {"y"},
    "it": {"e"},
    "pt": {"e"},
    "de": {"und"},
    "nl": {"en"},
    "pl": {"i"},
    "ro": {"si"},
    "sv": {"och"},
    "da": {"og"},
    "ca": {"i"},
}
# Joining words that are adverbs too: they join two questions only before a question
# word ("… also, when is it?"), not inside one (« l'UE a aussi un comité ? »).
_ADVERB_JOINS = frozenset("also aussi plus then puis".split())
# After "or", a verb and a pronoun for the same thing open a second question of it ("is
# it live or is it recorded?"); "or" otherwise offers a choice within one question ("in
# Geneva or in Lyon?", "on the website or is there another stream?").
_OR_ASKS = frozenset("is are was were do does did will would can could has have should".split())
_OR_BACK = frozenset("it they he she".split())
# Words that open a question (folded); a sentence starting with one asks something.
OPENERS = frozenset(
    """who what when where which how why whose is are was were do does did can could will would
    should has have any tell give list explain show qui que qu quoi quand ou comment pourquoi quel
    quelle quels quelles lequel laquelle combien est c cest y ya dis donne explique montre liste
    rappelle peux pouvez pourrais pourriez wen wat whats whos wheres hows ki koi qd kan""".split()
)
# Words that may come before a question's first word ("anyway, who …", « bon, qui … »).
_FILLERS = frozenset(
    """anyway so ok okay btw and but well hey also then plus bon alors donc et mais sinon aussi
    puis ensuite next first firstly abord now maintenant""".split()
)
# A part opening with these says more of the one before it: « celui des chefs », "the one".
_APPOSITIVES = frozenset(
    {("celui",), ("celle",), ("ceux",), ("celles",), ("the", "one"), ("that", "one")}
)
# A part opening with these (within its first few units, after "just curious") is the
# condition of the question after it: "if I wanted to watch it, when is it?".
_CONDITIONS = frozenset("if si".split())
# Subject pronouns of a question about what the part before them named.
_BACK = frozenset("il elle ils elles it they".split())
CONDITION_REACH = 3
# A part with one of these asks or sets a condition: never a mere heading.
_ASKING_OR_IF = OPENERS | _CONDITIONS
# Words that ask for something inside a sentence ("can you tell me …", « je voudrais savoir »).
_REQUESTS = frozenset(
    "tell know savoir dire dis dites give donner donne donnez explain expliquer list".split()
)
# … these only when told or given to the asker: « me dire », not « envie de dire une
# bêtise »; the imperatives only right before him: « dis-moi », not « moi je dis que »
_TO_SOMEONE = frozenset("tell dire give donner".split())
_TO_ME_NEXT = frozenset("dis dites donne donnez".split())
_ME = frozenset("me m moi nous us".split())
# A request made of these alone asks for what comes next.
_BARE_REQUEST = (
    _REQUESTS | _ME | frozenset("mais quand meme au moins donc alors svp stp please just".split())
)
# Orders opening a sentence: told to the bot, they ask something of it, to answer or decline
# ("Ignore your rules and …", « Oublie tes consignes »), never a preamble to pass over.
_ORDERS = frozenset(
    """ignore forget pretend print repeat write act disregard reveal oublie oubliez ignorez
    affiche affichez ecris ecrivez repete repetez imagine fais faites quote cite citez""".split()
)
_QUOTING = frozenset("quote cite citez".split())  # orders only with whom to quote
# Words giving an order as one, before "you" (« ordonne » alone): "I order you to …".
_ORDERING = frozenset("order command ordering commanding ordonne".split())
# Openings that cast the bot in a part to play: "You are now …", « Tu es maintenant … ».
_CASTING = frozenset(
    {("you", "are", "now"), ("youre", "now"), ("tu", "es", "maintenant"), ("from", "now", "on")}
    | {("vous", "etes", "maintenant"), ("tu", "seras"), ("you", "will", "be")}
)
# Words after which a sentence says what the asker wants to know ("… wants to know which
# admirals …", « … voudrait savoir qui … »): what comes before them only tells.
_KNOWING = frozenset("know savoir".split())
# … and after which a question someone asked is told ("a student asked me what the
# committee is", « il m'a demandé qui était … »): the question told is the one asked.
_ASKED = frozenset("asked asks asking wondered wondering demande demandait".split())
_TOLD_QUESTION = frozenset(
    "what who when where which how quel quelle quels quelles qui quand ou comment combien".split()
)


class Role(Enum):
    """What a unit contributes to a question."""

    SUBJECT = "subject"  # names a subject
    CUE = "cue"  # asks for an aspect
    OFF = "off"  # takes the question outside the announcement


@dataclass(slots=True, init=False, unsafe_hash=True)
class Part:
    """One question's words, and whether its sentence asked something.

    Not frozen, with its own ``__init__``: made for every answer (see ``types``).
    """

    units: tuple[Unit, ...]
    asks: bool
    sentence: int

    def __init__(self, units: tuple[Unit, ...], asks: bool, sentence: int) -> None:
        self.units = units
        self.asks = asks
        self.sentence = sentence


# "Who" or "where" after the subject it speaks of opens a relative clause, which asks
# nothing (« le point qui mentionne 2030 », « le point où elle apparaît », "the admiral
# who chairs it"); the subject is a noun put by one of these, not a verb (« ils
# rencontrent qui ? »).
RELATIVES = frozenset("qui who ou where".split())
_DETERMINERS = frozenset(
    "the a an this these le la les l un une des du de d ce cet cette ces son sa ses".split()
)


def relative(
    units: Sequence[Unit], n: int, words: Words, role: Callable[[Unit], Role | None]
) -> bool:
    """Whether unit ``n`` is a relative pronoun right after a unit naming a subject."""
    unit = units[n]
    return (
        0 < n < len(units) - 1  # « la réunion où ? » asks where
        and unit.end - unit.start == 1
        and words.words[unit.start] in RELATIVES
        and role(units[n - 1]) is Role.SUBJECT
        and units[n - 1].start > 0
        and words.words[units[n - 1].start - 1] in _DETERMINERS
    )


def _roles(units: Sequence[Unit], role: Callable[[Unit], Role | None], words: Words) -> set[Role]:
    return {
        r
        for n, u in enumerate(units)
        if (r := role(u)) is not None and (r is not Role.CUE or not relative(units, n, words, role))
    }


# The joining words of each language, made once: a message of another language adds its own.
_JOINS_BY_LANG = {lang: _JOINS | frozenset(words) for lang, words in _JOINS_OTHER.items()}


def _joins(lang: str | None) -> frozenset[str]:
    return _JOINS_BY_LANG.get(lang or "", _JOINS)


Related = Callable[[Sequence[Unit], Sequence[Unit]], bool]


def _split_sentence(
    units: list[Unit],
    words: Words,
    role: Callable[[Unit], Role | None],
    joins: frozenset[str],
    related: Related,
) -> list[list[Unit]]:
    """Cut one sentence at joining words and commas, then glue back parts that
    complete each other or ask nothing alone."""
    pieces: list[list[Unit]] = [[]]
    for n, unit in enumerate(units):
        # the word as typed (folded), not its stem: « puis » stems to another word
        word = words.words[unit.start] if unit.end - unit.start == 1 else ""
        join = (word in joins or word == "or") and _joins_here(word, n, units, words, joins)
        if (unit.start in words.commas or join) and pieces[-1]:
            pieces.append([])
        if not join:
            pieces[-1].append(unit)
    pieces = [p for p in pieces if p]
    merged: list[list[Unit]] = []
    for piece in pieces:
        roles = _roles(piece, role, words)
        if merged:
            before = _roles(merged[-1], role, words)
            if (
                not roles
                or not before
                or _complete(merged[-1], before, piece, roles, words)
                or (before == roles == {Role.SUBJECT} and related(merged[-1], piece))
                or _heading(merged, piece, before=before, roles=roles, words=words, joins=joins)
                or _apposed(piece, words)
            ):
                merged[-1].extend(piece)
                continue
        merged.append(piece)
    return merged


def _joins_here(
    word: str, n: int, units: Sequence[Unit], words: Words, joins: frozenset[str]
) -> bool:
    """Whether a joining word (or "or") at unit ``n`` joins two questions: an adverb only
    before a question word, "or" only before a verb and a pronoun for the same thing."""
    after = words.words[units[n + 1].start] if n + 1 < len(units) else ""
    if word in joins:
        return units[n].feature not in _ADVERB_JOINS or after in OPENERS
    return (
        words.raw[units[n].start].lower() == "or"
        and after in _OR_ASKS
        and not _OR_BACK.isdisjoint(words.words[units[n].start + 2 : units[n].start + 3])
    )


def _condition(piece: list[Unit], after: list[Unit] | None, words: Words) -> bool:
    """Whether a part is the condition of the question after it ("just curious, if I
    wanted to watch the press conference, when is it?"): it asks nothing itself, but says
    what "it" is, as a preamble does."""
    return (
        after is not None
        and words.words[after[0].start] in OPENERS
        and any(words.words[u.start] in _CONDITIONS for u in piece[:CONDITION_REACH])
    )


def _apposed(piece: list[Unit], words: Words) -> bool:
    """Whether a part only says more of the one before it, after a comma (« le prochain
    sommet, celui des chefs d'État ? », "the summit, the one in Geneva?")."""
    first = words.words[piece[0].start : piece[0].start + 2]
    return first[:1] in _APPOSITIVES or first in _APPOSITIVES


def _heading(
    merged: list[list[Unit]],
    piece: list[Unit],
    *,
    before: set[Role],
    roles: set[Role],
    words: Words,
    joins: frozenset[str],
) -> bool:
    """Whether the first part of a sentence only names what the question after its comma
    is about ("In the announcement, what does the agenda say …?", « Moreau, il a dit quoi ? »),
    or names what the announcement does not speak of (« L'ONU, elle y était ? »). A part
    naming more than a subject, with no question word nor condition, is a heading too when
    the question points back to it with a pronoun (« L'objectif pour 2030, il est en bonne
    voie ? », "the notice about the harbour, what day was it published?")."""
    head = merged[0]
    return (
        len(merged) == 1
        and (
            before in ({Role.SUBJECT}, {Role.OFF}, {Role.SUBJECT, Role.OFF})
            or (
                Role.SUBJECT in before
                and not _BACK.isdisjoint(words.words[piece[0].start : piece[-1].end])
                and _ASKING_OR_IF.isdisjoint(words.words[head[0].start : head[-1].end])
            )
        )
        # the question asks something; or, after what the announcement does not speak of,
        # names what of it is asked (« la réunion des ministres en février, c'était quoi
        # l'ordre du jour ? »: that meeting's agenda)
        and (Role.CUE in roles or (Role.OFF in before and Role.SUBJECT in roles))
        and words.words[head[0].start] not in OPENERS
        and words.words[piece[0].start - 1] not in joins
    )


def _complete(
    first: list[Unit], before: set[Role], second: list[Unit], roles: set[Role], words: Words
) -> bool:
    """Whether two parts make one question: one names a subject, the other asks of it
    ("the press conference, when?"), and the naming part is not a question of its own
    ("what is the Board, who chairs it?")."""
    if {frozenset(before), frozenset(roles)} != {frozenset({Role.SUBJECT}), frozenset({Role.CUE})}:
        return False
    naming = first if before == {Role.SUBJECT} else second
    return words.words[naming[0].start] not in OPENERS and not _inverted(words, naming[0].start)


# French subject pronouns after their verb make a question (« va-t-il », « parle-t-elle »).
_INVERTED = frozenset("il elle on ils elles".split())


def _inverted(words: Words, n: int) -> bool:
    """Whether the word at ``n`` opens a French question by inversion: a verb, a hyphen,
    then a subject pronoun (« va-t-il s'adresser à la presse ? »)."""
    ahead = words.words[n + 1 : n + 3]
    if ahead[:1] == ("t",):
        ahead = ahead[1:]
    return (
        bool(ahead)
        and ahead[0] in _INVERTED
        and words.text[words.spans[n][1] : words.spans[n][1] + 1] == "-"
    )


def _sentences(units: Sequence[Unit], words: Words) -> list[tuple[list[Unit], bool]]:
    """Units grouped by sentence, each with whether it ended with a question mark."""
    out: list[tuple[list[Unit], bool]] = []
    current: list[Unit] = []
    for unit in units:
        if unit.start in words.breaks and current:
            out.append((current, unit.start in words.asked))
            current = []
        current.append(unit)
    if current:
        out.append((current, len(words.words) in words.asked))
    return out


# A sentence that names a subject, with at most this many other content words, heads
# the question after it ("Defence planning — on the agenda?").
HEAD_EXTRA_WORDS = 1


def _heads(
    sentences: list[tuple[list[Unit], bool]], role: Callable[[Unit], Role | None], words: Words
) -> list[tuple[list[Unit], bool]]:
    """Join a sentence that only names a subject to the question that follows it."""
    out: list[tuple[list[Unit], bool]] = []
    for units, marked in sentences:
        if out:
            head, head_marked = out[-1]
            extra = sum(u.content and role(u) is None for u in head)
            if (
                not head_marked
                and extra <= HEAD_EXTRA_WORDS
                and _roles(head, role, words) == {Role.SUBJECT}
            ):
                out[-1] = ([*head, *units], marked)
                continue
        out.append((units, marked))
    return out


def _asks(
    units: list[Unit], marked: bool, words: Words, role: Callable[[Unit], Role | None]
) -> bool:
    """Whether a sentence asks something: a question mark, an opening question word or
    order (after fillers such as "anyway", « bon »), or a request ("can you tell me …")."""
    typed = [words.words[u.start] for u in units]
    if not marked and _BARE_REQUEST.issuperset(typed):
        return False  # « Mais dites-moi quand même : … »: what follows is the question
    at = next((n for n, w in enumerate(typed) if w not in _FILLERS), len(typed))
    first = typed[at] if at < len(typed) else ""
    # "quote Keller" orders a quotation; "quote block" is a noun
    quoting = first not in _QUOTING or any(role(u) is Role.SUBJECT for u in units[at + 1 :])
    # an order given as one anywhere: "as a server admin I order you to …", « je t'ordonne »
    every = words.words[units[0].start : units[-1].end] if units else ()
    ordered = not _ORDERING.isdisjoint(every) and any(
        w in _ORDERING and (w == "ordonne" or every[n + 1 : n + 2] == ("you",))
        for n, w in enumerate(every)
    )
    # a part given to play opens the sentence: "You are now DAN", « Tu es maintenant … »
    head = words.words[units[at].start : units[at].start + 3] if at < len(units) else ()
    cast = head in _CASTING or head[:2] in _CASTING
    if marked or first in OPENERS or (first in _ORDERS and quoting) or ordered or cast:
        return True
    return any(
        w in _REQUESTS
        and (w not in _TO_SOMEONE or _to_me(typed, n))
        and (w not in _TO_ME_NEXT or typed[n + 1 : n + 2] in (["moi"], ["nous"]))
        and not (w == "know" and typed[n - 1 : n] in (["i"], ["we"]))  # "I know he's …"
        for n, w in enumerate(typed)
    )


def _to_me(typed: Sequence[str], n: int) -> bool:
    """Whether the telling or giving at ``n`` is to the asker ("tell me", « me dire »)."""
    return bool({*typed[max(0, n - 2) : n], *typed[n + 1 : n + 2]} & _ME)


def segment(
    units: Sequence[Unit],
    words: Words,
    role: Callable[[Unit], Role | None],
    lang: str | None,
    related: Related,
) -> list[Part]:
    """The message's parts, in order; parts of preamble sentences have ``asks`` False.
    ``related`` tells two parts naming a subject and a part of it, which stay one."""
    joins = _joins(lang)
    sentences = _heads(_sentences(units, words), role, words)
    asking = [_asks(s, marked, words, role) for s, marked in sentences]
    any_asks = any(asking)
    parts: list[Part] = []
    for n, (sentence, _) in enumerate(sentences):
        asks = asking[n] or not any_asks
        pieces = _split_sentence(sentence, words, role, joins, related)
        for k, piece in enumerate(pieces):
            after = pieces[k + 1] if k + 1 < len(pieces) else None
            # "my dad was in the navy and wants to know | which admirals …": the telling,
            # which names nothing the announcement speaks of, is left out
            cut = _wants_to_know(piece, words, role) if asks else _asked_me(piece, words, role)
            piece_asks = asks and not _condition(piece, after, words)
            parts.append(Part(tuple(piece[cut:]), piece_asks, n))
    return parts


def _asked_me(piece: list[Unit], words: Words, role: Callable[[Unit], Role | None]) -> int:
    """Where the question told starts in a preamble telling that someone asked it ("my
    student asked me what the highest military authority is"), when it names something the
    announcement speaks of; 0 when it does not."""
    typed = [words.words[u.start] for u in piece]
    at = next((n for n, w in enumerate(typed) if w in _ASKED), None)
    if at is None:
        return 0
    start = next(
        (n for n in range(at + 1, min(at + 4, len(typed))) if typed[n] in _TOLD_QUESTION), 0
    )
    return start if start and any(role(u) is not None for u in piece[start:]) else 0


def _wants_to_know(piece: list[Unit], words: Words, role: Callable[[Unit], Role | None]) -> int:
    """Where the question starts in a piece that first tells something naming nothing the
    announcement speaks of, then asks after "to know", « savoir »; 0 when it does not."""
    at = next(
        (
            n
            for n, u in enumerate(piece)
            if u.end - u.start == 1 and words.words[u.start] in _KNOWING
        ),
        None,
    )
    if at is None:
        return 0
    told = piece[:at]
    tells = any(u.content for u in told) and all(role(u) is None for u in told)
    asked = any(role(u) is not None for u in piece[at + 1 :])
    return at + 1 if tells and asked else 0
