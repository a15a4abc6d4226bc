"""`pmladder assess`: assessment files, the report's content, its PDF and Markdown, the template."""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, norm, pdf_texts
from pmladder.cli import cli
from pmladder.content.report import report
from pmladder.errors import AssessmentError
from pmladder.load import reader
from pmladder.load.assessment import LadderVersionWarning, load_assessment
from pmladder.load.ladder import load_ladder
from pmladder.load.style import load_style
from pmladder.outputs.pdf.report import render_report_pdf
from pmladder.outputs.report_md import report_markdown
from pmladder.outputs.template import assessment_template

EXAMPLES = ROOT / "data" / "examples"
PM = str(EXAMPLES / "assessment-pm.yaml")
DESIGN = str(EXAMPLES / "assessment-design-two-track.yaml")
DESIGN_LADDER = EXAMPLES / "design-two-track.yaml"


@pytest.fixture(scope="module")
def pm_pdf() -> bytes:
    return render_report_pdf(load_assessment(PM), load_style(None))


def problems(path: str) -> list[str]:
    with pytest.raises(AssessmentError) as caught:
        load_assessment(path)
    return [str(p) for p in caught.value.problems]


class TestContent:
    def test_gaps_come_largest_first_with_the_targets_statements_not_met(self):
        view = report(load_assessment(PM)).targets[0]
        assert view.target.id == "spm"
        # customer 3 -> 5 and leadership (the manager's 1) -> 3 are two points; the rest one.
        assert [(g.dimension.id, g.size) for g in view.gaps] == [
            ("customer", 2), ("leadership", 2), ("scope", 1), ("strategy", 1), ("communication", 1), ("business", 1)]
        assert view.gaps[2].unmet == ("Several products or a larger portfolio",)
        assert [a.dimension.id for a in view.at_target] == ["decisions", "partners", "execution"]

    def test_the_managers_rating_counts_and_two_points_apart_is_a_disagreement(self):
        found = report(load_assessment(PM))
        leadership = next(g for g in found.targets[0].gaps if g.dimension.id == "leadership")
        assert leadership.current == "1 of 5"  # self 3, manager 1
        assert [(d.dimension.id, d.self_rating, d.manager_rating) for d in found.disagreements] == [
            ("leadership", "3 of 5", "1 of 5")]  # strategy is 3 against 2: one point, not listed
        assert [d.id for d in found.not_assessed] == ["focus", "people", "horizon"]

    def test_two_tracks_give_one_view_per_target_and_skip_the_other_tracks_competencies(self):
        found = report(load_assessment(DESIGN))
        staff, manager = found.targets
        assert [g.dimension.id for g in staff.gaps] == ["interaction", "visual", "systems", "partners", "feedback"]
        assert [g.dimension.id for g in manager.gaps] == ["interaction", "partners", "hiring"]
        assert "systems" not in [a.dimension.id for a in manager.at_target]  # an IC-only competency
        assert next(g for g in manager.gaps if g.dimension.id == "hiring").unmet == (
            "Writes the role's expectations before opening it",)
        assert [s.kind for s in found.radar.series] == ["role", "target", "target", "self", "manager"]
        assert found.cover.text == ("Sam Muster \u00b7 Senior Product Designer \u2192 Staff Product Designer, "
                                    "Design Manager \u00b7 2026-11-18 \u00b7 Product Design Ladder \u00b7 Version 2026.1")

    def test_a_top_role_without_a_target_is_assessed_against_itself(self, write):
        path = write("role: cpo\ncompetencies:\n  strategy: {self: 4}\n", "top.yaml")
        found = report(load_assessment(path))
        assert [t.target.id for t in found.targets] == ["cpo"]
        assert found.cover.text.startswith("Chief Product Officer \u00b7 Product Management")
        assert [g.dimension.id for g in found.targets[0].gaps] == ["strategy"]


