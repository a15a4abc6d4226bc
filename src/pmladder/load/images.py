"""A style's logo checked before anything decodes it: its type, size, pixels and structure.

ReportLab and svglib read a logo only while the handout is drawn, and they trust its header:
a 657 KB PNG can claim 13,000 x 13,000 pixels (2.4 GB decoded), an SVG can hold 50,000
elements (20 s), or sizes like 1e308 that no PDF can hold. So the header, the PNG chunks and
the SVG's element count and numbers are checked here, in bounded time, at style loading.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

from .files import IMAGE_BYTES, read_regular

MAX_PIXELS = 4_000_000  # 2,000 x 2,000: far sharper than a logo printed 5 cm wide needs
MAX_SIDE = 10_000  # pixels, either way
MAX_SVG_ELEMENTS = 2_000
MAX_SVG_NUMBER = 1e7  # any number in an SVG attribute; a logo's coordinates are far smaller

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # PNG colour type -> samples per pixel
_SVG_ELEMENT = re.compile(rb"<[A-Za-z_]")
_SVG_ATTRIBUTE = re.compile(rb"""=\s*(?:"([^"]*)"|'([^']*)')""")
_NUMBER = re.compile(rb"(?<![\w#.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


class ImageProblem(Exception):
    """Why a logo cannot be used, as a sentence without the file name."""


def check_logo(path: Path) -> None:
    """Return if `path` is a PNG, JPEG or SVG the handout can draw in bounded time and memory."""
    data = read_regular(path, IMAGE_BYTES)  # UnreadableFile for FIFOs, devices, huge files
    suffix = path.suffix.lower()
    if suffix == ".svg":
        _check_svg(data)
    elif data.startswith(_PNG):
        _check_png(data)
    elif data.startswith(_JPEG):
        _check_pixels(*_jpeg_size(data))
    else:
        raise ImageProblem("not a PNG, JPEG or SVG image")


def _check_pixels(width: int, height: int) -> None:
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE and width * height <= MAX_PIXELS):
        raise ImageProblem(f"image is {width:,} x {height:,} pixels; the limit is {MAX_PIXELS:,} pixels "
                           f"and {MAX_SIDE:,} either way")


def _check_png(data: bytes) -> None:
    """Dimensions first, then every chunk whole (CRC) and the image data complete."""
    at, idat, header = len(_PNG), [], None
    while True:
        if at + 8 > len(data):
            raise ImageProblem("PNG image is truncated")
        length, kind = struct.unpack_from(">I4s", data, at)
        body = data[at + 8 : at + 8 + length]
        if len(body) < length or at + 12 + length > len(data):
            raise ImageProblem("PNG image is truncated")
        (crc,) = struct.unpack_from(">I", data, at + 8 + length)
        if zlib.crc32(kind + body) != crc:
            raise ImageProblem("PNG image is damaged (a chunk's checksum does not match)")
        at += 12 + length
        if header is None:
            if kind != b"IHDR" or length != 13:
                raise ImageProblem("PNG image has no header")
            header = struct.unpack(">IIBBBBB", body)
            _check_pixels(header[0], header[1])
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    if colour not in _CHANNELS or not idat:
        raise ImageProblem("PNG image has no image data")
    row = 1 + (width * _CHANNELS[colour] * depth + 7) // 8
    expected = height * row * (2 if interlace else 1)  # interlaced passes add filter bytes
    stream = zlib.decompressobj()
    try:
        pixels = stream.decompress(b"".join(idat), expected + 1)
    except zlib.error:
        raise ImageProblem("PNG image data is damaged") from None
    if not stream.eof or (not interlace and len(pixels) != expected):
        raise ImageProblem("PNG image data is incomplete")


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from the first start-of-frame marker."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            break
        marker = data[at + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            at += 1 if marker == 0xFF else 2
            continue
        (length,) = struct.unpack_from(">H", data, at + 2)
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC) and at + 9 <= len(data):
            height, width = struct.unpack_from(">HH", data, at + 5)
            return width, height
        at += 2 + length
    raise ImageProblem("JPEG image is truncated or has no size")


def _check_svg(data: bytes) -> None:
    if b"<svg" not in data[:4096] and b"<?xml" not in data[:512]:
        raise ImageProblem("not an SVG image")
    elements = len(_SVG_ELEMENT.findall(data))
    if elements > MAX_SVG_ELEMENTS:
        raise ImageProblem(f"SVG image has {elements:,} elements; the limit is {MAX_SVG_ELEMENTS:,}")
    for match in _SVG_ATTRIBUTE.finditer(data):
        for number in _NUMBER.findall(match.group(1) or match.group(2)):
            if not abs(float(number)) <= MAX_SVG_NUMBER:  # also refuses inf and nan
                raise ImageProblem(f"SVG image has the number {number.decode()[:40]}; "
                                   f"the limit is {MAX_SVG_NUMBER:,.0f}")
