"""Event logs in: CSV (Excel's UTF-8 with BOM and CRLF too), Parquet, or a DataFrame.

Every CSV cell is read as text (dates are read later, exactly), so nothing
is reinterpreted on the way in. A file that is not a table, or lacks the
required columns, fails at once with an :class:`EventsError` that names the
file and what is missing. A CSV line with the wrong number of fields does
not stop the run: it becomes a rejected row with its row number.

Rows are numbered from 1 for the first record after the header, in every
input (blank lines are not records); the rejects file repeats each row's
cells so it can be found.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from ...engine.moments import IntArray
from ...errors import TimescaleError
from ...syntax.names import column_key
from .csv_layout import SNIFF_BYTES, CsvLayout, LayoutError, csv_layout
from .held import EXCEL_TEXT, LINE_BREAK, Held, held_by_name
from .pieces import Malformed, parse_options, read_in_pieces
from .textdates import blank_texts

if TYPE_CHECKING:  # pandas is imported where a frame is made, so that a CSV's read
    import pandas as pd  # can begin on its own thread while pandas loads (see .readahead)

PARQUET_MAGIC = b"PAR1"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


class EventsError(TimescaleError):
    """An event log that cannot be read as a table, or lacks what the report needs."""


def _pairs(items: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(column), str(fact)) for column, fact in items)


@attrs.frozen
class ColumnMap:
    """Which input columns hold the child, the rule and the completion moment."""

    child_id: str = "child_id"
    rule: str = "rule"
    completed_at: str = "completed_at"
    #: (input column, fact) pairs: columns that feed facts under other names.
    facts: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)

    def required(self) -> dict[str, str]:
        return {"child_id": self.child_id, "rule": self.rule, "completed_at": self.completed_at}


@attrs.frozen(eq=False)
class MalformedRow:
    """A CSV line that is not a row of the table (wrong number of fields)."""

    row: int
    reason: str
    text: str


@attrs.frozen(eq=False)
class EventLog:
    """The rows read, their row numbers, and lines that could not be rows."""

    frame: pd.DataFrame
    rows: IntArray
    source: str
    malformed: tuple[MalformedRow, ...] = ()
    #: What reading noticed that the summary should say (lines joined by an open quote).
    notes: tuple[str, ...] = ()
    #: A workbook's sheets, the one read first (none for other inputs).
    sheets: tuple[str, ...] = ()

    @property
    def rows_read(self) -> int:
        return len(self.frame) + len(self.malformed)


def read_events(
    source: str | Path | pd.DataFrame, name: str | None = None, sheet: str | None = None
) -> EventLog:
    """An event log from a CSV, Parquet or .xlsx file, or a DataFrame (rows numbered from 1)."""
    if not isinstance(source, (str, Path)):  # a DataFrame
        frame = source.reset_index(drop=True)
        return EventLog(frame, np.arange(1, len(frame) + 1, dtype=np.int64), name or "<frame>")
    path = Path(source)
    label = name or str(source)
    if not path.is_file():
        raise EventsError(f"{label}: no such file")
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if head.startswith(PARQUET_MAGIC) or path.suffix.lower() in (".parquet", ".pq"):
        return _read_parquet(path, label)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from .workbook import read_workbook

        frame, numbers, notes, sheets = read_workbook(path, label, sheet)
        _check_header([str(c) for c in frame.columns], label)
        return EventLog(frame, numbers, label, notes=notes, sheets=sheets)
    if sheet is not None:
        raise EventsError(f"{label}: --sheet {sheet}: only a workbook (.xlsx) has sheets")
    return _read_csv(path, label, head)


# -- Parquet ---------------------------------------------------------------------
def _read_parquet(path: Path, label: str) -> EventLog:
    # Imported for Parquet alone: it loads Arrow's filesystems, and a CSV's read (begun
    # on a thread of its own while the report loads) would wait for them.
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as error:
        raise EventsError(f"{label}: not a readable Parquet table: {error}") from None
    nested = [f for f in table.schema if pa.types.is_nested(f.type)]
    if nested:
        names = ", ".join(f"'{f.name}' ({f.type})" for f in nested)
        raise EventsError(
            f"{label}: column(s) {names} hold lists or records; the report reads flat "
            "columns of text, dates and numbers: drop or flatten them first"
        )
    frame = table.to_pandas()
    return EventLog(frame, np.arange(1, len(frame) + 1, dtype=np.int64), label)


# -- CSV ------------------------------------------------------------------------
def _read_csv(path: Path, label: str, head: bytes) -> EventLog:
    head, complete = _first_lines(path, head)
    layout = _layout(head, label, complete)
    _check_header(list(layout.names), label)
    header = [*layout.names, *_unnamed(layout)]
    source: Path | pa.BufferReader = path
    if b"\r" in head and b"\n" not in head:
        # Old Mac line endings (a bare CR): neither reader splits lines on them.
        data = path.read_bytes().replace(b"\r", b"\n")
        source = pa.BufferReader(data)
    elif b"\n" not in head.rstrip(b"\r") and len(head) < SNIFF_BYTES:
        # The whole file is the header row: no records.
        import pandas as pd

        frame = pd.DataFrame({name: pd.Series([], dtype="str") for name in layout.names})
        return EventLog(frame, np.arange(0, dtype=np.int64), label)
    # Large strings: pandas keeps them as they are, without a copy.
    types = {name: pa.large_string() for name in header}
    malformed: list[Malformed] = []
    convert = pa_csv.ConvertOptions(
        column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False
    )
    try:
        pieces = read_in_pieces(path, layout, header, convert) if source is path else None
        if pieces is not None:
            table, malformed, found = pieces
        else:
            table = _read_whole(source, layout, header, convert, malformed)
            found = None
    except pa.ArrowInvalid as error:
        raise EventsError(f"{label}: not a readable CSV table: {_arrow_message(error)}") from None
    except UnicodeDecodeError as error:  # Windows-1252 or UTF-16 read on past the sniff
        raise _not_text(label, layout, error) from None
    if malformed:
        # Arrow does not say where a bad line was; read again, slowly, to number it.
        try:
            text = None if isinstance(source, Path) else data.decode(layout.encoding)
            return read_csv_exactly(path, label, header, text, layout)
        except UnicodeDecodeError as error:
            raise _not_text(label, layout, error) from None
    # What each column's bytes hold, looked at once for both searches below.
    found = found if found is not None else held_by_name(table)
    table, notes = _finished(table, layout, label, found)
    frame = table.to_pandas()
    rows = np.arange(1, len(frame) + 1, dtype=np.int64)
    swallowed = _swallowed_lines(table, layout.separator, found)
    return EventLog(frame, rows, label, notes=(*notes, *swallowed))


def _read_whole(
    source: Path | pa.BufferReader,
    layout: CsvLayout,
    header: list[str],
    convert: pa_csv.ConvertOptions,
    malformed: list[Malformed],
) -> pa.Table:
    """The whole file read at once, on Arrow's threads; malformed records into ``malformed``."""
    return pa_csv.read_csv(
        source,
        read_options=pa_csv.ReadOptions(
            encoding=_ARROW_ENCODINGS.get(layout.encoding, layout.encoding),
            column_names=header,
            skip_rows=layout.skipped + 1,
        ),
        parse_options=parse_options(layout, malformed),
        convert_options=convert,
    )


