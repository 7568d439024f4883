"""Typewriter dashes in the edition (#15): a double hyphen is set as a dash only where it is one —
never inside a URL-like token, in code-like elements, or at the start of a word it is joined to
(a command-line option) — and the title reads the same in the heading and the citation box.
Constructed TEI in our own wording."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from lxml import html

from tei_encoder.cli import main

NS = "http://www.tei-c.org/ns/1.0"

DOC = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Orchard -- ledger</title></titleStmt>
<publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><p>Constructed</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>See http://orchard.example/rows--east/plot---two and www.orchard.example/a--b today.
Start the sorter with --verbose or <code>n--</code>. Rows 5--7 of Pear--Plum. The clerk said -- twice --
nothing. --Yes, she wrote. <idno type="URI">urn:orchard--1</idno> <ref target="https://orchard.example/x--y">https://orchard.example/x--y</ref></p></body></text></TEI>"""


def _page(tmp_path: Path) -> html.HtmlElement:
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "ledger.xml").write_text(DOC, encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(site), "--no-search"])
    assert result.exit_code == 0, result.output
    (page,) = (site / "docs").glob("*.html")
    return html.fromstring(page.read_bytes())


def test_double_hyphens_that_are_no_dashes_stay(tmp_path):
    doc = _page(tmp_path)
    text = re.sub(r"\s+", " ", doc.xpath("string(//main)"))
    assert "http://orchard.example/rows--east/plot---two" in text
    assert "www.orchard.example/a--b" in text
    assert "with --verbose" in text
    assert "or n--." in text
    assert "urn:orchard--1" in text
    assert "https://orchard.example/x--y" in text
    # the dashes that are dashes are still set
    assert "Rows 5\u20137 of Pear\u2013Plum" in text
    assert "said \u2014 twice \u2014 nothing" in text
    assert "\u2014Yes, she wrote" in text


def test_title_reads_the_same_in_heading_and_citation(tmp_path):
    doc = _page(tmp_path)
    heading = doc.xpath("string(//h1)")
    citation = doc.xpath("string(//p[@class='citation'])")
    assert heading == "Orchard \u2014 ledger"
    assert heading in citation and "--" not in citation
