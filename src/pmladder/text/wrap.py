"""Line breaking: text becomes lines of a given width, by the rules careful typesetting follows.

Shared by the chart, the handout and every other output, so a title breaks at the same place
everywhere. Widths come from text.fonts.FontSet.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .fonts import FontSet
from .scripts import has_cjk, is_cjk

LEADING = 1.18  # line spacing, as a multiple of the type size

# Where a line may break: any white space but the no-break ones ("Level\u00a03" stays together).
BREAKABLE_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


# Characters a line may not start with (Japanese kinsoku shori, and closing punctuation anywhere).
_NO_LINE_START = frozenset("ー、。，．・：；？！）」』】〕〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々)]},.;:!?%")


def wrap(fonts: FontSet, text: str, width: float, size: float, bold: bool = False,
         measure: Callable[[str], float] | None = None) -> list[str]:
    """Greedy line breaking, with the rules careful typesetting follows:

    - lines break at white space, never at a no-break space ("Level\u00a03");
    - a one-letter word (Polish w, i, z; English a) never ends a line: it goes down with the
      word it leads, a run of them together; and a word goes down with punctuation that may
      not start a line (French "dans quel ordre ?");
    - Chinese and Japanese break between any two of their characters and fill a line across
      a space, but a Latin word among them stays whole; no line starts with 、。」ー (kinsoku);
    - a word wider than the line is broken between characters.

    `measure` gives the width of a piece of `text` when it is not all in one weight. Every
    line is a piece of the text with its white space collapsed (TextBlock relies on it).
    """
    if measure is not None:
        return _wrap(fonts, text, width, size, measure)
    key = (text, width, size, bold)
    lines = fonts.wrapped.get(key)
    if lines is None:
        if len(fonts.wrapped) >= MAX_REMEMBERED:  # a long-lived FontSet: memory stays bounded
            fonts.wrapped.clear()
        lines = fonts.wrapped[key] = tuple(_wrap(fonts, text, width, size, lambda piece: fonts.width(piece, size, bold)))
    return list(lines)


MAX_REMEMBERED = 100_000  # wrapped texts one FontSet keeps


def _wrap(fonts: FontSet, text: str, width: float, size: float, measure: Callable[[str], float]) -> list[str]:
    """wrap, with every piece measured by `measure`."""
    space = measure(" ")
    lines: list[str] = []
    spaced: list[bool] = []  # spaced[i]: line i ended at a space, so nothing may move across
    current, current_w = "", 0.0  # widths add up (no kerning): each word is measured once

    def push(line: str, at_space: bool) -> None:
        lines.append(line)
        spaced.append(at_space)

    for word in BREAKABLE_SPACE.split(text.strip()):
        if not word:
            continue
        word_w = measure(word)
        if not current and word_w <= width:
            current, current_w = word, word_w
            continue
        if current and current_w + space + word_w <= width:
            current, current_w = f"{current} {word}", current_w + space + word_w
            continue
        if current:
            head, tail = _take_down(current, word, measure, width)
            if tail != word:
                push(head, True)
                current, current_w = tail, measure(tail)
                continue
            if has_cjk(word):  # fill this line first: the word breaks between its characters
                current, current_w = current + " ", current_w + space
            else:
                push(current, True)
                current, current_w = "", 0.0
                if word_w <= width:
                    current, current_w = word, word_w
                    continue
        blank = not current.strip()  # kept up to date: stripping a growing line for each unit was quadratic
        for unit in _units(word, measure, width):
            unit_w = measure(unit)
            if current_w + unit_w <= width or blank:
                current, current_w = current + unit, current_w + unit_w
                blank = blank and not unit.strip()
                continue
            carried = _kinsoku_carry(current) if unit[0] in _NO_LINE_START else 0
            if 0 < carried < len(current.rstrip()):  # carry characters over rather than start with ー or 。
                push(current[:-carried], False)
                current = current[-carried:] + unit
                current_w = measure(current)
            else:
                push(current.rstrip(), current.endswith(" "))
                current, current_w = unit, unit_w
            blank = not current.strip()
    if current:
        push(current, False)
    for i in range(1, len(lines)):  # a line that still starts with ー or 、 borrows from the one before
        while (lines[i] and lines[i][0] in _NO_LINE_START and not spaced[i - 1] and len(lines[i - 1]) > 1
               and is_cjk(lines[i - 1][-1])):
            moved = lines[i - 1][-1] + lines[i]
            if measure(moved) > width:
                break
            lines[i - 1], lines[i] = lines[i - 1][:-1], moved
    return lines or [""]


def _take_down(line: str, word: str, measure: Callable[[str], float], width: float) -> tuple[str, str]:
    """The line without the words that must go down with `word` to the next line, and those
    words with `word`: one-letter words leading it, or the word before punctuation."""
    head, tail = line, word
    while True:
        before, _, last = head.rpartition(" ")
        leads = len(last) == 1 and last.isalpha()
        punctuation = tail[0] in _NO_LINE_START  # "ordre ?", "50 % !": the word before goes too
        if not before or not (leads or punctuation) or measure(f"{last} {tail}") > width:
            return head, tail
        head, tail = before, f"{last} {tail}"


def _units(word: str, measure: Callable[[str], float], width: float) -> list[str]:
    """Where a word may break: between CJK characters, and not inside a Latin run among them
    unless that run alone is wider than the line; a word of other scripts, anywhere."""
    if not has_cjk(word):
        return list(word)
    units: list[str] = []
    run = ""
    for char in word:
        if is_cjk(char):
            if run:
                units.append(run)
                run = ""
            units.append(char)
        else:
            run += char
    if run:
        units.append(run)
    return [piece for unit in units
            for piece in ([unit] if len(unit) == 1 or measure(unit) <= width else list(unit))]


def _kinsoku_carry(line: str) -> int:
    """How many characters at the end of `line` go to the next line with one that cannot start
    it: the last CJK character, and any before it that cannot start a line either; never
    across a space or into a Latin word (0: nothing can go)."""
    count = 0
    while count < len(line):
        char = line[-1 - count]
        if char == " " or not is_cjk(char):
            return 0 if count == 0 else count
        count += 1
        if char not in _NO_LINE_START:
            return count
    return count


def fit_line(fonts: FontSet, text: str, width: float, size: float, bold: bool = False) -> str:
    """`text` cut with an ellipsis to fit one line of `width` (for labels, never for titles)."""
    if fonts.width(text, size, bold) <= width:
        return text
    # The longest prefix that fits with the ellipsis: widths only grow with the prefix, so a
    # binary search finds it (cutting one character at a time was quadratic in the text).
    low, high = 0, len(text) - 1  # text[:low] + "…" fits, or low == 0; text[:high + 1] + "…" does not
    while low < high:
        mid = (low + high + 1) // 2
        if fonts.width(text[:mid] + "…", size, bold) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"
