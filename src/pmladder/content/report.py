"""A person's development report as plain data: where they stand against their role and target,
what they are missing (largest gap first), what is already at the target, where they and their
manager disagree, and their evidence. The PDF and Markdown renderers show this and decide nothing.
"""

from __future__ import annotations

from typing import NamedTuple

from ..load.assessment import statements_of
from ..model import Assessed, Assessment, Dimension, Evidence, Role

DISAGREEMENT = 2  # points apart before self and manager count as disagreeing
PLAN_LINES = 8  # ruled lines left for the development plan
NOT_ASSESSED = "not assessed"

# The report's own words, in one place.
WORDS = {
    "title": "Development report",
    "missing": "What I am missing for {target}",
    "at_target": "Already at the {target} level",
    "disagree": "Where my manager and I see it differently",
    "not_assessed": "Not assessed yet",
    "competencies": "Competencies and evidence",
    "plan": "Development plan",
    "plan_hint": "What I will do next, with whom, and by when.",
    "signoff": "Sign-off",
    "self": "Self",
    "manager": "Manager",
    "nothing_missing": "Nothing: every assessed competency meets the {target} level.",
    "nothing_at_target": "Nothing yet.",
    "no_disagreement": "None: self and manager ratings are within one point everywhere.",
    "no_evidence": "No evidence written yet.",
    "person_sign": "Signed (me)",
    "manager_sign": "Signed (manager)",
    "date": "Date",
}


class CoverLine(NamedTuple):
    person: str | None
    role: str  # the role's title
    targets: tuple[str, ...]  # the target roles' titles
    date: str | None
    ladder: str  # the ladder's title
    version: str | None

    @property
    def text(self) -> str:
        """The whole line, as printed under the title."""
        parts = [self.person] if self.person else []
        parts.append(f"{self.role} \u2192 {', '.join(self.targets)}" if self.targets != (self.role,) else self.role)
        if self.date:
            parts.append(self.date)
        parts.append(f"{self.ladder}, version {self.version}" if self.version else self.ladder)
        return " \u00b7 ".join(parts)


class Gap(NamedTuple):
    """One competency below the target: `size` points (ratings) or statements not yet met."""

    dimension: Dimension
    size: int
    expected: str  # the target's expectation as printed ("4 Shaping", or a count of statements)
    current: str  # where the person stands as printed
    unmet: tuple[str, ...] = ()  # the target's statements not met yet

    @property
    def size_text(self) -> str:
        """'2 points' or '1 statement'."""
        unit = "statement" if self.unmet else "point"
        return f"{self.size} {unit}{'' if self.size == 1 else 's'}"


class AtTarget(NamedTuple):
    dimension: Dimension
    current: str
    expected: str


class TargetView(NamedTuple):
    target: Role
    missing_heading: str
    gaps: tuple[Gap, ...]  # largest first; equal gaps in the ladder's order
    at_target_heading: str
    at_target: tuple[AtTarget, ...]


class Disagreement(NamedTuple):
    dimension: Dimension
    self_rating: str
    manager_rating: str
    apart: int


class Series(NamedTuple):
    """One polygon of the radar: a role's expectations or a person's ratings."""

    label: str
    values: dict[str, int]  # dimension id -> rating
    kind: str  # "role", "target", "self" or "manager"


class Radar(NamedTuple):
    dimensions: tuple[Dimension, ...]
    series: tuple[Series, ...]


class CompetencyNotes(NamedTuple):
    """One competency's section: what the role and targets expect, the ratings, the evidence."""

    dimension: Dimension
    expectations: tuple[tuple[str, str], ...]  # (role title, its expectation)
    ratings: tuple[tuple[str, str], ...]  # ("Self", "3 Leading"), ("Manager", ...)
    meets: tuple[str, ...]
    evidence: tuple[Evidence, ...]


class Report(NamedTuple):
    title: str
    cover: CoverLine
    radar: Radar | None  # None when fewer than 3 rated competencies
    targets: tuple[TargetView, ...]
    disagreements: tuple[Disagreement, ...]
    not_assessed: tuple[Dimension, ...]
    competencies: tuple[CompetencyNotes, ...]
    plan: tuple[str, ...]
    plan_lines: int
    signoff: tuple[str, ...]  # the lines to sign, in order
    words: dict[str, str]


def rating_text(dim: Dimension, value: int | None) -> str:
    """'3 Leading' on a scale that names its points, else '3 of 5'."""
    if value is None:
        return NOT_ASSESSED
    point = dim.point(value)
    return f"{value} {point.name}" if point else f"{value} of {dim.scale}"


def expectation_text(role: Role, dim: Dimension) -> str:
    value = role.values.get(dim.id)
    if isinstance(value, int):
        return rating_text(dim, value)
    return "; ".join(statements_of(role, dim)) or "\u2014"


def report_dimensions(assessment: Assessment) -> tuple[Dimension, ...]:
    """The competencies the report covers: those the role or a target states something for."""
    ladder = assessment.ladder
    roles = [ladder.role(assessment.role), *(ladder.role(t) for t in assessment.targets)]
    return tuple(d for d in ladder.dimensions
                 if any(d.applies_to(r.track) and r.values.get(d.id) is not None for r in roles)
                 or d.id in assessment.competencies)


