"""Configuration that is data: record-format labels, language codes, known repositories.

Loaded once per process and shared read-only by the stages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import UsageError
from .model import Repository
from .regex_cache import patterns_from_cache


def _load_json(package: str, name: str) -> dict:
    return json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class RecordFormat:
    """Everything tei-encoder knows about one export layout, read from `formats/<name>.json`.

    name: the format's short name, also the idno/@type of its document numbers;
    header_parser: module of `tei_encoder.parse` that reads its header (`header`, `plain_header`);
    publisher: who publishes such records ("" for none); id_prefix: prefix of TEI/@xml:id;
    url_id_pattern: regex whose group 1 is the document number in a record URL;
    labels: header label -> field name (labels_ignore_case: matched in any case, `SUMMARY:`);
    the other fields are vocabularies of the layout.
    """

    name: str
    header_parser: str
    publisher: str
    id_prefix: str
    url_id_pattern: re.Pattern
    labels: dict[str, str]
    contents_item_patterns: tuple[re.Pattern, ...]
    translation_item_pattern: re.Pattern
    responsibility_verbs: dict[str, str]
    responsibility_nouns: dict[str, str]
    funder_pattern: re.Pattern
    classification_marks: tuple[str, ...]
    list_labels: dict[str, tuple[str, ...]]
    closing_salutes: tuple[str, ...]
    person_titles: tuple[str, ...]
    publisher_aliases: tuple[str, ...] = ()
    opening_salutes: tuple[str, ...] = ()
    meeting_labels: dict[str, str] = field(default_factory=dict)
    url_schemes: tuple[str, ...] = ("http", "https")  # the schemes of a bare URL line in the header
    list_label_patterns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a side's heading alone on a line inside a list of participants (`From Seoul`, no colon)
    side_heading_patterns: tuple[re.Pattern, ...] = ()
    document_kinds: frozenset[str] = frozenset()
    institution_words: frozenset[str] = frozenset()
    opener_seg_patterns: dict[str, tuple[re.Pattern, ...]] = field(default_factory=dict)
    recorder_line_pattern: re.Pattern | None = None
    production_line_pattern: re.Pattern | None = None
    labels_ignore_case: bool = False
    provenance_pattern: re.Pattern | None = None
    # opener_seg_patterns joined per kind (any_search), made once: they are tried on most lines
    opener_seg_search: dict[str, Callable[[str], object]] = field(init=False, compare=False, repr=False)
    # classification_marks in lower case, for a set lookup instead of a loop
    classification_marks_lower: frozenset[str] = field(init=False, compare=False, repr=False)
    # (mark, its lower case and a space, a space and its lower case) in classification_marks' order: what a
    # line that begins or ends with the mark begins or ends with in lower case (made once, not per line)
    classification_mark_edges: tuple[tuple[str, str, str], ...] = field(init=False, compare=False, repr=False)
    # the edges' beginnings and endings each as one tuple: a line that begins (ends) with none of them, most
    # lines, is told so by one str.startswith (endswith) instead of a loop over the marks
    classification_mark_starts: tuple[str, ...] = field(init=False, compare=False, repr=False)
    classification_mark_ends: tuple[str, ...] = field(init=False, compare=False, repr=False)
    # labels by the key a printed label is looked up with (casefolded when labels_ignore_case)
    label_keys: dict[str, str] = field(init=False, compare=False, repr=False)
    # what parse.body's line classifiers found a text to be under this format, by classifier and text
    # (the same line is classified several times per record, the same marks across records); filled and
    # bounded by parse.body's kept_per_format
    parse_memo: dict[str, dict[str, Any]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        joined = {kind: any_search(patterns) for kind, patterns in self.opener_seg_patterns.items()}
        # frozen: these are derived from the fields once, here
        object.__setattr__(self, "opener_seg_search", joined)
        object.__setattr__(self, "classification_marks_lower", frozenset(m.lower() for m in self.classification_marks))
        edges = tuple((m, m.lower() + " ", " " + m.lower()) for m in self.classification_marks)
        object.__setattr__(self, "classification_mark_edges", edges)
        object.__setattr__(self, "classification_mark_starts", tuple(start for _, start, _ in edges))
        object.__setattr__(self, "classification_mark_ends", tuple(end for _, _, end in edges))
        object.__setattr__(self, "label_keys", {self._label_key(k): v for k, v in self.labels.items()})
        object.__setattr__(self, "parse_memo", {})

    def _label_key(self, label: str) -> str:
        return label.casefold() if self.labels_ignore_case else label

    def label_field(self, label: str) -> str | None:
        """The field a printed header label names (`Summary` -> summary), in any case when the
        format says labels_ignore_case (`SUMMARY`, `summary`); None for a label it does not know."""
        return self.label_keys.get(self._label_key(label))


DEFAULT_FORMAT = "wcda"  # the record format when none is named: the Wilson Center Digital Archive export


def format_names() -> list[str]:
    """The record formats this installation knows (`formats/*.json`)."""
    folder = resources.files("tei_encoder.formats")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json"))


def format_summaries() -> dict[str, str]:
    """Each known record format's name -> its one-line `summary` (for --help), in name order."""
    return {name: _load_json("tei_encoder.formats", f"{name}.json").get("summary", "") for name in format_names()}


