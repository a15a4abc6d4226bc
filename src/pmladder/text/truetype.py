"""Just enough of TrueType to measure text and tell which characters a font covers.

Layout wraps text with these metrics, so the PDF and chart painters break lines at the same
places. A dedicated reader costs ~3 ms per font; fontTools or ReportLab's TTFont cost 60-85 ms
to import and parse, which the light commands and the chart path should not pay.
"""

from __future__ import annotations

import struct
import sys
from array import array
from functools import cached_property, lru_cache
from pathlib import Path

from ..load.files import FONT_BYTES, UnreadableFile, read_regular

MAX_CHARS = 200_000  # characters one font may map: all of Unicode's assigned ones fit
_LAST_CODE_POINT = 0x10FFFF


class FontFileError(Exception):
    """A file is not a TrueType font we can measure."""


class FontFile:
    """A TrueType font (.ttf, or one face of a .ttc): advance widths and character coverage."""

    def __init__(self, path: str | Path, index: int = 0):
        self.path = str(path)
        self.index = index
        try:
            data = read_regular(path, FONT_BYTES)
            tables = _table_directory(data, index)
            self.outlines = "glyf" if "glyf" in tables else "CFF"
            self.units_per_em = struct.unpack_from(">H", data, tables["head"][0] + 18)[0]
            hhea = tables["hhea"][0]
            self.ascent, self.descent = struct.unpack_from(">hh", data, hhea + 4)
            count = struct.unpack_from(">H", data, hhea + 34)[0]
            self._advances = read_numbers("H", data, tables["hmtx"][0], 2 * count)[0::2]  # (advance, bearing) pairs
            self._cmap = _best_cmap(data, tables["cmap"][0])
            self._widths = _Widths(self)
        except UnreadableFile as exc:
            raise FontFileError(str(exc)) from None
        except (OSError, KeyError, struct.error, IndexError, ValueError, FontFileError) as exc:
            raise FontFileError(f"{path}: not a readable TrueType font ({exc})") from None

    @property
    def embeddable(self) -> bool:
        """ReportLab embeds TrueType outlines only, not CFF (OpenType/PostScript) ones."""
        return self.outlines == "glyf"

    @property
    def glyphs(self) -> dict[int, int]:
        """Character code -> glyph index (the font's Unicode cmap)."""
        return self._cmap

    def covers(self, char: str) -> bool:
        return ord(char) in self._cmap

    @cached_property
    def chars(self) -> frozenset[str]:
        """Every character the font has, for a fast "does it cover all of this text" test."""
        return frozenset(map(chr, self._cmap))

    def text_width(self, text: str) -> float:
        """Advance width of `text` in em, characters measured once and remembered."""
        return sum(map(self._widths.__getitem__, text))  # a loop in C: wrapping measures a lot

    def char_width(self, char: str) -> float:
        """Advance width in em (1.0 = the font size); missing characters count as 0.6 em."""
        glyph = self._cmap.get(ord(char))
        if glyph is None:
            return 0.6
        advances = self._advances
        width = advances[glyph] if glyph < len(advances) else advances[-1]
        return width / self.units_per_em


class _Widths(dict):
    """Character -> advance width in em, looked up in the font the first time it is asked for."""

    def __init__(self, font: FontFile):
        super().__init__()
        self.font = font

    def __missing__(self, char: str) -> float:
        width = self[char] = self.font.char_width(char)
        return width


def read_numbers(code: str, data: bytes, at: int, count: int) -> array:
    """`count` big-endian unsigned numbers (H: 16-bit, L: 32-bit) from `data` at `at`, in bulk."""
    numbers = array("I" if code == "L" else "H")
    if numbers.itemsize != (4 if code == "L" else 2):  # pragma: no cover - every CPython platform has these
        raise FontFileError("unsupported platform")
    numbers.frombytes(data[at : at + numbers.itemsize * count])
    if sys.byteorder == "little":
        numbers.byteswap()
    return numbers


def _table_directory(data: bytes, index: int) -> dict[str, tuple[int, int]]:
    start = 0
    if data[:4] == b"ttcf":
        count = struct.unpack_from(">I", data, 8)[0]
        if index >= count:
            raise FontFileError(f"font collection has {count} faces, not {index + 1}")
        start = struct.unpack_from(">I", data, 12 + 4 * index)[0]
    num_tables = struct.unpack_from(">H", data, start + 4)[0]
    tables = {}
    for i in range(num_tables):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, start + 12 + 16 * i)
        tables[tag.decode("latin-1")] = (offset, length)
    return tables


def _best_cmap(data: bytes, cmap: int) -> dict[int, int]:
    """Code point -> glyph id from the Unicode cmap subtable (format 12 preferred, else 4)."""
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    candidates = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, cmap + offset)[0]
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)) and fmt == 12:
            candidates.setdefault(12, cmap + offset)
        elif (platform, encoding) in ((3, 1), (0, 3), (0, 1), (0, 0)) and fmt == 4:
            candidates.setdefault(4, cmap + offset)
    if 12 in candidates:
        return _format12(data, candidates[12])
    if 4 in candidates:
        return _format4(data, candidates[4])
    raise FontFileError("no Unicode character map")


def _format4(data: bytes, at: int) -> dict[int, int]:
    seg_count = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{seg_count}H", data, at + 14)
    starts_at = at + 16 + 2 * seg_count
    starts = struct.unpack_from(f">{seg_count}H", data, starts_at)
    deltas = struct.unpack_from(f">{seg_count}h", data, starts_at + 2 * seg_count)
    range_at = starts_at + 4 * seg_count
    ranges = struct.unpack_from(f">{seg_count}H", data, range_at)
    result: dict[int, int] = {}
    for seg in range(seg_count):
        start, end, delta, range_offset = starts[seg], ends[seg], deltas[seg], ranges[seg]
        if start == 0xFFFF:
            continue
        if range_offset == 0:
            for code in range(start, end + 1):
                result[code] = (code + delta) & 0xFFFF
        else:
            base = range_at + 2 * seg + range_offset
            glyphs = struct.unpack_from(f">{end - start + 1}H", data, base)
            for code, glyph in zip(range(start, end + 1), glyphs):
                if glyph:
                    result[code] = (glyph + delta) & 0xFFFF
    result.pop(0xFFFF, None)
    return {code: glyph for code, glyph in result.items() if glyph}


def _format12(data: bytes, at: int) -> dict[int, int]:
    """Groups of consecutive code points, counted before they are expanded: a 232-byte font
    whose one group spans 0..0xFFFFFFFF would otherwise grow into a dict of 7.7 GB."""
    count = struct.unpack_from(">I", data, at + 12)[0]
    groups = []
    total = 0
    for i in range(count):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        end = min(end, _LAST_CODE_POINT)  # nothing above Unicode's last code point can be text
        if start <= end:
            groups.append((start, end, glyph))
            total += end - start + 1
            if total > MAX_CHARS:
                raise FontFileError(f"its character map has more than {MAX_CHARS:,} characters")
    result: dict[int, int] = {}
    for start, end, glyph in groups:
        result.update(zip(range(start, end + 1), range(glyph, glyph + end - start + 1)))
    return result


@lru_cache(maxsize=32)
def open_font(path: str, index: int = 0) -> FontFile:
    return FontFile(path, index)
