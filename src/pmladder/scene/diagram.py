"""The ladder diagram as a scene: levels bottom to top, one column per track, arrows for promotions.

Everything here is in points and library-free; every painter draws the result as it is.
Text is measured and wrapped with text.fonts.FontSet, so a title breaks at the same place in the
slide PNG, the SVG and the handout.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import NamedTuple

from ..errors import RenderError
from ..load.style import Style
from ..model import Ladder, Role, require_role
from ..text.fonts import FontSet
from ..text.wrap import LEADING, fit_line, wrap
from .elements import ASCENT, DESCENT, Box, Line, Rect, Scene, text_run, tint

MAX_TITLE_LINES = 4


class _Slot(NamedTuple):
    role: Role
    rect: Rect
    row: int
    column: int


class _Route:
    """An arrow that turns: up (or down) into the channel beside its start row, along it, through
    a column gap when it skips rows, and into its target from below (or above)."""

    def __init__(self, a: _Slot, b: _Slot):
        self.a, self.b = a, b
        up = b.row >= a.row
        self.start_y = a.rect.top if up else a.rect.y
        self.end_y = b.rect.y if b.row > a.row else b.rect.top
        self.first = a.row if up else a.row - 1  # channel k lies between rows k and k+1
        self.last = b.row - 1 if b.row > a.row else b.row
        self.vertical = None  # the column boundary it climbs along, when it skips rows
        if abs(b.row - a.row) > 1 or b.row < a.row:
            self.vertical = a.column + 1 if b.column > a.column else a.column


# Titles set smaller than this share of the readable size are not drawn: the chart is refused
# (a 200-role chart set in 1.2 pt took 12 s to paint, to show nothing anyone could read).
SMALLEST_SHARE = 0.6


def ladder_scene(
    ladder: Ladder,
    style: Style,
    *,
    width: float = 960.0,
    height: float = 540.0,
    highlight: str | None = None,
    title: bool = True,
    min_text: float = 7.0,
    links: bool = False,
    fonts: FontSet | None = None,
    max_height: float | None = None,
) -> Scene:
    """The career ladder: levels bottom to top, one column per track, arrows for promotions.

    The picture is `width` x `height` points. If the titles cannot fit at `min_text` points,
    the canvas grows taller (noted in `scene.notes`) rather than printing unreadable text, up
    to `max_height` points; past that the text gets smaller instead (a canvas 67,000 points
    tall took a minute and gigabytes to paint), down to SMALLEST_SHARE of `min_text`; a ladder
    that needs smaller text is a RenderError. `fonts` is the render's FontSet (a new one for
    `style` if not given).
    """
    if highlight is not None:
        require_role(ladder, highlight)
    fonts = fonts or FontSet.for_style(style)
    notes: list[str] = []
    readable = min_text
    for _attempt in range(10):
        plan = _LadderPlan(ladder, style, fonts, width, height, highlight, title, min_text, links)
        needed = plan.build()
        if needed is None:
            return Scene(width, height, tuple(plan.items), style.palette.background, notes=tuple(notes))
        if max_height is None or height < max_height:
            height = math.ceil(height * needed) if max_height is None else min(math.ceil(height * needed), max_height)
            notes = [f"the chart was made taller ({width:.0f}x{height:.0f} pt) to keep every title readable"]
        else:
            # A title's height shrinks with the square of its size (smaller lines, and fewer).
            min_text /= math.sqrt(needed)
            if min_text < readable * SMALLEST_SHARE:
                raise RenderError(
                    f"the chart cannot show {len(ladder.roles)} roles on {len(ladder.levels)} levels readably: "
                    f"even {width:.0f}x{height:.0f} pt, as large as it may grow, needs titles of {min_text:.2g} pt; "
                    "give a larger --size, or shorter titles")
            grown = "was made taller" if notes else "is as tall as it may be"
            notes = [f"the chart {grown} ({width:.0f}x{height:.0f} pt, as far as it may grow); its titles "
                     f"are set in {min_text:.1f} pt to fit"]
    raise RenderError("the ladder has too many levels to draw readably")  # pragma: no cover


class _LadderPlan:
    def __init__(self, ladder, style, fonts, width, height, highlight, title, min_text, links):
        self.ladder, self.style, self.fonts = ladder, style, fonts
        self.W, self.H = width, height
        self.highlight, self.show_title, self.min_text, self.links = highlight, title, min_text, links
        self.items: list = []
        self.s = min(width / 960, height / 540) if title else min(width / 560, height / 400)
        self.ts = style.chart.text_scale
        self.palette = style.palette

    def size(self, points: float) -> float:
        """A type size scaled to the canvas, never under the readable minimum."""
        return max(self.min_text, points * self.s * self.ts)

    def build(self) -> float | None:
        """Lay everything out; return a growth factor for the height if titles do not fit."""
        p, s, fonts = self.palette, self.s, self.fonts
        ladder = self.ladder
        margin = 22 * s
        top = self.H - margin
        if self.show_title:
            size, lines = self._title_lines(ladder.title, self.W - 2 * margin)
            for line in lines:
                self.items.append(text_run(fonts, line, margin, top - ASCENT * size, size, p.primary, bold=True,
                                           kind="heading"))
                top -= LEADING * size
            top -= (ASCENT + DESCENT - LEADING) * size + 4 * s
            if ladder.subtitle:
                sub = self.size(11)
                line = fit_line(fonts, ladder.subtitle, self.W - 2 * margin, sub)
                self.items.append(text_run(fonts, line, margin, top - ASCENT * sub, sub, p.muted, kind="heading"))
                top -= (ASCENT + DESCENT) * sub
            top -= 10 * s
        legend_bottom = margin
        legend_top = self._legend(margin, legend_bottom)
        bottom = legend_top + 10 * s

        columns = ladder.columns
        named_tracks = any(t is not None for t in columns)
        levels = ladder.levels
        level_size = self.size(9)
        gutter = max(fonts.width(ladder.level_row_name(lv), level_size) for lv in levels) + 16 * s
        x0, x1 = margin + gutter, self.W - margin
        col_w = (x1 - x0) / len(columns)
        gap_h = max(18 * s, col_w * 0.1)
        if named_tracks:
            # Track names wrap over the column (up to three lines) rather than lose their end.
            head = self.size(11)
            names = [self._track_lines(track.name, col_w - gap_h, head) for track in columns]
            heading_h = (ASCENT + DESCENT) * head + (max(map(len, names)) - 1) * LEADING * head + 12 * s
            top -= heading_h
        y0, y1 = bottom, top
        rows = len(levels)
        row_h = (y1 - y0) / rows
        gap_v = max(12.0, min(row_h * 0.34, 30 * s))
        # A comfortable box height first; if titles do not fit, every bit of the row but the
        # arrows' channel; only then a taller canvas.
        best = None
        # A comfortable box; a taller one if that sets the titles clearly larger; short labels
        # dropped (the title is what a reader needs); and only then every bit of the row.
        for self.show_shorts, heights in ((True, (min(row_h - gap_v, 64 * s), min(row_h - 12.0, 110 * s))),
                                          (False, (min(row_h - gap_v, 64 * s), min(row_h - 12.0, 110 * s))),
                                          (False, (row_h - 12.0,))):
            for box_h in heights:
                slots = self._place(levels, columns, x0, y0, row_h, col_w, gap_h, max(box_h, 1.0))
                fit = self._fit_titles(slots)
                if fit is not None and (best is None or fit[0] > best[1][0] + 1.5):
                    best = (slots, fit)
            if best is not None:
                break
        if best is None:
            return self._growth(slots)
        slots, (title_size, wrapped) = best

        # Bands and level labels, behind everything.
        for r, level in enumerate(levels):
            band = Rect(margin, y0 + r * row_h, self.W - 2 * margin, row_h)
            self.items.insert(0, Box(band, p.bands[r % len(p.bands)], kind="band"))
            label = self.ladder.level_row_name(level)
            self.items.append(
                text_run(fonts, label, margin + 8 * s, band.cy - (ASCENT - DESCENT) * level_size / 2,
                         level_size, p.muted, kind="level")
            )
        if named_tracks:
            for c, lines in enumerate(names):
                cx = x0 + (c + 0.5) * col_w
                base = y1 + 8 * s + DESCENT * head + (len(lines) - 1) * LEADING * head  # the last line on the bar
                for line in lines:
                    self.items.append(text_run(fonts, line, cx, base, head, p.text, bold=True, anchor="middle",
                                               kind="track"))
                    base -= LEADING * head
                bar = Rect(cx - min(60 * s, (col_w - gap_h) / 2), y1 + 4 * s, min(120 * s, col_w - gap_h), 2.5 * s)
                self.items.append(Box(bar, p.track_colour(c), kind="swatch"))

        self._edges(slots, x0, col_w, y0, y1, gap_h)
        for slot in slots:
            self._role_box(slot, title_size, wrapped[slot.role.id])
        return None

    def _track_lines(self, name: str, width: float, size: float) -> list[str]:
        lines = wrap(self.fonts, name, width, size, bold=True)
        if len(lines) > 3:
            lines = [*lines[:2], fit_line(self.fonts, " ".join(lines[2:]), width, size, bold=True)]
        return lines

    def _title_lines(self, title: str, width: float) -> tuple[float, list[str]]:
        """The ladder's title on one line, smaller if need be, else on two; never past the edge."""
        fonts = self.fonts
        full, least = self.size(20), self.size(15)
        size = full
        while size > least and fonts.width(title, size, True) > width:
            size -= 0.5
        if fonts.width(title, size, True) <= width:
            return size, [title]
        lines = wrap(fonts, title, width, size, bold=True)
        if len(lines) > 2:
            lines = [lines[0], fit_line(fonts, " ".join(lines[1:]), width, size, bold=True)]
        return size, lines

    def _place(self, levels, columns, x0, y0, row_h, col_w, gap_h, box_h) -> list[_Slot]:
        """Boxes in a grid of levels (rows) and tracks (columns); one track climbs as a staircase."""
        s = self.s
        rows = len(levels)
        staircase = len(columns) == 1 and rows > 1
        cells: dict[tuple[int, int], list[Role]] = defaultdict(list)
        for c, track in enumerate(columns):
            for role in self.ladder.roles_in(track):
                cells[(levels.index(role.level), c)].append(role)
        widest = max(len(v) for v in cells.values())
        slots: list[_Slot] = []
        for (r, c), roles in sorted(cells.items()):
            cell_x = x0 + c * col_w + gap_h / 2
            avail = col_w - gap_h
            if staircase:
                box_w = min(avail, max(avail * 0.36, 170 * s * widest))
                cell_x += r * (avail - box_w) / (rows - 1)
            else:
                box_w = min(avail, 330 * s * len(roles))
                cell_x += (avail - box_w) / 2
            inner = 8 * s
            # Many roles of one level and track share the cell as a grid: side by side while
            # each box keeps a readable width, then in rows (the canvas grows if it must).
            across = max(1, min(len(roles), int((box_w + inner) // (self._min_box_width() + inner))))
            down = -(-len(roles) // across)
            each_w = (box_w - inner * (across - 1)) / across
            each_h = min(box_h, (row_h - 12.0 - inner * (down - 1)) / down)
            block_h = down * each_h + (down - 1) * inner
            row_top = y0 + (r + 0.5) * row_h + block_h / 2
            if down > 1:
                # Arrows leave upwards and arrive from below: promoting roles go in the top row
                # of the grid and roles promoted into go in the bottom one, so no box blocks them.
                incoming = {n for role in self.ladder.roles for n in role.next}
                roles = sorted(roles, key=lambda role: 0 if role.next else (2 if role.id in incoming else 1))
            for k, role in enumerate(roles):
                a, d = k % across, k // across
                rect = Rect(cell_x + a * (each_w + inner), row_top - (d + 1) * each_h - d * inner, each_w, each_h)
                slots.append(_Slot(role, rect, r, c))
        return slots

    def _dash(self, track_index: int) -> tuple[float, ...] | None:
        """In grayscale styles every other track gets a dashed outline: greys alone are hard to
        tell apart on paper, and the legend shows the same dash."""
        if not self.style.grayscale or track_index % 2 == 0:
            return None
        return (3.0 * max(self.s, 0.6), 2.0 * max(self.s, 0.6))

    def _min_box_width(self) -> float:
        """Narrower than this, a box holds too few characters per line to read a title."""
        return max(70 * self.s, 9 * self.min_text)

    # -- boxes and their text

    def _padding(self, slot: _Slot) -> tuple[float, float]:
        """Inner padding (horizontal, vertical); the highlighted box leaves room for its tag."""
        pad_x = 8 * self.s
        pad_y = 5 * self.s
        if slot.role.id == self.highlight:
            pad_y = max(pad_y, self._tag_size() * 0.9 + 2)
        return pad_x, pad_y

    def _short_size(self, title_size: float) -> float:
        return max(self.min_text, title_size * 0.8)

    def _text_height(self, slot: _Slot, size: float, lines: int) -> float:
        height = (lines - 1) * LEADING * size + (ASCENT + DESCENT) * size
        if self.show_shorts and _shows_short(slot.role):
            height += (ASCENT + DESCENT) * self._short_size(size) + 3 * self.s
        return height

    def _fit_titles(self, slots: list[_Slot]):
        start = max(self.min_text, 13 * self.s * self.ts)
        sizes = [start - 0.5 * k for k in range(int((start - self.min_text) / 0.5) + 1)]
        if sizes[-1] > self.min_text + 1e-9:
            sizes.append(self.min_text)  # always try the minimum itself
        for size in sizes:
            wrapped, ok = {}, True
            for slot in slots:
                pad_x, pad_y = self._padding(slot)
                lines = wrap(self.fonts, slot.role.title, slot.rect.w - 2 * pad_x, size, bold=True)
                # Past four lines a smaller size reads better, until the minimum: then any count.
                too_many = len(lines) > MAX_TITLE_LINES and size > self.min_text + 1e-9
                if too_many or self._text_height(slot, size, len(lines)) > slot.rect.h - 2 * pad_y:
                    ok = False
                    break
                wrapped[slot.role.id] = lines
            if ok:
                return size, wrapped
        return None

    def _growth(self, slots: list[_Slot]) -> float:
        """How much taller the canvas must be for every title to fit at the minimum size."""
        size = self.min_text
        factor = 1.0
        for slot in slots:
            pad_x, pad_y = self._padding(slot)
            lines = wrap(self.fonts, slot.role.title, slot.rect.w - 2 * pad_x, size, bold=True)
            needed = self._text_height(slot, size, len(lines)) + 2 * pad_y + 2
            factor = max(factor, needed / max(slot.rect.h, 1.0))
        return max(1.1, factor * 1.05)

    def _role_box(self, slot: _Slot, size: float, lines: list[str]) -> None:
        p, s, fonts, role = self.palette, self.s, self.fonts, slot.role
        colour = p.track_colour(slot.column)
        lit = role.id == self.highlight
        self.items.append(
            Box(slot.rect, tint(colour, self.style.chart.tint), p.highlight if lit else colour,
                (3.2 if lit else 1.0) * self.style.chart.line_width * max(s, 0.6),
                self.style.chart.corner_radius * s, kind="role", role_id=role.id,
                link=f"role-{role.id}" if self.links else None, dash=None if lit else self._dash(slot.column))
        )
        pad_x, pad_y = self._padding(slot)
        block = self._text_height(slot, size, len(lines))
        inner_top = slot.rect.top - pad_y
        inner_h = slot.rect.h - 2 * pad_y
        y = inner_top - (inner_h - block) / 2
        cx = slot.rect.cx
        if self.show_shorts and _shows_short(role):
            short_size = self._short_size(size)
            short = fit_line(fonts, role.short, slot.rect.w - 2 * pad_x, short_size)
            y -= ASCENT * short_size
            self.items.append(text_run(fonts, short, cx, y, short_size, p.muted, anchor="middle", kind="short", role_id=role.id))
            y -= DESCENT * short_size + 3 * s
        y -= ASCENT * size
        for line in lines:
            self.items.append(text_run(fonts, line, cx, y, size, p.text, bold=True, anchor="middle", kind="title", role_id=role.id))
            y -= LEADING * size
        if lit:
            tag_size = self._tag_size()
            label = self.ladder.label("you_are_here")
            w = fonts.width(label, tag_size, True) + 10 * s
            h = tag_size * 1.6
            tag = Rect(slot.rect.x + 6 * s, slot.rect.top - h / 2, w, h)
            self.items.append(Box(tag, p.highlight, None, 0, h / 2, kind="tag", role_id=role.id))
            self.items.append(
                text_run(fonts, label, tag.cx, tag.cy - (ASCENT - DESCENT) * tag_size / 2, tag_size,
                         "#FFFFFF", bold=True, anchor="middle", kind="tag", role_id=role.id)
            )

    def _tag_size(self) -> float:
        return max(self.min_text, 8 * self.s * self.ts)

    # -- promotion arrows, routed through the gaps between rows and columns

    def _edges(self, slots: list[_Slot], x0: float, col_w: float, y0: float, y1: float, gap_h: float) -> None:
        by_id = {slot.role.id: slot for slot in slots}
        edges = [(by_id[role.id], by_id[n]) for role in self.ladder.ordered_roles for n in role.next]
        width = self.style.chart.arrow_width * max(self.s, 0.6)
        head = 6.5 * max(self.s, 0.6)

        def arrow(points) -> Line:
            return Line(tuple(_dedupe(points)), self.palette.muted, width, arrow=True, head=head)

        routed = []
        for a, b in edges:
            if _side_by_side(a, b, slots):  # same level, nothing between: side to side
                left, right = (a, b) if a.rect.x < b.rect.x else (b, a)
                y = (max(left.rect.y, right.rect.y) + min(left.rect.top, right.rect.top)) / 2
                start, end = (left.rect.right, right.rect.x) if a is left else (right.rect.x, left.rect.right)
                self.items.append(arrow([(start, y), (end, y)]))
            else:
                routed.append(_Route(a, b))
        ports = _ports([(r.a, r.b) for r in routed], spacing=max(10.0, 28 * self.s))

        # Channel k is the gap between rows k and k+1, bounded by the boxes actually in them.
        def channel(k: int) -> tuple[float, float]:
            low = max((sl.rect.top for sl in slots if sl.row == k), default=y0)
            high = min((sl.rect.y for sl in slots if sl.row == k + 1), default=y1)
            return low, high

        # Lanes: routes that share a channel each get their own line within it.
        h_lanes: dict[int, list[_Route]] = defaultdict(list)
        v_lanes: dict[int, list[_Route]] = defaultdict(list)
        for route in routed:
            h_lanes[route.first].append(route)
            if route.last != route.first:
                h_lanes[route.last].append(route)
            if route.vertical is not None:
                v_lanes[route.vertical].append(route)

        def spread(users: list[_Route], route: _Route, centre: float, room: float) -> float:
            if len(users) == 1:
                return centre
            k = next(i for i, user in enumerate(users) if user is route)
            return centre - room / 2 + room * k / (len(users) - 1)

        for route in routed:
            sx, ex = ports[(route.a.role.id, route.b.role.id)]
            low, high = channel(route.first)
            y_first = spread(h_lanes[route.first], route, (low + high) / 2, (high - low) * 0.5)
            points = [(sx, route.start_y), (sx, y_first)]
            if route.vertical is None:
                points += [(ex, y_first), (ex, route.end_y)]
            else:
                users = v_lanes[route.vertical]
                vx = spread(users, route, x0 + route.vertical * col_w, min(gap_h * 0.5, 4 * len(users)))
                low, high = channel(route.last)
                y_last = spread(h_lanes[route.last], route, (low + high) / 2, (high - low) * 0.5)
                points += [(vx, y_first), (vx, y_last), (ex, y_last), (ex, route.end_y)]
            self.items.insert(self._first_box_index(), arrow(points))

    def _first_box_index(self) -> int:
        for i, item in enumerate(self.items):
            if isinstance(item, Box) and item.kind == "role":
                return i
        return len(self.items)

    # -- legend

    def _legend(self, x: float, y: float) -> float:
        """Draw the legend along the bottom; return its top."""
        p, s, fonts = self.palette, self.s, self.fonts
        size = self.size(9)
        entries: list[tuple[str, str]] = []
        columns = [t for t in self.ladder.columns if t is not None]
        if len(columns) > 1:
            entries += [("swatch", t.name) for t in columns]
        entries.append(("arrow", self.ladder.label("promotion_path")))
        if self.highlight:
            entries.append(("tag", self.ladder.label("you_are_here")))
        swatch = size * 1.1
        width = self.W - 2 * x
        marks = {"swatch": swatch * 1.6, "arrow": 22 * s, "tag": swatch * 1.6}
        # Lay the entries out in rows first (the legend grows upwards from the bottom margin).
        rows: list[list[tuple[int, str, str, float]]] = [[]]
        cursor = 0.0
        for i, (kind, label) in enumerate(entries):
            label = fit_line(fonts, label, width - marks[kind] - 5 * s, size)
            need = marks[kind] + 5 * s + fonts.width(label, size)
            if rows[-1] and cursor + need > width:
                rows.append([])
                cursor = 0.0
            rows[-1].append((i, kind, label, cursor))
            cursor += need + 16 * s
        line_h = (ASCENT + DESCENT) * size + 5 * s
        for r, row in enumerate(rows):
            base = y + DESCENT * size + (len(rows) - 1 - r) * line_h
            mid = base + (ASCENT - DESCENT) * size / 2
            for i, kind, label, offset in row:
                left = x + offset
                if kind == "swatch":
                    colour = p.track_colour(i)
                    self.items.append(Box(Rect(left, mid - swatch / 2, swatch * 1.6, swatch),
                                          tint(colour, self.style.chart.tint), colour, 1.0, 2 * s, kind="swatch",
                                          dash=self._dash(i)))
                elif kind == "arrow":
                    self.items.append(Line(((left, mid), (left + 22 * s, mid)), p.muted,
                                           self.style.chart.arrow_width * max(s, 0.6), arrow=True,
                                           head=6 * max(s, 0.6), kind="legend"))
                else:
                    self.items.append(Box(Rect(left, mid - swatch / 2, swatch * 1.6, swatch), "#FFFFFF",
                                          p.highlight, 2.5 * max(s, 0.6), 2 * s, kind="swatch"))
                self.items.append(text_run(fonts, label, left + marks[kind] + 5 * s, base, size, p.muted, kind="legend"))
        y += (len(rows) - 1) * line_h
        return y + (ASCENT + DESCENT) * size


def _ports(edges: list[tuple[_Slot, _Slot]], spacing: float) -> dict[tuple[str, str], tuple[float, float]]:
    """Where each arrow leaves and enters its boxes (x positions).

    An arrow to the box straight above uses both centres, so the ladder's spine is a straight
    line; arrows that turn leave and arrive beside the centre, on the side they head for.
    """
    ports: dict[tuple[tuple[str, str], bool], float] = {}  # (edge, leaving?) -> x
    straight: dict[tuple[str, str], float] = {}
    for a, b in edges:
        low, high = max(a.rect.x, b.rect.x), min(a.rect.right, b.rect.right)
        if b.row == a.row + 1 and a.column == b.column and high - low >= min(20.0, a.rect.w / 3):
            # Boxes that overlap horizontally: one vertical line through the middle of the overlap.
            straight[(a.role.id, b.role.id)] = (low + high) / 2
    ends: dict[str, list[tuple[_Slot, _Slot, bool]]] = defaultdict(list)  # box -> (box, other, outgoing)
    for a, b in edges:
        ends[a.role.id].append((a, b, True))
        ends[b.role.id].append((b, a, False))
    for items in ends.values():
        for outgoing in (True, False):
            group = [(box, other) for box, other, out in items if out is outgoing]
            if not group:
                continue
            box = group[0][0]

            def key(other: _Slot, box: _Slot = box, outgoing: bool = outgoing) -> tuple[str, str]:
                """The edge between `box` and `other`, as (from, to)."""
                return (box.role.id, other.role.id) if outgoing else (other.role.id, box.role.id)

            centre_taken = any(key(o) in straight for _, o in group)
            right = sorted((o for _, o in group if key(o) not in straight and o.rect.cx >= box.rect.cx), key=lambda o: o.rect.cx)
            left = sorted((o for _, o in group if key(o) not in straight and o.rect.cx < box.rect.cx), key=lambda o: -o.rect.cx)
            step = min(spacing, box.rect.w / (2 * (max(len(left), len(right)) + 1)))
            for _, other in group:
                if key(other) in straight:
                    ports[(key(other), outgoing)] = straight[key(other)]
            for side, others in ((1, right), (-1, left)):
                for k, other in enumerate(others):
                    offset = (k + 1) * step if centre_taken or len(others) > 1 or left and right else 0.0
                    ports[(key(other), outgoing)] = box.rect.cx + side * offset
    return {(a.role.id, b.role.id): (ports[((a.role.id, b.role.id), True)], ports[((a.role.id, b.role.id), False)])
            for a, b in edges}


def _side_by_side(a: _Slot, b: _Slot, slots: list[_Slot]) -> bool:
    """Two boxes on one row with nothing between them: a straight arrow joins their sides."""
    if a.row != b.row:
        return False
    low, high = sorted((a.rect.right, b.rect.right))
    return not any(
        s.row == a.row and s is not a and s is not b and low - 1 < s.rect.cx < high + 1 for s in slots
    )


def _shows_short(role: Role) -> bool:
    return role.short.strip().lower() != role.title.strip().lower()


def _dedupe(points):
    out = []
    for point in points:
        if not out or (abs(out[-1][0] - point[0]) > 0.01 or abs(out[-1][1] - point[1]) > 0.01):
            out.append(point)
    return out
