"""Spreadsheets as located cells: the only code in pmladder that reads .xlsx and .csv files.

A workbook is a zip of XML, so everything is bounded before and while it is read: the file's
size, the sizes its zip directory declares (a zip bomb is refused before anything is
inflated), the number of rows, columns and cells read, and the length of one cell. openpyxl
reads the workbook in read-only mode with `data_only`, so a formula cell gives its cached
value and nothing is ever evaluated (one without a cached value, and a cell showing a
formula's error such as #N/A, are refused at their cell); defusedxml, when installed (it is a
dependency), makes openpyxl refuse XML entity tricks. A CSV is decoded as people's
spreadsheets save it (UTF-8 with or without BOM, UTF-16 or UTF-32 with BOM, Windows-1252) and
split on `,`, `;` or tab (or what Excel's `sep=` first line names); what cannot be read
unambiguously is refused with a reason rather than guessed.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import posixpath
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import LadderError, PmladderWarning, Problem
from .files import UnreadableFile, read_regular

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # what the zip directory says its parts inflate to, together
MAX_ZIP_ENTRIES = 2_000
MAX_ROWS = 5_000
MAX_COLUMNS = 500
MAX_CELLS = 50_000  # cells read, empty ones included: an exported 200-role ladder has ~36,000
MAX_CELL_CHARS = 10_000
MAX_MERGES = 100_000  # merged ranges in one sheet

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an .xls file, or an .xlsx encrypted with a password
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_EMPTY_CSV = ' \t\r\n,;"'  # what a row of empty cells holds, whichever the delimiter
# What a cell shows when its formula failed (Excel's, then LibreOffice's Err:502): saved as the
# cell's value, in a workbook and in a CSV alike, it would become a role's title or a value.
_FORMULA_ERROR = re.compile(r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|SPILL!|CALC!|GETTING_DATA|FIELD!"
                            r"|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)|Err:[0-9]{3}")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")  # a formula element in a worksheet's XML
# A merged range in a worksheet's XML: <mergeCell ref="C2:E2"/> (its only attribute).
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"')
MAX_CELL_PROBLEMS = 50


class Cell(NamedTuple):
    value: str | int | float | bool | None
    where: str  # `team.xlsx:Engineering!C7` or `team.csv:7:3`


class Sheet(NamedTuple):
    name: str
    rows: tuple[tuple[Cell, ...], ...]
    where: str  # the sheet itself: `team.xlsx:Engineering` or `team.csv`
    csv: bool = False
    hidden: bool = False  # hidden in the workbook (a spreadsheet's helpers, such as a drop-down's lists)

    def place(self, row: int, column: int) -> str:
        """Where a cell is (both 1-based): `team.xlsx:Engineering!C7` or `team.csv:7:3`."""
        return f"{self.where}:{row}:{column}" if self.csv else f"{self.where}!{column_letter(column)}{row}"


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA, as spreadsheets name columns."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Workbook(NamedTuple):
    file: str
    sheets: tuple[Sheet, ...]
    notes: tuple[str, ...] = ()  # how it was read (an encoding, a delimiter), for the YAML's comment
    skipped: tuple[str, ...] = ()  # the names of the sheets not read (see read_workbook's `choose`)


def fail(where: str, message: str) -> LadderError:
    return LadderError([Problem(where, None, "", message)])


def read_workbook(path: str, choose: Callable[[list[str]], set[str]] | None = None) -> Workbook:
    """The sheets of an .xlsx or .csv file (by its suffix, checked against its first bytes).

    `choose` is given a workbook's sheet names and returns those to read (default: all); a
    workbook pmladder wrote holds its data in three, and views in the rest."""
    suffix = Path(path).suffix.lower()
    if os.path.isdir(path):  # before its suffix: a folder is not a file of another kind
        raise fail(path, "is a folder, not a file")
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv"):
        raise fail(path, f"cannot import {suffix or 'a file without a suffix'}: expected an .xlsx workbook or a "
                   ".csv file (save the sheet in one of those formats)")
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except UnreadableFile as exc:
        raise fail(path, exc.reason) from None
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data, path, choose)
    return _read_csv(data, path)


# ---------------------------------------------------------------- .xlsx


def _check_zip(data: bytes, file: str) -> None:
    if data.startswith(_OLE2):
        if _ENCRYPTED in data:
            raise fail(file, "the workbook is protected with a password; save a copy without one and import that")
        raise fail(file, "this is an Excel 97-2003 (.xls) file, not .xlsx; save it as an Excel workbook (.xlsx)")
    if not data:
        raise fail(file, "the file is empty")
    if not data.startswith(b"PK"):
        raise fail(file, "not an .xlsx workbook (an .xlsx file is a zip archive; this one is not)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_parts(archive, infos, file)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise fail(file, f"not a readable .xlsx workbook ({exc})") from None
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        if any(name.startswith("Index/") and name.endswith(".iwa") for name in names):
            raise fail(file, "this is an Apple Numbers file; export it as Excel (.xlsx) or CSV")
        if "content.xml" in names:
            raise fail(file, "this is an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV")
        raise fail(file, "not an .xlsx workbook (the zip has no xl/workbook.xml)")


def _check_parts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], file: str) -> None:
    """Bound the archive before anything is inflated, then look at the head of each XML part:
    Excel never writes a DOCTYPE, and one is how an XML entity bomb starts (defusedxml would
    refuse it too; this says why in plain words)."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise fail(file, f"the workbook has {len(infos):,} parts; the limit is {MAX_ZIP_ENTRIES:,}")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise fail(file, f"the workbook inflates to {unpacked:,} bytes; the limit is {MAX_UNPACKED_BYTES:,} "
                   "(a ladder is far smaller: is this a zip bomb?)")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            with archive.open(info) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head or "<!DOCTYPE".encode("utf-16-le") in head:
                raise fail(file, f"{info.filename} declares a DOCTYPE, which Excel never writes (an XML entity "
                           "bomb?); refused")


