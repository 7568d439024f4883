"""Who sent the document, when its title names the sender: `Telegram from X to Y`, `Cable, X to Y`,
`Captain X, No. 12, 'Memo …'`, `X's Notes on …`.

The sender is the document's author (TEI Guidelines 2.2.1, titleStmt/author): a person, or a body
(an embassy, a ministry) when the title names no person. Strict on purpose: a phrase that is not
plainly a name or a body (`the Session of the Political Bureau`, `Washington, DC`) names nobody,
since a wrong author is worse than none.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from ..config import RecordFormat
from ..gazetteer import gazetteer_places
from ..letters import LOWER, UPPER


@dataclass(frozen=True)
class Sender:
    """The sender a title names: its name as printed, and whether it is a "person" or an "org"."""

    name: str
    kind: str


_QUOTE = "'‘\"“"
_INITIAL = re.compile(rf"(?:[{UPPER}]\.\s?)+")
_NAME_WORD = re.compile(rf"[{UPPER}][{LOWER}'’-]*[{LOWER}](?:-[{UPPER}][{LOWER}]+)?")


def title_sender(title: str, fmt: RecordFormat) -> Sender | None:
    """The sender the title names, else None.

    Shapes read: `[From the] Journal of [ROLE …] OWNER`, `KIND by SENDER [on …]`, `[Secret|Ciphered …]
    KIND from SENDER [to ADDRESSEE]`, `KIND[ No. N], SENDER to ADDRESSEE`, `SENDER, 'Title'` / `SENDER, No. …` / `SENDER, KIND …`, `SENDER's KIND …`, where KIND
    is one of the format's document kinds. The sender's place or pseudonym in brackets (`Rapacki (New
    Delhi)`, `Filippov [Stalin]`) is not part of the name; a role before the name (`Ambassador in
    Pyongyang, Misho Nikolov`, `Captain Ion Iordache`) is not either. A title in capitals is not read.
    """
    patterns = _kind_patterns(fmt.document_kinds) if title and not title.isupper() else None
    if patterns is None:
        return None
    by_kind, from_kind, kind_then_sender, possessive_kind, leading_kind = patterns
    m = re.match(r"(?:From\s+the\s+)?(?:Journal|Diary)\s+of\s+(?P<owner>.+?)(?:\s*[,:]|\s+(?:for|on)\s+|$)", title)
    if m:  # a journal's owner wrote it: the name ends the owner's description (`Ambassador in X A. B. Name`)
        return _person(_trailing_name(m.group("owner")), fmt)
    m = by_kind.match(title)
    if m:  # `Report by X on …`
        return _sender_until_addressee(
            re.split(r"\s+(?:on|about|regarding|concerning)\s+", m.group("rest"))[0], fmt, True
        )
    m = from_kind.match(title)
    if m:
        return _sender_until_addressee(m.group("rest"), fmt, stop_at_comma=True)
    m = kind_then_sender.match(title)
    if m:
        return _sender_until_addressee(m.group("rest"), fmt, stop_at_comma=False)
    m = possessive_kind.match(title)
    if m:
        return _person(m.group("name"), fmt)
    first, sep, after = title.partition(",")
    after = after.strip()
    if sep and (after[:1] in _QUOTE or after.startswith("No.") or leading_kind.match(after)):
        return _person(first, fmt) or _org(first, fmt)
    return None


@lru_cache(maxsize=8)
def _kind_patterns(document_kinds: frozenset[str]) -> tuple[re.Pattern, ...] | None:
    """title_sender's patterns for a format's document kinds, compiled once per set of kinds (not per
    title): `KIND by X`, `KIND from X`, `KIND[ No. N], X to Y`, `X's KIND`, `KIND` at the start; None
    when the format names no kind."""
    kinds = "|".join(sorted((re.escape(k) for k in document_kinds), key=len, reverse=True))
    if not kinds:
        return None
    lead = rf"(?:[{UPPER}][\w-]*\s+){{0,2}}"  # "Secret", "Ciphered", "Telephone"
    return (
        re.compile(rf"{lead}(?i:{kinds})\s+by\s+(?P<rest>.+)$"),
        re.compile(rf"{lead}(?i:{kinds})\s+from\s+(?P<rest>.+)$"),
        re.compile(rf"{lead}(?i:{kinds})(?:\s+No\.\s*[\w./-]+|\s+via\s+[\w.-]+)?\s*,\s*(?P<rest>.+\s+to\s+.+)$"),
        re.compile(rf"(?P<name>[^,]+?)[’']s\s+(?i:{kinds})\b"),
        re.compile(rf"{lead}(?i:{kinds})\b"),
    )


def _sender_until_addressee(rest: str, fmt: RecordFormat, stop_at_comma: bool) -> Sender | None:
    """The sender at the start of `rest`: before one of its ` to ` (the first that leaves a sender),
    else (no addressee) before the first comma or bracket."""
    cuts = [m.start() for m in re.finditer(r",?\s+to\s+", rest)]
    for cut in cuts:
        found = _person(rest[:cut], fmt) or _org(rest[:cut], fmt)
        if found:
            return found
    if stop_at_comma or not cuts:
        head = re.split(r",|\[|\s[-–—]\s", rest, maxsplit=1)[0]
        if re.match(r",\s*(?:[A-Z]\.?){2}(?![\w.])", rest[len(head) :]):
            return None  # `Washington, DC`: a place and its state
        return _person(head, fmt) or _org(head, fmt)
    return None


def _trailing_name(phrase: str) -> str:
    """The run of name words and initials that ends a phrase (`Soviet Ambassador in the DPRK A. M.
    Puzanov` -> `A. M. Puzanov`); a word in capitals (`DPRK`) or in lower case ends the run."""
    words = _without_brackets(phrase).split()
    k = len(words)
    while k > 0 and (_NAME_WORD.fullmatch(words[k - 1]) or _INITIAL.fullmatch(words[k - 1] + " ")):
        k -= 1
    return " ".join(words[k:])


def _person(phrase: str, fmt: RecordFormat) -> Sender | None:
    """A person's name: the last part of an apposition (`Ambassador in Pyongyang, Misho Nikolov`),
    after any title, rank or role; one to four name words, initials or particles."""
    if re.search(r"\[[^\]]*\]$", phrase.strip(" ,")):
        return None  # `Filippov [Stalin]`: a code name the editor resolves; the signature says which to keep
    phrase = _without_brackets(phrase)
    name = phrase.rsplit(",", 1)[-1].strip() if "," in phrase else phrase
    words = name.split()
    vocab = _vocabulary()
    # a title word, but not an initial that spells like one (`M.` of `A. M. Puzanov`)
    titled = [
        i
        for i, w in enumerate(words)
        if w.rstrip(".").casefold() in vocab["titles"] and not _INITIAL.fullmatch(w + " ")
    ]
    if titled:
        words = words[titled[-1] + 1 :]
    if not 1 <= len(words) <= 4 or _INITIAL.fullmatch(words[-1] + " "):
        return None
    for k, word in enumerate(words):
        folded = word.rstrip(".,").casefold()
        if folded in vocab["particles"] and 0 < k < len(words) - 1:
            continue
        if _INITIAL.fullmatch(word + " "):
            continue
        if not _NAME_WORD.fullmatch(word):
            return None
        if folded in vocab["not_names"] or folded in fmt.document_kinds or folded in fmt.institution_words:
            return None
    name = " ".join(words)
    if name.casefold() in _place_names():
        return None  # `Telegram from Washington`: a place is no person
    return Sender(name, "person")


def _org(phrase: str, fmt: RecordFormat) -> Sender | None:
    """A body: a short phrase whose head is an institution word (`Romanian Embassy in Cairo`,
    `Embassy of Hungary in North Korea`, `East German Ministry for State Security`). A person named
    in parentheses after it (`Polish Embassy in Havana (Jeleń)`) is the one who sent it."""
    head_of_mission = re.search(r"\(([^()]+)\)\s*,?$", phrase.strip())
    phrase = re.sub(r"^the\s+", "", _without_brackets(phrase).strip(" ,"))
    words = phrase.split()
    if not 2 <= len(words) <= 10:  # `the Embassy` alone says not which
        return None
    head = next((i for i, w in enumerate(words) if w.casefold().strip(",") in fmt.institution_words), None)
    if head is None or head > 3 or not all(w[:1].isupper() for w in words[: head + 1]):
        return None
    if any(w[:1].islower() and w not in ("of", "in", "for", "at", "the", "and") for w in words):
        return None
    if head_of_mission and (person := _person(head_of_mission.group(1), fmt)):
        return person
    return Sender(phrase, "org")


def _without_brackets(text: str) -> str:
    return " ".join(re.sub(r"\s*[(\[][^()\[\]]*[)\]]", "", text).split()).strip(" ,;:")


@cache
def _vocabulary() -> dict[str, frozenset[str]]:
    """Folded words of titles, ranks, roles and honorifics; name particles; words that are no name
    (data/names.json)."""
    raw = json.loads(resources.files("tei_encoder.data").joinpath("names.json").read_text(encoding="utf-8"))
    titles = {w.rstrip(".").casefold() for key in ("honorifics", "ranks", "roles") for t in raw[key] for w in t.split()}
    return {
        "titles": frozenset(titles - {"", "of", "the", "in"}),
        "particles": frozenset(p.casefold() for p in raw["particles"]),
        "not_names": frozenset(w.casefold() for w in raw["not_name_words"]),
    }


@cache
def _place_names() -> frozenset[str]:
    """Countries and large cities (folded), which are never a person sending a document."""
    return frozenset(p.name.casefold() for p in gazetteer_places())
