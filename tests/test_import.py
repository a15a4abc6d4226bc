"""`pmladder import`: spreadsheets as people keep them become ladder YAML that validates as is;
problems point at cells; hostile workbooks get one line and nothing is written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmladder.cli import cli
from pmladder.errors import LadderError, PmladderWarning
from pmladder.load.fromsheet import import_sheet
from pmladder.load.ladder import load_ladder

COMPETENCY_ROWS = (
    "Category;Competency;Description;Associate PM;PM;Senior PM\r\n"
    "Craft;Discovery;Finding problems worth solving;Learns with guidance;Runs discovery;Coaches others\r\n"
    ";Delivery;;2;3;4\r\n"
    'Leadership;Influence;;"Shares early\r\nListens";Aligns the team;Aligns the organization\r\n'
)


def imported(path, *args):
    return import_sheet(str(path), *args)


def errors(path, layout="auto") -> list[str]:
    with pytest.raises(LadderError) as caught:
        import_sheet(str(path), layout)
    return [str(p) for p in caught.value.problems]


def workbook(path, sheets: dict[str, list[list]]) -> str:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return str(path)


class TestCompetenciesAsRows:
    def test_a_european_csv_becomes_a_ladder_that_validates(self, tmp_path, runner):
        sheet = tmp_path / "product.csv"
        sheet.write_bytes(COMPETENCY_ROWS.encode("utf-8"))
        result = runner.invoke(cli, ["import", str(sheet), "-o", str(tmp_path / "ladder.yaml")])
        assert result.exit_code == 0, result.output
        assert runner.invoke(cli, ["validate", str(tmp_path / "ladder.yaml")]).exit_code == 0
        text = (tmp_path / "ladder.yaml").read_text(encoding="utf-8")
        assert text.startswith("# Imported by `pmladder import` from ")
        assert "columns separated by semicolons" in text
        ladder = load_ladder(tmp_path / "ladder.yaml")
        assert [r.id for r in ladder.roles] == ["associate-pm", "pm", "senior-pm"]
        assert [r.level for r in ladder.roles] == [1, 2, 3]
        assert ladder.roles[0].next == ("pm",) and ladder.roles[2].next == ()
        delivery = ladder.dimensions[1]
        assert delivery.is_rating and ladder.roles[1].values["delivery"] == 3
        assert ladder.roles[0].values["influence"] == ("Shares early", "Listens")
        assert [g.name for g in ladder.groups] == ["Craft", "Leadership"]
        assert [d.group for d in ladder.dimensions] == ["craft", "craft", "leadership"]
        assert ladder.dimensions[0].description == "Finding problems worth solving"

    def test_a_workbook_with_a_sheet_per_track_gives_tracks(self, tmp_path):
        path = workbook(tmp_path / "eng.xlsx", {
            "Engineering": [["Competency", "Engineer", "Senior Engineer"], ["Code", "Writes", "Reviews"]],
            "Management": [["Competency", "Manager", "Director"], ["Code", "Reads", "Trusts"],
                           ["People", "Coaches", "Hires"]],
        })
        ladder = imported(path).ladder
        assert [(t.id, t.name) for t in ladder.tracks] == [("engineering", "Engineering"), ("management", "Management")]
        assert [(r.id, r.track) for r in ladder.roles] == [
            ("engineer", "engineering"), ("senior-engineer", "engineering"),
            ("manager", "management"), ("director", "management")]
        people = ladder.dimensions[1]
        assert people.tracks == ("management",) and ladder.dimensions[0].tracks == ()

    def test_a_merged_group_cell_heads_the_rows_below_it(self, tmp_path):
        book = openpyxl.Workbook()
        sheet = book.active
        for row in (["Group", "Competency", "L1", "L2"], ["Results", "Impact", 1, 2], [None, "Scope", 2, 3],
                    ["People", "Mentoring", 1, 3]):
            sheet.append(row)
        sheet.merge_cells("A2:A3")
        book.save(tmp_path / "merged.xlsx")
        ladder = imported(tmp_path / "merged.xlsx").ladder
        assert [d.group for d in ladder.dimensions] == ["results", "results", "people"]

    def test_a_formula_cell_gives_its_cached_value_and_is_never_evaluated(self, tmp_path):
        path = workbook(tmp_path / "f.xlsx", {"Sheet": [["Competency", "L1", "L2"], ["Impact", "=1+1", 3]]})
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        sheet_xml = parts["xl/worksheets/sheet1.xml"]
        assert b"<f>1+1</f><v></v>" in sheet_xml
        parts["xl/worksheets/sheet1.xml"] = sheet_xml.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        ladder = imported(path).ladder
        assert ladder.roles[0].values["impact"] == 2


class TestRolesAsRows:
    def test_every_problem_at_its_cell_and_nothing_written(self, tmp_path, runner):
        path = workbook(tmp_path / "ladder.xlsx", {"Engineering": [
            ["id", "title", "level", "track", "summary", "Impact"],
            ["eng1", "Engineer", 1, "IC", "Builds", 2],
            ["eng2", "Senior Engineer", "Senior", "IC", "Leads", 3],
            ["eng3", "Staff Engineer", 3, "IC", "Shapes", "lots"],
        ]})
        result = runner.invoke(cli, ["import", path, "-o", str(tmp_path / "out.yaml")])
        assert result.exit_code == 1
        assert result.output.splitlines() == [
            f"Error: {path}:Engineering!C3: level: expected a whole number, got 'Senior'",
        ]
        assert not (tmp_path / "out.yaml").exists()

    def test_a_blank_level_is_reported_at_its_own_cell(self, tmp_path):
        """It was reported at the row's first cell (team.csv:3:1), the role's id."""
        sheet = tmp_path / "team.csv"
        sheet.write_text("id,title,level,Scope\na,A,1,x\nb,B,,y\n", encoding="utf-8")
        assert errors(sheet) == [f"{sheet}:3:3: level: expected a whole number, got nothing"]

    @pytest.mark.parametrize("rows, where, what", [
        ("Competency,Junior,Mid,,Senior\nScope,a,b,c,d\n", "2:4", "level or role"),  # layout (a)
        ("id,title,level,Scope\na,A,1,x,notes\n", "2:5", "field or competency"),  # past the header, (b)
    ])
    def test_a_value_under_no_heading_is_reported_not_dropped(self, tmp_path, rows, where, what):
        """Both were left out of the ladder without a word."""
        sheet = tmp_path / "team.csv"
        sheet.write_text(rows, encoding="utf-8")
        assert errors(sheet) == [f"{sheet}:{where}: a value in a column with no heading; head the column with its "
                                 f"{what}, or clear it"]

    def test_two_problems_are_reported_together(self, tmp_path):
        sheet = tmp_path / "team.csv"
        sheet.write_text("title,level,next\nPM,1,Senior PM\nSenior PM,two,\nLead,3,Nobody\n", encoding="utf-8")
        found = errors(sheet)
        assert f"{sheet}:3:2: level: expected a whole number, got 'two'" in found
        assert any(line.startswith(f"{sheet}:4:3: next: unknown role 'Nobody'") for line in found), found
        assert len(found) == 2

    def test_titles_in_next_become_ids_and_fields_are_read(self, tmp_path):
        sheet = tmp_path / "team.csv"
        sheet.write_text("Title,Level,Summary,Next,Responsibilities,Impact\n"
                         "Product Manager,1,Owns a feature,Senior PM,\"• Writes specs\n• Talks to users\",2\n"
                         "Senior PM,2,Owns an area,,,4\n", encoding="utf-8")
        ladder = imported(sheet).ladder
        pm = ladder.roles[0]
        assert pm.next == ("senior-pm",) and pm.summary == "Owns a feature"
        assert pm.responsibilities == ("Writes specs", "Talks to users")
        assert ladder.dimensions[0].is_rating and pm.values["impact"] == 2

    def test_layout_is_forced_when_the_header_does_not_say(self, tmp_path):
        sheet = tmp_path / "odd.csv"
        sheet.write_text("Thing,Junior,Senior\nImpact,small,big\n", encoding="utf-8")
        assert "cannot tell the layout" in errors(sheet)[0] and errors(sheet)[0].startswith(f"{sheet}:1:1: ")
        assert [r.title for r in imported(sheet, "a").ladder.roles] == ["Junior", "Senior"]


class TestCsvAsSaved:
    ROWS = "Competency\tJunior\tSenior\r\nCommunication\tÉcoute\tNégocie\r\n"

    @pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                               ("cp1252", b"")])
    def test_encodings_excel_writes(self, tmp_path, encoding, bom):
        sheet = tmp_path / "team.csv"
        sheet.write_bytes(bom + self.ROWS.encode(encoding))
        if encoding == "cp1252":
            with pytest.warns(PmladderWarning, match="not UTF-8; read as Windows-1252"):
                ladder = imported(sheet).ladder
        else:
            ladder = imported(sheet).ladder
        assert ladder.roles[0].values["communication"] == "Écoute"
        assert ladder.roles[1].values["communication"] == "Négocie"

    def test_windows_1252_is_read_with_a_warning(self, tmp_path, runner, monkeypatch):
        """Bytes that are not UTF-8 could be any code page: Windows-1252 is a guess, so it is said
        (before: read as Windows-1252 silently). A sheet in UTF-8 gets no such line."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "team.csv").write_bytes(self.ROWS.encode("cp1252"))
        result = runner.invoke(cli, ["import", "team.csv", "-o", "team.yaml"])
        assert (result.exit_code, result.stderr) == (0, "Warning: team.csv: not UTF-8; read as Windows-1252\n")
        assert load_ladder("team.yaml").roles[0].values["communication"] == "Écoute"
        (tmp_path / "team.csv").write_bytes(self.ROWS.encode("utf-8"))
        result = runner.invoke(cli, ["import", "team.csv", "-o", "utf8.yaml"])
        assert (result.exit_code, result.stderr) == (0, "")

    def test_utf16_without_bom_is_refused(self, tmp_path):
        sheet = tmp_path / "team.csv"
        sheet.write_bytes(self.ROWS.encode("utf-16-le"))
        assert "NUL bytes" in errors(sheet)[0]

    def test_one_column_is_refused_not_guessed(self, tmp_path):
        sheet = tmp_path / "team.csv"
        sheet.write_text("Competency\nImpact\n", encoding="utf-8")
        assert "cannot tell how the columns are separated" in errors(sheet)[0]

    def test_formula_text_stays_text(self, tmp_path):
        sheet = tmp_path / "team.csv"
        sheet.write_text("Competency,Junior,Senior\nImpact,=HYPERLINK(\"x\"),'+1 more\n", encoding="utf-8")
        ladder = imported(sheet).ladder
        assert ladder.roles[0].values["impact"] == '=HYPERLINK("x")'
        assert ladder.roles[1].values["impact"] == "+1 more"


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class TestHostileWorkbooks:
    def _one_line(self, tmp_path, runner, data: bytes, name="evil.xlsx") -> str:
        path = tmp_path / name
        path.write_bytes(data)
        result = runner.invoke(cli, ["import", str(path), "-o", str(tmp_path / "out.yaml")])
        assert result.exit_code == 1, result.output
        lines = result.output.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: "), result.output
        assert not (tmp_path / "out.yaml").exists()
        return lines[0]

    def test_zip_bomb_is_refused_from_the_directory(self, tmp_path, runner):
        bomb = _zip({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * (60 * 1024 * 1024)})
        assert len(bomb) < 200_000
        assert "inflates to 62,914,564 bytes" in self._one_line(tmp_path, runner, bomb)

    def test_entity_bomb(self, tmp_path, runner):
        path = workbook(tmp_path / "ok.xlsx", {"S": [["Competency", "L1"], ["Impact", "x"]]})
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
                + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i else b"&lol;") * 10)
                           for i in range(1, 10))
                + b']><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol9;</workbook>')
        for part in ("xl/workbook.xml", "xl/worksheets/sheet1.xml"):
            evil = dict(parts, **{part: bomb})
            line = self._one_line(tmp_path, runner, _zip(evil))
            assert line.endswith(f"{part} declares a DOCTYPE, which Excel never writes (an XML entity bomb?); refused")

    def test_defusedxml_guards_openpyxl(self):
        import openpyxl.xml

        assert openpyxl.xml.DEFUSEDXML is True

    @pytest.mark.parametrize("data, message", [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "Excel 97-2003 (.xls) file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "protected with a password"),
        (_zip({"Index/Document.iwa": b"x", "Metadata/Properties.plist": b"x"}), "Apple Numbers file"),
        (b"", "the file is empty"),
        (b"hello, world\n", "not an .xlsx workbook"),
    ])
    def test_not_a_workbook(self, tmp_path, runner, data, message):
        assert message in self._one_line(tmp_path, runner, data)

    def test_empty_workbook(self, tmp_path, runner):
        path = workbook(tmp_path / "empty.xlsx", {"Sheet": []})
        assert "the workbook is empty" in self._one_line(tmp_path, runner, (tmp_path / "empty.xlsx").read_bytes())
        assert path

    def test_a_long_cell_and_too_many_cells(self, tmp_path):
        long = workbook(tmp_path / "long.xlsx", {"S": [["Competency", "L1"], ["Impact", "x" * 10_001]]})
        assert errors(long) == [f"{long}:S!B2: the cell holds 10,001 characters; the limit is 10,000"]
        many = workbook(tmp_path / "many.xlsx", {"S": [[1] * 400 for _ in range(300)]})
        assert "more than 50,000 cells" in errors(many)[0]

    def test_a_maze_of_merged_cells_is_not_followed(self, tmp_path):
        path = workbook(tmp_path / "maze.xlsx", {"S": [["Competency", "L1", "L2"], ["Impact", 1, 2]]})
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        merges = b"".join(b'<mergeCell ref="C%d:D%d"/>' % (n, n) for n in range(10, 60_000))
        parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
            b"</sheetData>", b'</sheetData><mergeCells count="59990">' + merges + b"</mergeCells>")
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        assert imported(path).ladder.roles[1].values["impact"] == 2

    def test_more_merged_ranges_than_a_ladder_has_are_refused_before_openpyxl_reads_them(self, tmp_path):
        """openpyxl reads every range even in read-only mode: a million took 12 s and 720 MB."""
        path = workbook(tmp_path / "maze.xlsx", {"S": [["Competency", "L1", "L2"], ["Impact", 1, 2]]})
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        merges = b"".join(b'<mergeCell ref="C%d:D%d"/>' % (n, n) for n in range(10, 100_011))
        parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
            b"</sheetData>", b"</sheetData><mergeCells>" + merges + b"</mergeCells>")
        Path(path).write_bytes(_zip(parts))
        assert errors(path) == [f"{path}:S: more than 100,000 merged ranges; a ladder has far fewer"]

    def test_a_renamed_xls_csv_suffix_is_refused(self, tmp_path, runner):
        assert "cannot import .numbers" in self._one_line(tmp_path, runner, b"x", name="team.numbers")


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_every_text_is_written_as_yaml_that_reads_back_as_itself(text):
    import yaml

    from pmladder.load.sheetyaml import scalar

    written = scalar(text)
    assert "\n" not in written and yaml.safe_load("k: " + written)["k"] == text