def _read_xlsx(data: bytes, file: str, choose: Callable[[list[str]], set[str]] | None) -> Workbook:
    _check_zip(data, file)
    import openpyxl  # only here: the light commands never import it

    sheets = []
    budget = [MAX_CELLS]
    try:
        xml = _sheet_xml(data)
        for name, part in xml.items():
            # openpyxl reads every merged range, even in read-only mode: a million of them took
            # 12 s and 720 MB before a cell was read.
            if part.count(b"<mergeCell ") + part.count(b":mergeCell ") > MAX_MERGES:
                raise fail(_sheet_ref(file, name), f"more than {MAX_MERGES:,} merged ranges; a ladder has far fewer")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            wanted = choose(book.sheetnames) if choose else set(book.sheetnames)
            skipped = tuple(name for name in book.sheetnames if name not in wanted)
            for sheet in book.worksheets:
                if sheet.title in wanted:
                    sheets.append(_read_sheet(sheet, file, budget))
        finally:
            book.close()
        sheets = _with_merges(xml, sheets, budget)
        problems = _failed_cells(sheets)
        if len(problems) < MAX_CELL_PROBLEMS:
            problems += _unsaved_formulas(xml, sheets)
    except LadderError:
        raise
    except Exception as exc:  # openpyxl and the XML parsers raise many kinds; each means "cannot read it"
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise fail(file, f"not a readable .xlsx workbook ({type(exc).__name__}: {reason})") from None
    if problems:
        raise LadderError(problems[:MAX_CELL_PROBLEMS])
    if not any(sheet.rows for sheet in sheets):
        raise fail(file, "the workbook is empty (no sheet has a filled cell)")
    return Workbook(file, tuple(sheet for sheet in sheets if sheet.rows), skipped=skipped)


def _sheet_xml(data: bytes) -> dict[str, bytes]:
    """Each sheet's worksheet XML by its name (empty where the workbook names no part for it):
    what openpyxl's read-only mode leaves out, merged ranges and formulas without saved values."""
    from defusedxml.ElementTree import fromstring

    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # bounded by _check_parts
        parts, names = _sheet_parts(archive, fromstring), set(archive.namelist())
        return {name: archive.read(part) if part in names else b"" for name, part in parts.items()}


