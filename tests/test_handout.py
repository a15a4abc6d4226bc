"""The printed handout as a reader meets it: pages, text, outline, fonts, excerpts and safety."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import warnings

import pytest
from pypdf import PdfReader

from conftest import (
    DEFAULT_LADDER,
    POLISH_JAPANESE,
    ROOT,
    TWO_TRACK,
    ladder_text,
    link_targets,
    make_ladder,
    norm,
    outline,
    pdf_texts,
)
from pmladder.errors import RenderError
from pmladder.load.ladder import load_ladder
from pmladder.load.style import load_style
from pmladder.outputs.pdf.handout import MissingGlyphsWarning, flowables, render_pdf


@pytest.fixture(scope="module")
def ladder():
    return load_ladder(DEFAULT_LADDER)


@pytest.fixture(scope="module")
def style():
    return load_style("default")


@pytest.fixture(scope="module")
def handout(ladder, style) -> bytes:
    return render_pdf(ladder, style)


@pytest.fixture(scope="module")
def reader(handout) -> PdfReader:
    return PdfReader(io.BytesIO(handout))


@pytest.fixture(scope="module")
def pages(handout) -> list[str]:
    return pdf_texts(handout)


class TestDocument:
    def test_each_role_heads_its_own_page(self, ladder, reader, pages):
        """The outline's entry for a role opens a page whose first words after the running header are its title."""
        entries = {title: page for _, title, page in outline(reader)}
        for role in ladder.ordered_roles:
            text = norm(pages[entries[role.title]])
            assert norm(role.title) in text
            assert text.index(norm(role.title)) < text.index(norm(role.summary)[:30])

    def test_outline_lists_sections_and_every_role_under_roles(self, ladder, reader):
        """Top-level sections in reading order, the roles nested one level under "Roles"."""
        entries = outline(reader)
        top = [title for depth, title, _ in entries if depth == 0]
        assert top == ["Contents", "Introduction", "The ladder at a glance", "Roles", "Comparison matrix"]
        nested = [title for depth, title, _ in entries if depth == 1]
        assert nested == [r.title for r in ladder.ordered_roles]
        assert [page for _, _, page in entries] == sorted(page for _, _, page in entries)

    def test_contents_prints_the_page_numbers_the_outline_points_to(self, ladder, reader, pages):
        contents = pages[1]
        for _depth, title, page in outline(reader):
            if title == "Contents":
                continue
            assert re.search(re.escape(title) + r"\s*\n\s*" + str(page + 1) + r"\b", contents), title

    def test_running_footer_counts_pages(self, pages):
        """Every page but the cover says "Page X of Y" with the true total."""
        assert "Page" not in pages[0]
        for number, text in enumerate(pages[1:], start=2):
            assert f"Page {number} of {len(pages)}" in text

    def test_chart_labels_are_text(self, ladder, reader, pages):
        """The ladder chart is vector graphics with real text: every title and level label extracts."""
        page = next(p for _, t, p in outline(reader) if t == "The ladder at a glance")
        text = norm(pages[page])
        for role in ladder.roles:
            assert norm(role.title) in text
        for level in ladder.levels:
            assert f"Level{level}" in text

    def test_chart_boxes_link_to_role_pages(self, ladder, reader):
        page = next(p for _, t, p in outline(reader) if t == "The ladder at a glance")
        entries = {title: p for _, title, p in outline(reader)}
        assert {entries[r.title] for r in ladder.roles} <= link_targets(reader, page)

    def test_every_matrix_cell_appears_on_landscape_pages(self, ladder, reader, pages):
        landscape = [i for i, page in enumerate(reader.pages) if page.mediabox.width > page.mediabox.height]
        assert landscape, "the matrix is printed on landscape pages"
        text = norm("".join(pages[i] for i in landscape))
        for dim in ladder.dimensions:
            assert norm(dim.name) in text
            for role in ladder.roles:
                value = role.values.get(dim.id)
                shown = "●" * value + "○" * (dim.scale - value) if dim.is_rating else str(value)
                assert norm(shown) in text, (dim.id, role.id)

    def test_each_role_fits_one_page_with_what_changes_beside_its_profile(self, ladder, reader, pages):
        """The default ladder's role pages are one page each: the profile table, with only what
        differs at the next level beside it ("No change" elsewhere) and rating steps as (+1)."""
        entries = {title: page for _, title, page in outline(reader)}
        starts = [entries[r.title] for r in ladder.ordered_roles]
        assert starts == list(range(starts[0], starts[0] + len(starts)))
        apm, pm = ladder.role("apm"), ladder.role("pm")
        text = norm(pages[entries[apm.title]])
        assert "Whatchangesatthenextlevel" in text and norm("→ " + pm.title) in text
        assert norm("●○○○○ ●●○○○ (+1)") in text  # product strategy 1 -> 2, side by side
        for change in ladder.changes(apm, pm):
            if not change.dimension.is_rating:
                assert norm(f"{change.before} {change.after}") in text, change.dimension.id
        same = [d for d in ladder.dimensions if apm.values.get(d.id) == pm.values.get(d.id)]
        assert text.count("Nochange") == len(same)
        top = ladder.ordered_roles[-1]
        top_text = norm(pages[entries[top.title]])
        assert "Thisisthetopofitstrack." in top_text and "Profile" in top_text
        assert "Whatchanges" not in top_text

    def test_larger_type_still_gives_each_role_one_page(self, ladder):
        """The slides style sets everything 10% larger: a role page that would run over drops
        its radar (its dots are in the table) rather than spill three rows onto a new page."""
        reader = PdfReader(io.BytesIO(render_pdf(ladder, load_style("slides"))))
        entries = {title: page for _, title, page in outline(reader)}
        starts = [entries[r.title] for r in ladder.ordered_roles]
        assert starts == list(range(starts[0], starts[0] + len(starts)))

    def test_a_role_with_two_next_steps_compares_both_on_its_page(self):
        """Senior engineer leads to staff (IC track) and to engineering manager: one table, a
        column for each, and each column shows that step's own changes."""
        ladder = load_ladder(TWO_TRACK)
        data = render_pdf(ladder, load_style("default"))
        reader = PdfReader(io.BytesIO(data))
        page = next(p for _, t, p in outline(reader) if t == ladder.role("senior").title)
        text = norm(reader.pages[page].extract_text())
        senior = ladder.role("senior")
        for nxt in ladder.next_roles(senior):
            assert norm("→ " + nxt.title) in text
            changed = [c for c in ladder.changes(senior, nxt) if not c.dimension.is_rating and c.after]
            assert changed and all(norm(str(c.after)) in text for c in changed), nxt.id

    def test_a_role_longer_than_a_page_continues_overleaf_in_both_columns(self):
        """Eighty responsibilities and forty skills: the columns continue on the next pages,
        every item printed once and in order."""
        items = [f"Responsibility number {i:02d} of this very busy role" for i in range(80)]
        skills = [f"Skill {i:02d}" for i in range(40)]
        data = {"ladder": {"title": "Long"}, "roles": [
            {"id": "a", "title": "A", "level": 1, "summary": "S.", "responsibilities": items, "skills": skills}]}
        text = "\n".join(pdf_texts(render_pdf(load_ladder(data), load_style("default"))))
        assert re.findall(r"Responsibility number (\d\d)", text) == [f"{i:02d}" for i in range(80)]
        assert re.findall(r"Skill (\d\d)", text) == [f"{i:02d}" for i in range(40)]

    def test_metadata(self, reader, ladder):
        info = reader.metadata
        assert info.title == ladder.title
        assert info.subject == ladder.subtitle
        assert "career ladder" in info["/Keywords"]

    def test_default_handout_is_small(self, handout):
        assert len(handout) < 300_000