@cache
def record_format(name: str = DEFAULT_FORMAT) -> RecordFormat:
    """The format description `formats/<name>.json`. Raises UsageError for an unknown name."""
    if name not in format_names():
        raise UsageError(f"unknown record format {name!r}; known formats: {', '.join(format_names())}")
    raw = _load_json("tei_encoder.formats", f"{name}.json")
    if "extends" in raw:  # a layout that shares another's vocabularies names it, and overrides what differs
        raw = {**_load_json("tei_encoder.formats", f"{raw['extends']}.json"), **raw}
    with patterns_from_cache("format"):  # (its patterns: compiled once per process, from the user cache)
        return _record_format(raw)


def _record_format(raw: dict) -> RecordFormat:
    return RecordFormat(
        name=raw["name"],
        header_parser=raw.get("header_parser", "header"),
        publisher=raw["publisher"],
        id_prefix=raw["id_prefix"],
        url_id_pattern=re.compile(raw["url_id_pattern"]),
        labels=raw["labels"],
        labels_ignore_case=bool(raw.get("labels_ignore_case", False)),
        url_schemes=tuple(s.lower() for s in raw.get("url_schemes", ("http", "https"))),
        contents_item_patterns=tuple(re.compile(p) for p in raw["contents_item_patterns"]),
        translation_item_pattern=re.compile(raw["translation_item_pattern"]),
        responsibility_verbs=raw["responsibility_verbs"],
        responsibility_nouns=raw.get("responsibility_nouns", {}),
        funder_pattern=re.compile(raw["funder_pattern"], re.IGNORECASE),
        # longest first, so "Top Secret" wins over "Secret"
        classification_marks=tuple(sorted(raw["classification_marks"], key=len, reverse=True)),
        list_labels={k: tuple(v) for k, v in raw["list_labels"].items()},
        closing_salutes=tuple(raw["closing_salutes"]),
        person_titles=tuple(sorted(raw["person_titles"], key=len, reverse=True)),
        # longest first, so "History and Public Policy Program Digital Archive" wins over "Digital Archive"
        publisher_aliases=tuple(sorted({raw["publisher"], *raw.get("publisher_aliases", [])}, key=len, reverse=True)),
        opening_salutes=tuple(raw.get("opening_salutes", [])),
        meeting_labels=dict(raw.get("meeting_labels", {})),
        list_label_patterns={k: tuple(v) for k, v in raw.get("list_label_patterns", {}).items()},
        side_heading_patterns=tuple(re.compile(p) for p in raw.get("side_headings", [])),
        document_kinds=frozenset(k.lower() for k in raw.get("document_kinds", [])),
        institution_words=frozenset(k.lower() for k in raw.get("institution_words", [])),
        recorder_line_pattern=re.compile(raw["recorder_line_pattern"]) if raw.get("recorder_line_pattern") else None,
        production_line_pattern=(
            re.compile(raw["production_line_pattern"]) if raw.get("production_line_pattern") else None
        ),
        provenance_pattern=re.compile(raw["provenance_pattern"]) if raw.get("provenance_pattern") else None,
        opener_seg_patterns={
            kind: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
            for kind, patterns in raw.get("opener_seg_patterns", {}).items()
            if not kind.startswith("_")
        },
    )


