"""From a cleaned message to units: words, spelling-corrected, with known phrases as concepts.

A message is first cut into words, remembering where sentences end and where
commas fall (the segmenter splits on them). Each word is folded (no case, no
accents) and, where it is not a real word of either language, corrected to the
nearest word the knowledge base uses. Known phrases then become one unit each:
a concept (``#press`` for "conf de presse", ``#silva`` for "CFO") or an
off-scope marker; other words stay words, cut to a crude stem so "items" and
"item" meet. Off-scope phrases count only in the language they belong to, so
the French « eu » of « a eu lieu » is not the English "EU".
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from briefbot.engine.common_words import COMMON_WORDS
from briefbot.engine.normalize import fold, has_held
from briefbot.engine.stopwords import STOPWORDS

OFF_SCOPE = "!off_scope"
# Words are cut to this many letters, a crude stemmer that also meets across
# languages: "interoperability"/"interoperabilite", "supporting"/"support".
STEM_LEN = 6
# A real word whose root is a form's root less this many letters or more is a word of its
# own (« commune », « communiqué »), not an inflection.
SHORTER_ROOT = 2
# Equally near corrections compared for a tie-break.
CORRECTION_TIES = 8
# Spelling correction: words this long or longer are corrected to the nearest
# known word within one edit (two for long words; a transposition is one).
# Shorter words are left alone: one edit turns most of them into another
# word ("real" into "read"); a word one letter shorter is only corrected to a word it
# is with one letter dropped ("wach" is "watch", "wher" "where", not "when").
MIN_CORRECT_LEN = 5
# A word matches a one-word concept form by stem when the stem has this many letters.
STEM_MATCH_LEN = 5
LONG_WORD = 7
CORRECTION_CACHE_LIMIT = 50_000
# Words read outside phrases, kept for their next use: chat's vocabulary is small, its
# typos are not, so the memo is bounded.
READINGS_KEPT = 50_000
# Two words typed without a space ("whospoke"): an unknown word this long or longer is
# cut where a question word meets a known word, or where two words of the knowledge
# base of at least GLUED_PART_LEN letters each meet.
MIN_GLUED_LEN = 6
GLUED_PART_LEN = 3
_GLUED_HEADS = frozenset(
    """who what when where which how why whos whats wheres whens qui quand quoi quel quelle
    quels comment combien pourquoi cest ou ki kel kan""".split()
)
# Raw tokens: words (letters, digits), and the marks that end a sentence or
# separate parts of one. A dash between spaces ends a sentence too.
# Emoji end a thought in chat as a full stop does ("ACME is a joke 🤡 anyway who…").
_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf"
# A time ("17:30") is one token: its colon ends no sentence. A list's number counting up
# from 1 ("1) who … 2) when …", "1. … 2. …") ends one, and each item asks as a "?" would.
# A plus or an ampersand between spaces joins parts as a comma does; a Markdown heading's
# "#" starts a sentence. A word starting with a letter (most tokens) is tried first:
# ``letters`` and ``word`` are both words.
_TOKEN = re.compile(
    rf"(?P<letters>[^\W\d_][^\W_]*)|(?P<item>(?<![\w(.])(?P<n>\d{{1,2}})[.)]\s)"
    rf"|(?P<word>\d{{1,2}}[:h.]\d{{2}}\b|[^\W_]+)|(?P<comma>,|\s[+&]\s)"
    rf"|[?!.…;:\n{_EMOJI}]+|\s[-–—]\s|#+\s"
)
# French words elided before a vowel: l', d', j', qu', c', n', s', t', m'.
_ELIDED = frozenset("l d j qu c n s t m".split())
# After an unaccented "ou", these words make it the French "where" (« c ou la réunion »,
# « ou est », « ou regarder »), not "or".
_WHERE_NEXT = frozenset(
    "est se ce a ca sa c sont on il elle ils elles regarder voir suivre trouver lire exactement "
    "aura avait etait".split()
)
_WHERE_BEFORE = frozenset("c cest est d par".split())
_VOWELS_OR_H = frozenset("aeiouyh")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Real words of the answer languages (folded), and the most frequent of them.

    Real words are never spelling-corrected into others ("started" stays
    "started"); frequent ones ("exactly", « exactement ») rarely say what a
    question is about, so they weigh little. A word only one language has tells
    a message's language when nothing else does (« réponds »).
    """

    words: Mapping[str, frozenset[str]] = field(default_factory=dict)  # per language
    frequent: Mapping[str, frozenset[str]] = field(default_factory=dict)  # per language

    @classmethod
    def from_ranked(cls, lists: Mapping[str, Sequence[str]], frequent: int) -> Lexicon:
        """From word lists in falling frequency, by language; the first ``frequent``
        words of each count as frequent in that language."""
        return cls(
            {lang: frozenset(words) for lang, words in lists.items()},
            {lang: frozenset(words[:frequent]) for lang, words in lists.items()},
        )

    def real(self, word: str) -> bool:
        """Whether ``word`` is a real word of some language."""
        return any(word in words for words in self.words.values())

    def only_in(self, word: str) -> str | None:
        """The one language whose words have ``word``, if only one does."""
        found = [lang for lang, words in self.words.items() if word in words]
        return found[0] if len(found) == 1 else None


