"""The edition site's defects a user found in session 13 (issue #15), each as a kind: output names
that are one file where names ignore letter case or Unicode form, the site's writing direction
following its UI language, wide tables on a phone, a gap without a reason, a date no calendar has,
and the entry page of an entity a document names thousands of times. Every input is constructed
here, in our own words."""

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, ROOT, record
from lxml import html
from test_publish import _vnu

from tei_encoder.cli import main
from tei_encoder.fsutil import name_key, safe_stem
from tei_encoder.publish import Publisher

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TEI = "http://www.tei-c.org/ns/1.0"
HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt><publicationStmt><p>Constructed.</p>"
    "</publicationStmt><sourceDesc><p>Written for this test.</p></sourceDesc></fileDesc>"
    '<profileDesc><langUsage><language ident="en">English</language></langUsage></profileDesc></teiHeader>'
)


def tei(title: str, body: str) -> str:
    return f'<TEI xmlns="{TEI}">{HEADER.format(title=title)}<text><body>{body}</body></text></TEI>'


def publish(inputs, out: Path, *extra):
    return CliRunner().invoke(main, ["publish", *map(str, inputs), "-o", str(out), "--no-search", *extra])


# --- output names one file where names ignore case or Unicode form (5) ---


def test_name_key_folds_case_and_unicode_form():
    assert name_key("Cable") == name_key("cable") == name_key("CABLE")
    assert name_key("STRASSE") == name_key("straße")
    assert safe_stem(unicodedata.normalize("NFD", "café")) == safe_stem("café") == "café"
    assert name_key("a_b") != name_key("a-b")


def test_publish_refuses_a_second_file_whose_page_differs_only_in_case(tmp_path):
    folder = tmp_path / "tei"
    (folder / "one").mkdir(parents=True)
    (folder / "Memo.xml").write_text(tei("First memo", "<p>Alpha words.</p>"), encoding="utf-8")
    (folder / "one" / "memo.xml").write_text(tei("Second memo", "<p>Beta words.</p>"), encoding="utf-8")
    site = tmp_path / "site"
    result = publish([folder], site)
    assert result.exit_code == 1, result.output
    assert "memo.xml: error:" in result.output and "only in letter case" in result.output, result.output
    assert [p.name for p in (site / "docs").iterdir()] == ["Memo.html"]
    assert "Alpha words" in (site / "docs" / "Memo.html").read_text(encoding="utf-8")


def test_build_refuses_a_record_whose_name_differs_only_in_case_or_unicode_form(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, words in (
        ("Cable", "Alpha"),
        ("cable", "Beta"),
        ("café", "Gamma"),
        (unicodedata.normalize("NFD", "café"), "Delta"),
    ):
        (corpus / f"{name}.txt").write_text(record(f"{words} words of the record.\n"), encoding="utf-8")
    if len(list(corpus.iterdir())) < 4:
        pytest.skip("this file system itself ignores case or Unicode form")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(corpus), "-o", str(out), "--authority", str(AUTHORITY), "--no-search"]
    )
    assert result.exit_code == 1, result.output
    refused = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(refused) == 2 and "only in letter case or Unicode form" in refused[0], result.output
    assert "has the same output name" in refused[1]  # é as e + U+0301 is é: one name
    pages = sorted(p.name for p in (out / "site" / "docs").iterdir())
    assert len(pages) == 2 and len({name_key(p) for p in pages}) == 2, pages


def test_encode_refuses_a_second_record_whose_tei_differs_only_in_case(tmp_path):
    src = tmp_path / "in"
    (src / "b").mkdir(parents=True)
    (src / "Note.txt").write_text(record("Alpha words.\n"), encoding="utf-8")
    (src / "b" / "note.txt").write_text(record("Beta words.\n"), encoding="utf-8")
    out = tmp_path / "out"
    named = [str(src / "Note.txt"), str(src / "b" / "note.txt")]
    result = CliRunner().invoke(main, ["encode", *named, "-o", str(out), "--authority", str(AUTHORITY)])
    assert result.exit_code == 1, result.output
    assert "only in letter case" in result.output
    assert [p.name for p in out.iterdir()] == ["Note.xml"]


# --- the site's direction follows its UI language (6) ---


@pytest.fixture(scope="module")
def rtl_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("rtl")
    folder = base / "tei"
    folder.mkdir()
    (folder / "memo.xml").write_text(
        tei(
            "A memo",
            '<p>The envoy met <persName ref="#p1">Orlen Duvik</persName> at noon.</p>'
            '<listPerson><person xml:id="p1"><persName>Orlen Duvik</persName></person></listPerson>',
        ),
        encoding="utf-8",
    )
    edition = base / "edition"
    edition.mkdir()
    (edition / "strings.json").write_text(json.dumps({"lang": "ar", "nav-documents": "الوثائق"}), encoding="utf-8")
    site = base / "site"
    result = publish([folder], site, "--xslt", str(edition))
    assert result.exit_code == 0, result.output
    plain = base / "plain"
    assert publish([folder], plain).exit_code == 0
    return site, plain


def test_a_right_to_left_ui_language_makes_right_to_left_pages(rtl_site):
    site, plain = rtl_site
    for name in ("index.html", "docs/memo.html", "persons.html", "persons/p1.html"):
        root = html.parse(str(site / name)).getroot()
        assert root.get("lang") == "ar" and root.get("dir") == "rtl", name
        assert html.parse(str(plain / name)).getroot().get("dir") is None, name
    # the document's own text, in English, keeps its own direction inside the right-to-left page
    [text] = html.parse(str(site / "docs/memo.html")).getroot().xpath("//section[@class='text']")
    assert text.get("lang") == "en" and text.get("dir") == "ltr"


