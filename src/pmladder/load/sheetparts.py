"""The parts of a ladder document read from a spreadsheet: cell helpers, the document being
built (tracks, groups, competencies, roles as Leafs), and the two sheets `export --format xlsx`
writes besides the layouts: "About" (first column `field`: the ladder's title, intro, labels,
tracks, groups and level names) and "Dimensions" (a row per competency: kind, scale, points).
Part of the importer (see fromsheet); sees raw cells, returns plain data for sheetyaml."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import Problem
from .sheet import Cell, Sheet, Workbook
from .sheetyaml import Leaf, valid_utf8

NAME_WORDS = {"competency", "competencies", "dimension", "dimensions", "skill", "area", "criterion", "criteria",
         "attribute", "behaviour", "behavior", "topic", "expectation"}
_BULLET = re.compile(r"^\s*(?:[•·\-*–]\s+)")


def key(value: Any) -> str:
    """A header as a key: lowercase letters and digits only ('Reports to' -> 'reportsto')."""
    return re.sub(r"[\W_]+", "", str(value).casefold()) if value is not None else ""


def make_id(name: Any, taken: set[str], fallback: str) -> str:
    """An id from a name ('Product Sense' -> 'product-sense'), unique among `taken`."""
    base = "-".join(re.findall(r"[a-z0-9]+", str(name).casefold()))[:48].strip("-") or fallback
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    taken.add(found)
    return found


def lines(value: Any) -> list[str]:
    """A cell's lines without bullets: several statements in one cell."""
    if value is None:
        return []
    return [_BULLET.sub("", line).strip() for line in str(value).split("\n") if line.strip()]


def text(cell: Cell, label: str) -> Leaf:
    value = cell.value
    return Leaf(value if isinstance(value, (str, bool)) or value is None else str(value), cell, label)


def day(cell: Cell, label: str) -> Leaf:
    """A date as YYYY-MM-DD (the loader checks it): a date cell arrives as an ISO date and time,
    midnight unless someone typed a time, which is not the ladder's."""
    value = cell.value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+", value):
        return Leaf(value[:10], cell, label)
    return text(cell, label)


def number(cell: Cell, label: str) -> Leaf:
    value = cell.value
    if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]{1,9}\s*", value):
        value = int(value)
    return Leaf(value, cell, label)


def listed(cell: Cell, label: str) -> list[Leaf]:
    return [Leaf(line, cell, label) for line in lines(cell.value)]


def header_row(sheet: Sheet) -> int:
    return next(index for index, row in enumerate(sheet.rows) if any(c.value is not None for c in row))


def at(row: tuple[Cell, ...], column: int, sheet: Sheet, row_number: int) -> Cell:
    """The cell at a 0-based column of a row, empty when the row is shorter."""
    return row[column] if column < len(row) else Cell(None, sheet.place(row_number, column + 1))


def kind_of(sheet: Sheet) -> str | None:
    """'about', 'dimensions', 'evidence', 'a', 'b' or None (cannot tell) from the header row."""
    keys = [key(c.value) for c in sheet.rows[header_row(sheet)]]
    found = set(keys)
    if keys[:1] == ["field"]:
        return "about"
    if {"id", "name", "kind", "scale"} <= found:
        return "dimensions"
    if "evidence" in found:
        return "evidence"
    if "level" in found and found & {"title", "role", "name", "id", "jobtitle"}:
        return "b"
    if found & NAME_WORDS or keys[:1] == ["name"]:
        return "a"
    return None


