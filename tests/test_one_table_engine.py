"""One table engine: every table the PDFs print is a Grid, or a story of Rows (the contents, the
track notes), never ReportLab's Table (docs/performance.md, "One table engine")."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
import yaml
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, tables

import pmladder
from conftest import DEFAULT_LADDER, ROOT
from pmladder.load.assessment import load_assessment
from pmladder.load.ladder import load_ladder
from pmladder.load.style import MM, load_style
from pmladder.outputs.pdf.handout import render_pdf
from pmladder.outputs.pdf.report import render_report_pdf

DESIGN = ROOT / "data" / "examples" / "design-two-track.yaml"


@pytest.fixture
def tables_made(monkeypatch) -> list[str]:
    """The class of every ReportLab Table (or subclass, such as LongTable) made while it is in use."""
    made: list[str] = []
    make = tables.Table.__init__

    def recording(self, *args, **kwargs):
        made.append(type(self).__name__)
        make(self, *args, **kwargs)

    monkeypatch.setattr(tables.Table, "__init__", recording)
    return made


def test_no_pdf_is_laid_out_with_a_reportlab_table(tables_made):
    """The handout with every part and the worksheets, a ladder whose tracks are described (the
    notes under its chart), a caller's story and the development report: no ReportLab Table."""
    style = load_style("default")
    design = load_ladder(str(DESIGN))
    render_pdf(load_ladder(str(DEFAULT_LADDER)), style, worksheet=True)
    render_pdf(design, style)
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(pmladder.flowables(design, page_breaks=False))
    render_report_pdf(load_assessment(str(ROOT / "data" / "examples" / "assessment-pm.yaml")), style)
    assert tables_made == []


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext is not installed")
def test_a_track_note_longer_than_the_page_goes_on_overleaf_inside_its_column():
    """A track description longer than the room under the chart continues on the next page,
    every word printed once and none past the page's right margin."""
    data = yaml.safe_load(DESIGN.read_text(encoding="utf-8"))
    words = [f"w{i}ord" for i in range(900)]
    data["tracks"][0]["description"] = " ".join(words)
    style = load_style("default")
    pdf = render_pdf(load_ladder(data), style, parts=["chart"])
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    pages = re.findall(r'<page width="([\d.]+)".*?</page>', out, re.S)
    printed = re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(w\d+ord)</word>', out)
    assert len(pages) >= 2
    assert [word for _, word in printed] == words
    right = float(pages[0]) - style.page.margin_mm * MM
    assert max(float(x) for x, _ in printed) <= right + 0.5
