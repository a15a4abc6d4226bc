"""The competency radar as a scene: one translucent polygon per role over the rating dimensions."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

from ..errors import RenderError
from ..load.style import Style
from ..model import Dimension, Ladder, require_role
from ..text.fonts import FontSet
from ..text.wrap import LEADING, fit_line, wrap
from .elements import ASCENT, DESCENT, Box, Circle, Line, Polygon, Rect, Scene, text_run, tint

DASH = (4.0, 2.5)  # an expectation's outline: on, off, in points


class RadarSeries(NamedTuple):
    """One polygon: a title for the legend, a rating per dimension id, its colour; a dashed
    outline without fill draws an expectation under a person's filled shapes."""

    title: str
    values: Mapping[str, int]
    colour: str
    dashed: bool = False
    dash: tuple[float, ...] = DASH  # a dashed outline's pattern
    weight: float = 1.4  # a dashed outline's line width, before scaling


def _radar_legend(fonts, series, p, width, margin, size, s, filled) -> list:
    """Swatch and title per series: one centred row when it fits, else two columns. A swatch
    is drawn as its shape is: filled or not (`filled`, per series), in its dash and weight."""
    sw = size
    entries = list(series)
    widths = [sw * 2.0 + fonts.width(entry.title, size) for entry in entries]
    gap = 24 * s
    row_h = (ASCENT + DESCENT) * size + 6 * s
    items: list = []
    if sum(widths) + gap * (len(widths) - 1) <= width - 2 * margin:
        x = (width - sum(widths) - gap * (len(widths) - 1)) / 2
        places = []
        for w in widths:
            places.append((x, margin))
            x += w + gap
        rooms = [width - 2 * margin] * len(entries)
    else:
        cells = _legend_cells(fonts, entries, width, margin, size)
        rows = cells[-1][0] + 1
        places = [(margin + c * (width - 2 * margin) / 2, margin + (rows - 1 - r) * row_h) for r, c, _ in cells]
        rooms = [(width - 2 * margin) / (1 if whole else 2) for _, _, whole in cells]
    for entry, (x, y), full, room in zip(entries, places, filled, rooms):
        colour = entry.colour
        fill = tint(colour, 0.35) if full else None
        items.append(Box(Rect(x, y, sw * 1.6, sw), fill, colour, entry.weight if entry.dashed else 1.2, 2,
                         kind="swatch", dash=entry.dash if entry.dashed else None))
        label = fit_line(fonts, entry.title, room - sw * 2.5, size)
        base = y + (sw - (ASCENT - DESCENT) * size) / 2
        items.append(text_run(fonts, label, x + sw * 2.0, base, size, p.text, kind="legend"))
    return items


def _legend_cells(fonts, entries, width, margin, size) -> list[tuple[int, int, bool]]:
    """(row, column, whole row?) of each legend entry in two columns: a title too long for half
    the width (a note of the ratings left out) gets a row of its own rather than lose its end."""
    half = (width - 2 * margin) / 2 - size * 2.5
    cells: list[tuple[int, int, bool]] = []
    row, column = 0, 0
    for entry in entries:
        whole = fonts.width(entry.title, size) > half
        if column == 1 and (whole or cells[-1][2]):
            row, column = row + 1, 0
        cells.append((row, column, whole))
        row, column = (row + 1, 0) if whole or column == 1 else (row, 1)
    return cells


def _legend_rows(fonts, entries, width, margin, size) -> int:
    """How many rows of room the legend is given (none for a single series): as many as two
    columns take, even when the titles fit on one line."""
    if len(entries) < 2:
        return 0
    return max(math.ceil(len(entries) / 2), _legend_cells(fonts, entries, width, margin, size)[-1][0] + 1)


