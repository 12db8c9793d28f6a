"""Measuring a CSV event log in parts, each where it is read: the pieces of a Dask run.

Between processes (Dask's processes scheduler, a cluster's workers) a run is
fast only when nothing big travels. So each task reads its own byte range of
the file, measures there every row that needs no other row, and writes those
rows as a Parquet part of the per-row output; what it hands back is only the
rows of recurring rules (a series is measured along all of a child's
occurrences, so those rows must meet by child: a few percent of a log). They
are moved by child and measured and written as parts too. The folder of parts
is the collected per-row output; the client reads it to summarise. A task
reads and measures its range a piece at a time, so its memory is bounded by
a piece, not by its range.

* :func:`csv_ranges`: the files cut into byte ranges between records;
* :func:`measure_where_read`: one range read, measured, written (a piece at
  a time, :func:`pieces`); its recurring rows returned;
* :func:`moved_by_child`: the recurring rows of every range, split by child
  into as many partitions as asked;
* :func:`measure_moved`: a partition of moved rows measured and written;
* :func:`rows_folder`: the folder of parts, emptied of an earlier run's;
* :func:`read_rows`: the parts read back, for :func:`~.summary.summarise`;
* :func:`ruleset_at`: the ruleset parsed once per process, for the tasks to
  be given its path (nothing to send) and find it parsed.

docs/report.md shows them in a Dask script.
"""

from __future__ import annotations

import datetime as dt
import glob
import mmap
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ..ruleset import Ruleset
from ..syntax.names import column_key
from .api import recurring_rows
from .api import ruleset_at as ruleset_at  # for the scripts, beside the tasks it serves
from .partition import (
    PARTITION_COLUMNS,
    PARTITION_TYPES,
    REJECTED,
    measured_columns,
    pandas_column,
)
from .reading.cells import arrow_strings
from .reading.csv_layout import SNIFF_BYTES
from .reading.cuts import line_end, line_ending, record_starts
from .reading.events import (
    PARQUET_MAGIC,
    ColumnMap,
    EventsError,
    csv_header,
    find_columns,
    read_csv_exactly,
    unwrap_excel_text,
)

#: A part of the per-row output, as this module names it: rows measured where
#: read, or a partition of the moved (recurring) rows.
PART_NAME: Final = re.compile(r"(where-read|moved)-\d+\.parquet")
WRITTEN_META: Final = pd.DataFrame(
    {"part": pd.Series([], dtype="str"), "rows": pd.Series([], dtype="int64")}
)
#: CSV bytes a task reads and measures at a time (about 75,000 LCS rows).
PIECE_BYTES: Final = 24 << 20


@attrs.frozen
class CsvRange:
    """Bytes ``start`` to ``stop`` of a CSV file: whole records, under the file's ``header``."""

    path: str
    start: int
    stop: int
    header: tuple[str, ...]
    #: Its place among all the ranges, which names its part of the output.
    number: int
    #: Old Mac line ends (a bare CR), which the reader turns into line feeds.
    bare_cr: bool = False

    @property
    def label(self) -> str:
        return f"{self.path} (bytes {self.start}-{self.stop})"


def events_meta(ranges: Sequence[CsvRange]) -> pd.DataFrame:
    """The empty frame of the ranges' columns, every one text: Dask's ``meta`` for them."""
    return pd.DataFrame({name: pd.Series([], dtype="str") for name in ranges[0].header})


def csv_ranges(files: str | Path | Sequence[str | Path], parts: int) -> list[CsvRange]:
    """The CSV files (paths, or one glob pattern) cut into about ``parts`` byte ranges.

    Each file gets ranges in proportion to its size (at least one). A cut is
    made at the first line end at or after an even share of the file that is
    not inside a quoted value (a cell may hold line breaks): the quotes before
    it are counted, which reads the file up to the last cut at the speed of
    the disk. Every file must have the same header row.
    """
    if parts < 1:
        raise ValueError(f"parts must be at least 1, not {parts}")
    paths = _paths(files)
    sizes = [path.stat().st_size for path in paths]
    total = sum(sizes) or 1
    ranges: list[CsvRange] = []
    for path, size in zip(paths, sizes, strict=True):
        share = max(1, round(parts * size / total))
        for start, stop, header, bare_cr in _cuts(path, share):
            if ranges and header != ranges[0].header:
                raise EventsError(
                    f"{path}: its columns differ from those of {ranges[0].path}; "
                    "the files of one event log have the same header row"
                )
            ranges.append(CsvRange(str(path), start, stop, header, len(ranges), bare_cr))
    return ranges


def _paths(files: str | Path | Sequence[str | Path]) -> list[Path]:
    if isinstance(files, str | Path):
        text = str(files)
        found = sorted(glob.glob(text)) if glob.has_magic(text) else [text]
        if not found:
            raise EventsError(f"{text}: no file matches")
        files = found
    paths = [Path(name) for name in files]
    for path in paths:
        if not path.is_file():
            raise EventsError(f"{path}: no such file")
    return paths


