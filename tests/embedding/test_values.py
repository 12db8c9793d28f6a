"""Values pickle and round-trip; errors carry fields; reprs are short; exports are complete."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

import timescale_dsl
from timescale_dsl import (
    CalendarRangeError,
    Deadline,
    FactTypeError,
    FactValueError,
    MissingFactsError,
    UnknownRuleError,
    compile_statement,
    load_ruleset,
    parse_ruleset,
)
from timescale_dsl.cli import main

D = dt.date
DECLARED = (
    'fact "risk" text one of "high", "medium", "low"\n'
    'fact "screen" date\n'
    '[a] Visit within 1 working day of screen if risk is "high"; '
    "otherwise within 10 working days of screen\n"
    "[b] Review within 2 days of [a]\n"
)


def _due(rule_and_facts: tuple[str, dict[str, object]]) -> object:
    rule_id, facts = rule_and_facts
    return _RULESET.rule(rule_id).deadline(facts).due


_RULESET = load_ruleset("lcs-liquidlogic")


def test_rules_rulesets_and_deadlines_pickle_equal():
    ruleset = load_ruleset("lcs-liquidlogic")
    copy = pickle.loads(pickle.dumps(ruleset))
    assert copy == ruleset
    assert copy.rules == ruleset.rules
    rule = ruleset.rule("lcs-referral-record")
    assert pickle.loads(pickle.dumps(rule)) == rule
    deadline = rule.deadline({"referral": D(2026, 12, 24)})
    assert pickle.loads(pickle.dumps(deadline)) == deadline
    # A copied rule still refers to the rules of its file.
    other = parse_ruleset(DECLARED)
    b = pickle.loads(pickle.dumps(other.rule("b")))
    assert b.deadline({"screen": D(2026, 6, 1), "risk": "low"}).due == D(2026, 6, 17)
    assert copy != parse_ruleset(DECLARED)


def test_rules_go_to_a_process_pool():
    jobs = [("lcs-referral-record", {"referral": D(2026, 12, day)}) for day in (21, 22, 24)]
    with ProcessPoolExecutor(max_workers=1) as pool:
        dues = list(pool.map(_due, jobs))
    assert dues == [D(2026, 12, 23), D(2026, 12, 24), D(2026, 12, 30)]


@pytest.mark.parametrize(
    "statement, facts",
    [
        ("A within 15 working days of x", {"x": D(2026, 12, 10)}),
        ("A within 4 hours of x", {"x": "2026-07-01T10:00"}),
        ("A within 45 working days of x (target 35 working days)", {"x": D(2026, 3, 2)}),
        ("A between 11 and 15 working days after x", {"x": D(2026, 3, 2)}),
        ("A every 3 months after x", {"x": D(2026, 1, 31)}),
        ("A within 15 working days of x", {"x": D(2045, 12, 10)}),
        ("A: no fixed timescale", {}),
    ],
)
def test_to_dict_is_json_and_from_dict_gives_it_back(statement, facts):
    deadline = compile_statement(statement).deadline(facts)
    data = json.loads(json.dumps(deadline.to_dict()))
    assert data == deadline.to_dict()
    assert Deadline.from_dict(data) == deadline


def test_to_dict_matches_due_json(capsys):
    facts = {"x": "2026-07-01T10:00"}
    deadline = compile_statement("A within 4 hours of x").deadline(facts)
    main(
        [
            "due",
            "--statement",
            "A within 4 hours of x",
            "--fact",
            "x=2026-07-01T10:00",
            "--json",
            "--explain",
        ]
    )
    assert json.loads(capsys.readouterr().out) == deadline.to_dict()


def test_missing_fact_with_a_close_name_gets_a_did_you_mean():
    rule = compile_statement("Minutes within 15 working days of actual meeting date")
    with pytest.raises(MissingFactsError) as caught:
        rule.deadline({"actual meting date": D(2026, 1, 5)})
    error = caught.value
    assert error.missing == ("actual meeting date",)
    assert error.fact == "actual meeting date"
    assert error.suggestion == "actual meeting date"
    assert error.value == "actual meting date"
    assert error.rule_id == "statement"
    assert "did you mean 'actual meeting date'" in str(error)


def test_text_value_outside_the_declared_ones_is_named():
    rule = parse_ruleset(DECLARED).rule("a")
    with pytest.raises(FactValueError) as caught:
        rule.deadline({"screen": D(2026, 6, 1), "risk": "hihg"})
    error = caught.value
    assert (error.fact, error.value, error.allowed) == ("risk", "hihg", ("high", "medium", "low"))
    assert error.suggestion == "high"
    assert error.rule_id == "a"
    assert rule.deadline({"screen": D(2026, 6, 1), "risk": " HIGH "}).due == D(2026, 6, 2)


def test_wrong_kind_names_fact_value_and_rule():
    rule = parse_ruleset(DECLARED).rule("a")
    with pytest.raises(FactTypeError) as caught:
        rule.deadline({"screen": 20260601, "risk": "low"})
    assert (caught.value.fact, caught.value.value, caught.value.rule_id) == (
        "screen",
        20260601,
        "a",
    )


def test_unknown_rule_and_calendar_range_carry_fields():
    ruleset = load_ruleset("lcs-liquidlogic")
    with pytest.raises(UnknownRuleError) as caught:
        ruleset.rule("lcs-referal-record")
    assert caught.value.suggestion == "lcs-referral-record"
    assert caught.value.rule_id == "lcs-referal-record"
    with pytest.raises(CalendarRangeError) as out_of_range:
        ruleset.rule("lcs-referral-record").deadline({"referral": D(1985, 1, 1)})
    error = out_of_range.value
    assert (error.first_day, error.last_day, error.day) == (
        D(1990, 1, 1),
        D(2100, 12, 31),
        D(1985, 1, 1),
    )
    assert error.rule_id == "lcs-referral-record"


def test_reprs_are_short():
    ruleset = load_ruleset("lcs-liquidlogic")
    assert len(repr(ruleset)) < 120
    assert all(len(repr(rule)) < 400 for rule in ruleset)
    assert repr(ruleset.rule("lcs-referral-record")).startswith("Rule('lcs-referral-record'")
    assert len(repr(ruleset.calendar)) < 120
    assert (
        len(repr(ruleset.rule("lcs-referral-record").deadline({"referral": D(2026, 1, 5)}))) < 2000
    )


def test_every_public_name_is_exported_and_importable():
    for name in timescale_dsl.__all__:
        assert hasattr(timescale_dsl, name), name
    for needed in ("When", "FactValue", "DeadlineDict", "RecordStatus", "StatusName", "Settings"):
        assert needed in timescale_dsl.__all__
