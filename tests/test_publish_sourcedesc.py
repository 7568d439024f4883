"""Issue #15 (F15): the source of a document is shown before its text whatever shape its
sourceDesc has (TEI P5 2.2.7: bibl, biblStruct, biblFull, listBibl, prose, a msDesc), each part
whole and as the source, not as the edition's citation; no empty essentials box; and the
lost-text check reads the source's words where the page shows them (data-tei-region="sourceDesc")."""

import lxml.html
import pytest

from tei_encoder.publish import Publisher, header_text_shown, missing_header_text
from tei_encoder.xmlsafe import parse_xml

HEAD = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Orchard ledger</title>'
    "</titleStmt><publicationStmt><publisher>Quince Press</publisher></publicationStmt><sourceDesc>{source}"
    "</sourceDesc></fileDesc></teiHeader><text><body><p>Plums were counted twice.</p></body></text></TEI>"
)
SHAPES = {
    "bibl": (
        "<bibl><author>Ada Vellmar</author>, <title>Orchard Letters</title>, Zqpress 1911, p. 4</bibl>",
        "Zqpress",
    ),
    "biblStruct": (
        "<biblStruct><monogr><author>Ada Vellmar</author><title>Orchard Letters</title>"
        "<imprint><publisher>Zqpress</publisher><date>1911</date></imprint></monogr></biblStruct>",
        "Zqpress",
    ),
    "biblFull": (
        "<biblFull><titleStmt><title>Orchard Letters</title></titleStmt>"
        "<publicationStmt><publisher>Zqpress</publisher></publicationStmt></biblFull>",
        "Zqpress",
    ),
    "listBibl": (
        "<listBibl><bibl>Orchard Letters, Zqpress 1911</bibl><bibl>Pear Notes, Yqhouse 1912</bibl></listBibl>",
        "Yqhouse",
    ),
    "p": ("<p>Transcribed from a Zqpress ledger kept in the <hi>Quarry</hi> orchard.</p>", "Zqpress"),
}


@pytest.fixture(scope="module")
def publisher() -> Publisher:
    return Publisher()


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_sourcedesc_shape_is_shown_as_the_source_before_the_text(publisher, shape):
    source, word = SHAPES[shape]
    tei = HEAD.format(source=source).encode()
    page, warnings = publisher.render_document(tei, "doc")
    doc = lxml.html.fromstring(page)
    essentials = doc.xpath("//aside[@class='doc-essentials']")
    assert essentials, f"{shape}: no essentials box"
    shown = " ".join(essentials[0].text_content().split())
    source_words = " ".join(
        " ".join(parse_xml(data=tei).getroot().xpath("//*[local-name()='sourceDesc']//text()")).split()
    )
    for w in source_words.replace(",", " ").replace(".", " ").split():
        assert w in shown, (shape, w, shown)
    # before the text, in document order (the phone's order)
    order = [e.get("class") for e in doc.xpath("//div[@class='doc-columns']/*")]
    assert order.index("doc-essentials") < order.index("doc-main")
    # the printed source is not given as the citation of this document
    assert word not in doc.xpath("string(//p[@class='citation'])")
    assert not [w for w in warnings if "header" in w], warnings


def test_no_empty_essentials_box(publisher):
    page, _ = publisher.render_document(HEAD.format(source="<p/>").encode(), "doc")
    assert b"doc-essentials" not in page


def test_the_lost_text_check_reads_the_source(tmp_path):
    """An edition's module that drops the source's words: the page is read and the loss reported;
    the shipped stylesheets lose none (the full check, not the quick one)."""
    tei = HEAD.format(source=SHAPES["p"][0]).encode()
    root = parse_xml(data=tei).getroot()
    page, _ = Publisher().render_document(tei, "doc")
    assert header_text_shown(root) and missing_header_text(root, page, quick=False) == []
    (tmp_path / "drop.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
        ' xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:f="urn:tei-encoder:functions"'
        ' xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        '<xsl:function name="f:source-text" as="xs:string"><xsl:param name="e" as="element()"/>'
        "<xsl:sequence select=\"'Transcribed'\"/></xsl:function></xsl:stylesheet>"
    )
    page, warnings = Publisher(overrides=tmp_path).render_document(tei, "doc")
    assert any("of the header are not shown" in w for w in warnings), warnings
    assert any("<sourceDesc>" in w and "Zqpress" in w for w in warnings), warnings
