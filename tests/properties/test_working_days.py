"""Working-day arithmetic, checked against day-by-day counting and numpy.busday_offset.

Every property goes through the public API (``compile_statement(...).deadline``)
over random anchors in 1992-2028 and every built-in calendar, plus England
and Wales with a council's closures.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import (
    CalendarCase,
    all_calendars,
    anchor_dates,
    calendar_case_strategy,
    working_day_counts,
)

from timescale_dsl import Calendar, compile_statement, parse_ruleset
from timescale_dsl.engine.arithmetic import working_day_index

ONE_DAY = dt.timedelta(days=1)


def after(calendar: Calendar, anchor: dt.date, n: int) -> dt.date:
    rule = compile_statement(f"Minutes within {n} working days of meeting", calendar)
    due = rule.deadline({"meeting": anchor}).due
    assert isinstance(due, dt.date)
    return due


def before(calendar: Calendar, anchor: dt.date, n: int) -> dt.date:
    rule = compile_statement(f"Report {n} working days before meeting", calendar)
    due = rule.deadline({"meeting": anchor}).due
    assert isinstance(due, dt.date)
    return due


def working_days_in(calendar: Calendar, first: dt.date, last: dt.date) -> int:
    """Working days in [first, last], asking the calendar one day at a time."""
    count, day = 0, first
    while day <= last:
        count += calendar.is_working_day(day)
        day += ONE_DAY
    return count


def next_working_day(calendar: Calendar, day: dt.date) -> dt.date:
    while not calendar.is_working_day(day):
        day += ONE_DAY
    return day


def previous_working_day(calendar: Calendar, day: dt.date) -> dt.date:
    while not calendar.is_working_day(day):
        day -= ONE_DAY
    return day


def busday_offset(case: CalendarCase, anchor: dt.date, n: int, roll: str) -> dt.date:
    result = np.busday_offset(
        np.datetime64(anchor, "D"),
        n,
        roll=roll,
        weekmask=case.weekmask,
        holidays=sorted(case.closed_weekdays),
    )
    day: dt.date = result.item()
    return day


# --------------------------------------------------------------------- counting


@given(all_calendars(), anchor_dates, working_day_counts)
def test_n_working_days_after_is_a_working_day_with_exactly_n_working_days_since_the_anchor(
    calendar: Calendar, anchor: dt.date, n: int
) -> None:
    due = after(calendar, anchor, n)
    assert calendar.is_working_day(due)
    assert working_days_in(calendar, anchor + ONE_DAY, due) == n


@given(all_calendars(), anchor_dates, working_day_counts)
def test_n_working_days_before_is_a_working_day_with_exactly_n_working_days_until_the_anchor(
    calendar: Calendar, anchor: dt.date, n: int
) -> None:
    due = before(calendar, anchor, n)
    assert calendar.is_working_day(due)
    assert working_days_in(calendar, due, anchor - ONE_DAY) == n


# --------------------------------------------------------------------- oracle


@given(calendar_case_strategy(), anchor_dates, working_day_counts)
def test_working_days_after_agree_with_numpy_busday_offset_rolled_backward(
    case: CalendarCase, anchor: dt.date, n: int
) -> None:
    assert after(case.calendar, anchor, n) == busday_offset(case, anchor, n, "backward")


@given(calendar_case_strategy(), anchor_dates, working_day_counts)
def test_working_days_before_agree_with_numpy_busday_offset_rolled_forward(
    case: CalendarCase, anchor: dt.date, n: int
) -> None:
    assert before(case.calendar, anchor, n) == busday_offset(case, anchor, -n, "forward")


@given(
    calendar_case_strategy(), st.lists(anchor_dates, min_size=1, max_size=20), working_day_counts
)
def test_array_arithmetic_agrees_with_numpy_busday_offset(
    case: CalendarCase, anchors: list[dt.date], n: int
) -> None:
    index = working_day_index(case.calendar)
    days = np.array(anchors, dtype="datetime64[D]")
    holidays = sorted(case.closed_weekdays)
    expect_after = np.busday_offset(
        days, n, roll="backward", weekmask=case.weekmask, holidays=holidays
    )
    expect_before = np.busday_offset(
        days, -n, roll="forward", weekmask=case.weekmask, holidays=holidays
    )
    assert (index.after_array(days, n) == expect_after).all()
    assert (index.before_array(days, n) == expect_before).all()


@given(calendar_case_strategy(), st.integers(min_value=1990, max_value=2030))
def test_calendar_closes_exactly_the_weekday_holidays_of_the_holidays_package(
    case: CalendarCase, year: int
) -> None:
    day = dt.date(year, 1, 1)
    while day.year == year:
        expected = day.weekday() < 5 and day not in case.closed_weekdays
        assert case.calendar.is_working_day(day) == expected, day
        day += ONE_DAY


# --------------------------------------------------------------------- monotonic


@given(all_calendars(), anchor_dates, anchor_dates, working_day_counts)
def test_working_days_after_and_before_are_monotonic_in_the_anchor(
    calendar: Calendar, a: dt.date, b: dt.date, n: int
) -> None:
    early, late = sorted((a, b))
    assert after(calendar, early, n) <= after(calendar, late, n)
    assert before(calendar, early, n) <= before(calendar, late, n)


@given(all_calendars(), anchor_dates, working_day_counts, working_day_counts)
def test_working_days_after_grow_and_before_shrink_strictly_with_n(
    calendar: Calendar, anchor: dt.date, m: int, n: int
) -> None:
    assume(m != n)
    small, large = sorted((m, n))
    assert after(calendar, anchor, small) < after(calendar, anchor, large)
    assert before(calendar, anchor, small) > before(calendar, anchor, large)


# --------------------------------------------------------------------- algebra


@given(all_calendars(), anchor_dates, working_day_counts, working_day_counts)
def test_adding_a_then_b_working_days_is_adding_a_plus_b(
    calendar: Calendar, anchor: dt.date, a: int, b: int
) -> None:
    assert after(calendar, after(calendar, anchor, a), b) == after(calendar, anchor, a + b)
    assert before(calendar, before(calendar, anchor, a), b) == before(calendar, anchor, a + b)


@given(all_calendars(), anchor_dates, working_day_counts)
def test_before_undoes_after_on_working_days(calendar: Calendar, anchor: dt.date, n: int) -> None:
    assume(calendar.is_working_day(anchor))
    assert before(calendar, after(calendar, anchor, n), n) == anchor
    assert after(calendar, before(calendar, anchor, n), n) == anchor


@given(all_calendars(), anchor_dates, working_day_counts)
def test_before_after_from_a_non_working_day_lands_on_the_working_days_around_it(
    calendar: Calendar, anchor: dt.date, n: int
) -> None:
    """From a weekend or holiday there and back lands on the working day before it (and
    back and there on the working day after it): the anchor day itself never counts."""
    assert before(calendar, after(calendar, anchor, n), n) == previous_working_day(calendar, anchor)
    assert after(calendar, before(calendar, anchor, n), n) == next_working_day(calendar, anchor)


@given(all_calendars(), anchor_dates, working_day_counts, working_day_counts)
def test_a_rule_counted_from_another_rules_due_date_adds_the_two_counts(
    calendar: Calendar, anchor: dt.date, a: int, b: int
) -> None:
    ruleset = parse_ruleset(
        f"[first] Strategy discussion within {a} working days of referral\n"
        f"[second] Minutes within {b} working days of [first]\n",
        calendar=calendar,
    )
    assert ruleset.deadline("second", {"referral": anchor}).due == after(calendar, anchor, a + b)


@given(all_calendars(), anchor_dates, working_day_counts)
def test_when_the_event_day_counts_as_day_1_a_working_event_day_is_the_first_of_n(
    calendar: Calendar, anchor: dt.date, n: int
) -> None:
    rule = compile_statement(
        f"Minutes within {n} working days of meeting", calendar, event_day_number=1
    )
    due = rule.deadline({"meeting": anchor}).due
    assert isinstance(due, dt.date)
    assert calendar.is_working_day(due)
    if calendar.is_working_day(anchor):
        assert working_days_in(calendar, anchor, due) == n
    else:
        assert due == after(calendar, anchor, n)
