"""The reporting API in three calls: a DataFrame, a partition, or files in and out.

* :func:`timeliness`: an event log (DataFrame, CSV or Parquet) -> measured
  rows, rejected rows and the summary.
* :func:`measure_partition`: one partition of a distributed frame (Dask,
  Spark's ``mapInPandas``) -> the same rows with statuses, rejected rows
  kept in place with their reason; see docs/report.md.
* :func:`report_files`: what ``timescale report`` does, files to files.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa

from ..binding import load_ruleset
from ..calendars.base import Calendar
from ..calendars.registry import calendar_by_name
from ..errors import UnknownRuleError
from ..paths import check_outputs, check_table_suffixes
from ..ruleset import Ruleset
from ..syntax.names import column_key
from .measuring import Measured, measure
from .partition import PARTITION_COLUMNS, PARTITION_TYPES, measured_columns, pandas_column
from .progress import ProgressBar
from .reading.cells import distinct
from .reading.events import (
    ColumnMap,
    EventLog,
    EventsError,
    find_columns,
    read_events,
    required_columns,
)
from .rendering.html import render_html
from .rendering.output import in_date_style
from .rendering.render import render_csv, render_json, render_table, write_table
from .summarising.chase import chase_list
from .summarising.summary import Summary, check_by, summarise


@attrs.frozen(eq=False)
class Report:
    measured: Measured
    summary: Summary

    @property
    def rows(self) -> pd.DataFrame:
        return self.measured.rows

    @property
    def rejects(self) -> pd.DataFrame:
        return self.measured.rejects


def timeliness(
    events: pd.DataFrame | str | Path,
    ruleset: Ruleset,
    as_of: dt.date,
    by: Sequence[str] = (),
    columns: ColumnMap | None = None,
    calendar: Calendar | None = None,
    sheet: str | None = None,
) -> Report:
    """Measure an event log and summarise it per rule (and per the ``by`` columns)."""
    log = read_events(events, sheet=sheet)
    _check_columns(log, columns or ColumnMap(), by)
    measured = measure(log, ruleset, as_of, columns, calendar)
    return Report(measured, summarise(measured, ruleset, by))


def _check_columns(log: EventLog, columns: ColumnMap, by: Sequence[str]) -> None:
    """The log's own columns first (a wrong sheet or a title line is told as such),
    then the ``by`` columns, before anything is measured."""
    required_columns(log, columns)
    check_by(log.frame, by)


@functools.lru_cache(maxsize=8)
def _ruleset_at(path: str) -> Ruleset:
    return load_ruleset(path)


def measure_partition(
    frame: pd.DataFrame,
    ruleset: Ruleset | str | Path,
    as_of: dt.date,
    columns: ColumnMap | None = None,
    calendar: Calendar | None = None,
    threads: bool = False,
) -> pd.DataFrame:
    """One partition: every input row, in order, with the output columns.

    Rejected rows keep their place with status ``rejected`` and the column
    and reason in ``reject_column`` and ``reject_reason``. A recurring
    rule's occurrences are measured within the partition, so partition by
    child first (docs/report.md). Pass the ruleset's path rather than the
    Ruleset where workers are other processes (Spark, Dask's process
    scheduler): each worker then loads it once. A partition is measured on the
    calling thread (an engine runs a task a core), unless ``threads``.
    """
    if not isinstance(ruleset, Ruleset):
        ruleset = _ruleset_at(str(ruleset))
    frame = frame.reset_index(drop=True)
    found = measured_columns(frame, ruleset, as_of, columns, calendar, threads=threads)
    rows = frame.copy(deep=False)
    for name, cells in found.items():
        rows[name] = pandas_column(cells)
    return rows


def recurring_rows(
    frame: pd.DataFrame, ruleset: Ruleset | str | Path, columns: ColumnMap | None = None
) -> pd.Series:
    """True for the rows of a recurring rule, as :func:`measure_partition` matches rule names.

    Only these need all of a child's rows in one partition (a series is measured
    along the child's occurrences); every other row is measured on its own, in
    whatever partition it was read into. A distributed run then moves only these
    rows by child (docs/report.md). Rows naming no known rule are False: they are
    rejected wherever they are.
    """
    if not isinstance(ruleset, Ruleset):
        ruleset = _ruleset_at(str(ruleset))
    wanted = (columns or ColumnMap()).rule
    column = find_columns(frame).get(column_key(wanted))
    if column is None:
        raise EventsError(f"no rule column '{wanted}' in the partition")
    codes, uniques = distinct(frame[column])
    recurring = []
    for key in uniques:
        try:
            recurring.append(ruleset.rule(key).is_recurring)
        except UnknownRuleError:
            recurring.append(False)
    found = np.array([*recurring, False], dtype=np.bool_)[codes]  # code -1 (blank): False
    return pd.Series(found, index=frame.index, name="recurring")


def partition_meta(frame: pd.DataFrame) -> pd.DataFrame:
    """The empty frame :func:`measure_partition` returns for ``frame``'s columns (Dask ``meta``)."""
    meta = frame.iloc[:0].copy()
    for name, kind in PARTITION_TYPES.items():
        meta[name] = pandas_column(pa.array([], kind))
    return meta[[*frame.columns, *PARTITION_COLUMNS]]


