"""Charts for slides and the web: the ladder diagram and the radar as matplotlib Figures.

Importing this module imports matplotlib, so only the chart command and the API load it.
"""

from __future__ import annotations

import io
import warnings
from contextlib import contextmanager
from typing import NamedTuple

import matplotlib

from ...errors import RenderError
from ...load.locate import text_locator
from ...load.style import Style, load_style
from ...model import Ladder
from ...scene.diagram import ladder_scene
from ...scene.radar import radar_scene
from ...text.fonts import FontSet
from ..registry import Rendered
from .paint import paint
from .size import MAX_PIXELS, MAX_PX, parse_size

DEFAULT_DPI = 144  # 1920 px at 144 dpi is 13.33 in: PowerPoint's own 16:9 slide
MAX_GROWTH = 4  # a chart grows to at most four times the height asked for; then its text shrinks
READABLE_PX = 14  # the smallest text that reads on a 1080p slide
FORMATS = ("png", "svg", "pdf")

# Settings that make files reproducible and SVG text editable, whatever the style says.
_FIXED = {
    "svg.fonttype": "none",
    "svg.hashsalt": "pmladder",
    "pdf.fonttype": 42,
    "path.simplify": False,
}


def _geometry(size, dpi: float) -> tuple[float, float, float]:
    w, h = parse_size(size)
    return w * 72 / dpi, h * 72 / dpi, READABLE_PX * 72 / dpi


@contextmanager
def _settings(style: Style):
    with matplotlib.rc_context(_FIXED):
        yield


class Chart(NamedTuple):
    """A painted chart, and notes on how it was laid out (a canvas made taller to stay readable)."""

    figure: matplotlib.figure.Figure
    notes: tuple[str, ...] = ()


def render_chart(ladder: Ladder, *, style: Style | str | None = None, highlight: str | None = None,
                 size=None, dpi: float = DEFAULT_DPI, title: bool = True) -> Chart:
    """The ladder diagram as a matplotlib Figure, with its layout notes (nothing is written)."""
    style = load_style(style)
    width, height, min_text = _geometry(size, dpi)
    with FontSet.for_style(style).reporting_missing(text_locator(ladder)) as fonts:
        scene = ladder_scene(ladder, style, width=width, height=height, highlight=highlight,
                             title=title, min_text=min_text, fonts=fonts,
                             max_height=min(min(MAX_PX, MAX_PIXELS / (width * dpi / 72)) * 72 / dpi,
                                            MAX_GROWTH * height))
    with _settings(style):
        return Chart(paint(scene, dpi=dpi), scene.notes)


def render_radar(ladder: Ladder, role_ids, *, style: Style | str | None = None, size=None,
                 dpi: float = DEFAULT_DPI, title: bool = True) -> Chart:
    """A competency radar of one or more roles as a matplotlib Figure, with its layout notes."""
    style = load_style(style)
    width, height, min_text = _geometry(size or "square", dpi)
    with FontSet.for_style(style).reporting_missing(text_locator(ladder)) as fonts:
        scene = radar_scene(ladder, list(role_ids), style, width=width, height=height, title=title,
                            min_text=min_text, fonts=fonts)
    with _settings(style):
        return Chart(paint(scene, dpi=dpi), scene.notes)


def chart_file(ladder: Ladder, fmt: str, *, style: Style | str | None = None, highlight: str | None = None,
               radar=None, size=None, dpi: float = DEFAULT_DPI) -> Rendered:
    """The diagram (or, with `radar` role ids, a radar) as the bytes of a PNG, SVG or PDF file."""
    style = load_style(style)
    if radar is not None:
        chart = render_radar(ladder, radar, style=style, size=size, dpi=dpi)
    else:
        chart = render_chart(ladder, style=style, highlight=highlight, size=size, dpi=dpi)
    return Rendered(figure_bytes(chart.figure, fmt, style=style, dpi=dpi), chart.notes)


def figure_bytes(figure, fmt: str, *, style: Style | None = None, dpi: float = DEFAULT_DPI) -> bytes:
    """PNG, SVG or PDF bytes with no dates or random ids, so the same input gives the same file."""
    if fmt not in FORMATS:
        raise RenderError(f"unknown chart format {fmt!r}; expected one of {', '.join(FORMATS)}")
    metadata = {
        # PNG through matplotlib and Pillow: our own writer saved only 4-10% of `chart` (under the
        # 15% that would pay for it; docs/performance.md). No software name, and Pillow writes no date.
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    }[fmt]
    with _settings(style or load_style(None)), warnings.catch_warnings():
        # Characters no font covers were already reported once, by name; not again per glyph.
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor=figure.get_facecolor())
    return buffer.getvalue()
