"""Recurring obligations on hand-worked series: visits, core groups, reviews."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from timescale_dsl import Ruleset
from timescale_dsl.reporting.measuring import Measured, measure


def _run(ruleset: Ruleset, path: Path, as_of: dt.date) -> Measured:
    return measure(path, ruleset, as_of)


def _by_note(rows: pd.DataFrame) -> dict[str, dict[str, object]]:
    return {str(r["note"]): r for r in rows.to_dict("records")}


VISITS = """
child_id,rule,completed_at,ICPC,note
A,visit,2026-07-01 11:00,2026-06-01,second: 3 working days late
B,visit,,2026-06-01,never visited
A,visit,,2026-06-01,third: still to come
A,visit,2026-06-12 10:00,2026-06-01,first: on time
A,visit,,2026-09-01,second plan: first visit to come
"""


def test_visits_are_due_an_interval_after_the_previous_visit(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    # ICPC Mon 1 June 2026: first visit due Mon 15 June; visited Fri 12 June, so
    # the next is due Fri 26 June; visited Wed 1 July (3 working days late), so the
    # next is due Wed 15 July.
    measured = _run(ruleset, csv_file(VISITS), dt.date(2026, 7, 20))
    assert measured.rows_rejected == 0
    rows = _by_note(measured.rows)
    first = rows["first: on time"]
    assert (first["due"], first["status"]) == ("2026-06-15", "on_time")
    second = rows["second: 3 working days late"]
    assert (second["due"], second["status"]) == ("2026-06-26", "late")
    assert (second["working_days_late"], second["calendar_days_late"]) == (3, 5)
    third = rows["third: still to come"]
    assert (third["due"], third["status"], third["working_days_late"]) == (
        "2026-07-15",
        "overdue",
        3,
    )
    never = rows["never visited"]
    assert (never["due"], never["status"]) == ("2026-06-15", "overdue")
    # A second plan for the same child counts from its own ICPC (Tue 1 Sept: due 15 Sept).
    plan = rows["second plan: first visit to come"]
    assert (plan["due"], plan["status"]) == ("2026-09-15", "open")


def test_an_open_plan_is_open_until_its_current_interval_ends(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    measured = _run(ruleset, csv_file(VISITS), dt.date(2026, 7, 15))
    assert _by_note(measured.rows)["third: still to come"]["status"] == "open"


def test_further_occurrences_to_come_are_projected_from_the_due_date_before(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,ICPC,note
A,visit,2026-06-12,2026-06-01,one
A,visit,,2026-06-01,two
A,visit,,2026-06-01,three
"""
    )
    rows = _by_note(_run(ruleset, path, dt.date(2026, 6, 1)).rows)
    # Due Fri 26 June (from the visit), then 10 working days after that: Fri 10 July.
    assert [rows[n]["due"] for n in ("one", "two", "three")] == [
        "2026-06-15",
        "2026-06-26",
        "2026-07-10",
    ]


def test_core_groups_step_then_repeat(ruleset: Ruleset, csv_file: Callable[..., Path]) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,ICPC,note
A,core-group,2026-06-10,2026-06-01,first
A,core-group,2026-07-22,2026-06-01,second
A,core-group,2026-09-03,2026-06-01,third
"""
    )
    rows = _by_note(_run(ruleset, path, dt.date(2026, 12, 1)).rows)
    assert [rows[n]["due"] for n in ("first", "second", "third")] == [
        "2026-06-15",
        "2026-07-22",
        "2026-09-02",
    ]
    assert [rows[n]["status"] for n in ("first", "second", "third")] == [
        "on_time",
        "on_time",
        "late",
    ]


def test_reviews_in_months_late_by_the_excess(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,start of care,note
A,review,2026-01-30,2026-01-05,first
A,review,2026-05-05,2026-01-05,second
A,review,,2026-01-05,third
"""
    )
    rows = _by_note(_run(ruleset, path, dt.date(2026, 11, 6)).rows)
    assert rows["first"]["due"] == "2026-02-02"
    second = rows["second"]
    # Due 30 April; reviewed Tue 5 May: Fri 1 May and Tue 5 May (Mon 4 May a bank holiday).
    assert (second["due"], second["status"], second["working_days_late"]) == (
        "2026-04-30",
        "late",
        2,
    )
    assert (rows["third"]["due"], rows["third"]["status"]) == ("2026-11-05", "overdue")


def test_an_occurrence_beyond_a_schedule_that_ends_is_rejected(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,start of care
A,early-reviews,2026-01-09,2026-01-05
A,early-reviews,2026-01-20,2026-01-05
A,early-reviews,2026-02-20,2026-01-05
"""
    )
    measured = _run(ruleset, path, dt.date(2026, 3, 1))
    # 5 working days after Mon 5 Jan: Mon 12 Jan; 10 after Fri 9 Jan: Fri 23 Jan.
    assert measured.rows["due"].tolist() == ["2026-01-12", "2026-01-23"]
    assert measured.rejects["row"].tolist() == [3]
    assert "not due under the rule, which has 2 occurrence(s)" in measured.rejects["reason"][0]


def test_an_unanchored_recurrence_counts_its_first_from_the_previous_occurrence(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,previous occurrence
A,supervision,2026-02-02,2026-01-05
A,supervision,2026-03-02,
B,supervision,2026-02-02,
"""
    )
    measured = _run(ruleset, path, dt.date(2026, 4, 1))
    # 20 working days after Mon 5 January is Mon 2 February; then after Mon 2 February
    # is Mon 2 March. Child B's first has nothing to count from.
    assert measured.rows["due"].tolist() == ["2026-02-02", "2026-03-02"]
    assert measured.rejects["reason"].tolist() == [
        "Supervision: missing fact(s) 'previous occurrence'"
    ]
