"""`pmladder upgrade`: a ladder file rewritten to the newest format, its text kept as written.

Every format 1 file is a valid format 2 file, so upgrading changes one line: `schema: 1`
becomes `schema: 2`, or a `schema: 2` line is added above the first field. PyYAML cannot
write a file back with its comments (it forgets them while reading), so the file is edited as
text, never re-dumped: comments, blank lines, quoting, key order and anchors stay as they were.
The edit is checked by loading the result: it must be the same ladder, in the new format.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..errors import LadderError, Problem
from . import reader
from .ladder import SCHEMA_VERSION, parse_ladder

_SCHEMA_VALUE = re.compile(r'^(\s*"?schema"?\s*:\s*)(\d+)(?=\s*(?:[,#}]|$))')
_CONTENT = re.compile(r"[^\s#]")  # a line that holds more than blanks and a comment


class Upgrade(NamedTuple):
    data: bytes  # the upgraded file
    before: int | None  # the format it declared; None: no schema line (read as the newest)
    changed: bool  # False: it already was in the newest format


def upgrade_text(data: bytes, file: str) -> Upgrade:
    """The file in format SCHEMA_VERSION. Raises LadderError if it does not load, or cannot be
    edited safely (then nothing should be written)."""
    old = parse_ladder(data, file)  # a broken file is reported as it is, not upgraded
    root = reader.parse(data, file)
    declared = root.data.get("schema") if isinstance(root.data, dict) else None
    if "pmladder_export" in root.data:
        declared = root.data["document"].data.get("schema")
    if declared is not None and declared.data == SCHEMA_VERSION:
        return Upgrade(data, SCHEMA_VERSION, False)
    text = data.decode("utf-8")
    lines = text.splitlines(keepends=True)
    if declared is not None:
        index = declared.line - 1
        edited, count = _SCHEMA_VALUE.subn(rf"\g<1>{SCHEMA_VERSION}", lines[index], count=1)
        if not count:
            raise _cannot(file, declared.line, "the schema value is not on its own 'schema: N' line")
        lines[index] = edited
    else:
        index = next((i for i, line in enumerate(lines) if _CONTENT.match(line.lstrip("\ufeff"))
                      and not line.startswith(("---", "%"))), None)
        if index is None or not re.match(r"[A-Za-z_\"']", lines[index].lstrip("\ufeff")):
            raise _cannot(file, (index or 0) + 1, "the file's fields are not a block of 'key: value' lines")
        newline = "\r\n" if lines[index].endswith("\r\n") else "\n"
        bom = "\ufeff" if lines[index].startswith("\ufeff") else ""
        lines[index] = f"{bom}schema: {SCHEMA_VERSION}{newline}" + lines[index][len(bom):]
    result = "".join(lines).encode("utf-8")
    new = parse_ladder(result, file)
    if new != old._replace(schema=SCHEMA_VERSION):  # a safety net: the edit changed nothing else
        raise _cannot(file, None, "the edited file would not be the same ladder")
    return Upgrade(result, declared.data if declared is not None else None, True)


def _cannot(file: str, line: int | None, why: str) -> LadderError:
    return LadderError([Problem(file, line, "schema", f"cannot upgrade: {why}; add 'schema: {SCHEMA_VERSION}' "
                                                      "by hand (nothing was written)")])
