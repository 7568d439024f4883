"""Gaps (TEI P5 §11.4.1) in TEI from any project (#15): the page shows what the TEI says of a gap,
its description, else its extent (@quantity and @unit, or @extent) and its reason; "[…]" only for
a gap that says nothing more than our encoder's reason "omitted"; the key explains our "omitted"
only where every gap is one."""

from lxml import html

from tei_encoder.publish import Publisher

NS = "http://www.tei-c.org/ns/1.0"


def _tei(body: str) -> bytes:
    return (
        f'<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>A damaged note</title></titleStmt>'
        "<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc>"
        f"</teiHeader><text><body><p>{body}</p></body></text></TEI>"
    ).encode()


def _gaps_and_key(tei: bytes) -> tuple[list[str], list[str]]:
    page = html.fromstring(Publisher().document_page(tei, "note"))
    gaps = [g.text_content() for g in page.xpath("//section[@class='text']//span[contains(@class, 'ed-gap')]")]
    return gaps, [dd.text_content() for dd in page.xpath("//section[@class='key']//dd")]


def test_a_gap_shows_its_extent_reason_and_description():
    gaps, key = _gaps_and_key(
        _tei(
            'The ship left <gap reason="illegible" quantity="3" unit="words"/> at dawn; <gap extent="half a line"/>'
            ' then <gap reason="damage"/>, <gap reason="omitted"/> and <gap><desc>a stamp</desc></gap>.'
        )
    )
    assert gaps == ["[3 words illegible]", "[half a line]", "[damage]", "[…]", "[a stamp]"]
    assert key and not any(k == "omitted in the source" for k in key), key


def test_our_omitted_gaps_keep_their_sign_and_key():
    gaps, key = _gaps_and_key(_tei('Before <gap reason="omitted"/> after.'))
    assert gaps == ["[…]"]
    assert key == ["omitted in the source"]


def test_a_range_gives_its_bounds():
    gaps, _ = _gaps_and_key(
        _tei('A <gap atLeast="2" atMost="4" unit="lines" reason="damage"/> B <gap atLeast="1" unit="page"/> C.')
    )
    assert gaps == ["[2–4 lines damage]", "[at least 1 page]"]


def test_a_gap_inside_a_word_keeps_the_words_around_it_apart_for_the_lost_text_check():
    """The gap's extent is the site's words: the lost-text check reads a boundary on either side
    ("Wash[3 chars illegible]ton" loses neither "Wash" nor "ton"), in its quick and its full reading."""
    from lxml import etree

    from tei_encoder.publish import _surely_shown, missing_words, tei_text

    tei = _tei(
        '<term>Quay</term> of Wash<gap quantity="3" unit="chars" reason="illegible"/>ton and'
        ' Bel<gap reason="damage"><desc>a blot</desc></gap>grade.'
    )
    page, warnings = Publisher().render_document(tei, "note")
    assert warnings == []
    root = etree.fromstring(tei)
    assert missing_words(root, page) == ({}, {})
    assert _surely_shown(tei_text(root), page)


def test_the_quick_reading_sets_the_sites_words_apart_or_leaves_the_page_to_the_full_check():
    from tei_encoder.publish import _apart_spaced

    assert _apart_spaced(b'<p>Wash<span class="ed" data-tei-apart="">[3 chars]</span>ton</p>') == (
        b"<p>Wash [3 chars] ton</p>"
    )
    assert _apart_spaced(b'<p>a<span data-tei-apart=""><i>x</i></span>b</p>') is None
    assert _apart_spaced(b"<p>the words data-tei-apart in a text</p>") is None
