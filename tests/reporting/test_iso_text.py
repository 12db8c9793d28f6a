"""The per-row output's date text: each distinct value formatted once, every row its own text."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl.engine.moments import Moments
from timescale_dsl.reporting.rendering.output import iso_text

_DAYS = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
_VALUES = st.one_of(
    st.none(),
    _DAYS,
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31)),
    # The same day as a date and at midnight: different texts.
    st.builds(dt.datetime.combine, _DAYS, st.just(dt.time(0))),
)


def _expected(value: dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


@given(st.lists(st.one_of(_VALUES, st.sampled_from([dt.date(2026, 3, 31), None])), max_size=60))
def test_each_row_gets_its_own_value_as_iso_text(values: list[dt.date | None]) -> None:
    text = iso_text(Moments.of_python(values))
    assert len(text) == len(values)
    got = [None if pd.isna(t) else str(t) for t in text]
    assert got == [_expected(value) for value in values]


def test_a_date_and_the_same_day_at_midnight_keep_their_own_texts() -> None:
    day = dt.date(2026, 12, 24)
    midnight = dt.datetime(2026, 12, 24, 0, 0)
    late = dt.datetime(2026, 12, 24, 14, 30, 59)
    text = iso_text(Moments.of_python([day, midnight, None, late, day]))
    assert list(text[[0, 1, 3, 4]]) == [
        "2026-12-24",
        "2026-12-24T00:00",
        "2026-12-24T14:30",
        "2026-12-24",
    ]
    assert text.isna().tolist() == [False, False, True, False, False]
