"""Everything a record says lands in the TEI or is reported (#13): end notes sharing a mark, header
values no vocabulary maps, a Contents block of any length. Inputs are our own invented records."""

from conftest import encode_text, record, tree_of, xp
from lxml import etree

from tei_encoder.validate import Validator

VALIDATOR = Validator()


def valid_tree(result) -> etree._Element:
    """The TEI of an encode result, checked against the project schema (errors fail the test)."""
    assert result.ok, result.error
    tree = tree_of(result)
    problems = [
        d.text() for d in VALIDATOR.check_tree(etree.ElementTree(tree), "rec.xml", result.tei) if d.severity == "error"
    ]
    assert problems == []
    return tree


def test_end_notes_sharing_a_mark_are_all_kept_and_linked_to_no_reference(tmp_path):
    body = (
        "The heron[1] crossed the weir, and the otter[2] followed.\n\n"
        "[1] Heron note of the covering letter.\n"
        "[2] Otter note.\n"
        "[1] Heron note of the attachment.\n"
    )
    result = encode_text(tmp_path, record(body))
    tree = valid_tree(result)
    text = " ".join(xp(tree, "//t:text//text()"))
    assert "Heron note of the covering letter." in text and "Heron note of the attachment." in text
    # [1] cannot say which note it means: left as printed; [2] is linked as before
    assert "heron[1] crossed" in "".join(xp(tree, "//t:p[1]//text()[not(ancestor::t:note)]")).lower()
    assert xp(tree, "//t:note[@place='foot']/@n") == ["2"]
    assert xp(tree, "//t:note[@place='end']/@n") == ["1", "1"]
    [warning] = [w for w in result.warnings if "note mark" in w]
    assert "[1] is given to 2 notes" in warning


HEADER_START = (
    'June 9, 1961\n\n**A Test Record**\n\nCitation:\n\n"A Test Record", June 9, 1961, Wilson Center Digital Archive, '
    "AVP RF. Translated by Test Translator.\n\n<https://example.org/document/1>\n\n"
)


def encoded_with_fields(tmp_path, fields: str, body: str = "Marmots met at the quarry.\n"):
    """Encode a record whose header, after its citation and URL, is `fields` (labels and values)."""
    result = encode_text(tmp_path, record(body, HEADER_START + fields))
    return result, valid_tree(result)


def test_an_original_language_no_vocabulary_knows_is_kept_with_one_accurate_warning(tmp_path):
    fields = "Original Language:\n\nQuellish\n\nContents:\n\nTranslation - English\n\n"
    result, tree = encoded_with_fields(tmp_path, fields)
    assert xp(tree, "//t:langUsage/t:language[@ident='und']/text()") == ["Quellish (language of the original)"]
    language_warnings = [w for w in result.warnings if "language" in w]
    assert len(language_warnings) == 1 and "'Quellish'" in language_warnings[0]


def test_a_repeated_original_language_keeps_every_value(tmp_path):
    fields = "Original Language:\n\nRussian\n\nOriginal Language:\n\nQuellish\n\nContents:\n\nTranslation - English\n\n"
    result, tree = encoded_with_fields(tmp_path, fields)
    assert xp(tree, "//t:langUsage/t:language/@ident") == ["ru", "und", "en"]
    assert not any("states no original language" in w for w in result.warnings)


def test_a_contents_item_no_pattern_knows_stays_in_the_contents_list(tmp_path):
    # the block under Contents: up to the blank line is the list, whatever its words
    fields = "Contents:\n\nEnglish HTML\nScan of Original Document\nDigest - Quellish\n\n"
    _, tree = encoded_with_fields(tmp_path, fields)
    [contents] = xp(tree, "//t:notesStmt/t:note[@type='contents']/text()")
    assert "Digest - Quellish" in contents
    assert xp(tree, "//t:text//text()[contains(., 'Digest')]") == []
    assert "Marmots met at the quarry." in "".join(xp(tree, "//t:body//t:p//text()"))


