"""Cells that a spreadsheet opens as text, never as a formula."""

from __future__ import annotations

import re

# A cell starting with one of these is run as a formula by Excel, LibreOffice
# and Google Sheets (CSV injection); a leading apostrophe makes it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def spreadsheet_safe(cell: str) -> str:
    """``cell``, with a leading ``'`` when a spreadsheet would read it as a formula."""
    if cell.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


def spreadsheet_unguarded(cell: str) -> str:
    """The cell :func:`spreadsheet_safe` was given (reading back our own CSV)."""
    if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS):
        return cell[1:]
    return cell