def _with_merges(xml: dict[str, bytes], sheets: list[Sheet], budget: list[int]) -> list[Sheet]:
    """The sheets with each merged range's value in all its cells: "Interviews" merged across
    Mid and Senior is each level's value, a track merged down a roles sheet each role's (read as
    stored, the first cell alone had it and the others were lost). A range across the sheet
    from its row's start stays as stored: a group's band, which the importer reads as one.
    openpyxl's read-only mode, which keeps a workbook's reading bounded, does not report
    merges: they come from the XML."""
    out = []
    for sheet in sheets:
        rows = [list(row) for row in sheet.rows]
        filled: set[bytes] = set()  # a range given twice is filled, and counted, once
        for found in _MERGE.finditer(xml.get(sheet.name, b"")):  # one at a time: a file may name millions
            first_col, first_row, last_col, last_row = found.groups()
            top, left = int(first_row), _column_number(first_col)
            bottom, right = min(int(last_row), len(rows)), min(_column_number(last_col), MAX_COLUMNS)
            if not 1 <= top <= len(rows) or left > len(rows[top - 1]) or rows[top - 1][left - 1].value is None:
                continue  # nothing to fill (past the data, or an empty first cell): nothing kept
            if right > left and all(cell.value is None for cell in rows[top - 1][:left - 1]):
                continue  # across the sheet from its row's start: a band
            if found.group() in filled:
                continue
            filled.add(found.group())
            # Every cell a range fills counts, as read cells do: a file of a few kB cannot make
            # the import walk millions of cells.
            budget[0] -= max(0, bottom - top + 1) * max(0, right - left + 1)
            if budget[0] < 0:
                raise fail(sheet.where, f"more than {MAX_CELLS:,} cells in the workbook once merged "
                           "cells are counted; a ladder has far fewer")
            value = rows[top - 1][left - 1].value
            for r in range(top, bottom + 1):
                row = rows[r - 1]
                row += [Cell(None, sheet.place(r, c)) for c in range(len(row) + 1, right + 1)]
                for c in range(left, right + 1):
                    if (r, c) != (top, left) and row[c - 1].value is None:
                        row[c - 1] = Cell(value, row[c - 1].where)
        out.append(sheet._replace(rows=_trimmed([tuple(row) for row in rows])))
    return out


def _column_number(letters: bytes) -> int:
    """b"A" -> 1, b"AA" -> 27: column_letter backwards."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _failed_cells(sheets: list[Sheet]) -> list[Problem]:
    """Each cell that shows a formula's error (#N/A, #REF!) instead of a value."""
    return [Problem(cell.where, None, "", f"the cell shows the error {cell.value}, not a value; correct its "
                    "formula or type the value")
            for sheet in sheets for row in sheet.rows for cell in row
            if isinstance(cell.value, str) and _FORMULA_ERROR.fullmatch(cell.value.strip())][:MAX_CELL_PROBLEMS]


def _unsaved_formulas(xml_of: dict[str, bytes], sheets: list[Sheet]) -> list[Problem]:
    """The formula cells of `sheets` whose result was never saved: they read as empty. Excel and
    LibreOffice save a formula's result in <v>: a number, or text marked t="str" (empty when the
    formula gives ""); a program that writes formulas (openpyxl, say) leaves <v> out or empty."""
    from defusedxml.ElementTree import iterparse

    problems = []
    for sheet in sheets:
        xml = xml_of.get(sheet.name, b"")
        if not _FORMULA.search(xml):
            continue
        for _, element in iterparse(io.BytesIO(xml)):
            if _local(element.tag) != "c":
                continue
            children = {_local(child.tag): child for child in element}
            saved = children.get("v")
            if "f" in children and (saved is None or not saved.text and element.get("t", "n") == "n"):
                ref = element.get("r") or ""  # from the file: a cell's name, or nothing to show
                where = f"{sheet.where}!{ref}" if re.fullmatch(r"[A-Z]{1,3}[0-9]{1,7}", ref) else sheet.where
                formula = _shortened("=" + " ".join((children["f"].text or "").split()))
                problems.append(Problem(where, None, "", f"a formula with no saved value ({formula}): no "
                                        "spreadsheet program has computed it; open the workbook in Excel "
                                        "or LibreOffice and save it, or type the value"))
                if len(problems) >= MAX_CELL_PROBLEMS:
                    return problems
            element.clear()
    return problems


