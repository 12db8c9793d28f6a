"""Diagnostics for a document: the library's own check, unchanged.

Every finding comes from :func:`timescale_dsl.check_ruleset_text`, the function
behind ``timescale check``, so the editor shows the same codes, ranges and
hints, and every improvement to the check (such as reporting every syntax
error of a file at once) reaches the editor with it.
"""

from __future__ import annotations

from ..check import check_ruleset_text
from ..errors import Diagnostic


def check_document(source: str, path: str) -> list[Diagnostic]:
    """Every diagnostic ``timescale check`` reports for this text."""
    return check_ruleset_text(source, path)


def message_with_hint(diagnostic: Diagnostic) -> str:
    """The message as an editor shows it: the hint on a line of its own."""
    if diagnostic.hint:
        return f"{diagnostic.message}\nhint: {diagnostic.hint}"
    return diagnostic.message
