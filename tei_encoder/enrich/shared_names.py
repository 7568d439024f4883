"""Names several states bore: which one a bare `Korea`, `Vietnam`, `Germany` or `Yemen` names.

The authority says when each state existed (`<state type="existence" from to>`) and which bare name
it bore with others (`<placeName type="shared" from to>`: Korea of North and South Korea after
1948). A bare name is linked only to the one state the record's date and its text make certain:

- only one state bore the name on the record's date (`Vietnam` in 1980 is the Socialist Republic;
  `Yemen` in 1964 the Yemen Arab Republic), and no contender the record names (`Republic of China`
  beside `China`) makes it uncertain; or
- the sentence speaks of the country as a whole (`would unite Korea`: whole_country, the undated entry).

When several states bore it, a record that names one of them elsewhere (`DPRK`, `Hanoi`) chooses none:
the bare name may still mean the whole country or the other state (`the reunification of Korea`, `the
war in Vietnam`; annotators of unseen real records read the undivided country there). The name then
stays a place of the record, unlinked, with a warning, for an editor to review (`tei-encoder review`):
a wrong link is worse than none (TEI Guidelines 13.3.6, `ref` as a claim of identity).
A dated entry is never linked by any of its names before it existed (`Russia` in 1960 is not the
Russian Federation); after it ceased, its own names still name it (`the former GDR`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..authority import AuthorityEntry


@dataclass(frozen=True)
class Bearer:
    """One state that bore a bare name from `start` (inclusive) to `end` (exclusive, ISO dates, either
    open); `contender`: never chosen, only makes the name uncertain when the record names it."""

    entity_id: str
    start: str | None
    end: str | None
    contender: bool = False


@dataclass(frozen=True)
class SharedNames:
    """The bare names several states bore, made once per recogniser from the authority.

    bearers: bare name key -> the states that bore it; existence: entity id -> (from, to) of every
    dated entry; evidence: bare name key -> (a pattern of the bearers' names and capitals, folded name
    -> (its state, whether it chooses that state)), read on a record's text to see which it names.
    """

    bearers: dict[tuple[str, ...], tuple[Bearer, ...]]
    existence: dict[str, tuple[str | None, str | None]]
    # bare name key -> the entry whose own name it is, when that entry has no dates: the country as a whole
    whole: dict[tuple[str, ...], str]
    # bare name key -> (the bearers' names and capitals as searched, longest first: (the form, in capitals as
    # printed?), folded name -> (its state, whether it chooses that state))
    evidence: dict[tuple[str, ...], tuple[tuple[tuple[str, bool], ...], dict[str, tuple[str, bool]]]]


def shared_names(
    entries: Iterable[AuthorityEntry],
    owners: Callable[[tuple[str, ...]], list[str]],
    key_of: Callable[[str], tuple[str, ...]],
    state_words: frozenset[str],
) -> SharedNames:
    """The SharedNames of the authority `entries`. owners(key): the ids of the listed places whose own
    name form has that key (the bare name's own entry: `korea` for Korea); key_of(form): a form's key."""
    entries = list(entries)
    by_id = {e.xml_id: e for e in entries}
    existence = {e.xml_id: e.existence for e in entries if e.existence != (None, None)}
    bearers: dict[tuple[str, ...], list[Bearer]] = {}
    for entry in entries:
        for shared in entry.shared:
            key = key_of(shared.form)
            if key:
                bearers.setdefault(key, []).append(Bearer(entry.xml_id, shared.start, shared.end, shared.contender))
    for key, found in bearers.items():
        for owner in owners(key):
            if owner in by_id and all(b.entity_id != owner for b in found):
                start, end = by_id[owner].existence
                found.append(Bearer(owner, start, end))
    evidence: dict[tuple[str, ...], tuple[tuple[tuple[str, bool], ...], dict[str, tuple[str, bool]]]] = {}
    for key, found in bearers.items():
        named: dict[str, tuple[str, bool]] = {}
        for bearer in found:
            if bearer.entity_id not in by_id:
                continue
            entry = by_id[bearer.entity_id]
            for form in (entry.name, *entry.variants):
                if key_of(form) != key:
                    named.setdefault(_fold(form), (entry.xml_id, _state_name(form, state_words)))
            for capital in entry.capitals:
                named.setdefault(_fold(capital), (entry.xml_id, True))
        if named:
            capitals = {f for f in named if _in_capitals(f, by_id[named[f][0]])}
            # longest first: "democratic people's republic of korea" is read whole, never as "republic of korea";
            # an abbreviation in capitals only as printed ("ROK", never a word "rok")
            searched = tuple(
                (f.upper() if f in capitals else f, f in capitals) for f in sorted(named, key=len, reverse=True)
            )
            evidence[key] = (searched, named)
    whole = {key: owner for key in bearers for owner in owners(key) if owner in by_id and owner not in existence}
    return SharedNames({k: tuple(v) for k, v in bearers.items()}, existence, whole, evidence)


def _in_capitals(folded: str, entry: AuthorityEntry) -> bool:
    """Whether the entry's form folded to `folded` is an abbreviation in capitals (`ROK`, `DRV`)."""
    return any(_fold(f) == folded and _abbreviation(f) for f in (entry.name, *entry.variants))


def _abbreviation(form: str) -> bool:
    letters = re.sub(r"[\W_]", "", form)
    return len(letters) >= 2 and letters.isupper()


def _state_name(form: str, state_words: frozenset[str]) -> bool:
    """Whether a name form is a state's own name: with a word of `state_words` (`Democratic Republic of
    Vietnam`) or an abbreviation in capitals (`DRV`, `GDR`); `North Korea`, `West Germany` are not."""
    return _abbreviation(form) or any(w in state_words for w in form.split())


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def _covers(start: str | None, end: str | None, first: str, last: str) -> bool:
    """Whether the period [start, end) meets the days first..last (ISO dates)."""
    return (start is None or last >= start) and (end is None or first < end)


def date_span(iso: str | None) -> tuple[str, str] | None:
    """The first and last day (ISO) of a record's date (`1964`, `1964-06`, `1964-06-12`), else None."""
    if not iso or not iso[:4].isdigit():
        return None
    if len(iso) >= 10:
        return iso[:10], iso[:10]
    if len(iso) >= 7:
        return f"{iso[:7]}-01", f"{iso[:7]}-31"
    return f"{iso[:4]}-01-01", f"{iso[:4]}-12-31"


def whole_country(table: SharedNames, key: tuple[str, ...], sentence: str, cues: tuple[str, ...]) -> str | None:
    """The entry of the country as a whole a bare name several states bore names (`korea`) when its
    `sentence` speaks of the whole (a word of `cues`, folded, as a whole word: "would unite Korea"), else None."""
    whole = table.whole.get(key)
    if whole is None:
        return None
    return whole if _cue_pattern(cues).search(sentence) else None


@lru_cache(maxsize=4)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern:
    """One pattern for the whole-country cue words or phrases, as whole words in any case (made once)."""
    words = sorted((r"\s+".join(map(re.escape, cue.split())) for cue in cues), key=len, reverse=True)
    return re.compile(rf"(?<![\w’'-])(?:{'|'.join(words)})(?![\w’'-])", re.IGNORECASE)


def reading(
    table: SharedNames, key: tuple[str, ...], entity_id: str, when: tuple[str, str] | None, text: tuple[str, str]
) -> str | None:
    """The entity a listed place form (key, linked by the lists to entity_id) names in a record of the
    days `when` whose text (title, summary and body) is `text` (as printed, and lower-cased): entity_id
    itself, another state that bore
    the bare name, or None (no state is certain: leave it unlinked and report it)."""
    bearers = table.bearers.get(key)
    if bearers is None:
        start, end = table.existence.get(entity_id, (None, None))
        return None if when and start and when[1] < start else entity_id  # never before it existed
    live = [b for b in bearers if when is None or _covers(b.start, b.end, *when)]
    plain = [b.entity_id for b in live if not b.contender]
    if len(plain) == 1 and len(live) == 1:
        return plain[0]  # only one state bore the name then (no text to read)
    named, _ = _named_states(table, key, text)
    if any(b.contender and b.entity_id in named for b in live):
        return None  # "Republic of China" in the record: bare "China" may be either
    if len(plain) == 1:
        return plain[0]  # only one state bore the name then
    # several did: a record that names one of them elsewhere ("DPRK", "Hanoi") may still mean the whole
    # country or the other state by the bare name ("the reunification of Korea", "the war in Vietnam"),
    # so it chooses none (unseen real records, annotators: the undivided country)
    return None


def _named_states(table: SharedNames, key: tuple[str, ...], text: tuple[str, str]) -> tuple[set[str], set[str]]:
    """The bearers of the bare name `key` that `text` (as printed, and lower-cased) names by any of their
    names or capitals, and those it names by a state name or capital (which choose a state)."""
    found = table.evidence.get(key)
    if found is None:
        return set(), set()
    searched, named = found
    any_name: set[str] = set()
    choosing: set[str] = set()
    taken: list[tuple[int, int]] = []  # where longer names stand: a shorter one inside them is none
    for form, in_capitals in searched:
        haystack = text[0] if in_capitals else text[1]
        found_here = []
        at = haystack.find(form)
        while at >= 0:  # (a few names, each found by str.find: faster than one pattern of them all)
            end = at + len(form)
            whole = not (at and haystack[at - 1].isalnum()) and not haystack[end : end + 1].isalnum()
            if whole and not any(a <= at and end <= b for a, b in taken):
                found_here.append((at, end))
            at = haystack.find(form, at + 1)
        if not found_here:
            continue
        taken.extend(found_here)
        state, chooses = named.get(form.casefold(), ("", False))
        if state:
            any_name.add(state)
            if chooses:
                choosing.add(state)
    return any_name, choosing
