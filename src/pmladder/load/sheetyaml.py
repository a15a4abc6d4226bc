"""A ladder document built from spreadsheet cells, written as commented YAML and checked by
the ladder loader itself, with every problem moved back onto the cell it came from.

The importer does not validate on its own: it writes the YAML a person would have typed, one
value per line, and records which cell each line came from. The loader then checks that text
exactly as `pmladder validate` will, so the file written is one `validate` accepts as is, and a
problem at line 40 of the text is reported at `team.xlsx:Engineering!C7`.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

import yaml

from ..errors import LadderError, Problem
from ..model import Ladder
from .ladder import parse_ladder
from .sheet import Cell


class Leaf(NamedTuple):
    """One value of the document and the cell it came from (None: made up by the importer)."""

    value: Any
    cell: Cell | None = None
    label: str = ""  # what the cell is, in the sheet's words (its column's header)


# Text YAML reads back as the same text when written bare: it starts with a letter, holds only
# common punctuation, no ': ' or ' #', and is none of YAML's words for true, false and null.
_PLAIN = re.compile(r"[^\W\d_][\w .,;'()/&+%!?\u2019-]*", re.UNICODE)
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def scalar(value: Any) -> str:
    """A YAML scalar on one line that reads back as exactly `value`."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and text.casefold() not in _YAML_WORDS:
        return text
    if "\n" not in text:
        dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000, default_flow_style=True)
        first = dumped.split("\n", 1)[0]
        if dumped in (first + "\n", first + "\n...\n") and yaml.safe_load(first) == text:
            return first
    # A JSON string is a YAML double-quoted scalar; characters YAML may not hold raw are escaped
    # (the loader then reports them at their cell, as it would in a YAML file).
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


class Emitter:
    """Writes a tree of dicts, lists and Leafs as block YAML, remembering each line's cell."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cells: dict[int, Leaf] = {}  # line number (1-based) -> the leaf written there

    def comment(self, text: str) -> None:
        for line in text.splitlines() or [""]:
            self.lines.append(f"# {line}".rstrip())

    def blank(self) -> None:
        self.lines.append("")

    def _put(self, text: str, leaf: Leaf | None) -> None:
        self.lines.append(text)
        if leaf is not None and leaf.cell is not None:
            self.cells[len(self.lines)] = leaf

    def mapping(self, node: dict[str, Any], indent: int = 0) -> None:
        pad = " " * indent
        for key, item in node.items():
            if isinstance(item, Leaf):
                self._put(f"{pad}{key}: {scalar(item.value)}", item)
            elif item:
                self._put(f"{pad}{key}:", _first_leaf(item))
                self.sequence(item, indent + 2) if isinstance(item, list) else self.mapping(item, indent + 2)

    def sequence(self, node: list[Any], indent: int) -> None:
        pad = " " * indent
        for item in node:
            if isinstance(item, Leaf):
                self._put(f"{pad}- {scalar(item.value)}", item)
                continue
            start = len(self.lines)
            self.mapping(item, indent + 2)
            if len(self.lines) > start:  # the item's first field goes on the dash's line
                self.lines[start] = f"{pad}- " + self.lines[start][indent + 2:]

    @property
    def text(self) -> str:
        return valid_utf8("\n".join(self.lines) + "\n")


def valid_utf8(text: str) -> str:
    """A file name that is not UTF-8 (its bytes kept as surrogates by the OS layer) shows its
    bad bytes as U+FFFD in the comments and the title made from it: YAML text must be UTF-8."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return text.encode("utf-8", "replace").decode("utf-8")


def _first_leaf(node: Any) -> Leaf | None:
    if isinstance(node, Leaf):
        return node
    items = node.values() if isinstance(node, dict) else node
    return next((leaf for item in items if (leaf := _first_leaf(item)) is not None), None)


def checked(emitter: Emitter, file: str, name: str) -> Ladder:
    """The ladder the emitted text loads as; every problem the loader finds, placed on its cell."""
    try:
        return parse_ladder(emitter.text.encode("utf-8"), file, name=name)
    except LadderError as exc:
        raise LadderError([_on_cell(problem, emitter, file) for problem in exc.problems]) from None


def _on_cell(problem: Problem, emitter: Emitter, file: str) -> Problem:
    leaf = None
    if problem.line is not None:
        # the line itself, else the nearest line above it that came from a cell (a missing field
        # is reported at its role's first line)
        leaf = next((emitter.cells[n] for n in range(problem.line, 0, -1) if n in emitter.cells), None)

    def cell_of(match: re.Match) -> str:
        found = emitter.cells.get(int(match.group(1)))
        return f"at {found.cell.where}" if found else match.group(0)

    message = re.sub(r"at line (\d+)", cell_of, problem.message)
    if leaf is None:
        return Problem(file, None, problem.path, message)
    label = leaf.label or problem.path
    if message.startswith("required field is missing"):  # at its role's first cell, another field's
        label = re.sub(r"^\w+\[\d+\]\.", "", problem.path)
    return Problem(leaf.cell.where, None, label, message)
