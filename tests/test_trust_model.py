"""The README's trust model, checked on the running program: every command, run under strace on
a ladder (and an assessment and a sheet) whose text names a secret file, a URL and markup.

For each command the system calls show that it
- never touches a file that ladder text names, and opens nothing outside the project, the
  run's own folder, Python, the fonts and the runtime;
- writes only its output (through a temporary file next to it, renamed into place) and the
  caches the README names: matplotlib's, fontconfig's and compiled page templates under the
  temporary folder;
- opens no network socket;
- runs no program but fontconfig's fc-list and fc-match.
The in-process variant of the first promise, for machines without strace, is in
tests/test_hardening.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from test_hardening import _allowed_roots, _evil_ladder, _outside, cli_env

pytestmark = pytest.mark.skipif(not shutil.which("strace"), reason="needs strace")

COMMANDS = {
    "validate": (["validate", "evil.yaml"], []),
    "roles": (["roles", "evil.yaml"], []),
    "pdf": (["pdf", "evil.yaml", "--worksheet", "-o", "out/evil.pdf"], ["evil.pdf"]),
    "chart": (["chart", "evil.yaml", "-o", "out/evil.png"], ["evil.png"]),
    "chart-svg": (["chart", "evil.yaml", "-o", "out/evil.svg"], ["evil.svg"]),
    "html": (["html", "evil.yaml", "-o", "out/evil.html"], ["evil.html"]),
    "matrix": (["matrix", "evil.yaml", "-f", "md", "-o", "out/evil.md"], ["evil.md"]),
    "export-json": (["export", "evil.yaml", "-f", "json", "-o", "out/evil.json"], ["evil.json"]),
    "export-xlsx": (["export", "evil.yaml", "-f", "xlsx", "-o", "out/evil.xlsx"], ["evil.xlsx"]),
    "export-csv": (["export", "evil.yaml", "-f", "csv", "-o", "out/evil.csv"], ["evil.csv"]),
    "assess-md": (["assess", "me.yaml", "-f", "md", "-o", "out/me.md"], ["me.md"]),
    "assess-pdf": (["assess", "me.yaml", "-o", "out/me.pdf"], ["me.pdf"]),
    "import": (["import", "sheet.csv", "-o", "out/sheet.yaml"], ["sheet.yaml"]),
}
# A system call and its first path argument (strace -f -o: each line starts with the pid).
_CALL = re.compile(r'^\d+\s+(\w+)\((?:AT_FDCWD, |-?\d+, )?"((?:[^"\\]|\\.)*)"(.*)$')
_WRITE_FLAGS = re.compile(r"\bO_(?:WRONLY|RDWR|CREAT|TRUNC|APPEND)\b")
_CHANGES = {"rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat", "rmdir", "link", "linkat",
            "symlink", "symlinkat", "truncate", "chmod", "fchmodat", "chown", "fchownat", "creat", "utimensat"}
_NETWORK = re.compile(r"^\d+\s+(socket|connect|bind|sendto|socketpair)\(")
_PROGRAM = re.compile(r'^\d+\s+execve\("([^"]+)"')


@pytest.fixture(scope="module")
def caches(tmp_path_factory) -> dict[str, Path]:
    """The folders a run may write besides its output, shared by the module's runs so that
    matplotlib builds its font list once."""
    root = tmp_path_factory.mktemp("caches")
    folders = {"TMPDIR": root / "tmp", "MPLCONFIGDIR": root / "mpl", "XDG_CACHE_HOME": root / "cache"}
    for folder in folders.values():
        folder.mkdir()
    return folders


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret" / "do-not-read.txt"
    path.parent.mkdir()
    path.write_text("secret\n")
    return path


@pytest.fixture
def inputs(tmp_path, secret) -> Path:
    """evil.yaml (text naming the secret, with CJK and an emoji so fallback fonts are looked
    for), me.yaml (an assessment against it) and sheet.csv (a sheet naming the secret)."""
    data = yaml.safe_load(_evil_ladder(tmp_path, secret).read_text(encoding="utf-8"))
    data["ladder"]["organization"] = f"職務 \U0001f3c6 https://example.com/{secret.name} \\\\host\\share"
    (tmp_path / "evil.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (tmp_path / "me.yaml").write_text(yaml.safe_dump({
        "ladder": {"file": "evil.yaml"}, "person": f'<img src="{secret}"> file://{secret}', "role": "a",
        "target": "b", "date": "2026-11-20", "plan": [str(secret), f"!include {secret}"],
        "competencies": {"scope": {"evidence": [{"text": f"!include {secret}", "link": f"file://{secret}"}]}},
    }, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (tmp_path / "sheet.csv").write_text(
        f'Competency,Junior,Senior\nScope,"=HYPERLINK(""file://{secret}"")",{secret}\n'
        f'Reach,<img src="{secret}">,file://{secret}\n', encoding="utf-8")
    (tmp_path / "out").mkdir()
    return tmp_path


def traced(tmp_path: Path, caches: dict[str, Path], args: list[str]) -> tuple[subprocess.CompletedProcess, list[str]]:
    log = tmp_path / "strace.log"
    env = {**cli_env(), **{name: str(folder) for name, folder in caches.items()}}
    result = subprocess.run(["strace", "-f", "-qq", "-s", "4096", "-e", "trace=%file,%network,execve", "-o", str(log),
                             sys.executable, "-m", "pmladder", *args],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    if "ptrace" in result.stderr and "Operation not permitted" in result.stderr:
        pytest.skip("strace is not permitted here (ptrace)")
    return result, log.read_text(errors="replace").splitlines()


def _inside(path: str, cwd: Path, roots: list[Path]) -> bool:
    full = os.path.normpath(os.path.join(str(cwd), path))
    return full == os.devnull or any(full == str(root) or full.startswith(str(root) + os.sep) for root in roots)


@pytest.mark.parametrize("command", COMMANDS)
def test_what_each_command_reads_writes_and_never_does(inputs, secret, caches, command):
    args, outputs = COMMANDS[command]
    result, lines = traced(inputs, caches, args)
    assert result.returncode == 0, result.stdout + result.stderr
    calls = [m.groups() for m in map(_CALL.match, lines) if m]
    assert len(calls) > 50, "strace recorded nothing: the test would prove nothing"

    # Text is never a file name: the secret, its folder and /etc/passwd are never even looked at.
    touched = {path for _, path, _ in calls}
    assert not touched & {str(secret), str(secret.parent), "/etc/passwd", "/etc/shadow"}
    opened = {path for call, path, rest in calls if call in ("open", "openat", "openat2") and not rest.endswith(
        ("ENOENT (No such file or directory)", "ENOTDIR (Not a directory)"))}
    runtime = ["/etc/mime.types"]  # Python's mimetypes, which openpyxl loads
    assert _outside(opened, [*_allowed_roots(inputs), *runtime, *map(str, caches.values())]) == []

    # It writes its output and the caches, nothing else; no temporary file is left behind.
    writes = {path for call, path, rest in calls
              if call in _CHANGES or (call in ("open", "openat", "openat2") and _WRITE_FLAGS.search(rest))}
    assert sorted(p for p in writes if not _inside(p, inputs, [inputs / "out", *caches.values()])) == []
    assert sorted(os.listdir(inputs / "out")) == outputs

    # No network, and no program but fontconfig's.
    assert [line for line in lines if _NETWORK.match(line)] == []
    programs = {m.group(1) for m in map(_PROGRAM.match, lines) if m}
    assert {Path(p).name for p in programs} <= {Path(sys.executable).name, "fc-list", "fc-match"}, programs


def test_the_check_sees_a_write_outside_and_a_connection(inputs, caches):
    """The checks above can fail: a Python one-liner that writes beside the output and opens a
    socket is caught by the same parsing."""
    script = ("import socket, pathlib; pathlib.Path('stray.txt').write_text('x'); "
              "s = socket.socket(); s.close()")
    log = inputs / "probe.log"
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=%file,%network,execve", "-o", str(log),
                    sys.executable, "-c", script], cwd=inputs, env=cli_env(), check=True, timeout=60)
    lines = log.read_text(errors="replace").splitlines()
    calls = [m.groups() for m in map(_CALL.match, lines) if m]
    writes = {path for call, path, rest in calls
              if call in _CHANGES or (call in ("open", "openat", "openat2") and _WRITE_FLAGS.search(rest))}
    assert "stray.txt" in writes and not _inside("stray.txt", inputs, [inputs / "out", *caches.values()])
    assert [line for line in lines if _NETWORK.match(line)]


def test_no_command_is_left_out():
    """Every command the CLI has is traced above, except those that only print or write a
    built-in file (init, schema, styles, upgrade, which rewrites one line in place)."""
    from pmladder.cli import cli

    traced_commands = {args[0] for args, _ in COMMANDS.values()}
    assert set(cli.commands) - traced_commands <= {"init", "schema", "styles", "upgrade"}, set(cli.commands)
