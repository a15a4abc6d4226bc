"""The ReportLab painter: a scene becomes a vector Drawing (and a Flowable for the handout).

Text stays real text: each line is drawn as one String per font run (the body face, then
fallbacks such as a CJK font), placed with the same metrics layout measured it with, so it
extracts from the PDF exactly. Nothing here imports matplotlib or writes files.
"""

from __future__ import annotations

import math
from functools import lru_cache

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle as RLCircle
from reportlab.graphics.shapes import Drawing, PolyLine, String
from reportlab.graphics.shapes import Polygon as RLPolygon
from reportlab.graphics.shapes import Rect as RLRect
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from ._rlfont import QuickFont
from .fonts import FontSet
from .scene import Box, Circle, Line, Polygon, Scene, Text

_REGISTERED: set[str] = set()


def register_faces(faces) -> None:
    """Register each face with ReportLab under `face.name`, once per process (embedded TTF)."""
    for face in faces:
        if face.name in _REGISTERED:
            continue
        pdfmetrics.registerFont(QuickFont(face.name, face))
        _REGISTERED.add(face.name)


def register_family(fontset: FontSet) -> None:
    """The regular and bold faces as one family, so ReportLab never maps to a base-14 font."""
    register_faces([fontset.regular, fontset.bold])
    reg, bold = fontset.regular.name, fontset.bold.name
    pdfmetrics.registerFontFamily(reg, normal=reg, bold=bold, italic=reg, boldItalic=bold)
    if bold != reg:
        pdfmetrics.registerFontFamily(bold, normal=bold, bold=bold, italic=bold, boldItalic=bold)


@lru_cache(maxsize=256)
def colour(value: str | None):
    return None if value is None else HexColor(value)


def text_runs(fontset: FontSet, text: str, x: float, size: float, bold: bool = False, anchor: str = "start"):
    """[(face, run, x)] for one line of text, each run starting where the previous one ends."""
    runs = fontset.runs(text, bold)
    widths = [face.file.text_width(run) * size for face, run in runs]
    total = sum(widths)
    cursor = {"start": x, "middle": x - total / 2, "end": x - total}[anchor]
    placed = []
    for (face, run), width in zip(runs, widths):
        placed.append((face, run, cursor))
        cursor += width
    return placed


def draw_text(canv, fontset: FontSet, text: str, x: float, y: float, size: float, color: str,
              bold: bool = False, anchor: str = "start") -> None:
    """One line of text straight onto a canvas (running headers, chips), with font fallback."""
    placed = text_runs(fontset, text, x, size, bold, anchor)
    register_faces({face for face, _, _ in placed})
    canv.setFillColor(colour(color))
    for face, run, rx in placed:
        canv.setFont(face.name, size)
        canv.drawString(rx, y, run)


def drawing(scene: Scene, fontset: FontSet) -> Drawing:
    """A Drawing of scene.width x scene.height points with every item of the scene."""
    d = Drawing(scene.width, scene.height)
    # The renderer's starting font would otherwise be Helvetica, a font the PDF does not embed.
    d.initialFontName = fontset.regular.name
    d.initialFontSize = 10
    if scene.background and scene.background.upper() != "#FFFFFF":
        d.add(RLRect(0, 0, scene.width, scene.height, fillColor=colour(scene.background), strokeColor=None))
    register_faces(scene.font_faces)
    for item in scene.items:
        if isinstance(item, Box):
            r = item.rect
            radius = min(item.radius, r.w / 2, r.h / 2)
            d.add(RLRect(r.x, r.y, r.w, r.h, rx=radius, ry=radius, fillColor=colour(item.fill),
                         strokeColor=colour(item.stroke) if item.stroke_width > 0 else None,
                         strokeWidth=item.stroke_width, strokeDashArray=list(item.dash) if item.dash else None))
        elif isinstance(item, Line):
            _line(d, item)
        elif isinstance(item, Polygon):
            flat = [v for point in item.points for v in point]
            shape = RLPolygon(flat, fillColor=colour(item.fill), strokeColor=colour(item.stroke),
                              strokeWidth=item.stroke_width, strokeLineJoin=1)
            if item.fill and item.fill_opacity < 1:
                shape.fillOpacity = item.fill_opacity
            d.add(shape)
        elif isinstance(item, Circle):
            d.add(RLCircle(item.cx, item.cy, item.r, fillColor=colour(item.fill),
                           strokeColor=colour(item.stroke) if item.stroke_width > 0 else None,
                           strokeWidth=item.stroke_width))
        elif isinstance(item, Text):
            placed = text_runs(fontset, item.text, item.x, item.size, item.bold, item.anchor)
            register_faces({face for face, _, _ in placed})
            for face, run, x in placed:
                d.add(String(x, item.y, run, fontName=face.name, fontSize=item.size,
                             fillColor=colour(item.color), textAnchor="start"))
    return d


