"""The Calendar protocol the arithmetic depends on, and a data-driven implementation.

The arithmetic never asks where holidays come from: any object with these
attributes and methods works, so a council can plug in its own calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Final, Protocol, runtime_checkable

import attrs

from ..errors import CalendarRangeError

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@runtime_checkable
class Calendar(Protocol):
    """What working-day arithmetic needs to know about days.

    ``first_day``..``last_day`` is the range the calendar vouches for: outside
    it, holidays are not known and the arithmetic refuses to guess.
    ``office_hours`` is ``None`` when a working day counts all 24 hours.

    Three attributes are optional (read with ``getattr``), see docs/api.md:

    * ``announced_until`` (a date): the last day whose holidays are officially
      announced; deadlines that count past it are marked provisional.
    * ``weekend`` (weekday numbers, Monday 0): the days "if that falls at a
      weekend" tests; Saturday and Sunday where a calendar has none.
    * ``cache_key`` (hashable): the library caches what it derives from a
      calendar (its working-day index) and treats a calendar as unchanged
      while its ``cache_key`` is; a calendar that can change (closure days
      added later) returns a new key, such as a version number, when it does.
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


#: Saturday and Sunday (Monday is 0): the weekend of a calendar that names none.
DEFAULT_WEEKEND: Final = frozenset({5, 6})


def weekend_days(calendar: Calendar) -> frozenset[int]:
    """The calendar's weekend (weekday numbers, Monday 0): its optional ``weekend``
    attribute, or Saturday and Sunday. What "if that falls at a weekend" tests."""
    days = getattr(calendar, "weekend", None)
    return frozenset(days) if days is not None else DEFAULT_WEEKEND


def range_error(calendar: Calendar, day: dt.date, what: str = "date") -> CalendarRangeError:
    """The error for a day a calendar does not vouch for, with the range it does."""
    return CalendarRangeError(
        f"{what} {day.isoformat()} leads outside the years the calendar "
        f"'{calendar.name}' vouches for ({calendar.first_day.isoformat()} to "
        f"{calendar.last_day.isoformat()}); bank holidays there are not known",
        day=day,
        first_day=calendar.first_day,
        last_day=calendar.last_day,
    )


@attrs.frozen(cache_hash=True, repr=False)
class HolidayCalendar:
    """A calendar given as data: a weekend, named holidays and a vouched range.

    Immutable and hashable (by value, the hash computed once), so caches such
    as the working-day index are keyed on it. ``announced_until``: the last
    day of officially announced holidays; later ones are projected.
    """

    name: str
    holidays: tuple[tuple[dt.date, str], ...] = attrs.field(converter=_freeze_days)
    first_day: dt.date
    last_day: dt.date
    weekend: frozenset[int] = frozenset({5, 6})
    office_hours: tuple[dt.time, dt.time] | None = None
    announced_until: dt.date | None = None
    _lookup: dict[dt.date, str] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        lookup: dict[dt.date, str] = {}
        for day, label in self.holidays:
            lookup[day] = f"{lookup[day]}; {label}" if day in lookup else label
        object.__setattr__(self, "_lookup", lookup)

    def __repr__(self) -> str:
        return (
            f"HolidayCalendar({self.name!r}, {self.first_day.isoformat()}.."
            f"{self.last_day.isoformat()}, {len(self._lookup)} holidays)"
        )

    def _check(self, day: dt.date) -> None:
        if not self.first_day <= day <= self.last_day:
            raise range_error(self, day)

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` counts; CalendarRangeError outside the vouched range."""
        self._check(day)
        return day.weekday() not in self.weekend and day not in self._lookup

    def non_working_reason(self, day: dt.date) -> str | None:
        self._check(day)
        weekday = WEEKDAY_NAMES[day.weekday()].capitalize()
        holiday = self._lookup.get(day)
        if day.weekday() in self.weekend:
            return f"{weekday}, {holiday}" if holiday else weekday
        return holiday

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
        """Vouch for fewer years. Widening it would pass off days without holiday
        data as ordinary working days, so that is refused: build a calendar
        with the holidays of those years instead."""
        if first_day < self.first_day or last_day > self.last_day:
            raise CalendarRangeError(
                f"calendar '{self.name}' has holiday data for {self.first_day.isoformat()} "
                f"to {self.last_day.isoformat()} only; cannot vouch for "
                f"{first_day.isoformat()} to {last_day.isoformat()}",
                first_day=self.first_day,
                last_day=self.last_day,
            )
        return attrs.evolve(self, first_day=first_day, last_day=last_day)

    def with_announced_until(self, day: dt.date | None) -> HolidayCalendar:
        """The same calendar, its holidays taken as announced up to ``day``."""
        return attrs.evolve(self, announced_until=day)

    # -- working-day helpers -------------------------------------------------
    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``day`` (before it, for a negative count).

        ``day`` itself does not count; ``count == 0`` gives ``day`` unchanged.
        """
        return add_working_days(self, day, count)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
        return working_days_between(self, start, end)


def add_working_days(calendar: Calendar, day: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``day`` on any calendar (before, if negative)."""
    from ..engine.arithmetic import working_day_index

    index = working_day_index(calendar)
    if count > 0:
        return index.after(day, count)
    if count < 0:
        return index.before(day, -count)
    index.check(day)
    return day


def working_days_between(calendar: Calendar, start: dt.date, end: dt.date) -> int:
    """Working days in ``(start, end]`` on any calendar; negative when end is earlier."""
    from ..engine.arithmetic import working_day_index

    return working_day_index(calendar).count_between(start, end)


@attrs.frozen(repr=False)
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

    @property
    def announced_until(self) -> dt.date | None:
        announced: dt.date | None = getattr(self.base, "announced_until", None)
        return announced

    @property
    def cache_key(self) -> object:
        from .cache import calendar_key

        return (calendar_key(self.base), self.closures)

    def __repr__(self) -> str:
        return f"WithClosures({self.base!r}, {len(self.closures)} closure days)"

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
