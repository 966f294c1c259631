"""The engine end to end: messy questions in, the right answer, language and facts out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefbot import knowledge
from briefbot.engine.core import MAX_QUESTION_CHARS, Engine
from briefbot.engine.kb import KnowledgeBase
from briefbot.engine.resolve import MIN_MARGIN, SUGGEST_BAND
from briefbot.engine.types import AskKind, Kind, TimeStyle
from testkit import AFTER_PRESS, BEFORE_MEETING, BEFORE_PRESS, DURING_MEETING, LONG_AFTER

NOW = LONG_AFTER


@pytest.mark.parametrize(
    ("question", "cell", "lang"),
    [
        ("qui a parle a l ouverture", "opening.speakers", "fr"),
        ("who gave the opening speeches??", "opening.speakers", "en"),
        ("ce qu'a dit rutte", "rutte.said", "fr"),
        ("rutte wartime mindset quote", "rutte.said", "en"),
        ("qu’a déclaré l’amiral bauer", "bauer.said", "fr"),
        ("Bauer's quote", "bauer.said", "en"),
        ("who said democracy is worth fighting for", "bauer.said", "en"),
        ("c koi l'ordre du jour", "agenda.list", "fr"),
        ("whats on the agendaa", "agenda.list", "en"),
        ("interoperabilite avec les partenaires", "standardization.item", "fr"),
        ("is standardisation discussed", "standardization.item", "en"),
        ("c quand la conf de presse", "press_conference.when", "fr"),
        ("wen is the press conferance", "press_conference.when", "en"),
        ("where can i watch the presser live", "press_conference.watch", "en"),
        ("la reunion c ou", "meeting.when_where", "fr"),
        ("who's Pierre Vandier", "vandier.role", "en"),
        ("c'est qui le SACEUR", "cavoli.role", "fr"),
        ("le sg de l'otan c qui", "rutte.role", "fr"),
        ("ta source ?", "announcement.source", "fr"),
        ("what did they decide", "meeting.outcome", "en"),
        ("combien de % du PIB pour la défense", "spending.figures", "fr"),
    ],
)
def test_messy_questions_find_their_answer(
    engine: Engine, question: str, cell: str, lang: str
) -> None:
    """Typos, missing accents, elisions and chat spelling still reach the right answer."""
    answer = engine.answer(question, now=NOW)
    assert answer.kind is Kind.ANSWER, answer.asks
    assert (answer.topic, answer.lang) == (cell, lang)
    assert 0.0 < answer.confidence <= 1.0
    assert answer.source is not None and answer.source.url.startswith("https://www.nato.int/")


@pytest.mark.parametrize(
    "question",
    [
        "best fries in Brussels?",
        "meilleures frites de bruxelles",
        "who is the president of ukraine",
        "quand a lieu le prochain Conseil européen",
        "what's the weather in brussels tomorrow",
        "recommend a pasta recipe",
        "when is the next nato summit",
        "Où se trouve le SHAPE ?",
        # a status asked of a name the announcement never uses is not the meeting's
        "did Arsenal win yesterday?",
        "Le PSG a gagné hier soir ?",
        # another body's committee, named before the name the announcement uses
        "What happened at the EU Military Committee meeting last month?",
    ],
)
def test_off_topic_questions_are_declined(engine: Engine, question: str) -> None:
    """Questions about other things are declined with example questions, never forced."""
    answer = engine.answer(question, now=NOW)
    assert answer.kind is Kind.DECLINE
    assert answer.topic is None
    assert len(answer.suggestions) >= 2
    assert all(s.label in answer.text for s in answer.suggestions)


def test_decline_speaks_the_question_language(engine: Engine) -> None:
    """A French off-topic question is declined in French."""
    answer = engine.answer("quelle est la recette des gaufres de liège", now=NOW)
    assert answer.kind is Kind.DECLINE
    assert answer.lang == "fr"
    assert "Je ne peux pas répondre" in answer.text


def test_the_quotes_are_verbatim_in_each_language(engine: Engine) -> None:
    """Each language quotes its own version of the announcement."""
    fr = engine.answer("qu'a dit rutte", now=NOW).text
    en = engine.answer("what did rutte say", now=NOW).text
    assert "« Pour prévenir la guerre, nous devons nous y préparer." in fr
    assert (
        "to prevent war, we need to prepare for it. It is time to shift to a wartime mindset." in en
    )


def test_agenda_has_five_items_in_french_and_four_in_english(engine: Engine) -> None:
    """The French agenda lists five items, the English one four, as in each version."""
    fr = engine.answer("ordre du jour", now=NOW).text
    en = engine.answer("agenda please", now=NOW).text
    assert "Cinq points" in fr and "\n5. " in fr and "\n6. " not in fr
    assert "four items" in en and "\n4. " in en and "\n5. " not in en


def test_english_item_two_covers_two_french_items(engine: Engine) -> None:
    """The 2030 item is item 3 of 5 in French and part of item 2 of 4 in English."""
    fr = engine.answer("opérations multimilieux 2030", now=NOW).text
    en = engine.answer("multi-domain by 2030", now=NOW).text
    assert "point 3 (sur 5)" in fr
    assert "Item 2 of 4" in en


@pytest.mark.parametrize(
    ("question", "lang", "cell"),
    [
        ("what's the second item?", "en", "defence_planning.item"),
        ("quel est le troisième point de l'ordre du jour ?", "fr", "multidomain_2030.item"),
        ("and the last one on the agenda?", "en", "standardization.item"),
        ("le dernier point ?", "fr", "standardization.item"),
    ],
)
def test_an_item_is_found_by_its_place(engine: Engine, question: str, lang: str, cell: str) -> None:
    """ "The second item" is counted in the asker's language's version of the agenda."""
    answer = engine.answer(question, now=NOW)
    assert (answer.topic, answer.lang) == (cell, lang)


@pytest.mark.parametrize(
    ("now", "fr_phrase", "en_phrase"),
    [
        (BEFORE_MEETING, "se tiendra le", "will take place on"),
        (DURING_MEETING, "se tient en ce moment", "is taking place now"),
        (LONG_AFTER, "s’est tenue le", "took place on"),
    ],
)
def test_meeting_tense_follows_the_clock(
    engine: Engine, now: object, fr_phrase: str, en_phrase: str
) -> None:
    """Before, during and after the meeting the answer uses the right tense."""
    assert fr_phrase in engine.answer("quand a lieu la réunion", now=now).text  # type: ignore[arg-type]
    assert en_phrase in engine.answer("when is the meeting", now=now).text  # type: ignore[arg-type]


def test_press_conference_tense_and_both_time_zones(engine: Engine) -> None:
    """The press conference is announced in the future before 17:30, in the past after."""
    before = engine.answer("when is the press conference", now=BEFORE_PRESS).text
    after = engine.answer("when is the press conference", now=AFTER_PRESS).text
    assert "will be held on Thursday 16 January 2025 at 17:30 Brussels time (16:30 UTC)" in before
    assert "was scheduled for" in after
    assert "does not say what was said there" in after
    fr = engine.answer("c'est quand la conférence de presse", now=BEFORE_PRESS).text
    assert "jeudi 16 janvier 2025 à 17h30, heure de Bruxelles (16h30 UTC)" in fr


def test_discord_style_writes_timestamps(engine: Engine) -> None:
    """On Discord the time is a timestamp each reader sees in their own zone."""
    text = engine.answer("press conference time", now=NOW, time_style=TimeStyle.DISCORD).text
    assert "<t:1737045000:F>" in text and "<t:1737045000:R>" in text


def test_unknowns_say_the_source_does_not_say(engine: Engine) -> None:
    """What the announcement does not say is said plainly, never guessed."""
    outcome = engine.answer("what was said at the press conference", now=NOW)
    figures = engine.answer("how much defence spending does rutte want", now=NOW)
    assert outcome.topic == "press_conference.said"
    assert outcome.asks[0].kind is AskKind.NOT_SAID
    assert "does not say" in outcome.text
    assert figures.topic == "spending.figures"
    assert "no figures" in figures.text


def test_close_readings_give_did_you_mean(engine: Engine) -> None:
    """Two subjects within MIN_MARGIN: the engine asks, offering each reading within
    SUGGEST_BAND of the best (here "support": Ukraine, or NATO's partners)."""
    answer = engine.answer("support", now=NOW)
    assert answer.kind is Kind.CLARIFY
    assert [s.topic for s in answer.suggestions] == ["ukraine.summary", "partner_support.item"]
    scores = [m.score for m in answer.candidates]
    assert scores[0] - scores[1] < MIN_MARGIN
    assert all(s.label in answer.text for s in answer.suggestions)


def test_did_you_mean_offers_every_reading_within_the_band(engine: Engine) -> None:
    """A bare "quote" could be either quotation or the opening's: all three are offered,
    the third one a little further than the first two but within SUGGEST_BAND."""
    answer = engine.answer("quote", now=NOW)
    assert answer.kind is Kind.CLARIFY
    assert [s.topic for s in answer.suggestions] == ["rutte.said", "bauer.said", "opening.said"]
    best, third = answer.candidates[0].score, answer.candidates[2].score
    assert 0 < best - third <= SUGGEST_BAND


def test_a_clear_lead_is_answered(engine: Engine) -> None:
    """« soutien » leans to Ukraine by more than MIN_MARGIN: it is answered, not asked."""
    answer = engine.answer("soutien", now=NOW)
    assert answer.kind is Kind.ANSWER and answer.topic == "ukraine.summary"
    assert answer.candidates[0].score - answer.candidates[1].score >= MIN_MARGIN


def test_language_hint_only_when_the_question_cannot_tell(engine: Engine) -> None:
    """A bare name follows the caller's preference; a French question stays French."""
    assert engine.answer("Cavoli ?", now=NOW, lang_hint="fr").lang == "fr"
    assert engine.answer("Cavoli ?", now=NOW).lang == "en"
    assert engine.answer("qui est cavoli", now=NOW, lang_hint="en").lang == "fr"
    assert engine.answer("qui est cavoli", now=NOW, force_lang="en").lang == "en"


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("", "Ask me a question"),
        ("   \t\n ", "Ask me a question"),
        ("\x00\x01\x02", "Ask me a question"),
        ("<@123> @everyone", "Ask me a question"),
        ("🙏🔥😂", "found no words"),
        ("x" * 10_000, "too long"),
        ("who spoke " * 400, "too long"),
    ],
)
def test_bad_input_gets_a_clear_reply(engine: Engine, question: str, key: str) -> None:
    """Empty, unreadable and oversized input is refused with a clear message."""
    answer = engine.answer(question, now=NOW)
    assert answer.kind is Kind.INVALID
    assert key in answer.text
    assert answer.topic is None


