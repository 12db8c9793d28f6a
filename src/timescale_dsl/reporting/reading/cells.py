"""Table cells -> typed fact columns: dates, true/false flags and text.

Text dates are read as ``facts.parse_when`` reads one (see
:mod:`.textdates`): ISO 8601 and the UK day-first form, never month-first.

A blank or whitespace-only cell is an absent fact. A cell that does not
read as the kind asked for is *bad*: the caller rejects its row, naming
the column and the text.
"""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ...engine.columns import Flags, Labels
from ...engine.moments import NAT, BoolArray, IntArray, Moments
from ...errors import FactValueError
from ...facts import parse_boolean
from .textdates import (
    blank_texts,
    one_chunk,
    parse_filled_texts,
    read_when,
    spread_flags,
    spread_moments,
    stamp_of,
)


@attrs.frozen(eq=False)
class ReadMoments:
    """A column read as dates, the non-blank cells that are not dates, and the cells.

    A mostly blank column keeps only its filled rows (``filled``, their positions):
    :meth:`take`, :meth:`bad_among` and :meth:`of_rows` answer for any rows,
    :attr:`moments` and :attr:`bad` spread them over the whole column.
    """

    found: Moments
    found_bad: BoolArray
    texts: pd.Series
    filled: IntArray | None = None

    @property
    def moments(self) -> Moments:
        if self.filled is None:
            return self.found
        return spread_moments(self.found, self.filled, len(self.texts))

    @property
    def bad(self) -> BoolArray:
        if self.filled is None:
            return self.found_bad
        return spread_flags(self.found_bad, self.filled, len(self.texts))

    def take(self, rows: IntArray) -> Moments:
        """The moments of ``rows`` (positions in the column)."""
        return self.of_rows(rows)[0]

    def bad_among(self, rows: IntArray) -> BoolArray:
        """For each of ``rows``, whether its cell is bad."""
        if self.filled is None:
            return self.found_bad[rows]
        return np.append(self.found_bad, False)[self._places(rows)]

    def of_rows(self, rows: IntArray) -> tuple[Moments, BoolArray]:
        """The moments of ``rows`` and whether each one's cell is bad (the rows found
        among the filled ones once, for both)."""
        if self.filled is None:
            return self.found.take(rows), self.found_bad[rows]
        at = self._places(rows)
        values = np.append(self.found.values, NAT)[at]
        timed = np.append(self.found.timed, False)[at]
        return Moments(values, timed), np.append(self.found_bad, False)[at]

    def _places(self, rows: IntArray) -> IntArray:
        """Where each row is among the filled ones; one past the last for a blank row."""
        assert self.filled is not None
        count = len(self.filled)
        at = np.searchsorted(self.filled, rows)
        padded = np.append(self.filled, -1)
        result: IntArray = np.where(padded[at] == rows, at, count)
        return result

    @staticmethod
    def reason_for(text: str) -> str:
        try:
            read_when(text)
        except FactValueError as error:
            return str(error)
        return f"'{text}' is not a date"  # pragma: no cover - only bad cells are asked about


@attrs.frozen(eq=False)
class ReadFlags:
    """A column read as true/false, the non-blank cells that are neither, and the cells."""

    flags: Flags
    bad: BoolArray
    texts: pd.Series

    def bad_among(self, rows: IntArray) -> BoolArray:
        """For each of ``rows``, whether its cell is bad."""
        return self.bad[rows]

    @staticmethod
    def reason_for(text: str) -> str:
        try:
            parse_boolean(text)
        except FactValueError as error:
            return str(error)
        return f"'{text}' is not true or false"  # pragma: no cover