@dataclass(slots=True, init=False, unsafe_hash=True)
class Words:
    """A message cut into folded words, with where its sentences and commas fall.

    Not frozen, with its own ``__init__``: made for every answer (see ``types``).
    """

    words: tuple[str, ...]
    raw: tuple[str, ...]  # each word as typed
    spans: tuple[tuple[int, int], ...]  # where each word's token lies in ``text``
    text: str
    breaks: frozenset[int]  # a sentence ends before word i
    commas: frozenset[int]  # a comma falls before word i
    asked: frozenset[int]  # the sentence ending before word i ended with "?"

    def __init__(  # noqa: PLR0917 (positional as the fields, like a dataclass's)
        self,
        words: tuple[str, ...],
        raw: tuple[str, ...],
        spans: tuple[tuple[int, int], ...],
        text: str,
        breaks: frozenset[int],
        commas: frozenset[int],
        asked: frozenset[int],
    ) -> None:
        self.words = words
        self.raw = raw
        self.spans = spans
        self.text = text
        self.breaks = breaks
        self.commas = commas
        self.asked = asked


# A word's reading outside any phrase: its unit's feature, content, scope and concept.
_Reading = tuple[str, bool, str, "str | None"]


class Unit:
    """One word or known phrase: its feature, and the words it spans.

    A plain class with slots and its own ``__init__``, not a dataclass or a named tuple:
    a message makes dozens, it is the engine's hottest allocation, and the compiled build
    makes such a class native (a named tuple or a dataclass's generated ``__init__`` stays
    interpreted). Units are compared by identity: each is made once per message.
    """

    __slots__ = ("concept", "content", "end", "feature", "scope", "start")

    def __init__(
        self,
        feature: str,  # "#concept", OFF_SCOPE, or a stemmed word
        start: int,
        end: int,
        content: bool,  # False for stop words: they carry no topic
        *,
        scope: str = "any",  # the language an off-scope phrase belongs to
        concept: str | None = None,  # the concept id, for concept units
    ) -> None:
        self.feature = feature
        self.start = start
        self.end = end
        self.content = content
        self.scope = scope
        self.concept = concept

    def __repr__(self) -> str:
        return (
            f"Unit({self.feature!r}, {self.start}, {self.end}, {self.content}, {self.scope!r}, "
            f"{self.concept!r})"
        )


