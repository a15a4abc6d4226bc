"""Input files and style assets are bounded: only regular files are read, each kind up to a size,
and fonts, logos and style numbers are checked before anything expands them.

Each case below hung, exhausted memory or ended in "internal error" before (issue 18); the
comment above each says what it did.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import tracemalloc
import zlib
from pathlib import Path

import pytest

from conftest import ROOT
from pmladder import PacketError, StyleError, load_ladder, load_style, render_pdf
from pmladder.load import images
from pmladder.load.files import FONT_BYTES, IMAGE_BYTES, UnreadableFile, read_regular
from pmladder.load.style import MAX_EXTENDS, NUMBER_RANGES
from pmladder.resources import dejavu_dir
from pmladder.text.truetype import FontFile, FontFileError

LOGO = ROOT / "styles" / "brand-example" / "logo.png"


def style_errors(path) -> list[str]:
    with pytest.raises(StyleError) as info:
        load_style(path)
    return info.value.lines


def pmladder(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The CLI in its own process, killed after 30 s: a hang fails the test instead of the suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONUTF8": "1"}
    return subprocess.run([sys.executable, "-m", "pmladder", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=30, stdin=subprocess.DEVNULL)


def png(width: int, height: int, *, idat: bytes | None = None, colour: int = 0) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    channels = {0: 1, 2: 3}[colour]
    if idat is None:
        idat = zlib.compress((b"\0" + b"\x80" * width * channels) * height)
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def svg(elements: int, size: str = "100") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}">'
            + '<rect x="1" y="1" width="2" height="2"/>' * (elements - 1) + "</svg>")


def logo_style(tmp_path: Path, name: str, data: bytes | str) -> Path:
    logo = tmp_path / name
    logo.write_bytes(data.encode() if isinstance(data, str) else data)
    style = tmp_path / "team.yaml"
    style.write_text(f"logo:\n  file: {name}\n", encoding="utf-8")
    return style


@pytest.fixture
def fifo(tmp_path):
    def make(name: str) -> Path:
        path = tmp_path / name
        os.mkfifo(path)
        return path
    return make


class TestOnlyRegularFiles:
    """Before, each of these blocked forever (FIFO) or read until memory ran out (/dev/zero)."""

    def test_a_fifo_as_the_ladder(self, fifo, tmp_path):
        fifo("team.yaml")
        run = pmladder("validate", "team.yaml", cwd=tmp_path)
        assert (run.returncode, run.stderr) == (1, "Error: team.yaml: is a named pipe (FIFO), not a regular file\n")

    def test_a_fifo_as_the_style(self, fifo, tmp_path):
        fifo("team.yaml")
        assert style_errors(tmp_path / "team.yaml") == [f"{tmp_path / 'team.yaml'}: is a named pipe (FIFO), not a regular file"]

    def test_a_fifo_as_the_logo(self, fifo, tmp_path):
        fifo("logo.png")
        (tmp_path / "team.yaml").write_text("logo:\n  file: logo.png\n", encoding="utf-8")
        assert style_errors(tmp_path / "team.yaml") == [
            f"{tmp_path / 'team.yaml'}:2: logo.file: {tmp_path / 'logo.png'}: is a named pipe (FIFO), not a regular file"]

    def test_a_fifo_as_a_font(self, fifo, tmp_path):
        fifo("brand.ttf")
        (tmp_path / "team.yaml").write_text("fonts:\n  body: brand.ttf\n", encoding="utf-8")
        assert style_errors(tmp_path / "team.yaml") == [
            f"{tmp_path / 'team.yaml'}:2: fonts.body: font file {tmp_path / 'brand.ttf'}: "
            "is a named pipe (FIFO), not a regular file"]
        with pytest.raises(FontFileError, match="is a named pipe"):
            FontFile(tmp_path / "brand.ttf")  # fonts found by name are read through the same check

    def test_a_fifo_or_a_device_to_prepend(self, fifo, tmp_path):
        fifo("welcome.pdf")
        for path, kind in ((tmp_path / "welcome.pdf", "is a named pipe (FIFO)"), (Path("/dev/zero"), "is a device")):
            with pytest.raises(PacketError) as info:
                render_pdf(None, roles=["pm"], prepend=[path])
            assert str(info.value) == f"{path}: {kind}, not a regular file"

    def test_the_cli_refuses_a_device_to_prepend_before_reading_it(self, tmp_path):
        run = pmladder("pdf", "--prepend", "/dev/zero", "-o", "out.pdf", cwd=tmp_path)
        assert (run.returncode, run.stderr) == (1, "Error: /dev/zero: is a device, not a regular file\n")
        assert not (tmp_path / "out.pdf").exists()

    def test_a_folder(self, tmp_path):
        with pytest.raises(UnreadableFile, match="is a folder, not a file"):
            read_regular(tmp_path, 100)


class TestSizes:
    """A sparse file claims gigabytes it does not hold on disk; before, it was read whole."""

    @pytest.fixture
    def sparse(self, tmp_path):
        def make(name: str, size: int) -> Path:
            path = tmp_path / name
            with open(path, "wb") as handle:
                handle.truncate(size)
            return path
        return make

    def test_a_sparse_font(self, sparse, tmp_path):
        sparse("brand.ttf", 3 * 2**30)
        (tmp_path / "team.yaml").write_text("fonts:\n  body: brand.ttf\n", encoding="utf-8")
        assert style_errors(tmp_path / "team.yaml") == [
            f"{tmp_path / 'team.yaml'}:2: fonts.body: font file {tmp_path / 'brand.ttf'}: "
            f"file is 3,221,225,472 bytes; the limit is {FONT_BYTES:,} bytes"]

    def test_a_sparse_logo(self, sparse, tmp_path):
        sparse("logo.png", 3 * 2**30)
        (tmp_path / "team.yaml").write_text("logo:\n  file: logo.png\n", encoding="utf-8")
        assert style_errors(tmp_path / "team.yaml") == [
            f"{tmp_path / 'team.yaml'}:2: logo.file: {tmp_path / 'logo.png'}: "
            f"file is 3,221,225,472 bytes; the limit is {IMAGE_BYTES:,} bytes"]

    def test_a_sparse_ladder(self, sparse):
        path = sparse("team.yaml", 3 * 2**30)
        with pytest.raises(Exception, match="file is 3,221,225,472 bytes; the limit is 5,242,880 bytes"):
            load_ladder(path)

    def test_limit_edge(self, tmp_path):
        path = tmp_path / "f"
        path.write_bytes(b"x" * 100)
        assert read_regular(path, 100) == b"x" * 100
        with pytest.raises(UnreadableFile, match="file is 100 bytes; the limit is 99 bytes"):
            read_regular(path, 99)


def format12_subtable(groups: list[tuple[int, int, int]], fmt: int = 12) -> bytes:
    return (struct.pack(">HHIII", fmt, 0, 16 + 12 * len(groups), 0, len(groups))
            + b"".join(struct.pack(">III", *group) for group in groups))


def format4_subtable(segments: list[tuple[int, int, int]]) -> bytes:
    """Segments (first, last, delta) that map by a delta, and the table's end marker."""
    segments = [*segments, (0xFFFF, 0xFFFF, 1)]
    count = len(segments)
    body = struct.pack(f">{count}H", *(end for _, end, _ in segments)) + b"\0\0"
    body += struct.pack(f">{count}H", *(start for start, _, _ in segments))
    body += struct.pack(f">{count}h", *(delta for _, _, delta in segments)) + b"\0\0" * count
    return struct.pack(">HHHHHHH", 4, min(14 + len(body), 0xFFFF), 0, 2 * count, 0, 0, 0) + body


