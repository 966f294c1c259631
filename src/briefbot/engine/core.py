"""The answer engine: a message in, a frozen :class:`Answer` out, one section per question.

Pure: no I/O, no clock of its own (callers pass ``now``), no environment. The
steps: clean the message and find its language (:mod:`lang`); cut it into
words and units (:mod:`lexer`) and into questions (:mod:`segment`); read what
each names and asks (:mod:`reading`); choose its subject, aspect and cell, with
the asker's previous question as context (:mod:`resolve`), and the cell
answering it (:mod:`choose`); write the reply from the facts (:mod:`compose`,
:mod:`render`). The thresholds, named constants in these modules, were chosen
with ``briefbot eval`` on the dev sets in ``tests/`` (README, "How it answers").
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process

from briefbot.engine.choose import Resolved
from briefbot.engine.compose import MAX_ASKS, Composer
from briefbot.engine.kb import Cell, KnowledgeBase
from briefbot.engine.lang import FOREIGN, detect, foreign_marks
from briefbot.engine.lexer import Lexer, Lexicon, Unit, Words, split_words
from briefbot.engine.matcher import Matcher
from briefbot.engine.normalize import clean, fold, has_letters
from briefbot.engine.reading import (
    COUNTS,
    ITEM_WORDS,
    MONTHS,
    TIME_OF_DAY,
    Reader,
    Signals,
    merged,
    quoted_spans,
)
from briefbot.engine.render import Renderer
from briefbot.engine.resolve import Recent, Resolver
from briefbot.engine.segment import Part, Role, segment
from briefbot.engine.timing import in_frame
from briefbot.engine.types import (
    LANGS,
    Answer,
    AskKind,
    Context,
    Kind,
    Lang,
    Suggestion,
    TimeStyle,
)
from briefbot.messages import message

# Longest question accepted, after markup is stripped: a chat message with a long
# preamble (a formal letter, a student's context) fits; anything longer is a paste.
MAX_QUESTION_CHARS = 1000
# Raw input over this many times the limit is refused without being cleaned.
RAW_CHARS_FACTOR = 4
# A conversation's context holds this long: "and when?" an hour later is a new question.
CONTEXT_TTL = timedelta(minutes=5)
# Greetings, thanks and "what are you?" get the help text, not a refusal.
SMALL_TALK_WORDS = frozenset(
    """hello hi hey yo hola bonjour bonsoir salut coucou thanks thank you thx ty cheers merci
    beaucoup help aide please svp stp ok okay cool great super parfait good morning bye ciao
    au revoir lol mdr ptdr haha xd ah oh hm hmm yeah yep ouais nice top genial np""".split()
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
        "who r u",
        "who are u",
        "what r u",
        "t ki",
    )
)
# Concepts saying that someone spoke ("said", "talked about").
_SPEAKING = frozenset({"said", "about"})
_SAID = "#said"  # the feature of a say word, even one telling hearsay
_SOMEONE_ELSE = "#other_speakers"  # "someone else", « quelqu'un d'autre »
# Words of another language that look like an English word with another meaning: the
# Dutch "over" is "about" ("Wat zei Keller over vrede?"), not "is it over?".
_FALSE_FRIENDS = {"nl": {"over": "about"}}
# Aspects of the words telling who claims what in a dispute ("she says", « il affirmait »).
_CLAIMING = frozenset({"said", "bio"})
# "… my friend swears it was Keller, I think it was Moreau. Who's right?": the whole
# preamble is the question, and which of its people said it.
_DISPUTES = tuple(
    fold(p)
    for p in (
        "who's right", "who is right", "which of us is right", "which one of us is right",
        "who is correct", "who's correct", "which of us is correct", "who's wrong", "who is wrong",
        "so who's right", "so who is right", "who's right then",
        "qui a raison", "lequel de nous a raison", "qui de nous deux a raison", "qui a tort",
        "alors qui a raison", "bref qui a raison", "lequel a raison", "laquelle a raison",
        # a bet on the claims
        "who wins", "who won", "who wins the bet", "who won the bet", "who wins then",
        "qui gagne", "qui a gagne", "qui gagne le pari", "qui a gagne le pari",
    )
)  # fmt: skip
COUNTED_REACH = 2  # words looked ahead of a count for what it counts ("five agenda items")
# "… how many admirals are named. Could you help me out?": after a preamble, a plea for
# help asks the preamble itself.
_PLEAS = frozenset(
    fold(p)
    for p in (
        "could you help me", "could you help me out", "can you help me", "can you help me out",
        "can you help", "could you help", "any help", "help me out", "pls help", "please help",
        "pouvez-vous m'aider", "pourriez-vous m'aider", "tu peux m'aider", "vous pouvez m'aider",
        "tu pourrais m'aider", "merci de m'aider", "aidez-moi", "tu peux m'éclairer",
        "vous pouvez m'éclairer", "pourriez-vous m'éclairer", "éclaire-moi", "éclairez-moi",
        "can you enlighten me", "could you enlighten me", "can you clarify", "could you clarify",
        # a sentence left for the bot to finish: "… it's not an abstract … what again?"
        "quoi déjà", "c'était quoi déjà", "c'est quoi déjà", "what again", "what was it again",
        "what was that again",
        # "… the press conference was at 18:30. Correct?": the claim made is the question
        "correct", "is that correct", "is it correct", "is that right", "is it right", "right",
        "is that true", "is it true", "true", "am i right", "is he right", "is she right",
        "c'est exact", "exact", "c'est vrai", "vrai", "c'est juste", "il a raison",
        "elle a raison", "j'ai raison", "c'est correct", "vrai ou faux",
        "true or false",
        # "… we're arguing about it. What's going on?": explain what the preamble tells
        "what's going on", "what is going on", "what's going on here", "what's up with that",
        "qu'est-ce qui se passe", "que se passe-t-il", "il se passe quoi",
    )
)  # fmt: skip
# "… the Chair said one. Could you give it to me?", « Vous pouvez me la redonner ? »: a
# request made only of these words, one of them a verb of giving, asks for the preamble's
# thing.
_GIVING = frozenset("give tell remind send donner redonner dire rappeler passer".split())
_GIVING_FRAME = _GIVING | frozenset(
    "can could would will you u it them that this to me again please pls "
    "vous tu pouvez peux pourriez pourrais voulez veux me m moi la le les l "
    "encore svp stp s il te plait".split()
)


def _pleads(folded: str) -> bool:
    """Whether a question only pleads for help or for the preamble's thing."""
    words = set(folded.split())
    return folded in _PLEAS or bool(words & _GIVING and words <= _GIVING_FRAME)