def split_words(text: str) -> Words:
    """Cut a cleaned message into folded words and sentence marks."""
    words: list[str] = []
    raw: list[str] = []
    spans: list[tuple[int, int]] = []
    breaks: set[int] = set()
    commas: set[int] = set()
    asked: set[int] = set()
    items = 0  # numbers of a list seen ("1. … 2. …")
    # Plain text (the common case) is lowered once; a word token then needs no folding.
    plain = text.isascii() and "%" not in text and not has_held(text)
    lowered = text.lower() if plain else text
    for match in _TOKEN.finditer(lowered):
        kind = "word" if match.lastgroup == "letters" else match.lastgroup
        if kind == "item" and int(match["n"]) != items + 1:
            # "item 2. What next?": a number and a mark, not the list's next number
            start = match.start()
            words.append(match["n"])
            raw.append(match["n"])
            spans.append((start, start + len(match["n"])))
            kind = "mark"
        if kind == "word":
            start, end = match.span()
            for word in (match.group(),) if plain else fold(match.group()).split():
                words.append(word)
                raw.append(text[start:end])
                spans.append((start, end))
        elif kind == "comma" or _introduces_quote(match, lowered):
            commas.add(len(words))  # "repeat after me: 'Keller said …'" is one sentence
        else:  # an end mark, a list's number, a dash between spaces, emoji
            breaks.add(len(words))
            if "?" in match.group() or (kind == "item" and items):
                asked.add(len(words))  # a list's item before this one asks, as "?" does
            items += kind == "item"
    if items > 1:
        asked.add(len(words))  # and so does its last
    if words:
        asked.discard(0)
    _disambiguate(words, raw, breaks)
    return Words(
        tuple(words),
        tuple(raw),
        tuple(spans),
        text,
        frozenset(breaks),
        frozenset(commas),
        frozenset(asked),
    )


_QUOTE_OPENERS = tuple("\"'«“‘")


def _introduces_quote(mark: re.Match[str], text: str) -> bool:
    """Whether an end mark is a colon introducing a quotation ("after me: 'X'")."""
    return mark.group() == ":" and text[mark.end() :].lstrip(" ").startswith(_QUOTE_OPENERS)


def _disambiguate(words: list[str], raw: list[str], breaks: set[int]) -> None:
    """Rewrite, in place, words that fold alike but read otherwise: an unaccented "ou" that
    is "or", a « là » ending a sentence that is "there", a « cet » that is no time zone."""
    if "ou" in words:
        for i, word in enumerate(words):
            if word == "ou" and raw[i].lower() != "où" and not _where(words, i, breaks):
                words[i] = "or"
    if "la" in words:
        for i, word in enumerate(words):
            if word == "la" and raw[i].lower() == "là" and (i + 1 == len(words) or i + 1 in breaks):
                words[i] = "y"  # « qui sera là ? »: there, not the article
    if "cet" in words:
        for i, word in enumerate(words):
            if word == "cet" and raw[i] != "CET" and _demonstrative(words, i, breaks):
                words[i] = "ce"


def _demonstrative(words: list[str], i: int, breaks: set[int]) -> bool:
    """Whether "cet" is the French « cet » before its noun (« cet événement »), not the
    time zone (CET, "CET or UTC?"): its noun opens with a vowel or an "h"."""
    after = words[i + 1] if i + 1 < len(words) and i + 1 not in breaks else ""
    return after[:1] in _VOWELS_OR_H and after not in STOPWORDS


def _where(words: list[str], i: int, breaks: set[int]) -> bool:
    """Whether an unaccented "ou" reads as "où" (where) rather than "or"."""
    last = i + 1 == len(words) or i + 1 in breaks
    after = words[i + 1] if i + 1 < len(words) else ""
    before = words[i - 1] if i > 0 else ""
    return last or after in _WHERE_NEXT or before in _WHERE_BEFORE


@functools.lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """Fold endings so "items"/"item", "taking"/"takes"/"take", "discussed"/"discuss" meet,
    then cut to ``STEM_LEN`` letters (which also meets French and English forms)."""
    return root(word)[:STEM_LEN]


def root(word: str) -> str:
    """A word with its endings folded, uncut."""
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith(("s", "x")) and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


_VOWELS = frozenset("aeiouy")


