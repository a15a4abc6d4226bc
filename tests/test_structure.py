"""Every module of the package stays in small pieces: no module over ~500 lines, no class over
~250 (the team's limits), so each part can be read on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pmladder

PACKAGE_DIR = Path(pmladder.__file__).parent
SOURCES = sorted(PACKAGE_DIR.rglob("*.py"))
MAX_MODULE_LINES = 500
MAX_CLASS_LINES = 250


def test_every_module_is_checked():
    names = {str(path.relative_to(PACKAGE_DIR)) for path in SOURCES}
    assert {"cli/command.py", "load/ladder.py", "scene/diagram.py", "outputs/pdf/handout.py"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_modules_and_classes_stay_small(path):
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    too_long = [f"the module: {lines} lines"] if lines > MAX_MODULE_LINES else []
    too_long += [f"class {node.name}: {node.end_lineno - node.lineno + 1} lines"
                 for node in ast.walk(ast.parse(text))
                 if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES]
    assert too_long == []
