"""Each structural phenomenon of the export format, on the constructed fixture records."""

import pytest
from conftest import encode_text, record, tree_of, xp


def test_telegram_opener(fixture_trees):
    t = fixture_trees["telegram"]
    opener = xp(t, "//t:div[@type='document']/t:opener")[0]
    assert xp(opener, "t:seg[@type='classification']/text()") == ["Top Secret", "Urgent"]
    assert xp(opener, "string(t:seg[@type='telegram'])") == "Cipher Telegram No. 0412"
    assert xp(opener, "t:seg[@type='from']/t:placeName/@ref") == ["#havana"]
    assert xp(opener, "t:dateline/t:date/@when") == ["1962-03-14"]
    assert xp(t, "//t:creation/t:date/@when") == ["1962-03"]  # partial date line


def test_gaps(fixture_trees):
    t = fixture_trees["telegram"]
    garbled = xp(t, "//t:gap[@reason='garbled']")[0]
    assert (garbled.get("quantity"), garbled.get("unit")) == ("1", "group")
    assert len(xp(t, "//t:gap[@reason='omitted']")) == 1


def test_chinese_reference_keeps_its_own_scheme(fixture_trees):
    t = fixture_trees["telegram"]
    assert "People's Republic of China" in xp(t, "string(//t:msIdentifier/t:repository)")
    assert xp(t, "//t:msIdentifier/t:idno/text()") == ["111-00342-05"]


def test_memcon_participants_and_speakers(fixture_trees):
    t = fixture_trees["memcon"]
    items = xp(t, "//t:list[@type='participants']/t:item")
    assert len(items) == 4
    assert xp(t, "//t:list[@type='participants']/t:item[1]/t:persName/@ref") == ["#khrushchev"]
    speakers = xp(t, "//t:p/t:label[@type='speaker']/t:persName/@ref")
    assert speakers == ["#khrushchev", "#kim-il-sung", "#khrushchev", "#kim-il-sung"]
    assert not xp(t, "//t:abstract")  # no Summary in the record, none invented


def test_memcon_brackets(fixture_trees):
    t = fixture_trees["memcon"]
    assert xp(t, "//t:supplied[@reason='clarification']/t:persName/@ref") == ["#stalin"]
    alt = xp(t, "//t:supplied[@reason='alternate-name']")[0]
    assert xp(alt, "t:persName/@ref") == ["#pak-heon-yeong"]
    assert xp(alt, "preceding-sibling::t:persName[1]/@ref") == ["#pak-heon-yeong"]
    assert "Noted that" in xp(t, "//t:supplied/text()")


def test_memcon_responsibilities(fixture_trees):
    t = fixture_trees["memcon"]
    # "Recorded by P. Ivanov" at the end: who made the record is a responsibility too
    assert sorted(xp(t, "//t:respStmt/t:resp/text()")) == [
        "Obtained",
        "Record of the conversation",
        "TEI encoding",
        "Translation",
    ]
    assert xp(t, "string(//t:funder)") == "Test Foundation"


def test_letter(fixture_trees):
    t = fixture_trees["letter"]
    opener = xp(t, "//t:opener")[0]
    assert xp(opener, "t:dateline/t:placeName/@ref") == ["#berlin"]
    assert xp(opener, "t:dateline/t:date/@when") == ["1965-05-04"]
    assert xp(opener, "string(t:salute)") == "Dear Comrade Khrushchev,"
    assert xp(t, "string(//t:closer/t:salute)") == "With communist greetings,"
    assert xp(t, "//t:closer/t:signed/t:persName/@ref") == ["#ulbricht"]
    assert len(xp(t, "//t:div[@type='document']/t:p")) == 3  # single-newline paragraphs
    assert xp(t, "//t:creation/t:date/@when") == ["1965-05-04"]  # zero-padded date line
    assert xp(t, "//t:msIdentifier/t:idno/text()") == ["DY 30/3509"]
    assert xp(t, "//t:msItem/t:locus/@from") == ["44"]
    assert sorted(xp(t, "//t:respStmt/t:resp/text()")) == ["TEI encoding", "Transcription", "Translation"]


