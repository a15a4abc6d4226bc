"""The printed handout: a ladder becomes a PDF (ReportLab platypus), returned as bytes.

Cover, contents, introduction, the ladder chart, a page per role, the comparison matrix on
landscape pages and, on request, evidence worksheets. Ladder text is always text, never
markup: it is set by textblocks (no Paragraph, nothing parsed), and characters the body font
lacks are set in a fallback face run by run. Every font is an embedded TrueType font, and the
same input gives the same bytes. Nothing here writes files or imports matplotlib.
"""

from __future__ import annotations

import io
import math
import warnings

from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ... import content
from ...errors import MissingGlyphsWarning, PmladderWarning
from ...load.style import MM, Style
from ...model import Ladder, Role, require_role
from ...scene.diagram import ladder_scene
from ...scene.radar import radar_scene
from ...text.fonts import FontSet
from ...text.wrap import fit_line
from .paint import LazySceneFlowable, SceneFlowable, colour, draw_text, register_faces
from .textblocks import Grid, GridLook, Rating, TextBlock, TextStyle

__all__ = ["MissingGlyphsWarning", "flowables", "render_pdf"]

WHITE = "#FFFFFF"
MISSING = "\u2014"  # a dash where no value is given
MATRIX_MAX_ROLES = 7  # role columns per matrix table; more roles continue in another table


# ---------------------------------------------------------------- public API


def render_pdf(
    ladder: Ladder,
    style: Style,
    *,
    roles: list[str] | tuple[str, ...] | None = None,
    highlight: str | None = None,
    worksheet: bool = False,
) -> bytes:
    """The handout as PDF bytes; `roles` makes an onboarding excerpt of those roles (and their next steps)."""
    fontset = FontSet.for_style(style)
    with fontset.reporting_missing():
        parts = _Parts(ladder, style, fontset)
        excerpt = content.excerpt_roles(ladder, roles) if roles is not None else None
        # One pass: page numbers that are only known at the end (contents, "page X of Y") are
        # drawn as PDF forms referenced where they appear and defined once the layout is done.
        doc = _HandoutDoc(parts, excerpt=excerpt is not None)
        story = parts.document_story(excerpt, highlight, worksheet)
        buffer = io.BytesIO()
        doc.build(story, filename=buffer)
    return buffer.getvalue()


def flowables(
    ladder: Ladder,
    style: Style,
    *,
    roles: list[str] | tuple[str, ...] | None = None,
    highlight: str | None = None,
) -> list:
    """Flowables for a caller's own story: the ladder chart, the role pages and the matrix.

    They carry their own (embedded) fonts and text styles, and each is laid out for the width
    of the frame it lands in.
    """
    fontset = FontSet.for_style(style)
    parts = _Parts(ladder, style, fontset)
    chosen = content.excerpt_roles(ladder, roles) if roles is not None else list(ladder.ordered_roles)
    if highlight is not None:  # now, not when the caller's document is built
        require_role(ladder, highlight)
    links = {f"role-{r.id}" for r in chosen}
    story: list = [parts.heading(ladder.label("overview"), "h2"),
                   LazySceneFlowable(lambda w: parts.chart_scene(w, parts.frame_height * 0.62, highlight), links)]
    for role in chosen:
        story.append(PageBreak())
        story.append(_Anchor(f"role-{role.id}", role.title, 0, {}))
        story.append(_Deferred(lambda w, role=role: parts.role_page(role, w)))
    story.append(PageBreak())
    story.append(_Deferred(lambda w: parts.matrix(w, heading=True)))
    return story


# ---------------------------------------------------------------- small flowables


class _Anchor(Flowable):
    """A bookmark (for links), an outline entry and a note of the page it fell on."""

    def __init__(self, key: str, title: str, level: int, record: dict, outline: bool = True):
        super().__init__()
        self.key, self.title, self.level, self.record, self.outline = key, title, level, record, outline
        self.width = self.height = 0

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        canv = self.canv
        canv.bookmarkPage(self.key)
        if self.outline:
            canv.addOutlineEntry(self.title, self.key, self.level, closed=False)
        self.record[self.key] = canv.getPageNumber()


class _HeadedTable(Flowable):
    """A heading and a table that stay together on the page while the heading and at least
    `min_rows` rows fit; the rest of the table continues overleaf under its repeated header.
    (KeepTogether moves the whole block as soon as it does not fit, leaving half a page empty.)"""

    def __init__(self, heading, table, min_rows: int = 3):
        super().__init__()
        self.heading, self.table, self.min_rows = heading, table, min_rows

    def wrap(self, avail_width, avail_height):
        self._heading_h = self.heading.wrap(avail_width, avail_height)[1] + self.heading.getSpaceAfter()
        w, h = self.table.wrap(avail_width, avail_height)
        self.width, self.height = avail_width, self._heading_h + h
        return self.width, self.height

    def getSpaceBefore(self):
        return self.heading.getSpaceBefore()

    def split(self, avail_width, avail_height):
        frame = getattr(self, "_frame", None)
        if getattr(frame, "_atTop", False):
            return [self.heading, self.table]  # nothing to gain on the next page: flow them apart
        self.wrap(avail_width, avail_height)
        table = self.table
        table._frame = frame  # the grid decides whether a row may split here
        try:
            parts = table.split(avail_width, avail_height - self._heading_h)
        finally:
            del table._frame
        if len(parts) < 2:
            return []
        first_row_fits_a_page = frame is None or table.row_height(table.header_rows) <= frame._aH
        if len(parts[0].rows) < min(table.header_rows + self.min_rows, len(table.rows)) and first_row_fits_a_page:
            return []  # not enough room here: the block starts on the next page
        return [self.heading, *parts]

    def draw(self):  # the heading first, so the text reads in order
        self.heading.drawOn(self.canv, 0, self.height - self.heading.height)
        self.table.drawOn(self.canv, 0, 0)


