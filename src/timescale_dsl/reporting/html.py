"""A self-contained HTML report: one file, inline CSS and SVG, nothing fetched.

It opens offline in any browser and can be emailed as it is: no scripts,
no web fonts, no images or style sheets from elsewhere. All text from the
data is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import pandas as pd

from .charts import BAR_ALT, horizontal_percent_bars, vertical_bars
from .status import STATUSES
from .summary import GroupSummary, Summary

_STYLE = """
body { font-family: sans-serif; margin: 2em; color: #0b0c0c; max-width: 80em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.3em 0.6em; text-align: right; }
th { background: #f3f2f1; }
td.name, th.name { text-align: left; }
.figures { display: flex; gap: 2em; flex-wrap: wrap; }
.figure { border-left: 5px solid #1d70b8; padding: 0.2em 1em; }
.figure b { display: block; font-size: 1.6em; }
.charts { display: flex; gap: 3em; flex-wrap: wrap; align-items: flex-start; }
p.note { color: #505a5f; }
"""

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


def _groups_table(groups: Sequence[GroupSummary], keys: Sequence[str], rejected: bool) -> str:
    columns = [*_COLUMNS, ("rejected", "rejected")] if rejected else list(_COLUMNS)
    head = ['<th class="name">rule</th><th class="name">task</th>']
    head += [f'<th class="name">{escape(k)}</th>' for k in keys]
    head += [f"<th>{escape(h)}</th>" for h, _ in columns]
    rows = []
    for group in groups:
        data = group.to_dict()
        cells = [
            f'<td class="name">{escape(group.rule)}</td>',
            f'<td class="name">{escape(group.task)}</td>',
        ]
        cells += [f'<td class="name">{_cell(data.get(k))}</td>' for k in keys]
        cells += [f"<td>{_cell(data.get(field))}</td>" for _, field in columns]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        "<table><thead><tr>"
        + "".join(head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def render_html(summary: Summary, chase: pd.DataFrame | None = None) -> str:
    title = f"Recording timeliness: {summary.source}"
    figures = [
        ("rows read", summary.rows_read),
        ("evaluated", summary.rows_evaluated),
        ("rejected", summary.rows_rejected),
        ("on time", f"{summary.pct_on_time:.1f}%" if summary.pct_on_time is not None else "–"),
        ("overdue now", summary.statuses["overdue"]),
    ]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">Ruleset {escape(summary.ruleset)}; as of '
        f"{escape(summary.as_of.isoformat())}. On time is the share of records due or done "
        "(on time, late, early, overdue); open records and rules with no fixed timescale are "
        "left out. Days late are working days.</p>",
        '<div class="figures">',
        *(f'<div class="figure">{escape(n)}<b>{escape(str(v))}</b></div>' for n, v in figures),
        "</div>",
        "<h2>Statuses</h2>",
        "<table><thead><tr>"
        + "".join(f"<th>{escape(s.replace('_', ' '))}</th>" for s in STATUSES)
        + "</tr></thead><tbody><tr>"
        + "".join(f"<td>{summary.statuses[s]}</td>" for s in STATUSES)
        + "</tr></tbody></table>",
        "<h2>Charts</h2>",
        '<div class="charts">',
        horizontal_percent_bars(
            "On time, per rule",
            [(g.rule, g.pct_on_time) for g in summary.rules if g.measured],
        ),
        vertical_bars(
            "On time, per month of due date",
            [(m, round(100 * on / n, 1)) for m, on, n in summary.months],
            "%",
            maximum=100,
        ),
        vertical_bars(
            "Records completed late, by working days late",
            [(label, float(count)) for label, count in summary.lateness],
            colour=BAR_ALT,
        ),
        "</div>",
        "<h2>Per rule</h2>",
        _groups_table(summary.rules, (), True),
    ]
    if summary.by:
        parts += [
            f"<h2>By {escape(', '.join(summary.by))}</h2>",
            _groups_table(summary.groups, summary.by, False),
        ]
    if summary.reject_reasons:
        parts += [
            "<h2>Rejected rows, by reason</h2><table><thead><tr><th>rows</th>"
            '<th class="name">reason</th></tr></thead><tbody>',
            *(
                f'<tr><td>{n}</td><td class="name">{escape(r)}</td></tr>'
                for r, n in summary.reject_reasons
            ),
            "</tbody></table>",
        ]
    if summary.warnings:
        parts += [
            "<h2>Warnings</h2><ul>",
            *(f"<li>{escape(w)}</li>" for w in summary.warnings),
            "</ul>",
        ]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
