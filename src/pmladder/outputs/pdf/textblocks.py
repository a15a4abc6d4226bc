"""Ladder text as ReportLab flowables: paragraphs, table cells and the grid of cells.

Text is wrapped with layout's metrics and line-breaking rules (so a one-letter Polish word
never ends a line and a Japanese 」 never starts one, in the chart and the handout alike) and
drawn straight onto the canvas. There is no markup anywhere: a ladder's text can never
become markup, and nothing is parsed (ReportLab's Paragraph parses every string as XML,
which was a fifth of the handout's build). ReportLab's Table spent more on each cell
(geometry, a saved and restored graphics state, a text object) than on its text; `Grid`
measures every row once and draws all of a table's text in one text object.
"""

from __future__ import annotations

from typing import NamedTuple

from reportlab.platypus import Flowable

from ...text.fonts import FontSet
from ...text.wrap import BREAKABLE_SPACE, fit_line, wrap
from .frames import split_at_top
from .paint import Ink, colour, weighted_runs


class TextStyle(NamedTuple):
    """Type size and leading in points, weight, colour, and the space around a paragraph."""

    size: float
    leading: float
    color: str
    bold: bool = False
    space_before: float = 0.0
    space_after: float = 0.0
    indent: float = 0.0  # the text's left indent; a bullet hangs in it
    keep_with_next: bool = False


