"""Ladder text made inert for text formats that have markup of their own."""

from __future__ import annotations

import re

# Inline Markdown (CommonMark and GitHub's extensions: tables, strikethrough, math) that a table
# cell can hold: emphasis, code, links and images, autolinks, strikethrough, math, and the
# pipe that ends a cell. Block syntax (#, >, -, 1.) means nothing inside a table cell.
_MARKDOWN = re.compile(r"([\\`*_\[\]~|$!])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}

# GitHub turns `:name:` into an emoji, and an email address (or a mention) into a link, in the
# text it has already parsed, where a backslash or an entity is a plain character again; an
# invisible U+2060 WORD JOINER after the colon or the @ is the one thing that keeps both apart.
_WORD_JOINER = "\u2060"
_SHORTCODE_COLON = re.compile(r":(?=[A-Za-z0-9_+-]+:)")
_AT_NAME = re.compile(r"@(?=[A-Za-z0-9_-])")  # an email's domain may start with _ or - too
# GitHub's extended autolinks, `www.` and `scheme://`, are found while parsing, so a backslash
# before their `.` or `:` keeps them text; a backslash before punctuation shows nothing.
_WWW_DOT = re.compile(r"(?i)(?<![a-z0-9])(www)\.")
_SCHEME_COLON = re.compile(r":(?=//)")


def markdown_cell(text: str) -> str:
    """`text` as one line of a Markdown table cell that every viewer shows as written.

    HTML's `< > &` become entities (a viewer that allows raw HTML would otherwise run
    `<img onerror=...>`), Markdown's punctuation is backslash-escaped, bare links and emoji
    codes are broken up as above, and line breaks, which would end the table row, become spaces.
    """
    one_line = " ".join(text.split())
    joined = _AT_NAME.sub("@" + _WORD_JOINER, _SHORTCODE_COLON.sub(":" + _WORD_JOINER, one_line))
    html_safe = re.sub(r"[&<>]", lambda m: _HTML[m.group()], joined)
    escaped = _MARKDOWN.sub(r"\\\1", html_safe)
    return _SCHEME_COLON.sub(r"\\:", _WWW_DOT.sub(r"\1\\.", escaped))


_BLOCK_START = re.compile(r"^([#>+=-]|\d+[.)])")


def markdown_text(text: str) -> str:
    """`text` as one line of Markdown prose (a paragraph or a list item) shown as written: what
    `markdown_cell` escapes, and a start that would make a heading, quote, list or rule."""
    inline = markdown_cell(text)
    return _BLOCK_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], inline)