def _finished(
    table: pa.Table, layout: CsvLayout, label: str, found: Held | None = None
) -> tuple[pa.Table, tuple[str, ...]]:
    """A CSV's records as read, less its blank unnamed columns and with Excel's ="..."
    cells unwrapped; and the notes on how the file was read (``found``: as for
    :func:`unwrap_excel_text`)."""
    table, unwrapped = unwrap_excel_text(_without_unnamed(table, layout, label), found)
    return table, (*layout.notes(), *unwrapped)


#: Python's names of encodings as Arrow's reader takes them (UTF-8 it reads itself).
_ARROW_ENCODINGS = {"utf-8-sig": "utf8"}


def _not_text(label: str, layout: CsvLayout, error: UnicodeDecodeError) -> EventsError:
    byte = error.object[error.start : error.start + 1].hex()
    return EventsError(
        f"{label}: the file began as {layout.encoding_name} text but holds byte 0x{byte} "
        "further on, which is not; save the file as 'CSV UTF-8'"
    )


#: How far a header row is read when it is longer than the sniff (thousands of columns).
_LONGEST_HEADER = 16 << 20


def _first_lines(path: Path, head: bytes) -> tuple[bytes, bool]:
    """The sniff, read on until it holds a line end when the header is longer than it;
    and whether that is the whole file."""
    if len(head) < SNIFF_BYTES or b"\n" in head or b"\r" in head:
        return head, len(head) < SNIFF_BYTES
    with path.open("rb") as handle:
        longer = handle.read(_LONGEST_HEADER)
    return longer, len(longer) < _LONGEST_HEADER


