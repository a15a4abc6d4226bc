"""Ladder text stays text in the wiki and spreadsheet tables: no live HTML, Markdown or formulas."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, ladder_text
from pmladder.cli import cli
from pmladder.outputs.escape import markdown_cell, markdown_text


def matrix(runner, write, title: str, fmt: str = "md") -> str:
    text = ladder_text("- {id: a, title: " + json.dumps(title) + ", level: 1, summary: s}\n")
    result = runner.invoke(cli, ["matrix", "--format", fmt, write(text)])
    assert result.exit_code == 0, result.output
    return result.output


class TestMarkdown:
    @pytest.mark.parametrize(("title", "cell"), [
        # before: the title was copied raw, and a wiki ran it as an <img> with an onerror handler
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt; (Level 1)"),
        # before: **bold** (shown in bold)
        ("**bold**", "\\*\\*bold\\*\\* (Level 1)"),
        ("[click](http://x) ![i](y)", "\\[click\\](http\\://x) \\!\\[i\\](y) (Level 1)"),
        ("`code` _em_ ~~gone~~ $x$", "\\`code\\` \\_em\\_ \\~\\~gone\\~\\~ \\$x\\$ (Level 1)"),
        ("A | B", "A \\| B (Level 1)"),
        ("&amp; \\", "&amp;amp; \\\\ (Level 1)"),
        # before: the override ran on past the cell, and "(Level 1)" and the cells after it
        # were shown reversed; now what the text leaves open is closed where it ends
        ("\u202eevil", "\u202eevil\u202c (Level 1)"),
        ("\u2067a \u202bb\u202c c", "\u2067a \u202bb\u202c c\u2069 (Level 1)"),
        ("\u202ba\u2068b\u2069", "\u202ba\u2068b\u2069\u202c (Level 1)"),
        ("\u202ba\u2068b\u202c", "\u202ba\u2068b\u202c\u2069\u202c (Level 1)"),  # a PDF inside an isolate closes nothing
        ("closed \u202ex\u202c and a stray \u202c", "closed \u202ex\u202c and a stray \u202c (Level 1)"),
    ])
    def test_markup_in_ladder_text_is_escaped(self, runner, write, title, cell):
        header = matrix(runner, write, title).splitlines()[0]
        assert header == f"| Dimension | {cell} |"

    def test_plain_text_and_the_table_frame_are_unchanged(self, runner, write):
        lines = matrix(runner, write, "Senior PM (Growth) - EU #1, 2.0").splitlines()
        assert lines[:2] == ["| Dimension | Senior PM (Growth) - EU #1, 2.0 (Level 1) |", "| --- | --- |"]

    def test_plain_colons_dots_and_at_signs_are_unchanged(self, runner, write):
        title = "Scope: team, ratio 3:2 at 9.30 @ HQ (e.g. docs.example)"
        assert matrix(runner, write, title).splitlines()[0] == f"| Dimension | {title} (Level 1) |"

    def test_line_breaks_stay_inside_the_cell(self, runner, write):
        text = ladder_text('- {id: a, title: T, level: 1, summary: s, dimensions: {d: "x\\n# y"}}\n',
                           'dimensions:\n  - {id: d, name: "a\\n\\n| b", kind: text}\n')
        result = runner.invoke(cli, ["matrix", write(text)])
        assert result.output.splitlines()[2] == "| a \\| b | x # y |"


class GitHubView(HTMLParser):
    """What GitHub shows of rendered Markdown: its text, and the tags that are not plain text.
    After rendering, GitHub makes an emoji of any `:name:` left in a text node, and a mention
    (a link) of an `@name` at a word's start."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.texts: list[str] = []
        self.cell_texts: list[str] = []  # in the table's body cells
        self.in_cell = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.in_cell = self.in_cell or tag == "td"

    def handle_endtag(self, tag):
        self.in_cell = self.in_cell and tag != "td"

    def handle_data(self, data):
        self.texts.append(data)
        if self.in_cell:
            self.cell_texts.append(data)

    @property
    def emoji_and_mentions(self) -> list[str]:
        pattern = re.compile(r":[a-z0-9_+-]+:|(?<![a-z0-9])@[a-z0-9]", re.I)
        return [found for text in self.texts for found in pattern.findall(text)]

    @property
    def shown(self) -> str:  # the word joiner that breaks a pattern up is invisible
        return "".join(self.texts).replace("\u2060", "").strip()

    @property
    def cell(self) -> str:
        return "".join(self.cell_texts).replace("\u2060", "").strip()


