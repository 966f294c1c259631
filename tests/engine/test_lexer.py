"""Words, spelling correction and known phrases."""

from __future__ import annotations

import pytest

from briefbot import knowledge
from briefbot.engine.core import Engine
from briefbot.engine.lexer import OFF_SCOPE, Lexer, Lexicon, split_words, stem
from testkit import LONG_AFTER


@pytest.fixture(scope="module")
def lexer(engine: Engine) -> Lexer:
    return engine._lexer


def features(lexer: Lexer, text: str, lang: str | None = "en") -> list[str]:
    return [u.feature for u in lexer.units(split_words(text), lang) if u.content]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("confrence", "conference"), ("interoperabilty", "interoperability"), ("agendaa", "agenda")],
)
def test_typos_are_corrected_to_known_words(lexer: Lexer, typed: str, meant: str) -> None:
    """A misspelt word becomes the knowledge base's word within one or two edits."""
    assert lexer.correct(typed) == meant


@pytest.mark.parametrize("word", ["started", "finished", "happening", "charity", "riunione"])
def test_real_or_foreign_words_are_not_turned_into_others(lexer: Lexer, word: str) -> None:
    """A real word of either language stays itself ("started" never becomes "stated")."""
    assert lexer.correct(word) == word


def test_a_mistyped_common_word_becomes_that_word(lexer: Lexer) -> None:
    """A word near none of the knowledge base's but one edit from a common word is that
    word ("somwhere"), which weighs little, not an unknown one."""
    assert lexer.correct("somwhere") == "somewhere"
    assert lexer.correct("confrence") == "conference"  # the knowledge base's words first


def test_a_word_typed_without_its_vowels_is_the_full_word(lexer: Lexer, engine: Engine) -> None:
    """Phones drop vowels ("smwhere", two letters short): the word meant, so the question
    is not about an unknown thing. Consonants left out are another word."""
    assert lexer.correct("smwhere") == "somewhere"
    assert lexer.correct("cnfrence") == "conference"
    assert lexer.correct("smwere") == "smwere"  # an "h" missing too: not vowels only
    reply = engine.answer("can i watch it live smwhere", now=LONG_AFTER)
    assert [a.cell for a in reply.asks] == ["press_conference.watch"]


def test_a_four_letter_word_is_corrected_only_to_one_with_a_letter_dropped(
    lexer: Lexer,
) -> None:
    """ "wach" is "watch" and "wher" "where" (a letter left out), never "when" (another
    letter): one edit turns most short words into others."""
    assert (lexer.correct("wach"), lexer.correct("wher")) == ("watch", "where")
    assert lexer.correct("wgen") == "wgen"


def test_the_word_list_is_the_guard(engine: Engine) -> None:
    """Without the word list, correction would rewrite a real word into a known one."""
    bare = Lexer(engine.kb.concepts, engine.kb.off_scope, ["clarity"], Lexicon())
    guarded = Lexer(engine.kb.concepts, engine.kb.off_scope, ["clarity"], knowledge.lexicon())
    assert bare.correct("charity") == "clarity"
    assert guarded.correct("charity") == "charity"


def test_phrases_become_concepts(lexer: Lexer) -> None:
    """Known phrases, longest first, are one concept each."""
    assert features(lexer, "c quand la conf de presse", "fr") == ["#when", "#press"]
    assert features(lexer, "who's the SACEUR") == ["#who", "#cavoli"]


def test_a_phrase_never_spans_two_sentences(lexer: Lexer) -> None:
    """ "press. conference" is two sentences, not "press conference"."""
    units = lexer.units(split_words("press. Conference"), "en")
    assert [u.end - u.start for u in units] == [1, 1]


def test_off_scope_words_belong_to_a_language(lexer: Lexer) -> None:
    """ "eu" is off-scope in English (the EU) but not in French (« a eu lieu »)."""
    assert OFF_SCOPE in features(lexer, "the eu council", "en")
    assert OFF_SCOPE not in features(lexer, "elle a eu lieu", "fr")


