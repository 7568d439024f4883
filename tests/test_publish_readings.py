"""Readings a page does not print (#15): a choice's other alternatives (sic/corr, abbr/expan,
orig/reg, TEI P5 §3.5) and an apparatus entry's other readings (§12) were named only in a hover
title, out of reach on a touch screen or the keyboard and out of the search index. The printed
reading is followed by a letter linking to its entry in the list of readings after the text, which
names the others (with their witnesses): in the page's text, valid HTML, reachable without a mouse."""

import contextlib
import shutil

import pytest
from click.testing import CliRunner
from lxml import html
from test_site_s13_f1 import nu_valid

from tei_encoder.cli import main
from tei_encoder.publish import Publisher

NS = "http://www.tei-c.org/ns/1.0"
BODY = (
    "<p>The <choice><sic>shipp</sic><corr>ship</corr></choice> left <choice><abbr>Gen.</abbr>"
    "<expan>General</expan></choice> Ostrander's <app><lem wit='#A'>harbour</lem><rdg wit='#B #C'>anchorage</rdg>"
    "<rdg wit='#D'/></app> at <choice><orig>mornynge</orig><reg>morning</reg></choice>.</p>"
    "<p>Signed by <persName ref='https://example.org/p/1'><choice><sic>Haldor</sic><corr>Halldor</corr></choice>"
    "</persName> in a long line that goes on: <choice><abbr>Adm.</abbr><expan>Admiralty-and-Harbour-Board-"
    "Commission-of-the-Northern-Coastal-Districts</expan></choice>.</p>"
)


def _tei(body: str = BODY) -> bytes:
    return (
        f'<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>A harbour log</title></titleStmt>'
        "<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc>"
        f"</teiHeader><text><body>{body}</body></text></TEI>"
    ).encode()


def test_other_readings_are_listed_in_the_text_and_linked_from_their_mark(tmp_path):
    made, warnings = Publisher().render_document(_tei(), "log")
    assert warnings == []
    page = html.fromstring(made)
    text = page.xpath("//section[@class='text']")[0].text_content()
    # the printed readings stay the main text
    assert "The shipp" in text and "Gen." in text and "harbour" in text and "mornynge" in text
    assert "anchorage" not in text and "General" not in text
    entries = page.xpath("//section[@class='readings']//li")  # each ending in its link back to the text (↩)
    assert [" ".join(e.text_content().split()) for e in entries] == [
        "a. shipp] corrected ship ↩",
        "b. Gen.] expanded General ↩",
        "c. harbour A] reading B C anchorage; reading D (omitted) ↩",
        "d. mornynge] regularised morning ↩",
        "e. Haldor] corrected Halldor ↩",
        "f. Adm.] expanded Admiralty-and-Harbour-Board-Commission-of-the-Northern-Coastal-Districts ↩",
    ]
    # every mark links to its entry; one inside a link (a mention) follows the link (links cannot nest)
    marks = page.xpath("//section[@class='text']//sup[@class='rdg-ref']")
    assert [m.text_content() for m in marks] == list("abcdef")
    links = [m.xpath("string(a/@href)") for m in marks]
    assert links == ["#rdg-1", "#rdg-2", "#rdg-3", "#rdg-4", "#rdg-5", "#rdg-6"]
    assert not page.xpath("//a//a")
    assert all(page.xpath(f"//li[@id='{href[1:]}']") for href in links if href)
    # in the searched article, not left out of the index
    assert page.xpath("//article[@data-pagefind-body]//section[@class='readings']")
    assert not page.xpath("//section[@class='readings']/ancestor-or-self::*[@data-pagefind-ignore]")
    out = tmp_path / "log.html"
    out.write_bytes(made)
    nu_valid([out])


def test_a_page_without_alternatives_has_no_list():
    page = html.fromstring(Publisher().document_page(_tei("<p>Nothing to choose.</p>"), "plain"))
    assert not page.xpath("//section[@class='readings'] | //sup[@class='rdg-ref']")


def test_a_choice_inside_a_reading_not_printed_gets_no_mark_or_entry():
    tei = _tei(
        "<p><app><lem>quay</lem><rdg wit='#B'><choice><abbr>St.</abbr><expan>Street</expan></choice></rdg></app>.</p>"
    )
    page = html.fromstring(Publisher().document_page(tei, "nested"))
    entries = [" ".join(e.text_content().split()) for e in page.xpath("//section[@class='readings']//li")]
    assert entries == ["a. quay] reading B St. ↩"]


@contextlib.contextmanager
def phone_page(width: int = 360, height: int = 640):
    """A page of headless Chromium (Playwright) with a viewport of WIDTH x HEIGHT CSS pixels, a
    phone's by default; the test is skipped where Chromium or Playwright is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()


@pytest.mark.browser
def test_a_reading_is_reached_by_keyboard_on_a_phone(tmp_path):
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "log.xml").write_bytes(_tei())
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(tmp_path / "site"), "--no-search"])
    assert result.exit_code == 0, result.output
    with phone_page() as page:
        page.goto((tmp_path / "site" / "docs" / "log.html").as_uri())
        wide = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert wide[0] <= wide[1], wide
        page.focus("sup.rdg-ref a[href='#rdg-3']")
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#rdg-3'")
        entry = page.locator("#rdg-3")
        assert entry.is_visible() and "anchorage" in entry.inner_text()
        box = entry.bounding_box()
        assert box is not None and 0 <= box["y"] < 640 and box["x"] + box["width"] <= 361


def test_the_key_explains_the_reading_mark():
    page = html.fromstring(Publisher().document_page(_tei(), "log"))
    rows = {
        dt.xpath("string(sup)"): dt.getnext().text_content() for dt in page.xpath("//section[@class='key']//dt[sup]")
    }
    assert rows.get("a", "").endswith("listed under Readings")
