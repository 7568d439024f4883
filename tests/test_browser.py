"""The built site in a real browser (headless Chromium via Playwright): links, filters, full-text
search, entry pages with context, the map, no horizontal scrolling at phone, tablet and desktop
widths, and the screenshots in docs/screenshots/."""

import functools
import http.server
import json
import shutil
import threading

import pytest
from click.testing import CliRunner
from conftest import CORPUS, FIXTURES, ROOT
from test_publish import SEED_PAGE, build

from tei_encoder import search
from tei_encoder.cli import main
from tei_encoder.publish import Publisher

ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS  # copied by hand to docs/screenshots/ when the look changes
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTHS = (360, 768, 1280)

pytestmark = pytest.mark.browser


# a small edition: the seed and six records of different shapes
BROWSED = ("telegram", "memcon", "letter", "minutes", "footnotes", "flattened")
# one page of each kind
PAGE_KINDS = {
    "index": "index.html",
    "document": SEED_PAGE,
    "document-notes": "docs/footnotes.html",
    "register": "persons.html",
    "places": "places.html",
    "entry": "persons/roa-raul.html",
    "place-entry": "places/cuba.html",
    "search": "search.html",
}
SCREENSHOT_KINDS = ("index", "document", "places")  # taken at each width, for docs/screenshots/


@pytest.fixture(scope="module")
def browser_site(tmp_path_factory):
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    corpus = tmp_path_factory.mktemp("corpus")
    for path in [*CORPUS.glob("*.txt"), *(FIXTURES / f"{name}.txt" for name in BROWSED)]:
        shutil.copy(path, corpus / path.name)
    # two pages a search shard: the seven documents make four bundles, merged by the search page
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "PAGES_PER_SHARD", 2)
        site = build(corpus, tmp_path_factory.mktemp("out"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Pagefind loads its index with fetch(): the search is tried over http, as a server gives it
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
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
        yield browser, site, f"http://127.0.0.1:{server.server_address[1]}/"
        browser.close()
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def shared_page(browser_site):
    """One page for the whole module: a new page costs Chromium a renderer and a context (about
    0.3 s of CPU), a navigation far less. Every test loads its own page first (nothing the site
    keeps survives a navigation: it stores nothing in the browser) and sets its own viewport."""
    page = browser_site[0].new_page()
    yield page
    page.close()


def page_at(shared_page, width: int, height: int):
    """The module's page with a viewport of width x height CSS pixels."""
    shared_page.set_viewport_size({"width": width, "height": height})
    return shared_page


@pytest.fixture
def browser_page(browser_site, shared_page):
    yield page_at(shared_page, 1280, 1000), browser_site[1]


def test_document_links_to_register_and_back(browser_page):
    page, site = browser_page
    page.goto((site / SEED_PAGE).as_uri())
    assert page.locator("h1").inner_text().startswith("From the Journal of S.M. Kudryavtsev")
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


def test_index_filters(browser_page):
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


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_scrolling(browser_site, shared_page, width):
    """No page kind scrolls sideways at phone, tablet and desktop widths; the screenshots of
    docs/screenshots/ are taken on the same page loads (index, document, places at each width)."""
    _, site, _ = browser_site
    page = page_at(shared_page, width, 900)
    for kind, name in PAGE_KINDS.items():
        page.goto((site / name).as_uri())
        if kind in SCREENSHOT_KINDS:
            page.screenshot(path=str(SCREENSHOTS / f"{kind}-{width}.png"), full_page=False)
        wide = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth,"
            " [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right >"
            " document.documentElement.clientWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 3)]"
        )
        assert wide[0] <= wide[1] and not wide[2], f"{kind} ({name}) at {width} px: {wide}"


def test_essentials_before_the_text_on_a_phone(browser_site, shared_page):
    _, site, _ = browser_site
    page = page_at(shared_page, 360, 800)
    page.goto((site / SEED_PAGE).as_uri())
    essentials = page.locator(".doc-essentials").bounding_box()
    text = page.locator("section.text").bounding_box()
    assert essentials["y"] + essentials["height"] <= text["y"]
    assert "fond 0104" in page.locator(".doc-essentials").inner_text()


def test_full_text_search_finds_a_phrase_of_the_body(browser_site, shared_page):
    _, site, base = browser_site
    page = page_at(shared_page, 1280, 1000)
    page.goto(base + "search.html")
    # a phrase of the seed's body text, in neither its title nor its summary
    page.locator("#search input").fill('"preparatory conference in Cairo"')
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=15000)
    assert page.locator(".pagefind-ui__result-link", has_text="Kudryavtsev").count() >= 1
    assert "preparatory" in page.locator(".pagefind-ui__result-excerpt").first.inner_text().lower()
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=False)
    # the same words in another order are not that phrase: no result (the control)
    page.locator("#search input").fill('"Cairo in conference preparatory"')
    page.locator(".pagefind-ui__message", has_text="No results").wait_for(timeout=15000)
    # a phrase across a page break: the marker "[p. 2]" is the editor's, not indexed, and
    # the words on either side stay words of their own
    page.locator("#search input").fill('"must decide about the workers"')
    page.locator(".pagefind-ui__result-link", has_text="Minutes").first.wait_for(timeout=15000)
    page.locator("#search input").fill('"the p 2 workers"')
    page.locator(".pagefind-ui__message", has_text="No results").wait_for(timeout=15000)
    # a phrase of a document whose page is in another shard than the first (primary) bundle:
    # found only when the search page merges every shard's index
    layout = json.loads((site / search.SEARCH_DIR / search.SHARDS_FILE).read_text())
    assert search.shard_of("letter", layout["count"]) in layout["bundles"][1:]
    page.locator("#search input").fill('"reserves will not last"')
    page.locator(".pagefind-ui__result-link", has_text="Ulbricht").first.wait_for(timeout=15000)


