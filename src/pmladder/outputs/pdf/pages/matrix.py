"""The comparison matrix on landscape pages: a table per group of tracks (content.matrix), or,
for a ladder with long cells or many roles, the progression per competency (content.progression)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from .... import content
from ..context import Context
from ..flowables import Headed
from ..frames import at_top, split_at_top
from ..textblocks import HEADER_LINES, Grid
from .progression import progression

MATRIX_MAX_ROLES = 7  # role columns per matrix table; more roles continue in another table
MIN_COLUMN = 72  # points a role's column needs
NBSP = "\u00a0"
DOT = NBSP + "\u00b7"  # the separator between a role's short title, level and track, kept with the word before


def matrix(ctx: Context, width: float, room: float | None, heading: bool = True) -> list:
    """The matrix for a frame `width` wide whose pages offer `room` points (None: unknown); for a
    ladder with long cells or many roles, the progression per competency instead."""
    ladder = ctx.ladder
    if content.uses_progression(ladder):
        return progression(ctx, width, room, heading)
    names = [ladder.label("dimension"), *(d.name for d in ladder.dimensions)]
    head_w = min(width * 0.3, max(min(130.0, width * 0.2), ctx.longest_word(names) + 12))
    per_table = max(1, min(MATRIX_MAX_ROLES, int((width - head_w) // MIN_COLUMN)))
    found = content.matrix(ladder, per_table)
    story: list = []
    lead = [ctx.heading(found.heading)] if heading else []  # kept with the first table's first rows
    for c, group in enumerate(found.groups):
        col_w = (width - head_w) / len(group.columns)
        # The rows in the content's order (as on the role pages), in runs of text rows and of
        # rating rows: a run of ratings is a block of its own that moves to the next page whole
        # rather than leaving one row of dots behind; under the rows above on the same page it
        # goes on without a second header.
        for k, block in enumerate(group.runs):
            tables = [matrix_table(ctx, found.corner, group.columns, block, head_w, col_w, room, header=header)
                      for header in (True, False)]
            if k:
                story.append(FollowOn(*tables, room))
                continue
            # The next tracks' table follows on the page, under its caption.
            heads = lead + ([ctx.para(group.caption, "h3-free")] if len(found.groups) > 1 else [])
            story += [Spacer(1, 14)] if c else []
            story.append(Headed(heads, tables[0], room, min_rows=3) if heads else tables[0])
            lead = []
    return lead + story  # the heading alone, when there is no table


def matrix_table(ctx: Context, corner: str, columns, rows, head_w: float, col_w: float,
                 room: float | None, header: bool = True) -> Grid:
    """One table of the matrix: a header row of roles (unless `header` is False: a table that
    goes on under another's header), then a row per dimension."""
    grid = [header_row(ctx, corner, columns, col_w)] if header else []
    for heading, row in content.headed(rows):
        if heading:
            grid.append(ctx.group_row(heading, len(columns)))
        dim = row.dimension
        first = [ctx.para(dim.name, "cell-bold")]
        if dim.description:
            first.append(ctx.para(dim.description, "cell-small"))
        grid.append([first, *(ctx.value_para(cell) for cell in row.cells)])
    return Grid(grid, [head_w] + [col_w] * len(columns), ctx.headed_look(pad_top=4, pad_bottom=5, column_rule=True),
                room=room, header_rows=1 if header else 0)


def header_row(ctx: Context, corner: str, columns, col_w: float) -> list:
    """The roles' headings: the title, and beneath it "short · level · track", which breaks only
    after a dot, never inside a part that fits on a line ("· Management" never starts a line).
    A part that fills a line, with no room left for its dot, ends the line without it: the
    dot would otherwise start the next one."""
    style = ctx.styles["cell-head-small"]
    inner = col_w - 2 * 5  # the headed look's padding

    def width(text: str) -> float:
        return ctx.fonts.width(text, style.size, style.bold)

    row = [ctx.para(corner, "cell-head", max_lines=HEADER_LINES)]
    for column in columns:
        parts = [column.short, column.level, *([column.track] if column.track else [])]
        parts = [p.replace(" ", NBSP) if width(p) <= inner else p for p in parts]
        text = parts[0]
        for before, part in zip(parts, parts[1:]):
            full = width(before) <= inner < width(before + DOT)
            text += ("\n" if full else DOT + " ") + part
        row.append([ctx.para(column.title, "cell-head", max_lines=HEADER_LINES),
                    ctx.para(text, "cell-head-small", max_lines=HEADER_LINES)])
    return row


class FollowOn(Flowable):
    """A table that follows another: at the top of a page with its own header; under the table
    above on the same page without it (one header block per page), its first rows there and
    the rest under the header on the next page, or, when not two of its rows fit, whole on the
    next page."""

    def __init__(self, headed: Grid, bare: Grid, room: float | None):
        super().__init__()
        self.headed, self.bare, self.room = headed, bare, room
        self._chosen = headed

    def wrap(self, avail_width, avail_height):
        self._chosen = self.headed if at_top(avail_height, self.room) else self.bare
        self.width, self.height = self._chosen.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        headed = self.headed
        if split_at_top(self, avail_height, self.room):
            return headed.split(avail_width, avail_height)
        headed.wrap(avail_width, avail_height)
        header = headed.row_height(0)
        parts = headed.split(avail_width, avail_height + header)  # as if its header were here
        if len(parts) < 2 or (len(parts[0].rows) < min(3, len(headed.rows)) and not parts[0].ends_in_split_row):
            return []
        first = parts[0]
        bare = Grid(first.rows[1:], first.widths, first.look, room=self.room, header_rows=0,
                    indices=[i - 1 for i in first.indices[1:]])
        return [bare, parts[1]]

    def draw(self):
        self._chosen.drawOn(self.canv, 0, 0)