@attrs.frozen(eq=False)
class FilesOutcome:
    summary: Summary
    text: str
    first_rejects: list[tuple[int, str, str]]


def render(summary: Summary, summary_format: str, chase: pd.DataFrame | None = None) -> str:
    if summary_format == "json":
        return render_json(summary)
    if summary_format == "csv":
        return render_csv(summary)
    if summary_format == "html":
        return render_html(summary, chase)
    return render_table(summary)


def report_files(
    ruleset: Ruleset,
    events: str | Path,
    as_of: dt.date,
    by: Sequence[str] = (),
    summary_format: str = "table",
    output: str | Path | None = None,
    rows_out: str | Path | None = None,
    rejects_out: str | Path | None = None,
    child_column: str = "child_id",
    rule_column: str = "rule",
    completed_column: str = "completed_at",
    calendar_name: str | None = None,
    progress: bool = True,
    fact_columns: Sequence[tuple[str, str]] = (),
    chase_out: str | Path | None = None,
    due_within: int | None = None,
    sheet: str | None = None,
    date_style: str = "iso",
    read: Callable[[], EventLog] | None = None,
) -> FilesOutcome:
    """Read an event log, measure it, write the summary and the per-row files asked for.

    Outputs that would overwrite the event log, the rule file or each other
    are refused (:class:`~timescale_dsl.paths.OutputPathError`) before anything is read.
    ``read`` gives the log of ``events`` where it is already being read
    (:class:`~.readahead.ReadAhead`).
    """
    inputs = [("the event log", events)]
    if Path(ruleset.path).is_file():
        inputs.append(("the rule file", ruleset.path))
    check_outputs(
        inputs,
        [
            ("output", output),
            ("rows_out", rows_out),
            ("rejects_out", rejects_out),
            ("chase_out", chase_out),
        ],
    )
    check_table_suffixes(
        [("rows_out", rows_out), ("rejects_out", rejects_out), ("chase_out", chase_out)]
    )
    log: EventLog = read() if read is not None else read_events(events, sheet=sheet)
    columns = ColumnMap(child_column, rule_column, completed_column, fact_columns)
    _check_columns(log, columns, by)
    calendar = calendar_by_name(calendar_name) if calendar_name else None
    bar = ProgressBar(len(log.frame), "measuring") if progress else None
    try:
        measured = measure(log, ruleset, as_of, columns, calendar, bar)
    finally:
        if bar is not None:
            bar.close()
    summary = summarise(measured, ruleset, by)
    # The chase list only where it is shown or written: it costs a pass over the rows.
    wanted = chase_out is not None or summary_format == "html"
    chase = chase_list(measured, ruleset, by, due_within, calendar) if wanted else None
    text = render(summary, summary_format, chase)
    if output is not None:
        Path(output).write_text(text, encoding="utf-8")
    if rows_out is not None:
        write_table(in_date_style(measured.rows, date_style), rows_out)
    if rejects_out is not None:
        write_table(measured.rejects, rejects_out)
    if chase is not None and chase_out is not None:
        write_table(in_date_style(chase, date_style), chase_out)
    head = measured.reject_heads.head(10)
    first = [
        (int(r), "" if pd.isna(c) else str(c), str(m))
        for r, c, m in zip(head["row"], head["column"], head["reason"], strict=True)
    ]
    return FilesOutcome(summary, text, first)


def ruleset_at(path: str | Path) -> Ruleset:
    """The ruleset at ``path``, parsed once per process: the one :func:`measure_partition`
    and the :mod:`.distributed` tasks use when given the path.

    A distributed script loads it this way before its tasks run: workers forked
    from the script then find it parsed, and other workers parse it once each.
    """
    return _ruleset_at(str(path))
