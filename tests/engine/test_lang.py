"""Language detection from the question itself: its grammar words, not its names."""

from __future__ import annotations

import pytest

from briefbot.engine.core import Engine
from briefbot.engine.lang import detect
from briefbot.engine.lexer import Lexicon
from briefbot.engine.normalize import fold
from testkit import LONG_AFTER


def _detect(text: str) -> str | None:
    return detect(fold(text).split(), text)


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
        ("¿Dónde se celebra la reunión?", "es"),
        ("Chi è il comandante supremo alleato in Europa?", "it"),
        ("Wer hält die Pressekonferenz?", "de"),
        ("Hoe laat begint de persconferentie?", "nl"),
        ("Quem é o presidente do Comité Militar da OTAN?", "pt"),
        ("Kto przewodniczy Komitetowi Wojskowemu?", "pl"),
        ("Cine conduce conferința de presă?", "ro"),
        ("Toplantı ne zaman?", "tr"),
        ("Quem fala na conferência de imprensa?", "pt"),
        ("Chi parlerà alla conferenza stampa?", "it"),
        ("Waar spreekt de secretaris-generaal?", "nl"),  # « de » is Dutch too
        ("Vad sa Rutte på mötet?", "sv"),
        ("Hvad sagde Bauer om Ukraine?", "da"),
        ("Qui parla a la roda de premsa dels caps?", "ca"),
        ("A che ora finisce la riunione?", "it"),
        ("Kdo mluvil na tiskové konferenci?", "cs"),
        ("Kuka puhui kokouksessa?", "fi"),
        ("Ki beszélt az ülésen?", "hu"),
        # chat words of one language tell it too
        ("mdr ptdr 😂", "fr"),
        ("oye, era el jueves, verdad?", "es"),
        ("cavoli cqui", "fr"),  # « c'est qui », typed on a phone
        ("¿Qué pasa con 2030 en la agenda?", "es"),
    ],
)
def test_detect(question: str, lang: str) -> None:
    """Grammar words and marked letters tell the language."""
    assert _detect(question) == lang


@pytest.mark.parametrize("question", ["Cavoli ?", "SACEUR", "NATO 2030", "🙂", ""])
def test_no_sign_gives_none(question: str) -> None:
    """Names and acronyms alone say nothing of the language."""
    assert _detect(question) is None


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("when does la conf de presse start?", "en"),
        ("what's on the ordre du jour?", "en"),
        ("C’est quand la press conference ?", "fr"),
        ("Il a dit quoi, le Secretary General ?", "fr"),
        # « des » between two parts of a name is the name's
        ("is the réunion des chefs d'état-major on mercredi or jeudi?", "en"),
        # the head of the question weighs more than a French phrase in its tail
        ("is there a livestream sur le site de l'OTAN?", "en"),
        ("c'est diffusé live on the NATO website ?", "fr"),
        # words reported, unquoted, are cited: the grammar is the asker's
        ("qui a dit que democracy can and will win ?", "fr"),
        ("who said that la démocratie peut l'emporter?", "en"),
    ],
)
def test_borrowed_names_do_not_decide(engine: Engine, question: str, lang: str) -> None:
    """The engine sets aside the words of names before counting grammar words."""
    assert engine.detect_lang(question) == lang


def test_knowledge_vocabulary_breaks_ties(engine: Engine) -> None:
    """Words only the French texts use make a bare question French."""
    assert engine.detect_lang("multimilieux 2030") == "fr"


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("réponds réponds réponds", "fr"),
        ("@everyone ALERTE ALERTE ALERTE 🚨", "fr"),
        ("multi milieux 2030 ?", "fr"),
        ("whatever lol", "en"),
    ],
)
def test_words_only_one_language_has_tell_when_nothing_else_does(
    engine: Engine, message: str, lang: str
) -> None:
    """With no grammar word and no word of the knowledge base's, a word only one
    language's real words have tells the message's language; the reply is in it."""
    assert engine.detect_lang(message) == lang
    assert engine.answer(message, now=LONG_AFTER).lang == lang


@pytest.mark.parametrize("message", ["ok lol", "Cavoli ?", "🙂"])
def test_words_both_languages_have_tell_nothing(engine: Engine, message: str) -> None:
    assert engine.detect_lang(message) is None


def test_the_real_words_of_each_language() -> None:
    """A word is real in either language; only one language has some."""
    lexicon = Lexicon.from_ranked({"fr": ["pour", "alerte"], "en": ["for", "alert", "pour"]}, 1)
    assert lexicon.real("alerte") and lexicon.real("for") and not lexicon.real("spam")
    assert [lexicon.only_in(w) for w in ("alerte", "alert", "pour", "spam")] == [
        "fr",
        "en",
        None,
        None,
    ]
    assert lexicon.frequent == {"fr": frozenset({"pour"}), "en": frozenset({"for"})}


def test_a_persons_name_alone_leaves_the_language_to_the_hint(engine: Engine) -> None:
    """ "Bauer" is in one language's word list; a name tells nothing of the asker's."""
    assert engine.detect_lang("Bauer") is None
    assert engine.answer("Bauer", now=LONG_AFTER, lang_hint="fr").lang == "fr"
