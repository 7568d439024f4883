"""The edition site's defects fresh testers found in session 14 (issue #15), each as a kind, on TEI
shaped as other projects write it: a double hyphen set as a dash where it is none (an idno, code,
an e-mail address) on any path text takes to the page; dates the site cannot read (a 30 February,
a malformed value, an end before the start, a teiCorpus member's impossible date) and years of
the first millennium; header values in a right-to-left script; ref targets the site cannot
follow; a line break inside a word; a note's own number ending in punctuation; the index filter
matching names and dates. Every input is constructed here, in our own words."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html
from test_publish import _vnu

from tei_encoder import sitemap
from tei_encoder.cli import main
from tei_encoder.publish import Publisher, index_xml
from tei_encoder.teidoc import summarize

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NS = "http://www.tei-c.org/ns/1.0"


def tei(
    body: str,
    *,
    title: str = "Orchard ledger",
    source: str = "<p>Written for this test.</p>",
    abstract: str = "",
    creation: str = "",
    header_extra: str = "",
    standoff: str = "",
) -> str:
    profile = (
        f"<profileDesc>{f'<creation>{creation}</creation>' if creation else ''}"
        f"{f'<abstract><p>{abstract}</p></abstract>' if abstract else ''}</profileDesc>"
        if abstract or creation
        else ""
    )
    return (
        f'<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>{title}</title>{header_extra}</titleStmt>'
        f"<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc>{source}</sourceDesc></fileDesc>"
        f"{profile}</teiHeader>{standoff}<text><body>{body}</body></text></TEI>"
    )


def publish(tmp_path: Path, documents: dict[str, str]):
    folder = tmp_path / "tei"
    folder.mkdir()
    for name, text in documents.items():
        (folder / f"{name}.xml").write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(folder), "-o", str(site), "--no-search"])
    assert result.exit_code == 0, result.output
    return site, result.output


def page(site: Path, path: str) -> html.HtmlElement:
    return html.fromstring((site / path).read_bytes())


def flat(el) -> str:
    return re.sub(r"\s+", " ", el.xpath("string()") if not isinstance(el, str) else el)


# --- 1. a double hyphen that is no dash, on every path text takes to the page ---

DASH_STANDOFF = (
    '<standOff><listPerson><person xml:id="clerk"><persName type="preferred">Ada Quill</persName></person>'
    "</listPerson></standOff>"
)
DASH_DOC = tei(
    "<p>The clerk <persName ref='#clerk'>Ada Quill</persName> wrote to a--b@example.org about rows 5--7.</p>",
    title="Rows -- and a--b@example.org",
    source='<bibl>Orchard papers, <idno type="shelf">RG--59</idno>, kept by <email>c--d@example.org</email> -- box 2</bibl>',
    abstract="Run <code>make--clean</code> first; write to e--f@example.org; Pear--Plum.",
    standoff=DASH_STANDOFF,
)


@pytest.fixture(scope="module")
def dash_site(tmp_path_factory):
    return publish(tmp_path_factory.mktemp("dashes"), {"ledger": DASH_DOC})[0]


def test_no_dash_in_an_idno_or_email_of_the_citation_box(dash_site):
    # the printed source's bibl is shown as the source, in the essentials box (#15, F15)
    citation = flat(page(dash_site, "docs/ledger.html").xpath("//dd[@data-tei-region='sourceDesc']")[0])
    assert "RG--59" in citation and "c--d@example.org" in citation
    assert "c--d@example.org \u2014 box 2" in citation  # the dash that is one is still set


def test_no_dash_in_code_or_email_of_the_summary_on_the_index_and_in_its_filter_data(dash_site):
    index = page(dash_site, "index.html")
    summary = flat(index.xpath("//p[@class='doc-summary']")[0])
    assert "make--clean" in summary and "e--f@example.org" in summary and "Pear\u2013Plum" in summary
    (data,) = json.loads(index.xpath("string(//script[@id='search-index'])"))
    assert "make--clean" in data["summary"] and "e--f@example.org" in data["summary"]
    assert "a--b@example.org" in data["title"] and data["title"].startswith("Rows \u2014 and")


def test_no_dash_in_an_email_of_the_text_the_title_or_an_entry_pages_context(dash_site):
    doc = page(dash_site, "docs/ledger.html")
    assert "a--b@example.org" in flat(doc.xpath("//main//section[@class='text']")[0])
    assert "rows 5\u20137" in flat(doc.xpath("//main//section[@class='text']")[0])
    assert flat(doc.xpath("//h1")[0]) == "Rows \u2014 and a--b@example.org"
    assert "a--b@example.org" in flat(doc.xpath("//title")[0])
    (entry,) = [p for p in (dash_site / "persons").glob("*.html")]
    assert "a--b@example.org" in flat(page(dash_site, f"persons/{entry.name}").xpath("//main")[0])


# --- 2. dates the site cannot read, years of the first millennium ---


def test_a_teicorpus_span_leaves_out_a_members_impossible_date_and_warns_once(tmp_path):
    member = '<TEI><teiHeader><fileDesc><titleStmt><title>{t}</title></titleStmt><publicationStmt><p>C.</p></publicationStmt><sourceDesc><p>C.</p></sourceDesc></fileDesc><profileDesc><creation><date when="{d}">{d}</date></creation></profileDesc></teiHeader><text><body><p>Row.</p></body></text></TEI>'
    corpus = (
        f'<teiCorpus xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Orchard corpus</title></titleStmt>'
        "<publicationStmt><p>C.</p></publicationStmt><sourceDesc><p>C.</p></sourceDesc></fileDesc></teiHeader>"
        + member.format(t="One", d="1961-03-04")
        + member.format(t="Two", d="1962-07-08")
        + member.format(t="Three", d="1965-02-30")
        + "</teiCorpus>"
    )
    root = etree.fromstring(corpus.encode())
    assert sitemap.document_date(root)[0] == "1961-03-04/1962-07-08"
    site, output = publish(tmp_path, {"corpus": corpus})
    assert output.count('when="1965-02-30"') == 1, output
    assert "1965" not in flat(page(site, "docs/corpus.html").xpath("//p[@class='doc-date']")[0])


def test_a_reversed_range_in_the_text_is_no_interval_on_hover_and_is_reported_with_its_line(tmp_path):
    body = '<p>Kept\n<date from="1962-05-01" to="1961-01-01">from May 1962 to January 1961</date>.</p>'
    site, output = publish(tmp_path, {"rows": tei(body)})
    (date,) = page(site, "docs/rows.html").xpath("//span[@class='tei-date']")
    assert date.text_content() == "from May 1962 to January 1961" and date.get("title") is None
    assert re.search(r"rows\.xml: warning: line 2: <date>: its end 1961-01-01 comes before its start", output), output


@pytest.mark.parametrize("when", ["1961-02-30", "1961-06-9x", "--06-09", "1961-6-9", "June 1961"])
def test_a_date_value_the_site_cannot_read_shows_its_text_and_is_reported_with_its_line(tmp_path, when):
    body = f'<p>Sent\n<date when="{when}">on the ninth</date>.</p>'
    site, output = publish(tmp_path, {"rows": tei(body, creation=f'<date when="{when}">early summer</date>')})
    doc = page(site, "docs/rows.html")
    (date,) = doc.xpath("//section[@class='text']//*[contains(@class, 'tei-date')]")
    assert date.text_content() == "on the ninth" and date.get("title") is None and date.tag == "span"
    assert flat(doc.xpath("//p[@class='doc-date']")[0]) == "early summer"
    assert f'rows.xml: warning: line 2: <date when="{when}">' in output, output
    index = page(site, "index.html")
    assert flat(index.xpath("//p[@class='doc-date']")[0]) == "early summer"


@pytest.mark.parametrize(
    ("when", "shown"),
    [("0044", "44"), ("-0044", "44 BCE"), ("0410-08-24", "24 August 410"), ("0999-12", "December 999")],
)
def test_a_year_of_the_first_millennium_reads_as_readers_write_it(tmp_path, when, shown):
    site, _ = publish(tmp_path, {"rows": tei("<p>Row.</p>", creation=f'<date when="{when}">then</date>')})
    assert flat(page(site, "docs/rows.html").xpath("//p[@class='doc-date']")[0]) == shown
    index = page(site, "index.html")
    assert flat(index.xpath("//p[@class='doc-date']")[0]) == shown
    year = index.xpath("//select[@id='year']/option[@value != '']")[0]
    assert year.text == shown.replace(" BCE", "").split()[-1] or year.text == shown


# --- 3. header values in a right-to-left script ---


def test_header_values_take_their_own_direction(tmp_path):
    doc = tei(
        "<p>Row.</p>",
        title="\u062f\u0641\u062a\u0631 \u0627\u0644\u0628\u0633\u062a\u0627\u0646",
        header_extra="<author>\u062d\u0633\u0646 \u0627\u0644\u0643\u0627\u062a\u0628</author>",
        source="<bibl>\u0623\u0648\u0631\u0627\u0642 \u0627\u0644\u0628\u0633\u062a\u0627\u0646</bibl>",
    )
    site, _ = publish(tmp_path, {"rows": doc})
    page_ = page(site, "docs/rows.html")
    values = page_.xpath("//section[contains(@class, 'metadata')]//dd")
    assert values and all(dd.get("dir") == "auto" for dd in values)
    assert page_.xpath("//p[@class='citation']")[0].get("dir") == "auto"
    assert page_.xpath("//h1")[0].get("dir") == "auto"


# --- 4. a ref the site cannot follow ---


def test_a_ref_the_site_cannot_follow_keeps_its_words_and_is_reported_with_its_line(tmp_path):
    body = (
        '<p xml:id="here">See <ref target="#nowhere">the lost part</ref>,\n<ref target="box.xml">the box list</ref>,'
        '\n<ref target="other.xml#p2">the other ledger</ref>, <ref target="#here">this row</ref> and'
        ' <ref target="https://example.org/rows">the web</ref>.</p>'
    )
    site, output = publish(tmp_path, {"rows": tei(body), "other": tei("<p>Other.</p>")})
    text = flat(page(site, "docs/rows.html").xpath("//section[@class='text']")[0])
    for words in ("the lost part", "the box list", "the other ledger", "this row", "the web"):
        assert words in text
    assert re.search(r'rows\.xml: warning: line 1: <ref target="#nowhere">', output), output
    assert re.search(r'rows\.xml: warning: line 2: <ref target="box.xml">', output), output
    assert "other.xml#p2" not in output and "#here" not in output and "example.org" not in output


# --- 6. a line break inside a word ---


def test_a_line_break_inside_a_word_shows_the_word_joined_with_the_line_break_sign(tmp_path):
    body = "<p>The ship left Mos<lb break='no'/>cow and Lenin\n  <lb break='no'/>grad, then<lb/>Riga.</p>"
    site, output = publish(tmp_path, {"rows": tei(body)})
    doc = page(site, "docs/rows.html")
    text = flat(doc.xpath("//section[@class='text']")[0])
    assert "Moscow and Leningrad, then" in text, text
    signs = doc.xpath("//span[@class='lb-in-word']")
    assert len(signs) == 2 and all(s.get("data-sign") for s in signs)
    assert "warning" not in output


# --- 7. a note's own number ending in punctuation ---


def test_a_notes_own_number_ending_in_punctuation_gets_no_second_mark(tmp_path):
    body = "<p>Row<note n='1.'>First.</note> and row<note n='b)'>Second.</note> and row<note n='3'>Third.</note>.</p>"
    site, _ = publish(tmp_path, {"rows": tei(body)})
    marks = [m.text_content().strip() for m in page(site, "docs/rows.html").xpath("//span[@class='fn-mark']")]
    assert marks == ["1.", "b)", "3."]


# --- 8. the index filter matches names and dates ---

FILTER_STANDOFF = (
    '<standOff><listPerson><person xml:id="quill"><persName type="preferred">Ada Quill</persName></person></listPerson>'
    '<listPlace><place xml:id="pear"><placeName type="preferred">Pearbrook</placeName></place></listPlace>'
    '<listOrg><org xml:id="guild"><orgName type="preferred">Guild of Growers</orgName></org></listOrg></standOff>'
)
FILTER_DOC = tei(
    "<p><persName ref='#quill'>Quill</persName> of <placeName ref='#pear'>Pearbrook</placeName> wrote to the"
    " <orgName ref='#guild'>Guild</orgName>.</p>",
    title="A letter",
    creation='<date when="1961-06-09">9 June 1961</date>',
    standoff=FILTER_STANDOFF,
)


def test_the_index_filter_data_holds_each_documents_names_and_date(tmp_path):
    site, _ = publish(tmp_path, {"letter": FILTER_DOC, "other": tei("<p>Nothing.</p>", title="A note")})
    data = {d["id"]: d for d in json.loads(page(site, "index.html").xpath("string(//script[@id='search-index'])"))}
    letter = data["letter"]
    for name in ("Ada Quill", "Pearbrook", "Guild of Growers"):
        assert name in letter["names"]
    assert "9 June 1961" in letter["date"] and "1961-06-09" in letter["date"]
    assert data["other"]["names"] == "" and data["other"]["date"] == ""


def test_the_index_filter_finds_a_document_by_an_organisation_a_person_or_its_date(tmp_path):
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    site, _ = publish(tmp_path, {"letter": FILTER_DOC, "other": tei("<p>Nothing.</p>", title="A note")})
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            tab = browser.new_page()
            tab.goto((site / "index.html").as_uri())
            for query in ("growers", "ada quill", "june 1961", "pearbrook"):
                tab.fill("#q", query)
                shown = tab.eval_on_selector_all("#doc-list > li:not([hidden])", "l => l.map(e => e.dataset.id)")
                assert shown == ["letter"], (query, shown)
            tab.fill("#q", "note")
            assert tab.eval_on_selector_all("#doc-list > li:not([hidden])", "l => l.map(e => e.dataset.id)") == [
                "other"
            ]
        finally:
            browser.close()


def test_a_summary_lists_its_code_like_parts_and_the_index_keeps_them(tmp_path):
    root = etree.fromstring(DASH_DOC.encode())
    summary = summarize(root, "ledger")
    assert summary.verbatim == ("make--clean",)
    assert "<verbatim>make--clean</verbatim>" in index_xml([summary])


# --- the pages of this file are valid HTML ---


def test_the_pages_are_valid_html(tmp_path):
    vnu = _vnu()
    if vnu is None:
        pytest.skip("Nu Html Checker not installed (npm install vnu-jar)")
    body = (
        "<p>Mos<lb break='no'/>cow, <ref target='#nowhere'>lost</ref>, <date from='1962' to='1961'>then</date>"
        "<note n='1.'>A note.</note> a--b@example.org.</p>"
    )
    site, _ = publish(
        tmp_path, {"letter": FILTER_DOC, "rows": tei(body, abstract="<code>x--y</code>"), "ledger": DASH_DOC}
    )
    pages = [str(p) for p in site.rglob("*.html")]
    done = subprocess.run([*vnu, "--errors-only", *pages], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[:3000]


def test_publisher_accepts_documents_of_the_edition():
    assert Publisher(documents=["a"]).documents == frozenset({"a"})


# --- 5. map labels in a right-to-left site ---


def test_map_labels_overlap_nothing_in_a_right_to_left_site(tmp_path):
    """A site whose UI language is written right to left (dir="rtl" on every page) drew each map label
    from the other end than it was placed by (SVG text inherits the page's direction): "Cuba" on top
    of "Havana", labels over their own points. The plate is laid out left to right whatever the page's."""
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "strings.json").write_text(json.dumps({"lang": "ar"}), encoding="utf-8")
    places = [
        ("Havana", 23.11, -82.37, ""),
        ("Cuba", 23.11, -82.37, ' basis="capital" at="Havana"'),
        ("Miami", 25.77, -80.19, ""),
        ("\u0627\u0644\u0642\u0627\u0647\u0631\u0629", 30.04, 31.24, ""),
        ("Kingston", 17.99, -76.79, ""),
    ]
    register = "".join(
        f'<entity ref="#p{i}" slug="p{i}" page="places/p{i}.html" name="{name}" lat="{lat}" lon="{lon}"{extra}'
        ' docs="1" mentions="1"/>'
        for i, (name, lat, lon, extra) in enumerate(places)
    )
    (tmp_path / "places.html").write_bytes(
        Publisher(overrides=edition).register_page(f'<register kind="place">{register}</register>')
    )
    shutil.copytree(Publisher().xslt_dir / "assets", tmp_path / "assets")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.goto((tmp_path / "places.html").as_uri())
            assert tab.evaluate("document.documentElement.dir") == "rtl"
            boxes = tab.evaluate(
                """() => [...document.querySelectorAll('figure.map a.map-place')].map(a => [
                     a.querySelector('text') && a.querySelector('text').getBoundingClientRect().toJSON(),
                     a.querySelector('circle').getBoundingClientRect().toJSON()])"""
            )
        finally:
            browser.close()
    labels = [label for label, _ in boxes if label]
    dots = [dot for _, dot in boxes]
    assert len(labels) == len(places)

    def apart(a, b):
        return (
            a["right"] <= b["left"] + 1
            or b["right"] <= a["left"] + 1
            or a["bottom"] <= b["top"] + 1
            or b["bottom"] <= a["top"] + 1
        )

    assert all(apart(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :])
    assert all(apart(label, dot) for label in labels for dot in dots)
