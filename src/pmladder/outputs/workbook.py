"""The ladder as an Excel workbook (`pmladder export --format xlsx`), written with openpyxl.

Sheets a person uses at once: a comparison matrix per track (frozen headings, wrapped text,
groups as bands, ratings as numbers that show their point's name) and an evidence sheet per
role (its expectation now and at the next level, empty evidence, self and manager columns,
ratings picked from a drop-down of the scale's points). Then the ladder as data (Roles,
Dimensions, About; see workbook_data), which `pmladder import` reads back as the same ladder.

Every text cell is written as text: ladder text starting with = + - @ never becomes a formula.
The bytes are reproducible: fixed document times and zip entry times, parts in one order.
"""

from __future__ import annotations

import io
import math
import re
import zipfile

from ..content.cells import Cell as ContentCell
from ..content.matrix import grouped_rows, headed, role_column
from ..content.roles import profile
from ..model import Dimension, Ladder, Role
from .workbook_data import BULLET, about_rows, dimensions_rows, roles_rows

FIXED_TIME = "2000-01-01T00:00:00Z"  # a workbook's own created/modified stamps: the same every run
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_HEADER_FILL = "DDE3EA"
_BAND_FILL = "EEF1F5"
_INPUT_FILL = "FFFBEA"  # the columns a person fills in


def to_xlsx(ladder: Ladder) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    _add_styles(book)
    names: set[str] = {"roles", "dimensions", "about"}
    for track in ladder.columns:
        roles = ladder.roles_in(track)
        if roles:
            _matrix_sheet(book, _sheet_name(track.name if track else ladder.label("matrix"), names), ladder, roles)
    for role in ladder.ordered_roles:
        _evidence_sheet(book, _sheet_name(role.short or role.title, names), ladder, role)
    _data_sheet(book, "Roles", roles_rows(ladder), widths=(14, 28, 16, 7, 12, 40))
    _data_sheet(book, "Dimensions", dimensions_rows(ladder), widths=(16, 28, 14, 8, 7, 40, 40, 14))
    _data_sheet(book, "About", about_rows(ladder), widths=(14, 30, 60, 40, 30))
    book.properties.creator = "pmladder"
    book.properties.title = ladder.title
    buffer = io.BytesIO()
    book.save(buffer)
    return _reproducible(buffer.getvalue())


def _sheet_name(wanted: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (at most 31 characters, none of []:*?/\\), unique in the book."""
    base = _SHEET_NAME_BAD.sub(" ", wanted).strip().strip("'")[:31] or "Sheet"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def _text(cell, value) -> None:
    """Put a value in a cell: numbers as numbers, every string as text (never a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would read '=...' as a formula; this cell holds text


def _add_styles(book) -> None:
    """The workbook's few cell styles, registered once as named styles: a cell then takes one
    by name (setting fonts and fills cell by cell costs openpyxl a search of every style)."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="C8CED6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    looks = {
        HEADING: dict(font=Font(bold=True), fill=PatternFill("solid", fgColor=_HEADER_FILL), border=border,
                      alignment=wrap),
        BAND: dict(font=Font(bold=True), fill=PatternFill("solid", fgColor=_BAND_FILL)),
        NAME: dict(font=Font(bold=True), border=border, alignment=wrap),
        TEXT: dict(border=border, alignment=wrap),
        RATING: dict(border=border, alignment=Alignment(wrap_text=True, vertical="top", horizontal="left")),
        INPUT: dict(fill=PatternFill("solid", fgColor=_INPUT_FILL), border=border, alignment=wrap),
        DATA: dict(alignment=wrap),
    }
    for name, look in looks.items():
        book.add_named_style(NamedStyle(name=name, **look))


HEADING, BAND, NAME, TEXT, RATING, INPUT, DATA = (f"pmladder {n}" for n in (
    "heading", "band", "name", "text", "rating", "input", "data"))


def _rating_format(dim: Dimension, value: int) -> str:
    """A number format showing the rating's point name after its number: 3 · Leading."""
    point = dim.point(value)
    if point is None:
        return f'0" of {dim.scale}"'
    return '0" · ' + point.name.replace('"', "\u201d")[:100] + '"'


def _put_value(sheet, row: int, column: int, cell: ContentCell) -> None:
    target = sheet.cell(row=row, column=column)
    if cell.is_dots:
        _text(target, cell.value)
        target.style = RATING
        target.number_format = _rating_format(cell.dimension, cell.value)
    else:
        _text(target, (BULLET + f"\n{BULLET}".join(cell.statements)) if cell.statements else (cell.text or None))
        target.style = TEXT


def _header_row(sheet, values: list) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=1, column=column)
        _text(cell, value)
        cell.style = HEADING


def _matrix_sheet(book, name: str, ladder: Ladder, roles: tuple[Role, ...]) -> None:
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name)
    columns = [role_column(ladder, role) for role in roles]
    _header_row(sheet, [ladder.label("dimension")] + [f"{c.title}\n{c.level}" for c in columns])
    row_number = 2
    for heading, row in headed(grouped_rows(ladder, roles)):
        if heading:  # the group's name as a band across the sheet
            for column in range(1, len(columns) + 2):
                sheet.cell(row=row_number, column=column).style = BAND
            band = sheet.cell(row=row_number, column=1)
            _text(band, heading)
            row_number += 1
        dim = row.dimension
        name_cell = sheet.cell(row=row_number, column=1)
        _text(name_cell, f"{dim.name} (1–{dim.scale})" if dim.is_rating else dim.name)
        name_cell.style = NAME
        for column, cell in enumerate(row.cells, start=2):
            _put_value(sheet, row_number, column, cell)
        row_number += 1
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 26
    for column in range(2, len(columns) + 2):
        sheet.column_dimensions[get_column_letter(column)].width = 30
    _finish(sheet)


