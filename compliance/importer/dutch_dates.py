"""Dutch dates and times as postings write them, to dates and aware instants in Europe/Amsterdam.

Postings write "maandag 23 februari 2026", "23 feb. 2026", "13-01-2026", "2026-01-13" and times as
"09:00 uur", "12.00", "10 uur". No well-kept library reads Dutch phrases without a heavy model or
locale dependency (dateparser pulls in regex tables for 200 languages and takes ~0.5 s to load),
so these are a few small rules; the time zone arithmetic (summer time) is the standard library's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "maandag": 0, "ma": 0, "dinsdag": 1, "di": 1, "woensdag": 2, "wo": 2, "donderdag": 3, "do": 3,
    "vrijdag": 4, "vr": 4, "zaterdag": 5, "za": 5, "zondag": 6, "zo": 6,
}  # fmt: skip
WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

_WEEKDAY = r"(?:(?P<weekday>maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?,?\s+)?"
_WRITTEN = re.compile(
    _WEEKDAY
    + r"(?P<day>\d{1,2})\s+(?P<month>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    _WEEKDAY + r"(?<!\d)(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})(?!\d)", re.IGNORECASE
)
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
# "09:00", "9.00 uur", "12.00u", "10 uur": a time needs a separator or the word "uur".
_TIME = re.compile(
    r"(?<![\d,.])(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d)(?:\s*(?:uur|u)\b)?|\s*uur\b)(?![\d,])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date in a text, where it stood and the weekday the text named with it (if any)."""

    day: date
    start: int
    end: int
    weekday: str | None

    @property
    def weekday_mismatch(self) -> bool:
        """The text names a weekday that is not the date's ("dinsdag 23 februari 2026" is a Monday)."""
        return self.weekday is not None and WEEKDAYS[self.weekday.casefold()] != self.day.weekday()


def _make(match: re.Match[str], month: int) -> FoundDate | None:
    try:
        day = date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None  # "31 februari": not a date, so not read as one
    weekday = match.groupdict().get("weekday")
    return FoundDate(day, match.start(), match.end(), weekday)


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text``, in order of appearance."""
    found: list[FoundDate] = []
    for match in _WRITTEN.finditer(text):
        item = _make(match, MONTHS[match.group("month").casefold()])
        if item:
            found.append(item)
    for pattern in (_NUMERIC, _ISO):
        for match in pattern.finditer(text):
            if any(item.start <= match.start() < item.end for item in found):
                continue
            item = _make(match, int(match.group("month")))
            if item:
                found.append(item)
    return sorted(found, key=lambda item: item.start)


def find_time(text: str) -> time | None:
    """The first time of day in ``text`` ("09:00 uur", "12.00", "10 uur"), or None."""
    for match in _TIME.finditer(text):
        if any(item.start <= match.start() < item.end for item in find_dates(text)):
            continue  # the "13.01" of "13.01.2026" is a date, not a time
        return time(int(match.group("hour")), int(match.group("minute") or 0))
    return None


def amsterdam_instant(day: date, at: time) -> datetime:
    """The instant of a wall-clock time in the Netherlands (CET in winter, CEST in summer)."""
    return datetime.combine(day, at, tzinfo=AMSTERDAM)


def week_number(text: str) -> int | None:
    """'week 12' / 'in week 12' → 12 (interviews are sometimes planned by week only)."""
    match = re.search(r"\bweek\s*(\d{1,2})\b", text, re.IGNORECASE)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 53 else None
