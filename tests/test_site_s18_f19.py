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
    for mark in text.xpath(
        ".//sup[contains(@class, 'fn-ref')] | .//span[contains(@class, 'ed-sic')] | .//del | .//span[@class='tei-graphic']"
    ):
        assert mark.get("data-pagefind-ignore") is not None, html.tostring(mark)
    # the deleted words are still indexed, after the text and apart from its words
    held = page.xpath("//*[@data-pagefind-index-attrs='data-deleted']")
    assert len(held) == 1 and held[0].get("data-deleted") == "feared never"
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


# --- 2. manuscript descriptions: no label for an empty field, attributes' facts shown, labels inline ---

MS = (
    "<msDesc><msIdentifier><settlement>Eastmere</settlement><repository>Harbour Office</repository>"
    "<idno>Log 7</idno></msIdentifier>"
    "<msContents><msItem><locus>fols. 1r–4v</locus><title>Tide tables</title><title type='alt'/>"
    "<title xml:lang='he' type='alt'/><textLang>English</textLang></msItem></msContents>"
    "<physDesc><objectDesc><supportDesc><support>Rag paper.</support>"
    "<extent><measure unit='leaf' quantity='4'/><measure unit='page' quantity='8'/>"
    "<dimensions type='leaf' unit='cm'><height quantity='21'/><width min='14' max='15'/></dimensions>"
    "<dimensions type='written' unit='cm'/><dimensions unit='mm'><height quantity='000'/></dimensions></extent>"
    "</supportDesc></objectDesc>"
    "<handDesc hands='1'><handNote><p>One clerk's neat hand throughout.</p></handNote></handDesc></physDesc></msDesc>"
)


def _ms_page(ms: str = MS, lang: str = "") -> html.HtmlElement:
    return _page("<p>Entries.</p>", header=ms, lang=lang)


def test_no_label_for_an_empty_field_and_attributes_shown():
    page = _ms_page()
    section = page.xpath("//section[@class='manuscripts']")[0]
    labels = [
        " ".join(label.getparent().text_content().split()) for label in section.xpath(".//span[@class='ms-field']")
    ]
    # one title, no "Title:" for the empty alternative titles; the extent from the attributes
    assert [v for v in labels if v.startswith("Title")] == ["Title: Tide tables"]
    assert "Extent: 4 leaf, 8 page, height 21 cm, width 14–15 cm" in labels, labels
    # no label followed by nothing, no empty dimensions element
    assert all(v.split(":", 1)[1].strip() for v in labels), labels
    assert not section.xpath(".//span[@class='tei-dimensions'][not(normalize-space())]")
    # the label of a field made of blocks runs on with its first words (not alone on its line)
    hands = section.xpath(".//span[@class='ms-field'][. = 'Hands']")[0]
    assert hands.getparent().tag == "p" and "Hands: One clerk's neat hand" in hands.getparent().text_content()


def test_a_field_with_only_an_empty_measure_has_no_label():
    ms = MS.replace(
        "<extent><measure unit='leaf' quantity='4'/><measure unit='page' quantity='8'/>", "<extent><measure/>"
    ).replace("<height quantity='21'/><width min='14' max='15'/>", "")
    section = _ms_page(ms).xpath("//section[@class='manuscripts']")[0]
    assert not section.xpath(".//span[@class='ms-field'][. = 'Extent']")


# --- 3. the site's words in the site's language, outside the content's ---


def test_labels_and_headings_are_in_the_interface_language_outside_the_contents():
    ms = MS.replace("<title>Tide tables</title>", "<title xml:lang='ar'>جداول المد</title>")
    page = _ms_page(ms)
    title = page.xpath("//span[@class='ms-field'][. = 'Title']")[0]
    # the label is in no element of the content's language; the content keeps its own
    assert not title.xpath("ancestor-or-self::*[@lang][1][@lang = 'ar' or @lang = 'he']") or title.get("lang") == "en"
    assert not title.xpath("ancestor::*[@lang='ar']")
    value = title.getparent().xpath("*[@lang='ar']")
    assert value and value[0].get("dir") == "rtl" and value[0].text_content() == "جداول المد"
    # the heading "Text" inside a section in the text's language is in the site's
    heading = _ms_page(ms, lang="he").xpath("//h2[@id='text-heading']")[0]
    assert heading.getparent().get("lang") == "he"
    assert heading.get("lang") == "en" and heading.get("dir") == "ltr"


def test_inserted_site_words_in_a_text_of_another_language_are_in_the_sites():
    page = _page("<p>שלום <pb n='2'/> עולם <sic>טעות</sic> סוף.</p>", lang="he")
    for mark in page.xpath("//section[@class='text']//span[@class='pb' or contains(@class, 'ed-sic')]"):
        assert mark.get("lang") == "en" and mark.get("dir") == "ltr", html.tostring(mark)
    # a text in the site's language: no lang of its own on them
    plain = _page("<p>One <pb n='2'/> two.</p>")
    assert plain.xpath("//span[@class='pb']")[0].get("lang") is None


# --- 4. the key lists exactly the signs the page shows ---


def _key_rows(page: html.HtmlElement) -> list[str]:
    return [" ".join(dt.xpath("string(.//@class)").split()) for dt in page.xpath("//section[@class='key']//dt")]


