"""The comparison matrix on landscape pages: a table per group of tracks (content.matrix)."""

from __future__ import annotations

from reportlab.platypus import KeepTogether, PageBreak, Spacer

from .... import content
from ..context import Context
from ..textblocks import Grid

MATRIX_MAX_ROLES = 7  # role columns per matrix table; more roles continue in another table
MIN_COLUMN = 72  # points a role's column needs


def matrix(ctx: Context, width: float, room: float | None, heading: bool = True) -> list:
    """The matrix for a frame `width` wide whose pages offer `room` points (None: unknown)."""
    ladder = ctx.ladder
    names = [ladder.label("dimension"), *(d.name for d in ladder.dimensions)]
    head_w = min(width * 0.3, max(min(130.0, width * 0.2), ctx.longest_word(names) + 12))
    per_table = max(1, min(MATRIX_MAX_ROLES, int((width - head_w) // MIN_COLUMN)))
    found = content.matrix(ladder, per_table)
    story: list = []
    if heading:
        story.append(ctx.heading(found.heading))
    for c, group in enumerate(found.groups):
        if c > 0:
            story.append(PageBreak())
        if len(found.groups) > 1:
            story.append(ctx.para(group.caption, "h3-free"))
        col_w = (width - head_w) / len(group.columns)
        # Text rows first, then the ratings as a block of their own that moves to the next
        # page whole rather than leaving one row of dots behind.
        blocks = [group.text_rows, group.rating_rows]
        for k, block in enumerate(b for b in blocks if b):
            table = matrix_table(ctx, found.corner, group.columns, block, head_w, col_w, room)
            story += [Spacer(1, 10), KeepTogether([table])] if k else [table]
    return story


def matrix_table(ctx: Context, corner: str, columns, rows, head_w: float, col_w: float,
                 room: float | None) -> Grid:
    """One table of the matrix: a header row of roles, then a row per dimension."""
    header = [ctx.para(corner, "cell-head")]
    for column in columns:
        level = column.level.replace(" ", "\u00a0")
        sub = f"{column.short} \u00b7 {level}" + (f" \u00b7 {column.track}" if column.track else "")
        header.append([ctx.para(column.title, "cell-head"), ctx.para(sub, "cell-head-small")])
    grid = [header]
    for heading, row in content.headed(rows):
        if heading:
            grid.append(ctx.group_row(heading, len(columns)))
        dim = row.dimension
        first = [ctx.para(dim.name, "cell-bold")]
        if dim.description:
            first.append(ctx.para(dim.description, "cell-small"))
        grid.append([first, *(ctx.value_para(cell) for cell in row.cells)])
    return Grid(grid, [head_w] + [col_w] * len(columns), ctx.headed_look(pad_top=4, pad_bottom=5, column_rule=True),
                room=room)
