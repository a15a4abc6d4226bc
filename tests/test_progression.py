"""The comparison that scales (issue 14 §3, §7): a progression per competency for a big framework,
the matrix for short ladders, a "(continued)" heading over the comparison's later pages, column
headers that break only after a dot, one header block per page. Checked on the PDF's text and
geometry."""

from __future__ import annotations

import io
import re
import shutil
import statistics
import subprocess
import xml.etree.ElementTree as ET

import pytest
import yaml
from pypdf import PdfReader

from big_framework import big_framework_yaml
from conftest import DEFAULT_LADDER, POLISH_JAPANESE, ROOT, TWO_TRACK, make_ladder, outline
from pmladder.content import progression, uses_progression
from pmladder.load.ladder import load_ladder
from pmladder.load.style import load_style
from pmladder.outputs.html.page import render_html
from pmladder.outputs.pdf.handout import render_pdf

DESIGN = ROOT / "data" / "examples" / "design-two-track.yaml"
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.yaml"))
needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")


def big_ladder():
    return load_ladder(yaml.safe_load(big_framework_yaml()))


@pytest.fixture(scope="module")
def big_pdf() -> bytes:
    return render_pdf(big_ladder(), load_style("default"))


def landscape(data: bytes) -> list[int]:
    """Indexes of the landscape pages: the comparison's."""
    return [i for i, p in enumerate(PdfReader(io.BytesIO(data)).pages) if p.mediabox.width > p.mediabox.height]


def page_lines(data: bytes, tmp_path) -> dict[int, list[tuple[str, float, float, float]]]:
    """Per page index, every line pdftotext finds: (text, x from, x to, y of its top)."""
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(data)
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml))
    found: dict[int, list] = {}
    for i, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page")):
        found[i] = [(" ".join(w.text or "" for w in line), float(line.get("xMin")), float(line.get("xMax")),
                     float(line.get("yMin"))) for line in page.iter("{http://www.w3.org/1999/xhtml}line")]
    return found


# -- the rule (content layer)


def test_short_ladders_keep_the_matrix_and_a_big_framework_gets_the_progression():
    assert not uses_progression(load_ladder(DEFAULT_LADDER))
    for path in EXAMPLES:
        if "assessment" not in path.name:
            assert not uses_progression(load_ladder(path)), path.name
    assert uses_progression(big_ladder())
    assert uses_progression(load_ladder(make_ladder(15, 2, 3)))  # many roles, short cells
    long_cell = make_ladder(3, 1, 2)
    long_cell["roles"][0]["dimensions"]["d0"] = "A long description of what the role does. " * 8
    assert uses_progression(load_ladder(long_cell))


def test_progression_sets_peers_side_by_side_and_leaves_out_what_no_role_has():
    ladder = big_ladder()
    view = progression(ladder)
    impact = next(p for p in view.competencies if p.dimension.id == "impact")
    assert impact.columns == ("Software Engineer", "Engineering Manager")
    assert [row.name for row in impact.rows] == ["IC1", "IC2", "IC3 \u00b7 M3", "IC4 \u00b7 M4", "IC5 \u00b7 M5",
                                                 "IC6 \u00b7 M6", "IC7 \u00b7 M7"]
    ic3, m3 = (placed[0].role.id for placed in impact.rows[2].cells)
    assert (ic3, m3) == ("ic3", "m3")
    hiring = next(p for p in view.competencies if p.dimension.id == "hiring")  # a manager's competency
    assert hiring.columns == ("Engineering Manager",) and len(hiring.rows) == 5


def test_no_column_or_row_of_the_progression_is_empty_for_every_role():
    """A competency for both tracks that only the managers' roles describe has no IC column,
    and the levels only ICs hold give it no row."""
    data = yaml.safe_load(big_framework_yaml())
    for role in data["roles"]:
        if role["track"] == "ic":
            del role["dimensions"]["feedback"]
    feedback = next(p for p in progression(load_ladder(data)).competencies if p.dimension.id == "feedback")
    assert feedback.columns == ("Engineering Manager",)
    assert [row.name for row in feedback.rows] == ["M3", "M4", "M5", "M6", "M7"]
    assert all(placed for row in feedback.rows for placed in row.cells)


@needs_pdftotext
def test_a_matrix_table_has_no_row_empty_for_every_one_of_its_roles(tmp_path):
    """A dimension (for every track) that only the managers give: not a row of dashes in the
    IC table, only a row in the managers' table (which begins at its caption)."""
    data = make_ladder(10, 2, 3)
    data["dimensions"].append({"id": "people", "name": "Growing people"})
    for role in data["roles"][5:]:
        role["dimensions"]["people"] = "Coaches the team"
    pdf = render_pdf(load_ladder(data), load_style("default"))
    lines = page_lines(pdf, tmp_path)
    reading = [text for i in landscape(pdf) for text, *_ in sorted(lines[i], key=lambda line: line[3])]
    captions = [k for k, text in enumerate(reading) if text in ("Track 1", "Track 2")]
    rows = [k for k, text in enumerate(reading) if text == "Growing people"]
    assert len(captions) == 2 and rows
    assert all(k > captions[1] for k in rows), (captions, rows)


