"""The HTML edition: structure, links between documents and registers, safety, determinism, HTML5 validity."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, CORPUS, ROOT, record
from lxml import html

from tei_encoder.cli import main

SEED_PAGE = "docs/000_6c3a4dfe0217feee.html"


def build(corpus: Path, out: Path, *extra) -> Path:
    result = CliRunner().invoke(
        main, ["build", str(corpus), "-o", str(out), "--authority", str(AUTHORITY), "-j", "1", *extra]
    )
    assert result.exit_code == 0, result.output
    return out / "site"


@pytest.fixture(scope="module")
def site(published_site) -> Path:
    """The corpus and every fixture record, built once for the session (conftest.published_site)."""
    return published_site


def page(site: Path, name: str):
    return html.parse(str(site / name)).getroot()


def test_site_layout(site):
    for name in (
        "index.html",
        "persons.html",
        "places.html",
        "orgs.html",
        "persons/castro-fidel.html",
        SEED_PAGE,
        "tei/000_6c3a4dfe0217feee.xml",
        "assets/edition.css",
    ):
        assert (site / name).is_file(), name


def test_document_page_structure(site):
    doc = page(site, SEED_PAGE)
    assert doc.xpath("string(//h1)").startswith("From the Journal of S.M. Kudryavtsev")
    assert doc.xpath("//main//time[@datetime='1961-06-09']")
    assert doc.xpath("string(//h3[@class='tei-head'])").startswith("RECORD OF A CONVERSATION")
    assert len(doc.xpath("//section[@class='tei-section']")) == 2
    assert doc.xpath("//div[@class='tei-closer']/p[@class='tei-signed']")
    assert "Top Secret" in doc.xpath("string(//p[contains(@class,'tei-seg-classification')])")
    meta = " ".join(doc.xpath("//section[contains(@class, 'metadata')]//text()"))
    # on a phone (one column, document order) the essentials come before the text, the rest after
    essentials = " ".join(doc.xpath("//aside[@class='doc-essentials']//text()"))
    assert all(part in essentials for part in ("Archive of Foreign Policy", "fond 0104", "wilson-center"))
    order = [el.get("class") for el in doc.xpath("//div[@class='doc-columns']/*")]
    assert order == ["doc-essentials", "doc-main", "doc-side"]
    for expected in (
        "Archive of Foreign Policy",
        "fond 0104",
        "ll. 237-240",
        "Gary Goldberg",
        "Russian",
        "Blavatnik Family Foundation",
    ):
        assert expected in meta
    assert doc.xpath("//section[@class='summary']//p/a[@class='ent ent-person']")


def test_editorial_interventions_rendered(site):
    seed = page(site, SEED_PAGE)
    assert seed.xpath("//span[@class='ed ed-sic']/text()") == ["[sic]"]
    assert seed.xpath("string(//span[@class='ed ed-supplied'])") == "[him]"
    assert seed.xpath("//span[@class='corrected'][@title='corrected: Kudryavtsev']")
    telegram = page(site, "docs/telegram.html")
    assert "[…]" in telegram.xpath("//span[@class='ed ed-gap']/text()")
    minutes = page(site, "docs/minutes.html")
    assert minutes.xpath("//span[@class='pb']") and minutes.xpath("//i[@class='foreign'][@lang='hu']")
    footnotes = page(site, "docs/footnotes.html")
    refs = footnotes.xpath("//sup[@class='fn-ref']/a/@href")
    assert refs == ["#fn-1", "#fn-2", "#fn-3"]
    for ref in refs:
        assert footnotes.xpath(f"//li[@id='{ref[1:]}']/a[@class='fn-back']/@href") == [f"#fnref-{ref[4:]}"]


def test_entity_links_resolve_both_ways(site):
    doc = page(site, SEED_PAGE)
    links = doc.xpath("//a[contains(@class,'ent ')]")
    assert len(links) > 90
    for link in links:
        href = link.get("href")
        assert href.startswith("../") and (site / "docs" / href).resolve().is_file(), href
        assert link.get("title")
    for entry_page in site.glob("*/*.html"):
        if entry_page.parent.name not in ("persons", "places", "orgs"):
            continue
        for back in page(site, entry_page.relative_to(site).as_posix()).xpath("//a[@class='mention']/@href"):
            target, mention = back.split("#")
            assert target.startswith("../docs/")
            assert page(site, target[3:]).xpath(f"//*[@id='{mention}']"), back


def test_every_seed_entity_in_a_register_with_backlinks(site):
    from lxml import etree

    tei = etree.parse(str(site / "tei/000_6c3a4dfe0217feee.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    kinds = {"person": "persons", "place": "places", "org": "orgs"}
    for kind, folder in kinds.items():
        register = page(site, f"{folder}.html")
        for xml_id in tei.xpath(f"//t:standOff//t:{kind}/@xml:id", namespaces=ns):
            assert register.xpath(f"//li[@id='{xml_id}']/a[@href='{folder}/{xml_id}.html']"), (
                f"{xml_id} missing from {folder}.html"
            )
            entry = page(site, f"{folder}/{xml_id}.html")
            assert entry.xpath(f"//a[@class='mention'][starts-with(@href, '../{SEED_PAGE}#m')]"), xml_id
    castro = page(site, "persons/castro-fidel.html")
    assert castro.xpath("//a[@href='https://www.wikidata.org/wiki/Q11256']")
    assert len(castro.xpath(f"//a[@class='mention'][starts-with(@href, '../{SEED_PAGE}')]")) == 23
    assert "Fidel CASTRO RUZ" in castro.xpath("string(//p[@class='forms'])")


def test_index_lists_documents_in_date_order_with_search_data(site):
    index = page(site, "index.html")
    dates = index.xpath("//ol[@id='doc-list']/li//time/@datetime")
    assert dates == sorted(dates)
    data = json.loads(index.xpath("string(//script[@id='search-index'])"))
    assert {d["id"] for d in data} >= {"wcda-188144"}
    seed = index.xpath("//li[@data-id='wcda-188144']")[0]
    assert "castro-fidel" in seed.get("data-person").split() and "cuba" in seed.get("data-place").split()
    assert index.xpath("//select[@id='year']/option[@value='1961']")


def test_json_ld_and_relative_links(site):
    doc = page(site, SEED_PAGE)
    data = json.loads(doc.xpath("string(//script[@type='application/ld+json'])"))
    assert data["@type"] == "ArchiveComponent" and data["dateCreated"] == "1961-06-09"
    assert data["translator"][0]["name"] == "Gary Goldberg"
    for name in ("index.html", "persons.html", SEED_PAGE):
        for href in page(site, name).xpath("//@href | //@src"):
            assert not href.startswith(("/", "file:")), href
            assert href.startswith(("http://", "https://", "#")) or not href.split("#")[0].startswith(
                ("http", "javascript")
            )


def test_hostile_text_is_inert(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    hostile = record("He typed <script>alert(1)</script> and javascript:alert(2) and <img src=x onerror=alert(3)>.\n")
    hostile = hostile.replace("<https://example.org/document/1>", "<javascript:alert(4)>")
    (corpus / "hostile.txt").write_text(hostile, encoding="utf-8")
    site = build(corpus, tmp_path / "o")
    doc = page(site, "docs/hostile.html")
    assert not doc.xpath("//script[not(@type='application/ld+json') and not(@src)]")
    assert not doc.xpath("//img") and not doc.xpath("//@onerror")
    assert "<script>alert(1)</script>" in doc.xpath("string(//section[@class='text'])")
    assert not [h for h in doc.xpath("//@href") if h.lower().startswith("javascript")]
    raw = (site / "docs/hostile.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw and "&lt;script&gt;alert(1)" in raw


def test_deterministic_html(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(CORPUS / "000_6c3a4dfe0217feee.txt", corpus)
    a = build(corpus, tmp_path / "a")
    b = build(corpus, tmp_path / "b")
    for name in ("index.html", "persons.html", "persons/castro-fidel.html", SEED_PAGE):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_publish_command(tmp_path, site):
    tei, out = tmp_path / "tei", tmp_path / "site2"
    tei.mkdir()  # the seed's TEI alone: the title option shows on one document as on twenty
    shutil.copy(site / "tei" / Path(SEED_PAGE).with_suffix(".xml").name, tei)
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(out), "--title", "My edition"])
    assert result.exit_code == 0, result.output
    assert "My edition" in (out / "index.html").read_text(encoding="utf-8")
    assert (out / SEED_PAGE).read_bytes() != b""


def _vnu() -> list[str] | None:
    jar = os.environ.get("VNU_JAR") or str(ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
    if not Path(jar).is_file() or not shutil.which("java"):
        return None
    return ["java", "-jar", jar]


def test_html5_valid_with_nu_checker(site):
    vnu = _vnu()
    if vnu is None:
        pytest.skip("Nu Html Checker not installed (npm install vnu-jar)")
    pages = [str(p) for p in site.rglob("*.html")]
    done = subprocess.run([*vnu, "--errors-only", *pages], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[:3000]
