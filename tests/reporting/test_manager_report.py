"""What a manager and an analyst need: headlines, column mapping, chase lists, real exports."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from timescale_dsl import Ruleset
from timescale_dsl.cli import main
from timescale_dsl.reporting.api import timeliness
from timescale_dsl.reporting.reading.events import ColumnMap, EventsError
from timescale_dsl.reporting.reading.mapping import MappingError, fact_columns, loose_key
from timescale_dsl.reporting.rendering.render import render_json, render_table

from .conftest import RULESET

# Due dates: minutes Thu 7 Jan 2027 (meeting 14 Dec 2026); assessment Thu 7 May 2026.
EVENTS = """
child_id,rule,completed_at,actual meeting,referral,team,worker
C1,minutes,2027-01-07,2026-12-14,,North,W1
C2,minutes,2027-01-11,2026-12-14,,North,W1
C3,minutes,,2026-12-14,,South,W2
C4,assessment,2026-04-22,,2026-03-02,South,W2
C5,assessment,2026-06-01,,2026-03-02,South,W3
C6,closure,2026-01-01,,,South,W3
C7,minutes,,2027-01-04,,South,W3
C8,MINUTES,2027-01-05,2026-12-14,,,W1
"""
AS_OF = dt.date(2027, 1, 12)


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[dict[str, object], str]:
    assert main(["report", str(RULESET), *args, "--format", "json", "--no-progress"]) == 0
    captured = capsys.readouterr()
    data: dict[str, object] = json.loads(captured.out)
    return data, captured.err


# -- headlines -------------------------------------------------------------------------
def test_totals_across_all_rules_per_team(ruleset: Ruleset, csv_file: Callable[..., Path]) -> None:
    report = timeliness(csv_file(EVENTS), ruleset, AS_OF, by=["team"])
    data = json.loads(render_json(report.summary))
    totals = {t["team"]: t for t in data["totals"]}
    assert list(totals) == ["North", "South", "(blank)"]  # the blank team last
    north, south = totals["North"], totals["South"]
    assert (north["rows"], north["on_time"], north["late"], north["pct_on_time"]) == (2, 1, 1, 50.0)
    # South: C3 overdue, C4 on time, C5 late 16 days, C6 no timescale, C7 open.
    assert (south["rows"], south["on_time"], south["late"], south["overdue"]) == (5, 1, 1, 1)
    assert (south["open"], south["no_timescale"], south["pct_on_time"]) == (1, 1, 33.3)
    assert south["late_median_working_days"] == 16.0
    assert "rule" not in south  # across all rules
    assert sum(t["rows"] for t in data["totals"]) == data["rows_evaluated"]
    # The table leads with the headline, before the per-rule drill-down.
    text = render_table(report.summary)
    assert text.index("headline: all rules, per team") < text.index("per rule:")


def test_totals_per_team_and_month_and_across_months(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    report = timeliness(csv_file(EVENTS), ruleset, AS_OF, by=["team", "due_month"])
    data = report.summary.to_dict()
    per_month = {(t["team"], t["due_month"]): t["rows"] for t in data["totals"]}  # type: ignore[attr-defined]
    assert per_month[("South", "2027-01")] == 2 and per_month[("South", "2026-05")] == 2
    across = {t["team"]: t["rows"] for t in data["totals_all_months"]}  # type: ignore[attr-defined]
    assert across == {"North": 2, "South": 5, "(blank)": 1}
    text = render_table(report.summary)
    assert text.index("per team (all months)") < text.index("per team, due_month")


def test_no_by_gives_one_overall_total(ruleset: Ruleset, csv_file: Callable[..., Path]) -> None:
    report = timeliness(csv_file(EVENTS), ruleset, AS_OF)
    (total,) = report.summary.totals
    assert total.rows == report.summary.rows_evaluated
    assert total.pct_on_time == report.summary.pct_on_time


def test_readme_command_shows_the_team_headline(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if "timescale report rulesets/" in line)
    command = line.split("timescale report ", 1)[1].split()
    root = Path(__file__).parents[2]
    command = [str(root / a) if a.startswith(("rulesets/", "examples/")) else a for a in command]
    assert main(["report", *command, "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "headline: all rules, per team" in out
    assert "Team 1 " in out.split("per rule:")[0]


# -- rule ids ---------------------------------------------------------------------------
def test_rule_ids_match_ignoring_case_and_suggest_otherwise(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    text = EVENTS + "C9,ASSESMENT,,,2026-03-02,North,W1\n"
    report = timeliness(csv_file(text), ruleset, AS_OF)
    assert report.summary.rows_evaluated == 8  # MINUTES is minutes
    (reason,) = report.rejects["reason"]
    assert reason.startswith("no rule 'ASSESMENT'") and "did you mean 'assessment'?" in reason


# -- plain reasons ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("06/10/26", "two-digit year '06/10/26': write the year in full (06/10/2026"),
        ("N/A", "'N/A' is not a date"),
        ("12/31/2026", "looks month-first"),
        ("soon", "'soon' is not a date: write it as 31/12/2026, 31 Dec 2026 or 2026-12-31"),
    ],
)
def test_reject_reasons_in_plain_words(
    ruleset: Ruleset, csv_file: Callable[..., Path], cell: str, words: str
) -> None:
    path = csv_file(f"child_id,rule,completed_at,actual meeting\nC1,minutes,{cell},2026-12-14\n")
    report = timeliness(path, ruleset, AS_OF)
    (reason,) = report.rejects["reason"]
    assert words in reason and "isoformat" not in reason


# -- column mapping ---------------------------------------------------------------------
EXPORT = """
Child ID,Form,Completed At,Actual Meeting Date,Referral DateTime,Team
C1,minutes,07/01/2027,14/12/2026,,North
C2,assessment,22/04/2026,,02/03/2026,South
"""


def test_close_names_feed_facts_and_the_report_says_which(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    report = timeliness(
        csv_file(EXPORT), ruleset, AS_OF, columns=ColumnMap("child id", "form", "completed at")
    )
    assert report.summary.rows_rejected == 0
    assert list(report.rows["status"]) == ["on_time", "on_time"]
    used = {fact: (column, how) for fact, column, how in report.summary.columns_used}
    assert used["actual meeting"] == ("Actual Meeting Date", "close name")
    assert used["referral"] == ("Referral DateTime", "close name")


def test_explicit_mapping_from_the_command_line_and_a_file(
    csv_file: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Person,Form,Signed Off,When Met,Team\nC1,minutes,07/01/2027,14/12/2026,North\n"
    path = csv_file(text)
    mapping = tmp_path / "columns.txt"
    mapping.write_text("# our export\nPerson = child_id\nForm=rule\n\nSigned Off = completed_at\n")
    data, err = _json(
        capsys, str(path), "--as-of", "2027-01-12", "--columns-file", str(mapping),
        "--column", "When Met=actual meeting",
    )  # fmt: skip
    assert data["statuses"]["on_time"] == 1  # type: ignore[index]
    assert {"fact": "actual meeting", "column": "When Met", "matched": "mapped"} in data[
        "columns_used"
    ]  # type: ignore[operator]
    assert "column 'When Met' feeds fact 'actual meeting' (mapped)" in err


def test_mapping_errors_name_what_is_wrong(
    csv_file: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(csv_file(EVENTS))
    assert main(["report", str(RULESET), path, "--column", "no equals sign"]) == 2
    assert "is not COLUMN=FACT" in capsys.readouterr().err
    assert main(["report", str(RULESET), path, "--column", "tema=actual meeting"]) == 1
    assert "no column 'tema' in the input; did you mean 'team'?" in capsys.readouterr().err
    assert main(["report", str(RULESET), path, "--column", "team=actual meting"]) == 1
    assert "no rule reads a fact 'actual meting'; did you mean 'actual meeting'?" in (
        capsys.readouterr().err
    )


def test_two_close_names_are_ambiguous_not_guessed() -> None:
    found = fact_columns(["Referral Date", "Referral DateTime", "Meeting"], ["referral", "meeting"])
    assert found.get("referral") is None
    assert found.ambiguous["referral"] == ("Referral Date", "Referral DateTime")
    assert found.get("meeting") == "Meeting"
    assert loose_key("Start Date") == loose_key("start")


@pytest.mark.parametrize(
    "column",
    [
        "Referral Date",
        "Date of Referral",
        "DATE_OF_REFERRAL",
        "Date/Time of the Referral",
        "Referral Date (DD/MM/YYYY)",
        "referral date [yyyy-mm-dd hh:mm]",
        "The Referral DateTime",
    ],
)
def test_an_exports_name_for_a_date_meets_its_fact(column: str) -> None:
    found = fact_columns([column, "Team (North/South)", "Date"], ["referral", "date"])
    assert found.get("referral") == column
    assert found.how["referral"] == "close name"
    assert found.get("date") == "Date"  # a column called just Date is the fact 'date'


def test_words_that_are_no_date_format_stay_in_the_name() -> None:
    assert loose_key("Referral (UK)") == "referral uk"
    assert loose_key("The Date_of-Birth") == loose_key("birth") == "birth"
    assert loose_key("the date") == "date"
    found = fact_columns(["Referral (UK)", "Referral (Wales)"], ["referral"])
    assert found.get("referral") is None
    with pytest.raises(MappingError):
        fact_columns(["a"], ["referral"], [("b", "referral")])


# -- chase list -------------------------------------------------------------------------
def test_chase_list_per_team_worst_first_with_source_rows(
    csv_file: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chase = tmp_path / "chase.csv"
    rows = tmp_path / "rows.csv"
    path = csv_file(EVENTS)
    args = ["report", str(RULESET), str(path), "--as-of", "2027-01-12", "--by", "team"]
    assert main([*args, "--chase-out", str(chase), "--rows-out", str(rows), "--no-progress"]) == 0
    listed = list(csv.DictReader(chase.open(encoding="utf-8")))
    assert [(r["team"], r["child_id"], r["status"], r["working_days_late"]) for r in listed] == [
        ("North", "C2", "late", "2"),
        ("South", "C5", "late", "16"),
        ("South", "C3", "overdue", "3"),
    ]
    assert [r["source_row"] for r in listed] == ["2", "5", "3"]
    assert listed[1]["task"] == "Single assessment" and listed[1]["due"] == "2026-05-07"
    # The per-row output names each record's row in the input too.
    measured = pd.read_csv(rows, dtype=str)
    assert list(measured["source_row"]) == [str(n) for n in range(1, 9)]
    # Open records due soon, on request: C7 due Mon 25 Jan 2027, 9 working days ahead.
    assert main([*args, "--chase-out", str(chase), "--due-within", "8", "--no-progress"]) == 0
    assert "C7" not in chase.read_text(encoding="utf-8")
    assert main([*args, "--chase-out", str(chase), "--due-within", "9", "--no-progress"]) == 0
    soon = [r for r in csv.DictReader(chase.open(encoding="utf-8")) if r["child_id"] == "C7"]
    assert [(r["status"], r["working_days_left"], r["source_row"]) for r in soon] == [
        ("open", "9", "7")
    ]


def test_due_within_without_a_chase_list_is_told_it_does_nothing(
    csv_file: Callable[..., Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = csv_file(EVENTS)
    args = ["report", str(RULESET), str(path), "--as-of", "2027-01-12", "--no-progress"]
    assert main([*args, "--due-within", "9"]) == 0
    assert "--due-within 9 adds to the chase list, which this run does not make" in (
        capsys.readouterr().err
    )
    for more in (["--chase-out", str(tmp_path / "chase.csv")], ["--format", "html"]):
        assert main([*args, "--due-within", "9", *more]) == 0
        assert "--due-within" not in capsys.readouterr().err


def test_uk_date_style_in_outputs(csv_file: Callable[..., Path], tmp_path: Path) -> None:
    rows = tmp_path / "rows.parquet"
    path = csv_file("child_id,rule,completed_at,actual meeting\nC1,minutes,,2026-12-14 10:00\n")
    args = ["report", str(RULESET), str(path), "--as-of", "2027-01-12", "--no-progress"]
    assert main([*args, "--rows-out", str(rows), "--date-style", "uk"]) == 0
    assert list(pd.read_parquet(rows)["due"]) == ["07/01/2027"]
    path = csv_file("child_id,rule,completed_at,return\nC1,rhi,,2026-12-14 10:00\n", "rhi.csv")
    args[2] = str(path)
    assert main([*args, "--rows-out", str(rows), "--date-style", "uk"]) == 0
    assert list(pd.read_parquet(rows)["due"]) == ["17/12/2026 10:00"]


# -- workbooks ---------------------------------------------------------------------------
def _workbook(path: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["This export was made on 12/01/2027"])
    sheet = book.create_sheet("Events")
    sheet.append(["Child ID", "Rule", "Completed At", "Actual Meeting", "Team"])
    sheet.append([1234, "minutes", dt.datetime(2027, 1, 7), dt.date(2026, 12, 14), "North"])
    sheet.append([])
    sheet.append([1235, "minutes", None, dt.datetime(2026, 12, 14, 10, 30), "South"])
    sheet.append([1236, "minutes", "06/10/26", dt.date(2026, 12, 14), "South"])
    book.save(path)
    return path


def test_xlsx_sheet_is_read_as_the_csv_would_be(ruleset: Ruleset, tmp_path: Path) -> None:
    book = _workbook(tmp_path / "export.xlsx")
    report = timeliness(book, ruleset, AS_OF, sheet="events")
    rows = report.rows
    assert list(rows["Child ID"]) == ["1234", "1235"]  # whole numbers, not 1234.0
    assert list(rows["Actual Meeting"]) == ["2026-12-14", "2026-12-14 10:30"]
    assert list(rows["status"]) == ["on_time", "overdue"]
    # Spreadsheet numbering: the empty row is not a record but keeps its number.
    assert list(rows["source_row"]) == [1, 3]
    (reason,) = report.rejects["reason"]
    assert list(report.rejects["row"]) == [4] and "two-digit year" in reason


@pytest.mark.parametrize(
    "titles",
    [
        # A title, a date in one cell (not in column A), a blank row.
        [["Recording timeliness: minutes"], [None, None, "Generated 12/01/2027 09:00"], []],
        # Label-and-value rows fill two cells each: the header below them reaches
        # further across, so it is the header, not they.
        [
            ["Recording timeliness: minutes"],
            ["Generated", dt.datetime(2027, 1, 12, 9, 0)],
            ["Team", "All"],
        ],
    ],
)
def test_xlsx_title_rows_above_the_header_are_skipped_and_said(
    ruleset: Ruleset, tmp_path: Path, titles: list[list[object]]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in titles:
        sheet.append(row)
    sheet.append(["Child ID", "Rule", "Completed At", "Actual Meeting"])
    sheet.append([1234, "minutes", dt.datetime(2027, 1, 7), dt.date(2026, 12, 14)])
    sheet.append([1235, "minutes", None, dt.date(2026, 12, 14)])
    path = tmp_path / "titled.xlsx"
    book.save(path)
    report = timeliness(path, ruleset, AS_OF)
    assert list(report.rows["Child ID"]) == ["1234", "1235"]
    assert list(report.rows["status"]) == ["on_time", "overdue"]
    assert list(report.rows["source_row"]) == [1, 2]  # numbered from the header
    assert report.summary.warnings == (
        "sheet 'Sheet': the header is row 4; the 3 row(s) above it (a title, a date line "
        "or blank) were skipped, and records are numbered from it",
    )


def test_xlsx_columns_past_the_last_name_must_be_blank(ruleset: Ruleset, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Child ID", "Rule", "Completed At", "Actual Meeting"])
    sheet.append([1234, "minutes", dt.datetime(2027, 1, 7), dt.date(2026, 12, 14)])
    sheet.cell(row=1, column=6).fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    path = tmp_path / "formatted.xlsx"
    book.save(path)
    assert list(timeliness(path, ruleset, AS_OF).rows["Child ID"]) == ["1234"]
    sheet.append([1235, "minutes", None, dt.date(2026, 12, 14), None, "call back Tuesday"])
    book.save(path)
    with pytest.raises(
        EventsError, match=r"column F has no name .* 'call back Tuesday' \(record 2\)"
    ):
        timeliness(path, ruleset, AS_OF)


def test_xlsx_errors_name_the_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = _workbook(tmp_path / "export.xlsx")
    args = ["report", str(RULESET), str(book), "--no-progress"]
    assert main(args) == 1  # the first sheet is notes, not the log
    err = capsys.readouterr().err
    assert "missing required column(s)" in err
    assert "is it the right sheet? Name the log's sheet with --sheet" in err
    assert "(read: sheet 'Notes'; the workbook also has 'Events')" in err
    # Asked to group by a column of the log: still told it is the wrong sheet first.
    assert main([*args, "--by", "Team"]) == 1
    err = capsys.readouterr().err
    assert "missing required column(s)" in err and "the workbook also has 'Events'" in err
    assert main([*args, "--by", "Team", "--sheet", "events"]) == 0
    capsys.readouterr()
    assert main([*args, "--sheet", "Evnts"]) == 1
    assert "no sheet 'Evnts' (sheets: Notes, Events)" in capsys.readouterr().err
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert main(["report", str(RULESET), str(broken)]) == 1
    assert "not a readable workbook" in capsys.readouterr().err


def test_a_first_sheet_of_other_columns_names_the_workbooks_other_sheets(
    ruleset: Ruleset, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = _workbook(tmp_path / "export.xlsx")
    book = openpyxl.load_workbook(path)
    summary = book.create_sheet("Summary", 0)  # a summary table first, as some exports have
    summary.append(["Team", "Records"])
    summary.append(["North", 1])
    book.save(path)
    with pytest.raises(EventsError) as raised:
        timeliness(path, ruleset, AS_OF, by=["Team"])
    message = str(raised.value)
    assert "missing required column(s)" in message and "map other names" in message
    assert message.endswith("(read: sheet 'Summary'; the workbook also has 'Notes', 'Events')")


def test_a_csv_title_line_above_the_header_is_skipped_and_said(
    csv_file: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file("Recording timeliness export\n\nchild_id,rule,completed_at\nC1,minutes,\n")
    assert main(["report", str(RULESET), str(path), "--no-progress", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["rows_read"] == 1
    assert "the header is line 3; the 2 line(s) above it" in captured.err


@pytest.mark.parametrize(
    "titles",
    [
        # As Excel saves a sheet as CSV: every line padded with commas to one width.
        "Recording timeliness export,,,\nGenerated,12/01/2027 09:00,,\n,,,\n",
        "Recording timeliness export\nGenerated,12/01/2027 09:00\n\n",
        "Generated;12/01/2027\nTeam;All\n",
    ],
)
def test_csv_label_and_value_lines_above_the_header_are_skipped(
    csv_file: Callable[..., Path], capsys: pytest.CaptureFixture[str], titles: str
) -> None:
    body = "child_id,rule,completed_at,actual meeting\nC1,minutes,07/01/2027,14/12/2026\n"
    path = csv_file(titles + body + "C2,minutes,,14/12/2026\n")
    args = ["report", str(RULESET), str(path), "--as-of", "2027-01-08", "--format", "json"]
    assert main([*args, "--no-progress"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert summary["rows_read"] == 2 and summary["statuses"]["on_time"] == 1
    skipped = titles.count("\n")
    assert f"the header is line {skipped + 1}; the {skipped} line(s) above it" in captured.err


def test_a_csv_of_one_column_is_named_as_a_title_line_or_the_wrong_file(
    csv_file: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file("Recording timeliness export\nno records this month\n")
    assert main(["report", str(RULESET), str(path), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "(columns found: Recording timeliness export)" in err
    assert "is the first line a title? The header row of column names must come first" in err


def test_html_has_a_chase_section_per_team(csv_file: Callable[..., Path], tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    args = ["report", str(RULESET), str(csv_file(EVENTS)), "--as-of", "2027-01-12"]
    assert main([*args, "--by", "team", "--format", "html", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    chase = html[html.index("Chase list") : html.index("What the statuses mean")]
    assert "<h3>North: 1 to chase</h3>" in chase and "<h3>South: 2 to chase</h3>" in chase
    # Worst first: C5, 16 working days late, before C3, overdue by 3.
    assert chase.index(">C5<") < chase.index(">C3<")
    assert '<td class="name" title="assessment">Single assessment</td>' in chase


def test_a_fact_no_column_feeds_is_told_once_with_its_rules_and_a_close_column() -> None:
    from timescale_dsl import load_ruleset
    from timescale_dsl.reporting.measuring import measure

    root = Path(__file__).resolve().parents[2]
    lcs = load_ruleset(root / "rulesets" / "lcs-liquidlogic.timescales")
    frame = pd.read_csv(root / "examples" / "lcs-events.csv", dtype=str, keep_default_na=False)
    frame = frame.rename(columns={"actual meeting": "Actual Meting Date"})  # a slip of the keys
    measured = measure(frame, lcs, AS_OF)
    heads = measured.reject_heads
    rejected = set(measured.rule_of_reject[heads["column"] == "actual meeting"])
    readers = [rule.id for rule in lcs if rule.id in rejected]  # in the ruleset's order
    assert len(readers) > 5
    told = [w for w in measured.warnings if "'actual meeting'" in w]
    assert told == [
        f"no column for fact 'actual meeting' (rules {', '.join(readers[:5])} and "
        f"{len(readers) - 5} more); did you mean column 'Actual Meting Date'? "
        'Map it with --column "Actual Meting Date=actual meeting"'
    ]
    # Two alike columns: neither is guessed, and the advice names both.
    frame["Actual Meeting DateTime"] = frame["Actual Meting Date"]
    frame = frame.rename(columns={"Actual Meting Date": "Actual Meeting Date"})
    (told,) = [w for w in measure(frame, lcs, AS_OF).warnings if "'actual meeting'" in w]
    assert told.endswith(
        "; Actual Meeting Date and Actual Meeting DateTime are alike: map one with "
        '--column "Actual Meeting Date=actual meeting"'
    )


def test_a_header_row_repeated_mid_file_is_told_as_such(
    ruleset: Ruleset, csv_file: Callable[..., Path]
) -> None:
    lines = EVENTS.strip().splitlines()
    joined = "\n".join([*lines, lines[0].upper(), *lines[1:3]]) + "\n"  # two exports, joined
    report = timeliness(csv_file(joined), ruleset, AS_OF)
    assert list(report.rejects["row"]) == [9]
    assert list(report.rejects["reason"]) == [
        "the row repeats the header row (the column names): are two exports joined?"
    ]
    assert report.measured.rows_evaluated == 10
