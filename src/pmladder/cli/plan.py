"""Planning a run's outputs before any work (formats, targets, what must not be overwritten),
writing them, and rendering a batch of them."""

from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import click

from ..errors import OutputError, PmladderError, RenderError, UnknownRoleError
from ..model import require_role
from ..outputs import registry
from ..outputs.atomic import STDOUT, check_target, write_output
from ..resources import default_ladder_path
from .command import _Interrupted, _Run, _say

DEFAULT_OUTPUT_DIR = "output"


def _format_flag(fmt: str | None, shorthands: dict[str, bool]) -> str | None:
    given = ([f"--format {fmt}"] if fmt else []) + [f"--{name}" for name, on in shorthands.items() if on]
    if len(given) > 1:
        raise click.UsageError(f"{given[0]} and {given[1]} both choose the format; give one")
    return fmt or next((name for name, on in shorthands.items() if on), None)


def _choose_format(output: str, fmt: str | None, path: str | None) -> registry.Format:
    """The format asked for, checked against the suffix of -o (a contradiction is a usage error)."""
    table = registry.formats(output)
    suffix = Path(path).suffix if path and path != STDOUT else ""
    if fmt is not None:
        chosen = table[fmt]
        if suffix and suffix.lower() not in chosen.suffixes:
            raise click.UsageError(f"-o {path}: the name ends in {suffix} but the format is {fmt} "
                                   f"(which is written as {', '.join(chosen.suffixes)}); give one or the other")
        return chosen
    if suffix:
        chosen = registry.by_suffix(output, suffix)
        if chosen is None:
            raise click.UsageError(f"-o {path}: this command does not write {suffix} files; "
                                   f"use {', '.join(registry.suffixes(output))}, or no suffix with --format")
        return chosen
    return next(iter(table.values()))


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _refuse_terminal(fmt: registry.Format, path: str) -> None:
    if path == STDOUT and fmt.binary and _stdout_is_terminal():
        raise click.UsageError(f"-o -: will not write {fmt.description} ({fmt.name}) to a terminal; "
                               f"redirect it (-o - > file{fmt.suffixes[0]}) or give -o FILE")


def _same_file(a: str, b: str) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _style_inputs(style) -> list[tuple[str, str]]:
    """The files a loaded style reads: itself, the styles it extends, its logo and font files."""
    found = [("the style", style.source)] if style.source else []
    found += [("a style it extends", parent) for parent in style.parents]
    if style.logo:
        found.append(("the style's logo", style.logo.file))
    for font in (style.fonts.body, style.fonts.bold, *style.fonts.fallback):
        if os.path.isfile(font):
            found.append(("a font of the style", font))
    return found


def _refuse_clobbering(targets: list[tuple[str, str]], inputs: list[tuple[str, str]]) -> None:
    """Before any work: no output is an input of the run, no two outputs share a path, and every
    output is a regular file or a new one. `targets` are (path, where it came from), `inputs` (what, path)."""
    seen: dict[str, str] = {}
    for target, origin in targets:
        if target == STDOUT:
            continue
        for what, path in inputs:
            if path and _same_file(target, path):
                raise click.UsageError(f"{target}: is an input of this run ({what}: {path}); "
                                       "write the output elsewhere")
        key = os.path.realpath(target)
        if key in seen:
            raise click.UsageError(f"{seen[key]} and {origin} would both be written to {target}; "
                                   "give them different names or render them in separate runs")
        seen[key] = origin
        try:
            check_target(target)
        except OutputError as exc:
            if "not a regular file" in str(exc):
                raise OutputError(f"{exc} (-o - writes to standard output)") from None
            raise


@contextmanager
def _committing():
    """Ctrl-C while a file is written and renamed into place waits until it is: the run either
    leaves the old file untouched or knows (and says) that the new one was written."""
    pending: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield pending
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pending.append(signum))
    try:
        yield pending
    finally:
        signal.signal(signal.SIGINT, previous)
        if pending:
            _Run.interrupted = True


def _write(target: str, rendered: registry.Rendered, **options) -> tuple[str, bool]:
    """Write one output; (path written, whether Ctrl-C was pressed while it was committed)."""
    with _committing() as pending:
        written = write_output(target, rendered.data, **options)
    return written, bool(pending)


def _announce(path: str) -> None:
    if path != STDOUT:
        _say(path)


def _require_roles(model, option: str, ids) -> None:
    """The library says which id is unknown; the command line adds which option named it."""
    for role_id in ids:
        try:
            require_role(model, role_id)
        except UnknownRoleError as exc:
            raise RenderError(f"{option}: {exc}") from None


def _ladder_path(source: str | None) -> str:
    return source if source is not None else str(default_ladder_path())


def _refuse_output_mixups(count: int, output, output_dir, what: str = "ladder") -> None:
    """-o names one file: not for several inputs, and not beside --output-dir."""
    if output and count > 1:
        raise click.UsageError(f"-o/--output takes one {what}; use --output-dir for several")
    if output and output_dir:
        raise click.UsageError("give -o/--output or --output-dir, not both")


def _plan(sources, output, output_dir, chosen, path_of) -> list[tuple]:
    """(source, target) pairs: -o for one source, else NAME.suffix in the output folder."""
    folder = output_dir or DEFAULT_OUTPUT_DIR
    return [(source, output or os.path.join(folder, Path(path_of(source)).stem + chosen.suffixes[0]))
            for source in sources]


def _render_all(plan, render) -> None:
    """One output is announced; several go through the batch (progress bar, failures last)."""
    if len(plan) == 1:
        written, _ = render(*plan[0])
        _announce(written)
        return
    _batch(plan, render)


def _batch(plan, render) -> None:
    """Render many (source, target) pairs, a progress bar on a terminal; failures are reported
    after the rest are written."""
    written, failures = [], []
    bar = None
    if sys.stderr.isatty():
        bar = click.progressbar(length=len(plan), label="Rendering", file=sys.stderr, show_pos=True)
    try:
        for source, target in plan:
            try:
                path, interrupted = render(source, target)
                written.append(path)
            except PmladderError as exc:
                if _Run.interrupted:
                    raise KeyboardInterrupt from None
                failures.extend(exc.lines)
                continue
            finally:
                if bar is not None:
                    bar.update(1)
            if interrupted and len(written) < len(plan):
                raise KeyboardInterrupt
    except KeyboardInterrupt:
        for path in written:
            _say(path)
        raise _Interrupted(f"Interrupted after writing {len(written)} of {len(plan)} files"
                           f"{' (listed above)' if written else ''}; nothing else was written.") from None
    finally:
        if bar is not None:
            bar.render_finish()
    for path in written:
        _say(path)
    if failures:
        raise _Failures(failures)


class _Failures(PmladderError):
    """Some ladders of a batch failed; the others were written."""

    def __init__(self, lines):
        super().__init__("\n".join(lines))
