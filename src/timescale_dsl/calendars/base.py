"""The Calendar protocol the arithmetic depends on, and a data-driven implementation.

The arithmetic never asks where holidays come from: any object with these
attributes and methods works, so a council can plug in its own calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

import attrs

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@runtime_checkable
class Calendar(Protocol):
    """What working-day arithmetic needs to know about days.

    ``first_day``..``last_day`` is the range the calendar vouches for: outside
    it, holidays are not known and the arithmetic refuses to guess.
    ``office_hours`` is ``None`` when a working day counts all 24 hours.
    """

    @property
    def name(self) -> str: ...

    @property
    def first_day(self) -> dt.date: ...

    @property
    def last_day(self) -> dt.date: ...

    @property
    def office_hours(self) -> tuple[dt.time, dt.time] | None: ...

    def is_working_day(self, day: dt.date) -> bool: ...

    def non_working_reason(self, day: dt.date) -> str | None:
        """Why a day is not a working day ("Saturday", "Christmas Day"), or None."""
        ...


def _freeze_days(
    days: Mapping[dt.date, str] | Iterable[tuple[dt.date, str]],
) -> tuple[tuple[dt.date, str], ...]:
    items = days.items() if isinstance(days, Mapping) else days
    return tuple(sorted(items))


@attrs.frozen
class HolidayCalendar:
    """A calendar given as data: a weekend, named holidays and a vouched range.

    Immutable and hashable, so caches (such as the working-day index) can be
    keyed on it.
    """

    name: str
    holidays: tuple[tuple[dt.date, str], ...] = attrs.field(converter=_freeze_days)
    first_day: dt.date
    last_day: dt.date
    weekend: frozenset[int] = frozenset({5, 6})
    office_hours: tuple[dt.time, dt.time] | None = None
    _lookup: dict[dt.date, str] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        lookup: dict[dt.date, str] = {}
        for day, label in self.holidays:
            lookup[day] = f"{lookup[day]}; {label}" if day in lookup else label
        object.__setattr__(self, "_lookup", lookup)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() not in self.weekend and day not in self._lookup

    def non_working_reason(self, day: dt.date) -> str | None:
        weekday = WEEKDAY_NAMES[day.weekday()].capitalize()
        holiday = self._lookup.get(day)
        if day.weekday() in self.weekend:
            return f"{weekday}, {holiday}" if holiday else weekday
        return holiday

    def holiday_name(self, day: dt.date) -> str | None:
        return self._lookup.get(day)

    def with_closures(
        self, closures: Mapping[dt.date, str] | Iterable[tuple[dt.date, str]]
    ) -> HolidayCalendar:
        """A copy with extra closure days (a council's Christmas closure, say)."""
        extra = closures.items() if isinstance(closures, Mapping) else closures
        return attrs.evolve(self, holidays=(*self.holidays, *extra))

    def with_weekend(self, days: Iterable[str | int]) -> HolidayCalendar:
        numbers = frozenset(
            d if isinstance(d, int) else WEEKDAY_NAMES.index(d.lower()) for d in days
        )
        return attrs.evolve(self, weekend=numbers)

    def with_office_hours(self, start: dt.time, end: dt.time) -> HolidayCalendar:
        if not start < end:
            raise ValueError(f"office hours must start before they end: {start}-{end}")
        return attrs.evolve(self, office_hours=(start, end))

    def without_holidays(self) -> HolidayCalendar:
        """Bank holidays count as working days: only the weekend is excluded."""
        return attrs.evolve(self, name=f"{self.name} (weekends only)", holidays=())

    def with_range(self, first_day: dt.date, last_day: dt.date) -> HolidayCalendar:
        """Vouch for other years, e.g. when a later holidays release covers them."""
        return attrs.evolve(self, first_day=first_day, last_day=last_day)


@attrs.frozen
class WithClosures:
    """Any calendar plus extra closure days: how a header's closures join a caller's calendar."""

    base: Calendar
    closures: tuple[tuple[dt.date, str], ...] = attrs.field(converter=_freeze_days)

    @property
    def name(self) -> str:
        return f"{self.base.name} + closures"

    @property
    def first_day(self) -> dt.date:
        return self.base.first_day

    @property
    def last_day(self) -> dt.date:
        return self.base.last_day

    @property
    def office_hours(self) -> tuple[dt.time, dt.time] | None:
        return self.base.office_hours

    def is_working_day(self, day: dt.date) -> bool:
        return self.base.is_working_day(day) and not any(d == day for d, _ in self.closures)

    def non_working_reason(self, day: dt.date) -> str | None:
        for closed, name in self.closures:
            if closed == day:
                return name
        return self.base.non_working_reason(day)


def add_closures(calendar: Calendar, closures: Iterable[tuple[dt.date, str]]) -> Calendar:
    extra = tuple(closures)
    if not extra:
        return calendar
    if isinstance(calendar, HolidayCalendar):
        return calendar.with_closures(extra)
    return WithClosures(calendar, extra)
