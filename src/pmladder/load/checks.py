"""Typed reads of located YAML values that collect every problem instead of stopping at one.

Shared by the ladder and style loaders, so both report `FILE:LINE: path: expected ...`
the same way.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..errors import InputError, Problem
from . import reader
from .reader import Value, describe

T = TypeVar("T")

MAX_PROBLEMS = 50
MAX_TEXT = 10_000
# A name (a title, heading, label, track or dimension name) is drawn on a chart, a cover or a
# radar axis, where a 10,000-character one took a minute to lay out.
MAX_NAME = 200
MAX_ITEMS = 100  # items in one list of text (responsibilities, skills, statements, bullets)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# "\ud83d" in a double-quoted YAML string is half of a UTF-16 pair, not a character: no
# font, PDF or terminal can encode it.
_SURROGATE = re.compile("[\ud800-\udfff]")
# The 66 noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF and the last two of every plane): XML
# forbids U+FFFE and U+FFFF, so an SVG or HTML page holding one does not parse.
_NONCHARACTER = re.compile("[\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)) + "]")
_BYTE_ORDER_MARK = "\ufeff"  # at the start of a file it is dropped; inside text it breaks PDF charts
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.-]{1,64}")
# Bidirectional embeddings and overrides (closed by U+202C) and isolates (closed by U+2069).
_EMBEDDINGS, _ISOLATES, _BIDI = "\u202a\u202b\u202d\u202e", "\u2066\u2067\u2068", re.compile("[\u202a-\u202e\u2066-\u2069]")


def closed_bidi(text: str) -> str:
    """`text` with the right-to-left (or left-to-right) overrides, embeddings and isolates it
    leaves open closed at its end, as the Unicode bidi algorithm closes them at a paragraph's
    end: an override left open in a title must not reverse what an output prints after it
    (a table's next cell, the rest of a line), nor a text file's next lines."""
    opened: list[str] = []
    for char in _BIDI.findall(text):
        if char in _EMBEDDINGS or char in _ISOLATES:
            opened.append(char)
        elif char == "\u202c":  # closes the last embedding, unless an isolate opened since
            if opened and opened[-1] in _EMBEDDINGS:
                opened.pop()
        elif "\u2069" == char and any(c in _ISOLATES for c in opened):  # closes the last isolate and what it holds
            while opened.pop() not in _ISOLATES:
                pass
    return text + "".join("\u2069" if c in _ISOLATES else "\u202c" for c in reversed(opened))


class TooManyProblems(Exception):
    """Raised once MAX_PROBLEMS are collected: the rest would only bury the first ones."""


class Checker:
    """Collects located problems for one file."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.characters = 0  # of all text read: the ladder loader bounds the sum
        self.causes: set[Problem] = set()  # reported before the rest: they explain later ones

    def add(self, value: Value | None, path: str, message: str, line: int | None = None,
            first: bool = False) -> None:
        if line is None and value is not None:
            line = value.line
        self.problems.append(Problem(self.file, line, path, message))
        if first:
            self.causes.add(self.problems[-1])
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems

    def fields(
        self,
        value: Value,
        path: str,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
    ) -> dict[str, Value] | None:
        """The fields of a mapping; reports a non-mapping, unknown and missing fields."""
        if not isinstance(value.data, dict):
            self.add(value, path, f"expected a mapping of fields, got {describe(value.data)}")
            return None
        required, optional = list(required), list(optional)
        known = list(dict.fromkeys(required + optional))  # a field both required and listed is named once
        result: dict[str, Value] = {}
        for key, item in value.data.items():
            name = str(key)
            if name in known:
                result[name] = item
                continue
            import difflib  # only when a key is wrong

            hint = difflib.get_close_matches(name[:100], known, n=1, cutoff=0.75)
            if hint:
                suggestion = f" (did you mean '{hint[0]}'?)"
            else:
                suggestion = f"; expected one of: {', '.join(known)}" if known else "; no fields are defined here"
            self.add(item, join(path, shown_key(key)), f"unknown field{suggestion}")
        for name in required:
            if name not in result:
                self.add(value, join(path, name), "required field is missing")
        return result

    def text(self, value: Value | None, path: str, *, required: bool = False, limit: int = MAX_TEXT) -> str | None:
        """A single piece of text of at most `limit` characters; numbers are accepted as their
        text (version: 2026.1)."""
        if value is None or value.data is None:
            if required and value is not None:
                self.add(value, path, "expected text, got nothing")
            return None
        data = value.data
        if isinstance(data, bool) or isinstance(data, (dict, list)):
            self.add(value, path, f"expected text, got {describe(data)}")
            return None
        text = str(data)
        if len(text) > limit:
            self.add(value, path, f"text is {len(text):,} characters; the limit is {limit:,}")
            return None
        if _CONTROL.search(text):
            bad = _CONTROL.search(text).group()
            self.add(value, path, f"control character {ord(bad):#06x} is not allowed in text")
            return None
        if half := _SURROGATE.search(text):
            self.add(value, path, f"{ord(half.group()):#06x} is half of a UTF-16 surrogate pair, not a character "
                     "(write the character itself, or \\U and 8 hex digits)")
            return None
        if odd := _NONCHARACTER.search(text):
            self.add(value, path, f"U+{ord(odd.group()):04X} is a Unicode noncharacter, not allowed in text")
            return None
        if _BYTE_ORDER_MARK in text:
            self.add(value, path, "U+FEFF (a byte order mark) is not allowed inside text; "
                     "U+2060 (word joiner) keeps words together")
            return None
        text = text.strip() if "\n" not in text else text.strip("\n").rstrip()
        if _BIDI.search(text):
            text = closed_bidi(text)
        self.characters += len(text)
        if required and not text:
            self.add(value, path, "expected text, got an empty string")
            return None
        return text

    def date(self, value: Value | None, path: str) -> datetime.date | None:
        """A calendar date written YYYY-MM-DD (quoted or not)."""
        if value is None or value.data is None:
            return None
        text = str(value.data).strip()
        try:
            if len(text) != 10:
                raise ValueError
            return datetime.date.fromisoformat(text)
        except ValueError:
            self.add(value, path, f"expected a date as YYYY-MM-DD, got {describe(value.data)}")
            return None

    def integer(self, value: Value | None, path: str, *, low: int, high: int) -> int | None:
        if value is None:
            return None
        data = value.data
        if isinstance(data, bool) or not isinstance(data, int):
            self.add(value, path, f"expected a whole number, got {describe(data)}")
            return None
        if not low <= data <= high:
            self.add(value, path, f"expected a whole number from {low} to {high}, got {describe(data)}")
            return None
        return data

    def items(self, value: Value | None, path: str, *, limit: int | None = None, what: str = "items") -> list[Value]:
        """The items of a list of at most `limit` items; a missing or null list is empty."""
        if value is None or value.data is None:
            return []
        if not isinstance(value.data, list):
            self.add(value, path, f"expected a list, got {describe(value.data)}")
            return []
        if limit is not None and len(value.data) > limit:
            # Reported, but read all the same (the file's size bounds them), so that references
            # to the items do not add problems of their own.
            self.add(value, path, f"{len(value.data):,} {what}; the limit is {limit:,}")
        return value.data

    def text_list(self, value: Value | None, path: str, *, limit: int = MAX_ITEMS) -> tuple[str, ...]:
        result = []
        for index, item in enumerate(self.items(value, path, limit=limit)):
            text = self.text(item, f"{path}[{index}]", required=True)
            if text:
                result.append(text)
        return tuple(result)

    def choice(self, value: Value | None, path: str, choices: Iterable[str]) -> str | None:
        if value is None:
            return None
        choices = list(choices)
        if not isinstance(value.data, str) or value.data not in choices:
            self.add(value, path, f"expected one of {', '.join(choices)}, got {describe(value.data)}")
            return None
        return value.data


def shown_key(key: Any) -> str:
    """A mapping key as it appears in a problem's path: short keys as they are, others quoted.

    Keys come from the file, so they may hold line breaks, terminal escape sequences or a
    megabyte of text; quoting (repr) and shortening keeps every report one short line.
    """
    text = str(key)
    return text if _PLAIN_KEY.fullmatch(text) else describe(text)


def read_checked(data: bytes, file: str, error: type[InputError], read: Callable[[Value, Checker], T | None]) -> T:
    """Parse YAML bytes and validate them with `read(root, checker)`.

    Raises `error` with every problem found, in line order (at most MAX_PROBLEMS of them).
    """
    try:
        root = reader.parse(data, file)
    except reader.YamlProblem as exc:
        raise error([reader.problem_from(exc, file)]) from None
    check = Checker(file)
    try:
        result = read(root, check)
    except TooManyProblems:
        result = None
        check.problems.append(Problem(file, None, "", f"stopped after {len(check.problems)} problems"))
    if check.problems or result is None:
        raise error(sorted(check.problems, key=lambda p: (p not in check.causes,
                                                          p.line if p.line is not None else float("inf"))))
    return result


def join(path: str, name: Any) -> str:
    return f"{path}.{name}" if path else str(name)
