"""The edition site as a reader tries it (#15, F13), each a kind of defect, on constructed records
in our own wording (tests/fixtures/tei/readings_names.xml):

- reference marks and their entries reach each other both ways, by keyboard: a reading's letter
  or a note's number inside a link (a mention, a reference) was plain text or a link inside a
  link; the entries of the list of readings had no way back to their place in the text;
"""

import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT
from lxml import html
from test_site_s13_f1 import nu_valid

from tei_encoder.cli import main

RECORD = ROOT / "tests" / "fixtures" / "tei" / "readings_names.xml"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("f13") / "site"
    result = CliRunner().invoke(main, ["publish", str(RECORD), "-o", str(out), "--no-search"])
    assert result.exit_code == 0, result.output
    return out


def _page(site, path: str):
    return html.parse(str(site / path)).getroot()


# --- reference marks and their entries, both ways ---


def test_every_mark_and_its_entry_link_each_other_outside_any_other_link(site):
    page = _page(site, "docs/readings_names.html")
    assert not page.xpath("//a//a"), "a link inside a link"
    marks = page.xpath("//section[@class='text']//sup[@class='rdg-ref' or @class='fn-ref']")
    # the reading inside Mira Vell's link, the note inside Grauhafen's, the apparatus entry
    assert len(marks) == 3
    ids = set(page.xpath("//@id"))
    for mark in marks:
        link = mark.find("a")
        assert link is not None and link.get("id") and link.get("href", "").startswith("#"), html.tostring(mark)
        assert not mark.xpath("ancestor::a")
        entry = page.xpath(f"//li[@id='{link.get('href')[1:]}']")[0]
        back = entry.xpath(f".//a[@href='#{link.get('id')}']")
        assert len(back) == 1 and back[0].get("aria-label"), html.tostring(entry)
        assert link.get("id") in ids
    # the letter follows the name's link, which keeps the whole name
    mention = page.xpath("//a[@id='m-p-vell-1']")[0]
    assert " ".join(mention.text_content().split()) == "Mira Vel"
    assert mention.getnext().get("class") == "rdg-ref"
    # the spoken names are the site's words (UI strings)
    assert page.xpath("//a[@class='rdg-back']/@aria-label")[0] == "Back to the text of reading a"
    nu_valid([site / "docs" / "readings_names.html"])


@pytest.mark.browser
def test_a_mark_inside_a_name_is_a_stop_of_its_own_and_its_entry_leads_back(site):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 360, "height": 640})
        page.goto((site / "docs" / "readings_names.html").as_uri())
        page.focus("#m-p-vell-1")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "rdgref-1"
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#rdg-1'")
        # on from the entry by keyboard: its link back is the next stop
        back = page.locator("#rdg-1 a.rdg-back")
        back.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#rdgref-1'")
        box = page.locator("#rdgref-1").bounding_box()
        assert box is not None and 0 < box["y"] + box["height"] and box["y"] < 640
        # the note inside a place's link: a stop of its own after the name, and back from its note
        page.focus("#m-pl-hafen-1")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "fnref-1"
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#fn-1'")
        browser.close()
