"""Outputs safe to open in a spreadsheet, and never written over an input."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from timescale_dsl import Ruleset
from timescale_dsl.cli import main
from timescale_dsl.errors import NonexistentTimeError, TimescaleError
from timescale_dsl.facts import parse_when
from timescale_dsl.paths import OutputPathError
from timescale_dsl.reporting.api import report_files, timeliness
from timescale_dsl.reporting.reading.events import EventsError, read_events
from timescale_dsl.reporting.rendering.safe_csv import neutralise

from .conftest import RULESET

PAYLOADS = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
HARMLESS = ["-5", "+3.25", "1e3", "-.5", "Team A", "", "a=b"]


@pytest.mark.parametrize("value", PAYLOADS)
def test_formula_cells_get_a_leading_quote(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", HARMLESS)
def test_plain_numbers_and_text_stay_as_written(value: str) -> None:
    assert neutralise(value) == value


def _events(csv_file: Callable[..., Path]) -> Path:
    rows = ["child_id,rule,completed_at,actual meeting,team"]
    for number, payload in enumerate(PAYLOADS):
        cell = '"' + payload.replace('"', '""') + '"'
        rows.append(f"C{number},minutes,07/01/2027,14/12/2026,{cell}")
    rows.append('C9,minutes,07/01/2027,14/12/2026,"North\n=1+1"')
    rows.append("=C10,minutes,not a date,14/12/2026,-7")  # rejected: its cells go to --rejects
    return csv_file("\n".join(rows))


def _cells(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_csv_output_neutralises_formulas_and_parquet_keeps_them(
    csv_file: Callable[..., Path], tmp_path: Path
) -> None:
    events = _events(csv_file)
    rows, rejects, summary = tmp_path / "rows.csv", tmp_path / "rejects.csv", tmp_path / "s.csv"
    status = main(
        [
            "report", str(RULESET), str(events), "--as-of", "2027-01-08", "--by", "team",
            "--format", "csv", "-o", str(summary), "--rows-out", str(rows),
            "--rejects", str(rejects), "--no-progress",
        ]
    )  # fmt: skip
    assert status == 0
    teams = [row["team"] for row in _cells(rows)]
    assert teams == ["'" + p for p in PAYLOADS] + ["North\n=1+1"]
    [rejected] = _cells(rejects)
    assert rejected["child_id"] == "'=C10"
    assert rejected["team"] == "-7"  # a plain number
    summary_teams = {row["team"] for row in _cells(summary)}
    assert {"'" + p for p in PAYLOADS[:4]} <= summary_teams
    assert all(t.startswith("'") or not t.startswith(("=", "+", "-", "@")) for t in summary_teams)
    for text in (rows.read_text("utf-8"), summary.read_text("utf-8")):
        assert '"North\n=1+1"' in text  # quoted: one cell that starts with "North"
    raw = tmp_path / "rows.parquet"
    main(["report", str(RULESET), str(events), "--as-of", "2027-01-08", "--rows-out", str(raw),
          "--no-progress", "--format", "json"])  # fmt: skip
    assert list(pq.read_table(raw).column("team").to_pylist()) == [*PAYLOADS, "North\n=1+1"]


def test_json_summary_keeps_raw_values(
    csv_file: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    events = _events(csv_file)
    main(["report", str(RULESET), str(events), "--as-of", "2027-01-08", "--by", "team",
          "--format", "json", "--no-progress"])  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert {g["team"] for g in data["groups"]} >= {*PAYLOADS[:4], "=1+1"}


# -- outputs never overwrite inputs ------------------------------------------------------
@pytest.fixture
def inputs(csv_file: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    events = csv_file("child_id,rule,completed_at,actual meeting\nC1,minutes,,14/12/2026\n")
    rules = tmp_path / "rules.timescales"
    rules.write_bytes(RULESET.read_bytes())
    return rules, events


def _unchanged(paths: tuple[Path, ...]) -> Callable[[], bool]:
    before = [p.read_bytes() for p in paths]
    return lambda: [p.read_bytes() for p in paths] == before


@pytest.mark.parametrize("option", ["-o", "--rows-out", "--rejects"])
@pytest.mark.parametrize("target", ["events", "rules", "events-link", "rules-link", "events-alias"])
def test_an_output_onto_an_input_is_refused_before_reading(
    inputs: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    target: str,
) -> None:
    rules, events = inputs
    path = {"events": events, "rules": rules}.get(target)
    if target.endswith("-link"):
        path = tmp_path / "link"
        path.symlink_to(events if target.startswith("events") else rules)
    if target == "events-alias":
        (tmp_path / "sub").mkdir()
        path = tmp_path / "sub" / ".." / events.name
    assert path is not None
    unchanged = _unchanged((rules, events))
    assert main(["report", str(rules), str(events), option, str(path), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "an output never overwrites an input" in err
    assert len(err.strip().splitlines()) == 1
    assert unchanged()


def test_two_outputs_onto_one_file_are_refused(
    inputs: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules, events = inputs
    out = tmp_path / "out.csv"
    args = ["report", str(rules), str(events), "--rows-out", str(out), "--rejects"]
    assert main([*args, str(tmp_path / "." / "out.csv"), "--no-progress"]) == 2
    assert "give each output its own file" in capsys.readouterr().err
    assert not out.exists()


def test_output_folders_that_cannot_take_the_file_are_one_line_errors(
    inputs: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules, events = inputs
    assert main(["report", str(rules), str(events), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    missing = tmp_path / "no" / "such" / "summary.txt"
    assert main(["report", str(rules), str(events), "--rows-out", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("option", "name", "advice"),
    [
        ("--rows-out", "rows.xlsx", "(Excel opens a .csv)"),
        ("--chase-out", "chase.XLS", "(Excel opens a .csv)"),
        ("--rejects", "rejects.json", "name the file .csv or .parquet"),
    ],
)
def test_a_per_row_output_named_as_another_kind_of_file_is_refused(
    inputs: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    name: str,
    advice: str,
) -> None:
    # CSV text in a file named .xlsx is a file Excel refuses to open: said before reading.
    rules, events = inputs
    out = tmp_path / name
    assert main(["report", str(rules), str(events), option, str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err
    suffix = Path(name).suffix.lower()
    assert f"rows are written as CSV or Parquet, not as '{suffix}'" in err and advice in err
    assert "Traceback" not in err and not out.exists()


@pytest.mark.parametrize("name", ["rows.CSV", "rows.txt", "rows.pq", "rows"])
def test_csv_and_parquet_names_are_written(
    inputs: tuple[Path, Path], tmp_path: Path, name: str
) -> None:
    rules, events = inputs
    out = tmp_path / name
    assert main(["report", str(rules), str(events), "--rows-out", str(out), "--no-progress"]) == 0
    if name.endswith(".pq"):
        assert pq.read_table(out).num_rows > 0
    else:
        assert _cells(out)[0]["child_id"]


def test_the_api_refuses_an_xlsx_rows_out_too(
    inputs: tuple[Path, Path], ruleset: Ruleset, tmp_path: Path
) -> None:
    _rules, events = inputs
    with pytest.raises(OutputPathError, match=r"not as '\.xlsx'"):
        report_files(
            ruleset, events, dt.date(2027, 1, 8), rows_out=tmp_path / "r.xlsx", progress=False
        )


def test_sample_data_never_overwrites_its_ruleset(
    inputs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rules, _ = inputs
    unchanged = _unchanged((rules,))
    assert main(["sample-data", str(rules), "-o", str(rules)]) == 2
    assert "an output never overwrites an input" in capsys.readouterr().err
    assert unchanged()


def test_the_api_refuses_too(inputs: tuple[Path, Path], ruleset: Ruleset) -> None:
    _rules, events = inputs
    with pytest.raises(OutputPathError):
        report_files(ruleset, events, dt.date(2027, 1, 8), rows_out=events, progress=False)
    with pytest.raises(OutputPathError):
        report_files(ruleset, events, dt.date(2027, 1, 8), output=RULESET, progress=False)


# -- readers ---------------------------------------------------------------------------------
def test_cr_only_line_endings_are_read_as_lines(tmp_path: Path, ruleset: Ruleset) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(
        b"child_id,rule,completed_at,actual meeting\rC1,minutes,07/01/2027,14/12/2026\r"
        b"C2,minutes,,14/12/2026\r"
    )
    log = read_events(path)
    assert log.frame["child_id"].tolist() == ["C1", "C2"]
    assert log.rows.tolist() == [1, 2]


def test_cr_only_file_with_a_malformed_line_numbers_it(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b"child_id,rule,completed_at\rC1,minutes,\rC2\rC3,minutes,\r")
    log = read_events(path)
    assert log.frame["child_id"].tolist() == ["C1", "C3"]
    assert [m.row for m in log.malformed] == [2]


def test_a_header_only_file_without_a_final_newline_has_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"child_id,rule,completed_at")
    log = read_events(path)
    assert list(log.frame.columns) == ["child_id", "rule", "completed_at"]
    assert len(log.frame) == 0 and log.rows_read == 0


def test_an_unterminated_quote_says_which_lines_it_swallowed(
    csv_file: Callable[..., Path], ruleset: Ruleset
) -> None:
    path = csv_file(
        "child_id,rule,completed_at,actual meeting\nC0,minutes,,14/12/2026\n"
        'C1,minutes,"07/01/2027,14/12/2026\nC2,minutes,,14/12/2026\nC3,minutes,,14/12/2026\n'
    )
    report = timeliness(path, ruleset, dt.date(2027, 1, 8))
    assert report.summary.rows_read == 2
    [warning] = report.summary.warnings
    assert "3 lines of the file (3-5) were read as one rejected row" in warning
    [reason] = report.rejects["reason"].tolist()
    assert "lines 3-5 of the file" in reason


def test_an_unterminated_quote_that_swallows_whole_rows_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(
        'child_id,rule,completed_at\nC0,minutes,\nC1,minutes,"07/01/2027\n'
        + "C2,minutes,\n" * 20_000,
        encoding="utf-8",
    )
    log = read_events(path)
    assert log.rows_read == 2
    [note] = log.notes
    assert note.startswith("20000 line(s) of the file were read inside the cells of 1 row(s) (2)")


@pytest.mark.parametrize("separator", [";", "\t", "|"])
def test_swallowed_rows_are_counted_whatever_the_separator(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "big.csv"
    lines = ["child_id,rule,completed_at", "C0,minutes,", 'C1,minutes,"07/01/2027']
    lines += ["C2,minutes,"] * 20_000
    path.write_text("\n".join(line.replace(",", separator) for line in lines) + "\n")
    log = read_events(path)
    assert log.rows_read == 2
    assert any(n.startswith("20000 line(s) of the file were read inside") for n in log.notes)


def test_line_breaks_in_a_quoted_note_are_not_a_warning(csv_file: Callable[..., Path]) -> None:
    path = csv_file('child_id,rule,note\nC1,minutes,"first line\nsecond, with a comma"\n')
    log = read_events(path)
    assert log.frame["note"].tolist() == ["first line\nsecond, with a comma"]
    assert log.notes == ()


def test_a_malformed_line_in_a_large_file_with_an_open_quote_is_refused_clearly(
    tmp_path: Path,
) -> None:
    path = tmp_path / "big.csv"
    path.write_text(
        'child_id,rule,completed_at\nC1,"minutes\n' + "C2,minutes,\n" * 20_000,
        encoding="utf-8",
    )
    with pytest.raises(EventsError, match=r"from line 2: .*quote left open"):
        read_events(path)


def test_nested_parquet_columns_are_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nested.parquet"
    table = pa.table(
        {
            "child_id": ["C1"],
            "rule": ["minutes"],
            "completed_at": ["07/01/2027"],
            "tags": pa.array([[1, 2]]),
            "where": pa.array([{"team": "North"}]),
        }
    )
    pq.write_table(table, path)
    with pytest.raises(EventsError, match=r"'tags' \(list<.*'where' \(struct<"):
        read_events(path)
    assert main(["report", str(RULESET), str(path), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "drop or flatten" in err


# -- scalar and batch agree ------------------------------------------------------------------
def test_a_time_in_the_spring_gap_is_refused_by_both_engines(
    csv_file: Callable[..., Path], ruleset: Ruleset
) -> None:
    rule = ruleset.rule("rhi")  # within 72 hours of return
    with pytest.raises(NonexistentTimeError) as raised:
        rule.deadline({"return": dt.datetime(2026, 3, 29, 1, 30)})
    assert "01:30 on Sun 29 Mar 2026 did not happen in London" in str(raised.value)
    path = csv_file(
        "child_id,rule,completed_at,return\n"
        "C1,rhi,,29/03/2026 01:30\n"
        "C2,rhi,,29/03/2026 00:59\n"
        "C3,rhi,,29/03/2026 02:00\n"
        "C4,rhi,,25/10/2026 01:30\n"
    )
    report = timeliness(path, ruleset, dt.date(2026, 4, 8))
    assert report.rejects["reason"].tolist() == [str(raised.value)]
    for child, due in zip(report.rows["child_id"], report.rows["due"], strict=True):
        moment = {"C2": (3, 29, 0, 59), "C3": (3, 29, 2, 0), "C4": (10, 25, 1, 30)}[child]
        scalar = rule.deadline({"return": dt.datetime(2026, *moment)}).due
        assert due == scalar.isoformat(timespec="minutes")  # type: ignore[union-attr]


def test_a_recurring_rule_near_the_calendars_end_agrees_in_due_and_report(
    csv_file: Callable[..., Path], ruleset: Ruleset, capsys: pytest.CaptureFixture[str]
) -> None:
    rule = ruleset.rule("visit")  # within 10 working days of ICPC, then every 10 working days
    path = csv_file("child_id,rule,completed_at,ICPC\nC1,visit,,10/12/2030\n")
    report = timeliness(path, ruleset, dt.date(2030, 12, 31))
    [batch_due] = report.rows["due"].tolist()
    assert main(["due", str(RULESET), "--rule", "visit", "--fact", "ICPC=2030-12-10"]) == 0
    out = capsys.readouterr().out
    scalar = rule.deadline({"ICPC": dt.date(2030, 12, 10)})
    assert scalar.due is not None and batch_due == scalar.due.isoformat()
    assert f"due {batch_due}" in out


@pytest.mark.parametrize(
    ("rule_id", "column", "value"),
    [
        ("pathway", "date of birth", "9999-01-01"),
        ("review", "start of care", "0001-01-01"),
        ("rhi", "return", "9999-12-31T12:00"),
    ],
)
def test_dates_beyond_year_9999_are_refused_alike_by_both_engines(
    csv_file: Callable[..., Path], ruleset: Ruleset, rule_id: str, column: str, value: str
) -> None:
    path = csv_file(f"child_id,rule,completed_at,{column}\nC1,{rule_id},,{value}\n")
    report = timeliness(path, ruleset, dt.date(2026, 1, 1))
    [reason] = report.rejects["reason"].tolist()
    try:
        ruleset.rule(rule_id).deadline({column: parse_when(value)})
    except TimescaleError as error:
        assert reason == str(error)
    else:
        pytest.fail("the engine gave a deadline the report rejected")


def test_a_long_cell_is_cut_short_where_a_reason_quotes_it(
    tmp_path: Path, ruleset: Ruleset
) -> None:
    path = tmp_path / "long.csv"
    date, rule = "9" * 20_000, "x" * 5_000
    path.write_text(
        "child_id,rule,completed_at,actual meeting\n"
        f"C1,minutes,,{date}\nC2,{rule},,2026-01-05\nC3,minutes,,2026-O1-05\n"
    )
    rejects = timeliness(path, ruleset, dt.date(2027, 1, 12)).rejects
    reasons = dict(zip(rejects["row"], rejects["reason"], strict=True))
    assert f"'{date[:60]}… (20,000 characters)' is not a date: write it as" in reasons[1]
    assert f"'{rule[:60]}… (5,000 characters)'" in reasons[2]
    assert max(len(reason) for reason in reasons.values()) < 300
    assert "'2026-O1-05' is not a date" in reasons[3]  # a short value is quoted whole
    assert rejects["actual meeting"].iloc[0] == date  # the cell itself, beside it, whole
