"""A ladder kept in a spreadsheet, as a ladder document: `pmladder import`.

Two layouts, told apart by the header row (or named with `layout`):
- (a) competencies as rows: optional group, the competency's name, optional description, then a
  column per level or role; each sheet is a track when there are several; a role leads to the
  next column's role;
- (b) roles as rows: id or title, level, track, summary (and the other role fields), then a
  column per competency.
Sheets `pmladder export --format xlsx` writes besides are read too: "About" (the ladder's title,
intro, tracks, groups and level names; first column `field`) and "Dimensions" (one row per
competency with its kind and scale), so an exported workbook comes back as the same ladder.
Evidence sheets (a column `evidence`) are worksheets for people, not part of the ladder.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ..errors import LadderError, Problem
from ..model import Ladder
from .sheet import Cell, Sheet, Workbook, column_letter, read_workbook
from .sheetparts import (
    NAME_WORDS,
    LadderDoc,
    at,
    header_row,
    key,
    kind_of,
    listed,
    make_id,
    number,
    read_sections,
    text,
)
from .sheetyaml import Emitter, Leaf, checked

LAYOUTS = ("auto", "a", "b")
_GROUP = {"group", "category", "pillar", "theme", "cluster"}
_DESCRIPTION = {"description", "definition", "meaning", "about"}
_ROLE_FIELDS = {
    "id": "id", "roleid": "id", "title": "title", "role": "title", "name": "title", "jobtitle": "title",
    "level": "level", "track": "track", "summary": "summary", "description": "summary", "short": "short",
    "shorttitle": "short", "next": "next", "promotesto": "next", "leadsto": "next", "reportsto": "reports_to",
    "responsibilities": "responsibilities", "skills": "skills", "sections": "sections",
}
_LISTS = ("responsibilities", "skills")


class Imported(NamedTuple):
    text: str  # the commented YAML
    ladder: Ladder


class _Builder(LadderDoc):
    """Reads layout (a) and (b) sheets into the document."""

    def __init__(self, book: Workbook, layout: str):
        super().__init__(book)
        self.layout = layout
        # `next` and `reports_to` may name a role of any roles sheet by its title, one on the
        # role's own sheet first: each role with its sheet's titles, resolved once all are read.
        self.named_by_title: list[tuple[dict[str, Any], dict[str, str]]] = []

    # ------------------------------------------------------------ the whole book

    def build(self) -> None:
        # A hidden sheet holds a spreadsheet's helpers, not the ladder; pmladder's data sheets are read.
        hidden = [sheet.name for sheet in self.book.sheets if sheet.hidden and sheet.name not in EXPORTED]
        self.sources.extend(f"sheet {name!r}: not read (hidden)" for name in hidden)
        sheets = [sheet for sheet in self.book.sheets if sheet.name not in hidden]
        kinds = []
        for sheet in sheets:
            kind = kind_of(sheet)
            if kind in ("a", "b", None) and self.layout != "auto":
                kind = self.layout
            kinds.append(kind)
        for sheet, kind in zip(sheets, kinds):
            if kind == "about":
                self._about(sheet)
        for sheet, kind in zip(sheets, kinds):
            if kind == "dimensions":
                self._dimensions(sheet)
        matrices = [sheet for sheet, kind in zip(sheets, kinds) if kind == "a"]
        if "b" in kinds:
            matrices = []  # an exported workbook's matrix sheets show the roles sheet's values
        exported = "about" in kinds  # a workbook pmladder wrote: its other sheets are views of the data
        for sheet, kind in zip(sheets, kinds):
            if kind is None and exported:
                self.sources.append(f"sheet {sheet.name!r}: not read (a view of the roles sheet)")
            elif kind is None:
                first = sheet.rows[header_row(sheet)][0]
                self.problem(first, "", "cannot tell the layout from this header row: expected a 'competency' "
                             "column (competencies as rows) or 'title' and 'level' columns (roles as rows); "
                             "name it with --layout a or --layout b")
            elif kind == "a" and _is_matrix_export(sheet):
                first = sheet.rows[header_row(sheet)][0]
                self.problem(first, "", "this is the matrix CSV of `pmladder export -f csv`, a view that leaves "
                             "out the ladder's data; import the workbook of `pmladder export -f xlsx` instead "
                             "(or use the JSON export as the ladder file)")
            elif kind == "b":
                self._roles_sheet(sheet, as_track=kinds.count("b") > 1)
            elif kind in ("evidence", "a") and sheet not in matrices:
                self.sources.append(f"sheet {sheet.name!r}: not read (a view of the roles sheet)")
        self._roles_named_by_title()
        for sheet in matrices:
            self._matrix(sheet, len(matrices) > 1 and not self.tracks_from_about)
        if not self.roles and not self.problems:
            where = (sheets or self.book.sheets)[0].where
            unread = f" (hidden sheets are not read: {', '.join(hidden[:3])}{', ...' * (len(hidden) > 3)})" \
                if hidden else ""
            self.problems.append(Problem(where, None, "", "found no roles: expected a sheet with a column per "
                                         f"role or level, or a row per role{unread}"))

    @property
    def tracks_from_about(self) -> bool:
        return any(t.get("_about") for t in self.tracks)

    # ------------------------------------------------------------ layout (b): roles as rows

    def _roles_sheet(self, sheet: Sheet, as_track: bool) -> None:
        """Roles as rows; with `as_track` (several such sheets) and no track column, the sheet is a track."""
        header_index = header_row(sheet)
        header = sheet.rows[header_index]
        fields, competencies = self._role_columns(sheet, header)
        if not {"title", "id"} & set(fields.values()) or "level" not in fields.values():
            self.problem(header[0], "", "a row per role needs a 'title' (or 'id') column and a 'level' column")
            return
        self.sources.append(f"sheet {sheet.name!r}: roles, one a row")
        self.headless_values(sheet, header_index, "field or competency")
        rows = [(n, row) for n, row in enumerate(sheet.rows[header_index + 1:], start=header_index + 2)
                if any(c.value is not None for c in row)]
        values_by_dim: dict[str, list[Cell]] = {d: [] for d in competencies.values()}
        parsed = []
        for number_, row in rows:
            given = {field: at(row, i, sheet, number_) for i, field in fields.items()}
            parsed.append((given, row, number_))
            for i, dim_id in competencies.items():
                cell = at(row, i, sheet, number_)
                if cell.value is not None:
                    values_by_dim[dim_id].append(cell)
        for dim_id, cells in values_by_dim.items():
            self._guess_kind(dim_id, cells)
        titles = {}
        for given, row, number_ in parsed:
            role: dict[str, Any] = {}
            title_cell = given.get("title") if given.get("title", Cell(None, "")).value is not None else given.get("id")
            if title_cell is None or title_cell.value is None:
                if any(c.value is not None for c in given.values()):
                    self.problem(given.get("title", title_cell) or row[0], "title", "expected the role's title")
                continue
            if given.get("id") is not None and given["id"].value is not None:
                role["id"] = text(given["id"], "id")
                self.role_ids.add(str(given["id"].value))
            else:
                role["id"] = Leaf(make_id(title_cell.value, self.role_ids, "role"), title_cell, "title")
            titles[key(title_cell.value)] = role["id"].value
            role["title"] = text(title_cell, "title")
            if as_track and "track" not in fields.values():
                role["track"] = Leaf(self._track(Cell(sheet.name, sheet.where)), title_cell, "track")
            for field in ("short", "level", "track", "summary", "next", "reports_to", *_LISTS, "sections"):
                cell = given.get(field)
                if cell is not None and (cell.value is not None or field == "level"):  # a blank level too:
                    role[field] = self._role_field(field, cell)  # the check then names its cell, not the row's
            values = {}
            for i, dim_id in competencies.items():
                cell = at(row, i, sheet, number_)
                if cell.value is not None:
                    values[dim_id] = self._value(dim_id, cell, str(header[i].value))
            if values:
                role["dimensions"] = values
            self.roles.append(role)
            self.named_by_title.append((role, titles))

    def _role_columns(self, sheet: Sheet, header: tuple[Cell, ...]) -> tuple[dict[int, str], dict[int, str]]:
        """The role field (id, title, level...) and the competency (its dimension id) each
        column of a roles sheet holds."""
        fields: dict[int, str] = {}
        competencies: dict[int, str] = {}
        headed: dict[str, int] = {}  # a competency's column on this sheet
        for index, cell in enumerate(header):
            name = key(cell.value)
            if cell.value is None:
                continue
            # a role field's column once; the same word again is a competency ("Skills")
            if name in _ROLE_FIELDS and _ROLE_FIELDS[name] not in fields.values():
                fields[index] = _ROLE_FIELDS[name]
            elif name in headed:
                self.problem(cell, "competency", f"{cell.value!r} heads column {_column(sheet, headed[name])} "
                             "already; give each competency one column")
            else:
                headed[name] = index
                competencies[index] = self._dimension(cell, None)
        return fields, competencies

    def _role_field(self, field: str, cell: Cell) -> Any:
        """A role's field as the ladder document holds it, from its cell."""
        if field == "level":
            return number(cell, field)
        if field == "track":
            return Leaf(self._track(cell), cell, field)
        if field in _LISTS:
            return listed(cell, field)
        if field == "sections":
            return read_sections(cell)
        if field in ("next", "reports_to"):
            return [Leaf(part, cell, field) for part in re.split(r"[,\n]", str(cell.value)) if part.strip()]
        return text(cell, field)

    def _roles_named_by_title(self) -> None:
        """A role's `next` and `reports_to` that name a role by its title: its id instead, the
        title looked up on the role's own sheet, then on the other roles sheets in order."""
        every_sheet: dict[str, str] = {}
        for _, titles in self.named_by_title:
            for title, role_id in titles.items():
                every_sheet.setdefault(title, role_id)
        for role, own_sheet in self.named_by_title:
            titles = {**every_sheet, **own_sheet}
            for field in ("next", "reports_to"):
                role.get(field, [])[:] = [leaf._replace(value=titles.get(key(leaf.value), leaf.value.strip()))
                                          for leaf in role.get(field, [])]
                if field == "reports_to" and len(role.get(field, [])) == 1:
                    role[field] = role[field][0]

    # ------------------------------------------------------------ layout (a): competencies as rows

    def _matrix(self, sheet: Sheet, as_track: bool) -> None:
        header_index = header_row(sheet)
        header = sheet.rows[header_index]
        keys = [key(c.value) for c in header]
        name_col = next((i for i, k in enumerate(keys) if k in NAME_WORDS), None)
        if name_col is None:
            name_col = keys.index("name") if "name" in keys else 0
        group_col = next((i for i, k in enumerate(keys) if k in _GROUP and i != name_col), None)
        desc_col = next((i for i, k in enumerate(keys) if k in _DESCRIPTION and i > name_col), None)
        role_cols = [i for i, c in enumerate(header) if i > name_col and i not in (group_col, desc_col)
                     and c.value is not None]
        self.headless_values(sheet, header_index, "level or role", after=name_col)
        track = None
        if as_track:
            track = self._track(Cell(sheet.name, sheet.where))
        self.sources.append(f"sheet {sheet.name!r}: competencies as rows, a column per role"
                            + (f" (track {track})" if track else ""))
        role_docs = []
        for position, i in enumerate(role_cols, start=1):
            cell = header[i]
            found = re.fullmatch(r"(?:level|l|lvl|grade)\s*([0-9]{1,2})\b.*", str(cell.value).strip(), re.I)
            level = int(found.group(1)) if found else position
            role = {"id": Leaf(make_id(cell.value, self.role_ids, "role"), cell, "role"),
                    "title": text(cell, "role"), "level": Leaf(level, cell, "role")}
            if track:
                role["track"] = Leaf(track, cell, "role")
            role_docs.append(role)
        for role, following in zip(role_docs, role_docs[1:]):
            if following["level"].value > role["level"].value:
                role["next"] = [Leaf(following["id"].value, following["title"].cell, "role")]
        group = None
        rows = [(n, row) for n, row in enumerate(sheet.rows[header_index + 1:], start=header_index + 2)
                if any(c.value is not None for c in row)]
        seen: dict[str, int] = {}  # a competency's row on this sheet (the same name on two sheets is one)
        ungrouped: list[Cell] = []
        for n, row in rows:
            name = at(row, name_col, sheet, n)
            group_cell = at(row, group_col, sheet, n) if group_col is not None else None
            if group_cell is not None and group_cell.value is not None:
                group = self._group(group_cell)
            filled = [i for i in role_cols if at(row, i, sheet, n).value is not None]
            if name.value is None:
                if filled:
                    self.problem(name, str(header[name_col].value or "competency"), "expected the competency's name")
                continue
            if not filled and group_col is None and all(c.value is None for c in row[name_col + 1:]):
                if ungrouped and group is None:  # else the check finds a dimension without its group
                    self.problem(ungrouped[0], str(ungrouped[0].value), f"comes before the first group row "
                                 f"(row {n}, {name.value!r}: a name with nothing beside it heads a group); put "
                                 f"it under a group row, or fill in the roles' cells of row {n}")
                group = self._group(name)  # a band row: a name with nothing beside it heads a group
                continue
            if key(name.value) in seen:
                self.problem(name, "competency", f"{name.value!r} is on row {seen[key(name.value)]} already; "
                             "give each competency one row")
                continue
            seen[key(name.value)] = n
            if group is None:
                ungrouped.append(name)
            description = at(row, desc_col, sheet, n) if desc_col is not None else None
            dim_id = self._dimension(name, group, description, track)
            cells = [at(row, i, sheet, n) for i in filled]
            self._guess_kind(dim_id, cells)
            for role, i in zip(role_docs, role_cols):
                cell = at(row, i, sheet, n)
                if cell.value is not None:
                    role.setdefault("dimensions", {})[dim_id] = self._value(dim_id, cell, str(name.value))
        self.roles.extend(role_docs)

    def _group(self, cell: Cell) -> str:
        found = self.group_ids.get(key(cell.value))
        if found:
            return found
        group_id = make_id(cell.value, {str(g["id"].value) for g in self.groups}, "group")
        self.groups.append({"id": Leaf(group_id, cell, "group"), "name": text(cell, "group")})
        self.group_ids[key(cell.value)] = group_id
        return group_id

