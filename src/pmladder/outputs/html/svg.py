"""The SVG painter: a scene becomes inline SVG markup for the web page (no matplotlib).

Scene coordinates are points with y growing upwards; SVG's grow downwards, so every y is
flipped against the scene's height. Text stays text: each line is one <text> element whose
`textLength` is the width layout measured, so a browser font of other metrics still fits its
box. Every string is escaped by MarkupSafe; role boxes with a `link` become links to the role's
section, reachable by keyboard.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ...content import language_runs
from ...scene.elements import Box, Circle, Line, Polygon, Scene, Text

_ANCHOR = {"start": "start", "middle": "middle", "end": "end"}


def _n(value: float) -> str:
    """A coordinate with at most two decimals, the same text every run."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _colour(value: str | None) -> str:
    return escape(value) if value else "none"


def paint_svg(scene: Scene, *, title: str, title_id: str, css_class: str = "chart", language: str = "und") -> Markup:
    """`scene` as one <svg> element, titled (for assistive technology) by `title`; a text in
    another language than the page's (`language`) says which (content.text_language)."""
    h = scene.height
    out = [Markup('<svg xmlns="http://www.w3.org/2000/svg" class="{}" viewBox="0 0 {} {}" '
                  'aria-labelledby="{}" role="group">').format(css_class, _n(scene.width), _n(h), title_id),
           Markup('<title id="{}">{}</title>').format(title_id, title)]
    if scene.background:
        out.append(Markup('<rect width="{}" height="{}" fill="{}"/>').format(_n(scene.width), _n(h), _colour(scene.background)))
    links = {b.role_id: b.link for b in scene.of(Box) if b.link and b.role_id}
    open_link: str | None = None
    for item in scene.items:
        role_id = getattr(item, "role_id", None)
        link = links.get(role_id) if isinstance(item, Box | Text) and item.kind != "band" else None
        if link != open_link:
            if open_link is not None:
                out.append(Markup("</a>"))
            if link is not None:
                out.append(Markup('<a href="#{}">').format(link))
            open_link = link
        out.append(_item(item, h, language))
    if open_link is not None:
        out.append(Markup("</a>"))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def _item(item, h: float, language: str) -> Markup:
    if isinstance(item, Box):
        return _box(item, h)
    if isinstance(item, Text):
        return _text(item, h, language)
    if isinstance(item, Line):
        return _line(item, h)
    if isinstance(item, Polygon):
        points = " ".join(f"{_n(x)},{_n(h - y)}" for x, y in item.points)
        opacity = Markup(' fill-opacity="{}"').format(_n(item.fill_opacity)) if item.fill_opacity < 1 else ""
        return Markup('<polygon points="{}" fill="{}" stroke="{}" stroke-width="{}"{}/>').format(
            points, _colour(item.fill), _colour(item.stroke), _n(item.stroke_width), opacity)
    if isinstance(item, Circle):
        return Markup('<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="{}"/>').format(
            _n(item.cx), _n(h - item.cy), _n(item.r), _colour(item.fill), _colour(item.stroke), _n(item.stroke_width))
    raise TypeError(f"no SVG for {type(item).__name__}")  # pragma: no cover


def _dash(dash) -> Markup:
    return Markup(' stroke-dasharray="{}"').format(" ".join(_n(d) for d in dash)) if dash else Markup("")


def _box(box: Box, h: float) -> Markup:
    r = box.rect
    radius = min(box.radius, r.w / 2, r.h / 2)
    rounded = Markup(' rx="{0}" ry="{0}"').format(_n(radius)) if radius > 0 else Markup("")
    return Markup('<rect class="{}" x="{}" y="{}" width="{}" height="{}"{} fill="{}" stroke="{}" stroke-width="{}"{}/>').format(
        box.kind, _n(r.x), _n(h - r.top), _n(r.w), _n(r.h), rounded, _colour(box.fill), _colour(box.stroke),
        _n(box.stroke_width), _dash(box.dash))


def _text(text: Text, h: float, language: str) -> Markup:
    weight = Markup(' font-weight="bold"') if text.bold else Markup("")
    shown = Markup("").join(Markup('<tspan lang="{}">{}</tspan>').format(lang, run) if lang else escape(run)
                            for run, lang in language_runs(text.text, language))
    return Markup('<text x="{}" y="{}" font-size="{}" fill="{}" text-anchor="{}" textLength="{}" '
                  'lengthAdjust="spacingAndGlyphs"{}>{}</text>').format(
        _n(text.x), _n(h - text.y), _n(text.size), _colour(text.color), _ANCHOR[text.anchor], _n(text.width),
        weight, shown)


def _line(line: Line, h: float) -> Markup:
    points = [(x, h - y) for x, y in line.points]
    parts = [Markup('<polyline points="{}" fill="none" stroke="{}" stroke-width="{}"{}/>').format(
        " ".join(f"{_n(x)},{_n(y)}" for x, y in points), _colour(line.color), _n(line.width), _dash(line.dash))]
    if line.arrow and len(points) >= 2:
        parts.append(_head(points[-2], points[-1], line.head, line.color))
    return Markup("").join(parts)


def _head(before: tuple[float, float], tip: tuple[float, float], size: float, colour: str) -> Markup:
    """A filled triangle at `tip`, pointing along the last segment (as matplotlib's -|> head)."""
    (x0, y0), (x1, y1) = before, tip
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    back, half = size * 0.9, size * 0.45
    bx, by = x1 - ux * back, y1 - uy * back
    corners = [(x1, y1), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]
    return Markup('<polygon class="head" points="{}" fill="{}"/>').format(
        " ".join(f"{_n(x)},{_n(y)}" for x, y in corners), _colour(colour))
