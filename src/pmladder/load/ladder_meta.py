"""The `ladder:` part of a ladder file: its title and the other names, language and date, the
handout's introduction and the translated labels."""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any

from ..model import DEFAULT_LABELS, IntroSection
from ..text.scripts import is_cjk
from .checks import MAX_NAME
from .ladder_context import ReadContext
from .language import language_problem
from .limits import MAX_INTRO
from .reader import Value


def read_meta(ctx: ReadContext, value: Value | None) -> dict[str, Any] | None:
    """The Ladder's fields read from `ladder:`; None if it is missing or has no title."""
    if value is None:
        return None
    check = ctx.check
    fields = check.fields(
        value, "ladder", required=("title",), optional=("subtitle", "organization", "version", "language", "date", "intro", "labels")
    )
    if fields is None:
        return None
    meta: dict[str, Any] = {"title": check.text(fields.get("title"), "ladder.title", required=True, limit=MAX_NAME)}
    for key in ("subtitle", "organization", "version"):
        meta[key] = check.text(fields.get(key), f"ladder.{key}", limit=MAX_NAME)
    if "language" in fields:
        ctx.format2(fields["language"], "ladder.language", "the ladder's language")
        meta["language"] = _language(ctx, fields["language"])
    meta["date"] = check.date(fields.get("date"), "ladder.date")
    if "date" in fields:
        ctx.format2(fields["date"], "ladder.date", "a ladder date")
    meta["intro"] = _intro(ctx, fields.get("intro"))
    if "labels" in fields:
        meta["labels"] = _labels(ctx, fields["labels"])
    return meta if meta["title"] else None


def _language(ctx: ReadContext, value: Value) -> str | None:
    tag = ctx.check.text(value, "ladder.language", limit=MAX_NAME)
    if tag is not None and (problem := language_problem(tag)) is not None:
        ctx.check.add(value, "ladder.language", problem)
        return None
    return tag


def _intro(ctx: ReadContext, value: Value | None) -> tuple[IntroSection, ...]:
    check = ctx.check
    intro = []
    for index, item in enumerate(check.items(value, "ladder.intro", limit=MAX_INTRO, what="sections")):
        path = f"ladder.intro[{index}]"
        section = check.fields(item, path, required=("heading",), optional=("body", "items"))
        if not section:
            continue
        heading = check.text(section.get("heading"), f"{path}.heading", required=True, limit=MAX_NAME)
        body = check.text(section.get("body"), f"{path}.body", required="items" not in section)
        if "items" in section:
            ctx.format2(section["items"], f"{path}.items", "bullet lists in the intro")
        bullets = check.text_list(section.get("items"), f"{path}.items")
        if "body" not in section and "items" not in section:
            check.add(item, f"{path}.body", "required field is missing (or give 'items', a bullet list)")
        elif heading and (body or bullets):
            intro.append(IntroSection(heading, paragraphs(body or ""), bullets))
    return tuple(intro)


def _labels(ctx: ReadContext, value: Value) -> MappingProxyType:
    """The default labels with those the file translates."""
    labels = dict(DEFAULT_LABELS)
    for key, item in (ctx.check.fields(value, "ladder.labels", optional=DEFAULT_LABELS) or {}).items():
        text = ctx.check.text(item, f"ladder.labels.{key}", required=True, limit=MAX_NAME)
        if text:
            labels[key] = text
    return MappingProxyType(labels)


def paragraphs(body: str) -> tuple[str, ...]:
    """Split plain text on blank lines; lines within a paragraph are joined with spaces, or
    with nothing between two Chinese or Japanese characters (those scripts use no spaces)."""
    out = []
    for block in re.split(r"\n\s*\n", body.strip()):
        text = ""
        for line in (line.strip() for line in block.splitlines()):
            if not line:
                continue
            joint = "" if not text or (is_cjk(text[-1]) and is_cjk(line[0])) else " "
            text += joint + line
        if text:
            out.append(text)
    return tuple(out)
