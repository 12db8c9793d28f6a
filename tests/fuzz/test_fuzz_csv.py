"""Fuzzing the CSV reader: any bytes in a file give an event log or the reader's own error.

Exports arrive in every encoding, separator and state of repair; whatever the
bytes, ``read_events`` returns a log whose rows are numbered 1, 2, ... (with
malformed lines beside them) or raises an ``EventsError`` naming the file,
never anything else. ``TIMESCALE_FUZZ_EXAMPLES`` sets a longer run.
"""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timescale_dsl import load_ruleset
from timescale_dsl.errors import TimescaleError
from timescale_dsl.reporting.api import timeliness
from timescale_dsl.reporting.reading.events import EventsError, read_events

from .budget import fuzz_settings

_PIECES = st.sampled_from(
    ["child_id", "rule", "completed_at", "team", "Zoë", "£5", "=\"0012\"", '"', '""', ",", ";",
     "\t", "|", "\n", "\r\n", "\r", " ", "", "2026-01-02", "31/12/2026 2:30 PM", "Export",
     "minutes", "actual meeting", "C1", "Minutes", "child_id,rule,completed_at,actual meeting\n",
     "\x00", "\x81", "\xa0", "\u2028", "=SUM(A1)", "é,è"]
)  # fmt: skip
RULESET_LOADED = load_ruleset(Path(__file__).parents[1] / "reporting/fixtures/children.timescales")
_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-be", "latin-1"])


_CELLS = st.sampled_from(
    ["C1", "C2", "minutes", "Minutes", "MINUTES ", "nonsense", "", " ", "2026-01-05",
     "05/01/2026", "5-1-2026 2:30 pm", "2026-01-05T10:00", "N/A", '="2026-01-05"', "true"]
)  # fmt: skip


@st.composite
def shaped_text(draw: st.DrawFn) -> str:
    """An export in the shape of one: title lines, a header, records, in one separator."""
    mark = draw(st.sampled_from([",", ";", "\t", "|"]))
    lines = draw(st.lists(st.sampled_from(["Export", "", "Run on 05/01/2026"]), max_size=3))
    lines.append(mark.join(["child_id", "rule", "completed_at", "actual meeting"]))
    for _ in range(draw(st.integers(0, 8))):
        cells = draw(st.lists(_CELLS, min_size=3, max_size=5))
        lines.append(mark.join(f'"{c}"' if mark in c or '"' in c else c for c in cells))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@st.composite
def exports(draw: st.DrawFn) -> bytes:
    pieces = "".join(draw(st.lists(_PIECES, max_size=60)))
    text = draw(st.one_of(st.just(pieces), shaped_text()))
    encoding = draw(_ENCODINGS)
    data = text.encode(encoding, errors="replace")
    if encoding == "utf-16-be" and draw(st.booleans()):
        data = codecs.BOM_UTF16_BE + data
    if draw(st.booleans()):  # bytes spoiled anywhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=4)) + data[at:]
    return data


@fuzz_settings
@given(data=exports())
def test_any_bytes_give_a_log_or_the_readers_own_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "events.csv"
    path.write_bytes(data)
    try:
        log = read_events(path)
    except EventsError as error:
        assert str(path) in str(error) and "\n" not in str(error).strip()
        return
    assert log.rows.tolist() == sorted(set(log.rows.tolist()))
    numbers = sorted([*log.rows.tolist(), *(m.row for m in log.malformed)])
    assert numbers == list(range(1, len(numbers) + 1))
    assert log.rows_read == len(numbers)
    assert all(str(name).strip() == str(name) and name for name in log.frame.columns)
    try:  # and measuring it counts every row it read
        summary = timeliness(path, RULESET_LOADED, dt.date(2026, 3, 31)).summary
    except TimescaleError:
        return  # a whole-log refusal: no rule, child or completion column
    assert summary.rows_evaluated + summary.rows_rejected == summary.rows_read == log.rows_read
