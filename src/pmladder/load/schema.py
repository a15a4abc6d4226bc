"""The ladder format as a JSON Schema (draft 2020-12), for editors and other tools.

`pmladder schema` prints it; `pmladder init`'s starter points editors at it, so VS Code (with
the YAML extension) completes and checks fields while typing. It says what the loader says
about structure: fields, types, ranges, ids. What needs the whole file (an id given twice, an
unknown role in `next`, a cycle, a rating above its dimension's scale) only the loader checks.
A test validates every shipped and corpus ladder against it, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import DEFAULT_LABELS
from .checks import MAX_ITEMS, MAX_NAME, MAX_TEXT
from .dimensions import MAX_DIMENSIONS, MAX_SCALE
from .ladder import SCHEMA_VERSION
from .language import MAX_TAG, TAG_PATTERN
from .limits import MAX_INTRO, MAX_LEVEL, MAX_LEVEL_NAMES, MAX_NEXT, MAX_ROLES, MAX_SECTIONS, MAX_TRACKS

SCHEMA_ID = "https://pmladder.invalid/schema/ladder-2.json"  # a name, not a place: the schema travels with pmladder


# What text may not hold: control characters, halves of UTF-16 pairs, noncharacters, a byte
# order mark (those beyond U+FFFF only the loader checks: editors' regexes differ there).
_PRINTABLE = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff]*$"


def _text(description: str, *, required: bool = False, limit: int = MAX_TEXT) -> dict[str, Any]:
    """Text as the loader takes it: numbers are their text; an optional field may be empty."""
    string: dict[str, Any] = {"type": "string", "maxLength": limit, "pattern": _PRINTABLE}
    if required:
        return {"description": description, "anyOf": [{**string, "not": {"pattern": "^\\s*$"}}, {"type": "number"}]}
    return {"description": description, "anyOf": [string, {"type": "number"}, {"type": "null"}]}


def _name(description: str, *, required: bool = True) -> dict[str, Any]:
    return _text(description, required=required, limit=MAX_NAME)


def _texts(description: str) -> dict[str, Any]:
    return {"description": description, "type": ["array", "null"], "items": {"$ref": "#/$defs/item"},
            "maxItems": MAX_ITEMS}


def _object(required: list[str], properties: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "type": "object", "required": required,
            "properties": properties, "additionalProperties": False}


def _ids(what: str) -> dict[str, Any]:
    return {"description": f"One {what} id, or a list of them.",
            "anyOf": [{"$ref": "#/$defs/id"}, {"type": "array", "items": {"$ref": "#/$defs/id"}}]}


def _role_ids(description: str) -> dict[str, Any]:
    return {"description": description, "anyOf": [_text("A role id."), {"type": "array", "items": {"type": "string"},
                                                                          "maxItems": MAX_NEXT, "uniqueItems": True}]}


def _list_of(item: str, description: str, **bounds: int) -> dict[str, Any]:
    return {"description": description, "type": ["array", "null"], "items": {"$ref": f"#/$defs/{item}"}, **bounds}


DEFS: dict[str, Any] = {
    "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*(?![\\s\\S])", "maxLength": 64,
           "description": "Lowercase letters, digits, '-' and '_'; at most 64."},
    "item": _text("One line of a list.", required=True),
    "intro": {
        **_object(["heading"], {
            "heading": _name("The section's heading."),
            "body": _text("Paragraphs; a blank line starts a new one."),
            "items": _texts("A bullet list after the paragraphs (format 2)."),
        }, "A section of the handout's introduction: a heading and paragraphs, a bullet list or both."),
        "anyOf": [{"required": ["body"]}, {"required": ["items"]}],
    },
    "ladder": _object(["title"], {
        "title": _name("The ladder's title, on the cover and every page."),
        "subtitle": _name("A line under the title.", required=False),
        "organization": _name("Who the ladder belongs to.", required=False),
        "version": _name("A version, printed on the cover.", required=False),
        "language": {"description": "The language the ladder is written in, as a BCP 47 tag: en, pl, ja, en-GB "
                     "(format 2). Web pages and PDFs declare it.", "type": ["string", "null"],
                     "pattern": TAG_PATTERN, "maxLength": MAX_TAG},
        "date": {"description": "The ladder's date, YYYY-MM-DD, printed on the cover (SOURCE_DATE_EPOCH overrides it).",
                 "type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}(?![\\s\\S])", "format": "date"},
        "intro": _list_of("intro", "Introduction sections, before the roles.", maxItems=MAX_INTRO),
        "labels": {"description": "The words pmladder prints, in the ladder's language.", "type": "object",
                   "properties": {key: _name(f"Default: {text!r}.")
                                  for key, text in DEFAULT_LABELS.items()},
                   "additionalProperties": False},
    }, "What the ladder is called and how it introduces itself."),
    "track": _object(["id", "name"], {
        "id": {"$ref": "#/$defs/id"},
        "name": _name("The column's heading."),
        "description": _text("A line about the track."),
    }, "A column of the ladder, such as individual contributor or manager."),
    "point": {"description": "A named point of a scale: its name, or its name and meaning.",
              "anyOf": [_name("The point's name."),
                        _object(["name"], {"name": _name("The point's name."),
                                           "meaning": _text("What the point means, in a line.")}, "A point.")]},
    "points": {"description": "The scale's points, lowest first (format 2).", "type": "array",
               "items": {"$ref": "#/$defs/point"}, "minItems": 2, "maxItems": MAX_SCALE},
    "scale": _object(["id", "points"], {
        "id": {"$ref": "#/$defs/id"},
        "points": {"$ref": "#/$defs/points"},
    }, "A named scale that several rating dimensions share."),
    "group": _object(["id", "name"], {
        "id": {"$ref": "#/$defs/id"},
        "name": _name("The group's heading over its dimensions."),
        "description": _text("A line about the group."),
        "tracks": _ids("track") | {"description": "The tracks its dimensions are for (default: every track)."},
    }, "An ordered heading over several dimensions (format 2)."),
    "dimension": {
        **_object(["id", "name"], {
            "id": {"$ref": "#/$defs/id"},
            "name": _name("The row's name in tables and the radar."),
            "kind": {"enum": ["text", "rating"], "description": "text (the default) or rating."},
            "scale": {"description": "A rating's points: a number, the id of a scale, or the points themselves.",
                      "anyOf": [{"type": "integer", "minimum": 2, "maximum": MAX_SCALE}, {"$ref": "#/$defs/id"},
                                {"$ref": "#/$defs/points"}]},
            "description": _text("What the dimension means."),
            "group": {"$ref": "#/$defs/id", "description": "The id of its group (required when there are groups)."},
            "tracks": _ids("track") | {"description": "The tracks whose roles it describes (default: every track)."},
        }, "A row of the comparison matrix."),
        "if": {"required": ["scale"]}, "then": {"required": ["kind"], "properties": {"kind": {"const": "rating"}}},
    },
    "level": _object(["level", "name"], {
        "level": {"type": "integer", "minimum": 1, "maximum": MAX_LEVEL},
        "name": _name("What the level is called (IC3, Senior)."),
        "track": {"$ref": "#/$defs/id", "description": "The track that calls it so (default: every track)."},
        "description": _text("A line about the level."),
    }, "The name of a level (format 2)."),
    "section": _object(["heading", "items"], {
        "heading": _name("The list's heading."),
        "items": {"type": "array", "items": {"$ref": "#/$defs/item"}, "minItems": 1, "maxItems": MAX_ITEMS},
    }, "A role's own headed list (format 2)."),
    "value": {"description": "A rating (a number, or a point's name), text, or a list of statements.",
              "anyOf": [_text("A rating or text."), {"type": "array", "items": {"$ref": "#/$defs/item"},
                                                              "maxItems": MAX_ITEMS}]},
    "role": _object(["id", "title", "level"], {
        "id": {"$ref": "#/$defs/id"},
        "title": _name("The role's title."),
        "level": {"type": "integer", "minimum": 1, "maximum": MAX_LEVEL, "description": "1 is the entry level."},
        "track": {"$ref": "#/$defs/id", "description": "Its track's id (required when there are tracks)."},
        "summary": _text("A paragraph about the role.", required=True),
        "short": _name("A label for tight spaces (default: the title, or its initials).", required=False),
        "responsibilities": _texts("What the role is accountable for."),
        "skills": _texts("What the role needs to be good at."),
        "next": _role_ids("The roles it can be promoted to."),
        "reports_to": _role_ids("The role it reports to, or several (format 2)."),
        "dimensions": {"description": "Its value for each dimension, by dimension id.", "type": "object",
                       "additionalProperties": {"$ref": "#/$defs/value"}},
        "sections": _list_of("section", "Its own headed lists (format 2).", maxItems=MAX_SECTIONS),
    }, "A role of the ladder."),
}

LADDER_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "pmladder ladder file",
    "description": "A career ladder for pmladder (docs/format.md describes each field).",
    "type": "object",
    "required": ["ladder", "roles"],
    "properties": {
        "schema": {"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION,
                   "description": f"The format version; {SCHEMA_VERSION} is the newest."},
        "ladder": {"$ref": "#/$defs/ladder"},
        "tracks": _list_of("track", "Columns of the ladder.", maxItems=MAX_TRACKS),
        "scales": _list_of("scale", "Named scales, for rating dimensions (format 2).", maxItems=MAX_DIMENSIONS),
        "groups": _list_of("group", "Headings over dimensions, in order (format 2).", maxItems=MAX_DIMENSIONS),
        "dimensions": _list_of("dimension", "The rows roles are compared on.", maxItems=MAX_DIMENSIONS),
        "levels": _list_of("level", "Names of levels (format 2).", maxItems=MAX_LEVEL_NAMES),
        "roles": {"type": "array", "items": {"$ref": "#/$defs/role"}, "minItems": 1, "maxItems": MAX_ROLES},
    },
    "additionalProperties": False,
    "allOf": [
        {"if": {"required": ["tracks"], "properties": {"tracks": {"type": "array", "minItems": 1}}},
         "then": {"properties": {"roles": {"items": {"required": ["track"]}}}},
         "else": {"properties": {"roles": {"items": {"not": {"required": ["track"]}}}}}},
        {"if": {"required": ["groups"], "properties": {"groups": {"type": "array", "minItems": 1}}},
         "then": {"properties": {"dimensions": {"items": {"required": ["group"]}}}}},
        {"if": {"required": ["schema"], "properties": {"schema": {"const": 1}}},
         "then": {"not": {"anyOf": [{"required": [key]} for key in ("scales", "groups", "levels")]}}},
    ],
    "$defs": DEFS,
}


def schema_text() -> str:
    return json.dumps(LADDER_SCHEMA, indent=2, ensure_ascii=False) + "\n"