# -- the big framework's handout


def test_the_big_frameworks_comparison_is_a_progression_with_readable_columns(big_pdf, tmp_path):
    pages = landscape(big_pdf)
    lines = page_lines(big_pdf, tmp_path)
    text = [line for i in pages for line in lines[i] if len(line[0].split()) >= 4]
    widths = [x1 - x0 for _, x0, x1, _ in text]
    assert statistics.median(widths) >= 200, statistics.median(widths)  # 12 matrix columns gave ~60
    assert len(pages) <= 30  # the 12-column matrix took 41 pages


def test_the_big_frameworks_body_text_is_never_under_7_5_points(big_pdf):
    reader = PdfReader(io.BytesIO(big_pdf))
    chart = next(page for _, title, page in outline(reader) if title == "The ladder at a glance")
    sizes: dict[int, float] = {}
    for i, page in enumerate(reader.pages):
        if i == chart:  # the chart is a figure: its labels are drawn to fit their boxes
            continue
        found: list[float] = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip():
                found.append(size * tm[3] * cm[3])

        page.extract_text(visitor_text=visit)
        sizes[i] = min(found)
    assert min(sizes.values()) >= 7.5 - 1e-6, {i: s for i, s in sizes.items() if s < 7.5}


def test_every_later_page_of_the_comparison_says_it_continues(big_pdf):
    reader = PdfReader(io.BytesIO(big_pdf))
    pages = landscape(big_pdf)
    first, *later = (reader.pages[i].extract_text() for i in pages)
    assert "Comparison matrix" in first and "(continued)" not in first
    assert later and all("Comparison matrix (continued)" in t for t in later)


@pytest.mark.parametrize("path, heading", [(TWO_TRACK, "Comparison matrix (continued)"),
                                           (POLISH_JAPANESE, "Macierz porównawcza (ciąg dalszy)")])
def test_the_matrix_continued_heading_in_the_ladders_words(path, heading):
    pdf = render_pdf(load_ladder(path), load_style("default"))
    reader = PdfReader(io.BytesIO(pdf))
    first, *later = (reader.pages[i].extract_text() for i in landscape(pdf))
    assert later and all(heading in t for t in later) and heading not in first


# -- matrix details


@needs_pdftotext
def test_a_column_headers_second_line_never_starts_with_a_dot(tmp_path):
    """"Senior · D3 Senior · Designer" in a narrow column breaks after a dot, not before it."""
    pdf = render_pdf(load_ladder(DESIGN), load_style("default"))
    lines = page_lines(pdf, tmp_path)
    heads = [text for i in landscape(pdf) for text, *_ in lines[i]]
    assert any("\u00b7" in t for t in heads)
    assert not [t for t in heads if t.startswith("\u00b7")]


@needs_pdftotext
def test_text_and_rating_tables_share_one_header_block_on_a_page(tmp_path):
    """The management table of the two-track example: text rows and ratings on one page, under
    one header (the second table goes on without its own)."""
    pdf = render_pdf(load_ladder(TWO_TRACK), load_style("default"))
    lines = page_lines(pdf, tmp_path)
    pages = landscape(pdf)
    shared = [i for i in pages if any("Technical depth" in t for t, *_ in lines[i])
              and any("Scope" == t for t, *_ in lines[i])]
    assert shared
    for i in pages:
        assert sum(t == "Dimension" for t, *_ in lines[i]) <= 1, i


def test_the_html_page_prints_the_progression_when_the_handout_does():
    assert b'class="matrix progression"' in render_html(big_ladder())
    assert b'class="matrix progression"' not in render_html(load_ladder(DEFAULT_LADDER))


@needs_pdftotext
def test_a_ratings_few_levels_go_across_the_page(big_pdf, tmp_path):
    """Organisational design (M3-M7, dots): its levels side by side in one header row, not a
    column of five short rows."""
    pdf = tmp_path / "big.pdf"
    pdf.write_bytes(big_pdf)
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml))
    ns = "{http://www.w3.org/1999/xhtml}"
    comparison = [p for i, p in enumerate(root.iter(ns + "page")) if i in landscape(big_pdf)]
    page = next(p for p in comparison if any(w.text == "Organisational" for w in p.iter(ns + "word")))
    ys: dict[str, list[float]] = {}
    for word in page.iter(ns + "word"):
        ys.setdefault(word.text, []).append(float(word.get("yMin")))
    header = ys["Organisational"][0]
    assert all(any(abs(y - header) < 1 for y in ys[name]) for name in ("M3", "M4", "M5", "M6", "M7"))
    assert all(y > header + 10 for y in ys["Observes"])  # the dots and their names below


def test_the_next_tracks_matrix_table_follows_on_the_page_when_it_fits():
    """GitLab's two tracks of one dimension each: both tables on one page, not a page apiece."""
    pdf = render_pdf(load_ladder(ROOT / "data" / "frameworks" / "gitlab-product.yaml"), load_style("default"))
    pages = landscape(pdf)
    assert len(pages) == 1
    text = PdfReader(io.BytesIO(pdf)).pages[pages[0]].extract_text()
    assert "Product Management\n" in text and "Product Management – Leadership" in text