# "What time is it?" asks the clock, not about the announcement.
CLOCK_PHRASES = frozenset(
    fold(p)
    for p in (
        "what time is it", "what time is it now", "what's the time", "quelle heure est-il",
        "il est quelle heure", "quelle heure il est",
    )
)  # fmt: skip
# "What time is it in Tokyo / now / there?" asks the clock too. Each starts with a phrase
# above, which is checked first: few questions do.
_CLOCK_HEADS = tuple(CLOCK_PHRASES)
_CLOCK_PREFIXES = tuple(
    f"{phrase} {after}"
    for phrase in CLOCK_PHRASES
    for after in ("in ", "at ", "a ", "la ", "now", "maintenant", "there", "chez ")
)
_ZONE_WORDS = frozenset({"utc", "gmt"})
# "… in French", "… en anglais": the asker names the answer language.
# Not "la version en anglais": that asks for a version of the announcement (concepts.yaml).
_LANG_REQUEST = re.compile(
    r"(?<!version )\b(?:in|en)\s+(fran[cç]ais|french|anglais|english)\b(?! version)",
    re.IGNORECASE,
)
# After these words, "in English" / « en anglais » asks about the text, not for a reply
# language: "does it exist in English?", "how is it worded in French?", « j'ai lu
# l'annonce en anglais ».
_TEXT_WORDS = frozenset(
    """exist exists existe existent available disponible disponibles published publie publiee
    released sorti sortie written ecrit ecrite worded phrased formulated formule formulee
    translated traduit traduite read lire lu lue says dit quoted cite citee sound sounds
    annonce announcement communique text texte article""".split()
)
# Words of a text's wording: asked with "in English" / « en anglais », the words of that
# language's version, not a reply in it.
_WORDING = frozenset(
    "phrase phrases citation citations quote quotation wording formulation mots words".split()
)
# Words asking how many ("how many items in English?", « combien de points en anglais ? »).
_COUNTING = frozenset("combien many".split())
_THIS = frozenset("this that these those ce cet cette ces".split())
_WHAT_IS = frozenset("what which how quoi quel quelle comment".split())
_DEFINING = frozenset("what whats quoi".split())  # "what is it?", « c'est quoi ? »


def _wording(words: Sequence[str]) -> bool:
    """Whether a message asks what a text's words are (« la phrase officielle en anglais,
    c'est quoi ? »), not for them, or the last answer, in a language ("give me Keller's
    quote in French", "that quote in French, please")."""
    asks_words = not _WORDING.isdisjoint(words) and not _WHAT_IS.isdisjoint(words)
    return asks_words and _THIS.isdisjoint(words)


# Right before "in English" / « en anglais », these ask in which language an event is held
# (« la conférence sera en anglais ? »), as does naming both languages.
_HELD_IN = frozenset("held given conducted delivered done tenue tenu donnee donne sera".split())


def _requested(text: str) -> re.Match[str] | None:
    """The first request for a reply language ("in English", « en français »), if any."""
    lowered = text.lower()  # the search only where a language is named (the common case: none)
    if any(name in lowered for name in ("fran", "fren", "engl", "angl")):
        return _LANG_REQUEST.search(text)
    return None


def _spoken_in(text: str, before: Sequence[str]) -> bool:
    """Whether "in English" asks the language something is held in, not for a reply."""
    named = {m.group(1).lower().replace("ç", "c") for m in _LANG_REQUEST.finditer(text)}
    both = not named.isdisjoint(("french", "francais")) and not named.isdisjoint(
        ("english", "anglais")
    )
    return both or not _HELD_IN.isdisjoint(before[-1:])


