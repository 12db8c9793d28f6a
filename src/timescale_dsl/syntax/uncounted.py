"""Words of timescales the language does not count: times of day and school terms.

A deadline is the end of a day, or a number of hours after a date-time; no
statement says "by 5pm". School terms differ by council and year, and no
calendar holds them. Where such words stop a line from being read, the
syntax error says so; where they end up in a task's name, a warning does, as
the deadline is then the end of the day whatever the words said.
"""

from __future__ import annotations

import re
from typing import Final

_TIME_OF_DAY: Final = re.compile(
    r"\b(?:\d{1,2}(?:[:.]\d{2})?[ \t]?(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}|midday|noon)(?!\w)",
    re.IGNORECASE,
)
_SCHOOL_TERMS: Final = re.compile(
    r"\b(?:(?:half[- ]?)?termly"
    r"|(?:each|every|per|a|once a|once per) (?:school )?(?:half[- ])?term)\b",
    re.IGNORECASE,
)
#: What to write instead of a time of day.
TIME_OF_DAY_ADVICE: Final = (
    "a date's deadline is the end of its day ('by the end of the next working day after X'), "
    "a date-time's a number of hours after it ('within 24 hours of X')"
)


def time_of_day(text: str) -> str | None:
    """The first time of day the text holds (5pm, 17:00, 9.30 a.m., midday), if any."""
    found = _TIME_OF_DAY.search(text)
    return found[0] if found else None


def school_terms(text: str) -> str | None:
    """The first mention of school terms the text holds (termly, once a term), if any."""
    found = _SCHOOL_TERMS.search(text)
    return found[0] if found else None
