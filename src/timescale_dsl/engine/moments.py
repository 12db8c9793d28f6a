"""Columns of dates and date-times: the array form of the engine's ``When``.

The scalar engine tells a date (``dt.date``) from a date-time
(``dt.datetime``) by its type, and the difference matters: a date-only due
lasts all day, hours count from a date-time but round up from a date. A
column keeps the same distinction with a ``timed`` flag beside the values,
which are microseconds (the resolution of ``dt.datetime``); a date is held
as its midnight with ``timed`` False. NaT marks a missing value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs
import numpy as np
import numpy.typing as npt

from ..model import When, show_when

DAY = np.timedelta64(1, "D")
MICROSECOND = np.timedelta64(1, "us")
NAT = np.datetime64("NaT", "us")

DayArray = npt.NDArray[np.datetime64]  # datetime64[D]
MonthArray = npt.NDArray[np.datetime64]  # datetime64[M]
StampArray = npt.NDArray[np.datetime64]  # datetime64[us]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


@attrs.frozen(eq=False)
class Moments:
    """One date or date-time per row (or nothing), as numpy arrays."""

    values: StampArray
    timed: BoolArray

    # -- building ------------------------------------------------------------
    @classmethod
    def missing(cls, size: int) -> Moments:
        return cls(np.full(size, NAT), np.zeros(size, dtype=np.bool_))

    @classmethod
    def of_days(cls, days: DayArray) -> Moments:
        """Dates (no time of day) from a ``datetime64[D]`` array."""
        return cls(days.astype("datetime64[us]"), np.zeros(len(days), dtype=np.bool_))

    @classmethod
    def of_python(cls, items: Iterable[When | None]) -> Moments:
        """From Python dates, date-times and Nones: the bridge to the scalar API."""
        values: list[np.datetime64] = []
        timed: list[bool] = []
        for item in items:
            if item is None:
                values.append(NAT)
                timed.append(False)
            elif isinstance(item, dt.datetime):
                values.append(np.datetime64(item.replace(tzinfo=None), "us"))
                timed.append(True)
            else:
                values.append(np.datetime64(item, "D").astype("datetime64[us]"))
                timed.append(False)
        return cls(np.array(values, dtype="datetime64[us]"), np.array(timed, dtype=np.bool_))

    # -- reading ---------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.values)

    @property
    def absent(self) -> BoolArray:
        result: BoolArray = np.isnat(self.values)
        return result

    @property
    def present(self) -> BoolArray:
        result: BoolArray = ~np.isnat(self.values)
        return result

    @property
    def days(self) -> DayArray:
        """The date of each value (the engine's ``as_date``)."""
        return self.values.astype("datetime64[D]")

    @property
    def months(self) -> MonthArray:
        """The month of each value (NaT where there is none).

        numpy turns each value into a calendar date to find its month; a column's
        days span few months, so each day of their span is turned once and looked up.
        """
        days = self.days
        number = days.view(np.int64)
        absent = np.isnat(days)
        high = int(number.max()) if len(number) else 0
        low = int(np.where(absent, high, number).min()) if len(number) else 0
        if absent.all() or high - low > len(number):  # few rows for their span
            result: MonthArray = days.astype("datetime64[M]")
            return result
        span = np.arange(low, high + 1).astype("datetime64[D]").astype("datetime64[M]")
        found: MonthArray = span[np.where(absent, 0, number - low)]
        found[absent] = np.datetime64("NaT", "M")
        return found

    @property
    def start(self) -> StampArray:
        """The first instant each value allows: a date's midnight, or the date-time."""
        return self.values

    @property
    def end(self) -> StampArray:
        """The last instant each value allows: a date lasts all day (the engine's ``end_of``)."""
        last = self.days.astype("datetime64[us]") + (DAY - MICROSECOND)
        result: StampArray = np.where(self.timed, self.values, last)
        return result

    def item(self, row: int) -> When | None:
        """One value as the scalar API holds it."""
        value = self.values[row]
        if np.isnat(value):
            return None
        moment: dt.datetime = value.astype("datetime64[us]").item()
        return moment if self.timed[row] else moment.date()

    def to_python(self) -> list[When | None]:
        return [self.item(row) for row in range(len(self))]

    # -- combining -------------------------------------------------------------
    def take(self, rows: IntArray) -> Moments:
        return Moments(self.values[rows], self.timed[rows])

    def part(self, start: int, stop: int) -> Moments:
        """Rows ``start`` up to ``stop``, as views of these arrays (no copy)."""
        return Moments(self.values[start:stop], self.timed[start:stop])

    def where(self, mask: BoolArray, other: Moments) -> Moments:
        """This value where ``mask`` holds, else ``other``'s."""
        return Moments(
            np.where(mask, self.values, other.values), np.where(mask, self.timed, other.timed)
        )

    def put(self, rows: IntArray, other: Moments) -> None:
        """Write ``other`` into the given rows (used to scatter a subset's results back)."""
        self.values[rows] = other.values
        self.timed[rows] = other.timed


def later_than(a: Moments, b: Moments) -> BoolArray:
    """Where ``a`` ends after ``b`` (the engine's ``later``)."""
    result: BoolArray = a.end > b.end
    return result


def show(value: When) -> str:
    """A moment as the engine's explanations and messages write it."""
    return show_when(value)
