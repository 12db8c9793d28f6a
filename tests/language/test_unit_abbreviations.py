"""Units as frameworks' tables abbreviate them mean the units written in full."""

from __future__ import annotations

import pytest

from timescale_dsl import parse_statement


@pytest.mark.parametrize(
    ("text", "same"),
    [
        ("Assessment within 10 WD of referral", "Assessment within 10 working days of referral"),
        ("Assessment within 10 wds of referral", "Assessment within 10 working days of referral"),
        ("Case note within 2 w/d of visit", "Case note within 2 working days of visit"),
        ("Case note within 2 w/days of visit", "Case note within 2 working days of visit"),
        ("Notes 5 WD after visit", "Notes 5 working days after visit"),
        ("Visit within 1 wk of placement", "Visit within 1 week of placement"),
        ("Visit within 6 Wks of placement", "Visit within 6 weeks of placement"),
        ("Visit every 6 wks", "Visit every 6 weeks"),
        ("Visit 2-4 wks after placement", "Visit 2-4 weeks after placement"),
        ("Visit within 2 mths of placement", "Visit within 2 months of placement"),
        ("Review within 3 mnths of placement", "Review within 3 months of placement"),
        ("Review within 1 mth of placement", "Review within 1 month of placement"),
        ("Review within 1 yr of order", "Review within 1 year of order"),
        ("Plan by age 16 yrs and 3 mths", "Plan by age 16 years and 3 months"),
        (
            "Visit from 2 wks before review to 2 wks after review",
            "Visit from 2 weeks before review to 2 weeks after review",
        ),
    ],
)
def test_an_abbreviated_unit_is_the_unit(text: str, same: str) -> None:
    assert parse_statement(text) == parse_statement(same)


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # Only after a count is an abbreviation a unit: elsewhere it is a word of a name.
        ("WD review within 5 days of referral", "WD review"),
        ("Visit wd within 5 days of referral", "Visit wd"),
        ("Review yrs within 5 days of referral", "Review yrs"),
    ],
)
def test_an_abbreviation_with_no_count_before_it_is_a_word(text: str, task: str) -> None:
    assert parse_statement(text).task == task
