"""Every output: the terminal table, CSV and JSON summaries, HTML, and per-row CSV/Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from timescale_dsl import Ruleset
from timescale_dsl.cli import main
from timescale_dsl.reporting.api import Report, timeliness
from timescale_dsl.reporting.rendering.html import render_html
from timescale_dsl.reporting.rendering.render import render_csv, render_json, render_table

from .conftest import RULESET

EVENTS = """
child_id,rule,completed_at,actual meeting,referral,team,worker
C1,minutes,2027-01-07,2026-12-14,,North <b>&amp;</b>,W1
C2,minutes,2027-01-11,2026-12-14,,North <b>&amp;</b>,W1
C3,minutes,,2026-12-14,,South,W2
C4,assessment,2026-04-22,,2026-03-02,South,W2
C5,assessment,2026-06-01,,2026-03-02,South,W3
C6,closure,2026-01-01,,,South,W3
C7,nonsense,2026-01-01,,,South,W3
"""


@pytest.fixture
def report(ruleset: Ruleset, csv_file: Callable[..., Path]) -> Report:
    return timeliness(csv_file(EVENTS), ruleset, dt.date(2027, 1, 12), by=["team"])


def test_json_summary_has_the_counts_and_percentages(report: Report) -> None:
    data = json.loads(render_json(report.summary))
    assert (data["rows_read"], data["rows_evaluated"], data["rows_rejected"]) == (7, 6, 1)
    assert data["as_of"] == "2027-01-12"
    rules = {r["rule"]: r for r in data["rules"]}
    assert list(rules) == ["assessment", "minutes", "closure"]  # ruleset order
    minutes = rules["minutes"]
    assert (minutes["on_time"], minutes["late"], minutes["overdue"], minutes["open"]) == (
        1,
        1,
        1,
        0,
    )
    assert minutes["pct_on_time"] == 33.3
    assert minutes["late_median_working_days"] == 2.0
    assert minutes["overdue_now"] == 1 and minutes["overdue_max_working_days"] == 3
    assessment = rules["assessment"]
    # Due Thu 7 May 2026; completed Mon 1 June: 16 working days late (25 May a bank holiday).
    assert (assessment["on_time"], assessment["late"]) == (1, 1)
    assert assessment["late_median_working_days"] == 16.0
    assert (assessment["with_target"], assessment["target_met"]) == (2, 1)
    assert rules["closure"]["no_timescale"] == 1 and rules["closure"]["pct_on_time"] is None
    assert data["statuses"] == {
        "on_time": 2,
        "late": 2,
        "early": 0,
        "overdue": 1,
        "open": 0,
        "no_timescale": 1,
    }
    assert data["pct_on_time"] == 40.0
    teams = {(g["rule"], g["team"]): g["rows"] for g in data["groups"]}
    assert teams == {
        ("assessment", "South"): 2,
        ("minutes", "North <b>&amp;</b>"): 2,
        ("minutes", "South"): 1,
        ("closure", "South"): 1,
    }
    assert data["reject_reasons"][0]["rows"] == 1


def test_percentiles_of_lateness_interpolate(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    lines = ["child_id,rule,completed_at,actual meeting"]
    # Due Thu 7 Jan 2027; completed 1..5 working days late (Fri 8 to Thu 14 Jan).
    for n, completed in enumerate(["08", "11", "12", "13", "14"]):
        lines.append(f"C{n},minutes,2027-01-{completed},2026-12-14")
    report = timeliness(csv_file("\n".join(lines)), ruleset, dt.date(2027, 2, 1))
    rule = report.summary.rules[0]
    assert rule.late_median_working_days == 3.0
    assert rule.late_p90_working_days == 4.6
    assert rule.late_median_calendar_days == 5.0


def test_table_is_readable_text(report: Report) -> None:
    text = render_table(report.summary)
    assert "rows read 7: evaluated 6, rejected 1" in text
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("rule "))
    assert "% on time" in header and "late p90" in header
    minutes = next(line for line in lines if line.startswith("minutes "))
    assert re.search(r"minutes\s+3\s+1\s+1\s+0\s+1\s+0\s+0\s+33\.3\s+2\.0\s+2\.0\s+0$", minutes)
    assert "by team:" in text


def test_csv_summary_one_line_per_group(report: Report) -> None:
    records = list(csv.DictReader(io.StringIO(render_csv(report.summary))))
    # The headline leads: all rules, per team.
    assert [(r["rule"], r["team"], r["rows"]) for r in records[:2]] == [
        ("(all rules)", "North <b>&amp;</b>", "2"),
        ("(all rules)", "South", "4"),
    ]
    records = records[2:]
    assert [(r["rule"], r["team"]) for r in records] == [
        ("assessment", "South"),
        ("minutes", "North <b>&amp;</b>"),
        ("minutes", "South"),
        ("closure", "South"),
    ]
    assert records[1]["on_time"] == "1" and records[1]["pct_on_time"] == "50.0"


def test_html_report_is_self_contained_with_charts(report: Report) -> None:
    page = render_html(report.summary)
    assert page.startswith("<!DOCTYPE html>")
    # No address of anything to fetch: no http(s) URL, no protocol-relative "//host".
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"[\"'(=]\s*//", page)
    for fetch in ("<script", "<link", "<img", "@import", "url(", "<iframe", "src="):
        assert fetch not in page.lower()
    # Headline per team, per task, per month, lateness; one per team (per task).
    assert page.count("<svg") == 4 + 2
    assert page.count("<figcaption>") == page.count("<svg")
    assert page.index("Headline: on time per team") < page.index("On time per task")
    assert "On time per task" in page and "per month of due date" in page
    assert "by working days late" in page
    # Tasks by name, the rule id on hover; small groups marked as such.
    assert "<title>ICPC minutes [minutes]</title>" in page
    assert "n=2, small" in page and "pale bars: fewer than 10 records" in page
    assert "<dt>overdue</dt>" in page  # the status glossary
    # Text from the data is escaped.
    assert "North &lt;b&gt;&amp;amp;&lt;/b&gt;" in page
    assert "<b>&amp;</b>" not in page


def test_rows_out_as_csv_and_parquet(
    csv_file: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = csv_file(EVENTS)
    as_csv, as_parquet = tmp_path / "rows.csv", tmp_path / "rows.parquet"
    for target in (as_csv, as_parquet):
        assert (
            main(
                [
                    "report",
                    str(RULESET),
                    str(events),
                    "--as-of",
                    "2027-01-12",
                    "--rows-out",
                    str(target),
                    "--format",
                    "json",
                    "-o",
                    str(tmp_path / "s.json"),
                ]
            )
            == 0
        )
    from_csv = pd.read_csv(as_csv, dtype=str, keep_default_na=False)
    expected_columns = [
        "child_id",
        "rule",
        "completed_at",
        "actual meeting",
        "referral",
        "team",
        "worker",
        "due",
        "earliest",
        "target",
        "status",
        "working_days_late",
        "calendar_days_late",
        "target_met",
        "provisional",
        "source_row",
    ]
    assert list(from_csv.columns) == expected_columns
    assert from_csv["status"].tolist() == [
        "on_time",
        "late",
        "overdue",
        "on_time",
        "late",
        "no_timescale",
    ]
    assert from_csv["working_days_late"].tolist() == ["0", "2", "3", "0", "16", ""]
    assert from_csv["target_met"].tolist() == ["", "", "", "true", "false", ""]
    table = pq.read_table(as_parquet)
    assert table.column_names == expected_columns
    assert str(table.schema.field("working_days_late").type) == "int64"
    assert str(table.schema.field("target_met").type) == "bool"
    assert str(table.schema.field("provisional").type) == "bool"
    assert from_csv["provisional"].tolist() == ["false"] * 6  # no rule here has an earlier-of
    frame = table.to_pandas()
    assert frame["due"].tolist()[:3] == ["2027-01-07"] * 3
    assert frame["working_days_late"].isna().tolist() == [False] * 5 + [True]


def test_summary_formats_through_the_cli(
    csv_file: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = str(csv_file(EVENTS))
    base = ["report", str(RULESET), events, "--as-of", "2027-01-12", "--no-progress"]
    assert main([*base, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows_read"] == 7
    assert main([*base, "--format", "csv", "--by", "team", "worker"]) == 0
    assert capsys.readouterr().out.startswith("rule,task,team,worker,rows,")
    page = tmp_path / "report.html"
    assert main([*base, "--format", "html", "-o", str(page)]) == 0
    assert capsys.readouterr().out == ""
    assert "<svg" in page.read_text(encoding="utf-8")
    assert main([*base, "--by", "due_month"]) == 0
    assert "2027-01" in capsys.readouterr().out
