"""The printed handout: a ladder becomes a PDF (ReportLab platypus), returned as bytes.

Cover, contents, introduction, the ladder chart, a page per role (short roles share one),
the comparison matrix on landscape pages and, on request, evidence worksheets. What each part shows comes from the
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
from ...errors import MissingGlyphsWarning, RenderError
from ...load.locate import text_locator
from ...load.style import Style
from ...model import Ladder, Role, require_role
from ...scene.diagram import ladder_scene
from ...text.fonts import FontSet
from .context import Context
from .document import HandoutDoc
from .flowables import Anchor, Deferred, PageBreakUnless
from .pages import front
from .pages.matrix import matrix
from .pages.role import role_page
from .pages.worksheet import worksheet as worksheet_page
from .paint import LazySceneFlowable, SceneFlowable
from .styles import caller_headings

__all__ = ["MissingGlyphsWarning", "flowables", "render_pdf"]

SHARED_GAP = 28  # points between two parts on one page (as between roles that share one)
CHART_SMALLEST = 0.45  # of the page's height: the ladder chart is never drawn smaller


def render_pdf(
    ladder: Ladder,
    style: Style,
    *,
    roles: list[str] | tuple[str, ...] | None = None,
    highlight: str | None = None,
    worksheet: bool = False,
    parts: list[str] | tuple[str, ...] | None = None,
    without: list[str] | tuple[str, ...] = (),
) -> bytes:
    """The handout as PDF bytes; `roles` makes an onboarding excerpt of those roles (and their
    next steps). `parts` (content.PARTS) chooses what it holds, `without` leaves parts out and
    `worksheet` adds the worksheets (content.handout_parts)."""
    chosen = content.handout_parts(parts, without=without, worksheet=worksheet, excerpt=roles is not None)
    fonts = FontSet.for_style(style)  # this render's fonts, and the fallbacks it picks
    with fonts.reporting_missing(text_locator(ladder)):
        ctx = Context(ladder, style, fonts)
        excerpt = content.excerpt_roles(ladder, roles) if roles is not None else None
        first, story = document_story(ctx, excerpt, highlight, chosen)
        doc = HandoutDoc(ctx, excerpt=excerpt is not None, first=first)
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
    """Flowables for a caller's own story: the ladder chart and its tracks, the role pages and the matrix.

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
                   LazySceneFlowable(lambda w: chart_scene(ctx, w, ctx.frame_height * 0.62, highlight), links,
                                     fit=lambda w, h: chart_scene(ctx, w, h, highlight))]
    if content.track_notes(ladder, chosen):
        story += [Spacer(1, 14), Deferred(lambda w, h: front.track_notes(ctx, chosen, w))]
    # After a page break each part is built at the top of a page, where the height left is what
    # the caller's frame offers (its room); without page breaks that is unknown.
    room = (lambda h: h) if page_breaks else (lambda h: None)  # noqa: E731
    def between() -> list:  # a new one each time: ReportLab marks the flowable it postpones
        return [PageBreak()] if page_breaks else [Spacer(1, 12)]

    for role in chosen:
        story += between()
        story.append(Anchor(content.role_key(role), role.title, 0, ctx.pages.record))
        story.append(Deferred(lambda w, h, role=role: role_page(ctx, role, w, room(h))))
    story += between()
    story.append(Deferred(lambda w, h: matrix(ctx, w, room(h), heading=True)))
    return story


def chart_scene(ctx: Context, width: float, height: float, highlight: str | None):
    return ladder_scene(ctx.ladder, ctx.style, width=width, height=height, highlight=highlight,
                        title=False, links=True, fonts=ctx.fonts)


