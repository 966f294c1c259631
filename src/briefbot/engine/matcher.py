"""Scoring a question against every topic: features, an inverted index, fuzzy tie-breaks.

A question becomes a set of *features*: spelling-corrected words, with known
phrases replaced by their concept ("conf de presse" -> ``#press``, "SACEUR" ->
``#cavoli``). Each topic has a profile: how strongly each feature points to it,
learned from its paraphrases and keywords, weighted by how rare the feature is
across topics. A topic's score is the share of the question's information it
explains, so words the knowledge base has never seen ("fries", "weather") pull
every score down and off-topic questions are declined instead of forced onto
the nearest topic. Only topics sharing a feature with the question are scored
(the inverted index), and only the best few get the costlier fuzzy comparison.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from briefbot.engine.common_words import COMMON_WORDS
from briefbot.engine.kb import KnowledgeBase
from briefbot.engine.normalize import fold
from briefbot.engine.stopwords import STOPWORDS
from briefbot.engine.types import LANGS, Lang, Match

# How strongly a feature found in a topic's paraphrases points to it: a base
# for appearing at all, plus a share for how many paraphrases use it.
ASSOC_BASE = 0.5
ASSOC_SHARE = 1.2
# Words of a topic's answer are weaker evidence than its paraphrases.
ANSWER_ASSOC = 0.2
# Weight of a feature no topic knows, relative to the rarest known feature:
# high enough that "best fries in brussels" is mostly unexplained. Short
# unknown words are mostly chat filler ("pk", "tmrw"), numbers mostly times or
# counts, so they weigh less than long ones ("population", "capitale").
UNKNOWN_WEIGHT = 0.85
SHORT_UNKNOWN = {1: 0.2, 2: 0.3, 3: 0.4, 4: 0.6}
NUMBER_UNKNOWN = 0.5
COMMON_UNKNOWN = 0.5
# Words that take a question elsewhere (knowledge/scope.yaml) weigh this many
# unknown words: the question must be explained much better to be answered.
OFF_SCOPE_WEIGHT = 3.0
OFF_SCOPE_PENALTY = 0.7  # and every score of such a question is scaled by this
OFF_SCOPE = "!off_scope"
# Words are cut to this many letters, a crude stemmer that also meets across
# languages: "interoperability"/"interoperabilite", "supporting"/"support".
STEM_LEN = 6
# Final score = coverage (share of the question explained) blended with the
# best fuzzy similarity to one of the topic's paraphrases.
COVERAGE_WEIGHT = 0.5
FUZZY_WEIGHT = 1.0 - COVERAGE_WEIGHT
# A question whose known words carry less information than this (only
# "NATO", say) is too vague to pin on any topic.
MIN_INFORMATION = 1.0
# How many top topics by coverage get the fuzzy comparison (and are returned).
FUZZY_CANDIDATES = 4
# A feature is "rare" when at most this share of topics (and at least this
# many) use it; only rare features are used to find candidate topics.
RARE_SHARE = 0.05
RARE_MIN_TOPICS = 64
# Spelling correction: words this long or longer are corrected to the nearest
# known word within one edit (two for long words; a transposition is one).
# Shorter words are left alone: one edit turns most of them into another
# word ("real" into "read").
MIN_CORRECT_LEN = 5
LONG_WORD = 7
CORRECTION_CACHE_LIMIT = 50_000
# Where a message splits into sentences for scoring one by one.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|\s+[—–-]\s+|\n+")


@dataclass(frozen=True, slots=True)
class _TopicText:
    """What a topic is asked and answered with, both languages together."""

    phrases: list[str]  # paraphrases, titles and labels
    keywords: list[str]
    answers: list[str]


def _topic_texts(
    kb: KnowledgeBase, answer_texts: Mapping[str, Mapping[Lang, Iterable[str]]]
) -> list[_TopicText]:
    texts = []
    for topic in kb.topics:
        titles = [topic.title[lang] for lang in LANGS] + [topic.label[lang] for lang in LANGS]
        texts.append(
            _TopicText(
                phrases=[p for lang in LANGS for p in topic.paraphrases[lang]] + titles,
                keywords=[k for lang in LANGS for k in topic.keywords[lang]],
                answers=[a for lang in LANGS for a in answer_texts.get(topic.id, {}).get(lang, ())],
            )
        )
    return texts


def _phrase_table(kb: KnowledgeBase) -> dict[tuple[str, ...], str]:
    """Folded word sequences -> the concept (or off-scope marker) they stand for."""
    table: dict[tuple[str, ...], str] = {}
    for concept, forms in kb.concepts.items():
        for form in forms:
            if form.split():
                table.setdefault(tuple(form.split()), f"#{concept}")
    for form in kb.off_scope:
        if form.split():
            table.setdefault(tuple(form.split()), OFF_SCOPE)
    return table


class Matcher:
    """Scores questions against a knowledge base's topics."""

    def __init__(
        self,
        kb: KnowledgeBase,
        answer_texts: Mapping[str, Mapping[Lang, Iterable[str]]] | None = None,
    ) -> None:
        """Index ``kb``; ``answer_texts`` (topic -> lang -> rendered answers) adds weak evidence."""
        self._phrases = _phrase_table(kb)
        self._max_phrase = max((len(p) for p in self._phrases), default=1)
        texts = _topic_texts(kb, answer_texts or {})

        vocab: set[str] = {w for phrase in self._phrases for w in phrase}
        for t in texts:
            for text in (*t.phrases, *t.keywords, *t.answers):
                vocab.update(fold(text).split())
        by_initial: dict[str, list[str]] = defaultdict(list)
        for w in sorted(vocab - STOPWORDS):
            if not w.isdigit():
                by_initial[w[0]].append(w)
        self._vocab_by_initial = {k: tuple(v) for k, v in by_initial.items()}
        self._vocab_set = frozenset(vocab)
        self._corrections: dict[str, str] = {}

        self._topics = [t.id for t in kb.topics]
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        # Each topic's paraphrases as sorted features, for the fuzzy comparison.
        self._paraphrase_features: list[tuple[str, ...]] = []
        self._assoc: list[dict[str, float]] = []
        for n, t in enumerate(texts):
            feature_sets = [self.features(p) for p in t.phrases]
            self._assoc.append(self._associations(t, feature_sets))
            for f, a in self._assoc[-1].items():
                postings[f].append((n, a))
            self._paraphrase_features.append(
                tuple(" ".join(sorted(fs)) for fs in feature_sets if fs)
            )
        total = len(self._topics)
        self._idf = {f: math.log(1.0 + total / len(p)) for f, p in postings.items()}
        self._unknown = UNKNOWN_WEIGHT * math.log(1.0 + total)
        self._postings = {f: tuple(p) for f, p in postings.items()}
        self._rare_limit = max(RARE_MIN_TOPICS, int(RARE_SHARE * total))
        # Common words, cut like features are, so their weight can be looked up.
        self._common = frozenset(_stem(w) for w in COMMON_WORDS)

    def _associations(self, text: _TopicText, feature_sets: list[list[str]]) -> dict[str, float]:
        """How strongly each feature points to one topic (0..1)."""
        counts: dict[str, int] = defaultdict(int)
        for fs in feature_sets:
            for f in set(fs):
                counts[f] += 1
        assoc = {
            f: min(1.0, ASSOC_BASE + ASSOC_SHARE * c / len(feature_sets)) for f, c in counts.items()
        }
        for answer in text.answers:
            for f in self.features(answer):
                assoc.setdefault(f, ANSWER_ASSOC)
        for keyword in text.keywords:
            for f in self.features(keyword):
                assoc[f] = 1.0
        # An off-scope word in an answer ("published *before* it") is not
        # evidence for that topic: it must keep its full weight everywhere.
        assoc.pop(OFF_SCOPE, None)
        return assoc

    # -- features --------------------------------------------------------------------

    def _correct(self, word: str) -> str:
        """The known word a misspelt ``word`` most likely meant, or ``word`` itself."""
        if (
            word in self._vocab_set
            or word in STOPWORDS
            or word in COMMON_WORDS
            or len(word) < MIN_CORRECT_LEN
            or word.isdigit()
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

    def features(self, text: str) -> list[str]:
        """The features of ``text``: concepts for known phrases, corrected content words."""
        words = [self._correct(w) for w in fold(text).split()]
        out: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(self._max_phrase, len(words) - i), 0, -1):
                concept = self._phrases.get(tuple(words[i : i + size]))
                if concept is not None:
                    out.append(concept)
                    i += size
                    break
            else:
                word = words[i]
                if word not in STOPWORDS:
                    out.append(_stem(word))
                i += 1
        return out

    # -- scoring ---------------------------------------------------------------------

    def weight(self, feature: str) -> float:
        """How much information a feature carries (unknown features carry a lot)."""
        known = self._idf.get(feature)
        if known is not None:
            return known
        if feature == OFF_SCOPE:
            return self._unknown * OFF_SCOPE_WEIGHT
        if feature.isdigit():
            return self._unknown * NUMBER_UNKNOWN
        if feature in self._common:
            return self._unknown * COMMON_UNKNOWN
        return self._unknown * SHORT_UNKNOWN.get(len(feature), 1.0)

    def score(self, text: str) -> tuple[Match, ...]:
        """The best topics for ``text`` (at most ``FUZZY_CANDIDATES``), best first, scores 0..1.

        A message of several sentences ("Hi! I'm writing a paper. Who opened
        the meeting?") is also scored sentence by sentence, and the clearest
        reading wins: a preamble should not drown the question.
        """
        best = self._score_part(text)
        parts = [p for p in _SENTENCE_BREAK.split(text) if p.strip()]
        if len(parts) > 1:
            for part in parts:
                scored = self._score_part(part)
                if scored and (not best or scored[0].score > best[0].score):
                    best = scored
        return best

    def _score_part(self, text: str) -> tuple[Match, ...]:
        feats = set(self.features(text))
        total = sum(self.weight(f) for f in feats)
        known = [f for f in feats if f in self._idf]
        if sum(self._idf[f] for f in known) < MIN_INFORMATION or total <= 0.0:
            return ()
        masses = self._masses(known)
        # Ties go to the topic defined first, so both scans below rank alike.
        top = heapq.nlargest(FUZZY_CANDIDATES, masses.items(), key=lambda tm: (tm[1], -tm[0]))
        joined = " ".join(sorted(feats))
        penalty = OFF_SCOPE_PENALTY if OFF_SCOPE in feats else 1.0
        matches = []
        for topic, mass in top:
            best = process.extractOne(joined, self._paraphrase_features[topic], scorer=fuzz.ratio)
            similarity = best[1] / 100.0 if best else 0.0
            score = COVERAGE_WEIGHT * mass / total + FUZZY_WEIGHT * similarity
            matches.append(Match(self._topics[topic], score * penalty))
        matches.sort(key=attrgetter("score"), reverse=True)
        return tuple(matches)

    def _masses(self, known: list[str]) -> dict[int, float]:
        """How much of the question each topic explains, for the topics that can rank.

        Topics are found through the question's rare features first; the
        frequent ones ("who", "when") would touch nearly every topic of a large
        knowledge base. The full scan runs only when a topic holding nothing
        but frequent features could still reach the top.
        """
        rare = [f for f in known if len(self._postings[f]) <= self._rare_limit]
        if len(rare) == len(known):
            return self._accumulate(known)  # no frequent feature: the postings are short
        ceiling = sum(self._idf[f] for f in known if len(self._postings[f]) > self._rare_limit)
        if rare:
            candidates = {topic for f in rare for topic, _ in self._postings[f]}
            masses = {
                t: sum(self._idf[f] * self._assoc[t].get(f, 0.0) for f in known) for t in candidates
            }
            best = heapq.nlargest(FUZZY_CANDIDATES, masses.values())
            if len(best) == FUZZY_CANDIDATES and best[-1] > ceiling:
                return masses
        return self._accumulate(known)

    def _accumulate(self, known: list[str]) -> dict[int, float]:
        """Every topic's explained mass, through the postings of ``known`` features."""
        masses: dict[int, float] = defaultdict(float)
        for f in known:
            idf = self._idf[f]
            for topic, assoc in self._postings[f]:
                masses[topic] += idf * assoc
        return masses


def _stem(word: str) -> str:
    """Fold plurals and endings so "items"/"item", "discussed"/"discuss" meet."""
    if len(word) > 4 and word.endswith(("s", "x")) and not word.endswith("ss"):
        word = word[:-1]
    return word[:STEM_LEN]
