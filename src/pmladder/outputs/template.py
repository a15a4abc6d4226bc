"""`pmladder assess --template ROLE`: an assessment skeleton for one role, valid as written.

Every competency the role and its targets have is listed with what each expects as a comment,
so a person fills it in step by step and can print the report at any point. Ladder text goes
into comments (one line each) and quoted scalars only: it never becomes YAML structure.
"""

from __future__ import annotations

import json

from ..load.assessment import statements_of
from ..model import Dimension, Ladder, Role, require_role


def _scalar(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's too)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def _expectation(role: Role, dim: Dimension) -> str:
    value = role.values.get(dim.id)
    if value is None:
        return "nothing stated"
    if isinstance(value, int):
        point = dim.point(value)
        return f"{value} ({point.name})" if point else f"{value} of {dim.scale}"
    return "; ".join(statements_of(role, dim))


def assessment_template(ladder: Ladder, role_id: str, *, ladder_file: str | None = None) -> str:
    """The skeleton's YAML text. `ladder_file` is the ladder's path as the assessment should name
    it (relative to where the assessment is written); None names the built-in ladder."""
    require_role(ladder, role_id)
    role = ladder.role(role_id)
    targets = ladder.next_roles(role) or (role,)
    roles = (role, *(t for t in targets if t != role))
    lines = [
        "# yaml-language-server: $schema=assessment.schema.json",
        f"# Assessment against {_comment(ladder.title)}: fill in what you can, print it any time with",
        "#   pmladder assess THIS-FILE -o report.pdf",
        "# A competency left empty prints as \"not assessed\". The format: docs/assessment.md;",
        "# `pmladder schema --assessment -o assessment.schema.json` lets an editor check it as you type.",
        "",
        "ladder:",
    ]
    if ladder_file is not None:
        lines.append(f"  file: {_scalar(ladder_file)}")
    else:
        lines.append("  # no file: the built-in Product Management ladder")
    lines.append(f"  version: {_scalar(ladder.version)}" if ladder.version else "  # the ladder gives no version")
    lines += [
        "person:  # your name, as the report should print it",
        f"role: {role.id}  # {_comment(role.title)}",
        f"target: {targets[0].id if len(targets) == 1 else '[' + ', '.join(t.id for t in targets) + ']'}"
        f"  # {_comment(', '.join(t.title for t in targets))}",
        "date:  # YYYY-MM-DD",
        "",
        "competencies:",
    ]
    dims = [d for d in ladder.dimensions if any(d.applies_to(r.track) and r.values.get(d.id) is not None
                                                for r in roles)]
    for dim in dims:
        lines.append(f"  {dim.id}:")
        lines.append(f"    # {_comment(dim.name)}" + (f": {_comment(dim.description)}" if dim.description else ""))
        for r in roles:
            which = "your role" if r == role else "target"
            lines.append(f"    # {_comment(r.title)} ({which}): {_comment(_expectation(r, dim))}")
        if dim.is_rating:
            names = ", ".join(f"{p.value} {p.name}" for p in dim.points)
            lines.append(f"    self:  # 1 to {dim.scale}" + (f": {_comment(names)}" if names else ""))
            lines.append("    manager:  # your manager's rating, when you have it")
        else:
            lines.append("    meets:  # uncomment the statements you meet")
            seen: list[str] = []
            for r in roles:
                for statement in statements_of(r, dim):
                    if statement not in seen:
                        seen.append(statement)
                        lines.append(f"      # - {_scalar(_comment(statement))}")
        lines.append("    evidence:  # notes: - text: ...  date: YYYY-MM-DD  link: where it is")
    lines += [
        "",
        "plan:  # development plan: what you will do next, one item per line",
        "",
    ]
    return "\n".join(lines)
