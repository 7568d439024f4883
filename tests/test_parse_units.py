"""Unit tests of the parser's pure functions: header fields, references, numeric dates, body shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_encoder.config import record_format
from tei_encoder.dates import find_dates
from tei_encoder.model import Node
from tei_encoder.parse.blocks import split_blocks
from tei_encoder.parse.body import parse_body
from tei_encoder.parse.citation import parse_archival_reference, split_citation
from tei_encoder.parse.header import document_id, parse_header, split_funders, url_line
from tei_encoder.parse.sender import title_sender

FMT = record_format()


@pytest.mark.parametrize(
    "text, when, problem",
    [
        ("17.09.52", "1952-09-17", ""),
        ("3.XI.53", "1953-11-03", ""),
        ("14.X.1956", "1956-10-14", ""),
        ("11/03/52", "1952-11-03", ""),  # slashes: month first, as the English translations write them
        ("25/03/52", "1952-03-25", ""),  # 25 can only be the day
        ("03/25/52", "1952-03-25", ""),
        ("11.25.63", "1963-11-25", ""),  # 25 can only be the day
        ("1973-3-15", "1973-03-15", ""),
        ("10.04.63", None, "ambiguous"),
    ],
)
def test_numeric_dates(text, when, problem):
    (match,) = find_dates(f"on {text} at noon", 1950)
    assert match.attrs.get("when") == when
    assert problem in match.problem


@pytest.mark.parametrize("text", ["Article 3.1.2 of the treaty", "version 1.2.3", "ll. 237-240", "03.10. at 15:40"])
def test_numbers_that_are_not_dates(text):
    assert find_dates(text, 1950) == []


def test_two_digit_year_takes_the_documents_century():
    (match,) = find_dates("20.XI.03", 1903)
    assert match.attrs == {"when": "1903-11-20"}


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://digitalarchive.example.org/document/188144", "188144"),
        ("https://digitalarchive.example.org/document/record-of-talk-with-x-0", "record-of-talk-with-x-0"),
        ("https://digitalarchive.example.org/node/89832", "node-89832"),
        ("https://digitalarchive.example.org/about", ""),
    ],
)
def test_document_id_from_url(url, expected):
    assert document_id(url, FMT) == expected


def test_url_line():
    assert url_line("<https://example.org/document/1>") == "https://example.org/document/1"
    assert url_line("See https://example.org/document/1") is None


@pytest.mark.parametrize(
    "text, funders",
    [
        (
            "the ROK Ministry of Unification and the Leon Levy Foundation.",
            ["ROK Ministry of Unification", "Leon Levy Foundation"],
        ),
        (
            "the ROK Ministry of Unification, Leon Levy Foundation",
            ["ROK Ministry of Unification", "Leon Levy Foundation"],
        ),
        ("Bill and Melinda Gates Foundation", ["Bill and Melinda Gates Foundation"]),
        ("Blavatnik Family Foundation", ["Blavatnik Family Foundation"]),
    ],
)
def test_split_funders(text, funders):
    assert split_funders(text) == funders


def _header(text: str):
    return parse_header(split_blocks(text), FMT)


def test_header_fields_in_any_order_end_where_the_document_begins():
    header, body, warnings = _header(
        "March 3, 1957\n\n**A Record**\n\n<https://example.org/document/5>\n\nCredits:\n\n"
        "This document was made possible with support from the Example Foundation\n\nTop Secret\n\nText.\n"
    )
    assert (header.url, header.doc_number, header.funders) == (
        "https://example.org/document/5",
        "5",
        ["Example Foundation"],
    )
    assert [b.text for b in body] == ["Top Secret", "Text."]


def test_repeated_summary_is_kept_and_reported():
    header, _, warnings = _header(
        "June 1, 1960\n\n**A Record**\n\nSummary:\n\nFirst.\n\nSummary:\n\nSecond.\n\nCredits:\n\nThanks to all.\n\nText.\n"
    )
    assert header.summary == "First.\n\nSecond."
    assert any("'Summary' is given 2 times" in w for w in warnings)
    assert header.notes == [("credits", "Thanks to all.")]


def test_single_newline_header_leaves_the_document_as_one_block():
    _, body, _ = _header(
        "June 1, 1960\n\n**A Record**\n\n<https://example.org/document/7>\nCredits:\nThis document was made possible "
        "with support from X Fund\nTop Secret\nFirst line.\nSecond line.\n"
    )
    assert len(body) == 1 and body[0].lines == ("Top Secret", "First line.", "Second line.")


@pytest.mark.parametrize(
    "reference, repo, idnos, locus",
    [
        ("PRC FMA 109-01234-05, 12-15", "PRC FMA", [("shelfmark", "109-01234-05")], ("12", "15")),
        (
            "RGANI, fond 5, opis 30, delo 127, list 14",
            "RGANI",
            [("fond", "5"), ("opis", "30"), ("delo", "127")],
            ("14", "14"),
        ),
        (
            "APRF, f. 45, op. 1, d. 342, l. 78; RGASPI, f. 558, op. 11",
            "APRF",
            [("fond", "45"), ("opis", "1"), ("delo", "342")],
            ("78", "78"),
        ),
        (
            # the country after the abbreviation, one folio, a closing full stop: understood, no warning
            "TsAMO RF, fond 7, opis 40312, delo 88, list 61.",
            "TsAMO",
            [("fond", "7"), ("opis", "40312"), ("delo", "88")],
            ("61", "61"),
        ),
    ],
)
def test_archival_reference_by_scheme(reference, repo, idnos, locus):
    ref = parse_archival_reference(reference)
    assert ref.understood and ref.repository.abbr == repo
    assert ref.idnos == idnos
    assert ref.locus[:2] == locus


@pytest.mark.parametrize(
    "reference, archive, idnos",
    [
        # an archive repositories.json does not list, its levels read the fond-opis way (sprava = delo)
        ("KhDAVO, F. 7, Op. 3, Spr. 41, Ll. 12-19.", "KhDAVO", [("fond", "7"), ("opis", "3"), ("delo", "41")]),
        ("Archive of the Imagined Republic, fond 2, opis 8, delo 5", "Archive of the Imagined Republic", None),
        # no archive named: the levels alone, no repository to give
        ("F. 4, Op. 1, D. 9, l. 3", None, [("fond", "4"), ("opis", "1"), ("delo", "9")]),
    ],
)
def test_an_unlisted_archive_keeps_the_name_the_reference_gives_it(reference, archive, idnos):
    ref = parse_archival_reference(reference)
    assert (ref.repository.name if ref.repository else None) == archive
    assert ref.repository is None or ref.repository.abbr == ""
    if idnos:
        assert ref.idnos == idnos


def test_a_word_after_the_archive_is_not_taken_for_its_country():
    # `RF` belongs to the name; a longer word starting so does not, and stays a leftover
    assert not parse_archival_reference("TsAMO RFX, fond 7, opis 40312, delo 88, list 61.").understood


def test_citation_title_with_comma_inside_the_quotes_and_other_publisher():
    reference, resp = split_citation(
        '"Report, Embassy of Hungary," February 26, 1955, History and Public Policy Program Digital Archive, '
        "MOL, XIX-J-1-j Korea, 4. doboz. Translated by Ann Example.",
        FMT,
    )
    assert reference.rstrip(".") == "MOL, XIX-J-1-j Korea, 4. doboz"
    assert [(r.resp, r.names) for r in resp] == [("Translation", ["Ann Example"])]


@pytest.mark.parametrize("date", ["1962", "1962-1963", "[1962?]", "n.d.", "1960s"])
def test_a_year_only_date_and_the_publisher_are_never_the_shelfmark(date):
    # issue #15: a citation whose date is a year only (no date find_dates reads) kept `1962, Wilson
    # Center Digital Archive` before the archive, and it became the shelfmark
    reference, resp = split_citation(
        f'"Memo on the Harbour Works", {date}, Wilson Center Digital Archive, RGANI. Translated by Ann Example.',
        FMT,
    )
    assert reference.rstrip(".") == "RGANI"
    assert parse_archival_reference(reference).idnos == []
    assert [(r.resp, r.names) for r in resp] == [("Translation", ["Ann Example"])]
    reference, _ = split_citation(
        f'"Memo on the Harbour Works", {date}, Wilson Center Digital Archive, RGANI, f. 5, op. 30, d. 12.', FMT
    )
    assert parse_archival_reference(reference).idnos == [("fond", "5"), ("opis", "30"), ("delo", "12")]


def _body(text: str) -> Node:
    document, _, _, _ = parse_body(split_blocks(text), FMT)
    return document


def _tags(node: Node) -> list[str]:
    return [c.tag for c in node.children if isinstance(c, Node)]


def test_initials_are_not_roman_numerals():
    doc = _body(
        "I. Questions of trade\n\nV. ORLOVSKY. The ships leave at the end of the month.\n\nII. Questions of training\n\nA. PETROV. Agreed.\n"
    )
    sections = [c for c in doc.children if isinstance(c, Node) and c.tag == "div"]
    assert [s.attrs["n"] for s in sections] == ["I", "II"]


def test_repeated_number_never_makes_a_second_section_with_that_number():
    doc = _body(
        "1. The first point is long enough to be a paragraph of its own.\n\n1. So is the second point, printed with the same number.\n"
    )
    numbers = [c.attrs.get("n") for c in doc.iter() if c.tag == "div" and c.attrs.get("type") == "section"]
    assert numbers == ["1"]


def test_capitals_are_opener_parts_not_section_heads():
    doc = _body("STRICTLY SECRET!\n\nFROM: HAVANA\n\nThe delegation arrived this morning.\n\nGROMOV\n")
    assert _tags(doc) == ["opener", "p", "closer"]
    opener = doc.children[0]
    assert [c.attrs.get("type") for c in opener.children if isinstance(c, Node)] == ["classification", "from"]


def test_single_newline_opener_lines_are_parts():
    doc = _body(
        "GDR Embassy to the DPRK\nPyongyang, 20 October 1967\nTo Comrade Example\nDear Comrade Example,\nWe write to you about the exhibition in the spring.\n"
    )
    opener = doc.children[0]
    assert [c.tag for c in opener.children if isinstance(c, Node)] == ["seg", "dateline", "seg", "salute"]


def test_bracket_over_lines_is_one_unit():
    doc = _body("[faded stamp:\n07238-gs\n11 June 1958]\nThe text of the entry follows here and is long enough.\n")
    texts = [c.text() for c in doc.iter() if c.tag in ("p", "opener")]
    assert any("[faded stamp: 07238-gs 11 June 1958]" in t for t in texts)


def test_short_from_and_to_lines_with_a_full_stop_and_signer_before_title():
    document, _, authors, _ = parse_body(
        split_blocks(
            "From Hanoi.\n\nTo Comrade Example.\n\nThe delegation arrived this morning and will stay three days.\n\n"
            "On behalf of the Deputy Minister\n\nB. Samplov\n\nHead of the Second Department\n"
        ),
        FMT,
    )
    opener = document.children[0]
    assert [c.attrs.get("type") for c in opener.children if isinstance(c, Node)] == ["from", "addressee"]
    assert _tags(document) == ["opener", "p", "closer"]
    assert authors == ["B. Samplov"]  # the name, not the title line under it


def test_a_heading_without_text_at_the_end_closes_the_section_before_it():
    from tei_encoder.model import Node
    from tei_encoder.parse.body import _fold_empty_sections

    last = Node("div", {"type": "section"}, [Node("head", {}, ["LEFT OPEN"])])
    first = Node("div", {"type": "section"}, [Node("head", {}, ["FIRST"]), Node("p", {}, ["Text."])])
    document = Node("div", {"type": "document"}, [Node("p", {}, ["Intro."]), first, last])
    _fold_empty_sections(document)
    assert [c.tag for c in document.children] == ["p", "div"]
    assert first.children[-1].tag == "p" and first.children[-1].children == ["LEFT OPEN"]


def test_a_field_the_format_labels_but_the_parser_does_not_know_is_kept_as_a_note():
    """A format file may add a label for a field the header parser has no place for: its text is
    kept (notesStmt/note[@type='field'], "Label: text") and reported, never dropped; the TEI stays valid."""
    from dataclasses import replace

    fmt = replace(FMT, labels={**FMT.labels, "Keywords": "keywords"})
    text = "June 9, 1961\n\n**A Test Record**\n\nKeywords:\n\nharvest, grain quotas\n\nSummary:\n\nA short summary.\n\nThe text.\n"
    header, body, warnings = parse_header(split_blocks(text), fmt)
    assert ("field", "Keywords: harvest, grain quotas") in header.notes
    assert header.summary == "A short summary." and body
    assert any("'Keywords'" in w and "kept as a note" in w for w in warnings), warnings
    from lxml import etree

    from tei_encoder.model import SourceText
    from tei_encoder.parse import parse_record
    from tei_encoder.validate import Validator
    from tei_encoder.write import serialize, tei_tree

    doc = parse_record(SourceText(Path("keywords.txt"), text, "0" * 64), fmt)
    tei = serialize(tei_tree(doc, None))
    assert b'<note type="field">Keywords: harvest, grain quotas</note>' in tei
    problems = Validator(jing=False).check_tree(etree.ElementTree(etree.fromstring(tei)), "x.xml", tei)
    assert not [d for d in problems if d.severity == "error"], problems


@pytest.mark.parametrize(
    "url, idno",
    [
        ("https://digitalarchive.example.org/document/188144", "188144"),
        ("https://digitalarchive.example.org/document/record-of-talk-with-x-0", "record-of-talk-with-x-0"),
        ("https://digitalarchive.example.org/node/89832", ""),  # a site's node number is no document id
    ],
)
def test_document_idno_is_the_number_or_slug_never_a_node(url, idno):
    from tei_encoder.parse import parse_record
    from tei_encoder.read import decode_record

    text = f"June 9, 1961\n\n**A Test Record**\n\n<{url}>\n\nThe talks went on.\n"
    doc = parse_record(decode_record(Path("t.txt"), text.encode()), FMT)
    named = doc.header.doc_number or doc.header.doc_slug if doc.header.doc_number_type else ""
    assert named == idno


@pytest.mark.parametrize(
    "title, sender",
    [
        ("Telegram from Ivo Brandt to Ana Kovac", ("Ivo Brandt", "person")),
        ("Secret Telegram from Brandt (Lagos) to Kovac (Warsaw) [Ciphergram No. 12]", ("Brandt", "person")),
        ("Cable, Brandt to Cde. Kovac", ("Brandt", "person")),
        ("Ciphered Telegram No. 71, Brandt to Kovac, for the Premier", ("Brandt", "person")),
        ("Colonel Ivo Brandt, No. 4/II/0071/01.02.1980, 'Note on a Meeting'", ("Ivo Brandt", "person")),
        ("Memo from the Ruritanian Consul in Lagos, Ivo Brandt, to the Ministry", ("Ivo Brandt", "person")),
        ("Ivo Brandt’s Notes from the Harbour Talks", ("Ivo Brandt", "person")),
        (
            "Telegram from the Ruritanian Embassy in Lagos, to the Ministry of Foreign Affairs",
            ("Ruritanian Embassy in Lagos", "org"),
        ),
        ("Report, Embassy of Ruritania in Lagos to the Foreign Ministry", ("Embassy of Ruritania in Lagos", "org")),
        ("Telegram from Ruritanian Embassy in Lagos (Brandt), 2 May 1962", ("Brandt", "person")),
        ("Telegram from Ruritanian Embassy in Lagos (Warsaw)", ("Ruritanian Embassy in Lagos", "org")),
        ("Journal of Soviet Ambassador in the DPRK A. B. Sampov for 3 May 1958", ("A. B. Sampov", "person")),
        ("From the Journal of Ambassador Ivo Brandt: Record of a Conversation", ("Ivo Brandt", "person")),
        ("Report by Ivo Brandt on the Harbour Talks", ("Ivo Brandt", "person")),
        ("Journal of the Embassy, 1960", None),
        # names nobody: a place, a role without a name, a code name the editor resolves, a subject, no sender
        ("Telegram from Lisbon, PT, No.071.312, Urgent", None),
        ("Telegram from Moscow to the Embassy", None),
        ("Telegram from the Minister of Foreign Affairs to the Ambassador", None),
        ("Ciphered Telegram, Brandt [Kovac] to the Premier", None),
        ("Letter from the Embassy on the Harbour Talks", None),
        ("Record of Conversation between Ivo Brandt and Ana Kovac", None),
        ("Record of Conversation from Premier Brandt's Reception of the Delegation", None),
        ("TELEGRAM FROM IVO BRANDT TO ANA KOVAC", None),
    ],
)
def test_the_sender_a_title_names(title, sender):
    found = title_sender(title, FMT)
    assert (found.name, found.kind) == sender if sender else found is None


def _header_of(citation: str):
    text = f"June 9, 1961\n\n**A Test Record**\n\nCitation:\n\n{citation}\n\n<https://digitalarchive.example.org/document/1>\n\nThe talks went on.\n"
    header, _, warnings = parse_header(split_blocks(text), FMT)
    return header, warnings


def test_roles_after_an_understood_reference_give_no_warning():
    header, warnings = _header_of(
        '"A Test Record," June 9, 1961, Wilson Center Digital Archive, TsKhSD, f. 5, op. 7, d. 11, ll. 2-4; '
        "translation by Jane Roe."
    )
    assert not [w for w in warnings if "archival reference" in w], warnings
    assert [(r.resp, r.names) for r in header.responsibilities] == [("Translation", ["Jane Roe"])]
    assert header.archival.idnos == [("fond", "5"), ("opis", "7"), ("delo", "11")]


@pytest.mark.parametrize(
    "reference",
    ["AVP RF, copy courtesy of NSA; translation by Jane Roe.", "AVP RF; obtained by Jane Roe, copy on file at NSA."],
)
def test_a_copys_provenance_is_a_note_and_the_repository_stays(reference):
    header, warnings = _header_of(f'"A Test Record," June 9, 1961, Wilson Center Digital Archive, {reference}')
    assert header.archival.repository.abbr == "AVP RF" and header.archival.understood
    assert [kind for kind, _ in header.notes] == ["provenance"]
    assert not [w for w in warnings if "archival reference" in w], warnings


def test_a_collection_named_with_a_role_noun_is_no_role():
    reference, roles = split_citation(
        '"T," June 9, 1961, Archive, Translation Collection, box 5. Obtained by Jane Roe.', FMT
    )
    assert reference == "Archive, Translation Collection, box 5."
    assert [r.resp for r in roles] == ["Obtained"]


def test_a_folio_unit_without_numbers_leaves_the_reference_understood():
    ref = parse_archival_reference("GARF, Fond 5446, Opis 12, Delo 34, Listy")
    assert ref.understood and ref.idnos == [("fond", "5446"), ("opis", "12"), ("delo", "34")] and ref.locus is None


def test_romanian_scheme_levels_in_english_too():
    ref = parse_archival_reference("Romanian Ministry of Foreign Affairs Archives, Matter 220, Folder no. 1601")
    assert ref.repository.abbr == "AMAE" and ref.idnos == [("problema", "220"), ("dosar", "1601")]


def _encoded_talk(last_lines: str) -> bytes:
    """TEI of a small constructed record whose text ends with `last_lines`."""
    from tei_encoder.parse import parse_record
    from tei_encoder.read import decode_record
    from tei_encoder.write import serialize, tei_tree

    text = (
        "March 3, 1962\n\n**Record of a Talk on Shipping**\n\n<https://digitalarchive.example.org/document/900001>\n\n"
        f"The talks covered the shipping schedule.\n\n{last_lines}\n"
    )
    return serialize(tei_tree(parse_record(decode_record(Path("t.txt"), text.encode()), FMT), None))


@pytest.mark.parametrize("mark", ["(p. 1)", "[Page 3]"])
def test_a_page_mark_at_the_end_is_a_page_break_never_the_signer(mark):
    from lxml import etree

    tei = etree.fromstring(_encoded_talk(f"The envoy thanked the minister and left at noon.\n\n{mark}"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert not tei.xpath("//t:titleStmt/t:author", namespaces=ns)
    assert not tei.xpath("//t:closer", namespaces=ns)
    assert tei.xpath("//t:body//t:pb/@n", namespaces=ns) == [mark.strip("()[]").split()[-1]]


def test_a_page_break_naming_no_page_has_no_number():
    from lxml import etree

    from tei_encoder.validate import Validator

    tei = _encoded_talk("[page break]\n\nThe envoy left at noon.\n\n[Page 2]\n\nHe came back in the evening.")
    pbs = etree.fromstring(tei).xpath("//t:body//t:pb", namespaces={"t": "http://www.tei-c.org/ns/1.0"})
    assert [pb.get("n") for pb in pbs] == [None, "2"]
    problems = Validator(jing=False).check_tree(etree.ElementTree(etree.fromstring(tei)), "x.xml", tei)
    assert not [d for d in problems if d.severity == "error"], problems


def test_one_side_heading_alone_stays_an_item_and_two_sides_split():
    one = _body("Participants:\nFrom Lisbon\nA. Example, envoy\nB. Sample, adviser\n\nThe talks began at noon.\n")
    assert [len(lst.children) for lst in one.iter() if lst.tag == "list"] == [4]  # head + three items
    two = _body("Participants:\nFrom Lisbon\nA. Example\nFrom Oslo\nB. Sample\n\nThe talks began at noon.\n")
    heads = [lst.children[0].text() for lst in two.iter() if lst.tag == "list"]
    assert heads == ["From Lisbon", "From Oslo"] and _tags(two)[0] == "p"


def test_participants_stay_out_of_the_opener_unless_meeting_lines_follow_them():
    shown = "Time: 10 May 1961\nPlace: Guest House\n\nParticipants:\nA. Example\nB. Sample\n\n"
    after = _body(shown + "Recorder: C. Writer\n\nA. EXAMPLE: We begin.\n")
    segs = [c.attrs["type"] for c in after.children[0].children if isinstance(c, Node) and c.tag == "seg"]
    assert _tags(after)[0] == "opener" and segs == ["participants", "meeting"]
    before = _body(shown + "A. EXAMPLE: We begin.\n")
    assert _tags(before)[:2] == ["opener", "list"]  # the list opens the text as before


def test_a_signature_in_parentheses_over_a_date_ends_the_document_even_with_lines_after_it():
    doc, _, authors, _ = parse_body(
        split_blocks("We send you the letter today as agreed.\n(B. Sample)\n3 May 1952\nNo. 41\nFile it.\n"), FMT
    )
    assert _tags(doc) == ["p", "closer", "postscript"] and authors == ["B. Sample"]  # the signer, never `No. 41`
    assert [c.text() for c in doc.children[2].children] == ["No. 41", "File it."]
    # a name in parentheses inside the text, no date under it: no closer there
    assert "closer" not in _tags(_body("We met him.\n(B. Sample)\nHe spoke at length about the harvest.\n"))


@pytest.mark.parametrize(
    "label, kind", [("Received", "received"), ("Arrived", "received"), ("Dispatched", "dispatched")]
)
def test_a_form_field_with_no_space_after_its_colon_takes_its_type_from_the_label(label, kind):
    # `Received:12 May 1963`: the type is the label's, never `received:12` (which the schema refuses)
    doc = _body(f"Telegram No. 5\n\n{label}:12 May 1963\n\nThe ships came in before noon and were unloaded.\n")
    types = [n.attrs.get("type") for n in doc.iter() if n.tag == "seg"]
    assert kind in types and all(":" not in str(t) for t in types), types


_FIELDS_AFTER = (
    "Summary:\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nCredits:\n\nScanned by a volunteer.\n\n"
    "Original Language:\n\nPolish\n\nContents:\n\nTranslation - English\n\nContents:\n\nOriginal Scan\n\nThe text.\n"
)


def test_the_header_goes_on_past_an_unknown_label_a_second_title_and_a_long_summary():
    header, body, warnings = _header(
        "May 2, 1960\n\n**The Main Title**\n\n**A Second Title Line**\n\nCitation:\n\n"
        '"The Main Title", May 2, 1960, Example Archive.\n\nKeywords:\n\nHarbours; grain\n\n' + _FIELDS_AFTER
    )
    assert (header.title, header.subtitle) == ("The Main Title", "A Second Title Line")
    assert header.citation.startswith('"The Main Title"')
    assert ("field", "Keywords: Harbours; grain") in header.notes
    assert [w for w in warnings if "Keywords" in w] == [
        "header field 'Keywords' is not one this format knows: kept as a note"
    ]
    assert header.summary.split("\n\n") == ["One.", "Two.", "Three.", "Four."]  # whole, to the next label
    assert [lang.name for lang in header.original_languages] == ["Polish"]
    assert ("contents", "Original Scan") in header.notes  # a second Contents: stays in the header
    assert [b.text for b in body] == ["The text."]


def test_an_unknown_label_after_the_last_header_field_begins_the_document():
    header, body, _ = _header(
        "May 2, 1960\n\n**A Title**\n\nCitation:\n\nA citation.\n\nPlace:\n\nHarbour office\n\nWe met.\n"
    )
    assert not header.notes and [b.text for b in body][0] == "Place:"


def test_a_date_line_under_the_title_is_the_date_and_the_header_goes_on():
    header, body, _ = _header(
        "**A Report of the Harbour Office**\n\nMarch 4, 1961\n\n<https://example.org/document/4711>\n\n"
        "Credits:\n\nThis document was made possible with support from the Example Foundation\n\nTop secret\n\nWe met.\n"
    )
    assert (header.title, header.date_iso) == ("A Report of the Harbour Office", "1961-03-04")
    assert header.url == "https://example.org/document/4711" and header.funders == ["Example Foundation"]
    assert [b.text for b in body] == ["Top secret", "We met."]
    # a date line that no header field follows stays the document's own
    header, body, _ = _header("**A Note**\n\nCitation:\n\nA citation.\n\nMarch 4, 1961\n\nWe met.\n")
    assert not header.date_text and [b.text for b in body][0] == "March 4, 1961"


def test_a_single_newline_body_after_the_funder_line_is_the_document():
    header, body, _ = _header(
        "May 2, 1960\n\n**A Title**\n\nCredits:\n\nThis document was made possible with support from the "
        "Example Foundation\nSecret\nCable No. 12\nThe harbour is closed.\n"
    )
    assert header.funders == ["Example Foundation"]
    assert [b.lines for b in body] == [("Secret", "Cable No. 12", "The harbour is closed.")]
    # a funder sentence wrapped over two lines stays whole
    header, body, _ = _header(
        "May 2, 1960\n\n**A Title**\n\nCredits:\n\nThis document was made possible with support from the\n"
        "Example Foundation\n\nThe harbour is closed.\n"
    )
    assert header.funders == ["Example Foundation"] and [b.text for b in body] == ["The harbour is closed."]


def test_a_bold_title_stays_the_title_over_a_line_the_format_does_not_know():
    header, _, _ = _header(
        "May 2, 1960\n\n**A Title**\n\nURL: https://example.org/document/5\n\nCredits:\n\n"
        "This document was made possible with support from the Example Foundation\n\nThe text.\n"
    )
    assert (header.title, header.date_iso) == ("A Title", "1960-05-02")


@pytest.mark.parametrize(
    "reference, repo, shelfmark, collection",
    [
        # the archive's name, then in brackets its English name (itself bracketing a word) and abbreviation
        (
            "Stiftung Archiv der Parteien und Massenorganisationen der DDR im Bundesarchiv (Archive of the"
            " Parties and Mass Organizations of the GDR in the Federal Archives (Foundation); SAPMO-BArch),"
            " Berlin, Germany, DY 30/IV A 2/20/442, 57-58.",
            "SAPMO-BArch",
            "DY 30/IV A 2/20/442, 57-58",
            "",
        ),
        # a listed archive's collection named without a number: the collection, no shelfmark
        ("Arhiv Jugoslavije (AJ), Kabinet Predsednika Republike.", "AJ", None, "Kabinet Predsednika Republike"),
    ],
)
def test_a_glossed_archive_name_and_its_country_are_not_collections(reference, repo, shelfmark, collection):
    ref = parse_archival_reference(reference)
    assert ref.understood and ref.repository.abbr == repo
    assert dict(ref.idnos).get("shelfmark") == shelfmark
    assert ref.collection == collection


def test_a_bracket_with_a_number_after_the_archive_is_not_its_gloss():
    ref = parse_archival_reference(
        "Stiftung Archiv der Parteien und Massenorganisationen der DDR im Bundesarchiv (DY 30/3509), Berlin"
    )
    assert "DY 30/3509" in dict(ref.idnos).get("shelfmark", "")
