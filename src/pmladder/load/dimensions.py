"""The rows a ladder compares roles on: named scales, dimension groups, dimensions, and the
values roles give them. Part of the ladder loader; sees raw data, returns model objects."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..model import Dimension, Group, ScalePoint, Track
from .checks import MAX_NAME, Checker, join
from .reader import Value, describe

MAX_SCALE = 10
MAX_DIMENSIONS = 50  # dimensions; and named scales, and groups

# Reports a format 2 feature in a file that declares `schema: 1`.
Format2Gate = Callable[[Value, str, str], None]


class DimensionReader:
    """Reads `scales`, `groups` and `dimensions`, then each role's `dimensions` values."""

    def __init__(self, check: Checker, tracks: Mapping[str, Track], ids: Callable, references: Callable,
                 format2: Format2Gate):
        self.check = check
        self.tracks = tracks
        self._id = ids  # (value, path, seen, what) -> id or None, reporting bad and duplicate ids
        self._references = references  # (value, path, known, what) -> tuple of known ids
        self._format2 = format2
        self.scales: dict[str, tuple[ScalePoint, ...] | None] = {}  # None: broken, already reported
        self._unchecked: set[str] = set()  # dimensions whose scale is broken: values would only echo it
        self.groups: dict[str, Group] = {}
        self.dimensions: dict[str, Dimension] = {}
        self.rating_characters = 0  # of point names the roles' ratings print: counted as the ladder's text

    # ---------------------------------------------------------------- definitions

    def read_scales(self, value: Value | None) -> None:
        if value is not None:
            self._format2(value, "scales", "named scales")
        for index, item in enumerate(self.check.items(value, "scales", limit=MAX_DIMENSIONS, what="scales")):
            path = f"scales[{index}]"
            fields = self.check.fields(item, path, required=("id", "points"))
            if not fields:
                continue
            scale_id = self._id(fields.get("id"), f"{path}.id", self.scales, "scale")
            points = self._points(fields.get("points"), f"{path}.points")
            if scale_id:
                self.scales[scale_id] = points

    def _points(self, value: Value | None, path: str) -> tuple[ScalePoint, ...] | None:
        check = self.check
        if value is None:
            return None
        items = check.items(value, path)
        if not isinstance(value.data, list):
            return None
        if not 2 <= len(items) <= MAX_SCALE:
            check.add(value, path, f"expected 2 to {MAX_SCALE} named points, got {len(items)}")
            return None
        points, names, ok = [], {}, True
        for number, item in enumerate(items, start=1):
            item_path = f"{path}[{number - 1}]"
            if isinstance(item.data, dict):
                fields = check.fields(item, item_path, required=("name",), optional=("meaning",)) or {}
                name = check.text(fields.get("name"), f"{item_path}.name", required=True, limit=MAX_NAME)
                meaning = check.text(fields.get("meaning"), f"{item_path}.meaning")
            else:
                name, meaning = check.text(item, item_path, required=True, limit=MAX_NAME), None
            if name is None:
                ok = False
                continue
            if name.casefold() in names:
                check.add(item, item_path, f"point name {describe(name)} is already point {names[name.casefold()]}")
                ok = False
                continue
            names[name.casefold()] = number
            points.append(ScalePoint(number, name, meaning))
        return tuple(points) if ok else None

    def read_groups(self, value: Value | None) -> None:
        if value is not None:
            self._format2(value, "groups", "dimension groups")
        for index, item in enumerate(self.check.items(value, "groups", limit=MAX_DIMENSIONS, what="groups")):
            path = f"groups[{index}]"
            fields = self.check.fields(item, path, required=("id", "name"), optional=("description", "tracks"))
            if not fields:
                continue
            group_id = self._id(fields.get("id"), f"{path}.id", self.groups, "group")
            name = self.check.text(fields.get("name"), f"{path}.name", required=True, limit=MAX_NAME)
            description = self.check.text(fields.get("description"), f"{path}.description")
            tracks = self._track_list(fields.get("tracks"), f"{path}.tracks")
            if group_id and name:
                self.groups[group_id] = Group(group_id, name, description, tracks or ())

    def _track_list(self, value: Value | None, path: str) -> tuple[str, ...] | None:
        if value is None:
            return None
        if not self.tracks:
            self.check.add(value, path, "the ladder defines no tracks (add a 'tracks' list)")
            return None
        return self._references(value, path, self.tracks, "track") or None

    def read_dimensions(self, value: Value | None) -> None:
        check = self.check
        found: list[tuple[int, Dimension]] = []
        for index, item in enumerate(check.items(value, "dimensions", limit=MAX_DIMENSIONS, what="dimensions")):
            path = f"dimensions[{index}]"
            fields = check.fields(item, path, required=("id", "name") + (("group",) if self.groups else ()),
                                  optional=("description", "kind", "scale", "tracks")
                                  + (() if self.groups else ("group",)))
            if not fields:
                continue
            dim_id = self._id(fields.get("id"), f"{path}.id", self.dimensions, "dimension")
            name = check.text(fields.get("name"), f"{path}.name", required=True, limit=MAX_NAME)
            kind = check.choice(fields.get("kind"), f"{path}.kind", ("text", "rating")) or "text"
            scale, points = self._scale(fields.get("scale"), f"{path}.scale")
            if scale is None:
                self._unchecked.add(dim_id)
                scale = 5
            if "scale" in fields and kind != "rating":
                check.add(fields["scale"], f"{path}.scale", "only a rating dimension has a scale (add kind: rating)")
            description = check.text(fields.get("description"), f"{path}.description")
            group = self._group(fields.get("group"), f"{path}.group")
            tracks = self._dimension_tracks(fields.get("tracks"), f"{path}.tracks", group)
            if dim_id and name:
                self.dimensions[dim_id] = dim = Dimension(
                    dim_id, name, kind, scale, description, points, group.id if group else None, tracks)
                found.append((index, dim))
        # Shown grouped: dimensions take their group's place in the order, keeping theirs within it.
        order = {group_id: position for position, group_id in enumerate(self.groups)}
        found.sort(key=lambda entry: (order.get(entry[1].group, len(order)), entry[0]))
        self.dimensions = {dim.id: dim for _, dim in found}

    def _scale(self, value: Value | None, path: str) -> tuple[int | None, tuple[ScalePoint, ...]]:
        """The number of points and their names; None points when the scale is broken."""
        check = self.check
        if value is None:
            return 5, ()
        if isinstance(value.data, list):
            self._format2(value, path, "named scale points")
            points = self._points(value, path)
            return (len(points), points) if points else (None, ())
        if isinstance(value.data, str):
            self._format2(value, path, "a named scale")
            if not self.scales:
                check.add(value, path, "expected a whole number, or the id of a scale in 'scales' (the ladder "
                          "has none)")
            elif value.data not in self.scales:
                check.add(value, path, f"unknown scale {describe(value.data)}{suggest(value.data, self.scales)}")
            elif points := self.scales[value.data]:
                return len(points), points
            return None, ()
        return check.integer(value, path, low=2, high=MAX_SCALE) or None, ()

    def _group(self, value: Value | None, path: str) -> Group | None:
        if value is None:
            return None
        self._format2(value, path, "dimension groups")
        if not self.groups:
            self.check.add(value, path, "the ladder defines no groups (add a 'groups' list)")
            return None
        group_id = self._references(value, path, self.groups, "group", single=True)
        return self.groups[group_id[0]] if group_id else None

    def _dimension_tracks(self, value: Value | None, path: str, group: Group | None) -> tuple[str, ...]:
        if value is None:
            return group.tracks if group else ()
        self._format2(value, path, "dimensions for some tracks only")
        tracks = self._track_list(value, path) or ()
        if group and group.tracks and tracks and not set(tracks) <= set(group.tracks):
            outside = ", ".join(t for t in tracks if t not in group.tracks)
            self.check.add(value, path, f"track {outside} is not one of its group's tracks "
                           f"({', '.join(group.tracks)})")
        return tracks

    # ---------------------------------------------------------------- a role's values

    def values(self, value: Value | None, path: str, track: str | None) -> dict[str, Any]:
        check = self.check
        if value is None:
            return {}
        fields = check.fields(value, path, optional=self.dimensions)
        values: dict[str, Any] = {}
        for dim_id, item in (fields or {}).items():
            dim = self.dimensions[dim_id]
            item_path = join(path, dim_id)
            if dim_id in self._unchecked:
                continue
            if track is not None and not dim.applies_to(track):
                check.add(item, item_path, f"dimension '{dim_id}' is for track {', '.join(dim.tracks)} only; "
                          f"this role is on track '{track}'")
                continue
            result = self._rating(dim, item, item_path) if dim.is_rating else self._statements(item, item_path)
            if result is not None:
                values[dim_id] = result
                if dim.points and dim.is_rating:  # every output prints its point's name for this role, like a text
                    name_length = len(dim.points[result - 1].name)
                    self.rating_characters += name_length
                    check.characters += name_length
        return values

    def _rating(self, dim: Dimension, item: Value, path: str) -> int | None:
        if dim.points and isinstance(item.data, str):
            self._format2(item, path, "a rating given by its name")
            by_name = {point.name.casefold(): point.value for point in dim.points}
            if item.data.strip().casefold() in by_name:
                return by_name[item.data.strip().casefold()]
            names = ", ".join(point.name for point in dim.points)
            self.check.add(item, path, f"expected a whole number from 1 to {dim.scale} or one of: {names}; "
                           f"got {describe(item.data)}")
            return None
        return self.check.integer(item, path, low=1, high=dim.scale)

    def _statements(self, item: Value, path: str) -> str | tuple[str, ...] | None:
        if isinstance(item.data, list):
            self._format2(item, path, "a list of statements")
            statements = self.check.text_list(item, path)
            return statements or None
        return self.check.text(item, path) or None


def suggest(word: str, known: Mapping[str, Any] | list[str]) -> str:
    """' (did you mean 'x'?)' for a near miss, else '; expected one of: ...'."""
    import difflib  # only when an id is wrong

    hint = difflib.get_close_matches(word[:100], list(known), n=1, cutoff=0.6)
    if hint:
        return f" (did you mean '{hint[0]}'?)"
    return f"; expected one of: {', '.join(known)}" if len(known) <= 12 else ""  # a line, not a page
