"""Building the knowledge base from already-parsed YAML documents, and validating it.

Parsing is pure: the caller (``briefbot.knowledge``) reads the files and hands
over ``{file name: parsed document}``. Every problem is collected and reported
at once, each naming the file, the entry and what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from briefbot.engine.kb import Facts, KnowledgeBase, Person, Topic
from briefbot.engine.normalize import fold
from briefbot.engine.types import LANGS, Lang
from briefbot.errors import KnowledgeError

MIN_PARAPHRASES = 8
TENSES = ("future", "now", "past")
TENSE_EVENTS = ("meeting", "press")
FACT_SECTIONS = ("event", "people", "quotes", "agenda", "press_conference", "sources")
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.]+)\}")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class _Problems:
    """Collects problems so a curator sees all of them in one run."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, file: str, entry: str, message: str) -> None:
        self.items.append(f"{file}: {entry}: {message}")


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _bilingual(
    p: _Problems, file: str, entry: str, value: Any, *, allow_empty: bool = False
) -> dict[Lang, str]:
    """A ``{fr: ..., en: ...}`` pair; both languages must be present."""
    out: dict[Lang, str] = {}
    if not isinstance(value, Mapping):
        p.add(file, entry, "expected a mapping with 'fr' and 'en'")
        return {lang: "" for lang in LANGS}
    for lang in LANGS:
        raw = value.get(lang)
        if allow_empty and isinstance(raw, str):
            out[lang] = raw.strip()
        elif (text := _text(raw)) is not None:
            out[lang] = text
        else:
            p.add(file, entry, f"missing or empty '{lang}' text")
            out[lang] = ""
    return out


