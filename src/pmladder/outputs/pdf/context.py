"""What every page part is given: the ladder, the style, this render's fonts and text styles,
the page geometry, the logo and the page numbers, with the few helpers that set text in them."""

from __future__ import annotations

from ... import content
from ...load.style import MM, Style
from ...model import Ladder
from ...text.fonts import FontSet
from .flowables import Anchor, PageNumbers
from .logo import Logo
from .paint import register_faces
from .styles import on_primary, primary_fill, text_styles
from .textblocks import GridLook, Rating, TextBlock, TextStyle

MISSING = "\u2014"  # a dash where no value is given


class Context:
    """One render's ladder, style and fonts (obtained once per render), and what follows from them."""

    def __init__(self, ladder: Ladder, style: Style, fonts: FontSet, *, headings: dict[str, TextStyle] | None = None):
        self.ladder, self.style, self.fonts = ladder, style, fonts
        self.palette = style.palette
        register_faces([fonts.regular, fonts.bold])
        self.styles = {**text_styles(style), **(headings or {})}  # a caller's own heading styles win
        self.on_primary, self.primary_fill = on_primary(style), primary_fill(style)
        self.page_size = style.page.dimensions
        self.margin = style.page.margin_mm * MM
        pw, ph = self.page_size
        self.frame_width = pw - 2 * self.margin
        self.frame_height = ph - 2 * self.margin
        self.landscape_width = ph - 2 * self.margin
        self.landscape_height = pw - 2 * self.margin
        continued = self.styles["h2"]  # "Comparison matrix (continued)" over the matrix's later pages
        self.continued_band = continued.leading + continued.space_after
        self.logo = Logo(style.logo.file if style.logo else None)
        self.pages = PageNumbers()
        self.date = content.handout_date(ladder_date=ladder.date)  # once per render: the cover and the PDF's dates agree

    def anchor(self, key: str, title: str, level: int) -> Anchor:
        """A bookmark and outline entry whose page this render's page numbers record."""
        return Anchor(key, title, level, self.pages.record)

    # -- text

    def para(self, text, style: str = "body", *, bullet: str | None = None, link: str | None = None,
             max_lines: int | None = None) -> TextBlock:
        """Ladder text (or [(text, bold, colour)] segments) in one of the handout's styles."""
        return TextBlock(text, self.fonts, self.styles[style], bullet=bullet, link=link, max_lines=max_lines)

    def heading(self, text: str, level: str = "h1") -> TextBlock:
        return self.para(text, level)

    def balanced(self, text: str, style: str | TextStyle) -> str:
        """A display line that wraps once, broken where both lines are about as long."""
        st = self.styles[style] if isinstance(style, str) else style
        width = self.fonts.width(text, st.size, st.bold)
        words = text.split()
        if width <= self.frame_width or width > 2 * self.frame_width * 0.95 or len(words) < 2:
            return text
        # Never after a one-letter word ("Ścieżka Kariery w / Inżynierii" reads wrong in Polish).
        breaks = [k for k in range(1, len(words)) if not (len(words[k - 1]) == 1 and words[k - 1].isalpha())]
        if not breaks:
            return text
        best = min(breaks, key=lambda k: max(
            self.fonts.width(" ".join(words[:k]), st.size, st.bold),
            self.fonts.width(" ".join(words[k:]), st.size, st.bold)))
        return " ".join(words[:best]) + "\n" + " ".join(words[best:])

    def longest_word(self, texts, size: float = 8.5, bold: bool = True) -> float:
        """The width of the widest word, so a label column never has to split a word."""
        return max((self.fonts.width(word, size, bold) for text in texts for word in text.split()), default=0.0)

    # -- values

    def dot_segments(self, cell: content.Cell) -> list[tuple[str, str]]:
        """A rating as coloured text: filled dots in the accent colour, empty ones muted."""
        if not cell.is_dots:
            return [(MISSING, self.palette.text)]
        filled, empty = cell.dots
        return [(filled, self.palette.accent), (empty, self.palette.muted)]

    def rating(self, segments, style: str = "cell") -> Rating:
        st = self.styles[style]
        return Rating(segments, self.fonts, st.size, st.leading)

    def value_para(self, cell: content.Cell, style: str = "cell", bullet_style: str = "cell-bullet"):
        """A value: rating dots (with the point's name under them), its text, a list of
        statements, a dash where none is given, or nothing for another track's dimension."""
        if not cell.theirs:
            return []
        if cell.dimension.is_rating:
            return self.named(cell, self.rating(self.dot_segments(cell), style))
        if cell.statements:
            return [self.para(item, bullet_style, bullet="\u2022") for item in cell.statements]
        return self.para(MISSING if cell.is_missing else cell.text, style)

    def named(self, cell: content.Cell, dots) -> list:
        """Rating dots, and beneath them the name of the point when the scale names it."""
        point = cell.point
        return [dots, self.para(point.name, "cell-small")] if point else dots

    def change_para(self, cell: content.Cell, table: content.ProfileTable | None = None):
        """A next role's value: "no change", the new value (a rating with its step), or the
        statements that are new and those that fall away under the table's headings for them."""
        if cell.unchanged is not None:
            return self.para(cell.unchanged, "cell-small")
        if cell.is_difference:
            story: list = []
            for kind, items in cell.changes:
                if cell.lists_headed:  # each kind's heading is the table's field of its name
                    story.append(self.para(getattr(table, kind) if table else content.CHANGE_MARKS[kind], "cell-small"))
                    story[-1].keepWithNext = True  # never the last line before a page break
                story += [self.para(item, "cell-bullet", bullet=content.CHANGE_MARKS[kind]) for item in items]
            if cell.replaced:
                story.append(self.para(cell.replaced, "cell-small"))
            return story
        if cell.dimension.is_rating:
            segments = self.dot_segments(cell)
            if cell.step is not None:
                segments.append((f"  ({cell.step_text})", self.palette.text))
            return self.named(cell, self.rating(segments))
        return self.value_para(cell)

    def group_row(self, heading: str, columns: int) -> list:
        """A row that heads a group of dimensions: its name in the first column."""
        return [self.para(heading, "cell-group"), *([[]] * columns)]

    # -- tables

    def headed_look(self, *, pad_top: float, pad_bottom: float, **kw) -> GridLook:
        """A comparison table: header row on the primary colour, tinted first column, zebra rows."""
        p = self.palette
        return GridLook(pad_x=5, pad_top=pad_top, pad_bottom=pad_bottom, rule=p.rule, header_fill=self.primary_fill,
                        first_column_fill=p.surface, zebra=(p.background, p.bands[0]),
                        continued=self.ladder.label("continued"), group_style=self.styles["cell-group"], **kw)
