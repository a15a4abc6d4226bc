"""A filled-in evidence sheet of `pmladder export -f xlsx` read as an assessment.

The workbook holds the ladder (it imports back as the same ladder) and, per role, a sheet of
its dimensions with columns to fill in: Evidence, Self rating, Manager rating. The person's
own file, so it is read like any input: bounded (load/sheet.py), every problem at its cell.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

from ..errors import AssessmentError, Problem
from ..model import Assessed, Assessment, Dimension, Evidence, Ladder, Role
from .reader import describe
from .sheet import Cell, Sheet, read_workbook

SUFFIXES = (".xlsx", ".xlsm")
COLUMNS = ("Evidence", "Self rating", "Manager rating")  # D, E, F as the export writes them


def is_workbook(path: str | os.PathLike) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def load_evidence_sheet(path: str | os.PathLike, role_id: str, *, ladder: Ladder | None = None) -> Assessment:
    """The assessment a workbook's evidence sheet for `role_id` holds; the ladder is the
    workbook's own unless `ladder` is given. Raises AssessmentError (LadderError for a workbook
    that cannot be read) with every problem found."""
    shown = os.fspath(path)
    if ladder is None:
        from .fromsheet import import_sheet

        ladder = import_sheet(shown).ladder
    if not ladder.has_role(role_id):
        ids = ", ".join(r.id for r in ladder.roles)
        raise AssessmentError([Problem(shown, None, "", f"--role: no role with id '{role_id}'; roles: {ids}")])
    role = ladder.role(role_id)
    # The sheets named after the role, as the export names them: the whole workbook of a large
    # ladder (200 roles, an evidence sheet each) is over the cells a workbook may hold when read.
    sheet = _sheet_of(read_workbook(shown, _named_after(role)).sheets, ladder, role)
    if sheet is None:  # renamed: look at every sheet
        sheet = _sheet_of(read_workbook(shown).sheets, ladder, role)
    if sheet is None:
        heading = f"{role.title} ({ladder.level_name(role.level, role.track)})"
        raise AssessmentError([Problem(shown, None, "", f"no evidence sheet for role '{role.id}' (a sheet whose "
                                       f"first row reads Dimension, {heading}, ..., {', '.join(COLUMNS)})")])
    problems: list[Problem] = []
    found = _competencies(sheet, ladder, role, problems)
    if problems:
        raise AssessmentError(problems)
    return Assessment(ladder=ladder, role=role.id, targets=tuple(r.id for r in ladder.next_roles(role)) or (role.id,),
                      competencies=found, name=Path(shown).stem, source=shown)


def _named_after(role: Role) -> Callable[[list[str]], set[str]]:
    """The sheet names `export` may give the role's evidence sheet: its short title, without the
    characters Excel refuses, cut to 31 characters, maybe with ' (2)' after it."""
    base = re.sub(r"[\[\]:*?/\\]", " ", role.short or role.title).strip().strip("'")[:24].casefold()
    return lambda names: {name for name in names if name.casefold().startswith(base)} or set(names)


def _sheet_of(sheets: tuple[Sheet, ...], ladder: Ladder, role: Role) -> Sheet | None:
    """The role's evidence sheet: the one whose second heading is the role and its level."""
    heading = f"{role.title} ({ladder.level_name(role.level, role.track)})"
    for sheet in sheets:
        first = sheet.rows[0] if sheet.rows else ()
        if len(first) >= 6 and first[1].value == heading and tuple(c.value for c in first[3:6]) == COLUMNS:
            return sheet
    return None


def _competencies(sheet: Sheet, ladder: Ladder, role: Role, problems: list[Problem]):
    by_name: dict[str, list[Dimension]] = {}  # two dimensions may share a name: rows in the ladder's order
    for d in ladder.dimensions:
        by_name.setdefault(d.name, []).append(d)
    found: dict[str, Assessed] = {}
    for row in sheet.rows[1:]:
        cells = (*row, *(Cell(None, "") for _ in range(6 - len(row))))[:6]
        name, notes, own, manager = cells[0], cells[3], cells[4], cells[5]
        filled = [c for c in (notes, own, manager) if c.value is not None]
        named = by_name.get(name.value, []) if isinstance(name.value, str) else []
        dim = next(iter([d for d in named if d.applies_to(role.track)] or named), None)
        if len(named) > 1:
            named.remove(dim)  # the next row of that name is the next such dimension
        if dim is None:
            if filled:  # a group's heading row holds nothing to fill in
                problems.append(Problem(name.where, None, "Dimension", f"{describe(name.value)} is not a dimension of "
                                        f"the ladder; the rest of its row cannot be read"))
            continue
        evidence = tuple(Evidence(line.strip()) for line in str(notes.value or "").splitlines() if line.strip())
        ratings = [_rating(cell, dim, label, problems) for cell, label in ((own, COLUMNS[1]), (manager, COLUMNS[2]))]
        if filled:
            found[dim.id] = Assessed(dim.id, ratings[0], ratings[1], (), evidence)
    order = {d.id: k for k, d in enumerate(ladder.dimensions)}
    return MappingProxyType(dict(sorted(found.items(), key=lambda kv: order[kv[0]])))


def _rating(cell: Cell, dim: Dimension, label: str, problems: list[Problem]) -> int | None:
    value = cell.value
    if value is None:
        return None
    if not dim.is_rating:
        problems.append(Problem(cell.where, None, label, f"'{dim.name}' is described in statements, not rated; "
                                "leave it empty and write the evidence"))
        return None
    if isinstance(value, str) and dim.points:
        names = {p.name.casefold(): p.value for p in dim.points}
        if value.strip().casefold() in names:
            return names[value.strip().casefold()]
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= dim.scale:
        return value
    also = f" or one of: {', '.join(p.name for p in dim.points)}" if dim.points else ""
    problems.append(Problem(cell.where, None, label, f"expected a rating from 1 to {dim.scale}{also}; "
                            f"got {describe(value)}"))
    return None
