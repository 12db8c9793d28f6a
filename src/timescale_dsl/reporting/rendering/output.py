"""The per-row results as tables: measured rows, and rejected rows with their reasons.

Due, earliest and target are ISO 8601 text, as the engine writes them: a
date (``2026-12-24``) or a London date-time to the minute
(``2026-12-24T14:30``); one column can hold both, so text keeps the
difference that a date type would lose. Lateness is a nullable integer,
``target_met`` and ``provisional`` nullable booleans (``provisional`` is never
missing for a measured row: only a distributed run's rejected rows leave it blank).
"""

from __future__ import annotations

from typing import Final

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ...engine.moments import BoolArray, IntArray, Moments
from ...engine.problems import Problems
from ...engine.timeliness import NO_DAYS, Timeliness
from ...status import STATUSES
from ..reading.events import EventLog

OUTPUT_COLUMNS: Final = (
    "due",
    "earliest",
    "target",
    "status",
    "working_days_late",
    "calendar_days_late",
    "target_met",
    "provisional",
)
REJECT_COLUMNS: Final = ("row", "column", "reason")
#: The per-row output's last column: the record's row number in the input (1 = first record).
SOURCE_ROW: Final = "source_row"
DATE_COLUMNS: Final = ("due", "earliest", "target")


def uk_dates(text: pd.Series) -> pd.Series:
    """ISO text as a UK reader writes it: 2026-12-24 -> 24/12/2026, ...T14:30 -> ... 14:30."""
    result: pd.Series = text.str.replace(
        r"^(\d{4})-(\d{2})-(\d{2})(?:T(.*))?$",
        lambda m: f"{m[3]}/{m[2]}/{m[1]}" + (f" {m[4]}" if m[4] else ""),
        regex=True,
    )
    return result


def in_date_style(frame: pd.DataFrame, style: str) -> pd.DataFrame:
    """The output's date columns in the style asked for (``iso`` as they are, or ``uk``)."""
    if style != "uk":
        return frame
    present = [name for name in DATE_COLUMNS if name in frame.columns]
    return frame.assign(**{name: uk_dates(frame[name].astype("str")) for name in present})


def iso_text(moments: Moments) -> pd.Series:
    """ISO text per value (``model.iso``): dates as days, date-times to the minute."""
    series: pd.Series = iso_texts(moments).to_pandas()
    return series


def iso_texts(moments: Moments) -> pa.Array:
    """:func:`iso_text` as Arrow large strings (null where absent).

    Deadlines repeat (a million rows hold a few thousand distinct days), so each
    distinct value is formatted once and the rows take their text from it.
    """
    absent = moments.absent
    # One key per text: the minute, and whether a time is shown.
    minutes = np.where(absent, np.datetime64(0, "m"), moments.values.astype("datetime64[m]"))
    keys = minutes.astype(np.int64) * 2 + moments.timed
    # Numbered by hashing, not sorting: the order of the distinct keys is of no matter.
    codes, distinct = pd.factorize(keys)
    # One row of each key stands for it (any: the rows of a key share their text).
    rows = np.empty(len(distinct), dtype=np.int64)
    rows[codes] = np.arange(len(codes))
    texts = _iso_texts(Moments(moments.values[rows], moments.timed[rows]))
    indices = pa.array(codes.astype(np.int64), mask=absent)
    found: pa.Array = pc.take(texts, indices)
    return found


def month_text(moments: Moments) -> pd.Series:
    """The ``YYYY-MM`` that :func:`iso_text` begins with, per value (missing where absent).

    Each distinct month is formatted once.
    """
    absent = moments.absent
    months = np.where(absent, np.datetime64(0, "M"), moments.months)
    distinct_months, inverse = np.unique(months, return_inverse=True)
    firsts = Moments.of_days(distinct_months.astype("datetime64[D]"))
    texts = pc.utf8_slice_codeunits(_iso_texts(firsts), 0, 7)
    indices = pa.array(inverse.reshape(-1), type=pa.int64(), mask=absent)
    series: pd.Series = pc.take(texts, indices).to_pandas()
    return series


def _iso_texts(moments: Moments) -> pa.Array:
    stamps = pa.array(moments.values, type=pa.timestamp("us"), mask=moments.absent)
    text = pc.cast(pc.cast(stamps, pa.date32()), pa.large_string())
    if moments.timed.any():
        # "2026-12-24 14:30:00.000000" -> "2026-12-24T14:30"
        clock = pc.utf8_slice_codeunits(pc.cast(stamps, pa.large_string()), 0, 16)
        clock = pc.utf8_replace_slice(clock, 10, 11, "T")
        text = pc.if_else(pa.array(moments.timed), clock, text)
    return text


