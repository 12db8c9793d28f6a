"""How a CSV export is laid out: its encoding, separator, and where its header row is.

Exports come as case-management systems and spreadsheets write them, and an
analyst should not have to re-save one before the report reads it:

* *Encoding.* UTF-8 (with or without Excel's byte-order mark); UTF-16 with
  its byte-order mark (Excel's "Unicode Text"); otherwise, text that is not
  UTF-8 is read as Windows-1252, which is what Excel's plain "CSV (Comma
  delimited)" writes on a UK machine, and the summary says so.
* *Separator.* Comma, semicolon, tab or vertical bar: the one that makes the
  header row come first, then the one giving it more names.
* *Title rows.* The header is the first of the top lines with two or more
  cells filled that reaches as far across as most lines below it, as for a
  workbook (:mod:`.workbook`): a report title, a "Generated, 01/04/2026" line
  and blank lines above it are skipped, and the summary says so. Records are
  numbered from the header (record 1 is below it).
* *Unnamed columns.* Columns past the last name (a spreadsheet's formatting
  carried into the export) are read and must be blank: they are then
  dropped with a note; one holding a value is refused, naming the column.

Only the first 64 KiB (:data:`SNIFF_BYTES`) are looked at here.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence

import attrs

from ...errors import TimescaleError

SNIFF_BYTES = 64 * 1024
#: How far down an export (a CSV's lines, a sheet's rows) its header is looked for.
HEADER_SEARCH_ROWS = 50
#: Records after a candidate header compared with its width.
FIT_RECORDS = 20
SEPARATORS = (",", ";", "\t", "|")
_SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
_SIGNATURES = {
    b"PK\x03\x04": "a zip archive (an Excel .xlsx workbook?): save it as 'CSV UTF-8'",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls workbook: save it as 'CSV UTF-8'",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive: unpack it first",
}
#: Byte-order marks: the file's encoding as the readers are given it (the mark is theirs
#: to skip), and the encoding of the text after the mark.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
WINDOWS = "cp1252"
#: Each encoding by the name an analyst knows it by.
ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", WINDOWS: "Windows-1252"}


class LayoutError(TimescaleError):
    """A file that is not a CSV table (the caller names the file)."""


@attrs.frozen
class CsvLayout:
    """Where a CSV's header and records are, and how to read them."""

    #: Python's name of the encoding: "utf-8-sig" (also plain UTF-8), "utf-16" or "cp1252".
    encoding: str
    separator: str
    #: Lines (records) above the header: a title, a date line, blanks.
    skipped: int
    #: The header's names, less unnamed columns past the last name.
    names: tuple[str, ...]
    #: How many unnamed columns follow the names (read, and dropped when blank).
    unnamed: int = 0

    @property
    def width(self) -> int:
        return len(self.names) + self.unnamed

    @property
    def encoding_name(self) -> str:
        return ENCODING_NAMES[self.encoding]

    @property
    def is_plain(self) -> bool:
        """UTF-8, commas, the header first and every column named: the usual export."""
        return (
            self.encoding == "utf-8-sig"
            and self.separator == ","
            and not self.skipped
            and not self.unnamed
        )

    def notes(self) -> tuple[str, ...]:
        """What the summary should say about reading the file this way."""
        found: list[str] = []
        if self.encoding == WINDOWS:
            found.append(
                "the file is not UTF-8 text: it was read as Windows-1252 (what Excel "
                "saves as 'CSV (Comma delimited)'); save it as 'CSV UTF-8' if letters look wrong"
            )
        if self.separator != ",":
            found.append(f"the file's cells are separated by a {_SEPARATOR_NAMES[self.separator]}")
        if self.skipped:
            found.append(header_below(self.skipped, "line"))
        if self.unnamed:
            found.append(
                f"{self.unnamed} column(s) past the header's last name, with no name and "
                "no value, were left out"
            )
        return tuple(found)


def header_below(skipped: int, unit: str) -> str:
    """The note that the header is below ``skipped`` title lines (``unit``: "line" or
    "row"), for a CSV and a workbook alike."""
    return (
        f"the header is {unit} {skipped + 1}; the {skipped} {unit}(s) above it (a title, "
        "a date line or blank) were skipped, and records are numbered from it"
    )


