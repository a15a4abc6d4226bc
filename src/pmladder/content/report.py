"""A person's development report as plain data: where they stand against their role and target,
what they are missing (largest gap first), what is already at the target, where they and their
manager disagree, and their evidence. The PDF and Markdown renderers show this and decide nothing.
"""

from __future__ import annotations

from typing import NamedTuple

from ..load.assessment import statements_of
from ..model import Assessed, Assessment, Dimension, Evidence, Ladder, Role
from .document import version_line

DISAGREEMENT = 2  # points apart before self and manager count as disagreeing
PLAN_LINES = 8  # ruled lines left for the development plan
# The report's words are ladder labels (`report_*` in model.DEFAULT_LABELS), so a ladder in
# another language prints its reports in it too. These have no placeholders; renderers use them.
STATIC_WORDS = ("competency", "gap", "now", "target", "self", "manager", "disagree", "not_assessed",
                "competencies", "plan", "plan_hint", "signoff", "date", "nothing_at_target", "no_disagreement",
                "no_evidence")


class _Words:
    """The report's words in the ladder's language."""

    def __init__(self, ladder: Ladder):
        self.ladder = ladder

    def __call__(self, key: str, **values: object) -> str:
        return self.ladder.label(f"report_{key}", **values)

    def count(self, n: int, unit: str) -> str:
        """'1 point', '2 points', '1 statement' (each form a label of its own)."""
        return self(unit if n == 1 else unit + "s", n=n)

    def rating(self, dim: Dimension, value: int | None) -> str:
        """'3 Leading' on a scale that names its points, else '3 of 5'."""
        if value is None:
            return self("not_assessed_value")
        point = dim.point(value)
        return f"{value} {point.name}" if point else self("rating_of", value=value, scale=dim.scale)


class CoverLine(NamedTuple):
    person: str | None
    role: str  # the role's title
    targets: tuple[str, ...]  # the target roles' titles
    date: str | None
    ladder: str  # the ladder's title
    version: str | None  # "Version 2026.1", in the ladder's words

    @property
    def text(self) -> str:
        """The whole line, as printed under the title."""
        return " \u00b7 ".join([*self._whose(), self.ladder, *([self.version] if self.version else [])])

    @property
    def running(self) -> str:
        """Whose report it is, for the header of the pages after the first (their footer names
        the ladder): "Alex Example · Product Manager → Senior Product Manager · 2026-11-18"."""
        return " \u00b7 ".join(self._whose())

    def _whose(self) -> list[str]:
        parts = [self.person] if self.person else []
        parts.append(f"{self.role} \u2192 {', '.join(self.targets)}" if self.targets != (self.role,) else self.role)
        if self.date:
            parts.append(self.date)
        return parts


class Gap(NamedTuple):
    """One competency below the target: `size` points (ratings) or statements not yet met."""

    dimension: Dimension
    size: int
    expected: str  # the target's expectation as printed ("4 Shaping", or a count of statements)
    current: str  # where the person stands as printed
    size_text: str  # "2 points", "1 statement"
    unmet: tuple[str, ...] = ()  # the target's statements not met yet
    unmet_heading: str = ""  # "Not yet met for Scope:"


class AtTarget(NamedTuple):
    dimension: Dimension
    current: str
    expected: str
    line: str  # "Execution: 4 of 5 (target 4 of 5)"


class TargetView(NamedTuple):
    target: Role
    missing_heading: str
    gaps: tuple[Gap, ...]  # largest first; equal gaps in the ladder's order
    at_target_heading: str
    at_target: tuple[AtTarget, ...]
    nothing_missing: str  # shown when there are no gaps


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
    unrated: str = "not assessed"  # the legend's word for the competencies a series has no rating for


class CompetencyNotes(NamedTuple):
    """One competency's section: what the role and targets expect, the ratings, the evidence."""

    dimension: Dimension
    expectations: tuple[tuple[str, str], ...]  # (role title, its expectation)
    ratings: tuple[tuple[str, str], ...]  # ("Self", "3 Leading"), ("Manager", ...)
    meets: tuple[str, ...]  # "Meets: <statement>", one line each
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
    words: dict[str, str]  # STATIC_WORDS in the ladder's language
    radar_rows: tuple[tuple[str, tuple[str, ...]], ...] = ()  # per rated competency, each series' rating


def _expectation(say: _Words, role: Role, dim: Dimension) -> str:
    value = role.values.get(dim.id)
    if isinstance(value, int):
        return say.rating(dim, value)
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