def test_the_key_lists_no_sign_of_a_reading_the_page_does_not_print():
    page = _page(
        "<p>The <choice><abbr>Gen.</abbr><expan>Gen<ex>eral</ex></expan></choice> came; "
        "<choice><sic>teh</sic><corr>t<supplied>h</supplied>e</corr></choice> end.</p>"
    )
    rows = _key_rows(page)
    assert not any("ed-ex" in r for r in rows) and "ed" not in rows, rows  # neither ex nor supplied is shown
    assert not page.xpath("//section[@class='text']//*[contains(@class, 'ed-ex') or contains(@class, 'ed-supplied')]")
    # printed where it stands: listed
    shown = _key_rows(_page("<p>The Gen<ex>eral</ex> came and <unclear>went</unclear>.</p>"))
    assert any("ed-ex" in r for r in shown) and any("ed-unclear" in r for r in shown), shown


# --- 6. what a sign tells in its title is reachable without a mouse ---

MARKED = (
    "<p>We met <unclear reason='faded'>Ostrand</unclear> on <date from='1961-04-02' to='1961-04-05'>2.–5.IV.61</date>; the "
    "<choice><orig>colour</orig><reg>color</reg></choice> of the <supplied reason='lost'>boat</supplied> "
    "<gap reason='illegible' quantity='2' unit='words'/> was <sic>bleu</sic>.</p>"
)


def test_every_mark_of_the_text_with_a_title_can_be_focused():
    page = _page(MARKED)
    # (a choice whose other readings the list of readings names, its letter linking there, needs none;
    # a date's hover repeats its words in the site's style, left as it is)
    titled = page.xpath(
        "//section[@class='text']//*[@title][not(self::a)][not(following-sibling::*[1][@class='rdg-ref'])][not(contains(@class, 'tei-date'))]"
    )
    assert len(titled) >= 4
    assert all(e.get("tabindex") == "0" for e in titled), [html.tostring(e) for e in titled if e.get("tabindex") != "0"]


@pytest.mark.browser
def test_a_tap_on_a_sign_shows_what_its_title_tells(tmp_path):
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "marked.xml").write_bytes(_tei(MARKED))
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(tmp_path / "tei"), "-o", str(site), "--no-search"])
    assert result.exit_code == 0, result.output
    with browsed(site) as (page, address):
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(address + "docs/marked.html")
        for selector in (".ed-unclear", ".ed-supplied", ".ed-gap", ".ed-sic"):
            mark = page.locator(f".doc-text {selector}").first
            title = mark.get_attribute("title")
            mark.click()
            tip = page.locator(".tip[role='tooltip']")
            assert tip.count() == 1 and tip.is_visible(), selector
            assert tip.inner_text() == title and title, (selector, title)
            assert mark.get_attribute("aria-describedby") == "tip"
        page.keyboard.press("Escape")
        assert page.locator(".tip").count() == 0


# --- 5. the citation in the site's words and style; the key's rows named apart ---


def _citation(tei: bytes, publisher: Publisher | None = None) -> str:
    page = html.fromstring((publisher or Publisher()).document_page(tei, "doc"))
    return page.xpath("string(//p[@class='citation'])")


def test_the_citation_quotes_a_quoted_title_at_the_other_level_and_dates_in_the_sites_style(tmp_path):
    tei = _tei("<p>Entries.</p>", title='Toward “Thorough Reform” of the "Harbour" Board').replace(
        b"<sourceDesc>",
        b"<sourceDesc><bibl><date when='1961-04-02'>2nd of April, 1961</date></bibl>",
    )
    cited = _citation(tei)
    assert cited.startswith("“Toward ‘Thorough Reform’ of the ‘Harbour’ Board”"), cited
    page = html.fromstring(Publisher().document_page(tei, "doc"))
    shown_date = page.xpath("string(//p[@class='doc-date'])")
    if shown_date:  # the document's date, when the site reads one: in the style under the title
        assert shown_date in cited and "2nd of April" not in cited, (shown_date, cited)
    (tmp_path / "strings.json").write_text(
        '{"lang": "de", "citation-quote-open": "„", "citation-quote-close": "“", "citation-inner-quote-open": "‚",'
        ' "citation-inner-quote-close": "‘", "citation-separator": "; "}',
        encoding="utf-8",
    )
    assert _citation(tei, Publisher(overrides=tmp_path)).startswith("„Toward ‚Thorough Reform‘ of the ‚Harbour‘ Board“")


def test_the_rows_of_the_key_have_names_of_their_own():
    page = _page("<p>She <del>hated</del><add>loved</add> it; <unclear>dim</unclear> and Gen<ex>eral</ex>.</p>")
    names = [" ".join(dt.text_content().split()) for dt in page.xpath("//section[@class='key']//dt")]
    assert len(names) >= 4 and len(set(names)) == len(names), names
    assert "word deleted" in names and "word added" in names, names


def test_no_tab_stop_inside_a_link():
    """A sign, a supplied word, a sic mark or a line break inside a mention's link takes no tab stop
    of its own (HTML allows no tabindex inside an a; Nu reports it): the link is the stop."""
    body = (
        "<p>We met <persName ref='#kr'>Kristo<supplied>f</supplied>fer Ra<unclear>n</unclear>d<lb break='no'/>al"
        "</persName> and <persName ref='#kr'>the <sic>gardner</sic></persName> by the gate.</p>"
        "<p>Later the <supplied>north</supplied> gate was shut.</p>"
    )
    back = "<back><listPerson><person xml:id='kr'><persName>Kristoffer Randal</persName></person></listPerson></back>"
    tei = _tei(body).replace(b"</body>", b"</body>" + back.encode())
    page = html.fromstring(Publisher().document_page(tei, "doc"))
    links = page.xpath("//section[@class='text']//a[not(contains(@class, 'fn'))][not(starts-with(@href, '#'))]")
    assert links, "the mentions are links"
    assert not page.xpath("//a//*[@tabindex]")
    # outside a link the same mark can still be focused
    assert page.xpath("//section[@class='text']//span[contains(@class, 'ed-supplied')][@tabindex='0']")
