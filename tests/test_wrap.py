"""Line breaking (text.wrap) on its own: where lines end, rule by rule.

Most cases measure every character as one unit wide (`measure=len`), so each expected break
can be checked by counting; the last ones use the real fonts, as every output does.
"""

from __future__ import annotations

import pytest

from pmladder.load.style import load_style
from pmladder.text.fonts import FontSet
from pmladder.text.wrap import fit_line, wrap

FONTS = FontSet.for_style(load_style(None))


def lines(text: str, width: float) -> list[str]:
    """`text` wrapped to `width` characters."""
    return wrap(FONTS, text, width, 10, measure=len)


def cjk_covered(text: str) -> bool:
    return all(FONTS.face_for(char) for char in text)


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("aa bb cc", 5, ["aa bb", "cc"]),  # greedy: as many words as fit
    ("aa bb cc", 8, ["aa bb cc"]),  # exactly the width still fits
    ("aa  bb\n\tcc", 100, ["aa bb cc"]),  # white space collapses to one space
    ("abcdefgh", 3, ["abc", "def", "gh"]),  # a word wider than the line breaks between characters
    ("", 5, [""]),
    ("   ", 5, [""]),
])
def test_greedy_breaks_at_white_space(text, width, expected):
    assert lines(text, width) == expected


def test_a_no_break_space_holds_its_words_together():
    assert lines("go Level\u00a03", 8) == ["go", "Level\u00a03"]  # "go Level" would fit
    assert lines("go Level 3", 8) == ["go Level", "3"]


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("pracuje w zespole", 9, ["pracuje", "w zespole"]),  # "pracuje w" fits, but w goes down
    ("abc i w dom", 7, ["abc", "i w dom"]),  # a run of one-letter words goes down together
    ("dans quel ordre ?", 15, ["dans quel", "ordre ?"]),  # "?" may not start a line: "ordre" goes too
    ("taux de 50 % !", 10, ["taux de", "50 % !"]),
])
def test_words_go_down_with_the_word_or_punctuation_they_belong_to(text, width, expected):
    assert lines(text, width) == expected


def test_a_one_letter_word_too_long_to_take_down_stays():
    assert lines("pracuje w zespołach", 9) == ["pracuje w", "zespołach"]  # "w zespołach" is wider than a line


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("あいうえお", 2, ["あい", "うえ", "お"]),  # between any two CJK characters
    ("あいう えお", 5, ["あいう え", "お"]),  # a space is no reason to end a Japanese line early
    ("abc de", 5, ["abc", "de"]),  # (as it is for Latin words)
    ("あいKubernetesう", 11, ["あい", "Kubernetesう"]),  # a Latin word among them stays whole
    ("あいKubernetesう", 6, ["あいKube", "rnetes", "う"]),  # unless it alone is wider than the line
])
def test_chinese_and_japanese_break_between_characters(text, width, expected):
    assert lines(text, width) == expected


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("あいー", 2, ["あ", "いー"]),  # the character before ー goes down with it
    ("あいーうえ", 2, ["あ", "いー", "うえ"]),
    ("あい。う", 2, ["あ", "い。", "う"]),
    ("あいう」」", 3, ["あい", "う」」"]),  # two closing marks: both follow the last character
])
def test_no_line_starts_with_a_mark_that_may_not_start_one(text, width, expected):
    assert lines(text, width) == expected


def test_every_line_is_a_piece_of_the_text():
    """TextBlock finds each line's characters in the text again; nothing is added or lost."""
    text = "Inżynier w zespole platformy: dans quel ordre ? 本番環境の運用チームと一緒に Kubernetesクラスタを運用する。"
    for width in range(4, 60):
        wrapped = lines(text, width)
        assert all(line and len(line) <= width for line in wrapped), (width, wrapped)
        assert "".join(wrapped).replace(" ", "") == text.replace(" ", ""), width


# ---------------------------------------------------------------- with the real fonts


def test_widths_come_from_the_fonts_in_the_weight_asked_for():
    text = "Principal Product Manager"
    regular, bold = FONTS.width(text, 10), FONTS.width(text, 10, bold=True)
    assert regular < bold
    width = (regular + bold) / 2
    assert wrap(FONTS, text, width, 10) == [text]
    assert wrap(FONTS, text, width, 10, bold=True) == ["Principal Product", "Manager"]
    assert wrap(FONTS, text, regular, 10 * 1.01) == ["Principal Product", "Manager"]  # and at the size asked for


def test_a_one_letter_word_never_ends_a_line():
    text = "Wiceprezes Zarządu ds. Inżynierii Oprogramowania i Rozwoju Technologii w Spółce z Grupy"
    widest = int(max(FONTS.width(word, 9) for word in text.split())) + 1
    for width in range(widest, 400, 4):  # every word fits a line: breaks fall between words
        wrapped = wrap(FONTS, text, width, 9)
        assert " ".join(wrapped) == text
        assert not [line for line in wrapped[:-1] if len(line.rsplit(" ", 1)[-1]) == 1], width


def test_french_punctuation_takes_its_word_down_and_no_word_is_cut():
    text = "Écouter l'équipe et les partenaires : dans quel ordre ? Pourquoi ? Un taux de 50 % !"
    for width in range(60, 400, 7):
        wrapped = wrap(FONTS, text, width, 10)
        assert " ".join(wrapped).split() == text.split(), (width, wrapped)  # every word whole, on one line
        for before, line in zip(wrapped, wrapped[1:]):
            assert line[0] not in "?:!%" or " " not in before, (width, wrapped)


def test_wrapping_never_starts_a_line_with_a_prolonged_sound_mark_or_closing_punctuation():
    text = "エンジニアリングマネージャー、プロダクトマネージャー。"
    if not cjk_covered(text):
        pytest.skip("needs a CJK font")
    for width in range(45, 200, 3):  # from five characters a line, the narrowest box
        wrapped = wrap(FONTS, text, width, 9)
        assert "".join(wrapped) == text
        assert not [line for line in wrapped[1:] if line[0] in "ー、。・ャュョッ"], width


def test_a_latin_word_among_japanese_stays_whole():
    text = "本番環境の運用チームと一緒に Kubernetesクラスタを運用し、障害対応を担当する。"
    for width in range(70, 300, 9):
        wrapped = wrap(FONTS, text, width, 10)
        assert "".join(wrapped).replace(" ", "") == text.replace(" ", "")
        assert any("Kubernetes" in line for line in wrapped), (width, wrapped)


def test_fit_line_cuts_with_an_ellipsis_only_what_does_not_fit():
    text = "Principal Product Manager"
    full = FONTS.width(text, 10)
    assert fit_line(FONTS, text, full, 10) == text
    cut = fit_line(FONTS, text, full * 0.6, 10)
    assert cut.endswith("…") and text.startswith(cut[:-1]) and " " not in cut[-2:]
    assert FONTS.width(cut, 10) <= full * 0.6 < FONTS.width(text[: len(cut)] + "…", 10)
    assert fit_line(FONTS, text, full, 10, bold=True).endswith("…")  # bold is wider
