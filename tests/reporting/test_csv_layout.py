"""CSV exports as systems and spreadsheets write them: encodings, separators, title lines,
unnamed columns and Excel's ="..." cells all read as the same table, and are said."""

from __future__ import annotations

import csv
import io
import string
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timescale_dsl.reporting.reading.csv_layout import SNIFF_BYTES, csv_layout
from timescale_dsl.reporting.reading.events import EventsError, read_events

NAMES = ["child_id", "rule", "completed_at", "team"]
# Cells as exports hold them: letters Windows-1252 can write, digits, spaces and marks,
# every separator and quotes (the writer quotes what it must).
_CELL = st.text(
    alphabet=string.ascii_letters + string.digits + " -/:.,;|\t\"'éèöÆ£", max_size=12
).map(str.strip)
_TITLE = st.text(alphabet=string.ascii_letters + " ,;:/0123456789", min_size=1, max_size=30)


def _write(
    rows: list[list[str]],
    separator: str,
    encoding: str,
    titles: list[str],
    unnamed: int,
    line_end: str = "\n",
) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=separator, lineterminator=line_end)
    for title in titles:
        writer.writerow([title] if title.strip() else [])
    writer.writerow([*NAMES, *([""] * unnamed)])
    for row in rows:
        writer.writerow([*row, *([""] * unnamed)])
    return out.getvalue().encode(encoding)


@settings(max_examples=60)
@given(
    rows=st.lists(st.lists(_CELL, min_size=4, max_size=4), min_size=1, max_size=6),
    separator=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    titles=st.lists(st.one_of(st.just(""), _TITLE), max_size=3),
    unnamed=st.integers(0, 2),
    line_end=st.sampled_from(["\n", "\r\n"]),
)
def test_any_layout_reads_as_the_same_table(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[list[str]],
    separator: str,
    encoding: str,
    titles: list[str],
    unnamed: int,
    line_end: str,
) -> None:
    rows = [row for row in rows if any(row)]  # a line of nothing but separators is kept,
    if not rows:  # but a wholly blank one is not a record: keep the comparison simple
        return
    # A title's first cell is what the header search sees: make it one cell, as exports do.
    titles = [t.replace(separator, " ") for t in titles]
    path = tmp_path_factory.mktemp("layout") / "events.csv"
    path.write_bytes(_write(rows, separator, encoding, titles, unnamed, line_end))
    log = read_events(path)
    assert list(log.frame.columns) == NAMES
    assert log.frame.astype("str").fillna("").to_numpy().tolist() == [
        [cell for cell in row] for row in rows
    ]
    assert log.rows.tolist() == list(range(1, len(rows) + 1))
    said = " ".join(log.notes)
    assert ("Windows-1252" in said) == (encoding == "cp1252" and _needs_windows(rows, titles))
    assert ("separated by a" in said) == (separator != ",")
    assert ("were skipped" in said) == bool(titles)
    assert ("were left out" in said) == bool(unnamed)


def _needs_windows(rows: list[list[str]], titles: list[str]) -> bool:
    """Text Windows-1252 writes as UTF-8 would (plain ASCII) reads as UTF-8: nothing to say."""
    return not all(text.isascii() for text in [*titles, *(c for row in rows for c in row)])


def test_a_title_with_a_separator_in_it_is_not_taken_for_the_header(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "Timeliness export, all teams\nchild_id,rule,completed_at\nC1,visit,2026-01-02\n"
    )
    log = read_events(path)
    assert list(log.frame.columns) == ["child_id", "rule", "completed_at"]
    assert log.frame["child_id"].tolist() == ["C1"]
    path.write_text("Export; all; teams\nchild_id,rule,completed_at\nC1,visit,2026-01-02\n")
    assert list(read_events(path).frame.columns) == ["child_id", "rule", "completed_at"]


