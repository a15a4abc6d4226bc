"""The ladder as data in a workbook: the Roles, Dimensions and About sheets that `pmladder
import` reads back into the same ladder (see load/fromsheet). Header keys stay in English in
every language, as in the CSV: they are what the importer reads. Lists are one cell with a line
per item, each item starting '• ', so a list of one stays a list.
"""

from __future__ import annotations

import re

from ..model import DEFAULT_LABELS, Ladder

BULLET = "• "

ROLE_FIELDS = ("id", "title", "short", "level", "track", "summary", "next", "reports_to", "responsibilities",
               "skills", "sections")
DIMENSION_FIELDS = ("id", "name", "group", "kind", "scale", "points", "description", "tracks")


def bullets(items) -> str | None:
    return "\n".join(BULLET + item for item in items) if items else None


def value_text(value) -> str | int | None:
    """A role's value for a dimension: a rating's number, text, or a list as bullet lines."""
    if isinstance(value, tuple):
        return bullets(value)
    return value


def dimension_headers(ladder: Ladder) -> list[str]:
    """Each dimension's column heading on the Roles sheet: its name, or its id where the name
    would be read as something else (another dimension's name, or a role field)."""
    names = [d.name for d in ladder.dimensions]
    keys = [_key(n) for n in names]
    headers = []
    for dim, name, key in zip(ladder.dimensions, names, keys):
        clash = keys.count(key) > 1 or any(_key(d.id) == key for d in ladder.dimensions if d is not dim)
        headers.append(dim.id if clash or not key else name)
    return headers


def _key(value: str) -> str:
    """As the importer compares headings: case and everything but letters and digits ignored."""
    return re.sub(r"[\W_]+", "", value.casefold())


def roles_rows(ladder: Ladder) -> list[list]:
    rows: list[list] = [list(ROLE_FIELDS) + dimension_headers(ladder)]
    for role in ladder.roles:
        sections = "\n".join(section.heading + "\n" + bullets(section.items) for section in role.sections)
        rows.append([role.id, role.title, role.short, role.level, role.track, role.summary,
                     ", ".join(role.next) or None, ", ".join(role.reports_to) or None,
                     bullets(role.responsibilities), bullets(role.skills), sections or None]
                    + [value_text(role.values.get(d.id)) for d in ladder.dimensions])
    return rows


def dimensions_rows(ladder: Ladder) -> list[list]:
    rows: list[list] = [list(DIMENSION_FIELDS)]
    for dim in ladder.dimensions:
        points = "\n".join(p.name + (f": {p.meaning}" if p.meaning else "") for p in dim.points)
        rows.append([dim.id, dim.name, dim.group, dim.kind, dim.scale if dim.is_rating else None, points or None,
                     dim.description, ", ".join(dim.tracks) or None])
    return rows


def about_rows(ladder: Ladder) -> list[list]:
    rows: list[list] = [["field", "value", "", "", ""]]
    for field in ("title", "subtitle", "organization", "version", "language"):
        if getattr(ladder, field) is not None:
            rows.append([field, getattr(ladder, field)])
    if ladder.date is not None:
        rows.append(["date", ladder.date.isoformat()])  # text: a spreadsheet's own date cell would show it in the reader's format
    for section in ladder.intro:
        rows.append(["intro", section.heading, "\n\n".join(section.paragraphs) or None, bullets(section.items)])
    for label, text in ladder.labels.items():
        if DEFAULT_LABELS.get(label) != text:
            rows.append(["label", label, text])
    for track in ladder.tracks:
        rows.append(["track", track.id, track.name, track.description])
    for group in ladder.groups:
        rows.append(["group", group.id, group.name, group.description, ", ".join(group.tracks) or None])
    for level in ladder.level_names:
        rows.append(["level", level.number, level.name, level.track, level.description])
    return rows