def _one_dropped(word: str, full: str) -> bool:
    """Whether ``word`` is ``full`` with one letter left out."""
    return len(full) == len(word) + 1 and any(
        full[:n] + full[n + 1 :] == word for n in range(len(full))
    )


def _unvowelled(word: str, full: str) -> bool:
    """Whether ``word`` is ``full`` with some of its vowels left out, as phones type."""
    typed = 0
    for letter in full:
        if typed < len(word) and letter == word[typed]:
            typed += 1
        elif letter not in _VOWELS:
            return False
    return typed == len(word)


def _by_initial(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Words grouped by their first letter, sorted: typos rarely touch it."""
    out: dict[str, list[str]] = defaultdict(list)
    for w in sorted(words):
        if not w.isdigit():
            out[w[0]].append(w)
    return {k: tuple(v) for k, v in out.items()}


_COMMON_BY_INITIAL = _by_initial(COMMON_WORDS - STOPWORDS)


class Lexer:
    """Turns words into units with one knowledge base's phrases and vocabulary."""

    def __init__(
        self,
        concepts: Mapping[str, Iterable[str]],
        off_scope: Mapping[str, Iterable[str]],
        vocabulary: Iterable[str],
        lexicon: Lexicon,
    ) -> None:
        """``concepts``: id -> folded forms; ``off_scope``: "any"/"fr"/"en" -> folded
        phrases; ``vocabulary``: the words the knowledge base uses, the targets of
        spelling correction; ``lexicon``: real words, never corrected."""
        self._phrases: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)
        for concept, forms in concepts.items():
            for form in forms:
                if form.split():
                    self._phrases[tuple(form.split())].setdefault("any", f"#{concept}")
        for lang, forms in off_scope.items():
            for form in forms:
                if form.split():
                    self._phrases[tuple(form.split())].setdefault(lang, OFF_SCOPE)
        # For each first word, the lengths of the phrases it starts, longest first: most
        # words start none, and a word starting a long phrase rarely starts one of each length.
        sizes: dict[str, set[int]] = defaultdict(set)
        for phrase in self._phrases:
            sizes[phrase[0]].add(len(phrase))
        self._sizes_from = {word: sorted(s, reverse=True) for word, s in sizes.items()}
        # One-word inflected forms also match by stem ("announce" for "announced",
        # "ministres" for "ministre"), when the stem is long enough to say little else
        # and stands for one thing only. A form that is its own stem ("accord") does
        # not: "according" is not an agreement.
        # A real word whose root is only the start of a form's is another, shorter word:
        # « commune » is not « communiqué », though both cut to "commun".
        stems: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._roots: dict[str, set[str]] = defaultdict(set)
        for phrase, entry in self._phrases.items():
            cut = stem(phrase[0])
            if len(phrase) == 1 and cut != phrase[0] and len(cut) >= STEM_MATCH_LEN:
                self._roots[cut].add(root(phrase[0]))
                for scope, feature in entry.items():
                    stems[cut][scope].add(feature)
        self._stems = {
            root: {scope: next(iter(f)) for scope, f in by_scope.items() if len(f) == 1}
            for root, by_scope in stems.items()
        }
        vocab = set(vocabulary) | {w for phrase in self._phrases for w in phrase}
        self._vocab_by_initial = _by_initial(vocab - STOPWORDS)
        self._vocab = frozenset(vocab)
        self._lexicon = lexicon
        # Words left as they are: these, then the real words. Not one set: copying the
        # real words into it took a tenth of the engine's build.
        self._kept = frozenset(vocab | STOPWORDS | COMMON_WORDS)
        self._corrections: dict[str, str] = {}
        self._readings: dict[tuple[str, tuple[str | None, ...]], _Reading] = {}

    def _shorter(self, word: str, cut: str) -> bool:
        """Whether a word's root is the start of every form's root cut as it is, by at least
        SHORTER_ROOT letters: a shorter word of its own, not an inflection of the form."""
        own = root(word)
        forms = self._roots[cut]
        if (own,) in self._phrases:
            return False  # « ouverte »: the form « ouvert » itself, inflected
        return all(f.startswith(own) and len(f) - len(own) >= SHORTER_ROOT for f in forms)

    def correct(self, word: str) -> str:
        """The known word a misspelt ``word`` most likely meant, or ``word`` itself."""
        short = len(word) < MIN_CORRECT_LEN
        if (
            len(word) < MIN_CORRECT_LEN - 1
            or word in self._vocab
            or word in STOPWORDS
            or word in COMMON_WORDS
            or word.isdigit()
            or self._lexicon.real(word)
        ):
            return word
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        limit = 2 if len(word) >= LONG_WORD else 1
        # Typos rarely touch the first letter; requiring it keeps "match" from becoming "watch".
        # A word near none of the knowledge base's may be a common word mistyped ("somwhere"):
        # it then weighs as little as one.
        near: list[str] = []
        for candidates in (
            self._vocab_by_initial.get(word[0], ()),
            _COMMON_BY_INITIAL.get(word[0], ()),
        ):
            found = process.extract(
                word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=CORRECTION_TIES
            )
            # A word two letters short is only one typed without its vowels ("smwhere")
            near = [
                c
                for c, d, _ in found
                if d == found[0][1] and (abs(len(c) - len(word)) <= 1 or _unvowelled(word, c))
            ]
            near = [c for c in near if _one_dropped(word, c)] if short else near
            if found:
                break
        # Between equally near words, the one ending alike: "opend" is "opened", not "open".
        fixed = next((c for c in near if c[-1] == word[-1]), near[0] if near else word)
        if len(self._corrections) >= CORRECTION_CACHE_LIMIT:
            self._corrections.clear()
        self._corrections[word] = fixed
        return fixed

    def unglue(self, words: Words) -> Words:
        """The message with words typed without the space between them cut apart
        ("whospoke" -> "who spoke", "harbourmaster" -> "harbour master"): an
        unknown word that is a question word and a known word, or two words the
        knowledge base uses. Each half keeps the typed token's place in the text."""
        cuts = {i: cut for i, w in enumerate(words.words) if (cut := self._cut(w))}
        if not cuts:
            return words
        out: list[str] = []
        raw: list[str] = []
        spans: list[tuple[int, int]] = []
        moved: dict[int, int] = {}  # old index -> new index
        for i, word in enumerate(words.words):
            moved[i] = len(out)
            halves = (word[: cuts[i]], word[cuts[i] :]) if i in cuts else (word,)
            out.extend(halves)
            raw.extend([words.raw[i]] * len(halves))
            spans.extend([words.spans[i]] * len(halves))
        moved[len(words.words)] = len(out)
        return Words(
            tuple(out),
            tuple(raw),
            tuple(spans),
            words.text,
            frozenset(moved[i] for i in words.breaks),
            frozenset(moved[i] for i in words.commas),
            frozenset(moved[i] for i in words.asked),
        )

    def _known(self, word: str) -> bool:
        """Whether a word is left as it is: a word of the knowledge base, or a real one."""
        return word in self._kept or self._lexicon.real(word)

    def _cut(self, word: str) -> int:
        """Where an unknown word splits into two words typed without a space, or 0."""
        if len(word) < MIN_GLUED_LEN or self._known(word) or not word.isalpha():
            return 0
        cuts = [(word[:k], word[k:], k) for k in range(len(word) - 2, 1, -1)]
        headed = [(tail, k) for head, tail, k in cuts if head in _GLUED_HEADS and self._known(tail)]
        # "whospoke" is "who spoke", not "whos poke": a word of the knowledge base first
        if headed:
            return min(headed, key=lambda c: c[0] not in self._vocab)[1]
        two = (
            k
            for head, tail, k in cuts
            if min(k, len(tail)) >= GLUED_PART_LEN and head in self._vocab and tail in self._vocab
        )
        return next(two, 0)  # "harbourmaster"

    def _elisions(self, words: Sequence[str]) -> list[str]:
        """French elisions typed without their apostrophe ("lordre", "louverture",
        "mexpliquer") lose the elided word (a stop word anyway), when the rest is a word
        the knowledge base uses or a real word; a word keeps its place, so units still
        point at the words typed."""
        out: list[str] = []
        kept, real = self._kept, self._lexicon.real
        for word in words:
            if word in kept or real(word):  # the common case: a word as it is
                out.append(word)
                continue
            head = 2 if word.startswith("qu") else 1
            rest = word[head:]
            elided = (
                len(word) > head + 2
                and word[:head] in _ELIDED
                and rest[0] in "aeiouyh"
                and self._known(rest)
            )
            out.append(rest if elided else word)
        return out

    def units(self, words: Words, lang: str | None, *, correct: bool = True) -> list[Unit]:
        """The message's units; off-scope phrases of ``lang`` (or of either language, for
        None: the caller checks ``Unit.scope`` once it knows the language)."""
        kept, real = self._kept, self._lexicon.real
        seq = (
            [w if w in kept or real(w) else self.correct(w) for w in self._elisions(words.words)]
            if correct
            else list(words.words)
        )
        scopes = ("any", lang) if lang in ("fr", "en") else ("any", "fr", "en")
        out: list[Unit] = []
        # Where each word's sentence ends: no phrase runs past it.
        ends = [len(seq)] * len(seq)
        for k in range(len(seq) - 2, -1, -1):
            ends[k] = k + 1 if k + 1 in words.breaks else ends[k + 1]
        starts = self._sizes_from
        i = 0
        while i < len(seq):
            size, feature, scope = (
                self._longest(seq, i, ends[i], scopes) if seq[i] in starts else (1, None, None)
            )
            if feature is not None:
                concept = feature[1:] if feature[0] == "#" else None
                out.append(Unit(feature, i, i + size, True, scope=scope or "any", concept=concept))
                i += size
                continue
            reading = self._readings.get((seq[i], scopes)) or self._read(seq[i], scopes)
            feature, content, scope, concept = reading
            out.append(Unit(feature, i, i + 1, content, scope=scope, concept=concept))
            i += 1
        return out

    def _read(self, word: str, scopes: tuple[str | None, ...]) -> _Reading:
        """A word outside any phrase, as a unit's feature, content, scope and concept: a
        function of the word and the scopes alone, so each is worked out once."""
        stemmed = stem(word)
        by_scope = self._stems.get(stemmed, {}) if word not in STOPWORDS else {}
        if by_scope and self._lexicon.real(word) and self._shorter(word, stemmed):
            by_scope = {}
        scope = next((s for s in scopes if s in by_scope), None)
        found = by_scope[scope] if scope else None
        concept = found[1:] if found and found[0] == "#" else None
        reading = (found or stemmed, word not in STOPWORDS, scope or "any", concept)
        if len(self._readings) >= READINGS_KEPT:
            self._readings.clear()
        self._readings[(word, scopes)] = reading
        return reading

    def _longest(
        self, seq: list[str], i: int, end: int, scopes: tuple[str | None, ...]
    ) -> tuple[int, str | None, str | None]:
        """The longest known phrase starting at word ``i`` and ending by ``end``, with the
        language it belongs to."""
        for size in self._sizes_from[seq[i]]:
            if size > end - i:
                continue
            entry = self._phrases.get(tuple(seq[i : i + size]))
            if entry:
                for scope in scopes:
                    if scope in entry:
                        return size, entry[scope], scope
        return 1, None, "any"

    def features(self, text: str) -> list[str]:
        """The content features of a knowledge-base text (paraphrases, answers): written
        correctly, one sentence for phrases' sake, so it is folded and cut in one go."""
        words = tuple(fold(text).split())
        whole = Words(
            words, words, ((0, 0),) * len(words), text, frozenset(), frozenset(), frozenset()
        )
        return [u.feature for u in self.units(whole, None, correct=False) if u.content]