def test_windows_1252_text_reads_as_its_letters_and_is_said(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes("child_id,rule,team\nC1,visit,Zoë’s team – north\n".encode("cp1252"))
    log = read_events(path)
    assert log.frame["team"].tolist() == ["Zoë’s team – north"]
    assert any("read as Windows-1252" in note for note in log.notes)


def test_a_byte_windows_1252_leaves_undefined_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(b"child_id,rule\nC1,caf\x81\n")
    with pytest.raises(EventsError, match=r"not UTF-8 text \(byte 0x81 at offset 20\), nor"):
        read_events(path)


def test_an_unnamed_column_holding_a_value_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("child_id,rule,completed_at,,\nC1,visit,,,\nC2,visit,,,note\n")
    with pytest.raises(EventsError, match=r"column 5 has no name .* holds 'note' \(record 2\)"):
        read_events(path)
    path.write_text("child_id,,completed_at\nC1,visit,\n")
    with pytest.raises(EventsError, match="the header row has an empty column name"):
        read_events(path)


def test_excel_text_formula_cells_read_as_the_text_inside(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        'child_id,rule,completed_at\n="0012",visit,="2026-01-02"\nC2,"=""x""",2026-01-03\n'
    )
    log = read_events(path)
    # Quoted or not, the cell's text is the formula: Excel shows what is inside.
    assert log.frame.astype("str").to_numpy().tolist() == [
        ["0012", "visit", "2026-01-02"],
        ["C2", "x", "2026-01-03"],
    ]
    assert any("3 cell(s) written as" in note for note in log.notes)


def test_malformed_lines_under_a_title_in_semicolons_are_numbered_from_the_header(
    tmp_path: Path,
) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(
        "Export\n\nchild_id;rule;completed_at;,\nC1;visit;2026-01-02;\nC2;visit\n"
        'C3;visit;="2026-01-04";\n'.encode("cp1252")
    )
    log = read_events(path)
    assert log.frame["child_id"].tolist() == ["C1", "C3"]
    assert log.frame["completed_at"].tolist() == ["2026-01-02", "2026-01-04"]
    assert log.rows.tolist() == [1, 3]
    assert [(m.row, m.reason) for m in log.malformed] == [(2, "expected 4 fields, found 2")]
    said = " ".join(log.notes)
    assert "semicolon" in said and "line 3" in said and 'written as ="..."' in said


def test_a_header_past_the_search_is_not_found(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("title\n" * 60 + "child_id,rule,completed_at\nC1,visit,\n")
    log = read_events(path)  # read as a one-column table: the report then names the cause
    assert list(log.frame.columns) == ["title"]


def test_only_whole_lines_of_the_sniff_are_looked_at() -> None:
    head = ("child_id,rule,completed_at\n" + "C1,visit,2026-01-02\n" * 5000).encode()
    layout = csv_layout(head[:SNIFF_BYTES])
    assert layout.names == ("child_id", "rule", "completed_at") and layout.is_plain
    assert np.isclose(len(head[:SNIFF_BYTES]), SNIFF_BYTES)


def test_a_byte_past_the_sniff_that_is_not_the_files_text_is_refused_naming_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "events.csv"
    rows = b"C1,visit,2026-01-02,Zo\xeb\n" * 5000  # Windows-1252 from the start
    path.write_bytes(b"child_id,rule,completed_at,team\n" + rows + b"C2,visit,,x\x81y\n")
    with pytest.raises(EventsError, match=r"began as Windows-1252 text but holds byte 0x81"):
        read_events(path)
    path.write_bytes(b"child_id,rule,completed_at,team\n" + rows + b"C2,visit,,x\n")
    assert read_events(path).frame["team"].iloc[0] == "Zoë"


def test_a_header_longer_than_the_sniff_is_read_whole(tmp_path: Path) -> None:
    names = ["child_id", "rule", "completed_at", *(f"note {n:05d} " * 3 for n in range(4000))]
    path = tmp_path / "wide.csv"
    path.write_text(",".join(names) + "\n" + ",".join(["C1", "visit", "2026-01-02"]) + "," * 4000)
    assert len(names[-1]) * 4000 > SNIFF_BYTES
    log = read_events(path)
    assert list(log.frame.columns) == [name.strip() for name in names]
    assert log.frame["child_id"].tolist() == ["C1"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xef\xbb\xbf\x80", r"not UTF-8 text \(byte 0x80 at offset 3\), though it begins"),
        (b"\xef\xbb\xbfa,b\n\xffc", r"not UTF-8 text \(byte 0xff at offset 7\)"),
        (b"\xff\xfea\x00,\x00b", r"not UTF-16 text \(byte 0x62 at offset 6\)"),
    ],
)
def test_a_byte_order_mark_the_text_then_belies_is_refused(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(data)
    with pytest.raises(EventsError, match=message):
        read_events(path)


def test_titles_holding_another_separator_do_not_pass_for_the_header(tmp_path: Path) -> None:
    """Two comma-bearing title lines look like a two-column CSV; the records below the
    semicolon header are as wide as it, so that is the header."""
    path = tmp_path / "events.csv"
    path.write_text(
        "Report, all teams\nRun on 05/01/2026, 09:00\n"
        "child_id;rule;completed_at\nC1;visit;2026-01-02\nC2;visit;\n"
    )
    log = read_events(path)
    assert list(log.frame.columns) == ["child_id", "rule", "completed_at"]
    assert log.frame["child_id"].tolist() == ["C1", "C2"]
    assert any("line 3" in note for note in log.notes)
