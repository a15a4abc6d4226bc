"""The ladder's own date: read with its line, kept through every export, printed on the cover
and recorded as the PDF's date unless SOURCE_DATE_EPOCH says otherwise."""

from __future__ import annotations

import datetime
import io
import json

import openpyxl
import pytest
from pypdf import PdfReader

from conftest import ladder_text, pdf_texts
from pmladder.errors import LadderError
from pmladder.load.fromsheet import import_sheet
from pmladder.load.ladder import load_ladder
from pmladder.load.schema import schema_text
from pmladder.load.style import load_style
from pmladder.outputs.json_export import to_json
from pmladder.outputs.pdf.handout import render_pdf
from pmladder.outputs.workbook import to_xlsx

ROLES = "- {id: a, title: Analyst, level: 1}\n"


def dated(date: str = "2025-06-30", schema: int = 2) -> str:
    return f"schema: {schema}\n" + ladder_text(ROLES, extra=f"  organization: Acme Corp\n  date: {date}\n")


class TestLoading:
    def test_a_date_loads_quoted_or_not(self):
        assert load_ladder(text=dated()).date == datetime.date(2025, 6, 30)
        assert load_ladder(text=dated("'2025-06-30'")).date == datetime.date(2025, 6, 30)
        assert load_ladder(text=ladder_text(ROLES)).date is None

    @pytest.mark.parametrize("bad", ["2025-13-30", "30.06.2025", "2025-6-30", "soon", "20250630"])
    def test_a_bad_date_is_reported_at_its_line(self, bad):
        with pytest.raises(LadderError) as caught:
            load_ladder(text=dated(bad))
        assert caught.value.lines == [f"<text>:5: ladder.date: expected a date as YYYY-MM-DD, got '{bad}'"
                                      if not bad.isdigit() else
                                      f"<text>:5: ladder.date: expected a date as YYYY-MM-DD, got {bad}"]

    def test_a_format_1_file_may_not_give_one(self):
        with pytest.raises(LadderError, match=r":5: ladder.date: a ladder date is a format 2 feature"):
            load_ladder(text=dated(schema=1))

    def test_the_json_schema_knows_it(self):
        field = json.loads(schema_text())["$defs"]["ladder"]["properties"]["date"]
        assert field["format"] == "date"


class TestExports:
    def test_the_json_export_reads_back_with_its_date(self):
        ladder = load_ladder(text=dated())
        exported = to_json(ladder)
        assert json.loads(exported)["document"]["ladder"]["date"] == "2025-06-30"
        assert load_ladder(text=exported).date == ladder.date

    def test_the_workbook_keeps_it_and_a_date_cell_imports_too(self, tmp_path):
        ladder = load_ladder(text=dated())
        path = tmp_path / "ladder.xlsx"
        path.write_bytes(to_xlsx(ladder))
        assert import_sheet(str(path)).ladder.date == ladder.date
        book = openpyxl.load_workbook(path)  # someone types a date into the cell: Excel keeps a date
        about = book["About"]
        [row] = [r for r in about.iter_rows() if r[0].value == "date"]
        row[1].value = datetime.datetime(2024, 2, 29, 13, 30)
        book.save(path)
        assert import_sheet(str(path)).ladder.date == datetime.date(2024, 2, 29)


@pytest.fixture(scope="module")
def style():
    return load_style("default")


class TestHandout:
    def test_without_source_date_epoch_the_ladders_date_is_printed_and_recorded(self, style, monkeypatch):
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        data = render_pdf(load_ladder(text=dated()), style)
        assert "2025-06-30" in pdf_texts(data)[0]
        info = PdfReader(io.BytesIO(data)).metadata
        assert info["/CreationDate"].startswith("D:20250630") and info["/ModDate"].startswith("D:20250630")
        assert info["/Author"] == "Acme Corp"
        assert render_pdf(load_ladder(text=dated()), style) == data  # no clock in it: the same bytes

    def test_source_date_epoch_wins_over_the_ladders_date(self, style, monkeypatch):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
        data = render_pdf(load_ladder(text=dated()), style)
        assert "2026-01-01" in pdf_texts(data)[0] and "2025-06-30" not in pdf_texts(data)[0]
        assert PdfReader(io.BytesIO(data)).metadata["/CreationDate"].startswith("D:20260101")
