"""The matcher's index: finding candidates through rare features loses no top cell."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest

from briefbot import knowledge
from briefbot.engine.kb import KnowledgeBase
from briefbot.engine.lexer import Lexer, Lexicon
from briefbot.engine.matcher import Matcher
from briefbot.engine.render import placeholder_keys
from briefbot.engine.validate import parse_knowledge

COMMON = ["who", "when", "where", "said", "agenda", "quand", "qui", "dit"]


def synthetic_kb(subjects: int, seed: int) -> KnowledgeBase:
    """The shipped facts and aspects with many generated subjects sharing frequent words."""
    rng = random.Random(seed)
    docs: dict[str, Any] = copy.deepcopy(knowledge.read_documents(knowledge.default_dir()))
    docs = {name: doc for name, doc in docs.items() if not name.startswith("subjects-")}
    vocab = [f"w{n:04d}x" for n in range(subjects * 3)]
    generated = []
    for n in range(subjects):
        words = rng.sample(vocab, 4)

        def phrase(i: int, words: list[str] = words) -> str:
            return f"{rng.choice(COMMON)} {words[i % 4]} {words[(i + 1) % 4]} v{i}"

        generated.append(
            {
                "id": f"s{n:05d}",
                "title": {"fr": f"S{n}", "en": f"S{n}"},
                "default": "main",
                "cells": [
                    {
                        "id": "main",
                        "serves": ["about"],
                        "title": {"fr": f"T{n}", "en": f"T{n}"},
                        "label": {"fr": f"L{n}", "en": f"L{n}"},
                        "keywords": {"fr": [words[0]], "en": [words[1]]},
                        "paraphrases": {
                            "fr": [phrase(i) + f" fr{n}" for i in range(8)],
                            "en": [phrase(i) + f" en{n}" for i in range(8)],
                        },
                        "answer": {"fr": f"R{n}", "en": f"A{n}"},
                    }
                ],
            }
        )
    docs["subjects-synthetic.yaml"] = {"subjects": generated}
    # The shipped examples and topic commands name shipped answers: point them at one of these.
    docs["bot.yaml"] = {
        "bot": {
            **docs["bot.yaml"]["bot"],
            "examples": [f"{generated[0]['id']}.main"],
            "commands": [],
        }
    }
    return parse_knowledge(docs, placeholder_keys)


@pytest.mark.parametrize("seed", [1, 2])
def test_rare_feature_candidates_match_the_full_scan(seed: int) -> None:
    """On a knowledge base where frequent words touch every cell, pruning changes no result."""
    kb = synthetic_kb(400, seed)
    lexer = Lexer(kb.concepts, kb.off_scope, [], Lexicon())
    pruned = Matcher(kb, lexer)
    full = Matcher(kb, lexer)
    full._rare_limit = len(kb.cells) + 1  # every feature "rare": the exhaustive scan
    rng = random.Random(seed)
    questions = [rng.choice(c.paraphrases["en"]) for c in rng.sample(list(kb.cells), 60)]
    questions += ["who said", "quand qui dit agenda", "nothing known here"]
    for q in questions:
        feats = lexer.features(q)
        assert [m.topic for m in pruned.score(feats)] == [m.topic for m in full.score(feats)], q
        assert pruned._rare_limit < len(kb.cells)
    # The frequent words really are frequent, so the pruned path was taken.
    assert any(len(p) > pruned._rare_limit for p in pruned._postings.values())


def test_unknown_words_weigh_more_than_common_ones(kb: KnowledgeBase) -> None:
    """ "happy" is common in English, not in a French question; "biography" in neither."""
    lexicon = knowledge.lexicon()
    matcher = Matcher(kb, Lexer(kb.concepts, kb.off_scope, [], lexicon), None, lexicon.frequent)
    assert matcher.weight("happy", "en") < matcher.weight("happy", "fr")
    assert (
        matcher.weight("biogra", "en") == matcher.weight("biogra", "fr") == matcher.weight("biogra")
    )
