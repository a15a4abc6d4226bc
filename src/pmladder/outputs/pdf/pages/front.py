"""The front of the handout: cover (or an excerpt's title), contents, introduction, and the
index of roles under the ladder chart."""

from __future__ import annotations

import math

from reportlab.platypus import Spacer, Table, TableStyle

from .... import content
from ....errors import RenderError
from ....model import Role
from ..context import Context
from ..flowables import Band, PageRef
from ..logo import LogoFlowable
from ..paint import colour
from ..textblocks import TextBlock


def cover(ctx: Context) -> list:
    """The cover page; a long title, subtitle or list of tracks gets smaller type until the
    page holds it (the default cover is drawn at the first scale)."""
    full = content.cover(ctx.ladder, ctx.date)
    # Last, without the line of track names: twenty long names fill a page on their own.
    for cover in (full, full._replace(tracks=None)):
        for scale in (1.0, 0.85, 0.7, 0.6, 0.5, 0.42, 0.35):
            story = _cover(ctx, cover, scale, max(scale, 0.7))
            if sum(f.wrap(ctx.frame_width, ctx.frame_height)[1] for f in story) <= ctx.frame_height:
                return story
    raise RenderError("the ladder's title and subtitle do not fit on the cover page")


def _cover(ctx: Context, cover: content.Cover, title_scale: float, scale: float) -> list:
    def para(text: str, name: str, k: float = scale) -> TextBlock:
        st = ctx.styles[name]
        st = st._replace(size=st.size * k, leading=st.leading * k)
        return TextBlock(ctx.balanced(text, st) if name == "cover" else text, ctx.fonts, st)

    inner = [para(cover.title, "cover", title_scale)]
    if cover.subtitle:
        inner += [Spacer(1, 10), para(cover.subtitle, "cover-sub")]
    m = ctx.margin
    band = Band(inner, ctx.primary_fill, (m, m, m), ctx.frame_height * 0.42, 22)
    story: list = [band, Spacer(1, 28)]
    if ctx.logo.ok and ctx.style.logo.cover:
        story += [LogoFlowable(ctx.logo, 40), Spacer(1, 16)]
    if cover.organization:
        story.append(para(cover.organization, "cover-meta"))
    if cover.dated:
        story.append(para(cover.dated, "cover-small"))
    if cover.tracks:
        story.append(para(cover.tracks, "cover-small"))
    return story


def title_block(ctx: Context, chosen: list[Role]) -> list:
    ladder = ctx.ladder
    story = [ctx.para(ladder.title, "h1")]
    if ladder.subtitle:
        story.append(ctx.para(ladder.subtitle, "lead"))
    story.append(ctx.para(content.excerpt_caption(ladder, chosen), "caption"))
    return story


def contents(ctx: Context, worksheet: bool) -> list:
    ladder = ctx.ladder
    entries = content.contents(ladder, worksheet=worksheet)
    rows = []
    for level, title, key in entries:
        st = "toc0" if level == 0 else "toc1"
        rows.append([ctx.para(title, st, link=key), PageRef(key, ctx.styles["toc-page"].size, ctx.pages)])
    table = Table(rows, colWidths=[ctx.frame_width - 48, 48], splitInRow=1)
    commands = ctx.table_commands(10, pad_x=0, pad_top=1.5, pad_bottom=1.5)
    for i, (level, _, _) in enumerate(entries):
        if level == 0 and i > 0:
            commands.append(("TOPPADDING", (0, i), (-1, i), 8))
    table.setStyle(TableStyle(commands))
    title = ladder.label("contents")
    return [ctx.anchor("contents", title, 0), ctx.heading(title), Spacer(1, 6), table]


def introduction(ctx: Context) -> list:
    story: list = [ctx.heading(ctx.ladder.label("introduction"))]
    for section in ctx.ladder.intro:
        story.append(ctx.para(section.heading, "h2"))
        story += [ctx.para(text) for text in section.paragraphs]
        story += [ctx.para(item, "bullet", bullet="\u2022") for item in section.items]
    return story


def chart_key(ctx: Context, chosen: list[Role]) -> Table:
    """Under the chart: every role with its level and page, so the chart reads without colour.
    Up to six roles in one column; more in two, filled column by column."""
    cells = []
    for entry in content.role_index(ctx.ladder, chosen):
        key = content.role_key(entry.role)
        cells.append(([ctx.para(entry.role.title, "cell-bold", link=key), ctx.para(entry.details, "cell-small")],
                      PageRef(key, 8.5, ctx.pages)))
    w = ctx.frame_width
    columns = 1 if len(cells) <= 6 else 2
    per = math.ceil(len(cells) / columns)
    rows = []
    for r in range(per):
        row = []
        for c in range(columns):
            k = c * per + r
            row += list(cells[k]) if k < len(cells) else ["", ""]
        rows.append(row)
    gap = 16 if columns > 1 else 0
    each = (w - gap * (columns - 1)) / columns
    widths = []
    for c in range(columns):
        widths += [each - 30, 30 + (gap if c < columns - 1 else 0)]
    table = Table(rows, colWidths=widths, splitInRow=1)
    commands = ctx.table_commands(8.5, pad_x=2, pad_top=3, pad_bottom=3)
    for c in range(columns):
        commands.append(("LINEBELOW", (2 * c, 0), (2 * c + 1, -1), 0.4, colour(ctx.palette.rule)))
        if c < columns - 1:
            commands.append(("RIGHTPADDING", (2 * c + 1, 0), (2 * c + 1, -1), gap + 2))
    table.setStyle(TableStyle(commands))
    return table