def _sheet_parts(archive: zipfile.ZipFile, fromstring: Callable[[bytes], Any]) -> dict[str, str]:
    """Each sheet's name -> its XML part in the archive, from the workbook and its relationships."""
    targets = {}
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        for rel in fromstring(archive.read("xl/_rels/workbook.xml.rels")):
            target = rel.get("Target", "")
            targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join("xl", target))
    parts = {}
    for element in fromstring(archive.read("xl/workbook.xml")).iter():
        if _local(element.tag) == "sheet":
            rel = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            parts[element.get("name")] = targets.get(rel, "")
    return parts


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _shortened(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "..."


def _sheet_ref(file: str, name: str) -> str:
    plain = re.fullmatch(r"[A-Za-z0-9_.]+", name)
    return f"{file}:{name}" if plain else f"{file}:'{name}'"


def _read_sheet(sheet: Any, file: str, budget: list[int]) -> Sheet:
    place = _sheet_ref(file, sheet.title)
    if hasattr(sheet, "reset_dimensions"):  # the file's own <dimension> may claim a million rows
        sheet.reset_dimensions()
    rows: list[tuple[Cell, ...]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise fail(place, f"more than {MAX_ROWS:,} rows; a ladder has far fewer")
        if len(values) > MAX_COLUMNS:
            raise fail(f"{place}!{column_letter(MAX_COLUMNS + 1)}{number}",
                       f"more than {MAX_COLUMNS} columns; a ladder has far fewer")
        budget[0] -= max(len(values), 1)
        if budget[0] < 0:
            raise fail(place, f"more than {MAX_CELLS:,} cells in the workbook; a ladder has far fewer")
        rows.append(tuple(_cell(value, f"{place}!{column_letter(column)}{number}")
                          for column, value in enumerate(values, start=1)))
    return Sheet(sheet.title, _trimmed(rows), place, hidden=sheet.sheet_state != "visible")


def _cell(value: Any, where: str) -> Cell:
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        value = value.isoformat()
    elif isinstance(value, datetime.timedelta):
        value = str(value)
    elif isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    elif value is not None and not isinstance(value, (str, int, float, bool)):
        value = str(value)
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            raise fail(where, f"the cell holds {len(value):,} characters; the limit is {MAX_CELL_CHARS:,}")
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if not value.strip():
            value = None
    return Cell(value, where)


def _trimmed(rows: list[tuple[Cell, ...]]) -> tuple[tuple[Cell, ...], ...]:
    """Rows without their trailing empty cells; trailing empty rows dropped."""
    out = []
    for row in rows:
        end = len(row)
        while end and row[end - 1].value is None:
            end -= 1
        out.append(row[:end])
    while out and not out[-1]:
        out.pop()
    return tuple(out)


# ---------------------------------------------------------------- .csv


def _decode(data: bytes, file: str) -> tuple[str, str]:
    """The text and the name of its encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body, name = "utf-8", data[3:], "UTF-8 with BOM"
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16: its BOM starts alike
        encoding, body, name = "utf-32", data, "UTF-32"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, body, name = "utf-16", data, "UTF-16"
    else:
        encoding, body, name = "utf-8", data, "UTF-8"
        if b"\x00" in data:
            raise fail(file, "the file holds NUL bytes: UTF-16 text without a byte order mark, or not text at "
                       "all; save it as CSV UTF-8")
    try:
        return body.decode(encoding), name
    except UnicodeDecodeError as exc:
        if encoding != "utf-8" or name != "UTF-8":
            raise fail(file, f"not valid {name} (byte {exc.start:,})") from None
    try:  # Excel on Windows saves "CSV" in the machine's code page; in the West that is Windows-1252
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise fail(file, f"neither UTF-8 nor Windows-1252 (byte 0x{data[exc.start]:02x} at {exc.start:,}); "
                   "save it as CSV UTF-8") from None
    # Any code page decodes these bytes without an error: say which one was guessed, so a sheet
    # saved in another (Cyrillic, Greek) is noticed before its text is used.
    warnings.warn(f"{file}: not UTF-8; read as Windows-1252", PmladderWarning, stacklevel=2)
    return text, "Windows-1252"


def _delimiter(text: str, file: str) -> str:
    """The delimiter that splits the header (the first filled row) into the most columns."""
    best, best_width = None, 1
    for delimiter in _DELIMITERS:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:  # the header alone: a long cell below it is reported at its line by the reading
            header = next((row for row in rows if any(cell.strip(_EMPTY_CSV) for cell in row)), [])
        except csv.Error:
            continue
        if len(header) > best_width:
            best, best_width = delimiter, len(header)
    if best is None:
        raise fail(file, "cannot tell how the columns are separated (expected a comma, semicolon or tab "
                   "between the header's names)")
    return best


def _read_csv(data: bytes, file: str) -> Workbook:
    text, encoding = _decode(data, file)
    if "\x00" in text:
        raise fail(file, f"the file holds NUL characters: not {encoding} text; save it as CSV UTF-8")
    # Excel's own first line `sep=;` names the delimiter; it is blanked, so lines keep their numbers.
    named = re.match(r"sep=([^\r\n\"])[ \t]*(?=[\r\n]|$)", text)
    if named:
        text = text[named.end():]
    if not text.strip(_EMPTY_CSV):
        raise fail(file, "the file is empty")
    delimiter = named.group(1) if named else _delimiter(text, file)
    rows: list[tuple[Cell, ...]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cells = 0
    try:
        for number, values in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise fail(file, f"more than {MAX_ROWS:,} rows; a ladder has far fewer")
            if len(values) > MAX_COLUMNS:
                raise fail(f"{file}:{number}:{MAX_COLUMNS + 1}", f"more than {MAX_COLUMNS} columns")
            cells += len(values)
            if cells > MAX_CELLS:
                raise fail(file, f"more than {MAX_CELLS:,} cells; a ladder has far fewer")
            rows.append(tuple(_csv_cell(value, f"{file}:{number}:{column}")
                              for column, value in enumerate(values, start=1)))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise fail(f"{file}:{reader.line_num}", f"a cell holds more than {csv.field_size_limit():,} "
                       f"characters; the limit is {MAX_CELL_CHARS:,}") from None
        raise fail(f"{file}:{reader.line_num}", f"not valid CSV ({exc})") from None
    sheet = Sheet(Path(file).stem, _trimmed(rows), file, csv=True)
    if not sheet.rows:
        raise fail(file, "the file is empty")
    problems = _failed_cells([sheet])
    if problems:
        raise LadderError(problems)
    notes = (f"read as {encoding}, columns separated by {_DELIMITER_NAMES.get(delimiter, repr(delimiter))}s",)
    return Workbook(file, (sheet,), notes)


def _csv_cell(text: str, where: str) -> Cell:
    """CSV holds only text: whole numbers become numbers (levels, ratings), the rest stays text.
    A leading apostrophe is how spreadsheets (and `export --format csv`) mark text that would
    read as a formula; it is not part of the text."""
    if len(text) > MAX_CELL_CHARS:
        raise fail(where, f"the cell holds {len(text):,} characters; the limit is {MAX_CELL_CHARS:,}")
    stripped = text.strip()
    if re.fullmatch(r"-?(?:0|[1-9][0-9]{0,8})", stripped):  # "007" stays a name, not 7
        return Cell(int(stripped), where)
    if stripped.startswith("'") and stripped[1:2] in ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20"):
        stripped = stripped[1:]
    return Cell(stripped.replace("\r\n", "\n") or None, where)
