"""Cells a spreadsheet would run as a formula, made inert before any CSV is written.

OWASP's guidance on CSV injection: a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is prefixed with a single quote,
so Excel, LibreOffice and Google Sheets show it as text. Plain numbers
(``-5``, ``+3.25``, ``1e3``) are left alone: they cannot run anything and
a quote would turn them into text. Every CSV the tool writes goes through
:func:`neutralise_table` or :func:`neutralise_frame`; Parquet and JSON keep
the raw value, since nothing evaluates them.
"""

from __future__ import annotations

import re
from typing import Final

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: What makes a spreadsheet read a cell as a formula (or split it into one).
FORMULA_START: Final = r"^[=+\-@\t\r]"
#: A plain number, which stays as written.
PLAIN_NUMBER: Final = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"

_FORMULA = re.compile(FORMULA_START)
_NUMBER = re.compile(PLAIN_NUMBER)


def neutralise(value: str) -> str:
    """One cell: quoted if a spreadsheet would run it."""
    if _FORMULA.match(value) and not _NUMBER.match(value):
        return "'" + value
    return value


def _neutral_column(column: pa.ChunkedArray) -> pa.ChunkedArray:
    risky = pc.and_not(
        pc.match_substring_regex(column, FORMULA_START),
        pc.match_substring_regex(column, PLAIN_NUMBER),
    )
    if not pc.any(risky).as_py():
        return column
    quoted = pc.binary_join_element_wise(
        pa.scalar("'", column.type), column, pa.scalar("", column.type)
    )
    result: pa.ChunkedArray = pc.if_else(risky, quoted, column)
    return result


def neutralise_table(table: pa.Table) -> pa.Table:
    """Every text column of an Arrow table with its formula-like cells made inert."""
    columns = []
    for column in table.columns:
        text = pa.types.is_string(column.type) or pa.types.is_large_string(column.type)
        columns.append(_neutral_column(column) if text else column)
    return pa.table(columns, names=[neutralise(name) for name in table.column_names])


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a DataFrame whose text cells (and column names) are made inert."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            out[name] = column.map(lambda v: neutralise(v) if isinstance(v, str) else v)
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    return out
