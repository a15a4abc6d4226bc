"""Styles: built-ins, extends, validation with lines, contrast, and a print style with no colour."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import POLISH_JAPANESE, ROOT, TWO_TRACK, is_grey
from pmladder import StyleError, load_ladder, load_style
from pmladder.cli import cli
from pmladder.load.style import builtin_styles
from pmladder.outputs.chart.render import figure_bytes, render_chart
from pmladder.scene.elements import tint

BUILTINS = ["brand-example", "default", "print", "slides"]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two '#RRGGBB' colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def style_errors(path) -> list[str]:
    with pytest.raises(StyleError) as info:
        load_style(path)
    return info.value.lines


class TestBuiltins:
    def test_the_four_builtins_ship(self):
        assert sorted(builtin_styles()) == BUILTINS

    def test_cli_lists_them_with_descriptions(self, runner):
        result = runner.invoke(cli, ["styles"])
        assert [line.split()[0] for line in result.output.splitlines()] == BUILTINS
        assert all(len(line.split()) > 2 for line in result.output.splitlines())

    def test_unknown_name_lists_the_builtins(self, runner):
        result = runner.invoke(cli, ["chart", "--style", "corporate"])
        assert result.exit_code == 1
        assert result.stderr == "Error: corporate: no such style; built-in styles: " + ", ".join(BUILTINS) + "\n"

    @pytest.mark.parametrize("name", BUILTINS)
    def test_text_on_every_coloured_surface_meets_wcag_aa(self, name):
        style = load_style(name)
        p = style.palette
        fills = [tint(c, style.chart.tint) for c in p.tracks] + [p.surface, p.background, *p.bands]
        for fill in fills:
            assert contrast(p.text, fill) >= 4.5, (name, fill)
            assert contrast(p.muted, fill) >= 4.5, (name, "muted", fill)
        assert contrast("#FFFFFF", p.highlight) >= 4.5  # the "You are here" tag
        assert contrast("#FFFFFF", p.primary) >= 4.5  # white headings on the primary band

    @pytest.mark.parametrize("name", BUILTINS)
    def test_every_builtin_draws_the_default_chart(self, name):
        figure = render_chart(load_ladder(), style=name, size=(960, 540), dpi=72).figure
        assert figure_bytes(figure, "png").startswith(b"\x89PNG")

    def test_print_style_chart_has_no_colour(self):
        figure = render_chart(load_ladder(TWO_TRACK), style="print", highlight="staff", size=(960, 540), dpi=72).figure
        assert is_grey(figure_bytes(figure, "png", style=load_style("print"), dpi=72))

    def test_default_chart_does_have_colour(self):
        """The check above can fail: the default style's chart is not grey."""
        figure = render_chart(load_ladder(TWO_TRACK), size=(960, 540), dpi=72).figure
        assert not is_grey(figure_bytes(figure, "png", dpi=72))

    def test_slides_style_has_larger_type(self):
        from pmladder.scene.diagram import ladder_scene

        ladder = load_ladder(POLISH_JAPANESE)
        default = ladder_scene(ladder, load_style("default"))
        slides = ladder_scene(ladder, load_style("slides"))
        size = lambda scene, kind: max(t.size for t in scene.texts if t.kind == kind)  # noqa: E731
        assert size(slides, "level") > size(default, "level")

    def test_brand_example_has_a_logo(self):
        style = load_style("brand-example")
        assert style.logo and style.logo.file.endswith("logo.png")
        assert style.palette.primary == "#0B3B3A"
        assert style.palette.text == load_style("default").palette.text  # inherited


class TestStyleFiles:
    def test_extends_changes_only_what_it_says(self, write):
        path = write("extends: default\npalette:\n  primary: '#112233'\npage:\n  size: a4\n", "team.yaml")
        style, default = load_style(path), load_style("default")
        assert style.palette.primary == "#112233" and style.page.size == "a4"
        assert style.palette.tracks == default.palette.tracks
        assert style.fonts == default.fonts and style.chart == default.chart
        assert style.page.margin_mm == default.page.margin_mm

    def test_unknown_field_with_did_you_mean(self, write):
        path = write("palette:\n  primry: '#112233'\n", "team.yaml")
        assert style_errors(path) == [f"{path}:2: palette.primry: unknown field (did you mean 'primary'?)"]

    def test_bad_values_each_with_their_line(self, write, tmp_path):
        path = write("palette:\n  primary: blue\n  tracks: []\npage:\n  size: a5\nchart:\n  line_width: wide\n"
                     "logo:\n  file: missing.png\n", "team.yaml")
        assert style_errors(path) == [
            f"{path}:2: palette.primary: expected a colour like '#1F3A5F', got 'blue'",
            f"{path}:3: palette.tracks: expected a list of at least one colour",
            f"{path}:5: page.size: expected one of letter, a4, got 'a5'",
            f"{path}:7: chart.line_width: expected a number from 0 to 6, got 'wide'",
            f"{path}:9: logo.file: {tmp_path / 'missing.png'}: no such file",
        ]

    def test_a_logo_must_be_an_image(self, write, tmp_path):
        write("not a png", "logo.png")
        path = write("logo:\n  file: logo.png\n", "team.yaml")
        assert style_errors(path) == [f"{path}:2: logo.file: {tmp_path / 'logo.png'}: not a PNG, JPEG or SVG image"]

    def test_paths_are_relative_to_the_style_file(self, tmp_path):
        folder = tmp_path / "brand"
        folder.mkdir()
        (folder / "mark.png").write_bytes((builtin_styles()["brand-example"].parent / "brand-example" / "logo.png").read_bytes())
        (folder / "style.yaml").write_text("logo:\n  file: mark.png\n", encoding="utf-8")
        assert load_style(folder / "style.yaml").logo.file == str(folder / "mark.png")

    def test_extends_cycle_is_an_error(self, write, tmp_path):
        write("extends: a.yaml\n", "b.yaml")
        lines = style_errors(write("extends: b.yaml\n", "a.yaml"))
        assert lines == [f"{tmp_path / 'b.yaml'}:1: extends: 'a.yaml' leads back to this style: "
                         "styles extend each other in a cycle"]

    def test_extends_an_unknown_style_names_the_line(self, write):
        path = write("# ours\nextends: corporate\n", "team.yaml")
        assert style_errors(path) == [
            f"{path}:2: extends: no style 'corporate': give a built-in style "
            "(brand-example, default, print, slides) or a .yaml file relative to this style"
        ]


