"""School days: working days on which schools are open, over the school holidays a
ruleset declares ("PEP within 20 school days of becoming looked after")."""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import (
    ValidationProblem,
    calendar_by_name,
    check_ruleset_text,
    parse_ruleset,
    parse_statement,
)
from timescale_dsl.binding import parse_rule
from timescale_dsl.engine.batch import evaluate_rule
from timescale_dsl.engine.columns import BatchFacts
from timescale_dsl.engine.moments import Moments
from timescale_dsl.errors import EvaluationError
from timescale_dsl.ruleset import Rule, Settings

D = dt.date
HEADER = (
    'title "PEPs"\n'
    'school holidays 2026-07-23 to 2026-09-02 "Summer holidays"\n'
    'school holiday 2026-10-26 to 2026-10-30 "October half term"\n'
    'School closed 2026-12-21 to 2027-01-01 "Christmas holidays"\n'
    'school closure 2026-11-06 "Training day"\n'
)
RULES = (
    "[pep] PEP within 20 school days of becoming looked after\n"
    "[pep-meeting] PEP meeting within ten school days of entering care\n"
    "[prep] PEP preparation 3 school days before PEP meeting\n"
    "School visit within 5 working days of referral\n"
)


@pytest.mark.parametrize(
    ("wording", "canonical"),
    [
        (
            "PEP within ten school days of entering care",
            "PEP within 10 school days of entering care",
        ),
        ("PEP within 1 school day of entering care", "PEP within 1 school day of entering care"),
        (
            "PEP within 10 school-days of entering care",
            "PEP within 10 school days of entering care",
        ),
        (
            "Personal Education Plan: within twenty school days",
            "Personal Education Plan within 20 school days of start event",
        ),
    ],
)
def test_school_days_are_a_unit(wording: str, canonical: str) -> None:
    assert parse_statement(wording) == parse_statement(canonical)


def test_a_count_skips_the_school_holidays_as_well_as_weekends_and_bank_holidays() -> None:
    rule = parse_ruleset(HEADER + RULES).rule("pep")
    deadline = rule.deadline({"becoming looked after": D(2026, 7, 15)})
    # Wed 15 July: 16, 17, 20, 21, 22 July are school days (5); then the summer
    # holidays to 2 September (with the August bank holiday in them); 3, 4 Sept (7),
    # 7-11 (12), 14-18 (17), 21-23 (20).
    assert deadline.due == D(2026, 9, 23)
    assert deadline.explanation.summary == (
        "20 weekend days and Summer holidays (29 days), Late Summer Bank Holiday; Summer holidays"
    )


def test_a_single_closed_day_and_a_half_term_are_skipped_and_named() -> None:
    rule = parse_ruleset(HEADER + RULES).rule("pep-meeting")
    deadline = rule.deadline({"entering care": D(2026, 10, 22)})
    # Thu 22 Oct: 23 Oct (1), half term 26-30 Oct, 2-5 Nov (5), 6 Nov a training
    # day, 9-12 Nov (9), Fri 13 Nov (10).
    assert deadline.due == D(2026, 11, 13)
    assert "October half term (5 days)" in deadline.explanation.summary
    assert "Training day" in deadline.explanation.summary


def test_school_days_before_an_event_count_back_over_the_holidays() -> None:
    rule = parse_ruleset(HEADER + RULES).rule("prep")
    # Mon 4 Jan 2027: back over the Christmas holidays (21 Dec to 1 Jan) to Fri 18,
    # Thu 17, Wed 16 December.
    assert rule.deadline({"pep meeting": D(2027, 1, 4)}).due == D(2026, 12, 16)


def test_working_days_are_not_school_days() -> None:
    ruleset = parse_ruleset(HEADER + RULES)
    rule = ruleset.rule("school-visit")
    assert rule.deadline({"referral": D(2026, 7, 22)}).due == D(2026, 7, 29)


