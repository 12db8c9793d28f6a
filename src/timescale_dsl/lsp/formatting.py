"""Formatting: the document as ``timescale fmt`` writes it.

One edit replaces the whole text when anything changes (editors work out the
smallest change to show). A document that does not parse is left alone: the
formatter never guesses at a broken line.
"""

from __future__ import annotations

from ..errors import RulesetError
from ..syntax.rewrite import canonical_text
from .navigation import Edit
from .text import Pos, Text, TextRange


def format_document(text: Text, path: str) -> list[Edit] | None:
    """The edits that put every statement in canonical form; None if the text does not parse."""
    try:
        canonical = canonical_text(text.source, path)
    except RulesetError:
        return None
    if text.source.startswith("\ufeff"):
        canonical = "\ufeff" + canonical
    if canonical == text.source:
        return []
    return [Edit(TextRange(Pos(0, 0), text.end), canonical)]
