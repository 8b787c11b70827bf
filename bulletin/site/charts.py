"""Bar charts drawn at build time as inline SVG: readable without JavaScript, styled by the
page's CSS (so dark mode and print apply), with a <title> and <desc> for screen readers.

Geometry is in SVG user units; the chart scales to its container through viewBox.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH = 640
ROW = 26  # height of one horizontal bar row
CHAR = 14  # width of one CJK character at the label font size
MAX_LABEL_CHARS = 10


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str = ""  # site-relative URL; empty for no link
    hint: str = ""  # full text for the tooltip when the label is shortened


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
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def horizontal_bars(
    chart_id: str, bars: list[Bar], title: str, desc: str, base_url: str = ""
) -> str:
    """One row per bar, label on the left, value at the end of the bar."""
    longest = max((len(_short(b.label)) for b in bars), default=1)
    label_width = longest * CHAR + 12
    value_room = 40
    scale_width = WIDTH - label_width - value_room
    top = max((b.value for b in bars), default=0) or 1
    body: list[str] = []
    for index, bar in enumerate(bars):
        y = index * ROW
        length = max(2, round(scale_width * bar.value / top)) if bar.value else 0
        tooltip = f"<title>{escape(bar.hint or bar.label)}：{bar.value}</title>"
        label = (
            f'<text class="label" x="{label_width - 8}" y="{y + 17}" text-anchor="end">'
            f"{escape(_short(bar.label))}</text>"
        )
        rect = (
            f'<rect class="bar" x="{label_width}" y="{y + 5}" width="{length}" '
            f'height="{ROW - 10}"/>'
        )
        value = (
            f'<text class="value" x="{label_width + length + 6}" y="{y + 17}">{bar.value}</text>'
        )
        row = f"<g>{tooltip}{label}{rect}{value}</g>"
        body.append(_link(bar.href, base_url, row))
    height = max(ROW, ROW * len(bars))
    return _frame(chart_id, WIDTH, height, title, desc, body)


def vertical_bars(
    chart_id: str,
    bars: list[Bar],
    title: str,
    desc: str,
    base_url: str = "",
    tick_every: int = 1,
) -> str:
    """Columns left to right (a time series); every `tick_every`-th bar gets its label."""
    height, axis = 200, 36
    plot = height - axis - 18  # room above the tallest bar for its value
    count = max(1, len(bars))
    slot = WIDTH / count
    bar_width = max(2.0, min(40.0, slot * 0.7))
    top = max((b.value for b in bars), default=0) or 1
    body = [f'<line class="axis" x1="0" y1="{height - axis}" x2="{WIDTH}" y2="{height - axis}"/>']
    for index, bar in enumerate(bars):
        x = slot * index + (slot - bar_width) / 2
        length = round(plot * bar.value / top) if bar.value else 0
        y = height - axis - length
        parts = [f"<title>{escape(bar.hint or bar.label)}：{bar.value}</title>"]
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y}" width="{bar_width:.1f}" height="{length}"/>'
        )
        centre = x + bar_width / 2
        if bar.value and count <= 36:
            parts.append(
                f'<text class="value" x="{centre:.1f}" y="{y - 4}" text-anchor="middle">'
                f"{bar.value}</text>"
            )
        if index % tick_every == 0:
            parts.append(
                f'<text class="label" x="{centre:.1f}" y="{height - axis + 16}" '
                f'text-anchor="middle">{escape(bar.label)}</text>'
            )
        body.append(_link(bar.href, base_url, "<g>" + "".join(parts) + "</g>"))
    return _frame(chart_id, WIDTH, height, title, desc, body)
