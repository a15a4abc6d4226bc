"""Tables in the handout (the profile and the matrix): rows that continue overleaf under their
header, a cell taller than a page split between its lines, and text that stays inside its row."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from conftest import make_ladder
from pmladder.handout import render_pdf
from pmladder.loader import load_ladder
from pmladder.style import load_style


def norm(text: str) -> str:
    return re.sub(r"[\s\u200b\u00ad]+", "", text)


def landscape_texts(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [p.extract_text() for p in reader.pages if p.mediabox.width > p.mediabox.height]


def ladder_from(data: dict, tmp_path):
    import yaml

    path = tmp_path / "ladder.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_ladder(str(path))


def test_a_matrix_longer_than_a_page_repeats_its_header_row(tmp_path):
    """Forty dimensions do not fit one landscape page: every matrix page starts with the role titles."""
    ladder = ladder_from(make_ladder(3, 1, 40), tmp_path)
    pages = landscape_texts(render_pdf(ladder, load_style("default")))
    assert len(pages) >= 2
    for text in pages:
        for role in ladder.roles:
            assert norm(role.title) in norm(text)
    shown = norm("".join(pages))
    for dim in ladder.dimensions:  # every row once, none lost at a page break
        assert shown.count(norm(dim.name) + ("" if dim.is_rating else "value")) >= 1, dim.id


def test_a_cell_taller_than_a_page_continues_between_its_lines(tmp_path):
    """A 600-word value cannot fit on any page: it is split between lines and every word
    arrives, in order, across the matrix pages (nothing is clipped or dropped)."""
    data = make_ladder(2, 1, 2)
    words = [f"w{i:03d}" for i in range(600)]
    data["roles"][0]["dimensions"]["d0"] = " ".join(words)
    ladder = ladder_from(data, tmp_path)
    pages = landscape_texts(render_pdf(ladder, load_style("default")))
    assert len(pages) >= 2
    found = re.findall(r"w\d{3}", "".join(pages))
    assert found == words


def test_row_text_stays_inside_its_row(tmp_path):
    """Each value is drawn below the top of its own row and above the next row's text: the
    y positions of consecutive dimension names step down by at least one row of text."""
    ladder = load_ladder(None)
    data = render_pdf(ladder, load_style("default"))
    reader = PdfReader(io.BytesIO(data))
    page = next(p for p in reader.pages if p.mediabox.width > p.mediabox.height)
    names = {dim.name for dim in ladder.dimensions if not dim.is_rating}  # the first matrix page
    ys: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip() in names and text.strip() not in ys:
            ys[text.strip()] = tm[5]

    page.extract_text(visitor_text=visit)
    order = [d.name for d in ladder.dimensions if d.name in names]
    assert len(order) >= 4 and set(order) <= set(ys)
    steps = [ys[a] - ys[b] for a, b in zip(order, order[1:])]
    assert all(step >= 10 for step in steps), steps
