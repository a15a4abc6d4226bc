"""Fonts belong to one render: fallback faces chosen for one ladder never change another's files."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest

from conftest import DEFAULT_LADDER, POLISH_JAPANESE
from pmladder.load.ladder import load_ladder
from pmladder.load.style import load_style
from pmladder.text.fonts import FontSet

# Every output that draws text, as file name -> SHA-256, for one ladder (the default's role "pm").
OUTPUTS = """
import hashlib, json, sys
from pmladder import api
from pmladder.load.ladder import load_ladder

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


def test_fallback_faces_chosen_in_one_render_stay_out_of_the_next():
    if not _cjk_fallback_installed():
        pytest.skip("no installed font covers CJK")
    style = load_style(None)
    first = FontSet.for_style(style)
    first.runs("Inżynier 職")
    assert len(first.faces()) == 3
    assert FontSet.for_style(style).faces() == first.faces()[:2]
