"""Name vocabularies and name shapes: what a personal name no authority file lists looks like.

The vocabularies are data (`tei_encoder/data/names.json`): honorifics, ranks and roles (never
names, never parts of names), given names and particles (parts of names, never places), East Asian
family names and romanization syllable inventories. English words come from the `english-words`
package (GCIDE list), so that a capitalised common word after a name ("Premier Sukarno Accepted")
ends the name instead of joining it. Encoding decisions follow TEI P5 Guidelines 13.2.1
(personal names: a title or role stays outside persName).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..config import titles_of_all_languages
from ..letters import UPPER

_DATA = Path(__file__).resolve().parent.parent / "data" / "names.json"


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Casefolded, without diacritics or a final period: the form words are compared in."""
    if word.isascii():  # (most words: no diacritic to remove, no curly apostrophe; ASCII casefolds as lower)
        return word.lower().rstrip(".")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("’", "'").rstrip(".")


WORDS_KEPT = 65_536  # words whose answers a vocabulary remembers (then it starts again), as norm's cache


def _remembered(answers: dict[str, bool], word: str, work_out: Callable[[str], bool]) -> bool:
    """work_out(word), remembered in `answers` (emptied once it holds WORDS_KEPT words)."""
    known = answers.get(word)
    if known is None:
        if len(answers) >= WORDS_KEPT:
            answers.clear()
        known = answers[word] = work_out(word)
    return known


