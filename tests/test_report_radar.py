"""The development report's radar, read from its scene: the scale's values stay readable under
the shapes, each outline can be told from the others, and the legend shows what is drawn."""

from __future__ import annotations

import pytest

from conftest import ROOT
from pmladder import load_style
from pmladder.content.report import report
from pmladder.load.assessment import load_assessment
from pmladder.scene.elements import Box, Circle, Line, Polygon, Rect
from pmladder.scene.report_radar import report_radar_scene
from pmladder.text.fonts import FontSet

STYLE = load_style(None)
PM = ROOT / "data" / "examples" / "assessment-pm.yaml"  # Manager has no Business acumen rating
DESIGN = ROOT / "data" / "examples" / "assessment-design-two-track.yaml"


def radar(path, width=400.0):
    found = report(load_assessment(path))
    return found.radar, report_radar_scene(found.radar, STYLE, width=width, height=width * 0.78,
                                           fonts=FontSet.for_style(STYLE))


def crosses(item, rect: Rect) -> bool:
    if isinstance(item, Circle):
        return rect.x - item.r < item.cx < rect.right + item.r and rect.y - item.r < item.cy < rect.top + item.r
    points = item.points if isinstance(item, Line) else (*item.points, item.points[0])
    return any(rect.x < x1 + (x2 - x1) * t / 200 < rect.right and rect.y < y1 + (y2 - y1) * t / 200 < rect.top
               for (x1, y1), (x2, y2) in zip(points, points[1:]) for t in range(201))


@pytest.mark.parametrize("path", [PM, DESIGN], ids=["pm", "design"])
@pytest.mark.parametrize("width", [400.0, 600.0])
def test_no_point_sits_on_a_scale_value_and_no_outline_runs_over_one_unseen(path, width):
    _, scene = radar(path, width)
    items = list(scene.items)
    ticks = [(k, t) for k, t in enumerate(items) if getattr(t, "kind", "") == "tick"]
    assert ticks
    for k, tick in ticks:
        r = tick.rect
        near = Rect(r.x - 1, r.y - 1, r.w + 2, r.h + 2)  # a line closer than 1 pt runs over the glyphs
        for j, item in enumerate(items):
            if isinstance(item, Circle):
                assert not crosses(item, near), f"a point covers the scale value {tick.text}"
            elif isinstance(item, (Line, Polygon)) and item.kind == "outline" and crosses(item, near):
                # Drawn over it, then, on a patch of background that hides the line.
                patch = [i for i in range(j + 1, k) if isinstance(items[i], Box) and items[i].kind == "panel"
                         and items[i].rect.contains(tick.rect) and items[i].fill == scene.background]
                assert patch, f"an outline runs over the scale value {tick.text}"


def outlines_by_colour(scene) -> dict[str, set]:
    found: dict[str, set] = {}
    for item in scene.items:
        if isinstance(item, (Line, Polygon)) and item.kind == "outline":
            colour = item.color if isinstance(item, Line) else item.stroke
            found.setdefault(colour, set()).add((getattr(item, "dash", None), round(item.width if isinstance(item, Line)
                                                                                   else item.stroke_width, 3)))
    return found


def test_the_role_and_the_target_outlines_differ_in_dash_and_weight_and_the_legend_shows_each():
    data, scene = radar(PM)
    role, target = data.series[0], data.series[1]
    assert (role.kind, target.kind) == ("role", "target")
    drawn = outlines_by_colour(scene)
    swatches = [b for b in scene.items if isinstance(b, Box) and b.kind == "swatch"]
    (role_line,), (target_line,) = drawn[swatches[0].stroke], drawn[swatches[1].stroke]
    assert role_line[0] != target_line[0] and abs(role_line[1] - target_line[1]) >= 0.3
    assert swatches[0].dash == role_line[0] and swatches[1].dash == target_line[0]
    assert swatches[0].stroke_width < swatches[1].stroke_width


def test_a_shape_left_open_says_which_rating_is_missing_and_its_swatch_is_unfilled_like_it():
    _, scene = radar(PM)
    legend = [t.text for t in scene.texts if t.kind == "legend"]
    assert "Manager (not assessed: Business acumen)" in legend and "Self" in legend
    swatches = [b for b in scene.items if isinstance(b, Box) and b.kind == "swatch"]
    filled = {p.fill for p in scene.items if isinstance(p, Polygon) and p.kind == "profile"}
    for swatch in swatches:
        assert (swatch.fill is not None) == (swatch.stroke in filled), swatch.stroke


def test_the_note_of_a_missing_rating_is_printed_whole_on_a_phone_too():
    """On the web report's narrow radar the note took half a line and lost its end
    ("Manager (not assessed:…"): it gets a line of its own instead."""
    from pmladder.outputs.html.report import NARROW

    found = report(load_assessment(PM))
    width, height, text = NARROW
    scene = report_radar_scene(found.radar, STYLE, width=width, height=height, fonts=FontSet.for_style(STYLE),
                               min_text=text)
    legend = [t.text for t in scene.texts if t.kind == "legend"]
    assert "Manager (not assessed: Business acumen)" in legend
    assert scene.overlaps() == []
