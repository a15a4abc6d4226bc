"""The comparison matrix as text: Markdown for wikis, CSV for spreadsheets.

Both render the content layer's matrix (headings in the ladder's own words); neither decides
what the matrix holds.
"""

from __future__ import annotations

import csv
import io

from ..content.cells import Cell
from ..content.matrix import whole_matrix
from ..model import Ladder
from .escape import markdown_cell


def to_markdown(ladder: Ladder) -> str:
    table = whole_matrix(ladder)
    corner = ladder.label("dimension")
    header = [corner] + [f"{c.title} ({c.level})" for c in table.columns]
    lines = [_md_row(header), _md_row(["---"] * len(header))]
    for row in table.rows:
        dim = row.dimension
        name = f"{dim.name} (1–{dim.scale})" if dim.is_rating else dim.name
        lines.append(_md_row([name] + [cell.text for cell in row.cells]))
    return "\n".join(lines) + "\n"


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(map(markdown_cell, cells)) + " |"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _csv_cell(value) -> str | int:
    """Ladder text as a spreadsheet shows it: a leading = + - @ (or its full-width form, which
    some spreadsheets also read as a formula) would start a formula, so such text gets a leading
    apostrophe, which spreadsheets treat as 'this is text' and hide."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_value(cell: Cell) -> str:
    """A value as data: ratings as numbers (a spreadsheet computes with them), nothing as ""."""
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
    for row in table.rows:
        writer.writerow([_csv_cell(row.dimension.name), row.dimension.kind]
                        + [_csv_cell(_csv_value(cell)) for cell in row.cells])
    return buffer.getvalue()
