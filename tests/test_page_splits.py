"""Where tables break, read back from the PDF's geometry (poppler's pdftotext -bbox-layout):
the matrix keeps the ladder's order, and a row split between pages leaves a real part of it
overleaf, not a line or a note alone under the repeated header."""

from __future__ import annotations

import re
import shutil

import pytest

from big_framework import write_big_framework
from pmladder.load.ladder import load_ladder
from pmladder.load.style import MM, load_style
from pmladder.outputs.pdf.handout import render_pdf
from pmladder.outputs.pdf.textblocks import SPLIT_ROW_SHARE
from test_page_fill import LADDERS, cell_text, read_pages

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext is not installed")

STYLE = load_style("default")
MARGIN = STYLE.page.margin_mm * MM


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """name -> (ladder, pages), for the ladders whose tables break between pages."""
    found = {}
    for name in ("design", "polish", "dropbox", "big framework", "shorter roles"):
        path = LADDERS[name] or write_big_framework(tmp_path_factory.mktemp("big"))
        ladder = load_ladder(str(path))
        found[name] = (ladder, read_pages(render_pdf(ladder, STYLE), MARGIN))
    return found


def test_the_matrix_lists_groups_in_the_order_of_the_role_pages(rendered):
    """The design ladder's Craft (its ratings) comes first on every role page and in the matrix."""
    ladder, pages = rendered["design"]
    expected = list(dict.fromkeys(ladder.group(d.group).name for d in ladder.dimensions))
    matrix = [i for i, page in enumerate(pages) if any(ln.text.startswith("Comparison matrix") for ln in page.lines)]
    names = [ln.text for i in matrix for ln in pages[i].lines if ln.text in expected]
    assert list(dict.fromkeys(names)) == expected


@pytest.mark.parametrize("name", ["design", "polish", "dropbox", "big framework", "shorter roles"])
def test_a_split_row_leaves_more_than_a_line_or_a_note_overleaf(rendered, name):
    """Under a row's name "(continued)" there is at least a twentieth of the text area of the
    row's own text (the rest of a statement, a statement), never one line or its note alone."""
    ladder, pages = rendered[name]
    continued = ladder.label("continued", name="")
    names = {d.name for d in ladder.dimensions} | {g.name for g in ladder.groups}
    slivers = []
    for number, page in enumerate(pages, 1):
        heads = [ln for ln in page.lines if any(ln.text.startswith(n) for n in names)]
        for line in heads:
            if not cell_text(page, line).endswith(continued.strip()) or line.text.split(" (")[0] in {
                    g.name for g in ladder.groups}:
                continue
            below = [ln.top for ln in heads if ln.top > line.bottom + 1 and abs(ln.x - line.x) < 1]
            end = min(below, default=max(ln.bottom for ln in page.lines))
            if end - line.top < 0.05 * (page.height - 2 * MARGIN):
                slivers.append((number, line.text, round(end - line.top)))
    assert not slivers


def test_the_last_page_holds_more_than_the_last_row_of_a_table(rendered):
    """Dropbox's last table ends with a short row: the row before it goes over with it, so the
    handout's last page is not one row under the table's header."""
    _, pages = rendered["dropbox"]
    levels = [ln for ln in pages[-1].lines if re.fullmatch(r"IC\d \u00b7 M\d", ln.text)]
    assert len(levels) >= 2, [ln.text for ln in pages[-1].lines]


def test_a_matrix_table_continued_overleaf_brings_more_than_one_row(rendered):
    """The Polish matrix's ratings go on overleaf: two rows or more under the repeated header."""
    ladder, pages = rendered["polish"]
    corner, names = ladder.label("dimension"), {d.name for d in ladder.dimensions}
    continued = ladder.label("continued", name=ladder.label("matrix"))
    for page in pages:
        if not any(ln.text == continued for ln in page.lines):
            continue
        corners = sorted((ln for ln in page.lines if ln.text == corner), key=lambda ln: ln.top)
        end = corners[1].top if len(corners) > 1 else page.height
        rows = [ln for ln in page.lines if abs(ln.x - corners[0].x) < 1 and corners[0].top < ln.top < end
                and any(name.startswith(ln.text) for name in names)]  # a name's first line
        assert len(rows) >= 2, [ln.text for ln in rows]


def test_no_line_of_a_matrix_header_starts_with_its_separator(rendered):
    """"Short title · Level · Track" in a narrow Polish column: a part that fills its line
    ends it, and the next line starts with a word, never with "·"."""
    ladder, pages = rendered["polish"]
    matrix = [page for page in pages if any(ln.text.startswith(ladder.label("matrix")) for ln in page.lines)]
    assert matrix
    assert not [ln for page in matrix for ln in page.lines if ln.text.startswith("\u00b7")]


@pytest.mark.parametrize("name", ["dropbox", "big framework"])
def test_a_roles_table_starts_under_its_heading_where_its_first_rows_fit(rendered, name):
    """A role's heading, lead and promotion paths do not end a page while its table starts
    the next, unless what was left under them holds no start of it: the table's heading, its
    header and group rows (as tall as they are overleaf) and a tenth of a page of its first
    row (a row is not cut to leave less: SPLIT_ROW_SHARE)."""
    ladder, pages = rendered[name]
    titles = {role.title for role in ladder.roles}
    opening = {ladder.label("next_level"), ladder.label("profile")}
    names = {d.name for d in ladder.dimensions}

    def start_needs(page) -> float:
        """The share of a page above the table's first dimension row: heading, header, group."""
        first = next(ln for ln in page.lines if ln.text in names or ln.text.startswith(tuple(names)))
        return (first.top - page.lines[0].top) / (page.height - 2 * page.margin)

    apart = [(number, round(page.blank, 2)) for number, (page, following) in enumerate(zip(pages, pages[1:]), 1)
             if any(ln.text in titles and ln.bottom - ln.top > 15 for ln in page.lines)
             and following.lines and following.lines[0].text in opening
             and page.blank > start_needs(following) + SPLIT_ROW_SHARE]
    assert not apart
