"""Choosing the handout's parts: a one-page overview, roles only, everything but the matrix."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from conftest import DEFAULT_LADDER, ROOT, norm, outline, pdf_texts
from pmladder.content import handout_parts
from pmladder.errors import RenderError
from pmladder.load.ladder import load_ladder
from pmladder.load.style import load_style
from pmladder.outputs.pdf.handout import render_pdf

DESIGN = ROOT / "data" / "examples" / "design-two-track.yaml"


@pytest.fixture(scope="module")
def ladder():
    return load_ladder(DEFAULT_LADDER)


@pytest.fixture(scope="module")
def design():
    return load_ladder(DESIGN)


@pytest.fixture(scope="module")
def style():
    return load_style("default")


def sizes(data: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(data)).pages]


class TestParts:
    def test_the_chart_alone_is_a_one_page_overview(self, design, style):
        """--parts chart: one portrait page with the chart's heading and its tracks, nothing else."""
        data = render_pdf(design, style, parts=["chart"])
        [page] = pdf_texts(data)
        assert "The ladder at a glance" in page
        assert "Grows through the designers they lead." in page
        assert "Contents" not in page and "Comparison matrix" not in page
        [(w, h)] = sizes(data)
        assert h > w

    def test_roles_only_start_with_the_first_role(self, ladder, style):
        """--parts roles: a page per role, the first role's title on the first page, no cover or matrix."""
        data = render_pdf(ladder, style, parts=["roles"])
        pages = pdf_texts(data)
        assert len(pages) == len(ladder.roles)
        assert "Associate Product Manager" in pages[0][:200]
        assert not any("Comparison matrix" in p or "Contents" in p for p in pages)
        reader = PdfReader(io.BytesIO(data))
        assert [t for d, t, _ in outline(reader) if d == 0] == ["Roles"]

    def test_the_matrix_alone_starts_on_a_landscape_page(self, ladder, style):
        """--parts matrix: no blank portrait page before the landscape matrix."""
        data = render_pdf(ladder, style, parts=["matrix"])
        w, h = sizes(data)[0]
        assert w > h
        assert "Comparison matrix" in pdf_texts(data)[0]

    def test_the_contents_lists_only_what_is_printed(self, ladder, style):
        """Without the matrix, neither the contents nor any page names it."""
        data = render_pdf(ladder, style, without=["matrix"])
        pages = pdf_texts(data)
        assert "Contents" in pages[1]
        assert "Roles" in pages[1] and "Comparison matrix" not in pages[1]
        assert not any("Comparison matrix" in p for p in pages)
        full = pdf_texts(render_pdf(ladder, style))
        assert "Comparison matrix" in full[1]
        assert len(pages) < len(full)

    def test_contents_without_a_chart_does_not_list_it(self, ladder, style):
        pages = pdf_texts(render_pdf(ladder, style, parts=["cover", "contents", "roles"]))
        assert "at a glance" not in pages[1]
        assert "Associate Product Manager" in pages[1]

    def test_parts_print_in_the_handouts_order(self, ladder, style):
        """The order given does not matter: the cover comes first, the matrix last."""
        data = render_pdf(ladder, style, parts=["matrix", "cover"])
        pages = pdf_texts(data)
        assert norm(ladder.title) in norm(pages[0])
        assert "Comparison matrix" in pages[1]

    def test_worksheets_follow_the_matrix(self, ladder, style):
        pages = pdf_texts(render_pdf(ladder, style, parts=["chart", "worksheets"]))
        assert "The ladder at a glance" in pages[0]
        assert norm("Evidence worksheet: Associate Product Manager") in norm(pages[1])
        assert len(pages) == 1 + len(ladder.roles)

    def test_an_excerpt_without_its_chart_opens_with_its_title_and_first_role(self, ladder, style):
        pages = pdf_texts(render_pdf(ladder, style, roles=["pm"], without=["chart"]))
        assert "Roles: Product Manager, Senior Product Manager" in pages[0]
        assert "Accountable for the success of one product" in pages[0]
        assert "The ladder at a glance" not in "".join(pages)


class TestPartNames:
    def test_an_unknown_part_is_refused_with_a_suggestion(self):
        with pytest.raises(RenderError, match=r"unknown part 'chrat' \(did you mean 'chart'\?\)"):
            handout_parts(["cover", "chrat"])

    def test_a_far_miss_lists_the_parts(self):
        with pytest.raises(RenderError, match="parts: cover, contents, introduction, chart, roles, matrix, worksheets"):
            handout_parts(without=["xyz"])

    def test_worksheet_adds_the_worksheets(self):
        assert handout_parts(worksheet=True)[-1] == "worksheets"
        assert "worksheets" not in handout_parts()

    def test_nothing_left_is_an_error(self):
        with pytest.raises(RenderError, match="no part"):
            handout_parts(["matrix"], without=["matrix"])
        with pytest.raises(RenderError, match="the contents would list nothing"):
            handout_parts(["cover", "contents"])

    def test_an_excerpt_has_no_cover(self):
        with pytest.raises(RenderError, match="an excerpt of roles has no cover"):
            handout_parts(["cover", "roles"], excerpt=True)
        assert handout_parts(excerpt=True) == ("chart", "roles")


class TestOverview:
    def test_the_overview_says_what_each_track_is(self, design, style):
        """The track descriptions, documented in the format, print under the chart."""
        pages = pdf_texts(render_pdf(design, style))
        [overview] = [p for p in pages if "The ladder at a glance" in p and "Contents" not in p]
        for track in design.tracks:
            assert norm(track.description) in norm(overview)

    def test_the_overview_does_not_repeat_the_contents(self, design, style):
        """No index of roles with their levels and page numbers under the chart: the contents has them."""
        pages = pdf_texts(render_pdf(design, style))
        [overview] = [p for p in pages if "The ladder at a glance" in p and "Contents" not in p]
        assert "Associate · D1 Associate" not in overview
        assert overview.count("Associate Designer") == 1  # in its box only


def test_the_api_takes_the_parts():
    """pmladder.render_pdf(parts=..., without=...) reaches the handout."""
    import pmladder

    assert len(pdf_texts(pmladder.render_pdf(pmladder.load_ladder(), parts=["chart", "matrix"], without=["matrix"]))) == 1


def test_the_callers_flowables_carry_the_tracks_under_the_chart(design):
    """pmladder.flowables: the chart and what its tracks are, at the width of the caller's frame."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from pmladder.outputs.pdf.handout import flowables

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=90, rightMargin=90).build(flowables(design, load_style("default")))
    first = pdf_texts(buffer.getvalue())[0]
    assert "The ladder at a glance" in first
    assert all(norm(t.description) in norm(first) for t in design.tracks)


def test_the_web_pages_overview_says_what_each_track_is(design):
    """The web page too: each track's name and description under its chart, ruled in its colour."""
    from pmladder.outputs.html.page import render_html

    html = render_html(design, style=load_style("default")).decode("utf-8")
    overview = html.split('id="overview"')[1].split('id="roles"')[0]
    for k, track in enumerate(design.tracks):
        assert f'<div class="track-{k}"><dt>{track.name}</dt><dd>{track.description}</dd></div>' in overview
