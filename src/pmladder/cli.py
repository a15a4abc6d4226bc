"""The pmladder command line: a thin click layer over the library.

One grammar for every command that writes: `-o/--output PATH` ('-' is standard output),
`--output-dir DIR` where several ladders are taken, `-f/--format NAME` with the choices of the
outputs registry (absent: the suffix of -o, else the command's default). Everything a run would
do wrong with its outputs (a suffix that contradicts the format, an output that is one of the
run's inputs, two outputs on one path, binary output to a terminal) is refused before any work.
Library errors become `Error: ...` lines and exit status 1; usage errors exit 2; Ctrl-C 130.
Heavy libraries are imported inside the commands that need them, so `--help`, `validate`
and the other light commands start fast.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
import warnings
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .errors import LadderError, OutputError, PmladderError, RenderError, UnknownRoleError
from .load.ladder import load_ladder
from .model import require_role
from .outputs import registry
from .outputs.atomic import STDOUT, check_target, write_output
from .resources import default_ladder_path

DEFAULT_OUTPUT_DIR = "output"

EXIT_STATUS = """\b
Exit status:
  0    done
  1    a problem with an input or output file (Error: ...)
  2    a mistake in the command line
  130  interrupted (Ctrl-C)"""


class _Interrupted(KeyboardInterrupt):
    """Ctrl-C, with what the run had already written when it came."""


class _Run:
    """State of the command being run: whether a Ctrl-C arrived (libraries may swallow it)."""

    interrupted = False


def _on_sigint(signum, frame):
    _Run.interrupted = True
    raise KeyboardInterrupt


class _Command(click.Command):
    """Reports library errors as `Error: ...` (exit 1) and Ctrl-C as exit 130, never a traceback."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("epilog", EXIT_STATUS)
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The whole first sentence in the command list, not one cut at 45 characters."""
        first = (self.help or "").split("\n\n")[0].replace("\n", " ").strip()
        return first.split(". ")[0].rstrip(".")

    def invoke(self, ctx):
        _Run.interrupted = False
        own_handler = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, _on_sigint) if own_handler else None
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = super().invoke(ctx)
            _report_warnings(caught)
            return result
        except KeyboardInterrupt as exc:
            click.echo(str(exc) if isinstance(exc, _Interrupted) else "Interrupted; nothing was written.", err=True)
            ctx.exit(130)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # `pmladder matrix | head`: the reader has all it wanted
            _silence_stdout()
            ctx.exit(1)
        except Exception as exc:
            if _Run.interrupted:  # a library turned our KeyboardInterrupt into another error
                click.echo("Interrupted; nothing was written.", err=True)
                ctx.exit(130)
            if isinstance(exc, PmladderError):
                for line in exc.lines:
                    click.echo(f"Error: {line}", err=True)
                ctx.exit(1)
            if os.environ.get("PMLADDER_DEBUG"):  # a bug of ours: say so in one line, never a traceback
                raise
            click.echo(f"Error: internal error ({type(exc).__name__}: {str(exc)[:200]}); nothing was written. "
                       "Please report it; PMLADDER_DEBUG=1 shows the details.", err=True)
            ctx.exit(1)
        finally:
            if own_handler:
                signal.signal(signal.SIGINT, previous)


def _report_warnings(caught) -> None:
    seen = set()
    for warning in caught:
        message = str(warning.message)
        if warning.category.__module__.startswith("pmladder") and message not in seen:
            seen.add(message)
            click.echo(f"Warning: {message}", err=True)


def _silence_stdout() -> None:
    """After standard output failed, point it at /dev/null so Python's exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):  # not a real file (a test runner)
        pass


