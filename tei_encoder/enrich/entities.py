"""Names and dates -> persName, placeName, orgName, date, each linked to one entity.

How a mention is found, in order of trust:
  1. a name form listed in the authority files (all forms of one entity share its xml:id);
  2. a place in the GeoNames gazetteer (countries, large cities), with its GeoNames id;
  3. rules for the shapes archival prose gives names: title + name ("President Dorticos"),
     initials + surname ("A.I. Mikoyan"), speaker labels, signatures, participant lists —
     these get an entry of their own in the document's standOff;
  4. a near-miss of a known surname ("Kuydryavstev"), linked as choice/sic/corr.
Adjectives and demonyms are never names: only listed forms and name shapes are matched.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import compress
from operator import itemgetter
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from ..authority import Authority, AuthorityEntry
from ..dates import (
    MONTHS,
    ORDINAL_WORDS,
    WEEKDAY_BEFORE,
    DateMatch,
    dotted_order,
    find_dates,
    iso_day,
    slash_order,
    slashed_order,
)
from ..gazetteer import Place, capital_names, gazetteer_link_rules, gazetteer_places, gazetteer_towns
from ..letters import CAPS_REST, LETTER_OR_MARK, LOWER, UPPER
from ..model import Document, Entity, Node
from ..tei import ENTITY_KINDS, MENTION_TAGS
from .editorial import NOTE_ON_INITIALS
from .names import (
    INITIAL,
    abbreviated_given_names,
    abbreviated_given_names_before_capitals,
    address_line_words,
    body_abbreviations,
    body_name_continuations,
    body_ranks,
    body_title_words,
    body_wordings,
    document_nouns,
    east_asian_shape,
    fold,
    formation_words,
    heads_after_a_word,
    heads_before_a_state,
    kin_nouns_before_given_names,
    legislature_short_forms,
    letterhead_offices,
    lower_case_bodies_after_a_state,
    not_body_abbreviations,
    numbered_meeting_words,
    office_names,
    organisation_head_words,
    paper_cues,
    plural_region_nouns,
    production_unit_words,
    romance_body_heads,
    romance_body_pattern,
    seat_head_words,
    short_forms,
    spelling_variants,
    state_organ_names,
    title_pattern,
    trie_regex,
    vocabulary,
    works_book_words,
)
from .record_state import addressed_ministry, after_other_addressees, record_state, record_state_rules
from .shared_names import date_span, reading, shared_names, whole_country
from .walk import last_words_start, rewrite_text

TAGS = {k.kind: k.mention for k in ENTITY_KINDS}  # entity kind -> mention element
# A token: an initial ("V.", "Yu."), the last letter of dotted initials that end the string ("at the U.N.":
# its full stop is the initial's too), or a word (a possessive "'s" is not part of the name: "Cuba's ties"
# mentions Cuba). Written to begin with the letter every token begins with, so that the scan skips the
# characters between words at once; the initial's forms are tried only where a full stop follows the letter
# or the next one (elsewhere the word's form is taken at once). The same matches as the plain alternation:
#   (?:Ye|Yu|Ya|Yo|Zh|Ch|Sh|Kh|Ts|YE|YU|YA|YO|ZH|KH|TS|L)\.(?=\s?L) | (?<=L\.)L\.(?=\s*$|[,;:)\]]) | L+(?:[-'’](?![sS]\b)H L+)*
#   (H: _HYPHEN_SUFFIX)
# (L a letter, [^\W\d_]; tests/test_fast_paths.py holds it and compares the two)
_LETTER = r"[^\W\d_]"
# a lower-case word joined by a hyphen that makes an adjective of the name before it ("Syngman Rhee-like",
# "Moscow-backed"): a word of its own, so the name before it is found
_HYPHEN_SUFFIX = r"(?!(?:like|style|type|led|backed|based|era)\b)"
_TOKEN = re.compile(
    rf"{_LETTER}(?:(?=\w?\.)(?:"
    rf"[eEuUaAoOhHsS](?<=Ye|Yu|Ya|Yo|Zh|Ch|Sh|Kh|Ts|YE|YU|YA|YO|ZH|KH|TS)\.(?=\s?{_LETTER})"  # "Yu."
    rf"|\.(?=\s?{_LETTER})"  # "V."
    rf"|(?<={_LETTER}\.{_LETTER})\.(?=\s*$|[,;:)\]])"  # the "N." of "U.N." ending the string or before ","
    rf")|{_LETTER}*+(?:[-'’](?![sS]\b){_HYPHEN_SUFFIX}{_LETTER}++)*+)"  # a word (possessive: nothing to give back)
)
_NAME_TOKEN = rf"[{UPPER}][\w'’-]*"
_CAPITAL = re.compile(rf"[{UPPER}]")  # what begins a name to the name rules (_NAME_TOKEN, INITIAL, _CAP_WORD…)
_IS_INITIAL = re.compile(rf"(?:{INITIAL}){{1,3}}")  # "V.", also run together: "V.H."
# every initial (INITIAL: a capital, maybe a lowercase letter, a full stop) matches this: a string without
# one skips the three scans for names with initials
# (found from its full stop, a fast literal scan, then the one or two characters before it read back:
# whether it matches says the same as a search of "[{UPPER}][a-z]?\." but tries far fewer positions)
_MAY_HOLD_INITIAL = re.compile(rf"\.(?:(?<=[{UPPER}]\.)|(?<=[{UPPER}][a-z]\.))")
_POSSESSIVE = re.compile(r"['’]s?$")
_POSSESSIVE_END = re.compile(r"(?<=\w)['’]s$")  # "Chengzhi’s": a word and its possessive
# (a capital may go on after a hyphen: "Dei-Anang", "Ould-Daddah")
_SURNAME = rf"(?:[{UPPER}][{LOWER}'’-]+(?:(?<=-)[{UPPER}][{LOWER}'’-]+)*|[{UPPER}]{{2}}[{CAPS_REST}'’-]*)"
# the first initial written out so that the pattern begins with a capital (a fast scan); same matches as
# (?<![\w./])(?:INITIAL\s?){1,3}... (after a slash: a file code's part, "Pf-444/D.ZSRR/84")
_FIRST_INITIAL = rf"[{UPPER}](?<![\w./][{UPPER}])(?:(?<=Y)[euaoEUAO]|(?<=[ZCSKTP])h|(?<=[ZK])H|(?<=T)[sS]|(?<=G)y|(?<=S)z|(?<=C)s)?\."
# (the surname is no initial of two letters: "R. Ya." are initials, "Ya." no surname)
# after an initial and a listed given name ("J. John"), the given name's own initials and the surname
_INITIALS_SURNAME_AFTER = re.compile(rf"(?:\s?{INITIAL}){{1,2}}\s?(?P<surname>{_SURNAME})(?![\w’'-])")
_INITIALS_NAME = re.compile(
    rf"{_FIRST_INITIAL}\s?(?:{INITIAL}\s?){{0,2}}(?!{INITIAL}){_SURNAME}(?:\s+[{UPPER}][{LOWER}'’-]+)?"
)
# "Kozlov, F. R." — a surname, a comma, initials, and no capitalised word or initial after them ("U." of "U.S.");
# two initials run together may have a capitalised word after them ("Ratanov, A.P. Original No. 255", a
# signature before a file's line: the listed abbreviations, "Kissinger, U.S. Secretary", are kept out by the scan)
_INVERTED_NAME = re.compile(
    rf"(?P<name>[{UPPER}](?<![\w.][{UPPER}])(?:[{LOWER}'’-]+|[{UPPER}][{CAPS_REST}'’-]*),\s(?:{INITIAL}\s?){{1,3}})(?!(?<![{UPPER}]\.[{UPPER}]\.)\s?[{UPPER}][{LOWER}])(?![{UPPER}]\.)"
)
# "EL HAZAA, Achmed": a surname in capitals with its particle (EL, AL: names.json particles), a comma, the given name
_PARTICLE_CAPS_COMMA_GIVEN = re.compile(
    rf"(?<![\w.’'-])(?:{'|'.join(sorted(p.upper() for p in vocabulary().particles))})[ -][{UPPER}][{CAPS_REST}'’-]+, (?P<given>[{UPPER}][{LOWER}]+)(?![\w’'-]| [{UPPER}(\[])"
)
# what every match of _PARTICLE_CAPS_COMMA_GIVEN holds, as a pattern that begins with the particles' letters (no
# lookbehind first: the scan skips to those letters at once): a string without it is not scanned by the full pattern
_PARTICLE_CAPS_CUE = re.compile(rf"(?:{'|'.join(sorted(p.upper() for p in vocabulary().particles))})[ -][{UPPER}]")
# "Eskandary, Iradj, Member of ...": a surname, a comma, a given name written out, then no other name word
_SURNAME_COMMA_GIVEN = re.compile(
    rf"(?P<surname>[{UPPER}](?<![\w.’'-][{UPPER}])[{LOWER}'’-]+), (?P<given>[{UPPER}][{LOWER}]+)(?![\w’'-]| [{UPPER}(\[])"
)
# "Pak, Tong-Jin": (an East Asian family name,) a comma, a given name of two syllables joined by a hyphen, then
# no other name word (the scan looks for the comma; the family name before it is read back)
_COMMA_GIVEN = re.compile(rf", (?P<given>[{UPPER}][{LOWER}]+-[{LETTER_OR_MARK}][{LOWER}]+)(?=[,;:)]|\s+[a-z(\[]|\s*$)")
# "Shcherbakov I.S.", "Puzanov A. M.": a Russian document's surname, then two or three initials
_SURNAME_THEN_INITIALS = re.compile(
    rf"(?P<surname>[{UPPER}](?<![\w.][{UPPER}])[{LOWER}'’-]+) (?P<initials>(?:{INITIAL} ?){{1,2}}{INITIAL})(?!\s?[{UPPER}][{LOWER}])"
)
# "Alexei N. Kosygin", "Ödön Kéri", "Walter B. Smith": a given name the vocabulary lists, then a surname
# (a lookahead, so that "Then Alexei N. Kosygin" is tried at "Then" and again at "Alexei")
# a Russian patronymic between them belongs to the name: "Iosif Vissarionovich STALIN"
_PATRONYMIC = rf"[{UPPER}][{LOWER}]+(?:vich|vych|vna|ich|ichna)"
# an Arabic surname may begin with its article joined by a hyphen ("Hafez al-Assad"); _name_run keeps it
# only when the article is a listed particle (names.json particles)
_GIVEN_NAME = re.compile(
    rf"(?<![\w.])(?=(?P<all>(?P<given>[{UPPER}][{LOWER}]+)\s+(?:{_PATRONYMIC}\s+)?(?:{INITIAL}\s?){{0,2}}(?:[a-z]{{2,3}}-(?=[{UPPER}]))?{_SURNAME}))"
)
# Mongolian patronymic in the genitive before the name: "Tsevelmaagiyn Dash", "Yumjaagiin Tsedenbal"
# Patterns begin with the capital's character class, so that the scan skips other positions fast;
# the lookbehind after it checks the character before the capital.
_AFTER_BOUNDARY = rf"(?<![\w.’'-][{UPPER}])"
_RUN_WORD = re.compile(rf"[{UPPER}]{_AFTER_BOUNDARY}[\w’'-]*")
_CAPS_WORD = re.compile(rf"[{UPPER}]{_AFTER_BOUNDARY}[{UPPER}]+(?![\w’'-])")
_CAP_WORD = re.compile(rf"[{UPPER}]{_AFTER_BOUNDARY}[{LOWER}]+(?:-[{LOWER}]+)*")
_FAMILY_BEFORE_GIVEN = re.compile(rf"(?P<family>[{UPPER}]{_AFTER_BOUNDARY}[{LOWER}]+)\s$")
_MONGOLIAN_NAME = re.compile(rf"(?<![\w.])[{UPPER}][{LOWER}]+(?:iin|iyn|yn|ijn|ijin)\s+[{UPPER}][{LOWER}]+")
# Capitalised runs of two or three words: candidates for East Asian names checked by shape
_CAP_RUN = re.compile(rf"[{UPPER}]{_AFTER_BOUNDARY}[\w’'-]*(?:\s[{UPPER}][\w’'-]*){{1,2}}")
# Capitalised words that start sentences or name institutions, never a person's name.
_NOT_NAMES = frozenset(
    [
        "the",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "we",
        "they",
        "it",
        "i",
        "you",
        "his",
        "her",
        "our",
        "their",
        "there",
        "here",
        "in",
        "on",
        "at",
        "of",
        "for",
        "and",
        "but",
        "government",
        "council",
        "committee",
        *("comittee", "commitee"),  # misspelt in translations ("the Central Comittee of ...")
        "ministry",
        "party",
        "republic",
        "state",
        "states",
        "embassy",
        "army",
        "navy",
        "soviet",
        "american",
        "cuban",
        "chinese",
        "british",
        "french",
        "german",
        "union",
        "people",
        "people's",
        "national",
        "central",
        "foreign",
        "affairs",
        "minister",
        "president",
        "comrade",
        "comrades",
        "ambassador",
        "secretary",
        "general",
        "chairman",
        "premier",
        "mr",
        "mrs",
        "ms",
        "dr",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "after",
        "before",
        "during",
        "since",
        "when",
        "while",
        "if",
        "as",
        "with",
        "from",
        "to",
        "by",
        "about",
        "however",
        "also",
        "moreover",
        "furthermore",
        "then",
        "political",
        "military",
        "economic",
        "international",
        "socialist",
        "communist",
        "western",
        "eastern",
        "northern",
        "southern",
        "west",
        "east",
        "north",
        "south",
        "prime",
        "deputy",
        "first",
        "vice",
        "delegation",
        "conference",
        "declaration",
        "statement",
        "top",
        "secret",
        "copy",
        "record",
        "memorandum",
        "conversation",
        "telegram",
        "letter",
        "note",
        "notes",
        "minutes",
        "report",
        "agenda",
        "present",
        "participants",
        "item",
        "items",
        "said",
    ]
)
_OPAQUE_FOR_ENTITIES = frozenset({"foreign", "gap", "pb", "lb", "idno", *MENTION_TAGS, "date", "ptr", "ref", "desc"})


@lru_cache(maxsize=65536)
def norm(token: str) -> str:
    """A token's comparison key: accents removed, case folded, curly apostrophe straightened,
    trailing full stop dropped ("Dorticós" and "DORTICOS" meet).
    """
    return _without_accents(token).casefold().replace("’", "'").rstrip(".")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")  # every combining mark is one of these


def _without_accents(text: str) -> str:
    """`text` with its diacritics removed, case kept ("KSČ" -> "KSC"): decomposed (NFKD), its combining
    marks dropped. Each distinct mark is removed by one replace over the text, not a test per character
    (the record's whole text is read so once per record)."""
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    for c in set(_NON_ASCII.findall(decomposed)):
        if unicodedata.combining(c):
            decomposed = decomposed.replace(c, "")
    return decomposed


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, word) of every word and initial in text (cached: each string is read by several passes)."""
    return tuple([(m.start(), m.end(), m[0]) for m in _TOKEN.finditer(text)])  # (a list first: faster)


@lru_cache(maxsize=4096)
def _token_keys(
    text: str,
) -> tuple[tuple[tuple[int, int, str], ...], tuple[str, ...], tuple[bool, ...], tuple[int, ...]]:
    """tokens(text), each token's comparison key (norm), whether it is capitalised, and the indexes of the
    capitalised tokens, in order. Cached with the tokens: a record repeats strings, and the name pass reads
    every string. (Made by maps in C: a step of Python per token costs the name pass more than its lookups.)"""
    toks = tokens(text)
    words = list(map(_WORD_OF, toks))
    caps = list(map(str.isupper, map(_FIRST_LETTER, words)))
    if "l-" in text:  # "al-Azhari", a surname with its particle joined in lower case, begins a name too
        caps = [c or (w[2:3] == "-" and w[3:4].isupper() and w[:2] in ("al", "el")) for c, w in zip(caps, words)]
    if "-" in text and any(map(text.__contains__, _HYPHENED_PREFIXES)):  # "post-Moscow" after a prefix (few strings)
        caps = [c or _after_hyphen_prefix(w) is not None for c, w in zip(caps, words)]
    return toks, tuple(map(norm, words)), tuple(caps), tuple(compress(range(len(caps)), caps))


_HYPHEN_PREFIXES = gazetteer_link_rules().hyphen_prefixes  # "post" of "post-Moscow" (gazetteer.json)
_LOWER_CASE_FEATURES = gazetteer_link_rules().lower_case_features  # "Peninsula" of "the Korean peninsula"
_HYPHENED_PREFIXES = tuple(f"{p}-" for p in _HYPHEN_PREFIXES)  # each with its hyphen, made once: "post-"


def _after_hyphen_prefix(word: str) -> int | None:
    """Where the capitalised name after a lower-case prefix and its hyphen begins in `word` ("post-Moscow":
    5; gazetteer.json hyphen_prefixes), or None when `word` has no such prefix."""
    prefix, hyphen, rest = word.partition("-")
    return len(prefix) + 1 if hyphen and rest[:1].isupper() and prefix in _HYPHEN_PREFIXES else None


_WORD_OF = itemgetter(2)  # a token's word
_FIRST_LETTER = itemgetter(0)  # a word's first character (every token has one)


def _with_its_period(text: str, token: tuple[int, int, str]) -> str:
    """The word of a token of `text`, with the full stop that follows it in `text` when it is an
    initial (`V` of "I.V." at the end of a name is `V.`): a reversed name keeps every initial's period."""
    start, end, word = token
    return f"{word}." if text[end : end + 1] == "." and _IS_INITIAL.fullmatch(f"{word}.") else word


def _with_length(lengths: tuple[int, ...], length: int) -> tuple[int, ...]:
    """`lengths` (descending) with `length` in its place, once."""
    return lengths if length in lengths else tuple(sorted((*lengths, length), reverse=True))


def _slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", norm(name)).strip("-")
    return s or "x"


@dataclass(frozen=True)
class _Form:
    entity_id: str
    kind: str
    caps: tuple[bool, ...]  # which tokens of the form are capitalised
    exact: str | None  # abbreviations must match letter for letter ("US" is not "us")
    rank: int  # 0 authority, 1 gazetteer, 2 rule


@dataclass
class EntityRecognizer:
    """Built once per process from the authority files; tags any number of documents."""

    authority: Authority
    # titles and roles that may stand before a name in this kind of record (a value of the record
    # format, given by the pipeline: the recogniser never reads the format itself)
    person_titles: tuple[str, ...] = ()
    use_gazetteer: bool = True

    def __post_init__(self):
        self.entries: dict[str, AuthorityEntry] = dict(self.authority.entries)
        self.lexicon: dict[tuple[str, ...], list[_Form]] = {}
        geonames_owner = {
            value: e.xml_id for e in self.entries.values() for kind, value in e.idnos if kind == "geonames"
        }
        for entry in self.entries.values():
            for form in (entry.name, *entry.variants):
                self._add(form, entry.xml_id, entry.kind, 0)
        # a listed body's name with its possessive word's stem in place of the word -> the entries it fits
        self.possessive_stems: dict[tuple[str, ...], set[str]] = {}
        for entry in self.authority.entries.values():
            if entry.kind == "org":
                for form in (entry.name, *entry.variants):
                    self._add_singular_possessive(form, entry.xml_id)
        self._add_state_acronyms()
        self._add_org_word_orders()
        self._add_org_wordings()
        self._add_org_acronyms()
        self._add_org_spellings()
        self.shared_initials = self._shared_initials()
        # Rejection hook: name forms an editor rejected (authority/rejected.txt, written by
        # `tei-encoder authority apply`) are never tagged as rule-found names nor gazetteer places.
        # Any new way of finding names outside the authority files must consult self.rejected too.
        self.rejected = frozenset(tuple(norm(t) for _, _, t in tokens(r)) for r in self.authority.rejected)
        self.link_rules = gazetteer_link_rules()
        # gazetteer-only cities -> (population, their country's names as keys): linked only with support
        self.gazetteer_cities: dict[str, tuple[int, tuple[tuple[str, ...], ...]]] = {}
        self.city_ids: set[str] = set()  # the entries of the gazetteer's cities (listed or not)
        self.capital_ids: set[str] = set()  # the gazetteer-only cities that are a country's capital ("Baghdad")
        self.capital_of_country: dict[str, str] = {}  # (_capitals_named_like_their_country)
        if self.use_gazetteer:
            country_names = self._country_names(geonames_owner)
            capitals = capital_names()
            for place in gazetteer_places():
                if tuple(norm(t) for _, _, t in tokens(place.name)) in self.rejected:
                    continue
                if place.kind == "city" and place.name in self.link_rules.state_form_words:
                    continue  # "Commonwealth", "Union": a state's or body's word far more often than the city
                xml_id = geonames_owner.get(place.geonameid, f"gn-{place.geonameid}")
                if xml_id not in self.entries:
                    # a state that did not exist before a day (gazetteer.json states_from: "Russia" in 1955)
                    # is never linked by a record of an earlier date (shared_names.reading)
                    since = self.link_rules.states_from.get(place.name) if place.kind == "country" else None
                    self.entries[xml_id] = _gazetteer_entry(xml_id, place, since)
                if place.kind == "city" and xml_id.startswith("gn-"):
                    self.gazetteer_cities[xml_id] = (place.population, country_names.get(place.country, ()))
                    if (place.name, place.country) in capitals:
                        self.capital_ids.add(xml_id)
                if place.kind == "city":
                    self.city_ids.add(xml_id)
                self._add(place.name, xml_id, "place", 1)
            self.country_and_city = self._country_and_city(country_names)
            self.capital_of_country = self._capitals_named_like_their_country(geonames_owner)
            for entry in self.authority.entries.values():  # a listed state's capital is a city too ("Washington")
                for capital in entry.capitals:
                    key = tuple(norm(t) for _, _, t in tokens(capital))
                    self.city_ids.update(f.entity_id for f in self.lexicon.get(key, ()) if f.kind == "place")
            self.same_name_cities = self._same_name_cities(country_names)
            self.country_name_keys = country_names
        else:
            self.country_name_keys = {}
            self.country_and_city = {}
            self.same_name_cities = {}
            self.capital_of_country = {}
        self.short_of_two_places = self._short_of_two_places()
        self.max_len = max((len(k) for k in self.lexicon), default=1)
        # bare names several states bore ("Korea") and the entries that existed for a time only (shared_names)
        self.shared = shared_names(
            self.entries.values(),  # with the gazetteer's countries: "Yemen" is the GeoNames country's own name
            lambda key: [f.entity_id for f in self.lexicon.get(key, ()) if f.kind == "place" and f.rank < 2],
            lambda form: tuple(norm(t) for _, _, t in tokens(form)),
            self.link_rules.state_form_words,
        )
        # the organisations the authority dates (a party renamed or merged): _unlink_orgs_out_of_their_time
        self.dated_orgs = frozenset(e.xml_id for e in self.entries.values() if e.kind == "org" and e.existence[0])
        # the days a dated organisation began: one that ended on such a day was renamed (its successor began)
        self.org_beginnings = frozenset(self.entries[x].existence[0] for x in self.dated_orgs)
        # the places whose link _dated_place checks (one set lookup per place found)
        self.dated_places = frozenset(self.shared.existence) | frozenset(
            f.entity_id for key in self.shared.bearers for f in self.lexicon.get(key, ())
        )
        # the lengths of the forms starting with each first word, longest first: most capitalised words
        # start none, and a word that starts a long form starts few others (no lookup for the lengths between)
        self.lower_head_bodies = self._lower_head_bodies()
        self.first_words: dict[str, tuple[int, ...]] = {}
        for key in self.lexicon:
            self.first_words[key[0]] = _with_length(self.first_words.get(key[0], ()), len(key))
        self.surnames = self._surnames()
        self.surname_list = sorted(self.surnames)
        self.near_surnames: dict[str, list[tuple[float, str]]] = {}  # _close_surnames of each word met
        self.listed_states: dict[str, frozenset[str]] | None = None  # states_named, made at first use
        self.short_index = self._short_index()
        self.given_index = self._given_index()
        self.names = vocabulary()
        # the listed given names and East Asian family names in one set (_given_or_family_words: one
        # intersection per record)
        self.given_or_family_names = frozenset(self.names.given | self.names.east_asian_family)
        # names.json state_prefixes with the space after them in running text, and their last letters
        # (_state_prefix_start: a cheap first test at every place found)
        self.spaced_state_prefixes = tuple(p + " " for p in self.names.state_prefixes)
        self.state_prefix_ends = frozenset(p[-1] for p in self.names.state_prefixes if p)
        self.cue_words = _CueWords.of(self.link_rules, self.names)  # (_text_cues: which rules a string may fire)
        self.sole_word_forms: dict[str, _Form] | None = None  # _sole_word_forms, made at first use
        # lower-cased, each with the space before a name: "ambassador "
        self.envoy_titles = tuple(title.lower() + " " for title in self.names.envoy_titles)
        self.rank_titles = tuple(rank.lower() + " " for rank in self.names.ranks)  # "admiral ", as envoy_titles
        self.sovereign_titles = tuple(title.lower() + " " for title in self.names.sovereign_titles)  # "king "
        # the short forms of listed persons (_short_index) that one of them bears who held an office
        # (<occupation type="office">): _owner_by_office's cheap first test
        self.office_names = frozenset(
            short
            for short, people in self.short_index.items()
            if any(self.authority.entries[pid].offices for pid in people)
        )
        titles = title_pattern(self.person_titles)
        name_word = rf"(?:{INITIAL}\s?|\[?{_NAME_TOKEN}\]?)"
        # a surname joined to its particle in lower case after a given name ("Fawzi al-Bander": names.json particles)
        joined = rf"(?:{'|'.join(sorted(map(re.escape, self.names.particles)))})-{_NAME_TOKEN}"
        # no lookbehind in front: the scan then skips to the titles' first letters (checked in _rule_names)
        self.title_name = re.compile(
            rf"(?:{titles})(?:\s+(?:{titles}))?\s+(?P<name>{name_word}(?:\s+(?:{name_word}|{joined}|(?:van|von|de|da|der|del|di|ibn|bin|bint)(?=\s+[{UPPER}]))){{0,4}})"
        )
        # a role in lower case before a surname: "the ambassador Jovanovic", "the counsellor Kéri"; as a trie
        # (trie_regex: the longest role first, as an alternation sorted longest first, so the same matches),
        # so that at each "the " the scan tries a letter once instead of each of some 400 roles in turn
        # (the roles as one set too: a string none of whose words is one skips both role scans, _has_role_word)
        self.role_words = frozenset(r.lower() for r in (*self.names.roles, *self.names.ranks) if " " not in r)
        roles = trie_regex(set(self.role_words))
        plurals = "Comrades|Cdes\\.|Coms\\.|Messrs\\.|comrades"
        self.name_list = re.compile(
            rf"(?<![\w.])(?:{plurals})\s+(?P<names>{_NAME_TOKEN}(?:\s{_NAME_TOKEN})*(?:(?:,\s*|\s+and\s+){_NAME_TOKEN}(?:\s{_NAME_TOKEN})*)+)"
        )
        # begins with the literal "he" (a fast scan), the "T"/"t" before it read by the lookbehind; one lower-case
        # word may qualify the role ("the energy minister Neporozhny", "the trade minister …")
        self.role_name = re.compile(
            rf"he(?<=(?<![\w])[Tt]he)\s(?:[a-z]{{3,}}\s)?(?:{roles})\s+(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})?)"
        )
        # a role in lower case after a lower-case word that qualifies it, no article ("talks with energy
        # minister Neporozhny"); the role then one space then a capital: the scan tries the roles' first
        # letters only, and the word before is read back (_qualified_role_names). Written to begin with the space
        # before the role (read back by the lookbehind): the scan skips to each space at once instead of trying
        # the lookbehind at every character; a match ends where it did (_rule_names reads its end alone)
        self.qualified_role = re.compile(rf" (?<=[a-z] )(?:{roles}) (?=[{UPPER}])")
        # "led by Skachkov", "according to Skachkov", "Deciphered by Piecuch" (names.json name_cues)
        cues = trie_regex({c[:1].upper() + c[1:] for c in self.names.name_cues} | set(self.names.name_cues))
        # a verb of speech or address (names.json speech_verbs, verbs_of_address) after a space: the scan looks
        # for that character alone and tries the verbs only there (_names_by_their_verbs)
        self.speech_verbs = frozenset(self.names.speech_verbs)
        self.address_verbs = frozenset(self.names.verbs_of_address)
        self.verb = re.compile(rf" (?P<verb>{trie_regex({*self.speech_verbs, *self.address_verbs})})(?![\w’'-])")
        self.cued_name = re.compile(rf"(?<![\w])(?:{cues}):?\s+(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})?)")
        self.generic = self._generic_variants()
        # an organ's names as keys ("mofa", "foreign ministry"...) -> the organ; (organ, state id) -> its entries
        self.organ_keys = {
            tuple(norm(t) for _, _, t in tokens(name)): organ
            for organ, names in state_organ_names().items()
            for name in names
        }
        self.state_organs = self._state_organ_index()
        self.organ_owners = self._organ_owners()
        self.departments = self._department_index()
        self.squashed_persons = self._squashed_persons()
        self.patronymic_forms = self._patronymic_forms()

    def _country_names(self, geonames_owner: dict[str, str]) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Gazetteer country name -> every name of it as keys: the gazetteer's, when an authority
        entry holds the country's GeoNames id that entry's forms ("US" for the United States), and the
        names of states that held its territory (data/gazetteer.json former_state_names: "GDR")."""
        out: dict[str, tuple[tuple[str, ...], ...]] = {}
        former = self.link_rules.former_state_names
        for place in gazetteer_places():
            if place.kind != "country":
                continue
            owner = self.entries.get(geonames_owner.get(place.geonameid, ""))
            forms = (place.name, *((owner.name, *owner.variants) if owner else ()), *former.get(place.name, ()))
            out[place.name] = tuple(dict.fromkeys(tuple(norm(t) for _, _, t in tokens(f)) for f in forms))
        return out

    def _country_and_city(
        self, country_names: dict[str, tuple[tuple[str, ...], ...]]
    ) -> dict[tuple[str, ...], tuple[str, tuple[tuple[str, ...], ...], bool]]:
        """The gazetteer names of a country that are also a gazetteer city's ("Armenia", a country and a
        Colombian city; "Singapore", a state and its city): key -> (the country's id, the names of every
        other country such a city lies in, as keys, and whether one lies in the country itself). The
        lexicon keeps the country's form alone, so that the name is found (two gazetteer forms of one rank
        would leave it untagged, silently); _country_or_city_name says whether the record makes the
        country certain. No curated form is touched (a listed form already wins over the gazetteer's)."""
        found: dict[tuple[str, ...], tuple[str, tuple[tuple[str, ...], ...], bool]] = {}
        by_id = {p.geonameid: p for p in gazetteer_places()}
        for key, forms in self.lexicon.items():
            if len(forms) < 2 or any(f.rank != 1 or f.kind != "place" for f in forms):
                continue
            places = {f.entity_id: _geonames_place(self.entries[f.entity_id], by_id) for f in forms}
            countries = {i for i, p in places.items() if p is not None and p.kind == "country"}
            cities = [p for p in places.values() if p is not None and p.kind == "city"]
            if len(countries) != 1 or len(cities) + 1 != len(places):
                continue  # (cities alone, or another kind of place among them: _choose's rules as before)
            country = next(iter(countries))
            own = self.entries[country].name
            elsewhere = tuple(
                dict.fromkeys(k for c in cities if c.country != own for k in country_names.get(c.country, ()))
            )
            found[key] = (country, elsewhere, any(c.country == own for c in cities))
            forms[:] = [f for f in forms if f.entity_id == country]
        return found

    def _same_name_cities(
        self, country_names: dict[str, tuple[tuple[str, ...], ...]]
    ) -> dict[tuple[str, ...], tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]]:
        """The gazetteer names of two or more cities and no country or listed place ("Tripoli", "Valencia",
        "Hyderabad"): key -> (city id, the names of its country as keys) of each, largest first. The lexicon
        keeps the largest city's form alone, so that the name is found (two gazetteer forms of one rank left
        it untagged, silently); _city_by_country says which city the record names, if any."""
        found: dict[tuple[str, ...], tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]] = {}
        by_id = {p.geonameid: p for p in gazetteer_places()}
        for key, forms in self.lexicon.items():
            if len(forms) < 2 or any(f.rank != 1 or f.kind != "place" for f in forms):
                continue
            places = {f.entity_id: _geonames_place(self.entries[f.entity_id], by_id) for f in forms}
            if len(places) < 2 or any(p is None or p.kind != "city" for p in places.values()):
                continue
            ranked = sorted(places.items(), key=lambda item: (-item[1].population, item[0]))  # type: ignore[union-attr]
            found[key] = tuple((xml_id, country_names.get(p.country, ())) for xml_id, p in ranked)  # type: ignore[union-attr]
            forms[:] = [f for f in forms if f.entity_id == ranked[0][0]]
        return found

    def _short_of_two_places(self) -> frozenset[tuple[str, ...]]:
        """The keys of gazetteer names of listed places that begin a listed name of another place
        ("Santiago", GeoNames' name of Santiago de Chile, begins "Santiago de Cuba"): two places fit the
        short name, which _name_spans links only when the record prints its place's listed name. A
        gazetteer-only place keeps the gazetteer's rules (population, support, a state's dates)."""
        begins: dict[tuple[str, ...], set[str]] = {}
        for key, forms in self.lexicon.items():
            for f in forms:
                if f.kind == "place" and f.rank == 0:
                    for n in range(1, len(key)):
                        begins.setdefault(key[:n], set()).add(f.entity_id)
        return frozenset(
            key
            for key, forms in self.lexicon.items()
            if key in begins
            for f in forms
            if f.kind == "place"
            and f.rank == 1
            and f.entity_id in self.authority.entries
            and begins[key] - {f.entity_id}
        )

    def _patronymic_forms(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """A listed person's written-out given name -> (the second word, person) of each of their name forms
        of three words or more that begin with it (`Leonid Ilyich Brezhnev`): read by _named_by_patronymic."""
        found: dict[str, list[tuple[str, str]]] = {}
        for entry in self.authority.entries.values():
            if entry.kind != "person":
                continue
            for form in (entry.name, *entry.variants):
                words = [norm(t) for _, _, t in tokens(form)]
                if len(words) > 2:
                    found.setdefault(words[0], []).append((words[1], entry.xml_id))
        return {given: tuple(pairs) for given, pairs in found.items()}

    def _squashed_persons(self) -> dict[str, str]:
        """A listed person's name forms of two or more words without spaces and hyphens ("rijuyon"
        for "Ri Ju-yon") -> the person, when exactly one person has that form: "Ri Ju Yon" is the same
        name spelt without the hyphen (exact folded keys only, never a fuzzy match)."""
        owners: dict[str, set[str]] = {}
        for entry in self.authority.entries.values():
            if entry.kind != "person":
                continue
            for form in (entry.name, *entry.variants):
                key = [norm(t) for _, _, t in tokens(form)]
                if len(key) > 1:
                    owners.setdefault("".join(key).replace("-", ""), set()).add(entry.xml_id)
        return {k: ids.pop() for k, ids in owners.items() if len(ids) == 1}

    def _generic_variants(self) -> dict[tuple[str, ...], dict[str, list[tuple[str, ...]]]]:
        """generic variant key -> {entity id: the keys whose presence in a record supports the link}.

        A generic variant ("General Assembly", "Fatherland Front") is a shortening of an
        organisation's preferred name in common words only; other bodies have one too ("UNESCO
        General Assembly", Vietnam's Fatherland Front). Support: the entity's other, specific forms,
        or the forms of its parent (the entity whose preferred name is the words the shortening left
        out: "United Nations" for "United Nations General Assembly").
        """
        by_preferred: dict[tuple[str, ...], list[str]] = {}
        for entry in self.authority.entries.values():
            by_preferred.setdefault(_content_key(entry.name), []).append(entry.xml_id)
        out: dict[tuple[str, ...], dict[str, list[tuple[str, ...]]]] = {}
        for entry in self.authority.entries.values():
            for form in entry.variants:
                if not generic_variant(self.names, entry, form):
                    continue
                specific = [
                    _content_key(f) for f in (entry.name, *entry.variants) if not generic_variant(self.names, entry, f)
                ]
                form_words = set(_content_key(form))
                left_out = tuple(w for w in _content_key(entry.name) if w not in form_words)
                for parent_id in by_preferred.get(left_out, []):
                    parent = self.entries[parent_id]
                    specific += [_content_key(f) for f in (parent.name, *parent.variants)]
                    # its capital too ("Washington" for "State Department"): a record that prints it speaks
                    # of that state (<location type="capital">), as a telegram from its embassy there does
                    specific += [_content_key(c) for c in parent.capitals]
                key = tuple(norm(t) for _, _, t in tokens(form))
                out.setdefault(key, {})[entry.xml_id] = [k for k in specific if k]
        return out

    def _add(self, form: str, xml_id: str, kind: str, rank: int) -> None:
        toks = [t for _, _, t in tokens(form)]
        if not toks:
            return
        key = tuple(norm(t) for t in toks)
        letters = re.sub(r"[^\w]", "", form)
        exact = form if letters.isupper() and len(letters) <= 5 else None
        caps = tuple(t[0].isupper() for t in toks)
        if rank == 0 and kind == "place" and len(toks) > 1 and all(caps) and toks[-1] in _LOWER_CASE_FEATURES:
            caps = (*caps[:-1], False)  # "the Korean peninsula": the feature's word may be in lower case
        forms = self.lexicon.setdefault(key, [])
        if hasattr(self, "first_words"):
            self.first_words[key[0]] = _with_length(self.first_words.get(key[0], ()), len(key))
        if any(f.entity_id == xml_id and f.exact == exact and f.caps == caps for f in forms):
            return  # "Rudé právo" and its variant "Rude Pravo" differ in case: both shapes are kept
        if rank > 0 and any(f.rank < rank for f in forms):
            return  # a curated form wins over a gazetteer one
        forms.append(_Form(xml_id, kind, caps, exact, rank))
        plain = _without_accents(exact) if exact else exact
        if plain != exact:  # "KSČ" is printed "KSC" where the type has no háček: the same letters
            forms.append(_Form(xml_id, kind, caps, plain, rank))
        if rank == 0 and len(toks) > 1 and exact is None and kind != "person":
            self._add_dotted(toks, xml_id, kind)  # (a person's name in capitals, "KIM Il Sung", is no abbreviation)

    def _add_dotted(self, toks: list[str], xml_id: str, kind: str) -> None:
        """A listed name of several words with an abbreviation in capitals ("UN General Assembly") also
        as printed with a full stop after each letter ("U.N. General Assembly", "U. N. General Assembly":
        one initial per letter to the tokenizer), when no listed form has that key; both spellings are
        one name (TEI Guidelines 13.2.1, a name as printed)."""
        if not any(2 <= len(t) <= 5 and t.isupper() and t.isascii() and t.isalpha() for t in toks):
            return
        dotted = [
            letter for t in toks for letter in (list(t) if 2 <= len(t) <= 5 and t.isupper() and t.isalpha() else [t])
        ]
        key = tuple(norm(t) for t in dotted)
        if key not in self.lexicon:
            self.lexicon[key] = [_Form(xml_id, kind, tuple(t[0].isupper() for t in dotted), None, 0)]
            if hasattr(self, "first_words"):
                self.first_words[key[0]] = _with_length(self.first_words.get(key[0], ()), len(key))

    def _add_org_word_orders(self) -> None:
        """A listed body's name also as translations reorder it: "the" after an "of" ("League of the
        Communists of Yugoslavia"), and a name that begins with its parent body's name with the parent
        after "of (the)" ("Security Council of the United Nations" for "United Nations Security
        Council"). Each key only when no listed form has it, and only one body gives it."""
        org_keys = {key: {f.entity_id for f in forms} for key, forms in self.lexicon.items() if forms[0].kind == "org"}
        made: dict[tuple[str, ...], set[str]] = {}
        for key, ids in org_keys.items():
            if len(ids) != 1 or len(key) < 3:
                continue
            for j in range(1, len(key) - 1):
                if key[j] == "of" and key[j + 1] != "the":
                    made.setdefault((*key[: j + 1], "the", *key[j + 1 :]), set()).update(ids)
                parent = org_keys.get(key[:j])
                if parent and parent != ids and key[j] not in _FUNCTION_WORDS:
                    for joint in (("of", "the"), ("of",)):
                        made.setdefault((*key[j:], *joint, *key[:j]), set()).update(ids)
        for key, ids in made.items():
            if len(ids) == 1 and key not in self.lexicon:
                caps = tuple(w not in _FUNCTION_WORDS for w in key)
                self.lexicon[key] = [_Form(next(iter(ids)), "org", caps, None, 0)]

    def _add_org_wordings(self) -> None:
        """A listed body's name that ends in one wording of a generic body's name after a qualifier (the
        state's adjective or name: "Soviet Foreign Ministry", "USSR Ministry of Foreign Affairs") also in
        the group's other wordings ("Soviet Ministry of Foreign Affairs"; names.json body_wordings): the
        same body, as translations word it. Each key only when no listed form has it and one body gives it."""
        groups = [[tuple(norm(t) for _, _, t in tokens(w)) for w in group] for group in body_wordings()]
        made: dict[tuple[str, ...], set[str]] = {}
        for key, forms in self.lexicon.items():
            ids = {f.entity_id for f in forms if f.kind == "org" and f.rank == 0}
            if len(ids) != 1 or len(key) < 2:
                continue
            for group in groups:
                for wording in group:
                    n = len(wording)
                    if len(key) <= n or key[-n:] != wording or key[-n - 1] in _FUNCTION_WORDS:
                        continue
                    for other in group:
                        if other != wording:
                            made.setdefault((*key[:-n], *other), set()).update(ids)
        for key, ids in made.items():
            if len(ids) == 1 and key not in self.lexicon:
                caps = tuple(w not in _FUNCTION_WORDS for w in key)
                self.lexicon[key] = [_Form(next(iter(ids)), "org", caps, None, 0)]

    def _capitals_named_like_their_country(self, geonames_owner: dict[str, str]) -> dict[str, str]:
        """Country's entry id -> the entry of its capital of the same name (gazetteer.json
        capitals_named_like_their_country: "Mexico" -> mexico-city), or "" when neither the authority nor
        the gazetteer holds the city (then the name in a list of cities is left unlinked)."""
        out: dict[str, str] = {}
        for name, geonameid in self.link_rules.capitals_named_like_country.items():
            city = geonames_owner.get(geonameid, f"gn-{geonameid}")
            city = city if city in self.entries else ""
            key = tuple(norm(t) for _, _, t in tokens(name))
            for form in self.lexicon.get(key, ()):
                if form.kind == "place" and form.entity_id != city:
                    out[form.entity_id] = city
        return out

    def _add_state_acronyms(self) -> None:
        """A listed state's name of three or more capitalised words with a state word ("Socialist
        Republic of Romania") also under its initials ("SRR"), letter for letter, when no listed form
        has that key, no other state's name gives the same initials and they do not end in P (a party's)."""
        state_words = {w.casefold() for w in gazetteer_link_rules().state_form_words}
        owners: dict[str, set[str]] = {}
        for entry in self.authority.entries.values():
            if entry.kind != "place":
                continue
            for form in (entry.name, *entry.variants):
                words = [t for _, _, t in tokens(form)]
                initials = "".join(w[0] for w in words if w[0].isupper())
                if len(initials) >= 3 and initials.isascii() and state_words.intersection(map(str.casefold, words)):
                    owners.setdefault(initials, set()).add(entry.xml_id)
        for initials, ids in owners.items():
            key = (initials.casefold(),)
            if initials.endswith("P"):
                continue  # "PPR": a party's shape too (Polish Workers' Party), which the initials cannot tell
            if len(ids) == 1 and key not in self.lexicon:
                self.lexicon[key] = [_Form(next(iter(ids)), "place", (True,), initials, 0)]

    def _add_org_spellings(self) -> None:
        """A listed body's name printed in the other spelling of a word (British or American: "Warsaw
        Treaty Organisation" for the listed "Warsaw Treaty Organization", "Defence" for "Defense";
        names.json spelling_variants) is a form of the same entry, in the case the word was printed in."""
        other = {w: s for w, s in _SPELLINGS.items() if w != s} | {s: w for w, s in _SPELLINGS.items() if w != s}
        for entry in self.authority.entries.values():
            if entry.kind != "org":
                continue
            for form in (entry.name, *entry.variants):
                words = form.split(" ")
                respelt = [_in_case_of(w, other[fold(w)]) if fold(w) in other else w for w in words]
                if respelt != words:
                    self._add(" ".join(respelt), entry.xml_id, "org", 0)

    def _add_org_acronyms(self) -> None:
        """A listed party's name of three or more words written out also under its initials, letter for
        letter ("RCP" for the variant "Romanian Communist Party"), when no listed form has that key, no
        other entry's name gives the same initials and they are no dictionary word: translations print the
        abbreviation of a party the lists hold in full. Only parties ("Party" among the words, every other
        word but "of"/"the" capitalised, no abbreviation): the initials of other bodies' names are too
        often another thing's ("MSS", "LDP", "USD")."""
        owners: dict[str, set[str]] = {}
        for entry in self.authority.entries.values():
            if entry.kind != "org":
                continue
            for form in (entry.name, *entry.variants):
                words = [t for _, _, t in tokens(form) if t not in ("s", "S")]  # ("Workers'": "Workers", "s")
                named = [w for w in words if w not in ("of", "the")]
                if "Party" not in named or not all(w[:1].isupper() and not w.isupper() for w in named):
                    continue
                initials = "".join(w[0] for w in named)
                if len(initials) >= 3 and initials.isascii() and self._names_its_nation(form, named[0]):
                    owners.setdefault(initials, set()).add(entry.xml_id)
        common = vocabulary().is_common_word
        for initials, ids in owners.items():
            key = (initials.casefold(),)
            if len(ids) == 1 and key not in self.lexicon and not common(initials):
                self.lexicon[key] = [_Form(next(iter(ids)), "org", (True,), initials, 0)]

    def _names_its_nation(self, form: str, first: str) -> bool:
        """Whether a party's name says whose party it is: a national adjective first ("Romanian Communist
        Party") or a listed place after its last "of" ("Tudeh Party of Iran"). Other names ("Lao Dong
        Party") are too short a clue for initials that other parties share ("LDP")."""
        if _NATIONAL.match(first):
            return True
        tail = form.rsplit(" of ", 1)[1] if " of " in form else ""
        key = tuple(norm(t) for _, _, t in tokens(tail.removeprefix("the ")))
        return bool(key) and any(f.kind == "place" for f in self.lexicon.get(key, ()))

    def _state_organ_index(self) -> dict[tuple[str, str], frozenset[str]]:
        """(organ, listed state's id) -> the org entries whose name pairs that organ (names.json
        state_organs) with that state ("Ministry of Foreign Affairs of the USSR": ("foreign ministry",
        "ussr") -> soviet-mfa); the state read from the authority's own place forms."""
        index: dict[tuple[str, str], set[str]] = {}
        for entry in self.authority.entries.values():
            if entry.kind != "org":
                continue
            for form in (entry.name, *entry.variants):
                key = tuple(norm(t) for _, _, t in tokens(form))
                for organ, state in _organ_and_state(self.organ_keys, key):
                    ids = {f.entity_id for f in self.lexicon.get(state, ()) if f.kind == "place" and f.rank == 0}
                    if len(ids) == 1:
                        index.setdefault((organ, ids.pop()), set()).add(entry.xml_id)
        return {pair: frozenset(ids) for pair, ids in index.items()}

    def _organ_owners(self) -> dict[str, str]:
        """Listed organisation's id -> the listed state whose organ it is, as the authority's own forms say
        ("Supreme People's Assembly of the DPRK": spa-dprk -> dprk): the place after "of (the)" in its forms,
        when they name one state only; never a party, a front or a government (the top rank of names.json
        body_ranks: "the CCP of China", "the SED of the GDR" stay a party and a state). Read by
        _organs_with_their_state and _owned_organ_id."""
        out: dict[str, str] = {}
        for entry in self.authority.entries.values():
            if entry.kind != "org":
                continue
            keys = [tuple(norm(t) for _, _, t in tokens(form)) for form in (entry.name, *entry.variants)]
            if any(_BODY_RANKS.get(word, 0) >= _TOP_RANK for key in keys for word in key):
                continue
            states: set[str] = set()
            for key in keys:
                for k in range(1, len(key) - 1):
                    if key[k] != "of":
                        continue
                    rest = key[k + 2 :] if key[k + 1] == "the" else key[k + 1 :]
                    found = {f.entity_id for f in self.lexicon.get(rest, ()) if f.kind == "place" and f.rank == 0}
                    if found:  # the first "of" whose rest is a state ("... of the Republic of Korea": not "Korea")
                        states |= found
                        break
            if len(states) == 1:
                out[entry.xml_id] = states.pop()
        return out

    def _department_index(self) -> dict[tuple[str, tuple[str, ...]], str]:
        """(listed body's id, a unit's key) -> the org entry whose name is that unit "of" that body ("Far
        Eastern Department of the USSR Ministry of Foreign Affairs": ("soviet-mfa", ("far", "eastern",
        "department")) -> soviet-mfa-dvo), from the authority's own forms; a pair two entries give is left
        out (a wrong link is worse than none). Read by _stamp_ministries."""
        index: dict[tuple[str, tuple[str, ...]], set[str]] = {}
        for entry in self.authority.entries.values():
            if entry.kind != "org":
                continue
            for form in (entry.name, *entry.variants):
                m = _UNIT_OF_BODY.match(form)
                if m is None:
                    continue
                body = tuple(norm(t) for _, _, t in tokens(m["body"]))
                owners = {f.entity_id for f in self.lexicon.get(body, ()) if f.kind == "org" and f.rank == 0}
                if len(owners) == 1:
                    unit = tuple(norm(t) for _, _, t in tokens(m["unit"]))
                    index.setdefault((owners.pop(), unit), set()).add(entry.xml_id)
        return {pair: next(iter(ids)) for pair, ids in index.items() if len(ids) == 1}

    def _shared_initials(self) -> dict[tuple[str, ...], tuple[tuple[str, str, str, tuple[str, ...]], ...]]:
        """Listed abbreviations that another listed body's or place's full name abbreviates to as well:
        the key of each ("cpc") -> (entity id, kind, the abbreviation as listed, full names) of every
        entry it may name: those listing it and those with a name of three or more capitalised words
        whose initials it is ("CPC": "Communist Party of China" and "Communist Party of Cuba"). The
        authority's reading stands unless the record names another of them in full (_read_shared_initials)."""
        owners_of: dict[str, dict[str, list[str]]] = {}  # initials -> entity id -> names giving them
        for entry in self.authority.entries.values():
            if entry.kind not in ("org", "place"):
                continue
            for form in (entry.name, *entry.variants):
                words = [t for _, _, t in tokens(form)]
                capitals = [w for w in words if w[:1].isupper()]
                if len(capitals) < 3 or any(len(w) > 1 and w.isupper() for w in words):
                    continue  # a form holding abbreviations is no name written out
                if any(not w[:1].isupper() and norm(w) not in _FUNCTION_WORDS for w in words):
                    continue
                initials = "".join(w[0] for w in capitals)
                if initials.isascii():
                    owners_of.setdefault(initials, {}).setdefault(entry.xml_id, []).append(form)
        shared: dict[tuple[str, ...], tuple[tuple[str, str, str, tuple[str, ...]], ...]] = {}
        for key, forms in self.lexicon.items():
            listed = [f for f in forms if f.exact and len(f.exact) >= 3 and f.rank == 0]
            if len(key) != 1 or not listed:
                continue
            exact = listed[0].exact or ""
            others = owners_of.get(exact, {})
            ids = {f.entity_id for f in listed}
            if not set(others) - ids:
                continue
            readings = []
            for xml_id in sorted(ids | set(others)):
                entry = self.authority.entries[xml_id]
                names = others.get(xml_id) or [n for n in (entry.name, *entry.variants) if len(tokens(n)) >= 2]
                readings.append((xml_id, entry.kind, exact, tuple(names)))
            shared[key] = tuple(readings)
        return shared

    def _add_singular_possessive(self, form: str, xml_id: str) -> None:
        """A body's name with a plural possessive ("Workers' Party") also under the singular possessive
        translations print for it ("Worker's Party", "Worker’s Party"; tokens "worker", "s"), when no
        listed form has that key: the same name misspelt, never another body's."""
        if "s'" not in form and "s’" not in form:
            return
        toks = [t for _, end, t in tokens(form)]
        ends = [end for _, end, _ in tokens(form)]
        key: list[str] = []
        for word, end in zip(toks, ends, strict=True):
            if word[-1:] in "sS" and len(word) > 2 and form[end : end + 1] in ("'", "’"):
                key += [norm(word[:-1]), "s"]
            else:
                key.append(norm(word))
        singular = tuple(key)
        if len(singular) > len(toks) and len(toks) >= 3:
            self.possessive_stems.setdefault(_possessive_stem_key(singular), set()).add(xml_id)
        if len(singular) > len(toks) and singular not in self.lexicon:
            caps = tuple(t[:1].isupper() for t in key)
            self.lexicon[singular] = [_Form(xml_id, "org", caps, None, 0)]

    def _person_form_index(
        self, words_of: Callable[[list[str]], list[str]]
    ) -> dict[str, dict[str, list[tuple[str, ...]]]]:
        """word -> {person id: full forms (as keys)}: for each listed person's form of two or more words,
        the words `words_of` picks from it (a short form, a given name), to propagate within a record."""
        index: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for entry in self.authority.entries.values():
            if entry.kind != "person":
                continue
            for form in (entry.name, *entry.variants):
                words = [t for _, _, t in tokens(form)]
                if len(words) < 2:
                    continue
                for word in words_of(words):
                    index.setdefault(norm(word), {}).setdefault(entry.xml_id, []).append(tuple(norm(w) for w in words))
        return index

    def _short_index(self) -> dict[str, dict[str, list[tuple[str, ...]]]]:
        """short form -> {person id: full forms (as keys)} for listed persons."""
        return self._person_form_index(short_forms)

    def _given_index(self) -> dict[str, dict[str, list[tuple[str, ...]]]]:
        """given name -> {person id: full forms (as keys) that begin with it}: the first word of a listed
        person's preferred name when names.json lists it as a given name ("Raul" of "Raul Castro") and no
        form of the person has it for a family name ("Péter" of "Péter János" is János Péter's)."""
        v = vocabulary()
        index: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for entry in self.authority.entries.values():
            if entry.kind != "person":
                continue
            forms = [[t for _, _, t in tokens(f)] for f in (entry.name, *entry.variants)]
            first = forms[0][0] if len(forms[0]) > 1 else ""
            given = norm(first)
            if len(first) < 3 or given not in v.given or east_asian_shape(forms[0]):
                continue
            if any(norm(short) == given for words in forms if len(words) > 1 for short in short_forms(words)):
                continue
            keys = [tuple(norm(w) for w in words) for words in forms if len(words) > 1]
            index.setdefault(given, {})[entry.xml_id] = [k for k in keys if k[0] == given]
        return index

    def states_named(self, word: str) -> frozenset[str]:
        """The authority's places with a name holding the folded `word` ("vietnam": Vietnam, North
        Vietnam, South Vietnam): made once, at the first state prefix met (one pass over the lexicon)."""
        if self.listed_states is None:
            named: dict[str, set[str]] = {}
            for key, forms in self.lexicon.items():
                for form in forms:
                    if form.kind == "place" and form.rank == 0:
                        for w in key:
                            named.setdefault(w, set()).add(form.entity_id)
            self.listed_states = {w: frozenset(ids) for w, ids in named.items()}
        return self.listed_states.get(word, frozenset())

    def _lower_head_bodies(self) -> re.Pattern | None:
        """A scan for the authority's organisations of two or more words printed with their first word
        capitalised and later words in lower case ("the Warsaw pact", "the Baghdad pact", "the Communist
        party of the Soviet Union"): the first words as listed (in that case), the rest in any case.
        It only finds candidates: _lower_head_spans keeps those whose folded words are a listed form."""
        firsts: set[str] = set()
        rests: set[str] = set()
        for key, forms in self.lexicon.items():
            if len(key) < 2 or not key[0].isalpha() or all(k in _FUNCTION_WORDS for k in key[1:]):
                continue
            for f in forms:
                if f.kind == "org" and f.rank == 0 and f.caps[:1] == (True,) and any(f.caps[1:]):
                    firsts.add(key[0][:1].upper() + key[0][1:])
                    rests.add(" ".join(key[1:]))
        if not firsts:
            return None
        # (no lookbehind before the first word: a pattern that begins with its words' letters is scanned for
        # them in C; _lower_head_matches reads the character before each match)
        return re.compile(rf"(?:{trie_regex(firsts)}) (?i:{trie_regex(rests)})(?![\w’'-])")

    def _surnames(self) -> dict[str, set[str]]:
        """Single-word person forms (surnames), for near-miss spellings."""
        out: dict[str, set[str]] = {}
        for key, forms in self.lexicon.items():
            if len(key) == 1 and len(key[0]) >= 5:
                for f in forms:
                    if f.kind == "person":
                        out.setdefault(key[0], set()).add(f.entity_id)
        return out

    def lookup(self, name: str) -> str | None:
        """The entity id of a whole name ("S. M. KUDRYAVTSEV"), if exactly one entity has that form."""
        key = tuple(norm(t) for _, _, t in tokens(name))
        ids = {f.entity_id for f in self.lexicon.get(key, [])}
        return ids.pop() if len(ids) == 1 else None


# --- per document -------------------------------------------------------------------------------


@dataclass
class _DocContext:
    rec: EntityRecognizer
    doc: Document
    local: dict[tuple[str, ...], list[_Form]] = field(default_factory=dict)
    local_entries: dict[str, AuthorityEntry] = field(default_factory=dict)
    # as EntityRecognizer.first_words, for the first words of learnt forms: their listed lengths and learnt ones
    # together (merged once when a form is learnt, not on every lookup: every capitalised word is looked up)
    local_first: dict[str, tuple[int, ...]] = field(default_factory=dict)
    seen: dict[str, list[str]] = field(default_factory=dict)  # entity id -> forms met, in order
    squashed: dict[str, str] = field(default_factory=dict)  # a rule-found name without spaces or hyphens -> id
    default_year: int | None = None
    default_month: int | None = None  # the document's month: a month named without a year may cross a new year
    default_day: int | None = None  # the document's day: "on the 4th," up to it is of the document's month
    # the record's dotted dates are day first ("31.10.62"): "1.11.62" is 1 November; False: month first; None:
    # not known (dotted_order, read at the first ambiguous date, which most records lack: order_read)
    day_first: bool | None = None
    # the order of slashed dates ("3/4/62"): False month first (the record's language's convention,
    # slash_order), True day first, None not known (a translation: slashed_order at the first ambiguous date)
    slash_day_first: bool | None = False
    # a record that names no language: the order taken when its own slashed dates do not settle it
    # (slashed_order, read at the first ambiguous date)
    slash_convention: bool | None = None
    order_read: bool = False
    # whether the body or summary holds a listed body's name with lower-case later words (_lower_head_spans;
    # None until read: one scan of the record instead of one per string)
    lower_heads: bool | None = None
    # whether the record names a legislature in full with its state ("US Congress": _bare_legislatures), None until read
    legislature: bool | None = None
    legislature_ids: dict[str, str] = field(default_factory=dict)  # a chamber's bare word -> its entry of the record
    problems: list[str] = field(default_factory=list)
    record_words: set[str] = field(default_factory=set)  # capitalised words of the record, folded
    # the strings of the body (_add_strings) before tagging, as two lists (no tuple per string: a long record has millions)
    texts: list[str] = field(default_factory=list)
    parents: list[Node] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)  # every Node of the body before tagging, in document order
    dates: dict[str, list[DateMatch]] = field(default_factory=dict)  # find_dates of each string tagged
    # strings _tag_text found nothing in, with the state it read then: (forms_version, number of entities seen)
    untagged: dict[str, tuple[int, int]] = field(default_factory=dict)
    forms_version: int = 0  # changes whenever a record-local form is added or withdrawn
    unlinked_places: dict[tuple[str, ...], str] = field(default_factory=dict)  # gazetteer names kept unlinked
    # the folded words of summary and body, the positions of those in headings, each word's positions
    # (_word_keys: made once per record, read by every short form _named_on_their_own checks)
    word_keys: tuple[list[str], set[int], dict[str, list[int]]] | None = None
    head_spans: list[tuple[int, int]] | None = None  # (_in_a_heading: the headings' spans of _flat)
    # a listed surname-only form ("Castro") -> whom it names in this record (_surname_only_owner), made at first use
    surname_owner: dict[str, str] = field(default_factory=dict)
    # (a word no list knows, a listed surname) -> the record-local person the surname then names ("Xyzzy Dorticós")
    unknown_before_surname: dict[tuple[str, str], str] = field(default_factory=dict)
    # the supplied spans of the flat text _tag_across_supplied reads names in, while it reads them
    supplied_now: _Intervals | None = None
    flat: str | None = None  # the body's strings and the summary in one (_flat), made at first use
    given_or_family: set[str] | None = None  # record_words that are given or family names, made at first use
    flat_lower: str | None = None  # the same, lower-cased (_occurrences)
    flat_plain: str | None = None  # the same without accents (_printed_together), made at first use
    # a long record's whole words of flat_lower -> where each stands (_occurrences), made at first use
    word_spots: dict[str, list[int]] | None = None
    # keys whose listed readings the record overrules (overrule): its own form alone is read for them
    overruled: set[tuple[str, ...]] = field(default_factory=set)
    # (key, listed id) of a dated place or a bare name several states bore -> whom it names here (_dated_place)
    dated_readings: dict[tuple[tuple[str, ...], str], str | None] = field(default_factory=dict)
    evidence: tuple[str, str] | None = None  # the record's text as _dated_place reads it, and lower-cased
    # the state whose paper the record is (record_state.record_state), "" when unknown; None until first asked
    paper_of: str | None = None
    meeting_words: bool | None = None  # whether the record's text holds a numbered meeting's head word
    # whether the record's words hold a Spanish or Portuguese body's head word (_romance_bodies), made at first use
    romance_heads: bool = False
    # the one-word places a person of the record bears as a surname after a given name (_surname_in_record)
    surname_places: set[str] = field(default_factory=set)
    # the last word of each learnt person's name of two or more words -> the words before it (add_local)
    local_surnames: dict[str, set[str]] = field(default_factory=dict)

    def forms(self, key: tuple[str, ...]) -> list[_Form]:
        local = self.local.get(key)
        known = self.rec.lexicon.get(key)
        if local and known:
            return local if key in self.overruled else local + known
        return local or known or []

    def lengths_from(self, word: str) -> tuple[int, ...]:
        """The lengths of the listed and learnt forms that begin with `word`, longest first (the name
        pass reads the two dicts itself: it asks at every capitalised word)."""
        return self.local_first.get(word) or self.rec.first_words.get(word, ())

    def overrule(self, key: tuple[str, ...], form: _Form) -> None:
        """The record's reading of `key` instead of the lists' (an abbreviation the record defines)."""
        self.overruled.add(key)
        self.add_local(key, form)

    def add_local(self, key: tuple[str, ...], form: _Form) -> None:
        self.local.setdefault(key, []).append(form)
        if len(key) > 1 and form.kind == "person":
            self.local_surnames.setdefault(key[-1], set()).add(key[-2])
        self.forms_version += 1
        first = key[0]
        self.local_first[first] = _with_length(
            self.local_first.get(first) or self.rec.first_words.get(first, ()), len(key)
        )

    def entry(self, xml_id: str) -> AuthorityEntry:
        return self.local_entries.get(xml_id) or self.rec.entries[xml_id]


def tag_entities(doc: Document, rec: EntityRecognizer) -> Document:
    """Tag and link the names and dates of the abstract and the document text (TEI 13.2, 13.4);
    every linked entity gets an entry in doc.entities (the standOff). Returns the Document.
    """
    ctx = _DocContext(rec=rec, doc=doc)
    ctx.slash_day_first = slash_order(language.code for language in doc.header.original_languages)
    if not doc.header.original_languages:
        # no language named: the record's own slashed dates first ("2/6/69" in a cable of 4 June 1969 is
        # 2 June), then the archive's English convention (month first)
        ctx.slash_convention, ctx.slash_day_first = ctx.slash_day_first, None
    if doc.header.date_iso:
        ctx.default_year = int(doc.header.date_iso[:4])
        if len(doc.header.date_iso) >= 7:
            ctx.default_month = int(doc.header.date_iso[5:7])
        if len(doc.header.date_iso) >= 10:
            ctx.default_day = int(doc.header.date_iso[8:10])
    holders: list[Node] = []  # the elements with a supplied child
    _add_strings(doc.body, _OPAQUE_FOR_ENTITIES, ctx.texts, ctx.parents, holders)  # the text as the name passes read it
    ctx.nodes = list(doc.body.iter())  # read by two passes; the body changes only after both
    ctx.record_words = _record_words(ctx)  # read by the two passes below: made once
    ctx.romance_heads = not _ROMANCE_HEAD_KEYS.isdisjoint(ctx.record_words)
    _propagate_listed_short_forms(ctx)
    _propagate_listed_given_names(ctx)
    _learn_office_symbols(ctx)
    _learn_local_names(ctx)
    _learn_office_holders(ctx)
    for holder in holders:
        _learn_expanded_abbreviations(ctx, holder)
        _learn_bracket_glossed_abbreviations(ctx, holder)
    _learn_parenthesised_abbreviations(ctx)
    _learn_defined_abbreviations(ctx)
    _read_shared_initials(ctx)
    _read_abbreviations_by_country(ctx)
    _read_short_forms_named_in_full(ctx)
    _tag_across_supplied(ctx, ctx.nodes)
    rewrite_text(doc.body, lambda text, parent: _tag_unless_alternate(ctx, text, parent), _OPAQUE_FOR_ENTITIES)
    if NOTE_ON_INITIALS in doc.editorial:  # (a note the editorial stage put on a name's initials)
        _names_through_notes(ctx.nodes)
    if doc.header.summary:
        holder = Node("p", {}, [doc.header.summary])
        rewrite_text(holder, lambda text, parent: _tag_text(ctx, text), _OPAQUE_FOR_ENTITIES)
        doc.abstract = holder.children
    if any(node.tag == "supplied" for node in ctx.nodes):  # tagging makes none: without one, nothing to link
        _link_alternate_names(ctx, doc.body)
    _link_bracketed_equivalents(ctx, doc)
    ctx.problems.extend(_dates_take_supplied_years(holders))  # a supplied year's parent is a holder
    # a mark inside a date, a supplied month: in the elements with a supplied child, or any with a sic (rare)
    marked = ctx.nodes if any(node.tag == "sic" for node in ctx.nodes) else holders
    if marked:
        _dates_through_marks(marked, ctx.default_year, ctx.default_month)
    _type_datelines(doc.body)
    _type_transmission_dates(doc.body)
    if ctx.rec.use_gazetteer:
        _tag_small_towns(ctx, doc.body)
    for name in doc.header.authors:
        xml_id = _resolve_name(ctx, name)
        if xml_id:
            doc.author_refs[name] = xml_id
            ctx.seen.setdefault(xml_id, []).append(name)
    if not ctx.rec.capital_of_country.keys().isdisjoint(ctx.seen):  # (cheap cue: such a country was linked)
        _capitals_in_lists_of_cities(ctx, doc)
    if not ctx.rec.dated_orgs.isdisjoint(ctx.seen):  # (cheap cue: a dated organisation was linked)
        _unlink_orgs_out_of_their_time(ctx, doc)
    for xml_id, forms in ctx.seen.items():
        e = ctx.entry(xml_id)
        variants = [f for f in dict.fromkeys(forms) if f != e.name]
        doc.entities[xml_id] = Entity(
            xml_id=xml_id, kind=e.kind, name=e.name, variants=variants, idnos=list(e.idnos), source=e.source
        )
    doc.warnings.extend(ctx.problems)
    forget_record_strings()
    return doc


_LIST_JOINS = (", ", ", and ", " and ", ",")


def _list_around(kids: list, i: int, place_tag: str) -> list[Node | None]:
    """The place names listed with kids[i], a place name, one list joined by commas or "and"
    ("Washington, Havana, Mexico, Caracas and La Paz"); None for an item that is no place name."""
    items: list[Node | None] = []
    for step in (-2, 2):
        j = i + step
        while 0 <= j < len(kids) and isinstance(kids[j - step // 2], str) and kids[j - step // 2] in _LIST_JOINS:
            item = kids[j]
            if not isinstance(item, Node) or item.tag != place_tag:
                items.append(None)
                break
            items.append(item)
            j += step
    return items


def _relink(ctx: _DocContext, node: Node, old: str, new: str) -> None:
    """Point the place name NODE from entry OLD to entry NEW, keeping ctx.seen (the forms each entry was
    named by) in step."""
    text = node.text()
    node.attrs["ref"] = f"#{new}"
    forms = ctx.seen.get(old, [])
    if text in forms:
        forms.remove(text)
    if not forms:
        ctx.seen.pop(old, None)
    ctx.seen.setdefault(new, []).append(text)


def _unlink_cities_chosen_by(ctx: _DocContext, items: list[Node | None], country: tuple[str, ...]) -> None:
    """Of the listed place names ITEMS, each city that _city_by_country chose among cities of its name
    because the record names COUNTRY (name keys), where that name stands in the list as its capital and so
    names no country ("La Paz" beside "Mexico" for Mexico City): made a place of the record, unlinked, and
    reported for review (a wrong link is worse than none; TEI P5 13.3.1: a @ref is a claim of identity)."""
    for item in items:
        if item is None:
            continue
        text = item.text()
        key = tuple(norm(t) for _, _, t in tokens(text))
        chosen = item.attrs.get("ref", "")[1:]
        countries = dict(ctx.rec.same_name_cities.get(key, ())).get(chosen)
        if not countries or country not in countries:
            continue
        _relink(ctx, item, chosen, ctx.unlinked_places.get(key) or _new_local_person(ctx, text, key, "place"))
        ctx.unlinked_places[key] = item.attrs["ref"][1:]
        said = (
            f"{text!r} left unlinked: the gazetteer holds cities of that name in several countries, and the"
            " record names the country that chose one only as its capital; review it"
        )
        if said not in ctx.problems:
            ctx.problems.append(said)


def _capitals_in_lists_of_cities(ctx: _DocContext, doc: Document) -> None:
    """A country's bare name that is also its capital's ("Mexico", gazetteer.json
    capitals_named_like_their_country) linked to the state, standing in a list beside a city and beside no
    other place ("the embassies in Washington, Havana, Mexico, Caracas"), names the capital: relinked to
    the city's entry, or, when no list holds the city, made a place of the record, unlinked (TEI P5 13.3.1:
    a @ref is a claim of identity; a wrong link is worse than none). Other mentions keep their reading.
    Rewrites the place names of doc.body and doc.abstract, and ctx.seen, in place."""
    place_tag, capitals = TAGS["place"], ctx.rec.capital_of_country
    stack: list[Node] = [doc.body, *(c for c in doc.abstract if isinstance(c, Node))]
    while stack:
        node = stack.pop()
        kids = node.children
        for i, child in enumerate(kids):
            if not isinstance(child, Node):
                continue
            stack.append(child)
            country = child.attrs.get("ref", "")[1:]
            if child.tag != place_tag or country not in capitals:
                continue
            items = _list_around(kids, i, place_tag)
            refs = [item.attrs.get("ref", "")[1:] if item is not None else "" for item in items]
            listed = any(r in ctx.rec.city_ids for r in refs) and all(
                r in ctx.rec.city_ids or r in capitals for r in refs
            )
            if not listed and not _place_of_dispatch(node, kids, i):
                continue  # no city beside it, or another place than a city in the list; no dateline or address
            text = child.text()
            key = tuple(norm(t) for _, _, t in tokens(text))
            _relink(ctx, child, country, capitals[country] or _new_local_person(ctx, text, key, "place"))
            if listed:
                _unlink_cities_chosen_by(ctx, items, key)


_CABLE_WORD = re.compile(r"\s*[A-Z]{4,}\s")  # the ministry's telegraphic word of a cable address ("RELACIONES ")
# ... or that word after an addressee label opening the line ("Addressed to: EXTERIORES ")
_ADDRESSEE_CABLE_WORD = re.compile(r"\s*(?:[Aa]ddressed [Tt]o|ADDRESSED TO|To|TO)\s*:\s*[A-Z]{4,}\s")


def _place_of_dispatch(node: Node, kids: list, i: int) -> bool:
    """Whether the place name kids[i] (children of `node`) says where a cable was written or is sent, and so
    names a town, never a state: the place of a dateline, first in its line or in a dateline element and
    followed by a comma and a date ("Mexico, 7 November 1962"), or the last word of a cable address in
    capitals, a telegraphic word before it, right after the cable's date, opening an addressee line or after an
    addressee label opening the line ("29 October 1962 RELACIONES MEXICO", "Addressed to: EXTERIORES MEXICO": the
    ministry in Mexico City). TEI P5 4.2.2 (dateline), 13.3.1."""
    before = kids[i - 1] if i else ""
    after = kids[i + 1] if i + 1 < len(kids) else ""
    if after == ", " and i + 2 < len(kids) and isinstance(kids[i + 2], Node) and kids[i + 2].tag == "date":
        return node.tag == "dateline" or (isinstance(before, str) and not before.strip())
    if not (isinstance(before, str) and isinstance(after, str) and not after.strip(" .")):
        return False
    if i == 1 and _ADDRESSEE_CABLE_WORD.fullmatch(before):
        return kids[i].text().isupper()  # "Addressed to: EXTERIORES MEXICO": a cable address opening the line
    if not _CABLE_WORD.fullmatch(before):
        return False
    if not kids[i].text().isupper():
        return False
    if i == 1:
        return node.tag == "seg" and node.attrs.get("type") in ("addressee", "to")
    return isinstance(kids[i - 2], Node) and kids[i - 2].tag in ("date", "dateline")


def _unlink_orgs_out_of_their_time(ctx: _DocContext, doc: Document) -> None:
    """Unlink the organisations the authority dates (<state type="existence" from to>: a party renamed or
    merged, the Hungarian Workers' Party of 1948-1956) that a record dated before their existence names, or
    after it when another dated entry began the day it ended (the body renamed: a later writer means the
    party that followed it by the old name); a body that ceased with no successor keeps its link in a later
    record (a history: "the cemetery of the Chinese People's Volunteers" in 1965). Each name becomes the
    record's own organisation (one unlinked entry per name), reported for review (a wrong link is worse
    than none, issue #12; TEI P5 13.3.1: a @ref is a claim of identity). A record with no date keeps the
    links. Rewrites doc.body, doc.abstract, doc.author_refs and ctx.seen in place."""
    when = date_span(doc.header.date_iso)
    if when is None:
        return
    out = set()
    for xml_id in ctx.rec.dated_orgs.intersection(ctx.seen):
        start, end = ctx.entry(xml_id).existence
        if (start and when[1] < start) or (end and when[0] >= end and end in ctx.rec.org_beginnings):
            out.add(xml_id)
    if not out:
        return
    made: dict[tuple[str, ...], str] = {}
    holders = [doc.body, *(c for c in doc.abstract if isinstance(c, Node))]
    for holder in holders:
        for node in holder.iter():
            ref = node.attrs.get("ref", "")[1:]
            if ref not in out or node.tag != TAGS["org"]:
                continue
            surface = node.text()
            key = tuple(norm(t) for _, _, t in tokens(surface))
            if key not in made:
                made[key] = _new_local_person(ctx, surface, key, "org", generic=True)
                start, end = ctx.entry(ref).existence
                ctx.problems.append(
                    f"{surface!r} left unlinked: the authority's {ref!r} existed {start or '?'} to {end or 'now'}, "
                    f"not on the record's date ({doc.header.date_iso}); review it"
                )
            node.attrs["ref"] = f"#{made[key]}"
            ctx.seen.setdefault(made[key], []).append(surface)
    for xml_id in out:
        ctx.seen.pop(xml_id, None)
    for name, xml_id in list(doc.author_refs.items()):
        if xml_id in out:
            del doc.author_refs[name]


_INITIALS_BEFORE_NOTE = re.compile(rf"(?:^|(?<=[\s(“\"'‘]))(?:[{UPPER}][{LOWER}]?\.\s?){{1,3}}$")


def _names_through_notes(nodes: list[Node]) -> None:
    """A person's initials, the translator's note on them and the tagged surname after it ("Ya. R. [sic:
    R. Ya.] Malinovsky": `Ya. R. <note>sic: R. Ya.</note> <persName>Malinovsky</persName>`) become one
    persName holding the note (TEI 13.2.1; note may stand inside a name, TEI 3.9.1): the bracket is an
    editorial note inside the name, which it does not cut. Rewrites the nodes' children in place."""
    for node in nodes:
        children = node.children
        if len(children) < 4:
            continue
        k = 1
        while k + 2 < len(children):
            note, gap, name = children[k], children[k + 1], children[k + 2]
            k += 1
            if not (isinstance(note, Node) and note.tag == "note" and note.attrs.get("type") == "editorial"):
                continue
            before = children[k - 2]
            if not (
                isinstance(gap, str)
                and gap == " "
                and isinstance(name, Node)
                and name.tag == TAGS["person"]
                and isinstance(before, str)
            ):
                continue
            initials = _INITIALS_BEFORE_NOTE.search(before)
            if initials is None:
                continue
            name.children = [before[initials.start() :], note, gap, *name.children]
            children[k - 2 : k + 2] = [before[: initials.start()], name] if initials.start() else [name]


def forget_record_strings() -> None:
    """Empty the caches keyed by a record's strings (tokens, _token_keys, _kinded_words) once the record is
    tagged. They serve the passes over one record, which read each string several times; a build reads
    each record once, so another record seldom asks for the same strings, while the cached tuples (some
    1,500 for a record of the seed's size) would stay alive for the collector to walk at every young
    collection and make each later lookup reach over thousands of entries: freed here by reference counting,
    they cost a seed-sized record about 5 % less time. The caches keyed by a word (norm, _word_kind) are
    kept: words recur from record to record. Input and output: none; the answers never change, only when
    they are worked out."""
    tokens.cache_clear()
    _token_keys.cache_clear()
    _kinded_words.cache_clear()


_OFFICES = tuple((name, tuple(norm(w) for w in name.split())) for name in office_names())


def _learn_office_holders(ctx: _DocContext) -> None:
    """An office whose name names its holder ("the Dalai Lama"; names.json persons_named_by_office) is a
    person of the record when the record prints its words (TEI 13.2.1: a name by which a person is known);
    not linked: the holder changes over time and no list says which one is meant."""
    for name, key in _OFFICES:
        if _all_in(key, ctx.record_words) and not ctx.forms(key) and key not in ctx.rec.rejected:
            xml_id = _new_local_person(ctx, name, key)
            ctx.add_local(key, _Form(xml_id, "person", tuple(True for _ in key), None, 2))


def _inline_supplied(child, before: object = None) -> bool:
    """Letters or words the translator supplied inside running text ("A[lexei]", "[Todor] Zhivkov"),
    or a word marked sic: text a name can run through. A gloss ("[KGB chairman]") is not, except the
    expansion of an abbreviation that ends a longer name (`before`: the string before the supplied text):
    "Politburo of CC of CPSU [Communist Party of the Soviet Union]" is one body's name, the gloss inside."""
    if not (isinstance(child, Node) and all(isinstance(c, str) for c in child.children)):
        return False
    if child.tag == "sic" or (child.tag == "supplied" and child.attrs.get("reason") == "expansion"):
        return True
    if child.tag != "supplied" or child.attrs.get("reason") != "clarification":
        return False
    words = child.text().split()
    if 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
        return not (isinstance(before, str) and _expands_abbreviation_before(before, words))
    return isinstance(before, str) and _expands_tail_abbreviation(before, words)


def _expands_abbreviation_before(before: str, words: list[str]) -> bool:
    """Whether `words` spell out the abbreviation of three letters or more that ends `before` ("PSP " before
    "[Popular Socialist Party]"): the bracket is the abbreviation's expansion, a second mention of the
    same body or place, never letters a name runs through (TEI 13.2.2: one name, one element)."""
    if not before.endswith(" "):
        return False
    m = _ABBREVIATION_BEFORE.search(before, max(0, len(before) - 8))
    return m is not None and len(m["abbr"]) >= 3 and _initials_hold(m["abbr"], words)


_TAIL_ABBREVIATION = re.compile(r"(?<![\w’'-])(?P<head>[A-Z][\w’'-]*) of (?:the )?(?P<abbr>[A-Z]{2,6}) $")


def _expands_tail_abbreviation(before: str, words: list[str]) -> bool:
    """Whether `words` spell out the abbreviation that ends `before` after a body's head word or unit and
    "of (the)" ("... Politburo of CC of CPSU ", "Department IV of the CPSU "): the abbreviation closes a
    longer name, so its gloss belongs to that name (not after a title: "the Secretary of the CPSU")."""
    if not before.endswith(" ") or len(words) > 12:
        return False
    m = _TAIL_ABBREVIATION.search(before, max(0, len(before) - 40))
    if m is None or not _initials_hold(m["abbr"], words):
        return False
    head = m["head"]
    return norm(head) in _ORG_HEADS or head in vocabulary().organ_abbreviations or bool(_UNIT_NUMBER.match(head))


_LAST_WORD = re.compile(r"(?:^|(?<=\s))(?P<word>[\w’']+) $")


def _pronoun_before_supplied(children: list, k: int) -> bool:
    """Whether string child k ends with a capitalised pronoun or function word right before supplied text:
    "He " of "He [Pham] said" is never part of the bracketed name. In lower case ("headed by [Sharof]
    Rashidov") no name runs across the word anyway, and the cue before the name must stay readable."""
    child = children[k]
    if not isinstance(child, str) or k + 1 >= len(children) or not _inline_supplied(children[k + 1], child):
        return False
    m = _LAST_WORD.search(child, last_words_start(child, 1))  # the match is the last word
    return m is not None and m["word"][:1].isupper() and fold(m["word"]) in vocabulary().before_bracketed_name


def _flat_part(children: list, k: int) -> str:
    """Child k of a node as the text a name may run through (_add_strings); " | " where none may."""
    child = children[k]
    if isinstance(child, str):
        return child + " | " if _pronoun_before_supplied(children, k) else child
    return child.text() if _inline_supplied(child, children[k - 1] if k else None) else " | "


def _runs_through_supplied(children: list) -> bool:
    """Does any of children hold supplied letters or words a name can run through (_inline_supplied)?"""
    before = None
    for child in children:  # a plain loop: this runs on every element of the body, mostly on strings
        if not isinstance(child, str) and child.tag in ("sic", "supplied") and _inline_supplied(child, before):
            return True
        before = child
    return False


def _read_apart(children: list, k: int) -> bool:
    """Whether child k's own strings are read apart from the run _add_strings gave whole: any element but
    supplied text the run holds; a gloss that holds a name ("[GDR envoy to Laos, Kurt Wendel]") is read
    apart, as it is in an element with no run through supplied text."""
    child = children[k]
    return child.tag != "supplied" or not _inline_supplied(child, children[k - 1] if k else None)


def _add_strings(
    node: Node, skip: frozenset[str], texts: list[str], parents: list[Node], holders: list[Node] | None = None
) -> None:
    """Every string under node (outside `skip` elements) appended to texts, in document order, and the
    element holding it to parents; a run broken by supplied letters or words ("A[lexei] N. Kosygin",
    "Comrade [Zhu] De") is given whole, as it reads. (Two lists filled by one walk: no generator per
    level, no tuple per string.) Each element with a supplied child is appended to `holders` when given."""
    children = node.children
    marked = False  # a supplied or sic child: without one (most elements) the two tests below have no work
    for child in children:  # a plain loop: this runs on every element of the body
        if not isinstance(child, str) and child.tag in ("supplied", "sic"):
            marked = True
            break
    if marked:
        for child in children:
            if not isinstance(child, str) and child.tag == "supplied":
                _split_glossed_given_names(vocabulary(), node)
                if holders is not None:
                    holders.append(node)
                break
    if marked and _runs_through_supplied(children):
        texts.append("".join(_flat_part(children, k) for k in range(len(children))))
        parents.append(node)
        for k, child in enumerate(children):
            if isinstance(child, Node) and child.tag not in skip and _read_apart(children, k):
                _add_strings(child, skip, texts, parents, holders)
        return
    for child in children:
        if isinstance(child, str):
            texts.append(child)
            parents.append(node)
        elif child.tag not in skip:
            _add_strings(child, skip, texts, parents, holders)


_ABBREVIATION_BEFORE = re.compile(r"(?<![\w’'-])(?P<abbr>[A-Z]{2,6}) $")
_STATE_WORDS = frozenset({"republic", "kingdom", "state", "states", "federation", "socialist"})


def _initials_hold(abbr: str, words: list[str]) -> bool:
    """Whether the letters of `abbr` are, in order, the first letters of capitalised words of `words`
    ("CSCE" in "European Conference on Security and Cooperation in Europe")."""
    initials = "".join(w[0] for w in words if w[:1].isupper())
    if not len(abbr) <= len(initials) <= len(abbr) + 2:
        return False
    k = 0
    for letter in initials:
        if k < len(abbr) and letter == abbr[k]:
            k += 1
    return k == len(abbr)


def _learn_expanded_abbreviations(ctx: _DocContext, holder: Node) -> None:
    """An abbreviation no list holds followed by the translator's bracketed expansion ("the CSCE
    [Conference on Security and Cooperation in Europe]") names one body: the abbreviation and the
    expansion become one record-local organisation (not linked), so that a place inside the expansion
    is part of the orgName, never a separate linked placeName (TEI P5 13.2.2). An expansion the lists
    know ("FRG [Federal Republic of Germany]"), one shaped as a state's name, one of common words only
    ("MFA [Ministry of Foreign Affairs]") and a two-letter one ("CP [Communist Party]") keep their reading."""
    children = holder.children
    for k in range(1, len(children)):
        child, before = children[k], children[k - 1]
        if not isinstance(child, Node) or child.tag != "supplied" or not isinstance(before, str):
            continue
        m = _ABBREVIATION_BEFORE.search(before, max(0, len(before) - 8))
        if m is None or not all(isinstance(c, str) for c in child.children):
            continue
        words = [t for _, _, t in tokens(child.text())]
        abbr, keys = m["abbr"], tuple(norm(w) for w in words)
        if len(abbr) < 3 or not _initials_hold(abbr, words) or _STATE_WORDS.intersection(keys):
            continue  # "CP [Communist Party]": two letters name any party; a state keeps the place rules
        if _generic_name(ctx.rec.names, child.text(), "org"):
            continue  # "MFA [Ministry of Foreign Affairs]": every state has one
        if ctx.forms(keys) or ctx.forms((norm(abbr),)) or (norm(abbr),) in ctx.rec.rejected:
            continue
        if abbr.startswith(_STATE_INITIALS):
            _learn_abbreviated_state(ctx, abbr, words, keys)  # "NRB [Narodna Republika Bulgaria]": a state
            continue
        xml_id = _new_local_person(ctx, abbr, (norm(abbr),), "org", generic=True)
        ctx.add_local((norm(abbr),), _Form(xml_id, "org", (True,), abbr, 2))
        ctx.add_local(keys, _Form(xml_id, "org", tuple(w[0].isupper() for w in words), None, 2))


def _learn_abbreviated_state(ctx: _DocContext, abbr: str, words: list[str], keys: tuple[str, ...]) -> None:
    """A state's abbreviation with its expansion in brackets, in the original language or another
    ("NRB [Narodna Republika Bulgaria]": a state prefix's letters, names.json state_prefix_expansions,
    then the initial of a listed country that ends the expansion): both are mentions of the place the
    prefixed country names (_prefixed_state), learnt for the record (TEI 13.2.3); else left alone."""
    for prefix, _ in ctx.rec.names.state_prefix_expansions:
        for n in (1, 2):
            country = keys[-n:]
            if len(keys) <= n or abbr != prefix + "".join(w[0] for w in words[-n:]):
                continue
            forms = [f for f in ctx.forms(country) if f.kind == "place"]
            if len({f.entity_id for f in forms}) != 1:
                continue
            xml_id = _prefixed_state(ctx, prefix, country, forms[0])
            if xml_id:
                ctx.add_local((norm(abbr),), _Form(xml_id, "place", (True,), abbr, 2))
                ctx.add_local(keys, _Form(xml_id, "place", tuple(w[:1].isupper() for w in words), None, 2))
            return


_ABBREVIATION_WORD = rf"[{UPPER}](?:[{LETTER_OR_MARK}]{{1,6}})"  # "MNO", "KSČ", "GKEhS": tested for capitals below
_ABBREVIATIONS_BEFORE = re.compile(rf"(?<![\w’'-])(?P<abbr>(?:{_ABBREVIATION_WORD} )?{_ABBREVIATION_WORD}) $")
_PARENTHESISED = re.compile(r"\((?P<inner>[^()\n]{2,80})\)")


def _abbreviation_shape(abbr: str) -> bool:
    """Whether `abbr` reads as an abbreviation: each word has two capitals at least and more capitals than
    small letters ("MNO", "HV KSČ", "GKEhS", "MfAA"), and three letters in all."""
    words = abbr.split()
    if len(words) == 1 and _ROMAN.fullmatch(abbr.rstrip(".")):
        return False  # "XXII [CPSU] Party Congress": a number, no abbreviation the bracket expands
    return sum(len(w) for w in words) >= 3 and all(
        sum(c.isupper() for c in w) >= 2 and sum(c.isupper() for c in w) > sum(c.islower() for c in w) for w in words
    )


def _gloss_reading(ctx: _DocContext, gloss: str) -> tuple[str, str] | None:
    """(kind, entity id or "") of a gloss that names a place or an organisation: a listed form of one
    place or body (its id), or, not listed, a capitalised name with an organisation's head word
    ("Ministry of National Defense": "" for a body of the record's own); else None."""
    toks = tokens(gloss)
    if not toks or not toks[0][2][:1].isupper():
        return None
    key = tuple(norm(t) for _, _, t in toks)
    forms = ctx.forms(key)
    if forms:
        ids, kinds = {f.entity_id for f in forms}, {f.kind for f in forms}
        if len(ids) == 1 and kinds <= {"place", "org"}:
            return kinds.pop(), ids.pop()
        return None
    if len(key) >= 2 and any(k in _HEAD_WORDS for k in key) and toks[-1][2][:1].isupper():
        return "org", ""
    return None


def _learn_glossed_abbreviation(ctx: _DocContext, abbr: str, gloss: str, unlisted_before: bool = False) -> None:
    """An abbreviation no list holds, printed with a gloss in brackets before or after it ("MNO [Ministry
    of National Defense]", "the Republic of China (ROC)", "KMT (Kuomintang)"), names what the gloss
    names: a listed place or body links to its entry, any other body is an organisation of the record
    (unlinked). Learnt for the whole record, so its uses before and after are tagged too (TEI 13.2.2).
    A two-word abbreviation whose last word is a listed body ("HV KSČ") lends its first word alone
    ("the HV") the same reading. An abbreviation an editor rejected stays untagged; one a list knows keeps
    its reading unless the gloss is another listed entry, which then wins for the record, or another
    body no list holds (_expands_to_another_body: "Palestine Liberation Army (PLA)" is not the listed
    People's Liberation Army), which then is the record's own body, unlinked. `unlisted_before`: the gloss
    is an unlisted name printed before the abbreviation ("... South Yemen (NLF)"), read only for that."""
    if not _abbreviation_shape(abbr):
        if " " not in abbr or not _abbreviation_shape(abbr.split()[-1]):
            return
        abbr = abbr.split()[-1]  # "The MNO [...]": the abbreviation is the last word
    key = tuple(norm(w) for w in abbr.split())
    if key in ctx.rec.rejected:
        return
    known = ctx.forms(key)
    if known:
        # a listed abbreviation keeps its reading, unless the record's own gloss is another listed entry
        # ("the Communist Party of Cuba (CPC)" where the lists give "CPC" to China's party): the record wins
        reading = _gloss_reading(ctx, gloss)
        ids = {f.entity_id for f in known}
        if reading and reading[1] and reading[1] not in ids and key not in ctx.local:
            ctx.overrule(key, _Form(reading[1], reading[0], tuple(True for _ in key), abbr, 0))
        elif reading and reading[1] in ids:
            return  # the gloss is a form of the abbreviation's own entry ("Worker’s" for the listed "Workers'")
        elif reading and key not in ctx.local and _expands_to_another_body(ctx, abbr, known, gloss):
            _overrule_with_record_body(ctx, abbr, key, gloss)
        elif not (reading and reading[1]) and not unlisted_before:
            _learn_unlisted_expansion(ctx, abbr, known, gloss)
        return
    reading = _gloss_reading(ctx, gloss)  # (a dictionary word is no bar: "ROC" is matched letter for letter)
    if reading is None:
        return
    kind, xml_id = reading
    if not xml_id:
        xml_id = _new_local_person(ctx, abbr, key, kind, generic=True)
        gloss_key = _org_key(gloss) if kind == "org" else ()
        if gloss_key and not ctx.forms(gloss_key):  # the gloss, its expansion, names the same body of the record
            ctx.add_local(gloss_key, _Form(xml_id, kind, tuple(t[:1].isupper() for _, _, t in tokens(gloss)), None, 2))
    ctx.add_local(key, _Form(xml_id, kind, tuple(True for _ in key), abbr, 2))
    first = abbr.split()[0]
    if (
        len(key) == 2
        and len(first) >= 2
        and not ctx.forms(key[:1])
        and any(f.kind == "org" for f in ctx.rec.lexicon.get(key[1:], ()))
    ):
        ctx.add_local(key[:1], _Form(xml_id, kind, (True,), first, 2))


def _expands_to_another_body(ctx: _DocContext, abbr: str, known: list[_Form], gloss: str) -> bool:
    """Whether an unlisted body's name glossing a listed abbreviation names another body than the listed
    one: a listed entity of the abbreviation has an English name the abbreviation spells (its own
    expansion: "People's Liberation Army" for "PLA"), and the gloss holds a capitalised word no name of
    that entity holds ("Palestine Liberation Army", "National Front for the Liberation of South Yemen"
    for "NLF"). A gloss in the original language of an abbreviation no English name spells ("ORI
    [Organizaciones Revolucionarias Integradas]") is not read so (_learn_unlisted_expansion links it)."""
    words = {norm(t) for _, _, t in tokens(gloss) if t[:1].isupper()} - _FUNCTION_WORDS
    for xml_id in {f.entity_id for f in known if f.kind == "org"}:
        entry = ctx.entry(xml_id)
        names = [[t for _, _, t in tokens(n)] for n in (entry.name, *entry.variants)]
        spelt = any(len(n) > 1 and _initials_hold(abbr, n) for n in names)
        if spelt and not words <= {norm(t) for n in names for t in n}:
            return True
    return False


def _overrule_with_record_body(ctx: _DocContext, abbr: str, key: tuple[str, ...], gloss: str) -> None:
    """The abbreviation `key` and its gloss name one organisation of the record for the whole record,
    not the listed body the abbreviation names elsewhere (TEI 13.2.2; a wrong link is worse than none)."""
    found = _record_org(ctx, gloss)
    if found is None:
        return
    gloss_key, xml_id = found
    ctx.overrule(key, _Form(xml_id, "org", tuple(True for _ in key), abbr, 0))
    if not ctx.local.get(gloss_key):
        ctx.add_local(gloss_key, _Form(xml_id, "org", tuple(True for _ in gloss_key), None, 2))


def _learn_unlisted_expansion(ctx: _DocContext, abbr: str, known: list[_Form], gloss: str) -> None:
    """The expansion of a listed abbreviation that no list holds in that wording ("ORI [Organizaciones
    Revolucionarias Integradas]", the original language's words) names the abbreviation's entity: learnt
    as its form for the record, so both mentions link to the one entry (TEI 13.2.2). Only when every
    word of the expansion is capitalised, its initials spell the abbreviation, and the abbreviation names
    one entity (two fit: no link is better than a wrong one)."""
    words = [t for _, _, t in tokens(gloss)]
    ids = {f.entity_id for f in known}
    if len(ids) != 1 or not words or not all(w[:1].isupper() for w in words) or not _initials_hold(abbr, words):
        return
    keys = tuple(norm(w) for w in words)
    if keys in ctx.rec.rejected or ctx.forms(keys):
        return
    ctx.add_local(keys, _Form(ids.pop(), known[0].kind, tuple(True for _ in keys), None, 2))


def _learn_bracket_glossed_abbreviations(ctx: _DocContext, holder: Node) -> None:
    """Each abbreviation right before the translator's bracketed gloss in `holder` ("HV KSČ [Main
    Committee of ...]"): see _learn_glossed_abbreviation."""
    children = holder.children
    for k in range(1, len(children)):
        child, before = children[k], children[k - 1]
        if not isinstance(child, Node) or child.tag != "supplied" or not isinstance(before, str):
            continue
        if not all(isinstance(c, str) for c in child.children):
            continue
        m = _ABBREVIATIONS_BEFORE.search(before, max(0, len(before) - 16))
        if m:
            _learn_glossed_abbreviation(ctx, m["abbr"], child.text().strip())


# an abbreviation defined with "=": "(OZÚ = Section for Special Assignments]" (a translator's note)
_DEFINED = re.compile(
    rf"(?<![\w’'-])(?P<abbr>[{UPPER}][{LETTER_OR_MARK}]{{1,6}}) = (?P<gloss>[{UPPER}][^()\[\]\n;=]{{2,80}}?)(?=[)\].;]|$)"
)


def _learn_defined_abbreviations(ctx: _DocContext) -> None:
    """Abbreviations defined with an equals sign ("OZÚ = Section for Special Assignments"): the
    abbreviation names what its definition names (_learn_glossed_abbreviation), in the whole record.
    Only strings with " = " are read."""
    for text in dict.fromkeys(t for t in ctx.texts if " = " in t):
        for m in _DEFINED.finditer(text):
            _learn_glossed_abbreviation(ctx, m["abbr"], m["gloss"].strip())


def _learn_parenthesised_abbreviations(ctx: _DocContext) -> None:
    """Abbreviations glossed in parentheses, in either order: "the Republic of China (ROC)" (the gloss is
    the listed name that ends right before), "KMT (Kuomintang)" (the gloss is inside); see
    _learn_glossed_abbreviation. Only strings with a parenthesis are read."""
    for text in dict.fromkeys(t for t in ctx.texts if "(" in t):
        for m in _PARENTHESISED.finditer(text):
            inner = m["inner"].strip()
            before = _ABBREVIATIONS_BEFORE.search(text, max(0, m.start() - 16), m.start())
            if before and not _abbreviation_shape(inner):
                _learn_glossed_abbreviation(ctx, before["abbr"], inner)  # "KMT (Kuomintang)"
            elif _abbreviation_shape(inner) and " " not in inner:
                gloss = _listed_name_before(ctx, text, m.start())
                if gloss:
                    _learn_glossed_abbreviation(ctx, inner, gloss)  # "the Republic of China (ROC)"
                elif ctx.rec.lexicon.get((norm(inner),)):
                    gloss = _capitalised_name_before(text, m.start())
                    if gloss:  # "the Palestine Liberation Army (PLA)": another body than the listed PLA?
                        _learn_glossed_abbreviation(ctx, inner, gloss, unlisted_before=True)


def _printed_in_full(ctx: _DocContext, name: str) -> bool:
    """Whether the record's text or summary prints `name` word for word (any case, any spacing)."""
    return _printed_together(ctx, [norm(t) for _, _, t in tokens(name)], gap=r"[\W_]+")


def _read_shared_initials(ctx: _DocContext) -> None:
    """An abbreviation the lists give one entry while another's name abbreviates to it as well ("CPC":
    the Communist Party of China's, and the initials of the Communist Party of Cuba) names, in this record,
    the one the record names in full: when that is another entry, the abbreviation links to it; when the
    record names two of them, or names none in full but prints the state another's name holds ("Vietnam",
    "Hanoi" for the Communist Party of Vietnam beside the listed Chinese People's Volunteers), it is an
    organisation or place left unlinked and reported for review (a wrong link is worse than none, TEI P5
    13.3.1); when it names none or only the listed one, the listed reading stands. An abbreviation the
    record glosses itself keeps that reading."""
    for key, readings in ctx.rec.shared_initials.items():
        if key[0] not in ctx.record_words or key in ctx.local:
            continue
        named = [r for r in readings if any(_printed_in_full(ctx, name) for name in r[3])]
        listed = {f.entity_id for f in ctx.rec.lexicon.get(key, ())}
        if not named:
            # no reading named in full, but the state another's name holds is ("CPV" in a record of Hanoi:
            # the Communist Party of Vietnam, or the Chinese People's Volunteers the lists give it): both fit
            named = [r for r in readings if r[0] not in listed and _names_a_place_of(ctx, r[3])]
            named += [r for r in readings if r[0] in listed] if named else []
            named = named or _readings_of_the_day(ctx, readings, listed)
        if not named or {r[0] for r in named} <= listed:
            continue
        if any(_spelt_otherwise(ctx, r[0], r[2]) for r in named if r[0] not in listed):
            # "the Cuban Communist Party (PCC) ... the CCP": the body named in full has its own letters in the
            # record, so the initials may as well be the listed body's: both fit
            named += [r for r in readings if r[0] in listed and r not in named]
        xml_id, kind, abbr, _names = named[0]
        if len(named) > 1:
            kind = kind if len({r[1] for r in named}) == 1 else "org"
            xml_id = _new_local_person(ctx, abbr, key, kind, generic=True)
            ctx.problems.append(
                f"'{abbr}' may name {' or '.join(ctx.entry(r[0]).name for r in named)}, which the record "
                "names both (in full, or by the state one's name holds), or of which the listed one did not exist "
                "on the record's date: left unlinked for review"
            )
        ctx.overrule(key, _Form(xml_id, kind, (True,), abbr, 0))


def _spelt_otherwise(ctx: _DocContext, xml_id: str, abbr: str) -> bool:
    """Whether the record prints another abbreviation the entry `xml_id` lists (a variant in capitals, two
    letters or more, not `abbr`): "PCC" for the Communist Party of Cuba where the record also prints "CCP"."""
    entry = ctx.entry(xml_id)
    return any(
        len(v) >= 2 and v.isupper() and " " not in v and v != abbr and norm(v) in ctx.record_words
        for v in entry.variants
    )


def _readings_of_the_day(ctx: _DocContext, readings, listed: set[str]) -> list:
    """The readings of a shared abbreviation fit for a record whose date lies outside the existence of
    every entry the lists give it (<state type="existence">: "CPV", the Chinese People's Volunteers of
    1950-1958, in a record of 1980): the other readings whose entries existed on the record's date, when
    only one did and the authority dates it (the Communist Party of Vietnam, named so from December 1976),
    else all of them (left unlinked by the caller, for review); [] when the listed reading fits the date
    or the record has none (the listed reading stands). A wrong link is worse than none (issue #12)."""
    when = date_span(ctx.doc.header.date_iso)
    if when is None:
        return []
    existed = {r[0]: _existed_on(ctx.entry(r[0]).existence, when) for r in readings}
    if any(existed[r[0]] for r in readings if r[0] in listed):
        return []
    dated = [r for r in readings if r[0] not in listed and existed[r[0]] and ctx.entry(r[0]).existence[0]]
    return dated if len(dated) == 1 else list(readings)


def _existed_on(existence: tuple[str | None, str | None], when: tuple[str, str]) -> bool:
    """Whether an entity existing from `existence`[0] to `existence`[1] (ISO, either None) existed on
    some day of `when` (first and last day, ISO)."""
    start, end = existence
    return (start is None or when[1] >= start) and (end is None or when[0] < end)


def _read_abbreviations_by_country(ctx: _DocContext) -> None:
    """An abbreviation bodies of several countries bore (gazetteer.json abbreviations_by_country: "NLF")
    names the listed body only in a record that names the country that body's name holds ("Vietnam",
    "South Vietnamese", "Saigon", "DRV" for the National Liberation Front of South Vietnam); elsewhere it
    is a body of the record, unlinked and reported for review (a wrong link is worse than none, issue
    #12; TEI P5 13.3.1). An abbreviation the record defines keeps that reading."""
    for abbr in ctx.rec.link_rules.abbreviations_by_country:
        key = (norm(abbr),)
        if key[0] not in ctx.record_words or key in ctx.local:
            continue
        listed = sorted({f.entity_id for f in ctx.rec.lexicon.get(key, ()) if f.kind == "org" and f.exact == abbr})
        if len(listed) != 1:
            continue
        entry = ctx.entry(listed[0])
        names = tuple(n for n in (entry.name, *entry.variants) if len(tokens(n)) > 1)
        if _names_a_place_of(ctx, names, adjectives=True):
            continue
        xml_id = _new_local_person(ctx, abbr, key, "org", generic=True)
        ctx.problems.append(
            f"'{abbr}' left unlinked: the record does not name the country of {entry.name}, and bodies of other "
            "countries bore the abbreviation; review it"
        )
        ctx.overrule(key, _Form(xml_id, "org", (True,), abbr, 0))


# "TO : AF – Governor Williams": an address line's word, its colon, an office symbol in capitals, a dash, a name
_OFFICE_SYMBOL = re.compile(
    rf"(?m)^[ \t]*(?:{'|'.join(map(re.escape, address_line_words()))})[ \t]*:[ \t]*"
    rf"(?P<symbol>[{UPPER}]{{2,5}}(?:/[{UPPER}]{{1,5}})?)[ \t]+[–—-][ \t]+(?=[{UPPER}])"
)


def _learn_office_symbols(ctx: _DocContext) -> None:
    """The office symbol a memorandum's address line prints before a dash and the addressee's or
    sender's name ("TO : AF – Governor Williams", "FROM : AFN – John F. Root"; names.json
    address_line_words): the bureau the person serves, an organisation of the record (unlinked: a symbol
    names a unit of whichever ministry wrote it), in the whole record; never a person. A symbol a list
    knows, or that names no body (names.json not_body_abbreviations), keeps its reading (TEI 13.2.2)."""
    for text in dict.fromkeys(t for t in ctx.texts if ":" in t and " " in t):
        for m in _OFFICE_SYMBOL.finditer(text):
            symbol = m["symbol"]
            key = tuple(norm(t) for _, _, t in tokens(symbol))
            if ctx.forms(key) or symbol in _NOT_BODY_ABBREVIATIONS or key in ctx.rec.rejected:
                continue
            xml_id = _new_local_person(ctx, symbol, key, "org", generic=True)
            ctx.add_local(key, _Form(xml_id, "org", tuple(True for _ in key), symbol, 2))


def _read_short_forms_named_in_full(ctx: _DocContext) -> None:
    """A place's short form that cables print ("LA", "Rio": gazetteer.json short_forms_named_in_full)
    names the place its full name names ("Latin America", "Rio de Janeiro") in a record that prints the
    full name too, in its text or title, and the one entry it is; letter for letter ("la" and "La" are
    other words), never beside a word in capitals (a heading: "DE LA PAZ") nor in a record that prints
    another name listed with it ("Los Angeles"). Elsewhere the short form stays untagged (issue #12: a
    wrong link is worse than none; TEI 13.2.3). A form a list or the record already reads keeps it."""
    for short, full, others in ctx.rec.link_rules.short_forms_named_in_full:
        key = (norm(short),)
        if key[0] not in ctx.record_words or key in ctx.local or ctx.forms(key):
            continue  # (most records: the cheap test first)
        texts = [*ctx.texts, ctx.doc.header.title]
        if not any(full in t for t in texts) or any(o in t for t in texts for o in others):
            continue
        places = {f.entity_id for f in ctx.forms(tuple(norm(t) for _, _, t in tokens(full))) if f.kind == "place"}
        if len(places) != 1:
            continue
        beside_capitals = re.compile(rf"(?:\b[{UPPER}]{{2,}}\W{{1,2}}{short}|{short}\W{{1,2}}[{UPPER}]{{2,}})\b")
        if any(beside_capitals.search(t) for t in ctx.texts if short in t):
            continue
        ctx.add_local(key, _Form(next(iter(places)), "place", (True,), short, 2))


def _tokens_ending_before(text: str, at: int, reach: int) -> tuple[int, tuple[tuple[int, int, str], ...]]:
    """(base, tokens) of the `reach` characters before `at` when a word ends there with one space before
    `at` (positions relative to base); tokens empty otherwise."""
    if text[at - 1 : at] != " ":
        return 0, ()
    base = max(0, at - reach)
    toks = tokens(text[base : at - 1])
    if not toks or toks[-1][1] != at - 1 - base:
        return base, ()
    return base, toks


def _listed_name_before(ctx: _DocContext, text: str, at: int) -> str | None:
    """The longest listed form (up to six words) that ends right before `at` (a space between), else None."""
    toks = _tokens_ending_before(text, at, 120)[1]
    if not toks:
        return None
    keys = [norm(t[2]) for t in toks]
    for length in range(min(6, len(toks)), 0, -1):
        if ctx.forms(tuple(keys[-length:])):
            before = toks[-length - 1][2] if length < len(toks) else ""
            if before[:1].isupper() or before in _NAME_CONNECTORS:
                return None  # "the Patriotic Youth Front of Laos (PYFL)": the listed name ends a longer one
            return " ".join(t[2] for t in toks[-length:])
    return None


_NAME_CONNECTORS = frozenset({"of", "for", "and", "de", "du", "des", "der", "la", "le", "di", "del"})


def _capitalised_name_before(text: str, at: int) -> str | None:
    """The capitalised words (up to ten, joined by _NAME_CONNECTORS and "the") that end right before
    `at` with a space between ("the National Front for the Liberation of South Yemen (NLF)"), else None."""
    base, toks = _tokens_ending_before(text, at, 160)
    if not toks:
        return None
    k = len(toks)
    while k > 0 and len(toks) - k < 10:
        word = toks[k - 1][2]
        if not (word[:1].isupper() or word in _NAME_CONNECTORS or word == "the"):
            break
        k -= 1
    while k < len(toks) and (not toks[k][2][:1].isupper() or norm(toks[k][2]) == "the"):
        k += 1  # "the", "The", "of" do not begin the name
    if len(toks) - k < 2:
        return None
    return text[base + toks[k][0] : at - 1]


def _unlisted_person_pair(rec: EntityRecognizer, words: list[str]) -> bool:
    """Whether a given name found by its shape and the word after it may be a person: the surname no
    dictionary word, and neither word nor the pair a place or body the lists hold ("Nový Jičín")."""
    surname = words[-1]
    if rec.names.is_common_word(surname) or rec.names.is_title_word(surname) or norm(surname) in rec.names.not_names:
        return False
    keys = [(norm(words[0]),), (norm(surname),), tuple(norm(w) for w in words)]
    return not any(f.kind != "person" for k in keys for f in rec.lexicon.get(k, ()))


# "to Naszkowski (Warsaw)": a telegram's sender or addressee, then a listed place in brackets
_BRACKETED_PLACE = re.compile(rf" \((?P<place>[{UPPER}][^()\n]{{1,39}})\)")
_WORD_BEFORE = re.compile(rf"(?<![\w.’'-]){_NAME_TOKEN}$")


# "Zielinski", "Rapacki", "Piecuch": surnames; adjectives of these endings are dictionary words ("French")
_SURNAME_NOT_ADJECTIVE = re.compile(r"(?:(?:sk|ck|zk)[iy]|ch|ic)$")


# "the al-Azhari government": a surname with a lower-case particle joined by a hyphen, then a noun
_PARTICLE_SURNAME_BEFORE = re.compile(rf"(?<![\w’'-])(?:al|el)-[{UPPER}][\w’']+ (?P<noun>[a-z]+)\b")


def _particle_surnames_before_government(rec: EntityRecognizer, text: str) -> list[str]:
    """A surname with its Arabic particle joined by a hyphen before a noun that makes it a leader's name
    ("the al-Azhari government"; names.json governments_after_leader): a person (TEI 13.2.1), unless the
    lists hold the word as a place or body."""
    names = []
    for m in _PARTICLE_SURNAME_BEFORE.finditer(text):
        word = m.group(0)[: m.start("noun") - m.start() - 1]
        if m["noun"] in rec.names.governments_after_leader and _unlisted_name(rec, [word]):
            names.append(word)
    return names


def _national_adjective_shape(v, word: str) -> bool:
    """Whether a word has a national adjective's shape ("Bulgarian", "Polish", "Slovak"), not a surname's
    ("Katerinich", "Wierzbowski"); one ending in -i only when names.json lists it ("Iraqi", not "Sabri")."""
    if not _NATIONAL.match(word) or _SURNAME_NOT_ADJECTIVE.search(word):
        return False
    return not word.endswith("i") or fold(word) in v.adjectives_in_i


def _unlisted_name(rec: EntityRecognizer, words: list[str]) -> bool:
    """Whether capitalised words found by their context alone may be a person no list holds: no word a
    dictionary word, title, listed non-name or national adjective, and no word nor the whole a place or
    body the lists hold. A small town the gazetteer alone holds ("Hassan states that", "Mr. Hassan told") is
    no obstacle: the cue that found the words makes them a person's name (a person cue beats a match in the
    gazetteer alone, as _person_cue_before; data/gazetteer.json link_without_support_min_population)."""
    v = rec.names
    if any(
        v.is_common_word(w)
        or v.is_title_word(w)
        or norm(w) in v.not_names
        or (_national_adjective_shape(v, w) and norm(w) not in v.given)  # ("Hassan" is a listed given name)
        for w in words
    ):
        return False
    keys = [(norm(w),) for w in words] + [tuple(norm(w) for w in words)]
    return not any(
        f.kind != "person" and not _small_gazetteer_town(rec, f) for k in keys for f in rec.lexicon.get(k, ())
    )


def _listed_beyond_towns(rec: EntityRecognizer, word: str) -> bool:
    """Whether the lists hold `word` as a name other than a small town the gazetteer alone holds."""
    return any(not _small_gazetteer_town(rec, f) for f in rec.lexicon.get((norm(word),), ()))


def _small_town_only(ctx: _DocContext, key: tuple[str, ...]) -> bool:
    """Whether every listed form of `key` that is no person is a small town the gazetteer alone holds
    (_small_gazetteer_town), and there is one."""
    forms = ctx.forms(key)
    return any(f.kind != "person" for f in forms) and all(
        f.kind == "person" or _small_gazetteer_town(ctx.rec, f) for f in forms
    )


def _small_gazetteer_town(rec: EntityRecognizer, form: _Form) -> bool:
    """Whether `form` is a city the gazetteer alone holds, too small to be linked without support."""
    city = rec.gazetteer_cities.get(form.entity_id) if form.rank == 1 else None
    return city is not None and city[0] < rec.link_rules.min_population


# words in capitals, two to four ("JANOS LEWANDOWSKI", "LUIZ LEIVAS BASTIAN PINTO"): a name printed as a heading
_CAPS_NAME = re.compile(rf"[{UPPER}]{_AFTER_BOUNDARY}[{UPPER}]+(?: [{UPPER}][{CAPS_REST}'’-]+){{1,5}}(?![\w’'-])")


def _capitals_name(rec: EntityRecognizer, words: list[str], whole_line: bool) -> str:
    """The person's name in words printed in capitals, or "": a listed given name (after titles only), then the
    words up to the first dictionary word, title or listed non-name ("JANOS LEWANDOWSKI, DIRECTOR");
    none of them, nor the whole, a place or body the lists hold."""
    v = rec.names
    first = next((k for k, w in enumerate(words[:-1]) if norm(w) in v.given), None)
    if first is None or any(not v.is_title_word(w) for w in words[:first]):
        return ""  # "AMBASSADOR LUIZ ...": only titles before the given name
    words = words[first:]
    name = words[:1]
    for k, word in enumerate(words[1:], start=2):
        # a dictionary word ends the name, unless it ends a line that holds only the name ("... BASTIAN PINTO")
        common = v.is_common_word(word) and not (whole_line and k == len(words))
        if common or v.is_title_word(word) or norm(word) in v.not_names:
            break
        name.append(word)
    return " ".join(name) if len(name) > 1 and _unlisted_name_words(rec, name) else ""


def _listed_state_word(rec: EntityRecognizer, word: str) -> bool:
    """Whether one word is a country's name the gazetteer holds ("Cuba"), which no surname after a role is."""
    return norm(word) in _country_names()


def _listed_non_person(rec: EntityRecognizer, word: str) -> bool:
    """Whether one word is a place's or body's name the lists hold ("Ethiopia" of "Ambassador to Ethiopia
    A.P. Ratanov", a post's place before the initials: no given name)."""
    return any(f.kind != "person" for f in rec.lexicon.get((norm(word),), ()))


def _unlisted_name_words(rec: EntityRecognizer, words: list[str]) -> bool:
    """No word of a name after its given name, nor the whole, is a place or body the lists hold."""
    keys = [(norm(w),) for w in words[1:]] + [tuple(norm(w) for w in words)]
    return not any(f.kind != "person" for k in keys for f in rec.lexicon.get(k, ()))


def _cued_names(rec: EntityRecognizer, text: str, runs: dict[str, str]) -> list[str]:
    """Names found by the words around them: after a cue ("led by Skachkov", "Deciphered by Piecuch";
    names.json name_cues), or before a listed place in brackets ("to Naszkowski (Warsaw)"). `runs`:
    as for _rule_names."""
    names = []
    if " by " in text or "by " in text[:3] or "ccording to" in text:
        for m in _cue_matches(rec.cued_name, _cue_forms(rec.names.name_cues), text):
            run = _name_run_of(rec.names, m.group("name"), runs)
            if run.isupper() and len(run) <= 3 and norm(run) not in rec.names.east_asian_family:
                continue  # "according to AP and UPI": an abbreviation (an agency's), not a surname in capitals
            if run and _unlisted_name(rec, run.split()):
                names.append(run)
    for m in _BRACKETED_PLACE.finditer(text) if " (" in text else ():
        forms = rec.lexicon.get(tuple(norm(t) for _, _, t in tokens(m.group("place"))), ())
        if not forms or any(f.kind != "place" for f in forms):
            continue
        before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before and _unlisted_name(rec, [before.group(0)]):
            names.append(before.group(0))
    return names


# after a verb of address, the capitalised word that "of", "that", "about" or "to" follows
_ADDRESSED = re.compile(rf" (?P<name>{_NAME_TOKEN})(?= (?:of|that|about|to)\b)")
# a line that holds only "To", a name and maybe a full stop: the addressee of a telegram or letter
_ADDRESSEE_LINE = re.compile(rf"\s*To:?\s+(?P<name>{_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,2}})\.?\s*")
_NAME_RUN_BEFORE = re.compile(rf"(?<![\w.’'-])(?P<run>{_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,2}})$")
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:the|The|a|an)\s$")


def _abbreviation_cased(word: str) -> bool:
    """Whether `word` has more capitals than small letters, an abbreviation in mixed case ("MfAA", "MfS",
    "CPSU's"), never a name's shape ("McCloy", "DeGaulle")."""
    return sum(c.isupper() for c in word) > sum(c.islower() for c in word)


def _names_by_their_verbs(rec: EntityRecognizer, text: str) -> list[str]:
    """Names no list holds found by the verbs around them: capitalised words right before a verb of speech
    ("Trojanowski said", "Comrade Alexandrov replied": the title left out), or right after a verb of address
    that "of", "that", "about" or "to" follows ("informs Vyshinsky of the visit"). Not after an article, not
    in capitals (an agency: "TASS said"), no word a dictionary word, title, national adjective, listed place
    or body (_unlisted_name: "Moscow said" is a place)."""
    v = rec.names
    names = []
    for m in rec.verb.finditer(text):
        verb = m["verb"]
        if (
            verb in rec.address_verbs
            and text[m.end() + 1 : m.end() + 2].isupper()
            and (addressed := _ADDRESSED.match(text, m.end()))
        ):
            word = addressed["name"]
            if not word.isupper() and _unlisted_name(rec, [word]) and not _misspelt_surname(rec, word):
                names.append(word)
        last = text[text.rfind(" ", 0, m.start()) + 1 : m.start()]
        if verb not in rec.speech_verbs or not last[:1].isupper() or last.lower() in _NOT_NAMES:
            continue  # (most verbs follow a word in lower case or a pronoun: "he said", "He said"; cheap looks first)
        if _listed_beyond_towns(rec, last):
            continue  # "Tsedenbal said", "with Tsedenbal Ulanfu said": a listed name is the authority's to find
        before = _NAME_RUN_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if before is None or _ARTICLE_BEFORE.search(text, max(0, before.start() - 5), before.start()):
            continue
        if text[max(0, before.start() - 6) : before.start()].split()[-1:] in (["of"], ["from"], ["in"], ["for"]):
            continue  # "the envoy of Lumeria told us": the place or body a person comes from
        words = before["run"].split()
        while words and (v.is_title_word(words[0]) or v.is_common_word(words[0])):
            words = words[1:]  # "Comrade Alexandrov", "Then Alexandrov": the name after them
        if any(_listed_beyond_towns(rec, w) for w in words):
            continue  # (a listed name before it: "Tsedenbal Dash said"; a small town is no obstacle: "Hassan said")
        if not words or any(w.isupper() or _abbreviation_cased(w) for w in words) or not _unlisted_name(rec, words):
            continue  # ("The MfAA replied": an abbreviation in mixed case, more capitals than small letters)
        if len(words) > 1 or not _misspelt_surname(rec, words[0]):
            names.append(_name_run(v, words) if len(words) > 1 else words[0])
    return names


def _misspelt_surname(rec: EntityRecognizer, word: str) -> bool:
    """Whether `word` is a listed surname misspelt ("Castro asks Kuydryavstev to"): within 85 points of
    one (_close_surnames); the near-miss rule links it with sic/corr (_near_miss), no rule makes it a
    person of the record."""
    scored = _close_surnames(rec, norm(word)) if len(word) >= 6 else []
    return bool(scored) and scored[0][0] >= 85


@lru_cache(maxsize=4)
def _married_name_pattern(endings: tuple[str, ...]) -> re.Pattern:
    """A capitalised word ending as names.json married_name_endings say ("Vajdáné"), maybe after another
    capitalised word ("Kovács Jánosné")."""
    ends = "|".join(re.escape(e) for e in endings)
    return re.compile(
        rf"(?:(?P<before>{_NAME_TOKEN}) )?(?P<word>[{UPPER}]{_AFTER_BOUNDARY}[{LOWER}]+(?:{ends}))(?![\w’'-])"
    )


def _married_names(rec: EntityRecognizer, text: str) -> list[str]:
    """Married women's names by their shape (names.json married_name_endings: Hungarian "Vajdáné",
    "Kovács Jánosné"): the word no dictionary word, listed given name ("René") or listed place or body;
    the capitalised word before it joins the name when it is no dictionary word, title or listed place."""
    v = rec.names
    names = []
    for m in _married_name_pattern(v.married_name_endings).finditer(text):
        word = m["word"]
        if norm(word) in v.given or not _unlisted_name(rec, [word]):
            continue
        before = m["before"]
        names.append(f"{before} {word}" if before and _unlisted_name(rec, [before]) else word)
    return names


@lru_cache(maxsize=4)
def _cue_forms(cues: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """names.json name_cues as the recogniser's cued_name pattern takes them (as listed and capitalised),
    grouped by their last word: (("by", ("led by", "Led by", ...)), ("to", ("according to", ...)))."""
    groups: dict[str, set[str]] = {}
    for cue in cues:
        for form in (cue, cue[:1].upper() + cue[1:]) if cue else ():
            groups.setdefault(form.rsplit(" ", 1)[-1], set()).add(form)
    return tuple((last, tuple(sorted(forms))) for last, forms in sorted(groups.items()))


@lru_cache(maxsize=8)
def _chars_before_last(last: str, forms: tuple[str, ...]) -> frozenset[str] | None:
    """The character before `last` at the end of each form; None when a form is `last` alone (it begins
    wherever `last` is printed, after any character)."""
    if last in forms:
        return None
    return frozenset(form[len(form) - len(last) - 1] for form in forms)


@lru_cache(maxsize=8)
def _forms_by_length(forms: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    """The cue forms grouped by their length: one slice and set lookup per length where a cue's last word
    is printed, instead of a comparison per form."""
    lengths: dict[int, set[str]] = {}
    for form in forms:
        lengths.setdefault(len(form), set()).add(form)
    return tuple((length, frozenset(same)) for length, same in sorted(lengths.items()))


def _cue_matches(pattern: re.Pattern, cue_forms: tuple[tuple[str, tuple[str, ...]], ...], text: str) -> list[re.Match]:
    """pattern.finditer(text) for a pattern whose matches begin with one of the cue forms as printed
    (cued_name): the same matches, tried only where a form is printed (found from its last word, a fast
    string search) instead of at every position of the text."""
    starts = set()
    for last, forms in cue_forms:
        # the characters that come right before `last` in its forms (" " of "led by"): a printed `last`
        # after none of them ("nearby", "Hobby", "into") ends no form
        before = _chars_before_last(last, forms)
        by_length = _forms_by_length(forms)  # (asked once per group, not at each printing of `last`)
        at = text.find(last)
        while at >= 0:
            end = at + len(last)
            if before is not None and text[at - 1 : at] not in before:
                at = text.find(last, at + 1)
                continue
            for length, same_length in by_length:  # (26 forms end in "by", of a few lengths)
                start = end - length
                if start >= 0 and text[start:end] in same_length:
                    starts.add(start)
            at = text.find(last, at + 1)
    found = []
    pos = 0
    for start in sorted(starts):
        m = pattern.match(text, start) if start >= pos else None
        if m is not None:
            found.append(m)
            pos = m.end()
    return found


def _has_role_word(rec: EntityRecognizer, text: str) -> bool:
    """Whether a word of `text` (split at whitespace) is a role or rank in lower case (rec.role_words):
    every match of rec.role_name and rec.qualified_role holds one as a word of its own (whitespace before
    the role and after it; str.split's whitespace is the patterns' \\s), so a string without one is
    scanned by neither."""
    return not rec.role_words.isdisjoint(text.split())


def _east_asian_shape_of(words: list[str], shapes: dict[tuple[str, ...], bool]) -> bool:
    """east_asian_shape(words), remembered in `shapes` (one record's answers: it names its people again and again)."""
    key = tuple(words)
    shape = shapes.get(key)
    if shape is None:
        shape = shapes[key] = east_asian_shape(words)
    return shape


def _rule_names(
    rec: EntityRecognizer,
    text: str,
    runs: dict[str, str] | None = None,
    shapes: dict[tuple[str, ...], bool] | None = None,
) -> list[str]:
    """Names found in running text by their shape: after a title, with initials, inverted, given + surname,
    Mongolian patronymic, East Asian family name + syllables. `runs`: the record's _name_run answers
    for a given name and what follows it, by those words (a record names its people again and again);
    `shapes`: the record's east_asian_shape answers (_east_asian_shape_of)."""
    if _CAPITAL.search(text) is None:
        return []  # every rule's name holds a capital of this class: a string without one names nobody
    v = rec.names
    runs = {} if runs is None else runs
    shapes = {} if shapes is None else shapes
    names = []
    pos = 0
    while (m := rec.title_name.search(text, pos)) is not None:
        pos = m.end()
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_."):
            continue  # inside a word: the pattern leaves this check out so that its scan stays fast
        run = _name_run_of(v, m.group("name"), runs)
        if (
            run
            and _NAMED_AFTER.match(text, m.start("name") + len(run))
            and _named_after_person(v, text, m.start("name") + len(run))
        ):
            continue  # "Chairman Kim's Villa" is a building, not a mention of a person
        if run and _title_case(v, text) and all(v.is_common_word(w) for w in run.split()):
            continue  # "A Cuban Leader Talked about …": a heading's capitalised words, no name
        if not run or _inside_title(v, text, m.start("name") + len(run), run):
            # "Deputy Special Assistant", "Chief Cabinet Secretary Abe": a word of the title, not a name; the
            # title after it may begin a name ("Secretary Abe"): read on from that word
            pos = m.start("name")
            continue
        names.append(run)
    roles = _has_role_word(rec, text)  # (most strings print no role in lower case: both scans skipped)
    for m in rec.role_name.finditer(text) if roles else ():
        run = _name_run_of(v, m.group("name"), runs)
        if run and not any(v.is_common_word(w) or _listed_state_word(rec, w) for w in run.split()):
            names.append(run)  # ("the minister Cuba would agree": a state after a role is no surname)
    for m in rec.qualified_role.finditer(text) if roles else ():  # "with energy minister Neporozhny": no article
        after_role = _NAME_AFTER_ROLE.match(text, m.end())
        run = _name_run_of(v, after_role.group(0), runs) if after_role else ""
        if run and not any(
            v.is_common_word(w) or v.is_title_word(w) or _listed_state_word(rec, w) for w in run.split()
        ):
            names.append(run)
    names.extend(_cued_names(rec, text, runs))
    if any(ending in text for ending in v.married_name_endings):
        names.extend(_married_names(rec, text))
    names.extend(_names_by_their_verbs(rec, text))
    if "l-" in text:
        names.extend(_particle_surnames_before_government(rec, text))
    if text[:4].lstrip().startswith("To"):
        addressee = _ADDRESSEE_LINE.fullmatch(text)
        if (
            addressee
            and _unlisted_name(rec, addressee["name"].split())
            and not _misspelt_surname(rec, addressee["name"])
        ):
            names.append(_name_run(v, addressee["name"].split()))  # "To Vyshinsky.": a telegram's addressee
    if _APPOSITION in text:
        names.extend(_names_before_a_role(v, text))
    if " – " in text or " - " in text or " — " in text:
        names.extend(_names_before_a_dash_role(rec, text))
    if ", " in text:
        names.extend(_names_after_a_role(v, text))
    if " of " in text and _text_kinds(text) & _ORG_HEAD:  # (a body's head word in the string: few strings)
        names.extend(_names_after_a_role_of_a_body(v, text))
    if " to " in text and _title_before_a_to(v, text):  # (what every post rule's match holds: few strings)
        names.extend(_names_after_a_post(rec, text))
    if _KIN_CUE.search(text):  # (a noun of kin after a space: one scan before the rule's pattern)
        names.extend(_given_names_after_kin(rec, text))
    initials = _MAY_HOLD_INITIAL.search(text) is not None  # one cheap scan instead of three for most strings
    for m in _INITIALS_NAME.finditer(text) if initials else ():
        before = _WORD_BEFORE_INITIALS.search(text[max(0, m.start() - 40) : m.start()])
        if before and norm(before.group(1)) in v.given:
            continue  # a middle initial: "Alexei N. Kosygin" is found whole by the given-name rule
        if _is_prefixed_state(rec, m.group(0)):
            continue  # "P.R. Romania": a state prefix and a listed place, never a person
        if _is_numbered_heading(rec, m.group(0)):
            continue  # "Appendix V. Information Report": a section's numeral and a common word, no person
        if _is_listed_abbreviation(rec, m.group(0)):
            continue  # "for the U.N. Goulart's emissary": a listed body's initials end a sentence, no name's
        if _is_title_initial(v, text, m.start()):
            names.append(_name_run_of(v, m.group(0)[2:].lstrip(), runs))
            continue  # "C. Moskovskyi asked c. Moravec": "C." is "c." (comrade) at a sentence's start
        given = before.group(1) if before else ""
        if given and not (
            v.is_title_word(given)
            or v.is_common_word(given)
            or norm(given) in v.not_names
            or _listed_non_person(rec, given)
        ):
            # a middle initial makes the word before it a given name the vocabulary lacks ("Yekaterina A.")
            names.append(_name_run(v, [given, *m.group(0).split()]))
            continue
        rest = _INITIALS_SURNAME_AFTER.match(text, m.end()) if norm(m.group(0).rsplit(None, 1)[-1]) in v.given else None
        if rest and not _listed_non_person(rec, rest["surname"]) and not v.is_title_word(rest["surname"]):
            names.append(text[m.start() : rest.end()])  # "J. John A. Armitage": an initial, a given name, one name
            continue
        names.append(_name_run_of(v, m.group(0), runs))
    if ". " in text and _ABBREVIATED_GIVEN_CUE.search(text):  # (few strings hold one)
        names.extend(_abbreviated_given_names(rec, text))
    for m in _SURNAME_THEN_INITIALS.finditer(text) if initials else ():
        surname = m.group("surname")
        if not v.is_common_word(surname) and not v.is_title_word(surname) and norm(surname) not in v.not_names:
            names.append(f"{surname}, {m.group('initials').strip()}")  # "Shcherbakov I.S." is I. S. Shcherbakov
    for m in _INVERTED_NAME.finditer(text) if initials else ():
        surname, _, letters = m.group("name").partition(",")
        if _is_listed_abbreviation(rec, letters.strip()) or _listed_non_person(rec, surname):
            continue  # "Kissinger, U.S. envoy": a listed place's or body's initials, no given name's; "Moscow, A.P."
        if not v.is_common_word(surname) and not v.is_title_word(surname) and norm(surname) not in v.not_names:
            names.append(m.group("name"))
    if ", " in text and _PARTICLE_CAPS_CUE.search(text):  # "EL HAZAA, Achmed" (few strings hold the cue)
        names.extend(m[0] for m in _PARTICLE_CAPS_COMMA_GIVEN.finditer(text) if not v.is_common_word(m["given"]))
    kinds = _text_kinds(text)
    for m in _COMMA_GIVEN.finditer(text) if kinds & _FAMILY and ", " in text else ():
        first = text[max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1 : m.start()]
        if first[1:].isalpha() and norm(first) in v.east_asian_family and v.is_syllable_word(m["given"]):
            names.append(f"{first}, {m['given']}")  # "Pak, Tong-Jin, Minister of ...": a Korean name inverted
    for m in _SURNAME_COMMA_GIVEN.finditer(text) if kinds & _GIVEN and ", " in text else ():
        if norm(m["given"]) in v.given and _unlisted_name(rec, [m["surname"]]) and norm(m["surname"]) not in v.given:
            names.append(m.group(0))  # "Eskandary, Iradj": the family name first, as a list or a file prints it
    for m in _CAPS_NAME.finditer(text) if kinds & _GIVEN and kinds & _CAPS else ():  # (begins with a _CAPS word)
        name = _capitals_name(rec, m.group(0).split(), m.start() == 0 and m.end() == len(text.rstrip()))
        if name:
            names.append(name)
    inside_until = 0  # the end of a name of two given names and a surname just found
    for m in _cap_words_of_kind(text, _GIVEN | _MONGOLIAN) if kinds & (_GIVEN | _MONGOLIAN) else ():
        # given name first, or (Hungarian order) after the family name
        word = norm(m.group(0))
        if word not in v.given and _diacritic_given_shape(v, m.group(0)):
            if _LOCATIVE_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                continue  # "from Nový Jičín": a place's shape is a name's shape
            g = _GIVEN_NAME.match(text, m.start())
            if g and _unlisted_person_pair(rec, g.group("all").split()):
                names.append(_name_run_of(v, g.group("all"), runs))
            continue
        if word in v.given:
            if m.start() < inside_until:
                continue  # "Antonio" of "Juan Antonio Samaranch": the name is found whole
            g = _GIVEN_NAME.match(text, m.start())
            if g and (run := _name_run_of(v, g.group("all"), runs)).count(" "):  # alone ("pre-war"): no evidence
                whole = _surname_after_particle(v, text, m.start(), _second_given_name(v, text, m.start(), run, runs))
                whole = _second_surname(rec, text, m.start(), whole)
                inside_until = m.start() + len(whole) if whole != run else 0
                names.append(whole)
            h = _FAMILY_BEFORE_GIVEN.search(text, max(0, m.start() - 40), m.start())
            if h:
                family = h.group("family")
                if not (
                    v.is_common_word(family)
                    or v.is_title_word(family)
                    or norm(family) in v.not_names
                    or norm(family) in v.given
                    or any(f.kind != "person" for f in rec.lexicon.get((norm(family),), ()))
                ):  # ("America Fidel Castro": a place's name ends before the given name)
                    names.append(f"{family} {m.group(0)}")  # "Kádas István", "Etre Sándor"
        elif word.endswith(("iin", "iyn", "yn", "ijn", "ijin")):
            mongolian = _MONGOLIAN_NAME.match(text, m.start())
            if mongolian:
                names.append(mongolian.group(0))
    if ", " in text and kinds & _SURNAME_END:
        names.extend(_listed_pairs(v, rec.lexicon, text))
    for m in (
        rec.name_list.finditer(text) if ("omrades" in text or "Cdes." in text or "Messrs." in text) else ()
    ):  # "Comrades Ruszakov and Kudryashov", "Cdes. Kim, Pak and Nam"
        for part in re.split(r",\s*|\s+and\s+", m.group("names")):
            names.append(_name_run_of(v, part, runs))
    family = v.east_asian_family
    # a name found here begins with a family name before another capitalised word: only the runs holding
    # one are read (a text whose family names are printed before none, "He said", reads none)
    for m in _cap_runs_near(text, _printed_where(text, _FAMILY, _space_then_capital) if kinds & _FAMILY else []):
        words = m.group(0).split()
        if norm(words[0]) not in family:
            # "Foreign Affairs Ha Van Lau": the name may begin inside a run of capitalised words
            later = 0
            for k in range(1, len(words)):  # (a plain loop: this runs at every run of capitalised words)
                if norm(words[k]) in family:
                    later = k
                    break
            again = _CAP_RUN.match(text, m.start() + len(" ".join(words[:later])) + 1) if later else None
            if again is None:
                continue
            run, start = again.group(0), again.start()
            words = run.split()
        else:
            run, start = m.group(0), m.start()
        owner = (
            next((k for k, w in enumerate(words) if _POSSESSIVE_END.search(w)), None)
            if "’s" in run or "'s" in run
            else None
        )
        if owner is not None:  # "Liao Chengzhi’s speech": the name ends with its possessive, which is not its
            words = [*words[:owner], _POSSESSIVE_END.sub("", words[owner])]
        for n in (3, 2):
            if len(words) >= n and _east_asian_shape_of(words[:n], shapes):
                names.append(" ".join(words[:n]))
                break
        else:  # "as an interpreter Mun Il, who ...": dictionary words, and the text says who they are
            two = " ".join(words[:2])
            if (
                len(words) >= 2
                and east_asian_shape(words[:2], words_too=True)
                and _said_to_be_a_person(v, text, start, start + len(two))
            ):
                names.append(two)
    if names and (" y " in text or _ROMANCE_LINK_CUE.search(text) or " de la" in text):
        names.extend(_romance_names_go_on(rec, text, names))
    if _SECTION_NUMERAL.match(text) or ("\n" in text and _LINE_NUMERAL.search(text)):
        # "I. S. Hussein stated": a section's numeral opening a line is no initial of the name after it
        names = [_without_section_numeral(rec, text, n) for n in names if n]
    return [n for n in names if n]


# a Spanish or Portuguese name goes on past its particles in lower case to the surname after them ("Luiz da
# Silva", "Antonio de la Guardia", "José Ortega y Gasset")
_ROMANCE_PARTICLES_THEN_SURNAME = re.compile(
    rf"(?P<particles>(?: (?:de|da|do|dos|das|del|la|las|los|y))+) (?P<surname>[{UPPER}][{LOWER}’'-]+)(?![\w’'-])"
)


def _romance_names_go_on(rec: EntityRecognizer, text: str, names: list[str]) -> list[str]:
    """The names of `names` that `text` prints followed by Spanish or Portuguese particles and a surname, with
    them (one persName: "Luiz da Silva", "Antonio de la Guardia", "José Ortega y Gasset"; TEI Guidelines 13.2.1).
    "y" joins two surnames only (after a name of two words or more); the word after the particles is no
    title, no listed non-person ("Juan de Cuba"), no word the vocabulary says is no name."""
    v = rec.names
    longer = []
    for name in dict.fromkeys(names):
        for at in _occurrences_of(text, name):
            m = _ROMANCE_PARTICLES_THEN_SURNAME.match(text, at + len(name))
            if m is None or (m["particles"] == " y" and len(name.split()) < 2):
                continue
            surname = m["surname"]
            if (
                v.is_title_word(surname)
                or norm(surname) in v.not_names
                or any(f.kind != "person" for f in rec.lexicon.get((norm(surname),), ()))
            ):
                continue
            longer.append(name + m.group(0))
    return longer


_WHO_AFTER = re.compile(r",? who\b")
_ROLE_BEFORE = re.compile(r"(?<![\w’'-])(?P<role>[a-z][a-z-]+) $")


def _said_to_be_a_person(v, text: str, start: int, end: int) -> bool:
    """Whether the text around the words at start:end says they name a person: "who" after them ("Mun Il,
    who was ..."), or a role in lower case right before them ("an interpreter Mun Il")."""
    if _WHO_AFTER.match(text, end):
        return True
    before = _ROLE_BEFORE.search(text, max(0, start - 30), start)
    return before is not None and v.is_title_word(before["role"])


_NEXT_WORD = re.compile(rf" (?P<word>[{UPPER}][\w’'-]*)")


def _inside_title(v, text: str, end: int, run: str) -> bool:
    """Whether a one-word `run` after a title, ending at `end`, is a dictionary word followed by
    another title word: the middle of a longer title ("Deputy Special Assistant"), not a name."""
    after = _NEXT_WORD.match(text, end)
    return " " not in run and after is not None and v.is_common_word(run) and v.is_title_word(after["word"])


def _second_given_name(v, text: str, at: int, run: str, runs: dict[str, str]) -> str:
    """A name of two given names and a surname ("Juan Antonio Samaranch", "Maria Elena Vega"): the
    given-name rule found `run` at `at` ("Juan Antonio"); when its second word is a listed given name
    that the same rule continues with a surname, the whole name, else `run`. `runs`: as for _rule_names."""
    words = run.split()
    if len(words) != 2 or norm(words[1]) not in v.given:
        return run
    second = text.find(words[1], at + len(words[0]))
    g = _GIVEN_NAME.match(text, second)
    longer = _name_run_of(v, g.group("all"), runs) if g else ""
    return f"{words[0]} {longer}" if longer.count(" ") and longer.startswith(words[1]) else run


def _is_title_initial(v, text: str, at: int) -> bool:
    """Whether the initial at `at` is a title abbreviated to one letter ("c." for comrade, names.json
    honorifics) capitalised at a sentence's start: the same text writes it in lower case before a name."""
    lower = text[at].lower() + ". "
    if text[at + 1 : at + 2] != "." or lower.rstrip() not in v.honorifics:
        return False
    if at and not text[:at].rstrip().endswith((".", ":", ";", "!", "?")):
        return False  # inside a sentence: an initial
    return any(text[k + 4 : k + 5].isupper() for k in _occurrences_of(text, " " + lower))


def _in_case_of(printed: str, word: str) -> str:
    """`word` (folded) in the case `printed` is in: capitals, a capital first, or lower case."""
    if printed.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if printed[:1].isupper() else word


_SECTION_NUMERAL = re.compile(rf"[IVX]\.\s?{INITIAL}")


_LINE_NUMERAL = re.compile(rf"\n[IVX]\.\s?{INITIAL}")


def _without_section_numeral(rec: EntityRecognizer, text: str, name: str) -> str:
    """`name` without the section numeral it begins with when it opens `text` or a line of it and the
    numeral is no initial of the listed person named (_is_section_numeral); else `name` unchanged."""
    if _SECTION_NUMERAL.match(name) is None:
        return name
    at = 0 if text.startswith(name) else text.find("\n" + name) + 1
    if (at or text.startswith(name)) and _is_section_numeral(rec, text, at, name):
        return name[2:].lstrip()
    return name


def _is_section_numeral(rec: EntityRecognizer, text: str, at: int, name: str) -> bool:
    """Whether the initial at `at` is a section's Roman numeral ("I. S. Hussein stated", "V. A. A.
    Gromyko said"): it opens the text or a line, another initial follows it, and the surname after the
    initials is one listed person's whose given names (written out or as initials) begin with the next
    initial's letter and never with the numeral's (of the listed people of that surname, exactly one
    fits the next initial and none the numeral: "Hussein" is a king's name too). Inputs: the recogniser, the string, the match's
    start and text (an _INITIALS_NAME match). A name of a person no list holds keeps every initial (the
    numeral cannot be told from an initial without the authority's given names). TEI 13.2.1."""
    if (at and text[at - 1] != "\n") or _SECTION_NUMERAL.match(name) is None:
        return False
    surname = norm(name.split()[-1])
    if any(f.kind != "person" for f in rec.lexicon.get((surname,), ())):
        return False
    people = [
        e
        for e in rec.entries.values()
        if e.kind == "person" and any(norm(f.split()[-1]) == surname for f in (e.name, *e.variants) if " " in f)
    ]  # (a rare string: a numeral and an initial opening a line)
    numeral, initial = name[0].lower(), name[2:].lstrip()[:1].lower()
    fitting = 0
    for entry in people:
        written, initials = _given_names_and_initials(entry)
        letters = {w[:1] for w in written} | initials
        if numeral in letters:
            return False  # "I. S." may be this person's initials
        fitting += initial in letters
    return fitting == 1


_NAME_AFTER_ROLE = re.compile(rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})?")  # "Neporozhny" after "energy minister "
_ABBREVIATED_GIVEN = abbreviated_given_names()
# one scan for any of them before a full stop and a space, instead of one test per form (none listed: never)
_ABBREVIATED_GIVEN_CUE = re.compile("|".join(re.escape(f"{a}. ") for a in _ABBREVIATED_GIVEN) or r"(?!)")
_ABBREVIATED_GIVEN_CAPS = re.compile(
    rf"(?<![\w.])(?:{'|'.join(map(re.escape, _ABBREVIATED_GIVEN))})\. [{UPPER}]{{3,}}(?![\w.’'-])"
    # a written-out surname after an abbreviation no place's name begins with ("Gh. Ionita")
    + rf"|(?<![\w.])(?:{'|'.join(map(re.escape, sorted(set(_ABBREVIATED_GIVEN) - abbreviated_given_names_before_capitals())))})"
    + rf"\. [{UPPER}][{LOWER}]{{2,}}(?![\w.’'-])"
)


def _abbreviated_given_names(rec: EntityRecognizer, text: str) -> list[str]:
    """Names of a given name abbreviated by its first letters (names.json abbreviated_given_names) and a
    surname in capitals ("Report St. KIRYLUK": Stanisław Kiryluk) or, after an abbreviation no place's name
    begins with (names.json before_capitals_only), a written-out surname no dictionary word ("Gh. Ionita"),
    the surname no listed place, body or title; as printed. Inputs: the recogniser and a string; no errors. TEI 13.2.1 (a persName as printed)."""
    found = []
    for m in _ABBREVIATED_GIVEN_CAPS.finditer(text):
        surname = m.group(0).rsplit(" ", 1)[1]
        if (
            not _listed_non_person(rec, surname)
            and not rec.names.is_title_word(surname)
            and norm(surname) not in rec.names.not_names
            and (surname.isupper() or not rec.names.is_common_word(surname))
        ):
            found.append(m.group(0))
    return found


def _is_numbered_heading(rec: EntityRecognizer, name: str) -> bool:
    """Whether an initials-and-surname match (an _INITIALS_NAME match, `name`) is a section's Roman numeral
    and a heading's word ("V. Information Report", "II. Conclusions"): one initial, a numeral's letter
    (I, V, X), then a dictionary word no list holds as a surname. Inputs: the recogniser and the match's
    text; no errors. A person's initial before a surname that is a common word stays a name only when the
    surname is listed (TEI 13.2.1: a wrong person is worse than none)."""
    if name[0] not in "IVX" or name[1] != ".":
        return False
    word = name[2:].split(maxsplit=1)[0] if name[2:].strip() else ""
    if not word or len(word) < 2 or word[1] == ".":
        return False
    return norm(word) not in rec.surnames and rec.names.is_common_word(word)


def _occurrences_of(text: str, needle: str) -> Iterator[int]:
    """The positions of `needle` in `text`, first to last."""
    k = text.find(needle)
    while k >= 0:
        yield k
        k = text.find(needle, k + 1)


def _is_prefixed_state(rec: EntityRecognizer, name: str) -> bool:
    """Whether initials and a name ("P.R. Romania", "D. R. Vietnam") are a state prefix of names.json
    (state_prefix_expansions) before a place the authority or gazetteer lists."""
    initials, _, place = name.rpartition(".")
    place = place.strip()
    if not place or rec.names.state_expansion(initials + ".") is None:
        return False
    key = tuple(norm(t) for _, _, t in tokens(place))
    return any(f.kind == "place" for f in rec.lexicon.get(key, ()))


def _is_listed_abbreviation(rec: EntityRecognizer, name: str) -> bool:
    """Whether the initials of an initials-and-surname shape, printed without spaces ("U.N." of "U.N.
    Goulart"), are a listed place's or organisation's abbreviation: then they end that name, and the
    capitalised word after them begins another sentence ("U. N. Dhebar", spaced, stays a person)."""
    initials = name[: name.rfind(".") + 1]
    if not initials or any(c.isspace() for c in initials) or initials.count(".") < 2:
        return False
    key = tuple(norm(t) for _, _, t in tokens(initials))
    return any(f.kind in ("place", "org") for f in rec.lexicon.get(key, ()))


_WORD_BEFORE_INITIALS = re.compile(rf"(?<![\w.’'-])([{UPPER}][{LOWER}'’-]+)\s$")


def _surname_after_particle(v, text: str, at: int, run: str) -> str:
    """A name the given-name rule found at `at` that ends on a capitalised particle ("Anwar El" of
    "Anwar El Sadat": names.json particles) goes on to the surname after it; else `run`."""
    last = run.rpartition(" ")[2]
    if not last[:1].isupper() or norm(last) not in v.particles:
        return run
    end = at + len(run)
    lower = _LOWER_PARTICLES.match(text, end)  # "Pedro De la Torre": particles in lower case after it
    after = _NEXT_WORD.match(text, lower.end() if lower else end)
    if after is None or v.is_title_word(after["word"]) or norm(after["word"]) in _FUNCTION_WORDS:
        return run
    return f"{run}{lower.group() if lower else ''} {after['word']}"


_LOWER_PARTICLES = re.compile(rf"(?: (?:la|las|los|le|de|da|do|dos|das|del|der|den))+(?= [{UPPER}])")


# the word after a name: capitalised, then the name's end (punctuation, a lower-case word or the string's end)
_LAST_NAME_WORD = re.compile(rf" (?P<word>[{UPPER}][{LOWER}’'-]+)(?=[,;:.)\]]|\s+[a-z(\[]|\s*$)")


def _second_surname(rec: EntityRecognizer, text: str, at: int, run: str) -> str:
    """A name of a given name and two surnames ("Raúl Valdes Vivo", "Joe Fio Meyer"): the given-name rule
    found `run` (a given name and one word) at `at`; when the capitalised word after it ends the name
    (punctuation, a lower-case word or the string's end after it) and is no dictionary word, title, word no
    name holds, given name or listed place or body, the name goes on to it; else `run`."""
    end = at + len(run)
    if not text[end + 1 : end + 2].isupper() or text[end : end + 1] != " " or run.count(" ") != 1:
        return run  # (most names end before punctuation or a word in lower case: a cheap look first)
    if rec.lexicon.get(tuple(norm(w) for w in run.split())):
        return run  # (a listed name: the authority's forms say how far it goes)
    after = _LAST_NAME_WORD.match(text, end)
    if after is None:
        return run
    word = after["word"]
    v = rec.names
    key = norm(word)
    if (v.is_common_word(word) and key not in v.family_words) or v.is_title_word(word) or key in v.not_names:
        return run  # (a family name that is a word too, "Pinto" of "Luis Bastian Pinto", goes on)
    if key in v.given:
        return run
    if any(f.kind != "person" for f in rec.lexicon.get((key,), ())) or _national_adjective_shape(v, word):
        return run  # ("Radi" of "Musa al-Sheikh Radi" ends in -i as "Iraqi" does: a surname's shape)
    return f"{run} {word}"


def _title_case(v, text: str) -> bool:
    """Whether `text` is written in title case, as a heading or a document's title is: three or more words,
    every one beginning with a capital but the small words title case leaves in lower case (names.json
    title_case_small_words) — "A Cuban Leader Talked about the Situation (Continued)"."""
    words = [w.strip("()[]\"'“”‘’,.:;!?") for w in text.split()]
    words = [w for w in words if w]
    return len(words) >= 3 and all(w[0].isupper() or w in v.title_case_small_words or not w[0].isalpha() for w in words)


def _name_run_of(v, words: str, runs: dict[str, str]) -> str:
    """_name_run of the words of `words` (a rule's match), kept in `runs` (one record's: the answer
    depends on the words and the vocabulary alone)."""
    run = runs.get(words)
    if run is None:
        run = runs[words] = _name_run(v, words.split())
    return run


_NAMED_AFTER = re.compile(rf"['’]s\s+(?P<noun>[{UPPER}][{LOWER}]+)\b")


def _named_after_person(v, text: str, at: int) -> int:
    """End of "'s Villa" at `at` when the noun makes a place of the name before it, else 0."""
    m = _NAMED_AFTER.match(text, at)
    return m.end() if m and norm(m.group("noun")) in v.named_after_person else 0


_GIVEN, _FAMILY, _MONGOLIAN, _ORG_HEAD, _SURNAME_END, _CAPS = 1, 2, 4, 8, 16, 32
_ALL_CAPITALS = re.compile(rf"[{UPPER}]{{2,}}")  # the first word of a _CAPS_NAME ("KIM IL SUNG")


@lru_cache(maxsize=4096)
def _kinded_words(text: str) -> tuple[int, tuple[tuple[str, int], ...]]:
    """The union of _word_kind over the distinct capitalised words of a text (_RUN_WORD), and each word
    of some kind with its kind (cached: several passes ask of one text)."""
    kinds = 0
    kinded = []
    words = set(_RUN_WORD.findall(text))
    for word, kind in zip(words, map(_word_kind, words)):  # (the kinds looked up by a map in C: most are 0)
        if kind:
            kinds |= kind
            kinded.append((word, kind))
    return kinds, tuple(kinded)


def _text_kinds(text: str) -> int:
    """The union of _word_kind over the capitalised words of a text (read by two passes)."""
    return _kinded_words(text)[0]


def _printed_where(text: str, kind: int, fits) -> list[int]:
    """Where a capitalised word of `text` of this _word_kind is printed with `fits(text, start, end)` true of
    it, first to last (a cheap look at the few such words that tells a rule's scan where it may find a name).
    Every printed occurrence is tried, inside a longer word too: it may hold a place wrongly, never miss one."""
    found = set()
    for word, word_kind in _kinded_words(text)[1]:
        if word_kind & kind:
            at = text.find(word)
            while at >= 0:
                if fits(text, at, at + len(word)):
                    found.add(at)
                at = text.find(word, at + 1)
    return sorted(found)


def _cap_words_of_kind(text: str, kind: int) -> list[re.Match]:
    """The matches of _CAP_WORD.finditer(text) whose word is of this _word_kind, first to last, without a
    step of Python per other capitalised word: the distinct words are read once (findall), and only the
    few of the kind are looked for. A _CAP_WORD match holds one capital, its first character, so no two
    overlap and the scan yields a match at every position where one begins: those of the words found."""
    found = []
    words = set(_CAP_WORD.findall(text))
    for word, word_kind in zip(words, map(_word_kind, words)):  # (the kinds looked up by a map in C)
        if word_kind & kind:
            at = text.find(word)
            while at >= 0:
                m = _CAP_WORD.match(text, at)
                if m is not None and m.end() - at == len(word):
                    found.append(m)
                at = text.find(word, at + 1)
    found.sort(key=_match_start)
    return found


def _match_start(m: re.Match) -> int:
    return m.start()


def _space_then_capital(text: str, start: int, end: int) -> bool:
    """Before a whitespace character and a capital (a _CAP_RUN goes on to a next word)."""
    return text[end : end + 1].isspace() and _CAPITAL.match(text, end + 1) is not None


def _cap_runs_near(text: str, starts: list[int]) -> Iterator[re.Match]:
    """The matches of _CAP_RUN.finditer(text) that hold or follow one of `starts` (sorted), in order and
    each once, without walking through the rest: the scan is begun again shortly before each start, after
    the last full stop, comma, semicolon or colon (no run holds one, so a scan of the whole text is between
    two matches there too and goes on with the same matches) or where the match last given ends."""
    done = 0
    for at in starts:
        if at < done:
            continue  # inside the match last given
        begin = max(done, *(text.rfind(stop, done, at) + 1 for stop in ".,;:"))
        done = len(text)  # (no match from `begin` on: nothing more to find)
        for m in _CAP_RUN.finditer(text, begin):
            yield m
            if m.end() > at:
                done = m.end()
                break


_LATIN_DIACRITIC = re.compile(r"[À-ÖØ-öø-ÿĀ-ț]")
_LOCATIVE_BEFORE = re.compile(r"(?<![\w])(?:in|at|from|to|near|via|of)\s+$")


def _diacritic_given_shape(v, word: str) -> bool:
    """A given name the vocabulary lacks, by its shape: a capitalised word of 3 to 10 letters with a
    Latin diacritic (Central European: "Irén", "Ödön"), no dictionary word, title or listed non-name.
    Evidence like a listed given name: it must be followed by a surname (_GIVEN_NAME)."""
    return (
        3 <= len(word) <= 10
        and word[0].isupper()
        and word[1:].islower()
        and _LATIN_DIACRITIC.search(word) is not None
        and not v.is_common_word(word)
        and not v.is_title_word(word)
        and norm(word) not in v.not_names
    )


@lru_cache(maxsize=16384)
def _word_kind(word: str) -> int:
    """Which name rules a capitalised word can start: a given name, an East Asian family name, a
    Mongolian patronymic (so that a string without any of them skips those scans)."""
    v = vocabulary()
    folded = norm(word)
    kind = _GIVEN if folded in v.given or _diacritic_given_shape(v, word) else 0
    kind |= _FAMILY if folded in v.east_asian_family else 0
    kind |= _MONGOLIAN if folded.endswith(("iin", "iyn", "yn", "ijn", "ijin")) else 0
    kind |= _ORG_HEAD if _POSSESSIVE.sub("", folded) in _HEAD_WORDS else 0  # ("union", "staff": the code decides)
    kind |= _CAPS if _ALL_CAPITALS.fullmatch(word) else 0
    if word.endswith(v.surname_endings) and word[1:].islower() and not v.is_common_word(word):
        kind |= _SURNAME_END
    return kind


# two capitalised words, the second of a surname's shape (names.json surname_endings), in a list
_PAIR = re.compile(
    rf"(?P<given>[{UPPER}]{_AFTER_BOUNDARY}[{LOWER}]{{2,}}) (?P<surname>[{UPPER}][{LOWER}]{{2,}})(?![\w’'-])"
)
_LIST_BEFORE = (", ", " and ")
_LIST_AFTER = (",", " and ", ";")


def _listed_pairs(v, lexicon: dict, text: str) -> list[str]:
    """Names of a given name and a surname of a Slavic or Romanian shape in a list of names ("…,
    Marko Nikezic, Salko Fejic, Danilo Lekic and Dragomir Petrovic"): the pair stands after a comma
    or "and", or before one; the surname ends as names.json surname_endings say and is no dictionary
    word; the given name is no title, dictionary word or listed non-name."""
    found = []
    for m in _PAIR.finditer(text):
        given, surname = m.group("given"), m.group("surname")
        if not _word_kind(surname) & _SURNAME_END:
            continue
        if not (text.endswith(_LIST_BEFORE, 0, m.start()) or text.startswith(_LIST_AFTER, m.end())):
            continue
        if v.is_title_word(given) or v.is_common_word(given) or norm(given) in v.not_names:
            continue
        if any(f.kind != "person" for f in lexicon.get((norm(given),), ())):
            continue  # "Moscow Ivanov": a place's name before a surname is no given name
        found.append(f"{given} {surname}")
    return found


def _joined_particle(v, word: str) -> bool:
    """A surname with its particle joined by a hyphen: "al-Assad", "el-Sheik" (names.json particles)."""
    particle, _, rest = word.partition("-")
    return bool(rest) and rest[0].isupper() and particle in v.particles


_PARTICLES_INSIDE = frozenset({"van", "von", "de", "da", "der", "del", "di", "ibn", "bin", "bint"})


def _name_run(v, words: list[str]) -> str:
    """The words of a name at the start of `words`: initials, name words and particles, up to the first
    title, common word, possessive or punctuation. "Chou's Visit" -> "Chou"; "Sukarno Accepted" -> "Sukarno"."""
    out: list[str] = []
    east_asian = False
    for k, raw in enumerate(words):
        word = raw.rstrip(",;:)")
        possessive = _POSSESSIVE.search(word) is not None and len(word) > 2 and not _IS_INITIAL.fullmatch(word)
        word = _POSSESSIVE.sub("", word) if possessive else word
        bare = word.strip("[]")
        if not bare:
            break
        if _IS_INITIAL.fullmatch(bare):
            out.append(word)
            continue
        if bare in _PARTICLES_INSIDE and out:  # "Muhammad ibn Saud": an Arabic name's "son of" too
            out.append(word)
            continue
        if not out and v.is_title_word(bare) and k + 1 < len(words):
            continue  # a second title: "Comrade Dr. Uranovicz", "Com. Col. S. S. Zudin"
        if not out and _common_plural(v, bare):
            break  # "Member Countries of the Pact": a title word, then a common noun's plural, no one's name
        if (
            not (bare[0].isupper() or (out and _joined_particle(v, bare)))
            or bare.endswith(".")
            or norm(bare) in v.not_names
            or v.is_title_word(bare)
        ):
            break
        named = [w for w in out if not _IS_INITIAL.fullmatch(w.strip("[]"))]
        if not named:
            east_asian = norm(bare) in v.east_asian_family
        elif not (
            _IS_INITIAL.fullmatch(out[-1].strip("[]"))  # "Walter B. Smith": after an initial comes the surname
            or (len(named) == 1 and norm(named[0].strip("[]")) in v.given)  # after a given name too ("... Dash")
            or (east_asian and v.is_syllable_word(bare))
            or norm(bare) in v.given
            or norm(bare) in v.family_words  # "Mr. Ayub Khan": a family name that is a word too
            or (bare.isupper() and len(bare) > 1)
            or not v.is_common_word(bare)
        ):
            break
        out.append(word)
        if possessive or raw != word and not raw.endswith("]"):
            break
    hungarian = len(out) == 2 and _IS_INITIAL.fullmatch(out[1]) and not _IS_INITIAL.fullmatch(out[0])
    while out and not hungarian and (out[-1] in _PARTICLES_INSIDE or _IS_INITIAL.fullmatch(out[-1])):
        out.pop()  # a name ends on a name word, not on an initial or particle
    return " ".join(out)


def _common_plural(v, word: str) -> bool:
    """Whether `word` is the plural in -ies of an English common noun ("Countries", "Parties",
    "Authorities") that no list holds as a given or family name: a plural names no person, even after a
    word that is also a title ("Member"). Plurals in -s are left alone ("Secretary Rogers")."""
    if not word.endswith(("ies", "IES")):
        return False  # (most words: no fold)
    folded = fold(word)
    return (
        folded.endswith("ies")
        and folded[:-3] + "y" in v.english
        and folded not in v.given
        and folded not in v.family_words
    )


@lru_cache(maxsize=8)
def _leading_title(person_titles: tuple[str, ...]) -> re.Pattern:
    """A person's title and the space after it at the start of a string (built once, not per list item:
    the pattern has one alternative per title)."""
    return re.compile(rf"^(?:{'|'.join(re.escape(t) for t in person_titles)})\s+")


# a foreign name a translation spells syllable by syllable, marked [sic] by the translator ("Sai-hu", "Yi-sa
# Ma-di", "Zhuo-ge-luo"): one to three capitalised words, each two or more short syllables joined by hyphens
_SYLLABLE_NAME = re.compile(
    rf"[{UPPER}][{LOWER}]{{0,4}}(?:-[{LOWER}]{{1,5}})+(?: [{UPPER}][{LOWER}]{{0,4}}(?:-[{LOWER}]{{1,5}})+){{0,2}}"
)
_SYLLABLE_WORDS_END = re.compile(rf"(?<![\w’'-])((?:[{UPPER}][{LOWER}]{{0,4}}(?:-[{LOWER}]{{1,5}})+ ){{1,2}})$")
# a speaker label that names the side and, in brackets, the speaker ("North (KIM)", "South (LEE)")
_SIDE_AND_SPEAKER = re.compile(rf"[{UPPER}][\w’'-]*(?: [{UPPER}][\w’'-]*)? \((?P<name>[{UPPER}][^()]{{0,40}})\)")


def _candidate_names(ctx: _DocContext) -> list[str]:
    rec = ctx.rec
    names: list[str] = list(ctx.doc.header.authors)
    participant_items = {
        id(item)
        for node in ctx.nodes
        if node.tag == "list" and node.attrs.get("type") == "participants"
        for item in node.children
        if isinstance(item, Node) and item.tag == "item"  # (the list's head, "Guests:", names no one)
    }
    rule_found: dict[str, list[str]] = {}
    runs: dict[str, str] = {}  # _given_name_run's answers, for this record
    shapes: dict[tuple[str, ...], bool] = {}  # east_asian_shape's answers, for this record
    for k, (text, parent) in enumerate(zip(ctx.texts, ctx.parents)):
        if parent.tag == "supplied" and k + 1 < len(ctx.texts) and ctx.parents[k + 1].tag != "supplied":
            names.append(_name_after_supplied_role(rec.names, text, ctx.texts[k + 1]))
        if parent.tag == "label" and parent.attrs.get("type") == "speaker":
            if _IS_INITIAL.fullmatch(text.strip().rstrip(":").replace(" ", "")):
                continue  # "Kh.:", "N.S.K.:": a speaker named by initials alone names no person of its own
            words = text.strip().rstrip(".:").split()
            side = _SIDE_AND_SPEAKER.fullmatch(" ".join(words))
            if side:
                words = side["name"].split()  # "North (KIM):": the side, then the speaker in brackets
            if all(rec.names.is_common_word(w) and norm(w.strip("[]")) not in rec.names.given for w in words) and not (
                words and (norm(words[0]) in rec.names.east_asian_family or norm(words[0]) in rec.names.family_words)
            ):  # ("LEE:", "Rice:", "[Anna] Holm": a family or given name that is a word too names the speaker)
                continue  # "Reason:", "Note:", "File No:" are field labels, not speakers
            names.append(_name_run(rec.names, words))
            continue
        if parent.tag == "sic" and _SYLLABLE_NAME.fullmatch(text.strip()):
            # "Zhuo-ge-luo [sic]": a foreign name spelt syllable by syllable; the translator's mark follows its
            # last word, the words before it that are spelt so belong to it ("Yi-sa Ma-di [sic]")
            # (the element's text holds the mark's word inline: read the words before it there)
            j = k - 1
            while j >= 0 and ctx.parents[j].tag == "sic":
                j -= 1  # (the marks before it in the same element)
            holder = ctx.texts[j] if j >= 0 else ""
            at = holder.find(text.strip())
            spelt = _SYLLABLE_WORDS_END.search(holder, 0, at) if at > 0 else None
            names.append(f"{spelt.group(1)}{text.strip()}" if spelt else text.strip())
        if id(parent) in participant_items:
            lead = re.split(r"\s+[–—-]\s+|,|\(", text, maxsplit=1)[0]
            lead = _leading_title(rec.person_titles).sub("", lead.strip())
            words = lead.split()
            # "Ostrovets P.K.": a surname then initials is the rule's inverted name (I. K. Ostrovets), not a run
            if (
                1 <= len(words) <= 5
                and all(w[0].isupper() for w in words)
                and not _SURNAME_THEN_INITIALS.fullmatch(lead.strip().rstrip(";,"))
            ):
                names.append(_name_run(rec.names, words))
        if ":" in text or "ttended by" in text or "–" in text or " - " in text:  # ("FYI – ...": a dash for the colon)
            # the text after an element inside the same paragraph ("Bah [transliterated], director")
            after = next((j for j in range(k + 1, min(k + 4, len(ctx.texts))) if ctx.parents[j] is parent), None)
            names.extend(_attendance_names(ctx, text, ctx.texts[after] if after is not None else ""))
        if text not in rule_found:  # a record repeats strings ("Agreed.", "Translated by ..."): read each once
            rule_found[text] = _rule_names(rec, text, runs, shapes)
        names.extend(rule_found[text])
        paren = re.fullmatch(r"\s*\(([^()]+)\)\s*", text) if parent.tag == "signed" else None
        if paren:
            names.append(paren.group(1))
    if ctx.doc.header.summary:
        names.extend(_rule_names(rec, ctx.doc.header.summary, runs, shapes))
    return _titles_read_as_initials(rec.names, [n for n in names if n])


_FIRST_WORD = re.compile(rf" (?P<name>{_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,2}})")


def _name_after_supplied_role(v, gloss: str, after: str) -> str:
    """The name right after a role the translator supplied in brackets ("[Prime Minister of Japan] Sato",
    "[Soviet Ambassador] Puzanov"): the gloss says who the capitalised words after it are; "" when the
    gloss is no role (a national adjective may open it) or no name follows."""
    words = gloss.split()
    if words and _NATIONAL.match(words[0]):
        words = words[1:]
    if not words or not words[0][:1].isupper():
        return ""
    if not (v.is_title_word(words[0]) or (len(words) > 1 and _title_phrase(v, words[0], words[1]))):
        return ""  # "Prime" of "Prime Minister": a title of two words
    m = _FIRST_WORD.match(after)
    return _name_run(v, m["name"].split()) if m else ""


_LOCATIVES = frozenset({"in", "at", "from", "to", "near", "via", "of", "for"})
_NAME_WORDS_BEFORE = re.compile(rf"(?<![\w.’'-])(?:{_NAME_TOKEN} ){{0,3}}{_NAME_TOKEN}$")  # "Le Duan", "Truman"
_APPOSITION = ", the "  # "Truman, the American president at the time": the name, then who the person is


def _names_before_a_role(v, text: str) -> list[str]:
    """A capitalised word before ", the" and a role, a national adjective maybe between ("Truman, the
    American president", "Sato, the prime minister"): a person (TEI 13.2.1, the role outside the name);
    not a common word, a title or a listed name of something else (checked when the name is learnt)."""
    names = []
    at = text.find(_APPOSITION)
    while at > 0:
        before = _NAME_WORDS_BEFORE.search(text, max(0, at - 60), at)
        after = text[at + len(_APPOSITION) : at + len(_APPOSITION) + 40].split()
        if after and _NATIONAL.match(after[0]):
            after = after[1:]
        role = after[0].rstrip(",.;:") if after else ""
        if (
            before
            and not _LOCATIVE_BEFORE.search(text, max(0, before.start() - 8), before.start())  # "In Wonsan, the"
            and role.islower()
            and (v.is_title_word(role) or (len(after) > 1 and _title_phrase(v, role, after[1].rstrip(",.;:"))))
        ):
            words = before.group().split()
            while words and (v.is_title_word(words[0]) or (len(words) > 1 and v.is_common_word(words[0]))):
                if words[0].lower() in _LOCATIVES:
                    words = []  # "In Tongdo, the chairman ...": a place, then who spoke
                    break
                words = words[1:]  # "President Truman", "The Truman": the name after them
            if words and (len(words) > 1 or not (v.is_common_word(words[0]) or v.is_title_word(words[0]))):
                names.append(_name_run(v, words) if len(words) > 1 else words[0])  # "Le Duan", not "Duan" alone
        at = text.find(_APPOSITION, at + 1)
    return names


# "Alexandrov – head of the secretariat": a name opening the string (or a list item, after ": " or "; "), a dash,
# then who the person is
_NAME_BEFORE_DASH = re.compile(
    rf"(?:^|(?<=[:;] ))\s*(?P<name>{_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,2}}) [–—-] (?P<role>[\w’'-]+(?: [\w’'-]+)?)"
)


def _names_before_a_dash_role(rec: EntityRecognizer, text: str) -> list[str]:
    """The name that opens a string or a list item and is followed by a dash and a role, in any case
    ("Alexandrov – head of the secretariat", "USSR : Rusakov – deputy head of ..."): a person, the role
    outside the name (TEI 13.2.1); no word a dictionary word, title, national adjective or listed place
    or body (_unlisted_name)."""
    v = rec.names
    names = []
    for m in _NAME_BEFORE_DASH.finditer(text):
        role = m["role"].split()
        if not (v.is_title_word(role[0]) or (len(role) > 1 and v.is_title_word(role[1]))):
            continue
        words = m["name"].split()
        if _unlisted_name(rec, words) and not (len(words) == 1 and _misspelt_surname(rec, words[0])):
            names.append(_name_run(v, words) if len(words) > 1 else words[0])
    return names


# ", Petre Balaceanu," after a role: a comma-appositive naming who holds it (the name closed by a comma,
# a semicolon, a parenthesis or "and"); the words before the comma are read by _names_after_a_role
_APPOSITIVE_NAME = re.compile(rf", (?<=[a-z], )(?P<name>{_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,3}})(?=[,;)]| and )")
_ROLE_BEFORE_COMMA = re.compile(
    rf"(?P<role>[{UPPER}][\w-]*)(?: (?:of|for|in|to) (?:the )?[{UPPER}][\w’'-]*(?: [{UPPER}][\w’'-]*){{0,2}})?$"
)


def _names_after_a_role(v, text: str) -> list[str]:
    """The name set off by commas after a capitalised role, the state or body it serves maybe between
    ("the Ambassador of Romania, Petre Balaceanu,", "Second Secretary, Surgov,"): a person, the role
    outside the name (TEI 13.2.1); not when a word is a title or the last a common word (a listed name
    of something else is checked when the name is learnt)."""
    names = []
    for m in _APPOSITIVE_NAME.finditer(text):
        before = _ROLE_BEFORE_COMMA.search(text, max(0, m.start() - 60), m.start())
        if before is None or not v.is_title_word(before["role"]):
            continue
        words = m["name"].split()
        if v.is_common_word(words[-1]) or any(v.is_title_word(w) for w in words):
            continue  # ("Petre" is a dictionary word: the surname that ends the name is not)
        names.append(_name_run(v, words) if len(words) > 1 else words[0])
    return names


_KIN_CUES = tuple(sorted({f" {w}" for w in kin_nouns_before_given_names()}))
# any of _KIN_CUES printed, as one scan that looks for a space and tries the nouns there (a trie)
_KIN_CUE = re.compile(f" (?:{trie_regex({cue[1:] for cue in _KIN_CUES})})")
_GIVEN_AFTER_KIN = re.compile(
    rf"\b(?:his|her|their|His|Her|Their) (?:{'|'.join(kin_nouns_before_given_names())}),? "
    rf"(?P<first>[{UPPER}][{LOWER}’'-]+)(?: and (?P<second>[{UPPER}][{LOWER}’'-]+))?(?![\w’'-])"
)


def _given_names_after_kin(rec: EntityRecognizer, text: str) -> list[str]:
    """Listed given names right after a possessive and a noun of kin ("his sons Yuriy and Nikolay", "her husband
    Ivan"; names.json kin_nouns_before_given_names): persons named by their given names alone (TEI 13.2.1).
    A word the given names do not hold, a dictionary word or a listed name of something else is none."""
    v = rec.names
    names = []
    for m in _GIVEN_AFTER_KIN.finditer(text):
        for word in (m["first"], m["second"]):
            if word and fold(word) in v.given and not v.is_common_word(word) and not _listed_non_person(rec, word):
                names.append(word)
    return names


# a capitalised title, "to", then capitalised words: a post and the place it serves in, then maybe a name
_POST_TO_RUN = re.compile(
    rf"(?<![\w’'-])(?P<role>[{UPPER}][\w’'-]*) to (?:the )?(?P<run>[{UPPER}][\w’'-]*(?: [{UPPER}][\w’'-]*){{1,6}})(?![\w’'-])"
)


_ROLE_CHARS = frozenset("_’'-")  # with str.isalnum: the characters of [\w’'-], a role word of _POST_TO_RUN


def _title_before_a_to(v, text: str) -> bool:
    r"""Whether a title word (names.json; v.is_title_word) is the whole word right before a " to " of
    `text`: every match of _POST_TO_RUN that _names_after_a_post keeps holds one (its role is the run of
    [\w’'-] before " to ", a title word), so a string without one is not scanned by the pattern."""
    at = text.find(" to ")
    while at > 0:
        start = at
        while start and (text[start - 1].isalnum() or text[start - 1] in _ROLE_CHARS):
            start -= 1
        if start < at and v.is_title_word(text[start:at]):
            return True
        at = text.find(" to ", at + 1)
    return False


def _names_after_a_post(rec: EntityRecognizer, text: str) -> list[str]:
    """The name right after a post and the state it serves in ("Ambassador to Cambodia Sisowath Sirik Matak",
    "Envoy to Laos Khamphan Panya"): a person, the post and its place outside the name (TEI 13.2.1; as the
    gold README keeps "Ambassador to Mali" outside "V.K. Orlovsky"). The place is the longest listed place
    that opens the words after "to"; one to four words follow it to the run's end, none a dictionary word,
    title, listed name of something else or word no name holds; the word before "to" must be a title."""
    v = rec.names
    names = []
    for m in _POST_TO_RUN.finditer(text):
        if not v.is_title_word(m["role"]):
            continue
        words = m["run"].split()
        place = next(
            (
                n
                for n in range(len(words) - 1, 0, -1)
                if any(f.kind == "place" for f in rec.lexicon.get(tuple(norm(w) for w in words[:n]), ()))
            ),
            0,
        )
        name = words[place:]
        if not place or not 1 <= len(name) <= 4:
            continue
        if any(
            v.is_common_word(w) or v.is_title_word(w) or norm(w) in v.not_names or _listed_non_person(rec, w)
            for w in name
        ):
            continue
        names.append(" ".join(name))
    return names


# the capitalised run after " of (the) ": a body's name, then maybe a person's ("Deputy Chief of the Soviet Army Batov")
_OF_CAPITALISED_RUN = re.compile(rf" of (?:the )?(?P<run>[{UPPER}][\w’'-]*(?: [{UPPER}][\w’'-]*){{1,5}})(?![\w’'-])")


def _names_after_a_role_of_a_body(v, text: str) -> list[str]:
    """The name right after a role and the body it serves, the body ending on a head word ("Deputy Chief
    of the Soviet Army Batov", "Chairman of the State Planning Committee Kim"): a person, the role and the
    body outside the name (TEI 13.2.1). One or two words after the head word that end the capitalised run,
    none a dictionary word, title or word no name holds; the word before "of" must be a title."""
    names = []
    at = text.find(" of ")
    while at >= 0:
        before = text[text.rfind(" ", 0, at) + 1 : at]  # the word before "of" (the text's first word too)
        m = _OF_CAPITALISED_RUN.match(text, at) if before[:1].isupper() and v.is_title_word(before) else None
        at = text.find(" of ", at + 4)
        if m is None:
            continue
        words = m["run"].split()
        head = max((k for k, w in enumerate(words) if norm(_POSSESSIVE.sub("", w)) in _ORG_HEADS), default=-1)
        name = words[head + 1 :] if head >= 0 else []
        if not 1 <= len(name) <= 2 or head < 1:
            continue  # "of the Army Batov": a head word alone is no body's name
        if any(v.is_common_word(w) or v.is_title_word(w) or norm(w) in v.not_names for w in name):
            continue
        names.append(" ".join(name))
    return names


def _titles_read_as_initials(v, names: list[str]) -> list[str]:
    """`names` with a one-letter title read as an initial put right: "C. Moskovskii" (a sentence begins
    with "c.", comrade) is "Moskovskii" when the record also names "Moskovskii" on its own (after "c." in
    lower case, a title or a cue). TEI 13.2.1: a title stays outside persName."""
    alone = set(names)
    return [n[3:] if n[1:3] == ". " and f"{n[0].lower()}." in v.honorifics and n[3:] in alone else n for n in names]


_LIST_END = re.compile(rf"[;)\n]|(?<=[{LOWER}]{{3}})\.(?:\s|$)")
_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_EDITORS_NOTE = re.compile(r"\s*\[[a-z][^\]]*\]")  # "Boubacar Bah [transliterated]": the translator's word


_DASH_FOR_COLON = re.compile(r"\s*[–—-](?=\s)")  # "FYI – ...": a dash where the cue's colon would stand


def _attendance_cue_ends(text: str, cues: tuple[str, ...]) -> list[int]:
    """Where the list after each attendance cue (names.json attendance_cues) printed in `text` begins, its
    first printing each: the cue as listed, or one that ends with a colon with a dash for it ("FYI – ...").
    (A plain string search for each cue: most texts hold none.)"""
    ends = []
    for cue in cues:
        at = text.find(cue)
        if at >= 0:
            ends.append(at + len(cue))
        elif cue.endswith(":") and (at := text.find(cue[:-1])) >= 0:
            dash = _DASH_FOR_COLON.match(text, at + len(cue) - 1)
            if dash is not None:
                ends.append(dash.end())
    return ends


def _attendance_names(ctx: _DocContext, text: str, following: str = "") -> list[str]:
    """The people listed after an attendance cue inside running text (names.json attendance_cues: "(also in
    attendance: Matsunaga, Tejima, Kunihiro; ...", "FYI – Trojanowski, ..."), up to the first ';', ')', line
    end or sentence end: each item of one to three capitalised words, its title and a translator's bracketed
    word left out, that is no dictionary word, title or known place or body is a name (a surname alone is
    learnt for the record, TEI 13.2.1). An item whose words are dictionary words too is a name when the list
    names two other people (coordination: "Trojanowski, Thee, Chodorek") or, its first word no dictionary
    word, when a role follows it ("Boubacar Bah, director"; `following`: the text after `text`, when an
    element, a translator's bracket, cuts the list)."""
    v = ctx.rec.names
    names: list[str] = []
    title = _leading_title(ctx.rec.person_titles)
    for start in _attendance_cue_ends(text, v.attendance_cues):
        end_m = _LIST_END.search(text, start)
        segment = text[start : end_m.start() if end_m else len(text)]
        if end_m is None and following:  # the list goes on after the element: its next item says who the last is
            segment += " " + _LIST_END.split(following, maxsplit=1)[0].lstrip(" ]")
        items = [title.sub("", _EDITORS_NOTE.sub("", item).strip()).split() for item in _LIST_SPLIT.split(segment)]
        found: list[str] = []
        common: list[tuple[int, list[str]]] = []  # items that are names but for a dictionary word
        for k, words in enumerate(items):
            if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
                continue
            if any(v.is_title_word(w) or norm(w) in v.not_names or norm(w) in _NOT_NAMES for w in words):
                continue
            if any(f.kind != "person" for f in ctx.forms(tuple(norm(w) for w in words))):
                continue  # "Japan", "the Embassy": a place or a body, not one of the people
            if any(v.is_common_word(w) for w in words):
                common.append((k, words))
                continue
            found.append(" ".join(words))
        for k, words in common:
            role_after = k + 1 < len(items) and bool(items[k + 1]) and v.is_title_word(items[k + 1][0])
            listed_else = any(f.kind != "person" for w in words for f in ctx.forms((norm(w),)))
            if not listed_else and (
                (len(words) == 1 and len(found) >= 2)
                or (len(words) > 1 and role_after and not v.is_common_word(words[0]) and not _NATIONAL.match(words[0]))
            ):
                found.append(" ".join(words))
        names.extend(found)
    return names


def _propagate_listed_short_forms(ctx: _DocContext) -> None:
    """A listed person named in full in this record lends the record its short form ("Wang" after
    "Wang Bingnan", "Le:" after "Le Thanh Nghi"), when no other person of the record shares it."""
    words = ctx.record_words
    for short in words & ctx.rec.short_index.keys():
        people = ctx.rec.short_index[short]
        named = {pid for pid, forms in people.items() if any(_named_together(ctx, f, words) for f in forms)}
        if len(named) > 1:
            named = _named_on_their_own(ctx, short, {pid: people[pid] for pid in named})
        if not named and _only_bearer_after_title(ctx, short, people):
            named = set(people)
        if named and short in ctx.rec.office_names and (len(named) != 1 or ctx.forms((short,))):
            # a bearer named in full, and the short form shared or listed alone ("Robert Kennedy" ...
            # "President Kennedy"): the one listed holder of the office every mention alone follows
            holder = _owner_by_office(ctx, short)
            if holder:
                ctx.add_local((short,), _Form(holder, "person", (True,), None, 2))
                continue
        if len(named) != 1:
            continue  # none named in full, or two people share the short form: leave it to the rules
        pid = next(iter(named))
        if _short_form_of_another(ctx, short, people[pid]):
            continue  # "Li Chen" beside "Chen Yi": "Chen" alone may be either
        if {f.entity_id for f in ctx.forms((short,))} - {pid}:
            continue  # the short form belongs to someone else in the authority
        if _after_sovereign_title(ctx, short, pid):
            continue  # "King Hussein" beside Saddam Hussein: a monarch of that name
        if short in ctx.rec.office_names:  # ("Premier Kim" beside Kim Il: the Premier, if one fits)
            pid = _reading_by_office(ctx, short, pid)
            if not pid:
                continue
        ctx.add_local((short,), _Form(pid, "person", (True,), None, 2))


def _only_bearer_after_title(ctx: _DocContext, short: str, people: dict[str, list[tuple[str, ...]]]) -> bool:
    """Whether a surname the record never prints with a given name names the one listed person who
    bears it ("Comrade Shcherbakov", "Ambassador Shcherbakov"): a single bearer in the authority, who
    lived at the record's date when the entry says; printed after a title or role; no East Asian
    family name (one list's only Kim is not the record's Kim), given name or dictionary word; not a
    form the lists hold alone (their own rules read it). Two bearers leave it unlinked (a rule-found
    person, listed for review)."""
    if len(people) != 1 or ctx.forms((short,)):
        return False  # a surname the lists hold alone ("Nehru") is theirs to read (another Nehru, an envoy)
    v = ctx.rec.names
    if short in v.east_asian_family or short in v.vietnamese_family or short in v.given or len(short) < 4:
        return False
    (pid,) = people
    born, died = ctx.rec.entries[pid].lived
    year = ctx.default_year
    if year is not None and ((born is not None and year < born + 18) or (died is not None and year > died)):
        return False
    if v.is_common_word(short) or v.is_title_word(short):
        return False
    flat = _flat(ctx)
    return any(v.is_title_word(before[-1]) for at in _occurrences(ctx, short) if (before := _words_before(flat, at)))


def _propagate_listed_given_names(ctx: _DocContext) -> None:
    """A listed person named in full in this record lends the record its given name ("Raul" after
    "Raul Castro"), when no other person of the record could own it: no other listed person named in
    full with that given name, no listed form of it alone, and the record never prints it before
    another surname ("Raul Roa")."""
    words = ctx.record_words
    for given in words & ctx.rec.given_index.keys():
        people = ctx.rec.given_index[given]
        named = {pid for pid, forms in people.items() if any(_named_together(ctx, f, words) for f in forms)}
        if len(named) != 1 or ctx.forms((given,)):
            continue
        pid = next(iter(named))
        if not _printed_alone(ctx, given, people[pid]) or _given_name_of_another(ctx, given, people[pid]):
            continue
        ctx.add_local((given,), _Form(pid, "person", (True,), None, 2))


def _printed_alone(ctx: _DocContext, given: str, forms: list[tuple[str, ...]]) -> bool:
    """Whether the record prints `given` once without the word that follows it in the person's full
    forms: a given name only ever printed inside the full name needs no form of its own."""
    seconds = {f[1] for f in forms}
    flat = _flat(ctx)
    for at in _occurrences(ctx, given):
        # the first word of the 40 characters after it (tokens() of that slice, first only: one search)
        first = _TOKEN.search(flat, at + len(given), at + len(given) + 40)
        if first is None or norm(first.group(0)) not in seconds:
            return True
    return False


def _given_name_of_another(ctx: _DocContext, given: str, forms: list[tuple[str, ...]]) -> bool:
    """Whether the record prints `given` one space before a capitalised word that no full form of the
    person holds there ("Raul Roa" beside "Raul Castro")."""
    pairs = {f[:2] for f in forms}
    v = ctx.rec.names
    flat = _flat(ctx)
    for at in _occurrences(ctx, given):
        m = _CAPITALISED_AFTER.match(flat, at + len(given))
        if m is None:
            continue
        after = m.group(1)
        if (given, norm(after)) not in pairs and not (v.is_common_word(after) or v.is_title_word(after)):
            return True
    return False


def _short_form_of_another(ctx: _DocContext, short: str, forms: list[tuple[str, ...]]) -> bool:
    """Whether the record prints `short` one space after a listed given or family name that no full
    form of the person holds there, and that starts no listed form ("Li Chen" in a record naming
    Chen Yi): another person shares the short form, so it is linked to neither."""
    v = ctx.rec.names
    pairs = {f[k : k + 2] for f in forms for k in range(len(f) - 1)}
    own = {w for f in forms for w in f}
    if _family_name_of_another(ctx, short, forms):
        return True  # "Ho Dam" beside Ho Ka-i: "Ho" alone may be either
    if not _given_or_family_words(ctx) - own:
        return False  # no other given or family name in the record: no string read again
    flat = _flat(ctx)
    for at in _occurrences(ctx, short):
        if flat[at - 1 : at] not in (" ", "\n"):
            continue  # (the pattern's first test, without a scan) no space or line's end right before
        m = _CAPITALISED_BEFORE.search(flat, max(0, at - 40), at)
        if m is None:
            continue
        before = norm(m.group(1))
        if (before, short) in pairs or not (before in v.east_asian_family or before in v.given):
            continue
        previous = _words_before(flat, m.start())
        if any(f[0] in previous for f in forms):
            continue  # "Leonid Ilyich Brezhnev": the person's given name, then a patronymic
        keys = [norm(t) for _, _, t in tokens(flat[m.start() : m.start() + 120])]
        if any(L > 1 and ctx.forms(tuple(keys[:L])) for L in ctx.lengths_from(before)):
            continue  # "Kim Il" of "Kim Il Sung": a listed name, not another person's
        return True
    return False


def _family_name_of_another(ctx: _DocContext, short: str, forms: list[tuple[str, ...]]) -> bool:
    """Whether the record prints `short`, the family name that opens the person's full forms ("Ho" of
    Ho Ka-i, "Pham" of Pham Van Dong), before capitalised words, one space apart, that leave every full
    form of the person before it ends ("Ho Dam", "Pham The Duyet", "Ngo Dinh Can" beside Ngo Dinh Nhu):
    another person of that family name, whose name no list need hold, so the family name alone may be
    either (issue #12: a wrong link is worse than none). A word after a whole form goes on no name of
    the person's ("Ho Chi Minh City"). The word that leaves the forms counts when it is no dictionary
    word, or one romanized syllable ("Dam", "Li") and no function word (names.json
    never_before_bracketed_name); a title, or another dictionary word ("Pham The Duyet", "Le Said"),
    only when a capitalised word that is neither follows it in turn (a three-part name, not a heading's
    next word); no dictionary word in a heading's text ("Chairman Ho Meeting with ...": _in_a_heading)."""
    opening = [f for f in forms if f[0] == short]
    if not opening:
        return False  # a surname printed last ("Wang" of "Wang Bingnan" is first; "Kosygin" is not)
    v = ctx.rec.names
    flat = _flat(ctx)
    for at in _occurrences(ctx, short):
        candidates, k, end = opening, 1, at + len(short)
        while (m := _CAPITALISED_AFTER.match(flat, end)) is not None:
            word = norm(m.group(1))
            # ("Liu Shaoqi’s visit": the possessive ends the name, it starts no other word of it)
            bare = _POSSESSIVE_END.sub("", word)
            still = [f for f in candidates if len(f) > k and f[k] in (word, bare)]
            if not still:
                break
            candidates, k, end = still, k + 1, m.end()
        if m is None or any(len(f) <= k for f in candidates):
            continue  # the name ends here, or a whole form of the person was printed
        after = m.group(1)
        if v.is_common_word(after) and _in_a_heading(ctx, at):
            continue  # "Chairman Ho Meeting with ...": a heading capitalises its words, no name follows
        if v.is_title_word(after) or (
            v.is_common_word(after) and (fold(after) in v.before_bracketed_name or not v.is_syllable_word(after))
        ):
            m = _CAPITALISED_AFTER.match(flat, m.end())
            if m is None or v.is_common_word(m.group(1)) or v.is_title_word(m.group(1)):
                continue
        return True
    return False


def _in_a_heading(ctx: _DocContext, at: int) -> bool:
    """Whether position `at` of _flat(ctx) lies in a heading's text: a <head>, or a string in title case (a
    heading the parser kept as a paragraph: _title_case). The spans are made once per record, at the first
    question (few records ask)."""
    if ctx.head_spans is None:
        spans, start = [], 0
        v = ctx.rec.names
        for text, parent in zip(ctx.texts, ctx.parents):
            if parent.tag == "head" or _title_case(v, text):
                spans.append((start, start + len(text)))
            start += len(text) + 1  # (_flat joins the strings with one space)
        ctx.head_spans = spans
    return any(a <= at < b for a, b in ctx.head_spans)


def _given_or_family_words(ctx: _DocContext) -> set[str]:
    """The record's words (record_words) that are listed given names or East Asian family names, made
    once per record (read for every listed short form of the record)."""
    if ctx.given_or_family is None:
        ctx.given_or_family = ctx.record_words & ctx.rec.given_or_family_names
    return ctx.given_or_family


def _words_before(text: str, at: int) -> list[str]:
    """The two words before position `at` of `text`, folded."""
    return [norm(t) for _, _, t in tokens(text[max(0, at - 40) : at])][-2:]


def _named_on_their_own(ctx: _DocContext, short: str, people: dict[str, list[tuple[str, ...]]]) -> set[str]:
    """Of persons whose full forms' words all occur in the record, those the record names before it
    first uses `short` alone: a form met only inside another candidate's longer form ("Kim Il" inside
    "Kim Il Sung") names nobody, and "Director Kim" before "Kim Il Sung" may be someone else."""
    keys, in_heads, positions = _word_keys(ctx)

    def starts(form: tuple[str, ...]) -> list[int]:
        n = len(form)
        return [k for k in positions.get(form[0], ()) if tuple(keys[k : k + n]) == form] if form else []

    def within(form: tuple[str, ...], longer: tuple[str, ...]) -> bool:
        n = len(form)
        return n < len(longer) and any(longer[k : k + n] == form for k in range(len(longer) - n + 1))

    met = {form: starts(form) for forms in people.values() for form in forms}
    named: dict[str, list[tuple[str, ...]]] = {}
    for pid, forms in people.items():
        longer = [g for other, fs in people.items() if other != pid for g in fs if met[g]]
        on_own = [f for f in forms if len(met[f]) > sum(len(met[g]) for g in longer if within(f, g))]
        if on_own:
            named[pid] = on_own
    if len(named) != 1:
        return set(named)  # two people of the record share the short form, wherever they are named
    pid, on_own = next(iter(named.items()))
    inside = {k + j for f in people[pid] for k in met[f] for j in range(len(f))}  # the short form within a full one
    alone = (k for k in positions.get(short, ()) if k not in inside and k not in in_heads)
    return {pid} if min(k for f in on_own for k in met[f]) < next(alone, len(keys)) else set()


def _word_keys(ctx: _DocContext) -> tuple[list[str], set[int], dict[str, list[int]]]:
    """The record's folded words (summary, then body strings), the positions of words in headings (a
    heading shortens names as it likes: "Kim and the Chinese Friends") and each word's positions;
    made once per record and kept on `ctx`."""
    if ctx.word_keys is None:
        # (the tokens' keys as the name pass has them, cached per string: no list made per string here)
        keys: list[str] = list(_token_keys(ctx.doc.header.summary or "")[1])
        in_heads: set[int] = set()
        for text, parent in zip(ctx.texts, ctx.parents):
            words = _token_keys(text)[1]
            if parent.tag == "head":
                in_heads.update(range(len(keys), len(keys) + len(words)))
            keys += words
        positions: dict[str, list[int]] = {}
        for k, key in enumerate(keys):
            positions.setdefault(key, []).append(k)
        ctx.word_keys = (keys, in_heads, positions)
    return ctx.word_keys


# _CAP_WORD or _CAPS_WORD in one scan (a word matches at most one of them: its second letter decides)
_CAP_OR_CAPS_WORD = re.compile(rf"[{UPPER}]{_AFTER_BOUNDARY}(?:[{LOWER}]+(?:-[{LOWER}]+)*|[{UPPER}]+(?![\w’'-]))")


def _record_words(ctx: _DocContext) -> set[str]:
    """The capitalised words of the document text (as _add_strings gives them) and summary, folded (norm):
    which names the record uses (_CAP_WORD and _CAPS_WORD words of _flat(ctx), found by one scan)."""
    return set(map(norm, set(_CAP_OR_CAPS_WORD.findall(_flat(ctx)))))


def _named_together(ctx: _DocContext, form: tuple[str, ...], words: set[str]) -> bool:
    """Whether the record names the listed person by `form` (two or more words, as keys): every word
    among its capitalised `words`; when a word of it is also a pronoun or function word (names.json
    never_before_bracketed_name: "He" of "He Long", capitalised at every sentence "He asked"), only printed
    one after the other (_printed_together) — such words prove nothing scattered, names do ("János" and
    "Péter" in a Hungarian record)."""
    if not _all_in(form, words):
        return False
    sentence_words = ctx.rec.names.before_bracketed_name
    return not any(w in sentence_words for w in form) or _printed_together(ctx, list(form))


def _all_in(form: tuple[str, ...], words: set[str]) -> bool:
    return all(w in words for w in form)


def _learn_local_names(ctx: _DocContext) -> None:
    """Names found by rules become local entries (or aliases of a known person with that surname).

    A confident recognition also teaches its short form to the rest of the record: the family name
    of an East Asian name ("Le" after "Le Duc Tho"), else the surname ("Damba" after "Comrade Damba").
    A name form an editor rejected is never learnt.
    """
    v = ctx.rec.names
    rec_rejected = ctx.rec.rejected  # an editor's rejection holds on every later build
    record_words = ctx.record_words
    # who could a short form mean in this record: listed persons named in full, and every rule-found name
    claims: dict[tuple[str, ...], dict[str, set[tuple[str, ...]]]] = {}  # short -> {owner: its full forms}
    # names of several words first: a surname met alone ("Ambassador Shcherbakov") then joins the
    # person named in full later in the record ("Shcherbakov I.S.") instead of becoming another
    # each name once: a record names its people again and again (1,750 candidates, 409 distinct over 40
    # records), and a second reading of a name learns nothing the first did not (its forms are known by then)
    candidates = sorted(dict.fromkeys(_candidate_names(ctx)), key=lambda n: len(n.split()) < 2)
    town_keys = _towns_by_key()[1]
    for raw in candidates:
        name = " ".join(raw.replace("[", "").replace("]", "").split()).strip(" ,;:")
        toks = [t for _, _, t in tokens(name)]
        if not toks or any(norm(t) in _NOT_NAMES for t in toks if len(t) > 2):
            continue
        if any(norm(t) in v.not_names for t in toks if len(t) > 2) and not (
            # "Cheong Jun Ki": a short syllable that is a month's abbreviation, inside a Russian
            # transliteration's East Asian name (east_asian_shape allows it after the family name)
            norm(toks[0]) not in v.not_names and east_asian_shape(toks)
        ):
            continue
        if any(v.is_title_word(t) and not _IS_INITIAL.fullmatch(t if t.endswith(".") else t + ".") for t in toks):
            continue  # a title is never part of a name
        # ("Pak, Tong-Jin" keeps its order: the family name is first either way)
        inverted = ("," in name and not east_asian_shape([t for _, _, t in tokens(name)])) or (
            len(toks) == 2 and re.search(rf"\s{INITIAL}$", name + ".") is not None and len(toks[1]) == 1
        )
        if inverted and any(f.kind == "place" and f.rank == 0 for f in ctx.forms((norm(toks[0]),))):
            continue  # "Mexico, D.F.": a listed place and a designator, no surname and initials
        if inverted and "," in name:  # "Kozlov, F. R." is F. R. Kozlov; "EL HAZAA, Achmed" is Achmed EL HAZAA
            comma = name.index(",")
            toks = [_with_its_period(name, t) for t in tokens(name) if t[0] > comma] + toks[
                : name.count(" ", 0, comma) + 1
            ]
        elif inverted:  # "Kapitonov I.V." is I. V. Kapitonov, every period kept
            toks = [_with_its_period(name, t) for t in tokens(name)[1:]] + toks[:1]
        key = tuple(norm(t) for t in toks)
        printed_key = tuple(norm(t) for _, _, t in tokens(name))
        # a small town the gazetteer alone holds, found by a person's cue ("Hassan states", "Mr. Hassan"): the
        # person's name, in the whole record (the record's reading overrules the gazetteer's)
        town = len(key) == 1 and not inverted and _small_town_only(ctx, key)
        if not inverted and " ".join(key) in town_keys and _towns_in_a_list_of_places(ctx, name):
            continue  # "Hradec Králové, Banská Bystrica, and Košice": towns of the gazetteer, no person
        if (ctx.forms(key) and not inverted and not town) or key in rec_rejected or printed_key in rec_rejected:
            continue
        family_first = len(toks) > 1 and east_asian_shape(toks)
        shorts: list[tuple[str, ...]] = [(norm(w),) for w in short_forms(toks)] or [key[-1:]]
        short = shorts[0]
        if len(key) == 2 and key[0] in v.kunya:
            shorts = []  # "Abu Achmed": a kunya is a name of its own, "Achmed" alone no short form of it
        # an East Asian family name the gazetteer alone holds as a town ("Yao" of "Yao Guang") is the person's
        gazetteer_only = family_first and _gazetteer_only(ctx, short)
        if not gazetteer_only and not town and any(f.kind != "person" for f in ctx.forms(short)):
            if len(key) == 1:
                continue  # "Cuba" after a title is not a person
            shorts = []  # "Osmany Cienfuegos" is a person; "Cienfuegos" alone stays the city
        surname_ids = {f.entity_id for f in ctx.forms(short) if f.kind == "person"}
        spelt = v.listed_spelling(short[0]) if not surname_ids and not family_first else None
        if spelt:  # "Moskovskyi" is the listed Moskovsky when one listed person has that surname
            surname_ids = {f.entity_id for f in ctx.forms((spelt,)) if f.kind == "person" and f.rank == 0}
        if not surname_ids and not family_first and len(key) == 2:
            surname_ids = _misspelt_listed_surname(ctx, key)  # "Nicolae Ceasescu" is Nicolae Ceaușescu
        squash = "".join(key).replace("-", "")  # "RI Myong Sik" is "Ri Myong-sik"
        spelled = ctx.squashed.get(squash) or (ctx.rec.squashed_persons.get(squash) if len(key) > 1 else None)
        known = (
            spelled
            or (_family_respelt(ctx, key) if len(key) > 1 else None)
            or (_russian_korean_respelt(ctx, key) if family_first and len(key) > 2 else None)
            or (_family_name_glossed(ctx, key) if len(key) > 2 else None)
            or (_named_by_patronymic(ctx, key) if len(key) == 2 and _PATRONYMIC_END.search(key[1]) else None)
            or _same_person(ctx, toks, surname_ids, family_first)
            or (_initials_of_one_named_in_full(ctx, toks) if len(toks) > 1 and not family_first else None)
            or (_listed_before_second_surname(ctx, toks) if len(toks) > 2 and not family_first else None)
            or (next(iter({f.entity_id for f in ctx.forms(key)}), None) if inverted else None)
        )
        # initials before the surname ("V.E. Kuznetsov"): the given names they stand for are checked
        initialled = len(toks) > 1 and all(_IS_INITIAL.fullmatch(t if t.endswith(".") else t + ".") for t in toks[:-1])
        conflicting = _initials_conflict(ctx, key, family_first) if initialled else set()
        if known in conflicting or (
            known  # "V.E. Kuznetsov" read by another path (a spelling): the person it was read as
            and initialled
            and not family_first
            and known in ctx.rec.entries
            and _initials_contradict(ctx, key, known)
        ):
            known = None  # "V.E. Kuznetsov" is not the listed V. V. Kuznetsov: a person of the record, for review
        elif known and len(key) > 1 and len(key[0]) < 3 and _after_unheld_rank(ctx, key[-1], known):
            known = None  # "Major-General V. Kuznetsov": the listed Kuznetsov, a diplomat, held no rank
        if not known and len(key) == 1:
            known = _owner_by_title(ctx, key[0], _short_form_owners(ctx, key[0], claims.get(key, {})))
        if not known and len(key) == 1 and key[0] in ctx.rec.office_names and key not in claims:
            known = _owner_by_office(ctx, key[0])
        if not known and len(key) == 1 and not inverted:
            known = _misspelt_surname_of_the_record(ctx, key[0], name)
        xml_id = known or _new_local_person(ctx, " ".join(toks), key)
        ctx.squashed.setdefault(squash, xml_id)
        printed = [t for _, _, t in tokens(name)]
        learnt = _Form(xml_id, "person", tuple(t[0].isupper() for t in printed), None, 2)
        if town:
            ctx.overrule(key, learnt)
        else:
            ctx.add_local(tuple(norm(t) for t in printed), learnt)
        led = _surname_with_its_particles(v, printed)
        if led and not ctx.forms(tuple(norm(t) for t in led)):
            # "Albino Da Silva" ... "Da Silva": the surname with its capitalised particles is a short form
            ctx.add_local(
                tuple(norm(t) for t in led), _Form(xml_id, "person", tuple(t[0].isupper() for t in led), None, 2)
            )
        for short in shorts:
            listed = ctx.rec.short_index.get(short[0], {})
            named_in_full = {pid for pid, forms in listed.items() if any(_all_in(f, record_words) for f in forms)}
            if len(key) > 1:
                owners = claims.setdefault(short, {})
                owners.setdefault(xml_id, set()).update((key, *listed.get(xml_id, ())))
                for pid in named_in_full:
                    owners.setdefault(pid, set()).update(listed[pid])
                for pid in conflicting & listed.keys():  # the surname alone could be either: neither's
                    owners.setdefault(pid, set()).update(f for f in listed[pid] if len(f) > 1)
            # a listed person met in full (also "Shcherbakov I.S.", "Ri Ju Yon") teaches the surname as well
            if len(key) > 1 and (gazetteer_only or not ctx.forms(short)) and not named_in_full - {xml_id}:
                ctx.add_local(short, _Form(xml_id, "person", (True,), None, 2))
    # a short form two people of this record could own ("KIM" beside Kim Il Sung and Kim Joong-lin) links
    # to neither: a wrong link is worse than none
    for short, owners in claims.items():
        if len(owners) > 1 and _two_people(owners):
            titled = _owner_by_title(ctx, short[0], owners)
            if titled:
                _give_short_form(ctx, short, titled, set(owners))
            else:
                _contest_short_form(ctx, short, set(owners))


_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_LIST_BOUNDARY = re.compile(r"[.;:()\[\]\n]")


def _surname_with_its_particles(v, words: list[str]) -> list[str]:
    """The surname of a person's name of three words or more (`words`, as printed) with the particles
    before it, the first of them capitalised ("Albino Da Silva": Da Silva; "Pedro De la Torre": De la
    Torre; names.json particles); [] when no particle stands before the surname or the name begins with
    one. A Spanish or Portuguese surname so printed is named with its particles (TEI 13.2.1)."""
    start = len(words) - 1
    while start > 1 and norm(words[start - 1]) in v.particles:
        start -= 1
    if start == len(words) - 1 or not words[start][:1].isupper():
        return []
    return words[start:]


def _towns_in_a_list_of_places(ctx: _DocContext, name: str) -> bool:
    """Whether the record prints `name` (a town the gazetteer holds, found as a person's name) as an item of
    a list ("A, B, and C") whose items next to it are places: listed places or towns of the gazetteer, read
    outwards from the name up to the first item that is none; the outermost item maybe after other words
    ("visited Brno") or before them ("Košice, where"); one of them a listed or gazetteer place (no town
    alone). Then each town of those items is made a place of the record, unlinked (TEI 13.2.3; a town's name
    may be several towns': no @ref is claimed), and True."""
    flat = _flat(ctx)
    towns = _towns_by_key()[1]
    at = flat.find(name)
    while at >= 0:
        start = max((m.end() for m in _LIST_BOUNDARY.finditer(flat, max(0, at - 200), at)), default=max(0, at - 200))
        stop = _LIST_BOUNDARY.search(flat, at + len(name))
        items = [i.strip() for i in _LIST_SEPARATOR.split(flat[start : stop.start() if stop else len(flat)])]
        n = items.index(name) if name in items else -1
        found: list[tuple[str, tuple[str, ...], bool]] = []
        for step in (-1, 1) if n >= 0 else ():
            j = n + step
            while 0 <= j < len(items):
                place, whole = _place_item(ctx, items[j], towns, step)
                if place is None:
                    break
                found.append(place)
                if not whole:
                    break  # "visited Brno", "Košice in May": the list's first or last item
                j += step
        if found and any(not town for _, _, town in found):
            for surface, key, town in [(name, (), True), *found]:
                key = key or tuple(norm(t) for _, _, t in tokens(surface))
                if town and not ctx.forms(key):
                    xml_id = _new_local_person(ctx, surface, key, "place")
                    ctx.add_local(key, _Form(xml_id, "place", tuple(True for _ in key), None, 2))
            return True
        at = flat.find(name, at + 1)
    return False


def _place_item(
    ctx: _DocContext, item: str, towns: frozenset[str], step: int
) -> tuple[tuple[str, tuple[str, ...], bool] | None, bool]:
    """The place a list item names (as printed, its key, whether a gazetteer town alone), and whether it is the
    whole item: the whole, else its last words (`step` -1: an item before the name) or first words (after it)."""
    words = [t for _, _, t in tokens(item)]
    spans = [(0, len(words))] + [
        (len(words) - n, len(words)) if step < 0 else (0, n) for n in (3, 2, 1) if len(words) > n
    ]
    for a, b in spans:
        printed = words[a:b]
        if not printed or not all(w[:1].isupper() for w in printed):
            continue
        key = tuple(norm(w) for w in printed)
        if any(f.kind == "place" for f in ctx.forms(key)):
            return (" ".join(printed), key, False), b - a == len(words)
        if " ".join(key) in towns:
            return (" ".join(printed), key, True), b - a == len(words)
    return None, False


def _initials_conflict(ctx: _DocContext, key: tuple[str, ...], family_first: bool) -> set[str]:
    """The listed persons whose surname the name `key` (folded words, the surname last) ends with and
    whose given names its initials contradict (_initials_contradict); empty for a name of one word or a
    family-first name. Issue #12: a wrong link is worse than none."""
    if len(key) < 2 or family_first:
        return set()
    return {pid for pid in ctx.rec.short_index.get(key[-1], ()) if _initials_contradict(ctx, key, pid)}


def _initials_contradict(ctx: _DocContext, key: tuple[str, ...], pid: str) -> bool:
    """Whether the given names or initials of the name `key` (folded words, the surname last) contradict
    the listed person `pid`'s: a form of two words or more gives another letter at a place where the
    name has one ("V.E. Kuznetsov" beside the listed V. V. Kuznetsov), and no form agrees with every
    letter the name gives. Transliterations of one letter agree (Y./J./I./E.); family-first forms are
    not read. TEI 13.3.6 (@ref: one claim of identity)."""
    letters = [_SAME_INITIAL.get(w[:1], w[:1]) for w in key[:-1]]
    entry = ctx.entry(pid)
    clash = False
    for printed in (entry.name, *entry.variants):
        words = [t for _, _, t in tokens(printed)]
        if len(words) < 2 or norm(words[-1]) != key[-1] or east_asian_shape(words):
            continue  # (a form ending in a second surname, "Osvaldo Dorticós Torrado", says nothing here)
        theirs = [_SAME_INITIAL.get(w[:1], w[:1]) for w in map(norm, words[:-1])]
        if len(theirs) >= len(letters) and theirs[: len(letters)] == letters:
            return False
        clash = clash or any(a != b for a, b in zip(theirs, letters))
    return clash


def _misspelt_listed_surname(ctx: _DocContext, key: tuple[str, ...]) -> set[str]:
    """The listed person a given name and a surname misspelt by a letter or two name ("Nicolae Ceasescu"):
    the one person listed under that given name (names.json given names, EntityRecognizer.given_index)
    whose surname is within 88 points of the printed one (rapidfuzz ratio, surnames of six letters or
    more); else none (another person, or two that fit: a wrong link is worse than none)."""
    given, surname = key
    if len(surname) < 6:
        return set()
    found = {
        pid
        for pid, forms in ctx.rec.given_index.get(given, {}).items()
        if any(len(f) == 2 and fuzz.ratio(f[1], surname) >= 88 for f in forms)
    }
    return found if len(found) == 1 else set()


def _misspelt_surname_of_the_record(ctx: _DocContext, word: str, printed: str) -> str | None:
    """The person of the record whose surname the lone word `word` (folded; printed as `printed`) misspells
    ("Rordíguez" where the record names C. R. Rodríguez): the one person named in the record (a listed person
    whose form the record prints whole, or whose surname it prints and the lists give one person, or a name of
    two words or more learnt from it) whose surname begins with the same letter and is within two edits of it
    (one below eight letters: Morozov is not Molotov; optimal string alignment, a transposition counts one),
    the edits not all in the last two letters (another ending: Kosygina, Novotná), when the word is no name
    of its own (no list holds it as a given or family name, no entry as a form). Else None: no such person,
    or two fit (reported for review in the record's warnings: a wrong link is worse than none).
    TEI Guidelines 13.3.6 (@ref: one claim of identity)."""
    v = ctx.rec.names
    if len(word) < 6 or word in v.given or word in v.east_asian_family or word in ctx.rec.short_index:
        return None
    # two edits in a surname of eight letters or more, one in a shorter one (Morozov is not Molotov); the same
    # first letter; an edit within the last two letters is another ending, not a slip (Kosygina, Novotná)
    most = 2 if len(word) >= 8 else 1
    close = {w for w in ctx.record_words if w != word and w[:1] == word[:1] and abs(len(w) - len(word)) <= most}
    close = {w for w in close if OSA.distance(w, word, score_cutoff=most) <= most and not _same_but_ending(w, word)}
    if not close:
        return None
    owners = {
        f.entity_id
        for key, forms in ctx.local.items()
        if len(key) > 1 and key[-1] in close
        for f in forms
        if f.kind == "person"
    }
    for w in close:  # a listed person the record names in full, or by a surname the lists give one person
        owners |= {
            pid
            for pid, forms in ctx.rec.short_index.get(w, {}).items()
            if any(_all_in(f, ctx.record_words) for f in forms)
        }
        owners |= {f.entity_id for f in ctx.forms((w,)) if f.kind == "person"}
    if len(owners) == 1:
        return owners.pop()
    if owners:
        names = " or ".join(sorted(ctx.entry(pid).name for pid in owners))
        ctx.problems.append(f"'{printed}' may misspell the surname of {names}: left unlinked for review")
    return None


def _same_but_ending(a: str, b: str) -> bool:
    """Whether the words `a` and `b` differ only in their last two letters (a grammatical ending)."""
    stem = min(len(a), len(b)) - 2
    return a[:stem] == b[:stem]


def _two_people(owners: dict[str, set[tuple[str, ...]]]) -> bool:
    """Whether two of the owners of a short form (entity id -> the full forms the record or the lists
    give it, as keys) are told apart by their names: no form of one fits a form of the other. A
    fragment the rules found of a longer name ("Tran Quang" of "Tran Quang Co"; "Ilyich Brezhnev" of
    "L[eonid] I[lyich] Brezhnev", listed as L. I. Brezhnev) is the same person."""
    ids = list(owners)
    return any(
        not any(_name_fits(a, b) or _name_fits(b, a) for a in owners[one] for b in owners[other])
        for k, one in enumerate(ids)
        for other in ids[k + 1 :]
    )


def _name_fits(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Whether every word of the name `part` (folded words; one letter is an initial) is a word of
    `whole`, or the initial of one, and each initial of `part` begins a word of `whole`."""
    initials = {w[0] for w in whole}
    return all((w in whole or w[0] in whole) if len(w) > 1 else w in initials for w in part)


def _contest_short_form(ctx: _DocContext, short: tuple[str, ...], owners: set[str]) -> None:
    """Make `short` (a family name or surname) name a person of this record, linked to nobody, when
    two full names the record uses could own it: a listed person and a name no list holds ("Chiang"
    beside Chiang Kai-shek and Chiang Ching-kuo; "Castro" beside Fidel Castro and Manuel Castro), or
    two such names. Withdraws the record's forms of `short` for those owners (taught by
    _learn_local_names or lent by _propagate_listed_short_forms) and answers a listed one-word form
    ("Chiang" listed for Chiang Kai-shek) through ctx.surname_owner: the mention stays a person, as
    a record-local entry an editor reviews (cert="low"). Issue #12: when two entries fit, leave the
    mention unlinked (TEI 13.3.1: @ref only where the entity is known)."""
    forms = ctx.local.get(short, [])
    kept = [f for f in forms if f.entity_id not in owners]
    listed = any(f.kind == "person" for f in ctx.rec.lexicon.get(short, ()))
    if len(kept) != len(forms) or listed:
        xml_id = ctx.surname_owner.get(short[0]) or _new_local_person(ctx, short[0].title(), short)
        ctx.surname_owner[short[0]] = xml_id  # read where the listed form is met (_surname_only_owner)
        if not listed:
            kept.append(_Form(xml_id, "person", (True,), None, 2))
    ctx.local[short] = kept
    ctx.forms_version += 1


# a title phrase right before a name: capitalised words, one space apart, ending at the name ("Vice Minister ")
_TITLE_PHRASE_BEFORE = re.compile(rf"((?:[{UPPER}][\w’'.-]* )+)$")
_GAP_IN_NAME = r"[\s-]+"  # between the words of a full name as printed ("Kim Il Sung", "Kim Il-sung")


def _title_before(v, text: str, at: int) -> str:
    """The title printed right before `at` in `text`, folded ("vice minister" before "Zhou Hanshi"): of
    the capitalised words before it, one space apart, the longest last words that are a title, rank or
    role of names.json ("Vice Minister"), else the last word when it is a title word ("Premier" of
    "Summary Premier", a heading run into the text); "" when there is none."""
    m = _TITLE_PHRASE_BEFORE.search(text, max(0, at - 60), at)
    if not m:
        return ""
    words = [norm(w) for w in m.group(1).split()]
    phrases = _title_phrases(v)
    for k in range(max(0, len(words) - 4), len(words) - 1):
        if " ".join(words[k:]) in phrases:
            return " ".join(words[k:])
    return words[-1] if v.is_title_word(words[-1]) else ""


_TITLE_PHRASE_SETS: dict[int, frozenset[str]] = {}


def _title_phrases(v) -> frozenset[str]:
    """The honorifics, ranks and roles of the vocabulary `v` (names.json), folded (made once per vocabulary)."""
    phrases = _TITLE_PHRASE_SETS.get(id(v))
    if phrases is None:
        phrases = frozenset(
            " ".join(norm(w) for w in t.replace("-", " ").split()) for t in (*v.honorifics, *v.ranks, *v.roles)
        )
        _TITLE_PHRASE_SETS[id(v)] = phrases
    return phrases


def _owner_by_title(ctx: _DocContext, short: str, owners: dict[str, set[tuple[str, ...]]]) -> str | None:
    """The one owner of a contested short form (`short`, folded; owners: id -> full forms as keys) that
    the titles choose: every use of the short form alone follows a title ("Premier Zhou") that the
    record prints before that owner's full name ("Premier Zhou Enlai"), and every other owner's full
    name stands each time after another title ("Vice Minister Zhou Hanshi"); else None (no title, a title
    that fits none or two, or another owner named without a title, who may hold it as well: a wrong link
    is worse than none). TEI 13.3.1: the titles are the record's own evidence of whom it names."""
    if not owners:
        return None
    if ctx.flat_plain is None:
        ctx.flat_plain = _without_accents(_flat(ctx)).replace("’", "'")
    flat, v = ctx.flat_plain, ctx.rec.names
    found: list[tuple[int, int, str]] = []
    for pid, forms in owners.items():
        for form in forms:
            if len(form) < 2:
                continue
            parts = [re.escape(piece) for w in form for piece in re.split(r"[\W_]+", w) if piece]
            for m in re.finditer(rf"(?<!\w){_GAP_IN_NAME.join(parts)}(?!\w)", flat, re.IGNORECASE):
                found.append((*m.span(), pid))
    full_spans = [(a, b) for a, b, _ in found]
    titles: dict[str, set[str]] = {pid: set() for pid in owners}  # owner -> the titles before its full names
    for a, b, pid in found:
        if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in full_spans):
            titles[pid].add(_title_before(v, flat, a))  # ("Kim Il" inside "Kim Il Sung" is not printed)
    chosen: set[str] = set()
    alone = 0
    for at in _occurrences(ctx, short):
        if any(a <= at < b for a, b in full_spans):
            continue  # inside a full name
        alone += 1
        title = _title_before(v, flat, at)
        chosen |= {pid for pid, held in titles.items() if title in held}
        if not title or len(chosen) != 1:
            return None
    if not alone or len(chosen) != 1:
        return None
    owner = next(iter(chosen))
    # every other owner is named with another title each time: one named untitled may hold it too
    return owner if all(held and "" not in held for pid, held in titles.items() if pid != owner) else None


def _owner_by_office(ctx: _DocContext, short: str) -> str | None:
    """The one listed person whose short form is `short` (folded: "ho" of Ho Chi Minh) and who held, on
    the record's date, the office every title printed before `short` alone names ("Chairman Ho",
    "President Ho": names.json office_titles; <occupation type="office" from to> of the entry); else None:
    no date, no office title, another title before it ("Minister Ho" may be another Ho), no holder or two,
    or the record prints `short` before another person's given name ("Ho Dam"). Honorifics ("Comrade")
    say nothing. A person the authority gives no offices is never chosen (TEI 13.3.2.1: <occupation> with
    @from/@to; issue #12: a wrong link is worse than none)."""
    read = _offices_before(ctx, short, alone=False)
    if read is None or not read[0]:
        return None
    people = ctx.rec.short_index.get(short, {})
    holders = _office_holders(ctx, short, read[0])
    if len(holders) != 1 or _short_form_of_another(ctx, short, people[holders[0]]):
        return None
    words = ctx.record_words
    if any(pid != holders[0] and any(_named_together(ctx, f, words) for f in forms) for pid, forms in people.items()):
        # another bearer named in full ("Kim Il"): only where every mention alone follows an office's title
        alone = _offices_before(ctx, short)
        if alone is None or not alone[0] or not alone[1]:
            return None
    return holders[0]


def _record_days(ctx: _DocContext) -> tuple[str, str] | None:
    """The first and last day (ISO) of the record's date, else None (no year)."""
    iso = ctx.doc.header.date_iso
    if not iso or len(iso) < 4:
        return None
    start = iso + "-01-01"[len(iso) - 4 :] if len(iso) < 10 else iso[:10]
    end = iso + "-12-31"[len(iso) - 4 :] if len(iso) < 10 else iso[:10]
    return start, end


def _offices_before(ctx: _DocContext, short: str, alone: bool = True) -> tuple[set[str], bool] | None:
    """The offices (names.json office_titles' names) the titles printed before `short` (folded) alone name,
    and whether every such mention of it follows one ("Premier Kim ... Premier Kim"); None when another
    title stands before one ("Minister Kim": maybe another person) or the record has no date. Honorifics
    ("Comrade") are no title here. `alone`: a mention that starts a longer name ("Vice Premier Kim Il") is
    passed over; else its title counts as well (another title there: None)."""
    if _record_days(ctx) is None:
        return None
    if ctx.flat_plain is None:
        ctx.flat_plain = _without_accents(_flat(ctx)).replace("’", "'")
    flat, v = ctx.flat_plain, ctx.rec.names
    lower = flat.lower()
    honorifics = {norm(h) for h in v.honorifics}
    offices: set[str] = set()
    every = True
    # the words a listed bearer's full name prints before `short` ("robert" of Robert Kennedy)
    leads = {
        _GAP_IN_NAME.join(re.escape(p) for w in form[:-1] for p in re.split(r"[\W_]+", w) if p)
        for forms in ctx.rec.short_index.get(short, {}).values()
        for form in forms
        if len(form) > 1 and form[-1] == short
    }
    before_full = re.compile(rf"(?<!\w)(?:{'|'.join(sorted(leads))})[\W_]+$") if leads else None
    at = lower.find(short)
    while at >= 0:
        after = at + len(short)
        if not (lower[at - 1 : at].isalnum() or lower[at - 1 : at] in _WORD_CHARS) and (
            not (lower[after : after + 1].isalnum() or lower[after : after + 1] in _WORD_CHARS)
            or (lower.startswith("'s", after) and not lower[after + 2 : after + 3].isalnum())
        ):
            if alone and flat[after : after + 1] == " " and flat[after + 1 : after + 2].isupper():
                at = lower.find(short, at + 1)
                continue  # the start of a longer name ("Vice Premier Kim Il"): not `short` alone
            if alone and before_full is not None and before_full.search(lower, max(0, at - 80), at):
                at = lower.find(short, at + 1)
                continue  # the end of a listed bearer's full name ("Robert Kennedy"): not `short` alone
            title = _title_before(v, flat, at)
            if title and title not in honorifics:
                office = v.office_titles.get(title)
                if office is None:
                    return None  # "Minister Ho": another title, maybe another person of that name
                offices.add(office)
            else:
                every = False  # alone and untitled ("Kim said")
        at = lower.find(short, at + 1)
    return offices, every


def _office_holders(ctx: _DocContext, short: str, offices: set[str]) -> list[str]:
    """The listed persons whose short form is `short` who held every one of `offices` on the record's date."""
    days = _record_days(ctx)
    if days is None:
        return []
    v = ctx.rec.names
    people = ctx.rec.short_index.get(short, {})
    return [pid for pid in people if all(_held_office(ctx.entry(pid), o, *days, v) for o in offices)]


def _reading_by_office(ctx: _DocContext, short: str, pid: str) -> str:
    """Whom `short` (folded) names where the record prints it alone after an office's title ("Premier
    Kim") and lends it the short form of `pid`, a listed person it names in full ("Kim Il"): `pid`
    when no office title stands before it, when the authority knows no holder of those offices on the
    record's date among the short form's people, or when `pid` held them; the one holder when it is
    one and every mention alone is so titled; else "" (no link: the title says it is not `pid`, and
    which holder it is stays unsure). TEI 13.3.2.1 (<occupation> with @from/@to); issue #12: a wrong
    link is worse than none."""
    days = _record_days(ctx)
    people = ctx.rec.short_index.get(short, {})
    if days is None or not any(q != pid and _in_office(ctx.entry(q), *days) for q in people):
        return pid  # (most records) no other bearer held an office then: no title is read
    read = _offices_before(ctx, short)
    if read is None or not read[0]:
        return pid
    holders = _office_holders(ctx, short, read[0])
    if not holders or pid in holders:
        return pid
    return holders[0] if len(holders) == 1 and read[1] else ""


def _in_office(entry: AuthorityEntry, start: str, end: str) -> bool:
    """Whether the person of `entry` held any office (<occupation type="office">) from `start` to `end`."""
    return any(
        (since is None or since[:10] <= start) and (until is None or end <= until[:10])
        for _, since, until in entry.offices
    )


def _held_office(entry: AuthorityEntry, office: str, start: str, end: str, v) -> bool:
    """Whether the person of `entry` held `office` (names.json office_titles' name of it) from `start` to
    `end` (ISO days: the record's date, or the bounds of its month or year) by its <occupation
    type="office">s."""
    for title, since, until in entry.offices:
        if v.office_titles.get(" ".join(norm(w) for w in title.replace("-", " ").split())) != office:
            continue
        if (since is None or since[:10] <= start) and (until is None or end <= until[:10]):
            return True
    return False


def _short_form_owners(
    ctx: _DocContext, short: str, claimed: dict[str, set[tuple[str, ...]]]
) -> dict[str, set[tuple[str, ...]]]:
    """Who may own the one-word name `short` in this record (id -> full forms as keys): the names of
    several words found so far that `claimed` gives, and the listed persons with that short form whose
    full names the record prints ("Kim Il Sung", "Kim Il" for "Kim"); empty when fewer than two."""
    owners = {pid: set(forms) for pid, forms in claimed.items()}
    for pid, forms in ctx.rec.short_index.get(short, {}).items():
        met = {f for f in forms if _all_in(f, ctx.record_words) and _printed_together(ctx, list(f))}
        if met:
            owners.setdefault(pid, set()).update(met)
    return owners if len(owners) > 1 else {}


def _give_short_form(ctx: _DocContext, short: tuple[str, ...], owner: str, owners: set[str]) -> None:
    """Make `short` name `owner` alone in this record (_owner_by_title chose it among `owners`): the
    record's forms of `short` for the other owners are withdrawn; a listed one-word form ("Zhou", listed
    for Zhou Enlai) answers `owner` through ctx.surname_owner."""
    forms = ctx.local.get(short, [])
    kept = [f for f in forms if f.entity_id not in owners or f.entity_id == owner]
    listed = any(f.kind == "person" for f in ctx.rec.lexicon.get(short, ()))
    if listed:
        ctx.surname_owner[short[0]] = owner
    elif not any(f.entity_id == owner for f in kept):
        kept.append(_Form(owner, "person", (True,), None, 2))
    ctx.local[short] = kept
    ctx.forms_version += 1


def _family_respelt(ctx: _DocContext, key: tuple[str, ...]) -> str | None:
    """The one listed person whose name is `key` with its East Asian family name in another
    transliteration ("Gang Ryang-uk" for Kang Ryang-uk; names.json family_name_variants), the given
    name letter for letter; None when none or two are."""
    ids: set[str] = set()
    for group in ctx.rec.names.family_variants:
        if key[0] in group:
            for other in group - {key[0]}:
                ids |= {f.entity_id for f in ctx.rec.lexicon.get((other, *key[1:]), ()) if f.kind == "person"}
    return ids.pop() if len(ids) == 1 else None


def _family_name_glossed(ctx: _DocContext, key: tuple[str, ...]) -> str | None:
    """The one listed person a name whose East Asian family name a translator's gloss follows names ("Fam
    [Pham] Van Dong": the family name, then its other transliteration, names.json family_name_variants):
    read with the gloss's spelling, or else as printed without the gloss; None when no person or two fit."""
    if not any(key[0] in group and key[1] in group for group in ctx.rec.names.family_variants) or key[0] == key[1]:
        return None
    ids = {f.entity_id for f in ctx.rec.lexicon.get(key[1:], ()) if f.kind == "person"}
    return (ids.pop() if len(ids) == 1 else None) if ids else _family_respelt(ctx, key[1:])


def _russian_korean_respelt(ctx: _DocContext, key: tuple[str, ...]) -> str | None:
    """The one listed person whose form, spaces and hyphens aside, is the family-first name `key` with its
    syllables read back from a Russian transliteration ("Pak Den Ai" for Pak Jong Ae; names.json
    russian_korean_syllables); None when no syllable so reads, or when no person or two persons fit
    (a wrong link is worse than none)."""
    table = dict(ctx.rec.names.russian_korean_syllables)
    if not any(part in table for syllable in key[1:] for part in syllable.split("-")):
        return None
    readings = [""]
    for syllable in key[1:]:
        for part in syllable.split("-"):
            readings = [r + s for r in readings for s in (part, *table.get(part, ()))][:64]
    ids = {ctx.rec.squashed_persons.get(key[0] + r) for r in readings} - {None}
    return ids.pop() if len(ids) == 1 else None


def _gazetteer_only(ctx: _DocContext, key: tuple[str, ...]) -> bool:
    """Whether every form of `key` is a gazetteer place no list of ours holds (rank 1)."""
    forms = ctx.forms(key)
    return bool(forms) and all(f.rank == 1 for f in forms)


_SAME_INITIAL = {"y": "y", "j": "y", "i": "y", "e": "y"}  # Yuri/Jurij/Iurii, Yevgeny/Evgeny


def _same_person(ctx: _DocContext, toks: list[str], candidates: set[str], family_first: bool = False) -> str | None:
    """A rule-found name whose surname one known person has, and whose initial does not contradict it.

    Transliterations of one initial agree (Y./J./I./E. for Yuri, Jurij, Iurii). A family-first name
    must match a known form whole: a shared family name ("Kim") says nothing.
    """
    if len(candidates) != 1 or family_first:
        return None
    xml_id = next(iter(candidates))
    first = toks[0]
    if len(toks) > 1:
        known_first = tokens(ctx.entry(xml_id).name)
        if len(known_first) > 1:
            a, b = norm(known_first[0][2])[:1], norm(first)[:1]
            if _SAME_INITIAL.get(a, a) != _SAME_INITIAL.get(b, b):
                return None
        given = norm(first)
        known, initials = _given_names_and_initials(ctx.entry(xml_id))
        if (
            len(given) > 1
            and known
            and not any(_same_given(given, k) for k in known)
            # "Iosif Stalin": listed as Joseph and as I. V. Stalin, an initial no written-out name explains
            and not (given[0] in initials and not any(k[0] == given[0] for k in known))
        ):
            return None  # "Edward Kennedy" is not John F. Kennedy, though E. and J. may transliterate one letter
    return xml_id


def _initials_of_one_named_in_full(ctx: _DocContext, toks: list[str]) -> str | None:
    """Initials and a surname listed people bear ("R. Kennedy", "R.F. Kennedy", where the lists give the
    bare surname to John F. Kennedy): the one listed person with that surname whom the record names in full
    (a listed form of two words or more, the given name written out: "Robert Kennedy") and whose written-out given names
    the initials agree with, in order; else, for two initials or more ("C. R. Rodríguez"), the one listed
    person with that surname a listed form gives exactly those given names' initials, when every listed
    person with that surname has a written-out given name (none listed by the surname alone); else None
    (a person of the record, unlinked). TEI Guidelines 13.3.6 (@ref: one claim of identity)."""
    letters = [norm(t)[:1] for t in toks[:-1]]
    if not all(_IS_INITIAL.fullmatch(t if t.endswith(".") else t + ".") for t in toks[:-1]):
        return None
    fits: set[str] = set()
    every: set[str | None] = set()
    for pid, forms in ctx.rec.short_index.get(norm(toks[-1]), {}).items():
        written = [f for f in forms if len(f) > 1 and f[-1] == norm(toks[-1]) and len(f[0]) > 1]
        if not written:
            every.add(None)  # a person listed by the surname alone: whose initials are unknown
        elif len(letters) > 1 and any([w[:1] for w in f[:-1]] == letters for f in written):
            every.add(pid)  # "C. R. Rodríguez": the initials of all of a listed form's given names
        if any(_all_in(f, ctx.record_words) for f in written) and any(
            [w[:1] for w in f[:-1]][: len(letters)] == letters for f in written
        ):
            fits.add(pid)
    if len(fits) == 1:
        return fits.pop()
    # two initials or more that are all of one listed person's given names, and no other listed person
    # with that surname could bear them: that person, though the record does not name them in full
    return every.pop() if not fits and len(every) == 1 else None


# a Russian patronymic, folded: Ilyich, Sergeyevich, Andreyevich, Nikolayevna, Ilyinichna
_PATRONYMIC_END = re.compile(r"(?:ich|ych|vna|chna)$")


def _named_by_patronymic(ctx: _DocContext, key: tuple[str, ...]) -> str | None:
    """The one listed person a given name and patronymic name (`Leonid Ilyich`, as a letter addresses
    Brezhnev): a name form of three words or more that begins with that given name and patronymic, the
    patronymic maybe in another transliteration (`Sergeevich`, `Sergeyevich`: rapidfuzz ratio ≥ 85);
    None when none or several fit. Initials alone (`L. I. Brezhnev`) are no evidence: `Ilyich` and
    `Ivanovich` share theirs."""
    given, patronymic = key
    fits = {pid for second, pid in ctx.rec.patronymic_forms.get(given, ()) if fuzz.ratio(second, patronymic) >= 85}
    return fits.pop() if len(fits) == 1 else None


def _given_names_and_initials(entry: AuthorityEntry) -> tuple[set[str], set[str]]:
    """The first words of an entry's name forms of two or more words: (those written out, folded;
    the letters of those that are initials)."""
    written, initials = set(), set()
    for form in (entry.name, *entry.variants):
        words = [t for _, _, t in tokens(form)]
        if len(words) < 2:
            continue
        first = norm(words[0])
        if len(first) > 1 and not words[0].isupper():
            written.add(first)
        elif len(first) == 1:
            initials.add(first)
    return written, initials


def _same_given(given: str, known: str) -> bool:
    """Whether two written-out given names may be one name in two transliterations (Yuri, Iurii, Jurij;
    Alexei, Aleksei): the same name, one a short form of the other, or close (rapidfuzz ratio ≥ 65)."""
    return given == known or given.startswith(known) or known.startswith(given) or fuzz.ratio(given, known) >= 65


def _new_local_person(
    ctx: _DocContext, name: str, key: tuple[str, ...], kind: str = "person", generic: bool = False
) -> str:
    """A record-local entry (source "rule": written with resp="#encoder" cert="low").

    Its id comes from the name; a name that cannot tell one real entity from another across records
    (a surname alone, "Park"; common words, "Central Committee", "Hungarian Legation"; `generic`, an
    abbreviation no list holds, "the MFA") also carries the record's id, so that registers never merge
    different bodies or people under one rule-made id.
    """
    if kind == "org" and "s" in key:  # (the cue: a possessive "'s" is the token "s")
        listed = _misspelt_possessive(ctx.rec, key)
        if listed:
            return listed
    base = f"{'pers' if kind == 'person' else kind}-{_slug(' '.join(key))}"
    if ctx.doc.record_id and (generic or _generic_name(ctx.rec.names, name, kind)):
        base = f"{base}.{ctx.doc.record_id}"
    xml_id = base
    n = 2
    while xml_id in ctx.local_entries or xml_id in ctx.rec.entries:
        xml_id, n = f"{base}-{n}", n + 1
    display = " ".join(t.title() if t.isupper() and len(t) >= 2 and kind == "person" else t for t in name.split())
    ctx.local_entries[xml_id] = AuthorityEntry(xml_id=xml_id, kind=kind, name=display, source="rule")
    return xml_id


_FUNCTION_WORDS = frozenset({"of", "the", "for", "and", "s", "on", "in"})


def _possessive_stem_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """`key` (folded words) with each possessive word and its "s" token ("worker", "s") made one stem
    token ("worker'"), the form _misspelt_possessive compares in."""
    out: list[str] = []
    for word in key:
        if word == "s" and out and not out[-1].endswith("'"):
            out[-1] += "'"
        else:
            out.append(word)
    return tuple(out)


def _misspelt_possessive(rec: EntityRecognizer, key: tuple[str, ...]) -> str | None:
    """The listed body whose name a body's name of the record (folded words `key`) prints with its
    possessive word misspelt: the singular possessive for the listed plural ("Worker's" for "Workers'",
    a form the lexicon holds already) with a stray letter before the apostrophe ("Workery's"), every other
    word as listed (three words at least). One entry only, else None (a wrong link is worse than none)."""
    stems = _possessive_stem_key(key)
    ids: set[str] = set()
    for k, word in enumerate(stems):
        if word.endswith("'") and len(word) > 4:
            ids |= rec.possessive_stems.get((*stems[:k], word[:-2] + "'", *stems[k + 1 :]), set())
    return ids.pop() if len(ids) == 1 else None


def _generic_name(v, name: str, kind: str) -> bool:
    """Whether a rule-found name names different entities in different records: one word for a
    person; for a place or organisation, nothing but common words, national adjectives and the words
    of organs every party or state has ("Politburo", names.json generic_organs)."""
    words = [t for _, _, t in tokens(name)]
    if kind == "person":  # a surname alone, or with initials only ("R. Kennedy"): many people bear it
        return len(words) == 1 or all(_IS_INITIAL.fullmatch(w if w.endswith(".") else w + ".") for w in words[:-1])
    return all(
        norm(w) in _FUNCTION_WORDS or norm(w) in v.organ_words or v.is_common_word(w) or _NATIONAL.match(w)
        for w in words
    )


def _content_key(name: str) -> tuple[str, ...]:
    """The folded words of a name without its function words ("Department of State" -> department, state)."""
    return tuple(k for k in (norm(t) for _, _, t in tokens(name)) if k not in _FUNCTION_WORDS)


def generic_variant(v, entry: AuthorityEntry, form: str) -> bool:
    """Whether `form`, a variant of an organisation's entry, is a generic phrase: not an
    abbreviation, no word that makes it one body the world over ("International", names.json
    one_body_words), and every word a common word that the preferred name also has ("General
    Assembly" of "United Nations General Assembly"). Such a variant names other bodies too, so it
    links only with support in the record (see EntityRecognizer._generic_variants); TEI 13.3.1
    (a name links only to the entity it names).
    """
    if entry.kind != "org" or re.sub(r"[^\w]", "", form).isupper() or re.search(r"\d", form):
        return False  # an abbreviation, or a number that makes the name specific ("26 July Movement")
    if _content_key(form) == _content_key(entry.name):
        return False  # the preferred name itself, in another spelling ("People’s" for "People's")
    preferred = {norm(t) for _, _, t in tokens(entry.name)}
    words = [t for _, _, t in tokens(form)]
    if any(norm(w) in v.one_body_words for w in words):
        return False  # "International Red Cross": the name itself says there is one such body
    return bool(words) and all(
        norm(w) in preferred and (norm(w) in _FUNCTION_WORDS or (v.is_common_word(w) and not _NATIONAL.match(w)))
        for w in words
    )


def _resolve_name(ctx: _DocContext, name: str) -> str | None:
    key = tuple(norm(t) for _, _, t in tokens(name))
    ids = {f.entity_id for f in ctx.forms(key)}
    return ids.pop() if len(ids) == 1 else None


# --- tagging one string --------------------------------------------------------------------------


def _tag_unless_alternate(ctx: _DocContext, text: str, parent: Node) -> list:
    if parent.tag == "supplied" and parent.attrs.get("reason") == "alternate-name":
        return [text]  # tagged after, as the same entity as the name before it
    if parent.tag == "head" and text.startswith(_LETTERHEAD_OFFICES) and len(parent.children) == 1:
        return _letterhead_office(ctx, text)
    if ", " in text and len(parent.children) == 1:  # (the cue: a line to itself with a comma)
        organ = _organ_comma_state(ctx, text)
        if organ:
            return organ
    return _tag_text(ctx, text)


def _organ_comma_state(ctx: _DocContext, text: str) -> list | None:
    """A line that is a state's organ, a comma and the state ("Ministry of Foreign Affairs, FPRY", a file's
    heading or a signature; names.json state_organs, a listed state's form after the comma): one orgName
    (TEI P5 13.2.2: the state is part of the body's name, no placeName), linked to the listed organ of
    that state when the authority holds it (_state_organ_id), else a body of the record, unlinked; None
    for any other line (it is tagged as text)."""
    line = text.strip().rstrip(".")
    head, _, tail = line.rpartition(", ")
    organ = tuple(norm(t) for _, _, t in tokens(head))
    state = tuple(norm(t) for _, _, t in tokens(tail))
    if not head or organ not in ctx.rec.organ_keys or not state or _state_id(ctx, state) is None:
        return None
    xml_id = _state_organ_id(ctx, (*organ, *state))
    if xml_id is None:
        found = _record_org(ctx, line)
        if found is None:
            return None
        xml_id = found[1]
    ctx.seen.setdefault(xml_id, []).append(line)
    start = text.index(line)
    node = Node(TAGS["org"], {"ref": f"#{xml_id}"}, [line])
    return [x for x in (text[:start], node, text[start + len(line) :]) if x != ""]


_LETTERHEAD_OFFICES = letterhead_offices()  # "SECRETARY OF STATE FOR" (names.json letterhead_offices)
_CAPITALS_LINE = re.compile(rf"[{UPPER}][{CAPS_REST} ,'’-]*[{UPPER}]")


def _letterhead_office(ctx: _DocContext, text: str) -> list:
    """A document's heading that is, in capitals, an office of state and what it is for ("SECRETARY OF
    STATE FOR EXTERNAL RELATIONS", names.json letterhead_offices): the body whose paper the document is,
    one orgName of the record (TEI 13.2.2), unlinked; any other heading is tagged as text."""
    if not _CAPITALS_LINE.fullmatch(text):
        return _tag_text(ctx, text)
    key = _org_key(text)
    xml_id = _new_local_person(ctx, text, key, "org")
    ctx.seen.setdefault(xml_id, []).append(text)
    return [Node(TAGS["org"], {"ref": f"#{xml_id}"}, [text])]


_SURNAME_AFTER_GLOSS = re.compile(rf" [{UPPER}][\w’'-]")  # " Mikoyan" after "[Soviet Deputy Premier Anastas]"


def _split_glossed_given_names(v, node: Node) -> None:
    """A translator's gloss that ends with a given name right before the surname ("[Soviet Deputy
    Premier Anastas] Mikoyan", "[Soviet Premier Nikita S.] Khrushchev") becomes two supplied elements,
    the gloss and the given name, so the name can run from the given name through the surname
    (_tag_across_supplied; TEI P5 11.3.1.1: supplied inside a name, never a name inside part of one)."""
    children = node.children
    k = 0
    while k + 1 < len(children):
        child, after = children[k], children[k + 1]
        k += 1
        if (
            not isinstance(child, Node)
            or child.tag != "supplied"
            or not isinstance(after, str)
            or not _SURNAME_AFTER_GLOSS.match(after)
            or not all(isinstance(c, str) for c in child.children)
        ):
            continue
        text = child.text()
        words = text.split()
        n = len(words)
        while n > 0 and (_IS_INITIAL.fullmatch(words[n - 1]) or fold(words[n - 1]) in v.given):
            n -= 1
        if n == len(words):
            # "[Foreign Minister Adam] Rapacki": a given name no list holds, after the title; "[Cuban President
            # Osvaldo Torrado] Dorticos": a given name, then a family name
            n = n - 1 if _given_name_after_title(v, words) else _given_name_run_start(v, words)
            if n == len(words):
                continue  # no given name ends the gloss
        elif fold(words[n]) not in v.given:
            continue  # initials alone end it
        if n == 0 or text != " ".join(words):
            continue  # the whole gloss is the name, or no given name ends it
        gloss, name = " ".join(words[:n]), " ".join(words[n:])
        children[k - 1 : k] = [
            Node("supplied", dict(child.attrs), [gloss]),
            " ",
            Node("supplied", dict(child.attrs), [name]),
        ]
        k += 2


def _given_name_after_title(v, words: list[str]) -> bool:
    """Whether the last of a gloss's words is a given name because a title word stands right before it
    ("Foreign Minister Adam", "Politburo Member Otto") and it may be a name (_plain_name_word)."""
    return len(words) >= 2 and v.is_title_word(words[-2]) and _plain_name_word(v, words[-1])


def _given_name_run_start(v, words: list[str]) -> int:
    """Where the name at the end of a gloss begins when a listed given name opens a run of up to four name
    words that ends it ("Cuban President Osvaldo Torrado", "Leader of the Opposition Hugh Todd Naylor": the
    given name, then more given or family names the translator put before the surname outside); else
    len(words). The run stops at a title, a head word, a lower-case word or a national adjective."""
    start = len(words)
    j = len(words) - 1
    while j > 0 and len(words) - j <= 4 and (_plain_name_word(v, words[j]) or _IS_INITIAL.fullmatch(words[j])):
        if fold(words[j]) in v.given:
            start = j
        j -= 1
    return start


def _plain_name_word(v, word: str) -> bool:
    """Whether `word` may be a name no list holds: a capitalised word of letters that is no title, no
    organisation's head word and no national adjective. A listed given name or a Russian patronymic is
    a name word even in a national adjective's shape ("Sergei", "Mikhailovich": the shape's "-i", "-ch")."""
    return (
        word[:1].isupper()
        and word[1:].islower()
        and word.isalpha()
        and not v.is_title_word(word)
        and norm(word) not in _ORG_HEADS
        and (not _NATIONAL.match(word) or fold(word) in v.given or _PATRONYMIC_END.search(fold(word)) is not None)
    )


def _tag_across_supplied(ctx: _DocContext, nodes: list[Node]) -> None:
    """Names that run through supplied text: `A<supplied>lexei</supplied> N. Kosygin`,
    `<supplied>Todor</supplied> Zhivkov` become one persName holding the supplied element
    (TEI P5 11.3.1.1: supplied is allowed inside a name; the name is one mention)."""
    for node in nodes:
        if node.tag in _OPAQUE_FOR_ENTITIES or node.tag == "choice" or not _runs_through_supplied(node.children):
            continue
        _tag_completed_initials(ctx, node)
        pieces, flat = _flat_pieces(node)
        supplied = _Intervals([(a, b) for k, a, b in pieces if not isinstance(node.children[k], str)])
        if not any(_name_may_cross(flat, a, b) for a, b in supplied.items):
            continue  # no capitalised run crosses the supplied text: no name to find through it
        ctx.supplied_now = supplied
        spans = _name_spans(ctx, flat)
        ctx.supplied_now = None
        if _text_kinds(flat) & _ORG_HEAD:  # "CC [Central Committee] of the Korean Workers' Party": one body
            found = _org_spans(ctx, flat, partial(_no_gloss_of_words_before, flat, supplied))
            spans += [
                s
                for s in found
                if _supplies_whole_words(flat, touched := supplied.touching(s[0], s[1]))
                and not _gloss_after_abbreviation(flat, s[0], s[1], touched)
            ]
        if _may_name_meeting(ctx, flat):  # "XXII [CPSU] Party Congress": the party inside, no "XXII [CPSU] Party"
            spans = _outside_meetings(flat, spans)
        chosen = _spans_through_supplied(ctx, node, pieces, supplied, spans)
        if chosen:
            node.children = _wrap_spans(ctx, node, pieces, chosen)


_INITIAL_END = re.compile(rf"(?:^|(?<=[\s(“\"'‘]))(?P<initial>[{UPPER}])\.$")


def _tag_completed_initials(ctx: _DocContext, node: Node) -> None:
    """An initial the translator completed in brackets ("K.[udryavtsev]": the initial, its full stop, the
    supplied letters) is one persName with the supplied element inside (TEI 11.3.1.1, 13.2.1): linked when
    the completed surname names one listed or learnt person, else a person of the record when the surname
    is no dictionary word, title or listed name of something else (_unlisted_name)."""
    children = node.children
    for k in range(len(children) - 1, 0, -1):
        before, child = children[k - 1], children[k]
        if not (isinstance(before, str) and isinstance(child, Node) and child.attrs.get("reason") == "expansion"):
            continue
        if k + 1 < len(children) and isinstance(children[k + 1], str):
            _tag_given_name_completed(ctx, children, k)  # "V[asily]. Pisarev": the given name, then the surname
            if isinstance(children[k - 1], Node) or children[k - 1] is not before:
                continue
        completion = child.text()
        m = _INITIAL_END.search(before, max(0, len(before) - 3))
        if m is None or not (len(completion) >= 3 and completion.isalpha() and completion.islower()):
            continue
        surname = m["initial"] + completion
        xml_id = _surname_person(ctx, surname)
        if xml_id is None:
            continue
        name = Node(TAGS["person"], {"ref": f"#{xml_id}"}, [before[m.start() :], child])
        children[k - 1 : k + 1] = [before[: m.start()], name] if m.start() else [name]
        ctx.seen.setdefault(xml_id, []).append(surname)


def _surname_person(ctx: _DocContext, surname: str, initial: str = "", given: str = "") -> str | None:
    """The person a surname completed or named after an initial names: the one listed or learnt person of
    that surname (whose given name, when the lists give one, begins with `initial`), else a new person of
    the record when the surname is no dictionary word, title or listed name of something else; None when
    another kind or two people have that name, or no link can be made without risk. A `given` name (the
    initial completed, `V[ladimir].`) whose initial another listed person's given name does not begin
    with names another person: the record's person of that given name and surname."""
    key = (norm(surname),)
    forms = ctx.forms(key)
    ids = {f.entity_id for f in forms}
    if forms and (len(ids) != 1 or any(f.kind != "person" for f in forms)):
        return None  # another kind's name, or two people's: no link is better than a wrong one
    if forms:
        entry = ctx.entry(next(iter(ids)))
        firsts = {n.split()[0][:1] for n in (entry.name, *entry.variants) if len(n.split()) > 1}
        if initial and firsts and initial not in firsts:
            # "V[ladimir]. Gromyko" is not Andrei Gromyko: Vladimir Gromyko, a person of the record
            return _given_and_surname_person(ctx, given, surname) if given else None
        return next(iter(ids))
    if not _unlisted_name(ctx.rec, [surname]) or key in ctx.rec.rejected:
        return None
    xml_id = _new_local_person(ctx, surname, key)
    ctx.add_local(key, _Form(xml_id, "person", (True,), None, 2))
    return xml_id


def _given_and_surname_person(ctx: _DocContext, given: str, surname: str) -> str:
    """The person of a given name and surname: the one the record or the lists already hold under that
    name, else a new person of the record (never the listed person of the surname alone)."""
    key = (norm(given), norm(surname))
    people = {f.entity_id for f in ctx.forms(key) if f.kind == "person"}
    if len(people) == 1:
        return next(iter(people))
    xml_id = _new_local_person(ctx, f"{given} {surname}", key)
    ctx.add_local(key, _Form(xml_id, "person", (True, True), None, 2))
    return xml_id


_BARE_INITIAL_END = re.compile(rf"(?:^|(?<=[\s(“\"'‘]))(?P<initial>[{UPPER}])$")
_PERIOD_SURNAME = re.compile(rf"^\.\s?(?P<surname>{_SURNAME})(?![\w’'-])")
_SPACE_SURNAME = re.compile(rf"^ (?P<surname>{_SURNAME})(?![\w’'-])")


def _tag_given_name_completed(ctx: _DocContext, children: list, k: int) -> None:
    """An initial the translator completed in brackets before its full stop, then the surname ("V[asily].
    Pisarev": the initial, the supplied letters, the full stop, the surname), or after it when the letters
    complete a listed given name ("J.[oseph] Alsop"), is one persName with the
    supplied element inside (TEI 11.3.1.1, 13.2.1): linked when the surname names one listed person, else a
    person of the record when the surname is no dictionary word, title or listed name of something else."""
    before, child, after = children[k - 1], children[k], children[k + 1]
    m = _BARE_INITIAL_END.search(before, max(0, len(before) - 2))
    completion = child.text()
    tail = _PERIOD_SURNAME.match(after)
    if m is None and (m := _INITIAL_END.search(before, max(0, len(before) - 3))) is not None:
        # "J.[oseph] Alsop": the full stop before the bracket, a listed given name completed, then the surname
        tail = _SPACE_SURNAME.match(after) if fold(m["initial"] + completion) in ctx.rec.names.given else None
    if m is None or tail is None or not (len(completion) >= 2 and completion.isalpha() and completion.islower()):
        return
    surname = tail["surname"]
    xml_id = _surname_person(ctx, surname, m["initial"], m["initial"] + completion)
    if xml_id is None:
        return
    name = Node(TAGS["person"], {"ref": f"#{xml_id}"}, [before[m.start() :], child, after[: tail.end()]])
    rest = after[tail.end() :]
    children[k - 1 : k + 2] = [x for x in (before[: m.start()], name, rest) if x]
    ctx.seen.setdefault(xml_id, []).append(f"{m['initial']}{completion}. {surname}")


def _spans_through_supplied(
    ctx: _DocContext, node: Node, pieces: list[tuple[int, int, int]], supplied: _Intervals, spans: list[_Span]
) -> list[_Span]:
    """The spans of node's flat text (_flat_pieces) to tag as names running through its supplied text, in
    order and not overlapping: each holds the whole of every supplied piece it touches and some text
    outside one, begins and ends in a string or at a child's edge, and is no place the rules made up of
    two words. (The tests are pure and cheapest first: most spans touch no supplied text.)"""
    chosen: list[_Span] = []
    pos = 0
    in_pieces: _Intervals | None = None  # made at the first span that touches supplied text (few do)
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        start, end = span[0], span[1]
        if start < pos:
            continue
        # a name wholly inside the supplied text is tagged there (supplied/persName), as printed
        touched = supplied.touching(start, end)
        if not any(start < a or end > b for a, b in touched) or not all(start <= a and b <= end for a, b in touched):
            continue
        if isinstance(span[2].children[0], Node):
            continue
        if in_pieces is None:
            in_pieces = _Intervals(pieces)
        if not (_cuts_a_string(node, in_pieces, start) and _cuts_a_string(node, in_pieces, end)):
            continue
        # a name the place rules made up of two words ("the Center [Hanoi]") never spans supplied text
        if span[2].attrs.get("ref", "#")[1:] in ctx.unlinked_places.values():
            continue
        chosen.append(span)
        pos = end
    return chosen


def _no_gloss_of_words_before(flat: str, supplied: _Intervals, start: int, end: int) -> bool:
    """Whether the body's name [start, end) of `flat` is one (see _glosses_words_before)."""
    return not _glosses_words_before(flat, start, end, supplied.touching(start, end))


def _glosses_words_before(flat: str, start: int, end: int, touched: list[tuple[int, int]]) -> bool:
    """Whether a body's name found through supplied text ends with a supplied body's name whole while the
    words before it name none ("File No: Foreign Bang-Yeon [United Nations Division]", a romanized file
    code, then its translation): the supplied name is the body, tagged inside the supplied text, the
    words before are no part of it; not after an abbreviation the supplied words expand."""
    if len(touched) != 1:
        return False
    a, b = touched[0]
    return (
        b == end
        and a > start
        and " " in flat[a:b].strip()
        and _has_head_word(flat, a, b)
        and not _has_head_word(flat, start, a)
        and not _ACRONYM.match(flat[start:a].split()[-1])  # "Chilean CP [Communist Party]": its expansion
    )


_ABBREVIATION_BEFORE_GLOSS = re.compile(rf"(?<![\w’'-])[{UPPER}]{{2,7}} $")  # "BKP " before "[Bulgarian ...]"


def _gloss_after_abbreviation(flat: str, start: int, end: int, touched: list[tuple[int, int]]) -> bool:
    """Whether a body's name found through supplied text is an abbreviation alone and the gloss the
    translator put right after it ("the BKP [Bulgarian Communist Party]"): the abbreviation is the name,
    and the gloss, its expansion, a mention of its own (TEI 13.2: one name per mention; the gloss names the
    abbreviation's body, _learn_glossed_abbreviation). The gloss of an abbreviation that ends a longer
    name ("Presidium of CC of CPSU [Communist Party of the Soviet Union]"), or one that begins with an
    article ("the LCY [the League of ...]"), stays inside that name (the annotators of TP read them so)."""
    a, b = touched[-1]
    if b != end or not flat[a : a + 1].isupper():
        return False
    m = _ABBREVIATION_BEFORE_GLOSS.search(flat, max(0, a - 9), a)
    return m is not None and m.start() == start


def _supplies_whole_words(flat: str, touched: list[tuple[int, int]]) -> bool:
    """Whether supplied text touched by a body's name is whole words ("CC [Central Committee] of ..."), not
    letters completing a word ("F[oreign] M[inistry]", which reads as the generic phrase it expands)."""
    return bool(touched) and all(a == 0 or flat[a - 1] == " " for a, _ in touched)


_CAPITALISED_WORD_BEFORE = re.compile(rf"(?:^|[\s(“‘\"'])[{UPPER}][\w’'.-]* $")  # "Comrade " before "[Zhu]"


def _name_may_cross(flat: str, start: int, end: int) -> bool:
    """Whether a name can run through the supplied or sic text at [start, end) of a node's flat text
    (_flat_pieces): only as part of a run of capitalised words, so the text is capitalised itself
    ("Comrade [Zhu] De", "PENG [Dehuai]"), glued to a letter ("A[lexei] N. Kosygin"), or has a capitalised
    word right before or after it across one space ("People's Republic of [sic] Korea"). A lower-case word
    standing alone between lower-case words ("the [sic] meeting") is in no name."""
    if flat[start : start + 1].isupper() or flat[start - 1 : start].isalpha() or flat[end : end + 1].isalpha():
        return True
    if flat[end : end + 1] == " " and flat[end + 1 : end + 2].isupper():
        return True
    return (
        flat[start - 1 : start] == " " and _CAPITALISED_WORD_BEFORE.search(flat, max(0, start - 40), start) is not None
    )


_Interval = TypeVar("_Interval", bound=tuple[int, ...])


def _flat_pieces(node: Node) -> tuple[list[tuple[int, int, int]], str]:
    """node's flat text, where names are looked for, and its pieces: (child index, start, end) of each
    string or inline supplied child in that text, in order and without overlap. Another element, and the
    end of a pronoun's bracketed word ("He [Pham]"), become " | ", which no name runs across."""
    pieces: list[tuple[int, int, int]] = []
    parts: list[str] = []
    length = 0
    for k, child in enumerate(node.children):
        before = node.children[k - 1] if k else None
        part = child if isinstance(child, str) else child.text() if _inline_supplied(child, before) else None
        if part is None:
            parts.append(" | ")
            length += 3
            continue
        pieces.append((k, length, length + len(part)))
        parts.append(part)
        length += len(part)
        if _pronoun_before_supplied(node.children, k):
            parts.append(" | ")  # "He [Pham]": the name is the bracketed word alone
            length += 3
    return pieces, "".join(parts)


class _Intervals(Generic[_Interval]):
    """Intervals of a text, in order and not overlapping one another, each a tuple ending in its start
    and end: (start, end) or (child index, start, end). Found by bisection, so that checking every
    name of a long paragraph against its many supplied and sic elements stays linear (issue 13)."""

    def __init__(self, items: list[_Interval]) -> None:
        self.items = items
        self.starts = [item[-2] for item in items]
        self.ends = [item[-1] for item in items]

    def touching(self, start: int, end: int) -> list[_Interval]:
        """The intervals that share text with [start, end), or that are empty and lie strictly inside it."""
        first = bisect_right(self.ends, start)
        return self.items[first : bisect_left(self.starts, end, lo=first)]


def _cuts_a_string(node: Node, pieces: _Intervals[tuple[int, int, int]], at: int) -> bool:
    """A name may begin or end inside a string child, or at a child's edge, but not inside supplied text."""
    for k, a, b in pieces.touching(at, at + 1):
        if a < at < b:
            return isinstance(node.children[k], str)
    return True


def _wrap_spans(ctx: _DocContext, node: Node, pieces, chosen: list[_Span]) -> list:
    """node's children with each chosen flat-text span wrapped in its name element."""
    out: list = []
    current: Node | None = None
    spans = iter(chosen)
    span = next(spans, None)
    piece_of = {k: (a, b) for k, a, b in pieces}
    for k, child in enumerate(node.children):
        if k not in piece_of:
            out.append(child)
            continue
        a, b = piece_of[k]
        cursor = a
        while True:
            if span is not None and current is None and span[0] < b and span[0] >= cursor:
                if span[0] > cursor:
                    out.append(child[cursor - a : span[0] - a] if isinstance(child, str) else child)
                current = Node(span[2].tag, dict(span[2].attrs), [])
                out.append(current)
                cursor = span[0]
            if current is not None and span is not None:
                stop = min(b, span[1])
                if stop > cursor:
                    current.children.append(child[cursor - a : stop - a] if isinstance(child, str) else child)
                cursor = stop
                if span[1] <= b:
                    ref = current.attrs.get("ref", "#")[1:]
                    if ref:
                        ctx.seen.setdefault(ref, []).append(span[3] or "")
                    current, span = None, next(spans, None)
                    continue
                break
            if cursor < b:
                out.append(child[cursor - a :] if isinstance(child, str) else child)
            break
    return out


# a span: start, end, the element, and the name form it adds to its entity (None: adds none)
_Span = tuple[int, int, Node, str | None]


def _tag_text(ctx: _DocContext, text: str) -> list:
    known = (ctx.forms_version, len(ctx.seen))  # what the passes below read of the record's state
    if ctx.untagged.get(text) == known:
        return [text]  # read before, nothing to tag, and no form or entity learnt since: still nothing
    spans: list[_Span] = []
    found = ctx.dates.get(text)
    if found is None:  # a record repeats strings: each is searched once (the result depends on the text alone)
        found = find_dates(
            text,
            ctx.default_year,
            ctx.default_month,
            relative=True,
            day_first=ctx.day_first,
            default_day=ctx.default_day,
            slash_day_first=ctx.slash_day_first,
        )
        if not ctx.order_read and found and any(d.problem.startswith("ambiguous") for d in found):
            ctx.order_read = True
            ctx.day_first = dotted_order(ctx.texts, ctx.doc.header.date_iso)
            if ctx.slash_day_first is None:
                settled = slashed_order(ctx.texts, ctx.doc.header.date_iso)
                ctx.slash_day_first = ctx.slash_convention if settled is None else settled
            if ctx.day_first is not None or ctx.slash_day_first is not None:
                found = find_dates(
                    text,
                    ctx.default_year,
                    ctx.default_month,
                    relative=True,
                    day_first=ctx.day_first,
                    default_day=ctx.default_day,
                    slash_day_first=ctx.slash_day_first,
                )
        ctx.dates[text] = found
    for d in found:
        named = _listed_name_over_date(ctx, text, d.start, d.end)
        if named is not None:
            spans.append(named)  # "26th of July Movement": the body's name, never a date inside it
            continue
        unit = _unit_named_by_date(ctx, text, d.start, d.end)
        if unit is not None:
            spans.append(unit)  # "February 8 Vinylon Factory": a factory's name, never a date inside it
            continue
        if d.problem:
            ctx.problems.append(f"{d.problem}: tagged as a date without an ISO value")
        spans.append((d.start, d.end, Node("date", dict(d.attrs), [text[d.start : d.end]]), None))
    orgs = _org_spans(ctx, text)  # first: an abbreviation it defines names the organisation later in this text
    spans.extend(_places_named_after(ctx, text, _name_spans(ctx, text)))
    spans.extend(_letter_spaced(ctx, text))
    if "he North" in text or "he South" in text or "arallel" in text or "eridian" in text:  # (rare: substrings first)
        spans.extend(_direction_regions(ctx, text))
    if "nti-" in text or "ro-" in text:  # (rare: a substring test first)
        spans.extend(_places_after_stance_prefix(ctx, text))
    if ".-" in text or "-U." in text:  # (rare: "U.S.-ROK", "ROK-U.S.", "Japan-U.N."; two substring tests)
        spans.extend(_dotted_hyphen_places(ctx, text))
    if ctx.romance_heads and _ROMANCE_LINK_CUE.search(text):  # (a record without such a head word: no scan)
        spans.extend(_romance_bodies(ctx, text))
    spans.extend(orgs)  # after: at equal extent a listed form wins
    if ctx.rec.lower_head_bodies is not None:
        spans.extend(_lower_head_spans(ctx, text))  # "the Warsaw pact": the body, never the city
    spans.extend(_mission_spans(ctx, text))
    if any(word in text for word in _BARE_LEGISLATURES):  # (substring tests first)
        spans.extend(_bare_legislatures(ctx, text))
    if any(cue in text for cue in _PAPER_CUE_WORDS):
        spans.extend(_named_papers(ctx, text))
    if "(of " in text:
        spans.extend(_affiliations(ctx, text))
    if "he " in text or _PREPOSITION_ABBREVIATION_CUE.search(text) or _may_hold_listed_abbreviation(text):
        spans.extend(_abbreviated_orgs(ctx, text))
    if " party" in text and "he " in text:  # (substring tests first)
        spans.extend(_named_parties_in_lower_case(ctx, text))
    if "Emba" in text or "EMBA" in text:
        spans.extend(_mission_cable_addresses(ctx, text))
    if "tamp" in text and _may_name_stamp_ministry(text):  # (rare: substring tests first)
        spans = _stamp_ministries(ctx, text, spans)
    if spans and _may_name_meeting(ctx, text):
        spans = _outside_meetings(text, spans)  # "XXII [CPSU] Party Congress": the party alone, no "XXII ... Party"
    if len(spans) > 1 and (" of " in text or " in " in text):  # (substring tests first)
        spans.extend(_organs_with_their_state(ctx, text, spans))
    if not spans:
        if known == (ctx.forms_version, len(ctx.seen)):
            ctx.untagged[text] = known  # a record repeats strings ("Agreed."): the next one is answered here
        return [text]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))  # stable: at equal extent a listed form wins
    out: list = []
    pos = 0
    for start, end, node, form in spans:
        if start < pos:
            continue  # overlaps a longer or earlier mention: nothing is tagged inside another tag
        out.append(text[pos:start])
        out.append(node)
        if "ref" in node.attrs:
            forms = ctx.seen.setdefault(node.attrs["ref"][1:], [])
            if form is not None:
                forms.append(form)
        pos = end
    out.append(text[pos:])
    return out


_LEGISLATURES = legislature_short_forms()
_BARE_LEGISLATURES = _LEGISLATURES["bare"]
_STATES_OF_LEGISLATURES = "|".join(re.escape(w) for w in sorted(_LEGISLATURES["states"], key=len, reverse=True))
_CHAMBERS = "|".join(map(re.escape, _LEGISLATURES["chambers"]))
_LEGISLATURE_IN_FULL = re.compile(
    rf"(?<![\w.])(?:{_STATES_OF_LEGISLATURES}) (?:{_CHAMBERS})(?![\w’'-])"
    rf"|(?<![\w’'-])(?:{_CHAMBERS}) of the (?:{_STATES_OF_LEGISLATURES})(?![\w’'-])"
)
_BARE_LEGISLATURE = re.compile(
    rf"(?<![\w’'-])(?P<before>{'|'.join(_LEGISLATURES['words_before'])}) "
    rf"(?P<word>{'|'.join(map(re.escape, _BARE_LEGISLATURES))})(?![\w’'-]| of | [{UPPER}]|-)"
)


def _bare_legislatures(ctx: _DocContext, text: str) -> list[_Span]:
    """A legislature's chamber named by its word alone ("attacked in Congress", "the Speaker of the House") in
    a record that names it in full with its state ("US Congress", "Congress of the United States"; names.json
    legislature_short_forms): an organisation of the record, unlinked (TEI 13.2.2: the mention is a name; no
    entry holds the chamber). The word must follow a lower-case joining word ("the 6th Congress" is a party's
    meeting), "House" the article ("the White House" is a building); the record is read once."""
    if ctx.legislature is None:
        flat = _flat(ctx)
        ctx.legislature = any(w in flat for w in _LEGISLATURES["chambers"]) and bool(_LEGISLATURE_IN_FULL.search(flat))
    if not ctx.legislature:
        return []
    spans: list[_Span] = []
    for m in _BARE_LEGISLATURE.finditer(text):
        word = m["word"]
        if word == "House" and m["before"] != "the":
            continue
        xml_id = ctx.legislature_ids.get(word)
        if xml_id is None:  # one entry of the record per chamber, its id with the record's (whose chamber it is)
            xml_id = ctx.legislature_ids[word] = _new_local_person(ctx, word, (norm(word),), "org", generic=True)
        spans.append((m.start("word"), m.end(), Node(TAGS["org"], {"ref": f"#{xml_id}"}, [word]), word))
    return spans


_OF_OR_IN = re.compile(r" (?:of|in) (?:the )?")


def _organs_with_their_state(ctx: _DocContext, text: str, spans: list[_Span]) -> list[_Span]:
    """A listed state organ followed by "of|in (the)" and its own state ("Supreme People's Assembly in the
    Democratic People's Republic of Korea": the authority's forms say whose organ it is, _organ_owners) is
    one orgName with the state inside, linked to the organ (issue #12: a place inside an organisation's name
    is part of that orgName; TEI P5 13.2.1); another state after it ("the embassy of X in Y") stays apart.
    Returns the longer spans, which win over the two they cover."""
    owners = ctx.rec.organ_owners
    places = {s[0]: s for s in spans if s[2].tag == TAGS["place"]}
    out: list[_Span] = []
    for start, end, node, _ in spans:
        if node.tag != TAGS["org"] or owners.get(node.attrs.get("ref", "#")[1:]) is None:
            continue
        m = _OF_OR_IN.match(text, end)
        place = places.get(m.end()) if m else None
        if place is None or place[2].attrs.get("ref") != f"#{owners[node.attrs['ref'][1:]]}":
            continue
        surface = text[start : place[1]]
        out.append((start, place[1], Node(TAGS["org"], dict(node.attrs), [surface]), surface))
    return out


def _lower_head_spans(ctx: _DocContext, text: str) -> list[_Span]:
    """A listed organisation whose name the record prints with later words in lower case ("the Warsaw
    pact member nations", "the Baghdad pact", "the Atlantic alliance"): that organisation, its first
    word (a city's name, "Warsaw") never the place (TEI 13.2.2 orgName). Only a name whose folded words
    are one organisation's listed form, and no place's or person's, is tagged; names printed as listed
    are left to _org_spans. Returns spans for _tag_text."""
    pattern = ctx.rec.lower_head_bodies
    spans: list[_Span] = []
    if pattern is None:
        return spans
    if ctx.lower_heads is None:
        ctx.lower_heads = next(_lower_head_matches(pattern, _flat(ctx)), None) is not None
    if not ctx.lower_heads:
        return spans
    for m in _lower_head_matches(pattern, text):
        words = m[0].split(" ")
        if not any(w[:1].islower() and norm(w) not in _FUNCTION_WORDS for w in words[1:]):
            continue  # printed as listed: _org_spans reads it
        key = tuple(norm(w) for w in words)
        if key in ctx.rec.rejected:
            continue
        forms = ctx.forms(key)
        if any(f.kind != "org" for f in forms):
            continue
        ids = {f.entity_id for f in forms if f.rank == 0}
        if len(ids) != 1:
            continue
        xml_id = ids.pop()
        spans.append((m.start(), m.end(), Node(TAGS["org"], {"ref": f"#{xml_id}"}, [m[0]]), m[0]))
    return spans


_LOWER_HEAD_BEFORE = frozenset("’'-")


def _lower_head_matches(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """The matches of EntityRecognizer.lower_head_bodies in `text` that begin no word, in order and without
    overlap: what the pattern with a leading `(?<![\\w’'-])` finds with finditer. A match after a word's
    character is skipped and the search goes on from its next character, as the lookbehind would."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        start = m.start()
        if start and (text[start - 1] in _LOWER_HEAD_BEFORE or _WORD_CHAR.match(text, start - 1)):
            pos = start + 1
            continue
        yield m
        pos = m.end()  # (a match is never empty)


@lru_cache(maxsize=4)
def _direction_region_pattern(words: tuple[str, ...], lines: tuple[str, ...]) -> re.Pattern:
    """ "the Northeast" and the like (data/gazetteer.json direction_regions), no capitalised word after
    it; "the 38th parallel" (a degree's ordinal, then a word of numbered_lines)."""
    regions = rf"(?<=\b[Tt]he )(?:{'|'.join(map(re.escape, words))})(?![\w’'-]| [{UPPER}])" if words else "(?!)"
    numbered = (
        rf"(?<![\w.])\d{{1,2}}(?:st|nd|rd|th) (?:{'|'.join(map(re.escape, lines))})(?![\w’'-])" if lines else "(?!)"
    )
    return re.compile(f"{regions}|{numbered}")


def _direction_regions(ctx: _DocContext, text: str) -> list[_Span]:
    """A region named by a direction after "the" ("the Northeast had helped the Koreans", "visit the
    Northeast"; data/gazetteer.json direction_regions), and a line of latitude or longitude by its degree
    ("the 38th parallel"; numbered_lines): a place of the record, unlinked (TEI 13.2.3; the country whose
    region it is only the record tells); none before a capitalised word ("the Northeast Bureau", "the
    Northeast Asia": another name) or where a list holds the words."""
    rules = ctx.rec.link_rules
    if not rules.direction_regions and not rules.numbered_lines:
        return []
    out: list[_Span] = []
    for m in _direction_region_pattern(rules.direction_regions, rules.numbered_lines).finditer(text):
        key = (norm(m.group()),)
        if ctx.forms(key):
            continue
        region = record_state_rules().regions.get(_paper_of(ctx), {}).get(m.group())
        if text.startswith(" of ", m.end()):
            region = None  # "the Northeast of Vietnam": another country's part
        if region and region in ctx.rec.entries:  # "the Northeast" in Chinese paper: Manchuria (record-states.json)
            node = Node(TAGS["place"], {"ref": f"#{region}"}, [m.group()])
            out.append((m.start(), m.end(), node, m.group()))
        else:
            out.append(_unlinked_place(ctx, m.start(), m.end(), m.group(), key))
    return out


def _paper_of(ctx: _DocContext) -> str:
    """The authority id of the state whose paper the record is (record_state.record_state), "" when its
    header does not make it certain; read once per record."""
    if ctx.paper_of is None:
        ctx.paper_of = record_state(ctx.doc.header, ctx.rec.shared.existence) or ""
    return ctx.paper_of


def _own_ministry_id(ctx: _DocContext, key: tuple[str, ...], text: str, start: int, end: int) -> str | None:
    """The listed foreign ministry of the state whose paper the record is, for an unqualified name of a
    foreign ministry (names.json state_organs: "Ministry of Foreign Affairs", "MFA") where the record names
    its addressee or receiver ("[To] the Ministry of Foreign Affairs", "Ministry of Foreign Affairs Incoming
    Telegram": record_state.addressed_ministry); None elsewhere, or when no one entry fits."""
    if ctx.rec.organ_keys.get(key) != "foreign ministry":
        return None
    if not addressed_ministry(text, start, end):
        before = text[:start]
        if before.strip() not in ("", "the") and not after_other_addressees(before):
            return None
        # the name opens its string, or other addressees do: the cue may be an element's before it ("[To] the
        # Ministry ...", the translator's supplied word), read in the record's text as one
        flat, surface = _flat(ctx), text[:end]
        at = flat.find(surface)
        while at >= 0 and not addressed_ministry(flat, at + start, at + len(surface)):
            at = flat.find(surface, at + 1)
        if at < 0:
            return None
    state = _paper_of(ctx)
    found = ctx.rec.state_organs.get(("foreign ministry", state), frozenset()) if state else frozenset()
    return next(iter(found)) if len(found) == 1 else None


# a unit of a body, as the authority names it: "Far Eastern Department of the USSR Ministry of Foreign Affairs"
_UNIT_WORDS = r"(?:Department|Division|Directorate|Section|Administration)"
_UNIT_OF_BODY = re.compile(rf"(?P<unit>(?:[A-Z][\w’'-]* ){{1,4}}{_UNIT_WORDS}) of (?:the )?(?P<body>[A-Z].+)")
_FOREIGN_MINISTRY_FORMS = state_organ_names()["foreign ministry"]
# a ministry's stamp as a translator describes it: "[MFA stamp:", "[USSR MFA Stamp: Far East Department",
# "[MFA Far East Department stamp:": the ministry (a state's word before it or none), a unit of it before
# or after the stamp word
_STAMP_MINISTRY = re.compile(
    rf"(?<![\w’'-])(?:(?P<state>[A-Z][\w’'-]*) )?(?P<organ>{'|'.join(map(re.escape, _FOREIGN_MINISTRY_FORMS))})"
    rf"(?: (?P<before>(?:[A-Z][\w’'-]* ){{1,3}}{_UNIT_WORDS}))? [Ss]tamp\b:?"
    rf"(?: (?P<after>(?:[A-Z][\w’'-]* ){{1,3}}{_UNIT_WORDS})(?![\w’'-]))?"
)


# "the Ba'ath party", "the Wafd party": a party's own name, then "party" in lower case
_PARTY_IN_LOWER_CASE = re.compile(r"(?<![\w’'-])(?:the|The) (?P<name>[A-Z][a-z]*['’]?[a-z]+) party(?![\w’'-])")


def _named_parties_in_lower_case(ctx: _DocContext, text: str) -> list[_Span]:
    """A party named by its own word, then "party" in lower case, after "the" ("the Ba'ath party", "the Wafd
    party"): an organisation of the record, unlinked unless the lists know that exact name, when the word is
    no dictionary word, title, national adjective, given or family name, and no known place's or person's
    name ("the Labour party", "the Soviet party", "the Kim party" keep their readings). TEI 13.2.2."""
    v = ctx.rec.names
    spans: list[_Span] = []
    for m in _PARTY_IN_LOWER_CASE.finditer(text):
        word = m["name"]
        key = norm(word)
        if v.is_common_word(word) or v.is_title_word(word) or _NATIONAL.match(word) or ctx.forms((key,)):
            continue
        if key in v.given or key in v.east_asian_family or key in v.vietnamese_family or key in v.not_names:
            continue
        start, end = m.start("name"), m.end()
        listed = {f.entity_id for f in ctx.forms(_org_key(text[start:end])) if f.kind == "org"}
        if len(listed) == 1:
            xml_id = listed.pop()
            spans.append((start, end, Node(TAGS["org"], {"ref": f"#{xml_id}"}, [text[start:end]]), text[start:end]))
            continue
        span = _record_org_span(ctx, text, start, end)
        if span is not None:
            spans.append(span)
    return spans


# a mission's telegraphic address: "Emba" and the first letters of its state's name ("Embamex", "EMBACUBA")
_CABLE_ADDRESS = re.compile(r"(?<![\w’'-])(?:Emba|EMBA)(?P<stem>[a-z]{3,8}|[A-Z]{3,8})(?![\w’'-])")


def _mission_cable_addresses(ctx: _DocContext, text: str) -> list[_Span]:
    """An embassy's telegraphic address ("Embamex", the Mexican embassy's; "EMBACUBA"): "Emba" and three to
    eight letters that begin a gazetteer country's name, one word. An organisation of the record, linked to
    no entry (which state's embassy in which capital the address alone does not say). TEI 13.2.2."""
    spans: list[_Span] = []
    for m in _CABLE_ADDRESS.finditer(text):
        stem = m["stem"].lower()
        if not any(name.startswith(stem) for name in _country_names()):
            continue  # "Embassy", "Embargo", "Embarrassed": no state's name
        span = _record_org_span(ctx, text, m.start(), m.end())
        if span is not None:
            spans.append(span)
    return spans


def _may_name_stamp_ministry(text: str) -> bool:
    """A cheap pretest of _STAMP_MINISTRY: a foreign ministry's word printed at all."""
    return "MFA" in text or "inistry" in text or "MOFA" in text or "FMA" in text


def _stamp_ministries(ctx: _DocContext, text: str, spans: list[_Span]) -> list[_Span]:
    """A foreign ministry's stamp on the record's paper ("[MFA stamp: Incoming ...", "[USSR MFA Stamp: Far
    East Department ...", "[MFA Far East Department stamp: ..."): the ministry named with a state is the
    listed one of that name; unqualified, the ministry of the state whose paper the record is (the
    ministry that received and filed it: _paper_of, None when the header does not make it certain); a unit
    of it printed in the stamp is the listed unit of that ministry (the authority's "<unit> of <ministry>":
    EntityRecognizer.departments), else an organisation of the record. The spans these give replace any
    other over the same words; a stamp whose ministry is not certain is left to the other passes.
    `spans`: the mentions found so far in `text`; returns them with the stamp's. TEI Guidelines 13.2.2."""
    found: list[_Span] = []
    for m in _STAMP_MINISTRY.finditer(text):
        organ_start = m.start("organ")
        xml_id = None
        if m["state"] is not None:
            qualified = tuple(norm(t) for _, _, t in tokens(text[m.start() : m.end("organ")]))
            ids = {f.entity_id for f in ctx.forms(qualified) if f.kind == "org"}
            xml_id = ids.pop() if len(ids) == 1 else None
            organ_start = m.start()
        else:
            state = _paper_of(ctx)
            own = ctx.rec.state_organs.get(("foreign ministry", state), frozenset()) if state else frozenset()
            xml_id = next(iter(own)) if len(own) == 1 else None
        if xml_id is None:
            continue
        organ = text[organ_start : m.end("organ")]
        found.append((organ_start, m.end("organ"), Node(TAGS["org"], {"ref": f"#{xml_id}"}, [organ]), organ))
        unit = "before" if m["before"] is not None else "after" if m["after"] is not None else None
        if unit is not None:
            surface = m[unit]
            key = tuple(norm(t) for _, _, t in tokens(surface))
            unit_id = ctx.rec.departments.get((xml_id, key))
            if unit_id is not None:
                node = Node(TAGS["org"], {"ref": f"#{unit_id}"}, [surface])
                found.append((m.start(unit), m.end(unit), node, surface))
            else:
                span = _record_org_span(ctx, text, m.start(unit), m.end(unit))
                if span is not None:
                    found.append(span)
    if not found:
        return spans
    kept = [s for s in spans if not any(s[0] < f[1] and f[0] < s[1] for f in found)]
    return kept + found


def _listed_name_over_date(ctx: _DocContext, text: str, start: int, end: int) -> _Span | None:
    """The listed body's or place's name that begins where a date begins and goes on past it ("26th of
    July Movement", "26 July Movement"), as a mention span; None when no listed form does. The name
    passes begin at capitalised words and never see such a name, so the date would take its first words
    (TEI P5 13.2: a name is one mention; a date inside it is no date of the text)."""
    window = text[start : start + 160]
    first = _TOKEN.search(window)  # (the first of tokens(window), without reading the rest)
    lengths = ctx.lengths_from(norm(first.group())) if first else ()
    if not lengths:
        return None  # (most dates: no listed or learnt form begins with their first word)
    toks = tokens(window)
    keys = tuple(norm(t) for _, _, t in toks[: lengths[0]])  # as many keys as the longest form has words
    for length in lengths:
        if length > len(keys):
            continue
        choice = _choose(ctx, ctx.forms(keys[:length]))
        if choice is None or choice.kind not in ("org", "place"):
            continue
        stop = start + toks[length - 1][1]
        if stop <= end or not _contiguous(text[start:stop], toks, 0, length):
            return None
        surface = text[start:stop]
        entry = ctx.entry(choice.entity_id)
        if " ".join(surface.split()).casefold() not in {
            " ".join(n.split()).casefold() for n in (entry.name, *entry.variants)
        }:
            return None  # the lists' keys hold no digits: the date's own digits must be the listed name's
        return start, stop, Node(TAGS[choice.kind], {"ref": f"#{choice.entity_id}"}, [surface]), surface
    return None


_PRODUCTION_UNITS = production_unit_words()  # "factory", "ironworks", "farm"… (names.json)
_WORKS_BOOK_WORDS = works_book_words()  # "collected" of "Collected Works": a book (names.json)
# capitalised words after a date, the last a production unit's head word (" Vinylon Factory")
_UNIT_AFTER_DATE = re.compile(rf" (?:[{UPPER}][\w’'-]* ){{0,3}}(?P<head>[{UPPER}][{LOWER}]+)\b")


def _unit_named_by_date(ctx: _DocContext, text: str, start: int, end: int) -> _Span | None:
    """A production unit named after a date ("February 8 Vinylon Factory", "1 May Tractor Plant"): the
    date and the capitalised words after it up to a production unit's head word (names.json
    production_unit_words) as one orgName of the record, unlinked, as a mention span; None when no such
    name follows the date (TEI P5 13.2: a name is one mention; a date inside it is no date of the text)."""
    m = _UNIT_AFTER_DATE.match(text, end)
    if m is None or norm(m["head"]) not in _PRODUCTION_UNITS:
        return None
    surface = text[start : m.end()]
    key = tuple(norm(t) for _, _, t in tokens(surface))
    if key in ctx.rec.rejected:
        return None
    xml_id = _new_local_person(ctx, surface, key, "org")
    ctx.add_local(key, _Form(xml_id, "org", tuple(t[0].isupper() for _, _, t in tokens(surface)), None, 2))
    return start, m.end(), Node(TAGS["org"], {"ref": f"#{xml_id}"}, [surface]), surface


# a word printed letter by letter ("P r a g u e", "K A P I T S A"), maybe after a given name ("Jiri H e n d r y c h")
_SPACED = re.compile(
    rf"(?<![\w.])(?:(?P<given>[{UPPER}][{LOWER}]+) )?"
    rf"(?P<word>[{UPPER}](?: [{LOWER}]){{3,}}|[{UPPER}](?: [{UPPER}]){{3,}})(?!\w| \w\b)"
)

# every spaced word holds " x y " (its second and third letters between spaces)
_MAY_BE_SPACED = re.compile(r" \S \S ")


def _letter_spaced(ctx: _DocContext, text: str) -> list[_Span]:
    """Names printed with their letters spaced out (a signature, a place at a letter's foot), tagged as
    printed: a listed form once the spaces are closed, or a given name the vocabulary lists and a
    spaced surname (a person of the record). Other spaced words ("H i g h l y") stay as they are."""
    spans: list[_Span] = []
    if _MAY_BE_SPACED.search(text) is None:
        return spans  # (one fast scan) no two single characters in a row between spaces: nothing is spaced out
    for m in _SPACED.finditer(text):
        word = m.group("word").replace(" ", "")
        given = m.group("given")
        start = m.start("word")
        key: tuple[str, ...] = (norm(word),)
        with_given = bool(given) and (ctx.forms((norm(given), norm(word))) or norm(given) in ctx.rec.names.given)
        if with_given:
            key, start = (norm(given), norm(word)), m.start()
        choice = _choose(ctx, [f for f in ctx.forms(key) if f.exact is None])
        if choice is None and with_given and not ctx.rec.names.is_common_word(word):
            xml_id = _new_local_person(ctx, f"{given} {word.title()}", key)
            choice = _Form(xml_id, "person", (True, True), None, 2)
            ctx.add_local(key, choice)
        if choice is not None:
            surface = text[start : m.end()]
            spans.append((start, m.end(), Node(TAGS[choice.kind], {"ref": f"#{choice.entity_id}"}, [surface]), None))
    return spans


_TITLE_BEFORE = re.compile(rf"(?:(?<=\s)|^)(?P<title>[{UPPER}][\w.’'-]*)\s+$")


def _places_named_after(ctx: _DocContext, text: str, spans: list[_Span]) -> list[_Span]:
    """Person spans followed by "'s Villa" (a noun of names.json's named_after_person) become the
    place they name, title included: "Chairman Kim's Villa" is a building, never a mention of a Kim
    (TEI 13.2.3: a place name may contain a person's name). The place is an entry of this record only."""
    v = ctx.rec.names
    if "'s" not in text and "’s" not in text:
        return spans  # no "'s Villa" here (the usual case: two substring tests)
    places: list[tuple[int, int]] = []
    for span in spans:
        start, end, node, _form = span
        after = _named_after_person(v, text, end) if node.tag == TAGS["person"] else 0
        if after:
            title = _TITLE_BEFORE.search(text, max(0, start - 40), start)
            places.append((title.start("title") if title and v.is_title_word(title.group("title")) else start, after))
    for m in ctx.rec.title_name.finditer(text):  # "Chairman Kim's Villa" with no Kim tagged
        run = _name_run(v, m.group("name").split())
        after = _named_after_person(v, text, m.start("name") + len(run)) if run else 0
        if after:
            places.append((m.start(), after))
    if not places:
        return spans
    out = [s for s in spans if not any(a <= s[0] < b for a, b in places)]
    for start, after in sorted(dict(sorted(places, key=lambda p: p[1])).items()):  # one place per start
        surface = text[start:after]
        key = tuple(norm(t) for _, _, t in tokens(surface))
        ids = {f.entity_id for f in ctx.forms(key) if f.kind == "place"}
        if len(ids) == 1:
            xml_id = next(iter(ids))
        else:
            xml_id = _new_local_person(ctx, surface, key, "place")
            ctx.add_local(key, _Form(xml_id, "place", tuple(t[0].isupper() for _, _, t in tokens(surface)), None, 2))
        out.append((start, after, Node(TAGS["place"], {"ref": f"#{xml_id}"}, [surface]), surface))
    return out


def _after_title(rec: EntityRecognizer, text: str, toks, i: int) -> bool:
    """Whether token i follows a title word (`Comrade`, `General`) with one space between, or an
    abbreviated one with its full stop (`Mr.`, `Col.`; a full stop after another word ends a sentence);
    never a country's name after a title in lower case (`the minister Cuba`)."""
    between, word = text[toks[i - 1][1] : toks[i][0]], toks[i - 1][2]
    if word.isupper():
        return False  # `DR Vietnam`, `PR China`: a state's form, not `Dr.`
    if word.islower() and norm(toks[i][2]) in _country_names():
        return False  # "told the minister Cuba would agree": a role in lower case, then the state, no surname
    if between == " ":
        return fold(word) in rec.names.titles_folded
    return between == ". " and f"{word}." in rec.names.dotted_titles


def _after_office(rec: EntityRecognizer, text: str, toks, i: int) -> bool:
    """Whether token i follows the last word of a rank or role (`President`, `General`, `Minister`) with
    only a space between."""
    return i > 0 and text[toks[i - 1][1] : toks[i][0]] == " " and fold(toks[i - 1][2]) in rec.names.offices_folded


def _named_after_found_person(
    ctx: _DocContext, text: str, toks, keys, i: int, found: tuple[int, _Form]
) -> tuple[_Span | None, int] | None:
    """(span, next token) when the person's name found at token i is followed, one space apart, by a
    capitalised noun of names.json named_after_person ("Kim Il Sung Square", "the Ho Chi Minh Trail",
    "the Lenin Shipyard": the place it names, one place of the record, unlinked; span None when the noun
    is of honours_named_after_person, right after the name or after one or two more capitalised words ("the
    Lenin Prize", "the Lenin Peace Prize", in lower case "the Lenin award": no mention of the person, nothing
    tagged); a production unit's
    head word (names.json production_unit_words) after more capitalised words makes the unit's name, an
    organisation of the record ("the Stalin Tractor Plant");
    None otherwise. TEI 13.2.3: a place name may contain a person's name; the person is not mentioned."""
    length, form = found
    if form.kind != "person":
        return None
    v = ctx.rec.names
    start = toks[i][0]
    if any(text.endswith(f"{words} ", 0, start) for words in v.honours_before_person):
        return None, i + length  # "the Order of Lenin": an honour, no mention of Lenin
    j = i + length
    word = _word_after(text, toks, j)
    if word is None or not word[:1].isupper():
        if word in v.honours_in_lower_case:
            return None, j + 1  # "the international Lenin award": an honour printed in lower case
        if word in v.kin_nouns and length == 1:
            # "the Castro brothers": more than one bearer of the surname, a person of the record, unlinked
            xml_id = _new_local_person(ctx, toks[i][2], (keys[i], keys[j]))
            return (start, toks[i][1], Node(TAGS["person"], {"ref": f"#{xml_id}"}, [toks[i][2]]), toks[i][2]), j
        return None
    # up to two capitalised dictionary words before the noun: "the Lenin Peace Prize", "the Stalin Auto Works"
    for k in range(j, min(j + 3, len(toks))):
        if k > j and (_word_after(text, toks, k) is None or not toks[k][2][:1].isupper()):
            return None
        if keys[k] in v.honours_named_after_person:
            return None, k + 1
        if keys[k] in v.named_after_person:
            end = toks[k][1]
            if k > j and keys[k] in _PRODUCTION_UNITS:
                # "the Stalin Automobile Plant": words between the name and a production unit's head make the
                # unit's name, an organisation of the record ("the Lenin Shipyard" right after it: a place)
                return _record_org_span(ctx, text, start, end), k + 1
            return _unlinked_place(ctx, start, end, text[start:end], tuple(keys[i : k + 1])), k + 1
        if not v.is_common_word(toks[k][2]):
            return None  # a name goes on
    return None


_VESSEL_NAME_QUOTES = frozenset("\"“”«‘'")  # the quotation marks a ship's name may stand in


def _after_vessel_noun(rec: EntityRecognizer, text: str, start: int) -> bool:
    """Whether a known name starting at `start` follows a word of names.json vessel_nouns, one space
    apart, a quotation mark allowed ("the ship Fidel Castro", "the motor ship “Havana”"): the name is a
    ship's, no mention of the person or place it is named after (TEI 13.2: a name of another kind)."""
    # (read in place: the 24 characters before the name, quotation marks stripped at their end, must end
    # with a space after a vessel noun; no slice is made for the many names that follow none)
    low = max(0, start - 24)
    k = start
    while k > low and text[k - 1] in _VESSEL_NAME_QUOTES:
        k -= 1
    if k == low or text[k - 1] != " ":
        return False
    if not text.endswith(rec.names.vessel_nouns, low, k - 1):
        return False  # (one test in C first: most names follow no vessel noun at all)
    before = text[low : k - 1]
    return any(
        before.endswith(noun) and not before[-len(noun) - 1 : -len(noun)].isalnum() for noun in rec.names.vessel_nouns
    )


def _woman_addressed(rec: EntityRecognizer, text: str, toks, i: int) -> bool:
    """Whether token i follows a form of address for a woman (`Mrs. Gromyko`, `Madame Nhu`: names.json
    honorifics_of_women) with only spaces between: a surname then names a woman, never a listed person
    matched by that surname alone (a listed form that begins with the honorific is matched whole)."""
    between = text[toks[i - 1][1] : toks[i][0]]
    return between.strip(". ") == "" and fold(toks[i - 1][2]) in rec.names.honorifics_of_women


def _word_after(text: str, toks, j: int) -> str | None:
    """The token j when only one space separates it from the token before it, else None."""
    if j >= len(toks) or text[toks[j - 1][1] : toks[j][0]] != " ":
        return None
    return toks[j][2]


def _listed_body_of_another_state(
    ctx: _DocContext, text: str, toks, keys, i: int, end: int, spans: list, form: _Form
) -> _Span | None:
    """An organisation of the record, unlinked, for a listed body tagged right before "of" or "of the"
    and the known place at token i, when the body's names name a state and not this one ("the PCC of
    Chile": the Communist Party of Cuba's letters, another country's party); None otherwise. A body's
    state is a word of its names that is a known place's or begins like a one-word country's name
    ("Cuban", "Hungarian"); the place's, the words of its names ("Chile", "German"). A body whose names name
    no state ("the KGB": the authority gives organisations no country) is as uncertain before a state's
    name ("the KGB of Bulgaria"): one body of the record, unlinked. TEI 13.3.1; a wrong link is worse
    than none (issue #12)."""
    k = i - 2 if keys[i - 1] == "of" else i - 3
    if k < 0 or keys[k + 1] != "of" or not spans or spans[-1][1] != toks[k][1]:
        return None
    body = spans[-1]
    if body[2].tag != TAGS["org"] or text[toks[k][1] : toks[i][0]] not in (" of ", " of the "):
        return None
    body_id = body[2].attrs.get("ref", "")[1:]
    entry = ctx.rec.authority.entries.get(body_id)
    if entry is None:
        return None
    countries = _one_word_country_stems()
    states = set()
    for name in (entry.name, *entry.variants):
        for _, _, word in tokens(name):
            w = norm(word)
            if len(w) >= 4 and (w[:4] in countries or any(f.kind == "place" for f in ctx.forms((w,)))):
                states.add(w[:4])
    if not states:
        return _record_org_span(ctx, text, body[0], end) if _is_state(ctx, form.entity_id) else None
    place = ctx.entry(form.entity_id)
    names = (place.name, *place.variants, *(shared.form for shared in place.shared))
    own = {norm(word) for name in names for _, _, word in tokens(name)}
    if states & {w[:4] for w in own}:
        return None
    start = body[0]
    return _record_org_span(ctx, text, start, end)


def _is_state(ctx: _DocContext, xml_id: str) -> bool:
    """Whether the listed place `xml_id` is a state: a gazetteer country's name is one of its names, or the
    authority dates its existence ("Bulgaria", "USSR"; not "Moscow")."""
    entry = ctx.entry(xml_id)
    countries = _country_names()
    return entry.existence != (None, None) or any(norm(n) in countries for n in (entry.name, *entry.variants))


@lru_cache(maxsize=1)
def _one_word_country_stems() -> frozenset[str]:
    """The first four letters of the gazetteer's one-word country names ("cuba", "hung", "chin")."""
    return frozenset(n[:4] for n in _country_names() if " " not in n and len(n) >= 4)


def _paper_after_place(ctx: _DocContext, text: str, toks, i: int, j: int) -> _Span | None:
    """The newspaper or magazine a known place's name (tokens i to j - 1) begins, when a word of
    data/gazetteer.json paper_name_words follows it, one space apart, and no capitalised word after
    that ("the Korea Times", "China Daily", "Peking Review"; not "the Korea News Agency"): an
    organisation of the record, the place no mention of its own (TEI 13.2.2; a place inside an
    organisation's name is part of its orgName). None otherwise."""
    word = _word_after(text, toks, j)
    if word is None or word not in ctx.rec.link_rules.paper_name_words:
        return None
    after = _word_after(text, toks, j + 1)
    if after is not None and after[:1].isupper():
        return None
    return _record_org_span(ctx, text, toks[i][0], toks[j][1])


def _paper_before_place(ctx: _DocContext, text: str, toks, i: int, end: int, spans: list) -> _Span | None:
    """The newspaper a known place's name (from token i to offset `end`) ends, when a word of
    data/gazetteer.json paper_words_before_place and a word of paper_place_links come before it,
    one space apart and untagged ("Jornal do Brasil", "Diario de Cuba", "Journal de Genève"): an
    organisation of the record, the place no mention of its own (TEI 13.2.2; a place inside an
    organisation's name is part of its orgName). None otherwise."""
    rules = ctx.rec.link_rules
    for size in {len(link) for link in rules.paper_place_links}:
        k = i - size - 1
        if k < 0 or tuple(t[2].casefold() for t in toks[k + 1 : i]) not in rules.paper_place_links:
            continue
        if toks[k][2] not in rules.paper_words_before_place:
            continue
        if any(text[toks[m][1] : toks[m + 1][0]] != " " for m in range(k, i)):
            continue
        if spans and spans[-1][1] > toks[k][0]:
            continue
        return _record_org_span(ctx, text, toks[k][0], end)
    return None


def _before_event_noun(ctx: _DocContext, text: str, toks, j: int) -> bool:
    """Whether the place name ending before token j starts an event's name ("Geneva accords") or
    names a part of an organisation ("the Korea Desk")."""
    word = _word_after(text, toks, j)
    rules = ctx.rec.link_rules
    return word is not None and (word in rules.event_nouns or word in rules.org_part_nouns)


def _listed_name_printed(ctx: _DocContext, xml_id: str) -> bool:
    """Whether the record prints one of the authority's own names of the entry word for word
    ("Santiago de Chile"), in the body or the summary."""
    entry = ctx.entry(xml_id)
    return any(_printed_in_full(ctx, name) for name in (entry.name, *entry.variants))


def _named_otherwise(ctx: _DocContext, xml_id: str, key: tuple[str, ...]) -> bool:
    """Whether the record names the entry by a name other than `key` (its words among the record's
    capitalised words: "United States", "USA")."""
    entry = ctx.entry(xml_id)
    for name in (entry.name, *entry.variants):
        other = tuple(norm(t) for _, _, t in tokens(name))
        if other != key and not set(other) <= set(key) and _all_in(other, ctx.record_words):
            return True
    return False


_SENTENCE_END = (". ", "; ", "\n")


def _reads_as_listed_place(ctx: _DocContext, text: str, start: int, end: int, key: tuple[str, ...]) -> bool:
    """Whether an ambiguous place name ("America": the Americas or the United States) reads as its
    listed place without another of its names in the record (_named_otherwise): not after "of" (a longer
    name's end: "the Congress of Women of America"), no word of its other reading in its sentence
    ("Asia, Africa and America": gazetteer.json other_reading_words), and, in a record where the other
    reading is usual ("Latin", "Cuba": other_reading_record_words), the state's adjective printed alone
    ("the American imperialists", not "Latin American")."""
    rules = ctx.rec.link_rules
    if text[max(0, start - 3) : start] == "of ":
        return False
    if not rules.other_reading_record_words.isdisjoint(ctx.record_words):
        adjective, not_after = rules.ambiguous_adjectives.get(key, ("", frozenset()))
        flat = _flat(ctx)
        if not adjective or not any(
            not set(_words_before(flat, at)[-1:]) & not_after for at in _occurrences(ctx, adjective)
        ):
            return False
    left = max(text.rfind(mark, 0, start) for mark in _SENTENCE_END) + 1
    right = min((k for k in (text.find(mark, end) for mark in _SENTENCE_END) if k >= 0), default=len(text))
    sentence = f" {text[left:right]} "
    return not any(_has_word(sentence, word) for word in rules.other_reading_words)


def _has_word(text: str, word: str) -> bool:
    """Whether `word` stands in `text` (begun and ended by a space) as a whole word: "Asia", not "Asian"."""
    at = text.find(" " + word)
    while at >= 0:
        if not text[at + len(word) + 1].isalpha():
            return True
        at = text.find(" " + word, at + 1)
    return False


def _after_org_part_noun(ctx: _DocContext, text: str, toks, i: int, spans: list) -> bool:
    """Whether the place name at token i follows a capitalised part of an organisation one space
    before it, untagged ("the Department Far East", "Department FRG" of a ministry: data/gazetteer.json
    org_part_nouns): the name of that department, not the place."""
    if i == 0 or text[toks[i - 1][1] : toks[i][0]] != " " or (spans and spans[-1][1] > toks[i - 1][0]):
        return False
    return toks[i - 1][2] in ctx.rec.link_rules.org_part_nouns


def _feature_word_after(ctx: _DocContext, text: str, toks, j: int) -> int:
    """The token after the feature words ("Harbor", "Strait", "Province": data/gazetteer.json
    feature_words) that follow a known place ending before token j, one space apart and capitalised,
    or after a building's noun up to two capitalised words later ("Beijing Workers Stadium":
    names.json named_after_person); 0 when none follows. TEI 13.2.3: "Wonsan Harbor" names another
    place than the city Wonsan."""
    k = j
    while _word_after(text, toks, k) in ctx.rec.link_rules.feature_words:
        k += 1
    if k > j:
        return k
    if toks[j - 1][2].isupper():
        return 0  # "the US House": a state's abbreviation before it names a body, not a building
    for k in range(j, min(j + 3, len(toks))):  # "Beijing Workers Stadium": a building (names.json named_after_person)
        word = _word_after(text, toks, k)
        if word is None or not word[:1].isupper():
            return 0
        if norm(word) in ctx.rec.names.named_after_person:
            return k + 1
    return 0


def _party_of_place(ctx: _DocContext, text: str, toks, i: int, end: int, spans: list) -> _Span | None:
    """A party named by its abbreviation and the state's name ("CP Italy", "CP of Italy"): an
    abbreviation of a party's shape (two to five capitals ending in P) one space before the place at
    token i, no form of its own, untagged. The party is an organisation of the record, unlinked; the
    state inside it is not tagged (TEI 13.2.2: a place inside an organisation's name is part of it)."""
    k = i - 2 if i >= 2 and toks[i - 1][2] == "of" and toks[i - 2][2] in ("CP", "KP") else i - 1  # "CP of Italy"
    if k < 0 or text[toks[k][1] : toks[i][0]] not in (" ", " of ") or (spans and spans[-1][1] > toks[k][0]):
        return None
    word = toks[k][2]
    if not (2 <= len(word) <= 5 and word.isupper() and word.endswith("P")) or ctx.forms((norm(word),)):
        return None
    start = toks[k][0]
    found = _record_org(ctx, text[start:end])
    if found is None:
        return None
    key, xml_id = found
    ctx.add_local(key, _Form(xml_id, "org", (True,) * len(key), None, 2))
    return start, end, Node(TAGS["org"], {"ref": f"#{xml_id}"}, [text[start:end]]), text[start:end]


def _names_a_place_of(ctx: _DocContext, names: tuple[str, ...], adjectives: bool = False) -> bool:
    """Whether the record prints a listed place of one word that one of `names` holds ("Vietnam" of
    "Communist Party of Vietnam"), or a name or the capital of a listed state whose name holds that word
    ("DRV", "Hanoi": North Vietnam); with `adjectives`, also a capitalised word that begins with it
    ("Vietnamese")."""
    for name in names:
        for _, _, word in tokens(name):
            word = norm(word)
            if not any(f.kind == "place" and f.rank == 0 for f in ctx.rec.lexicon.get((word,), ())):
                continue
            if word in ctx.record_words:
                return True
            if adjectives and any(w.startswith(word) for w in ctx.record_words):
                return True
            for state in ctx.rec.states_named(word):  # North Vietnam, its capital Hanoi
                entry = ctx.entry(state)
                for other in (*entry.capitals, *entry.variants, entry.name):
                    words = [norm(t) for _, _, t in tokens(other)]
                    if words and all(w in ctx.record_words for w in words) and _printed_together(ctx, words):
                        return True
    return False


def _broadcaster_of_place(ctx: _DocContext, text: str, toks, i: int, end: int, spans: list) -> _Span | None:
    """A broadcaster named after the place at token i ("Radio Moscow", "Radio Hanoi"): a word of
    gazetteer.json broadcaster_words, capitalised, one space before it and untagged. The broadcaster is an
    organisation of the record, unlinked; the place inside its name is no mention of the place (TEI
    13.2.2). None otherwise."""
    k = i - 1
    if toks[k][2] not in ctx.rec.link_rules.broadcaster_words or text[toks[k][1] : toks[i][0]] != " ":
        return None
    if spans and spans[-1][1] > toks[k][0]:
        return None
    return _record_org_span(ctx, text, toks[k][0], end)


# an abbreviation of a body with a function word's letter in lower case: "MfAA" (Ministerium für
# Auswärtige Angelegenheiten), "MfNV"; two capitals at least after it ("MiG" is an aircraft)
_MIXED_ACRONYM = re.compile(r"[A-Z][a-z]{1,2}[A-Z]{2,4}")
_LEADERSHIP = ("Leadership", "LEADERSHIP")  # capitalised: a body's name ("the ORO Leadership")
_REPUBLIC_ENDS = ("SSR",)  # "UkrSSR", "LatSSR": a Soviet Socialist Republic's abbreviation (TEI 13.2.3: a place)
_STATE_INITIALS = ("PR", "DR", "SR", "NR", "FR", "SFR", "RS", "RP")  # "DRA", "NRB", "SRR": a state's, not a body's


def _acronym_org(ctx: _DocContext, text: str, toks, i: int, spans: list) -> _Span | None:
    """An organisation no list holds, named by its abbreviation at token i: one of a body's mixed
    shape ("the MfAA"), capitals right before "leadership" ("the ORO Leadership"), a party's
    abbreviation after a national adjective ("the Bolivian CP"). An organisation of the record,
    unlinked, learnt for the record's later uses (TEI 13.2.2). A word with a form of its own (a
    listed state, party, person) keeps its reading."""
    word = toks[i][2]
    if ctx.forms((norm(word),)) or norm(word) in _ORG_HEADS:
        return None  # "the MFA leadership": some state's ministry, a generic organ
    if word.startswith(_STATE_INITIALS):
        return None  # "the DRA leadership", "the NRB": a state's abbreviation (Democratic Republic of ...)
    start = toks[i][0]
    acronym = _ACRONYM.match(word)
    if (
        acronym
        and word.endswith("P")
        and i > 0
        and text[toks[i - 1][1] : start] == " "
        and _NATIONAL.match(toks[i - 1][2])
        and not (spans and spans[-1][1] > toks[i - 1][0])
    ):
        start = toks[i - 1][0]  # "the Bolivian CP": that state's party
    elif not ((acronym and _word_after(text, toks, i + 1) in _LEADERSHIP) or _MIXED_ACRONYM.fullmatch(word)):
        return None
    elif word.endswith(_REPUBLIC_ENDS):  # "UkrSSR", "KazSSR": a Soviet republic, a place of the record
        key: tuple[str, ...] = (norm(word),)
        if key in ctx.rec.rejected:
            return None
        known = {f.entity_id for f in ctx.local.get(key, []) if f.kind == "place"}
        xml_id = known.pop() if len(known) == 1 else _new_local_person(ctx, word, key, "place")
        ctx.add_local(key, _Form(xml_id, "place", (True,), None, 2))
        return start, toks[i][1], Node(TAGS["place"], {"ref": f"#{xml_id}"}, [word]), word
    surface = text[start : toks[i][1]]
    found = _record_org(ctx, surface)
    if found is None or ctx.rec.names.is_common_word(word):
        return None
    key, xml_id = found
    ctx.add_local(key, _Form(xml_id, "org", tuple(t[:1].isupper() for t in surface.split()), None, 2))
    return start, toks[i][1], Node(TAGS["org"], {"ref": f"#{xml_id}"}, [surface]), surface


def _unlisted_span(ctx: _DocContext, text: str, toks, keys, i: int, spans: list, place_keys) -> _Span | None:
    """What a capitalised word no form begins names by its shape: a place before a feature or region
    word ("Mekong Delta", _unlisted_region), an organisation's abbreviation (_acronym_org); else None."""
    if i + 1 < len(toks) and keys[i + 1] in place_keys and _word_after(text, toks, i + 1) is not None:
        region = _unlisted_region(ctx, text, toks, i, spans)
        if region:
            return region
    return _acronym_org(ctx, text, toks, i, spans) if toks[i][2][-1:].isupper() else None  # (first test inline)


def _listed_place_id(ctx: _DocContext, word: str) -> str | None:
    """The one listed place a single word names ("Japan", "Hanoi"), else None (unknown, another kind,
    or more than one place)."""
    forms = [f for f in ctx.forms((norm(word),)) if f.exact is None or f.exact == word]
    ids = {f.entity_id for f in forms}
    return ids.pop() if forms and len(ids) == 1 and all(f.kind == "place" for f in forms) else None


def _hyphened_place_of_words(ctx: _DocContext, parts: list[str]) -> str | None:
    """The one listed place whose form is the words `parts` that a hyphen joins in print ("Saudi-Arabia"
    for "Saudi Arabia"), else None (no such place, another kind, or more than one entity)."""
    forms = [f for f in ctx.forms(tuple(norm(p) for p in parts)) if f.exact is None]
    ids = {f.entity_id for f in forms}
    return ids.pop() if len(parts) > 1 and forms and len(ids) == 1 and all(f.kind == "place" for f in forms) else None


def _listed_person_id(ctx: _DocContext, word: str) -> str | None:
    """The one person a single word names in the lists or the record ("Khrushchev", "Tito"), else None
    (unknown, another kind, or more than one person)."""
    forms = ctx.forms((norm(word),))
    ids = {f.entity_id for f in forms}
    return ids.pop() if forms and len(ids) == 1 and all(f.kind == "person" for f in forms) else None


def _hyphen_joined_places(
    ctx: _DocContext, text: str, tok: tuple[int, int, str], after: str | None = None
) -> list[_Span]:
    """Places or people joined by hyphens into one word ("the Japan-China treaty", "the Beijing-Moscow
    dispute", "the Rangoon-Kumming-Hanoi route", "the Khrushchev-Tito talks"): each listed place or
    person is tagged and linked on its own (an attributive name still names its bearer, TEI 13.2.1,
    13.2.3). At least two parts must be listed places or persons, or one a listed place when `after`, the
    word after the joined word, is a route noun (gazetteer.json route_nouns: "the Ulaanbaatar-Zamyn-Uud
    railroad"). Between or beside listed places, the capitalised parts no list knows that stand together
    are one place of the record, unlinked ("Zamyn-Uud"), when none is a dictionary word, title or name
    part. Anything else (a hyphenated surname or given name, "Sino-Soviet", "Niculescu-Mizil") gives no
    span. A lower-case prefix ("post-Moscow", "the pro-US line"; _after_hyphen_prefix) is passed over, and
    one listed place is then enough, as it is beside national adjectives ("US-Cuban relations", "the
    Cuban-US talks": the listed place only, the adjective names no place)."""
    start, _, word = tok
    skip = _after_hyphen_prefix(word) if not word[:1].isupper() else None
    if skip:
        start, word = start + skip, word[skip:]
    parts = word.split("-")
    if not all(p[:1].isupper() for p in parts):
        return []
    whole = _hyphened_place_of_words(ctx, parts)
    if whole:  # "Saudi-Arabia", "North-Korea": a place of several words printed with hyphens, one mention
        return [_dated_span(ctx, text, start, start + len(word), word, whole)]
    parts = _listed_hyphened_places(ctx, parts)
    ids = [_listed_place_id(ctx, p) for p in parts]
    kinds = ["place" if x else "person" for x in ids]
    ids = [x or _listed_person_id(ctx, p) for x, p in zip(ids, parts)]
    listed = sum(1 for x in ids if x)
    if listed == 1 and "place" in kinds and (skip or all(x or _NATIONAL.match(p) for x, p in zip(ids, parts))):
        # one listed place after a prefix or beside national adjectives: that place alone
        return [
            _dated_span(ctx, text, start + word.index(p), start + word.index(p) + len(p), p, x)
            for x, p, k in zip(ids, parts, kinds)
            if x and k == "place"
        ][:1]
    if listed < 2 and not (listed == 1 and "place" in kinds and after in ctx.rec.link_rules.route_nouns):
        return []
    v = ctx.rec.names
    spans: list[_Span] = []
    at = start
    k = 0
    while k < len(parts):
        part, xml_id, kind = parts[k], ids[k], kinds[k]
        end = at + len(part)
        if xml_id and kind == "place":
            spans.append(_dated_span(ctx, text, at, end, part, xml_id))  # "the Korea-Japan talks" in 1965
        elif xml_id:
            spans.append((at, end, Node(TAGS[kind], {"ref": f"#{xml_id}"}, [part]), part))
        else:
            j = k
            while j + 1 < len(parts) and not ids[j + 1]:
                j += 1  # "Zamyn-Uud": the unlisted parts that stand together are one name
            name = "-".join(parts[k : j + 1])
            end = at + len(name)
            if "place" in kinds and not any(
                ctx.forms((norm(p),))
                or v.is_common_word(p)
                or v.is_title_word(p)
                or _NATIONAL.match(p)
                or norm(p) in v.given
                or norm(p) in v.not_names
                for p in parts[k : j + 1]
            ):
                spans.append(_unlinked_place(ctx, at, end, name, (norm(name),)))
            k = j
        at = end + 1
        k += 1
    return spans


def _listed_hyphened_places(ctx: _DocContext, parts: list[str]) -> list[str]:
    """`parts` of a hyphen-joined word with the runs that are one listed place's hyphened name joined
    again, the longest first ("Ulaanbaatar-Zamyn-Uud": Ulaanbaatar, and the listed Zamyn-Uud)."""
    if len(parts) < 3:
        return parts
    out: list[str] = []
    k = 0
    while k < len(parts):
        j = next(
            (
                j
                for j in range(len(parts), k + 1, -1)
                if j - k < len(parts) and _listed_place_id(ctx, "-".join(parts[k:j]))
            ),
            k + 1,
        )
        out.append("-".join(parts[k:j]))
        k = j
    return out


_STANCE_PREFIXES = ("anti-", "pro-", "Anti-", "Pro-")  # "the anti-China stance": for or against a place
_WORD_AT = re.compile(r"[\w’']+")


def _places_after_stance_prefix(ctx: _DocContext, text: str) -> list[_Span]:
    """A listed place after "anti-" or "pro-" ("the anti-China stance", "a pro-Cuba line"): the place,
    named attributively (TEI 13.2.3), tagged and linked; an adjective ("anti-Soviet", "pro-American") or a
    word no list holds as one place gives nothing."""
    spans: list[_Span] = []
    for prefix in _STANCE_PREFIXES:
        at = text.find(prefix)
        while at >= 0:
            start = at + len(prefix)
            word = _WORD_AT.match(text, start)
            if word and word.group()[:1].isupper() and (at == 0 or not text[at - 1].isalnum()):
                xml_id = _listed_place_id(ctx, word.group())
                if xml_id:
                    spans.append(_dated_span(ctx, text, start, word.end(), word.group(), xml_id))
            at = text.find(prefix, start)
    return spans


# two names joined by a hyphen where one is dotted initials ("the ROK-U.S. relations", "U.S.-ROK ties"), which
# the word tokens split apart (tried where ".-" or "-U." stands: dotted initials first, or U.S./U.N./U.K. after)
_DOTTED_HYPHEN = re.compile(
    r"(?<![\w.’'-])(?P<a>(?:[A-Z]\.){2,4}|[A-Z][A-Za-z]+)-(?P<b>(?:[A-Z]\.){2,4}|[A-Z][A-Za-z]+)(?![\w’'-]|\.\w)"
)


def _dotted_hyphen_places(ctx: _DocContext, text: str) -> list[_Span]:
    """The listed places of two names joined by a hyphen when one is dotted initials ("the ROK-U.S.
    relations", "the U.S.-Japan talks"): each tagged and linked on its own, as _hyphen_joined_places does
    for undotted names (TEI 13.2.3); nothing unless both are listed places."""
    spans: list[_Span] = []
    for m in _DOTTED_HYPHEN.finditer(text):
        if "." not in m.group(0):
            continue  # "ROK-Japan": the name pass's
        ids = [_one_listed_place(ctx, m.group(g)) for g in ("a", "b")]
        if all(ids):
            for g, xml_id in zip(("a", "b"), ids):
                spans.append(_dated_span(ctx, text, m.start(g), m.end(g), m.group(g), xml_id or ""))
    return spans


_ROMANCE_HEAD_KEYS = frozenset(norm(w) for w in romance_body_heads())  # folded, as record_words holds them
_ROMANCE_LINK_CUE = re.compile(r" d(?:el?|os?|as?) ")  # a Spanish or Portuguese link word: a cheap pretest


def _romance_bodies(ctx: _DocContext, text: str) -> list[_Span]:
    """Bodies named in Spanish or Portuguese, the head word first (names.romance_body_pattern: "Ministerio de
    Relaciones Exteriores", "Dirección General del Servicio Diplomático"): the listed body of that name, else
    an organisation of the record; the words inside are no person's ("Servicio Diplomático") nor place's
    (TEI 13.2.2)."""
    spans: list[_Span] = []
    for m in romance_body_pattern().finditer(text):
        surface = m.group(0)
        ids = {f.entity_id for f in ctx.forms(tuple(norm(t) for _, _, t in tokens(surface))) if f.kind == "org"}
        if len(ids) == 1:
            spans.append((m.start(), m.end(), Node(TAGS["org"], {"ref": f"#{ids.pop()}"}, [surface]), surface))
            continue
        span = _record_org_span(ctx, text, m.start(), m.end())
        if span is not None:
            spans.append(span)
    return spans


def _one_listed_place(ctx: _DocContext, name: str) -> str | None:
    """The one listed place `name` (its words, "U.S." or "ROK") names, else None."""
    forms = ctx.forms(tuple(norm(t) for _, _, t in tokens(name)))
    ids = {f.entity_id for f in forms}
    return ids.pop() if forms and len(ids) == 1 and all(f.kind == "place" for f in forms) else None


def _unlisted_region(ctx: _DocContext, text: str, toks, i: int, spans: list) -> _Span | None:
    """ "Heilongjiang Province", "Mekong Delta": a word no list knows before a feature or region word
    (data/gazetteer.json feature_words, region_words) names a place of the record, unlinked (TEI
    13.2.3); None when the word is a dictionary word, a title, a known name, or already tagged."""
    word, v = toks[i][2], ctx.rec.names
    if not (word.isalpha() and word[1:].islower()) or (spans and spans[-1][1] > toks[i][0]):
        return None
    if v.is_common_word(word) or v.is_title_word(word) or norm(word) in v.not_names:
        return None  # "the Northern Province"
    if norm(word) in v.given or norm(word) in v.east_asian_family:
        return None  # a person's name part ("Kim Island" may be named after him)
    start, end = toks[i][0], toks[i + 1][1]
    after = _word_after(text, toks, i + 2)
    if after is not None and (after == "committee" or after in ctx.rec.link_rules.committee_levels):
        committee = _committee_of_region(ctx, text, toks, i + 2)
        if committee is not None:  # "the Transcarpathian Oblast committee of the Ukrainian CP": the party's organ
            return _record_org_span(ctx, text, start, committee)
    return _unlinked_place(ctx, start, end, text[start:end], (norm(word), norm(toks[i + 1][2])))


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of `text` around [start, end) (from the mark before it to the mark after it)."""
    left = max(text.rfind(mark, 0, start) for mark in _SENTENCE_END) + 1
    right = min((k for k in (text.find(mark, end) for mark in _SENTENCE_END) if k >= 0), default=len(text))
    return text[left:right]


def _dated_place(
    ctx: _DocContext, key: tuple[str, ...], entity_id: str, surface: str, text: str, start: int, end: int
) -> str | None:
    """Whom a listed place form (key, linked by the lists to entity_id) names in this record, by the
    record's date and text (shared_names.reading): a bare name several states bore ("Korea", "Vietnam")
    names the one state the record makes certain, a dated state is never named before it existed; a
    sentence that speaks of the whole country ("would unite Korea") names the country as a whole when an
    undated entry has the name (shared_names.whole_country); None when no state is certain (the caller
    leaves the mention unlinked; said once per name in the record's problems, for an editor's review)."""
    if key in ctx.rec.shared.whole:  # (few names: the sentence is read for them alone)
        sentence = _sentence_at(text, start, end)
        whole = whole_country(ctx.rec.shared, key, sentence, ctx.rec.link_rules.whole_country_words)
        if whole is not None:
            return whole
    known = ctx.dated_readings.get((key, entity_id), "")
    if known != "":
        return known
    when = date_span(ctx.doc.header.date_iso)
    if ctx.evidence is None:  # the title, summary and text, as printed and lower-cased, made once per record
        text = f"{ctx.doc.header.title} {_flat(ctx)}"
        ctx.evidence = (text, text.lower().replace("’", "'"))
    found = reading(ctx.rec.shared, key, entity_id, when, ctx.evidence)
    ctx.dated_readings[(key, entity_id)] = found
    if found is None and key not in ctx.rec.shared.bearers:  # a state named before it existed ("Russia" in 1955)
        ctx.problems.append(
            f"{surface!r} left unlinked: the state of that name came into being after the record's date "
            f"({ctx.doc.header.date_iso}); review it"
        )
    elif found is None:
        ctx.problems.append(
            f"{surface!r} left unlinked: on the record's date ({ctx.doc.header.date_iso or 'none'}) it may name more "
            "than one state, or none the authority lists; review it"
        )
    return found


def _dated_span(ctx: _DocContext, text: str, start: int, end: int, surface: str, xml_id: str) -> _Span:
    """The span of a listed place `xml_id` printed as `surface` (one word), linked as _dated_place says."""
    if xml_id in ctx.rec.dated_places:
        key = tuple(norm(t) for _, _, t in tokens(surface))
        dated = _dated_place(ctx, key, xml_id, surface, text, start, end)
        if dated is None:
            return _unlinked_place(ctx, start, end, surface, key)
        xml_id = dated
    return (start, end, Node(TAGS["place"], {"ref": f"#{xml_id}"}, [surface]), surface)


def _country_certain(ctx: _DocContext, key: tuple[str, ...], surface: str) -> bool:
    """Whether a name the gazetteer holds as a country and as a city (EntityRecognizer._country_and_city)
    names the country in this record: only when every city of that name lies in another country and the
    record names none of those countries ("Armenia": the Colombian city where the record names Colombia).
    A city in the country itself ("Singapore", "Djibouti") may be meant as well as the state, which the
    gazetteer cannot tell. Otherwise the caller tags the name unlinked; said once per name in the record's
    problems, for an editor's review (TEI Guidelines 13.3.6: a @ref is a claim of identity)."""
    country, elsewhere, same = ctx.rec.country_and_city[key]
    if not same and not any(_all_in(k, ctx.record_words) for k in elsewhere if k):
        return True
    reported = f"{surface!r} left unlinked: the gazetteer holds it as a country and as a city"
    if not any(p.startswith(reported) for p in ctx.problems):
        ctx.problems.append(f"{reported} and the record does not make the country ({country}) certain; review it")
    return False


def _city_by_country(ctx: _DocContext, key: tuple[str, ...], surface: str) -> str | None:
    """Which of the gazetteer's cities of one name (EntityRecognizer._same_name_cities) the record names: the
    one whose country the record names, when no other's is named too; else None, said once per name in the
    record's problems for an editor's review (TEI Guidelines 13.3.6: a @ref is a claim of identity)."""
    named = {
        city
        for city, countries in ctx.rec.same_name_cities[key]
        if any(k and _all_in(k, ctx.record_words) for k in countries)
    }
    if len(named) == 1:
        return named.pop()
    reported = f"{surface!r} left unlinked: the gazetteer holds cities of that name in several countries"
    if not any(p.startswith(reported) for p in ctx.problems):
        ctx.problems.append(f"{reported}, and the record names {'several' if named else 'none'} of them; review it")
    return None


def _unlinked_place(ctx: _DocContext, start: int, end: int, surface: str, key: tuple[str, ...]) -> _Span:
    """The span of a place of the record's own (one entry per name `key` in the record, no authority
    link): for a name we cannot link without risk ("America" alone, "the Sea of Japan")."""
    xml_id = ctx.unlinked_places.get(key) or _new_local_person(ctx, surface, key, "place")
    ctx.unlinked_places[key] = xml_id
    return (start, end, Node(TAGS["place"], {"ref": f"#{xml_id}"}, [surface]), surface)


def _gazetteer_link_supported(ctx: _DocContext, text: str, toks, j: int, form: _Form) -> bool:
    """Whether a gazetteer-only place (ending before token j) may be linked to its GeoNames id.

    Countries always; a city when no feature word follows ("Bali Island") nor, unless it is a
    country's capital, a verb of speech ("Austin said": names.json speech_verbs; a person named like
    the city), and either the record names the city's country or the city is large
    (data/gazetteer.json). A wrong link is worse than none: an unsupported small city of the same
    name is more often another place.
    """
    city = ctx.rec.gazetteer_cities.get(form.entity_id)
    if city is None:
        return True
    word = _word_after(text, toks, j)
    if word is not None and word in ctx.rec.link_rules.feature_words:
        return False
    if _city_before_speech_verb(ctx, text, toks, j, form):
        return False  # "Austin said": a person named like the city
    population, country_names = city
    if population >= ctx.rec.link_rules.min_population:
        return True
    return any(key and _all_in(key, ctx.record_words) for key in country_names)


def _city_before_speech_verb(ctx: _DocContext, text: str, toks, j: int, form: _Form) -> bool:
    """Whether a gazetteer-only city that is no country's capital (ending before token j) stands one space
    before a verb of speech ("Austin said", "Houston replied": names.json speech_verbs): a person's name
    there, as the rule for unlisted names reads it ("Baghdad stated": a capital speaks for its government)."""
    word = _word_after(text, toks, j)
    return (
        word is not None
        and word in ctx.rec.speech_verbs
        and form.entity_id in ctx.rec.gazetteer_cities
        and form.entity_id not in ctx.rec.capital_ids
    )


def _longer_place_start(
    ctx: _DocContext, text: str, toks, keys: tuple[str, ...], caps: tuple[bool, ...], i: int, spans: list
) -> int | None:
    """The token where a longer place name no list holds begins, when the known place at token i
    only ends it; else None. "the Sea of Japan", "the Strait of Taiwan" (a feature word of
    data/gazetteer.json, then "of" or "of the"); "the People's Republic of the Congo" (a state
    form word after another capitalised word, before "of" or opening the known name). Such a name
    is not the inner place (TEI 13.3.1: a name links only to the entity it names).
    """
    rules = ctx.rec.link_rules
    j = -1
    if i >= 2 and keys[i - 1] == "of":
        j = i - 2
    elif i >= 3 and keys[i - 1] == "the" and keys[i - 2] == "of":
        j = i - 3
    if j >= 0 and caps[j] and _contiguous(text, toks, j, i - j + 1):
        word = toks[j][2]
        if word in rules.feature_words and word not in rules.building_words:
            return _capitalised_run_start(ctx, text, toks, caps, j, spans)
        if word in rules.state_form_words:
            k = _capitalised_run_start(ctx, text, toks, caps, j, spans)
            if text[toks[k][0] : toks[i][0]].rstrip() in ctx.rec.names.state_prefixes:
                return None  # "People's Republic of Hungary": a listed state prefix, the state itself
            return k if k < j else None  # "the Republic of Cuba" is Cuba
    if toks[i][2] in rules.state_form_words:
        k = _capitalised_run_start(ctx, text, toks, caps, i, spans)
        return k if k < i else None
    return None


def _name_goes_on(ctx: _DocContext, text: str, toks, caps: tuple[bool, ...], j: int, owner: str) -> bool:
    """Whether token j, right after a listed person's name of two or more words (one space or a hyphen
    between), is one more word of that name: capitalised, letters (and hyphens) only, not in capitals,
    no title, function or dictionary word, not the first word of a known name ("Raúl Roa Kourí", the
    listed Raúl Roa's son; "Fidel Castro Díaz-Balart"). The longer name is another person, unless a list
    holds it (then the longest known name was matched). `owner`: the listed person's id."""
    if j >= len(toks) or not caps[j] or text[toks[j - 1][1] : toks[j][0]] not in (" ", "-"):
        return False
    word, v = toks[j][2], ctx.rec.names
    if not word.replace("-", "").isalpha() or word.isupper() or len(word) < 3:
        return False
    folded = norm(word)
    if v.is_title_word(word) or folded in _FUNCTION_WORDS or folded in v.not_names:
        return False
    if any(v.is_common_word(part) for part in word.split("-")) or _begins_known_name(ctx, toks, j, folded, owner):
        return False
    return not (j + 1 < len(toks) and text[toks[j][1] : toks[j + 1][0]] == " " and norm(toks[j + 1][2]) in _HEAD_WORDS)


def _begins_known_name(ctx: _DocContext, toks, j: int, folded: str, owner: str) -> bool:
    """Whether token j (`folded`, its key) begins a known full name that the text prints there: a listed
    or learnt form of two words or more matched word for word ("Pak Song Chol" after "Kim Il Sung"), a
    one-word form of a place or body, a person's whole one-word name, or a form of `owner` itself (the
    surname repeated, "Carlos Rafael Rodríguez Rodríguez": _second_surname_end reads it). A surname alone that a list or
    the record gives a person ("Diaz" of a record's Pedro Diaz) begins no full name: after a listed
    name it is a second surname ("Fidel Castro Diaz", another person than the listed Fidel Castro)."""
    for length in ctx.lengths_from(folded):
        if length == 1:
            for form in ctx.forms((folded,)):
                if form.kind != "person" or form.entity_id == owner or len(tokens(ctx.entry(form.entity_id).name)) == 1:
                    return True
        elif j + length <= len(toks) and ctx.forms(tuple(norm(toks[k][2]) for k in range(j, j + length))):
            return True
    return False


def _inside_longer_name(ctx: _DocContext, text: str, toks, caps: tuple[bool, ...], i: int, spans: list) -> bool:
    """Whether the one-word person form at token i is a word of a longer capitalised name no list
    holds ("Il" of "Pak Il Gon", "Castro" of "Raul Castro", "Chen" of "Li Chen") while the person it
    names has a longer name: a neighbour joined by a space or hyphen that is capitalised, untagged, and
    no title, function or dictionary word unless a listed given or family name ("Premier Kim",
    "Yesterday Castro" keep the link; "Li" of "Li Chen" is a family name, though "li" is a word), or, after
    an East Asian family name, romanized syllables that only an English ending makes a word ("Mao Anying")."""
    v = ctx.rec.names

    def name_word(k: int, gap: str) -> bool:
        word = toks[k][2]
        return (
            caps[k]
            and gap in (" ", "-")
            and word.isalpha()
            and not v.is_title_word(word)
            and norm(word) not in _FUNCTION_WORDS
            and (
                not v.is_common_word(word)
                or norm(word) in v.east_asian_family
                or norm(word) in v.given
                or (east_asian and norm(word) not in v.english and v.is_syllable_word(word))
            )
        )

    # after an East Asian family name, syllables that only look like an inflected English word ("Anying"
    # of "Mao Anying", read as "any" + "ing") are a given name
    east_asian = norm(toks[i][2]) in v.east_asian_family
    before = (
        i > 0 and not (spans and spans[-1][1] > toks[i - 1][0]) and name_word(i - 1, text[toks[i - 1][1] : toks[i][0]])
    )
    after = i + 1 < len(toks) and name_word(i + 1, text[toks[i][1] : toks[i + 1][0]])
    if not (before or after) and i > 1 and _given_name_in_prose(ctx, text, toks, caps, i):
        before = True  # "met Ethel Kennedy there": a given name that is also a word, in running prose
    if not (before or after):
        return False
    ids = {f.entity_id for f in ctx.forms((norm(toks[i][2]),)) if f.kind == "person"}
    return any(len(tokens(ctx.entry(x).name)) > 1 for x in ids)


_NOT_BEFORE_GIVEN = frozenset({"of", "the", "a", "an"})
_CALENDAR_WORDS = frozenset(MONTHS) | {d.lower() for d in calendar.day_name}  # "in May Kennedy", "on Monday Kennedy"


def _given_name_in_prose(ctx: _DocContext, text: str, toks, caps: tuple[bool, ...], i: int) -> bool:
    """Whether the capitalised word before the one-word person form at token i is, though a dictionary word,
    a given name of another bearer of the surname ("met Ethel Kennedy there", "with Rose Kennedy."): in running
    prose, a lower-case word one space before it, nothing capitalised after the surname (no heading in title
    case), and the word no title, function word or national adjective. A wrong link is worse than none
    (issue #12): the surname is then a person of the record, for review (TEI P5 13.3.1)."""
    word = toks[i - 1][2]
    if not (caps[i - 1] and word.isalpha() and word[1:].islower()) or caps[i - 2]:
        return False
    if norm(toks[i - 2][2]) in _NOT_BEFORE_GIVEN:
        return False  # "Secretary of State Kissinger", "the Party Castro": a noun's, not a given name
    if text[toks[i - 2][1] : toks[i - 1][0]] != " " or text[toks[i - 1][1] : toks[i][0]] != " ":
        return False
    if i + 1 < len(toks) and caps[i + 1]:
        return False
    v, key = ctx.rec.names, norm(word)
    if v.is_title_word(word) or key in _FUNCTION_WORDS or _NATIONAL.match(word) or word.lower() in _CALENDAR_WORDS:
        return False
    # no name of its own ("of India Nehru"), no title's last word ("Secretary of State Kissinger")
    return not ctx.forms((key,)) and not _title_before(v, text, toks[i][0])


def _listed_after_particle(ctx: _DocContext, text: str, toks, keys: tuple[str, ...], i: int) -> _Span | None:
    """The listed person whose two-word form is a particle and the capitalised word at token i ("De
    Gaulle"), when the text prints the particle in lower case, one space before ("Général de Gaulle",
    "met de Gaulle"), as mid-sentence French does; None when no listed person or several have that form
    (a wrong link is worse than none). The particle belongs to the name (TEI P5 13.2.1)."""
    if text[toks[i - 1][1] : toks[i][0]] != " ":
        return None
    ids = {f.entity_id for f in ctx.rec.lexicon.get((keys[i - 1], keys[i]), ()) if f.kind == "person"}
    if len(ids) != 1:
        return None
    start, end = toks[i - 1][0], toks[i][1]
    surface = text[start:end]
    return start, end, Node(TAGS["person"], {"ref": f"#{next(iter(ids))}"}, [surface]), surface


def _surname_after_unknown_word(ctx: _DocContext, text: str, toks, caps: tuple[bool, ...], i: int, form: _Form):
    """What the listed one-word surname at token i names when _inside_longer_name found a capitalised
    word right before it: (1, form) to link it when that word is a title in one language and a name in
    another (names.json titles_by_language also_names: Indonesian "Pak Subandrio"); None, as for a word
    of a longer name, when the word is a known name word (a listed given name or East Asian family name,
    the first word of a listed name: "Lydia Gromyko", another person, found by the given-name rules) or
    the name goes on after the surname ("Pak Il Gon"); else (1, a record-local person) for a word no list
    knows ("Xyzzy Dorticós": a given name or a title the lists lack): the surname is tagged, unlinked and
    listed for review, never dropped and never linked on a guess (issue #12: a wrong link is worse than
    none). TEI P5 13.2.1: the word before stays outside persName."""
    v = ctx.rec.names
    if i + 1 < len(toks) and caps[i + 1] and text[toks[i][1] : toks[i + 1][0]] in (" ", "-"):
        return None  # the name goes on after the surname
    word = toks[i - 1][2]
    if text[toks[i - 1][1] : toks[i][0]] != " ":
        return None
    held = ctx.supplied_now
    if (
        held is not None
        and fold(word).endswith(v.surname_endings)
        and held.touching(*toks[i][:2])
        and not held.touching(*toks[i - 1][:2])
    ):
        # "Filippov [Stalin]": a surname, then the editor's bracket saying who it is (_link_identified_pseudonym),
        # no one person "Filippov Stalin" who would make every "Stalin" of the record unsure
        return None
    folded = norm(word)
    if folded in v.titles_also_names and not east_asian_shape([word, toks[i][2]]):
        return 1, form
    if (
        folded in v.given
        or folded in v.east_asian_family
        or folded in v.vietnamese_family
        or folded in ctx.rec.given_index
        or ctx.rec.first_words.get(folded)
        or ctx.local_first.get(folded)
    ):
        return None
    key = (folded, norm(toks[i][2]))
    xml_id = ctx.unknown_before_surname.get(key)
    if xml_id is None:
        xml_id = ctx.unknown_before_surname[key] = _new_local_person(ctx, toks[i][2], key)
    return 1, _Form(xml_id, "person", (True,), None, 2)


# the words after which a lone initial stands for a person ("the recall of K.", "Comrade K."), besides a
# title and the start of a sentence
_BEFORE_PERSON_INITIAL = frozenset({"of", "with", "by", "to", "that", "and", "from", "for", "told", "informed"})
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:;]\s+|\n)$")


def _initial_of_one_named_before(ctx: _DocContext, text: str, toks, i: int, spans: list[_Span]) -> _Span | None:
    """A lone capital and its full stop standing for a person's name, as a cable shortens a name it gave in
    full ("The recall of K. ...", "R. will assist him"): at the start of a sentence or after a title or a
    preposition ("of", "with", "by" ...), neither initials nor a capitalised word next to it ("K. Mehrotra",
    "Plan B."), no speaker's colon after it. The person, when exactly one person tagged earlier in the
    record bears a surname (a word of a name after its first, or a name of one word) beginning with that
    letter: the record has said who the initial is (TEI 13.2.1, 13.3.6). None otherwise: no guess, no tag.
    `spans`: the names found so far in `text`."""
    start, end, word = toks[i]
    if not word[0].isupper() or (len(word) == 1 and text[end : end + 1] != "."):
        return None
    stop = end if word.endswith(".") else end + 1
    after = text[stop : stop + 3]
    if after[:1] == ":" or (after[:1] == " " and after[1:2].isupper()) or (after[:1] not in (" ", ",", "") and after):
        return None  # a speaker's label, a name's initial ("K. Mehrotra"), initials run together ("U.S.")
    before = text[:start]
    if not _SENTENCE_BEFORE.search(before):
        if i == 0 or text[toks[i - 1][1] : start] != " ":
            return None
        prev = toks[i - 1][2]
        if not (prev in _BEFORE_PERSON_INITIAL or ctx.rec.names.is_title_word(prev)):
            return None  # "Plan B.", "part I. of", "Appendix K.": no person
    letter = norm(word[0])
    owners = set()
    named = dict(ctx.seen)
    for span in spans:  # (the names of this string before it: seen only once the string is tagged)
        ref = span[2].attrs.get("ref", "#")[1:]
        if ref and span[3]:
            named[ref] = [*named.get(ref, ()), span[3]]
    for pid, forms in named.items():
        if ctx.entry(pid).kind != "person":
            continue
        for form in forms:
            words = [norm(t) for _, _, t in tokens(form)]
            if any(w[:1] == letter and len(w) > 1 for w in (words[1:] if len(words) > 1 else words)):
                owners.add(pid)
                break
    if len(owners) != 1:
        return None
    xml_id = owners.pop()
    surface = text[start:stop]
    return start, stop, Node(TAGS["person"], {"ref": f"#{xml_id}"}, [surface]), surface


def _misspelt_given_before_surname(ctx: _DocContext, text: str, toks, i: int, form: _Form) -> _Span | None:
    """A word no list knows right before a listed person's one-word surname that misspells that person's
    given name ("Jawarharlal NEHRU" for Jawaharlal Nehru): the same first letter, within two edits of a
    written-out given name the lists give the person (optimal string alignment), four letters or more:
    one persName linked to the person (TEI 13.2.1, 13.3.6); None otherwise (another person's given name,
    "Motilal NEHRU", is left to _surname_after_unknown_word)."""
    if i == 0 or form.entity_id not in ctx.rec.entries or text[toks[i - 1][1] : toks[i][0]] != " ":
        return None
    printed = toks[i - 1][2]
    word = norm(printed)
    if len(word) < 4 or not printed[0].isupper() or not printed[1:].islower() or word in ctx.rec.names.given:
        return None
    known, _ = _given_names_and_initials(ctx.entry(form.entity_id))
    if not any(k[:1] == word[:1] and OSA.distance(k, word, score_cutoff=2) <= 2 for k in known if len(k) >= 4):
        return None
    start, end = toks[i - 1][0], toks[i][1]
    surface = text[start:end]
    return start, end, Node(TAGS["person"], {"ref": f"#{form.entity_id}"}, [surface]), surface


def _given_before_learnt_surname(
    ctx: _DocContext, text: str, toks, caps: tuple[bool, ...], i: int, spans: list, form: _Form
) -> _Span | None:
    """A capitalised word no list or rule knows right before a surname the record named in full
    ("Noureddin Kianouri" after "Nureddin Kianouri"): the given name of one name. The same person
    when the given names agree but for a transliteration's letters, else a person of its own; None
    when the word is a title, a dictionary or function word, a known name of any kind, or tagged."""
    if i == 0 or not caps[i - 1] or text[toks[i - 1][1] : toks[i][0]] != " ":
        return None
    if spans and spans[-1][1] > toks[i - 1][0]:
        return None
    word, v = toks[i - 1][2], ctx.rec.names
    if not (word.isalpha() and len(word) >= 3 and word[1:].islower()) or ctx.forms((norm(word),)):
        return None
    if v.is_title_word(word) or v.is_common_word(word) or norm(word) in v.not_names or norm(word) in _FUNCTION_WORDS:
        return None
    known = ctx.entry(form.entity_id).name
    if " " not in known or east_asian_shape(known.split()) or norm(word) in v.east_asian_family:
        return None  # learnt alone ("Comrade Damba"), or an East Asian name (family name first)
    if i + 1 < len(toks) and caps[i + 1] and text[toks[i][1] : toks[i + 1][0]] in (" ", "-"):
        return None  # the name goes on ("Bek Nam Un"): not this surname
    start, end = toks[i - 1][0], toks[i][1]
    surface = text[start:end]
    xml_id = form.entity_id
    if not _similar_given(known, surface):
        key = (norm(word), norm(toks[i][2]))
        xml_id = _new_local_person(ctx, surface, key)
        ctx.add_local(key, _Form(xml_id, "person", (True, True), None, 2))
    return start, end, Node(TAGS["person"], {"ref": f"#{xml_id}"}, [surface]), surface


def _surname_only_owner(ctx: _DocContext, key: str, surface: str) -> str:
    """Whom a listed one-word person form ("Castro", "Nehru") names in this record: the one listed
    person the record names in full with that short form (Raúl Castro named alone makes "Castro"
    Raúl) unless the record prints the word after an office's title never printed before that
    person's full name (_titled_as_another: "President Kennedy" beside "Robert Kennedy" may be John F.
    Kennedy, listed as "Kennedy"); else a record-local, unlinked person ("Ambassador Nehru" in a record that never names
    Jawaharlal Nehru is another Nehru, unless the entry says its person served abroad: <occupation type="envoy">; "Castro" beside Fidel and Raúl Castro is either). A wrong
    link is worse than none (issue #12). A person listed under that one word alone keeps it.
    Returns an entity id, kept on `ctx` for the record's other occurrences."""
    owner = ctx.surname_owner.get(key)
    if owner:
        return owner
    listed = [f.entity_id for f in ctx.rec.lexicon.get((key,), []) if f.kind == "person" and f.rank == 0]
    if any(len(tokens(ctx.entry(x).name)) < 2 for x in listed):
        owner = listed[0] if len(set(listed)) == 1 else None
    else:
        people = {pid: _full_forms_with(ctx, pid, key) for pid in {*ctx.rec.short_index.get(key, {}), *listed}}
        named = {pid for pid, forms in people.items() if any(_met_in_full(ctx, f) for f in forms)}
        if len(named) > 1:
            named = _named_on_their_own(ctx, key, {pid: people[pid] for pid in named})
        owner = next(iter(named)) if len(named) == 1 else None
        if owner and owner not in listed and _titled_as_another(ctx, key, owner):
            owner = None  # "Robert Kennedy" ... "President Kennedy": John F. Kennedy fits too
        if (
            not named
            and len(set(listed)) == 1
            and (ctx.entry(listed[0]).envoy or not _after_envoy_title(ctx, key))
            and not _other_bearer_named(ctx, key, listed[0])
        ):
            owner = listed[0]  # "Khrushchev", "Tito" alone: the listed person, as records name them
        if owner and _after_unheld_rank(ctx, key, owner):
            owner = None  # "Admiral Kuznetsov": the listed Kuznetsov, a diplomat, held no rank
        if owner and (_after_sovereign_title(ctx, key, owner) or (not named and _titled_after_death(ctx, key, owner))):
            owner = None  # "King Hussein"; "Senator Kennedy" in 1975, John F. Kennedy dead by then
    if owner is None:
        owner = _new_local_person(ctx, surface, (key,))
    ctx.surname_owner[key] = owner
    return owner


def _other_bearer_named(ctx: _DocContext, key: str, pid: str) -> bool:
    """Whether the record names in full another bearer of the word `key`, a listed person's one-word
    form (`pid` never named in full): a person of the record whose name of two or more words begins or
    ends with it ("Edward Kennedy", "Fidel Velázquez", "Deng Yingchao"), the surname read before after
    a capitalised word no list knows and printed as a given name is ("Juanita Castro", not "VASILIEV
    [Molotov]": ctx.unknown_before_surname), or a family
    name printed before a given name no form of the person holds ("Mao Anying"). The word alone may
    then be either person: a wrong link is worse than none (issue #12)."""
    flat = _flat(ctx)
    for word, surname in ctx.unknown_before_surname:
        # "Juanita Castro" read before: a surname after a word no list knows printed as a given name is
        # (not in capitals: "VASILIEV [Molotov]" is a signature and the person's name in brackets)
        if surname == key and any(flat[at : at + len(word)].istitle() for at in _occurrences(ctx, word)):
            return True
    entries = ctx.rec.authority.entries
    for words, forms in ctx.local.items():
        if (
            len(words) > 1
            and key in (words[0], words[-1])
            and any(f.kind == "person" and f.entity_id not in entries for f in forms)
        ):
            return True
    return _family_name_of_another(ctx, key, _full_forms_with(ctx, pid, key))


def _titled_as_another(ctx: _DocContext, key: str, owner: str) -> bool:
    """Whether the record prints the folded surname `key`, a one-word form another person is listed under
    ("Kennedy" of John F. Kennedy), right after a capitalised title (not an honorific: "President",
    "Senator", not "Comrade", "Mr.") that it never prints before the full name of `owner`, the one bearer
    it names in full (Robert Kennedy): that title may be the other bearer's, so the surname fits both."""
    flat, v = _flat(ctx), ctx.rec.names
    honorifics = {norm(h) for h in v.honorifics}
    forms = _full_forms_with(ctx, owner, key)
    for at in _occurrences(ctx, key):
        before = tokens(flat[max(0, at - 40) : at])
        if not before or at - max(0, at - 40) - before[-1][1] != 1:
            continue  # one space between the title and the surname
        word = before[-1][2]
        if not word[:1].isupper() or not v.is_title_word(word) or norm(word) in honorifics:
            continue
        if not any(_printed_together(ctx, [norm(word), *f]) for f in forms):
            return True
    return False


def _full_forms_with(ctx: _DocContext, pid: str, key: str) -> list[tuple[str, ...]]:
    """The listed person's forms of two or more words that hold the word `key`, as keys ("P. F. Yudin")."""
    entry = ctx.entry(pid)
    forms = (tuple(norm(t) for _, _, t in tokens(f)) for f in (entry.name, *entry.variants))
    return [f for f in forms if len(f) > 1 and key in f]


def _flat(ctx: _DocContext) -> str:
    """The body's strings and the summary as one text (one space between), made once per record."""
    if ctx.flat is None:
        ctx.flat = " ".join((*ctx.texts, ctx.doc.header.summary or ""))
    return ctx.flat


_WORD_CHARS = frozenset("’'-")
_CAPITALISED_BEFORE = re.compile(rf"([{UPPER}]{_AFTER_BOUNDARY}[\w’'-]*) $")
_CAPITALISED_AFTER = re.compile(rf" ([{UPPER}][\w’'-]*)")


# a whole word to _occurrences: a run of letters, digits (str.isalnum, which [^\W_] is) and _WORD_CHARS
_WHOLE_WORD = re.compile(r"(?:[^\W_]|[’'-])+")
# from this length of a record's text on, _occurrences reads an index of its words made once: a long record
# asks for more words, each a scan of the whole text (the time grew with the square of the size)
_INDEXED_FROM = 30_000


def _occurrences(ctx: _DocContext, word: str) -> Iterator[int]:
    """Where the folded `word` stands as a whole word in _flat(ctx), in any case (str.find on the
    lower-cased text: no pattern compiled per word; in a long record, an index of its words)."""
    flat = _flat(ctx)
    if ctx.flat_lower is None:
        ctx.flat_lower = flat.lower()
    lower, n = ctx.flat_lower, len(word)
    if len(lower) >= _INDEXED_FROM and _WHOLE_WORD.fullmatch(word):
        # the word's whole-word places are the runs of word characters that are the word itself
        if ctx.word_spots is None:
            ctx.word_spots = {}
            for m in _WHOLE_WORD.finditer(lower):
                ctx.word_spots.setdefault(m.group(), []).append(m.start())
        yield from ctx.word_spots.get(word, ())
        return
    at = lower.find(word)
    while at >= 0:
        before, after = lower[at - 1 : at], lower[at + n : at + n + 1]
        if not (before.isalnum() or before in _WORD_CHARS) and not (after.isalnum() or after in _WORD_CHARS):
            yield at
        at = lower.find(word, at + 1)


def _met_in_full(ctx: _DocContext, form: tuple[str, ...]) -> bool:
    """Whether the record names the person by `form` of two or more words: its words other than
    initials as _named_together reads them, or, for a form of initials and a surname ("P. YUDIN" for
    P. Yudin), those printed together (two persons so named are then told apart by _named_on_their_own)."""
    words = [w for w in form if len(w) > 1]
    if len(words) > 1:
        return _named_together(ctx, tuple(words), ctx.record_words)
    if not words or words[0] not in ctx.record_words:
        return False
    printed = r"\.?\s*".join(re.escape(w) for w in form)
    return re.search(rf"(?<![\w.]){printed}(?!\w)", _flat(ctx), re.IGNORECASE) is not None


# between two words of a name: anything but letters and digits, then up to two initials or short words
# ("Alexei N. Kosygin", "A[lexei] N. Kosygin", "Kim Il-sung" for "Kim Il Sung")
_NAME_GAP = r"[\W_]+(?:\w{1,2}\.?[\W_]+){0,2}"


def _printed_together(ctx: _DocContext, words: list[str], gap: str = _NAME_GAP) -> bool:
    """Whether the folded `words` of a name stand in the record in this order, one after the other
    (`gap` between them, by default _NAME_GAP; accents and case ignored)."""
    if ctx.flat_plain is None:
        ctx.flat_plain = _without_accents(_flat(ctx)).replace("’", "'")
    parts = [re.escape(piece) for w in words for piece in re.split(r"[\W_]+", w) if piece]
    return re.search(rf"(?<!\w){gap.join(parts)}(?!\w)", ctx.flat_plain, re.IGNORECASE) is not None


def _after_envoy_title(ctx: _DocContext, key: str) -> bool:
    """Whether the record prints the word `key` right after an envoy's title anywhere ("Ambassador
    Nehru", "the counsellor Kim": names.json envoy_titles), in the summary, the body or the record's
    title and subtitle ("Journal Entry of Ambassador Zhukov": the role the record gives the person
    wherever it names it, issue #12)."""
    titles = ctx.rec.envoy_titles
    if not titles:
        return False
    spots = list(_occurrences(ctx, key))  # (makes ctx.flat_lower)
    lower = ctx.flat_lower or ""
    if any(lower.endswith(titles, 0, at) for at in spots):
        return True
    header = ctx.doc.header
    for line in (header.title, header.subtitle):
        low = line.lower()
        if key in low and any(low.endswith(titles, 0, m.start()) for m in _WHOLE_WORD.finditer(low) if m[0] == key):
            return True
    return False


_INITIALS_BEFORE = re.compile(r"(?<![\w.])(?:[a-z][a-z]?\. ?){1,3}$")  # "v.e. ", "v. v. " before a surname (folded)


def _after_unheld_rank(ctx: _DocContext, key: str, owner: str) -> bool:
    """Whether the record prints the word `key` right after a capitalised military rank ("Admiral
    Kuznetsov", "General Kuznetsov": names.json ranks) while the listed person `owner` holds none
    (<occupation type="rank"> on the entry): another person of that surname, or the rank misread; either way
    the link is not certain (issue #12: a wrong link is worse than none)."""
    if ctx.entry(owner).ranks or ctx.entry(owner).kind != "person":
        return False
    titles = ctx.rec.rank_titles
    spots = list(_occurrences(ctx, key))  # (makes ctx.flat_lower)
    lower, flat = ctx.flat_lower or "", _flat(ctx)
    for at in spots:
        initials = _INITIALS_BEFORE.search(lower, max(0, at - 12), at) if lower[at - 2 : at - 1] == "." else None
        at = initials.start() if initials else at  # "Major-General V.E. Kuznetsov": the rank before the initials
        for title in titles:
            if lower.endswith(title, 0, at) and flat[at - len(title)].isupper():
                return True
    return False


def _after_sovereign_title(ctx: _DocContext, key: str, owner: str) -> bool:
    """Whether the record prints the word `key` (folded) right after a monarch's capitalised title
    ("King Hussein", "Emir Jaber": names.json sovereign_titles) that the listed person `owner` is never
    given: the entry holds it neither as a rank (<occupation type="rank">Prince</occupation>) nor at the
    start of a form ("Prince Souphanouvong"), and the record never prints it before the person's full
    name. The word then names a monarch of that name, not `owner` ("King Hussein" beside Saddam Hussein;
    issue #12: a wrong link is worse than none)."""
    titles = ctx.rec.sovereign_titles
    spots = list(_occurrences(ctx, key))  # (makes ctx.flat_lower)
    lower, flat = ctx.flat_lower or "", _flat(ctx)
    found = {t for at in spots for t in titles if lower.endswith(t, 0, at) and flat[at - len(t)].isupper()}
    if not found:
        return False
    entry = ctx.entry(owner)
    own = {" ".join(norm(w) for w in f.split()) for f in (entry.name, *entry.variants)}
    held = {" ".join(norm(w) for w in r.split()) for r in entry.ranks}
    full = _full_forms_with(ctx, owner, key)
    for title in found:
        words = [norm(w) for w in title.split()]
        if " ".join(words) in held or any(f.startswith(" ".join(words) + " ") for f in own):
            continue  # the entry gives the title: <occupation type="rank">Prince, "Prince Souphanouvong"
        if not any(_printed_together(ctx, [*words, *f]) for f in full):
            return True
    return False


# the words right before a name that say its person is dead by the record's date ("the late President")
_LATE_BEFORE = re.compile(r"\b(?:late|deceased|assassinated|murdered)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


def _titled_after_death(ctx: _DocContext, key: str, owner: str) -> bool:
    """Whether the listed person `owner` died in a year before the record's (<death> of the entry) and the
    record prints the word `key` (folded, a one-word form of that person) right after a title that is no
    honorific ("Senator Kennedy" in 1975, "Prime Minister Bhutto" in 1989: names.json ranks, roles and
    office titles; "the late President Kennedy" excepted): the title is that of someone living, another
    bearer of the name. Read only where the record never names `owner` in full (issue #12: a wrong link
    is worse than none)."""
    died, year = ctx.entry(owner).lived[1], ctx.default_year
    if died is None or year is None or year <= died:
        return False  # (most persons: alive at the record's date, or no dates) the cheap test first
    v, flat = ctx.rec.names, _flat(ctx)
    honorifics = {norm(h) for h in v.honorifics}
    for at in _occurrences(ctx, key):
        title = _title_before(v, flat, at)
        if not title or title in honorifics:
            continue
        start = at - len(title) - 1  # (the title's words, one space apart, end one space before the name)
        if not _LATE_BEFORE.search(flat, max(0, start - 40), max(0, start)):
            return True
    return False


def _told_apart_by_bracketed_place(ctx: _DocContext, text: str, toks, keys: tuple[str, ...], caps, j: int) -> int:
    """The end of `<place> (<known place>)` when the place before token j is followed by one known
    place's name in parentheses, or a short one with a period ("Congo (Brazzaville)", "Congo
    (Br.)"); else 0."""
    if j >= len(toks) or not caps[j] or text[toks[j - 1][1] : toks[j][0]] != " (":
        return 0
    end = toks[j][1]
    close = text.find(")", end, end + 24)
    if close >= 0 and _listed_bracketed_place(ctx, text[toks[j - 1][0] : close + 1]):
        return close + 1  # a listed name with its qualifier: "Congo (L)", "Congo (Léopoldville)"
    if text.startswith(".)", end) and len(toks[j][2]) <= 4 and toks[j][2].isalpha():
        return end + 2  # a place's name shortened: "Congo (Br.)"
    if text[end : end + 1] != ")" or toks[j][2].isupper():
        return 0  # "(DPRK)" is an abbreviation, defined or repeated
    return end + 1 if any(f.kind == "place" for f in ctx.forms((keys[j],))) else 0


def _listed_bracketed_place(ctx: _DocContext, surface: str) -> str | None:
    """The one listed place whose name with a bracketed qualifier `surface` is ("Congo (L)", "Congo
    (Brazzaville)": authority variants), else None."""
    ids = {f.entity_id for f in ctx.forms(tuple(norm(t) for _, _, t in tokens(surface))) if f.kind == "place"}
    return ids.pop() if len(ids) == 1 else None


def _organ_of_another_body(ctx: _DocContext, text: str, toks, caps, i: int, length: int, spans: list) -> bool:
    """Whether the organ abbreviation at token i ("CC") is another body's organ: after that body's
    name, one space before it ("the Union of Democratic Youth CC"), or before a party's
    abbreviation ("CC BCP")."""
    if length != 1 or toks[i][2] not in ctx.rec.names.organ_abbreviations:
        return False
    if i + 1 < len(toks) and toks[i + 1][2].isupper() and text[toks[i][1] : toks[i + 1][0]] == " ":
        return True  # "CC BCP": the party's name follows
    return (
        i > 0
        and text[toks[i - 1][1] : toks[i][0]] == " "
        and caps[i - 1]
        and norm(toks[i - 1][2]) not in _FUNCTION_WORDS
    )


def _party_organ(ctx: _DocContext, text: str, toks, i: int, length: int, spans: list) -> _Span | None:
    """`BCP CC`, `CC BCP`: a party's abbreviation at token i with an organ abbreviation right after
    or before it names the party's organ. Tagged whole as an organisation of the record (the
    longest known name, "CPSU CC", was matched before); None when no organ abbreviation is there."""
    organs = ctx.rec.names.organ_abbreviations
    j = i + length
    start, end = toks[i][0], toks[j - 1][1]
    if j < len(toks) and toks[j][2] in organs and text[end : toks[j][0]] == " ":
        end = toks[j][1]
    elif (
        i > 0
        and (
            toks[i - 1][2] in organs
            or _organ_initials_of_party(ctx, toks[i - 1][2], toks[i][2], length)
            or _unit_initials_of_abbreviated_body(ctx, toks, i, length)
        )
        and text[toks[i - 1][1] : start] == " "
        and not (spans and spans[-1][1] > toks[i - 1][0])
    ):
        start = toks[i - 1][0]
    else:
        return None
    return _record_org_span(ctx, text, start, end)


def _record_org_span(ctx: _DocContext, text: str, start: int, end: int) -> _Span | None:
    """The span of text[start:end] tagged as an organisation of the record (_record_org), its form
    learnt for the record's later mentions; None when a user rejected the name."""
    surface = text[start:end]
    found = _record_org(ctx, surface)
    if found is None:
        return None
    key, xml_id = found
    ctx.add_local(key, _Form(xml_id, "org", tuple(t[:1].isupper() for _, _, t in tokens(surface)), None, 2))
    return start, end, Node(TAGS["org"], {"ref": f"#{xml_id}"}, [surface]), surface


_CITY_DESIGNATOR = re.compile(r",? ?(?:D\. ?F\.|DF)(?![\w.])| City(?!\w)")  # Distrito Federal; "<country> City"


def _designated_city(ctx: _DocContext, text: str, toks, keys, i: int, length: int) -> _Span | None:
    """The city a place name at token i names when a city designator follows it: "Mexico, DF" or
    "Mexico, D.F." (Distrito Federal: the capital, the place line of a Mexican document), "Kuwait
    City". Linked to "<name> City" when the lists hold that one place (the designator, after a comma too,
    is part of the mention), else a place of the record, unlinked: never the country (a wrong link
    is worse than none). "City of" before a country's name ("the City of Mexico") designates its city
    as well, the words part of the mention. None when no designator stands there."""
    start, end = toks[i][0], toks[i + length - 1][1]
    m = _CITY_DESIGNATOR.match(text, end)
    if m is not None:
        stop = m.end()  # "Mexico, D.F." one place, the designator part of its name (TR gold decision 8)
    elif text.endswith("City of ", 0, start) and norm(text[start:end]) in _country_names():
        start, stop = start - len("City of "), end  # "the City of Mexico": the capital, not the country
        if start and text[start - 1].isalnum():
            return None
    else:
        return None
    key = (*keys[i : i + length], "city")
    ids = {f.entity_id for f in ctx.forms(key) if f.kind == "place"}
    surface = text[start:stop]
    if len(ids) != 1:
        return _unlinked_place(ctx, start, stop, surface, key)
    return start, stop, Node(TAGS["place"], {"ref": f"#{ids.pop()}"}, [surface]), surface


def _unit_of_body(ctx: _DocContext, text: str, toks, caps, i: int, end: int, spans: list, kind: str) -> _Span | None:
    """The organisation whose name holds the known place or organisation at token i (ending at
    `end`): a lower-case unit noun right after a place ("the Far East department": data/gazetteer.json
    org_part_nouns), or a capitalised word, a lower-case unit noun and "of (the)" right before the
    name ("the Administrative council of DPRK", "the Political department of the KPA":
    unit_of_body_nouns). Tagged whole as an organisation of the record, linked to no entry; the
    name inside is no mention of its own (TEI 13.2.2: an orgName holds the place it is named after).
    None when no such unit is printed there, or a title or function word begins it."""
    rules = ctx.rec.link_rules
    j, n = i + 1, len(toks)  # the first token at or after `end` (a plain loop: this runs at every place and body)
    while j < n and toks[j][0] < end:
        j += 1
    after = _word_after(text, toks, j)
    if kind == "place" and after is not None and after.islower() and after in rules.org_part_nouns:
        start, stop = toks[i][0], toks[j][1]
    elif kind == "place" and after is not None and (after == "committee" or after in rules.committee_levels):
        committee = _committee_of_region(ctx, text, toks, j)
        if committee is None:
            return None
        start, stop = toks[i][0], committee
        direction = _DIRECTION_BEFORE.search(text, max(0, start - 7), start)
        if direction is not None:
            start = direction.start()  # "East Slovakia regional committee": the direction is the region's
    else:
        k = i - 1 if i > 0 and toks[i - 1][2] == "the" else i
        if k < 3 or toks[k - 1][2] != "of" or toks[k - 2][2] not in rules.unit_of_body_nouns or not caps[k - 3]:
            return None
        if text[toks[k - 3][0] : toks[i][0]] != " ".join(t for _, _, t in toks[k - 3 : i]) + " ":
            return None  # the words one space apart, no comma or line between
        word, v = toks[k - 3][2], ctx.rec.names
        if not word.isalpha() or v.is_title_word(word) or norm(word) in _FUNCTION_WORDS:
            return None
        start, stop = toks[k - 3][0], end
    if spans and spans[-1][1] > start and spans[-1][0] < start:
        return None  # the unit's first word ends another mention
    return _record_org_span(ctx, text, start, stop)


# "of the Ukrainian CP", "of the CPSU": the party whose committee of a region it is (capitalised words after "of")
_OF_PARTY = re.compile(rf" of (?:the )?(?P<party>(?:[{UPPER}][\w’'-]* ){{0,4}}[{UPPER}][\w’'-]*)")


def _committee_of_region(ctx: _DocContext, text: str, toks, j: int) -> int | None:
    """Where a party's committee of a region ends when the tokens from j, right after a place's name, are
    "committee" or a level of one (data/gazetteer.json committee_levels: "East Slovakia regional committee",
    "the Transcarpathian Oblast committee"), one space apart: after "of (the) <party>" when a party follows (a
    listed party, or capitalised words ending in a party's word or abbreviation: "of the Ukrainian CP"), else
    after "committee" when a level stands before it; None when no such committee is printed there."""
    k = j + 1 if toks[j][2] != "committee" else j
    if k >= len(toks) or toks[k][2] != "committee" or text[toks[j][1] : toks[k][0]] not in ("", " "):
        return None
    if text[toks[j][0] - 1 : toks[j][0]] != " ":
        return None  # "Kiev, party committee": a comma or line between
    stop = toks[k][1]
    m = _OF_PARTY.match(text, stop)
    if m is not None:
        party = m["party"]
        last = party.rsplit(" ", 1)[-1]
        key = tuple(norm(t) for _, _, t in tokens(party))
        listed = {f.entity_id for f in ctx.forms(key) if f.kind == "org"}
        if listed or last in ("Party", "PARTY") or (2 <= len(last) <= 5 and last.isupper() and last.endswith("P")):
            return m.end()
    return stop if k > j else None  # "the Kiev committee of experts": no level, no party; no party's committee


def _organ_initials_of_party(ctx: _DocContext, word: str, name: str, length: int) -> bool:
    """Whether `word`, printed right before the one-word abbreviation `name` of a listed party
    ("HV KSČ", "ÚV KSČ": the initials of a committee in the party's language), abbreviates one of
    the party's organs: two to four capitals no list holds, no title, the listed name a party's."""
    if length != 1 or not (2 <= len(word) <= 4 and word.isalpha() and word.isupper()) or ctx.forms((norm(word),)):
        return False
    if ctx.rec.names.is_title_word(word) or _ROMAN_NUMBER.fullmatch(word):
        return False  # ("XX CPSU Congress": a Roman number counts the meetings)
    party = {f.entity_id for f in ctx.forms((norm(name),)) if f.kind == "org"}
    return len(party) == 1 and "party" in norm(ctx.entry(next(iter(party))).name).split()


_CAPITAL_INITIALS = re.compile(rf"[{UPPER}]{{2,5}}")


def _unit_initials_of_abbreviated_body(ctx: _DocContext, toks, i: int, length: int) -> bool:
    """Whether the word printed right before a listed body's name in capitals at token i ("MID SSSR", the
    Soviet foreign ministry by its Russian initials) abbreviates a unit of that body ("UVPI MID SSSR", as a
    Soviet copy list prints it): two to five capitals no list holds, no title, dictionary word or Roman
    number. The unit and the body are then one organisation of the record (TEI 13.2.2), never the listed
    body alone: a wrong link is worse than none."""
    word = toks[i - 1][2]
    if not _CAPITAL_INITIALS.fullmatch(word) or not all(t[2].isupper() for t in toks[i : i + length]):
        return False
    v = ctx.rec.names
    return not (
        ctx.forms((norm(word),))
        or v.is_title_word(word)
        or v.is_common_word(word)
        or _ROMAN_NUMBER.fullmatch(word)
        or word in _NOT_BODY_ABBREVIATIONS
    )


def _record_org(ctx: _DocContext, surface: str) -> tuple[tuple[str, ...], str] | None:
    """(key, id) of the record's organisation named `surface`: the one the record already has by
    that name, else a new record-local entry; None when a user rejected the name."""
    key = tuple(norm(t) for _, _, t in tokens(surface))
    if key in ctx.rec.rejected:
        return None
    known = {f.entity_id for f in ctx.local.get(key, [])}
    return key, known.pop() if len(known) == 1 else _new_local_person(ctx, surface, key, "org")


def _second_surname_end(ctx: _DocContext, text: str, toks, keys, i: int, length: int) -> int:
    """The end of a listed person's name of given name and surname when a second surname follows it, as
    Spanish names have ("Ernesto GUEVARA SERNA", "Carlos Rafael Rodríguez Rodríguez"); else 0. The second
    surname is the surname repeated, or a word in capitals after a surname in capitals that no list holds
    and no dictionary has (TEI 13.2.1: one name, the listed person's). Never after a name of one word."""
    j = i + length
    if length < 2 or j >= len(toks) or text[toks[j - 1][1] : toks[j][0]] != " ":
        return 0
    surname, word = toks[j - 1][2], toks[j][2]
    if (
        word == surname
        and j + 1 < len(toks)
        and text[toks[j][1] : toks[j + 1][0]] == " "
        and toks[j + 1][2][:1].isupper()
    ):
        return 0  # "Rodríguez Rodríguez Prize": a longer name of something else
    return toks[j][1] if _is_second_surname(ctx, surname, word) else 0


def _is_second_surname(ctx: _DocContext, surname: str, word: str) -> bool:
    """Whether `word` after `surname` is a second surname (_second_surname_end): the surname repeated,
    or a word in capitals after a surname in capitals that no list holds and no dictionary has."""
    if word == surname:
        return True
    if not (len(surname) > 1 and surname.isupper() and len(word) > 2 and word.isupper() and word.isalpha()):
        return False
    v = ctx.rec.names
    return not (ctx.forms((norm(word),)) or v.is_common_word(word) or v.is_title_word(word) or fold(word) in v.given)


def _listed_before_second_surname(ctx: _DocContext, toks: list[str]) -> str | None:
    """The one listed person a rule-found name of three words or more names when its last word is a
    second surname after a listed name of that person ("Minister Ernesto GUEVARA SERNA": Ernesto
    Guevara), else None."""
    if len(toks) < 3 or not _is_second_surname(ctx, toks[-2], toks[-1]):
        return None
    ids = {f.entity_id for f in ctx.forms(tuple(norm(t) for t in toks[:-1])) if f.kind == "person"}
    return ids.pop() if len(ids) == 1 else None


def _particle_name_end(ctx: _DocContext, text: str, toks, caps, j: int) -> int:
    """The end of `<place> de <Name>` when a particle and a capitalised word follow the place before
    token j ("Santiago de Cuba" is not Santiago de Chile, nor Cuba); else 0."""
    if j + 1 >= len(toks) or not caps[j + 1] or toks[j][2] not in ctx.rec.names.particles or toks[j][2] == "y":
        return 0  # ("y" is the Spanish "and": "Cuba y México" names two places)
    if text[toks[j - 1][1] : toks[j][0]] != " " or text[toks[j][1] : toks[j + 1][0]] != " ":
        return 0
    return toks[j + 1][1]


def _person_cue_before(ctx: _DocContext, text: str, toks, i: int, spans: list) -> bool:
    """Whether the gazetteer-only city at token i stands where a surname does: right after a title
    or role ("consul Henderson"), right after another place with no comma between ("the
    Ambassador in Iran Henderson") or after another capitalised word in mid-sentence, a given name
    ("Loy Henderson"). A person cue beats a match in the gazetteer alone."""
    if i == 0 or text[toks[i - 1][1] : toks[i][0]] != " ":
        return False
    word, v = toks[i - 1][2], ctx.rec.names
    if v.is_title_word(word):
        return True
    if spans and spans[-1][1] == toks[i - 1][1]:
        return spans[-1][2].tag == TAGS["place"]
    # an untagged capitalised word in mid-sentence, a given name: "Loy Henderson" (not "the Communist China")
    return (
        word[:1].isupper()
        and word.isalpha()
        and not word.isupper()
        and text[: toks[i - 1][0]].rstrip()[-1:] not in ("", ".", "!", "?", ":", ";", '"', "“", "(", "[")
        and norm(word) not in _FUNCTION_WORDS
        and norm(word) not in ctx.rec.link_rules.place_adjectives
        and norm(word) not in _DIRECTION
        and not _NATIONAL.match(word)
    )


def _lower_case_direction_place(
    ctx: _DocContext, text: str, toks, keys: tuple[str, ...], caps: tuple[bool, ...], i: int, length: int
) -> str | None:
    """The one listed place named by a lower-case direction and the known place at token i
    ("south Vietnam": South Vietnam, when a list holds that name); else None."""
    if i == 0 or caps[i - 1] or keys[i - 1] not in _DIRECTION or text[toks[i - 1][1] : toks[i][0]] != " ":
        return None
    ids = {f.entity_id for f in ctx.forms(keys[i - 1 : i + length]) if f.kind == "place"}
    return ids.pop() if len(ids) == 1 else None


def _capitalised_run_start(ctx: _DocContext, text: str, toks, caps: tuple[bool, ...], j: int, spans: list) -> int:
    """The first of the capitalised words (one space apart, untagged, no title nor "The") that end at
    token j; a possessive is inside the run ("People's")."""
    k = j
    while True:
        if k > 1 and toks[k - 1][2] == "s" and text[toks[k - 2][1] : toks[k - 1][0]] in ("'", "’"):
            if text[toks[k - 1][1] : toks[k][0]] != " " or not caps[k - 2]:
                break
            k -= 2
            continue
        if not (
            k > 0
            and caps[k - 1]
            and text[toks[k - 1][1] : toks[k][0]] == " "
            and not (spans and spans[-1][1] > toks[k - 1][0])
            and norm(toks[k - 1][2]) not in _FUNCTION_WORDS
            and not ctx.rec.names.is_title_word(toks[k - 1][2])
            and not toks[k - 1][2].isupper()
        ):
            break
        k -= 1
    return k


def _ends_longer_name(ctx: _DocContext, text: str, toks, caps: tuple[bool, ...], i: int, spans: list) -> bool:
    """Whether the place at token i ends a longer capitalised name: "the Cochin China lowlands".

    The word before it is capitalised in mid-sentence (a lower-case word before that, one space
    each), untagged, and no title, nationality or adjective that qualifies the same place
    ("the Communist China", data/gazetteer.json place_adjectives).
    """
    if i < 2 or not caps[i - 1] or caps[i - 2] or not toks[i - 2][2].isalpha():
        return False
    if text[toks[i - 2][1] : toks[i - 1][0]] != " " or text[toks[i - 1][1] : toks[i][0]] != " ":
        return False
    if spans and spans[-1][1] > toks[i - 1][0]:
        return False
    word = toks[i - 1][2]
    folded = norm(word)
    v = ctx.rec.names
    return (
        word.isalpha()
        and not word.isupper()
        and folded not in _DIRECTION
        and folded not in v.titles_folded
        and folded not in ctx.rec.link_rules.place_adjectives
        and not _NATIONAL.match(word)
    )


def _after_direction(
    text: str, toks, keys: tuple[str, ...], caps: tuple[bool, ...], i: int, qualifiers: frozenset[str] = frozenset()
) -> bool:
    """Whether a capitalised North/South/East/West, or a word of `qualifiers` (data/gazetteer.json
    place_qualifiers: "Central"), stands right before token i, one space apart ("South Yemen",
    "Central Asia")."""
    return (
        i > 0
        and caps[i - 1]
        and (keys[i - 1] in _DIRECTION or keys[i - 1] in qualifiers)
        and text[toks[i - 1][1] : toks[i][0]] == " "
    )


def _state_prefix_start(rec: EntityRecognizer, text: str, start: int) -> int:
    """Where a place name begins when an abbreviated form of state stands before it ("PR China",
    "DR Congo": names.json state_prefixes); else `start`. The prefix belongs to the name (TEI 13.2.3)."""
    if (
        start < 2
        or text[start - 1] != " "
        or text[start - 2] not in rec.state_prefix_ends
        or not text.endswith(rec.spaced_state_prefixes, 0, start)
    ):
        return start  # every prefix is followed by a space; most places follow none (tests in C)
    for prefix in rec.names.state_prefixes:
        at = start - len(prefix) - 1
        if (
            at >= 0
            and text[at:start] == prefix + " "
            and (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "."))
        ):
            return at
    return start


def _city_and_subdivision(ctx: _DocContext, text: str, toks, keys, i: int, length: int, spans: list) -> _Span | None:
    """A place of the record, unlinked, for the known place at token i when it is a city before a comma and
    a federation's state or province (data/gazetteer.json subdivisions_after_a_city: "Moscow, Idaho",
    "Paris, Texas", "London, Ontario": another city of that name), or that state after a city and a comma
    when a country or a listed city bears its name ("Atlanta, Georgia": the state, not the country);
    None otherwise. A listed city's name after the comma never makes the city before it another
    ("Moscow, Washington"); a country's, only when the city is none and no list goes on ("Moscow,
    Georgia and Armenia"; a gazetteer town's name, as "Ontario", does not count); the state
    after a city is the country or city it is named like when the city lies in that country ("Tbilisi,
    Georgia"), when a country stands before the comma ("Armenia, Georgia"), when a list goes on, or, for
    a state named like a city ("Washington"), unless the city before it lies in the federation. TEI
    13.3.1: a name links only to the entity it names; a wrong link is worse than none (issue #12)."""
    subdivisions = ctx.rec.link_rules.subdivisions
    start, end = toks[i][0], toks[i + length - 1][1]
    key = tuple(keys[i : i + length])
    j = i + length
    if j < len(toks) and text[end : toks[j][0]] == ", " and key not in subdivisions:
        for n in (3, 2, 1):
            sub = tuple(keys[j : j + n])
            if len(sub) < n or sub not in subdivisions or not all(t[2][:1].isupper() for t in toks[j : j + n]):
                continue
            if norm(text[toks[j][0] : toks[j + n - 1][1]]) in _country_names():
                if norm(text[start:end]) in _country_names() or _list_goes_on(text, toks, j + n):
                    return None  # "Armenia, Georgia", "Moscow, Georgia and Armenia": a list
            elif any(f.kind == "place" and f.rank == 0 for f in ctx.forms(sub)):
                return None  # "Moscow, Washington": a listed city after the comma, a list
            return _unlinked_place(ctx, start, end, text[start:end], key)
    country = subdivisions.get(key)
    if country is None or not i or text[toks[i - 1][1] : start] != ", " or not spans or spans[-1][1] != toks[i - 1][1]:
        return None
    before = spans[-1]
    if before[2].tag != TAGS["place"] or norm(before[3]) in _country_names() or _list_goes_on(text, toks, j):
        return None
    lies_in = {
        city[1][0]
        for f in ctx.forms(tuple(norm(t) for _, _, t in tokens(before[3])))
        if (city := ctx.rec.gazetteer_cities.get(f.entity_id)) is not None and city[1]
    }
    if key in lies_in:
        return None  # "Tbilisi, Georgia": the country the city lies in
    if norm(text[start:end]) not in _country_names() and tuple(norm(t) for t in country.split()) not in lies_in:
        return None  # "Moscow, Washington": two cities, unless the first lies in the federation ("Seattle")
    return _unlinked_place(ctx, start, end, text[start:end], key)


def _list_goes_on(text: str, toks, j: int) -> bool:
    """Whether a list of names goes on at token j: a comma or "and" and a capitalised word follow."""
    if j >= len(toks):
        return False
    between = text[toks[j - 1][1] : toks[j][0]]
    if between.strip() == "," and toks[j][2][:1].isupper():
        return True
    return between == " " and toks[j][2] == "and" and j + 1 < len(toks) and toks[j + 1][2][:1].isupper()


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """The folded names of the gazetteer's countries ("israel", "kuwait")."""
    return frozenset(norm(p.name) for p in gazetteer_places() if p.kind == "country")


def _state_of_country(ctx: _DocContext, text: str, toks, keys, i: int, length: int, spans: list) -> bool:
    """Whether "State of" stands right before the listed place at token i and that place is a country
    only one listed state is named after ("the State of Israel", "the State of Kuwait"): the words are
    then part of its name (TEI 13.2.3); not for a city ("the State of Washington") nor a name several
    states bore ("the State of Vietnam" of 1949 is neither of the later Vietnams)."""
    if i < 2 or keys[i - 1] != "of" or toks[i - 2][2] not in ("State", "STATE"):
        return False
    if text[toks[i - 2][1] : toks[i - 1][0]] != " " or text[toks[i - 1][1] : toks[i][0]] != " ":
        return False
    if spans and spans[-1][1] > toks[i - 2][0]:
        return False  # "State" ends another name ("Department of State")
    if norm(text[toks[i][0] : toks[i + length - 1][1]]) not in _country_names():
        return False
    form = ctx.forms(tuple(keys[i : i + length]))
    ids = {f.entity_id for f in form if f.kind == "place"}
    return len(ids) == 1 and ctx.rec.states_named(keys[i + length - 1]) <= ids


def _surname_in_record(ctx: _DocContext, key: str) -> bool:
    """Whether the record names a person whose name ends with the one-word place `key` after a given name
    of names.json (a record-local person, learnt before the text is tagged or while it is: "Hermes Lima",
    "Getulio Cuba"). Then the place's name alone may be the person or the place (both fit: left unlinked,
    reported once; a wrong link is worse than none, issue #12)."""
    if key in ctx.surname_places:
        return True
    before = ctx.local_surnames.get(key)
    if not before or ctx.rec.names.given.isdisjoint(before):
        return False
    ctx.surname_places.add(key)
    ctx.problems.append(
        f"{key.capitalize()!r} left unlinked where it stands alone: the record names a person of that surname; review it"
    )
    return True


def _state_named_like_country(ctx: _DocContext, text: str, toks, keys, i: int, length: int) -> bool:
    """Whether "State of" (one space each) stands right before the place at token i, whose name is a
    country's that one of its federal states bears (gazetteer.json states_named_like_their_country: "the
    State of Mexico"): that state, not the country (TEI 13.2.3; a wrong link is worse than none)."""
    if i < 2 or keys[i - 1] != "of" or toks[i - 2][2] not in ("State", "STATE"):
        return False
    if tuple(keys[i : i + length]) not in ctx.rec.link_rules.states_named_like_country:
        return False
    return text[toks[i - 2][1] : toks[i - 1][0]] == " " == text[toks[i - 1][1] : toks[i][0]]


def _prefixed_state(ctx: _DocContext, prefix: str, country: tuple[str, ...], form: _Form) -> str | None:
    """The listed place a state prefix and a known country name together ("D.R. Vietnam", "PR China"):
    the place the expanded name names when a list knows it (Democratic Republic of Vietnam); else the
    country itself when no other listed place is another state of that country (no North/South
    Vietnam, East/West Germany); else None (left unlinked: a wrong link is worse than none)."""
    words = ctx.rec.names.state_expansion(prefix)
    if words:
        key = tuple(norm(t) for _, _, t in tokens(words)) + country
        ids = {f.entity_id for f in ctx.forms(key) if f.kind == "place"}
        if len(ids) == 1:
            return ids.pop()
    rivals = ctx.rec.states_named(country[-1])
    return form.entity_id if rivals <= {form.entity_id} else None


# the rules of the name pass about a found place or person that fire only next to a word of their own (a
# gazetteer.json or names.json list): one bit each in a string's cues (_text_cues), so that a string without
# such a word does not ask the rule at each name found in it (its answer would be None, 0 or False)
_CUE_PAPERS_AFTER = 1  # _paper_after_place: paper_name_words ("Times")
_CUE_PAPERS_BEFORE = 2  # _paper_before_place: paper_words_before_place ("Jornal")
_CUE_EVENT_OR_PART = 4  # _before_event_noun, _after_org_part_noun: event_nouns, org_part_nouns ("accords", "Desk")
_CUE_FEATURES = 8  # _feature_word_after: feature_words ("Harbor"), names.json named_after_person ("Stadium")
_CUE_UNITS = 16  # _unit_of_body: org_part_nouns, unit_of_body_nouns ("department", "council")
_CUE_SUBDIVISIONS = 32  # _city_and_subdivision: the first word of a subdivisions_after_a_city name
_CUE_LONGER_PLACES = 64  # _longer_place_start: feature_words, state_form_words ("Sea", "Republic")
_CUE_BROADCASTERS = 128  # _broadcaster_of_place: broadcaster_words ("Radio")
_CUE_TOLD_APART = 256  # _told_apart_by_bracketed_place (" ("), _particle_name_end: particles ("de")
_CUE_AFTER_PERSON = 512  # _named_after_found_person: kin_nouns, honours_named_after_person, named_after_person
_CUE_CITY = 1024  # _designated_city: "City", "DF", "D." printed (_CITY_DESIGNATOR, "City of ")
_CUE_DIRECTED = 2048  # _after_direction, _lower_case_direction_place: a direction, place_qualifiers ("Central")
_CUE_STATE_OF = 4096  # _state_of_country: "State" ("the State of Israel")


@dataclass(frozen=True)
class _CueWords:
    """The words without which a rule of the name pass about a found place or person cannot fire, folded (as
    the tokens' keys: a token that is such a word has such a key), each with the bits of the rules it may
    fire (_CUE_...); made once per recogniser, read by _text_cues once per string."""

    bits: dict[str, int]
    honours_before: tuple[str, ...]  # honours_before_person with the space after them ("Order of "), as printed

    @classmethod
    def of(cls, rules, v) -> _CueWords:
        bits: dict[str, int] = {}
        for bit, *groups in (
            (_CUE_PAPERS_AFTER, rules.paper_name_words),
            (_CUE_PAPERS_BEFORE, rules.paper_words_before_place),
            (_CUE_EVENT_OR_PART, rules.event_nouns, rules.org_part_nouns),
            (_CUE_FEATURES, rules.feature_words, v.named_after_person),
            (_CUE_UNITS, rules.org_part_nouns, rules.unit_of_body_nouns),
            (_CUE_SUBDIVISIONS, [key[0] for key in rules.subdivisions if key]),
            (_CUE_LONGER_PLACES, rules.feature_words, rules.state_form_words),
            (_CUE_BROADCASTERS, rules.broadcaster_words),
            (_CUE_TOLD_APART, v.particles),
            (_CUE_AFTER_PERSON, v.kin_nouns, v.honours_named_after_person, v.named_after_person),
            (_CUE_DIRECTED, _DIRECTION, rules.place_qualifiers),
            (_CUE_STATE_OF, ("State", "STATE")),
        ):
            for word in (w for group in groups for w in group):
                for key in (word, norm(word)):  # (the word as given too: a folded one folds to itself)
                    bits[key] = bits.get(key, 0) | bit
        return cls(bits=bits, honours_before=tuple(f"{words} " for words in v.honours_before_person))


def _sole_word_forms(rec: EntityRecognizer) -> dict[str, _Form]:
    """The words that begin one listed form alone, of that one word, matched whatever its capitals ("exact"
    None): word -> the form; what _longest_form gives at such a capitalised word when the record has learnt
    no form beginning with it. Made at the first string tagged (the lexicon is whole then), kept by `rec`."""
    if rec.sole_word_forms is None:
        rec.sole_word_forms = {
            key[0]: forms[0]
            for key, forms in rec.lexicon.items()
            if len(key) == 1 and len(forms) == 1 and forms[0].exact is None and rec.first_words.get(key[0]) == (1,)
        }
    return rec.sole_word_forms


def _text_cues(cues: _CueWords, text: str, keys: tuple[str, ...]) -> int:
    """The bits (_CUE_...) of the rules that may fire in a string, by its words' keys and a few printed cues."""
    bits = cues.bits
    found = 0
    for key in bits.keys() & keys:  # (one pass in C over the keys; few match)
        found |= bits[key]
    if " (" in text:
        found |= _CUE_TOLD_APART
    if "City" in text or "DF" in text or "D." in text:
        found |= _CUE_CITY
    if any(words in text for words in cues.honours_before):
        found |= _CUE_AFTER_PERSON
    return found


def _name_spans(ctx: _DocContext, text: str) -> list[_Span]:
    toks, keys, caps, capitalised = _token_keys(text)
    cues = -1  # the string's _text_cues, read at the first name found (most strings name nothing)
    spans: list[_Span] = []
    # the lengths of the learnt and listed forms that begin with a word, longest first, looked up at every
    # capitalised word (the learnt lengths' dict is changed in place while the text is read, never replaced)
    local_first, first_words = ctx.local_first, ctx.rec.first_words
    sole_forms, local = _sole_word_forms(ctx.rec), ctx.local
    place_keys = ctx.rec.link_rules.place_noun_keys  # "Delta", "Province" after a word no list knows
    n_toks = len(toks)
    n_caps = len(capitalised)
    i = 0
    while i < n_toks:
        # names begin with a capital: the lower-case words between are skipped at once (a search in C)
        c = bisect_left(capitalised, i)
        if c == n_caps:
            break
        i = capitalised[c]
        # most capitalised words begin no form: no lookup at all, and none of the tests below (found is None)
        word = keys[i]
        learnt = local_first.get(word)
        found: tuple[int, _Form] | None
        if learnt is None and word in sole_forms and not local.get((word,)):
            found = (1, sole_forms[word])  # what _longest_form gives at a capitalised word of one such form
        else:
            lengths = learnt or first_words.get(word, ())
            found = _longest_form(ctx, text, toks, keys, caps, i, lengths) if lengths else None
        if (not found or found[0] == 1) and i and toks[i - 1][2] in ctx.rec.names.particles:
            particle = _listed_after_particle(ctx, text, toks, keys, i)
            if particle:
                spans.append(particle)  # "Général de Gaulle": the listed "De Gaulle", its particle in lower case
                i += 1
                continue
        if not found:
            joined = (
                _hyphen_joined_places(ctx, text, toks[i], _word_after(text, toks, i + 1)) if "-" in keys[i] else None
            )
            if joined:
                spans.extend(joined)  # "the Japan-China talks", "the Rangoon-Kumming-Hanoi route"
                i += 1
                continue
            # (_unlisted_span's two first tests, without the call: most capitalised words pass neither)
            may_be_unlisted = (i + 1 < n_toks and keys[i + 1] in place_keys) or toks[i][2][-1:].isupper()
            unlisted = _unlisted_span(ctx, text, toks, keys, i, spans, place_keys) if may_be_unlisted else None
            if unlisted:
                spans.append(unlisted)
                i += 2 if unlisted[1] > toks[i][1] else 1
                continue
            near = _near_miss(ctx, text, toks, i) if len(toks[i][2]) >= 6 else None  # (its first test, no call)
            if near:
                spans.append(near)
            elif len(keys[i]) == 1 and (
                ctx.seen or spans
            ):  # (a lone capital: "the recall of K.", "R. will assist him")
                initial = _initial_of_one_named_before(ctx, text, toks, i, spans)
                if initial:
                    spans.append(initial)
            i += 1
            continue
        start = toks[i][0]
        if cues < 0:
            cues = _text_cues(ctx.rec.cue_words, text, keys)
        if found[0] == 1 and found[1].kind == "person" and found[1].rank == 2:
            whole = _given_before_learnt_surname(ctx, text, toks, caps, i, spans, found[1])
            if whole:
                spans.append(whole)  # "Noureddin Kianouri" after "Nureddin Kianouri": one name
                i += 1
                continue
        if (
            found
            and found[0] == 1
            and found[1].kind == "person"
            and _inside_longer_name(ctx, text, toks, caps, i, spans)
        ):
            # "Il" of "Pak Il Gon" is not Nam Il: one word of a longer name links alone to nobody; after a word
            # no list knows ("Xyzzy Dorticós"), the surname is still a person's, of the record, for review
            misspelt = _misspelt_given_before_surname(ctx, text, toks, i, found[1])
            if misspelt:
                spans.append(misspelt)  # "Jawarharlal NEHRU": the listed Jawaharlal Nehru, one name
                i += 1
                continue
            found = _surname_after_unknown_word(ctx, text, toks, caps, i, found[1])
        if (
            found
            and found[0] > 1
            and found[1].kind == "person"
            and found[1].entity_id in ctx.rec.entries
            and _name_goes_on(ctx, text, toks, caps, i + found[0], found[1].entity_id)
        ):
            # "Raúl Roa Kourí", "Fidel Castro Díaz-Balart": a longer name than the listed one, another person
            end = toks[i + found[0]][1]
            key = tuple(keys[i : i + found[0] + 1])
            xml_id = _new_local_person(ctx, text[start:end], key)
            ctx.add_local(key, _Form(xml_id, "person", (True,) * len(key), None, 2))
            spans.append((start, end, Node(TAGS["person"], {"ref": f"#{xml_id}"}, [text[start:end]]), text[start:end]))
            i += found[0] + 1
            continue
        if found and found[1].kind in ("person", "place") and _after_vessel_noun(ctx.rec, text, start):
            i += found[0]  # "the ship Fidel Castro": a ship's name, not the man
            continue
        named = (
            _named_after_found_person(ctx, text, toks, keys, i, found) if found and cues & _CUE_AFTER_PERSON else None
        )
        if named:
            if named[0] is not None:
                spans.append(named[0])  # "Kim Il Sung Square", "the Ho Chi Minh Trail": a place, not the person
            i = named[1]  # "the Lenin Prize": an honour, no mention of Lenin
            continue
        if found and found[0] == 1 and found[1].kind == "person" and found[1].rank == 0:
            owner = _surname_only_owner(ctx, keys[i], toks[i][2])
            if owner != found[1].entity_id:
                if owner in ctx.rec.authority.entries and _after_office(ctx.rec, text, toks, i):
                    # "President Kennedy" where the lists name John by "Kennedy" and the record names Robert
                    # in full: the office may be either man's — a person of the record, for review
                    owner = _new_local_person(ctx, toks[i][2], (norm(toks[i - 1][2]), keys[i]))
                found = (1, _Form(owner, "person", (True,), None, 2))
        if found:
            length, form = found
            end = toks[i + length - 1][1]
            if length > 1 and text[end : end + 1] == "." and _IS_INITIAL.fullmatch(toks[i + length - 1][2] + "."):
                end += 1  # an inverted name ends on an initial's period: "Kozlov, F. R."
            surface = text[start:end]
            other = (
                _city_and_subdivision(ctx, text, toks, keys, i, length, spans)
                if form.kind == "place" and cues & _CUE_SUBDIVISIONS
                else None
            )
            if other:
                spans.append(other)  # "Moscow, Idaho", "Atlanta, Georgia": another place of that name, unlinked
                i += length
                continue
            body = (
                _unit_of_body(ctx, text, toks, caps, i, end, spans, form.kind)
                if form.kind in ("place", "org") and cues & _CUE_UNITS
                else None
            )
            if body:
                while spans and spans[-1][1] > body[0]:
                    spans.pop()  # the capitalised word before the unit was tagged on its own
                spans.append(body)  # "the Far East department", "the Administrative council of DPRK": one body
                while i < len(toks) and toks[i][0] < body[1]:
                    i += 1
                continue
            city = (
                _designated_city(ctx, text, toks, keys, i, length)
                if form.kind == "place" and cues & _CUE_CITY
                else None
            )
            if city:
                while spans and spans[-1][1] > city[0]:
                    spans.pop()  # "City" of "the City of Mexico" was tagged on its own
                spans.append(city)  # "Mexico, DF" is Mexico City, not the country
                while i < len(toks) and toks[i][0] < city[1]:
                    i += 1
                continue
            if form.kind == "org" and _organ_of_another_body(ctx, text, toks, caps, i, length, spans):
                i += length  # "CC" of "the Union of Democratic Youth CC": that body's organ, not the listed one
                continue
            organ = _party_organ(ctx, text, toks, i, length, spans) if form.kind == "org" else None
            if organ:
                spans.append(organ)  # "BCP CC": the party's organ, not the party
                while i < len(toks) and toks[i][0] < organ[1]:
                    i += 1
                continue
            if form.kind == "org" and form.rank < 2:
                wider = _qualified_org(ctx, text, toks, i, end)
                if not wider and form.rank == 0:
                    # "UNESCO General Assembly" is not the General Assembly the authority lists
                    wider = _unsupported_generic(ctx, text, toks, keys, i, length, end, form.entity_id)
                if wider:  # "South Korean Red Cross" is not the Red Cross the authority lists
                    while spans and spans[-1][1] > wider[0]:
                        spans.pop()  # the qualifier was a name of its own: "UNESCO" of "UNESCO General Assembly"
                    spans.append(wider)
                    while i < len(toks) and toks[i][0] < wider[1]:
                        i += 1  # past a following qualifier too: "General Assembly of the WFTU"
                    continue
            entity_id = form.entity_id
            if form.kind == "place":  # (the tests of a place found, in their order: none reads another kind)
                party = (
                    _party_of_place(ctx, text, toks, i, end, spans)
                    if i and toks[i - 1][2][-1:] in ("P", "f")  # "CP Italy", "CP of Italy"
                    else None
                )
                if party:
                    spans.append(party)  # "the CP Italy": a party of the state, not the state
                    i += length
                    continue
                broadcaster = (
                    _broadcaster_of_place(ctx, text, toks, i, end, spans) if i and cues & _CUE_BROADCASTERS else None
                )
                if broadcaster:
                    spans.append(broadcaster)  # "Radio Moscow": a broadcaster, not the city
                    i += length
                    continue
                other_state = (
                    _listed_body_of_another_state(ctx, text, toks, keys, i, end, spans, form)
                    if i >= 2 and keys[i - 1] in ("of", "the")
                    else None
                )
                if other_state:
                    spans[-1] = other_state  # "the PCC of Chile": not the Cuban party, one body of the record
                    i += length
                    continue
                paper = _paper_after_place(ctx, text, toks, i, i + length) if cues & _CUE_PAPERS_AFTER else None
                if paper is None and i >= 2 and cues & _CUE_PAPERS_BEFORE:
                    paper = _paper_before_place(ctx, text, toks, i, end, spans)
                    if paper:
                        spans.append(paper)  # "Jornal do Brasil", "Diario de Cuba": the paper, not the place
                        i += length
                        continue
                if paper:
                    spans.append(paper)  # "the Korea Times", "Peking Review": the paper, not the place
                    i += length + 1
                    continue
                if cues & _CUE_EVENT_OR_PART and (
                    _before_event_noun(ctx, text, toks, i + length) or _after_org_part_noun(ctx, text, toks, i, spans)
                ):
                    i += length  # "the Geneva accords", "the Korea Desk", "the Department FRG": not the place
                    continue
                qualifiers = ctx.rec.link_rules.place_qualifiers
                if (
                    tuple(keys[i : i + length]) in ctx.rec.link_rules.ambiguous_names
                    and not (
                        form.rank < 2
                        and cues & _CUE_DIRECTED
                        and _after_direction(text, toks, keys, caps, i, qualifiers)
                    )
                    and not _named_otherwise(ctx, form.entity_id, tuple(keys[i : i + length]))
                    and not _reads_as_listed_place(ctx, text, start, end, tuple(keys[i : i + length]))
                ):
                    # "America" alone: the Americas or the United States; a place of the record, unlinked
                    spans.append(_unlinked_place(ctx, start, end, surface, tuple(keys[i : i + length])))
                    i += length
                    continue
                if (
                    form.rank == 1
                    and tuple(keys[i : i + length]) in ctx.rec.short_of_two_places
                    and not _listed_name_printed(ctx, form.entity_id)
                    and not _particle_name_end(ctx, text, toks, caps, i + length)  # "Santiago de Lumeria": whole
                ):
                    # "Santiago": Santiago de Chile's name in GeoNames, and the start of "Santiago de Cuba"
                    spans.append(_unlinked_place(ctx, start, end, surface, tuple(keys[i : i + length])))
                    i += length
                    continue
                if form.rank == 1 and _person_cue_before(ctx, text, toks, i, spans):
                    i += length  # "Ambassador Henderson", "the Ambassador in Iran Henderson": a surname, not the town
                    continue
                if form.rank == 1 and tuple(keys[i : i + length]) in ctx.rec.same_name_cities:
                    key = tuple(keys[i : i + length])
                    named_city = _city_by_country(ctx, key, text[start:end])
                    if named_city is None:
                        # "Tripoli" where the record names neither Libya nor Lebanon: the record's own entry
                        if key not in ctx.unlinked_places:
                            ctx.unlinked_places[key] = _new_local_person(
                                ctx, text[start:end], key, "place", generic=True
                            )
                        spans.append(_unlinked_place(ctx, start, end, text[start:end], key))
                        i += length
                        continue
                    form = _Form(named_city, form.kind, form.caps, form.exact, form.rank)
                if form.rank == 1 and not _gazetteer_link_supported(ctx, text, toks, i + length, form):
                    if _ends_longer_name(ctx, text, toks, caps, i, spans):
                        i += length  # "Prensa Latina": a small town's name ending another name is no place
                        continue
                    # "Bali Island" is not the Indian town Bāli: a place of the record, not linked
                    surface = text[start:end]
                    key = tuple(keys[i : i + length])
                    if _city_before_speech_verb(ctx, text, toks, i + length, form):
                        # "Austin said": a person of the record named like the city, one per name
                        pid = ctx.surname_owner.get(" ".join(key)) or _new_local_person(ctx, surface, key)
                        ctx.surname_owner[" ".join(key)] = pid
                        spans.append((start, end, Node(TAGS["person"], {"ref": f"#{pid}"}, [surface]), surface))
                        i += length
                        continue
                    xml_id = ctx.unlinked_places.get(key) or _new_local_person(ctx, surface, key, "place")
                    ctx.unlinked_places[key] = xml_id  # no learnt form: the gazetteer's would make the word ambiguous
                    spans.append((start, end, Node(TAGS["place"], {"ref": f"#{xml_id}"}, [surface]), surface))
                    i += length
                    continue
                feature = _feature_word_after(ctx, text, toks, i + length) if cues & _CUE_FEATURES else 0
                if feature:
                    # "Wonsan Harbor", "Taiwan Strait": a place of its own named after the known place, not it
                    # (one place of the record, unlinked; a listed longer name was matched before)
                    end = toks[feature - 1][1]
                    key = tuple(keys[i:feature])
                    spans.append(_unlinked_place(ctx, start, end, text[start:end], key))
                    i = feature
                    continue
                directed = (
                    _lower_case_direction_place(ctx, text, toks, keys, caps, i, length)
                    if cues & _CUE_DIRECTED
                    else None
                )
                if directed:
                    # "south Vietnam" is South Vietnam when a list holds that name, not Vietnam
                    start = toks[i - 1][0]
                    surface = text[start:end]
                    spans.append((start, end, Node(TAGS["place"], {"ref": f"#{directed}"}, [surface]), surface))
                    i += length
                    continue
                told = 0
                if cues & _CUE_TOLD_APART:
                    told = _told_apart_by_bracketed_place(
                        ctx, text, toks, keys, caps, i + length
                    ) or _particle_name_end(ctx, text, toks, caps, i + length)
                if told:
                    # "Congo (Brazzaville)", "Santiago de Cuba": the whole is one place of the record, linked
                    # to neither name inside it (a wrong link is worse than none)
                    surface = text[start:told]
                    listed = _listed_bracketed_place(ctx, surface)
                    if listed:  # the authority holds the qualified name ("Congo (Brazzaville)"): that state
                        spans.append(_dated_span(ctx, text, start, told, surface, listed))
                        while i < len(toks) and toks[i][0] < told:
                            i += 1
                        continue
                    key = tuple(norm(t) for _, _, t in tokens(surface))
                    xml_id = ctx.unlinked_places.get(key) or _new_local_person(ctx, surface, key, "place")
                    ctx.unlinked_places[key] = xml_id
                    spans.append((start, told, Node(TAGS["place"], {"ref": f"#{xml_id}"}, [surface]), surface))
                    while i < len(toks) and toks[i][0] < told:
                        i += 1
                    continue
                outer = (
                    _longer_place_start(ctx, text, toks, keys, caps, i, spans) if cues & _CUE_LONGER_PLACES else None
                )
                if outer is None and _ends_longer_name(ctx, text, toks, caps, i, spans):
                    outer = i - 1
                if outer is not None:
                    # "the Cochin China lowlands", "the Sea of Japan": the known place ends another place's name
                    while spans and spans[-1][1] > toks[outer][0]:
                        spans.pop()
                    start = toks[outer][0]
                    surface = text[start:end]
                    spans.append(_unlinked_place(ctx, start, end, surface, tuple(keys[outer : i + length])))
                    i += length
                    continue
                if form.rank < 2 and cues & _CUE_DIRECTED and _after_direction(text, toks, keys, caps, i, qualifiers):
                    # "South Yemen" is not the Yemen the lists hold: a place of the record, not linked
                    start = toks[i - 1][0]
                    surface = text[start:end]
                    key = tuple(keys[i - 1 : i + length])
                    xml_id = _new_local_person(ctx, surface, key, "place")
                    ctx.add_local(key, _Form(xml_id, "place", (True,) * len(key), None, 2))
                    spans.append((start, end, Node(TAGS["place"], {"ref": f"#{xml_id}"}, [surface]), surface))
                    i += length
                    continue
                entity_id = form.entity_id  # (form may have been read again above: a city of the same name)
                prefixed = _state_prefix_start(ctx.rec, text, start)
                if prefixed != start:
                    state = _prefixed_state(ctx, text[prefixed:start].rstrip(), keys[i : i + length], form)
                    start, surface = prefixed, text[prefixed:end]
                    if state is None:
                        # "DR Ruritania" when North and South Ruritania are listed: which state is unknown
                        spans.append(_unlinked_place(ctx, start, end, surface, (norm(surface),)))
                        i += length
                        continue
                    entity_id = state
                elif entity_id in ctx.rec.dated_places:
                    dated = _dated_place(ctx, tuple(keys[i : i + length]), entity_id, surface, text, start, end)
                    if dated is None:
                        # "Korea" in 1962 where the record names both Korean states: which one is unknown
                        spans.append(_unlinked_place(ctx, start, end, surface, tuple(keys[i : i + length])))
                        i += length
                        continue
                    entity_id = dated
                elif form.rank == 1 and tuple(keys[i : i + length]) in ctx.rec.country_and_city:
                    key = tuple(keys[i : i + length])
                    if not _country_certain(ctx, key, surface):
                        # "Singapore", a state and its city; "Armenia" where the record names Colombia: the
                        # record's own entry, its id the record's (another record may mean the other place)
                        if key not in ctx.unlinked_places:
                            ctx.unlinked_places[key] = _new_local_person(ctx, surface, key, "place", generic=True)
                        spans.append(_unlinked_place(ctx, start, end, surface, key))
                        i += length
                        continue
                if length == 1 and _surname_in_record(ctx, keys[i]):
                    # "Lima" alone where the record names "Hermes Lima": the city, or the person; left for review
                    spans.append(_unlinked_place(ctx, start, end, surface, (keys[i],)))
                    i += length
                    continue
                if (
                    i > 1
                    and keys[i - 1] == "of"
                    and start == toks[i][0]
                    and _state_named_like_country(ctx, text, toks, keys, i, length)
                ):
                    # "the State of Mexico": the federal state named like its country, never the country
                    start = toks[i - 2][0]
                    spans.append(_unlinked_place(ctx, start, end, text[start:end], tuple(keys[i - 2 : i + length])))
                    i += length
                    continue
                if (
                    start == toks[i][0]
                    and cues & _CUE_STATE_OF
                    and _state_of_country(ctx, text, toks, keys, i, length, spans)
                ):
                    start = toks[i - 2][0]  # "the State of Israel": the state's form is part of its name, linked as it
                    surface = text[start:end]
                if (
                    length == 1
                    and i > 0
                    and _after_title(ctx.rec, text, toks, i)
                    and form.exact is None  # "First Deputy DPRK Minister": a state's abbreviation inside a title
                ):
                    # "Mr. Washington", "General Jackson": a title makes the name a person's, not the place
                    entity_id = _new_local_person(ctx, surface, (keys[i - 1], keys[i]))
                    spans.append((start, end, Node(TAGS["person"], {"ref": f"#{entity_id}"}, [surface]), surface))
                    i += length
                    continue
            second = _second_surname_end(ctx, text, toks, keys, i, length) if form.kind == "person" else 0
            if second:
                # "Ernesto GUEVARA SERNA", "Carlos Rafael Rodríguez Rodríguez": the second surname is the
                # listed person's too (one persName, linked as the listed name before it)
                end, surface = second, text[start:second]
                length += 1
            if form.kind == "person" and length == 1 and i > 0 and _woman_addressed(ctx.rec, text, toks, i):
                # "Mrs. Gromyko" is a woman of that name, not the listed man: a person of the record
                entity_id = _new_local_person(ctx, surface, (keys[i - 1], keys[i]))
            spans.append((start, end, Node(TAGS[form.kind], {"ref": f"#{entity_id}"}, [surface]), surface))
            i += length
            continue
        unlisted = _unlisted_span(ctx, text, toks, keys, i, spans, place_keys)
        if unlisted:
            spans.append(unlisted)
            i += 2 if unlisted[1] > toks[i][1] else 1
            continue
        near = _near_miss(ctx, text, toks, i) if len(toks[i][2]) >= 6 else None  # (its first test, without a call)
        if near:
            spans.append(near)
        i += 1
    return spans


_NATIONAL = re.compile(
    rf"^(?:[{UPPER}][{LOWER}]+(?:an|ian|ese|ish|ch|ic|i|ak)|Soviet|SOVIET|[{UPPER}]{{2,}}(?:AN|ESE|AK))$"
)
_DIRECTION = frozenset({"north", "south", "east", "west"})


_OF_BODY = re.compile(rf" of (?:the )?(?P<body>[{UPPER}][\w’'-]*(?: [{UPPER}][\w’'-]*)*)")


def _national_adjective(ctx: _DocContext, word: str) -> bool:
    """Whether `word` has a national adjective's shape (_NATIONAL: "Hungarian", "Iraqi") and is no listed
    place's name: "Hanoi", "Helsinki" end as "Iraqi" does, and name the city a mission sits in."""
    return _NATIONAL.match(word) is not None and not any(f.kind == "place" for f in ctx.forms((norm(word),)))


def _names_another_body(v, word: str) -> bool:
    """Whether a capitalised word right before a generic name qualifies it as another body's:
    an abbreviation ("UNESCO"), a national adjective ("Bulgarian") or a word no dictionary has."""
    if not word[:1].isupper() or norm(word) in _FUNCTION_WORDS:
        return False
    return (word.isupper() and len(word) >= 2) or bool(_NATIONAL.match(word)) or not v.is_common_word(word)


def _english_letterhead(ctx: _DocContext, key: tuple[str, ...]) -> bool:
    """Whether the document's heading (its first lines) prints `key` (a generic variant's folded words) as
    a line of its own in capitals, a letterhead ("DEPARTMENT OF STATE"), in a record written in English (no other
    original language): the body whose paper it is, which the listed generic variant names, in the
    heading and in the record's text (issue #12; TEI 13.3.1)."""
    if any(language.code != "en" for language in ctx.doc.header.original_languages):
        return False
    opening = [t.strip() for t in ctx.texts[:12] if t.strip()][:4]  # the heading's lines (a subject line first)
    return any(line.isupper() and tuple(norm(t) for _, _, t in tokens(line)) == key for line in opening)


def _unsupported_generic(
    ctx: _DocContext, text: str, toks, keys: tuple[str, ...], i: int, length: int, end: int, entity_id: str
) -> _Span | None:
    """A generic variant of a listed organisation ("General Assembly") met at token i, when the
    record does not support the link: a qualifier names another body ("UNESCO General Assembly",
    "General Assembly of the WFTU"), or nothing in the record names the entity or its parent
    ("United Nations", "UN"). Returns the record-local organisation to tag instead (qualifier
    included, not linked: a wrong link is worse than none), or None when the link stands.
    `keys`: the tokens' comparison keys (_token_keys).
    """
    key = keys[i : i + length]
    support = ctx.rec.generic.get(key, {}).get(entity_id)
    if support is None:
        return None
    start = toks[i][0]
    supporting_words = {w for k in support for w in k}
    after = _OF_BODY.match(text, end)
    if i > 0 and text[toks[i - 1][1] : start] == " " and _names_another_body(ctx.rec.names, toks[i - 1][2]):
        start = toks[i - 1][0]
    elif after and not set(_content_key(after["body"])) <= supporting_words:
        end = after.end()
    elif after or any(_all_in(k, ctx.record_words) for k in support):
        return None  # "General Assembly of the United Nations"; "the UN ... the General Assembly"
    elif _english_letterhead(ctx, key):
        return None  # "DEPARTMENT OF STATE" heading an English document: the paper of its own body
    surface = text[start:end]
    found = _record_org(ctx, surface)
    if found is None:
        return None
    local_key, xml_id = found
    if local_key != key:
        ctx.add_local(local_key, _Form(xml_id, "org", tuple(t[0].isupper() for _, _, t in tokens(surface)), None, 2))
    return start, end, Node(TAGS["org"], {"ref": f"#{xml_id}"}, [surface]), surface


_WORD_AFTER_SPACE = re.compile(r" (\w+)")
_MISSIONS_TO_A_BODY = frozenset({"mission", "missions", "delegation", "delegations", "representation"})


def _qualified_org(ctx: _DocContext, text: str, toks, i: int, end: int) -> _Span | None:
    """A listed organisation named with a national adjective in front that its forms do not have
    ("Korean Red Cross", "South Korean Red Cross"): another body, tagged as an organisation of the
    record and not linked to the listed one (a wrong link is worse than none); not before a mission word ("the
    Bulgarian UN mission": the state's mission to the listed body, which stays tagged as itself)."""
    k = i - 1
    if k < 0 or text[toks[k][1] : toks[k + 1][0]] != " " or not _NATIONAL.match(toks[k][2]):
        return None
    if norm(toks[k][2]) in _MONTHS_AND_WEEKDAYS:
        return None  # "the March CPSU plenum": a month in an adjective's shape dates the meeting, no body's word
    after = _WORD_AFTER_SPACE.match(text, end)
    if after and after[1].lower() in _MISSIONS_TO_A_BODY:
        return None  # "the Bulgarian UN mission": the state's mission to the listed body, which is named
    if k >= 1 and norm(toks[k - 1][2]) in _DIRECTION and text[toks[k - 1][1] : toks[k][0]] == " ":
        k -= 1
    start = toks[k][0]
    surface = text[start:end]
    key = tuple(norm(t) for _, _, t in tokens(surface))
    if key in ctx.rec.rejected:
        return None
    ids = {f.entity_id for f in ctx.forms(key) if f.kind == "org"}
    xml_id = ids.pop() if len(ids) == 1 else _new_local_person(ctx, surface, key, "org")
    ctx.add_local(key, _Form(xml_id, "org", tuple(t[0].isupper() for _, _, t in tokens(surface)), None, 2))
    return start, end, Node(TAGS["org"], {"ref": f"#{xml_id}"}, [surface]), surface


_ORG_HEADS = organisation_head_words()  # "party", "committee", "department"… (names.json)
# a state's mission abroad is an organisation when named by the state's adjective ("Hungarian Legation");
# "the Embassy of the DPRK" names the state only (the place inside is tagged; ENCODING.md §6)
_MISSIONS = frozenset({"legation", "embassy", "consulate"})
# a mission named by the state's name rather than its adjective ("GDR Embassy", "USSR Mission"): the state only,
# as "the Embassy of the DPRK" (tests/fixtures/gold/README.md)
_STATE_NAMED_MISSIONS = _MISSIONS | {"mission"}
# "State Council", "State Committee": common words, but a state's organ (the state comes from the record)
_STATE_BODY = re.compile(
    r"^(?:State|STATE|National|NATIONAL|People's|People’s)$"
)  # "People's Militia", "National Assembly"
_ORG_HEAD_WORD = re.compile(
    rf"\b(?:{'|'.join(sorted(_ORG_HEADS | set(heads_after_a_word())))}|union)\b", re.IGNORECASE
)  # (sorted: the same text in every process)
# _ORG_HEAD_WORD tested word by word: a set lookup per word instead of the alternation tried at every
# position (a third of the organisation pass); only while every head word is plain ASCII letters, which
# str.lower() compares as the pattern's IGNORECASE does (else the pattern itself, for every run)
_HEAD_WORDS_PLAIN = all(re.fullmatch("[a-z]+", w) for w in _ORG_HEADS)
# heads only after a word ("General Staff", "Main Staff": names.json heads_after_a_word); "staff" alone names none
_HEADS_AFTER = heads_after_a_word()
# heads only before "of (the)" and a listed place ("Congress of the United States"; names.json heads_before_a_state)
_HEADS_BEFORE_STATE = heads_before_a_state()
_HEAD_WORDS = frozenset(_ORG_HEADS | {"union"} | set(_HEADS_AFTER))
_WORD_RUN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
# a capitalised word, not a function word printed in capitals ("AND", "WITH" in a heading)
# or an abbreviation written with full stops ("C.C.", "R.C.P."): a party's organ or the party itself
_ORG_WORD = rf"(?!(?:AND|WITH|THE|TO|IN|ON|AT|BY|FROM|OF|FOR|AS|OR)\b)[{UPPER}](?:\.(?:[{UPPER}]\.){{1,4}}|[\w’'-]*)"
# words on one line, joined by spaces; groups joined by "of", "for", "of the"
# the first word written out so that the pattern begins with its capital (a fast scan: other positions are
# skipped without trying the rest); the lookbehinds after the capital read the character before it and
# (a lookahead inside) the stop word it may begin; same matches as (?<![\w’'-]){_ORG_WORD}...
_FIRST_ORG_WORD = rf"[{UPPER}](?<![\w’'-][{UPPER}])(?<!(?=(?:AND|WITH|THE|TO|IN|ON|AT|BY|FROM|OF|FOR|AS|OR)\b).)(?:\.(?:[{UPPER}]\.){{1,4}}|[\w’'-]*)"
# "on" joins groups only after a committee or commission: "Committee on Foreign Cultural Relations"
_ON_AFTER_BODY = r"(?:(?<=Committee)|(?<=Commission)|(?<=COMMITTEE)|(?<=COMMISSION))[ ]+(?:on|ON)"
_ORG_RUN = re.compile(
    rf"{_FIRST_ORG_WORD}(?: {_ORG_WORD})*(?:(?:[ ]+(?:of|for|OF|FOR|Of|and)|{_ON_AFTER_BODY})(?:[ ]+(?:the|THE))?[ ]+{_ORG_WORD}(?: {_ORG_WORD})*)*"
)
_AND_REST = re.compile(r"[ ]+and(?:[ ]+(?:the|THE))?[ ]+")
_UNIT_NUMBER = re.compile(r"^(?:[IVX]{1,4}|\d{1,2})$")  # "Division IV", "Department 2"
_CONNECTOR = re.compile(  # ([ ]+: no fast scan for " ")
    rf"(?:[ ][ ]*(?:of|for|OF|FOR|Of|and)|{_ON_AFTER_BODY})(?:[ ]+(?:the|THE))?[ ]+"
)
_ABBREVIATION = re.compile(rf"\s?\((?P<abbr>[{UPPER}][{LETTER_OR_MARK}]{{1,7}})\)")  # "(NLF)", "(MfSÖS)"
_LEADING = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "at",
        "on",
        "from",
        "to",
        "by",
        "with",
        "and",
        "but",
        "as",
        "after",
        "before",
        "during",
        "for",
        "of",
        "this",
        "that",
        "any",
        "every",
        "each",
        "all",
        "some",
        "no",
        "our",
        "your",
        "his",
        "her",
        "their",
        "its",
        "my",
        "whose",
        "which",
        "other",
        "another",
        "both",
        "these",
        "those",
    ]
)


_MONTH_NAMES = frozenset(calendar.month_name[1:])


def _local_body_end(ctx: _DocContext, text: str, start: int, end: int) -> int:
    """Where an organisation's name ends when a place and a head word ("Pyongyang Party") stand before a
    lower-case noun of a local body (names.json local_body_nouns: "organization"): the whole is the
    body, not the party; else `end`."""
    if not text.startswith(ctx.rec.names.local_body_nouns, end):
        return end
    words = text[start:end].split()
    if len(words) != 2 or not any(f.kind == "place" for f in ctx.forms((norm(words[0]),))):
        return end
    noun = next(n for n in ctx.rec.names.local_body_nouns if text.startswith(n, end))
    after = end + len(noun)
    return after if after == len(text) or not text[after].isalnum() else end


# the words of an expansion after an abbreviation that ends a body's name: "the", then capitalised words
# joined by function words ("Presidium of the LCY [the League of the Communists of Yugoslavia]", flattened)
_EXPANSION_AFTER = re.compile(
    rf" (?:the|The) (?P<words>[{UPPER}][\w’'-]*(?: (?:of|the|and|for|in|[{UPPER}][\w’'-]*))*)"
)


def _tail_expansion_end(text: str, start: int, end: int) -> int:
    """Where a body's name ends when an abbreviation closes it after "of (the)" and its expansion follows,
    opening with "the" ("Presidium of the LCY [the League of the Communists of Yugoslavia]", read through the
    translator's brackets): after the expansion, which is part of the one name (TEI 13.2.2; an expansion
    opening with a capital already runs on in the name's words); else `end`. The expansion ends on the
    capitalised word that completes the abbreviation's letters."""
    if end - start < 8 or not text[end - 1].isupper():
        return end
    m = _TAIL_ABBREVIATION.search(text[start:end] + " ")
    after = _EXPANSION_AFTER.match(text, end) if m else None
    if m is None or after is None:
        return end
    words = after["words"].split()
    while words and not words[-1][:1].isupper():
        words.pop()
    for n in range(len(words), 0, -1):  # the shortest run of words whose initials are the abbreviation's
        if (
            words[n - 1][:1].isupper()
            and _initials_hold(m["abbr"], words[:n])
            and not _initials_hold(m["abbr"], words[: n - 1])
        ):
            return after.start("words") + len(" ".join(words[:n]))
    return end


_SEAT_HEADS = seat_head_words()  # "archive", "association": "... in <place>" goes on the name (names.json)
_BODY_TITLES = body_title_words()  # "General" of "General Association": a body's word, not a title
_IN_PLACE = re.compile(rf" (?:in|IN) (?:(?:the|THE) )?(?=[{UPPER}])")
_FORMATIONS = formation_words()  # "group", "fleet": "Group of Soviet Forces" (names.json formation_words)
_STATIONED_AT = re.compile(rf" (?:in|IN|at|AT) (?:(?:the|THE) )?(?=[{UPPER}])")  # a formation's station
_FORCES = frozenset({"forces", "troops"})


def _formation_named(words: list[str]) -> bool:
    """Whether `words` (a body's name) hold a formation word before "of" ("Group of Soviet Forces")."""
    return any(norm(w) in _FORMATIONS and nxt in ("of", "OF") for w, nxt in zip(words, words[1:]))


def _formation_groups(run: str, groups: list[tuple[int, int]], words_of: list[list[str]]) -> list[int]:
    """The groups of a capitalised run (see _org_extent) that end on a formation word and are joined by "of"
    to a group ending on its forces ("Group of Soviet Forces", "Northern Group of Forces"): they begin
    the body's name, as a head word's group does (names.json formation_words)."""
    return [
        k
        for k in range(len(groups) - 1)
        if words_of[k]
        and norm(words_of[k][-1]) in _FORMATIONS
        and run[groups[k][1] : groups[k + 1][0]].strip().lower() in ("of", "of the")
        and norm(words_of[k + 1][-1]) in _FORCES
    ]


def _seat_end(ctx: _DocContext, text: str, start: int, end: int) -> int:
    """Where an institution's name ends when the place it sits in follows after "in" ("STATE CENTRAL
    ARCHIVE IN PRAGUE", "General Association of Korean Residents in Japan"): after the place, which is part
    of the orgName and never a place of its own (TEI 13.2.2: the name as a whole names the body); else
    `end`. Only heads of names.json heads_named_with_seat: a mission or a party in a place ("Hungarian
    Embassy in Pyongyang", "Tudeh Party in Iran") is the body, then the place."""
    seat = _STATIONED_AT.match(text, end)  # (most names: no "in"/"at" after them, nothing more to read)
    if seat is None:
        return end
    words = text[start:end].split()
    if not _formation_named(words) and (
        not any(norm(w) in _SEAT_HEADS for w in words) or seat.group().lstrip()[:2] in ("at", "AT")
    ):
        return end  # a formation is stationed in or at its place; an institution sits in its place
    last = _token_keys(text[start:end])[1][-1:]
    if any(f.kind == "place" for f in ctx.forms(last)):
        return end  # "the Red Cross Society of the DPRK in Pyongyang": the name has its state; "in": where it is
    line_end = text.find("\n", seat.end())
    toks, keys, _caps, _capitalised = _token_keys(text[seat.end() : line_end if line_end >= 0 else len(text)])
    for n in range(min(len(toks), 6), 0, -1):  # the longest listed place there ("in Rodong Sinmun": a paper)
        if any(f.kind == "place" for f in ctx.forms(keys[:n])):
            length = toks[n - 1][1]
            if not text[seat.end() + length : seat.end() + length + 1].isalnum():
                return seat.end() + length
            break
    return end


_DOCUMENT_NOUNS = document_nouns()  # "incoming", "telegram" (names.json document_nouns)
_BODY_RANKS = body_ranks()  # "department" 1, "ministry" 2, "party" 3 (names.json body_ranks)
_TOP_RANK = max(_BODY_RANKS.values(), default=0)  # a party, a front, a government: no state's organ


def _body_rank(words: list[str]) -> int:
    """The rank of the first head word among `words` that names.json body_ranks lists ("Department of
    X Affairs": a unit, 1; "Central Committee": 2; "Communist Party of China": 3), 0 when none does."""
    for w in words:
        rank = _BODY_RANKS.get(_head_key(w), 0)
        if rank:
            return rank
    return 0


def _hierarchy_end(ctx: _DocContext, text: str, start: int, end: int) -> int:
    """Where a body's name ends when it is printed as a comma-joined hierarchy, its smallest unit first
    ("Department of X Affairs, Ministry of Foreign Affairs"; "International Liaison Department, Central
    Committee, Communist Party of Y"): after the last part whose head ranks higher than the part before it
    (names.json body_ranks), each part a body's name from its first word (a generic organ's, "Central
    Committee", too); the whole names the one unit, and no body inside it is a mention of its own (TEI
    13.2.2). Else `end`: a list of bodies of one rank, or a title or a person after the comma, ends it."""
    if not text.startswith(", ", end):
        return end
    rank = _body_rank(text[start:end].split())
    v = ctx.rec.names
    while rank and text.startswith(", ", end):
        run = _ORG_RUN.match(text, end + 2)
        if run is None:
            break
        found = _org_extent(ctx, text, run.start(), run.end())
        if found is None:
            words = text[run.start() : run.end()].split()
            if len(words) < 2 or not all(norm(w) in v.organ_words for w in words):
                break  # not a body's name ("Director", "Zhou Enlai")
            found = run.start(), run.end()  # "Central Committee": a generic organ, here of the body that follows
        if found[0] != run.start():
            break  # a title or a function word first: no part of a name
        higher = _body_rank(text[found[0] : found[1]].split())
        if higher <= rank:
            break
        rank, end = higher, found[1]
    return end


def _organ_and_state(organ_keys: dict[tuple[str, ...], str], key: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """The readings of a body's key as a state organ and a state: (organ, the state's key) for "<organ> of
    (the) <state>", "<organ> <state>" ("MFA USSR") and "<state> <organ>" ("USSR MFA"); none when no
    organ's name (names.json state_organs) begins or ends the key."""
    out = []
    for n in range(1, min(len(key), 5)):
        organ = organ_keys.get(key[:n])
        if organ:
            rest = key[n:]
            rest = rest[1:] if rest[:1] == ("of",) else rest
            rest = rest[1:] if rest[:1] == ("the",) else rest
            if rest:
                out.append((organ, rest))
        organ = organ_keys.get(key[-n:])
        if organ:
            out.append((organ, key[:-n]))
    return out


def _state_organ_id(ctx: _DocContext, key: tuple[str, ...]) -> str | None:
    """The listed organ a body's name pairing an organ every state has with a listed state names ("MOFA
    of the USSR", "Foreign Ministry of the PR China": the entry whose own name pairs the same organ with
    the same state); None when no reading or more than one entry fits (a wrong link is worse than none)."""
    rec = ctx.rec
    found: set[str] = set()
    for organ, state in _organ_and_state(rec.organ_keys, key):
        place = _state_id(ctx, state)
        found |= rec.state_organs.get((organ, place), frozenset()) if place else frozenset()
    return found.pop() if len(found) == 1 else None


def _owned_organ_id(ctx: _DocContext, key: tuple[str, ...]) -> str | None:
    """The listed organ a body's name pairs with its own state by "of|in (the)" ("Supreme People's Assembly
    of North Korea": spa-dprk, whose forms name the DPRK; EntityRecognizer._organ_owners), else None: one
    organisation, the state inside its name (issue #12; TEI P5 13.2.1)."""
    for k in range(1, len(key) - 1):
        if key[k] not in ("of", "in"):
            continue
        ids = {f.entity_id for f in ctx.forms(key[:k]) if f.kind == "org"}
        if len(ids) != 1:
            continue
        owner = ctx.rec.organ_owners.get(next(iter(ids)))
        rest = key[k + 2 :] if key[k + 1] == "the" else key[k + 1 :]
        if owner is not None and rest and _state_id(ctx, rest) == owner:
            return ids.pop()
    return None


def _state_id(ctx: _DocContext, state: tuple[str, ...]) -> str | None:
    """The listed place a state's key names: its own forms when one place has them, else a state prefix
    and a listed country ("pr", "china": _prefixed_state); None otherwise."""
    ids = {f.entity_id for f in ctx.forms(state) if f.kind == "place"}
    if len(ids) == 1:
        return ids.pop()
    for prefix in ctx.rec.names.state_prefixes:
        pkey = tuple(norm(t) for _, _, t in tokens(prefix))
        country = state[len(pkey) :]
        if state[: len(pkey)] != pkey or not country:
            continue
        forms = [f for f in ctx.forms(country) if f.kind == "place"]
        if len({f.entity_id for f in forms}) == 1:
            return _prefixed_state(ctx, prefix, country, forms[0])
    return None


def _org_key(surface: str) -> tuple[str, ...]:
    """An organisation's comparison key: its tokens' keys, a unit's number in front kept whole ("7th
    Territorial Department" and "8th Territorial Department" are two units; the tokens lose the digits)."""
    key = tuple(norm(t) for _, _, t in tokens(surface))
    if surface[:1].isdigit() and key:
        key = (surface.split(" ", 1)[0].casefold(), *key[1:])  # "7th": the token read only "th"
    return key


_SPELLINGS = spelling_variants()  # "labour" -> "labor" (names.json spelling_variants)


def _spelled_alike(key: tuple[str, ...]) -> tuple[str, ...]:
    """An organisation's key with each word in the one spelling names.json spelling_variants gives it
    ("labour party" -> "labor party"); `key` itself when no word has another spelling."""
    return tuple(_SPELLINGS.get(w, w) for w in key) if any(w in _SPELLINGS for w in key) else key


def _has_head_word(text: str, start: int, end: int) -> bool:
    """_ORG_HEAD_WORD.search(text, start, end) is not None: a head word (any case) as a whole word of
    text[start:end] (end counts as a word's end, as for the pattern)."""
    if start and _WORD_CHAR.match(text, start - 1):
        return _head_word_between(text, start, end)  # a word goes on before `start`: the text decides
    return _holds_head_word(text[start:end])


@lru_cache(maxsize=8192)
def _holds_head_word(run: str) -> bool:
    """_has_head_word of the whole of `run`, remembered: the organisation pass asks it of every capitalised
    run ("He", "The Soviet Union"), and a record repeats its runs; after a non-word character (or at the
    text's start) a run's answer is the same in any text."""
    return _head_word_between(run, 0, len(run))


def _head_word_between(text: str, start: int, end: int) -> bool:
    """_has_head_word, read from the text."""
    if not _HEAD_WORDS_PLAIN:
        return _ORG_HEAD_WORD.search(text, start, end) is not None
    for m in _WORD_RUN.finditer(text, start, end):
        word = m.group()
        # an ASCII word: lower() is the pattern's case folding; another (a letter folding to an ASCII
        # one: "ſ", the Kelvin sign) is left to the pattern
        if not ((word.lower() in _HEAD_WORDS) if word.isascii() else _ORG_HEAD_WORD.fullmatch(word)):
            continue
        if m.start() == start and start and _WORD_CHAR.match(text, start - 1):
            continue  # the word goes on before `start`: no word boundary there
        return True
    return False


def _org_spans(ctx: _DocContext, text: str, keep: Callable[[int, int], bool] | None = None) -> list[_Span]:
    """Organisations by shape: capitalised words around a head word ("Romanian Workers' Party", "Council of
    Ministers", "Central Committee of the Workers' Party of Korea"); a place inside stays inside the orgName.
    An abbreviation defined right after ("... Liberation Front (NLF)") names the same organisation later.
    `keep`: given a name's start and end, whether it is one (else neither tagged nor learnt)."""
    spans: list[_Span] = []
    if not _text_kinds(text) & _ORG_HEAD:
        return spans
    # a run with no head word has no part with one (a part's ends are a run's end or a space): left
    # before it is split (most capitalised runs name no body)
    runs = _case_runs(text, (m for m in _ORG_RUN.finditer(text) if _has_head_word(text, m.start(), m.end())))
    while runs:
        run_start, run_end = runs.pop(0)
        if not _has_head_word(text, run_start, run_end):
            continue
        run_end = _end_before_hyphened_place(ctx, text, run_start, run_end)
        run_start = _after_meeting_of(text, run_start, run_end)  # "the Party Congress of the Communist Party of India"
        if " on " in text[run_start:run_end] or " ON " in text[run_start:run_end]:
            run_end = _end_before_on_other(ctx, text, run_start, run_end)
        found = _org_extent(ctx, text, run_start, run_end)
        if not found:
            rest = _AND_REST.search(text, run_start, run_end)
            found = _head_joined_by_and(ctx, text, run_start, run_end, rest) if rest else None
            if not found:
                if rest:
                    runs.insert(0, (rest.end(), run_end))  # "the Foreign Ministry and the Intelligence Department …"
                continue
        start, end = found
        first_end = text.find(" ", start, end)
        if first_end > 0 and text[start:first_end] in _MONTH_NAMES:
            start = first_end + 1  # "the December KWP CC Plenum": the month dates the meeting, no body's name
        elif first_end > 0 and text[start].isupper() and _NUMBERED_MEETING.match(text, start):
            start = first_end + 1  # "the VIII CC PUWP Plenum": the number counts the meetings, no body's name
        elif first_end > 0 and text[start:first_end] in ctx.rec.names.file_words:
            start = first_end + 1  # "Copy [Chinese] Central Committee": the file's word, no word of the body's name
        if first_end > 0 and start == first_end + 1 and text[start:end] in ctx.rec.names.organ_abbreviations:
            continue  # "the March CC session": an organ every party has, alone; no body of the record
        if text.startswith(" ", end) and end < len(text) - 3:
            end = _org_continuation_end(
                ctx, text, start, end
            )  # "... Department Number Two", "... with Foreign Countries"
        end = _local_body_end(ctx, text, start, end)
        end = _seat_end(ctx, text, start, end)
        end = _tail_expansion_end(text, start, end)
        joined = _hierarchy_end(ctx, text, start, end)
        if joined > end:
            end = run_end = joined
            while runs and runs[0][0] < end:
                runs.pop(0)  # the hierarchy's higher bodies: parts of this name
        rest = _AND_REST.match(text, end, run_end)
        if rest:
            runs.insert(0, (rest.end(), run_end))  # "the Central Committee and the Politburo": the second body
        elif norm(text[start:end].rsplit(" ", 1)[-1]) in _PLURAL_REGION_NOUNS and " and " in text[start:end]:
            rest = _OF_REST.match(text, end, run_end)  # "... and the European Socialist Countries of the DRV MFA"
            if rest:
                runs.insert(0, (rest.end(), run_end))  # the body the unit belongs to: a mention of its own
        if _UNIT_NUMBER.fullmatch(text[start:end].split()[-1]) and end + 1 < run_end:
            runs.insert(0, (end + 1, run_end))  # the body after a numbered unit ("... IV Korean Branch")
        surface = text[start:end]
        if keep is not None and not keep(start, end):
            continue
        key = _org_key(surface)
        if key in ctx.rec.rejected:
            continue  # an editor rejected this form
        if any(f.kind in ("place", "person") for f in ctx.forms(key)):
            continue  # a listed place or person of that exact form ("Soviet Union") is not an organisation
        ids = {f.entity_id for f in ctx.forms(key) if f.kind == "org"}
        spelled = _spelled_alike(key)
        if not ids and spelled != key:  # "Albanian Labour Party" after "ALBANIAN LABOR PARTY": the record's body
            ids = {f.entity_id for f in ctx.forms(spelled) if f.kind == "org" and f.entity_id in ctx.local_entries}
        xml_id = ids.pop() if len(ids) == 1 else None
        repeated = _abbreviation_with_its_head(ctx, surface, key) if xml_id is None and not ids else None
        if repeated is not None:
            end, xml_id = start + len(surface.split()[0]), repeated
            spans.append((start, end, Node(TAGS["org"], {"ref": f"#{xml_id}"}, [text[start:end]]), text[start:end]))
            continue
        own = _own_ministry_id(ctx, key, text, start, end) if xml_id is None and not ids else None
        if own is not None:  # the record's own ministry, here only: learnt for no other mention of the record
            spans.append((start, end, Node(TAGS["org"], {"ref": f"#{own}"}, [surface]), surface))
            continue
        if xml_id is None and not ids:
            xml_id = (
                _state_organ_id(ctx, key)
                or _owned_organ_id(ctx, key)
                or _new_local_person(ctx, " ".join(surface.split()), key, "org")
            )
            caps = tuple(t[0].isupper() for _, _, t in tokens(surface))
            ctx.add_local(key, _Form(xml_id, "org", caps, None, 2))
            if spelled != key and xml_id in ctx.local_entries:
                ctx.add_local(spelled, _Form(xml_id, "org", caps, None, 2))  # the body's other spelling
        node = Node(TAGS["org"], {"ref": f"#{xml_id}"} if xml_id else {}, [surface])
        spans.append((start, end, node, surface))
        abbr = _ABBREVIATION.match(text, end)
        if abbr and xml_id:
            word = abbr.group("abbr")
            if {f.entity_id for f in ctx.forms((norm(word),))} - {xml_id}:
                continue  # "Politburo of the WPE Committee (WPE)": the abbreviation is another body's
            if not ctx.forms((norm(word),)):
                ctx.add_local((norm(word),), _Form(xml_id, "org", (True,), word, 2))
            a, b = abbr.span("abbr")
            spans.append((a, b, Node(TAGS["org"], {"ref": f"#{xml_id}"}, [word]), word))
    return _units_at_their_body(ctx, text, spans) if len(spans) > 1 else spans


_CONTINUATIONS = body_name_continuations()
_NUMBER_WORDS = _CONTINUATIONS["number_words"]
_CONTINUATION_CUES = tuple(f" {w} " for w in sorted(_NUMBER_WORDS)) + (" with ", " in ", " – ", " — ", " - ")
_UNIT_NUMBER_AFTER = re.compile(r" (?P<word>\S+) (?P<number>\d{1,2}|[IVX]{1,4}|[A-Z][a-z]+)(?![\w’'-])")
_PARTNER_OR_SEAT_AFTER = re.compile(rf" (?P<join>with|in)(?: the)? (?P<words>[{UPPER}][\w’'-]*(?: [{UPPER}][\w’'-]*)*)")
_DASH_SUBTITLE = re.compile(rf" [–—-] [{UPPER}][\w’'-]*(?: [{UPPER}][\w’'-]*){{0,3}}(?=[ ]?[;,.]|[ ]*$)")
_TASK_JOIN = re.compile(r" (?:for|on|FOR|ON) [A-Z]")


def _org_continuation_end(ctx: _DocContext, text: str, start: int, end: int) -> int:
    """Where a body's name found by its shape (text[start:end]) ends when it goes on past its last head word
    (names.json body_name_continuations; a place inside is part of the orgName, TEI 13.2.2):

    - a unit's head word, a number word and a numeral ("Asian Affairs Department Number Two");
    - a unit its ordinal names, a dash and a subtitle of capitalised words up to the item's end ("First
      Direction – Relations;");
    - a word of dealings, "with" and the capitalised words of the partner ("General Bureau for Economic
      Relations with Foreign Countries");
    - a body named by its task ("for"/"on" and capitalised words), "in (the)" and the state or legislature it
      works in ("Commission for Control and Supervision in Laos", "Committee on Foreign Relations in the
      Senate"): never a mission or a party in a place ("the Embassy in Hanoi"), which names no task.

    Each reading is tried only when its joining word follows the name (a few characters' test). Returns the
    new end, or `end`."""
    if not any(text.startswith(cue, end) for cue in _CONTINUATION_CUES):
        return end
    surface = text[start:end]
    last = _head_key(surface.rsplit(" ", 1)[-1])
    m = _UNIT_NUMBER_AFTER.match(text, end)
    if m and m["word"] in _NUMBER_WORDS and last in _ORG_HEADS:
        number = m["number"]
        if number[0].isdigit() or number in _CONTINUATIONS["numerals"] or _UNIT_NUMBER.match(number):
            return m.end()
        return end
    if text.startswith((" – ", " — ", " - "), end):
        first = _head_key(surface.split(" ", 1)[0])
        dash = _DASH_SUBTITLE.match(text, end) if first in _CONTINUATIONS["ordinals"] else None
        return dash.end() if dash else end
    m = _PARTNER_OR_SEAT_AFTER.match(text, end)
    if m is None:
        return end
    if m["join"] == "with":
        return m.end() if last in _CONTINUATIONS["with_after"] else end
    if not _TASK_JOIN.search(surface):
        return end  # "the Soviet Embassy in Hanoi": a body in a place, the place its own mention
    words = m["words"]
    if " " not in words and _head_key(words) in _CONTINUATIONS["legislatures"]:
        return m.end()  # "... in the Senate"
    place = _place_at(ctx, words)
    if place == len(words):
        keys = tuple(norm(t) for _, _, t in tokens(words))
        if any(f.kind == "place" and _is_state(ctx, f.entity_id) for f in ctx.forms(keys)):
            return m.end()  # "... in Vietnam"
    return end


_MONTHS_AND_WEEKDAYS = frozenset(
    norm(w) for w in (*_MONTH_NAMES, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
)


_ON_JOIN = re.compile(_ON_AFTER_BODY)


def _end_before_on_other(ctx: _DocContext, text: str, start: int, end: int) -> int:
    """Where a capitalised run that "on" joins after a committee or commission (_ON_AFTER_BODY) ends: at
    the end when the words after "on" up to the next joining word are dictionary words, the subject of a
    named committee ("Committee on Foreign Cultural Relations"); else before "on" ("the Central Committee on
    Monday", "the Commission on Laos", "... on Kim": a day, a place or a person the body spoke of)."""
    m = _ON_JOIN.search(text, start, end)
    if m is None:
        return end
    rest = text[m.end() : end].split()
    subject = []
    for word in rest:
        if word in ("of", "for", "and", "OF", "FOR", "Of"):
            break
        subject.append(word)
    v = ctx.rec.names
    if subject and all(
        v.is_common_word(w) and norm(w) not in _MONTHS_AND_WEEKDAYS and not ctx.forms((norm(w),)) for w in subject
    ):
        return end
    return m.start()


def _end_before_hyphened_place(ctx: _DocContext, text: str, start: int, end: int) -> int:
    """Where a capitalised run from `start` to `end` ends when a hyphen joins a body's name to the place
    that ends the run ("GENERAL ASSEMBLY OF THE UNITED NATIONS-NEW YORK", a heading's "Body-City"): at the
    hyphen, so that the body is named whole and the place is no part of it; else `end`. The words before
    the hyphen must hold a head word and the words after it be one listed place ("Sino-Soviet", "the
    Korea-Japan Society" are untouched)."""
    at = text.find("-", start, end)
    while at > start:
        if text[at - 1 : at].isalpha() and text[at + 1 : at + 2].isupper() and _has_head_word(text, start, at):
            _toks, keys, _caps, _capitalised = _token_keys(text[at + 1 : end])
            if any(f.kind == "place" for f in ctx.forms(keys)):
                return at
        at = text.find("-", at + 1, end)
    return end


def _abbreviation_with_its_head(ctx: _DocContext, surface: str, key: tuple[str, ...]) -> str | None:
    """The listed body a name of two words names when it is the body's abbreviation followed by the head
    word the abbreviation's last letter stands for ("IOC Committee": the International Olympic Committee,
    its last word said twice): the entry's id, so that the abbreviation is tagged and linked alone; None
    otherwise ("UN Commission", "KWP Committee": a body of that body, another entity)."""
    words = surface.split()
    if len(words) != 2 or not _ACRONYM.match(words[0]) or words[1][:1] != words[0][-1]:
        return None
    ids = {f.entity_id for f in ctx.forms(key[:1]) if f.kind == "org"}
    if len(ids) != 1 or any(f.kind != "org" for f in ctx.forms(key[:1])):
        return None
    entry = ctx.rec.entries.get(next(iter(ids)))
    names = (entry.name, *entry.variants) if entry is not None else ()
    full = [n for n in names if len(n.split()) >= 2 and n.split()[-1][:1] == words[1][:1]]
    return entry.xml_id if entry is not None and any(_org_key(n)[-1:] == key[1:] for n in full) else None


def _head_joined_by_and(
    ctx: _DocContext, text: str, run_start: int, run_end: int, rest: re.Match
) -> tuple[int, int] | None:
    """The extent of one body's name whose first word, a head word by itself, is joined by a bare "and"
    to the words of its head ("Organization and Guidance Department", also after "Director of": one
    department, not an organisation and a department), or None."""
    if rest.group() != " and ":
        return None
    before = text[run_start : rest.start()]
    words = before.split()
    while words and norm(words[0]) in _LEADING:
        words = words[1:]  # "the Organization and …"; after a title and "of": "Director of Organization and …"
    if len(words) != 1 and not (len(words) > 2 and norm(words[-2]) in ("of", "for")):
        return None
    if norm(words[-1]) not in _ORG_HEADS:
        return None
    words = words[-1:]
    after = _org_extent(ctx, text, rest.end(), run_end)
    if after is None or after[0] != rest.end():
        return None
    return rest.start() - len(words[0]), after[1]


_MEETING_HEADS = numbered_meeting_words()
_MEETING_HEAD_STEMS = tuple(dict.fromkeys(w[1:6] for w in _MEETING_HEADS))  # "ongre", "lenum"


def _may_name_meeting(ctx: _DocContext, text: str) -> bool:
    """Whether `text` may hold a numbered meeting's head word: substring tests of their inner letters, in a
    record whose text holds one (tested once per record: most hold none)."""
    if ctx.meeting_words is None:
        flat = _flat(ctx)
        ctx.meeting_words = any(stem in flat for stem in _MEETING_HEAD_STEMS)
    return ctx.meeting_words and any(stem in text for stem in _MEETING_HEAD_STEMS)


_ROMAN = re.compile(r"(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})")
_MEETING_ORDINALS = "|".join(
    sorted({w.capitalize() for w in ORDINAL_WORDS} | {w.upper() for w in ORDINAL_WORDS}, key=len, reverse=True)
)
# the number ("20th", "XXII", "IV.", "XXth", "Twentieth"), up to three capitalised words or a bracketed gloss
# ("Party", "[CPSU] Party", "KWP CC"), the head word
_NUMBERED_MEETING = re.compile(
    rf"(?<![\w.’'-])(?P<num>\d{{1,2}}(?:st|nd|rd|th)|(?P<roman>[IVXL]{{1,7}})(?:th|\.)?|{_MEETING_ORDINALS})"
    rf"(?P<mid>(?: \[[^\[\]\n]{{1,60}}\]| [{UPPER}][\w’'.-]*){{0,3}}) "
    rf"(?P<head>{'|'.join(sorted(map(re.escape, _MEETING_HEADS), key=len, reverse=True))})(?![\w’'-])"
)
_MIDDLE_GENERIC = frozenset({"party", "cc", "central", "committee", "extraordinary", "plenary", "regular"})
# "Party Congress of (the)", "Party Plenum of": a party's meeting named before the party itself (names.json
# numbered_meetings), no word of the party's name; what follows "of (the)" is the party
_PARTY_MEETING_OF = re.compile(
    rf"Party (?:{'|'.join(sorted(map(re.escape, _MEETING_HEADS), key=len, reverse=True))}) of (?:the )?(?=[{UPPER}])"
)
_OF_THE_BODY = re.compile(rf" of (?:the )?(?=[{UPPER}])")


def _after_meeting_of(text: str, start: int, end: int) -> int:
    """Where the body's name begins in a capitalised run from `start` to `end` that opens with a party's
    meeting and "of (the)" ("Party Congress of the Communist Party of India", "Tenth Party Congress of the
    Communist Party of Chile": names.json numbered_meetings): the meeting is no word of the body's name,
    and a run read whole as one name found none, leaving the state inside it to be linked as a place;
    `start` when the run opens otherwise (TEI 13.2.2: the orgName is the party's)."""
    if text.startswith(("The ", "THE "), start):
        start += 4  # a sentence's first word, capitalised: "The Party Congress of the ..."
        if _after_meeting_of(text, start, end) == start:
            return start - 4
    if not text[start : start + 1].isupper():
        return start
    meeting = _PARTY_MEETING_OF.match(text, start, end)
    if meeting:
        return meeting.end()
    numbered = _NUMBERED_MEETING.match(text, start, end) if "Party " in text[start:end] else None
    if numbered and (roman := numbered["roman"]) is not None and not _ROMAN.fullmatch(roman):
        numbered = None
    if numbered and " party" in numbered["mid"].lower():
        body = _OF_THE_BODY.match(text, numbered.end(), end)
        if body:
            return body.end()
    return start


_ORGAN_ABBREVIATIONS = vocabulary().organ_abbreviations  # "CC" of "CC PUWP" (names.json organ_abbreviations)


def _outside_meetings(text: str, spans: list[_Span]) -> list[_Span]:
    """`spans` without those that begin inside a numbered meeting's name ("the 20th Congress of the CPSU",
    "XXII [CPSU] Party Congress", "the IV Plenum"; names.json numbered_meetings): a meeting is an event,
    no organisation (TEI 13.2; the annotators' reading), and its number and head word are no body's name
    ("XXII [CPSU] Party" is no party). What the meeting names inside stays: the party or organ between the
    number and the head word ("CPSU"), unless its name holds a generic word ("CPSU Party"), and the body
    after "of (the)", which begins after the head word. A party's organ by its abbreviation beside the
    party's ("VIII CC PUWP Plenum", "3rd KWP CC Plenum"; names.json organ_abbreviations) is that organ,
    named inside: its "CC" is no generic word of the meeting's name."""
    meetings = []
    for m in _NUMBERED_MEETING.finditer(text):
        if m["roman"] and not _ROMAN.fullmatch(m["roman"]):
            continue  # capitals that are no Roman numeral
        if any(w.islower() for w in m["mid"].split() if not w.startswith("[")):
            continue
        meetings.append((m.start(), m.end(), m.start("mid"), m.end("mid")))
    if not meetings:
        return spans
    kept = []
    for span in spans:
        start, end = span[0], span[1]
        inside = next(((a, b, ma, mb) for a, b, ma, mb in meetings if a <= start < b), None)
        if inside is None:
            kept.append(span)
            continue
        _, _, ma, mb = inside
        printed = [w.strip("[]") for w in text[start:end].split()]
        generic = {norm(w) for w in printed} & _MIDDLE_GENERIC
        # "CC PUWP", "KWP CC": an organ's abbreviation and one word no generic word
        organ = len(printed) == 2 and len(generic) == 1 and any(w in _ORGAN_ABBREVIATIONS for w in printed)
        if ma <= start and end <= mb and (not generic or organ):
            kept.append(span)  # "[CPSU]" of "XXII [CPSU] Party Congress": the party, named inside
    return kept


_AT_BODY = (" at the ", " AT THE ")


def _units_at_their_body(ctx: _DocContext, text: str, spans: list[_Span]) -> list[_Span]:
    """A numbered unit and the body it belongs to, joined by "at the" ("Second Department at the Ministry
    of Foreign Affairs"), are one organisation's name: one orgName, an organisation of the record (the
    unit, not the body; TEI 13.2.2), never two."""
    out: list[_Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and text[prev[1] : span[0]] in _AT_BODY
            and norm(text[prev[0] : prev[1]].rsplit(" ", 1)[-1]) in _NUMBERED_UNITS
        ):
            surface = text[prev[0] : span[1]]
            found = _record_org(ctx, surface)
            if found is not None:
                key, xml_id = found
                if not ctx.local.get(key):
                    ctx.add_local(
                        key, _Form(xml_id, "org", tuple(t[0].isupper() for _, _, t in tokens(surface)), None, 2)
                    )
                out[-1] = (prev[0], span[1], Node(TAGS["org"], {"ref": f"#{xml_id}"}, [surface]), surface)
                continue
        out.append(span)
    return out


# a state's mission named by its adjective or its listed name, the mission word in any case ("Hungarian
# embassy", "GDR Embassy", "SOVIET EMBASSY"); "the Embassy of the DPRK" names the state only (ENCODING.md §6)
# (the capital first, then the look-back at the character before it: the scan skips to capitals fast; same
# matches as (?<![\w’'-])[{UPPER}]...)
_LOWER_CASE_BODIES = lower_case_bodies_after_a_state()  # "communist party" of "the Iraqi communist party"
_MISSION = re.compile(
    rf"(?P<state>[{UPPER}](?<![\w’'-][{UPPER}])[\w’'-]*) (?:[Ee]mbassy|[Ll]egation|[Cc]onsulate|EMBASSY|LEGATION"
    r"|CONSULATE|foreign ministry|FOREIGN MINISTRY|Delegation|DELEGATION|Mission|MISSION"
    rf"|{'|'.join(map(re.escape, _LOWER_CASE_BODIES))})(?![\w’'-])"
    # ("Foreign Ministry" capitalised: the org pass's; "the Chinese delegation" in lower case is no name)
)


# a direction before a state's adjective ("North Korean", "South Vietnamese"): part of the state's name
_DIRECTION_BEFORE = re.compile(r"(?<![\w’'-])(?:North|South|East|West|NORTH|SOUTH|EAST|WEST) $")


def _shortest_prefixes(words: Iterable[str]) -> tuple[str, ...]:
    """The words no other of them begins ("editor" of "editor", "editors", "editorial"), sorted: what a
    substring pretest needs to search for."""
    distinct = set(words)
    return tuple(sorted(w for w in distinct if not any(o != w and w.startswith(o) for o in distinct)))


# a paper's name after its kind or its editors: "the newspaper Pravda", "the Chinese newspaper The Red Flag",
# "the editorial board of Hoc Tap" (names.json paper_cues)
_PAPER_CUES = paper_cues()
_PAPER = re.compile(
    rf"\b(?:{'|'.join(re.escape(c) for c in _PAPER_CUES)}) (?:the )?"
    rf"(?P<name>(?:The )?[{UPPER}][\w’'-]*(?: [{UPPER}][\w’'-]*){{0,3}})"
)
_PAPER_CUE_WORDS = _shortest_prefixes(c.split()[0] for c in _PAPER_CUES)  # a cheap pretest: substring searches


def _named_papers(ctx: _DocContext, text: str) -> list[_Span]:
    """A newspaper or magazine named right after the word for it ("the newspaper The Red Flag",
    "the weekly Trybuna"): the listed paper of that name, else an organisation of the record,
    unlinked (TEI 13.2.2). The name ends before a title word; a name that begins with a person's or
    place's known name ("the newspaper Kim Il Sung praised") is left to the name pass."""
    v = ctx.rec.names
    spans: list[_Span] = []
    for m in _PAPER.finditer(text):
        words = m.group("name").split()
        cut = next((k for k, w in enumerate(words) if v.is_title_word(w)), len(words))
        words = [w.rstrip("’'") for w in words[:cut]]
        if not words or words == ["The"]:
            continue
        first = norm(words[1] if words[0] == "The" and len(words) > 1 else words[0])
        if any(f.kind != "org" for f in ctx.forms((first,))) or first in v.given or first in v.east_asian_family:
            continue
        surface = " ".join(words)
        start = m.start("name")
        key = tuple(norm(t) for _, _, t in tokens(surface))
        listed = {f.entity_id for f in ctx.forms(key) if f.kind == "org"}
        if len(listed) == 1:
            xml_id = listed.pop()
        else:
            found = _record_org(ctx, surface)
            if found is None:
                continue
            xml_id = found[1]
            ctx.add_local(key, _Form(xml_id, "org", tuple(t[:1].isupper() for t in words), None, 2))
            if key[0] == "the" and len(key) > 1:  # "Red Flag" later names the same paper
                ctx.add_local(key[1:], _Form(xml_id, "org", (True,) * (len(key) - 1), None, 2))
        spans.append((start, start + len(surface), Node(TAGS["org"], {"ref": f"#{xml_id}"}, [surface]), surface))
    return spans


# a person's body in brackets after the name: "Deputy Speaker Sai-hu (of Nahdlatul Ulama)"
_AFFILIATION = re.compile(rf"\(of (?P<name>[{UPPER}][\w’'-]+(?: [{UPPER}][\w’'-]+){{1,3}})\)")


def _affiliations(ctx: _DocContext, text: str) -> list[_Span]:
    """A body no list holds named in brackets after "of", as a person's affiliation is ("(of Nahdlatul
    Ulama)", a party's name in its own language): an organisation of the record, unlinked (TEI 13.2.2), when
    its two to four capitalised words are no dictionary word, title or name the lists know (a listed place or
    person, a given or family name first: "(of Le Duan)", "(of Kuala Lumpur)" keep their readings)."""
    v = ctx.rec.names
    spans: list[_Span] = []
    for m in _AFFILIATION.finditer(text):
        surface = m.group("name")
        words = surface.split()
        keys = tuple(norm(w) for w in words)
        if ctx.forms(keys) or any(ctx.forms((k,)) for k in keys) or keys in ctx.rec.rejected:
            continue
        if keys[0] in v.given or keys[0] in v.east_asian_family or keys[0] in v.vietnamese_family:
            continue
        if any(v.is_common_word(w) or v.is_title_word(w) for w in words):
            continue
        span = _record_org_span(ctx, text, m.start("name"), m.end("name"))
        if span is not None:
            spans.append(span)
    return spans


def _may_name_a_mission(text: str) -> bool:
    """A cheap pretest: substring searches (on a long paragraph far faster than a regex alternation,
    and written out: a generator's overhead is more than the searches on a short string)."""
    return (
        "mbass" in text
        or "egation" in text
        or "onsulate" in text
        or (" party" in text and any(body in text for body in _LOWER_CASE_BODIES))  # "the Iraqi communist party"
        or "MBASS" in text
        or "EGATION" in text
        or "ONSULATE" in text
        or "n ministry" in text
        or "N MINISTRY" in text
        or "Mission" in text
        or "MISSION" in text
    )


def _mission_spans(ctx: _DocContext, text: str) -> list[_Span]:
    """A state's mission abroad named by the state's adjective or listed name ("Soviet embassy",
    "GDR Embassy", "the Brazilian Delegation", "the Cuban Mission"): an organisation of the record, or the listed one of that exact form. The state
    word must be a national adjective or a listed place's abbreviation ("the Hungarian embassy", not
    "the new embassy"); "Romanian embassies" are several bodies, no name. TEI Guidelines 13.2.2 (organizational names)."""
    spans: list[_Span] = []
    if not _may_name_a_mission(text):
        return spans
    for m in _MISSION.finditer(text):
        state = m.group("state")
        if not _national_adjective(ctx, state):
            if not (state.isupper() and _place_at(ctx, state) == len(state)):
                continue  # a state's adjective or abbreviation; "Pyongyang embassy", "Hanoi Embassy" name the city
            if norm(text[m.end("state") + 1 : m.end()]) in _STATE_NAMED_MISSIONS:
                continue  # "GDR Embassy": a mission named by the state's name names the state only (the place)
        if text.startswith(" IN ", m.end()):
            continue  # a heading "USSR EMBASSY IN THE DPRK": where its name ends is not certain, the places stay
        start = m.start()
        direction = _DIRECTION_BEFORE.search(text, max(0, start - 7), start) if _NATIONAL.match(state) else None
        if direction is not None:
            start = direction.start()  # "the North Korean foreign ministry": the direction is the state's
        surface = text[start : m.end()]
        key = tuple(norm(t) for _, _, t in tokens(surface))
        if key in ctx.rec.rejected or any(f.kind in ("place", "person") for f in ctx.forms(key)):
            continue
        ids = {f.entity_id for f in ctx.forms(key) if f.kind == "org"}
        if len(ids) > 1:
            continue  # two listed bodies of that form: left unlinked and untagged rather than guessed
        xml_id = ids.pop() if ids else _new_local_person(ctx, surface, key, "org")
        if not ctx.forms(key):
            ctx.add_local(key, _Form(xml_id, "org", tuple(t[0].isupper() for _, _, t in tokens(surface)), None, 2))
        spans.append((start, m.end(), Node(TAGS["org"], {"ref": f"#{xml_id}"}, [surface]), surface))
    return spans


# "the ICC", "The TCP": an abbreviation no list holds, after the article, in running text (not a heading)
# (a literal first: the scan skips fast to each "he "; the "t"/"T" before it is tested on a match)
_THE_ABBREVIATION = re.compile(r"he (?P<abbr>[A-Z]{3,6})(?![\w’'-])(?! [A-Z]{2})")
_THE_BEFORE = re.compile(r"(?<![\w’'-])[Tt]")
# "from DOSAAF", "of UNESCO": a longer abbreviation said as a word, after a preposition without an article
_PREPOSITION_ABBREVIATION = re.compile(
    r"(?<![\w’'-])(?:from|of|to|by|for|at|in|into) (?P<abbr>[A-Z]{4,7})(?![\w’'-])(?! [A-Z]{2})"
)
# a state's abbreviation: a state prefix's letters first ("PRK", "DRV", "NRB"), "R" (Republic) first or last
# ("RVN", "BSSR"): a place, which a pattern cannot tell from a body's
_STATE_SHAPE = re.compile(rf"^(?:{'|'.join(_STATE_INITIALS)}|R)|R$")


def _body_abbreviation(ctx: _DocContext, word: str) -> bool:
    """Whether an abbreviation no list holds may be read as a body's name by its place in a sentence: not a
    state's shape (_STATE_SHAPE), an organ every state or party has ("MFA", "CC": generic), a person's
    name printed in capitals ("KIM", a surname's ending), a number, a month, a dictionary word ("END") or an
    abbreviation of no body (names.json not_body_abbreviations: "DMZ", "POW")."""
    v = ctx.rec.names
    key = norm(word)
    return not (
        _STATE_SHAPE.search(word)
        or _ROMAN_NUMBER.fullmatch(word)
        or (key,) in ctx.rec.organ_keys
        or word in v.organ_abbreviations
        or word in _NOT_BODY_ABBREVIATIONS
        or key in v.given
        or key in v.east_asian_family
        or key.endswith(v.surname_endings)
        or word.capitalize() in _MONTH_NAMES
        or (key,) in ctx.rec.rejected
        or v.is_common_word(word)
    )


def _abbreviated_orgs(ctx: _DocContext, text: str) -> list[_Span]:
    """Abbreviations no list holds after "the" ("the TCP", "the ICC"), longer ones after a preposition
    without an article ("a general from DOSAAF"), and those names.json body_abbreviations lists wherever
    printed ("/KKM Comrade R."): organisations of the record, not linked (an abbreviation
    may name another body elsewhere), learnt for the record's later uses. Left alone: a state's shape ("the
    NRB"), some state's or party's organ ("the MFA"), and others _body_abbreviation names; one the record's
    lists or rules already know keeps its reading. TEI 13.2.2 (organizational names)."""
    spans: list[_Span] = []
    learnt: dict[str, str] = {}  # abbreviation -> its entry, learnt from this text
    matches = list(_THE_ABBREVIATION.finditer(text)) if "he " in text else []
    if _PREPOSITION_ABBREVIATION_CUE.search(text):
        matches = sorted(matches + list(_PREPOSITION_ABBREVIATION.finditer(text)), key=lambda m: m.start("abbr"))
    # "/KKM Comrade R.": names.json body_abbreviations (a regex scan only where one is printed)
    listed = list(_LISTED_BODY_ABBREVIATION.finditer(text)) if _may_hold_listed_abbreviation(text) else []
    if listed:
        matches = sorted({m.start("abbr"): m for m in matches + listed}.values(), key=lambda m: m.start("abbr"))
    for m in matches:
        if m.re is _THE_ABBREVIATION and (m.start() == 0 or not _THE_BEFORE.match(text, m.start() - 1)):
            continue  # "the ICC", not "She ICC" nor "Athe ..."
        word = m.group("abbr")
        key = (norm(word),)
        if word in learnt:
            spans.append((m.start("abbr"), m.end(), Node(TAGS["org"], {"ref": f"#{learnt[word]}"}, [word]), word))
            continue
        if ctx.forms(key) or _UNIT_NUMBER.match(word) or not _body_abbreviation(ctx, word):
            continue
        xml_id = _new_local_person(ctx, word, key, "org", generic=True)
        ctx.add_local(key, _Form(xml_id, "org", (True,), word, 2))
        learnt[word] = xml_id
        spans.append((m.start("abbr"), m.end(), Node(TAGS["org"], {"ref": f"#{xml_id}"}, [word]), word))
    return spans


_PREPOSITION_ABBREVIATION_CUE = re.compile(r" [A-Z]{4}")
_BODY_ABBREVIATIONS = body_abbreviations()
_LISTED_BODY_ABBREVIATION = re.compile(
    rf"(?<![\w’'-])(?P<abbr>{'|'.join(map(re.escape, _BODY_ABBREVIATIONS))})(?![\w’'-])"
)


def _may_hold_listed_abbreviation(text: str) -> bool:
    """A cheap pretest for _LISTED_BODY_ABBREVIATION (names.json body_abbreviations): substring searches,
    far faster than the pattern's scan, which tries its lookbehind at every position of the text."""
    return any(word in text for word in _BODY_ABBREVIATIONS)


_ROMAN_NUMBER = re.compile(r"L?X{0,3}(?:IX|IV|V?I{0,3})|XL|XC|C{1,3}(?:X{0,3}(?:IX|IV|V?I{0,3}))")  # "XXII"; not "ICC"
_NOT_BODY_ABBREVIATIONS = not_body_abbreviations()  # a cheap pretest: four capitals after a space


# (the first capital, then what may not stand before it: the scan skips other positions fast, as _AFTER_BOUNDARY)
_CAPS_WORD_THEN_MIXED = re.compile(rf"[{UPPER}](?<![\w’'-][{UPPER}])[{UPPER}]{{5,}}(?= [{UPPER}][{LOWER}])")


def _case_runs(text: str, matches) -> list[tuple[int, int]]:
    """Capitalised runs, split where a heading in capitals gives way to ordinary words
    ("MINISTRY OF FOREIGN AFFAIRS Regional Division IV")."""
    if _CAPS_WORD_THEN_MIXED.search(text) is None:
        # no such heading anywhere in the text: none inside a run either (a match inside a run's bounds is one
        # in the whole text: the lookbehind reads the same characters, the lookahead no more), so no run is cut
        return [(m.start(), m.end()) for m in matches]
    runs = []
    for m in matches:
        start = m.start()
        for cut in _CAPS_WORD_THEN_MIXED.finditer(text, m.start(), m.end()):
            runs.append((start, cut.end()))
            start = cut.end() + 1
        runs.append((start, m.end()))
    return runs


# a word's possessive ending (the words of a run are split at spaces: an endswith test, not a regex per word)
_APOSTROPHE_S = ("'s", "’s")


@lru_cache(maxsize=16384)
def _head_key(word: str) -> str:
    """A word of a capitalised run as the organisation rules compare it with head words and ranks: its
    possessive ending dropped, folded (norm), its full stops removed ("C.C." is "cc"). Remembered by the
    word (the same in every record; the runs of a record repeat their words)."""
    return norm(word[:-2] if word.endswith(_APOSTROPHE_S) else word).replace(".", "")


def _head_alone(word: str) -> bool:
    """What _org_extent's has_head gives for `word` alone: a head word by itself ("Committee", "C.C."),
    "Forces" not ("the Armed Forces" alone is generic; a head only after another word)."""
    key = _head_key(word)
    return key in _ORG_HEADS and key != "forces"


def _org_extent(ctx: _DocContext, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The organisation inside a capitalised run, or None: titles and function words in front are dropped,
    the run ends after a place that follows "of" ("... of Korea" in "Party of Korea Kim Il Sung")."""
    v = ctx.rec.names
    run = text[start:end]
    groups: list[tuple[int, int]] = []  # spans of the capitalised groups, relative to run
    joined_by_and: list[bool] = [False]  # per group: whether "and" joins it to the group before
    pos = 0
    for c in _CONNECTOR.finditer(run):
        groups.append((pos, c.start()))
        joined_by_and.append(c.group(0).split()[0] == "and")
        pos = c.end()
    groups.append((pos, len(run)))
    words_of = [run[a:b].split() for a, b in groups]

    def has_head(words: list[str], followed: bool = False, group: int = -1) -> bool:
        """A head word among `words`; "Union" is one after "Youth", "Trade"… or before "of" ("Union of
        Young Communists"; `followed`: the group is followed by "of"); "Congress" before "of" and a
        listed place ends group number `group` ("Congress of the United States")."""
        for k, w in enumerate(words):
            f = _head_key(w)  # "C.C." is "cc"
            if f == "forces":
                if any(norm(x) != "armed" for x in words[:k]):
                    return True  # "Revolutionary Armed Forces"; "the Armed Forces of ..." alone is generic
                continue
            if f in _ORG_HEADS or (k and f in _HEADS_AFTER and norm(words[k - 1]) in _HEADS_AFTER[f]):
                return True  # "General Staff": a head after its word
            if f in _HEADS_BEFORE_STATE and k == len(words) - 1 and _state_after(group):
                return True  # "Congress of the United States": a legislature named by its state
            if f == "union" and (
                (k + 1 < len(words) and words[k + 1] in ("of", "OF")) or (followed and k == len(words) - 1)
            ):
                return True
        return False

    def _state_after(k: int) -> bool:
        """Whether "of (the)" and a listed place, nothing more, follow group number `k`."""
        if not 0 <= k < len(groups) - 1 or joined_by_and[k + 1]:
            return False
        if not run[groups[k][1] : groups[k + 1][0]].lstrip().lower().startswith("of"):
            return False
        after = run[groups[k + 1][0] : groups[k + 1][1]]
        keys = tuple(norm(t) for _, _, t in tokens(after))
        return any(f.kind == "place" for f in ctx.forms(keys))

    # whether each group holds a head (asked again of each group the loop below reads: read once here)
    headed = [has_head(ws, k + 1 < len(groups), k) for k, ws in enumerate(words_of)]
    heads = [k for k, head in enumerate(headed) if head]
    if len(groups) > 1:
        formations = _formation_groups(run, groups, words_of)  # "Group of Soviet Forces" (rare)
        if formations:
            heads = sorted({*heads, *formations})  # (heads: in order already, each once)
    if not heads:
        return None
    first = heads[0]  # what comes before the first head's group is a role or a person ("Chairman of the ...")
    if (
        first
        and run[groups[first - 1][1] : groups[first][0]] == " and "
        and _qualifier_before_and(ctx, words_of[first - 1])
    ):
        first -= 1  # "Near and Middle East Department": one name; "the IOC and the Olympic Committee": two
        joined_by_and[first + 1] = False
        qualified = first  # a place in front of this group's words is part of the name ("Wuhan Iron and Steel Company")
    else:
        qualified = -1
    a = groups[first][0]
    words = words_of[first]
    for k in range(len(words) - 1):  # "The Central Committee", "DPRK's Supreme People's Assembly"
        w = words[k]
        possessive_place = w.endswith(_APOSTROPHE_S) and _place_at(ctx, w[:-2])
        title = v.is_title_word(w) or _title_phrase(v, w, words[k + 1])  # "First" of "First Secretary CC"
        if title and w in _BODY_TITLES and (_head_alone(words[k + 1]) or has_head(words[k : k + 2])):
            break  # "General Association", "General Council": the body's first word, not a title before it
        if _head_alone(w) or not (norm(w) in _LEADING or title or possessive_place):
            break
        a = run.index(words[k + 1], a + len(w))
    b = groups[first][0]
    caps = words[-1].isupper()
    for k in range(first, len(groups)):
        ws = words_of[k]
        tail_a, tail_b = groups[k]
        if k > first and joined_by_and[k] and not _and_continues(ctx, words_of, k, first):
            break  # "the Central Committee and the Politburo": two bodies (the first one's group begins the name)
        if k > first and joined_by_and[k] and k == len(groups) - 1 and _numbered_unit_after(text, end):
            break  # "... and the Trade 3rd Department": the words begin the next body, a numbered unit
        # (the qualified group's answer may change: "and" no longer joins the group after it, which
        # _state_after reads)
        if headed[k] if k != qualified else has_head(ws, k + 1 < len(groups), k):
            # the last word that is a head by itself; a head of several words ("Women's Union") ends the group
            end_word = next((j for j in range(len(ws) - 1, -1, -1) if _head_alone(ws[j])), len(ws) - 1)
            numbered = (
                next((j for j in range(1, end_word) if _UNIT_NUMBER.match(ws[j]) and _head_alone(ws[j - 1])), 0)
                if end_word > 1
                else 0
            )
            end_word = numbered or end_word  # "Regional Division IV Korean Branch": a numbered unit ends there
            if end_word + 1 < len(ws) and ws[end_word].isupper() and _ACRONYM.match(ws[end_word + 1]):
                end_word += 1  # "CC BCP": an abbreviated organ, then its party's abbreviation
            if end_word + 1 < len(ws) and ws[end_word] in ctx.rec.link_rules.org_part_nouns:
                end_word = _unit_name_end(ctx, ws, end_word)  # "Department Far East", "Department XX"
            b = tail_a
            for j in range(end_word + 1):
                b = run.index(ws[j], b) + len(ws[j])
            if end_word < len(ws) - 1:
                break  # "Korean Workers' Party KIM Deok-hyeon ...": the organisation ends on its head
            continue
        place = _place_at(ctx, run[tail_a:tail_b])
        if not place and k == len(groups) - 1 and all(_NATIONAL.match(w) for w in ws):
            break  # "Executive Committee of the Uruguayan government": the adjective qualifies a word outside
        if place and k != qualified:  # "... of Korea", "... of the Soviet Union", then no more
            b = tail_a + place
            if place == tail_b - tail_a and _places_joined_in_unit(ctx, words_of, joined_by_and, k, first):
                b = groups[k + 1][1]  # "Department of the USSR and the European Socialist Countries": one unit
            break
        if k > first and len(ws) == 1 and f"{ws[0]} of" in v.state_prefixes and k + 1 < len(groups):
            place = _place_at(ctx, run[groups[k + 1][0] : groups[k + 1][1]])
            if place and not joined_by_and[k + 1]:
                b = groups[k + 1][0] + place  # "Armed Forces of PR of Bulgaria": the state's prefix, then the state
                break
        if k > first and len(ws) > 1 and ws[0] in v.state_prefixes:
            rest = run.index(ws[1], tail_a)
            place = _place_at(ctx, run[rest:tail_b])
            if place:
                b = rest + place  # "Armed Forces of PR Bulgaria"
                break
        if k > first and _ACRONYM.match(ws[0].replace(".", "")) and not joined_by_and[k]:
            b = run.index(ws[0], tail_a) + len(ws[0])
            break  # "Central Committee of the BKP", "State Council of the NRB": the party's or state's abbreviation
        same = 0
        # a title after "of" is a person's ("... of Organization Kim"), but "Council of Ministers" is an organ
        while (
            same < len(ws)
            and not (v.is_title_word(ws[same]) and not ws[same].lower().endswith("s"))
            and not _starts_person(v, ws[same:])
            and ws[same].isupper() == caps
            and norm(ws[same]) not in _DOCUMENT_NOUNS  # "... of Foreign Affairs Incoming Telegram": a heading
        ):
            same += 1
        office = same
        after_the = k > first and run[groups[k - 1][1] : tail_a].endswith((" the ", " THE "))
        while after_the and office < len(ws) and v.is_title_word(ws[office]) and all(map(v.is_common_word, ws[:same])):
            office += 1  # "Office of the Prime Minister", "Secretariat of the President": the office is the body's
        if office > same and not joined_by_and[k]:
            b = run.index(ws[office - 1], tail_a) + len(ws[office - 1])
            break  # a person named after the title is not part of it
        if same:  # up to a title, or to where a heading's capitals give way to a line of text
            b = run.index(ws[same - 1], tail_a) + len(ws[same - 1])
        if same < len(ws):
            break

    b = a + len(_POSSESSIVE.sub("", run[a:b]))  # "Thai Communist Party’s armed forces"
    if b == len(run) and _UNIT_NUMBER.match(run[a:b].rsplit(" ", 1)[-1]):
        code = _UNIT_CODE.match(text, start + b)
        b += code.end() - code.start() if code else 0  # "Main Department XX/AGA": the unit's code whole
    result = (start + a, start + b)
    span_words = text[result[0] : result[1]].split()
    if not has_head(span_words) and not has_head(words_of[first], False, first):
        return None
    if text[result[0] - 1 : result[0]] == " " and text[result[0] - 2 : result[0] - 1] in _ORDINAL_ENDS:
        ordinal = _ORDINAL_BEFORE.search(text, max(0, result[0] - 8), result[0])
        first_head = next((norm(w) for w in span_words if norm(w) in _ORG_HEADS), "")
        if ordinal and first_head in _NUMBERED_UNITS:
            # "7th Territorial Department", "III. Political Department of ...", "5th Department": numbered; the
            # body's words before the number belong to it ("Foreign Affairs 5th Department")
            return _body_words_before(ctx, text, ordinal.start()), result[1]
    if len(span_words) < 2:
        return None  # "the Politburo", "Secretariat": an organ of a body the name does not say (generic)
    span_keys = [norm(w) for w in span_words]  # (each read by several tests below)
    if "works" in span_keys and any(
        key == "works" and k and span_keys[k - 1] in _WORKS_BOOK_WORDS for k, key in enumerate(span_keys)
    ):
        return None  # "the Collected Works of Lenin": a book's title, no production unit (names.json)
    if span_keys[-1] == "works" and all(v.is_common_word(w) for w in span_words[:-1]):
        return None  # "Minister of Communications and Works", "Public Works": a portfolio; a unit has a name
    if span_keys[-1] in _PRODUCTION_UNITS and _begins_with_person(ctx, span_words[:-1]):
        return None  # "the Lenin Shipyard", "Stalin Steelworks": the place named after the person (names.json)
    if not _MISSIONS.isdisjoint(span_keys):
        return result if len(span_words) == 2 and _national_adjective(ctx, span_words[0]) else None
    if (
        len(span_words) == 2
        and all(v.is_common_word(w) for w in span_words)
        and all(key in v.organ_words for key in span_keys)
        and not _STATE_BODY.match(span_words[0])
        and not _NATIONAL.match(span_words[0])  # "Korean Branch", "Hungarian Ministry": a state's body
        and not _place_at(ctx, span_words[0])  # "China Section" of a ministry ("china" is a word too)
    ):
        # "the Foreign Ministry", "the Central Committee", "Political Bureau": generic unless a listed form
        # (ENCODING.md §6: a generic phrase is tagged only when linked to an authority entry); only the words of
        # organs every state or party has (names.json generic_organs): "Military Academy", "Neutral Commission",
        # "Protocol Department" are bodies of their own
        return None
    return result


_NUMBERED_UNIT_AFTER = re.compile(r" (?:\d{1,2}(?:st|nd|rd|th)|[IVX]{1,4}\.) (?P<unit>[A-Za-z]+)")


def _numbered_unit_after(text: str, at: int) -> bool:
    """Whether a unit's number and a numbered unit's head word follow position `at` (" 3rd Department")."""
    m = _NUMBERED_UNIT_AFTER.match(text, at)
    return m is not None and norm(m["unit"]) in _NUMBERED_UNITS


_CAPITALISED_WORDS_BEFORE = re.compile(rf"(?<![\w’'-])(?:[{UPPER}][\w’'-]* ){{1,3}}$")


def _body_words_before(ctx: _DocContext, text: str, at: int) -> int:
    """Where a numbered unit's name begins when capitalised words of its body stand right before its
    number ("Foreign Affairs 5th Department"): at the first of them, leading function words ("The") left
    out; `at` when a title, a name of another kind or nothing stands there."""
    m = _CAPITALISED_WORDS_BEFORE.search(text, max(0, at - 40), at)
    if m is None:
        return at
    words = m.group().split()
    start = m.start()
    while words and norm(words[0]) in _LEADING:
        start += len(words[0]) + 1
        words = words[1:]
    v = ctx.rec.names
    if not words or any(v.is_title_word(w) or any(f.kind != "org" for f in ctx.forms((norm(w),))) for w in words):
        return at
    return start


# a unit's number before its name: "2nd", "7th", "III." (a spelled one, "Third", is a word of the run)
_ORDINAL_BEFORE = re.compile(r"(?<![\w.])(?:\d{1,2}(?:st|nd|rd|th)|[IVX]{1,4}\.) $")
_ORDINAL_ENDS = frozenset("tdh.")  # the last character of every _ORDINAL_BEFORE: a cheap test first
# heads of the units a ministry or a party's apparatus numbers
_NUMBERED_UNITS = frozenset({"department", "division", "section", "directorate", "bureau", "office", "branch"})
_UNIT_CODE = re.compile(r"/[A-Z]{2,6}\b")  # "/AGA" of "Main Department XX/AGA"


def _unit_name_end(ctx: _DocContext, ws: list[str], at: int) -> int:
    """The last word of a unit's name whose part noun is word `at` of a group (data/gazetteer.json
    org_part_nouns): the whole group when the words after it are one listed place ("Department Far
    East", "Department FRG" of a ministry), the number after it ("Department XX"); else `at`."""
    rest = " ".join(ws[at + 1 :])
    if _place_at(ctx, rest) == len(rest):
        return len(ws) - 1
    return at + 1 if _UNIT_NUMBER.match(ws[at + 1]) else at


# an abbreviation: two to six capitals ("BKP", "NRB", "CPSU"), not a Roman number ("XXII")
_ACRONYM = re.compile(rf"(?![IVXLC]+$)[{UPPER}]{{2,6}}$")


_TITLE_PHRASES: dict[int, frozenset[str]] = {}  # id of a vocabulary -> its titles of two words or more, folded


def _title_phrase(v, word: str, following: str) -> bool:
    """Whether `word` begins a title of two words with `following` ("First" + "Secretary")."""
    phrases = _TITLE_PHRASES.get(id(v))
    if phrases is None:
        phrases = _TITLE_PHRASES[id(v)] = frozenset(
            " ".join(fold(t).split()[:2]) for t in (*v.ranks, *v.roles, *v.honorifics) if " " in t
        )
    return f"{fold(word)} {fold(following)}" in phrases


def _and_continues(ctx: _DocContext, words_of: list[list[str]], k: int, first: int) -> bool:
    """Whether "and" before group k joins two parts of one name ("Ministry for State and Public
    Security", "Department of American and Oceanic Affairs"): it follows a part after the head's group,
    and neither part holds a head word, a title, a place or a person's name ("the Council of Ministers
    and the Politburo" are two bodies)."""
    v = ctx.rec.names
    if k - 1 <= first:
        return False
    for ws in (words_of[k - 1], words_of[k]):
        if any(
            norm(_POSSESSIVE.sub("", w)) in _ORG_HEADS or norm(w) == "union" or v.is_title_word(w) for w in ws
        ) or _starts_person(v, ws):
            return False
    return not _place_at(ctx, " ".join(words_of[k]))


def _begins_with_person(ctx: _DocContext, words: list[str]) -> bool:
    """Whether `words` begin with a listed or learnt person's form ("Lenin", "Kim Il Sung")."""
    keys = tuple(norm(w) for w in words)
    return any(f.kind == "person" for n in range(1, min(len(keys), 3) + 1) for f in ctx.forms(keys[:n]))


def _places_joined_in_unit(
    ctx: _DocContext, words_of: list[list[str]], joined_by_and: list[bool], k: int, first: int
) -> bool:
    """Whether "and" joins to place group k, the last group of a unit's name ("Department", "Section",
    "Desk": gazetteer.json org_part_nouns) after "of", another place or a group of states ending in a plural
    region noun (names.json plural_region_nouns: "the European Socialist Countries"): the unit's name takes
    both ("Department of the USSR and the European Socialist Countries", "Section of China and Korea"); a
    head word, title or person's name after "and" begins another mention (TEI 13.2.2)."""
    if k + 1 >= len(words_of) or not joined_by_and[k + 1] or k != first + 1:
        return False
    if words_of[first][-1] not in ctx.rec.link_rules.org_part_nouns:
        return False
    after = words_of[k + 1]
    v = ctx.rec.names
    if any(norm(w) in _ORG_HEADS or v.is_title_word(w) for w in after) or _starts_person(v, after):
        return False
    return norm(after[-1]) in _PLURAL_REGION_NOUNS or _place_at(ctx, " ".join(after)) == len(" ".join(after))


_PLURAL_REGION_NOUNS = plural_region_nouns()  # "countries", "states" (names.json)
_OF_REST = re.compile(r" (?:of|OF)(?: the| THE)? ")


def _qualifier_before_and(ctx: _DocContext, words: list[str]) -> bool:
    """Whether the words before a bare "and" qualify the head after it ("Near" of "Near and Middle East
    Department"): no head word, title, person's name or listed body among them, no place alone (a place
    and more words qualify: "Wuhan Iron and Steel Company"), no article but in front."""
    v = ctx.rec.names
    while words and norm(words[0]) in _LEADING:
        words = words[1:]  # "the" of "the Near and Middle East Department"
    if not words or any(
        norm(w) in _LEADING or norm(_POSSESSIVE.sub("", w)) in _ORG_HEADS or v.is_title_word(w) for w in words
    ):
        return False
    # a place in front qualifies too when more words follow it ("Wuhan Iron and Steel Company"), never a place alone
    joined = " ".join(words)
    return not _starts_person(v, words) and _place_at(ctx, joined) != len(joined)


def _starts_person(v, words: list[str]) -> bool:
    """Whether a person's name begins these capitalised words: an East Asian family name with its
    syllables ("Ha Van Lau"), or a given name and a surname ("Ivan Kozlov"). An organisation's name
    stops before it ("Ministry of Foreign Affairs Ha Van Lau" is a ministry, then a person)."""
    if len(words) < 2:
        return False
    first = norm(words[0])
    if first in v.east_asian_family:
        return any(east_asian_shape(words[:n]) for n in (3, 2) if len(words) >= n)
    return first in v.given and words[1][:1].isupper() and not v.is_common_word(words[1])


def _place_at(ctx: _DocContext, group: str) -> int:
    """Length of a listed place (or organisation) form at the start of `group`, else of the whole group if
    it is one capitalised abbreviation or word ("USSR", "Korea"); 0 when none."""
    toks, keys, _caps, _capitalised = _token_keys(group)  # (keys: the tokens' norm, made once per string)
    for n in range(len(toks), 0, -1):
        if any(f.kind in ("place", "org") for f in ctx.forms(keys[:n])):
            return toks[n - 1][1]
    return 0


def _contiguous(text: str, toks, i: int, length: int) -> bool:
    for k in range(i, i + length - 1):
        gap = text[toks[k][1] : toks[k + 1][0]]
        if gap == " ":
            continue  # (most gaps) one space: what the tests below give for it
        if gap == ", " and k == i and all(len(t[2].rstrip(".")) <= 2 for t in toks[k + 1 : i + length]):
            continue  # an inverted name: "Kozlov, F. R."
        if gap == ", " and k == i and length == 2 and norm(toks[k + 1][2]) in vocabulary().given:
            continue  # an inverted name, the given name written out: "Eskandary, Iradj"
        if (
            gap == ", "
            and k == i + 1
            and length == 3
            and toks[k][2].isupper()
            and toks[i][2].isupper()
            and toks[i][2].lower() in vocabulary().particles
        ):
            continue  # an Arabic surname in capitals with its particle, the given name after: "EL HAZAA, Achmed"
        if (
            gap == ", "
            and k == i
            and length == 2
            and "-" in toks[k + 1][2]
            and east_asian_shape([toks[k][2], toks[k + 1][2]])
        ):
            continue  # an East Asian name, the given name after a comma: "Pak, Tong-Jin"
        if gap in ("'", "’") and toks[k + 1][2] == "s":
            continue  # a possessive inside a name: "Democratic People's Republic of Korea"
        if gap == ". " and toks[k][2] in _ABBREVIATED_GIVEN:
            continue  # a given name abbreviated: "St. KIRYLUK" (names.json abbreviated_given_names)
        if gap not in (" ", "") and not (gap.isspace() and len(gap) <= 2):
            return False
        if gap == "" and not toks[k][2].endswith("."):
            return False
    return True


def _longest_form(
    ctx: _DocContext, text: str, toks, keys: tuple[str, ...], caps: tuple[bool, ...], i: int, lengths: tuple[int, ...]
):
    """(length, form) of the longest listed or learnt form at token i that fits the text, else None;
    `lengths`: the lengths of the learnt and listed forms that begin with that word, longest first."""
    limit = len(toks) - i
    local, listed = ctx.local, ctx.rec.lexicon
    for length in lengths:
        if length > limit:
            continue
        # ctx.forms(key) without the call (this runs at most capitalised words): dict lookups, cheaper
        # than the spacing test; a single word has no spacing to test
        key = keys[i : i + length]
        learnt, known = local.get(key), listed.get(key)
        if learnt and known:
            forms = learnt if key in ctx.overruled else learnt + known
        else:
            forms = learnt or known or []
        if not forms or (length > 1 and not _contiguous(text, toks, i, length)):
            continue
        surface = text[toks[i][0] : toks[i + length - 1][1]]
        shape = caps[i : i + length]
        # every word capitalised (most names), or the surface in capitals: any form's capitals fit
        any_caps_fit = all(shape) or surface.isupper()
        if len(forms) == 1:  # (most words: one form) what the list and _choose below give for it, without them
            f = forms[0]
            if f.exact == surface if f.exact else (any_caps_fit or all(t or not c for t, c in zip(shape, f.caps))):
                return length, f
            continue
        # capitalised wherever the form is (a headline may capitalise more: "Rude Pravo" for "Rudé právo")
        fitting = [
            f
            for f in forms
            if (f.exact == surface if f.exact else (any_caps_fit or all(t or not c for t, c in zip(shape, f.caps))))
        ]
        choice = _choose(ctx, fitting)
        if choice:
            return length, choice
    return None


def _geonames_place(entry: AuthorityEntry, by_id: dict[str, Place]) -> Place | None:
    """The gazetteer's place of an entry's GeoNames id, if it has one the gazetteer holds."""
    return next((by_id[value] for kind, value in entry.idnos if kind == "geonames" and value in by_id), None)


def _choose(ctx: _DocContext, forms: list[_Form]) -> _Form | None:
    if len(forms) < 2:
        return forms[0] if forms else None  # (most words: one form) what the rest gives for one form
    best_rank = min(f.rank for f in forms)
    forms = [f for f in forms if f.rank == best_rank or f.rank == 2]
    ids = {f.entity_id for f in forms}
    if len(ids) == 1:
        return forms[0]
    seen = [f for f in forms if f.entity_id in ctx.seen]  # an ambiguous short form: the one already named
    if len({f.entity_id for f in seen}) == 1:
        return seen[0]
    learnt = [f for f in forms if f.rank == 2 and f.kind == "person"]
    if (
        best_rank == 1
        and len({f.entity_id for f in learnt}) == 1
        and all(f.kind == "place" for f in forms if f.rank == 1)
    ):
        return learnt[0]  # "Yao" of the record's Yao Guang, not the gazetteer's town (_learn_local_names)
    return None


_SURNAME_ENDINGS = ("s", "es")  # the plural English prints on a surname ("the Kennedys")


NEAR_SURNAMES_KEPT = 50_000  # words whose close surnames a recogniser remembers (then it starts again)


def _close_surnames(rec: EntityRecognizer, key: str) -> list[tuple[float, str]]:
    """(score, surname) of the listed surnames within 80 points of `key` (rapidfuzz ratio) and at most two
    letters longer or shorter, best first; candidates within 5 points of the 85 threshold are enough to
    decide (best, and a close second). Remembered per word by the recogniser: the answer depends on the
    word and the lists alone, and the same words recur across a corpus's records."""
    scored = rec.near_surnames.get(key)
    if scored is None:
        found = process.extract(key, rec.surname_list, scorer=fuzz.ratio, score_cutoff=80, limit=None)
        scored = sorted(((score, s) for s, score, _ in found if abs(len(s) - len(key)) <= 2), reverse=True)
        if len(rec.near_surnames) >= NEAR_SURNAMES_KEPT:
            rec.near_surnames.clear()
        rec.near_surnames[key] = scored
    return scored


def _listed_stems(rec: EntityRecognizer, key: str) -> tuple[str, ...]:
    """The listed surnames of five letters or more that `key` extends by one to three letters
    (`khrushcheva` → `khrushchev`): a woman's form or an inflection of that surname."""
    return tuple(key[:n] for n in range(max(5, len(key) - 3), len(key)) if key[:n] in rec.surnames)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _names_a_listed_person(ctx: _DocContext, word: str, other_than: set[str]) -> bool:
    """Whether `word` alone is a listed surname of a person other than those in `other_than`."""
    people = ctx.rec.surnames.get(norm(word), ())
    return bool(people) and not set(people) & set(other_than)


def _near_miss(ctx: _DocContext, text: str, toks, i: int):
    """A misspelt surname mid-sentence ("asks Kuydryavstev to"), linked with choice/sic/corr."""
    start, end, word = toks[i]
    if len(word) < 6 or norm(word) in _NOT_NAMES or word.isupper():
        return None
    k = start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    if k < 0 or text[k] in '.!?:"“':
        return None  # sentence-initial capitals prove nothing
    if (
        i > 0
        and not text[toks[i - 1][1] : start].strip()
        and _capitalised(toks[i - 1][2])
        and fold(toks[i - 1][2]) not in ctx.rec.names.titles_folded
    ):
        # after a capitalised word (`Lydia Gromyko`, `Nina Khrushcheva`): another person's given name and
        # surname, not a listed surname misspelt; unless that word is a title (`Comrade Kudryavstev`)
        return None
    key = norm(word)
    if key not in ctx.rec.surnames and ctx.rec.names.is_common_word(word):
        return None  # "Party, Government and Nation": a dictionary word is no listed surname misspelt (Nasution)
    if _listed_stems(ctx.rec, key):
        return None  # a listed surname with letters added (`Khrushcheva`, a woman's form; an inflection)
    if any(key.endswith(ending) and key[: -len(ending)] in ctx.rec.surnames for ending in _SURNAME_ENDINGS):
        return None  # "the Kennedys" is the family, an inflected name and no misspelling of "Kennedy"
    spelt = ctx.rec.names.listed_spelling(key)
    if spelt is not None and len(ctx.rec.surnames.get(spelt, ())) == 1:
        # "Podgornii" is how another transliteration writes Podgorny: the listed person, no correction
        return start, end, Node(TAGS["person"], {"ref": f"#{next(iter(ctx.rec.surnames[spelt]))}"}, [word]), None
    if key in ctx.rec.surnames:
        # the listed spelling itself: nothing to correct. Left by the rules before a capitalised word (a
        # longer name?); when that word is another listed person's name (`with Tsedenbal Ulanfu announced`)
        # they are two people, and the surname names its one listed person
        ids = ctx.rec.surnames[key]
        if len(ids) == 1 and i + 1 < len(toks) and _names_a_listed_person(ctx, toks[i + 1][2], ids):
            return start, end, Node(TAGS["person"], {"ref": f"#{next(iter(ids))}"}, [word]), None
        return None
    scored = _close_surnames(ctx.rec, key)
    if not scored or scored[0][0] < 85:
        return None
    best_score, best = scored[0]
    ids = ctx.rec.surnames[best]
    if len(ids) != 1 or (len(scored) > 1 and scored[1][0] > best_score - 5 and ctx.rec.surnames[scored[1][1]] != ids):
        return None
    xml_id = next(iter(ids))
    entry = ctx.entry(xml_id)
    correct = next((t for _, _, t in tokens(" ".join((entry.name, *entry.variants))) if norm(t) == best), best.title())
    # the misspelling is not a name form of the entity (form None)
    choice = Node("choice", {}, [Node("sic", {}, [word]), Node("corr", {"resp": "#encoder"}, [correct])])
    return start, end, Node(TAGS["person"], {"ref": f"#{xml_id}"}, [choice]), None


# --- after tagging ---------------------------------------------------------------------------------


def _link_alternate_names(ctx: _DocContext, root: Node) -> None:
    """`Pak Heon-yeong [Pak Hon Yong]`: the bracketed form is a second name of the same entity, when it
    can be: a listed form of that entity, or a respelling that keeps the family name or surname. Otherwise
    (`Choe Yong-geon [Pak Yong Gon]`) it is tagged on its own: a wrong link is worse than none.
    Other brackets after a word may identify a pseudonym (`_link_identified_pseudonym`)."""
    identifying: list[tuple[Node, int]] = []
    for node in root.iter():
        for k, child in enumerate(node.children):
            if isinstance(child, str) or child.tag != "supplied":  # (the children are strings and Nodes)
                continue
            if child.attrs.get("reason") != "alternate-name":
                if k and isinstance(node.children[k - 1], str):
                    identifying.append((node, k))
                continue
            prev = node.children[k - 1] if k else None
            if isinstance(prev, str) and not prev.strip() and k >= 2:
                prev = node.children[k - 2]
            if not all(isinstance(c, str) for c in child.children):
                continue
            surface = child.text()
            if isinstance(prev, Node) and prev.tag in TAGS.values() and _respelling(ctx, prev, surface):
                child.children = [Node(prev.tag, dict(prev.attrs), [surface])]
                ctx.seen.setdefault(prev.attrs["ref"][1:], []).append(surface)
            else:
                child.children = _whole_alternate(ctx, prev, surface) or _tag_text(ctx, surface)
    for node, k in reversed(identifying):  # from the end: a split string moves the later children only
        _link_identified_pseudonym(ctx, node, k)


def _whole_alternate(ctx: _DocContext, prev, surface: str) -> list | None:
    """A person's bracketed alternate name that is no respelling of the name before it ("Jeong
    Il-ryong [Ri Il Ryong]"): one person of the record, the whole bracket, when every word is
    capitalised; a word of it alone is never another person ("Il" of "Nam Il"). None otherwise."""
    if not (isinstance(prev, Node) and prev.tag == TAGS["person"]):
        return None
    words = [t for _, _, t in tokens(surface)]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    key = tuple(norm(w) for w in words)
    if key in ctx.rec.rejected:
        return None
    known = {f.entity_id for f in ctx.forms(key) if f.kind == "person"}
    xml_id = known.pop() if len(known) == 1 else _new_local_person(ctx, surface, key)
    ctx.seen.setdefault(xml_id, []).append(surface)
    return [Node(TAGS["person"], {"ref": f"#{xml_id}"}, [surface])]


def _link_bracketed_equivalents(ctx: _DocContext, doc: Document) -> None:
    """`Central Committee of the Bulgarian Communist Party [CC of the BCP]`, `Chiao Kuan-hua (Qiao
    Guan-hua)`: a name in brackets right after a name of the same kind is the same entity when it is
    that name's abbreviation (its capitals spell the name's initials) or a respelling of a person's
    (same surname or family name, also transliterated). The bracketed name's rule-made entry (for a
    person, either one's), and all its uses in the record, then take the other's entry (TEI 13.3.1:
    one entity, several names). A generic name before a listed abbreviation ("National Liberation
    Front (NLF)") stays unlinked, and two entries the authority lists are never merged: a wrong link
    is worse than none."""
    relink: dict[str, str] = {}
    if not ctx.local_entries:
        return  # nothing rule-made to join
    for node in doc.body.iter():
        children = node.children
        for k in range(2, len(children)):
            between = children[k - 1]
            if between.__class__ is not str or (between != " (" and not between.isspace()):
                continue  # most strings are running text: tested first
            first, second = children[k - 2], children[k]
            if not (isinstance(first, Node) and isinstance(second, Node)):
                continue
            inner = second
            if second.tag == "supplied" and between.isspace():
                mentions = [c for c in second.children if not (isinstance(c, str) and not c.strip())]
                inner = mentions[0] if len(mentions) == 1 and isinstance(mentions[0], Node) else second
            elif not (between == " (" and k + 1 < len(children) and str(children[k + 1]).startswith(")")):
                continue
            if inner.tag != first.tag or first.tag not in (TAGS["person"], TAGS["org"]):
                continue
            old, new = inner.attrs.get("ref", "#")[1:], first.attrs.get("ref", "#")[1:]
            if old not in ctx.local_entries and first.tag == TAGS["person"]:
                old, new = new, old  # the name before the bracket is the rule-made one: it joins the listed entry
            if not (old and new and old != new and old in ctx.local_entries):
                continue
            same = (
                _abbreviates(inner.text(), first.text())
                if first.tag == TAGS["org"]
                else _same_surname(first.text(), inner.text()) and _similar_given(first.text(), inner.text())
            )
            if same:
                relink[old] = new
    if not relink:
        return
    holders = [doc.body, *(c for c in doc.abstract if isinstance(c, Node))]
    for holder in holders:
        for node in holder.iter():
            ref = node.attrs.get("ref", "")
            if ref[1:] in relink and node.tag in TAGS.values():
                node.attrs["ref"] = f"#{relink[ref[1:]]}"
    for old, new in relink.items():
        ctx.seen.setdefault(new, []).extend(ctx.seen.pop(old, []))


def _similar_given(one: str, other: str) -> bool:
    """Whether the given names of two forms of one surname agree, allowing a transliteration's
    letters ("Kuan-hua", "Guan-hua"); a form without a given name agrees with any. "Kim Chol" is
    not "Kim Il-sung": a shared family name alone does not make one person."""
    printed = [[t for _, _, t in tokens(name)] for name in (one, other)]
    family_first = any(east_asian_shape(words) for words in printed)
    givens = ["".join(norm(t) for t in (words[1:] if family_first else words[:-1])) for words in printed]
    return not all(givens) or fuzz.ratio(givens[0].replace("-", ""), givens[1].replace("-", "")) >= 70


def _abbreviates(short: str, full: str) -> bool:
    """Whether the capitals of `short` ("CC of the BCP", "MfSÖS" aside) spell the initials of the
    capitalised words of `full` ("Central Committee of the Bulgarian Communist Party")."""
    capitals = "".join(c for c in short if c.isupper())
    initials = "".join(w[0] for w in full.split() if w[:1].isupper())
    return len(capitals) >= 2 and norm(capitals) == norm(initials)


_PSEUDONYM_BEFORE = re.compile(
    rf"(?:(?<=\s)|^)(?P<word>[{UPPER}][{CAPS_REST}'’-]{{2,}}|[{UPPER}][{LOWER}'’-]{{2,}})\s?$"
)


def _link_identified_pseudonym(ctx: _DocContext, node: Node, k: int) -> None:
    """`FILIPPOV [Stalin]`: a name the text gives, then the editor's bracket naming who it is. The
    word before the bracket is a mention of the person the bracket names (same ref, TEI 13.3.1
    persName may hold any name a person used), not a new person. Titles, common words and words
    already tagged or of another entity stay as they are: a wrong link is worse than none."""
    v = ctx.rec.names
    bracket, before = node.children[k], node.children[k - 1]
    if not (isinstance(bracket, Node) and isinstance(before, str)):
        return
    inner = [c for c in bracket.children if not (isinstance(c, str) and not c.strip())]
    if len(inner) != 1 or not isinstance(inner[0], Node) or inner[0].tag != TAGS["person"]:
        return
    ref = inner[0].attrs.get("ref", "#")[1:]
    if not ref or ref in ctx.local_entries:
        return  # only a person the authority knows identifies a pseudonym
    m = _PSEUDONYM_BEFORE.search(before)
    if not m:
        return
    word = m.group("word")
    if v.is_title_word(word) or v.is_common_word(word) or norm(word) in v.not_names or ctx.forms((norm(word),)):
        return
    node.children[k - 1 : k] = [
        before[: m.start()],
        Node(TAGS["person"], {"ref": f"#{ref}"}, [word]),
        before[m.end("word") :],
    ]
    ctx.seen.setdefault(ref, []).append(word)


def _respelling(ctx: _DocContext, name: Node, other: str) -> bool:
    """Whether `other` names the entity of the tagged `name`: one of its listed forms, or the same
    family name (East Asian order) or surname, letter for letter or in a known transliteration."""
    ref = name.attrs.get("ref", "#")[1:]
    if not ref:
        return False
    key = tuple(norm(t) for _, _, t in tokens(other))
    ids = {f.entity_id for f in ctx.forms(key)}
    if ids:
        return ids == {ref}
    return name.tag != TAGS["person"] or _same_surname(name.text(), other)


def _same_surname(one: str, other: str) -> bool:
    """Whether two persons' names share the family name (East Asian order) or surname, letter for
    letter or in a known transliteration ("Chiao Kuan-hua", "Qiao Guan-hua")."""
    mine = [t for _, _, t in tokens(one)]
    theirs = [t for _, _, t in tokens(other)]
    if not mine or not theirs:
        return False
    pick = 0 if east_asian_shape(mine) or east_asian_shape(theirs) else -1
    return _same_family(norm(mine[pick]), norm(theirs[pick]))


def _same_family(a: str, b: str) -> bool:
    if a == b:
        return True
    groups = vocabulary().family_variants
    return any(a in g and b in g for g in groups)


_DATELINE_TYPES = (
    ("conversation", "conversation"),
    ("meeting", "meeting"),
    ("minutes", "meeting"),
    ("session", "meeting"),
    ("talk", "conversation"),
)


# a telegram's dispatch and receipt lines (opener/seg[@type]) -> the type of the dates in them
_TRANSMISSION_DATE_TYPES = {"sent": "sent", "dispatched": "sent", "received": "received"}


def _type_transmission_dates(document: Node) -> None:
    """Dates in a telegram's `Sent …` / `Dispatched …` / `Received …` / `Came into the Deciphering
    Department …` lines are typed `sent` or `received` (encoding guide §2, two typed dates)."""
    for opener in document.children:  # a plain loop: a long record's body has many children
        if isinstance(opener, str) or opener.tag != "opener":
            continue
        for seg in opener.children:
            if isinstance(seg, Node) and seg.tag == "seg":
                kind = _TRANSMISSION_DATE_TYPES.get(seg.attrs.get("type", ""))
                for d in seg.iter() if kind else ():
                    if d.tag == "date" and "type" not in d.attrs:
                        d.attrs["type"] = kind


def _first_child(node: Node, tag: str) -> Node | None:
    """node's first child element named `tag`, or None (a plain loop: a long record's body has many children)."""
    for child in node.children:
        if not isinstance(child, str) and child.tag == tag:
            return child
    return None


_VALUE_ATTRS = ("when", "notBefore", "notAfter", "from", "to")
_SUPPLIED_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")


def _dates_take_supplied_years(holders: list[Node]) -> list[str]:
    """A date printed without its year and followed by the translator's supplied year ("5 August
    [1962]", "20-24 March, [1962]"): its value takes that year, never the document's, which the date
    pass gave it (TEI 13.4: the value says what the text means; the bracketed year is the source's
    own). A date whose reading with that year fails keeps no value rather than a wrong one.
    `holders`: the elements of the body that had a supplied child when names and dates were tagged, in
    document order (tagging adds none, and dates are tagged only beside text, not in the elements it
    leaves opaque). Returns the problems to report (one per such date), changes the date elements in place."""
    problems = []
    for node in holders:
        kids = node.children
        joined: list[tuple[int, Node]] = []  # dates that take in the supplied year after them, by position
        for k in range(len(kids) - 2):
            date, between, supplied = kids[k], kids[k + 1], kids[k + 2]
            if not (
                isinstance(date, Node)
                and date.tag == "date"
                and isinstance(between, str)
                and not between.strip(" ,")
                and isinstance(supplied, Node)
                and supplied.tag == "supplied"
                and _SUPPLIED_YEAR.fullmatch(supplied.text().strip())
            ):
                continue
            surface = date.text()
            if re.search(r"\d{4}", surface):
                continue  # the date prints its own year
            found = find_dates(f"{surface}{between}{supplied.text().strip()}", None)
            values = {a: v for a, v in found[0].attrs.items() if a in _VALUE_ATTRS} if len(found) == 1 else {}
            for attr in _VALUE_ATTRS:
                date.attrs.pop(attr, None)
            date.attrs.update(values)
            if not values:
                problems.append(
                    f"date {surface!r} before the supplied year {supplied.text()!r}: tagged without a value"
                )
            else:
                joined.append((k, date))
        for k, date in reversed(joined):  # the supplied year is part of the date it completes (TEI 11.3.1.2)
            date.children.extend(kids[k + 1 : k + 3])
            del kids[k + 1 : k + 3]
    return problems


# a day the translator marked inside a range ("from 8 [sic] through 14 October"; "3 [?] to 9 May"): the mark's
# element and what joins the day to the date after it (a span, never "and": two days)
_MARKED_DAY = re.compile(r"[0-3]?\d")
_DAY_BEFORE_MARK = re.compile(r"(?<![\w.,/-])(?P<day>[0-3]?\d) ?$")
_RANGE_JOIN = re.compile(r" ?[-–] ?| (?:to|through|till|until) ")
_UNCERTAIN_MARKS = frozenset({"?", "sic", "sic!", "SIC", "Sic", "SIC!"})
# a month the translator supplied after a day ("on the 14th [of October]", "on 3 [May]"), its year printed or not
_SUPPLIED_MONTH = re.compile(
    r"(?:of )?(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:,? (?:1[5-9]|20)\d\d)?"
)
_DAY_BEFORE_SUPPLIED = re.compile(r"(?:(?<=\b[Tt]he )|(?<=\b[Oo]n ))(?P<day>[0-3]?\d(?:st|nd|rd|th)?) ?$")


def _dates_through_marks(nodes: list[Node], year: int | None, month: int | None) -> None:
    """Dates that run through a translator's mark or supplied month, made one date element holding the mark
    (TEI 13.4.2, 11.3.1.1: sic and supplied are allowed inside a date; the date is one mention):

    - a day marked `<sic>8</sic>` or `3 <supplied>?</supplied>` and joined by "through", "to" or a dash to a
      dated day after it in the same month: the range from the marked day to that date (notBefore/notAfter);
    - a day ("the 14th", "on 3", or a date holding only it) before a month the translator supplied
      (`<supplied>of October</supplied>`): the day of that month, in the year the month takes in the record
      (dates.context_year) or the one supplied with it.

    `nodes`: elements of the body (those with a sic or supplied child among them); `year`, `month`: the
    record's. Changes the elements in place; a reading that fails leaves the text as it was (a wrong date is
    worse than none)."""
    for node in nodes:
        kids = node.children
        if (
            len(kids) < 2
            or node.tag in ("date", "sic", "supplied")
            or not any(type(c) is Node and c.tag in ("sic", "supplied") for c in kids)
        ):
            continue
        k = 0
        while k < len(kids):
            mark = kids[k]
            if type(mark) is Node and mark.tag in ("sic", "supplied"):
                k = (
                    _range_through_mark(kids, k)
                    or _day_of_supplied_month(kids, k, year, month)
                    or _weekday_before_supplied_date(kids, k)
                    or _day_of_supplied_relative_month(kids, k, year, month)
                    or k + 1
                )
            else:
                k += 1


def _range_through_mark(kids: list, k: int) -> int:
    """At kids[k], a sic or an uncertainty mark on a day, joined to the dated day after it: the two made one date
    element (see _dates_through_marks); the index after it, or 0 when nothing was made."""
    mark = kids[k]
    if k + 2 >= len(kids) or not isinstance(kids[k + 1], str) or not _RANGE_JOIN.fullmatch(kids[k + 1]):
        return 0
    date = kids[k + 2]
    if type(date) is not Node or date.tag != "date" or len(date.attrs.get("when", "")) != 10:
        return 0
    text = mark.text().strip()
    before = kids[k - 1] if k and isinstance(kids[k - 1], str) else ""
    if mark.tag == "sic" and _MARKED_DAY.fullmatch(text):
        day, head, start = int(text), [mark], k
    elif mark.tag == "supplied" and text in _UNCERTAIN_MARKS and (found := _DAY_BEFORE_MARK.search(before)):
        day, start = int(found["day"]), k
        head = [before[found.start() :], mark]
    else:
        return 0
    last = date.attrs["when"]
    first = iso_day(int(last[:4]), int(last[5:7]), day)
    if first is None or first >= last:
        return 0
    if len(head) == 2:  # the day was the end of the string before the mark
        kids[k - 1] = before[: len(before) - len(head[0])]
    joined = Node("date", {"notBefore": first, "notAfter": last}, [*head, kids[k + 1], *date.children])
    kids[start : k + 3] = [joined]
    return start + 1


def _weekday_before_supplied_date(kids: list, k: int) -> int:
    """At kids[k], a day's date the translator supplied after a weekday printed before it ("Sunday [21 October]"):
    one date element holding the weekday and the supplied date, the day's value (a weekday before a day's
    date is part of the mention, as dates.find_dates reads "Sunday, 21 October"; TEI 13.4.2, 11.3.1.2:
    supplied is allowed inside a date). The index after it, or 0 when nothing was made."""
    supplied = kids[k]
    inner = [c for c in supplied.children if not (isinstance(c, str) and not c.strip())]
    if (
        supplied.tag != "supplied"
        or not k
        or not isinstance(kids[k - 1], str)
        or len(inner) != 1
        or type(inner[0]) is not Node
        or inner[0].tag != "date"
        or len(inner[0].attrs.get("when", "")) != 10
    ):
        return 0
    before = kids[k - 1]
    found = WEEKDAY_BEFORE.search(before, max(0, len(before) - 12))
    if not found:
        return 0
    date = inner[0]
    supplied.children = [part for c in supplied.children for part in (c.children if c is date else [c])]
    kids[k - 1] = before[: found.start()]
    kids[k] = Node("date", dict(date.attrs), [before[found.start() :], supplied])
    return k + 1


def _day_of_supplied_month(kids: list, k: int, year: int | None, month: int | None) -> int:
    """At kids[k], a month the translator supplied after a day ("the 14th [of October]"): one date element
    holding the day and the supplied month (see _dates_through_marks); the index after it, or 0."""
    supplied = kids[k]
    if supplied.tag != "supplied" or not k or not _SUPPLIED_MONTH.fullmatch(supplied.text().strip()):
        return 0
    before = kids[k - 1]
    head: list = []
    if isinstance(before, str):
        if type(kids[k - 2] if k >= 2 else None) is Node and kids[k - 2].tag == "date" and not before.strip():
            head, start = [*kids[k - 2].children, before], k - 2  # "the <date>14th</date> [of October]"
            day_text = kids[k - 2].text().strip()
        elif found := _DAY_BEFORE_SUPPLIED.search(before):
            day_text, start = found["day"], k
            head = [before[found.start() :]]
        else:
            return 0
    else:
        return 0
    dates = find_dates(f"{day_text} {supplied.text().strip()}", year, month)
    if len(dates) != 1 or dates[0].start != 0 or not dates[0].attrs.get("when"):
        return 0
    # a month and year supplied were tagged a date of their own ("[June 1961]"): now part of this one
    supplied.children = [
        part for c in supplied.children for part in (c.children if type(c) is Node and c.tag == "date" else [c])
    ]
    if start == k:
        kids[k - 1] = before[: len(before) - len(head[0])]
        joined = Node("date", {"when": dates[0].attrs["when"]}, [*head, supplied])
        kids[k : k + 1] = [joined]
        return k + 1
    joined = Node("date", {"when": dates[0].attrs["when"]}, [*head, supplied])
    kids[start : k + 1] = [joined]
    return start + 1


def _day_of_supplied_relative_month(kids: list, k: int, year: int | None, month: int | None) -> int:
    """At kids[k], words the translator supplied that end a day counted from the record's month ("the sixth
    [of this month]", "the 23rd of the current [month]", "the 9th [of the current month]"): one date element
    holding the day's words and the supplied ones, the day of that month (dates.find_dates, relative;
    TEI 13.4.2, 11.3.1.2: supplied is allowed inside a date). The index after it, or 0 when nothing was made
    (no record month, no such day: the text stays as it was; a wrong date is worse than none)."""
    supplied = kids[k]
    if supplied.tag != "supplied" or not k or not month or not isinstance(kids[k - 1], str):
        return 0
    words = supplied.text().strip()
    if "month" not in words:
        return 0
    before = kids[k - 1]
    tagged = k >= 2 and type(kids[k - 2]) is Node and kids[k - 2].tag == "date" and not before.strip()
    if tagged:  # "the <date>9th</date> [of the current month]": the day a date already
        head_text = kids[k - 3][-4:] if k >= 3 and isinstance(kids[k - 3], str) else ""
        if not re.search(r"\b[Tt]he $", head_text):
            return 0
        candidate = f"the {kids[k - 2].text()} {words}"
        begins = 0
    else:
        tail = before[-40:]
        candidate = tail + words
        begins = len(tail)
    found = [
        d
        for d in find_dates(candidate, year, month, relative=True)
        if d.end == len(candidate) and (d.start == 0 if tagged else d.start < begins)
    ]
    if len(found) != 1 or not found[0].attrs.get("when"):
        return 0
    when = found[0].attrs["when"]
    if tagged:
        joined = Node("date", {"when": when}, [*kids[k - 2].children, before, supplied])
        kids[k - 2 : k + 1] = [joined]
        return k - 1
    cut = len(before) - len(tail) + found[0].start
    joined = Node("date", {"when": when}, [before[cut:], supplied])
    kids[k - 1] = before[:cut]
    kids[k : k + 1] = [joined]
    return k + 1


def _gazetteer_entry(xml_id: str, place: Place, since: str | None = None) -> AuthorityEntry:
    """The entry of a place the gazetteer alone holds (source "gazetteer": cert="medium"), its GeoNames id its idno;
    `since`, the day (ISO) a state came into being, before which no record links it."""
    return AuthorityEntry(
        xml_id=xml_id,
        kind="place",
        name=place.name,
        idnos=(("geonames", place.geonameid),),
        source="gazetteer",
        existence=(since, None),
    )


@lru_cache(maxsize=1)
def _towns_by_key() -> tuple[dict[str, tuple[Place, ...]], frozenset[str]]:
    """gazetteer_towns by the key of their name (norm, as the record's words are kept), and the keys; made once."""
    towns: dict[str, tuple[Place, ...]] = {}
    for places in gazetteer_towns().values():
        for place in places:
            key = norm(place.name)
            towns[key] = (*towns.get(key, ()), place)
    return towns, frozenset(towns)


def _small_towns_named(ctx: _DocContext) -> dict[str, Place]:
    """The small towns the gazetteer alone holds (gazetteer_towns) that the record may name, in a country it names
    (or a state that held it: former_state_names): folded name -> the town. A capitalised word of the record that
    no list holds as a name, no dictionary holds, that is no given name, surname, title nor listed non-name, and
    that one town alone bears; never a word the record prints before another capitalised word or with 's
    ("Xinhua News Agency")."""
    rec, v = ctx.rec, ctx.rec.names
    towns, keys = _towns_by_key()
    found: dict[str, Place] = {}
    for word in ctx.record_words & keys:  # (one set operation over the record's words: most name no such town)
        places = towns[word]
        if (
            len(places) != 1
            or (word,) in rec.lexicon
            or word in v.given
            or word in rec.surnames
            or v.is_common_word(word)
            or v.is_title_word(word)
            or word in v.not_names
            or not any(
                key and _all_in(key, ctx.record_words) for key in rec.country_name_keys.get(places[0].country, ())
            )
        ):
            continue
        other_name = re.compile(rf"\b{re.escape(places[0].name)}(?: [{UPPER}]|’s|'s)")
        if any(other_name.search(text) for text in ctx.texts):
            continue  # "Xinhua News Agency", "Barre's": the word begins another name, or is someone's
        found[word] = places[0]
    return found


def _tag_small_towns(ctx: _DocContext, body: Node) -> None:
    """Small towns the gazetteer alone holds, named after a place cue (data/gazetteer.json town_cues: "the institute
    in Dubna", "the area of Macenta") where the record names the town's country (_small_towns_named): a placeName
    linked to GeoNames (TEI 13.3.4), or of the record, unlinked, when the translator's note or mark follows the
    name (a spelling the translator doubts). Nothing is tried unless the record holds such a word."""
    named = _small_towns_named(ctx)
    if not named:
        return
    cues = ctx.rec.link_rules.town_cues
    pattern = re.compile(
        "(?:" + "|".join(rf"(?<=\b{re.escape(c)} )" for c in cues) + rf")(?P<town>[{UPPER}][{LOWER}]+)(?![\w’'-])"
    )

    def tag(text: str, after: object) -> list:
        out: list = []
        at = 0
        for m in pattern.finditer(text):
            word = norm(m["town"])
            if word not in named:
                continue
            place = named[word]
            rest = text[m.end() :].lstrip(" ,")
            # "in Dubno [Translator's note: sic ...]": a note or mark right after the name
            doubted = rest[:4].lower() == "[sic" or (not rest and type(after) is Node and after.tag in ("note", "sic"))
            xml_id = f"gn-{place.geonameid}"
            if doubted:
                key = (word,)
                xml_id = ctx.unlinked_places.get(key) or _new_local_person(ctx, m["town"], key, "place")
                ctx.unlinked_places[key] = xml_id
            elif xml_id not in ctx.local_entries and xml_id not in ctx.rec.entries:
                ctx.local_entries[xml_id] = _gazetteer_entry(xml_id, place)
            ctx.seen.setdefault(xml_id, []).append(m["town"])
            out.extend((text[at : m.start()], Node(TAGS["place"], {"ref": f"#{xml_id}"}, [m["town"]])))
            at = m.end()
        return [*out, text[at:]] if out else [text]

    names = tuple(town.name for town in named.values())
    stack: list[Node] = [body]
    while stack:
        node = stack.pop()
        kids = node.children
        if not any(type(c) is str and any(n in c for n in names) for c in kids):
            stack.extend(c for c in kids if isinstance(c, Node) and c.tag not in _OPAQUE_FOR_ENTITIES)
            continue
        new: list = []
        for k, child in enumerate(kids):
            if isinstance(child, str):
                new.extend(
                    tag(child, kids[k + 1] if k + 1 < len(kids) else None)
                    if any(n in child for n in names)
                    else [child]
                )
            else:
                new.append(child)
                if child.tag not in _OPAQUE_FOR_ENTITIES:
                    stack.append(child)
        node.children = [c for c in new if c != ""]


def _type_datelines(document: Node) -> None:
    """The dateline after the head dates the event the head names (FRUS practice)."""
    head = _first_child(document, "head")
    if head is None:
        return
    head_text = head.text().lower()
    kind = next((t for word, t in _DATELINE_TYPES if word in head_text), None)
    if not kind:
        return
    for child in document.children:
        if isinstance(child, Node) and child.tag == "dateline":
            for d in child.iter():
                if d.tag == "date" and "type" not in d.attrs:
                    d.attrs["type"] = kind
            break
