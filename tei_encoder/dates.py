"""Dates in archival English: recognise them and give ISO 8601 values.

Shared by the parser (the record's date line, datelines) and the enrichment stage (dates in
running text). Pure functions, no state.
"""

from __future__ import annotations

import calendar
import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .letters import UPPER

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
_MONTHS_DATA = json.loads((Path(__file__).parent / "data" / "months.json").read_text(encoding="utf-8"))
_FOREIGN_MONTHS: dict[str, int] = {
    name: n
    for language, names in _MONTHS_DATA.items()
    if not language.startswith("_") and language not in ("ordinals", "holidays", "days_from_record")
    for n, name in enumerate(names, start=1)
}
_ORDINAL_WORDS: dict[str, int] = {word: n for n, word in enumerate(_MONTHS_DATA["ordinals"], start=1)}
ORDINAL_WORDS: tuple[str, ...] = tuple(_ORDINAL_WORDS)  # "first" … "thirty-first" (months.json ordinals)
MONTHS.update(_FOREIGN_MONTHS)
# the characters a case-insensitive pattern takes for an ASCII letter besides its two cases (re's case
# folding: the long s, the Kelvin sign, the dotted and the dotless I)
_OTHER_CASES = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _any_case(words: tuple[str, ...], escape: bool = True) -> str:
    """An alternation that matches what (?i:word|word|…) matches, with a branch per case of a first letter:
    the letter tested case-sensitively, the rest of each word beginning with it in any case, in the words'
    order. At a position only the branch of its character can match, and it tries the words in their order,
    so the alternation matches as the case-insensitive one does, backtracking included; the regex engine
    passes over a branch whose first character is a plain one after one comparison, where it tries a
    case-insensitive branch in full. Words begin with an ASCII letter; with escape=False they are patterns
    (`Sept?\\.?`), the first character a letter."""
    rests: dict[str, list[str]] = {}
    for word in words:
        if not ("a" <= word[0].lower() <= "z"):
            raise ValueError(f"{word!r} does not begin with an ASCII letter")
        rests.setdefault(word[0].lower(), []).append(re.escape(word[1:]) if escape else word[1:])
    return "|".join(
        f"{re.escape(case)}(?i:{'|'.join(rest)})"
        for first, rest in rests.items()
        for case in first + first.upper() + _OTHER_CASES.get(first, "")
    )


_MONTH_WORD_FORMS = (
    *("January", "February", "March", "April", "May", "June", "July", "August", "September", "October"),
    *("November", "December", r"Jan\.?", r"Feb\.?", r"Mar\.?", r"Apr\.?", r"Jun\.?", r"Jul\.?", r"Aug\.?"),
    *(r"Sept?\.?", r"Oct\.?", r"Nov\.?", r"Dec\.?"),
)
# an English month in any case (tried at every place a date form may begin: _any_case)
_MONTH_WORDS = f"(?:{_any_case(_MONTH_WORD_FORMS, escape=False)})"
_MONTH = rf"(?P<month>{_MONTH_WORDS})"
_DAY = r"(?P<day>[0-3]?\d)(?: ?(?:st|nd|rd|th)\b)?"  # "28th", also typed apart: "28 th September"
_ROMAN = "XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I"  # a month in Roman numerals, the longest first
_DAY2 = r"(?P<day2>[0-3]?\d)(?: ?(?:st|nd|rd|th)\b)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
# a year the editor completed in brackets: "5 March [19]56", "16 April [1965]" (the brackets are dropped from the value)
_YEAR_OR_SUPPLIED = r"(?P<year>1[5-9]\d\d|20\d\d|\[(?:1[5-9]|20)\]\d\d|\[(?:1[5-9]\d\d|20\d\d)\])(?!\w)"
# "the 15th of April", "15 of April": "of" only before a capitalised month ("4 of may" is no date)
_OF = r"(?:of\s+(?=[A-Z]))?"
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_ANY_MONTH = rf"(?P<month>(?i:{'|'.join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))})|{_MONTH_WORDS})"
# between the two ends of a range: "16/17", "13 to 27", "1 through 15", "19 and 24", "4 or 5"
_TO = r"(?:\s*[-–/]\s*|\s+(?:to|through|till|until|and|or)\s+)"
# a full month name standing alone after a preposition ("in March"): capitalised, so "march" and
# "may" as words never match; one fixed-width look-behind per preposition (re needs fixed widths)
_BARE_MONTH = (
    "(?:"
    + "|".join(
        rf"(?<=\b{p} )"
        for w in ("in", "by", "since", "until", "till", "during", "early", "late", "mid", "this", "around")
        for p in (w, w.capitalize())
    )
    + r"|(?<=\bmid-)|(?<=\bmonth of ))(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_YEAR_PREPOSITIONS = tuple(
    form
    for word in ("in", "since", "of", "until", "to", "from", "by", "during", "before", "after", "than", "for", "the")
    for form in (word, word.capitalize())
)
_YEAR_PREPOSITION_SET = frozenset(_YEAR_PREPOSITIONS)


def _after_year_preposition(text: str, at: int) -> bool:
    """Whether the word before position `at` (one space between) is one of _YEAR_PREPOSITIONS ("during ")."""
    if at < 2 or text[at - 1] != " ":
        return False
    word_start = max(text.rfind(" ", 0, at - 1), text.rfind("\n", 0, at - 1)) + 1
    return text[word_start : at - 1] in _YEAR_PREPOSITION_SET


def _bracketed_years(text: str, start: int, end: int) -> bool:
    """Whether the span of years text[start:end] stands alone in round brackets ("(1905 -1969)", a lifespan
    or a term after a name or office): a span of years, one date mention (TEI 13.4.2)."""
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")"


# what may follow a numeric date: no letter, digit after a dot or slash, but a slash before a dispatch's
# time ("06.03.1976/03:00") or alone at a line's end or before a space ("Date: 08.05.1974/")
_NUMERIC_END = r"(?!\w|/(?!\d\d?:\d\d|\s|$)|\.\d)"


# a year after "in", "since"…, or in a list after another year, the list going on or ending there
# ("in 1959, 1967, 1970, and in 1973"; not "May 5, 1961, 1962 people"); after "the" only before a common noun
# ("the 1962 trade plan"; "the 1988 Olympic Games" names an event)
_BARE_YEAR = (
    "(?:(?:"
    + "|".join(rf"(?<=\b{p} )" for p in _YEAR_PREPOSITIONS)
    + rf")(?P<year>19\d\d|20[0-2]\d)\b(?!(?<=[Tt]he \d{{4}})\s+[{UPPER}])(?!\s+(?:tons?|tonnes|people|persons|men|units|copies|km|rubles|roubles|dollars|hectares|hours|hrs)\b)|(?:(?<=\b(?:19|20)\d\d, )|(?<=\b(?:19|20)\d\d and )|(?<=\b(?:19|20)\d\d, and ))"
    + r"(?P<listed>19\d\d|20[0-2]\d)(?=[,.;:)]|\s+(?:and|or)\b|$))"
)

# "(of) this year", "of the current year" and their abbreviations ("c.y.", "t.y.", and "t.g.", "c.g." kept from
# Serbo-Croatian "tekuće godine" and Russian "сего года"): the record's own year
_THIS_YEAR = r"\s+(?:of\s+)?(?:this|the\s+current)\s+year\b|\s+[ct]\.\s?[yg]\.(?!\w)"