def test_too_long_names_the_limit(engine: Engine) -> None:
    """The too-long reply gives the length and the limit."""
    answer = engine.answer("a" * 4000, now=NOW)
    assert "4,000" in answer.text and str(MAX_QUESTION_CHARS) in answer.text


def test_reply_never_echoes_mentions(engine: Engine) -> None:
    """A question holding pings gets a reply without them."""
    answer = engine.answer("@everyone <@&42> who spoke at the opening", now=NOW)
    assert answer.topic == "opening.speakers"
    assert "@everyone" not in answer.text and "<@" not in answer.text


@pytest.mark.parametrize(
    "question",
    ["مرحبا، من تحدث في الافتتاح؟", "Кто выступал?", "who spoke 在开幕式上", "שלום agenda"],
)
def test_other_scripts_get_a_reply(engine: Engine, question: str) -> None:
    """Right-to-left and mixed scripts get a reply, not an exception."""
    answer = engine.answer(question, now=NOW)
    assert answer.text


_ENGINE = Engine(knowledge.load(), knowledge.lexicon())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_any_text_gets_a_reply(question: str) -> None:
    """Whatever arrives, the engine replies with a value."""
    answer = _ENGINE.answer(question, now=NOW)
    assert answer.text and answer.lang in ("fr", "en")
    assert (answer.topic is not None) == (answer.kind is Kind.ANSWER)
    assert len(answer.asks) <= 3