def test_a_ladder_in_another_language_prints_its_report_in_it(tmp_path):
    import yaml

    data = yaml.safe_load((ROOT / "data" / "product-management.yaml").read_text(encoding="utf-8"))
    data["ladder"]["labels"] = {"report_missing": "Czego mi brakuje do: {role}", "report_points": "{n} pkt",
                                "report_gap": "Luka", "report_rating_of": "{value}/{scale}"}
    (tmp_path / "ladder.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "me.yaml").write_text("ladder: {file: ladder.yaml}\nrole: pm\ncompetencies:\n"
                                      "  customer: {self: 2}\n", encoding="utf-8")
    text = report_markdown(report(load_assessment(tmp_path / "me.yaml")))
    assert "## Czego mi brakuje do: Senior Product Manager" in text
    assert "| Competency | Luka | Now | Target |" in text and "| Customer &amp; market insight | 3 pkt | 2/5 | 5/5 |" in text


class TestPdf:
    def test_the_pdf_shows_the_gaps_in_order_and_the_evidence(self, pm_pdf):
        text = norm(" ".join(pdf_texts(pm_pdf)))
        missing = text.index(norm("What I am missing for Senior Product Manager"))
        order = [text.index(norm(name), missing) for name in
                 ("Customer & market insight2 points", "Leadership & influence2 points", "Scope\u2022Several products or a larger portfolio1 statement",
                  "Product strategy1 point", "Communication1 point", "Business acumen1 point")]
        assert order == sorted(order)
        assert norm("Several products or a larger portfolio") in text[missing:]
        assert norm("2026-10-14: Wrote the checkout strategy for 2027 and presented it to the leadership team "
                    "(Strategy doc: Checkout 2027 (team drive))") in text
        assert norm("Mentored our new APM through their first launch") in text
        for heading in ("Already at the Senior Product Manager level", "Where my manager and I see it differently",
                        "Development plan", "Own the pricing discovery in Q1 with the finance team",
                        "Signed (me)", "Signed (manager)"):
            assert norm(heading) in text

    def test_pages_after_the_first_say_whose_report_they_are(self, pm_pdf, write):
        header = "Development report \u00b7 Alex Example \u00b7 Product Manager \u2192 Senior Product Manager \u00b7 2026-11-20"
        pages = [page.splitlines() for page in pdf_texts(pm_pdf)]
        assert len(pages) > 1
        assert header not in pages[0]  # page 1 has the title and the cover line instead
        assert all(lines.count(header) == 1 for lines in pages[1:])
        # Without a name or a date the header says what is known: the role and the target.
        text = Path(PM).read_text(encoding="utf-8")
        path = write(text.replace("person: Alex Example", "person:").replace("date: 2026-11-20", "date:"), "anon.yaml")
        later = pdf_texts(render_report_pdf(load_assessment(path), load_style(None)))[1]
        assert "Development report \u00b7 Product Manager \u2192 Senior Product Manager" in later.splitlines()

    def test_the_radar_names_the_scale_points_on_a_named_scale(self):
        data = render_report_pdf(load_assessment(DESIGN), load_style(None))
        first = norm(pdf_texts(data)[0])
        for label in ("1Learning", "4Shaping", "Self", "Manager", "StaffProductDesigner", "Interactiondesign"):
            assert label in first

    def test_the_metadata_holds_only_what_the_page_shows(self, pm_pdf):
        info = PdfReader(io.BytesIO(pm_pdf)).metadata
        assert info.title == "Development report" and info.author == "Alex Example"
        assert info["/CreationDate"].startswith("D:20261120")  # the assessment's date, printed on page 1
        shown = norm(pdf_texts(pm_pdf)[0])
        for key, value in info.items():
            if key not in ("/Producer", "/Creator", "/CreationDate", "/ModDate", "/Trapped") and value:
                assert norm(str(value)) in shown, key

    def test_the_same_assessment_gives_the_same_bytes_after_other_renders(self, pm_pdf):
        from pmladder.api import render_pdf

        render_pdf(load_ladder(None))
        render_report_pdf(load_assessment(DESIGN), load_style(None))
        assert render_report_pdf(load_assessment(PM), load_style(None)) == pm_pdf


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext is not installed")
def test_each_signer_gets_a_date_field_of_its_own_beside_the_signature(pm_pdf):
    """Not "Signed (me) Date:" run together: the date has its own line, right of the signature's."""
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pm_pdf, capture_output=True, check=True).stdout.decode()
    width, page = re.findall(r'<page width="([\d.]+)"(.*?)</page>', out, re.S)[-1]
    words = [(w, float(x), float(y)) for x, y, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]+)</word>', page)]
    signed = [y for w, _, y in words if w == "Signed"]
    dates = [(x, y) for w, x, y in words if w.rstrip(":") == "Date"]
    assert len(signed) == len(dates) == 2
    for y, (x, y_date) in zip(signed, dates):
        assert abs(y - y_date) < 2 and x > float(width) * 0.6


