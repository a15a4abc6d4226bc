"""No output lost or clobbered (issue 18): an output that is an input of the run, or two outputs
on one path, is a usage error before any work; a full standard output is an `Error:` line; a
Ctrl-C at any moment ends with the status that matches what was written, and no traceback.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DEFAULT_LADDER, ROOT
from pmladder.cli import cli
from pmladder.outputs import atomic

OLD = b"the previous output\n"


def invoke(args: list[str], cwd: Path):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, args)
    finally:
        os.chdir(old)


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONUTF8": "1"}
    env.pop("PMLADDER_DEBUG", None)
    return env


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A ladder named like a PDF, a style extending a parent also named like a PDF, a logo, a handout."""
    shutil.copy(DEFAULT_LADDER, tmp_path / "team.pdf")
    shutil.copy(DEFAULT_LADDER, tmp_path / "team.yaml")
    brand = ROOT / "styles" / "brand-example"
    shutil.copytree(brand, tmp_path / "brand")
    (tmp_path / "parent.yaml").write_text("extends: default\ndescription: a parent\n", encoding="utf-8")
    os.link(tmp_path / "parent.yaml", tmp_path / "parent.pdf")  # a parent must be named .yaml: here also .pdf
    (tmp_path / "brand.yaml").write_text("extends: parent.yaml\nlogo:\n  file: brand/logo.png\n", encoding="utf-8")
    assert invoke(["pdf", "team.yaml", "-o", "welcome.pdf"], tmp_path).exit_code == 0
    (tmp_path / "link.pdf").symlink_to("welcome.pdf")
    os.link(tmp_path / "welcome.pdf", tmp_path / "hard.pdf")
    return tmp_path


CLOBBERING = {
    "the ladder": (["pdf", "team.pdf", "-o", "team.pdf"], "team.pdf", "a ladder: team.pdf"),
    "the ladder, -f": (["pdf", "team.pdf", "-f", "pdf", "-o", "team.pdf"], "team.pdf", "a ladder: team.pdf"),
    "the style": (["pdf", "team.yaml", "--style", "./parent.pdf", "-o", "parent.pdf"], "parent.pdf",
                  "the style: parent.pdf"),
    "a style it extends": (["pdf", "team.yaml", "--style", "brand.yaml", "-o", "parent.pdf"], "parent.pdf",
                           "a style it extends: parent.yaml"),
    "the logo": (["chart", "team.yaml", "--style", "brand.yaml", "-o", "brand/logo.png"], "brand/logo.png",
                 "the style's logo: brand/logo.png"),
    "--prepend": (["pdf", "team.yaml", "--prepend", "welcome.pdf", "-o", "welcome.pdf"], "welcome.pdf",
                  "--prepend: welcome.pdf"),
    "--append": (["pdf", "team.yaml", "--append", "welcome.pdf", "-o", "welcome.pdf"], "welcome.pdf",
                 "--append: welcome.pdf"),
    "a symlink to --append": (["pdf", "team.yaml", "--append", "link.pdf", "-o", "welcome.pdf"], "welcome.pdf",
                              "--append: link.pdf"),
    "a hard link to --prepend": (["pdf", "team.yaml", "--prepend", "hard.pdf", "-o", "welcome.pdf"], "welcome.pdf",
                                 "--prepend: hard.pdf"),
    "a batch output": (["pdf", "team.yaml", "--prepend", "out/team.pdf", "--output-dir", "out"], "out/team.pdf",
                       "--prepend: out/team.pdf"),
}


@pytest.mark.parametrize("case", list(CLOBBERING))
def test_an_output_that_is_an_input_of_the_run_is_a_usage_error(inputs, case):
    """`pdf self.yaml -o self.yaml` replaced the ladder with a PDF; now nothing is read or written."""
    args, target, what = CLOBBERING[case]
    if case == "a batch output":
        (inputs / "out").mkdir()
        shutil.copy(inputs / "welcome.pdf", inputs / "out" / "team.pdf")
    before = {path: path.read_bytes() for path in inputs.rglob("*") if path.is_file()}
    result = invoke(args, inputs)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == (f"Error: {target}: is an input of this run ({what}); "
                                              "write the output elsewhere")
    assert {path: path.read_bytes() for path in inputs.rglob("*") if path.is_file()} == before


