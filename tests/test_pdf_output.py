"""The handout as files: valid for poppler, qpdf and pypdf; the pdf command's outputs; styles on paper."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from conftest import POLISH_JAPANESE, TWO_TRACK, is_grey, norm, outline, pdf_texts
from pmladder import load_ladder, render_pdf
from pmladder.cli import cli

needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs pdftoppm (Debian poppler-utils)")
needs_qpdf = pytest.mark.skipif(not shutil.which("qpdf"), reason="needs qpdf")


@pytest.fixture(scope="module")
def handouts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handouts")
    paths = {}
    for name, source, options in [
        ("default", None, {}),
        ("polish", POLISH_JAPANESE, {"highlight": "starszy", "worksheet": True}),
        ("excerpt", TWO_TRACK, {"roles": ["senior"], "highlight": "senior", "style": "brand-example"}),
    ]:
        path = folder / f"{name}.pdf"
        path.write_bytes(render_pdf(load_ladder(source), **options))
        paths[name] = path
    return paths


@needs_qpdf
@pytest.mark.parametrize("name", ["default", "polish", "excerpt"])
def test_qpdf_check_passes(handouts, name):
    result = subprocess.run(["qpdf", "--check", str(handouts[name])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


@needs_poppler
@pytest.mark.parametrize("name", ["default", "polish", "excerpt"])
def test_every_page_renders_in_poppler_without_a_warning(handouts, name, tmp_path):
    result = subprocess.run(["pdftoppm", "-r", "20", "-png", str(handouts[name]), str(tmp_path / "p")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == ""
    assert len(list(tmp_path.glob("p*.png"))) == len(PdfReader(str(handouts[name])).pages)


@pytest.mark.parametrize("name", ["default", "polish", "excerpt"])
def test_pypdf_reads_every_page_without_a_warning(handouts, name, caplog):
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        reader = PdfReader(str(handouts[name]), strict=True)
        for page in reader.pages:
            page.extract_text()
    assert caplog.records == []


def test_brand_logo_is_on_the_cover_and_in_the_header(handouts):
    reader = PdfReader(str(handouts["excerpt"]))
    assert all(len(page.images) >= 1 for page in reader.pages[:2])


@needs_poppler
def test_print_style_pages_render_without_colour(tmp_path):
    path = tmp_path / "print.pdf"
    path.write_bytes(render_pdf(load_ladder(TWO_TRACK), style="print", highlight="staff"))
    subprocess.run(["pdftoppm", "-r", "25", "-png", str(path), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p*.png"))
    assert pages
    for page in pages:
        assert is_grey(page), page.name


class TestPdfCommand:
    def test_default_output_path(self, runner, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        result = runner.invoke(cli, ["pdf"])
        assert result.exit_code == 0, result.output
        assert result.stdout == "output/product-management.pdf\n"
        assert (tmp_path / "output" / "product-management.pdf").read_bytes().startswith(b"%PDF-")

    def test_stdout(self, runner):
        result = runner.invoke(cli, ["pdf", "--role", "apm", "-o", "-"])
        assert result.exit_code == 0 and result.stdout_bytes.startswith(b"%PDF-")
        assert "Associate Product Manager" in PdfReader(io.BytesIO(result.stdout_bytes)).pages[0].extract_text()

    def test_several_ladders_into_a_folder(self, runner, tmp_path):
        result = runner.invoke(cli, ["pdf", str(TWO_TRACK), str(POLISH_JAPANESE), "--output-dir", str(tmp_path / "out")])
        assert result.exit_code == 0, result.output
        written = sorted(p.name for p in (tmp_path / "out").iterdir())
        assert written == ["engineering-two-track.pdf", "inzynieria-pl-ja.pdf"]
        assert result.stdout.splitlines() == [str(tmp_path / "out" / name) for name in written]

    def test_a_bad_ladder_in_a_batch_fails_alone(self, runner, tmp_path):
        bad = tmp_path / "bad.yaml"
        bad.write_text("ladder: {title: X}\nroles: 3\n", encoding="utf-8")
        result = runner.invoke(cli, ["pdf", str(TWO_TRACK), str(bad), "--output-dir", str(tmp_path / "out")])
        assert result.exit_code == 1
        assert f"Error: {bad}:2: roles: expected a list, got 3" in result.stderr
        assert [p.name for p in (tmp_path / "out").iterdir()] == ["engineering-two-track.pdf"]

    def test_output_with_several_ladders_is_a_usage_error(self, runner, tmp_path):
        result = runner.invoke(cli, ["pdf", str(TWO_TRACK), str(POLISH_JAPANESE), "-o", str(tmp_path / "x.pdf")])
        assert result.exit_code == 2
        assert "-o/--output takes one ladder; use --output-dir for several" in result.output

    def test_page_size_option(self, runner, tmp_path):
        target = tmp_path / "a4.pdf"
        assert runner.invoke(cli, ["pdf", "--page-size", "a4", "--role", "pm", "-o", str(target)]).exit_code == 0
        box = PdfReader(str(target)).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_an_svg_logo_is_drawn_as_vector_graphics_on_the_cover_and_header(tmp_path):
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="60">'
        '<rect x="0" y="0" width="60" height="60" fill="#123456"/></svg>', encoding="utf-8")
    (tmp_path / "style.yaml").write_text("logo:\n  file: logo.svg\n", encoding="utf-8")
    reader = PdfReader(io.BytesIO(render_pdf(load_ladder(), style=str(tmp_path / "style.yaml"))))
    fill = b".070588 .203922 .337255 rg"  # #123456, as the content stream sets it
    for page in reader.pages[:2]:
        assert fill in page.get_contents().get_data()
        assert not page.images  # vector, not a bitmap


def test_matrix_tables_follow_tracks():
    """Each matrix table holds whole tracks: from a track's caption to the next track's, the
    matrix lists all of that track's roles and none of the other track's."""
    ladder = load_ladder(TWO_TRACK)
    data = render_pdf(ladder)
    start = next(page for depth, title, page in outline(PdfReader(io.BytesIO(data)))
                 if depth == 0 and title == "Comparison matrix")
    text = norm("".join(pdf_texts(data)[start:]))
    captions = sorted((text.index(norm(track.name)), track) for track in ladder.tracks)
    for (at, track), (end, _) in zip(captions, captions[1:] + [(len(text), None)]):
        part = text[at:end]
        mine = [norm(r.title) for r in ladder.roles if r.track == track.id]
        theirs = [norm(r.title) for r in ladder.roles if r.track != track.id]
        assert all(title in part for title in mine), track.name
        assert not [t for t in theirs if t in part and not any(t in m for m in mine)], track.name


def test_a_step_down_in_a_rating_shows_a_real_minus():
    data = {"ladder": {"title": "T"}, "dimensions": [{"id": "d", "name": "Depth", "kind": "rating"}],
            "roles": [{"id": "a", "title": "Specialist", "level": 1, "summary": "s", "next": ["b"], "dimensions": {"d": 4}},
                      {"id": "b", "title": "Lead", "level": 2, "summary": "s", "dimensions": {"d": 3}}]}
    text = "".join(pdf_texts(render_pdf(load_ladder(data))))
    assert "(\u22121)" in text


def test_the_pdf_and_its_cover_carry_the_source_date_not_2000(monkeypatch):
    from conftest import DEFAULT_LADDER

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    data = render_pdf(DEFAULT_LADDER)
    info = PdfReader(io.BytesIO(data)).metadata
    assert info["/CreationDate"].startswith("D:20260101") and info["/ModDate"].startswith("D:20260101")
    assert "2026-01-01" in pdf_texts(data)[0]
    assert render_pdf(DEFAULT_LADDER) == data  # the same input and date: the same bytes
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01
    assert b"D:20270101" in render_pdf(DEFAULT_LADDER)