def _strings(p: _Problems, file: str, entry: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(_text(v) for v in value):
        p.add(file, entry, "expected a list of non-empty strings")
        return ()
    return tuple(str(v).strip() for v in value)


def _date(p: _Problems, file: str, entry: str, value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        p.add(file, entry, f"expected an ISO date (YYYY-MM-DD), got {value!r}")
        return date(1970, 1, 1)


def _datetime(p: _Problems, file: str, entry: str, value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        p.add(file, entry, f"expected an ISO date-time with offset, got {value!r}")
        return datetime.fromisoformat("1970-01-01T00:00:00+00:00")
    if parsed.tzinfo is None:
        p.add(file, entry, "the date-time needs a UTC offset, e.g. +01:00")
        return parsed.replace(tzinfo=datetime.now().astimezone().tzinfo)
    return parsed


def _people(p: _Problems, file: str, raw: Any) -> dict[str, Person]:
    people: dict[str, Person] = {}
    if not isinstance(raw, Mapping) or not raw:
        p.add(file, "people", "expected a mapping of person ids")
        return people
    for pid, data in raw.items():
        entry = f"people.{pid}"
        if not isinstance(data, Mapping):
            p.add(file, entry, "expected a mapping")
            continue
        name = _text(data.get("name"))
        if name is None:
            p.add(file, entry, "missing 'name'")
        people[str(pid)] = Person(
            id=str(pid),
            name=name or "",
            rank=_bilingual(p, file, f"{entry}.rank", data.get("rank"), allow_empty=True),
            role=_bilingual(p, file, f"{entry}.role", data.get("role")),
            abbr=_text(data.get("abbr")) or "",
            aliases=_strings(p, file, f"{entry}.aliases", data.get("aliases", [])),
        )
    return people


def _agenda(p: _Problems, file: str, raw: Any) -> dict[Lang, tuple[Mapping[str, Any], ...]]:
    out: dict[Lang, tuple[Mapping[str, Any], ...]] = {"fr": (), "en": ()}
    if not isinstance(raw, Mapping):
        p.add(file, "agenda", "expected a mapping with 'fr' and 'en' item lists")
        return out
    fr_ids: list[str] = []
    for lang in LANGS:
        items = raw.get(lang)
        if not isinstance(items, list) or not items:
            p.add(file, f"agenda.{lang}", "expected a non-empty list of items")
            continue
        parsed: list[Mapping[str, Any]] = []
        for n, item in enumerate(items, 1):
            entry = f"agenda.{lang}[{n}]"
            if not isinstance(item, Mapping) or _text(item.get("text")) is None:
                p.add(file, entry, "expected an item with 'text'")
                continue
            ids = [item["id"]] if lang == "fr" and "id" in item else item.get("covers", [])
            if not ids or not all(isinstance(i, str) for i in ids):
                p.add(file, entry, "needs 'id' (French) or 'covers' (English item ids)")
                continue
            if lang == "fr":
                fr_ids.extend(ids)
            parsed.append({"ids": tuple(ids), "text": item["text"].strip()})
        out[lang] = tuple(parsed)
    covered = [i for item in out["en"] for i in item["ids"]]
    if out["en"] and sorted(covered) != sorted(fr_ids):
        p.add(file, "agenda.en", f"'covers' must name each French item id once: {sorted(fr_ids)}")
    return out


def _facts(p: _Problems, sections: Mapping[str, tuple[str, Any]]) -> Facts:
    def get(name: str) -> tuple[str, Any]:
        return sections.get(name, ("<knowledge>", {}))

    file, event = get("event")
    event = dict(event) if isinstance(event, Mapping) else {}
    for key in ("title", "city", "venue", "body", "session", "partners", "goal"):
        event[key] = _bilingual(p, file, f"event.{key}", event.get(key))
    focus = event.get("focus")
    if not isinstance(focus, list) or not focus:
        p.add(file, "event.focus", "expected a list of {fr, en} items")
        focus = []
    event["focus"] = [_bilingual(p, file, f"event.focus[{n}]", f) for n, f in enumerate(focus, 1)]
    start = _date(p, file, "event.start", event.get("start"))
    end = _date(p, file, "event.end", event.get("end"))
    event["published"] = _date(p, file, "event.published", event.get("published"))
    offset = str(event.get("utc_offset", "+00:00"))
    meeting_start = _datetime(p, file, "event.utc_offset", f"{start.isoformat()}T00:00:00{offset}")
    meeting_end = _datetime(p, file, "event.utc_offset", f"{end.isoformat()}T00:00:00{offset}")
    meeting_end += timedelta(days=1)
    if end < start:
        p.add(file, "event.end", "ends before it starts")

    pfile, people = get("people")
    parsed_people = _people(p, pfile, people)

    qfile, quotes = get("quotes")
    parsed_quotes: dict[str, Mapping[str, Any]] = {}
    for qid, q in (quotes or {}).items() if isinstance(quotes, Mapping) else ():
        entry = f"quotes.{qid}"
        if not isinstance(q, Mapping):
            p.add(qfile, entry, "expected a mapping")
            continue
        if q.get("speaker") not in parsed_people:
            p.add(qfile, f"{entry}.speaker", f"unknown person {q.get('speaker')!r}")
        parsed_quotes[str(qid)] = {
            "speaker": q.get("speaker"),
            **{
                key: _bilingual(p, qfile, f"{entry}.{key}", q.get(key))
                for key in ("occasion", "text", "gist", "extra")
                if key in q or key != "extra"
            },
        }

    afile, agenda = get("agenda")
    parsed_agenda = _agenda(p, afile, agenda)

    cfile, press = get("press_conference")
    press = dict(press) if isinstance(press, Mapping) else {}
    press_at = _datetime(p, cfile, "press_conference.at", press.get("at"))
    speakers = press.get("speakers", [])
    for s in speakers if isinstance(speakers, list) else []:
        if s not in parsed_people:
            p.add(cfile, "press_conference.speakers", f"unknown person {s!r}")
    press["kind"] = _bilingual(p, cfile, "press_conference.kind", press.get("kind"))
    press["broadcast"] = _bilingual(p, cfile, "press_conference.broadcast", press.get("broadcast"))

    sfile, sources = get("sources")
    parsed_sources: dict[Lang, Mapping[str, str]] = {}
    for lang in LANGS:
        src = sources.get(lang) if isinstance(sources, Mapping) else None
        if not isinstance(src, Mapping) or not _text(src.get("title")) or not _text(src.get("url")):
            p.add(sfile, f"sources.{lang}", "needs 'title' and 'url'")
            src = {}
        parsed_sources[lang] = {k: str(v).strip() for k, v in src.items()}

    for name in FACT_SECTIONS:
        if name not in sections:
            p.add("<knowledge>", name, "section missing from every file")
    return Facts(
        event=event,
        people=parsed_people,
        quotes=parsed_quotes,
        agenda=parsed_agenda,
        press=press,
        sources=parsed_sources,
        meeting_start=meeting_start,
        meeting_end=meeting_end,
        press_at=press_at,
    )


def _answer(
    p: _Problems, file: str, entry: str, raw: Any, tense: str | None
) -> dict[Lang, dict[str, str]]:
    out: dict[Lang, dict[str, str]] = {}
    if not isinstance(raw, Mapping):
        p.add(file, entry, "expected a mapping with 'fr' and 'en' templates")
        return {lang: {"any": ""} for lang in LANGS}
    for lang in LANGS:
        value = raw.get(lang)
        if isinstance(value, str) and value.strip():
            out[lang] = {"any": value.strip()}
        elif isinstance(value, Mapping) and tense is not None:
            variants = {str(k): str(v).strip() for k, v in value.items()}
            unknown = set(variants) - set(TENSES)
            if unknown:
                p.add(file, f"{entry}.{lang}", f"unknown tense variants {sorted(unknown)}")
            if not variants.get("future") or not variants.get("past"):
                p.add(file, f"{entry}.{lang}", "tense variants need at least 'future' and 'past'")
            out[lang] = variants
        else:
            hint = (
                " (tense variants need 'tense:' on the topic)" if isinstance(value, Mapping) else ""
            )
            p.add(file, f"{entry}.{lang}", f"missing answer template{hint}")
            out[lang] = {"any": ""}
    return out


def _topic(p: _Problems, file: str, n: int, raw: Any) -> Topic | None:
    if not isinstance(raw, Mapping):
        p.add(file, f"topics[{n}]", "expected a mapping")
        return None
    tid = raw.get("id")
    if not isinstance(tid, str) or not _ID.match(tid):
        p.add(file, f"topics[{n}]", f"'id' must be lower_snake_case, got {tid!r}")
        return None
    entry = f"topic {tid}"
    tense = raw.get("tense")
    if tense is not None and tense not in TENSE_EVENTS:
        p.add(file, f"{entry}.tense", f"must be one of {list(TENSE_EVENTS)}, got {tense!r}")
        tense = None
    paraphrases: dict[Lang, tuple[str, ...]] = {}
    keywords: dict[Lang, tuple[str, ...]] = {}
    for lang in LANGS:
        raw_p = raw.get("paraphrases", {})
        paraphrases[lang] = _strings(
            p,
            file,
            f"{entry}.paraphrases.{lang}",
            raw_p.get(lang) if isinstance(raw_p, Mapping) else None,
        )
        if 0 < len(paraphrases[lang]) < MIN_PARAPHRASES:
            p.add(
                file,
                f"{entry}.paraphrases.{lang}",
                f"has {len(paraphrases[lang])} paraphrases, needs at least {MIN_PARAPHRASES}",
            )
        raw_k = raw.get("keywords", {})
        keywords[lang] = _strings(
            p,
            file,
            f"{entry}.keywords.{lang}",
            raw_k.get(lang) if isinstance(raw_k, Mapping) else None,
        )
    return Topic(
        id=tid,
        file=file,
        title=_bilingual(p, file, f"{entry}.title", raw.get("title")),
        label=_bilingual(p, file, f"{entry}.label", raw.get("label")),
        keywords=keywords,
        paraphrases=paraphrases,
        answer=_answer(p, file, f"{entry}.answer", raw.get("answer"), tense),
        tense=tense,
    )


@dataclass(slots=True)
class _Collected:
    """The documents' sections, sorted by kind, before validation."""

    sections: dict[str, tuple[str, Any]] = field(default_factory=dict)
    topics: list[tuple[str, int, Any]] = field(default_factory=list)
    concepts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    off_scope: list[str] = field(default_factory=list)


def _collect_section(p: _Problems, out: _Collected, file: str, key: str, value: Any) -> None:
    if key in FACT_SECTIONS:
        if key in out.sections:
            p.add(file, key, f"also defined in {out.sections[key][0]}")
        out.sections[key] = (file, value)
    elif key == "topics":
        if not isinstance(value, list):
            p.add(file, "topics", "expected a list")
            return
        out.topics.extend((file, n, t) for n, t in enumerate(value, 1))
    elif key == "concepts":
        if not isinstance(value, Mapping):
            p.add(file, "concepts", "expected a mapping of concept ids to phrase lists")
            return
        for cid, forms in value.items():
            if cid in out.concepts:
                p.add(file, f"concepts.{cid}", "duplicate concept id")
            entry = f"concepts.{cid}"
            out.concepts[str(cid)] = tuple(fold(f) for f in _strings(p, file, entry, forms))
    elif key == "off_scope":
        out.off_scope.extend(fold(w) for w in _strings(p, file, "off_scope", value))
    else:
        p.add(file, str(key), "unknown section")


def _check_topic_texts(
    p: _Problems, topic: Topic, keys: frozenset[str], seen_paraphrases: dict[str, str]
) -> None:
    """A paraphrase under two topics, or a template naming an unknown fact, is a problem."""
    for lang in LANGS:
        for phrase in topic.paraphrases[lang]:
            other = seen_paraphrases.setdefault(fold(phrase), topic.id)
            if other != topic.id:
                p.add(
                    topic.file,
                    f"topic {topic.id}",
                    f"paraphrase {phrase!r} also belongs to topic {other}",
                )
        for tense, template in topic.answer[lang].items():
            for name in _PLACEHOLDER.findall(template):
                if name not in keys:
                    entry = f"topic {topic.id}.answer.{lang}.{tense}"
                    p.add(topic.file, entry, f"unknown fact {{{name}}}")


def parse_knowledge(
    documents: Mapping[str, Any], placeholder_keys: Callable[[Facts], frozenset[str]]
) -> KnowledgeBase:
    """Validate parsed YAML documents and build the knowledge base.

    ``placeholder_keys`` gives the names templates may use for the parsed facts
    (``render.placeholder_keys``); it is passed in so this module does not
    depend on rendering.
    Raises :class:`KnowledgeError` listing every problem.
    """
    p = _Problems()
    collected = _Collected()
    for file, doc in sorted(documents.items()):
        if not isinstance(doc, Mapping):
            p.add(file, "<file>", "expected a YAML mapping at the top level")
            continue
        for key, value in doc.items():
            _collect_section(p, collected, file, str(key), value)

    facts = _facts(p, collected.sections)
    concepts = collected.concepts
    for person in facts.people.values():
        if person.id in concepts:
            p.add("<knowledge>", f"concepts.{person.id}", "a concept has the id of a person")
        concepts[person.id] = tuple(fold(a) for a in (person.name, *person.aliases))

    keys = placeholder_keys(facts)
    topics: list[Topic] = []
    seen_ids: dict[str, str] = {}
    seen_paraphrases: dict[str, str] = {}
    for file, n, raw in collected.topics:
        topic = _topic(p, file, n, raw)
        if topic is None:
            continue
        if topic.id in seen_ids:
            p.add(file, f"topic {topic.id}", f"duplicate id (also in {seen_ids[topic.id]})")
            continue
        seen_ids[topic.id] = file
        _check_topic_texts(p, topic, keys, seen_paraphrases)
        topics.append(topic)
    if not topics:
        p.add("<knowledge>", "topics", "no topics defined")
    if p.items:
        raise KnowledgeError(p.items)
    return KnowledgeBase(
        facts=facts, topics=tuple(topics), concepts=concepts, off_scope=tuple(collected.off_scope)
    )
