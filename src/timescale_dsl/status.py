"""Where a record stands against its deadline: the status vocabulary and its scalar form.

The definitions (docs/semantics.md, docs/report.md), shared with the batch report:

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

from .calendars.base import Calendar, working_days_between
from .errors import CalendarRangeError
from .facts import parse_when
from .model import When, as_date, end_of
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


def _start_of(value: When) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time.min)


def as_moment(value: When | str) -> When:
    """A completion or as-of value: text parsed, aware times converted to London."""
    if isinstance(value, str):
        value = parse_when(value)
    if isinstance(value, dt.datetime):
        return to_london(value)
    return value


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
    done = as_moment(completed) if completed is not None else None
    now = as_moment(as_of) if as_of is not None else today_in_london()
    status: StatusName
    if done is not None:
        if _start_of(done) > end_of(due):
            status = LATE
        elif earliest is not None and end_of(done) < _start_of(earliest):
            status = EARLY
        else:
            status = ON_TIME
    else:
        status = OVERDUE if end_of(now) > end_of(due) else OPEN

    met: bool | None = None
    if target is not None:
        if done is not None:
            met = _start_of(done) <= end_of(target)
        elif end_of(now) > end_of(target):
            met = False

    if status in (ON_TIME, EARLY):
        return RecordStatus(status, 0, 0, met)
    if status == OPEN:
        return RecordStatus(status, None, None, met)
    counted_to = as_date(done if done is not None else now)
    due_day = as_date(due)
    working: int | None = None
    if calendar is not None:
        try:
            working = working_days_between(calendar, due_day, counted_to)
        except CalendarRangeError:
            working = None
    return RecordStatus(status, working, (counted_to - due_day).days, met)