def test_minutes_agenda_and_page_breaks(fixture_trees):
    t = fixture_trees["minutes"]
    assert xp(t, "//t:list[@type='agenda']/t:item/@n") == ["1", "2"]
    inside = xp(t, "//t:p/t:pb/@n")
    between = xp(t, "//t:div[@type='document']/t:pb/@n")
    assert inside == ["2"] and between == ["3"]
    para = xp(t, "//t:p[t:pb]")[0]
    assert "must decide about the workers' councils" in " ".join("".join(para.itertext()).split())
    assert xp(t, "//t:foreign/@xml:lang") == ["hu"]
    assert xp(t, "//t:creation/t:date/@when") == ["1956"]


def test_footnotes(fixture_trees):
    t = fixture_trees["footnotes"]
    notes = xp(t, "//t:note[@place='foot']")
    assert [n.get("n") for n in notes] == ["1", "2", "3"]
    assert "Minister of Foreign Affairs" in "".join(notes[0].itertext())
    # glued note mark (right after the name: "The military attaché JELEN", JELEN a person since session 16)
    assert xp(notes[2], "string(preceding-sibling::node()[1])").endswith("JELEN")
    text = "".join(xp(t, "//t:body//text()"))
    assert "[1] Zhou Enlai" not in text  # removed from the end
    assert xp(t, "//t:supplied[@reason='expansion']/text()") == ["oreign", "inistry"]


def test_flattened_body_and_source_label(fixture_trees):
    t = fixture_trees["flattened"]
    assert xp(t, "//t:div[@type='section']/@n") == ["1", "2", "3"]
    assert xp(t, "//t:creation/t:date/@when") == ["1975-09-01"]
    assert "RECORD OF CONVERSATION" in xp(t, "string(//t:title)")
    assert xp(t, "//t:msIdentifier/t:idno[@type='archival']/t:idno[@type='fond']/text()") == ["079"]


def test_flattened_body_keeps_initials_that_are_roman_numerals(tmp_path):
    """A body flattened into one line is cut before section numbers, never inside a name's initials:
    V, I, X are Roman numerals too ("N. V. Podgorny", "A. I. Mikoyan" stay in their sentence)."""
    text = (
        "Opening words of the note. I. The guests met N. V. Podgorny and A. I. Mikoyan, and later "
        "I. V. Arkhipov arrived. II. The second point begins here. III. A third point follows."
    )
    tree = tree_of(encode_text(tmp_path, record(text + "\n")))
    assert xp(tree, "//t:div[@type='section']/@n") == ["I", "II", "III"]
    assert not xp(tree, "//t:body//t:label[.='V.']")
    names = ["".join(n.itertext()) for n in xp(tree, "//t:body//t:persName")]
    assert names == ["N. V. Podgorny", "A. I. Mikoyan", "I. V. Arkhipov"]


def test_missing_fields_are_left_out_with_warnings(tmp_path):
    result = encode_text(tmp_path, "June 9, 1961\n\n**Bare Record**\n\nSome text of the document.\n")
    tree = tree_of(result)
    assert not xp(tree, "//t:msDesc") and not xp(tree, "//t:abstract") and not xp(tree, "//t:langUsage")
    assert any("no Citation" in w for w in result.warnings)
    assert any("original language" in w for w in result.warnings)
    assert "Unknown" not in result.tei.decode()


def test_markup_like_text_is_literal(tmp_path):
    tree = tree_of(encode_text(tmp_path, record("He wrote <b>bold</b> & said ]]> and &amp; too.\n")))
    text = "".join(xp(tree, "//t:body//t:p//text()"))
    assert "<b>bold</b> & said ]]> and &amp; too." in text


def test_unknown_bracket_number_stays_literal(tmp_path):
    tree = tree_of(encode_text(tmp_path, record("See item [7] of the list.\n")))
    assert "[7]" in "".join(xp(tree, "//t:p//text()"))
    assert not xp(tree, "//t:note")


def test_page_marker_joins_paragraph(tmp_path):
    tree = tree_of(encode_text(tmp_path, record("The work continued in the\n\n(p. 2)\n\nmines of the north.\n")))
    paras = xp(tree, "//t:body//t:p")
    assert len(paras) == 1
    assert xp(paras[0], "t:pb/@n") == ["2"]


