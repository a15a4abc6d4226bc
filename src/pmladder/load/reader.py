"""Read YAML as located plain data: the only code in pmladder that parses YAML text.

The result is a tree of `Value`s that remember their line, so validation can say
`FILE:LINE: roles[2].level: ...`. Only plain data comes out: object-constructing tags
are refused, nothing is executed, duplicate keys are refused (YAML silently keeps the
last one), and aliases, nesting and file size are bounded so a hostile file fails fast.
"""

import datetime
from typing import Any, NamedTuple

import yaml
from yaml.composer import ComposerError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50
MAX_VALUES = 100_000  # after alias expansion: a "billion laughs" file hits this in milliseconds
# Larger files with a syntax error get libyaml's account of it: PyYAML's own parser, whose
# messages are shown for smaller ones, reads a 5 MB file in 5 to 15 seconds.
CHECKED_CHARACTERS = 256 * 1024
MAX_NUMBER = 1_000  # characters in one number: longer ones are slow to convert (1:2:3... is quadratic)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_SEXAGESIMAL = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")  # the tags of 1:20 and 1:20.5
_NODE_FOR_TAG = {"tag:yaml.org,2002:seq": SequenceNode, "tag:yaml.org,2002:map": MappingNode}
_WHAT = {
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "null",
}
_KIND = {ScalarNode: "a single value", SequenceNode: "a list", MappingNode: "a mapping"}


class Value(NamedTuple):
    """A plain YAML value (str, int, float, bool, None, list or dict of Values) and its line."""

    data: Any
    line: int

    def __repr__(self) -> str:  # keeps test failures readable
        return f"Value({self.data!r}, line={self.line})"


class YamlProblem(Exception):
    """Raised inside this module; the caller turns it into a located Problem."""

    def __init__(self, line: int | None, message: str, excerpt: str | None = None):
        super().__init__(message)
        self.line = line
        self.message = message
        self.excerpt = excerpt


