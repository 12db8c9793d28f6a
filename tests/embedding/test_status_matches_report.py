"""Deadline.status classifies exactly as the batch report's classify does, row by row."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("pandas")

from timescale_dsl import england_and_wales
from timescale_dsl.engine.arithmetic import working_day_index
from timescale_dsl.engine.moments import Moments
from timescale_dsl.engine.timeliness import NO_DAYS, classify
from timescale_dsl.status import STATUSES, record_status

DAYS = st.dates(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
MOMENTS = st.one_of(
    DAYS,
    st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2026, 3, 31, 23, 59)).map(
        lambda m: m.replace(second=0, microsecond=0)
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    due=MOMENTS,
    earliest=st.one_of(st.none(), DAYS),
    target=st.one_of(st.none(), MOMENTS),
    completed=st.one_of(st.none(), MOMENTS),
    as_of=st.one_of(DAYS, MOMENTS),
)
def test_scalar_status_equals_the_report(due, earliest, target, completed, as_of):
    calendar = england_and_wales()
    due_day = due.date() if isinstance(due, dt.datetime) else due
    if earliest is not None and earliest > due_day:
        earliest = None  # a window's earliest day is never after its due day
    batch = classify(
        Moments.of_python([due]),
        Moments.of_python([earliest]),
        Moments.of_python([target]),
        Moments.of_python([completed]),
        as_of,
        working_day_index(calendar),
    )
    scalar = record_status(
        due, completed=completed, as_of=as_of, earliest=earliest, target=target, calendar=calendar
    )
    assert scalar.status == STATUSES[int(batch.status[0])]

    def days(value: int) -> int | None:
        return None if value == NO_DAYS else value

    assert scalar.working_days_late == days(int(batch.working_days_late[0]))
    assert scalar.calendar_days_late == days(int(batch.calendar_days_late[0]))
    met = int(batch.target_met[0])
    assert scalar.target_met == (None if met == -1 else bool(met))