def cmap_table(*subtables: tuple[int, int, bytes]) -> bytes:
    """A cmap table of (platform, encoding, subtable) records."""
    records, body = b"", b""
    for platform, encoding, subtable in subtables:
        records += struct.pack(">HHI", platform, encoding, 4 + 8 * len(subtables) + len(body))
        body += subtable
    return struct.pack(">HH", 0, len(subtables)) + records + body


def sfnt(tables: list[tuple[bytes, bytes]]) -> bytes:
    out = struct.pack(">IHHHH", 0x00010000, len(tables), 16, 0, 0)
    at, body = 12 + 16 * len(tables), b""
    for tag, data in tables:
        data += b"\0" * (-len(data) % 4)
        out += struct.pack(">4sIII", tag, 0, at + len(body), len(data))
        body += data
    return out + body


def format12_font(groups: list[tuple[int, int, int]], glyphs: int = 0xFFFF) -> bytes:
    """A minimal TrueType file whose Unicode cmap is one format-12 subtable with these groups."""
    head = b"\0" * 18 + struct.pack(">H", 1000) + b"\0" * 34
    hhea = b"\0" * 4 + struct.pack(">hh", 800, -200) + b"\0" * 26 + struct.pack(">H", 1)
    maxp = struct.pack(">IH", 0x5000, glyphs)
    return sfnt([(b"cmap", cmap_table((3, 10, format12_subtable(groups)))), (b"glyf", b""), (b"head", head),
                 (b"hhea", hhea), (b"hmtx", struct.pack(">Hh", 500, 0)), (b"maxp", maxp)])


