"""The pmladder command line: a thin click layer over the library.

Commands parse options, call one library function, and hand bytes to output.write_output.
Library errors become `Error: ...` lines and exit status 1; click's usage errors exit 2.
Heavy libraries are imported inside the commands that need them, so `--help`, `validate`
and the other light commands start fast.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

import click

from . import __version__
from .errors import PmladderError
from .load.ladder import load_ladder
from .outputs.atomic import STDOUT, write_output

DEFAULT_OUTPUT_DIR = "output"


class _Command(click.Command):
    """Reports library errors as `Error: ...` (exit 1) and Ctrl-C as exit 130, never a traceback."""

    def invoke(self, ctx):
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = super().invoke(ctx)
            _report_warnings(caught)
            return result
        except PmladderError as exc:
            for line in exc.lines:
                click.echo(f"Error: {line}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted; no partly written file was left behind.", err=True)
            ctx.exit(130)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # `pmladder matrix | head`: the reader has all it wanted
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so Python's exit flush does not fail again
            ctx.exit(1)
        except Exception as exc:  # a bug of ours: say so in one line, never a traceback
            if os.environ.get("PMLADDER_DEBUG"):
                raise
            click.echo(f"Error: internal error ({type(exc).__name__}: {str(exc)[:200]}); nothing was written. "
                       "Please report it; PMLADDER_DEBUG=1 shows the details.", err=True)
            ctx.exit(1)


def _report_warnings(caught) -> None:
    seen = set()
    for warning in caught:
        message = str(warning.message)
        if warning.category.__module__.startswith("pmladder") and message not in seen:
            seen.add(message)
            click.echo(f"Warning: {message}", err=True)


class _Group(click.Group):
    command_class = _Command

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **kwargs)
        except KeyboardInterrupt:  # pragma: no cover - raised outside a command (rare)
            click.echo("Interrupted.", err=True)
            sys.exit(130)


ladder_argument = click.argument("ladder", required=False, type=click.Path(dir_okay=True, allow_dash=False))
style_option = click.option("--style", "style_name", metavar="NAME|PATH", help="A built-in style name or a style file.")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pmladder")
def cli():
    """Turn a career ladder written in YAML into a printed handout, slide charts and wiki tables.

    Without a LADDER argument every command uses the built-in Product Management ladder.
    """


@cli.command()
@click.argument("ladders", nargs=-1, type=click.Path(dir_okay=True))
def validate(ladders):
    """Check ladder files and report every problem with its line."""
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
        click.echo(f"{shown}: ok ({len(ladder.roles)} roles, {len(ladder.dimensions)} dimensions)")
    if failed:
        sys.exit(1)


@cli.command()
@ladder_argument
def roles(ladder):
    """List the roles: level, track, id and title."""
    model = load_ladder(ladder)
    rows = [("LEVEL", "TRACK", "ID", "TITLE")]
    for role in model.ordered_roles:
        track = model.track(role.track)
        rows.append((str(role.level), track.name if track else "-", role.id, role.title))
    widths = [max(_display_width(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = (cell + " " * (widths[i] - _display_width(cell)) for i, cell in enumerate(row[:3]))
        click.echo("  ".join(cells) + "  " + row[3])


def _display_width(text: str) -> int:
    """Terminal columns: East Asian wide characters take two, so Japanese track names still align."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@cli.command()
@ladder_argument
@click.option("--format", "fmt", type=click.Choice(["md", "csv"]), default="md", show_default=True)
def matrix(ladder, fmt):
    """Print the comparison matrix (dimensions x roles) as Markdown or CSV."""
    from .outputs.tables import to_csv, to_markdown

    model = load_ladder(ladder)
    click.echo(to_markdown(model) if fmt == "md" else to_csv(model), nl=False)


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path, force):
    """Write a commented starter ladder to PATH (a copy of the default, with guidance)."""
    from .load.starter import starter_text

    written = write_output(path, starter_text().encode("utf-8"), overwrite=force)
    click.echo(f"wrote {written}; edit it, then run: pmladder validate {written}")


@cli.command()
def styles():
    """List the built-in styles."""
    from .load.style import builtin_styles, load_style

    for name in builtin_styles():
        click.echo(f"{name:<14} {load_style(name).description}")


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


def _announce(path: str) -> None:
    if path != STDOUT:
        click.echo(path)


