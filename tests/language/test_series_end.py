"""Recurrences that end: "until an adoption order is made", "until age 18".

An occurrence due on or after the day the series ends is not due: the scalar
API, ``due --json``'s schedule and the report agree.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from timescale_dsl import compile_statement, format_statement, parse_ruleset, parse_statement
from timescale_dsl.cli import main
from timescale_dsl.reporting.measuring import measure
from timescale_dsl.syntax import ast

REVIEWS = "Review within 3 months of placement, then every 6 months until an adoption order is made"
PLACEMENT = dt.date(2026, 1, 5)


@pytest.mark.parametrize(
    ("wording", "end"),
    [
        ("until an adoption order is made", ast.FactRef("adoption order", "")),
        ("until the Adoption Order has been made", ast.FactRef("adoption order", "")),
        ("until discharge from care", ast.FactRef("discharge from care", "")),
        ("until age 18", ast.BirthdayRef(18)),
        ("until Age Eighteen", ast.BirthdayRef(18)),
        ("until the child is 16 years old", ast.BirthdayRef(16)),
        ("until the young person reaches 21", ast.BirthdayRef(21)),
        ("until they reach twenty-one", ast.BirthdayRef(21)),
        ("until their 18th birthday", ast.BirthdayRef(18)),
    ],
)
def test_the_end_is_an_event_or_a_birthday(wording: str, end: ast.Anchor) -> None:
    statement = parse_statement(f"Visit every 6 weeks after placement {wording}")
    assert isinstance(statement.timescale, ast.Alternatives)
    schedule = statement.timescale.options[0].schedule
    assert isinstance(schedule, ast.Recurrence) and schedule.until == end


def test_without_the_end_event_the_series_goes_on() -> None:
    deadline = compile_statement(REVIEWS).deadline({"placement": PLACEMENT}, projection=3)
    assert deadline.due == dt.date(2026, 4, 5)
    assert deadline.schedule == (dt.date(2026, 10, 5), dt.date(2027, 4, 5), dt.date(2027, 10, 5))


def test_the_schedule_stops_before_the_end() -> None:
    facts = {"placement": PLACEMENT, "adoption order": dt.date(2027, 4, 5)}
    deadline = compile_statement(REVIEWS).deadline(facts, projection=3)
    # A review due on the day the order is made is no longer due.
    assert (deadline.due, deadline.schedule) == (dt.date(2026, 4, 5), (dt.date(2026, 10, 5),))


def test_a_first_occurrence_after_the_end_is_not_required() -> None:
    facts = {"placement": PLACEMENT, "adoption order": dt.date(2026, 3, 1)}
    deadline = compile_statement(REVIEWS).deadline(facts)
    assert (deadline.due, deadline.not_required) == (None, True)
    assert deadline.caveats == ("the series ended on 2026-03-01",)


def test_occurrence_dues_stop_at_the_end() -> None:
    rule = compile_statement(REVIEWS)
    facts = {"placement": PLACEMENT, "adoption order": dt.date(2026, 12, 1)}
    dues = rule.occurrence_dues(facts, [dt.date(2026, 4, 1), dt.date(2026, 9, 20)])
    assert dues == [dt.date(2026, 4, 5), dt.date(2026, 10, 1)]


def test_an_age_end_counts_from_the_date_of_birth() -> None:
    rule = compile_statement("Visit every 6 weeks after placement until age 18")
    facts = {"placement": PLACEMENT, "date of birth": dt.date(2008, 3, 1)}
    # 18th birthday Sun 1 Mar 2026: 16 Feb is due, 30 Mar is not.
    assert rule.deadline(facts, projection=2).schedule == ()
    assert rule.deadline(facts).due == dt.date(2026, 2, 16)


def test_due_json_schedule_knows_the_end(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["due", "--statement", REVIEWS, "--fact", "placement=2026-01-05", "--json"]
    assert main([*args, "--fact", "adoption order=2027-01-06", "--project", "4"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["due"], data["schedule"]) == ("2026-04-05", ["2026-10-05"])


def test_formatting_keeps_the_end() -> None:
    for text in (REVIEWS, "Visit monthly until the young person reaches 21"):
        statement = parse_statement(text)
        assert " until " in format_statement(statement)
        assert parse_statement(format_statement(statement)) == statement


RULES = """\
title "Adoption reviews"
fact "placement" date
fact "adoption order" date
[reviews] Review within 3 months of placement, then every 6 months until the adoption order is made
"""


def test_the_report_does_not_count_occurrences_past_the_end() -> None:
    ruleset = parse_ruleset(RULES, "x.timescales")
    assert [n.name for n in ruleset.rule("reviews").facts_needed()] == [
        "placement",
        "adoption order",
    ]
    frame = pd.DataFrame(
        {
            "child_id": ["a", "a", "a", "b"],
            "rule": ["reviews"] * 4,
            "completed_at": ["2026-04-01", "2026-09-20", None, None],
            "placement": ["2026-01-05"] * 4,
            "adoption order": ["2026-12-01"] * 3 + ["2026-03-01"],
        }
    )
    measured = measure(frame, ruleset, dt.date(2027, 6, 30))
    assert measured.rows_rejected == 0, measured.rejects["reason"].tolist()
    rows = measured.rows.sort_values("source_row")
    assert rows["status"].tolist() == ["on_time", "on_time", "no_timescale", "no_timescale"]
    assert rows["due"].fillna("-").tolist() == ["2026-04-05", "2026-10-01", "-", "-"]
