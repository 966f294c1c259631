"""Building the structured facts (``facts.yaml``) from parsed YAML, with every problem named."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefbot.engine.checks import Problems, bilingual, iso_date, iso_datetime, strings, text
from briefbot.engine.kb import Facts, Person
from briefbot.engine.types import LANGS, Lang

FACT_SECTIONS = ("event", "people", "quotes", "agenda", "press_conference", "sources")
EVENT_TEXTS = ("title", "city", "venue", "body", "session", "partners", "goal", "languages")


def _people(p: Problems, file: str, raw: Any) -> dict[str, Person]:
    people: dict[str, Person] = {}
    if not isinstance(raw, Mapping) or not raw:
        p.add(file, "people", "expected a mapping of person ids")
        return people
    for pid, data in raw.items():
        entry = f"people.{pid}"
        if not isinstance(data, Mapping):
            p.add(file, entry, "expected a mapping")
            continue
        name = text(data.get("name"))
        if name is None:
            p.add(file, entry, "missing 'name'")
        people[str(pid)] = Person(
            id=str(pid),
            name=name or "",
            rank=bilingual(p, file, f"{entry}.rank", data.get("rank"), allow_empty=True),
            role=bilingual(p, file, f"{entry}.role", data.get("role")),
            abbr=text(data.get("abbr")) or "",
            aliases=strings(p, file, f"{entry}.aliases", data.get("aliases", [])),
        )
    return people


def _agenda(p: Problems, file: str, raw: Any) -> dict[Lang, tuple[Mapping[str, Any], ...]]:
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
            if not isinstance(item, Mapping) or text(item.get("text")) is None:
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


def _timezone(p: Problems, file: str, raw: Any) -> str:
    name = text(raw) or ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        p.add(
            file,
            "event.timezone",
            f"expected a time zone name such as Europe/Brussels, got {raw!r}",
        )
        return "UTC"
    return name


def _quotes(
    p: Problems, file: str, raw: Any, people: Mapping[str, Person]
) -> dict[str, Mapping[str, Any]]:
    parsed: dict[str, Mapping[str, Any]] = {}
    for qid, q in raw.items() if isinstance(raw, Mapping) else ():
        entry = f"quotes.{qid}"
        if not isinstance(q, Mapping):
            p.add(file, entry, "expected a mapping")
            continue
        if q.get("speaker") not in people:
            p.add(file, f"{entry}.speaker", f"unknown person {q.get('speaker')!r}")
        parsed[str(qid)] = {
            "speaker": q.get("speaker"),
            **{
                key: bilingual(p, file, f"{entry}.{key}", q.get(key))
                for key in ("occasion", "text", "gist", "extra")
                if key in q or key != "extra"
            },
        }
    return parsed


def parse_facts(p: Problems, sections: Mapping[str, tuple[str, Any]]) -> Facts:
    """The facts from the sections ``{name: (file, value)}`` of the knowledge documents."""

    def get(name: str) -> tuple[str, Any]:
        return sections.get(name, ("<knowledge>", {}))

    file, event = get("event")
    event = dict(event) if isinstance(event, Mapping) else {}
    for key in EVENT_TEXTS:
        event[key] = bilingual(p, file, f"event.{key}", event.get(key))
    focus = event.get("focus")
    if not isinstance(focus, list) or not focus:
        p.add(file, "event.focus", "expected a list of {fr, en} items")
        focus = []
    event["focus"] = [bilingual(p, file, f"event.focus[{n}]", f) for n, f in enumerate(focus, 1)]
    start = iso_date(p, file, "event.start", event.get("start"))
    end = iso_date(p, file, "event.end", event.get("end"))
    event["published"] = iso_date(p, file, "event.published", event.get("published"))
    zone = _timezone(p, file, event.get("timezone"))
    tz = ZoneInfo(zone)
    meeting_start = datetime.combine(start, time(0), tzinfo=tz)
    meeting_end = datetime.combine(end, time(0), tzinfo=tz) + timedelta(days=1)
    if end < start:
        p.add(file, "event.end", "ends before it starts")

    pfile, people = get("people")
    parsed_people = _people(p, pfile, people)
    qfile, quotes = get("quotes")
    afile, agenda = get("agenda")

    cfile, press = get("press_conference")
    press = dict(press) if isinstance(press, Mapping) else {}
    press_at = iso_datetime(p, cfile, "press_conference.at", press.get("at"))
    speakers = press.get("speakers", [])
    for s in speakers if isinstance(speakers, list) else []:
        if s not in parsed_people:
            p.add(cfile, "press_conference.speakers", f"unknown person {s!r}")
    press["kind"] = bilingual(p, cfile, "press_conference.kind", press.get("kind"))
    press["broadcast"] = bilingual(p, cfile, "press_conference.broadcast", press.get("broadcast"))

    sfile, sources = get("sources")
    parsed_sources: dict[Lang, Mapping[str, str]] = {}
    for lang in LANGS:
        src = sources.get(lang) if isinstance(sources, Mapping) else None
        if not isinstance(src, Mapping) or not text(src.get("title")) or not text(src.get("url")):
            p.add(sfile, f"sources.{lang}", "needs 'title' and 'url'")
            src = {}
        parsed_sources[lang] = {k: str(v).strip() for k, v in src.items()}

    for name in FACT_SECTIONS:
        if name not in sections:
            p.add("<knowledge>", name, "section missing from every file")
    return Facts(
        event=event,
        people=parsed_people,
        quotes=_quotes(p, qfile, quotes, parsed_people),
        agenda=_agenda(p, afile, agenda),
        press=press,
        sources=parsed_sources,
        meeting_start=meeting_start,
        meeting_end=meeting_end,
        press_at=press_at.astimezone(tz),
        timezone=zone,
    )
