"""A rule file as the staff-facing table: ``timescale export`` (Markdown, HTML, CSV).

Rules are grouped by section and process as the councils' documents are:
each row an activity with its timescale, and a record (system and form) with
its timescale and who makes it; notes become numbered footnotes. The CSV is
one row per rule and reads back with ``timescale import``.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator

import attrs

from ..errors import TimescaleError
from ..ruleset import Rule, Ruleset
from ..syntax import ast
from .spreadsheet import spreadsheet_safe

FORMATS = ("markdown", "html", "csv")
CSV_COLUMNS = (
    "id",
    "section",
    "process",
    "task",
    "timescale",
    "recorded in",
    "form",
    "recorded by",
    "source",
    "note",
)
_HEADINGS = (
    "Process",
    "Activity",
    "Activity timescale",
    "Record / system / form",
    "Record timescale",
    "Who records it",
)


@attrs.define
class _Row:
    activity: Rule | None = None
    record: Rule | None = None


@attrs.frozen
class _Group:
    section: str | None
    process: str | None
    rows: tuple[_Row, ...]


def _is_record(rule: Rule) -> bool:
    return bool(rule.recorded_in or rule.form)


def _groups(ruleset: Ruleset) -> Iterator[_Group]:
    """Consecutive rules of one section and process, paired into table rows."""
    key: tuple[str | None, str | None] | None = None
    rows: list[_Row] = []
    for rule in ruleset:
        here = (rule.section, rule.process)
        if here != key:
            if key is not None and rows:
                yield _Group(key[0], key[1], tuple(rows))
            key, rows = here, []
        if not _is_record(rule):
            rows.append(_Row(activity=rule))
        elif rows and rows[-1].record is None:
            rows[-1].record = rule
        else:
            rows.append(_Row(record=rule))
    if key is not None and rows:
        yield _Group(key[0], key[1], tuple(rows))


def _sections(ruleset: Ruleset) -> list[tuple[str | None, list[_Group]]]:
    sections: list[tuple[str | None, list[_Group]]] = []
    for group in _groups(ruleset):
        if not sections or sections[-1][0] != group.section:
            sections.append((group.section, []))
        sections[-1][1].append(group)
    return sections


def staff_timescale(rule: Rule) -> str:
    """The timescale as staff read it: the rule's statement, or the wording kept for review."""
    timescale = rule.statement.timescale
    if isinstance(timescale, ast.NoFixedTimescale):
        return timescale.wording or "No fixed timescale"
    text = _RULE_REF.sub(lambda m: _referenced_task(rule, m.group(1)), rule.timescale)
    return text[:1].upper() + text[1:]


_RULE_REF = re.compile(r"\[([a-z0-9][a-z0-9._-]*)\]", re.IGNORECASE)


def _referenced_task(rule: Rule, rule_id: str) -> str:
    """Staff know tasks, not ids: ``[fsa-form]`` reads "the deadline for <its task>"."""
    try:
        return f"the deadline for {rule.referenced(rule_id).task}"
    except TimescaleError:
        return f"[{rule_id}]"


def record_name(rule: Rule) -> str:
    return ": ".join(part for part in (rule.recorded_in, rule.form) if part)


class _Notes:
    """Footnote numbers in reading order."""

    def __init__(self) -> None:
        self.notes: list[tuple[int, Rule]] = []

    def number(self, rule: Rule | None) -> int | None:
        if rule is None or not rule.note:
            return None
        self.notes.append((len(self.notes) + 1, rule))
        return len(self.notes)


# -- Markdown --------------------------------------------------------------------
def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def to_markdown(ruleset: Ruleset) -> str:
    notes = _Notes()
    lines = [f"# {_md(ruleset.title or ruleset.path)}", ""]
    for section, groups in _sections(ruleset):
        if section:
            lines += [f"## {_md(section)}", ""]
        lines.append("| " + " | ".join(_HEADINGS) + " |")
        lines.append("|" + "---|" * len(_HEADINGS))
        for group in groups:
            for index, row in enumerate(group.rows):
                cells = _row_cells(group, index, row, notes)
                marked = [_md(text) + (f"[^{n}]" if n else "") for text, n in cells]
                lines.append("| " + " | ".join(marked) + " |")
        lines.append("")
    if notes.notes:
        lines += ["## Notes", ""]
        for number, rule in notes.notes:
            lines.append(f"[^{number}]: [{rule.id}] {_md(rule.note or '')}")
        lines.append("")
    return "\n".join(lines)


