"""The comparison matrix's content: role columns grouped by track, a row per dimension."""

import math
from typing import NamedTuple

from ..model import Dimension, Group, Ladder, Role
from .cells import Cell, value_cell


class RoleColumn(NamedTuple):
    """A role's column heading: its title, and short title, level and track beneath."""

    role: Role
    title: str
    short: str
    level: str
    track: str | None


class MatrixRow(NamedTuple):
    dimension: Dimension
    cells: tuple[Cell, ...]  # one per column
    group: Group | None = None  # the dimension's group, when the ladder groups its dimensions


def headed(rows) -> list[tuple[str | None, object]]:
    """(heading, row) for rows that have a `group`: the group's name above the first row of each
    run of rows in the same group, None above the rest. Works for matrix and profile rows."""
    out, shown = [], None
    for row in rows:
        group = row.group
        out.append((group.name if group is not None and group != shown else None, row))
        shown = group
    return out


class MatrixGroup(NamedTuple):
    """One table of the matrix: the roles of whole tracks (or a share of a big one)."""

    caption: str  # its tracks' names, or "<track> (1/2)"
    columns: tuple[RoleColumn, ...]
    rows: tuple[MatrixRow, ...]  # in the ladder's dimension order

    @property
    def runs(self) -> list[tuple[MatrixRow, ...]]:
        """The rows in order, in runs of rows of one kind (text or rating)."""
        runs: list[list[MatrixRow]] = []
        for row in self.rows:
            if runs and runs[-1][-1].dimension.is_rating == row.dimension.is_rating:
                runs[-1].append(row)
            else:
                runs.append([row])
        return [tuple(run) for run in runs]


class Matrix(NamedTuple):
    heading: str
    corner: str  # the heading of the dimension column
    groups: tuple[MatrixGroup, ...]


def matrix(ladder: Ladder, per_table: int | None = None) -> Matrix:
    """The matrix in tables of at most `per_table` roles (None: one table of every role)."""
    groups = role_groups(ladder, per_table or max(1, len(ladder.roles)))
    return Matrix(ladder.label("matrix"), ladder.label("dimension"),
                  tuple(_without_empty_rows(_group(ladder, caption, roles)) for caption, roles in groups))


def _without_empty_rows(group: MatrixGroup) -> MatrixGroup:
    """A table of some roles shows no row that is empty for every one of them (a dimension only
    the roles of another table have), though every role keeps its column."""
    return group._replace(rows=tuple(r for r in group.rows if not all(c.is_missing for c in r.cells)))


def whole_matrix(ladder: Ladder) -> MatrixGroup:
    """Every role in one table, in reading order (for a wiki page or a spreadsheet)."""
    return _group(ladder, "", list(ladder.ordered_roles))


def role_column(ladder: Ladder, role: Role) -> RoleColumn:
    track = ladder.track(role.track)
    return RoleColumn(role, role.title, role.short, ladder.level_name(role.level, role.track), track.name if track else None)


def _group(ladder: Ladder, caption: str, roles: list[Role]) -> MatrixGroup:
    return MatrixGroup(caption, tuple(role_column(ladder, r) for r in roles), grouped_rows(ladder, roles))


def grouped_rows(ladder: Ladder, roles: list[Role] | tuple[Role, ...]) -> tuple[MatrixRow, ...]:
    """A row per dimension, in order, with its group. A dimension for other tracks only, empty
    for every one of these roles, has no row."""
    rows = []
    for d in ladder.dimensions:
        cells = tuple(value_cell(d, r.values.get(d.id), d.applies_to(r.track)) for r in roles)
        if d.tracks and all(c.is_missing for c in cells):
            continue
        rows.append(MatrixRow(d, cells, ladder.group(d.group)))
    return tuple(rows)


def role_groups(ladder: Ladder, per_table: int) -> list[tuple[str, list[Role]]]:
    """Whole tracks packed together while they fit, a track too big for one table split evenly;
    each with a caption naming its tracks (or its share of roles)."""
    pieces: list[tuple[str, list[Role], bool]] = []
    for track in ladder.columns:
        roles = list(ladder.roles_in(track))
        if not roles:  # a track with no roles yet has no column in the matrix
            continue
        chunks = math.ceil(len(roles) / per_table)
        per = math.ceil(len(roles) / chunks)
        name = track.name if track else ladder.label("roles")
        for c in range(chunks):
            part = roles[c * per : (c + 1) * per]
            suffix = f" ({c + 1}/{chunks})" if chunks > 1 else ""
            pieces.append((name + suffix, part, chunks > 1))
    groups: list[tuple[str, list[Role]]] = []
    for name, part, shared in pieces:
        # A share of a split track stands alone (tested on the flag, not on a name ending in ")").
        if groups and len(groups[-1][1]) + len(part) <= per_table and not shared:
            groups[-1] = (f"{groups[-1][0]} \u00b7 {name}", groups[-1][1] + part)
        else:
            groups.append((name, part))
    return groups
