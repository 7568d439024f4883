"""A record joined from pieces of files (issue 13): a byte-order mark (U+FEFF) at the start of a
header line hid the line from the header ("record has no title", a Summary: label read as body
text). Such marks are removed with a warning, and the header is read as without them."""

from conftest import encode_text, tree_of, xp

BOM = "\ufeff"

RECORD = (
    f'June 9, 1961\n\n{BOM}**A Made-up Title**\n\nCitation:\n\n"A Made-up Title", June 9, 1961, Wilson Center '
    f"Digital Archive, AVP RF, F. 1, Op. 2, P. 3, D. 4, l. 5.\n\n{BOM}<https://example.org/document/1>\n\n"
    f"{BOM}Summary:\n\nA summary of our own.\n\n{BOM}Credits:\n\nThis document was made possible with support from "
    f"A Foundation\n\nOriginal Language:\n\nRussian\n\nContents:\n\nTranslation - English\n\n"
    "The text of the record begins here.\n"
)


def test_byte_order_marks_before_header_lines_hide_nothing(tmp_path):
    result = encode_text(tmp_path, RECORD)
    tree = tree_of(result)
    assert xp(tree, "string(//t:titleStmt/t:title[@type='main'])") == "A Made-up Title"
    assert "A summary of our own." in xp(tree, "string(//t:abstract)")
    assert xp(tree, "string(//t:body)").split() == ["The", "text", "of", "the", "record", "begins", "here."]
    assert BOM not in result.tei.decode("utf-8")
    assert any("byte-order mark" in w and "4" in w for w in result.warnings), result.warnings