class TestFilesAStyleNames:
    """A style names its parent, fonts and logo relative to itself and by their kind of file:
    a style someone sends cannot make pmladder read a file elsewhere by an absolute path, nor
    read a file of another kind as a style (and print its content in the error)."""

    @pytest.fixture
    def elsewhere(self, tmp_path):
        """Files outside the style's folder, each one that loads when named: a style (also
        saved as .txt), a font and a logo."""
        folder = tmp_path / "elsewhere"
        folder.mkdir()
        for name in ("parent.yaml", "parent.txt"):
            (folder / name).write_text("extends: default\npalette:\n  primary: '#112233'\n", encoding="utf-8")
        shutil.copy(ROOT / "styles" / "brand-example" / "logo.png", folder / "logo.png")
        from pmladder.resources import dejavu_dir

        shutil.copy(dejavu_dir() / "DejaVuSans.ttf", folder / "font.ttf")
        (tmp_path / "team").mkdir()
        return folder

    EXPECTED_PARENT = "a built-in style (brand-example, default, print, slides) or a .yaml file relative to this style"
    REFUSED = {
        "an absolute parent": ("extends: {folder}/parent.yaml", "extends", EXPECTED_PARENT, "the absolute path {shown}"),
        "a parent that is no .yaml": ("extends: ../elsewhere/parent.txt", "extends", EXPECTED_PARENT,
                                      "'../elsewhere/parent.txt'"),
        "a Windows path": ("extends: 'C:\\styles\\parent.yaml'", "extends", EXPECTED_PARENT,
                           "the absolute path 'C:\\\\styles\\\\parent.yaml'"),
        "an absolute font": ("fonts:\n  body: {folder}/font.ttf", "fonts.body",
                             "a font name or a .ttf, .ttc or .otf file relative to this style", "the absolute path {shown}"),
        "an absolute logo": ("logo:\n  file: {folder}/logo.png", "logo.file",
                             "a PNG, JPEG or SVG image relative to this style", "the absolute path {shown}"),
    }

    @pytest.mark.parametrize("case", list(REFUSED))
    def test_an_absolute_path_or_another_kind_of_file_is_refused_unopened(self, tmp_path, elsewhere, monkeypatch, case):
        text, field, expected, got = self.REFUSED[case]
        style = tmp_path / "team" / "team.yaml"
        style.write_text(text.format(folder=elsewhere) + "\n", encoding="utf-8")
        touched = []
        for name in ("open", "stat"):
            real = getattr(os, name)
            monkeypatch.setattr(os, name, lambda path, *a, _real=real, **k: touched.append(os.fspath(path)) or _real(path, *a, **k))
        with pytest.raises(StyleError) as info:
            load_style(style)
        monkeypatch.undo()
        named = text.format(folder=elsewhere).rpartition(" ")[2]
        shown = repr(named) if len(repr(named)) <= 40 else repr(named)[:36] + "...'"
        line = text.count("\n") + 1
        assert info.value.lines == [f"{style}:{line}: {field}: expected {expected}, got {got.format(shown=shown)}"]
        assert not [path for path in touched if path.startswith(str(elsewhere))]

    def test_a_relative_path_may_lead_to_a_sibling_folder(self, tmp_path, elsewhere):
        style = tmp_path / "team" / "team.yaml"
        style.write_text("extends: ../elsewhere/parent.yaml\nfonts:\n  body: ../elsewhere/font.ttf\n"
                         "logo:\n  file: ../elsewhere/logo.png\n", encoding="utf-8")
        loaded = load_style(style)
        assert loaded.palette.primary == "#112233" and loaded.fonts.body.endswith("font.ttf") and loaded.logo

    def test_the_command_says_so_and_exits_1(self, runner, tmp_path, elsewhere):
        style = tmp_path / "team" / "team.yaml"
        style.write_text(f"extends: {elsewhere}/parent.yaml\n", encoding="utf-8")
        result = runner.invoke(cli, ["chart", "--style", str(style), "-o", str(tmp_path / "c.svg")])
        assert result.exit_code == 1 and result.output.startswith(f"Error: {style}:1: extends: expected a built-in")
        assert not (tmp_path / "c.svg").exists()


def test_print_style_tells_tracks_apart_without_colour():
    """Grey alone is hard to tell apart on paper: every other track, and its legend swatch, is dashed."""
    from pmladder.scene.diagram import ladder_scene
    from pmladder.scene.elements import Box

    ladder = load_ladder(TWO_TRACK)
    for name, expect_dashes in (("print", True), ("default", False)):
        scene = ladder_scene(ladder, load_style(name))
        dashed = {rid for rid, box in scene.role_boxes.items() if box.dash}
        second = {r.id for r in ladder.roles if r.track == ladder.tracks[1].id}
        assert dashed == (second if expect_dashes else set()), name
        swatches = [b for b in scene.of(Box) if b.kind == "swatch" and b.stroke_width <= 1.0]
        assert any(b.dash for b in swatches) == expect_dashes, name
