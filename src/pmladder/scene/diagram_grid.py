"""Where the ladder diagram's boxes go: a grid of levels (rows) and tracks (columns), and the
sizes every part of the diagram is measured by."""

from collections import defaultdict
from typing import NamedTuple

from ..load.style import Style
from ..model import Ladder, Role, Track
from ..text.fonts import FontSet
from .elements import Rect


class Sizing(NamedTuple):
    """What every part of the diagram is measured with."""

    fonts: FontSet
    style: Style
    scale: float  # the canvas against the slide (or handout picture) the sizes were chosen for
    min_text: float  # no type smaller than this
    highlight: str | None  # the role marked "You are here"

    def size(self, points: float) -> float:
        """A type size scaled to the canvas, never under the readable minimum."""
        return max(self.min_text, points * self.scale * self.style.chart.text_scale)

    def dash(self, track_index: int) -> tuple[float, ...] | None:
        """In grayscale styles every other track gets a dashed outline: greys alone are hard to
        tell apart on paper, and the legend shows the same dash."""
        if not self.style.grayscale or track_index % 2 == 0:
            return None
        return (3.0 * max(self.scale, 0.6), 2.0 * max(self.scale, 0.6))


class Grid(NamedTuple):
    """The rows and columns the boxes sit in, in points."""

    x0: float  # left of the first column
    y0: float  # bottom of the lowest row
    y1: float  # top of the highest row
    row_h: float
    col_w: float
    gap_h: float  # between the boxes of neighbouring columns
    channel: float = 12.0  # the least gap between the boxes of neighbouring rows, for the arrows


class Slot(NamedTuple):
    role: Role
    rect: Rect
    row: int
    column: int


def place(sizing: Sizing, ladder: Ladder, levels: tuple[int, ...], columns: tuple[Track | None, ...],
          grid: Grid, box_h: float) -> list[Slot]:
    """Boxes in a grid of levels (rows) and tracks (columns); one track climbs as a staircase."""
    s = sizing.scale
    x0, y0, row_h, col_w, gap_h = grid.x0, grid.y0, grid.row_h, grid.col_w, grid.gap_h
    rows = len(levels)
    staircase = len(columns) == 1 and rows > 1
    cells: dict[tuple[int, int], list[Role]] = defaultdict(list)
    for c, track in enumerate(columns):
        for role in ladder.roles_in(track):
            cells[(levels.index(role.level), c)].append(role)
    widest = max(len(v) for v in cells.values())
    single_columns = {c for (_, c), roles in cells.items() if len(roles) == 1}
    slots: list[Slot] = []
    for (r, c), roles in sorted(cells.items()):
        cell_x = x0 + c * col_w + gap_h / 2
        avail = col_w - gap_h
        if staircase:
            box_w = min(avail, max(avail * 0.36, 170 * s * widest))
            cell_x += r * (avail - box_w) / (rows - 1)
        else:
            box_w = min(avail, 330 * s * len(roles))
            lone = min(avail, 330 * s)
            if len(roles) > 1 and lone < box_w and c in single_columns and \
                    lone >= len(roles) * _min_box_width(sizing) + (len(roles) - 1) * 8 * s:
                box_w = lone  # the same width as the column's boxes of one role each, in line with them
            cell_x += (avail - box_w) / 2
        inner = 8 * s
        # Many roles of one level and track share the cell as a grid: side by side while
        # each box keeps a readable width, then in rows (the canvas grows if it must).
        across = max(1, min(len(roles), int((box_w + inner) // (_min_box_width(sizing) + inner))))
        down = -(-len(roles) // across)
        each_w = (box_w - inner * (across - 1)) / across
        each_h = min(box_h, (row_h - grid.channel - inner * (down - 1)) / down)
        block_h = down * each_h + (down - 1) * inner
        row_top = y0 + (r + 0.5) * row_h + block_h / 2
        if down > 1:
            # Arrows leave upwards and arrive from below: roles only promoted from go in the top
            # row of the grid and roles promoted into in the bottom one, so few arrows need to
            # go round a box (diagram_arrows takes those by the box's side).
            incoming = {n for role in ladder.roles for n in role.next}
            roles = sorted(roles, key=lambda role: (role.id in incoming, not role.next))
        for k, role in enumerate(roles):
            a, d = k % across, k // across
            rect = Rect(cell_x + a * (each_w + inner), row_top - (d + 1) * each_h - d * inner, each_w, each_h)
            slots.append(Slot(role, rect, r, c))
    return slots


def _min_box_width(sizing: Sizing) -> float:
    """Narrower than this, a box holds too few characters per line to read a title."""
    return max(70 * sizing.scale, 9 * sizing.min_text)
