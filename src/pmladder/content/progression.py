"""The comparison for a big framework: a progression per competency instead of the matrix.

The matrix puts every role in a column; with long cells (statement lists, paragraphs) or many
roles its columns get too narrow to read. The progression turns it around: for each competency,
a table with a row per level and a column per track, so that peers on different tracks sit side
by side where they share a level, and the columns are as few (and as wide) as the tracks.

Which of the two a ladder gets is decided here (`uses_progression`), once, for every output.
"""

import unicodedata
from typing import NamedTuple

from ..model import Dimension, Group, Ladder, Role, Track
from .cells import Cell, value_cell

# A cell longer than this reads badly in a matrix column of 70-100 points (a dozen lines and
# more): the ladder gets the progression. Counted in characters, East Asian wide ones twice.
LONG_CELL = 240
# More roles than two matrix tables of seven hold: the progression keeps the columns to the tracks.
MANY_ROLES = 14


def cell_length(value) -> int:
    """A value's length as printed: its characters (wide ones count twice), statements summed."""
    if isinstance(value, tuple):
        return sum(cell_length(item) for item in value)
    if not isinstance(value, str):
        return 0
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value)


def uses_progression(ladder: Ladder) -> bool:
    """The rule: a progression per competency when a cell is long or there are many roles;
    else (the shipped ladder and the examples) the matrix."""
    if len(ladder.roles) > MANY_ROLES:
        return True
    return any(cell_length(value) > LONG_CELL for role in ladder.roles for value in role.values.values())


class Placed(NamedTuple):
    """One role's value in a progression: the role (its title heads the value when a track has
    several roles at one level) and its cell."""

    role: Role
    cell: Cell


class LevelRow(NamedTuple):
    """A level of one competency: its name(s) and, per column, the roles of that track there
    (none where the track has no role at this level)."""

    level: int
    name: str  # "IC3 · M3": the level's name on each track shown, each once
    cells: tuple[tuple[Placed, ...], ...]
    track_names: tuple[str, ...] = ()  # the level's name on each column's track ("IC3", "M3")


class Progression(NamedTuple):
    """One competency level by level: a column per track it describes."""

    dimension: Dimension
    group: Group | None
    columns: tuple[str, ...]  # the tracks' names ("Roles" without tracks)
    rows: tuple[LevelRow, ...]

    def in_parts(self, per: int) -> "tuple[Progression, ...]":
        """The competency as tables of at most `per` columns (tracks) each, for a page with room
        for no more; the levels no track of a part has left out of it."""
        if len(self.columns) <= per:
            return (self,)
        parts = []
        for k in range(0, len(self.columns), per):
            rows = tuple(row._replace(cells=row.cells[k:k + per], track_names=row.track_names[k:k + per],
                                      name=_level_name(row.track_names[k:k + per], row.cells[k:k + per]))
                         for row in self.rows)
            parts.append(self._replace(columns=self.columns[k:k + per], rows=tuple(r for r in rows if any(r.cells))))
        return tuple(parts)


class ProgressionView(NamedTuple):
    heading: str
    competencies: tuple[Progression, ...]  # in the ladder's dimension order (group by group)


def progression(ladder: Ladder) -> ProgressionView:
    found = (_competency(ladder, d) for d in ladder.dimensions)
    return ProgressionView(ladder.label("matrix"), tuple(p for p in found if p is not None))


def _level_name(track_names: tuple[str, ...], cells: tuple[tuple[Placed, ...], ...]) -> str:
    """The level's names on the tracks that have a role there, each once: "IC3 · M3"."""
    return " \u00b7 ".join(dict.fromkeys(name for name, placed in zip(track_names, cells) if placed))


def _competency(ladder: Ladder, dimension: Dimension) -> Progression | None:
    """The competency's table, without the columns and rows no role gives a value in (another
    track's competency has no column of dashes); None when no role gives it a value."""
    tracks: list[Track | None] = [t for t in ladder.columns if dimension.applies_to(t.id if t else None)]
    by_track = {t: [r for r in ladder.roles_in(t) if r.values.get(dimension.id) is not None] for t in tracks}
    tracks = [t for t in tracks if by_track[t]]
    if not tracks:
        return None
    rows = []
    for level in sorted({r.level for t in tracks for r in by_track[t]}):
        cells = tuple(tuple(Placed(r, value_cell(dimension, r.values[dimension.id]))
                            for r in by_track[t] if r.level == level) for t in tracks)
        track_names = tuple(ladder.level_name(level, t.id if t else None) for t in tracks)
        rows.append(LevelRow(level, _level_name(track_names, cells), cells, track_names))
    columns = tuple(t.name if t else ladder.label("roles") for t in tracks)
    return Progression(dimension, ladder.group(dimension.group), columns, tuple(rows))
