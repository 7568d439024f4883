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
def chromium():
    """One headless Chromium for the module's tests."""
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
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
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser_page(chromium, tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for path in [*CORPUS.glob("*.txt"), *(FIXTURES / f"{name}.txt" for name in BROWSED)]:
        shutil.copy(path, corpus / path.name)
    site = build(corpus, tmp_path_factory.mktemp("out"))
    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    yield page, site
    page.close()


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


# --- TEI downloads cannot run script ------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(chromium, tmp_path_factory):
    """A site published from hostile TEI (and the raw file), served over http too;
    yields (browser, folder, http root)."""
    import functools
    import http.server
    import re
    import threading

    from click.testing import CliRunner
    from test_reliability import HOSTILE_TEI

    from tei_encoder.cli import main

    root = tmp_path_factory.mktemp("hostile")
    (root / "in").mkdir()
    (root / "in" / "hostile.xml").write_bytes(HOSTILE_TEI)
    (root / "raw").mkdir()
    # the control: the same file not made inert (without its xml-stylesheet, which would stop rendering)
    (root / "raw" / "hostile.xml").write_bytes(re.sub(rb"<\?xml-stylesheet[^>]*>", b"", HOSTILE_TEI))
    CliRunner().invoke(main, ["publish", str(root / "in"), "-o", str(root / "site")])
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield chromium, root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def script_effects(browser, url: str) -> list[str]:
    """Dialogs a page opened and whether its script ran, after loading and clicking it."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_timeout(300)
    # a click on every element but links: an event-handler attribute that survived would run
    page.evaluate(
        "() => document.querySelectorAll('*').forEach(e => e.localName === 'a' || e.dispatchEvent(new MouseEvent('click', {bubbles: true})))"
    )
    page.wait_for_timeout(100)
    if page.evaluate("() => window.pwned === 1"):
        dialogs.append("script ran")
    page.close()
    return dialogs


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_tei_download_runs_no_script(hostile_site, scheme):
    browser, root, http_root = hostile_site

    def url(relative: str) -> str:
        return (root / relative).as_uri() if scheme == "file" else f"{http_root}/{relative}"

    assert script_effects(browser, url("raw/hostile.xml")), "control: the raw file should run its script"
    assert script_effects(browser, url("site/tei/hostile.xml")) == []
    assert script_effects(browser, url("site/docs/hostile.html")) == []
