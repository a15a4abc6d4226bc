"""Bounds on what a ladder may hold, each tested at its edge and one past it, and the valid
inputs that used to end in "internal error" (issue 18).

The CLI side of each refusal (the exact `Error: FILE:LINE:` line) is in tests/corpus/ladders;
these tests load in process, so the limits' edges stay cheap enough for every CI run.
"""

from __future__ import annotations

import time

import pytest
import yaml

from conftest import named_points_ladder, pdf_texts
from pmladder import LadderError, load_ladder, load_style
from pmladder.load import checks, dimensions, limits


def _role(i: int, **fields) -> dict:
    return {"id": f"r{i}", "title": f"Role {i}", "level": 1, "summary": "s", **fields}


def _base(**top) -> dict:
    data = {"ladder": {"title": "T"}, "roles": [_role(0)]}
    data.update(top)
    return data


def _with_role(**fields) -> dict:
    return _base(roles=[_role(0, **fields)])


def _problems(data: dict) -> list[tuple[str, str]]:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9).encode()
    try:
        load_ladder(text)
    except LadderError as exc:
        return [(p.path, p.message) for p in exc.problems]
    return []


NAME, ITEMS = checks.MAX_NAME, checks.MAX_ITEMS


def _next(n: int) -> dict:
    return _base(roles=[_role(0, next=[f"r{i}" for i in range(1, n + 1)])]
                 + [_role(i, level=2) for i in range(1, n + 1)])


def _tracks(n: int) -> dict:
    return _base(tracks=[{"id": f"t{i}", "name": f"Track {i}"} for i in range(n)], roles=[_role(0, track="t0")])


def _dimensions(n: int) -> dict:
    return _base(dimensions=[{"id": f"d{i}", "name": f"D{i}"} for i in range(n)])


def _characters(n: int) -> dict:
    """A ladder holding exactly n characters of text: a title, role titles, summaries."""
    roles = limits.MAX_ROLES
    left = n - 1 - roles  # the ladder's title and one-letter role titles
    each, extra = divmod(left, roles)
    summaries = [each + (k < extra) for k in range(roles)]
    assert max(summaries) <= checks.MAX_TEXT
    assert min(summaries) > 0
    return {"ladder": {"title": "T"},
            "roles": [{"id": f"r{i}", "title": "R", "level": 1, "summary": "w" * summaries[i]} for i in range(roles)]}


# name -> (ladder with n of the thing, the limit, the problem one past it)
LIMITS = {
    "ladder title": (lambda n: _base(ladder={"title": "t" * n}), NAME,
                     ("ladder.title", f"text is {NAME + 1} characters; the limit is {NAME}")),
    "subtitle": (lambda n: _base(ladder={"title": "T", "subtitle": "人" * n}), NAME,
                 ("ladder.subtitle", f"text is {NAME + 1} characters; the limit is {NAME}")),
    "role title": (lambda n: _with_role(title="W" * n), NAME,
                   ("roles[0].title", f"text is {NAME + 1} characters; the limit is {NAME}")),
    "track name": (lambda n: _base(tracks=[{"id": "t", "name": "n" * n}], roles=[_role(0, track="t")]), NAME,
                   ("tracks[0].name", f"text is {NAME + 1} characters; the limit is {NAME}")),
    "dimension name": (lambda n: _base(dimensions=[{"id": "d", "name": "x" * n}]), NAME,
                       ("dimensions[0].name", f"text is {NAME + 1} characters; the limit is {NAME}")),
    "label": (lambda n: _base(ladder={"title": "T", "labels": {"level": "a" + " " * (n - 2) + "b"}}), NAME,
              ("ladder.labels.level", f"text is {NAME + 1} characters; the limit is {NAME}")),
    "skills": (lambda n: _with_role(skills=[f"s{i}" for i in range(n)]), ITEMS,
               ("roles[0].skills", f"{ITEMS + 1} items; the limit is {ITEMS}")),
    "responsibilities": (lambda n: _with_role(responsibilities=[f"r{i}" for i in range(n)]), ITEMS,
                         ("roles[0].responsibilities", f"{ITEMS + 1} items; the limit is {ITEMS}")),
    "next": (_next, limits.MAX_NEXT,
             ("roles[0].next", f"{limits.MAX_NEXT + 1} roles; the limit is {limits.MAX_NEXT}")),
    "tracks": (_tracks, limits.MAX_TRACKS,
               ("tracks", f"{limits.MAX_TRACKS + 1} tracks; the limit is {limits.MAX_TRACKS}")),
    "dimensions": (_dimensions, dimensions.MAX_DIMENSIONS,
                   ("dimensions", f"{dimensions.MAX_DIMENSIONS + 1} dimensions; the limit is {dimensions.MAX_DIMENSIONS}")),
    "intro sections": (lambda n: _base(ladder={"title": "T", "intro": [{"heading": "H", "body": "B"}] * n}),
                       limits.MAX_INTRO,
                       ("ladder.intro", f"{limits.MAX_INTRO + 1} sections; the limit is {limits.MAX_INTRO}")),
    "roles": (lambda n: _base(roles=[_role(i) for i in range(n)]), limits.MAX_ROLES,
              ("roles", f"{limits.MAX_ROLES + 1} roles; the limit is {limits.MAX_ROLES}")),
    "all text": (_characters, limits.MAX_CHARACTERS,
                 ("", f"the ladder holds {limits.MAX_CHARACTERS + 1:,} characters of text; "
                      f"the limit is {limits.MAX_CHARACTERS:,}")),
}


