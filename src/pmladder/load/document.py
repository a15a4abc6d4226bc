"""A model back to plain data: the ladder document that loads into an equal model.

The inverse of the loader, used by `pmladder export --format json`: every value is written out
as the model holds it (a role's short label, a dimension's points inline), so reading the
document back gives the same ladder whichever shorthand the original file used.
"""

from __future__ import annotations

from typing import Any

from ..model import DEFAULT_LABELS, Dimension, Ladder, Role

EXPORT_KEY = "pmladder_export"  # marks a file written by `pmladder export --format json`
EXPORT_VERSION = 1  # its number: the layout of the resolved view beside the document


def ladder_document(ladder: Ladder) -> dict[str, Any]:
    """The ladder as plain data in its own format (schema: the one its file declared)."""
    doc: dict[str, Any] = {"schema": ladder.schema, "ladder": _meta(ladder)}
    if ladder.tracks:
        doc["tracks"] = [_drop_none({"id": t.id, "name": t.name, "description": t.description})
                         for t in ladder.tracks]
    if ladder.groups:
        doc["groups"] = [_drop_none({"id": g.id, "name": g.name, "description": g.description,
                                     "tracks": list(g.tracks) or None}) for g in ladder.groups]
    if ladder.dimensions:
        doc["dimensions"] = [_dimension(d) for d in ladder.dimensions]
    if ladder.level_names:
        doc["levels"] = [_drop_none({"level": lv.number, "name": lv.name, "track": lv.track,
                                     "description": lv.description}) for lv in ladder.level_names]
    doc["roles"] = [_role(role) for role in ladder.roles]
    return doc


def _meta(ladder: Ladder) -> dict[str, Any]:
    meta: dict[str, Any] = _drop_none({"title": ladder.title, "subtitle": ladder.subtitle,
                                       "organization": ladder.organization, "version": ladder.version,
                                       "language": ladder.language,
                                       "date": ladder.date.isoformat() if ladder.date else None})
    if ladder.intro:
        meta["intro"] = [_drop_none({"heading": s.heading, "body": "\n\n".join(s.paragraphs) or None,
                                     "items": list(s.items) or None}) for s in ladder.intro]
    labels = {key: text for key, text in ladder.labels.items() if DEFAULT_LABELS.get(key) != text}
    if labels:
        meta["labels"] = labels
    return meta


def _dimension(dim: Dimension) -> dict[str, Any]:
    out: dict[str, Any] = {"id": dim.id, "name": dim.name, "kind": dim.kind}
    if dim.is_rating:
        out["scale"] = [_drop_none({"name": p.name, "meaning": p.meaning}) for p in dim.points] or dim.scale
    return _drop_none({**out, "description": dim.description, "group": dim.group, "tracks": list(dim.tracks) or None})


def _role(role: Role) -> dict[str, Any]:
    out: dict[str, Any] = {"id": role.id, "title": role.title, "short": role.short, "level": role.level,
                           "track": role.track, "summary": role.summary}
    for key in ("responsibilities", "skills", "next"):
        out[key] = list(getattr(role, key)) or None
    if role.reports_to:  # one id as text: what a schema 1 file can say
        out["reports_to"] = role.reports_to[0] if len(role.reports_to) == 1 else list(role.reports_to)
    if role.values:
        out["dimensions"] = {key: list(value) if isinstance(value, tuple) else value
                             for key, value in role.values.items()}
    if role.sections:
        out["sections"] = [{"heading": s.heading, "items": list(s.items)} for s in role.sections]
    return _drop_none(out)


def _drop_none(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}
