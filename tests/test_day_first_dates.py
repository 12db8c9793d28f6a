"""Numeric dates day first, as UK exports write them: any one mark, either clock."""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl.errors import FactValueError
from timescale_dsl.facts import parse_fact_text, parse_when


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/12/2026", dt.date(2026, 12, 31)),
        ("31-12-2026", dt.date(2026, 12, 31)),
        ("31.12.2026", dt.date(2026, 12, 31)),
        ("1.2.2026 9:05", dt.datetime(2026, 2, 1, 9, 5)),
        ("31/12/2026 2:30 PM", dt.datetime(2026, 12, 31, 14, 30)),
        ("31/12/2026 02:30:15 pm", dt.datetime(2026, 12, 31, 14, 30, 15)),
        ("31-12-2026 12:05 am", dt.datetime(2026, 12, 31, 0, 5)),
        ("31/12/2026 12:00 P.M.", dt.datetime(2026, 12, 31, 12, 0)),
        ("31/12/2026T14:30", dt.datetime(2026, 12, 31, 14, 30)),
        # Seconds' fractions, as databases export them (past microseconds, cut).
        ("31/12/2026 14:30:00.000", dt.datetime(2026, 12, 31, 14, 30)),
        ("31/12/2026 14:30:05,25", dt.datetime(2026, 12, 31, 14, 30, 5, 250000)),
        ("31/12/2026 2:30:15.1234567 PM", dt.datetime(2026, 12, 31, 14, 30, 15, 123456)),
        # The year first with slashes or dots is ISO's order, never year-day-month.
        ("2026/12/31", dt.date(2026, 12, 31)),
        ("2026/1/2 09:05", dt.datetime(2026, 1, 2, 9, 5)),
        ("2026.12.31", dt.date(2026, 12, 31)),
        # ISO's basic form of a date is a date, not midnight.
        ("20261231", dt.date(2026, 12, 31)),
    ],
)
def test_day_first_forms_read_as_the_date_they_name(
    text: str, expected: dt.date | dt.datetime
) -> None:
    assert parse_when(text) == expected
    assert type(parse_when(text)) is type(expected)
    assert parse_fact_text(text) == expected  # as the command line types a --fact


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31-12/2026", "'31-12/2026' is not a date: write it as 31/12/2026"),  # one mark
        ("2026/12-31", "is not a date: write it as"),
        ("31/02/2026", "day is out of range for month"),
        ("31/12/2026 13:00 pm", "a 12-hour clock runs from 1 to 12, not 13"),
        ("31/12/2026 0:30 AM", "a 12-hour clock runs from 1 to 12, not 0"),
        ("31/12/2026 24:00", "hour must be in 0..23"),
        # Never read month first; said to look so where it could only be.
        ("12/31/2026", r"'12/31/2026' looks month-first \(US style\).*write 31/12/2026"),
        ("12.31.2026", "write 31.12.2026"),
        ("13/13/2026", "'13/13/2026' is not a valid date: month must be in 1..12"),
        ("2026/31/12", "month must be in 1..12"),  # never year-day-month
        ("20261301", "month must be in 1..12"),
        ("06/10/26", r"two-digit year '06/10/26': write the year in full \(06/10/2026 or 1926\)"),
        ("N/A", r"'N/A' is not a date \(leave it blank when there is none\)"),
        # A spreadsheet's day number, from a date column exported without its format.
        ("46083", r"spreadsheet's day number \(2 Mar 2026\); format the column as dates"),
        ("46083.5", r"spreadsheet's day number \(2 Mar 2026\)"),
        ("12345", "'12345' is not a date: write it as"),
        # Digits in no date's shape are not taken apart as if they were one.
        ("99999999999999999999", "'99999999999999999999' is not a date: write it as"),
        ("202612310", "'202612310' is not a date: write it as"),
        ("soon", "'soon' is not a date: write it as 31/12/2026, 31 Dec 2026 or 2026-12-31"),
    ],
)
def test_what_names_no_real_date_is_refused_saying_why(text: str, message: str) -> None:
    with pytest.raises(FactValueError, match=message):
        parse_when(text)