def describe(value: Any, limit: int = 40) -> str:
    """A short, quoted rendering of a value for error messages; never prints a huge value."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def parse(data: bytes, file: str) -> Value:
    """Parse one YAML document into a Value tree; raise YamlProblem with a line on any failure."""
    if len(data) > MAX_BYTES:
        raise YamlProblem(None, f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise YamlProblem(line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        # YAML 1.1 reads these (pasted from word processors) as line breaks, editors do not: a
        # title broke in two with an error at a line past the end of the file. They read as spaces.
        text = text.translate(_PASTED_BREAKS)
    node = _compose_fast(text)
    if node is _SLOW and len(text) > CHECKED_CHARACTERS:
        _raise_libyaml_problem(text)
    if node is _SLOW:
        node = _compose_checked(text)
    if node is None:
        raise YamlProblem(1, "the file is empty; expected a mapping of fields")
    return _Converter().convert(node)


_PASTED_BREAKS = {0x85: " ", 0x2028: " ", 0x2029: " "}  # NEL, line and paragraph separators
_SLOW = object()  # _compose_fast's answer when the pure-Python parser must give the message


def _compose_fast(text: str):
    """Compose from libyaml's parser events (10x faster than PyYAML's own parser), where PyYAML
    was built with it. Any YAML error returns _SLOW: PyYAML's pure-Python parser then reads the
    file again and its messages are the ones we show (libyaml words them differently)."""
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:
        return _SLOW
    loader = loader_class(text)
    try:
        return _compose(loader)
    except yaml.YAMLError:
        return _SLOW
    finally:
        loader.dispose()


def _compose_checked(text: str) -> Node | None:
    """Compose from PyYAML's pure-Python parser events: slower, but its messages are the ones we show."""
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        return _compose(loader)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(text, exc) from None
    except ValueError:  # "\U00110000": the pure-Python scanner's chr() fails where libyaml reports it
        mark = loader.get_mark()
        raise YamlProblem(mark.line + 1, "YAML syntax error: found invalid Unicode character escape code "
                          f"(column {mark.column + 1})") from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        mark = getattr(exc, "position", None)
        line = text.count("\n", 0, mark) + 1 if isinstance(mark, int) else None
        raise YamlProblem(line, f"not readable as YAML: {_reader_reason(exc)}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _syntax_problem(text: str, exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    where = f" (column {mark.column + 1})" if mark else ""
    what = exc.problem or exc.context or "invalid YAML"
    what = _LIBYAML_WORDS.get(what, what)
    advice = next((text for start, text in _ADVICE if what.startswith(start)), None)
    excerpt = _excerpt(text, mark.line, mark.column) if mark and advice else None
    return YamlProblem(line, f"YAML syntax error: {advice or what}{where}", excerpt)


def _raise_libyaml_problem(text: str) -> None:
    """libyaml's own account of a large file's mistake: the pure-Python parser took 5 to 15 s
    to reach the end of a 5 MB file. Returns if libyaml finds none (then the reference decides)."""
    if not hasattr(yaml, "CSafeLoader"):
        return
    loader = yaml.CSafeLoader(text)
    try:
        _compose(loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(text, exc) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        raise YamlProblem(None, f"not readable as YAML: {_reader_reason(exc)}") from None
    finally:
        loader.dispose()


# libyaml's words for the mistakes below, where PyYAML's own parser words them differently.
_LIBYAML_WORDS = {
    "found a tab character that violates indentation": "found character '\\t' that cannot start any token",
    "did not find expected key": "expected <block end>",
    "mapping values are not allowed in this context": "mapping values are not allowed here",
}

# PyYAML's words for the mistakes people make most, and what to check instead.
_ADVICE = (
    ("found character '\\t' that cannot start any token",
     "a tab in the indentation; YAML indents with spaces only, so replace the tab with spaces"),
    ("expected <block end>",
     "the indentation does not match the lines above; line this line up with the other keys of its "
     "mapping (or the other items of its list)"),
    ("mapping values are not allowed here",
     "a ': ' where no value can start; check the indentation against the line above, and quote a value "
     "that contains ': ' (title: \"Lead: Platform\")"),
)


def _excerpt(text: str, line: int, column: int, width: int = 100) -> str | None:
    """The file's line (tabs shown as →) and a caret under the column, indented, in at most
    `width` characters around the column; nothing unprintable from the file gets through."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    source = "".join("\u2192" if ch == "\t" else ch if ch.isprintable() else "?" for ch in lines[line])
    start = max(0, column - width // 2)
    shown = source[start : start + width]
    return "    " + shown + "\n    " + " " * (column - start) + "^"


def _compose(loader) -> Node | None:
    """The one composer: a loader's parser events (PyYAML's public check_event/get_event) become
    the node tree PyYAML's own composer would build, with its errors, but without recursion (its
    composer recurses once per nesting level: ten thousand '[' would end in a RecursionError) and
    counting as it goes (it builds the whole document first: a 5 MB file of `1,1,1,...` is 2.6
    million nodes, about a minute and 1.5 GB). Depth and values are bounded as they are read."""
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # document start
    anchors: dict[str, Node] = {}
    stack: list[Node] = []
    keys: list[Node | None] = []  # per open mapping: its key waiting for a value
    root = None
    count = 0
    while True:
        event = loader.get_event()
        if isinstance(event, yaml.DocumentEndEvent):
            break
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            node = stack.pop()
            keys.pop()
            node.end_mark = event.end_mark
        else:
            count += 1
            if count > MAX_VALUES:
                raise YamlProblem(event.start_mark.line + 1, f"more than {MAX_VALUES:,} values in one file")
            if len(stack) + 1 > MAX_DEPTH:  # an alias or a scalar counts as a level too
                raise YamlProblem(event.start_mark.line + 1, f"nesting deeper than {MAX_DEPTH} levels")
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in anchors:
                    raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
                node = anchors[event.anchor]
            else:
                if event.anchor is not None and event.anchor in anchors:
                    raise ComposerError(f"found duplicate anchor {event.anchor!r}; first occurrence",
                                        anchors[event.anchor].start_mark, "second occurrence", event.start_mark)
                node = _start_node(loader, event)
                if event.anchor is not None:
                    anchors[event.anchor] = node  # before its children: `&a [*a]` is caught when converting
                if not isinstance(node, ScalarNode):
                    stack.append(node)
                    keys.append(None)
                    continue
        if not stack:
            root = node
        elif isinstance(stack[-1], SequenceNode):
            stack[-1].value.append(node)
        elif keys[-1] is None:
            keys[-1] = node
        else:
            stack[-1].value.append((keys[-1], node))
            keys[-1] = None
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        raise ComposerError("expected a single document in the stream", root.start_mark,
                            "but found another document", event.start_mark)
    return root


def _start_node(loader, event) -> Node:
    tag = event.tag
    if isinstance(event, yaml.ScalarEvent):
        if tag is None or tag == "!":
            tag = loader.resolve(ScalarNode, event.value, event.implicit)
        return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
    kind = SequenceNode if isinstance(event, yaml.SequenceStartEvent) else MappingNode
    if tag is None or tag == "!":
        tag = loader.resolve(kind, None, event.implicit)
    return kind(tag, [], event.start_mark, None, flow_style=event.flow_style)


def _reader_reason(exc: yaml.YAMLError) -> str:
    character = getattr(exc, "character", None)
    if isinstance(character, str):
        character = ord(character)
    if isinstance(character, int):
        return f"control character {character:#06x} is not allowed"
    return str(exc).splitlines()[0]


class _Converter:
    """Turns composed nodes into Values, counting every value so aliases cannot explode.

    Aliases make the composed document a graph, not a tree: an alias may point at a value
    that contains it (`a: &a [*a]`) or chain through hundreds of anchors. Depth is counted
    here as well as in the composer, and a value that contains itself is refused, so no
    alias trick ends in a RecursionError.
    """

    def __init__(self):
        self.count = 0
        self._open: set[int] = set()  # ids of the collection nodes being converted (the current path)
        self._constructor = yaml.SafeLoader("")  # its SafeConstructor turns plain scalars into values

    def convert(self, node: Node, depth: int = 1) -> Value:
        self.count += 1
        line = node.start_mark.line + 1
        if self.count > MAX_VALUES:
            raise YamlProblem(line, f"more than {MAX_VALUES:,} values once aliases are expanded")
        if depth > MAX_DEPTH:
            raise YamlProblem(line, f"nesting deeper than {MAX_DEPTH} levels once aliases are expanded")
        if node.tag not in _PLAIN_TAGS and not (node.tag == _MERGE_TAG and isinstance(node, ScalarNode)):
            raise YamlProblem(line, f"YAML tag {describe(_shown_tag(node.tag), 60)} is not allowed: only plain data is read")
        expected = _NODE_FOR_TAG.get(node.tag, ScalarNode)
        if not isinstance(node, expected):
            raise YamlProblem(line, f"YAML tag {describe(_shown_tag(node.tag), 60)} cannot tag {_KIND[type(node)]}")
        if isinstance(node, ScalarNode):
            return Value(self._scalar(node, line), line)
        if id(node) in self._open:
            raise YamlProblem(line, "an alias refers to a value that contains it")
        self._open.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return Value([self.convert(item, depth + 1) for item in node.value], line)
            assert isinstance(node, MappingNode)
            return Value(self._mapping(node, depth), line)
        finally:
            self._open.discard(id(node))

    def _scalar(self, node: ScalarNode, line: int) -> Any:
        if node.tag in (_TIMESTAMP_TAG, _MERGE_TAG):
            return node.value  # a date is just text to us (even 2024-13-45); keep what the author wrote
        if node.tag in _SEXAGESIMAL and ":" in node.value:
            return node.value  # YAML 1.1 reads 1:20 as 80 (base 60): keep what the author wrote
        if node.tag in _WHAT and len(node.value) > MAX_NUMBER:
            raise YamlProblem(line, f"number is {len(node.value):,} characters long; the limit is {MAX_NUMBER:,}")
        try:
            return self._constructor.construct_object(node, deep=True)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, yaml.YAMLError):
            # Only reachable with an explicit tag: `!!int x`, `!!bool maybe`, `!!float ""`.
            what = _WHAT.get(node.tag, "a plain value")
            raise YamlProblem(line, f"{describe(node.value)} is not {what} (YAML tag {describe(_shown_tag(node.tag))})") from None

    def _mapping(self, node: MappingNode, depth: int) -> dict[Any, Value]:
        result: dict[Any, Value] = {}
        key_lines: dict[Any, int] = {}
        merged: list[dict[Any, Value]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.extend(self._merge_sources(value_node, depth))
                continue
            key = self.convert(key_node, depth + 1).data
            if isinstance(key, (dict, list)):
                raise YamlProblem(key_node.start_mark.line + 1, "a key must be plain text")
            line = key_node.start_mark.line + 1
            if key in result:
                raise YamlProblem(
                    line, f"duplicate key {describe(key)} (first given at line {key_lines[key]})"
                )
            key_lines[key] = line
            result[key] = self.convert(value_node, depth + 1)
        for source in merged:  # explicit keys win over merged ones, as in YAML 1.1
            for key, value in source.items():
                result.setdefault(key, value)
        return result

    def _merge_sources(self, node: Node, depth: int) -> list[dict[Any, Value]]:
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        sources = []
        for item in nodes:
            line = item.start_mark.line + 1
            if not isinstance(item, MappingNode):
                raise YamlProblem(line, "'<<' must merge a mapping")
            if id(item) in self._open:
                raise YamlProblem(line, "an alias refers to a value that contains it")
            if depth + 1 > MAX_DEPTH:
                raise YamlProblem(line, f"nesting deeper than {MAX_DEPTH} levels once aliases are expanded")
            self.count += 1
            self._open.add(id(item))
            try:
                sources.append(self._mapping(item, depth + 1))
            finally:
                self._open.discard(id(item))
        return sources


def _shown_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def problem_from(exc: YamlProblem, file: str) -> Problem:
    return Problem(file, exc.line, "", exc.message, exc.excerpt)