class LadderDoc:
    """The ladder document being read from a workbook, and the About and Dimensions sheets."""

    def __init__(self, book: Workbook):
        self.book = book
        self.problems: list[Problem] = []
        self.meta: dict[str, Any] = {}
        self.tracks: list[dict] = []
        self.track_ids: dict[str, str] = {}  # a track's id or name (as keys) -> its id
        self.groups: list[dict] = []
        self.group_ids: dict[str, str] = {}
        self.dims: dict[str, dict] = {}  # id -> the document's dimension
        self.dim_ids: dict[str, str] = {}  # a dimension's name or id (as keys) -> its id
        self.defined_dims = False  # a Dimensions sheet gave them: kinds are not guessed
        self.levels: list[dict] = []
        self.roles: list[dict] = []
        self.role_ids: set[str] = set()
        self.sources: list[str] = []

    def problem(self, cell: Cell, label: str, message: str) -> None:
        self.problems.append(Problem(cell.where, None, label, message))

    def headless_values(self, sheet: Sheet, header_index: int, what: str, after: int = -1) -> None:
        """A problem at the first value of each column right of `after` that has no heading:
        such values were dropped without a word (whose are they?)."""
        header = sheet.rows[header_index]
        reported: set[int] = set()
        for row in sheet.rows[header_index + 1:]:
            for i, cell in enumerate(row):
                headed = i < len(header) and header[i].value is not None
                if i > after and cell.value is not None and not headed and i not in reported:
                    reported.add(i)
                    self.problem(cell, "", f"a value in a column with no heading; head the column with its {what}, "
                                 "or clear it")

    # ------------------------------------------------------------ About and Dimensions

    def _about(self, sheet: Sheet) -> None:
        self.sources.append(f"sheet {sheet.name!r}: the ladder's title, intro, tracks, groups and level names")
        row_cells = [row for row in sheet.rows[header_row(sheet) + 1:] if row and row[0].value is not None]
        labels: dict[str, Leaf] = {}
        intro = []
        for row in row_cells:
            field = key(row[0].value)
            cells = list(row[1:]) + [Cell(None, row[-1].where)] * 5

            if field in ("title", "subtitle", "organization", "version", "language"):
                self.meta[field] = text(cells[0], field)
            elif field == "date":
                self.meta[field] = day(cells[0], field)
            elif field == "intro":
                section: dict[str, Any] = {"heading": text(cells[0], "intro heading")}
                if cells[1].value is not None:
                    section["body"] = text(cells[1], "intro body")
                if cells[2].value is not None:
                    section["items"] = listed(cells[2], "intro items")
                intro.append(section)
            elif field == "label" and cells[0].value is None:
                self.problem(cells[0], "label", "expected the key of the word it translates (such as level "
                             "or roles), then the word")
            elif field == "label":
                labels[str(cells[0].value)] = text(cells[1], f"label {cells[0].value}")
            elif field == "track":
                track = {"id": text(cells[0], "track id"), "name": text(cells[1], "track name"), "_about": True}
                if cells[2].value is not None:
                    track["description"] = text(cells[2], "track description")
                self.tracks.append(track)
                for cell in cells[:2]:
                    self.track_ids.setdefault(key(cell.value), str(cells[0].value))
            elif field == "group":
                group = {"id": text(cells[0], "group id"), "name": text(cells[1], "group name")}
                if cells[2].value is not None:
                    group["description"] = text(cells[2], "group description")
                if cells[3].value is not None:
                    group["tracks"] = [Leaf(t.strip(), cells[3], "group tracks")
                                       for t in str(cells[3].value).split(",") if t.strip()]
                self.groups.append(group)
                for cell in cells[:2]:
                    self.group_ids.setdefault(key(cell.value), str(cells[0].value))
            elif field == "level":
                level = {"level": number(cells[0], "level"), "name": text(cells[1], "level name")}
                if cells[2].value is not None:
                    level["track"] = text(cells[2], "level track")
                if cells[3].value is not None:
                    level["description"] = text(cells[3], "level description")
                self.levels.append(level)
            else:
                self.problem(row[0], "field", "expected title, subtitle, organization, version, language, date, intro, label, "
                             f"track, group or level, got {str(row[0].value)[:40]!r}")
        if intro:
            self.meta["intro"] = intro
        if labels:
            self.meta["labels"] = labels

    def _dimensions(self, sheet: Sheet) -> None:
        self.sources.append(f"sheet {sheet.name!r}: the competencies' kinds, scales and groups")
        self.defined_dims = True
        header_index = header_row(sheet)
        columns = {key(c.value): i for i, c in enumerate(sheet.rows[header_index])}
        for offset, row in enumerate(sheet.rows[header_index + 1:], start=header_index + 2):
            if not any(c.value is not None for c in row):
                continue

            def cell(name: str, row=row, offset=offset) -> Cell:
                return at(row, columns[name], sheet, offset) if name in columns else Cell(None, row[0].where)

            dim: dict[str, Any] = {"id": text(cell("id"), "id"), "name": text(cell("name"), "name")}
            if cell("group").value is not None:
                dim["group"] = text(cell("group"), "group")
            if cell("kind").value is not None:
                dim["kind"] = text(cell("kind"), "kind")
            points = lines(cell("points").value)
            if points:
                dim["scale"] = [_point(line, cell("points")) for line in points]
            elif cell("scale").value is not None:
                dim["scale"] = number(cell("scale"), "scale")
            if cell("description").value is not None:
                dim["description"] = text(cell("description"), "description")
            if cell("tracks").value is not None:
                dim["tracks"] = [Leaf(t.strip(), cell("tracks"), "tracks")
                                 for t in str(cell("tracks").value).split(",") if t.strip()]
            dim_id = str(cell("id").value)
            self.dims[dim_id] = dim
            for name in (cell("id").value, cell("name").value):
                self.dim_ids.setdefault(key(name), dim_id)

    def _track(self, cell: Cell) -> str:
        found = self.track_ids.get(key(cell.value))
        if found:
            return found
        track_id = make_id(cell.value, {t["id"].value for t in self.tracks}, "track")
        self.tracks.append({"id": Leaf(track_id, cell, "track"), "name": text(cell, "track")})
        self.track_ids[key(cell.value)] = track_id
        return track_id

    # ------------------------------------------------------------ competencies and their values

    def _dimension(self, cell: Cell, group: str | None, description: Cell | None = None,
                   track: str | None = None) -> str:
        found = self.dim_ids.get(key(cell.value))
        if found is None:
            found = make_id(cell.value, set(self.dims), "dimension")
            dim: dict[str, Any] = {"id": Leaf(found, cell, "competency"), "name": text(cell, "competency")}
            if group:
                dim["group"] = Leaf(group, cell, "group")
            if description is not None and description.value is not None:
                dim["description"] = text(description, "description")
            self.dims[found] = dim
            self.dim_ids[key(cell.value)] = found
        if track and not self.defined_dims:
            self.dims[found].setdefault("_tracks", []).append(track)
        return found

    def _guess_kind(self, dim_id: str, cells: list[Cell]) -> None:
        """Without a Dimensions sheet: a competency whose every cell is a whole number is a rating."""
        dim = self.dims[dim_id]
        if self.defined_dims or dim.get("_text"):
            return
        numbers = [c.value for c in cells if isinstance(number(c, "").value, int) and not isinstance(c.value, bool)]
        if cells and len(numbers) == len(cells):
            dim["kind"] = Leaf("rating", cells[0], "kind")
            top = max(int(v) for v in numbers)
            dim["scale"] = Leaf(max(5, top) if top <= 10 else 5, cells[0], "scale")
        else:
            dim.pop("kind", None)
            dim.pop("scale", None)
            dim["_text"] = True

    def _value(self, dim_id: str, cell: Cell, label: str) -> Any:
        dim = self.dims.get(dim_id, {})
        if "kind" in dim and key(dim["kind"].value) == "rating":
            return number(cell, label)
        several = lines(cell.value)
        if len(several) > 1 or (several and _BULLET.match(str(cell.value))):  # '• one' is a list of one
            return [Leaf(line, cell, label) for line in several]
        return text(cell, label)

    # ------------------------------------------------------------ the document

    def document(self) -> dict[str, Any]:
        meta = dict(self.meta)
        meta.setdefault("title", Leaf(_title_from(self.book.file)))
        doc: dict[str, Any] = {"schema": Leaf(2), "ladder": meta}
        if self.tracks:
            doc["tracks"] = [{k: v for k, v in t.items() if not k.startswith("_")} for t in self.tracks]
        if self.groups:
            doc["groups"] = self.groups
        track_count = len(self.tracks)
        dims = []
        for dim in self.dims.values():
            tracks = dim.get("_tracks")
            out = {k: v for k, v in dim.items() if not k.startswith("_")}
            if tracks and len(set(tracks)) < track_count:
                out["tracks"] = [Leaf(t) for t in dict.fromkeys(tracks)]
            dims.append(out)
        if dims:
            doc["dimensions"] = dims
        if self.levels:
            doc["levels"] = self.levels
        doc["roles"] = self.roles
        return doc

def _point(line: str, cell: Cell) -> dict[str, Leaf]:
    """'Leading: Raises the team's practice.' -> a named point with its meaning."""
    name, _, meaning = line.partition(": ")
    point = {"name": Leaf(name.strip(), cell, "points")}
    if meaning.strip():
        point["meaning"] = Leaf(meaning.strip(), cell, "points")
    return point


def read_sections(cell: Cell) -> list[dict]:
    """A role's own sections: a heading line, then its items as '• ' lines."""
    sections: list[dict] = []
    for raw in str(cell.value).split("\n"):
        if not raw.strip():
            continue
        if _BULLET.match(raw) and sections:
            sections[-1]["items"].append(Leaf(_BULLET.sub("", raw).strip(), cell, "sections"))
        else:
            sections.append({"heading": Leaf(raw.strip(), cell, "sections"), "items": []})
    return sections


def _title_from(file: str) -> str:
    words = re.sub(r"[-_]+", " ", valid_utf8(Path(file).stem)).strip()
    return (words[:1].upper() + words[1:]) or "Career ladder"
