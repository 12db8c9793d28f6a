"""How a message quotes what it was given: in full when short, cut short when long.

A message is read on a console, in a rejects file or in an editor's problem
list; the text itself is beside it (the cell in its row, the line of the rule
file), so a long one need not be repeated whole.
"""

from __future__ import annotations

#: A quoted text longer than this is cut short.
SHOWN_CHARACTERS = 60


def shortened(text: str) -> str:
    """``text`` as a message quotes it: whole, or its first characters and its length."""
    if len(text) <= SHOWN_CHARACTERS:
        return text
    return f"{text[:SHOWN_CHARACTERS]}… ({len(text):,} characters)"


def briefly(reason: str, text: str) -> str:
    """``reason``, with ``text`` (or its trimmed form) cut short where it is quoted and long."""
    for quoted in dict.fromkeys((text, text.strip())):
        if len(quoted) > SHOWN_CHARACTERS:
            reason = reason.replace(quoted, shortened(quoted))
    return reason
