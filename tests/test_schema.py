"""`pmladder schema`: the format as a JSON Schema that says what the loader says about structure.

Every shipped and corpus ladder is checked against it with the `jsonschema` package: a ladder the
loader takes passes, and a ladder the loader refuses for its structure fails, so the schema and
the loader cannot drift apart. What needs the whole file (an id given twice, an unknown role, a
cycle, a rating beyond its dimension's scale) only the loader can check.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from conftest import ROOT
from pmladder.cli import cli
from pmladder.errors import LadderError
from pmladder.load import reader
from pmladder.load.ladder import load_ladder
from pmladder.load.schema import LADDER_SCHEMA, schema_text
from pmladder.load.starter import starter_text

VALIDATOR = jsonschema.Draft202012Validator(LADDER_SCHEMA)
SHIPPED = [p for p in [ROOT / "data" / "product-management.yaml", *sorted((ROOT / "data").glob("*/*.yaml"))]
           if not p.name.startswith("assessment-")]
CORPUS = sorted((ROOT / "tests" / "corpus" / "ladders").glob("*.yaml"))

# Problems only the whole file shows: a schema checks each value where it stands.
WHOLE_FILE = re.compile(
    r"duplicate \w+ id|unknown (role|track|group|scale) |promotion paths form a cycle|cannot lead to itself|cannot report to itself"
    r"|is at level \d+|the ladder defines no|is for track|is already named|is already point|is already the name"
    r"|reporting lines form a cycle"
    r"|is not one of its group's tracks|of all text together|characters of text|U\+[0-9A-F]{5,6} is a Unicode noncharacter"
)
ROLE_VALUES = re.compile(r"^roles\[\d+\]\.dimensions\.")  # which ids, and which are ratings: the file says


def plain(value: reader.Value):
    """A file as the plain data an editor's YAML reader gives the schema (dates stay text)."""
    if isinstance(value.data, dict):
        return {str(key): plain(item) for key, item in value.data.items()}
    if isinstance(value.data, list):
        return [plain(item) for item in value.data]
    return value.data


def instance(path: Path):
    return plain(reader.parse(path.read_bytes(), str(path)))


def _parses(path: Path) -> bool:
    try:
        instance(path)
    except reader.YamlProblem:
        return False  # not YAML the reader takes: no data for a schema
    return True


def schema_errors(data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:120]}" for e in VALIDATOR.iter_errors(data)]


def loader_problems(path: Path):
    try:
        load_ladder(str(path))
    except LadderError as exc:
        return exc.problems
    return []


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(LADDER_SCHEMA)
    assert LADDER_SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_ladder_passes(path):
    assert not loader_problems(path)
    assert schema_errors(instance(path)) == []


def test_the_starter_file_passes(tmp_path):
    path = tmp_path / "team.yaml"
    path.write_text(starter_text(), encoding="utf-8")
    assert schema_errors(instance(path)) == []


@pytest.mark.parametrize("path", [p for p in CORPUS if _parses(p)], ids=lambda p: p.name)
def test_a_corpus_ladder_fails_the_schema_when_its_structure_is_wrong(path):
    data = instance(path)
    problems = loader_problems(path)
    structural = [p for p in problems if not WHOLE_FILE.search(p.message) and not ROLE_VALUES.match(p.path)]
    errors = schema_errors(data)
    if not problems:
        assert errors == []
    elif structural:
        assert errors, f"the loader refuses it ({structural[0].path}: {structural[0].message}); the schema does not"


def test_the_corpus_holds_both_kinds():
    refused = [p for p in CORPUS if _parses(p) and schema_errors(instance(p))]
    assert len(refused) >= 50


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=__import__("test_hardening").ladders())
def test_random_valid_ladders_pass(data):
    load_ladder(data)
    assert schema_errors(json.loads(json.dumps(data))) == []


@pytest.mark.parametrize("text, where", [
    ("ladder: {title: T}\nroles: [{id: a, title: A, level: three}]\n", "roles/0/level"),
    ("ladder: {title: T}\nroles: [{id: A, title: A, level: 1}]\n", "roles/0/id"),
    ("ladder: {title: T}\nroles: [{id: a, titel: A, level: 1}]\n", "roles/0"),
    ("ladder: {title: '  '}\nroles: [{id: a, title: A, level: 1}]\n", "ladder/title"),
    ("tracks: [{id: ic, name: IC}]\nladder: {title: T}\nroles: [{id: a, title: A, level: 1}]\n", "roles/0"),
    ("ladder: {title: T}\nroles: [{id: a, title: A, level: 1, track: ic}]\n", "roles/0"),
    ("schema: 1\nladder: {title: T}\nlevels: [{level: 1, name: X}]\nroles: [{id: a, title: A, level: 1}]\n", ""),
    ("ladder: {title: T}\ndimensions: [{id: d, name: D, scale: 3}]\nroles: [{id: a, title: A, level: 1}]\n",
     "dimensions/0"),
])
def test_structural_mistakes_fail_where_they_are(text, where, tmp_path):
    path = tmp_path / "ladder.yaml"
    path.write_text(text, encoding="utf-8")
    assert loader_problems(path), "the loader refuses it too"
    errors = schema_errors(instance(path))
    assert any(e.split(": ")[0] == where for e in errors), errors


def test_pmladder_schema_prints_it(runner, tmp_path):
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0 and json.loads(result.output) == LADDER_SCHEMA
    target = tmp_path / "ladder.schema.json"
    assert runner.invoke(cli, ["schema", "-o", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_text()


def test_the_starter_points_editors_at_the_schema():
    first = starter_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=ladder.schema.json"
    assert "pmladder schema -o ladder.schema.json" in starter_text()
