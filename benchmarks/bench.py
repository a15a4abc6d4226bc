"""Benchmark every pmladder command against the import cost of the libraries it needs.

Run by hand (not part of the test suite):  python benchmarks/bench.py [--rounds 7]

Each command and its floor run as separate processes, interleaved round by round so that
machine noise hits both alike; the table shows medians and the ratio to the floor measured
in the same run. Targets come from the speed issue; docs/performance.md records the latest
table. WeasyPrint is compared only when it is installed (it is not a dependency).
With --instructions, each timed command is also counted once under valgrind's callgrind
against its floor: a count that a busy machine does not move, for when the timings do.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from big_framework import write_big_framework  # noqa: E402  (issue 14's framework, as the tests use it)
from conftest import DEFAULT_LADDER, make_ladder  # noqa: E402  (the tests' ladder generator)

sys.path.insert(0, str(HERE))
import html_page  # noqa: E402  (the web page's size and opening time)

PY = sys.executable


BIG_FRAMEWORK_SECONDS = 1.0  # issue 14: the big framework's handout within 1.0 s
BIG_FRAMEWORK_PAGES_BEFORE = 156  # its handout before issue 14 (docs/performance.md); target: about half


GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def run(argv: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time (s) and peak memory (KiB) of one process.

    The memory comes from GNU time where there is one: a child started straight from this
    process inherits this process's peak in its ru_maxrss (Linux records it at exec), which
    would hide the command's own.
    """
    report = cwd / ".rss"
    wrapped = [GNU_TIME, "-f", "%M", "-o", str(report), *argv] if GNU_TIME else argv
    start = time.perf_counter()
    process = subprocess.Popen(wrapped, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{process.stderr.read().decode()}")
    peak = int(report.read_text().split()[-1]) if GNU_TIME else usage.ru_maxrss
    return elapsed, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", action="append", metavar="TEXT",
                        help="run only the commands whose name contains TEXT (and the floors); repeatable")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each command's and its floor's instructions once under valgrind "
                             "(slow; the same count on a busy machine)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pmladder-bench-"))
    try:
        return bench(work, args.rounds, args.only, args.instructions)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def compile_package() -> None:
    """Cache pmladder's bytecode as an installed wheel has it (pip compiles on install): with
    PYTHONDONTWRITEBYTECODE set, an editable checkout would recompile every module on every run
    while the libraries of the floors load theirs from cache."""
    import pmladder

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([PY, "-m", "compileall", "-q", str(Path(pmladder.__file__).parent)], env=env, check=True)


