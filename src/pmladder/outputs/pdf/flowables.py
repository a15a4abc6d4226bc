"""The handout's own flowables: anchors and page references, rows, columns, bands and chips.

Each is laid out for the space its frame offers; none reaches into the document being built
or into the frame. Page numbers known only at the end go through a PageNumbers object the
document shares. Flowables that decide between "start on the next page" and "split here" are
given `room`, the height an empty frame offers: split with that much, they are at the top of a
frame (ReportLab has no public "at top" query); `room` None (unknown, in a caller's story
without page breaks) means split here, which never fails the layout.
"""

from __future__ import annotations

from reportlab.platypus import ActionFlowable, Flowable, PageBreak, Spacer

from ...scene.elements import tint
from ...text.fonts import FontSet
from ...text.wrap import fit_line
from .frames import at_top, split_at_top
from .paint import colour, draw_text


class PageNumbers:
    """The pages bookmarks fell on, and the forms that print them once the layout is done."""

    def __init__(self):
        self.record: dict[str, int] = {}  # bookmark key -> page, filled in by the anchors
        self.forms: dict[str, tuple[str, float]] = {}  # form name -> (bookmark key, type size)

    def form(self, key: str, size: float) -> str:
        """The name of the form that prints the page of bookmark `key` at `size` points."""
        name = f"pm-page-{key}-{size:g}"
        self.forms[name] = (key, size)
        return name


class Anchor(Flowable):
    """A bookmark (for links), an outline entry and a note of the page it fell on."""

    def __init__(self, key: str, title: str, level: int, record: dict, outline: bool = True):
        super().__init__()
        self.key, self.title, self.level, self.record, self.outline = key, title, level, record, outline
        self.width = self.height = 0

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        canv = self.canv
        canv.bookmarkPage(self.key)
        if self.outline:
            canv.addOutlineEntry(self.title, self.key, self.level, closed=False)
        self.record[self.key] = canv.getPageNumber()


MOST_BLANK = 0.35  # the share of a page that may stay empty at its foot to keep a part whole
MIN_SHARE = 0.15  # below this share of a page left, a heading and a table's first rows move over


class Headed(Flowable):
    """Headings (a role's heading band and lead, or a table's title) and what follows them,
    kept together on the page while the headings and a good start of what follows fit; the
    rest continues overleaf. A table's start is at least `min_rows` rows, unless that would
    leave much of the page empty.
    (KeepTogether moves the whole block as soon as it does not fit, leaving half a page empty.)"""

    def __init__(self, heads: list, body, room: float | None, min_rows: int = 0):
        super().__init__()
        self.heads, self.body, self.room, self.min_rows = heads, body, room, min_rows

    def wrap(self, avail_width, avail_height):
        self._heads_h = stack_height(self.heads, avail_width) + self.heads[-1].getSpaceAfter()
        w, h = self.body.wrap(avail_width, avail_height)
        self.width, self.height = avail_width, self._heads_h + h
        return self.width, self.height

    def getSpaceBefore(self):
        return self.heads[0].getSpaceBefore()

    def split(self, avail_width, avail_height):
        body, top = self.body, split_at_top(self, avail_height, self.room)
        self.wrap(avail_width, avail_height)
        parts = body.split(avail_width, avail_height - self._heads_h)
        if len(parts) < 2:  # at the top there is nothing to gain on the next page: flow apart
            return [*self.heads, body] if top else []
        if not top and self.min_rows and self.room is not None:
            # Fewer than min_rows rows here: they move over unless most of the page would stay
            # empty (or, for a row split here, unless a sixth of the page is left).
            few = len(parts[0].rows) < min(body.header_rows + self.min_rows, len(body.rows))
            enough = (MIN_SHARE if parts[0].ends_in_split_row else MOST_BLANK) * self.room
            if few and avail_height < enough and body.row_height(body.header_rows) <= self.room:
                return []  # not enough room here: the block starts on the next page
        return [*self.heads, *parts]

    def draw(self):  # the headings first, so the text reads in order
        y = self.height
        for i, f in enumerate(self.heads):
            y -= _space_above(self.heads, i) + f.height
            f.drawOn(self.canv, 0, y)
        self.body.drawOn(self.canv, 0, 0)


def HeadedTable(heading, table, min_rows: int = 3) -> Headed:  # noqa: N802  (reads as the class it was)
    """A table's heading kept with its first rows (Headed)."""
    return Headed([heading], table, table.room, min_rows)


