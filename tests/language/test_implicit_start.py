"""Timescales written without a start event count from their process's event or 'start event'."""

from __future__ import annotations

import datetime as dt

from timescale_dsl import check_ruleset_text, compile_statement, parse_ruleset
from timescale_dsl.syntax import ast
from timescale_dsl.syntax.rewrite import canonical_text

RULES = """\
title "implicit"
fact "referral" date
fact "strategy discussion" date
process "Single assessment" from "the referral"
[sa] Assessment Within 45 working days
[visit] Visit within ten days (target 5 days)
[named] Plan within 5 days of strategy discussion
process "Other"
[letter] Letter within 5 days
"""


def test_bare_timescale_counts_from_the_process_event() -> None:
    ruleset = parse_ruleset(RULES, "t")
    due = ruleset.rule("sa").deadline({"referral": dt.date(2026, 1, 5)})
    explicit = compile_statement("A within 45 working days of referral")
    assert due.due == explicit.deadline({"referral": dt.date(2026, 1, 5)}).due
    assert [n.name for n in ruleset.rule("visit").facts_needed()] == ["referral"]


def test_an_event_named_in_the_rule_wins_over_the_process_event() -> None:
    ruleset = parse_ruleset(RULES, "t")
    assert [n.name for n in ruleset.rule("named").facts_needed()] == ["strategy discussion"]


def test_with_no_process_event_the_built_in_start_event_needs_no_declaration() -> None:
    ruleset = parse_ruleset(RULES, "t")
    rule = ruleset.rule("letter")
    assert [n.name for n in rule.facts_needed()] == [ast.START_EVENT]
    assert rule.deadline({"start event": dt.date(2026, 1, 5)}).due == dt.date(2026, 1, 10)


def test_check_notes_which_event_was_used_and_nothing_worse() -> None:
    found = check_ruleset_text(RULES, "t")
    assert [(d.code, d.severity.value) for d in found] == [("TS301", "note")] * 3
    assert "counts from 'the referral'" in found[0].message
    assert "counts from 'start event'" in found[2].message


def test_statement_alone_counts_from_start_event() -> None:
    rule = compile_statement("Minutes within 10 working days")
    assert rule.deadline({"start event": "2026-01-05"}).due == dt.date(2026, 1, 19)


def test_canonical_text_keeps_the_timescale_bare() -> None:
    text = canonical_text(RULES, "t")
    assert "[sa] Assessment within 45 working days\n" in text
    assert (
        parse_ruleset(text, "t").rule("sa").facts_needed()
        == parse_ruleset(RULES, "t").rule("sa").facts_needed()
    )
