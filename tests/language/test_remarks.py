"""Remarks: asides in brackets and trailing qualifiers are kept on the rule, not errors."""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import check_ruleset_text, compile_statement, parse_ruleset, parse_statement
from timescale_dsl.errors import SyntaxProblem

_PLAIN = "Visit within 5 days of decision"
_EVERY = "Visit every 6 weeks"


@pytest.mark.parametrize(
    ("text", "remarks", "plain"),
    [
        ("Visit within 5 days of decision (or sooner if needed)", ("or sooner if needed",), _PLAIN),
        ("Visit within 5 days (or sooner) of decision", ("or sooner",), _PLAIN),
        ("Visit within 5 days (not working days) of decision", ("not working days",), _PLAIN),
        ("Visit within 5 days of decision, more frequently if required", ("more frequently if required",), _PLAIN),
        ("Visit within 5 days of decision, More Often if needed", ("More Often if needed",), _PLAIN),
        ("Visit every 6 weeks, or as directed by the chair", ("or as directed by the chair",), _EVERY),
        ("Visit every 6 weeks or as agreed at the review", ("or as agreed at the review",), _EVERY),
        ("Visit every 6 weeks, where possible at home", ("where possible at home",), _EVERY),
        ("Visit within 5 days of decision, or earlier if the risk is high", ("or earlier if the risk is high",), _PLAIN),
        (
            "Visit within 5 days (or sooner) of decision (target 3 days), if appropriate",
            ("or sooner", "if appropriate"),
            "Visit within 5 days of decision (target 3 days)",
        ),
    ],
)  # fmt: skip
def test_remarks_are_kept_and_do_not_change_the_timescale(
    text: str, remarks: tuple[str, ...], plain: str
) -> None:
    statement = parse_statement(text)
    assert statement.remarks == remarks
    assert statement.timescale == parse_statement(plain).timescale


def test_a_remark_leaves_the_deadline_alone_and_joins_the_explanation() -> None:
    plain = compile_statement("Visit within 1 working day of referral")
    remarked = compile_statement("Visit within 1 working day of referral (or sooner if needed)")
    facts = {"referral": dt.date(2026, 1, 5)}
    assert remarked.deadline(facts).due == plain.deadline(facts).due
    assert remarked.deadline(facts).explanation.steps[-1] == "remark: or sooner if needed"


def test_target_in_brackets_is_still_a_target_not_a_remark() -> None:
    statement = parse_statement("A within 45 working days of referral (target 35 working days)")
    assert statement.remarks == ()


def test_remarks_are_listed_by_the_rule() -> None:
    ruleset = parse_ruleset(
        'fact "referral" date\n[v] Visit within 1 day of referral (or sooner if needed)\n', "t"
    )
    assert ruleset.rule("v").to_dict()["remarks"] == ["or sooner if needed"]


def test_a_remark_that_contradicts_its_unit_is_a_warning() -> None:
    found = check_ruleset_text(
        'fact "referral" date\n[v] Visit within 10 working days (not working days) of referral\n'
        "[w] Visit within 10 days (calendar days) of referral\n"
        "[x] Visit within 10 days (working days) of referral\n",
        "t",
    )
    assert [(d.code, d.span.line if d.span else 0) for d in found] == [("TS203", 2), ("TS203", 4)]


def test_a_remark_outside_any_statement_is_an_error_not_lost() -> None:
    with pytest.raises(SyntaxProblem, match="outside a statement"):
        parse_ruleset('title "x"\n[v] A within 5 days of b\n    note "x" (stray)\n', "t")


def test_each_rule_keeps_its_remark_when_two_rules_have_the_same_words() -> None:
    # The same aside on several rules ("(not working days)") is each one's own.
    ruleset = parse_ruleset(
        'fact "referral" date\n'
        "[v] Visit within 5 days of referral (not working days)\n"
        "[w] Plan within 10 days of referral (not working days)\n"
        "[x] Review within 20 days of referral (not working days), if appropriate\n",
        "t",
    )
    assert [ruleset.rule(r).to_dict()["remarks"] for r in "vwx"] == [
        ["not working days"],
        ["not working days"],
        ["not working days", "if appropriate"],
    ]
