"""The Python API: everything the CLI does, callable from a script.

Each function takes a ladder as a model object or as anything `load_ladder` reads (a path,
YAML text, a mapping), and a style as a Style, a built-in name or a path. matplotlib and
ReportLab are imported only by the functions that need them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import IO, Any

from .load.ladder import LadderSource, load_ladder
from .load.style import Style, load_style
from .model import Ladder
from .outputs.atomic import write_output

LadderLike = Ladder | LadderSource
StyleLike = Style | str | os.PathLike | None


def _ladder(ladder: LadderLike) -> Ladder:
    return ladder if isinstance(ladder, Ladder) else load_ladder(ladder)


def render_pdf(
    ladder: LadderLike,
    *,
    style: StyleLike = None,
    roles: Sequence[str] | None = None,
    highlight: str | None = None,
    page_size: str | None = None,
    worksheet: bool = False,
    parts: Sequence[str] | None = None,
    without: Sequence[str] = (),
    prepend: Sequence[str | os.PathLike] = (),
    append: Sequence[str | os.PathLike] = (),
) -> bytes:
    """The handout (or, with `roles`, an onboarding excerpt) as PDF bytes.

    `parts` chooses what it holds (cover, contents, introduction, chart, roles, matrix,
    worksheets; default: all but the worksheets, which `worksheet` adds) and `without` leaves
    parts out. `prepend` and `append` merge the team's own PDFs around it, each with an outline entry.
    """
    from .outputs.pdf import handout, packet

    model = _ladder(ladder)
    chosen = load_style(style).with_page_size(page_size)
    packet.check_inputs([*prepend, *append])  # fail before the slow part, and write nothing
    data = handout.render_pdf(model, chosen, roles=list(roles) if roles else None, highlight=highlight,
                              worksheet=worksheet, parts=list(parts) if parts is not None else None,
                              without=list(without))
    if prepend or append:
        data = packet.merge(data, prepend, append)
    return data


def write_pdf(ladder: LadderLike, target: str | os.PathLike | IO[bytes], **options: Any) -> None:
    """render_pdf, written to a path (atomically) or to a binary file object."""
    data = render_pdf(ladder, **options)
    if hasattr(target, "write"):
        target.write(data)
    else:
        write_output(target, data)


def render_chart(ladder: LadderLike, *, style: StyleLike = None, highlight: str | None = None,
                 size: str | tuple[int, int] | None = None, dpi: float = 144):
    """The ladder diagram as a matplotlib Figure; `size` is slide, square, 'WxH' or (w, h) pixels."""
    from .outputs.chart import render as chart

    return chart.render_chart(_ladder(ladder), style=load_style(style), highlight=highlight, size=size, dpi=dpi).figure


def render_radar(ladder: LadderLike, role_ids: Sequence[str], *, style: StyleLike = None,
                 size: str | tuple[int, int] | None = None, dpi: float = 144):
    """A competency radar of one or more roles, overlaid, as a matplotlib Figure."""
    from .outputs.chart import render as chart

    return chart.render_radar(_ladder(ladder), list(role_ids), style=load_style(style), size=size, dpi=dpi).figure


def chart_bytes(figure, fmt: str = "png", *, dpi: float = 144) -> bytes:
    """A Figure from render_chart or render_radar as reproducible PNG, SVG or PDF bytes."""
    from .outputs.chart import render as chart

    return chart.figure_bytes(figure, fmt, dpi=dpi)


def flowables(ladder: LadderLike, *, style: StyleLike = None, roles: Sequence[str] | None = None,
              highlight: str | None = None, page_breaks: bool = True,
              heading_styles: Mapping[str, Any] | None = None) -> list:
    """ReportLab flowables (the chart and its tracks, role pages, the matrix) for your own document's story.

    They carry their own embedded fonts and paragraph styles and fit your frame's width.
    `page_breaks=False` runs them on without starting each role page and the matrix on a new
    page. `heading_styles` maps "h1" (role titles, the matrix), "h2" (the chart, profiles) and
    "h3" (sections) to your ReportLab ParagraphStyles: their size, leading, colour, spacing and
    weight; the text keeps the ladder's fonts, so every script still prints.
    """
    from .outputs.pdf import handout

    return handout.flowables(_ladder(ladder), load_style(style), roles=list(roles) if roles else None,
                             highlight=highlight, page_breaks=page_breaks, heading_styles=heading_styles)