def _chunks(series: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The cells as Arrow strings (nulls for missing), in the chunks they are held in."""
    if isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow":
        arrow = pa.array(series)
    else:
        arrow = pa.array(series.astype("str"), from_pandas=True)
    return arrow


def arrow_strings(series: pd.Series) -> pa.Array:
    """The cells as one Arrow string array; no copy for Arrow strings in one chunk."""
    return one_chunk(_chunks(series))


def distinct(series: pd.Series) -> tuple[IntArray, list[str]]:
    """Each cell as a code into the distinct trimmed texts; -1 for blank cells."""
    if series.dtype == object:
        texts = [None if _blank_object(v) else str(v).strip() for v in series]
        dictionary, raw = _encoded(pa.array(texts, type=pa.string()))
    else:
        # Encoded first, trimmed after: a column of a million cells holds a few distinct texts.
        dictionary, raw = encoded(series)
    return distinct_of(dictionary, raw)


def distinct_of(dictionary: pa.Array, raw: IntArray) -> tuple[IntArray, list[str]]:
    """:func:`distinct` of cells already encoded (positions ``raw`` in ``dictionary``)."""
    # Texts alike once trimmed share a code, numbered in the order they first appear.
    number: dict[str, int] = {}
    renumber = []
    for text in pc.utf8_trim_whitespace(dictionary).to_pylist():
        renumber.append(-1 if not text else number.setdefault(str(text), len(number)))
    renumber.append(-1)  # a missing cell (code -1) stays -1
    codes: IntArray = np.array(renumber, dtype=np.int64)[raw]
    return codes, list(number)


def encoded(series: pd.Series) -> tuple[pa.Array, IntArray]:
    """The distinct texts of the cells as written, and each cell's position among them
    (-1 for a missing cell).

    A categorical column is encoded already: its categories are the texts (one text
    may then stand at two positions, as 1 and "1" both write "1")."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        texts = pa.array(series.cat.categories.astype("str"), type=pa.string(), from_pandas=True)
        return texts, series.cat.codes.to_numpy().astype(np.int64)
    return _encoded(_chunks(series))


def encoded_prefixes(series: pd.Series, length: int) -> tuple[pa.Array, IntArray]:
    """:func:`encoded` of the cells' first ``length`` characters."""
    if isinstance(series.dtype, pd.CategoricalDtype):  # the categories cut, and met again
        dictionary, codes = encoded(series)
        cut, places = _encoded(pc.utf8_slice_codeunits(dictionary, 0, length))
        return cut, np.append(places, -1)[codes]
    # Cut first: a million dates or date-times share a few hundred months.
    return _encoded(pc.utf8_slice_codeunits(_chunks(series), 0, length))


def _encoded(text: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, IntArray]:
    """:func:`encoded` for Arrow strings. A column in chunks is encoded as it is held,
    without joining the chunks first, and its chunks then share one dictionary."""
    found = pc.dictionary_encode(text)
    if not isinstance(found, pa.ChunkedArray):
        dictionary, indices = found.dictionary, found.indices
    elif found.num_chunks == 0:
        return pa.array([], pa.string()), np.zeros(0, dtype=np.int64)
    else:
        found = found.unify_dictionaries()
        dictionary = found.chunk(0).dictionary
        indices = pa.chunked_array([chunk.indices for chunk in found.chunks])
    codes = pc.fill_null(indices, -1).to_numpy(zero_copy_only=False)
    return dictionary, np.asarray(codes, dtype=np.int64)


def blank_cells(series: pd.Series) -> BoolArray:
    """Missing, empty or whitespace-only cells."""
    if series.dtype.kind in "biufcmM":
        result: BoolArray = series.isna().to_numpy(dtype=np.bool_)
        return result
    if series.dtype == object:
        return np.fromiter((_blank_object(v) for v in series), dtype=np.bool_, count=len(series))
    return blank_texts(_chunks(series))


def _blank_object(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


# -- dates ------------------------------------------------------------------------
def read_moments(series: pd.Series) -> ReadMoments:
    """Dates and date-times; see the module docstring for what reads."""
    size = len(series)
    blank = blank_cells(series)
    kind = series.dtype.kind
    if kind == "M":
        return ReadMoments(_from_datetimes(series), np.zeros(size, np.bool_), series)
    if series.dtype == object:
        return _from_objects(series, blank)
    filled, moments, bad = parse_filled_texts(_chunks(series), blank)
    return ReadMoments(moments, bad, series, filled)


def _from_datetimes(series: pd.Series) -> Moments:
    """A datetime column: London wall-clock time; a value at midnight is taken as a date.

    (pandas has no date-only type, and exports that stamp midnight mean the day.)
    """
    if getattr(series.dt, "tz", None) is not None:
        series = series.dt.tz_convert("Europe/London").dt.tz_localize(None)
    values = series.to_numpy(dtype="datetime64[us]", na_value=NAT)
    midnight = values == values.astype("datetime64[D]").astype("datetime64[us]")
    return Moments(values, ~np.isnat(values) & ~midnight)


def _from_objects(series: pd.Series, blank: BoolArray) -> ReadMoments:
    """Python dates, date-times and text mixed in one column (a hand-built DataFrame)."""
    size = len(series)
    values = np.full(size, NAT)
    timed = np.zeros(size, dtype=np.bool_)
    bad = np.zeros(size, dtype=np.bool_)
    texts: list[str] = []
    for row, cell in enumerate(series):
        texts.append("" if blank[row] else str(cell))
        if blank[row]:
            continue
        when: dt.date | None = None
        if isinstance(cell, pd.Timestamp):
            cell = cell.to_pydatetime()
        try:
            if not isinstance(cell, dt.date):
                when = read_when(str(cell))
            elif isinstance(cell, dt.datetime) and cell.tzinfo is not None:
                when = read_when(cell.isoformat())
            else:
                when = cell
        except FactValueError:
            bad[row] = True
            continue
        values[row], timed[row] = stamp_of(when)
    return ReadMoments(Moments(values, timed), bad, pd.Series(texts, index=series.index))


def read_moments_of(series: pd.Series, rows: IntArray) -> ReadMoments:
    """The dates of ``rows`` alone (positions in the column, ascending), read as
    :func:`read_moments` reads them.

    It answers for those rows only (:meth:`ReadMoments.of_rows` and the like);
    the column's other rows read as blank.
    """
    part = read_moments(series.iloc[rows].reset_index(drop=True))
    filled = np.arange(len(rows)) if part.filled is None else part.filled
    return ReadMoments(part.found, part.found_bad, series, rows[filled])


# -- flags and text ------------------------------------------------------------------
def read_flags(series: pd.Series) -> ReadFlags:
    """True/false cells: booleans, or text as ``facts.parse_boolean`` reads it."""
    size = len(series)
    blank = blank_cells(series)
    if series.dtype.kind == "b" or str(series.dtype) == "boolean":
        value = series.fillna(False).to_numpy(dtype=np.bool_)
        return ReadFlags(Flags(value & ~blank, ~blank), np.zeros(size, np.bool_), series)
    codes, uniques = distinct(series)
    table: list[tuple[bool, bool]] = []
    for text in uniques:
        try:
            table.append((parse_boolean(text), False))
        except FactValueError:
            table.append((False, True))
    truth = np.array([t[0] for t in table] + [False], dtype=np.bool_)[codes]
    bad = np.array([t[1] for t in table] + [False], dtype=np.bool_)[codes] & ~blank
    known = ~blank & ~bad
    return ReadFlags(Flags(truth & known, known), bad, series)


def read_flags_of(series: pd.Series, rows: IntArray) -> ReadFlags:
    """The true/false cells of ``rows`` alone, read as :func:`read_flags` reads them;
    the column's other rows read as blank."""
    part = read_flags(series.iloc[rows].reset_index(drop=True))
    size = len(series)
    value, known, bad = (np.zeros(size, dtype=np.bool_) for _ in range(3))
    value[rows], known[rows], bad[rows] = part.flags.value, part.flags.known, part.bad
    return ReadFlags(Flags(value, known), bad, series)


def read_labels(series: pd.Series) -> Labels:
    """Text facts: every non-blank cell reads."""
    codes, uniques = distinct(series)
    return Labels(codes, tuple(uniques))
