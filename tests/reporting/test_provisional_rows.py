"""The per-row ``provisional`` column: due dates that may still move earlier.

An "A or B, whichever is earlier" row with one event not recorded yet is
measured against the earliest known alternative; the report marks exactly
those rows (and rows counting from such a date) ``provisional``, as
``Rule.deadline`` does row by row, through ``timescale report --rows-out``,
the chase list, the HTML page and the partition path Dask runs.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from timescale_dsl import Ruleset, load_ruleset
from timescale_dsl.cli import main
from timescale_dsl.reporting.api import measure_partition, partition_meta, timeliness
from timescale_dsl.reporting.measuring import facts_read_by
from timescale_dsl.reporting.reading.events import EventsError
from timescale_dsl.reporting.summarising.chase import chase_list
from timescale_dsl.reporting.summarising.collected import measured_from_rows
from timescale_dsl.reporting.summarising.summary import summarise

RULES = """\
[pre-birth] Pre-birth assessment within 45 days of referral (target 35 days) or at least 6 weeks before expected date of delivery, whichever is earlier
[follow-up] Follow-up visit within 5 working days of [pre-birth]
[plan] Family support plan within 10 working days of assessment completed or within 55 working days of initial contact, whichever is earlier
[minutes] ICPC minutes within 15 working days of actual meeting
[later] Plan review within 45 days of referral or 6 weeks after initial contact, whichever is later
"""

FACTS = (
    "referral",
    "expected date of delivery",
    "assessment completed",
    "initial contact",
    "actual meeting",
)
HEADER = "record,child_id,rule,completed_at,team," + ",".join(FACTS)
# record, child, rule, completed, team, then the facts in FACTS' order.
ROWS = [
    "R01,C1,pre-birth,,North,2026-01-05,,,,",  # no due date of delivery yet: provisional
    "R02,C2,pre-birth,2026-01-10,North,2026-01-05,2026-02-01,,,",  # both known: firm
    "R03,C3,pre-birth,,South,,2026-03-20,,,",  # no referral yet: provisional
    "R04,C4,pre-birth,,South,,,,,",  # neither: rejected
    "R05,C1,follow-up,,North,2026-01-05,,,,",  # counts from a provisional date
    "R06,C2,follow-up,2026-02-20,North,2026-01-05,2026-02-01,,,",
    "R07,C5,plan,,South,,,,2026-01-05,",  # assessment not completed yet: provisional
    "R08,C6,plan,2026-02-10,South,,,2026-01-20,2026-01-05,",
    "R09,C7,minutes,2026-01-20,North,,,,,2026-01-05",
    "R10,C8,later,,North,2026-01-05,,,,",  # whichever is later: rejected, not provisional
    "R11,C9,later,2026-03-01,North,2026-01-05,,,2026-01-12,",
    "R12,C10,pre-birth,2026-04-01,South,2026-03-02,,,,",  # on time so far, provisional
]
PROVISIONAL = {"R01", "R03", "R05", "R07", "R12"}
REJECTED = {"R04", "R10"}
AS_OF = dt.date(2026, 3, 31)


@pytest.fixture
def files(tmp_path: Path, csv_file: Callable[..., Path]) -> tuple[Path, Path]:
    rules = tmp_path / "provisional.timescales"
    rules.write_text(RULES, encoding="utf-8")
    return rules, csv_file("\n".join([HEADER, *ROWS]))


def _scalar_provisional(ruleset: Ruleset, row: pd.Series) -> tuple[str | None, bool]:
    """``Rule.deadline`` for the row's recorded facts: its due date, and whether it is
    provisional because an event of an earlier-of is not known yet."""
    rule = ruleset.rule(str(row["rule"]))
    facts = {
        key: dt.date.fromisoformat(str(row[key]))
        for key, _ in facts_read_by(rule, ruleset)
        if str(row[key]).strip()
    }
    deadline = rule.deadline(facts)
    unknown = any("is not known yet" in caveat for caveat in deadline.caveats)
    assert deadline.provisional == unknown  # 2026 dates: no other reason applies
    return (None if deadline.due is None else str(deadline.due)), deadline.provisional


def test_rows_out_marks_exactly_the_rows_with_an_unknown_event(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    rules, events = files
    rows_out = tmp_path / "rows.csv"
    args = ["report", str(rules), str(events), "--as-of", AS_OF.isoformat(), "--no-progress"]
    assert main([*args, "--rows-out", str(rows_out), "--format", "json"]) == 0
    rows = pd.read_csv(rows_out, dtype=str, keep_default_na=False)
    columns = list(rows.columns)
    assert columns[-3:] == ["target_met", "provisional", "source_row"]
    assert set(rows["record"]) == {r.split(",")[0] for r in ROWS} - REJECTED
    marked = dict(zip(rows["record"], rows["provisional"], strict=True))
    assert {record for record, flag in marked.items() if flag == "true"} == PROVISIONAL
    assert set(marked.values()) == {"true", "false"}
    # Row by row, the scalar API's due date and provisional mark.
    ruleset = load_ruleset(rules)
    for _, row in rows.iterrows():
        due, provisional = _scalar_provisional(ruleset, row)
        assert (row["due"], row["provisional"]) == (due, "true" if provisional else "false")


def test_a_provisional_row_keeps_its_status_and_figures(files: tuple[Path, Path]) -> None:
    rules, events = files
    report = timeliness(events, load_ruleset(rules), AS_OF)
    rows = report.rows.set_index("record")
    assert str(rows["provisional"].dtype) == "boolean"
    # R01: 45 days after 5 Jan, with no due date of delivery to bring it forward.
    assert (rows.loc["R01", "due"], rows.loc["R01", "status"]) == ("2026-02-19", "overdue")
    assert (rows.loc["R01", "target"], bool(rows.loc["R01", "provisional"])) == (
        "2026-02-09",
        True,
    )
    # R12: on time against the date known so far; it may turn out late.
    assert (rows.loc["R12", "status"], bool(rows.loc["R12", "provisional"])) == ("on_time", True)


def test_chase_list_and_html_name_provisional_due_dates(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    rules, events = files
    chase, page = tmp_path / "chase.csv", tmp_path / "report.html"
    args = ["report", str(rules), str(events), "--as-of", AS_OF.isoformat(), "--no-progress"]
    assert main([*args, "--chase-out", str(chase), "--format", "html", "-o", str(page)]) == 0
    listed = list(csv.DictReader(chase.open(encoding="utf-8")))
    names = list(listed[0])
    assert names[names.index("working_days_left") + 1 :] == ["provisional", "source_row"]
    flags = {(r["child_id"], r["rule"]): r["provisional"] for r in listed}
    assert flags == {
        ("C1", "pre-birth"): "true",
        ("C3", "pre-birth"): "true",
        ("C1", "follow-up"): "true",
        ("C5", "plan"): "true",
        ("C2", "pre-birth"): "false",
        ("C2", "follow-up"): "false",
        ("C9", "later"): "false",
        ("C6", "plan"): "false",
    }
    html = page.read_text(encoding="utf-8")
    assert html.count("(provisional)</span>") == 4
    assert "<td>2026-02-19 <span" in html  # after C1's due date
    assert "<dt>provisional</dt>" in html


def test_an_input_column_called_provisional_is_refused(
    files: tuple[Path, Path], csv_file: Callable[..., Path]
) -> None:
    rules, _ = files
    events = csv_file(
        "child_id,rule,completed_at,actual meeting,Provisional\nC1,minutes,,2026-01-05,yes\n",
        "clash.csv",
    )
    with pytest.raises(EventsError, match="'Provisional' have the names of output columns"):
        timeliness(events, load_ruleset(rules), AS_OF)


@pytest.mark.parametrize("scheduler", ["threads", "processes"])
def test_dask_partitions_carry_the_column_and_agree_with_the_plain_report(
    files: tuple[Path, Path], scheduler: str
) -> None:
    dd = pytest.importorskip("dask.dataframe")
    rules, events = files
    ruleset = load_ruleset(rules)
    frame = pd.read_csv(events, dtype=str, keep_default_na=False)
    meta = partition_meta(frame)
    assert list(meta.columns[-4:]) == [
        "target_met",
        "provisional",
        "reject_column",
        "reject_reason",
    ]
    parts = dd.from_pandas(frame, npartitions=3)
    measured = parts.map_partitions(measure_partition, str(rules), AS_OF, meta=meta)
    collected = measured.compute(scheduler=scheduler)
    assert parts.npartitions == 3 and list(collected.columns) == list(meta.columns)
    assert str(collected["provisional"].dtype) == "boolean"
    by_record = collected.set_index("record")
    # Rejected rows keep their place, with no answer; the rest as the plain report has them.
    assert by_record.loc[sorted(REJECTED), "provisional"].isna().all()
    plain = timeliness(events, ruleset, AS_OF, by=["team"])
    ours = plain.rows.set_index("record")["provisional"]
    theirs = by_record["provisional"].drop(sorted(REJECTED))
    pd.testing.assert_series_equal(theirs.sort_index(), ours.sort_index(), check_index_type=False)
    assert set(ours[ours].index) == PROVISIONAL
    # Summarised and chased from the collected rows, as from the plain command.
    # (Collected rows cannot say where they were read from, nor which column fed a fact.)
    unknowable = {"source": "", "columns_used": [], "warnings": []}
    again_summary = summarise(collected, ruleset, by=["team"], as_of=AS_OF)
    assert again_summary.to_dict() | unknowable == plain.summary.to_dict() | unknowable
    again = chase_list(measured_from_rows(collected, ruleset, AS_OF), ruleset, ["team"])
    expected = chase_list(plain.measured, ruleset, ["team"])
    pd.testing.assert_frame_equal(again, expected)
