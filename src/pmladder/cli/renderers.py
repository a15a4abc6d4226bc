"""Commands that render a ladder for people: chart, pdf, html. Each imports its renderer (and
matplotlib or ReportLab) only when it runs."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..load.ladder import load_ladder
from .command import _freeze_imports, cli
from .options import (
    PartNames,
    RoleIds,
    _flat,
    format_option,
    highlight_option,
    ladder_argument,
    output_option,
    style_option,
)
from .plan import (
    DEFAULT_OUTPUT_DIR,
    _announce,
    _choose_format,
    _format_flag,
    _ladder_path,
    _plan,
    _refuse_clobbering,
    _refuse_output_mixups,
    _refuse_terminal,
    _render_all,
    _require_roles,
    _style_inputs,
    _write,
)


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
    from ..load.style import load_style
    from ..outputs.chart.size import parse_size  # not .render: a refused run never loads matplotlib

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
    from ..outputs.chart import render  # noqa: F401  (the renderer and matplotlib, imported before the freeze)

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
@click.option("--parts", "parts", multiple=True, type=PartNames(),
              help="Print only these parts: cover, contents, introduction, chart, roles, matrix, worksheets "
                   "(comma-separated or repeated; they print in that order).")
@click.option("--without", "without", multiple=True, type=PartNames(),
              help="Leave these parts out of the handout (comma-separated or repeated).")
@click.option("--prepend", multiple=True, metavar="PDF", help="A PDF to put before the ladder pages (repeatable).")
@click.option("--append", "append_", multiple=True, metavar="PDF", help="A PDF to put after them (repeatable).")
def pdf(ladders, output, output_dir, fmt, style_name, page_size, role_ids, highlight, worksheet, parts, without,
        prepend, append_):
    """Lay out the printed handout of each of LADDERS (cover, contents, chart, a page per role, matrix).

    --parts and --without choose what it holds: `--parts chart` is a one-page overview,
    `--parts roles` the role pages alone, `--without matrix` all but the matrix. With --role, an
    excerpt for an onboarding packet (its chart, roles and worksheets); --prepend and --append
    merge the team's own PDFs (a welcome letter, a handbook) around it.
    """
    from ..content import handout_parts
    from ..errors import RenderError
    from ..load.style import load_style

    chosen_parts = _flat(parts) if parts else None
    try:  # a contradiction in the command line, found before any file is read
        handout_parts(chosen_parts, without=_flat(without), worksheet=worksheet, excerpt=bool(role_ids))
    except RenderError as exc:
        raise click.UsageError(f"{exc} (--parts, --without)") from None
    _refuse_output_mixups(len(ladders), output, output_dir)
    chosen = _choose_format("handout", fmt, output)
    sources = list(ladders) or [None]
    plan = _plan(sources, output, output_dir, chosen, _ladder_path)
    style = load_style(style_name).with_page_size(page_size)
    _refuse_terminal(chosen, plan[0][1])
    inputs = [*(("a ladder", _ladder_path(s)) for s in sources), *_style_inputs(style),
              *(("--prepend", p) for p in prepend), *(("--append", p) for p in append_)]
    _refuse_clobbering([(target, _ladder_path(source)) for source, target in plan], inputs)
    ids = _flat(role_ids)
    from ..outputs.pdf import handout  # noqa: F401  (the renderer and ReportLab, imported before the freeze)

    _freeze_imports()

    def render(source, target):
        model = load_ladder(source)
        _require_roles(model, "--role", ids)
        _require_roles(model, "--highlight", [highlight] if highlight else [])
        rendered = chosen.render(model, style=style, roles=ids, highlight=highlight, worksheet=worksheet,
                                 parts=chosen_parts, without=_flat(without), prepend=prepend, append=append_)
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
    from ..load.style import load_style

    _refuse_output_mixups(len(ladders), output, output_dir)
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
