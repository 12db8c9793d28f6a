"""Windows: the earliest date never comes after the due date; targets never after the limit."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from strategies import all_calendars, anchor_dates

from timescale_dsl import Calendar, EvaluationError, ValidationProblem, compile_statement
from timescale_dsl.model import end_of

#: Each unit with the largest count used, about a year at most, so every
#: window stays inside the calendars' vouched years.
LARGEST = {"working days": 60, "days": 90, "weeks": 20, "months": 12, "years": 1}
units = st.sampled_from(tuple(LARGEST))


def counted(unit: str) -> st.SearchStrategy[int]:
    return st.integers(min_value=1, max_value=LARGEST[unit])


def two_counts(unit: str) -> st.SearchStrategy[tuple[int, int, str]]:
    return st.tuples(counted(unit), counted(unit), st.just(unit))


pairs = units.flatmap(two_counts)
counts = units.flatmap(lambda unit: st.tuples(counted(unit), st.just(unit)))
rolls = st.sampled_from(("", ", or the next working day if that is not a working day"))


def window(text: str, anchor: dt.date, calendar: Calendar | None = None) -> tuple[dt.date, dt.date]:
    """(earliest, due) of a statement; statements the language rejects are skipped."""
    try:
        rule = compile_statement(text, calendar)
    except ValidationProblem:
        assume(False)
        raise  # unreachable: assume(False) stops the example
    try:
        deadline = rule.deadline({"event": anchor})
    except EvaluationError as error:
        # Bounds in units that cross on some dates are refused, never returned backwards.
        assert "would start" in str(error)
        assume(False)
        raise

    assert deadline.earliest is not None and deadline.due is not None
    return deadline.earliest, deadline.due


def assert_ordered(earliest: dt.date, due: dt.date) -> None:
    assert end_of(earliest) <= end_of(due), (earliest, due)


@given(all_calendars(), anchor_dates, pairs, rolls)
def test_between_window_starts_on_or_before_it_ends(
    calendar: Calendar, anchor: dt.date, pair: tuple[int, int, str], roll: str
) -> None:
    a, b, unit = pair
    low, high = sorted((a, b))
    text = f"Visit between {low} and {high} {unit} after event{roll}"
    assert_ordered(*window(text, anchor, calendar))


@given(all_calendars(), anchor_dates, pairs)
def test_dash_window_starts_on_or_before_it_ends(
    calendar: Calendar, anchor: dt.date, pair: tuple[int, int, str]
) -> None:
    a, b, unit = pair
    low, high = sorted((a, b))
    assert_ordered(*window(f"Visit {low}-{high} {unit} after event", anchor, calendar))


@given(all_calendars(), anchor_dates, units.flatmap(two_counts), units, rolls)
def test_from_before_to_after_window_starts_on_or_before_it_ends(
    calendar: Calendar, anchor: dt.date, pair: tuple[int, int, str], unit_b: str, roll: str
) -> None:
    a, _, unit_a = pair
    b = min(pair[1], LARGEST[unit_b])
    text = f"Visit from {a} {unit_a} before event to {b} {unit_b} after event{roll}"
    assert_ordered(*window(text, anchor, calendar))


@given(all_calendars(), anchor_dates, pairs, st.booleans())
def test_window_from_the_day_itself_starts_on_or_before_it_ends(
    calendar: Calendar, anchor: dt.date, pair: tuple[int, int, str], forward: bool
) -> None:
    n, _, unit = pair
    if forward:
        text = f"Visit from on the day of event to {n} {unit} after event"
    else:
        text = f"Visit from {n} {unit} before event to on the day of event"
    assert_ordered(*window(text, anchor, calendar))


@given(all_calendars(), anchor_dates, pairs)
def test_target_is_never_later_than_the_limit_in_the_same_unit(
    calendar: Calendar, anchor: dt.date, pair: tuple[int, int, str]
) -> None:
    a, b, unit = pair
    target, limit = sorted((a, b))
    text = f"Assessment within {limit} {unit} (target {target} {unit}) of event"
    deadline = compile_statement(text, calendar).deadline({"event": anchor})
    assert deadline.target is not None and deadline.due is not None
    assert deadline.target <= deadline.due


# ------------------------------------------------------- once bugs, now pinned

_ROLL_PREVIOUS = ", or the previous working day if that is not a working day"


@given(all_calendars(), anchor_dates, pairs)
@example(calendar=None, anchor=dt.date(2026, 3, 5), pair=(2, 3, "days"))
def test_window_rolled_to_the_previous_working_day_starts_on_or_before_it_ends(
    calendar: Calendar | None, anchor: dt.date, pair: tuple[int, int, str]
) -> None:
    a, b, unit = pair
    low, high = sorted((a, b))
    text = f"Visit between {low} and {high} {unit} after event{_ROLL_PREVIOUS}"
    assert_ordered(*window(text, anchor, calendar))


@given(all_calendars(), anchor_dates, counts, counts, st.sampled_from(("after", "before")))
@example(None, dt.date(2026, 3, 31), (30, "days"), (1, "months"), "before")
@example(None, dt.date(2026, 3, 31), (2, "working days"), (1, "days"), "after")
def test_every_window_that_compiles_starts_on_or_before_it_ends(
    calendar: Calendar | None,
    anchor: dt.date,
    start: tuple[int, str],
    end: tuple[int, str],
    direction: str,
) -> None:
    (a, unit_a), (b, unit_b) = start, end
    text = f"Visit from {a} {unit_a} {direction} event to {b} {unit_b} {direction} event"
    assert_ordered(*window(text, anchor, calendar))


def test_target_in_another_unit_is_never_later_than_the_limit() -> None:
    text = "Assessment within 1 month of event (target 30 days)"
    deadline = compile_statement(text).deadline({"event": dt.date(2026, 1, 31)})
    assert deadline.target is not None and deadline.due is not None
    assert deadline.target <= deadline.due


def test_window_crossing_on_some_dates_is_refused_with_the_dates() -> None:
    rule = compile_statement("Visit from 30 days before event to 1 month before event")
    assert rule.deadline({"event": dt.date(2026, 3, 15)}).earliest == dt.date(2026, 2, 13)
    with pytest.raises(EvaluationError, match=r"would start \(Sun 01 Mar 2026\) after it ends"):
        rule.deadline({"event": dt.date(2026, 3, 31)})


def test_window_backwards_on_every_date_is_rejected_by_validation() -> None:
    with pytest.raises(ValidationProblem, match="TS102"):
        compile_statement("Visit from 2 working days after event to 1 day after event")
