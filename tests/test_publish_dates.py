"""A document's date as what it is (#15): a span (@from/@to), bounds (@notBefore/@notAfter, either
alone), their -iso forms and partial dates are shown in one style on the index, the document page
and the entry pages, sorted by their start; taken from the header's date, else the text's datelines;
never a day the TEI does not give. Constructed TEI in our own wording."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from click.testing import CliRunner
from lxml import etree
from test_publish import _vnu

from tei_encoder import sitemap
from tei_encoder.cli import main
from tei_encoder.publish import Publisher
from tei_encoder.teidoc import json_ld

NS = "http://www.tei-c.org/ns/1.0"


def _tei(header_date: str = "", text: str = "<p>The ferry ran twice a week.</p>", publication: str = "") -> str:
    return f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Ferry note</title></titleStmt>
<publicationStmt><p>Constructed</p>{publication}</publicationStmt><sourceDesc><p>Constructed</p></sourceDesc>
</fileDesc>{f"<profileDesc><creation>{header_date}</creation></profileDesc>" if header_date else ""}</teiHeader>
<text><body><div>{text}</div></body></text></TEI>"""


def _root(tei: str) -> etree._Element:
    return etree.fromstring(tei.encode())


@pytest.mark.parametrize(
    ("date", "value", "label"),
    [
        ('<date when="1962-10-03">3 Oct.</date>', "1962-10-03", "3 October 1962"),
        ('<date when="1962-10">Oct.</date>', "1962-10", "October 1962"),
        ('<date when-iso="1962">that year</date>', "1962", "1962"),
        ('<date when-iso="1958-01-03T18:00:00-05:00">evening</date>', "1958-01-03", "3 January 1958"),
        (
            '<date from="1962-10-03" to="1962-10-09">a week</date>',
            "1962-10-03/1962-10-09",
            "3–9 October 1962",
        ),
        (
            '<date from="1962-09-30" to="1962-10-02">the turn of the month</date>',
            "1962-09-30/1962-10-02",
            "30 September – 2 October 1962",
        ),
        (
            '<date from="1962-12-30" to="1963-01-02">the turn of the year</date>',
            "1962-12-30/1963-01-02",
            "30 December 1962 – 2 January 1963",
        ),
        ('<date from-iso="1962-10-01" to-iso="1962-10-31">the month</date>', "1962-10", "October 1962"),
        ('<date from="1962-01-01" to="1962-12-31">the year</date>', "1962", "1962"),
        ('<date from="1961" to="1963">three years</date>', "1961/1963", "1961 – 1963"),
        ('<date from="1962-05">since May</date>', "1962-05/", "from May 1962"),
        ('<date to="1962-05">until May</date>', "/1962-05", "until May 1962"),
        ('<date notBefore="1450" notAfter="1475">1450-1475</date>', "1450..1475", "between 1450 and 1475"),
        ('<date notBefore-iso="1962-10-01" notAfter-iso="1962-10-31">in October</date>', "1962-10", "October 1962"),
        ('<date notAfter="1623">before the folio</date>', "..1623", "not after 1623"),
        ('<date notBefore="1962-02-01" notAfter="1962-02-28">February</date>', "1962-02", "February 1962"),
        (
            '<date notBefore="1964-02-01" notAfter="1964-02-28">most of February</date>',
            "1964-02-01..1964-02-28",
            "between 1 February 1964 and 28 February 1964",
        ),
    ],
)
def test_the_header_date_is_shown_as_what_it_is(tmp_path, date, value, label):
    tei = _tei(date)
    assert sitemap.document_date(_root(tei))[0] == value
    page, _ = Publisher().render_document(tei.encode(), "ferry")
    shown = re.search(rb'<p class="doc-date">(.*?)</p>', page).group(1).decode()
    assert re.sub("<[^>]+>", "", shown) == label, shown
    if "/" in value or ".." in value:  # no <time> for what is no single date
        assert "<time" not in shown
    else:
        assert f'<time datetime="{value}">' in shown


