"""The handout's front matter and back matter as content: which roles an excerpt shows, the
cover's lines, the parts and the contents, the tracks under the chart, the web page's role index,
the evidence worksheets."""

import datetime
import os
from collections.abc import Iterable
from typing import NamedTuple

from ..errors import RenderError
from ..model import DEFAULT_LABELS, Ladder, Role, require_role
from ..text.scripts import cjk_runs, has_kana
from .cells import Cell, value_cell

SEPARATOR = " \u00b7 "  # " · " between the bits of one line


# The handout's parts, in the order they print. Worksheets are printed only when asked for.
PARTS = ("cover", "contents", "introduction", "chart", "roles", "matrix", "worksheets")
DEFAULT_PARTS = PARTS[:-1]
EXCERPT_PARTS = ("chart", "roles", "worksheets")  # an excerpt opens with its own title instead


def part_error(name: str, known: Iterable[str] = PARTS) -> str | None:
    """Why `name` is not a part ("unknown part 'chrat' (did you mean 'chart'?)"), or None."""
    known = list(known)
    if name in known:
        return None
    import difflib  # only for a wrong name, as the loader's suggestions (1 ms a handout spared)

    hint = difflib.get_close_matches(name[:100], known, n=1, cutoff=0.6)
    said = f" (did you mean '{hint[0]}'?)" if hint else f"; parts: {', '.join(known)}"
    return f"unknown part '{name}'{said}"


def handout_parts(parts: Iterable[str] | None = None, *, without: Iterable[str] = (), worksheet: bool = False,
                  excerpt: bool = False) -> tuple[str, ...]:
    """The parts a handout prints, in print order: `parts` (default: all but the worksheets),
    less those `without`, plus the worksheets when `worksheet`. An excerpt holds only the chart,
    the roles and the worksheets."""
    chosen = list(DEFAULT_PARTS if parts is None else parts)
    without = list(without)
    for name in [*chosen, *without]:
        if (problem := part_error(name)) is not None:
            raise RenderError(problem)
    if worksheet:
        chosen.append("worksheets")
    if excerpt:
        outside = [p for p in chosen if p not in EXCERPT_PARTS]
        if parts is not None and outside:
            raise RenderError(f"an excerpt of roles has no {', '.join(outside)}; its parts: {', '.join(EXCERPT_PARTS)}")
    allowed = EXCERPT_PARTS if excerpt else PARTS
    result = tuple(p for p in allowed if p in chosen and p not in without)
    if not result:
        raise RenderError("no part of the handout is left to print")
    if set(result) <= {"cover", "contents"} and "contents" in result:
        raise RenderError("the contents would list nothing: add the parts it lists")
    return result


def excerpt_roles(ladder: Ladder, ids) -> list[Role]:
    """The roles asked for and the roles they lead to, in the ladder's reading order."""
    ids = list(ids)
    if not ids:
        raise RenderError("an excerpt needs at least one role id")
    for role_id in ids:
        require_role(ladder, role_id)
    wanted = set(ids)
    for role_id in ids:
        wanted.update(ladder.role(role_id).next)
    return [r for r in ladder.ordered_roles if r.id in wanted]


class Cover(NamedTuple):
    title: str
    subtitle: str | None
    organization: str | None
    version: str | None  # "Version 2026.1"
    tracks: str | None  # the track names, when there are several
    date: str | None = None  # "2026-12-03": the handout's date (handout_date)
    # The ladder's shape, for the cover's picture of it: per role its (level row, track column),
    # out of (rows, columns).
    shape: tuple[tuple[int, int], ...] = ()
    grid: tuple[int, int] = (1, 1)

    @property
    def dated(self) -> str | None:
        """The version and the date on one line: "Version 2026.1 · 2026-12-03"."""
        return SEPARATOR.join(x for x in (self.version, self.date) if x) or None


def cover(ladder: Ladder, date: datetime.date | None = None) -> Cover:
    tracks = [t for t in ladder.columns if t is not None]
    levels = ladder.levels
    shape = tuple((levels.index(role.level), column) for column, track in enumerate(ladder.columns)
                  for role in ladder.roles_in(track))
    return Cover(ladder.title, ladder.subtitle, ladder.organization, version_line(ladder),
                 SEPARATOR.join(t.name for t in tracks) if len(tracks) > 1 else None,
                 date.isoformat() if date else None, shape, (len(levels), len(ladder.columns)))


def document_language(ladder: Ladder) -> str:
    """The language every output declares (a page's `lang`, a PDF's /Lang): the ladder's
    `language`; without one, English for a ladder in pmladder's own words, else 'und'
    (BCP 47's "undetermined"): a guess from the text would be wrong as often as right."""
    if ladder.language:
        return ladder.language
    return "en" if dict(ladder.labels) == dict(DEFAULT_LABELS) else "und"