def test_search_from_a_file_says_how_to_serve_the_site(browser_page):
    page, site = browser_page
    page.goto((site / "search.html").as_uri())
    notice = page.locator("#search-unavailable")
    notice.wait_for(state="visible", timeout=10000)
    assert "http.server" in notice.inner_text()


def test_entry_page_shows_each_mention_in_context(browser_page):
    page, site = browser_page
    page.goto((site / "persons/castro-fidel.html").as_uri())
    contexts = page.locator("ol.kwic > li")
    assert contexts.count() >= 5
    first = contexts.first.inner_text()
    assert "Castro" in first and len(first) > len("Fidel Castro") + 20  # a sentence, not a number
    assert page.locator(".backlink-doc time").first.inner_text() == "9 June 1961"
    assert page.locator("ul.co-mentioned a", has_text="Cuba").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "entry.png"), full_page=False)


def names_in_order(points) -> list[str]:
    return [text.text_content() for text in points.locator("text").all()]


def test_map_shows_the_seed_places(browser_page):
    page, site = browser_page
    page.goto((site / "places.html").as_uri())
    points = page.locator("figure.map a.map-place")
    names = {text.text_content() for text in points.locator("text").all()}
    # the seed's places known to GeoNames: countries at their capitals, Cairo as itself
    assert {"Cuba", "United States", "Cairo", "India", "Bolivia", "Mexico"} <= names
    # states GeoNames lists no country for, at the capital their entry names (F16)
    assert {"USSR", "United Arab Republic", "Yugoslavia"} <= names
    box = page.locator("figure.map svg").bounding_box()
    for point in points.locator("circle:not(.map-hit)").all():
        dot = point.bounding_box()
        assert box["x"] <= dot["x"] <= box["x"] + box["width"] and box["y"] <= dot["y"] <= box["y"] + box["height"]
    # no label overlaps another label or a point, and every point has a dark outline
    labels = [t.bounding_box() for t in points.locator("text").all()]
    dots = [c.bounding_box() for c in points.locator("circle:not(.map-hit)").all()]

    def apart(a, b):  # a pixel or so for the labels' halo
        return (
            a["x"] + a["width"] <= b["x"] + 2
            or b["x"] + b["width"] <= a["x"] + 2
            or (a["y"] + a["height"] <= b["y"] + 2 or b["y"] + b["height"] <= a["y"] + 2)
        )

    assert all(apart(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :])
    # every label, its halo included, inside the plate: none clipped at an edge ("Havana" at the left)
    outside = [
        (name, label)
        for name, label in zip(names_in_order(points), labels)
        if not (
            box["x"] <= label["x"]
            and label["x"] + label["width"] <= box["x"] + box["width"]
            and box["y"] <= label["y"]
            and label["y"] + label["height"] <= box["y"] + box["height"]
        )
    ]
    assert not outside, (box, outside)
    assert all(apart(label, dot) for label in labels for dot in dots)
    outline = points.locator("circle:not(.map-hit)").first.evaluate("c => getComputedStyle(c).stroke")
    assert outline not in ("none", "rgb(255, 255, 255)")
    page.locator("figure.map a.map-place", has_text="Cuba").click()
    page.wait_for_load_state()
    assert page.url.endswith("places/cuba.html")