def _evidence_sheet(book, name: str, ladder: Ladder, role: Role) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book.create_sheet(name)
    found = profile(ladder, role, per_table=1)
    table = found.tables[0] if found.tables else None
    nexts = table.nexts if table else ()
    level = ladder.level_name(role.level, role.track)
    now_heading = f"{role.title} ({level})"
    next_heading = f"{nexts[0].title} ({ladder.level_name(nexts[0].level, nexts[0].track)})" if nexts else \
        ladder.label("top_of_track")
    _header_row(sheet, [ladder.label("dimension"), now_heading, next_heading, "Evidence", "Self rating",
                        "Manager rating"])
    row_number = 2
    for heading, row in headed(table.rows if table else ()):
        if heading:
            band = sheet.cell(row=row_number, column=1)
            _text(band, heading)
            for column in range(1, 7):
                sheet.cell(row=row_number, column=column).style = BAND
            row_number += 1
        dim = row.dimension
        name_cell = sheet.cell(row=row_number, column=1)
        _text(name_cell, dim.name)
        name_cell.style = NAME
        _put_value(sheet, row_number, 2, row.value)
        if row.next_values:
            _put_value(sheet, row_number, 3, row.next_values[0])
        for column in (4, 5, 6):
            cell = sheet.cell(row=row_number, column=column)
            cell.style = INPUT
        if dim.is_rating:
            _rating_dropdown(sheet, dim, row_number, DataValidation)
        row_number += 1
    sheet.freeze_panes = "B2"
    for letter, width in zip("ABCDEF", (24, 34, 34, 48, 12, 14)):
        sheet.column_dimensions[letter].width = width
    _finish(sheet)


def _rating_dropdown(sheet, dim: Dimension, row: int, validation_class) -> None:
    """Self and manager ratings: a drop-down of the scale's points (as numbers), named in its prompt."""
    choices = ",".join(str(n) for n in range(1, dim.scale + 1))
    names = ", ".join(f"{p.value} {p.name}" for p in dim.points)
    validation = validation_class(type="list", formula1=f'"{choices}"', allow_blank=True)
    validation.promptTitle = dim.name[:32]
    validation.prompt = (names or f"1 to {dim.scale}")[:255]
    validation.showInputMessage = True
    validation.error = f"Pick a rating from 1 to {dim.scale}"
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    validation.add(f"E{row}:F{row}")


def _data_sheet(book, name: str, rows: list[list], widths: tuple[int, ...]) -> None:
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name)
    _header_row(sheet, rows[0])
    for row_number, values in enumerate(rows[1:], start=2):
        for column, value in enumerate(values, start=1):
            if value is not None:
                cell = sheet.cell(row=row_number, column=column)
                _text(cell, value)
                cell.style = DATA
    sheet.freeze_panes = "B2"
    for column in range(1, len(rows[0]) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = widths[column - 1] if column <= len(widths) else 28
    _finish(sheet, None)


def _finish(sheet, title_columns: str | None = "A:A") -> None:
    """Row heights that show every wrapped line (spreadsheets do not grow rows a file gives no
    height), and printing: landscape, one page wide, headings repeated on every page."""
    from openpyxl.utils import get_column_letter

    widths = {}
    for row in sheet.iter_rows():
        needed = 1
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            letter = get_column_letter(cell.column)
            if letter not in widths:
                widths[letter] = sheet.column_dimensions[letter].width or 13
            per_line = max(1, int(widths[letter] * 1.05) - 1)
            needed = max(needed, sum(max(1, math.ceil(len(line) / per_line)) for line in cell.value.split("\n")))
        if needed > 1:
            sheet.row_dimensions[row[0].row].height = min(409, 15 * needed + 2)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    if title_columns:
        sheet.print_title_cols = title_columns


def _reproducible(data: bytes) -> bytes:
    """The same workbook bytes every run: fixed times in docProps/core.xml and on every zip entry."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                part = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_TIME.encode(), part)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, part)
    return out.getvalue()
