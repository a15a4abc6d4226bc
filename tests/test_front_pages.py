"""The front pages as printed: a short introduction shares its page with the chart, and a bold
heading in a face without bold still reads bold."""

from __future__ import annotations

import io

from pypdf import PdfReader

from conftest import DEFAULT_LADDER, POLISH_JAPANESE, ROOT
from pmladder.load.ladder import load_ladder
from pmladder.load.style import load_style
from pmladder.outputs.pdf.handout import render_pdf

STYLE = load_style("default")


def page_texts(path) -> list[str]:
    ladder = load_ladder(str(path))
    return [page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(ladder, STYLE))).pages]


def test_a_short_introduction_has_the_chart_under_it():
    """The design ladder's introduction is a few lines: the chart follows on its page."""
    texts = page_texts(ROOT / "data" / "examples" / "design-two-track.yaml")
    intro = next(i for i, text in enumerate(texts) if "How to read this ladder" in text)
    assert "The ladder at a glance" in texts[intro]


def test_a_long_introduction_leaves_the_chart_its_own_page():
    """The default ladder's introduction fills most of its page: the chart has the next one."""
    texts = page_texts(DEFAULT_LADDER)
    intro = next(i for i, text in enumerate(texts) if "What product management is" in text)
    assert "The ladder at a glance" not in texts[intro] and "The ladder at a glance" in texts[intro + 1]


def test_a_bold_heading_in_a_face_without_bold_is_drawn_outlined():
    """The Polish ladder's Japanese heading falls to a CJK face with no bold: it is drawn with
    fill and stroke (text render mode 2), still as text; text in a real bold face is not."""
    reader = PdfReader(io.BytesIO(render_pdf(load_ladder(str(POLISH_JAPANESE)), STYLE)))
    page = next(p for p in reader.pages if "このキャリアラダーについて" in p.extract_text())
    assert b"2 Tr" in page.get_contents().get_data()
    default = PdfReader(io.BytesIO(render_pdf(load_ladder(str(DEFAULT_LADDER)), STYLE)))
    assert not [p for p in default.pages if b"2 Tr" in p.get_contents().get_data()]
