"""The ladder model: immutable objects that every renderer consumes instead of raw YAML."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from .errors import UnknownRoleError

Rating = int
Statements = tuple[str, ...]  # several behaviours expected at one level, in order
DimensionValue = str | Rating | Statements

# The words pmladder itself prints, in English; a ladder's `labels:` replaces any of them so a
# handout in Polish or Japanese reads in one language. {n}, {total} and {role} are filled in.
DEFAULT_LABELS: Mapping[str, str] = MappingProxyType({
    "level": "Level {n}",
    "promotion_path": "Promotion path",
    "you_are_here": "You are here",
    "contents": "Contents",
    "introduction": "Introduction",
    "overview": "The ladder at a glance",
    "roles": "Roles",
    "summary": "Summary",  # not printed; accepted so older ladders stay valid
    "responsibilities": "Responsibilities",
    "skills": "Skills",
    "profile": "Profile",
    "promotion_paths": "Promotion paths",
    "leads_to": "Leads to",
    "reports_to": "Reports to",
    "next_level": "What changes at the next level",
    "next_level_to": "From {role} to {next}",  # no longer printed; accepted so older ladders stay valid
    "no_changes": "The dimensions stay the same; the step is in scope and expectations above.",
    "no_changes_here": "The dimensions stay the same.",  # for a role page with nothing above its table
    "top_of_track": "This is the top of its track.",
    "unchanged": "No change",
    "added_statements": "New at this level",
    "dropped_statements": "No longer expected",
    "revised_statements": "Revised",  # a statement of the role's, reworded or changed at the next level
    "replaced_statements": "Replaces every statement of {role}",  # none of the role's carry over
    # Over a table where that holds for every row: said once instead of in each row.
    "replaced_table": "Every statement for {next} is new: none of those for {role} carry over.",
    "matrix": "Comparison matrix",
    "continued": "{name} (continued)",  # a heading over a page, or a table row, that continues
    "dimension": "Dimension",
    "worksheet": "Evidence worksheet",
    "worksheet_hint": "Write down examples from the last months that show each dimension at this level.",
    "page": "Page {n} of {total}",
    "track": "Track",  # not printed; accepted so older ladders stay valid
    "version": "Version",
    # pmladder assess: a person's development report
    "report_title": "Development report",
    "report_missing": "What I am missing for {role}",
    "report_at_target": "Already at the {role} level",
    "report_at_target_line": "{dimension}: {now} (target {target})",
    "report_nothing_missing": "Nothing: every assessed competency meets the {role} level.",
    "report_nothing_at_target": "Nothing yet.",
    "report_not_met": "Not yet met for {dimension}:",
    "report_disagree": "Where my manager and I see it differently",
    "report_no_disagreement": "None: self and manager ratings are within one point everywhere.",
    "report_not_assessed": "Not assessed yet",
    "report_not_assessed_value": "not assessed",
    "report_competencies": "Competencies and evidence",
    "report_competency": "Competency",
    "report_gap": "Gap",
    "report_now": "Now",
    "report_target": "Target",
    "report_self": "Self",
    "report_manager": "Manager",
    "report_meets": "Meets: {statement}",
    "report_no_evidence": "No evidence written yet.",
    "report_rating_of": "{value} of {scale}",
    "report_point": "{n} point",
    "report_points": "{n} points",
    "report_statement": "{n} statement",
    "report_statements": "{n} statements",
    "report_met": "{n} of {total} met",
    "report_plan": "Development plan",
    "report_plan_hint": "What I will do next, with whom, and by when.",
    "report_signoff": "Sign-off",
    "report_sign_person": "Signed (me)",
    "report_sign_manager": "Signed (manager)",
    "report_date": "Date",
    # The web page's own words (pmladder html).
    "compare": "Compare two roles",
    "compare_hint": "Choose two roles: the table shows them side by side and marks each dimension that changes.",
    "compare_first": "First role",
    "compare_second": "Second role",
    "compare_only": "Show only what changes",
    "compare_changed": "Dimensions that change",
    "evidence": "Evidence",
    "skip_to_content": "Skip to the content",
})


class IntroSection(NamedTuple):
    heading: str
    paragraphs: tuple[str, ...]
    items: tuple[str, ...] = ()  # a bullet list after the paragraphs


class Track(NamedTuple):
    id: str
    name: str
    description: str | None = None


class ScalePoint(NamedTuple):
    """One named point of a rating scale: 1 "Adopts" ... 5 "Creates"."""

    value: int
    name: str
    meaning: str | None = None


class Group(NamedTuple):
    """An ordered heading over several dimensions (Results: Impact, Ownership, ...)."""

    id: str
    name: str
    description: str | None = None
    tracks: tuple[str, ...] = ()  # empty: every track


class Level(NamedTuple):
    """The name of a level, for one track or (track None) for every track without its own."""

    number: int
    name: str
    track: str | None = None
    description: str | None = None


class Dimension(NamedTuple):
    """A row of the comparison matrix: free text per role, or a rating from 1 to `scale`."""

    id: str
    name: str
    kind: str = "text"
    scale: int = 5
    description: str | None = None
    points: tuple[ScalePoint, ...] = ()  # the scale's named points, 1..scale; empty when unnamed
    group: str | None = None
    tracks: tuple[str, ...] = ()  # the tracks whose roles it describes; empty: every track

    @property
    def is_rating(self) -> bool:
        return self.kind == "rating"

    def point(self, value: int) -> ScalePoint | None:
        """The named point for a rating, or None when the scale names no points."""
        return self.points[value - 1] if self.points and 1 <= value <= len(self.points) else None

    def applies_to(self, track_id: str | None) -> bool:
        return not self.tracks or track_id in self.tracks


class Section(NamedTuple):
    """A role's own headed list beyond responsibilities and skills ("Anti-patterns", ...)."""

    heading: str
    items: tuple[str, ...]


