"""Pages fill: read back from the PDF's geometry (poppler's pdftotext -bbox-layout).

Sections and tables flow on: no page but the last of a section ends with much of its text
area blank; a table row that goes on overleaf carries its name, "(continued)"; a heading never
ends a page; a role that fits in what is left of a page shares it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from html import unescape

import pytest
from pypdf import PdfReader

from big_framework import write_big_framework
from conftest import DEFAULT_LADDER, POLISH_JAPANESE, ROOT, TWO_TRACK, outline
from pmladder.load.ladder import load_ladder
from pmladder.load.style import MM, load_style
from pmladder.outputs.pdf.handout import render_pdf

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext is not installed")

MOST_BLANK = 0.4  # of a page's text area, at its foot, on any page but a section's last
LADDERS = {
    "default": DEFAULT_LADDER,
    "design": ROOT / "data" / "examples" / "design-two-track.yaml",
    "engineering": TWO_TRACK,
    "polish": POLISH_JAPANESE,
    "dropbox": ROOT / "data" / "frameworks" / "dropbox-engineering.yaml",
    "big framework": None,  # tests/big_framework.py: 12 roles, 23 competencies, ~60 statements a role
    "short roles": ROOT / "data" / "frameworks" / "engineering-ladders.yaml",  # after jorgef's: half-page roles
    "shorter roles": ROOT / "data" / "frameworks" / "gitlab-product.yaml",
}


class Line:
    """A line of text as poppler reads it: its words and its box (points, y down from the top)."""

    def __init__(self, text: str, x: float, top: float, bottom: float):
        self.text, self.x, self.top, self.bottom = text, x, top, bottom

    def __repr__(self):
        return f"Line({self.text!r}, x={self.x:.0f}, top={self.top:.0f})"


class Page:
    def __init__(self, width: float, height: float, lines: list[Line], margin: float):
        self.width, self.height, self.margin = width, height, margin
        # The text area: no running header or footer.
        self.lines = [ln for ln in lines if ln.top > margin - 2 and ln.bottom < height - margin + 2]

    @property
    def blank(self) -> float:
        """The share of the text area's height below its lowest line."""
        low = max((ln.bottom for ln in self.lines), default=self.margin)
        return (self.height - self.margin - low) / (self.height - 2 * self.margin)

    def last_lines(self) -> list[Line]:
        """The lines at the foot of the text (several, side by side in a table's columns)."""
        low = max(ln.bottom for ln in self.lines)
        return [ln for ln in self.lines if ln.bottom >= low - 1]


