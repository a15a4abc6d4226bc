"""The handout's document: page templates (cover, portrait, landscape), the running header and
footer, and page numbers that are known only once the layout is done.

One pass: "page X of Y" and the contents' page numbers are drawn as PDF forms referenced where
they appear; the canvas defines them when it is saved, after the last page (a `canvasmaker`
canvas whose save() finishes the job, as ReportLab documents for "page X of Y").
"""

from __future__ import annotations

from functools import partial

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from ... import content
from ...text.wrap import fit_line
from .context import Context
from .paint import colour, draw_text


class FormsCanvas(Canvas):
    """A canvas that calls `before_save(canvas)` just before it writes the PDF, and records
    `date` as the PDF's creation and modification date (not ReportLab's invariant 2000-01-01)."""

    def __init__(self, *args, before_save, date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.before_save = before_save
        if date is not None:
            stamp = f"D:{date:%Y%m%d}000000+00'00'"
            self.setDateFormatter(lambda *_ignored: stamp)

    def save(self):
        self.before_save(self)
        super().save()


class HandoutDoc(BaseDocTemplate):
    """Cover, portrait and landscape page templates with the running header and footer."""

    def __init__(self, ctx: Context, *, excerpt: bool, first: str = "cover"):
        self.ctx = ctx
        self.footers: list[int] = []  # pages that show "page X of Y"
        ladder, m = ctx.ladder, ctx.margin
        keywords = ["career ladder", ladder.title, *(t.name for t in ladder.tracks)]
        super().__init__(
            None,
            pagesize=ctx.page_size,
            leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m,
            title=ladder.title + (" (excerpt)" if excerpt else ""),
            author=ladder.organization or "",
            subject=ladder.subtitle or ladder.title,
            keywords=keywords,
            creator="pmladder",
            invariant=1,
            initialFontName=ctx.fonts.regular.name,
            initialFontSize=10,
            lang=content.document_language(ladder),  # the catalog's /Lang, for screen readers
        )
        pw, ph = ctx.page_size
        portrait = Frame(m, m, pw - 2 * m, ph - 2 * m, 0, 0, 0, 0, id="portrait")
        landscape = Frame(m, m, ph - 2 * m, pw - 2 * m, 0, 0, 0, 0, id="landscape")
        # The matrix's later pages: a frame lower by the band of their "(continued)" heading.
        continued = Frame(m, m, ph - 2 * m, pw - 2 * m - ctx.continued_band, 0, 0, 0, 0, id="landscape-continued")
        cover = Frame(m, m, pw - 2 * m, ph - 2 * m, 0, 0, 0, 0, id="cover")
        templates = [
            PageTemplate("cover", [cover], pagesize=(pw, ph)),
            PageTemplate("page", [portrait], onPage=partial(self._decorate, size=(pw, ph)), pagesize=(pw, ph)),
            PageTemplate("landscape", [landscape], onPage=partial(self._decorate, size=(ph, pw)), pagesize=(ph, pw)),
            PageTemplate("landscape-continued", [continued], pagesize=(ph, pw),
                         onPage=partial(self._decorate, size=(ph, pw), heading=ladder.label(
                             "continued", name=ladder.label("matrix")))),
        ]
        # The first page takes the first template: the cover's, or the first part's.
        self.addPageTemplates(sorted(templates, key=lambda t: t.id != first))

    def build(self, flowables, filename=None):
        super().build(flowables, filename=filename, canvasmaker=partial(FormsCanvas, before_save=self._define_forms, date=self.ctx.date))

    def _define_forms(self, canv) -> None:
        ctx = self.ctx
        fonts, p = ctx.fonts, ctx.palette
        total = max(self.footers, default=0)
        for page in self.footers:
            canv.beginForm(f"pm-foot-{page}", -300, -4, 1, 12)
            text = ctx.ladder.label("page", n=page, total=total)
            draw_text(canv, fonts, text, 0, 0, 8, p.muted, anchor="end")
            canv.endForm()
        for name, (key, size) in sorted(ctx.pages.forms.items()):
            canv.beginForm(name, -100, -4, 1, 14)
            draw_text(canv, fonts, str(ctx.pages.record.get(key, "")), 0, 0, size, p.text, anchor="end")
            canv.endForm()

    def _decorate(self, canv, doc, *, size: tuple[float, float], heading: str | None = None):
        """The running header (title, logo) and footer (organisation, version, page X of Y), and
        the `heading` of a part that continues on this page."""
        ctx = self.ctx
        p, fonts, ladder = ctx.palette, ctx.fonts, ctx.ladder
        pw, ph = size
        m = ctx.margin
        canv.saveState()
        type_size = 8
        rule_y = ph - m + 12
        logo = ctx.style.logo
        right = pw - m
        if logo and logo.header and ctx.logo.ok:
            w = ctx.logo.draw(canv, right - 14 * ctx.logo.aspect, rule_y + 3, 14)
            right -= w + 8
        title = fit_line(fonts, ladder.title, right - m, type_size)
        draw_text(canv, fonts, title, m, rule_y + 5, type_size, p.muted)
        canv.setStrokeColor(colour(p.rule))
        canv.setLineWidth(0.5)
        canv.line(m, rule_y, pw - m, rule_y)
        foot_y = m - 26
        canv.line(m, foot_y + 12, pw - m, foot_y + 12)
        if heading:
            style = ctx.styles["h2"]
            text = fit_line(fonts, heading, pw - 2 * m, style.size, bold=True)
            draw_text(canv, fonts, text, m, ph - m - style.size, style.size, style.color, bold=True)
        left_bits = [b for b in (ladder.organization, content.version_line(ladder)) if b]
        if left_bits:
            line = fit_line(fonts, "  \u00b7  ".join(left_bits), (pw - 2 * m) * 0.7, type_size)
            draw_text(canv, fonts, line, m, foot_y, type_size, p.muted)
        page = canv.getPageNumber()
        self.footers.append(page)
        canv.translate(pw - m, foot_y)
        canv.doForm(f"pm-foot-{page}")
        canv.restoreState()
