"""What lies inside a reading the page does not print (#15): an entity named only there is
reported (file and line), never lost silently; a note there neither runs into the reading's words
nor links back to an anchor the page lacks; an entry page's context sentence reads as the page."""

from lxml import etree, html

from tei_encoder import sitemap, teidoc
from tei_encoder.publish import Publisher

NS = "http://www.tei-c.org/ns/1.0"


def _tei(body: str, stand_off: str = "") -> bytes:
    return (
        f'<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>A ferry log</title></titleStmt>'
        "<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc>"
        f"</teiHeader>{stand_off}<text><body>{body}</body></text></TEI>"
    ).encode()


PEOPLE = (
    "<standOff><listPerson><person xml:id='p1'><persName>Ada Brenn</persName></person>"
    "<person xml:id='p2'><persName>Olaf Storr</persName></person></listPerson></standOff>"
)


def test_an_entity_named_only_in_an_unprinted_reading_is_reported_with_its_line():
    body = (
        "<p>The ferry took <persName ref='#p1'>Ada Brenn</persName> across.</p>\n"
        "<p>It waited for <app><lem>the pilot</lem><rdg wit='#B'><persName ref='#p2'>Olaf Storr</persName></rdg>"
        "</app> at dawn.</p>"
    )
    _made, warnings = Publisher().render_document(_tei(body, PEOPLE), "ferry")
    told = [w for w in warnings if "variant reading" in w]
    assert len(told) == 1 and "'p2'" in told[0] and told[0].startswith("line ")
    # named in the printed text too: nothing to report
    body2 = body + "<p>Later <persName ref='#p2'>Olaf Storr</persName> came aboard.</p>"
    _made, warnings = Publisher().render_document(_tei(body2, PEOPLE), "ferry")
    assert not [w for w in warnings if "variant reading" in w]


def test_a_page_without_alternatives_is_not_searched_for_them():
    root = etree.fromstring(_tei("<p><persName ref='#p1'>Ada Brenn</persName>.</p>", PEOPLE))
    assert sitemap.variant_only_warnings(root) == []


def _no_missing_anchor(page) -> None:
    ids = set(page.xpath("//@id"))
    missing = [h for h in page.xpath("//a/@href") if h.startswith("#") and h[1:] not in ids]
    assert missing == []


def test_a_note_in_an_unprinted_reading_stays_out_of_its_words_and_links_to_a_real_anchor():
    body = (
        "<p>The ferry left <app><lem>early</lem><rdg wit='#B'>late<note>A scribe's remark on the hour.</note>"
        "</rdg></app> today.<note>A printed note.</note></p>"
        "<p>It came <app><rdgGrp><lem>back</lem><rdg wit='#C'>home<note>Grouped remark.</note></rdg></rdgGrp>"
        "<rdg wit='#D'>round</rdg></app>.</p>"
        "<p>With <choice><sic>cargoe</sic><corr>cargo<note>The editor's remark.</note></corr></choice>.</p>"
    )
    made, _warnings = Publisher().render_document(_tei(body), "ferry")
    page = html.fromstring(made)
    texts = [
        " ".join(t.text_content().split()) for t in page.xpath("//section[@class='readings']//span[@class='rdg-text']")
    ]
    assert "late" in texts and not [t for t in texts if "remark" in t]
    assert "remark" not in " ".join(page.xpath("//@title"))
    # the note's words are still on the page, under Notes, and every link finds its anchor
    notes = " ".join(page.xpath("//section[@class='footnotes']")[0].text_content().split())
    assert "A scribe's remark on the hour." in notes and "The editor's remark." in notes and "Grouped remark." in notes
    _no_missing_anchor(page)


def test_an_entry_page_context_reads_as_the_document_page():
    body = (
        "<p><persName ref='#p1'>Ada Brenn</persName> wrote <choice><sic>teh</sic><corr>the</corr></choice> "
        "<choice><abbr>Capt</abbr><expan>Captain</expan></choice> a letter <app><lem>slowly</lem>"
        "<rdg wit='#B'>quickly</rdg></app> with <gap reason='illegible' quantity='3' unit='words'/> and "
        "<del>blue</del> <add>black</add> ink.</p>"
    )
    root = etree.fromstring(_tei(body, PEOPLE))
    (context,) = teidoc.mention_contexts(root)["p1"]
    assert (
        context.after
        == " wrote teh Capt a letter slowly with [3 words illegible] and \u27e6blue\u27e7 \u27e8black\u27e9 ink."
    )
    # the gap's words are the page's
    page = html.fromstring(Publisher().document_page(_tei(body, PEOPLE), "ferry"))
    assert "[3 words illegible]" in page.xpath("string(//section[@class='text'])")
    for gap, shown in (
        ("<gap reason='damage' atLeast='2' atMost='4' unit='lines'/>", "[2\u20134 lines damage]"),
        ("<gap reason='omitted'/>", "[\u2026]"),
        ("<gap><desc>a torn corner</desc></gap>", "[a torn corner]"),
    ):
        assert teidoc.gap_words(etree.fromstring(f"<x xmlns='{NS}'>{gap}</x>")[0]) == shown


def test_a_context_sentences_gap_words_its_reasons_as_the_page_does():
    # signs.gap_words (the page's words too): each reason token its UI string, joined by reason-joiner
    from tei_encoder.teidoc import gap_words

    gap = etree.fromstring(
        '<gap xmlns="http://www.tei-c.org/ns/1.0" quantity="2" unit="lines" reason="cancelled sampling frayed"/>'
    )
    assert gap_words(gap) == "[2 lines cancelled, not sampled, frayed]"
