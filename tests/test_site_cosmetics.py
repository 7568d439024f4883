"""What readers of other projects' TEI saw (#15): lists typed or rendered as bulleted or numbered
show their bullets and numbers (HTML ol/ul, edition.css); an entry page's map names its place; a
map with no place to draw is a sentence, not a bare grid; a place beyond the plate's latitudes is
drawn. Constructed TEI in our own wording."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from lxml import html

from tei_encoder.cli import main
from tei_encoder.publish import Publisher

NS = "http://www.tei-c.org/ns/1.0"


def _tei(body: str, places: str = "") -> str:
    stand_off = f"<standOff><listPlace>{places}</listPlace></standOff>" if places else ""
    return f"""<TEI xmlns="{NS}"><teiHeader><fileDesc><titleStmt><title>Lists and places</title></titleStmt>
<publicationStmt><p>Constructed</p></publicationStmt><sourceDesc><p>Constructed</p></sourceDesc></fileDesc></teiHeader>
<text><body>{body}</body></text>{stand_off}</TEI>"""


def _lists(page: bytes) -> list:
    return html.fromstring(page).xpath(
        '//*[@data-tei-region="text"]//div[contains(concat(" ", @class, " "), " tei-list ")]'
    )


@pytest.mark.parametrize(
    ("attributes", "tag", "kind"),
    [
        ('type="bulleted"', "ul", "list-bulleted"),
        ('rend="bulleted"', "ul", "list-bulleted"),
        ('rend="bullets"', "ul", "list-bulleted"),
        ('type="ordered"', "ol", "list-ordered"),
        ('rend="numbered"', "ol", "list-ordered"),
        ('type="simple" rend="Numbered inline"', "ol", "list-ordered"),  # any of its words, any case
        ('type="gloss"', "ul", None),
        ("", "ul", None),
    ],
)
def test_a_list_is_numbered_or_bulleted_as_its_type_or_rend_says(attributes, tag, kind):
    page, _ = Publisher().render_document(
        _tei(f"<list {attributes}><item>Oats</item><pb n='2'/><item>Barley</item></list>").encode(), "lists"
    )
    (div,) = _lists(page)
    assert [child.tag for child in div] == [tag]
    classes = div.get("class").split()
    assert (kind in classes) if kind else not [c for c in classes if c.startswith("list-")]
    if tag == "ol":  # the page break between the items is no numbered item
        assert [li.get("value") for li in div[0]] == ["1", None, "2"]


def test_a_numbered_list_with_its_own_labels_is_not_numbered_twice():
    body = "<list type='ordered'><label>(a)</label><item>Oats</item><label>(b)</label><item>Barley</item></list>"
    page, _ = Publisher().render_document(_tei(body).encode(), "lists")
    (div,) = _lists(page)
    assert div[0].tag == "ul" and "list-ordered" not in div.get("class").split()


def _publish(tmp_path, places: str, body: str):
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "doc.xml").write_text(_tei(body, places), encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(tei), "-o", str(site), "--no-search"])
    assert result.exit_code == 0, result.output
    return site


LAKEVIEW = '<place xml:id="lakeview"><placeName>Lakeview</placeName><location><geo>59.91 10.75</geo></location></place>'
ICEHUT = (
    '<place xml:id="icehut"><placeName>Icehut Station</placeName><location><geo>-77.85 166.67</geo></location></place>'
)


def test_an_entry_page_map_names_its_place(tmp_path):
    site = _publish(tmp_path, LAKEVIEW, '<p>We met in <placeName ref="#lakeview">Lakeview</placeName>.</p>')
    page = html.parse(str(site / "places" / "lakeview.html")).getroot()
    (svg,) = page.xpath("//figure[contains(@class, 'map-small')]/*[local-name() = 'svg']")
    assert "Lakeview" in svg.get("aria-label")
    assert [t.text for t in svg.xpath(".//*[local-name() = 'text']")] == ["Lakeview"]


def test_a_place_beyond_the_plate_is_drawn_not_left_as_a_bare_grid(tmp_path):
    site = _publish(tmp_path, ICEHUT, '<p>The hut at <placeName ref="#icehut">Icehut</placeName>.</p>')
    page = html.parse(str(site / "places.html")).getroot()
    svg = page.xpath("//figure[contains(@class, 'map')]/*[local-name() = 'svg']")[0]
    (circle,) = svg.xpath(".//*[local-name() = 'a'][contains(@class, 'map-place')]/*[local-name() = 'circle']")
    x0, y0, w, h = map(float, svg.get("viewbox").split())
    assert y0 <= float(circle.get("cy")) <= y0 + h and x0 <= float(circle.get("cx")) <= x0 + w


@pytest.mark.parametrize(("lat", "lon"), [("", ""), ("NaN", "10"), ("95", "10"), ("10", "INF")])
def test_a_map_with_no_place_to_draw_is_a_sentence(lat, lon):
    register = (
        f'<register kind="place"><entity ref="#p" slug="p" page="places/p.html" name="Nowhere" lat="{lat}"'
        f' lon="{lon}" docs="1" mentions="1"/></register>'
    )
    page = html.fromstring(Publisher().register_page(register))
    assert not page.xpath("//*[local-name() = 'svg']")
    assert page.xpath("//p[@class = 'map-none']/text()") == ["No place here has a known position, so there is no map."]