def language_runs(text: str, document: str) -> tuple[tuple[str, str | None], ...]:
    """`text` cut where its language leaves the document's (`document`, a BCP 47 tag), as far
    as the script tells: in a text with kana, which only Japanese writes, each run of CJK script
    (kana, ideographs, their punctuation) is Japanese ('ja'); the rest of it, and ideographs in a
    text without kana (they could as well be Chinese), are in the document's language (None)."""
    if document.split("-")[0].lower() == "ja" or not has_kana(text):
        return ((text, None),)
    return tuple((run, "ja" if cjk else None) for run, cjk in cjk_runs(text))


def handout_date(environ=None, *, ladder_date: datetime.date | None = None) -> datetime.date:
    """The date a handout shows and its PDF records: SOURCE_DATE_EPOCH (seconds since 1970, the
    reproducible-builds convention) when set to a whole number, else the ladder's own date, else
    today (UTC). A day, not a time: renders of the same input on the same day stay byte-identical."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit() and len(value) <= 12:  # bounded: year 9999 is under 2.6e11 seconds
        seconds = min(int(value), 253402214400)  # 9999-12-31
        return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).date()
    if ladder_date is not None:
        return ladder_date
    return datetime.datetime.now(datetime.timezone.utc).date()


def version_line(ladder: Ladder) -> str | None:
    return f"{ladder.label('version')} {ladder.version}" if ladder.version else None


def excerpt_caption(ladder: Ladder, chosen: list[Role]) -> str:
    """Under an excerpt's title: which roles it holds."""
    return f"{ladder.label('roles')}: " + ", ".join(r.title for r in chosen)


class Entry(NamedTuple):
    """A line of the contents: its depth (0 or 1), its title, the bookmark it links to."""

    level: int
    title: str
    key: str


def contents(ladder: Ladder, *, worksheet: bool = False, parts: Iterable[str] | None = None) -> tuple[Entry, ...]:
    """The lines of the contents: the parts printed after it (`parts`; default: all but the
    worksheets, which `worksheet` adds)."""
    parts = set(DEFAULT_PARTS if parts is None else parts) | ({"worksheets"} if worksheet else set())
    entries: list[Entry] = []
    if ladder.intro and "introduction" in parts:
        entries.append(Entry(0, ladder.label("introduction"), "introduction"))
    if "chart" in parts:
        entries.append(Entry(0, ladder.label("overview"), "overview"))
    if "roles" in parts:
        entries.append(Entry(0, ladder.label("roles"), "roles"))
        entries += [Entry(1, r.title, role_key(r)) for r in ladder.ordered_roles]
    if "matrix" in parts:
        entries.append(Entry(0, ladder.label("matrix"), "matrix"))
    if "worksheets" in parts:
        entries.append(Entry(0, ladder.label("worksheet"), "worksheets"))
        entries += [Entry(1, r.title, worksheet_key(r)) for r in ladder.ordered_roles]
    return tuple(entries)


def role_key(role: Role) -> str:
    return f"role-{role.id}"


def worksheet_key(role: Role) -> str:
    return f"worksheet-{role.id}"


class IndexEntry(NamedTuple):
    """A role beside the web page's chart, so the chart reads without colour: short title, level, track."""

    role: Role
    details: str


def role_index(ladder: Ladder, chosen: list[Role]) -> tuple[IndexEntry, ...]:
    entries = []
    for role in chosen:
        track = ladder.track(role.track)
        bits = [role.short] if role.short != role.title else []
        bits.append(ladder.level_name(role.level, role.track))
        if track:
            bits.append(track.name)
        entries.append(IndexEntry(role, SEPARATOR.join(bits)))
    return tuple(entries)


class TrackNote(NamedTuple):
    """A track under the ladder chart: its name, what it is, and its column in the chart (which
    gives it its colour)."""

    name: str
    description: str
    column: int


def track_notes(ladder: Ladder, chosen: list[Role]) -> tuple[TrackNote, ...]:
    """The described tracks of the chosen roles, in the chart's order of columns."""
    used = {r.track for r in chosen}
    return tuple(TrackNote(t.name, t.description, k) for k, t in enumerate(ladder.columns)
                 if t is not None and t.description and t.id in used)


class Worksheet(NamedTuple):
    title: str
    hint: str
    expected: tuple[Cell, ...]  # per dimension, what the role is expected to show
    headings: tuple[str | None, ...] = ()  # per cell: its group's name above the group's first


def worksheet(ladder: Ladder, role: Role) -> Worksheet:
    dims = [d for d in ladder.dimensions if d.applies_to(role.track)]  # not another track's
    headings, shown = [], None
    for d in dims:
        headings.append(ladder.group(d.group).name if d.group and d.group != shown else None)
        shown = d.group
    return Worksheet(f"{ladder.label('worksheet')}: {role.title}", ladder.label("worksheet_hint"),
                     tuple(value_cell(d, role.values.get(d.id)) for d in dims), tuple(headings))
