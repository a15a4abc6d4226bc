"""An evidence worksheet: per dimension, what the role shows, and lines to write on."""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from .... import content
from ....model import Role
from ..context import Context
from ..flowables import Ruled


def worksheet(ctx: Context, role: Role) -> list:
    sheet = content.worksheet(ctx.ladder, role)
    story: list = [ctx.para(sheet.title, "h1"), ctx.para(sheet.hint, "caption")]
    headings = sheet.headings or (None,) * len(sheet.expected)
    blocks = [[*([ctx.para(heading, "h3")] if heading else []), ctx.para(cell.dimension.name, "ws-dim"),
               *_listed(ctx.value_para(cell, "ws-value")), Spacer(1, 4),
               Ruled(3, 19, ctx.palette.rule), Spacer(1, 6)] for cell, heading in zip(sheet.expected, headings)]
    if len(blocks) <= 6:
        return story + [KeepTogether(block) for block in blocks]
    # Longer lists in two columns, so a role's worksheet stays one page.
    rows = [blocks[i : i + 2] + ([] if i + 1 < len(blocks) else [""]) for i in range(0, len(blocks), 2)]
    grid = Table(rows, colWidths=["50%", "50%"])
    grid.setStyle(TableStyle([
        *ctx.table_commands(10, pad_x=0, pad_top=0, pad_bottom=2),
        ("RIGHTPADDING", (0, 0), (0, -1), 14),
        ("LEFTPADDING", (1, 0), (1, -1), 14),
    ]))
    return story + [grid]


def _listed(blocks) -> list:
    """A value's blocks as a list, whether it is one block or several."""
    return blocks if isinstance(blocks, list) else [blocks]
