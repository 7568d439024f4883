"""Reading an encoded document: its entity mentions and the standOff entries they point to.

Shared by the stages and reports that read TEI back (publish's summaries, the entities report),
so that both count the same mentions and describe an entry's provenance the same way.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from . import sitemap
from .config import ordinal_date_locales, sentence_abbreviations
from .signs import gap_words, shipped_strings
from .tei import (
    BREAKING,
    EDITORIAL_ONLY,
    KIND_OF_ENTRY_QNAME,
    KIND_OF_MENTION_QNAME,
    NSMAP,
    XML_ID,
    XML_LANG,
    XML_WHITESPACE,
    T,
    surface_text,
)

MENTION_KINDS = KIND_OF_MENTION_QNAME  # Clark name of a mention element -> entity kind
ENTRY_KINDS = KIND_OF_ENTRY_QNAME  # Clark name of a standOff entry element -> entity kind


def mentions(root: etree._Element, unlinked: bool = False) -> Iterator[etree._Element]:
    """Linked persName/placeName/orgName in the abstract and the text, in document order (the
    entities report's view; the site counts and links mentions with `sitemap.mentions`); with
    `unlinked`, those without @ref too."""
    containers = [
        c
        for c in root.iter(T + "abstract", T + "text")
        if next(c.iterancestors(T + "abstract", T + "text"), None) is None
    ]
    for container in containers:
        for el in container.iter(*MENTION_KINDS):
            if unlinked or el.get("ref") is not None:
                yield el


def entries(root: etree._Element) -> Iterator[etree._Element]:
    """The person, place and org entries of the document's standOff."""
    for stand_off in root.iterchildren(T + "standOff"):
        yield from stand_off.iter(*ENTRY_KINDS)


def entry_source(entry: etree._Element) -> str:
    """authority (an editor's file), gazetteer (GeoNames, cert=medium) or rule (found by the encoder)."""
    if entry.get("resp") != "#encoder":
        return "authority"
    return "gazetteer" if entry.get("cert") == "medium" else "rule"


# --- what the index and registers need of one document ------------------------------------------


# what an entry may tell besides its names
DETAILS = ("birth", "death", "note", "geo", "capital", "birth_place", "death_place", "floruit", "floruit_place")


@dataclass(frozen=True)
class EntryInfo:
    """How the edition shows one entity: its kind, preferred name, provenance and identifiers.

    source: "authority" (an editor's file), "gazetteer" (GeoNames), "rule" (found by the encoder),
    or "unresolved" (mentioned, but no entry describes it).
    """

    kind: str
    name: str
    source: str = "unresolved"
    idnos: tuple[tuple[str, str], ...] = ()
    # a person's birth and death as the entry gives them: a date value (sitemap.DATE_SPAN) from the
    # event's or its date's attributes, else the date's words as written; where: its place's names
    birth: str = ""
    death: str = ""
    note: str = ""  # the entry's short note, whitespace normalised
    geo: str = ""  # a place's "lat lon" from location/geo (TEI Guidelines 13.3.4.1)
    # a state's capital, "GEONAMES-ID NAME", from location[@type="capital"]/settlement/@ref: a
    # GeoNames URL or a pointer to an authority entry with a GeoNames id (`authority_details`)
    capital: str = ""
    birth_place: str = ""
    death_place: str = ""
    floruit: str = ""  # when the person was active (<floruit>), as birth and death are given
    floruit_place: str = ""

    def to_json(self) -> dict:
        """The info as a JSON object (the optional details only when present)."""
        data = {"kind": self.kind, "name": self.name, "source": self.source, "idnos": [list(i) for i in self.idnos]}
        for key in DETAILS:
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data

    @classmethod
    def from_json(cls, data: dict) -> EntryInfo:
        """Read back to_json."""
        details = {key: data.get(key, "") for key in DETAILS}
        return cls(data["kind"], data["name"], data["source"], tuple((t, v) for t, v in data["idnos"]), **details)


@dataclass(frozen=True)
class DocumentSummary:
    """One document as the index and the registers show it (kept in the build state).

    id: TEI/@xml:id; name: the output name (docs/<name>.html); title; date (a date value: an ISO
    date, a span or bounds, `sitemap.document_date`) and date_text (as printed); year; summary: the abstract's text;
    mentions: entity id -> number of mentions (the page anchors are m-<id>-1 … m-<id>-<n>; 0 for an entity
    named only in readings the page does not print, see readings);
    entities: entity id -> EntryInfo, for the mentioned entities; forms: entity id -> the other
    name forms this document's standOff gives it; contexts: entity id -> the sentence around each
    of its mentions, in mention order (keyword in context for the entry pages); lang and
    title_lang: the languages of the text and of the title, for pages quoting them.
    """

    id: str
    name: str
    title: str = ""
    date: str = ""
    date_text: str = ""
    summary: str = ""
    mentions: dict[str, int] = field(default_factory=dict)
    entities: dict[str, EntryInfo] = field(default_factory=dict)
    forms: dict[str, list[str]] = field(default_factory=dict)
    contexts: Mapping[str, list[KeywordInContext]] = field(default_factory=dict)
    verbatim: tuple[str, ...] = ()  # the summary's code-like parts holding a double hyphen (summary_verbatim)
    lang: str = ""  # the text's language, as HTML lang ("" unknown; sitemap.document_languages)
    title_lang: str = ""  # the title's language, likewise
    # entity id -> a name form -> the language the document gives it (xml:lang on the standOff
    # entry's name or on a mention), as HTML lang (`name_languages`)
    name_langs: dict[str, dict[str, str]] = field(default_factory=dict)
    # entity id -> the page's entries in its list of readings (1 is entry a) that name it, for an entity
    # the document names only in readings the page does not print (its mentions count 0;
    # sitemap.reading_only_names)
    readings: dict[str, list[int]] = field(default_factory=dict)
    # entity id -> the words of its mentions -> how often, for an entity that no entry of the
    # document describes (no listPerson/listPlace/listOrg entry, no authority copy): what its entry
    # page is named by when no document of the edition describes it (`mention_words`)
    worded: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def year(self) -> str:
        """The year of the document's date, of its start for a span or bounds (its end when only that is
        known; `sitemap.date_start`); "" when undated."""
        return sitemap.year_of(sitemap.date_start(self.date))

    @property
    def page(self) -> str:
        """The document's page, relative to the site root."""
        return f"docs/{self.name}.html"

    def with_entities(self, entities: dict[str, EntryInfo]) -> DocumentSummary:
        """The same summary reading entity descriptions from another (for example edition-wide) table."""
        return replace(self, entities=entities)

    def rekeyed(self, scope: Mapping[str, str]) -> DocumentSummary:
        """The same summary with its entity ids renamed by SCOPE (id -> new key; ids not in it
        stay): an entity kept apart from another of the same id (clashes.entry_clashes)."""
        if not scope:
            return self

        def keyed(table: Mapping) -> dict:
            return {scope.get(ref, ref): value for ref, value in table.items()}

        return replace(
            self,
            mentions=keyed(self.mentions),
            entities=keyed(self.entities),
            forms=keyed(self.forms),
            contexts=keyed(self.contexts),
            name_langs=keyed(self.name_langs),
            readings=keyed(self.readings),
            worded=keyed(self.worded),
        )

    def to_json(self, with_entities: bool = True) -> dict:
        """The summary as a JSON object; with_entities=False leaves the entity table out."""
        data = {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "date": self.date,
            "date_text": self.date_text,
            "summary": self.summary,
            "mentions": self.mentions,
            "forms": self.forms,
            "contexts": {ref: [c.to_json() for c in cs] for ref, cs in self.contexts.items()},
            "lang": self.lang,
            "title_lang": self.title_lang,
        }
        if self.verbatim:
            data["verbatim"] = list(self.verbatim)
        if self.name_langs:
            data["name_langs"] = self.name_langs
        if self.readings:
            data["readings"] = self.readings
        if self.worded:
            data["worded"] = self.worded
        if with_entities:
            data["entities"] = {ref: info.to_json() for ref, info in self.entities.items()}
        return data

    @classmethod
    def from_json(cls, data: dict, entities: dict[str, EntryInfo] | None = None) -> DocumentSummary:
        """Read back `to_json`; `entities` replaces a missing entity table."""
        table = entities if entities is not None else {r: EntryInfo.from_json(e) for r, e in data["entities"].items()}
        fields = {k: data[k] for k in ("id", "name", "title", "date", "date_text", "summary", "mentions", "forms")}
        return cls(
            **fields,
            entities=table,
            contexts={r: [KeywordInContext.from_json(c) for c in cs] for r, cs in data.get("contexts", {}).items()},
            verbatim=tuple(data.get("verbatim", ())),
            lang=data.get("lang", ""),
            title_lang=data.get("title_lang", ""),
            name_langs=data.get("name_langs", {}),
            readings=data.get("readings", {}),
            worded=data.get("worded", {}),
        )


def _plain(el: etree._Element) -> str:
    """An element's text, whitespace normalised (most name elements hold a single string)."""
    return " ".join(((el.text if len(el) == 0 else "".join(el.itertext())) or "").split())


def _text(el: etree._Element | None) -> str:
    return surface_text(el) if el is not None else ""


# Code-like elements, whose double hyphens are no dashes (xslt/ui.xsl f:verbatim names the same)
VERBATIM = tuple(T + tag for tag in ("code", "ident", "idno", "email", "eg", "gi", "att", "val", "tag", "ptr"))


def summary_verbatim(el: etree._Element | None) -> tuple[str, ...]:
    """The surface text (whitespace normalised) of each code-like element of the abstract EL that
    holds a double hyphen (`VERBATIM`, and a ref showing its own target), outermost only, in
    document order: what the index's summary keeps as written when it sets dashes (xslt/ui.xsl
    f:dashes($text, $kept)). () for none (most abstracts), or no abstract."""
    if el is None or "--" not in "".join(el.itertext()):
        return ()
    found: list[str] = []
    for part in el.iter(*VERBATIM, T + "ref"):
        if part.tag == T + "ref" and _normal(_string(part)) != _normal(part.get("target") or ""):
            continue
        if any(a.tag in VERBATIM for a in part.iterancestors()):
            continue
        text = surface_text(part)
        if "--" in text and text not in found:
            found.append(text)
    return tuple(found)


# Elements whose text is a unit of reading: a mention's context sentence never crosses one.
_BLOCKS = frozenset(
    T + tag for tag in ("p", "head", "item", "seg", "dateline", "salute", "signed", "label", "note", "cell", "l", "ab")
)
# text a reader does not see at that place: corrections (as for a name's surface text) and notes
# coordinates (geo) are data, never words of a sentence, as on the page (xslt/entities.xsl)
_SKIPPED = frozenset({T + tag for tag in (*EDITORIAL_ONLY, "note", "geo")})

_SEPARATE = _BLOCKS | {
    T + tag for tag in ("opener", "closer", "div", "list", "lg", "sp", "speaker", "byline", "docAuthor", "trailer")
}
# Units a mention's context never leaves: a bare name in one (a signature, a salute, a list item,
# a speaker's label) takes the words of the unit around it, never those of the blocks before or
# after it (a heading's name does not run into the opener, a signature not into a postscript); a
# note's text is its own (the paragraph around a note leaves the note out).
_FRAMES = frozenset(
    T + tag
    for tag in (
        "head", "note", "dateline", "opener", "closer", "postscript", "list", "sp", "byline",
        "docAuthor", "trailer", "argument", "epigraph", "abstract", "figure", "table",
    )
)  # fmt: skip
# editorial signs the document page prints around an element's text (xslt/notes.xsl), kept in contexts
_MARKS = {T + "supplied": ("[", "]")}
GAP = sitemap.GAP
_ALTERNATIVES = frozenset({T + "choice", T + "app"})  # of these, a context reads the printed one only
_CHANGES = {T + "del": "context-del", T + "add": "context-add"}  # marked as the UI strings say


CONTEXT_CHARS = 240  # a context longer than this is cut around the mention


_WORDS = re.compile(r"\w")
_TEXT_TOP = frozenset({T + "text", T + "body", T + "front", T + "back", T + "TEI", T + "teiHeader"})


_INLINE_BLOCKS = frozenset({T + "label", T + "seg"})  # blocks within a block of the text's flow
_UNITS = _BLOCKS - _INLINE_BLOCKS  # the blocks of the text's flow (their spans are kept: mention_contexts)


def _own_block(el: etree._Element) -> etree._Element:
    """The unit of reading a mention is in: its nearest paragraph, heading, item, note … (a
    speaker's label or a docket segment is part of one), else its parent (or itself at the top)."""
    unit = next(el.iterancestors(*_UNITS), None)
    if unit is None:
        unit = el.getparent()
    return el if unit is None else unit


def _blocks(el: etree._Element) -> Iterator[etree._Element]:
    """A mention's context candidates, nearest first: its enclosing block (the mention's parent
    when none is found), then each larger element up to the text's division (never the whole
    body or front)."""
    block = next(el.iterancestors(*_BLOCKS), None)
    if block is None:
        block = el.getparent()
    if block is None:
        yield el
        return
    yield block
    for wider in block.iterancestors():
        if wider.tag in _TEXT_TOP or not isinstance(wider.tag, str):
            return
        yield wider


def _block_text(
    block: etree._Element, marked: set[etree._Element]
) -> tuple[str, dict[etree._Element, tuple[int, int]]]:
    """A block's text as read (corrections and notes left out) and where each element of
    `marked` (the mentions) and each unit of reading (_UNITS) in it lies."""
    parts: list[str] = []
    spans: dict[etree._Element, tuple[int, int]] = {}
    length = 0

    def walk(el: etree._Element) -> None:
        nonlocal length
        start = length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            if child.tag in BREAKING and child.get("break") == "no":
                # a break inside a word (TEI P5 3.11.3): one word, the white space around it taken out
                if parts and parts[-1] != parts[-1].rstrip(XML_WHITESPACE):
                    length -= len(parts[-1]) - len(parts[-1].rstrip(XML_WHITESPACE))
                    parts[-1] = parts[-1].rstrip(XML_WHITESPACE)
                if child.tail:
                    parts.append(child.tail.lstrip(XML_WHITESPACE))
                    length += len(parts[-1])
                continue
            if child.tag in BREAKING:  # a line or page break separates words
                parts.append(" ")
                length += 1
            elif child.tag in _ALTERNATIVES:  # the reading the page prints, never its others
                printed = sitemap.printed_alternative(child)
                if printed is not None:
                    walk(printed)
            elif child.tag == GAP:
                words = gap_words(child)
                parts.append(words)
                length += len(words)
            elif child.tag in _CHANGES:  # a deletion or an addition marked, as the page shows it
                opening, _, closing = shipped_strings()[_CHANGES[child.tag]].partition("{text}")
                parts.append(opening)
                length += len(opening)
                walk(child)
                parts.append(closing)
                length += len(closing)
            elif isinstance(child.tag, str) and child.tag not in _SKIPPED:
                # blocks in a wider context stay apart; supplied text keeps the brackets the page shows
                opening, closing = _MARKS.get(child.tag, (" ", " ") if child.tag in _SEPARATE else ("", ""))
                parts.append(opening)
                length += len(opening)
                walk(child)
                parts.append(closing)
                length += len(closing)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if el in marked or el.tag in _UNITS:
            spans[el] = (start, length)

    walk(block)
    return "".join(parts), spans


# A sentence ends at ".", "?" or "!" (closing quotes or brackets may follow) and a space, before a
# word that may begin one: not a lower-case word ("approx. ten"), and for a full stop, not after
# an initial ("A. I. Mikoyan", "S.M. Kudryavtsev") or an abbreviation (config.sentence_abbreviations).
_SENTENCE_MARK = re.compile(r"(\S*?)([.?!])[\"'\u201d\u2019)\]\u00bb]*(\s+)(?=\S)")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]$")


