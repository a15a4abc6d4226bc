"""`pmladder export --format json`: the whole ladder for scripts and HR systems.

The file holds two views of one ladder:
- `document`: the ladder in its own format, every value written out (a role's short label,
  a dimension's named points). pmladder reads an export file as this document, so
  `pmladder pdf ladder.json` works and loading it gives a model equal to the original.
- everything else, resolved for readers that do not want to re-implement the format: level
  names per track, groups with their dimensions, each rating with its point's name. It is
  derived from `document` and ignored when the file is read back.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..load.document import EXPORT_KEY, EXPORT_VERSION, ladder_document
from ..model import Ladder, Role

# JSON leaves these characters raw, but a YAML reader (pmladder reads JSON as YAML) refuses
# them or reads U+2028/U+2029/U+0085 as line breaks: written as \u escapes they survive both.
_NOT_YAML_SAFE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def export_data(ladder: Ladder) -> dict[str, Any]:
    return {
        EXPORT_KEY: EXPORT_VERSION,
        "document": ladder_document(ladder),
        "title": ladder.title,
        "levels": [_level(ladder, number) for number in ladder.levels],
        "tracks": [{"id": t.id, "name": t.name, "description": t.description} for t in ladder.tracks],
        "groups": [{"id": g.id, "name": g.name, "description": g.description, "tracks": list(g.tracks),
                    "dimensions": [d.id for d in ladder.dimensions if d.group == g.id]} for g in ladder.groups],
        "dimensions": [{"id": d.id, "name": d.name, "kind": d.kind, "scale": d.scale if d.is_rating else None,
                        "description": d.description, "group": d.group, "tracks": list(d.tracks),
                        "points": [p._asdict() for p in d.points]} for d in ladder.dimensions],
        "roles": [_role(ladder, role) for role in ladder.ordered_roles],
    }


def _level(ladder: Ladder, number: int) -> dict[str, Any]:
    return {"number": number, "name": ladder.level_row_name(number),
            "by_track": {t.id: ladder.level_name(number, t.id) for t in ladder.tracks}}


def _role(ladder: Ladder, role: Role) -> dict[str, Any]:
    track = ladder.track(role.track)
    values = []
    for dim in ladder.dimensions:
        value = role.values.get(dim.id)
        if value is None:
            continue
        point = dim.point(value) if dim.is_rating else None
        values.append({"dimension": dim.id, "name": dim.name, "group": dim.group,
                       "value": list(value) if isinstance(value, tuple) else value,
                       "point": point.name if point else None, "meaning": point.meaning if point else None})
    return {
        "id": role.id, "title": role.title, "short": role.short,
        "level": role.level, "level_name": ladder.level_name(role.level, role.track),
        "track": role.track, "track_name": track.name if track else None,
        "summary": role.summary,
        "responsibilities": list(role.responsibilities), "skills": list(role.skills),
        "sections": [{"heading": s.heading, "items": list(s.items)} for s in role.sections],
        "next": list(role.next), "reports_to": list(role.reports_to),
        "values": values,
    }


def to_json(ladder: Ladder) -> str:
    text = json.dumps(export_data(ladder), ensure_ascii=False, indent=2)
    return _NOT_YAML_SAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
