"""The edition site as a reader tries it (#15, F13), each a kind of defect, on constructed records
in our own wording (tests/fixtures/tei/readings_names.xml):

- reference marks and their entries reach each other both ways, by keyboard: a reading's letter
  or a note's number inside a link (a mention, a reference) was plain text or a link inside a
  link; the entries of the list of readings had no way back to their place in the text;
"""

import pytest
from click.testing import CliRunner
from conftest import ROOT
from lxml import html
from test_publish_readings import phone_page
from test_site_s13_f1 import nu_valid

from tei_encoder import teidoc
from tei_encoder.cli import main

RECORD = ROOT / "tests" / "fixtures" / "tei" / "readings_names.xml"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("f13") / "site"
    result = CliRunner().invoke(main, ["publish", str(RECORD), "-o", str(out), "--no-search"])
    assert result.exit_code == 0, result.output
    return out


def _page(site, path: str):
    return html.parse(str(site / path)).getroot()


# --- reference marks and their entries, both ways ---


def test_every_mark_and_its_entry_link_each_other_outside_any_other_link(site):
    page = _page(site, "docs/readings_names.html")
    assert not page.xpath("//a//a"), "a link inside a link"
    marks = page.xpath("//section[@class='text']//sup[@class='rdg-ref' or @class='fn-ref']")
    # the reading inside Mira Vell's link, the note inside Grauhafen's, the apparatus entry
    assert len(marks) == 3
    ids = set(page.xpath("//@id"))
    for mark in marks:
        link = mark.find("a")
        assert link is not None and link.get("id") and link.get("href", "").startswith("#"), html.tostring(mark)
        assert not mark.xpath("ancestor::a")
        entry = page.xpath(f"//li[@id='{link.get('href')[1:]}']")[0]
        back = entry.xpath(f".//a[@href='#{link.get('id')}']")
        assert len(back) == 1 and back[0].get("aria-label"), html.tostring(entry)
        assert link.get("id") in ids
    # the letter follows the name's link, which keeps the whole name
    mention = page.xpath("//a[@id='m-p-vell-1']")[0]
    assert " ".join(mention.text_content().split()) == "Mira Vel"
    assert mention.getnext().get("class") == "rdg-ref"
    # the spoken names are the site's words (UI strings)
    assert page.xpath("//a[@class='rdg-back']/@aria-label")[0] == "Back to the text of reading a"
    nu_valid([site / "docs" / "readings_names.html"])


@pytest.mark.browser
def test_a_mark_inside_a_name_is_a_stop_of_its_own_and_its_entry_leads_back(site):
    with phone_page() as page:
        page.goto((site / "docs" / "readings_names.html").as_uri())
        page.focus("#m-p-vell-1")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "rdgref-1"
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#rdg-1'")
        # on from the entry by keyboard: its link back is the next stop
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "rdg-back"
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#rdgref-1'")
        box = page.locator("#rdgref-1").bounding_box()
        assert box is not None and box["y"] + box["height"] > 0 and box["y"] < 640
        # the note inside a place's link: a stop of its own after the name, and back from its note
        page.focus("#m-pl-hafen-1")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "fnref-1"
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#fn-1'")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "fn-back"


# --- a name's and a sentence's own language on the register and entry pages ---


def test_a_names_own_language_is_kept_on_registers_entry_pages_and_the_document(site):
    doc = _page(site, "docs/readings_names.html")
    assert doc.xpath("//a[@id='m-p-orlov-1']/@lang") == ["ru"]
    assert doc.xpath("//a[@id='m-pl-river-1']/@lang") == ["zh"]
    persons = _page(site, "persons.html")
    assert persons.xpath("//li[@id='p-orlov']/a[@class='entry-name']/@lang") == ["ru"]
    # a name the documents give no language of its own keeps none of its own
    assert persons.xpath("//li[@id='p-vell']/a[@class='entry-name']/@lang") == []
    places = _page(site, "places.html")
    assert places.xpath("//li[@id='pl-river']/a[@class='entry-name']/@lang") == ["zh"]
    entry = _page(site, "places/pl-river.html")
    assert entry.xpath("//h1/@lang") == ["zh"]
    assert entry.xpath("//ol[@class='kwic']//a[@class='mention']/@lang") == ["zh"]
    orlov = _page(site, "persons/p-orlov.html")
    mention = orlov.xpath("//ol[@class='kwic']//a[@class='mention']")[0]
    assert mention.get("lang") == "ru" and mention.text_content() == "Пётр Орлов"
    # Mira Vell's page lists Pyotr Orlov with her, in his name's language
    vell = _page(site, "persons/p-vell.html")
    assert vell.xpath("//ul[@class='co-mentioned']//a[contains(@href, 'p-orlov')]/@lang") == ["ru"]
    # the French sentence is quoted as French, the English one in its document's language
    sentences = vell.xpath("//ol[@class='kwic']/li")
    assert [li.get("lang") for li in sentences] == [None, "fr"]
    assert sentences[0].getparent().get("lang") == "en"
    nu_valid(
        [
            site / "persons.html",
            site / "places.html",
            site / "persons" / "p-orlov.html",
            site / "persons" / "p-vell.html",
        ]
    )


