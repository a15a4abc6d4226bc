"""The ladder diagram's arrows in every layout the commands draw, for every shipped ladder:
an arrow never runs through a box, so it never seems to join two roles it does not join."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from pmladder import load_ladder, load_style
from pmladder.outputs.html.page import CHART_HEIGHT, CHART_WIDTH, NARROW_HEIGHT, NARROW_TEXT, NARROW_WIDTH
from pmladder.scene.diagram import ladder_scene
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