class TextBlock(Flowable):
    """A paragraph of plain text, or of segments that differ in weight or colour
    ([(text, bold, colour or None)]), left-aligned; optionally with a bullet, or a link to a
    bookmark over the whole block. Hard line breaks are "\\n"; it splits between lines.
    `max_lines` ends plain text that would take more lines with "…" on the last of them (a
    table's header row, which repeats on every page and cannot split, stays within a page)."""

    def __init__(self, text, fontset: FontSet, style: TextStyle, *, bullet: str | None = None,
                 link: str | None = None, lines: list | None = None, max_lines: int | None = None):
        super().__init__()
        self.fontset, self.style, self.bullet, self.link = fontset, style, bullet, link
        self.max_lines = max_lines
        self.segments = [(text, style.bold, None)] if isinstance(text, str) else list(text)
        self.spaceBefore, self.spaceAfter = style.space_before, style.space_after
        self.keepWithNext = style.keep_with_next
        self.size, self.leading = style.size, style.leading
        self._lines: list[list[tuple[str, bool, str]]] = lines or []  # [[(run, bold, colour)]]
        self._fixed = lines is not None  # lines given (a piece of a split block) never rewrap
        self._for_width: float | None = None
        self.continues: TextBlock | None = None  # the name this block says "(continued)" of
        self.width = 0.0
        self.height = len(self._lines) * self.leading

    def wrap(self, avail_width, avail_height):
        if not self._fixed and self._for_width != avail_width:  # tables ask several times for one width
            self._lines = self._wrapped(max(avail_width - self.style.indent, self.size))
            self._for_width = avail_width
            self.width = avail_width  # as a Paragraph: the block spans its column (and its link, the line)
            self.height = len(self._lines) * self.leading
        return self.width, self.height

    def _wrapped(self, width: float) -> list:
        if len(self.segments) == 1:  # the usual case: one style, wrapped exactly
            text, bold, color = self.segments[0]
            color = color or self.style.color
            lines = [line for part in text.split("\n") for line in wrap(self.fontset, part, width, self.size, bold)]
            if self.max_lines and len(lines) > self.max_lines:
                kept = self.max_lines - 1
                lines = [*lines[:kept], fit_line(self.fontset, " ".join(lines[kept:]), width, self.size, bold)]
            return [[(line, bold, color)] for line in lines]
        # Mixed weights: every character measured in its own weight; each line's characters
        # then get their segment's style back. "\n" is a hard break here too.
        paragraphs: list[tuple[list[str], list]] = [([], [])]
        for text, bold, color in self.segments:
            for char in text:
                chars, styles = paragraphs[-1]
                if char == "\n":
                    paragraphs.append(([], []))
                    continue
                if BREAKABLE_SPACE.fullmatch(char):
                    if not chars or chars[-1] == " ":
                        continue
                    char = " "
                chars.append(char)
                styles.append((bold, color or self.style.color))
        lines: list = []
        for chars, styles in paragraphs:
            lines += self._wrapped_mixed("".join(chars).rstrip(), styles, width)
        return lines

    def _wrapped_mixed(self, flat: str, styles: list, width: float) -> list:
        if not flat:
            return [[("", self.style.bold, self.style.color)]]
        edges = [0.0]  # edges[i]: the width of flat[:i]
        for char, (bold, _) in zip(flat, styles):
            edges.append(edges[-1] + self.fontset.width(char, self.size, bold))

        measured: dict[str, float] = {}

        def measure(piece: str) -> float:
            """wrap measures pieces of flat; a piece found in several places takes its widest.

            Remembered: a long word is measured a character at a time, and without the memo
            each of 9,000 no-break spaces was looked for at all 9,000 places (seconds a word)."""
            if piece in measured:
                return measured[piece]
            widest, at = None, flat.find(piece)
            while at >= 0:
                here = edges[at + len(piece)] - edges[at]
                widest = here if widest is None or here > widest else widest
                at = flat.find(piece, at + 1)
            measured[piece] = self.fontset.width(piece, self.size, True) if widest is None else widest
            return measured[piece]

        lines, at = [], 0
        for line in wrap(self.fontset, flat, width, self.size, measure=measure):
            if not flat.startswith(line, at):  # wrap's lines are pieces of flat; stay readable if not
                at = max(flat.find(line, at), at)
            runs: list = []
            for i in range(at, min(at + len(line), len(flat))):
                if runs and (runs[-1][1], runs[-1][2]) == styles[i]:
                    runs[-1] = (runs[-1][0] + flat[i], *styles[i])
                else:
                    runs.append((flat[i], *styles[i]))
            lines.append(runs)
            at += len(line)
            if at < len(flat) and flat[at] == " ":
                at += 1
        return lines

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def first_baseline(self) -> float:
        """Below the top of the text, where a Paragraph of this size puts its first baseline."""
        face = self.fontset.bold if self.style.bold else self.fontset.regular
        return face.file.ascent / face.file.units_per_em * self.size

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        # The rest of a split is offered what this frame has left, and must not split again
        # into single lines there.
        fits = lines_kept_here(len(self._lines), int(avail_height // self.leading))
        if not fits:
            return []
        first, rest = self.split_lines(fits)
        first.spaceBefore, first.spaceAfter, rest.spaceBefore = self.spaceBefore, 0, 0
        rest.bullet = None
        return [first, rest]

    def split_lines(self, count: int) -> tuple[TextBlock, TextBlock]:
        """The first `count` lines, and the rest (for text that continues overleaf)."""
        def make(lines):
            block = TextBlock(self.segments, self.fontset, self.style, bullet=self.bullet, link=self.link, lines=lines)
            block.width = self.width  # the column it was wrapped for
            return block

        return make(self._lines[:count]), make(self._lines[count:])

    def emit(self, ink: Ink, x: float, top: float) -> None:
        y = top - self.first_baseline()
        if self.bullet and self._lines:
            ink.line(x, y, [(face, run, self.style.color) for face, run in self.fontset.runs(self.bullet)], self.size)
        for line in self._lines:
            runs = [piece for run, bold, color in line for piece in weighted_runs(self.fontset, run, bold, color)]
            ink.line(x + self.style.indent, y, runs, self.size)
            y -= self.leading

    def draw(self):
        ink = Ink(self.canv)
        self.emit(ink, 0, self.height)
        ink.finish()
        if self.link:
            self.canv.linkRect("", self.link, (0, 0, self.width, self.height), relative=1, thickness=0)


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

    def emit(self, ink: Ink, x: float, top: float) -> None:
        baseline = top - self.size  # where a Paragraph of this style puts its first line
        runs = [(face, part, fill) for text, fill in self.segments for face, part in self.fontset.runs(text)]
        ink.line(x, baseline, runs, self.size)

    def draw(self):
        ink = Ink(self.canv)
        self.emit(ink, 0, self.height)
        ink.finish()


class GridLook:
    """How a grid is painted: padding, fills and rules (colours as '#RRGGBB' or None), the
    words a row's name gets where the row continues on a new page ("{name} (continued)"), and
    the text style of the rows that head a group (their name alone in the first cell)."""

    def __init__(self, *, pad_x: float, pad_top: float, pad_bottom: float, rule: str | None, header_fill: str | None = None,
                 first_column_fill: str | None = None, zebra: tuple[str, str] | None = None,
                 column_rule: bool = False, compact_rows: frozenset[int] = frozenset(),
                 continued: str = "{name} (continued)", group_style: TextStyle | None = None):
        self.pad_x, self.pad_top, self.pad_bottom = pad_x, pad_top, pad_bottom
        self.rule, self.header_fill, self.first_column_fill = rule, header_fill, first_column_fill
        self.zebra, self.column_rule = zebra, column_rule
        self.compact_rows = compact_rows  # rows of one line of dots need less air
        self.continued = continued
        self.group_style = group_style  # the style of a row that heads a group of rows

    def pads(self, row: int) -> tuple[float, float]:
        if row in self.compact_rows:
            return 1.5, 2.0
        return self.pad_top, self.pad_bottom


def lines_kept_here(count: int, room: int) -> int:
    """How many of a paragraph's `count` lines stay above a page break with room for `room`:
    none, or a split that leaves no line alone on either side (both parts keep two)."""
    kept = min(room, count - 2)
    return kept if kept >= 2 else 0


# Lines a header cell's text takes at most: a header repeats on every page and cannot split,
# so 20 long track names at 16 pt under 50 mm margins must still leave room for rows.
HEADER_LINES = 5

# A table's last row does not go over alone when the row before it can go with it leaving no
# more than this share of the page empty (a page, often the last, holding one row is a sliver).
WIDOW_ROW_SHARE = 0.2
SPLIT_ROW_SHARE = 0.1  # a row that does not fit is split between its lines when moving it whole
# to the next page would leave more than this share of the page empty, and a row taller than
TALL_ROW_SHARE, TALL_ROW_START = 0.5, 0.08  # half a page starts wherever a few of its lines fit
# What of a split row goes overleaf is at least this share of a page (a line or a note alone
# under the repeated header says little): the row is cut higher, or moves whole.
REST_ROW_SHARE = 0.05


def _stack_height(cells: list) -> float:
    """The height of a row's content: its tallest cell's blocks stacked."""
    return max((sum(block.height for block in cell) for cell in cells), default=0.0)


class Grid(Flowable):
    """Rows of text cells in fixed-width columns; the header rows repeat when it splits.

    A cell is a list of blocks stacked top down, with no space between them: TextBlock and
    Rating, whose text is drawn in one text object, and any other flowable (writing lines, a
    spacer), drawn by itself. Rules under the rows unless `look.rule` is None. A row that does
    not fit moves to the next page, unless that would leave much of the page empty (or it is
    taller than a page): then it is split between its lines and continues under its name and
    "(continued)". A group's heading row (GridLook.group_style) never ends a page, and it is
    repeated, continued, above the rows it heads on the next.
    """

    def __init__(self, rows: list[list], widths: list[float], look: GridLook, *, room: float | None,
                 header_rows: int = 1, first_row: int = 0, indices: list[int] | None = None):
        super().__init__()
        self.room = room  # the height of an empty frame (flowables.at_top); None: unknown
        self.rows = [[cell if isinstance(cell, list) else [cell] for cell in row] for row in rows]
        self.widths, self.look, self.header_rows = widths, look, header_rows
        # Each row's index in the whole table (it keeps the zebra and the padding across pages);
        # `first_row`: the index of rows[header_rows], for a piece of a table.
        self.indices = indices if indices is not None else [
            r if r < header_rows else r + first_row for r in range(len(self.rows))]
        self.width = sum(widths)
        self.ends_in_split_row = False  # a piece whose last row goes on in the next piece
        self.next_page_only = False  # a piece that starts the next page
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
        return self.indices[r]

    def wrap(self, avail_width, avail_height):
        if self.width > avail_width + 0.5:  # a narrower frame than planned (a caller's own story)
            scale = avail_width / self.width
            self.widths = [w * scale for w in self.widths]
            self.width = avail_width
            self._heights = None
        self.height = sum(self._measure())
        return self.width, self.height

    def row_height(self, row: int) -> float:
        return self._measure()[row]

    def heads_rows(self, r: int) -> bool:
        """Whether row r is a group's heading row: its name in the look's group style, alone."""
        row = self.rows[r]
        return (r >= self.header_rows and self.look.group_style is not None and bool(row[0])
                and getattr(row[0][0], "style", None) == self.look.group_style and not any(row[1:]))

    def split(self, avail_width, avail_height):
        top = split_at_top(self, avail_height, self.room)
        if self.next_page_only and not top:
            return []
        heights = self._measure()
        n, h = len(self.rows), self.header_rows
        used = sum(heights[:h])
        k = h
        while k < n and used + heights[k] <= avail_height:
            used += heights[k]
            k += 1
        if k == n:
            return [self]
        fits_a_page = self.room is not None and sum(heights[:h]) + heights[k] <= self.room
        left = avail_height - used
        if not fits_a_page or left >= SPLIT_ROW_SHARE * self.room or (
                heights[k] > TALL_ROW_SHARE * self.room and left >= TALL_ROW_START * self.room):
            pieces = self._split_in_row(k, avail_height - used)
            if pieces:
                return pieces
        # No short last row alone overleaf: the one before it goes with it.
        widow = k == n - 1 and k - h >= 3 and fits_a_page and left + heights[k - 1] <= WIDOW_ROW_SHARE * self.room
        cut = k - 1 if widow else k
        while cut > h and self.heads_rows(cut - 1):  # a group's heading goes over with its rows
            cut -= 1
        if cut > h:
            pieces = self._pieces(cut, None, None)
            pieces[1].next_page_only = widow  # not split again into what is left of this page
            return pieces
        if top:  # it cannot start any higher: split it where it is
            return self._split_in_row(k, avail_height - used, can_move=False)
        return []  # nothing fits here: the table starts on the next page

    def _split_in_row(self, k: int, room: float, can_move: bool = True) -> list:
        """Row k cut where `room` points end, or higher up when less than REST_ROW_SHARE of a
        page would go overleaf; when it cannot be cut higher, not at all if the row `can_move`
        to the next page whole ([]), else where `room` ends."""
        top, bottom = self.look.pads(self._index(k))
        first, rest = self._split_row(self.rows[k], room - top - bottom)
        if first is not None and self.room is not None and _stack_height(rest) < REST_ROW_SHARE * self.room:
            content = self.row_height(k) - top - bottom
            shorter = self._split_row(self.rows[k], min(room - top - bottom, content - REST_ROW_SHARE * self.room))
            if shorter[0] is not None or can_move:
                first, rest = shorter
        if first is None:
            return []
        name = self.rows[k][0]
        if name and first[0] and first[0][0] is name[0] and isinstance(name[0], TextBlock):
            rest[0] = [self._continued(name[0]), *rest[0]]  # the row's name again, over its rest
        return self._pieces(k, first, rest)

    def _pieces(self, k: int, first, rest) -> list[Grid]:
        """The table up to row k (and `first`, the top of row k), and the rest under the header
        (`rest` of row k, or row k on); above it, its group's heading row, continued."""
        h, ix = self.header_rows, self.indices
        head, head_ix = self.rows[:h], ix[:h]
        before, before_ix = self.rows[h:k] + ([first] if first else []), ix[h:k] + ([ix[k]] if first else [])
        after, after_ix = ([rest] if rest else []) + self.rows[k + 1 if rest else k:], ix[k:]
        group = next((r for r in range(k - 1, h - 1, -1) if self.heads_rows(r)), None)
        if group is not None and not (rest is None and self.heads_rows(k)):
            after, after_ix = [[[self._continued(self.rows[group][0][0])], *self.rows[group][1:]]] + after, \
                [ix[group]] + after_ix
        top = Grid(head + before, self.widths, self.look, room=self.room, header_rows=h, indices=head_ix + before_ix)
        top.ends_in_split_row = first is not None
        return [top, Grid(head + after, self.widths, self.look, room=self.room, header_rows=h, indices=head_ix + after_ix)]

    def _continued(self, name: TextBlock) -> TextBlock:
        """"Name (continued)" in the name's style (for a name continued once already, the same)."""
        name = name.continues or name
        text = "".join(segment[0] for segment in name.segments)
        block = TextBlock(self.look.continued.replace("{name}", text), name.fontset, name.style)
        block.continues = name
        return block

    def _split_row(self, row, room: float):
        """A row cut between lines where `room` points end (a paragraph leaves no single line
        behind or alone at the top of the next page); None if not even two lines fit."""
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
                    continue
                lines = block.line_count if isinstance(block, TextBlock) else 0
                fits = lines_kept_here(lines, int(left // block.leading)) if lines else 0
                if fits > 0:
                    head, tail = block.split_lines(fits)
                    tail.bullet = None  # the item goes on; its bullet was printed
                    first.append(head)
                    rest.append(tail)
                else:
                    rest.append(block)
                left = 0
            while first and rest and first[-1].getKeepWithNext():  # a list's heading goes with it
                rest.insert(0, first.pop())
            firsts.append(first)
            rests.append(rest)
        if not any(firsts[1:]) and len(firsts[0]) <= 1:  # a name alone is no start of a row
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
        if look.rule:
            canv.setStrokeColor(colour(look.rule))
            canv.setLineWidth(0.4)
            y = self.height
            for h in heights:
                y -= h
                canv.line(0, y, self.width, y)
        if look.column_rule:
            canv.setLineWidth(0.6)
            canv.line(xs[1], 0, xs[1], self.height)
        ink = Ink(canv)
        others = []  # (flowable, x, y): blocks that are not text draw themselves, after it
        top = self.height
        for r, (row, h) in enumerate(zip(self.rows, heights)):
            pad_top, _ = look.pads(self._index(r))
            for cell, x in zip(row, xs):
                block_top = top - pad_top
                for block in cell:
                    if isinstance(block, (TextBlock, Rating)):
                        block.emit(ink, x + look.pad_x, block_top)
                    else:
                        others.append((block, x + look.pad_x, block_top - block.height))
                    block_top -= block.height
            top -= h
        ink.finish()
        for block, x, y in others:
            block.drawOn(canv, x, y)

    def _fill(self, fill: str | None, x: float, y: float, w: float, h: float) -> None:
        if fill:
            self.canv.setFillColor(colour(fill))
            self.canv.rect(x, y, w, h, stroke=0, fill=1)