def _space_above(stack: list, i: int) -> float:
    """The space between stack[i] and the flowable above it (none above the first)."""
    return stack[i].getSpaceBefore() + stack[i - 1].getSpaceAfter() if i else 0.0


def _stack_height(flowables: list, width: float) -> float:
    """The height of flowables stacked in a column `width` points wide: the space between them,
    none above the first or below the last (as _split_stack counts it)."""
    return sum(_space_above(flowables, i) + f.wrap(width, 1e6)[1] for i, f in enumerate(flowables))


def _split_stack(flowables: list, width: float, height: float) -> tuple[list, list]:
    """What of a column fits in `height` points, and the rest; a flowable that can split does,
    and a heading never stays behind without what follows it."""
    used = 0.0
    for i, f in enumerate(flowables):
        before = _space_above(flowables, i)
        h = f.wrap(width, height)[1]
        if used + before + h <= height:
            used += before + h
            continue
        room = height - used - before
        parts = f.split(width, room) if room > 0 else []
        if parts:
            head, tail = flowables[:i] + parts[:1], parts[1:] + flowables[i + 1 :]
        else:
            head, tail = flowables[:i], flowables[i:]
        while head and getattr(head[-1], "keepWithNext", False):
            tail.insert(0, head.pop())
        return head, tail
    return list(flowables), []


class _Columns(Flowable):
    """Two columns side by side with a rule between them (what a role does | where it stands);
    on a page break both continue overleaf."""

    def __init__(self, left: list, right: list, share: float, gap: float, rule: str):
        super().__init__()
        self.left, self.right, self.share, self.gap, self.rule = left, right, share, gap, rule

    def _widths(self, width: float) -> tuple[float, float]:
        return width * self.share - self.gap / 2, width * (1 - self.share) - self.gap / 2

    def wrap(self, avail_width, avail_height):
        lw, rw = self._widths(avail_width)
        self.width = avail_width
        self.height = max(_stack_height(self.left, lw), _stack_height(self.right, rw))
        return self.width, self.height

    def split(self, avail_width, avail_height):
        lw, rw = self._widths(avail_width)
        left, left_rest = _split_stack(self.left, lw, avail_height)
        right, right_rest = _split_stack(self.right, rw, avail_height)
        if not left and not right:
            return []
        make = lambda a, b: _Columns(a, b, self.share, self.gap, self.rule)  # noqa: E731
        return [make(left, right), make(left_rest, right_rest)]

    def draw(self):
        canv = self.canv
        lw, rw = self._widths(self.width)
        for stack, x, w in ((self.left, 0.0, lw), (self.right, lw + self.gap, rw)):
            y = self.height
            for i, f in enumerate(stack):
                y -= _space_above(stack, i) + f.wrap(w, self.height)[1]
                f.drawOn(canv, x, y)
        if self.left and self.right:
            canv.setStrokeColor(colour(self.rule))
            canv.setLineWidth(0.5)
            canv.line(lw + self.gap / 2, 0, lw + self.gap / 2, self.height)


class _HeadBand(Flowable):
    """A role's title and chips on a tinted band with its track's colour down the left edge."""

    def __init__(self, title, chips, fill: str, bar: str):
        super().__init__()
        self.title, self.chips, self.fill, self.bar = title, chips, fill, bar
        self.pad_left, self.pad_right, self.pad_y, self.between = 14.0, 12.0, 10.0, 2.0

    def wrap(self, avail_width, avail_height):
        inner = avail_width - self.pad_left - self.pad_right
        self._title_h = self.title.wrap(inner, avail_height)[1]
        self._chips_h = self.chips.wrap(inner, avail_height)[1]
        self.width = avail_width
        self.height = 2 * self.pad_y + self._title_h + self.between + self._chips_h
        return self.width, self.height

    def split(self, avail_width, avail_height):
        if getattr(getattr(self, "_frame", None), "_atTop", False):
            # Taller than a page (a title of hundreds of words): no band, the text flows on.
            return [*(self.title.split(avail_width, avail_height) or [self.title]), Spacer(1, self.between),
                    self.chips]
        return []

    def draw(self):
        canv = self.canv
        canv.setFillColor(colour(self.fill))
        canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canv.setStrokeColor(colour(self.bar))
        canv.setLineWidth(4)
        canv.line(0, 0, 0, self.height)
        self.chips.drawOn(canv, self.pad_left, self.pad_y)
        self.title.drawOn(canv, self.pad_left, self.height - self.pad_y - self.title.height)


class _Nothing(ActionFlowable):
    def __init__(self):
        super().__init__(("nothing",))

    def apply(self, doc):
        pass