# Ordered: the longest forms first, so "9 June 1961" is not read as "9 June" + "1961".
_DATE_FORMS: list[tuple[str, str]] = [  # (kind, pattern)
    # year first (Hungarian order): "1956 October 23", "1956. október 23.", "1972 April 4 and 11"
    ("ymd", rf"\b{_YEAR}\.\s+{_ANY_MONTH}\s+{_DAY}\.(?!\d)"),  # the Hungarian way, stops and all
    ("ymd-range", rf"\b{_YEAR}\.?\s+{_ANY_MONTH}\s+{_DAY}\.?{_TO}{_DAY2}\b(?![./]?\d)"),
    ("ymd", rf"\b{_YEAR}[.,]?\s+{_ANY_MONTH}\s+{_DAY}\b(?![./]?\d)"),  # also "1968, January 4" (a Czech dateline)
    # a range over two months: "16 February through 24 March 1960", "13 May to 29 May"
    ("dmdm-range", rf"\b{_DAY}\s+{_MONTH}{_TO}{_DAY2}\s+{_MONTH2}(?:,?\s+{_YEAR}\b)?"),
    ("dmy-range", rf"\b{_DAY}{_TO}{_DAY2}\s+{_MONTH}(?:,)?\s+{_YEAR_OR_SUPPLIED}"),
    # a quote before the day belongs to the date only when it closes after the day ("“15” January"), not
    # when it opens a quotation ("“30 September 1949 ...")
    ("dmy", rf"(?:[“\"](?=\d\d?[”\"]))?\b{_DAY}[”\"]?\s*{_OF}{_MONTH}(?:,)?\s+{_YEAR_OR_SUPPLIED}"),
    ("mdy-range", rf"\b{_MONTH}\s+{_DAY}{_TO}{_DAY2}(?:,?\s+{_YEAR}\b)?(?![,.]?\s*\d)"),
    ("mdy", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR_OR_SUPPLIED}"),
    # a Japanese dateline in the Showa era: "Showa 47 May 23" (the era's year 1 is 1926)
    ("showa", rf"\b(?:Showa|SHOWA|Shōwa)\s+(?P<eyear>[1-6]?\d),?\s+{_MONTH}\s+{_DAY}\b(?![,.]?\s*\d)"),
    ("iso", r"\b(?P<year>1[5-9]\d\d|20\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("dm-range", rf"\b{_DAY}{_TO}{_DAY2}\s+{_MONTH}\b(?!\s+(?:of\s+)?(?:1[5-9]|20)\d\d)"),
    # "… of this year": the record's own year, never the nearer one across a new year
    (
        "dm",
        rf"\b{_DAY}\s*{_OF}{_MONTH}\b(?!\s+(?:of\s+)?(?:1[5-9]|20)\d\d)(?P<thisyear>{_THIS_YEAR})?",
    ),
    ("md", rf"\b{_MONTH}\s+{_DAY}\b(?![,.]?\s*\d)(?P<thisyear>{_THIS_YEAR})?"),
    (
        "month-part",
        rf"\b(?P<part>beginning|start|middle|end|(?:first|second)\s+half)\s+of\s+{_MONTH}(?:\s+{_YEAR}\b|(?P<thisyear>{_THIS_YEAR}))?\b",
    ),
    ("month-part", rf"\b(?P<part>mid)-{_MONTH}(?:,?\s+{_YEAR})?\b"),  # "mid-October": its middle ten days
    # "early May", "late September 1962": its first or last ten days, as "beginning" and "end" (a month's
    # parts by ten days, as Russian and Polish reports count them: "the second ten days of May 1969")
    ("month-part", rf"\b(?P<part>[Ee]arly|[Ll]ate)\s+{_MONTH}(?:,?\s+{_YEAR})?\b"),
    (
        "month-part",
        rf"\b(?P<part>first|second|third|last)\s+(?:ten\s+days|ten-day\s+period|decade)\s+of\s+{_MONTH}(?:,?\s+{_YEAR})?\b",
    ),
    ("month-this-year", rf"\b{_MONTH}(?:\s+of\s+(?:this|the\s+current)\s+year\b|\s+[ct]\.\s?y\.(?!\w))"),
    # "June or September of 1972", "March to May": from the first month's first day to the last's last
    ("mm-range", rf"\b{_MONTH}{_TO}{_MONTH2}(?:,?\s+(?:of\s+)?{_YEAR}\b)?(?!\s+[0-3]?\d\b)"),
    # "June 1961", "March of 1962"; "September, 1962": the archive's date line of a record dated by its month
    ("my", rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b"),
    ("my", rf"\b{_MONTH}\s+\({_YEAR}\)"),  # "the August (1955) agreement"
    ("my", rf"\b{_MONTH}\s+/{_YEAR}/"),  # "the January /1968/ plenum": the year between the translator's slashes
    ("half", rf"\b(?P<half>first|second)\s+half\s+of\s+(?:{_YEAR}\b|(?:the|this)\s+year\b)"),
    # "last August": the latest such month before the record's own (a month of the record's or of the year before)
    ("last-month", rf"\b[Ll]ast\s+{_MONTH}\b(?![,.]?\s*\d)(?!\s+(?:of\s+)?(?:1[5-9]|20)\d\d)"),
    ("bare-month", rf"{_BARE_MONTH}(?![,.]?\s*\d)"),
    # a month naming a meeting: "the October plenum", "the December Plenum", the body's abbreviation between
    # ("the CPSU October plenum") or after it ("the March CC session"); a year printed after the meeting is its year ("the April plenum of 1962")
    (
        "meeting-month",
        r"(?:(?<=\bthe )|(?<=[A-Z][A-Z] ))"
        r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
        r"(?=\s+(?:[A-Z]{2,5}\s+)?"  # the body's abbreviation between: "the March CC session"
        r"(?i:plenum|plenary|session|congress|conference)\b(?:\s+(?:in|of)\s+(?P<year>1[5-9]\d\d|20\d\d)\b)?)",
    ),
    # a span of years after a preposition: "during 1967-1971", "in 1959–1962" (the preposition checked on a
    # match: _after_year_preposition; a look-behind per preposition here would be tried at every digit)
    # or a lifespan or term in brackets: "(1905 -1969)", "(1918 – 1980)" (_bracketed_years)
    ("year-range", r"\b(?P<year>19\d\d|20[0-2]\d) ?[-–] ?(?P<year2>19\d\d|20[0-2]\d)(?![\w–-])"),
    # (a year then `. 9. 28` opens a year-first date with spaces: iso-short below takes it)
    ("year", rf"{_BARE_YEAR}(?![-–/.]?\d|\.\s(?:1[0-2]|0?[1-9])\.\s?[0-3]?\d(?![\w-]|\.\d))"),
    # a stretch of days with Roman months, the year printed once at its end: "31.V – 21.VI.1953" (one range)
    (
        "roman-range",
        rf"(?<![\w.])(?P<day>[0-3]?\d)\.\s?(?P<roman>{_ROMAN})\.?\s*[-–]\s*(?P<day2>[0-3]?\d)\.\s?(?P<roman2>{_ROMAN})(?:\.\s?|\s)(?P<year>(?:1[5-9]|20)?\d\d)(?![\w]|\.\d)",
    ),
    # numeric forms: 14.X.1956, 3.XI.53 (Roman month); 17.09.52, 24.3.1963; 11/03/52; 1973-3-15
    (
        "roman",
        r"(?<![\w.])(?P<day>[0-3]?\d)\.\s?(?P<roman>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)(?:\.\s?|\s)(?P<year>(?:1[5-9]|20)?\d\d)(?:(?<=\s\d\d)\.(?![\w.]|\s?\d))?(?![\w]|\.\d)",
    ),
    # a stamp's date on a line of its own, spaces for the dots: "26 X 63" (in running text "room 3 XI 1962" is none)
    ("roman", r"^(?P<day>[0-3]?\d) (?P<roman>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I) (?P<year>(?:1[5-9]|20)?\d\d)$"),
    # a stamp's day and Roman month without a year, ending its line after a dash or alone on it: "No. 2114/55 -
    # 10 X", "10.X." (the record's year; in running text "room 3 XI" or "10 X" mid-line is none)
    ("roman-dm", rf"(?:^|(?<=[-–] ))(?P<day>[0-3]?\d)(?:\.\s?|\s)(?P<roman>{_ROMAN})\.?$"),
    # the Korean telegrams' dateline: two-digit year first, dots and spaces, "80. 10. 02."
    # (also with one-digit month or day: "76. 9. 28.")
    ("yy-mm-dd", r"(?<![\w.])(?P<yy>\d\d)\.\s(?P<mnum>[01]?\d)\.\s(?P<day>[0-3]?\d)\.(?![\w.]|\s?\d)"),
    (
        "numeric",
        r"(?<![\w./])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:1[5-9]|20)\d\d|\d\d)"
        + _NUMERIC_END,
    ),  # ("06.03.1976/03:00": a slash then the time of a dispatch ends the date; "Date: 08.05.1974/" a slash alone)
    # month and day without a year, each of two digits, the order told by a day past 12: "03.15." (a US
    # typist's 15 March); the year is the record's
    ("numeric-md", r"(?<![\w./])(?P<a>\d\d)\.(?P<b>\d\d)\.(?![\w.]|\s?\d)"),
    (
        "iso-short",
        # "1973-3-15", and with dots "1968.1.29" or dots and spaces "1976. 9. 28" (Korean and Japanese
        # records: year first, so no day-month order to guess)
        r"(?<![\w.-])(?P<year>1[5-9]\d\d|20\d\d)(?P<sep>-|\.\s?)(?P<mnum>1[0-2]|0?[1-9])(?P=sep)(?P<day>[0-3]?\d)(?![\w-]|\.\d)",
    ),
]

_ROMAN_MONTHS = {
    r: n for n, r in enumerate(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"], start=1)
}


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: character offsets [start, end), its TEI attributes (when, or
    notBefore/notAfter; TEI 13.4) and a problem when the date is impossible (tagged without a value).
    """

    start: int
    end: int
    attrs: dict  # TEI attributes: when, or notBefore/notAfter
    problem: str = ""  # set when the date is impossible: tag it, but give no ISO value


def month_number(name: str) -> int:
    """1-12 for an English month name or abbreviation (case-insensitive)."""
    return MONTHS[name.casefold().rstrip(".")]  # casefold: the patterns match "ſeptember" (long s) too


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February's in a common year


def days_in_month(year: int, month: int) -> int:
    """The number of days of a month: calendar.monthrange(year, month)[1] without the weekday it also
    works out (every date found asks). Raises calendar.IllegalMonthError for a month outside 1-12."""
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    if 1 <= month <= 12:
        return _MONTH_DAYS[month]
    return calendar.monthrange(year, month)[1]  # raises, as before


def iso_day(year: int, month: int, day: int) -> str | None:
    """YYYY-MM-DD, or None when the day does not exist (31 February)."""
    if not 1 <= month <= 12 or not 1 <= day <= days_in_month(year, month):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def month_bounds(year: int, month: int) -> tuple[str, str]:
    """The first and last day of a month, as ISO dates (notBefore/notAfter of a month)."""
    last = days_in_month(year, month)
    return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"


# Every date form names a month or has a numeric date: text with neither is skipped at once (_any_date).
# Whether some position of the text matches
#   (?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?:[a-z]*)\b)
#   |\d{4}-\d|\d[./]\s?[\dIVX]+[./\s]\s?\d\d|\d\d\.\d\d\.|\d\s[IVX]{1,4}\s\d\d ("26 X 63")
# asked as three patterns that each begin with what they consume first, a digit or the character before the
# month's word, so that the scan tries only the positions holding one (a pattern beginning with a test of
# what follows is tried at every position: twice the time); "ſ" folds to "s" in a case-insensitive pattern
_NUMERIC_DATE = re.compile(
    r"\d(?:\d{3}-\d|[./]\s?[\dIVX]+[./\s]\s?\d\d|\d\.\d\d\.|\s[IVX]{1,4}\s\d\d|\.\s\d\d?\.\s\d\.|[.\s][IVX]{1,4}\.?$)"
)
_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_MONTH_WORD = rf"(?i:{'|'.join(_MONTH_PREFIXES)})(?i:[a-z]*)\b"
_MONTH_AFTER_BOUNDARY = re.compile(rf"[\W\d](?:{_any_case(_MONTH_PREFIXES)})(?i:[a-z]*)\b")
_MONTH_AT_START = re.compile(_MONTH_WORD)
# ... or, rarer, a year after "in"/"since" or before a month of another language ("1956. október 23.")
_A_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_YEAR_FORMS = re.compile(
    rf"\b(?:{'|'.join(_YEAR_PREPOSITIONS)}) (?:19|20)\d\d"
    + rf"|\d{{4}}\.? (?:{'|'.join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))})"
    + r"|\((?:19|20)\d\d ?[-–]"  # a span of years in brackets ("(1905 -1969)": _bracketed_years)
)


def _any_date(text: str) -> bool:
    """Whether text names a month (any case, a word of its own) or has a numeric date's shape."""
    # the month first: a text that holds a date mostly names its month, found where it stands, where the
    # numeric test would read such a text to its end (a text with neither is read by all three)
    return (
        _MONTH_AT_START.match(text) is not None
        or _MONTH_AFTER_BOUNDARY.search(text) is not None
        or _NUMERIC_DATE.search(text) is not None
    )


def _may_hold_a_date(text: str) -> bool:
    """A cheap test before the full scan: most lines of a record hold no date (cheapest tests first)."""
    if _any_date(text) or "half" in text:
        return True
    return _A_YEAR.search(text) is not None and _YEAR_FORMS.search(text) is not None


# the kinds of date form by what they begin with: a word (a month, "early", "first" …), or a digit or a quote
# before one (tests/test_s13_speed_paths.py reads each form's first characters from re's parser)
_WORD_FIRST_KINDS = frozenset(
    {"mdy-range", "mdy", "showa", "md", "month-part", "month-this-year", "mm-range", "my", "half", "last-month"}
    | {"bare-month", "meeting-month"}
)
_DIGIT_FIRST_KINDS = frozenset(
    {"ymd", "ymd-range", "dmdm-range", "dmy-range", "dmy", "iso", "dm-range", "dm", "year-range", "year", "roman"}
    | {"roman-range", "roman-dm", "yy-mm-dd", "numeric", "numeric-md", "iso-short"}
)


def _combined() -> re.Pattern:
    """All forms in one alternation, in priority order: one scan of the text instead of ten. The forms that
    begin with a digit or a quote and those that begin with a word are two alternations, each in the forms'
    order, the first tried where a digit or a quote stands, the other elsewhere: where a date begins only the
    forms of its first character's kind can match, so the first to match is the one the single alternation
    finds, and the others are not tried in vain at every place a date may begin. A form of a kind in neither
    set (_WORD_FIRST_KINDS, _DIGIT_FIRST_KINDS) makes it one alternation of every form, as before."""
    parts: list[tuple[str, str]] = []
    for n, (kind, pattern) in enumerate(_DATE_FORMS):
        body = re.sub(r"\(\?P<(\w+)>", rf"(?P<f{n}_\1>", pattern)
        body = re.sub(r"\(\?P=(\w+)\)", rf"(?P=f{n}_\1)", body)
        parts.append((kind, f"(?P<alt{n}>{body})"))
    if not all(kind in _WORD_FIRST_KINDS or kind in _DIGIT_FIRST_KINDS for kind, _ in parts):
        return re.compile(_DATE_START + "(?:" + "|".join(part for _, part in parts) + ")")
    by_digit = "|".join(part for kind, part in parts if kind in _DIGIT_FIRST_KINDS)
    by_word = "|".join(part for kind, part in parts if kind in _WORD_FIRST_KINDS)
    return re.compile(_DATE_START + f'(?:(?=[\\d“"])(?:{by_digit})|(?![\\d“"])(?:{by_word}))')


# every form starts, at a word boundary, with a digit, a month or "beginning"/"start"/"middle"/"end"…
# (_DATE_START_WORDS, in any case): _DATE_START tests that first, cheaply (inside "1961" or "statement"
# nothing is tried); the character class first: positions that cannot start a match are passed over without
# trying the rest; the words' branches each begin with one case-sensitive letter (_any_case), as this test is
# tried at every position of every text; a quoted day "“15” January" starts at its quote
_DATE_START_WORDS = (
    *("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    *("beginning", "start", "middle", "mid-", "end", "first", "second", "showa", "shōwa"),
    *("early", "late", "last", "third"),
)
_DATE_START = rf"(?=[jfmasondbelthJFMASONDBELTſ\d“\"])(?=[“\"]\d|\b(?:\d|{_any_case(_DATE_START_WORDS)}))"


_ALL_DATES = _combined()
# per form: its groups' names in the combined pattern and in the form, so a match reads only its own
# (m.group with every name at once: one call instead of one per group)
# (the combined pattern numbers its groups in the order of the forms' own: "f<n>_<name>")
_GROUP_NAMES = [
    (names, tuple(name.split("_", 1)[1] for name in names))
    for n in range(len(_DATE_FORMS))
    for names in (tuple(name for name in _ALL_DATES.groupindex if name.startswith(f"f{n}_")),)
]
_FORM_OF_GROUP = {f"alt{n}": n for n in range(len(_DATE_FORMS))}  # the outer group that matched -> its form


def __getattr__(name: str):
    """DATE_PATTERNS, made at first use (PEP 562): (kind, compiled pattern) of each date form, in
    priority order. The scan uses the one combined pattern (_ALL_DATES); compiling each form on its
    own as well would cost every process about 15 ms at import for nothing (issue 16)."""
    if name == "DATE_PATTERNS":
        return _date_patterns()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def _date_patterns() -> list[tuple[str, re.Pattern]]:
    return [(kind, re.compile(pattern)) for kind, pattern in _DATE_FORMS]


def _form_groups(m: re.Match, n: int) -> dict[str, str | None]:
    """The groups of form n in a match of _ALL_DATES, by their names in the form."""
    combined, names = _GROUP_NAMES[n]
    values = m.group(*combined) if len(combined) > 1 else (m.group(combined[0]),)
    return dict(zip(names, values))


def find_dates(
    text: str,
    default_year: int | None,
    default_month: int | None = None,
    *,
    relative: bool = False,
    day_first: bool | None = None,
    default_day: int | None = None,
    slash_day_first: bool | None = False,
) -> list[DateMatch]:
    """Every date expression in `text`, with ISO attributes; at one place the longest form wins.

    A date written without its year takes the year of the document's date (`default_year`); with
    the document's month (`default_month`) known, a month far from it on the other side of a new
    year takes the nearer year: "25 December" in a record of January 1963 is 1962-12-25 (TEI 13.4).
    Without a year to take, such a date is left untagged (a wrong year is worse than none).
    `relative`: also days counted from the document's date ("the 26th of this month", "the 5th inst.", "the 2nd
    of next month": months.json months_from_record), only when
    that date gives the year and month they need; a bare "this year" is never a date. `day_first`: the document
    writes dotted dates day first ("31.10.62" elsewhere in it), so "1.11.62" is 1 November; False: month
    first (dotted_order); None: not known.
    `slash_day_first`: the order of slashed dates ("3/4/62") with both numbers 12 or less: False month first
    (the archive's English documents: slash_order), True day first, None not known (no @when, a problem).
    `default_day`: the day of the document's date; with it, a day named by its ordinal alone ("on the 4th,")
    up to that day is of the document's month.
    """
    found: list[DateMatch] = []
    if _may_hold_a_date(text):
        for m in _ALL_DATES.finditer(text):
            n = _FORM_OF_GROUP[m.lastgroup or "alt0"]  # the outer group that matched: "alt<n>"
            kind = _DATE_FORMS[n][0]
            groups = _form_groups(m, n)
            if kind == "year" and _clock_time(text, m.start(), groups["year"], default_year):
                continue
            if kind == "year-range" and not (
                _after_year_preposition(text, m.start()) or _bracketed_years(text, m.start(), m.end())
            ):
                continue  # "F. 1967-1971": a file's numbers, no span of years
            match = _to_match(
                kind, m.start(), m.end(), m.group(0), groups, default_year, default_month, day_first, slash_day_first
            )
            if match:
                found.append(match)
    if len(found) > 1:
        found = _joined_dates(found, text)
    if found and default_year is not None and any(text[d.end : d.end + 1] == " " for d in found):
        found = _with_two_digit_years(found, text, default_year)
    if "quarter" in text:  # rare: its own scan, so that the common one stays narrow
        found = _with_quarters(found, text, default_year, default_month)
    if ("19" in text or "20" in text) and any(w in text for w in _YEAR_PART_WORDS):  # rare: substring tests first
        found = _with_year_parts(found, text)
    if (
        relative
        and default_year is not None
        and ("month" in text or " inst" in text or " ult" in text or " prox" in text)
    ):
        found = _with_relative(found, text, default_year, default_month)
    if default_day and default_year is not None and default_month and "he " in text and _ORDINAL_DIGIT.search(text):
        found = _with_bare_ordinals(found, text, default_year, default_month, default_day)
    if (
        default_year is not None
        and default_month
        and " at " in text
        and _CLOCK_AT.search(text)
        and _CLOCK_DAY.search(text)
    ):
        found = _with_clock_days(found, text, default_year, default_month, default_day)
    if found and any("day" in text[max(0, d.start - 12) : d.start] for d in found):
        found = _with_weekdays(found, text)
    if found and default_year is not None and default_month and default_month >= 11 and _PAST_CUE.search(text):
        found = _past_months(found, text, default_year)
    if found and default_year is not None and default_month and default_day and "ince " in text:
        found = _since_past_days(found, text, default_year, default_month, default_day)
    if (
        relative
        and default_year is not None
        and any(map(text.__contains__, _NAMED_DAY_CUE_ENDS))  # (the cues' last words first: fewer scans)
        and any(cue in text for cue in _NAMED_DAY_CUES)
    ):
        found = _with_named_days(found, text, default_year, default_month, default_day)
    return found


# a day and a month then a two-digit year ("14 March 74", "20 January 86"): the year ends the number (no
# digit, no decimal or other separator with a digit, no letter after it)
_TWO_DIGIT_YEAR_AFTER = re.compile(r" (?P<yy>\d\d)(?![\w%/-]|[.,:]\d)")
_YEAR_ENDED = re.compile(r"\s*(?:$|[,.;:)\]]|and\b|or\b|to\b|in\b|at\b|the\b|was\b|were\b|is\b)")


def _with_two_digit_years(found: list[DateMatch], text: str, default_year: int) -> list[DateMatch]:
    """A day and month found without a year ("14 March") then a two-digit year: the year is the date's when
    it is read as that year: the two digits end the phrase (a stop, a comma, "and", the end of the text;
    not "74 tanks") and name a year up to 30 years before the record's or one after (the value the date
    already has, or that year). The date then takes that year (TEI 13.4: @when in full); else the digits are no part of it."""
    out: list[DateMatch] = []
    for d in found:
        when = d.attrs.get("when", "")
        m = _TWO_DIGIT_YEAR_AFTER.match(text, d.end)
        if m is None or len(when) != 10 or not text[d.end - 1].isalpha() or len(d.attrs) != 1:
            out.append(d)
            continue
        yy = int(m["yy"])
        year = _full_year(m["yy"], default_year)
        if year > default_year + 1:
            year -= 100
        day = when if int(when[2:4]) == yy else iso_day(year, int(when[5:7]), int(when[8:10]))
        if day is not None and default_year - 30 <= year <= default_year + 1 and _YEAR_ENDED.match(text, m.end()):
            out.append(DateMatch(d.start, m.end(), {"when": day}, d.problem))
        else:
            out.append(d)
    return out


# days named from the record's own date ("yesterday") and holidays named by name ("May Day"), from
# data/months.json; a capitalised word after a holiday makes it a name's first words ("May Day Stadium")
_HOLIDAYS: dict[str, tuple[int, int]] = {
    name: (int(md[:2]), int(md[3:])) for name, md in _MONTHS_DATA["holidays"].items()
}
_DAYS_FROM_RECORD: dict[str, int] = dict(_MONTHS_DATA["days_from_record"])
# a cheap pretest: substring searches (most lines name no such day)
# (a day counted from the record's: its last word in lower case and in capitals, without its first letter)
_NAMED_DAY_CUES = (
    *sorted({f(d.rsplit(" ", 1)[-1][1:]) for d in _DAYS_FROM_RECORD for f in (str.lower, str.upper)}),
    *sorted(_HOLIDAYS),
)
# the last word of each cue: a text with none of them (most) holds no cue, found in fewer scans than the cues
_NAMED_DAY_CUE_ENDS = tuple(sorted({cue.rsplit(" ", 1)[-1] for cue in _NAMED_DAY_CUES}))
_NAMED_DAY = re.compile(
    r"(?<![\w’'-])(?:(?P<holiday>"
    + "|".join(re.escape(h) for h in sorted(_HOLIDAYS, key=len, reverse=True))
    + rf")(?![\w’'-]|(?-i:\s+[{UPPER}]))"
    + (  # none listed (the data's default): no alternative, which would match the empty string
        "|(?P<relative>"
        + "|".join(re.escape(d).replace(r"\ ", r"\s+") for d in sorted(_DAYS_FROM_RECORD, key=len, reverse=True))
        + r")(?![\w’'-])"
        if _DAYS_FROM_RECORD
        else ""
    )
    + ")",
    re.IGNORECASE,
)


def _with_named_days(
    found: list[DateMatch], text: str, year: int, month: int | None, day: int | None
) -> list[DateMatch]:
    """`found` with the days a record names by a word ("yesterday": counted back from the record's
    full date, none without its day) and its holidays by name ("May Day": that day of the year a month
    without a year would take, context_year), where no other date overlaps them (TEI 13.4.2).
    Holidays match as printed in data/months.json (capitals are part of their name); "yesterday" in any
    case, never as a possessive ("yesterday's men")."""
    added = []
    for m in _NAMED_DAY.finditer(text):
        if any(d.start < m.end() and m.start() < d.end for d in found):
            continue
        when = None
        if m.group("holiday"):
            if m.group("holiday") not in _HOLIDAYS:
                continue  # "may day" in lower case: no holiday's name
            h_month, h_day = _HOLIDAYS[m.group("holiday")]
            h_year = context_year(h_month, year, month)
            when = iso_day(h_year, h_month, h_day) if h_year else None
        elif m.groupdict().get("relative") and month and day and text[m.end() : m.end() + 1] not in ("'", "’"):
            base = _iso_date(iso_day(year, month, day))
            shift = _DAYS_FROM_RECORD[" ".join(m.group("relative").lower().split())]
            when = (base + datetime.timedelta(days=shift)).isoformat() if base else None
        if when:
            added.append(DateMatch(m.start(), m.end(), {"when": when}))
    return sorted(found + added, key=lambda d: d.start) if added else found


# a day and month without a year before a clock time, as a ciphergram's transmission lines print them
# ("dispatched on 5.31 at 10:00 hours", "received 6.1 at 9:58", "Came in …6.1. at 14:30 hours")
_CLOCK_DAY = re.compile(r"(?<![\w./])(?P<a>[0-3]?\d)\.(?P<b>[0-3]?\d)(?=\.?,?\s+at\s+[0-2]?\d[:.][0-5]\d(?!\d))")
# the clock time _CLOCK_DAY looks ahead to, as a pattern of its own that begins with a literal ("at"): re jumps
# from one "at" to the next, where _CLOCK_DAY, beginning with a lookbehind, is tried at every position of the
# text; a text it does not match holds no match of _CLOCK_DAY (most texts that have " at " have no clock time)
_CLOCK_AT = re.compile(r"at\s+[0-2]?\d[:.][0-5]\d")


def _with_clock_days(found: list[DateMatch], text: str, year: int, month: int, day: int | None) -> list[DateMatch]:
    """`found` with the days and months printed without a year before a clock time ("dispatched on 5.31 at
    10:00 hours", "received 6.1 at 9:58"), of the record's year (context_year), where no other date
    overlaps them. A date only with the record's full date: the reading taken is the only one possible
    or near (ENCODING.md §8: the order is certain), and it lies within NEAR_RECORD_DATE days of the
    record's date (a cable's transmission days lie days from its own); otherwise the numbers stay untagged
    (a wrong date is worse than none). After "at" the numbers are a day only when a reading lies within
    STAMP_NEAR_RECORD_DATE days of the record's date ("received at 05.29 at 06:25" in a cable of 28 May: the
    stamp's day); else a time of day ("received at 06.14 at 04:53" in a cable of 5 May). The
    order of the record's dotted dates with a year is not used: ciphergrams print their transmission days
    month first ("5.31") above a text that writes "31.5.63"."""
    added: list[DateMatch] = []
    near = _iso_date(iso_day(year, month, day)) if day else None
    if near is None:
        return found
    for m in _CLOCK_DAY.finditer(text):
        after_at = text.endswith(("at ", "At "), 0, m.start())  # "at 06.14": a clock time, unless a stamp's day
        if any(d.start < m.end() and m.start() < d.end for d in found):
            continue
        a, b = int(m["a"]), int(m["b"])
        readings = {}
        for first, (mon, dd) in ((True, (b, a)), (False, (a, b))):  # day first, month first
            y = context_year(mon, year, month) if 1 <= mon <= 12 else None
            when = iso_day(y, mon, dd) if y is not None else None
            if when:
                readings[first] = when
        reach = STAMP_NEAR_RECORD_DATE if after_at else NEAR_RECORD_DATE
        readings = {k: w for k, w in readings.items() if _days_apart(w, near) <= reach}
        if len(readings) == 1:
            added.append(DateMatch(m.start(), m.end(), {"when": next(iter(readings.values()))}))
    return sorted(found + added, key=lambda d: d.start) if added else found


def _days_apart(value: str, near: datetime.date) -> int:
    """Days between a full ISO value and `near` (a large number when the value is no full day)."""
    day = _iso_date(value)
    return abs((day - near).days) if day else 10**6


# what joins two dates into one stretch: "28 December 1961 and 6 January 1962", "April 26th to April 28th"
_JOIN = re.compile(r"[ ]?[-–][ ]?|[ ]+(?:to|through|till|until|and|or)[ ]+")


def _first_and_last_day(date: DateMatch) -> tuple[str, str] | None:
    """The first and last day a dated match covers (ISO), or None for a bare year or a date without a value."""
    when = date.attrs.get("when", "")
    if len(when) == 10:
        return when, when
    if len(when) == 7:
        return month_bounds(int(when[:4]), int(when[5:]))
    first, last = date.attrs.get("notBefore", ""), date.attrs.get("notAfter", "")
    return (first, last) if len(first) == len(last) == 10 else None


def _joined_dates(found: list[DateMatch], text: str) -> list[DateMatch]:
    """`found` with each two dates joined by "and", "or", "to", "through", "until" or a dash read as one
    date bounded by the first's first day and the second's last (TEI 13.4.2 notBefore/notAfter): "between
    28 December 1961 and 6 January 1962" is one stretch, as a range printed within one month already is.
    Only dates of a day or a month, the second after the first; bare years stay apart ("in 1959 and 1962")."""
    out = [found[0]]
    for date in found[1:]:
        prev = out[-1]
        if _JOIN.fullmatch(text, prev.end, date.start) and not prev.problem and not date.problem:
            second = _first_and_last_day(date)
            for first in _first_and_last_days(prev, text, second):
                if first and second and first[1] < second[0]:
                    out[-1] = DateMatch(prev.start, date.end, {"notBefore": first[0], "notAfter": second[1]})
                    break
            else:
                out.append(date)
        else:
            out.append(date)
    return out


_PRINTED_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


def _first_and_last_days(prev: DateMatch, text: str, second: tuple[str, str] | None) -> list[tuple[str, str] | None]:
    """The readings of the first of two joined dates: as found; and when it prints no year while the second
    does ("late September and early October, 1962"), with the second's year, then the year before ("28
    December and 6 January 1962"): the printed year is the pair's, not the record's."""
    readings = [_first_and_last_day(prev)]
    surface = text[prev.start : prev.end]
    if second is None or _PRINTED_YEAR.search(surface):
        return readings
    year = int(second[0][:4])
    again = [
        [d for d in find_dates(surface, candidate) if d.start == 0 and d.end == len(surface)]
        for candidate in (year, year - 1)
    ]
    if not all(again):
        return readings  # a form read only in its sentence ("7June"): the reading found there
    # the record's year is not the pair's: only the printed year's readings
    return [_first_and_last_day(dates[0]) for dates in again]


_QUARTER = re.compile(rf"\b(?P<quarter>first|second|third|fourth)\s+quarter\s+of\s+(?:{_YEAR}\b|(?:the|this)\s+year\b)")
_QUARTERS = ("first", "second", "third", "fourth")


def _with_quarters(found: list[DateMatch], text: str, year: int | None, month: int | None) -> list[DateMatch]:
    """`found` with the quarters of a year ("first quarter of 1967", "the third quarter of this year": TEI
    13.4.2 bounds), in place of a date inside one ("1967"), unless one crosses another date. Of "the year" only when the record's year gives it and its
    month is past the first quarter (early in a year "the year" may be the one just past)."""
    added = []
    for m in _QUARTER.finditer(text):
        value = int(m.group("year")) if m.group("year") else year
        if value is None or (not m.group("year") and (month is None or month <= 3)):
            continue
        if any(d.start < m.end() and m.start() < d.end and not m.start() <= d.start < d.end <= m.end() for d in found):
            continue  # crosses another date
        found = [d for d in found if not m.start() <= d.start < d.end <= m.end()]  # "1967" of "… quarter of 1967"
        first = 3 * _QUARTERS.index(m.group("quarter")) + 1
        added.append(DateMatch(m.start(), m.end(), _bounds(f"{value:04d}-{first:02d}-01", value, first + 2)))
    return sorted(found + added, key=lambda d: d.start) if added else found


# a season or a part of a year with the year stated: "the fall of 1962", "autumn 1956", "early 1963",
# "mid-1970", "end of 1964"; winter runs across a new year and early/mid/late are vague: the year alone is tagged
_YEAR_PART = re.compile(
    r"\b(?P<part>(?i:spring|summer|autumn|winter)(?:\s+of)?|(?i:fall)\s+of|(?:[Ee]arly|[Ll]ate)(?:\s+in)?|[Mm]id-?|"
    r"(?:[Bb]eginning|[Ss]tart|[Ee]nd)\s+of)\s*(?P<year>19\d\d|20[0-2]\d)\b(?![-–/.]?\d)"
)
_YEAR_PART_WORDS = (
    "pring",
    "ummer",
    "all of",
    "utumn",
    "inter",
    "arly",
    "ate in",
    "ate 1",
    "ate 2",
    "id-",
    "id 1",
    "id 2",
    "nd of",
    "eginning",
    "tart of",
)
# the months a part covers (first, last); the rest are given the year alone
_YEAR_PART_MONTHS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "beginning": (1, 1),
                     "start": (1, 1), "end": (12, 12)}  # fmt: skip


def _with_year_parts(found: list[DateMatch], text: str) -> list[DateMatch]:
    """`found` with seasons and parts of a stated year as one date each, in place of the bare year inside
    ("the fall of 1962": September to November, TEI 3.6.4/13.4.2 notBefore/notAfter; "end of 1964": its
    December). A vague part ("early 1963", "mid-1970", "winter of 1962") has no bounds to give: the date is the
    year alone, without the word (@when, no finer value being honest).
    A part crossing another date is left out."""
    added = []
    for m in _YEAR_PART.finditer(text):
        if any(d.start < m.end() and m.start() < d.end and not m.start() <= d.start < d.end <= m.end() for d in found):
            continue
        found = [d for d in found if not m.start() <= d.start < d.end <= m.end()]
        part = m.group("part").lower().split()[0]
        year = int(m.group("year"))
        months = _YEAR_PART_MONTHS.get(part)
        if months:
            added.append(DateMatch(m.start(), m.end(), _bounds(f"{year:04d}-{months[0]:02d}-01", year, months[1])))
        else:  # "early 1963": no bounds to give the vague part, so the date is the year it names
            added.append(DateMatch(m.start("year"), m.end("year"), {"when": str(year)}))
    return sorted(found + added, key=lambda d: d.start) if added else found


_CLOCK_BEFORE = re.compile(r"(?<![\w])(?:[Uu]ntil|[Tt]ill|[Ff]rom|to|[Bb]y|[Aa]fter|[Bb]efore) $")


def _clock_time(text: str, at: int, year: str | None, default_year: int | None) -> bool:
    """Whether a bare year after "until", "from", "by"… is a time of day in military writing ("until
    1900", "from 1630"): a round quarter hour (hh00, hh15, hh30, hh45) far before the record's own year
    (50 years or more: no journal of 1960 meets anyone "until" the year 1900)."""
    if not year or default_year is None or int(year) > default_year - 50:
        return False
    hours, minutes = int(year[:2]), int(year[2:])
    return hours <= 23 and minutes in (0, 15, 30, 45) and _CLOCK_BEFORE.search(text, max(0, at - 7), at) is not None


def _date_of(
    m: re.Match, default_year: int | None, default_month: int | None, day_first: bool | None
) -> DateMatch | None:
    """The date of one match of _ALL_DATES (its attributes by the form that matched), or None."""
    n = _FORM_OF_GROUP[m.lastgroup or "alt0"]  # the outer group that matched: "alt<n>"
    return _to_match(
        _DATE_FORMS[n][0], m.start(), m.end(), m.group(0), _form_groups(m, n), default_year, default_month, day_first
    )


def _whole_line_date(line: str, default_year: int | None) -> DateMatch | None:
    """The date find_dates(line, default_year) finds spanning the whole of `line`, or None; without
    its scan of the whole line. Its first match is the leftmost, so one spanning the line can only be
    the pattern's match at the line's start; the prefilter find_dates applies is applied too (same answers)."""
    m = _ALL_DATES.match(line)
    if m is None or m.end() != len(line) or not _may_hold_a_date(line):
        return None
    date = _date_of(m, default_year, None, False)
    return date if date and date.start == 0 and date.end == len(line) else None


# Dates counted from the writing date: a day of the record's month ("the 26th of this month"). A year
# named from the record alone ("this year", "last year", "the current year") is not read: editors of the
# archive's records do not annotate it (a vague expression stays untagged, ENCODING.md §6), while "August
# of this year" and "the fourth quarter of this year" name a stretch the record bounds and are read above.
# "The following year" counts from a date the text names, which a pattern cannot tell: never read.
_ORDINAL_WORD = "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
# the words after the day and the months they add to the record's month (months.json months_from_record)
_MONTHS_FROM_RECORD = {" ".join(k.split()): v for k, v in _MONTHS_DATA["months_from_record"].items()}
# (find_dates tries _RELATIVE only on a text holding "month", " inst", " ult" or " prox": most hold none)
_RELATIVE = re.compile(
    rf"\b[Tt]he\s+(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)|(?P<word>{_ORDINAL_WORD}))\s+(?P<rel>"
    + "|".join(
        r"\s+".join(map(re.escape, k.split())) + (r"(?![\w’'-])" if k[-1].isalnum() else "")
        for k in sorted(_MONTHS_FROM_RECORD, key=len, reverse=True)
    )
    + ")"
)
# a cheap pretest for _BARE_ORDINAL (every match holds a digit and an ordinal's ending): a scan from digit to
# digit, where _BARE_ORDINAL stops at every "he " of the text ("the", "she")
_ORDINAL_DIGIT = re.compile(r"\d(?:st|nd|rd|th)")
# a day of the record's month by its ordinal alone, the sentence going on after it ("on the 4th, from 9:15",
# "the evening of the 28th […]", "on the 24th the paper printed": a word of months.json words_after_a_bare_day);
# never before a noun ("the 20th anniversary", "the 4th Congress")
# (the match begins with the literal "he " and reads "t"/"T" behind it: the scan jumps from one "he " to the
# next instead of trying the pattern at every position; the day's group is where the date begins)
_BARE_ORDINAL = re.compile(
    r"he (?<=\b[Tt]he )(?P<day>[0-3]?\d)(?:st|nd|rd|th)(?=\s?(?:[,;:()\[…]|$)|\.(?:\s|$)|\s(?:"
    + "|".join(_MONTHS_DATA["words_after_a_bare_day"])
    + r")\s)"
    + "|he (?:"
    + "|".join(rf"(?<=\b{re.escape(w)} the )" for w in _MONTHS_DATA["words_before_a_bare_day"])
    + r")(?P<dated>[0-3]?\d)(?:st|nd|rd|th)\b"
)


def _with_relative(found: list[DateMatch], text: str, year: int, month: int | None) -> list[DateMatch]:
    """`found` with the days of a month counted from the record's month ("the 14th of this month", "the
    5th inst.", "the 2nd of next month", rolled over the year: months.json months_from_record) that
    overlap none of them, in text order (TEI 13.4.2); none without the record's month."""
    added = []
    for m in _RELATIVE.finditer(text):
        if any(d.start < m.end() and m.start() < d.end for d in found):
            continue
        day = int(m.group("day")) if m.group("day") else _ORDINAL_WORDS[m.group("word").lower()]
        when = None
        if month:
            counted = year * 12 + month - 1 + _MONTHS_FROM_RECORD[" ".join(m.group("rel").split())]
            when = iso_day(counted // 12, counted % 12 + 1, day)
        if when:
            added.append(DateMatch(m.start(), m.end(), {"when": when}))
    return sorted(found + added, key=lambda d: d.start) if added else found


def _with_bare_ordinals(found: list[DateMatch], text: str, year: int, month: int, today: int) -> list[DateMatch]:
    """`found` with the days of the record's month named by their ordinal alone ("on the 4th, from 9:15",
    "on the evening of the 21st,"): a day up to the record's own day is of its month (TEI 13.4.2); a later
    one too when its sentence speaks of what will come ("I will be arriving ... on the 29th"); else a later
    one may be of the month before: left untagged (a wrong date is worse than none)."""
    added = []
    for m in _BARE_ORDINAL.finditer(text):
        group = "day" if m.group("day") else "dated"  # ("a cable dated the 13th": words_before_a_bare_day)
        day = int(m.group(group))
        if (day > today and not _future_before(text, m.start(group))) or any(
            d.start < m.end() and m.start(group) < d.end for d in found
        ):
            continue
        when = iso_day(year, month, day)
        if when:
            added.append(DateMatch(m.start(group), m.end(), {"when": when}))
    return sorted(found + added, key=lambda d: d.start) if added else found


# a weekday right before a day's date, a comma and spaces between: "Monday, 28 December" (months.json weekdays)
_WEEKDAY_BEFORE = re.compile(rf"(?<![\w’'-])(?:{'|'.join(_MONTHS_DATA['weekdays'])}),?\s+$")
# the same, for a weekday before a date the translator supplied ("Sunday [21 October]": enrich/entities.py)
WEEKDAY_BEFORE = _WEEKDAY_BEFORE


def _with_weekdays(found: list[DateMatch], text: str) -> list[DateMatch]:
    """`found` with each day's date that a weekday's name stands right before ("Monday, 28 December")
    beginning at the weekday: one mention, the day's value (TEI 13.4.2); a weekday alone is no date."""
    out = []
    for d in found:
        when = d.attrs.get("when", "")
        m = _WEEKDAY_BEFORE.search(text, max(0, d.start - 12), d.start) if len(when) == 10 else None
        out.append(DateMatch(m.start(), d.end, d.attrs, d.problem) if m else d)
    return out


# "since 15 October": the day lies before the record's date (a day to come cannot be a start up to now)
_SINCE_BEFORE = re.compile(r"\b[Ss]ince\s+$")


def _since_past_days(found: list[DateMatch], text: str, year: int, month: int, day: int) -> list[DateMatch]:
    """`found` with a day and month printed without a year after "since" taken a year earlier when the
    record's year puts it after the record's date ("since 15 October" in a note of 6 January 1965 is
    1964-10-15): the text marks the day as past (TEI 13.4.2). A printed year is never changed."""
    today = iso_day(year, month, day) or ""
    out = []
    for d in found:
        when = d.attrs.get("when", "")
        m = _SINCE_BEFORE.search(text, max(0, d.start - 8), d.start)
        if (
            m
            and len(when) == 10
            and when > today
            and when[:4] == str(year)
            and not _YEAR_IN.search(text, d.start, d.end)
        ):
            earlier = iso_day(year - 1, int(when[5:7]), int(when[8:]))
            d = DateMatch(d.start, d.end, {"when": earlier}, d.problem) if earlier else d
        out.append(d)
    return out


# "had sought refuge ... in January": a cue that the month without a year lies in the past (months.json past_cues)
_PAST_CUE = re.compile(rf"\b(?:{'|'.join(_MONTHS_DATA['past_cues'])})\b")
_FUTURE_IN_PAST = re.compile(rf"\b(?:{'|'.join(_MONTHS_DATA['future_in_past_cues'])})\b")


def _past_months(found: list[DateMatch], text: str, year: int) -> list[DateMatch]:
    """`found` with a month or day printed without a year that context_year put in the year after the
    record's (`year`: "January" in a December record) taken in the record's own year when its sentence,
    up to it, marks it as past (a past cue of months.json, no future cue: "had sought refuge ... in
    January" in a note of December 1961 is January 1961; TEI 13.4.2). A printed year is never changed."""
    later = str(year + 1)
    out = []
    for d in found:
        values = [v for v in d.attrs.values() if v]
        if values and all(v[:4] == later for v in values) and not _YEAR_IN.search(text, d.start, d.end):
            begin = max(text.rfind(b, 0, d.start) for b in _SENTENCE_BREAKS) + 1
            sentence = text[begin : d.start]
            if (
                _PAST_CUE.search(sentence)
                and not any(word in sentence for word in _FUTURE)
                and not _FUTURE_IN_PAST.search(sentence)
            ):
                d = DateMatch(d.start, d.end, {k: f"{year:04d}{v[4:]}" for k, v in d.attrs.items()}, d.problem)
        out.append(d)
    return out


_YEAR_IN = re.compile(r"(?:1[5-9]|20)\d\d")
_FUTURE = (" will ", " shall ", " is to ", " are to ")  # what a sentence about a coming day holds
_SENTENCE_BREAKS = (". ", "! ", "? ", "; ")


def _future_before(text: str, at: int) -> bool:
    """Whether the sentence of `text` that runs up to `at` speaks of what will come (" will ", " shall ")."""
    begin = max(text.rfind(b, 0, at) for b in _SENTENCE_BREAKS)
    sentence = text[begin + 1 : at]
    return any(word in sentence for word in _FUTURE)


def context_year(month: int, default_year: int | None, default_month: int | None) -> int | None:
    """The year of a month named without one, in a document of `default_year`/`default_month`.

    The document's year, except across a new year: a month ten or more months away from the
    document's month within its year, but two or fewer across the new year, belongs to the
    neighbouring year (a January record's "December" is last year's, a December record's
    "January" next year's). Anything nearer keeps the document's year.
    """
    if default_year is None or default_month is None:
        return default_year
    if default_month - month >= 10:
        return default_year + 1
    if month - default_month >= 10:
        return default_year - 1
    return default_year


def _to_match(
    kind: str,
    start: int,
    end: int,
    text: str,
    g: dict,
    default_year: int | None,
    default_month: int | None = None,
    day_first: bool | None = None,
    slash_day_first: bool | None = False,
) -> DateMatch | None:
    """ISO attributes for one matched date form; `g` holds its named groups (day, month, year…)."""
    if kind in ("roman", "numeric"):
        return _numeric_match(kind, start, end, text, g, default_year, (day_first, slash_day_first))
    if kind == "year":
        return DateMatch(start, end, {"when": g["year"] or g["listed"]})
    if kind == "year-range":  # the first year to the last (TEI 13.4.2); a span running backwards is none
        return (
            DateMatch(start, end, {"notBefore": g["year"], "notAfter": g["year2"]}) if g["year"] < g["year2"] else None
        )
    if kind == "roman-range":
        return _roman_range_match(start, end, text, g, default_year)
    if kind == "roman-dm":
        month = _ROMAN_MONTHS[g["roman"]]
        year = context_year(month, default_year, default_month)
        when = iso_day(year, month, int(g["day"])) if year is not None else None
        return DateMatch(start, end, {"when": when}) if when else None
    if kind == "yy-mm-dd":
        return _year_first_match(start, end, g, default_year)
    if kind == "numeric-md":
        return _month_day_match(start, end, int(g["a"]), int(g["b"]), default_year, default_month)
    if kind == "half":
        year = int(g["year"]) if g.get("year") else default_year
        if year is None or (not g.get("year") and default_month is not None and default_month <= 2):
            return None  # "the first half of the year" early in a year may mean the year just past
        return DateMatch(
            start,
            end,
            _bounds(f"{year:04d}-{1 if g['half'] == 'first' else 7:02d}-01", year, 12 if g["half"] == "second" else 6),
        )
    if kind == "showa":
        when = iso_day(1925 + int(g["eyear"]), month_number(g["month"]), int(g["day"]))
        return DateMatch(start, end, {"when": when}) if when else None
    if kind in ("iso", "iso-short"):
        month = int(g["mnum"])
    else:
        month = month_number(g["month"])
    if g.get("year"):
        year = int(g["year"].replace("[", "").replace("]", ""))
    elif g.get("thisyear"):
        year = default_year
    else:
        year = context_year(month, default_year, default_month)
    if kind == "my":
        return DateMatch(start, end, {"when": f"{year:04d}-{month:02d}"})
    if year is None:
        return None  # a day or month with no year to take: leave it untagged
    if kind == "month-part":
        lo, hi = month_bounds(year, month)
        first, last = {
            "beginning": (1, 10),
            "start": (1, 10),
            "middle": (11, 20),
            "mid": (11, 20),
            "end": (21, int(hi[-2:])),
            "first half": (1, 15),  # "the first half of April"
            "second half": (16, int(hi[-2:])),
            "early": (1, 10),
            "late": (21, int(hi[-2:])),
            "first": (1, 10),  # "the first ten days of May"
            "second": (11, 20),
            "third": (21, int(hi[-2:])),
            "last": (21, int(hi[-2:])),
        }[" ".join(g["part"].lower().split())]
        return DateMatch(start, end, {"notBefore": f"{lo[:8]}{first:02d}", "notAfter": f"{lo[:8]}{last:02d}"})
    if kind == "meeting-month" and not g.get("year") and not _meeting_month_is_past(month, default_month):
        return None
    if kind == "last-month":
        if default_year is None or default_month is None:
            return None  # no record's month to count back from
        year = default_year if month < default_month else default_year - 1
        return DateMatch(start, end, {"when": f"{year:04d}-{month:02d}"})  # the month itself, as "August 1962"
    if kind in ("month-this-year", "bare-month", "meeting-month"):  # inferred year: the month itself, as "my"
        return DateMatch(start, end, {"when": f"{year:04d}-{month:02d}"})
    if kind == "mm-range":
        month2 = month_number(g["month2"])
        if month2 <= month:
            return None  # "October to March" runs into another year, which one the text does not say
        return DateMatch(start, end, _bounds(month_bounds(year, month)[0], year, month2))
    day = int(g["day"])
    if kind == "dmdm-range" and month_number(g["month2"]) < month:
        # "28 December to 3 January [1962]": the range crosses a new year; a year printed belongs to its end
        first_year = year - 1 if g.get("year") else year
        range_first = iso_day(first_year, month, day)
        range_last = iso_day(first_year + 1, month_number(g["month2"]), int(g["day2"]))
        if range_first and range_last:
            return DateMatch(start, end, {"notBefore": range_first, "notAfter": range_last})
        return DateMatch(start, end, {}, problem=f"impossible date range {text!r}")
    when = iso_day(year, month, day)
    if kind.endswith("range"):
        month2 = month_number(g["month2"]) if g.get("month2") else month
        last_day = iso_day(year, month2, int(g["day2"]))
        if when and last_day and when < last_day:
            return DateMatch(start, end, {"notBefore": when, "notAfter": last_day})
        return DateMatch(start, end, {}, problem=f"impossible date range {text!r}")
    if when is None:
        return DateMatch(start, end, {}, problem=f"impossible date {text!r}")
    return DateMatch(start, end, {"when": when})


def _meeting_month_is_past(month: int, default_month: int | None) -> bool:
    """Whether a meeting named by its month ("the October plenum") surely lies in the year context_year
    gives it: a month up to the record's own (this year's), or November and December in a record of
    January or February (the year before); later months may be a coming meeting or last year's: no date."""
    if default_month is None:
        return False
    return month <= default_month or (default_month <= 2 and month >= 11)


def _month_day_match(
    start: int, end: int, a: int, b: int, default_year: int | None, default_month: int | None
) -> DateMatch | None:
    """ "03.15.": month and day when exactly one of the two can only be a day (above 12), in the year
    of the record (`context_year`); else None (an order the text does not tell, or no year)."""
    if (a > 12) == (b > 12):
        return None
    month, day = (b, a) if a > 12 else (a, b)
    year = context_year(month, default_year, default_month)
    when = iso_day(year, month, day) if year is not None and month else None
    return DateMatch(start, end, {"when": when}) if when else None


def _bounds(first_day: str, year: int, last_month: int) -> dict:
    """notBefore/notAfter from `first_day` to the last day of `last_month` of `year` (TEI 13.4.2)."""
    return {"notBefore": first_day, "notAfter": month_bounds(year, last_month)[1]}


def _full_year(year: str, default_year: int | None) -> int:
    """A two-digit year takes the century of the document's date (1900s when there is none)."""
    if len(year) == 4:
        return int(year)
    century = (default_year // 100) * 100 if default_year else 1900
    return century + int(year)


# the order of a record's numeric dates: (dotted dates day first, slashed dates day first), each None when not known
_Orders = tuple[bool | None, bool | None]


def _numeric_match(
    kind: str, start: int, end: int, text: str, g: dict, default_year: int | None, orders: _Orders = (None, False)
) -> DateMatch:
    """14.X.1956, 17.09.52, 11/03/52: ISO when the order of day and month is certain.

    Certain: a Roman-numeral month; a number over 12 (it can only be the day); a slashed date in a
    record whose convention or own slashed dates settle their order (`orders[1]` False: month first, the
    American order of the archive's English documents; True: day first; see slash_order, slashed_order);
    a dotted date in a document whose dotted dates settle their order (`orders[0]` True or False, see
    dotted_order). Otherwise the date is tagged without @when and reported (a wrong date is worse than
    none). ENCODING.md §8.
    """
    year = _full_year(g["year"], default_year)
    day_first, slash_day_first = orders
    if kind == "roman":
        day, month = int(g["day"]), _ROMAN_MONTHS[g["roman"]]
    else:
        a, b = int(g["a"]), int(g["b"])
        if a > 12 and b <= 12:
            day, month = a, b
        elif b > 12 and a <= 12:
            month, day = a, b
        elif a == b:
            day = month = a
        elif slash_day_first is not None and g["sep"] == "/":
            day, month = (a, b) if slash_day_first else (b, a)
        elif day_first is not None and g["sep"] == ".":
            day, month = (a, b) if day_first else (b, a)
        else:
            return DateMatch(start, end, {}, problem=f"ambiguous day/month order in {text!r}")
    when = iso_day(year, month, day)
    if when is None:
        return DateMatch(start, end, {}, problem=f"impossible date {text!r}")
    return DateMatch(start, end, {"when": when})


def _roman_range_match(start: int, end: int, text: str, g: dict, default_year: int | None) -> DateMatch:
    """ "31.V – 21.VI.1953": from the first day to the last (TEI 13.4.2), both in the year printed at the
    end; a stretch running backwards or an impossible day is tagged without a value and reported."""
    year = _full_year(g["year"], default_year)
    first = iso_day(year, _ROMAN_MONTHS[g["roman"]], int(g["day"]))
    last = iso_day(year, _ROMAN_MONTHS[g["roman2"]], int(g["day2"]))
    if first and last and first < last:
        return DateMatch(start, end, {"notBefore": first, "notAfter": last})
    return DateMatch(start, end, {}, problem=f"impossible date range {text!r}")


def _year_first_match(start: int, end: int, g: dict, default_year: int | None) -> DateMatch | None:
    """ "80. 10. 02." (YY. MM. DD.) as a date only when the record's year fixes it: the year read first
    lies within two years of the record's (its century taken from it) and the day-first reading
    (02 October 1980 read as 80 October) is impossible or far from the record; else None, no mention."""
    if default_year is None:
        return None
    year = _full_year(g["yy"], default_year)
    when = iso_day(year, int(g["mnum"]), int(g["day"])) if abs(year - default_year) <= 2 else None
    other_year = _full_year(g["day"], default_year)  # DD. MM. YY., the other order
    other = iso_day(other_year, int(g["mnum"]), int(g["yy"])) if abs(other_year - default_year) <= 2 else None
    return DateMatch(start, end, {"when": when}) if when and not other else None


_DOTTED = re.compile(r"(?<![\w./])([0-3]?\d)\.([0-3]?\d)\.((?:1[5-9]|20)\d\d|\d\d)" + _NUMERIC_END)
_SLASHED = re.compile(r"(?<![\w./])([0-3]?\d)/([0-3]?\d)/((?:1[5-9]|20)\d\d|\d\d)(?![\w/]|\.\d)")
NEAR_RECORD_DATE = 14  # days: a dispatch line's date lies within two weeks of the record's own date
# days: after "at", a cable's stamp ("received at 05.29 at 06:25") lies this near its record's date, a time does not
STAMP_NEAR_RECORD_DATE = 2
_CONVENTIONS = json.loads((Path(__file__).parent / "data" / "date-conventions.json").read_text(encoding="utf-8"))
SLASH_MONTH_FIRST_LANGUAGES = frozenset(_CONVENTIONS["slash_month_first"])


def slash_order(original_languages: Iterable[str]) -> bool | None:
    """The order of slashed dates ("3/4/62") a record's convention makes certain, by the ISO 639-1 codes
    of its Original Language: False (month first, not day first) when every one writes them so (English: the archive's
    English documents, data/date-conventions.json) or none is named; None for a translation from any
    other language, whose translator may have kept the original's day-first order or turned it to the
    American one — not certain (slashed_order may settle it from the record's own dates; for a record
    that names no language the tagger reads its own dates first and takes month first only when they do
    not settle the order). ENCODING.md §8."""
    return False if all(code in SLASH_MONTH_FIRST_LANGUAGES for code in original_languages) else None


def dotted_order(texts: list[str], record_date: str | None = None) -> bool | None:
    """The order of day and month the dotted numeric dates of a document's `texts` settle: True (day
    first) when one has a first number over 12 ("31.10.62"), False (month first) when one has a second
    number over 12 ("10.31.62"); else, given the record's ISO `record_date`, the order of a date whose
    reading in that order alone lies within NEAR_RECORD_DATE days of it ("04.05.1962" in a record of 5
    May 1962, "11.09.1962" in a record of 9 November 1962: a cable's own date); None when the dates do
    not settle it or contradict one another."""
    return _numeric_order(_DOTTED, texts, record_date)


def slashed_order(texts: list[str], record_date: str | None = None) -> bool | None:
    """As dotted_order, for the slashed dates of a document ("25/3/62" settles day first, "3/25/62"
    month first): True (day first), False (month first) or None."""
    return _numeric_order(_SLASHED, texts, record_date)


def _numeric_order(pattern: re.Pattern, texts: list[str], record_date: str | None) -> bool | None:
    """The order (True: day first) the dates `pattern` finds in `texts` settle (see dotted_order), or None."""
    firsts: set[bool] = set()
    near_firsts: set[bool] = set()
    near = _iso_date(record_date)
    for a, b, year in pattern.findall("\n".join(texts)):  # one scan of the whole document
        if int(a) > 12 or int(b) > 12:
            firsts.add(int(a) > 12)
        elif near is not None and a != b:
            full = _full_year(year, near.year)
            by_day, by_month = _iso_date(iso_day(full, int(b), int(a))), _iso_date(iso_day(full, int(a), int(b)))
            close_day = by_day is not None and abs((by_day - near).days) <= NEAR_RECORD_DATE
            close_month = by_month is not None and abs((by_month - near).days) <= NEAR_RECORD_DATE
            if close_day != close_month:
                near_firsts.add(close_day)
    settled = firsts or near_firsts
    return settled.pop() if len(settled) == 1 else None


def _iso_date(value: str | None) -> datetime.date | None:
    """The date of a full ISO value ("1962-05-04"), else None."""
    if not value or len(value) != 10:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


_WHOLE_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")


def parse_date_line(text: str) -> str | None:
    """ISO value of a line that is only a date ("June 9, 1961", "April 1976", "1971"), else None."""
    line = text.strip().rstrip(".").strip()
    if _WHOLE_YEAR.match(line):
        return line
    match = _whole_line_date(line, None)
    return match.attrs.get("when") or None if match else None


def is_date_line(text: str) -> bool:
    """True when the line is only a date (a dateline), whatever the year."""
    line = text.strip().rstrip(".").strip()
    if _WHOLE_YEAR.match(line):
        return True
    return _whole_line_date(line, 2000) is not None