class PageBreakUnless(Flowable):
    """Before a part that begins on a new page unless it fits whole in what is left of this
    one, or more than MOST_BLANK of the page is left (it then starts here and flows on, its
    start kept with its heading by Headed). `room`: the height of the frame's pages."""

    def __init__(self, part: list, room: float, gap: float):
        super().__init__()
        self.part, self.room, self.gap = part, room, gap  # gap: the space above it on a shared page

    def wrap(self, avail_width, avail_height):
        return avail_width, avail_height + 1  # never fits as it is: the frame asks to split it

    def split(self, avail_width, avail_height):
        if at_top(avail_height, self.room):
            return [Nothing()]
        if avail_height > MOST_BLANK * self.room or stack_height(self.part, avail_width) + self.gap <= avail_height:
            return [Spacer(1, self.gap)]
        return [PageBreak()]

    def draw(self):  # pragma: no cover - always split first
        pass


def _space_above(stack: list, i: int) -> float:
    """The space between stack[i] and the flowable above it (none above the first)."""
    return stack[i].getSpaceBefore() + stack[i - 1].getSpaceAfter() if i else 0.0


def stack_height(flowables: list, width: float) -> float:
    """The height of flowables stacked in a column `width` points wide: the space between them,
    none above the first or below the last (as _split_stack counts it)."""
    return sum(_space_above(flowables, i) + f.wrap(width, 1e6)[1] for i, f in enumerate(flowables))


def _split_stack(flowables: list, width: float, height: float) -> tuple[list, list]:
    """What of a column fits in `height` points, and the rest; a flowable that can split does,
    and a heading never stays behind without what follows it."""
    used = 0.0
    for i, f in enumerate(flowables):
        before = _space_above(flowables, i)
        h = f.wrap(width, height)[1]
        if used + before + h <= height:
            used += before + h
            continue
        room = height - used - before
        parts = f.split(width, room) if room > 0 else []
        if parts:
            head, tail = flowables[:i] + parts[:1], parts[1:] + flowables[i + 1 :]
        else:
            head, tail = flowables[:i], flowables[i:]
        while head and getattr(head[-1], "keepWithNext", False):
            tail.insert(0, head.pop())
        return head, tail
    return list(flowables), []


class Columns(Flowable):
    """Two columns side by side with a rule between them (what a role does | where it stands);
    on a page break both continue overleaf."""

    def __init__(self, left: list, right: list, share: float, gap: float, rule: str):
        super().__init__()
        self.left, self.right, self.share, self.gap, self.rule = left, right, share, gap, rule

    def _widths(self, width: float) -> tuple[float, float]:
        return width * self.share - self.gap / 2, width * (1 - self.share) - self.gap / 2

    def wrap(self, avail_width, avail_height):
        lw, rw = self._widths(avail_width)
        self.width = avail_width
        self.height = max(stack_height(self.left, lw), stack_height(self.right, rw))
        return self.width, self.height

    def split(self, avail_width, avail_height):
        lw, rw = self._widths(avail_width)
        left, left_rest = _split_stack(self.left, lw, avail_height)
        right, right_rest = _split_stack(self.right, rw, avail_height)
        if not left and not right:
            return []
        make = lambda a, b: Columns(a, b, self.share, self.gap, self.rule)  # noqa: E731
        return [make(left, right), make(left_rest, right_rest)]

    def draw(self):
        canv = self.canv
        lw, rw = self._widths(self.width)
        for stack, x, w in ((self.left, 0.0, lw), (self.right, lw + self.gap, rw)):
            y = self.height
            for i, f in enumerate(stack):
                y -= _space_above(stack, i) + f.wrap(w, self.height)[1]
                f.drawOn(canv, x, y)
        if self.left and self.right:
            canv.setStrokeColor(colour(self.rule))
            canv.setLineWidth(0.5)
            canv.line(lw + self.gap / 2, 0, lw + self.gap / 2, self.height)


class HeadBand(Flowable):
    """A role's title and chips on a tinted band with its track's colour down the left edge."""

    def __init__(self, title, chips, fill: str, bar: str, room: float | None):
        super().__init__()
        self.title, self.chips, self.fill, self.bar, self.room = title, chips, fill, bar, room
        self.pad_left, self.pad_right, self.pad_y, self.between = 14.0, 12.0, 10.0, 2.0

    def wrap(self, avail_width, avail_height):
        inner = avail_width - self.pad_left - self.pad_right
        self._title_h = self.title.wrap(inner, avail_height)[1]
        self._chips_h = self.chips.wrap(inner, avail_height)[1]
        self.width = avail_width
        self.height = 2 * self.pad_y + self._title_h + self.between + self._chips_h
        return self.width, self.height

    def split(self, avail_width, avail_height):
        if split_at_top(self, avail_height, self.room):
            # Taller than a page (a title of hundreds of words): no band, the text flows on.
            return [*(self.title.split(avail_width, avail_height) or [self.title]), Spacer(1, self.between),
                    self.chips]
        return []

    def draw(self):
        canv = self.canv
        canv.setFillColor(colour(self.fill))
        canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canv.setStrokeColor(colour(self.bar))
        canv.setLineWidth(4)
        canv.line(0, 0, 0, self.height)
        self.chips.drawOn(canv, self.pad_left, self.pad_y)
        self.title.drawOn(canv, self.pad_left, self.height - self.pad_y - self.title.height)


