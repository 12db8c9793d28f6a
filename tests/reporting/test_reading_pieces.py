"""A CSV read in pieces side by side is the CSV read whole: the same records, row
numbers, malformed lines and notes, whatever its quoting; where a cut cannot be
trusted, the whole file is read instead."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timescale_dsl.reporting.reading import events, pieces
from timescale_dsl.reporting.reading.csv_layout import CsvLayout
from timescale_dsl.reporting.reading.events import EventLog, read_events

HEADER = ["child_id", "rule", "completed_at", "note"]


def _read(path: Path, monkeypatch: pytest.MonkeyPatch, parts: int | None) -> EventLog:
    """``read_events``, in ``parts`` pieces (None: whole)."""
    real = pieces.read_in_pieces
    with monkeypatch.context() as patched:
        if parts is None:
            patched.setattr(events, "read_in_pieces", lambda *args, **kwargs: None)
        else:
            patched.setattr(
                events,
                "read_in_pieces",
                lambda path, layout, header, convert: real(path, layout, header, convert, parts),
            )
        return read_events(path)


def _write(tmp_path: Path, text: str, name: str = "events.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _csv(records: list[list[str]], line_end: str = "\n") -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=line_end).writerows([HEADER, *records])
    return out.getvalue()


# Mostly cells on one line (a piece whose last record spans lines is read whole).
cells = st.one_of(
    st.text(alphabet='ab ,"=1/-', max_size=8),
    st.text(alphabet='ab ,"=1/-', max_size=8),
    st.text(alphabet='ab ,"=1/-', max_size=8),
    st.text(alphabet='ab ,"\n\r=1/-', max_size=8),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    records=st.lists(st.lists(cells, min_size=4, max_size=4), min_size=1, max_size=30),
    line_end=st.sampled_from(["\n", "\r\n"]),
    parts=st.integers(2, 5),
)
def test_a_quoted_csv_in_pieces_reads_as_it_does_whole(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    records: list[list[str]],
    line_end: str,
    parts: int,
) -> None:
    path = _write(tmp_path, _csv(records, line_end))
    assert _outcome(path, monkeypatch, parts) == _outcome(path, monkeypatch, None)


# Lines as an export may write them by hand: stray quotes inside unquoted cells,
# quoted cells over several lines, blank lines, rows of the wrong width.
raw_cells = st.one_of(
    st.sampled_from(["5'10\"", '"two\nlines"', '"a ""b"""', '="0123"', "", "x", '"', '"x""']),
    st.text(alphabet="ab 1-", max_size=4),
)
raw_lines = st.one_of(
    st.lists(raw_cells, min_size=4, max_size=4).map(",".join),
    st.lists(raw_cells, min_size=1, max_size=6).map(",".join),
    st.just(""),
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(raw_lines, min_size=1, max_size=25), parts=st.integers(2, 5))
def test_a_hand_made_csv_in_pieces_reads_as_it_does_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[str], parts: int
) -> None:
    path = _write(tmp_path, "\n".join([",".join(HEADER), *lines]) + "\n")
    assert _outcome(path, monkeypatch, parts) == _outcome(path, monkeypatch, None)


@pytest.mark.parametrize("parts", [2, 3])
def test_a_quote_left_open_is_said_whether_the_read_meets_a_bad_line_or_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parts: int
) -> None:
    # Read whole, the lone quote swallows the next two lines into a row of the right
    # width; cut in pieces, a piece meets a line of one field and the file is read
    # again exactly. Both say that lines went into a cell.
    lines = ["5'10\",a,b,c", 'x,y,z,"a ""b"""', '"', ",,,", "5'10\",a,b,c"]
    path = _write(tmp_path, "\n".join([",".join(HEADER), *lines]) + "\n")
    whole = _outcome(path, monkeypatch, None)
    assert _outcome(path, monkeypatch, parts) == whole
    assert isinstance(whole, tuple)
    assert any('is a quote (") left open?' in note for note in whole[3])


def _outcome(path: Path, monkeypatch: pytest.MonkeyPatch, parts: int | None) -> object:
    """What reading tells: the records, numbers, malformed lines and notes, or the error."""
    try:
        log = _read(path, monkeypatch, parts)
    except events.EventsError as error:
        return str(error)
    return (
        log.frame.to_dict("list"),
        log.rows.tolist(),
        [(m.row, m.reason, m.text) for m in log.malformed],
        log.notes,
    )


def test_a_cut_inside_a_quoted_cell_is_not_trusted(tmp_path: Path) -> None:
    # A stray quote in an unquoted cell makes the count of quotes odd: the cut then
    # falls inside the quoted cell after it, which the pieces' check catches.
    lines = [",".join(HEADER), "C1,visit,2026-01-01,5'10\" tall"]
    lines += ["C2,visit,2026-01-02,x"] * 20
    lines += ['C3,visit,2026-01-03,"one', 'two"'] + ["C4,visit,2026-01-04,y"] * 20
    path = _write(tmp_path, "\n".join(lines) + "\n")
    layout = CsvLayout("utf-8-sig", ",", 0, tuple(HEADER))
    convert = events.pa_csv.ConvertOptions(
        column_types={name: events.pa.large_string() for name in HEADER}
    )
    found = [pieces.read_in_pieces(path, layout, HEADER, convert, n) for n in range(2, 8)]
    whole = read_events(path)
    for result in found:
        if result is not None:  # a trusted cut gives the whole read's records
            assert result[0].to_pandas().equals(whole.frame)
    assert any(result is None for result in found)


def test_a_large_file_is_read_in_pieces_where_there_are_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [[f"C{n:07d}", "visit", "2026-01-01", f"note {n}"] for n in range(20_000)]
    path = _write(tmp_path, _csv(records))
    calls: list[object] = []
    real = pieces.read_in_pieces

    def noted(*args: object, **kwargs: object) -> object:
        found = real(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(found is not None)
        return found

    monkeypatch.setattr(events, "read_in_pieces", noted)
    monkeypatch.setattr(pieces, "MIN_BYTES", 1 << 10)
    monkeypatch.setattr(pieces, "usable_cores", lambda: 2)
    log = read_events(path)
    assert calls == [True]
    assert log.frame["child_id"].tolist()[:2] == ["C0000000", "C0000001"]
    assert log.rows.tolist() == list(range(1, 20_001))
    monkeypatch.setattr(pieces, "usable_cores", lambda: 1)  # one core: read whole
    calls.clear()
    assert read_events(path).frame.equals(log.frame)
    assert calls == [False]
    assert np.array_equal(read_events(path).rows, log.rows)


@pytest.mark.parametrize("parts", [2, 3, 7])
def test_an_excel_export_with_a_title_line_a_bom_and_semicolons_reads_as_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parts: int
) -> None:
    lines = ["Recording timescales export;;;", ";;;", ";".join(HEADER)]
    for n in range(40):
        note = '"two\r\nlines"' if n == 17 else f'"a ""quoted"" note {n}"' if n % 5 == 0 else ""
        lines.append(f"C{n:03d};visit;{n % 28 + 1:02d}/01/2026 09:30;{note}")
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))
    whole = _outcome(path, monkeypatch, None)
    assert isinstance(whole, tuple) and len(whole[1]) == 40  # read, every record
    assert _outcome(path, monkeypatch, parts) == whole
