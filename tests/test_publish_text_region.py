"""The lost-text check reads the page's region that renders the TEI text (data-tei-region="text",
xslt/document.xsl), not the whole page: words an edition's stylesheet drops from the text are lost
even when the title, the summary or the citation has the same words."""

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_encoder.cli import main
from tei_encoder.publish import (
    NO_TEXT_REGION,
    Publisher,
    _surely_shown,
    missing_header_text,
    missing_text,
    missing_words,
    tei_text,
)
from tei_encoder.xmlsafe import parse_xml

NS = "http://www.tei-c.org/ns/1.0"
# a constructed letter: its signature's words are also in its title, its summary and its citation
LETTER = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Letter of Vella Orrin to the Quarry Council</title>
</titleStmt><publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><bibl>Letter of Vella Orrin, Quarry
Council papers</bibl></sourceDesc></fileDesc><profileDesc><abstract><p>Vella Orrin asks the council for the quarry
keys.</p></abstract></profileDesc></teiHeader><text><body><div type="document"><p>The keys are needed by
Friday.</p><closer><signed>Vella Orrin</signed></closer></div></body></text></TEI>"""
DROP_CLOSER = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
 xmlns:tei="{NS}"><xsl:template match="tei:closer" priority="10"/></xsl:stylesheet>"""


def _edition(tmp_path: Path, module: str) -> Path:
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "drop.xsl").write_text(module, encoding="utf-8")
    return edition


def test_text_an_override_drops_is_lost_though_its_words_are_in_the_title(tmp_path):
    page, warnings = Publisher(overrides=_edition(tmp_path, DROP_CLOSER)).render_document(LETTER.encode(), "letter")
    assert b"Vella Orrin" in page  # in the title, the summary and the citation: not the text's
    assert "2 words of the text are not shown on the page; the first is in <signed>" in "".join(warnings)
    assert NO_TEXT_REGION not in warnings


def test_publish_reports_the_dropped_signature(tmp_path):
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "letter.xml").write_text(LETTER, encoding="utf-8")
    edition = _edition(tmp_path, DROP_CLOSER)
    result = CliRunner().invoke(
        main, ["publish", str(tei), "-o", str(tmp_path / "site"), "--no-search", "--xslt", str(edition)]
    )
    assert "words of the text are not shown on the page" in result.output, result.output


def test_the_shipped_page_marks_the_text_and_shows_all_of_it():
    page, warnings = Publisher().render_document(LETTER.encode(), "letter")
    assert page.count(b'data-tei-region="text"') == 1
    assert page.count(b'data-tei-region="abstract"') == 1  # the summary, outside the text
    assert not [w for w in warnings if "not shown" in w]
    root = parse_xml(data=LETTER.encode()).getroot()
    assert _surely_shown(tei_text(root), page)
    assert missing_words(root, page) == (Counter(), Counter())


def _page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(
    "body",
    [
        # the words outside the region: in a heading, a summary, a citation
        '<h1>Vella Orrin</h1><div data-tei-region="text"><p>The keys are needed by Friday.</p></div>',
        '<div data-tei-region="text"><p>The keys are needed by Friday.</p></div><p class="citation">Vella Orrin</p>',
        '<section data-tei-region="header">Vella Orrin</section><div data-tei-region="text"><div><p>The keys are'
        " needed by Friday.</p></div></div><div>Vella Orrin</div>",
        # hovered words outside the region do not count either
        '<div data-tei-region="text"><p>The keys are needed by Friday.</p></div><abbr title="Vella Orrin">VO</abbr>',
    ],
)
def test_words_outside_the_text_region_never_stand_for_the_texts(body):
    root = parse_xml(data=LETTER.encode()).getroot()
    assert not _surely_shown(tei_text(root), _page(body))
    assert missing_text(root, _page(body)) == [
        "2 words of the text are not shown on the page; the first is in <signed> at line 5: Vella, Orrin"
    ]


def test_the_quick_reading_finds_the_region_nested_and_its_end():
    root = parse_xml(data=LETTER.encode()).getroot()
    inner = "<div><p>The keys are needed by Friday.</p></div><div><p>Vella <b>Orrin</b></p></div>"
    assert _surely_shown(tei_text(root), _page(f'<div data-tei-region="text">{inner}</div>'))
    # a second mark, or no end, leaves the decision to the full check
    twice = f'<div data-tei-region="text">{inner}</div><div data-tei-region="text"></div>'
    assert not _surely_shown(tei_text(root), _page(twice))
    assert not _surely_shown(tei_text(root), _page(f'<div data-tei-region="text">{inner}'))


def test_a_page_that_marks_no_text_region_is_read_whole_and_says_so():
    root = parse_xml(data=LETTER.encode()).getroot()
    whole = _page("<h1>Vella Orrin</h1><p>The keys are needed by Friday.</p>")
    assert missing_text(root, whole) == [NO_TEXT_REGION]
    lost = _page("<p>The keys are needed by Friday.</p>")
    assert missing_text(root, lost) == [
        NO_TEXT_REGION,
        "2 words of the text are not shown on the page; the first is in <signed> at line 5: Vella, Orrin",
    ]


def test_one_lost_word_is_said_in_the_singular():
    root = parse_xml(data=LETTER.encode()).getroot()
    page = _page('<div data-tei-region="text"><p>The keys are needed by Friday. Vella</p></div>')
    assert missing_text(root, page) == [
        "1 word of the text is not shown on the page; the first is in <signed> at line 5: Orrin"
    ]


DROP_SUMMARY_WORDS = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
 xmlns:tei="{NS}"><xsl:template match="tei:abstract/tei:p" priority="10"><p>Vella Orrin</p></xsl:template>