@dataclass(frozen=True)
class NameVocabulary:
    """The name vocabularies, folded for lookup (see the module docstring)."""

    honorifics: tuple[str, ...]  # as printed: "Comrade", "Cde.", "c."
    honorifics_of_women: frozenset[str]  # folded: "mrs", "madame" (a surname after one is a woman's)
    offices_folded: frozenset[str]  # the last words of ranks and roles, folded: "president", "general"
    dotted_titles: frozenset[str]  # one-word titles written with a full stop, as printed: "Mr.", "Col."
    ranks: tuple[str, ...]
    roles: tuple[str, ...]
    titles_folded: frozenset[str]  # every single word of a title, rank or role, folded
    particles: frozenset[str]
    given: frozenset[str]
    east_asian_family: frozenset[str]
    vietnamese_family: frozenset[str]
    family_variants: tuple[frozenset[str], ...]  # transliterations of one family name (Pak, Park, Bak)
    syllables: frozenset[str]
    not_names: frozenset[str]
    english: frozenset[str]
    named_after_person: frozenset[str] = frozenset()  # "Villa" of "Chairman Kim's Villa": a place, not a person
    honours_named_after_person: frozenset[str] = frozenset()  # "Prize" of "Lenin Prize": no mention of Lenin
    honours_before_person: tuple[str, ...] = ()  # "Order of" of "the Order of Lenin": no mention of Lenin
    honours_in_lower_case: frozenset[str] = frozenset()  # "award" of "the Lenin award": no mention of Lenin
    title_case_small_words: frozenset[str] = frozenset()  # "about" of "A Leader Talked about …": title case
    vessel_nouns: tuple[str, ...] = ()  # "ship" of "the ship Fidel Castro": a ship's name, no mention of him
    kin_nouns: frozenset[str] = frozenset()  # "brothers" of "the Castro brothers": more than one person
    file_words: frozenset[str] = frozenset()  # "Copy" of "Copy [Chinese] Central Committee": no word of a name
    kunya: frozenset[str] = frozenset()  # "abu" of "Abu Achmed" (folded): a name of its own, no short form
    before_bracketed_name: frozenset[str] = frozenset()  # "He" of "He [Pham] said": never part of the name
    adjectives_in_i: frozenset[str] = frozenset()  # "Iraqi": a demonym ending in -i (other such words may be names)
    local_body_nouns: tuple[str, ...] = ()  # "organization" of "the Pyongyang Party organization"
    # "skyi" of "Moskovskyi" -> "sky": a surname's ending in another transliteration, longest first
    surname_spelling_endings: tuple[tuple[str, str], ...] = ()
    family_words: frozenset[str] = frozenset()  # "khan" of "Ayub Khan": a family name that is a word too
    state_prefixes: tuple[str, ...] = ()  # "PR" of "PR China": part of the place name, as printed
    # the letters of a state prefix ("DR" of "D. R.") -> the words it stands for ("Democratic Republic of")
    state_prefix_expansions: tuple[tuple[str, str], ...] = ()
    name_cues: tuple[str, ...] = ()  # "led by", "according to": a surname follows
    attendance_cues: tuple[str, ...] = ()  # "in attendance:", "Present:": a list of people follows
    organ_words: frozenset[str] = frozenset()  # "politburo": a word of an organ every party or state has
    one_body_words: frozenset[str] = frozenset()  # "international" of "International Red Cross": one body only
    organ_abbreviations: frozenset[str] = frozenset()  # "CC" of "BCP CC": a party's organ, as printed
    envoy_titles: tuple[str, ...] = ()  # "Ambassador": a surname after one may be anyone serving abroad
    sovereign_titles: tuple[str, ...] = ()  # "King": a surname after one is a monarch's (King Hussein)
    # a leader's title, folded -> the office it names ("prime minister" -> "premier": the group's first title)
    office_titles: dict[str, str] = field(default_factory=dict)
    surname_endings: tuple[str, ...] = ()  # "ic" of "Lekic": a surname's shape in a list of names
    married_name_endings: tuple[str, ...] = ()  # "né" of "Vajdáné": a married woman's name
    speech_verbs: tuple[str, ...] = ()  # "said": a person's name comes right before
    governments_after_leader: tuple[str, ...] = ()  # "government" of "the al-Azhari government"
    # "ir" of "Kim Ir Sen" -> ("il",): a Korean syllable in Russian transliteration, as the lists may write it
    russian_korean_syllables: tuple[tuple[str, tuple[str, ...]], ...] = ()
    verbs_of_address: tuple[str, ...] = ()  # "informs": a person's name comes right after, then "of", "that"...
    titles_also_names: frozenset[str] = frozenset()  # folded: "pak", a title in one language, a name in another
    # is_title_word's and is_common_word's answers by word, remembered: the name rules ask them of the same words
    # again and again (each answer depends on the word and the vocabulary alone; words recur across records)
    title_words_met: dict[str, bool] = field(default_factory=dict, hash=False, compare=False, repr=False)
    common_words_met: dict[str, bool] = field(default_factory=dict, hash=False, compare=False, repr=False)

    def state_expansion(self, prefix: str) -> str | None:
        """The words a state prefix as printed stands for ("D. R." and "DR": "Democratic Republic of";
        "People's Republic of" stands for itself); None when names.json state_prefix_expansions has none."""
        letters = prefix.removesuffix(" of").replace(".", "").replace(" ", "")
        if not letters.isupper():
            return prefix  # written out in words
        return next((words for abbr, words in self.state_prefix_expansions if abbr == letters), None)

    def listed_spelling(self, surname: str) -> str | None:
        """The folded `surname` with its ending as the lists write it ("moskovskyi": "moskovsky"); None
        when no ending of names.json surname_spelling_endings is there."""
        for ending, listed in self.surname_spelling_endings:
            if surname.endswith(ending) and len(surname) > len(ending) + 2:
                return surname[: -len(ending)] + listed
        return None

    def is_title_word(self, word: str) -> bool:
        """A word of a title, rank, role or honorific ("Comrade", "Cde.", "Colonel", "Director"), also
        hyphenated after a prefix ("Under-Secretary", "Vice-Chairman": the head word is the title); never
        after a lower-case name particle ("al-Sheikh" of "Musa al-Sheikh Radi" is part of a name; particles)."""
        return _remembered(self.title_words_met, word, self._is_title_word)

    def _is_title_word(self, word: str) -> bool:
        folded = fold(word)
        if folded in self.titles_folded:
            return True
        if "-" not in folded:
            return False
        prefix, _, head = folded.rpartition("-")
        return head in self.titles_folded and not (word[:1].islower() and prefix in self.particles)

    def is_common_word(self, word: str) -> bool:
        """An English dictionary word, also in an inflected form ("Accepted", "Visits", "Countries": a plural
        is a common noun, never a person's name)."""
        return _remembered(self.common_words_met, word, self._is_common_word)

    def _is_common_word(self, word: str) -> bool:
        w = fold(word)
        if w in self.english:
            return True
        for suffix, repl in _INFLECTIONS:
            if w.endswith(suffix) and len(w) > len(suffix) + 2 and w[: -len(suffix)] + repl in self.english:
                return True
        return False

    def is_syllable_word(self, word: str) -> bool:
        """One romanized syllable, two of them run together ("Bingnan"), or a hyphenated pair ("Tae-hun")."""
        w = fold(word).replace("'", "")
        parts = w.split("-")
        if len(parts) > 3:
            return False
        return all(p in self.syllables or _two_syllables(p, self.syllables) for p in parts)


