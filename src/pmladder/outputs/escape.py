"""Ladder text made inert for text formats that have markup of their own."""

from __future__ import annotations

import re

# Inline Markdown (CommonMark and GitHub's extensions: tables, strikethrough, math) that a table
# cell can hold: emphasis, code, links and images, autolinks, strikethrough, math, and the
# pipe that ends a cell. Block syntax (#, >, -, 1.) means nothing inside a table cell.
_MARKDOWN = re.compile(r"([\\`*_\[\]~|$!])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def markdown_cell(text: str) -> str:
    """`text` as one line of a Markdown table cell that every viewer shows as written.

    HTML's `< > &` become entities (a viewer that allows raw HTML would otherwise run
    `<img onerror=...>`), Markdown's punctuation is backslash-escaped, and line breaks,
    which would end the table row, become spaces.
    """
    one_line = " ".join(text.split())
    html_safe = re.sub(r"[&<>]", lambda m: _HTML[m.group()], one_line)
    return _MARKDOWN.sub(r"\\\1", html_safe)


_BLOCK_START = re.compile(r"^([#>+=-]|\d+[.)])")


def markdown_text(text: str) -> str:
    """`text` as one line of Markdown prose (a paragraph or a list item) shown as written: what
    `markdown_cell` escapes, and a start that would make a heading, quote, list or rule."""
    inline = markdown_cell(text)
    return _BLOCK_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], inline)