def _layout(head: bytes, label: str, complete: bool | None = None) -> CsvLayout:
    try:
        return csv_layout(head, complete)
    except LayoutError as error:
        raise EventsError(f"{label}: {error}") from None


def _unnamed(layout: CsvLayout) -> list[str]:
    """Stand-in names for the columns past the header's last name (never a real name:
    the header's names hold no line break)."""
    return [f"\n(unnamed {number})" for number in range(len(layout.names) + 1, layout.width + 1)]


def _without_unnamed(table: pa.Table, layout: CsvLayout, label: str) -> pa.Table:
    """The table less its unnamed columns, each of which must be blank."""
    for number, name in enumerate(_unnamed(layout), start=len(layout.names) + 1):
        column = table.column(name)
        rows = np.flatnonzero(~blank_texts(column))
        if len(rows):
            value = str(column[int(rows[0])])
            raise EventsError(
                f"{label}: column {number} has no name in the header row but holds "
                f"'{value}' (record {rows[0] + 1}); give it a name, or remove it"
            )
        table = table.drop_columns([name])
    return table


_EXCEL_TEXT = r'^="(.*)"$'


def unwrap_excel_text(
    table: pa.Table, found: Held | None = None
) -> tuple[pa.Table, tuple[str, ...]]:
    """Cells written as Excel's text formula (``="0123"``, an export's way to keep a
    value as text) read as the text inside; and a note of how many there were.

    ``found``: what each column's bytes hold, where the caller has looked already.
    """
    found = found if found is not None else held_by_name(table, (EXCEL_TEXT,))
    count = 0
    for index, column in enumerate(table.columns):
        if EXCEL_TEXT not in found[table.column_names[index]]:
            continue
        wrapped = pc.fill_null(pc.match_substring_regex(column, _EXCEL_TEXT), False)
        cells = pc.sum(wrapped).as_py() or 0
        if not cells:
            continue
        count += cells
        inner = pc.replace_substring_regex(column, _EXCEL_TEXT, r"\1")
        table = table.set_column(index, table.field(index), inner)
    if not count:
        return table, ()
    return table, (
        f'{count} cell(s) written as ="..." (Excel\'s text formula) were read as the text inside',
    )


