"""Working hours over columns (closed form where it applies) equal the scalar path, row by row."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl.calendars.base import Calendar
from timescale_dsl.engine import meaning
from timescale_dsl.engine.batch import shift_column
from timescale_dsl.engine.moments import Moments
from timescale_dsl.engine.problems import Problems
from timescale_dsl.engine.scalar import Evaluation
from timescale_dsl.errors import TimescaleError
from timescale_dsl.syntax import ast

from .strategies import CalendarSpec, calendars, make_rule

# Midnights, exact hours and odd microseconds, from before to after the calendars' ranges.
_MOMENTS = st.one_of(
    st.dates(dt.date(1985, 1, 1), dt.date(2035, 12, 31)),
    st.datetimes(dt.datetime(1985, 1, 1), dt.datetime(2035, 12, 31)),
    st.builds(
        dt.datetime.combine,
        st.dates(dt.date(1985, 1, 1), dt.date(2035, 12, 31)),
        st.sampled_from([dt.time(0), dt.time(12), dt.time(23, 59, 59, 999999)]),
    ),
    st.none(),
)


def _scalar(calendar: CalendarSpec, start: dt.date | None, hours: int, after: bool) -> object:
    use = calendar.build()
    scalar = Evaluation("Record", {}, use, 0, lambda _: None)  # type: ignore[arg-type, return-value]
    if start is None:
        return None
    direction = ast.Direction.AFTER if after else ast.Direction.BEFORE
    try:
        return meaning.shift(scalar, start, ast.Duration(hours, ast.Unit.WORKING_HOURS), direction)
    except TimescaleError as error:
        return str(error)


def _columns(
    calendar: Calendar, starts: list[dt.date | None], hours: int, direction: ast.Direction
) -> tuple[Moments, Problems]:
    rule = make_rule(ast.NoFixedTimescale(), calendar, 0)
    duration = ast.Duration(hours, ast.Unit.WORKING_HOURS)
    return shift_column(rule, Moments.of_python(starts), duration, calendar, direction)


@given(
    calendar=calendars(),
    starts=st.lists(_MOMENTS, min_size=1, max_size=30),
    hours=st.sampled_from([0, 1, 7, 23, 24, 25, 48, 72, 100, 24 * 40, 5000]),
    after=st.booleans(),
)
def test_working_hours_over_columns_equal_the_scalar_walk(
    calendar: CalendarSpec, starts: list[dt.date | None], hours: int, after: bool
) -> None:
    direction = ast.Direction.AFTER if after else ast.Direction.BEFORE
    result, problems = _columns(calendar.build(), starts, hours, direction)
    for number, start in enumerate(starts):
        expected = _scalar(calendar, start, hours, after)
        if isinstance(expected, str):
            assert problems.reason[number] == expected
            assert np.isnat(result.values[number])
        else:
            assert not problems.failed[number]
            assert result.item(number) == expected


def test_whole_days_of_hours_end_at_the_end_of_a_day_not_the_next_working_morning() -> None:
    from timescale_dsl import england_and_wales

    calendar = england_and_wales()
    starts: list[dt.date | None] = [
        dt.datetime(2026, 3, 27, 0, 0),  # a Friday's midnight: 24 hours end as Saturday begins
        dt.datetime(2026, 3, 27, 14, 0),  # Friday afternoon: Monday afternoon
        dt.datetime(2026, 3, 28, 9, 0),  # a Saturday counts from Monday's midnight
        dt.datetime(
            2026, 4, 2, 0, 0
        ),  # Maundy Thursday: its 24 hours, then Tuesday's after the Easter break
    ]
    hours = [24, 24, 24, 48]
    got = [
        _columns(calendar, [start], count, ast.Direction.AFTER)[0].item(0)
        for start, count in zip(starts, hours, strict=True)
    ]
    assert got == [
        dt.datetime(2026, 3, 28, 0, 0),
        dt.datetime(2026, 3, 30, 14, 0),
        dt.datetime(2026, 3, 31, 0, 0),
        dt.datetime(2026, 4, 8, 0, 0),
    ]
    for start, count, result in zip(starts, hours, got, strict=True):
        assert _scalar(CalendarSpec("ew"), start, count, True) == result
