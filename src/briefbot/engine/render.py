"""Rendering answers from the structured facts, in either language.

Every ``{placeholder}`` a template may use is computed here from the facts, so
a date or a name is written once in the facts and appears the same in every
answer. Times depend on the clock (tense, status) and on the front end
(plain text, or Discord timestamps that each reader sees in their own time
zone); local times come from the event's ``zoneinfo`` time zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from briefbot.engine.checks import PLACEHOLDER
from briefbot.engine.kb import Cell, Event, Facts, NumberedList, Person, Subject
from briefbot.engine.timing import Phase, phase, relative
from briefbot.engine.types import LANGS, Lang, TimeStyle
from briefbot.messages import message

_WEEKDAYS: Mapping[Lang, tuple[str, ...]] = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS: Mapping[Lang, tuple[str, ...]] = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip
_NUMBERS: Mapping[Lang, tuple[str, ...]] = {
    "fr": ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}
_AND: Mapping[Lang, str] = {"fr": "et", "en": "and"}
_ARTICLES = ("La ", "Le ", "Les ", "L’", "The ")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def running(title: str) -> str:
    """A title as it reads inside a sentence: "La réunion" -> "la réunion", names kept."""
    return title[:1].lower() + title[1:] if title.startswith(_ARTICLES) else title


def of(title: str, lang: Lang) -> str:
    """A title after French « de » ("du général Silva", "de la réunion"); English as is."""
    text = running(title)
    if lang != "fr":
        return text
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if text.startswith(article):
            return contracted + text[len(article) :]
    return "d’" + text if text[:1].lower() in "aeiouéèêh" else "de " + text


def _join(items: list[str], lang: Lang) -> str:
    """'a, b and c' / 'a, b et c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_AND[lang]} {items[-1]}"


def _day(d: date, lang: Lang, *, year: bool = True) -> str:
    text = f"{_WEEKDAYS[lang][d.weekday()]} {d.day} {_MONTHS[lang][d.month - 1]}"
    return f"{text} {d.year}" if year else text


def _days(start: date, end: date, lang: Lang) -> str:
    if start == end:
        return _day(start, lang)
    if (start.year, start.month) == (end.year, end.month):
        first = f"{_WEEKDAYS[lang][start.weekday()]} {start.day}"
        return f"{first} {_AND[lang]} {_day(end, lang)}"
    return f"{_day(start, lang, year=start.year != end.year)} {_AND[lang]} {_day(end, lang)}"


def _count(n: int, lang: Lang) -> str:
    return _NUMBERS[lang][n] if n < len(_NUMBERS[lang]) else str(n)


def _with_rank(person: Person, lang: Lang, name: str) -> str:
    """'l’amiral Ann Keller', 'le général …', 'Admiral Ann Keller', or the bare name."""
    rank = person.rank[lang]
    if not rank:
        return name
    if lang == "en":
        return f"{rank} {name}"
    article = "l’" if rank[0] in "aeiouyéèêh" else "le "
    return f"{article}{rank} {name}"


def _time(at: datetime, zone: str, city: str, lang: Lang, style: TimeStyle) -> str:
    """A moment in the event's local time and UTC, or as Discord timestamps."""
    local_at = at.astimezone(ZoneInfo(zone))
    utc = at.astimezone(UTC)
    if lang == "fr":
        local = f"{local_at.hour}h{local_at.minute:02d}"
        in_utc = f"{utc.hour}h{utc.minute:02d} UTC"
        plain = f"{_day(local_at.date(), lang)} à {local}, heure de {city} ({in_utc})"
    else:
        local = f"{local_at.hour:02d}:{local_at.minute:02d}"
        in_utc = f"{utc.hour:02d}:{utc.minute:02d} UTC"
        plain = f"{_day(local_at.date(), lang)} at {local} {city} time ({in_utc})"
    if style is TimeStyle.PLAIN:
        return plain
    stamp = int(at.timestamp())
    where = f"{local} à {city}" if lang == "fr" else f"{local} in {city}"
    return f"<t:{stamp}:F> (<t:{stamp}:R>, {where})"