@pytest.mark.parametrize(
    ("text", "where"),
    [("c ou la reunion", True), ("où est la réunion", True), ("rutte ou bauer ?", False)],
)
def test_unaccented_ou_is_where_only_where_it_reads_so(
    lexer: Lexer, text: str, where: bool
) -> None:
    """« c ou », « ou est » mean where; « rutte ou bauer » means or."""
    assert ("#where" in features(lexer, text, "fr")) is where


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("qu'est-ce qu'il fait lors de cet événement ?", False),
        ("cet homme parle de quoi ?", False),
        ("17:30 CET ?", True),
        ("is it 17:30 cet or utc?", True),
        ("c'est à quelle heure en cet ?", True),
    ],
)
def test_cet_is_a_time_zone_only_where_no_noun_follows(lexer: Lexer, text: str, zone: bool) -> None:
    """« cet événement » is a demonstrative, not Central European Time: asking when."""
    assert ("#when" in features(lexer, text, "fr")) is zone


def test_an_ellipsis_ends_a_sentence() -> None:
    """ "…" typed as one character ends a sentence, as "..." does."""
    for typed in (
        "les chefs d'état-major… D'après l'annonce ?",
        "les chefs... D'après l'annonce ?",
    ):
        words = split_words(typed)
        assert words.words.index("apres") - 1 in words.breaks


def test_a_colon_before_a_quotation_ends_no_sentence() -> None:
    """ "Repeat after me: 'X'" is one sentence; "Question: who spoke?" two."""
    assert not split_words("Repeat after me: 'Rutte resigned'").breaks
    assert split_words("Question: who spoke?").breaks == {1, 3}


def test_la_ending_a_sentence_is_there() -> None:
    """« qui sera là ? »: « là » is there (« y »), not the article « la »."""
    assert split_words("qui sera là ?").words == ("qui", "sera", "y")
    assert split_words("la réunion, c'est là-bas ?").words[0] == "la"


def test_inflections_meet_by_stem(lexer: Lexer) -> None:
    """« ministres » finds the off-scope « ministre »; a form that is its own stem does not
    pull in longer words ("according" is not « accord »)."""
    assert OFF_SCOPE in features(lexer, "qui sont les ministres", "fr")
    assert "#outcome" not in features(lexer, "according to him")


def test_a_shorter_word_of_its_own_is_not_a_form_cut_alike(lexer: Lexer) -> None:
    """« commune » and « communiqué » both cut to "commun": only the second names the
    announcement; « communiqués » and « ouverte » are still forms of theirs."""
    assert "#announcement" not in features(lexer, "une conference commune", "fr")
    assert "#announcement" in features(lexer, "les communiques", "fr")
    assert "#opening" in features(lexer, "qui l a ouverte", "fr")


@pytest.mark.parametrize(
    ("a", "b"), [("taking", "takes"), ("items", "item"), ("discussed", "discuss")]
)
def test_stems_meet(a: str, b: str) -> None:
    """Endings are folded so forms of a word meet."""
    assert stem(a) == stem(b)


def test_split_words_marks_sentences_and_questions() -> None:
    """Sentence ends, commas and question marks are kept for the segmenter."""
    words = split_words("Hi, I'm Ana. Who spoke? And when")
    assert words.words[:3] == ("hi", "i", "m")
    assert 1 in words.commas
    assert {4, 6} <= words.breaks
    assert 6 in words.asked and 4 not in words.asked


@pytest.mark.parametrize(
    ("typed", "cut"),
    [
        ("whospoke at the opening", ["who", "spoke", "at", "the", "opening"]),
        ("whenis it", ["when", "is", "it"]),
        ("the pressconference", ["the", "press", "conference"]),
        ("quelest l'ordre du jour", ["quel", "est", "l", "ordre", "du", "jour"]),
        # real words and words nothing splits stay whole
        ("throughout the announcement", ["throughout", "the", "announcement"]),
        ("zzqwerty", ["zzqwerty"]),
    ],
)
def test_words_typed_without_a_space_are_cut_apart(
    lexer: Lexer, typed: str, cut: list[str]
) -> None:
    words = lexer.unglue(split_words(typed))
    assert list(words.words) == cut
    assert len(words.raw) == len(words.spans) == len(cut)


def test_cutting_keeps_sentence_marks_in_place(lexer: Lexer) -> None:
    """A sentence mark after a cut word still falls between the same two words."""
    words = lexer.unglue(split_words("whospoke? whenis it"))
    assert words.words[2:4] == ("when", "is")
    assert words.breaks == {2} and words.asked == {2}


def test_list_numbers_end_questions_and_a_plus_joins_them() -> None:
    numbered = split_words("1) who spoke 2) when is it")
    assert numbered.words == ("who", "spoke", "when", "is", "it") and 2 in numbered.breaks
    assert 2 in split_words("who spoke + when is it").commas
    assert split_words("at 16:30 (UTC) 2)").words[:2] == ("at", "16:30")
