"""Fonts belong to one render, and a scene carries the font runs both painters draw (one fallback rule)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import warnings

import pytest

from conftest import DEFAULT_LADDER, POLISH_JAPANESE, make_ladder
from pmladder import api
from pmladder.cli import cli
from pmladder.errors import MissingGlyphsWarning
from pmladder.load.ladder import load_ladder
from pmladder.load.style import load_style
from pmladder.resources import dejavu_dir
from pmladder.scene.diagram import ladder_scene
from pmladder.text.fonts import Face, FontSet

# Every output that draws text, as file name -> SHA-256, for one ladder (the default's role "pm").
OUTPUTS = """
import hashlib, json, sys
from pmladder import api

def outputs(path, role):
    chart, radar = api.render_chart(path), api.render_radar(path, [role])
    files = {f"chart.{fmt}": api.chart_bytes(chart, fmt) for fmt in ("png", "svg", "pdf")}
    files["radar.svg"] = api.chart_bytes(radar, "svg")
    files["handout.pdf"] = api.render_pdf(path)
    return {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
"""


def _outputs(path, role: str) -> dict[str, str]:
    scope: dict = {}
    exec(OUTPUTS, scope)  # the same code the fresh process runs
    return scope["outputs"](path, role)


def _cjk_fallback_installed() -> bool:
    return FontSet.for_style(load_style(None)).face_for("\u8077") is not None  # 職


def test_a_render_after_a_cjk_ladder_is_byte_identical_to_one_in_a_fresh_process():
    if not _cjk_fallback_installed():
        pytest.skip("no installed font covers CJK, so no render here chooses a fallback face")
    code = OUTPUTS + f"print(json.dumps(outputs({str(DEFAULT_LADDER)!r}, 'pm')))"
    fresh = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                      check=True).stdout)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # whatever this machine lacks for the Japanese, not the point here
        _outputs(POLISH_JAPANESE, load_ladder(POLISH_JAPANESE).ordered_roles[0].id)
    after = _outputs(DEFAULT_LADDER, "pm")
    assert [name for name in fresh if fresh[name] != after[name]] == []


def test_a_line_mixing_scripts_is_split_once_into_runs_of_faces_that_cover_them():
    if not _cjk_fallback_installed():
        pytest.skip("no installed font covers CJK")
    data = make_ladder(3)
    data["ladder"]["title"] = "Produkt 職務 Ladder"
    data["roles"][0]["title"] = "PM リード Manager"
    scene = ladder_scene(load_ladder(data), load_style(None))
    mixed = {t.text: [run.text for run in t.runs] for t in scene.texts if len(t.runs) > 1}
    assert mixed == {"Produkt 職務 Ladder": ["Produkt ", "職務 ", "Ladder"], "PM リード Manager": ["PM ", "リード ", "Manager"]}
    for text in scene.texts:
        assert "".join(run.text for run in text.runs) == text.text
        assert sum(run.width for run in text.runs) == pytest.approx(text.width)
        for run in text.runs:
            assert all(run.face.file.covers(c) for c in run.text if not c.isspace()), (run.text, run.face)


def test_both_painters_draw_the_faces_the_scene_chose():
    """Neither painter splits text again: a run given another face is drawn in that face."""
    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    from pmladder.outputs.chart.paint import paint as paint_figure
    from pmladder.outputs.pdf.paint import paint as paint_pdf

    scene = ladder_scene(load_ladder(DEFAULT_LADDER), load_style(None))
    serif = Face(str(dejavu_dir() / "DejaVuSerif.ttf"))
    heading = next(t for t in scene.texts if t.kind == "heading")
    moved = heading._replace(runs=tuple(run._replace(face=serif) for run in heading.runs))
    scene = scene._replace(items=tuple(moved if item is heading else item for item in scene.items))

    figure = paint_figure(scene, dpi=72)
    files = {t.get_text(): t.get_fontproperties().get_file() for t in figure.axes[0].texts}
    assert files[heading.text] == serif.path
    assert {path for text, path in files.items() if text != heading.text} == {
        str(dejavu_dir() / "DejaVuSans.ttf"), str(dejavu_dir() / "DejaVuSans-Bold.ttf")}

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(scene.width, scene.height), invariant=1)
    paint_pdf(canvas, scene)
    canvas.save()
    fonts = PdfReader(buffer).pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts.values()}
    assert names - {"/Helvetica"} == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSerif"}  # (the canvas's initial font)


def test_a_character_no_font_covers_is_reported_with_where_it_is():
    """Scenes split their text when laid out: the render still names what it could not draw."""
    data = make_ladder(3)
    data["roles"][0]["title"] = "Alpha \U0010fffd Lead"
    with pytest.warns(MissingGlyphsWarning, match="U\\+10FFFD") as caught:
        api.render_chart(data)
    assert [str(w.message) for w in caught if "Alpha" in str(w.message)], "the warning says where"
    with warnings.catch_warnings():  # and only for the render that met it
        warnings.simplefilter("error", MissingGlyphsWarning)
        api.render_chart(DEFAULT_LADDER)


@pytest.mark.parametrize("command, suffix", [("chart", "png"), ("pdf", "pdf"), ("html", "html")])
def test_the_warning_names_the_field_and_the_file_line(runner, tmp_path, command, suffix):
    """Once per render, with where to look in the file, not only the character."""
    ladder = tmp_path / "team.yaml"
    ladder.write_text("# a ladder\nladder:\n  title: Glyphs\nroles:\n  - id: a\n    level: 1\n"
                      '    title: "Alpha \\U0010FFFD Lead"\n', encoding="utf-8")
    result = runner.invoke(cli, [command, str(ladder), "-o", str(tmp_path / f"out.{suffix}")])
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if line.startswith("Warning:")]
    assert warned == [f"Warning: no installed font has U+10FFFD '\\U0010fffd' at {ladder}:7: roles[0].title "
                      "('Alpha \\U0010fffd Lead'); install a font that covers them (see README)"]


def test_a_ladder_not_read_from_a_file_names_the_text_around_the_character():
    data = make_ladder(2)
    data["roles"][1]["summary"] = "Beta \U0010fffd summary"
    with pytest.warns(MissingGlyphsWarning) as caught:
        api.render_pdf(data)
    assert [str(w.message) for w in caught] == [
        "no installed font has U+10FFFD '\\U0010fffd' (in 'Beta \\U0010fffd summary'); install a font that covers "
        "them (see README)"]


def test_a_fontset_used_for_two_renders_reports_a_missing_character_in_each():
    """Widths are remembered within a render; the next render measures afresh, so it too says
    which character no font has, not only the first one that met it."""
    fonts = FontSet.for_style(load_style(None))
    for _ in range(2):
        with pytest.warns(MissingGlyphsWarning, match="U\\+10FFFD"):
            with fonts.reporting_missing():
                assert fonts.width("Alpha \U0010fffd", 10) == fonts.width("Alpha \U0010fffd", 10) > 0
