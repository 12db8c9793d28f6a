"""Fact values: what a caller may supply, and how text becomes a value.

Dates are ISO 8601 (``2026-12-24``, ``2026-12-24T14:30``, ``20261224``), the
UK day-first form common in case-management exports (``24/12/2026``,
``24/12/2026 14:30``, ``24/12/2026 14:30:00.000``), the year first with
slashes (``2026/12/24``), or written with the month in words (``24 Dec
2026``, ``24-Dec-2026 14:30``; see ``written_dates``). A numeric date is
never read month-first.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any, Final

from .errors import FactValueError
from .syntax.names import event_key
from .timezones import to_london
from .written_dates import clock_time, read_written_date

FactValue = dt.date | dt.datetime | bool | str

#: A time of day after a numeric date, on the 24-hour or the 12-hour clock, seconds and
#: their fractions (as databases export them: 14:30:00.000) if any.
_CLOCK = (
    r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?"
    r"(?:\s*(?P<half>[ap]\.?m\.?))?)?$"
)
#: Day first, as UK exports write it: 31/12/2026 (also 31-12-2026 and 31.12.2026, one
#: mark throughout), with a time if any.
_UK_DATE = re.compile(
    r"^(?P<d>\d{1,2})(?P<mark>[/.\-])(?P<m>\d{1,2})(?P=mark)(?P<y>\d{4})" + _CLOCK, re.IGNORECASE
)
#: The year first with slashes or dots (2026/12/31, 2026.12.31): ISO's order, never
#: year-day-month.
_YEAR_FIRST = re.compile(
    r"^(?P<y>\d{4})(?P<mark>[/.])(?P<m>\d{1,2})(?P=mark)(?P<d>\d{1,2})" + _CLOCK, re.IGNORECASE
)
#: ISO 8601's basic form of a date alone: 20261231.
_BASIC_DATE = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
#: The numeric shapes read from their parts here, not by Python's ISO reader.
_NUMERIC_DATES = (_UK_DATE, _YEAR_FIRST, _BASIC_DATE)
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


def parse_when(text: str) -> dt.date | dt.datetime:
    """A date or date-time from ISO 8601, UK day-first or month-in-words text;
    FactValueError otherwise."""
    value = text.strip()
    match = next((m for p in _NUMERIC_DATES if (m := p.match(value))), None)
    if match:
        return _from_parts(match, value, text)
    if value.isdigit():  # Python's ISO reader would take a run of digits apart anyhow
        raise FactValueError(not_a_date(text))
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        moment = dt.datetime.fromisoformat(value)
    except ValueError as error:
        written = read_written_date(value)  # the month in words; its errors say what is wrong
        if written is not None:
            return written
        if "Invalid isoformat" in str(error):  # Python's words for "no shape it knows"
            raise FactValueError(not_a_date(text)) from None
        raise FactValueError(f"'{text}' is not a valid date: {error}") from None
    # Case systems record local time; an offset given is converted to London's wall clock.
    return to_london(moment)


def _from_parts(match: re.Match[str], value: str, text: str) -> dt.date | dt.datetime:
    year, month, day_of_month = int(match["y"]), int(match["m"]), int(match["d"])
    try:
        day = dt.date(year, month, day_of_month)
    except ValueError as error:
        if match.re is _UK_DATE and month > 12 and day_of_month <= 12:
            mark = match["mark"]
            raise FactValueError(
                f"'{value}' looks month-first (US style); dates are read day first: "
                f"write {match['m']}{mark}{match['d']}{mark}{match['y']}"
            ) from None
        raise FactValueError(f"'{text}' is not a valid date: {error}") from None
    if match.groupdict().get("hour") is None:
        return day
    return dt.datetime.combine(day, clock_time(match, value))


#: A spreadsheet's day number (days since 30 Dec 1899, a fraction for the time of day)
#: from 1954 to 2119, as a date column exported without its date format holds them.
_SPREADSHEET_DAY = re.compile(r"^([2-7]\d{4})(?:\.\d+)?$")
_SPREADSHEET_EPOCH = dt.date(1899, 12, 30)
_TWO_DIGIT_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2})(?:[ T].*)?$")
_PLACEHOLDERS = frozenset(
    {"n/a", "na", "n.a.", "none", "null", "nil", "tbc", "tba", "unknown", "not known", "-", "--"}
)
_EXAMPLE = (
    "write it as 31/12/2026, 31 Dec 2026 or 2026-12-31, with a time if any (31/12/2026 14:30)"
)


def not_a_date(text: str) -> str:
    """Why ``text``, in no shape of date :func:`parse_when` reads, is not one: in words a
    person can act on, for the usual culprits of an export."""
    value = text.strip()
    if value.casefold() in _PLACEHOLDERS:
        return f"'{value}' is not a date (leave it blank when there is none)"
    serial = _SPREADSHEET_DAY.match(value)
    if serial:
        meant = _SPREADSHEET_EPOCH + dt.timedelta(days=int(serial[1]))
        return (
            f"'{value}' is not a date: it looks like a spreadsheet's day number "
            f"({meant.day} {meant:%b %Y}); format the column as dates where it is exported"
        )
    short = _TWO_DIGIT_YEAR.match(value)
    if short:
        day, month, year = short.groups()
        return (
            f"two-digit year '{value}': write the year in full "
            f"({day.zfill(2)}/{month.zfill(2)}/20{year} or 19{year})"
        )
    return f"'{value}' is not a date: {_EXAMPLE}"


def parse_boolean(text: str) -> bool:
    key = text.strip().lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise FactValueError(f"'{text}' is not true or false (use true/false or yes/no)")


def parse_fact_text(text: str) -> FactValue:
    """Guess the kind of a value typed on the command line: date, boolean or text."""
    stripped = text.strip()
    numeric = any(p.match(stripped) for p in _NUMERIC_DATES)
    if re.match(r"^\d{4}-\d{2}-\d{2}", stripped) or numeric:
        return parse_when(stripped)
    written = read_written_date(stripped)
    if written is not None:
        return written
    if stripped.lower() in ("true", "false", "yes", "no"):
        return parse_boolean(stripped)
    return text


def fold_facts(facts: Mapping[str, object]) -> dict[str, object]:
    """Fact names folded so that lookups ignore case, spacing and a leading "the"; values
    as Python's own (:func:`plain_value`)."""
    return {event_key(str(name)): plain_value(value) for name, value in facts.items()}


#: Values that are Python's own and never stand for a missing cell.
_PYTHON_VALUES: Final = frozenset({str, bool, int, dt.date, dt.datetime})


def plain_value(value: object) -> object:
    """A value from a DataFrame or array as the Python value it stands for: numpy's
    scalars (a datetime64 as a date or date-time, a bool_ as a bool) as Python's, and
    the markers of a missing cell (pandas' NaT, a float NaN) as None, so a missing
    cell is a missing fact, not a value of the wrong type. numpy is not imported."""
    kind = type(value)
    if kind in _PYTHON_VALUES:  # the usual case, on every deadline asked for: at once
        return value
    if kind.__module__ == "numpy" and hasattr(value, "item"):
        scalar: Any = value
        if kind.__name__ == "datetime64" and "[D]" not in str(scalar.dtype):
            scalar = scalar.astype("datetime64[us]")  # a finer unit's .item() is an int
        value = scalar.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.date) and value != value:  # pandas' NaT, unequal to itself
        return None
    return value