def _cuts(path: Path, share: int) -> list[tuple[int, int, tuple[str, ...], bool]]:
    """``share`` ranges of one file (fewer where records are longer than a share)."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if head.startswith(PARQUET_MAGIC):
        raise EventsError(f"{path}: a Parquet file, not CSV: read it with dd.read_parquet")
    header = tuple(csv_header(head, str(path)))
    size = path.stat().st_size
    # Old Mac line ends (a bare CR): the reader turns them into line feeds.
    bare_cr = b"\r" in head and b"\n" not in head
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        body = line_end(data, 0, 0, line_ending(bare_cr))
        if body is None:  # the header row alone
            return [(size, size, header, bare_cr)]
        starts = record_starts(data, body, size, share, bare_cr)
    stops = [*starts[1:], size]
    return [(start, stop, header, bare_cr) for start, stop in zip(starts, stops, strict=True)]


def pieces(part: CsvRange, size: int = PIECE_BYTES) -> list[CsvRange]:
    """The range cut again into pieces of about ``size`` bytes, between records.

    A task measures its range a piece at a time, so that its memory is that of
    a piece, whatever the size of the range, and is used again by each piece.
    """
    share = round((part.stop - part.start) / size)
    if share < 2:
        return [part]
    with (
        open(part.path, "rb") as handle,
        mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
    ):
        starts = record_starts(data, part.start, part.stop, share, part.bare_cr)
    stops = [*starts[1:], part.stop]
    return [attrs.evolve(part, start=a, stop=b) for a, b in zip(starts, stops, strict=True)]


def read_range(part: CsvRange, threads: bool = False) -> tuple[pa.Table, list[tuple[int, str]]]:
    """The records of one range, every cell as text as ``timescale report`` reads them.

    Also the lines that are not records (the wrong number of fields), each
    as its place among the range's lines (from 0) and the reason. Read on the
    calling thread, unless ``threads`` (see :func:`measure_where_read`).
    """
    # Mapped, not read: the parser reads the file's own pages, not a fresh copy of them.
    with pa.memory_map(part.path) as source:
        source.seek(part.start)
        mapped = source.read_buffer(part.stop - part.start)
        if part.bare_cr:
            return _parse_range(part, mapped.to_pybytes().replace(b"\r", b"\n"), threads)
        return _parse_range(part, mapped, threads)


def _parse_range(
    part: CsvRange, data: pa.Buffer | bytes, threads: bool
) -> tuple[pa.Table, list[tuple[int, str]]]:
    names = list(part.header)
    if _blank(data):  # no records (Arrow calls that no CSV at all)
        return pa.table({name: pa.array([], pa.large_string()) for name in names}), []
    malformed: list[int] = []

    def invalid(row: pa_csv.InvalidRow) -> str:
        malformed.append(row.actual_columns)
        return "skip"

    try:
        table = pa_csv.read_csv(
            pa.BufferReader(data),
            read_options=pa_csv.ReadOptions(
                encoding="utf8", column_names=names, use_threads=threads
            ),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True, invalid_row_handler=invalid),
            convert_options=pa_csv.ConvertOptions(
                column_types={name: pa.large_string() for name in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as error:
        message = re.sub(r"\s+", " ", str(error)).strip()
        raise EventsError(f"{part.label}: not a readable CSV table: {message}") from None
    table, _ = unwrap_excel_text(table)  # as the plain read does (its note is the summary's)
    if not malformed:
        return table, []
    # Arrow does not say where a bad line was: read the range again, slowly, to place it.
    raw = data if isinstance(data, bytes) else data.to_pybytes()
    text = ",".join(_quoted(name) for name in names) + "\n" + raw.decode("utf-8")
    log = read_csv_exactly(Path(part.path), part.label, names, text)
    places = [(row.row - 1, row.reason) for row in log.malformed]
    return pa.Table.from_pandas(log.frame, preserve_index=False), places


def _blank(data: pa.Buffer | bytes) -> bool:
    """Nothing but line ends and spaces (looked at in full only when its start is blank)."""
    view = memoryview(data)
    if view[:4096].tobytes().strip():
        return False
    return not view.tobytes().strip()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def measure_where_read(
    part: CsvRange,
    ruleset: Ruleset | str | Path,
    as_of: dt.date,
    rows_out: str | Path,
    columns: ColumnMap | None = None,
    piece_bytes: int = PIECE_BYTES,
    threads: bool = False,
) -> pd.DataFrame:
    """Read one range, measure the rows that need no other row, write them as a part.

    The part is ``where-read-N.parquet`` in ``rows_out``: the range's rows in
    order (a line with the wrong number of fields as a rejected row, its cells
    blank), less the rows of recurring rules, which are returned as read, to
    be moved by child and given to :func:`measure_moved`. The range is read
    and measured ``piece_bytes`` at a time (:func:`pieces`).

    A task reads and measures on its calling thread: an engine runs a task a
    core, and threads of a task's own would only contend with the other
    tasks for the cores. ``threads=True`` gives it threads, for a worker
    with cores to spare.
    """
    task = _Task(_loaded(ruleset), as_of, columns, threads)
    moved: list[pd.DataFrame] = []
    target = Path(rows_out) / f"where-read-{part.number}.parquet"
    writer: pq.ParquetWriter | None = None
    try:
        for piece in pieces(part, piece_bytes):
            rows, series = task.measure_piece(piece)
            moved.append(series)
            if writer is None:
                writer = pq.ParquetWriter(target, _pandas_schema(rows))
            writer.write_table(rows.cast(writer.schema))
    finally:
        if writer is not None:
            writer.close()
    return pd.concat(moved, ignore_index=True) if len(moved) > 1 else moved[0]


def _loaded(ruleset: Ruleset | str | Path) -> Ruleset:
    return ruleset if isinstance(ruleset, Ruleset) else ruleset_at(ruleset)


@attrs.frozen
class _Task:
    """What a task measures with, and whether it may use threads of its own."""

    ruleset: Ruleset
    as_of: dt.date
    columns: ColumnMap | None
    threads: bool

    def measure_piece(self, piece: CsvRange) -> tuple[pa.Table, pd.DataFrame]:
        """One piece's rows measured where read, and its recurring rows as read.

        The piece is measured whole and its recurring rows are dropped after (their
        series are measured where they meet by child): measuring those few rows
        twice costs less than copying every other row's cells to leave them out.
        """
        table, malformed = read_range(piece, self.threads)
        frame = table.to_pandas(use_threads=self.threads)
        series = recurring_rows(frame, self.ruleset, self.columns).to_numpy()
        moved: pd.DataFrame = table.filter(pa.array(series)).to_pandas(use_threads=self.threads)
        rows = self.measured(frame, table, piece.label)
        if series.any():
            rows = rows.filter(pa.array(~series))
        if malformed:
            rows = _with_malformed(rows, table.num_rows, series, malformed)
        return rows, moved

    def measured(self, frame: pd.DataFrame, table: pa.Table, source: str) -> pa.Table:
        """Every row measured (``frame`` and ``table``, the same rows in pandas and in
        Arrow): the table's columns (not copied), then the output's."""
        found = measured_columns(
            frame, self.ruleset, self.as_of, self.columns, threads=self.threads, source=source
        )
        for name, cells in found.items():
            table = table.append_column(name, cells)
        return table


def _pandas_schema(rows: pa.Table) -> pa.Schema:
    """The parts' schema as pandas writes it: pandas' own types are kept in the file, so
    that pandas and Dask read nullable integers and flags back, not floats and objects."""
    empty = rows.slice(0, 0).to_pandas()
    for name in PARTITION_COLUMNS:
        empty[name] = pandas_column(rows[name].slice(0, 0))
    schema: pa.Schema = pa.Table.from_pandas(empty, preserve_index=False).schema
    return schema


def _with_malformed(
    rows: pa.Table, records: int, series: Any, malformed: list[tuple[int, str]]
) -> pa.Table:
    """``rows`` with each malformed line in its place, as a rejected row with blank cells.

    ``records`` is the number of records of the range, ``series`` True for those
    that were moved rather than measured here.
    """
    places = np.array([place for place, _ in malformed], dtype=np.int64)
    # Place of each kept record among all lines: records and malformed lines interleave.
    record_places = np.setdiff1d(np.arange(records + len(places)), places)
    kept_places = record_places[~np.asarray(series, dtype=bool)]
    bad = {name: pa.nulls(len(places), kind) for name, kind in PARTITION_TYPES.items()}
    for field in rows.schema:  # the input's cells: blank
        if field.name not in bad:
            bad[field.name] = pa.array([""] * len(places), field.type)
    bad["status"] = pa.array([REJECTED] * len(places), PARTITION_TYPES["status"])
    reasons = [reason for _, reason in malformed]
    bad["reject_reason"] = pa.array(reasons, PARTITION_TYPES["reject_reason"])
    order = np.argsort(np.concatenate([kept_places, places]), kind="stable")
    return pa.concat_tables([rows, pa.table(bad, schema=rows.schema)]).take(order)


def moved_by_child(
    frames: Sequence[pd.DataFrame], parts: int, columns: ColumnMap | None = None
) -> list[pd.DataFrame]:
    """The recurring rows :func:`measure_where_read` returned, in ``parts`` partitions,
    every row of a child in the same one.

    A child is its id as measuring reads it (trimmed), so `` C1`` and ``C1``
    meet. The partition is a stable hash of the id: the same on every run and
    in every process. Rows keep their order within a partition.
    """
    if parts < 1:
        raise ValueError(f"parts must be at least 1, not {parts}")
    if not frames:
        raise ValueError("no frames of rows to move: give measure_where_read's, one a range")
    moved = pd.concat(list(frames), ignore_index=True) if len(frames) != 1 else frames[0]
    wanted = (columns or ColumnMap()).child_id
    column = find_columns(moved).get(column_key(wanted))
    if column is None:
        raise EventsError(f"no child id column '{wanted}' in the rows to move")
    ids = pc.utf8_trim_whitespace(arrow_strings(moved[column].fillna("")))
    place = pd.util.hash_array(np.asarray(ids.to_numpy(zero_copy_only=False), dtype=object))
    place %= np.uint64(parts)
    return [moved[place == part].reset_index(drop=True) for part in range(parts)]


def measure_moved(
    frame: pd.DataFrame | Sequence[pd.DataFrame],
    ruleset: Ruleset | str | Path,
    as_of: dt.date,
    rows_out: str | Path,
    columns: ColumnMap | None = None,
    partition_info: dict[str, Any] | None = None,
    number: int = 0,
    parts: int = 1,
    threads: bool = False,
) -> pd.DataFrame:
    """Measure a partition of moved (recurring) rows and write it as ``moved-N.parquet``.

    ``frame`` is the partition, one of :func:`moved_by_child`'s; or else
    the frames :func:`measure_where_read` returned, every range's, of which
    this task measures share ``number`` of ``parts`` (as ``moved_by_child``
    shares them out: a graph then needs no task between the two). N is
    ``number``, or the partition's number where Dask passes
    ``partition_info``. Returns the part's name and row count, one row
    (:data:`WRITTEN_META`). Measured on the calling thread, unless ``threads``
    (see :func:`measure_where_read`).
    """
    if partition_info is not None:
        number = int(partition_info["number"])
    if not isinstance(frame, pd.DataFrame):
        if not 0 <= number < parts:
            raise ValueError(f"share {number} of {parts}: a share is numbered from 0 to parts - 1")
        frame = moved_by_child(frame, parts, columns)[number]
    task = _Task(_loaded(ruleset), as_of, columns, threads)
    name = f"moved-{number}.parquet"
    table = pa.Table.from_pandas(frame, preserve_index=False)
    rows = task.measured(frame, table, f"the rows of {name}")
    pq.write_table(rows.cast(_pandas_schema(rows)), Path(rows_out) / name)
    return pd.DataFrame({"part": pd.Series([name], dtype="str"), "rows": [rows.num_rows]}).astype(
        {"rows": "int64"}
    )


def rows_folder(path: str | Path) -> Path:
    """The folder for the parts, made, or emptied of an earlier run's parts.

    A folder holding anything else is refused: it is not this output's, and
    nothing in it is removed.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise EventsError(f"{folder}: not a folder (the per-row parts go in a folder)")
    folder.mkdir(parents=True, exist_ok=True)
    found = list(folder.iterdir())
    others = [item.name for item in found if not PART_NAME.fullmatch(item.name)]
    if others:
        shown = ", ".join(sorted(others)[:3])
        raise EventsError(
            f"{folder}: holds files that are not parts of a per-row output ({shown}); "
            "give a new or empty folder"
        )
    for item in found:
        item.unlink()
    return folder


