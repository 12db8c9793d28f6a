"""Arrow's cast of ISO cells reads exactly what the careful reading reads, and rejects the same."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import numpy as np
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl.engine.moments import BoolArray, Moments
from timescale_dsl.reporting.reading import iso_cast, textdates
from timescale_dsl.reporting.reading.cells import ReadMoments, blank_cells, read_moments
from timescale_dsl.reporting.reading.iso_cast import cast_iso
from timescale_dsl.reporting.reading.textdates import _utf8, parse_texts

# Real and impossible dates in the shapes Arrow reads and in shapes near them.
_DATES = st.builds(
    "{:04d}-{:02d}-{:02d}".format,
    st.sampled_from([0, 1, 1900, 2000, 2024, 2025, 2026, 9999]),
    st.integers(0, 13),
    st.integers(0, 32),
)
_CLOCKS = st.one_of(
    st.just(""),
    st.builds(
        "{}{:02d}:{:02d}{}".format,
        st.sampled_from(["T", " ", "t", "  "]),
        st.integers(0, 25),
        st.integers(0, 61),
        st.one_of(
            st.just(""),
            st.builds(":{:02d}".format, st.integers(0, 61)),
            st.sampled_from([":00.5", ":05Z", "Z", "+01:00", ":00.000001", ":5"]),
        ),
    ),
    st.sampled_from(["T10", "T10Z", " 9:05", "T10+01"]),
)
iso_like = st.one_of(
    st.builds(str.__add__, _DATES, _CLOCKS),
    st.text(alphabet="0123456789-: T.Z+", min_size=8, max_size=22),
    st.sampled_from(["31/03/2026", "N/A", "2026-3-1", "２０２６-03-31", "2026-03-31\u00a0", ""]),
)


def _careful(text: pa.Array, blank: BoolArray) -> tuple[Moments, BoolArray]:
    """parse_texts with Arrow's cast taken away: the reading the cast must agree with."""

    def nothing(text: pa.Array, *places: object) -> object:
        rows = places[-1]
        assert isinstance(rows, np.ndarray)
        return rows[:0], np.empty(0, dtype="datetime64[us]"), np.zeros(0, dtype=np.bool_)

    with mock.patch.object(textdates, "cast_iso", nothing):
        return parse_texts(text, blank)


@contextmanager
def _small_blocks(block: int, small: int) -> Iterator[None]:
    with (
        mock.patch.object(iso_cast, "BLOCK", block),
        mock.patch.object(iso_cast, "SMALL_BLOCK", small),
    ):
        yield


@given(st.lists(iso_like, min_size=1, max_size=60), st.integers(1, 9), st.integers(1, 4))
def test_the_cast_reads_every_cell_as_the_careful_reading_does(
    texts: list[str], block: int, small: int
) -> None:
    text = pa.array(texts, type=pa.large_string())
    blank = blank_cells(pa.table({"t": text}).to_pandas()["t"])
    with _small_blocks(block, small):  # blocks refused whole, then in parts, then cell by cell
        moments, bad = parse_texts(text, blank)
    expected, wrong = _careful(text, blank)
    assert moments.to_python() == expected.to_python()
    assert moments.timed.tolist() == expected.timed.tolist()
    assert bad.tolist() == wrong.tolist()


@given(st.lists(iso_like, min_size=1, max_size=40))
def test_the_cast_takes_only_cells_the_careful_reading_reads_and_reads_them_alike(
    texts: list[str],
) -> None:
    text = pa.array([t.strip() for t in texts], type=pa.large_string())
    data, starts, lengths = _utf8(text)
    filled = np.flatnonzero(lengths > 0)
    with _small_blocks(4, 1):
        rows, stamps, timed = cast_iso(text, data, starts, lengths, filled)
    expected, bad = _careful(text, lengths == 0)
    assert not bad[rows].any()
    assert expected.values[rows].tolist() == stamps.tolist()
    assert expected.timed[rows].tolist() == timed.tolist()
    for row in rows.tolist():
        assert len(texts[row].strip()) in iso_cast.ISO_LENGTHS


def test_one_impossible_date_among_many_leaves_the_others_read_and_is_rejected_with_its_reason() -> (
    None
):
    good = [f"2026-03-{day:02d} 10:{day:02d}" for day in range(1, 29)] * 5
    texts = [
        *good[:70],
        "2026-02-30",
        *good[70:],
        "0000-01-01",
        "2026-03-31 24:00",
        "2026-03-31T23:59:60",
    ]
    series = pa.table({"t": pa.array(texts, type=pa.large_string())}).to_pandas()["t"]
    with _small_blocks(64, 8):
        read = read_moments(series)
    assert np.flatnonzero(read.bad).tolist() == [70, 141, 142, 143]
    assert read.moments.timed[~read.bad].all()
    assert [str(v) for v in read.moments.to_python()[:3]] == [
        "2026-03-01 10:01:00",
        "2026-03-02 10:02:00",
        "2026-03-03 10:03:00",
    ]
    reasons = [ReadMoments.reason_for(texts[row]) for row in np.flatnonzero(read.bad)]
    assert reasons == [
        "'2026-02-30' is not a valid date: day is out of range for month",
        "'0000-01-01' is not a valid date: year 0 is out of range",
        "'2026-03-31 24:00' is not a valid date: hour must be in 0..23",
        "'2026-03-31T23:59:60' is not a valid date: second must be in 0..59",
    ]


def test_the_shapes_arrow_reads_but_the_report_leaves_to_parse_when_are_not_taken() -> None:
    texts = [
        "2026-03-31T10",
        "2026-03-31 10:00:00.5",
        "0000-01-01",
        "2026-03-31",
        "2026-03-31T10:05",
    ]
    text = pa.array(texts, type=pa.large_string())
    data, starts, lengths = _utf8(text)
    rows, stamps, timed = cast_iso(text, data, starts, lengths, np.arange(len(texts)))
    assert rows.tolist() == [3, 4]
    assert [str(s) for s in stamps] == ["2026-03-31T00:00:00.000000", "2026-03-31T10:05:00.000000"]
    assert timed.tolist() == [False, True]


def test_cells_without_isos_dashes_are_not_cast_and_bad_cells_stop_the_casting_early() -> None:
    uk = pa.array(["31/03/2026 14:30", "01/04/2026", "2026/03/31"] * 50, type=pa.large_string())
    data, starts, lengths = _utf8(uk)
    with mock.patch.object(iso_cast, "_cast_into", wraps=iso_cast._cast_into) as casting:
        rows, _, _ = cast_iso(uk, data, starts, lengths, np.arange(len(uk)))
    assert casting.call_count == 0 and len(rows) == 0
    # Impossible dates in every small block: the careful reading takes over after a few.
    impossible = pa.array(["2026-02-30", "2026-03-31"] * 500, type=pa.large_string())
    data, starts, lengths = _utf8(impossible)
    with (
        _small_blocks(16, 4),
        mock.patch.object(iso_cast, "_cast_into", wraps=iso_cast._cast_into) as casting,
    ):
        rows, _, _ = cast_iso(impossible, data, starts, lengths, np.arange(len(impossible)))
    assert len(rows) == 0
    assert casting.call_count <= iso_cast.MAX_REFUSED
    _, bad = parse_texts(impossible, np.zeros(len(impossible), dtype=np.bool_))
    assert bad.tolist() == [True, False] * 500
