"""pmladder html: one self-contained page, its content from the content layer, ladder text
escaped everywhere, a CSP that allows only the page's own script and style, the same bytes
every run. The browser checks are in test_html_browser.py."""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from conftest import POLISH_JAPANESE, ROOT, ladder_text
from pmladder.cli import cli
from pmladder.load.ladder import load_ladder
from pmladder.outputs.html.page import render_html
from pmladder.outputs.html.svg import paint_svg
from pmladder.scene.elements import Box, Line, Rect, Scene, Text

FORMAT2 = ROOT / "data" / "examples" / "design-two-track.yaml"
HOSTILE = ROOT / "tests" / "corpus" / "html" / "hostile.yaml"
BRAND = ROOT / "styles" / "brand-example.yaml"


class Page(HTMLParser):
    """The parts of a page the tests look at: every tag with its attributes, the text, the
    inline script and style."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw[self._in][-1] += data
        else:
            self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def page_of(path=None, **options) -> tuple[bytes, Page]:
    data = render_html(load_ladder(str(path) if path else None), **options)
    return data, Page(data.decode("utf-8"))


def test_the_page_shows_every_role_its_next_level_and_the_format_2_features():
    ladder = load_ladder(str(FORMAT2))
    _, page = page_of(FORMAT2)
    text = page.visible
    assert len(page.all("h1")) == 1
    ids = {attrs.get("id") for _, attrs in page.tags}
    for role in ladder.roles:
        assert f"role-{role.id}" in ids and f"worksheet-{role.id}" in ids
        assert role.title in text
    for wanted in ("Craft", "People leadership",  # groups
                   "Practicing", "Shaping",  # named scale points
                   "D3 Senior", "M5 Director",  # named levels
                   "Anti-patterns", "Typical projects",  # the roles' own sections
                   ladder.label("next_level"), ladder.label("unchanged")):
        assert wanted in text, wanted
    statement = next(v for r in ladder.roles for v in r.values.values() if isinstance(v, tuple))
    lists = [attrs for attrs in page.all("ul") if attrs.get("class") == "statements"]
    assert lists and statement[0] in text
    # A next role's statements show as what comes (and what falls away); a table rewritten in
    # every row says so once, in the ladder's words, as the handout does.
    assert any(attrs.get("class") == "statements added" for attrs in page.all("ul"))
    from pmladder.content import profile

    notes = [t.note for r in ladder.roles for t in profile(ladder, r).tables if t.note]
    assert notes and all(note in text for note in notes)
    assert ladder.label("added_statements") not in text  # no list beside the new ones to tell apart


def test_headings_are_in_order_and_the_page_has_landmarks():
    _, page = page_of(POLISH_JAPANESE)
    levels = [int(name[1]) for name, _ in page.tags if re.fullmatch(r"h[1-6]", name)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    names = [name for name, _ in page.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert names.count(landmark) == 1, landmark
    assert "Ścieżka Kariery w Inżynierii Oprogramowania" in page.visible
    assert "Macierz porównawcza" in page.visible and "Porównaj dwie role" in page.visible  # the ladder's own words
    assert page.all("html")[0]["lang"] == "pl"  # the ladder's language
    assert page_of()[1].all("html")[0]["lang"] == "en"


def test_the_chart_is_inline_svg_with_a_title_a_text_alternative_and_links_to_the_roles():
    ladder = load_ladder(None)
    _, page = page_of(highlight="pm")
    svg = page.all("svg")[0]
    title_id = svg["aria-labelledby"]
    assert page.all("title")[1]["id"] == title_id  # the page's title, then the chart's
    links = {a["href"] for a in page.all("a")}
    assert {f"#role-{r.id}" for r in ladder.roles} <= links
    assert not page.all("img") and not page.all("link")
    assert ladder.label("you_are_here") in page.visible
    assert page.all("figure")[0]["aria-describedby"] == "chart-roles"


def test_the_page_is_the_same_bytes_every_run_and_in_a_fresh_process(tmp_path):
    first, _ = page_of(POLISH_JAPANESE)
    page_of(FORMAT2, style="print")
    assert page_of(POLISH_JAPANESE)[0] == first
    out = tmp_path / "page.html"
    subprocess.run([sys.executable, "-m", "pmladder", "html", str(POLISH_JAPANESE), "-o", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == first


def test_csp_allows_exactly_the_inline_script_and_style_by_hash():
    data, page = page_of()
    csp = next(a["content"] for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy")
    rules = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert rules["default-src"] == "'none'" and rules["img-src"] == "data:"
    for kind, directive in (("script", "script-src"), ("style", "style-src")):
        (body,) = page.raw[kind]
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert rules[directive] == f"'sha256-{digest}'"
    assert not any("style" in attrs for _, attrs in page.tags)  # a style attribute would be blocked


def test_hostile_ladder_text_stays_text():
    ladder = load_ladder(str(HOSTILE))
    data, page = page_of(HOSTILE)
    assert len(page.raw["script"]) == 1 and len(page.raw["style"]) == 1
    assert "pwned" not in page.raw["script"][0] + page.raw["style"][0]
    for name, attrs in page.tags:
        assert name not in ("img", "iframe", "marquee", "b"), name
        assert not any(key.startswith("on") for key in attrs), (name, attrs)
        for key in ("href", "src"):
            assert not (attrs.get(key) or "#").lower().startswith("javascript"), (name, attrs)
    assert len(page.all("h1")) == 1
    text = page.visible
    for shown in (ladder.title, ladder.subtitle, ladder.roles[0].title, ladder.roles[0].summary,
                  ladder.roles[0].sections[0].heading, ladder.dimensions[0].name, "{{ 7*7 }}"):
        assert shown in text, shown


def test_a_style_applies_its_colours_font_and_logo_and_the_print_style_is_grey():
    _, page = page_of(style=str(BRAND))
    (logo,) = page.all("img")
    assert logo["src"].startswith("data:image/") and logo["alt"]
    css = page.raw["style"][0]
    from pmladder.load.style import load_style

    brand = load_style(str(BRAND))
    assert f"--primary: {brand.palette.primary}" in css
    grey = page_of(style="print")[1].raw["style"][0]
    colours = set(re.findall(r"#([0-9A-Fa-f]{6})\b", grey.split("@media")[0].split("*,")[0]))
    assert colours and all(c[0:2] == c[2:4] == c[4:6] for c in colours), colours


def test_the_svg_painter_flips_y_and_escapes_text():
    scene = Scene(100, 50, (Box(Rect(10, 5, 30, 20), "#FFFFFF", "#000000", 1, kind="role", role_id="r", link="role-r"),
                            Text("<b>&", 12, 10, 8, "#000000", 20.0, role_id="r"),
                            Line(((0, 0), (0, 40)), "#000000", 1, arrow=True)))
    svg = str(paint_svg(scene, title="A <chart>", title_id="t"))
    assert '<a href="#role-r"><rect class="role" x="10" y="25" width="30" height="20"' in svg
    assert ">&lt;b&gt;&amp;</text></a>" in svg and "A &lt;chart&gt;" in svg
    assert 'points="0,50 0,10"' in svg and 'class="head" points="0,10 ' in svg


def test_html_imports_neither_matplotlib_nor_reportlab(tmp_path):
    code = ("import sys; from pmladder.cli import cli\n"
            f"cli.main(['html', '-o', {str(tmp_path / 'p.html')!r}], standalone_mode=False)\n"
            "print(sorted(m for m in ('matplotlib', 'reportlab') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "p.html").read_bytes().startswith(b"<!DOCTYPE html>")


class TestCommand:
    def test_writes_one_page_per_ladder_into_a_folder(self, runner, tmp_path):
        result = runner.invoke(cli, ["html", str(FORMAT2), str(POLISH_JAPANESE), "--output-dir", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in tmp_path.iterdir()) == ["design-two-track.html", "inzynieria-pl-ja.html"]

    @pytest.mark.parametrize("args, message", [
        (["-o", "page.pdf"], "-o page.pdf: this command does not write .pdf files; use .html, .htm, or no suffix with --format"),
        (["a.yaml", "b.yaml", "-o", "x.html"], "-o/--output takes one ladder; use --output-dir for several"),
    ])
    def test_usage_errors(self, runner, args, message):
        result = runner.invoke(cli, ["html", *args])
        assert result.exit_code == 2 and result.output.rstrip().endswith(f"Error: {message}"), result.output

    def test_an_unknown_highlight_is_an_error_and_nothing_is_written(self, runner, tmp_path):
        result = runner.invoke(cli, ["html", "--highlight", "nobody", "-o", str(tmp_path / "p.html")])
        assert result.exit_code == 1 and "--highlight" in result.output and "nobody" in result.output
        assert not (tmp_path / "p.html").exists()

    def test_the_page_never_replaces_its_ladder(self, runner, tmp_path):
        ladder = tmp_path / "ladder.html"
        ladder.write_bytes(FORMAT2.read_bytes())
        result = runner.invoke(cli, ["html", str(ladder), "-o", str(ladder)])
        assert result.exit_code == 2 and "is an input of this run" in result.output
        assert ladder.read_bytes() == FORMAT2.read_bytes()


def test_a_phone_gets_a_portrait_chart_and_print_a_matrix_that_fits_the_page():
    ladder = load_ladder(str(POLISH_JAPANESE))
    _, page = page_of(POLISH_JAPANESE)
    wide, narrow = page.all("svg")
    assert wide["class"] == "chart wide" and wide["viewbox"].startswith("0 0 960 ")
    assert narrow["class"] == "chart narrow" and narrow["viewbox"].startswith("0 0 360 ")
    assert narrow["aria-labelledby"] != wide["aria-labelledby"]
    tables = page_of(POLISH_JAPANESE)[0].decode().split('<div class="printed">')[1].split("</div>")[0]
    heads = re.findall(r"<thead><tr>(.*?)</tr></thead>", tables)
    assert len(heads) >= 2 and all(h.count("<th") - 1 <= 5 for h in heads)  # the corner, then at most 5 roles
    assert sum(h.count("<th") - 1 for h in heads) == len(ladder.roles)


def test_a_cache_folder_that_cannot_be_used_only_costs_compiling(monkeypatch):
    import jinja2

    from pmladder.outputs.html import page as page_module

    expected = render_html(load_ladder(None))

    def refuse(*args, **kwargs):
        raise RuntimeError("The cache directory is not owned by the current user.")

    monkeypatch.setattr(jinja2, "FileSystemBytecodeCache", refuse)
    page_module._environment.cache_clear()
    try:
        assert render_html(load_ladder(None)) == expected
    finally:
        page_module._environment.cache_clear()


def test_templates_compiled_by_another_set_up_are_not_reused(monkeypatch, tmp_path):
    """A compiled template depends on the environment's set-up as well as on its source: one
    left in the shared cache folder by a pmladder whose environment differs (here: without the
    `finalize` that marks Japanese) must not be loaded in place of this one's."""
    import tempfile

    import jinja2

    from pmladder.outputs.html import page as page_module

    ladder = load_ladder(POLISH_JAPANESE)
    page_module._environment.cache_clear()
    expected = render_html(ladder)  # a cache folder of its own
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the shared cache folder, in the test's own place
    page_module._environment.cache_clear()
    try:
        other = jinja2.Environment(loader=page_module._environment(False).loader, autoescape=True,
                                   trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                                   bytecode_cache=jinja2.FileSystemBytecodeCache())
        other.globals.update(page_module._environment(False).globals)
        other.filters["plain"] = page_module._plain
        for name in other.list_templates(extensions=["j2"]):
            other.get_template(name)  # compiled into the cache folder, without finalize
        assert list(tmp_path.rglob("*.cache")), "the other set-up's compiled templates are in the folder"
        assert render_html(ladder) == expected
    finally:
        page_module._environment.cache_clear()