def document_story(ctx: Context, excerpt: list[Role] | None, highlight: str | None,
                   parts: tuple[str, ...]) -> tuple[str, list]:
    """The handout's `parts` (or an excerpt of `excerpt`'s roles) as one story, and the page
    template of its first page."""
    ladder = ctx.ladder
    chosen = excerpt if excerpt is not None else list(ladder.ordered_roles)
    # An excerpt's title heads its first page, whichever part that is.
    opening = front.title_block(ctx, excerpt) if excerpt is not None else []
    sections: list[tuple[str, list]] = []  # (page template, flowables): each starts a page
    if "cover" in parts:
        sections.append(("cover", front.cover(ctx)))
    if "contents" in parts:
        sections.append(("page", front.contents(ctx, parts)))
    intro: list = []
    if "introduction" in parts and ladder.intro:
        intro = [ctx.anchor("introduction", ladder.label("introduction"), 0), *front.introduction(ctx)]
        sections.append(("page", intro))
    if "chart" in parts:
        # A short introduction shares its page with the chart when the chart fits under it at
        # no less than its smallest size; else the chart has a page of its own.
        above = _height(ctx, intro) + SHARED_GAP if intro else 0.0
        chart = overview(ctx, chosen, highlight, opening, "roles" in parts, above=above) if intro else None
        if chart is not None and above + _height(ctx, chart) <= ctx.frame_height:  # as drawn: it may be lower
            sections[-1] = ("page", [*intro, Spacer(1, SHARED_GAP), *chart])
        else:
            sections.append(("page", overview(ctx, chosen, highlight, opening, "roles" in parts)))
        opening = []
    if "roles" in parts:
        sections.append(("page", _roles(ctx, chosen, opening)))
        opening = []
    if "matrix" in parts:
        sections.append(("landscape", [ctx.anchor("matrix", ladder.label("matrix"), 0),
                                       NextPageTemplate("landscape-continued"),  # its later pages say so
                                       *matrix(ctx, ctx.landscape_width, ctx.landscape_height - ctx.continued_band,
                                               heading=True)]))
    if "worksheets" in parts:
        sections += _per_role(ctx, chosen, opening, "worksheets", content.worksheet_key,
                              lambda role, room: worksheet_page(ctx, role))
    if not sections:
        raise RenderError("no part of the handout is left to print (the ladder has no introduction)")
    story: list = []
    for k, (template, flowables_) in enumerate(sections):
        if k:
            if template != sections[k - 1][0]:
                story.append(NextPageTemplate(template))
            story.append(PageBreak())
        story += flowables_
    return sections[0][0], story


def _roles(ctx: Context, chosen: list[Role], opening: list) -> list:
    """The role pages, the first with the part's bookmark (and an excerpt's title, if no part
    came before). Each next role shares the page when it fits in what is left, or when more
    than a third of the page would stay empty (it then starts there and flows on)."""
    story: list = []
    for k, role in enumerate(chosen):
        anchors = [ctx.anchor("roles", ctx.ladder.label("roles"), 0)] if k == 0 else []
        anchors.append(ctx.anchor(content.role_key(role), role.title, 1))
        room = ctx.frame_height - (_height(ctx, opening) if k == 0 else 0)
        part = role_page(ctx, role, ctx.frame_width, room, anchors=tuple(anchors))
        story += [*opening, *part] if k == 0 else [PageBreakUnless(part, ctx.frame_height, gap=SHARED_GAP), *part]
    return story


def _per_role(ctx: Context, chosen: list[Role], opening: list, part: str, key, page) -> list[tuple[str, list]]:
    """A page per role, the first with the part's bookmark (and an excerpt's title, if no part
    came before)."""
    sections = []
    label = ctx.ladder.label("roles" if part == "roles" else "worksheet")
    for k, role in enumerate(chosen):
        story = [*opening, *([ctx.anchor(part, label, 0)] if k == 0 else []), ctx.anchor(key(role), role.title, 1)]
        story += page(role, ctx.frame_height - _height(ctx, opening))
        sections.append(("page", story))
        opening = []
    return sections


def overview(ctx: Context, chosen: list[Role], highlight: str | None, opening: list, linked: bool,
             above: float = 0.0) -> list | None:
    """The ladder at a glance: the chart, as large as the page allows under `above` points of
    what comes before it on the page, and what its tracks are. None when `above` leaves less
    than the chart's smallest size: it then needs a page of its own (and is not drawn twice)."""
    ladder = ctx.ladder
    story: list = [ctx.anchor("overview", ladder.label("overview"), 0)]
    story += opening or [ctx.heading(ladder.label("overview"))]
    notes = front.track_notes(ctx, chosen)
    below = [Spacer(1, 14), *notes] if notes else []
    free = ctx.frame_height - above - _height(ctx, story) - _height(ctx, below)
    if above and free < ctx.frame_height * CHART_SMALLEST:  # no scene is drawn lower than its smallest size
        return None
    room = free - 12
    chart_h = max(ctx.frame_height * CHART_SMALLEST, min(ctx.frame_height * 0.8, room))
    links = {content.role_key(r) for r in chosen} if linked else set()  # only to pages that are there
    story.append(SceneFlowable(chart_scene(ctx, ctx.frame_width, chart_h, highlight), links,
                               max_height=ctx.frame_height - 60))
    return story + below


def _height(ctx: Context, flowables_: list) -> float:
    """What these flowables take of a page, with their spacing."""
    total = 0.0
    for f in flowables_:
        total += f.wrap(ctx.frame_width, ctx.frame_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total
