"""Table rows -> activities and their records, joining rows a document split.

A framework table puts one activity per row, but real documents cut a cell
across rows (page breaks, merged cells): a row with no task continues the
activity above it, its timescale words joining the activity's and its record
cells adding a record; an empty process cell repeats the process above; a row
with only its first cell filled is a heading for the rows below.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .columns import assign_roles, is_header
from .tables import Table, TableError, TableRow


@attrs.define
class Record:
    """A record named for an activity, with its own timescale and who makes it."""

    recorded_in: str
    timescale: str
    recorded_by: str
    where: str


@attrs.define
class Activity:
    """One task of the table with everything its row (and continuation rows) said."""

    section: str | None
    process: str | None
    task: str
    timescale: str
    where: list[str]
    fields: dict[str, str]  # id, recorded in, form, recorded by, source, note
    records: list[Record] = attrs.field(factory=list)


@attrs.frozen
class Reading:
    activities: tuple[Activity, ...]
    rows_read: int
    has_record_timescales: bool


def _join(first: str, second: str) -> str:
    return f"{first} {second}".strip() if first else second


def _continues(row_timescale: str, previous: Activity | None) -> bool:
    """A row whose timescale finishes the sentence above continues that row.

    The sign is a cut-off cell: the wording above leaves a bracket open and
    this one starts in lower case ("... (or any unplanned change in" then
    "placement). Then within 3 months ...").
    """
    if previous is None or not row_timescale or not previous.timescale:
        return False
    open_bracket = previous.timescale.count("(") > previous.timescale.count(")")
    return open_bracket and row_timescale[0].islower()


@attrs.frozen
class _RowView:
    """A row read through its table's column roles."""

    row: TableRow
    roles: Mapping[str, int]

    def has(self, role: str) -> bool:
        return role in self.roles

    def get(self, role: str) -> str:
        return self.row.text(self.roles[role]) if role in self.roles else ""

    def record(self) -> Record | None:
        """The record this row names, when the table has a record timescale column."""
        recorded_in, when = self.get("recorded in"), self.get("record timescale")
        if not self.has("record timescale") or not (recorded_in or when):
            return None
        return Record(recorded_in, when, self.get("recorded by"), self.row.where)


def read_activities(tables: Sequence[Table], overrides: Mapping[str, str]) -> Reading:
    activities: list[Activity] = []
    rows_read = 0
    any_record_timescale = False
    found_header = False
    for table in tables:
        roles: dict[str, int] | None = None
        section = table.section
        process: str | None = None
        previous: Activity | None = None
        header: list[str] | None = None
        for row in table.rows:
            texts = [cell.text for cell in row.cells]
            if texts == header:
                continue  # the header repeated on a new page
            if header is None and is_header(texts, overrides):
                header, roles = texts, assign_roles(texts, overrides)
                found_header = True
                continue
            if roles is None:
                continue  # prose above the table's header
            rows_read += 1
            view = _RowView(row, roles)
            if row.filled == [0] and len(roles) > 1:
                section, process, previous = row.text(0), None, None
                continue
            any_record_timescale |= view.has("record timescale")
            if view.get("id"):  # a row of our own CSV says everything; nothing carries down
                section = view.get("section") or None
                process = view.get("process") or None
            else:
                section = view.get("section") or section
                process = view.get("process") or process
            task = view.get("task") if view.has("task") else view.get("process")
            timescale = view.get("timescale")
            record = view.record()
            # Rows with ids (our own CSV) are rules each; only a document's rows continue.
            continues = not task or _continues(timescale, previous)
            if previous is not None and not view.get("id") and continues:
                if task:
                    if previous.process == previous.task:
                        previous.process = _join(previous.process, task)
                    previous.task = _join(previous.task, task)
                if task or timescale:
                    previous.timescale = _join(previous.timescale, timescale)
                    previous.where.append(row.place)
                if record is not None:
                    previous.records.append(record)
                continue
            if not task and not timescale and record is None:
                continue
            fields = {r: view.get(r) for r in ("id", "recorded in", "form", "source", "note")}
            if not view.has("record timescale"):
                fields["recorded by"] = view.get("recorded by")
            previous = Activity(
                section,
                process if view.has("process") else task,
                task or process or "",
                timescale,
                [row.place],
                fields,
            )
            if record is not None:
                previous.records.append(record)
            activities.append(previous)
    if not found_header:
        origins = ", ".join(sorted({t.origin for t in tables})) or "the input"
        raise TableError(
            f"{origins}: no header row naming a task and a timescale column; "
            "name them with --column 'HEADER=task' --column 'HEADER=timescale'"
        )
    return Reading(tuple(activities), rows_read, any_record_timescale)
