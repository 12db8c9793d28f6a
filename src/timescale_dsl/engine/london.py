"""Elapsed hours on London wall-clock times, for whole columns.

The engine adds hours to a naive London time by going through UTC with
``zoneinfo`` (so a daylight-saving change shifts the wall clock, and a time
in the spring gap or the autumn repeat reads with the offset before the
change, as ``fold=0`` does). Here the same is done with a table of the
zone's transitions, read from ``zoneinfo`` itself, and two binary searches
per column. A table spans only the years a column needs (each year is asked
of the zone once a process: a report's dates span a few years, not the two
centuries the table may reach). Times outside the table's years report
themselves so the caller can use the scalar path.
"""

from __future__ import annotations

import datetime as dt
import functools

import attrs
import numpy as np
import numpy.typing as npt

from .arithmetic import LONDON
from .moments import BoolArray, StampArray

FIRST_YEAR = 1900
LAST_YEAR = 2100
_OffsetArray = npt.NDArray[np.timedelta64]


@attrs.frozen(eq=False)
class Transitions:
    """When London's UTC offset changed: UTC instants, offsets before and after."""

    instants: StampArray  # UTC, datetime64[us]
    before: _OffsetArray  # timedelta64[us]
    after: _OffsetArray
    initial: np.timedelta64
    first: np.datetime64  # the table covers [first, last) in both UTC and local time
    last: np.datetime64

    @property
    def local_switch(self) -> StampArray:
        """The first wall-clock time read with the new offset (see module docstring)."""
        result: StampArray = self.instants + np.maximum(self.before, self.after)
        return result


def _offset_at(instant: dt.datetime) -> dt.timedelta:
    offset = instant.replace(tzinfo=dt.UTC).astimezone(LONDON).utcoffset()
    assert offset is not None
    return offset


def _change_instant(low: dt.datetime, high: dt.datetime) -> dt.datetime:
    """The first UTC second in (low, high] with ``high``'s offset."""
    target = _offset_at(high)
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle <= low:
            break
        if _offset_at(middle) == target:
            high = middle
        else:
            low = middle
    return high


#: London's offset never changed twice within a week (a test checks the table against a
#: day-by-day scan), so the zone is asked once a week, and day by day only in weeks
#: whose end has another offset than their start.
_STEP_DAYS = 7
_HOURS_A_YEAR = 366 * 24


@attrs.frozen(eq=False)
class _Year:
    """The changes from noon on 1 January of a year to noon on 1 January of the next."""

    start_offset: dt.timedelta
    instants: tuple[dt.datetime, ...]
    before: tuple[dt.timedelta, ...]
    after: tuple[dt.timedelta, ...]


@functools.cache
def _year(year: int, step_days: int = _STEP_DAYS) -> _Year:
    noon = dt.datetime(year, 1, 1, 12)
    end = dt.datetime(year + 1, 1, 1, 12)
    previous = start_offset = _offset_at(noon)
    instants: list[dt.datetime] = []
    before: list[dt.timedelta] = []
    after: list[dt.timedelta] = []
    day, step = dt.timedelta(days=1), dt.timedelta(days=step_days)
    while noon < end:
        stop = min(noon + step, end)
        if _offset_at(stop) == previous:
            noon = stop
            continue
        while noon < stop:
            following = noon + day
            offset = _offset_at(following)
            if offset != previous:
                instants.append(_change_instant(noon, following))
                before.append(previous)
                after.append(offset)
                previous = offset
            noon = following
    return _Year(start_offset, tuple(instants), tuple(before), tuple(after))


@functools.cache
def table(first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> Transitions:
    """The changes of the years ``first_year`` to ``last_year`` (within the years the
    table may reach, :data:`FIRST_YEAR` to :data:`LAST_YEAR`)."""
    return _scan(first_year, last_year, _STEP_DAYS)


def table_for(moments: StampArray, hours: int = 0) -> Transitions:
    """A table spanning the years of ``moments`` (missing ones aside) and, past them, the
    years ``hours`` may carry a time into: every moment it covers stays covered after
    :func:`add_hours` moves it."""
    present = moments[~np.isnat(moments)]
    if len(present) == 0:
        return table(FIRST_YEAR, FIRST_YEAR)
    low = int(present.min().astype("datetime64[Y]").astype(np.int64)) + 1970
    high = int(present.max().astype("datetime64[Y]").astype(np.int64)) + 1970
    margin = 1 + abs(hours) // _HOURS_A_YEAR
    first = min(max(low - margin, FIRST_YEAR), LAST_YEAR)
    last = max(min(high + margin, LAST_YEAR), first)
    return table(first, last)


def _scan(first_year: int, last_year: int, step_days: int) -> Transitions:
    years = [_year(year, step_days) for year in range(first_year, last_year + 1)]
    return Transitions(
        np.array([i for y in years for i in y.instants], dtype="datetime64[us]"),
        np.array([b for y in years for b in y.before], dtype="timedelta64[us]"),
        np.array([a for y in years for a in y.after], dtype="timedelta64[us]"),
        np.timedelta64(years[0].start_offset, "us"),
        np.datetime64(dt.datetime(first_year, 1, 2), "us"),
        np.datetime64(dt.datetime(last_year, 12, 31), "us"),
    )


def _offsets(table: Transitions, switches: StampArray, moments: StampArray) -> _OffsetArray:
    if len(switches) == 0:  # years without a change (before 1916)
        return np.full(len(moments), table.initial, dtype="timedelta64[us]")
    position = np.searchsorted(switches, moments, side="right") - 1
    offsets = np.where(position >= 0, table.after[np.maximum(position, 0)], table.initial)
    result: _OffsetArray = offsets.astype("timedelta64[us]")
    return result


def covered(table: Transitions, moments: StampArray) -> BoolArray:
    """Which moments the transition table can convert."""
    result: BoolArray = (moments >= table.first) & (moments < table.last)
    return result


def add_hours(table: Transitions, moments: StampArray, hours: int) -> StampArray:
    """Naive London times plus elapsed hours, as ``arithmetic.add_hours`` does one by one.

    Only for moments the table covers (:func:`covered`), from a table made by
    :func:`table_for` with the same ``hours``, so that the results stay inside it.
    """
    utc = moments - _offsets(table, table.local_switch, moments)
    shifted = utc + np.timedelta64(hours, "h").astype("timedelta64[us]")
    result: StampArray = shifted + _offsets(table, table.instants, shifted)
    return result


def in_gap(table: Transitions, moments: StampArray) -> BoolArray:
    """Wall-clock times that never happened: inside a spring-forward gap
    (``arithmetic.exists``); only for moments the table covers."""
    forward = table.after > table.before
    starts = (table.instants + table.before)[forward]  # the local time the clocks left
    ends = (table.instants + table.after)[forward]  # the local time they jumped to
    if len(starts) == 0:  # years without a spring change (before 1916)
        return np.zeros(len(moments), dtype=np.bool_)
    position = np.searchsorted(starts, moments, side="right") - 1
    safe = np.maximum(position, 0)
    result: BoolArray = (position >= 0) & (moments >= starts[safe]) & (moments < ends[safe])
    return result
