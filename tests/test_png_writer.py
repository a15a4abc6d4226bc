"""Our PNG writer (pmladder.outputs.chart.png) and the chart PNG path that uses it instead of matplotlib's."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from conftest import POLISH_JAPANESE
from pmladder import load_ladder
from pmladder.outputs.chart.png import ROWS_PER_BLOCK, png_bytes


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def chunk_types(data: bytes) -> list[bytes]:
    types, at = [], 8
    while at < len(data):
        (length,) = struct.unpack_from(">I", data, at)
        (crc,) = struct.unpack_from(">I", data, at + 8 + length)
        assert crc == zlib.crc32(data[at + 4 : at + 8 + length])
        types.append(data[at + 4 : at + 8])
        at += 12 + length
    return types


def pixels(height: int, width: int, *, opaque: bool) -> np.ndarray:
    rng = np.random.default_rng(height * 1000 + width)
    rgba = rng.integers(0, 256, (height, width, 4), dtype=np.uint8)
    rgba[: height // 2, : width // 2] = (30, 60, 90, 255)  # a flat area, as charts have
    if opaque:
        rgba[:, :, 3] = 255
    return rgba


# Heights below, at and across the writer's block size, so partial last blocks are covered.
SIZES = [(1, 1), (5, 7), (ROWS_PER_BLOCK, 3), (ROWS_PER_BLOCK * 2 + 5, 41)]


@pytest.mark.parametrize("height, width", SIZES)
def test_opaque_pixels_are_written_as_rgb_and_read_back_unchanged(height, width):
    rgba = pixels(height, width, opaque=True)
    data = png_bytes(rgba, dpi=144)
    image = decoded(data)
    assert image.mode == "RGB" and image.size == (width, height)
    assert np.array_equal(np.asarray(image), rgba[:, :, :3])
    assert image.info["dpi"] == pytest.approx((144, 144), abs=0.01)
    assert chunk_types(data) == [b"IHDR", b"pHYs", b"IDAT", b"IEND"]  # no text: no software, no date


@pytest.mark.parametrize("height, width", SIZES)
def test_any_transparency_keeps_the_alpha_channel(height, width):
    rgba = pixels(height, width, opaque=False)
    rgba[-1, -1, 3] = 254  # one pixel is enough
    image = decoded(png_bytes(rgba))
    assert image.mode == "RGBA"
    assert np.array_equal(np.asarray(image), rgba)


def test_a_strided_array_is_written_as_its_pixels():
    rgba = pixels(40, 60, opaque=True)[::2, ::3]  # not contiguous
    assert np.array_equal(np.asarray(decoded(png_bytes(rgba))), rgba[:, :, :3])


def test_only_rgba_uint8_arrays_are_accepted():
    with pytest.raises(ValueError, match="expected an"):
        png_bytes(np.zeros((4, 4, 3), np.uint8))


@pytest.mark.filterwarnings("ignore::pmladder.MissingGlyphsWarning")  # machines without a CJK font
@pytest.mark.parametrize("source", [None, POLISH_JAPANESE])
def test_chart_png_has_the_pixels_agg_draws(source):
    """The chart PNG decodes to exactly the figure's Agg buffer (Japanese text needs fallback fonts)."""
    from pmladder.outputs.chart.render import figure_bytes, render_chart

    figure = render_chart(load_ladder(source), size=(960, 540), dpi=72).figure
    image = decoded(figure_bytes(figure, "png", dpi=72))
    figure.canvas.draw()
    agg = np.asarray(figure.canvas.buffer_rgba())
    assert image.size == figure.canvas.get_width_height() and image.mode == "RGB"  # an opaque background
    assert np.array_equal(np.asarray(image), agg[:, :, :3])


def test_chart_png_matches_what_matplotlib_itself_writes(monkeypatch):
    """Our writer and matplotlib's own PNG route (the fallback) give the same pixels and resolution."""
    from pmladder.outputs.chart import render as chart

    figure = chart.render_chart(load_ladder(None), size=(800, 450), dpi=144).figure
    ours = decoded(chart.figure_bytes(figure, "png"))
    monkeypatch.setattr(chart, "_agg_pixels", lambda figure, dpi: None)
    theirs = decoded(chart.figure_bytes(figure, "png"))
    assert np.array_equal(np.asarray(ours.convert("RGBA")), np.asarray(theirs.convert("RGBA")))
    assert ours.info["dpi"] == theirs.info["dpi"]


@pytest.mark.filterwarnings("ignore::pmladder.MissingGlyphsWarning")  # machines without a CJK font
def test_naming_the_font_file_draws_the_same_pixels_as_matplotlibs_search_by_name(monkeypatch):
    """paint() draws each run from the file of the face the scene chose for it; matplotlib's own
    lookup by family name must give the very same picture (it is only skipped because it is slow)."""
    from matplotlib.font_manager import FontProperties

    from pmladder.outputs.chart import paint as paint_mpl
    from pmladder.outputs.chart import render as chart

    ladder = load_ladder(POLISH_JAPANESE)  # Latin text, and Japanese text that needs a fallback face
    named = chart.render_chart(ladder, size=(960, 540), dpi=72).figure
    files = {t.get_fontproperties().get_file() for t in named.axes[0].texts}
    assert None not in files  # every run names its face's file (regular, bold, a CJK face where installed)

    def by_name_only(run, item):
        return FontProperties(family=[paint_mpl._family(run.face.path), "sans-serif"],
                              weight="bold" if item.bold else "normal", size=item.size)

    monkeypatch.setattr(paint_mpl, "_font_properties", by_name_only)
    searched = chart.render_chart(ladder, size=(960, 540), dpi=72).figure
    for fmt in ("png", "svg"):
        assert chart.figure_bytes(named, fmt, dpi=72) == chart.figure_bytes(searched, fmt, dpi=72), fmt
