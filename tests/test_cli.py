"""The `timescale` command: exit codes, output shapes, error messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from timescale_dsl.cli import main

GOOD = """\
title "Sample"
source "Made up for the tests"
calendar england-and-wales
fact "actual meeting" date-time "When the meeting took place"
fact "scheduled meeting" date "When the meeting is planned"
fact "referral" date "When the referral arrived"
fact "section 47" boolean "Section 47 enquiries started"

section "Child Protection"
process "Initial conference"

[icpc-minutes] Minutes within 15 working days after actual meeting
    recorded in "LCS" form "ICPC Chair's Report"
    recorded by "Conference Chair"
    source "15 working days after actual meeting date"
[icpc-report] Pre-meeting report 72 hours before scheduled meeting
[visit] Child visit within 7 days of referral if not section 47; within 1 day of referral if section 47
"""


@pytest.fixture
def ruleset(tmp_path: Path) -> Path:
    path = tmp_path / "sample.timescales"
    path.write_text(GOOD, encoding="utf-8")
    return path


def run(args: list[str], capsys) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_check_clean_file_exits_0(ruleset, capsys):
    status, out, _ = run(["check", str(ruleset)], capsys)
    assert status == 0
    assert out.strip() == "checked 1 file: 0 error(s), 0 warning(s)"


def test_check_folder_finds_rule_files(ruleset, tmp_path, capsys):
    (tmp_path / "bad.timescales").write_text('title "b"\nA within 0 days of x\n')
    status, out, _ = run(["check", str(tmp_path)], capsys)
    assert status == 1
    assert "bad.timescales:2:" in out and "[TS103]" in out
    assert "checked 2 files: 1 error(s)" in out


def test_check_json(tmp_path, capsys):
    bad = tmp_path / "bad.timescales"
    bad.write_text('title "b"\nA within 0 days of x\n')
    status, out, _ = run(["check", "--json", str(bad)], capsys)
    data = json.loads(out)
    assert status == 1
    assert data["errors"] == 1
    assert data["diagnostics"][0]["code"] == "TS103"
    assert data["diagnostics"][0]["line"] == 2


def test_check_truncates_long_lists_with_a_count(tmp_path, capsys):
    bad = tmp_path / "bad.timescales"
    bad.write_text('title "b"\n' + "".join(f"[r{i}] A within 0 days of x\n" for i in range(8)))
    status, out, _ = run(["check", "--max-diagnostics", "3", str(bad)], capsys)
    assert status == 1
    assert "... and 5 more" in out
    assert out.count("[TS103]") == 3


def test_check_missing_path_is_a_usage_error(tmp_path, capsys):
    status, _, err = run(["check", str(tmp_path / "nope.timescales")], capsys)
    assert status == 2
    assert "no such file or folder" in err


def test_usage_error_from_argparse_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["due", "--calendar", "mars"])
    assert caught.value.code == 2


def test_list_json_has_the_promised_fields(ruleset, capsys):
    status, out, _ = run(["list", str(ruleset), "--json"], capsys)
    assert status == 0
    rules = json.loads(out)
    first = rules[0]
    assert first["id"] == "icpc-minutes"
    assert first["section"] == "Child Protection"
    assert first["task"] == "Minutes"
    assert first["timescale"] == "within 15 working days of actual meeting"
    assert first["facts"] == [
        {
            "name": "actual meeting",
            "type": "date-time",
            "description": "When the meeting took place",
        }
    ]
    assert first["recorded_in"] == "LCS" and first["form"] == "ICPC Chair's Report"
    visit = rules[2]
    assert [f["name"] for f in visit["facts"]] == ["section 47", "referral"]
    assert [f["type"] for f in visit["facts"]] == ["boolean", "date"]


def test_list_text_shows_record_and_who(ruleset, capsys):
    status, out, _ = run(["list", str(ruleset)], capsys)
    assert status == 0
    assert "[icpc-minutes] Minutes" in out
    assert "record:    LCS / ICPC Chair's Report" in out
    assert "by:        Conference Chair" in out


def test_due_rule_json(ruleset, capsys):
    status, out, _ = run(
        [
            "due",
            str(ruleset),
            "--rule",
            "icpc-minutes",
            "--fact",
            "actual meeting=2026-12-18T10:00",
            "--json",
        ],
        capsys,
    )
    assert status == 0
    data = json.loads(out)
    assert data["due"] == "2027-01-13"
    assert data["task"] == "Minutes"
    assert data["earliest"] is None and data["target"] is None


def test_due_with_explain_lists_skipped_days(ruleset, capsys):
    status, out, _ = run(
        [
            "due",
            str(ruleset),
            "--rule",
            "icpc-minutes",
            "--fact",
            "actual meeting=2026-12-18",
            "--explain",
        ],
        capsys,
    )
    assert status == 0
    assert "Minutes: due 2027-01-13" in out
    assert "Fri 25 Dec 2026 (Christmas Day)" in out


def test_due_missing_facts_are_named(ruleset, capsys):
    status, _, err = run(["due", str(ruleset), "--rule", "visit"], capsys)
    assert status == 1
    assert "missing fact(s) 'section 47'" in err


def test_due_boolean_fact_from_text(ruleset, capsys):
    status, out, _ = run(
        [
            "due",
            str(ruleset),
            "--rule",
            "visit",
            "--fact",
            "section 47=true",
            "--fact",
            "referral=24/12/2026",
            "--json",
        ],
        capsys,
    )
    assert status == 0
    assert json.loads(out)["due"] == "2026-12-25"


def test_due_unknown_rule_suggests(ruleset, capsys):
    status, _, err = run(["due", str(ruleset), "--rule", "icpc-minute"], capsys)
    assert status == 1
    assert "did you mean 'icpc-minutes'?" in err


def test_due_finds_a_rule_id_written_in_other_case(ruleset, capsys):
    args = ["--fact", "actual meeting=2026-12-01", "--json"]
    status, out, _ = run(["due", str(ruleset), "--rule", "ICPC-Minutes", *args], capsys)
    assert status == 0
    status, expected, _ = run(["due", str(ruleset), "--rule", "icpc-minutes", *args], capsys)
    assert status == 0 and json.loads(out) == json.loads(expected)
    # Misspelt as well: the suggestion is the rule it is a slip from, in the rule's case.
    status, _, err = run(["due", str(ruleset), "--rule", "ICPC-MINUTE", *args], capsys)
    assert status == 1
    assert "did you mean 'icpc-minutes'?" in err


def test_due_bad_date_is_reported(ruleset, capsys):
    status, _, err = run(
        ["due", str(ruleset), "--rule", "icpc-minutes", "--fact", "actual meeting=2026-13-40"],
        capsys,
    )
    assert status == 1
    assert "2026-13-40" in err


def test_due_needs_rule_or_statement(capsys):
    status, _, err = run(["due", "--fact", "x=2026-01-01"], capsys)
    assert status == 2
    assert "exactly one of --rule ID or --statement TEXT" in err


def test_due_statement_syntax_error_is_rendered(capsys):
    status, _, err = run(["due", "--statement", "Minutes within 15 workng days of x"], capsys)
    assert status == 1
    assert "<statement>:1:19: error: unexpected 'workng'; did you mean 'working'?" in err


def test_due_other_calendar(capsys):
    # Easter Monday 6 Apr 2026 is a holiday in England but not in Scotland
    args = ["due", "--statement", "A within 1 working day of x", "--fact", "x=2026-04-03"]
    assert main([*args, "--json"]) == 0
    england = json.loads(capsys.readouterr().out)["due"]
    assert main([*args, "--json", "--calendar", "scotland"]) == 0
    scotland = json.loads(capsys.readouterr().out)["due"]
    assert (england, scotland) == ("2026-04-07", "2026-04-06")


def test_console_script_runs_as_a_module():
    result = subprocess.run(
        [sys.executable, "-m", "timescale_dsl.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("timescale ")


def test_the_console_script_exits_with_mains_status_leaving_its_objects_to_the_system(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    import timescale_dsl.cli as cli

    monkeypatch.setattr(cli, "main", lambda: 3)
    assert gc.get_freeze_count() == 0
    try:
        with pytest.raises(SystemExit) as stopped:
            cli.run()
        assert stopped.value.code == 3
        # Frozen: the cycle collector's sweep at exit passes them by.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


MESSY = """\
# keep this comment
title "t"
[a] Minutes: within 15 Working Days AFTER the meeting   # and this one
    note "kept"
