"""Wordings from the timescale column of a framework's table: a count alone ("Minutes:
20 working days"), steps without "within" ("then 3 months"), "; then", "the same
working day", a trailing "minimum", and a row with no task at all."""

from __future__ import annotations

import pytest

from timescale_dsl import check_ruleset_text, parse_statement
from timescale_dsl.errors import SyntaxProblem


@pytest.mark.parametrize(
    ("wording", "canonical"),
    [
        ("Minutes: 20 working days", "Minutes within 20 working days"),
        ("Assessment: 45 days (target 35 days)", "Assessment within 45 days (target 35 days)"),
        (
            "Review: 28 days after placement; then 3 months; then 6 monthly",
            "Review within 28 days of placement, then within 3 months, then every 6 months",
        ),
        (
            "Review 28 days after placement, then 3 months later, then every 6 months",
            "Review within 28 days of placement, then within 3 months, then every 6 months",
        ),
        (
            "Review within 3 months of ICPC; then every 6 months",
            "Review within 3 months of ICPC, then every 6 months",
        ),
        (
            "Notification: same working day",
            'Notification no fixed timescale "same working day"',
        ),
        (
            "Contact recorded within the same working day",
            'Contact recorded no fixed timescale "within the same working day"',
        ),
        (
            "Contact recorded within the same working day as the contact",
            "Contact recorded on the day of contact",
        ),
        ("Visit every 6 weeks minimum", "Visit every 6 weeks (minimum)"),
        (
            "Review within 3 months of ICPC, then every 6 months after that",
            "Review within 3 months of ICPC, then every 6 months",
        ),
        ("Visit every 6 weeks after it", "Visit every 6 weeks"),
        ("Visit every 6 weeks, minimum", "Visit every 6 weeks (minimum)"),
        ("Visit every 6 weeks at a minimum.", "Visit every 6 weeks (at a minimum)"),
        (
            "Assessment within 45 working days as a maximum",
            "Assessment within 45 working days (as a maximum)",
        ),
    ],
)
def test_a_table_column_wording_means_its_canonical_statement(wording: str, canonical: str) -> None:
    assert parse_statement(wording) == parse_statement(canonical)


def test_a_task_name_ending_in_a_count_and_unit_is_still_refused_without_an_event() -> None:
    # A direction with nothing after it is not a count alone.
    with pytest.raises(SyntaxProblem, match="unexpected end of text"):
        parse_statement("Minutes 15 working days after")


@pytest.mark.parametrize("row", ["Within 48 hours of the referral", "Every 6 weeks"])
def test_a_row_with_no_task_is_an_error(row: str) -> None:
    found = check_ruleset_text(f'title "x"\n{row}\n', "t.timescales")
    errors = [d for d in found if d.is_error]
    assert [d.code for d in errors] == ["TS121"]
    word = row.split()[0]
    assert errors[0].message == f"the row names no task: '{word}' is read as the task's name"


def test_a_quoted_task_of_that_name_is_allowed() -> None:
    found = check_ruleset_text('title "x"\n"Within" within 2 days of x\n', "t.timescales")
    assert [d.code for d in found if d.is_error] == []


def test_it_after_a_preference_is_the_preferences_event() -> None:
    statement = parse_statement(
        "Placement plan before the placement or, where this is not possible, within 5 "
        "working days of it"
    )
    assert statement == parse_statement(
        "Placement plan within 5 working days of placement (before the placement)"
    )


def test_an_event_that_only_points_back_is_a_warning() -> None:
    found = check_ruleset_text('title "x"\nVisit within 5 working days of it\n', "t.timescales")
    assert [(d.code, d.message) for d in found] == [
        ("TS206", "the event 'it' points back rather than naming an event")
    ]