def test_a_callers_calendar_takes_the_school_holidays_too() -> None:
    rule = parse_ruleset(HEADER + RULES).rule("pep")
    scotland = calendar_by_name("scotland")
    deadline = rule.deadline({"becoming looked after": D(2026, 7, 15)}, scotland)
    # Scotland has no August bank holiday on 31 August, but the summer holidays
    # cover it: the same school days.
    assert deadline.due == D(2026, 9, 23)


def test_without_school_holidays_check_says_so() -> None:
    text = 'title "PEPs"\n[pep] PEP within 20 school days of becoming looked after\n'
    found = check_ruleset_text(text, "peps.timescales")
    assert [(d.code, d.span.line, d.span.column) for d in found if d.span] == [("TS120", 2, 18)]
    assert found[0].message == (
        "school days are counted over school holidays, and none are declared"
    )
    assert found[0].hint is not None and "school holidays 2026-07-23" in found[0].hint
    with pytest.raises(ValidationProblem, match="TS120"):
        parse_ruleset(text)


def test_a_statement_is_given_its_school_holidays_by_the_caller() -> None:
    text = "PEP within 20 school days of becoming looked after"
    with pytest.raises(ValidationProblem, match="school_holidays=") as raised:
        parse_rule(text)
    assert raised.value.diagnostics[0].code == "TS120"
    summer = (D(2026, 7, 23), D(2026, 9, 2), "Summer holidays")
    rule = parse_rule(text, school_holidays=[summer])
    assert rule.deadline({"becoming looked after": D(2026, 7, 15)}).due == D(2026, 9, 23)


def test_a_rule_bound_without_school_holidays_is_refused_by_both_engines() -> None:
    # Only a rule built by hand, past the checks, can get here: said plainly all the same.
    statement = parse_statement("PEP within 20 school days of becoming looked after")
    rule = Rule("pep", statement, Settings(calendar_by_name("england-and-wales")))
    with pytest.raises(EvaluationError, match="school days need the school holidays"):
        rule.deadline({"becoming looked after": D(2026, 7, 15)})
    facts = BatchFacts(1, {"becoming looked after": Moments.of_python([D(2026, 7, 15)])})
    found = evaluate_rule(rule, facts)
    assert found.problems.failed.tolist() == [True]
    assert "school days need the school holidays" in str(found.problems.reason[0])


def test_a_school_holiday_that_ends_before_it_starts_is_an_error() -> None:
    text = 'title "PEPs"\nschool holidays 2026-09-02 to 2026-07-23 "Summer"\n'
    assert [d.code for d in check_ruleset_text(text, "peps.timescales")] == ["TS112"]


def test_a_rule_line_may_begin_with_school() -> None:
    ruleset = parse_ruleset(HEADER + RULES)
    assert ruleset.rule("school-visit").task == "School visit"


def test_counting_past_the_last_declared_school_holiday_is_provisional() -> None:
    rule = parse_ruleset(HEADER + RULES).rule("pep")
    # Holidays are declared up to 1 January 2027: from 10 December, 20 school days run
    # into January, whose half term is not known.
    deadline = rule.deadline({"becoming looked after": D(2026, 12, 10)})
    assert (deadline.due, deadline.provisional) == (D(2027, 1, 21), True)
    assert deadline.caveats == (
        "school holidays are declared up to 2027-01-01: later working days are counted "
        "as school days",
    )
    inside = rule.deadline({"becoming looked after": D(2026, 7, 10)})
    assert (inside.due, inside.provisional, inside.caveats) == (D(2026, 9, 18), False, ())


def test_the_batch_marks_the_same_rows_provisional() -> None:
    rule = parse_ruleset(HEADER + RULES).rule("pep")
    looked_after = Moments.of_python([D(2026, 12, 10), D(2026, 7, 10)])
    found = evaluate_rule(rule, BatchFacts(2, {"becoming looked after": looked_after}))
    assert found.due.to_python() == [D(2027, 1, 21), D(2026, 9, 18)]
    assert found.provisional is not None and found.provisional.tolist() == [True, False]
