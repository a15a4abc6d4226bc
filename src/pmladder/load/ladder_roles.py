"""The `roles:` of a ladder file, then the checks across them: every `next` and `reports_to`
names a role, promotions go up (or across to another track), and neither promotions nor reporting
lines go round in a cycle."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..model import Role, Section, Track
from .checks import MAX_NAME, Checker
from .dimensions import DimensionReader, suggest
from .ladder_context import ReadContext
from .limits import MAX_LEVEL, MAX_ROLES, MAX_SECTIONS
from .reader import Value, describe

# A role read, with the mapping it was read from and its place in the list (for messages).
ReadRole = tuple[Role, Value, int]


def read_roles(ctx: ReadContext, value: Value | None, tracks: dict[str, Track],
               dims: DimensionReader) -> tuple[list[ReadRole], dict[str, None]]:
    """The complete roles; and every role id given, complete role or not, in file order (so
    messages list them the same way every run), or none if the list itself is refused."""
    check = ctx.check
    if value is None:
        return [], {}
    items = check.items(value, "roles")
    if not items and isinstance(value.data, list) or value.data is None:
        check.add(value, "roles", "expected at least one role")
        return [], {}
    if len(items) > MAX_ROLES:
        check.add(value, "roles", f"{len(items):,} roles; the limit is {MAX_ROLES:,}")
        return [], {}
    roles: list[ReadRole] = []
    seen: dict[str, Value] = {}  # every id given, complete role or not, to catch duplicates
    for index, item in enumerate(items):
        role = _role(ctx, item, f"roles[{index}]", tracks, dims, seen)
        if role is not None:
            roles.append((role, item, index))
    return roles, dict.fromkeys(seen)


def _role(ctx: ReadContext, item: Value, path: str, tracks: dict[str, Track], dims: DimensionReader,
          seen: dict[str, Value]) -> Role | None:
    """One role, its id added to `seen`; None if it is incomplete (its problems reported)."""
    check = ctx.check
    tracked = bool(ctx.track_ids)  # the ladder gives tracks (some may be refused)
    fields = check.fields(
        item,
        path,
        required=("id", "title", "level") + (("track",) if tracked else ()),
        optional=("summary", "short", "responsibilities", "skills", "next", "reports_to", "dimensions",
                  "sections") + (() if tracked else ("track",)),
    )
    if not fields:
        return None
    role_id = ctx.new_id(fields.get("id"), f"{path}.id", seen, "role")
    if role_id:
        seen[role_id] = item
    title = check.text(fields.get("title"), f"{path}.title", required=True, limit=MAX_NAME)
    level = check.integer(fields.get("level"), f"{path}.level", low=1, high=MAX_LEVEL)
    summary = check.text(fields.get("summary"), f"{path}.summary", required=True) if "summary" in fields else None
    short = check.text(fields.get("short"), f"{path}.short", limit=MAX_NAME)
    track = None
    if "track" in fields:
        track = ctx.track(fields["track"], f"{path}.track", tracks)
    next_ids = ctx.role_ids(fields.get("next"), f"{path}.next")
    reports_to = _reports_to(ctx, fields.get("reports_to"), f"{path}.reports_to")
    values = dims.values(fields.get("dimensions"), f"{path}.dimensions", track)
    sections = _sections(ctx, fields.get("sections"), f"{path}.sections")
    if None in (role_id, title, level) or ("summary" in fields and summary is None):
        return None
    return Role(
        id=role_id,
        title=title,
        short=short or derive_short(title),
        level=level,
        summary=summary,
        track=track,
        responsibilities=check.text_list(fields.get("responsibilities"), f"{path}.responsibilities"),
        skills=check.text_list(fields.get("skills"), f"{path}.skills"),
        next=next_ids,
        reports_to=reports_to,
        values=MappingProxyType(values),
        sections=sections,
    )


def _reports_to(ctx: ReadContext, value: Value | None, path: str) -> tuple[str, ...]:
    if value is None or value.data is None:
        return ()
    if isinstance(value.data, list):
        ctx.format2(value, path, "several roles in reports_to")
        return ctx.role_ids(value, path)
    text = ctx.check.text(value, path)
    return (text,) if text else ()


def _sections(ctx: ReadContext, value: Value | None, path: str) -> tuple[Section, ...]:
    check = ctx.check
    if value is not None:
        ctx.format2(value, path, "a role's own sections")
    sections = []
    for index, item in enumerate(check.items(value, path, limit=MAX_SECTIONS, what="sections")):
        item_path = f"{path}[{index}]"
        fields = check.fields(item, item_path, required=("heading", "items"))
        if not fields:
            continue
        heading = check.text(fields.get("heading"), f"{item_path}.heading", required=True, limit=MAX_NAME)
        items = check.text_list(fields.get("items"), f"{item_path}.items")
        if heading and items:
            sections.append(Section(heading, items))
        elif heading and "items" in fields and isinstance(fields["items"].data, list):
            check.add(fields["items"], f"{item_path}.items", "expected at least one item")
    return tuple(sections)


def derive_short(title: str) -> str:
    """A label for tight spaces: short titles as they are, longer ones by their initials."""
    words = title.split()
    if len(title) <= 14 or len(words) < 2:
        return title
    initials = "".join(w[0].upper() for w in words if w[0].isalnum() and w.lower() not in _SMALL_WORDS)
    return initials or title


_SMALL_WORDS = {"of", "and", "the", "for", "de", "des", "du", "la", "le", "von", "der", "ds.", "i"}


def check_references(check: Checker, roles: list[ReadRole], known: Mapping[str, None]) -> None:
    """Report a `next` or `reports_to` naming no role in `known`, or one at the wrong level,
    and, once all is well, a cycle of promotions."""
    by_id = {role.id: role for role, _, _ in roles}
    for role, item, index in roles:
        fields = item.data
        for position, target in enumerate(role.next):
            line = _line_of(fields["next"], position)
            where = f"roles[{index}].next[{position}]"
            if target not in known:
                check.add(None, where, f"unknown role {describe(target)}{suggest(target, known)}", line=line)
            elif target == role.id:
                check.add(fields["next"], f"roles[{index}].next", f"role '{role.id}' cannot lead to itself")
            elif target in by_id and _not_a_step_up(role, by_id[target]):
                other = by_id[target]
                check.add(None, where, f"'{target}' is at level {other.level}, "
                          f"{'below' if other.level < role.level else 'the same as'} this role's "
                          f"level {role.level}; next names promotions (a move to another track may "
                          "stay at the same level)", line=line)
        for position, target in enumerate(role.reports_to):
            line = _line_of(fields["reports_to"], position)
            where = "" if len(role.reports_to) == 1 and not isinstance(fields["reports_to"].data, list) \
                else f"[{position}]"
            if target not in known:
                check.add(None, f"roles[{index}].reports_to{where}",
                          f"unknown role {describe(target)}{suggest(target, known)}", line=line)
            elif target == role.id:
                check.add(None, f"roles[{index}].reports_to{where}", f"role '{role.id}' cannot report to itself",
                          line=line)
            elif target in by_id and by_id[target].level < role.level:
                check.add(None, f"roles[{index}].reports_to{where}",
                          f"'{target}' is at level {by_id[target].level}, below this role's level "
                          f"{role.level}; a role reports to a role at its level or above", line=line)
    if check.problems or len(by_id) != len(known):
        return  # a cycle through a broken role would only confuse
    for field, what in (("next", "promotion paths"), ("reports_to", "reporting lines")):
        cycle = _find_cycle(by_id, field)
        if cycle:
            role, item, index = next(entry for entry in roles if entry[0].id == cycle[0])
            check.add(item.data[field], f"roles[{index}].{field}", f"{what} form a cycle: " + " -> ".join(cycle))


def _line_of(value: Value, position: int) -> int:
    """The line of one id in a field that holds one id or a list of them."""
    return value.data[position].line if isinstance(value.data, list) else value.line


def _not_a_step_up(role: Role, target: Role) -> bool:
    """A promotion goes up a level, or sideways onto another track."""
    return target.level < role.level or (target.level == role.level and target.track == role.track)


def _find_cycle(roles: Mapping[str, Role], field: str) -> list[str] | None:
    """A cycle in the graph of `field` (`next` or `reports_to`) as ids (first id repeated at
    the end), or None. A reporting line can stay on one level, so it can go round too."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for start in roles:
        if state.get(start):
            continue
        path: list[str] = []
        stack = [(start, iter(getattr(roles[start], field)))]
        state[start] = 1
        path.append(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                return path[path.index(child):] + [child]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(getattr(roles[child], field))))
    return None
