"""`export --format xlsx`: a workbook people use at once, that imports back as the same ladder,
byte-identical every run, whose text cells never become formulas."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from conftest import ROOT, TWO_TRACK, ladder_text
from pmladder.load.fromsheet import import_sheet
from pmladder.load.ladder import load_ladder
from pmladder.outputs.workbook import to_xlsx

SHIPPED = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "data").rglob("*.yaml")
                 if "\nroles:" in p.read_text(encoding="utf-8"))  # ladders, not assessments
DESIGN = ROOT / "data" / "examples" / "design-two-track.yaml"


def same(a, b) -> bool:
    """Equal models; the file name, path and declared format are where the ladder was read from."""
    return a._replace(name="", source=None, schema=0) == b._replace(name="", source=None, schema=0)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_ladder_round_trips(tmp_path, name):
    ladder = load_ladder(ROOT / name)
    path = tmp_path / "ladder.xlsx"
    path.write_bytes(to_xlsx(ladder))
    imported = import_sheet(str(path))
    assert same(imported.ladder, ladder)
    (tmp_path / "back.yaml").write_text(imported.text, encoding="utf-8")
    assert same(load_ladder(tmp_path / "back.yaml"), ladder)  # the YAML written loads the same


def test_bytes_are_the_same_in_a_fresh_process_and_after_other_renders(tmp_path):
    ladder = load_ladder(DESIGN)
    first = to_xlsx(ladder)
    to_xlsx(load_ladder(TWO_TRACK))
    assert to_xlsx(ladder) == first
    code = ("import sys; from pmladder.load.ladder import load_ladder; from pmladder.outputs.workbook import to_xlsx;"
            f"sys.stdout.buffer.write(to_xlsx(load_ladder({str(DESIGN)!r})))")
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout
    assert fresh == first
    core = zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml")
    assert b"2000-01-01T00:00:00Z" in core


def _book(ladder):
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(ladder)))


class TestMatrixSheet:
    def test_a_sheet_per_track_with_frozen_headings_and_wrapped_text(self):
        book = _book(load_ladder(TWO_TRACK))
        assert book.sheetnames[:2] == ["Individual contributor", "Engineering management"]
        sheet = book["Individual contributor"]
        assert sheet.freeze_panes == "B2"
        assert sheet["B1"].value.startswith("Engineer I\n")
        assert sheet["A2"].alignment.wrap_text and sheet["B2"].alignment.wrap_text
        assert sheet.column_dimensions["B"].width == 30

    def test_ratings_are_numbers_that_show_their_point_name_and_groups_are_bands(self):
        ladder = load_ladder(DESIGN)
        book = _book(ladder)
        sheet = book[ladder.tracks[0].name]
        first_group = ladder.groups[0].name
        assert sheet["A2"].value == first_group and sheet["A2"].font.b
        rating = next(d for d in ladder.dimensions if d.points)
        role = ladder.roles_in(ladder.tracks[0])[0]
        row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value and r[0].value.startswith(rating.name))
        cell = row[1]
        value = role.values[rating.id]
        assert cell.value == value and cell.data_type == "n"
        assert cell.number_format == f'0" · {rating.point(value).name}"'


class TestEvidenceSheet:
    def test_now_next_and_empty_columns_with_rating_dropdowns(self):
        ladder = load_ladder(DESIGN)
        book = _book(ladder)
        role = ladder.ordered_roles[0]
        sheet = book[role.short]
        headers = [c.value for c in sheet[1]]
        nxt = ladder.next_roles(role)[0]
        assert headers[1].startswith(role.title) and headers[2].startswith(nxt.title)
        assert headers[3:] == ["Evidence", "Self rating", "Manager rating"]
        rated = [v for v in sheet.data_validations.dataValidation]
        assert rated, "no drop-downs"
        scale = next(d for d in ladder.dimensions if d.points).scale
        assert any(v.formula1 == '"' + ",".join(map(str, range(1, scale + 1))) + '"' for v in rated)
        covered = {str(r) for v in rated for r in v.sqref.ranges}
        row = next(c.row for c in sheet["A"] if c.value == next(d for d in ladder.dimensions if d.points).name)
        assert f"E{row}:F{row}" in covered
        assert all(sheet.cell(row=row, column=column).value is None for column in (4, 5, 6))


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    source = ladder_text("""\
        - id: a
          title: "=HYPERLINK(\\"http://x\\",\\"y\\")"
          level: 1
          summary: "+1 for everyone"
          dimensions: {scope: "-2 teams", owner: "@here"}
        """, extra="dimensions:\n  - {id: scope, name: '=SUM(A1)'}\n  - {id: owner, name: Owner}\n")
    ladder = load_ladder(text=source)
    data = to_xlsx(ladder)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets)
    path = tmp_path / "f.xlsx"
    path.write_bytes(data)
    book = openpyxl.load_workbook(path)
    texts = {c.value for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "s"}
    assert {'=HYPERLINK("http://x","y")', "+1 for everyone", "-2 teams", "@here", "=SUM(A1)"} <= texts
    assert same(import_sheet(str(path)).ladder, ladder)


class TestExportCommand:
    def test_xlsx_by_suffix_and_it_imports_back(self, runner, tmp_path):
        from pmladder.cli import cli

        result = runner.invoke(cli, ["export", str(DESIGN), "-o", str(tmp_path / "ladder.xlsx")])
        assert result.exit_code == 0, result.output
        assert (tmp_path / "ladder.xlsx").read_bytes() == to_xlsx(load_ladder(DESIGN))
        result = runner.invoke(cli, ["import", str(tmp_path / "ladder.xlsx"), "-o", str(tmp_path / "back.yaml")])
        assert result.exit_code == 0, result.output
        assert same(load_ladder(tmp_path / "back.yaml"), load_ladder(DESIGN))

    def test_csv_with_and_without_a_bom(self, runner, tmp_path):
        from pmladder.cli import cli
        from pmladder.outputs.tables import to_csv

        plain = runner.invoke(cli, ["export", str(DESIGN), "-f", "csv", "-o", str(tmp_path / "m.csv")])
        marked = runner.invoke(cli, ["export", str(DESIGN), "--bom", "-o", str(tmp_path / "b.csv")])
        assert plain.exit_code == 0 and marked.exit_code == 0, (plain.output, marked.output)
        expected = to_csv(load_ladder(DESIGN)).encode("utf-8")
        assert (tmp_path / "m.csv").read_bytes() == expected
        assert (tmp_path / "b.csv").read_bytes() == b"\xef\xbb\xbf" + expected

    def test_bom_is_only_for_csv(self, runner):
        from pmladder.cli import cli

        result = runner.invoke(cli, ["export", "-f", "xlsx", "--bom", "-o", "x.xlsx"])
        assert result.exit_code == 2 and result.output.rstrip().endswith("Error: --bom is for CSV; the format is xlsx")


def test_an_exported_workbook_is_read_from_its_data_sheets(tmp_path):
    path = tmp_path / "ladder.xlsx"
    path.write_bytes(to_xlsx(load_ladder(DESIGN)))
    book = openpyxl.load_workbook(path)
    book["Designer"]["B3"] = "edited in the view"  # a view: not what import reads
    book.save(path)
    imported = import_sheet(str(path))
    assert same(imported.ladder, load_ladder(DESIGN))
    assert "# - sheet 'Designer': not read (a view of the data sheets)" in imported.text
    book["About"]["A1"] = "notes"  # not pmladder's About sheet: every sheet is read as it is
    book.save(path)
    with pytest.raises(Exception) as caught:
        import_sheet(str(path))
    assert "cannot tell the layout" in str(caught.value)
