"""The built site in a real browser (headless Chromium via Playwright): links, search, screenshots."""

import shutil

import pytest
from conftest import CORPUS, FIXTURES, ROOT
from test_publish import SEED_PAGE, build

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.browser


# a small edition: the seed and six records of different shapes
BROWSED = ("telegram", "memcon", "letter", "minutes", "footnotes", "flattened")


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    corpus = tmp_path_factory.mktemp("corpus")
    for path in [*CORPUS.glob("*.txt"), *(FIXTURES / f"{name}.txt" for name in BROWSED)]:
        shutil.copy(path, corpus / path.name)
    site = build(corpus, tmp_path_factory.mktemp("out"))
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        yield page, site
        browser.close()


def test_document_links_to_register_and_back(browser_page):
    page, site = browser_page
    page.goto((site / SEED_PAGE).as_uri())
    assert page.locator("h1").inner_text().startswith("From the Journal of S.M. Kudryavtsev")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=False)
    page.locator("a.ent-person", has_text="Raul Roa").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("persons/roa-raul.html")
    entry = page.locator("article#roa-raul")
    assert entry.locator("h1").inner_text() == "Raúl Roa"
    entry.locator("a.mention").first.click()
    page.wait_for_load_state()
    assert SEED_PAGE in page.url and "#m" in page.url
    anchor = page.url.split("#")[1]
    assert page.locator(f"[id='{anchor}']").inner_text() == "Raul Roa"


def test_highlight_toggle_needs_no_script(browser_page):
    page, site = browser_page
    page.goto((site / SEED_PAGE).as_uri())
    link = page.locator("a.ent-place").first
    before = link.evaluate("e => getComputedStyle(e).backgroundColor")
    page.check("#hl-place")
    after = link.evaluate("e => getComputedStyle(e).backgroundColor")
    assert before != after


def test_index_search_and_filters(browser_page):
    page, site = browser_page
    page.goto((site / "index.html").as_uri())
    items = page.locator("#doc-list > li")
    total = items.count()
    assert total == 1 + len(BROWSED)
    page.fill("#q", "taiwan strait")
    assert page.locator("#doc-list > li:visible").count() == 1
    assert "Taiwan Strait" in page.locator("#doc-list > li:visible h2").inner_text()
    page.fill("#q", "")
    page.select_option("#person", "castro-fidel")
    visible = page.locator("#doc-list > li:visible")
    assert visible.count() == 1 and "Kudryavtsev" in visible.inner_text()
    page.select_option("#person", "")
    page.select_option("#year", "1962")
    assert page.locator("#doc-list > li:visible").count() == 1
    page.select_option("#year", "")
    assert page.locator("#result-count").inner_text() == f"{total} of {total} documents shown"
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=False)