# a day or month written as a number with a full stop ("30. 9. 1923", "1. Jänner"): the full stop
# ends no sentence before a number or a month name (_ordinal_date)
_ORDINAL = re.compile(r"\d{1,2}")
_FIRST_WORD = re.compile(r"\w+\.?")


@functools.lru_cache(maxsize=1)
def ordinal_date_months() -> frozenset[str]:
    """The month names (wide and abbreviated, format and stand-alone, case-folded) of the
    languages that write dates with ordinal numbers (data/months.json ordinal_date_locales), from
    Babel's CLDR data."""
    from babel.dates import get_month_names

    from .plurals import cldr_locale

    names: set[str] = set()
    for locale in ordinal_date_locales():
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                names.update(n.casefold() for n in get_month_names(width, context, cldr_locale(locale)).values())
    return frozenset(names)


def _ordinal_date(word: str, following: str) -> bool:
    """Whether a full stop after WORD, before FOLLOWING, belongs to a number of a date ("30. 9.",
    "1. Jänner"): WORD is one or two digits, FOLLOWING begins with a digit or a month name."""
    if not _ORDINAL.fullmatch(word):
        return False
    if following[:1].isdigit():
        return True
    first = _FIRST_WORD.match(following)
    return first is not None and first.group().casefold() in ordinal_date_months()


