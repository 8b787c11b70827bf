"""Bar charts drawn at build time as inline SVG: readable without JavaScript, styled by the
page's CSS (so dark mode and print apply), with a <title> and <desc> for screen readers.

Geometry is in SVG user units and the chart scales to its container through viewBox. The
width is small (440 units) so that on a 390 px phone the 14-unit labels still read at about
11 px; the stylesheet caps the width on desktops so they do not grow past about 18 px.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH = 440
ROW = 28  # height of one horizontal bar row
CHAR = 14  # width of one CJK character at the label font size
MAX_LABEL_CHARS = 8
MAX_MONTH_LABELS = 24  # above this many bars only the year marks stay


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str = ""  # site-relative URL; empty for no link
    hint: str = ""  # full text for the tooltip when the label is shortened
    group: str = ""  # time charts: the year under the first bar of each year


def _text_width(text: str) -> float:
    """Rough width in user units: a CJK character is square, a digit or letter about 0.6."""
    return sum(CHAR if ord(ch) > 0x2E80 else CHAR * 0.6 for ch in text)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _link(href: str, base_url: str, inner: str) -> str:
    if not href:
        return inner
    url = f"{base_url}/{href}" if base_url else href
    return f"<a href={quoteattr(url)}>{inner}</a>"


def _frame(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        # group, not img: bars link to their column, district or month pages
        f'role="group" aria-labelledby="{chart_id}-t {chart_id}-d">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def horizontal_bars(
    chart_id: str, bars: list[Bar], title: str, desc: str, base_url: str = ""
) -> str:
    """One row per bar, label on the left, value at the end of the bar."""
    longest = max((len(_short(b.label)) for b in bars), default=1)
    label_width = longest * CHAR + 10
    value_room = 32
    scale_width = WIDTH - label_width - value_room
    top = max((b.value for b in bars), default=0) or 1
    body: list[str] = []
    for index, bar in enumerate(bars):
        y = index * ROW
        length = max(2, round(scale_width * bar.value / top)) if bar.value else 0
        tooltip = f"<title>{escape(bar.hint or bar.label)}：{bar.value}</title>"
        label = (
            f'<text class="label" x="{label_width - 8}" y="{y + 18}" text-anchor="end">'
            f"{escape(_short(bar.label))}</text>"
        )
        rect = (
            f'<rect class="bar" x="{label_width}" y="{y + 6}" width="{length}" '
            f'height="{ROW - 12}"/>'
        )
        value = (
            f'<text class="value" x="{label_width + length + 5}" y="{y + 18}">{bar.value}</text>'
        )
        row = f"<g>{tooltip}{label}{rect}{value}</g>"
        body.append(_link(bar.href, base_url, row))
    height = max(ROW, ROW * len(bars))
    return _frame(chart_id, WIDTH, height, title, desc, body)


def vertical_bars(chart_id: str, bars: list[Bar], title: str, desc: str, base_url: str = "") -> str:
    """Columns left to right (a time series): the label (a month) under each bar while they
    fit, and the group (a year) under the first bar of each group."""
    height, axis = 210, 46
    plot = height - axis - 20  # room above the tallest bar for its value
    count = max(1, len(bars))
    slot = WIDTH / count
    bar_width = max(1.5, min(30.0, slot * 0.7))
    top = max((b.value for b in bars), default=0) or 1
    base = height - axis
    body = [f'<line class="axis" x1="0" y1="{base}" x2="{WIDTH}" y2="{base}"/>']
    previous_group, free_from = None, 0.0
    for index, bar in enumerate(bars):
        x = slot * index + (slot - bar_width) / 2
        length = round(plot * bar.value / top) if bar.value else 0
        centre = x + bar_width / 2
        parts = [f"<title>{escape(bar.hint or bar.label)}：{bar.value}</title>"]
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{base - length}" width="{bar_width:.1f}" '
            f'height="{length}"/>'
        )
        if bar.value and count <= MAX_MONTH_LABELS:
            parts.append(
                f'<text class="value" x="{centre:.1f}" y="{base - length - 5}" '
                f'text-anchor="middle">{bar.value}</text>'
            )
        if count <= MAX_MONTH_LABELS:
            parts.append(
                f'<text class="label" x="{centre:.1f}" y="{base + 18}" text-anchor="middle">'
                f"{escape(bar.label)}</text>"
            )
        if bar.group and bar.group != previous_group:
            # A year starts here: a tick on the axis, and its name unless the previous one
            # still occupies the place (it moves right instead, into its own year).
            start = slot * index
            if index:
                parts.append(
                    f'<line class="axis" x1="{start:.1f}" y1="{base}" x2="{start:.1f}" '
                    f'y2="{base + 40}"/>'
                )
            left = max(start + 3, free_from)
            parts.append(
                f'<text class="group" x="{left:.1f}" y="{base + 38}">{escape(bar.group)}</text>'
            )
            free_from = left + _text_width(bar.group) + 6
            previous_group = bar.group
        body.append(_link(bar.href, base_url, "<g>" + "".join(parts) + "</g>"))
    return _frame(chart_id, WIDTH, height, title, desc, body)
