"""Typed reads of located YAML values that collect every problem instead of stopping at one.

Shared by the ladder and style loaders, so both report `FILE:LINE: path: expected ...`
the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..errors import InputError, Problem
from . import reader
from .reader import Value, describe

T = TypeVar("T")

MAX_PROBLEMS = 50
MAX_TEXT = 10_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# "\ud83d" in a double-quoted YAML string is half of a UTF-16 pair, not a character: no
# font, PDF or terminal can encode it.
_SURROGATE = re.compile("[\ud800-\udfff]")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.-]{1,64}")


class TooManyProblems(Exception):
    """Raised once MAX_PROBLEMS are collected: the rest would only bury the first ones."""


class Checker:
    """Collects located problems for one file."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
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
        known = required + optional
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

    def text(self, value: Value | None, path: str, *, required: bool = False) -> str | None:
        """A single piece of text; numbers are accepted as their text (version: 2026.1)."""
        if value is None or value.data is None:
            if required and value is not None:
                self.add(value, path, "expected text, got nothing")
            return None
        data = value.data
        if isinstance(data, bool) or isinstance(data, (dict, list)):
            self.add(value, path, f"expected text, got {describe(data)}")
            return None
        text = str(data)
        if len(text) > MAX_TEXT:
            self.add(value, path, f"text is {len(text):,} characters; the limit is {MAX_TEXT:,}")
            return None
        if _CONTROL.search(text):
            bad = _CONTROL.search(text).group()
            self.add(value, path, f"control character {ord(bad):#06x} is not allowed in text")
            return None
        if half := _SURROGATE.search(text):
            self.add(value, path, f"{ord(half.group()):#06x} is half of a UTF-16 surrogate pair, not a character "
                     "(write the character itself, or \\U and 8 hex digits)")
            return None
        text = text.strip() if "\n" not in text else text.strip("\n").rstrip()
        if required and not text:
            self.add(value, path, "expected text, got an empty string")
            return None
        return text

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

    def items(self, value: Value | None, path: str) -> list[Value]:
        """The items of a list; a missing or null list is empty."""
        if value is None or value.data is None:
            return []
        if not isinstance(value.data, list):
            self.add(value, path, f"expected a list, got {describe(value.data)}")
            return []
        return value.data

    def text_list(self, value: Value | None, path: str) -> tuple[str, ...]:
        result = []
        for index, item in enumerate(self.items(value, path)):
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