# an ordinal number as languages that write them with a full stop do ("im 2. Weltkrieg", "das 19.
# Jahrhundert", "der 100. Geburtstag"); a year (four digits) still ends a sentence ("im Jahr 1945.")
_ORDINAL_NUMBER = re.compile(r"\d{1,3}")


@functools.lru_cache(maxsize=1)
def ordinal_languages() -> frozenset[str]:
    """The languages (primary subtags, lower case: "de", "cs") that write an ordinal number as
    digits and a full stop, from data/months.json ordinal_date_locales."""
    return frozenset(locale.replace("-", "_").split("_")[0].lower() for locale in ordinal_date_locales())


@functools.lru_cache(maxsize=256)
def writes_ordinals(lang: str) -> bool:
    """Whether LANG (an HTML lang value, "de-AT"; "" unknown) writes ordinal numbers as digits and
    a full stop (see ordinal_languages): False for an unknown language."""
    return bool(lang) and lang.split("-")[0].lower() in ordinal_languages()


@functools.lru_cache(maxsize=64)
def sentence_starts(text: str, ordinals: bool = False) -> tuple[int, ...]:
    """Where each sentence of TEXT after the first begins (see _SENTENCE_MARK): never after an
    initial, an abbreviation, or a day or month written as an ordinal number ("Wien, 30. 9. 1923");
    with ORDINALS (TEXT is in a language that writes ordinals as digits and a full stop, see
    writes_ordinals), after no such number of up to three digits ("im 2. Weltkrieg"), whatever
    follows: its sentence's start is never lost.
    """
    starts = []
    abbreviations = sentence_abbreviations()
    for mark in _SENTENCE_MARK.finditer(text):
        following = text[mark.end() :].lstrip("\"'\u201c\u2018([\u00ab")
        if following[:1].islower():
            continue
        word = mark.group(1).lstrip("\"'\u201c\u2018([\u00ab")
        if mark.group(2) == "." and (
            _INITIALS.match(word)
            or word in abbreviations
            or _ordinal_date(word, following)
            or (ordinals and _ORDINAL_NUMBER.fullmatch(word))
        ):
            continue
        starts.append(mark.end())
    return tuple(starts)


