"""An 'earlier of' whose other events are not known yet: a provisional date, the same in batch."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from timescale_dsl import compile_statement
from timescale_dsl.cli import main
from timescale_dsl.engine.batch import evaluate_rule
from timescale_dsl.engine.columns import BatchFacts
from timescale_dsl.engine.moments import Moments
from timescale_dsl.errors import MissingFactsError

PRE_BIRTH = (
    "Pre-birth assessment within 45 days of referral or 6 weeks before expected date of "
    "delivery, whichever is earlier"
)


def test_earlier_of_with_an_unknown_event_is_provisional_and_names_it() -> None:
    rule = compile_statement(PRE_BIRTH)
    deadline = rule.deadline({"referral": dt.date(2026, 1, 5)})
    assert deadline.due == dt.date(2026, 2, 19)
    assert deadline.provisional
    assert len(deadline.caveats) == 1 and "'expected date of delivery'" in deadline.caveats[0]
    assert deadline.explanation.steps[-1].startswith("provisional: ")


def test_once_every_event_is_known_the_date_is_firm() -> None:
    rule = compile_statement(PRE_BIRTH)
    facts = {"referral": dt.date(2026, 1, 5), "expected date of delivery": dt.date(2026, 2, 1)}
    deadline = rule.deadline(facts)
    assert (deadline.due, deadline.provisional, deadline.caveats) == (
        dt.date(2025, 12, 21),
        False,
        (),
    )


def test_with_no_event_known_the_error_names_them_all() -> None:
    with pytest.raises(MissingFactsError, match="'referral', 'expected date of delivery'"):
        compile_statement(PRE_BIRTH).deadline({})


def test_later_of_stays_unknown_until_every_event_is_known() -> None:
    rule = compile_statement("Plan within 45 days of A or 6 weeks of B, whichever is later")
    with pytest.raises(MissingFactsError, match="'B'"):
        rule.deadline({"a": dt.date(2026, 1, 5)})


def test_due_json_marks_it_provisional(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["due", "--statement", PRE_BIRTH, "--fact", "referral=2026-01-05", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert status == 0
    assert (data["due"], data["provisional"]) == ("2026-02-19", True)
    assert "'expected date of delivery'" in data["caveats"][0]


def test_batch_gives_the_provisional_date_where_the_scalar_api_does() -> None:
    rule = compile_statement(PRE_BIRTH)
    referral = [dt.date(2026, 1, 5), None, dt.date(2026, 1, 5)]
    delivery = [None, dt.date(2026, 2, 1), dt.date(2026, 2, 1)]
    facts = BatchFacts(
        3,
        {
            "referral": Moments.of_python(referral),
            "expected date of delivery": Moments.of_python(delivery),
        },
        {},
        {},
    )
    batch = evaluate_rule(rule, facts)
    assert batch.due.item(0) == dt.date(2026, 2, 19)
    assert batch.due.item(1) == dt.date(2025, 12, 21)
    assert batch.due.item(2) == dt.date(2025, 12, 21)
    assert not np.any(batch.problems.failed)
    # The rows the scalar API calls provisional, and only those.
    assert batch.provisional is not None
    scalar = [
        rule.deadline({"referral": r, "expected date of delivery": d}).provisional
        for r, d in zip(referral, delivery, strict=True)
    ]
    assert batch.provisional.tolist() == scalar == [True, True, False]


CHANGE = (
    "Review at least every 6 months or within 28 working days of any significant change, "
    "whichever is earlier"
)


def test_a_frequency_or_a_change_is_due_before_any_change_happens() -> None:
    rule = compile_statement(CHANGE)
    deadline = rule.deadline({"previous occurrence": dt.date(2026, 1, 5)}, projection=2)
    assert (deadline.due, deadline.provisional) == (dt.date(2026, 7, 5), True)
    assert "'any significant change'" in deadline.caveats[0]
    assert deadline.schedule == (dt.date(2027, 1, 5), dt.date(2027, 7, 5))


def test_a_change_brings_the_next_occurrence_forward() -> None:
    facts = {"previous occurrence": dt.date(2026, 1, 5), "significant change": dt.date(2026, 3, 2)}
    deadline = compile_statement(CHANGE).deadline(facts, projection=1)
    # 28 working days after Mon 2 Mar 2026, skipping Good Friday and Easter Monday.
    assert (deadline.due, deadline.provisional) == (dt.date(2026, 4, 13), False)
    assert deadline.schedule == (dt.date(2026, 10, 13),)
