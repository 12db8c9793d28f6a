"""Date arithmetic over any Calendar: working days, hours, months; scalar and array forms.

Working days are counted through a precomputed index of the calendar's
vouched range (which days work, and a running count of working days), so
"the Nth working day after X" is two array lookups, for one date or a
million. Dates outside the vouched range raise CalendarRangeError.
"""

from __future__ import annotations

import datetime as dt
import math

import attrs
import numpy as np
import numpy.typing as npt

from ..calendars.base import Calendar, HolidayCalendar, range_error
from ..calendars.cache import CalendarMemo
from ..errors import CalendarRangeError, NonexistentTimeError
from ..timezones import LONDON as LONDON

DAY = np.timedelta64(1, "D")

DateArray = npt.NDArray[np.datetime64]


@attrs.frozen(eq=False)
class WorkingDayIndex:
    """Which days of a calendar's vouched range work, and how many up to each."""

    calendar: Calendar
    origin: np.datetime64
    is_working: npt.NDArray[np.bool_]
    running_count: npt.NDArray[np.int64]  # working days in [origin, origin + i]
    working_offsets: npt.NDArray[np.int64]  # offsets of the working days, ascending

    @classmethod
    def build(cls, calendar: Calendar) -> WorkingDayIndex:
        first, last = calendar.first_day, calendar.last_day
        size = (last - first).days + 1
        if isinstance(calendar, HolidayCalendar):
            flags = _holiday_calendar_flags(calendar, size)
        else:
            flags = np.fromiter(
                (calendar.is_working_day(first + dt.timedelta(days=i)) for i in range(size)),
                dtype=np.bool_,
                count=size,
            )
        return cls(
            calendar,
            np.datetime64(first, "D"),
            flags,
            np.cumsum(flags, dtype=np.int64),
            np.flatnonzero(flags).astype(np.int64),
        )

    # -- range checks ------------------------------------------------------
    def _offset(self, day: dt.date) -> int:
        offset = (day - self.calendar.first_day).days
        if not 0 <= offset < len(self.is_working):
            raise _out_of_range(self.calendar, day)
        return offset

    def offsets(self, days: DateArray) -> npt.NDArray[np.int64]:
        """Offsets of many dates into the index; raises if any falls outside."""
        offsets = (days.astype("datetime64[D]") - self.origin).astype(np.int64)
        bad = (offsets < 0) | (offsets >= len(self.is_working))
        if bad.any():
            first_bad = days[np.flatnonzero(bad)[0]].astype("datetime64[D]").item()
            raise _out_of_range(self.calendar, first_bad)
        return offsets

    def in_range(self, days: DateArray) -> npt.NDArray[np.bool_]:
        offsets = (days.astype("datetime64[D]") - self.origin).astype(np.int64)
        return (offsets >= 0) & (offsets < len(self.is_working))

    def _day(self, position: int, anchor: dt.date) -> dt.date:
        if not len(self.working_offsets):
            raise no_working_days(self.calendar)
        if not 0 <= position < len(self.working_offsets):
            raise _out_of_range(self.calendar, anchor, result=True)
        return self.calendar.first_day + dt.timedelta(days=int(self.working_offsets[position]))

    def check(self, day: dt.date) -> None:
        """CalendarRangeError unless the calendar vouches for ``day``."""
        self._offset(day)

    # -- scalar --------------------------------------------------------------
    def after(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th working day strictly after ``day`` (count >= 1)."""
        offset = self._offset(day)
        return self._day(int(self.running_count[offset]) + count - 1, day)

    def before(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th working day strictly before ``day`` (count >= 1)."""
        offset = self._offset(day)
        earlier = int(self.running_count[offset]) - int(self.is_working[offset])
        return self._day(earlier - count, day)

    def roll_forward(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the next working day."""
        offset = self._offset(day)
        return day if self.is_working[offset] else self.after(day, 1)

    def roll_backward(self, day: dt.date) -> dt.date:
        offset = self._offset(day)
        return day if self.is_working[offset] else self.before(day, 1)

    def count_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end], negative when end is before start."""
        a, b = self._offset(start), self._offset(end)
        return int(self.running_count[b]) - int(self.running_count[a])

    # -- arrays ----------------------------------------------------------------
    def after_array(self, days: DateArray, counts: npt.ArrayLike) -> DateArray:
        offsets = self.offsets(days)
        positions = self.running_count[offsets] + np.asarray(counts, dtype=np.int64) - 1
        return self._days_at(positions, days)

    def before_array(self, days: DateArray, counts: npt.ArrayLike) -> DateArray:
        offsets = self.offsets(days)
        earlier = self.running_count[offsets] - self.is_working[offsets]
        return self._days_at(earlier - np.asarray(counts, dtype=np.int64), days)

    def count_between_array(self, starts: DateArray, ends: DateArray) -> npt.NDArray[np.int64]:
        return self.running_count[self.offsets(ends)] - self.running_count[self.offsets(starts)]

    def _days_at(self, positions: npt.NDArray[np.int64], anchors: DateArray) -> DateArray:
        bad = (positions < 0) | (positions >= len(self.working_offsets))
        if bad.any() and not len(self.working_offsets):
            raise no_working_days(self.calendar)
        if bad.any():
            anchor = anchors[np.flatnonzero(bad)[0]].astype("datetime64[D]").item()
            raise _out_of_range(self.calendar, anchor, result=True)
        result: DateArray = self.origin + self.working_offsets[positions]
        return result


def range_message(calendar: Calendar, day: dt.date, counting: bool = False) -> str:
    """Why a date cannot be used: the wording of CalendarRangeError, for batch rejects too."""
    return str(_out_of_range(calendar, day, counting))


def no_working_days(calendar: Calendar) -> CalendarRangeError:
    """A calendar whose weekend and closures leave no day to count."""
    return CalendarRangeError(
        f"the calendar '{calendar.name}' has no working days from "
        f"{calendar.first_day.isoformat()} to {calendar.last_day.isoformat()}: "
        "its weekend and closures cover every day"
    )


def _out_of_range(calendar: Calendar, day: dt.date, result: bool = False) -> CalendarRangeError:
    return range_error(calendar, day, "counting from" if result else "date")


def _holiday_calendar_flags(calendar: HolidayCalendar, size: int) -> npt.NDArray[np.bool_]:
    """Which days work, for a calendar given as data: whole arrays, not a call a day."""
    days = np.datetime64(calendar.first_day, "D") + np.arange(size)
    weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday (3)
    holidays = np.array([d for d, _ in calendar.holidays], dtype="datetime64[D]")
    flags: npt.NDArray[np.bool_] = ~np.isin(weekday, sorted(calendar.weekend))
    flags &= ~np.isin(days, holidays)
    return flags


_INDEXES = CalendarMemo(WorkingDayIndex.build)


def working_day_index(calendar: Calendar) -> WorkingDayIndex:
    """The index of a calendar, cached as calendars/cache.py describes."""
    index: WorkingDayIndex = _INDEXES.get(calendar)
    return index


def non_working_days(calendar: Calendar, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """Non-working days strictly between start and end (either order), with reasons.

    The index finds them; the calendar is asked only for their reasons.
    """
    low, high = (start, end) if start <= end else (end, start)
    if high - low <= dt.timedelta(days=1):
        return []
    index = working_day_index(calendar)
    index.check(low)
    index.check(high)
    first = (low - calendar.first_day).days + 1
    last = (high - calendar.first_day).days
    found = []
    for offset in np.flatnonzero(~index.is_working[first:last]):
        day = low + dt.timedelta(days=int(offset) + 1)
        found.append((day, calendar.non_working_reason(day) or "not a working day"))
    return found


def add_months_to_days(days: DateArray, months: int) -> DateArray:
    """Calendar months, clipped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month = days.astype("datetime64[M]")
    day_of_month = (days - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    length = (
        (target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")
    ).astype(np.int64)
    offset = np.minimum(day_of_month, length - 1).astype("timedelta64[D]")
    result: DateArray = target.astype("datetime64[D]") + offset
    return result


def add_months(day: dt.date, months: int) -> dt.date:
    """:func:`add_months_to_days` for one date; past year 9999 (or before 1) overflows."""
    result = add_months_to_days(np.array([day], dtype="datetime64[D]"), months)[0].item()
    if not isinstance(result, dt.date):
        raise OverflowError(f"{months} months from {day} is beyond the dates Python holds")
    return result


def nonexistent_time_message(moment: dt.datetime) -> str:
    """Why a wall-clock time inside the spring-forward gap cannot be counted from."""
    return (
        f"{moment:%H:%M} on {moment:%a %d %b %Y} did not happen in London: the clocks "
        "went forward an hour that night, so elapsed hours cannot be counted from it; "
        "check the time recorded"
    )


def check_time_exists(moment: dt.datetime) -> None:
    """Refuse a London wall-clock time that the spring change skipped (01:30 on 29 March 2026).

    A repeated autumn time is read as its first occurrence (``fold=0``).
    """
    aware = moment.replace(tzinfo=LONDON)
    if aware.astimezone(dt.UTC).astimezone(LONDON).replace(tzinfo=None) != moment:
        raise NonexistentTimeError(nonexistent_time_message(moment))


def add_hours(moment: dt.datetime, hours: int) -> dt.datetime:
    """Elapsed hours in Europe/London: a daylight-saving change shifts the wall clock.

    ``moment`` is a naive local (London) time; so is the result. A time the
    spring change skipped is refused (:func:`check_time_exists`).
    """
    check_time_exists(moment)
    aware = moment.replace(tzinfo=LONDON)
    shifted = (aware.astimezone(dt.UTC) + dt.timedelta(hours=hours)).astimezone(LONDON)
    return shifted.replace(tzinfo=None)


def hours_on_date_only(day: dt.date, hours: int, direction: int) -> dt.date:
    """Hours from a date with no time: whole days, rounded up in the reader's favour."""
    days = math.ceil(hours / 24)
    return day + dt.timedelta(days=direction * days)


def _working_hours_of(calendar: Calendar, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """When a working day's countable hours start and end (all day without office hours)."""
    if calendar.office_hours is None:
        midnight = dt.datetime.combine(day, dt.time(0))
        return midnight, midnight + dt.timedelta(days=1)
    opening, closing = calendar.office_hours
    return dt.datetime.combine(day, opening), dt.datetime.combine(day, closing)


def add_working_hours(calendar: Calendar, moment: dt.datetime, hours: int) -> dt.datetime:
    """``hours`` counted only on working days (and only in office hours, if set).

    Without office hours a working day contributes all 24 hours, so 24
    working hours after Friday 14:00 is Monday 14:00. A moment on a
    non-working day (or outside office hours) starts at the next opening.
    """
    index = working_day_index(calendar)
    remaining = dt.timedelta(hours=hours)
    day, position = moment.date(), moment
    while True:
        day = index.roll_forward(day)
        start, end = _working_hours_of(calendar, day)
        position = max(position, start)
        available = max(end - position, dt.timedelta(0))
        if remaining <= available:
            return position + remaining
        remaining -= available
        day += dt.timedelta(days=1)


def subtract_working_hours(calendar: Calendar, moment: dt.datetime, hours: int) -> dt.datetime:
    """``hours`` counted backwards over working time."""
    index = working_day_index(calendar)
    remaining = dt.timedelta(hours=hours)
    day, position = moment.date(), moment
    while True:
        day = index.roll_backward(day)
        start, end = _working_hours_of(calendar, day)
        position = min(position, end)
        available = max(position - start, dt.timedelta(0))
        if remaining <= available:
            return position - remaining
        remaining -= available
        day -= dt.timedelta(days=1)
