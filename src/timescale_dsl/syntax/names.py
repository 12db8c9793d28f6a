"""How multi-word names are compared: case-insensitively, whitespace folded."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def fold(name: str) -> str:
    """The comparison key of an event, fact or task name."""
    return _SPACE.sub(" ", name.strip()).casefold()


def event_key(name: str) -> str:
    """The key of an event or fact: folded, and a leading "the" is never part of it.

    ``of the meeting``, ``of meeting`` and ``of "the meeting"`` name one event,
    and a caller's fact ``"The meeting"`` supplies it.
    """
    key = fold(name)
    return key[4:] if key.startswith("the ") else key


def slug(text: str) -> str:
    """A lower-case identifier fragment: letters, digits and hyphens."""
    return _SLUG_JUNK.sub("-", text.casefold()).strip("-")


def column_key(name: str) -> str:
    """How a table column is matched to a fact: spaces, underscores, hyphens folded."""
    return re.sub(r"[\s_\-]+", " ", name.strip()).casefold()
