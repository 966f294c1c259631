"""The answer engine: a question in, a frozen :class:`Answer` out.

Pure: no I/O, no clock of its own (callers pass ``now``), no environment. The
thresholds below (and the weights in ``matcher``) were chosen with
``briefbot eval`` on the question sets in ``tests/``: mainly the dev set, with
the held-out and blind sets as checks that they generalize (README, "How it
answers").
"""

from __future__ import annotations

import re
from datetime import datetime

from rapidfuzz import fuzz, process

from briefbot.engine.kb import KnowledgeBase, Topic
from briefbot.engine.lang import detect
from briefbot.engine.matcher import Matcher
from briefbot.engine.normalize import clean, fold, has_letters
from briefbot.engine.render import Renderer
from briefbot.engine.types import LANGS, Answer, Kind, Lang, Match, Source, Suggestion, TimeStyle
from briefbot.messages import message

# Longest question accepted, after markup is stripped: a chat question is a
# sentence or two; anything longer is a paste, not a question.
MAX_QUESTION_CHARS = 500
# Raw input over this many times the limit is refused without being cleaned.
RAW_CHARS_FACTOR = 4
# Below this score no topic explains the question: decline.
DECLINE_BELOW = 0.45
# Above it, answer when the best topic leads the runner-up by this much;
# otherwise the topics are too close to call: ask "did you mean".
MIN_MARGIN = 0.03
# Topics within this distance of the best are offered as "did you mean".
SUGGEST_BAND = 0.12
MAX_SUGGESTIONS = 3
# Topics whose labels serve as examples when declining or giving help.
EXAMPLE_TOPICS = ("opening_speakers", "agenda", "press_conference")
# Greetings, thanks and "what are you?" get the help text, not a refusal.
SMALL_TALK_WORDS = frozenset(
    """hello hi hey yo hola bonjour bonsoir salut coucou thanks thank you thx ty cheers merci
    beaucoup help aide please svp stp ok okay cool great super parfait good morning bye ciao
    au revoir""".split()
)
SMALL_TALK_PHRASES = frozenset(
    fold(p)
    for p in (
        "what can you do", "who are you", "what are you", "what is this", "what is this bot",
        "how does this work", "how do you work", "qui es-tu", "tu es qui", "t'es qui",
        "tu sers à quoi", "c'est quoi ce bot", "que sais-tu faire", "comment ça marche",
        "help me", "aide-moi", "what do you know",
    )
)  # fmt: skip
# "… in French", "… en anglais": the asker names the answer language.
_LANG_REQUEST = re.compile(r"\b(?:in|en)\s+(fran[cç]ais|french|anglais|english)\b", re.IGNORECASE)
AUTOCOMPLETE_LIMIT = 25
DISCORD_CHOICE_CHARS = 100