class _Deferred(Flowable):
    """Content built for the width of the frame it lands in (the matrix in a caller's story)."""

    def __init__(self, build):
        super().__init__()
        self.build = build

    def wrap(self, avail_width, avail_height):
        return avail_width, avail_height + 1  # never fits as it is: the frame asks to split it

    def split(self, avail_width, avail_height):
        return [_Nothing(), *self.build(avail_width)]

    def draw(self):  # pragma: no cover - always split first
        pass


class _Chips(Flowable):
    """Small rounded labels in a row (short title, level, track), wrapping when needed."""

    def __init__(self, chips, fontset: FontSet, palette, size: float = 8.5):
        super().__init__()
        self.chips = chips  # [(text, bold, swatch colour or None)]
        self.fontset, self.palette, self.size = fontset, palette, size
        self.pad = size * 0.8
        self.chip_h = size * 1.9
        self.gap = 6

    def _layout(self, avail_width):
        placed, x, row = [], 0.0, 0
        for text, bold, swatch in self.chips:
            w = self.fontset.width(text, self.size, bold) + 2 * self.pad + (self.size * 1.1 if swatch else 0)
            w = min(w, avail_width)
            if x > 0 and x + w > avail_width:
                x, row = 0.0, row + 1
            placed.append((x, row, w, text, bold, swatch))
            x += w + self.gap
        return placed, row + 1

    def wrap(self, avail_width, avail_height):
        self._placed, rows = self._layout(avail_width)
        self.width = avail_width
        self.height = rows * self.chip_h + (rows - 1) * 4
        return self.width, self.height

    def draw(self):
        canv, p, size = self.canv, self.palette, self.size
        rows = max(r for _, r, *_ in self._placed) + 1
        for x, row, w, text, bold, swatch in self._placed:
            y = (rows - 1 - row) * (self.chip_h + 4)
            canv.setFillColor(colour(p.background))
            canv.setStrokeColor(colour(p.rule))
            canv.setLineWidth(0.8)
            canv.roundRect(x, y, w, self.chip_h, self.chip_h / 2, stroke=1, fill=1)
            tx = x + self.pad
            if swatch:
                canv.setFillColor(colour(swatch))
                canv.circle(tx + size * 0.35, y + self.chip_h / 2, size * 0.35, stroke=0, fill=1)
                tx += size * 1.1
            draw_text(canv, self.fontset, text, tx, y + (self.chip_h - 0.52 * size) / 2, size, p.text, bold=bold)


class _Logo(Flowable):
    """The style's logo (PNG, JPEG or SVG) at a given height, left-aligned."""

    def __init__(self, parts, height: float):
        super().__init__()
        self.parts = parts
        self.width, self.height = height * parts.logo_aspect, height

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        self.parts.draw_logo(self.canv, 0, 0, self.height)


class _Band(Flowable):
    """The cover's colour band: full bleed to the page edges, its content at the bottom."""

    def __init__(self, content, fill: str | None, bleed: tuple[float, float, float], min_height: float, pad: float):
        super().__init__()
        self.content, self.fill, self.bleed, self.min_height, self.pad = content, fill, bleed, min_height, pad

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self._heights = [f.wrap(avail_width, avail_height)[1] for f in self.content]
        self.height = max(self.min_height, sum(self._heights) + 2 * self.pad)
        return self.width, self.height

    def draw(self):
        canv = self.canv
        left, right, top = self.bleed
        if self.fill:
            canv.setFillColor(colour(self.fill))
            canv.rect(-left, 0, self.width + left + right, self.height + top, stroke=0, fill=1)
        y = self.pad + sum(self._heights)
        for flowable, h in zip(self.content, self._heights):
            y -= h
            flowable.drawOn(canv, 0, y)


class _Ruled(Flowable):
    """Lines to write on."""

    def __init__(self, lines: int, spacing: float, color: str):
        super().__init__()
        self.lines, self.spacing, self.color = lines, spacing, color

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = self.lines * self.spacing
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.setStrokeColor(colour(self.color))
        canv.setLineWidth(0.5)
        for i in range(self.lines):
            canv.line(0, i * self.spacing, self.width, i * self.spacing)


# ---------------------------------------------------------------- the document


