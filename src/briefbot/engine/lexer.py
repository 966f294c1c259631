"""From a cleaned message to units: words, spelling-corrected, with known phrases as concepts.

A message is first cut into words, remembering where sentences end and where
commas fall (the segmenter splits on them). Each word is folded (no case, no
accents) and, where it is not a real word of either language, corrected to the
nearest word the knowledge base uses. Known phrases then become one unit each:
a concept (``#press`` for "conf de presse", ``#cavoli`` for "SACEUR") or an
off-scope marker; other words stay words, cut to a crude stem so "items" and
"item" meet. Off-scope phrases count only in the language they belong to, so
the French « eu » of « a eu lieu » is not the English "EU".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from briefbot.engine.common_words import COMMON_WORDS
from briefbot.engine.normalize import fold
from briefbot.engine.stopwords import STOPWORDS

OFF_SCOPE = "!off_scope"
# Words are cut to this many letters, a crude stemmer that also meets across
# languages: "interoperability"/"interoperabilite", "supporting"/"support".
STEM_LEN = 6
# Spelling correction: words this long or longer are corrected to the nearest
# known word within one edit (two for long words; a transposition is one).
# Shorter words are left alone: one edit turns most of them into another
# word ("real" into "read").
MIN_CORRECT_LEN = 5
# A word matches a one-word concept form by stem when the stem has this many letters.
STEM_MATCH_LEN = 5
LONG_WORD = 7
CORRECTION_CACHE_LIMIT = 50_000
# Raw tokens: words (letters, digits), and the marks that end a sentence or
# separate parts of one. A dash between spaces separates parts, as a comma does.
_TOKEN = re.compile(r"[^\W_]+|[?!.;:\n]+|,|\s[-–—]\s")
_BREAK_MARKS = frozenset("?!.;:\n")
# After an unaccented "ou", these words make it the French "where" (« c ou la réunion »,
# « ou est », « ou regarder »), not "or".
_WHERE_NEXT = frozenset(
    "est se ce a ca sa c sont on il elle ils elles regarder voir suivre trouver lire exactement "
    "aura avait etait".split()
)
_WHERE_BEFORE = frozenset("c cest est d par".split())


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Real words of the answer languages (folded), and the most frequent of them.

    Real words are never spelling-corrected into others ("started" stays
    "started"); frequent ones ("exactly", « exactement ») rarely say what a
    question is about, so they weigh little.
    """

    words: frozenset[str] = frozenset()
    frequent: frozenset[str] = frozenset()

    @classmethod
    def from_ranked(cls, lists: Iterable[Sequence[str]], frequent: int) -> Lexicon:
        """From word lists in falling frequency, one per language; the first ``frequent``
        words of each count as frequent."""
        ranked = [list(words) for words in lists]
        return cls(
            frozenset(w for words in ranked for w in words),
            frozenset(w for words in ranked for w in words[:frequent]),
        )


@dataclass(frozen=True, slots=True)
class Words:
    """A message cut into folded words, with where its sentences and commas fall."""

    words: tuple[str, ...]
    raw: tuple[str, ...]  # each word as typed
    breaks: frozenset[int]  # a sentence ends before word i
    commas: frozenset[int]  # a comma falls before word i
    asked: frozenset[int]  # the sentence ending before word i ended with "?"


@dataclass(frozen=True, slots=True)
class Unit:
    """One word or known phrase: its feature, and the words it spans."""

    feature: str  # "#concept", OFF_SCOPE, or a stemmed word
    start: int
    end: int
    content: bool  # False for stop words: they carry no topic

    @property
    def concept(self) -> str | None:
        """The concept id, for concept units."""
        return self.feature[1:] if self.feature.startswith("#") else None


def split_words(text: str) -> Words:
    """Cut a cleaned message into folded words and sentence marks."""
    words: list[str] = []
    raw: list[str] = []
    breaks: set[int] = set()
    commas: set[int] = set()
    asked: set[int] = set()
    for token in _TOKEN.findall(text):
        stripped = token.strip() or "\n"
        if stripped in (",", "-", "–", "—"):
            commas.add(len(words))
        elif stripped[0] in _BREAK_MARKS:
            breaks.add(len(words))
            if "?" in stripped:
                asked.add(len(words))
        else:
            for word in fold(token).split():
                words.append(word)
                raw.append(token)
    if words:
        asked.discard(0)
    for i, word in enumerate(words):
        if word == "ou" and raw[i].lower() != "où" and not _where(words, i, breaks):
            words[i] = "or"
    return Words(tuple(words), tuple(raw), frozenset(breaks), frozenset(commas), frozenset(asked))


