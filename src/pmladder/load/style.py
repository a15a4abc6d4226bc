"""Styles: one object that drives both painters (colours, fonts, page, chart details).

Built-in styles live in styles/*.yaml; a style may `extends:` another and change only a few
keys. Paths in a style (fonts, logo) are relative to the style file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from ..errors import Problem, StyleError
from ..resources import shipped
from .checks import Checker, join, read_checked
from .ladder import read_input
from .reader import Value, describe

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
MM = 72 / 25.4
PAGE_SIZES = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
MAX_MARGIN_MM = 50  # leaves a Letter or A4 page at least 11 cm of width for the content


class Palette(NamedTuple):
    primary: str = "#1F3A5F"
    accent: str = "#0072B2"
    text: str = "#1B1F24"
    muted: str = "#5B6573"
    background: str = "#FFFFFF"
    surface: str = "#F2F4F7"
    rule: str = "#D0D6DE"
    highlight: str = "#1B1F24"
    tracks: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
    bands: tuple[str, ...] = ("#F7F8FA", "#FFFFFF")

    def track_colour(self, index: int) -> str:
        return self.tracks[index % len(self.tracks)]


class Fonts(NamedTuple):
    body: str = "DejaVu Sans"
    bold: str = "DejaVu Sans Bold"
    fallback: tuple[str, ...] = ()  # extra fonts tried, in order, before the system's
    base_size: float = 10.0


class Page(NamedTuple):
    size: str = "letter"
    margin_mm: float = 17.0

    @property
    def dimensions(self) -> tuple[float, float]:
        return PAGE_SIZES[self.size]


class Logo(NamedTuple):
    file: str
    cover: bool = True
    header: bool = True


class ChartStyle(NamedTuple):
    corner_radius: float = 6.0
    line_width: float = 1.0
    arrow_width: float = 1.1
    tint: float = 0.16  # how much of the track colour a box's fill takes (the rest is white)
    text_scale: float = 1.0  # larger type for projection


class Style(NamedTuple):
    name: str = "default"
    description: str = "Clean, colour handout and chart"
    palette: Palette = Palette()
    fonts: Fonts = Fonts()
    page: Page = Page()
    chart: ChartStyle = ChartStyle()
    logo: Logo | None = None
    grayscale: bool = False
    rcparams: Mapping[str, Any] = MappingProxyType({})
    source: str | None = None

    def with_page_size(self, size: str | None) -> Style:
        return self if size is None else self._replace(page=self.page._replace(size=size))


_SECTIONS = ("palette", "fonts", "page", "chart")  # the Style fields a style file may set key by key


def builtin_styles() -> dict[str, Path]:
    return {path.stem: path for path in sorted(shipped("styles").glob("*.yaml"))}


def load_style(name_or_path: str | os.PathLike | None = None) -> Style:
    """A built-in style by name, or a style file by path; None is the default style."""
    if isinstance(name_or_path, Style):
        return name_or_path
    return _load(name_or_path or "default", chain=())


def _load(name_or_path: str | os.PathLike, chain: tuple[str, ...]) -> Style:
    text = os.fspath(name_or_path)
    builtins = builtin_styles()
    if text in builtins:
        path = builtins[text]
        shown = str(path) if chain else text
    elif text.endswith((".yaml", ".yml")) or os.sep in text or "/" in text:
        path, shown = Path(text), text
    else:
        raise StyleError([Problem(text, None, "", f"no such style; built-in styles: {', '.join(builtins)}")])
    key = str(path.resolve())
    data = read_input(str(path), StyleError)
    return read_checked(data, shown, StyleError, lambda root, check: _StyleReader(check, path, chain + (key,)).read(root))


class _StyleReader:
    def __init__(self, check: Checker, path: Path, chain: tuple[str, ...]):
        self.check = check
        self.path = path
        self.chain = chain

    def read(self, root: Value) -> Style | None:
        check = self.check
        fields = check.fields(
            root, "",
            optional=("description", "extends", "grayscale", "logo", "rcparams", *_SECTIONS),
        )
        if fields is None:
            return None
        base = Style()
        if "extends" in fields:
            base = self._parent(fields["extends"])
            if base is None:
                return None
        changes: dict[str, Any] = {"name": self.path.stem, "source": str(self.path)}
        changes["description"] = check.text(fields.get("description"), "description") or (
            base.description if "extends" in fields else ""
        )
        if "grayscale" in fields:
            changes["grayscale"] = self._bool(fields["grayscale"], "grayscale")
        for section in _SECTIONS:
            if section in fields:
                changes[section] = self._section(fields[section], section, getattr(base, section))
        if "logo" in fields:
            changes["logo"] = self._logo(fields["logo"])
        if "rcparams" in fields:
            changes["rcparams"] = self._rcparams(fields["rcparams"], base.rcparams)
        return base._replace(**changes)

    def _parent(self, value: Value) -> Style | None:
        """The style this one extends: a built-in name, or a file relative to this one."""
        name = self.check.text(value, "extends", required=True)
        if not name:
            return None
        builtins = builtin_styles()
        if name in builtins:
            target = builtins[name]
        else:
            target = self.path.parent / name
            if not target.is_file():
                self.check.add(value, "extends", f"no style {describe(name)}: give a built-in style "
                               f"({', '.join(builtins)}) or a style file next to this one")
                return None
        if str(target.resolve()) in self.chain:
            self.check.add(value, "extends", f"{describe(name)} leads back to this style: styles extend each other in a cycle")
            return None
        return _load(str(target) if name not in builtins else name, self.chain)

    def _bool(self, value: Value, path: str) -> bool:
        if not isinstance(value.data, bool):
            self.check.add(value, path, f"expected true or false, got {describe(value.data)}")
            return False
        return value.data

    def _section(self, value: Value, section: str, base: Any) -> Any:
        check = self.check
        names = list(base._fields)
        fields = check.fields(value, section, optional=names)
        if not fields:
            return base
        changes = {}
        for name, item in fields.items():
            path = join(section, name)
            default = getattr(base, name)
            if section == "palette" and isinstance(default, tuple):
                colours = [self._colour(v, f"{path}[{i}]") for i, v in enumerate(check.items(item, path))]
                if not colours:
                    check.add(item, path, "expected a list of at least one colour")
                changes[name] = tuple(c for c in colours if c)
            elif section == "palette":
                changes[name] = self._colour(item, path)
            elif section == "fonts" and name == "fallback":
                changes[name] = tuple(self._font(v, f"{path}[{i}]") for i, v in enumerate(check.items(item, path)))
            elif section == "fonts" and name in ("body", "bold"):
                changes[name] = self._font(item, path)
            elif section == "page" and name == "size":
                changes[name] = check.choice(item, path, PAGE_SIZES)
            elif section == "page" and name == "margin_mm":
                changes[name] = self._number(item, path, high=MAX_MARGIN_MM)
            elif isinstance(default, (int, float)) and not isinstance(default, bool):
                changes[name] = self._number(item, path)
        clean = {k: v for k, v in changes.items() if v is not None}
        return base._replace(**clean)

    def _colour(self, value: Value, path: str) -> str | None:
        if not isinstance(value.data, str) or not _HEX.match(value.data):
            self.check.add(value, path, f"expected a colour like '#1F3A5F', got {describe(value.data)}")
            return None
        return value.data.upper()

    def _number(self, value: Value, path: str, high: float = 1000) -> float | None:
        data = value.data
        if isinstance(data, bool) or not isinstance(data, (int, float)) or not 0 <= data <= high:
            self.check.add(value, path, f"expected a number from 0 to {high:g}, got {describe(data)}")
            return None
        return float(data)

    def _font(self, value: Value, path: str) -> str:
        """A font name stays a name; a file name is made relative to the style file."""
        text = self.check.text(value, path, required=True) or ""
        if text.lower().endswith((".ttf", ".ttc", ".otf")):
            resolved = self.path.parent / text
            if not resolved.is_file():
                self.check.add(value, path, f"font file not found: {resolved}")
            return str(resolved)
        return text

    def _logo(self, value: Value) -> Logo | None:
        check = self.check
        fields = check.fields(value, "logo", required=("file",), optional=("cover", "header"))
        if not fields:
            return None
        name = check.text(fields.get("file"), "logo.file", required=True)
        if not name:
            return None
        resolved = self.path.parent / name
        if resolved.suffix.lower() not in LOGO_SUFFIXES:
            check.add(fields["file"], "logo.file", "expected a PNG, JPEG or SVG image")
            return None
        if not _readable_image(resolved):
            check.add(fields["file"], "logo.file", f"not a readable image: {resolved}")
            return None
        flags = {k: self._bool(fields[k], f"logo.{k}") for k in ("cover", "header") if k in fields}
        return Logo(str(resolved), **flags)

    def _rcparams(self, value: Value, base: Mapping[str, Any]) -> Mapping[str, Any]:
        if not isinstance(value.data, dict):
            self.check.add(value, "rcparams", f"expected a mapping of matplotlib settings, got {describe(value.data)}")
            return base
        merged = dict(base)
        for key, item in value.data.items():
            if isinstance(item.data, (dict, list)):
                self.check.add(item, f"rcparams.{key}", "expected a single value")
            else:
                merged[str(key)] = item.data
        return MappingProxyType(merged)


_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def _readable_image(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    if path.suffix.lower() == ".svg":
        return b"<svg" in head or b"<?xml" in head
    return head.startswith(_MAGIC)
