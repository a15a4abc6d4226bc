"""A careless spreadsheet gets an error at its cell, never a silently different ladder."""
from __future__ import annotations

import pytest

from pmladder.cli import cli
from pmladder.errors import LadderError
from pmladder.load.fromsheet import import_sheet


def errors(path) -> list[str]:
    with pytest.raises(LadderError) as caught:
        import_sheet(str(path))
    return [str(p) for p in caught.value.problems]


def test_a_competency_written_twice_on_one_sheet_is_refused_not_merged(tmp_path, runner):
    sheet = tmp_path / "team.csv"
    sheet.write_text("competency,pm,spm\nScope,a,b\nFocus,c,d\nScope,e,f\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(sheet), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: {sheet}:4:1: competency: 'Scope' is on row 2 already; give each competency one row",
    ]
    assert not (tmp_path / "out.yaml").exists()


def test_a_competency_before_the_first_group_row_is_named(tmp_path):
    # 'Focus' has nothing beside it, so it heads a group: 'Scope' above it then has no group.
    sheet = tmp_path / "team.csv"
    sheet.write_text("competency,pm,spm\nScope,a,b\nFocus,,\nStrategy,c,d\n", encoding="utf-8")
    assert errors(sheet) == [
        f"{sheet}:2:1: Scope: comes before the first group row (row 3, 'Focus': a name with nothing "
        "beside it heads a group); put it under a group row, or fill in the roles' cells of row 3",
    ]


def test_one_competency_on_two_track_sheets_is_still_one_competency(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in ("IC", "Manager"):
        sheet = book.create_sheet(name)
        for row in (["competency", f"{name} 1", f"{name} 2"], ["Scope", "a", "b"]):
            sheet.append(row)
    book.save(tmp_path / "two.xlsx")
    ladder = import_sheet(str(tmp_path / "two.xlsx")).ladder
    assert [d.id for d in ladder.dimensions] == ["scope"]


def test_a_competency_column_written_twice_is_refused_not_merged(tmp_path):
    sheet = tmp_path / "roles.csv"
    sheet.write_text("title,level,Scope,scope\nPM,1,a,b\nSPM,2,c,d\n", encoding="utf-8")
    assert errors(sheet) == [f"{sheet}:1:4: competency: 'scope' heads column 3 already; give each competency one column"]


def test_an_unknown_assessment_field_lists_each_field_once(tmp_path):
    from pmladder.errors import AssessmentError
    from pmladder.load.assessment import load_assessment

    path = tmp_path / "me.yaml"
    path.write_text("role: pm\nextra: 1\n", encoding="utf-8")
    with pytest.raises(AssessmentError) as caught:
        load_assessment(str(path))
    message = str(caught.value.problems[0])
    assert message.endswith("extra: unknown field; expected one of: role, ladder, person, target, date, competencies, plan")


def test_the_matrix_csv_of_export_is_refused_not_read_as_competencies(tmp_path, runner):
    # Read as competencies, its 'title' and 'level' rows became competencies and 'kind' a role.
    sheet = tmp_path / "ladder.csv"
    assert runner.invoke(cli, ["export", "-f", "csv", "-o", str(sheet)]).exit_code == 0
    result = runner.invoke(cli, ["import", str(sheet), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {sheet}:1:1: this is the matrix CSV of `pmladder export -f csv`")
    assert len(result.output.splitlines()) == 1
    assert not (tmp_path / "out.yaml").exists()


def test_a_sheet_whose_name_is_not_utf8_imports_with_its_bad_byte_shown(tmp_path, runner):
    """Its name goes into the YAML's comments; the bytes were kept as surrogates by the OS layer
    and ended in 'internal error (UnicodeEncodeError)'."""
    import os

    sheet = tmp_path / os.fsdecode(b"bad\xff.csv")
    sheet.write_text("competency,pm,spm\nScope,a,b\n", encoding="utf-8")
    target = tmp_path / "out.yaml"
    result = runner.invoke(cli, ["import", str(sheet), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "bad\ufffd.csv; edit it" in target.read_text(encoding="utf-8")
