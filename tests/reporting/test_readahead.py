"""The event log read while the ruleset loads: the same log, and errors in their order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from timescale_dsl.cli import main
from timescale_dsl.reporting.reading.events import EventsError, read_events
from timescale_dsl.reporting.reading.readahead import ReadAhead

from .conftest import RULESET

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "lcs-events.csv"
LCS = ROOT / "rulesets" / "lcs-liquidlogic.timescales"


def test_the_log_read_ahead_is_the_log_read_in_place() -> None:
    ahead = ReadAhead(EXAMPLE).result()
    here = read_events(EXAMPLE)
    assert ahead.frame.equals(here.frame)
    assert ahead.rows.tolist() == here.rows.tolist()
    assert (ahead.source, ahead.notes) == (here.source, here.notes)


def test_an_error_in_reading_is_raised_where_the_log_is_asked_for(tmp_path: Path) -> None:
    ahead = ReadAhead(tmp_path / "missing.csv")  # nothing raised yet
    with pytest.raises(EventsError, match=r"missing\.csv: no such file"):
        ahead.result()


def test_a_bad_ruleset_is_told_before_a_bad_event_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = tmp_path / "events.csv"
    events.write_bytes(b"%PDF-1.7 not a table")
    rules = tmp_path / "bad.timescales"
    rules.write_text("[x] Minutes within fifteen banana days of meeting\n", encoding="utf-8")
    assert main(["report", str(rules), str(events), "--as-of", "2027-01-12"]) != 0
    err = capsys.readouterr().err
    assert "bad.timescales" in err and "PDF" not in err
    # With a good ruleset, the same log's own error is told.
    assert main(["report", str(RULESET), str(events), "--as-of", "2027-01-12"]) != 0
    assert "looks like a PDF document" in capsys.readouterr().err


def test_the_read_begins_before_pandas_is_imported() -> None:
    # A fresh interpreter: this test process has long since imported pandas.
    code = (
        "import sys\n"
        "from timescale_dsl.reporting.reading.readahead import ReadAhead\n"
        "print('pandas' in sys.modules)\n"
        f"ahead = ReadAhead({str(EXAMPLE)!r})\n"
        "print(len(ahead.result().frame))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["False", str(len(read_events(EXAMPLE).frame))]


def test_a_csv_report_loads_no_parquet_reader_or_writer() -> None:
    # pyarrow.parquet loads Arrow's filesystems (and Python's ssl): 20 ms that a CSV's
    # read, begun while the report loads, would wait for.
    code = (
        "import sys\n"
        "from timescale_dsl.cli import main\n"
        f"status = main(['report', {str(LCS)!r}, {str(EXAMPLE)!r}, '--as-of', '2026-03-31',\n"
        "               '--format', 'json', '-o', '/dev/null', '--no-progress'])\n"
        "print(status)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pyarrow.parquet', 'pyarrow.fs'))))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["0", "[]"]
