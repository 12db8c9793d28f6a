"""A column as the CSV reader leaves it (many Arrow chunks, mostly blank) reads as one list does."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl.reporting.reading.cells import blank_cells, distinct, read_moments

from .test_reading import any_texts

_CELLS = st.one_of(any_texts, st.sampled_from(["", " ", "\t"]), st.none())


def _chunked(cells: list[str | None], cuts: list[int]) -> pd.Series:
    edges = sorted({0, len(cells), *(c % (len(cells) + 1) for c in cuts)})
    parts = [cells[a:b] for a, b in itertools.pairwise(edges)]
    arrow = pa.chunked_array(parts or [[]], type=pa.large_string())
    series: pd.Series = pa.table({"cells": arrow}).to_pandas()["cells"]
    return series


@given(
    st.lists(_CELLS, min_size=1, max_size=40),
    st.lists(st.integers(0, 40), max_size=5),
)
def test_a_chunked_mostly_blank_column_reads_as_the_same_cells_in_one_list(
    cells: list[str | None], cuts: list[int]
) -> None:
    chunked = _chunked(cells, cuts)
    whole = pd.Series(cells, dtype="str")
    assert blank_cells(chunked).tolist() == blank_cells(whole).tolist()
    got, expected = read_moments(chunked), read_moments(whole)
    assert got.bad.tolist() == expected.bad.tolist()
    assert got.moments.to_python() == expected.moments.to_python()
    assert got.moments.timed.tolist() == expected.moments.timed.tolist()


@given(
    st.lists(st.one_of(st.sampled_from(["visit", " visit", "review", "Visit", ""]), st.none())),
    st.lists(st.integers(0, 40), max_size=5),
)
def test_a_chunked_column_has_the_distinct_texts_of_the_same_cells_in_one_list(
    cells: list[str | None], cuts: list[int]
) -> None:
    # Texts first met in a later chunk keep their place in the order of first meeting.
    codes, texts = distinct(_chunked(cells, cuts))
    whole_codes, whole_texts = distinct(pd.Series(cells, dtype="str"))
    assert texts == whole_texts
    assert codes.tolist() == whole_codes.tolist()


def test_a_column_of_several_chunks_with_blanks_between_dates() -> None:
    chunked = _chunked(["", "2026-03-31", None, "31/03/2026 14:30", " ", "N/A", ""], [2, 5])
    assert pa.array(chunked).num_chunks == 3
    read = read_moments(chunked)
    assert [str(v) if v else None for v in read.moments.to_python()] == [
        None,
        "2026-03-31",
        None,
        "2026-03-31 14:30:00",
        None,
        None,
        None,
    ]
    assert read.bad.tolist() == [False] * 5 + [True, False]


@given(st.lists(_CELLS, min_size=1, max_size=20), st.integers(0, 40), st.data())
def test_any_rows_taken_from_a_column_read_as_the_same_cells_in_one_list(
    some: list[str | None], blanks: int, data: st.DataObject
) -> None:
    """A mostly blank column keeps only its filled rows; rows taken from it read as
    the whole column spread out does, blank rows included (columns of any share of
    blanks: a mostly filled one is held whole)."""
    cells = data.draw(st.permutations([*some, *([""] * blanks)]))
    read = read_moments(pd.Series(cells, dtype="str"))
    rows = np.array(sorted(data.draw(st.sets(st.integers(0, len(cells) - 1)))), dtype=np.int64)
    whole = read.moments
    assert read.take(rows).to_python() == whole.take(rows).to_python()
    assert read.take(rows).timed.tolist() == whole.timed[rows].tolist()
    assert read.bad_among(rows).tolist() == read.bad[rows].tolist()
    taken, bad = read.of_rows(rows)
    assert taken.to_python() == whole.take(rows).to_python()
    assert bad.tolist() == read.bad[rows].tolist()


def test_a_mostly_blank_column_keeps_only_its_filled_rows() -> None:
    cells = ["", "2026-03-31", None, "N/A", " ", "", "31/03/2026 14:30", ""]
    read = read_moments(pd.Series(cells, dtype="str"))
    assert read.filled is not None and read.filled.tolist() == [1, 3, 6]
    rows = np.array([0, 1, 3, 6, 7], dtype=np.int64)
    assert [str(v) if v else None for v in read.take(rows).to_python()] == [
        None,
        "2026-03-31",
        None,
        "2026-03-31 14:30:00",
        None,
    ]
    assert read.bad_among(rows).tolist() == [False, False, True, False, False]
