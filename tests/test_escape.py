"""Ladder text stays text in the wiki and spreadsheet tables: no live HTML, Markdown or formulas."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import ROOT, ladder_text
from pmladder.cli import cli


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
        ("[click](http://x) ![i](y)", "\\[click\\](http://x) \\!\\[i\\](y) (Level 1)"),
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

    def test_line_breaks_stay_inside_the_cell(self, runner, write):
        text = ladder_text('- {id: a, title: T, level: 1, summary: s, dimensions: {d: "x\\n# y"}}\n',
                           'dimensions:\n  - {id: d, name: "a\\n\\n| b", kind: text}\n')
        result = runner.invoke(cli, ["matrix", write(text)])
        assert result.output.splitlines()[2] == "| a \\| b | x # y |"


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
