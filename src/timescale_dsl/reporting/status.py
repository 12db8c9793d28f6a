"""The status of each record against its deadline, and how late it is (docs/semantics.md).

* on_time: completed on or before the due date (any time on a date-only due day);
* late: completed after it;
* early: completed before the window's earliest date, where there is one;
* overdue: not completed, and the as-of moment is after the due date;
* open: not completed and not yet past due.

A completion given as a date only is read in the worker's favour: it is on
time when its day is not after a date-time due, and not early when its day
is not before the earliest. Lateness counts days between the due date and
the completion (or, for an overdue record, the as-of date): working days
in (due, completed] and calendar days; a date-time due met later the same
day is late by 0 days. The as-of date lasts until the end of its day.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from ..engine.arithmetic import WorkingDayIndex
from ..engine.moments import Moments

# The vocabulary lives in the core (timescale_dsl.status); re-exported here.
from ..status import EARLY as EARLY
from ..status import LATE as LATE
from ..status import MEASURED as MEASURED
from ..status import NO_TIMESCALE as NO_TIMESCALE
from ..status import ON_TIME as ON_TIME
from ..status import OPEN as OPEN
from ..status import OVERDUE as OVERDUE
from ..status import STATUSES as STATUSES

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
    index: WorkingDayIndex,
) -> Timeliness:
    """Statuses of records that have a due date (rows without one are NO_TIMESCALE)."""
    size = len(due)
    now = as_of_moment(as_of)
    done = completed.present
    has_due = due.present
    # In the worker's favour: the start of a date-only completion against the due,
    # its end against the earliest.
    late = done & has_due & (completed.start > due.end)
    early = done & earliest.present & ~late & (completed.end < earliest.start)
    overdue = ~done & has_due & (now > due.end)
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
    countable = lateness_rows & index.in_range(due_days) & index.in_range(counted_to)
    if countable.any():
        working[countable] = index.count_between_array(due_days[countable], counted_to[countable])

    met = np.full(size, -1, dtype=np.int8)
    with_target = target.present & has_due
    met[with_target & done & (completed.start <= target.end)] = 1
    met[with_target & done & (completed.start > target.end)] = 0
    met[with_target & ~done & (now > target.end)] = 0
    return Timeliness(status, working, calendar, met)


def counts(status: npt.NDArray[np.int8]) -> dict[str, int]:
    """How many rows have each status (all statuses, zeros included)."""
    found = np.bincount(status, minlength=len(STATUSES))
    return {name: int(found[number]) for number, name in enumerate(STATUSES)}
