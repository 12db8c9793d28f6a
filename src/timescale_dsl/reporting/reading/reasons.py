"""How a reason quotes a cell: in full when short, cut short when long.

Why a cell is not a date is said where dates are read, ``facts.parse_when``,
for a whole column as for one value.
"""

from __future__ import annotations

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
