"""`pmladder upgrade FILE`: the newest format, with every comment and line as written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, TWO_TRACK
from pmladder.cli import cli
from pmladder.load.ladder import load_ladder
from pmladder.outputs.json_export import to_json

SHIPPED = [p for p in [ROOT / "data" / "product-management.yaml", *sorted((ROOT / "data").glob("*/*.yaml"))]
           if not p.name.startswith("assessment-")]


def only_changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_ladder_upgrades_to_the_same_ladder_with_its_comments(path, tmp_path, runner):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    before = copy.read_text(encoding="utf-8")
    model = load_ladder(str(copy))
    result = runner.invoke(cli, ["upgrade", str(copy)])
    assert result.exit_code == 0, result.output
    after = copy.read_text(encoding="utf-8")
    if "\nschema: 2\n" in before:
        assert result.output == f"{copy}: already schema 2; nothing to do\n" and after == before
        return
    assert result.output == f"{copy}: upgraded from schema 1 to schema 2\n"
    assert only_changed_lines(before, after) == [("schema: 1", "schema: 2")]
    assert len(after.splitlines()) == len(before.splitlines())
    upgraded = load_ladder(str(copy))
    assert upgraded.schema == 2 and upgraded == model._replace(schema=2)


def test_a_file_without_a_schema_line_gets_one_above_its_first_field(write, runner):
    path = write("# Our ladder\r\n\r\nladder: {title: T}  # the title\r\nroles: [{id: a, title: A, level: 1}]\r\n")
    result = runner.invoke(cli, ["upgrade", path])
    assert result.output == f"{path}: upgraded from no schema line to schema 2\n"
    assert Path(path).read_bytes() == (b"# Our ladder\r\n\r\nschema: 2\r\nladder: {title: T}  # the title\r\n"
                                       b"roles: [{id: a, title: A, level: 1}]\r\n")


def test_a_schema_line_with_a_comment_keeps_it(write, runner):
    path = write("schema: 1   # old format\nladder: {title: T}\nroles: [{id: a, title: A, level: 1}]\n")
    assert runner.invoke(cli, ["upgrade", path]).exit_code == 0
    assert Path(path).read_text().splitlines()[0] == "schema: 2   # old format"


def test_a_file_that_does_not_load_is_reported_and_left_as_it_is(write, runner):
    path = write("schema: 1\nladder: {title: T}\nroles: [{id: a, title: A, level: x}]\n")
    before = Path(path).read_bytes()
    result = runner.invoke(cli, ["upgrade", path])
    assert result.exit_code == 1
    assert result.output == f"Error: {path}:3: roles[0].level: expected a whole number, got 'x'\n"
    assert Path(path).read_bytes() == before


def test_a_schema_it_cannot_edit_as_a_line_is_refused(write, runner):
    path = write("{schema: 1, ladder: {title: T}, roles: [{id: a, title: A, level: 1}]}\n")
    before = Path(path).read_bytes()
    result = runner.invoke(cli, ["upgrade", path])
    assert result.exit_code == 1
    assert result.output == (f"Error: {path}:1: schema: cannot upgrade: the schema value is not on its own "
                             "'schema: N' line; add 'schema: 2' by hand (nothing was written)\n")
    assert Path(path).read_bytes() == before


def test_output_elsewhere_leaves_the_file_and_never_the_file_itself(tmp_path, runner):
    source = tmp_path / "team.yaml"
    shutil.copy(TWO_TRACK, source)
    before = source.read_bytes()
    result = runner.invoke(cli, ["upgrade", str(source), "-o", str(tmp_path / "new.yaml")])
    assert result.output == f"{tmp_path / 'new.yaml'}: upgraded from schema 1 to schema 2\n"
    assert source.read_bytes() == before
    assert (tmp_path / "new.yaml").read_bytes() == before.replace(b"\nschema: 1\n", b"\nschema: 2\n")
    stdout = runner.invoke(cli, ["upgrade", str(source), "-o", "-"])
    assert stdout.output.encode() == (tmp_path / "new.yaml").read_bytes()
    clobber = runner.invoke(cli, ["upgrade", str(source), "-o", str(source)])
    assert clobber.exit_code == 2 and "is an input of this run" in clobber.output


def test_a_link_stays_a_link(tmp_path, runner):
    real = tmp_path / "real.yaml"
    shutil.copy(TWO_TRACK, real)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert runner.invoke(cli, ["upgrade", str(link)]).exit_code == 0
    assert link.is_symlink() and b"\nschema: 2\n" in real.read_bytes()


def test_an_export_file_upgrades_its_document(tmp_path, runner):
    path = tmp_path / "ladder.json"
    path.write_text(to_json(load_ladder(str(TWO_TRACK))), encoding="utf-8")
    assert '"schema": 1,' in path.read_text()
    assert runner.invoke(cli, ["upgrade", str(path)]).exit_code == 0
    assert load_ladder(str(path)).schema == 2 and '"schema": 2,' in path.read_text()
