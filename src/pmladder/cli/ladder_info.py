"""Commands about a ladder and the format: validate, roles, styles, init, schema, upgrade."""

from __future__ import annotations

import sys

import click

from ..errors import LadderError, OutputError, PmladderError
from ..load.ladder import load_ladder
from ..outputs import registry
from ..outputs.atomic import STDOUT
from .command import _say, cli
from .options import format_option, ladder_argument, output_option
from .plan import _announce, _choose_format, _refuse_clobbering, _write


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
@click.argument("file", type=click.Path())  # a folder: the reader says so (exit 1)
@click.option("-o", "--output", metavar="PATH",
              help="Write the upgraded ladder to PATH ('-' for standard output) and leave FILE as it is.")
def upgrade(file, output):
    """Rewrite FILE, a ladder file, in the newest format (schema: 2), keeping its comments.

    Only the schema line changes (or is added): comments, blank lines and quoting stay as
    written. A file that does not load is reported and left untouched; the new file replaces
    the old one only once it is complete.
    """
    from ..load.ladder import SCHEMA_VERSION, read_input
    from ..load.upgrade import upgrade_text

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
    from ..load.style import builtin_styles, load_style

    for name in builtin_styles():
        _say(f"{name:<14} {load_style(name).description}")
