"""The accuracy bar: the dev set must stay above 95% in each language and for off-topic."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefbot.commands.eval import evaluate, read_cases
from briefbot.engine.core import Engine
from testkit import LONG_AFTER

BAR = 0.95
# The held-out and blind sets were written apart from the knowledge base; they
# guard against an engine that only looks up the dev set.
HOLDOUT_BAR = 0.85
HERE = Path(__file__).parent


def test_devset_is_large_and_covers_every_topic(engine: Engine) -> None:
    """At least 150 questions, every topic asked, off-topic questions included."""
    cases = read_cases(HERE / "devset.yaml")
    assert len(cases) >= 150
    assert {c.topic for c in cases if c.topic} == set(engine.topic_ids)
    assert sum(c.topic is None for c in cases) >= 30


@pytest.mark.parametrize(
    ("name", "bar"),
    [("devset.yaml", BAR), ("holdout.yaml", HOLDOUT_BAR), ("blind.yaml", HOLDOUT_BAR)],
)
def test_accuracy_bar(engine: Engine, name: str, bar: float) -> None:
    """Per-language accuracy and off-topic rejection stay above the bar."""
    report = evaluate(engine, read_cases(HERE / name), LONG_AFTER)
    rates = {key: report.rate(key) for key in ("fr", "en", "none")}
    misses = [(c.question, c.topic, a.topic or a.kind.value) for c, a in report.misses]
    assert min(rates.values()) >= bar, (rates, misses)
