"""Why a cell is not a date, in words an analyst can act on.

``parse_when``'s own message is right but terse for an export's oddities
("Invalid isoformat string: '06/10/26'"); the usual culprits get a plain
sentence saying what to write instead.
"""

from __future__ import annotations

import re
from typing import Final

_TWO_DIGIT_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2})(?:[ T].*)?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T].*)?$")
_PLACEHOLDERS: Final = frozenset(
    {"n/a", "na", "n.a.", "none", "null", "nil", "tbc", "tba", "unknown", "not known", "-", "--"}
)
_EXAMPLE: Final = (
    "write it as 31/12/2026, 31 Dec 2026 or 2026-12-31, with a time if any (31/12/2026 14:30)"
)


def plain_date_reason(text: str, engine_reason: str) -> str:
    """A plain reason for a cell that ``parse_when`` refused with ``engine_reason``."""
    value = text.strip()
    if value.casefold() in _PLACEHOLDERS:
        return f"'{value}' is not a date (leave the cell blank when there is none)"
    short = _TWO_DIGIT_YEAR.match(value)
    if short:
        day, month, year = short.groups()
        return (
            f"two-digit year '{value}': write the year in full "
            f"({day.zfill(2)}/{month.zfill(2)}/20{year} or 19{year})"
        )
    full = _DAY_MONTH_YEAR.match(value)
    if full and int(full[2]) > 12 and int(full[1]) <= 12:
        return (
            f"'{value}' looks month-first (US style); dates are read day first: "
            f"write {full[2]}/{full[1]}/{full[3]}"
        )
    if "Invalid isoformat" in engine_reason or "does not match" in engine_reason:
        return f"'{value}' is not a date: {_EXAMPLE}"
    return engine_reason


#: A cell's text longer than this is cut short where a reason quotes it.
SHOWN_CHARACTERS = 60


def briefly(reason: str, text: str) -> str:
    """``reason``, with ``text`` (or its trimmed form) cut short where it is quoted and long:
    a reason is read on a console and in a rejects file, the cell itself is beside it."""
    for quoted in dict.fromkeys((text, text.strip())):
        if len(quoted) > SHOWN_CHARACTERS:
            cut = f"{quoted[:SHOWN_CHARACTERS]}… ({len(quoted):,} characters)"
            reason = reason.replace(quoted, cut)
    return reason