def _dates(event: Event, lang: Lang) -> str:
    """The days an event takes, in its own zone: "Wednesday 15 and Thursday 16 January 2025"."""
    zone = ZoneInfo(event.timezone)
    first = event.start.astimezone(zone).date()
    if not event.dated or event.end is None:
        return _day(first, lang)
    return _days(first, (event.end - timedelta(days=1)).astimezone(zone).date(), lang)


def _event_values(event: Event, people: Mapping[str, Person], lang: Lang) -> dict[str, str]:
    """An event's placeholders, named without its id: "title", "dates", "venue", "focus.2"."""
    values = {"title": event.title[lang], "city": event.city[lang], "dates": _dates(event, lang)}
    values.update({f"title.{other}": event.title[other] for other in LANGS})
    values["unix"] = str(int(event.start.timestamp()))
    speakers = [people[s] for s in event.people if s in people]
    values["people"] = _join(
        [f"{_with_rank(s, lang, s.name.split()[-1])} ({s.role[lang]})" for s in speakers], lang
    )
    for key, text in event.texts.items():
        values[key], values[f"{key}_cap"] = text[lang], _cap(text[lang])
    for key, items in event.lists.items():
        values[key] = _join([item[lang] for item in items], lang)
        values.update({f"{key}.{n}": item[lang] for n, item in enumerate(items, 1)})
    for key, day in event.days.items():
        values[key] = _day(day, lang)
    return values


def _list_values(numbered: NumberedList, lang: Lang) -> dict[str, str]:
    """A numbered list's placeholders: the list, its count, each item and its place."""
    lid, items = numbered.id, numbered.items[lang]
    values = {
        f"{lid}.list": "\n".join(f"{n}. {_cap(item['text'])}" for n, item in enumerate(items, 1)),
        f"{lid}.count": str(len(items)),
    }
    phrase = f"{_count(len(items), lang)} {numbered.noun[lang]}"
    values[f"{lid}.count_phrase"] = _cap(phrase) if lang == "fr" else phrase
    for n, item in enumerate(items, 1):
        for item_id in item["ids"]:
            values[f"{lid}.item.{item_id}"] = item["text"]
            values[f"{lid}.pos.{item_id}"] = str(n)
    return values


def static_values(facts: Facts, lang: Lang) -> dict[str, str]:
    """All placeholders that do not depend on the clock or the front end."""
    values: dict[str, str] = {}
    # The main event answers to "event" as well as to its own id.
    for name, event in (("event", facts.main), *facts.events.items()):
        own = _event_values(event, facts.people, lang)
        values.update({f"{name}.{key}": value for key, value in own.items()})

    for pid, person in facts.people.items():
        surname = person.name.split()[-1]
        values[f"people.{pid}.name"] = person.name
        values[f"people.{pid}.role"] = person.role[lang]
        values[f"people.{pid}.rank"] = person.rank[lang]
        values[f"people.{pid}.abbr"] = person.abbr or person.role[lang]
        values[f"people.{pid}.the"] = _with_rank(person, lang, person.name)
        values[f"people.{pid}.The"] = _cap(values[f"people.{pid}.the"])
        values[f"people.{pid}.short"] = _with_rank(person, lang, surname)

    for qid, quote in facts.quotes.items():
        for key, text in quote.items():
            if isinstance(text, Mapping):
                values[f"quotes.{qid}.{key}"] = text[lang]
                values[f"quotes.{qid}.{key}_cap"] = _cap(text[lang])

    for numbered in facts.lists.values():
        values.update(_list_values(numbered, lang))
    for link in facts.links.values():
        values[f"links.{link.id}.url"] = link.url
        values[f"links.{link.id}.title"] = link.title[lang]
    for key, value in facts.sources[lang].items():
        values[f"source.{key}"] = value
    return values


def dynamic_keys(facts: Facts) -> frozenset[str]:
    """Placeholders filled at answer time: each event's time, which a front end shows its way."""
    return frozenset(f"{name}.when" for name in ("event", *facts.events))


def placeholder_keys(facts: Facts) -> frozenset[str]:
    """Every placeholder name a template may use, in both languages."""
    keys = set(dynamic_keys(facts))
    for lang in LANGS:
        keys.update(static_values(facts, lang))
    return frozenset(keys)