def _row_cells(group: _Group, index: int, row: _Row, notes: _Notes) -> list[tuple[str, int | None]]:
    """Six cells of (text, footnote number or None)."""
    process = (group.process or "") if index == 0 else ""
    activity, record = row.activity, row.record
    task = activity.task if activity else ""
    if record is not None and activity is None and record.task != record.form:
        task = record.task  # an activity that is itself recorded: its name is not the form's
    return [
        (process, None),
        (task, None),
        (staff_timescale(activity) if activity else "", notes.number(activity)),
        (record_name(record) if record else "", None),
        (staff_timescale(record) if record else "", notes.number(record)),
        (_recorded_by(row), None),
    ]


def _recorded_by(row: _Row) -> str:
    for rule in (row.record, row.activity):
        if rule is not None and rule.recorded_by:
            return rule.recorded_by
    return ""


# -- HTML ------------------------------------------------------------------------
_STYLE = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; background: #ffffff;
       font-size: 10.5pt; line-height: 1.4; margin: 1.5em; }
h1 { font-size: 1.6em; margin: 0 0 0.6em; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1.5em; }
caption { text-align: left; font-size: 1.25em; font-weight: bold; padding: 0.4em 0; }
th, td { border: 1px solid #595959; padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
thead th { background: #e6e6e6; color: #000000; }
tbody th { font-weight: bold; background: #f2f2f2; color: #000000; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
sup a { color: #0b4f9c; }
ol.notes { font-size: 0.95em; }
@media print { body { margin: 0; } a { color: #000000; } }
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def to_html(ruleset: Ruleset) -> str:
    notes = _Notes()
    title = ruleset.title or ruleset.path
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_h(title)}</h1>",
    ]
    for section, groups in _sections(ruleset):
        out.append("<table>")
        out.append(f"<caption>{_h(section or 'Timescales')}</caption>")
        out.append("<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in _HEADINGS))
        out.append("</tr></thead>")
        for group in groups:
            out.append("<tbody>")
            for index, row in enumerate(group.rows):
                cells = _row_cells(group, index, row, notes)
                parts = []
                if index == 0:
                    span = f' rowspan="{len(group.rows)}"' if len(group.rows) > 1 else ""
                    parts.append(f'<th scope="rowgroup"{span}>{_h(cells[0][0])}</th>')
                for text, number in cells[1:]:
                    mark = (
                        f'<sup><a href="#note-{number}" id="ref-{number}" '
                        f'aria-label="note {number}">{number}</a></sup>'
                        if number
                        else ""
                    )
                    parts.append(f"<td>{_h(text)}{mark}</td>")
                out.append("<tr>" + "".join(parts) + "</tr>")
            out.append("</tbody>")
        out.append("</table>")
    if notes.notes:
        out.append('<h2 id="notes">Notes</h2>')
        out.append('<ol class="notes">')
        for number, rule in notes.notes:
            out.append(
                f'<li id="note-{number}">{_h(rule.note or "")} '
                f'<a href="#ref-{number}" aria-label="back to the table">↩</a></li>'
            )
        out.append("</ol>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


# -- CSV -------------------------------------------------------------------------
def csv_row(rule: Rule) -> list[str]:
    values = (
        rule.id,
        rule.section,
        rule.process,
        rule.task,
        rule.timescale,
        rule.recorded_in,
        rule.form,
        rule.recorded_by,
        rule.source,
        rule.note,
    )
    return [spreadsheet_safe(value or "") for value in values]


def to_csv(ruleset: Ruleset) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for rule in ruleset:
        writer.writerow(csv_row(rule))
    return buffer.getvalue()


def export(ruleset: Ruleset, fmt: str) -> str:
    writers = {"markdown": to_markdown, "html": to_html, "csv": to_csv}
    return writers[fmt](ruleset)
