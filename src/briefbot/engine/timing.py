"""Where the clock stands against an event, and how far it is, in words.

Pure: the caller passes ``now``. Events without an end (the announcement gives
only a start time) count as "started" for a while after it, then as past.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from briefbot.engine.types import Lang, TimeStyle

# An event given only a start time is "under way, length unknown" this long
# after it starts: long enough for a press conference, short enough that a
# question the next morning hears it is over.
OPEN_ENDED = timedelta(hours=2)
# Days in an average month, to round a distance to the nearest month.
MONTH_DAYS = 365.25 / 12
_UNITS: dict[Lang, dict[str, tuple[str, str]]] = {
    "en": {"minute": ("minute", "minutes"), "hour": ("hour", "hours"), "day": ("day", "days"),
           "month": ("month", "months"), "year": ("year", "years")},
    "fr": {"minute": ("minute", "minutes"), "hour": ("heure", "heures"), "day": ("jour", "jours"),
           "month": ("mois", "mois"), "year": ("an", "ans")},
}  # fmt: skip
_AND = {"en": "and", "fr": "et"}
# A date given without a time is a calendar day: near it, "tomorrow" says more
# than "in 14 hours" (which counts from a midnight the announcement never named).
_NEAR_DAYS: dict[Lang, dict[int, str]] = {
    "en": {-1: "yesterday", 0: "today", 1: "tomorrow"},
    "fr": {-1: "hier", 0: "aujourd’hui", 1: "demain"},
}


class Phase(StrEnum):
    """Where ``now`` stands against an event."""

    FUTURE = "future"
    NOW = "now"  # between a known start and end
    STARTED = "started"  # shortly after the start of an event with no stated end
    PAST = "past"


def phase(now: datetime, start: datetime, end: datetime | None) -> Phase:
    """The event's phase at ``now``."""
    if now < start:
        return Phase.FUTURE
    if end is not None:
        return Phase.NOW if now < end else Phase.PAST
    return Phase.STARTED if now - start < OPEN_ENDED else Phase.PAST


def in_frame(frame: str, now: datetime, start: datetime, end: datetime, zone: tzinfo) -> bool:
    """Whether an event from ``start`` to ``end`` is the one a time frame speaks of at
    ``now``: "the next meeting" until it is over, "last year's" in the year after it, "the
    September meeting" if it falls in September (``month_9``), "the 2024 meeting" if it
    falls in 2024 (``year_2024``)."""
    if frame == "upcoming":
        return now < end
    if frame.startswith("month_"):
        return start.astimezone(zone).month <= int(frame[6:]) <= end.astimezone(zone).month
    if frame.startswith("year_"):
        return start.astimezone(zone).year <= int(frame[5:]) <= end.astimezone(zone).year
    return now.astimezone(zone).year == start.astimezone(zone).year + 1


def _unit(n: int, unit: str, lang: Lang) -> str:
    one, many = _UNITS[lang][unit]
    return f"{n} {one if n == 1 else many}"


def distance(a: datetime, b: datetime, lang: Lang) -> str:
    """How far apart two moments are, in the largest sensible units ("1 year and 10 months",
    "5 hours and 30 minutes"); months are rounded to the nearest (11 months and 30 days
    is "1 year")."""
    minutes = round(abs((b - a).total_seconds()) / 60)
    hours, rest = divmod(minutes, 60)
    months = round(minutes / 1440 / MONTH_DAYS)
    years, month_rest = divmod(months, 12)
    if minutes < 60:
        parts = [(max(1, minutes), "minute")]
    elif hours < 24:
        parts = [(hours, "hour"), (rest, "minute")]
    elif months < 2:
        parts = [(max(1, round(minutes / 1440)), "day")]
    else:
        parts = [(years, "year"), (month_rest, "month")]
    words = [_unit(n, unit, lang) for n, unit in parts if n]
    return f" {_AND[lang]} ".join(words)


def relative(
    moment: datetime, now: datetime, lang: Lang, style: TimeStyle, *, day_in: tzinfo | None = None
) -> str:
    """ "in 3 days" / "10 months ago" ("dans 3 jours" / "il y a 10 mois"), or a Discord
    relative timestamp, which each reader sees counting in their own client.

    With ``day_in`` the moment is a calendar day in that zone: within two months it is
    counted in whole days ("tomorrow", "in 7 days"), not from its midnight."""
    if style is TimeStyle.DISCORD:
        return f"<t:{int(moment.timestamp())}:R>"
    span = None
    if day_in is not None:
        days = (moment.astimezone(day_in).date() - now.astimezone(day_in).date()).days
        if days in _NEAR_DAYS[lang]:
            return _NEAR_DAYS[lang][days]
        if abs(days) < 2 * MONTH_DAYS:
            span = _unit(abs(days), "day", lang)  # two days or more apart: moment > now agrees
    span = span or distance(moment, now, lang)
    if moment > now:
        return f"dans {span}" if lang == "fr" else f"in {span}"
    return f"il y a {span}" if lang == "fr" else f"{span} ago"
