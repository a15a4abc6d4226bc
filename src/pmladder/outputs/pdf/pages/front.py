"""The front of the handout: cover (or an excerpt's title), contents, introduction, and the
tracks under the ladder chart."""

from __future__ import annotations

from reportlab.platypus import HRFlowable, Spacer

from .... import content
from ....errors import RenderError
from ....model import Role
from ..context import Context
from ..flowables import Band, LadderShape, PageRef, Row
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
    # At the foot of the page, under a rule: who it is from, which version and when.
    foot: list = [HRFlowable(width="100%", thickness=1.2, color=colour(ctx.palette.primary), spaceAfter=12)]
    if ctx.logo.ok and ctx.style.logo.cover:
        foot += [LogoFlowable(ctx.logo, 40), Spacer(1, 12)]
    if cover.organization:
        foot.append(para(cover.organization, "cover-meta"))
    if cover.dated:  # the first line of the foot in the larger type, with or without an organisation
        foot.append(para(cover.dated, "cover-small" if cover.organization else "cover-meta"))
    if cover.tracks:
        foot.append(para(cover.tracks, "cover-small"))
    used = sum(f.wrap(ctx.frame_width, ctx.frame_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
               for f in [band, *foot]) + 2  # and a little slack for rounding
    # Between them, the ladder's shape, as tall as its levels need and the page leaves.
    room = ctx.frame_height - used - 2 * 28
    rows = cover.grid[0]
    if room >= 60 and cover.shape:
        picture = LadderShape(cover.shape, cover.grid, list(ctx.palette.tracks), min(room, 36.0 * rows + 20))
        return [band, Spacer(1, 28 + room - picture.height), picture, Spacer(1, 28), *foot]
    return [band, Spacer(1, max(28.0, room + 28)), *foot]


def title_block(ctx: Context, chosen: list[Role]) -> list:
    ladder = ctx.ladder
    story = [ctx.para(ladder.title, "h1")]
    if ladder.subtitle:
        story.append(ctx.para(ladder.subtitle, "lead"))
    story.append(ctx.para(content.excerpt_caption(ladder, chosen), "caption"))
    return story


def contents(ctx: Context, parts) -> list:
    ladder = ctx.ladder
    entries = content.contents(ladder, parts=parts)
    rows = []
    for i, (level, title, key) in enumerate(entries):
        st = "toc0" if level == 0 else "toc1"
        cells = [ctx.para(title, st, link=key), PageRef(key, ctx.styles["toc-page"].size, ctx.pages)]
        # More space above each part than above the entries under it.
        rows.append(Row(cells, [ctx.frame_width - 48, 48], pad_top=8 if level == 0 and i else 1.5, pad_bottom=1.5))
    title = ladder.label("contents")
    return [ctx.anchor("contents", title, 0), ctx.heading(title), Spacer(1, 6), *rows]


def introduction(ctx: Context) -> list:
    story: list = [ctx.heading(ctx.ladder.label("introduction"))]
    for section in ctx.ladder.intro:
        story.append(ctx.para(section.heading, "h2"))
        story += [ctx.para(text) for text in section.paragraphs]
        story += [ctx.para(item, "bullet", bullet="\u2022") for item in section.items]
    return story


def track_notes(ctx: Context, chosen: list[Role], width: float | None = None) -> list[Row]:
    """Under the chart: each described track, its name ruled in its chart colour, and what it is
    (the chart shows where a role sits; this says what its track means). None described: []."""
    notes = content.track_notes(ctx.ladder, chosen)
    if not notes:
        return []
    w = width or ctx.frame_width
    name_w = min(w * 0.3, max(ctx.fonts.width(n.name, 8.5, True) for n in notes) + 14)
    return [Row([ctx.para(n.name, "cell-bold"), ctx.para(n.description, "cell")], [name_w, w - name_w],
                pad_x=6, pad_top=3, pad_bottom=4, bar=ctx.palette.track_colour(n.column), rule=ctx.palette.rule)
            for n in notes]
