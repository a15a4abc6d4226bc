"""Layout: a ladder and a style become scenes (the ladder diagram and the competency radar).

Everything here is in points and library-free; both painters draw the result as it is.
Text is measured and wrapped with fonts.FontSet, so a title breaks at the same place in the
slide PNG, the SVG and the handout.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from typing import NamedTuple

from ._scripts import has_cjk, is_cjk
from .errors import RenderError
from .fonts import FontSet
from .model import Ladder, Role
from .scene import ASCENT, DESCENT, Box, Circle, Line, Polygon, Rect, Scene, Text
from .style import Style

LEADING = 1.18
MAX_TITLE_LINES = 4


# ---------------------------------------------------------------- text helpers


# Where a line may break: any white space but the no-break ones ("Level\u00a03" stays together).
BREAKABLE_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


# Characters a line may not start with (Japanese kinsoku shori, and closing punctuation anywhere).
_NO_LINE_START = frozenset("ー、。，．・：；？！）」』】〕〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々)]},.;:!?%")


def wrap(fonts: FontSet, text: str, width: float, size: float, bold: bool = False,
         measure: Callable[[str], float] | None = None) -> list[str]:
    """Greedy line breaking, with the rules careful typesetting follows:

    - lines break at white space, never at a no-break space ("Level\u00a03");
    - a one-letter word (Polish w, i, z; English a) never ends a line: it goes down with the
      word it leads, a run of them together; and a word goes down with punctuation that may
      not start a line (French "dans quel ordre ?");
    - Chinese and Japanese break between any two of their characters and fill a line across
      a space, but a Latin word among them stays whole; no line starts with 、。」ー (kinsoku);
    - a word wider than the line is broken between characters.

    `measure` gives the width of a piece of `text` when it is not all in one weight. Every
    line is a piece of the text with its white space collapsed (TextBlock relies on it).
    """
    if measure is None:
        def measure(piece: str) -> float:
            return fonts.width(piece, size, bold)
    space = measure(" ")
    lines: list[str] = []
    spaced: list[bool] = []  # spaced[i]: line i ended at a space, so nothing may move across
    current, current_w = "", 0.0  # widths add up (no kerning): each word is measured once

    def push(line: str, at_space: bool) -> None:
        lines.append(line)
        spaced.append(at_space)

    for word in BREAKABLE_SPACE.split(text.strip()):
        if not word:
            continue
        word_w = measure(word)
        if not current and word_w <= width:
            current, current_w = word, word_w
            continue
        if current and current_w + space + word_w <= width:
            current, current_w = f"{current} {word}", current_w + space + word_w
            continue
        if current:
            head, tail = _take_down(current, word, measure, width)
            if tail != word:
                push(head, True)
                current, current_w = tail, measure(tail)
                continue
            if has_cjk(word):  # fill this line first: the word breaks between its characters
                current, current_w = current + " ", current_w + space
            else:
                push(current, True)
                current, current_w = "", 0.0
                if word_w <= width:
                    current, current_w = word, word_w
                    continue
        for unit in _units(word, measure, width):
            unit_w = measure(unit)
            if current_w + unit_w <= width or not current.strip():
                current, current_w = current + unit, current_w + unit_w
                continue
            carried = _kinsoku_carry(current) if unit[0] in _NO_LINE_START else 0
            if 0 < carried < len(current.rstrip()):  # carry characters over rather than start with ー or 。
                push(current[:-carried], False)
                current = current[-carried:] + unit
                current_w = measure(current)
            else:
                push(current.rstrip(), current.endswith(" "))
                current, current_w = unit, unit_w
    if current:
        push(current, False)
    for i in range(1, len(lines)):  # a line that still starts with ー or 、 borrows from the one before
        while (lines[i] and lines[i][0] in _NO_LINE_START and not spaced[i - 1] and len(lines[i - 1]) > 1
               and is_cjk(lines[i - 1][-1])):
            moved = lines[i - 1][-1] + lines[i]
            if measure(moved) > width:
                break
            lines[i - 1], lines[i] = lines[i - 1][:-1], moved
    return lines or [""]


def _take_down(line: str, word: str, measure: Callable[[str], float], width: float) -> tuple[str, str]:
    """The line without the words that must go down with `word` to the next line, and those
    words with `word`: one-letter words leading it, or the word before punctuation."""
    head, tail = line, word
    while True:
        before, _, last = head.rpartition(" ")
        leads = len(last) == 1 and last.isalpha()
        punctuation = tail[0] in _NO_LINE_START  # "ordre ?", "50 % !": the word before goes too
        if not before or not (leads or punctuation) or measure(f"{last} {tail}") > width:
            return head, tail
        head, tail = before, f"{last} {tail}"


def _units(word: str, measure: Callable[[str], float], width: float) -> list[str]:
    """Where a word may break: between CJK characters, and not inside a Latin run among them
    unless that run alone is wider than the line; a word of other scripts, anywhere."""
    if not has_cjk(word):
        return list(word)
    units: list[str] = []
    run = ""
    for char in word:
        if is_cjk(char):
            if run:
                units.append(run)
                run = ""
            units.append(char)
        else:
            run += char
    if run:
        units.append(run)
    return [piece for unit in units
            for piece in ([unit] if len(unit) == 1 or measure(unit) <= width else list(unit))]


def _kinsoku_carry(line: str) -> int:
    """How many characters at the end of `line` go to the next line with one that cannot start
    it: the last CJK character, and any before it that cannot start a line either; never
    across a space or into a Latin word (0: nothing can go)."""
    count = 0
    while count < len(line):
        char = line[-1 - count]
        if char == " " or not is_cjk(char):
            return 0 if count == 0 else count
        count += 1
        if char not in _NO_LINE_START:
            return count
    return count


def require_role(ladder: Ladder, role_id: str, option: str) -> None:
    """A RenderError naming the option and the ladder's role ids when `role_id` is not one of them."""
    if not ladder.has_role(role_id):
        raise RenderError(f"{option}: no role with id '{role_id}'; roles: {', '.join(r.id for r in ladder.roles)}")


