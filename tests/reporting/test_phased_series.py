"""A frequency that holds for a period, measured over a series of occurrences:
statutory visits every 6 weeks in a placement's first year, then every 3 months."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from timescale_dsl import parse_ruleset
from timescale_dsl.reporting.measuring import Measured, measure, plan_facts

PHASED = """
title "Phased"
fact "placement" date
fact "plan" date
[cla-visit] CLA visit within 1 week of placement, then every 6 weeks for the first year, then every 3 months
[pf-visit] Private fostering visit within 1 week of placement, then every 6 weeks during the first year
[plan-visit] Visit every 4 weeks after placement for the first 6 months of the plan, then every 8 weeks
"""


def _measure(path: Path, as_of: dt.date) -> Measured:
    return measure(path, parse_ruleset(PHASED), as_of)


def _found(measured: Measured) -> dict[str, tuple[str, str]]:
    assert measured.rows_rejected == 0, measured.rejects.to_dict("records")
    rows = measured.rows.to_dict("records")
    return {str(r["note"]): (str(r["due"]), str(r["status"])) for r in rows}


def test_the_interval_is_the_one_of_the_period_the_visit_before_fell_in(
    csv_file: Callable[..., Path],
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,placement,note
A,cla-visit,2026-01-09,2026-01-05,first
A,cla-visit,2026-02-20,2026-01-05,second
A,cla-visit,2026-12-30,2026-01-05,third
A,cla-visit,2027-02-05,2026-01-05,fourth
A,cla-visit,,2026-01-05,fifth
"""
    )
    # Placement Mon 5 Jan 2026: its first year ends on 5 Jan 2027. The first visit is
    # due a week after the placement; each later one 6 weeks after the one before while
    # that one fell in the first year (30 Dec 2026 did: due 10 Feb 2027), 3 months
    # after it once it did not (5 Feb 2027: due 5 May 2027).
    assert _found(_measure(path, dt.date(2027, 6, 1))) == {
        "first": ("2026-01-12", "on_time"),
        "second": ("2026-02-20", "on_time"),
        "third": ("2026-04-03", "late"),
        "fourth": ("2027-02-10", "on_time"),
        "fifth": ("2027-05-05", "overdue"),
    }


def test_a_series_whose_last_period_has_nothing_after_it_ends_with_the_period(
    csv_file: Callable[..., Path],
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,placement,note
B,pf-visit,2026-01-09,2026-01-05,first
B,pf-visit,2026-11-20,2026-01-05,second
B,pf-visit,,2026-01-05,third
C,pf-visit,2026-01-09,2026-01-05,first of C
C,pf-visit,,2026-01-05,second of C
"""
    )
    measured = _measure(path, dt.date(2027, 3, 1))
    found = _found(measured)
    assert found["first"] == ("2026-01-12", "on_time")
    assert found["second"] == ("2026-02-20", "late")
    # 6 weeks after Fri 20 Nov 2026 is Fri 1 Jan 2027: still in the first year, so due.
    assert found["third"] == ("2027-01-01", "overdue")
    assert found["second of C"] == ("2026-02-20", "overdue")


def test_no_visit_is_due_on_or_after_the_end_of_the_last_period(
    csv_file: Callable[..., Path],
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,placement,note
B,pf-visit,2026-01-09,2026-01-05,first
B,pf-visit,2026-12-01,2026-01-05,second
B,pf-visit,,2026-01-05,third
"""
    )
    measured = _measure(path, dt.date(2027, 3, 1))
    rows = {str(r["note"]): r for r in measured.rows.to_dict("records")}
    # 6 weeks after Tue 1 Dec 2026 is Tue 12 Jan 2027, after the first year's end
    # (Tue 5 Jan 2027): that visit is not due.
    assert rows["third"]["status"] == "no_timescale"
    assert rows["second"]["status"] == "late"


def test_a_period_counts_from_its_own_event_which_is_read_on_every_row(
    csv_file: Callable[..., Path],
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,placement,plan,note
D,plan-visit,2026-03-02,2026-02-02,2026-01-05,first
D,plan-visit,2026-07-01,2026-02-02,2026-01-05,second
D,plan-visit,2026-08-20,2026-02-02,2026-01-05,third
"""
    )
    # The plan's first 6 months end on 5 July 2026: 1 July falls in them (next due 4
    # weeks later, 29 July); the visit after that is due 8 weeks after 20 August.
    found = _found(_measure(path, dt.date(2026, 12, 1)))
    assert found["first"] == ("2026-03-02", "on_time")
    assert found["second"] == ("2026-03-30", "late")
    assert found["third"] == ("2026-07-29", "late")
    ruleset = parse_ruleset(PHASED)
    assert plan_facts(ruleset.rule("plan-visit"), ruleset) == ["placement", "plan"]


def test_a_blank_period_event_on_a_later_row_is_rejected_naming_it(
    csv_file: Callable[..., Path],
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,placement,plan,note
D,plan-visit,2026-03-02,2026-02-02,2026-01-05,first
D,plan-visit,2026-03-30,2026-02-02,,second
"""
    )
    measured = _measure(path, dt.date(2026, 12, 1))
    assert measured.rows_rejected >= 1
    reasons = " ".join(str(r) for r in measured.rejects["reason"])
    assert "'plan'" in reasons