def _is_assessed(dim: Dimension, assessed: Assessed | None) -> bool:
    if assessed is None:
        return False
    return assessed.rating is not None if dim.is_rating else bool(assessed.meets)


def _target_view(assessment: Assessment, target: Role, dims: tuple[Dimension, ...]) -> TargetView:
    gaps: list[tuple[int, Gap]] = []
    at: list[AtTarget] = []
    for order, dim in enumerate(dims):
        assessed = assessment.competencies.get(dim.id)
        expected = target.values.get(dim.id)
        if expected is None or not dim.applies_to(target.track) or not _is_assessed(dim, assessed):
            continue
        if dim.is_rating:
            size = expected - assessed.rating
            current = rating_text(dim, assessed.rating)
            if size > 0:
                gaps.append((order, Gap(dim, size, rating_text(dim, expected), current)))
            else:
                at.append(AtTarget(dim, current, rating_text(dim, expected)))
            continue
        wanted = statements_of(target, dim)
        unmet = tuple(s for s in wanted if s not in assessed.meets)
        met = len(wanted) - len(unmet)
        current = f"{met} of {len(wanted)} met"
        expected_text = _count(len(wanted), "statement")
        if unmet:
            gaps.append((order, Gap(dim, len(unmet), expected_text, current, unmet)))
        else:
            at.append(AtTarget(dim, current, expected_text))
    ordered = tuple(gap for _, gap in sorted(gaps, key=lambda og: (-og[1].size, og[0])))
    return TargetView(target, WORDS["missing"].replace("{target}", target.title), ordered,
                      WORDS["at_target"].replace("{target}", target.title), tuple(at))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _radar(assessment: Assessment, dims: tuple[Dimension, ...]) -> Radar | None:
    ladder = assessment.ladder
    rated = tuple(d for d in dims if d.is_rating)
    if len(rated) < 3:
        return None
    role = ladder.role(assessment.role)
    series = [Series(role.title, _values(role, rated), "role")]
    for target_id in assessment.targets:
        if target_id != role.id:
            target = ladder.role(target_id)
            series.append(Series(target.title, _values(target, rated), "target"))
    for who, kind in (("self_rating", "self"), ("manager_rating", "manager")):
        values = {d.id: getattr(assessment.competencies[d.id], who) for d in rated
                  if d.id in assessment.competencies and getattr(assessment.competencies[d.id], who) is not None}
        if values:
            series.append(Series(WORDS[kind], values, kind))
    return Radar(rated, tuple(series))


def _values(role: Role, dims: tuple[Dimension, ...]) -> dict[str, int]:
    return {d.id: v for d in dims if isinstance(v := role.values.get(d.id), int)}


def _notes(assessment: Assessment, dim: Dimension) -> CompetencyNotes:
    ladder = assessment.ladder
    roles = [ladder.role(assessment.role), *(ladder.role(t) for t in assessment.targets if t != assessment.role)]
    expectations = tuple((r.title, expectation_text(r, dim)) for r in roles
                         if dim.applies_to(r.track) and r.values.get(dim.id) is not None)
    assessed = assessment.competencies.get(dim.id) or Assessed(dim.id)
    ratings: tuple[tuple[str, str], ...] = ()
    if dim.is_rating:
        ratings = ((WORDS["self"], rating_text(dim, assessed.self_rating)),)
        if assessed.manager_rating is not None:
            ratings += ((WORDS["manager"], rating_text(dim, assessed.manager_rating)),)
    return CompetencyNotes(dim, expectations, ratings, assessed.meets, assessed.evidence)


def report(assessment: Assessment) -> Report:
    """Everything the report shows, in the order it shows it."""
    ladder = assessment.ladder
    role = ladder.role(assessment.role)
    targets = tuple(ladder.role(t) for t in assessment.targets)
    dims = report_dimensions(assessment)
    disagreements = []
    for dim in dims:
        assessed = assessment.competencies.get(dim.id)
        if dim.is_rating and assessed and assessed.self_rating is not None and assessed.manager_rating is not None:
            apart = abs(assessed.self_rating - assessed.manager_rating)
            if apart >= DISAGREEMENT:
                disagreements.append(Disagreement(dim, rating_text(dim, assessed.self_rating),
                                                  rating_text(dim, assessed.manager_rating), apart))
    cover = CoverLine(assessment.person, role.title, tuple(t.title for t in targets), assessment.date,
                      ladder.title, ladder.version)
    return Report(
        title=WORDS["title"],
        cover=cover,
        radar=_radar(assessment, dims),
        targets=tuple(_target_view(assessment, t, dims) for t in targets),
        disagreements=tuple(sorted(disagreements, key=lambda d: -d.apart)),
        not_assessed=tuple(d for d in dims if not _is_assessed(d, assessment.competencies.get(d.id))),
        competencies=tuple(_notes(assessment, d) for d in dims),
        plan=assessment.plan,
        plan_lines=PLAN_LINES,
        signoff=(WORDS["person_sign"], WORDS["manager_sign"]),
        words=dict(WORDS),
    )
