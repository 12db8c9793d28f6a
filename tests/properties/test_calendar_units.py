"""Calendar days, weeks, months, years and ages: plain date arithmetic, months clipped."""

from __future__ import annotations

import calendar as monthly
import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import all_calendars, anchor_dates

from timescale_dsl import Calendar, compile_statement

months = st.integers(min_value=1, max_value=120)
years = st.integers(min_value=1, max_value=25)


def due(text: str, anchor: dt.date, calendar: Calendar | None = None) -> dt.date:
    result = compile_statement(text, calendar).deadline({"event": anchor}).due
    assert isinstance(result, dt.date)
    return result


def month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def is_last_day_of_month(day: dt.date) -> bool:
    return day.day == monthly.monthrange(day.year, day.month)[1]


def assert_clipped_month_shift(source: dt.date, result: dt.date, shift: int) -> None:
    """``result`` is ``shift`` months from ``source``, on the same day or clipped to the month end."""
    assert month_number(result) - month_number(source) == shift
    assert result.day <= source.day
    if result.day < source.day:
        assert is_last_day_of_month(result)
    if source.day <= monthly.monthrange(result.year, result.month)[1]:
        assert result.day == source.day


@given(anchor_dates, months)
def test_months_after_keep_the_day_or_clip_to_the_month_end(anchor: dt.date, n: int) -> None:
    assert_clipped_month_shift(anchor, due(f"Review within {n} months of event", anchor), n)


@given(anchor_dates, months)
def test_months_before_keep_the_day_or_clip_to_the_month_end(anchor: dt.date, n: int) -> None:
    assert_clipped_month_shift(anchor, due(f"Review {n} months before event", anchor), -n)


@given(anchor_dates, years)
def test_years_are_twelve_months_and_clip_29_february(anchor: dt.date, n: int) -> None:
    result = due(f"Review within {n} years of event", anchor)
    assert_clipped_month_shift(anchor, result, 12 * n)
    assert result == due(f"Review within {12 * n} months of event", anchor)


@given(anchor_dates, st.integers(min_value=0, max_value=25), st.integers(min_value=0, max_value=11))
def test_age_is_date_of_birth_plus_years_and_months_clipped(
    born: dt.date, age_years: int, age_months: int
) -> None:
    assume(age_years or age_months)
    text = f"Review by age {age_years} years and {age_months} months"
    result = compile_statement(text).deadline({"date of birth": born}).due
    assert isinstance(result, dt.date)
    assert_clipped_month_shift(born, result, 12 * age_years + age_months)


@given(anchor_dates, st.integers(min_value=1, max_value=25))
def test_birthday_is_the_age_in_whole_years(born: dt.date, age: int) -> None:
    facts = {"date of birth": born}
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(age % 10 if age not in (11, 12, 13) else 0, "th")
    birthday = compile_statement(f"Review on the {age}{suffix} birthday").deadline(facts).due
    by_age = compile_statement(f"Review by age {age} years").deadline(facts).due
    assert birthday == by_age
    assert isinstance(birthday, dt.date)
    assert_clipped_month_shift(born, birthday, 12 * age)


@given(anchor_dates, anchor_dates, months)
def test_months_are_monotonic_in_the_anchor(a: dt.date, b: dt.date, n: int) -> None:
    early, late = sorted((a, b))
    assert due(f"Review within {n} months of event", early) <= due(
        f"Review within {n} months of event", late
    )
    assert due(f"Review {n} months before event", early) <= due(
        f"Review {n} months before event", late
    )


@given(anchor_dates, months, months)
def test_months_grow_strictly_with_n(anchor: dt.date, m: int, n: int) -> None:
    assume(m != n)
    small, large = sorted((m, n))
    assert due(f"Review within {small} months of event", anchor) < due(
        f"Review within {large} months of event", anchor
    )


@given(all_calendars(), anchor_dates, st.integers(min_value=1, max_value=400))
def test_calendar_days_and_weeks_ignore_the_calendar(
    calendar: Calendar, anchor: dt.date, n: int
) -> None:
    assert due(f"Visit within {n} days of event", anchor, calendar) == anchor + dt.timedelta(n)
    assert due(f"Visit within {n} calendar days of event", anchor, calendar) == anchor + (
        dt.timedelta(n)
    )
    assert due(f"Visit {n} days before event", anchor, calendar) == anchor - dt.timedelta(n)
    assert due(f"Visit within {n} weeks of event", anchor, calendar) == anchor + (
        dt.timedelta(weeks=n)
    )


@given(anchor_dates, st.integers(1, 200), st.integers(1, 200))
def test_adding_a_then_b_calendar_days_is_adding_a_plus_b(anchor: dt.date, a: int, b: int) -> None:
    first = due(f"Visit within {a} days of event", anchor)
    assert due(f"Visit within {b} days of event", first) == due(
        f"Visit within {a + b} days of event", anchor
    )
