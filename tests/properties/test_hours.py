"""Hours are elapsed time in Europe/London; working hours count only working time."""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

from hypothesis import assume, example, given
from hypothesis import strategies as st
from strategies import all_calendars, anchor_dates, anchor_moments

from timescale_dsl import Calendar, HolidayCalendar, compile_statement

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
hours = st.integers(min_value=1, max_value=24 * 30)


def due(text: str, anchor: dt.date, calendar: Calendar | None = None) -> dt.date:
    result = compile_statement(text, calendar).deadline({"event": anchor}).due
    assert isinstance(result, dt.date)
    return result


def exists_in_london(moment: dt.datetime) -> bool:
    """False for wall-clock times skipped when the clocks go forward."""
    there_and_back = moment.replace(tzinfo=LONDON).astimezone(UTC).astimezone(LONDON)
    return there_and_back.replace(tzinfo=None) == moment


def elapsed_hours(start: dt.datetime, end: dt.datetime) -> set[float]:
    """Hours from ``start`` to ``end`` (naive London times) under either reading of ``end``.

    A wall-clock time in the repeated hour of October names two instants;
    a naive result cannot say which, so both readings are offered.
    """
    begin = start.replace(tzinfo=LONDON).astimezone(UTC)
    return {
        (end.replace(tzinfo=LONDON, fold=fold).astimezone(UTC) - begin).total_seconds() / 3600
        for fold in (0, 1)
    }


@given(anchor_moments, hours)
@example(dt.datetime(2026, 3, 28, 12, 0), 24)  # across the clocks going forward
@example(dt.datetime(2026, 10, 24, 12, 0), 24)  # across the clocks going back
@example(dt.datetime(2026, 10, 25, 0, 30), 2)  # into the repeated hour
def test_hours_after_a_moment_are_elapsed_time_in_london(anchor: dt.datetime, n: int) -> None:
    assume(exists_in_london(anchor))
    result = due(f"Visit within {n} hours of event", anchor)
    assert isinstance(result, dt.datetime)
    assert n in elapsed_hours(anchor, result)


@given(anchor_moments, hours)
@example(dt.datetime(2026, 3, 29, 12, 0), 24)
@example(dt.datetime(2026, 10, 25, 12, 0), 24)
def test_hours_before_a_moment_are_elapsed_time_in_london(anchor: dt.datetime, n: int) -> None:
    assume(exists_in_london(anchor))
    result = due(f"Visit {n} hours before event", anchor)
    assert isinstance(result, dt.datetime)
    assert -n in elapsed_hours(anchor, result)


@given(anchor_dates, hours)
def test_hours_after_a_date_are_whole_days_rounded_up(anchor: dt.date, n: int) -> None:
    result = due(f"Visit within {n} hours of event", anchor)
    assert type(result) is dt.date
    assert result == anchor + dt.timedelta(days=math.ceil(n / 24))


# --------------------------------------------------------------------- working hours

OFFICE = (dt.time(9), dt.time(17))


def working_intervals(calendar: Calendar, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
    if not calendar.is_working_day(day):
        return None
    if calendar.office_hours is None:
        start = dt.datetime.combine(day, dt.time(0))
        return start, start + dt.timedelta(days=1)
    opening, closing = calendar.office_hours
    return dt.datetime.combine(day, opening), dt.datetime.combine(day, closing)


def working_time(calendar: Calendar, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Working time in [start, end], summed one day at a time (wall clock)."""
    total = dt.timedelta(0)
    day = start.date()
    while day <= end.date():
        interval = working_intervals(calendar, day)
        if interval is not None:
            low, high = max(start, interval[0]), min(end, interval[1])
            total += max(high - low, dt.timedelta(0))
        day += dt.timedelta(days=1)
    return total


def in_working_time(calendar: Calendar, moment: dt.datetime, closed_end: bool) -> bool:
    """Whether ``moment`` lies in a working interval, its end (or its start) included."""
    for day in (moment.date() - dt.timedelta(days=1), moment.date()):
        interval = working_intervals(calendar, day)
        if interval is None:
            continue
        low, high = interval
        if (low < moment <= high) if closed_end else (low <= moment < high):
            return True
    return False


def with_office_hours(calendar: Calendar) -> Calendar:
    assert isinstance(calendar, HolidayCalendar)
    return calendar.with_office_hours(*OFFICE)


calendars_with_and_without_office_hours = all_calendars().flatmap(
    lambda c: st.sampled_from((c, with_office_hours(c)))  # type: ignore[arg-type]
)


@given(calendars_with_and_without_office_hours, anchor_moments, hours)
def test_working_hours_after_count_exactly_n_hours_of_working_time(
    calendar: Calendar, anchor: dt.datetime, n: int
) -> None:
    result = due(f"Visit within {n} working hours of event", anchor, calendar)
    assert isinstance(result, dt.datetime)
    assert working_time(calendar, anchor, result) == dt.timedelta(hours=n)
    # The earliest such moment: the last hour counted was working time.
    assert in_working_time(calendar, result, closed_end=True)


@given(calendars_with_and_without_office_hours, anchor_moments, hours)
def test_working_hours_before_count_exactly_n_hours_of_working_time(
    calendar: Calendar, anchor: dt.datetime, n: int
) -> None:
    result = due(f"Visit {n} working hours before event", anchor, calendar)
    assert isinstance(result, dt.datetime)
    assert working_time(calendar, result, anchor) == dt.timedelta(hours=n)
    assert in_working_time(calendar, result, closed_end=False)


@given(all_calendars(), anchor_moments, st.integers(min_value=1, max_value=30))
def test_24_working_hours_a_day_from_a_working_day_keep_the_time_of_day(
    calendar: Calendar, anchor: dt.datetime, days: int
) -> None:
    # From midnight the end of the last day (next midnight) comes first; see the examples.
    assume(calendar.is_working_day(anchor.date()) and anchor.time() != dt.time(0))
    result = due(f"Visit within {24 * days} working hours of event", anchor, calendar)
    working_days = due(f"Visit within {days} working days of event", anchor.date(), calendar)
    assert result == dt.datetime.combine(working_days, anchor.time())
