"""Ladder files to model objects: the only code that sees a ladder's raw data."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import LadderError, Problem
from ..model import DEFAULT_LABELS, IntroSection, Ladder, Level, Role, Section, Track
from ..resources import default_ladder_path
from ..text.scripts import is_cjk
from . import reader
from .checks import MAX_NAME, Checker, read_checked
from .dimensions import DimensionReader, suggest
from .document import EXPORT_KEY, EXPORT_VERSION
from .files import UnreadableFile, read_regular
from .language import language_problem
from .reader import Value, describe

SCHEMA_VERSION = 2  # what `pmladder upgrade` writes; files saying `schema: 1` still load
# Below these every command finishes in seconds; past them a file is refused at load. A
# 1,000-role chart or handout took a minute.
MAX_ROLES = 200
MAX_CHARACTERS = 1_000_000  # of all text together: about 600 pages of handout (2,000,000 took 11 s)
MAX_TRACKS = 20
MAX_NEXT = 10  # roles one role leads to (or reports to)
MAX_INTRO = 50  # introduction sections
MAX_SECTIONS = 20  # a role's own sections
MAX_LEVEL_NAMES = 200
MAX_LEVEL = 99

LadderSource = str | os.PathLike | bytes | Mapping[str, Any]

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


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
    return parse_ladder(read_input(path, LadderError), path, name=Path(path).stem)


def read_input(path: str, error: type[LadderError] | Any) -> bytes:
    """The bytes of a ladder or style file; anything but a regular file of at most
    reader.MAX_BYTES is refused before it is read."""
    try:
        return read_regular(path, reader.MAX_BYTES)
    except UnreadableFile as exc:
        raise error([Problem(path, None, "", exc.reason)]) from None


def parse_ladder(data: bytes, file: str, name: str | None = None) -> Ladder:
    """Validate YAML bytes as a ladder; `file` is only used in messages."""
    return read_checked(data, file, LadderError, lambda root, check: _LadderReader(check).read(root, name))


def slug(text: str) -> str:
    """A file-name-safe name: ASCII letters and digits joined by '-', or 'ladder'."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:60] or "ladder"


def derive_short(title: str) -> str:
    """A label for tight spaces: short titles as they are, longer ones by their initials."""
    words = title.split()
    if len(title) <= 14 or len(words) < 2:
        return title
    initials = "".join(w[0].upper() for w in words if w[0].isalnum() and w.lower() not in _SMALL_WORDS)
    return initials or title


_SMALL_WORDS = {"of", "and", "the", "for", "de", "des", "du", "la", "le", "von", "der", "ds.", "i"}