def read_rows(folder: str | Path, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The parts in ``folder`` as one frame (only ``columns`` and the output's, if given).

    To summarise, the output columns, the rule column and the ``by`` columns
    are all :func:`~.summary.summarise` reads. The columns asked for, the status
    and the reject columns come back as categories: a few labels for a million
    rows, read and grouped without a string a row.
    """
    parts = sorted(
        (path for path in Path(folder).glob("*.parquet") if PART_NAME.fullmatch(path.name)),
        key=_part_order,
    )
    if not parts:
        raise EventsError(f"{folder}: no parts of a per-row output")
    wanted = None if columns is None else list(dict.fromkeys([*columns, *PARTITION_COLUMNS]))
    if wanted is not None:
        have = pq.read_schema(parts[0]).names
        missing = [name for name in wanted if name not in have]
        if missing:
            raise EventsError(f"{folder}: the per-row output has no column(s) {', '.join(missing)}")
    labels = [*(columns or ()), "status", "reject_column", "reject_reason"]
    tables = [pq.read_table(part, columns=wanted, read_dictionary=labels) for part in parts]
    rows: pd.DataFrame = pa.concat_tables(tables).to_pandas()
    return rows


def _part_order(path: Path) -> tuple[str, int]:
    kind, _, number = path.stem.rpartition("-")
    return (kind, int(number) if number.isdigit() else -1)