# Words linking two parts of one name (« réunion des chefs du port », "master of the harbour").
_NAME_LINKS = frozenset("de des du d of".split())
# French articles elided before a name (« l'ordre du jour », « d'état-major »).
_ELIDED_ARTICLES = frozenset("l d".split())
# What is left of "same in French" once the language is taken out: a request to repeat.
_REPEAT_WORDS = frozenset(
    "same again please pls plz svp stp the it that answer pareil meme chose la reponse ca idem "
    "now maintenant and et ok say can could you tu peux pouvez vous repeat repete redis dis le "
    "moi me give donne question thing reply but mais too aussi also "
    "merci thanks thank thx ty cool great super parfait nice".split()  # "merci ! same in English?"
)
# Words setting "this one" against the thing asked just before (« et celle-ci ? »).
_THIS_ONE = frozenset("ci this these cette cet".split())
# Aspects that ask where a thing is: a version named with them is the thing sought.
_LOCATING = frozenset({"where", "link"})
AUTOCOMPLETE_LIMIT = 25
DISCORD_CHOICE_CHARS = 100
# Questions whose reading is kept: the same question asked again (a chat asks a few
# dozen questions over and over) skips straight to writing the reply for the moment.
PLANS_KEPT = 2048


class _Plan:
    """A question read and resolved, before its reply is written for a given moment.

    A plain class with its own ``__init__``: made for every answer (see ``types``).
    """

    __slots__ = ("found", "lang")

    def __init__(self, lang: Lang, found: tuple[tuple[Signals, Resolved], ...]) -> None:
        self.lang = lang
        self.found = found  # every ask, even past the first MAX_ASKS


