"""The generated big framework that the benchmark and the handout tests share: the size issue 14
asks for, valid, and the same text on every run."""

import subprocess
import sys

from big_framework import big_framework_yaml
from conftest import ROOT
from pmladder.api import load_ladder


def test_big_framework_is_the_size_of_a_published_framework(big_framework_file):
    ladder = load_ladder(big_framework_file)
    assert len(ladder.roles) == 12 and len(ladder.tracks) == 2
    assert len(ladder.dimensions) == 23 and len(ladder.groups) == 5
    assert any(d.tracks for d in ladder.dimensions)  # some competencies are one track's own
    per_role = [sum(len(v) for v in r.values.values() if isinstance(v, tuple)) for r in ladder.roles]
    assert all(55 <= n <= 70 for n in per_role), per_role
    statements = [s for r in ladder.roles for v in r.values.values() if isinstance(v, tuple) for s in v]
    assert all(10 <= len(s.split()) <= 25 for s in statements)
    assert len(set(statements)) > 0.9 * len(statements)  # not the same sentence over and over
    names = " ".join(d.name for d in ladder.dimensions)
    assert "\U0001f3c6" in names and "\U0001f308" in names
    assert any(d.is_rating and d.points for d in ladder.dimensions)


def test_big_framework_is_the_same_text_in_every_process():
    code = "import sys; sys.path.insert(0, 'tests'); import big_framework; print(big_framework.big_framework_yaml(), end='')"
    outputs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"}).stdout for seed in ("1", "2")}
    assert outputs == {big_framework_yaml()}
