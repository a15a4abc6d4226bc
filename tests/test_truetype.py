"""The TrueType reader (text.truetype) against fontTools' parse of the same files.

Layout measures every word with this reader, so a wrong advance width or a missed character
moves line breaks and font fallback in every output. fontTools (installed with matplotlib) is
the reference here only; the package itself never imports it.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

from pmladder.errors import RenderError, StyleError
from pmladder.load.style import load_style
from pmladder.resources import DEJAVU_FILES, dejavu_dir
from pmladder.text.fonts import resolve_font
from pmladder.text.truetype import FontFile, FontFileError

DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
FONTS = [pytest.param(dejavu_dir() / name, id=name) for name in sorted(set(DEJAVU_FILES.values()))] + [
    pytest.param(DROID, id=DROID.name, marks=pytest.mark.skipif(not DROID.exists(), reason="no Droid Sans Fallback"))]
SANS, BOLD = dejavu_dir() / "DejaVuSans.ttf", dejavu_dir() / "DejaVuSans-Bold.ttf"


def reference_cmap(font: TTFont) -> dict[int, int]:
    """fontTools' best Unicode cmap as code point -> glyph index."""
    order = {name: index for index, name in enumerate(font.getGlyphOrder())}
    return {code: order[name] for code, name in font.getBestCmap().items()}


def expanded(ours: FontFile) -> dict[int, int]:
    """Our cmap's ranges as code point -> glyph index (the package itself never expands them)."""
    return {code: glyph + code - start for start, end, glyph in ours.cmap.ranges for code in range(start, end + 1)}


def assert_reads_like_fonttools(ours: FontFile, theirs: TTFont) -> None:
    cmap = reference_cmap(theirs)
    assert expanded(ours) == cmap
    assert len(ours.cmap) == len(cmap) and all(ours.cmap.get(code) == glyph for code, glyph in cmap.items())
    assert ours.covers_all("".join(map(chr, cmap))) and ours.covers_all("".join(map(chr, cmap)))  # asked, remembered
    assert not ours.covers_all("".join(map(chr, cmap)) + "\U0010fffd")
    units = theirs["head"].unitsPerEm
    assert ours.units_per_em == units
    assert (ours.ascent, ours.descent) == (theirs["hhea"].ascent, theirs["hhea"].descent)
    names, metrics = theirs.getBestCmap(), theirs["hmtx"].metrics
    assert {code: ours.char_width(chr(code)) for code in cmap} == {
        code: metrics[names[code]][0] / units for code in cmap}


@pytest.mark.parametrize("path", FONTS)
def test_character_map_and_metrics_are_the_fonts_own(path):
    with TTFont(path, lazy=True) as theirs:
        assert_reads_like_fonttools(FontFile(path), theirs)


@pytest.mark.parametrize("path", FONTS)
def test_text_is_measured_character_by_character(path):
    ours = FontFile(path)
    with TTFont(path, lazy=True) as theirs:
        names, metrics, units = theirs.getBestCmap(), theirs["hmtx"].metrics, theirs["head"].unitsPerEm
        embeddable = "glyf" in theirs
    text = "".join(chr(code) for code in sorted(names)[::97])  # a spread over everything it covers
    assert ours.text_width(text) == pytest.approx(sum(metrics[names[ord(c)]][0] for c in text) / units)
    assert ours.text_width(text + text) == pytest.approx(2 * ours.text_width(text))  # remembered widths agree
    assert ours.covers(text[0]) and not ours.covers("\U0010fffd")
    assert ours.char_width("\U0010fffd") == 0.6  # a character the font lacks: a fixed guess, not an error
    assert ours.embeddable == embeddable


def test_a_font_with_only_a_bmp_character_map_reads_through_format_4(tmp_path):
    """DejaVu carries formats 4 and 12; fonts with only format 4 (segments with glyph arrays
    and with deltas) must read the same characters, minus those beyond the BMP."""
    with TTFont(SANS) as font:
        font["cmap"].tables = [table for table in font["cmap"].tables if table.format == 4]
        font.save(tmp_path / "bmp.ttf")
    with TTFont(tmp_path / "bmp.ttf", lazy=True) as saved:
        assert {table.format for table in saved["cmap"].tables} == {4}
        assert_reads_like_fonttools(FontFile(tmp_path / "bmp.ttf"), saved)
    assert len(FontFile(tmp_path / "bmp.ttf").cmap) > 5000


