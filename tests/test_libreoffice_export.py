"""LibreOffice reads what `export --format xlsx` writes: converted to CSV (every sheet, cells as
shown) and to PDF, the matrix shows ratings with their point names, text that looks like a
formula stays text, and the evidence sheet has its columns. One soffice run per format for the
module, in a private profile folder."""

from __future__ import annotations

import csv
import shutil
import subprocess

import pytest

from conftest import ROOT, ladder_text
from pmladder.load.ladder import load_ladder
from pmladder.outputs.workbook import to_xlsx

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                                "Debian: apt-get install libreoffice-calc-nogui")
DESIGN = ROOT / "data" / "examples" / "design-two-track.yaml"
FORMULAS = load_ladder(text=ladder_text("- {id: a, title: '=1+1', level: 1, dimensions: {scope: '@SUM(1)'}}\n",
                                   extra="dimensions:\n  - {id: scope, name: '-Scope'}\n"))


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo")
    ladder = load_ladder(DESIGN)
    book = folder / "design.xlsx"
    book.write_bytes(to_xlsx(ladder))
    (folder / "formulas.xlsx").write_bytes(to_xlsx(FORMULAS))
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"
    # 44 = ',', 34 = '"', 76 = UTF-8; 'true' in the 9th place: cells as shown; -1: every sheet, a file each
    for target, books in (("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                           [book, folder / "formulas.xlsx"]), ("pdf", [book])):
        subprocess.run([SOFFICE, profile, "--headless", "--convert-to", target, "--outdir", str(folder),
                        *map(str, books)], check=True, capture_output=True, timeout=180)
    return ladder, folder


def _sheet(folder, name, book="design"):
    with open(folder / f"{book}-{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_the_matrix_shows_ratings_with_their_point_names(converted):
    ladder, folder = converted
    track = ladder.tracks[0]
    rows = _sheet(folder, track.name)
    roles = ladder.roles_in(track)
    assert rows[0][1].split("\n")[0] == roles[0].title
    rating = next(d for d in ladder.dimensions if d.points)
    row = next(r for r in rows if r[0].startswith(rating.name))
    value = roles[0].values[rating.id]
    assert row[1] == f"{value} · {rating.point(value).name}"
    assert rows[1][0] == ladder.groups[0].name and not any(rows[1][1:])  # the group's band


def test_the_evidence_sheet_has_now_next_and_empty_columns(converted):
    ladder, folder = converted
    role = ladder.ordered_roles[0]
    rows = _sheet(folder, role.short)
    assert rows[0][3:] == ["Evidence", "Self rating", "Manager rating"]
    assert all(not any(r[3:]) for r in rows[1:])


def test_the_pdf_shows_the_roles(converted):
    ladder, folder = converted
    text = subprocess.run(["pdftotext", str(folder / "design.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert all(role.title in text for role in ladder.roles)


def test_formula_looking_text_is_text_to_libreoffice(converted):
    _, folder = converted
    rows = _sheet(folder, FORMULAS.label("matrix"), book="formulas")
    assert rows[0][1].split("\n")[0] == "=1+1" and rows[1] == ["-Scope", "@SUM(1)"]
    assert _sheet(folder, "Roles", book="formulas")[1][:2] == ["a", "=1+1"]
