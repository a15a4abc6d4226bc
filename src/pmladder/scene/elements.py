"""Scenes: plain data for a picture (boxes, lines, polygons, lines of text), in points.

Layout produces scenes; painters (matplotlib for slides, ReportLab for the handout) draw them.
Each line of text carries its runs, the pieces each font face draws, chosen once by the
render's FontSet: both painters draw those runs, so fallback follows one rule.
The origin is the bottom-left corner, y grows upwards, as in both libraries. Because a scene
is plain data, overlap and readability checks run on it directly, without pixels.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..text.fonts import Face, FontSet

# Vertical extent of text relative to its size, from DejaVu Sans: capitals and ascenders
# reach ~0.76 em above the baseline, descenders ~0.24 em below.
ASCENT = 0.76
DESCENT = 0.24


class Rect(NamedTuple):
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def intersects(self, other: "Rect", tolerance: float = 0.01) -> bool:
        return (
            self.x < other.right - tolerance
            and other.x < self.right - tolerance
            and self.y < other.top - tolerance
            and other.y < self.top - tolerance
        )

    def contains(self, other: "Rect", tolerance: float = 0.01) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.right <= self.right + tolerance
            and other.y >= self.y - tolerance
            and other.top <= self.top + tolerance
        )


class Box(NamedTuple):
    """A rectangle, optionally rounded. `kind` says what it is: role, band, tag, swatch, panel."""

    rect: Rect
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0
    radius: float = 0.0
    kind: str = "role"
    role_id: str | None = None
    link: str | None = None  # a destination name painters may link (the role's page)
    dash: tuple[float, ...] | None = None  # a dashed outline (on, off, ... in points)


class Run(NamedTuple):
    """A piece of a line drawn in one face; `width` in points at the line's size."""

    text: str
    face: "Face"
    width: float


class Text(NamedTuple):
    """One line of text. (x, y) is the baseline point; `anchor` is start, middle or end.
    `runs` split `text` by the face that draws each character, in order."""

    text: str
    x: float
    y: float
    size: float
    color: str
    width: float  # measured with the layout's font metrics, in points
    bold: bool = False
    anchor: str = "start"
    kind: str = "label"
    role_id: str | None = None
    runs: tuple[Run, ...] = ()

    @property
    def start(self) -> float:
        """Where the line's first run begins, whatever its anchor."""
        return {"start": self.x, "middle": self.x - self.width / 2, "end": self.x - self.width}[self.anchor]

    @property
    def rect(self) -> Rect:
        return Rect(self.start, self.y - DESCENT * self.size, self.width, (ASCENT + DESCENT) * self.size)


class Line(NamedTuple):
    """A polyline; with `arrow`, a filled head of `head` points at its last point."""

    points: tuple[tuple[float, float], ...]
    color: str
    width: float
    arrow: bool = False
    head: float = 6.0
    dash: tuple[float, ...] | None = None
    kind: str = "edge"


class Polygon(NamedTuple):
    points: tuple[tuple[float, float], ...]
    fill: str | None
    stroke: str | None
    stroke_width: float = 1.0
    fill_opacity: float = 1.0
    kind: str = "shape"


class Circle(NamedTuple):
    cx: float
    cy: float
    r: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0


Item = Box | Text | Line | Polygon | Circle


class Scene(NamedTuple):
    """A picture `width` x `height` points; `items` are painted in order (later on top)."""

    width: float
    height: float
    items: tuple[Item, ...]
    background: str | None = "#FFFFFF"
    notes: tuple[str, ...] = ()  # what layout had to do (enlarged canvas), for the caller to report

    def of(self, cls: type) -> Iterator:
        return (item for item in self.items if isinstance(item, cls))

    @property
    def texts(self) -> list[Text]:
        return list(self.of(Text))

    @property
    def role_boxes(self) -> dict[str, Box]:
        return {b.role_id: b for b in self.of(Box) if b.kind == "role" and b.role_id}

    def overlaps(self) -> list[str]:
        """Every pair of things that should not touch but do, described for a test failure."""
        found = []
        boxes = [b for b in self.of(Box) if b.kind == "role"]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                if a.rect.intersects(b.rect):
                    found.append(f"box {a.role_id} overlaps box {b.role_id}")
        texts = self.texts
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                if a.rect.intersects(b.rect):
                    found.append(f"text {a.text!r} overlaps text {b.text!r}")
            for box in boxes:
                if a.role_id == box.role_id and a.kind in ("title", "short"):
                    if not box.rect.contains(a.rect):
                        found.append(f"text {a.text!r} overflows box {box.role_id}")
                elif a.rect.intersects(box.rect) and a.kind not in ("tag",):
                    found.append(f"text {a.text!r} overlaps box {box.role_id}")
        frame = Rect(0, 0, self.width, self.height)
        for text in texts:
            if not frame.contains(text.rect):
                found.append(f"text {text.text!r} falls outside the picture")
        return found

    def smallest_text(self) -> float:
        return min((t.size for t in self.texts), default=0.0)


def tint(colour: str, amount: float) -> str:
    """`amount` of `colour` over white: light fills that keep dark text readable."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * amount) for c in (r, g, b)]
    return "#{:02X}{:02X}{:02X}".format(*mix)


def line_runs(fonts: "FontSet", text: str, size: float, bold: bool = False) -> tuple[Run, ...]:
    """`text` as runs, each measured in the face `fonts` chose for it (the one fallback rule)."""
    return tuple(Run(part, face, face.file.text_width(part) * size) for face, part in fonts.runs(text, bold))


def text_run(fonts: "FontSet", text: str, x: float, y: float, size: float, color: str, **kw) -> Text:
    """A line of text measured and split into runs once, here, for every painter."""
    bold = kw.get("bold", False)
    return Text(text, x, y, size, color, fonts.width(text, size, bold), runs=line_runs(fonts, text, size, bold), **kw)