def dejavu_with_cmap(cmap: bytes) -> bytes:
    """DejaVu Sans with its cmap table replaced: a font ReportLab and matplotlib can draw with."""
    data = (dejavu_dir() / "DejaVuSans.ttf").read_bytes()
    count = struct.unpack_from(">H", data, 4)[0]
    entries = [struct.unpack_from(">4sIII", data, 12 + 16 * i) for i in range(count)]
    return sfnt([(tag, cmap if tag == b"cmap" else data[at : at + length]) for tag, _, at, length in entries])


def font_style(tmp_path: Path, font: bytes) -> Path:
    (tmp_path / "brand.ttf").write_bytes(font)
    style = tmp_path / "brand.yaml"
    style.write_text("fonts:\n  body: brand.ttf\n", encoding="utf-8")
    return style


class TestFontCharacterMaps:
    """Character maps are kept as ranges, so a font covering all of Unicode costs a few bytes;
    ranges that overlap or pass U+10FFFF are refused, because ReportLab expands the subtable it
    reads code by code."""

    def test_a_cmap_spanning_every_code_is_refused_before_it_is_expanded(self, tmp_path):
        """Before: a 228-byte font grew to 7.7 GB (MemoryError, 'internal error')."""
        path = tmp_path / "bomb.ttf"
        path.write_bytes(format12_font([(0, 0xFFFFFFFF, 0)]))
        with pytest.raises(FontFileError) as info:
            FontFile(path)
        assert str(info.value) == f"{path}: not a readable TrueType font (its character map has codes past U+10FFFF)"

    def test_a_font_covering_all_of_unicode_is_read_as_ranges(self, tmp_path):
        """Before: refused, as having more than 200,000 characters, though every code is real.
        Glyph numbers are 16-bit, so the groups reuse glyphs 1 to 65,534: 17 groups, 236 bytes."""
        groups = [(start, min(start + 0xFFFD, 0x10FFFF), 1) for start in range(0x20, 0x110000, 0xFFFE)]
        path = tmp_path / "everything.ttf"
        path.write_bytes(format12_font(groups, glyphs=0xFFFF))
        tracemalloc.start()
        font = FontFile(path)
        assert font.covers_all("A \u00e9\u4e2d\U0001f3c6\U0010ffff") and not font.covers("\x1f")
        kept = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        assert kept < 100_000  # a dict of every code would keep over 100 MB
        assert font.cmap.ranges == tuple(groups)
        assert len(font.cmap) == 0x110000 - 0x20
        assert font.cmap.get(0x10FFFF) == 1 + (0x10FFFF - groups[-1][0])

    def test_codes_past_unicode_are_refused(self, tmp_path):
        """Before: dropped by our reader, then expanded by ReportLab: `pdf` reached 13 GB in a minute."""
        style = font_style(tmp_path, dejavu_with_cmap(cmap_table((3, 10, format12_subtable(
            [(0x20, 0x7E, 3), (0x10FFF0, 0x7FFFFFFF, 1)])))))
        run = pmladder("pdf", "--style", str(style), "-o", "out.pdf", cwd=tmp_path)
        assert (run.returncode, run.stderr) == (1, f"Error: {style}:2: fonts.body: {tmp_path / 'brand.ttf'}: not a readable TrueType font "
                                                   "(its character map has codes past U+10FFFF)\n")

    @pytest.mark.parametrize(("subtable", "at"), [
        (format12_subtable([(0x20, 0x1F0, 3)] * 20_000), "U+0020"),  # 9 million codes, 240 kB
        (format12_subtable([(0x20, 0x7E, 3), (0x7E, 0x7E, 3)]), "U+007E"),
        (format12_subtable([(0x20, 0x7E, 3), (0x7E, 0x7E, 3)], fmt=13), "U+007E"),  # ReportLab reads 13
    ], ids=["20000-groups", "one-code", "format-13"])
    def test_overlapping_groups_are_refused(self, tmp_path, subtable, at):
        """Before: the first refused as too many characters, the others read as if well formed."""
        path = tmp_path / "brand.ttf"
        path.write_bytes(dejavu_with_cmap(cmap_table((3, 1, format4_subtable([(0x20, 0x7E, -29)])), (3, 10, subtable))))
        with pytest.raises(FontFileError) as info:
            FontFile(path)
        assert str(info.value).endswith(f"(its character map has overlapping ranges (at {at}))")

    def test_overlapping_bmp_segments_are_refused(self, tmp_path):
        """Before: 8,000 segments each spanning the BMP, 80 kB: `pdf` still reading it after a minute."""
        style = font_style(tmp_path, dejavu_with_cmap(cmap_table((3, 1, format4_subtable([(0x20, 0xFFFE, 0)] * 8000)))))
        run = pmladder("pdf", "--style", str(style), "-o", "out.pdf", cwd=tmp_path)
        assert (run.returncode, run.stderr) == (1, f"Error: {style}:2: fonts.body: {tmp_path / 'brand.ttf'}: not a readable TrueType font "
                                                   "(its character map has overlapping ranges (at U+0020))\n")

    def test_a_cut_short_font_and_an_uninstalled_one_are_reported_at_their_line(self, tmp_path):
        """A font file that ends early showed Python's words ("unpack_from requires a buffer of
        at least 1308 bytes"); a font name fontconfig does not know came without the style's
        file and line, at render time."""
        style = font_style(tmp_path, (dejavu_dir() / "DejaVuSans.ttf").read_bytes()[:2000])
        run = pmladder("pdf", "--style", str(style), "-o", "out.pdf", cwd=tmp_path)
        assert (run.returncode, run.stderr) == (1, f"Error: {style}:2: fonts.body: {tmp_path / 'brand.ttf'}: not a "
                                                   "readable TrueType font (damaged, or not a font)\n")
        style.write_text('fonts:\n  bold: "-No Such Font 123"\n', encoding="utf-8")
        run = pmladder("pdf", "--style", str(style), "-o", "out.pdf", cwd=tmp_path)
        assert (run.returncode, run.stderr) == (1, f"Error: {style}:2: fonts.bold: font '-No Such Font 123' is not "
                                                   "installed (give a .ttf path in the style)\n")
        assert not (tmp_path / "out.pdf").exists()

    def test_codes_naming_glyphs_the_font_lacks_fall_back(self, tmp_path):
        """Before: `pdf` ended in 'internal error (IndexError)' inside ReportLab. Now those codes
        count as not covered, and the handout draws them in a fallback font."""
        style = font_style(tmp_path, dejavu_with_cmap(cmap_table((3, 10, format12_subtable([(0x20, 0x10FFFF, 3)])))))
        run = pmladder("pdf", "--style", str(style), "-o", "out.pdf", cwd=tmp_path)
        assert (run.returncode, run.stderr) == (0, "")
        assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")
        font = FontFile(tmp_path / "brand.ttf")
        glyphs = struct.unpack_from(">H", (tmp_path / "brand.ttf").read_bytes(),
                                    _table(tmp_path / "brand.ttf", b"maxp") + 4)[0]
        assert font.cmap.ranges == ((0x20, 0x20 + glyphs - 4, 3),)