class Role(NamedTuple):
    id: str
    title: str
    short: str
    level: int
    summary: str | None = None
    track: str | None = None
    responsibilities: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    reports_to: tuple[str, ...] = ()  # one role id or several ("a Director or a Group Manager")
    values: Mapping[str, DimensionValue] = MappingProxyType({})
    sections: tuple[Section, ...] = ()

    def __hash__(self) -> int:
        return hash(self.id)


class Change(NamedTuple):
    """One dimension whose value differs between a role and a role it leads to."""

    dimension: Dimension
    before: DimensionValue | None
    after: DimensionValue | None

    @property
    def delta(self) -> int | None:
        """The rating step (+1, +2, ...) for rating dimensions with both values given."""
        if self.dimension.is_rating and isinstance(self.before, int) and isinstance(self.after, int):
            return self.after - self.before
        return None


class Ladder(NamedTuple):
    title: str
    roles: tuple[Role, ...]
    subtitle: str | None = None
    organization: str | None = None
    version: str | None = None
    intro: tuple[IntroSection, ...] = ()
    tracks: tuple[Track, ...] = ()
    dimensions: tuple[Dimension, ...] = ()
    name: str = "ladder"  # for output file names: the file's stem, or a slug of the title
    source: str | None = None  # the path the ladder was read from, as given
    labels: Mapping[str, str] = DEFAULT_LABELS
    groups: tuple[Group, ...] = ()
    level_names: tuple[Level, ...] = ()
    schema: int = 1
    language: str | None = None  # a BCP 47 tag ("pl", "en-GB") as the file gives it
    date: datetime.date | None = None  # the ladder's own date ("as of"), printed when no build date is set

    def label(self, key: str, **values: object) -> str:
        """One of the words pmladder prints, in the ladder's language, with {placeholders} filled."""
        text = self.labels.get(key, DEFAULT_LABELS[key])
        for name, value in values.items():  # plain replacement: ladder text is never a format string
            text = text.replace("{" + name + "}", str(value))
        return text

    def __hash__(self) -> int:
        return hash((self.name, self.title, self.roles))

    def role(self, role_id: str) -> Role:
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)

    def has_role(self, role_id: str) -> bool:
        return any(role.id == role_id for role in self.roles)

    @property
    def columns(self) -> tuple[Track | None, ...]:
        """The tracks, in order; a ladder without tracks is one unnamed column (None)."""
        return self.tracks or (None,)

    def roles_in(self, track: Track | None) -> tuple[Role, ...]:
        """The roles of one column, entry level first."""
        track_id = track.id if track else None
        return tuple(sorted((r for r in self.roles if r.track == track_id), key=lambda r: r.level))

    @property
    def ordered_roles(self) -> tuple[Role, ...]:
        """Roles by track then level: the reading order of the handout and the matrix."""
        return tuple(role for track in self.columns for role in self.roles_in(track))

    def track(self, track_id: str | None) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)

    @property
    def levels(self) -> tuple[int, ...]:
        """Every level a role sits at or the ladder names, lowest first."""
        return tuple(sorted({role.level for role in self.roles} | {lv.number for lv in self.level_names}))

    def level_name(self, number: int, track: str | None = None) -> str:
        """What a level is called on a track: its own name, the ladder-wide one, else "Level N"."""
        named = {(lv.number, lv.track): lv.name for lv in self.level_names}
        return named.get((number, track)) or named.get((number, None)) or self.label("level", n=number)

    def level_row_name(self, number: int) -> str:
        """A level's label across every track (the chart's rows): the names the tracks give it,
        each once, else "Level N"."""
        named = {(lv.number, lv.track): lv.name for lv in self.level_names}
        names: list[str] = []
        for track in self.columns:
            name = named.get((number, track.id if track else None)) or named.get((number, None))
            if name and name not in names:
                names.append(name)
        return " / ".join(names) or self.label("level", n=number)

    def group(self, group_id: str | None) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def dimensions_for(self, roles: tuple[Role, ...] | list[Role]) -> tuple[Dimension, ...]:
        """The dimensions that say something about these roles: a dimension for other tracks
        only, or one no role among them has a value for, would be an empty row."""
        return tuple(d for d in self.dimensions if any(r.values.get(d.id) is not None for r in roles))

    @property
    def rating_dimensions(self) -> tuple[Dimension, ...]:
        return tuple(d for d in self.dimensions if d.is_rating)

    @property
    def text_dimensions(self) -> tuple[Dimension, ...]:
        return tuple(d for d in self.dimensions if not d.is_rating)

    def next_roles(self, role: Role) -> tuple[Role, ...]:
        return tuple(self.role(role_id) for role_id in role.next)

    def changes(self, role: Role, next_role: Role) -> tuple[Change, ...]:
        """What differs from `role` to `next_role`, dimension by dimension, in dimension order."""
        return tuple(
            Change(dim, role.values.get(dim.id), next_role.values.get(dim.id))
            for dim in self.dimensions
            if role.values.get(dim.id) != next_role.values.get(dim.id)
        )