def test_map_labels_stay_inside_the_plate_whatever_the_font(browser_site, shared_page, tmp_path):
    """A label drawn leftwards at the plate's west edge, of letters wider than the average the
    placement reckons with ("WWWW"), is not clipped: each label is drawn at the width it was
    placed at (textLength), so it stays in the view in any font."""
    _, site, _ = browser_site
    places = [("WWWW", 20, -100), ("Mmmm", 20, -97), ("Zed", -30, 150)]  # Mmmm's point blocks WWWW's right
    register = "".join(
        f'<entity ref="#p{i}" slug="p{i}" page="places/p{i}.html" name="{name}" lat="{lat}" lon="{lon}"'
        ' docs="1" mentions="1"/>'
        for i, (name, lat, lon) in enumerate(places)
    )
    (tmp_path / "places.html").write_bytes(Publisher().register_page(f'<register kind="place">{register}</register>'))
    shutil.copytree(site / "assets", tmp_path / "assets")
    for width in WIDTHS:
        page = page_at(shared_page, width, 900)
        page.goto((tmp_path / "places.html").as_uri())
        plate = page.locator("figure.map svg").bounding_box()
        labels = page.locator("figure.map a.map-place text")
        assert labels.count() >= 2 or width < 700
        for label in labels.all():
            if not label.is_visible():
                continue
            box = label.bounding_box()
            assert plate["x"] <= box["x"] and box["x"] + box["width"] <= plate["x"] + plate["width"], (
                width,
                label.text_content(),
                box,
                plate,
            )


def test_places_sharing_a_point_are_each_reachable_on_a_phone(browser_site, shared_page):
    """At 360 px a country drawn at its capital is not hidden under the city's point: both are
    drawn, side by side with a leader line, and each one's centre leads to its own entry; every
    target is at least a finger's width, and every place on the plate is in the list under the map
    (labels are hidden there, and hover is no help)."""
    _, site, _ = browser_site
    page = page_at(shared_page, 360, 800)
    page.goto((site / "places.html").as_uri())
    found = page.evaluate(
        """() => {
             const links = [...document.querySelectorAll('figure.map a.map-place')];
             const reached = a => {
               const dot = a.querySelector('circle').getBoundingClientRect();
               const at = document.elementFromPoint(dot.x + dot.width / 2, dot.y + dot.height / 2);
               return at && at.closest('a') ? at.closest('a').getAttribute('href') : null;
             };
             const shared = links.filter(a => a.querySelector('line.map-leader-point')).flatMap(a => {
               const leader = a.querySelector('line.map-leader-point');
               const home = links.find(b => !b.querySelector('line.map-leader-point')
                 && b.querySelector('circle').getAttribute('cx') === leader.getAttribute('x1')
                 && b.querySelector('circle').getAttribute('cy') === leader.getAttribute('y1'));
               return [a, home];
             });
             return {
               shared: shared.map(a => a ? [a.getAttribute('href'), reached(a)] : [null, null]),
               all: links.map(a => a.getAttribute('href')),
               hits: [...document.querySelectorAll('g.map-hits circle')].map(c => c.getBoundingClientRect().width),
             };
           }"""
    )
    assert len(found["shared"]) >= 2  # the seed has countries at their capitals' points
    assert all(href is not None and href == reached for href, reached in found["shared"]), found["shared"]
    assert len(found["hits"]) == len(found["all"]) and min(found["hits"]) >= 12
    listed = {a.get_attribute("href") for a in page.locator("ul.register a.entry-name").all()}
    assert set(found["all"]) <= listed


def test_footnotes_numbered_once_and_no_rule_above_the_breadcrumb(browser_page):
    page, site = browser_page
    page.goto((site / "docs/footnotes.html").as_uri())
    notes = page.locator(".footnotes li")
    assert notes.count() == 3
    for i in range(notes.count()):
        note = notes.nth(i)
        marks = note.locator(".fn-mark").count()
        markers = note.evaluate("e => getComputedStyle(e).listStyleType")
        assert marks + (markers != "none") == 1, (marks, markers)  # one number, printed or listed
    page.goto((site / "persons/roa-raul.html").as_uri())
    rule = page.locator("article.entity").evaluate("e => getComputedStyle(e).borderTopWidth")
    assert rule == "0px"


