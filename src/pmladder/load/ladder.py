"""Ladder files to model objects: the only code that sees a ladder's raw data.

The file as a whole, its tracks and named levels are read here; its `ladder:` part in
ladder_meta, its roles in ladder_roles, its scales, groups and dimensions in dimensions.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import LadderError, Problem
from ..model import Ladder, Level, Track
from ..resources import default_ladder_path
from . import reader
from .checks import MAX_NAME, Checker, read_checked
from .dimensions import DimensionReader
from .document import EXPORT_KEY, EXPORT_VERSION
from .files import UnreadableFile, read_regular
from .ladder_context import ReadContext
from .ladder_meta import read_meta
from .ladder_roles import check_references, read_roles
from .limits import MAX_CHARACTERS, MAX_LEVEL, MAX_LEVEL_NAMES, MAX_TRACKS
from .reader import Value, describe

SCHEMA_VERSION = 2  # what `pmladder upgrade` writes; files saying `schema: 1` still load

LadderSource = str | os.PathLike | bytes | Mapping[str, Any]


def load_ladder(source: LadderSource | None = None, *, text: str | bytes | None = None) -> Ladder:
    """Load and validate a ladder.

    `source` is a path (a str or PathLike is always a file name, whatever characters it
    holds), the bytes of a YAML file, or a mapping of plain data; None loads the default
    Product Management ladder. YAML held in a str goes in `text=` instead. Raises LadderError
    listing every problem found, each with its file and line.
    """
    if text is not None:
        if source is not None:
            raise TypeError("load_ladder() takes a source or text=, not both")
        return parse_ladder(text.encode("utf-8") if isinstance(text, str) else text, "<text>")
    if source is None:
        source = default_ladder_path()
    if isinstance(source, Mapping):
        # Serialising gives the mapping the same validation, with lines in the dumped text.
        import yaml

        dumped = yaml.safe_dump(dict(source), sort_keys=False, allow_unicode=True).encode()
        try:
            return parse_ladder(dumped, "<mapping>")
        except LadderError as exc:  # lines of the dumped text mean nothing to the caller
            raise LadderError([p._replace(line=None) for p in exc.problems]) from None
    if isinstance(source, bytes):
        return parse_ladder(source, "<text>")
    path = os.fspath(source)
    data = read_input(path, LadderError)
    if Path(path).suffix.lower() in _SHEETS or data.startswith(b"PK\x03\x04"):  # read as YAML: "not UTF-8"
        import shlex  # only for this message

        raise LadderError([Problem(path, None, "", "a spreadsheet, not a ladder file; make a ladder file of it "
                                   f"with: pmladder import {shlex.quote(path)} -o ladder.yaml")])
    return parse_ladder(data, path, name=Path(path).stem)


_SHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv")


def read_input(path: str, error: type[LadderError] | Any) -> bytes:
    """The bytes of a ladder or style file; anything but a regular file of at most
    reader.MAX_BYTES is refused before it is read."""
    try:
        return read_regular(path, reader.MAX_BYTES)
    except UnreadableFile as exc:
        raise error([Problem(path, None, "", exc.reason)]) from None


def parse_ladder(data: bytes, file: str, name: str | None = None) -> Ladder:
    """Validate YAML bytes as a ladder; `file` is only used in messages."""
    return read_checked(data, file, LadderError, lambda root, check: _read_ladder(check, root, name))


def slug(text: str) -> str:
    """A file-name-safe name: ASCII letters and digits joined by '-', or 'ladder'."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:60] or "ladder"


