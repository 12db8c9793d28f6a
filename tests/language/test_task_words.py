"""Words that begin a timescale are words of a name where what follows them is not one.

"on", "by", "at", "from", "between" and "no" each begin a timescale ("on the
day of", "by the next working day", "at the point of", "from the day of ... to
...", "between 2 and 5 days", "no fixed timescale"); in "Decision on contact",
"Visit by social worker" or "Letter from IRO" they are part of the task. The
grammar reads them as keywords only where the words after them make the
timescale (patterns that look ahead, grammar/timescale.lark).
"""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import parse_rule, parse_ruleset, parse_statement
from timescale_dsl.errors import SyntaxProblem

REFERRAL = {"referral": dt.date(2026, 12, 1), "review": dt.date(2026, 12, 10)}


@pytest.mark.parametrize(
    ("text", "task", "due"),
    [
        ("Visit by social worker within 5 working days of referral", "Visit by social worker", "2026-12-08"),
        ("Visit at home within 5 working days of referral", "Visit at home", "2026-12-08"),
        ("Visit at the home within 5 days of referral", "Visit at the home", "2026-12-06"),
        ("Letter from IRO within 5 working days of review", "Letter from IRO", "2026-12-17"),
        ("Decision on contact within 1 working day of referral", "Decision on contact", "2026-12-02"),
        ("Visits to children on a plan within 10 working days of referral", "Visits to children on a plan", "2026-12-15"),
        ("Record on the system within 1 working day of referral", "Record on the system", "2026-12-02"),
        ("Update the plan on receipt of reports within 5 working days of review", "Update the plan on receipt of reports", "2026-12-17"),
        ("Letter no further action within 5 working days of referral", "Letter no further action", "2026-12-08"),
        ("Time between visits within 5 working days of referral", "Time between visits", "2026-12-08"),
        ("Transfer from team within 5 working days of referral", "Transfer from team", "2026-12-08"),
    ],
)  # fmt: skip
def test_a_timescale_word_inside_a_task_is_part_of_the_task(text: str, task: str, due: str) -> None:
    rule = parse_rule(text)
    assert rule.task == task
    assert str(rule.deadline(REFERRAL).due) == due


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Notes on the day of referral", "2026-12-01"),
        ("Notes on day of referral", "2026-12-01"),
        ("Notes on the same day as referral", "2026-12-01"),
        ("Notes on or before referral", "2026-12-01"),
        ("Notes at the point of referral", "2026-12-01"),
        ("Notes at point of referral", "2026-12-01"),
        ("Notes at the referral", "2026-12-01"),
        ("Notes by the next working day after referral", "2026-12-02"),
        ("Notes from the day of referral to 5 days after referral", "2026-12-06"),
        ("Notes from on the day of referral to 5 days after referral", "2026-12-06"),
        ("Notes from 2 days before review to 2 days after review", "2026-12-12"),
        ("Notes between 2 and 5 days after referral", "2026-12-06"),
        ("Notes on \\\n  the day of referral", "2026-12-01"),
    ],
)
def test_the_keyword_forms_still_begin_the_timescale(text: str, due: str) -> None:
    rule = parse_rule(text)
    assert rule.task == "Notes"
    assert str(rule.deadline(REFERRAL).due) == due


@pytest.mark.parametrize(
    "text",
    [
        "Pathway plan by the 16th birthday",
        "Pathway plan by 16th birthday",
        "Pathway plan by the child's 16th birthday",
        "Pathway plan by the young person’s 16th birthday",
        "Pathway plan by their 16th birthday",
        "Pathway plan by his or her 16th birthday",
        "Pathway plan by his/her 16th birthday",
        "Pathway plan on or before the young person's 16th birthday",
        "Pathway plan on their 16th birthday",
    ],
)
def test_a_birthday_is_the_same_whoever_it_is_said_to_belong_to(text: str) -> None:
    rule = parse_rule(text)
    assert rule.task == "Pathway plan"
    assert str(rule.deadline({"date of birth": dt.date(2010, 5, 1)}).due) == "2026-05-01"