def _two_syllables(word: str, syllables: frozenset[str]) -> bool:
    # a plain loop, not any() over a generator: this runs for every word of every East Asian name's shape
    for k in range(1, len(word)):  # noqa: SIM110
        if word[:k] in syllables and word[k:] in syllables:
            return True
    return False


def _syllables(spec: dict) -> set[str]:
    return {o + n + c for o in spec["onsets"] for n in spec["nuclei"] for c in spec["codas"]}


_ADOPTED: list[NameVocabulary] = []  # a vocabulary loaded with a cached recogniser (same data and code)


def adopt_vocabulary(names: NameVocabulary) -> None:
    """Use `names` as this process's vocabulary instead of reading the data again (the recogniser
    cache calls it with the vocabulary stored beside a recogniser built from the same data and code).
    No effect once the vocabulary has been read."""
    if not _ADOPTED:
        _ADOPTED.append(names)


def _given_names(raw: dict) -> list[str]:
    """The given names of names.json: `given_names` and every language's list of
    `given_names_by_language` (keys beginning with "_" are comments). Input: the parsed names.json;
    output: the names as printed, duplicates kept (the caller folds them into a set)."""
    by_language = raw.get("given_names_by_language", {})
    return [*raw["given_names"], *(g for k, names in by_language.items() if not k.startswith("_") for g in names)]


_ELIDED_PARTICLE = re.compile(r"[dl]['’]\w", re.IGNORECASE)  # "d'Affaires", "l'Intérieur"


