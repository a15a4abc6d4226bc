"""The one exception family of pmladder: every failure a user can cause is one of these."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with an input file, located so a person can go and fix it."""

    file: str
    line: int | None
    path: str
    message: str
    excerpt: str | None = None  # the line of the file and a caret under the column, when that helps

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        # Each line of the excerpt starts with the place too: every report line names its file and
        # line (editors and grep find them), and the caret stays under its column.
        return "\n".join([text, *(f"{where}: {line}" for line in (self.excerpt or "").splitlines())])


class PmladderError(Exception):
    """Base class: anything the CLI reports as `Error: ...` and exit status 1."""

    @property
    def lines(self) -> list[str]:
        """The message, one report line each (without the `Error: ` prefix)."""
        return str(self).splitlines() or [self.__class__.__name__]


class InputError(PmladderError):
    """A ladder or style file is unreadable or invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LadderError(InputError):
    """A ladder file is unreadable or invalid."""


class StyleError(InputError):
    """A style file is unreadable or invalid, or names a style that does not exist."""


class RenderError(PmladderError):
    """A valid ladder cannot be drawn as asked (an unknown role to highlight, no ratings to plot)."""


class UnknownRoleError(RenderError):
    """A role id that the ladder does not have; the message lists the ones it has."""

    def __init__(self, role_id: str, ladder):
        self.role_id = role_id
        super().__init__(f"no role with id '{role_id}'; roles: {', '.join(r.id for r in ladder.roles)}")


class OutputError(PmladderError):
    """An output file cannot be written; any previous file at that path is left as it was."""


class PmladderWarning(UserWarning):
    """Something the user should know; the output was still written. The CLI prints `Warning: ...`."""


class MissingGlyphsWarning(PmladderWarning):
    """Some characters are covered by no installed font; they would print as empty boxes."""


class PacketError(PmladderError):
    """One of the team's PDFs for an onboarding packet is missing or unreadable."""


class AssessmentError(InputError):
    """An assessment file is unreadable or invalid (or names a role or competency its ladder lacks)."""
