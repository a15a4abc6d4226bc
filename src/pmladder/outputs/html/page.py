"""The ladder as one self-contained web page: content from pmladder.content, the diagram from
its scene through the SVG painter, laid into a Jinja2 template with autoescape on.

Nothing here decides content. Ladder text reaches the page only through the template engine's
escaping (or MarkupSafe in the painter), never a script, a URL or a style. The page's one
inline style sheet and one inline script are allowed by their SHA-256 hashes in a
Content-Security-Policy meta tag: no other script runs, nothing is fetched. The same ladder
and style give the same bytes every run (no dates, no random nonces).
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib.resources import files
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ...content import (
    contents,
    cover,
    document_language,
    language_runs,
    matrix,
    progression,
    role_index,
    role_key,
    role_page,
    track_notes,
    uses_progression,
    whole_matrix,
    worksheet,
    worksheet_key,
)
from ...load.locate import text_locator
from ...load.style import Style, load_style
from ...model import Ladder, require_role
from ...scene.diagram import ladder_scene
from ...scene.elements import tint
from ...text.fonts import FontSet
from .svg import paint_svg

CHART_WIDTH, CHART_HEIGHT = 960.0, 540.0  # points: the slide's shape, scaled to the page's width
PRINTED_ROLES = 5  # role columns a printed matrix table takes across a portrait page
# The wide chart is drawn about 1.1 times its points across a 1280 px window (1,056 px of
# 960 pt): its text is never under 12 px there. A ladder whose titles do not fit at that size
# drops its short labels, then gets a taller chart, never smaller text.
WIDE_TEXT = 11.2
# A phone's portrait chart, near 1:1 in px. Larger text would break the Polish example's
# long words inside its boxes ("Oprogramowani-a"), which reads worse than 11 px.
NARROW_WIDTH, NARROW_HEIGHT, NARROW_TEXT = 360.0, 640.0, 11.0
_FAMILY = re.compile(r"[A-Za-z0-9 _-]{1,64}")  # a font name safe to quote in CSS
TEMPLATE = "page.html.j2"
_LOGO_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}


@jinja2.pass_context
def _in_its_language(context: jinja2.runtime.Context, value):
    """Every text a template prints, each part of it in another language than the page's
    (Japanese in a Polish ladder) marked with its own, so that a browser draws it in that
    language's glyph forms and a screen reader speaks it in that language.
    Attribute values and <title> print theirs through `plain`, which marks nothing."""
    # The common case, a str with nothing past U+3040 (Latin, Cyrillic...), decided in C.
    if type(value) is str and value and max(value) >= "\u3040":
        runs = language_runs(value, context.get("lang", "und"))
        if len(runs) > 1 or runs[0][1]:
            return Markup("").join(Markup('<span lang="{}">{}</span>').format(language, run) if language
                                   else escape(run) for run, language in runs)
    return value


def _plain(value) -> Markup:
    """Text for an attribute value or a <title>, which hold no elements: escaped, unmarked."""
    return escape(value)


@cache
def _environment(cached: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(files(__package__) / "templates")),
        autoescape=True,  # every {{ }} is escaped: ladder text never becomes markup
        finalize=_in_its_language,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Compiled templates are kept in Jinja's own per-user cache folder (it checks that the
        # folder is the user's and private): a run after the first skips compiling (~0.1 s, a
        # third of the command's time).
        bytecode_cache=jinja2.FileSystemBytecodeCache(pattern=_cache_pattern()) if cached else None,
    )
    env.globals.update(role_key=role_key, worksheet_key=worksheet_key)
    env.filters["plain"] = _plain
    return env


def _cache_pattern() -> str:
    """Cache file names that change with this module. Jinja keys a compiled template by its
    name and source only, but what it compiles to depends on the environment above too
    (autoescape, finalize, trimming): another pmladder with the same templates and another
    set-up must not load this one's code, nor this one its."""
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return f"__pmladder_{digest}_%s.cache"


