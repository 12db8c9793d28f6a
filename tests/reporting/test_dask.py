"""The partition API inside Dask: a partitioned frame gives what one frame gives."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from timescale_dsl import Ruleset
from timescale_dsl.reporting.api import measure_partition, partition_meta, recurring_rows
from timescale_dsl.reporting.reading.events import ColumnMap, EventsError
from timescale_dsl.reporting.sample import SampleOptions, sample_events

from .conftest import RULESET

dd = pytest.importorskip("dask.dataframe")

AS_OF = dt.date(2026, 3, 31)


def _with_some_bad_rows(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame.loc[3, "rule"] = "no-such-rule"
    frame.loc[10, "completed_at"] = "31/02/2026"
    return frame


@pytest.mark.parametrize("scheduler", ["sync", "threads", "processes"])
def test_dask_partitions_by_child_give_the_single_frame_result(
    ruleset: Ruleset, scheduler: str
) -> None:
    frame = _with_some_bad_rows(sample_events(ruleset, SampleOptions(rows=1500, seed=5)))
    frame["row"] = range(1, len(frame) + 1)
    whole = measure_partition(frame, ruleset, AS_OF)

    # Recurring rules need every occurrence of a child in one partition.
    parts = dd.from_pandas(frame, npartitions=4).shuffle(on="child_id", npartitions=3)
    measured = parts.map_partitions(
        measure_partition, str(RULESET), AS_OF, meta=partition_meta(frame)
    )
    result = measured.compute(scheduler=scheduler)
    assert parts.npartitions == 3
    assert len(result) == len(frame)

    by_row = result.set_index("row").sort_index()
    expected = whole.set_index("row").sort_index()
    columns = [
        "due",
        "earliest",
        "target",
        "status",
        "working_days_late",
        "calendar_days_late",
        "target_met",
        "provisional",
        "reject_reason",
    ]
    pd.testing.assert_frame_equal(
        by_row[columns].astype("str"), expected[columns].astype("str"), check_dtype=False
    )
    assert (by_row["status"] == "rejected").sum() == 2
    assert set(by_row["status"]) >= {"on_time", "late", "overdue", "rejected"}


def test_recurring_rows_are_those_of_a_recurring_rule_as_measuring_names_them(
    ruleset: Ruleset,
) -> None:
    frame = pd.DataFrame(
        {
            "child_id": ["C1", "C1", "C2", "C3", "C4", "C5", "C6"],
            "Rule": ["visit", " VISIT ", "minutes", "supervision", "no-such-rule", "", "review"],
        },
        index=[10, 11, 12, 13, 14, 15, 16],
    )
    found = recurring_rows(frame, ruleset, ColumnMap(rule="rule"))
    assert found.index.tolist() == frame.index.tolist()
    recurring = {rule.id for rule in ruleset if rule.is_recurring}
    assert {"visit", "supervision", "review"} <= recurring and "minutes" not in recurring
    assert found.tolist() == [True, True, False, True, False, False, True]


def test_recurring_rows_name_a_missing_rule_column(ruleset: Ruleset) -> None:
    with pytest.raises(EventsError, match="no rule column 'task'"):
        recurring_rows(pd.DataFrame({"rule": ["visit"]}), ruleset, ColumnMap(rule="task"))


def test_only_recurring_rows_moved_by_child_give_the_single_frame_result(
    ruleset: Ruleset,
) -> None:
    frame = _with_some_bad_rows(sample_events(ruleset, SampleOptions(rows=1500, seed=7)))
    frame["row"] = range(1, len(frame) + 1)
    whole = measure_partition(frame, ruleset, AS_OF).set_index("row").sort_index()
    events = dd.from_pandas(frame, npartitions=4)
    meta = partition_meta(frame)
    marked = events.map_partitions(recurring_rows, str(RULESET), meta=("recurring", bool))
    alone = events[~marked].map_partitions(measure_partition, str(RULESET), AS_OF, meta=meta)
    series = events[marked].shuffle(on="child_id", npartitions=3)
    together = series.map_partitions(measure_partition, str(RULESET), AS_OF, meta=meta)
    result = dd.concat([alone, together]).compute(scheduler="threads")
    assert marked.sum().compute(scheduler="threads") > 0
    by_row = result.set_index("row").sort_index()
    pd.testing.assert_frame_equal(
        by_row[whole.columns].astype("str"), whole.astype("str"), check_dtype=False
    )