class Nothing(ActionFlowable):
    """Does nothing: what a Deferred leaves in the frame's place once it has split."""

    def __init__(self):
        super().__init__(("nothing",))

    def apply(self, doc):
        pass


class Deferred(Flowable):
    """Content built for the frame it lands in (the matrix in a caller's story): `build(width,
    height)` gets the width and the height left where it is split."""

    def __init__(self, build):
        super().__init__()
        self.build = build

    def wrap(self, avail_width, avail_height):
        return avail_width, avail_height + 1  # never fits as it is: the frame asks to split it

    def split(self, avail_width, avail_height):
        return [Nothing(), *self.build(avail_width, avail_height)]

    def draw(self):  # pragma: no cover - always split first
        pass


class Chips(Flowable):
    """Small rounded labels in a row (short title, level, track), wrapping when needed."""

    def __init__(self, chips, fontset: FontSet, palette, size: float = 8.5):
        super().__init__()
        self.chips = chips  # [(text, bold, swatch colour or None)]
        self.fontset, self.palette, self.size = fontset, palette, size
        self.pad = size * 0.8
        self.chip_h = size * 1.9
        self.gap = 6

    def _layout(self, avail_width):
        placed, x, row = [], 0.0, 0
        for text, bold, swatch in self.chips:
            inset = 2 * self.pad + (self.size * 1.1 if swatch else 0)
            w = self.fontset.width(text, self.size, bold) + inset
            if w > avail_width:  # a chip wider than the row (a long track name) ends in "…" inside it
                text, w = fit_line(self.fontset, text, avail_width - inset, self.size, bold), avail_width
            if x > 0 and x + w > avail_width:
                x, row = 0.0, row + 1
            placed.append((x, row, w, text, bold, swatch))
            x += w + self.gap
        return placed, row + 1

    def wrap(self, avail_width, avail_height):
        self._placed, rows = self._layout(avail_width)
        self.width = avail_width
        self.height = rows * self.chip_h + (rows - 1) * 4
        return self.width, self.height

    def draw(self):
        canv, p, size = self.canv, self.palette, self.size
        rows = max(r for _, r, *_ in self._placed) + 1
        for x, row, w, text, bold, swatch in self._placed:
            y = (rows - 1 - row) * (self.chip_h + 4)
            canv.setFillColor(colour(p.background))
            canv.setStrokeColor(colour(p.rule))
            canv.setLineWidth(0.8)
            canv.roundRect(x, y, w, self.chip_h, self.chip_h / 2, stroke=1, fill=1)
            tx = x + self.pad
            if swatch:
                canv.setFillColor(colour(swatch))
                canv.circle(tx + size * 0.35, y + self.chip_h / 2, size * 0.35, stroke=0, fill=1)
                tx += size * 1.1
            draw_text(canv, self.fontset, text, tx, y + (self.chip_h - 0.52 * size) / 2, size, p.text, bold=bold)


class Band(Flowable):
    """The cover's colour band: full bleed to the page edges, its content at the bottom."""

    def __init__(self, content, fill: str | None, bleed: tuple[float, float, float], min_height: float, pad: float):
        super().__init__()
        self.content, self.fill, self.bleed, self.min_height, self.pad = content, fill, bleed, min_height, pad

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self._heights = [f.wrap(avail_width, avail_height)[1] for f in self.content]
        self.height = max(self.min_height, sum(self._heights) + 2 * self.pad)
        return self.width, self.height

    def draw(self):
        canv = self.canv
        left, right, top = self.bleed
        if self.fill:
            canv.setFillColor(colour(self.fill))
            canv.rect(-left, 0, self.width + left + right, self.height + top, stroke=0, fill=1)
        y = self.pad + sum(self._heights)
        for flowable, h in zip(self.content, self._heights):
            y -= h
            flowable.drawOn(canv, 0, y)


class Ruled(Flowable):
    """Lines to write on."""

    def __init__(self, lines: int, spacing: float, color: str):
        super().__init__()
        self.lines, self.spacing, self.color = lines, spacing, color

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = self.lines * self.spacing
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.setStrokeColor(colour(self.color))
        canv.setLineWidth(0.5)
        for i in range(self.lines):
            canv.line(0, i * self.spacing, self.width, i * self.spacing)


