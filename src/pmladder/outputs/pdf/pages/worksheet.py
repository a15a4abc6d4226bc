"""An evidence worksheet: per dimension, what the role shows, and lines to write on."""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Spacer

from .... import content
from ....model import Role
from ..context import Context
from ..flowables import Ruled, stack_height
from ..textblocks import Grid, GridLook

GUTTER = 28  # points between the two columns of a long worksheet


def worksheet(ctx: Context, role: Role) -> list:
    sheet = content.worksheet(ctx.ladder, role)
    story: list = [ctx.para(sheet.title, "h1"), ctx.para(sheet.hint, "caption")]
    headings = sheet.headings or (None,) * len(sheet.expected)
    blocks = [[*([ctx.para(heading, "h3")] if heading else []), ctx.para(cell.dimension.name, "ws-dim"),
               *_listed(ctx.value_para(cell, "ws-value")), Spacer(1, 4),
               Ruled(3, 19, ctx.palette.rule), Spacer(1, 6)] for cell, heading in zip(sheet.expected, headings)]
    flat = story + [f for block in blocks for f in block]
    if len(blocks) <= 6 and stack_height(flat, ctx.frame_width) <= ctx.frame_height:
        return story + [KeepTogether(block) for block in blocks]
    # Longer lists in two columns, so a role's worksheet stays one page.
    cells = [_spaced(block) for block in blocks]
    rows = [[cells[i], [], cells[i + 1] if i + 1 < len(cells) else []] for i in range(0, len(cells), 2)]
    column = (ctx.frame_width - GUTTER) / 2
    look = GridLook(pad_x=0, pad_top=0, pad_bottom=2, rule=None)
    return story + [Grid(rows, [column, GUTTER, column], look, room=ctx.frame_height, header_rows=0)]


def _spaced(blocks: list) -> list:
    """A grid stacks a cell's blocks with no space between them: the space one block keeps
    after it and the next before it (none above the first) becomes a spacer."""
    spaced = blocks[:1]
    for above, block in zip(blocks, blocks[1:]):
        gap = above.getSpaceAfter() + block.getSpaceBefore()
        spaced += [Spacer(1, gap), block] if gap else [block]
    return spaced


def _listed(blocks) -> list:
    """A value's blocks as a list, whether it is one block or several."""
    return blocks if isinstance(blocks, list) else [blocks]
