"""Just enough of TrueType to measure text and tell which characters a font covers.

Layout wraps text with these metrics, so the PDF and chart painters break lines at the same
places. A dedicated reader costs ~3 ms per font; fontTools or ReportLab's TTFont cost 60-85 ms
to import and parse, which the light commands and the chart path should not pay.
"""

from __future__ import annotations

import struct
import sys
from array import array
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from ..load.files import FONT_BYTES, UnreadableFile, read_regular

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
            spans = _best_cmap(data, tables["cmap"][0])
            glyph_count = struct.unpack_from(">H", data, tables["maxp"][0] + 4)[0]
            # Codes that name a glyph the font lacks are left out: ReportLab fails on them.
            self._cmap = CharMap([(start, min(end, start + glyph_count - 1 - glyph), glyph)
                                  for start, end, glyph in spans if glyph < glyph_count])
            self._widths = _Widths(self)
            self._covered: set[str] = set()  # characters looked up and found, and not found
            self._lacking: set[str] = set()
        except UnreadableFile as exc:
            raise FontFileError(str(exc)) from None
        except KeyError as exc:
            raise FontFileError(f"{path}: not a readable TrueType font (it has no '{exc.args[0]}' table)") from None
        except (struct.error, IndexError):  # Python's words ("unpack_from requires a buffer...") mean this
            raise FontFileError(f"{path}: not a readable TrueType font (damaged, or not a font)") from None
        except (OSError, ValueError, FontFileError) as exc:
            raise FontFileError(f"{path}: not a readable TrueType font ({exc})") from None

    @property
    def embeddable(self) -> bool:
        """ReportLab embeds TrueType outlines only, not CFF (OpenType/PostScript) ones."""
        return self.outlines == "glyf"

    @property
    def cmap(self) -> CharMap:
        """Character code -> glyph index (the font's Unicode cmap), kept as ranges."""
        return self._cmap

    def covers(self, char: str) -> bool:
        return ord(char) in self._cmap

    def covers_all(self, text: str) -> bool:
        """Whether the font has every character of `text`. Characters are looked up once and
        remembered, so the usual answer is a set test in C (wrapping asks for every word)."""
        covered = self._covered
        if covered.issuperset(text):
            return True
        if not self._lacking.isdisjoint(text):
            return False
        for char in set(text).difference(covered):
            if ord(char) not in self._cmap:
                self._lacking.add(char)
                return False
            covered.add(char)
        return True

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


def _best_cmap(data: bytes, cmap: int) -> list[tuple[int, int, int]]:
    """The Unicode cmap subtable (format 12 preferred, else 4) as (first code, last code,
    first glyph) ranges.

    Every subtable that maps by ranges (formats 4, 12 and 13) is checked first, not only the one
    read here: ReportLab, which embeds the font in PDFs, reads whichever Unicode subtable comes
    last and expands it code by code, so an overlapping or out-of-Unicode one would hang it."""
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    candidates = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, cmap + offset)[0]
        if fmt == 4:
            _format4_segments(data, cmap + offset)
        elif fmt in (12, 13):
            _groups(data, cmap + offset)
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)) and fmt == 12:
            candidates.setdefault(12, cmap + offset)
        elif (platform, encoding) in ((3, 1), (0, 3), (0, 1), (0, 0)) and fmt == 4:
            candidates.setdefault(4, cmap + offset)
    if 12 in candidates:
        return _groups(data, candidates[12])
    if 4 in candidates:
        return _format4(data, candidates[4])
    raise FontFileError("no Unicode character map")


def _without_overlaps(spans: list[tuple[int, int, int]], last: int) -> list[tuple[int, int, int]]:
    """(start, end, glyph) spans sorted by start, refused if two overlap or one passes `last`:
    the format requires neither, and a font that did could make any reader walk 2**32 codes."""
    spans.sort()
    previous_end = -1
    for start, end, _ in spans:
        if end > last:
            raise FontFileError(f"its character map has codes past U+{last:04X}")
        if start <= previous_end:
            raise FontFileError(f"its character map has overlapping ranges (at U+{start:04X})")
        previous_end = end
    return spans


