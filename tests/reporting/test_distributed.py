"""The pieces of a distributed run: byte ranges of a CSV measured where read, parts written.

Each test runs the pieces as a distributed engine would (every range on its
own, the recurring rows moved by child) but in this process, and holds the
parts together to what the plain report gives for the same file.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from timescale_dsl import Ruleset
from timescale_dsl.reporting.api import measure_partition, partition_meta, timeliness
from timescale_dsl.reporting.distributed import (
    PIECE_BYTES,
    CsvRange,
    csv_ranges,
    events_meta,
    measure_moved,
    measure_where_read,
    moved_by_child,
    pieces,
    read_range,
    read_rows,
    rows_folder,
)
from timescale_dsl.reporting.partition import PARTITION_COLUMNS
from timescale_dsl.reporting.reading.events import EventsError, read_events
from timescale_dsl.reporting.rendering.output import SOURCE_ROW
from timescale_dsl.reporting.sample import SampleOptions, sample_events

AS_OF = dt.date(2026, 3, 31)


def _cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _awkward_csv(ruleset: Ruleset, path: Path, rows: int = 600, seed: int = 3) -> pd.DataFrame:
    """An export as spreadsheets write them: a BOM, CRLF line ends, every cell quoted,
    notes over several lines, doubled quotes, blank lines, an unknown rule."""
    frame = sample_events(ruleset, SampleOptions(rows=rows, seed=seed))
    frame.insert(0, "record", [f"R{n:04d}" for n in range(len(frame))])
    frame["note"] = ""
    frame.loc[::7, "note"] = 'first line\r\nsecond, with a comma\nthird "quoted" line'
    frame.loc[::11, "note"] = 'she said ""no""'
    frame.loc[5, "rule"] = "no-such-rule"
    lines = [",".join(_cell(str(c)) for c in frame.columns)]
    for number, record in enumerate(frame.itertuples(index=False)):
        lines.append(",".join(_cell(str(c)) for c in record))
        if number % 50 == 0:
            lines.append("")  # a blank line is not a record
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    return frame


def _measure_in_parts(
    ranges: list[CsvRange],
    ruleset: Ruleset,
    folder: Path,
    moved_parts: int = 2,
    piece_bytes: int = PIECE_BYTES,
) -> pd.DataFrame:
    """What the Dask recipe does, each task called here: the collected per-row output."""
    out = rows_folder(folder)
    recurring = [
        measure_where_read(part, ruleset, AS_OF, out, piece_bytes=piece_bytes) for part in ranges
    ]
    assert sum(len(frame) for frame in recurring) > 0
    for number, partition in enumerate(moved_by_child(recurring, moved_parts)):
        written = measure_moved(partition, ruleset, AS_OF, out, number=number)
        assert written.to_dict("list") == {
            "part": [f"moved-{number}.parquet"],
            "rows": [len(partition)],
        }
    return read_rows(out)


def _same_as_plain(collected: pd.DataFrame, path: Path, ruleset: Ruleset) -> None:
    plain = timeliness(path, ruleset, AS_OF)
    assert len(collected) == plain.measured.rows_read
    theirs = collected[collected["status"] != "rejected"].set_index("record").sort_index()
    ours = plain.rows.drop(columns=SOURCE_ROW).set_index("record").sort_index()
    pd.testing.assert_frame_equal(
        theirs[ours.columns].astype("str"), ours.astype("str"), check_dtype=False
    )
    rejected = collected[collected["status"] == "rejected"]
    assert sorted(rejected["reject_reason"]) == sorted(plain.rejects["reason"].astype("str"))


@pytest.mark.parametrize("parts", [1, 2, 3, 7, 40])
def test_ranges_hold_every_record_once_whatever_the_cuts(
    ruleset: Ruleset, tmp_path: Path, parts: int
) -> None:
    path = tmp_path / "events.csv"
    written = _awkward_csv(ruleset, path)
    ranges = csv_ranges(path, parts)
    assert len(ranges) == parts
    data = path.read_bytes()
    for before, after in itertools.pairwise(ranges):
        assert before.stop == after.start
        assert data[after.start - 1 : after.start] == b"\n"
    assert ranges[-1].stop == len(data)
    read = pa.concat_tables([read_range(part)[0] for part in ranges]).to_pandas()
    plain = read_events(path).frame
    pd.testing.assert_frame_equal(read, plain, check_dtype=False)
    # Pieces of a range, as a task reads it, are cut between records the same way.
    for part in ranges:
        cut = pieces(part, 5_000)
        assert [piece.start for piece in cut] == [part.start, *(p.stop for p in cut[:-1])]
        assert cut[-1].stop == part.stop
        assert all(data[p.start - 1 : p.start] == b"\n" for p in cut)
        whole = read_range(part)[0]
        assert pa.concat_tables([read_range(piece)[0] for piece in cut]).equals(whole)
    notes = "\r\nsecond, with a comma\n"
    assert read["note"].str.contains(notes).sum() == written["note"].str.contains(notes).sum() > 0


@pytest.mark.parametrize("piece_bytes", [PIECE_BYTES, 15_000])
def test_measured_in_ranges_the_rows_are_the_plain_reports(
    ruleset: Ruleset, tmp_path: Path, piece_bytes: int
) -> None:
    path = tmp_path / "events.csv"
    _awkward_csv(ruleset, path, rows=1500)
    ranges = csv_ranges(path, 3)
    # Read and measured a piece at a time, or in one go: the same rows.
    assert (len(pieces(ranges[0], piece_bytes)) > 1) == (piece_bytes < PIECE_BYTES)
    collected = _measure_in_parts(ranges, ruleset, tmp_path / "rows", piece_bytes=piece_bytes)
    assert (collected["status"] == "rejected").sum() == 1
    assert set(collected["status"]) >= {"on_time", "late", "overdue", "rejected"}
    _same_as_plain(collected, path, ruleset)


def test_several_files_and_a_glob(ruleset: Ruleset, tmp_path: Path) -> None:
    frame = sample_events(ruleset, SampleOptions(rows=900, seed=4))
    frame.insert(0, "record", [f"R{n:04d}" for n in range(len(frame))])
    frame.to_csv(tmp_path / "events.csv", index=False)
    frame.iloc[:200].to_csv(tmp_path / "events-1.csv", index=False)
    frame.iloc[200:].to_csv(tmp_path / "events-2.csv", index=False)
    ranges = csv_ranges(str(tmp_path / "events-*.csv"), 4)
    # In proportion to size: the larger file gets three of the four ranges.
    assert [Path(part.path).name for part in ranges] == ["events-1.csv", *["events-2.csv"] * 3]
    assert [part.number for part in ranges] == [0, 1, 2, 3]
    assert list(events_meta(ranges).columns) == list(frame.columns)
    collected = _measure_in_parts(ranges, ruleset, tmp_path / "rows")
    _same_as_plain(collected, tmp_path / "events.csv", ruleset)


def test_a_line_with_the_wrong_number_of_fields_is_a_rejected_row_in_its_place(
    ruleset: Ruleset, tmp_path: Path
) -> None:
    frame = sample_events(ruleset, SampleOptions(rows=300, seed=6))
    frame.insert(0, "record", [f"R{n:04d}" for n in range(len(frame))])
    lines = frame.to_csv(index=False).splitlines()
    lines.insert(120, lines[120] + ",an extra field")
    path = tmp_path / "events.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ranges = csv_ranges(path, 2)
    out = rows_folder(tmp_path / "rows")
    moved = [measure_where_read(part, ruleset, AS_OF, out) for part in ranges]
    where_read = pd.concat(
        [pd.read_parquet(out / f"where-read-{part.number}.parquet") for part in ranges]
    )
    bad = where_read[where_read["reject_reason"].str.startswith("expected", na=False)]
    width = len(frame.columns)
    assert list(bad["reject_reason"]) == [f"expected {width} fields, found {width + 1}"]
    assert list(bad["record"]) == [""]  # its cells are not a record's: blank
    # In its place: after the records before it in the file, before those after it.
    records = where_read["record"].tolist()
    position = records.index("")
    assert max(records[:position]) < "R0119" <= min(records[position + 1 :])
    assert sum(len(part) for part in moved) + len(where_read) == len(frame) + 1
    plain = timeliness(path, ruleset, AS_OF)
    assert plain.measured.rows_read == len(frame) + 1


def test_every_part_has_one_schema_that_pandas_reads_back_as_measure_partition_gives(
    ruleset: Ruleset, tmp_path: Path
) -> None:
    path = tmp_path / "events.csv"
    _awkward_csv(ruleset, path, rows=900)
    with path.open("ab") as handle:  # a malformed line: a rejected row with blank cells
        handle.write(b'"C1","lcs-visits"\r\n')
    folder = tmp_path / "rows"
    _measure_in_parts(csv_ranges(path, 2), ruleset, folder, piece_bytes=30_000)
    parts = sorted(folder.glob("*.parquet"))
    assert [p.name.split("-")[0] for p in parts] == ["moved", "moved", "where", "where"]
    schemas = [pq.read_schema(part) for part in parts]
    assert all(schema.equals(schemas[0], check_metadata=True) for schema in schemas)
    whole = csv_ranges(path, 1)
    expected = partition_meta(events_meta(whole)).dtypes.to_dict()
    reason = f"expected {len(whole[0].header)} fields, found 2"
    for part in parts:
        rows = pd.read_parquet(part)
        assert rows.dtypes.to_dict() == expected
        assert (rows["reject_reason"] == reason).sum() == (part.name == "where-read-1.parquet")


def test_header_only_and_old_mac_line_ends(ruleset: Ruleset, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("child_id,rule,completed_at\n", encoding="utf-8")
    (only,) = csv_ranges(empty, 3)
    assert only.start == only.stop == empty.stat().st_size
    assert read_range(only)[0].num_rows == 0
    out = rows_folder(tmp_path / "rows")
    moved = measure_where_read(only, ruleset, AS_OF, out)
    measure_moved(moved, ruleset, AS_OF, out)
    nothing = read_rows(out)
    assert len(nothing) == 0
    assert list(nothing.columns) == ["child_id", "rule", "completed_at", *PARTITION_COLUMNS]

    frame = sample_events(ruleset, SampleOptions(rows=200, seed=8))
    frame.insert(0, "record", [f"R{n:04d}" for n in range(len(frame))])
    mac = tmp_path / "mac.csv"
    mac.write_bytes(frame.to_csv(index=False).replace("\n", "\r").encode("utf-8"))
    ranges = csv_ranges(mac, 3)
    assert len(ranges) == 3 and all(part.bare_cr for part in ranges)
    read = pa.concat_tables([read_range(part)[0] for part in ranges]).to_pandas()
    pd.testing.assert_frame_equal(read, read_events(mac).frame, check_dtype=False)


def test_files_that_cannot_be_read_in_ranges_are_named(tmp_path: Path) -> None:
    with pytest.raises(EventsError, match="no file matches"):
        csv_ranges(str(tmp_path / "events-*.csv"), 2)
    with pytest.raises(EventsError, match="no such file"):
        csv_ranges(tmp_path / "missing.csv", 2)
    (tmp_path / "a.csv").write_text("child_id,rule,completed_at\nC1,visit,2026-01-02\n")
    (tmp_path / "b.csv").write_text("child_id,rule,done\nC1,visit,2026-01-02\n")
    with pytest.raises(EventsError, match=r"b\.csv: its columns differ from those of .*a\.csv"):
        csv_ranges([tmp_path / "a.csv", tmp_path / "b.csv"], 2)
    pd.DataFrame({"child_id": ["C1"]}).to_parquet(tmp_path / "events.parquet")
    with pytest.raises(EventsError, match="a Parquet file, not CSV"):
        csv_ranges(tmp_path / "events.parquet", 2)
    # Not UTF-8 where the header is looked for: read whole, it is Windows-1252; in ranges, refused.
    (tmp_path / "windows.csv").write_bytes(b"child_id,rule,completed_at\nC1,visit,2026-01-0\xff\n")
    with pytest.raises(EventsError, match=r"windows\.csv: the file is not UTF-8 text.*byte ranges"):
        csv_ranges(tmp_path / "windows.csv", 1)
    # Past it, the range that holds the byte fails, naming its bytes.
    header = b"child_id,rule,completed_at\n"
    good = b"C1,visit,2026-01-02\n" * (70 * 1024 // 20)
    (tmp_path / "bad.csv").write_bytes(header + good + b"C1,visit,2026-01-0\xff\n")
    (part,) = csv_ranges(tmp_path / "bad.csv", 1)
    with pytest.raises(EventsError, match=r"bad.csv \(bytes 27-\d+\): not a readable CSV table"):
        read_range(part)
    # A quote left open runs to the end: one line that is not a record, as the plain read finds.
    (tmp_path / "open.csv").write_text('child_id,rule,completed_at\nC1,"visit,2026-01-02\n')
    (part,) = csv_ranges(tmp_path / "open.csv", 2)
    table, malformed = read_range(part)
    assert table.num_rows == 0
    (plain,) = read_events(tmp_path / "open.csv").malformed
    assert malformed == [(plain.row - 1, plain.reason)] == [(0, "expected 3 fields, found 2")]


def test_the_rows_folder_is_emptied_of_parts_and_nothing_else(
    ruleset: Ruleset, tmp_path: Path
) -> None:
    folder = tmp_path / "rows"
    folder.mkdir()
    (folder / "where-read-7.parquet").write_bytes(b"an earlier run's part")
    (folder / "moved-0.parquet").write_bytes(b"another")
    assert rows_folder(folder) == folder
    assert list(folder.iterdir()) == []
    (folder / "events.csv").write_text("child_id,rule,completed_at\n")
    with pytest.raises(EventsError, match=r"not parts of a per-row output \(events\.csv\)"):
        rows_folder(folder)
    assert (folder / "events.csv").exists()
    with pytest.raises(EventsError, match="not a folder"):
        rows_folder(folder / "events.csv")
    with pytest.raises(EventsError, match="no parts of a per-row output"):
        read_rows(tmp_path)


def test_read_rows_reads_the_columns_asked_for_and_the_output(
    ruleset: Ruleset, tmp_path: Path
) -> None:
    path = tmp_path / "events.csv"
    sample_events(ruleset, SampleOptions(rows=300, seed=9)).to_csv(path, index=False)
    folder = tmp_path / "rows"
    _measure_in_parts(csv_ranges(path, 2), ruleset, folder)
    few = read_rows(folder, ["rule", "team"])
    assert list(few.columns[:3]) == ["rule", "team", "due"]
    assert len(few) == 300
    with pytest.raises(EventsError, match="no column\\(s\\) squad"):
        read_rows(folder, ["rule", "squad"])


def test_excel_text_formula_cells_read_in_ranges_as_in_the_plain_read(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    lines = [f'="C{n:04d}",visit,="2026-01-{n % 28 + 1:02d}"' for n in range(300)]
    path.write_text("child_id,rule,completed_at\n" + "\n".join(lines) + "\nC9,visit,\n")
    ranges = csv_ranges(path, 3)
    read = pa.concat_tables([read_range(part)[0] for part in ranges]).to_pandas()
    plain = read_events(path).frame
    pd.testing.assert_frame_equal(read, plain, check_dtype=False)
    assert plain["child_id"].iloc[0] == "C0000" and plain["completed_at"].iloc[1] == "2026-01-02"


def test_moved_rows_meet_by_child_whatever_range_returned_them() -> None:
    first = pd.DataFrame(
        {"child_id": ["C1", "C2", " C3 ", "C1"], "rule": ["r"] * 4, "n": [1, 2, 3, 4]}
    )
    second = pd.DataFrame({"child_id": ["C3", "C2 ", "C4"], "rule": ["r"] * 3, "n": [5, 6, 7]})
    parts = moved_by_child([first, second], 3)
    assert len(parts) == 3
    assert sorted(n for part in parts for n in part["n"]) == list(range(1, 8))
    # Every child, as measuring reads its id (trimmed), in one partition only.
    homes = {}
    for number, part in enumerate(parts):
        for child in part["child_id"].str.strip():
            assert homes.setdefault(child, number) == number
    assert len(homes) == 4
    # Rows keep their order within a partition, and the split is the same on every call.
    for part in parts:
        assert list(part["n"]) == sorted(part["n"])
    again = moved_by_child([first, second], 3)
    assert [list(part["n"]) for part in again] == [list(part["n"]) for part in parts]
    assert [list(part["n"]) for part in moved_by_child([first], 1)] == [[1, 2, 3, 4]]


def test_a_share_of_every_ranges_moved_rows_is_that_partition_of_moved_by_child(
    ruleset: Ruleset, tmp_path: Path
) -> None:
    path = tmp_path / "events.csv"
    _awkward_csv(ruleset, path, rows=1200)
    out = rows_folder(tmp_path / "rows")
    recurring = [measure_where_read(part, ruleset, AS_OF, out) for part in csv_ranges(path, 3)]
    partitions = moved_by_child(recurring, 2)
    assert all(len(partition) for partition in partitions)
    for number, partition in enumerate(partitions):
        shared = measure_moved(recurring, ruleset, AS_OF, tmp_path, number=number, parts=2)
        alone = measure_moved(partition, ruleset, AS_OF, out, number=number)
        assert shared.equals(alone)
        written = pd.read_parquet(tmp_path / f"moved-{number}.parquet")
        pd.testing.assert_frame_equal(written, pd.read_parquet(out / f"moved-{number}.parquet"))
    with pytest.raises(ValueError, match="share 2 of 2"):
        measure_moved(recurring, ruleset, AS_OF, tmp_path, number=2, parts=2)


def test_a_task_on_threads_of_its_own_writes_what_one_on_its_calling_thread_writes(
    ruleset: Ruleset, tmp_path: Path
) -> None:
    path = tmp_path / "events.csv"
    _awkward_csv(ruleset, path, rows=900)
    ranges = csv_ranges(path, 2)
    written = {}
    for threads in (False, True):
        out = rows_folder(tmp_path / f"rows-{threads}")
        recurring = [
            measure_where_read(part, ruleset, AS_OF, out, piece_bytes=40_000, threads=threads)
            for part in ranges
        ]
        measure_moved(recurring, ruleset, AS_OF, out, number=0, threads=threads)
        written[threads] = {part.name: pq.read_table(part) for part in sorted(out.iterdir())}
    names = ["moved-0.parquet", "where-read-0.parquet", "where-read-1.parquet"]
    assert list(written[False]) == list(written[True]) == names
    for name, table in written[False].items():
        assert table.equals(written[True][name]), name


def test_moved_rows_need_a_child_column_and_a_partition() -> None:
    frame = pd.DataFrame({"child": ["C1"], "rule": ["r"]})
    with pytest.raises(EventsError, match="no child id column 'child_id'"):
        moved_by_child([frame], 2)
    with pytest.raises(ValueError, match="at least 1"):
        moved_by_child([frame], 0)
    with pytest.raises(ValueError, match="no frames of rows to move"):
        moved_by_child([], 2)
    # Ranges that returned no recurring rows: empty partitions, not an error.
    empty = pd.DataFrame({"child_id": pd.Series([], dtype="str")})
    assert [len(part) for part in moved_by_child([empty, empty], 2)] == [0, 0]


def test_an_input_column_named_as_a_reject_column_is_refused_not_overwritten(
    ruleset: Ruleset, tmp_path: Path
) -> None:
    frame = sample_events(ruleset, SampleOptions(rows=60, seed=5))
    frame["Reject Reason"] = "the council's own note"
    with pytest.raises(EventsError, match="'Reject Reason' have the names of a partition's"):
        measure_partition(frame, ruleset, AS_OF)
    path = tmp_path / "events.csv"
    frame.to_csv(path, index=False)
    (part,) = csv_ranges(path, 1)
    with pytest.raises(EventsError, match=r"events.csv \(bytes \d+-\d+\): input column"):
        measure_where_read(part, ruleset, AS_OF, rows_folder(tmp_path / "rows"))