def bench(work: Path, rounds: int, only: list[str] | None = None, instructions: bool = False) -> int:
    compile_package()
    for n in (50, 100, 200):
        (work / f"gen{n}.yaml").write_text(yaml.safe_dump(make_ladder(n, 5, 20), allow_unicode=True), encoding="utf-8")
    big = write_big_framework(work)
    batch = []
    for i in range(20):
        path = work / f"team{i:02d}.yaml"
        shutil.copy(DEFAULT_LADDER, path)
        batch.append(str(path))
    assessments = []
    example = (HERE.parent / "data" / "examples" / "assessment-pm.yaml").read_text(encoding="utf-8")
    for i in range(50):
        path = work / f"person{i:02d}.yaml"
        path.write_text(example.replace("Alex Example", f"Person {i}"), encoding="utf-8")
        assessments.append(str(path))
    pm = [PY, "-m", "pmladder"]
    subprocess.run(pm + ["export", "-o", str(work / "shipped.xlsx")], check=True)  # the one `import xlsx` reads
    weasy = _weasyprint_command(work)

    cases: dict[str, list[str]] = {
        "floor: click+yaml": [PY, "-c", "import click, yaml"],
        "floor: +reportlab": [PY, "-c", "import click, yaml, reportlab.platypus, reportlab.graphics.shapes"],
        "floor: matplotlib": [PY, "-c", "import matplotlib.figure, matplotlib.backends.backend_agg"],
        "floor: openpyxl": [PY, "-c", "import click, yaml, openpyxl"],
        "--help": pm + ["--help"],
        "validate": pm + ["validate"],
        "roles": pm + ["roles"],
        "matrix": pm + ["matrix"],
        "init": pm + ["init", str(work / "starter.yaml"), "--force"],
        "styles": pm + ["styles"],
        "html (default)": pm + ["html", "-o", str(work / "default.html")],
        "chart (png)": pm + ["chart", "-o", str(work / "chart.png")],
        "pdf (default)": pm + ["pdf", "-o", str(work / "default.pdf")],
        "pdf 50 roles": pm + ["pdf", str(work / "gen50.yaml"), "-o", str(work / "g50.pdf")],
        "pdf 100 roles": pm + ["pdf", str(work / "gen100.yaml"), "-o", str(work / "g100.pdf")],
        "pdf 200 roles": pm + ["pdf", str(work / "gen200.yaml"), "-o", str(work / "g200.pdf")],
        "pdf big framework": pm + ["pdf", str(big), "-o", str(work / "big.pdf")],
        "pdf batch of 20": pm + ["pdf", *batch, "--output-dir", str(work / "batch")],
        "assess (one report)": pm + ["assess", assessments[0], "-o", str(work / "report.pdf")],
        "assess batch of 50": pm + ["assess", *assessments, "--output-dir", str(work / "reports")],
        "assess html (one report)": pm + ["assess", assessments[0], "-o", str(work / "report.html")],
        "export xlsx": pm + ["export", "-o", str(work / "ladder.xlsx")],
        "import xlsx": pm + ["import", str(work / "shipped.xlsx"), "-o", str(work / "imported.yaml"), "--force"],
    }
    if weasy:
        cases["weasyprint (same text + svg chart)"] = weasy
    if only:
        cases = {name: argv for name, argv in cases.items()
                 if name.startswith("floor:") or any(text in name for text in only)}
    times: dict[str, list[float]] = {name: [] for name in cases}
    memory: dict[str, int] = {name: 0 for name in cases}
    separate: list[float] = []
    separate_reports: list[float] = []
    for round_ in range(rounds):
        for name, argv in cases.items():
            elapsed, peak = run(argv, work)
            times[name].append(elapsed)
            memory[name] = max(memory[name], peak)
        if round_ < 3 and "pdf batch of 20" in cases:  # twenty separate invocations are slow; three rounds give a fair median
            start = time.perf_counter()
            for path in batch:
                run(pm + ["pdf", path, "-o", str(work / "single.pdf")], work)
            separate.append(time.perf_counter() - start)
        if round_ < 2 and "assess batch of 50" in cases:  # fifty separate reports: two rounds
            start = time.perf_counter()
            for path in assessments:
                run(pm + ["assess", path, "-o", str(work / "single-report.pdf")], work)
            separate_reports.append(time.perf_counter() - start)

    median = {name: statistics.median(values) for name, values in times.items()}
    if separate:
        median["20 separate pdf runs"] = statistics.median(separate)
    if separate_reports:
        median["50 separate assess runs"] = statistics.median(separate_reports)
    checks = [  # (command, what it is measured against: a floor or another command, limit, label)
        ("--help", "floor: click+yaml", 1.6, "x click+yaml"),
        *[(name, "floor: click+yaml", 2.5, "x click+yaml") for name in ("validate", "roles", "matrix", "init", "styles")],
        ("html (default)", "floor: click+yaml", 2.5, "x click+yaml"),
        ("chart (png)", "floor: matplotlib", 1.4, "x matplotlib"),
        ("export xlsx", "floor: openpyxl", 1.5, "x openpyxl"),
        ("import xlsx", "floor: openpyxl", 1.5, "x openpyxl"),
        ("pdf (default)", "floor: +reportlab", 1.6, "x reportlab floor"),
        ("pdf 200 roles", "pdf (default)", 8.0, "x default pdf"),
        ("pdf 200 roles", "pdf 100 roles", 2.3, "x 100 roles"),
        ("pdf batch of 20", "20 separate pdf runs", 0.4, "x 20 separate runs"),
        ("assess (one report)", "pdf (default)", 1.3, "x default pdf"),
        ("assess batch of 50", "50 separate assess runs", 0.4, "x 50 separate runs"),
        ("assess html (one report)", "html (default)", 1.3, "x default html"),
    ]
    if weasy:
        checks.append(("pdf (default)", "weasyprint (same text + svg chart)", 0.35, "x weasyprint"))

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {rounds} rounds")
    print()
    print(f"| {'command':<36} | {'median s':>8} | {'peak MiB':>8} |")
    print(f"| {'-' * 36} | {'-' * 8}: | {'-' * 8}: |")
    for name in median:
        peak = f"{memory[name] / 1024:.0f}" if name in memory else ""
        print(f"| {name:<36} | {median[name]:>8.3f} | {peak:>8} |")
    print()
    print(f"| {'target':<36} | {'ratio':>6} | {'limit':>6} | {'against':<20} | ok |")
    print(f"| {'-' * 36} | {'-' * 6}: | {'-' * 6}: | {'-' * 20} | -- |")
    failed = 0
    for name, base, limit, against in checks:
        if name not in median or base not in median:  # left out with --only
            continue
        ratio = median[name] / median[base]
        ok = ratio <= limit
        failed += not ok
        print(f"| {name:<36} | {ratio:>6.2f} | {limit:>6.2f} | {against:<20} | {'yes' if ok else 'NO'} |")
    if "pdf 200 roles" in median and "pdf 50 roles" in median:
        slope = (median["pdf 200 roles"] - median["pdf 50 roles"]) / 150
        print()
        print(f"per-role slope (50 -> 200 roles): {slope * 1000:.1f} ms per role; "
              f"200-role peak memory {memory['pdf 200 roles'] / 1024:.0f} MiB (limit 200)")
        failed += memory["pdf 200 roles"] / 1024 > 200
    if "pdf big framework" in median:
        failed += big_framework_report(median["pdf big framework"], median["floor: +reportlab"], work / "big.pdf")
    if instructions:
        instruction_report(cases, checks, work)
    failed += html_page.report(work, make_ladder)
    if not weasy:
        print("weasyprint is not installed: its comparison was skipped (pip install weasyprint)")
    return 1 if failed else 0