def test_a_competency_a_series_lacks_is_left_out_not_drawn_at_the_centre():
    from pmladder.scene.elements import Circle, Line, Polygon
    from pmladder.scene.radar import RadarSeries, series_radar_scene

    dims = load_ladder(DESIGN_LADDER).rating_dimensions  # research, interaction, visual, systems
    series = [RadarSeries("Manager", {"research": 2, "interaction": 3, "visual": 2}, "#112233", dashed=True),
              RadarSeries("Self", {"research": 3, "interaction": 3, "visual": 2}, "#445566")]
    scene = series_radar_scene(dims, series, load_style(None), gaps=True)
    dashed = [item for item in scene.items if isinstance(item, Line) and item.color == "#112233"]
    assert len(dashed) == 1 and len(dashed[0].points) == 3  # research -> interaction -> visual, not closed
    assert not any(isinstance(item, Polygon) and item.fill == "#445566" for item in scene.items)  # not filled
    dots = [item for item in scene.items if isinstance(item, Circle) and item.fill == "#445566"]
    centre = next(item for item in scene.items if isinstance(item, Line) and item.kind == "axis").points[0]
    assert len(dots) == 3 and all((d.cx, d.cy) != centre for d in dots)
    solid = [item for item in scene.items if isinstance(item, Line) and item.color == "#445566"]
    assert [len(line.points) for line in solid] == [3]


class TestMarkdown:
    def test_markdown_lists_the_gaps_in_order_with_evidence_under_each_competency(self):
        text = report_markdown(report(load_assessment(PM)))
        assert "| Customer &amp; market insight | 2 points | 3 of 5 | 5 of 5 |" in text
        table = text.split("## What I am missing")[1].split("###")[0]
        assert table.index("Customer") < table.index("Leadership") < table.index("| Scope") < table.index("Business")
        strategy = text.split("### Product strategy")[1].split("###")[0]
        assert "- Self: 3 of 5" in strategy and "- Manager: 2 of 5" in strategy
        assert ("- 2026-10-14: Wrote the checkout strategy for 2027 and presented it to the leadership team "
                "(Strategy doc: Checkout 2027 (team drive))") in strategy

    def test_a_persons_text_never_becomes_markup(self, write):
        path = write("""\
            person: "<img src=x onerror=alert(1)>"
            role: pm
            competencies:
              strategy:
                self: 2
                evidence:
                  - "# not a heading"
                  - text: "[click](javascript:alert(1)) *bold*"
                    link: "1. not a list"
            plan: ["> not a quote"]
            """, "me.yaml")
        text = report_markdown(report(load_assessment(path)))
        assert "<img" not in text and "&lt;img src=x onerror=alert\\(1\\)&gt;" not in text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text
        assert "- \\# not a heading" in text
        assert "\\[click\\](javascript:alert(1)) \\*bold\\* (1. not a list)" in text
        assert "- &gt; not a quote" in text