class _HandoutDoc(BaseDocTemplate):
    """Cover, portrait and landscape page templates with the running header and footer."""

    def __init__(self, parts: _Parts, *, excerpt: bool):
        self.parts = parts
        self.record: dict[str, int] = {}  # bookmark key -> page, filled by the anchors
        self.forms: dict[str, tuple[str, float]] = {}  # form name -> (bookmark key, type size)
        self.footers: list[int] = []  # pages that show "page X of Y"
        ladder = parts.ladder
        keywords = ["career ladder", ladder.title, *(t.name for t in ladder.tracks)]
        super().__init__(
            None,
            pagesize=parts.page_size,
            leftMargin=parts.margin, rightMargin=parts.margin, topMargin=parts.margin, bottomMargin=parts.margin,
            title=ladder.title + (" (excerpt)" if excerpt else ""),
            author=ladder.organization or "",
            subject=ladder.subtitle or ladder.title,
            keywords=keywords,
            creator="pmladder",
            invariant=1,
            initialFontName=parts.regular,
            initialFontSize=10,
        )
        pw, ph = parts.page_size
        m = parts.margin
        portrait = Frame(m, m, pw - 2 * m, ph - 2 * m, 0, 0, 0, 0, id="portrait")
        landscape = Frame(m, m, ph - 2 * m, pw - 2 * m, 0, 0, 0, 0, id="landscape")
        cover = Frame(m, m, pw - 2 * m, ph - 2 * m, 0, 0, 0, 0, id="cover")
        templates = [
            PageTemplate("cover", [cover], pagesize=(pw, ph)),
            PageTemplate("page", [portrait], onPage=self._decorate, pagesize=(pw, ph)),
            PageTemplate("landscape", [landscape], onPage=self._decorate, pagesize=(ph, pw)),
        ]
        self.addPageTemplates(templates[1:] + templates[:1] if excerpt else templates)

    def _endBuild(self):
        self._doSave = 0
        super()._endBuild()  # finishes the last page
        self._define_forms()
        self.canv.save()

    def _define_forms(self) -> None:
        canv, parts = self.canv, self.parts
        fonts, p = parts.fontset, parts.palette
        total = max(self.footers, default=0)
        for page in self.footers:
            canv.beginForm(f"pm-foot-{page}", -300, -4, 1, 12)
            text = parts.ladder.label("page", n=page, total=total)
            draw_text(canv, fonts, text, 0, 0, 8, p.muted, anchor="end")
            canv.endForm()
        for name, (key, size) in sorted(self.forms.items()):
            canv.beginForm(name, -100, -4, 1, 14)
            draw_text(canv, fonts, str(self.record.get(key, "")), 0, 0, size, p.text, anchor="end")
            canv.endForm()

    def _decorate(self, canv, doc):
        parts, p = self.parts, self.parts.palette
        fonts = parts.fontset
        pw, ph = canv._pagesize
        m = parts.margin
        canv.saveState()
        size = 8
        rule_y = ph - m + 12
        logo = parts.style.logo
        right = pw - m
        if logo and logo.header and parts.logo_ok:
            w = parts.draw_logo(canv, right - 14 * parts.logo_aspect, rule_y + 3, 14)
            right -= w + 8
        title = fit_line(fonts, parts.ladder.title, right - m, size)
        draw_text(canv, fonts, title, m, rule_y + 5, size, p.muted)
        canv.setStrokeColor(colour(p.rule))
        canv.setLineWidth(0.5)
        canv.line(m, rule_y, pw - m, rule_y)
        foot_y = m - 26
        canv.line(m, foot_y + 12, pw - m, foot_y + 12)
        ladder = parts.ladder
        version = f"{ladder.label('version')} {ladder.version}" if ladder.version else None
        left_bits = [b for b in (ladder.organization, version) if b]
        if left_bits:
            draw_text(canv, fonts, fit_line(fonts, "  \u00b7  ".join(left_bits), (pw - 2 * m) * 0.7, size), m, foot_y, size, p.muted)
        page = canv.getPageNumber()
        self.footers.append(page)
        canv.translate(pw - m, foot_y)
        canv.doForm(f"pm-foot-{page}")
        canv.restoreState()


class _PageRef(Flowable):
    """The page number of a bookmark, right-aligned, printed once the layout is known."""

    def __init__(self, key: str, size: float):
        super().__init__()
        self.key, self.size = key, size

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, self.size * 1.2
        return self.width, self.height

    def draw(self):
        canv = self.canv
        doc = canv._doctemplate
        name = f"pm-page-{self.key}-{self.size:g}"
        doc.forms[name] = (self.key, self.size)
        canv.saveState()
        canv.translate(self.width, self.size * 0.22)
        canv.doForm(name)
        canv.restoreState()
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


# ---------------------------------------------------------------- the content