@lru_cache(maxsize=1)
def vocabulary() -> NameVocabulary:
    """The vocabularies, read once per process (or adopted from the recogniser cache)."""
    if _ADOPTED:
        return _ADOPTED[0]
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    raw.update(titles_of_all_languages(raw))  # the titles of every language names.json lists, with the English
    titles = [*raw["honorifics"], *raw["ranks"], *raw["roles"]]
    # single-word titles, and their plurals ("Deputy Heads"); "Foreign" of "Foreign Minister" is no title
    title_words = {fold(t) for t in titles if " " not in t} - {""}
    title_words |= {w + "s" for w in title_words if w.isalpha() and len(w) > 2}
    # a title's word after an elided particle ("d'Affaires" of "Chargé d'Affaires", printed "Chargé D'Affaires"
    # in a title-case heading): a word of that title only, never a name
    title_words |= {fold(w) for t in titles for w in t.split()[1:] if _ELIDED_PARTICLE.match(w)}
    syllables: set[str] = set()
    for key, spec in raw["romanization"].items():
        if not key.startswith("_"):
            syllables |= {fold(s) for s in _syllables(spec)}
    return NameVocabulary(
        honorifics=tuple(raw["honorifics"]),
        honorifics_of_women=frozenset(fold(h) for h in raw.get("honorifics_of_women", ())),
        offices_folded=frozenset(fold(t.split()[-1]) for t in (*raw["ranks"], *raw["roles"]) if t.split()),
        dotted_titles=frozenset(t for t in titles if " " not in t and t.endswith(".")),
        ranks=tuple(raw["ranks"]),
        roles=tuple(raw["roles"]),
        titles_folded=frozenset(title_words),
        titles_also_names=frozenset(fold(w) for w in raw["also_names"]),
        particles=frozenset(raw["particles"]),
        given=frozenset(fold(g) for g in _given_names(raw)),
        east_asian_family=frozenset(fold(f) for f in raw["east_asian_family_names"]),
        vietnamese_family=frozenset(fold(f) for f in raw["vietnamese_family_names"]),
        family_variants=tuple(frozenset(fold(w) for w in g) for g in raw["family_name_variants"]),
        syllables=frozenset(syllables - {""}),
        not_names=frozenset(fold(w) for w in raw["not_name_words"]),
        english=_english_words(),
        named_after_person=frozenset(fold(w) for w in raw.get("named_after_person", ())),
        honours_named_after_person=frozenset(
            fold(w) for w in raw.get("honours_named_after_person", {}).get("words", ())
        ),
        honours_before_person=tuple(raw.get("honours_named_after_person", {}).get("before", ())),
        honours_in_lower_case=frozenset(raw.get("honours_named_after_person", {}).get("in_lower_case", ())),
        title_case_small_words=frozenset(raw.get("title_case_small_words", {}).get("words", ())),
        vessel_nouns=tuple(raw.get("vessel_nouns", {}).get("words", ())),
        kin_nouns=frozenset(raw.get("kin_nouns_after_surname", {}).get("words", ())),
        file_words=frozenset(raw.get("file_words", {}).get("words", ())),
        kunya=frozenset(fold(w) for w in raw.get("kunya_words", {}).get("words", ())),
        before_bracketed_name=frozenset(fold(w) for w in raw.get("never_before_bracketed_name", ())),
        adjectives_in_i=frozenset(fold(w) for w in raw.get("national_adjectives_in_i", {}).get("words", ())),
        local_body_nouns=tuple(" " + n for n in raw.get("local_body_nouns", {}).get("nouns", ())),
        surname_spelling_endings=tuple(
            sorted(raw.get("surname_spelling_endings", {}).get("endings", {}).items(), key=lambda e: -len(e[0]))
        ),
        family_words=frozenset(fold(w) for w in raw.get("family_names_also_words", {}).get("names", ())),
        state_prefixes=tuple(raw.get("state_prefixes", ())),
        state_prefix_expansions=tuple(
            (k, v) for k, v in raw.get("state_prefix_expansions", {}).items() if not k.startswith("_")
        ),
        name_cues=tuple(raw.get("name_cues", ())),
        attendance_cues=tuple(raw.get("attendance_cues", ())),
        organ_words=frozenset(fold(w) for organ in raw.get("generic_organs", ()) for w in organ.split()),
        one_body_words=frozenset(fold(w) for w in raw.get("one_body_words", ())),
        organ_abbreviations=frozenset(raw.get("organ_abbreviations", ())),
        envoy_titles=tuple(raw.get("envoy_titles", ())),
        sovereign_titles=tuple(raw.get("sovereign_titles", ())),
        office_titles={
            " ".join(fold(w) for w in t.replace("-", " ").split()): fold(group[0])
            for group in raw.get("office_titles", ())
            for t in group
        },
        surname_endings=tuple(raw.get("surname_endings", ())),
        married_name_endings=tuple(raw.get("married_name_endings", ())),
        speech_verbs=tuple(raw.get("speech_verbs", ())),
        governments_after_leader=tuple(raw.get("governments_after_leader", ())),
        russian_korean_syllables=tuple(
            (fold(k), tuple(fold(w) for w in ws)) for k, ws in raw.get("russian_korean_syllables", {}).items()
        ),
        verbs_of_address=tuple(raw.get("verbs_of_address", ())),
    )


def _word_list(key: str) -> list[str]:
    """The "words" of names.json entry `key`. Raises OSError or ValueError when the package's data file is
    missing or malformed (an installation fault)."""
    return json.loads(_DATA.read_text(encoding="utf-8"))[key]["words"]


@lru_cache(maxsize=1)
def organisation_head_words() -> frozenset[str]:
    """The words that end an organisation's name found by its shape, folded ("party", "committee",
    "department"; names.json organisation_head_words and production_unit_words). Raises OSError or ValueError when the package's
    data file is missing or malformed (an installation fault)."""
    return frozenset(fold(w) for w in (*_word_list("organisation_head_words"), *_word_list("production_unit_words")))