def any_search(patterns: tuple[re.Pattern, ...]) -> Callable[[str], object]:
    """A search function: a match where any of `patterns` finds one in the string it is given, else None.

    When the patterns share their flags and have no capturing groups (nothing a backreference could
    count on), they are joined into one alternation: one pass in C instead of a Python loop over the
    patterns. Otherwise they are tried one by one. Raises nothing."""
    if not patterns:
        return _no_match
    if len({p.flags for p in patterns}) == 1 and not any(p.groups for p in patterns):
        try:
            return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags).search
        except re.error:  # a global inline flag (`(?i)` mid-pattern) cannot be joined: one by one
            pass
    return lambda text: next((m for p in patterns if (m := p.search(text))), None)


def _no_match(text: str) -> None:
    return None


@cache
def ordinal_date_locales() -> tuple[str, ...]:
    """The locales whose dates write a day or month as an ordinal number with a full stop ("30. 9.
    1923", "1. Jänner"): data/months.json ordinal_date_locales."""
    return tuple(_load_json("tei_encoder.data", "months.json")["ordinal_date_locales"])


@cache
def sentence_abbreviations() -> frozenset[str]:
    """Words that a full stop follows without ending a sentence, without that full stop: the
    abbreviations of data/names.json and its honorifics and ranks written with a full stop
    ("Cde.", "Lt. Col."). Initials ("A.", "S.M.") are a rule of their own (teidoc)."""
    names = _load_json("tei_encoder.data", "names.json")
    titles = titles_of_all_languages(names)
    dotted = (w for key in ("honorifics", "ranks") for phrase in titles[key] for w in phrase.split() if w.endswith("."))
    return frozenset([*names["abbreviations"], *(w.rstrip(".") for w in dotted)])


def titles_of_all_languages(names: dict[str, Any]) -> dict[str, list[str]]:
    """The honorifics, ranks and roles of data/names.json (its parsed content `names`), each list with
    those of titles_by_language ("es": Comandante, Canciller; "de": Genosse, Botschafter...) after the
    English ones, and "also_names": the words of titles_by_language.also_names, titles in one language
    and names in another (Indonesian "Pak", the Korean family name Pak), which the three lists leave out.
    Titles stay outside persName (TEI P5 13.2.1). Raises KeyError when names.json lacks one of the three."""
    by_language = names.get("titles_by_language", {})
    also = list(by_language.get("also_names", ()))
    merged: dict[str, list[str]] = {"also_names": also}
    for kind in ("honorifics", "ranks", "roles"):
        words = list(names[kind])
        for lists in by_language.values():
            if isinstance(lists, dict):
                words += [w for w in lists.get(kind, ()) if w not in also and w not in words]
        merged[kind] = words
    return merged


@cache
def languages() -> dict[str, str]:
    """Language names (lower case) -> ISO 639-1 codes, from data/languages.json."""
    return {k.lower(): v for k, v in _load_json("tei_encoder.data", "languages.json").items() if not k.startswith("_")}


@cache
def repositories() -> tuple[tuple[tuple[str, ...], Repository], ...]:
    """(names the citation may use, repository), longest names first for matching."""
    entries = []
    for r in _load_json("tei_encoder.data", "repositories.json")["repositories"]:
        repo = Repository(
            abbr=r["abbr"],
            name=r["name"],
            country=r.get("country", ""),
            settlement=r.get("settlement", ""),
            scheme=r.get("scheme", ""),
        )
        entries.append((tuple([r["abbr"], *r.get("aliases", [])]), repo))
    return tuple(entries)


@cache
def archive_schemes() -> dict[str, tuple[tuple[str, re.Pattern], ...]]:
    """Numbering scheme name -> its levels in hierarchy order, as (level, pattern with group `v`),
    from data/repositories.json `schemes` (`fond-opis`: fond, opis, papka, delo; `fond-dosar`: fond,
    problema, dosar). TEI Guidelines 10.4 (msIdentifier): one idno per level."""
    raw = _load_json("tei_encoder.data", "repositories.json")["schemes"]
    return {name: tuple((level, re.compile(pattern)) for level, pattern in levels) for name, levels in raw.items()}


def project_dir(name: str) -> Path:
    """`schema/` or `xslt/`: beside the package in a checkout, or installed as package data."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / name, here / f"_{name}"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cannot find the {name}/ folder of tei-encoder")