def test_the_stylesheet_has_no_physical_left_or_right():
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "xslt" / "assets" / "edition.css").read_text(encoding="utf-8"), flags=re.S)
    assert not re.findall(r"[\w-]*\b(?:left|right)\b[\w-]*\s*:|:\s*(?:left|right)\b", css)


def test_rtl_pages_are_valid_html(rtl_site):
    vnu = _vnu()
    if vnu is None:
        pytest.skip("Nu Html Checker not installed (npm install vnu-jar)")
    pages = [str(p) for p in rtl_site[0].rglob("*.html")]
    done = subprocess.run([*vnu, "--errors-only", *pages], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[:3000]


# --- a gap without a reason, a date no calendar has (12) ---


def test_a_gap_without_a_reason_says_only_that_it_is_not_transcribed():
    page = html.fromstring(
        Publisher().document_page(
            tei("Gaps", '<p>One <gap/> two <gap reason="illegible"/> three <gap reason=" "/>.</p>').encode(), "gaps"
        )
    )
    titles = page.xpath("//span[contains(@class, 'ed-gap')]/@title")
    assert titles == ["not transcribed", "not transcribed: illegible", "not transcribed"]


@pytest.mark.parametrize(
    ("when", "valid"),
    [
        ("1920-02-30", False),
        ("1921-02-29", False),
        ("1900-02-29", False),
        ("1920-04-31", False),
        ("0000-01-01", False),
        ("1920-02-29", True),
        ("2000-02-29", True),
        ("1920-12-31", True),
        ("1920-02", True),
        ("1920", True),
    ],
)
def test_only_a_real_calendar_day_becomes_a_time_datetime(when, valid):
    body = f'<p>Dated <date when="{when}">the day</date>.</p>'
    page = html.fromstring(Publisher().document_page(tei("Dates", body).encode(), "dates"))
    assert bool(page.xpath(f"//time[@datetime='{when}']")) is valid
    assert "the day" in page.text_content()


# --- an entity a document names thousands of times (13) ---


def test_an_entry_page_lists_a_capped_number_of_a_documents_mentions_and_counts_the_rest(tmp_path):
    folder = tmp_path / "tei"
    folder.mkdir()
    mentions = " ".join(f'<persName ref="#p1">Orlen Duvik</persName> spoke ({k}).' for k in range(1, 251))
    (folder / "long.xml").write_text(
        tei(
            "Long minutes",
            f'<p>{mentions}</p><listPerson><person xml:id="p1"><persName>Orlen Duvik</persName></person></listPerson>',
        ),
        encoding="utf-8",
    )
    (folder / "short.xml").write_text(
        tei(
            "Short note",
            '<p>Only <persName ref="#p1">Orlen Duvik</persName> once.</p>'
            '<listPerson><person xml:id="p1"><persName>Orlen Duvik</persName></person></listPerson>',
        ),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = publish([folder], site)
    assert result.exit_code == 0, result.output
    entry = html.parse(str(site / "persons" / "p1.html")).getroot()
    lists = {li.xpath("string(p/a)"): li for li in entry.xpath("//li[@class='backlink']")}
    long, short = lists["Long minutes"], lists["Short note"]
    assert len(long.xpath(".//ol[@class='kwic']/li[not(@class)]")) == 100
    [more] = long.xpath(".//li[@class='kwic-more']")
    assert more.text_content().strip() == "and 150 more mentions in this document, not listed here"
    assert more.xpath("string(a/@href)") == "../docs/long.html#m-p1-101"
    doc = html.parse(str(site / "docs" / "long.html")).getroot()
    assert doc.xpath("//*[@id='m-p1-101']") and doc.xpath("//*[@id='m-p1-250']")
    assert len(short.xpath(".//ol[@class='kwic']/li")) == 1 and not short.xpath(".//li[@class='kwic-more']")


# --- wide tables on a phone (12), in a real browser ---


@pytest.mark.browser
def test_a_wide_table_on_a_phone_keeps_words_and_numbers_whole_and_scrolls_in_its_box(tmp_path):
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    heads = "".join(f"<cell>Expenditure{k}</cell>" for k in range(12))
    rows = "".join(
        "<row>" + "".join(f"<cell>{1_234_567 + r * 12 + c:,}</cell>" for c in range(12)) + "</row>" for r in range(3)
    )
    table = f'<table><row role="label">{heads}</row>{rows}</table>'
    folder = tmp_path / "tei"
    folder.mkdir()
    (folder / "table.xml").write_text(tei("A wide table", f"<p>Figures.</p>{table}"), encoding="utf-8")
    for name, edition in (("ltr", None), ("rtl", tmp_path / "edition")):
        extra = []
        if edition is not None:
            edition.mkdir()
            (edition / "strings.json").write_text('{"lang": "ar"}', encoding="utf-8")
            extra = ["--xslt", str(edition)]
        assert publish([folder], tmp_path / name, *extra).exit_code == 0
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 360, "height": 800})
        for name in ("ltr", "rtl"):
            page.goto((tmp_path / name / "docs" / "table.html").as_uri())
            # each cell's text on one line: no word or number broken, letter by letter or otherwise
            split = page.evaluate(
                "[...document.querySelectorAll('.tei-table th, .tei-table td')].filter(c => {"
                " const r = document.createRange(); r.selectNodeContents(c);"
                " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1 }).map(c => c.textContent)"
            )
            assert not split, f"{name}: {split[:3]}"
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth,"
                " document.querySelector('.tei-table').scrollWidth, document.querySelector('.tei-table').clientWidth]"
            )
            assert widths[0] <= widths[1], f"{name}: the page scrolls sideways {widths}"
            assert widths[2] > widths[3], f"{name}: the table scrolls in its own box {widths}"
        browser.close()
