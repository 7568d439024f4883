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
    (hooks / "pages").mkdir(parents=True)
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