def read_pages(data: bytes, margin: float) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=data, capture_output=True, check=True)
    pages = []
    for w, h, body in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out.stdout.decode(), re.S):
        lines = []
        for x, top, bottom, words in re.findall(
                r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', body, re.S):
            text = " ".join(unescape(word) for word in re.findall(r">([^<]*)</word>", words))
            lines.append(Line(text, float(x), float(top), float(bottom)))
        pages.append(Page(float(w), float(h), lines, margin))
    return pages


def section_ends(data: bytes) -> set[int]:
    """Indexes of the pages that end a section (the page before the next one's start, and the
    last), and the cover's."""
    reader = PdfReader(io.BytesIO(data))
    starts = {page for depth, _, page in outline(reader) if depth == 0}
    return {0, len(reader.pages) - 1} | {page - 1 for page in starts}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """name -> (ladder, PDF bytes, pages), rendered once for the module."""
    style = load_style("default")
    margin = style.page.margin_mm * MM
    found = {}
    for name, path in LADDERS.items():
        ladder = load_ladder(str(path or write_big_framework(tmp_path_factory.mktemp("big"))))
        data = render_pdf(ladder, style)
        found[name] = (ladder, data, read_pages(data, margin))
    return found


@pytest.mark.parametrize("name", list(LADDERS))
def test_no_page_but_a_sections_last_is_mostly_blank(rendered, name):
    """Roles and tables flow on: every page but a section's last has text down to at least
    60% of its text area (measured to its lowest line of text)."""
    _, data, pages = rendered[name]
    ends = section_ends(data)
    blank = {i + 1: round(page.blank, 2) for i, page in enumerate(pages) if i not in ends and page.blank > MOST_BLANK}
    assert not blank, f"pages more than {MOST_BLANK:.0%} blank (page: share): {blank}"


def headings_of(ladder) -> set[str]:
    """Every text that heads something on a page: section and role headings, the headings of
    a role's parts, table header cells and the names of dimension groups."""
    keys = ("responsibilities", "skills", "promotion_paths", "profile", "next_level", "matrix", "dimension",
            "introduction", "overview", "contents")
    found = {ladder.label(key) for key in keys}
    found |= {role.title for role in ladder.roles} | {f"\u2192 {role.title}" for role in ladder.roles}
    found |= {group.name for group in ladder.groups}
    found |= {ladder.label("continued", name=group.name) for group in ladder.groups}
    found |= {section.heading for role in ladder.roles for section in role.sections}
    return found


@pytest.mark.parametrize("name", list(LADDERS))
def test_a_heading_never_ends_a_page(rendered, name):
    """A heading, a table's header row or a group's heading row is never the lowest text of a
    page: what it heads follows it on the same page."""
    ladder, _, pages = rendered[name]
    headings = headings_of(ladder)
    stranded = []
    for i, page in enumerate(pages[1:], 2):
        last = page.last_lines()
        # (A heading is 8.5 points or more; smaller type, as a caption naming a role, heads nothing.)
        if last and all(line.text in headings and line.bottom - line.top >= 8.4 for line in last):
            stranded.append((i, [line.text for line in last]))
    assert not stranded


def statements_ladder(count: int, groups: bool) -> dict:
    """Two roles; the first's 'Big' competency is `count` statements long (s000 ...)."""
    dims = [{"id": "big", "name": "Big competency"}, {"id": "small", "name": "Small competency"}]
    if groups:
        for dim in dims:
            dim["group"] = "craft"
    data = {
        "schema": 2,
        "ladder": {"title": "Long cells"},
        "dimensions": dims,
        "roles": [
            {"id": "a", "title": "First role", "level": 1, "next": ["b"],
             "dimensions": {"big": [f"s{i:03d} is a statement long enough to take a line of the table, or two" for i in range(count)],
                            "small": "short"}},
            {"id": "b", "title": "Second role", "level": 2, "dimensions": {"big": "other", "small": "short"}},
        ],
    }
    if groups:
        data["groups"] = [{"id": "craft", "name": "Craft"}]
    return data


def cell_text(page: Page, first: Line) -> str:
    """The text of a table cell from its first line on: the lines below it in its column, one
    line's height apart (a name wrapped in a narrow column)."""
    lines, below = [first], first
    while True:
        nxt = [ln for ln in page.lines if abs(ln.x - first.x) < 1 and 0 < ln.top - below.top < 1.5 * (below.bottom - below.top)]
        if not nxt:
            return " ".join(ln.text for ln in lines)
        below = min(nxt, key=lambda ln: ln.top)
        lines.append(below)


def test_a_row_that_goes_on_overleaf_carries_its_name():
    """A cell of 100 statements runs over several pages: on each page it continues on, the
    row reads "Big competency (continued)" at its top, and its group's heading is repeated
    above it."""
    style = load_style("default")
    ladder = load_ladder(statements_ladder(100, groups=True))
    pages = read_pages(render_pdf(ladder, style), style.page.margin_mm * MM)
    continued = 0
    for page in pages:
        statements = [ln for ln in page.lines if re.search(r"\bs\d{3}\b", ln.text)]
        names = [ln for ln in page.lines if ln.text.startswith("Big competency")]
        if not statements:
            continue
        assert names, f"statements without their row's name: {statements[0]}"
        if cell_text(page, names[0]).startswith("Big competency (continued)"):
            continued += 1
            groups = [ln for ln in page.lines if ln.text == "Craft (continued)"]
            assert groups and groups[0].top < names[0].top
            # At the row's top: no statement of the row above it (beside it, or under it when
            # long cells put the name over its values).
            assert min(ln.top for ln in statements) > names[0].top - 2
    assert continued >= 2


def test_a_continued_row_is_named_in_the_ladders_language(tmp_path):
    """The words around a continued row's name are the ladder's `continued` label."""
    data = statements_ladder(100, groups=False)
    data["ladder"]["labels"] = {"continued": "{name} (cd.)"}
    style = load_style("default")
    pages = read_pages(render_pdf(load_ladder(data), style), style.page.margin_mm * MM)
    assert any(cell_text(page, ln).startswith("Big competency (cd.)") for page in pages for ln in page.lines
               if ln.text.startswith("Big competency"))


def short_roles(count: int) -> dict:
    return {"ladder": {"title": "Short roles"},
            "roles": [{"id": f"r{i}", "title": f"Role {i}", "level": i + 1, "summary": "A short role.",
                       "responsibilities": ["One thing", "Another thing"]} for i in range(count)]}


def test_short_roles_share_a_page_and_the_contents_say_where_each_starts():
    """Six roles of a few lines each fit on two pages: each role's bookmark (and contents
    entry) points to the page its heading is on."""
    style = load_style("default")
    data = render_pdf(load_ladder(short_roles(6)), style)
    reader = PdfReader(io.BytesIO(data))
    marks = {title: page for depth, title, page in outline(reader) if depth == 1}
    assert len(set(marks.values())) <= 2
    pages = read_pages(data, style.page.margin_mm * MM)
    for title, page in marks.items():
        assert any(ln.text == title for ln in pages[page].lines), title


def test_a_role_that_does_not_fit_starts_a_new_page_when_little_is_left():
    """A role starts on the page before only when it fits there or most of that page is
    left: in the default handout every role has a page of its own, its heading at the top."""
    style = load_style("default")
    ladder = load_ladder(str(DEFAULT_LADDER))
    data = render_pdf(ladder, style)
    reader = PdfReader(io.BytesIO(data))
    marks = [page for depth, _, page in outline(reader) if depth == 1]
    assert len(set(marks)) == len(ladder.roles)
    pages = read_pages(data, style.page.margin_mm * MM)
    for page, role in zip(marks, ladder.ordered_roles):
        assert pages[page].lines[0].text == role.title


def test_the_same_ladder_gives_the_same_bytes(rendered):
    """Flowing pages decide from measurements only: a second render is byte-identical."""
    ladder, data, _ = rendered["design"]
    assert render_pdf(ladder, load_style("default")) == data



def test_a_worksheet_too_long_for_one_column_takes_two_and_stays_one_page():
    """The design ladder's worksheets of six dimensions do not fit one column: each is set in
    two and is one page, not a page and a leftover dimension overleaf."""
    style = load_style("default")
    data = render_pdf(load_ladder(str(LADDERS["design"])), style, worksheet=True)
    reader = PdfReader(io.BytesIO(data))
    entries = outline(reader)
    start = next(i for i, (depth, title, _) in enumerate(entries) if depth == 0 and title == "Evidence worksheet")
    pages = [page for depth, _, page in entries[start + 1:] if depth == 1]
    assert len(pages) == 7
    assert pages == list(range(pages[0], pages[0] + 7)) and pages[-1] == len(reader.pages) - 1


def test_long_cells_put_each_name_over_its_values_and_give_them_the_width():
    """A framework's statement lists: the role's table has no name column; a dimension's name
    heads its row's first cell, and the role's and the next role's columns share the width."""
    style = load_style("default")
    margin = style.page.margin_mm * MM
    pages = read_pages(render_pdf(load_ladder(statements_ladder(6, groups=False)), style), margin)
    page = next(p for p in pages if any(ln.text == "What changes at the next level" for ln in p.lines))
    start = next(ln.top for ln in page.lines if ln.text == "What changes at the next level")
    end = min([ln.top for ln in page.lines if ln.text == "Profile"] + [page.height])  # the next role's
    table = [ln for ln in page.lines if start < ln.top < end]
    assert not any(ln.text.startswith("Dimension") for ln in table)
    name = next(ln for ln in table if ln.text == "Big competency")
    first = next(ln for ln in page.lines if "s000" in ln.text)
    assert 0 < first.top - name.top < 15 and abs(first.x - name.x) < 12  # right under the name
    head = next(ln for ln in page.lines if ln.text.startswith("\u2192 Second role"))
    assert head.x - margin > 0.45 * (page.width - 2 * margin)


def test_short_cells_keep_the_name_column(rendered):
    """The shipped ladder's role pages keep their Dimension column."""
    _, _, pages = rendered["default"]
    role_pages = [p for p in pages if any(ln.text == "What changes at the next level" for ln in p.lines)]
    assert role_pages and all(any(ln.text.startswith("Dimension") for ln in p.lines) for p in role_pages)
