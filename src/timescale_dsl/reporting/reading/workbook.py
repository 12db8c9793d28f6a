"""Spreadsheet exports in: .xlsx (and .xlsm, .xlsb, .xls, .ods) through python-calamine.

Case-management systems often export workbooks. The first sheet is read
unless one is named. Its header is the first row with two or more cells
filled: a report title, a "generated on" line and blank rows above it (one
cell each at most, and never a header, since an event log has at least
three columns) are skipped, and the summary says so. Every cell becomes text
as the CSV reader would give it, so one reading of dates serves both:

* a date cell -> ``2026-12-31``; a date-time -> ``2026-12-31 14:30`` (to the
  second when it has seconds); a date-time at exactly midnight -> the date,
  as for typed columns (exports stamp midnight to mean the day);
* a whole number (child ids typed as numbers) -> ``1234``, not ``1234.0``;
* true/false -> ``true``/``false``; an empty cell -> blank.

Columns past the header's last name are left out when they are blank (a
sheet's formatting); a value in one is refused, naming its column and record.

Records are numbered from the header (record 1 is the row below it);
wholly empty rows are not records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ...engine.moments import IntArray
from .csv_layout import FIT_RECORDS, HEADER_SEARCH_ROWS, can_head, header_below
from .events import EventsError


def read_workbook(
    path: Path, label: str, sheet: str | None
) -> tuple[pd.DataFrame, IntArray, tuple[str, ...], tuple[str, ...]]:
    """The sheet's records as text, each record's row number (1 = the row after the header),
    what the summary should say about reading it (title rows skipped), and the
    workbook's sheets, the one read first."""
    try:
        from python_calamine import CalamineError, CalamineWorkbook
    except ImportError:
        raise EventsError(
            f"{label}: reading a workbook needs python-calamine: "
            "pip install 'timescale-dsl[report]'"
        ) from None
    try:
        book = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as error:
        raise EventsError(f"{label}: not a readable workbook: {error}") from None
    names = list(book.sheet_names)
    if not names:
        raise EventsError(f"{label}: the workbook has no sheets")
    if sheet is None:
        chosen = names[0]
    else:
        folded = {name.casefold(): name for name in names}
        found = folded.get(sheet.strip().casefold())
        if found is None:
            raise EventsError(f"{label}: no sheet '{sheet}' (sheets: {', '.join(names)})")
        chosen = found
    try:
        cells = book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except (CalamineError, ValueError) as error:
        raise EventsError(f"{label}: sheet '{chosen}' cannot be read: {error}") from None
    if not any(_text(c).strip() for row in cells[:HEADER_SEARCH_ROWS] for c in row):
        where = "is empty" if len(cells) <= HEADER_SEARCH_ROWS else "has no header row"
        raise EventsError(
            f"{label}: sheet '{chosen}' {where} (expected a header row of column names "
            f"in its first {HEADER_SEARCH_ROWS} rows)"
        )
    top = _header_row(cells)
    header = [_text(c).strip() for c in cells[top]]
    while header and not header[-1]:  # trailing unnamed columns, often formatting only
        header.pop()
    width = len(header)
    records: list[list[str]] = []
    numbers: list[int] = []
    for number, row in enumerate(cells[top + 1 :], start=1):
        texts = [_text(c) for c in row[:width]]
        texts += [""] * (width - len(texts))
        beyond = ((place, _text(c)) for place, c in enumerate(row[width:], start=width + 1))
        stray = next(((place, text) for place, text in beyond if text.strip()), None)
        if stray is not None:  # a value under no name would be lost: say where it is
            place, text = stray
            raise EventsError(
                f"{label}: sheet '{chosen}', column {_letters(place)} has no name in the "
                f"header row (row {top + 1}) but holds '{text.strip()}' (record {number}); "
                "give it a name, or remove it"
            )
        if any(t.strip() for t in texts):
            records.append(texts)
            numbers.append(number)
    frame = pd.DataFrame(records, columns=header, dtype="str")
    notes: tuple[str, ...] = ()
    if top:
        notes = (f"sheet '{chosen}': {header_below(top, 'row')}",)
    sheets = (chosen, *(name for name in names if name != chosen))
    return frame, np.array(numbers, dtype=np.int64), notes, sheets


def _header_row(cells: Sequence[Sequence[object]]) -> int:
    """The first of the sheet's top rows that can head the rows below it, as a CSV's
    header is found (:func:`.csv_layout.can_head`): rows above it are a title, a
    "Generated | 01/04/2026" line or blank. Else the first row with two cells filled,
    else the first with any."""
    rows = [[_text(c) for c in row] for row in cells[: HEADER_SEARCH_ROWS + FIT_RECORDS]]
    filled = [index for index, row in enumerate(rows) if any(t.strip() for t in row)]
    for place, index in enumerate(filled):
        below = [rows[i] for i in filled[place + 1 : place + 1 + FIT_RECORDS]]
        if index < HEADER_SEARCH_ROWS and can_head(rows[index], below):
            return index
    wide = [index for index in filled if sum(1 for t in rows[index] if t.strip()) >= 2]
    return (wide or filled or [0])[0]


def _letters(column: int) -> str:
    """A spreadsheet's name for its ``column``-th column (1 = A, 27 = AA)."""
    name = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        name = chr(ord("A") + remainder) + name
    return name


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