class TestFontsAndText:
    def test_every_font_is_embedded(self, handout):
        """No base-14 or other non-embedded font anywhere, in pages or in forms."""
        reader = PdfReader(io.BytesIO(handout))
        seen = {}

        def fonts_of(resources):
            resources = resources.get_object() if resources else {}
            for font in (resources.get("/Font") or {}).values():
                font = font.get_object()
                seen[str(font["/BaseFont"])] = font
            for xobject in (resources.get("/XObject") or {}).values():
                fonts_of(xobject.get_object().get("/Resources"))

        for page in reader.pages:
            fonts_of(page.get("/Resources"))
        assert seen
        for name, font in seen.items():
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, name
            assert "/FontFile2" in descriptor.get_object(), name
            assert "Helvetica" not in name

    def test_polish_and_japanese_extract_exactly(self):
        ladder = load_ladder(POLISH_JAPANESE)
        expected = [ladder.title, ladder.intro[-1].heading, ladder.ordered_roles[0].short]
        with warnings.catch_warnings():
            warnings.simplefilter("error", MissingGlyphsWarning)
            data = render_pdf(ladder, load_style("default"))
        joined = "\n".join(pdf_texts(data))
        for text in expected:
            assert text in joined
        assert "Ścieżka" in joined

    def test_ladder_text_is_never_markup(self):
        """Tags and entities in ladder text print literally, and no file is read for an <img>."""
        nasty = '<b>&<img src="/etc/passwd"/> <font face="Courier">x</font> &amp;'
        ladder = load_ladder(text=ladder_text(f"""\
            - id: a
              title: "A <i>role</i>"
              level: 1
              summary: '{nasty}'
              responsibilities: ['{nasty}']
            """))
        data = render_pdf(ladder, load_style("default"))
        joined = "\n".join(pdf_texts(data))
        assert nasty in joined.replace("\n", " ")
        assert "A <i>role</i>" in joined
        assert b"Courier" not in data and b"/Subtype /Image" not in data

    def test_missing_glyphs_warn_once_naming_the_character(self):
        ladder = load_ladder(text=ladder_text("""\
            - id: a
              title: Alpha
              level: 1
              summary: "Unassigned \\U0010FFFD here"
            """))
        with pytest.warns(MissingGlyphsWarning, match="U\\+10FFFD"):
            render_pdf(ladder, load_style("default"))
        with warnings.catch_warnings():  # the report is per render: a clean ladder stays quiet
            warnings.simplefilter("error", MissingGlyphsWarning)
            render_pdf(load_ladder(DEFAULT_LADDER), load_style("default"), roles=["apm"])

    def test_long_unbreakable_words_wrap_in_matrix_cells(self):
        data = make_ladder(9, tracks=2, dimensions=4)
        word = "Donaudampfschifffahrtsgesellschaftskapitän" * 5  # 210 characters: still a matrix cell
        url = "https://example.com/" + "/".join(["averyveryverylongpathsegment"] * 6)
        data["roles"][0]["dimensions"]["d0"] = word
        data["roles"][1]["dimensions"]["d0"] = url
        data["dimensions"][0]["name"] = "Unterscheidungsmerkmalsbeschreibung" * 2
        ladder = load_ladder(data)
        pdf = render_pdf(ladder, load_style("default"))
        text = norm("\n".join(pdf_texts(pdf)))
        assert norm(word) in text and norm(url) in text
        reader = PdfReader(io.BytesIO(pdf))
        landscape = "".join(p.extract_text() for p in reader.pages if p.mediabox.width > p.mediabox.height)
        assert all(norm(r.title) in norm(landscape) for r in ladder.roles)  # nine roles: two tables


