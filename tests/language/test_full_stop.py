"""A full stop ending a line is the sentence's: passed over, never part of a name or unit.

Frameworks are documents, and rows copied out of them end in a full stop.
Before, "within 5 days of referral." named the event ``referral.`` (a fact no
export has), and "every 6 months." was a syntax error.
"""

from __future__ import annotations

import datetime as dt

import pytest

from timescale_dsl import parse_rule, parse_ruleset, parse_statement


@pytest.mark.parametrize(
    "text",
    [
        "Visit within 5 days of referral",
        "Visit every 6 months",
        "Visit monthly",
        "Visit on the day of referral",
        "Visit within 5 days of referral if child in need",
        "Visit within 5 days of referral (or sooner)",
        "Visit within 5 working days of the referral, or the next working day if that is not a working day",
        "Plan by age 16 years",
        "Plan not required",
        "Permanence plan by the second review",
        "Visit within 5 days of referral, then every 6 weeks",
        "Minutes: to be distributed within 15 working days of the meeting",
    ],
)
def test_a_full_stop_at_the_end_changes_nothing(text: str) -> None:
    assert parse_statement(text + ".") == parse_statement(text)
    assert parse_statement(text + ".   # why") == parse_statement(text)


def test_the_event_is_the_word_without_the_stop() -> None:
    rule = parse_rule("Visit within 5 days of referral.")
    assert rule.deadline({"referral": dt.date(2026, 12, 1)}).due == dt.date(2026, 12, 6)


def test_a_full_stop_inside_a_line_is_a_words() -> None:
    assert parse_statement("Visit by Dr. Smith within 5 days of referral").task == (
        "Visit by Dr. Smith"
    )
    assert parse_statement("S.47 enquiry within 15 days of strategy.").task == "S.47 enquiry"


def test_in_a_rule_file_each_lines_stop_is_passed_over() -> None:
    text = (
        'title "t"\n'
        "[a] Visit within 5 days of referral.\n"
        "[b] Review every 6 months. # six-monthly.\n"
    )
    rules = parse_ruleset(text)
    assert rules.rule("a").statement == parse_statement("Visit within 5 days of referral")
    assert rules.rule("b").statement == parse_statement("Review every 6 months")
