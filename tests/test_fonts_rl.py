"""The fonts the PDF embeds (ReportLab's own TTFont) measure text exactly as our layout does.

Lines are broken and text runs placed with our TrueType reader's advance widths; a PDF viewer
places the glyphs with the widths ReportLab writes into the font's /W array. If the two
disagreed, runs drawn one after the other (body face, then a CJK fallback) would overlap or
leave gaps, and justified or right-aligned text would miss its edge.
"""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics

from pmladder.load.style import load_style
from pmladder.outputs.pdf.paint import register_faces
from pmladder.text.fonts import FontSet


def faces():
    fontset = FontSet.for_style(load_style("default"))
    found = [fontset.regular, fontset.bold]
    cjk = fontset.face_for("\u8077", False)  # 職: a CJK fallback face, where one is installed
    return found + ([cjk] if cjk is not None and cjk not in found else [])


@pytest.mark.parametrize("face", faces(), ids=lambda f: f.name)
def test_embedded_font_widths_are_the_widths_layout_measured(face):
    register_faces([face])
    font = pdfmetrics.getFont(face.name)
    mapped = [code for start, end, _ in face.file.cmap.ranges for code in range(start, end + 1)]
    assert mapped, "the face maps no characters"
    step = max(1, len(mapped) // 3000)  # a CJK face maps ~50,000 characters: a spread sample
    sample = "".join(chr(code) for code in mapped[::step] if code >= 0x20)
    for text in ("Zażółć gęślą jaźń \u00a0 Product Manager", "職務 レベル", sample):
        text = "".join(char for char in text if face.file.covers(char))  # fallback faces draw the rest
        ours = face.file.text_width(text) * 10
        assert font.stringWidth(text, 10) == pytest.approx(ours, rel=1e-9, abs=1e-6), text[:40]


def test_emoji_print_through_a_fallback_and_copy_back_as_themselves(write):
    """🏆 and 🌈 are beyond U+FFFF: printed (Symbola or another installed font), extracted whole."""
    import shutil
    import subprocess

    import pytest

    from pmladder import load_ladder, render_pdf
    from pmladder.outputs.pdf.tounicode import fixed_cmap

    assert fixed_cmap(b"<05> <1F3C6>\n<06> <0041>") == b"<05> <D83CDFC6>\n<06> <0041>"
    if not shutil.which("pdftotext"):
        pytest.skip("poppler's pdftotext is not installed")
    ladder = load_ladder(write("ladder:\n  title: Awards\ndimensions:\n  - {id: win, name: \"Winning \U0001f3c6\"}\n"
                               "roles:\n  - {id: a, title: \"Alpha \U0001f308\", level: 1, summary: s,"
                               " dimensions: {win: always}}\n"))
    data = render_pdf(ladder)
    assert render_pdf(ladder) == data  # still reproducible
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert "Winning \U0001f3c6" in text and "Alpha \U0001f308" in text
    assert "\u1f3c" not in text and "\u1f30" not in text  # not ReportLab's truncated code points