def test_autocomplete_is_bounded_and_in_the_language(engine: Engine) -> None:
    """Autocomplete offers at most 25 questions of at most 100 characters."""
    fr = engine.complete("conf", lang="fr")
    en = engine.complete("press", lang="en")
    empty = engine.complete("", lang="en")
    assert 0 < len(fr) <= 25 and 0 < len(en) <= 25 and 0 < len(empty) <= 25
    assert all(len(c) <= 100 for c in fr + en + empty)
    assert any("presse" in c for c in fr)
    assert any("press" in c.lower() for c in en)
    assert len(set(en)) == len(en)


def test_answer_topic_renders_every_cell(engine: Engine) -> None:
    """Every cell renders in both languages, at every moment, without leftover placeholders."""
    for topic in engine.topic_ids:
        for lang in ("fr", "en"):
            for now in (BEFORE_MEETING, DURING_MEETING, LONG_AFTER):
                answer = engine.answer_topic(topic, lang=lang, now=now)
                assert answer.kind is Kind.ANSWER and answer.title
                assert "{" not in answer.text and "}" not in answer.text


def test_answer_topic_takes_a_subject_for_its_default(engine: Engine) -> None:
    """A subject id (an old button, a slash shortcut) answers its default cell."""
    assert engine.answer_topic("press_conference", lang="en", now=NOW).topic == (
        "press_conference.when"
    )
    assert engine.answer_topic("nowhere", lang="en", now=NOW).kind is Kind.DECLINE


