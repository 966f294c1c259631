"""The answer engine: a message in, a frozen :class:`Answer` out, one section per question.

Pure: no I/O, no clock of its own (callers pass ``now``), no environment. The
steps: clean the message and find its language (:mod:`lang`); cut it into
words and units (:mod:`lexer`) and into questions (:mod:`segment`); understand
each question's subject and aspect, with the asker's previous question as
context (:mod:`resolve`); render each answer from the facts (:mod:`render`).
The thresholds (here, in ``resolve`` and in ``matcher``) were chosen with
``briefbot eval`` on the dev sets in ``tests/`` (README, "How it answers").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from rapidfuzz import fuzz, process

from briefbot.engine.kb import Cell, KnowledgeBase
from briefbot.engine.lang import detect
from briefbot.engine.lexer import Lexer, Lexicon, Unit, Words, split_words
from briefbot.engine.matcher import Matcher
from briefbot.engine.normalize import clean, fold, has_letters
from briefbot.engine.reading import Reader, Signals
from briefbot.engine.render import Renderer, running
from briefbot.engine.resolve import Recent, Resolved, Resolver
from briefbot.engine.segment import Part, Role, segment
from briefbot.engine.types import (
    LANGS,
    Answer,
    AskAnswer,
    AskKind,
    Context,
    Kind,
    Lang,
    Match,
    Source,
    Suggestion,
    TimeStyle,
)
from briefbot.messages import message

# Longest question accepted, after markup is stripped: a chat message is a
# few sentences; anything longer is a paste, not a question.
MAX_QUESTION_CHARS = 500
# Raw input over this many times the limit is refused without being cleaned.
RAW_CHARS_FACTOR = 4
# One message answers at most this many questions; more is a list, not a chat.
MAX_ASKS = 3
# A conversation's context holds this long: "and when?" an hour later is a new question.
CONTEXT_TTL = timedelta(minutes=5)
# Cells whose labels serve as examples when declining or giving help.
EXAMPLE_CELLS = ("opening.speakers", "agenda.list", "press_conference.when")
# Greetings, thanks and "what are you?" get the help text, not a refusal.
SMALL_TALK_WORDS = frozenset(
    """hello hi hey yo hola bonjour bonsoir salut coucou thanks thank you thx ty cheers merci
    beaucoup help aide please svp stp ok okay cool great super parfait good morning bye ciao
    au revoir""".split()
)
SMALL_TALK_PHRASES = frozenset(
    fold(p)
    for p in (
        "what can you do",
        "who are you",
        "what are you",
        "what is this",
        "what is this bot",
        "how does this work",
        "how do you work",
        "qui es-tu",
        "tu es qui",
        "t'es qui",
        "tu sers à quoi",
        "c'est quoi ce bot",
        "que sais-tu faire",
        "comment ça marche",
        "help me",
        "aide-moi",
        "what do you know",
    )
)
# "What time is it?" asks the clock, not about the announcement.
CLOCK_PHRASES = frozenset(
    fold(p)
    for p in (
        "what time is it", "what time is it now", "what's the time", "quelle heure est-il",
        "il est quelle heure", "quelle heure il est",
    )
)  # fmt: skip
# "… in French", "… en anglais": the asker names the answer language.
# Not "la version en anglais": that asks for a version of the announcement (concepts.yaml).
_LANG_REQUEST = re.compile(
    r"(?<!version )\b(?:in|en)\s+(fran[cç]ais|french|anglais|english)\b(?! version)",
    re.IGNORECASE,
)
# What is left of "same in French" once the language is taken out: a request to repeat.
_REPEAT_WORDS = frozenset(
    "same again please pls plz svp stp the it that answer pareil meme chose la reponse ca idem "
    "now maintenant and et ok say".split()
)
AUTOCOMPLETE_LIMIT = 25
DISCORD_CHOICE_CHARS = 100


class Engine:
    """Answers questions from one knowledge base."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon | None = None) -> None:
        """``lexicon``: real English and French words (never spelling-corrected; the
        frequent ones weigh little)."""
        lexicon = lexicon or Lexicon()
        self.kb = kb
        self._cells = {c.id: c for c in kb.cells}
        self._renderer = Renderer(kb.facts)
        answers = self._renderer.all_texts(kb.cells)
        # Each language's words, from every text of every cell, folded once.
        words: dict[Lang, set[str]] = {lang: set() for lang in LANGS}
        for c in kb.cells:
            for lang in LANGS:
                texts = (*c.paraphrases[lang], *c.keywords[lang], c.label[lang], c.title[lang])
                for text in (*texts, *answers[c.id][lang]):
                    words[lang].update(fold(text).split())
        self._lexer = Lexer(kb.concepts, kb.off_scope, words["fr"] | words["en"], lexicon)
        self._matcher = Matcher(kb, self._lexer, answers, lexicon.frequent)
        self._reader = Reader(kb, self._matcher)
        self._resolver = Resolver(kb, self._matcher, self._reader)
        self._people = _people_in(kb.cells, kb.facts.press.get("speakers", []))
        self._completions = {
            lang: [p for c in kb.cells for p in (c.label[lang], *c.paraphrases[lang])]
            for lang in LANGS
        }
        self._folded_completions = {
            lang: [fold(p) for p in items] for lang, items in self._completions.items()
        }
        # Words only one language's texts use tell a bare question's language.
        self._lang_words: dict[Lang, frozenset[str]] = {
            "fr": frozenset(words["fr"] - words["en"]),
            "en": frozenset(words["en"] - words["fr"]),
        }

    @property
    def topic_ids(self) -> tuple[str, ...]:
        """Every cell id, in knowledge-base order."""
        return tuple(self._cells)

    def titles(self, lang: Lang) -> dict[str, str]:
        """Every topic a log may name (cell ids, and subject ids for "does not say"
        answers), with its title in ``lang``."""
        out = {s.id: s.title[lang] for s in self.kb.subjects}
        out.update({c.id: c.title[lang] for c in self.kb.cells})
        return out

    def cell(self, cell_id: str) -> Cell | None:
        """The cell with this id (or a subject's default cell, given a subject id), or None."""
        if cell_id in self._cells:
            return self._cells[cell_id]
        subject = self._resolver.subjects.get(cell_id)
        return self._cells[subject.default] if subject else None

    # --- language ------------------------------------------------------------------

    def _language(self, words: Words, text: str, units: Sequence[Unit] | None = None) -> str | None:
        """The language of the message's grammar, names aside (``text``: the message, for
        the letters only some languages use; ``units``: the words lexed, if they are)."""
        if units is None:
            units = self._lexer.units(words, None, correct=False)
        named = {
            i for u in units if self._reader.role(u) is Role.SUBJECT for i in range(u.start, u.end)
        }
        own = [w for i, w in enumerate(words.words) if i not in named]
        stripped = text
        for token in {words.raw[i] for i in named}:
            stripped = stripped.replace(token, " ")
        # Names alone ("ORDRE DU JOUR ???") still tell, when nothing else does.
        return detect(own, stripped, self._lang_words) or detect(
            words.words, text, self._lang_words
        )

    def detect_lang(self, text: str) -> Lang | None:
        """The question's own language (French or English), or None when it cannot tell."""
        cleaned = clean(text)
        found = self._language(split_words(cleaned), cleaned)
        return found if found in LANGS else None

    # --- answering -----------------------------------------------------------------

    def answer(
        self,
        question: str,
        *,
        now: datetime,
        lang_hint: Lang | None = None,
        force_lang: Lang | None = None,
        time_style: TimeStyle = TimeStyle.PLAIN,
        context: Context | None = None,
    ) -> Answer:
        """Answer ``question`` at time ``now``; never raises on any input.

        The answer is in ``force_lang`` if given, else in the language the
        question asks for ("in French"), else in the language of its grammar,
        else in the conversation's, else in ``lang_hint``, else in English.
        ``context`` is the asker's previous answer's context, if any.
        """
        if context is not None and now - context.at > CONTEXT_TTL:
            context = None
        text = clean(question[: RAW_CHARS_FACTOR * MAX_QUESTION_CHARS])
        requested = _LANG_REQUEST.search(text[:MAX_QUESTION_CHARS])
        if requested and force_lang is None:
            force_lang = "en" if requested.group(1).lower() in ("anglais", "english") else "fr"
            text = (text[: requested.start()] + text[requested.end() :]).strip()
            if context is not None and set(fold(text).split()) <= _REPEAT_WORDS:
                return self._repeat(context, force_lang, now, time_style)
        fallback: Lang = force_lang or (context.lang if context else None) or lang_hint or "en"
        if not text:
            return Answer(Kind.INVALID, fallback, message("invalid.empty", fallback))
        words = split_words(text[:MAX_QUESTION_CHARS])
        units = self._lexer.units(words, None)
        detected = self._language(words, text[:MAX_QUESTION_CHARS], units)
        lang: Lang = force_lang or (detected if detected in LANGS else None) or fallback
        screened = self._screen(question, text, lang)
        if screened is not None:
            return screened
        if detected not in (*LANGS, None) and force_lang is None:
            return self._other_language(words, detected, now, time_style, context)
        if any(u.scope not in ("any", lang) for u in units):
            units = self._lexer.units(words, lang)  # an off-scope phrase of the other language
        parts = segment(units, words, self._reader.role, lang, self._reader.related)
        return self._compose(parts, words, lang, now=now, style=time_style, context=context)

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
        if folded in CLOCK_PHRASES:
            return self._decline(lang, (), ())
        return None

    def _other_language(
        self,
        words: Words,
        detected: str | None,
        now: datetime,
        style: TimeStyle,
        context: Context | None,
    ) -> Answer:
        """A question in another language: answered in English when its names say what it
        is about, else the languages the bot answers in. Never a guess."""
        units = self._lexer.units(words, None, correct=False)
        parts = segment(units, words, self._reader.role, detected, self._reader.related)
        understood = [
            p for p in parts if p.asks and self._reader.signals(p.units, words, None).mentions
        ]
        if not understood:
            return Answer(Kind.DECLINE, "en", message("languages", "en"))
        answer = self._compose(
            understood, words, "en", now=now, style=style, context=context, named_only=True
        )
        if answer.kind is not Kind.ANSWER:
            return Answer(Kind.DECLINE, "en", message("languages", "en"))
        return Answer(
            answer.kind,
            "en",
            answer.text,
            answer.topic,
            answer.title,
            answer.confidence,
            answer.suggestions,
            answer.source,
            answer.asks,
            message("note.other_language", "en"),
            answer.context,
            answer.candidates,
        )

    def _signals(
        self, parts: Sequence[Part], words: Words, lang: str | None
    ) -> list[tuple[Part, Signals]]:
        """Each question's signals, with gaps filled from the other questions of its sentence:
        "when and where is the meeting" asks both of the meeting."""
        read = [(p, self._reader.signals(p.units, words, lang)) for p in parts]
        for n, (part, sig) in enumerate(read):
            same = [m for m in range(len(read)) if m != n and read[m][0].sentence == part.sentence]
            # The nearest question before this one first, then those after it.
            order = sorted(same, key=lambda m: (m > n, abs(m - n)))
            siblings = [read[m][1] for m in order]
            if not sig.mentions and not sig.pointer:
                donor = next((s for s in siblings if s.mentions), None)
                if donor is not None:
                    sig.mentions = list(donor.mentions)
                    sig.borrowed.append("subject from the same sentence")
            if not sig.cues and not sig.opens:  # "Rutte and Bauer said what?"
                sig.soft_cues = [c for s in siblings for c in s.cues]
        return read

    def _compose(
        self,
        parts: Sequence[Part],
        words: Words,
        lang: Lang,
        *,
        now: datetime,
        style: TimeStyle,
        context: Context | None,
        named_only: bool = False,
    ) -> Answer:
        """Each asking part resolved in order, preamble parts kept as context."""
        subjects = [s for s, _, _ in context.asks] if context else []
        people = list(context.people) if context else []
        aspect = (context.asks[0][1] or None) if context and context.asks else None
        found: list[tuple[Signals, Resolved]] = []
        preamble: Signals | None = None  # the last sentence that asked nothing
        for part, read in self._signals(parts, words, None if named_only else lang):
            if not part.asks or (named_only and not read.mentions):
                # A preamble says what a later "he" or "it" points to, and about what.
                subjects[:0] = read.mentions
                people[:0] = [m for m in read.mentions if self._resolver.subjects[m].person]
                preamble = read
                continue
            if fold(read.text) in SMALL_TALK_PHRASES:
                continue  # "who are you, and what's the agenda?": the agenda is the question
            sig = read if preamble is None else self._with_preamble(read, preamble)
            recent = Recent(tuple(dict.fromkeys(subjects)), tuple(dict.fromkeys(people)), aspect)
            resolved_all = self._resolver.resolve(sig, lang, recent, trust_names=named_only)
            for resolved in resolved_all:
                if not any(_same(r, resolved) for _, r in found):
                    found.append((sig, resolved))
            named = [r.subject for r in resolved_all if r.subject] or sig.mentions
            subjects[:0] = named
            people[:0] = [p for r in resolved_all for p in self._people_of(r)]
            aspect = next((r.aspect for r in resolved_all if r.aspect), aspect)
        asks = [self._ask(sig, r, lang, now, style) for sig, r in found[:MAX_ASKS]]
        return self._answer(asks, found, lang, now, len(found) > MAX_ASKS)

    def _with_preamble(self, sig: Signals, preamble: Signals) -> Signals:
        """A question pointing back to its preamble: "… talked about Ukraine. Did they?"
        asks the preamble itself; "… Bauer's quote … What word does it use?" takes its
        known words and what it asked."""
        if not (sig.mentions or sig.cues or sig.topical) and (preamble.mentions or preamble.cues):
            preamble.borrowed.append("the question is its preamble's")
            return preamble
        if sig.pointer and not sig.mentions:
            known = [f for f in preamble.features if self._matcher.known(f)]
            sig.features, sig.ranked = [*sig.features, *known], None
            sig.soft_cues = [*sig.soft_cues, *preamble.cues]
            sig.borrowed.append("words of the preamble it points back to")
        return sig

    def _people_of(self, resolved: Resolved) -> list[str]:
        """Person subjects a question was about or its answer names, for a later "he"."""
        out: list[str] = []
        subject = self._resolver.subjects.get(resolved.subject or "")
        if subject is not None and subject.person:
            out.append(subject.id)
        for pid in self._people.get(resolved.cell or "", ()):
            sid = next((s.id for s in self._resolver.subjects.values() if s.person == pid), None)
            if sid and sid not in out:
                out.append(sid)
        return out

    def _ask(
        self, sig: Signals, r: Resolved, lang: Lang, now: datetime, style: TimeStyle
    ) -> AskAnswer:
        """One question's section of the reply."""
        evidence = r.evidence
        if r.kind is AskKind.OFF_TOPIC:
            return AskAnswer(r.kind, sig.text, message("ask.off_topic", lang), evidence=evidence)
        if r.kind is AskKind.UNCLEAR:
            suggestions = tuple(self._suggest(m.topic, lang) for m in r.candidates)
            options = "\n".join(f"• {s.label}" for s in suggestions)
            return AskAnswer(
                r.kind,
                sig.text,
                message("clarify", lang, options=options),
                confidence=r.confidence,
                evidence=evidence,
                suggestions=suggestions,
            )
        subject = self._resolver.subjects[r.subject or ""]  # answered asks have a subject
        if r.status:
            text = self._renderer.status(subject, lang, now, style)
            title = subject.title[lang]
        elif r.cell is not None:
            cell = self._cells[r.cell]
            text, title = self._renderer.render(cell, lang, now, style), cell.title[lang]
            if sig.version and sig.version != lang:  # "what does the French version say?"
                version = message(f"version.{sig.version}", lang)
                text = (
                    message("note.version", lang, version=version)
                    + "\n"
                    + (self._renderer.render(cell, sig.version, now, style))
                )
        else:
            others = tuple(self._suggest(c.id, lang) for c in subject.cells if not c.not_said)[:3]
            text = message("not_said", lang, subject=running(subject.title[lang]))
            if others:
                options = "\n".join(f"• {s.label}" for s in others)
                text += "\n" + message("not_said.others", lang, options=options)
            return AskAnswer(
                r.kind,
                sig.text,
                text,
                subject.title[lang],
                r.subject,
                r.aspect,
                None,
                r.confidence,
                evidence,
                others,
            )
        return AskAnswer(
            r.kind, sig.text, text, title, r.subject, r.aspect, r.cell, r.confidence, evidence
        )

    def _answer(
        self,
        asks: list[AskAnswer],
        found: list[tuple[Signals, Resolved]],
        lang: Lang,
        now: datetime,
        truncated: bool,
    ) -> Answer:
        """The whole reply: one section per question, and the context for the next."""
        candidates = next((r.candidates for _, r in found if r.candidates), ())
        substantive = [a for a in asks if a.kind in (AskKind.ANSWER, AskKind.NOT_SAID)]
        if not substantive:
            if len(asks) == 1 and asks[0].kind is AskKind.UNCLEAR:
                a = asks[0]
                return Answer(
                    Kind.CLARIFY,
                    lang,
                    a.text,
                    confidence=a.confidence,
                    suggestions=a.suggestions,
                    asks=tuple(asks),
                    candidates=candidates,
                )
            return self._decline(lang, candidates, tuple(asks))
        if len(asks) == 1:
            text, title = asks[0].text, asks[0].title
        else:
            text = "\n\n".join(f"**{a.title}**\n{a.text}" if a.title else a.text for a in asks)
            title = ""
        if truncated:
            text += "\n\n" + message("ask.too_many", lang, count=MAX_ASKS)
        first = substantive[0]
        src = self.kb.facts.sources[lang]
        context = Context(
            asks=tuple((a.subject or "", a.aspect or "", a.cell or "") for a in substantive),
            people=tuple(dict.fromkeys(p for _, r in found for p in self._people_of(r))),
            lang=lang,
            at=now,
            question=first.question,
        )
        return Answer(
            Kind.ANSWER,
            lang,
            text,
            topic=first.cell or first.subject,
            title=title,
            confidence=first.confidence,
            suggestions=tuple(s for a in asks for s in a.suggestions),
            source=Source(src["title"], src["url"]),
            asks=tuple(asks),
            context=context,
            candidates=candidates,
        )

    def _repeat(self, context: Context, lang: Lang, now: datetime, style: TimeStyle) -> Answer:
        """ "Same in French": the previous answer again, in the language asked for."""
        sig = Signals(context.question, lang, [], [], [], [])
        found = []
        for subject, aspect, cell in context.asks:
            status = aspect == "status" and not cell
            kind = AskKind.NOT_SAID if not cell or self._cells[cell].not_said else AskKind.ANSWER
            found.append((sig, Resolved(kind, subject, aspect or None, cell or None, status)))
        asks = [self._ask(sig, r, lang, now, style) for _, r in found]
        return self._answer(asks, found, lang, now, truncated=False)

    def answer_topic(
        self,
        topic_id: str,
        *,
        lang: Lang,
        now: datetime,
        time_style: TimeStyle = TimeStyle.PLAIN,
    ) -> Answer:
        """The answer for a known cell or subject (slash commands, "did you mean" buttons)."""
        cell = self.cell(topic_id)
        if cell is None:
            return self._decline(lang, (), ())
        resolved = Resolved(
            AskKind.NOT_SAID if cell.not_said else AskKind.ANSWER,
            cell.subject,
            cell.serves[0] if cell.serves else None,
            cell.id,
            confidence=1.0,
        )
        sig = Signals(cell.label[lang], lang, [], [], [], [])
        ask = self._ask(sig, resolved, lang, now, time_style)
        return self._answer([ask], [(sig, resolved)], lang, now, truncated=False)

    def _suggest(self, cell_id: str, lang: Lang) -> Suggestion:
        return Suggestion(cell_id, self._cells[cell_id].label[lang])

    def examples(self, lang: Lang) -> tuple[Suggestion, ...]:
        """A few questions that show what the bot can answer."""
        return tuple(self._suggest(c, lang) for c in EXAMPLE_CELLS if c in self._cells)

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
            picks = [c.label[lang] for c in self._cells.values()]
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

    def _decline(
        self, lang: Lang, candidates: Sequence[Match], asks: tuple[AskAnswer, ...]
    ) -> Answer:
        examples = self.examples(lang)
        body = message("decline", lang, examples="\n".join(f"• {s.label}" for s in examples))
        return Answer(
            Kind.DECLINE, lang, body, suggestions=examples, asks=asks, candidates=tuple(candidates)
        )


def _same(a: Resolved, b: Resolved) -> bool:
    """Two questions of one message answered alike ("is it live and where can I watch it")."""
    return (a.subject, a.cell, a.status, a.kind) == (b.subject, b.cell, b.status, b.kind)


def _people_in(cells: Iterable[Cell], press_speakers: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The people each cell's answer names (from its placeholders), for a later "he" or "they"."""
    out: dict[str, tuple[str, ...]] = {}
    for cell in cells:
        named: list[str] = []
        for variants in cell.answer.values():
            for template in variants.values():
                for part in template.split("{people.")[1:]:
                    pid = part.split(".", 1)[0]
                    if pid not in named:
                        named.append(pid)
                if "{press.speakers}" in template:
                    named.extend(p for p in press_speakers if p not in named)
        out[cell.id] = tuple(named)
    return out
