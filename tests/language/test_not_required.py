"""``otherwise not required``: under an alternative's condition no record is due.

Neither a deadline nor an error: the scalar API says ``not_required``, a case
outcome is not applicable, and the report gives the row ``no_timescale``.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from timescale_dsl import compile_statement, parse_ruleset
from timescale_dsl.cli import main
from timescale_dsl.errors import TimescaleError
from timescale_dsl.reporting.measuring import measure
from timescale_dsl.status import NO_TIMESCALE, OVERDUE

RULES = """\
title "Not required"
fact "referral" date
fact "placed for adoption" boolean
[visit] Visit within 10 working days of referral if not placed for adoption; otherwise not required
[review] Review: not needed if placed for adoption; otherwise within 5 working days of [visit]
[letter] Letter within 3 days of referral if placed for adoption; otherwise, No record is required
"""
REFERRAL = dt.date(2026, 3, 2)


@pytest.mark.parametrize("rule_id", ["visit", "letter"])
def test_the_not_required_alternative_gives_no_due_date_and_no_error(rule_id: str) -> None:
    rule = parse_ruleset(RULES, "x.timescales").rule(rule_id)
    adopted = rule_id == "visit"
    deadline = rule.deadline({"referral": REFERRAL, "placed for adoption": adopted})
    assert (deadline.due, deadline.not_required, deadline.no_fixed_timescale) == (None, True, None)
    assert deadline.status(as_of=dt.date(2027, 1, 1)).status == NO_TIMESCALE
    assert deadline.to_dict()["not_required"] is True


def test_the_other_alternative_still_computes() -> None:
    rule = parse_ruleset(RULES, "x.timescales").rule("visit")
    deadline = rule.deadline({"referral": REFERRAL, "placed for adoption": False})
    assert (deadline.due, deadline.not_required) == (dt.date(2026, 3, 16), False)
    assert "not_required" not in deadline.to_dict()


def test_a_rule_counting_from_a_not_required_one_has_nothing_to_count_from() -> None:
    rule = parse_ruleset(RULES, "x.timescales").rule("review")
    # Review is itself not required when placed for adoption ...
    assert rule.deadline({"referral": REFERRAL, "placed for adoption": True}).not_required
    # ... and counts 5 working days from the visit otherwise.
    due = rule.deadline({"referral": REFERRAL, "placed for adoption": False}).due
    assert due == dt.date(2026, 3, 23)
    statement = "Follow-up within 3 days of [visit]"
    other = parse_ruleset(RULES + f"[follow] {statement}\n", "x.timescales").rule("follow")
    with pytest.raises(TimescaleError, match=r"\[visit\] has no fixed timescale"):
        other.deadline({"referral": REFERRAL, "placed for adoption": True})


def test_due_json_says_not_required(capsys: pytest.CaptureFixture[str]) -> None:
    statement = "Visit within 7 days of referral if urgent; otherwise not required"
    args = ["due", "--statement", statement, "--fact", "referral=2026-03-02"]
    assert main([*args, "--fact", "urgent=false", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["due"], data["not_required"]) == (None, True)
    assert "no_fixed_timescale" not in data
    assert main([*args, "--fact", "urgent=false"]) == 0
    assert capsys.readouterr().out == "Visit: not required for these facts\n"


def test_the_wording_is_kept_and_a_task_name_may_hold_the_words() -> None:
    rule = compile_statement("Review: not needed if adopted; otherwise within 5 days of referral")
    assert rule.timescale == "not required if adopted; otherwise within 5 days of referral"
    named = compile_statement("Assessment not required form within 3 days of referral")
    assert named.task == "Assessment not required form"


def test_the_report_gives_not_required_rows_no_timescale_and_measures_the_others() -> None:
    ruleset = parse_ruleset(RULES, "x.timescales")
    frame = pd.DataFrame(
        {
            "child_id": ["a", "b", "c", "d"],
            "rule": ["visit", "visit", "review", "review"],
            "completed_at": [None, None, None, None],
            "referral": ["2026-03-02"] * 4,
            "placed for adoption": ["true", "false", "true", "false"],
        }
    )
    measured = measure(frame, ruleset, dt.date(2026, 12, 31))
    assert measured.rows_rejected == 0, measured.rejects["reason"].tolist()
    assert measured.rows["status"].tolist() == [NO_TIMESCALE, OVERDUE, NO_TIMESCALE, OVERDUE]
    assert measured.rows["due"].tolist()[1::2] == ["2026-03-16", "2026-03-23"]


def test_a_recurring_rule_with_a_not_required_alternative_measures_its_series() -> None:
    rules = RULES + (
        "[visits] Visit within 10 days of referral, then every 4 weeks if not placed for "
        "adoption; otherwise not required\n"
    )
    ruleset = parse_ruleset(rules, "x.timescales")
    frame = pd.DataFrame(
        {
            "child_id": ["a", "a", "b"],
            "rule": ["visits"] * 3,
            "completed_at": ["2026-03-10", None, None],
            "referral": ["2026-03-02"] * 3,
            "placed for adoption": ["false", "false", "true"],
        }
    )
    measured = measure(frame, ruleset, dt.date(2026, 3, 31))
    assert measured.rows_rejected == 0, measured.rejects["reason"].tolist()
    statuses = dict(zip(measured.rows["due"].fillna("-"), measured.rows["status"], strict=True))
    # The second visit is due 4 weeks after the first was made (Tue 10 Mar -> Tue 7 Apr).
    assert statuses == {"2026-03-12": "on_time", "2026-04-07": "open", "-": NO_TIMESCALE}