@pytest.mark.parametrize("name", list(LIMITS))
def test_a_limit_accepts_its_edge_and_refuses_one_past_it(name):
    build, limit, past = LIMITS[name]
    assert _problems(build(limit)) == []
    problems = _problems(build(limit + 1))
    assert problems[0] == past or past in problems and name == "track name", problems  # a dropped track's roles
    assert len(problems) == 1 or name == "track name"


def test_named_ratings_count_their_point_names_as_the_ladders_text():
    """Each rating prints its point's name in the matrix, on the role's page and in its radar:
    10,000 ratings naming 200-character points took 26 s and 237 MB to print, accepted."""
    within = named_points_ladder(95)  # 999,862 characters, almost all of them ratings' names
    assert _problems(within) == []
    assert _problems(named_points_ladder(200)) == [
        ("", "the ladder holds 2,102,362 characters of text (2,000,000 of them the names of rating points, "
             "once for each role rated); the limit is 1,000,000")]


def test_the_limits_table_in_the_docs_names_every_limit():
    from conftest import ROOT

    docs = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for row in (f"| Roles | at most {limits.MAX_ROLES:,} |", f"| Tracks | at most {limits.MAX_TRACKS} |",
                f"| Dimensions | at most {dimensions.MAX_DIMENSIONS} ",
                f"| Roles in one `next` or `reports_to` | at most {limits.MAX_NEXT} |",
                f"| Items in one list of text | at most {checks.MAX_ITEMS} ",
                f"| Introduction sections | at most {limits.MAX_INTRO} |",
                f"| A role's own sections | at most {limits.MAX_SECTIONS} |",
                f"| Named levels | at most {limits.MAX_LEVEL_NAMES} |",
                f"| One title, name, heading or label | at most {checks.MAX_NAME} characters |",
                f"| All text together | at most {limits.MAX_CHARACTERS:,} characters |"):
        assert row in docs, row


# ---------------------------------------------------------------- text no output can hold