def _table(path: Path, tag: bytes) -> int:
    data = path.read_bytes()
    entries = (struct.unpack_from(">4sIII", data, 12 + 16 * i) for i in range(struct.unpack_from(">H", data, 4)[0]))
    return next(at for name, _, at, _ in entries if name == tag)


class TestLogos:
    def test_a_png_claiming_13000_pixels_square(self, tmp_path):
        """Before: 657 KB on disk, 2.4 GB and 10 s decoded while the handout was drawn."""
        data = png(13000, 13000, idat=zlib.compress(b"\0" * 13001 * 64))
        assert style_errors(logo_style(tmp_path, "logo.png", data)) == [
            f"{tmp_path / 'team.yaml'}:2: logo.file: {tmp_path / 'logo.png'}: image is 13,000 x 13,000 pixels; "
            "the limit is 4,000,000 pixels and 10,000 either way"]

    def test_pixel_limit_edge(self, tmp_path):
        assert load_style(logo_style(tmp_path, "logo.png", png(2000, 2000))).logo is not None
        assert "image is 2,001 x 2,000 pixels" in style_errors(logo_style(tmp_path, "logo.png", png(2001, 2000)))[0]
        assert "image is 10,001 x 1 pixels" in style_errors(logo_style(tmp_path, "logo.png", png(10001, 1)))[0]

    @pytest.mark.parametrize(("cut", "message"), [
        (60, "PNG image is truncated"),  # before: an internal error while the handout was drawn
        (-13, "PNG image is truncated"),  # IEND missing
    ])
    def test_a_truncated_png(self, tmp_path, cut, message):
        data = png(40, 20, colour=2)[:cut]
        assert style_errors(logo_style(tmp_path, "logo.png", data)) == [
            f"{tmp_path / 'team.yaml'}:2: logo.file: {tmp_path / 'logo.png'}: {message}"]

    def test_png_image_data_cut_short(self, tmp_path):
        whole = zlib.compress((b"\0" + b"\x80" * 120) * 20)
        data = png(40, 20, colour=2, idat=whole[: len(whole) // 2])
        assert style_errors(logo_style(tmp_path, "logo.png", data))[0].endswith("PNG image data is incomplete")

    def test_a_damaged_png_chunk(self, tmp_path):
        data = bytearray(png(40, 20))
        data[45] ^= 0xFF  # inside the image data
        assert style_errors(logo_style(tmp_path, "logo.png", bytes(data)))[0].endswith(
            "PNG image is damaged (a chunk's checksum does not match)")

    def test_the_shipped_logo_and_a_jpeg_pass(self, tmp_path):
        images.check_logo(LOGO)
        jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" \
               b"\xff\xc0\x00\x11\x08\x00\x10\x00\x20\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xd9"
        images.check_logo(Path(logo_style(tmp_path, "logo.jpg", jpeg)).parent / "logo.jpg")
        huge = jpeg.replace(b"\x00\x10\x00\x20", b"\x30\x00\x30\x00")
        with pytest.raises(images.ImageProblem, match="image is 12,288 x 12,288 pixels"):
            images.check_logo(Path(logo_style(tmp_path, "logo.jpg", huge)).parent / "logo.jpg")

    @pytest.mark.parametrize(("name", "problem"), [
        ("/etc/passwd", "expected a PNG, JPEG or SVG image relative to this style, got the absolute path "
                        "'/etc/passwd'"),  # refused by its name, never opened
        ("https://example.com/logo.png", "https:/example.com/logo.png: no such file"),  # a path, never fetched
        ("file:///etc/passwd", "expected a PNG, JPEG or SVG image relative to this style, got 'file:///etc/passwd'"),
    ])
    def test_a_logo_named_by_a_url_or_a_system_file(self, tmp_path, monkeypatch, name, problem):
        opened = []
        real_open = os.open
        monkeypatch.setattr(os, "open", lambda path, *a, **k: opened.append(os.fspath(path)) or real_open(path, *a, **k))
        (tmp_path / "team.yaml").write_text(f"logo:\n  file: {name}\n", encoding="utf-8")
        with pytest.raises(StyleError) as info:
            load_style(tmp_path / "team.yaml")
        monkeypatch.undo()
        where = "" if problem.startswith("expected") else f"{tmp_path}/"
        assert info.value.lines == [f"{tmp_path / 'team.yaml'}:2: logo.file: {where}{problem}"]
        assert not [path for path in opened if not path.startswith(str(tmp_path))]  # no system file, a URL is a local name

    def test_an_svg_with_50000_elements(self, tmp_path):
        """Before: 20 s in svglib, and again on every page that shows the logo."""
        assert style_errors(logo_style(tmp_path, "logo.svg", svg(50_000))) == [
            f"{tmp_path / 'team.yaml'}:2: logo.file: {tmp_path / 'logo.svg'}: SVG image has 50,000 elements; "
            "the limit is 2,000"]

    def test_svg_element_limit_edge(self, tmp_path):
        assert load_style(logo_style(tmp_path, "logo.svg", svg(images.MAX_SVG_ELEMENTS))).logo is not None
        assert "2,001 elements" in style_errors(logo_style(tmp_path, "logo.svg", svg(images.MAX_SVG_ELEMENTS + 1)))[0]

    @pytest.mark.parametrize("size", ["1e308", "1e400", "10000001"])
    def test_an_svg_with_an_impossible_size(self, tmp_path, size):
        """Before (1e308): 'internal error (... number too large inf)' from ReportLab."""
        assert style_errors(logo_style(tmp_path, "logo.svg", svg(2, size))) == [
            f"{tmp_path / 'team.yaml'}:2: logo.file: {tmp_path / 'logo.svg'}: SVG image has the number {size}; "
            "the limit is 10,000,000"]

    def test_svg_colours_and_ids_are_not_numbers(self, tmp_path):
        text = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect id="a1e999" fill="#1e3000"/></svg>'
        assert load_style(logo_style(tmp_path, "logo.svg", text)).logo is not None

    def test_an_svg_logo_draws_in_the_handout(self, tmp_path):
        style = load_style(logo_style(tmp_path, "logo.svg", svg(images.MAX_SVG_ELEMENTS, "50")))
        assert render_pdf(None, style=style, roles=["pm"]).startswith(b"%PDF")


class TestStyleNumbers:
    @pytest.mark.parametrize(("field", "value"), [
        ("chart.text_scale", 1000),  # before: a 21 s, 2.9 GB chart
        ("fonts.base_size", 1000),  # before: 'internal error (LayoutError ...)' on the cover
        ("chart.tint", 1000),  # before: 'bad rcparams value: Invalid RGBA argument'
    ])
    def test_numbers_that_crashed_or_ran_away(self, write, field, value):
        section, name = field.split(".")
        path = write(f"{section}:\n  {name}: {value}\n", "team.yaml")
        low, high = NUMBER_RANGES[field]
        assert style_errors(path) == [f"{path}:2: {field}: expected a number from {low:g} to {high:g}, got {value}"]

    @pytest.mark.parametrize("field", sorted(NUMBER_RANGES))
    def test_each_range_edge(self, write, field):
        section, name = field.split(".")
        low, high = NUMBER_RANGES[field]
        for edge in (low, high):
            style = load_style(write(f"{section}:\n  {name}: {edge}\n", "team.yaml"))
            assert getattr(getattr(style, section), name) == edge
        for past in (low - 0.01, high + 0.01):
            assert "expected a number from" in style_errors(write(f"{section}:\n  {name}: {past}\n", "team.yaml"))[0]

    def test_the_largest_numbers_still_draw(self, write, tmp_path):
        largest = {f: NUMBER_RANGES[f][1] for f in NUMBER_RANGES}
        text = "".join(f"{s}:\n" + "".join(f"  {f.split('.')[1]}: {v}\n" for f, v in largest.items()
                                           if f.startswith(s + ".")) for s in ("fonts", "page", "chart"))
        path = write(text, "team.yaml")
        run = pmladder("pdf", "--style", path, "-o", str(tmp_path / "out.pdf"), cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        run = pmladder("chart", "--style", path, "-o", str(tmp_path / "out.png"), cwd=tmp_path)
        assert run.returncode == 0, run.stderr


class TestExtends:
    def chain(self, tmp_path: Path, length: int) -> Path:
        for i in range(1, length):
            (tmp_path / f"s{i}.yaml").write_text(f"extends: s{i + 1}.yaml\n", encoding="utf-8")
        (tmp_path / f"s{length}.yaml").write_text("chart:\n  tint: 0.5\n", encoding="utf-8")
        return tmp_path / "s1.yaml"

    def test_a_300_deep_chain(self, tmp_path):
        """Before: 'internal error (RecursionError: maximum recursion depth exceeded)'."""
        assert style_errors(self.chain(tmp_path, 300)) == [
            f"{tmp_path / f's{MAX_EXTENDS}.yaml'}:1: extends: styles extend each other more than {MAX_EXTENDS} deep"]

    def test_limit_edge(self, tmp_path):
        assert load_style(self.chain(tmp_path, MAX_EXTENDS)).chart.tint == 0.5
        assert "more than 10 deep" in style_errors(self.chain(tmp_path, MAX_EXTENDS + 1))[0]


class TestNoMatplotlibSettings:
    @pytest.mark.parametrize("setting", [
        "axes.prop_cycle: \"cycler(color=['r'] * 100000000)\"",  # before: a gigabyte allocated
        "savefig.dpi: 100000",
    ])
    def test_rcparams_is_not_a_style_key(self, write, setting):
        path = write(f"rcparams:\n  {setting}\n", "team.yaml")
        assert style_errors(path) == [f"{path}:2: rcparams: unknown field; expected one of: description, extends, "
                                      "grayscale, logo, palette, fonts, page, chart"]