def _where(words: list[str], i: int, breaks: set[int]) -> bool:
    """Whether an unaccented "ou" reads as "où" (where) rather than "or"."""
    last = i + 1 == len(words) or i + 1 in breaks
    after = words[i + 1] if i + 1 < len(words) else ""
    before = words[i - 1] if i > 0 else ""
    return last or after in _WHERE_NEXT or before in _WHERE_BEFORE


def stem(word: str) -> str:
    """Fold endings so "items"/"item", "taking"/"takes"/"take", "discussed"/"discuss" meet,
    then cut to ``STEM_LEN`` letters (which also meets French and English forms)."""
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith(("s", "x")) and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word[:STEM_LEN]


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
        self._max_phrase = max((len(p) for p in self._phrases), default=1)
        # One-word inflected forms also match by stem ("announce" for "announced",
        # "ministres" for "ministre"), when the stem is long enough to say little else
        # and stands for one thing only. A form that is its own stem ("accord") does
        # not: "according" is not an agreement.
        stems: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for phrase, entry in self._phrases.items():
            root = stem(phrase[0])
            if len(phrase) == 1 and root != phrase[0] and len(root) >= STEM_MATCH_LEN:
                for scope, feature in entry.items():
                    stems[root][scope].add(feature)
        self._stems = {
            root: {scope: next(iter(f)) for scope, f in by_scope.items() if len(f) == 1}
            for root, by_scope in stems.items()
        }
        vocab = set(vocabulary) | {w for phrase in self._phrases for w in phrase}
        by_initial: dict[str, list[str]] = defaultdict(list)
        for w in sorted(vocab - STOPWORDS):
            if not w.isdigit():
                by_initial[w[0]].append(w)
        self._vocab_by_initial = {k: tuple(v) for k, v in by_initial.items()}
        self._vocab = frozenset(vocab)
        self._lexicon = lexicon
        self._corrections: dict[str, str] = {}

    def correct(self, word: str) -> str:
        """The known word a misspelt ``word`` most likely meant, or ``word`` itself."""
        if (
            len(word) < MIN_CORRECT_LEN
            or word in self._vocab
            or word in STOPWORDS
            or word in COMMON_WORDS
            or word.isdigit()
            or word in self._lexicon.words
        ):
            return word
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        limit = 2 if len(word) >= LONG_WORD else 1
        # Typos rarely touch the first letter; requiring it keeps "match" from becoming "watch".
        candidates = self._vocab_by_initial.get(word[0], ())
        best = process.extractOne(word, candidates, scorer=OSA.distance, score_cutoff=limit)
        fixed = word
        if best is not None and abs(len(best[0]) - len(word)) <= 1:
            fixed = best[0]
        if len(self._corrections) >= CORRECTION_CACHE_LIMIT:
            self._corrections.clear()
        self._corrections[word] = fixed
        return fixed

    def units(self, words: Words, lang: str | None, *, correct: bool = True) -> list[Unit]:
        """The message's units; off-scope phrases of ``lang`` (or of either, for None) count."""
        seq = [self.correct(w) for w in words.words] if correct else list(words.words)
        scopes = ("any", lang) if lang in ("fr", "en") else ("any", "fr", "en")
        out: list[Unit] = []
        i = 0
        while i < len(seq):
            size, feature = self._longest(seq, i, words.breaks, scopes)
            if feature is not None:
                out.append(Unit(feature, i, i + size, True))
                i += size
                continue
            word = seq[i]
            stemmed = stem(word)
            by_scope = self._stems.get(stemmed, {}) if word not in STOPWORDS else {}
            found = next((by_scope[s] for s in scopes if s in by_scope), None)
            out.append(Unit(found or stemmed, i, i + 1, word not in STOPWORDS))
            i += 1
        return out

    def _longest(
        self, seq: list[str], i: int, breaks: frozenset[int], scopes: tuple[str | None, ...]
    ) -> tuple[int, str | None]:
        """The longest known phrase starting at word ``i`` (never across a sentence end)."""
        limit = min(self._max_phrase, len(seq) - i)
        for size in range(limit, 0, -1):
            if size > 1 and any(i < b < i + size for b in breaks):
                continue
            entry = self._phrases.get(tuple(seq[i : i + size]))
            if entry:
                for scope in scopes:
                    if scope in entry:
                        return size, entry[scope]
        return 1, None

    def features(self, text: str) -> list[str]:
        """The content features of a knowledge-base text (paraphrases, answers)."""
        return [u.feature for u in self.units(split_words(text), None) if u.content]