class Row(Flowable):
    """One row of a small layout table, standing alone: flowables side by side in columns of
    fixed widths, top-aligned inside their padding, optionally with a bar of colour down its
    left edge and a rule under it. A story of rows is a table that breaks between rows, and
    between the lines of a row that does not fit (what stays behind keeps its bar and rule)."""

    BAR, RULE = 3.0, 0.4  # line widths in points

    def __init__(self, cells: list, widths: list[float], *, pad_x: float = 0.0, pad_top: float = 0.0,
                 pad_bottom: float = 0.0, bar: str | None = None, rule: str | None = None):
        super().__init__()
        self.cells, self.widths = cells, widths
        self.pad_x, self.pad_top, self.pad_bottom = pad_x, pad_top, pad_bottom
        self.bar, self.rule = bar, rule  # colours as '#RRGGBB', or None
        self.width = sum(widths)
        self._heights: list[float] = []

    def wrap(self, avail_width, avail_height):
        self._heights = [cell.wrap(w - 2 * self.pad_x, avail_height)[1] for cell, w in zip(self.cells, self.widths)]
        self.height = self.pad_top + max(self._heights, default=0.0) + self.pad_bottom
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        room = avail_height - self.pad_top - self.pad_bottom
        firsts, rests = [], []
        for cell, w, h in zip(self.cells, self.widths, self._heights):
            pieces = [cell, Spacer(0, 0)] if h <= room else cell.split(w - 2 * self.pad_x, room)
            if len(pieces) != 2:
                return []  # a cell that cannot be cut here: the row goes to the next page
            firsts.append(pieces[0])
            rests.append(pieces[1])
        look = dict(pad_x=self.pad_x, pad_top=self.pad_top, pad_bottom=self.pad_bottom, bar=self.bar, rule=self.rule)
        return [Row(firsts, self.widths, **look), Row(rests, self.widths, **look)]

    def draw(self):
        canv, x = self.canv, 0.0
        for cell, w, h in zip(self.cells, self.widths, self._heights):
            cell.drawOn(canv, x + self.pad_x, self.height - self.pad_top - h)
            x += w
        canv.saveState()
        canv.setLineCap(1)  # round ends, as a ReportLab table's rules had
        if self.bar:
            canv.setStrokeColor(colour(self.bar))
            canv.setLineWidth(self.BAR)
            canv.line(0, 0, 0, self.height)
        if self.rule:
            canv.setStrokeColor(colour(self.rule))
            canv.setLineWidth(self.RULE)
            canv.line(0, 0, self.width, 0)
        canv.restoreState()


class PageRef(Flowable):
    """The page number of a bookmark, right-aligned, printed once the layout is known."""

    def __init__(self, key: str, size: float, pages: PageNumbers):
        super().__init__()
        self.key, self.size, self.pages = key, size, pages

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, self.size * 1.2
        return self.width, self.height

    def draw(self):
        canv = self.canv
        name = self.pages.form(self.key, self.size)
        canv.saveState()
        canv.translate(self.width, self.size * 0.22)
        canv.doForm(name)
        canv.restoreState()
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class LadderShape(Flowable):
    """The cover's picture of the ladder: a box per role, by level (bottom up) and track, in the
    track's colour and without words (the chart, with every word, follows)."""

    def __init__(self, shape, grid: tuple[int, int], colours: list[str], height: float):
        super().__init__()
        self.shape, self.grid, self.colours, self.height = shape, grid, colours, height

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return self.width, self.height

    def draw(self):
        canv = self.canv
        rows, columns = self.grid
        cells: dict[tuple[int, int], int] = {}
        for cell in self.shape:
            cells[cell] = cells.get(cell, 0) + 1
        row_h = self.height / rows
        box_h = min(row_h * 0.62, 24)
        col_w = self.width / columns
        box_w = min(self.width * 0.34, 160) if columns == 1 else min(col_w * 0.8, 150)
        step = (self.width - box_w) / max(rows - 1, 1)  # one track climbs as a staircase
        canv.setLineWidth(0.8)
        for (row, column), count in sorted(cells.items()):
            x = row * step if columns == 1 else column * col_w + (col_w - box_w) / 2
            y = row * row_h + (row_h - box_h) / 2
            each = (box_w - 4 * (count - 1)) / count
            ink = self.colours[column % len(self.colours)]
            canv.setStrokeColor(colour(ink))
            canv.setFillColor(colour(tint(ink, 0.22)))
            for k in range(count):
                canv.roundRect(x + k * (each + 4), y, each, box_h, min(4, box_h / 3), stroke=1, fill=1)