class _Parts:
    """Text styles, geometry and the builders of each part of the handout."""

    def __init__(self, ladder: Ladder, style: Style, fontset: FontSet):
        self.ladder, self.style, self.fontset = ladder, style, fontset
        self.palette = style.palette
        register_faces([fontset.regular, fontset.bold])
        self.regular = fontset.regular.name
        self.page_size = style.page.dimensions
        self.margin = style.page.margin_mm * MM
        pw, ph = self.page_size
        self.frame_width = pw - 2 * self.margin
        self.frame_height = ph - 2 * self.margin
        self.landscape_width = ph - 2 * self.margin
        self.logo_ok, self.logo_aspect, self.logo_drawing = False, 1.0, None
        if style.logo:
            self._check_logo(style.logo.file)
        p = self.palette
        self.on_primary = p.text if style.grayscale else WHITE
        self.primary_fill = p.surface if style.grayscale else p.primary  # cover band, table headers
        base = style.fonts.base_size or 10.0
        k = base / 10.0

        def ts(size, leading, bold=False, color=p.text, **kw):
            return TextStyle(size * k, leading * k, color, bold, **kw)

        self.styles = {
            "cover": ts(30, 36, True, self.on_primary),
            "cover-sub": ts(13, 18, False, self.on_primary),
            "cover-meta": ts(12, 17, False, p.text),
            "cover-small": ts(10, 14, False, p.muted),
            "h1": ts(20, 25, True, p.primary, space_after=8, keep_with_next=True),
            "h2": ts(12, 15, True, p.primary, space_before=10, space_after=5, keep_with_next=True),
            "h3": ts(10, 13, True, p.text, space_before=7, space_after=2.5, keep_with_next=True),
            "body": ts(10, 14, space_after=6),
            "lead": ts(11, 15.5, space_before=6, space_after=4),
            "caption": ts(8.5, 11.5, color=p.muted, space_after=6),
            "bullet": ts(9.5, 12, indent=11, space_after=1.5),
            "cell": ts(8.5, 11),
            "cell-bold": ts(8.5, 11, True),
            "cell-small": ts(7.5, 9.5, color=p.muted),
            "cell-head": ts(8.5, 11, True, self.on_primary),
            "cell-head-small": ts(7.5, 9.5, False, self.on_primary),
            "cell-bullet": ts(8.5, 11, indent=8, space_after=1.5),
            "cell-group": ts(8.5, 11, True, p.primary),
            "toc0": ts(10.5, 15, True),
            "toc1": ts(10, 14, indent=14),
            "toc-page": ts(10, 14),
            "ws-dim": ts(10, 13, True, p.text, space_before=4),
            "ws-value": ts(8.5, 11, color=p.muted),
            "h3-free": ts(10, 13, True, p.text, space_before=4, space_after=4),
        }

    # -- text

    def balanced(self, text: str, style: str) -> str:
        """A display line that wraps once, broken where both lines are about as long."""
        st = self.styles[style]
        width = self.fontset.width(text, st.size, st.bold)
        words = text.split()
        if width <= self.frame_width or width > 2 * self.frame_width * 0.95 or len(words) < 2:
            return text
        # Never after a one-letter word ("Ścieżka Kariery w / Inżynierii" reads wrong in Polish).
        breaks = [k for k in range(1, len(words)) if not (len(words[k - 1]) == 1 and words[k - 1].isalpha())]
        if not breaks:
            return text
        best = min(breaks, key=lambda k: max(
            self.fontset.width(" ".join(words[:k]), st.size, st.bold),
            self.fontset.width(" ".join(words[k:]), st.size, st.bold)))
        return " ".join(words[:best]) + "\n" + " ".join(words[best:])

    def para(self, text, style: str = "body", *, bullet: str | None = None, link: str | None = None) -> TextBlock:
        """Ladder text (or [(text, bold, colour)] segments) in one of the handout's styles."""
        return TextBlock(text, self.fontset, self.styles[style], bullet=bullet, link=link)

    def heading(self, text: str, level: str = "h1") -> TextBlock:
        return self.para(text, level)

    def dot_segments(self, cell: content.Cell) -> list[tuple[str, str]]:
        """A rating as coloured text: filled dots in the accent colour, empty ones muted."""
        if not cell.is_dots:
            return [(MISSING, self.palette.text)]
        filled, empty = cell.dots
        return [(filled, self.palette.accent), (empty, self.palette.muted)]

    def grid(self, size: float, *, pad_x: float, pad_top: float, pad_bottom: float) -> list:
        """The TableStyle commands every table starts from: our font, top-aligned, even padding."""
        return [
            ("FONT", (0, 0), (-1, -1), self.regular, size),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
            ("TOPPADDING", (0, 0), (-1, -1), pad_top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad_bottom),
        ]

    def headed_look(self, *, pad_top: float, pad_bottom: float, **kw) -> GridLook:
        """A comparison table: header row on the primary colour, tinted first column, zebra rows."""
        p = self.palette
        return GridLook(pad_x=5, pad_top=pad_top, pad_bottom=pad_bottom, rule=p.rule, header_fill=self.primary_fill,
                        first_column_fill=p.surface, zebra=(p.background, p.bands[0]), **kw)

    def rating(self, segments, style: str = "cell") -> Rating:
        st = self.styles[style]
        return Rating(segments, self.fontset, st.size, st.leading)

    def value_para(self, cell: content.Cell, style: str = "cell"):
        """A value: rating dots (with the point's name under them), its text, a list of
        statements, or a dash where none is given."""
        if cell.dimension.is_rating:
            return self.named(cell, self.rating(self.dot_segments(cell), style))
        if cell.statements:
            return [self.para(item, "cell-bullet", bullet="\u2022") for item in cell.statements]
        return self.para(MISSING if cell.is_missing else cell.text, style)

    def named(self, cell: content.Cell, dots) -> list:
        """Rating dots, and beneath them the name of the point when the scale names it."""
        point = cell.point
        return [dots, self.para(point.name, "cell-small")] if point else dots

    def change_para(self, cell: content.Cell):
        """A next role's value: "no change", or the new value (a rating with its step)."""
        if cell.unchanged is not None:
            return self.para(cell.unchanged, "cell-small")
        if cell.dimension.is_rating:
            segments = self.dot_segments(cell)
            if cell.step is not None:
                segments.append((f"  ({cell.step_text})", self.palette.text))
            return self.named(cell, self.rating(segments))
        return self.value_para(cell)

    def group_row(self, heading: str, columns: int) -> list:
        """A row that heads a group of dimensions: its name in the first column."""
        return [self.para(heading, "cell-group"), *([[]] * columns)]

    # -- geometry helpers

    def _check_logo(self, path: str) -> None:
        try:
            if path.lower().endswith(".svg"):
                from svglib.svglib import svg2rlg  # only teams with an SVG logo pay for it

                drawing = svg2rlg(path)
                if drawing is None or not drawing.width or not drawing.height:
                    raise ValueError("not a drawable SVG")
                self.logo_drawing = drawing
                w, h = drawing.width, drawing.height
            else:
                from reportlab.lib.utils import ImageReader

                w, h = ImageReader(path).getSize()
            self.logo_ok, self.logo_aspect = True, w / h if h else 1.0
        except Exception:  # an unreadable image: leave it out rather than fail the handout
            warnings.warn(f"logo {path} could not be read; the handout has no logo", PmladderWarning, stacklevel=2)

    def draw_logo(self, canv, x: float, y: float, height: float) -> float:
        """The style's logo `height` points tall with its lower left corner at (x, y); its width."""
        width = height * self.logo_aspect
        if self.logo_drawing is not None:  # SVG: vector graphics, scaled
            from reportlab.graphics import renderPDF

            canv.saveState()
            canv.translate(x, y)
            canv.scale(width / self.logo_drawing.width, height / self.logo_drawing.height)
            renderPDF.draw(self.logo_drawing, canv, 0, 0)
            canv.restoreState()
        else:
            canv.drawImage(self.style.logo.file, x, y, width, height, mask="auto")
        return width

    def track_index(self, role: Role) -> int:
        for i, track in enumerate(self.ladder.columns):
            if (track.id if track else None) == role.track:
                return i
        return 0

    def chart_scene(self, width: float, height: float, highlight: str | None):
        return ladder_scene(self.ladder, self.style, width=width, height=height, highlight=highlight,
                            title=False, links=True, fonts=self.fontset)

    # -- the whole document

    def document_story(self, excerpt, highlight, worksheet) -> list:
        ladder = self.ladder
        story: list = []
        chosen = excerpt if excerpt is not None else list(ladder.ordered_roles)
        links = {f"role-{r.id}" for r in chosen}
        if excerpt is None:
            story += self.cover()
            story += [NextPageTemplate("page"), PageBreak()]
            story += self.contents(worksheet)
            if ladder.intro:
                story += [PageBreak(), self.anchor("introduction", ladder.label("introduction"), 0)]
                story += self.introduction()
            story += [PageBreak(), self.anchor("overview", ladder.label("overview"), 0),
                      self.heading(ladder.label("overview"))]
            room = self.frame_height - 40
        else:
            story += self.title_block(excerpt)
            story.append(self.anchor("overview", ladder.label("overview"), 0))
            room = self.frame_height - sum(f.wrap(self.frame_width, self.frame_height)[1] + 8 for f in story)
        key = self.chart_key(chosen)
        key_h = key.wrap(self.frame_width, self.frame_height)[1]
        # The chart takes what the role index leaves, within reason (an index too long to share
        # the page simply continues overleaf).
        chart_h = max(self.frame_height * 0.45, min(self.frame_height * 0.62, room - key_h - 18))
        story.append(SceneFlowable(self.chart_scene(self.frame_width, chart_h, highlight), links,
                                   max_height=self.frame_height - 60))
        story.append(Spacer(1, 10))
        story.append(key)
        for k, role in enumerate(chosen):
            story.append(PageBreak())
            if k == 0:
                story.append(self.anchor("roles", ladder.label("roles"), 0))
            story.append(self.anchor(f"role-{role.id}", role.title, 1))
            story += self.role_page(role, self.frame_width)
        if excerpt is None:
            story += [NextPageTemplate("landscape"), PageBreak(), self.anchor("matrix", ladder.label("matrix"), 0)]
            story += self.matrix(self.landscape_width, heading=True)
        if worksheet:
            story += [NextPageTemplate("page")]
            for k, role in enumerate(chosen):
                story.append(PageBreak())
                if k == 0:
                    story.append(self.anchor("worksheets", ladder.label("worksheet"), 0))
                story.append(self.anchor(f"worksheet-{role.id}", role.title, 1))
                story += self.worksheet(role)
        return story

    def anchor(self, key: str, title: str, level: int) -> _Anchor:
        return _DocAnchor(key, title, level)

    def cover(self) -> list:
        cover = content.cover(self.ladder)
        inner = [self.para(self.balanced(cover.title, "cover"), "cover")]
        if cover.subtitle:
            inner += [Spacer(1, 10), self.para(cover.subtitle, "cover-sub")]
        m = self.margin
        band = _Band(inner, self.primary_fill, (m, m, m), self.frame_height * 0.42, 22)
        story: list = [band, Spacer(1, 28)]
        if self.logo_ok and self.style.logo.cover:
            story += [_Logo(self, 40), Spacer(1, 16)]
        if cover.organization:
            story.append(self.para(cover.organization, "cover-meta"))
        if cover.version:
            story.append(self.para(cover.version, "cover-small"))
        if cover.tracks:
            story.append(self.para(cover.tracks, "cover-small"))
        return story

    def title_block(self, chosen: list[Role]) -> list:
        ladder = self.ladder
        story = [self.para(ladder.title, "h1")]
        if ladder.subtitle:
            story.append(self.para(ladder.subtitle, "lead"))
        story.append(self.para(content.excerpt_caption(ladder, chosen), "caption"))
        return story

    def contents(self, worksheet: bool) -> list:
        ladder = self.ladder
        entries = content.contents(ladder, worksheet=worksheet)
        rows = []
        for level, title, key in entries:
            st = "toc0" if level == 0 else "toc1"
            rows.append([self.para(title, st, link=key), _PageRef(key, self.styles["toc-page"].size)])
        table = Table(rows, colWidths=[self.frame_width - 48, 48], splitInRow=1)
        commands = self.grid(10, pad_x=0, pad_top=1.5, pad_bottom=1.5)
        for i, (level, _, _) in enumerate(entries):
            if level == 0 and i > 0:
                commands.append(("TOPPADDING", (0, i), (-1, i), 8))
        table.setStyle(TableStyle(commands))
        title = ladder.label("contents")
        return [self.anchor("contents", title, 0), self.heading(title), Spacer(1, 6), table]

    def introduction(self) -> list:
        story: list = [self.heading(self.ladder.label("introduction"))]
        for section in self.ladder.intro:
            story.append(self.para(section.heading, "h2"))
            story += [self.para(text) for text in section.paragraphs]
            story += [self.para(item, "bullet", bullet="\u2022") for item in section.items]
        return story

    def chart_key(self, chosen: list[Role]) -> Table:
        """Under the chart: every role with its level and page, so the chart reads without colour.
        Up to six roles in one column; more in two, filled column by column."""
        cells = []
        for entry in content.role_index(self.ladder, chosen):
            key = content.role_key(entry.role)
            cells.append(([self.para(entry.role.title, "cell-bold", link=key), self.para(entry.details, "cell-small")],
                          _PageRef(key, 8.5)))
        w = self.frame_width
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
        commands = self.grid(8.5, pad_x=2, pad_top=3, pad_bottom=3)
        for c in range(columns):
            commands.append(("LINEBELOW", (2 * c, 0), (2 * c + 1, -1), 0.4, colour(self.palette.rule)))
            if c < columns - 1:
                commands.append(("RIGHTPADDING", (2 * c + 1, 0), (2 * c + 1, -1), gap + 2))
        table.setStyle(TableStyle(commands))
        return table

    # -- a role page

    def role_page(self, role: Role, width: float) -> list:
        """One page per role: what it does and shows beside its radar and promotion paths, then
        one table with its profile and, beside it, only what changes at the next level."""
        ladder, p = self.ladder, self.palette
        page_content = content.role_page(ladder, role)
        track_colour = p.track_colour(page_content.track)
        chips = [(c.text, c.bold, None if c.track is None else p.track_colour(c.track)) for c in page_content.chips]
        head = _HeadBand(self.para(role.title, "h1"), _Chips(chips, self.fontset, p), p.surface, track_colour)
        story: list = [head, Spacer(1, 4)] + ([self.para(page_content.summary, "lead")] if page_content.summary else [])

        # Two columns: what the role does | where it stands (radar) and where it leads. The
        # skills go on whichever side leaves the shorter page.
        doing, skills = self.bullets(page_content.responsibilities), self.bullets(page_content.skills)
        for section in page_content.sections:  # the role's own headed lists follow what it does
            doing += self.bullets(section)
        radar: list = []
        if page_content.radar:
            radar.append(LazySceneFlowable(
                lambda w, rid=role.id: radar_scene(ladder, [rid], self.style, width=w, height=w * 0.56, title=False,
                                              fonts=self.fontset)))
        promotion = self.promotion(page_content.promotion)
        profile = self.profile(page_content.profile, width)
        left_w, right_w = width * 0.54 - 12, width * 0.46 - 12
        if right_w < 170:  # a narrow frame (a caller's two-column story): one column, radar full width
            return story + doing + skills + radar + promotion + profile

        def body(standing: list) -> _Columns:
            a, b, c = (_stack_height(f, w) for f, w in ((doing, left_w), (skills, left_w), (standing, right_w)))
            if max(a, b + c) < max(a + b, c):
                return _Columns(doing, standing + skills, share=0.54, gap=24, rule=p.rule)
            return _Columns(doing + skills, standing, share=0.54, gap=24, rule=p.rule)

        page = story + [body(radar + promotion)] + profile
        if radar and _stack_height(page, width) > self.frame_height:
            # The radar draws the dots the table already lists: a page it would push over
            # (larger type, more dimensions) stays one page without it.
            slim = story + [body(promotion)] + profile
            if _stack_height(slim, width) <= self.frame_height:
                return slim
        return page

    def bullets(self, section: content.Bullets | None) -> list:
        if section is None:
            return []
        return [self.para(section.heading, "h3"), *(self.para(item, "bullet", bullet="\u2022") for item in section.items)]

    def longest_word(self, texts, size: float = 8.5, bold: bool = True) -> float:
        """The width of the widest word, so a label column never has to split a word."""
        return max((self.fontset.width(word, size, bold) for text in texts for word in text.split()), default=0.0)

    def promotion(self, promotion: content.Promotion) -> list:
        story: list = [self.para(promotion.heading, "h3")]
        for line in promotion.lines:
            where = line.level.replace(" ", "\u00a0") + (f", {line.track}" if line.track else "")
            segments = [(f"{line.label}: ", True, None), (f"{line.role.title} ", False, None),
                        (f"({where})", False, self.palette.muted)]
            story.append(self.para(segments, "bullet", bullet="\u2022"))
        if promotion.top_note:
            story.append(self.para(promotion.top_note, "body"))
        return story

    def profile(self, profile: content.Profile, width: float) -> list:
        """The role's profile and, beside it, what changes at the next level (content.profile)."""
        if not profile.tables:
            return [self.para(profile.note, "body")] if profile.note else []
        story: list = []
        for table in profile.tables:
            grid = self.profile_table(table, width)
            story += [Spacer(1, 8), grid] if story else [_HeadedTable(self.para(profile.title, "h2"), grid)]
        story += [self.para(caption, "caption") for caption in profile.unchanged]
        return story

    def profile_table(self, table: content.ProfileTable, width: float) -> Grid:
        # Wide enough for every name (and the column's heading) on one line where that takes
        # under 30% of the width; else for the longest word (up to 40%: in a narrow frame a
        # word split in two reads worse than a narrower value column).
        names = [table.corner, *(row.dimension.name for row in table.rows)]
        longest = max(self.fontset.width(name, 8.5, True) for name in names) + 12
        name_w = longest if longest <= width * 0.3 else min(width * 0.4, max(width * 0.22, self.longest_word(names) + 12))
        col_w = (width - name_w) / (1 + len(table.nexts))

        def head(other: Role, arrow: bool):  # the level is on the chips and in the matrix
            return self.para(("\u2192 " if arrow else "") + other.title, "cell-head")

        rows = [[self.para(table.corner, "cell-head"), head(table.role, False),
                 *(head(n, True) for n in table.nexts)]]
        compact = set()
        for heading, row in content.headed(table.rows):
            if heading:
                rows.append(self.group_row(heading, 1 + len(table.nexts)))
            if row.dimension.is_rating and not row.dimension.points:
                compact.add(len(rows))
            rows.append([self.para(row.dimension.name, "cell-bold"), self.value_para(row.value),
                         *(self.change_para(cell) for cell in row.next_values)])
        look = self.headed_look(pad_top=2.5, pad_bottom=3, compact_rows=frozenset(compact))
        return Grid(rows, [name_w] + [col_w] * (1 + len(table.nexts)), look)

    # -- the comparison matrix

    def matrix(self, width: float, heading: bool = True) -> list:
        ladder = self.ladder
        names = [ladder.label("dimension"), *(d.name for d in ladder.dimensions)]
        head_w = min(width * 0.3, max(min(130.0, width * 0.2), self.longest_word(names) + 12))
        per_table = max(1, min(MATRIX_MAX_ROLES, int((width - head_w) // 72)))
        found = content.matrix(ladder, per_table)
        story: list = []
        if heading:
            story.append(self.heading(found.heading))
        for c, group in enumerate(found.groups):
            if c > 0:
                story.append(PageBreak())
            if len(found.groups) > 1:
                story.append(self.para(group.caption, "h3-free"))
            col_w = (width - head_w) / len(group.columns)
            # Text rows first, then the ratings as a block of their own that moves to the next
            # page whole rather than leaving one row of dots behind.
            blocks = [group.text_rows, group.rating_rows]
            for k, block in enumerate(b for b in blocks if b):
                table = self.matrix_table(found.corner, group.columns, block, head_w, col_w)
                story += [Spacer(1, 10), KeepTogether([table])] if k else [table]
        return story

    def matrix_table(self, corner: str, columns, rows, head_w: float, col_w: float) -> Grid:
        """One table of the matrix: a header row of roles, then a row per dimension."""
        header = [self.para(corner, "cell-head")]
        for column in columns:
            level = column.level.replace(" ", "\u00a0")
            sub = f"{column.short} \u00b7 {level}" + (f" \u00b7 {column.track}" if column.track else "")
            header.append([self.para(column.title, "cell-head"), self.para(sub, "cell-head-small")])
        grid = [header]
        for heading, row in content.headed(rows):
            if heading:
                grid.append(self.group_row(heading, len(columns)))
            dim = row.dimension
            first = [self.para(dim.name, "cell-bold")]
            if dim.description:
                first.append(self.para(dim.description, "cell-small"))
            grid.append([first, *(self.value_para(cell) for cell in row.cells)])
        return Grid(grid, [head_w] + [col_w] * len(columns), self.headed_look(pad_top=4, pad_bottom=5, column_rule=True))

    # -- evidence worksheets

    def worksheet(self, role: Role) -> list:
        sheet = content.worksheet(self.ladder, role)
        story: list = [self.para(sheet.title, "h1"), self.para(sheet.hint, "caption")]
        headings = sheet.headings or (None,) * len(sheet.expected)
        blocks = [[*([self.para(heading, "h3")] if heading else []), self.para(cell.dimension.name, "ws-dim"),
                   *_listed(self.value_para(cell, "ws-value")), Spacer(1, 4),
                   _Ruled(3, 19, self.palette.rule), Spacer(1, 6)] for cell, heading in zip(sheet.expected, headings)]
        if len(blocks) <= 6:
            return story + [KeepTogether(block) for block in blocks]
        # Longer lists in two columns, so a role's worksheet stays one page.
        rows = [blocks[i : i + 2] + ([] if i + 1 < len(blocks) else [""]) for i in range(0, len(blocks), 2)]
        grid = Table(rows, colWidths=["50%", "50%"])
        grid.setStyle(TableStyle([
            *self.grid(10, pad_x=0, pad_top=0, pad_bottom=2),
            ("RIGHTPADDING", (0, 0), (0, -1), 14),
            ("LEFTPADDING", (1, 0), (1, -1), 14),
        ]))
        return story + [grid]


def _listed(blocks) -> list:
    """A value's blocks as a list, whether it is one block or several."""
    return blocks if isinstance(blocks, list) else [blocks]


class _DocAnchor(_Anchor):
    """An anchor that records into the document being built (set when drawn)."""

    def __init__(self, key: str, title: str, level: int):
        super().__init__(key, title, level, {})

    def draw(self):
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None and hasattr(doc, "record"):
            self.record = doc.record
        super().draw()
