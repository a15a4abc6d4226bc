"""Details of the ladder chart and the radar a reader trips on: track names cut short, and
ratings on scales of different lengths drawn against one set of rings."""

from __future__ import annotations

import math

import pytest

from conftest import ROOT
from pmladder.load.ladder import load_ladder
from pmladder.load.style import load_style
from pmladder.scene.diagram import ladder_scene
from pmladder.scene.radar import radar_scene

FOUR_TRACKS = ROOT / "data" / "frameworks" / "engineering-ladders.yaml"

MIXED = """\
schema: 2
ladder: {title: Mixed scales}
dimensions:
  - {id: a, name: Alpha, kind: rating, scale: 5}
  - {id: b, name: Beta, kind: rating, scale: 4}
  - {id: c, name: Gamma, kind: rating, scale: 5}
roles:
  - {id: r, title: Role, level: 1, dimensions: {a: 3, b: 3, c: 2}}
"""


class TestTrackNames:
    def test_the_handout_chart_wraps_long_track_names_instead_of_cutting_them(self):
        """At the handout's width, "Technical Program Manager" prints whole, over several lines."""
        ladder = load_ladder(FOUR_TRACKS)
        scene = ladder_scene(ladder, load_style("default"), width=480, height=470, title=False)
        heads = [item for item in scene.items if getattr(item, "kind", None) == "track"]
        assert not any("\u2026" in item.text for item in heads)
        by_column: dict[float, list] = {}
        for item in heads:
            by_column.setdefault(round(item.x, 1), []).append(item)
        names = [" ".join(i.text for i in sorted(items, key=lambda i: -i.y)) for _, items in sorted(by_column.items())]
        assert names == [t.name for t in ladder.tracks]
        assert max(len(items) for items in by_column.values()) > 1

    def test_wrapped_names_stay_above_the_boxes(self):
        ladder = load_ladder(FOUR_TRACKS)
        scene = ladder_scene(ladder, load_style("default"), width=480, height=470, title=False)
        lowest_head = min(item.y for item in scene.items if getattr(item, "kind", None) == "track")
        boxes = [item for item in scene.items if getattr(item, "kind", None) == "role"]
        assert boxes and lowest_head > max(box.rect.top for box in boxes)


class TestRadarScales:
    def test_mixed_scales_get_ticks_on_each_axis_instead_of_shared_rings(self):
        """A 4-point and a 5-point axis: one outer ring, and each axis its own steps."""
        scene = radar_scene(load_ladder(text=MIXED), ["r"], load_style("default"), title=False)
        rings = [i for i in scene.items if getattr(i, "kind", None) == "ring"]
        ticks = [i for i in scene.items if getattr(i, "kind", None) == "tick-mark"]
        assert len(rings) == 1
        assert len(ticks) == 4 + 3 + 4  # the steps below each axis's top

    def test_a_rating_sits_on_its_own_axis_tick(self):
        """3 of 4 is drawn at the third tick of its axis, not between two rings of five."""
        scene = radar_scene(load_ladder(text=MIXED), ["r"], load_style("default"), title=False)
        [outline] = [i for i in scene.items if getattr(i, "kind", None) == "outline"]
        axes = [i for i in scene.items if getattr(i, "kind", None) == "axis"]
        (cx, cy), (ex, ey) = axes[1].points
        ticks = [i for i in scene.items if getattr(i, "kind", None) == "tick-mark"]
        centres = [((t.points[0][0] + t.points[1][0]) / 2, (t.points[0][1] + t.points[1][1]) / 2) for t in ticks]
        beta = outline.points[1]  # the second axis, Beta, rated 3 of 4
        assert any(math.dist(beta, c) < 0.01 for c in centres)
        assert math.dist((cx, cy), beta) / math.dist((cx, cy), (ex, ey)) == pytest.approx(0.75)

    def test_one_scale_keeps_a_ring_per_step(self):
        ladder = load_ladder(text=MIXED.replace("scale: 4", "scale: 5"))
        scene = radar_scene(ladder, ["r"], load_style("default"), title=False)
        assert len([i for i in scene.items if getattr(i, "kind", None) == "ring"]) == 5
        assert not [i for i in scene.items if getattr(i, "kind", None) == "tick-mark"]
