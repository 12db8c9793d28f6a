"""The summary's figures counted with numpy are pandas' groupby figures, group for group."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from timescale_dsl.engine.moments import Moments
from timescale_dsl.engine.timeliness import NO_DAYS
from timescale_dsl.reporting.rendering.output import month_text
from timescale_dsl.reporting.summarising import grouping
from timescale_dsl.reporting.summarising.grouping import Figures, Key, RowFigures, group_figures
from timescale_dsl.reporting.summarising.summary import NO_DUE, _months_of
from timescale_dsl.status import LATE, OVERDUE, STATUSES

_ROW = st.tuples(
    st.integers(0, len(STATUSES) - 1),  # status
    st.one_of(st.just(NO_DAYS), st.integers(0, 60)),  # working days late
    st.one_of(st.just(NO_DAYS), st.integers(0, 90)),  # calendar days late
    st.sampled_from([-1, 0, 1]),  # target met
    st.integers(0, 3),  # first key
    st.integers(0, 2),  # second key
)


def _pandas(rows: list[tuple[int, int, int, int, int, int]]) -> dict[tuple[str, ...], Figures]:
    """The same figures by pandas' groupby, as the summary once counted them."""
    frame = pd.DataFrame(rows, columns=["status", "wdl", "cdl", "met", "a", "b"])
    for name in ("wdl", "cdl"):
        frame[name] = frame[name].astype("Int64").mask(frame[name] == NO_DAYS)
    frame["met"] = frame["met"].astype("Int64").mask(frame["met"] < 0)
    late = frame[frame["status"] == STATUSES.index(LATE)]
    found: dict[tuple[str, ...], Figures] = {}
    for (a, b), part in frame.groupby(["a", "b"]):
        own_late = late[(late["a"] == a) & (late["b"] == b)]
        overdue = part.loc[part["status"] == STATUSES.index(OVERDUE), "wdl"].dropna()

        def spread(days: pd.Series) -> tuple[float | None, float | None]:
            days = days.dropna()
            if days.empty:
                return None, None
            return round(float(days.median()), 1), round(float(days.quantile(0.9)), 1)

        found[(f"a{a}", f"b{b}")] = Figures(
            (f"a{a}", f"b{b}"),
            {name: int((part["status"] == code).sum()) for code, name in enumerate(STATUSES)},
            *spread(own_late["wdl"]),
            *spread(own_late["cdl"]),
            None if overdue.empty else int(overdue.max()),
            int(part["met"].notna().sum()),
            int((part["met"] == 1).sum()),
        )
    return found


def _numpy(rows: list[tuple[int, int, int, int, int, int]]) -> dict[tuple[str, ...], Figures]:
    column = np.array(rows, dtype=np.int64).reshape(-1, 6).T
    figures = RowFigures(column[0].astype(np.int8), column[1], column[2], column[3].astype(np.int8))
    keys = [Key(column[4], [f"a{i}" for i in range(4)]), Key(column[5], ["b0", "b1", "b2"])]
    return {found.values: found for found in group_figures(figures, keys)}


@settings(max_examples=150)
@given(st.lists(_ROW, max_size=80), st.booleans())
def test_each_group_has_the_figures_pandas_groupby_gives(
    rows: list[tuple[int, int, int, int, int, int]], by_sorting: bool
) -> None:
    # by_sorting: the path for many possible groups, taken here for few.
    with mock.patch.object(grouping, "_few", lambda possible, size: not by_sorting):
        found = _numpy(rows)
    assert found == _pandas(rows)


def test_a_group_of_late_records_has_its_median_and_interpolated_90th_percentile() -> None:
    late = STATUSES.index(LATE)
    days = [1, 2, 3, 4, 5, 6, 7, 8, 9, 30]
    figures = RowFigures(
        np.full(10, late, dtype=np.int8),
        np.array(days, dtype=np.int64),
        np.array(days, dtype=np.int64) * 2,
        np.full(10, -1, dtype=np.int8),
    )
    (found,) = group_figures(figures, [Key(np.zeros(10, dtype=np.int64), ["all"])])
    assert found.late_median_working_days == 5.5
    assert found.late_p90_working_days == 11.1  # 9 + 0.1 x (30 - 9)
    assert found.late_median_calendar_days == 11.0
    assert found.late_p90_calendar_days == 22.2
    assert found.counts[LATE] == 10 and found.with_target == 0


@given(
    st.lists(st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))), max_size=30)
)
def test_each_rows_due_month_is_the_month_text_of_its_due_date(
    days: list[dt.date | None],
) -> None:
    due = Moments.of_python(days)
    month = _months_of(due)  # months close together are counted, far apart sorted
    expected = month_text(due).fillna(NO_DUE).tolist()
    assert [month.labels[code] for code in month.codes.tolist()] == expected
    assert len(set(month.labels)) == len(month.labels)
