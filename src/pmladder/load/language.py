"""The ladder's `language`: a BCP 47 tag (`pl`, `ja`, `en-GB`, `zh-Hant-TW`), checked here.

A tag is taken as written when it is well-formed (RFC 5646 section 2.1) with a primary language
of two or three letters: the only kind the IANA registry holds. That turns away a language's
name ("Polish" fits the grammar's reserved 5-8 letter form) and a locale's spelling (`en_GB`),
each with the tag that was probably meant.
"""

from __future__ import annotations

import re

MAX_TAG = 64

# The grammar as a pattern both Python and a JSON Schema validator (ECMA-262) read alike: no
# flags, both cases spelled out, and (?![\s\S]) for the end ('$' also matches before a '\n').
TAG_PATTERN = (
    r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3})"  # language, extended language subtags
    r"(?:-[A-Za-z]{4})?"  # script
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"  # variants
    r"(?:-[0-9A-WYZa-wyz](?:-[A-Za-z0-9]{2,8})+)*"  # extensions
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?"  # private use
    r"|[Xx](?:-[A-Za-z0-9]{1,8})+)(?![\s\S])"
)
# Languages people write by name instead of by tag: enough to point at the form that works.
_NAMES = {"english": "en", "polish": "pl", "polski": "pl", "japanese": "ja", "german": "de", "deutsch": "de",
          "french": "fr", "français": "fr", "spanish": "es", "español": "es", "italian": "it", "dutch": "nl",
          "portuguese": "pt", "swedish": "sv", "chinese": "zh", "korean": "ko", "ukrainian": "uk", "czech": "cs"}


def language_problem(tag: str) -> str | None:
    """Why `tag` is not a language tag pmladder takes, or None when it is one."""
    # re compiles the pattern on first use and keeps it: most ladders set no language.
    if len(tag) <= MAX_TAG and re.match(TAG_PATTERN, tag):
        return None
    expected = "expected a BCP 47 language tag such as en, pl, ja or en-GB"
    hyphenated = tag.replace("_", "-")
    if hyphenated != tag and len(hyphenated) <= MAX_TAG and re.match(TAG_PATTERN, hyphenated):
        return f"{expected}, got {tag[:40]!r} (write {hyphenated}: subtags are joined by '-')"
    if (named := _NAMES.get(tag.strip().lower())) is not None:
        return f"{expected}, got {tag[:40]!r} (the tag for it is {named})"
    return f"{expected}, got {tag[:40]!r}"
