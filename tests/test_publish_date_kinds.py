"""Document dates of other kinds (#15): a year before the common era is shown and sorted as one; a
span whose end comes before its start, and a date no calendar has, are warned about (file, line)
and give no date value (no interval, nothing in the JSON-LD); a teiCorpus its header does not date
takes its members' span; an inline date's hover reads -iso attributes and a whole month as the
document's date does. Constructed TEI in our own wording."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from lxml import html

from tei_encoder.cli import main

NS = "http://www.tei-c.org/ns/1.0"


def _header(title: str, date: str = "") -> str:
    creation = f"<profileDesc><creation>{date}</creation></profileDesc>" if date else ""
    return f"""<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><p>Constructed</p></sourceDesc></fileDesc>{creation}</teiHeader>"""


def _doc(title: str, date: str = "", body: str = "The orchard was planted.") -> str:
    return f'<TEI xmlns="{NS}">{_header(title, date)}<text><body><p>{body}</p></body></text></TEI>'


def _publish(tmp_path: Path, files: dict[str, str]) -> tuple[Path, str]:
    tei = tmp_path / "tei"
    tei.mkdir()
    for name, text in files.items():
        (tei / name).write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(site), "--no-search"])
    assert result.exit_code == 0, result.output
    return site, result.output


def _page(site: Path, name: str) -> str:
    return (site / "docs" / f"{name}.html").read_text(encoding="utf-8")


def test_a_date_before_the_common_era_is_shown_and_sorted_first(tmp_path):
    site, _ = _publish(
        tmp_path,
        {
            "ides.xml": _doc("Ides", '<date when="-0044-03-15">the ides</date>'),
            "older.xml": _doc("Older", '<date when="-0100">long before</date>'),
            "modern.xml": _doc("Modern", '<date when="1962-10-03">then</date>'),
        },
    )
    assert "15 March 44 BCE" in _page(site, "ides")
    index = html.fromstring((site / "index.html").read_bytes())
    titles = [
        t.strip() for t in index.xpath("//ol[@id='doc-list']/li//h2//text() | //ul[@id='doc-list']/li//h2//text()")
    ]
    assert titles == ["Older", "Ides", "Modern"]
    assert index.xpath("string(//li[.//a[. = 'Ides']]/@data-year)") == "-0044"
    assert index.xpath("//select[@id='year']/option/@value")[1:] == ["-0100", "-0044", "1962"]
    assert index.xpath("//select[@id='year']/option/text()")[1:3] == ["100 BCE", "44 BCE"]


def test_reversed_span_and_impossible_dates_are_warned_and_give_no_date(tmp_path):
    site, output = _publish(
        tmp_path,
        {
            "rev.xml": _doc("Rev", '<date from="1963-01-01" to="1962-01-01">winter</date>'),
            "feb.xml": _doc("Feb", '<date when="1920-02-30">late February</date>'),
            "zero.xml": _doc("Zero", '<date when="0000">year nought</date>'),
        },
    )
    assert re.search(r"rev\.xml: warning: line \d+: .*end 1962-01-01 comes before its start 1963-01-01", output)
    assert re.search(r"feb\.xml: warning: line \d+: .*1920-02-30.*no such date", output)
    assert re.search(r"zero\.xml: warning: line \d+: .*0000.*no such date", output)
    for name in ("rev", "feb", "zero"):
        assert "dateCreated" not in _page(site, name)
    assert "1963" not in html.fromstring(_page(site, "rev")).xpath("string(//p[@class='doc-date'])")
    assert "winter" in _page(site, "rev")


def test_a_corpus_without_its_own_date_takes_its_members_span(tmp_path):
    member = '<TEI xmlns="{ns}">{h}<text><body><p>A row of pears.</p></body></text></TEI>'
    corpus = (
        f'<teiCorpus xmlns="{NS}">{_header("Orchard papers")}'
        + member.format(ns=NS, h=_header("First", '<date when="1961-04-02">spring</date>'))
        + member.format(ns=NS, h=_header("Second", '<date when="1963-09-30">autumn</date>'))
        + "</teiCorpus>"
    )
    site, _ = _publish(tmp_path, {"papers.xml": corpus})
    shown = html.fromstring(_page(site, "papers")).xpath("string(//p[@class='doc-date'])")
    assert "1961" in shown and "1963" in shown
    assert '"dateCreated":"1961-04-02\\/1963-09-30"' in _page(site, "papers")


def test_inline_dates_hover_in_the_documents_style(tmp_path):
    body = (
        '<date from-iso="1962-10-01" to-iso="1962-10-31">that October</date> and '
        '<date from-iso="1961-01-05" to-iso="1961-02-07">that winter</date>'
    )
    site, _ = _publish(
        tmp_path, {"hover.xml": _doc("Hover", '<date from="1962-10-01" to="1962-10-31">October</date>', body)}
    )
    page = html.fromstring(_page(site, "hover"))
    hovers = page.xpath("//span[@class='tei-date']/@title")
    assert "October 1962" in hovers
    assert "5 January \u2013 7 February 1961" in hovers  # the year said once (F17)
    assert page.xpath("string(//p[@class='doc-date'])").strip() == "October 1962"
