"""A person's development report as one self-contained web page: the content of
content/report.py in the ladder page's template machinery, its radar through the SVG painter.

The same safety as the ladder page: every string is escaped by Jinja2's autoescape, the one
inline style sheet is allowed by its hash and no script runs at all (`script-src 'none'`),
nothing is fetched. The page is about a person: it asks search engines not to index it, and
holds nothing about them that it does not show.
"""

from __future__ import annotations

from ...content import document_language
from ...content.report import report
from ...load.locate import text_locator
from ...load.style import Style, load_style
from ...model import Assessment
from ...scene.report_radar import report_radar_scene
from ...text.fonts import FontSet
from .page import csp_hash, css_for, logo_uri, template
from .svg import paint_svg

WIDE = (640.0, 500.0, 11.0)  # points: the radar beside text on a wide screen, and its smallest text
NARROW = (360.0, 340.0, 11.0)  # a phone's radar, near 1:1 in px
TEMPLATE = "report.html.j2"


def render_report_html(assessment: Assessment, style: Style | str | None = None) -> bytes:
    """The report of one assessment as UTF-8 bytes."""
    style = load_style(style)
    ladder = assessment.ladder
    found = report(assessment)
    lang = document_language(ladder)
    chart = narrow_chart = None
    if found.radar:
        title = ladder.label("profile")
        with FontSet.for_style(style).reporting_missing(text_locator(ladder)) as fonts:
            wide, narrow = (report_radar_scene(found.radar, style, width=w, height=h, fonts=fonts, min_text=t)
                            for w, h, t in (WIDE, NARROW))
            chart = paint_svg(wide, title=title, title_id="radar-title", css_class="chart wide", language=lang)
            narrow_chart = paint_svg(narrow, title=title, title_id="radar-title-narrow", css_class="chart narrow",
                                     language=lang)
    css = css_for(style, "page.css", "report.css")
    page = template(TEMPLATE).render(
        found=found,
        ladder=ladder,
        lang=lang,
        label=ladder.label,
        chart=chart,
        narrow_chart=narrow_chart,
        blank_lines=max(3, found.plan_lines - len(found.plan)),
        logo=logo_uri(style),
        css=css,
        csp=f"default-src 'none'; style-src {csp_hash(css)}; script-src 'none'; img-src data:; "
            "base-uri 'none'; form-action 'none'",
    )
    return page.encode("utf-8")
