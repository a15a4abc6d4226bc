"""The ladder chart and the radar: the scene a layout makes, and the files painted from it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from PIL import Image

from conftest import POLISH_JAPANESE, ROOT, TWO_TRACK, make_ladder
from pmladder import RenderError, load_ladder, load_style
from pmladder.cli import cli
from pmladder.scene.diagram import ladder_scene
from pmladder.scene.elements import Line, Rect
from pmladder.scene.radar import radar_scene

STYLE = load_style()


def png_size(path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def scene_for(ladder, **kw):
    kw.setdefault("width", 960)
    kw.setdefault("height", 540)
    return ladder_scene(ladder, STYLE, **kw)


def edges(scene):
    return [item for item in scene.items if isinstance(item, Line) and item.kind == "edge"]


def segment_hits(rect: Rect, p, q, inset: float = 1.0) -> bool:
    """Does the axis-parallel segment p-q pass through the inside of rect?"""
    inner = Rect(rect.x + inset, rect.y + inset, rect.w - 2 * inset, rect.h - 2 * inset)
    (x1, y1), (x2, y2) = p, q
    lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    return lo_x < inner.right and hi_x > inner.x and lo_y < inner.top and hi_y > inner.y


def _on_border(rect: Rect, point, tolerance: float = 0.6) -> bool:
    x, y = point
    inside_x = rect.x - tolerance <= x <= rect.right + tolerance
    inside_y = rect.y - tolerance <= y <= rect.top + tolerance
    on_edge = min(abs(x - rect.x), abs(x - rect.right), abs(y - rect.y), abs(y - rect.top)) <= tolerance
    return inside_x and inside_y and on_edge


def assert_arrows_clear_other_boxes(scene) -> None:
    """No segment of an arrow passes through a box the arrow does not start or end on."""
    for line in edges(scene):
        ends = [rid for rid, box in scene.role_boxes.items()
                if _on_border(box.rect, line.points[0]) or _on_border(box.rect, line.points[-1])]
        for rid, box in scene.role_boxes.items():
            if rid not in ends:
                for p, q in zip(line.points, line.points[1:]):
                    assert not segment_hits(box.rect, p, q), f"arrow crosses {rid}"


class TestLadderScene:
    def test_every_role_is_drawn_once_with_its_title(self):
        ladder = load_ladder()
        scene = scene_for(ladder)
        assert sorted(scene.role_boxes) == sorted(r.id for r in ladder.roles)
        for role in ladder.roles:
            words = " ".join(t.text for t in scene.texts if t.role_id == role.id and t.kind == "title")
            assert words == role.title

    def test_levels_run_bottom_to_top_and_align_across_tracks(self):
        ladder = load_ladder(TWO_TRACK)
        boxes = scene_for(ladder).role_boxes
        by_level = {}
        for role in ladder.roles:
            by_level.setdefault(role.level, set()).add(round(boxes[role.id].rect.cy, 3))
        assert all(len(ys) == 1 for ys in by_level.values())  # equal levels share a row
        ys = [by_level[level].pop() for level in sorted(by_level)]
        assert ys == sorted(ys)  # higher level, higher on the page

    def test_an_arrow_for_every_promotion_path_from_box_to_box(self):
        ladder = load_ladder(TWO_TRACK)
        scene = scene_for(ladder)
        boxes = scene.role_boxes
        paths = [(r.id, n) for r in ladder.roles for n in r.next]
        lines = edges(scene)
        assert len(lines) == len(paths)
        for source, target in paths:
            src, dst = boxes[source].rect, boxes[target].rect
            matching = [
                line for line in lines
                if _on_border(src, line.points[0]) and _on_border(dst, line.points[-1])
            ]
            assert len(matching) == 1, (source, target)

    @pytest.mark.parametrize("path", [None, TWO_TRACK, POLISH_JAPANESE])
    def test_arrows_never_cross_boxes_they_do_not_connect(self, path):
        assert_arrows_clear_other_boxes(scene_for(load_ladder(path)))

    @pytest.mark.parametrize(
        "roles, tracks",
        [(1, 1), (7, 1), (7, 2), (12, 3), (20, 4), (25, 5), (40, 1), (40, 2), (40, 5)],
    )
    def test_no_overlaps_and_readable_text_at_any_size(self, roles, tracks):
        ladder = load_ladder(make_ladder(roles, tracks))
        for width, height in ((960, 540), (540, 540), (384, 288)):
            scene = scene_for(ladder, width=width, height=height, min_text=7.0)
            assert scene.overlaps() == []
            assert scene.smallest_text() >= 7.0
            assert len(scene.role_boxes) == roles

    @pytest.mark.parametrize("layout", [{"width": 960, "height": 540}, {"width": 515.6, "height": 556.5, "title": False}])
    def test_roles_sharing_a_cell_line_up_with_the_columns_other_boxes(self, layout):
        """GitLab's Director and Senior Director side by side span the width of the VP's box
        above them, not 28 px more on each side."""
        boxes = scene_for(load_ladder(ROOT / "data" / "frameworks" / "gitlab-product.yaml"), **layout).role_boxes
        pair, lone = (boxes["director"].rect, boxes["senior-director"].rect), boxes["vp"].rect
        assert pair[0].x == pytest.approx(lone.x) and pair[1].right == pytest.approx(lone.right)
        assert pair[0].right < pair[1].x

    def test_long_unbroken_titles_wrap_inside_their_boxes(self):
        data = make_ladder(6, 2)
        data["roles"][0]["title"] = "Rechtsschutzversicherungsgesellschaftenvertreterin" * 2
        data["roles"][1]["title"] = "製品マネージャー" * 6
        scene = scene_for(load_ladder(data))
        assert scene.overlaps() == []

    def test_highlight_marks_the_role_with_an_outline_and_a_tag(self):
        ladder = load_ladder()
        scene = scene_for(ladder, highlight="spm")
        box = scene.role_boxes["spm"]
        assert box.stroke == STYLE.palette.highlight and box.stroke_width > 2 * scene.role_boxes["pm"].stroke_width
        tags = [t for t in scene.texts if t.kind == "tag"]
        assert [t.text for t in tags] == ["You are here"] and tags[0].role_id == "spm"
        assert scene.overlaps() == []

    def test_unknown_highlight_is_a_clear_error_in_the_librarys_own_words(self):
        """The library names no command-line flag: API users never called one."""
        with pytest.raises(RenderError) as info:
            scene_for(load_ladder(), highlight="cto")
        assert str(info.value) == "no role with id 'cto'; roles: apm, pm, spm, gpm, director, vp, cpo"
        assert info.value.role_id == "cto"

    def test_translated_labels_replace_the_english_words(self):
        ladder = load_ladder(POLISH_JAPANESE)
        scene = scene_for(ladder, highlight=ladder.roles[0].id)
        texts = {t.text for t in scene.texts}
        assert "Poziom 1" in texts and "Jesteś tutaj" in texts and "Level 1" not in texts


class TestRadar:
    def test_one_profile_per_role_with_a_legend(self):
        ladder = load_ladder()
        scene = radar_scene(ladder, ["pm", "spm"], STYLE)
        profiles = [i for i in scene.items if getattr(i, "kind", "") == "profile"]
        assert len(profiles) == 2
        legend = [t.text for t in scene.texts if t.kind == "legend"]
        assert legend == ["Product Manager", "Senior Product Manager"]
        assert scene.overlaps() == []

    def test_values_follow_the_ratings(self):
        ladder = load_ladder()
        scene = radar_scene(ladder, ["apm"], STYLE, width=400, height=400)
        (profile,) = [i for i in scene.items if getattr(i, "kind", "") == "profile"]
        rings = [i for i in scene.items if getattr(i, "kind", "") == "ring"]
        cx = sum(x for x, _ in rings[-1].points) / len(rings[-1].points)
        cy = sum(y for _, y in rings[-1].points) / len(rings[-1].points)
        outer = max(((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 for x, y in rings[-1].points)
        role = ladder.role("apm")
        for (x, y), dim in zip(profile.points, ladder.rating_dimensions):
            radius = ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5
            assert radius == pytest.approx(outer * role.values[dim.id] / dim.scale, rel=1e-6)

    def test_ladder_without_ratings_is_a_clear_error(self):
        with pytest.raises(RenderError, match="a radar needs at least 3 rating dimensions"):
            radar_scene(load_ladder(make_ladder(3, 1, dimensions=2)), ["r0"], STYLE)


class TestChartCommand:
    def test_default_png_is_a_full_hd_slide(self, runner, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        result = runner.invoke(cli, ["chart"])
        assert result.exit_code == 0, result.output
        assert result.stdout == "output/product-management-chart.png\n"
        assert png_size(tmp_path / "output" / "product-management-chart.png") == (1920, 1080)

    @pytest.mark.parametrize("size, pixels", [("800x600", (800, 600)), ("square", (1080, 1080))])
    def test_sizes(self, runner, tmp_path, size, pixels):
        target = tmp_path / "c.png"
        assert runner.invoke(cli, ["chart", "--size", size, "-o", str(target)]).exit_code == 0
        assert png_size(target) == pixels

    def test_svg_keeps_text_editable(self, runner, tmp_path):
        target = tmp_path / "c.svg"
        result = runner.invoke(cli, ["chart", str(POLISH_JAPANESE), "-o", str(target)])
        assert result.exit_code == 0, result.output
        svg = target.read_text(encoding="utf-8")
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        ladder = load_ladder(POLISH_JAPANESE)
        assert ladder.roles[0].short in texts  # Japanese
        assert "Ścieżka ekspercka" in texts
        assert "<path" in svg and "font-family" in svg

    def test_pdf_embeds_its_fonts(self, runner, tmp_path):
        target = tmp_path / "c.pdf"
        assert runner.invoke(cli, ["chart", "--pdf", "-o", str(target)]).exit_code == 0
        data = target.read_bytes()
        assert data.startswith(b"%PDF") and b"/FontFile2" in data

    def test_stdout(self, runner):
        result = runner.invoke(cli, ["chart", "--svg", "-o", "-"])
        assert result.exit_code == 0 and result.stdout_bytes.lstrip().startswith(b"<?xml")

    def test_radar_command(self, runner, tmp_path):
        target = tmp_path / "r.png"
        result = runner.invoke(cli, ["chart", "--radar", "pm,spm", "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert png_size(target) == (1080, 1080)

    def test_errors_exit_1_and_write_nothing(self, runner, tmp_path):
        target = tmp_path / "c.png"
        result = runner.invoke(cli, ["chart", "--highlight", "cto", "-o", str(target)])
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: --highlight: no role with id 'cto'")
        result = runner.invoke(cli, ["chart", str(TWO_TRACK), "--radar", "nobody", "-o", str(target)])
        assert result.exit_code == 1 and "no role with id 'nobody'" in result.stderr
        assert not target.exists() and list(tmp_path.iterdir()) == []

    def test_painted_figure_matches_its_scene(self):
        """Every text of the scene is drawn, at its place, and no two drawn labels overlap."""
        from pmladder.outputs.chart.render import render_chart

        ladder = load_ladder(TWO_TRACK)
        figure = render_chart(ladder, size=(1920, 1080), dpi=144).figure
        renderer = figure.canvas.get_renderer()
        ax = figure.axes[0]
        drawn = list(ax.texts)
        scene = ladder_scene(ladder, STYLE, width=960, height=540, min_text=7.0)
        assert [t.get_text() for t in drawn] == [t.text for t in scene.texts]
        extents = [t.get_window_extent(renderer) for t in drawn]
        for extent, item in zip(extents, scene.texts):
            # matplotlib's measured width agrees with the layout's metrics within a few pixels
            assert abs(extent.width - item.width * 2) < max(4, 0.03 * extent.width), item.text
        for i, a in enumerate(extents):
            for b in extents[i + 1 :]:
                assert not a.overlaps(b)


def test_same_input_gives_identical_files(tmp_path):
    """Two separate processes write byte-identical PNG, SVG and PDF charts."""
    outputs = {}
    for run in (1, 2):
        for fmt in ("png", "svg", "pdf"):
            target = tmp_path / f"{run}.{fmt}"
            subprocess.run([sys.executable, "-m", "pmladder", "chart", str(TWO_TRACK), "--highlight", "staff",
                            "-o", str(target)], check=True, capture_output=True)
            outputs[(run, fmt)] = target.read_bytes()
    for fmt in ("png", "svg", "pdf"):
        assert outputs[(1, fmt)] == outputs[(2, fmt)], fmt
    assert b"Date" not in outputs[(1, "svg")] and b"CreationDate" not in outputs[(1, "pdf")]


def test_many_peers_share_a_cell_as_a_grid_and_arrows_still_clear_every_box():
    roles = [{"id": f"r{i}", "title": "Role", "summary": "s", "level": 1, "track": "t0"} for i in range(5)]
    roles.append({"id": "d", "title": "Director of Product Design and Research", "summary": "s", "level": 1,
                  "track": "t0", "next": ["e"]})
    roles.append({"id": "e", "title": "Lead", "summary": "s", "level": 2, "track": "t1"})
    roles.append({"id": "f", "title": "Fellow", "summary": "s", "level": 2, "track": "t0", "next": ["g"]})
    roles += [{"id": f"g{i}", "title": "Peer", "summary": "s", "level": 3, "track": "t0"} for i in range(6)]
    roles.append({"id": "g", "title": "Distinguished", "summary": "s", "level": 3, "track": "t0"})
    ladder = load_ladder({"ladder": {"title": "Peers"}, "roles": roles,
                          "tracks": [{"id": "t0", "name": "Design"}, {"id": "t1", "name": "Research"}]})
    scene = scene_for(ladder, highlight="d")
    assert scene.overlaps() == []
    rows = {round(box.rect.cy, 2) for rid, box in scene.role_boxes.items() if rid.startswith("r") or rid == "d"}
    assert len(rows) == 2  # six peers: a grid of two rows
    assert_arrows_clear_other_boxes(scene)