class Engine:
    """Answers questions from one knowledge base."""

    def __init__(
        self, kb: KnowledgeBase, lexicon: Lexicon | None = None, *, plans_kept: int = PLANS_KEPT
    ) -> None:
        """``lexicon``: real English and French words (never spelling-corrected; the
        frequent ones weigh little); ``plans_kept``: how many questions' readings to keep
        for when they are asked again (0: read every question anew)."""
        lexicon = lexicon or Lexicon()
        self.kb = kb
        self._lexicon = lexicon
        self._cells = {c.id: c for c in kb.cells}
        self._renderer = Renderer(kb.facts)
        self._zone = ZoneInfo(kb.facts.main.timezone)
        self._plans: dict[tuple[object, ...], _Plan] = {}
        self._plans_kept = plans_kept
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
        # The concept features cueing "said": words reported after one are cited words.
        self._saying = frozenset(self._reader.cue_features.get("said", ()))
        people = kb.people_named()  # worked out once, for a later "he" and for chairs
        self._resolver = Resolver(kb, self._matcher, self._reader, answers, people)
        self._composer = Composer(kb, self._renderer, people)
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
        for start, end in quoted_spans(words.text):  # "who said 'pas un acte de charité'?"
            named.update(i for i, (a, b) in enumerate(words.spans) if start < a and b <= end)
        # words reported unquoted are cited too: « qui a dit que democracy can win ? »
        said = next((u.end for u in units if u.feature in self._saying), len(words.words))
        if words.words[said : said + 1] in (("que",), ("qu",), ("that",)):
            named.update(range(said + 1, len(words.words)))
        # a link between two names is the name's too: « réunion des chefs du port »
        named.update(
            i
            for i in range(1, len(words.words) - 1)
            if words.words[i] in _NAME_LINKS and i - 1 in named and i + 1 in named
        )
        kept = [i for i, w in enumerate(words.words) if i not in named or w in FOREIGN]
        # the elided article of a borrowed name is the name's ("what's on l'ordre du jour?"),
        # unless nothing else is left to tell (« l'agenda ? »)
        articles = {i - 1 for i in named if i > 0 and words.words[i - 1] in _ELIDED_ARTICLES}
        # the lexer reads an unaccented « ou » as "or": its own language is French
        own = [
            "ou" if words.words[i] == "or" and words.raw[i].lower() == "ou" else words.words[i]
            for i in ([i for i in kept if i not in articles] or kept)
        ]
        stripped = text
        for token in {words.raw[i] for i in named if words.words[i] not in FOREIGN}:
            stripped = stripped.replace(token, f" {foreign_marks(token)} ")
        # Names alone ("ORDRE DU JOUR ???") still tell, when nothing else does; then words
        # only one language has, people's names aside (« réponds réponds », "multi milieux
        # 2030"; not "Keller", which leaves the language to the asker's locale).
        return (
            detect(own, stripped, self._lang_words)
            or detect(words.words, text, self._lang_words)
            or self._only_in(
                [w for i, w in enumerate(words.words) if i not in self._people_named(units)]
            )
        )

    def _people_named(self, units: Sequence[Unit]) -> set[int]:
        """The places of the words naming a person."""
        subjects = self._resolver.subjects
        return {
            i
            for u in units
            if u.concept in subjects and subjects[u.concept].person
            for i in range(u.start, u.end)
        }

    def _only_in(self, words: Sequence[str]) -> Lang | None:
        """The language more of the words belong to alone, if one does."""
        found = Counter(self._lexicon.only_in(w) for w in words)
        fr, en = found["fr"], found["en"]
        return None if fr == en else "fr" if fr > en else "en"

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
        key = None if context else (question, lang_hint, force_lang, self._clock(now))
        plan = self._plans.get(key) if key else None
        if plan is not None:
            return self._reply(plan, now, time_style, None)
        text = clean(question[: RAW_CHARS_FACTOR * MAX_QUESTION_CHARS])
        requested = _requested(text[:MAX_QUESTION_CHARS])
        before = fold(text[: requested.start()]).split()[-2:] if requested else []
        if requested and (
            _TEXT_WORDS.intersection(before)
            or _spoken_in(text, before)
            or _wording(fold(text).split())
            or _counts_asked(fold(text).split())
        ):
            # "does it exist (too) in English?", "held in English or French?"; « et en
            # anglais, la phrase c'est quoi ? » names the English text's words
            requested = None
        if requested and force_lang is None:
            force_lang = "en" if requested.group(1).lower() in ("anglais", "english") else "fr"
            text = (text[: requested.start()] + text[requested.end() :]).strip()
            if context is not None and set(fold(text).split()) <= _REPEAT_WORDS:
                return self._composer.repeat(context, force_lang, now, time_style)
        fallback: Lang = force_lang or (context.lang if context else None) or lang_hint or "en"
        if not text:
            topic = self.kb.identity.topic[fallback]
            return Answer(Kind.INVALID, fallback, message("invalid.empty", fallback, topic=topic))
        words = self._lexer.unglue(split_words(text[:MAX_QUESTION_CHARS]))
        units = self._lexer.units(words, None)
        detected = self._language(words, text[:MAX_QUESTION_CHARS], units)
        lang: Lang = force_lang or (detected if detected in LANGS else None) or fallback
        screened = self._screen(question, text, lang)
        if screened is not None:
            return screened
        if detected is not None and detected not in LANGS and force_lang is None:
            return self._other_language(words, detected, now, time_style, context)
        if not {u.scope for u in units} <= {"any", lang}:
            units = self._lexer.units(words, lang)  # an off-scope phrase of the other language
        parts = segment(units, words, self._reader.role, lang, self._reader.related)
        plan = self._plan(parts, words, lang, now=now, context=context)
        if key and self._plans_kept:
            if len(self._plans) >= self._plans_kept:
                del self._plans[next(iter(self._plans))]  # the oldest kept
            self._plans[key] = plan
        return self._reply(plan, now, time_style, context)

    def _clock(self, now: datetime) -> tuple[bool, int]:
        """All a question's reading takes from the clock (its time frames, see
        ``_this_event``): whether the main event is still ahead or on, and the year."""
        _, end = self._renderer.span(self.kb.facts.main.id)
        return (end is None or now < end, now.astimezone(self._zone).year)

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
        words = folded.split()
        greeted = next((n for n, w in enumerate(words) if w not in SMALL_TALK_WORDS), 0)
        if (
            " ".join(words[greeted:]) in SMALL_TALK_PHRASES  # "hey, who are you?"
            or _pleads(folded)
            or SMALL_TALK_WORDS.issuperset(words)
        ):
            return Answer(Kind.DECLINE, lang, self.help_text(lang), suggestions=self.examples(lang))
        if folded in CLOCK_PHRASES:
            return self._composer.decline(lang, (), ())
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
        swaps = _FALSE_FRIENDS.get(detected or "", {})
        if swaps:
            words = replace(words, words=tuple(swaps.get(w, w) for w in words.words))
        units = self._lexer.units(words, None, correct=False)
        parts = segment(units, words, self._reader.role, detected, self._reader.related)
        # "Wann beginnt die Pressekonferenz und wo kann ich sie sehen?": a part takes the
        # subject its sentence names
        understood = [
            p for p, read in self._signals(parts, words, None) if p.asks and read.mentions
        ]
        if not understood:
            return Answer(Kind.DECLINE, "en", message("languages", "en"))
        plan = self._plan(understood, words, "en", now=now, context=context, named_only=True)
        answer = self._reply(plan, now, style, context)
        if answer.kind is not Kind.ANSWER:
            return Answer(Kind.DECLINE, "en", message("languages", "en"))
        notes = (message("note.other_language", "en"), answer.note)  # the note of >3 questions too
        return replace(answer, note="\n".join(n for n in notes if n))

    def _signals(
        self, parts: Sequence[Part], words: Words, lang: str | None
    ) -> list[tuple[Part, Signals]]:
        """Each question's signals, with gaps filled from the other questions of its sentence:
        "when and where is the meeting" asks both of the meeting."""
        read = [(p, self._reader.signals(p.units, words, lang)) for p in parts]
        for (part, sig), (after, tail) in itertools.pairwise(read):
            # "did I miss it? the press conference": the pronoun points to what follows
            if part.asks and sig.pointer and not sig.mentions and not after.asks:
                sig.mentions = list(tail.mentions)
                sig.borrowed.append("subject named after the question")
        for n, (part, sig) in enumerate(read):
            same = [m for m in range(len(read)) if m != n and read[m][0].sentence == part.sentence]
            # The nearest question before this one first, then those after it.
            order = sorted(same, key=lambda m: (m > n, abs(m - n)))
            siblings = [read[m][1] for m in order]
            # a bare "when" takes its sibling's subject, even one off topic: "when and
            # where is the next summit?", « c'est quand, le prochain sommet ? » ask of it
            bare = len(sig.features) <= 1
            own = sig.quoted or any(map(self._matcher.known, sig.topical))
            if not sig.mentions and not sig.pointer and not own:
                # known words of its own ("who said the wartime mindset line?") say what it
                # is about
                donor = next((s for s in siblings if s.mentions or (bare and s.off_scope)), None)
                if donor is not None:
                    sig.mentions = list(donor.mentions)
                    sig.off_scope = sig.off_scope or donor.off_scope
                    sig.borrowed.append("subject from the same sentence")
            elif not sig.mentions and bare and any(s.off_scope for s in siblings[:1]):
                sig.off_scope = True  # « c'est quand, le prochain sommet ? »: "it" is that
            # "Moreau and Keller said what?", "what did Moreau and Keller say?"
            if not sig.cues and (not sig.opens or self._people_only(sig, siblings[:1])):
                sig.soft_cues = [c for s in siblings for c in s.cues]
            # "what did Keller, Moreau and Silva say at the opening?": all at the event
            sig.mentions += self._events_of(sig, siblings)
            # "Moreau's quote, how is it worded in English?": the version is the sentence's;
            # not "… and where do I find the English version?", which asks for the version
            lent = (s.version for s in siblings if s.version and not _LOCATING & {*s.cues})
            sig.version = sig.version or next(lent, None)
        return read

    def _events_of(self, sig: Signals, next_to: Sequence[Signals]) -> list[str]:
        """For a part naming only people, asked what they said, the events the other parts
        of its sentence name with people: what they said there was asked of all of them."""
        person = self._resolver.subjects
        if not sig.mentions or not all(person[m].person for m in sig.mentions):
            return []
        if sig.topical or ("said" not in sig.cues and "said" not in sig.soft_cues):
            return []  # "what did Keller say about X, and …": a question of its own
        spoken = (s.mentions for s in next_to if any(person[m].person for m in s.mentions))
        return list(dict.fromkeys(m for names in spoken for m in names if not person[m].person))

    def _people_only(self, sig: Signals, next_to: Sequence[Signals]) -> bool:
        """Whether a part names people only, and the part next to it a person too ("what did
        Moreau | and Keller say at the opening?")."""
        person = self._resolver.subjects
        return (
            bool(sig.mentions)
            and all(person[m].person for m in sig.mentions)
            and any(person[m].person for s in next_to for m in s.mentions)
        )

    def _plan(
        self,
        parts: Sequence[Part],
        words: Words,
        lang: Lang,
        *,
        now: datetime,
        context: Context | None,
        named_only: bool = False,
    ) -> _Plan:
        """Each asking part resolved in order, preamble parts kept as context."""
        subjects = [s for s, _, _ in context.asks] if context else []
        people = list(context.people) if context else []
        listed = list(context.listed) if context else []  # "… the last one?"
        aspect = (context.asks[0][1] or None) if context and context.asks else None
        found: list[tuple[Signals, Resolved]] = []
        preamble: Signals | None = None  # the last sentence that asked nothing
        preambles: list[Signals] = []  # all of them
        sentence = -1  # the preamble's
        row: list[str] = []  # the people its sentence names
        for part, read in self._signals(parts, words, None if named_only else lang):
            if not part.asks or (named_only and not read.mentions):
                # A preamble says what a later "he" or "it" points to, and about what; not
                # a word naming several ("the two harbour pilots"), unless one of them was
                # named before ("I write about Keller. … the harbour pilot …": Keller)
                named = [m for m in read.mentions if m not in read.ambiguous or m in subjects]
                subjects[:0] = named[::-1]  # latest first, as the message runs
                people[:0] = named_people = [m for m in named if self._resolver.subjects[m].person]
                # "… Keller, Moreau, then Roux. The second of my list?": the people of one
                # sentence, cut at its commas, are a list, as an answer's
                in_sentence = row if part.sentence == sentence else []
                listed = row if len(row := [*in_sentence, *named_people]) > 1 else listed
                if preamble:  # every quotation of the preamble, in order
                    read.quoted = tuple(dict.fromkeys((*preamble.quoted, *read.quoted)))
                    read.reported = read.reported or preamble.reported
                if preamble and part.sentence == sentence and preamble.cued_by:
                    # one sentence, cut at commas, is one thought: "… wants a quote, a short
                    # one, from the committee's chair" asks a quotation of the chair
                    read.cues = list(dict.fromkeys((*preamble.cues, *read.cues)))
                    read.cued_by = preamble.cued_by | read.cued_by
                preamble, sentence = self._kept_preamble(preamble, sentence, read, part.sentence)
                preambles.append(read)
                continue
            asked = self._question_of(read, preamble, preambles)
            if asked is None:
                continue  # "who are you, and what's the agenda?": the agenda is the question
            off = self._off_by_clock(asked, now) or self._points_off(asked, found)
            if off is not None:
                found.append((asked, off))
                subjects[:0] = asked.mentions  # "… and this one, what was it about?"
                continue
            sig = asked
            if preamble is not None and asked is not preamble and asked is read:
                sig = self._with_preamble(asked, preamble)
            recent = Recent(
                *self._most_told(subjects, people, preambles),
                aspect,
                tuple(dict.fromkeys(listed)),
            )
            resolved_all = self._resolver.resolve(sig, lang, recent, trust_names=named_only)
            for resolved in resolved_all:
                same = [s for s, r in found if _same(r, resolved) and s.version == sig.version]
                for earlier in same:  # "X, c'est quoi ?" cut in two asks what, not whether
                    earlier.yes_no = earlier.yes_no and sig.yes_no
                if not same:
                    found.append((sig, resolved))  # "… in English? and in French?" is two
            # the subjects answered, then the people asked of ("is Keller at the press
            # conference? and who is he?": he is Keller, whoever the answer names)
            answered_subjects = [r.subject for r in resolved_all if r.subject]
            spoken_of = [*sig.mentions, *sig.referents]
            asked_people = [m for m in spoken_of if self._resolver.subjects[m].person]
            subjects[:0] = list(dict.fromkeys([*answered_subjects, *asked_people])) or sig.mentions
            answered = [p for r in resolved_all for p in self._composer.people_of(r)]
            people[:0] = answered
            listed = answered if len(answered) > 1 else listed
            aspect = next((r.aspect for r in resolved_all if r.aspect), aspect)
        return _Plan(lang, tuple(found))

    def _most_told(
        self, subjects: Iterable[str], people: Iterable[str], preambles: Sequence[Signals]
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Subjects and people spoken of, each once, latest first, but the people the
        preamble names most often before the others ("I'm writing about the pilot … the
        master, the pilot, the clerk … what's his job?": the pilot, named twice, is who
        "he" is)."""
        told = Counter(
            m
            for p in preambles
            for m in p.mentions
            if m not in p.ambiguous and self._resolver.subjects[m].person
        )
        lists = tuple(dict.fromkeys(subjects)), tuple(dict.fromkeys(people))
        if len(set(told.values())) < 2:
            return lists  # named once each (or alike): the latest first
        return _most_first(lists[0], told), _most_first(lists[1], told)

    def _reply(
        self, plan: _Plan, now: datetime, style: TimeStyle, context: Context | None
    ) -> Answer:
        """The reply to a planned question, written for the moment ``now``."""
        lang, found = plan.lang, list(plan.found)
        asks = [self._composer.ask(sig, r, lang, now, style) for sig, r in found[:MAX_ASKS]]
        earlier = tuple(context.people) if context else ()
        listed = tuple(context.listed) if context else ()
        truncated = len(found) > MAX_ASKS
        return self._composer.reply(
            asks, found, lang, now, truncated=truncated, earlier=earlier, listed=listed
        )

    def _question_of(
        self, read: Signals, preamble: Signals | None, preambles: Sequence[Signals]
    ) -> Signals | None:
        """What a part asks: itself; its preamble, if it pleads for help ("… how many admirals
        are named. Could you help me?"); the whole preamble, asking who of it is right ("…
        my friend swears it was Keller. Who's right?"); or nothing, if it is small talk."""
        folded = fold(read.text)
        # "… I think it was Keller. Who's right?": the last claim may head the question
        claimed = folded.endswith(_DISPUTES) and not folded.startswith(_DISPUTES)
        if preambles and (claimed or folded.startswith(_DISPUTES)):
            whole = merged([*preambles, read] if claimed else preambles)
            if self._dispute(whole, preambles):
                return whole
            whole = self._claims(whole)  # _dispute leaves it as merged when it returns None
            if whole.mentions:
                whole.borrowed.append("asks what the preamble's claims are about")
                return whole
            return read
        if _pleads(folded) and preamble is not None:
            # the last sentence of the preamble, or all of it when that one names and asks
            # nothing ("… said the meeting was one day. She's convinced. Is she right?")
            its_own = preamble.mentions or set(preamble.cues) - {"about"}  # not "arguing about"
            asked = preamble if its_own else self._claims(merged(preambles))
            asked.borrowed.append("a plea for help: the preamble is the question")
            return asked
        if folded in SMALL_TALK_PHRASES or _pleads(folded):
            return None
        return read

    def _claims(self, whole: Signals) -> Signals:
        """A whole preamble, merged, read for what its claims are of ("… met in Lyon. I said
        Geneva. Who's right?"): not the words telling who claims what ("she says",
        « affirmait », « au dîner », "my brother-in-law")."""
        whole.cues = [c for c in whole.cues if c not in _CLAIMING]
        whole.topical = []
        whole.features = [f for f in whole.features if self._matcher.known(f)]
        if whole.places:  # "… it was in Lyon": a place claimed asks where, whatever else
            whole.cues = ["where"]
        elif _counts_items(fold(whole.text).split()):
            whole.cues = ["count"]  # "… says it has five points, I say four": how many
        elif not whole.cues and any(map(TIME_OF_DAY.fullmatch, split_words(whole.text).words)):
            whole.cues = ["when"]  # "… says it was at 6:30, I say earlier": when
        return whole

    def _dispute(self, whole: Signals, preambles: Sequence[Signals]) -> Signals | None:
        """The question of a preamble putting people against each other: who of those it
        names said the words it speaks of ("… my friend swears it was Keller, I think it
        was Moreau. Who's right?"). Claims of other kinds are read as any question is."""
        people = [m for m in whole.mentions if self._resolver.subjects[m].person]
        told = [p for p in preambles if _SAID in p.features and not set(p.mentions) & set(people)]
        if len(people) == 1 and told and _SOMEONE_ELSE in whole.features:
            # "… somebody said X. He swears it was Keller, I say someone else": who said X,
            # whoever is claimed; read in the words told, of nobody named
            whole.mentions, whole.cues, whole.pointer = [], ["said", "who"], None
            whole.features = [f for f in told[-1].features if self._matcher.known(f)]
            whole.topical, whole.ranked = [], None
            whole.borrowed.append("asks who said what the preamble reports")
            return whole
        if len(people) < 2 or not _SPEAKING & whole.cued_by:  # a say or talk word, whatever
            return None  # it asked there
        whole.mentions, whole.cues = people, ["said", "who"]
        whole.borrowed.append("asks which of the people of the preamble said it")
        return whole

    def _points_off(
        self, sig: Signals, found: Sequence[tuple[Signals, Resolved]]
    ) -> Resolved | None:
        """A question whose pronoun points to the message's question before it, itself off
        topic (« L'ONU a aussi un conseil ? Il sert à quoi ? »): off topic too. Not when
        that one named a person: « écris que Keller … ou dis-moi ce qu'il a dit » asks
        of him."""
        if not (sig.pointer and not sig.mentions and found):
            return None
        before, resolved = found[-1]
        if resolved.kind is not AskKind.OFF_TOPIC or _THIS_ONE & set(fold(sig.text).split()):
            return None  # « et celle-ci ? », "and this one?": the one spoken of, not that
        if any(self._resolver.subjects[m].person for m in before.mentions):
            return None
        return Resolved(AskKind.OFF_TOPIC, evidence=("points to an off-topic question",))

    def _off_by_clock(self, sig: Signals, now: datetime) -> Resolved | None:
        """An ask the clock puts off topic: the time now ("… and what time is it in Tokyo?"),
        or an event other than this one ("the next meeting", once this one is over)."""
        if _asks_the_time(fold(sig.text)):
            return Resolved(AskKind.OFF_TOPIC, evidence=("asks the time now",))
        if not self._this_event(sig, now):
            return Resolved(AskKind.OFF_TOPIC, evidence=("another event, by the clock",))
        return None

    def _this_event(self, sig: Signals, now: datetime) -> bool:
        """Whether the time frames a question names ("next", "last year", "September")
        hold the main event. Events recur: "last year's meeting, what was it about?" may be
        another one of that year; only "was the meeting last year?" (its time, nothing else
        of it) is surely this one, and "was it in September?" guesses its month."""
        start, end = self._renderer.span(self.kb.facts.main.id)
        # only the time of an event asked: "was the meeting last year?"
        others = {m for m in sig.mentions if not self._resolver.is_event(m)}
        time_only = not (set(sig.cues) - {"status", "when"} or others)
        if "last_year" in sig.frames and not time_only:
            return False
        # a year places an event ("their 2024 meeting"), not a budget or a war ("in 2024")
        events = len(others) < len(sig.mentions)
        frames = [f for f in sig.frames if events or not f.startswith("year_")]
        held = all(in_frame(f, now, start, end or start, self._zone) for f in frames)
        # "was it in September?" guesses when this one was; "the September meeting's
        # agenda" is another meeting's
        return held or (time_only and all(f in MONTHS or f.startswith("year_") for f in frames))

    def _kept_preamble(
        self, preamble: Signals | None, sentence: int, read: Signals, at: int
    ) -> tuple[Signals | None, int]:
        """The preamble after a sentence asking nothing (``read``, sentence ``at``): that
        one, unless it is an aside naming, asking and citing nothing the engine knows
        (« … Je ne voulais pas dire de bêtise. »), which leaves the one before in place."""
        says = (
            read.mentions
            or read.cues
            or read.quoted
            or read.reported
            or read.off_scope
            or any(map(self._matcher.known, read.features))
        )
        return (read, at) if preamble is None or says else (preamble, sentence)

    def _with_preamble(self, sig: Signals, preamble: Signals) -> Signals:
        """A question pointing back to its preamble: "… talked about Canada. Did they?"
        asks the preamble itself; "… Keller's quote … What word does it use?" takes its
        known words and what it asked; "I read 'not charity'. Who said that?" its quotation."""
        asks_nothing = not (sig.mentions or sig.cues or sig.ordinal)  # "… the first one?"
        # "… a quote from the one who chairs the committee. Have you got that?": the pronoun
        # points to a preamble that names and asks
        pointing = bool(sig.pointer and preamble.mentions and preamble.cues)
        # "… I want to put the quote about democracy on a slide. Could you give me the exact
        # wording?": the words asked for are the ones the preamble spoke of
        same_quote = (
            sig.cues == ["said"]
            and "said" in preamble.cues
            and not (sig.mentions or sig.quoted or sig.pointer)
        )
        # "… I keep seeing the committee mentioned everywhere. What is it?": what the thing
        # it names is, not the preamble's other words
        defines = bool(sig.pointer) and not _DEFINING.isdisjoint(fold(sig.text).split()[:3])
        if same_quote or (
            asks_nothing
            and (
                pointing
                or (not sig.topical and (preamble.mentions or preamble.cues) and not defines)
            )
        ):
            preamble.version = sig.version or preamble.version
            preamble.compare = preamble.compare or sig.compare  # "… What's the difference?"
            if same_quote:  # what was said first, whatever else the preamble asked
                preamble.cues = list(dict.fromkeys(("said", *preamble.cues)))
            preamble.borrowed.append("the question is its preamble's")
            return preamble
        cites = preamble.quoted or preamble.reported
        # "… said 'X'. Who?"; "'X' — did Keller say that?": the words "that" points to;
        # "'X': Keller or Moreau?": which of them said it
        people = [m for m in sig.mentions if self._resolver.subjects[m].person]
        of_them = (
            not sig.mentions
            or (sig.pointer == "it" and sig.cues[:1] == ["said"])
            or (len(sig.by_name.intersection(people)) > 1 and not sig.cues)
        )
        if cites and not (sig.quoted or sig.reported) and of_them:
            sig.quoted, sig.reported = preamble.quoted, preamble.reported
            sig.borrowed.append("the quotation its preamble cites")
        # "… a line on charity in it. Who said it, and what's the line?": what was said, of
        # the words the preamble spoke of, as a pronoun pointing back to it asks
        of_said = (
            not _SPEAKING.isdisjoint(preamble.cues)  # "… a line about a 'wartime' something"
            and not sig.topical
            and sig.cues[:1] in (["who"], ["said"])
        )
        if people == sig.mentions and people and not sig.cues and preamble.cues[:1] == ["said"]:
            # "… I'd like a real quote from a leader. Is there something from Keller I could
            # use?": the question names whose, the preamble asked what
            sig.cues = ["said"]
            sig.borrowed.append("what the preamble asks for")
        if (sig.pointer or of_said) and not sig.mentions:
            known = [f for f in preamble.features if self._matcher.known(f)]
            sig.features, sig.ranked = [*sig.features, *known], None
            sig.soft_cues = [*sig.soft_cues, *preamble.cues]
            # "… an admiral said something about X. Who was it?": who said it, by its words
            who_was_it = sig.pointer == "it" and sig.cues == ["who"] and "said" in preamble.cues
            if of_said and (not sig.pointer or who_was_it):  # its own words, no earlier subject's
                sig.topical = [f for f in preamble.topical if self._matcher.known(f)]
            if of_said and who_was_it:
                sig.cues, sig.pointer = ["said", "who"], None
            sig.borrowed.append("words of the preamble it points back to")
        return sig

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
            return self._composer.decline(lang, (), ())
        return self._composer.cell(cell, lang, now, time_style)

    def examples(self, lang: Lang) -> tuple[Suggestion, ...]:
        """A few questions that show what the bot can answer."""
        return self._composer.examples(lang)

    def help_text(self, lang: Lang) -> str:
        """What the bot is for, with example questions."""
        return self._composer.help_text(lang)

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


def _most_first(items: tuple[str, ...], told: Counter[str]) -> tuple[str, ...]:
    """``items`` with those ``told`` most often first, in their places; the rest stay."""
    most = iter(sorted((s for s in items if s in told), key=lambda s: -told[s]))
    return tuple(next(most) if s in told else s for s in items)


def _counts_items(words: Sequence[str]) -> bool:
    """Whether words count items of a list ("five points", "four agenda items")."""
    return any(
        w in COUNTS and not ITEM_WORDS.isdisjoint(words[n + 1 : n + 1 + COUNTED_REACH])
        for n, w in enumerate(words)
    )


def _counts_asked(words: Sequence[str]) -> bool:
    """Whether a message asks how many items a list has: with « en anglais », how many the
    English version has (the versions can differ), not a reply in English."""
    return not _COUNTING.isdisjoint(words) and not ITEM_WORDS.isdisjoint(words)


def _same(a: Resolved, b: Resolved) -> bool:
    """Two questions of one message answered alike ("is it live and where can I watch it")."""
    return (a.subject, a.cell, a.status, a.kind) == (b.subject, b.cell, b.status, b.kind)


def _asks_the_time(folded: str) -> bool:
    """Whether a question asks the time now ("what time is it in Tokyo?"), not an event's
    ("… what time is it in UTC?" asks the event's time in that zone)."""
    if _ZONE_WORDS.intersection(folded.split()):  # "… in UTC so we can convert?"
        return False
    if folded in CLOCK_PHRASES:
        return True
    return folded.startswith(_CLOCK_HEADS) and folded.startswith(_CLOCK_PREFIXES)
