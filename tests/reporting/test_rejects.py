"""Bad rows are rejected with row number, column and reason; nothing is lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from timescale_dsl import Ruleset
from timescale_dsl.cli import main
from timescale_dsl.reporting.measuring import measure
from timescale_dsl.reporting.reading.events import EventsError

from .conftest import RULESET

EVENTS = """
child_id,rule,completed_at,actual meeting,contact,section 47,team
C1,minutes,2027-01-07,2026-12-14,,,North
C2,minuets,2027-01-07,2026-12-14,,,North
C3,minutes,32/01/2027,2026-12-14,,,South
C4,minutes,2027-01-07,,,,South
C5,strategy,2026-01-05,,2026-01-02,perhaps,South
C6,strategy,2026-01-05,,,yes,South
,minutes,2027-01-07,2026-12-14,,,North
C8,,2027-01-07,2026-12-14,,,North
C9,minutes,2027-01-07,14/12/2026,,,North
"""


@pytest.fixture
def events(csv_file: Callable[..., Path]) -> Path:
    return csv_file(EVENTS)


def test_each_bad_row_is_rejected_with_its_row_column_and_reason(
    ruleset: Ruleset, events: Path
) -> None:
    measured = measure(events, ruleset, dt.date(2027, 2, 1))
    rejects = measured.rejects
    got = {
        int(row): (column, reason)
        for row, column, reason in zip(
            rejects["row"], rejects["column"], rejects["reason"], strict=True
        )
    }
    assert set(got) == {2, 3, 4, 5, 6, 7, 8}
    assert got[2][0] == "rule"
    assert got[2][1].startswith("no rule 'minuets'") and "did you mean 'minutes'" in got[2][1]
    assert got[3] == (
        "completed_at",
        "column 'completed_at': '32/01/2027' is not a valid date: day is out of range for month",
    )
    assert got[4] == ("actual meeting", "ICPC minutes: missing fact(s) 'actual meeting'")
    assert got[5][0] == "section 47"
    assert "'perhaps' is not true or false" in got[5][1]
    assert got[6] == ("contact", "Strategy discussion: missing fact(s) 'contact'")
    assert got[7] == ("child_id", "no child given")
    assert got[8] == ("rule", "no rule given")
    # The rejected rows keep all their cells.
    assert rejects.loc[rejects["row"] == 5, "team"].tolist() == ["South"]
    assert rejects.loc[rejects["row"] == 3, "completed_at"].tolist() == ["32/01/2027"]


def test_rows_read_is_rows_evaluated_plus_rows_rejected(ruleset: Ruleset, events: Path) -> None:
    measured = measure(events, ruleset, dt.date(2027, 2, 1))
    assert measured.rows_read == 9
    assert measured.rows_evaluated == 2
    assert measured.rows_rejected == 7
    assert measured.rows_read == measured.rows_evaluated + measured.rows_rejected
    assert measured.rows["child_id"].tolist() == ["C1", "C9"]


def test_a_missing_fact_column_rejects_the_rows_that_need_it_and_warns(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    path = csv_file("child_id,rule,completed_at\nC1,minutes,2027-01-07\nC2,closure,\n")
    measured = measure(path, ruleset, dt.date(2027, 2, 1))
    assert measured.rejects["reason"].tolist() == ["ICPC minutes: missing fact(s) 'actual meeting'"]
    assert measured.warnings == ("no column for fact 'actual meeting' (rule minutes)",)
    assert measured.rows_evaluated == 1


def test_an_input_column_named_like_an_output_column_is_refused(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    path = csv_file("child_id,rule,completed_at,Status\nC1,closure,,x\n")
    with pytest.raises(EventsError, match="input column\\(s\\) 'Status' have the names"):
        measure(path, ruleset, dt.date(2027, 2, 1))


def test_strict_exits_1_on_any_rejection_and_writes_the_rejects_file(
    events: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rejects = tmp_path / "rejects.csv"
    status = main(
        [
            "report",
            str(RULESET),
            str(events),
            "--as-of",
            "2027-02-01",
            "--strict",
            "--rejects",
            str(rejects),
            "--format",
            "json",
            "--no-progress",
        ]
    )
    assert status == 1
    written = pd.read_csv(rejects, dtype=str, keep_default_na=False)
    assert written["row"].tolist() == ["2", "3", "4", "5", "6", "7", "8"]
    assert list(written.columns[:3]) == ["row", "column", "reason"]
    assert "7 of 9 row(s) rejected (written to" in capsys.readouterr().err


def test_without_strict_rejections_are_reported_and_the_run_succeeds(
    events: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["report", str(RULESET), str(events), "--as-of", "2027-02-01"])
    assert status == 0
    err = capsys.readouterr().err
    assert "7 of 9 row(s) rejected (write them all with --rejects FILE)" in err
    assert "row 3, column completed_at: column 'completed_at': '32/01/2027'" in err


def test_strict_with_no_rejections_exits_0(csv_file: Callable[..., Path]) -> None:
    path = csv_file("child_id,rule,completed_at,actual meeting\nC1,minutes,2027-01-07,2026-12-14\n")
    assert main(["report", str(RULESET), str(path), "--as-of", "2027-02-01", "--strict"]) == 0


def test_a_moment_before_londons_first_date_is_a_reject_not_a_crash(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    # In London, midnight UTC on 1 January of year 1 falls in year 0, which no date can hold.
    text = (
        "child_id,rule,completed_at,actual meeting\nC1,minutes,2027-01-07,0001-01-01T00:00+00:00\n"
    )
    measured = measure(csv_file(text), ruleset, dt.date(2027, 1, 12))
    assert measured.rows_evaluated == 0
    [reject] = measured.rejects.to_dict("records")
    assert reject["row"] == 1 and reject["column"] == "actual meeting"
    assert "'0001-01-01T00:00+00:00'" in reject["reason"] and "range of dates" in reject["reason"]


def test_a_row_with_several_problems_is_told_the_first_in_reading_order(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    # The order: its rule, its child, its completion, then its rule's facts and deadline.
    path = csv_file(
        "child_id,rule,completed_at,actual meeting,contact,section 47\n"
        "C1,minutes,32/13/2027,,,\n"  # bad completion and a missing fact
        "C2,minutes,32/13/2027,not a date,,\n"  # bad completion and a bad fact
        ",minutes,32/13/2027,2026-12-14,,\n"  # no child and a bad completion
        "C4,minuets,32/13/2027,,,\n"  # an unknown rule and a bad completion
        "C5,strategy,2026-01-05,,2026-01-02,perhaps\n"  # a bad fact alone
        "C6,minutes,2027-01-07,2026-12-14,,\n"  # measured
    )
    rejects = measure(path, ruleset, dt.date(2027, 2, 1)).rejects
    told = dict(zip(rejects["row"].tolist(), rejects["column"].tolist(), strict=True))
    assert told == {1: "completed_at", 2: "completed_at", 3: "child_id", 4: "rule", 5: "section 47"}


def test_a_summary_reads_the_reasons_without_making_the_rejects_table(
    ruleset: Ruleset, events: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timescale_dsl.reporting.rendering import output
    from timescale_dsl.reporting.summarising.summary import summarise

    measured = measure(events, ruleset, dt.date(2027, 2, 1))

    def refused(self: output.Rejected) -> pd.DataFrame:
        raise AssertionError("the rejects table was made")

    with monkeypatch.context() as patched:
        patched.setattr(output.Rejected, "table", refused)
        summary = summarise(measured, ruleset)
        heads = measured.reject_heads
        assert measured.rows_rejected == 7
    assert sum(count for _, count in summary.reject_reasons) == 7
    # The heads are the table's first three columns, row for row.
    assert heads.equals(measured.rejects[["row", "column", "reason"]])
    assert measured.reject_heads.equals(heads)  # and read from the table once it is made