def _line(d: Drawing, line: Line) -> None:
    points = list(line.points)
    if len(points) < 2:
        return
    stroke = colour(line.color)
    head = None
    if line.arrow:
        (x0, y0), (x1, y1) = points[-2], points[-1]
        length = math.hypot(x1 - x0, y1 - y0)
        if length > 0:
            ux, uy = (x1 - x0) / length, (y1 - y0) / length
            head_len = min(line.head * 0.9, length)
            half = line.head * 0.4
            bx, by = x1 - ux * head_len, y1 - uy * head_len
            head = [x1, y1, bx - uy * half, by + ux * half, bx + uy * half, by - ux * half]
            # Stop the shaft inside the head so neither a gap nor the line's end shows.
            inset = head_len * 0.6
            points[-1] = (x1 - ux * inset, y1 - uy * inset)
    flat = [v for point in points for v in point]
    d.add(PolyLine(flat, strokeColor=stroke, strokeWidth=line.width, strokeLineJoin=1, strokeLineCap=0,
                   strokeDashArray=list(line.dash) if line.dash else None, fillColor=None))
    if head:
        d.add(RLPolygon(head, fillColor=stroke, strokeColor=stroke, strokeWidth=0.3, strokeLineJoin=1))


class SceneFlowable(Flowable):
    """A scene drawn as vector graphics in a story; role boxes link to the role pages.

    `links` limits the link targets to destinations that exist in the document (None: all).
    """

    def __init__(self, scene: Scene, fontset: FontSet, links=None, max_height: float | None = None):
        super().__init__()
        self.scene = scene
        self.fontset = fontset
        self.links = links
        self._drawing = None
        # A ladder with very many levels lays out taller than a page; it is then shrunk to fit
        # the page rather than failing (its role index below still lists every role legibly).
        self.scale = min(1.0, max_height / scene.height) if max_height else 1.0
        self.width, self.height = scene.width * self.scale, scene.height * self.scale

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        if self._drawing is None:
            self._drawing = drawing(self.scene, self.fontset)
        canv = self.canv
        canv.saveState()
        canv.scale(self.scale, self.scale)
        renderPDF.draw(self._drawing, canv, 0, 0)
        for box in self.scene.of(Box):
            if box.link and (self.links is None or box.link in self.links):
                r = box.rect
                canv.linkRect("", box.link, (r.x, r.y, r.right, r.top), relative=1, thickness=0)
        canv.restoreState()


class LazySceneFlowable(Flowable):
    """A scene built for the width the frame (or table cell) offers, then drawn as above."""

    def __init__(self, build, fontset: FontSet, links=None):
        super().__init__()
        self.build = build  # width -> Scene
        self.fontset = fontset
        self.links = links
        self._inner: SceneFlowable | None = None
        self._for_width: float | None = None

    def wrap(self, avail_width, avail_height):
        if self._inner is None or abs(self._for_width - avail_width) > 0.5:
            self._inner = SceneFlowable(self.build(avail_width), self.fontset, self.links)
            self._for_width = avail_width
        self.width, self.height = self._inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def draw(self):
        self._inner.canv = self.canv
        self._inner.draw()
        del self._inner.canv