def test_two_outputs_of_one_run_on_one_path_are_a_usage_error(tmp_path):
    """`pdf a/team.yaml b/team.yaml --output-dir od` wrote od/team.pdf twice and kept one."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(DEFAULT_LADDER, tmp_path / folder / "team.yaml")
    result = invoke(["pdf", "a/team.yaml", "b/team.yaml", "--output-dir", "od"], tmp_path)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == ("Error: a/team.yaml and b/team.yaml would both be written to "
                                              "od/team.pdf; give them different names or render them in separate runs")
    assert not (tmp_path / "od").exists()


# ---------------------------------------------------------------- a full standard output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["pdf", "--help"], ["validate"], ["roles"],
                                  ["matrix"], ["init", "-o", "-"]])
def test_a_full_standard_output_is_an_error_line(args):
    """`> /dev/full` ended in an OSError traceback (for --help and --version, until now)."""
    with open("/dev/full", "wb") as full:
        run = subprocess.run([sys.executable, "-m", "pmladder", *args], stdout=full, stderr=subprocess.PIPE,
                             env=_env(), cwd=ROOT, timeout=60, stdin=subprocess.DEVNULL)
    assert (run.returncode, run.stderr.decode()) == (1, "Error: standard output: cannot be written: "
                                                        "No space left on device\n")


# ---------------------------------------------------------------- Ctrl-C


class _Os:
    """`os` for pmladder.outputs.atomic only, with `replace` wrapped (the rest of the process keeps os)."""

    def __init__(self, replace):
        self.replace = replace

    def __getattr__(self, name):
        return getattr(os, name)


def _ctrl_c_after_each_rename(monkeypatch):
    def replace(src, dst):
        os.replace(src, dst)
        os.kill(os.getpid(), signal.SIGINT)  # a real Ctrl-C, the moment the new file is in place

    monkeypatch.setattr(atomic, "os", _Os(replace))


def test_ctrl_c_just_after_the_rename_reports_the_file_written(tmp_path, monkeypatch):
    """Ctrl-C right after the rename exited 130 although the new file had been written."""
    target = tmp_path / "chart.png"
    target.write_bytes(OLD)
    _ctrl_c_after_each_rename(monkeypatch)
    result = invoke(["chart", str(DEFAULT_LADDER), "-o", str(target)], tmp_path)
    assert (result.exit_code, result.output) == (0, f"{target}\n")
    assert target.read_bytes().startswith(b"\x89PNG")


def test_ctrl_c_after_the_first_of_a_batch_says_which_were_written(tmp_path, monkeypatch):
    for name in ("a", "b"):
        shutil.copy(DEFAULT_LADDER, tmp_path / f"{name}.yaml")
    (tmp_path / "od").mkdir()
    (tmp_path / "od" / "b.pdf").write_bytes(OLD)
    _ctrl_c_after_each_rename(monkeypatch)
    result = invoke(["pdf", "a.yaml", "b.yaml", "--output-dir", "od"], tmp_path)
    assert result.exit_code == 130, result.output
    assert result.output.splitlines()[-2:] == [
        str(Path("od") / "a.pdf"), "Interrupted after writing 1 of 2 files (listed above); nothing else was written."]
    assert (tmp_path / "od" / "a.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "od" / "b.pdf").read_bytes() == OLD


@pytest.mark.parametrize("swallowed", [False, True])
def test_ctrl_c_late_in_a_handout_exits_130_and_replaces_nothing(tmp_path, monkeypatch, swallowed):
    """Ctrl-C while ReportLab saved the handout ended in "internal error" (a KeyError on a forward
    page reference: the library turned the interrupt into an error of its own), exit 1."""
    from reportlab.pdfgen.canvas import Canvas

    save = Canvas.save

    def interrupted_save(canvas):
        try:
            os.kill(os.getpid(), signal.SIGINT)
            save(canvas)
        except KeyboardInterrupt:
            if not swallowed:
                raise
            raise KeyError("forward page reference") from None

    monkeypatch.setattr(Canvas, "save", interrupted_save)
    target = tmp_path / "handout.pdf"
    target.write_bytes(OLD)
    result = invoke(["pdf", str(DEFAULT_LADDER), "-o", str(target)], tmp_path)
    assert (result.exit_code, result.output) == (130, "Interrupted; nothing was written.\n")
    assert target.read_bytes() == OLD and sorted(p.name for p in tmp_path.iterdir()) == ["handout.pdf"]


# Sends Ctrl-C the moment `module` starts to be imported: a moment while pmladder starts.
# A job started in the background of a non-interactive shell inherits Ctrl-C as ignored, and
# Python then never raises KeyboardInterrupt; restore what an interactive terminal gives.
_TRIP = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
class Trip:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Trip())
sys.argv = ["pmladder", *{args!r}]
from pmladder.__main__ import main
main()
"""


@pytest.mark.parametrize(("module", "args", "message"), [
    ("click", ["validate"], "Interrupted.\n"),
    ("yaml", ["validate"], "Interrupted.\n"),
    ("pmladder.load.ladder", ["validate"], "Interrupted.\n"),
    ("pmladder.cli", ["validate"], "Interrupted.\n"),
    ("reportlab.pdfgen", ["pdf", "-o", "-"], "Interrupted; nothing was written.\n"),
])
def test_ctrl_c_while_pmladder_starts_exits_130_without_a_traceback(module, args, message):
    """Ctrl-C in the first 50 ms (while click, YAML and pmladder were imported) printed a
    traceback. What runs before pmladder's own code (the interpreter, the console script's
    `import re`) is out of its reach."""
    run = subprocess.run([sys.executable, "-c", _TRIP.format(module=module, args=args)], capture_output=True,
                         env=_env(), cwd=ROOT, timeout=60, stdin=subprocess.DEVNULL)
    assert (run.returncode, run.stderr.decode()) == (130, message)
    assert run.stdout == b""


def test_importing_pmladder_imports_nothing_else():
    """What keeps the window in which a Ctrl-C could print a traceback a few milliseconds wide."""
    code = "import sys; before = set(sys.modules); import pmladder; print(sorted(set(sys.modules) - before))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), cwd=ROOT,
                         timeout=60)
    assert run.stdout.strip() == "['pmladder']", run.stderr
