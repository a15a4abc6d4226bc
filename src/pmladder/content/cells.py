"""One dimension's value in a table cell, as every output shows it: text, rating dots, a
rating step (+1, −1) from the role it is compared with, "no change", or nothing given."""

from typing import NamedTuple

from ..model import Dimension, DimensionValue, ScalePoint

FILLED, EMPTY = "\u25cf", "\u25cb"  # ● ○
MINUS = "\u2212"  # a real minus sign for a step down


class Cell(NamedTuple):
    """What one cell shows. `unchanged` holds the ladder's "no change" label when the value is
    the same as the one it is compared with; `step` is a rating's change from it."""

    dimension: Dimension
    value: DimensionValue | None
    unchanged: str | None = None
    step: int | None = None
    added: tuple[str, ...] = ()  # statements new at this level (a difference of statement lists)
    dropped: tuple[str, ...] = ()  # statements of the role compared with that fall away here
    theirs: bool = True  # False: a dimension of another track than the role's (shown blank, not "—")
    # One line in place of `dropped` when none of the compared role's statements carry over:
    # those are the whole cell beside this one, and listing them again says nothing new.
    replaced: str | None = None

    @property
    def is_difference(self) -> bool:
        """A statement list shown as what changes: the new statements and those that fall away."""
        return bool(self.added or self.dropped or self.replaced)

    @property
    def lists_headed(self) -> bool:
        """Whether a difference heads its lists ("New at this level", "No longer expected"):
        only where both are there to tell apart; new statements alone say so by their "+"."""
        return bool(self.dropped)

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
            return "\n".join([*("+ " + item for item in self.added), *(MINUS + " " + item for item in self.dropped),
                              *([self.replaced] if self.replaced else [])])
        if self.statements:
            return "\n".join(self.statements)
        return str(self.value)


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
        if replaced_label and len(dropped) == len(before):
            return Cell(dimension, after, added=added, replaced=replaced_label)
        return Cell(dimension, after, added=added, dropped=dropped)
    step = None
    if dimension.is_rating and isinstance(before, int) and isinstance(after, int):
        step = after - before
    return Cell(dimension, after, step=step)