def instruction_report(cases: dict[str, list[str]], checks: list[tuple], work: Path) -> None:
    """Instructions each command against a floor executes, counted once by callgrind: unlike
    seconds, the count does not move with what else the machine runs. Not a target (those are
    in seconds): starting a process costs both sides alike and counts few instructions, so this
    ratio is higher than the timed one."""
    if not shutil.which("valgrind"):
        print("valgrind is not installed: instructions were not counted (apt-get install valgrind)")
        return
    counted: dict[str, int] = {}

    def count(name: str) -> int:
        if name not in counted:
            result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cases[name]],
                                    cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
            counted[name] = int(re.search(r"Collected : (\d+)", result.stderr).group(1))
        return counted[name]

    print()
    print(f"| {'instructions (callgrind)':<36} | {'millions':>8} | {'floor':>8} | {'ratio':>6} |")
    print(f"| {'-' * 36} | {'-' * 8}: | {'-' * 8}: | {'-' * 6}: |")
    for name, base, _, _ in checks:
        if name in cases and base.startswith("floor:"):
            ours, floor = count(name), count(base)
            print(f"| {name:<36} | {ours / 1e6:>8.0f} | {floor / 1e6:>8.0f} | {ours / floor:>6.2f} |")


def big_framework_report(seconds: float, floor: float, pdf: Path) -> int:
    """The big framework's handout against issue 14's targets: time and page count (1: missed).
    The time is also given against the ReportLab floor of the same run, which says more on a
    loaded machine than the absolute target."""
    from pypdf import PdfReader

    pages = len(PdfReader(pdf).pages)
    limit = BIG_FRAMEWORK_PAGES_BEFORE // 2
    print()
    print(f"big framework (12 roles, 23 competencies, ~60 statements a role): {seconds:.3f} s "
          f"(target {BIG_FRAMEWORK_SECONDS:.1f} s; {seconds / floor:.1f}x the reportlab floor), {pages} pages "
          f"(before: {BIG_FRAMEWORK_PAGES_BEFORE}; target about half, {limit})")
    return int(seconds > BIG_FRAMEWORK_SECONDS) + int(pages > limit * 1.1)


def _weasyprint_command(work: Path) -> list[str] | None:
    """A process that lays out the same handout text and chart (as SVG) with WeasyPrint."""
    try:
        import weasyprint  # noqa: F401
    except Exception:
        return None
    subprocess.run([PY, "-m", "pmladder", "chart", "--svg", "-o", str(work / "chart.svg")], check=True)
    return [PY, str(HERE / "weasy_handout.py"), str(DEFAULT_LADDER), str(work / "chart.svg"), str(work / "weasy.pdf")]


if __name__ == "__main__":
    sys.exit(main())
