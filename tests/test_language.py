"""The ladder's `language` (a BCP 47 tag): checked with its line, kept through export and the
workbook, and declared by every document pmladder writes (`<html lang>`, the PDFs' /Lang)."""

from __future__ import annotations

import io
import json
import re

import jsonschema
import openpyxl
import pytest
from pypdf import PdfReader

from conftest import POLISH_JAPANESE, ROOT
from pmladder.api import render_pdf
from pmladder.content import document_language
from pmladder.errors import LadderError
from pmladder.load.assessment import load_assessment
from pmladder.load.fromsheet import import_sheet
from pmladder.load.ladder import load_ladder
from pmladder.load.schema import schema_text
from pmladder.load.style import load_style
from pmladder.outputs.html.page import render_html
from pmladder.outputs.json_export import to_json
from pmladder.outputs.pdf.report import render_report_pdf
from pmladder.outputs.workbook import to_xlsx

GOOD = ["en", "pl", "ja", "en-GB", "EN-gb", "zh-Hant-TW", "sr-Latn", "es-419", "de-CH-1996", "und", "x-klingon",
        "en-a-bbb-x-private"]
BAD = {
    "en_GB": "'en_GB' (write en-GB: subtags are joined by '-')",
    "Polish": "'Polish' (the tag for it is pl)",
    "en GB": "'en GB'",
    "e": "'e'",
    "en-": "'en-'",
    "english-GB": "'english-GB'",
    "toolongtag": "'toolongtag'",
}
EXPECTED = "expected a BCP 47 language tag such as en, pl, ja or en-GB, got "


def ladder(language: str | None, schema: int = 2) -> str:
    line = f"  language: {json.dumps(language)}\n" if language is not None else ""
    return f"schema: {schema}\nladder:\n  title: T\n{line}roles:\n  - {{id: a, title: A, level: 1}}\n"


def problems(text: str, tmp_path) -> list[str]:
    path = tmp_path / "ladder.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LadderError) as info:
        load_ladder(path)
    return [line.replace(f"{path}:", "") for line in info.value.lines]


class TestLoader:
    @pytest.mark.parametrize("tag", GOOD)
    def test_a_well_formed_tag_is_kept_as_written(self, tag):
        assert load_ladder(text=ladder(tag)).language == tag

    @pytest.mark.parametrize("tag, got", BAD.items())
    def test_a_malformed_tag_is_refused_with_its_line_and_the_tag_meant(self, tag, got, tmp_path):
        assert problems(ladder(tag), tmp_path) == [f"4: ladder.language: {EXPECTED}{got}"]

    def test_it_is_a_format_2_field(self, tmp_path):
        assert problems(ladder("pl", schema=1), tmp_path) == [
            "4: ladder.language: the ladder's language is a format 2 feature, and this file says schema: 1 "
            "(write schema: 2)"]

    def test_without_it_english_words_mean_english_and_translated_words_undetermined(self):
        assert load_ladder(text=ladder(None)).language is None
        assert document_language(load_ladder(text=ladder(None))) == "en"
        translated = ladder(None).replace("  title: T\n", "  title: T\n  labels: {roles: Role}\n")
        assert document_language(load_ladder(text=translated)) == "und"
        assert document_language(load_ladder(text=translated.replace("roles:\n", "  language: pl\nroles:\n", 1))) == "pl"


def test_the_json_schema_takes_exactly_the_tags_the_loader_takes():
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    document = {"ladder": {"title": "T"}, "roles": [{"id": "a", "title": "A", "level": 1}]}
    for tag in GOOD:
        assert not list(validator.iter_errors({**document, "ladder": {"title": "T", "language": tag}})), tag
    for tag in [*BAD, "en-GB\n"]:
        assert list(validator.iter_errors({**document, "ladder": {"title": "T", "language": tag}})), tag


def test_export_and_the_workbook_keep_it(tmp_path):
    model = load_ladder(POLISH_JAPANESE)
    assert model.language == "pl"
    assert load_ladder(text=to_json(model)).language == "pl"
    book = tmp_path / "ladder.xlsx"
    book.write_bytes(to_xlsx(model))
    about = openpyxl.load_workbook(book)["About"]
    assert [r[:2] for r in about.iter_rows(values_only=True) if r[0] == "language"] == [("language", "pl")]
    assert import_sheet(str(book)).ladder.language == "pl"
    assert "  language: pl\n" in import_sheet(str(book)).text


def test_a_bad_tag_in_the_workbook_names_its_cell(tmp_path):
    book = tmp_path / "ladder.xlsx"
    book.write_bytes(to_xlsx(load_ladder(POLISH_JAPANESE)))
    workbook = openpyxl.load_workbook(book)
    cell = next(row[1] for row in workbook["About"].iter_rows() if row[0].value == "language")
    cell.value = "pl_PL"
    workbook.save(book)
    with pytest.raises(LadderError) as info:
        import_sheet(str(book))
    assert info.value.lines == [f"{book}:About!{cell.coordinate}: language: {EXPECTED}'pl_PL' "
                                "(write pl-PL: subtags are joined by '-')"]


class TestDeclared:
    def test_the_web_page_says_it_in_html_lang(self):
        page = render_html(load_ladder(POLISH_JAPANESE)).decode("utf-8")
        assert re.search(r'<html lang="([^"]*)">', page).group(1) == "pl"

    def test_the_handout_and_its_packet_say_it_in_the_catalog(self, tmp_path):
        polish = load_ladder(POLISH_JAPANESE)
        assert PdfReader(io.BytesIO(render_pdf(polish))).root_object["/Lang"] == "pl"
        assert PdfReader(io.BytesIO(render_pdf(None))).root_object["/Lang"] == "en"
        other = tmp_path / "other.pdf"
        other.write_bytes(render_pdf(None, roles=["pm"]))
        packet = render_pdf(polish, roles=["starszy"], append=[other])
        assert PdfReader(io.BytesIO(packet)).root_object["/Lang"] == "pl"

    def test_the_development_report_says_its_ladders_language(self, tmp_path):
        text = (ROOT / "data" / "examples" / "design-two-track.yaml").read_text(encoding="utf-8")
        (tmp_path / "ladder.yaml").write_text(text.replace("  language: en\n", "  language: en-GB\n"), encoding="utf-8")
        (tmp_path / "me.yaml").write_text("ladder: {file: ladder.yaml}\nrole: senior\n", encoding="utf-8")
        data = render_report_pdf(load_assessment(tmp_path / "me.yaml"), load_style(None))
        assert PdfReader(io.BytesIO(data)).root_object["/Lang"] == "en-GB"


def test_the_starter_says_english_for_the_writer_to_change():
    from pmladder.load.starter import starter_text

    text = starter_text()
    assert load_ladder(text=text).language == "en"
    assert load_ladder(text=text.replace("  language: en  #", "  language: pl  #", 1)).language == "pl"
