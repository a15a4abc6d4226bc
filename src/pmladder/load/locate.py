"""Where in a ladder's file a piece of text came from: for messages about text that was loaded
fine but cannot be drawn (a character no installed font has)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import Ladder
from . import reader
from .checks import join, shown_key
from .document import EXPORT_KEY
from .files import UnreadableFile, read_regular


def text_locator(ladder: Ladder) -> Callable[[str], str | None]:
    """For a character, 'FILE:LINE: path' of the first text in the ladder's file that holds it,
    or None (a ladder not read from a file, or a file gone or changed since). The file is read
    again only when a character is asked about: a render that draws everything never reads it."""
    texts: list[tuple[int, str, str]] | None = None

    def locate(char: str) -> str | None:
        nonlocal texts
        if ladder.source is None:
            return None
        if texts is None:
            try:
                root = reader.parse(read_regular(ladder.source, reader.MAX_BYTES), ladder.source)
            except (UnreadableFile, reader.YamlProblem, OSError):
                texts = []
            else:
                if isinstance(root.data, dict) and isinstance(root.data.get("document"), reader.Value) \
                        and EXPORT_KEY in root.data:
                    root = root.data["document"]
                texts = list(_texts(root, ""))
        return next((f"{ladder.source}:{line}: {path}" for line, path, text in texts if char in text), None)

    return locate


def _texts(value: reader.Value, path: str) -> Iterator[tuple[int, str, str]]:
    if isinstance(value.data, dict):
        for key, item in value.data.items():
            yield from _texts(item, join(path, shown_key(key)))
    elif isinstance(value.data, list):
        for index, item in enumerate(value.data):
            yield from _texts(item, f"{path}[{index}]")
    elif isinstance(value.data, str):
        yield value.line, path, value.data
