"""The handout's cover: who it is from, which version and when, and no blank lower half."""

from __future__ import annotations

import subprocess

import pytest

from conftest import DEFAULT_LADDER, ROOT, pdf_texts
from pmladder.load.ladder import load_ladder
from pmladder.load.style import load_style
from pmladder.outputs.pdf.handout import render_pdf

DESIGN = ROOT / "data" / "examples" / "design-two-track.yaml"


def cover_pixels(data: bytes, tmp_path):
    """The cover page as a grey image at 30 dpi."""
    from PIL import Image

    (tmp_path / "cover.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-gray", "-f", "1", "-l", "1", str(tmp_path / "cover.pdf"),
                    str(tmp_path / "page")], check=True)
    [png] = tmp_path.glob("page*.png")
    return Image.open(png)


def inked(image, top: float, bottom: float) -> float:
    """The share of pixels that are not white between two fractions of the page's height."""
    w, h = image.size
    band = image.crop((0, int(h * top), w, int(h * bottom)))
    histogram = band.histogram()  # a grey image: 256 counts
    return sum(histogram[:235]) / sum(histogram)


@pytest.mark.parametrize("path", [DEFAULT_LADDER, DESIGN], ids=["default", "design"])
def test_the_cover_has_no_blank_lower_half(path, tmp_path):
    """Between the title band and the foot, the ladder's shape fills the page."""
    data = render_pdf(load_ladder(path), load_style("default"), parts=["cover"])
    assert inked(cover_pixels(data, tmp_path), 0.5, 0.8) > 0.03


def test_the_cover_names_organisation_version_and_date(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    [page] = pdf_texts(render_pdf(load_ladder(DESIGN), load_style("default"), parts=["cover"]))
    assert "Example Studio" in page and "Version 2026.1 · 2026-03-02" in page


def test_the_default_ladders_cover_gives_version_and_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    [page] = pdf_texts(render_pdf(load_ladder(DEFAULT_LADDER), load_style("default"), parts=["cover"]))
    assert "Version 2026.1 · 2026-01-01" in page
