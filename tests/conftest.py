"""Shared fixtures and helpers: small ladders written as text, a CLI runner, and reading PDFs back."""

from __future__ import annotations

import io
import re
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LADDER = ROOT / "data" / "product-management.yaml"
TWO_TRACK = ROOT / "data" / "examples" / "engineering-two-track.yaml"
POLISH_JAPANESE = ROOT / "data" / "examples" / "inzynieria-pl-ja.yaml"


def is_grey(image: bytes | Path) -> bool:
    """True when every pixel of a PNG (bytes or a file) has equal red, green and blue."""
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(image) if isinstance(image, bytes) else image) as opened:
        r, g, b = opened.convert("RGB").split()
        return ImageChops.difference(r, g).getbbox() is None and ImageChops.difference(g, b).getbbox() is None


def norm(text: str) -> str:
    """Text without any whitespace or invisible break hints: wrapped lines compare equal."""
    return re.sub(r"[\s\u200b\u00ad]+", "", text)


def pdf_texts(data: bytes) -> list[str]:
    """The extracted text of each page of a PDF, in page order."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def outline(reader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) for every outline entry of a pypdf reader, in order."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def link_targets(reader, page: int) -> set[int]:
    """Indexes of the pages that the links on page `page` (an index) of a pypdf reader go to."""
    numbers = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    links = [a.get_object() for a in reader.pages[page].get("/Annots", [])]
    return {numbers[link["/Dest"][0].idnum] for link in links if link.get("/Subtype") == "/Link"}


def ladder_text(roles: str, extra: str = "") -> str:
    """A minimal valid ladder around the given roles block (indented YAML list items)."""
    return "ladder:\n  title: Test ladder\n" + extra + "roles:\n" + textwrap.indent(
        textwrap.dedent(roles), "  "
    )


@pytest.fixture
def write(tmp_path):
    """Write text to a file in a temporary folder and return its path as a string."""

    def _write(text: str, name: str = "ladder.yaml") -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return str(path)

    return _write


@pytest.fixture
def runner():
    return CliRunner()


def make_ladder(roles: int, tracks: int = 1, dimensions: int = 4, title_words: int = 3) -> dict:
    """A generated ladder as plain data: `roles` spread over `tracks`, levels stacked per track."""
    track_list = [{"id": f"t{t}", "name": f"Track {t + 1}"} for t in range(tracks)]
    dims = []
    for d in range(dimensions):
        if d % 2:
            dims.append({"id": f"d{d}", "name": f"Rating {d}", "kind": "rating", "scale": 5})
        else:
            dims.append({"id": f"d{d}", "name": f"Dimension {d}"})
    per_track = -(-roles // tracks)
    out = []
    for i in range(roles):
        t, level = divmod(i, per_track)
        role = {
            "id": f"r{i}",
            "title": " ".join(["Principal"] * (title_words - 1) + [f"Role {i}"]),
            "level": level + 1,
            "summary": f"Summary of role {i}.",
            "dimensions": {d["id"]: (min(5, 1 + level % 5) if d.get("kind") else f"value {i}") for d in dims},
        }
        if tracks > 1:
            role["track"] = f"t{t}"
        if level + 1 < per_track and i + 1 < roles:
            role["next"] = [f"r{i + 1}"]
        out.append(role)
    data = {"ladder": {"title": f"Generated {roles}"}, "dimensions": dims, "roles": out}
    if tracks > 1:
        data["tracks"] = track_list
    return data


def named_points_ladder(name_length: int, word: str = "Long named rating point ") -> dict:
    """The hostile tester's shape: 200 roles on 10 tracks rating 50 dimensions, each on 10 named
    points of `name_length` characters; every role's rating prints its point's name."""
    def name(d: int, p: int) -> str:
        return (f"D{d}P{p} " + word * (name_length // len(word) + 1))[:name_length].rstrip()

    tracks, points, dims = 10, 10, 50
    return {
        "schema": 2,
        "ladder": {"title": "Named points"},
        "tracks": [{"id": f"t{t}", "name": f"Track {t}"} for t in range(tracks)],
        "dimensions": [{"id": f"d{d}", "name": f"Dimension {d}", "kind": "rating",
                        "scale": [name(d, p) for p in range(points)]} for d in range(dims)],
        "roles": [{"id": f"r{i}", "title": f"Role {i}", "level": 1 + i // tracks, "track": f"t{i % tracks}",
                   "summary": "s", "dimensions": {f"d{d}": 1 + (i + d) % points for d in range(dims)}}
                  for i in range(200)],
    }


LINE_BUDGET = 30_000_000  # Python lines executed; the worst guarded item (nesting-flow-lists) runs ~10.5 million


class OverBudget(Exception):
    pass


def lines_executed(work, budget: int = LINE_BUDGET) -> int:
    """How many Python lines `work()` executes (a count, not a time: the same on a busy machine);
    stops it with OverBudget past `budget`, so a guard that no longer holds fails fast."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        if count > budget:
            raise OverBudget
        return trace

    sys.settrace(trace)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


@pytest.fixture
def big_framework_file(tmp_path) -> Path:
    """Issue 14's generated big framework (tests/big_framework.py) written to a file."""
    from big_framework import write_big_framework

    return write_big_framework(tmp_path)