def tint(colour: str, amount: float) -> str:
    """`amount` of `colour` over white: light fills that keep dark text readable."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * amount) for c in (r, g, b)]
    return "#{:02X}{:02X}{:02X}".format(*mix)


def text_run(fonts: FontSet, text: str, x: float, y: float, size: float, color: str, **kw) -> Text:
    return Text(text, x, y, size, color, fonts.width(text, size, kw.get("bold", False)), **kw)


# ---------------------------------------------------------------- the ladder diagram


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
) -> Scene:
    """The career ladder: levels bottom to top, one column per track, arrows for promotions.

    The picture is `width` x `height` points. If the titles cannot fit at `min_text` points,
    the canvas grows taller (noted in `scene.notes`) rather than printing unreadable text.
    """
    if highlight is not None:
        require_role(ladder, highlight, "--highlight")
    fonts = FontSet.for_style(style)
    notes: list[str] = []
    for _attempt in range(10):
        plan = _LadderPlan(ladder, style, fonts, width, height, highlight, title, min_text, links)
        needed = plan.build()
        if needed is None:
            return Scene(width, height, tuple(plan.items), style.palette.background, tuple(fonts.faces()), tuple(notes))
        height = math.ceil(height * needed)
        notes = [f"the chart was made taller ({width:.0f}x{height:.0f} pt) to keep every title readable"]
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
        if named_tracks:
            head = self.size(11)
            heading_h = (ASCENT + DESCENT) * head + 12 * s
            top -= heading_h
        levels = ladder.levels
        level_size = self.size(9)
        gutter = max(fonts.width(ladder.label("level", n=lv), level_size) for lv in levels) + 16 * s
        x0, x1 = margin + gutter, self.W - margin
        y0, y1 = bottom, top
        rows = len(levels)
        row_h = (y1 - y0) / rows
        col_w = (x1 - x0) / len(columns)
        gap_h = max(18 * s, col_w * 0.1)
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
            label = self.ladder.label("level", n=level)
            self.items.append(
                text_run(fonts, label, margin + 8 * s, band.cy - (ASCENT - DESCENT) * level_size / 2,
                         level_size, p.muted, kind="level")
            )
        if named_tracks:
            for c, track in enumerate(columns):
                cx = x0 + (c + 0.5) * col_w
                name = fit_line(fonts, track.name, col_w - gap_h, head, bold=True)
                base = y1 + 8 * s + DESCENT * head
                self.items.append(text_run(fonts, name, cx, base, head, p.text, bold=True, anchor="middle", kind="track"))
                bar = Rect(cx - min(60 * s, (col_w - gap_h) / 2), y1 + 4 * s, min(120 * s, col_w - gap_h), 2.5 * s)
                self.items.append(Box(bar, p.track_colour(c), kind="swatch"))

        self._edges(slots, x0, col_w, y0, y1, gap_h)
        for slot in slots:
            self._role_box(slot, title_size, wrapped[slot.role.id])
        return None

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


def fit_line(fonts: FontSet, text: str, width: float, size: float, bold: bool = False) -> str:
    """`text` cut with an ellipsis to fit one line of `width` (for labels, never for titles)."""
    if fonts.width(text, size, bold) <= width:
        return text
    while text and fonts.width(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _dedupe(points):
    out = []
    for point in points:
        if not out or (abs(out[-1][0] - point[0]) > 0.01 or abs(out[-1][1] - point[1]) > 0.01):
            out.append(point)
    return out


# ---------------------------------------------------------------- the competency radar


def _radar_legend(fonts, roles, p, width, margin, size, s) -> list:
    """Swatch and title per role: one centred row when it fits, else two columns."""
    sw = size
    entries = [(role, p.track_colour(k)) for k, role in enumerate(roles)]
    widths = [sw * 2.0 + fonts.width(role.title, size) for role, _ in entries]
    gap = 24 * s
    row_h = (ASCENT + DESCENT) * size + 6 * s
    items: list = []
    if sum(widths) + gap * (len(widths) - 1) <= width - 2 * margin:
        x = (width - sum(widths) - gap * (len(widths) - 1)) / 2
        places = []
        for w in widths:
            places.append((x, margin))
            x += w + gap
    else:
        rows = math.ceil(len(entries) / 2)
        places = [(margin + (k % 2) * (width - 2 * margin) / 2, margin + (rows - 1 - k // 2) * row_h)
                  for k in range(len(entries))]
    for (role, colour), (x, y) in zip(entries, places):
        items.append(Box(Rect(x, y, sw * 1.6, sw), tint(colour, 0.35), colour, 1.2, 2, kind="swatch"))
        label = fit_line(fonts, role.title, (width - 2 * margin) / 2 - sw * 2.5, size)
        base = y + (sw - (ASCENT - DESCENT) * size) / 2
        items.append(text_run(fonts, label, x + sw * 2.0, base, size, p.text, kind="legend"))
    return items


def radar_scene(
    ladder: Ladder,
    role_ids: list[str] | tuple[str, ...],
    style: Style,
    *,
    width: float = 540.0,
    height: float = 540.0,
    title: bool = True,
    min_text: float = 7.0,
) -> Scene:
    """A spider chart of the rating dimensions: one translucent polygon per role, overlaid."""
    dims = ladder.rating_dimensions
    if len(dims) < 3:
        raise RenderError(
            f"a radar needs at least 3 rating dimensions (kind: rating); this ladder has {len(dims)}"
        )
    for role_id in role_ids or [""]:
        require_role(ladder, role_id, "--radar")
    roles = [ladder.role(r) for r in role_ids]
    fonts = FontSet.for_style(style)
    p = style.palette
    s = min(width, height) / 540 * style.chart.text_scale
    items: list = []
    margin = 16 * s
    top = height - margin
    if title:
        size = max(min_text, 16 * s)
        # Full titles if they fit, else the short labels ("APM vs PM vs Senior PM"), else the ladder.
        heading = ladder.title
        for candidate in (" vs ".join(r.title for r in roles), " vs ".join(r.short for r in roles)):
            if len(roles) <= 4 and fonts.width(candidate, size, True) <= width - 2 * margin:
                heading = candidate
                break
        heading = fit_line(fonts, heading, width - 2 * margin, size, bold=True)
        items.append(text_run(fonts, heading, margin, top - ASCENT * size, size, p.primary, bold=True, kind="heading"))
        top -= (ASCENT + DESCENT) * size + 8 * s
    legend_size = max(min_text, 10 * s)
    legend_h = ((ASCENT + DESCENT) * legend_size + 6 * s) * math.ceil(len(roles) / 2) if len(roles) > 1 else 0
    bottom = margin + legend_h
    label_size = max(min_text, 10 * s)
    label_w = max(fonts.width(d.name, label_size) for d in dims)
    # Longer names wrap onto two lines beside the axis, but a single word is never split.
    longest_word = max(fonts.width(word, label_size) for d in dims for word in d.name.split())
    label_w = max(min(label_w, width * 0.16), longest_word)
    cx = width / 2
    cy = (top + bottom) / 2
    dot = 2.4 * max(s, 0.6)  # the marker of each rating
    gap = max(8 * s, dot + 0.5 * label_size)  # a label clears the marker of a full rating, even when small
    radius = max(20.0, min((width - 2 * margin) / 2 - label_w - gap, (top - bottom) / 2 - 2.4 * label_size - gap))
    n = len(dims)
    angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]
    steps = max(d.scale for d in dims)
    for step in range(1, steps + 1):
        ring = tuple((cx + radius * step / steps * math.cos(a), cy + radius * step / steps * math.sin(a)) for a in angles)
        items.append(Polygon(ring, None, p.rule, 0.6 * max(s, 0.6), kind="ring"))
    for a in angles:
        items.append(Line(((cx, cy), (cx + radius * math.cos(a), cy + radius * math.sin(a))), p.rule, 0.6 * max(s, 0.6), kind="axis"))
    tick = max(min_text, 7.5 * s)
    if len({d.scale for d in dims}) == 1 and radius / steps >= 2.2 * tick:  # room between the numbers
        # The scale, once, along the first axis: each ring's value just below it.
        for step in range(1, steps + 1):
            y = cy + radius * step / steps - ASCENT * tick - 2
            items.append(text_run(fonts, str(step), cx + 3 * s, y, tick, p.muted, kind="tick"))
    for _i, (dim, a) in enumerate(zip(dims, angles)):
        lx = cx + (radius + gap) * math.cos(a)
        ly = cy + (radius + gap) * math.sin(a)
        cos = math.cos(a)
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        avail = width - margin - lx if anchor == "start" else (lx - margin if anchor == "end" else 2 * min(lx - margin, width - margin - lx))
        lines = wrap(fonts, dim.name, max(avail, 30 * s), label_size)
        block = (len(lines) - 1) * LEADING * label_size
        if math.sin(a) > 0.2:
            base = ly + DESCENT * label_size + block
        elif math.sin(a) < -0.2:
            base = ly - ASCENT * label_size
        else:
            base = ly - (ASCENT - DESCENT) * label_size / 2 + block / 2
        for line in lines:
            items.append(text_run(fonts, line, lx, base, label_size, p.text, anchor=anchor, kind="axis-label"))
            base -= LEADING * label_size
    # Fills first, then every outline and point on top, so one role's shape never hides another's edge.
    shapes = []
    for k, role in enumerate(roles):
        colour = p.track_colour(k) if len(roles) > 1 else p.accent
        points = []
        for dim, a in zip(dims, angles):
            value = role.values.get(dim.id)
            frac = (value / dim.scale) if isinstance(value, int) else 0.0
            points.append((cx + radius * frac * math.cos(a), cy + radius * frac * math.sin(a)))
        shapes.append((tuple(points), colour))
        items.append(Polygon(tuple(points), colour, None, 0, fill_opacity=0.2, kind="profile"))
    for points, colour in shapes:
        items.append(Polygon(points, None, colour, 1.8 * max(s, 0.6), kind="outline"))
        items.extend(Circle(x, y, dot, colour) for x, y in points)
    if len(roles) > 1:
        items.extend(_radar_legend(fonts, roles, p, width, margin, legend_size, s))
    return Scene(width, height, tuple(items), p.background, tuple(fonts.faces()))