@pytest.mark.parametrize(
    ("greeting", "lang"),
    [
        ("hello", "en"),
        ("Bonjour !", "fr"),
        ("merci beaucoup", "fr"),
        ("what can you do?", "en"),
        ("lol ok thx", "en"),  # chat interjections are small talk too
        ("ah ok merci", "fr"),
        ("hey who r u", "en"),  # a greeting before "who are you?"
        ("vous pouvez me la redonner ?", "fr"),  # a request for nothing named
    ],
)
def test_small_talk_gets_the_help_text(engine: Engine, greeting: str, lang: str) -> None:
    """A greeting or "what are you" is met with what the bot does, not a refusal; after a
    question, neither is thanks a follow-up repeating its answer."""
    answer = engine.answer(greeting, now=NOW)
    assert answer.kind is Kind.DECLINE and answer.lang == lang
    assert answer.text == engine.help_text(lang)
    assert len(answer.suggestions) >= 2
    after = engine.answer("what's on the agenda?", now=NOW)
    assert not engine.answer(greeting, now=NOW, context=after.context).asks


@pytest.mark.parametrize(
    ("question", "cell"),
    [
        ("who gave the keynote", "opening.speakers"),
        ("what was rutte's main point", "rutte.said"),
        ("when was the announcement published", "announcement.published"),
    ],
)
def test_synonyms_in_the_concepts_reach_the_answer(
    engine: Engine, question: str, cell: str
) -> None:
    """Words known only through concepts.yaml (keynote, main point, published) still match."""
    assert engine.answer(question, now=NOW).topic == cell


@pytest.mark.parametrize(
    ("message", "cell"),
    [
        (
            "Hi! I'm writing an article for my school paper. Who opened the meeting?",
            "opening.speakers",
        ),
        (
            "Bonjour. Je prépare un exposé. C'est quand la conférence de presse ?",
            "press_conference.when",
        ),
        ("I saw this on social media — what did Bauer actually say?", "bauer.said"),
        ("I'm writing about the SACT for a newsletter. What exactly is his job?", "vandier.role"),
    ],
)
def test_a_preamble_does_not_drown_the_question(engine: Engine, message: str, cell: str) -> None:
    """Sentences that ask nothing are context: the question is answered, and "his" in it
    points back to the person the preamble named."""
    answer = engine.answer(message, now=NOW)
    assert [a.cell for a in answer.asks] == [cell]