def test_a_format_4_map_whose_glyphs_are_out_of_code_order_reads_through_its_glyph_array(tmp_path):
    """A to Z drawn by glyphs 26 down to 1: no delta fits a segment, so format 4 lists them."""
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 700))
    pen.lineTo((400, 0))
    pen.closePath()
    letters = [f"letter{i}" for i in range(26)]
    order = [".notdef", *reversed(letters)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({ord("A") + i: name for i, name in enumerate(letters)})
    builder.setupGlyf({name: pen.glyph() for name in order})
    builder.setupHorizontalMetrics({name: (300 + 10 * i, 0) for i, name in enumerate(order)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Falling", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(tmp_path / "falling.ttf")
    assert glyph_array_segments(tmp_path / "falling.ttf") > 0
    with TTFont(tmp_path / "falling.ttf", lazy=True) as theirs:
        assert_reads_like_fonttools(FontFile(tmp_path / "falling.ttf"), theirs)
    assert FontFile(tmp_path / "falling.ttf").cmap.get(ord("Z")) == 1


def glyph_array_segments(path: Path) -> int:
    """How many segments of the font's format 4 subtables map through a glyph array
    (idRangeOffset != 0) rather than a delta: read raw, so the test knows it covers them."""
    data = path.read_bytes()
    tables = struct.unpack_from(">H", data, 4)[0]
    cmap = next(offset for tag, _, offset, _ in (struct.unpack_from(">4sIII", data, 12 + 16 * i) for i in range(tables))
                if tag == b"cmap")
    count = 0
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        at = cmap + struct.unpack_from(">I", data, cmap + 8 + 8 * i)[0]
        if struct.unpack_from(">H", data, at)[0] == 4:
            segments = struct.unpack_from(">H", data, at + 6)[0] // 2
            count += sum(1 for offset in struct.unpack_from(f">{segments}H", data, at + 16 + 6 * segments) if offset)
    return count


def test_one_face_of_a_collection_is_read_by_its_index(tmp_path):
    with TTCollection() as collection:
        collection.fonts = [TTFont(SANS), TTFont(BOLD)]
        collection.save(tmp_path / "pair.ttc")
    for index in (0, 1):
        with TTFont(tmp_path / "pair.ttc", fontNumber=index, lazy=True) as theirs:
            assert_reads_like_fonttools(FontFile(tmp_path / "pair.ttc", index), theirs)
    assert FontFile(tmp_path / "pair.ttc", 1).char_width("W") == FontFile(BOLD).char_width("W")
    with pytest.raises(FontFileError, match="font collection has 2 faces, not 3"):
        FontFile(tmp_path / "pair.ttc", 2)


def test_a_font_without_a_unicode_character_map_is_refused(tmp_path):
    with TTFont(SANS) as font:
        font["cmap"].tables = [table for table in font["cmap"].tables if table.platformID == 1]  # Mac Roman only
        font.save(tmp_path / "mac.ttf")
    with pytest.raises(FontFileError, match="no Unicode character map"):
        FontFile(tmp_path / "mac.ttf")


def test_a_file_that_is_not_a_font_is_refused(tmp_path):
    (tmp_path / "notes.ttf").write_bytes(b"just some text, not a font\n" * 10)
    with pytest.raises(FontFileError, match="not a readable TrueType font"):
        FontFile(tmp_path / "notes.ttf")


def test_postscript_outlines_are_measured_but_not_embedded(tmp_path):
    """An OpenType font with CFF outlines: its metrics read, but a style may not use it,
    because the PDF could not embed it."""
    pen = T2CharStringPen(500, None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 700))
    pen.lineTo((400, 0))
    pen.closePath()
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({ord("A"): "A"})
    builder.setupCFF("Sketch", {"FullName": "Sketch"}, {".notdef": pen.getCharString(), "A": pen.getCharString()}, {})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (640, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Sketch", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(tmp_path / "sketch.otf")
    ours = FontFile(tmp_path / "sketch.otf")
    assert not ours.embeddable
    assert (ours.cmap.ranges, ours.char_width("A")) == (((ord("A"), ord("A"), 1),), 0.64)
    with pytest.raises(RenderError, match="PostScript \\(CFF\\) outlines"):
        resolve_font(str(tmp_path / "sketch.otf"))
    (tmp_path / "style.yaml").write_text("fonts:\n  body: sketch.otf\n", encoding="utf-8")
    with pytest.raises(StyleError) as info:  # a style naming it is refused at its line
        load_style(tmp_path / "style.yaml")
    assert info.value.lines == [f"{tmp_path / 'style.yaml'}:2: fonts.body: {tmp_path / 'sketch.otf'}: has PostScript "
                                "(CFF) outlines, which PDFs here cannot embed; use a TrueType font"]
