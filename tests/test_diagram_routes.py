"""The ladder diagram's arrows in every layout the commands draw, for every shipped ladder:
an arrow never runs through a box, so it never seems to join two roles it does not join; it
keeps clear of the boxes it passes, and its head shows after a straight run into its box."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from pmladder import load_ladder, load_style
from pmladder.outputs.html.page import CHART_HEIGHT, CHART_WIDTH, NARROW_HEIGHT, NARROW_TEXT, NARROW_WIDTH
from pmladder.scene.diagram import ladder_scene
from pmladder.scene.elements import Rect
from test_chart import assert_arrows_clear_other_boxes, edges

STYLE = load_style()
SHIPPED = sorted(p for p in (ROOT / "data").rglob("*.yaml") if not p.name.startswith("assessment-"))
LAYOUTS = {
    "slide": {"width": 960.0, "height": 540.0},
    "handout": {"width": 515.6, "height": 556.5, "title": False, "links": True},
    "page": {"width": CHART_WIDTH, "height": CHART_HEIGHT, "title": False, "links": True},
    "phone": {"width": NARROW_WIDTH, "height": NARROW_HEIGHT, "title": False, "links": True,
              "min_text": NARROW_TEXT},
}


def scene(path: Path, layout: str, **kw):
    return ladder_scene(load_ladder(path), STYLE, **LAYOUTS[layout], **kw)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_arrows_never_cross_boxes_they_do_not_connect(path, layout):
    assert_arrows_clear_other_boxes(scene(path, layout))


def test_stacked_roles_of_one_level_are_joined_only_to_their_own_neighbours():
    """On a phone GitLab's Director and Senior Director of Product share a cell one above the
    other; no arrow may seem to lead from one to the other."""
    phone = scene(ROOT / "data" / "frameworks" / "gitlab-product.yaml", "phone")
    director, senior = phone.role_boxes["director"].rect, phone.role_boxes["senior-director"].rect
    assert director.x == senior.x and (director.top <= senior.y or senior.top <= director.y)  # stacked
    assert_arrows_clear_other_boxes(phone)
    assert len(edges(phone)) == sum(len(r.next) for r in load_ladder(
        ROOT / "data" / "frameworks" / "gitlab-product.yaml").roles)


CLEAR = 4.0  # points between an arrow and a box it passes: 1-3 pt reads as running along it
RUN = 3.0  # points of straight line before an arrowhead's base, so the head shows in print


def gap(rect: Rect, p, q) -> float:
    """The distance between the axis-parallel segment p-q and `rect` (0 when they touch)."""
    (x1, y1), (x2, y2) = p, q
    dx = max(rect.x - max(x1, x2), min(x1, x2) - rect.right, 0.0)
    dy = max(rect.y - max(y1, y2), min(y1, y2) - rect.top, 0.0)
    return (dx * dx + dy * dy) ** 0.5


def straightened(points):
    """The polyline without its points in the middle of a straight stretch."""
    out = [points[0]]
    for p, q in zip(points[1:], points[2:]):
        a = out[-1]
        if abs((p[0] - a[0]) * (q[1] - p[1]) - (p[1] - a[1]) * (q[0] - p[0])) > 1e-6:
            out.append(p)
    return [*out, points[-1]]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_arrows_keep_clear_of_boxes_and_their_heads_show(path, layout):
    drawn = scene(path, layout)
    boxes = drawn.role_boxes
    for line in edges(drawn):
        points = straightened(line.points)
        (x1, y1), (x2, y2) = points[-2], points[-1]
        run = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        assert run >= line.head + RUN - 1e-6, f"a head squashed against its box: {run:.1f} pt of line"
        ends = {rid for rid, box in boxes.items() if gap(box.rect, points[0], points[0]) < 0.6
                or gap(box.rect, points[-1], points[-1]) < 0.6}
        for k, (p, q) in enumerate(zip(points, points[1:])):
            for rid, box in boxes.items():
                leaving_or_entering = rid in ends and k in (0, len(points) - 2)
                if not leaving_or_entering:
                    assert gap(box.rect, p, q) >= CLEAR - 1e-6, f"an arrow runs {gap(box.rect, p, q):.1f} pt from {rid}"


@pytest.mark.parametrize("layout", ["slide", "handout"])
def test_two_heads_into_one_box_stand_well_apart(layout):
    """Into the Polish ladder's "Dyrektor Działu" one arrow comes straight up, one from across
    the tracks: 0.5 cm apart in print they read as one double arrow."""
    drawn = scene(ROOT / "data" / "examples" / "inzynieria-pl-ja.yaml", layout)
    target = drawn.role_boxes["dyrektor"].rect
    heads = sorted(line.points[-1][0] for line in edges(drawn) if gap(target, line.points[-1], line.points[-1]) < 0.6)
    assert len(heads) == 2 and heads[1] - heads[0] >= target.w / 5 - 1e-6
