"""LibreOffice is a real client of `pmladder import`: a CSV that LibreOffice Calc saves as .xlsx
imports as the same ladder as the CSV itself. One conversion for the module (soffice is slow),
in a private profile folder so it never touches (or waits for) a user's LibreOffice."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pmladder.load.fromsheet import import_sheet

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                                "Debian: apt-get install libreoffice-calc-nogui")

CSV = (
    "Category;Competency;Description;Associate PM;PM;Senior PM\r\n"
    "Craft;Discovery;Finding problems worth solving;Learns with guidance;Runs discovery;Coaches others\r\n"
    ";Delivery;;2;3;4\r\n"
    'Leadership;Influence;;"Écoute\r\nListens";Aligns the team;=Aligns the organization\r\n'
)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo")
    source = folder / "product.csv"
    source.write_bytes(CSV.encode("utf-8"))
    # 59 = ';', 34 = '"', 76 = UTF-8, from line 1; the last token: '=...' stays text, not a formula
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--infilter=CSV:59,34,76,1,,0,false,true,false,false,false,0,false", "--convert-to", "xlsx",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=120)
    return source, folder / "product.xlsx"


def test_libreoffice_xlsx_imports_as_the_csv_does(converted):
    csv_path, xlsx_path = converted
    assert xlsx_path.read_bytes()[:2] == b"PK"
    from_csv = import_sheet(str(csv_path)).ladder
    from_xlsx = import_sheet(str(xlsx_path)).ladder
    assert from_xlsx._replace(name="x", source=None) == from_csv._replace(name="x", source=None)
    assert from_xlsx.roles[0].values["influence"] == ("Écoute", "Listens")
    assert from_xlsx.roles[1].values["delivery"] == 3
    assert from_xlsx.roles[2].values["influence"] == "=Aligns the organization"


def test_errors_name_libreoffices_sheet_and_cell(converted, tmp_path):
    import openpyxl

    from pmladder.errors import LadderError

    _, xlsx_path = converted
    book = openpyxl.load_workbook(xlsx_path)
    sheet = book.active
    for column, header in zip("ABC", ("Title", "Level", "Summary")):
        sheet[f"{column}1"] = header  # roles as rows now: 'Discovery' is no level
    sheet["A3"] = "Analyst"
    book.save(tmp_path / "edited.xlsx")
    with pytest.raises(LadderError) as caught:
        import_sheet(str(tmp_path / "edited.xlsx"))
    found = [str(p) for p in caught.value.problems]
    assert f"{tmp_path / 'edited.xlsx'}:{sheet.title}!B2: level: expected a whole number, got 'Discovery'" in found
    assert f"{tmp_path / 'edited.xlsx'}:{sheet.title}!B3: level: expected a whole number, got 'Delivery'" in found
