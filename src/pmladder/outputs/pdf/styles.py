"""The handout's text styles, scaled to the style's base type size, and its colour choices."""

from __future__ import annotations

from collections.abc import Mapping

from ...load.style import Style
from .textblocks import TextStyle

WHITE = "#FFFFFF"


def on_primary(style: Style) -> str:
    """Text on the primary colour (or, in grayscale, on the tint that stands in for it)."""
    return style.palette.text if style.grayscale else WHITE


def primary_fill(style: Style) -> str:
    """The cover band's and the table headers' fill."""
    return style.palette.surface if style.grayscale else style.palette.primary


def text_styles(style: Style) -> dict[str, TextStyle]:
    p = style.palette
    k = (style.fonts.base_size or 10.0) / 10.0
    light = on_primary(style)

    def ts(size, leading, bold=False, color=p.text, **kw):
        return TextStyle(size * k, leading * k, color, bold, **kw)

    return {
        "cover": ts(30, 36, True, light),
        "cover-sub": ts(13, 18, False, light),
        "cover-meta": ts(12, 17, False, p.text),
        "cover-small": ts(10, 14, False, p.muted),
        "h1": ts(20, 25, True, p.primary, space_after=8, keep_with_next=True),
        "h2": ts(12, 15, True, p.primary, space_before=10, space_after=5, keep_with_next=True),
        "h3": ts(10, 13, True, p.text, space_before=7, space_after=2.5, keep_with_next=True),
        "body": ts(10, 14, space_after=6),
        "lead": ts(11, 15.5, space_before=6, space_after=4),
        "caption": ts(8.5, 11.5, color=p.muted, space_after=6),
        "bullet": ts(9.5, 12, indent=11, space_after=1.5),
        "cell": ts(8.5, 11),
        "cell-bold": ts(8.5, 11, True),
        "cell-small": ts(7.5, 9.5, color=p.muted),
        "cell-head": ts(8.5, 11, True, light),
        "cell-head-small": ts(7.5, 9.5, False, light),
        "cell-bullet": ts(8.5, 11, indent=8, space_after=1.5),
        "cell-statement": ts(8, 10, indent=8, space_after=1),  # the progression's long lists, in wide columns
        "cell-group": ts(8.5, 11, True, p.primary),
        "toc0": ts(10.5, 15, True),
        "toc1": ts(10, 14, indent=14),
        "toc-page": ts(10, 14),
        "ws-dim": ts(10, 13, True, p.text, space_before=4),
        "ws-value": ts(8.5, 11, color=p.muted),
        "h3-free": ts(10, 13, True, p.text, space_before=4, space_after=4),
    }


# A caller's heading level -> the handout's styles it stands for (h3 also heads matrix groups).
HEADING_LEVELS = {"h1": ("h1",), "h2": ("h2",), "h3": ("h3", "h3-free")}


def caller_headings(given: Mapping[str, object]) -> dict[str, TextStyle]:
    """A caller's ReportLab ParagraphStyles for h1-h3 as the handout's text styles.

    Size, leading, colour and space before and after come from the caller's style, and bold
    when its font name says Bold; the face stays the ladder's own font, with its fallbacks, so
    that every script the ladder uses still prints. A heading always keeps with what follows.
    """
    unknown = sorted(set(given) - set(HEADING_LEVELS))
    if unknown:
        raise ValueError(f"heading_styles: no heading level {unknown[0]!r} (levels: {', '.join(HEADING_LEVELS)})")
    styles: dict[str, TextStyle] = {}
    for level, para in given.items():
        try:
            converted = TextStyle(float(para.fontSize), float(para.leading), "#" + para.textColor.hexval()[2:],
                                  "bold" in str(para.fontName).lower(), float(para.spaceBefore),
                                  float(para.spaceAfter), keep_with_next=True)
        except AttributeError as exc:
            raise TypeError(f"heading_styles[{level!r}]: expected a ReportLab ParagraphStyle ({exc})") from None
        for name in HEADING_LEVELS[level]:
            styles[name] = converted
    return styles
