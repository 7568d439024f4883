"""The edition site (#15, F21): MathML formulas shown as MathML on the page and kept in the TEI
download (only what a browser would run removed, by name); SVG and other vocabularies kept in
the download. Constructed TEI in our own wording (tests/fixtures/tei)."""

import json

from click.testing import CliRunner
from conftest import ROOT, browsed
from lxml import etree, html
from test_site_s13_f1 import nu_valid

from tei_encoder.cli import main
from tei_encoder.publish import Publisher, inert_tei

FIXTURES = ROOT / "tests" / "fixtures" / "tei"
NS = "http://www.tei-c.org/ns/1.0"
M = "http://www.w3.org/1998/Math/MathML"


def _publish(tmp_path, files: dict[str, bytes], *options: str):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(folder), "-o", str(site), "--no-search", *options])
    assert result.exit_code == 0, result.output
    return site, result.stderr


# --- 1. MathML: shown as MathML, kept in the download ---

HOSTILE_MATH = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Sums in the shed</title></titleStmt>
<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>The count was <formula notation="MathML"><math xmlns="{M}" xmlns:x="http://www.w3.org/1999/xhtml"><mi href="https://example.org/" onclick="alert(1)">q</mi><maction actiontype="toggle"><mn>1</mn><mn>2</mn></maction><semantics><mi>r</mi><annotation encoding="TeX">r</annotation><annotation-xml encoding="application/xhtml+xml"><x:b>bold</x:b></annotation-xml></semantics></math></formula> at dusk.</p>
<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>A seed tray</title><rect width="5" height="5" onload="alert(2)"/><script>alert(3)</script><animate attributeName="href" to="javascript:alert(4)"/></svg></figure>
<p xmlns:k="urn:example:kept"><k:mark k:kind="tally">three</k:mark> rows.</p></body></text></TEI>""".encode()


def test_a_mathml_formula_is_shown_as_mathml_and_kept_in_the_download(tmp_path):
    tei = (FIXTURES / "formula_mathml.xml").read_bytes()
    site, stderr = _publish(tmp_path, {"paths.xml": tei})
    page = (site / "docs" / "paths.html").read_bytes()
    tree = html.fromstring(page)
    # a fraction stays a fraction (not "w=aLtop" run together), the display formula a block
    maths = tree.xpath("//section[@class='text']//math")
    assert len(maths) == 2
    assert maths[0].get("display") == "block" and maths[0].xpath(".//mfrac/mrow/msub/mtext")
    assert maths[1].xpath("msqrt/mi") and maths[1].xpath("msup/mn")
    assert "warning" not in stderr
    # the download is the TEI as it was: no formula emptied
    assert (site / "tei" / "paths.xml").read_bytes() == tei
    nu_valid([site / "docs" / "paths.html"])


def test_what_could_run_or_navigate_in_a_formula_is_left_out_of_the_page_and_named(tmp_path):
    site, stderr = _publish(tmp_path, {"shed.xml": HOSTILE_MATH})
    page = (site / "docs" / "shed.html").read_text(encoding="utf-8")
    math = html.fromstring(page).xpath("//math")[0]
    assert not math.xpath(".//@href | .//@onclick | .//annotation-xml | .//maction | .//b")
    assert [e.text for e in math.xpath(".//mi | .//mn")] == ["q", "1", "r"]
    assert "alert(1)" not in page and "example.org" not in page
    warning = next(line for line in stderr.splitlines() if "MathML shown on the page" in line)
    for named in ("@href", "@onclick", "<annotation-xml> holding HTML or SVG", "<maction>'s branches after its first"):
        assert named in warning
    nu_valid([site / "docs" / "shed.html"])


def test_the_download_keeps_mathml_svg_and_other_vocabularies_less_what_runs_named():
    data, removed = inert_tei(HOSTILE_MATH)
    tree = etree.fromstring(data)
    # MathML and the SVG drawing are kept; so is a vocabulary no browser runs
    assert tree.xpath("//m:mi[. = 'q'] and //m:maction/m:mn[2] and //m:annotation[. = 'r']", namespaces={"m": M})
    assert tree.xpath("//s:svg/s:rect and //s:svg/s:title", namespaces={"s": "http://www.w3.org/2000/svg"})
    assert tree.xpath("//k:mark[@k:kind = 'tally']", namespaces={"k": "urn:example:kept"})
    # a link in a formula is no script: kept; what runs is removed and named
    assert tree.xpath("//m:mi/@href", namespaces={"m": M}) and b"alert" not in data
    assert removed == (
        "removed active content a browser would run or load: <svg:animate>, <svg:script>, @onclick, @onload"
    )


# --- 2. several manuscripts: each archive with its own place and shelfmark ---


def test_each_manuscript_identifier_is_one_line_with_its_place_and_shelfmark(tmp_path):
    page = html.fromstring(Publisher().document_page((FIXTURES / "msdesc_several.xml").read_bytes(), "herbal"))
    essentials = page.xpath("//section[contains(@class, 'essentials')]/dl")[0]
    assert [e.text_content() for e in essentials.xpath("dt")] == ["Archive"]
    assert [e.text_content() for e in essentials.xpath("dd")] == [
        "Abbey Library of Hollowmere, Hollowmere: MS 12",
        "Stonebridge College, Stonebridge, Eldland: Codex Wren 4",
        "Fernholt Town Archive, Fernholt: B 7",
    ]
    # one manuscript: archive and reference as before
    one = html.fromstring(Publisher().document_page((FIXTURES / "msdesc.xml").read_bytes(), "one"))
    rows = one.xpath("//section[contains(@class, 'essentials')]/dl/*")
    assert [e.text_content() for e in rows][:4] == [
        "Archive",
        "Eastmere Town Archive, Eastmere, Nowhereland",
        "Archival reference",
        "MS Test 42",
    ]


# --- 3. a translated site: tei-encoder's own header wording in the site's language ---

RECORD_HEADER = (
    'June 9, 1961\n\n**A Note on the Orchard Wall**\n\nCitation:\n\n"A Note on the Orchard Wall", June 9, 1961,'
    " Wilson Center Digital Archive, invented reference. Obtained by Mara Quill and translated by Tobias Fenn."
    "\n\n<https://example.org/document/5>\n\nOriginal Language:\n\nRussian\n\nContents:\n\nTranslation - English\n\n"
)
FRENCH = {
    "lang": "fr",
    "resp-translation": "Traduction",
    "resp-obtained": "Obtenu",
    "language-original": "Langue originale",
    "language-text": "Langue de ce texte",
}


def test_a_translated_site_shows_the_encoders_header_wording_in_its_language(tmp_path):
    (tmp_path / "rec").mkdir()
    (tmp_path / "rec" / "wall.txt").write_text(RECORD_HEADER + "The wall was mended in May.\n", encoding="utf-8")
    tei = tmp_path / "tei"
    result = CliRunner().invoke(main, ["encode", str(tmp_path / "rec" / "wall.txt"), "-o", str(tei)])
    assert result.exit_code == 0, result.output
    strings = tmp_path / "fr"
    strings.mkdir()
    (strings / "strings.json").write_text(json.dumps(FRENCH), encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(site), "--no-search", "--xslt", str(strings)])
    assert result.exit_code == 0, result.output
    page = html.fromstring((site / "docs" / "wall.html").read_bytes())
    panel = {dt.text_content(): dt.getnext().text_content() for dt in page.xpath("//section[@class='metadata']/dl/dt")}
    assert panel["Obtenu"] == "Mara Quill" and panel["Traduction"] == "Tobias Fenn"
    assert panel["Langue originale"] == "russe" and panel["Langue de ce texte"] == "anglais"
    assert not {"Obtained", "Translation", "Russian", "English"} & {*panel, *panel.values()}


def test_another_projects_header_wording_stays_as_its_editors_wrote_it(tmp_path):
    tei = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Orchard accounts</title>
<respStmt><resp>Translation</resp><persName>Ilse Marr</persName></respStmt></titleStmt>
<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc>
<profileDesc><langUsage><language ident="ru">Russian (language of the original)</language></langUsage></profileDesc>
</teiHeader><text><body><p>Pears sold.</p></body></text></TEI>""".encode()
    strings = tmp_path / "fr"
    strings.mkdir()
    (strings / "strings.json").write_text(json.dumps(FRENCH), encoding="utf-8")
    site, _ = _publish(tmp_path, {"accounts.xml": tei}, "--xslt", str(strings))
    page = html.fromstring((site / "docs" / "accounts.html").read_bytes())
    panel = {dt.text_content(): dt.getnext().text_content() for dt in page.xpath("//section[@class='metadata']/dl/dt")}
    assert panel["Translation"] == "Ilse Marr" and panel["Langue originale"] == "Russian"