@pytest.mark.parametrize(("char", "message"), [
    ("\ufffe", "U+FFFE is a Unicode noncharacter, not allowed in text"),
    ("\uffff", "U+FFFF is a Unicode noncharacter, not allowed in text"),
    ("\ufdd0", "U+FDD0 is a Unicode noncharacter, not allowed in text"),
    ("\ufdef", "U+FDEF is a Unicode noncharacter, not allowed in text"),
    ("\U0001fffe", "U+1FFFE is a Unicode noncharacter, not allowed in text"),
    ("\U0010ffff", "U+10FFFF is a Unicode noncharacter, not allowed in text"),
    ("\ufeff", "U+FEFF (a byte order mark) is not allowed inside text; U+2060 (word joiner) keeps words together"),
])
def test_characters_no_svg_or_pdf_can_hold_are_refused(char, message):
    assert _problems(_with_role(summary=f"a{char}b")) == [("roles[0].summary", message)]


@pytest.mark.parametrize("char", ["\ufdcf", "\ufdf0", "\ufffd", "\U0001fffd", "\U0010fffd", "\u2060"])
def test_the_neighbours_of_noncharacters_are_text(char):
    assert load_ladder(_with_role(summary=f"a{char}b")).roles[0].summary == f"a{char}b"


def test_a_unicode_escape_past_the_last_code_point_is_a_syntax_error():
    with pytest.raises(LadderError) as info:
        load_ladder(b'ladder:\n  title: "\\U00110000"\nroles: [{id: a, title: A, level: 1, summary: s}]\n')
    assert info.value.lines == ["<text>:2: YAML syntax error: found invalid Unicode character escape code (column 13)"]


def test_the_word_joiner_the_message_suggests_draws_in_a_pdf_chart():
    """U+FEFF broke matplotlib's PDF writer; U+2060, which the refusal suggests, does not."""
    from pmladder.outputs.chart.render import figure_bytes, render_chart

    ladder = load_ladder(_base(ladder={"title": "Career\u2060Ladder"}))
    style = load_style(None)
    assert figure_bytes(render_chart(ladder, style=style).figure, "pdf", style=style).startswith(b"%PDF-")


# ---------------------------------------------------------------- the cover holds the longest title


