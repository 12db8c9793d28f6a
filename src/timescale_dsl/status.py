"""Where a record stands against its deadline: the status vocabulary, and one record's status.

The definitions (docs/semantics.md, docs/report.md), computed for one record or a
million by one function (engine/timeliness.py):

* on_time: completed on or before the due date (any time on a date-only due day);
* late: completed after it;
* early: completed before the window's earliest date, where there is one;
* overdue: not completed, and the as-of moment is after the due date;
* open: not completed and not yet past due;
* no_timescale: the rule sets no fixed timescale, or says none is required for these facts.

A completion given as a date only is read in the worker's favour: it is on
time when its day is not after a date-time due, and not early when its day
is not before the earliest. Lateness counts days from the due date to the
completion (or, for an overdue record, the as-of date): working days in
(due, completed] and calendar days; on time and early are 0 days late. The
as-of date lasts until the end of its day.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

import attrs

from .calendars.base import Calendar
from .errors import FactValueError
from .facts import parse_when, plain_value
from .model import When
from .timezones import LONDON, to_london

StatusName = Literal["on_time", "late", "early", "overdue", "open", "no_timescale"]

ON_TIME: Final = "on_time"
LATE: Final = "late"
EARLY: Final = "early"
OVERDUE: Final = "overdue"
OPEN: Final = "open"
NO_TIMESCALE: Final = "no_timescale"

#: Statuses in the order reports show them.
STATUSES: Final = (ON_TIME, LATE, EARLY, OVERDUE, OPEN, NO_TIMESCALE)
#: The statuses that count towards the percentage on time (see docs/report.md).
MEASURED: Final = (ON_TIME, LATE, EARLY, OVERDUE)


@attrs.frozen
class RecordStatus:
    """A record's status, how late it is, and whether it met its target.

    ``working_days_late``/``calendar_days_late``: 0 when on time or early,
    a count when late or overdue, None when open, without a timescale, or
    (working days only) when the calendar does not cover the days between.
    ``target_met``: None where there is no target or it is not yet decided.
    """

    status: StatusName
    working_days_late: int | None = None
    calendar_days_late: int | None = None
    target_met: bool | None = None


def as_moment(value: object, what: str = "a completion") -> When | None:
    """A completion or as-of value: text parsed, aware times converted to London; None
    for a missing one (None, pandas' NaT, NaN). Anything else is refused, naming it."""
    value = plain_value(value)
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_when(value)
    if isinstance(value, dt.datetime):
        return to_london(value)
    if isinstance(value, dt.date):
        return value
    raise FactValueError(
        f"{what} must be a date, a date-time or their text, not {type(value).__name__} {value!r}"
    )


def today_in_london() -> dt.date:
    return dt.datetime.now(LONDON).date()


def record_status(
    due: When | None,
    *,
    completed: When | str | None = None,
    as_of: When | str | None = None,
    earliest: When | None = None,
    target: When | None = None,
    calendar: Calendar | None = None,
) -> RecordStatus:
    """The status of one record, as the batch report classifies each row."""
    if due is None:
        return RecordStatus(NO_TIMESCALE)
    # One record is a column of one: the definition is engine/timeliness.py's.
    from .engine.arithmetic import working_day_index
    from .engine.moments import Moments
    from .engine.timeliness import NO_DAYS, classify

    done = as_moment(completed)
    now = as_moment(as_of, "as_of") or today_in_london()
    index = None if calendar is None else working_day_index(calendar)
    found = classify(
        Moments.of_python([due]),
        Moments.of_python([earliest]),
        Moments.of_python([target]),
        Moments.of_python([done]),
        now,
        index,
    )
    status: StatusName = STATUSES[int(found.status[0])]
    working, calendar_days = int(found.working_days_late[0]), int(found.calendar_days_late[0])
    met = int(found.target_met[0])
    return RecordStatus(
        status,
        None if working == NO_DAYS else working,
        None if calendar_days == NO_DAYS else calendar_days,
        None if met < 0 else bool(met),
    )