def test_several_roles_sheets_without_a_track_column_are_tracks(tmp_path):
    path = workbook(tmp_path / "two.xlsx", {
        "Engineering": [["title", "level", "Impact"], ["Engineer", 1, 2], ["Senior Engineer", 2, 3]],
        "Design": [["title", "level", "Impact"], ["Designer", 1, 2]],
    })
    ladder = imported(path).ladder
    assert [(r.id, r.track) for r in ladder.roles] == [
        ("engineer", "engineering"), ("senior-engineer", "engineering"), ("designer", "design")]


def test_roles_sheets_name_their_managers_and_next_roles_by_title_on_any_sheet(tmp_path):
    """Several roles sheets, each role with one `reports to` (the import used to stop with an
    internal error on the second sheet): a title names the role on the row's own sheet first
    (both tracks have a "Lead"), then one on another sheet ("Head of Product")."""
    path = workbook(tmp_path / "tracks.xlsx", {
        "Product": [["title", "level", "next", "reports to"],
                    ["Product Manager", 1, "Lead", "Lead"], ["Lead", 2, "Head of Product", "Head of Product"],
                    ["Head of Product", 3, None, None]],
        "Design": [["title", "level", "next", "reports to"],
                   ["Designer", 1, "Lead", "Lead"], ["Lead", 2, "Head of Product", "Head of Product"]],
    })
    roles = {r.id: r for r in imported(path).ladder.roles}
    design_lead = next(r.id for r in roles.values() if r.title == "Lead" and r.track == "design")
    product_lead = next(r.id for r in roles.values() if r.title == "Lead" and r.track == "product")
    assert design_lead != product_lead
    assert roles["designer"].next == (design_lead,) and roles["designer"].reports_to == (design_lead,)
    assert roles["product-manager"].next == (product_lead,) and roles["product-manager"].reports_to == (product_lead,)
    assert roles[design_lead].next == ("head-of-product",) and roles[design_lead].reports_to == ("head-of-product",)


