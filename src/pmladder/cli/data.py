"""Commands that write or read a ladder as tables and data: matrix, export, import."""

from __future__ import annotations

from pathlib import Path

import click

from ..load.ladder import load_ladder
from ..outputs import registry
from ..outputs.atomic import STDOUT
from .command import _say, cli
from .options import format_option, ladder_argument, output_option
from .plan import _announce, _choose_format, _ladder_path, _refuse_clobbering, _refuse_terminal, _write


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


@cli.command("import")
@click.argument("sheet", type=click.Path(allow_dash=False))  # a folder: the reader says so (exit 1)
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
    from ..load.fromsheet import import_sheet

    imported = import_sheet(sheet, layout)
    written, _ = _write(output, registry.Rendered(imported.text.encode("utf-8")), overwrite=force)
    if written != STDOUT:
        ladder = imported.ladder
        _say(f"wrote {written} ({len(ladder.roles)} roles, {len(ladder.dimensions)} dimensions); "
             f"check it with: pmladder validate {written}")
