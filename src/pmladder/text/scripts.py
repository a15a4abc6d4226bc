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