def _is_matrix_export(sheet: Sheet) -> bool:
    """`dimension,kind,<role ids>` then a `title` row: read as competencies, its title, level and
    kind would become competencies and a role."""
    index = header_row(sheet)
    rows = sheet.rows[index:index + 2]
    return (len(rows) == 2 and [key(c.value) for c in rows[0][:2]] == ["dimension", "kind"]
            and [key(c.value) for c in rows[1][:1]] == ["title"])


def _column(sheet: Sheet, index: int) -> str:
    return str(index + 1) if sheet.csv else column_letter(index + 1)


EXPORTED = {"Roles", "Dimensions", "About"}  # where `export --format xlsx` puts the ladder's data


def _data_sheets(names: list[str]) -> set[str]:
    """A workbook pmladder wrote is read from its data sheets alone: the matrix and evidence
    sheets are views of them (and hold most of its cells)."""
    return EXPORTED if EXPORTED <= set(names) else set(names)


def import_sheet(path: str, layout: str = "auto") -> Imported:
    """Read a spreadsheet as a ladder: the commented YAML to write and the ladder it loads as.

    Raises LadderError with every problem found, each at its cell; nothing is written.
    """
    book = read_workbook(path, _data_sheets)
    if book.skipped and [kind_of(sheet) for sheet in book.sheets if sheet.name == "About"] != ["about"]:
        book = read_workbook(path)  # sheets named like pmladder's that are not pmladder's: read them all
    builder = _Builder(book, layout)
    builder.build()
    if builder.problems:
        raise LadderError(builder.problems)
    emitter = Emitter()
    emitter.comment(f"Imported by `pmladder import` from {book.file}; edit it and check it with "
                    "`pmladder validate`.")
    skipped = [f"sheet {name!r}: not read (a view of the data sheets)" for name in book.skipped]
    for note in (*book.notes, *builder.sources, *skipped[:3], *([f"... and {len(skipped) - 3} more"] if len(skipped) > 3 else [])):
        emitter.comment(f"- {note}")
    if any("competencies as rows" in source for source in builder.sources):
        emitter.comment("Ids are made from names; a role leads to the next column's role on its sheet.")
    emitter.blank()
    emitter.mapping(builder.document())
    from pathlib import Path

    return Imported(emitter.text, checked(emitter, book.file, Path(book.file).stem))
