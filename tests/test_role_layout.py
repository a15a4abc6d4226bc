"""A role page as printed, read back from the PDF's geometry (poppler's pdftotext -bbox-layout):
what stands on it when a role has little to say, and what its notes say."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from pmladder.load.ladder import load_ladder
from pmladder.load.style import MM, load_style
from pmladder.outputs.pdf.handout import render_pdf
from test_page_fill import read_pages

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext is not installed")

STYLE = load_style("default")
MARGIN = STYLE.page.margin_mm * MM
GITLAB = ROOT / "data" / "frameworks" / "gitlab-product.yaml"
DROPBOX = ROOT / "data" / "frameworks" / "dropbox-engineering.yaml"


def printed(path):
    """A framework's ladder and the lines of its handout's pages."""
    ladder = load_ladder(str(path))
    return ladder, read_pages(render_pdf(ladder, STYLE), MARGIN)


@pytest.fixture(scope="module")
def gitlab():
    return printed(GITLAB)


def test_promotion_paths_start_at_the_left_when_a_role_lists_nothing_it_does(gitlab):
    """GitLab's roles have no responsibilities or skills: "Promotion paths" is not pushed into
    a right-hand column beside an empty left one."""
    ladder, pages = gitlab
    heads = [ln for page in pages for ln in page.lines if ln.text == ladder.label("promotion_paths")]
    assert heads and all(ln.x < MARGIN + 2 for ln in heads), heads


def test_the_no_change_note_points_only_at_what_is_there(gitlab):
    """A role with nothing above its table: the note does not send the reader to "scope and
    expectations above", and it stands as far under the table as a table after a table does."""
    ladder, pages = gitlab
    text = [ln for page in pages for ln in page.lines]
    assert not [ln for ln in text if "expectations above" in ln.text]
    for page in pages:
        for line in page.lines:
            if line.text.endswith(": " + ladder.label("no_changes_here")):
                above = max(ln.bottom for ln in page.lines if ln.bottom < line.top)
                assert line.top - above >= 10, (line, above)
                break
    assert [ln for ln in text if ln.text.endswith(": " + ladder.label("no_changes_here"))]


@pytest.fixture(scope="module")
def dropbox():
    return printed(DROPBOX)


def test_a_short_title_that_is_the_level_name_is_one_chip(dropbox):
    """Dropbox's IC1 is both the role's short title and its level's name: one chip says it."""
    ladder, pages = dropbox
    for role in ladder.roles:
        for page in pages:
            heads = [ln for ln in page.lines if ln.text == role.title and ln.bottom - ln.top > 15]
            if heads:
                chips = [ln for ln in page.lines if ln.text == role.short and 0 < ln.top - heads[0].bottom < 30]
                assert len(chips) == 1, (role.short, chips)
                break
        else:
            raise AssertionError(f"no heading for {role.title}")


def test_statements_new_where_the_role_before_had_none_are_marked_new(dropbox):
    """IC1 lists no Software Design: every IC2 statement beside its dash is new, marked "+"."""
    _, pages = dropbox
    for page in pages:
        names = [ln for ln in page.lines if ln.text == "Software Design"]
        if names and any(ln.text == "\u2192 IC2 Software Engineer" for ln in page.lines):
            beside = [ln for ln in page.lines if abs(ln.top - names[0].top) < 3 and ln.x > names[0].x + 100]
            assert beside and beside[0].text.startswith("+"), beside
            return
    raise AssertionError("no IC1 to IC2 Software Design row")
