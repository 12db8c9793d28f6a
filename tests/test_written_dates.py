"""Dates with the month in words: read in either order, checked, never guessed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl.errors import FactValueError
from timescale_dsl.facts import parse_fact_text, parse_when
from timescale_dsl.written_dates import read_written_date

MONTHS = "January February March April May June July August September October November December"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 Oct 2026", dt.date(2026, 10, 6)),
        ("06-Oct-2026", dt.date(2026, 10, 6)),
        ("06/OCT/2026", dt.date(2026, 10, 6)),
        ("6th of October 2026", dt.date(2026, 10, 6)),
        ("Tuesday 6th October 2026", dt.date(2026, 10, 6)),
        ("Tue, 06 Oct 2026", dt.date(2026, 10, 6)),
        ("October 6, 2026", dt.date(2026, 10, 6)),
        ("Sept 1 2026", dt.date(2026, 9, 1)),
        ("1st Sept. 2026", dt.date(2026, 9, 1)),
        ("6 October 2026 14:30", dt.datetime(2026, 10, 6, 14, 30)),
        ("06-Oct-2026 09:05:07", dt.datetime(2026, 10, 6, 9, 5, 7)),
        ("6 Oct 2026, 2:30pm", dt.datetime(2026, 10, 6, 14, 30)),
        ("6 Oct 2026 at 12:00 a.m.", dt.datetime(2026, 10, 6, 0, 0)),
        ("6 Oct 2026 12.15 PM", dt.datetime(2026, 10, 6, 12, 15)),
    ],
)
def test_written_forms_read_as_the_date_they_name(
    text: str, expected: dt.date | dt.datetime
) -> None:
    assert parse_when(text) == expected
    assert type(parse_when(text)) is type(expected)
    assert parse_fact_text(text) == expected  # the command line's --fact guesses it too


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Monday 6 October 2026", "6 October 2026 is a Tuesday, not a Monday"),
        ("31 Feb 2026", "'31 Feb 2026' is not a valid date: day is out of range for month"),
        (
            "06-Oct-26",
            "two-digit year '06-Oct-26': write the year in full (6 October 2026 or 1926)",
        ),
        ("6 Oct 2026 13:00 pm", "a 12-hour clock runs from 1 to 12, not 13"),
        ("6 Oct 2026 24:00", "'6 Oct 2026 24:00' is not a valid time"),
    ],
)
def test_a_written_form_that_names_no_real_moment_is_refused_saying_why(
    text: str, message: str
) -> None:
    with pytest.raises(FactValueError) as refused:
        parse_when(text)
    assert message in str(refused.value)


@pytest.mark.parametrize(
    "text", ["6 Foo 2026", "Someday 6 Oct 2026", "6 Oct", "Oct 2026", "6 Oct 202", "6 Oct 2026 x"]
)
def test_other_text_is_not_a_written_date(text: str) -> None:
    assert read_written_date(text) is None
    with pytest.raises(FactValueError):
        parse_when(text)


def _render(day: dt.date, style: int, weekday: bool) -> str:
    month = MONTHS.split()[day.month - 1]
    name = WEEKDAYS[day.weekday()]
    forms = [
        f"{day.day} {month} {day.year:04d}",
        f"{day.day:02d}-{month[:3]}-{day.year:04d}",
        f"{month} {day.day}, {day.year:04d}",
        f"{day.day}th of {month.upper()} {day.year:04d}",
    ]
    text = forms[style]
    return f"{name[:3]}, {text}" if weekday else text


@given(
    st.dates(min_value=dt.date(1000, 1, 1)),
    st.integers(0, 3),
    st.booleans(),
)
def test_every_date_written_out_reads_back(day: dt.date, style: int, weekday: bool) -> None:
    assert parse_when(_render(day, style, weekday)) == day


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.integers(1, 6))
def test_a_weekday_the_date_is_not_is_always_refused(day: dt.date, shift: int) -> None:
    wrong = WEEKDAYS[(day.weekday() + shift) % 7]
    with pytest.raises(FactValueError, match="not a"):
        parse_when(f"{wrong} {day.day} {MONTHS.split()[day.month - 1]} {day.year:04d}")
