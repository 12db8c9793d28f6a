"""Units as frameworks' tables abbreviate them mean the units written in full."""

from __future__ import annotations

import pytest

from timescale_dsl import parse_statement
from timescale_dsl.errors import SyntaxProblem


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
        ("Visit within 5 working-days of referral", "Visit within 5 working days of referral"),
        ("Visit within five working-days of referral", "Visit within 5 working days of referral"),
        ("Visit every 10 working-days", "Visit every 10 working days"),
        ("Visit within 5 calendar-days of referral", "Visit within 5 days of referral"),
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


@pytest.mark.parametrize(
    ("text", "same"),
    [
        (
            "Visit within five (5) working days of referral",
            "Visit within 5 working days of referral",
        ),
        (
            "Visit within 10 (ten) working days of referral",
            "Visit within 10 working days of referral",
        ),
        ("Visit within twenty-eight (28) days of referral", "Visit within 28 days of referral"),
        ("Visit five (5) working days after referral", "Visit 5 working days after referral"),
        ("Visit every two (2) weeks", "Visit every 2 weeks"),
    ],
)
def test_a_count_written_in_words_and_figures_is_the_count(text: str, same: str) -> None:
    assert parse_statement(text) == parse_statement(same)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Visit within five (15) working days of referral",
            "'five (15)' says 5 in words and 15 in figures",
        ),
        (
            "Visit within 15 (five) working days of referral",
            "'15 (five)' says 5 in words and 15 in figures",
        ),
    ],
)
def test_a_count_written_two_ways_that_disagree_is_refused(text: str, message: str) -> None:
    with pytest.raises(SyntaxProblem) as raised:
        parse_statement(text)
    (found,) = raised.value.diagnostics
    assert (found.code, found.message) == ("TS137", message)
    assert found.span is not None and found.span.column == len("Visit within ") + 1


@pytest.mark.parametrize(
    ("text", "same"),
    [
        ("Audit within one calendar month of closure", "Audit within 1 month of closure"),
        ("Audit within a calendar month of closure", "Audit within 1 month of closure"),
        ("Audit 2 calendar months after closure", "Audit 2 months after closure"),
        ("Visit within 2 calendar weeks of placement", "Visit within 2 weeks of placement"),
        ("Review within 1 calendar year of order", "Review within 1 year of order"),
        ("Visit every 2 calendar months", "Visit every 2 months"),
        ("Visit every calendar month", "Visit every 1 month"),
        ("Visit at intervals of not more than 3 calendar months", "Visit every 3 months"),
        ("Visit at intervals of 6 calendar weeks", "Visit every 6 weeks"),
        ("Visit 6-8 calendar weeks after placement", "Visit 6-8 weeks after placement"),
    ],
)
def test_calendar_before_a_week_month_or_year_changes_nothing(text: str, same: str) -> None:
    assert parse_statement(text) == parse_statement(same)


def test_calendar_before_a_unit_is_still_a_word_of_a_task_name() -> None:
    assert parse_statement("Calendar month review within 5 days of referral").task == (
        "Calendar month review"
    )


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Visit at intervals of 2 working weeks", "working weeks"),
        ("Visit at intervals of not more than 3 working months", "working months"),
        ("Visit at intervals of 2 school weeks", "school weeks"),
        ("Visit at intervals of 1 school year", "school years"),
    ],
)
def test_weeks_months_and_years_are_not_counted_in_working_or_school_days(
    text: str, unit: str
) -> None:
    with pytest.raises(SyntaxProblem) as raised:
        parse_statement(text)
    (problem,) = raised.value.diagnostics
    assert problem.code == "TS001"
    assert f"'{unit}' is not a unit" in problem.message
    assert f"{unit.split()[0]} days" in problem.message