class _Sentence(NamedTuple):
    before: str
    keyword: str
    after: str


class KeywordInContext(_Sentence):
    """A mention in its sentence, for an entry page: the text before it, the mention as printed, the
    text after it (a 3-tuple: unpacked, joined and compared as one); lang, the sentence's language
    where it is not the document's text's (a paragraph in French in an English record), and
    name_lang, the mention's own where it is not the sentence's (`<persName xml:lang="ru">`), as
    HTML lang values (TEI P5 §vi.1 xml:lang; "" where they are the same). Two contexts are equal
    when their words and languages are; a context without languages equals its 3-tuple."""

    lang = ""
    name_lang = ""

    def __new__(cls, before: str, keyword: str, after: str, lang: str = "", name_lang: str = "") -> KeywordInContext:
        made = super().__new__(cls, before, keyword, after)
        if lang:
            made.lang = lang
        if name_lang:
            made.name_lang = name_lang
        return made

    def __getnewargs__(self) -> tuple[str, str, str, str, str]:
        return (self.before, self.keyword, self.after, self.lang, self.name_lang)

    def _languages(self, other: object) -> tuple[tuple[str, str], tuple[str, str]]:
        theirs = (other.lang, other.name_lang) if isinstance(other, KeywordInContext) else ("", "")
        return (self.lang, self.name_lang), theirs

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, tuple):
            return NotImplemented
        mine, theirs = self._languages(other)
        return tuple.__eq__(self, other) and mine == theirs

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((tuple(self), self.lang, self.name_lang))

    def with_languages(self, lang: str, name_lang: str) -> KeywordInContext:
        """The same context with these languages (see the class)."""
        return KeywordInContext(self.before, self.keyword, self.after, lang, name_lang)

    def to_json(self) -> dict[str, str]:
        """The context as a JSON object with named fields (as the build state keeps it; the languages
        only where given: most sentences are in their document's)."""
        data = {"before": self.before, "keyword": self.keyword, "after": self.after}
        if self.lang:
            data["lang"] = self.lang
        if self.name_lang:
            data["name_lang"] = self.name_lang
        return data

    @classmethod
    def from_json(cls, data: dict[str, str]) -> KeywordInContext:
        """Read back `to_json`."""
        return cls(data["before"], data["keyword"], data["after"], data.get("lang", ""), data.get("name_lang", ""))


def keyword_in_context(
    text: str,
    start: int,
    end: int,
    width: int = CONTEXT_CHARS,
    earlier: int = 0,
    later: int = 0,
    limit: int | None = None,
    ordinals: bool = False,
) -> KeywordInContext:
    """The sentence of `text` around the keyword text[start:end], as a KeywordInContext,
    with the `earlier` sentences before it and the `later` sentences after it, never past
    text[:limit] (None: the whole text).

    Sentences are found by `sentence_starts` (initials and abbreviations do not end one; with
    `ordinals`, the text's language writes ordinal numbers with a full stop, neither do they). A side
    longer than about half of `width` is cut at a space and gets an ellipsis. Whitespace is
    normalised (a side keeps one space next to the keyword).
    """
    starts = sentence_starts(text, ordinals)  # of the whole text (cached: a block's mentions share them)
    limit = len(text) if limit is None else limit
    at = bisect.bisect_right(starts, start) - earlier
    left = starts[at - 1] if at > 0 else 0
    after_end = bisect.bisect_left(starts, end) + later
    right = min(starts[after_end] if after_end < len(starts) else len(text), limit)
    room = max(0, width - (end - start)) // 2
    prefix = suffix = ""
    if start - left > room:
        cut = text.find(" ", start - room, start)
        left, prefix = (cut + 1 if cut >= 0 else start - room), "\u2026"
    if right - end > room:
        cut = text.rfind(" ", end, end + room)
        right, suffix = (cut if cut >= 0 else end + room), "\u2026"
    before, after = _squeeze(text[left:start]).lstrip(), _squeeze(text[end:right]).rstrip()
    return KeywordInContext(prefix + before, " ".join(text[start:end].split()), after + suffix)


