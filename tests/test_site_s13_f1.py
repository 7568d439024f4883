"""The edition site's defects a fresh tester found in session 13 (issue #15), each as a kind:
the language and direction a document declares above the elements the page shows (TEI,
teiHeader, text) reaching those elements; a corpus inside a corpus; references and pointers
(ref, ptr) kept as links. Every input is constructed here, in our own words."""

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html
from test_publish import _vnu

from tei_encoder.cli import main
from tei_encoder.publish import unshown_parts

TEI = "http://www.tei-c.org/ns/1.0"


def header(title: str, title_lang: str = "", abstract: str = "") -> str:
    lang = f' xml:lang="{title_lang}"' if title_lang else ""
    profile = f"<profileDesc><abstract><p>{abstract}</p></abstract></profileDesc>" if abstract else ""
    return (
        f"<teiHeader><fileDesc><titleStmt><title{lang}>{title}</title></titleStmt><publicationStmt><p>Constructed.</p>"
        f"</publicationStmt><sourceDesc><p>Written for this test.</p></sourceDesc></fileDesc>{profile}</teiHeader>"
    )


def publish(folder: Path, out: Path, *extra):
    return CliRunner().invoke(main, ["publish", str(folder), "-o", str(out), "--no-search", *extra])


def page(site: Path, name: str):
    return html.parse(str(site / "docs" / f"{name}.html")).getroot()


