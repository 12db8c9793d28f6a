"""A self-contained HTML report a manager can read: one file, inline CSS and SVG, nothing fetched.

It opens offline in any browser, prints, and can be emailed as it is: no
scripts, no web fonts, no images or style sheets from elsewhere. All text
from the data is escaped. It leads with the headline (on time per team, or
whatever ``--by`` names, across all rules), then the charts (each titled,
with axes and counts, small groups marked), the chase list per team, what
each status means, and the per-rule drill-down. Tables never wrap a cell
and show their first rows only; the rest is in the CSV summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Final

import numpy as np
import pandas as pd

from ...status import MEASURED, STATUSES
from ..summarising.summary import DUE_MONTH, NO_DUE, GroupSummary, Summary
from .charts import BAR_ALT, SMALL_GROUP, Bar, column_bars, percent_bars

#: Rows a table shows before "and N more"; charts drawn per group before the rest are left out.
TABLE_ROWS: Final = 40
GROUP_CHARTS: Final = 24
CHASE_ROWS: Final = 10

_STYLE = """
body { font-family: sans-serif; margin: 2em auto; padding: 0 1.5em; color: #0b0c0c;
       max-width: 76em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; } h3 { font-size: 1.05em; }
h1, h2, h3, p, li, dd, figcaption { overflow-wrap: anywhere; }
.scroll { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.85em; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.25em 0.5em; text-align: right;
         white-space: nowrap; }
