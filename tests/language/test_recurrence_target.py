"""A target on a recurrence: "every 6 weeks (target 4 weeks)".

Each occurrence has the target interval after the one before, as its limit
has the interval: the first from the anchor (``Deadline.target``), later ones
in the report from the previous occurrence's completion.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from timescale_dsl import compile_statement, parse_ruleset
from timescale_dsl.reporting.measuring import measure


def test_the_first_occurrence_has_its_target() -> None:
    rule = compile_statement("Visit every 6 weeks after placement (target 4 weeks)")
    deadline = rule.deadline({"placement": dt.date(2026, 3, 2)})
    assert (deadline.due, deadline.target) == (dt.date(2026, 4, 13), dt.date(2026, 3, 30))


def test_a_target_is_never_later_than_the_limit() -> None:
    rule = compile_statement("Visit every 1 month after placement (target 30 days)")
    # 1 month after 31 Jan is 28 Feb; 30 days would be 2 Mar.
    deadline = rule.deadline({"placement": dt.date(2026, 1, 31)})
    assert deadline.target == deadline.due == dt.date(2026, 2, 28)


RULES = """\
title "Visits"
fact "placement" date
[visits] Visit within 1 week of placement, then every 6 weeks (target 4 weeks)
"""


def test_the_report_gives_each_later_occurrence_its_target() -> None:
    ruleset = parse_ruleset(RULES, "x.timescales")
    frame = pd.DataFrame(
        {
            "child_id": ["a"] * 3,
            "rule": ["visits"] * 3,
            # The second visit is within 6 weeks but after 4; the third within 4.
            "completed_at": ["2026-03-05", "2026-04-13", "2026-05-04"],
            "placement": ["2026-03-02"] * 3,
        }
    )
    measured = measure(frame, ruleset, dt.date(2026, 6, 30))
    rows = measured.rows.sort_values("source_row")
    assert rows["due"].tolist() == ["2026-03-09", "2026-04-16", "2026-05-25"]
    assert rows["target"].fillna("-").tolist() == ["-", "2026-04-02", "2026-05-11"]
    assert rows["status"].tolist() == ["on_time"] * 3
    assert rows["target_met"].tolist()[1:] == [False, True]