# Bodies flattened into one line (exports that lose the line breaks), in constructed wording: the
# marks, title, date, numbered sections with their headings, and a signature after the last sentence.
_FLAT_BODIES = [
    (
        "SECRET. Copy No. 3 RECORD OF A TALK with the Trade Minister Ivo Brenn 12 May 1961 1. On grain. "
        "I called on the Minister and we discussed the grain deliveries. He wanted an answer this month. "
        "2. On the fair. The Minister said the invitation had come from Vienna. I promised to report it. "
        "ENVOY OF THE REPUBLIC IN VARNA P. DUNNOV",
        ["SECRET", "Copy No. 3"],
        "P. DUNNOV",
    ),
    (
        "TOP SECRET COPY No. 2 NOTE ON A MEETING with Mara Tolm 3 June 1962 1. ON TRADE I met the deputy "
        "and we spoke about timber. She was content. 2. ON THE FAIR Mrs Tolm said the stands were booked. "
        "Ambassador of the Republic in Varna (O. Vardan)",
        ["TOP SECRET", "COPY No. 2"],
        "(O. Vardan)",
    ),
    (
        "STRICTLY SECRET. The delegation arrived at noon and met the council. The council asked for the "
        "figures. I. KOSTOV",
        ["STRICTLY SECRET"],
        "I. KOSTOV",
    ),
]


@pytest.mark.parametrize("body, marks, signer", _FLAT_BODIES)
def test_a_flattened_body_keeps_its_marks_heading_sections_and_signature(tmp_path, body, marks, signer):
    """The marks are the opener's (not a speaker's label), the heading and date end where section 1
    begins, a section's heading stands apart from its first sentence, and the signature after the
    last sentence is the closer's, not the paragraph's; no word is lost."""
    tree = tree_of(encode_text(tmp_path, record(body + "\n")))
    div = xp(tree, "//t:div[@type='document']")[0]
    assert not xp(div, ".//t:label[@type='speaker']")
    assert xp(div, "t:opener/t:seg[@type='classification']/text() | t:opener/t:seg[@type='copy']/text()") == marks
    closer = xp(div, "t:closer")
    assert closer and " ".join("".join(closer[0].itertext()).split()).endswith(signer)
    assert signer not in "".join("".join(p.itertext()) for p in xp(div, ".//t:p"))
    if "1." in body:
        assert xp(div, "t:div[@type='section']/@n") == ["1", "2"]
        first = xp(div, "t:div[@type='section'][1]/t:p")
        assert len(first) == 2 and " ".join("".join(first[0].itertext()).split()) in ("1. On grain.", "1. ON TRADE")
        assert xp(div, "t:head") and xp(div, "t:dateline/t:date/@when")
        assert not xp(div, "t:head//t:date") and "1." not in "".join(xp(div, "t:head")[0].itertext())
    shown = " ".join("".join(div.itertext()).split())
    assert shown.replace(" ", "") == body.replace(" ", "")


@pytest.mark.parametrize(
    "body",
    [
        "Secret talks began at noon and the council met. We agreed to report. See ANNEX",
        "The talks went on. We met as set out in paragraph 1. The second round began at noon.",
    ],
)
def test_a_flattened_body_cuts_only_at_marks_sections_and_signatures(tmp_path, body):
    """A word that is also a mark begins a sentence (`Secret talks`), a closing `See ANNEX` is no
    signature, and a number after `paragraph` begins no section: the body stays one paragraph."""
    tree = tree_of(encode_text(tmp_path, record(body + "\n")))
    div = xp(tree, "//t:div[@type='document']")[0]
    assert [el.tag.split("}")[1] for el in div] == ["p"]


def test_classification_marks_are_no_speakers(tmp_path):
    """`SECRET.`, `CONFIDENTIAL.`, `TOP SECRET.` before a line's text are marks, never a speaker's
    label; a name in capitals still is one."""
    body = (
        "SECRET. Copy No. 3 NOTE ON A TALK with Ivo Brenn\n\nThe talks began at noon. We spoke about grain.\n\n"
        "CONFIDENTIAL. The minister then left the room.\n\nTOP SECRET. A further line.\n\nBRENN. We agree.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(body)))
    assert ["".join(label.itertext()) for label in xp(tree, "//t:label[@type='speaker']")] == ["BRENN."]
