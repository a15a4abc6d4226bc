"""The assess command: a person's development report, or the assessment file to fill in first."""

from __future__ import annotations

import os

import click

from ..load.ladder import load_ladder
from ..outputs.atomic import STDOUT
from .command import _freeze_imports, _say, cli
from .options import _one_role, format_option, output_option, style_option
from .plan import (
    _choose_format,
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
    _refuse_output_mixups(len(assessments), output, output_dir, "assessment")
    from ..load.evidence_sheet import is_workbook, load_evidence_sheet

    if any(is_workbook(s) for s in assessments) and not sheet_role:
        raise click.UsageError("a workbook holds an evidence sheet per role: give --role ROLE_ID")
    from ..load.assessment import load_assessment
    from ..load.style import load_style

    chosen = _choose_format("report", fmt, output)
    plan = _plan(assessments, output, output_dir, chosen, lambda source: source)
    style = load_style(style_name)
    _refuse_terminal(chosen, plan[0][1])
    inputs = [*(("an assessment", s) for s in assessments), *_style_inputs(style),
              *([("--ladder", ladder_path)] if ladder_path else [])]
    _refuse_clobbering([(target, source) for source, target in plan], inputs)
    ladder = load_ladder(ladder_path) if ladder_path else None
    if chosen.name == "pdf":
        from ..outputs.pdf import report  # noqa: F401  (the renderer and ReportLab, imported before the freeze)
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