def test_no_fixed_timescale_is_still_the_whole_phrase() -> None:
    deadline = parse_rule("Chronology no fixed timescale").deadline({})
    assert deadline.due is None and "no fixed timescale" in str(deadline.explanation)
    assert parse_rule("No further action letter within 5 days of referral").task == (
        "No further action letter"
    )


def test_a_task_word_before_a_real_error_keeps_the_error_there() -> None:
    with pytest.raises(SyntaxProblem) as caught:
        parse_ruleset("[a] Decision on contact within 5 dayz of referral\n", "t")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.span.column == len("[a] Decision on contact within 5 ") + 1


@pytest.mark.parametrize(
    "text",
    [
        "Pathway plan within 3 months of the 16th birthday",
        "Pathway plan within 3 months of the young person's 16th birthday",
        "Pathway plan within 3 months of his or her 16th birthday",
        "Pathway plan within 3 months of the child’s 16th birthday",
        "Pathway plan by the 16th birthday plus 3 months",
        "Pathway plan by the young person's 16th birthday plus three months",
        "Pathway plan on their 16th birthday plus 3 months",
    ],
)
def test_a_period_after_anyones_birthday_counts_from_the_date_of_birth(text: str) -> None:
    rule = parse_rule(text)
    assert rule.task == "Pathway plan"
    assert str(rule.deadline({"date of birth": dt.date(2010, 5, 31)}).due) == "2026-08-31"


def test_a_birthday_party_is_an_event_of_its_own() -> None:
    rule = parse_rule("Photos within 3 days of the 16th birthday party")
    assert str(rule.deadline({"16th birthday party": dt.date(2026, 6, 1)}).due) == "2026-06-04"


@pytest.mark.parametrize(
    ("text", "task", "due"),
    [
        ("Section 47 enquiry outcome within 15 working days of referral", "Section 47 enquiry outcome", "2026-12-22"),
        ("Stage 1 complaint response within 10 working days of referral", "Stage 1 complaint response", "2026-12-15"),
        ("Form 2 outcome 5 working days after referral", "Form 2 outcome", "2026-12-08"),
        ("Process map within 5 working days of referral", "Process map", "2026-12-08"),
    ],
)  # fmt: skip
def test_a_number_or_heading_word_inside_a_task_is_part_of_the_task(
    text: str, task: str, due: str
) -> None:
    """A count begins a timescale only before a unit or a range; "section" and
    "process" begin a heading only before its quoted name."""
    rule = parse_rule(text)
    assert rule.task == task
    assert str(rule.deadline(REFERRAL).due) == due
    ruleset = parse_ruleset(f'section "Child protection"\n{text}\n', "t")
    assert [rule.statement.task for rule in ruleset.rules] == [task]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Notes 5 working days after referral", "2026-12-08"),
        ("Notes 2-3 working days before review", "2026-12-08"),
        ("Notes 2 to 3 working days before review", "2026-12-08"),
        ("Notes 24hrs after referral", "2026-12-02"),
        ("Notes at each review", "2026-12-10"),
        ("Notes at every review", "2026-12-10"),
        ("Notes by the end of the next working day after referral", "2026-12-02"),
        ("Notes by close of the next working day after referral", "2026-12-02"),
    ],
)
def test_counts_and_each_occurrence_still_begin_the_timescale(text: str, due: str) -> None:
    rule = parse_rule(text)
    assert rule.task == "Notes"
    assert str(rule.deadline(REFERRAL).due)[:10] == due