th { background: #f3f2f1; }
td.name, th.name { text-align: left; max-width: 22em; overflow: hidden;
                   text-overflow: ellipsis; }
.figures { display: flex; gap: 2em; flex-wrap: wrap; }
.figure { border-left: 5px solid #1d70b8; padding: 0.2em 1em; }
.figure b { display: block; font-size: 1.6em; }
.charts { display: flex; gap: 2em; flex-wrap: wrap; align-items: flex-start; }
figure.chart { margin: 0; max-width: 100%; overflow-x: auto; }
figcaption { font-weight: bold; margin-bottom: 0.3em; }
.note, p.note { color: #505a5f; font-weight: normal; }
.small { color: #505a5f; font-style: italic; }
dl.glossary dt { font-weight: bold; float: left; clear: left; width: 8em; }
dl.glossary dd { margin: 0 0 0.4em 9em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  .scroll, figure.chart { overflow: visible; }
  figure.chart, table { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""

GLOSSARY: Final = (
    ("on time", "completed on or before the due date (a due date lasts all day)."),
    ("late", "completed after the due date; days late count working days after it."),
    ("early", "completed before the earliest date of a window (e.g. 'between 5 and 10 days')."),
    ("overdue", "not completed, and the due date has passed as of the report date."),
    ("open", "not completed, and not yet due: left out of the percentages."),
    ("no timescale", "the rule has no fixed timescale ('as soon as possible'): not measured."),
    ("% on time", "on time ÷ (on time + late + early + overdue)."),
    ("small", f"fewer than {SMALL_GROUP} records judged: one record moves the percentage a lot."),
    (
        "provisional",
        "a due date that may still move earlier: the rule says 'A or B, whichever is earlier' "
        "and an event it counts from (a birth, a change) is not recorded yet, so the date is "
        "the earliest of those known. Marked in the chase list and in the per-row files.",
    ),
)

_COLUMNS = (
    ("rows", "rows"),
    ("on time", "on_time"),
    ("late", "late"),
    ("early", "early"),
    ("overdue", "overdue"),
    ("open", "open"),
    ("no timescale", "no_timescale"),
    ("% on time", "pct_on_time"),
    ("median days late", "late_median_working_days"),
    ("90th pct days late", "late_p90_working_days"),
    ("longest overdue", "overdue_max_working_days"),
    ("% target met", "pct_target_met"),
)


def _cell(value: object) -> str:
    if value is None:
        return "&ndash;"
    if isinstance(value, float):
        return f"{value:.1f}"
    return escape(str(value))


def _bar(label: str, group: GroupSummary, hover: str = "") -> Bar:
    return Bar(label, group.pct_on_time, group.measured, hover)


def _task_bar(group: GroupSummary, shared: frozenset[str] = frozenset()) -> Bar:
    """A rule shown by its task, its id on hover; with its id too where tasks share a name."""
    label = group.task or group.rule
    if label in shared:
        label = f"{label} ({group.rule})"
    return _bar(label, group, f"{group.task} [{group.rule}]")


def _shared_tasks(groups: Sequence[GroupSummary]) -> frozenset[str]:
    seen = pd.Series([g.task for g in groups], dtype=object)
    return frozenset(str(t) for t in seen[seen.duplicated()])


def _more(total: int, shown: int, where: str) -> str:
    if total <= shown:
        return ""
    return f'<p class="note">First {shown} of {total} rows; all of them are in {where}.</p>'


def _groups_table(
    groups: Sequence[GroupSummary], keys: Sequence[str], rejected: bool, per_rule: bool = True
) -> str:
    columns = [*_COLUMNS, ("rejected", "rejected")] if rejected else list(_COLUMNS)
    head = ['<th class="name">task</th>'] if per_rule else []
    head += [f'<th class="name">{escape(k)}</th>' for k in keys]
    head += [f"<th>{escape(h)}</th>" for h, _ in columns]
    rows = []
    for group in groups[:TABLE_ROWS]:
        data = group.to_dict()
        cells = []
        if per_rule:
            cells.append(
                f'<td class="name" title="{escape(group.rule)}">'
                f"{escape(group.task or group.rule)}</td>"
            )
        cells += [f'<td class="name">{_cell(data.get(k))}</td>' for k in keys]
        for _, field in columns:
            mark = (
                ' <span class="small">(small)</span>'
                if field == "pct_on_time" and 0 < group.measured < SMALL_GROUP
                else ""
            )
            cells.append(f"<td>{_cell(data.get(field))}{mark}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    table = (
        '<div class="scroll"><table><thead><tr>'
        + "".join(head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )
    return table + _more(len(groups), TABLE_ROWS, "the CSV summary (--format csv)")


def _label(group: GroupSummary, keys: Sequence[str]) -> str:
    values = dict(group.group)
    return " / ".join(values.get(k, "") for k in keys)


def _headline(summary: Summary) -> list[str]:
    if not summary.by:
        return []
    parts = [f"<h2>Headline: on time per {escape(', '.join(summary.by))}, all rules</h2>"]
    if summary.totals_all_months:
        keys = summary.headline_by
        parts += [
            '<div class="charts">',
            percent_bars(
                f"On time per {', '.join(keys)}, all rules and months",
                [_bar(_label(t, keys), t) for t in summary.totals_all_months[:TABLE_ROWS]],
            ),
            "</div>",
            _groups_table(summary.totals_all_months, keys, False, per_rule=False),
            _month_grid(summary, keys),
        ]
    else:
        keys = summary.by
        parts += [
            '<div class="charts">',
            percent_bars(
                f"On time per {', '.join(keys)}, all rules",
                [_bar(_label(t, keys), t) for t in summary.totals[:TABLE_ROWS]],
            ),
            "</div>",
            _groups_table(summary.totals, keys, False, per_rule=False),
        ]
    return parts


def _month_grid(summary: Summary, keys: Sequence[str]) -> str:
    """Per group and month: % on time (n), groups down, months across."""
    months = sorted(
        {dict(t.group)[DUE_MONTH] for t in summary.totals}, key=lambda m: (m == NO_DUE, m)
    )
    cells: dict[tuple[str, str], GroupSummary] = {
        (_label(t, keys), dict(t.group)[DUE_MONTH]): t for t in summary.totals
    }
    names = list(dict.fromkeys(_label(t, keys) for t in summary.totals_all_months))
    head = f'<th class="name">{escape(", ".join(keys))}</th>' + "".join(
        f"<th>{escape(m)}</th>" for m in months
    )
    rows = []
    for name in names[:TABLE_ROWS]:
        row = [f'<td class="name">{escape(name)}</td>']
        for month in months:
            group = cells.get((name, month))
            if group is None or group.pct_on_time is None:
                row.append("<td>&ndash;</td>")
                continue
            style = ' class="small"' if group.measured < SMALL_GROUP else ""
            row.append(f"<td{style}>{group.pct_on_time:.0f}% ({group.measured})</td>")
        rows.append("<tr>" + "".join(row) + "</tr>")
    return (
        f"<h3>% on time per {escape(', '.join(keys))} and month of due date "
        f"(records judged in brackets; italics: fewer than {SMALL_GROUP})</h3>"
        '<div class="scroll"><table><thead><tr>'
        + head
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
        + _more(len(names), TABLE_ROWS, "the CSV summary (--format csv)")
    )


def _group_charts(summary: Summary) -> list[str]:
    """A chart per value of the first grouping column: per month, or per task."""
    keys = summary.headline_by
    if not keys:
        return []
    first = keys[0]
    charts: list[str] = []
    if DUE_MONTH in summary.by and len(keys) == 1:
        values = list(dict.fromkeys(dict(t.group)[first] for t in summary.totals))
        for value in values[:GROUP_CHARTS]:
            bars = [
                _bar(dict(t.group)[DUE_MONTH], t)
                for t in summary.totals
                if dict(t.group)[first] == value
            ]
            charts.append(
                column_bars(
                    f"{value}: on time per month of due date",
                    bars,
                    "% on time",
                    "%",
                    maximum=100,
                    x_axis="month of due date",
                )
            )
    elif len(summary.by) == 1:
        values = list(dict.fromkeys(dict(g.group)[first] for g in summary.groups))
        for value in values[:GROUP_CHARTS]:
            shared = _shared_tasks(summary.rules)
            bars = [_task_bar(g, shared) for g in summary.groups if dict(g.group)[first] == value]
            charts.append(percent_bars(f"{value}: on time per task", bars))
    else:
        return []
    more = len(values) - GROUP_CHARTS
    note = f'<p class="note">{more} more not drawn; see the CSV summary.</p>' if more > 0 else ""
    return [
        f"<h2>Per {escape(first)}</h2>",
        '<div class="charts">',
        *charts,
        "</div>",
        note,
    ]


def _chase(chase: pd.DataFrame | None, summary: Summary) -> list[str]:
    if chase is None:
        return []
    parts = [
        "<h2>Chase list: late and overdue records</h2>",
        f'<p class="note">{len(chase)} record(s), worst first; the whole list is written by '
        "--chase-out FILE (with --due-within N for open records due soon).</p>",
    ]
    if chase.empty:
        return parts
    # The chase list's grouping columns come before the child's.
    groups = list(chase.columns[: list(chase.columns).index("child_id")])[:1]
    sets = chase.groupby(groups[0], sort=False) if groups else [("all records", chase)]
    for number, (value, frame) in enumerate(sets):
        if number >= GROUP_CHARTS:
            parts.append('<p class="note">More groups in the chase list file.</p>')
            break
        shown = frame.head(CHASE_ROWS)
        heading = value[0] if isinstance(value, tuple) else value
        parts.append(f"<h3>{escape(str(heading))}: {len(frame)} to chase</h3>")
        rows = [
            "<tr>"
            f'<td class="name">{escape(str(r.child_id))}</td>'
            f'<td class="name" title="{escape(str(r.rule))}">{escape(str(r.task))}</td>'
            f'<td class="name">{escape(str(r.status).replace("_", " "))}</td>'
            f"<td>{escape(str(r.due))}{_provisional(r.provisional)}</td>"
            f"<td>{_days(r.working_days_late)}</td>"
            f"<td>{_days(r.working_days_left)}</td>"
            f"<td>{_days(r.source_row)}</td></tr>"
            for r in shown.itertuples(index=False)
        ]
        parts.append(
            '<div class="scroll"><table><thead><tr><th class="name">child</th>'
            '<th class="name">task</th><th class="name">status</th><th>due</th>'
            "<th>working days late</th><th>working days left</th><th>source row</th>"
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>"
        )
        if len(frame) > CHASE_ROWS:
            parts.append(f'<p class="note">and {len(frame) - CHASE_ROWS} more.</p>')
    return parts


def _provisional(value: object) -> str:
    """A mark after a due date that may still move earlier (see the glossary)."""
    if value is pd.NA or not value:
        return ""
    return ' <span class="note">(provisional)</span>'


def _days(value: object) -> str:
    return str(int(value)) if isinstance(value, int | np.integer) else "&ndash;"


def render_html(summary: Summary, chase: pd.DataFrame | None = None) -> str:
    title = f"Recording timeliness: {summary.source}"
    figures = [
        ("rows read", summary.rows_read),
        ("evaluated", summary.rows_evaluated),
        ("rejected", summary.rows_rejected),
        ("on time", f"{summary.pct_on_time:.1f}%" if summary.pct_on_time is not None else "–"),
        ("overdue now", summary.statuses["overdue"]),
    ]
    measured = sum(summary.statuses[s] for s in MEASURED)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">Ruleset {escape(summary.ruleset)}; as of '
        f"{escape(summary.as_of.isoformat())}. On time is the share of {measured} records due "
        "or done (on time, late, early, overdue); open records and rules with no fixed "
        "timescale are left out. Days late are working days.</p>",
        '<div class="figures">',
        *(f'<div class="figure">{escape(n)}<b>{escape(str(v))}</b></div>' for n, v in figures),
        "</div>",
        *_headline(summary),
        "<h2>Charts</h2>",
        '<div class="charts">',
        percent_bars(
            "On time per task",
            [_task_bar(g, _shared_tasks(summary.rules)) for g in summary.rules if g.rows],
        ),
        column_bars(
            "On time per month of due date, all rules",
            [Bar(m, round(100 * on / n, 1), n) for m, on, n in summary.months],
            "% on time",
            "%",
            maximum=100,
            x_axis="month of due date",
        ),
        column_bars(
            "Records completed late, by working days late",
            [Bar(label, float(count), count) for label, count in summary.lateness],
            "records",
            colour=BAR_ALT,
            x_axis="working days late",
        ),
        "</div>",
        *_group_charts(summary),
        *_chase(chase, summary),
        "<h2>What the statuses mean</h2>",
        '<dl class="glossary">',
        *(f"<dt>{escape(term)}</dt><dd>{escape(meaning)}</dd>" for term, meaning in GLOSSARY),
        "</dl>",
        "<h2>Statuses</h2>",
        '<div class="scroll"><table><thead><tr>'
        + "".join(f"<th>{escape(s.replace('_', ' '))}</th>" for s in STATUSES)
        + "</tr></thead><tbody><tr>"
        + "".join(f"<td>{summary.statuses[s]}</td>" for s in STATUSES)
        + "</tr></tbody></table></div>",
        "<h2>Per rule</h2>",
        _groups_table(summary.rules, (), True),
    ]
    if summary.by:
        parts += [
            f"<h2>Per rule, by {escape(', '.join(summary.by))}</h2>",
            _groups_table(summary.groups, summary.by, False),
        ]
    if summary.columns_used:
        parts += [
            "<h2>Columns used</h2><ul>",
            *(
                f"<li>fact <b>{escape(f)}</b> from column <b>{escape(c)}</b> ({escape(h)})</li>"
                for f, c, h in summary.columns_used
            ),
            "</ul>",
        ]
    if summary.reject_reasons:
        parts += [
            '<h2>Rejected rows, by reason</h2><div class="scroll"><table><thead><tr>'
            '<th>rows</th><th class="name">reason</th></tr></thead><tbody>',
            *(
                f'<tr><td>{n}</td><td class="name" title="{escape(r)}">{escape(r)}</td></tr>'
                for r, n in summary.reject_reasons
            ),
            "</tbody></table></div>",
        ]
    if summary.warnings:
        parts += [
            "<h2>Warnings</h2><ul>",
            *(f"<li>{escape(w)}</li>" for w in summary.warnings),
            "</ul>",
        ]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
