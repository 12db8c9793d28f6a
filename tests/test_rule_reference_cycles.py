"""Rules that refer to each other in a cycle fail with the library's error in every engine.

Validation rejects such a file (TS106), so the evaluators' own guards are
what stands between a ruleset bound without validation (``bind_ruleset``
on a parsed tree, or ``Rule`` objects built by hand) and unbounded recursion.
Without the guards these calls end in ``RecursionError``, not a
``TimescaleError`` naming the cycle.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from timescale_dsl import EvaluationError, Ruleset, check_ruleset_text
from timescale_dsl.binding import bind_ruleset
from timescale_dsl.engine.batch import evaluate_rule
from timescale_dsl.engine.columns import BatchFacts
from timescale_dsl.engine.moments import Moments
from timescale_dsl.engine.series import evaluate_occurrences
from timescale_dsl.syntax.parser import parse_ruleset_text

CYCLE = """\
[a] Plan within 5 working days of [b] or within 2 days of referral, whichever is later
[b] Review 2 months before [c]
[c] Visit on the day of [a]
[self] Letter within 3 days of [self]
[visits] CP visit within 10 working days of [a], then every 10 working days
[outside] Summary within 1 day of [b]
"""
FACTS = {"referral": dt.date(2026, 12, 24)}


@pytest.fixture(scope="module")
def unvalidated() -> Ruleset:
    assert any(d.code == "TS106" for d in check_ruleset_text(CYCLE, "cycle.timescales"))
    return bind_ruleset(parse_ruleset_text(CYCLE, "cycle.timescales"))


@pytest.mark.parametrize(
    ("rule_id", "cycle"),
    [
        ("a", "a -> b -> c -> a"),
        ("b", "b -> c -> a -> b"),
        ("self", "self -> self"),
        ("outside", "outside -> b -> c -> a -> b"),
    ],
)
def test_a_cycle_raises_the_library_error_naming_it(
    unvalidated: Ruleset, rule_id: str, cycle: str
) -> None:
    with pytest.raises(EvaluationError) as raised:
        unvalidated.rule(rule_id).deadline(FACTS)
    assert str(raised.value) == f"rules refer to each other in a cycle: {cycle}"


def test_occurrence_dues_of_a_rule_in_a_cycle_raise_the_library_error(
    unvalidated: Ruleset,
) -> None:
    with pytest.raises(EvaluationError, match=r"in a cycle: visits -> a -> b -> c -> a$"):
        unvalidated.rule("visits").occurrence_dues(FACTS, [dt.date(2027, 1, 4)])


def test_the_batch_engine_rejects_every_row_as_the_scalar_api_does(unvalidated: Ruleset) -> None:
    days = [dt.date(2026, 12, 24), None, dt.date(2027, 2, 28)]
    facts = BatchFacts(len(days), {"referral": Moments.of_python(days)})
    for rule_id in ("a", "self", "outside"):
        rule = unvalidated.rule(rule_id)
        batch = evaluate_rule(rule, facts)
        assert batch.problems.failed.all(), rule_id
        for row, day in enumerate(days):
            with pytest.raises(EvaluationError) as raised:
                rule.deadline({"referral": day})
            assert batch.problems.reason[row] == str(raised.value), (rule_id, row)
        assert "in a cycle" in batch.problems.reason[0]


def test_the_batch_series_engine_rejects_a_cycle_too(unvalidated: Ruleset) -> None:
    facts = BatchFacts(2, {"referral": Moments.of_python([dt.date(2026, 12, 24)] * 2)})
    done = Moments.of_python([dt.date(2027, 1, 4), dt.date(2027, 1, 18)])
    batch = evaluate_occurrences(
        unvalidated.rule("visits"), facts, done, np.zeros(2, dtype=np.int64)
    )
    first = batch.problems.reason[0]
    assert first == "rules refer to each other in a cycle: visits -> a -> b -> c -> a"


def test_the_facts_a_rule_in_a_cycle_needs_are_listed_without_recursing(
    unvalidated: Ruleset,
) -> None:
    needs = unvalidated.rule("a").facts_needed()
    assert [(need.name, need.type) for need in needs] == [("referral", "date")]