class Engine:
    """Answers questions from one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._topics = {t.id: t for t in kb.topics}
        self._renderer = Renderer(kb.facts)
        self._matcher = Matcher(kb, self._renderer.all_texts(kb.topics))
        self._completions = {
            lang: [p for t in kb.topics for p in (t.label[lang], *t.paraphrases[lang])]
            for lang in LANGS
        }
        seen = {
            lang: {w for p in self._completions[lang] for w in fold(p).split()} for lang in LANGS
        }
        self._lang_words = (
            frozenset(seen["fr"] - seen["en"]),
            frozenset(seen["en"] - seen["fr"]),
        )
        self._folded_completions = {
            lang: [fold(p) for p in items] for lang, items in self._completions.items()
        }

    @property
    def topic_ids(self) -> tuple[str, ...]:
        """Every topic id, in knowledge-base order."""
        return tuple(self._topics)

    def detect_lang(self, text: str) -> Lang | None:
        """The question's own language, or None when it cannot tell."""
        return detect(clean(text), *self._lang_words)

    def answer(
        self,
        question: str,
        *,
        now: datetime,
        lang_hint: Lang | None = None,
        force_lang: Lang | None = None,
        time_style: TimeStyle = TimeStyle.PLAIN,
    ) -> Answer:
        """Answer ``question`` at time ``now``; never raises on any input.

        The answer is in ``force_lang`` if given, else in the language the
        question asks for ("in French"), else in the question's own language,
        else in ``lang_hint``, else in English.
        """
        # A paste far over the limit is refused on its raw length: cleaning it
        # all would only cost time.
        text = clean(question[: RAW_CHARS_FACTOR * MAX_QUESTION_CHARS])
        requested = _LANG_REQUEST.search(text[:MAX_QUESTION_CHARS])
        if requested and force_lang is None:
            force_lang = "en" if requested.group(1).lower() in ("anglais", "english") else "fr"
            text = (text[: requested.start()] + text[requested.end() :]).strip()
        fallback: Lang = force_lang or lang_hint or "en"
        if not text:
            return Answer(Kind.INVALID, fallback, message("invalid.empty", fallback))
        lang = force_lang or detect(text[:MAX_QUESTION_CHARS], *self._lang_words) or fallback
        screened = self._screen(question, text, lang)
        if screened is not None:
            return screened

        matches = self._matcher.score(text)
        best = matches[0] if matches else Match("", 0.0)
        if best.score < DECLINE_BELOW:
            return self._decline(lang, best.score, matches)
        runner_up = matches[1].score if len(matches) > 1 else 0.0
        if best.score - runner_up >= MIN_MARGIN:
            return self.answer_topic(best.topic, lang=lang, now=now, time_style=time_style,
                                     confidence=best.score, candidates=matches)  # fmt: skip
        close = [m for m in matches[:MAX_SUGGESTIONS] if best.score - m.score <= SUGGEST_BAND]
        suggestions = tuple(Suggestion(m.topic, self._topics[m.topic].label[lang]) for m in close)
        options = "\n".join(f"• {s.label}" for s in suggestions)
        return Answer(
            Kind.CLARIFY,
            lang,
            message("clarify", lang, options=options),
            confidence=best.score,
            suggestions=suggestions,
            candidates=matches,
        )

    def _screen(self, question: str, text: str, lang: Lang) -> Answer | None:
        """The reply to input that is not a question to match: too long, no words, small talk."""
        paste = len(question) > RAW_CHARS_FACTOR * MAX_QUESTION_CHARS
        if paste or len(text) > MAX_QUESTION_CHARS:
            length = len(question) if paste else len(text)
            body = message("invalid.too_long", lang, length=f"{length:,}", limit=MAX_QUESTION_CHARS)
            return Answer(Kind.INVALID, lang, body)
        if not has_letters(text):
            return Answer(Kind.INVALID, lang, message("invalid.unreadable", lang))
        folded = fold(text)
        if folded in SMALL_TALK_PHRASES or set(folded.split()) <= SMALL_TALK_WORDS:
            return Answer(Kind.DECLINE, lang, self.help_text(lang), suggestions=self.examples(lang))
        return None

    def answer_topic(
        self,
        topic_id: str,
        *,
        lang: Lang,
        now: datetime,
        time_style: TimeStyle = TimeStyle.PLAIN,
        confidence: float = 1.0,
        candidates: tuple[Match, ...] = (),
    ) -> Answer:
        """The answer for a known topic (slash commands, "did you mean" buttons)."""
        topic = self._topics.get(topic_id)
        if topic is None:
            return self._decline(lang, 0.0, ())
        src = self.kb.facts.sources[lang]
        return Answer(
            Kind.ANSWER,
            lang,
            self._renderer.render(topic, lang, now, time_style),
            topic=topic.id,
            title=topic.title[lang],
            confidence=confidence,
            source=Source(src["title"], src["url"]),
            candidates=candidates,
        )

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with this id, or None."""
        return self._topics.get(topic_id)

    def examples(self, lang: Lang) -> tuple[Suggestion, ...]:
        """A few questions that show what the bot can answer."""
        return tuple(
            Suggestion(t, self._topics[t].label[lang]) for t in EXAMPLE_TOPICS if t in self._topics
        )

    def help_text(self, lang: Lang) -> str:
        """What the bot is for, with example questions."""
        examples = "\n".join(f"• {s.label}" for s in self.examples(lang))
        return message("help", lang, examples=examples)

    def complete(self, prefix: str, *, lang: Lang, limit: int = AUTOCOMPLETE_LIMIT) -> list[str]:
        """Questions in ``lang`` that start like ``prefix``, best first (for autocomplete)."""
        limit = max(0, min(limit, AUTOCOMPLETE_LIMIT))
        items = self._completions[lang]
        query = fold(clean(prefix))
        if not query:
            picks = [self._topics[t].label[lang] for t in self._topics]
        else:
            ranked = process.extract(
                query, self._folded_completions[lang], scorer=fuzz.WRatio, limit=limit * 2
            )
            picks = [items[index] for _, _, index in ranked]
        out: list[str] = []
        for pick in picks:
            text = pick[:1].upper() + pick[1:DISCORD_CHOICE_CHARS]
            if text not in out:
                out.append(text)
        return out[:limit]

    def _decline(self, lang: Lang, confidence: float, candidates: tuple[Match, ...]) -> Answer:
        examples = self.examples(lang)
        body = message("decline", lang, examples="\n".join(f"• {s.label}" for s in examples))
        return Answer(Kind.DECLINE, lang, body, confidence=confidence, suggestions=examples,
                      candidates=candidates)  # fmt: skip
