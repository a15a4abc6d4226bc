"""The ReportLab painter: a scene becomes vector graphics on a PDF canvas (a Flowable for the handout).

Text stays real text: each line is drawn as one text run per font (the body face, then
fallbacks such as a CJK font), placed with the same metrics layout measured it with, so it
extracts from the PDF exactly. A scene's lines bring their runs; text drawn straight onto the
page (headers, chips) is split by the same rule, scene.elements.line_runs. Nothing here imports
matplotlib or writes files.
"""

from __future__ import annotations

import math
from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

from ...scene.elements import Box, Circle, Line, Polygon, Scene, Text, line_runs
from ...text.fonts import FontSet
from .frames import split_at_top

_REGISTERED: set[str] = set()


def register_faces(faces) -> None:
    """Register each face with ReportLab under `face.name`, once per process (embedded TTF)."""
    for face in faces:
        if face.name in _REGISTERED:
            continue
        # Not shaped: text is laid out here, character by character, with our own metrics.
        pdfmetrics.registerFont(TTFont(face.name, face.path, subfontIndex=face.index, shapable=False))
        _REGISTERED.add(face.name)


@lru_cache(maxsize=256)
def colour(value: str | None):
    return None if value is None else HexColor(value)


def draw_text(canv, fontset: FontSet, text: str, x: float, y: float, size: float, color: str,
              bold: bool = False, anchor: str = "start") -> None:
    """One line of text straight onto a canvas (running headers, chips), with font fallback."""
    ink = Ink(canv)
    ink.text_line(fontset, text, x, y, size, color, bold, anchor)
    ink.finish()


def paint(canv, scene: Scene) -> None:
    """Every item of the scene straight onto a canvas, the scene's origin at the canvas origin.

    (Building a reportlab.graphics Drawing first and rendering it cost more than the drawing:
    every shape's attributes are validated one by one.)
    """
    canv.saveState()
    canv.setLineJoin(1)
    canv.setLineCap(0)
    if scene.background and scene.background.upper() != "#FFFFFF":
        canv.setFillColor(colour(scene.background))
        canv.rect(0, 0, scene.width, scene.height, stroke=0, fill=1)
    ink = None
    for item in scene.items:
        if isinstance(item, Text):
            ink = ink or Ink(canv)
            ink.draw_runs(item.runs, item.start, item.y, item.size, item.color)
            continue
        if ink is not None:  # text is drawn in order with the shapes around it
            ink.finish()
            ink = None
        if isinstance(item, Box):
            r = item.rect
            stroke = _stroke(canv, item.stroke, item.stroke_width, item.dash)
            fill = _fill(canv, item.fill)
            radius = min(item.radius, r.w / 2, r.h / 2)
            if radius > 0:
                canv.roundRect(r.x, r.y, r.w, r.h, radius, stroke=stroke, fill=fill)
            else:
                canv.rect(r.x, r.y, r.w, r.h, stroke=stroke, fill=fill)
        elif isinstance(item, Line):
            _line(canv, item)
        elif isinstance(item, Polygon):
            stroke = _stroke(canv, item.stroke, item.stroke_width)
            fill = _fill(canv, item.fill)
            if fill and item.fill_opacity < 1:
                canv.setFillAlpha(item.fill_opacity)
            _path(canv, item.points, close=True, stroke=stroke, fill=fill)
            if fill and item.fill_opacity < 1:
                canv.setFillAlpha(1)
        elif isinstance(item, Circle):
            stroke = _stroke(canv, item.stroke, item.stroke_width)
            canv.circle(item.cx, item.cy, item.r, stroke=stroke, fill=_fill(canv, item.fill))
    if ink is not None:
        ink.finish()
    canv.restoreState()


def _stroke(canv, color: str | None, width: float, dash=None) -> int:
    """Set up the pen; 0 when there is nothing to stroke."""
    if not color or width <= 0:
        return 0
    canv.setStrokeColor(colour(color))
    canv.setLineWidth(width)
    canv.setDash(list(dash) if dash else [])
    return 1


def _fill(canv, color: str | None) -> int:
    if not color:
        return 0
    canv.setFillColor(colour(color))
    return 1


def _path(canv, points, *, close: bool, stroke: int, fill: int) -> None:
    path = canv.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    if close:
        path.close()
    canv.drawPath(path, stroke=stroke, fill=fill)


def _line(canv, line: Line) -> None:
    points = list(line.points)
    if len(points) < 2:
        return
    head = None
    if line.arrow:
        (x0, y0), (x1, y1) = points[-2], points[-1]
        length = math.hypot(x1 - x0, y1 - y0)
        if length > 0:
            ux, uy = (x1 - x0) / length, (y1 - y0) / length
            head_len = min(line.head * 0.9, length)
            half = line.head * 0.4
            bx, by = x1 - ux * head_len, y1 - uy * head_len
            head = [(x1, y1), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]
            # Stop the shaft inside the head so neither a gap nor the line's end shows.
            inset = head_len * 0.6
            points[-1] = (x1 - ux * inset, y1 - uy * inset)
    _stroke(canv, line.color, line.width, line.dash)
    _path(canv, points, close=False, stroke=1, fill=0)
    if head:
        _stroke(canv, line.color, 0.3)
        _fill(canv, line.color)
        _path(canv, head, close=True, stroke=1, fill=1)


