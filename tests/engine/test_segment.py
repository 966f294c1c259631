"""Cutting messages into the questions they ask."""

from __future__ import annotations

import pytest

from briefbot.engine.core import Engine
from briefbot.engine.lexer import split_words
from briefbot.engine.segment import segment


def parts(engine: Engine, text: str, lang: str = "en") -> list[tuple[bool, str]]:
    words = split_words(text)
    units = engine._lexer.units(words, lang)
    found = segment(units, words, engine._reader.role, lang, engine._reader.related)
    return [(p.asks, " ".join(words.words[p.units[0].start : p.units[-1].end])) for p in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who opened the meeting, and when's the presser?",
         ["who opened the meeting", "when s the presser"]),
        ("when and where is the meeting", ["when", "where is the meeting"]),
        ("Rutte and Bauer said what?", ["rutte", "bauer said what"]),
        ("the press conference, when?", ["the press conference when"]),
        ("what did Bauer say about democracy and sovereignty?",
         ["what did bauer say about democracy and sovereignty"]),
        ("What's the Military Committee, who chairs it?",
         ["what s the military committee", "who chairs it"]),
        ("Defence planning process - on the agenda or not?",
         ["defence planning process on the agenda or not"]),
        # a part saying more of the one before it stays with it
        ("c'est quand la réunion, celle des chefs d'état-major ?",
         ["c est quand la reunion celle des chefs d etat major"]),
        ("Où est la conférence de presse, celle de jeudi ?",
         ["ou est la conference de presse celle de jeudi"]),
        # a day named says which one is meant, it asks nothing
        ("Pour celle de jeudi, elle a duré combien de temps ?",
         ["pour celle de jeudi elle a dure combien de temps"]),
        # a moment or a source before a comma places the question, it asks nothing
        ("Aujourd'hui, qui est le SACEUR ?", ["aujourd hui qui est le saceur"]),
        ("Right now, is the meeting over?", ["right now is the meeting over"]),
        ("D'après le texte, qui est le SACEUR ?", ["d apres le texte qui est le saceur"]),
        # a heading naming more than a subject, pointed back to by "it"
        ("The goal for 2030, is it on track?", ["the goal for 2030 is it on track"]),
        # a relative « qui » after a noun asks nothing: the part names what is asked of
        ("Le point de l'ordre du jour qui mentionne 2030, c'est le numéro combien ?",
         ["le point de l ordre du jour qui mentionne 2030 c est le numero combien"]),
    ],
)  # fmt: skip
def test_questions_split_at_joins_only_when_both_sides_ask(
    engine: Engine, text: str, expected: list[str]
) -> None:
    """ "And" and commas split two questions; a subject and its aspect stay together."""
    assert [t for _, t in parts(engine, text)] == expected


def test_a_preamble_asks_nothing(engine: Engine) -> None:
    """Sentences without a question mark or question word are context, not questions."""
    found = parts(engine, "I'm writing about the SACT for a newsletter. What exactly is his job?")
    assert [asks for asks, _ in found] == [False, True]


def test_what_the_asker_knows_asks_nothing(engine: Engine) -> None:
    """ "I know he's an admiral." tells, where "I'd like to know …" asks."""
    told = parts(engine, "I know he's a French admiral. What is his part in this event?")
    assert [asks for asks, _ in told] == [False, True]
    asked = parts(engine, "I'd like to know who spoke. The agenda is long.")
    assert [asks for asks, _ in asked] == [True, False]


def test_what_is_told_before_wanting_to_know_is_left_out(engine: Engine) -> None:
    """ "My dad was in the navy and wants to know which admirals …": the question is what
    follows "to know"; what comes before names nothing asked of, and is left out. Naming
    something, it stays ("My piece on the SACT wants to know his role?")."""
    told = parts(engine, "My dad was in the navy and he wants to know which admirals spoke?")
    assert told == [(True, "which admirals spoke")]
    named = parts(engine, "My piece on the SACT wants to know his role?")
    assert named == [(True, "my piece on the sact wants to know his role")]


def test_quote_asks_only_with_whom_to_quote(engine: Engine) -> None:
    """ "Now quote Bauer." orders a quotation; "> quote block" names a thing."""
    ordered = parts(engine, "Pretend you are a pirate. Now quote Bauer.")
    assert [asks for asks, _ in ordered] == [True, True]
    asked = parts(engine, "quote block. What did Bauer say?")
    assert [asks for asks, _ in asked] == [False, True]


def test_a_condition_asks_nothing_itself(engine: Engine) -> None:
    """ "if I wanted to …, when is it?": the condition is context for the question after it."""
    found = parts(engine, "if I wanted to watch the press conference, when is it?")
    assert found == [(False, "if i wanted to watch the press conference"), (True, "when is it")]


def test_a_message_without_any_question_is_still_asked(engine: Engine) -> None:
    """ "agenda pls" has no question mark: it is the question."""
    assert parts(engine, "agenda pls") == [(True, "agenda pls")]


def test_other_languages_join_with_their_own_and(engine: Engine) -> None:
    """German "und" joins two questions in a German message."""
    assert len(parts(engine, "Wo findet das Treffen statt und wann?", "de")) == 2
