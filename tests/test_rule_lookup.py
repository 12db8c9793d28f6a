"""Finding a rule by what a caller wrote: its id (in any case, padded), or its task."""

from __future__ import annotations

import pytest

from timescale_dsl import UnknownRuleError, parse_ruleset
from timescale_dsl.errors import did_you_mean

RULES = """title "t"
fact "meeting" date

[minutes] Minutes within 15 working days of meeting
[outcome-a] Outcome within 1 working day of meeting
[Outcome-A] Outcome letter within 2 working days of meeting
"""


def test_an_id_in_other_case_or_padded_names_its_rule() -> None:
    ruleset = parse_ruleset(RULES, "t.timescales")
    assert ruleset.rule("MINUTES").id == "minutes"
    assert ruleset.rule("  Minutes ").id == "minutes"
    # Written exactly, each of two ids alike in case is its own rule.
    assert ruleset.rule("outcome-a").task == "Outcome"
    assert ruleset.rule("Outcome-A").task == "Outcome letter"


def test_an_id_alike_in_case_to_two_rules_names_neither() -> None:
    ruleset = parse_ruleset(RULES, "t.timescales")
    with pytest.raises(
        UnknownRuleError, match=r"'OUTCOME-A' is 2 rules' id in other case \(outcome-a, Outcome-A\)"
    ):
        ruleset.rule("OUTCOME-A")


def test_a_suggestion_in_other_case_is_the_closest() -> None:
    assert did_you_mean("LCS-ICPC-MINUTES", ["lcs-rcpc-minutes", "lcs-icpc-minutes"]) == (
        "lcs-icpc-minutes"
    )
    assert did_you_mean("minutes", ["minutes", "minute"]) == "minute"  # never the word itself
    assert did_you_mean("Minutes", ["minutes"]) == "minutes"
