"""Rendering answers from the structured facts, in either language.

Every ``{placeholder}`` a template may use is computed here from the facts, so
a date or a name is written once in ``facts.yaml`` and appears the same in
every answer. Times depend on the clock (tense) and on the front end (plain
text, or Discord timestamps that each reader sees in their own time zone).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime

from briefbot.engine.kb import Facts, Person, Topic
from briefbot.engine.types import LANGS, Lang, TimeStyle

_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.]+)\}")

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
DYNAMIC_KEYS = frozenset({"press.when"})


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


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
    """'l’amiral Rob Bauer', 'le général …', 'Admiral Rob Bauer', or the bare name."""
    rank = person.rank[lang]
    if not rank:
        return name
    if lang == "en":
        return f"{rank} {name}"
    article = "l’" if rank[0] in "aeiouyéèêh" else "le "
    return f"{article}{rank} {name}"


def _time(at: datetime, lang: Lang, style: TimeStyle) -> str:
    """The press conference time: local (Brussels) and UTC, or Discord timestamps."""
    utc = at.astimezone(UTC)
    if lang == "fr":
        local = f"{at.hour}h{at.minute:02d}"
        in_utc = f"{utc.hour}h{utc.minute:02d} UTC"
        plain = f"{_day(at.date(), lang)} à {local}, heure de Bruxelles ({in_utc})"
    else:
        local = f"{at.hour:02d}:{at.minute:02d}"
        in_utc = f"{utc.hour:02d}:{utc.minute:02d} UTC"
        plain = f"{_day(at.date(), lang)} at {local} Brussels time ({in_utc})"
    if style is TimeStyle.PLAIN:
        return plain
    stamp = int(at.timestamp())
    where = f"{local} à Bruxelles" if lang == "fr" else f"{local} in Brussels"
    return f"<t:{stamp}:F> (<t:{stamp}:R>, {where})"


def static_values(facts: Facts, lang: Lang) -> dict[str, str]:
    """All placeholders that do not depend on the clock or the front end."""
    ev = facts.event
    values: dict[str, str] = {
        f"event.{key}": ev[key][lang]
        for key in ("title", "city", "venue", "body", "session", "partners", "goal")
    }
    focus = [f[lang] for f in ev["focus"]]
    values["event.focus"] = _join(focus, lang)
    values.update({f"event.focus.{n}": text for n, text in enumerate(focus, 1)})
    values["event.dates"] = _days(facts.meeting_start.date(), ev["end"], lang)
    values["event.published"] = _day(ev["published"], lang)

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
        for key in ("text", "occasion", "gist", "extra"):
            if key in quote:
                values[f"quotes.{qid}.{key}"] = quote[key][lang]
        values[f"quotes.{qid}.occasion_cap"] = _cap(quote["occasion"][lang])

    items = facts.agenda[lang]
    values["agenda.list"] = "\n".join(
        f"{n}. {_cap(item['text'])}" for n, item in enumerate(items, 1)
    )
    values["agenda.count"] = str(len(items))
    noun = "points" if lang == "fr" else "items"
    values["agenda.count_phrase"] = (
        _cap(f"{_count(len(items), lang)} {noun}")
        if lang == "fr"
        else f"{_count(len(items), lang)} {noun}"
    )
    for n, item in enumerate(items, 1):
        for item_id in item["ids"]:
            values[f"agenda.item.{item_id}"] = item["text"]
            values[f"agenda.pos.{item_id}"] = str(n)

    press = facts.press
    values["press.kind"] = press["kind"][lang]
    values["press.kind_cap"] = _cap(press["kind"][lang])
    values["press.broadcast"] = press["broadcast"][lang]
    speakers = [facts.people[s] for s in press.get("speakers", []) if s in facts.people]
    values["press.speakers"] = _join(
        [f"{_with_rank(s, lang, s.name.split()[-1])} ({s.role[lang]})" for s in speakers], lang
    )

    for key, value in facts.sources[lang].items():
        values[f"source.{key}"] = value
    return values


def placeholder_keys(facts: Facts) -> frozenset[str]:
    """Every placeholder name a template may use, in both languages."""
    keys = set(DYNAMIC_KEYS)
    for lang in LANGS:
        keys.update(static_values(facts, lang))
    return frozenset(keys)


def tense(facts: Facts, topic: Topic, now: datetime) -> str:
    """Which answer variant fits the time: 'future', 'now', 'past' (or 'any')."""
    if topic.tense == "meeting":
        if now < facts.meeting_start:
            return "future"
        return "now" if now < facts.meeting_end else "past"
    if topic.tense == "press":
        return "future" if now < facts.press_at else "past"
    return "any"


class Renderer:
    """Fills answer templates; static values are computed once per language."""

    def __init__(self, facts: Facts) -> None:
        self._facts = facts
        self._static = {lang: static_values(facts, lang) for lang in LANGS}

    def all_texts(self, topics: Iterable[Topic]) -> dict[str, dict[Lang, list[str]]]:
        """Every topic's answers in every tense, for the matcher's vocabulary."""
        return {
            t.id: {
                lang: [
                    self._fill(template, lang, TimeStyle.PLAIN)
                    for template in t.answer[lang].values()
                ]
                for lang in LANGS
            }
            for t in topics
        }

    def render(self, topic: Topic, lang: Lang, now: datetime, style: TimeStyle) -> str:
        """The topic's answer in ``lang`` for the moment ``now``."""
        variants = topic.answer[lang]
        chosen = tense(self._facts, topic, now)
        if chosen == "now" and "now" not in variants:
            chosen = "future"
        template = variants.get(chosen) or variants.get("any") or next(iter(variants.values()))
        return self._fill(template, lang, style)

    def _fill(self, template: str, lang: Lang, style: TimeStyle) -> str:
        values = self._static[lang]

        def fill(m: re.Match[str]) -> str:
            key = m.group(1)
            if key == "press.when":
                return _time(self._facts.press_at, lang, style)
            return values[key]

        return _PLACEHOLDER.sub(fill, template)
