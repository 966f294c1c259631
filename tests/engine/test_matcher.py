"""The matcher's index: finding candidates through rare features loses no top topic."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest

from briefbot import knowledge
from briefbot.engine.kb import KnowledgeBase
from briefbot.engine.matcher import Matcher
from briefbot.engine.render import placeholder_keys
from briefbot.engine.validate import parse_knowledge

COMMON = ["who", "when", "where", "said", "agenda", "quand", "qui", "dit"]


def _synthetic_kb(topics: int, seed: int) -> KnowledgeBase:
    """The shipped facts with many generated topics sharing frequent words."""
    rng = random.Random(seed)
    docs: dict[str, Any] = copy.deepcopy(knowledge.read_documents(knowledge.default_dir()))
    docs = {name: doc for name, doc in docs.items() if not name.startswith("topics-")}
    vocab = [f"w{n:04d}x" for n in range(topics * 3)]
    generated = []
    for n in range(topics):
        words = rng.sample(vocab, 4)

        def phrase(i: int, words: list[str] = words) -> str:
            return f"{rng.choice(COMMON)} {words[i % 4]} {words[(i + 1) % 4]} v{i}"

        generated.append(
            {
                "id": f"t{n:05d}",
                "title": {"fr": f"T{n}", "en": f"T{n}"},
                "label": {"fr": f"L{n}", "en": f"L{n}"},
                "keywords": {"fr": [words[0]], "en": [words[1]]},
                "paraphrases": {
                    "fr": [phrase(i) + f" fr{n}" for i in range(8)],
                    "en": [phrase(i) + f" en{n}" for i in range(8)],
                },
                "answer": {"fr": f"R{n}", "en": f"A{n}"},
            }
        )
    docs["topics-synthetic.yaml"] = {"topics": generated}
    return parse_knowledge(docs, placeholder_keys)


@pytest.mark.parametrize("seed", [1, 2])
def test_rare_feature_candidates_match_the_full_scan(seed: int) -> None:
    """On a knowledge base where frequent words touch every topic, pruning changes no result."""
    kb = _synthetic_kb(400, seed)
    pruned = Matcher(kb)
    full = Matcher(kb)
    full._rare_limit = len(kb.topics) + 1  # every feature "rare": the exhaustive scan
    rng = random.Random(seed)
    questions = [rng.choice(t.paraphrases["en"]) for t in rng.sample(kb.topics, 60)]
    questions += ["who said", "quand qui dit agenda", "nothing known here"]
    for q in questions:
        assert [m.topic for m in pruned.score(q)] == [m.topic for m in full.score(q)], q
        assert pruned._rare_limit < len(kb.topics)
    # The frequent words really are frequent, so the pruned path was taken.
    assert any(len(p) > pruned._rare_limit for p in pruned._postings.values())
