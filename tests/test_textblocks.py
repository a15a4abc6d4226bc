"""Tables in the handout (the profile and the matrix): rows that continue overleaf under their
header, a cell taller than a page split between its lines, and text that stays inside its row."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from conftest import link_targets, make_ladder, norm, outline, pdf_texts
from pmladder.load.ladder import load_ladder
from pmladder.load.style import load_style
from pmladder.outputs.pdf.handout import render_pdf


def landscape_texts(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [p.extract_text() for p in reader.pages if p.mediabox.width > p.mediabox.height]


def test_a_matrix_longer_than_a_page_repeats_its_header_row():
    """Forty dimensions do not fit one landscape page: every matrix page starts with the role titles."""
    ladder = load_ladder(make_ladder(3, 1, 40))
    pages = landscape_texts(render_pdf(ladder, load_style("default")))
    assert len(pages) >= 2
    for text in pages:
        for role in ladder.roles:
            assert norm(role.title) in norm(text)
    shown = norm("".join(pages))
    for dim in ladder.dimensions:  # every row once, none lost at a page break
        assert shown.count(norm(dim.name) + ("" if dim.is_rating else "value")) >= 1, dim.id


def test_a_cell_taller_than_a_page_continues_between_its_lines():
    """A 1,600-word value cannot fit on any page, even in the progression's wide column (a cell
    that long makes one): it is split between lines and every word arrives, in order, across the
    comparison's pages (nothing is clipped or dropped)."""
    data = make_ladder(2, 1, 2)
    words = [f"w{i:04d}" for i in range(1600)]
    data["roles"][0]["dimensions"]["d0"] = " ".join(words)
    ladder = load_ladder(data)
    pages = landscape_texts(render_pdf(ladder, load_style("default")))
    assert len(pages) >= 2
    found = re.findall(r"w\d{4}", "".join(pages))
    assert found == words


def test_row_text_stays_inside_its_row():
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


def lines_of(data: bytes) -> list[str]:
    """Every printed line of every page, as pdftotext -layout would read them (pypdf lines)."""
    return [line.strip() for text in pdf_texts(data) for line in text.splitlines() if line.strip()]


def one_role(summary: str, responsibilities: list[str]) -> dict:
    return {"ladder": {"title": "T"}, "roles": [{"id": "a", "title": "A", "level": 1, "summary": summary,
                                                 "responsibilities": responsibilities}]}


def test_a_one_letter_word_never_ends_a_line_of_body_text():
    """Polish typesetting: w, i, z, a, o, u go down to the next line with the word they lead.
    Every other word here is one letter, so a plain greedy wrap would leave some at line ends."""
    words = "pracuje w zespole i z ludźmi o sprawach u klienta a potem w firmie".split()
    text = " ".join(words * 12)
    ladder = load_ladder(one_role(text, [text]))
    lines = [line for line in lines_of(render_pdf(ladder, load_style("default"))) if "zespole" in line]
    assert len(lines) >= 10
    for line in lines:
        assert not re.search(r"(^|\s)\w$", line), line


def test_no_line_of_body_text_starts_with_closing_japanese_punctuation():
    """Kinsoku: 、。」 and the long-vowel mark ー stay at the end of the line they follow."""
    sentence = "製品マネージャーは、顧客の課題を理解し、チームと一緒に解決策を届ける。「成果」を測る。"
    ladder = load_ladder(one_role(sentence * 8, [sentence * 3]))
    lines = [line for line in lines_of(render_pdf(ladder, load_style("default"))) if "顧客" in line or "成果" in line]
    assert len(lines) >= 6
    for line in lines:
        assert line[0] not in "、。」ー", line


def test_contents_entries_link_to_their_pages():
    """Each contents line is a link to the page its section starts on."""
    data = render_pdf(load_ladder(None), load_style("default"))
    reader = PdfReader(io.BytesIO(data))
    targets = link_targets(reader, 1)
    entries = {page for depth, _, page in outline(reader) if depth == 0}
    assert entries - {1} <= targets  # every section but Contents itself
    assert len(targets) >= 10  # and every role


def test_japanese_text_fills_its_lines_across_spaces():
    """A space between two Japanese sentences is not a reason to end the line early: Japanese
    breaks between any two characters, so every line but the last is about as long."""
    sentence = "ソフトウェアエンジニアの成長の道筋を示すものです。そして次の段階へ。"  # 3/4 of a line
    ladder = load_ladder(one_role(" ".join([sentence] * 12), []))
    lines = [line for line in lines_of(render_pdf(ladder, load_style("default")))
             if any(word in line for word in ("エンジニ", "道筋", "段階"))]
    assert len(lines) >= 6
    assert all(len(line) > len(sentence) + 3 for line in lines[:-1]), lines


# ---------------------------------------------------------------- text blocks and grids (line breaking itself: test_wrap.py)


