"""pmladder.flowables() in a caller's document: page breaks the caller controls, headings in the
caller's styles."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.colors import red
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import PageBreak, SimpleDocTemplate

import pmladder
from conftest import make_ladder, pdf_texts


def build(story) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()


def page_streams(pdf: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_without_page_breaks_the_parts_run_on():
    ladder = pmladder.load_ladder()
    broken = pmladder.flowables(ladder, roles=["pm"])
    running = pmladder.flowables(ladder, roles=["pm"], page_breaks=False)
    assert any(isinstance(f, PageBreak) for f in broken)
    assert not any(isinstance(f, PageBreak) for f in running)
    with_breaks, without = pdf_texts(build(broken)), pdf_texts(build(running))
    matrix_page = [next(i for i, text in enumerate(texts) if "Comparison matrix" in text) for texts in (with_breaks, without)]
    assert matrix_page[1] < matrix_page[0]  # the matrix runs on after the role, too
    # The first role page starts under the chart instead of on a page of its own.
    summary = "Accountable for the success"
    assert summary not in with_breaks[0] and summary in with_breaks[1]
    assert summary in without[0]

@pytest.mark.parametrize("ladder_file", ["default", "data/examples/inzynieria-pl-ja.yaml", "big"])
@pytest.mark.parametrize("pagesize", [A4, A5], ids=["A4", "A5"])
def test_a_running_story_fits_any_callers_page(ladder_file, pagesize, big_framework_file):
    """Without page breaks a role's heading band, a paragraph split at a page's foot or the
    chart may land anywhere in the caller's frames: each moves on or shrinks to what the frame
    holds, instead of a LayoutError (A5 and the portrait PL/JA chart, a big framework on A4)."""
    path = {"default": None, "big": big_framework_file}.get(ladder_file, ladder_file)
    ladder = pmladder.load_ladder(path) if path else pmladder.load_ladder()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=pagesize, invariant=1).build(pmladder.flowables(ladder, page_breaks=False))
    pages = [" ".join(page.split()) for page in pdf_texts(buffer.getvalue())]
    joined = " ".join(pages)
    assert all(" ".join(role.title.split()) in joined for role in ladder.roles)
    # The chart is drawn under its heading, not moved on and the first page left empty.
    assert set(ladder.ordered_roles[0].title.split()) <= set(pages[0].split())


def test_a_row_taller_than_a_page_splits_in_a_running_story():
    data = make_ladder(2, 1, 2)
    data["roles"][0]["dimensions"]["d0"] = " ".join(["word"] * 1900)  # far taller than an A4 page
    story = pmladder.flowables(pmladder.load_ladder(data), page_breaks=False)
    texts = pdf_texts(build(story))
    assert sum(text.count("word") for text in texts) >= 1900 * 2  # the profile and the matrix, whole


def test_headings_take_the_callers_styles():
    ladder = pmladder.load_ladder()
    h1 = ParagraphStyle("mine", fontName="Helvetica-Bold", fontSize=31, leading=36, textColor=red)
    plain = b"".join(page_streams(build(pmladder.flowables(ladder, roles=["pm"]))))
    styled = b"".join(page_streams(build(pmladder.flowables(ladder, roles=["pm"], heading_styles={"h1": h1}))))
    assert b" 31 Tf" in styled and b" 31 Tf" not in plain
    assert b"1 0 0 rg" in styled and b"1 0 0 rg" not in plain


def test_a_stylesheets_headings_are_accepted_whole():
    sheet = getSampleStyleSheet()
    headings = {"h1": sheet["Heading1"], "h2": sheet["Heading2"], "h3": sheet["Heading3"]}
    pdf = build(pmladder.flowables(pmladder.load_ladder(), roles=["pm"], heading_styles=headings))
    size = sheet["Heading2"].fontSize
    assert f" {size:g} Tf".encode() in b"".join(page_streams(pdf))


@pytest.mark.parametrize("given, error, words", [
    ({"h4": ParagraphStyle("x")}, ValueError, "'h4'"),
    ({"h1": "big"}, TypeError, "heading_styles['h1']"),
])
def test_heading_styles_it_cannot_use_are_refused_by_name(given, error, words):
    with pytest.raises(error, match=words.replace("[", r"\[").replace("]", r"\]")):
        pmladder.flowables(pmladder.load_ladder(), heading_styles=given)
