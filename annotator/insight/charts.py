"""Charts for the HTML report as plain HTML/CSS and inline SVG — no script, no library.

Why not a JavaScript chart library: labels here are Arabic, and a chart drawn on a canvas
or as pictures loses shaping and right-to-left order in some renderers. Bars and dots are
``div`` elements and labels are real HTML text, so the browser shapes and orders them like
any paragraph; every mark carries its numbers in ``title`` (hover) and beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PALETTE = (
    "#1b6ca8",
    "#e4572e",
    "#2e933c",
    "#9c528b",
    "#f0a202",
    "#4d5b6a",
    "#17bebb",
    "#a23b72",
    "#6a994e",
    "#bc4749",
)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # plain text, escaped here
    value: float
    shown: str  # the number written beside the bar
    title: str  # hover text
    color: str = "#1b6ca8"
    href: str = ""  # optional anchor target


def bar_chart(bars: Sequence[Bar], *, caption: str = "") -> str:
    """Horizontal bars, longest = full width; in a right-to-left page they grow leftward
    from the label, as Arabic readers expect."""
    if not bars:
        return '<p class="empty">—</p>'
    top = max((b.value for b in bars), default=0) or 1
    rows = []
    for b in bars:
        width = max(0.0, b.value / top * 100)
        label = (
            escape(b.label) if not b.href else f'<a href="{escape(b.href)}">{escape(b.label)}</a>'
        )
        rows.append(
            f'<div class="bar-row" title="{escape(b.title)}"><span class="bar-label">{label}'
            f'</span><span class="bar-track"><span class="bar" style="width:{width:.2f}%;'
            f'background:{escape(b.color)}"></span></span><span class="bar-value">'
            f"{escape(b.shown)}</span></div>"
        )
    cap = f'<div class="chart-caption">{caption}</div>' if caption else ""
    return f'<div class="bar-chart">{cap}{"".join(rows)}</div>'


@dataclass(frozen=True, slots=True)
class Dot:
    label: str  # row label (term)
    group: str  # row group (outlet), shown once per run of rows
    z: float
    title: str
    color: str = "#1b6ca8"


def dot_plot(dots: Sequence[Dot], *, limit: float | None = None) -> str:
    """z-scores on a left-to-right axis (numbers read left to right in Arabic too), with
    the ±1.96 band marked; one row per (outlet, term)."""
    if not dots:
        return '<p class="empty">—</p>'
    bound = limit or max(2.5, max(abs(d.z) for d in dots) * 1.1)

    def pos(z: float) -> float:
        return (max(-bound, min(bound, z)) + bound) / (2 * bound) * 100

    axis = (
        f'<span class="dot-zero" style="left:{pos(0):.2f}%"></span>'
        f'<span class="dot-sig" style="left:{pos(-1.96):.2f}%;'
        f'width:{pos(1.96) - pos(-1.96):.2f}%"></span>'
    )
    rows = []
    last_group = None
    for d in dots:
        group = escape(d.group) if d.group != last_group else ""
        last_group = d.group
        rows.append(
            f'<div class="dot-row" title="{escape(d.title)}"><span class="dot-group">{group}'
            f'</span><span class="dot-label">{escape(d.label)}</span><span class="dot-track">'
            f'{axis}<span class="dot" style="left:{pos(d.z):.2f}%;background:{d.color}">'
            f'</span></span><span class="bar-value">{d.z:+.2f}</span></div>'
        )
    ticks = "".join(
        f'<span style="left:{pos(v):.2f}%">{v:+g}</span>'.replace(">+0<", ">0<")
        for v in (-round(bound, 1), -1.96, 0, 1.96, round(bound, 1))
    )
    return (
        f'<div class="dot-plot">{"".join(rows)}<div class="dot-row dot-axis"><span></span>'
        f'<span>z</span><span class="dot-ticks">{ticks}</span><span></span></div></div>'
    )


def line_chart(
    series: dict[str, list[tuple[str, int]]], *, width: int = 640, height: int = 220
) -> str:
    """Cumulative counts per day, one line per series, as inline SVG (left-to-right time
    axis); the legend is HTML so names are shaped text."""
    days = sorted({day for points in series.values() for day, _ in points})
    if not days:
        return '<p class="empty">—</p>'
    totals = {name: sum(n for _, n in points) for name, points in series.items()}
    top = max(totals.values()) or 1
    left, right, pad_top, bottom = 48, 12, 12, 28
    span_x = max(1, len(days) - 1)

    def x(i: int) -> float:
        return left + (width - left - right) * (i / span_x if len(days) > 1 else 0.5)

    def y(v: float) -> float:
        return pad_top + (height - pad_top - bottom) * (1 - v / top)

    index = {day: i for i, day in enumerate(days)}
    parts = [
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" stroke="#999"/>',
        f'<text x="{left - 6}" y="{y(top) + 4:.1f}" text-anchor="end">{top}</text>',
        f'<text x="{left - 6}" y="{y(0) + 4:.1f}" text-anchor="end">0</text>',
        f'<text x="{x(0):.1f}" y="{height - 8}" text-anchor="start">{days[0]}</text>',
    ]
    if len(days) > 1:
        parts.append(
            f'<text x="{x(len(days) - 1):.1f}" y="{height - 8}" text-anchor="end">{days[-1]}</text>'
        )
    legend = []
    for k, (name, points) in enumerate(sorted(series.items())):
        color = PALETTE[k % len(PALETTE)]
        running = 0
        coords = []
        marks = []
        for day, n in points:
            running += n
            cx, cy = x(index[day]), y(running)
            coords.append(f"{cx:.1f},{cy:.1f}")
            marks.append(
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="{color}"><title>'
                f"{escape(name)} {day}: +{n} = {running}</title></circle>"
            )
        parts.append(
            f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{" ".join(coords)}"/>'
        )
        parts.extend(marks)
        legend.append(
            f'<span class="legend-item"><span class="swatch" style="background:'
            f'{color}"></span>{escape(name)} ({totals[name]})</span>'
        )
    svg = (
        f'<svg class="line-chart" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" direction="ltr">{"".join(parts)}</svg>'
    )
    return f'<div class="line-wrap">{svg}<div class="legend">{"".join(legend)}</div></div>'


__all__ = ["Bar", "Dot", "PALETTE", "bar_chart", "dot_plot", "line_chart"]