@lru_cache(maxsize=1)
def heads_before_a_state() -> frozenset[str]:
    """Words that end an organisation's name only before "of (the)" and a listed place ("Congress of the
    United States", "Congress of Colombia"; names.json heads_before_a_state), folded: a party's numbered
    congress ("12th Congress of the MPRP") names the party only. Errors as organisation_head_words."""
    return frozenset(fold(w) for w in _word_list("heads_before_a_state"))


@lru_cache(maxsize=1)
def plural_region_nouns() -> frozenset[str]:
    """Plural nouns that end the name of a group of states ("countries": "the European Socialist Countries";
    names.json plural_region_nouns), folded: after "and" and a place, such a group goes on a unit's name
    ("Department of the USSR and the European Socialist Countries"). Errors as organisation_head_words."""
    return frozenset(fold(w) for w in _word_list("plural_region_nouns"))


@lru_cache(maxsize=1)
def production_unit_words() -> frozenset[str]:
    """The words that end a production unit's name ("factory", "ironworks", "cooperative farm"'s "farm";
    names.json production_unit_words), folded; organisation head words too. A date right before such a
    name is part of it ("February 8 Vinylon Factory"). Errors as organisation_head_words."""
    return frozenset(fold(w) for w in _word_list("production_unit_words"))


@lru_cache(maxsize=1)
def works_book_words() -> frozenset[str]:
    """Words that make "Works" after them a book's title, never a production unit ("Collected Works",
    "Selected Works"; names.json production_unit_words book_words), folded. Errors as
    organisation_head_words."""
    return frozenset(
        fold(w) for w in json.loads(_DATA.read_text(encoding="utf-8"))["production_unit_words"]["book_words"]
    )


@lru_cache(maxsize=1)
def abbreviated_given_names() -> tuple[str, ...]:
    """Given names abbreviated by their first letters, without the full stop ("St", "Wł"; names.json
    abbreviated_given_names). Errors as organisation_head_words."""
    return tuple(_word_list("abbreviated_given_names"))


@lru_cache(maxsize=1)
def abbreviated_given_names_before_capitals() -> frozenset[str]:
    """The abbreviated given names that also begin a place's name ("St": Saint), a given name only before a
    surname in capitals (names.json abbreviated_given_names before_capitals_only). Errors as
    organisation_head_words."""
    return frozenset(json.loads(_DATA.read_text(encoding="utf-8"))["abbreviated_given_names"]["before_capitals_only"])


@lru_cache(maxsize=1)
def romance_body_heads() -> tuple[str, ...]:
    """The head words of Spanish and Portuguese bodies' names, as printed (names.json romance_body_heads).
    Errors as organisation_head_words."""
    return tuple(_word_list("romance_body_heads"))


@lru_cache(maxsize=1)
def romance_body_pattern() -> re.Pattern:
    """A Spanish or Portuguese body's name, its head word first (names.json romance_body_heads: "Ministerio de
    Relaciones Exteriores", "Dirección General del Servicio Diplomático"): the head, capitalised words, then
    one or more links ("de", "del", "do"...) each before capitalised words. Errors as organisation_head_words."""
    raw = json.loads(_DATA.read_text(encoding="utf-8"))["romance_body_heads"]
    heads = "|".join(sorted(map(re.escape, romance_body_heads()), key=len, reverse=True))
    links = "|".join(sorted((re.escape(w).replace(r"\ ", " ") for w in raw["links"]), key=len, reverse=True))
    word = r"[A-ZÁÉÍÓÚÂÊÔÃÕÇÑ][\w’'-]+"
    return re.compile(rf"(?<![\w’'-])(?:{heads})(?: {word})*(?: (?:{links}) {word}(?: {word})*)+(?![\w’'-])")


@lru_cache(maxsize=1)
def seat_head_words() -> frozenset[str]:
    """Head words of institutions whose name goes on with "in" and the place they sit in ("archive",
    "association"; names.json heads_named_with_seat), folded. Errors as organisation_head_words."""
    return frozenset(fold(w) for w in _word_list("heads_named_with_seat"))


