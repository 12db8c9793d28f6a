"""Explanations for people: weekends summarised, clock changes named, references explained."""

from __future__ import annotations

import datetime as dt

from timescale_dsl import compile_statement, parse_ruleset
from timescale_dsl.model import NOT_EXPLAINED

D, T = dt.date, dt.datetime


def test_weekends_are_counted_and_holidays_named():
    deadline = compile_statement("A within 15 working days of x").deadline({"x": D(2026, 12, 18)})
    steps = deadline.explanation.steps
    assert (
        "  skipping 8 weekend days and Christmas Day, Boxing Day (observed), New Year's Day"
        in steps
    )
    # The summary follows the count it explains.
    assert steps[steps.index("15 working days after x: Wed 13 Jan 2027") + 1].startswith(
        "  skipping"
    )
    assert (
        deadline.explanation.summary
        == "8 weekend days and Christmas Day, Boxing Day (observed), New Year's Day"
    )
    assert [d.reason for d in deadline.explanation.named_days] == [
        "Christmas Day",
        "Boxing Day (observed)",
        "New Year's Day",
    ]
    assert len(deadline.explanation.skipped) == 11  # the detail is still there


def test_a_count_over_weekdays_only_says_nothing_skipped():
    deadline = compile_statement("A within 3 working days of x").deadline({"x": D(2026, 6, 1)})
    assert not any("skipping" in step for step in deadline.explanation.steps)


def test_one_weekend_day_is_singular():
    # From Saturday 6 June: Sunday is passed over, Monday is the first working day.
    deadline = compile_statement("A within 1 working day of x").deadline({"x": D(2026, 6, 6)})
    assert "  skipping 1 weekend day" in deadline.explanation.steps


def test_a_clock_change_is_named_when_hours_cross_one():
    spring = compile_statement("A within 24 hours of x").deadline({"x": T(2026, 3, 28, 10, 0)})
    assert spring.due == T(2026, 3, 29, 11, 0)
    assert any(
        "clocks went forward one hour on Sun 29 Mar 2026 (British Summer Time began)" in s
        for s in spring.explanation.steps
    )
    autumn = compile_statement("A within 24 hours of x").deadline({"x": T(2026, 10, 24, 10, 0)})
    assert autumn.due == T(2026, 10, 25, 9, 0)
    assert any(
        "clocks went back one hour on Sun 25 Oct 2026" in s for s in autumn.explanation.steps
    )
    plain = compile_statement("A within 24 hours of x").deadline({"x": T(2026, 6, 1, 10, 0)})
    assert not any("clocks" in s for s in plain.explanation.steps)


def test_a_rule_reference_is_explained_by_that_rules_reasoning():
    ruleset = parse_ruleset("[a] A within 5 working days of x\n[b] B within 2 days of [a]\n")
    steps = ruleset.rule("b").deadline({"x": D(2026, 12, 23)}).explanation.steps
    assert steps[1] == "[a] (A) is due Mon 04 Jan 2027:"
    assert "    5 working days after x: Mon 04 Jan 2027" in steps
    assert any(s.startswith("      skipping 4 weekend days and Christmas Day") for s in steps)


def test_explain_false_gives_the_same_dates_without_the_explanation():
    rule = compile_statement("A within 45 working days of x (target 35 working days)")
    facts = {"x": D(2026, 12, 1)}
    full, quick = rule.deadline(facts), rule.deadline(facts, explain=False)
    assert (quick.due, quick.target) == (full.due, full.target)
    assert quick.explanation == NOT_EXPLAINED
    assert full.explanation != NOT_EXPLAINED


def test_a_recurrence_explains_its_first_count_only_and_forecasts_are_not_provisional():
    deadline = compile_statement("A every 10 working days after x").deadline({"x": D(2027, 11, 1)})
    steps = deadline.explanation.steps
    assert sum(step.strip().startswith("skipping") for step in steps) <= 1
    assert steps[-1].startswith("due: ")
    assert deadline.schedule and deadline.schedule[-1] > D(2028, 1, 1)
    assert not deadline.provisional  # the due date, in 2027, rests on announced holidays