# --- 5. the edition's own pages (about, principles) with the site's chrome ---


def _edition_page(title: str, short: str, body: str) -> bytes:
    return (
        f'<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title type="main">{title}</title>'
        f'<title type="short">{short}</title></titleStmt><publicationStmt><p>By the editors.</p></publicationStmt>'
        f"<sourceDesc><p>Born digital.</p></sourceDesc></fileDesc></teiHeader><text><body>{body}</body></text></TEI>"
    ).encode()


def test_the_editions_own_pages_get_the_sites_chrome_and_a_place_in_the_navigation(tmp_path):
    hooks = tmp_path / "xslt"
    (hooks / "pages").mkdir(parents=True)
    (hooks / "pages" / "about.xml").write_bytes(
        _edition_page(
            "About the orchard letters", "About", "<div><head>Scope</head><p>Letters of the keepers.</p></div>"
        )
    )
    (hooks / "pages" / "principles.xml").write_bytes(
        _edition_page("Editorial principles", "Principles", "<p>Spelling kept<note>Even where odd.</note>.</p>")
    )
    (hooks / "pages" / "pages.json").write_text('["principles", "about"]', encoding="utf-8")
    tei = (FIXTURES / "msdesc.xml").read_bytes()
    site, stderr = _publish(tmp_path, {"herbal.xml": tei}, "--xslt", str(hooks))
    assert "warning" not in stderr
    about = html.fromstring((site / "about.html").read_bytes())
    assert about.xpath("//header[@class='site-header']") and about.xpath("//footer[@class='site-footer']")
    assert about.xpath("//link[@rel='stylesheet']/@href") == ["assets/edition.css"]
    assert about.xpath("//main//h1")[0].text_content() == "About the orchard letters"
    assert "Letters of the keepers." in about.xpath("//main")[0].text_content()
    principles = html.fromstring((site / "principles.html").read_bytes())
    assert principles.xpath("//main//*[contains(@class, 'fn-ref')]")  # its note numbered, as a document's
    # listed in the navigation of every page, in pages.json's order, the page itself marked current
    for page, prefix in (("index.html", ""), ("docs/herbal.html", "../"), ("about.html", "")):
        links = html.fromstring((site / page).read_bytes()).xpath("//nav//a")
        assert [(a.get("href"), a.text_content()) for a in links][-2:] == [
            (f"{prefix}principles.html", "Principles"),
            (f"{prefix}about.html", "About"),
        ]
    assert about.xpath("//nav//a[@aria-current='page']/@href") == ["about.html"]
    nu_valid([site / "about.html", site / "principles.html", site / "index.html"])
    with browsed(site) as (browser, address):
        for width in (360, 1280):
            browser.set_viewport_size({"width": width, "height": 740})
            browser.goto(address + "about.html")
            assert browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            assert browser.locator("nav a[href='principles.html']").is_visible()


def test_an_edition_page_may_not_take_a_name_of_the_sites_own(tmp_path):
    hooks = tmp_path / "xslt"
    (hooks / "pages").mkdir(parents=True)
    (hooks / "pages" / "persons.xml").write_bytes(_edition_page("People", "People", "<p>Who is who.</p>"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "herbal.xml").write_bytes((FIXTURES / "msdesc.xml").read_bytes())
    result = CliRunner().invoke(main, ["publish", str(folder), "-o", str(tmp_path / "site"), "--xslt", str(hooks)])
    assert result.exit_code == 2 and "persons.html is a page of the site's own" in result.output


def test_init_puts_an_about_page_in_place(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ed"), "--requirement", "tei-encoder"])
    assert result.exit_code == 0, result.output
    about = tmp_path / "ed" / "site" / "xslt" / "pages" / "about.xml"
    assert etree.parse(str(about)).getroot().tag == f"{{{NS}}}TEI"
