"""A record due before an event with no period ("prior to the first LAC review"), an
age written without "age" ("by 16 years and 3 months"), and an ordinal inside an
event's name ("by the 2nd LAC review")."""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import compile_statement, parse_statement


@pytest.mark.parametrize(
    ("wording", "canonical"),
    [
        (
            "Care plan completed prior to the first LAC review",
            "Care plan completed on the day of first LAC review",
        ),
        (
            "Transfer summary before the case is transferred",
            'Transfer summary on the day of "case is transferred"',
        ),
        (
            "Review of care plan by the IRO before each review",
            '"Review of care plan by the IRO" on the day of review',
        ),
        ("Letter before every visit", "Letter on the day of visit"),
        (
            "Report before the meeting if s47; otherwise within 5 days of the meeting",
            "Report on the day of meeting if s47; otherwise within 5 days of meeting",
        ),
        (
            "Pathway needs assessment by 16 years and 3 months",
            "Pathway needs assessment by age 16 years and 3 months",
        ),
        ("Pathway plan by 16 years of age", "Pathway plan by age 16 years"),
        ("Pathway plan by age 16", "Pathway plan by age 16 years"),
        ("Pathway plan by the age of 16 and 3 months", "Pathway plan by age 16 years and 3 months"),
        ("Permanence plan by the 2nd LAC review", 'Permanence plan on the day of "2nd LAC review"'),
    ],
)
def test_the_wording_means_its_canonical_statement(wording: str, canonical: str) -> None:
    assert parse_statement(wording) == parse_statement(canonical)


@pytest.mark.parametrize(
    ("wording", "task"),
    [
        # Where another timescale follows, "before" stays a word of the task.
        ("Visit before school within 5 days of referral", "Visit before school"),
        ("Pre-meeting report 5 working days before the meeting", "Pre-meeting report"),
        # A preference before a limit is the limit, as before.
        ("Care plan before placement or within 10 working days of placement", "Care plan"),
        # A count of years with a direction after it is a period, not an age.
        ("Report by 2 years after placement", "Report by"),
    ],
)
def test_before_and_by_elsewhere_read_as_before(wording: str, task: str) -> None:
    assert parse_statement(wording).task == task


def test_before_an_event_is_due_by_its_day() -> None:
    rule = compile_statement("Care plan completed prior to the first LAC review")
    # Dates alone cannot order a record and a review on one day: that day is in time.
    assert rule.deadline({"first LAC review": dt.date(2026, 3, 4)}).due == dt.date(2026, 3, 4)


def test_an_age_without_the_word_counts_from_the_date_of_birth() -> None:
    rule = compile_statement("Pathway needs assessment by 16 years and 3 months")
    born = dt.date(2010, 11, 30)
    assert rule.deadline({"date of birth": born}).due == dt.date(2027, 2, 28)
