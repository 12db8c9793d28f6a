"""Durations after or before whole columns of moments, as ``Evaluation.shift`` does one at a time.

Working days go through the calendar's precomputed working-day index
(``WorkingDayIndex.after_array`` / ``before_array``); calendar days, weeks,
months and years are numpy date arithmetic; hours on date-times go through
London's offset table. Working hours forward from date-times without office
hours have a closed form (:mod:`.workinghours`); the rest of working hours,
defined by a walk over office hours, use the engine's scalar arithmetic once
per distinct start.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import numpy as np

from ..arithmetic import (
    WorkingDayIndex,
    no_working_days,
    nonexistent_time_message,
    range_message,
)
from ..calendars.base import Calendar
from ..errors import TimescaleError
from ..evaluate import Evaluation
from ..limits import beyond_dates_message
from ..model import Deadline, When
from ..syntax import ast
from . import london
from .moments import DAY, NAT, BoolArray, DayArray, Moments, show
from .problems import Problems
from .workinghours import add_working_hours

FIRST_DATE = np.datetime64("0001-01-01", "D")
LAST_DATE = np.datetime64("9999-12-31", "D")


def add_months(days: DayArray, months: int) -> DayArray:
    """Calendar months, clipped to the month's last day (``arithmetic.add_months``)."""
    month = days.astype("datetime64[M]")
    day_of_month = (days - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    length = (
        (target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")
    ).astype(np.int64)
    offset = np.minimum(day_of_month, length - 1).astype("timedelta64[D]")
    result: DayArray = target.astype("datetime64[D]") + offset
    return result


def out_of_range_reason(calendar: Calendar, day: dt.date, counting: bool) -> str:
    """The wording of the engine's CalendarRangeError."""
    return range_message(calendar, day, counting)


class Shifter:
    """Shifts for one calendar and counting convention; problems go to the caller's rows."""

    def __init__(
        self, calendar: Calendar, index: WorkingDayIndex, event_day_number: int, task: str
    ) -> None:
        self.calendar = calendar
        self.index = index
        self.event_day_number = event_day_number
        self.task = task

    # -- working days ------------------------------------------------------------
    def _range_problems(
        self, days: DayArray, counts: int, after: bool, usable: BoolArray, problems: Problems
    ) -> BoolArray:
        """Rows whose start or result falls outside the calendar; records why."""
        index = self.index
        offsets = (days - index.origin).astype(np.int64)
        inside = usable & (offsets >= 0) & (offsets < len(index.is_working))
        safe = np.where(inside, offsets, 0)
        if after:
            positions = index.running_count[safe] + counts - 1
        else:
            positions = index.running_count[safe] - index.is_working[safe] - counts
        reaches = inside & (positions >= 0) & (positions < len(index.working_offsets))
        self._describe(days, usable & ~inside, False, problems)
        self._describe(days, inside & ~reaches, True, problems)
        result: BoolArray = usable & ~reaches
        return result

    def _describe(
        self, days: DayArray, mask: BoolArray, counting: bool, problems: Problems
    ) -> None:
        if not mask.any():
            return
        if not len(self.index.working_offsets):
            problems.add(mask, str(no_working_days(self.calendar)))
            return
        for day in np.unique(days[mask]):
            reason = out_of_range_reason(
                self.calendar, day.astype("datetime64[D]").item(), counting
            )
            problems.add(mask & (days == day), reason)

    def working_days(self, days: DayArray, count: int, after: bool, problems: Problems) -> DayArray:
        """The count-th working day after (or before) each day; NaT where it cannot be."""
        move = self.index.after_array if after else self.index.before_array
        usable = ~np.isnat(days)
        try:
            if usable.all():
                result: DayArray = move(days, count)
                return result
            return _spread(usable, move(days[usable], count))
        except TimescaleError:
            pass
        good = usable & ~self._range_problems(days, count, after, usable, problems)
        return _spread(good, move(days[good], count))

    def roll(self, days: DayArray, forward: bool, problems: Problems) -> DayArray:
        """A day if it works, else the next (or previous) working day.

        Done here rather than with ``roll_forward_array`` so that a day outside
        the calendar's range rejects its own row instead of the whole batch.
        """
        index = self.index
        usable = ~np.isnat(days)
        offsets = (days - index.origin).astype(np.int64)
        inside = usable & (offsets >= 0) & (offsets < len(index.is_working))
        self._describe(days, usable & ~inside, False, problems)
        working = inside & index.is_working[np.where(inside, offsets, 0)]
        needs_move = inside & ~working
        moved = self.working_days(
            np.where(needs_move, days, np.datetime64("NaT", "D")), 1, forward, problems
        )
        return np.where(working, days, moved)

    # -- any unit --------------------------------------------------------------------
    def shift(
        self,
        start: Moments,
        duration: ast.Duration,
        direction: ast.Direction,
        problems: Problems,
        resolve: Callable[[str], Deadline],
        anchor: str | None = None,
    ) -> Moments:
        """``duration`` after (before) each start; ``anchor`` names the fact in messages."""
        result = self._shift(start, duration, direction, problems, resolve, anchor)
        self._beyond_dates(start, result, duration, direction, problems, anchor)
        return result

    def _beyond_dates(
        self,
        start: Moments,
        result: Moments,
        duration: ast.Duration,
        direction: ast.Direction,
        problems: Problems,
        anchor: str | None,
    ) -> None:
        """Rows whose result is before year 1 or after 9999, rejected as the engine refuses them."""
        days, starts = result.days, start.days
        beyond = ~np.isnat(days) & ((days < FIRST_DATE) | (days > LAST_DATE))
        # A start already beyond them was refused where it was computed.
        beyond &= (starts >= FIRST_DATE) & (starts <= LAST_DATE) & ~problems.failed
        for value in np.unique(start.values[beyond]):
            same = beyond & (start.values == value)
            first = int(np.flatnonzero(same)[0])
            when = start.item(first)
            assert when is not None
            message = beyond_dates_message(self.task, duration, direction, show(when), anchor)
            problems.add(same, message)

    def _shift(
        self,
        start: Moments,
        duration: ast.Duration,
        direction: ast.Direction,
        problems: Problems,
        resolve: Callable[[str], Deadline],
        anchor: str | None = None,
    ) -> Moments:
        n, unit = duration.count, duration.unit
        sign = 1 if direction is ast.Direction.AFTER else -1
        days = start.days
        day1 = np.timedelta64(sign * (self.event_day_number == 1), "D")
        if unit is ast.Unit.WORKING_DAYS:
            return Moments.of_days(self.working_days(days - day1, n, sign > 0, problems))
        if unit is ast.Unit.CALENDAR_DAYS:
            return Moments.of_days(days - day1 + sign * n * DAY)
        if unit is ast.Unit.WEEKS:
            return Moments.of_days(days + sign * 7 * n * DAY)
        if unit is ast.Unit.MONTHS:
            return Moments.of_days(add_months(days, sign * n))
        if unit is ast.Unit.YEARS:
            return Moments.of_days(add_months(days, sign * 12 * n))
        if unit is ast.Unit.HOURS:
            return self.hours(start, n, sign, problems, resolve, anchor)
        return self.working_hours(start, duration, direction, problems, resolve, anchor)

    def working_hours(
        self,
        start: Moments,
        duration: ast.Duration,
        direction: ast.Direction,
        problems: Problems,
        resolve: Callable[[str], Deadline],
        anchor: str | None = None,
    ) -> Moments:
        """Forward from date-times without office hours in closed form (``.workinghours``);
        every other row with the engine's scalar walk."""
        timed = start.timed & start.present
        if (
            direction is not ast.Direction.AFTER
            or self.calendar.office_hours is not None
            or not timed.any()
        ):
            return self.per_row(start, duration, direction, problems, resolve, anchor)
        values, done = add_working_hours(
            self.index, np.where(timed, start.values, NAT), duration.count
        )
        result = Moments(values, done.copy())
        rest = np.flatnonzero(~done)
        if len(rest):
            part = Problems(len(rest))
            moved = self.per_row(start.take(rest), duration, direction, part, resolve, anchor)
            result.put(rest, moved)
            problems.put(rest, part)
        return result

    def hours(
        self,
        start: Moments,
        n: int,
        sign: int,
        problems: Problems,
        resolve: Callable[[str], Deadline],
        anchor: str | None = None,
    ) -> Moments:
        # A date alone: whole days, rounded up (``arithmetic.hours_on_date_only``).
        whole = sign * math.ceil(n / 24) * DAY
        result = Moments.of_days(start.days + whole)
        timed = start.timed & start.present
        if not timed.any():
            return result
        timed = timed & ~self._skipped_times(start, timed, problems)
        fast = timed & london.covered(start.values)
        shifted = london.add_hours(
            np.where(fast, start.values, london.transitions().first), sign * n
        )
        result = Moments(np.where(fast, shifted, result.values), result.timed | fast)
        slow = timed & ~fast
        if slow.any():
            duration = ast.Duration(n, ast.Unit.HOURS)
            direction = ast.Direction.AFTER if sign > 0 else ast.Direction.BEFORE
            rows = np.flatnonzero(slow)
            part = Problems(len(rows))
            moved = self.per_row(start.take(rows), duration, direction, part, resolve, anchor)
            result.put(rows, moved)
            problems.put(rows, part)
        return result

    def _skipped_times(self, start: Moments, timed: BoolArray, problems: Problems) -> BoolArray:
        """Rows timed inside a spring-forward gap, rejected as the engine refuses them."""
        covered = timed & london.covered(start.values)
        gap = covered & london.in_gap(np.where(covered, start.values, london.transitions().first))
        for value in np.unique(start.values[gap]):
            moment = value.astype("datetime64[us]").item()
            problems.add(gap & (start.values == value), nonexistent_time_message(moment))
        return gap

    def per_row(
        self,
        start: Moments,
        duration: ast.Duration,
        direction: ast.Direction,
        problems: Problems,
        resolve: Callable[[str], Deadline],
        anchor: str | None = None,
    ) -> Moments:
        """The engine's own scalar shift, one row at a time (working hours)."""
        scalar = Evaluation(self.task, {}, self.calendar, self.event_day_number, resolve)
        # The shift depends on the start alone, so each distinct start is shifted once
        # (logs repeat meeting times); rows then take their start's result.
        keys = np.stack([start.values.view(np.int64), start.timed.view(np.int8)], axis=1)
        _, firsts, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        values: list[When | None] = []
        for key, first in enumerate(firsts):
            when = start.item(int(first))
            if when is None:
                values.append(None)
                continue
            try:
                values.append(scalar.shift(when, duration, direction, anchor))
            except TimescaleError as error:
                problems.add(inverse == key, str(error))
                values.append(None)
        return Moments.of_python(values).take(inverse)


def _spread(mask: BoolArray, values: DayArray) -> DayArray:
    """Values for the rows in ``mask``, NaT elsewhere."""
    result = np.full(len(mask), np.datetime64("NaT", "D"))
    result[mask] = values
    return result
