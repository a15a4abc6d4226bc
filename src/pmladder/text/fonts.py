"""Fonts for both painters: one source of metrics, and per-run fallback for any script.

The style names a body and a bold font (DejaVu Sans by default, shipped with matplotlib).
Characters those lack fall back, run by run, to the style's fallback fonts and then to
installed TrueType fonts that cover them (found through fontconfig, only when needed).
Characters that no font covers are collected so the caller can report them.

A FontSet belongs to one render: which fallback faces it chose, and which characters it
found missing, never leak into the next render in the same process. Only what never changes
is shared: parsed font files (truetype.open_font) and fontconfig's answers.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from ..errors import MissingGlyphsWarning, RenderError
from ..resources import DEJAVU_FILES, dejavu_dir
from .truetype import FontFile, FontFileError, open_font

MAX_MEASURED = 200_000  # widths one FontSet keeps (a word and its weight each)

class Face:
    """One font file (a face of it, for collections) under the name painters register it by.
    Faces are equal when they are the same face of the same file."""

    __slots__ = ("path", "index", "name", "_file")

    def __init__(self, path: str, index: int = 0):
        self.path, self.index = path, index
        stem = Path(path).stem.replace(" ", "")
        self.name = f"{stem}-{index}" if index else stem
        self._file: FontFile | None = None

    @property
    def file(self) -> FontFile:  # looked up for every word measured: kept on the face
        if self._file is None:
            self._file = open_font(self.path, self.index)
        return self._file

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Face) and (self.path, self.index) == (other.path, other.index)

    def __hash__(self) -> int:
        return hash((self.path, self.index))

    def __repr__(self) -> str:
        return f"Face({self.path!r}, {self.index})"


def resolve_font(name_or_path: str) -> Face:
    """A style's font entry as a face: a .ttf/.ttc path, DejaVu by name, or fontconfig's match."""
    if name_or_path.lower().endswith((".ttf", ".ttc", ".otf")):
        return _checked(Face(name_or_path))
    bundled = DEJAVU_FILES.get(name_or_path.lower())
    if bundled:
        return Face(str(dejavu_dir() / bundled))
    path = _fc_match(name_or_path)
    if path is None:
        raise RenderError(f"font '{name_or_path}' is not installed (give a .ttf path in the style)")
    return _checked(Face(path))


def _checked(face: Face) -> Face:
    try:
        font = face.file
    except FontFileError as exc:
        raise RenderError(str(exc)) from None
    if not font.embeddable:
        raise RenderError(f"{face.path}: has PostScript (CFF) outlines, which PDFs here cannot embed; use a TrueType font")
    return face


@lru_cache(maxsize=64)
def _fc_match(name: str) -> str | None:
    if not shutil.which("fc-match"):
        return None
    import subprocess  # only for fonts named by family (imports cost every run ~3 ms)

    # "--": a style's font name that starts with "-" is a pattern, never an option.
    result = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", "--", name], capture_output=True, text=True,
                            check=False)
    family, _, path = result.stdout.partition("\n")
    # fc-match always answers with *some* font; accept it only if the family really matches.
    wanted = name.lower().split()[0]
    return path.strip() if path.strip() and wanted in family.lower() else None


@lru_cache(maxsize=256)
def _system_faces_for(char: str) -> tuple[Face, ...]:
    """Installed TrueType faces that cover `char`, asked of fontconfig's cache (no rescans)."""
    if not shutil.which("fc-list"):
        return ()
    import subprocess

    result = subprocess.run(
        ["fc-list", f":charset={ord(char):x}", "file", "index"], capture_output=True, text=True, check=False
    )
    faces = []
    for line in sorted(result.stdout.splitlines()):
        path, _, rest = line.partition(":")
        index = int(rest.split("=")[-1]) if "index=" in rest else 0
        if not path.lower().endswith((".ttf", ".ttc")):
            continue
        try:
            font = open_font(path, index)
        except FontFileError:
            continue
        if font.embeddable and font.covers(char):
            faces.append(Face(path, index))
    # Prefer full-coverage CJK fonts, then by path, so every machine picks the same face.
    return tuple(sorted(faces, key=lambda f: (0 if "Droid" in f.path or "wqy" in f.path else 1, f.path)))


