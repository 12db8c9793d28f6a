"""Which rows of a recurring rule belong to one plan: the facts it counts from, no others."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from timescale_dsl import Ruleset, parse_ruleset
from timescale_dsl.reporting.measuring import measure, plan_facts

CADENCE = """
title "Series"
fact "ICPC" date
fact "long term" boolean
fact "end of plan" date
fact "strategy discussion" date
fact "significant change" date
[visit] Visit within 10 working days of ICPC, then every 10 working days if not long term; within 10 working days of ICPC, then every 20 working days if long term
[review] Review within 10 working days of ICPC, then every 10 working days until end of plan
[strategy] Strategy record within 2 working days of strategy discussion
[core] Core group on the day of [strategy], then every 10 working days
[sooner] Update every 6 months after ICPC or within 10 working days of significant change, whichever is earlier
"""


def _due_and_status(path: Path) -> dict[str, tuple[str, str]]:
    measured = measure(path, parse_ruleset(CADENCE), dt.date(2026, 9, 1))
    assert measured.rows_rejected == 0, measured.rejects.to_dict("records")
    rows: pd.DataFrame = measured.rows
    return {str(r["note"]): (str(r["due"]), str(r["status"])) for r in rows.to_dict("records")}


def test_a_condition_that_changes_mid_plan_changes_the_interval_not_the_plan(
    csv_file: Callable[..., Path],
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,ICPC,long term,note
A,visit,2026-06-12,2026-06-01,no,first
A,visit,2026-06-26,2026-06-01,no,second
A,visit,2026-07-20,2026-06-01,yes,third
"""
    )
    found = _due_and_status(path)
    # ICPC Mon 1 June: the first is due Mon 15 June; 10 working days after Fri 12 June
    # is Fri 26 June; the plan became long term, so the third is due 20 working days
    # after Fri 26 June (Fri 24 July), not 10 working days after the ICPC again.
    assert found == {
        "first": ("2026-06-15", "on_time"),
        "second": ("2026-06-26", "on_time"),
        "third": ("2026-07-24", "on_time"),
    }


def test_an_occurrence_to_come_counts_from_the_one_before_under_another_condition(
    csv_file: Callable[..., Path],
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,ICPC,long term,note
A,visit,2026-06-12,2026-06-01,no,first
A,visit,,2026-06-01,no,next
A,visit,,2026-06-01,yes,after that
"""
    )
    found = _due_and_status(path)
    # 10 working days after Fri 12 June: Fri 26 June; then 20 after that: Fri 24 July.
    assert found["next"] == ("2026-06-26", "overdue")
    assert found["after that"] == ("2026-07-24", "overdue")


def test_the_end_of_a_series_known_on_later_rows_only_does_not_start_a_new_plan(
    csv_file: Callable[..., Path],
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,ICPC,end of plan,note
A,review,2026-06-12,2026-06-01,,first
A,review,2026-06-26,2026-06-01,,second
A,review,2026-07-08,2026-06-01,2026-07-31,third
"""
    )
    assert _due_and_status(path)["third"] == ("2026-07-10", "on_time")


def test_a_new_value_of_an_event_counted_from_is_a_new_plan(
    csv_file: Callable[..., Path],
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,ICPC,long term,note
A,visit,2026-06-12,2026-06-01,no,first plan
A,visit,2026-08-20,2026-08-10,no,second plan
"""
    )
    # Mon 10 August: due 10 working days later, Mon 24 August (no longer after 12 June).
    assert _due_and_status(path)["second plan"] == ("2026-08-24", "on_time")


def test_plan_facts_are_the_events_counted_from_with_rule_references_followed() -> None:
    ruleset = parse_ruleset(CADENCE)
    assert plan_facts(ruleset.rule("visit"), ruleset) == ["icpc"]
    assert plan_facts(ruleset.rule("review"), ruleset) == ["icpc"]
    assert plan_facts(ruleset.rule("core"), ruleset) == ["strategy discussion"]
    assert plan_facts(ruleset.rule("sooner"), ruleset) == ["icpc", "significant change"]


def test_a_projection_that_would_need_a_later_condition_is_rejected_saying_why(
    csv_file: Callable[..., Path],
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,ICPC,long term,note
A,visit,2026-06-12,2026-06-01,no,first
A,visit,,2026-06-01,yes,next
A,visit,,2026-06-01,no,after that
"""
    )
    measured = measure(path, parse_ruleset(CADENCE), dt.date(2026, 9, 1))
    rows: pd.DataFrame = measured.rows
    assert rows.set_index("note").loc["next", "due"] == "2026-07-10"
    assert measured.rejects["note"].tolist() == ["after that"]
    assert measured.rejects["reason"].tolist() == [
        "Visit: no due date: the occurrence before it is still to come under another of its"
        " conditions"
    ]


def test_an_occurrence_is_never_projected_from_one_refused(ruleset: Ruleset) -> None:
    # Found by the fuzz run: the second open row was projected from the first's
    # refused date (past year 9999) and given a due date in year 10000.
    frame = pd.DataFrame(
        {
            "child_id": ["C1"] * 3,
            "rule": ["core-group"] * 3,
            "completed_at": ["", "", "9999-12-31"],
            "ICPC": ["2026-06-01"] * 3,
        },
        dtype="str",
    )
    measured = measure(frame, ruleset, dt.date(2000, 1, 1))
    rows: pd.DataFrame = measured.rows
    assert rows["completed_at"].tolist() == ["9999-12-31"]  # late, from its ICPC
    assert measured.rejects["row"].tolist() == [1, 2]
    assert measured.rejects["reason"].tolist() == [
        "Core group: 6 weeks after Fri 31 Dec 9999 falls outside the dates that can be "
        "written (years 1 to 9999)",
        "Core group: no due date: the occurrence before it could not be evaluated",
    ]
