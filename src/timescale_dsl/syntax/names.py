"""How multi-word names are compared: case-insensitively, whitespace folded."""

from __future__ import annotations

import functools
import re

_SPACE = re.compile(r"\s+")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


_CURLY_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
# Words in front of an event that are not part of its name: "of the meeting",
# "of a referral", "of any significant change", "of your 18th birthday",
# "of the date of the conference".
_LEADING = re.compile(r"^(?:(?:the|a|an|any|your|their|his|her)\s+|date\s+of\s+)+")


def fold(name: str) -> str:
    """The comparison key of an event, fact or task name (curly apostrophes straightened)."""
    return _SPACE.sub(" ", name.strip()).casefold().translate(_CURLY_APOSTROPHES)


@functools.lru_cache(maxsize=4096)  # asked on every deadline, of a few names
def event_key(name: str) -> str:
    """The key of an event or fact: folded, without the leading words of the phrase.

    ``of the meeting``, ``of meeting``, ``of "the meeting"`` and ``of the date
    of the meeting`` name one event, and a caller's fact ``"The meeting"``
    supplies it. ``date of birth`` keeps its name.
    """
    key = fold(name)
    stripped = _LEADING.sub("", key)
    if stripped in ("", "birth"):
        return key.removeprefix("the ") if stripped == "birth" else key
    return stripped


def slug(text: str) -> str:
    """A lower-case identifier fragment: letters, digits and hyphens."""
    return _SLUG_JUNK.sub("-", text.casefold()).strip("-")


def column_key(name: str) -> str:
    """How a table column is matched to a fact: spaces, underscores, hyphens folded."""
    return re.sub(r"[\s_\-]+", " ", name.strip()).casefold()


def ordinal(n: int) -> str:
    """18 -> "18th", 21 -> "21st": as birthdays are written."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
