"""The edition site (#15, F23): the edition's own prose pages (pages/NAME.xml in the --xslt
folder) link only pages the site has, link the edition's documents, and are read as documents
are; dates of life read as one wording. Constructed TEI in our own wording."""

from click.testing import CliRunner
from lxml import html

from tei_encoder.cli import main

NS = "http://www.tei-c.org/ns/1.0"

KEEPERS = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>The keeper's ledger</title></titleStmt>
<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc></teiHeader>
<text><body><p><persName ref="#tamsin">Tamsin Gale</persName> counted the hives.</p></body></text>
<standOff><listPerson><person xml:id="tamsin"><persName>Tamsin Gale</persName></person>
<person xml:id="oswin"><persName>Oswin Reed</persName></person></listPerson></standOff></TEI>""".encode()


def _prose(body: str, title: str = "About the ledgers") -> bytes:
    return (
        f'<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title type="main">{title}</title></titleStmt>'
        "<publicationStmt><p>By the editors.</p></publicationStmt><sourceDesc><p>Born digital.</p></sourceDesc>"
        f"</fileDesc></teiHeader><text><body>{body}</body></text></TEI>"
    ).encode()


def _publish(tmp_path, pages: dict[str, bytes], code: int = 0):
    hooks = tmp_path / "xslt"
    (hooks / "pages").mkdir(parents=True, exist_ok=True)
    for name, data in pages.items():
        (hooks / "pages" / name).write_bytes(data)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ledger.xml").write_bytes(KEEPERS)
    site = tmp_path / "site"
    result = CliRunner().invoke(
        main, ["publish", str(folder), "-o", str(site), "--no-search", "--xslt", str(hooks)], catch_exceptions=False
    )
    assert result.exit_code == code, result.output
    return site, result.output


def test_a_prose_page_links_a_mention_only_where_its_entry_page_exists(tmp_path):
    body = (
        '<p><persName ref="#tamsin">Tamsin Gale</persName> kept the ledger; '
        '<persName ref="#oswin">Oswin Reed</persName> never wrote in it.</p>'
    )
    site, output = _publish(tmp_path, {"about.xml": _prose(body)})
    page = html.fromstring((site / "about.html").read_bytes())
    hrefs = page.xpath("//main//a/@href")
    assert "persons/tamsin.html" in hrefs and (site / "persons" / "tamsin.html").is_file()
    # no document mentions Oswin: no entry page, so no link to one
    assert not (site / "persons" / "oswin.html").exists()
    assert not [h for h in hrefs if "oswin" in h]
    assert "Oswin Reed never wrote" in " ".join(page.xpath("//main")[0].text_content().split())
    # one true warning, for Oswin only; none saying no entry describes them
    assert "no entry of the document" not in output
    said = [line for line in output.splitlines() if "no entry page" in line]
    assert len(said) == 1 and "Oswin Reed" in said[0] and "tamsin" not in said[0].lower()


def test_a_prose_page_links_the_editions_documents_by_their_tei_file(tmp_path):
    body = (
        '<p>See <ref target="ledger.xml">the ledger</ref>, <ref target="tei/ledger.xml#p1">its first page</ref> '
        'and <ref target="lost.xml">a lost one</ref>.</p>'
    )
    site, output = _publish(tmp_path, {"about.xml": _prose(body)})
    page = html.fromstring((site / "about.html").read_bytes())
    links = {a.text_content(): a.get("href") for a in page.xpath("//main//a[contains(@class, 'tei-ref')]")}
    assert links == {"the ledger": "docs/ledger.html", "its first page": "docs/ledger.html"}
    said = [line for line in output.splitlines() if "not a target the site can link" in line]
    assert len(said) == 1 and 'target="lost.xml"' in said[0]


def test_the_prose_pages_folder_is_read_by_the_one_rule_of_every_folder(tmp_path):
    plain = _prose("<p>Hives and honey.</p>", "Introduction")
    site, output = _publish(tmp_path, {"intro.xml": plain, ".draft.xml": plain, "notes.XML": plain})
    assert (site / "intro.html").is_file()
    assert not (site / "draft.html").exists() and not (site / ".draft.html").exists()
    assert not list(site.glob("notes.*"))
    nav = html.fromstring((site / "intro.html").read_bytes()).xpath("//nav//a/@href")
    assert "draft.html" not in nav and ".draft.html" not in nav
    assert ".draft.xml" in output and "hidden file" in output
    assert "notes.XML" in output and "its suffix is .XML" in output
    # a prose page has its title, not the document page's "Text" heading
    page = html.fromstring((site / "intro.html").read_bytes())
    assert not page.xpath("//main//h2") and "Hives and honey." in page.xpath("//main")[0].text_content()


def test_prose_page_names_one_file_on_macos_and_windows_are_refused(tmp_path):
    plain = _prose("<p>Twice.</p>")
    _, output = _publish(tmp_path, {"über.xml": plain, "Über.xml": plain}, code=2)
    assert "only in letter case or Unicode form" in output
    assert len([line for line in output.splitlines() if "error" in line]) == 1


def test_slips_in_pages_json_are_reported(tmp_path):
    plain = _prose("<p>Order.</p>")
    site, output = _publish(
        tmp_path, {"about.xml": plain, "intro.xml": plain, "pages.json": b'["intro", "nosuch", "intro", "about.xml"]'}
    )
    assert '"nosuch" names no page' in output and '"about.xml" names no page' in output
    assert '"intro" is listed twice' in output
    nav = html.fromstring((site / "about.html").read_bytes()).xpath("//nav//a/@href")
    assert nav[-2:] == ["intro.html", "about.html"]


def test_an_xinclude_in_a_prose_page_is_resolved_or_refused_as_a_documents(tmp_path):
    xi = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
    kept = _prose(f'<p {xi}>Before <xi:include href="part.txt" parse="text"/> after.</p>')
    (tmp_path / "xslt" / "pages").mkdir(parents=True)
    (tmp_path / "xslt" / "pages" / "part.txt").write_text("the bee count", encoding="utf-8")
    site, _ = _publish(tmp_path, {"intro.xml": kept})
    assert "Before the bee count after." in " ".join(
        html.fromstring((site / "intro.html").read_bytes()).xpath("//main")[0].text_content().split()
    )
    far = _prose(f'<p {xi}>Before <xi:include href="/etc/hostname" parse="text"/> after.</p>')
    _, output = _publish(tmp_path / "far", {"intro.xml": far}, code=2)
    assert "refused" in output and "xi:include on line" in output


LIVES = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>The bee-keepers' roll</title></titleStmt>
<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc></teiHeader>
<text><body><p><persName ref="#ada">Ada</persName>, <persName ref="#bo">Bo</persName>, <persName ref="#cy">Cy</persName>,
<persName ref="#di">Di</persName> and <persName ref="#ed">Ed</persName> kept bees.</p></body></text>
<standOff><listPerson>
<person xml:id="ada"><persName>Ada Hive</persName><birth notBefore="1850" notAfter="1855"/><death from="1920-01" to="1920-06"/></person>
<person xml:id="bo"><persName>Bo Comb</persName><birth><date from="1900" to="1905"/></birth><death><location><geo>1.5 2.5</geo></location></death></person>
<person xml:id="cy"><persName>Cy Wax</persName><birth when="1580-05-05"/><death when-iso="1999-02-30"/><floruit when="1600"><placeName>Eastmere</placeName></floruit></person>
<person xml:id="di"><persName>Di Drone</persName><birth cert="low" when="1700"/><birth when="1702"/><death>c. 1950, <placeName>Westmere</placeName></death></person>
<person xml:id="ed"><persName>Ed Queen</persName><death when="1800"/></person>
</listPerson></standOff></TEI>""".encode()


def test_dates_of_life_read_as_one_wording_and_nothing_is_dropped_silently(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "roll.xml").write_bytes(LIVES)
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(folder), "-o", str(site), "--no-search"])
    assert result.exit_code == 0, result.output

    def life(ref: str) -> str:
        page = html.fromstring((site / "persons" / f"{ref}.html").read_bytes())
        return " ".join(" ".join(page.xpath("//main")[0].text_content().split()).split())

    # a death within bounds reads as bounds, not as a second span after the lifespan
    assert "between 1850 and 1855 – between January 1920 and June 1920" in life("ada")
    # a birth alone: no dangling dash, no lifespan made of its bounds
    assert "born between 1900 and 1905" in life("bo") and "1905 –" not in life("bo")
    # a death no calendar has: warned, the birth alone shown; a floruit keeps its place
    cy = life("cy")
    assert "born 5 May 1580" in cy and "1580 –" not in cy and "1600 (Eastmere)" in cy
    assert 'when-iso="1999-02-30"' in result.output
    # of two births the one not called doubtful; no stray comma before the place
    di = life("di")
    assert "1702 – c. 1950 (Westmere)" in di and "1700" not in di
    # a death alone reads as the birth alone does
    assert "died 1800" in life("ed") and "?" not in life("ed")