def require_role(ladder: Ladder, role_id: str) -> None:
    """An UnknownRoleError listing the ladder's role ids when `role_id` is not one of them."""
    if not ladder.has_role(role_id):
        raise UnknownRoleError(role_id, ladder)


# ---------------------------------------------------------------- a person's assessment


class Evidence(NamedTuple):
    """One note of evidence, as the person wrote it; `link` is text to print, never followed."""

    text: str
    date: str | None = None  # YYYY-MM-DD, as written
    link: str | None = None


class Assessed(NamedTuple):
    """One competency (a dimension of the ladder) as the person and their manager see it."""

    dimension: str
    self_rating: int | None = None
    manager_rating: int | None = None
    meets: tuple[str, ...] = ()  # the statements met, in the ladder's own words
    evidence: tuple[Evidence, ...] = ()

    @property
    def rating(self) -> int | None:
        """The rating that counts against an expectation: the manager's when given, else the person's."""
        return self.manager_rating if self.manager_rating is not None else self.self_rating


class Assessment(NamedTuple):
    """A person's self-assessment (and optionally their manager's), checked against its ladder."""

    ladder: Ladder
    role: str
    targets: tuple[str, ...]  # the roles assessed against: given, else the role's next roles, else itself
    competencies: Mapping[str, Assessed]  # dimension id -> what was assessed, in the ladder's order
    person: str | None = None
    date: str | None = None
    ladder_version: str | None = None  # the ladder version the assessment was written against
    plan: tuple[str, ...] = ()  # development plan items already written
    name: str = "assessment"  # for output file names: the file's stem, never the person's name
    source: str | None = None

    def __hash__(self) -> int:
        return hash((self.name, self.role, self.targets, self.person))
