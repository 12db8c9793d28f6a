"""A partition's per-row output columns: every row in its place, measured or rejected.

What :func:`~.api.measure_partition` adds to a partition's own columns, made
here once as Arrow arrays a row each: the pandas API takes them as columns,
and a distributed task appends them to the Arrow table it read, with no copy
of the input's cells. A measured row has its deadlines, status and lateness;
a rejected row has status ``rejected``, the column and the reason, and blanks
for the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..calendars.base import Calendar
from ..engine.moments import IntArray
from ..engine.timeliness import NO_DAYS
from ..ruleset import Ruleset
from ..status import STATUSES
from ..syntax.names import column_key
from .measuring import Measured, measure
from .reading.events import ColumnMap, EventsError, find_columns, read_events
from .reading.textdates import spread_flags, spread_moments
from .rendering.output import OUTPUT_COLUMNS, iso_texts

REJECTED: Final = "rejected"
_REJECT_NAMES: Final = ("reject_column", "reject_reason")
_TEXT, _DAYS, _FLAG = pa.large_string(), pa.int64(), pa.bool_()
#: Each output column's type; every one may be blank (null), as a rejected row's are.
PARTITION_TYPES: Final = dict(
    zip(
        (*OUTPUT_COLUMNS, *_REJECT_NAMES),
        (_TEXT, _TEXT, _TEXT, _TEXT, _DAYS, _DAYS, _FLAG, _FLAG, _TEXT, _TEXT),
        strict=True,
    )
)
PARTITION_COLUMNS: Final = tuple(PARTITION_TYPES)
#: Their pandas types: text (pandas' own, as a CSV's cells read), nullable integers and flags.
_PANDAS_TYPES: Final = {
    _TEXT: pd.api.types.pandas_dtype("str"),
    _DAYS: pd.Int64Dtype(),
    _FLAG: pd.BooleanDtype(),
}


def check_clashes(columns: Iterable[object], source: str) -> None:
    """Refuse a partition whose input has a column of the reject columns' names: it
    would be overwritten. (Measuring refuses the other output columns' names.)"""
    found = find_columns(str(name) for name in columns)
    clashes = [found[column_key(name)] for name in _REJECT_NAMES if column_key(name) in found]
    if clashes:
        raise EventsError(
            f"{source}: input column(s) {', '.join(repr(c) for c in clashes)} have the "
            f"names of a partition's output columns ({', '.join(_REJECT_NAMES)}); rename them"
        )


def pandas_column(cells: pa.Array | pa.ChunkedArray) -> pd.Series:
    """An output column as the pandas API gives it (text, Int64 or boolean)."""
    series: pd.Series = cells.to_pandas(types_mapper=_PANDAS_TYPES.get)
    return series


def measured_columns(
    frame: pd.DataFrame,
    ruleset: Ruleset,
    as_of: dt.date,
    columns: ColumnMap | None,
    calendar: Calendar | None = None,
    *,
    threads: bool,
    source: str | None = None,
) -> dict[str, pa.Array]:
    """A partition's rows (``frame``, numbered from 0) measured: its output columns.

    An input column of a reject column's name is refused (:func:`check_clashes`);
    errors name ``source``, where given.
    """
    log = read_events(frame, name=source)
    check_clashes(log.frame.columns, log.source)
    return partition_arrays(measure(log, ruleset, as_of, columns, calendar, threads=threads))


def partition_arrays(measured: Measured) -> dict[str, pa.Array]:
    """The output columns of a partition measured whole (every row measured or rejected).

    A partition's log is a frame, so row number n is its row n - 1 (no line of it
    is malformed).
    """
    outcomes = measured.outcomes
    assert outcomes is not None, "a partition's columns are made from its measured arrays"
    heads = measured.reject_heads
    size = measured.rows_read
    kept = outcomes.kept
    lost = heads["row"].to_numpy(dtype=np.int64) - 1
    if len(kept) + len(lost) != size:
        raise AssertionError(f"{size} rows: {len(kept)} measured and {len(lost)} rejected")
    timeliness = outcomes.timeliness
    status = np.full(size, len(STATUSES), dtype=np.int64)  # rejected, where not measured
    status[kept] = timeliness.status
    rejected = status == len(STATUSES)
    met = np.full(size, -1, dtype=np.int8)
    met[kept] = timeliness.target_met
    provisional = spread_flags(outcomes.provisional, kept, size)
    return {
        "due": iso_texts(spread_moments(outcomes.due, kept, size)),
        "earliest": iso_texts(spread_moments(outcomes.earliest, kept, size)),
        "target": iso_texts(spread_moments(outcomes.target, kept, size)),
        "status": pc.take(pa.array([*STATUSES, REJECTED], pa.large_string()), pa.array(status)),
        "working_days_late": _days(timeliness.working_days_late, kept, size),
        "calendar_days_late": _days(timeliness.calendar_days_late, kept, size),
        "target_met": pa.array(met == 1, mask=met < 0),
        "provisional": pa.array(provisional, mask=rejected),
        "reject_column": _texts(heads["column"], lost, size),
        "reject_reason": _texts(heads["reason"], lost, size),
    }


def _days(values: IntArray, rows: IntArray, size: int) -> pa.Array:
    spread = np.full(size, NO_DAYS, dtype=np.int64)
    spread[rows] = values
    return pa.array(spread, mask=spread == NO_DAYS)


def _texts(cells: pd.Series, rows: IntArray, size: int) -> pa.Array:
    spread = np.full(size, None, dtype=object)
    spread[rows] = [None if pd.isna(cell) else str(cell) for cell in cells]
    return pa.array(spread, type=pa.large_string())