def _swallowed_lines(table: pa.Table, separator: str, found: Held) -> tuple[str, ...]:
    """Notes on cells that hold lines looking like rows of their own: a quote left open.

    A quoted cell may hold line breaks (a note written over several lines);
    a line inside it with a separator for every column but one looks like a
    record that an unclosed quote swallowed, and the summary says how many
    lines of the file went into such cells (``found``: what each column's bytes hold).
    """
    if table.num_columns < 2 or not table.num_rows:
        return ()
    mark = re.escape(separator)
    pattern = r"\n([^\n]*" + mark + "){" + str(table.num_columns - 1) + "}"
    lines = np.zeros(table.num_rows, dtype=np.int64)
    for name, column in zip(table.column_names, table.columns, strict=True):
        if LINE_BREAK not in found[name]:
            continue
        suspect = pc.match_substring_regex(column, pattern).to_numpy(zero_copy_only=False)
        if suspect.any():
            inner = pc.utf8_rtrim(column, characters="\r\n")  # the last line's own end
            breaks = pc.count_substring(inner, "\n").to_numpy(zero_copy_only=False)
            lines = np.maximum(lines, np.where(suspect, breaks, 0))
    rows = np.flatnonzero(lines)
    if not len(rows):
        return ()
    shown = ", ".join(str(r + 1) for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
    return (
        f"{int(lines.sum())} line(s) of the file were read inside the cells of "
        f"{len(rows)} row(s) ({shown}) and look like rows of their own; "
        'is a quote (") left open?',
    )


def csv_header(head: bytes, label: str) -> list[str]:
    """The header row of a CSV laid out plainly (UTF-8, commas, the header first, every
    column named), as a reader of byte ranges needs it; other layouts fail here, saying
    what to change. A file that is not UTF-8 text fails with what it looks like."""
    layout = _layout(head, label)
    if not layout.is_plain:
        said = "; ".join(layout.notes()) or "some columns of the header row have no name"
        raise EventsError(
            f"{label}: {said}: read in byte ranges, a CSV must be UTF-8 with commas, the "
            "header first and every column named (save it as 'CSV UTF-8', or read it "
            "with timescale report)"
        )
    _check_header(list(layout.names), label)
    return list(layout.names)


def _check_header(names: list[str], label: str) -> None:
    """Refuse a header with no names, an empty name, or two names that fold together."""
    if not any(names):
        raise EventsError(f"{label}: the first line is not a header row of column names")
    seen: dict[str, str] = {}
    for name in names:
        key = column_key(name)
        if not key:
            raise EventsError(f"{label}: the header row has an empty column name")
        if key in seen:
            raise EventsError(
                f"{label}: columns '{seen[key]}' and '{name}' have the same name "
                "(names are compared ignoring case, spaces, underscores and hyphens)"
            )
        seen[key] = name


def read_csv_exactly(
    path: Path,
    label: str,
    header: Sequence[str],
    text: str | None = None,
    layout: CsvLayout | None = None,
) -> EventLog:
    """Python's csv module, numbering rows, for a file with malformed lines.

    A malformed record that spans several lines of the file (a quote left
    open swallows the lines after it) says which lines, and the summary
    notes them, so no line goes missing unseen.
    """
    records: list[list[str]] = []
    numbers: list[int] = []
    malformed: list[MalformedRow] = []
    notes: list[str] = []
    width = len(header)
    layout = layout or CsvLayout("utf-8-sig", ",", 0, tuple(header))
    with (
        io.StringIO(text, newline="") if text is not None
        else path.open(encoding=layout.encoding, newline="")
    ) as handle:  # fmt: skip
        reader = csv.reader(handle, delimiter=layout.separator)
        number = 0
        for record, first_line, last_line in _records(reader, label, layout.skipped):
            if not record:
                continue  # a blank line is not a row (Arrow skips it too)
            number += 1
            if len(record) == width:
                records.append(record)
                numbers.append(number)
                continue
            reason = f"expected {width} fields, found {len(record)}"
            if last_line > first_line:
                lines = last_line - first_line + 1
                reason += (
                    f"; lines {first_line}-{last_line} of the file were read as this one row "
                    "(a quote left open?)"
                )
                notes.append(
                    f"row {number}: {lines} lines of the file ({first_line}-{last_line}) "
                    'were read as one rejected row; is a quote (") left open?'
                )
            malformed.append(MalformedRow(number, reason, ",".join(record)))
    columns = list(zip(*records, strict=True)) or [() for _ in header]
    table = pa.table(
        {
            name: pa.array(column, pa.large_string())
            for name, column in zip(header, columns, strict=True)
        }
    )
    found = held_by_name(table)
    table, read_notes = _finished(table, layout, label, found)
    # A quote left open may also swallow lines into a record of the right width: said
    # as the fast read says it, whichever read met the file.
    swallowed = _swallowed_lines(table, layout.separator, found)
    frame = table.to_pandas()
    numbered = np.array(numbers, dtype=np.int64)
    return EventLog(frame, numbered, label, tuple(malformed), (*read_notes, *swallowed, *notes))


def _records(reader: Any, label: str, skipped: int = 0) -> Iterator[tuple[list[str], int, int]]:
    """The records after the header (which has ``skipped`` lines above it), each with the
    first and last line of the file it spans.

    What Python's csv module cannot read is an EventsError naming the line.
    """
    line = 0
    try:
        for _ in range(skipped + 1):
            next(reader, None)
        line = reader.line_num
        for record in reader:
            yield record, line + 1, reader.line_num
            line = reader.line_num
    except csv.Error as error:
        raise EventsError(
            f"{label}: not a readable CSV table from line {line + 1}: {error} "
            "(is a quote left open?)"
        ) from None


def _arrow_message(error: Exception) -> str:
    return re.sub(r"\s+", " ", str(error)).strip()


# -- columns ----------------------------------------------------------------------
def find_columns(frame: pd.DataFrame | Iterable[str]) -> dict[str, str]:
    """Input column names by their folded key (case, spaces, underscores, hyphens)."""
    found: dict[str, str] = {}
    for name in frame:  # a DataFrame's own iteration gives its column names
        key = column_key(str(name))
        if key in found:
            raise EventsError(
                f"columns '{found[key]}' and '{name}' have the same name "
                "(names are compared ignoring case, spaces, underscores and hyphens)"
            )
        found[key] = str(name)
    return found


#: Words case-management exports name each role's column with, most telling first:
#: they suggest a mapping when a column is missing, never make one.
_ROLE_WORDS: Final = {
    "child_id": ("child", "person", "client", "young person", "pupil", "case", "id"),
    "rule": ("rule", "form", "step", "task", "activity", "episode", "event type", "type"),
    "completed_at": ("completed", "completion", "complete", "authorised", "authorized"),
}
_ROLE_OPTIONS: Final = {
    "child_id": "--child-column",
    "rule": "--rule-column",
    "completed_at": "--completed-column",
}


def _likely_roles(names: list[str], roles: list[str]) -> list[tuple[str, str]]:
    """For each role, the one column whose name holds its most telling word, if one does."""
    found: list[tuple[str, str]] = []
    taken: set[str] = set()
    for role in roles:
        for word in _ROLE_WORDS.get(role, ()):
            pattern = re.compile(rf"(^|[^a-z]){re.escape(word)}([^a-z]|$)")
            alike = [n for n in names if n not in taken and pattern.search(n.casefold())]
            if len(alike) == 1:
                found.append((role, alike[0]))
                taken.add(alike[0])
            if alike:  # several alike: say nothing rather than guess between them
                break
    return found


def required_columns(log: EventLog, columns: ColumnMap) -> dict[str, str]:
    """The actual names of the child, rule and completion columns; fails naming any missing."""
    found = find_columns(log.frame)
    resolved: dict[str, str] = {}
    missing: list[str] = []
    for role, wanted in columns.required().items():
        actual = found.get(column_key(wanted))
        if actual is None:
            missing.append(wanted if wanted == role else f"{wanted} (for {role})")
        else:
            resolved[role] = actual
    if missing:
        have = ", ".join(str(c) for c in log.frame.columns) or "none"
        advice = "map other names with --child-column, --rule-column, --completed-column"
        likely = _likely_roles(
            [str(c) for c in log.frame.columns if str(c) not in resolved.values()],
            [role for role in columns.required() if role not in resolved],
        )
        if likely:
            advice += "; likely " + ", ".join(f"{_ROLE_OPTIONS[r]} '{c}'" for r, c in likely)
        if len(log.frame.columns) == 1:  # no event log: a title line, or another sheet
            workbook = Path(log.source).suffix.lower() in WORKBOOK_SUFFIXES
            advice = (
                "is it the right sheet? Name the log's sheet with --sheet"
                if workbook
                else "is the first line a title? The header row of column names must come first"
            )
        if len(log.sheets) > 1:  # the first sheet, read by default, may be a cover or summary
            others = ", ".join(f"'{name}'" for name in log.sheets[1:])
            advice += f" (read: sheet '{log.sheets[0]}'; the workbook also has {others})"
        raise EventsError(
            f"{log.source}: missing required column(s): {', '.join(missing)} "
            f"(columns found: {have}); {advice}"
        )
    return resolved