def rows_frame(
    frame: pd.DataFrame,
    rows: IntArray,
    due: Moments,
    earliest: Moments,
    target: Moments,
    timeliness: Timeliness,
    provisional: BoolArray,
) -> pd.DataFrame:
    """The measured rows: every input column, then the output columns.

    ``rows`` are the measured rows' positions in ``frame``; the deadlines,
    timeliness and provisional marks are already theirs, in that order.
    """
    if len(rows) == len(frame):  # nothing rejected: no copy of the input's cells
        out = frame.reset_index(drop=True).copy(deep=False)
    else:
        out = frame.iloc[rows].reset_index(drop=True)
    out["due"] = iso_text(due)
    out["earliest"] = iso_text(earliest)
    out["target"] = iso_text(target)
    out["status"] = status_column(timeliness)
    out["working_days_late"] = days_column(timeliness.working_days_late)
    out["calendar_days_late"] = days_column(timeliness.calendar_days_late)
    out["target_met"] = target_met_column(timeliness)
    out["provisional"] = provisional_column(provisional)
    return out


def status_column(timeliness: Timeliness) -> pd.Categorical[str]:
    return pd.Categorical.from_codes(timeliness.status, categories=pd.Index(list(STATUSES)))


def target_met_column(timeliness: Timeliness) -> pd.arrays.BooleanArray:
    met = timeliness.target_met
    return pd.arrays.BooleanArray(met == 1, met < 0)


def provisional_column(provisional: BoolArray) -> pd.arrays.BooleanArray:
    """Whether each due date may still move earlier: nullable, as a rejected row's is blank."""
    return pd.arrays.BooleanArray(provisional, np.zeros(len(provisional), dtype=np.bool_))


def days_column(values: npt.NDArray[np.int64]) -> pd.Series:
    """Days late as a nullable integer (missing where there is no figure)."""
    return pd.Series(pd.arrays.IntegerArray(values, values == NO_DAYS))


@attrs.frozen(eq=False)
class Rejected:
    """The rejected rows of a measurement: the malformed lines of the log, and the
    rows (positions in ``frame``) whose problems ``problems`` holds.

    Their table (:meth:`table`) is made only when asked for: a summary reads the
    reasons alone (:meth:`heads`). An input column itself called row, column or
    reason keeps its cells there as ``row (input)``.
    """

    frame: pd.DataFrame
    rows: IntArray
    log: EventLog
    problems: Problems

    def __len__(self) -> int:
        return len(self.log.malformed) + len(self.rows)

    def heads(self) -> pd.DataFrame:
        """Row number, column and reason of each, in row order (no cells: a summary and
        the first rejects a command tells of need no more)."""
        return self._heads(reject_order(self.log, self.rows))

    def table(self) -> pd.DataFrame:
        """:meth:`heads`, then each row's own cells (blank for a malformed line)."""
        own = take_rows(self.frame, self.rows)
        own.columns = [f"{c} (input)" if str(c) in REJECT_COLUMNS else c for c in own.columns]
        cells = own
        if self.log.malformed:
            blank = pd.DataFrame(
                index=range(len(self.log.malformed)), columns=own.columns, dtype="str"
            )
            cells = pd.concat([blank, own], ignore_index=True)
        order = reject_order(self.log, self.rows)
        return pd.concat([self._heads(order), cells.iloc[order].reset_index(drop=True)], axis=1)

    def _heads(self, order: IntArray) -> pd.DataFrame:
        log, rows, problems = self.log, self.rows, self.problems
        numbers = _reject_numbers(log, rows)
        # (A log without problems has no reasons to take: none are made for it.)
        told = problems.any
        columns = np.concatenate(
            [
                np.full(len(log.malformed), None, dtype=object),
                problems.column[rows] if told else np.empty(0, dtype=object),
            ]
        )
        reasons = np.concatenate(
            [
                np.array(
                    [f"not a row of the table ({m.reason}): {m.text}" for m in log.malformed],
                    dtype=object,
                ),
                problems.reason[rows] if told else np.empty(0, dtype=object),
            ]
        )
        return pd.DataFrame(
            {
                "row": numbers[order],
                "column": pd.Series(columns[order], dtype="str"),
                "reason": pd.Series(reasons[order], dtype="str"),
            }
        )


#: Up to this many rows are taken as slices of the frame, not by one take per column.
_FEW_ROWS: Final = 256


def take_rows(frame: pd.DataFrame, rows: IntArray) -> pd.DataFrame:
    """The given rows of ``frame``, numbered from 0.

    A take from a column held in many Arrow chunks (as the CSV reader leaves
    it) joins the chunks first, even for no rows at all; a handful of rejected
    rows are cheaper as slices, which touch only their own chunk.
    """
    if len(rows) > _FEW_ROWS:
        return frame.iloc[rows].reset_index(drop=True)
    if len(rows) == 0:
        return frame.iloc[:0].reset_index(drop=True)
    return pd.concat([frame.iloc[row : row + 1] for row in rows]).reset_index(drop=True)


def reject_order(log: EventLog, rows: IntArray) -> IntArray:
    """The order :class:`Rejected` puts malformed lines and rejected rows in."""
    order: IntArray = np.argsort(_reject_numbers(log, rows), kind="stable")
    return order


def _reject_numbers(log: EventLog, rows: IntArray) -> IntArray:
    """The row numbers of the malformed lines, then of the rejected rows."""
    numbers: IntArray = np.concatenate(
        [np.array([m.row for m in log.malformed], dtype=np.int64), log.rows[rows]]
    )
    return numbers