def test_a_value_merged_across_levels_is_each_levels_and_a_merged_band_stays_a_group(tmp_path):
    """"Interviews" merged across Mid and Senior: only Mid had it (openpyxl reads the other
    cells of a range as empty), so Senior silently lost its hiring expectation. A group's name
    merged across the sheet is still the band that heads the rows below it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Eng"
    for row in (["Competency", "Junior", "Mid", "Senior"], ["Craft"], ["Hiring", "Shadows interviews", "Interviews"],
                ["Scope", "Task", "Project", "Area"]):
        sheet.append(row)
    sheet.merge_cells("A2:D2")
    sheet.merge_cells("C3:D3")
    book.save(tmp_path / "merged.xlsx")
    ladder = imported(tmp_path / "merged.xlsx").ladder
    assert {r.id: r.values["hiring"] for r in ladder.roles} == {
        "junior": "Shadows interviews", "mid": "Interviews", "senior": "Interviews"}
    assert [g.name for g in ladder.groups] == ["Craft"] and {d.group for d in ladder.dimensions} == {"craft"}


def test_a_track_merged_down_a_roles_sheet_is_each_roles(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Roles"
    for row in (["track", "title", "level"], ["IC", "Engineer", 1], [None, "Senior Engineer", 2], ["Mgmt", "Manager", 2]):
        sheet.append(row)
    sheet.merge_cells("A2:A3")
    book.save(tmp_path / "down.xlsx")
    assert [(r.title, r.track) for r in imported(tmp_path / "down.xlsx").ladder.roles] == [
        ("Engineer", "ic"), ("Senior Engineer", "ic"), ("Manager", "mgmt")]


def test_merged_ranges_count_against_the_cell_limit(tmp_path):
    """A 6 kB workbook naming one wide range 5,000 times took 23 s to import; ranges now count
    the cells they cover (once each), as read cells do."""
    book = openpyxl.Workbook()
    sheet = book.active
    for n in range(1, 87):
        sheet.append([f"Competency {n}", "x", "y"])
    sheet.insert_rows(1)
    for column, name in enumerate(["Competency", "Junior", "Senior"], start=1):
        sheet.cell(1, column, name)
    sheet.merge_cells("B2:SF86")
    book.save(tmp_path / "wide.xlsx")
    with zipfile.ZipFile(tmp_path / "wide.xlsx") as source:
        parts = {name: source.read(name) for name in source.namelist()}
    merge = b'<mergeCell ref="C2:SF86"/>'
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b'<mergeCell ref="B2:SF86"/>', b'<mergeCell ref="B2:SF86"/>' + merge * 5000)
    (tmp_path / "wide.xlsx").write_bytes(_zip(parts))
    assert errors(tmp_path / "wide.xlsx") == [f"{tmp_path / 'wide.xlsx'}:Sheet: more than 50,000 cells in the "
                                              "workbook once merged cells are counted; a ladder has far fewer"]


def test_reporting_lines_that_go_round_name_the_cell_that_starts_the_cycle(tmp_path):
    """Two roles on one level that report to each other: `reports_to` may stay on a level, so
    only a cycle check catches it (it used to import as a ladder with no one at the top)."""
    path = workbook(tmp_path / "cycle.xlsx", {
        "Roles": [["title", "level", "reports to"], ["Lead", 3, "Head"], ["Head", 3, "Lead"], ["Engineer", 2, "Lead"]],
    })
    assert errors(path) == [f"{path}:Roles!C2: reports_to: reporting lines form a cycle: lead -> head -> lead"]


def test_csv_numbers_become_numbers_but_a_leading_zero_keeps_the_text(tmp_path):
    sheet = tmp_path / "team.csv"
    sheet.write_text("id,title,level\n007,Agent,1\n", encoding="utf-8")
    role = imported(sheet).ladder.roles[0]
    assert role.id == "007" and role.level == 1
