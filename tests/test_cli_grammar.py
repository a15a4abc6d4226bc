"""One grammar for every command: -o/--output, -f/--format from the outputs registry, role lists,
usage errors for contradictions, help text for every option, and outputs that never clobber inputs."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import click
import pytest

from conftest import ROOT, TWO_TRACK
from pmladder.cli import cli
from pmladder.outputs import registry

WRITERS = {"chart": "chart", "pdf": "handout", "matrix": "matrix", "init": "starter", "assess": "report", "export": "export",
           "schema": "schema", "html": "page"}


def usage_error(result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.output.rstrip("\n").endswith(f"Error: {message}"), result.output


class TestHelp:
    @pytest.mark.parametrize("name", sorted(cli.commands))
    def test_every_option_and_argument_is_explained(self, runner, name):
        command = cli.commands[name]
        text = runner.invoke(cli, [name, "--help"]).output
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help and len(param.help) > 10, (name, param.opts)
            else:  # arguments are explained in the command's own text
                assert param.name.upper() in command.help, (name, param.name)
        assert "Exit status:" in text and "130  interrupted" in text and "2    a mistake" in text

    def test_the_command_list_shows_whole_first_sentences(self, runner):
        output = runner.invoke(cli, ["--help"]).output
        text = " ".join(output.split())
        assert "..." not in output.split("Commands:")[1].split("Exit status:")[0]
        for command in cli.commands.values():
            assert command.get_short_help_str() in text
        assert "as an image for slides and the web" in text
        assert "Exit status:" in text

    def test_size_and_dpi_say_what_they_mean(self):
        options = {o.name: o.help for o in cli.commands["chart"].params if isinstance(o, click.Option)}
        assert "slide is 1920x1080" in options["size"] and "square is 1080x1080" in options["size"]
        assert "pixels an inch" in options["dpi"]

    @pytest.mark.parametrize("name, output", sorted(WRITERS.items()))
    def test_writers_take_output_and_format_from_the_registry(self, name, output):
        params = {p.name: p for p in cli.commands[name].params}
        assert params["output"].opts == ["-o", "--output"]
        assert params["fmt"].opts == ["-f", "--format"]
        assert list(params["fmt"].type.choices) == list(registry.formats(output))


def test_the_registry_and_light_commands_import_neither_reportlab_nor_matplotlib(tmp_path):
    code = (
        "import sys; from pmladder.cli import cli; from pmladder.outputs import registry\n"
        f"for args in (['--help'], ['validate'], ['roles'], ['matrix'], ['styles'], ['chart', '--help'],\n"
        f"             ['pdf', '--help'], ['import', '--help'], ['init', '-o', {str(tmp_path / 'new.yaml')!r}],\n"
        f"             ['export', '-o', {str(tmp_path / 'ladder.json')!r}], ['schema'],\n"
        f"             ['upgrade', {str(tmp_path / 'new.yaml')!r}]):\n"
        "    try:\n        cli.main(args, standalone_mode=False)\n    except SystemExit:\n        pass\n"
        "print(sorted(m for m in ('matplotlib', 'reportlab', 'openpyxl', 'jsonschema') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "new.yaml").exists() and (tmp_path / "ladder.json").exists()


REFUSED_CHARTS = {  # usage errors (exit 2) and what the ladder or style lacks (exit 1)
    ("chart", "--svg", "-o", "c.png"): 2, ("chart", "-o", "c.gif"): 2, ("chart", "--size", "5x"): 2,
    ("chart", "-o", "-"): 2, ("chart", "--radar", "pm", "--highlight", "pm"): 2,
    ("chart", "-o", str(ROOT / "data" / "product-management.yaml"), "-f", "png"): 2,
    ("chart", "--radar", "nobody"): 1, ("chart", "missing.yaml"): 1, ("chart", "--style", "nope"): 1,
}


def test_a_refused_chart_never_imports_matplotlib(tmp_path):
    """Before: the chart command imported matplotlib (a third of a second, and numpy and PIL with
    it) before it checked -o, --size or the terminal, so every refusal paid for it."""
    code = (
        "import sys; from pmladder.cli import cli\n"
        f"for args in {[list(args) for args in REFUSED_CHARTS]!r}:\n"
        "    try:\n        cli.main(args, prog_name='pmladder')\n    except SystemExit as exc:\n"
        "        print('exit', exc.code, file=sys.stderr)\n"
        "print(sorted(m for m in ('matplotlib', 'PIL', 'numpy') if m in sys.modules), file=sys.stderr)"
    )
    controller, terminal = pty.openpty()  # so that `-o -` is a terminal
    try:
        proc = subprocess.run([sys.executable, "-c", code], stdout=terminal, stderr=subprocess.PIPE, cwd=tmp_path,
                              timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    finally:
        os.close(terminal)
        os.close(controller)
    lines = proc.stderr.decode().splitlines()
    assert [line for line in lines if line.startswith("exit")] == [f"exit {code}" for code in REFUSED_CHARTS.values()], lines
    assert lines[-1] == "[]"
    assert not list(tmp_path.iterdir())


class TestFormats:
    @pytest.mark.parametrize("args, message", [
        (["chart", "--svg", "-o", "c.png"], "-o c.png: the name ends in .png but the format is svg "
                                            "(which is written as .svg); give one or the other"),
        (["chart", "-o", "out.jpeg"], "-o out.jpeg: this command does not write .jpeg files; "
                                      "use .png, .svg, .pdf, or no suffix with --format"),
        (["chart", "--svg", "--pdf"], "--svg and --pdf both choose the format; give one"),
        (["chart", "-f", "png", "--svg"], "--format png and --svg both choose the format; give one"),
        (["pdf", "-o", "handout.png"], "-o handout.png: this command does not write .png files; "
                                       "use .pdf, or no suffix with --format"),
        (["matrix", "-f", "csv", "-o", "m.md"], "-o m.md: the name ends in .md but the format is csv "
                                                "(which is written as .csv); give one or the other"),
        (["init", "-o", "team.txt"], "-o team.txt: this command does not write .txt files; "
                                     "use .yaml, .yml, or no suffix with --format"),
    ])
    def test_contradictions_are_usage_errors_that_say_which(self, runner, tmp_path, monkeypatch, args, message):
        monkeypatch.chdir(tmp_path)
        usage_error(runner.invoke(cli, args), message)
        assert os.listdir(".") == []

    @pytest.mark.parametrize("args, name, magic", [
        (["chart", "-o", "c.svg"], "c.svg", b"<?xml"),
        (["chart", "-f", "pdf", "-o", "c"], "c", b"%PDF"),
        (["chart", "--pdf"], "output/product-management-chart.pdf", b"%PDF"),
        (["matrix", "-o", "m.csv"], "m.csv", b"dimension,kind"),
        (["matrix", "-o", "m.md"], "m.md", b"| Dimension"),
        (["init", "-o", "team.yml"], "team.yml", b"# yaml-language-server: $schema=ladder.schema.json\n# A career ladder"),
        (["init", "team.yaml"], "team.yaml", b"# yaml-language-server: $schema=ladder.schema.json\n# A career ladder"),
    ])
    def test_the_suffix_chooses_when_no_format_is_given(self, runner, tmp_path, monkeypatch, args, name, magic):
        monkeypatch.chdir(tmp_path)
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).read_bytes().lstrip().startswith(magic)

    def test_matrix_writes_to_standard_output_by_default(self, runner):
        result = runner.invoke(cli, ["matrix", "-f", "csv"])
        assert result.exit_code == 0 and result.stdout.startswith("dimension,kind,")

    def test_init_takes_its_path_once(self, runner, tmp_path):
        usage_error(runner.invoke(cli, ["init", "a.yaml", "-o", "b.yaml"]), "give the file once: -o PATH or PATH, not both")
        usage_error(runner.invoke(cli, ["init"]), "where to? give -o PATH ('-' for standard output)")
        usage_error(runner.invoke(cli, ["init", "-o", "-", "--force"]),
                    "--force overwrites a file; standard output has nothing to overwrite")
        result = runner.invoke(cli, ["init", "-o", "-"])
        assert result.exit_code == 0 and result.stdout.startswith("# yaml-language-server: $schema=ladder.schema.json\n# A career ladder")

    def test_binary_output_to_a_terminal_is_refused_with_a_hint(self):
        controller, terminal = pty.openpty()
        try:
            proc = subprocess.run([sys.executable, "-m", "pmladder", "chart", "-o", "-"], stdout=terminal,
                                  stderr=subprocess.PIPE, cwd=ROOT, timeout=60)
        finally:
            os.close(terminal)
            os.close(controller)
        assert proc.returncode == 2
        assert proc.stderr.decode().endswith("Error: -o -: will not write PNG image (png) to a terminal; "
                                             "redirect it (-o - > file.png) or give -o FILE\n")

    def test_binary_output_into_a_pipe_still_works(self):
        proc = subprocess.run(f"{sys.executable} -m pmladder chart -o - | head -c 8", shell=True, cwd=ROOT,
                              capture_output=True, timeout=60)
        assert proc.stdout == b"\x89PNG\r\n\x1a\n", proc.stderr


class TestRoles:
    def test_one_way_to_give_several_roles(self, runner, tmp_path):
        """Comma-separated or repeated, on --radar and --role alike."""
        outputs = []
        for args in (["--radar", "pm,spm"], ["--radar", "pm", "--radar", "spm"]):
            target = tmp_path / f"r{len(outputs)}.svg"
            assert runner.invoke(cli, ["chart", *args, "-o", str(target)]).exit_code == 0
            outputs.append(target.read_bytes())
        assert outputs[0] == outputs[1]
        pdfs = []
        for args in (["--role", "pm,spm"], ["--role", "pm", "--role", "spm"]):
            result = runner.invoke(cli, ["pdf", *args, "-o", "-"])
            assert result.exit_code == 0, result.output
            pdfs.append(result.stdout_bytes)
        assert pdfs[0] == pdfs[1]

    def test_options_that_do_not_apply_together_are_usage_errors(self, runner):
        usage_error(runner.invoke(cli, ["chart", "--radar", "pm,spm", "--highlight", "nobody"]),
                    "--highlight marks a role on the ladder diagram; a --radar chart has no place for it")
        usage_error(runner.invoke(cli, ["chart", "--highlight", "pm,spm"]), "Invalid value for '--highlight': takes one role id")
        usage_error(runner.invoke(cli, ["chart", "--radar", ","]),
                    "Invalid value for '--radar': expected one or more role ids, separated by commas")

    @pytest.mark.parametrize("args, flag", [(["chart", "--highlight", "cto"], "--highlight"),
                                            (["chart", "--radar", "pm,cto"], "--radar"),
                                            (["pdf", "--role", "cto"], "--role"),
                                            (["pdf", "--highlight", "cto"], "--highlight")])
    def test_the_command_line_adds_the_flag_to_the_librarys_error(self, runner, tmp_path, args, flag):
        result = runner.invoke(cli, [*args, "-o", str(tmp_path / f"x.{args[0] == 'pdf' and 'pdf' or 'png'}")])
        assert result.exit_code == 1
        assert result.stderr == f"Error: {flag}: no role with id 'cto'; roles: apm, pm, spm, gpm, director, vp, cpo\n"
        assert list(tmp_path.iterdir()) == []


class TestNotes:
    def test_layout_notes_come_back_with_the_chart(self, runner, tmp_path):
        from pmladder import load_ladder
        from pmladder.outputs.chart.render import render_chart

        chart = render_chart(load_ladder(TWO_TRACK), size=(400, 200), dpi=144)
        assert len(chart.notes) == 1 and chart.notes[0].startswith("the chart was made taller")
        assert not hasattr(chart.figure, "pmladder_notes")
        result = runner.invoke(cli, ["chart", str(TWO_TRACK), "--size", "400x200", "-o", str(tmp_path / "c.png")])
        assert result.exit_code == 0 and f"Note: {chart.notes[0]}" in result.stderr
