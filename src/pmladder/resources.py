"""Where the shipped ladders, styles and fonts live, installed or in a source checkout."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def shipped(folder: str) -> Path:
    """`data` or `styles`: inside the wheel (pmladder/data), else the checkout's top-level folder."""
    for candidate in (_PACKAGE / folder, _PACKAGE.parent.parent / folder):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"pmladder is installed without its {folder}/ folder")


def default_ladder_path() -> Path:
    return shipped("data") / "product-management.yaml"


# The DejaVu faces a style may name by family (lowercase) and their files in dejavu_dir().
DEJAVU_FILES = {
    "dejavu sans": "DejaVuSans.ttf",
    "dejavu sans bold": "DejaVuSans-Bold.ttf",
    "dejavu sans oblique": "DejaVuSans-Oblique.ttf",
    "dejavu sans mono": "DejaVuSansMono.ttf",
    "dejavu serif": "DejaVuSerif.ttf",
    "dejavu serif bold": "DejaVuSerif-Bold.ttf",
}


@cache
def dejavu_dir() -> Path:
    """matplotlib's bundled DejaVu fonts, found without importing matplotlib (it costs ~0.3 s)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("matplotlib is not installed; its DejaVu Sans fonts are needed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
