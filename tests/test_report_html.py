"""`pmladder assess -f html`: the development report as one self-contained web page (its browser
tests are in test_html_browser.py)."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys

import pytest

from conftest import ROOT, norm
from pmladder.cli import cli
from pmladder.content.report import report
from pmladder.load.assessment import load_assessment
from test_html import Page

EXAMPLES = ROOT / "data" / "examples"
PM = EXAMPLES / "assessment-pm.yaml"
DESIGN = EXAMPLES / "assessment-design-two-track.yaml"
HOSTILE = """\
ladder: {version: "2026.1"}
person: "<script>window.pwned = 'person'</script>"
role: pm
plan: ["</style><script>window.pwned = 'plan'</script>"]
competencies:
  strategy:
    self: 2
    evidence:
      - text: '"><img src=x onerror="window.pwned = 1">'
        link: "javascript:alert(1)"
  execution: {self: 3}
  customer: {self: 3}
"""


def render(path, style=None) -> bytes:
    from pmladder.outputs.html.report import render_report_html

    return render_report_html(load_assessment(path), style)


def page_of(path, style=None) -> Page:
    return Page(render(path, style).decode("utf-8"))


def test_the_page_shows_the_gaps_in_order_the_evidence_the_plan_and_sign_off():
    page = page_of(PM)
    text = page.visible
    found = report(load_assessment(PM))
    assert page.all("html")[0]["lang"] == "en" and len(page.all("h1")) == 1
    assert found.cover.running in text and "Product Management Career Path · Version 2026.1" in text
    missing = text.index("What I am missing for Senior Product Manager")
    order = [text.index(name, missing) for name in ("Customer & market insight", "Leadership & influence",
                                                    "Scope", "Product strategy", "Communication", "Business acumen")]
    assert order == sorted(order)
    assert text.index("Several products or a larger portfolio", missing) < text.index("Already at the Senior")
    for shown in ("2026-10-14: Wrote the checkout strategy for 2027 and presented it to the leadership team "
                  "(Strategy doc: Checkout 2027 (team drive))",
                  "Mentored our new APM through their first launch", "Where my manager and I see it differently",
                  "Development plan", "Own the pricing discovery in Q1 with the finance team",
                  "Signed (me)", "Signed (manager)"):
        assert norm(shown) in norm(text), shown  # the parser's text has a space at every tag
    levels = [int(name[1]) for name, _ in page.tags if name in ("h1", "h2", "h3", "h4")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    for landmark in ("header", "main", "footer"):
        assert [name for name, _ in page.tags].count(landmark) == 1


def test_the_radar_is_inline_svg_with_its_numbers_as_a_table():
    page = page_of(DESIGN)
    found = report(load_assessment(DESIGN))
    svgs = page.all("svg")
    assert [s["class"] for s in svgs] == ["chart wide", "chart narrow"]
    assert all(s["aria-labelledby"] in {a.get("id") for a in page.all("title")} for s in svgs)
    heads = [label for label in (s.label for s in found.radar.series)]
    assert heads == ["Senior Product Designer", "Staff Product Designer", "Design Manager", "Self", "Manager"]
    for name, cells in found.radar_rows:
        assert norm(name + "".join(cells)) in norm(page.visible)
    assert "1 Learning" in page.visible  # the scale's point names, on the rings


def test_no_axis_label_of_the_phones_radar_splits_a_word():
    from pmladder.load.style import load_style
    from pmladder.outputs.html.report import NARROW
    from pmladder.scene.report_radar import report_radar_scene
    from pmladder.text.fonts import FontSet

    found = report(load_assessment(DESIGN))
    width, height, smallest = NARROW
    scene = report_radar_scene(found.radar, load_style(None), width=width, height=height,
                               fonts=FontSet.for_style(load_style(None)), min_text=smallest)
    words = {word for d in found.radar.dimensions for word in d.name.split()}
    labels = [t.text for t in scene.texts if t.kind == "axis-label"]
    assert labels and all(set(label.split()) <= words for label in labels), labels


def test_a_ladder_of_two_rated_competencies_gets_no_radar(write):
    write("ladder: {title: T}\ndimensions: [{id: x, name: X, kind: rating, scale: 3}, {id: y, name: Y, kind: rating}]\n"
          "roles:\n  - {id: a, title: A, level: 1, next: [b], dimensions: {x: 1, y: 2}}\n"
          "  - {id: b, title: B, level: 2, dimensions: {x: 3, y: 3}}\n")
    page = Page(render(write("ladder: {file: ladder.yaml}\nrole: a\ncompetencies:\n  x: {self: 2}\n", "me.yaml")).decode())
    assert page.all("svg") == [] and page.all("figure") == []
    assert "What I am missing for B" in page.visible and "1 point" in page.visible


def test_no_script_runs_and_the_style_is_allowed_by_its_hash():
    page = page_of(PM)
    csp = next(a["content"] for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy")
    rules = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert rules["default-src"] == "'none'" and rules["script-src"] == "'none'" and rules["img-src"] == "data:"
    (style,) = page.raw["style"]
    assert rules["style-src"] == "'sha256-" + base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() + "'"
    assert page.raw["script"] == []
    assert {"name": "robots", "content": "noindex, nofollow"} in page.all("meta")


def test_a_persons_text_stays_text(write):
    page = Page(render(write(HOSTILE, "me.yaml")).decode("utf-8"))
    assert page.raw["script"] == [] and len(page.raw["style"]) == 1 and "pwned" not in page.raw["style"][0]
    for name, attrs in page.tags:
        assert name not in ("img", "script", "iframe"), name
        assert not any(key.startswith("on") or (value or "").startswith("javascript") for key, value in attrs.items())
    for shown in ("<script>window.pwned = 'person'</script>", "</style><script>window.pwned = 'plan'</script>",
                  '"><img src=x onerror="window.pwned = 1">', "(javascript:alert(1))"):
        assert norm(shown) in norm(page.visible), shown


def test_the_same_bytes_every_run_and_in_a_fresh_process(tmp_path):
    first = render(PM)
    render(DESIGN, "print")
    assert render(PM) == first
    out = tmp_path / "me.html"
    subprocess.run([sys.executable, "-m", "pmladder", "assess", str(PM), "-o", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == first


def test_a_style_applies_and_the_ladders_language_is_declared(tmp_path):
    grey = page_of(DESIGN, "print")
    assert "--banner: #F2F2F2" in grey.raw["style"][0]
    polish = (ROOT / "data" / "examples" / "inzynieria-pl-ja.yaml")
    (tmp_path / "me.yaml").write_text(f"ladder: {{file: {polish}}}\nrole: starszy\n", encoding="utf-8")
    page = page_of(tmp_path / "me.yaml")
    assert page.all("html")[0]["lang"] == "pl" and "Przejdź do treści" in page.visible


def test_assess_html_imports_neither_matplotlib_nor_reportlab(tmp_path):
    code = ("import sys; from pmladder.cli import cli\n"
            f"cli.main(['assess', {str(DESIGN)!r}, '-o', {str(tmp_path / 'r.html')!r}], standalone_mode=False)\n"
            "print(sorted(m for m in ('matplotlib', 'reportlab') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "r.html").read_bytes().startswith(b"<!DOCTYPE html>")


class TestCommand:
    def test_the_suffix_or_the_format_chooses_html(self, runner, tmp_path):
        result = runner.invoke(cli, ["assess", str(PM), "-o", str(tmp_path / "me.html")])
        assert result.exit_code == 0, result.output
        assert (tmp_path / "me.html").read_bytes() == render(PM)
        result = runner.invoke(cli, ["assess", str(PM), str(DESIGN), "-f", "html", "--output-dir", str(tmp_path / "out")])
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["assessment-design-two-track.html",
                                                                         "assessment-pm.html"]

    def test_the_help_lists_html(self, runner):
        result = runner.invoke(cli, ["assess", "--help"])
        assert result.exit_code == 0 and "html (one self-contained web page)" in " ".join(result.output.split())

    @pytest.mark.parametrize("suffix", [".htm", ".HTML"])
    def test_other_spellings_of_the_suffix(self, runner, tmp_path, suffix):
        result = runner.invoke(cli, ["assess", str(PM), "-o", str(tmp_path / f"me{suffix}")])
        assert result.exit_code == 0, result.output
        assert (tmp_path / f"me{suffix}").read_bytes().startswith(b"<!DOCTYPE html>")
