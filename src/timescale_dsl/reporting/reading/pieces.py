"""A large UTF-8 CSV read in pieces side by side, one thread a piece.

Arrow reads a whole CSV on all its threads at once. On a machine of few
cores, while the report's main thread imports its libraries and loads the
ruleset, those threads compete with it, and a threaded read costs a third
more CPU than the same bytes read on one thread (docs/performance.md).
Cut between records (:mod:`.cuts`) into one piece per core, each piece read
on one thread, the file is read for less CPU, and the report begins
measuring sooner.

The pieces' records, one after another, are the records of the whole file:
each piece but the last must end between records as Arrow's own parser
reads it. A cut inside a quoted cell (the quotes miscounted, where a quote
stands inside an unquoted cell) leaves that cell open to the piece's end,
line end and all; so a piece whose last record holds a line end, or that
holds no record, is not trusted, and None tells the caller to read the file
whole (as it does for a small file, or one that is not UTF-8).
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from .csv_layout import CsvLayout
from .cuts import line_end, record_starts
from .held import Held, held_by_name, joined

#: Files smaller than this are read whole (Arrow's threads gain little on them either).
MIN_BYTES = 16 << 20
#: Pieces at most, one a core.
MAX_PIECES = 8

#: What Arrow's reader says of a record with the wrong number of fields.
Malformed = tuple[int, int, str]


def usable_cores() -> int:
    """The cores this process may run on (its affinity, where the system says)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return len(affinity(0))
    return os.cpu_count() or 1  # pragma: no cover - macOS and Windows have no affinity call


def parse_options(layout: CsvLayout, malformed: list[Malformed]) -> pa_csv.ParseOptions:
    """How the report parses a CSV: by its separator, a quoted cell holding line breaks,
    and each record with the wrong number of fields noted in ``malformed`` and skipped."""

    def invalid(row: pa_csv.InvalidRow) -> str:
        malformed.append((row.expected_columns, row.actual_columns, row.text))
        return "skip"

    return pa_csv.ParseOptions(
        delimiter=layout.separator, newlines_in_values=True, invalid_row_handler=invalid
    )


def read_in_pieces(
    path: Path,
    layout: CsvLayout,
    header: Sequence[str],
    convert: pa_csv.ConvertOptions,
    pieces: int | None = None,
) -> tuple[pa.Table, list[Malformed], dict[str, frozenset[bytes]]] | None:
    """The file's records as the whole read gives them, its malformed records, and
    what each column's bytes hold (:mod:`.held`); or None where the file is read
    whole (see the module docstring).

    ``pieces``: how many (default one a usable core, at most :data:`MAX_PIECES`, for a
    file of :data:`MIN_BYTES` or more); given, the file is cut whatever its size.
    """
    wanted = min(usable_cores(), MAX_PIECES) if pieces is None else pieces
    size = path.stat().st_size
    if wanted < 2 or layout.encoding != "utf-8-sig" or size < (MIN_BYTES if pieces is None else 1):
        return None
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        # Cut among the records: the first piece holds the lines above them too.
        body: int | None = 0
        for _ in range(layout.skipped + 1):
            body = line_end(data, body, 0, b"\n") if body is not None else None
        if body is None:
            return None
        starts = [0, *record_starts(data, body, size, wanted, bare_cr=False)[1:]]
    if len(starts) < 2:
        return None
    stops = [*starts[1:], size]
    malformed: list[Malformed] = []

    def read(number: int) -> tuple[pa.Table, Held]:
        first = number == 0
        options = pa_csv.ReadOptions(
            use_threads=False,
            encoding="utf8",  # a byte-order mark, in the first piece, is Arrow's to skip
            column_names=list(header),
            skip_rows=layout.skipped + 1 if first else 0,
        )
        parse = parse_options(layout, malformed)
        with pa.memory_map(str(path)) as source:
            source.seek(starts[number])
            piece = source.read_buffer(stops[number] - starts[number])
            table = pa_csv.read_csv(
                pa.BufferReader(piece), read_options=options, parse_options=parse,
                convert_options=convert,
            )  # fmt: skip
        # Looked at here, each piece on its own thread, while the others are read.
        return table, held_by_name(table)

    try:
        with ThreadPoolExecutor(len(starts) - 1, thread_name_prefix="csv-piece") as others:
            later = [others.submit(read, number) for number in range(1, len(starts))]
            read_pieces = [read(0), *(found.result() for found in later)]
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None  # a piece cut wrongly may not parse: the whole read tells what is wrong
    tables = [table for table, _ in read_pieces]
    if not all(_ends_between_records(table) for table in tables[:-1]):
        return None
    return pa.concat_tables(tables), malformed, joined([found for _, found in read_pieces])


def _ends_between_records(table: pa.Table) -> bool:
    """Whether a piece's last record is whole: it holds no line end (see module docstring)."""
    if table.num_rows == 0:
        return False
    last = table.slice(table.num_rows - 1)
    return not any(pc.any(pc.match_substring(column, "\n")).as_py() for column in last.columns)