def _format4_segments(data: bytes, at: int) -> tuple[list[tuple[int, int, int]], int]:
    """The segments (start, end, index) of a format 4 subtable, checked, and where its
    idRangeOffset array starts."""
    seg_count = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{seg_count}H", data, at + 14)
    starts_at = at + 16 + 2 * seg_count
    starts = struct.unpack_from(f">{seg_count}H", data, starts_at)
    spans = [(start, end, seg) for seg, (start, end) in enumerate(zip(starts, ends)) if start <= end]
    return _without_overlaps(spans, 0xFFFF), starts_at + 4 * seg_count


def _format4(data: bytes, at: int) -> list[tuple[int, int, int]]:
    """Runs (first code, last code, first glyph) of a format 4 subtable. Segments map by a delta
    (a run, split where the glyph number wraps) or through a glyph array (read code by code:
    at most 65,535 codes, since the segments do not overlap)."""
    segments, range_at = _format4_segments(data, at)
    seg_count = (range_at - at - 16) // 6
    deltas = struct.unpack_from(f">{seg_count}h", data, range_at - 2 * seg_count)
    range_offsets = struct.unpack_from(f">{seg_count}H", data, range_at)
    runs = _Runs()
    for start, end, seg in segments:
        end = min(end, 0xFFFE)  # U+FFFF is the table's end marker, never a character
        delta, range_offset = deltas[seg], range_offsets[seg]
        if range_offset == 0:
            code = start
            while code <= end:
                glyph = (code + delta) & 0xFFFF
                if glyph == 0:  # glyph 0 draws "missing": the code is not covered
                    code += 1
                    continue
                last = min(end, code + 0xFFFF - glyph)  # where the glyph number wraps to 0
                runs.add(code, last, glyph)
                code = last + 1
        else:
            base = range_at + 2 * seg + range_offset
            glyphs = struct.unpack_from(f">{end - start + 1}H", data, base)
            for code, glyph in zip(range(start, end + 1), glyphs):
                if glyph and (glyph + delta) & 0xFFFF:
                    runs.add(code, code, (glyph + delta) & 0xFFFF)
    return runs.spans


def _groups(data: bytes, at: int) -> list[tuple[int, int, int]]:
    """The groups (first code, last code, first glyph) of a format 12 or 13 subtable, checked.
    They are kept as ranges: a font may cover all of Unicode in a few bytes."""
    count = struct.unpack_from(">I", data, at + 12)[0]
    if 16 + 12 * count > len(data) - at:
        raise FontFileError(f"its character map claims {count:,} groups")
    numbers = read_numbers("L", data, at + 16, 3 * count)
    spans = [(numbers[i], numbers[i + 1], numbers[i + 2]) for i in range(0, 3 * count, 3)]
    return _without_overlaps([span for span in spans if span[0] <= span[1]], _LAST_CODE_POINT)


class _Runs:
    """Collects (first code, last code, first glyph) runs in code order, joining a run to the
    one before when codes and glyphs both continue it."""

    def __init__(self):
        self.spans: list[tuple[int, int, int]] = []

    def add(self, first: int, last: int, glyph: int) -> None:
        if self.spans:
            start, end, first_glyph = self.spans[-1]
            if end + 1 == first and first_glyph + first - start == glyph:
                self.spans[-1] = (start, last, first_glyph)
                return
        self.spans.append((first, last, glyph))


class CharMap:
    """Character code -> glyph index, as sorted ranges of consecutive codes drawn by
    consecutive glyphs: memory grows with the font's ranges, not the characters they cover."""

    __slots__ = ("_starts", "_ends", "_glyphs")

    def __init__(self, spans: list[tuple[int, int, int]]):
        self._starts = array("I", (span[0] for span in spans))
        self._ends = array("I", (span[1] for span in spans))
        self._glyphs = array("I", (span[2] for span in spans))

    def get(self, code: int) -> int | None:
        at = bisect_right(self._starts, code) - 1
        if at < 0 or code > self._ends[at]:
            return None
        return self._glyphs[at] + code - self._starts[at]

    def __contains__(self, code: int) -> bool:
        at = bisect_right(self._starts, code) - 1
        return at >= 0 and code <= self._ends[at]

    def __len__(self) -> int:
        """How many characters are mapped."""
        return sum(self._ends) - sum(self._starts) + len(self._starts)

    @property
    def ranges(self) -> tuple[tuple[int, int, int], ...]:
        """(first code, last code, glyph of the first code), in code order."""
        return tuple(zip(self._starts, self._ends, self._glyphs))


@lru_cache(maxsize=32)
def open_font(path: str, index: int = 0) -> FontFile:
    return FontFile(path, index)
