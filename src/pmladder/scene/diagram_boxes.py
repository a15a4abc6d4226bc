"""The ladder diagram's role boxes and their text: how large the titles can be set in the
boxes placed, and each box drawn with its short label, title and "You are here" tag."""

from __future__ import annotations

from ..model import Role
from ..text.wrap import LEADING, fit_line, wrap
from .diagram_grid import Sizing, Slot
from .elements import ASCENT, DESCENT, Box, Rect, text_run, tint

MAX_TITLE_LINES = 4


class RoleBoxes:
    """The boxes' text, with or without the short labels above the titles."""

    def __init__(self, sizing: Sizing, show_shorts: bool):
        self.sizing = sizing
        self.show_shorts = show_shorts

    def fit_titles(self, slots: list[Slot]) -> tuple[float, dict[str, list[str]]] | None:
        """The largest title size at which every title fits its box, and the titles' lines."""
        min_text, fonts = self.sizing.min_text, self.sizing.fonts
        start = max(min_text, 13 * self.sizing.scale * self.sizing.style.chart.text_scale)
        sizes = [start - 0.5 * k for k in range(int((start - min_text) / 0.5) + 1)]
        if sizes[-1] > min_text + 1e-9:
            sizes.append(min_text)  # always try the minimum itself
        for size in sizes:
            wrapped, ok = {}, True
            for slot in slots:
                pad_x, pad_y = self._padding(slot)
                lines = wrap(fonts, slot.role.title, slot.rect.w - 2 * pad_x, size, bold=True)
                # Past four lines a smaller size reads better, until the minimum: then any count.
                too_many = len(lines) > MAX_TITLE_LINES and size > min_text + 1e-9
                if too_many or self._text_height(slot, size, len(lines)) > slot.rect.h - 2 * pad_y:
                    ok = False
                    break
                wrapped[slot.role.id] = lines
            if ok:
                return size, wrapped
        return None

    def growth(self, slots: list[Slot]) -> float:
        """How much taller the canvas must be for every title to fit at the minimum size."""
        size = self.sizing.min_text
        factor = 1.0
        for slot in slots:
            pad_x, pad_y = self._padding(slot)
            lines = wrap(self.sizing.fonts, slot.role.title, slot.rect.w - 2 * pad_x, size, bold=True)
            needed = self._text_height(slot, size, len(lines)) + 2 * pad_y + 2
            factor = max(factor, needed / max(slot.rect.h, 1.0))
        return max(1.1, factor * 1.05)

    def draw(self, slot: Slot, size: float, lines: list[str], you_are_here: str, links: bool) -> list:
        """The box of one role with its text; `you_are_here` labels the highlighted role's tag,
        and with `links` the box links to the role's page."""
        sizing, role = self.sizing, slot.role
        style, fonts, s = sizing.style, sizing.fonts, sizing.scale
        p = style.palette
        items: list = []
        colour = p.track_colour(slot.column)
        lit = role.id == sizing.highlight
        items.append(
            Box(slot.rect, tint(colour, style.chart.tint), p.highlight if lit else colour,
                (3.2 if lit else 1.0) * style.chart.line_width * max(s, 0.6),
                style.chart.corner_radius * s, kind="role", role_id=role.id,
                link=f"role-{role.id}" if links else None, dash=None if lit else sizing.dash(slot.column))
        )
        pad_x, pad_y = self._padding(slot)
        block = self._text_height(slot, size, len(lines))
        inner_top = slot.rect.top - pad_y
        inner_h = slot.rect.h - 2 * pad_y
        y = inner_top - (inner_h - block) / 2
        cx = slot.rect.cx
        if self.show_shorts and _shows_short(role):
            short_size = self._short_size(size)
            short = fit_line(fonts, role.short, slot.rect.w - 2 * pad_x, short_size)
            y -= ASCENT * short_size
            items.append(text_run(fonts, short, cx, y, short_size, p.muted, anchor="middle", kind="short", role_id=role.id))
            y -= DESCENT * short_size + 3 * s
        y -= ASCENT * size
        for line in lines:
            items.append(text_run(fonts, line, cx, y, size, p.text, bold=True, anchor="middle", kind="title", role_id=role.id))
            y -= LEADING * size
        if lit:
            tag_size = self._tag_size()
            w = fonts.width(you_are_here, tag_size, True) + 10 * s
            h = tag_size * 1.6
            tag = Rect(slot.rect.x + 6 * s, slot.rect.top - h / 2, w, h)
            items.append(Box(tag, p.highlight, None, 0, h / 2, kind="tag", role_id=role.id))
            items.append(
                text_run(fonts, you_are_here, tag.cx, tag.cy - (ASCENT - DESCENT) * tag_size / 2, tag_size,
                         "#FFFFFF", bold=True, anchor="middle", kind="tag", role_id=role.id)
            )
        return items

    def _padding(self, slot: Slot) -> tuple[float, float]:
        """Inner padding (horizontal, vertical); the highlighted box leaves room for its tag."""
        pad_x = 8 * self.sizing.scale
        pad_y = 5 * self.sizing.scale
        if slot.role.id == self.sizing.highlight:
            pad_y = max(pad_y, self._tag_size() * 0.9 + 2)
        return pad_x, pad_y

    def _tag_size(self) -> float:
        return max(self.sizing.min_text, 8 * self.sizing.scale * self.sizing.style.chart.text_scale)

    def _short_size(self, title_size: float) -> float:
        return max(self.sizing.min_text, title_size * 0.8)

    def _text_height(self, slot: Slot, size: float, lines: int) -> float:
        height = (lines - 1) * LEADING * size + (ASCENT + DESCENT) * size
        if self.show_shorts and _shows_short(slot.role):
            height += (ASCENT + DESCENT) * self._short_size(size) + 3 * self.sizing.scale
        return height


def _shows_short(role: Role) -> bool:
    return role.short.strip().lower() != role.title.strip().lower()
