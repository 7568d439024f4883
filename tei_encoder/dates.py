"""Dates in archival English: recognise them and give ISO 8601 values.

Shared by the parser (the record's date line, datelines) and the enrichment stage (dates in
running text). Pure functions, no state.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

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
_MONTH = r"(?P<month>(?i:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?))"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"

# Ordered: the longest forms first, so "9 June 1961" is not read as "9 June" + "1961".
DATE_PATTERNS = [
    ("dmy-range", re.compile(rf"\b{_DAY}\s*[-–]\s*{_DAY2}\s+{_MONTH}(?:,)?\s+{_YEAR}\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,)?\s+{_YEAR}\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("iso", re.compile(r"\b(?P<year>1[5-9]\d\d|20\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dm-range", re.compile(rf"\b{_DAY}\s*[-–]\s*{_DAY2}\s+{_MONTH}\b")),
    ("dm", re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!\s+(?:of\s+)?(?:1[5-9]|20)\d\d)")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![,.]?\s*\d)")),
    ("month-part", re.compile(rf"\b(?P<part>beginning|start|middle|end)\s+of\s+{_MONTH}(?:\s+{_YEAR})?\b")),
    ("month-this-year", re.compile(rf"\b{_MONTH}\s+of\s+(?:this|the\s+current)\s+year\b")),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b")),
    # numeric forms: 14.X.1956, 3.XI.53 (Roman month); 17.09.52, 24.3.1963; 11/03/52; 1973-3-15
    (
        "roman",
        re.compile(
            r"(?<![\w.])(?P<day>[0-3]?\d)\.\s?(?P<roman>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)\.\s?(?P<year>(?:1[5-9]|20)?\d\d)(?![\w]|\.\d)"
        ),
    ),
    (
        "numeric",
        re.compile(
            r"(?<![\w./])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:1[5-9]|20)\d\d|\d\d)(?![\w/]|\.\d)"
        ),
    ),
    (
        "iso-short",
        re.compile(r"(?<![\w.-])(?P<year>1[5-9]\d\d|20\d\d)-(?P<mnum>1[0-2]|0?[1-9])-(?P<day>[0-3]?\d)(?![\w-])"),
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
    return MONTHS[name.lower().rstrip(".")]


def iso_day(year: int, month: int, day: int) -> str | None:
    """YYYY-MM-DD, or None when the day does not exist (31 February)."""
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def month_bounds(year: int, month: int) -> tuple[str, str]:
    """The first and last day of a month, as ISO dates (notBefore/notAfter of a month)."""
    last = calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"


# Every date form names a month or has a numeric date: text with neither is skipped at once.
# The lookahead in front names every character a match can begin with (a month's initial in any case,
# "ſ" folding to "s", a digit): the scan then skips other positions fast (twice as fast; same matches).
_ANY_DATE = re.compile(
    r"(?=[jfmasondJFMASONDſ\d])"
    r"(?:(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?:[a-z]*)\b)|\d{4}-\d|\d[./]\s?[\dIVX]+[./]\s?\d\d)"
)


def _combined() -> re.Pattern:
    """All forms in one alternation, in priority order: one scan of the text instead of ten."""
    parts = []
    for n, (_kind, pattern) in enumerate(DATE_PATTERNS):
        body = re.sub(r"\(\?P<(\w+)>", rf"(?P<f{n}_\1>", pattern.pattern)
        body = re.sub(r"\(\?P=(\w+)\)", rf"(?P=f{n}_\1)", body)
        parts.append(f"(?P<alt{n}>{body})")
    # every form starts, at a word boundary, with a digit, a month or "beginning"/"start"/"middle"/
    # "end": test that first, cheaply (inside "1961" or "statement" nothing is tried)
    # (the character class first: the scan skips positions that cannot start a match without trying the rest)
    start = r"(?=[jfmasondbeJFMASONDBEſ\d])(?=\b(?:\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|beginning|start|middle|end)))"
    return re.compile(start + "(?:" + "|".join(parts) + ")")


_ALL_DATES = _combined()


def find_dates(text: str, default_year: int | None) -> list[DateMatch]:
    """Every date expression in `text`, with ISO attributes; at one place the longest form wins."""
    if not _ANY_DATE.search(text):
        return []
    found: list[DateMatch] = []
    for m in _ALL_DATES.finditer(text):
        n = int((m.lastgroup or "alt0")[3:])  # the outer group that matched: "alt<n>"
        kind = DATE_PATTERNS[n][0]
        prefix = f"f{n}_"
        groups = {k[len(prefix) :]: v for k, v in m.groupdict().items() if k.startswith(prefix)}
        match = _to_match(kind, m.start(), m.end(), m.group(0), groups, default_year)
        if match:
            found.append(match)
    return found


def _to_match(kind: str, start: int, end: int, text: str, g: dict, default_year: int | None) -> DateMatch | None:
    """ISO attributes for one matched date form; `g` holds its named groups (day, month, year…)."""
    if kind in ("roman", "numeric"):
        return _numeric_match(kind, start, end, text, g, default_year)
    year = int(g["year"]) if g.get("year") else default_year
    if kind in ("iso", "iso-short"):
        month = int(g["mnum"])
    else:
        month = month_number(g["month"])
    if kind == "my":
        return DateMatch(start, end, {"when": f"{year:04d}-{month:02d}"})
    if kind == "month-part":
        if year is None:
            return None
        lo, hi = month_bounds(year, month)
        first, last = {"beginning": (1, 10), "start": (1, 10), "middle": (11, 20), "end": (21, int(hi[-2:]))}[g["part"]]
        return DateMatch(start, end, {"notBefore": f"{lo[:8]}{first:02d}", "notAfter": f"{lo[:8]}{last:02d}"})
    if kind == "month-this-year":
        if year is None:
            return None
        lo, hi = month_bounds(year, month)
        return DateMatch(start, end, {"notBefore": lo, "notAfter": hi})
    if year is None:
        return None  # a day and month with no year to take: leave it untagged
    day = int(g["day"])
    when = iso_day(year, month, day)
    if kind.endswith("range"):
        last_day = iso_day(year, month, int(g["day2"]))
        if when and last_day and when <= last_day:
            return DateMatch(start, end, {"notBefore": when, "notAfter": last_day})
        return DateMatch(start, end, {}, problem=f"impossible date range {text!r}")
    if when is None:
        return DateMatch(start, end, {}, problem=f"impossible date {text!r}")
    return DateMatch(start, end, {"when": when})


def _full_year(year: str, default_year: int | None) -> int:
    """A two-digit year takes the century of the document's date (1900s when there is none)."""
    if len(year) == 4:
        return int(year)
    century = (default_year // 100) * 100 if default_year else 1900
    return century + int(year)


def _numeric_match(kind: str, start: int, end: int, text: str, g: dict, default_year: int | None) -> DateMatch:
    """14.X.1956, 17.09.52, 11/03/52: ISO when the order of day and month is certain.

    Certain: a Roman-numeral month; a number over 12 (it can only be the day); day equal to month.
    Dots and slashes follow one policy: the separator does not tell the order (the archive's
    European originals write day first, some English translations month first), so a day and month
    both 12 or less are tagged without @when and reported (a wrong date is worse than none).
    ENCODING.md §8, docs/encoding.md "Numeric dates".
    """
    year = _full_year(g["year"], default_year)
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
        else:
            return DateMatch(start, end, {}, problem=f"ambiguous day/month order in {text!r}")
    when = iso_day(year, month, day)
    if when is None:
        return DateMatch(start, end, {}, problem=f"impossible date {text!r}")
    return DateMatch(start, end, {"when": when})


_WHOLE_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")


def parse_date_line(text: str) -> str | None:
    """ISO value of a line that is only a date ("June 9, 1961", "April 1976", "1971"), else None."""
    line = text.strip().rstrip(".").strip()
    if _WHOLE_YEAR.match(line):
        return line
    for match in find_dates(line, None):
        if match.start == 0 and match.end == len(line):
            return match.attrs.get("when") or None
    return None


def is_date_line(text: str) -> bool:
    """True when the line is only a date (a dateline), whatever the year."""
    line = text.strip().rstrip(".").strip()
    if _WHOLE_YEAR.match(line):
        return True
    return any(m.start == 0 and m.end == len(line) for m in find_dates(line, 2000))