def test_the_index_shows_and_sorts_dates_by_their_start(tmp_path):
    tei = tmp_path / "tei"
    tei.mkdir()
    dates = {
        "a_span": '<date from="1962-10-03" to="1962-10-09">a week</date>',
        "b_month": '<date when="1962-10">October</date>',
        "c_not_after": '<date notAfter="1962-09">before autumn</date>',
        "d_between": '<date notBefore="1450" notAfter="1475">1450-1475</date>',
        "e_day": '<date when="1962-10-05">5 October</date>',
    }
    for name, date in dates.items():
        (tei / f"{name}.xml").write_text(_tei(date), encoding="utf-8")
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(tmp_path / "site"), "--no-search"])
    assert result.exit_code == 0, result.output
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    items = re.findall(
        r'<li class="doc-item"[^>]*data-year="(\d*)".*?href="docs/(\w+)\.html".*?<p class="doc-date">(.*?)</p>',
        index,
        re.S,
    )
    shown = [(name, year, re.sub("<[^>]+>", "", date)) for year, name, date in items]
    assert shown == [
        ("d_between", "1450", "between 1450 and 1475"),
        ("c_not_after", "1962", "not after September 1962"),
        ("b_month", "1962", "October 1962"),
        ("a_span", "1962", "3–9 October 1962"),
        ("e_day", "1962", "5 October 1962"),
    ]
    vnu = _vnu()
    if vnu is not None:  # the pages with spans and bounds are valid HTML5 too
        pages = [str(p) for p in (tmp_path / "site").rglob("*.html")]
        done = subprocess.run([*vnu, "--errors-only", *pages], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[:3000]


def test_the_text_s_dateline_dates_a_document_whose_header_does_not():
    one = _tei(
        text='<opener><dateline>Lakeside, <date when="1957-03-08">8 March</date></dateline></opener><p>Soon.</p>'
    )
    assert sitemap.document_date(_root(one)) == ("1957-03-08", "8 March")
    # several parts with their own datelines: the span they give
    several = _tei(
        text='<div><dateline><date when="1957-02-03">3 Feb.</date></dateline><p>One.</p></div>'
        '<div><dateline><date when="1957-03-21">21 Mar.</date></dateline><p>Two.</p></div>'
        '<div><dateline><date when="1957-03-08">8 Mar.</date></dateline><p>Three.</p></div>'
    )
    assert sitemap.document_date(_root(several))[0] == "1957-02-03/1957-03-21"
    # the header's date comes first; a dateline's text without an ISO date dates nothing (never guessed)
    headed = _tei(
        '<date when="1961-06-09">9 June</date>', text='<dateline><date when="1961-04-28">28 April</date></dateline>'
    )
    assert sitemap.document_date(_root(headed))[0] == "1961-06-09"
    assert sitemap.document_date(_root(_tei(text="<dateline>3 November 1958</dateline><p>x</p>"))) == ("", "")


def test_a_publication_statement_date_typed_as_the_creation_dates_the_document():
    tei = _tei(
        publication='<date type="posted" when="2014-01-27">posted</date><date type="created" when="1958-11-03">3 Nov.</date>'
    )
    assert sitemap.document_date(_root(tei)) == ("1958-11-03", "3 Nov.")
    posted_only = _tei(publication='<date type="posted" when="2014-01-27">posted</date>')
    assert sitemap.document_date(_root(posted_only))[0] == ""  # a publication date is not the document's


@pytest.mark.parametrize(
    ("date", "created"),
    [
        ('<date notBefore="1450" notAfter="1475">x</date>', "1450/1475"),
        ('<date from="1962-10-03" to="1962-10-09">x</date>', "1962-10-03/1962-10-09"),
        ('<date notAfter="1623">x</date>', None),  # an open bound: no date is made up for it
        ('<date when="1962-10">x</date>', "1962-10"),
    ],
)
def test_json_ld_gives_an_iso_interval_in_python_and_in_the_stylesheets(tmp_path, date, created):
    tei = _tei(date)
    root = _root(tei)
    data = json.loads(json_ld(root, "Ferry note", sitemap.document_date(root)[0]).replace("\\u003c", "<"))
    assert data.get("dateCreated") == created
    edition = tmp_path / "edition"
    edition.mkdir()  # with an edition's folder the stylesheets make the JSON-LD (f:json-ld)
    page, _ = Publisher(overrides=edition).render_document(tei.encode(), "ferry")
    script = re.search(rb'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert json.loads(script).get("dateCreated") == created


def test_a_date_in_the_text_with_a_span_or_one_bound_says_so_on_hover():
    tei = _tei(
        '<date when="1962">x</date>',
        text='<p>Repairs <date from="1962-03" to="1962-05">in spring</date>, the quay <date notAfter="1963">later</date>.</p>',
    )
    page, _ = Publisher().render_document(tei.encode(), "ferry")
    assert b'title="March 1962 \xe2\x80\x93 May 1962">in spring</span>' in page
    assert b'title="not after 1963">later</span>' in page


@pytest.mark.parametrize(
    "date",
    [
        '<date when="1961-13">x</date>',
        '<date when="1961-00-02">x</date>',
        '<date notBefore="1961-13" notAfter="1962-00">x</date>',
        '<date from="1961-13-01" to="1961-14">x</date>',
        '<date when="\u0661\u0669\u0666\u0661-\u0660\u0663-\u0660\u0662">x</date>',
    ],
)
def test_a_date_no_calendar_has_is_shown_as_written_and_the_page_published(date):
    """A month 00 or 13, or digits of another script (not a W3C date: invalid TEI another tool may
    still write), failed the whole page in the stylesheet; it is shown as the TEI writes it, in the
    header's date and in the text, and never read into a <time> element. Since #15 (session 14) the
    header's date shows the date's text, as printed ("x"), not its attributes (a reader's words, not
    the machine value the site cannot read); the publisher warns of the value."""
    tei = _tei(date, text=f"<p>The ferry ran on {date}.</p>")
    page, _ = Publisher().render_document(tei.encode(), "ferry")
    shown = re.search(rb'<p class="doc-date">(.*?)</p>', page, re.S).group(1).decode()
    values = re.findall(r'(?:when|notBefore|notAfter|from|to)="([^"]*)"', date)
    assert shown == "x" and not any(v in shown for v in values), shown
    assert b"<time" not in page.split(b'<p class="doc-date">', 1)[1].split(b"</p>", 1)[0]
