"""Publish indexes the pages it wrote by their own names (#15): a refused document (a name that
collides with another's where names ignore letter case) is not indexed, and a page whose name has
capitals is indexed, not reported unreadable under its folded name. Constructed TEI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tei_encoder.cli import main
from tei_encoder.search import search_available

pytestmark = pytest.mark.skipif(not search_available(), reason="Pagefind is not installed")

NS = "http://www.tei-c.org/ns/1.0"
DOC = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>{{t}}</title></titleStmt>
<publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><p>Constructed</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>The quince harvest of {{t}}.</p></body></text></TEI>"""


def test_a_refused_document_is_not_indexed_and_capitals_are_kept(tmp_path):
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "Quince.xml").write_text(DOC.format(t="autumn"), encoding="utf-8")
    (tei / "quince.xml").write_text(DOC.format(t="spring"), encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(tei / "Quince.xml"), str(tei / "quince.xml"), "-o", str(site)])
    assert result.exit_code == 1
    assert "already published as Quince.html" in result.output
    assert "not indexed for search" not in result.output
    assert "published 1 of 2 documents" in result.output
    entries = [json.loads(p.read_text(encoding="utf-8")) for p in (site / "pagefind").glob("*/pagefind-entry.json")]
    assert sum(lang["page_count"] for entry in entries for lang in entry["languages"].values()) == 1