def _last_day(now: datetime, end: datetime, zone: ZoneInfo) -> bool:
    """Whether ``now`` falls on the last day of a dated event ending at ``end`` (midnight)."""
    return now.astimezone(zone).date() == (end - timedelta(seconds=1)).astimezone(zone).date()


class Renderer:
    """Fills answer templates and writes status replies; static values are computed once."""

    def __init__(self, facts: Facts) -> None:
        self._facts = facts
        self._static = {lang: static_values(facts, lang) for lang in LANGS}
        # A template filled depends on no clock (only its choice does): an answer given is
        # filled once per language and style. The knowledge base's templates bound it, and
        # only answers given are kept (not every one, as all_texts fills).
        self._filled: dict[tuple[str, Lang, TimeStyle], str] = {}
        # In UTC: a question's moment (UTC too, as the front ends take it) then compares
        # field by field, not through each side's zone (a zone's offset costs a lookup).
        self._spans = {
            key: (e.start.astimezone(UTC), e.end.astimezone(UTC) if e.end else None)
            for key, e in facts.events.items()
        }

    def counted(self, list_id: str, version: Lang, lang: Lang) -> str:
        """How many items one language's version of a list has, said in ``lang`` ("four
        items", « cinq points »): the versions need not have as many."""
        numbered = self._facts.lists[list_id]
        return f"{_count(len(numbered.items[version]), lang)} {numbered.noun[lang]}"

    def span(self, event: str) -> tuple[datetime, datetime | None]:
        """When an event starts, and when it ends (None: the announcement does not say)."""
        return self._spans[event]

    def all_texts(self, cells: Iterable[Cell]) -> dict[str, dict[Lang, list[str]]]:
        """Every cell's answers in every tense, for the matcher's vocabulary."""
        return {
            c.id: {
                lang: [self._fill(t, lang, TimeStyle.PLAIN) for t in c.answer[lang].values()]
                for lang in LANGS
            }
            for c in cells
        }

    def render(self, cell: Cell, lang: Lang, now: datetime, style: TimeStyle) -> str:
        """The cell's answer in ``lang`` for the moment ``now``."""
        variants = cell.answer[lang]
        chosen = "any"
        if cell.tense is not None:
            start, end = self.span(cell.tense)
            chosen = phase(now, start, end).value
        if chosen == "now" and "now" not in variants:
            chosen = "future"
        if chosen == "started":
            chosen = "past"
        template = variants.get(chosen) or variants.get("any") or next(iter(variants.values()))
        key = (template, lang, style)
        filled = self._filled.get(key)
        if filled is None:
            filled = self._filled[key] = self._fill(template, lang, style)
        return filled

    def status(self, subject: Subject, lang: Lang, now: datetime, style: TimeStyle) -> str:
        """Whether the subject's event is ahead, under way or over, with its time and how far
        (a subject without a time of its own is taken at the main event's)."""
        event = self._facts.events[subject.time] if subject.time else self._facts.main
        start, end = event.start, event.end
        when = self._when(event.id, lang, style)
        now_phase = phase(now, start, end)
        dated = ZoneInfo(event.timezone) if event.dated else None
        edge = start
        if now_phase is Phase.PAST and end is not None:
            # A dated event's end is the midnight after its last day: count from that day.
            edge = end - timedelta(seconds=1) if dated else end
        ago = relative(edge, now, lang, style, day_in=dated)
        title = running(subject.title[lang])
        key = f"status.{now_phase.value}"
        if dated and now_phase is Phase.NOW and end is not None and _last_day(now, end, dated):
            key = "status.last_day"
        return message(key, lang, title=title, when=when, relative=ago)

    def _when(self, event_id: str, lang: Lang, style: TimeStyle) -> str:
        """An event's time: its days, or its start in local time and UTC (Discord: timestamps)."""
        event = self._facts.main if event_id == "event" else self._facts.events[event_id]
        if event.dated:
            return _dates(event, lang)
        return _time(event.start, event.timezone, event.city[lang], lang, style)

    def _fill(self, template: str, lang: Lang, style: TimeStyle) -> str:
        values = self._static[lang]

        def fill(m: re.Match[str]) -> str:
            key = m.group(1)
            if key.endswith(".when") and key not in values:
                return self._when(key[: -len(".when")], lang, style)
            return values[key]

        return PLACEHOLDER.sub(fill, template)