@pytest.mark.parametrize(
    "question",
    [
        "Is Ukraine going to join NATO?",
        "who was the secretary general before rutte",
        "how many members does nato have",
        "who chairs the EU military committee",
        # a name the announcement never uses is not guessed at
        "Quelle est la position de la France ?",
        # a place naming another event is not a guess at where this one is
        "What came of the talks at the Ramstein meeting?",
        # "when" bare beside an off-topic "where": both ask of the summit
        "When and where is the next NATO summit?",
        # a meeting named for another body, put at the head of the question
        "La réunion des ministres de la Défense de l'UE en février, elle a lieu où ?",
    ],
)
def test_words_that_leave_the_announcement_are_declined(engine: Engine, question: str) -> None:
    """Another organisation, time or subject (knowledge/scope.yaml) declines a near-miss."""
    assert engine.answer(question, now=NOW).kind is Kind.DECLINE


@pytest.mark.parametrize(
    ("question", "cell", "lang"),
    [
        ("give me rutte's quote in french", "rutte.said", "fr"),
        ("la citation de bauer en anglais", "bauer.said", "en"),
        ("ordre du jour en français", "agenda.list", "fr"),
    ],
)
def test_asking_for_a_language_gets_it(engine: Engine, question: str, cell: str, lang: str) -> None:
    """'In French' / 'en anglais' picks the answer language over the question's own."""
    answer = engine.answer(question, now=NOW)
    assert (answer.topic, answer.lang) == (cell, lang)


@pytest.mark.parametrize(
    ("question", "lang", "intro"),
    [
        ("C'est quoi la phrase de Bauer en anglais ?", "fr", "Dans la version anglaise"),
        ("what is Rutte's quote in French?", "en", "In the French version"),
    ],
)
def test_what_the_words_are_in_a_language_is_that_versions_text(
    engine: Engine, question: str, lang: str, intro: str
) -> None:
    """Asked what someone's words are in the other language, the reply stays in the
    question's and quotes the other version."""
    answer = engine.answer(question, now=NOW)
    assert answer.lang == lang and answer.text.startswith(intro)


def test_a_lone_generic_word_is_too_vague(engine: Engine) -> None:
    """'What is NATO?' carries too little to pin on an answer about this meeting."""
    assert engine.answer("what is nato", now=NOW).kind is Kind.DECLINE


# --- a question asked again -------------------------------------------------------------------


def test_a_question_asked_again_is_answered_for_its_own_moment(kb: KnowledgeBase) -> None:
    """The reading is kept, the reply is not: the same words before and after the press
    conference get "not yet" and "it is over", and agree with an engine keeping nothing."""
    engine, anew = Engine(kb, knowledge.lexicon()), Engine(kb, knowledge.lexicon(), plans_kept=0)
    question = "is the press conference over?"
    replies = [engine.answer(question, now=at).text for at in (BEFORE_PRESS, LONG_AFTER)]
    assert replies[0].startswith("Not yet") and replies[1].startswith("It is over")
    for at in (BEFORE_PRESS, LONG_AFTER, BEFORE_PRESS):
        assert engine.answer(question, now=at) == anew.answer(question, now=at)


def test_a_kept_reading_follows_the_clock_for_next_meeting(kb: KnowledgeBase) -> None:
    engine = Engine(kb, knowledge.lexicon())
    question = "when is the next chiefs of defence meeting?"
    assert engine.answer(question, now=BEFORE_MEETING).kind is Kind.ANSWER
    assert engine.answer(question, now=LONG_AFTER).asks[0].kind is AskKind.OFF_TOPIC


def test_a_follow_up_is_read_with_its_context_not_from_a_kept_reading(engine: Engine) -> None:
    alone = engine.answer("and when?", now=NOW)
    after = engine.answer(
        "and when?", now=NOW, context=engine.answer("who is Cavoli?", now=NOW).context
    )
    assert alone.asks[0].cell != after.asks[0].cell == "press_conference.when"


def test_kept_readings_are_bounded(kb: KnowledgeBase) -> None:
    engine = Engine(kb, knowledge.lexicon(), plans_kept=3)
    questions = ["who is Bauer?", "who is Cavoli?", "who is Vandier?", "who is Rutte?"]
    for question in questions:
        engine.answer(question, now=NOW)
    assert len(engine._plans) == 3  # the oldest was let go
    assert engine.answer(questions[0], now=NOW).asks[0].cell == "bauer.role"
