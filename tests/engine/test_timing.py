"""Where the clock stands against an event, and distances in words."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from briefbot.engine.timing import OPEN_ENDED, Phase, distance, phase, relative
from briefbot.engine.types import TimeStyle

START = datetime.fromisoformat("2025-01-16T17:30:00+01:00")
END = START + timedelta(days=1)


@pytest.mark.parametrize(
    ("offset", "end", "expected"),
    [
        (timedelta(minutes=-1), END, Phase.FUTURE),
        (timedelta(0), END, Phase.NOW),
        (timedelta(days=1), END, Phase.PAST),
        (timedelta(minutes=30), None, Phase.STARTED),
        (OPEN_ENDED, None, Phase.PAST),
    ],
)
def test_phase(offset: timedelta, end: datetime | None, expected: Phase) -> None:
    """Before, during, just after an open-ended start, and after."""
    assert phase(START + offset, START, end) is expected


@pytest.mark.parametrize(
    ("delta", "en", "fr"),
    [
        (timedelta(seconds=20), "1 minute", "1 minute"),
        (timedelta(minutes=30), "30 minutes", "30 minutes"),
        (timedelta(hours=2, minutes=15), "2 hours and 15 minutes", "2 heures et 15 minutes"),
        (timedelta(hours=5, minutes=30), "5 hours and 30 minutes", "5 heures et 30 minutes"),
        (timedelta(hours=7), "7 hours", "7 heures"),
        (timedelta(days=3, hours=2), "3 days", "3 jours"),
        (timedelta(days=75), "2 months", "2 mois"),
        (timedelta(days=300), "10 months", "10 mois"),
        (timedelta(days=364, hours=12), "1 year", "1 an"),  # rounded to the nearest month
        (timedelta(days=365 + 300), "1 year and 10 months", "1 an et 10 mois"),
        (timedelta(days=2 * 365 + 2), "2 years", "2 ans"),
    ],
)
def test_distance_in_the_largest_sensible_units(delta: timedelta, en: str, fr: str) -> None:
    """Minutes, hours and minutes, days, months (the nearest), then years and months."""
    assert distance(START, START + delta, "en") == en
    assert distance(START + delta, START, "fr") == fr


def test_relative_says_which_way() -> None:
    """Ahead is "in …" / « dans … »; behind is "… ago" / « il y a … »."""
    later = START + timedelta(days=3)
    assert relative(later, START, "en", TimeStyle.PLAIN) == "in 3 days"
    assert relative(START, later, "en", TimeStyle.PLAIN) == "3 days ago"
    assert relative(later, START, "fr", TimeStyle.PLAIN) == "dans 3 jours"
    assert relative(START, later, "fr", TimeStyle.PLAIN) == "il y a 3 jours"


DAY = datetime.fromisoformat("2025-01-15T00:00:00+01:00")  # a date given without a time
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize(
    ("now", "en", "fr"),
    [
        ("2025-01-14T23:30:00+01:00", "tomorrow", "demain"),
        ("2025-01-14T00:30:00+01:00", "tomorrow", "demain"),
        ("2025-01-15T08:15:00+01:00", "today", "aujourd’hui"),
        ("2025-01-16T09:00:00+01:00", "yesterday", "hier"),
        ("2025-01-08T12:00:00+01:00", "in 7 days", "dans 7 jours"),
        ("2025-01-14T23:30:00-05:00", "today", "aujourd’hui"),  # already the 15th in Brussels
        ("2025-02-25T12:00:00+01:00", "41 days ago", "il y a 41 jours"),
        ("2025-06-15T12:00:00+01:00", "5 months ago", "il y a 5 mois"),
    ],
)
def test_a_calendar_day_is_counted_in_days_of_its_zone(now: str, en: str, fr: str) -> None:
    """A date without a time is "tomorrow" or "in 7 days", counted in the event's zone,
    never "in 14 hours" from a midnight nobody named; far off, months as usual."""
    at = datetime.fromisoformat(now)
    assert relative(DAY, at, "en", TimeStyle.PLAIN, day_in=BRUSSELS) == en
    assert relative(DAY, at, "fr", TimeStyle.PLAIN, day_in=BRUSSELS) == fr


def test_discord_gets_a_live_relative_timestamp() -> None:
    """On Discord the distance is a timestamp each client counts down itself."""
    assert relative(START, START, "en", TimeStyle.DISCORD) == "<t:1737045000:R>"
