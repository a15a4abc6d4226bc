"""The benchmark's comparison: the default handout's text and chart laid out by WeasyPrint.

usage: weasy_handout.py LADDER.yaml CHART.svg OUT.pdf

Same content as `pmladder pdf` (cover, intro, chart, a page per role, the matrix), as HTML.
It reads the ladder with PyYAML directly so that it pays for no pmladder code.
"""

from __future__ import annotations

import html
import sys

import weasyprint
import yaml


def main(ladder_path: str, chart_path: str, out: str) -> None:
    data = yaml.safe_load(open(ladder_path, encoding="utf-8"))
    meta, roles, dims = data["ladder"], data["roles"], data.get("dimensions", [])
    e = html.escape
    parts = [f"<h1>{e(meta['title'])}</h1><p>{e(meta.get('subtitle', ''))}</p>"]
    for section in meta.get("intro", []):
        parts.append(f"<h2>{e(section['heading'])}</h2>")
        parts += [f"<p>{e(p)}</p>" for p in section["body"].split("\n\n")]
    parts.append(f"<div class=page><img src='{e(chart_path)}' style='width:100%'></div>")
    for role in roles:
        parts.append(f"<div class=page><h2>{e(role['title'])}</h2><p>{e(role['summary'])}</p>")
        for key in ("responsibilities", "skills"):
            parts.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in role.get(key, [])) + "</ul>")
        parts.append("<table>" + "".join(
            f"<tr><th>{e(d['name'])}</th><td>{e(str(role['dimensions'].get(d['id'], '')))}</td></tr>" for d in dims
        ) + "</table></div>")
    header = "".join(f"<th>{e(r['title'])}</th>" for r in roles)
    rows = "".join(
        f"<tr><th>{e(d['name'])}</th>" + "".join(f"<td>{e(str(r['dimensions'].get(d['id'], '')))}</td>" for r in roles) + "</tr>"
        for d in dims
    )
    parts.append(f"<div class='page wide'><table><tr><th></th>{header}</tr>{rows}</table></div>")
    css = ("@page { size: letter; margin: 19mm } @page wide { size: letter landscape } .wide { page: wide }"
           " .page { break-before: page } body { font-family: 'DejaVu Sans'; font-size: 10pt }"
           " table { border-collapse: collapse; font-size: 8.5pt } td, th { border: 0.5pt solid #ccc; padding: 3pt }")
    weasyprint.HTML(string=f"<html><head><style>{css}</style></head><body>{''.join(parts)}</body></html>",
                    base_url=".").write_pdf(out)


if __name__ == "__main__":
    main(*sys.argv[1:4])
