"""Bar charts as inline SVG text: no script, no fonts or images fetched, readable offline.

Each chart is a ``<figure>`` with a visible caption (its title), an
``<svg role="img">`` with the same ``<title>`` for screen readers, labelled
axes, and the figure and the count (n) written beside every bar, so nothing
needs hovering. A bar over few records is drawn pale, hatched in outline and
marked "small", since 100% of one record is not an achievement. Hovering a
label shows its full name (a rule's id behind its task name). All text is
escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Final

import attrs

BAR = "#1d70b8"
BAR_SMALL = "#9fc3e6"
BAR_ALT = "#d4351c"
AXIS = "#505a5f"
TEXT = "#0b0c0c"
#: Fewer judged records than this and a percentage is marked as from a small group.
SMALL_GROUP: Final = 10


@attrs.frozen
class Bar:
    """One bar: its label, what hovering it says, its value (None: nothing to show), its n."""

    label: str
    value: float | None
    n: int
    hover: str = ""

    @property
    def small(self) -> bool:
        return 0 < self.n < SMALL_GROUP


def _text(x: float, y: float, content: str, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{TEXT}" '
        f'text-anchor="{anchor}">{escape(content)}</text>'
    )


def _figure(width: int, height: int, title: str, body: list[str], note: str = "") -> str:
    caption = escape(title) + (f' <span class="note">{escape(note)}</span>' if note else "")
    return (
        f'<figure class="chart"><figcaption>{caption}</figcaption>'
        f'<svg role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg></figure>"
    )


def _label(x: float, y: float, bar: Bar, limit: int) -> str:
    shown = bar.label if len(bar.label) <= limit else bar.label[: limit - 1] + "…"
    hover = bar.hover or bar.label
    return f"<g><title>{escape(hover)}</title>{_text(x, y, shown, 'end')}</g>"


def percent_bars(title: str, bars: Sequence[Bar], axis: str = "% on time") -> str:
    """Horizontal bars, 0-100%, labelled with the percentage and n; small groups marked."""
    row, bar_width, limit = 22, 300, 38
    longest = max((min(len(b.label), limit) for b in bars), default=0)
    label_width = max(80, 7 * longest + 12)
    top = 8
    height = top + row * len(bars) + 44
    width = label_width + bar_width + 150
    base = top + row * len(bars)
    body = [
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{base}" stroke="{AXIS}"/>',
        f'<line x1="{label_width}" y1="{base}" x2="{label_width + bar_width}" y2="{base}" '
        f'stroke="{AXIS}"/>',
    ]
    for number, bar in enumerate(bars):
        y = top + number * row
        body.append(_label(label_width - 6, y + 14, bar, limit))
        if bar.value is None:
            body.append(_text(label_width + 6, y + 14, f"no records due (n={bar.n})"))
            continue
        length = bar_width * max(0.0, min(bar.value, 100.0)) / 100
        colour = BAR_SMALL if bar.small else BAR
        outline = f' stroke="{BAR}" stroke-dasharray="3 2"' if bar.small else ""
        figure = f"{bar.value:.1f}% (n={bar.n}{', small' if bar.small else ''})"
        body.append(
            f'<rect x="{label_width}" y="{y + 2}" width="{length:.1f}" height="{row - 6}" '
            f'fill="{colour}"{outline}><title>{escape(bar.hover or bar.label)}: '
            f"{escape(figure)}</title></rect>"
        )
        body.append(_text(label_width + length + 6, y + 15, figure, size=11))
    for percent in (0, 25, 50, 75, 100):
        x = label_width + bar_width * percent / 100
        body.append(f'<line x1="{x}" y1="{base}" x2="{x}" y2="{base + 4}" stroke="{AXIS}"/>')
        body.append(_text(x, base + 16, f"{percent}%", "middle", 10))
    body.append(_text(label_width + bar_width / 2, base + 34, axis, "middle", 11))
    small = any(b.small for b in bars)
    note = f"pale bars: fewer than {SMALL_GROUP} records, read with care" if small else ""
    return _figure(width, height, title, body, note)


def column_bars(
    title: str,
    bars: Sequence[Bar],
    axis: str,
    unit: str = "",
    maximum: float | None = None,
    colour: str = BAR,
    x_axis: str = "",
) -> str:
    """Vertical bars, labelled beneath, with the figure and n above; an axis with its label."""
    column, chart_height, left = 46, 160, 44
    width = max(left + column * len(bars) + 20, 240)
    top_pad = 30
    base = top_pad + chart_height
    height = base + 56
    values = [b.value for b in bars if b.value is not None]
    top = maximum if maximum is not None else max(values, default=0) or 1
    body = [
        f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{base}" stroke="{AXIS}"/>',
        f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="{AXIS}"/>',
        _text(left - 4, base + 4, "0", "end", 10),
        _text(left - 4, top_pad + 4, f"{top:g}{unit}", "end", 10),
        f'<text x="12" y="{top_pad + chart_height / 2:.1f}" font-size="11" fill="{TEXT}" '
        f'text-anchor="middle" transform="rotate(-90 12 {top_pad + chart_height / 2:.1f})">'
        f"{escape(axis)}</text>",
    ]
    for number, bar in enumerate(bars):
        x = left + 4 + number * column
        middle = x + (column - 10) / 2
        body.append(f"<g><title>{escape(bar.hover or bar.label)}</title>")
        body.append(_text(middle, base + 14, bar.label, "middle", 10))
        body.append("</g>")
        if bar.value is None:
            continue
        size = chart_height * max(bar.value, 0) / top
        fill = BAR_SMALL if bar.small and colour == BAR else colour
        body.append(
            f'<rect x="{x}" y="{base - size:.1f}" width="{column - 10}" height="{size:.1f}" '
            f'fill="{fill}"><title>{escape(bar.hover or bar.label)}: {bar.value:g}{escape(unit)} '
            f"(n={bar.n})</title></rect>"
        )
        body.append(_text(middle, base - size - 14, f"{bar.value:g}{unit}", "middle", 10))
        body.append(_text(middle, base - size - 3, f"n={bar.n}", "middle", 9))
    if x_axis:
        body.append(_text(left + (width - left) / 2, base + 34, x_axis, "middle", 11))
    small = colour == BAR and any(b.small for b in bars)
    note = f"pale bars: fewer than {SMALL_GROUP} records, read with care" if small else ""
    return _figure(width, height, title, body, note)
