"""The progression on landscape pages (content.progression): for each competency, a table with
a row per level and a column per track, under its group's heading; a rating's few levels go
across instead, a row of dots per track. The table's header names the competency, so a table
continued overleaf still says which one it is."""

from __future__ import annotations

from reportlab.platypus import Spacer

from .... import content
from ..context import Context
from ..flowables import HeadedTable
from ..textblocks import HEADER_LINES, Grid

LEVEL_COLUMN = (90.0, 150.0)  # points: the level column's narrowest and widest
TRACK_COLUMN = 72.0  # points a track's column needs at least (a role's in the matrix: pages/matrix.py)
RATING_LEVELS_ACROSS = 8  # a rating's levels up to this many go across (a row of dots per track)


def progression(ctx: Context, width: float, room: float | None, heading: bool = True) -> list:
    found = content.progression(ctx.ladder)
    story: list = [ctx.heading(found.heading)] if heading else []
    names = [p.dimension.name for p in found.competencies] + [row.name for p in found.competencies for row in p.rows]
    level_w = min(width * 0.2, max(LEVEL_COLUMN[0], min(LEVEL_COLUMN[1], ctx.longest_word(names) + 12)))
    per_table = max(1, int((width - level_w) // TRACK_COLUMN))  # tracks side by side; more go in a table below
    shown = None
    for whole in found.competencies:
        if whole.dimension.is_rating and len(whole.rows) <= RATING_LEVELS_ACROSS:
            tables = [rating_table(ctx, whole, width, level_w, room)]  # a row per track: any number fit
        else:
            tables = [progression_table(ctx, part, width, level_w, room) for part in whole.in_parts(per_table)]
        for table in tables:
            if whole.group is not None and whole.group != shown:
                story.append(HeadedTable(ctx.para(whole.group.name, "h2"), table, min_rows=1))
            else:
                story += [Spacer(1, 8), table]
            shown = whole.group
    return story


def progression_table(ctx: Context, competency: content.Progression, width: float, level_w: float,
                      room: float | None) -> Grid:
    dim = competency.dimension
    corner = [ctx.para(dim.name, "cell-head", max_lines=HEADER_LINES)]
    if dim.description:
        corner.append(ctx.para(dim.description, "cell-head-small", max_lines=HEADER_LINES))
    rows = [[corner, *(ctx.para(name, "cell-head", max_lines=HEADER_LINES) for name in competency.columns)]]
    compact = set()
    for row in competency.rows:
        cells = [placed_cell(ctx, placed) for placed in row.cells]
        if dim.is_rating and not dim.points:
            compact.add(len(rows))
        rows.append([ctx.para(row.name, "cell-bold"), *cells])
    col_w = (width - level_w) / len(competency.columns)
    look = ctx.headed_look(pad_top=3, pad_bottom=4, column_rule=True, compact_rows=frozenset(compact))
    return Grid(rows, [level_w] + [col_w] * len(competency.columns), look, room=room)


def rating_table(ctx: Context, competency: content.Progression, width: float, level_w: float,
                 room: float | None) -> Grid:
    """A rating's progression across the page: a column per level, a row of dots per track (a
    column of one short line per level would leave the page's width empty)."""
    dim = competency.dimension
    corner = [ctx.para(dim.name, "cell-head", max_lines=HEADER_LINES)]
    if dim.description:
        corner.append(ctx.para(dim.description, "cell-head-small", max_lines=HEADER_LINES))
    rows = [[corner, *(ctx.para(row.name, "cell-head", max_lines=HEADER_LINES) for row in competency.rows)]]
    for j, track in enumerate(competency.columns):
        rows.append([ctx.para(track, "cell-bold"), *(placed_cell(ctx, row.cells[j]) for row in competency.rows)])
    col_w = (width - level_w) / len(competency.rows)
    look = ctx.headed_look(pad_top=3, pad_bottom=4, column_rule=True)
    return Grid(rows, [level_w] + [col_w] * len(competency.rows), look, room=room)


def placed_cell(ctx: Context, placed: tuple[content.Placed, ...]) -> list:
    """A track's roles at one level: the value alone for one role (the column and the row say
    whose it is), each under its title when the track has several roles there."""
    if len(placed) == 1:
        value = ctx.value_para(placed[0].cell, bullet_style="cell-statement")
        return value if isinstance(value, list) else [value]
    story: list = []
    for p in placed:
        story.append(ctx.para(p.role.title, "cell-bold"))
        value = ctx.value_para(p.cell, bullet_style="cell-statement")
        story += value if isinstance(value, list) else [value]
    return story