class Languages(HTMLParser):
    """Each text of a page with the language it is in (the nearest `lang` around it), the
    attribute values, and apart the texts of <title> (the page's, an SVG's) and <option>,
    which hold no elements."""

    VOID = {"meta", "img", "input", "br", "hr", "wbr", "link", "col", "source"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []
        self.plain: list[str] = []
        self.attributes: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.attributes += [value for _, value in attrs if value]
        if tag not in self.VOID:
            self.open.append((tag, dict(attrs).get("lang") or (self.open[-1][1] if self.open else None)))

    def handle_startendtag(self, tag, attrs):
        self.attributes += [value for _, value in attrs if value]

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if data.strip() and self.open:
            if self.open[-1][0] in ("title", "option"):
                self.plain.append(data)
            else:
                self.texts.append((data, self.open[-1][1]))

    @property
    def unmarked_kana(self) -> list[str]:
        from pmladder.text.scripts import has_kana

        return [text for text, lang in self.texts if has_kana(text) and lang != "ja"]


def test_japanese_in_a_polish_ladder_is_marked_as_japanese():
    """Before: the page said lang="pl" throughout, so a browser could draw the Japanese titles
    and paragraphs in Chinese glyph forms (and a screen reader read them as Polish)."""
    page = render_html(load_ladder(str(POLISH_JAPANESE))).decode("utf-8")
    found = Languages(page)
    assert '<html lang="pl">' in page
    for text in ("このキャリアラダーについて", "全社およびその先", "シニアエンジニア"):  # a heading, a value, a title
        assert (text, "ja") in found.texts, text
    # in a text of both, only the Japanese is marked: the level and track stay Polish
    assert ("技術フェロー", "ja") in found.texts and (" · Poziom 6 · Ścieżka ekspercka", "pl") in found.texts
    assert not found.unmarked_kana
    from pmladder.text.scripts import cjk_runs

    assert all(all(cjk for _, cjk in cjk_runs(text.strip())) for text, lang in found.texts if lang == "ja")


def test_a_japanese_ladder_marks_nothing(write):
    path = write(ladder_text("- {id: a, title: シニアエンジニア, level: 1, summary: 概要です}\n", "  language: ja\n"))
    page = render_html(load_ladder(path)).decode("utf-8")
    assert page.count("lang=") == 1 and '<html lang="ja">' in page


def _every_text_in_kana(data, key=None, counter=None):
    """The hostile page corpus with each text replaced by a numbered Japanese one: ids and
    references stay as they are."""
    counter = itertools.count() if counter is None else counter
    if isinstance(data, dict):
        return {k: _every_text_in_kana(v, k, counter) for k, v in data.items()}
    if isinstance(data, list):
        return [_every_text_in_kana(v, key, counter) for v in data]
    if isinstance(data, str) and key not in ("id", "track", "scale", "group", "kind", "next", "reports_to"):
        placeholders = "".join(re.findall(r"\{\w+\}", data))
        return f"かな{next(counter)}{placeholders}"
    return data


def test_the_mark_never_lands_in_an_attribute_or_the_title(tmp_path):
    """Japanese in every field of a Polish page: each text is marked where it is shown, and
    no attribute value (an aria-label, an alt) or <title> gets a <span> into it."""
    import yaml

    data = _every_text_in_kana(yaml.safe_load(HOSTILE.read_text(encoding="utf-8")))
    data["ladder"]["language"] = "pl"
    data["ladder"]["labels"] = {key: f"かな {value}" for key, value in load_ladder(None).labels.items()}
    path = tmp_path / "kana.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page = render_html(load_ladder(str(path)), style=str(BRAND)).decode("utf-8")
    found = Languages(page)
    assert found.attributes and not [value for value in found.attributes if "<" in value or "lang" in value]
    assert found.plain and not [text for text in found.plain if "<" in text]
    assert not found.unmarked_kana

    from pmladder.load.assessment import load_assessment
    from pmladder.outputs.html.report import render_report_html

    assessment = (ROOT / "data" / "examples" / "assessment-pm.yaml").read_text(encoding="utf-8")
    me = tmp_path / "me.yaml"
    me.write_text(assessment.replace("person: Alex Example", "person: かなさん"), encoding="utf-8")
    ladder = yaml.safe_load((ROOT / "data" / "product-management.yaml").read_text(encoding="utf-8"))
    ladder["ladder"].update(language="pl", labels=data["ladder"]["labels"])
    ladder["schema"] = 2
    (tmp_path / "pm.yaml").write_text(yaml.safe_dump(ladder, allow_unicode=True), encoding="utf-8")
    report = render_report_html(load_assessment(me, ladder=load_ladder(str(tmp_path / "pm.yaml"))), str(BRAND))
    found = Languages(report.decode("utf-8"))
    assert found.attributes and not [value for value in found.attributes if "<" in value or "lang" in value]
    assert "かなさん" in found.plain[0] and not [text for text in found.plain if "<" in text]
    assert not found.unmarked_kana
