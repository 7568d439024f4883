"""A TEI document whose words stand outside its text (issue 13): a sourceDoc, a facsimile's labels,
elements of no TEI module at the top. The page shows the header, the text and (on the register
pages) standOff's entities; every other part with words is named in one warning per file, at the
file's own line (publish reads a file that includes nothing as it is: its download is a
byte-for-byte copy)."""

from lxml import etree

from tei_encoder.publish import unshown_parts

HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>Made up</title></titleStmt><publicationStmt><p>ours</p>"
    "</publicationStmt><sourceDesc><p>invented</p></sourceDesc></fileDesc></teiHeader>"
)
STANDOFF = (
    "<standOff><listPerson><person xml:id='p1'><persName type='preferred'>Anna Example</persName></person>"
    "</listPerson></standOff>"
)


def _root(inside: str) -> etree._Element:
    return etree.fromstring(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n{HEADER}\n{inside}</TEI>')


def test_parts_outside_the_text_with_words_are_named_once_per_file():
    root = _root(
        "<facsimile><surface><label>folio one</label></surface></facsimile>\n"
        "<sourceDoc><surface><line>a written line here</line></surface></sourceDoc>\n"
        "<Kopf>unknown words</Kopf>\n<text><body><p>shown</p></body></text>"
    )
    assert unshown_parts(root) == [
        "not shown on the page: <facsimile> at line 3 (2 words), <sourceDoc> at line 4 (4 words), "
        "<Kopf> at line 5 (2 words)"
    ]


def test_a_document_whose_words_are_all_shown_gets_no_warning():
    root = _root(f"{STANDOFF}<facsimile><graphic url='f1.png'/></facsimile><text><body><p>shown</p></body></text>")
    assert unshown_parts(root) == []


def test_standoff_text_outside_the_entities_is_named():
    root = _root(
        "<standOff><listPerson><person><persName>Anna Example</persName></person></listPerson>"
        "<listAnnotation><note>an annotation of ours</note></listAnnotation></standOff><text><body><p>x</p></body></text>"
    )
    assert unshown_parts(root) == ["not shown on the page: <standOff> at line 3 (4 words)"]


def test_publish_says_what_a_page_leaves_out_in_one_warning(tmp_path):
    from click.testing import CliRunner

    from tei_encoder.cli import main

    doc = tmp_path / "in" / "genetic.xml"
    doc.parent.mkdir()
    doc.write_text(
        etree.tostring(_root("<sourceDoc><surface><line>a line</line></surface></sourceDoc>")).decode() + "\n"
    )
    result = CliRunner().invoke(main, ["publish", str(doc), "-o", str(tmp_path / "site"), "--no-search"])
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    assert result.exit_code == 0, result.output
    assert warnings == [f"{doc}: warning: not shown on the page: <sourceDoc> at line 3 (2 words)"]
    # lines are the file's, and its download a byte-for-byte copy (a serialised tree added an XML
    # declaration, shifting every line, and lost the final newline)
    assert (tmp_path / "site" / "tei" / "genetic.xml").read_bytes() == doc.read_bytes()
