"""Grouping failed questions by meaning, and writing them in the eval format."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from briefbot.evaluation import read_cases
from briefbot.storage import UnansweredGroup
from briefbot.storage.curation import group_similar, to_eval_yaml

GENERATED = datetime(2025, 1, 20, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "a", "b"),
    [
        ("en", "Who spoke at the opening?", "who spoke at teh opening"),
        ("en", "WHEN IS THE NEXT MEETING", "when is the next meeting ???"),
        ("en", "when is the next meeting", "when's the next meeting"),
        ("fr", "qui a parlé à l'ouverture", "qui a parle a l ouverture"),
        ("fr", "c'est quoi le budget de l'OTAN ?", "c quoi le budget de l otan"),
        ("fr", "où a eu lieu la réunion", "Ou a eu lieu la reunion ?!"),
    ],
)
def test_variants_of_one_question_form_one_group(lang: str, a: str, b: str) -> None:
    """Case, accents, punctuation, elisions and a typo do not split a group."""
    (group,) = group_similar([(a, lang, 3, 0), (b, lang, 2, 1)])
    assert group == UnansweredGroup(a, lang, count=5, variants=(a, b), downvoted=1)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("who spoke at the opening", "who spoke at the closing"),
        ("what did they say about ukraine", "what did they say about russia"),
        ("what did rutte say", "what did bauer say"),
        ("combien de pays", "combien de pays membres"),
    ],
)
def test_different_questions_stay_apart(a: str, b: str) -> None:
    """Questions that differ in what they ask are two groups."""
    assert len(group_similar([(a, "en", 1, 0), (b, "en", 1, 0)])) == 2


def test_languages_are_never_mixed_in_a_group() -> None:
    """The same words tagged fr and en make two groups: the eval format has one lang each."""
    groups = group_similar([("budget otan", "fr", 1, 0), ("budget otan", "en", 1, 0)])
    assert sorted(g.lang for g in groups) == ["en", "fr"]


def test_groups_come_most_asked_first_headed_by_the_most_frequent_wording() -> None:
    """Order is by total count; a group is named after its most frequent variant."""
    groups = group_similar(
        [
            ("where is the venue", "en", 1, 0),
            ("who chaired the meeting", "en", 2, 0),
            ("who chaired teh meeting", "en", 3, 0),
        ]
    )
    assert [(g.question, g.count) for g in groups] == [
        ("who chaired teh meeting", 5),
        ("where is the venue", 1),
    ]


@pytest.mark.parametrize("text", ["", "   ", "👍👍", "?!…"])
def test_texts_without_words_are_left_out(text: str) -> None:
    """Nothing to curate in an empty or emoji-only message."""
    assert group_similar([(text, "en", 4, 0)]) == []


def test_the_export_loads_as_eval_questions_with_blank_topics() -> None:
    """Each group is one {q, lang, topic: ""} entry; counts and variants are comments."""
    groups = [
        UnansweredGroup("qui a parlé ?", "fr", 5, ("qui a parlé ?", "qui a parle"), 2),
        UnansweredGroup('say "hi"\nplease', "en", 1, ('say "hi"\nplease',)),
    ]
    text = to_eval_yaml(groups, generated=GENERATED, scope="all servers")
    assert yaml.safe_load(text) == {
        "questions": [
            {"q": "qui a parlé ?", "lang": "fr", "topic": ""},
            {"q": 'say "hi"\nplease', "lang": "en", "topic": ""},
        ]
    }
    assert "# asked 5 times, 2 variants, 2 voted 👎" in text
    assert '#   also: "qui a parle"' in text


def test_an_empty_export_is_still_a_valid_eval_file() -> None:
    """No failures: an empty questions list, not a null."""
    text = to_eval_yaml([], generated=GENERATED, scope="server 1")
    assert yaml.safe_load(text) == {"questions": []}


def test_briefbot_eval_reads_the_export_once_topics_are_filled(tmp_path: Path) -> None:
    """A curator fills the blank topics and `briefbot eval` accepts the file as it is."""
    groups = group_similar(
        [("what's the weather", "en", 2, 0), ("qui est l'amiral bauer", "fr", 1, 1)]
    )
    export = tmp_path / "unanswered.yaml"
    export.write_text(to_eval_yaml(groups, generated=GENERATED, scope="all"), encoding="utf-8")
    filled = tmp_path / "filled.yaml"
    filled.write_text(export.read_text(encoding="utf-8").replace('topic: ""', "topic: none"))
    cases = read_cases(yaml.safe_load(filled.read_text("utf-8")), str(filled))
    assert [(t.question, t.lang, t.topics) for c in cases for t in c.turns] == [
        ("what's the weather", "en", ()),
        ("qui est l'amiral bauer", "fr", ()),
    ]


@given(
    st.lists(
        st.tuples(st.text(st.characters(codec="utf-8"), min_size=1), st.sampled_from(["fr", "en"])),
        max_size=5,
    )
)
def test_any_question_text_survives_the_export(items: list[tuple[str, str]]) -> None:
    """Whatever users typed loads back from the YAML exactly, comments included."""
    groups = [UnansweredGroup(q, lang, 1, (q, q + "?")) for q, lang in items]
    loaded = yaml.safe_load(to_eval_yaml(groups, generated=GENERATED, scope="all"))
    assert [(e["q"], e["lang"], e["topic"]) for e in loaded["questions"]] == [
        (q, lang, "") for q, lang in items
    ]