def test_a_misspelt_unit_after_within_is_still_named() -> None:
    with pytest.raises(SyntaxProblem, match="did you mean 'day'"):
        parse_ruleset("[a] Minutes within 15 working dayz after meeting\n", "t")


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("Life story book by the time of review", "Life story book on the day of review"),
        (
            "Contact recorded as soon as possible and in any event within 1 working day of referral",
            "Contact recorded within 1 working day of referral (as soon as possible)",
        ),
        (
            "Contact recorded immediately and in any case, within 1 working day of referral",
            "Contact recorded within 1 working day of referral (immediately)",
        ),
    ],
)
def test_by_the_time_of_and_in_any_event(text: str, same_as: str) -> None:
    assert parse_rule(text).statement == parse_rule(same_as).statement
    assert parse_rule(text).deadline(REFERRAL).due == parse_rule(same_as).deadline(REFERRAL).due


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("Case audit every quarter", "Case audit every 3 months"),
        ("Review within a quarter of referral", "Review within 3 months of referral"),
        ("Review within two quarters of referral", "Review within 6 months of referral"),
        ("Report 1 quarter after referral", "Report 3 months after referral"),
    ],
)
def test_a_quarter_is_three_months(text: str, same_as: str) -> None:
    assert parse_rule(text).statement == parse_rule(same_as).statement


def test_a_quarter_in_a_name_is_a_word_of_the_name() -> None:
    rule = parse_rule("Quarter end report within 10 working days of referral")
    assert rule.task == "Quarter end report"


@pytest.mark.parametrize(
    ("text", "same"),
    [
        ("Permanence plan by the second review", "Permanence plan on the day of second review"),
        (
            "Report to conference by the date of the conference",
            "Report to conference on the day of conference",
        ),
        ("Plan by the ICPC, then every 6 months", "Plan on the day of ICPC, then every 6 months"),
        (
            "Report by the conference if child in need; otherwise within 5 days of referral",
            "Report on the day of conference if child in need; otherwise within 5 days of referral",
        ),
    ],
)
def test_by_the_event_is_on_or_before_its_day(text: str, same: str) -> None:
    assert parse_statement(text) == parse_statement(same)


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # Something after the event begins a timescale: "by" stays in the task.
        ("Visit by the social worker within 5 days of referral", "Visit by the social worker"),
        ("Review by the IRO at each review", "Review by the IRO"),
        ("Visit by the allocated worker every 6 weeks", "Visit by the allocated worker"),
        ("Visit by the worker 5 working days after referral", "Visit by the worker"),
        ("Report by the conference on the day of referral", "Report by the conference"),
        # The forms "by" began before are as they were.
        ("Life story book by the time of the adoption", "Life story book"),
        (
            "Assessment visit by the end of the next working day after the referral",
            "Assessment visit",
        ),
        ("Pathway plan by the child's 16th birthday", "Pathway plan"),
        ("Contact record by end of next working day after the referral", "Contact record"),
        ("Contact record by next working day", "Contact record"),
    ],
)
def test_by_the_event_keeps_by_in_the_task_where_a_timescale_follows(text: str, task: str) -> None:
    assert parse_statement(text).task == task


@pytest.mark.parametrize(
    ("text", "same"),
    [
        # "at EVENT" with no "the", where no other timescale follows, as "at the EVENT".
        ("Case closure summary at case closure", "Case closure summary on the day of case closure"),
        ("Chronology at transfer", "Chronology on the day of transfer"),
        # "before or within" is "within": earlier is in time too.
        (
            "Placement plan completed before or within 5 working days of the placement starting",
            "Placement plan completed within 5 working days of the placement starting",
        ),
        ("Plan prior to or within 5 days of placement", "Plan within 5 days of placement"),
        # "by the age of" is "by age".
        (
            "Pathway plan by the age of 16 years and 3 months",
            "Pathway plan by age 16 years and 3 months",
        ),
    ],
)
def test_more_ways_councils_write_a_deadline(text: str, same: str) -> None:
    assert parse_statement(text) == parse_statement(same)


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("Visit at home within 5 days of referral", "Visit at home"),
        ("Visit at least every 6 weeks", "Visit"),
        ("Report at most 5 days after referral", "Report"),
        ("Visit at 6 monthly intervals", "Visit"),
    ],
)
def test_at_without_the_keeps_its_other_readings(text: str, task: str) -> None:
    assert parse_statement(text).task == task
