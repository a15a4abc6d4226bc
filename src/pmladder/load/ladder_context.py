"""What each part of the ladder loader reads with: the checker that collects the problems, the
format the file declares, and the rules for ids and for references to them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .checks import Checker
from .dimensions import suggest
from .limits import MAX_NEXT
from .reader import Value, describe

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class ReadContext:
    """Passed to each part of the reader; `schema` is set once the file's `schema:` is read."""

    def __init__(self, check: Checker):
        self.check = check
        self.schema: int | None = None  # as declared; None reads every format
        # Every track id given, the tracks refused for another field included: a role on one
        # of them is not told "unknown track" or "no tracks" on top of the track's own problem.
        self.track_ids: dict[str, None] = {}  # in file order, as messages list them

    def track(self, value: Value, path: str, tracks: Mapping[str, Any]) -> str | None:
        """The track `value` names, if it is one of `tracks`; None, with a problem, if it names no
        track given, or if the ladder gives none. A track given but refused for another field
        is None without a problem of its own here: its own problem says what is wrong."""
        if not self.track_ids:
            self.check.add(value, path, "the ladder defines no tracks (add a 'tracks' list)")
            return None
        found = self.references(value, path, self.track_ids, "track", single=True)
        return found[0] if found and found[0] in tracks else None

    def format2(self, value: Value, path: str, what: str) -> None:
        """Refuse a format 2 feature in a file that declares the older format."""
        if self.schema == 1:
            self.check.add(value, path, f"{what} is a format 2 feature, and this file says schema: 1 "
                           "(write schema: 2)")

    def new_id(self, value: Value | None, path: str, seen: Mapping[str, Any], what: str) -> str | None:
        """A new id (of a role, a track, a dimension...: `what`), well formed and not in `seen`."""
        check = self.check
        if value is None:
            return None
        if not isinstance(value.data, str) or not _ID.fullmatch(value.data) or len(value.data) > 64:
            check.add(
                value, path,
                f"expected a {what} id of lowercase letters, digits, '-' and '_' (at most 64), got {describe(value.data)}",
            )
            return None
        if value.data in seen:
            first = seen[value.data]
            where = f" (first given at line {first.line})" if isinstance(first, Value) else ""
            # First in the report: an id typed twice often means another role lost its id, and the
            # "unknown role" errors that follow are its consequence.
            check.add(value, path, f"duplicate {what} id '{value.data}'{where}", first=True)
            return None
        return value.data

    def role_ids(self, value: Value | None, path: str) -> tuple[str, ...]:
        """The role ids of `next` or `reports_to`: one id or a list; whether the roles exist is
        checked once every role is read."""
        if value is not None and isinstance(value.data, str):
            value = Value([value], value.line)  # `next: pm` means `next: [pm]`
        ids: dict[str, int] = {}  # an id -> its place in the list
        for index, item in enumerate(self.check.items(value, path, limit=MAX_NEXT, what="roles")):
            if not isinstance(item.data, str):
                self.check.add(item, f"{path}[{index}]", f"expected a role id, got {describe(item.data)}")
            elif item.data in ids:  # else drawn and listed twice
                self.check.add(item, f"{path}[{index}]", f"'{item.data}' is {path.rpartition('.')[2]}"
                               f"[{ids[item.data]}] already; name each role once")
            else:
                ids[item.data] = index
        return tuple(ids)

    def references(self, value: Value, path: str, known: Mapping[str, Any], what: str,
                   single: bool = False) -> tuple[str, ...]:
        """Ids of known things: one id, or (unless `single`) a list of them."""
        items = [value] if single or not isinstance(value.data, list) else value.data
        found = []
        for position, item in enumerate(items):
            item_path = path if item is value else f"{path}[{position}]"
            if not isinstance(item.data, str):
                self.check.add(item, item_path, f"expected a {what} id, got {describe(item.data)}")
            elif item.data not in known:
                self.check.add(item, item_path, f"unknown {what} {describe(item.data)}{suggest(item.data, known)}")
            else:
                found.append(item.data)
        return tuple(found)