# --- TEI downloads cannot run script ------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(browser_site, tmp_path_factory):
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
    # without its xml-stylesheet instruction Chromium renders the file and would run its script: the
    # bare copy is the control (raw/) and, published, proves the download is made inert — the file
    # with the instruction alone would pass even with no protection, as rendering stops there
    bare = re.sub(rb"<\?xml-stylesheet[^>]*>", b"", HOSTILE_TEI)
    assert bare != HOSTILE_TEI
    (root / "in" / "hostile.xml").write_bytes(HOSTILE_TEI)
    (root / "in" / "hostile-bare.xml").write_bytes(bare)
    (root / "raw").mkdir()
    (root / "raw" / "hostile.xml").write_bytes(bare)
    CliRunner().invoke(main, ["publish", str(root / "in"), "-o", str(root / "site")])
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield browser_site[0], root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def script_effects(page, url: str) -> list[str]:
    """Dialogs a page opened and whether its script ran, after loading and clicking it (each URL
    is a new document in the module's page: no script or handler of the one before survives).

    No fixed waits: an alert blocks the page until our handler dismisses it, so every dialog of a
    script that ran while the document loaded (inline scripts, onload, an image's onerror, which
    holds back the load event) is recorded when goto's load event arrives; a click's handler runs
    inside dispatchEvent, before the evaluate that clicks returns; the last evaluate waits one more
    task turn, for an event the page queued meanwhile, before it reads window.pwned."""
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        page.goto(url, wait_until="load")
        # a click on every element but links: an event-handler attribute that survived would run
        page.evaluate(
            "() => document.querySelectorAll('*').forEach(e => e.localName === 'a' || e.dispatchEvent(new MouseEvent('click', {bubbles: true})))"
        )
        if page.evaluate("() => new Promise(done => setTimeout(() => done(window.pwned === 1)))"):
            dialogs.append("script ran")
    finally:
        page.remove_listener("dialog", on_dialog)
    return dialogs


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_tei_download_runs_no_script(hostile_site, shared_page, scheme):
    _, root, http_root = hostile_site
    page = page_at(shared_page, 1280, 720)

    def url(relative: str) -> str:
        return (root / relative).as_uri() if scheme == "file" else f"{http_root}/{relative}"

    assert script_effects(page, url("raw/hostile.xml")), "control: the raw file should run its script"
    for name in ("hostile", "hostile-bare"):
        assert script_effects(page, url(f"site/tei/{name}.xml")) == [], name
        assert script_effects(page, url(f"site/docs/{name}.html")) == [], name


def test_lists_show_their_bullets_and_numbers_and_an_entry_map_its_place(browser_site, shared_page, tmp_path):
    """Lists typed or rendered as bulleted or numbered (#15) show bullets and numbers in the
    browser; a page break between numbered items takes no number; an entry page's small map shows
    its place's name inside the plate at every width."""
    _, site, _ = browser_site
    tei = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Lists</title></titleStmt>'
        "<publicationStmt><p>c</p></publicationStmt><sourceDesc><p>c</p></sourceDesc></fileDesc></teiHeader><text><body>"
        '<list rend="bulleted"><item>Oats</item><item>Rye</item></list>'
        '<list type="ordered"><item>Plough</item><pb n="2"/><item>Sow</item></list>'
        "</body></text></TEI>"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "lists.html").write_bytes(Publisher().render_document(tei.encode(), "lists")[0])
    shutil.copytree(site / "assets", tmp_path / "assets")
    page = page_at(shared_page, 1280, 900)
    page.goto((tmp_path / "docs" / "lists.html").as_uri())
    styles = page.locator(".tei-list li").evaluate_all("lis => lis.map(li => getComputedStyle(li).listStyleType)")
    assert styles == ["disc", "disc", "decimal", "none", "decimal"]
    numbers = page.locator(".tei-list ol > li").evaluate_all("lis => lis.map(li => li.value)")
    assert numbers[0] == 1 and numbers[2] == 2
    for width in WIDTHS:
        page = page_at(shared_page, width, 900)
        page.goto((site / "places" / "cuba.html").as_uri())
        plate = page.locator("figure.map-small svg").bounding_box()
        label = page.locator("figure.map-small a.map-place text")
        assert label.count() == 1 and label.is_visible(), width
        box = label.bounding_box()
        assert plate["x"] <= box["x"] and box["x"] + box["width"] <= plate["x"] + plate["width"], (width, box, plate)
        assert plate["y"] <= box["y"] and box["y"] + box["height"] <= plate["y"] + plate["height"], (width, box, plate)


LONG = "Zq" + "x" * 240  # one word wider than any screen