class TestBadInput:
    def test_every_problem_at_once_with_its_line(self, write):
        path = write("""\
            role: pmm
            target: spm
            competencies:
              stratgy: {self: 3}
              execution: {self: 7, manager: Great}
              scope:
                self: 2
                meets: [Several products]
              business:
                evidence:
                  - {text: ok, date: 2026-13-01}
            """, "bad.yaml")
        assert problems(path) == [
            f"{path}:1: role: no role 'pmm' in the ladder (did you mean 'pm'?)",
            f"{path}:4: competencies.stratgy: unknown competency (did you mean 'strategy'?)",
            f"{path}:5: competencies.execution.self: expected a rating from 1 to 5; got 7",
            f"{path}:5: competencies.execution.manager: expected a rating from 1 to 5; got 'Great'",
            f"{path}:7: competencies.scope.self: 'scope' is described in statements, not rated; "
            "list the statements met under 'meets'",
            f"{path}:8: competencies.scope.meets[0]: not a statement of Senior Product Manager for 'scope' "
            "(did you mean 'Several products or a larger portfolio'?)",
            f"{path}:11: competencies.business.evidence[0].date: expected a date as YYYY-MM-DD, got '2026-13-01'",
        ]

    def test_named_points_and_tracks_are_checked_against_the_ladder(self, write):
        path = write(f"""\
            ladder: {{file: "{DESIGN_LADDER}"}}
            role: designer
            target: ghost
            competencies:
              research: {{self: Mastering}}
              hiring: {{meets: [Runs structured interviews]}}
            """, "design.yaml")
        assert problems(path) == [
            f"{path}:3: target: no role 'ghost' in the ladder; expected one of: associate, designer, senior, "
            "staff, principal, manager, senior-manager",
            f"{path}:5: competencies.research.self: expected a rating from 1 to 4 or one of: Learning, Practicing, "
            "Leading, Shaping; got 'Mastering'",
        ]
        path = write(f'ladder: {{file: "{DESIGN_LADDER}"}}\nrole: designer\ncompetencies:\n'
                     "  hiring: {meets: [Runs structured interviews]}\n", "track.yaml")
        assert problems(path) == [f"{path}:4: competencies.hiring: competency 'hiring' is for track mgmt only; "
                                  "this assessment's roles are on track ic"]

    def test_a_missing_ladder_file_is_the_assessments_problem(self, write):
        path = write("ladder: {file: nowhere.yaml}\nrole: pm\n", "lost.yaml")
        assert problems(path) == [f"{path}:1: ladder.file: cannot read "
                                  f"{os.path.join(os.path.dirname(path), 'nowhere.yaml')}: no such file"]

    def test_the_command_reports_them_exits_1_and_writes_nothing(self, runner, write, tmp_path):
        path = write("role: pm\ncompetencies:\n  strategy: {self: 9}\n", "bad.yaml")
        out = tmp_path / "r.pdf"
        result = runner.invoke(cli, ["assess", path, "-o", str(out)])
        assert result.exit_code == 1
        assert result.output == f"Error: {path}:3: competencies.strategy.self: expected a rating from 1 to 5; got 9\n"
        assert not out.exists()

    def test_a_ladder_and_an_assessment_given_for_each_other_say_so_in_one_line(self, runner, tmp_path):
        """Each used to give a line per field of the other kind of file (seven and nine)."""
        ladder = str(ROOT / "data" / "product-management.yaml")
        result = runner.invoke(cli, ["assess", ladder, "-o", str(tmp_path / "r.pdf")])
        assert result.exit_code == 1
        assert result.output == (f"Error: {ladder}:5: this is a ladder (it has 'roles'), not an assessment; "
                                 f"`pmladder assess --template ROLE_ID --ladder {shlex.quote(ladder)}` writes one to fill in\n")
        result = runner.invoke(cli, ["validate", PM])
        assert result.exit_code == 1
        assert result.output == (f"Error: {PM}:7: this is an assessment (it has 'role' and no 'roles'), not a "
                                 f"ladder; `pmladder assess {shlex.quote(PM)}` makes its report\n")
        assert not (tmp_path / "r.pdf").exists()

    def test_another_ladder_version_is_a_warning(self, runner, write, tmp_path):
        path = write('ladder: {version: "2025.2"}\nrole: pm\n', "old.yaml")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            load_assessment(path)
        assert [type(w.message) for w in caught] == [LadderVersionWarning]
        result = runner.invoke(cli, ["assess", path, "-f", "md", "-o", str(tmp_path / "r.md")])
        assert result.exit_code == 0
        assert (f"Warning: {path}: written against version 2025.2 of the ladder, which is now version 2026.1; "
                "check the expectations it was assessed against") in result.output


