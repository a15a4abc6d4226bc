"""Hardening: the tool holds against anything a ladder or style file can contain.

1. A corpus of broken and hostile files (tests/corpus/ladders, tests/corpus/styles), each with
   the exact lines the CLI must print in a sidecar `.expected`; inputs too big to commit are
   generated here.
2. Limits: each limit is named in its message, and every input fails within 10 s and 500 MB.
3. Property-based tests: random valid ladders load, lay out without overlaps and render to PNG
   and PDF with every title in the PDF's text; random mutations of a valid file load or fail
   with a clean LadderError, never another exception, never a hang.
4. Output is never lost: every write is atomic; failures and Ctrl-C leave an existing file as it
   was and no `.*.part` file behind.
5. Trust model: ladder text that names a file never makes the tool open it.

After an intended change of a message, rewrite the .expected files and review the diff:

    PMLADDER_REGENERATE_CORPUS=1 python -m pytest tests/test_hardening.py -k corpus
"""

from __future__ import annotations

import builtins
import errno
import functools
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import warnings
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import LINE_BUDGET, ROOT, lines_executed, make_ladder, named_points_ladder, pdf_texts
from pmladder import Ladder, LadderError, RenderError, load_ladder, load_style
from pmladder.cli import cli
from pmladder.errors import MissingGlyphsWarning
from pmladder.load import checks as _checks
from pmladder.load import limits
from pmladder.load import reader as _yaml
from pmladder.outputs import atomic as output

