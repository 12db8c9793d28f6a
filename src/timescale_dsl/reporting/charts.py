"""Bar charts as inline SVG text: no script, no fonts or images fetched, readable offline.

Each chart is an ``<svg role="img">`` with a ``<title>`` for screen readers
and the figures written beside the bars, so the numbers are there without
hovering. All text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR = "#1d70b8"
BAR_ALT = "#d4351c"
AXIS = "#505a5f"
TEXT = "#0b0c0c"


def _text(x: float, y: float, content: str, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{TEXT}" '
        f'text-anchor="{anchor}">{escape(content)}</text>'
    )


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def horizontal_percent_bars(title: str, items: Sequence[tuple[str, float | None]]) -> str:
    """One bar per item, 0-100%; an item with no figure shows a dash."""
    row, bar_width = 22, 320
    # Room for the longest label at about 7 pixels a character of 12-pixel sans-serif.
    label_width = max(80, 7 * max((len(label) for label, _ in items), default=0) + 12)
    height = row * len(items) + 30
    width = label_width + bar_width + 60
    body = [
        f'<line x1="{label_width}" y1="5" x2="{label_width}" y2="{height - 20}" stroke="{AXIS}"/>'
    ]
    for number, (label, value) in enumerate(items):
        y = 10 + number * row
        body.append(_text(label_width - 6, y + 13, label, "end"))
        if value is None:
            body.append(_text(label_width + 6, y + 13, "-"))
            continue
        length = bar_width * max(0.0, min(value, 100.0)) / 100
        body.append(
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{row - 6}" '
            f'fill="{BAR}"><title>{escape(label)}: {value:.1f}%</title></rect>'
        )
        body.append(_text(label_width + length + 6, y + 13, f"{value:.1f}%"))
    for percent in (0, 50, 100):
        x = label_width + bar_width * percent / 100
        body.append(_text(x, height - 5, f"{percent}%", "middle", 10))
    return _svg(width, height, title, body)


def vertical_bars(
    title: str,
    items: Sequence[tuple[str, float]],
    unit: str = "",
    maximum: float | None = None,
    colour: str = BAR,
) -> str:
    """One column per item, labelled beneath, with its figure above."""
    column, chart_height = 44, 160
    width = max(column * len(items) + 40, 200)
    height = chart_height + 60
    top = maximum if maximum is not None else max((v for _, v in items), default=0) or 1
    base = chart_height + 20
    body = [f'<line x1="20" y1="{base}" x2="{width - 10}" y2="{base}" stroke="{AXIS}"/>']
    for number, (label, value) in enumerate(items):
        x = 24 + number * column
        size = chart_height * max(value, 0) / top
        body.append(
            f'<rect x="{x}" y="{base - size:.1f}" width="{column - 10}" height="{size:.1f}" '
            f'fill="{colour}"><title>{escape(label)}: {value:g}{escape(unit)}</title></rect>'
        )
        body.append(_text(x + (column - 10) / 2, base - size - 4, f"{value:g}{unit}", "middle", 10))
        body.append(_text(x + (column - 10) / 2, base + 14, label, "middle", 10))
    return _svg(width, height, title, body)