def csv_layout(head: bytes, complete: bool | None = None) -> CsvLayout:
    """The layout of a CSV whose first bytes are ``head`` (the whole file if ``complete``;
    by default, if it is shorter than :data:`SNIFF_BYTES`)."""
    whole = len(head) < SNIFF_BYTES if complete is None else complete
    if not head.strip():
        raise LayoutError("the file is empty (expected a header row of column names)")
    for signature, what in _SIGNATURES.items():
        if head.startswith(signature):
            raise LayoutError(f"not a CSV table: it looks like {what}")
    encoding, text = _decoded(head, whole)
    if "\x00" in text:
        raise LayoutError("not a CSV table: it holds binary data")
    # The last line may be cut short by the sniff: only whole lines are looked at (all
    # of it when not even the first line ends in it).
    cut = text.rfind("\n")
    lines = text if whole or cut < 0 else text[: cut + 1]
    found = [(header, mark) for mark in SEPARATORS if (header := _header_of(lines, mark))]
    if not found:  # no line of two cells: the first line, read as commas, is the header
        first = next(csv.reader(io.StringIO(lines, newline="")), [])
        return CsvLayout(encoding, ",", 0, tuple(name.strip() for name in first))
    # The header whose records are as wide as it, then the one that comes first, then
    # the one with more names (ties: SEPARATORS' order).
    (skipped, names, _), separator = min(
        found, key=lambda item: (-item[0][2], item[0][0], -len(item[0][1]))
    )
    named = len(names)
    while named and not names[named - 1]:
        named -= 1
    return CsvLayout(encoding, separator, skipped, tuple(names[:named]), len(names) - named)


def _decoded(head: bytes, whole: bool) -> tuple[str, str]:
    for mark, encoding, body in _BOMS:
        if head.startswith(mark):
            try:
                return encoding, _decode(head[len(mark) :], body, whole)
            except UnicodeDecodeError as error:
                at = error.start + len(mark)
                name = ENCODING_NAMES[encoding]
                raise LayoutError(
                    f"not {name} text (byte 0x{head[at]:02x} at offset {at}), though it "
                    f"begins with {name}'s byte-order mark; save the file as 'CSV UTF-8'"
                ) from None
    try:
        return "utf-8-sig", _decode(head, "utf-8-sig", whole)
    except UnicodeDecodeError:
        pass
    try:
        return WINDOWS, head.decode(WINDOWS)
    except UnicodeDecodeError as error:  # a byte Windows-1252 leaves undefined
        raise LayoutError(
            f"not UTF-8 text (byte 0x{head[error.start]:02x} at offset {error.start}), nor "
            "Windows-1252; save the file as 'CSV UTF-8'"
        ) from None


def _decode(head: bytes, encoding: str, whole: bool) -> str:
    """The text of ``head``, allowing a character cut at its end unless it is ``whole``."""
    decoder = codecs.getincrementaldecoder(encoding)()
    return decoder.decode(head, final=whole)


def can_head(record: Sequence[str], following: Sequence[Sequence[str]]) -> bool:
    """Whether ``record`` can be the header above ``following``, the next records with a
    cell filled (as far as :data:`FIT_RECORDS`): it has two cells or more filled, and
    at least half of them are filled no further along than it. Title lines, a "Generated,
    01/04/2026" line or a "Team, All" line are followed by a header and records that
    reach further, even where a spreadsheet has padded every row with blank cells to
    one width; a header is followed by records, of which a few may be malformed."""
    if sum(1 for cell in record if cell.strip()) < 2:
        return False
    reach = _extent(record)
    near = following[:FIT_RECORDS]
    return 2 * sum(_extent(below) <= reach for below in near) >= len(near)


def _extent(record: Sequence[str]) -> int:
    """The place of a record's last filled cell (0: none)."""
    for place in range(len(record), 0, -1):
        if record[place - 1].strip():
            return place
    return 0


def _header_of(text: str, separator: str) -> tuple[int, list[str], float] | None:
    """The records above the header, its names, and the share of the filled records
    after it (as far as :data:`FIT_RECORDS`) that are as wide as it (None: no header).

    The header is the first of the top records with two or more cells filled
    whose next filled record, if the sniff holds one, has two cells or more
    and no more than the header: a title line with this separator in it is
    followed by a header that is wider, or by lines of one cell. The share
    tells a separator's true header from title lines that happen to hold it
    ("Report, all teams" above a header in semicolons).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append([cell.strip() for cell in record])
            if len(records) > HEADER_SEARCH_ROWS:
                break
    except csv.Error:  # not this separator's CSV (a quote left open in the sniff)
        pass
    filled = [index for index, record in enumerate(records) if any(record)]
    for place, index in enumerate(filled):
        names = records[index]
        if index >= HEADER_SEARCH_ROWS:
            continue
        below = [records[i] for i in filled[place + 1 : place + 1 + FIT_RECORDS]]
        if can_head(names, below) and (not below or 2 <= len(below[0]) <= len(names)):
            fit = sum(len(record) == len(names) for record in below) / len(below) if below else 1.0
            return index, names, fit
    return None
