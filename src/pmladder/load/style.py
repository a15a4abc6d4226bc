"""Styles: one object that drives both painters (colours, fonts, page, chart details).

Built-in styles live in styles/*.yaml; a style may `extends:` another and change only a few
keys. Files a style names (a style it extends, fonts, a logo) are relative to the style file,
and of their kind by name (.yaml, .ttf, .png...): an absolute path or another suffix is refused
before anything is opened.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PureWindowsPath
from typing import Any, NamedTuple

from ..errors import Problem, StyleError
from ..resources import DEJAVU_FILES, shipped
from .checks import Checker, join, read_checked
from .files import FONT_BYTES, UnreadableFile, check_regular
from .ladder import read_input
from .reader import Value, describe

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
MM = 72 / 25.4
PAGE_SIZES = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
STYLE_SUFFIXES = (".yaml", ".yml")
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")
MAX_EXTENDS = 10  # styles in one `extends` chain, the style itself included
# The range of each number a style may set: what still lays out, within the time and memory
# bounds, on a Letter or A4 page (a margin of 50 mm leaves at least 11 cm of width).
NUMBER_RANGES = {
    "fonts.base_size": (6, 16),
    "page.margin_mm": (0, 50),
    "chart.corner_radius": (0, 20),
    "chart.line_width": (0, 6),
    "chart.arrow_width": (0, 6),
    "chart.tint": (0, 1),
    "chart.text_scale": (0.5, 2),
}


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
    source: str | None = None
    parents: tuple[str, ...] = ()  # the style files `extends` read, nearest first: inputs a run must not overwrite

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


def _load(name_or_path: str | os.PathLike, chain: tuple[str, ...], *, is_file: bool = False) -> Style:
    text = os.fspath(name_or_path)
    builtins = builtin_styles()
    if is_file:  # a parent found next to the style extending it, whatever its name
        path, shown = Path(text), text
    elif text in builtins:
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
            optional=("description", "extends", "grayscale", "logo", *_SECTIONS),
        )
        if fields is None:
            return None
        base = Style()
        if "extends" in fields:
            base = self._parent(fields["extends"])
            if base is None:
                return None
        changes: dict[str, Any] = {"name": self.path.stem, "source": str(self.path),
                                   "parents": (base.source, *base.parents) if base.source else base.parents}
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
        return base._replace(**changes)

    def _parent(self, value: Value) -> Style | None:
        """The style this one extends: a built-in name, or a .yaml file relative to this one."""
        name = self.check.text(value, "extends", required=True)
        if not name:
            return None
        builtins = builtin_styles()
        expected = f"a built-in style ({', '.join(builtins)}) or a .yaml file relative to this style"
        if name in builtins:
            target = builtins[name]
        elif not Path(name).suffix and not PureWindowsPath(name).anchor:  # most likely a built-in name mistyped
            self.check.add(value, "extends", f"no style {describe(name)}: give {expected}")
            return None
        else:
            target = self._named_file(value, "extends", name, STYLE_SUFFIXES, expected)
            if target is None:
                return None
            if not target.is_file():
                self.check.add(value, "extends", f"no style {describe(name)}: give {expected}")
                return None
        if str(target.resolve()) in self.chain:
            self.check.add(value, "extends", f"{describe(name)} leads back to this style: styles extend each other in a cycle")
            return None
        if len(self.chain) >= MAX_EXTENDS:
            self.check.add(value, "extends", f"styles extend each other more than {MAX_EXTENDS} deep")
            return None
        return _load(name, self.chain) if name in builtins else _load(target, self.chain, is_file=True)

    def _named_file(self, value: Value, path: str, name: str, suffixes: tuple[str, ...], expected: str) -> Path | None:
        """`name`, a file this style names, in the style's folder; an absolute path (POSIX or
        Windows) or a name not ending in one of `suffixes` is refused, and nothing is opened."""
        if PureWindowsPath(name).anchor:
            self.check.add(value, path, f"expected {expected}, got the absolute path {describe(name)}")
            return None
        if not name.lower().endswith(suffixes):
            self.check.add(value, path, f"expected {expected}, got {describe(name)}")
            return None
        return self.path.parent / name

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
            elif isinstance(default, (int, float)) and not isinstance(default, bool):
                changes[name] = self._number(item, path, *NUMBER_RANGES[path])
        clean = {k: v for k, v in changes.items() if v is not None}
        return base._replace(**clean)

    def _colour(self, value: Value, path: str) -> str | None:
        if not isinstance(value.data, str) or not _HEX.match(value.data):
            self.check.add(value, path, f"expected a colour like '#1F3A5F', got {describe(value.data)}")
            return None
        return value.data.upper()

    def _number(self, value: Value, path: str, low: float, high: float) -> float | None:
        data = value.data
        if isinstance(data, bool) or not isinstance(data, (int, float)) or not low <= data <= high:
            self.check.add(value, path, f"expected a number from {low:g} to {high:g}, got {describe(data)}")
            return None
        return float(data)

    def _font(self, value: Value, path: str) -> str:
        """A font name stays a name; a file name is made relative to the style file."""
        text = self.check.text(value, path, required=True) or ""
        if text.lower().endswith(FONT_SUFFIXES):
            resolved = self._named_file(value, path, text, FONT_SUFFIXES,
                                        "a font name or a .ttf, .ttc or .otf file relative to this style")
            if resolved is None:
                return text
            try:
                check_regular(resolved, FONT_BYTES)
            except UnreadableFile as exc:
                missing = exc.reason == "no such file"
                self.check.add(value, path, f"font file not found: {resolved}" if missing
                               else f"font file {resolved}: {exc.reason}")
                return str(resolved)
            # Read now (once: fonts are cached), so a broken font is reported at its line.
            from ..text.truetype import FontFileError, open_font

            try:
                font = open_font(str(resolved))
            except FontFileError as exc:
                self.check.add(value, path, str(exc))
            else:
                if not font.embeddable:
                    self.check.add(value, path, f"{resolved}: has PostScript (CFF) outlines, which PDFs here "
                                   "cannot embed; use a TrueType font")
            return str(resolved)
        if text and text.lower() not in DEJAVU_FILES:  # the bundled ones are there: nothing to import
            # Looked up now (fontconfig's answer is kept for the render), so a font that is not
            # installed is reported at its line, not as a bare message when the render starts.
            from ..errors import RenderError
            from ..text.fonts import resolve_font

            try:
                resolve_font(text)
            except RenderError as exc:
                self.check.add(value, path, str(exc))
        return text

    def _logo(self, value: Value) -> Logo | None:
        check = self.check
        fields = check.fields(value, "logo", required=("file",), optional=("cover", "header"))
        if not fields:
            return None
        name = check.text(fields.get("file"), "logo.file", required=True)
        if not name:
            return None
        resolved = self._named_file(fields["file"], "logo.file", name, LOGO_SUFFIXES,
                                    "a PNG, JPEG or SVG image relative to this style")
        if resolved is None:
            return None
        from .images import ImageProblem, check_logo  # only for a style with a logo

        try:
            check_logo(resolved)
        except (UnreadableFile, ImageProblem) as exc:
            reason = exc.reason if isinstance(exc, UnreadableFile) else str(exc)
            check.add(fields["file"], "logo.file", f"{resolved}: {reason}")
            return None
        flags = {k: self._bool(fields[k], f"logo.{k}") for k in ("cover", "header") if k in fields}
        return Logo(str(resolved), **flags)
