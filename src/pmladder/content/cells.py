"""One dimension's value in a table cell, as every output shows it: text, rating dots, a
rating step (+1, −1) from the role it is compared with, "no change", or nothing given."""

import re
from functools import lru_cache
from typing import NamedTuple

from ..model import Dimension, DimensionValue, ScalePoint

FILLED, EMPTY = "\u25cf", "\u25cb"  # ● ○
MINUS = "\u2212"  # a real minus sign for a step down
REVISED_MARK = "\u0394"  # Δ: a statement of the level before, changed
# Two statements, one gone and one new, are one statement revised (reworded, or changed in
# degree: "small" to "large" teams) when this share of their words is common to both (Dice's
# coefficient over distinct words; each Chinese or Japanese character counts as a word):
# "I model integrity and have a high standard..." and "I model integrity and a high
# standard..." share 0.96; "I am learning to interview..." and "I actively contribute to
# interviewing..." 0.6, two expectations.
REVISED_SHARE = 0.75


class Cell(NamedTuple):
    """What one cell shows. `unchanged` holds the ladder's "no change" label when the value is
    the same as the one it is compared with; `step` is a rating's change from it."""

    dimension: Dimension
    value: DimensionValue | None
    unchanged: str | None = None
    step: int | None = None
    added: tuple[str, ...] = ()  # statements new at this level (a difference of statement lists)
    dropped: tuple[str, ...] = ()  # statements of the role compared with that fall away here
    revised: tuple[str, ...] = ()  # statements of the role compared with, as this level revises them
    theirs: bool = True  # False: a dimension of another track than the role's (shown blank, not "—")
    # One line in place of `dropped` when none of the compared role's statements carry over:
    # those are the whole cell beside this one, and listing them again says nothing new.
    replaced: str | None = None

    @property
    def is_difference(self) -> bool:
        """A statement list shown as what changes: the new statements and those that fall away."""
        return bool(self.added or self.dropped or self.revised or self.replaced)

    @property
    def lists_headed(self) -> bool:
        """Whether a difference heads its lists ("New at this level", "Revised", "No longer
        expected"): only where there are two kinds to tell apart; new statements alone say so
        by their "+"."""
        return bool(self.dropped or self.revised)

    @property
    def changes(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """A difference's lists in the order they are shown, each as (kind, statements): kinds
        "added", "revised" and "dropped", the empty ones left out."""
        lists = (("added", self.added), ("revised", self.revised), ("dropped", self.dropped))
        return tuple((kind, items) for kind, items in lists if items)

    @property
    def is_missing(self) -> bool:
        """No value given (and not "no change"): outputs show a dash or an empty cell."""
        return self.unchanged is None and self.value is None

    @property
    def is_dots(self) -> bool:
        """A rating shown as dots (a rating dimension with a whole-number value)."""
        return self.unchanged is None and self.dimension.is_rating and isinstance(self.value, int)

    @property
    def dots(self) -> tuple[str, str]:
        """The filled and the empty dots: 3 of 5 is ("●●●", "○○")."""
        value = max(0, min(int(self.value or 0), self.dimension.scale))
        return FILLED * value, EMPTY * (self.dimension.scale - value)

    @property
    def point(self) -> ScalePoint | None:
        """The named point of a rating on a scale that names its points ("Evangelizes")."""
        return self.dimension.point(self.value) if self.is_dots else None

    @property
    def statements(self) -> tuple[str, ...]:
        """The behaviours listed for a level, when the value is a list of them; else ()."""
        return self.value if self.unchanged is None and isinstance(self.value, tuple) else ()

    @property
    def step_text(self) -> str:
        """The step as +1 or −1; empty when there is none."""
        if not self.step:
            return ""
        return ("+" if self.step > 0 else MINUS) + str(abs(self.step))

    @property
    def text(self) -> str:
        """The cell as plain text: the label, the dots, the value, or "" when nothing is given."""
        if self.unchanged is not None:
            return self.unchanged
        if self.value is None:
            return ""
        if self.is_dots:
            point = self.point
            return "".join(self.dots) + (f" {point.name}" if point else "")
        if self.is_difference:
            return "\n".join([*(f"{CHANGE_MARKS[kind]} {item}" for kind, items in self.changes for item in items),
                              *([self.replaced] if self.replaced else [])])
        if self.statements:
            return "\n".join(self.statements)
        return str(self.value)


CHANGE_MARKS = {"added": "+", "revised": REVISED_MARK, "dropped": MINUS}  # before each statement of a kind


def value_cell(dimension: Dimension, value: DimensionValue | None, theirs: bool = True) -> Cell:
    return Cell(dimension, value, theirs=theirs)


def change_cell(dimension: Dimension, before: DimensionValue | None, after: DimensionValue | None,
                unchanged_label: str, replaced_label: str | None = None) -> Cell:
    """The next role's value beside the role's own: "no change", the new value with its step,
    or, where both are statement lists (or the role has none), only the statements that come
    and go. When none of the role's statements carry over and `replaced_label` is given, that
    one line stands for them (the role's own cell beside lists them already)."""
    if after == before:
        return Cell(dimension, after, unchanged=unchanged_label)
    if before is None and isinstance(after, tuple):  # none at the role before: every statement is new
        return Cell(dimension, after, added=after)
    if isinstance(before, tuple) and isinstance(after, tuple):
        kept = set(before)
        added = tuple(item for item in after if item not in kept)
        dropped = tuple(item for item in before if item not in set(after))
        if not added and not dropped:  # the same statements in another order
            return Cell(dimension, after, unchanged=unchanged_label)
        pairs = _revised_pairs(dropped, added)
        if pairs:
            old, new = set(pairs), set(pairs.values())
            revised = tuple(item for item in added if item in new)
            added = tuple(item for item in added if item not in new)
            dropped = tuple(item for item in dropped if item not in old)
            return Cell(dimension, after, added=added, dropped=dropped, revised=revised)
        if replaced_label and len(dropped) == len(before):
            return Cell(dimension, after, added=added, replaced=replaced_label)
        return Cell(dimension, after, added=added, dropped=dropped)
    step = None
    if dimension.is_rating and isinstance(before, int) and isinstance(after, int):
        step = after - before
    return Cell(dimension, after, step=step)


def _revised_pairs(dropped: tuple[str, ...], added: tuple[str, ...]) -> dict[str, str]:
    """Each statement that falls away mapped to the new one that says it in other words (most
    of their words in common), the closest pairs first, every statement in one pair at most.
    Shown as "Revised", such a pair no longer reads as an expectation dropped ("No longer
    expected: I model integrity...") beside a new one."""
    if not dropped or not added:
        return {}
    scored = []
    for i, old in enumerate(dropped):
        old_words = _words(old)
        for j, new in enumerate(added):
            new_words = _words(new)
            total = len(old_words) + len(new_words)
            share = 2 * len(old_words & new_words) / total if total else 0.0
            if share >= REVISED_SHARE:
                scored.append((-share, i, j))
    pairs: dict[str, str] = {}
    taken: set[int] = set()
    for _, i, j in sorted(scored):  # the closest first; ties in the lists' order
        if dropped[i] not in pairs and j not in taken:
            pairs[dropped[i]] = added[j]
            taken.add(j)
    return pairs


@lru_cache(maxsize=4096)  # a level's statements are compared with the level above and below
def _words(statement: str) -> frozenset[str]:
    return frozenset(_WORD.findall(statement.casefold()))


# A word: a run of letters and digits, but each character of scripts written without spaces.
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")
