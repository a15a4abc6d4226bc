"""The command line as a user types it: exit codes, exact error lines, what each command prints."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from conftest import ROOT, TWO_TRACK, ladder_text
from pmladder import __version__, load_ladder
from pmladder.cli import cli


class TestFrame:
    def test_version(self, runner):
        result = runner.invoke(cli, ["--version"])
        assert result.exit_code == 0 and __version__ in result.output

    @pytest.mark.parametrize("command", sorted(cli.commands))
    def test_every_command_has_help(self, runner, command):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        assert cli.commands[command].help and "Usage:" in result.output

    def test_every_command_is_in_the_readme(self):
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        for command in cli.commands:
            assert f"pmladder {command}" in readme, command

    def test_usage_errors_exit_2(self, runner):
        assert runner.invoke(cli, ["nope"]).exit_code == 2
        assert runner.invoke(cli, ["matrix", "--format", "xls"]).exit_code == 2
        result = runner.invoke(cli, ["chart", "--size", "12"])
        assert result.exit_code == 2 and "Invalid value for --size" in result.output

    def test_light_commands_do_not_import_matplotlib_or_reportlab(self):
        code = (
            "import sys; from pmladder.cli import cli\n"
            "for args in (['--help'], ['validate'], ['roles'], ['matrix'], ['styles']):\n"
            "    try:\n        cli.main(args, standalone_mode=False)\n    except SystemExit:\n        pass\n"
            "print(sorted(m for m in ('matplotlib', 'reportlab') if m in sys.modules))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.strip().splitlines()[-1] == "[]"


class TestValidate:
    def test_default_ladder_is_valid(self, runner):
        result = runner.invoke(cli, ["validate"])
        assert result.exit_code == 0
        assert result.output == "the default ladder: ok (7 roles, 12 dimensions)\n"

    def test_reports_every_file_and_exits_1(self, runner, write):
        good = write(ladder_text("- {id: a, title: A, level: 1, summary: s}\n"), "good.yaml")
        bad = write(ladder_text("- {id: a, title: A, level: three, summary: s}\n"), "bad.yaml")
        result = runner.invoke(cli, ["validate", good, bad])
        assert result.exit_code == 1
        assert f"{good}: ok (1 roles, 0 dimensions)" in result.stdout
        assert result.stderr == f"Error: {bad}:4: roles[0].level: expected a whole number, got 'three'\n"

    def test_no_traceback_for_garbage(self, runner, tmp_path):
        path = tmp_path / "garbage.yaml"
        path.write_bytes(bytes(range(256)) * 4)
        result = runner.invoke(cli, ["validate", str(path)])
        assert result.exit_code == 1 and result.stderr.startswith(f"Error: {path}:")
        assert "Traceback" not in result.output


class TestRolesAndMatrix:
    def test_roles_table(self, runner):
        result = runner.invoke(cli, ["roles", str(TWO_TRACK)])
        lines = result.output.splitlines()
        assert lines[0].split() == ["LEVEL", "TRACK", "ID", "TITLE"]
        assert len(lines) == 1 + len(load_ladder(TWO_TRACK).roles)
        assert any(line.split()[:1] == ["4"] and "Engineering Manager" in line for line in lines)

    def test_matrix_markdown_has_every_cell(self, runner):
        ladder = load_ladder()
        result = runner.invoke(cli, ["matrix"])
        assert result.exit_code == 0
        rows = [line for line in result.output.splitlines() if line.startswith("| ")]
        assert len(rows) == 2 + len(ladder.dimensions)
        for role in ladder.roles:
            for dim in ladder.text_dimensions:
                assert role.values[dim.id] in result.output
        assert "●●" in result.output and "○" in result.output

    def test_matrix_csv_round_trips(self, runner):
        ladder = load_ladder()
        result = runner.invoke(cli, ["matrix", "--format", "csv"])
        table = list(csv.reader(io.StringIO(result.output)))
        assert table[0] == ["dimension", "kind"] + [r.id for r in ladder.ordered_roles]
        by_name = {row[0]: row[2:] for row in table}
        for dim in ladder.dimensions:
            assert by_name[dim.name] == [str(r.values[dim.id]) for r in ladder.ordered_roles]

    def test_markup_and_pipes_stay_text_in_markdown(self, runner, write):
        text = ladder_text("- {id: a, title: 'A | B <b>', level: 1, summary: s}\n")
        result = runner.invoke(cli, ["matrix", write(text)])
        assert "A \\| B &lt;b&gt;" in result.output


class TestInit:
    def test_writes_a_valid_commented_starter(self, runner, tmp_path):
        target = tmp_path / "team" / "ladder.yaml"
        result = runner.invoke(cli, ["init", str(target)])
        assert result.exit_code == 0, result.output
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=ladder.schema.json\n# A career ladder for pmladder")
        ladder = load_ladder(target)
        assert len(ladder.roles) == 7
        assert ladder.schema == 2 and "\nschema: 2\n" in text  # format 2 fields can be added to it

    def test_refuses_to_overwrite_without_force(self, runner, tmp_path):
        target = tmp_path / "ladder.yaml"
        target.write_text("mine", encoding="utf-8")
        result = runner.invoke(cli, ["init", str(target)])
        assert result.exit_code == 1
        assert result.stderr == f"Error: {target}: already exists (use --force to overwrite)\n"
        assert target.read_text(encoding="utf-8") == "mine"
        assert runner.invoke(cli, ["init", str(target), "--force"]).exit_code == 0
        assert target.read_text(encoding="utf-8") != "mine"
        assert [p.name for p in tmp_path.iterdir()] == ["ladder.yaml"]


def test_styles_lists_builtins(runner):
    result = runner.invoke(cli, ["styles"])
    names = [line.split()[0] for line in result.output.splitlines()]
    assert {"default", "print", "slides"} <= set(names)
    assert result.exit_code == 0 and all(len(line.split(maxsplit=1)) == 2 for line in result.output.splitlines())


def test_csv_cells_never_start_a_spreadsheet_formula(runner, write):
    text = ladder_text("- {id: a, title: '=HYPERLINK(\"http://x\")', level: 1, summary: s}\n")
    result = runner.invoke(cli, ["matrix", "--format", "csv", write(text)])
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[1][2] == "'=HYPERLINK(\"http://x\")"


def test_roles_table_aligns_wide_characters(runner, write):
    text = "ladder: {title: T}\ntracks:\n  - {id: a, name: 製品}\n  - {id: b, name: Product}\nroles:\n" \
        "  - {id: x, title: X, level: 1, summary: s, track: a}\n  - {id: y, title: Y, level: 1, summary: s, track: b}\n"
    lines = runner.invoke(cli, ["roles", write(text)]).output.splitlines()
    # the id column starts at the same terminal column on every line (製品 is four columns wide)
    assert lines[1].index("x") + 2 == lines[2].index("y")


def test_a_closed_pipe_is_not_an_error_message():
    """`pmladder chart -o - | head -c 1`: the chart (~100 KB) is larger than the pipe's buffer (64 KB),
    so the write really fails when head has gone; that is no error to report."""
    process = subprocess.run(f"{sys.executable} -m pmladder chart -o - | head -c 1", shell=True,
                             capture_output=True, cwd=ROOT)
    assert process.stdout == b"\x89" and process.stderr == b"", process.stderr.decode(errors="replace")


def test_the_cli_leaves_the_callers_garbage_collector_alone(runner, tmp_path):
    """gc.freeze and the collection threshold are for pmladder's own short-lived process:
    calling the CLI in-process (a test runner, another program) must not change them."""
    import gc

    frozen, threshold = gc.get_freeze_count(), gc.get_threshold()
    result = runner.invoke(cli, ["pdf", "-o", str(tmp_path / "h.pdf")])
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == frozen and gc.get_threshold() == threshold
