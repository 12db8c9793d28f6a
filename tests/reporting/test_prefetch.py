"""Columns read ahead on worker threads: read once, the same result, errors where asked for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from unittest import mock

import pandas as pd
import pytest

from timescale_dsl.binding import load_ruleset
from timescale_dsl.reporting import measuring
from timescale_dsl.reporting.reading import prefetch
from timescale_dsl.reporting.reading.cells import ReadMoments, read_moments
from timescale_dsl.reporting.reading.prefetch import ColumnReader

ROOT = Path(__file__).resolve().parents[2]


def test_a_column_asked_for_many_times_is_read_once_and_as_read_in_place() -> None:
    cells = pd.Series(["2026-03-31", "", "31/03/2026 14:30", "N/A"], dtype="str")
    with mock.patch.object(prefetch, "read_moments", wraps=read_moments) as reading:
        reader = ColumnReader()
        reader.ahead("meeting", "date", cells)
        found = [reader.get("meeting", "date", cells) for _ in range(3)]
        reader.close()
    assert reading.call_count == 1
    expected = read_moments(cells)
    for read in found:
        assert isinstance(read, ReadMoments)
        assert read.moments.to_python() == expected.moments.to_python()
        assert read.bad.tolist() == expected.bad.tolist() == [False, False, False, True]


def test_an_error_in_reading_ahead_is_raised_where_the_column_is_asked_for() -> None:
    reader = ColumnReader()
    with mock.patch.object(prefetch, "read_moments", side_effect=ValueError("cannot read")):
        reader.ahead("meeting", "date", pd.Series(["x"], dtype="str"))  # nothing raised here
        with pytest.raises(ValueError, match="cannot read"):
            reader.get("meeting", "date", pd.Series(["x"], dtype="str"))
    reader.close()


def test_a_report_reads_each_date_column_once_however_many_rules_read_it() -> None:
    ruleset = load_ruleset(ROOT / "rulesets" / "lcs-liquidlogic.timescales")
    with mock.patch.object(prefetch, "read_moments", wraps=read_moments) as reading:
        found = measuring.measure(
            ROOT / "examples" / "lcs-events.csv", ruleset, dt.date(2026, 3, 31)
        )
    names = [call.args[0].name for call in reading.call_args_list]
    assert len(names) == len(set(names))
    assert "completed_at" in names and "actual meeting" in names
    assert found.rows_evaluated + found.rows_rejected == found.rows_read
