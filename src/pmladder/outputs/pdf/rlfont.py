"""ReportLab TrueType fonts whose character map and metrics come from our own font reader.

ReportLab's TTFont reads a font's cmap, hmtx and loca tables one number at a time in Python:
about 9 ms for DejaVu Sans, paid for regular and bold in every `pmladder pdf` run, a tenth
of the whole handout. Those tables are already parsed by _ttf for layout; here ReportLab
reads only its small header tables (names, flags, bounding box) and takes the rest from
ours, read in bulk. tests/test_fonts_rl.py checks every attribute against ReportLab's own
parse, so a ReportLab release that changes them fails loudly instead of printing wrongly.
"""

from __future__ import annotations

import struct
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from ...text.fonts import Face
from ...text.truetype import read_numbers


class QuickFace(TTFontFace):
    """TTFontFace with cmap, hmtx and loca taken from `face.file` and read in bulk."""

    def __init__(self, face: Face):
        self._ours = face.file
        super().__init__(face.path, subfontIndex=face.index)

    def extractInfo(self, charInfo=1):
        super().extractInfo(charInfo=0)  # names, head, OS/2, post, hhea, maxp: ReportLab's own
        if not charInfo:
            return
        data = self._ttf_data
        head = self.get_table_pos("head")[0]
        hhea = self.get_table_pos("hhea")[0]
        hmtx = self.get_table_pos("hmtx")[0]
        loca = self.get_table_pos("loca")[0]
        long_loca = struct.unpack_from(">h", data, head + 50)[0] == 1
        count = struct.unpack_from(">H", data, hhea + 34)[0]
        glyphs = self.numGlyphs
        pairs = read_numbers("H", data, hmtx, 2 * count)
        advances, bearings = pairs[0::2], pairs[1::2]
        more = read_numbers("H", data, hmtx + 4 * count, max(0, glyphs - count))  # bearings only
        self.hmetrics = [*zip(advances, bearings), *((advances[-1], lsb) for lsb in more)]
        scale = 1000 / self.unitsPerEm
        widths = [aw * scale for aw, _ in self.hmetrics]
        self.defaultWidth = widths[0]
        self.charToGlyph = dict(self._ours.glyphs)
        self.charWidths = {code: widths[g] for code, g in self.charToGlyph.items() if g < glyphs}
        if long_loca:
            self.glyphPos = list(read_numbers("L", data, loca, glyphs + 1))
        else:
            self.glyphPos = [offset << 1 for offset in read_numbers("H", data, loca, glyphs + 1)]
        for have, want in ((0x20, 0xA0), (0xA0, 0x20)):  # as ReportLab: no-break space = space
            if have in self.charToGlyph:
                self.charToGlyph[want] = self.charToGlyph[have]
                self.charWidths[want] = self.charWidths.get(have, self.defaultWidth)
                break


class QuickFont(TTFont):
    """TTFont(name, path) built on a QuickFace. TTFont.__init__ names its face class, so its
    few assignments are repeated here (the test compares the attributes with TTFont's)."""

    def __init__(self, name: str, face: Face):
        self.fontName = name
        self.face = QuickFace(face)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = False  # we lay text out ourselves, character by character