FAUX_BOLD_STROKE = 0.03  # of the type size: the outline drawn round a bold run whose face has no bold


def weighted_runs(fontset: FontSet, text: str, bold: bool, color: str) -> list[tuple]:
    """`text` as runs of (face, text, colour, faux bold) for Ink.line: a bold run that falls to
    a face with no bold (the CJK fallback) is drawn with its outline stroked, a faux bold."""
    return [(face, part, color, bold and face != fontset.bold) for face, part in fontset.runs(text, bold)]


class Ink:
    """One PDF text object for many lines: font and colour are set only when they change."""

    def __init__(self, canv):
        self.canv = canv
        self.text = canv.beginText()
        self.face = self.size = self.color = None
        self.stroked = False  # the text render mode: fill, or fill and stroke (faux bold)
        self.stroke_width = 0.0  # the widest faux bold's outline; 0: none in this text object

    def line(self, x: float, y: float, runs, size: float) -> None:
        """One line at (x, y): runs of (face, text, colour) or (face, text, colour, faux bold),
        each where the previous one ends."""
        self.text.setTextOrigin(x, y)
        for face, run, color, *faux in runs:
            if color != self.color:
                self.text.setFillColor(colour(color))
                self.color = color
                if self.stroked:
                    self.text.setStrokeColor(colour(color))
            if face != self.face or size != self.size:
                register_faces([face])
                self.text.setFont(face.name, size)
                self.face, self.size = face, size
            stroked = bool(faux and faux[0])
            if stroked != self.stroked:
                if stroked:
                    self.text.setStrokeColor(colour(color))
                    self.stroke_width = max(self.stroke_width, FAUX_BOLD_STROKE * size)
                self.text.setTextRenderMode(2 if stroked else 0)
                self.stroked = stroked
            self.text.textOut(run)

    def draw_runs(self, runs, x: float, y: float, size: float, color: str) -> None:
        """One line of scene.elements.Run starting at x, each in its own face."""
        if runs:
            self.line(x, y, [(run.face, run.text, color) for run in runs], size)

    def text_line(self, fontset: FontSet, text: str, x: float, y: float, size: float, color: str,
                  bold: bool = False, anchor: str = "start") -> None:
        """One line of text anchored at x (start, middle or end), each run in its own face."""
        pieces = line_runs(fontset, text, size, bold)
        total = sum(run.width for run in pieces)
        start = {"start": x, "middle": x - total / 2, "end": x - total}[anchor]
        self.line(start, y, [(run.face, run.text, color, bold and run.face != fontset.bold) for run in pieces], size)

    def finish(self) -> None:
        if not self.stroke_width:
            self.canv.drawText(self.text)
            return
        if self.stroked:
            self.text.setTextRenderMode(0)
        self.canv.saveState()  # the outline's width, for this text object only
        self.canv.setLineWidth(self.stroke_width)
        self.canv.drawText(self.text)
        self.canv.restoreState()


class SceneFlowable(Flowable):
    """A scene drawn as vector graphics in a story; role boxes link to the role pages.

    `links` limits the link targets to destinations that exist in the document (None: all).
    """

    def __init__(self, scene: Scene, links=None, max_height: float | None = None):
        super().__init__()
        self.scene = scene
        self.links = links
        # A ladder with very many levels lays out taller than a page; it is then shrunk to fit
        # the page rather than failing (the contents still lists every role legibly).
        self.scale = min(1.0, max_height / scene.height) if max_height else 1.0
        self.width, self.height = scene.width * self.scale, scene.height * self.scale

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.scale(self.scale, self.scale)
        paint(canv, self.scene)
        for box in self.scene.of(Box):
            if box.link and (self.links is None or box.link in self.links):
                r = box.rect
                canv.linkRect("", box.link, (r.x, r.y, r.right, r.top), relative=1, thickness=0)
        canv.restoreState()


class LazySceneFlowable(Flowable):
    """A scene built for the width the frame (or table cell) offers, then drawn as above."""

    def __init__(self, build, links=None, fit=None):
        super().__init__()
        self.build = build  # width -> Scene
        self.fit = fit  # (width, height) -> Scene no taller than height, for a frame smaller than planned
        self.links = links
        self._inner: SceneFlowable | None = None
        self._for_width: float | None = None

    def wrap(self, avail_width, avail_height):
        if self._inner is None or abs(self._for_width - avail_width) > 0.5:
            self._inner = SceneFlowable(self.build(avail_width), self.links)
            self._for_width = avail_width
        self.width, self.height = self._inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        # In a caller's frame lower than planned: drawn to the height there is when that is at
        # least half the plan, or once it has moved on (the top of the next frame), rather than
        # a LayoutError or a page left empty under its heading.
        planned = self.wrap(avail_width, avail_height)[1]
        moved_on = split_at_top(self, avail_height, None)  # a caller's frame: its height unknown
        if self.fit is None or (avail_height < planned / 2 and not moved_on):
            return []
        return [SceneFlowable(self.fit(avail_width, avail_height), self.links, max_height=avail_height)]

    def draw(self):
        self._inner.canv = self.canv
        self._inner.draw()
        del self._inner.canv
