"""Leaving the explanation out never changes a date."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from timescale_dsl import compile_statement

UNITS = ["working days", "days", "weeks", "months", "hours", "working hours"]
FORMS = [
    "A within {n} {unit} of x",
    "A {n} {unit} before x",
    "A within {n} {unit} of x, or the next working day",
    "A within {n} {unit} of x (target 1 {unit})",
]


@settings(max_examples=200, deadline=None)
@given(
    form=st.sampled_from(FORMS),
    unit=st.sampled_from(UNITS),
    n=st.integers(1, 60),
    start=st.one_of(
        st.dates(dt.date(1995, 1, 1), dt.date(2090, 12, 31)),
        st.datetimes(dt.datetime(1995, 1, 1), dt.datetime(2090, 12, 31)).map(
            lambda m: m.replace(second=0, microsecond=0)
        ),
    ),
)
def test_explain_false_gives_the_same_deadline(form, unit, n, start):
    text = form.format(n=n, unit=unit)
    if "target" in text and n < 2:
        return
    rule = compile_statement(text)
    full = rule.deadline({"x": start})
    quick = rule.deadline({"x": start}, explain=False)
    assert (quick.due, quick.earliest, quick.target) == (full.due, full.earliest, full.target)
    assert (quick.provisional, quick.caveats) == (full.provisional, full.caveats)
