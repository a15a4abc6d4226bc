"""The comparison matrix as text: Markdown for wikis, CSV for spreadsheets.

Both render the content layer's matrix (headings in the ladder's own words); neither decides
what the matrix holds.
"""

from __future__ import annotations

import csv
import io

from ..content.cells import Cell
from ..content.matrix import headed, whole_matrix
from ..model import Ladder
from .escape import markdown_cell


def to_markdown(ladder: Ladder) -> str:
    table = whole_matrix(ladder)
    corner = ladder.label("dimension")
    header = [corner] + [f"{c.title} ({c.level})" for c in table.columns]
    lines = [_md_row(header), _md_row(["---"] * len(header))]
    for heading, row in headed(table.rows):
        if heading:  # the group's name in bold over its dimensions (the bold is ours, the name text)
            lines.append("| **" + markdown_cell(heading) + "** |" + " |" * len(table.columns))
        dim = row.dimension
        name = f"{dim.name} (1–{dim.scale})" if dim.is_rating else dim.name
        lines.append("| " + " | ".join([markdown_cell(name)] + [_md_cell(cell) for cell in row.cells]) + " |")
    return "\n".join(lines) + "\n"


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(map(markdown_cell, cells)) + " |"


def _md_cell(cell: Cell) -> str:
    """A cell; a list of statements stays a list inside it, one '• ' line each (a table row is
    one line of Markdown, so the lines are joined by <br>, which every table viewer shows)."""
    if cell.statements:
        return "<br>".join("• " + markdown_cell(item) for item in cell.statements)
    return markdown_cell(cell.text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _csv_cell(value) -> str | int:
    """Ladder text as a spreadsheet shows it: a leading = + - @ (or its full-width form, which
    some spreadsheets also read as a formula) would start a formula, so such text gets a leading
    apostrophe, which spreadsheets treat as 'this is text' and hide."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_value(cell: Cell) -> str:
    """A value as data: ratings as numbers (a spreadsheet computes with them), nothing as "",
    a list of statements as one cell with a line per statement."""
    if cell.statements:
        return "\n".join(cell.statements)
    return "" if cell.value is None else str(cell.value)


def to_csv(ladder: Ladder) -> str:
    # The first column and the header row are keys (dimension, kind, role ids) that a script
    # reads back, so they stay the same in every language; the cells are the ladder's text.
    table = whole_matrix(ladder)
    roles = [c.role for c in table.columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["dimension", "kind"] + [r.id for r in roles])
    writer.writerow(["title", ""] + [_csv_cell(r.title) for r in roles])
    writer.writerow(["level", ""] + [r.level for r in roles])
    if ladder.tracks:
        writer.writerow(["track", ""] + [r.track for r in roles])
    for heading, row in headed(table.rows):
        if heading:
            writer.writerow([_csv_cell(heading), "group"] + [""] * len(roles))
        writer.writerow([_csv_cell(row.dimension.name), row.dimension.kind]
                        + [_csv_cell(_csv_value(cell)) for cell in row.cells])
        if row.dimension.points:  # the ratings' names beside their numbers, in a row of their own
            writer.writerow([_csv_cell(row.dimension.name), "point"]
                            + [_csv_cell(cell.point.name if cell.point else "") for cell in row.cells])
    return buffer.getvalue()
