"""Language detection from the question itself."""

from __future__ import annotations

import pytest

from briefbot.engine.core import Engine
from briefbot.engine.lang import detect


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("qui a parlé à l'ouverture", "fr"),
        ("c quand la conf de presse", "fr"),
        ("quel est l ordre du jour", "fr"),
        ("Qu’a dit l’amiral Bauer ?", "fr"),
        ("who spoke at the opening", "en"),
        ("whens the presser", "en"),
        ("what did bauer say about ukraine", "en"),
        ("where can i watch it", "en"),
    ],
)
def test_detect(question: str, lang: str) -> None:
    """Function words and accents tell French from English."""
    assert detect(question) == lang


@pytest.mark.parametrize("question", ["Cavoli ?", "SACEUR", "NATO 2030", "🙂", ""])
def test_no_sign_gives_none(question: str) -> None:
    """Names and acronyms alone say nothing of the language."""
    assert detect(question) is None


def test_knowledge_vocabulary_breaks_ties(engine: Engine) -> None:
    """Words only the French paraphrases use make a bare question French."""
    assert engine.detect_lang("multimilieux 2030") == "fr"
