"""A range of intervals ("every 4-6 weeks") over a series: each occurrence's window
opens at the shorter interval after the one before and closes at the longer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from timescale_dsl import parse_ruleset, parse_statement
from timescale_dsl.errors import SyntaxProblem
from timescale_dsl.reporting.measuring import measure

RULES = """
title "Ranges"
fact "plan" date
[cin] CIN visit within 10 working days of plan, then every 4-6 weeks
"""


def test_a_visit_sooner_than_the_shorter_interval_is_early(
    csv_file: Callable[..., Path],
) -> None:
    path = csv_file(
        """
child_id,rule,completed_at,plan,note
A,cin,2026-03-10,2026-03-02,first
A,cin,2026-03-24,2026-03-02,second
A,cin,2026-05-05,2026-03-02,third
A,cin,,2026-03-02,fourth
"""
    )
    measured = measure(path, parse_ruleset(RULES), dt.date(2026, 6, 1))
    assert measured.rows_rejected == 0
    rows = {str(r["note"]): r for r in measured.rows.to_dict("records")}
    # Plan Mon 2 Mar: first visit due Mon 16 Mar (no window). Visited Tue 10 Mar, so
    # the next is due between Tue 7 Apr and Tue 21 Apr: Tue 24 Mar is early. The one
    # after counts from 24 Mar: 21 Apr to 5 May; the open one from 5 May: 2 to 16 June.
    assert [(rows[n]["due"], rows[n]["status"]) for n in ("first", "second", "third")] == [
        ("2026-03-16", "on_time"),
        ("2026-04-21", "early"),
        ("2026-05-05", "on_time"),
    ]
    assert (rows["fourth"]["due"], rows["fourth"]["status"]) == ("2026-06-16", "open")


def test_the_range_is_read_in_words_and_figures_and_refused_backwards() -> None:
    assert parse_statement("Visit every four to six weeks") == parse_statement(
        "Visit every 4-6 weeks"
    )
    assert parse_statement("Supervision every 4 - 6 weeks") == parse_statement(
        "Supervision every 4-6 weeks"
    )
    with pytest.raises(SyntaxProblem) as raised:
        parse_statement("Visit every 6-4 weeks")
    assert raised.value.diagnostics[0].message == (
        "the shorter interval comes first: 'every 4-6 ...'"
    )