class TestOptions:
    def test_two_renders_are_byte_identical(self, ladder, style, handout):
        assert render_pdf(ladder, style) == handout

    def test_excerpt_holds_the_roles_and_their_next_roles(self, ladder, style):
        data = render_pdf(ladder, style, roles=["pm"], highlight="pm")
        reader = PdfReader(io.BytesIO(data))
        roles = [title for depth, title, _ in outline(reader) if depth == 1]
        assert roles == ["Product Manager", "Senior Product Manager"]
        joined = "\n".join(pdf_texts(data))
        assert "You are here" in joined
        assert "Comparison matrix" not in joined and "Contents" not in joined
        assert len(reader.pages) < 8

    def test_excerpt_of_an_unknown_role_names_it(self, ladder, style):
        with pytest.raises(RenderError, match="'nobody'"):
            render_pdf(ladder, style, roles=["pm", "nobody"])

    def test_worksheet_pages(self, ladder, style):
        data = render_pdf(ladder, style, worksheet=True)
        reader = PdfReader(io.BytesIO(data))
        entries = outline(reader)
        assert ("Evidence worksheet" in [t for d, t, _ in entries if d == 0])
        first = next(p for d, t, p in entries if t == "Evidence worksheet")
        texts = pdf_texts(data)  # once: each page's text takes pypdf a while
        assert norm("Evidence worksheet: Associate Product Manager") in norm(texts[first])
        worksheets = "\n".join(texts[first:])
        assert all(dim.name in worksheets for dim in ladder.dimensions)

    def test_a_long_worksheet_has_lines_to_write_on_in_both_columns(self, ladder, style):
        """More than six dimensions take two columns; under each dimension, three lines to write on,
        and no rules between the rows (the page's head and foot rules are the only others)."""
        data = render_pdf(ladder, style, worksheet=True)
        reader = PdfReader(io.BytesIO(data))
        first = next(p for d, t, p in outline(reader) if t == "Evidence worksheet")
        stream = reader.pages[first].get_contents().get_data().decode("latin-1")
        per_column: dict[str, int] = {}
        for x, drawn in re.findall(r"q\n1 0 0 1 ([\d.]+) [\d.]+ cm\n(.*?)Q", stream, re.S):
            per_column[x] = per_column.get(x, 0) + drawn.count(" l S")
        dimensions = len(ladder.dimensions)
        assert dimensions > 6
        assert sorted(n for n in per_column.values() if n) == [3 * (dimensions // 2), 3 * ((dimensions + 1) // 2)]
        assert len(re.findall(r" m [\d.]+ [\d.]+ l S", stream)) == 3 * dimensions + 2

    @pytest.mark.parametrize("size, width, height", [("letter", 612, 792), ("a4", 595.28, 841.89)])
    def test_page_sizes(self, ladder, size, width, height):
        data = render_pdf(ladder, load_style("default").with_page_size(size), roles=["apm"])
        page = PdfReader(io.BytesIO(data)).pages[0]
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.5)

    def test_print_style_uses_no_colour(self, ladder):
        """Every fill and stroke colour in the grayscale style is a gray (r = g = b)."""
        reader = PdfReader(io.BytesIO(render_pdf(ladder, load_style("print"))))
        streams = []
        for page in reader.pages:
            streams.append(page.get_contents().get_data())
            for xobject in (page["/Resources"].get("/XObject") or {}).values():
                streams.append(xobject.get_object().get_data())
        colours = re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b", b"\n".join(streams))
        assert colours
        assert all(r == g == b for r, g, b in colours)

    def test_flowables_fit_a_callers_document(self, ladder, style):
        from reportlab.lib.pagesizes import A5
        from reportlab.platypus import SimpleDocTemplate

        buffer = io.BytesIO()
        story = flowables(ladder, style, roles=["spm"])
        SimpleDocTemplate(buffer, pagesize=A5, invariant=1).build(story)
        joined = norm("\n".join(pdf_texts(buffer.getvalue())))
        assert norm("Senior Product Manager") in joined and norm("Group Product Manager") in joined


def test_building_a_handout_does_not_import_matplotlib():
    code = (
        "import sys; from pmladder.load.ladder import load_ladder; from pmladder.load.style import load_style; "
        "from pmladder.outputs.pdf.handout import render_pdf; render_pdf(load_ladder(), load_style('default')); "
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'"
    )
    env_path = str(ROOT / "src")
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"})