def test_a_right_to_left_name_and_sentence_take_their_direction(tmp_path):
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "envoys.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc><titleStmt><title>Envoys</title>'
        "</titleStmt><publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc>"
        "</fileDesc></teiHeader><standOff><listPerson><person xml:id='p-sami'><persName xml:lang='ar'>سامي نور</persName>"
        "</person></listPerson></standOff><text><body><p>The envoy <persName ref='#p-sami' xml:lang='ar'>سامي نور</persName>"
        " arrived late.</p><p xml:lang='he'>השליח <persName ref='#p-sami'>סאמי</persName> הגיע.</p></body></text></TEI>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(tmp_path / "site"), "--no-search"])
    assert result.exit_code == 0, result.output
    entry = _page(tmp_path / "site", "persons/p-sami.html")
    assert entry.xpath("//h1/@lang") == ["ar"] and entry.xpath("//h1/@dir") == ["rtl"]
    first, second = entry.xpath("//ol[@class='kwic']/li")
    name = first.xpath("a[@class='mention']")[0]
    assert (name.get("lang"), name.get("dir")) == ("ar", "rtl") and first.get("lang") is None
    # a Hebrew sentence of an English record: its language and direction; the name in it is the sentence's
    assert (second.get("lang"), second.get("dir")) == ("he", "rtl")
    assert second.xpath("a[@class='mention']/@lang") == []
    nu_valid([tmp_path / "site" / "persons" / "p-sami.html"])


def test_a_context_keeps_its_languages_in_the_build_state():
    context = teidoc.KeywordInContext("Le capitaine ", "Пётр", " est là.", "fr", "ru")
    assert teidoc.KeywordInContext.from_json(context.to_json()) == context
    plain = teidoc.KeywordInContext("The ", "tug", ".")
    assert plain.to_json() == {"before": "The ", "keyword": "tug", "after": "."}


# --- an entity named only in a reading the page does not print ---


def test_an_entity_named_only_in_an_unprinted_reading_is_listed_and_linked_to_the_reading(site):
    persons = _page(site, "persons.html")
    line = persons.xpath("//li[@id='p-tarn']")[0]
    assert line.xpath("a/@href") == ["persons/p-tarn.html"]
    assert "named only in readings the text does not print (1 document)" in line.text_content()
    entry = _page(site, "persons/p-tarn.html")
    said = entry.xpath("//li[@class='backlink']/p[@class='in-reading']")
    assert len(said) == 1 and said[0].text_content().startswith("Named only in a reading the text does not print")
    (link,) = said[0].xpath("a")
    assert link.get("href") == "../docs/readings_names.html#rdg-2" and link.text_content() == "Reading b"
    # the link leads to the reading's entry that names him
    doc = _page(site, "docs/readings_names.html")
    assert "Ivo Tarn" in doc.xpath("//li[@id='rdg-2']")[0].text_content()
    # no sentence of a mention the page does not have, no anchor that does not exist
    assert not entry.xpath("//ol[@class='kwic']") and not entry.xpath("//a[contains(@href, '#m-p-tarn')]")
    nu_valid([site / "persons.html", site / "persons" / "p-tarn.html"])


