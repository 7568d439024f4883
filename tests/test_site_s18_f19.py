"""The edition site read and searched as a scholarly edition (#15, F19): the edition's marks in the
running text (a note's number, a sic mark, deleted words) kept out of the words the search index
reads there; manuscript descriptions with no label for an empty field and the attributes' facts
shown; interface words in the interface's language; the key of signs listing what the page shows;
the citation in the site's words; the reasons of signs reachable without a mouse. Constructed
records in our own wording."""

import pytest
from click.testing import CliRunner
from conftest import browsed
from lxml import html

from tei_encoder.cli import main
from tei_encoder.publish import Publisher
from tei_encoder.search import search_available

NS = "http://www.tei-c.org/ns/1.0"


def _tei(body: str, header: str = "", title: str = "A garden diary", lang: str = "") -> bytes:
    lang_attr = f' xml:lang="{lang}"' if lang else ""
    return (
        f'<TEI xmlns="{NS}"{lang_attr}><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>'
        f"<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc>{header or '<p>None.</p>'}</sourceDesc>"
        f"</fileDesc></teiHeader><text><body>{body}</body></text></TEI>"
    ).encode()


SEARCHED = (
    "<p>The keeper Tobiassen<note>He kept the orchard from 1950.</note> planted quinces by the wall.</p>"
    "<p>The gardener <del>feared</del><add>admired</add> the old quince tree.</p>"
    "<p>Letters reached the council of the <sic>abovenamed</sic> villages every spring.</p>"
    "<p>The wall <graphic url='wall.png'/> stood.</p>"
    "<p>Rain <del>never</del> fell on the <delSpan spanTo='#e1'/>brittle<anchor xml:id='e1'/> lower meadow.</p>"
)


def _page(body: str, **kw) -> html.HtmlElement:
    return html.fromstring(Publisher().document_page(_tei(body, **kw), "doc"))


# --- 1. the search index reads the running text without the edition's marks ---


def test_marks_inserted_in_the_running_text_are_left_out_of_the_search_index():
    page = _page(SEARCHED)
    text = page.xpath("//section[@class='text']")[0]
    for mark in text.xpath(".//sup[contains(@class, 'fn-ref')] | .//span[contains(@class, 'ed-sic')] | .//del | .//span[@class='tei-graphic']"):
        assert mark.get("data-pagefind-ignore") is not None, html.tostring(mark)
    # the deleted words are still indexed, after the text and apart from its words
    held = page.xpath("//*[@data-pagefind-index-attrs='data-deleted']")
    assert len(held) == 1 and held[0].get("data-deleted") == "feared never brittle"
    assert not held[0].xpath("ancestor::*[@data-pagefind-ignore]")
    # no deleted text: no such element
    assert not _page("<p>Nothing struck.</p>").xpath("//*[@data-deleted]")


def _search(site, queries):
    found = {}
    with browsed(site) as (page, address):
        page.goto(address + "search.html")
        box = page.locator("#search input")
        for query in queries:
            box.fill(query)
            page.wait_for_selector(
                '.pagefind-ui__result-link, .pagefind-ui__message:has-text("No results")', timeout=20000
            )
            page.wait_for_timeout(800)
            found[query] = page.locator(".pagefind-ui__result-excerpt").all_inner_texts()
    return found


@pytest.mark.browser
def test_search_finds_phrases_of_the_reading_text_across_marks_and_deletions(tmp_path):
    if not search_available():
        pytest.skip("Pagefind is not installed")
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "diary.xml").write_bytes(_tei(SEARCHED))
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(tmp_path / "tei"), "-o", str(site)])
    assert result.exit_code == 0, result.output
    phrases = ['"Tobiassen planted quinces"', '"gardener admired the old"', '"abovenamed villages"', '"Rain fell"']
    found = _search(site, [*phrases, "feared"])
    for phrase in phrases:
        assert found[phrase], (phrase, found)
    excerpts = " ".join(e for hits in found.values() for e in hits)
    assert "Tobiassen planted" in excerpts and "gardener admired the old" in excerpts, excerpts
    assert "abovenamed villages" in excerpts and "Rain fell on the lower meadow" in excerpts, excerpts
    assert "fearedadmired" not in excerpts and "Tobiassen1" not in excerpts and "[sic]" not in excerpts
    # a deleted word is still found
    assert found["feared"], found
