"""The contract every calendar must keep, built-in or a council's own.

``CalendarContract`` is a base test class: subclass it, say how to make the
calendar (and which weekdays are its weekend), and the class checks that the
calendar keeps the ``Calendar`` protocol's promises and works through the
public API. A user's calendar that is not a ``HolidayCalendar`` (it need not
even be hashable) is checked the same way as the built-in ones.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import council_closures

from timescale_dsl import (
    Calendar,
    CalendarRangeError,
    compile_statement,
    england_and_wales,
    northern_ireland,
    parse_ruleset,
    scotland,
    weekends_only,
)

ONE_DAY = dt.timedelta(days=1)


class CalendarContract:
    """Subclass with ``make_calendar``; set ``weekend`` if it is not Saturday and Sunday.

    The property checks run hypothesis inside the test method, so that each
    subclass (each calendar) is its own hypothesis test.
    """

    weekend: ClassVar[frozenset[int]] = frozenset({5, 6})

    def make_calendar(self) -> Calendar:
        raise NotImplementedError

    # -- helpers ---------------------------------------------------------------
    def days(self, margin: int = 0) -> st.SearchStrategy[dt.date]:
        calendar = self.make_calendar()
        return st.dates(
            calendar.first_day + dt.timedelta(days=margin),
            calendar.last_day - dt.timedelta(days=margin),
        )

    def working_days_in(self, calendar: Calendar, first: dt.date, last: dt.date) -> int:
        count, day = 0, first
        while day <= last:
            count += calendar.is_working_day(day)
            day += ONE_DAY
        return count

    # -- the protocol ----------------------------------------------------------
    def test_is_a_calendar(self) -> None:
        assert isinstance(self.make_calendar(), Calendar)

    def test_has_a_name(self) -> None:
        name = self.make_calendar().name
        assert isinstance(name, str) and name.strip()

    def test_vouched_range_is_dates_in_order(self) -> None:
        calendar = self.make_calendar()
        first, last = calendar.first_day, calendar.last_day
        assert type(first) is dt.date and type(last) is dt.date
        assert first < last
        assert (last - first).days >= 365

    def test_office_hours_are_none_or_open_before_close(self) -> None:
        hours = self.make_calendar().office_hours
        if hours is not None:
            opening, closing = hours
            assert isinstance(opening, dt.time) and isinstance(closing, dt.time)
            assert opening < closing

    def test_working_day_is_exactly_a_day_without_a_non_working_reason(self) -> None:
        calendar = self.make_calendar()

        @settings(max_examples=40)
        @given(self.days())
        def check(day: dt.date) -> None:
            reason = calendar.non_working_reason(day)
            assert calendar.is_working_day(day) == (reason is None)
            if reason is not None:
                assert isinstance(reason, str) and reason.strip()

        check()

    def test_weekend_days_are_never_working_days(self) -> None:
        calendar = self.make_calendar()

        @settings(max_examples=40)
        @given(self.days(margin=7))
        def check(day: dt.date) -> None:
            while day.weekday() not in self.weekend:
                day += ONE_DAY
            assert not calendar.is_working_day(day)
            assert calendar.non_working_reason(day)

        check()

    def test_every_month_of_the_range_has_working_days(self) -> None:
        calendar = self.make_calendar()
        day = calendar.first_day
        while day <= calendar.last_day:
            month_end = min(
                (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - ONE_DAY,
                calendar.last_day,
            )
            assert self.working_days_in(calendar, day, month_end) >= 10, day
            day = month_end + ONE_DAY

    def test_answers_are_stable(self) -> None:
        calendar = self.make_calendar()
        day = calendar.first_day + dt.timedelta(days=400)
        for _ in range(14):
            assert calendar.is_working_day(day) == calendar.is_working_day(day)
            assert calendar.non_working_reason(day) == calendar.non_working_reason(day)
            day += ONE_DAY

    # -- through the public API ------------------------------------------------
    def test_working_days_after_count_this_calendars_working_days(self) -> None:
        calendar = self.make_calendar()

        @settings(max_examples=25)
        @given(self.days(margin=60), st.integers(min_value=1, max_value=20))
        def check(anchor: dt.date, n: int) -> None:
            rule = compile_statement(f"Minutes within {n} working days of meeting")
            due = rule.deadline({"meeting": anchor}, calendar=calendar).due
            assert isinstance(due, dt.date)
            assert calendar.is_working_day(due)
            assert self.working_days_in(calendar, anchor + ONE_DAY, due) == n

        check()

    def test_working_days_before_count_this_calendars_working_days(self) -> None:
        calendar = self.make_calendar()

        @settings(max_examples=25)
        @given(self.days(margin=60), st.integers(min_value=1, max_value=20))
        def check(anchor: dt.date, n: int) -> None:
            rule = compile_statement(f"Report {n} working days before meeting")
            due = rule.deadline({"meeting": anchor}, calendar=calendar).due
            assert isinstance(due, dt.date)
            assert calendar.is_working_day(due)
            assert self.working_days_in(calendar, due, anchor - ONE_DAY) == n

        check()

    def test_rolling_lands_on_this_calendars_working_day(self) -> None:
        calendar = self.make_calendar()
        rule = compile_statement("Visit within 5 days of referral, or the next working day")

        @settings(max_examples=25)
        @given(self.days(margin=60))
        def check(anchor: dt.date) -> None:
            due = rule.deadline({"referral": anchor}, calendar=calendar).due
            assert isinstance(due, dt.date)
            assert calendar.is_working_day(due)
            assert due >= anchor + dt.timedelta(days=5)

        check()

    def test_window_and_working_hours_use_this_calendar(self) -> None:
        calendar = self.make_calendar()
        anchor = calendar.first_day + dt.timedelta(days=400)
        window = compile_statement("QA between 2 and 4 working days after meeting")
        result = window.deadline({"meeting": anchor}, calendar=calendar)
        assert result.earliest is not None and result.due is not None
        assert result.earliest < result.due
        assert calendar.is_working_day(result.due)
        hours = compile_statement("Visit within 24 working hours of referral")
        moment = dt.datetime.combine(anchor, dt.time(12))
        due = hours.deadline({"referral": moment}, calendar=calendar).due
        assert isinstance(due, dt.datetime) and due > moment

    def test_ruleset_closures_join_this_calendar(self) -> None:
        calendar = self.make_calendar()
        anchor = calendar.first_day + dt.timedelta(days=400)
        rule = "[r] Minutes within 1 working day of meeting\n"
        plain = parse_ruleset(rule, calendar=calendar).deadline("r", {"meeting": anchor}).due
        assert isinstance(plain, dt.date)
        header = f'closed {plain.isoformat()} "training day"\n'
        closed = parse_ruleset(header + rule, calendar=calendar)
        result = closed.deadline("r", {"meeting": anchor})
        assert isinstance(result.due, dt.date) and result.due > plain
        assert {s.day: s.reason for s in result.explanation.skipped}[plain] == "training day"

    def test_dates_outside_the_vouched_range_raise_calendar_range_error(self) -> None:
        calendar = self.make_calendar()
        rule = compile_statement("Minutes within 1 working day of meeting")
        with pytest.raises(CalendarRangeError):
            rule.deadline({"meeting": calendar.first_day - ONE_DAY}, calendar=calendar)
        with pytest.raises(CalendarRangeError):
            rule.deadline({"meeting": calendar.last_day + ONE_DAY}, calendar=calendar)


# --------------------------------------------------------------------- built-in calendars


class TestEnglandAndWales(CalendarContract):
    def make_calendar(self) -> Calendar:
        return england_and_wales()


class TestScotland(CalendarContract):
    def make_calendar(self) -> Calendar:
        return scotland()


class TestNorthernIreland(CalendarContract):
    def make_calendar(self) -> Calendar:
        return northern_ireland()


class TestWeekendsOnly(CalendarContract):
    def make_calendar(self) -> Calendar:
        return weekends_only()


class TestEnglandAndWalesWithClosures(CalendarContract):
    def make_calendar(self) -> Calendar:
        return england_and_wales().with_closures(council_closures())


class TestEnglandAndWalesWithOfficeHours(CalendarContract):
    def make_calendar(self) -> Calendar:
        return england_and_wales().with_office_hours(dt.time(9), dt.time(17))


class TestScotlandWithAFridaySaturdayWeekend(CalendarContract):
    weekend = frozenset({4, 5})

    def make_calendar(self) -> Calendar:
        return scotland().with_weekend(["friday", "saturday"])


# --------------------------------------------------------------------- a user's calendars


class FourDayWeek:
    """A council's own calendar: Monday to Thursday, its own closures, 2020-2030.

    Not a HolidayCalendar, and deliberately unhashable (it defines ``__eq__``
    only), as a caller's class may well be.
    """

    def __init__(self, closures: dict[dt.date, str]) -> None:
        self.closures = dict(closures)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FourDayWeek) and other.closures == self.closures

    __hash__ = None  # type: ignore[assignment]

    @property
    def name(self) -> str:
        return "four-day week"

    @property
    def first_day(self) -> dt.date:
        return dt.date(2020, 1, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(2030, 12, 31)

    @property
    def office_hours(self) -> tuple[dt.time, dt.time] | None:
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.non_working_reason(day) is None

    def non_working_reason(self, day: dt.date) -> str | None:
        if day.weekday() >= 4:
            return day.strftime("%A")
        return self.closures.get(day)


class TestUserDefinedCalendar(CalendarContract):
    weekend = frozenset({4, 5, 6})

    def make_calendar(self) -> Calendar:
        return FourDayWeek({dt.date(2026, 12, 24): "council closure"})

    def test_deadline_uses_the_callers_calendar(self) -> None:
        rule = compile_statement("Minutes within 1 working day of meeting")
        # Wednesday 23 December 2026: Thursday 24 is closed, Friday to Sunday are off.
        result = rule.deadline({"meeting": dt.date(2026, 12, 23)}, calendar=self.make_calendar())
        assert result.due == dt.date(2026, 12, 28)
        reasons = {s.day: s.reason for s in result.explanation.skipped}
        assert reasons[dt.date(2026, 12, 24)] == "council closure"
        assert reasons[dt.date(2026, 12, 25)] == "Friday"
