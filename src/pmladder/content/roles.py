"""A role page's content: its heading chips, the sections it shows, where it leads, and the
profile with "what changes at the next level"."""

from typing import NamedTuple

from ..model import DEFAULT_LABELS, Dimension, Group, Ladder, Role
from .cells import Cell, change_cell, value_cell
from .progression import LONG_CELL, cell_length

NEXT_ROLES_PER_TABLE = 2  # next roles beside the profile; more get a table of their own


class Chip(NamedTuple):
    """A small label in the role's heading; `track` is the track's column index (its colour)."""

    text: str
    bold: bool = False
    track: int | None = None


class Bullets(NamedTuple):
    heading: str
    items: tuple[str, ...]


class PromotionLine(NamedTuple):
    """'Leads to: <role> (<level>, <track>)'."""

    label: str
    role: Role
    level: str
    track: str | None


class Promotion(NamedTuple):
    heading: str
    lines: tuple[PromotionLine, ...]
    top_note: str | None  # shown when the role leads nowhere


class ProfileRow(NamedTuple):
    """One dimension: the role's value and, per next role, its value or "no change"."""

    dimension: Dimension
    value: Cell
    next_values: tuple[Cell, ...]
    group: Group | None = None


class ProfileTable(NamedTuple):
    corner: str  # the heading of the dimension column
    role: Role
    nexts: tuple[Role, ...]
    rows: tuple[ProfileRow, ...]
    added: str = DEFAULT_LABELS["added_statements"]  # over a next role's new statements
    dropped: str = DEFAULT_LABELS["dropped_statements"]  # over those that fall away
    revised: str = DEFAULT_LABELS["revised_statements"]  # over those the next level revises
    # Long cells (a framework's statement lists): each dimension's name heads its row instead
    # of a column of its own, so that the values get the page's width.
    names_above: bool = False
    # Said once over the table when no statement of the role carries over to its one next role
    # in any row (each row's cell then lists only the new statements).
    note: str | None = None


class Profile(NamedTuple):
    """The role's values and what changes at the next level. `note` stands in for the tables
    when no dimension has a value; `unchanged` lists next roles where no dimension changes."""

    title: str
    tables: tuple[ProfileTable, ...]
    note: str | None = None
    unchanged: tuple[str, ...] = ()


class RolePage(NamedTuple):
    role: Role
    track: int  # the track's column index (its colour)
    chips: tuple[Chip, ...]
    summary: str | None
    responsibilities: Bullets | None
    skills: Bullets | None
    sections: tuple[Bullets, ...]  # the role's own headed lists, after responsibilities
    radar: bool  # a radar of its ratings says something (three rating axes or more, one rated)
    promotion: Promotion
    profile: Profile



def track_index(ladder: Ladder, role: Role) -> int:
    """The column of the role's track (0 for a ladder without tracks)."""
    for i, track in enumerate(ladder.columns):
        if (track.id if track else None) == role.track:
            return i
    return 0


def role_page(ladder: Ladder, role: Role) -> RolePage:
    track = ladder.track(role.track)
    index = track_index(ladder, role)
    level = ladder.level_name(role.level, role.track)
    chips = [Chip(role.short, True)] + ([Chip(level)] if level != role.short else [])  # "IC1" once, not "IC1 IC1"
    if track:
        chips.append(Chip(track.name, track=index))
    rated = [d for d in ladder.rating_dimensions if isinstance(role.values.get(d.id), int)]
    return RolePage(
        role=role,
        track=index,
        chips=tuple(chips),
        summary=role.summary,
        responsibilities=Bullets(ladder.label("responsibilities"), role.responsibilities) if role.responsibilities else None,
        skills=Bullets(ladder.label("skills"), role.skills) if role.skills else None,
        sections=tuple(Bullets(s.heading, s.items) for s in role.sections),
        radar=len(ladder.rating_dimensions) >= 3 and bool(rated),  # an empty radar says nothing
        promotion=promotion(ladder, role),
        profile=profile(ladder, role),
    )


def promotion(ladder: Ladder, role: Role) -> Promotion:
    nexts = ladder.next_roles(role)
    targets = [(ladder.label("leads_to"), nxt) for nxt in nexts]
    targets += [(ladder.label("reports_to"), ladder.role(boss)) for boss in role.reports_to]
    lines = []
    for label, other in targets:
        track = ladder.track(other.track)
        lines.append(PromotionLine(label, other, ladder.level_name(other.level, other.track), track.name if track else None))
    return Promotion(ladder.label("promotion_paths"), tuple(lines), None if nexts else ladder.label("top_of_track"))


def profile(ladder: Ladder, role: Role, per_table: int = NEXT_ROLES_PER_TABLE) -> Profile:
    """The role's value for every dimension any of it and its next roles has, and beside it each
    next role's value where it differs ("no change" where it does not). The first table shows
    every such dimension; tables for further next roles only the dimensions that change."""
    nexts = ladder.next_roles(role)
    title = ladder.label("next_level" if nexts else "profile")
    dims = [d for d in ladder.dimensions if any(r.values.get(d.id) is not None for r in (role, *nexts))]
    # "...in scope and expectations above" only where the page says something above the table.
    no_changes = ladder.label("no_changes" if (role.summary or role.responsibilities or role.skills or role.sections)
                              else "no_changes_here")
    if not dims:
        return Profile(title, (), note=no_changes if nexts else None)
    unchanged_label = ladder.label("unchanged")
    replaced_label = ladder.label("replaced_statements", role=role.title)
    groups = [nexts[i : i + per_table] for i in range(0, len(nexts), per_table)] or [()]
    tables = []
    for k, group in enumerate(groups):
        shown = dims if k == 0 else [d for d in dims if any(role.values.get(d.id) != n.values.get(d.id) for n in group)]
        if not shown:
            continue
        rows = tuple(
            ProfileRow(d, value_cell(d, role.values.get(d.id)),
                       tuple(change_cell(d, role.values.get(d.id), n.values.get(d.id), unchanged_label, replaced_label)
                             if d.applies_to(n.track) else value_cell(d, None)  # not "no change": not theirs
                             for n in group),
                       ladder.group(d.group))
            for d in shown)
        long = any(cell_length(r.values.get(d.id)) > LONG_CELL for d in shown for r in (role, *group))
        rows, note = _replaced_once(ladder, role, group, rows)
        tables.append(ProfileTable(ladder.label("dimension"), role, tuple(group), rows,
                                   added=ladder.label("added_statements"), dropped=ladder.label("dropped_statements"),
                                   revised=ladder.label("revised_statements"), names_above=long, note=note))
    same = tuple(f"{n.title}: {no_changes}" for n in nexts if not ladder.changes(role, n))
    return Profile(title, tuple(tables), unchanged=same)


def _replaced_once(ladder: Ladder, role: Role, nexts: list[Role], rows: tuple[ProfileRow, ...]):
    """The rows, and the table's note, when every statement list is rewritten for the one next
    role: the note says it once and the cells drop their own line (a framework that rewords
    every level would repeat it in every row)."""
    if len(nexts) != 1:  # the note names one next role
        return rows, None
    lists = [row.next_values[0] for row in rows  # every statement list, "no change" ones included
             if isinstance(row.value.value, tuple) or isinstance(row.next_values[0].value, tuple)]
    if not lists or not all(cell.replaced and cell.added for cell in lists):
        return rows, None
    note = ladder.label("replaced_table", role=role.title, next=nexts[0].title)
    return tuple(row._replace(next_values=(row.next_values[0]._replace(replaced=None),)) for row in rows), note