class TestTemplate:
    def test_the_skeleton_is_valid_as_written_and_prints_as_not_assessed(self, runner, tmp_path):
        target = tmp_path / "me.yaml"
        result = runner.invoke(cli, ["assess", "--template", "pm", "-o", str(target)])
        assert result.exit_code == 0, result.output
        text = target.read_text()
        assert "    # Senior Product Manager (target): 3 of 5\n    self:  # 1 to 5" in text
        assert '      # - "Several products or a larger portfolio"' in text
        found = report(load_assessment(target))
        assert [t.target.id for t in found.targets] == ["spm"]
        assert len(found.not_assessed) == 12 and not found.targets[0].gaps
        again = runner.invoke(cli, ["assess", "--template", "pm", "-o", str(target)])
        assert again.exit_code == 1 and "already exists (use --force to overwrite)" in again.output

    def test_uncommenting_a_statement_makes_it_met(self, tmp_path):
        ladder = load_ladder(DESIGN_LADDER)
        text = assessment_template(ladder, "senior", ladder_file=str(DESIGN_LADDER))
        text = text.replace('      # - "Aligns several teams on one experience"',
                            '      - "Aligns several teams on one experience"')
        path = tmp_path / "me.yaml"
        path.write_text(text)
        staff = report(load_assessment(path)).targets[0]
        assert [a.dimension.id for a in staff.at_target] == ["partners"]

    def test_the_ladder_is_named_relative_to_the_assessment(self, runner, tmp_path):
        folder = tmp_path / "people"
        folder.mkdir()
        result = runner.invoke(cli, ["assess", "--template", "senior", "--ladder", str(DESIGN_LADDER),
                                     "-o", str(folder / "me.yaml")])
        assert result.exit_code == 0, result.output
        assert f'  file: "{os.path.relpath(DESIGN_LADDER, folder)}"' in (folder / "me.yaml").read_text()
        assert load_assessment(folder / "me.yaml").ladder.title == "Product Design Ladder"


