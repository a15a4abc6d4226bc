"""A person's development report as PDF: the content of content/report.py laid out with the
handout's fonts, text styles, tables and painters.

Personal data stays on the page: the PDF's metadata holds the report's title and the person's
name (both printed on page 1) and nothing else; the same assessment gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
from functools import partial

from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Spacer

from ...content import document_language
from ...content.report import Report, report
from ...load.locate import text_locator
from ...load.style import Style
from ...model import Assessment
from ...scene.report_radar import report_radar_scene
from ...text.fonts import FontSet
from ...text.wrap import fit_line
from .context import Context
from .document import FormsCanvas
from .flowables import Row, Ruled
from .paint import SceneFlowable, colour, draw_text
from .textblocks import Grid

RADAR_SHARE = 0.78  # of the frame's width


class ReportDoc(BaseDocTemplate):
    """Portrait pages with a footer (the ladder and its version, and page X of Y) and, after the
    first page, a running header saying whose report it is."""

    def __init__(self, ctx: Context, found: Report):
        self.ctx = ctx
        self.footers: list[int] = []
        # The PDF's date is the assessment's (printed on page 1), else the day it was rendered.
        self.date = datetime.date.fromisoformat(found.cover.date) if found.cover.date else ctx.date
        m = ctx.margin
        super().__init__(
            None, pagesize=ctx.page_size, leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m,
            title=found.title, author=found.cover.person or "", subject="", keywords=[],
            creator="pmladder", invariant=1, initialFontName=ctx.fonts.regular.name, initialFontSize=10,
            lang=document_language(ctx.ladder),
        )
        pw, ph = ctx.page_size
        frame = Frame(m, m, pw - 2 * m, ph - 2 * m, 0, 0, 0, 0, id="report")
        self.addPageTemplates([PageTemplate("report", [frame], onPage=self._decorate, pagesize=(pw, ph))])
        self.footer_text = "  \u00b7  ".join(b for b in (found.cover.ladder, found.cover.version) if b)
        self.header_text = " \u00b7 ".join((found.title, found.cover.running))

    def build(self, flowables, filename=None):
        super().build(flowables, filename=filename,
                      canvasmaker=partial(FormsCanvas, before_save=self._define_forms, date=self.date))

    def _define_forms(self, canv) -> None:
        ctx = self.ctx
        total = max(self.footers, default=0)
        for page in self.footers:
            canv.beginForm(f"pm-foot-{page}", -300, -4, 1, 12)
            draw_text(canv, ctx.fonts, ctx.ladder.label("page", n=page, total=total), 0, 0, 8, ctx.palette.muted,
                      anchor="end")
            canv.endForm()

    def _decorate(self, canv, doc):
        ctx = self.ctx
        pw, ph = ctx.page_size
        m = ctx.margin
        foot_y = m - 26
        canv.saveState()
        canv.setStrokeColor(colour(ctx.palette.rule))
        canv.setLineWidth(0.5)
        canv.line(m, foot_y + 12, pw - m, foot_y + 12)
        draw_text(canv, ctx.fonts, self.footer_text, m, foot_y, 8, ctx.palette.muted)
        page = canv.getPageNumber()
        if page > 1:  # page 1 has the title and the cover line
            rule_y = ph - m + 12
            header = fit_line(ctx.fonts, self.header_text, pw - 2 * m, 8)
            draw_text(canv, ctx.fonts, header, m, rule_y + 5, 8, ctx.palette.muted)
            canv.line(m, rule_y, pw - m, rule_y)
        self.footers.append(page)
        canv.translate(pw - m, foot_y)
        canv.doForm(f"pm-foot-{page}")
        canv.restoreState()


def render_report_pdf(assessment: Assessment, style: Style) -> bytes:
    """The report of one assessment as PDF bytes."""
    fonts = FontSet.for_style(style)
    with fonts.reporting_missing(text_locator(assessment.ladder)):
        ctx = Context(assessment.ladder, style, fonts)
        found = report(assessment)
        doc = ReportDoc(ctx, found)
        buffer = io.BytesIO()
        doc.build(report_story(ctx, found), filename=buffer)
    return buffer.getvalue()


def report_story(ctx: Context, found: Report) -> list:
    w = found.words
    story: list = [ctx.heading(found.title), ctx.para(found.cover.text, "lead")]
    if found.radar:
        story += [Spacer(1, 6), _radar(ctx, found)]
    for view in found.targets:
        story.append(ctx.para(view.missing_heading, "h2"))
        if view.gaps:
            story.append(_gap_table(ctx, view.gaps, w))
        else:
            story.append(ctx.para(view.nothing_missing))
        story.append(ctx.para(view.at_target_heading, "h3"))
        if view.at_target:
            story += [ctx.para(a.line, "bullet", bullet="\u2022") for a in view.at_target]
        else:
            story.append(ctx.para(w["nothing_at_target"], "caption"))
    story.append(ctx.para(w["disagree"], "h2"))
    if found.disagreements:
        rows = [[ctx.para(h, "cell-head") for h in (w["competency"], w["self"], w["manager"])]]
        rows += [[ctx.para(d.dimension.name, "cell-bold"), ctx.para(d.self_rating, "cell"),
                  ctx.para(d.manager_rating, "cell")] for d in found.disagreements]
        width = ctx.frame_width
        story.append(Grid(rows, [width * 0.5, width * 0.25, width * 0.25], ctx.headed_look(pad_top=4, pad_bottom=5),
                          room=ctx.frame_height))
    else:
        story.append(ctx.para(w["no_disagreement"], "caption"))
    if found.not_assessed:
        story += [ctx.para(w["not_assessed"], "h2"), ctx.para(", ".join(d.name for d in found.not_assessed))]
    story.append(ctx.para(w["competencies"], "h2"))
    for notes in found.competencies:
        block = [ctx.para(notes.dimension.name, "h3")]
        block += [ctx.para(f"{title}: {text}", "ws-value") for title, text in notes.expectations]
        if notes.ratings:
            block.append(ctx.para(" \u00b7 ".join(f"{who}: {text}" for who, text in notes.ratings), "cell-bold"))
        block += [ctx.para(line, "bullet", bullet="\u2713") for line in notes.meets]
        if notes.evidence:
            for note in notes.evidence:
                text = note.text + (f" ({note.link})" if note.link else "")
                block.append(ctx.para(f"{note.date}: {text}" if note.date else text, "bullet", bullet="\u2022"))
        else:
            block.append(ctx.para(w["no_evidence"], "caption"))
        story.append(KeepTogether(block))
    plan = [ctx.para(w["plan"], "h2"), ctx.para(w["plan_hint"], "caption")]
    plan += [ctx.para(item, "bullet", bullet="\u2022") for item in found.plan]
    plan += [Spacer(1, 4), Ruled(max(3, found.plan_lines - len(found.plan)), 22, ctx.palette.rule)]
    story.append(KeepTogether(plan))
    sign = [ctx.para(w["signoff"], "h2")]
    # Each signer gets a line to sign on and, beside it, a line of its own for the date.
    widths = [ctx.frame_width * 0.62, ctx.frame_width * 0.06, ctx.frame_width * 0.32]
    for line in found.signoff:
        sign += [Spacer(1, 18),
                 Row([Ruled(1, 4, ctx.palette.text), Spacer(0, 0), Ruled(1, 4, ctx.palette.text)], widths),
                 Row([ctx.para(line, "caption"), Spacer(0, 0), ctx.para(w["date"], "caption")], widths)]
    story.append(KeepTogether(sign))
    return story


def _radar(ctx: Context, found: Report) -> SceneFlowable:
    width = ctx.frame_width * RADAR_SHARE
    flowable = SceneFlowable(report_radar_scene(found.radar, ctx.style, width=width, height=width * 0.78, fonts=ctx.fonts))
    flowable.hAlign = "CENTER"
    return flowable


def _gap_table(ctx: Context, gaps, w: dict[str, str]) -> Grid:
    rows = [[ctx.para(w[h], "cell-head") for h in ("competency", "gap", "now", "target")]]
    for gap in gaps:
        first = [ctx.para(gap.dimension.name, "cell-bold")]
        first += [ctx.para(s, "cell-bullet", bullet="\u2022") for s in gap.unmet]
        rows.append([first, ctx.para(gap.size_text, "cell"), ctx.para(gap.current, "cell"),
                     ctx.para(gap.expected, "cell")])
    width = ctx.frame_width
    return Grid(rows, [width * 0.52, width * 0.14, width * 0.17, width * 0.17], ctx.headed_look(pad_top=4, pad_bottom=5),
                room=ctx.frame_height)
