"""The chart PNG: the pixels matplotlib's Agg canvas draws, the resolution, no software name or date."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from conftest import POLISH_JAPANESE
from pmladder import load_ladder


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


@pytest.mark.filterwarnings("ignore::pmladder.MissingGlyphsWarning")  # machines without a CJK font
@pytest.mark.parametrize("source", [None, POLISH_JAPANESE])
def test_chart_png_has_the_pixels_agg_draws(source):
    """The chart PNG decodes to exactly the figure's Agg buffer (Japanese text needs fallback fonts)."""
    from pmladder.outputs.chart.render import figure_bytes, render_chart

    figure = render_chart(load_ladder(source), size=(960, 540), dpi=72).figure
    image = decoded(figure_bytes(figure, "png", dpi=72))
    figure.canvas.draw()
    agg = np.asarray(figure.canvas.buffer_rgba())
    assert image.size == figure.canvas.get_width_height()
    assert np.array_equal(np.asarray(image.convert("RGBA")), agg)


@pytest.mark.parametrize("dpi", [144, 72])
def test_chart_png_records_its_resolution_and_nothing_that_changes(dpi):
    """The PNG says its dpi (slide software sizes it by that); no software name or date, so the same
    figure gives the same bytes, at the figure's own resolution or another one."""
    from pmladder.outputs.chart import render as chart

    figure = chart.render_chart(load_ladder(None), size=(800, 450), dpi=144).figure
    data = chart.figure_bytes(figure, "png", dpi=dpi)
    image = decoded(data)
    width, height = figure.get_size_inches() * dpi
    assert image.size == (round(width), round(height)) and round(image.info["dpi"][0]) == dpi
    assert not {b"tEXt", b"iTXt", b"zTXt", b"tIME"} & set(chunk_types(data))
    assert chart.figure_bytes(figure, "png", dpi=dpi) == data and figure.dpi == 144


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