class TestRuns:
    def test_many_assessments_one_report_each_and_nothing_else_written(self, runner, tmp_path, monkeypatch):
        scratch = tmp_path / "tmp"
        scratch.mkdir()
        monkeypatch.setenv("TMPDIR", str(scratch))
        monkeypatch.chdir(tmp_path)
        out = tmp_path / "reports"
        result = runner.invoke(cli, ["assess", PM, DESIGN, "--output-dir", str(out)])
        assert result.exit_code == 0, result.output
        assert sorted(os.listdir(out)) == ["assessment-design-two-track.pdf", "assessment-pm.pdf"]
        assert sorted(os.listdir(tmp_path)) == ["reports", "tmp"] and os.listdir(scratch) == []
        assert "Rendering" not in result.output  # the progress bar is for a terminal only
        assert (out / "assessment-pm.pdf").read_bytes() == render_report_pdf(load_assessment(PM), load_style(None))

    def test_a_terminal_gets_a_progress_bar(self, tmp_path):
        import pty
        import subprocess
        import sys

        home = tmp_path / "home"  # and nothing is cached in the home folder either
        home.mkdir()
        env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "MPLCONFIGDIR": str(home / "mpl")}
        out = tmp_path / "reports"
        controller, terminal = pty.openpty()
        try:
            proc = subprocess.run([sys.executable, "-m", "pmladder", "assess", PM, DESIGN,
                                   "--output-dir", str(out)], stdout=subprocess.PIPE, stderr=terminal,
                                  timeout=60, env=env)
            os.close(terminal)
            shown = b""
            while True:
                try:
                    chunk = os.read(controller, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                shown += chunk
        finally:
            os.close(controller)
        assert proc.returncode == 0
        assert b"Rendering" in shown and b"2/2" in shown
        assert proc.stdout.decode().splitlines() == [str(out / "assessment-pm.pdf"),
                                                     str(out / "assessment-design-two-track.pdf")]
        assert list(home.iterdir()) == []

    def test_a_report_goes_into_an_onboarding_packet(self, runner, tmp_path, pm_pdf):
        report_file = tmp_path / "me.pdf"
        report_file.write_bytes(pm_pdf)
        packet = tmp_path / "packet.pdf"
        result = runner.invoke(cli, ["pdf", "--role", "pm", "--append", str(report_file), "-o", str(packet)])
        assert result.exit_code == 0, result.output
        pages = pdf_texts(packet.read_bytes())
        assert norm("Development report") in norm(pages[-3]) and norm("Signed (manager)") in norm(pages[-1])

    def test_one_bad_assessment_does_not_stop_the_others(self, runner, write, tmp_path):
        bad = write("role: nobody\n", "bad.yaml")
        out = tmp_path / "reports"
        result = runner.invoke(cli, ["assess", bad, PM, "--output-dir", str(out), "-f", "md"])
        assert result.exit_code == 1
        assert os.listdir(out) == ["assessment-pm.md"]
        assert f"Error: {bad}:1: role: no role 'nobody' in the ladder" in result.output

    @pytest.mark.parametrize("args, message", [
        (["assess"], "which assessment? give a file (or --template ROLE_ID to start one)"),
        (["assess", PM, DESIGN, "-o", "x.pdf"], "-o/--output takes one assessment; use --output-dir for several"),
        (["assess", "--template", "pm"], "where to? give -o PATH ('-' for standard output)"),
        (["assess", "--template", "pm", PM, "-o", "x.yaml"], "--template writes one new file with -o; "
                                                               "ASSESSMENTS is for reports"),
        (["assess", PM, "-o", "r.md", "-f", "pdf"], "-o r.md: the name ends in .md but the format is pdf "
                                                     "(which is written as .pdf); give one or the other"),
    ])
    def test_usage_errors(self, runner, args, message):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2
        assert result.output.rstrip("\n").endswith(f"Error: {message}"), result.output

    def test_a_report_never_replaces_an_input(self, runner, write):
        path = write("role: pm\n", "me.md")
        result = runner.invoke(cli, ["assess", path, "-o", path])
        assert result.exit_code == 2
        assert result.output.rstrip().endswith(f"Error: {path}: is an input of this run (an assessment: {path}); "
                                               "write the output elsewhere")
        assert Path(path).read_text() == "role: pm\n"

    def test_an_unknown_template_role_names_the_option(self, runner, tmp_path):
        result = runner.invoke(cli, ["assess", "--template", "ceo", "-o", str(tmp_path / "me.yaml")])
        assert result.exit_code == 1
        assert result.output.startswith("Error: --template: no role with id 'ceo'; roles: apm, pm")
        assert not (tmp_path / "me.yaml").exists()


def test_the_json_schema_describes_the_fields_the_loader_reads():
    import json

    from pmladder.load import assessment as loader

    schema = json.loads(loader.schema_text())
    defs = schema["$defs"]
    assert tuple(schema["properties"]) == loader.TOP_FIELDS and schema["required"] == ["role"]
    assert tuple(schema["properties"]["ladder"]["properties"]) == loader.LADDER_FIELDS
    assert tuple(defs["competency"]["properties"]) == loader.COMPETENCY_FIELDS
    record = defs["evidence"]["oneOf"][1]
    assert tuple(record["properties"]) == loader.EVIDENCE_FIELDS and record["required"] == ["text"]
    assert defs["competency"]["properties"]["evidence"]["maxItems"] == loader.MAX_EVIDENCE
    assert schema["properties"]["plan"]["maxItems"] == loader.MAX_PLAN
    for part in (schema, schema["properties"]["ladder"], defs["competency"], record):
        assert part["additionalProperties"] is False  # an unknown field is an error in both


class TestEvidenceSheet:
    """The evidence sheet of `pmladder export -f xlsx`, filled in, is an assessment too."""

    @staticmethod
    def filled(runner, tmp_path, values: dict[str, tuple]) -> str:
        from openpyxl import load_workbook

        book_path = tmp_path / "team.xlsx"
        assert runner.invoke(cli, ["export", "-f", "xlsx", "-o", str(book_path)]).exit_code == 0
        book = load_workbook(book_path)
        sheet = book["PM"]
        rows = {cell.value: cell.row for cell in sheet["A"] if cell.value}
        for name, (notes, own, manager) in values.items():
            for column, value in ((4, notes), (5, own), (6, manager)):
                sheet.cell(rows[name], column).value = value
        book.save(book_path)
        return str(book_path)

    def test_a_filled_sheet_becomes_a_report_with_its_gaps_and_evidence(self, runner, tmp_path):
        path = self.filled(runner, tmp_path, {
            "Product strategy": ("Wrote the 2027 strategy\nPresented it to leadership", 3, 2),
            "Leadership & influence": (None, 4, 1),
            "Customer & market insight": (None, 2, None),
        })
        out = tmp_path / "report.pdf"
        result = runner.invoke(cli, ["assess", path, "--role", "pm", "-o", str(out)])
        assert result.exit_code == 0, result.output
        text = norm(" ".join(pdf_texts(out.read_bytes())))
        order = [text.index(norm(s)) for s in ("Customer & market insight3 points", "Leadership & influence2 points",
                                                "Product strategy1 point")]
        assert order == sorted(order)
        assert norm("\u2022Wrote the 2027 strategy\u2022Presented it to leadership") in text
        assert norm("Self: 4 of 5 \u00b7 Manager: 1 of 5") in text

    def test_every_problem_at_its_cell(self, runner, tmp_path):
        path = self.filled(runner, tmp_path, {"Execution": (None, 9, None), "Scope": (None, 2, None)})
        result = runner.invoke(cli, ["assess", path, "--role", "pm", "-o", str(tmp_path / "r.pdf")])
        assert result.exit_code == 1
        assert result.output.splitlines() == [
            f"Error: {path}:PM!E2: Self rating: 'Scope' is described in statements, not rated; "
            "leave it empty and write the evidence",
            f"Error: {path}:PM!E9: Self rating: expected a rating from 1 to 5; got 9",
        ]
        assert not (tmp_path / "r.pdf").exists()

    def test_a_workbook_needs_the_role(self, runner, tmp_path):
        path = self.filled(runner, tmp_path, {})
        result = runner.invoke(cli, ["assess", path])
        assert result.exit_code == 2
        assert result.output.rstrip().endswith("Error: a workbook holds an evidence sheet per role: give --role ROLE_ID")


def test_the_examples_and_the_template_validate_against_the_schema_and_mistakes_do_not(runner, tmp_path):
    import json

    import jsonschema

    from test_schema import plain

    result = runner.invoke(cli, ["schema", "--assessment", "-o", str(tmp_path / "assessment.schema.json")])
    assert result.exit_code == 0, result.output
    validator = jsonschema.Draft202012Validator(json.loads((tmp_path / "assessment.schema.json").read_text()))
    template = assessment_template(load_ladder(DESIGN_LADDER), "senior", ladder_file="x.yaml")
    assert template.startswith("# yaml-language-server: $schema=assessment.schema.json\n")
    for text in (Path(PM).read_text(), Path(DESIGN).read_text(), template):
        assert list(validator.iter_errors(plain(reader.parse(text.encode(), "t.yaml")))) == []
    for wrong in ({"role": "pm", "competencies": {"strategy": {"slef": 3}}}, {"role": "pm", "date": "2026-1-1"},
                  {"person": "A"}, {"role": "pm", "competencies": {"strategy": {"evidence": [{"date": "2026-01-01"}]}}}):
        assert list(validator.iter_errors(wrong)), wrong