QA form 11-15 working days after meeting
"""

TIDY = """\
# keep this comment
title "t"
[a] Minutes within 15 working days of meeting   # and this one
    note "kept"
QA form between 11 and 15 working days after meeting
"""


CANONICAL = TIDY

LAYOUT = """\
[a]   Minutes:within  10 Working Days AFTER the meeting ,or the next working day if that is not a working day   \n\
Visit  within 5 days of referral ( target 2 days )  if  urgent ;  otherwise  within 10 days of referral\n\
"Kept   as  is"   no fixed timescale   \n\
"""

LAYOUT_TIDY = """\
[a]   Minutes: within 10 Working Days AFTER the meeting, or the next working day if that is not a working day
Visit within 5 days of referral (target 2 days) if urgent; otherwise within 10 days of referral
"Kept   as  is" no fixed timescale
"""


def test_fmt_prints_canonical_statements_keeping_everything_else(tmp_path, capsys):
    path = tmp_path / "messy.timescales"
    path.write_text(MESSY, encoding="utf-8")
    status, out, _ = run(["fmt", "--canonical", str(path)], capsys)
    assert status == 0
    assert out == CANONICAL


def test_fmt_keeps_the_authors_wording_and_tidies_spacing(tmp_path, capsys):
    path = tmp_path / "messy.timescales"
    path.write_text(MESSY, encoding="utf-8")
    status, out, _ = run(["fmt", str(path)], capsys)
    assert (status, out) == (0, MESSY)


def test_fmt_tidies_layout_only(tmp_path, capsys):
    path = tmp_path / "layout.timescales"
    path.write_text(LAYOUT, encoding="utf-8")
    status, out, _ = run(["fmt", str(path)], capsys)
    assert (status, out) == (0, LAYOUT_TIDY)


def test_fmt_check_passes_on_the_bundled_rulesets(capsys):
    rulesets = Path(__file__).resolve().parents[1] / "rulesets"
    status, out, _ = run(["fmt", "--check", str(rulesets)], capsys)
    assert (status, out) == (0, "")


TRAILING_REMARKS = """\
title "t"
[a] Home visit within two weeks of referral, or sooner if risk identified
[b] Minutes: to be sent within 5 days of meeting (or sooner).  # why
"""


def test_fmt_canonical_writes_a_trailing_remark_once_and_settles(tmp_path, capsys):
    path = tmp_path / "remarks.timescales"
    path.write_text(TRAILING_REMARKS, encoding="utf-8")
    status, out, _ = run(["fmt", "--canonical", str(path)], capsys)
    assert status == 0
    assert out == (
        'title "t"\n'
        "[a] Home visit within 2 weeks of referral (or sooner if risk identified)\n"
        "[b] Minutes within 5 days of meeting (to be sent) (or sooner).  # why\n"
    )
    path.write_text(out, encoding="utf-8")
    assert run(["fmt", "--canonical", str(path)], capsys)[1] == out
    # Without --canonical the wording, remarks and all, is the author's.
    path.write_text(TRAILING_REMARKS, encoding="utf-8")
    assert run(["fmt", str(path)], capsys)[1] == TRAILING_REMARKS


@pytest.mark.parametrize(
    ("bom", "ending"), [(b"", b"\n"), (b"", b"\r\n"), (b"\xef\xbb\xbf", b"\r\n")]
)
def test_fmt_write_keeps_the_files_line_ends_and_byte_order_mark(tmp_path, capsys, bom, ending):
    path = tmp_path / "windows.timescales"
    lines = [
        b'title "t"',
        b'fact "meeting" date',
        b"",
        b"[a] Minutes  within 15 working days of meeting  ",
    ]
    path.write_bytes(bom + ending.join(lines) + ending)
    status, _, _ = run(["fmt", "--write", str(path)], capsys)
    assert status == 0
    tidied = [*lines[:3], b"[a] Minutes within 15 working days of meeting"]
    assert path.read_bytes() == bom + ending.join(tidied) + ending
    # Tidy now: line ends alone are no change to make.
    assert run(["fmt", "--check", str(path)], capsys)[0] == 0


def test_fmt_check_and_write(tmp_path, capsys):
    path = tmp_path / "messy.timescales"
    path.write_text(MESSY, encoding="utf-8")
    status, out, _ = run(["fmt", "--canonical", "--check", str(path)], capsys)
    assert (status, out.strip()) == (1, f"{path}: would be reformatted")
    status, out, _ = run(["fmt", "--canonical", "--write", str(path)], capsys)
    assert status == 0 and path.read_text(encoding="utf-8") == CANONICAL
    status, _, _ = run(["fmt", "--canonical", "--check", str(path)], capsys)
    assert status == 0