def radar_scene(
    ladder: Ladder,
    role_ids: list[str] | tuple[str, ...],
    style: Style,
    *,
    width: float = 540.0,
    height: float = 540.0,
    title: bool = True,
    min_text: float = 7.0,
    fonts: FontSet | None = None,
) -> Scene:
    """A spider chart of the rating dimensions: one translucent polygon per role, overlaid.

    `fonts` is the render's FontSet (a new one for `style` if not given)."""
    dims = ladder.rating_dimensions
    if len(dims) < 3:
        raise RenderError(
            f"a radar needs at least 3 rating dimensions (kind: rating); this ladder has {len(dims)}"
        )
    if not role_ids:
        raise RenderError("a radar needs at least one role id")
    for role_id in role_ids:
        require_role(ladder, role_id)
    roles = [ladder.role(r) for r in role_ids]
    fonts = fonts or FontSet.for_style(style)
    p = style.palette
    s = min(width, height) / 540 * style.chart.text_scale
    heading = None
    if title:
        size = max(min_text, 16 * s)
        # Full titles if they fit, else the short labels ("APM vs PM vs Senior PM"), else the ladder.
        heading = ladder.title
        for candidate in (" vs ".join(r.title for r in roles), " vs ".join(r.short for r in roles)):
            if len(roles) <= 4 and fonts.width(candidate, size, True) <= width - 2 * margin_of(s):
                heading = candidate
                break
    series = [RadarSeries(role.title, {d.id: v for d in dims if isinstance(v := role.values.get(d.id), int)},
                          p.track_colour(k) if len(roles) > 1 else p.accent) for k, role in enumerate(roles)]
    return series_radar_scene(dims, series, style, width=width, height=height, heading=heading,
                              min_text=min_text, fonts=fonts)


def _runs(points: list) -> list[tuple]:
    """The runs of consecutive points around the circle, split where a point is None."""
    start = points.index(None)
    turned = points[start:] + points[:start]  # begin at a gap, so no run wraps around
    runs, run = [], []
    for pt in turned:
        if pt is None:
            runs.append(tuple(run))
            run = []
        else:
            run.append(pt)
    runs.append(tuple(run))
    return [r for r in runs if r]


def margin_of(s: float) -> float:
    return 16 * s


class _Wheel(NamedTuple):
    """Where the radar is drawn: its centre, its radius, each axis's angle, and the scale of
    the canvas against a 540 pt square."""

    cx: float
    cy: float
    radius: float
    angles: list[float]
    s: float


def series_radar_scene(
    dims: tuple[Dimension, ...],
    series: list[RadarSeries] | tuple[RadarSeries, ...],
    style: Style,
    *,
    width: float = 540.0,
    height: float = 540.0,
    heading: str | None = None,
    min_text: float = 7.0,
    fonts: FontSet | None = None,
    point_names: bool = False,
    gaps: bool = False,
) -> Scene:
    """A spider chart of `dims` with one polygon per series; the first of several series is
    drawn first. With one series, the name of its point shows under each axis; with
    `point_names`, the rings are labelled with the scale's point names (a shared named scale).
    With `gaps`, a series without a value for a dimension leaves it out (the edges around it
    are not drawn, and a shape with such a gap is not filled) instead of drawing it at the centre."""
    fonts = fonts or FontSet.for_style(style)
    p = style.palette
    s = min(width, height) / 540 * style.chart.text_scale
    items: list = []
    margin = margin_of(s)
    top = height - margin
    if heading is not None:
        size = max(min_text, 16 * s)
        heading = fit_line(fonts, heading, width - 2 * margin, size, bold=True)
        items.append(text_run(fonts, heading, margin, top - ASCENT * size, size, p.primary, bold=True, kind="heading"))
        top -= (ASCENT + DESCENT) * size + 8 * s
    legend_size = max(min_text, 10 * s)
    legend_h = ((ASCENT + DESCENT) * legend_size + 6 * s) * _legend_rows(fonts, series, width, margin, legend_size)
    bottom = margin + legend_h
    label_size = max(min_text, 10 * s)
    label_w = max(fonts.width(d.name, label_size) for d in dims)
    # Longer names wrap onto two lines beside the axis, but a single word is never split.
    longest_word = max(fonts.width(word, label_size) for d in dims for word in d.name.split())
    label_w = max(min(label_w, width * 0.16), longest_word)
    dot = 2.4 * max(s, 0.6)  # the marker of each rating
    gap = max(8 * s, dot + 0.5 * label_size)  # a label clears the marker of a full rating, even when small
    radius = max(20.0, min((width - 2 * margin) / 2 - label_w - gap, (top - bottom) / 2 - 2.4 * label_size - gap))
    n = len(dims)
    wheel = _Wheel(width / 2, (top + bottom) / 2, radius, [math.pi / 2 - 2 * math.pi * i / n for i in range(n)], s)
    shapes = _shapes(wheel, dims, series, dot, gaps)
    rings, scale = _rings_and_axes(wheel, dims, p, fonts, max(min_text, 7.5 * s), point_names, shapes, dot)
    items += rings
    for dim, a in zip(dims, wheel.angles):
        items += _axis_label(wheel, dim, a, series, fonts, p, width - margin, margin, gap, label_size)
    items += shapes + scale
    if len(series) > 1:
        filled = [not e.dashed and not (gaps and any(d.id not in e.values for d in dims)) for e in series]
        items.extend(_radar_legend(fonts, series, p, width, margin, legend_size, s, filled))
    return Scene(width, height, tuple(items), p.background)


