"""Building the structured facts from parsed YAML, with every problem named.

The kinds of facts are generic, so any announcement fits: ``events`` (each with
a start, an optional end and a time zone), ``people`` (roles and aliases),
``quotes``, numbered ``lists``, ``links`` and the announcement's ``sources``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefbot.engine.checks import ID, Problems, bilingual, line_of, strings, text
from briefbot.engine.kb import Event, Facts, Link, NumberedList, Person
from briefbot.engine.types import LANGS, Lang

FACT_SECTIONS = ("events", "people", "quotes", "lists", "links", "sources")
# Fields every event may have; any other field is a fact of its own ({meeting.venue}).
EVENT_FIELDS = ("title", "start", "end", "timezone", "city", "people")
# Names templates use for something else than an event or a list ({people.x.name}).
RESERVED = frozenset({"event", "people", "quotes", "links", "source"})
# A list's items are counted with this noun unless it names its own ("five items").
DEFAULT_NOUN: Mapping[Lang, str] = {"fr": "éléments", "en": "items"}
_EPOCH = datetime(1970, 1, 1, tzinfo=ZoneInfo("UTC"))


def timezone(p: Problems, file: str, entry: str, raw: Any, line: int | None) -> str:
    """A ``zoneinfo`` name such as Europe/Paris; UTC (and a problem) otherwise."""
    name = text(raw) or ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        p.add(file, entry, f"expected a time zone name such as Europe/Paris, got {raw!r}", line)
        return "UTC"
    return name


def _moment(
    p: Problems, file: str, entry: str, raw: Any, tz: ZoneInfo, *, line: int | None
) -> tuple[datetime, bool]:
    """A start or end: a day (``2025-01-15``) or a time (``2025-01-16T17:30:00+01:00``;
    without an offset, in the event's zone). Returns the moment and whether it is a day."""
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return datetime.combine(raw, time(0), tzinfo=tz), True
    if isinstance(raw, datetime):
        moment = raw
    else:
        try:
            moment = datetime.fromisoformat(str(raw))
        except ValueError:
            p.add(
                file,
                entry,
                f"expected a date (2025-01-15) or a date and time (2025-01-16T17:30:00+01:00), "
                f"got {raw!r}",
                line,
            )
            return _EPOCH, False
        if len(str(raw).strip()) == len("2025-01-15"):
            return moment.replace(tzinfo=tz), True
    return (moment if moment.tzinfo else moment.replace(tzinfo=tz)), False


def _event_facts(p: Problems, file: str, entry: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """An event's own facts: texts, lists of texts and dates, by name."""
    texts: dict[str, Mapping[Lang, str]] = {}
    lists: dict[str, tuple[Mapping[Lang, str], ...]] = {}
    days: dict[str, date] = {}
    for key, value in raw.items():
        name, line = str(key), line_of(raw, key)
        if name in EVENT_FIELDS:
            continue
        if not ID.match(name):
            p.add(file, f"{entry}.{name}", "a fact's name must be lower_snake_case", line)
        elif isinstance(value, date) and not isinstance(value, datetime):
            days[name] = value
        elif isinstance(value, list) and value:
            lists[name] = tuple(
                bilingual(p, file, f"{entry}.{name}[{n}]", v, line=line)
                for n, v in enumerate(value, 1)
            )
        else:
            texts[name] = bilingual(p, file, f"{entry}.{name}", value, line=line)
    return {"texts": texts, "lists": lists, "days": days}


def _event(p: Problems, file: str, eid: str, raw: Any, default_zone: str) -> Event | None:
    entry = f"events.{eid}"
    if not isinstance(raw, Mapping):
        p.add(file, entry, "expected a mapping with 'title' and 'start'", line_of(raw))
        return None
    zone = default_zone
    if "timezone" in raw:
        zone = timezone(p, file, f"{entry}.timezone", raw["timezone"], line_of(raw, "timezone"))
    tz = ZoneInfo(zone)
    if "start" not in raw:
        p.add(file, f"{entry}.start", "missing: when it starts (a date or a time)", line_of(raw))
    where = line_of(raw, "start") or line_of(raw)
    start, dated = _moment(p, file, f"{entry}.start", raw.get("start"), tz, line=where)
    end: datetime | None = None
    if dated:  # whole days: it ends at the midnight after its last day
        last = start
        if raw.get("end") is not None:
            last, is_day = _moment(
                p, file, f"{entry}.end", raw["end"], tz, line=line_of(raw, "end")
            )
            if not is_day:
                p.add(file, f"{entry}.end", "a day-long event ends on a date", line_of(raw, "end"))
        end = datetime.combine(last.date(), time(0), tzinfo=tz) + timedelta(days=1)
    elif raw.get("end") is not None:
        end, _ = _moment(p, file, f"{entry}.end", raw["end"], tz, line=line_of(raw, "end"))
    if end is not None and end <= start:
        p.add(file, f"{entry}.end", "ends before it starts", line_of(raw, "end"))
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    return Event(
        id=eid,
        title=bilingual(p, file, f"{entry}.title", raw.get("title"), line=line_of(raw)),
        start=start,
        end=end,
        dated=dated,
        timezone=zone,
        city=bilingual(p, file, f"{entry}.city", raw["city"], line=line_of(raw, "city"))
        if "city" in raw
        else dict.fromkeys(LANGS, city),
        people=strings(p, file, f"{entry}.people", raw.get("people", []), line=line_of(raw)),
        **_event_facts(p, file, entry, raw),
    )


def _events(p: Problems, file: str, raw: Any, default_zone: str) -> dict[str, Event]:
    events: dict[str, Event] = {}
    if not isinstance(raw, Mapping) or not raw:
        p.add(file, "events", "expected a mapping of event ids, the main event first", line_of(raw))
        return events
    for eid, data in raw.items():
        if not isinstance(eid, str) or not ID.match(eid) or eid in RESERVED:
            p.add(
                file,
                f"events.{eid}",
                f"an event id is lower_snake_case and not one of {sorted(RESERVED)}",
                line_of(raw, eid),
            )
            continue
        if (event := _event(p, file, eid, data, default_zone)) is not None:
            events[eid] = event
    return events


def _people(p: Problems, file: str, raw: Any) -> dict[str, Person]:
    people: dict[str, Person] = {}
    if not isinstance(raw, Mapping):
        p.add(file, "people", "expected a mapping of person ids", line_of(raw))
        return people
    for pid, data in raw.items():
        entry = f"people.{pid}"
        if not isinstance(data, Mapping):
            p.add(file, entry, "expected a mapping", line_of(raw, pid))
            continue
        name = text(data.get("name"))
        if name is None:
            p.add(file, entry, "missing 'name'", line_of(data))
        people[str(pid)] = Person(
            id=str(pid),
            name=name or "",
            rank=bilingual(
                p, file, f"{entry}.rank", data.get("rank", {"fr": "", "en": ""}), allow_empty=True
            ),
            role=bilingual(p, file, f"{entry}.role", data.get("role"), line=line_of(data)),
            abbr=text(data.get("abbr")) or "",
            aliases=strings(
                p, file, f"{entry}.aliases", data.get("aliases", []), line=line_of(data)
            ),
        )
    return people


def _item_ids(p: Problems, file: str, entry: str, item: Any) -> list[str]:
    ids = [item["id"]] if "id" in item else item.get("covers", [])
    if not ids or not all(isinstance(i, str) and ID.match(i) for i in ids):
        p.add(file, entry, "needs an 'id' or 'covers' (ids of the other language's items)")
        return []
    return list(ids)


def _numbered(p: Problems, file: str, lid: str, raw: Any) -> NumberedList:
    entry = f"lists.{lid}"
    items: dict[Lang, tuple[Mapping[str, Any], ...]] = {"fr": (), "en": ()}
    if not isinstance(raw, Mapping):
        p.add(file, entry, "expected a mapping with 'fr' and 'en' item lists", line_of(raw))
        return NumberedList(lid, DEFAULT_NOUN, items)
    ids: dict[Lang, list[str]] = {"fr": [], "en": []}
    for lang in LANGS:
        found = raw.get(lang)
        if not isinstance(found, list) or not found:
            p.add(file, f"{entry}.{lang}", "expected a non-empty list of items", line_of(raw))
            continue
        parsed: list[Mapping[str, Any]] = []
        for n, item in enumerate(found, 1):
            where = f"{entry}.{lang}[{n}]"
            if not isinstance(item, Mapping) or text(item.get("text")) is None:
                p.add(file, where, "expected an item with 'text'", line_of(found))
                continue
            item_ids = _item_ids(p, file, where, item)
            ids[lang].extend(item_ids)
            parsed.append({"ids": tuple(item_ids), "text": item["text"].strip()})
        items[lang] = tuple(parsed)
    for lang in LANGS:
        if len(set(ids[lang])) != len(ids[lang]):
            p.add(file, f"{entry}.{lang}", "an item id appears twice", line_of(raw, lang))
    if ids["fr"] and ids["en"] and set(ids["fr"]) != set(ids["en"]):
        p.add(
            file,
            f"{entry}.en",
            f"the English items must cover the French ones once each: {sorted(ids['fr'])}",
            line_of(raw, "en"),
        )
    noun = DEFAULT_NOUN
    if "noun" in raw:
        noun = bilingual(p, file, f"{entry}.noun", raw["noun"], line=line_of(raw, "noun"))
    return NumberedList(lid, noun, items)


def _lists(p: Problems, file: str, raw: Any) -> dict[str, NumberedList]:
    if not isinstance(raw, Mapping):
        p.add(file, "lists", "expected a mapping of list ids", line_of(raw))
        return {}
    out: dict[str, NumberedList] = {}
    for lid, data in raw.items():
        if not isinstance(lid, str) or not ID.match(lid) or lid in RESERVED:
            p.add(file, f"lists.{lid}", "a list id is lower_snake_case", line_of(raw, lid))
            continue
        out[lid] = _numbered(p, file, lid, data)
    return out


def _links(p: Problems, file: str, raw: Any) -> dict[str, Link]:
    if not isinstance(raw, Mapping):
        p.add(file, "links", "expected a mapping of link ids", line_of(raw))
        return {}
    out: dict[str, Link] = {}
    for lid, data in raw.items():
        entry = f"links.{lid}"
        if not isinstance(data, Mapping) or not (text(data.get("url")) or "").startswith(
            ("https://", "http://")
        ):
            p.add(file, entry, "needs a 'url' starting with https://", line_of(raw, lid))
            continue
        title = bilingual(p, file, f"{entry}.title", data.get("title"), line=line_of(data))
        out[str(lid)] = Link(str(lid), title, data["url"].strip())
    return out


def _quotes(
    p: Problems, file: str, raw: Any, people: Mapping[str, Person], events: Mapping[str, Event]
) -> dict[str, Mapping[str, Any]]:
    parsed: dict[str, Mapping[str, Any]] = {}
    for qid, q in raw.items() if isinstance(raw, Mapping) else ():
        entry = f"quotes.{qid}"
        if not isinstance(q, Mapping):
            p.add(file, entry, "expected a mapping", line_of(raw, qid))
            continue
        if q.get("speaker") not in people:
            p.add(
                file,
                f"{entry}.speaker",
                f"unknown person {q.get('speaker')!r}",
                line_of(q, "speaker") or line_of(q),
            )
        if "at" in q and q["at"] not in events:
            p.add(file, f"{entry}.at", f"unknown event {q['at']!r}", line_of(q, "at"))
        if "text" not in q:
            p.add(file, f"{entry}.text", "missing: the words quoted", line_of(q))
        parsed[str(qid)] = {
            "speaker": q.get("speaker"),
            "at": q.get("at"),
            **{
                str(key): bilingual(p, file, f"{entry}.{key}", value, line=line_of(q, key))
                for key, value in q.items()
                if key not in ("speaker", "at")
            },
        }
    return parsed


def _sources(p: Problems, file: str, raw: Any) -> dict[Lang, Mapping[str, str]]:
    parsed: dict[Lang, Mapping[str, str]] = {}
    for lang in LANGS:
        src = raw.get(lang) if isinstance(raw, Mapping) else None
        if not isinstance(src, Mapping) or not text(src.get("title")) or not text(src.get("url")):
            p.add(file, f"sources.{lang}", "needs 'title' and 'url'", line_of(raw, lang))
            src = {}
        parsed[lang] = {str(k): str(v).strip() for k, v in src.items()}
    return parsed


def parse_facts(p: Problems, sections: Mapping[str, tuple[str, Any]], default_zone: str) -> Facts:
    """The facts from the sections ``{name: (file, value)}`` of the knowledge documents;
    ``default_zone`` is the time zone of events that name none."""

    def get(name: str, empty: Any) -> tuple[str, Any]:
        return sections.get(name, ("<knowledge>", empty))

    for name in ("events", "people", "sources"):
        if name not in sections:
            p.add("<knowledge>", name, "section missing from every file")
    events = _events(p, *get("events", {}), default_zone)
    pfile, people_raw = get("people", {})
    people = _people(p, pfile, people_raw)
    for event in events.values():
        for pid in event.people:
            if pid not in people:
                p.add(sections["events"][0], f"events.{event.id}.people", f"unknown person {pid!r}")
    lists = _lists(p, *get("lists", {}))
    for lid in set(lists) & set(events):
        p.add(get("lists", {})[0], f"lists.{lid}", "an event has the same id")
    qfile, quotes = get("quotes", {})
    return Facts(
        events=events,
        people=people,
        quotes=_quotes(p, qfile, quotes, people, events),
        lists=lists,
        links=_links(p, *get("links", {})),
        sources=_sources(p, *get("sources", {})),
        timezone=default_zone,
    )