class _LadderReader:
    def __init__(self, check: Checker):
        self.check = check
        self.schema: int | None = None  # as declared; None reads every format

    def read(self, root: Value, name: str | None) -> Ladder | None:
        check = self.check
        if not isinstance(root.data, dict):
            check.add(root, "", f"expected a mapping with 'ladder' and 'roles', got {describe(root.data)}")
            return None
        if EXPORT_KEY in root.data:
            root = self._exported(root)
            if root is None:
                return None
        top = check.fields(root, "", required=("ladder", "roles"),
                           optional=("schema", "tracks", "scales", "groups", "dimensions", "levels"))
        if top is None:
            return None
        if "schema" in top:
            self.schema = check.integer(top["schema"], "schema", low=1, high=SCHEMA_VERSION)
        meta = self._meta(top.get("ladder"))
        tracks = self._tracks(top.get("tracks"))
        dims = DimensionReader(check, tracks, self._id, self._references, self._format2)
        dims.read_scales(top.get("scales"))
        dims.read_groups(top.get("groups"))
        dims.read_dimensions(top.get("dimensions"))
        levels = self._levels(top.get("levels"), tracks)
        roles = self._roles(top.get("roles"), tracks, dims)
        self._check_references(roles)
        if check.characters > MAX_CHARACTERS:
            check.add(None, "", f"the ladder holds {check.characters:,} characters of text; "
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
            schema=self.schema or SCHEMA_VERSION,
            **meta,
        )

    def _exported(self, root: Value) -> Value | None:
        """The ladder document of a `pmladder export --format json` file; the resolved view
        beside it is derived from the document, so it is not read."""
        if self.check.integer(root.data[EXPORT_KEY], EXPORT_KEY, low=1, high=EXPORT_VERSION) is None:
            return None
        document = root.data.get("document")
        if document is None:
            self.check.add(root, "document", "required field is missing (the ladder of an export file)")
            return None
        if not isinstance(document.data, dict):
            self.check.add(document, "document", f"expected a mapping with 'ladder' and 'roles', "
                           f"got {describe(document.data)}")
            return None
        return document

    def _format2(self, value: Value, path: str, what: str) -> None:
        """Refuse a format 2 feature in a file that declares the older format."""
        if self.schema == 1:
            self.check.add(value, path, f"{what} is a format 2 feature, and this file says schema: 1 "
                           "(write schema: 2)")

    def _meta(self, value: Value | None) -> dict[str, Any] | None:
        if value is None:
            return None
        check = self.check
        fields = check.fields(
            value, "ladder", required=("title",), optional=("subtitle", "organization", "version", "language", "date", "intro", "labels")
        )
        if fields is None:
            return None
        meta: dict[str, Any] = {"title": check.text(fields.get("title"), "ladder.title", required=True, limit=MAX_NAME)}
        for key in ("subtitle", "organization", "version"):
            meta[key] = check.text(fields.get(key), f"ladder.{key}", limit=MAX_NAME)
        if "language" in fields:
            self._format2(fields["language"], "ladder.language", "the ladder's language")
            meta["language"] = self._language(fields["language"])
        meta["date"] = check.date(fields.get("date"), "ladder.date")
        if "date" in fields:
            self._format2(fields["date"], "ladder.date", "a ladder date")
        intro = []
        for index, item in enumerate(check.items(fields.get("intro"), "ladder.intro", limit=MAX_INTRO, what="sections")):
            path = f"ladder.intro[{index}]"
            section = check.fields(item, path, required=("heading",), optional=("body", "items"))
            if not section:
                continue
            heading = check.text(section.get("heading"), f"{path}.heading", required=True, limit=MAX_NAME)
            body = check.text(section.get("body"), f"{path}.body", required="items" not in section)
            if "items" in section:
                self._format2(section["items"], f"{path}.items", "bullet lists in the intro")
            bullets = check.text_list(section.get("items"), f"{path}.items")
            if "body" not in section and "items" not in section:
                check.add(item, f"{path}.body", "required field is missing (or give 'items', a bullet list)")
            elif heading and (body or bullets):
                intro.append(IntroSection(heading, paragraphs(body or ""), bullets))
        meta["intro"] = tuple(intro)
        if "labels" in fields:
            labels = dict(DEFAULT_LABELS)
            for key, item in (check.fields(fields["labels"], "ladder.labels", optional=DEFAULT_LABELS) or {}).items():
                text = check.text(item, f"ladder.labels.{key}", required=True, limit=MAX_NAME)
                if text:
                    labels[key] = text
            meta["labels"] = MappingProxyType(labels)
        return meta if meta["title"] else None

    def _language(self, value: Value) -> str | None:
        tag = self.check.text(value, "ladder.language", limit=MAX_NAME)
        if tag is not None and (problem := language_problem(tag)) is not None:
            self.check.add(value, "ladder.language", problem)
            return None
        return tag

    def _tracks(self, value: Value | None) -> dict[str, Track]:
        tracks: dict[str, Track] = {}
        for index, item in enumerate(self.check.items(value, "tracks", limit=MAX_TRACKS, what="tracks")):
            path = f"tracks[{index}]"
            fields = self.check.fields(item, path, required=("id", "name"), optional=("description",))
            if not fields:
                continue
            track_id = self._id(fields.get("id"), f"{path}.id", tracks, "track")
            name = self.check.text(fields.get("name"), f"{path}.name", required=True, limit=MAX_NAME)
            if track_id and name:
                tracks[track_id] = Track(track_id, name, self.check.text(fields.get("description"), f"{path}.description"))
        return tracks

    def _levels(self, value: Value | None, tracks: dict[str, Track]) -> tuple[Level, ...]:
        check = self.check
        if value is not None:
            self._format2(value, "levels", "named levels")
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
                if not tracks:
                    check.add(fields["track"], f"{path}.track", "the ladder defines no tracks (add a 'tracks' list)")
                    continue
                found = self._references(fields["track"], f"{path}.track", tracks, "track", single=True)
                if not found:
                    continue
                track = found[0]
            if number is None or name is None:
                continue
            if (number, track) in levels:
                where = f" on track '{track}'" if track else ""
                check.add(item, path, f"level {number}{where} is already named {describe(levels[number, track].name)}")
                continue
            levels[number, track] = Level(number, name, track, check.text(fields.get("description"),
                                                                          f"{path}.description"))
        return tuple(sorted(levels.values(), key=lambda lv: (lv.number, lv.track or "")))

    def _roles(self, value: Value | None, tracks: dict[str, Track], dims: DimensionReader):
        check = self.check
        if value is None:
            return []
        items = check.items(value, "roles")
        if not items and isinstance(value.data, list) or value.data is None:
            check.add(value, "roles", "expected at least one role")
            return []
        if len(items) > MAX_ROLES:
            check.add(value, "roles", f"{len(items):,} roles; the limit is {MAX_ROLES:,}")
            return []
        roles: list[tuple[Role, Value, int]] = []
        seen: dict[str, Value] = {}  # every id given, complete role or not, to catch duplicates
        for index, item in enumerate(items):
            path = f"roles[{index}]"
            fields = check.fields(
                item,
                path,
                required=("id", "title", "level") + (("track",) if tracks else ()),
                optional=("summary", "short", "responsibilities", "skills", "next", "reports_to", "dimensions",
                          "sections") + (() if tracks else ("track",)),
            )
            if not fields:
                continue
            role_id = self._id(fields.get("id"), f"{path}.id", seen, "role")
            if role_id:
                seen[role_id] = item
            title = check.text(fields.get("title"), f"{path}.title", required=True, limit=MAX_NAME)
            level = check.integer(fields.get("level"), f"{path}.level", low=1, high=MAX_LEVEL)
            summary = check.text(fields.get("summary"), f"{path}.summary", required=True) if "summary" in fields else None
            short = check.text(fields.get("short"), f"{path}.short", limit=MAX_NAME)
            track = None
            if "track" in fields and tracks:
                found = self._references(fields["track"], f"{path}.track", tracks, "track", single=True)
                track = found[0] if found else None
            if "track" in fields and not tracks:
                check.add(fields["track"], f"{path}.track", "the ladder defines no tracks (add a 'tracks' list)")
            next_ids = self._id_list(fields.get("next"), f"{path}.next")
            reports_to = self._reports_to(fields.get("reports_to"), f"{path}.reports_to")
            values = dims.values(fields.get("dimensions"), f"{path}.dimensions", track)
            sections = self._sections(fields.get("sections"), f"{path}.sections")
            if None in (role_id, title, level) or ("summary" in fields and summary is None):
                continue
            role = Role(
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
            roles.append((role, item, index))
        self.known_role_ids = dict.fromkeys(seen)  # in file order: messages list them the same way every run
        return roles

    def _reports_to(self, value: Value | None, path: str) -> tuple[str, ...]:
        if value is None or value.data is None:
            return ()
        if isinstance(value.data, list):
            self._format2(value, path, "several roles in reports_to")
            return self._id_list(value, path)
        text = self.check.text(value, path)
        return (text,) if text else ()

    def _sections(self, value: Value | None, path: str) -> tuple[Section, ...]:
        check = self.check
        if value is not None:
            self._format2(value, path, "a role's own sections")
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

    def _id(self, value: Value | None, path: str, seen: Mapping[str, Any], what: str) -> str | None:
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

    def _id_list(self, value: Value | None, path: str) -> tuple[str, ...]:
        if value is not None and isinstance(value.data, str):
            value = Value([value], value.line)  # `next: pm` means `next: [pm]`
        ids = []
        for index, item in enumerate(self.check.items(value, path, limit=MAX_NEXT, what="roles")):
            if not isinstance(item.data, str):
                self.check.add(item, f"{path}[{index}]", f"expected a role id, got {describe(item.data)}")
            else:
                ids.append(item.data)
        return tuple(ids)

    def _references(self, value: Value, path: str, known: Mapping[str, Any], what: str,
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

    def _check_references(self, roles: list[tuple[Role, Value, int]]) -> None:
        check = self.check
        known = getattr(self, "known_role_ids", {})
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
                elif target in by_id and by_id[target].level < role.level:
                    check.add(None, f"roles[{index}].reports_to{where}",
                              f"'{target}' is at level {by_id[target].level}, below this role's level "
                              f"{role.level}; a role reports to a role at its level or above", line=line)
        if check.problems or len(by_id) != len(known):
            return  # a cycle through a broken role would only confuse
        cycle = _find_cycle(by_id)
        if cycle:
            role, item, index = next(entry for entry in roles if entry[0].id == cycle[0])
            check.add(
                item.data["next"], f"roles[{index}].next",
                "promotion paths form a cycle: " + " -> ".join(cycle),
            )


def _line_of(value: Value, position: int) -> int:
    """The line of one id in a field that holds one id or a list of them."""
    return value.data[position].line if isinstance(value.data, list) else value.line


def _not_a_step_up(role: Role, target: Role) -> bool:
    """A promotion goes up a level, or sideways onto another track."""
    return target.level < role.level or (target.level == role.level and target.track == role.track)


def _find_cycle(roles: Mapping[str, Role]) -> list[str] | None:
    """A cycle in the `next` graph as ids (first id repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for start in roles:
        if state.get(start):
            continue
        path: list[str] = []
        stack = [(start, iter(roles[start].next))]
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
                stack.append((child, iter(roles[child].next)))
    return None


def paragraphs(body: str) -> tuple[str, ...]:
    """Split plain text on blank lines; lines within a paragraph are joined with spaces, or
    with nothing between two Chinese or Japanese characters (those scripts use no spaces)."""
    out = []
    for block in re.split(r"\n\s*\n", body.strip()):
        text = ""
        for line in (line.strip() for line in block.splitlines()):
            if not line:
                continue
            joint = "" if not text or (is_cjk(text[-1]) and is_cjk(line[0])) else " "
            text += joint + line
        if text:
            out.append(text)
    return tuple(out)
