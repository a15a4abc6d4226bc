"""The printed handout: a ladder becomes a PDF (ReportLab platypus), returned as bytes.

Cover, contents, introduction, the ladder chart, a page per role, the comparison matrix on
landscape pages and, on request, evidence worksheets. What each part shows comes from the
content layer; the pages (pages/) lay it out with a render's Context. Ladder text is always
text, never markup: it is set by textblocks (no Paragraph, nothing parsed), and characters the
body font lacks are set in a fallback face run by run. Every font is an embedded TrueType font,
and the same input gives the same bytes. Nothing here writes files or imports matplotlib.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

from ... import content
from ...errors import MissingGlyphsWarning
from ...load.locate import text_locator
from ...load.style import Style
from ...model import Ladder, Role, require_role
from ...scene.diagram import ladder_scene
from ...text.fonts import FontSet
from .context import Context
from .document import HandoutDoc
from .flowables import Anchor, Deferred
from .pages import front
from .pages.matrix import matrix
from .pages.role import role_page
from .pages.worksheet import worksheet as worksheet_page
from .paint import LazySceneFlowable, SceneFlowable
from .styles import caller_headings

__all__ = ["MissingGlyphsWarning", "flowables", "render_pdf"]


def render_pdf(
    ladder: Ladder,
    style: Style,
    *,
    roles: list[str] | tuple[str, ...] | None = None,
    highlight: str | None = None,
    worksheet: bool = False,
) -> bytes:
    """The handout as PDF bytes; `roles` makes an onboarding excerpt of those roles (and their next steps)."""
    fonts = FontSet.for_style(style)  # this render's fonts, and the fallbacks it picks
    with fonts.reporting_missing(text_locator(ladder)):
        ctx = Context(ladder, style, fonts)
        excerpt = content.excerpt_roles(ladder, roles) if roles is not None else None
        doc = HandoutDoc(ctx, excerpt=excerpt is not None)
        story = document_story(ctx, excerpt, highlight, worksheet)
        buffer = io.BytesIO()
        doc.build(story, filename=buffer)
    if fonts.beyond_bmp:  # ReportLab's ToUnicode map cannot hold it; rewrite only then
        from .tounicode import restore_astral

        return restore_astral(buffer.getvalue())
    return buffer.getvalue()


def flowables(
    ladder: Ladder,
    style: Style,
    *,
    roles: list[str] | tuple[str, ...] | None = None,
    highlight: str | None = None,
    page_breaks: bool = True,
    heading_styles: Mapping[str, object] | None = None,
) -> list:
    """Flowables for a caller's own story: the ladder chart, the role pages and the matrix.

    They carry their own (embedded) fonts and text styles, and each is laid out for the width
    of the frame it lands in. `page_breaks` starts each role page and the matrix on a new page;
    `heading_styles` ({"h1"|"h2"|"h3": ParagraphStyle}) sets the headings (styles.caller_headings).
    """
    headings = caller_headings(heading_styles) if heading_styles else None
    ctx = Context(ladder, style, FontSet.for_style(style), headings=headings)
    chosen = content.excerpt_roles(ladder, roles) if roles is not None else list(ladder.ordered_roles)
    if highlight is not None:  # now, not when the caller's document is built
        require_role(ladder, highlight)
    links = {content.role_key(r) for r in chosen}
    story: list = [ctx.heading(ladder.label("overview"), "h2"),
                   LazySceneFlowable(lambda w: chart_scene(ctx, w, ctx.frame_height * 0.62, highlight), links)]
    # After a page break each part is built at the top of a page, where the height left is what
    # the caller's frame offers (its room); without page breaks that is unknown.
    room = (lambda h: h) if page_breaks else (lambda h: None)  # noqa: E731
    between = [PageBreak()] if page_breaks else [Spacer(1, 12)]
    for role in chosen:
        story += between
        story.append(Anchor(content.role_key(role), role.title, 0, ctx.pages.record))
        story.append(Deferred(lambda w, h, role=role: role_page(ctx, role, w, room(h))))
    story += between
    story.append(Deferred(lambda w, h: matrix(ctx, w, room(h), heading=True)))
    return story


def chart_scene(ctx: Context, width: float, height: float, highlight: str | None):
    return ladder_scene(ctx.ladder, ctx.style, width=width, height=height, highlight=highlight,
                        title=False, links=True, fonts=ctx.fonts)


def document_story(ctx: Context, excerpt: list[Role] | None, highlight: str | None, worksheet: bool) -> list:
    """The whole handout (or an excerpt of `excerpt`'s roles) as one story."""
    ladder = ctx.ladder
    story: list = []
    chosen = excerpt if excerpt is not None else list(ladder.ordered_roles)
    links = {content.role_key(r) for r in chosen}
    if excerpt is None:
        story += front.cover(ctx)
        story += [NextPageTemplate("page"), PageBreak()]
        story += front.contents(ctx, worksheet)
        if ladder.intro:
            story += [PageBreak(), ctx.anchor("introduction", ladder.label("introduction"), 0)]
            story += front.introduction(ctx)
        story += [PageBreak(), ctx.anchor("overview", ladder.label("overview"), 0),
                  ctx.heading(ladder.label("overview"))]
        room = ctx.frame_height - 40
    else:
        story += front.title_block(ctx, excerpt)
        story.append(ctx.anchor("overview", ladder.label("overview"), 0))
        room = ctx.frame_height - sum(f.wrap(ctx.frame_width, ctx.frame_height)[1] + 8 for f in story)
    key = front.chart_key(ctx, chosen)
    key_h = key.wrap(ctx.frame_width, ctx.frame_height)[1]
    # The chart takes what the role index leaves, within reason (an index too long to share
    # the page simply continues overleaf).
    chart_h = max(ctx.frame_height * 0.45, min(ctx.frame_height * 0.62, room - key_h - 18))
    story.append(SceneFlowable(chart_scene(ctx, ctx.frame_width, chart_h, highlight), links,
                               max_height=ctx.frame_height - 60))
    story.append(Spacer(1, 10))
    story.append(key)
    for k, role in enumerate(chosen):
        story.append(PageBreak())
        if k == 0:
            story.append(ctx.anchor("roles", ladder.label("roles"), 0))
        story.append(ctx.anchor(content.role_key(role), role.title, 1))
        story += role_page(ctx, role, ctx.frame_width, ctx.frame_height)
    if excerpt is None:
        story += [NextPageTemplate("landscape"), PageBreak(), ctx.anchor("matrix", ladder.label("matrix"), 0)]
        story += matrix(ctx, ctx.landscape_width, ctx.landscape_height, heading=True)
    if worksheet:
        story += [NextPageTemplate("page")]
        for k, role in enumerate(chosen):
            story.append(PageBreak())
            if k == 0:
                story.append(ctx.anchor("worksheets", ladder.label("worksheet"), 0))
            story.append(ctx.anchor(content.worksheet_key(role), role.title, 1))
            story += worksheet_page(ctx, role)
    return story