def test_long_unbreakable_values_wrap_in_every_generated_inline(browser_site, shared_page, tmp_path):
    """#15: every generated inline element that can hold one long word (page, column and line
    markers, milestone labels, note numbers, readings, gaps, signs, identifiers and links, table
    cells, the title and the source) wraps: no page scrolls sideways at any width; and a document
    whose source is a printed bibl shows it before the text on a phone."""
    _, site, _ = browser_site
    tei = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        f"<title>{LONG}</title></titleStmt><publicationStmt><publisher>{LONG}</publisher>"
        f'<idno type="URL">https://example.org/{LONG}</idno></publicationStmt>'
        f"<sourceDesc><bibl><author>Ada Vellmar</author>, <title>{LONG}</title>, p. {LONG}</bibl>"
        f"<p>Prose {LONG}</p></sourceDesc></fileDesc></teiHeader><text><body>"
        f'<p>Begin<pb n="{LONG}"/> then <cb n="{LONG}"/> and<lb n="{LONG}"/> on '
        f'<milestone unit="{LONG}" n="{LONG}"/> a note<note n="{LONG}" place="foot">{LONG}</note> '
        f'<app><lem wit="#{LONG}">{LONG}</lem><rdg wit="#b">{LONG}</rdg></app> '
        f'<choice><sic>{LONG}</sic><corr>{LONG}</corr></choice> <gap reason="{LONG}" extent="{LONG}"/> '
        f'<g ref="#{LONG}">{LONG}</g> <idno>{LONG}</idno> <ref target="https://example.org/{LONG}">'
        f"https://example.org/{LONG}</ref> <num>{LONG}</num> <unclear reason='{LONG}'>{LONG}</unclear></p>"
        f"<table><row><cell>{LONG}</cell><cell>{LONG}</cell><cell>short</cell></row></table>"
        "</body></text></TEI>"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "long.html").write_bytes(Publisher().render_document(tei.encode(), "long")[0])
    shutil.copytree(site / "assets", tmp_path / "assets")
    for width in WIDTHS:
        page = page_at(shared_page, width, 900)
        page.goto((tmp_path / "docs" / "long.html").as_uri())
        wide = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth,"
            " [...document.querySelectorAll('body *')].filter(e => !e.closest('.tei-table') &&"
            " e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
            ".map(e => e.tagName + '.' + e.className).slice(0, 5),"
            " [...document.querySelectorAll('.tei-table')].map(e => e.getBoundingClientRect().right)]"
        )
        # a table too wide for the screen scrolls in its own box (its words whole,
        # test_site_s13_kinds), the page never does
        assert wide[0] <= wide[1] and not wide[2] and max(wide[3]) <= wide[1], f"at {width} px: {wide}"
        if width == 360:
            essentials = page.locator(".doc-essentials").bounding_box()
            text = page.locator(".doc-text").bounding_box()
            assert essentials["y"] + essentials["height"] <= text["y"]
            assert "Ada Vellmar" in page.locator(".doc-essentials").inner_text()


def test_a_mentions_further_targets_look_unlike_note_numbers(browser_site, shared_page, tmp_path):
    """A mention's further target (ref="#a #b") and a name inside a linked name are framed numbers
    on the line with their entity's name as accessible name, not raised like a note's number
    (F16). Failed before: a bare <sup> number, no name."""
    site = tmp_path / "site"
    fixture = ROOT / "tests" / "fixtures" / "tei" / "unlisted_names.xml"
    result = CliRunner().invoke(main, ["publish", str(fixture), "-o", str(site), "--no-search"])
    assert result.exit_code == 0, result.output
    page = page_at(shared_page, 1280, 900)
    page.goto((site / "docs/unlisted_names.html").as_uri())
    extras = page.locator(".ent-more a")
    assert extras.count() == 2
    for i in range(extras.count()):
        extra = extras.nth(i)
        assert extra.evaluate("e => e.computedName || e.getAttribute('aria-label')") == "also Ada Pike"
        style = extra.evaluate(
            "e => { const s = getComputedStyle(e), p = getComputedStyle(e.parentElement);"
            " return [s.borderTopStyle, p.verticalAlign, e.closest('sup') === null] }"
        )
        assert style == ["solid", "baseline", True], style
        # its number is drawn, no text of the page (copied or read aloud, the sentence runs on): F20
        assert extra.evaluate("e => getComputedStyle(e, '::before').content") == '"2"'
        assert extra.evaluate("e => e.innerText") == ""
    note_like = page.locator("sup a").count()
    assert note_like == 0
