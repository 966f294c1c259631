"""Scoring a question's features against every cell: an inverted index and fuzzy tie-breaks.

Each cell has a profile: how strongly each feature points to it, learned from
its paraphrases and keywords, and set to certain for the concepts naming its
subject and asking for its aspects; features are weighted by how rare they are
across cells. A cell's *coverage* is the share of the question's information
it explains, so words the knowledge base has never seen ("fries", "born") pull
it down: that is how a question about a named subject that the announcement
does not answer is told apart from one it does. Only cells sharing a feature
with the question are scored (the inverted index), and only the best few get
the costlier fuzzy comparison with their paraphrases.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter, neg

from rapidfuzz import fuzz, process

from briefbot.engine.common_words import COMMON_WORDS
from briefbot.engine.kb import KnowledgeBase
from briefbot.engine.lexer import OFF_SCOPE, Lexer, stem
from briefbot.engine.types import LANGS, Lang, Match

# How strongly a feature found in a cell's paraphrases points to it: a base
# for appearing at all, plus a share for how many paraphrases use it.
ASSOC_BASE = 0.5
ASSOC_SHARE = 1.2
# Words of a cell's answer are weaker evidence than its paraphrases.
ANSWER_ASSOC = 0.2
# Weight of a feature no cell knows, relative to the rarest known feature:
# high enough that "best fries in lyon" is mostly unexplained. Short
# unknown words are mostly chat filler ("pk", "lol"), numbers mostly times or
# counts, so they weigh less than long ones ("population", "nationality").
UNKNOWN_WEIGHT = 0.85
SHORT_UNKNOWN = {1: 0.2, 2: 0.3, 3: 0.4}
NUMBER_UNKNOWN = 0.5
COMMON_UNKNOWN = 0.3
# Final score = coverage (share of the question explained) blended with the
# best fuzzy similarity to one of the cell's paraphrases.
COVERAGE_WEIGHT = 0.5
FUZZY_WEIGHT = 1.0 - COVERAGE_WEIGHT
# A question whose known words carry less information than this (only
# "ACME", say) is too vague to pin on any cell.
MIN_INFORMATION = 1.0
# How many top cells by coverage get the fuzzy comparison (and are returned).
FUZZY_CANDIDATES = 4
# A feature is "rare" when at most this share of cells (and at least this
# many) use it; only rare features are used to find candidate cells.
RARE_SHARE = 0.05
RARE_MIN_CELLS = 64


@dataclass(frozen=True, slots=True)
class _CellText:
    """What a cell is asked and answered with, both languages together."""

    phrases: list[str]  # paraphrases, titles and labels
    keywords: list[str]  # folded keyword phrases
    features: list[str]  # concepts certain to point to it (its subject's names, its cues)
    answers: list[str]


def _cell_texts(
    kb: KnowledgeBase, answer_texts: Mapping[str, Mapping[Lang, Iterable[str]]]
) -> list[_CellText]:
    cues = {a.id: [f"#{c}" for c in (*a.cues, *a.weak_cues)] for a in kb.aspects}
    texts = []
    for subject in kb.subjects:
        names = [f"#{c}" for c in subject.concepts] + (
            [f"#{subject.person}"] if subject.person else []
        )
        for cell in subject.cells:
            titles = [cell.title[lang] for lang in LANGS] + [cell.label[lang] for lang in LANGS]
            texts.append(
                _CellText(
                    phrases=[p for lang in LANGS for p in cell.paraphrases[lang]] + titles,
                    keywords=[k for lang in LANGS for k in cell.keywords[lang]],
                    features=names + [f for a in cell.serves for f in cues.get(a, ())],
                    answers=[
                        a for lang in LANGS for a in answer_texts.get(cell.id, {}).get(lang, ())
                    ],
                )
            )
    return texts


class Matcher:
    """Scores question features against a knowledge base's cells."""

    def __init__(
        self,
        kb: KnowledgeBase,
        lexer: Lexer,
        answer_texts: Mapping[str, Mapping[Lang, Iterable[str]]] | None = None,
        frequent: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """Index ``kb``; ``answer_texts`` (cell -> lang -> rendered answers) adds weak
        evidence; ``frequent`` words (each language's most used) weigh little when unknown,
        in a question of that language."""
        self._lexer = lexer
        texts = _cell_texts(kb, answer_texts or {})
        self.cells = [c.id for c in kb.cells]
        self._index = {cid: n for n, cid in enumerate(self.cells)}
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        # Each cell's paraphrases as sorted features, for the fuzzy comparison.
        self._paraphrase_features: list[tuple[str, ...]] = []
        self._assoc: list[dict[str, float]] = []
        for n, t in enumerate(texts):
            feature_sets = [lexer.features(p) for p in t.phrases]
            self._assoc.append(self._associations(t, feature_sets))
            for f, a in self._assoc[-1].items():
                postings[f].append((n, a))
            self._paraphrase_features.append(
                tuple(" ".join(sorted(set(fs))) for fs in feature_sets if fs)
            )
        total = len(self.cells)
        self._idf = {f: math.log(1.0 + total / len(p)) for f, p in postings.items()}
        self._unknown = UNKNOWN_WEIGHT * math.log(1.0 + total)
        self._postings = {f: tuple(p) for f, p in postings.items()}
        self._rare_limit = max(RARE_MIN_CELLS, int(RARE_SHARE * total))
        # Common words, cut like features are, so their weight can be looked up: "shape"
        # is common in English, not in « où se trouve le SHAPE ? ».
        common = {stem(w) for w in COMMON_WORDS}
        by_lang = {lang: {stem(w) for w in words} for lang, words in (frequent or {}).items()}
        self._common: dict[str | None, frozenset[str]] = {
            lang: frozenset(common | words) for lang, words in by_lang.items()
        }
        self._common[None] = frozenset(common.union(*by_lang.values()))

    def _associations(self, text: _CellText, feature_sets: list[list[str]]) -> dict[str, float]:
        """How strongly each feature points to one cell (0..1)."""
        counts: dict[str, int] = defaultdict(int)
        for fs in feature_sets:
            for f in set(fs):
                counts[f] += 1
        assoc = {
            f: min(1.0, ASSOC_BASE + ASSOC_SHARE * c / len(feature_sets)) for f, c in counts.items()
        }
        for answer in text.answers:
            for f in self._lexer.features(answer):
                assoc.setdefault(f, ANSWER_ASSOC)
        for keyword in text.keywords:
            for f in self._lexer.features(keyword):
                assoc[f] = 1.0
        for f in text.features:
            assoc[f] = 1.0
        # An off-scope word in an answer is not evidence for that cell.
        assoc.pop(OFF_SCOPE, None)
        return assoc

    def _subjects(self, subject_of: Mapping[str, str]) -> dict[str, set[str]]:
        """Each feature's subjects: those with a cell it is associated with beyond answer
        words."""
        subjects: dict[str, set[str]] = defaultdict(set)
        for n, assoc in enumerate(self._assoc):
            for f, a in assoc.items():
                if a >= ASSOC_BASE:
                    subjects[f].add(subject_of[self.cells[n]])
        return subjects

    def generic(self, spread: int, subject_of: Mapping[str, str]) -> frozenset[str]:
        """Features associated (beyond answer words) with cells of ``spread`` subjects or more."""
        return frozenset(f for f, s in self._subjects(subject_of).items() if len(s) >= spread)

    def owners(self, subject_of: Mapping[str, str]) -> dict[str, str]:
        """The concepts (a vocabulary's word groups, not single words, which chance may
        confine to one subject) only one subject's cells are associated with, and that
        subject."""
        return {
            f: min(s) for f, s in self._subjects(subject_of).items() if len(s) == 1 and f[0] == "#"
        }

    def uses(self, cell: str, feature: str) -> bool:
        """Whether a cell's own words (beyond its answer's) hold ``feature``."""
        return self._assoc[self._index[cell]].get(feature, 0.0) >= ASSOC_BASE

    def known(self, feature: str) -> bool:
        """Whether any cell uses ``feature``."""
        return feature in self._idf

    def common(self, feature: str, lang: str | None = None) -> bool:
        """Whether an unknown feature is a frequent word of ``lang`` ("exactly", « déjà »)."""
        return feature not in self._idf and feature in self._common.get(lang, self._common[None])

    def weight(self, feature: str, lang: str | None = None) -> float:
        """How much information a feature carries in a question of ``lang`` (unknown
        features carry a lot, unless common in that language)."""
        known = self._idf.get(feature)
        if known is not None:
            return known
        if feature.isdigit():
            return self._unknown * NUMBER_UNKNOWN
        if feature in self._common.get(lang, self._common[None]):
            return self._unknown * COMMON_UNKNOWN
        return self._unknown * SHORT_UNKNOWN.get(len(feature), 1.0)

    def coverage(
        self,
        features: Sequence[str],
        cell: str,
        *,
        given: Iterable[str] = (),
        lang: str | None = None,
    ) -> float:
        """The share of the features' information that ``cell`` explains; ``given`` ones
        (what chose the cell: its subject's names, its aspect's cues) count as explained."""
        feats = set(features)
        total = sum(self.weight(f, lang) for f in feats)
        if total <= 0.0:
            return 1.0
        assoc = self._assoc[self._index[cell]]
        known = set(given)
        return (
            sum(self.weight(f, lang) * (1.0 if f in known else assoc.get(f, 0.0)) for f in feats)
            / total
        )

    def known_share(
        self, features: Sequence[str], lang: str | None = None, given: Iterable[str] = ()
    ) -> float:
        """The share of the features' information that the knowledge base knows at all
        (``given`` ones, which chose the answer, count as known): what is left is about
        something the announcement never mentions."""
        feats = set(features)
        total = sum(self.weight(f, lang) for f in feats)
        if total <= 0.0:
            return 1.0
        known = set(given)
        return sum(self.weight(f, lang) for f in feats if f in self._idf or f in known) / total

    def score(
        self,
        features: Sequence[str],
        among: Iterable[str] | None = None,
        lang: str | None = None,
    ) -> tuple[Match, ...]:
        """The best cells for ``features`` (at most ``FUZZY_CANDIDATES``), best first, scores 0..1.

        ``among`` restricts the candidates to those cell ids; ``lang`` is the question's.
        """
        feats = set(features)
        total = sum(self.weight(f, lang) for f in feats)
        known = [f for f in feats if f in self._idf]
        if total <= 0.0:
            return ()
        if among is None:
            if sum(self._idf[f] for f in known) < MIN_INFORMATION:
                return ()
            masses = self._masses(known)
        else:
            masses = {
                n: sum(self._idf[f] * self._assoc[n].get(f, 0.0) for f in known)
                for n in (self._index[c] for c in among)
            }
        # Ties go to the cell defined first, so both scans below rank alike. The pairs
        # compare as they are (no key function to call for each cell).
        pairs = zip(masses.values(), map(neg, masses), strict=True)
        top = heapq.nlargest(FUZZY_CANDIDATES, pairs)
        joined = " ".join(sorted(feats))
        matches = []
        for mass, negated in top:
            cell = -negated
            best = process.extractOne(joined, self._paraphrase_features[cell], scorer=fuzz.ratio)
            similarity = best[1] / 100.0 if best else 0.0
            score = COVERAGE_WEIGHT * mass / total + FUZZY_WEIGHT * similarity
            matches.append(Match(self.cells[cell], score))
        matches.sort(key=attrgetter("score"), reverse=True)
        return tuple(matches)

    def _masses(self, known: list[str]) -> dict[int, float]:
        """How much of the question each cell explains, for the cells that can rank.

        Cells are found through the question's rare features first; the
        frequent ones ("who", "when") would touch nearly every cell of a large
        knowledge base. The full scan runs only when a cell holding nothing
        but frequent features could still reach the top.
        """
        rare = [f for f in known if len(self._postings[f]) <= self._rare_limit]
        if len(rare) == len(known):
            return self._accumulate(known)  # no frequent feature: the postings are short
        ceiling = sum(self._idf[f] for f in known if len(self._postings[f]) > self._rare_limit)
        if rare:
            candidates = {cell for f in rare for cell, _ in self._postings[f]}
            masses = {
                c: sum(self._idf[f] * self._assoc[c].get(f, 0.0) for f in known) for c in candidates
            }
            best = heapq.nlargest(FUZZY_CANDIDATES, masses.values())
            if len(best) == FUZZY_CANDIDATES and best[-1] > ceiling:
                return masses
        return self._accumulate(known)

    def _accumulate(self, known: list[str]) -> dict[int, float]:
        """Every cell's explained mass, through the postings of ``known`` features."""
        masses: dict[int, float] = defaultdict(float)
        for f in known:
            idf = self._idf[f]
            for cell, assoc in self._postings[f]:
                masses[cell] += idf * assoc
        return masses
