"""Inputs found to end in an internal error, a message without its place, or a silently
different ladder: each now gets `Error: FILE:PLACE: ...` and exit 1."""
from __future__ import annotations

import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmladder.cli import cli
from pmladder.errors import LadderError


def imported(runner, sheet, tmp_path):
    target = tmp_path / "out.yaml"
    result = runner.invoke(cli, ["import", str(sheet), "-o", str(target)])
    return result, target


def workbook(tmp_path, rows, cells: dict[str, str] | None = None):
    """An .xlsx of one sheet 'S' holding `rows`; `cells` replaces cells' XML ('C2': '<c ...>'), as
    a program or a spreadsheet program other than openpyxl writes them."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "S"
    for row in rows:
        book.active.append(row)
    path = tmp_path / "team.xlsx"
    book.save(path)
    if cells:
        with zipfile.ZipFile(path) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        xml = parts["xl/worksheets/sheet1.xml"].decode()
        for ref, cell in cells.items():
            xml, count = re.subn(rf'<c r="{ref}"[^>]*>.*?</c>', cell, xml)
            assert count == 1, ref
        parts["xl/worksheets/sheet1.xml"] = xml.encode()
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
    return path


# ---------------------------------------------------------------- CSV


def test_a_csv_of_empty_cells_is_empty_not_an_internal_error(tmp_path, runner):
    sheet = tmp_path / "team.csv"
    sheet.write_text(",,,\n, ,\n", encoding="utf-8")
    result, target = imported(runner, sheet, tmp_path)
    assert (result.exit_code, result.output) == (1, f"Error: {sheet}: the file is empty\n")
    assert not target.exists()


def test_a_csv_cell_too_long_for_the_reader_is_reported_at_its_line(tmp_path, runner):
    # It was "cannot tell how the columns are separated": the header's reading saw it too.
    sheet = tmp_path / "team.csv"
    sheet.write_text('competency,pm\nScope,"' + "a" * 200_000 + '"\n', encoding="utf-8")
    result, _ = imported(runner, sheet, tmp_path)
    assert (result.exit_code, result.output) == (
        1, f"Error: {sheet}:2: a cell holds more than 131,072 characters; the limit is 10,000\n")


def test_a_csv_header_under_blank_rows_is_found(tmp_path, runner):
    sheet = tmp_path / "team.csv"
    sheet.write_text("\n" * 60 + "competency;pm;spm\nScope;a;b\n", encoding="utf-8")
    result, target = imported(runner, sheet, tmp_path)
    assert result.exit_code == 0, result.output
    assert "scope: b" in target.read_text(encoding="utf-8")


def test_a_csv_cell_showing_a_formula_error_is_refused_at_its_cell(tmp_path, runner):
    sheet = tmp_path / "team.csv"
    sheet.write_text("title,level,Scope\n#N/A,1,a\nSenior,2,#DIV/0!\n", encoding="utf-8")
    result, target = imported(runner, sheet, tmp_path)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: {sheet}:2:1: the cell shows the error #N/A, not a value; correct its formula or type the value",
        f"Error: {sheet}:3:3: the cell shows the error #DIV/0!, not a value; correct its formula or type the value",
    ]
    assert not target.exists()


@pytest.mark.parametrize("args", [["import", "{dir}", "-o", "-"], ["import", "{dir}.csv", "-o", "-"],
                                  ["upgrade", "{dir}"]])
def test_a_folder_given_as_the_file_is_an_input_error_like_validate_says(tmp_path, runner, args):
    # import and upgrade said click's "Invalid value for 'SHEET': ... is a directory" and exit 2
    folder = tmp_path / "team"
    (tmp_path / "team.csv").mkdir()
    folder.mkdir()
    args = [arg.format(dir=folder) for arg in args]
    result = runner.invoke(cli, args)
    assert (result.exit_code, result.output) == (1, f"Error: {args[1]}: is a folder, not a file\n")


def test_excels_sep_line_names_the_delimiter_and_lines_keep_their_numbers(tmp_path, runner):
    # The `sep=;` line was read as the header: "cannot tell the layout from this header row".
    sheet = tmp_path / "team.csv"
    sheet.write_text("sep=;\ncompetency;pm;spm\nScope;a,b;c\nScope;d;e\n", encoding="utf-8")
    result, _ = imported(runner, sheet, tmp_path)
    assert result.output == f"Error: {sheet}:4:1: competency: 'Scope' is on row 3 already; give each competency " \
                            "one row\n"


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be"])
def test_a_utf32_csv_is_read_not_taken_for_utf16(tmp_path, runner, encoding):
    # Read as UTF-16, its NULs became part of every name, shown raw in the error.
    sheet = tmp_path / "team.csv"
    text = "competency,pm\nScope,caf\u00e9\n"
    sheet.write_bytes(text.encode(encoding) if encoding == "utf-32" else b"\x00\x00\xfe\xff" + text.encode(encoding))
    result, target = imported(runner, sheet, tmp_path)
    assert result.exit_code == 0, result.output
    assert "# - read as UTF-32, columns separated by commas\n" in target.read_text(encoding="utf-8")
    assert "scope: caf\u00e9\n" in target.read_text(encoding="utf-8")


# ---------------------------------------------------------------- workbooks and formulas


def test_a_formula_nothing_computed_is_refused_not_read_as_an_empty_cell(tmp_path, runner):
    # openpyxl saves formulas without their results: the row's title and value were dropped.
    path = workbook(tmp_path, [["title", "level", "Scope"], ["PM", 1, "a"], ["=A2&\" lead\"", 2, "=C2"]])
    result, target = imported(runner, path, tmp_path)
    assert result.exit_code == 1
    message = "no spreadsheet program has computed it; open the workbook in Excel or LibreOffice and save it, " \
              "or type the value"
    assert result.output.splitlines() == [
        f"Error: {path}:S!A3: a formula with no saved value (=A2&\" lead\"): {message}",
        f"Error: {path}:S!C3: a formula with no saved value (=C2): {message}",
    ]
    assert not target.exists()


def test_a_formula_over_several_lines_is_shown_on_one(tmp_path, runner):
    path = workbook(tmp_path, [["title", "level"], ["PM", 1]], {"A2": '<c r="A2"><f>"P"&amp;\n\n"M"</f></c>'})
    result, _ = imported(runner, path, tmp_path)
    assert result.output.splitlines()[0].startswith(f'Error: {path}:S!A2: a formula with no saved value (="P"& "M"): ')
    assert len(result.output.splitlines()) == 1


def test_formulas_a_spreadsheet_program_saved_give_their_values(tmp_path, runner):
    # As LibreOffice writes them: a number, text, and "" from IF (an empty cell, not a problem).
    path = workbook(tmp_path, [["title", "level", "Scope", "Focus"], ["PM", 1, "x", "y"]], {
        "B2": '<c r="B2" t="n"><f>0+1</f><v>1</v></c>',
        "C2": '<c r="C2" t="str"><f>IF(1,"","x")</f><v></v></c>',
        "D2": '<c r="D2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>',
    })
    result, target = imported(runner, path, tmp_path)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "level: 1\n    dimensions:\n      focus: ab\n" in text


def test_a_workbook_cell_showing_a_formula_error_is_refused_at_its_cell(tmp_path, runner):
    path = workbook(tmp_path, [["title", "level"], ["PM", 1]], {"A2": '<c r="A2" t="e"><f>VLOOKUP(1,Z:Z,2)</f>'
                                                                      "<v>#N/A</v></c>"})
    result, _ = imported(runner, path, tmp_path)
    assert (result.exit_code, result.output) == (
        1, f"Error: {path}:S!A2: the cell shows the error #N/A, not a value; correct its formula or type the value\n")


def test_a_hidden_sheet_is_left_out_and_said_so(tmp_path, runner):
    # Its drop-down lists, read as a layout, ended the import: "cannot tell the layout" of a sheet
    # the person does not see.
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Track"
    for row in (["competency", "PM", "SPM"], ["Scope", "a", "b"]):
        book.active.append(row)
    lists = book.create_sheet("Lists")
    lists.append(["Levels"])
    lists.sheet_state = "hidden"
    book.save(tmp_path / "team.xlsx")
    result, target = imported(runner, tmp_path / "team.xlsx", tmp_path)
    assert result.exit_code == 0, result.output
    assert "# - sheet 'Lists': not read (hidden)\n" in target.read_text(encoding="utf-8")
    for row in book["Track"].iter_rows():
        for cell in row:
            cell.value = None
    book.save(tmp_path / "team.xlsx")
    result, _ = imported(runner, tmp_path / "team.xlsx", tmp_path)
    assert result.output == f"Error: {tmp_path / 'team.xlsx'}:Lists: found no roles: expected a sheet with a " \
                            "column per role or level, or a row per role (hidden sheets are not read: Lists)\n"


def test_the_hidden_data_sheets_of_an_exported_workbook_are_read(tmp_path, runner):
    import openpyxl

    path = tmp_path / "ladder.xlsx"
    assert runner.invoke(cli, ["export", "-o", str(path)]).exit_code == 0
    book = openpyxl.load_workbook(path)
    for name in ("Roles", "Dimensions", "About"):
        book[name].sheet_state = "hidden"
    book.save(path)
    result, target = imported(runner, path, tmp_path)
    assert result.exit_code == 0, result.output
    assert "not read (hidden)" not in target.read_text(encoding="utf-8")
    again = runner.invoke(cli, ["export", str(target), "-f", "json", "-o", "-"]).output
    assert '"title": "Product Management Career Path"' in again and again.count('"level":') >= 7


def test_a_role_reporting_to_itself_is_refused_at_its_cell(tmp_path, runner):
    sheet = tmp_path / "team.csv"
    sheet.write_text("title,level,reports to\nPM,1,\nSPM,2,SPM\n", encoding="utf-8")
    result, _ = imported(runner, sheet, tmp_path)
    assert (result.exit_code, result.output) == (1, f"Error: {sheet}:3:3: reports_to: role 'spm' cannot report "
                                                     "to itself\n")


def test_a_missing_field_is_named_not_the_cell_it_is_reported_at(tmp_path, runner):
    # Both said "title: required field is missing": the role's first cell, where it is reported.
    # Then each named its field but at the row's first cell; a blank level is now at its own cell
    # (a blank track stays at the row's: a roles sheet has a track column with or without tracks).
    sheet = tmp_path / "team.csv"
    sheet.write_text("title,level,track\nPM,,IC\nSPM,2,\n", encoding="utf-8")
    result, _ = imported(runner, sheet, tmp_path)
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"Error: {sheet}:2:2: level: expected a whole number, got nothing",
                                          f"Error: {sheet}:3:1: track: required field is missing"]


def test_an_about_label_row_without_its_key_says_so(tmp_path, runner):
    # It said "expected title, ..., label, track, group or level, got 'label'".
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "About"
    for row in (["field", "value"], ["title", "T"], ["label", None, "Poziom {n}"]):
        book.active.append(row)
    roles = book.create_sheet("Roles")
    for row in (["title", "level"], ["PM", 1]):
        roles.append(row)
    book.save(tmp_path / "team.xlsx")
    result, _ = imported(runner, tmp_path / "team.xlsx", tmp_path)
    assert (result.exit_code, result.output) == (1, f"Error: {tmp_path / 'team.xlsx'}:About!B3: label: expected the "
                                                 "key of the word it translates (such as level or roles), then the "
                                                 "word\n")


# ---------------------------------------------------------------- ladders


@pytest.mark.parametrize("field, message", [
    ("reports_to: a", "roles[0].reports_to: role 'a' cannot report to itself"),
    ("reports_to: [b, a]", "roles[0].reports_to[1]: role 'a' cannot report to itself"),
    ("reports_to: [b, b]", "roles[0].reports_to[1]: 'b' is reports_to[0] already; name each role once"),
])
def test_a_role_named_where_it_cannot_be_is_refused(write, runner, field, message):
    path = write("schema: 2\nladder: {title: T}\nroles:\n"
                 f"  - {{id: a, title: A, level: 2, {field}}}\n"
                 "  - {id: b, title: B, level: 2}\n  - {id: c, title: C, level: 3}\n")
    result = runner.invoke(cli, ["validate", path])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"Error: {path}:4: {message}"


def test_a_promotion_named_twice_is_refused_after_a_wrong_item(write, runner):
    path = write("ladder: {title: T}\nroles:\n  - {id: a, title: A, level: 1, next: [c, 7, c]}\n"
                 "  - {id: c, title: C, level: 2}\n")
    result = runner.invoke(cli, ["validate", path])
    assert result.output.splitlines()[1] == f"Error: {path}:3: roles[0].next[2]: 'c' is next[0] already; name each " \
                                            "role once"


@pytest.mark.parametrize("name", ["ladder.xlsx", "ladder.csv"])
def test_a_spreadsheet_given_as_a_ladder_points_at_import(tmp_path, runner, name):
    # A workbook was "not valid UTF-8 (byte 0xbc)"; a CSV "expected a mapping with 'ladder' and 'roles'".
    sheet = tmp_path / name
    assert runner.invoke(cli, ["export", "-o", str(sheet)]).exit_code == 0
    result = runner.invoke(cli, ["validate", str(sheet)])
    assert (result.exit_code, result.output) == (1, f"Error: {sheet}: a spreadsheet, not a ladder file; make a "
                                                 f"ladder file of it with: pmladder import {sheet} -o ladder.yaml\n")


# ---------------------------------------------------------------- assessments


def test_an_assessment_naming_a_target_twice_says_where(write, runner):
    # It printed "Error: AssessmentError": no file, no line, no reason.
    path = write("role: pm\ntarget: [zz, spm, spm]\n", "me.yaml")
    result = runner.invoke(cli, ["assess", path, "-f", "md", "-o", "-"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: {path}:2: target[0]: no role 'zz' in the ladder; expected one of: apm, pm, spm, gpm, director, "
        "vp, cpo",
        f"Error: {path}:2: target[2]: 'spm' is target[1] already; name each role once",
    ]


def test_an_evidence_sheet_of_a_workbook_over_the_cell_bound_is_read(tmp_path, runner, monkeypatch):
    """The workbook of a 200-role ladder holds more cells than a workbook may when read (an
    evidence sheet per role): `assess --role` read them all and refused the file `export` wrote.
    Here the default ladder's workbook under a bound its data sheets and one evidence sheet fit."""
    from pmladder.load import sheet

    book = tmp_path / "ladder.xlsx"
    assert runner.invoke(cli, ["export", "-o", str(book)]).exit_code == 0
    monkeypatch.setattr(sheet, "MAX_CELLS", 500)
    result = runner.invoke(cli, ["assess", str(book), "--role", "pm", "-f", "md", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Development report\n\nProduct Manager → Senior Product Manager")
    with pytest.raises(LadderError, match="more than 500 cells"):
        sheet.read_workbook(str(book))  # the whole workbook is over it


def test_two_competencies_of_one_name_on_an_evidence_sheet_keep_their_own_ratings(write, tmp_path, runner):
    # Each row was read as the last competency of its name: the first one's ratings were lost.
    import openpyxl

    ladder = write("schema: 2\nladder: {title: T}\ndimensions:\n  - {id: a, name: Scope, kind: rating}\n"
                   "  - {id: b, name: Scope, kind: rating}\nroles:\n"
                   "  - {id: pm, title: PM, level: 1, next: [spm], dimensions: {a: 1, b: 2}}\n"
                   "  - {id: spm, title: SPM, level: 2, dimensions: {a: 3, b: 4}}\n")
    book = tmp_path / "ladder.xlsx"
    assert runner.invoke(cli, ["export", ladder, "-o", str(book)]).exit_code == 0
    filled = openpyxl.load_workbook(book)
    assert [row[0].value for row in filled["PM"].iter_rows(min_row=2)] == ["Scope", "Scope"]
    filled["PM"]["E2"], filled["PM"]["E3"] = 2, 5
    filled.save(book)
    result = runner.invoke(cli, ["assess", str(book), "--role", "pm", "-f", "md", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "| Scope | 1 point | 2 of 5 | 3 of 5 |\n" in result.output
    assert "- Scope: 5 of 5 (target 4 of 5)\n" in result.output


def test_an_assessment_plan_over_its_limit_is_reported_once(write, runner):
    path = write("role: pm\nplan: [" + ", ".join(["step"] * 101) + "]\n", "me.yaml")
    result = runner.invoke(cli, ["assess", path, "-f", "md", "-o", "-"])
    assert (result.exit_code, result.output) == (1, f"Error: {path}:2: plan: 101 items; the limit is 100\n")


# ---------------------------------------------------------------- any small sheet


_WORDS = ["competency", "group", "title", "level", "track", "id", "next", "reports to", "sections", "PM", "SPM",
          "pm", "Level 2", "1", "2", "0", "-1", "", " ", "\"a,b\"", "\"a\nb\"", "• x", "=1", "#N/A", "'=x", "IC",
          "yes", "null", "~", "1.5", "007", "a: b", "{n}", "\U0001F600", "e\u0301", "\u00a0"]


@settings(max_examples=40, deadline=2000, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.just("") | st.sampled_from(_WORDS), min_size=1, max_size=6), min_size=1, max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]), layout=st.sampled_from(["auto", "a", "b"]))
def test_any_small_csv_imports_or_is_refused_at_a_place_of_its_own(tmp_path, rows, delimiter, layout):
    from pmladder.errors import LadderError
    from pmladder.load.fromsheet import import_sheet

    sheet = tmp_path / "team.csv"
    sheet.write_text("\n".join(delimiter.join(row) for row in rows) + "\n", encoding="utf-8")
    try:
        import_sheet(str(sheet), layout)
    except LadderError as exc:
        assert exc.problems and all(str(p).startswith(str(sheet)) for p in exc.problems)
