"""Table cells for the handout, and the grid that lays them out.

Cells hold plain ladder text, wrapped with layout's metrics and line-breaking rules (so a
one-letter Polish word or a Japanese 」 never ends or starts a line) and drawn straight onto
ReportLab's canvas: there is no markup to parse, so no text can ever become markup. A large
ladder's matrix has thousands of cells, and ReportLab's Table spends more on each cell
(geometry, a saved and restored graphics state, a text object) than on its text; `Grid`
measures every row once and draws all of a table's text in one text object.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .fonts import FontSet
from .layout import wrap
from .paint_rl import colour, register_faces


class PlainText(Flowable):
    """Plain ladder text: wrapped to the width it is given and drawn line by line, left-aligned,
    with each run in the face that has its characters (a CJK fallback, say)."""

    def __init__(self, text: str, fontset: FontSet, size: float, leading: float, color: str,
                 bold: bool = False, lines: list[str] | None = None):
        super().__init__()
        self.text, self.fontset = text, fontset
        self.size, self.leading, self.color, self.bold = size, leading, color, bold
        self._lines: list[str] = lines or []
        self._for_width: float | None = None if lines is None else -1.0  # given lines never rewrap
        self.width = max((fontset.width(line, size, bold) for line in self._lines), default=0.0)
        self.height = len(self._lines) * leading

    def wrap(self, avail_width, avail_height):
        if self._for_width not in (avail_width, -1.0):  # tables ask several times for the same width
            self._lines = [line for paragraph in self.text.split("\n")
                           for line in wrap(self.fontset, paragraph, avail_width, self.size, self.bold)]
            self._for_width = avail_width
            self.width = max((self.fontset.width(line, self.size, self.bold) for line in self._lines), default=0.0)
            self.height = len(self._lines) * self.leading
        return self.width, self.height

    def first_baseline(self) -> float:
        """Below the top of the text, where a Paragraph of this size puts its first baseline."""
        face = self.fontset.bold if self.bold else self.fontset.regular
        return face.file.ascent / face.file.units_per_em * self.size

    def split_lines(self, count: int) -> tuple[PlainText, PlainText]:
        """The first `count` lines, and the rest (for a row that continues overleaf)."""
        make = lambda lines: PlainText(self.text, self.fontset, self.size, self.leading, self.color,  # noqa: E731
                                       self.bold, lines=lines)
        return make(self._lines[:count]), make(self._lines[count:])

    def emit(self, ink: _Ink, x: float, top: float) -> None:
        y = top - self.first_baseline()
        for line in self._lines:
            ink.line(x, y, self.fontset.runs(line, self.bold), self.size, self.color)
            y -= self.leading

    def draw(self):
        ink = _Ink(self.canv)
        self.emit(ink, 0, self.height)
        ink.finish()


class Rating(Flowable):
    """Rating dots (●●●○○), optionally '●●●●○ (+1)', as coloured text on one line.

    Still real text (it extracts as written); but a Paragraph would parse colour markup for
    every cell, which was a quarter of a large handout's build time.
    """

    def __init__(self, segments, fontset: FontSet, size: float, leading: float):
        super().__init__()
        self.segments = segments  # [(text, '#RRGGBB')]
        self.fontset, self.size, self.leading = fontset, size, leading
        self.width = sum(fontset.width(text, size) for text, _ in segments)
        self.height = leading

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def emit(self, ink: _Ink, x: float, top: float) -> None:
        baseline = top - self.size  # where a Paragraph of this style puts its first line
        for text, fill in self.segments:
            runs = self.fontset.runs(text)
            ink.line(x, baseline, runs, self.size, fill)
            x += self.fontset.width(text, self.size)

    def draw(self):
        ink = _Ink(self.canv)
        self.emit(ink, 0, self.height)
        ink.finish()


class _Ink:
    """One PDF text object for many lines: font and colour are set only when they change."""

    def __init__(self, canv):
        self.canv = canv
        self.text = canv.beginText()
        self.face = self.size = self.color = None

    def line(self, x: float, y: float, runs, size: float, color: str) -> None:
        self.text.setTextOrigin(x, y)
        if color != self.color:
            self.text.setFillColor(colour(color))
            self.color = color
        for face, run in runs:
            if face != self.face or size != self.size:
                register_faces([face])
                self.text.setFont(face.name, size)
                self.face, self.size = face, size
            self.text.textOut(run)

    def finish(self) -> None:
        self.canv.drawText(self.text)


class GridLook:
    """How a grid is painted: padding, fills and rules (colours as '#RRGGBB' or None)."""

    def __init__(self, *, pad_x: float, pad_top: float, pad_bottom: float, rule: str, header_fill: str | None = None,
                 first_column_fill: str | None = None, zebra: tuple[str, str] | None = None,
                 column_rule: bool = False, compact_rows: frozenset[int] = frozenset()):
        self.pad_x, self.pad_top, self.pad_bottom = pad_x, pad_top, pad_bottom
        self.rule, self.header_fill, self.first_column_fill = rule, header_fill, first_column_fill
        self.zebra, self.column_rule = zebra, column_rule
        self.compact_rows = compact_rows  # rows of one line of dots need less air

    def pads(self, row: int) -> tuple[float, float]:
        if row in self.compact_rows:
            return 1.5, 2.0
        return self.pad_top, self.pad_bottom


class Grid(Flowable):
    """Rows of text cells in fixed-width columns; the header rows repeat when it splits.

    A cell is a list of PlainText and Rating blocks stacked top down. A row that does not fit
    moves to the next page; only a row taller than a whole page is split between its lines.
    """

    def __init__(self, rows: list[list], widths: list[float], look: GridLook, *, header_rows: int = 1,
                 first_row: int = 0):
        super().__init__()
        self.rows = [[cell if isinstance(cell, list) else [cell] for cell in row] for row in rows]
        self.widths, self.look, self.header_rows = widths, look, header_rows
        self.first_row = first_row  # the index of rows[header_rows] in the whole table: keeps the zebra
        self.width = sum(widths)
        self._heights: list[float] | None = None

    def _measure(self) -> list[float]:
        if self._heights is None:
            heights = []
            for r, row in enumerate(self.rows):
                top, bottom = self.look.pads(self._index(r))
                content = max((sum(block.wrap(w - 2 * self.look.pad_x, 1e6)[1] for block in cell)
                               for cell, w in zip(row, self.widths)), default=0.0)
                heights.append(top + content + bottom)
            self._heights = heights
        return self._heights

    def _index(self, r: int) -> int:
        """The row's index in the whole table (header rows first)."""
        return r if r < self.header_rows else r - self.header_rows + self.first_row + self.header_rows

    def wrap(self, avail_width, avail_height):
        self.height = sum(self._measure())
        return self.width, self.height

    def split(self, avail_width, avail_height):
        heights = self._measure()
        head = self.rows[: self.header_rows]
        used = sum(heights[: self.header_rows])
        k = self.header_rows
        while k < len(self.rows) and used + heights[k] <= avail_height:
            used += heights[k]
            k += 1
        if k == len(self.rows):
            return [self]
        if k > self.header_rows:
            return [self._piece(head + self.rows[self.header_rows : k], 0),
                    self._piece(head + self.rows[k:], k - self.header_rows)]
        frame = getattr(self, "_frame", None)
        if frame is None or not getattr(frame, "_atTop", False):
            return []  # start on the next page, where the row may fit whole
        top, bottom = self.look.pads(self._index(k))
        room = avail_height - used - top - bottom
        first, rest = self._split_row(self.rows[k], room)
        if first is None:
            return []
        skipped = k - self.header_rows
        return [self._piece(head + [first], skipped), self._piece(head + [rest] + self.rows[k + 1 :], skipped)]

    def _piece(self, rows, skipped: int) -> Grid:
        return Grid(rows, self.widths, self.look, header_rows=self.header_rows, first_row=self.first_row + skipped)

    def _split_row(self, row, room: float):
        """A row cut between lines where `room` points end; None if not even a line fits."""
        firsts, rests = [], []
        for cell in row:
            left, first, rest = room, [], []
            for block in cell:
                if rest:
                    rest.append(block)
                    continue
                if block.height <= left:
                    first.append(block)
                    left -= block.height
                elif isinstance(block, PlainText) and left >= block.leading:
                    fits = int(left // block.leading)
                    head, tail = block.split_lines(fits)
                    first.append(head)
                    rest.append(tail)
                    left = 0
                else:
                    rest.append(block)
            firsts.append(first)
            rests.append(rest)
        if not any(firsts):
            return None, None
        return firsts, rests

    def draw(self):
        canv, look = self.canv, self.look
        heights = self._measure()
        xs = [0.0]
        for w in self.widths:
            xs.append(xs[-1] + w)
        # Fills first, then rules, then every cell's text in one text object.
        y = self.height
        for r, h in enumerate(heights):
            y -= h
            if r < self.header_rows:
                self._fill(look.header_fill, 0, y, self.width, h)
                continue
            if look.zebra:
                self._fill(look.zebra[(self._index(r) - self.header_rows) % 2], xs[1], y, self.width - xs[1], h)
            self._fill(look.first_column_fill, 0, y, xs[1], h)
        canv.setStrokeColor(colour(look.rule))
        canv.setLineWidth(0.4)
        y = self.height
        for h in heights:
            y -= h
            canv.line(0, y, self.width, y)
        if look.column_rule:
            canv.setLineWidth(0.6)
            canv.line(xs[1], 0, xs[1], self.height)
        ink = _Ink(canv)
        top = self.height
        for r, (row, h) in enumerate(zip(self.rows, heights)):
            pad_top, _ = look.pads(self._index(r))
            for cell, x in zip(row, xs):
                block_top = top - pad_top
                for block in cell:
                    block.emit(ink, x + look.pad_x, block_top)
                    block_top -= block.height
            top -= h
        ink.finish()

    def _fill(self, fill: str | None, x: float, y: float, w: float, h: float) -> None:
        if fill:
            self.canv.setFillColor(colour(fill))
            self.canv.rect(x, y, w, h, stroke=0, fill=1)
