"""A summary as text for people (a terminal table), CSV or JSON for machines; per-row files.

The HTML report is in :mod:`.html`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from ...status import STATUSES
from ..summarising.summary import ALL_RULES, DUE_MONTH, GroupSummary, Summary
from .safe_csv import neutralise_frame, neutralise_table

ALL_MONTHS = "(all months)"

_HEADINGS = (
    ("rows", "rows"),
    ("on time", "on_time"),
    ("late", "late"),
    ("early", "early"),
    ("overdue", "overdue"),
    ("open", "open"),
    ("no ts", "no_timescale"),
    ("% on time", "pct_on_time"),
    ("late med", "late_median_working_days"),
    ("late p90", "late_p90_working_days"),
    ("rejected", "rejected"),
)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _table(headings: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int) -> list[str]:
    widths = [len(h) for h in headings]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.rjust(w) if i >= numeric_from else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return [line(headings), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _group_rows(
    groups: Sequence[GroupSummary], keys: Sequence[str], rejected: bool
) -> list[list[str]]:
    rows = []
    for group in groups:
        data = group.to_dict()
        cells = [group.rule, *(str(data.get(k, "")) for k in keys)]
        cells += [
            _cell(data.get(field)) for _, field in _HEADINGS if rejected or field != "rejected"
        ]
        rows.append(cells)
    return rows


def _headline_rows(groups: Sequence[GroupSummary], keys: Sequence[str]) -> list[list[str]]:
    rows = []
    for group in groups:
        data = group.to_dict()
        cells = [str(data.get(k, "")) for k in keys]
        cells += [_cell(data.get(field)) for _, field in _HEADINGS if field != "rejected"]
        rows.append(cells)
    return rows


def headline_lines(summary: Summary) -> list[str]:
    """Across all rules, per value of the ``by`` columns: what a manager reads first."""
    if not summary.by:
        return []
    headings = [h for h, f in _HEADINGS if f != "rejected"]
    out: list[str] = []
    if summary.totals_all_months:
        keys = summary.headline_by
        out += [f"headline: all rules, per {', '.join(keys)} (all months)", ""]
        rows = _headline_rows(summary.totals_all_months, keys)
        out += _table([*keys, *headings], rows, len(keys))
        out.append("")
    out += [f"headline: all rules, per {', '.join(summary.by)}", ""]
    out += _table(
        [*summary.by, *headings], _headline_rows(summary.totals, summary.by), len(summary.by)
    )
    return [*out, ""]


def render_table(summary: Summary, width: int = 100) -> str:
    """The summary as a readable terminal table."""
    out = [
        f"Timeliness of {summary.source} against {summary.ruleset}, as of "
        f"{summary.as_of.isoformat()}",
        f"rows read {summary.rows_read}: evaluated {summary.rows_evaluated}, "
        f"rejected {summary.rows_rejected}",
        "statuses: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in summary.statuses.items()),
        f"on time: {_cell(summary.pct_on_time)}% of records due or done "
        "(on time, late, early, overdue); lateness in working days",
        "",
        *headline_lines(summary),
    ]
    if summary.by:
        out += ["per rule:", ""]
    headings = ["rule", *(h for h, _ in _HEADINGS)]
    out += _table(headings, _group_rows(summary.rules, (), True), 1)
    if summary.by:
        out += ["", "by " + ", ".join(summary.by) + ":"]
        headings = ["rule", *summary.by, *(h for h, f in _HEADINGS if f != "rejected")]
        out += _table(headings, _group_rows(summary.groups, summary.by, False), 1 + len(summary.by))
    if summary.reject_reasons:
        out += ["", "rejected rows, by reason:"]
        out += [f"  {count:>7}  {reason}" for reason, count in summary.reject_reasons]
    if summary.warnings:
        out += ["", "warnings:", *(f"  {w}" for w in summary.warnings)]
    return "\n".join(out) + "\n"


def render_json(summary: Summary) -> str:
    return json.dumps(summary.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render_csv(summary: Summary) -> str:
    """One line per rule (and per group, when grouped): the figures of the table.

    Grouped, it leads with the headline: lines with rule ``(all rules)`` per
    group (and per group across months, due_month ``(all months)``).
    """
    groups = summary.groups if summary.by else summary.rules
    records = [g.to_dict() for g in groups]
    if summary.by:
        across = [
            {"rule": ALL_RULES, "task": "", DUE_MONTH: ALL_MONTHS, **t.to_dict()}
            for t in summary.totals_all_months
        ]
        totals = [{"rule": ALL_RULES, "task": "", **t.to_dict()} for t in summary.totals]
        records = across + totals + records
    columns = ["rule", "task", *summary.by, "rows", *STATUSES, "measured", "pct_on_time"]
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        frame = pd.DataFrame(columns=columns)
    rest = [c for c in frame.columns if c not in columns]
    for name in ("overdue_max_working_days",):
        if name in frame.columns:
            frame[name] = frame[name].astype("Int64")
    buffer = io.StringIO()
    neutralise_frame(frame[[*columns, *rest]]).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


# -- per-row files ---------------------------------------------------------------
def write_table(frame: pd.DataFrame, path: str | Path) -> None:
    """A per-row table as Parquet (``.parquet``/``.pq``) or CSV (anything else).

    CSV cells that a spreadsheet would run as formulas are neutralised
    (:mod:`.safe_csv`); Parquet keeps every value as it is.
    """
    target = Path(path)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    if target.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq  # only for Parquet out: it loads Arrow's filesystems

        pq.write_table(table, target)
        return
    # Categories and other types as plain text: CSV readers need no schema.
    plain = pa.table(
        {
            name: pc.cast(table[name], pa.string())
            if not pa.types.is_string(table[name].type)
            and not pa.types.is_large_string(table[name].type)
            else table[name]
            for name in table.column_names
        }
    )
    safe = neutralise_table(plain)
    pa_csv.write_csv(safe, target, pa_csv.WriteOptions(quoting_style="needed"))
