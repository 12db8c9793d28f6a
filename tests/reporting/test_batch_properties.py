"""The batch API gives exactly what the scalar API gives, row by row.

Random calendars (including odd weekends, closures and narrow vouched
ranges that force out-of-range errors), random statements of every kind and
random facts (dates, date-times, blanks, flags, text); for each row the
batch due, earliest and target equal ``Rule.deadline``'s, and a row the
batch cannot evaluate is one where the scalar API raises, with the same
message.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from timescale_dsl import england_and_wales
from timescale_dsl.engine.arithmetic import working_day_index
from timescale_dsl.engine.batch import evaluate_rule
from timescale_dsl.engine.column_arithmetic import ColumnArithmetic
from timescale_dsl.engine.columns import BatchFacts
from timescale_dsl.engine.moments import Moments
from timescale_dsl.engine.problems import Problems
from timescale_dsl.errors import TimescaleError
from timescale_dsl.ruleset import Rule
from timescale_dsl.syntax import ast

from .strategies import (
    CalendarSpec,
    alternatives,
    batch_of,
    calendars,
    fact_rows,
    make_rule,
    single_deadlines,
)


def _scalar(rule: Rule, row: dict[str, object]) -> tuple[object, object, object] | str:
    try:
        deadline = rule.deadline(row, projection=0)
    except TimescaleError as error:
        return str(error)
    return deadline.due, deadline.earliest, deadline.target


def _provisional(rule: Rule, row: dict[str, object]) -> bool:
    """Whether the scalar API's deadline is provisional (an event not known yet, or a
    count over bank holidays not announced yet)."""
    return rule.deadline(row, projection=0).provisional


def _assert_rows_agree(rule: Rule, rows: list[dict[str, object]]) -> None:
    batch = evaluate_rule(rule, batch_of(rows))
    provisional = batch.provisional
    for number, row in enumerate(rows):
        expected = _scalar(rule, row)
        if not isinstance(expected, str):
            marked = bool(provisional[number]) if provisional is not None else False
            assert marked == _provisional(rule, row), number
        if isinstance(expected, str):
            assert batch.problems.failed[number], (number, expected)
            assert batch.problems.reason[number] == expected, number
        else:
            assert not batch.problems.failed[number], (number, batch.problems.reason[number])
            got = (
                batch.due.item(number),
                batch.earliest.item(number),
                batch.target.item(number),
            )
            assert got == expected, (number, row)
            assert [type(v) for v in got] == [type(v) for v in expected], number


@settings(max_examples=300)
@given(
    calendar=calendars(),
    event_day=st.sampled_from([0, 1]),
    timescale=alternatives(),
    other=single_deadlines,
    rows=st.integers(1, 12).flatmap(fact_rows),
)
def test_batch_deadlines_equal_scalar_deadlines(
    calendar: CalendarSpec,
    event_day: int,
    timescale: ast.Alternatives,
    other: ast.SingleDeadline,
    rows: list[dict[str, object]],
) -> None:
    use = calendar.build()
    referred = make_rule(ast.Alternatives((ast.Guarded(other),)), use, event_day, rule_id="other")
    rule = make_rule(timescale, use, event_day, referred)
    _assert_rows_agree(rule, rows)


@given(
    calendar=calendars(),
    event_day=st.sampled_from([0, 1]),
    timescale=alternatives(recurring=True),
    rows=st.integers(1, 8).flatmap(fact_rows),
)
def test_batch_first_occurrence_equals_scalar_deadline_for_recurrences(
    calendar: CalendarSpec,
    event_day: int,
    timescale: ast.Alternatives,
    rows: list[dict[str, object]],
) -> None:
    _assert_first_occurrences_agree(make_rule(timescale, calendar.build(), event_day), rows)


def _assert_first_occurrences_agree(rule: Rule, rows: list[dict[str, object]]) -> None:
    """A recurring rule's first due date, the previous occurrence being the contact."""
    for row in rows:
        row["previous occurrence"] = row["contact"]
    facts = batch_of(rows).with_dates(
        "previous occurrence",
        Moments.of_python([row["contact"] for row in rows]),  # type: ignore[misc]
    )
    batch = evaluate_rule(rule, facts)
    for number, row in enumerate(rows):
        expected = _scalar(rule, row)
        if isinstance(expected, str):
            assert batch.problems.reason[number] == expected
        else:
            assert batch.due.item(number) == expected[0]


@given(
    calendar=calendars(),
    days=st.lists(st.dates(dt.date(1985, 1, 1), dt.date(2035, 12, 31)), min_size=1, max_size=40),
    count=st.integers(0, 300),
    after=st.booleans(),
)
def test_working_days_over_columns_equal_scalar_index(
    calendar: CalendarSpec, days: list[dt.date], count: int, after: bool
) -> None:
    use = calendar.build()
    index = working_day_index(use)
    shifter = ColumnArithmetic(use, index)
    problems = Problems(len(days))
    result = shifter.working_days(np.array(days, dtype="datetime64[D]"), count, after, problems)
    for number, day in enumerate(days):
        try:
            expected = index.after(day, count) if after else index.before(day, count)
        except TimescaleError as error:
            assert problems.reason[number] == str(error)
            assert np.isnat(result[number])
        else:
            assert not problems.failed[number]
            assert result[number].item() == expected


def test_batch_working_days_match_numpy_busday_offset_on_a_million_days() -> None:
    calendar = england_and_wales()
    rng = np.random.default_rng(7)
    days = np.datetime64("1995-01-01") + rng.integers(0, 365 * 34, 1_000_000).astype(
        "timedelta64[D]"
    )
    holidays = np.array([d for d, _ in calendar.holidays], dtype="datetime64[D]")
    shifter = ColumnArithmetic(calendar, working_day_index(calendar))
    problems = Problems(len(days))
    for count in (1, 10, 45):
        got = shifter.working_days(days, count, True, problems)
        expected = np.busday_offset(days, count, roll="backward", holidays=holidays)
        assert (got == expected).all()
        got = shifter.working_days(days, count, False, problems)
        expected = np.busday_offset(days, -count, roll="forward", holidays=holidays)
        assert (got == expected).all()
    assert not problems.any


def test_hours_before_the_offset_table_use_the_scalar_arithmetic() -> None:
    from timescale_dsl.engine.arithmetic import add_hours

    starts = [dt.datetime(1850, 6, 1, 9, 30), dt.datetime(2026, 10, 24, 12, 0)]
    rule = make_rule(
        ast.Alternatives(
            (
                ast.Guarded(
                    ast.Offset(
                        ast.Duration(30, ast.Unit.HOURS),
                        ast.Direction.AFTER,
                        ast.FactRef("contact", "contact"),
                    )
                ),
            )
        ),
        england_and_wales(),
        0,
    )
    facts = BatchFacts(2, {"contact": Moments.of_python(starts)})
    result = evaluate_rule(rule, facts)
    # 1850 is before London's transition table: the row goes through zoneinfo itself.
    assert result.due.to_python() == [add_hours(s, 30) for s in starts]
    assert result.due.to_python()[1] == dt.datetime(2026, 10, 25, 17, 0)  # clocks went back
