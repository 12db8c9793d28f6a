"""Statuses and lateness on hand-worked dates (England and Wales bank holidays).

ICPC minutes are due 15 working days after the meeting: after Mon 14 Dec
2026 that is Thu 7 Jan 2027 (Christmas Day, the Boxing Day substitute on
Mon 28 Dec and New Year's Day do not count).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from timescale_dsl import Ruleset
from timescale_dsl.reporting.measuring import Measured, measure


def _measure(
    ruleset: Ruleset, csv_file: Callable[..., Path], text: str, as_of: dt.date
) -> Measured:
    measured = measure(csv_file(text), ruleset, as_of)
    assert measured.rows_rejected == 0, measured.rejects.to_dict("records")
    return measured


def _row(rows: pd.DataFrame, child: str) -> dict[str, object]:
    found = rows[rows["child_id"] == child]
    assert len(found) == 1
    record: dict[str, object] = found.iloc[0].to_dict()
    return record


def test_minutes_statuses_and_lateness_across_christmas(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    rows = _measure(
        ruleset,
        csv_file,
        """
child_id,rule,completed_at,actual meeting
ON,minutes,2027-01-07 17:30,2026-12-14
LATE,minutes,11/01/2027 09:00,14/12/2026
OVERDUE,minutes,,2026-12-14
""",
        dt.date(2027, 1, 12),
    ).rows
    on_time = _row(rows, "ON")
    assert (on_time["due"], on_time["status"]) == ("2027-01-07", "on_time")
    assert (on_time["working_days_late"], on_time["calendar_days_late"]) == (0, 0)
    late = _row(rows, "LATE")
    # Fri 8 and Mon 11 January: 2 working days, 4 calendar days.
    assert (late["status"], late["working_days_late"], late["calendar_days_late"]) == (
        "late",
        2,
        4,
    )
    overdue = _row(rows, "OVERDUE")
    # As of Tue 12 January: Fri 8, Mon 11, Tue 12.
    assert (overdue["status"], overdue["working_days_late"], overdue["calendar_days_late"]) == (
        "overdue",
        3,
        5,
    )


def test_not_completed_and_not_past_due_is_open(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    text = "child_id,rule,completed_at,actual meeting\nC1,minutes,,2026-12-14\n"
    on_due_day = _measure(ruleset, csv_file, text, dt.date(2027, 1, 7)).rows
    assert on_due_day["status"].tolist() == ["open"]
    assert on_due_day["working_days_late"].isna().all()
    day_after = _measure(ruleset, csv_file, text, dt.date(2027, 1, 8)).rows
    assert day_after["status"].tolist() == ["overdue"]
    assert day_after["working_days_late"].tolist() == [1]


def test_completed_before_the_windows_earliest_is_early(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    # Between 5 and 10 working days after Mon 2 March 2026: Mon 9 to Mon 16 March.
    rows = _measure(
        ruleset,
        csv_file,
        """
child_id,rule,completed_at,referral
EARLY,plan-window,2026-03-06 16:00,2026-03-02
FIRST,plan-window,2026-03-09,2026-03-02
LAST,plan-window,2026-03-16 23:59,2026-03-02
LATE,plan-window,2026-03-17 00:01,2026-03-02
""",
        dt.date(2026, 4, 1),
    ).rows
    assert _row(rows, "EARLY")["earliest"] == "2026-03-09"
    assert _row(rows, "EARLY")["due"] == "2026-03-16"
    statuses = {c: _row(rows, c)["status"] for c in ("EARLY", "FIRST", "LAST", "LATE")}
    assert statuses == {"EARLY": "early", "FIRST": "on_time", "LAST": "on_time", "LATE": "late"}
    assert _row(rows, "EARLY")["working_days_late"] == 0
    assert _row(rows, "LATE")["working_days_late"] == 1


def test_target_met_is_judged_against_the_target_and_due_against_the_limit(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    # 35 working days after Mon 2 March 2026 (Easter: 3 and 6 April) is Wed 22 April;
    # 45 is Thu 7 May (the early May bank holiday is Mon 4 May).
    rows = _measure(
        ruleset,
        csv_file,
        """
child_id,rule,completed_at,referral
MET,assessment,2026-04-22,2026-03-02
MISSED,assessment,2026-04-28,2026-03-02
WAITING,assessment,,2026-03-02
PASSED,Single assessment,,2026-02-02
""",
        dt.date(2026, 4, 1),
    ).rows
    met = _row(rows, "MET")
    assert (met["due"], met["target"], met["status"], met["target_met"]) == (
        "2026-05-07",
        "2026-04-22",
        "on_time",
        True,
    )
    missed = _row(rows, "MISSED")
    assert (missed["status"], missed["target_met"]) == ("on_time", False)
    assert pd.isna(_row(rows, "WAITING")["target_met"])  # target not yet passed
    # Referral 2 Feb: target Mon 23 March has passed, due Wed 8 April has not.
    passed = _row(rows, "PASSED")
    assert (passed["target"], passed["due"], passed["status"]) == (
        "2026-03-23",
        "2026-04-08",
        "open",
    )
    assert passed["target_met"] is False


def test_hours_after_a_date_time_cross_the_clock_change(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    # 72 hours after Fri 27 March 2026 15:00 GMT: Mon 30 March 16:00 BST.
    rows = _measure(
        ruleset,
        csv_file,
        """
child_id,rule,completed_at,return
A,rhi,2026-03-30 16:00,27/03/2026 15:00
B,rhi,2026-03-30 16:01,27/03/2026 15:00
C,rhi,2026-03-30,27/03/2026 15:00
D,rhi,2026-03-31,27/03/2026 15:00
""",
        dt.date(2026, 4, 30),
    ).rows
    assert set(rows["due"]) == {"2026-03-30T16:00"}
    assert [_row(rows, c)["status"] for c in "ABCD"] == ["on_time", "late", "on_time", "late"]
    # Late the same day: 0 days late; a day later: 1 working day.
    assert [_row(rows, c)["working_days_late"] for c in "BD"] == [0, 1]


def test_age_deadline_clips_to_month_end_and_counts_lateness_over_a_weekend(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    # 16 years 3 months after 30 Nov 2010 is 28 Feb 2027 (a Sunday).
    rows = _measure(
        ruleset,
        csv_file,
        "child_id,rule,completed_at,date of birth\nC1,pathway,2027-03-01,30/11/2010\n",
        dt.date(2027, 6, 1),
    ).rows
    assert rows["due"].tolist() == ["2027-02-28"]
    assert rows["status"].tolist() == ["late"]
    assert (rows["working_days_late"][0], rows["calendar_days_late"][0]) == (1, 1)


def test_a_rule_with_no_fixed_timescale_is_counted_but_not_measured(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    measured = _measure(
        ruleset,
        csv_file,
        "child_id,rule,completed_at\nC1,closure,2026-01-01\nC2,closure,\n",
        dt.date(2026, 2, 1),
    )
    rows = measured.rows
    assert rows["status"].tolist() == ["no_timescale", "no_timescale"]
    assert rows["due"].isna().all() and rows["working_days_late"].isna().all()
    assert measured.rows_evaluated == 2