def _target_view(say: _Words, assessment: Assessment, target: Role, dims: tuple[Dimension, ...]) -> TargetView:
    gaps: list[tuple[int, Gap]] = []
    at: list[AtTarget] = []
    for order, dim in enumerate(dims):
        assessed = assessment.competencies.get(dim.id)
        expected = target.values.get(dim.id)
        if expected is None or not dim.applies_to(target.track) or not _is_assessed(dim, assessed):
            continue
        if dim.is_rating:
            size = expected - assessed.rating
            current, wanted_text = say.rating(dim, assessed.rating), say.rating(dim, expected)
            if size > 0:
                gaps.append((order, Gap(dim, size, wanted_text, current, say.count(size, "point"))))
            else:
                at.append(AtTarget(dim, current, wanted_text, say("at_target_line", dimension=dim.name,
                                                                  now=current, target=wanted_text)))
            continue
        wanted = statements_of(target, dim)
        unmet = tuple(s for s in wanted if s not in assessed.meets)
        current = say("met", n=len(wanted) - len(unmet), total=len(wanted))
        wanted_text = say.count(len(wanted), "statement")
        if unmet:
            gaps.append((order, Gap(dim, len(unmet), wanted_text, current, say.count(len(unmet), "statement"),
                                    unmet, say("not_met", dimension=dim.name))))
        else:
            at.append(AtTarget(dim, current, wanted_text, say("at_target_line", dimension=dim.name,
                                                              now=current, target=wanted_text)))
    ordered = tuple(gap for _, gap in sorted(gaps, key=lambda og: (-og[1].size, og[0])))
    return TargetView(target, say("missing", role=target.title), ordered, say("at_target", role=target.title),
                      tuple(at), say("nothing_missing", role=target.title))


def _radar(say: _Words, assessment: Assessment, dims: tuple[Dimension, ...]) -> Radar | None:
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
            series.append(Series(say(kind), values, kind))
    return Radar(rated, tuple(series), say("not_assessed_value"))


def _values(role: Role, dims: tuple[Dimension, ...]) -> dict[str, int]:
    return {d.id: v for d in dims if isinstance(v := role.values.get(d.id), int)}


def _notes(say: _Words, assessment: Assessment, dim: Dimension) -> CompetencyNotes:
    ladder = assessment.ladder
    roles = [ladder.role(assessment.role), *(ladder.role(t) for t in assessment.targets if t != assessment.role)]
    expectations = tuple((r.title, _expectation(say, r, dim)) for r in roles
                         if dim.applies_to(r.track) and r.values.get(dim.id) is not None)
    assessed = assessment.competencies.get(dim.id) or Assessed(dim.id)
    ratings: tuple[tuple[str, str], ...] = ()
    if dim.is_rating:
        ratings = ((say("self"), say.rating(dim, assessed.self_rating)),)
        if assessed.manager_rating is not None:
            ratings += ((say("manager"), say.rating(dim, assessed.manager_rating)),)
    meets = tuple(say("meets", statement=s) for s in assessed.meets)
    return CompetencyNotes(dim, expectations, ratings, meets, assessed.evidence)


def report(assessment: Assessment) -> Report:
    """Everything the report shows, in the order it shows it."""
    ladder = assessment.ladder
    say = _Words(ladder)
    role = ladder.role(assessment.role)
    targets = tuple(ladder.role(t) for t in assessment.targets)
    dims = report_dimensions(assessment)
    disagreements = []
    for dim in dims:
        assessed = assessment.competencies.get(dim.id)
        if dim.is_rating and assessed and assessed.self_rating is not None and assessed.manager_rating is not None:
            apart = abs(assessed.self_rating - assessed.manager_rating)
            if apart >= DISAGREEMENT:
                disagreements.append(Disagreement(dim, say.rating(dim, assessed.self_rating),
                                                  say.rating(dim, assessed.manager_rating), apart))
    cover = CoverLine(assessment.person, role.title, tuple(t.title for t in targets), assessment.date,
                      ladder.title, version_line(ladder))
    radar = _radar(say, assessment, dims)
    rows = tuple((d.name, tuple(say.rating(d, s.values[d.id]) if d.id in s.values else "\u2014"
                                for s in radar.series)) for d in radar.dimensions) if radar else ()
    return Report(
        title=say("title"),
        cover=cover,
        radar=radar,
        radar_rows=rows,
        targets=tuple(_target_view(say, assessment, t, dims) for t in targets),
        disagreements=tuple(sorted(disagreements, key=lambda d: -d.apart)),
        not_assessed=tuple(d for d in dims if not _is_assessed(d, assessment.competencies.get(d.id))),
        competencies=tuple(_notes(say, assessment, d) for d in dims),
        plan=assessment.plan,
        plan_lines=PLAN_LINES,
        signoff=(say("sign_person"), say("sign_manager")),
        words={key: say(key) for key in STATIC_WORDS},
    )