class FontSet:
    """A regular and a bold face, with fallbacks; splits text into runs each face can draw."""

    def __init__(self, body: str, bold: str, fallback: tuple[str, ...] = ()):
        self.regular = resolve_font(body)
        self.bold = resolve_font(bold)
        self.fallback = tuple(resolve_font(f) for f in fallback)
        self.missing: dict[str, set[str]] = {}  # character -> where it occurs (a short context)
        self._choice: dict[tuple[str, bool], Face | None] = {}
        self._system: list[Face] = []  # installed faces already chosen for some character
        self.beyond_bmp = False  # some text had a character beyond U+FFFF (an emoji): see pdf/tounicode
        # Lines text.wrap already broke, by (text, width, size, bold): a named rating point
        # repeated in 10,000 cells and 200 radars is wrapped once (it was most of a handout's time).
        self.wrapped: dict[tuple[str, float, float, bool], tuple[str, ...]] = {}
        # Widths in em already measured, by (text, bold): wrapping measures the same words
        # ("the", "and", a rating's name) thousands of times in one handout.
        self.measured: dict[tuple[str, bool], float] = {}

    @classmethod
    def for_style(cls, style) -> FontSet:
        """A new FontSet for one render in `style` (cheap: the font files are parsed once)."""
        return cls(style.fonts.body, style.fonts.bold, style.fonts.fallback)

    def face_for(self, char: str, bold: bool = False) -> Face | None:
        key = (char, bold)
        if key not in self._choice:
            self.beyond_bmp = self.beyond_bmp or ord(char) > 0xFFFF
            primary = self.bold if bold else self.regular
            face = None
            # System faces found for earlier characters come before asking fontconfig again:
            # a Japanese ladder then costs one fc-list call, not one per kanji.
            for candidate in (primary, self.regular, *self.fallback, *self._system):
                if candidate.file.covers(char):
                    face = candidate
                    break
            else:
                system = _system_faces_for(char)
                face = system[0] if system else None
                if face is not None:
                    self._system.append(face)
            self._choice[key] = face
        return self._choice[key]

    def runs(self, text: str, bold: bool = False) -> list[tuple[Face, str]]:
        """Consecutive characters grouped by the face that draws them."""
        primary = self.bold if bold else self.regular
        if primary.file.covers_all(text):  # the usual case, decided in C
            return [(primary, text)] if text else []
        runs: list[tuple[Face, str]] = []
        for char in text:
            if char.isspace() or char in "\u200b\u00ad":
                face = runs[-1][0] if runs else primary
            else:
                face = self.face_for(char, bold)
                if face is None:
                    self.missing.setdefault(char, set()).add(_context(text, char))
                    face = primary
            if runs and runs[-1][0] == face:
                runs[-1] = (face, runs[-1][1] + char)
            else:
                runs.append((face, char))
        return runs

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Width in points of `text` at `size`, each character measured in the face that draws it."""
        key = (text, bold)
        em = self.measured.get(key)
        if em is None:
            file = (self.bold if bold else self.regular).file
            if file.covers_all(text):  # the usual case
                em = file.text_width(text)
            else:
                em = sum(face.file.text_width(run) for face, run in self.runs(text, bold))
            if len(self.measured) >= MAX_MEASURED:  # a long-lived FontSet: memory stays bounded
                self.measured.clear()
            self.measured[key] = em
        return em * size

    @contextmanager
    def reporting_missing(self, locate: Callable[[str], str | None] | None = None):
        """Around one render: characters no font covers are warned about once, at the end
        (MissingGlyphsWarning), and never carried over from an earlier render. `locate` names
        where in the ladder's file a character is ('team.yaml:7: roles[0].title')."""
        self.missing.clear()
        self.wrapped.clear()  # a remembered line or width would measure (and so report) nothing this time
        self.measured.clear()
        try:
            yield self
        finally:
            report = self.missing_report(locate)
            self.missing.clear()
        if report:
            warnings.warn(report, MissingGlyphsWarning, stacklevel=3)

    def missing_report(self, locate: Callable[[str], str | None] | None = None) -> str | None:
        """One line naming characters no installed font covers, and where they occur: the
        field and file line when `locate` knows them, and the text around the character."""
        if not self.missing:
            return None
        parts = []
        for char in sorted(self.missing):
            around = sorted(self.missing[char])[0]
            place = locate(char) if locate else None
            parts.append(f"U+{ord(char):04X} {char!r} " + (f"at {place} ({around!r})" if place else f"(in {around!r})"))
        return "no installed font has " + "; ".join(parts) + "; install a font that covers them (see README)"


def _context(text: str, char: str) -> str:
    at = text.index(char)
    snippet = text[max(0, at - 15) : at + 15].replace("\n", " ")
    return snippet

