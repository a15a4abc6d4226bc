"""The Python API: the examples in docs/api.md run, flowables work in a caller's document, packets merge."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

import pmladder
from conftest import ROOT, outline, pdf_texts
from pmladder.cli import cli

EXAMPLES = re.findall(r"```python\n(.*?)```(?:\s*```text\n(.*?)```)?", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("code, expected", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_docs_examples_run_and_print_what_the_docs_say(code, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "docs/api.md", "exec"), {"__name__": "__docs__"})
    if expected:
        assert out.getvalue() == expected


def test_public_api_is_deliberate():
    assert set(pmladder.__all__) >= {
        "load_ladder", "load_style", "render_pdf", "write_pdf", "render_chart", "render_radar", "flowables",
        "LadderError", "Ladder", "Role",
    }
    assert all(hasattr(pmladder, name) for name in pmladder.__all__)
    assert (ROOT / "src" / "pmladder" / "py.typed").exists()


def test_import_is_light():
    code = "import sys, pmladder; print([m for m in ('matplotlib', 'reportlab', 'pypdf') if m in sys.modules])"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


def test_flowables_in_a_callers_own_document(tmp_path):
    """A welcome page of the caller's, then the ladder flowables: both texts are in the result."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    target = tmp_path / "welcome.pdf"
    story = [Paragraph("Welcome aboard, Ada", getSampleStyleSheet()["Title"]), PageBreak()]
    story += pmladder.flowables(pmladder.load_ladder(), roles=["pm"], highlight="pm")
    SimpleDocTemplate(str(target), pagesize=A4).build(story)
    texts = pdf_texts(target.read_bytes())
    assert "Welcome aboard, Ada" in texts[0]
    joined = "\n".join(texts[1:])
    assert "Product Manager" in joined and "Senior Product Manager" in joined
    assert "You are here" in joined
    assert PdfReader(str(target)).pages[0].mediabox.width == pytest.approx(A4[0], abs=1)


def test_flowables_fit_a_narrow_two_column_page():
    """In a caller's two-column layout (frames ~250 pt wide) the role pages are laid out for
    that width: one column with the radar full width, tables inside their frame, and no
    dimension name split in the middle of a word."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    margin, gap = 40, 20
    width = (A4[0] - 2 * margin - gap) / 2
    frames = [Frame(margin, margin, width, A4[1] - 2 * margin, id="left"),
              Frame(margin + width + gap, margin, width, A4[1] - 2 * margin, id="right")]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4)
    doc.addPageTemplates([PageTemplate("two", frames)])
    ladder = pmladder.load_ladder()
    doc.build(pmladder.flowables(ladder))
    pages = pdf_texts(buffer.getvalue())
    role_page = next(text for text in pages if "Research markets" in text)
    for dim in ladder.dimensions:
        for word in dim.name.split():
            assert word in role_page.split(), word  # each word whole, on one line


def make_pdf(path: Path, title: str | None, pages: int = 1) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    if title:
        writer.add_metadata({"/Title": title})
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


class TestPackets:
    def test_page_order_and_outline(self, runner, tmp_path):
        welcome = make_pdf(tmp_path / "welcome.pdf", "Welcome to Northwind", pages=2)
        handbook = make_pdf(tmp_path / "handbook.pdf", None, pages=3)
        excerpt = pmladder.render_pdf(pmladder.load_ladder(), roles=["pm"], highlight="pm")
        excerpt_pages = len(PdfReader(io.BytesIO(excerpt)).pages)
        target = tmp_path / "packet.pdf"
        result = runner.invoke(cli, ["pdf", "--role", "pm", "--highlight", "pm", "--prepend", str(welcome),
                                     "--append", str(handbook), "-o", str(target)])
        assert result.exit_code == 0, result.output
        reader = PdfReader(str(target))
        assert len(reader.pages) == 2 + excerpt_pages + 3
        texts = [page.extract_text() for page in reader.pages]
        assert texts[0] == "" and texts[1] == ""  # the welcome letter's blank pages come first
        assert "Product Manager" in texts[2]
        entries = outline(reader)
        titles = [title for depth, title, _ in entries if depth == 0]
        assert titles[0] == "Welcome to Northwind"
        assert titles[-1] == "handbook.pdf"  # no PDF title: named by its file
        assert "Product Manager" in [title for _, title, _ in entries]
        assert reader.get_destination_page_number(reader.outline[0]) == 0
        assert reader.get_destination_page_number(reader.outline[-1]) == 2 + excerpt_pages

    @pytest.mark.parametrize("kind", ["missing", "not-pdf", "folder"])
    def test_bad_inserted_pdf_is_a_clean_error_and_nothing_is_written(self, runner, tmp_path, kind):
        bad = tmp_path / "welcome.pdf"
        if kind == "not-pdf":
            bad.write_text("hello", encoding="utf-8")
        elif kind == "folder":
            bad.mkdir()
        target = tmp_path / "out" / "packet.pdf"
        result = runner.invoke(cli, ["pdf", "--role", "pm", "--prepend", str(bad), "-o", str(target)])
        assert result.exit_code == 1
        expected = {"missing": "no such file", "not-pdf": "not a PDF file", "folder": "is a folder, not a file"}[kind]
        assert result.stderr == f"Error: {bad}: {expected}\n"
        assert not target.exists()

    def test_packets_are_reproducible(self, tmp_path):
        welcome = make_pdf(tmp_path / "welcome.pdf", "Welcome")
        first = pmladder.render_pdf(pmladder.load_ladder(), roles=["apm"], prepend=[welcome])
        second = pmladder.render_pdf(pmladder.load_ladder(), roles=["apm"], prepend=[welcome])
        assert first == second

    def test_a_packet_is_identified_by_all_of_its_inputs(self, tmp_path):
        """The trailer's file identifier comes from the content: the same inputs give the same one
        (not the clock), another inserted document gives another."""
        ladder = pmladder.load_ladder()

        def identifier(welcome_title):
            welcome = make_pdf(tmp_path / f"{welcome_title}.pdf", welcome_title)
            packet = pmladder.render_pdf(ladder, roles=["apm"], prepend=[welcome])
            first, second = PdfReader(io.BytesIO(packet)).trailer["/ID"]
            assert first == second and len(first) == 16
            return first

        assert identifier("Welcome") == identifier("Welcome")
        assert identifier("Welcome") != identifier("Hello")