def template(name: str = TEMPLATE) -> jinja2.Template:
    """One of the package's templates; compiled afresh when the cache folder cannot be used."""
    try:
        return _environment(True).get_template(name)
    except (OSError, RuntimeError):
        return _environment(False).get_template(name)


def _asset(name: str) -> str:
    return (files(__package__) / "templates" / name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _family(name: str) -> str | None:
    """The style's font as a CSS family name, or None for a file path or an odd name."""
    if "/" in name or "\\" in name or "." in name or not _FAMILY.fullmatch(name):
        return None
    return name


def logo_uri(style: Style) -> str | None:
    """The style's logo as a data: URI (checked by the style loader); an SVG is shown in an
    <img>, where its scripts never run."""
    if style.logo is None:
        return None
    data = Path(style.logo.file).read_bytes()
    mime = next((m for magic, m in _LOGO_TYPES.items() if data.startswith(magic)), "image/svg+xml")
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def css_for(style: Style, *sheets: str) -> str:
    """The style's colours and fonts as CSS variables, then the package's `sheets`."""
    p = style.palette
    families = [f for f in (_family(style.fonts.body),) if f]
    stack = ", ".join([*(f'"{f}"' for f in families), "system-ui", "-apple-system", '"Segoe UI"', "Roboto",
                       '"Noto Sans"', '"Noto Sans CJK JP"', "sans-serif"])
    tracks = "\n".join(f".track-{i} {{ --track: {c}; --track-tint: {tint(c, 0.16)}; }}"
                       for i, c in enumerate(p.tracks))
    variables = (f":root {{ --primary: {p.primary}; --accent: {p.accent}; --text: {p.text}; --muted: {p.muted}; "
                 f"--background: {p.background}; --surface: {p.surface}; --rule: {p.rule}; "
                 f"--banner-text: {p.text if style.grayscale else '#FFFFFF'}; "
                 f"--banner: {p.surface if style.grayscale else p.primary}; --font: {stack}; }}")
    return "\n".join([variables, tracks, *(_asset(name) for name in sheets)])


def render_html(ladder: Ladder, *, style: Style | str | None = None, highlight: str | None = None) -> bytes:
    """The page as UTF-8 bytes."""
    style = load_style(style)
    if highlight is not None:
        require_role(ladder, highlight)
    with FontSet.for_style(style).reporting_missing(text_locator(ladder)) as fonts:  # the chart's text
        scene = ladder_scene(ladder, style, width=CHART_WIDTH, height=CHART_HEIGHT, highlight=highlight,
                             title=False, links=True, fonts=fonts, min_text=WIDE_TEXT)
        narrow = ladder_scene(ladder, style, width=NARROW_WIDTH, height=NARROW_HEIGHT, highlight=highlight,
                              title=False, links=True, fonts=fonts, min_text=NARROW_TEXT)
    roles = list(ladder.ordered_roles)
    css, script = css_for(style, "page.css"), _asset("compare.js")
    csp = (f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(script)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    lang = document_language(ladder)
    page = template().render(
        ladder=ladder,
        lang=lang,
        cover=cover(ladder),
        label=ladder.label,
        contents=[e for e in contents(ladder, worksheet=True)],
        chart=paint_svg(scene, title=ladder.label("overview"), title_id="chart-title", css_class="chart wide",
                        language=lang),
        narrow_chart=paint_svg(narrow, title=ladder.label("overview"), title_id="chart-title-narrow",
                               css_class="chart narrow", language=lang),
        index=role_index(ladder, roles),
        tracks=track_notes(ladder, roles),
        pages=[role_page(ladder, r) for r in roles],
        matrix=matrix(ladder, PRINTED_ROLES),
        progression=progression(ladder) if uses_progression(ladder) else None,  # printed instead
        compare=whole_matrix(ladder),
        worksheets=[(r, worksheet(ladder, r)) for r in roles],
        highlight=highlight,
        logo=logo_uri(style),
        css=css,
        script=script,
        csp=csp,
    )
    return page.encode("utf-8")
