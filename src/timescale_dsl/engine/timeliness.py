"""Where records stand against their deadlines, for columns: the one definition of timeliness.

The statuses and how lateness is counted are described in
:mod:`timescale_dsl.status` (and docs/report.md); ``record_status`` there is
this classification of a column of one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from ..status import EARLY, LATE, NO_TIMESCALE, ON_TIME, OPEN, OVERDUE, STATUSES
from .arithmetic import WorkingDayIndex
from .moments import Moments

#: A row's status is held as its position in STATUSES.
CODE: Final = {name: np.int8(number) for number, name in enumerate(STATUSES)}

NO_DAYS: Final = -(2**62)  # "not applicable" in the lateness columns


@attrs.frozen(eq=False)
class Timeliness:
    """Per row: status (a code into STATUSES), lateness (NO_DAYS where it does not apply)
    and whether the target was met (1, 0, or -1 where unknown or there is none)."""

    status: npt.NDArray[np.int8]
    working_days_late: npt.NDArray[np.int64]
    calendar_days_late: npt.NDArray[np.int64]
    target_met: npt.NDArray[np.int8]

    @staticmethod
    def joined(parts: Sequence[Timeliness]) -> Timeliness:
        """The rows of ``parts``, one after another."""
        return Timeliness(
            np.concatenate([part.status for part in parts]),
            np.concatenate([part.working_days_late for part in parts]),
            np.concatenate([part.calendar_days_late for part in parts]),
            np.concatenate([part.target_met for part in parts]),
        )


def as_of_moment(as_of: dt.date) -> np.datetime64:
    """The last instant the as-of date (or date-time) allows."""
    if isinstance(as_of, dt.datetime):
        return np.datetime64(as_of.replace(tzinfo=None), "us")
    start = np.datetime64(as_of, "D").astype("datetime64[us]")
    end: np.datetime64 = start + (np.timedelta64(1, "D") - np.timedelta64(1, "us"))
    return end


def classify(
    due: Moments,
    earliest: Moments,
    target: Moments,
    completed: Moments,
    as_of: dt.date,
    index: WorkingDayIndex | None,
) -> Timeliness:
    """Statuses of records that have a due date (rows without one are NO_TIMESCALE);
    without a calendar's ``index``, working days late are not counted."""
    size = len(due)
    now = as_of_moment(as_of)
    done = completed.present
    has_due = due.present
    # Each column's ends once: a million rows' ends cost more than the comparisons.
    due_end, completed_start = due.end, completed.start
    # In the worker's favour: the start of a date-only completion against the due,
    # its end against the earliest.
    late = done & has_due & (completed_start > due_end)
    early = done & earliest.present & ~late & (completed.end < earliest.start)
    overdue = ~done & has_due & (now > due_end)
    status = np.full(size, CODE[NO_TIMESCALE], dtype=np.int8)
    status[has_due & done] = CODE[ON_TIME]
    status[late] = CODE[LATE]
    status[early] = CODE[EARLY]
    status[has_due & ~done] = CODE[OPEN]
    status[overdue] = CODE[OVERDUE]

    counted_to = np.where(done, completed.days, np.datetime64(as_of, "D"))
    lateness_rows = late | overdue
    calendar = np.full(size, NO_DAYS, dtype=np.int64)
    working = np.full(size, NO_DAYS, dtype=np.int64)
    punctual = (status == CODE[ON_TIME]) | (status == CODE[EARLY])
    calendar[punctual] = 0
    working[punctual] = 0
    due_days = due.days
    calendar[lateness_rows] = (counted_to - due_days)[lateness_rows].astype(np.int64)
    countable = lateness_rows
    if index is not None:
        countable = countable & index.in_range(due_days) & index.in_range(counted_to)
    if index is not None and countable.any():
        working[countable] = index.count_between_array(due_days[countable], counted_to[countable])

    met = np.full(size, -1, dtype=np.int8)
    with_target = target.present & has_due
    target_end = target.end
    met[with_target & done & (completed_start <= target_end)] = 1
    met[with_target & done & (completed_start > target_end)] = 0
    met[with_target & ~done & (now > target_end)] = 0
    return Timeliness(status, working, calendar, met)


def counts(status: npt.NDArray[np.int8]) -> dict[str, int]:
    """How many rows have each status (all statuses, zeros included)."""
    found = np.bincount(status, minlength=len(STATUSES))
    return {name: int(found[number]) for number, name in enumerate(STATUSES)}