def test_a_single_newline_contents_block_still_ends_where_the_document_begins(tmp_path):
    body = "Memorandum for the Heron\nMarmots met at the quarry, and the heron spoke first.\n\nThe otter agreed.\n"
    _, tree = encoded_with_fields(tmp_path, "Contents:\n\nTranslation - English\n", body)
    assert "Marmots met at the quarry" in "".join(xp(tree, "//t:body//t:p//text()"))
    assert "Memorandum for the Heron" in "".join(xp(tree, "//t:body//text()"))
    assert xp(tree, "//t:notesStmt/t:note[@type='contents']") == []


def test_a_repeated_contents_field_is_reported_like_the_other_fields(tmp_path):
    fields = "Contents:\n\nTranslation - English\n\nContents:\n\nOriginal Scan\n\n"
    result, _ = encoded_with_fields(tmp_path, fields)
    assert "header field 'Contents' is given 2 times: every one is kept" in result.warnings


def test_a_translation_language_no_vocabulary_knows_is_kept_with_one_accurate_warning(tmp_path):
    fields = "Original Language:\n\nQuellish\n\nContents:\n\nTranslation - Plokish\n\n"
    result, tree = encoded_with_fields(tmp_path, fields)
    assert xp(tree, "//t:langUsage/t:language[@ident='und']/text()") == [
        "Quellish (language of the original)",
        "Plokish (language of this translation)",
    ]
    # the text's language is not known: it stays the default, never `und` for an English text
    assert xp(tree, "//t:text/@xml:lang") == ["en"]
    language_warnings = [w for w in result.warnings if "Plokish" in w]
    assert len(language_warnings) == 1 and "kept" in language_warnings[0]


def test_a_note_printed_inside_the_text_and_one_at_the_end_sharing_a_mark_link_to_no_reference(tmp_path):
    body = (
        "The heron[1] crossed the weir.\n\n"
        "Warden of the Weir\n\n"
        "[1] Heron note of the covering letter.\n\n"
        "The otter swam up the stream[1] at dusk.\n\n"
        "[1] Stream note of the attachment.\n"
    )
    result = encode_text(tmp_path, record(body))
    tree = valid_tree(result)
    # both notes are notes, neither bound to a reference; the references stay as printed
    assert xp(tree, "//t:note/text()") == ["Heron note of the covering letter.", "Stream note of the attachment."]
    assert xp(tree, "//t:note/@place") == ["end", "end"]
    assert "heron[1] crossed" in " ".join(xp(tree, "//t:body//text()")).lower()
    assert "stream[1] at dusk" in " ".join(xp(tree, "//t:body//text()"))
    # the paragraph after the first note is running text, not part of that note
    assert xp(tree, "//t:p[contains(., 'otter swam')]/t:note") == []
    [warning] = [w for w in result.warnings if "note mark" in w]
    assert "[1] is given to 2 notes" in warning


def test_header_labels_printed_in_another_case_are_the_same_fields(tmp_path):
    header = (
        'June 9, 1961\n\n**A Test Record**\n\ncitation:\n\n"A Test Record", June 9, 1961, Wilson Center Digital Archive, '
        "AVP RF. Translated by Test Translator.\n\n<https://example.org/document/1>\n\n"
        "SUMMARY:\n\nThe marmots agree on the quarry.\n\nORIGINAL LANGUAGE:\n\nRussian\n\nContents:\n\nTranslation - English\n\n"
    )
    result = encode_text(tmp_path, record("Marmots met at the quarry.\n", header))
    tree = valid_tree(result)
    assert xp(tree, "//t:langUsage/t:language[@ident='ru']/text()") == ["Russian (language of the original)"]
    assert "The marmots agree on the quarry." in " ".join(xp(tree, "//t:abstract//text()"))
    assert "AVP RF" in " ".join(xp(tree, "//t:sourceDesc/t:bibl//text()"))
    body = " ".join(xp(tree, "//t:body//text()"))
    assert "SUMMARY" not in body and "LANGUAGE" not in body and "citation" not in body
