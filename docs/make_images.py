"""Regenerate the README's pictures from the default ladder: python docs/make_images.py

docs/images/default-chart.png is `pmladder chart` at 960x540; handout-pages.png shows two pages
of the default handout side by side (the ladder at a glance and the first role page), rendered
with pdftoppm (poppler-utils); assess-report.png is the first page of the example assessment's
report (data/examples/assessment-pm.yaml). workbook.png is `pmladder export --format xlsx` of
the two-track design ladder (groups, named rating points) as LibreOffice prints it (a matrix
sheet and an evidence sheet); `python docs/make_images.py workbook` redraws only that one.
html-page.png is `pmladder html` in headless Chromium: the default ladder at 1280 px with
--highlight pm beside the Polish/Japanese ladder's portrait chart at 390 px;
`python docs/make_images.py html` redraws only that one. report-page.png is `pmladder assess -f
html` the same way: the two-track example at 1280 px beside the PM example at 390 px
(`python docs/make_images.py report-html`).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
IMAGES = HERE / "images"


def workbook_picture() -> None:
    """The exported workbook through LibreOffice: its PDF's first (matrix) and evidence pages."""
    from pmladder.load.ladder import load_ladder
    from pmladder.outputs.workbook import to_xlsx

    with tempfile.TemporaryDirectory() as work:
        book = Path(work) / "ladder.xlsx"
        book.write_bytes(to_xlsx(load_ladder(HERE.parent / "data" / "examples" / "design-two-track.yaml")))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to",
                        "pdf", "--outdir", work, str(book)], check=True, capture_output=True, timeout=180)
        # page 1: the first track's matrix; page 3: the first role's evidence sheet (after two matrices)
        subprocess.run(["pdftoppm", "-r", "90", "-f", "1", "-l", "3", "-png", str(Path(work) / "ladder.pdf"),
                        str(Path(work) / "page")], check=True)
        pages = []
        for path in sorted(Path(work).glob("page-*.png"))[::2]:
            page = Image.open(path).convert("RGB")
            inverted = Image.eval(page.convert("L"), lambda v: 255 - v)
            left, top, right, bottom = inverted.getbbox()
            pages.append(page.crop((left - 12, top - 12, right + 12, bottom + 12)))
        gap = 16
        sheet = Image.new("RGB", (max(p.width for p in pages) + 2 * gap, sum(p.height for p in pages) + gap * 3),
                          "#D9DEE5")
        y = gap
        for page in pages:
            sheet.paste(page, (gap, y))
            y += page.height + gap
        sheet.save(IMAGES / "workbook.png", optimize=True)


def main() -> int:
    if sys.argv[1:] == ["workbook"]:
        workbook_picture()
        return 0
    if sys.argv[1:] == ["html"]:
        html_picture()
        return 0
    if sys.argv[1:] == ["report-html"]:
        report_html_picture()
        return 0
    from pmladder import chart_bytes, render_chart, render_pdf

    IMAGES.mkdir(exist_ok=True)
    (IMAGES / "default-chart.png").write_bytes(chart_bytes(render_chart(None, size="960x540", dpi=72), "png", dpi=72))
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / "handout.pdf"
        pdf.write_bytes(render_pdf(None))
        first = 4  # the ladder at a glance, then the first role's page
        subprocess.run(["pdftoppm", "-r", "60", "-f", str(first), "-l", str(first + 1), "-png", str(pdf),
                        str(Path(work) / "page")], check=True)
        pages = [Image.open(path) for path in sorted(Path(work).glob("page-*.png"))]
        gap = 16
        sheet = Image.new("RGB", (sum(p.width for p in pages) + gap * (len(pages) + 1), pages[0].height + 2 * gap),
                          "#D9DEE5")
        x = gap
        for page in pages:
            sheet.paste(page, (x, gap))
            x += page.width + gap
        sheet.save(IMAGES / "handout-pages.png", optimize=True)
        _report_page(Path(work))
    workbook_picture()
    html_picture()
    report_html_picture()
    return 0


def html_picture() -> None:
    """The web page as a desktop and a phone see it, screenshots by headless Chromium."""
    from pmladder.load.ladder import load_ladder
    from pmladder.outputs.html.page import render_html

    def page(source, highlight):
        return render_html(load_ladder(str(HERE.parent / "data" / "examples" / source) if source else None),
                           highlight=highlight)

    _desktop_and_phone(page(None, "pm"), 0, page("inzynieria-pl-ja.yaml", None), 1300, "html-page.png")


def report_html_picture() -> None:
    """The development report's web page, the two-track example on a desktop, the PM one on a phone."""
    from pmladder.load.assessment import load_assessment
    from pmladder.outputs.html.report import render_report_html

    examples = HERE.parent / "data" / "examples"
    _desktop_and_phone(render_report_html(load_assessment(examples / "assessment-design-two-track.yaml")), 0,
                       render_report_html(load_assessment(examples / "assessment-pm.yaml")), 0, "report-page.png")


def _desktop_and_phone(desktop_page: bytes, desktop_top: int, phone_page: bytes, phone_top: int, name: str) -> None:
    shots = []
    with tempfile.TemporaryDirectory() as work:
        for label, data, width, top in (("desktop", desktop_page, 1280, desktop_top), ("phone", phone_page, 390, phone_top)):
            page, png = Path(work) / f"{label}.html", Path(work) / f"{label}.png"
            page.write_bytes(data)
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            f"--window-size={width},3000", f"--screenshot={png}", page.as_uri()],
                           check=True, capture_output=True)
            shot = Image.open(png).convert("RGB")
            shots.append(shot.crop((0, top, width, top + 1800 if width > 400 else top + 1241)))
    desktop = shots[0].resize((640, 900), Image.LANCZOS)
    phone = shots[1].resize((290, 923), Image.LANCZOS).crop((0, 0, 290, 900))
    sheet = Image.new("RGB", (640 + 24 + 290, 900), "#FFFFFF")
    sheet.paste(desktop, (0, 0))
    sheet.paste(phone, (664, 0))
    sheet.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(IMAGES / name, optimize=True)


def _report_page(work: Path) -> None:
    """docs/images/assess-report.png: the first page of the example assessment's report."""
    from pmladder.load.assessment import load_assessment
    from pmladder.load.style import load_style
    from pmladder.outputs.pdf.report import render_report_pdf

    pdf = work / "report.pdf"
    pdf.write_bytes(render_report_pdf(load_assessment(HERE.parent / "data" / "examples" / "assessment-pm.yaml"),
                                      load_style(None)))
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf), str(work / "report")], check=True)
    page = Image.open(next(work.glob("report-*.png")))
    sheet = Image.new("RGB", (page.width + 32, page.height + 32), "#D9DEE5")
    sheet.paste(page, (16, 16))
    sheet.save(IMAGES / "assess-report.png", optimize=True)


if __name__ == "__main__":
    sys.exit(main())
