"""Grid vs ReportLab Table (repeatRows/splitInRow) on the 200-role benchmark ladder, in one process.

A one-off comparison behind docs/performance.md ("One table engine"): the profile and matrix
tables are laid out once by textblocks.Grid and once by a Table holding the same cells, padding,
fills and rules, interleaved round by round. Run: python benchmarks/table_engines.py [rounds].
(The Table stand-in reads Table internals to answer what HeadedTable asks of a grid; it is
measurement code, never shipped.)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from reportlab.lib.colors import HexColor
from reportlab.platypus import Table, TableStyle

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conftest import make_ladder  # noqa: E402  (the tests' ladder generator)
from pmladder.load.ladder import load_ladder  # noqa: E402
from pmladder.load.style import load_style  # noqa: E402
from pmladder.outputs.pdf import handout, textblocks  # noqa: E402
from pmladder.outputs.pdf.pages import matrix as matrix_page  # noqa: E402
from pmladder.outputs.pdf.pages import role as role_page  # noqa: E402


class MeasuredTable(Table):
    """A Table answering what HeadedTable asks of a grid."""

    header_rows = 1

    @property
    def rows(self):
        return self._cellvalues

    def row_height(self, r):
        self.wrap(self.total_width, 1e6)
        return self._rowHeights[r]


def table_grid(rows, widths, look, *, room, header_rows=1, first_row=0):
    """The cells, padding, fills and rules of a Grid, in a ReportLab Table."""
    table = MeasuredTable(rows, colWidths=widths, repeatRows=header_rows, splitInRow=1)
    rule = HexColor(look.rule)
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), look.pad_x), ("RIGHTPADDING", (0, 0), (-1, -1), look.pad_x),
                ("TOPPADDING", (0, 0), (-1, -1), look.pad_top), ("BOTTOMPADDING", (0, 0), (-1, -1), look.pad_bottom),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, rule)]
    for r in look.compact_rows:
        commands += [("TOPPADDING", (0, r), (-1, r), 1.5), ("BOTTOMPADDING", (0, r), (-1, r), 2.0)]
    if look.header_fill:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor(look.header_fill)))
    if look.zebra:
        commands.append(("ROWBACKGROUNDS", (1, 1), (-1, -1), [HexColor(z) for z in look.zebra]))
    if look.first_column_fill:
        commands.append(("BACKGROUND", (0, 1), (0, -1), HexColor(look.first_column_fill)))
    if look.column_rule:
        commands.append(("LINEAFTER", (0, 0), (0, -1), 0.6, rule))
    table.setStyle(TableStyle(commands))
    table.total_width, table.room = sum(widths), room
    return table


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    path = Path(tempfile.mkdtemp()) / "gen200.yaml"
    path.write_text(yaml.safe_dump(make_ladder(200, 5, 20), allow_unicode=True), encoding="utf-8")
    ladder, style = load_ladder(str(path)), load_style("default")
    engines = {"Grid": textblocks.Grid, "Table": table_grid}
    seconds: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(rounds):
        for name, engine in engines.items():
            matrix_page.Grid = role_page.Grid = engine
            start = time.perf_counter()
            handout.render_pdf(ladder, style)
            seconds[name].append(time.perf_counter() - start)
    for name, values in seconds.items():
        print(f"{name:6s} median {statistics.median(values):.3f} s  best {min(values):.3f} s  ({rounds} rounds)")
    print(f"Table / Grid: {statistics.median(seconds['Table']) / statistics.median(seconds['Grid']):.2f}x")


if __name__ == "__main__":
    main()
