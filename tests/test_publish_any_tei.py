"""Publishing TEI that is not shaped like ours: nothing of the text is lost, pages are valid
HTML5, links agree with the pages written, languages keep their direction.

The inputs are the constructed files of tests/fixtures/tei (our own wording), one per kind of
structure other projects use: front/back, groups of texts, div1-div3, verse, drama, lists and
tables inside paragraphs, opener/closer text, manuscript descriptions, EpiDoc, right-to-left
text, a title without @type, every style of pointer."""

import json
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree, html
from test_publish import _vnu

from tei_encoder import sitemap
from tei_encoder.cli import main
from tei_encoder.publish import Publisher, _surely_shown, missing_text, missing_words, tei_text
from tei_encoder.xmlsafe import parse_xml

TEI_FIXTURES = ROOT / "tests" / "fixtures" / "tei"
T = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def peer_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("peer") / "site"
    result = CliRunner().invoke(main, ["publish", str(TEI_FIXTURES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def page(site: Path, name: str):
    return html.parse(str(site / name)).getroot()


@pytest.mark.parametrize("tei", sorted(TEI_FIXTURES.glob("*.xml")), ids=lambda p: p.stem)
def test_every_word_of_the_text_is_on_the_page(peer_site, tei):
    root = parse_xml(tei).getroot()
    shown = (peer_site / "docs" / f"{tei.stem}.html").read_bytes()
    strict, lenient = missing_words(root, shown)
    assert not strict, f"{tei.name}: not on the page: {dict(strict)}"
    assert not lenient


def test_a_page_that_drops_words_is_reported_with_the_element():
    tei = (TEI_FIXTURES / "verse.xml").read_bytes()
    root = parse_xml(data=tei).getroot()
    first_line = root.find(f".//{T}l")
    shown = html.fromstring(Publisher().document_page(tei, "verse"))
    dropped = shown.xpath("//div[contains(concat(' ', @class, ' '), ' tei-l ')]")[0]
    dropped.getparent().remove(dropped)  # as a stylesheet without a rule for l would
    [warning] = missing_text(root, html.tostring(shown))
    assert "not shown on the page" in warning and "<l>" in warning and f"line {first_line.sourceline}" in warning


def test_missing_words_counts_every_lost_word_and_reads_hovered_words():
    tei = (
        f'<TEI xmlns="{T[1:-1]}"><teiHeader/><text><body>'
        "<p>Plenipotentiary Tarvok met Tarvok and Ostrelin at the quay</p></body></text></TEI>"
    )
    root = parse_xml(data=tei.encode()).getroot()

    def page(body: str) -> bytes:
        return (
            f'<!DOCTYPE html><html><head><script>"Ostrelin quay"</script></head><body>'
            f'<div data-tei-region="text">{body}</div></body></html>'
        ).encode()

    # words only in an attribute (a title shown on hover) count as shown; a script's do not
    hovered = page(
        '<p>Plenipotentiary Tarvok met <span title="Tarvok">him</span> and <abbr title="Ostrelin">O.</abbr> at the</p>'
    )
    assert missing_words(root, hovered) == (Counter({"quay": 1}), Counter({"quay": 1}))
    # a word shown once but written twice is lost once; every lost word is counted
    once = page("<p>Plenipotentiary Tarvok met and at the</p>")
    strict, lenient = missing_words(root, once)
    assert strict == Counter({"Tarvok": 1, "Ostrelin": 1, "quay": 1})
    # leniently too, counts are compared: a word the page shows elsewhere, only as often as the
    # text writes it there, does not stand for its lost occurrence
    assert lenient == Counter({"Tarvok": 1, "Ostrelin": 1, "quay": 1})
    assert missing_text(root, once) == [
        "3 words of the text are not shown on the page; the first is in <p> at line 1: Tarvok, Ostrelin, quay"
    ]
    # shown inside a longer word: lost strictly only
    joined = page('<p title="Tarvok Ostrelin">Plenipotentiary Tarvok met and at the quays</p>')
    assert missing_words(root, joined) == (Counter({"quay": 1}), Counter())
    whole = page("<p>Plenipotentiary Tarvok met Tarvok and Ostrelin at the quay</p>")
    assert missing_words(root, whole) == (Counter(), Counter())


def test_the_quick_reading_of_a_page_counts_no_word_the_page_does_not_show():
    """missing_text first reads the page's bytes without parsing them (_surely_shown); a word
    that only a comment, a script or a processing instruction holds, or that a block splits,
    is not shown, and the full check reports it."""
    root = parse_xml(
        data=f'<TEI xmlns="{T[1:-1]}"><teiHeader/><text><body><p>Tarvok met Ostrelin at the quay</p></body></text></TEI>'.encode()
    ).getroot()
    written = tei_text(root)

    def page(body: str) -> bytes:
        return (
            f'<!DOCTYPE html><html><head><title>t</title></head><body><div data-tei-region="text">{body}</div></body></html>'
        ).encode()

    lost = "1 word of the text is not shown on the page; the first is in <p> at line 1: quay"
    for body in (
        "<p>Tarvok met Ostrelin at the</p><!-- x > quay < -->",
        "<p>Tarvok met Ostrelin at the</p><script>quay</script>",
        "<p>Tarvok met Ostrelin at the</p><?pi quay?>",
        "<p>Tarvok met Ostrelin at the qu<div></div>ay</p>",
    ):
        assert not _surely_shown(written, page(body)), body
        assert missing_text(root, page(body)) == [lost], body
    # a page it cannot read as the parser would (two bodies) is left to the full check
    assert not _surely_shown(written, page("<p>Tarvok met Ostrelin at the</p></body><body>quay"))
    # phrase-level elements join a word, entities are read: shown, quickly and fully alike
    shown = page('<p>Tarvok met <a href="x">Ostrelin</a> at&nbsp;the <span class="q">qu</span>ay &amp;</p>')
    assert _surely_shown(written, shown)
    assert missing_words(root, shown) == (Counter(), Counter())


def test_the_quick_reading_compares_runs_of_word_characters_as_the_page_sets_them():
    """The quick reading compares runs between non-word characters (no word split): a dash the
    page sets for a double hyphen, a no-break space and a typographic apostrophe read alike on
    either side; a run the page lacks, or has fewer times, leaves the decision to the full check."""

    def tei(text: str) -> bytes:
        root = parse_xml(
            data=f'<TEI xmlns="{T[1:-1]}"><text><body><p>{text}</p></body></text></TEI>'.encode()
        ).getroot()
        return tei_text(root)

    def page(body: str) -> bytes:
        return (
            "<!DOCTYPE html><html><head><title>t</title></head><body>"
            f'<div data-tei-region="text"><p>{body}</p></div></body></html>'
        ).encode()

    written = tei("Cuba--US talks of Khrushchev\u2019s aide\u00a0Tarvok\u2014and Ostrelin s[vnar]")
    assert _surely_shown(
        written, page("Cuba\u2013US talks of Khrushchev\u2019s aide&nbsp;Tarvok\u2014and Ostrelin svnar")
    )
    assert _surely_shown(written, page("Cuba US talks of Khrushchev\u2019s aide Tarvok and Ostrelin svnar"))
    assert not _surely_shown(written, page("Cuba\u2013 talks of Khrushchev\u2019s aide Tarvok and Ostrelin svnar"))
    assert not _surely_shown(written, page("Cuba US talks of Khrushchev aide Tarvok and Ostrelin svnar"))
    assert not _surely_shown(tei("Tarvok met Tarvok"), page("Tarvok met"))
    assert _surely_shown(tei("Tarvok met Tarvok"), page("Tarvok met <a href='x'>Tarvok</a>"))


def test_pages_are_valid_html5(peer_site):
    vnu = _vnu()
    if vnu is None:
        pytest.skip("Nu Html Checker not installed (npm install vnu-jar)")
    pages = [str(p) for p in peer_site.rglob("*.html")]
    done = subprocess.run([*vnu, "--errors-only", *pages], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[:3000]


def test_no_block_inside_a_paragraph_heading_or_phrase(peer_site):
    for doc in (peer_site / "docs").glob("*.html"):
        tree = page(peer_site, f"docs/{doc.name}")
        bad = tree.xpath(
            "//*[self::p or self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6 or self::span]"
            "//*[self::div or self::p or self::ul or self::ol or self::table or self::blockquote or self::section]"
        )
        assert not bad, f"{doc.name}: {[etree.tostring(b)[:80] for b in bad]}"


def test_list_and_table_inside_a_paragraph_keep_their_place(peer_site):
    doc = page(peer_site, "docs/list_table_in_p.html")
    para = doc.xpath("//div[@class='tei-p'][.//ul and .//table]")
    assert para, "the paragraph holding a list and a table is one block"
    assert para[0].xpath(".//table//th"), "a label row becomes header cells"


def test_structures_of_other_projects_are_rendered(peer_site):
    def tei_count(name, xpath):
        return len(parse_xml(TEI_FIXTURES / f"{name}.xml").getroot().xpath(xpath, namespaces={"t": T[1:-1]}))

    verse = page(peer_site, "docs/verse.html")
    assert len(verse.xpath("//div[contains(concat(' ', @class, ' '), ' tei-l ')]")) == tei_count("verse", "//t:l")
    assert verse.xpath("//div[contains(@class, 'tei-lg')]")
    drama = page(peer_site, "docs/drama.html")
    assert len(drama.xpath("//div[@class='tei-sp']")) == tei_count("drama", "//t:sp")
    assert drama.xpath("//*[@class='tei-speaker']") and drama.xpath("//*[@class='tei-stage']")
    front_back = page(peer_site, "docs/front_back.html")
    assert front_back.xpath("//div[@class='tei-front']//div[@class='tei-titlePage']")
    assert front_back.xpath("//div[@class='tei-back']")
    group = page(peer_site, "docs/group.html")
    assert len(group.xpath("//div[@class='tei-group']/div[@class='tei-text']")) == tei_count(
        "group", "//t:group/t:text"
    )
    numbered = page(peer_site, "docs/div_numbered.html")
    assert numbered.xpath("//div[starts-with(@class, 'tei-div3')]") and numbered.xpath("//h5")
    letter = page(peer_site, "docs/opener_closer_text.html")
    assert letter.xpath("//div[@class='tei-opener']/text()[normalize-space()]"), "bare opener text is shown"
    ms = page(peer_site, "docs/msdesc.html")
    assert ms.xpath("//section[@class='manuscripts']//div[@class='tei-msDesc']")


def test_title_is_the_first_title_when_none_is_main(peer_site):
    doc = page(peer_site, "docs/no_main_title.html")
    first = parse_xml(TEI_FIXTURES / "no_main_title.xml").getroot().find(f".//{T}titleStmt/{T}title")
    expected = " ".join("".join(first.itertext()).split())
    assert doc.xpath("string(//h1)") == expected
    citation = doc.xpath("string(//p[@class='citation'])")
    assert citation.startswith(f"\u201c{expected}\u201d") and not citation.rstrip().endswith(",")
    index = page(peer_site, "index.html")
    assert expected in index.xpath("string(//ol[@id='doc-list'])")


def test_every_link_leads_to_a_page_and_anchor_that_exist(peer_site):
    ids: dict[Path, set[str]] = {}
    for source in peer_site.rglob("*.html"):
        for href in page(peer_site, source.relative_to(peer_site).as_posix()).xpath("//a/@href"):
            if href.startswith(("http://", "https://")):
                continue
            path, _, fragment = href.partition("#")
            target = (source.parent / path).resolve() if path else source
            assert target.is_file(), f"{source.name}: {href}"
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(html.parse(str(target)).getroot().xpath("//@id"))
                assert fragment in ids[target], f"{source.name}: {href}"


def test_every_pointer_style_links_once_and_consistently(peer_site):
    doc = page(peer_site, "docs/refs_mixed.html")
    external = doc.xpath("//a[@rel='external'][contains(@class, 'ent')]/@href")
    assert external and all(h.startswith("https://") for h in external)
    several = doc.xpath("//span[@class='ent-more']/a")
    assert len(several) == 2, "a mention with three pointers links to all three"
    root = parse_xml(TEI_FIXTURES / "refs_mixed.xml").getroot()
    for mention in sitemap.mentions(root):
        for kind, key in mention.keys:
            assert (peer_site / sitemap.entity_page(kind, key)).is_file(), key


def test_languages_carry_lang_and_direction(peer_site):
    doc = page(peer_site, "docs/rtl_arabic.html")
    [text] = doc.xpath("//section[@class='text']")
    assert text.get("lang") == "ar" and text.get("dir") == "rtl"
    hebrew = doc.xpath("//*[@lang='he']")
    assert hebrew and all(h.get("dir") in (None, "rtl") for h in hebrew)  # same direction: inherited
    english = doc.xpath("//section[@class='text']//*[@lang='en']")
    assert english and all(e.get("dir") == "ltr" for e in english)


@pytest.mark.parametrize(
    ("tag", "direction", "html_lang"),
    [
        ("ar", "rtl", "ar"),
        ("he-IL", "rtl", "he-IL"),
        ("yi", "rtl", "yi"),
        ("syr", "rtl", "syr"),
        ("ar-Latn", "ltr", "ar-Latn"),
        ("az-Arab", "rtl", "az-Arab"),
        ("en", "ltr", "en"),
        ("lat", "ltr", "la"),
        ("not a tag", "ltr", ""),
        ("el-grc", "ltr", "grc"),
        ("sr-Cryl", "ltr", ""),
        ("x-private", "ltr", "x-private"),
        # private-use tags of three letters after the x are no extended language subtags (#15)
        ("x-unk", "ltr", "x-unk"),
        ("x-abc-def", "ltr", "x-abc-def"),
        ("zh-Hans-x-old", "ltr", "zh-Hans-x-old"),
        ("qaa", "ltr", "qaa"),
    ],
)
def test_language_direction_and_lang_are_data_driven(tag, direction, html_lang):
    assert sitemap.language_direction(tag) == direction
    assert sitemap.html_lang(tag) == html_lang


def test_pointers():
    def targets(**attrs):
        return sitemap.pointers(etree.Element(T + "persName", **attrs))

    assert targets(ref="#a #b") == [sitemap.Target(key="a"), sitemap.Target(key="b")]
    assert targets(ref="a") == targets(ref="#a") == targets(key="a")
    assert targets(ref="persons.xml#a") == [sitemap.Target(key="persons.xml#a")]
    assert targets(ref="https://example.org/p/1") == [sitemap.Target(url="https://example.org/p/1")]
    assert targets(ref="javascript:alert(1)") == [sitemap.Target(key="javascript:alert(1)")]  # a name, never a URL
    assert targets(ref="https://example.org/<script>") == []  # not a URL a page may link to
    assert targets(ref="#") == []


KEYS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@given(st.lists(KEYS, min_size=2, max_size=6, unique=True))
def test_entry_page_names_never_collide(keys):
    stems = [sitemap.page_stem(k) for k in keys]
    folded = {unicodedata.normalize("NFC", s).casefold() for s in stems}
    assert len(folded) == len(keys), "distinct on case-insensitive, normalising file systems"
    for stem in stems:
        assert all(c.isascii() and (c.isalnum() or c in "-_~") for c in stem), stem
        assert stem not in {"con", "prn", "aux", "nul"} and not stem.endswith((".", " "))


def test_entry_page_names_of_known_troublemakers():
    names = ["CON", "_CON", "con", "trailing.dot.", "trailing.dot", "e\u0301", "\u00e9", "Ab", "ab"]
    stems = [sitemap.page_stem(n) for n in names]
    assert len({s.casefold() for s in stems}) == len(names)
    assert sitemap.page_stem("castro-fidel") == "castro-fidel"  # plain ids keep their names


def test_entry_page_names_are_readable():
    """#15 (F18): an id with capitals keeps them (a mask after `~` keeps case-only twins apart);
    before, `DK` was `_44__4b_`. Fails before the fix."""
    assert sitemap.page_stem("DK") == "DK~3"
    assert sitemap.page_stem("Dk") == "Dk~1"
    assert sitemap.page_stem("dk") == "dk"
    assert sitemap.page_stem("pmb50") == "pmb50"
    assert sitemap.page_stem("Q_1") == "Q__1~1"


def test_mention_anchors_are_numbered_in_one_pass():
    body = "".join(
        f'<p><persName ref="#p{i % 3}">N</persName> and <rs type="place" ref="#x">x</rs></p>' for i in range(3000)
    )
    tei = (
        f'<TEI xmlns="{T[1:-1]}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
        "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
        f"<text><body>{body}</body></text></TEI>"
    )
    root = sitemap.annotate(etree.fromstring(tei))
    anchors = [el.get(sitemap.P + "link").split(" ")[2] for el in root.iter(T + "persName")]
    assert anchors[:4] == ["m-p0-1", "m-p1-1", "m-p2-1", "m-p0-2"] and anchors[-1] == "m-p2-1000"
    assert len(set(anchors)) == 3000
    places = [el.get(sitemap.P + "link").split(" ")[1] for el in root.iter(T + "rs")]
    assert set(places) == {"places/x.html"}


_MENTIONS_TEI = (
    f'<TEI xmlns="{T[1:-1]}"><teiHeader><fileDesc><titleStmt><title>Talks at Varnholt</title></titleStmt>'
    "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
    '<text><body><p><persName ref="#p1">Orlen Duvik</persName> wrote to <persName ref="#p1">Duvik</persName> from'
    ' <placeName ref="#x">Varnholt</placeName>, see <rs ref="https://example.org/varnholt">the town</rs> and'
    ' <persName ref="#p1 #p2">both</persName>.</p>'
    '<listPerson><person xml:id="p1"><persName>Orlen Duvik</persName></person>'
    '<person xml:id="p2"><persName>Tesk Amrel</persName></person></listPerson></body></text></TEI>'
)


def test_a_mention_carries_what_it_links_to_in_one_attribute():
    """Each linked mention gets one annotation, pub:link ("KIND PAGE ANCHOR NAME"; an external
    link " URL  "), not pub:href, pub:id, pub:kind and pub:title: Saxon parses the annotated copy
    by the attribute, and a page has hundreds of mentions. Failed before (four attributes)."""
    root = sitemap.annotate(etree.fromstring(_MENTIONS_TEI))
    mentions = [el for el in root.iter(T + "persName", T + "placeName", T + "rs") if el.getparent().tag == T + "p"]
    assert [el.get(sitemap.P + "link") for el in mentions] == [
        "person persons/p1.html m-p1-1 Orlen Duvik",
        "person persons/p1.html m-p1-2 Orlen Duvik",
        "place places/x.html m-x-1 ",  # no entry lists x: no name
        " https://example.org/varnholt  ",
        "person persons/p1.html m-p1-3 Orlen Duvik",
    ]
    assert mentions[-1].get(sitemap.P + "also") == "persons/p2.html m-p2-1"
    assert mentions[-1].get(sitemap.P + "also-names") == "Tesk Amrel"  # its entry's name
    for el in mentions:  # nothing else of ours but pub:also and its names
        assert {name for name in el.attrib if name.startswith(sitemap.P)} <= {
            sitemap.P + "link",
            sitemap.P + "also",
            sitemap.P + "also-names",
        }


def test_an_editions_template_for_mentions_reads_them_with_f_mention(tmp_path):
    """The documented way for an edition's --xslt module to render mentions its own way: match
    *[@pub:link] and read the link with f:mention (kind, href, id, title). Failed before (no
    f:mention: the module did not compile)."""
    (tmp_path / "mentions.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
        ' xmlns:pub="urn:tei-encoder:publish" xmlns:f="urn:tei-encoder:functions">'
        '<xsl:template match="*[@pub:link]"><xsl:variable name="m" select="f:mention(.)"/>'
        '<a class="mine" href="{f:href($m?href)}" data-kind="{$m?kind}" data-title="{$m?title}">'
        '<xsl:if test="$m?id"><xsl:attribute name="id" select="$m?id"/></xsl:if><xsl:apply-templates/></a>'
        "</xsl:template></xsl:stylesheet>",
        encoding="utf-8",
    )
    page = html.fromstring(Publisher(overrides=tmp_path).document_page(_MENTIONS_TEI.encode(), "doc"))
    mine = [
        (a.get("id"), a.get("href"), a.get("data-kind"), a.get("data-title"), a.text)
        for a in page.xpath("//a[@class='mine']")
    ]
    assert mine == [
        ("m-p1-1", "../persons/p1.html", "person", "Orlen Duvik", "Orlen Duvik"),
        ("m-p1-2", "../persons/p1.html", "person", "Orlen Duvik", "Duvik"),
        ("m-x-1", "../places/x.html", "place", "", "Varnholt"),
        (None, "https://example.org/varnholt", "", "", "the town"),
        ("m-p1-3", "../persons/p1.html", "person", "Orlen Duvik", "both"),
    ]
    shipped = html.fromstring(Publisher().document_page(_MENTIONS_TEI.encode(), "doc"))
    assert not shipped.xpath("//a[@class='mine']")
    assert [a.get("id") for a in shipped.xpath("//a[contains(@class, 'ent ')]")] == [
        "m-p1-1",
        "m-p1-2",
        "m-x-1",
        None,
        "m-p1-3",
    ]


def test_the_example_init_puts_in_place_renders_mentions_once_its_template_is_uncommented(tmp_path):
    """tei_encoder/data/edition/edition.xsl shows, commented out, an edition's template for mentions
    (f:mention): uncommented, it compiles and links every mention with its anchor."""
    example = (ROOT / "tei_encoder" / "data" / "edition" / "edition.xsl").read_text(encoding="utf-8")
    start = example.index('  <xsl:template match="*[@pub:link]">')
    opened = example.rindex("<!--", 0, start)
    closed = example.index("-->", start)
    (tmp_path / "edition.xsl").write_text(
        example[:opened] + example[start:closed] + example[closed + 3 :], encoding="utf-8"
    )
    page = html.fromstring(Publisher(overrides=tmp_path).document_page(_MENTIONS_TEI.encode(), "doc"))
    links = [(a.get("id"), a.get("href"), a.get("class")) for a in page.xpath("//a[starts-with(@class, 'ent ')]")]
    assert links == [
        ("m-p1-1", "../persons/p1.html", "ent ent-person"),
        ("m-p1-2", "../persons/p1.html", "ent ent-person"),
        ("m-x-1", "../places/x.html", "ent ent-place"),
        (None, "https://example.org/varnholt", "ent ent-"),
        ("m-p1-3", "../persons/p1.html", "ent ent-person"),
    ]
    assert page.xpath("string(//footer/p[@class='edition-note'])") == "An edition made with tei-encoder."
    # every page kind imports the edition's modules: the template must compile in all of them (it failed
    # in the index, registers, entry and search pages, which had no f:mention)
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(TEI_FIXTURES), "-o", str(site), "--xslt", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (site / "index.html").is_file() and list(site.glob("persons/*.html"))


def test_annotations_keep_a_documents_own_binding_of_their_prefix():
    # the document binds the annotations' short prefix to a namespace of its own
    tei = (
        f'<TEI xmlns="{T[1:-1]}" xmlns:{sitemap.PUB_PREFIX}="urn:example:own" {sitemap.PUB_PREFIX}:mark="kept">'
        '<teiHeader/><text><body><p><persName ref="#p1" xml:lang="he">N</persName></p>'
        '<listPerson><person xml:id="p1"><persName>Nomen Tarvok</persName></person></listPerson></body></text></TEI>'
    )
    root = sitemap.annotate(etree.fromstring(tei))
    again = etree.fromstring(etree.tostring(root))  # as the stylesheets read it
    assert again.get("{urn:example:own}mark") == "kept"
    mention = again.find(f".//{T}p/{T}persName")
    assert mention.get(sitemap.P + "link") == "person persons/p1.html m-p1-1 Nomen Tarvok"
    assert mention.get(sitemap.P + "dir") == "rtl"


def test_publish_warns_about_a_file_that_is_not_tei(tmp_path):
    result = CliRunner().invoke(main, ["publish", str(TEI_FIXTURES / "xinclude_part.xml"), "-o", str(tmp_path / "s")])
    assert result.exit_code == 0
    assert "xinclude_part.xml: warning: the root element is <div>, not TEI P5's TEI or teiCorpus" in result.output


def test_mentions_only_hovered_over_get_no_anchor():
    tei = (
        f'<TEI xmlns="{T[1:-1]}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
        "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
        '<text><body><p><choice><sic><persName ref="#a">Jonn</persName></sic><corr><persName ref="#b">John</persName>'
        '</corr></choice> and <app><lem><placeName ref="#c">Eastmere</placeName></lem><rdg wit="#w">'
        '<placeName ref="#d">Westmere</placeName></rdg></app> or <placeName xml:lang="he" ref="#c">x</placeName></p>'
        '<p>then <app><lem>a</lem><rdg wit="#w">'
        '<placeName ref="#d">Westmere</placeName></rdg></app></p></body></text></TEI>'
    ).encode()
    root = parse_xml(data=tei).getroot()
    assert [key for m in sitemap.mentions(root) for _, key in m.keys] == ["a", "c", "c"]
    shown = html.fromstring(Publisher().document_page(tei, "doc"))
    assert shown.xpath("//a[@id='m-a-1']") and shown.xpath("//a[@id='m-c-1']")
    assert shown.xpath("//a[@id='m-c-2'][@lang='he'][@dir='rtl']"), "a mention in another language keeps its link"
    assert not shown.xpath("//*[starts-with(@id, 'm-b-') or starts-with(@id, 'm-d-')]")
    assert "John" in shown.xpath("string(//span[@class='corrected']/@title)")
    assert "Westmere" in shown.xpath("string(//span[@class='tei-app']/@title)")


def test_page_break_without_number_has_its_own_marker(peer_site):
    """A `pb` without @n is a marker of its own words, never "[p. ]" or "Page  of the original"."""
    shown = page(peer_site, "docs/header_letter.html")
    markers = shown.xpath("//section[@class='text']//span[@class='pb']")
    assert len(markers) == 1
    assert markers[0].text_content().strip() == "[new page]"
    assert "  " not in markers[0].get("aria-label") and "(its number not given)" in markers[0].get("aria-label")


def test_text_filled_into_a_ui_string_is_never_filled_in_again():
    """A UI string's {placeholders} are filled in one pass: a document's text that looks like a
    placeholder ("{unit}", "{label}") is shown as it is, whatever order the values come in."""
    tei = (
        f'<TEI xmlns="{T[1:-1]}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        "<publicationStmt><p/></publicationStmt><sourceDesc><msDesc><msIdentifier><idno>X 1</idno></msIdentifier>"
        '<physDesc><objectDesc><supportDesc><extent><dimensions unit="cm"><height>{unit} 2 {label}</height>'
        "<width>{nothing</width></dimensions></extent></supportDesc></objectDesc></physDesc></msDesc>"
        "</sourceDesc></fileDesc></teiHeader><text><body><p>Text.</p></body></text></TEI>"
    ).encode()
    shown = html.fromstring(Publisher().document_page(tei, "doc"))
    assert shown.xpath("string(//span[@class='tei-dimensions'])") == "height {unit} 2 {label} cm, width {nothing cm"


def test_manuscript_description_of_another_project_reads_cleanly(peer_site):
    """Empty parts are skipped, only the shelfmark makes the reference, measurements are labelled
    with their unit, and a term met several times is one dt with several dd."""
    shown = page(peer_site, "docs/header_letter.html")
    essentials = {
        dt.text_content(): dt.getnext().text_content() for dt in shown.xpath("//aside[@class='doc-essentials']//dt")
    }
    assert essentials == {"Archive": "Westmere Letter Archive, Nowhereland", "Archival reference": "WLA 7/3"}
    assert shown.xpath("string(//span[@class='tei-dimensions'])") == "height 21.5 cm, width 14.2 cm, depth 0.1 cm"
    about = shown.xpath("//section[@aria-labelledby='metadata-heading']/dl")[0]
    assert [dt.text_content() for dt in about.xpath("dt")] == ["Language of this text", "Funder"]
    assert [dd.text_content() for dd in about.xpath("dd")] == [
        "German",
        "French",
        "Foundation for Invented Letters",
        "Council of Made-up Research",
    ]
    several_items = page(peer_site, "docs/msdesc.html")
    assert (
        several_items.xpath(
            "string(//aside[@class='doc-essentials']//dt[.='Archival reference']/following-sibling::dd[1])"
        )
        == "MS Test 42"
    )


def _header(inner: str, source: str = "<p>Constructed.</p>") -> etree._Element:
    return etree.fromstring(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        f"<publicationStmt><p>P</p></publicationStmt><sourceDesc>{source}</sourceDesc></fileDesc>"
        f"<profileDesc>{inner}</profileDesc></teiHeader><text><body><p>x</p></body></text></TEI>"
    )


@pytest.mark.parametrize(
    "profile, source, expected",
    [
        (
            '<creation><date when="1961-06-09">June 9, 1961</date></creation>',
            "<p>s</p>",
            ("1961-06-09", "June 9, 1961"),
        ),
        (
            '<correspDesc><correspAction type="received"><date when="1874-06-01"/></correspAction>'
            '<correspAction type="sent"><date notBefore="1874-05">in May</date></correspAction></correspDesc>',
            "<p>s</p>",
            ("1874-05..", "in May"),
        ),
        (
            "",
            '<msDesc><msIdentifier><idno>A</idno></msIdentifier><history><origin><origDate from="1880" to="1885">1880s</origDate></origin></history></msDesc>',
            ("1880/1885", "1880s"),
        ),
        (
            "",
            '<bibl><title>B</title><date when="1902-03-04T10:00:00">4.3.1902</date></bibl>',
            ("1902-03-04", "4.3.1902"),
        ),
        ("<creation><date>some spring</date></creation>", "<p>s</p>", ("", "some spring")),
        ("", "<p>s</p>", ("", "")),
    ],
)
def test_document_date_from_where_the_header_gives_it(profile, source, expected):
    assert sitemap.document_date(_header(profile, source)) == expected


def test_index_page_and_json_ld_share_the_headers_date(peer_site):
    index = page(peer_site, "index.html")
    item = index.xpath("//a[contains(@href, 'header_letter.html')]/ancestor::li[1]")[0]
    assert item.xpath("string(.//time/@datetime)") == "1874-05-02"
    shown = page(peer_site, "docs/header_letter.html")
    assert shown.xpath("string(//header[@class='doc-header']//time/@datetime)") == "1874-05-02"
    data = json.loads(shown.xpath("string(//script[@type='application/ld+json'])"))
    assert data["dateCreated"] == "1874-05-02"


@pytest.mark.parametrize(
    "languages, expected",
    [
        ('<language ident="fr">French</language>', "fr"),
        ('<language ident="de" usage="70">German</language><language ident="fr" usage="30">French</language>', "de"),
        ('<language ident="de" usage="50">German</language><language ident="fr" usage="50">French</language>', ""),
        ('<language ident="de">German</language><language ident="fr">French</language>', ""),
        ("", ""),
    ],
)
def test_main_language_of_the_header(languages, expected):
    assert sitemap.main_language(_header(f"<langUsage>{languages}</langUsage>")) == expected


def test_text_in_the_headers_language_while_the_site_keeps_its_own():
    root = _header('<langUsage><language ident="fr">French</language></langUsage>')
    shown = html.fromstring(Publisher().document_page(etree.tostring(root), "doc"))
    assert shown.xpath("string(/html/@lang)") == "en"  # the site's words
    assert shown.xpath("string(//section[@class='text']/@lang)") == "fr"
    assert shown.xpath("string(//header[@class='doc-header']/@lang)") == ""


@pytest.mark.parametrize("encoding", ["utf-8", "iso-8859-1", "utf-16"])
def test_a_page_links_its_mentions_whatever_the_files_encoding(encoding):
    tei = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<TEI xmlns="{T[1:-1]}"><teiHeader><fileDesc><titleStmt>'
        "<title>Café</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
        '</sourceDesc></fileDesc></teiHeader><text><body><p>At the <placeName ref="#s">Café Sóley</placeName>'
        "</p></body></text></TEI>"
    ).encode(encoding)
    shown = html.fromstring(Publisher().document_page(tei, "doc"))
    assert shown.xpath("string(//a[@id='m-s-1'])") == "Café Sóley"
    assert shown.xpath("//a[@id='m-s-1']/@href") == ["../places/s.html"]


def test_mention_links_of_every_shape_are_written_exactly():
    # one entry page (in a right-to-left language), several targets, a mention nested in another,
    # an external link: the exact markup each one gets (a guard for work on the entity template)
    tei = (
        f'<TEI xmlns="{T[1:-1]}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
        "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
        '<text><body><p><persName ref="#a" xml:lang="ar">A</persName> and <persName ref="#a https://example.org/a">'
        'B</persName> and <rs type="org" ref="#o"><persName ref="#a">C</persName> of O</rs> at '
        '<placeName ref="https://example.org/p">P</placeName></p>'
        '<listPerson><person xml:id="a"><persName>Ann Q</persName></person></listPerson></body></text></TEI>'
    ).encode()
    page = Publisher().document_page(tei, "doc").decode()
    assert (
        '<a class="ent ent-person" id="m-a-1" href="../persons/a.html" title="Ann Q" lang="ar" dir="rtl">A</a>' in page
    )
    assert '<a class="ent ent-person" id="m-a-2" href="../persons/a.html" title="Ann Q">B</a>' in page
    assert '<span class="ent ent-person" id="m-a-3" title="Ann Q">C</span>' in page
    assert '<a class="ent ent-link" href="https://example.org/p" rel="external">P</a>' in page


_JSON_LD_HEADER = """<teiHeader><fileDesc><titleStmt><title type="main">A / "quoted" &lt;title&gt;</title>
  <author><persName ref="#a">Tarvok   Ostrelin</persName></author><author>Second Author</author>
  <funder>Fund\\ation &amp; Co</funder>
  <respStmt><resp>Edition</resp><persName>Not A Translator</persName></respStmt>
  <respStmt><resp>Translation</resp><persName> Ilse
  Varn </persName><persName>Odo/Pell</persName></respStmt></titleStmt>
 <publicationStmt><publisher>P</publisher><idno type="URL">javascript:alert(1)</idno>
  <idno type="URL">https://example.org/doc/1?a=b&amp;c=d</idno><idno type="URL">https://example.org/2</idno></publicationStmt>
 <sourceDesc><msDesc><msIdentifier><repository>State\u00a0Archive  (SA)</repository></msIdentifier></msDesc></sourceDesc></fileDesc>
 <profileDesc><abstract><p>Talks <choice><sic>o</sic><corr>on</corr></choice> the <hi>quay</hi>&#9;and\u2028more</p></abstract>
  <langUsage><language ident="ru">Russian (original)</language><language ident="en&#9;x/&quot;y&lt;">English</language></langUsage>
 </profileDesc></teiHeader>"""
_JSON_LD_STANDOFF = """<standOff><listPerson><person xml:id="a"><persName>First</persName><persName type="preferred">Tarvok Ostrelin</persName>
  <idno type="wikidata">Q12</idno><idno type="viaf">12x</idno><idno type="geonames">\u0663\u0664</idno></person>
  <person xml:id="b"/></listPerson><listPlace><place xml:id="c"><placeName type="preferred">Port/Vask</placeName>
  <idno type="geonames">524901</idno><idno type="wikidata">Q1
</idno></place></listPlace><listOrg><org xml:id="d"><orgName type="preferred">Org "One"</orgName></org></listOrg></standOff>"""


@pytest.mark.parametrize(
    "tei",
    [
        f'<TEI xmlns="{T[1:-1]}">{_JSON_LD_HEADER}{_JSON_LD_STANDOFF}<text><body><p>x</p></body></text></TEI>',
        f'<teiCorpus xmlns="{T[1:-1]}">{_JSON_LD_HEADER}<TEI>{_JSON_LD_HEADER}<text><body><p>x</p></body></text></TEI></teiCorpus>',
        f'<TEI xmlns="{T[1:-1]}"><teiHeader/><text><body><p>x</p></body></text></TEI>',
    ],
)
def test_the_pages_json_ld_made_in_python_is_the_stylesheets_to_the_byte(tei):
    """teidoc.json_ld makes the page's JSON-LD instead of xslt/metadata.xsl's f:json-ld: the
    same text from the same header (escapes, first of several, preferred names, authority URLs)."""
    from tei_encoder.teidoc import json_ld

    publisher = Publisher()
    root = sitemap.annotate(parse_xml(data=tei.encode()).getroot())
    title, (date, _) = sitemap.document_title(root, "doc"), sitemap.document_date(root)
    xml = etree.tostring(root, encoding="unicode")
    made = json_ld(root, title, date)
    by_python = publisher._run(publisher._document, xml, doc_title=title, doc_date=date, doc_json_ld=made)
    by_stylesheet = publisher._run(publisher._document, xml, doc_title=title, doc_date=date)
    assert by_python == by_stylesheet
    assert made.encode() in by_python


def test_an_editions_override_of_what_the_json_ld_is_made_of_still_counts(tmp_path):
    """An edition's module may change a function the JSON-LD is made with (f:authority-url):
    then the stylesheet makes it, as before, not Python."""
    (tmp_path / "authority.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
        ' xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:f="urn:tei-encoder:functions">'
        '<xsl:function name="f:authority-url" as="xs:string?"><xsl:param name="type" as="xs:string"/>'
        '<xsl:param name="value" as="xs:string"/><xsl:sequence select="\'https://authority.example/\' || $value"/>'
        "</xsl:function></xsl:stylesheet>",
        encoding="utf-8",
    )
    tei = (
        f'<TEI xmlns="{T[1:-1]}">{_JSON_LD_HEADER}{_JSON_LD_STANDOFF}<text><body><p>x</p></body></text></TEI>'.encode()
    )
    assert b"https:\\/\\/authority.example\\/12x" in Publisher(overrides=tmp_path).document_page(tei, "doc")
    assert b"authority.example" not in Publisher().document_page(tei, "doc")


_STAND_OFF_TEI = (
    f'<TEI xmlns="{T[1:-1]}"><teiHeader><fileDesc><titleStmt><title>Gathering at Varnholt</title></titleStmt>'
    "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
    '<text><body><p>We met <persName ref="#p1">Orlen Duvik</persName> there.</p></body></text>'
    '<standOff><listPerson><person xml:id="p1"><persName>Orlen Duvik</persName></person></listPerson></standOff>'
    "{extra}</TEI>"
)


def test_the_stylesheets_copy_leaves_out_the_standoff_only_when_no_edition_module_may_read_it():
    """Without --xslt modules the document stylesheet reads the document without the root's
    standOff (only f:json-ld read it, and Python makes the JSON-LD then); with them, all of it;
    a standOff holding a text is always given; the tree itself is left as it was."""
    from tei_encoder.publish import _stylesheet_copy

    extra = (
        "<standOff><text><body><p>kept<note>a note the stylesheets number (//text//note)</note></p></body></text></standOff>"
        '<standOff><listPlace><place xml:id="x"><placeName>Varnholt</placeName></place></listPlace></standOff>'
    )
    root = sitemap.annotate(etree.fromstring(_STAND_OFF_TEI.format(extra=extra)))
    before = etree.tostring(root)
    whole, shortened = (etree.fromstring(_stylesheet_copy(root, whole=w)) for w in (True, False))
    assert etree.tostring(root) == before
    assert len(whole.findall(f"{T}standOff")) == 3
    assert [el.find(f".//{T}p").text for el in shortened.findall(f"{T}standOff")] == ["kept"]
    assert whole.find(f"{T}text") is not None and shortened.find(f"{T}text") is not None
    # a root that is no TEI shows all of its text on its page: nothing is left out of it
    other = etree.fromstring(f'<div xmlns="{T[1:-1]}"><p>x</p><standOff><p>shown</p></standOff></div>')
    assert _stylesheet_copy(other, whole=False) == etree.tostring(other, encoding="unicode")


def test_a_page_and_its_download_copy_are_written_again_only_when_their_bytes_change(tmp_path):
    """Re-publishing the same TEI with the same stylesheets and title leaves the page and the
    download copy alone (not even replaced by the same bytes); another title replaces the page
    alone; a changed TEI replaces both. (Issue 15: writing is a temporary file and a rename.)"""
    from tei_encoder.publish import write_document

    publisher, tei = Publisher(), _STAND_OFF_TEI.format(extra="").encode()
    write_document(tmp_path, publisher, "doc", tei)
    copy, page = tmp_path / "tei" / "doc.xml", tmp_path / "docs" / "doc.html"
    first = (copy.stat().st_ino, page.stat().st_ino)
    write_document(tmp_path, publisher, "doc", tei)
    assert (copy.stat().st_ino, page.stat().st_ino) == first
    write_document(tmp_path, Publisher(edition_title="Another Edition"), "doc", tei)
    assert copy.stat().st_ino == first[0] and page.stat().st_ino != first[1]
    assert b"Another Edition" in page.read_bytes()
    changed = tei.replace(b"there", b"twice")
    write_document(tmp_path, publisher, "doc", changed)
    assert copy.read_bytes() == changed and b"twice" in page.read_bytes()
    assert b"Another Edition" not in page.read_bytes()


def test_the_standoffs_unshown_text_is_what_the_xpath_selects():
    """publish._unshown_standoff_text (a walk that does not enter the entries) returns the text
    nodes the XPath of text outside person, place and org returns, in order: the standOff's own,
    heads', notes' and tails after entries, comments and instructions, none of the entries' own."""
    from tei_encoder.publish import _unshown_standoff_text
    from tei_encoder.tei import NSMAP

    stand_off = etree.fromstring(
        f'<standOff xmlns="{T[1:-1]}">before <listPerson><head>Folk of Varnholt</head>'
        "<person><persName>Orlen</persName><note>kept in</note></person> after one"
        "<!-- a remark --> after a comment<?mark a b?> after an instruction"
        "<listPerson><place><placeName>Brask</placeName></place><org>Guild</org>tail</listPerson></listPerson>"
        "<listAnnotation><note>an editor's <hi>note</hi> here</note></listAnnotation> end</standOff>"
    )
    xpath = "descendant::text()[not(ancestor::tei:person or ancestor::tei:place or ancestor::tei:org)]"
    expected = [str(text) for text in stand_off.xpath(xpath, namespaces=NSMAP)]
    assert _unshown_standoff_text(stand_off) == expected
    assert "Orlen" not in expected and "kept in" not in expected and " after a comment" in expected


def test_links_the_input_carries_in_our_publishing_namespace_are_never_followed():
    """Only publish annotates (pub:href is where a mention links): TEI from elsewhere that carries such
    attributes — a copy of an annotated document, or a forged link — has them dropped and is told so."""
    tei = (
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:x="{sitemap.PUB_NS}"><teiHeader><fileDesc>'
        "<titleStmt><title>Forged</title></titleStmt><publicationStmt><p>p</p></publicationStmt>"
        "<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>"
        '<p>We met <persName x:href="https://attacker.example/">Someone Odd</persName> there.</p>'
        "</body></text></TEI>"
    ).encode()
    page, warnings = Publisher().render_document(tei, "forged")
    assert b"attacker.example" not in page
    assert b"Someone Odd" in page
    assert any(sitemap.PUB_NS in w for w in warnings)


def test_a_dropped_block_whose_words_recur_elsewhere_is_reported(tmp_path):
    """An edition's stylesheet that drops a paragraph every word of which the page shows in other
    paragraphs: the lost occurrences are counted (a multiset, not "appears at all"), and publish
    warns naming the file, the dropped element's line and the words; the shipped stylesheets lose none."""
    tei = tmp_path / "minutes.xml"
    tei.write_text(
        f'<TEI xmlns="{T[1:-1]}"><teiHeader><fileDesc><titleStmt><title>Minutes</title></titleStmt>'
        "<publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc>"
        "</fileDesc></teiHeader><text><body>\n"
        "<p>We spoke of the quay and we agree on the tolls.</p>\n"
        '<p rend="x">We agree.</p>\n'
        "<p>The envoys agree that we meet again.</p>\n"
        "</body></text></TEI>",
        encoding="utf-8",
    )
    xslt = tmp_path / "xslt"
    xslt.mkdir()
    (xslt / "drop.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
        ' xmlns:tei="http://www.tei-c.org/ns/1.0"><xsl:template match="tei:p[@rend=\'x\']"/></xsl:stylesheet>',
        encoding="utf-8",
    )
    root = parse_xml(tei).getroot()
    page = Publisher(overrides=xslt).document_page(tei.read_bytes(), "minutes")
    assert missing_words(root, page) == (Counter({"We": 1, "agree": 1}), Counter({"We": 1, "agree": 1}))
    result = CliRunner().invoke(
        main, ["publish", str(tei), "-o", str(tmp_path / "site"), "--xslt", str(xslt), "--no-search"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "minutes.xml: warning: 2 words of the text are not shown on the page; the first is in <p> at line 3: We, agree"
        in result.output
    )
    shipped = Publisher().document_page(tei.read_bytes(), "minutes")
    assert missing_words(root, shipped) == (Counter(), Counter())