# endings of an inflected English word and what its dictionary form ends with instead
_INFLECTIONS = (("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ies", "y"), ("es", ""), ("s", ""), ("'s", ""))


@lru_cache(maxsize=1)
def spelling_variants() -> dict[str, str]:
    """British and American spellings of the words of a body's name, each folded form mapped to one
    spelling ("labour" -> "labor", "organisation" -> "organization"; names.json spelling_variants): one
    body no list holds, printed both ways in one record, is one entry. Errors as organisation_head_words."""
    raw = json.loads(_DATA.read_text(encoding="utf-8"))["spelling_variants"]["words"]
    return {fold(word): fold(spelling) for word, spelling in raw.items()}


@lru_cache(maxsize=1)
def body_wordings() -> tuple[tuple[str, ...], ...]:
    """Groups of wordings of one generic body's name ("Foreign Ministry", "Ministry of Foreign Affairs"),
    each wording as printed (names.json body_wordings): a listed body's name ending in one wording is
    also a form of it in the others. Errors as organisation_head_words."""
    raw = json.loads(_DATA.read_text(encoding="utf-8"))["body_wordings"]["groups"]
    return tuple(tuple(group) for group in raw)


@lru_cache(maxsize=1)
def formation_words() -> frozenset[str]:
    """Words naming a military formation that begin a body's name before "of" and the forces it is made of
    ("group", "command", "fleet"; names.json formation_words: "Group of Soviet Forces in Germany", "Northern
    Group of Forces"), folded. Errors as organisation_head_words."""
    return frozenset(fold(w) for w in _word_list("formation_words"))


@lru_cache(maxsize=1)
def numbered_meeting_words() -> tuple[str, ...]:
    """Head words of meetings a number counts ("Congress", "Plenum"; names.json numbered_meetings), as
    printed. Errors as organisation_head_words."""
    return tuple(_word_list("numbered_meetings"))


@lru_cache(maxsize=1)
def office_names() -> tuple[str, ...]:
    """Offices whose name names their holder ("Dalai Lama"; names.json persons_named_by_office), as
    printed. Errors as organisation_head_words."""
    return tuple(_word_list("persons_named_by_office"))


@lru_cache(maxsize=1)
def body_title_words() -> frozenset[str]:
    """Title words that begin a body's name right before its head word ("General" of "General
    Association"; names.json titles_naming_bodies), as printed. Errors as organisation_head_words."""
    return frozenset(_word_list("titles_naming_bodies"))


@lru_cache(maxsize=1)
def not_body_abbreviations() -> frozenset[str]:
    """Abbreviations that name no body, as printed ("DMZ", "POW"; names.json not_body_abbreviations): never
    an organisation by their place after "the" or a preposition. Errors as organisation_head_words."""
    return frozenset(_word_list("not_body_abbreviations"))


def lower_case_bodies_after_a_state() -> tuple[str, ...]:
    """Kinds of body a translation names in lower case after a state's adjective ("the Iraqi communist
    party"; names.json lower_case_bodies_after_a_state), as printed, the longest first. Errors as
    organisation_head_words."""
    return tuple(sorted(_word_list("lower_case_bodies_after_a_state"), key=len, reverse=True))


@lru_cache(maxsize=1)
def address_line_words() -> tuple[str, ...]:
    """The words that open a memorandum's address line ("TO", "FROM"; names.json address_line_words), as
    printed. Errors as organisation_head_words."""
    return tuple(_word_list("address_line_words"))


def body_abbreviations() -> tuple[str, ...]:
    """Abbreviations that name a body no authority entry holds, as printed ("KKM"; names.json
    body_abbreviations): an organisation of the record wherever printed. Errors as organisation_head_words."""
    return tuple(_word_list("body_abbreviations"))


@lru_cache(maxsize=1)
def kin_nouns_before_given_names() -> tuple[str, ...]:
    """Nouns of kin after a possessive that listed given names follow ("his sons Yuriy and Nikolay"; names.json
    kin_nouns_before_given_names), as printed. Errors as organisation_head_words."""
    return tuple(_word_list("kin_nouns_before_given_names"))