# A fixed profile so CI runs the same examples every time, in bounded time. It is applied to
# each property test below rather than loaded globally, so other test files keep their own.
settings.register_profile(
    "pmladder-hardening",
    deadline=None,
    derandomize=True,
    database=None,
    max_examples=20,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
HARDENING = settings.get_profile("pmladder-hardening")

CORPUS = ROOT / "tests" / "corpus"
LADDER_CORPUS = sorted((CORPUS / "ladders").glob("*.yaml"))
STYLE_CORPUS = sorted((CORPUS / "styles").glob("*.yaml"))
REGENERATE = os.environ.get("PMLADDER_REGENERATE_CORPUS") == "1"
PWNED = Path(tempfile.gettempdir()) / "pmladder-corpus-pwned"  # what the corpus's object tags would create

TIME_LIMIT = 10.0  # seconds, for any input
MEMORY_LIMIT = 500 * 2**20  # bytes
MB = 2**20


# ---------------------------------------------------------------- running the CLI


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss: int  # bytes, of this process alone (from wait4)

    @property
    def shown(self) -> str:
        return f"exit {self.code} after {self.seconds:.1f} s\n--- stdout\n{self.stdout[:3000]}\n--- stderr\n{self.stderr[:3000]}"


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env["PYTHONUTF8"] = "1"  # the same bytes on stderr whatever the locale
    env.pop("PMLADDER_DEBUG", None)
    return env


def run_cli(args: list[str], *, timeout: float = 60.0, cwd: Path = ROOT) -> Run:
    """`python -m pmladder ARGS` in a fresh process; its own time and peak memory are measured."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "pmladder", *args], cwd=cwd, env=cli_env(),
                                stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keeps Popen from waiting again
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, usage.ru_maxrss * 1024)


def run_all(jobs: dict) -> dict:
    """Run independent CLI calls side by side (one per core): the corpus is ~150 processes."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {key: pool.submit(run_cli, args) for key, args in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def assert_clean_failure(run: Run) -> None:
    assert "Traceback" not in run.stderr + run.stdout, run.shown
    assert "internal error" not in run.stderr, run.shown
    assert run.code == 1, run.shown


def assert_within_limits(run: Run) -> None:
    assert run.seconds < TIME_LIMIT, run.shown
    assert run.max_rss < MEMORY_LIMIT, f"peak memory {run.max_rss / MB:.0f} MB\n{run.shown}"


# ---------------------------------------------------------------- 1. the corpus


@pytest.fixture(scope="module")
def corpus_runs(tmp_path_factory):
    """Every corpus file through the CLI in-process, with click's CliRunner (131 subprocesses took
    9.6 s, in-process 1.7 s). Time and memory limits are checked where they can fail: the worst corpus
    items in a counted, traced run, the generated inputs below in subprocesses."""
    from click.testing import CliRunner

    charts = tmp_path_factory.mktemp("corpus-charts")
    if PWNED.exists():
        PWNED.unlink()
    jobs = {path: ["validate", relative(path)] for path in LADDER_CORPUS}
    jobs.update({path: ["chart", "--style", relative(path), "-o", str(charts / f"{path.stem}.png")]
                 for path in STYLE_CORPUS})
    runner = CliRunner(env={"PMLADDER_DEBUG": None})
    runs = {}
    here = os.getcwd()
    os.chdir(ROOT)  # the expected lines name the files as given, relative to the checkout
    try:
        for key, args in jobs.items():
            result = runner.invoke(cli, args)
            runs[key] = Run(result.exit_code, result.stdout, result.stderr, 0.0, 0)
    finally:
        os.chdir(here)
    runs["charts"] = charts
    return runs


def test_corpus_is_complete():
    """Every corpus file has its expected output and every expected output its file."""
    assert len(LADDER_CORPUS) >= 60 and len(STYLE_CORPUS) >= 15
    for folder in ("ladders", "styles"):
        inputs = {p.stem for p in (CORPUS / folder).glob("*.yaml")}
        expected = {p.stem for p in (CORPUS / folder).glob("*.expected")}
        assert inputs == expected or REGENERATE, (inputs ^ expected)


@pytest.mark.parametrize("path", LADDER_CORPUS + STYLE_CORPUS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_corpus_file_fails_with_exactly_the_expected_lines(corpus_runs, path):
    run = corpus_runs[path]
    sidecar = path.with_suffix(".expected")
    if REGENERATE:
        sidecar.write_text(run.stderr, encoding="utf-8", newline="\n")
    assert_clean_failure(run)
    assert run.stderr == sidecar.read_text(encoding="utf-8"), run.shown
    assert run.stdout == ""
    assert all(line.startswith(f"Error: {relative(path.parent)}/") for line in run.stderr.splitlines())
    assert not PWNED.exists(), "a YAML tag in the corpus ran a command"
    assert not list(corpus_runs["charts"].iterdir()), "a chart was written for a broken style"


def test_corpus_reports_are_single_printable_lines(corpus_runs):
    """Keys, ids and values from the file are quoted: a file cannot forge or colour a report line."""
    for path in LADDER_CORPUS + STYLE_CORPUS:
        for line in corpus_runs[path].stderr.splitlines():
            assert line.isprintable() and len(line) < 400, (path.name, line)


def test_a_byte_order_mark_is_ignored(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffladder: {title: T}\nroles: [{id: a, title: A, level: 1, summary: s}]\n".encode())
    assert load_ladder(path).title == "T"


def test_dates_and_merge_marks_are_plain_text():
    """Date-like and '<<' values are text; an impossible date is not a crash."""
    ladder = load_ladder(text="ladder:\n  title: 2024-13-45\n  version: 2026-01-31\n"
                              "roles: [{id: a, title: '<<', level: 1, summary: <<}]\n")
    assert (ladder.title, ladder.version, ladder.roles[0].summary) == ("2024-13-45", "2026-01-31", "<<")


def test_clock_like_values_stay_what_the_author_wrote():
    """YAML 1.1 reads 2:30 as 150 and 1:00 as 60 (base 60): a version, a skill and a horizon
    were silently numbers, and `level: 1:20` was level 80. Now they are text, so the level is
    refused where it stands."""
    ladder = load_ladder(text="ladder: {title: T, version: 2:30}\ndimensions: [{id: h, name: Horizon}]\n"
                              "roles: [{id: a, title: A, level: 1, skills: [1:30.5], dimensions: {h: 1:00}}]\n")
    role = ladder.roles[0]
    assert (ladder.version, role.skills, role.values["h"]) == ("2:30", ("1:30.5",), "1:00")
    with pytest.raises(LadderError) as caught:
        load_ladder(text="ladder: {title: T}\nroles: [{id: a, title: A, level: 1:20}]\n")
    assert [p.message for p in caught.value.problems] == ["expected a whole number, got '1:20'"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_line_separators_pasted_from_a_word_processor_read_as_spaces(tmp_path, separator):
    """YAML 1.1 breaks lines at them and editors do not: a title with one failed with "could
    not find expected ':'" at line 8 of a 7-line file, and every line after it was off by one."""
    path = tmp_path / "pasted.yaml"
    path.write_text(f"ladder:\n  title: T\nroles:\n  - id: a\n    title: A{separator}B\n    level: 1\n"
                    "    summary: s\n  - id: b\n    title: B\n    level: zero\n", encoding="utf-8")
    with pytest.raises(LadderError) as caught:
        load_ladder(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:10: roles[1].level: expected a whole number, got 'zero'"]
    path.write_text(path.read_text(encoding="utf-8").replace("zero", "2"), encoding="utf-8")
    assert load_ladder(path).roles[0].title == "A B"


# ---------------------------------------------------------------- 2. limits, time and memory


def _roles(count: int) -> str:
    return "".join(f"  - {{id: r{i}, title: Role {i}, level: {i % 99 + 1}, summary: s}}\n" for i in range(count))


HEAD = "ladder:\n  title: Generated\nroles:\n"
ONE_ROLE = "  - id: a\n    title: Alpha\n    level: 1\n    summary: First.\n"


def _pad_to(text: bytes, size: int) -> bytes:
    return text + b"#" * (size - len(text) - 1) + b"\n"


# name -> (file contents, expected stderr with {path} for the file)
GENERATED = {
    "over-size-limit": (
        _pad_to(HEAD.encode() + ONE_ROLE.encode(), _yaml.MAX_BYTES + 1),
        "Error: {path}: file is 5,242,881 bytes; the limit is 5,242,880 bytes\n",
    ),
    "thousands-of-roles": (
        (HEAD + _roles(5000)).encode(),
        "Error: {path}:4: roles: 5,000 roles; the limit is 200\n",
    ),
    "megabyte-title": (
        ("ladder:\n  title: " + "x" * MB + "\nroles:\n" + ONE_ROLE).encode(),
        "Error: {path}:2: ladder.title: text is 1,048,576 characters; the limit is 200\n",
    ),
    "megabyte-word-in-a-role": (
        (HEAD + ONE_ROLE + "    skills:\n      - '" + "é" * MB + "'\n").encode(),
        "Error: {path}:9: roles[0].skills[0]: text is 1,048,576 characters; the limit is 10,000\n",
    ),
    "megabyte-key": (
        (HEAD + ONE_ROLE + "    ? " + "k" * MB + "\n    : 1\n").encode(),
        "Error: {path}:9: roles[0].'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...': unknown field; expected one of: id, "
        "title, level, summary, short, responsibilities, skills, next, reports_to, dimensions, sections, track\n",
    ),
    "megabyte-number": (
        (HEAD + ONE_ROLE.replace("level: 1", "level: " + "7" * MB)).encode(),
        "Error: {path}:6: number is 1,048,576 characters long; the limit is 1,000\n",
    ),
    "five-megabytes-of-values": (  # once a minute and 1.5 GB: every value was built before any was counted
        _pad_to(b"ladder: {title: T}\nroles: [" + b"1," * (_yaml.MAX_BYTES // 2 - 40) + b"1]\n", _yaml.MAX_BYTES),
        "Error: {path}:2: more than 100,000 values in one file\n",
    ),
    "five-megabytes-of-roles": (
        _pad_to((HEAD + _roles(60_000)).encode()[: _yaml.MAX_BYTES - 200].rsplit(b"\n", 1)[0] + b"\n", _yaml.MAX_BYTES),
        "Error: {path}:11114: more than 100,000 values in one file\n",
    ),
    "hundreds-of-broken-roles": (  # 540 problems: the report stops at 50
        (HEAD + "".join(f"  - {{id: R{i}, titel: x, level: 0}}\n" for i in range(180))).encode(),
        None,
    ),
}


@pytest.fixture(scope="module")
def generated_runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    paths = {}
    for name, (data, _) in GENERATED.items():
        paths[name] = folder / f"{name}.yaml"
        paths[name].write_bytes(data)
    runs = run_all({name: ["validate", str(path)] for name, path in paths.items()})
    return {name: (paths[name], runs[name]) for name in GENERATED}


@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_inputs_fail_fast_naming_the_limit(generated_runs, name):
    path, run = generated_runs[name]
    assert_clean_failure(run)
    expected = GENERATED[name][1]
    if expected is None:
        lines = run.stderr.splitlines()
        assert len(lines) == 51 and lines[-1] == f"Error: {path}: stopped after 50 problems", run.shown
        assert all(re.match(rf"Error: {re.escape(str(path))}:\d+: roles\[\d+\]\.", line) for line in lines[:-1])
    else:
        assert run.stderr == expected.format(path=path), run.shown
    assert_within_limits(run)


def test_the_largest_allowed_ladder_loads(tmp_path):
    """The limits refuse what is over them, not what is at them: 200 roles, 10,000-character text."""
    text = HEAD + _roles(199) + "  - id: long\n    title: Long\n    level: 1\n    summary: '" + "w" * 10_000 + "'\n"
    path = tmp_path / "largest.yaml"
    path.write_text(text, encoding="utf-8")
    ladder = load_ladder(path)
    assert len(ladder.roles) == 200 and len(ladder.role("long").summary) == 10_000


def test_a_handout_of_named_ratings_at_the_text_limit_is_within_bounds(tmp_path):
    """200 roles rating 50 dimensions on 10 named points, their names as long as the all-text
    limit lets them be (95 characters, no spaces): printed in every cell of the matrix and on
    every role's page. With 200-character names this took 26 s and 237 MB; now it is refused."""
    path = tmp_path / "named.yaml"
    path.write_text(yaml.safe_dump(named_points_ladder(95, word="Unbreakablenamedpoint"), width=10_000),
                    encoding="utf-8")
    run = run_cli(["pdf", str(path), "-o", str(tmp_path / "named.pdf")])
    assert run.code == 0, run.shown
    assert_within_limits(run)  # 160 MB alone; max_rss here also holds what the forking pytest had


def test_limits_in_the_docs_are_the_limits_in_the_code():
    docs = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert f"| File size | 5 MB ({_yaml.MAX_BYTES:,} bytes) |" in docs
    assert f"| Roles | at most {limits.MAX_ROLES:,} |" in docs
    assert f"| One text field | at most {_checks.MAX_TEXT:,} characters |" in docs
    assert f"| Nesting depth | at most {_yaml.MAX_DEPTH} levels |" in docs
    assert f"| Values after alias expansion | at most {_yaml.MAX_VALUES:,} |" in docs
    assert f"| One number | at most {_yaml.MAX_NUMBER:,} characters |" in docs
    assert f"| Problems reported per file | the first {_checks.MAX_PROBLEMS} " in docs


@pytest.mark.parametrize("name", ["alias-bomb", "alias-bomb-merge", "alias-chain-deep", "alias-self-reference",
                                  "nesting-flow-lists", "number-level-sexagesimal"])
def test_worst_corpus_items_are_cheap_in_process(name):
    """The expansion and conversion guards hold in work done and in traced memory, not only in a
    subprocess. Work is counted in Python lines executed, so a loaded machine cannot fail it."""
    data = (CORPUS / "ladders" / f"{name}.yaml").read_bytes()

    def refused():
        with pytest.raises(LadderError):
            load_ladder(data)

    lines = lines_executed(refused)  # without its guard, each of these runs for minutes...
    tracemalloc.start()  # (a separate run: tracing lines and memory together is slow)
    try:
        refused()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert lines <= LINE_BUDGET and peak < 50 * MB, (lines, peak / MB)  # ...or takes gigabytes


# ---------------------------------------------------------------- 3a. random valid ladders render


LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
LATIN_1 = "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÁÂÄÅÆÇÈÉÊÌÍÑÒÓÖØÙÚÜÝ"
LATIN_EXT = "ĀāĂăĄąĆćČčĎďĐđĘęĚěĞğĪīĲĳŁłŃńŇňŐőŒœŘřŚśŞşŠšŢţŤťŮůŰűŸŹźŻżŽž"
GREEK = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψωάέήίόύώ"
CYRILLIC = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяЁёЄєІіЇїЎў"
CJK = "人大中国日本工程师产品经理高级主管首席技术研究开发设计团队领导あいうえおかきくけこアイウエオカキクケコ"
PUNCTUATION = "<>&\"'/=;:!?.,-()[]{}#*|@%+~`$^\\_–—…«»„“”‘’€£¥§©®°±×÷"
MARKUP = ["<b>", "</b>", "<b>bold</b>", '<img src="/etc/passwd"/>', "]]>", "<![CDATA[", "&amp;", "&lt;", "&#60;",
          "<para>", "</para>", '<font name="Courier">', "<br/>", '<a href="file:///etc/passwd">link</a>',
          "file:///etc/passwd", "!include /etc/passwd", "**bold**", "%s", "{0}", "${HOME}", "\\n", "<?xml?>"]


@functools.cache
def _covered(alphabet: str) -> bool:
    from pmladder.text.fonts import FontSet

    fonts = FontSet.for_style(load_style(None))
    return all(fonts.face_for(char) is not None for char in alphabet)


SCRIPTS = [LATIN, LATIN_1, LATIN_EXT, GREEK, CYRILLIC, PUNCTUATION]


@pytest.mark.parametrize("name", ["LATIN", "LATIN_1", "LATIN_EXT", "GREEK", "CYRILLIC", "PUNCTUATION", "CJK"])
def test_every_generated_character_has_a_font(name):
    """The property tests draw only characters some installed font covers (CJK needs a CJK font)."""
    alphabet = globals()[name]
    if name == "CJK" and not _covered(CJK):
        pytest.skip("no installed CJK TrueType font (e.g. fonts-droid-fallback): CJK is left out of the properties")
    assert _covered(alphabet), [c for c in alphabet if not _covered(c)]


def _scripts() -> list[str]:
    return SCRIPTS + ([CJK] if _covered(CJK) else [])


@st.composite
def words(draw, long: bool = True):
    kind = draw(st.integers(0, 9 if long else 8))
    if kind <= 5:
        return draw(st.text(alphabet=draw(st.sampled_from(_scripts())), min_size=1, max_size=12))
    if kind <= 7:
        return draw(st.sampled_from(MARKUP))
    if kind == 8:
        return draw(st.text(alphabet=PUNCTUATION, min_size=1, max_size=4))
    unit = draw(st.text(alphabet=draw(st.sampled_from(_scripts())), min_size=1, max_size=3))
    return (unit * 80)[: draw(st.integers(25, 120))]  # a very long word: nowhere to break it


def texts(max_words: int = 6, long: bool = True):
    return st.lists(words(long), min_size=1, max_size=max_words).map(" ".join).filter(lambda t: t.strip())


def names(max_words: int = 3, long: bool = True):
    """A title, name or heading: text cut to the loader's limit for them."""
    return texts(max_words, long).map(lambda t: t[:_checks.MAX_NAME]).filter(lambda t: t.strip())


@st.composite
def ladders(draw, crowded: bool = False) -> dict:
    """A valid ladder as plain data: 1-40 roles, 1-5 tracks, random dimensions, ratings and text.

    Any text may hold unbreakable 25-120 character words. Unless `crowded`, the chart has room:
    at most 8 levels and one role per track and level; `crowded` allows up to 40 levels and
    many peers side by side in one cell.
    """
    long = True
    track_count = draw(st.integers(1, 5))
    use_tracks = track_count > 1 or draw(st.booleans())
    # Track names differ once trimmed and casefolded, as the loader asks.
    track_names = draw(st.lists(names(3, long), min_size=track_count, max_size=track_count,
                                unique_by=lambda name: name.strip().casefold()))
    tracks = [{"id": f"t{i}", "name": name} for i, name in enumerate(track_names)] if use_tracks else []
    for track in tracks:
        if draw(st.booleans()):
            track["description"] = draw(st.one_of(st.just(""), texts()))
    dimensions = []
    for i in range(draw(st.integers(0, 6))):
        dim = {"id": f"d{i}", "name": draw(names(3))}
        if draw(st.booleans()):
            dim["kind"] = "rating"
            if draw(st.booleans()):
                dim["scale"] = draw(st.integers(2, 10))
        elif draw(st.booleans()):
            dim["kind"] = "text"
        if draw(st.booleans()):
            dim["description"] = draw(texts())
        dimensions.append(dim)
    if crowded:
        count = draw(st.integers(1, 40))
        levels = draw(st.lists(st.integers(1, 99), min_size=1, max_size=40, unique=True))
        cells = [(draw(st.sampled_from(tracks))["id"] if tracks else None, draw(st.sampled_from(levels)))
                 for _ in range(count)]
    else:
        levels = draw(st.lists(st.integers(1, 99), min_size=1, max_size=8, unique=True))
        every = [(t["id"] if tracks else None, level) for t in (tracks or [None]) for level in levels]
        cells = draw(st.permutations(every))[: draw(st.integers(1, min(40, len(every))))]
        count = len(cells)
    cells = sorted(cells, key=lambda cell: cell[1])  # entry level first, so links can point up

    def step_up(i: int, j: int) -> bool:  # a promotion: a higher level, or sideways to another track
        return cells[j][1] > cells[i][1] or (cells[j][1] == cells[i][1] and cells[j][0] != cells[i][0])

    roles = []
    for i, (track, level) in enumerate(cells):
        role = {"id": f"r{i}", "title": draw(names(5, long)), "summary": draw(texts(12)), "level": level}
        if track:
            role["track"] = track
        if draw(st.booleans()):
            role["short"] = draw(st.one_of(st.just(""), names(2, long)))
        for field in ("responsibilities", "skills"):
            if draw(st.booleans()):
                role[field] = draw(st.lists(texts(), max_size=4))
        ups = [j for j in range(i + 1, count) if step_up(i, j)]
        if ups and draw(st.booleans()):  # only forward links: never a cycle
            role["next"] = [f"r{j}" for j in draw(st.lists(st.sampled_from(ups), max_size=3, unique=True))]
        # Above, or on the same level later in the list: never itself, never round in a cycle.
        bosses = [j for j in range(count) if cells[j][1] > level or (cells[j][1] == level and j > i)]
        if bosses and draw(st.booleans()):
            role["reports_to"] = f"r{draw(st.sampled_from(bosses))}"
        values = {}
        for dim in dimensions:
            if draw(st.booleans()):
                values[dim["id"]] = (draw(st.integers(1, dim.get("scale", 5))) if dim.get("kind") == "rating"
                                     else draw(texts(4)))
        if values or draw(st.booleans()):
            role["dimensions"] = values
        roles.append(role)
    meta = {"title": draw(names(4, long))}
    for key in ("subtitle", "organization", "version"):
        if draw(st.booleans()):
            meta[key] = draw(st.one_of(st.just(""), names(4)))
    if draw(st.booleans()):
        meta["intro"] = [{"heading": draw(names(3)), "body": draw(texts(10)) + "\n\n" + draw(texts(10))}
                         for _ in range(draw(st.integers(0, 3)))]
    data = {"ladder": meta, "roles": roles}
    if tracks:
        data["tracks"] = tracks
    if dimensions:
        data["dimensions"] = dimensions
    return data


_INVISIBLE = re.compile(r"[\s\u200b\u00ad-]+")


def _squeeze(text: str) -> str:
    """Text without spaces, line breaks and break hints: a title wrapped over lines still matches."""
    return _INVISIBLE.sub("", text)


KNOWN_LIMIT = "the ladder has too many levels to draw readably"  # see the xfail tests below


# No shrinking: one render is ~0.5 s and shrinking a failure took over five minutes; the
# failing example is printed as generated.
@settings(HARDENING, max_examples=15, phases=[Phase.explicit, Phase.generate])
@given(data=ladders())
def test_random_valid_ladders_load_lay_out_and_render(data):
    from pmladder.outputs.chart.render import figure_bytes, render_chart
    from pmladder.outputs.pdf.handout import render_pdf
    from pmladder.scene.diagram import ladder_scene

    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode("utf-8")
    ladder = load_ladder(text)
    assert [r.id for r in ladder.roles] == [r["id"] for r in data["roles"]]
    style = load_style(None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scene = ladder_scene(ladder, style)
        assert scene.overlaps() == []
        assert set(scene.role_boxes) == {r.id for r in ladder.roles}
        png = figure_bytes(render_chart(ladder, style=style).figure, "png", style=style)
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        pdf = render_pdf(ladder, style)
    missing = [str(w.message) for w in caught if issubclass(w.category, MissingGlyphsWarning)]
    assert not missing, "a drawn character has no font although its script is covered"
    extracted = _squeeze("".join(pdf_texts(pdf)))
    for role in ladder.roles:
        assert _squeeze(role.title) in extracted, f"title {role.title!r} of {role.id} is not in the PDF text"


@settings(HARDENING, max_examples=40)
@given(data=ladders(crowded=True))
def test_crowded_ladders_lay_out_or_refuse_cleanly(data):
    """Up to 40 levels, many peers in one cell, unbreakable words in titles: a scene or a RenderError."""
    from pmladder.scene.diagram import ladder_scene

    ladder = load_ladder(data)
    with time_limit(10.0):
        try:
            scene = ladder_scene(ladder, load_style(None))
        except RenderError as exc:
            assert str(exc) == KNOWN_LIMIT
            return
    assert set(scene.role_boxes) == {r.id for r in ladder.roles}


# Valid ladders the properties above found the layout refusing or drawing out of bounds. The
# first three were fixed while this file was written and stay as regression tests; the xfail one
# is strict: once handout.py draws it, xfail_strict fails the test and the mark (and the reject()
# above) should go.


def _tracks_ladder(tracks: int, roles: list[dict], names: dict | None = None) -> Ladder:
    return load_ladder({
        "ladder": {"title": "T"},
        "tracks": [{"id": f"t{i}", "name": (names or {}).get(i, f"Track {i}")} for i in range(tracks)],
        "roles": [{"summary": "s", "level": 1, "track": "t0", **role} for role in roles],
    })


def test_peers_in_one_cell_with_a_long_title():
    from pmladder.scene.diagram import ladder_scene

    roles = [{"id": f"r{i}", "title": "Role"} for i in range(5)]
    roles.append({"id": "d", "title": "Director of Product Design and Research"})
    assert ladder_scene(_tracks_ladder(2, roles), load_style(None)).overlaps() == []


def test_a_long_title_in_a_narrow_column():
    from pmladder.outputs.pdf.handout import render_pdf

    ladder = _tracks_ladder(5, [{"id": "a", "title": "Kommunikationsberaterin und Projektleiterin", "track": "t4"}])
    assert render_pdf(ladder, load_style(None)).startswith(b"%PDF-")


def test_a_long_track_name_without_spaces():
    from pmladder.scene.diagram import ladder_scene

    if not _covered(CJK):
        pytest.skip("needs a CJK font")
    ladder = _tracks_ladder(5, [{"id": "a", "title": "Role"}], names={3: "プロダクトマネジメント部門" * 6})
    assert ladder_scene(ladder, load_style(None)).overlaps() == []


def test_a_long_ladder_title_wraps_inside_the_chart():
    from pmladder.scene.diagram import ladder_scene

    ladder = load_ladder({"ladder": {"title": "Career Ladder " * 9}, "roles": [{"id": "a", "title": "A", "level": 1,
                                                                                "summary": "s"}]})
    assert ladder_scene(ladder, load_style(None)).overlaps() == []


def test_an_unbreakable_title_in_a_narrow_column_is_drawn():
    from pmladder.outputs.pdf.handout import render_pdf

    ladder = _tracks_ladder(5, [{"id": "a", "title": "M" * 80}])
    assert render_pdf(ladder, load_style(None)).startswith(b"%PDF-")


def test_margins_wider_than_the_page_are_refused(tmp_path):
    from pmladder import PmladderError
    from pmladder.outputs.pdf.handout import render_pdf

    path = tmp_path / "wide-margins.yaml"
    path.write_text("page:\n  margin_mm: 1000\n", encoding="utf-8")
    with pytest.raises(PmladderError) as info:
        render_pdf(load_ladder(), load_style(str(path)))
    assert info.value.lines == [f"{path}:2: page.margin_mm: expected a number from 0 to 50, got 1000"]


# ---------------------------------------------------------------- 3b. random mutations load or fail cleanly


VALID = """\
# A complete ladder: every feature of the format, so mutations reach every check.
schema: 1
ladder:
  title: Data Team Ladder
  subtitle: Analysts and their leads
  organization: Example Ltd
  version: "2026.1"
  intro:
    - heading: How to use this ladder
      body: |
        Levels describe sustained impact.

        A blank line starts a new paragraph.
  labels:
    level: Poziom
tracks:
  - id: ic
    name: Individual contributor
  - id: mgmt
    name: Management
    description: Grows through people.
dimensions:
  - id: scope
    name: Scope
    description: What the role is accountable for.
  - id: craft
    name: Analytical craft
    kind: rating
    scale: 5
roles:
  - &analyst
    id: analyst
    title: Data Analyst
    short: Analyst
    level: 1
    track: ic
    summary: Answers well-defined questions with data.
    responsibilities:
      - Build and maintain dashboards
      - "Answer questions: ad hoc"
    skills: [SQL, Spreadsheets, Clear charts]
    next: [senior, lead]
    reports_to: lead
    dimensions: {scope: Single questions, craft: 2}
  - <<: *analyst
    id: senior
    title: Senior Data Analyst
    level: 2
    next: []
    dimensions:
      scope: 'A product area'
      craft: 4
  - id: lead
    title: Analytics Lead
    level: 2
    track: mgmt
    summary: >
      Leads the analysts
      and sets priorities.
    dimensions:
      scope: The analytics team
      craft: 3
"""

SNIPPETS = [
    b"!!python/object/apply:os.system ['touch /tmp/pmladder-corpus-pwned'] ", b"!!python/name:os.system ",
    b"!include ", b"!!binary ", b"!!int ", b"!!seq ", b"!!map ", b"!!str ", b"!!float ", b"!!bool ", b"!!timestamp ",
    b"&x ", b"*x ", b"*analyst ", b"<<: *analyst\n", b"? ", b"[", b"]", b"{", b"}", b"- ", b": ", b",", b"#", b"'",
    b'"', b"|", b">", b"\t", b"\x00", b"\x1b", b"\xff", b"\xed\xa0\x80", "\ufeff".encode(), b"---\n", b"...\n",
    b"%YAML 1.1\n", b"%TAG !p! tag:yaml.org,2002:python/\n", b'"\\ud800"', b'"\\x07"', b"9" * 5000,
    b"1:" * 700 + b"1", b"2024-13-45", b".inf", b"-.nan", b"0x" + b"f" * 300, b"\r", b"\r\n", "\u2028".encode(),
    "\u0085".encode(), b"\n" * 3, b"  ", b"~", b"null", b"yes", b"[" * 60,
]

# What replaces a value (the text after "key: " or "- "): each reaches a different typed path.
VALUES = [
    b"2024-13-45", b"2024-02-30 25:61:00", b"!!int three", b"!!bool maybe", b"!!float ''", b"!!timestamp x",
    b"!!seq x", b"!!map [a]", b"!!str {a: 1}", b"!!python/name:os.system", b"!Ref x", b"9" * 5000,
    b"0x" + b"f" * 5000, b"1:" * 700 + b"1", b"&x [*x]", b"&y {k: 1, <<: *y}", b"*analyst", b"*nothing",
    b"{<<: *analyst}", b'"\\ud83d"', b'"\\U0010FFFF"', b'"a\\nError: forged"', b'"\\x1b[31mred"', b".nan",
    b".inf", b"-0", b"1e400", b"true", b"null", b"~", b"[]", b"{}", b"''", b"[[[[[[[[[[]]]]]]]]]]", b"<<",
    b"\xc3\x28", "\u202e\u200b\ufeff".encode(), b"|", b">-",
]

mutations = st.one_of(
    st.tuples(st.just("value"), st.integers(0, 10_000), st.integers(0, len(VALUES) - 1)),
    st.tuples(st.just("flip"), st.integers(0, 10_000), st.integers(0, 255)),
    st.tuples(st.just("delete line"), st.integers(0, 10_000), st.just(0)),
    st.tuples(st.just("duplicate line"), st.integers(0, 10_000), st.just(0)),
    st.tuples(st.just("truncate"), st.integers(0, 10_000), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.integers(0, len(SNIPPETS) - 1)),
)


def mutate(data: bytes, steps) -> bytes:
    for kind, at, arg in steps:
        if not data:
            break
        at %= len(data)
        lines = data.splitlines(keepends=True)
        if kind == "flip":
            data = data[:at] + bytes([arg]) + data[at + 1:]
        elif kind == "delete line":
            del lines[at % len(lines)]
            data = b"".join(lines)
        elif kind == "duplicate line":
            index = at % len(lines)
            lines.insert(index, lines[index])
            data = b"".join(lines)
        elif kind == "truncate":
            data = data[:at]
        elif kind == "value":
            index = at % len(lines)
            head, sep, _ = lines[index].partition(b": ")
            if not sep:
                head, sep, _ = lines[index].partition(b"- ")
            if sep:
                lines[index] = head + sep + VALUES[arg] + b"\n"
            data = b"".join(lines)
        else:
            data = data[:at] + SNIPPETS[arg] + data[at:]
    return data


@contextmanager
def time_limit(seconds: float):
    """Fail instead of hanging (SIGALRM interrupts the main thread)."""

    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_the_mutation_base_is_valid():
    ladder = load_ladder(VALID.encode())
    assert [r.id for r in ladder.roles] == ["analyst", "senior", "lead"]
    assert ladder.role("senior").skills == ("SQL", "Spreadsheets", "Clear charts")  # from the merge


@settings(HARDENING, max_examples=300)
@given(steps=st.lists(mutations, min_size=1, max_size=4))
def test_mutated_files_load_or_fail_with_a_ladder_error(steps):
    from pmladder.scene.diagram import ladder_scene

    data = mutate(VALID.encode(), steps)
    with time_limit(5.0):
        try:
            ladder = load_ladder(data)
        except LadderError as exc:
            assert exc.lines, "a LadderError without a message"
            for line in exc.lines:
                assert line.startswith("<text>") and line.isprintable() and len(line) < 400, line
            return
        assert isinstance(ladder, Ladder)
        try:
            ladder_scene(ladder, load_style(None))
        except RenderError:
            pass
    assert not PWNED.exists()


# ---------------------------------------------------------------- 4. output is never lost


OLD = b"the previous output, which must survive\n"


def _ladder_file(folder: Path, name: str, ids=("a", "b")) -> str:
    roles = "".join(f"  - {{id: {i}, title: Role {i}, level: {n + 1}, summary: s}}\n" for n, i in enumerate(ids))
    path = folder / f"{name}.yaml"
    path.write_text(f"ladder: {{title: {name}}}\nroles:\n{roles}", encoding="utf-8")
    return str(path)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.part"))


def _writers(tmp_path: Path, out: Path | None = None) -> dict:
    """Each command that writes a file: (arguments, the file it writes)."""
    out = out or tmp_path / "out"
    good = _ladder_file(tmp_path, "good")
    other = _ladder_file(tmp_path, "other", ids=("a", "c"))
    return {
        "chart": (["chart", good, "-o", str(out / "chart.png")], out / "chart.png"),
        "pdf": (["pdf", good, "-o", str(out / "handout.pdf")], out / "handout.pdf"),
        "init": (["init", str(out / "team.yaml"), "--force"], out / "team.yaml"),
        "batch pdf": (["pdf", good, other, "--output-dir", str(out)], out / "other.pdf"),
    }


WRITERS = ["chart", "pdf", "init", "batch pdf"]
MAGIC = {".png": b"\x89PNG", ".pdf": b"%PDF-", ".yaml": b"#"}


def invoke(args: list[str]):
    from click.testing import CliRunner

    return CliRunner().invoke(cli, args)


def assert_no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output


@pytest.mark.parametrize("writer", WRITERS)
def test_writes_create_missing_folders(tmp_path, writer):
    args, target = _writers(tmp_path, tmp_path / "not" / "yet" / "there")[writer]
    assert not target.parent.exists()
    result = invoke(args)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(MAGIC[target.suffix])
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("case", ["unknown highlight", "invalid ladder", "init without --force", "batch highlight"])
def test_a_failed_run_leaves_the_existing_file_alone(tmp_path, case):
    out = tmp_path / "out"
    out.mkdir()
    good = _ladder_file(tmp_path, "good")
    bad = tmp_path / "bad.yaml"
    bad.write_text("ladder: {title: Bad}\nroles: [{id: a, title: A, level: zero, summary: s}]\n", encoding="utf-8")
    calls = {
        "unknown highlight": [(["chart", good, "--highlight", "nope", "-o", str(out / "x.png")], "x.png"),
                              (["pdf", good, "--highlight", "nope", "-o", str(out / "x.pdf")], "x.pdf")],
        "invalid ladder": [(["chart", str(bad), "-o", str(out / "x.png")], "x.png"),
                           (["pdf", str(bad), "-o", str(out / "x.pdf")], "x.pdf")],
        "init without --force": [(["init", str(out / "team.yaml")], "team.yaml")],
        # 'a' is in good.yaml but not in other.yaml: the batch writes good.pdf and keeps the old other.pdf
        "batch highlight": [(["pdf", good, _ladder_file(tmp_path, "other", ids=("x",)), "--highlight", "a",
                              "--output-dir", str(out)], "other.pdf")],
    }[case]
    for args, name in calls:
        (out / name).write_bytes(OLD)
        result = invoke(args)
        assert_no_traceback(result)
        assert result.exit_code == 1 and "Error: " in result.output, result.output
        assert (out / name).read_bytes() == OLD, args
        assert _leftovers(tmp_path) == []
    if case == "batch highlight":
        assert (out / "good.pdf").read_bytes().startswith(b"%PDF-")


class _Os:
    """`os` for pmladder.outputs.atomic only, with some functions replaced (the rest of the process keeps os)."""

    def __init__(self, **replaced):
        self.__dict__.update(replaced)

    def __getattr__(self, name):
        return getattr(os, name)


def _interrupt(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("where", ["replace", "data write"])
@pytest.mark.parametrize("writer", WRITERS)
def test_an_interrupted_write_exits_130_and_keeps_the_old_file(tmp_path, monkeypatch, writer, where):
    args, target = _writers(tmp_path)[writer]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(OLD)
    monkeypatch.setattr(output, "os", _Os(**{"replace" if where == "replace" else "fsync": _interrupt}))
    result = invoke(args)
    assert_no_traceback(result)
    assert result.exit_code == 130, result.output
    assert "Interrupted" in result.output
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("writer", WRITERS)
def test_a_full_disk_is_a_clean_error_and_keeps_the_old_file(tmp_path, monkeypatch, writer):
    args, target = _writers(tmp_path)[writer]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(OLD)

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output, "os", _Os(fsync=full))
    result = invoke(args)
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert "cannot be written: No space left on device" in result.output
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("case", ["parent is a file", "target is a folder", "under /proc", "read-only file in /proc"])
@pytest.mark.parametrize("command", ["chart", "pdf", "init"])
def test_an_unwritable_destination_is_a_clean_error(tmp_path, case, command):
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "a-folder").mkdir()
    suffix = {"chart": ".png", "pdf": ".pdf", "init": ".yaml"}[command]
    target = {
        "parent is a file": str(tmp_path / "a-file" / f"out{suffix}"),
        "target is a folder": str(tmp_path / "a-folder"),
        "under /proc": f"/proc/pmladder-hardening/out{suffix}",  # root may write anywhere, but not here
        "read-only file in /proc": "/proc/version",
    }[case]
    if "proc" in case and not Path("/proc/version").is_file():
        pytest.skip("needs Linux /proc")
    args = {"chart": ["chart", "-o", target], "pdf": ["pdf", "-o", target], "init": ["init", target, "--force"]}[command]
    before = Path("/proc/version").read_bytes() if target == "/proc/version" else None
    result = invoke(args)
    assert_no_traceback(result)
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: {target}: "), result.output
    assert len(result.output.splitlines()) == 1, result.output
    if before is not None:
        assert Path("/proc/version").read_bytes() == before
    assert _leftovers(tmp_path) == [] and list((tmp_path / "a-folder").iterdir()) == []


@pytest.mark.parametrize("command", ["chart", "pdf", "init", "matrix"])
def test_a_named_pipe_or_device_as_output_is_refused_before_work(tmp_path, command):
    """A FIFO would block the run forever and a device swallows the file: only `-o -` writes a stream."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for target, kind in ((pipe, "a named pipe"), (Path("/dev/null"), "a character device")):
        args = [command, "-o", str(target)] + (["--force"] if command == "init" else [])
        with time_limit(20):
            result = invoke(args)
        assert result.exit_code == 1, result.output
        assert result.output == f"Error: {target}: is {kind}, not a regular file (-o - writes to standard output)\n"
    assert pipe.is_fifo() and _leftovers(tmp_path) == []


def test_a_symlinked_target_stays_a_link(tmp_path):
    real = tmp_path / "real.png"
    real.write_bytes(OLD)
    link = tmp_path / "link.png"
    link.symlink_to(real.name)
    result = invoke(["chart", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and real.read_bytes().startswith(b"\x89PNG")


def test_a_long_file_name_gets_its_temporary_file(tmp_path):
    """The temporary name adds to the target's; a name near the 255-byte limit must still work."""
    target = tmp_path / ("n" * 240 + ".png")
    result = invoke(["chart", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"\x89PNG")


def _loaded(pid: int, marker: str) -> bool:
    try:
        return marker in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/maps").exists() or os.name != "posix", reason="needs Linux /proc and signals")
@pytest.mark.parametrize("command", ["pdf", "chart"])
def test_ctrl_c_exits_130_without_a_traceback_or_a_partial_file(tmp_path, command):
    """A real SIGINT while a large ladder renders (once the renderer is loaded, so not during start-up)."""
    ladder = tmp_path / "large.yaml"
    data = make_ladder(*{"pdf": (40, 4), "chart": (200, 6)}[command])  # 200: the most roles a ladder may have
    if command == "pdf":  # pages of text, so the handout takes seconds
        for role in data["roles"]:
            role["responsibilities"] = [f"Responsibility {i} of {role['id']}: " + "words " * 30 for i in range(40)]
    ladder.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    target = tmp_path / "out" / f"large.{command if command == 'pdf' else 'png'}"
    target.parent.mkdir()
    # Under load the signal can land in the deferred commit, after which exit 0 with the new file
    # is right: that try proves nothing either, so try again (a Ctrl-C never honoured fails all).
    for _attempt in range(3):
        target.write_bytes(OLD)
        extra = ["--worksheet"] if command == "pdf" else []
        with open(tmp_path / "stderr", "wb") as err:
            proc = subprocess.Popen([sys.executable, "-m", "pmladder", command, str(ladder), "-o", str(target), *extra],
                                    cwd=ROOT, env=cli_env(), stdout=subprocess.DEVNULL, stderr=err,
                                    # Ctrl-C as a terminal gives it, even under a shell that ignores it
                                    preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
            marker = {"pdf": "_rl_accel", "chart": "matplotlib"}[command]  # a C extension each renderer loads
            deadline = time.monotonic() + 30
            while proc.poll() is None and not _loaded(proc.pid, marker) and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.3)
            # The render takes seconds: a run that ended first was not interrupted, and proves nothing.
            assert proc.poll() is None, "the render finished before Ctrl-C; make the ladder larger"
            proc.send_signal(signal.SIGINT)
            code = proc.wait(30)
        stderr = (tmp_path / "stderr").read_text(encoding="utf-8", errors="replace")
        if code != 0:
            break
        assert target.read_bytes().startswith(MAGIC[target.suffix]), "exit 0 without the new file"
    assert "Traceback" not in stderr, stderr
    assert code == 130, (code, stderr)
    assert "Interrupted" in stderr
    assert target.read_bytes() == OLD or target.read_bytes().startswith(MAGIC[target.suffix])
    assert _leftovers(tmp_path) == []


# ---------------------------------------------------------------- 5. trust model: text never opens a file


def _evil_ladder(folder: Path, secret: Path) -> Path:
    s = str(secret)
    data = {
        "ladder": {"title": f'<img src="{s}"/> file://{s}', "subtitle": f"!include {s}",
                   "intro": [{"heading": "<para>", "body": f'<a href="file://{s}">x</a> <font name="{s}">y</font>'}]},
        "dimensions": [{"id": "scope", "name": f"<img src='{s}' width='9' height='9'/>"}],
        "roles": [
            {"id": "a", "title": '<img src="/etc/passwd"/> &amp; ]]> <b>bold</b>', "level": 1,
             "summary": "file:///etc/passwd !include /etc/passwd", "next": ["b"],
             "responsibilities": [f"!include {s}", f"<para><img src=\"{s}\"/></para>"],
             "dimensions": {"scope": f"<img src=\"{s}\"/>"}},
            {"id": "b", "title": f"file://{s}", "level": 2, "summary": f'<img src="{s}" valign="top"/>'},
        ],
    }
    path = folder / "evil.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _allowed_roots(tmp_path: Path) -> list[str]:
    import matplotlib

    home = Path(os.path.expanduser("~"))
    roots = {str(ROOT), str(tmp_path), sys.prefix, sys.base_prefix, sys.exec_prefix,
             os.path.dirname(os.path.dirname(os.path.realpath(sys.executable))),
             matplotlib.get_configdir(), matplotlib.get_cachedir(),
             str(home / ".reportlab_settings"),  # ReportLab looks for its user settings when imported
             # system fonts and fontconfig (fc-list finds fallback fonts)
             "/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/fontconfig", "/etc/fonts",
             "/var/cache/fontconfig", str(home / ".cache"), str(home / ".fontconfig"), str(home / ".fonts"),
             str(home / ".local/share/fonts"), str(home / ".config/fontconfig"),
             # the runtime: shared libraries, locale, time zone, devices, the fc-list program
             "/etc/ld.so.cache", "/etc/ld.so.preload", "/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib",
             "/usr/share/locale", "/usr/lib/locale", "/etc/localtime", "/usr/share/zoneinfo", "/dev", "/proc", "/sys",
             "/usr/bin", "/bin", "/etc/gconv", "/usr/share/X11/locale"}
    return sorted({os.path.realpath(r) for r in roots} | roots)


def _outside(paths, allowed: list[str]) -> list[str]:
    def ok(path: str) -> bool:
        full = os.path.normpath(os.path.join(str(ROOT), path))
        return any(full == root or full.startswith(root.rstrip("/") + "/") for root in allowed)

    return sorted({p for p in paths if p and not ok(p)})


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret" / "do-not-read.txt"
    path.parent.mkdir()
    path.write_text("secret\n")
    return path


_SYSCALL = re.compile(r'^(?:\[pid\s+)?(\d+)\]?\s+(\w+)\((?:AT_FDCWD, |-?\d+, )?"((?:[^"\\]|\\.)*)"[^=]*=\s*(-?\d+)')


@pytest.mark.skipif(not shutil.which("strace"), reason="needs strace (the in-process test below still runs)")
@pytest.mark.parametrize("command", ["pdf", "chart", "validate", "matrix"])
def test_no_file_named_in_a_ladder_is_ever_touched_strace(tmp_path, secret, command):
    ladder = _evil_ladder(tmp_path, secret)
    log = tmp_path / "strace.log"
    args = [str(ladder)] + (["-o", str(tmp_path / f"out.{'png' if command == 'chart' else 'pdf'}")]
                            if command in ("pdf", "chart") else [])
    result = subprocess.run(["strace", "-f", "-qq", "-s", "4096", "-e", "trace=%file", "-o", str(log),
                             sys.executable, "-m", "pmladder", command, *args],
                            cwd=ROOT, env=cli_env(), capture_output=True, text=True, timeout=120)
    if "ptrace" in result.stderr and "Operation not permitted" in result.stderr:
        pytest.skip("strace is not permitted here (ptrace)")
    assert result.returncode == 0, result.stdout + result.stderr
    calls = [m.groups() for m in map(_SYSCALL.match, log.read_text(errors="replace").splitlines()) if m]
    assert len(calls) > 50, "strace recorded nothing: the test would prove nothing"
    touched = {path for _, _, path, _ in calls}
    forbidden = {str(secret), str(secret.parent), "/etc/passwd", "/etc/shadow"}
    assert not touched & forbidden, touched & forbidden
    opened = {path for _, call, path, ret in calls if call in ("open", "openat", "openat2", "execve") and int(ret) >= 0}
    assert _outside(opened, _allowed_roots(tmp_path)) == []


def test_no_file_named_in_a_ladder_is_ever_opened_in_process(tmp_path, secret, monkeypatch):
    """The same promise without strace: every open() during load, layout, chart and handout is recorded."""
    from pmladder.outputs.chart.render import figure_bytes, render_chart

    ladder_path = _evil_ladder(tmp_path, secret)
    opened: list[str] = []
    real_open = builtins.open
    real_os_open = os.open

    def spy_open(file, *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)):
            opened.append(os.fsdecode(file))
        return real_open(file, *args, **kwargs)

    def spy_os_open(path, *args, **kwargs):
        opened.append(os.fsdecode(path))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    ladder = load_ladder(ladder_path)
    style = load_style(None)
    png = figure_bytes(render_chart(ladder, style=style).figure, "png", style=style)
    from pmladder.outputs.pdf.handout import render_pdf  # imported while the spy records, so its import is checked too

    pdf = render_pdf(ladder, style)
    monkeypatch.undo()
    assert png.startswith(b"\x89PNG")
    assert str(ladder_path) in opened, "the spy saw nothing: the test would prove nothing"
    assert not {str(secret), "/etc/passwd"} & set(opened)
    assert _outside(opened, _allowed_roots(tmp_path)) == []
    # and the markup is printed as text, not obeyed
    assert _squeeze('<img src="/etc/passwd"/> &amp; ]]> <b>bold</b>') in _squeeze("".join(pdf_texts(pdf)))
