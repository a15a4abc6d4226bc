"""The outputs registry: for each kind of output, its formats (name -> render function, suffixes).

The command line takes its `--format` choices, suffix checks and defaults from here, and every
coming output (a web page, a workbook) adds its formats here. Each render function imports its
renderer when it is first called, so this module (and the light commands) import neither
ReportLab nor matplotlib.

Render functions take the ladder and the output's options and return `Rendered`:
- chart:   render(ladder, *, style, highlight, radar, size, dpi)
- handout: render(ladder, *, style, roles, highlight, worksheet, parts, without, prepend, append)
- matrix:  render(ladder)
- starter: render()
- report:  render(assessment, *, style)
- assessment-template: render(ladder, role_id, *, ladder_file)
- export:  render(ladder) (csv: render(ladder, *, bom))
- schema:  render()
- page:    render(ladder, *, style, highlight)
"""

from collections.abc import Callable
from typing import NamedTuple


class Rendered(NamedTuple):
    """A rendered file, and notes for the user about how it was made (the output is fine)."""

    data: bytes
    notes: tuple[str, ...] = ()


class Format(NamedTuple):
    name: str  # what `--format` takes
    suffixes: tuple[str, ...]  # file names ending in these get this format; the first is the default
    binary: bool  # never written to a terminal
    description: str
    render: Callable[..., Rendered]


def _chart(fmt: str) -> Callable[..., Rendered]:
    def render(ladder, **options) -> Rendered:
        from .chart.render import chart_file

        return chart_file(ladder, fmt, **options)

    return render


def _handout(ladder, **options) -> Rendered:
    from ..api import render_pdf

    return Rendered(render_pdf(ladder, **options))


def _table(name: str) -> Callable[..., Rendered]:
    def render(ladder) -> Rendered:
        from . import tables

        return Rendered(getattr(tables, name)(ladder).encode("utf-8"))

    return render


def _json(ladder) -> Rendered:
    from .json_export import to_json

    return Rendered(to_json(ladder).encode("utf-8"))


def _workbook(ladder) -> Rendered:
    from .workbook import to_xlsx

    return Rendered(to_xlsx(ladder))


def _csv(ladder, *, bom: bool = False) -> Rendered:
    """The matrix as CSV; with `bom`, a UTF-8 byte order mark, by which Excel knows the encoding
    (without one it reads accents in the machine's code page)."""
    from .tables import to_csv

    return Rendered(("\ufeff" if bom else "").encode("utf-8") + to_csv(ladder).encode("utf-8"))


def _schema(*, assessment: bool = False) -> Rendered:
    if assessment:
        from ..load.assessment import schema_text as assessment_schema

        return Rendered(assessment_schema().encode("utf-8"))
    from ..load.schema import schema_text

    return Rendered(schema_text().encode("utf-8"))


def _starter() -> Rendered:
    from ..load.starter import starter_text

    return Rendered(starter_text().encode("utf-8"))


def _report_pdf(assessment, **options) -> Rendered:
    from .pdf.report import render_report_pdf

    return Rendered(render_report_pdf(assessment, **options))


def _report_md(assessment, **options) -> Rendered:
    from ..content.report import report
    from .report_md import report_markdown

    return Rendered(report_markdown(report(assessment)).encode("utf-8"))


def _report_html(assessment, **options) -> Rendered:
    from .html.report import render_report_html

    return Rendered(render_report_html(assessment, **options))


def _assessment_template(ladder, role_id, **options) -> Rendered:
    from .template import assessment_template

    return Rendered(assessment_template(ladder, role_id, **options).encode("utf-8"))


def _page(ladder, **options) -> Rendered:
    from .html.page import render_html

    return Rendered(render_html(ladder, **options))


OUTPUTS: dict[str, dict[str, Format]] = {
    "chart": {
        "png": Format("png", (".png",), True, "PNG image", _chart("png")),
        "svg": Format("svg", (".svg",), False, "SVG with editable text", _chart("svg")),
        "pdf": Format("pdf", (".pdf",), True, "PDF with embedded fonts", _chart("pdf")),
    },
    "handout": {"pdf": Format("pdf", (".pdf",), True, "PDF document", _handout)},
    "matrix": {
        "md": Format("md", (".md", ".markdown"), False, "Markdown table", _table("to_markdown")),
        "csv": Format("csv", (".csv",), False, "CSV for spreadsheets", _table("to_csv")),
    },
    "export": {
        "json": Format("json", (".json",), False, "JSON: the ladder document and its resolved model", _json),
        "xlsx": Format("xlsx", (".xlsx",), True, "Excel workbook: matrix and evidence sheets, imports back", _workbook),
        "csv": Format("csv", (".csv",), False, "CSV of the matrix for spreadsheets", _csv),
    },
    "schema": {"json": Format("json", (".json",), False, "JSON Schema, draft 2020-12", _schema)},
    "starter": {"yaml": Format("yaml", (".yaml", ".yml"), False, "YAML ladder file", _starter)},
    "report": {
        "pdf": Format("pdf", (".pdf",), True, "PDF to print", _report_pdf),
        "md": Format("md", (".md", ".markdown"), False, "Markdown for a 1:1 document", _report_md),
        "html": Format("html", (".html", ".htm"), False, "one self-contained web page", _report_html),
    },
    "page": {"html": Format("html", (".html", ".htm"), False, "one self-contained web page", _page)},
    "assessment-template": {
        "yaml": Format("yaml", (".yaml", ".yml"), False, "YAML assessment file", _assessment_template),
    },
}


def formats(output: str) -> dict[str, Format]:
    """The formats of one output, its default first."""
    return OUTPUTS[output]


def by_suffix(output: str, suffix: str) -> Format | None:
    """The format a file name ending in `suffix` (like '.png', any case) asks for, if any."""
    suffix = suffix.lower()
    return next((f for f in OUTPUTS[output].values() if suffix in f.suffixes), None)


def suffixes(output: str) -> tuple[str, ...]:
    return tuple(s for f in OUTPUTS[output].values() for s in f.suffixes)