@lru_cache(maxsize=1)
def legislature_short_forms() -> dict[str, tuple[str, ...]]:
    """A legislature named in full with its state and then by its chamber's word alone (names.json
    legislature_short_forms): "states" and "chambers" of the full names, the "bare" words, the lower-case
    "words_before" them, as printed. Errors as organisation_head_words."""
    raw = json.loads(_DATA.read_text(encoding="utf-8"))["legislature_short_forms"]
    return {key: tuple(words) for key, words in raw.items() if not key.startswith("_")}


@lru_cache(maxsize=1)
def body_name_continuations() -> dict[str, frozenset[str]]:
    """How a body's name found by its shape goes on past its head word (names.json body_name_continuations):
    "number_words" and "numerals" as printed ("Number", "Two"), "ordinals", "with_after" and "legislatures"
    folded. Errors as organisation_head_words."""
    raw = json.loads(_DATA.read_text(encoding="utf-8"))["body_name_continuations"]
    return {key: frozenset(words) for key, words in raw.items() if not key.startswith("_")}


@lru_cache(maxsize=1)
def heads_after_a_word() -> dict[str, frozenset[str]]:
    """Words that end an organisation's name only after one of their words ("staff" after "general":
    "General Staff of the KPA"; names.json heads_after_a_word), folded. Errors as organisation_head_words."""
    raw = json.loads(_DATA.read_text(encoding="utf-8"))["heads_after_a_word"]["words"]
    return {head: frozenset(before) for head, before in raw.items()}


@lru_cache(maxsize=1)
def letterhead_offices() -> tuple[str, ...]:
    """The first words, in capitals, of an office of state a document's heading names as its body
    ("SECRETARY OF STATE FOR"; names.json letterhead_offices). Errors as organisation_head_words."""
    return tuple(_word_list("letterhead_offices"))


@lru_cache(maxsize=1)
def document_nouns() -> frozenset[str]:
    """Words of a document's kind a heading prints after a body's name ("Incoming", "Telegram"; names.json
    document_nouns), folded: never part of the name. Errors as organisation_head_words."""
    return frozenset(fold(w) for w in _word_list("document_nouns"))


@lru_cache(maxsize=1)
def body_ranks() -> dict[str, int]:
    """How high the body each head word names stands in a hierarchy (1 a unit such as "department", 2 an
    organ such as "ministry" or "committee", 3 a party or government; names.json body_ranks), folded: a
    comma-joined hierarchy, smallest unit first, is one name while the ranks rise. Errors as
    organisation_head_words."""
    raw = json.loads(_DATA.read_text(encoding="utf-8"))["body_ranks"]["words"]
    return {fold(word): int(rank) for word, rank in raw.items()}


@lru_cache(maxsize=1)
def paper_cues() -> tuple[str, ...]:
    """Words right before a paper's name ("newspaper", "editorial board of"; names.json paper_cues), as
    printed, longest first. Errors as organisation_head_words."""
    return tuple(sorted(_word_list("paper_cues"), key=len, reverse=True))


@lru_cache(maxsize=1)
def state_organ_names() -> dict[str, tuple[str, ...]]:
    """Organs every state has -> the names translations give each ("foreign ministry": "Ministry of
    Foreign Affairs", "MFA", "MOFA"...; names.json state_organs). Errors as organisation_head_words."""
    organs = json.loads(_DATA.read_text(encoding="utf-8"))["state_organs"]["organs"]
    return {organ: tuple(names) for organ, names in organs.items()}


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    try:
        from english_words import get_english_words_set  # type: ignore[import-untyped]
    except ImportError:  # without the word list, fewer capitalised words end a name: still correct, less precise
        return frozenset()
    return frozenset(get_english_words_set(["gcide"], lower=True, alpha=True))


def title_pattern(extra: tuple[str, ...] = ()) -> str:
    """A regex matching every title, rank, role and honorific, the longest first. Built as a trie,
    so that the scan tries a letter once instead of every title in turn (several hundred of them)."""
    v = vocabulary()
    return trie_regex({*v.honorifics, *v.ranks, *v.roles, *extra})


