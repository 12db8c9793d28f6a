"""The partition API inside Dask: a partitioned frame gives what one frame gives."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from timescale_dsl import Ruleset
from timescale_dsl.reporting.api import measure_partition, partition_meta
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
        "reject_reason",
    ]
    pd.testing.assert_frame_equal(
        by_row[columns].astype("str"), expected[columns].astype("str"), check_dtype=False
    )
    assert (by_row["status"] == "rejected").sum() == 2
    assert set(by_row["status"]) >= {"on_time", "late", "overdue", "rejected"}
