"""Manuscript descriptions of any TEI (issue 15, F17): the fields of a description that stand in a
structure (locus, title, extent, script, origin place and date, textLang) are labelled, as the header
panel labels its own, by UI strings; the same elements inside a sentence are not; a textLang that
gives its languages by code alone shows their names in the site's language. Inputs:
tests/fixtures/tei/msdesc.xml and msdesc_fields.xml (our own wording)."""

import json

from conftest import ROOT
from lxml import html

from tei_encoder.publish import Publisher

TEI = ROOT / "tests" / "fixtures" / "tei"


def _fields(name: str, publisher: Publisher | None = None) -> dict[str, list[str]]:
    page = html.fromstring((publisher or Publisher()).document_page((TEI / name).read_bytes(), "ms"))
    fields: dict[str, list[str]] = {}
    for label in page.xpath("//section[@class='manuscripts']//span[@class='ms-field']"):
        value = " ".join(label.getparent().text_content().split())
        fields.setdefault(label.text, []).append(value)
    return fields


def test_the_fields_of_a_manuscript_description_are_labelled():
    fields = _fields("msdesc.xml")
    assert fields["Leaves"] == ["Leaves: fols. 1r–12v", "Leaves: fols. 13r–14v"]
    assert fields["Title"] == ["Title: Daily takings", "Title: List of crew"]
    assert fields["Language"] == ["Language: English"]
    assert fields["Extent"][0].startswith("Extent: 14 leaves")
    assert fields["Place of origin"] == ["Place of origin: Eastmere"]
    assert fields["Date of origin"] == ["Date of origin: 1880s"]


def test_a_field_inside_a_sentence_is_not_labelled_and_codes_are_named():
    fields = _fields("msdesc_fields.xml")
    assert fields["Language"] == ["Language: Hebrew, Arabic"]
    assert fields["Script"] == ["Script: A square book hand."]
    assert "Place of origin" not in fields and "Date of origin" not in fields  # "Copied in Morvale about 1755."


def test_the_labels_and_language_names_follow_the_ui_strings(tmp_path):
    (tmp_path / "strings.json").write_text(
        json.dumps({"lang": "de", "ms-field-textLang": "Sprache", "ms-field-separator": " – "}), encoding="utf-8"
    )
    fields = _fields("msdesc_fields.xml", Publisher(overrides=tmp_path))
    assert fields["Sprache"] == ["Sprache – Hebräisch, Arabisch"]