@pytest.mark.parametrize("letter", ["W", "人"])
def test_the_cover_holds_a_title_and_subtitle_at_their_limits(letter):
    """A 600-character title ended in LayoutError; up to the limit, smaller type fits the cover."""
    from pmladder.outputs.pdf.handout import render_pdf

    title, subtitle = letter * NAME, "Sub " * (NAME // 4)
    data = _base(ladder={"title": title, "subtitle": subtitle, "organization": "O" * NAME, "version": "V" * NAME},
                 tracks=[{"id": f"t{i}", "name": letter * (NAME - 2) + f"{i:02d}"} for i in range(limits.MAX_TRACKS)],
                 roles=[_role(0, track="t0")])
    cover = pdf_texts(render_pdf(load_ladder(data), load_style(None)))[0]
    squeezed = "".join(cover.split())
    assert title in squeezed and "".join(subtitle.split()) in squeezed


@pytest.mark.parametrize("big_type", [False, True])
def test_twenty_tracks_with_long_names_print_their_progression(tmp_path, big_type):
    """Over 14 roles the matrix becomes a progression, a column per track: 20 long track names
    (all within limits, with the built-in style or 16 pt type under 50 mm margins) made a header
    row taller than a page, and the handout an internal error. The tracks now go in tables of
    as many as fit the page (content: Progression.in_parts), and a header cell past five
    lines ends in "…"."""
    from pmladder.outputs.pdf.handout import render_pdf

    words = " ".join(["Engineering"] * (12 if not big_type else 16))
    tracks = [{"id": f"t{i}", "name": f"{i:02d} {words}"} for i in range(limits.MAX_TRACKS)]
    data = _base(tracks=tracks, dimensions=[{"id": "d", "name": "Scope"}],
                 roles=[_role(i, level=i + 1, track=f"t{i}", dimensions={"d": f"x{i}"}) for i in range(20)])
    style = load_style(None)
    if big_type:
        (tmp_path / "big.yaml").write_text("extends: default\nfonts: {base_size: 16}\npage: {margin_mm: 50}\n")
        style = load_style(tmp_path / "big.yaml")
    pages = ["".join(page.split()) for page in pdf_texts(render_pdf(load_ladder(data), style))]
    roles = [i for i, page in enumerate(pages) if "Promotionpaths" in page]
    progression = "".join(pages[roles[-1] + 1:])
    assert all(f"{i:02d}Engineering" in progression for i in range(20))  # every track heads a column
    assert all(f"x{i}" in progression for i in range(20))  # and every role's value is under it
    assert "\u2026" in progression  # each name cut at five lines, whole on the role pages' chips...
    # ...which end in "…" inside the page where a name is longer than the row (it ran off the page)
    assert sum(pages[i].count("\u2026") for i in roles) == 20  # one a role: its track's chip


def test_ninety_words_of_title_within_the_limit_fit_the_cover():
    from pmladder.outputs.pdf.handout import render_pdf

    title = " ".join(["Word"] * 39)  # 194 characters
    cover = pdf_texts(render_pdf(load_ladder(_base(ladder={"title": title, "subtitle": "A subtitle"})),
                                 load_style(None)))[0]
    assert cover.split()[:39] == ["Word"] * 39


# ---------------------------------------------------------------- measuring stays linear


def test_fit_line_cuts_where_cutting_one_character_at_a_time_did():
    from pmladder.text.fonts import FontSet
    from pmladder.text.wrap import fit_line

    fonts = FontSet.for_style(load_style(None))

    def reference(text: str, width: float, size: float) -> str:
        if fonts.width(text, size) <= width:
            return text
        while text and fonts.width(text + "…", size) > width:
            text = text[:-1]
        return text.rstrip() + "…"

    for text in ["Senior Product Manager", "a" + " " * 50 + "b", "人" * 40, "W", "Wi" * 30, "x y"]:
        for width in (1.0, 8.0, 30.0, 75.5, 200.0, 1000.0):
            assert fit_line(fonts, text, width, 9) == reference(text, width, 9), (text, width)


def test_a_long_unbreakable_word_in_mixed_weights_wraps_quickly():
    """Each character of a 9,000-character word was looked up at all 9,000 places (24 s a handout)."""
    from pmladder.outputs.pdf.textblocks import TextBlock, TextStyle
    from pmladder.text.fonts import FontSet

    fonts = FontSet.for_style(load_style(None))
    block = TextBlock([("PM ", True, None), ("a" + "\u00a0" * 9000 + "b", False, None)], fonts,
                      TextStyle(9, 11, "#000000"))
    start = time.perf_counter()
    block.wrap(200, 1e6)
    assert time.perf_counter() - start < 2.0
    assert block.height > 0


def test_a_text_repeated_in_many_cells_is_measured_once():
    """A rating point's name is wrapped for each of 10,000 cells and 200 radars: remembered per
    (text, width, size, weight), the repeats cost no measuring (they were most of the handout)."""
    from pmladder.text.fonts import FontSet
    from pmladder.text.wrap import wrap

    fonts = FontSet.for_style(load_style(None))
    name = "D7P3 Long named rating point " * 6
    first = wrap(fonts, name, 60, 7)
    measured = []
    fonts.width = lambda *args: measured.append(args) or 1.0
    assert [wrap(fonts, name, 60, 7) for _ in range(100)] == [first] * 100
    assert measured == []
    assert wrap(fonts, name, 60, 7, bold=True) and measured  # another weight is measured afresh


def test_a_chart_grows_at_most_four_times_the_height_asked_for():
    """1,000 tracks grew a chart to 67,000 pt (a minute, 1.3 GB); now it grows 4x, then its text shrinks."""
    from pmladder.outputs.chart.render import MAX_GROWTH, render_chart

    tracks = [{"id": f"t{i}", "name": f"Track {i}"} for i in range(limits.MAX_TRACKS)]
    roles = [_role(i, level=1 + i // limits.MAX_TRACKS, track=f"t{i % limits.MAX_TRACKS}",
                   title=f"Role {i} " + "word " * 10) for i in range(limits.MAX_ROLES)]  # one a cell
    chart = render_chart(load_ladder(_base(tracks=tracks, roles=roles)), size=(1920, 1080), dpi=100)
    width, height = chart.figure.get_size_inches() * 100
    assert (round(width), round(height)) == (1920, 1080 * MAX_GROWTH)
    assert len(chart.notes) == 1 and "as far as it may grow" in chart.notes[0]


# ---------------------------------------------------------------- a large file with a YAML mistake


def _continuation_lines(size: int) -> bytes:
    """A summary of continuation lines, then a tab where a key should be indented."""
    head = "ladder:\n  title: T\nroles:\n- id: a\n  title: A\n  level: 1\n  summary: x\n"
    lines = "    continued line\n" * (size // 19)
    return (head + lines + "\tbad: 1\n").encode()


@pytest.mark.parametrize("size", [1_000, 5_000_000])
def test_a_yaml_mistake_is_explained_alike_in_a_small_and_a_large_file(monkeypatch, size):
    """A 5 MB file that libyaml rejects was parsed again by PyYAML's pure-Python parser for its
    message (5.5 s, 14 s on a busy machine); past CHECKED_CHARACTERS, libyaml's account is used."""
    from pmladder.load import reader

    data = _continuation_lines(size)
    if size > reader.CHECKED_CHARACTERS:
        def slow(text):
            raise AssertionError("the pure-Python parser read a large file")

        monkeypatch.setattr(reader, "_compose_checked", slow)
    with pytest.raises(LadderError) as caught:
        load_ladder(data)
    (problem,) = caught.value.problems
    assert (problem.line, problem.message) == (
        data.count(b"\n"), "YAML syntax error: a tab in the indentation; YAML indents with spaces only, "
        "so replace the tab with spaces (column 1)")


# ---------------------------------------------------------------- paths and text are distinct


def test_a_file_whose_name_holds_yaml_is_opened_not_read_as_yaml(tmp_path, monkeypatch):
    """load_ladder took any str with a newline for YAML text: such a file was never opened and
    its name was rendered as the ladder."""
    name = "ladder:\n  title: From the name\nroles: [{id: a, title: A, level: 1, summary: s}]\n"
    (tmp_path / name).write_text("ladder:\n  title: From the file\nroles: [{id: a, title: A, level: 1, summary: s}]\n",
                                 encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_ladder(name).title == "From the file"
    assert load_ladder(text=name).title == "From the name"
    (tmp_path / name).unlink()
    with pytest.raises(LadderError) as caught:
        load_ladder(name)
    assert caught.value.problems[0].file == name
    with pytest.raises(TypeError):
        load_ladder(name, text=name)


def test_a_chart_too_crowded_to_read_is_refused_in_one_line(runner, tmp_path):
    """Past four times the height asked for, titles shrank to 1.2 pt and took 12 s to paint."""
    from pmladder.cli import cli

    data = _base(roles=[_role(i, level=1 + i % 99) for i in range(limits.MAX_ROLES)])  # 99 levels, one track
    path = tmp_path / "tall.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = runner.invoke(cli, ["chart", str(path), "-o", "-"])
    assert (result.exit_code, result.output) == (1, (
        "Error: the chart cannot show 200 roles on 99 levels readably: even 960x2160 pt, as large as it may "
        "grow, needs titles of 3.3 pt; give a larger --size, or shorter titles\n"))


def test_a_chart_has_at_most_25_million_pixels(runner):
    """--size 10000x10000 of a full ladder took 25 s and 520 MB; sides stay up to 10,000 px."""
    from pmladder.cli import cli
    from pmladder.outputs.chart.render import MAX_PIXELS, parse_size

    assert parse_size("5000x5000") == (5000, 5000) and parse_size("10000x2500") == (10000, 2500)
    assert MAX_PIXELS == 5000 * 5000
    result = runner.invoke(cli, ["chart", "--size", "5000x5001", "-o", "-"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for --size: at most 25,000,000 pixels in all (like 5000x5000), got '5000x5001'")
