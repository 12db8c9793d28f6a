"""Dates with the month in words, as exports and people write them.

``6 Oct 2026``, ``06-Oct-2026``, ``Tuesday 6th October 2026``,
``6 October 2026 14:30``, ``October 6, 2026 2:30pm``. The month's name
makes the order plain, so either order is read; the year is written in full
(a two-digit year is refused, as in numeric dates). Names are English
whatever the machine's locale. A weekday that is written is checked against
the date: a record dated "Monday 6 October 2026" (a Tuesday) is refused
rather than read as one day or the other.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from .errors import FactValueError

_MONTHS: Final = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_NUMBER: Final = {name: number for number, name in enumerate(_MONTHS, start=1)}
_MONTH_NUMBER.update((name[:3], number) for name, number in list(_MONTH_NUMBER.items()))
_MONTH_NUMBER["sept"] = 9
_WEEKDAYS: Final = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_NUMBER: Final = {name: number for number, name in enumerate(_WEEKDAYS)}
_WEEKDAY_NUMBER.update((name[:3], number) for name, number in list(_WEEKDAY_NUMBER.items()))
_WEEKDAY_NUMBER.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_WEEKDAY = r"(?:(?P<weekday>[a-z]+)\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]+)\.?"
_YEAR = r"(?P<year>\d{4}|\d{2})"
_CLOCK = (
    r"(?:(?:\s*,\s*|\s+at\s+|\s+|T)(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
    r"(?::(?P<second>\d{2}))?\s*(?P<half>[ap]\.?m\.?)?)?"
)
_DAY_FIRST = re.compile(
    rf"^{_WEEKDAY}{_DAY}(?:\s+of)?[\s\-/]+{_MONTH}[\s\-/,]+{_YEAR}{_CLOCK}$", re.IGNORECASE
)
_MONTH_FIRST = re.compile(
    rf"^{_WEEKDAY}{_MONTH}[\s\-/]+{_DAY},?[\s\-/]+{_YEAR}{_CLOCK}$", re.IGNORECASE
)


def read_written_date(text: str) -> dt.date | dt.datetime | None:
    """The date (with its time, if written) of ``text`` in one of the written forms;
    None when ``text`` is not in such a form; FactValueError when it is, but
    names no real date (31 February, a weekday the date does not fall on)."""
    value = text.strip()
    match = _DAY_FIRST.match(value) or _MONTH_FIRST.match(value)
    if match is None:
        return None
    month = _MONTH_NUMBER.get(match["month"].lower())
    weekday = match["weekday"]
    if month is None or (weekday is not None and weekday.lower() not in _WEEKDAY_NUMBER):
        return None
    if len(match["year"]) == 2:
        raise FactValueError(
            f"two-digit year '{value}': write the year in full "
            f"({int(match['day'])} {_MONTHS[month - 1].title()} 20{match['year']} "
            f"or 19{match['year']})"
        )
    try:
        day = dt.date(int(match["year"]), month, int(match["day"]))
    except ValueError as error:
        raise FactValueError(f"'{value}' is not a valid date: {error}") from None
    if weekday is not None and _WEEKDAY_NUMBER[weekday.lower()] != day.weekday():
        raise FactValueError(
            f"'{value}': {day.day} {_MONTHS[month - 1].title()} {day.year} is a "
            f"{_WEEKDAYS[day.weekday()].title()}, not a {weekday.title()}"
        )
    if match["hour"] is None:
        return day
    return dt.datetime.combine(day, clock_time(match, value))


def clock_time(match: re.Match[str], value: str) -> dt.time:
    """The time of day matched in ``hour``, ``minute``, ``second`` and ``half`` (am/pm,
    which makes it a 12-hour clock); FactValueError for no real time."""
    hour, minute = int(match["hour"]), int(match["minute"])
    half = match["half"]
    if half is not None:
        if not 1 <= hour <= 12:
            raise FactValueError(f"'{value}': a 12-hour clock runs from 1 to 12, not {hour}")
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    fraction = match.groupdict().get("fraction") or ""
    micros = int(fraction[:6].ljust(6, "0")) if fraction else 0  # past microseconds: cut
    try:
        return dt.time(hour, minute, int(match["second"] or 0), micros)
    except ValueError as error:
        raise FactValueError(f"'{value}' is not a valid time: {error}") from None