def _squeeze(part: str) -> str:
    """Whitespace folded, a leading or trailing space kept."""
    words = " ".join(part.split())
    if not words:
        return ""
    return (" " if part[0].isspace() else "") + words + (" " if part[-1].isspace() else "")


class _Languages:
    """The language (an HTML lang value, `sitemap.html_lang`) at an element of one document: its
    nearest xml:lang, each element's found once (a document's mentions share their ancestors)."""

    def __init__(self) -> None:
        self._at: dict[etree._Element, str] = {}
        self._tags: dict[str, str] = {}

    def at(self, el: etree._Element | None) -> str:
        """The language at EL ("" when none is declared or it is no valid tag)."""
        path: list[etree._Element] = []
        lang = ""
        while el is not None:
            known = self._at.get(el)
            if known is not None:
                lang = known
                break
            path.append(el)
            tag = el.get(XML_LANG)
            if tag is not None:
                if tag not in self._tags:
                    self._tags[tag] = sitemap.html_lang(tag) if tag.strip() else ""
                lang = self._tags[tag]
                break
            el = el.getparent()
        for seen in path:
            self._at[seen] = lang
        return lang


def mention_contexts(
    root: etree._Element,
    found: list[sitemap.Mention] | None = None,
    lang: str | None = None,
    langed: list[etree._Element] | None = None,
) -> dict[str, list[KeywordInContext]]:
    """Entity key -> the KeywordInContext of each of its mentions, in the order in which
    `sitemap.mentions` numbers them (the k-th context belongs to the page's k-th anchor). LANG is
    the language of the document's text (`sitemap.document_languages`, found when None): a
    sentence in another (its block's xml:lang) and a mention in another than its sentence's (its
    own) say theirs (KeywordInContext.lang, name_lang), as the document's page does. LANGED, when
    given, is `_LANGED(root)`, already found."""
    found = sitemap.mentions(root) if found is None else found
    lang = sitemap.document_languages(root)[0] if lang is None else lang
    # a document whose only xml:lang are on its root and text (the encoder's) quotes every sentence
    # in its text's language: no element is asked for its language
    langed = _LANGED(root) if langed is None else langed
    languages = _Languages() if any(el.tag != _TEXT for el in langed) else None
    marked = {m.element for m in found}
    texts: dict[etree._Element, tuple[str, dict[etree._Element, tuple[int, int]]]] = {}
    contexts: dict[str, list[KeywordInContext]] = {}
    for mention in found:
        context, limit, bare, ordinals = KeywordInContext("", "", ""), None, False, False
        # the mention's unit of reading (a paragraph, heading, item…, not a label or segment within
        # one): a wider context never takes the blocks after it
        unit: etree._Element | None = None
        # a block that holds nothing but the name (a signature, a speaker's label, a heading) says
        # nothing of it: the next enclosing element with words of its own gives the context, within
        # the unit (_FRAMES) the name is in
        for block in _blocks(mention.element):
            if block not in texts:
                texts[block] = _block_text(block, marked)
            text, spans = texts[block]
            if mention.element not in spans:  # left out of the wider text: the narrower context stands
                break
            start, end = spans[mention.element]
            if unit is None:
                unit = _own_block(mention.element) if block.tag in _INLINE_BLOCKS else block
            limit = spans[unit][1] if unit is not block and unit in spans else None
            # the block's language: one that writes ordinals with a full stop ends no sentence at one
            ordinals = writes_ordinals(languages.at(block) if languages is not None else lang)
            context = keyword_in_context(text, start, end, limit=limit, ordinals=ordinals)
            if _WORDS.search(context.before) or _WORDS.search(context.after):
                break
            if block.tag in _FRAMES:
                bare = True
                break
        else:
            bare = True
        if bare:
            # a sentence of its own: a label's speech after it (`KHRUSHCHEV. We agree …`), else the
            # sentence before it leads to it (a signature at the end)
            ahead = keyword_in_context(text, start, end, later=1, limit=limit, ordinals=ordinals)
            if not _WORDS.search(context.before) and _WORDS.search(ahead.after):
                context = ahead
            else:
                context = keyword_in_context(text, start, end, earlier=1, limit=limit, ordinals=ordinals)
        if languages is not None:
            said = languages.at(next(_blocks(mention.element)))
            own = languages.at(mention.element)
            context = context.with_languages(said if said != lang else "", own if own != said else "")
        for _kind, key in mention.keys:
            contexts.setdefault(key, []).append(context)
    return contexts


# the elements below the root with an xml:lang (found by libxml2: most documents have one, on text)
_LANGED = etree.XPath(".//*[@xml:lang]")
_TEXT = T + "text"


def _entry_details(el: etree._Element) -> dict[str, str]:
    """Dates of life, note and coordinates of a standOff entry, where it gives them."""
    details = {}
    for key in ("birth", "death", "floruit"):
        events = el.findall(T + key)
        # of several (two accounts of a birth), the first the entry does not call doubtful (@cert="low")
        event = next((e for e in events if e.get("cert") != "low"), events[0]) if events else None
        if event is not None:
            when, place = life_event(event)
            if when:
                details[key] = when
            if place:
                details[key + "_place"] = place
    note = el.find(T + "note")
    notes = [_plain(note)] if note is not None else []
    notes += sitemap.name_notes(el)  # a name form's own note ("Zion" used so by some only)
    if notes := [n for n in notes if n]:
        details["note"] = " ".join(notes)
    geo = el.find(f"{T}location/{T}geo")
    if geo is not None and geo.text:
        details["geo"] = " ".join(geo.text.split())
    capital = el.find(f"{T}location[@type='capital']/{T}settlement[@ref]")
    if capital is not None and (ref := " ".join((capital.get("ref") or "").split()[:1])):
        details["capital"] = f"{_GEONAMES_URL.sub('', ref)} {_plain(capital)}"
    return details