def _rings_and_axes(wheel: _Wheel, dims: tuple[Dimension, ...], p, fonts: FontSet, tick: float,
                    point_names: bool, shapes: list, dot: float) -> tuple[list, list]:
    """The rings, an axis per dimension, and the scale's values (of `tick` size) or ticks; the
    values come second instead when they must be drawn over the `shapes` (the series' outlines
    and points)."""
    cx, cy, radius, s = wheel.cx, wheel.cy, wheel.radius, wheel.s
    items: list = []
    steps = max(d.scale for d in dims)
    shared_scale = len({d.scale for d in dims}) == 1
    # A ring at each step when every axis has the same scale; with scales of different lengths
    # (3 of 4 is not 3 of 5) only the outer ring, every axis's top, and each axis its own ticks.
    for step in range(1, steps + 1) if shared_scale else (steps,):
        ring = tuple((cx + radius * step / steps * math.cos(a), cy + radius * step / steps * math.sin(a)) for a in wheel.angles)
        items.append(Polygon(ring, None, p.rule, 0.6 * max(s, 0.6), kind="ring"))
    for dim, a in zip(dims, wheel.angles):
        items.append(Line(((cx, cy), (cx + radius * math.cos(a), cy + radius * math.sin(a))), p.rule, 0.6 * max(s, 0.6), kind="axis"))
        if not shared_scale:
            half = 3.5 * max(s, 0.6)  # a short crossbar, square to the axis
            for step in range(1, dim.scale):
                r = radius * step / dim.scale
                x, y = cx + r * math.cos(a), cy + r * math.sin(a)
                dx, dy = -math.sin(a) * half, math.cos(a) * half
                items.append(Line(((x - dx, y - dy), (x + dx, y + dy)), p.muted, 0.8 * max(s, 0.6), kind="tick-mark"))
    scale: list = []
    if shared_scale and radius / steps >= 2.2 * tick:  # room between the numbers
        # The scale, once, along the first axis: each ring's value (or its name) just below it.
        shared = dims[0].points if point_names and len({d.points for d in dims}) == 1 else ()
        labels = [f"{step} {shared[step - 1].name}" if shared else str(step) for step in range(1, steps + 1)]
        for step, label in enumerate(labels, 1):
            y = cy + radius * step / steps - ASCENT * tick - 2
            scale.append(text_run(fonts, label, cx + 3 * s, y, tick, p.muted, kind="tick"))
        clear = 2.0 * max(s, 0.6)  # a line this close to a value reads as running over it
        around = [Rect(r.x - clear, r.y - clear, r.w + 2 * clear, r.h + 2 * clear) for r in (t.rect for t in scale)]
        if not any(_covers(shape, rect) for rect in around for shape in shapes):
            return items + scale, []
        # A series' point or outline runs over a value: the values go left of the axis, clear
        # of the points on it, each on a patch of background the outlines pass under.
        scale = []
        for step, label in enumerate(labels, 1):
            y = cy + radius * step / steps - (ASCENT - DESCENT) * tick / 2
            text = text_run(fonts, label, cx - dot - 3 * s, y, tick, p.muted, anchor="end", kind="tick")
            r = text.rect
            scale += [Box(Rect(r.x - 1.5 * s, r.y - 0.5 * s, r.w + 3 * s, r.h + s), p.background, kind="panel"),
                      text]
    return items, scale