@cli.command()
@ladder_argument
@click.option("--png", "fmt", flag_value="png", help="PNG (the default).")
@click.option("--svg", "fmt", flag_value="svg", help="SVG with editable text.")
@click.option("--pdf", "fmt", flag_value="pdf", help="PDF with embedded fonts.")
@click.option("-o", "--output", metavar="PATH", help="Where to write ('-' for stdout); the suffix may set the format.")
@click.option("--size", default="slide", show_default=True, metavar="slide|square|WxH", help="Size in pixels.")
@click.option("--dpi", type=click.IntRange(36, 1200), default=144, show_default=True)
@click.option("--highlight", metavar="ROLE_ID", help="Mark one role as 'You are here'.")
@click.option("--radar", metavar="ID,ID,...", help="Draw a competency radar of these roles instead.")
@style_option
def chart(ladder, fmt, output, size, dpi, highlight, radar, style_name):
    """Draw the ladder diagram (or a competency radar) for slides and the web."""
    from .load.style import load_style
    from .outputs.chart.render import FORMATS, figure_bytes, parse_size, render_chart, render_radar

    _freeze_imports()
    if fmt is None:
        suffix = Path(output).suffix.lower().lstrip(".") if output and output != STDOUT else ""
        fmt = suffix if suffix in FORMATS else "png"
    try:
        parse_size(size)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--size") from None
    model = load_ladder(ladder)
    style = load_style(style_name)
    if radar is not None:
        ids = [part.strip() for part in radar.split(",") if part.strip()]
        # A radar is round: square unless the user asked for a size.
        explicit = click.get_current_context().get_parameter_source("size") != click.core.ParameterSource.DEFAULT
        figure = render_radar(model, ids, style=style, size=size if explicit else "square", dpi=dpi)
        default_name = f"{model.name}-radar.{fmt}"
    else:
        figure = render_chart(model, style=style, highlight=highlight, size=size, dpi=dpi)
        default_name = f"{model.name}-chart.{fmt}"
    for note in getattr(figure, "pmladder_notes", ()):
        click.echo(f"Note: {note}", err=True)
    data = figure_bytes(figure, fmt, style=style, dpi=dpi)
    _announce(write_output(output or os.path.join(DEFAULT_OUTPUT_DIR, default_name), data))


@cli.command()
@click.argument("ladders", nargs=-1, type=click.Path(dir_okay=True))
@click.option("-o", "--output", metavar="PATH", help="Where to write ('-' for stdout); one ladder only.")
@click.option("--output-dir", metavar="DIR", help="Folder for the PDFs of several ladders.", default=None)
@style_option
@click.option("--page-size", type=click.Choice(["letter", "a4"]), help="Overrides the style's page size.")
@click.option("--role", "role_ids", multiple=True, metavar="ROLE_ID", help="Excerpt: this role's pages (repeatable).")
@click.option("--highlight", metavar="ROLE_ID", help="Mark one role as 'You are here' on the chart.")
@click.option("--worksheet", is_flag=True, help="Add an evidence page per role for 1:1s.")
@click.option("--prepend", multiple=True, metavar="PDF", help="A PDF to put before the ladder pages (repeatable).")
@click.option("--append", "append_", multiple=True, metavar="PDF", help="A PDF to put after them (repeatable).")
def pdf(ladders, output, output_dir, style_name, page_size, role_ids, highlight, worksheet, prepend, append_):
    """Lay out the printed handout (cover, contents, chart, a page per role, matrix).

    With --role, an excerpt for an onboarding packet; --prepend and --append merge the team's
    own PDFs (a welcome letter, a handbook) around it.
    """
    from .api import render_pdf
    from .load.style import load_style
    from .outputs.pdf import handout  # noqa: F401  (the renderer and ReportLab, imported before the freeze)

    _freeze_imports()
    if output and len(ladders) > 1:
        raise click.UsageError("-o/--output takes one ladder; use --output-dir for several")
    if output and output_dir:
        raise click.UsageError("give -o/--output or --output-dir, not both")
    style = load_style(style_name).with_page_size(page_size)
    sources = list(ladders) or [None]

    def render(source):
        model = load_ladder(source)
        data = render_pdf(model, style=style, roles=role_ids, highlight=highlight, worksheet=worksheet,
                          prepend=prepend, append=append_)
        target = output or os.path.join(output_dir or DEFAULT_OUTPUT_DIR, f"{model.name}.pdf")
        return write_output(target, data)

    if len(sources) == 1:
        _announce(render(sources[0]))
        return
    written, failures = [], []
    with click.progressbar(sources, label="Rendering", file=sys.stderr, show_pos=True) as bar:
        for source in bar:
            try:
                written.append(render(source))
            except PmladderError as exc:
                failures.extend(exc.lines)
    for path in written:
        click.echo(path)
    if failures:
        raise _Failures(failures)


class _Failures(PmladderError):
    """Some ladders of a batch failed; the others were written."""

    def __init__(self, lines):
        super().__init__("\n".join(lines))


_OWN_PROCESS = "pmladder's own process"  # the context object main() runs the commands with


def main() -> None:  # the console script and python -m pmladder
    cli(obj=_OWN_PROCESS)
