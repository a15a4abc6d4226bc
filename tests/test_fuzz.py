"""Fuzzing (issue 18): the shipped ladders and styles, mutated by structure (huge lists, long
text of every script, big and odd numbers, deep nesting, long `extends` chains), each load and
render in a child process under a time and a memory limit. Every example either works or is
refused with `Error:` lines; none takes longer than TIME_LIMIT, more than MEMORY_LIMIT or ends
in an exception of another kind.
"""

from __future__ import annotations

import copy
import os
import resource
import signal
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from pmladder.errors import PmladderError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not Path("/proc/self/status").exists(),
                                reason="needs fork and Linux /proc")

TIME_LIMIT = 10.0  # seconds for one example: the promise for any command
MEMORY_LIMIT = 500 * 1024 * 1024  # bytes of address space one example may add
LADDERS = sorted((ROOT / "data").rglob("*.yaml"))
STYLES = sorted((ROOT / "styles").glob("*.yaml"))
SCRIPTS = ["abc xyz", "żółć ĄĘ", "Ωμέγα", "Привет", "国研ケう师", "한국어", "עברית", "العربية", "देवनागरी",
           "\u00a0\u2060\u200b", "\ufffe\ud800\U0010ffff", "<b>&amp;</b>", "=cmd|' /C calc'!A0", "**bold** [x](y)"]


def _paths(data, prefix=()):
    """Every place in a YAML tree: (path, value)."""
    yield prefix, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, prefix + (index,))


def _set(data, path, value):
    if not path:
        return value
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


@st.composite
def mutation(draw, value):
    """A structural change of `value`."""
    kind = draw(st.sampled_from(["text", "list", "number", "nest", "drop"]))
    if kind == "text":
        unit = draw(st.sampled_from(SCRIPTS))
        length = draw(st.sampled_from([1, 199, 200, 201, 2_000, 10_000, 10_001, 60_000]))
        return (unit * (length // len(unit) + 1))[:length]
    if kind == "list" and isinstance(value, list) and value:
        return value * draw(st.sampled_from([2, 11, 101, 300]))
    if kind == "list" and isinstance(value, dict):
        return [copy.deepcopy(value)] * draw(st.sampled_from([2, 21, 201]))
    if kind == "number":
        return draw(st.sampled_from([0, -1, 99, 100, 10**6, 10**40, 1e308, float("inf"), float("nan"), True]))
    if kind == "nest":
        nested = value
        for _ in range(draw(st.sampled_from([5, 49, 60]))):
            nested = [nested]
        return nested
    return None


@st.composite
def mutated(draw, files):
    path = draw(st.sampled_from(files))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        places = list(_paths(data))
        where, value = draw(st.sampled_from(places))
        data = _set(data, where, draw(mutation(value)))
    return path, data


def _in_child(work) -> str:
    """Run `work()` in a forked child with TIME_LIMIT and MEMORY_LIMIT; its outcome as text."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read)
        code = 0
        try:
            size = int(next(line for line in Path("/proc/self/status").read_text().splitlines()
                            if line.startswith("VmSize:")).split()[1]) * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size + MEMORY_LIMIT, size + MEMORY_LIMIT))
            work()
            outcome = "ok"
        except PmladderError as exc:
            lines = exc.lines
            outcome = "refused" if lines and all(line and "internal error" not in line for line in lines) \
                else f"bad message: {lines!r}"
        except MemoryError:
            outcome = "over the memory limit"
        except BaseException as exc:  # noqa: BLE001 - any other exception is the finding
            outcome = f"{type(exc).__name__}: {str(exc)[:300]}"
        try:
            os.write(write, outcome.encode("utf-8", "replace"))
        finally:
            os._exit(code)
    os.close(write)
    deadline = time.monotonic() + TIME_LIMIT
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.02)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read)
        return f"over the time limit ({TIME_LIMIT:.0f} s)"
    with os.fdopen(read, "rb") as pipe:
        return pipe.read().decode("utf-8", "replace") or f"died (status {status})"


def _dump(data) -> bytes:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9).encode("utf-8")


FUZZ = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(case=mutated(LADDERS), output=st.sampled_from(["md", "csv", "svg", "pdf"]))
def test_mutated_shipped_ladders_load_and_render_within_limits(case, output):
    from pmladder.load.ladder import parse_ladder
    from pmladder.load.style import load_style
    from pmladder.outputs import tables
    from pmladder.outputs.chart.render import chart_file
    from pmladder.outputs.pdf.handout import render_pdf

    _, data = case

    def work():
        ladder = parse_ladder(_dump(data), "fuzzed.yaml")
        if output in ("md", "csv"):
            tables.to_markdown(ladder) if output == "md" else tables.to_csv(ladder)
        elif output == "svg":
            chart_file(ladder, "svg", size=(960, 540))
        else:
            render_pdf(ladder, load_style(None))

    assert _in_child(work) in ("ok", "refused")


@FUZZ
@given(case=mutated(STYLES), depth=st.sampled_from([0, 9, 10, 11, 300]))
def test_mutated_shipped_styles_load_and_draw_within_limits(tmp_path_factory, case, depth):
    from pmladder.load.ladder import load_ladder
    from pmladder.load.style import load_style
    from pmladder.outputs.chart.render import chart_file

    path, data = case
    folder = tmp_path_factory.mktemp("style")
    for asset in path.parent.glob(f"{path.stem}/*"):  # a style's logo folder goes with it
        (folder / path.stem).mkdir(exist_ok=True)
        (folder / path.stem / asset.name).write_bytes(asset.read_bytes())
    if isinstance(data, dict) and depth:  # a chain of `extends`, each file naming the next
        data["extends"] = "chain-1.yaml"
        for k in range(1, depth):
            (folder / f"chain-{k}.yaml").write_text(f"extends: chain-{k + 1}.yaml\n", encoding="utf-8")
        (folder / f"chain-{depth}.yaml").write_text("extends: default\n", encoding="utf-8")
    style_file = folder / "fuzzed.yaml"
    style_file.write_bytes(_dump(data))

    def work():
        chart_file(load_ladder(None), "svg", style=load_style(style_file), size=(960, 540))

    assert _in_child(work) in ("ok", "refused")
