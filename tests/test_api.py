"""Public API details: fact names, rule references, array rolling at the range's edge."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from timescale_dsl import (
    CalendarRangeError,
    MissingFactsError,
    UnknownRuleError,
    compile_statement,
    england_and_wales,
    parse_ruleset,
)
from timescale_dsl.engine.arithmetic import working_day_index
from timescale_dsl.engine.column_arithmetic import ColumnArithmetic
from timescale_dsl.engine.problems import Problems
from timescale_dsl.model import show_when


def test_a_leading_the_is_not_part_of_a_fact_name_anywhere():
    rule = compile_statement("X within 5 days of the meeting if the child in need")
    facts = {"The Meeting": dt.date(2026, 1, 5), "child in need": True}
    assert rule.deadline(facts).due == dt.date(2026, 1, 10)


def test_rule_references_are_public():
    ruleset = parse_ruleset(
        'fact "x" date\n[a] A within 2 days of x\n[b] B on the day of [a]\n', "r"
    )
    b = ruleset.rule("b")
    assert b.referenced("a") is ruleset.rule("a")
    assert b.deadline({"x": dt.date(2026, 1, 1)}).due == dt.date(2026, 1, 3)
    with pytest.raises(UnknownRuleError):
        b.referenced("zzz")


def test_column_roll_keeps_a_working_day_at_the_edge_of_the_range():
    calendar = england_and_wales()
    index = working_day_index(calendar)
    columns = ColumnArithmetic(calendar, index)
    last = np.array(["2100-12-31", "2100-12-30"], dtype="datetime64[D]")
    problems = Problems(2)
    assert columns.roll(last, True, problems).tolist() == [
        dt.date(2100, 12, 31),
        dt.date(2100, 12, 30),
    ]
    assert index.roll_forward(dt.date(2100, 12, 31)) == dt.date(2100, 12, 31)
    # Saturday 26 Dec 2026 moves to Tuesday 29 (28 Dec is the Boxing Day substitute)
    days = np.array(["2026-12-26", "2026-12-24"], dtype="datetime64[D]")
    assert columns.roll(days, True, problems).tolist() == [
        dt.date(2026, 12, 29),
        dt.date(2026, 12, 24),
    ]
    assert columns.roll(days, False, problems).tolist() == [
        dt.date(2026, 12, 24),
        dt.date(2026, 12, 24),
    ]
    assert not problems.any


def test_column_roll_past_the_range_refuses_that_row_alone():
    calendar = england_and_wales()
    columns = ColumnArithmetic(calendar, working_day_index(calendar))
    problems = Problems(2)
    days = np.array(["1990-01-01", "2026-12-24"], dtype="datetime64[D]")
    rolled = columns.roll(days, False, problems)
    assert problems.failed.tolist() == [True, False]
    assert "vouches for" in str(problems.reason[0])
    with pytest.raises(CalendarRangeError, match="vouches for"):
        working_day_index(calendar).roll_backward(dt.date(1990, 1, 1))
    assert rolled[1] == np.datetime64("2026-12-24")


def test_show_when_is_the_explanation_wording():
    assert show_when(dt.date(2026, 12, 18)) == "Fri 18 Dec 2026"
    assert show_when(dt.datetime(2026, 12, 18, 9, 5)) == "Fri 18 Dec 2026 09:05"
    assert show_when(dt.date(2027, 5, 3)) == "Mon 03 May 2027"


def test_show_when_names_every_weekday_and_month_in_english():
    # Every weekday of every month of two years, against the C locale's strftime.
    day = dt.date(2026, 1, 1)
    while day.year < 2028:
        moment = dt.datetime.combine(day, dt.time(day.month, day.day % 60))
        assert show_when(day) == day.strftime("%a %d %b %Y")
        assert show_when(moment) == moment.strftime("%a %d %b %Y %H:%M")
        day += dt.timedelta(days=1)


def test_the_old_names_of_binding_keep_working():
    import timescale_dsl
    from timescale_dsl.binding import parse_rule

    assert timescale_dsl.compile_statement is timescale_dsl.parse_rule is parse_rule
    rule = timescale_dsl.compile_statement("A within 2 working days of x")
    assert rule.deadline({"x": dt.date(2026, 12, 24)}).due == dt.date(2026, 12, 30)


def test_a_rule_asked_again_and_again_counts_from_each_call_s_facts():
    # A schedule's facts are found once and kept by the node: every later call (and a
    # call missing a fact) still reads its own facts.
    rule = compile_statement("X within 15 working days of referral")
    day = dt.date(2026, 1, 5)
    dues = [rule.deadline({"referral": day + dt.timedelta(days=n)}).due for n in range(3)]
    assert dues == [dt.date(2026, 1, 26), dt.date(2026, 1, 27), dt.date(2026, 1, 28)]
    with pytest.raises(MissingFactsError, match="referral"):
        rule.deadline({"meeting": day})


def test_the_facts_of_a_node_are_not_taken_for_another_s_with_its_id():
    from timescale_dsl.engine import meaning

    meaning._FACT_ANCHORS.clear()
    first = compile_statement("X within 5 days of referral")
    assert first.deadline({"referral": dt.date(2026, 1, 5)}).due == dt.date(2026, 1, 10)
    del first
    # Later rules may be given the freed nodes' ids; each still counts from its own fact.
    for n in range(50):
        rule = compile_statement(f"X within 5 days of event {n}")
        assert rule.deadline({f"event {n}": dt.date(2026, 1, 5)}).due == dt.date(2026, 1, 10)
        with pytest.raises(MissingFactsError, match=f"event {n}"):
            rule.deadline({"referral": dt.date(2026, 1, 5)})


def test_the_kept_facts_of_nodes_are_bounded(monkeypatch):
    from timescale_dsl.engine import meaning

    monkeypatch.setattr(meaning, "_FACT_ANCHORS_KEPT", 8)
    meaning._FACT_ANCHORS.clear()
    rules = [compile_statement(f"X within 5 days of event {n}") for n in range(20)]
    for n, rule in enumerate(rules):
        assert rule.deadline({f"event {n}": dt.date(2026, 1, 5)}).due == dt.date(2026, 1, 10)
    assert len(meaning._FACT_ANCHORS) <= 8
