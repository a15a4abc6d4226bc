"""`pmladder pdf --parts/--without`: the parts of the handout from the command line."""

from __future__ import annotations

from conftest import pdf_texts
from pmladder.cli import cli


def test_parts_chart_writes_a_one_page_overview(runner, tmp_path):
    target = tmp_path / "overview.pdf"
    result = runner.invoke(cli, ["pdf", "--parts", "chart", "-o", str(target)])
    assert result.exit_code == 0, result.output
    [page] = pdf_texts(target.read_bytes())
    assert "The ladder at a glance" in page


def test_without_takes_names_comma_separated_or_repeated(runner, tmp_path):
    target = tmp_path / "short.pdf"
    result = runner.invoke(cli, ["pdf", "--without", "introduction,matrix", "--without", "cover", "-o", str(target)])
    assert result.exit_code == 0, result.output
    pages = pdf_texts(target.read_bytes())
    assert "Contents" in pages[0]
    assert not any("Comparison matrix" in p or "What product management is" in p for p in pages)


def test_an_unknown_part_is_a_usage_error_with_a_suggestion(runner, tmp_path):
    result = runner.invoke(cli, ["pdf", "--parts", "cover,chrat", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "Error: Invalid value for '--parts': unknown part 'chrat' (did you mean 'chart'?)" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_an_excerpt_asked_for_a_cover_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["pdf", "--role", "pm", "--parts", "cover", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "an excerpt of roles has no cover; its parts: chart, roles, worksheets" in result.output


def test_nothing_left_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["pdf", "--parts", "matrix", "--without", "matrix", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "no part of the handout is left to print" in result.output


def test_the_help_names_the_parts(runner):
    text = " ".join(runner.invoke(cli, ["pdf", "--help"]).output.split())
    assert "--parts PART,..." in text and "--without PART,..." in text
    assert "cover, contents, introduction, chart, roles, matrix, worksheets" in text
