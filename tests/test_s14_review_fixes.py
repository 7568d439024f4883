"""Defects a review of session 14's change found, each reproduced with constructed input (fails before
the fix): spanned text after a comment, UTF-32 files and end-of-line handling, refs to another
document by a file name that is not its output name."""

from lxml import etree, html

from tei_encoder import sitemap
from tei_encoder.publish import Publisher
from tei_encoder.xmlsafe import xml_line_ends

NS = "http://www.tei-c.org/ns/1.0"


def test_text_after_a_comment_or_processing_instruction_inside_an_added_span_is_shown_added():
    tei = (
        f'<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Span with a comment</title></titleStmt>'
        "<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc>"
        '</teiHeader><text><body><p>Kept. <addSpan spanTo="#e"/>first<!-- a remark -->second <?page x?>third</p>'
        '<p>fourth<anchor xml:id="e"/> plain.</p></body></text></TEI>'
    ).encode()
    page = html.fromstring(Publisher().document_page(tei, "span"))
    added = " ".join(" ".join(i.text_content().split()) for i in page.xpath("//section[@class='text']//ins"))
    for word in ("first", "second", "third", "fourth"):
        assert word in added.split(), added


def test_a_utf32_file_is_left_as_it_is_by_end_of_line_handling():
    for codec in ("utf-32-le", "utf-32-be"):
        data = "\ufeff<a>x\r\ny</a>".encode(codec)
        assert xml_line_ends(data) == data
        assert etree.fromstring(xml_line_ends(data)).text == "x\ny"
    utf16 = "\ufeff<a>x\r\ny</a>".encode("utf-16-le")
    assert etree.fromstring(xml_line_ends(utf16)).text == "x\ny"


def test_a_ref_to_another_document_by_its_file_name_is_followed_when_its_output_name_differs():
    tei = (
        f'<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>C.'
        "</p></publicationStmt><sourceDesc><p>N.</p></sourceDesc></fileDesc></teiHeader><text><body>"
        '<p><ref target="cable%20two.xml">the cable</ref> and <ref target="letter+one.xml#p2">the letter</ref></p>'
        "</body></text></TEI>"
    ).encode()
    root = etree.fromstring(tei)
    assert sitemap.reference_warnings(root, {"cable_two", "letter_one"}) == []
    assert len(sitemap.reference_warnings(root, {"other"})) == 2


def test_a_note_after_a_title_or_number_word_is_no_note_on_a_names_initials(tmp_path):
    from conftest import encode_text, record, tree_of, xp

    body = "Telegram No. [sic] 45 came from Dr. [sic: Prof.] Kovacs. Marshal Ya. R. [sic: R. Ya.] Malinovsky spoke.\n"
    tree = tree_of(encode_text(tmp_path, record(body)))
    notes = ["".join(n.itertext()) for n in xp(tree, "//t:body//t:note[@type='editorial']")]
    assert notes == ["sic: R. Ya."], notes  # only the one inside the name
    names = [" ".join("".join(p.itertext()).split()) for p in xp(tree, "//t:body//t:persName")]
    assert "Ya. R. sic: R. Ya. Malinovsky" in names, names