def test_a_reading_only_document_is_listed_beside_the_ones_that_print_the_name(tmp_path):
    tei = tmp_path / "tei"
    tei.mkdir()
    people = (
        "<standOff><listPerson><person xml:id='p-lund'><persName>Edda Lund</persName></person>"
        "<person xml:id='p-mast'><persName>Kai Mast</persName></person></listPerson></standOff>"
    )

    def record(name: str, body: str) -> None:
        (tei / f"{name}.xml").write_text(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc><titleStmt>'
            f"<title>{name}</title></titleStmt><publicationStmt><p>Constructed.</p></publicationStmt><sourceDesc>"
            f"<p>None.</p></sourceDesc></fileDesc></teiHeader>{people}<text><body>{body}</body></text></TEI>",
            encoding="utf-8",
        )

    record("printed", "<p>The lock keeper <persName ref='#p-lund'>Edda Lund</persName> opened the gate.</p>")
    # the regularised side of a choice and a second apparatus entry: two readings name her
    record(
        "variant",
        "<p><persName ref='#p-mast'>Kai Mast</persName> met <choice><orig>the keeper</orig><reg><persName "
        "ref='#p-lund'>Edda Lund</persName></reg></choice> at the <app><lem>gate</lem><rdg wit='#B'>house of "
        "<persName ref='#p-lund'>Edda Lund</persName></rdg></app>.</p>",
    )
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(tmp_path / "site"), "--no-search"])
    assert result.exit_code == 0, result.output
    persons = _page(tmp_path / "site", "persons.html")
    assert "2 documents, 1 mention" in persons.xpath("//li[@id='p-lund']")[0].text_content()
    entry = _page(tmp_path / "site", "persons/p-lund.html")
    docs = entry.xpath("//li[@class='backlink']")
    assert len(docs) == 2
    printed, variant = sorted(docs, key=lambda li: li.xpath("string(p/a/@href)"))
    assert printed.xpath("ol[@class='kwic']/li") and not printed.xpath("p[@class='in-reading']")
    assert variant.xpath("p[@class='in-reading']/a/@href") == [
        "../docs/variant.html#rdg-1",
        "../docs/variant.html#rdg-2",
    ]
    # not "mentioned with" Kai Mast: the page never prints her beside him
    assert not entry.xpath("//ul[@class='co-mentioned']//a[contains(@href, 'p-mast')]")
    nu_valid([tmp_path / "site" / "persons" / "p-lund.html"])


def test_a_summary_keeps_reading_only_names_and_name_languages():
    from lxml import etree

    root = etree.parse(str(RECORD)).getroot()
    summary = teidoc.summarize(root, "readings_names")
    assert summary.mentions["p-tarn"] == 0 and summary.readings == {"p-tarn": [2]}
    assert summary.entities["p-tarn"].name == "Ivo Tarn"
    assert summary.name_langs["p-orlov"] == {"Пётр Орлов": "ru"} and summary.name_langs["pl-river"] == {"白河": "zh"}
    again = teidoc.DocumentSummary.from_json(summary.to_json())
    assert (again.readings, again.name_langs, again.contexts) == (
        summary.readings,
        summary.name_langs,
        summary.contexts,
    )


def test_the_example_template_for_mentions_keeps_the_marks_out_of_its_links(tmp_path):
    """The template `init` puts in place for an edition's mentions (commented out) does as the
    shipped one: the marks inside a mention follow its link, in every page kind it compiles in."""
    from tei_encoder.publish import Publisher

    example = (ROOT / "tei_encoder" / "data" / "edition" / "edition.xsl").read_text(encoding="utf-8")
    start = example.index('  <xsl:template match="*[@pub:link]">')
    opened, closed = example.rindex("<!--", 0, start), example.index("-->", start)
    (tmp_path / "edition.xsl").write_text(example[:opened] + example[start:closed] + example[closed + 3 :])
    publisher = Publisher(overrides=tmp_path)
    page = html.fromstring(publisher.document_page(RECORD.read_bytes(), "readings_names"))
    assert not page.xpath("//a//a")
    assert page.xpath("//a[@id='m-p-vell-1']")[0].getnext().get("class") == "rdg-ref"
    assert page.xpath("//a[@id='m-pl-hafen-1']")[0].getnext().get("class") == "fn-ref"
    publisher.register_page('<register kind="person"/>')