# the names of a place (TEI P5 §13.3.4): what a birth, a death or a place of origin says of where
_PLACE_PARTS = frozenset(
    T + name for name in ("placeName", "settlement", "region", "country", "district", "bloc", "geogName", "geogFeat")
)
# data, not words: coordinates and where a place lies are for the map, never running text
_PLACE_DATA = frozenset((T + "location", T + "geo", T + "note", T + "idno"))


def _words(el: etree._Element, skip: frozenset[str]) -> str:
    """EL's words, whitespace normalised, without the elements of the kinds SKIP (their tails kept)."""
    out: list[str] = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in skip:
            out.append(_words(child, skip))
        out.append(child.tail or "")
    return " ".join("".join(out).split())


def life_event(event: etree._Element) -> tuple[str, str]:
    """(when, where) of a birth, death or floruit (TEI P5 §13.3.2): when as a date value (see
    sitemap.DATE_SPAN) from the event's @when, @from/@to or @notBefore/@notAfter, else from its
    first <date>'s, else the words of that date or of the event itself, its places and coordinates
    left out ("geboren 1880 in Prag" as written); where as the names its place elements give,
    joined by ", " (a settlement's placeName, a region and a placeName), coordinates never. ('', '')
    for an event that gives neither."""
    date = event.find(T + "date")
    value = sitemap.date_value(event) or (sitemap.date_value(date) if date is not None else "")
    if not (value and sitemap.readable(value)):
        value = _words(date, _PLACE_DATA) if date is not None else _words(event, _PLACE_PARTS | _PLACE_DATA)
        value = value.rstrip(" ,;:")  # "c. 1950, <placeName>…": the comma led to the place, shown apart
    return value, place_names(event)


def place_names(el: etree._Element) -> str:
    """The names the place elements directly inside EL give (a settlement's or region's words,
    its location and coordinates left out), joined by ", "; '' for none."""
    names = (_words(child, _PLACE_DATA) for child in el if child.tag in _PLACE_PARTS)
    return ", ".join(dict.fromkeys(n for n in names if n))


# a GeoNames page's address, before the id (https://www.geonames.org/524901/moscow.html)
_GEONAMES_URL = re.compile(r"^https?://(?:www\.|sws\.)?geonames\.org/(?=\d+(?:/|$))|(?<=\d)/.*$")


def _capitals_resolved(details: dict[str, dict[str, str]], geonames: Mapping[str, str]) -> None:
    """A capital given as a pointer to an authority entry (#moscow) made its GeoNames id (GEONAMES:
    entry id -> its GeoNames id); a capital with neither is left out: a place is never placed by a
    name. TEI P5 §13.3.4 (location), §16.1 (pointers)."""
    for found in details.values():
        capital = found.pop("capital", None)
        if capital is None:
            continue
        ref, _, name = capital.partition(" ")
        ref = geonames.get(ref[1:], "") if ref.startswith("#") else ref
        if ref.isdigit():
            found["capital"] = f"{ref} {name}"


def authority_details(files: tuple[Path, ...] | list[Path]) -> dict[str, dict[str, str]]:
    """Entity id -> the dates of life, note and coordinates its authority entry gives (entries
    with none are left out); a later file's entry wins, as when the authority is loaded.

    Input: the authority files (already checked when the authority was loaded: an unreadable
    one is skipped here). The entry pages show these; the TEI does not carry them.
    """
    from .xmlsafe import parse_xml

    details: dict[str, dict[str, str]] = {}
    geonames: dict[str, str] = {}  # entry id -> its GeoNames id: what a capital's pointer leads to
    for path in files:
        try:
            tree = parse_xml(path)
        except Exception:  # noqa: BLE001 - the authority loader reports a bad file
            continue
        for el in tree.getroot().iter(*ENTRY_KINDS):
            xml_id = el.get(XML_ID)
            found = _entry_details(el)
            if xml_id and found:
                details[xml_id] = found
            elif xml_id:
                details.pop(xml_id, None)
            idno = el.find(f"{T}idno[@type='geonames']")
            if xml_id and idno is not None and (idno.text or "").strip().isdigit():
                geonames[xml_id] = idno.text.strip()
    _capitals_resolved(details, geonames)
    return {ref: found for ref, found in details.items() if found}