def fontset():
    from pmladder.text.fonts import FontSet

    return FontSet.for_style(load_style("default"))


def test_mixed_weight_segments_keep_their_styles_and_hard_breaks():
    from pmladder.outputs.pdf.textblocks import TextBlock, TextStyle

    block = TextBlock([("Leads to: ", True, None), ("Pourquoi ? abc def ghi jkl\nnext line", False, None),
                       (" (Level 3)", False, "#888888")], fontset(), TextStyle(9.5, 12, "#000000"))
    block.wrap(110, 1000)
    runs = [run for line in block._lines for run in line]
    assert "".join(text for text, _, _ in runs).replace(" ", "") == "Leadsto:Pourquoi?abcdefghijklnextline(Level3)"
    assert all(bold for text, bold, _ in runs if text.startswith("Leads"))
    assert all(not bold for text, bold, _ in runs if "abc" in text or "ghi" in text)
    assert [color for text, _, color in runs if "Level" in text] == ["#888888"]
    assert any(line[0][0].startswith("next line") for line in block._lines)  # "\n" starts a line


def test_the_dimension_column_fits_its_heading():
    """Short dimension names must not squeeze the column until its heading "Dimension" splits."""
    data = {"ladder": {"title": "T"},
            "dimensions": [{"id": "s", "name": "Scope"}, {"id": "c", "name": "Craft", "kind": "rating"}],
            "roles": [{"id": "a", "title": "A", "level": 1, "summary": "S.", "next": ["b"],
                       "dimensions": {"s": "Small", "c": 1}},
                      {"id": "b", "title": "B", "level": 2, "summary": "S.", "dimensions": {"s": "Large", "c": 2}}]}
    text = "\n".join(pdf_texts(render_pdf(load_ladder(data), load_style("default"))))
    assert "Dimension" in text and "Dimen\n" not in text


def test_a_heading_is_never_left_alone_above_a_huge_first_row():
    """A 900-word value: "What changes at the next level" and the matrix title stay on the page
    where their table starts, which splits the huge row between its lines."""
    words = " ".join(f"word{i}" for i in range(900))
    data = {"ladder": {"title": "T"}, "dimensions": [{"id": "s", "name": "Scope"}],
            "roles": [{"id": "a", "title": "A", "level": 1, "summary": "S.", "next": ["b"], "dimensions": {"s": words}},
                      {"id": "b", "title": "B", "level": 2, "summary": "S.", "dimensions": {"s": "Small"}}]}
    pages = pdf_texts(render_pdf(load_ladder(data), load_style("default")))
    for heading in ("What changes at the next level", "Comparison matrix"):
        page = next(p for p in pages[2:] if heading in p)  # after the contents page
        assert "word0" in page, heading  # the table's first row starts under its heading
    found = re.findall(r"word\d+", "".join(pages))
    assert found == [f"word{i}" for i in range(900)] * 2  # the role table and the matrix, whole


def test_a_column_ending_exactly_at_the_page_foot_splits_cleanly():
    """Responsibilities that end within a point or two of the page foot (where the last item's
    space below used to be counted once and not the other time) render whole."""
    short, long_ = "Own the roadmap of one product area", "Own the roadmap of one product area and write the strategy for it with the team"
    for extra in range(0, 8):
        items = [short] * (30 + extra) + [long_] * 4
        data = {"ladder": {"title": "T"}, "roles": [{"id": "pm", "title": "PM", "level": 1,
                                                     "summary": "Owns a product.", "responsibilities": items}]}
        text = "".join(pdf_texts(render_pdf(load_ladder(data), load_style("default"))))
        assert norm(text).count(norm(short)) == len(items), extra


def test_a_grid_narrows_to_a_narrower_frame():
    from pmladder.outputs.pdf.textblocks import Grid, GridLook, TextBlock, TextStyle

    fonts, style = fontset(), TextStyle(8.5, 11, "#000000")
    grid = Grid([[TextBlock("Dimension", fonts, style), TextBlock("A long value " * 5, fonts, style)]],
                [150, 350], GridLook(pad_x=5, pad_top=2, pad_bottom=2, rule="#CCCCCC"), room=None)
    width, height = grid.wrap(250, 800)
    assert width <= 250 and sum(grid.widths) <= 250.5 and height > 11


def test_a_role_title_longer_than_a_page_flows_on():
    from pmladder.load.checks import MAX_NAME

    title = "".join(chr(0x4E00 + i % 500) for i in range(MAX_NAME))  # in 24-point body type, no page holds it
    data = {"ladder": {"title": "T"}, "roles": [{"id": "a", "title": title, "level": 1, "summary": "S."}]}
    style = load_style("default")
    style = style._replace(fonts=style.fonts._replace(base_size=24.0))
    text = "".join(pdf_texts(render_pdf(load_ladder(data), style)))
    assert norm(title) in norm(text)
