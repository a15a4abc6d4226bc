"""`pmladder export --format json`: the whole ladder as data, read back as the same ladder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from conftest import ROOT, TWO_TRACK
from pmladder.cli import cli
from pmladder.errors import LadderError
from pmladder.load.ladder import load_ladder
from pmladder.outputs.json_export import export_data, to_json

SHIPPED = sorted(path for path in [ROOT / "data" / "product-management.yaml", *(ROOT / "data").glob("*/*.yaml")]
                 if "roles" in yaml.safe_load(path.read_text(encoding="utf-8")))  # not the assessments
EXAMPLE = ROOT / "data" / "examples" / "design-two-track.yaml"


def loadable_corpus() -> list[Path]:
    found = []
    for path in sorted((ROOT / "tests" / "corpus" / "ladders").glob("*.yaml")):
        try:
            load_ladder(str(path))
        except LadderError:
            continue
        found.append(path)
    return found


def same(a, b) -> bool:
    """Equal models; the name and source say where each was read from."""
    return a._replace(name="", source=None) == b._replace(name="", source=None)


@pytest.mark.parametrize("path", SHIPPED + loadable_corpus(), ids=lambda p: p.name)
def test_the_export_of_every_ladder_reads_back_as_the_same_ladder(path, tmp_path):
    model = load_ladder(str(path))
    target = tmp_path / "ladder.json"
    target.write_text(to_json(model), encoding="utf-8")
    assert same(load_ladder(str(target)), model)  # the export file itself, as pmladder reads it
    document = json.loads(target.read_text(encoding="utf-8"))["document"]
    assert same(load_ladder(document), model)  # its document, as plain data for the library


def test_every_shipped_ladder_is_checked():
    names = {p.name for p in SHIPPED}
    assert {"product-management.yaml", "design-two-track.yaml", "gitlab-product.yaml"} <= names


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=__import__("test_hardening").ladders())
def test_random_ladders_read_back_the_same(data):
    model = load_ladder(data)
    assert same(load_ladder(text=to_json(model)), model)


def test_text_json_leaves_raw_but_yaml_reads_as_a_line_break_survives(write):
    path = write('ladder:\n  title: "A\\u2028B?"\nroles:\n- {id: a, title: "x\\u2029y", level: 1}\n')
    model = load_ladder(path)
    text = to_json(model)
    assert "\\u2028" in text and "\\u2029" in text
    again = load_ladder(text=text)
    assert again.title == "A\u2028B?" and again.roles[0].title == "x\u2029y"


def test_the_resolved_view_names_levels_points_groups_and_tracks():
    data = export_data(load_ladder(str(EXAMPLE)))
    assert data["pmladder_export"] == 1 and data["title"] == "Product Design Ladder"
    roles = {role["id"]: role for role in data["roles"]}
    some = next(role for role in roles.values() if role["track"] == "mgmt")
    assert some["track_name"] == "Design manager"
    assert all(role["level_name"] and not role["level_name"].startswith("Level ") for role in roles.values())
    rated = [v for role in roles.values() for v in role["values"] if isinstance(v["value"], int)]
    assert rated and all(v["point"] for v in rated)
    lists = [v for role in roles.values() for v in role["values"] if isinstance(v["value"], list)]
    assert lists, "statement lists stay lists"
    grouped = {d for g in data["groups"] for d in g["dimensions"]}
    assert grouped == {d["id"] for d in data["dimensions"]}
    assert [lv["number"] for lv in data["levels"]] == sorted(lv["number"] for lv in data["levels"])
    assert set(data["levels"][0]["by_track"]) == {"ic", "mgmt"}


def test_a_shorthand_comes_out_written_in_full(write):
    path = write("schema: 2\nladder: {title: T}\nscales:\n- {id: s, points: [Low, High]}\n"
                 "dimensions:\n- {id: d, name: D, kind: rating, scale: s}\n"
                 "roles:\n- {id: senior-product-manager-lead, title: Senior Product Manager Lead, level: 1, "
                 "dimensions: {d: High}}\n")
    role = export_data(load_ladder(path))["document"]["roles"][0]
    assert role["short"] == "SPML" and role["dimensions"] == {"d": 2}


def test_an_export_file_with_a_broken_document_names_the_line(write):
    text = to_json(load_ladder(str(TWO_TRACK))).replace('"level": 1,', '"level": "one",', 1)
    path = write(text, "ladder.json")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"level": "one"' in row)
    with pytest.raises(LadderError) as caught:
        load_ladder(path)
    assert str(caught.value).splitlines()[0] == f"{path}:{line}: roles[0].level: expected a whole number, got 'one'"
    with pytest.raises(LadderError, match="pmladder_export: expected a whole number from 1 to 1, got 2"):
        load_ladder(text=text.replace('"pmladder_export": 1', '"pmladder_export": 2'))
    with pytest.raises(LadderError, match="document: required field is missing"):
        load_ladder(text='{"pmladder_export": 1,\n "roles": []}\n')


class TestCommand:
    def test_writes_json_to_standard_output_or_a_file(self, runner, tmp_path):
        result = runner.invoke(cli, ["export", str(EXAMPLE)])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["document"]["ladder"]["title"] == "Product Design Ladder"
        target = tmp_path / "out.json"
        result = runner.invoke(cli, ["export", str(EXAMPLE), "-o", str(target)])
        assert result.exit_code == 0 and result.output.strip() == str(target)
        assert target.read_bytes() == to_json(load_ladder(str(EXAMPLE))).encode()
        again = runner.invoke(cli, ["validate", str(target)])
        assert again.output == f"{target}: ok (7 roles, 8 dimensions)\n"

    def test_the_same_ladder_gives_the_same_bytes(self, runner):
        first = runner.invoke(cli, ["export", str(TWO_TRACK)]).output
        assert first == runner.invoke(cli, ["export", str(TWO_TRACK), "-f", "json"]).output

    def test_never_writes_over_its_input(self, runner, tmp_path):
        source = tmp_path / "ladder.json"
        source.write_text(to_json(load_ladder(str(TWO_TRACK))), encoding="utf-8")
        before = source.read_bytes()
        result = runner.invoke(cli, ["export", str(source), "-o", str(source)])
        assert result.exit_code == 2 and "is an input of this run" in result.output
        assert source.read_bytes() == before

    def test_a_suffix_it_does_not_write_is_a_usage_error(self, runner):
        result = runner.invoke(cli, ["export", "-o", "ladder.txt"])
        assert result.exit_code == 2
        assert result.output.rstrip().endswith("Error: -o ladder.txt: this command does not write .txt files; "
                                               "use .json, .xlsx, .csv, or no suffix with --format")


def test_json_is_also_yaml_for_other_tools():
    assert yaml.safe_load(to_json(load_ladder(str(EXAMPLE))))["document"]["schema"] == 2