</xsl:stylesheet>"""


def test_the_summary_is_counted_apart_from_the_text(tmp_path):
    """The abstract the page shows as its summary (data-tei-region="abstract") is read for lost
    words in that region alone: the text's words ("keys") do not stand for the summary's."""
    page, warnings = Publisher(overrides=_edition(tmp_path, DROP_SUMMARY_WORDS)).render_document(
        LETTER.encode(), "letter"
    )
    assert b"keys" in page  # in the text
    assert any(
        w.startswith("7 words of the header are not shown in their place on the page (<abstract> at line 3): ")
        for w in warnings
    )
    assert not [w for w in warnings if "of the text" in w]
    shipped, warnings = Publisher().render_document(LETTER.encode(), "letter")
    assert not [w for w in warnings if "not shown" in w]


def test_a_page_without_the_summary_region_is_not_read_for_the_abstract():
    root = parse_xml(data=LETTER.encode()).getroot()
    assert missing_header_text(root, _page('<div data-tei-region="text">The keys</div>')) == []
    one_lost = _page('<section data-tei-region="abstract">Vella Orrin asks the council for the keys.</section>')
    assert missing_header_text(root, one_lost) == [
        "1 word of the header is not shown in its place on the page (<abstract> at line 3): quarry"
    ]


# An edition's stylesheet that moves a paragraph's words into an attribute no reader sees (#15):
# the words are lost, as if dropped; a title (hover) or an image's alt text is shown.
HIDE_IN_ATTRIBUTE = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
 xmlns:tei="{NS}"><xsl:template match="tei:p" priority="10"><p data-said="{{normalize-space(.)}}"
 aria-label="{{normalize-space(.)}}" class="{{normalize-space(.)}}">(moved)</p></xsl:template></xsl:stylesheet>"""


def test_text_moved_into_an_unshown_attribute_is_lost(tmp_path):
    page, warnings = Publisher(overrides=_edition(tmp_path, HIDE_IN_ATTRIBUTE)).render_document(
        LETTER.encode(), "letter"
    )
    assert b'data-said="The keys are needed by Friday."' in page
    assert "6 words of the text are not shown on the page; the first is in <p>" in "".join(warnings), warnings


@pytest.mark.parametrize("attribute", ["title", "alt"])
def test_text_in_a_shown_attribute_counts(attribute):
    body = f'<div data-tei-region="text"><p>The keys are needed</p><img src="x.png" {attribute}="by Friday"><p>Vella Orrin</p></div>'
    root = parse_xml(data=LETTER.encode()).getroot()
    strict, lenient = missing_words(root, _page(body))
    assert not lenient, lenient


@pytest.mark.parametrize("attribute", ["data-words", "aria-label", "class", "id", "value"])
def test_text_in_another_attribute_does_not_count(attribute):
    body = f'<div data-tei-region="text"><p>The keys are needed</p><p {attribute}="by Friday">x</p><p>Vella Orrin</p></div>'
    root = parse_xml(data=LETTER.encode()).getroot()
    assert missing_words(root, _page(body))[1] == Counter({"by": 1, "Friday": 1})


# a constructed note: the bureau's name in the standOff is longer words that begin as the
# person's name does ("Mar" in "Martial", "Tenn" in "Tennfield"); the page shows it on hover
HOVERED = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Note on the bureau</title></titleStmt>
<publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><p>Constructed</p></sourceDesc></fileDesc>
</teiHeader><standOff><listOrg><org xml:id="bur"><orgName>Martial Tennfield Bureau</orgName></org></listOrg></standOff>
<text><body><p>Kelvo met <orgName ref="#bur">the bureau</orgName> and <persName>Mar Tenn</persName> there.</p>
</body></text></TEI>"""
DROP_PERSNAME = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
 xmlns:tei="{NS}"><xsl:template match="tei:persName" priority="10"/></xsl:stylesheet>"""


def test_a_dropped_name_is_not_excused_by_longer_words_that_merely_contain_it(tmp_path):
    """Fails before: any longer word on the page holding a lost word excused it (a hover title's
    "Martial" stood for a dropped "Mar")."""
    page, warnings = Publisher(overrides=_edition(tmp_path, DROP_PERSNAME)).render_document(HOVERED.encode(), "note")
    assert b"Martial Tennfield" in page
    assert "2 words of the text are not shown on the page; the first is in <persName>" in "".join(warnings)
    assert "Mar, Tenn" in "".join(warnings)


def test_a_lost_word_is_excused_only_by_a_real_join():
    """Fails before: a word counts as shown inside a longer word only when the rest of it is
    other words of the text, an inflection ending or figures, never letters of another word."""
    root = parse_xml(
        data=f'<TEI xmlns="{NS}"><teiHeader/><text><body><p>Kelvo saw the quay and Mar Tenn at 12 '
        "<gap reason='illegible'><desc>illegible</desc></gap> b v</p></body></text></TEI>".encode()
    ).getroot()

    def missing(body: str) -> Counter:
        return missing_words(root, _page(f'<div data-tei-region="text">{body}</div>'))[1]

    assert missing('<p title="Martial Tennfield">Kelvo saw the quay and at 12 illegible b v</p>') == Counter(
        {"Mar": 1, "Tenn": 1}
    )
    # joined: two words of the text, an ending, figures, a gap's description between letters
    assert missing("<p>Kelvo saw the quays and MarTenn at 12illegible billegiblev</p>") == Counter()
    assert missing("<p>Kelvo saw the quayside and MarTennfield at 12 illegible b v</p>") == Counter(
        {"quay": 1, "Mar": 1, "Tenn": 1}
    )
