"""The wheel carries the default ladder, the built-in styles and the type marker."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{result.stdout}\n{result.stderr}")
    (path,) = out.glob("pmladder-*.whl")
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_wheel_ships_data_and_styles_inside_the_package(wheel):
    expected = {
        "pmladder/data/product-management.yaml",
        "pmladder/data/examples/engineering-two-track.yaml",
        "pmladder/data/examples/inzynieria-pl-ja.yaml",
        "pmladder/styles/default.yaml",
        "pmladder/styles/print.yaml",
        "pmladder/styles/slides.yaml",
        "pmladder/styles/brand-example.yaml",
        "pmladder/styles/brand-example/logo.png",
        "pmladder/data/examples/assessment-pm.yaml",
        "pmladder/load/assessment.schema.json",  # pmladder schema --assessment reads it
        "pmladder/py.typed",
        "pmladder/cli/__init__.py",
    }
    assert expected <= set(wheel)


def test_wheel_has_no_tests_or_caches(wheel):
    assert not [name for name in wheel if name.startswith("tests/") or "__pycache__" in name]


def test_console_script_is_declared(wheel):
    (entry_points,) = [data for name, data in wheel.items() if name.endswith("entry_points.txt")]
    assert b"pmladder = pmladder.__main__:main" in entry_points
