"""The ReportLab fonts built from our own font reader carry exactly what ReportLab's own
TTFont would have read: if a ReportLab release changes its internals, this fails."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from pmladder.load.style import load_style
from pmladder.outputs.pdf.rlfont import QuickFont
from pmladder.text.fonts import FontSet

FACE_ATTRIBUTES = ("name", "familyName", "styleName", "fullName", "flags", "ascent", "descent", "capHeight",
                   "bbox", "italicAngle", "stemV", "unitsPerEm", "numGlyphs", "defaultWidth", "charWidths",
                   "charToGlyph", "glyphPos", "_full_font")


def faces():
    fontset = FontSet.for_style(load_style("default"))
    found = [fontset.regular, fontset.bold]
    cjk = fontset.face_for("\u8077", False)  # 職: a CJK fallback face, where one is installed
    return found + ([cjk] if cjk is not None and cjk not in found else [])


@pytest.mark.parametrize("face", faces(), ids=lambda f: f.name)
def test_quick_font_matches_reportlabs_own_parse(face):
    ours = QuickFont("quick-" + face.name, face)
    stock = TTFont("stock-" + face.name, face.path, subfontIndex=face.index)
    for attribute in FACE_ATTRIBUTES:
        assert getattr(ours.face, attribute) == getattr(stock.face, attribute), attribute
    # Advance widths: the same for every glyph with its own; for the trailing glyphs that share
    # the last one, ReportLab stores it already scaled to 1/1000 em (its own slip, which would
    # write that number into the subset's hmtx); we keep font units, as the table has them.
    ours_h, stock_h = ours.face.hmetrics, stock.face.hmetrics
    assert len(ours_h) == len(stock_h) == ours.face.numGlyphs
    shared = next((i for i, (aw, _) in enumerate(stock_h) if isinstance(aw, float)), len(stock_h))
    assert ours_h[:shared] == stock_h[:shared]
    assert [lsb for _, lsb in ours_h[shared:]] == [lsb for _, lsb in stock_h[shared:]]
    assert all(aw == ours_h[shared - 1][0] for aw, _ in ours_h[shared:])
    # The font object itself: the same attributes (shaping stays off: we lay text out ourselves).
    assert set(vars(ours)) == set(vars(stock))
    assert type(ours.encoding) is type(stock.encoding) and ours._asciiReadable == stock._asciiReadable
    text = "Zażółć gęślą jaźń \u00a0 Product Manager"
    assert ours.stringWidth(text, 10) == pytest.approx(stock.stringWidth(text, 10))