def _say(text: str) -> None:
    """A line on standard output; a full disk or closed pipe there is reported, not a crash."""
    try:
        click.echo(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_stdout()
        raise OutputError(f"standard output: cannot be written: {exc.strerror or exc}") from None


class _Group(click.Group):
    command_class = _Command

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort as exc:  # Ctrl-C while click parsed the command line
            interrupted = isinstance(exc.__cause__, KeyboardInterrupt)
            click.echo("Interrupted." if interrupted else "Aborted!", err=True)
            sys.exit(130 if interrupted else 1)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except BrokenPipeError:  # `pmladder --help | head -1`
            _silence_stdout()
            sys.exit(1)
        except OSError as exc:  # `pmladder --help > /dev/full`: click printed help or the version
            _silence_stdout()
            click.echo(f"Error: standard output: cannot be written: {exc.strerror or exc}", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


# ---------------------------------------------------------------- options shared by commands


class RoleIds(click.ParamType):
    """Role ids, comma-separated; the option may also be repeated (`--role a,b` = `--role a --role b`)."""

    name = "ROLE_ID,..."

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        ids = tuple(part.strip() for part in str(value).split(",") if part.strip())
        if not ids:
            self.fail("expected one or more role ids, separated by commas", param, ctx)
        return ids


def _flat(groups) -> tuple[str, ...]:
    return tuple(role_id for group in groups for role_id in group)


def _one_role(ctx, param, value):
    if value is not None and ("," in value or not value.strip()):
        raise click.BadParameter("takes one role id", ctx, param)
    return value


ladder_argument = click.argument("ladder", required=False, type=click.Path(dir_okay=True, allow_dash=False))
style_option = click.option("--style", "style_name", metavar="NAME|PATH",
                            help="A built-in style name (see `pmladder styles`) or a style file.")
highlight_option = click.option("--highlight", metavar="ROLE_ID", callback=_one_role,
                                help="Mark one role as 'You are here' on the ladder diagram.")


def output_option(what: str):
    return click.option("-o", "--output", metavar="PATH",
                        help=f"Where to write {what} ('-' for standard output); its suffix may set the format.")


def format_option(output: str, default_note: str):
    table = registry.formats(output)
    listing = "; ".join(f"{f.name} ({f.description})" for f in table.values())
    return click.option("-f", "--format", "fmt", type=click.Choice(list(table)), metavar="NAME",
                        help=f"The file format: {listing}. Absent, the suffix of -o chooses, else {default_note}.")


# ---------------------------------------------------------------- planning a run's outputs


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


# ---------------------------------------------------------------- the commands


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_STATUS)
@click.version_option(__version__, prog_name="pmladder", help="Show the version and exit.")
def cli():
    """Turn a career ladder written in YAML into a printed handout, slide charts and wiki tables.

    Without a LADDER argument every command uses the built-in Product Management ladder.
    Commands that write take -o PATH ('-' for standard output) and -f FORMAT.
    """


@cli.command()
@click.argument("ladders", nargs=-1, type=click.Path(dir_okay=True))
def validate(ladders):
    """Check LADDERS (ladder files) and report every problem with its line."""
    failed = False
    for path in ladders or (None,):
        try:
            ladder = load_ladder(path)
        except PmladderError as exc:
            failed = True
            for line in exc.lines:
                click.echo(f"Error: {line}", err=True)
            continue
        shown = path or "the default ladder"
        _say(f"{shown}: ok ({len(ladder.roles)} roles, {len(ladder.dimensions)} dimensions)")
    if failed:
        sys.exit(1)


@cli.command()
@ladder_argument
def roles(ladder):
    """List the roles of LADDER: level, track, id and title."""
    model = load_ladder(ladder)
    rows = [("LEVEL", "TRACK", "ID", "TITLE")]
    for role in model.ordered_roles:
        track = model.track(role.track)
        rows.append((str(role.level), track.name if track else "-", role.id, role.title))
    widths = [max(_display_width(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = (cell + " " * (widths[i] - _display_width(cell)) for i, cell in enumerate(row[:3]))
        _say("  ".join(cells) + "  " + row[3])


def _display_width(text: str) -> int:
    """Terminal columns: East Asian wide characters take two, so Japanese track names still align."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@cli.command()
@ladder_argument
@output_option("the table (standard output when absent)")
@format_option("matrix", "md")
def matrix(ladder, output, fmt):
    """Write the comparison matrix of LADDER (dimensions x roles) as Markdown or CSV."""
    target = output or STDOUT
    chosen = _choose_format("matrix", fmt, output)
    _refuse_clobbering([(target, "-o")], [("the ladder", _ladder_path(ladder))])
    model = load_ladder(ladder)
    written, _ = _write(target, chosen.render(model))
    _announce(written)


@cli.command()
@ladder_argument
@output_option("the export (standard output when absent)")
@format_option("export", "json")
@click.option("--bom", is_flag=True, help="Start the CSV with a UTF-8 byte order mark, so Excel reads its accents right.")
def export(ladder, output, fmt, bom):
    """Write the whole of LADDER as data: JSON for scripts, an Excel workbook or CSV for spreadsheets.

    The JSON holds the ladder document, which pmladder reads back as the same ladder
    (`pmladder validate ladder.json`), and beside it the resolved model: level names,
    groups with their dimensions, each rating with its point's name.

    The workbook has a comparison matrix per track and an evidence sheet per role (expectations
    now and at the next level, empty evidence, self and manager rating columns with drop-downs),
    and the ladder as data: `pmladder import` reads it back as the same ladder.
    """
    target = output or STDOUT
    chosen = _choose_format("export", fmt, output)
    if bom and chosen.name != "csv":
        raise click.UsageError(f"--bom is for CSV; the format is {chosen.name}")
    _refuse_terminal(chosen, target)
    _refuse_clobbering([(target, "-o")], [("the ladder", _ladder_path(ladder))])
    model = load_ladder(ladder)
    written, _ = _write(target, chosen.render(model, bom=bom) if bom else chosen.render(model))
    _announce(written)


@cli.command()
@output_option("the schema (standard output when absent)")
@format_option("schema", "json")
@click.option("--assessment", is_flag=True,
              help="The schema of an assessment file (`pmladder assess`, docs/assessment.md) instead of a ladder's.")
def schema(output, fmt, assessment):
    """Print the ladder format as a JSON Schema, for editors that check fields while typing.

    `pmladder schema -o ladder.schema.json` next to a ladder makes the starter's first line
    (`# yaml-language-server: $schema=ladder.schema.json`) work in VS Code's YAML extension.
    """
    target = output or STDOUT
    chosen = _choose_format("schema", fmt, output)
    _refuse_clobbering([(target, "-o")], [])
    written, _ = _write(target, chosen.render(assessment=True) if assessment else chosen.render())
    _announce(written)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", metavar="PATH",
              help="Write the upgraded ladder to PATH ('-' for standard output) and leave FILE as it is.")
def upgrade(file, output):
    """Rewrite FILE, a ladder file, in the newest format (schema: 2), keeping its comments.

    Only the schema line changes (or is added): comments, blank lines and quoting stay as
    written. A file that does not load is reported and left untouched; the new file replaces
    the old one only once it is complete.
    """
    from .load.ladder import SCHEMA_VERSION, read_input
    from .load.upgrade import upgrade_text

    target = output or file
    if output:
        _refuse_clobbering([(target, "-o")], [("the ladder", file)])
    data = read_input(file, LadderError)
    result = upgrade_text(data, file)
    if target == file and not result.changed:
        _say(f"{file}: already schema {SCHEMA_VERSION}; nothing to do")
        return
    if target == file and read_input(file, LadderError) != data:
        raise OutputError(f"{file}: changed while it was upgraded; nothing was written (run upgrade again)")
    written, _ = _write(target, registry.Rendered(result.data))
    if written != STDOUT:
        before = f"schema {result.before}" if result.before else "no schema line"
        _say(f"{written}: upgraded from {before} to schema {SCHEMA_VERSION}")


@cli.command()
@click.argument("path", required=False)
@output_option("the starter ladder")
@format_option("starter", "yaml")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path, output, fmt, force):
    """Write a commented starter ladder (a copy of the default, with guidance) to -o PATH.

    `pmladder init PATH` is the same as `pmladder init -o PATH`.
    """
    if path and output:
        raise click.UsageError("give the file once: -o PATH or PATH, not both")
    target = output or path
    if not target:
        raise click.UsageError("where to? give -o PATH ('-' for standard output)")
    if force and target == STDOUT:
        raise click.UsageError("--force overwrites a file; standard output has nothing to overwrite")
    chosen = _choose_format("starter", fmt, target)
    _refuse_clobbering([(target, "-o")], [])
    written, _ = _write(target, chosen.render(), overwrite=force)
    if written != STDOUT:
        _say(f"wrote {written}; edit it, then run: pmladder validate {written}")


@cli.command()
def styles():
    """List the built-in styles."""
    from .load.style import builtin_styles, load_style

    for name in builtin_styles():
        _say(f"{name:<14} {load_style(name).description}")


@cli.command("import")
@click.argument("sheet", type=click.Path(dir_okay=False, allow_dash=False))
@output_option("the ladder YAML")
@click.option("--layout", type=click.Choice(["auto", "a", "b"]), default="auto", show_default=True,
              help="How the sheets are laid out: a = a row per competency and a column per level or role, "
                   "b = a row per role and a column per competency; auto tells them apart by the header row.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def import_(sheet, output, layout, force):
    """Turn a ladder kept in a spreadsheet (SHEET: .xlsx or .csv) into a commented ladder YAML file.

    The file written is one `pmladder validate` accepts as is; a problem in the sheet is reported
    at its cell (team.xlsx:Engineering!C7, team.csv:7:3), every problem at once, and nothing is
    written. A workbook may hold one sheet per track.
    """
    if not output:
        raise click.UsageError("where to? give -o PATH ('-' for standard output)")
    if force and output == STDOUT:
        raise click.UsageError("--force overwrites a file; standard output has nothing to overwrite")
    if Path(output).suffix.lower() not in ("", ".yaml", ".yml") and output != STDOUT:
        raise click.UsageError(f"-o {output}: import writes a ladder YAML file (.yaml or .yml)")
    _refuse_clobbering([(output, "-o")], [("the spreadsheet", sheet)])
    from .load.fromsheet import import_sheet

    imported = import_sheet(sheet, layout)
    written, _ = _write(output, registry.Rendered(imported.text.encode("utf-8")), overwrite=force)
    if written != STDOUT:
        ladder = imported.ladder
        _say(f"wrote {written} ({len(ladder.roles)} roles, {len(ladder.dimensions)} dimensions); "
             f"check it with: pmladder validate {written}")


def _freeze_imports() -> None:
    """Keep the garbage collector off the objects every import just made (hundreds of
    thousands for matplotlib or ReportLab, none of them garbage): each full collection, and
    the one at exit, would walk them all again. And collect young objects every 50,000
    allocations instead of every 700: layout makes and frees them by the hundred thousand,
    nearly all by reference counting (peak memory of a 200-role handout is unchanged).
    Only in the pmladder process itself: neither the library nor `cli` called from another
    program (or a test runner) does this to it."""
    if click.get_current_context().find_root().obj == _OWN_PROCESS:
        import gc

        gc.freeze()
        gc.set_threshold(50_000, 20, 100)


@cli.command()
@ladder_argument
@output_option("the chart (default: output/NAME-chart.png)")
@format_option("chart", "png")
@click.option("--png", is_flag=True, help="Short for --format png.")
@click.option("--svg", is_flag=True, help="Short for --format svg.")
@click.option("--pdf", is_flag=True, help="Short for --format pdf.")
@click.option("--size", metavar="slide|square|WxH",
              help="Size in pixels: slide is 1920x1080 (the default), square is 1080x1080 (the default "
                   "for --radar), or WIDTHxHEIGHT such as 1280x720.")
@click.option("--dpi", type=click.IntRange(36, 1200), default=144, show_default=True,
              help="Dots per inch: how many pixels an inch of the chart takes, so at a given --size a "
                   "higher dpi means larger text; SVG and PDF keep the same physical size.")
@highlight_option
@click.option("--radar", "radar", multiple=True, type=RoleIds(),
              help="Draw a competency radar of these roles instead of the diagram (comma-separated or repeated).")
@style_option
def chart(ladder, output, fmt, png, svg, pdf, size, dpi, highlight, radar, style_name):
    """Draw the ladder diagram of LADDER, or a competency radar, as an image for slides and the web."""
    from .load.style import load_style
    from .outputs.chart.render import parse_size

    radar_ids = _flat(radar) if radar else None
    if radar_ids and highlight:
        raise click.UsageError("--highlight marks a role on the ladder diagram; a --radar chart has no place for it")
    chosen = _choose_format("chart", _format_flag(fmt, {"png": png, "svg": svg, "pdf": pdf}), output)
    try:
        parse_size(size)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--size") from None
    style = load_style(style_name)
    name = Path(_ladder_path(ladder)).stem
    target = output or os.path.join(DEFAULT_OUTPUT_DIR, f"{name}-{'radar' if radar_ids else 'chart'}{chosen.suffixes[0]}")
    _refuse_terminal(chosen, target)
    _refuse_clobbering([(target, "-o")], [("the ladder", _ladder_path(ladder)), *_style_inputs(style)])
    model = load_ladder(ladder)
    _require_roles(model, "--radar", radar_ids or ())
    _require_roles(model, "--highlight", [highlight] if highlight else [])
    _freeze_imports()
    rendered = chosen.render(model, style=style, highlight=highlight, radar=radar_ids,
                             size=size or ("square" if radar_ids else "slide"), dpi=dpi)
    for note in rendered.notes:
        click.echo(f"Note: {note}", err=True)
    written, _ = _write(target, rendered)
    _announce(written)


@cli.command()
@click.argument("ladders", nargs=-1, type=click.Path(dir_okay=True))
@output_option("the PDF (one ladder; default: output/NAME.pdf)")
@click.option("--output-dir", metavar="DIR", help="The folder for the PDFs, one NAME.pdf per ladder (default: output).")
@format_option("handout", "pdf")
@style_option
@click.option("--page-size", type=click.Choice(["letter", "a4"]), help="Overrides the style's page size.")
@click.option("--role", "role_ids", multiple=True, type=RoleIds(),
              help="Make an excerpt of these roles' pages and their next roles' (comma-separated or repeated).")
@highlight_option
@click.option("--worksheet", is_flag=True, help="Add an evidence page per role for 1:1s.")
@click.option("--prepend", multiple=True, metavar="PDF", help="A PDF to put before the ladder pages (repeatable).")
@click.option("--append", "append_", multiple=True, metavar="PDF", help="A PDF to put after them (repeatable).")
def pdf(ladders, output, output_dir, fmt, style_name, page_size, role_ids, highlight, worksheet, prepend, append_):
    """Lay out the printed handout of each of LADDERS (cover, contents, chart, a page per role, matrix).

    With --role, an excerpt for an onboarding packet; --prepend and --append merge the team's
    own PDFs (a welcome letter, a handbook) around it.
    """
    from .load.style import load_style

    if output and len(ladders) > 1:
        raise click.UsageError("-o/--output takes one ladder; use --output-dir for several")
    if output and output_dir:
        raise click.UsageError("give -o/--output or --output-dir, not both")
    chosen = _choose_format("handout", fmt, output)
    sources = list(ladders) or [None]
    plan = _plan(sources, output, output_dir, chosen, _ladder_path)
    style = load_style(style_name).with_page_size(page_size)
    _refuse_terminal(chosen, plan[0][1])
    inputs = [*(("a ladder", _ladder_path(s)) for s in sources), *_style_inputs(style),
              *(("--prepend", p) for p in prepend), *(("--append", p) for p in append_)]
    _refuse_clobbering([(target, _ladder_path(source)) for source, target in plan], inputs)
    ids = _flat(role_ids)
    from .outputs.pdf import handout  # noqa: F401  (the renderer and ReportLab, imported before the freeze)

    _freeze_imports()

    def render(source, target):
        model = load_ladder(source)
        _require_roles(model, "--role", ids)
        _require_roles(model, "--highlight", [highlight] if highlight else [])
        rendered = chosen.render(model, style=style, roles=ids, highlight=highlight, worksheet=worksheet,
                                 prepend=prepend, append=append_)
        return _write(target, rendered)

    _render_all(plan, render)


@cli.command()
@click.argument("ladders", nargs=-1, type=click.Path(dir_okay=True))
@output_option("the page (one ladder; default: output/NAME.html)")
@click.option("--output-dir", metavar="DIR", help="The folder for the pages, one NAME.html per ladder (default: output).")
@format_option("page", "html")
@style_option
@highlight_option
def html(ladders, output, output_dir, fmt, style_name, highlight):
    """Write each of LADDERS as one self-contained web page for a wiki or an intranet.

    The page holds the chart, a section per role with what changes at the next level, the
    matrix with a compare view of any two roles, and the worksheets; it prints cleanly and
    opens offline (no request to anything outside the file).
    """
    from .load.style import load_style

    if output and len(ladders) > 1:
        raise click.UsageError("-o/--output takes one ladder; use --output-dir for several")
    if output and output_dir:
        raise click.UsageError("give -o/--output or --output-dir, not both")
    chosen = _choose_format("page", fmt, output)
    sources = list(ladders) or [None]
    plan = _plan(sources, output, output_dir, chosen, _ladder_path)
    style = load_style(style_name)
    inputs = [*(("a ladder", _ladder_path(s)) for s in sources), *_style_inputs(style)]
    _refuse_clobbering([(target, _ladder_path(source)) for source, target in plan], inputs)
    _freeze_imports()

    def render(source, target):
        model = load_ladder(source)
        _require_roles(model, "--highlight", [highlight] if highlight else [])
        return _write(target, chosen.render(model, style=style, highlight=highlight))

    _render_all(plan, render)


@cli.command()
@click.argument("assessments", nargs=-1, type=click.Path(dir_okay=True))
@output_option("the report (one assessment; default: output/NAME.pdf, NAME being the assessment file's)")
@click.option("--output-dir", metavar="DIR",
              help="The folder for the reports, one per assessment, named after its file (default: output).")
@format_option("report", "pdf")
@click.option("--template", "template_role", metavar="ROLE_ID", callback=_one_role,
              help="Write an assessment file to fill in for this role instead (every competency with its "
                   "expectation as a comment); valid as written.")
@click.option("--ladder", "ladder_path", metavar="PATH",
              help="The ladder file: the one a --template refers to (default: the built-in ladder), or the "
                   "one to assess against instead of the ladder each assessment names.")
@click.option("--force", is_flag=True, help="With --template: overwrite an existing file.")
@click.option("--role", "sheet_role", metavar="ROLE_ID", callback=_one_role,
              help="For a workbook of `pmladder export -f xlsx` among ASSESSMENTS: the role whose filled-in "
                   "evidence sheet to read.")
@style_option
def assess(assessments, output, output_dir, fmt, template_role, ladder_path, force, sheet_role, style_name):
    """Make a person's development report from each of ASSESSMENTS: what they are missing for the next level.

    ASSESSMENTS are YAML files (docs/assessment.md). The report shows where the person stands
    against their role and target, the gaps largest first, where self and manager disagree, the
    evidence, and room for a development plan and sign-off. `pmladder assess --template ROLE_ID
    -o me.yaml` writes the file to fill in first; the evidence sheet of a workbook from
    `pmladder export -f xlsx` is read too (with --role).
    """
    if template_role is not None:
        _assessment_template(assessments, output, output_dir, fmt, template_role, ladder_path, force)
        return
    if force:
        raise click.UsageError("--force is for --template (a report always replaces its older self)")
    if not assessments:
        raise click.UsageError("which assessment? give a file (or --template ROLE_ID to start one)")
    if output and len(assessments) > 1:
        raise click.UsageError("-o/--output takes one assessment; use --output-dir for several")
    from .load.evidence_sheet import is_workbook, load_evidence_sheet

    if any(is_workbook(s) for s in assessments) and not sheet_role:
        raise click.UsageError("a workbook holds an evidence sheet per role: give --role ROLE_ID")
    if output and output_dir:
        raise click.UsageError("give -o/--output or --output-dir, not both")
    from .load.assessment import load_assessment
    from .load.style import load_style

    chosen = _choose_format("report", fmt, output)
    plan = _plan(assessments, output, output_dir, chosen, lambda source: source)
    style = load_style(style_name)
    _refuse_terminal(chosen, plan[0][1])
    inputs = [*(("an assessment", s) for s in assessments), *_style_inputs(style),
              *([("--ladder", ladder_path)] if ladder_path else [])]
    _refuse_clobbering([(target, source) for source, target in plan], inputs)
    ladder = load_ladder(ladder_path) if ladder_path else None
    if chosen.name == "pdf":
        from .outputs.pdf import report  # noqa: F401  (the renderer and ReportLab, imported before the freeze)
    _freeze_imports()

    def render(source, target):
        if is_workbook(source):
            assessment = load_evidence_sheet(source, sheet_role, ladder=ladder)
        else:
            assessment = load_assessment(source, ladder=ladder)
        if assessment.ladder.source:
            _refuse_clobbering([(target, source)], [("its ladder", assessment.ladder.source)])
        return _write(target, chosen.render(assessment, style=style))

    _render_all(plan, render)


def _assessment_template(assessments, output, output_dir, fmt, role_id, ladder_path, force) -> None:
    if assessments or output_dir or fmt:
        given = "ASSESSMENTS" if assessments else ("--output-dir" if output_dir else "--format")
        raise click.UsageError(f"--template writes one new file with -o; {given} is for reports")
    if not output:
        raise click.UsageError("where to? give -o PATH ('-' for standard output)")
    if force and output == STDOUT:
        raise click.UsageError("--force overwrites a file; standard output has nothing to overwrite")
    chosen = _choose_format("assessment-template", None, output)
    _refuse_clobbering([(output, "-o")], [("the ladder", _ladder_path(ladder_path))])
    model = load_ladder(ladder_path)
    _require_roles(model, "--template", [role_id])
    ladder_file = None
    if ladder_path:  # the assessment names its ladder relative to where it is written
        here = os.path.dirname(os.path.abspath(output)) if output != STDOUT else os.getcwd()
        ladder_file = os.path.relpath(os.path.abspath(ladder_path), here)
    written, _ = _write(output, chosen.render(model, role_id, ladder_file=ladder_file), overwrite=force)
    if written != STDOUT:
        _say(f"wrote {written}; fill it in, then run: pmladder assess {written}")


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


_OWN_PROCESS = "pmladder's own process"  # the context object main() runs the commands with


def main() -> None:  # the console script and python -m pmladder
    try:
        cli(obj=_OWN_PROCESS)
    finally:
        # The work is done (or reported): a Ctrl-C now would only print a traceback at exit.
        signal.signal(signal.SIGINT, signal.SIG_IGN)

