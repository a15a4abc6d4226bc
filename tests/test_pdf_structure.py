"""The handout's code uses ReportLab as published.

No private attribute of another object is read or written (ReportLab's `canv._doctemplate`,
`canv._pagesize`, `frame._aH`, `frame._atTop`, a flowable's `_frame`), no private method of a
ReportLab class is overridden (`_endBuild`, `_doSave`). (The size limits on modules and
classes hold for the whole package: test_structure.py.)
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pmladder.outputs.pdf as pdf_package

PDF_DIR = Path(pdf_package.__file__).parent
SOURCES = sorted(PDF_DIR.rglob("*.py"))
# Private API that stays, each under an upper version bound in pyproject with a comment naming it.
ALLOWED = {("packet.py", "writer._ID")}
# Attributes ReportLab sets on its own objects (a flowable's frame, a canvas's document...).
# A named tuple's documented methods start with an underscore so as not to clash with fields.
NAMEDTUPLE_API = {"_replace", "_asdict", "_fields", "_make"}
REPORTLAB_PRIVATE = {"_frame", "_doctemplate", "_pagesize", "_aH", "_atTop", "_postponed", "_endBuild", "_doSave"}


def _private_uses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Attribute) or not node.attr.startswith("_") or node.attr.startswith("__"):
            continue
        if node.attr in NAMEDTUPLE_API:
            continue
        owner = ast.unparse(node.value)
        if owner in ("self", "cls") and node.attr not in REPORTLAB_PRIVATE:
            continue  # our own objects' state
        use = f"{owner}.{node.attr}"
        if (path.name, use) not in ALLOWED:
            found.append(f"{path.relative_to(PDF_DIR)}:{node.lineno}: {use}")
    return found


def test_no_private_attribute_of_another_object_is_touched():
    assert [use for path in SOURCES for use in _private_uses(path)] == []


def _modules():
    yield pdf_package
    for info in pkgutil.walk_packages(pdf_package.__path__, pdf_package.__name__ + "."):
        yield importlib.import_module(info.name)


def test_no_private_reportlab_method_is_overridden():
    overridden = []
    for module in _modules():
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            bases = [b for b in cls.__mro__[1:] if b.__module__.startswith("reportlab")]
            for name in vars(cls):
                if name.startswith("_") and not name.startswith("__") and any(name in vars(b) for b in bases):
                    overridden.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert overridden == []
