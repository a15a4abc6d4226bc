"""The ladder diagram's legend along the bottom: the tracks' colours, the promotion arrow and
the "You are here" tag, in as many rows as the width needs."""

from __future__ import annotations

from ..model import Ladder
from ..text.wrap import fit_line
from .diagram_grid import Sizing
from .elements import ASCENT, DESCENT, Box, Line, Rect, text_run, tint


def legend(sizing: Sizing, ladder: Ladder, x: float, y: float, width: float) -> tuple[list, float]:
    """The legend's items, drawn `width` wide from (`x`, `y`) upwards, and its top."""
    style, fonts, s = sizing.style, sizing.fonts, sizing.scale
    p = style.palette
    items: list = []
    size = sizing.size(9)
    entries: list[tuple[str, str]] = []
    columns = [t for t in ladder.columns if t is not None]
    if len(columns) > 1:
        entries += [("swatch", t.name) for t in columns]
    entries.append(("arrow", ladder.label("promotion_path")))
    if sizing.highlight:
        entries.append(("tag", ladder.label("you_are_here")))
    swatch = size * 1.1
    marks = {"swatch": swatch * 1.6, "arrow": 22 * s, "tag": swatch * 1.6}
    # Lay the entries out in rows first (the legend grows upwards from the bottom margin).
    rows: list[list[tuple[int, str, str, float]]] = [[]]
    cursor = 0.0
    for i, (kind, label) in enumerate(entries):
        label = fit_line(fonts, label, width - marks[kind] - 5 * s, size)
        need = marks[kind] + 5 * s + fonts.width(label, size)
        if rows[-1] and cursor + need > width:
            rows.append([])
            cursor = 0.0
        rows[-1].append((i, kind, label, cursor))
        cursor += need + 16 * s
    line_h = (ASCENT + DESCENT) * size + 5 * s
    for r, row in enumerate(rows):
        base = y + DESCENT * size + (len(rows) - 1 - r) * line_h
        mid = base + (ASCENT - DESCENT) * size / 2
        for i, kind, label, offset in row:
            left = x + offset
            if kind == "swatch":
                colour = p.track_colour(i)
                items.append(Box(Rect(left, mid - swatch / 2, swatch * 1.6, swatch),
                                 tint(colour, style.chart.tint), colour, 1.0, 2 * s, kind="swatch",
                                 dash=sizing.dash(i)))
            elif kind == "arrow":
                items.append(Line(((left, mid), (left + 22 * s, mid)), p.muted,
                                  style.chart.arrow_width * max(s, 0.6), arrow=True,
                                  head=6 * max(s, 0.6), kind="legend"))
            else:
                items.append(Box(Rect(left, mid - swatch / 2, swatch * 1.6, swatch), "#FFFFFF",
                                 p.highlight, 2.5 * max(s, 0.6), 2 * s, kind="swatch"))
            items.append(text_run(fonts, label, left + marks[kind] + 5 * s, base, size, p.muted, kind="legend"))
    y += (len(rows) - 1) * line_h
    return items, y + (ASCENT + DESCENT) * size