def summarize(tree: etree._ElementTree | etree._Element, name: str) -> DocumentSummary:
    """What the index and registers need from one TEI document.

    Input: the document (tree or root element) and its output name. Output: a DocumentSummary
    listing only entities the text mentions. Mentions, their kinds and the entries they point
    to are those of `sitemap.mentions` and `sitemap.entries`, which number the page's anchors;
    the title is `sitemap.document_title`, the page's.
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    date, date_text = sitemap.document_date(root)
    abstract = root.find(".//tei:profileDesc/tei:abstract", NSMAP)
    counts: dict[str, int] = {}
    entities: dict[str, EntryInfo] = {}
    listed = sitemap.entries(root)
    found = sitemap.mentions(root, listed)
    for mention in found:
        for kind, ref in mention.keys:
            counts[ref] = counts.get(ref, 0) + 1
            entities.setdefault(ref, EntryInfo(kind, ref))
    # an entity named only in readings the page does not print: no mention, listed all the same
    # (its register entry says so and links to the readings)
    reading_only = sitemap.reading_only_names(root, listed, set(counts))
    for ref, named in reading_only.items():
        counts[ref] = 0
        entities.setdefault(ref, EntryInfo(named.kind, ref))
    forms: dict[str, list[str]] = {}
    for xml_id, el in listed.items():
        if xml_id not in counts:
            continue
        name_els = [n for n in el if isinstance(n.tag, str) and n.tag.endswith("Name")]
        names = [sitemap.name_text(n) for n in name_els]  # a form's note is no part of it (name_notes)
        preferred = sitemap.preferred_name(el)
        idnos = tuple((i.get("type", ""), (i.text or "").strip()) for i in el.iterchildren(T + "idno"))
        entities[xml_id] = EntryInfo(
            ENTRY_KINDS[el.tag], preferred or xml_id, entry_source(el), idnos, **_entry_details(el)
        )
        # each form once: an entry may repeat one under several types (alternative, legacy, merged)
        others = [n for n in dict.fromkeys(names) if n != preferred]
        if others:
            forms[xml_id] = others
    lang, title_lang = sitemap.document_languages(root)
    langed = _LANGED(root)
    return DocumentSummary(
        id=root.get(XML_ID, name),
        lang=lang,
        title_lang=title_lang,
        name=name,
        title=sitemap.document_title(root, name),
        date=date,
        date_text=date_text,
        summary=_text(abstract),
        verbatim=summary_verbatim(abstract),
        mentions=counts,
        entities={ref: entities[ref] for ref in counts},  # the registers list mentioned entities only
        forms={ref: f for ref, f in forms.items() if ref in counts},
        contexts=mention_contexts(root, found, lang, langed),
        readings={ref: list(named.readings) for ref, named in reading_only.items()},
        name_langs=name_languages(found, {ref: listed[ref] for ref in counts if ref in listed}, langed),
        # most documents describe every entity they mention: their mentions are not read again
        worded=mention_words(found, listed) if not listed.keys() >= counts.keys() else {},
    )


# the longest mention that names an entity by its words (a longer one is a passage marked as a
# mention, not a name)
_NAMING_WORDS = 120


def mention_words(found: list[sitemap.Mention], listed: Mapping[str, etree._Element]) -> dict[str, dict[str, int]]:
    """Entity id -> the words of its mentions (whitespace normalised) -> how many mentions have
    them, for each entity FOUND (the document's mentions, `sitemap.mentions`) points to that no
    entry of LISTED (`sitemap.entries`) describes: an entity the document only names. A
    referring string (`rs`, "he", "the Minister") names it only when no name element does.
    Mentions longer than _NAMING_WORDS characters name nothing. The entry page of such an entity
    is named by the most frequent form over the edition (publish.EntityIndex). TEI P5 §13.2 (names
    and referring strings), §13.3 (entries)."""
    named: dict[str, dict[str, int]] = {}
    referring: dict[str, dict[str, int]] = {}
    for mention in found:
        unlisted = [key for _, key in mention.keys if key not in listed]
        if not unlisted:
            continue
        words = _plain(mention.element)
        if not words or len(words) > _NAMING_WORDS:
            continue
        table = referring if mention.element.tag == T + "rs" else named
        for key in unlisted:
            forms = table.setdefault(key, {})
            forms[words] = forms.get(words, 0) + 1
    return {key: named.get(key) or referring[key] for key in sorted(named.keys() | referring.keys())}


def name_languages(
    found: list[sitemap.Mention], entries: Mapping[str, etree._Element], langed: list[etree._Element]
) -> dict[str, dict[str, str]]:
    """Entity id -> each name form the document gives a language of its own -> that language, as
    an HTML lang value (`sitemap.html_lang`): the xml:lang of a name of its standOff entry (on the
    name or on the entry: ENTRIES, id -> entry) and of a mention (`<persName xml:lang="ru">`, its
    words as the entry page quotes them). The registers and entry pages mark such a name with
    its language (TEI P5 §vi.1, §13.2.1 xml:lang on names); a language the name only inherits
    from its document is not its own. LANGED: the document's elements with an xml:lang
    (`_LANGED`), the only ones looked at. {} when the document gives none."""
    found_langs: dict[str, dict[str, str]] = {}
    langed = [el for el in langed if el.tag != _TEXT]
    if not langed:
        return found_langs
    langed_set = set(langed)
    tags: dict[str, str] = {}

    def note(ref: str, form: str, tag: str) -> None:
        lang = tags.get(tag)
        if lang is None:
            lang = tags[tag] = sitemap.html_lang(tag) if tag.strip() else ""
        if form and lang:
            found_langs.setdefault(ref, {}).setdefault(form, lang)

    for ref, entry in entries.items():
        if entry not in langed_set and not any(name in langed_set for name in entry):
            continue
        for name in entry:
            if isinstance(name.tag, str) and name.tag.endswith("Name"):
                tag = name.get(XML_LANG, entry.get(XML_LANG))
                if tag is not None:
                    note(ref, _plain(name), tag)
    for mention in found:
        if mention.element in langed_set:
            for _kind, ref in mention.keys:
                note(ref, " ".join("".join(mention.element.itertext()).split()), mention.element.get(XML_LANG, ""))
    return found_langs


# --- the document page's JSON-LD (schema.org) ------------------------------------------------
# Made here rather than by xslt/metadata.xsl's f:json-ld, which builds the same text from the
# same header (and still does when no value is passed): a quarter of the page's transformation,
# about a tenth of it in Python. Each rule below is the stylesheet's, to the byte.

_XML_SPACE = re.compile(r"[ \t\n\r]+")  # XPath's whitespace: normalize-space() collapses these only
_SAFE_URL = re.compile(r"^https?://[^ \t\n\r\"<>]+\Z", re.IGNORECASE)  # common.xsl f:is-safe-url
_AUTHORITY_URLS = {  # common.xsl f:authority-url
    "wikidata": (re.compile(r"^Q\d+\Z"), "https://www.wikidata.org/wiki/"),
    "geonames": (re.compile(r"^\d+\Z"), "https://www.geonames.org/"),
    "viaf": (re.compile(r"^\d+\Z"), "https://viaf.org/viaf/"),
}
_SCHEMA_TYPES = {T + "person": "Person", T + "place": "Place", T + "org": "Organization"}
_STRING = etree.XPath("string()")
_HEADER_PARTS = {
    name: etree.XPath(path, namespaces=NSMAP)
    for name, path in {
        "abstract": "tei:teiHeader//tei:profileDesc/tei:abstract",
        "url": "tei:teiHeader//tei:publicationStmt/tei:idno[@type='URL']",
        "language": "tei:teiHeader//tei:langUsage/tei:language[not(contains(., 'original'))][1]",
        "translation": "tei:teiHeader//tei:respStmt[tei:resp = 'Translation']",
        "author": "tei:teiHeader//tei:titleStmt/tei:author",
        "repository": "tei:teiHeader//tei:msDesc//tei:repository",
        "funder": "tei:teiHeader//tei:funder",
        "surface": ".//text()[not(ancestor::tei:corr)]",
    }.items()
}
_PREFERRED_NAMES = (T + "persName", T + "placeName", T + "orgName")  # looked for in this order
_IDNO = T + "idno"
# JSON string escapes as Saxon's JSON serializer writes them: "/" escaped, C0 controls (but
# U+001F) and C1 controls as \uXXXX, other characters as they are
_JSON_ESCAPES = {
    **{c: f"\\u{c:04x}" for c in [*range(0x1F), *range(0x7F, 0xA0)]},
    **{ord(k): v for k, v in {'"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\t": "\\t"}.items()},
    **{ord(k): v for k, v in {"\n": "\\n", "\f": "\\f", "\r": "\\r"}.items()},
}


def _normal(text: str) -> str:
    """XPath normalize-space()."""
    return _XML_SPACE.sub(" ", text).strip(" ")


def _string(el: etree._Element) -> str:
    """XPath string(): the element's text and its descendants' (no comment's or instruction's)."""
    return (el.text or "") if not len(el) else _STRING(el)


def _json(value: object) -> str:
    """VALUE (str, dict, list) as compact JSON, escaped as Saxon escapes it (see _JSON_ESCAPES)."""
    fast = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # the json module escapes as Saxon does but for "/", U+001F and C1 controls: "/" only
    # stands in strings (escaped here), the others are rare (spelled out below)
    if "\\u001f" not in fast and not _C1_CONTROLS.search(fast):
        return fast.replace("/", "\\/")
    return _spelled_json(value)


_C1_CONTROLS = re.compile("[\x7f-\x9f]")


def _spelled_json(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.translate(_JSON_ESCAPES) + '"'
    if isinstance(value, dict):
        return "{" + ",".join(f"{_spelled_json(k)}:{_spelled_json(v)}" for k, v in value.items()) + "}"
    return "[" + ",".join(map(_spelled_json, value)) + "]"  # type: ignore[call-overload]


def _entry_ld(entry: etree._Element) -> dict:
    preferred: dict[str, etree._Element] = {}  # the first preferred name of each kind
    same_as = []
    for child in entry:
        tag = child.tag
        if tag == _IDNO:
            pattern, prefix = _AUTHORITY_URLS.get(child.get("type") or "", (None, ""))
            value = _string(child)
            if pattern is not None and pattern.match(value):
                same_as.append(prefix + value)
        elif tag in _PREFERRED_NAMES and tag not in preferred and child.get("type") == "preferred":
            preferred[tag] = child
    name = next((preferred[tag] for tag in _PREFERRED_NAMES if tag in preferred), None)
    data: dict = {"@type": _SCHEMA_TYPES[entry.tag], "name": _normal(_string(name)) if name is not None else ""}
    if same_as:
        data["sameAs"] = same_as
    return data


def json_ld(root: etree._Element, title: str, date: str) -> str:
    """The JSON-LD (schema.org ArchiveComponent) of a document page, for its <script> element
    ("<" escaped): the same text as xslt/metadata.xsl f:json-ld makes from the TEI ROOT, its
    page title TITLE and date value DATE (sitemap.document_title, sitemap.document_date; a span or
    bounds as an ISO 8601 interval, none when a bound is open: sitemap.iso_interval)."""
    part = {name: xpath(root) for name, xpath in _HEADER_PARTS.items() if name != "surface"}
    data: dict = {"@context": "https://schema.org", "@type": "ArchiveComponent", "name": title}
    if sitemap.iso_interval(date):
        data["dateCreated"] = sitemap.iso_interval(date)
    if part["abstract"]:
        data["abstract"] = _normal("".join(_HEADER_PARTS["surface"](part["abstract"][0])))
    url = next((u for u in map(_string, part["url"]) if _SAFE_URL.match(u)), None)
    if url is not None:
        data["url"] = url
    if part["language"]:
        data["inLanguage"] = part["language"][0].get("ident") or ""
    if part["translation"]:
        names = part["translation"][0].iterchildren(T + "persName")
        data["translator"] = [{"@type": "Person", "name": _normal(_string(n))} for n in names]
    for key, name, schema_type in (
        ("author", "author", "Person"),
        ("repository", "holdingArchive", "ArchiveOrganization"),
        ("funder", "funder", "Organization"),
    ):
        if part[key]:
            data[name] = {"@type": schema_type, "name": _normal(_string(part[key][0]))}
    entries = (e for standoff in root.iterchildren(T + "standOff") for e in standoff.iter(*_SCHEMA_TYPES))
    data["mentions"] = [_entry_ld(e) for e in entries]
    return _json(data).replace("<", "\\u003c")
