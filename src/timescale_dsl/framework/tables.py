"""Read a framework's tables from CSV, tab-separated text, Markdown or Excel.

Each reader returns :class:`Table` objects holding every cell as written
(HTML tags and Markdown escapes removed, whitespace folded), with where each
row came from, so later stages can name the file and row in their messages.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Sequence
from pathlib import Path

import attrs

from ..errors import TimescaleError
from .spreadsheet import spreadsheet_unguarded


class TableError(TimescaleError):
    """A table cannot be read: unknown format, unreadable file, no header row."""


@attrs.frozen
class Cell:
    text: str
    bold: bool = False


@attrs.frozen
class TableRow:
    cells: tuple[Cell, ...]
    origin: str  # the file
    place: str  # "line 12" or "sheet 'X' row 3"

    @property
    def where(self) -> str:
        return f"{self.origin}, {self.place}"

    def text(self, index: int) -> str:
        return self.cells[index].text if index < len(self.cells) else ""

    @property
    def filled(self) -> list[int]:
        return [i for i, cell in enumerate(self.cells) if cell.text]


@attrs.frozen
class Table:
    """Rows below a header; ``section`` is the heading the table sits under, if any."""

    rows: tuple[TableRow, ...]
    section: str | None
    origin: str


_TAG = re.compile(r"<[^>]*>")
_SUP = re.compile(r"<sup>.*?</sup>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|<>~])")
_SPACE = re.compile(r"\s+")
_BOLD_HTML = re.compile(r"^\s*<(b|strong)>.*</(b|strong)>\s*$", re.IGNORECASE | re.DOTALL)
_BOLD_MD = re.compile(r"^\s*(\*\*|__)(?P<inner>.*)\1\s*$", re.DOTALL)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")


def plain_cell(raw: object) -> Cell:
    """A spreadsheet cell's words as written, whitespace folded."""
    text = "" if raw is None else str(raw)
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    return Cell(_SPACE.sub(" ", text).strip())


def clean_cell(raw: object) -> Cell:
    """A text cell's words as written, without HTML or Markdown markup.

    The cell is bold when the whole of it is (a process heading in a
    document's table).
    """
    text = "" if raw is None else str(raw)
    bold = bool(_BOLD_HTML.match(text))
    markdown_bold = _BOLD_MD.match(text)
    if markdown_bold:
        bold, text = True, markdown_bold.group("inner")
    text = _SUP.sub("", text)
    text = _BREAK.sub(" ", text)
    text = _TAG.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = html.unescape(text)
    return Cell(_SPACE.sub(" ", text).strip(), bold)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(f"{path}: not readable as UTF-8 or Windows-1252 text")


# -- delimited text --------------------------------------------------------------
def read_delimited(text: str, origin: str, delimiter: str) -> list[Table]:
    """CSV or tab-separated text; lines of a tab file without a tab are prose and skipped."""
    rows: list[TableRow] = []
    lines = text.splitlines(keepends=True)
    if delimiter == "\t":
        numbered = [(n, line) for n, line in enumerate(lines, start=1) if "\t" in line]
        reader = csv.reader((line for _, line in numbered), delimiter="\t", quoting=csv.QUOTE_NONE)
        for (number, _), fields in zip(numbered, reader, strict=True):
            rows.append(TableRow(tuple(clean_cell(f) for f in fields), origin, f"line {number}"))
    else:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            for fields in reader:
                if any(f.strip() for f in fields):
                    rows.append(
                        TableRow(
                            tuple(plain_cell(spreadsheet_unguarded(f)) for f in fields),
                            origin,
                            f"line {reader.line_num}",
                        )
                    )
        except csv.Error as error:
            raise TableError(f"{origin}, line {reader.line_num}: {error}") from None
    return [Table(tuple(rows), None, origin)] if rows else []


# -- Markdown --------------------------------------------------------------------
_DIVIDER = re.compile(r"^\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")


