"""Search folding (#15): a query without the letters Unicode does not decompose (ł, đ, ø, ß, æ)
finds the text with them, in the index filter and in the full-text search (Gomulka finds
Gomułka), as a query without accents finds accented text. Constructed TEI in our own wording."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import browsed

from tei_encoder.cli import main
from tei_encoder.search import fold_word, search_available, with_folded_words

NS = "http://www.tei-c.org/ns/1.0"
DOC = f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>{{t}}</title></titleStmt>
<publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><p>Constructed</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>{{p}}</p></body></text></TEI>"""


def test_fold_word_takes_off_marks_and_folds_letters_without_them():
    assert fold_word("Gomułka") == "gomulka"
    assert fold_word("Đilas") == "dilas"
    assert fold_word("Ærø") == "aero"
    assert fold_word("Straße") == "strasse"
    assert fold_word("Gomółka") == "gomolka"


def test_only_pages_with_such_letters_get_folded_words():
    page = "<html><body><article data-pagefind-body><p>The orchard of Gomułka</p></article></body></html>"
    sent = with_folded_words(page)
    assert 'data-pagefind-index-attrs="data-folded"' in sent and "gomulka" in sent
    plain = "<html><body><article data-pagefind-body><p>I saw the orchard of Gomez</p></article></body></html>"
    assert with_folded_words(plain) is plain


@pytest.mark.browser
def test_filter_and_search_fold_letters_without_decomposition(tmp_path):
    if not search_available():
        pytest.skip("Pagefind is not installed")
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "a.xml").write_text(DOC.format(t="Letter of Gomułka", p="Gomułka wrote from Łódź about the pears."), "utf-8")
    (tei / "b.xml").write_text(DOC.format(t="Letter of Novak", p="Novak wrote about the plums."), "utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(site)])
    assert result.exit_code == 0, result.output
    with browsed(site) as (page, base):
        page.goto(base + "index.html")
        page.fill("#q", "gomulka")
        visible = page.locator("#doc-list > li:visible")
        assert visible.count() == 1 and "Gomułka" in visible.inner_text()
        page.fill("#q", "GOMUŁKA")
        assert page.locator("#doc-list > li:visible").count() == 1
        page.goto(base + "search.html")
        page.locator("#search input").fill("Lodz")
        page.locator(".pagefind-ui__result-link", has_text="Gomułka").first.wait_for(timeout=15000)
        page.locator("#search input").fill("Gomulka")
        page.locator(".pagefind-ui__result-link", has_text="Gomułka").first.wait_for(timeout=15000)