def on_github(markdown: str) -> GitHubView:
    # cmark-gfm is GitHub's own Markdown parser, with its table, autolink and tag-filter extensions
    return GitHubView(cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE))


def cell_on_github(text: str) -> GitHubView:
    return on_github(f"| h |\n| --- |\n| {markdown_cell(text)} |\n")


TABLE = {"table", "thead", "tr", "th", "tbody", "td"}


LINK_AND_EMOJI_TEXT = [
    ":warning: read this", "parser.js:100:14", ":+1: and :white_check_mark:", "a:b:c:d:e",
    "www.example.com", "(www.example.com)", "see WWW.Example.com", "https://example.com/path?q=1",
    "HTTP://X.COM", "ftp://files.example.com", "x:https://a.com", "ana@example.com", "first.last+pm@example.co.uk",
    "mailto:ana@example.com", "xmpp:ana@example.com/home", "https://example.com/a@b.de", "ask @product-leads",
    "www.@_www.www.", "ana@_team.example.com", "ana@-team.example.com",  # a domain may start with _ or -
]


class TestMarkdownOnGitHub:
    @pytest.mark.parametrize("text", LINK_AND_EMOJI_TEXT)
    def test_links_and_emoji_codes_show_as_written_in_a_cell(self, text):
        # before: GitHub linked the address, or drew an emoji in place of :warning:
        view = cell_on_github(text)
        assert view.tags == TABLE and not view.emoji_and_mentions and view.cell == text

    @pytest.mark.parametrize("text", LINK_AND_EMOJI_TEXT)
    def test_and_in_a_paragraph(self, text):
        view = on_github(markdown_text(text))
        assert view.tags == {"p"} and not view.emoji_and_mentions and view.shown == text

    def test_the_matrix_on_github_shows_the_title_as_written(self, runner, write):
        view = on_github(matrix(runner, write, ":rocket: PM, www.pm.example, pm@example.com"))
        assert "a" not in view.tags and not view.emoji_and_mentions
        assert ":rocket: PM, www.pm.example, pm@example.com (Level 1)" in view.shown

    @given(st.lists(st.sampled_from([
        "www.", "http", "https", "://", ":", "@", "a", "1", "_", "+", "-", " ", ".", "com", "ok", "(", ")", "/",
        "*", "~", "<", ">", "&", "amp;", "\\", "`", "[", "]", "|", "$", "!", "#", "=", '"', "x.y",
    ]), max_size=12).map("".join))
    def test_any_mix_of_markup_shows_as_written(self, text):
        view = cell_on_github(text)
        assert view.tags <= TABLE and not view.emoji_and_mentions and view.cell == " ".join(text.split())


class TestCsv:
    @pytest.mark.parametrize("title", ["=1+1", "+1", "-1", "@SUM(A1)", "\uff1d1+1", "\uff0b1"])
    def test_no_cell_starts_a_formula(self, runner, write, title):
        rows = list(csv.reader(io.StringIO(matrix(runner, write, title, "csv"))))
        assert rows[1][2] == "'" + title

    def test_other_text_is_left_alone(self, runner, write):
        rows = list(csv.reader(io.StringIO(matrix(runner, write, "Lead, <b>PM</b> 'x'", "csv"))))
        assert rows[1][2] == "Lead, <b>PM</b> 'x'"


class TestSvgChart:
    def test_hostile_ladder_text_is_text_in_the_svg_chart(self, runner, tmp_path):
        """chart --svg of the hostile web-page corpus: the file parses as XML, holds no script,
        link, foreign object or event handler, references only itself, and shows the text."""
        from xml.etree import ElementTree

        out = tmp_path / "hostile.svg"
        result = runner.invoke(cli, ["chart", str(ROOT / "tests" / "corpus" / "html" / "hostile.yaml"), "-o", str(out)])
        assert result.exit_code == 0, result.output
        root = ElementTree.parse(out).getroot()
        names = {element.tag.rpartition("}")[2] for element in root.iter()}
        assert not names & {"script", "a", "foreignObject", "image", "iframe", "animate", "set"}, names
        attributes = [(name, value) for element in root.iter() for name, value in element.attrib.items()]
        assert not [name for name, _ in attributes if name.rpartition("}")[2].lower().startswith("on")]
        assert all(value.startswith("#") for name, value in attributes if name.rpartition("}")[2] == "href")
        shown = " ".join("".join(element.itertext()) for element in root.iter() if element.tag.endswith("text"))
        assert "<script>window.pwned='role'</script>" in shown