def _covers(shape, rect: Rect) -> bool:
    """Does a point (Circle) or an outline (Line, Polygon) of a series run over `rect`?"""
    if isinstance(shape, Circle):
        return (rect.x - shape.r < shape.cx < rect.right + shape.r
                and rect.y - shape.r < shape.cy < rect.top + shape.r)
    if shape.kind != "outline":
        return False
    points = shape.points if isinstance(shape, Line) else (*shape.points, shape.points[0])
    return any(_segment_meets(rect, p, q) for p, q in zip(points, points[1:]))


def _segment_meets(rect: Rect, p, q) -> bool:
    """Does the segment p-q pass through `rect` (Liang-Barsky clipping)?"""
    (x1, y1), (x2, y2) = p, q
    low, high = 0.0, 1.0
    for d, start, lo, hi in ((x2 - x1, x1, rect.x, rect.right), (y2 - y1, y1, rect.y, rect.top)):
        if abs(d) < 1e-12:
            if not lo <= start <= hi:
                return False
            continue
        t1, t2 = sorted(((lo - start) / d, (hi - start) / d))
        low, high = max(low, t1), min(high, t2)
        if low > high:
            return False
    return True


def _axis_label(wheel: _Wheel, dim: Dimension, a: float, series, fonts: FontSet, p, right: float, left: float,
                gap: float, label_size: float) -> list:
    """The dimension's name past the end of its axis (at angle `a`), within `left`..`right`;
    under it, with one series, the name of that series' point on the dimension's scale."""
    s = wheel.s
    items: list = []
    lx = wheel.cx + (wheel.radius + gap) * math.cos(a)
    ly = wheel.cy + (wheel.radius + gap) * math.sin(a)
    cos = math.cos(a)
    anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
    avail = right - lx if anchor == "start" else (lx - left if anchor == "end" else 2 * min(lx - left, right - lx))
    avail += 1e-6  # the room was made for the longest word: rounding must not split it ("Interactio|n")
    lines = [(line, p.text) for line in wrap(fonts, dim.name, max(avail, 30 * s), label_size)]
    # One role: the name of its point on a scale that names them ("Evangelizes") under the axis.
    value = series[0].values.get(dim.id) if len(series) == 1 else None
    point = dim.point(value) if isinstance(value, int) else None
    if point:
        lines += [(line, p.muted) for line in wrap(fonts, point.name, max(avail, 30 * s), label_size)]
    block = (len(lines) - 1) * LEADING * label_size
    if math.sin(a) > 0.2:
        base = ly + DESCENT * label_size + block
    elif math.sin(a) < -0.2:
        base = ly - ASCENT * label_size
    else:
        base = ly - (ASCENT - DESCENT) * label_size / 2 + block / 2
    for line, ink in lines:
        items.append(text_run(fonts, line, lx, base, label_size, ink, anchor=anchor, kind="axis-label"))
        base -= LEADING * label_size
    return items


def _shapes(wheel: _Wheel, dims: tuple[Dimension, ...], series, dot: float, gaps: bool) -> list:
    """Each series' shape: fills first, then every outline and point on top, so one shape
    never hides another's edge."""
    cx, cy, radius, s = wheel.cx, wheel.cy, wheel.radius, wheel.s
    items: list = []
    shapes = []
    for entry in series:
        points = []
        for dim, a in zip(dims, wheel.angles):
            value = entry.values.get(dim.id)
            if not isinstance(value, int) and gaps:
                points.append(None)
                continue
            frac = (value / dim.scale) if isinstance(value, int) else 0.0
            points.append((cx + radius * frac * math.cos(a), cy + radius * frac * math.sin(a)))
        shapes.append((points, entry))
        if not entry.dashed and None not in points:
            items.append(Polygon(tuple(points), entry.colour, None, 0, fill_opacity=0.2, kind="profile"))
    for points, entry in shapes:
        width_ = (entry.weight if entry.dashed else 1.8) * max(s, 0.6)
        if None in points:  # only the edges between values: no value is not the centre
            items.extend(Line(run, entry.colour, width_, dash=entry.dash if entry.dashed else None, kind="outline")
                         for run in _runs(points) if len(run) > 1)
        elif entry.dashed:
            items.append(Line((*points, points[0]), entry.colour, width_, dash=entry.dash, kind="outline"))
        else:
            items.append(Polygon(tuple(points), None, entry.colour, width_, kind="outline"))
        if not entry.dashed:
            items.extend(Circle(x, y, dot, entry.colour) for x, y in (pt for pt in points if pt))
    return items
