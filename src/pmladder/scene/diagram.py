"""The ladder diagram as a scene: levels bottom to top, one column per track, arrows for promotions.

Everything here is in points and library-free; every painter draws the result as it is.
Text is measured and wrapped with text.fonts.FontSet, so a title breaks at the same place in the
slide PNG, the SVG and the handout.

Here the heading, the rows with their level names and the track names are laid out, and the
largest title size that fits is searched for; diagram_grid places the boxes, diagram_boxes fits
and draws their text, diagram_arrows routes the promotion arrows, diagram_legend draws the legend.
"""

from __future__ import annotations

import math

from ..errors import RenderError
from ..load.style import Style
from ..model import Ladder, require_role
from ..text.fonts import FontSet
from ..text.wrap import LEADING, fit_line, wrap
from .diagram_arrows import channel_room, promotion_arrows
from .diagram_boxes import RoleBoxes
from .diagram_grid import Grid, Sizing, Slot, place
from .diagram_legend import legend
from .elements import ASCENT, DESCENT, Box, Rect, Scene, text_run

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
    """One attempt at the diagram on a canvas of one size: `build` lays it out in `items`."""

    def __init__(self, ladder, style, fonts, width, height, highlight, title, min_text, links):
        self.ladder = ladder
        self.W, self.H = width, height
        self.show_title, self.links = title, links
        self.items: list = []
        scale = min(width / 960, height / 540) if title else min(width / 560, height / 400)
        self.sizing = Sizing(fonts, style, scale, min_text, highlight)

    def build(self) -> float | None:
        """Lay everything out; return a growth factor for the height if titles do not fit."""
        sizing, s = self.sizing, self.sizing.scale
        margin = 22 * s
        top = self._heading(margin)
        legend_items, legend_top = legend(sizing, self.ladder, margin, margin, self.W - 2 * margin)
        self.items += legend_items
        grid, track_names = self._grid(margin, top, legend_top + 10 * s)
        boxes, slots, fit = self._fit(grid)
        if fit is None:
            return boxes.growth(slots)
        title_size, wrapped = fit
        self._bands(margin, grid)
        if track_names is not None:
            self._track_heads(grid, track_names)
        # The arrows come before the boxes, so they are drawn beneath them.
        self.items += promotion_arrows(sizing, self.ladder.ordered_roles, slots, grid)
        you_are_here = self.ladder.label("you_are_here")
        for slot in slots:
            self.items += boxes.draw(slot, title_size, wrapped[slot.role.id], you_are_here, self.links)
        return None

    def _heading(self, margin: float) -> float:
        """The ladder's title and subtitle along the top; return where what is below begins."""
        fonts, s, p, ladder = self.sizing.fonts, self.sizing.scale, self.sizing.style.palette, self.ladder
        top = self.H - margin
        if not self.show_title:
            return top
        size, lines = self._title_lines(ladder.title, self.W - 2 * margin)
        for line in lines:
            self.items.append(text_run(fonts, line, margin, top - ASCENT * size, size, p.primary, bold=True,
                                       kind="heading"))
            top -= LEADING * size
        top -= (ASCENT + DESCENT - LEADING) * size + 4 * s
        if ladder.subtitle:
            sub = self.sizing.size(11)
            line = fit_line(fonts, ladder.subtitle, self.W - 2 * margin, sub)
            self.items.append(text_run(fonts, line, margin, top - ASCENT * sub, sub, p.muted, kind="heading"))
            top -= (ASCENT + DESCENT) * sub
        return top - 10 * s

    def _title_lines(self, title: str, width: float) -> tuple[float, list[str]]:
        """The ladder's title on one line, smaller if need be, else on two; never past the edge."""
        fonts = self.sizing.fonts
        full, least = self.sizing.size(20), self.sizing.size(15)
        size = full
        while size > least and fonts.width(title, size, True) > width:
            size -= 0.5
        if fonts.width(title, size, True) <= width:
            return size, [title]
        lines = wrap(fonts, title, width, size, bold=True)
        if len(lines) > 2:
            lines = [lines[0], fit_line(fonts, " ".join(lines[1:]), width, size, bold=True)]
        return size, lines

    def _grid(self, margin: float, top: float, bottom: float) -> tuple[Grid, list[list[str]] | None]:
        """The rows and columns between `bottom` and `top`, below the track names (if the tracks
        are named), beside a gutter for the level names; and the track names' lines."""
        ladder, fonts, s = self.ladder, self.sizing.fonts, self.sizing.scale
        columns = ladder.columns
        levels = ladder.levels
        level_size = self.sizing.size(9)
        gutter = max(fonts.width(ladder.level_row_name(lv), level_size) for lv in levels) + 16 * s
        x0, x1 = margin + gutter, self.W - margin
        col_w = (x1 - x0) / len(columns)
        gap_h = max(18 * s, col_w * 0.1)
        names = None
        if any(t is not None for t in columns):
            # Track names wrap over the column (up to three lines) rather than lose their end.
            head = self.sizing.size(11)
            names = [self._track_lines(track.name, col_w - gap_h, head) for track in columns]
            heading_h = (ASCENT + DESCENT) * head + (max(map(len, names)) - 1) * LEADING * head + 12 * s
            top -= heading_h
        return Grid(x0, bottom, top, (top - bottom) / len(levels), col_w, gap_h,
                    channel_room(self.sizing, ladder)), names

    def _track_lines(self, name: str, width: float, size: float) -> list[str]:
        fonts = self.sizing.fonts
        lines = wrap(fonts, name, width, size, bold=True)
        if len(lines) > 3:
            lines = [*lines[:2], fit_line(fonts, " ".join(lines[2:]), width, size, bold=True)]
        return lines

    def _fit(self, grid: Grid) -> tuple[RoleBoxes, list[Slot], tuple[float, dict[str, list[str]]] | None]:
        """The boxes placed and their titles' size and lines; no titles (None) if they fit no
        box height the row allows."""
        s, row_h = self.sizing.scale, grid.row_h
        levels, columns = self.ladder.levels, self.ladder.columns
        gap_v = max(grid.channel, min(row_h * 0.34, 30 * s))
        comfortable = (min(row_h - gap_v, 64 * s), min(row_h - grid.channel, 110 * s))
        best = None
        # A comfortable box; a taller one if that sets the titles clearly larger; short labels
        # dropped (the title is what a reader needs); and only then every bit of the row but
        # the arrows' channel. Past that the canvas grows.
        for show_shorts, heights in ((True, comfortable), (False, comfortable), (False, (row_h - grid.channel,))):
            boxes = RoleBoxes(self.sizing, show_shorts)
            for box_h in heights:
                slots = place(self.sizing, self.ladder, levels, columns, grid, max(box_h, 1.0))
                fit = boxes.fit_titles(slots)
                if fit is not None and (best is None or fit[0] > best[2][0] + 1.5):
                    best = (boxes, slots, fit)
            if best is not None:
                return best
        return boxes, slots, None

    def _bands(self, margin: float, grid: Grid) -> None:
        """A band across each level, behind everything, with the level's name in the gutter."""
        fonts, s, p = self.sizing.fonts, self.sizing.scale, self.sizing.style.palette
        level_size = self.sizing.size(9)
        for r, level in enumerate(self.ladder.levels):
            band = Rect(margin, grid.y0 + r * grid.row_h, self.W - 2 * margin, grid.row_h)
            self.items.insert(0, Box(band, p.bands[r % len(p.bands)], kind="band"))
            label = self.ladder.level_row_name(level)
            self.items.append(
                text_run(fonts, label, margin + 8 * s, band.cy - (ASCENT - DESCENT) * level_size / 2,
                         level_size, p.muted, kind="level")
            )

    def _track_heads(self, grid: Grid, names: list[list[str]]) -> None:
        """Each track's name over its column, on a bar of the track's colour."""
        fonts, s, p = self.sizing.fonts, self.sizing.scale, self.sizing.style.palette
        head = self.sizing.size(11)
        col_w, gap_h = grid.col_w, grid.gap_h
        for c, lines in enumerate(names):
            cx = grid.x0 + (c + 0.5) * col_w
            base = grid.y1 + 8 * s + DESCENT * head + (len(lines) - 1) * LEADING * head  # the last line on the bar
            for line in lines:
                self.items.append(text_run(fonts, line, cx, base, head, p.text, bold=True, anchor="middle",
                                           kind="track"))
                base -= LEADING * head
            bar = Rect(cx - min(60 * s, (col_w - gap_h) / 2), grid.y1 + 4 * s, min(120 * s, col_w - gap_h), 2.5 * s)
            self.items.append(Box(bar, p.track_colour(c), kind="swatch"))
