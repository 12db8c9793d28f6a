"""Fact values: what a caller may supply, and how text becomes a value.

Dates are ISO 8601 (``2026-12-24``, ``2026-12-24T14:30``), the UK day-first
form common in case-management exports (``24/12/2026``, ``24/12/2026 14:30``),
or written with the month in words (``24 Dec 2026``, ``24-Dec-2026 14:30``;
see ``written_dates``). A numeric date is never read month-first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from .errors import FactValueError
from .syntax.names import event_key
from .timezones import to_london
from .written_dates import clock_time, read_written_date

FactValue = dt.date | dt.datetime | bool | str

#: Day first, as UK exports write it: 31/12/2026 (also 31-12-2026 and 31.12.2026, one
#: mark throughout), with a time if any, on the 24-hour or the 12-hour clock.
_UK_DATE = re.compile(
    r"^(?P<d>\d{1,2})(?P<mark>[/.\-])(?P<m>\d{1,2})(?P=mark)(?P<y>\d{4})"
    r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?P<half>[ap]\.?m\.?))?)?$",
    re.IGNORECASE,
)
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


def parse_when(text: str) -> dt.date | dt.datetime:
    """A date or date-time from ISO 8601, UK day-first or month-in-words text;
    FactValueError otherwise."""
    value = text.strip()
    match = _UK_DATE.match(value)
    if match:
        return _day_first(match, value, text)
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        moment = dt.datetime.fromisoformat(value)
    except ValueError as error:
        written = read_written_date(value)  # the month in words; its errors say what is wrong
        if written is not None:
            return written
        raise FactValueError(f"'{text}' is not a valid date: {error}") from None
    # Case systems record local time; an offset given is converted to London's wall clock.
    return to_london(moment)


def _day_first(match: re.Match[str], value: str, text: str) -> dt.date | dt.datetime:
    try:
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError as error:
        raise FactValueError(f"'{text}' is not a valid date: {error}") from None
    if match["hour"] is None:
        return day
    return dt.datetime.combine(day, clock_time(match, value))


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
    if re.match(r"^\d{4}-\d{2}-\d{2}", stripped) or _UK_DATE.match(stripped):
        return parse_when(stripped)
    written = read_written_date(stripped)
    if written is not None:
        return written
    if stripped.lower() in ("true", "false", "yes", "no"):
        return parse_boolean(stripped)
    return text


def fold_facts(facts: Mapping[str, object]) -> dict[str, object]:
    """Fact names folded so that lookups ignore case, spacing and a leading "the"."""
    return {event_key(str(name)): value for name, value in facts.items()}