def nu_valid(pages):
    vnu = _vnu()
    if vnu is None:
        pytest.skip("Nu Html Checker not installed (npm install vnu-jar)")
    done = subprocess.run([*vnu, "--errors-only", *map(str, pages)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[:3000]


# --- A: language and direction declared above what the page shows ---


@pytest.fixture(scope="module")
def language_sites(tmp_path_factory):
    base = tmp_path_factory.mktemp("langs")
    folder = base / "tei"
    folder.mkdir()
    # the language on the TEI root (as the encoder writes it), on text, on the header's title
    (folder / "root.xml").write_text(
        f'<TEI xmlns="{TEI}" xml:lang="en">{header("Summit minutes", abstract="Talks summed up.")}'
        "<text><body><p>Restricted. Minutes of the talks.</p></body></text></TEI>",
        encoding="utf-8",
    )
    (folder / "text.xml").write_text(
        f'<TEI xmlns="{TEI}">{header("Talks record")}<text xml:lang="en"><body><p>Second talks.</p></body></text></TEI>',
        encoding="utf-8",
    )
    (folder / "arabic.xml").write_text(
        f'<TEI xmlns="{TEI}" xml:lang="ar">{header("محضر الاجتماع")}<text><body><p>نص المحضر.</p></body></text></TEI>',
        encoding="utf-8",
    )
    (folder / "title.xml").write_text(
        f'<TEI xmlns="{TEI}">{header("رسالة قصيرة", "ar")}<text xml:lang="en"><body><p>A short letter.</p></body></text></TEI>',
        encoding="utf-8",
    )
    edition = base / "edition"
    edition.mkdir()
    (edition / "strings.json").write_text(json.dumps({"lang": "ar"}), encoding="utf-8")
    rtl, ltr = base / "rtl", base / "ltr"
    assert publish(folder, rtl, "--xslt", str(edition)).exit_code == 0
    assert publish(folder, ltr).exit_code == 0
    return rtl, ltr


def test_an_english_document_on_a_right_to_left_site_keeps_left_to_right(language_sites):
    rtl, _ = language_sites
    for name in ("root", "text"):
        root = page(rtl, name)
        assert root.get("dir") == "rtl", name
        [text] = root.xpath("//section[@class='text']")
        assert text.get("lang") == "en" and text.get("dir") == "ltr", name
    # the title and the abstract, English by the TEI root's language, too
    [h1] = page(rtl, "root").xpath("//h1")
    assert h1.get("lang") == "en" and h1.get("dir") == "ltr"
    [summary] = page(rtl, "root").xpath("//section[@class='summary']/div")
    assert summary.get("lang") == "en" and summary.get("dir") == "ltr" and summary.text_content() == "Talks summed up."


def test_an_arabic_document_or_title_on_a_left_to_right_site_is_right_to_left(language_sites):
    _, ltr = language_sites
    root = page(ltr, "arabic")
    [text] = root.xpath("//section[@class='text']")
    assert text.get("lang") == "ar" and text.get("dir") == "rtl"
    [h1] = root.xpath("//h1")
    assert h1.get("lang") == "ar" and h1.get("dir") == "rtl"
    [h1] = page(ltr, "title").xpath("//h1")
    assert h1.get("lang") == "ar" and h1.get("dir") == "rtl"
    [text] = page(ltr, "title").xpath("//section[@class='text']")
    assert text.get("dir") in (None, "ltr")


def test_index_links_take_the_direction_of_their_titles(language_sites):
    for site in language_sites:
        root = html.parse(str(site / "index.html")).getroot()
        links = root.xpath("//ol[@id='doc-list']//h2/a")
        assert links and all(a.get("dir") == "auto" for a in links)


def test_language_pages_are_valid_html(language_sites):
    nu_valid([p for site in language_sites for p in (*site.rglob("docs/*.html"), site / "index.html")])


# --- B: a corpus inside a corpus ---

NESTED = (
    f'<teiCorpus xmlns="{TEI}">{header("Outer set")}'
    f"<TEI>{header('First paper')}<text><body><p>Outer member words.</p></body></text></TEI>"
    f"<teiCorpus>{header('Inner set')}"
    f"<TEI>{header('Inner paper')}<text><body><p>Inner member words here.</p></body></text></TEI>"
    "</teiCorpus></teiCorpus>"
)


def test_a_nested_corpus_has_one_text_section_and_no_false_lost_text(tmp_path):
    folder = tmp_path / "tei"
    folder.mkdir()
    (folder / "set.xml").write_text(NESTED, encoding="utf-8")
    assert unshown_parts(etree.fromstring(NESTED.encode())) == []
    site = tmp_path / "site"
    result = publish(folder, site)
    assert result.exit_code == 0, result.output
    assert "not shown" not in result.output, result.output
    root = page(site, "set")
    assert len(root.xpath("//*[@id='text-heading']")) == 1
    assert [h.text for h in root.xpath("//*[contains(@class, 'tei-member-title')]")] == [
        "First paper",
        "Inner set",
        "Inner paper",
    ]
    assert "Inner member words here." in root.text_content()
    nu_valid([site / "docs" / "set.html"])


def test_words_outside_a_nested_corpus_members_are_still_reported():
    lost = NESTED.replace(
        "</teiCorpus></teiCorpus>", "<sourceDoc><line>Lost line words</line></sourceDoc></teiCorpus></teiCorpus>"
    )
    [warning] = unshown_parts(etree.fromstring(lost.encode()))
    assert "<sourceDoc>" in warning


# --- D: references and pointers ---


def test_refs_and_ptrs_are_links_or_keep_their_target(tmp_path):
    folder = tmp_path / "tei"
    folder.mkdir()
    body = (
        '<p xml:id="a1">First paragraph, pointed to.</p>'
        '<p>See <ref target="https://example.org/report">the report</ref>, <ref target="#a1">above</ref>,'
        ' <ptr target="https://example.org/annex"/> and <ptr target="#a1"/>; <ref target="#nowhere">a lost one</ref>,'
        ' <ref target="other.xml#x">a file</ref> and <ref target="javascript:alert(1)">a script</ref>.'
        ' <anchor xml:id="mark"/>Marked <ref target="#mark">here</ref>.</p>'
    )
    (folder / "refs.xml").write_text(
        f'<TEI xmlns="{TEI}">{header("References")}<text><body>{body}</body></text></TEI>', encoding="utf-8"
    )
    site = tmp_path / "site"
    result = publish(folder, site)
    assert result.exit_code == 0, result.output
    root = page(site, "refs")
    links = {
        a.text_content(): a.get("href") for a in root.xpath("//*[@data-tei-region='text']//a[contains(@class, 'tei-')]")
    }
    assert links["the report"] == "https://example.org/report"
    assert links["https://example.org/annex"] == "https://example.org/annex"
    assert links["above"] == links["#a1"] == "#id-a1"
    assert links["here"] == "#id-mark"
    assert root.xpath("//p[@id='id-a1']") and root.xpath("//*[@id='id-mark']")
    # targets the page cannot link keep their words and show where they point; no wrong link
    for words, target in (("a lost one", "#nowhere"), ("a file", "other.xml#x"), ("a script", "javascript:alert(1)")):
        assert words not in links
        [span] = root.xpath(f"//span[contains(@class, 'tei-ref')][. = '{words}']")
        assert span.get("title") == target
    nu_valid([site / "docs" / "refs.html"])
