"""The development report as Markdown, for the 1:1 document: the same content as the PDF.

Everything from the ladder and the assessment is escaped (outputs/escape.py): a person's note
that starts with '#' or holds `<img>` prints as written, never as markup.
"""

from __future__ import annotations

from ..content.report import Report
from .escape import markdown_cell, markdown_text


def _evidence_line(text: str, date: str | None, link: str | None) -> str:
    line = markdown_text(text)
    if date:
        line = f"{markdown_cell(date)}: {line}"
    if link:
        line += f" ({markdown_cell(link)})"
    return line


def report_markdown(report: Report) -> str:
    w = report.words
    out = [f"# {markdown_cell(report.title)}", "", markdown_text(report.cover.text), ""]
    if report.radar:  # the radar's numbers, as a table
        series = report.radar.series
        out += [f"| {markdown_cell(w['competency'])} | " + " | ".join(markdown_cell(s.label) for s in series) + " |",
                "| --- |" + " ---: |" * len(series)]
        out += [f"| {markdown_cell(name)} | " + " | ".join(markdown_cell(c) for c in cells) + " |"
                for name, cells in report.radar_rows]
        out.append("")
    for view in report.targets:
        out += [f"## {markdown_cell(view.missing_heading)}", ""]
        if not view.gaps:
            out += [markdown_text(view.nothing_missing), ""]
        else:
            heads = (w["competency"], w["gap"], w["now"], w["target"])
            out += ["| " + " | ".join(markdown_cell(h) for h in heads) + " |", "| --- | ---: | --- | --- |"]
            for gap in view.gaps:
                out.append(f"| {markdown_cell(gap.dimension.name)} | {gap.size_text} | {markdown_cell(gap.current)} "
                           f"| {markdown_cell(gap.expected)} |")
            out.append("")
            for gap in view.gaps:
                if gap.unmet:
                    out += [markdown_text(gap.unmet_heading), ""]
                    out += [f"- {markdown_text(s)}" for s in gap.unmet]
                    out.append("")
        out += [f"### {markdown_cell(view.at_target_heading)}", ""]
        if view.at_target:
            out += [f"- {markdown_text(a.line)}" for a in view.at_target]
        else:
            out.append(markdown_text(w["nothing_at_target"]))
        out.append("")
    out += [f"## {markdown_cell(w['disagree'])}", ""]
    if report.disagreements:
        heads = (w["competency"], w["self"], w["manager"])
        out += ["| " + " | ".join(markdown_cell(h) for h in heads) + " |", "| --- | --- | --- |"]
        out += [f"| {markdown_cell(d.dimension.name)} | {markdown_cell(d.self_rating)} | "
                f"{markdown_cell(d.manager_rating)} |" for d in report.disagreements]
    else:
        out.append(markdown_text(w["no_disagreement"]))
    out.append("")
    if report.not_assessed:
        out += [f"## {markdown_cell(w['not_assessed'])}", ""]
        out += [f"- {markdown_text(d.name)}" for d in report.not_assessed]
        out.append("")
    out += [f"## {markdown_cell(w['competencies'])}", ""]
    for notes in report.competencies:
        out += [f"### {markdown_cell(notes.dimension.name)}", ""]
        out += [f"- {markdown_text(title)}: {markdown_cell(text)}" for title, text in notes.expectations]
        out += [f"- {markdown_text(who)}: {markdown_cell(text)}" for who, text in notes.ratings]
        out += [f"- {markdown_text(line)}" for line in notes.meets]
        out.append("")
        if notes.evidence:
            out += [f"- {_evidence_line(e.text, e.date, e.link)}" for e in notes.evidence]
        else:
            out.append(f"*{markdown_cell(w['no_evidence'])}*")
        out.append("")
    out += [f"## {markdown_cell(w['plan'])}", "", markdown_text(w["plan_hint"]), ""]
    out += [f"- {markdown_text(item)}" for item in report.plan]
    out += ["- " for _ in range(max(2, report.plan_lines - len(report.plan)) // 2)]
    out += ["", f"## {markdown_cell(w['signoff'])}", ""]
    for line in report.signoff:
        out += [f"{markdown_cell(line)}: ____________________  {markdown_cell(w['date'])}: __________", ""]
    return "\n".join(out).rstrip("\n") + "\n"