def trie_regex(words: set[str]) -> str:
    """A regex for exactly `words` in which common prefixes are shared; a longer word is preferred."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_to_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


# Initials: one capital, or a transliterated digraph (Ye. K. Ligachev, Yu. V. Andropov), with a period.
INITIAL = (
    rf"(?:Ye|Yu|Ya|Yo|Zh|Ch|Sh|Kh|Ts|Gy|Sz|Cs|Th|Ph|YE|YU|YA|YO|ZH|KH|TS|[{UPPER}])\."  # "A. YA. VYSHINSKY" in capitals
)


def east_asian_shape(words: list[str], words_too: bool = False) -> bool:
    """Family name first, then syllables: `Kim Tae-hun`, `RI Myong Sik`, `Le Thanh Nghi`, `Wang Bingnan`,
    `Choe In Din` (a Russian transliteration's short syllables, the first a function word).

    A family name that is also an English word (Lee, Park, Nam, Han) needs stronger evidence: its
    given name hyphenated, or the family name in capitals, or a given-name word no dictionary has;
    `words_too`: the caller has that evidence from the text around the name ("Mun Il, who ..."), and
    the name's words may all be dictionary words. An initial is no family name (`O. Winzer` is Otto
    Winzer, not the Korean family name O).
    """
    v = vocabulary()
    if not 2 <= len(words) <= 3 or words[0].endswith(".") or fold(words[0]) not in v.east_asian_family:
        return False
    given = words[1:]
    # a Russian transliteration's short syllables ("Choe In Din", "Kim On Sek"): a word of not_names may be
    # the first of two given syllables when both are short, the last is no such word and the family name no
    # dictionary word (so "Ri In Pyongyang" and "Park In Ohio" are no name)
    russian_style = (
        len(given) == 2
        and all(len(w) <= 3 for w in given)
        and fold(given[1]) not in v.not_names
        and not v.is_common_word(words[0])
    )
    # a Vietnamese name as a Russian transliteration spells it ("Tran Hmu Dyk", "Ta Khmu Kan"): after a
    # Vietnamese family name, two short capitalised words that no dictionary has may be its syllables
    russian_vietnamese = (
        len(given) == 2
        and fold(words[0]) in v.vietnamese_family
        and all(len(w) <= 4 and w.isalpha() and w[:1].isupper() and w[1:].islower() for w in given)
    )
    if not all(
        w[:1].isupper()
        and (v.is_syllable_word(w) or (russian_vietnamese and not v.is_common_word(w)))
        and (fold(w) not in v.not_names or (russian_style and k == 0))
        for k, w in enumerate(given)
    ):
        return False
    if v.is_title_word(given[-1]) and not given[-1].isupper():
        return False
    if any("-" in w for w in given) or (words[0].isupper() and len(words[0]) > 1) or len(given) == 2:
        return True  # a hyphen, capitals, or three syllables in a row ("Ho En Yon")
    if words_too or not v.is_common_word(words[0]):
        return True
    return any(not v.is_common_word(w) for w in given)


def short_forms(words: list[str]) -> list[str]:
    """The forms a text uses for a person after naming them in full: the family name of an East Asian
    name ("Kim" for Kim Tae-hun; "Le" and "Nghi" for the Vietnamese Le Thanh Nghi), else the surname.
    Initials and particles are never a short form."""
    names = [w for w in words if not re.fullmatch(INITIAL, w) and not (w.islower() and len(words) > 1)]
    if len(names) < 2:
        return []
    if east_asian_shape(names):
        v = vocabulary()
        if fold(names[0]) in v.vietnamese_family and len(names) == 3:
            return [names[0], names[-1]]
        return [names[0]]
    v = vocabulary()
    if len(names) == 2 and fold(names[0]) in v.kunya:
        return []  # "Abu Achmed": a kunya, a name of its own; "Achmed" alone is someone else
    if fold(names[-1]) in v.given and fold(names[0]) not in v.given:
        return [names[0]]  # family name first, Hungarian order: "Péter János" is Péter
    return [names[-1]]
