"""The matplotlib painter: a scene becomes a Figure (for PNG, SVG and PDF slides).

Object API only (no pyplot), so nothing leaks between calls; nothing here writes files.
One axes spans the figure with data units equal to points, so scene coordinates are used
as they are. Text is drawn run by run in the face the scene chose for each run (from the font
file itself), so matplotlib's own font fallback never picks a different one.
"""

from __future__ import annotations

import logging
from functools import cache

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle as CirclePatch
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle
from matplotlib.patches import Polygon as PolygonPatch
from matplotlib.path import Path as MplPath

from ...scene.elements import Box, Circle, Line, Polygon, Run, Scene, Text

_ANCHOR = {"start": "left", "middle": "center", "end": "right"}

# A fallback font with no bold face (Droid Sans Fallback) is drawn regular; that is expected,
# so matplotlib's "Failed to find font weight bold" lines would only be noise.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


@cache
def _family(path: str) -> str:
    """Register a font file with matplotlib once and return its family name.

    Files matplotlib already lists (its own DejaVu fonts, the default) are not parsed again.
    """
    if not any(str(entry.fname) == path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def paint(scene: Scene, *, dpi: float = 144.0) -> Figure:
    """A Figure of exactly scene.width x scene.height points at `dpi`."""
    fig = Figure(figsize=(scene.width / 72, scene.height / 72), dpi=dpi)
    FigureCanvasAgg(fig)  # a real canvas, so callers can draw() and measure without pyplot
    fig.patch.set_facecolor(scene.background or "none")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, scene.width)
    ax.set_ylim(0, scene.height)
    ax.set_axis_off()
    for z, item in enumerate(scene.items):
        if isinstance(item, Box):
            _box(ax, item, z)
        elif isinstance(item, Line):
            _line(ax, item, z)
        elif isinstance(item, Polygon):
            _add_patch(ax, PolygonPatch(item.points, closed=True, facecolor=item.fill or "none", edgecolor=item.stroke or "none",
                                        linewidth=item.stroke_width, alpha=None, zorder=z, joinstyle="round"))
            if item.fill and item.fill_opacity < 1:
                ax.patches[-1].set_facecolor(_rgba(item.fill, item.fill_opacity))
        elif isinstance(item, Circle):
            _add_patch(ax, CirclePatch((item.cx, item.cy), item.r, facecolor=item.fill or "none",
                                       edgecolor=item.stroke or "none", linewidth=item.stroke_width, zorder=z))
        elif isinstance(item, Text):
            _text(ax, item, z)
    return fig


def _text(ax, item: Text, z: int) -> None:
    """A line in one face is one text artist, anchored by matplotlib; a line in several faces
    is one artist per run, each starting where layout measured the previous one to end."""
    common = dict(color=item.color, va="baseline", zorder=z, gid=f"{item.kind}-{item.role_id}" if item.role_id else None,
                  parse_math=False, usetex=False)
    if len(item.runs) == 1:
        run = item.runs[0]
        ax.text(item.x, item.y, run.text, fontproperties=_font_properties(run, item), ha=_ANCHOR[item.anchor], **common)
        return
    x = item.start
    for run in item.runs:
        ax.text(x, item.y, run.text, fontproperties=_font_properties(run, item), ha="left", **common)
        x += run.width


def _font_properties(run: Run, item: Text) -> FontProperties:
    """The run's face: its family name (SVG writes it, then a generic family so a viewer without
    the font, PowerPoint on a Mac, picks a sans-serif face rather than its default serif), and the
    file itself to draw with.

    Naming the file also skips matplotlib's search of every installed font, which it repeats for
    each family and each text size (~15 ms a chart). matplotlib opens only the first face of a
    collection by file; another face is found by its family name.
    """
    font = FontProperties(family=[_family(run.face.path), "sans-serif"], weight="bold" if item.bold else "normal",
                          size=item.size)
    if run.face.index == 0:
        font.set_file(run.face.path)
    return font


def _rgba(colour: str, alpha: float):
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)) + (alpha,)


def _box(ax, box: Box, z: int) -> None:
    r = box.rect
    common = dict(facecolor=box.fill or "none", edgecolor=box.stroke or "none", linewidth=box.stroke_width, zorder=z,
                  linestyle=(0, box.dash) if box.dash else "solid")
    if box.radius > 0:
        radius = min(box.radius, r.w / 2, r.h / 2)
        patch = FancyBboxPatch((r.x + radius, r.y + radius), r.w - 2 * radius, r.h - 2 * radius,
                               boxstyle=f"round,pad={radius},rounding_size={radius}", **common)
    else:
        patch = Rectangle((r.x, r.y), r.w, r.h, **common)
    if box.role_id:
        patch.set_gid(f"{box.kind}-{box.role_id}")
    _add_patch(ax, patch)


def _line(ax, line: Line, z: int) -> None:
    points = list(line.points)
    codes = [MplPath.MOVETO] + [MplPath.LINETO] * (len(points) - 1)
    if line.arrow:
        style = f"-|>,head_length={line.head * 0.9:.2f},head_width={line.head * 0.45:.2f}"
        patch = FancyArrowPatch(path=MplPath(points, codes), arrowstyle=style, color=line.color,
                                linewidth=line.width, zorder=z, joinstyle="round", capstyle="butt", shrinkA=0, shrinkB=0)
        # mutation_scale=1 makes the head sizes above read as points.
        patch.set_mutation_scale(1)
    else:
        from matplotlib.patches import PathPatch

        patch = PathPatch(MplPath(points, codes), facecolor="none", edgecolor=line.color, linewidth=line.width, zorder=z,
                          linestyle=(0, line.dash) if line.dash else "solid")
    _add_patch(ax, patch)


def _add_patch(ax, patch) -> None:
    """ax.add_patch without its data-limit update (~0.6 ms a patch): the limits are fixed to the page."""
    ax.add_artist(patch)
