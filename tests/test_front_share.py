"""A short introduction shares its page with the chart, read back from the PDF's text."""

from __future__ import annotations

import io

from pypdf import PdfReader

from conftest import DEFAULT_LADDER, ROOT
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
