"""The edition site read as a scholarly edition (#15, F9): a reading's letter is the edition's mark,
not a letter of the word it follows (the search index kept gluing it to the word); the hover of a
choice or an apparatus entry names the other readings in the site's words (UI strings), not by TEI
element names; a gap's reason of several tokens is shown in the site's words, joined. Constructed
records in our own wording."""

import functools
import http.server
import shutil
import threading

import pytest
from click.testing import CliRunner
from conftest import _QuietHandler as _Quiet
from lxml import html
from test_publish_readings import _tei
from test_site_s13_f1 import nu_valid

from tei_encoder.cli import main
from tei_encoder.publish import Publisher
from tei_encoder.search import search_available


def test_a_reading_letter_is_left_out_of_the_search_index():
    page = html.fromstring(Publisher().document_page(_tei(), "log"))
    marks = page.xpath("//section[@class='text']//sup[contains(@class, 'rdg-ref')]")
    assert marks and all(m.get("data-pagefind-ignore") is not None for m in marks)


def test_hover_titles_name_readings_in_the_sites_words(tmp_path):
    page = html.fromstring(Publisher().document_page(_tei(), "log"))
    titles = [e.get("title") for e in page.xpath("//*[@class='tei-choice' or @class='tei-app']")]
    assert "expanded: General" in titles
    assert "regularised: morning" in titles
    assert "reading B C: anchorage; reading D: (omitted)" in titles
    # never a raw TEI element name
    assert not any(t.startswith(("expan:", "reg:", "rdg ", "corr:")) for t in titles)
    # a translation changes them (strings.json of the edition)
    xslt = tmp_path / "x"
    xslt.mkdir()
    (xslt / "strings.json").write_text('{"reading-expan": "aufgelöst"}', encoding="utf-8")
    translated = Publisher(overrides=xslt).document_page(_tei(), "log")
    assert 'title="aufgelöst: General"' in translated.decode()


def test_a_gap_of_several_reasons_names_each_in_the_sites_words():
    tei = _tei("<p>Before <gap reason='cancelled deleted' quantity='2' unit='lines'/> after.</p>")
    page = html.fromstring(Publisher().document_page(tei, "gap"))
    gap = page.xpath("//span[contains(@class, 'ed-gap')]")[0]
    assert gap.text_content() == "[2 lines cancelled, deleted]"
    assert gap.get("title") == "not transcribed: cancelled, deleted"


@pytest.mark.browser
def test_search_finds_the_printed_word_and_never_its_reading_letter(tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium or not search_available():
        pytest.skip("Chromium or Pagefind is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    site = tmp_path / "site"
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "log.xml").write_bytes(_tei())
    result = CliRunner().invoke(main, ["publish", str(tmp_path / "tei"), "-o", str(site)])
    assert result.exit_code == 0, result.output
    nu_valid([site / "docs" / "log.html"])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search.html")
            box = page.locator("#search input")
            # the printed word is found, and the indexed text (the excerpt Pagefind shows) is the
            # text as printed: no reading letter glued to a word ("shippa", "mornynged")
            box.fill("mornynge")
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
            excerpt = page.locator(".pagefind-ui__result-excerpt").first.inner_text()
            assert "The shipp left Gen. Ostrander's harbour at mornynge" in excerpt, excerpt
            assert "Haldor" in excerpt and "Haldore" not in excerpt, excerpt
            browser.close()
    finally:
        server.shutdown()
