"""Supplied text and [sic] in any TEI (issue 15, F17): the hover of supplied words says what the TEI
says of them (@reason, @resp, @source), neutrally when it says nothing, never "by the translator"
for a document whose TEI does not say so; the key agrees; the "[sic]" mark is a UI string.
Input: tests/fixtures/tei/supplied_reasons.xml (our own wording)."""

import json

from conftest import ROOT, encode_text, record, tree_of
from lxml import etree, html

from tei_encoder.publish import Publisher

TEI = ROOT / "tests" / "fixtures" / "tei" / "supplied_reasons.xml"


def _page(publisher: Publisher | None = None):
    return html.fromstring((publisher or Publisher()).document_page(TEI.read_bytes(), "supplied"))


def test_the_hover_of_supplied_words_gives_the_teis_reason_resp_and_source():
    hovers = [s.get("title") for s in _page().xpath("//span[contains(@class, 'ed-supplied')]")]
    assert hovers == [
        "supplied: not in the source; reason: damage; supplied by Ilse Vann",
        "supplied: not in the source; reason: illegible; source: #copy-b",
        "supplied: not in the source",
    ]
    assert not any("translator" in h for h in hovers)


def test_the_key_line_of_supplied_words_is_neutral():
    key = " ".join(_page().xpath("//section[@class='key']//dd/text()"))
    assert "supplied" in key and "translator" not in key


def test_our_records_supplied_words_still_name_the_translator(tmp_path):
    tei = etree.tostring(tree_of(encode_text(tmp_path, record("The minister asked [him] for a reply.\n"))))
    [span] = html.fromstring(Publisher().document_page(tei, "ours")).xpath("//span[contains(@class, 'ed-supplied')]")
    assert span.get("title").endswith("supplied by the translator")


def test_the_sic_mark_comes_from_the_ui_strings(tmp_path):
    (tmp_path / "strings.json").write_text(json.dumps({"sic-mark": "[so]"}), encoding="utf-8")
    page = _page(Publisher(overrides=tmp_path))
    assert page.xpath("//section[@class='text']//span[contains(@class, 'ed-sic')]/text()") == ["[so]"]
    assert page.xpath("//section[@class='key']//span[@class='ed']/text()")[0] == "[so]"
