"""Calendar arithmetic over whole columns: the array primitives of the batch path.

Working days go through the calendar's precomputed working-day index;
months are numpy month arithmetic; elapsed hours on date-times go through
London's offset table (:mod:`.london`), and working hours forward without
office hours have a closed form (:mod:`.workinghours`). Whatever those do
not cover (times outside the table, office hours, counting backwards, the
calendar's edges) takes the scalar arithmetic of :mod:`timescale_dsl.engine.arithmetic`
once per distinct start. What a count *means* (units, event-day numbering,
dates without a time) is :mod:`timescale_dsl.engine.meaning`'s, not this
module's. A row that cannot be computed gets a problem, in the scalar
arithmetic's own words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

from ..calendars.base import Calendar
from ..errors import TimescaleError
from ..model import When
from . import london
from .arithmetic import (
    WorkingDayIndex,
    add_hours,
    add_working_hours,
    no_working_days,
    nonexistent_time_message,
    range_message,
    subtract_working_hours,
)
from .moments import NAT, BoolArray, DayArray, Moments
from .problems import Problems
from .workinghours import add_working_hours as closed_form_working_hours

FIRST_DATE = np.datetime64("0001-01-01", "D")
LAST_DATE = np.datetime64("9999-12-31", "D")
#: A result past the last date, for rows whose arithmetic overflowed.
BEYOND_DATES = np.datetime64("10000-01-01T00:00", "us")


class ColumnArithmetic:
    """Arithmetic over one calendar; problems go to the caller's rows."""

    def __init__(self, calendar: Calendar, index: WorkingDayIndex) -> None:
        self.calendar = calendar
        self.index = index

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
            reason = range_message(self.calendar, day.astype("datetime64[D]").item(), counting)
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

        A day outside the calendar's range rejects its own row, not the whole batch.
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

    # -- date-times ---------------------------------------------------------------------
    def add_hours(self, start: Moments, hours: int, problems: Problems) -> Moments:
        """Elapsed hours after (before) date-times, through London's offset table where it
        reaches; a time the spring change skipped is refused."""
        timed = start.present & ~self._skipped_times(start, start.present, problems)
        table = london.table_for(start.values[timed], hours)
        fast = timed & london.covered(table, start.values)
        shifted = london.add_hours(table, np.where(fast, start.values, table.first), hours)
        result = Moments(np.where(fast, shifted, NAT), fast.copy())
        slow = timed & ~fast
        if slow.any():
            rows = np.flatnonzero(slow)
            part = Problems(len(rows))
            result.put(rows, self.per_start(start.take(rows), part, lambda m: add_hours(m, hours)))
            problems.put(rows, part)
        return result

    def working_hours(
        self, start: Moments, hours: int, forward: bool, problems: Problems
    ) -> Moments:
        """Working hours from date-times: forward without office hours in closed form
        (:mod:`.workinghours`), every other row with the scalar walk."""
        calendar = self.calendar

        def walk(moment: dt.datetime) -> When:
            if forward:
                return add_working_hours(calendar, moment, hours)
            return subtract_working_hours(calendar, moment, hours)

        if not forward or calendar.office_hours is not None:
            return self.per_start(start, problems, walk)
        values, done = closed_form_working_hours(self.index, start.values, hours)
        result = Moments(values, done.copy())
        rest = np.flatnonzero(~done & start.present)
        if len(rest):
            part = Problems(len(rest))
            result.put(rest, self.per_start(start.take(rest), part, walk))
            problems.put(rest, part)
        return result

    def _skipped_times(self, start: Moments, timed: BoolArray, problems: Problems) -> BoolArray:
        """Rows timed inside a spring-forward gap, rejected as the engine refuses them."""
        table = london.table_for(start.values[timed])
        covered = timed & london.covered(table, start.values)
        gap = covered & london.in_gap(table, np.where(covered, start.values, table.first))
        for value in np.unique(start.values[gap]):
            moment = value.astype("datetime64[us]").item()
            problems.add(gap & (start.values == value), nonexistent_time_message(moment))
        return gap

    def per_start(
        self, start: Moments, problems: Problems, move: Callable[[dt.datetime], When]
    ) -> Moments:
        """The scalar arithmetic ``move`` on each date-time, once per distinct start
        (logs repeat meeting times); a start it refuses gets its error as the problem,
        and a result past year 9999 is left past it for the caller to refuse in words."""
        _, firsts, inverse = np.unique(start.values, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        values: list[When | None] = []
        beyond: list[int] = []
        for key, first in enumerate(firsts):
            when = start.item(int(first))
            if when is None:
                values.append(None)
                continue
            assert isinstance(when, dt.datetime)
            try:
                values.append(move(when))
            except TimescaleError as error:
                problems.add(inverse == key, str(error))
                values.append(None)
            except OverflowError:
                beyond.append(key)
                values.append(None)
        found = Moments.of_python(values)
        found.values[beyond] = BEYOND_DATES
        found.timed[beyond] = True
        return found.take(inverse)


def _spread(mask: BoolArray, values: DayArray) -> DayArray:
    """Values for the rows in ``mask``, NaT elsewhere."""
    result = np.full(len(mask), np.datetime64("NaT", "D"))
    result[mask] = values
    return result
