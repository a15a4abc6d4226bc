"""Assessment files to model objects: the only code that sees an assessment's raw data.

An assessment names its ladder (a path relative to the assessment, or the built-in ladder),
so it is checked against that ladder: every problem at once, each with its line: an unknown
competency with did-you-mean, a rating outside its scale, a role the ladder lacks.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from types import MappingProxyType

from ..errors import AssessmentError, PmladderWarning
from ..model import Assessed, Assessment, Dimension, Evidence, Ladder, Role
from . import reader
from .checks import Checker, join, read_checked, shown_key
from .dimensions import suggest
from .files import UnreadableFile, check_regular, read_regular
from .ladder import load_ladder
from .reader import Value, describe

MAX_BYTES = 1024 * 1024  # an assessment is a page of notes; a megabyte is hundreds of pages
MAX_EVIDENCE = 100  # notes per competency
MAX_PLAN = 100

# The fields of each part; docs/assessment.schema.json says the same (a test compares them).
TOP_FIELDS = ("ladder", "person", "role", "target", "date", "competencies", "plan")
LADDER_FIELDS = ("file", "version")
COMPETENCY_FIELDS = ("self", "manager", "meets", "evidence")
EVIDENCE_FIELDS = ("text", "date", "link")


class LadderVersionWarning(PmladderWarning):
    """The assessment was written against another version of its ladder."""


def load_assessment(path: str | os.PathLike, *, ladder: Ladder | None = None) -> Assessment:
    """Load an assessment file and check it against its ladder (or `ladder`, when given).

    Raises AssessmentError with every problem found (LadderError when the ladder itself is
    invalid); warns (LadderVersionWarning) when the assessment names another ladder version.
    """
    shown = os.fspath(path)
    try:
        data = read_regular(shown, MAX_BYTES)
    except UnreadableFile as exc:
        from ..errors import Problem

        raise AssessmentError([Problem(shown, None, "", exc.reason)]) from None
    return parse_assessment(data, shown, ladder=ladder, base=Path(shown).parent, name=Path(shown).stem)


def parse_assessment(data: bytes, file: str, *, ladder: Ladder | None = None, base: Path | None = None,
                     name: str = "assessment") -> Assessment:
    """Validate YAML bytes as an assessment; `file` is only used in messages, `base` is the folder
    a relative ladder path is read from (the current one when None)."""
    result = read_checked(data, file, AssessmentError,
                          lambda root, check: _AssessmentReader(check, ladder, base).read(root, name))
    declared, actual = result.ladder_version, result.ladder.version
    if declared is not None and declared != actual:
        warnings.warn(LadderVersionWarning(
            f"{file}: written against version {declared} of the ladder, which is now version "
            f"{actual or '(none given)'}; check the expectations it was assessed against"), stacklevel=2)
    return result


class _AssessmentReader:
    def __init__(self, check: Checker, ladder: Ladder | None, base: Path | None):
        self.check = check
        self.ladder = ladder
        self.base = base

    def read(self, root: Value, name: str) -> Assessment | None:
        check = self.check
        if not isinstance(root.data, dict):
            check.add(root, "", f"expected a mapping with 'role' and 'competencies', got {describe(root.data)}")
            return None
        if "roles" in root.data and not {"role", "person", "target", "competencies"} & root.data.keys():
            # A ladder given where an assessment belongs: one line that says so, not one per field.
            import shlex  # only on this path

            check.add(root, "", "this is a ladder (it has 'roles'), not an assessment; `pmladder assess "
                      f"--template ROLE_ID --ladder {shlex.quote(check.file)}` writes one to fill in")
            return None
        top = check.fields(root, "", required=("role",), optional=TOP_FIELDS)
        if top is None:
            return None
        version = self._ladder(top.get("ladder"))
        person = check.text(top.get("person"), "person")
        date = self._date(top.get("date"), "date")
        plan = check.text_list(top.get("plan"), "plan", limit=MAX_PLAN)
        ladder = self.ladder
        if ladder is None:
            return None
        role = self._role(top.get("role"), "role")
        targets = self._targets(top.get("target"), role)
        competencies = self._competencies(top.get("competencies"), ladder, role, targets)
        if check.problems or role is None or targets is None or competencies is None:
            return None
        return Assessment(
            ladder=ladder, role=role.id, targets=tuple(t.id for t in targets), competencies=competencies,
            person=person, date=date, ladder_version=version, plan=plan, name=name,
            source=check.file if not check.file.startswith("<") else None,
        )

    # ---------------------------------------------------------------- the ladder and the roles

    def _ladder(self, value: Value | None) -> str | None:
        """The ladder version written down; loads the ladder named here unless one was given."""
        check = self.check
        given = value is not None and value.data is not None
        fields = check.fields(value, "ladder", optional=LADDER_FIELDS) if given else {}
        if fields is None:
            return None
        version = check.text(fields.get("version"), "ladder.version")
        file = check.text(fields.get("file"), "ladder.file")
        if self.ladder is not None:
            return version
        path = None
        if file:
            path = file if os.path.isabs(file) or self.base is None else str(self.base / file)
            try:
                check_regular(path, reader.MAX_BYTES)
            except UnreadableFile as exc:
                check.add(fields["file"], "ladder.file", f"cannot read {path}: {exc.reason}")
                return version
        self.ladder = load_ladder(path)  # a broken ladder is reported as the ladder's own problems
        return version

    def _role(self, value: Value | None, path: str) -> Role | None:
        if value is None or value.data is None:
            if value is not None:
                self.check.add(value, path, "expected a role id, got nothing")
            return None
        ids = [r.id for r in self.ladder.roles]
        if not isinstance(value.data, str) or value.data not in ids:
            shown = str(value.data)
            hint = suggest(shown, ids) if isinstance(value.data, str) else f"; expected one of: {', '.join(ids)}"
            self.check.add(value, path, f"no role {describe(value.data)} in the ladder{hint}")
            return None
        return self.ladder.role(value.data)

    def _targets(self, value: Value | None, role: Role | None) -> tuple[Role, ...] | None:
        if value is None or value.data is None:
            if role is None:
                return None
            return self.ladder.next_roles(role) or (role,)
        items = value.data if isinstance(value.data, list) else [value]
        if not items:
            self.check.add(value, "target", "expected a role id or a list of them, got an empty list")
            return None
        found: dict[Role, int] = {}  # a target -> its place in the list
        for index, item in enumerate(items):
            path = f"target[{index}]" if isinstance(value.data, list) else "target"
            target = self._role(item, path)
            if target in found:
                self.check.add(item, path, f"'{target.id}' is target[{found[target]}] already; name each role once")
            elif target is not None:
                found[target] = index
        return tuple(found) if len(found) == len(items) else None

    # ---------------------------------------------------------------- competencies

    def _competencies(self, value: Value | None, ladder: Ladder, role: Role | None,
                      targets: tuple[Role, ...] | None):
        check = self.check
        if value is None or value.data is None:
            return MappingProxyType({})
        if not isinstance(value.data, dict):
            check.add(value, "competencies", f"expected a mapping of competency ids, got {describe(value.data)}")
            return None
        dims = {d.id: d for d in ladder.dimensions}
        # Tracks and statements are checked against the role and its targets once both are known.
        roles = [r for r in (role, *targets) if r is not None] if targets is not None else []
        found: dict[str, Assessed] = {}
        for key, item in value.data.items():
            dim_id = str(key)
            path = join("competencies", shown_key(key))
            dim = dims.get(dim_id)
            if dim is None:
                check.add(item, path, f"unknown competency{suggest(dim_id, dims)}")
                continue
            if roles and not any(dim.applies_to(r.track) for r in roles):
                tracks = sorted({r.track or '-' for r in roles})
                check.add(item, path, f"competency '{dim_id}' is for track {', '.join(dim.tracks)} only; "
                          f"this assessment's roles are on track {', '.join(tracks)}")
                continue
            assessed = self._competency(item, path, dim, roles)
            if assessed is not None:
                found[dim_id] = assessed
        order = {d.id: k for k, d in enumerate(ladder.dimensions)}
        return MappingProxyType(dict(sorted(found.items(), key=lambda kv: order[kv[0]])))

    def _competency(self, value: Value, path: str, dim: Dimension, roles: list[Role]) -> Assessed | None:
        check = self.check
        if value.data is None:
            return Assessed(dim.id)
        fields = check.fields(value, path, optional=COMPETENCY_FIELDS)
        if fields is None:
            return None
        ratings = {}
        for who in ("self", "manager"):
            item = fields.get(who)
            if item is None or item.data is None:
                ratings[who] = None
            elif not dim.is_rating:
                check.add(item, join(path, who), f"'{dim.id}' is described in statements, not rated; "
                          "list the statements met under 'meets'")
                ratings[who] = None
            else:
                ratings[who] = self._rating(item, join(path, who), dim)
        meets: tuple[str, ...] = ()
        if "meets" in fields and fields["meets"].data is not None:
            if dim.is_rating:
                check.add(fields["meets"], join(path, "meets"), f"'{dim.id}' is rated; give 'self' "
                          f"(and 'manager') a rating from 1 to {dim.scale}")
            elif roles:
                meets = self._meets(fields["meets"], join(path, "meets"), dim, roles)
        evidence = self._evidence(fields.get("evidence"), join(path, "evidence"))
        return Assessed(dim.id, ratings["self"], ratings["manager"], meets, evidence)

    def _rating(self, item: Value, path: str, dim: Dimension) -> int | None:
        names = [point.name for point in dim.points]
        if isinstance(item.data, str) and names:
            by_name = {name.casefold(): k + 1 for k, name in enumerate(names)}
            if item.data.strip().casefold() in by_name:
                return by_name[item.data.strip().casefold()]
        if isinstance(item.data, int) and not isinstance(item.data, bool) and 1 <= item.data <= dim.scale:
            return item.data
        also = f" or one of: {', '.join(names)}" if names else ""
        self.check.add(item, path, f"expected a rating from 1 to {dim.scale}{also}; got {describe(item.data)}")
        return None

    def _meets(self, value: Value, path: str, dim: Dimension, roles: list[Role]) -> tuple[str, ...]:
        known: dict[str, str] = {}  # normalised -> as the ladder writes it
        for role in roles:
            for statement in statements_of(role, dim):
                known.setdefault(_normal(statement), statement)
        result: list[str] = []
        for index, item in enumerate(self.check.items(value, path)):
            text = self.check.text(item, f"{path}[{index}]", required=True)
            if not text:
                continue
            statement = known.get(_normal(text))
            if statement is None:
                hint = _closest(_normal(text), list(known))
                said = f" (did you mean '{known[hint]}'?)" if hint else ""
                whose = ", ".join(r.title for r in roles)
                self.check.add(item, f"{path}[{index}]", f"not a statement of {whose} for '{dim.id}'{said}")
            elif statement not in result:
                result.append(statement)
        return tuple(result)

    def _evidence(self, value: Value | None, path: str) -> tuple[Evidence, ...]:
        check = self.check
        items = check.items(value, path)
        if len(items) > MAX_EVIDENCE:
            check.add(value, path, f"{len(items)} notes; the limit is {MAX_EVIDENCE}")
            return ()
        result = []
        for index, item in enumerate(items):
            where = f"{path}[{index}]"
            if not isinstance(item.data, dict):
                text = check.text(item, where, required=True)
                if text:
                    result.append(Evidence(text))
                continue
            fields = check.fields(item, where, required=EVIDENCE_FIELDS[:1], optional=EVIDENCE_FIELDS[1:])
            if fields is None:
                continue
            text = check.text(fields.get("text"), join(where, "text"), required=True)
            date = self._date(fields.get("date"), join(where, "date"))
            link = check.text(fields.get("link"), join(where, "link"))
            if text:
                result.append(Evidence(text, date, link))
        return tuple(result)

    def _date(self, value: Value | None, path: str) -> str | None:
        date = self.check.date(value, path)
        return date.isoformat() if date else None


def schema_text() -> str:
    """The assessment format as a JSON Schema (draft 2020-12): `pmladder schema --assessment`."""
    return (Path(__file__).with_name("assessment.schema.json")).read_text(encoding="utf-8")


def statements_of(role: Role, dim: Dimension) -> tuple[str, ...]:
    """A text dimension's value for a role as statements: a list as it is, one text as one."""
    value = role.values.get(dim.id)
    if isinstance(value, tuple):
        return value
    return (value,) if isinstance(value, str) else ()


def _closest(text: str, known: list[str]) -> str | None:
    """The statement a near miss meant: one that contains it (a statement cut short), else the
    most similar one."""
    import difflib  # only when a statement is wrong

    containing = [k for k in known if text and text in k]
    if containing:
        return containing[0]
    hint = difflib.get_close_matches(text[:200], known, n=1, cutoff=0.6)
    return hint[0] if hint else None


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()