def _split_pipe_row(line: str) -> list[str]:
    body = line.strip()
    body = body.removeprefix("|")
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [part.replace("\\|", "|") for part in re.split(r"(?<!\\)\|", body)]


def _plain_heading(lines: Sequence[str], index: int) -> str | None:
    """A short line standing alone between blank lines, not ending like a sentence."""
    line = lines[index].strip()
    before = lines[index - 1].strip() if index > 0 else ""
    after = lines[index + 1].strip() if index + 1 < len(lines) else ""
    if not line or before or after or len(line) > 80 or line.startswith(("|", "-", "*", ">")):
        return None
    cell = clean_cell(line)
    if cell.text.endswith((".", ":", ";", ",", '"', "”")):
        return None
    return cell.text or None


def read_markdown(text: str, origin: str) -> list[Table]:
    """Each pipe table in a Markdown file; the nearest heading above it is its section."""
    lines = text.splitlines()
    tables: list[Table] = []
    section: str | None = None
    current: list[TableRow] = []
    in_table = False
    for index, line in enumerate(lines):
        if line.lstrip().startswith("|"):
            if _DIVIDER.match(line.strip()):
                continue
            if not in_table:
                in_table, current = True, []
            cells = tuple(clean_cell(c) for c in _split_pipe_row(line))
            current.append(TableRow(cells, origin, f"line {index + 1}"))
            continue
        if in_table:
            tables.append(Table(tuple(current), section, origin))
            in_table = False
        heading = _HEADING.match(line)
        if heading:
            section = clean_cell(heading.group("text")).text
        else:
            plain = _plain_heading(lines, index)
            if plain is not None:
                section = plain
    if in_table:
        tables.append(Table(tuple(current), section, origin))
    return tables


# -- Excel -----------------------------------------------------------------------
def read_xlsx(path: Path) -> list[Table]:
    """Each sheet of a workbook is a table; its name is the section unless a column says."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - depends on the installation
        raise TableError(
            f"{path}: reading Excel files needs python-calamine: "
            "pip install 'timescale-dsl[framework]'"
        ) from None
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own error types per format
        raise TableError(f"{path}: not a readable Excel workbook ({error})") from None
    tables = []
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        rows = [
            TableRow(
                tuple(plain_cell(v) for v in values), str(path), f"sheet '{name}' row {number}"
            )
            for number, values in enumerate(sheet.to_python(skip_empty_area=False), start=1)
            if any(str(v).strip() for v in values)
        ]
        if rows:
            tables.append(
                Table(tuple(rows), name if len(workbook.sheet_names) > 1 else None, str(path))
            )
    return tables


# -- dispatch --------------------------------------------------------------------
FORMATS = ("csv", "tsv", "markdown", "xlsx")


def sniff_format(path: Path, text: str | None) -> str:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    if suffix in (".tsv", ".tab"):
        return "tsv"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if text is not None:
        lines = text.splitlines()
        if any(_DIVIDER.match(line.strip()) and "|" in line for line in lines):
            return "markdown"
        if any("\t" in line for line in lines):
            return "tsv"
        if any("," in line for line in lines):
            return "csv"
    raise TableError(
        f"{path}: cannot tell the table format; name the file .csv, .tsv, .md or .xlsx "
        "or give --format"
    )


def read_tables(
    path: Path, text: str | None = None, table_format: str | None = None
) -> list[Table]:
    """Every table in a file (``text`` given when it was read from stdin)."""
    if text is None and not (table_format == "xlsx" or path.suffix.lower() in (".xlsx", ".xlsm")):
        if not path.is_file():
            raise TableError(f"{path}: no such file")
        text = _decode(path)
    kind = table_format or sniff_format(path, text)
    if kind == "xlsx":
        if not path.is_file():
            raise TableError(f"{path}: no such file")
        return read_xlsx(path)
    assert text is not None
    origin = str(path)
    if kind == "markdown":
        return read_markdown(text, origin)
    return read_delimited(text, origin, "\t" if kind == "tsv" else ",")
