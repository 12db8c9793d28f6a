"""A column's months, looked up over the span of its days, are numpy's own months."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl.engine.moments import Moments

_FIRST = int(np.datetime64("0001-01-01T00:00", "us").astype(np.int64))
_LAST = int(np.datetime64("9999-12-31T23:59:59.999999", "us").astype(np.int64))


def _column(stamps: list[int | None]) -> Moments:
    values = np.array(
        [np.datetime64("NaT", "us") if s is None else np.datetime64(s, "us") for s in stamps],
        dtype="datetime64[us]",
    )
    return Moments(values, np.zeros(len(values), dtype=np.bool_))


near = st.integers(
    int(np.datetime64("2025-12-20", "us").astype(np.int64)),
    int(np.datetime64("2026-03-10", "us").astype(np.int64)),
)


@given(st.lists(st.one_of(st.none(), near, st.integers(_FIRST, _LAST)), max_size=60))
def test_months_are_numpys_months(stamps: list[int | None]) -> None:
    column = _column(stamps)
    expected = column.values.astype("datetime64[M]")
    assert np.array_equal(column.months.view(np.int64), expected.view(np.int64))


def test_a_close_column_is_looked_up_and_agrees_at_month_ends() -> None:
    days = np.arange("2026-01-25", "2026-03-05", dtype="datetime64[D]")
    column = Moments.of_days(np.concatenate([days, np.array(["NaT"], dtype="datetime64[D]")]))
    months = column.months
    assert str(months[6]) == "2026-01" and str(months[7]) == "2026-02"  # 31 Jan, 1 Feb
    assert str(months[-2]) == "2026-03" and np.isnat(months[-1])
