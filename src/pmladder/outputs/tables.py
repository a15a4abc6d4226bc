"""The comparison matrix as text: Markdown for wikis, CSV for spreadsheets."""

from __future__ import annotations

import csv
import io

from ..model import Dimension, Ladder
from .escape import markdown_cell


def dots(value: int, scale: int) -> str:
    """A rating as filled and empty dots: 3 of 5 is ●●●○○."""
    return "●" * value + "○" * (scale - value)


def cell(dimension: Dimension, value, *, ratings_as_dots: bool) -> str:
    if value is None:
        return ""
    if dimension.is_rating and ratings_as_dots:
        return dots(value, dimension.scale)
    return str(value)


def to_markdown(ladder: Ladder) -> str:
    roles = ladder.ordered_roles
    header = ["Dimension"] + [f"{r.title} (L{r.level})" for r in roles]
    lines = [_md_row(header), _md_row(["---"] * len(header))]
    for dim in ladder.dimensions:
        name = f"{dim.name} (1–{dim.scale})" if dim.is_rating else dim.name
        cells = [cell(dim, r.values.get(dim.id), ratings_as_dots=True) for r in roles]
        lines.append(_md_row([name] + cells))
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


def to_csv(ladder: Ladder) -> str:
    roles = ladder.ordered_roles
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["dimension", "kind"] + [r.id for r in roles])
    writer.writerow(["title", ""] + [_csv_cell(r.title) for r in roles])
    writer.writerow(["level", ""] + [r.level for r in roles])
    if ladder.tracks:
        writer.writerow(["track", ""] + [r.track for r in roles])
    for dim in ladder.dimensions:
        values = [_csv_cell(cell(dim, r.values.get(dim.id), ratings_as_dots=False)) for r in roles]
        writer.writerow([_csv_cell(dim.name), dim.kind] + values)
    return buffer.getvalue()
