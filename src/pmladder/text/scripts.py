"""What pmladder needs to know about writing systems, shared by the loader and the line breaker."""

# Scripts written without spaces between words (kana, CJK ideographs and their punctuation):
# a line may break between any two of their characters, and joined lines need no space.
# (Ranges, not a regex: a character class this wide takes ~2 ms to compile at import.)
_CJK_RANGES = ((0x3000, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF))


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def has_cjk(text: str) -> bool:
    if not text or max(text) < "\u3000":  # decided in C for every Latin, Greek or Cyrillic word
        return False
    return any(map(is_cjk, text))


# Hiragana, Katakana (with its phonetic extensions) and half-width Katakana: written only in
# Japanese, unlike the ideographs, which Chinese shares.
_KANA_RANGES = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))


def _is_kana(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _KANA_RANGES)


def has_kana(text: str) -> bool:
    if not text or max(text) < "\u3040":
        return False
    return any(map(_is_kana, text))


def cjk_runs(text: str) -> list[tuple[str, bool]]:
    """`text` cut into runs of CJK script (kana, ideographs, their punctuation and full-width
    forms) and runs of anything else, in order; True marks a CJK run."""
    runs: list[tuple[str, bool]] = []
    for char in text:
        cjk = is_cjk(char) or _is_kana(char)
        if runs and runs[-1][1] == cjk:
            runs[-1] = (runs[-1][0] + char, cjk)
        else:
            runs.append((char, cjk))
    return runs