def _read_ladder(check: Checker, root: Value, name: str | None) -> Ladder | None:
    """The ladder in `root`, or None if `check` has collected problems."""
    if not isinstance(root.data, dict):
        check.add(root, "", f"expected a mapping with 'ladder' and 'roles', got {describe(root.data)}")
        return None
    if EXPORT_KEY in root.data:
        root = _exported(check, root)
        if root is None:
            return None
    if "roles" not in root.data and "role" in root.data and {"person", "target", "competencies"} & root.data.keys():
        # An assessment (load/assessment.py) given where a ladder belongs: one line that says so,
        # not one per field. (A ladder that misspells `roles` as `role` has none of the others.)
        import shlex  # only on this path: not worth its import for every ladder

        check.add(root, "", "this is an assessment (it has 'role' and no 'roles'), not a ladder; "
                  f"`pmladder assess {shlex.quote(check.file)}` makes its report")
        return None
    top = check.fields(root, "", required=("ladder", "roles"),
                       optional=("schema", "tracks", "scales", "groups", "dimensions", "levels"))
    if top is None:
        return None
    ctx = ReadContext(check)
    if "schema" in top:
        ctx.schema = check.integer(top["schema"], "schema", low=1, high=SCHEMA_VERSION)
    meta = read_meta(ctx, top.get("ladder"))
    tracks = _tracks(ctx, top.get("tracks"))
    dims = DimensionReader(check, tracks, ctx.new_id, ctx.references, ctx.format2)
    dims.read_scales(top.get("scales"))
    dims.read_groups(top.get("groups"))
    dims.read_dimensions(top.get("dimensions"))
    levels = _levels(ctx, top.get("levels"), tracks)
    roles, known_role_ids = read_roles(ctx, top.get("roles"), tracks, dims)
    check_references(check, roles, known_role_ids)
    if check.characters > MAX_CHARACTERS:
        named = (f" ({dims.rating_characters:,} of them the names of rating points, once for each role rated)"
                 if dims.rating_characters else "")
        check.add(None, "", f"the ladder holds {check.characters:,} characters of text{named}; "
                  f"the limit is {MAX_CHARACTERS:,}", line=None)
    if check.problems or meta is None:
        return None
    return Ladder(
        roles=tuple(role for role, _, _ in roles),
        tracks=tuple(tracks.values()),
        dimensions=tuple(dims.dimensions.values()),
        name=name or slug(meta["title"]),
        source=check.file if not check.file.startswith("<") else None,
        groups=tuple(dims.groups.values()),
        level_names=levels,
        schema=ctx.schema or SCHEMA_VERSION,
        **meta,
    )


def _exported(check: Checker, root: Value) -> Value | None:
    """The ladder document of a `pmladder export --format json` file; the resolved view
    beside it is derived from the document, so it is not read."""
    if check.integer(root.data[EXPORT_KEY], EXPORT_KEY, low=1, high=EXPORT_VERSION) is None:
        return None
    document = root.data.get("document")
    if document is None:
        check.add(root, "document", "required field is missing (the ladder of an export file)")
        return None
    if not isinstance(document.data, dict):
        check.add(document, "document", f"expected a mapping with 'ladder' and 'roles', "
                  f"got {describe(document.data)}")
        return None
    return document


def _tracks(ctx: ReadContext, value: Value | None) -> dict[str, Track]:
    check = ctx.check
    tracks: dict[str, Track] = {}
    # Casefolded name -> the track's id: the legend, the headings and the workbook's sheets
    # tell tracks apart by name alone.
    named: dict[str, str] = {}
    for index, item in enumerate(check.items(value, "tracks", limit=MAX_TRACKS, what="tracks")):
        path = f"tracks[{index}]"
        fields = check.fields(item, path, required=("id", "name"), optional=("description",))
        if not fields:
            continue
        track_id = ctx.new_id(fields.get("id"), f"{path}.id", tracks, "track")
        if track_id:
            ctx.track_ids[track_id] = None
        name = check.text(fields.get("name"), f"{path}.name", required=True, limit=MAX_NAME)
        if name and name.casefold() in named:
            check.add(fields["name"], f"{path}.name", f"{describe(name)} is already the name of track "
                      f"{named[name.casefold()]}; give each track its own name")
        elif name:
            named[name.casefold()] = describe(track_id) if track_id else f"tracks[{index}]"
        if track_id and name:
            tracks[track_id] = Track(track_id, name, check.text(fields.get("description"), f"{path}.description"))
    return tracks


def _levels(ctx: ReadContext, value: Value | None, tracks: dict[str, Track]) -> tuple[Level, ...]:
    check = ctx.check
    if value is not None:
        ctx.format2(value, "levels", "named levels")
    levels: dict[tuple[int, str | None], Level] = {}
    for index, item in enumerate(check.items(value, "levels", limit=MAX_LEVEL_NAMES, what="levels")):
        path = f"levels[{index}]"
        fields = check.fields(item, path, required=("level", "name"), optional=("track", "description"))
        if not fields:
            continue
        number = check.integer(fields.get("level"), f"{path}.level", low=1, high=MAX_LEVEL)
        name = check.text(fields.get("name"), f"{path}.name", required=True, limit=MAX_NAME)
        track = None
        if "track" in fields:
            track = ctx.track(fields["track"], f"{path}.track", tracks)
            if track is None:
                continue
        if number is None or name is None:
            continue
        if (number, track) in levels:
            where = f" on track '{track}'" if track else ""
            check.add(item, path, f"level {number}{where} is already named {describe(levels[number, track].name)}")
            continue
        levels[number, track] = Level(number, name, track, check.text(fields.get("description"),
                                                                      f"{path}.description"))
    return tuple(sorted(levels.values(), key=lambda lv: (lv.number, lv.track or "")))
