"""Issue 12 (speed): the faster forms of patterns outside the entity stage match what their plain forms match."""

from __future__ import annotations

import re
import string
import sys
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tei_encoder import dates
from tei_encoder.dates import _DATE_START_WORDS, _MONTH_PREFIXES, _any_case

ROOT = Path(__file__).resolve().parent.parent
# the cases of month letters, the characters re folds to an ASCII letter (long s, Kelvin sign, dotted and
# dotless I), digits of two scripts, quotes, separators, and what a word boundary needs on either side
ALPHABET = 'janfebmrpyulgsoctvdbhiwōJANFEBMRPYULGSOCTVDBHIWŌſKİı0123456789٣“"”-. ,_é中'


def _all_characters() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_the_cases_of_a_first_letter_are_every_character_re_takes_for_it():
    """_any_case spells out each case of a word's first letter: they must be all a case-insensitive
    pattern takes for it, or a word with a folded first letter ("ſeptember") would be missed."""
    everything = _all_characters()
    for letter in string.ascii_lowercase:
        taken = set(re.findall(f"(?i){letter}", everything))
        assert taken == set(letter + letter.upper() + dates._OTHER_CASES.get(letter, "")), letter


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=12))
@example("ſept")
@example("SHŌWA")
@example("Mid-")
@example("ſEPT.")
@example("Jan.")
def test_any_case_matches_what_the_case_insensitive_alternation_matches(text):
    for words in (_MONTH_PREFIXES, _DATE_START_WORDS):
        plain = re.compile("(?i:" + "|".join(map(re.escape, words)) + ")")
        fast = re.compile(_any_case(words))
        assert bool(fast.fullmatch(text)) == bool(plain.fullmatch(text))
        assert bool(fast.match(text)) == bool(plain.match(text))
    # the month forms are patterns (`Sept?\\.?`), not words: the same match, the same length
    plain_match = re.match("(?i:" + "|".join(dates._MONTH_WORD_FORMS) + ")", text)
    fast_match = re.match(_any_case(dates._MONTH_WORD_FORMS, escape=False), text)
    assert (plain_match and plain_match.group()) == (fast_match and fast_match.group())


_PLAIN_START = (
    r"(?=[jfmasondbelthJFMASONDBELTſ\d“\"])(?=[“\"]\d|\b(?:\d|(?i:"
    + "|".join(map(re.escape, _DATE_START_WORDS))
    + ")))"
)
_PLAIN_MONTH_WORDS = "(?i:" + "|".join(dates._MONTH_WORD_FORMS) + ")"


def _plain_all_dates() -> re.Pattern:
    """The date scan as one case-insensitive alternation of every form in order (before issue 12's speed-ups)."""
    parts = []
    for n, (_kind, pattern) in enumerate(dates._DATE_FORMS):
        body = pattern.replace(dates._MONTH_WORDS, _PLAIN_MONTH_WORDS)
        body = re.sub(r"\(\?P<(\w+)>", rf"(?P<f{n}_\1>", body)
        body = re.sub(r"\(\?P=(\w+)\)", rf"(?P=f{n}_\1)", body)
        parts.append(f"(?P<alt{n}>{body})")
    return re.compile(_PLAIN_START + "(?:" + "|".join(parts) + ")")


_PLAIN_ALL_DATES = _plain_all_dates()


def _found(pattern: re.Pattern, text: str) -> list[tuple[int, int, str | None, dict]]:
    return [(m.start(), m.end(), m.lastgroup, m.groupdict()) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
@example("on ſeptember 3, 1961 and “15” January 1962")
@example("the beginning of MAY 1956, mid-1960 and x_mar 4")
@example("ſept. 3, 1961; 12 Dec. 1962, “4” jUNE 1963 and 1959, 1962.")
@example("0AUG")  # a day glued to its month, which the gate lets through as the date forms do
def test_date_scan_from_case_sensitive_first_letters_finds_what_the_plain_scan_finds(text):
    assert dates._ALL_DATES.pattern.startswith(dates._DATE_START)
    assert dates._MONTH_WORDS in dates._DATE_FORMS[7][1]  # (the plain pattern replaces it)
    assert _found(dates._ALL_DATES, text) == _found(_PLAIN_ALL_DATES, text)
    assert bool(dates._MONTH_AFTER_BOUNDARY.search(text)) == bool(
        re.search(r"[\W\d](?=[jfmasondJFMASONDſ])" + dates._MONTH_WORD, text)  # (a day glued to its month: "15AUG")
    )


def test_date_scan_on_the_records_finds_what_the_plain_scan_finds():
    records = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "records").glob("*.txt"))
    assert records
    for path in records:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert _found(dates._ALL_DATES, line) == _found(_PLAIN_ALL_DATES, line), line


def test_every_named_day_cue_holds_one_of_the_words_its_gate_looks_for():
    """find_dates reads named days ("yesterday", "May Day") only when a cue's last word is in the text:
    each cue must hold one of those words, or a day would be skipped."""
    assert dates._NAMED_DAY_CUES
    for cue in dates._NAMED_DAY_CUES:
        assert any(end in cue for end in dates._NAMED_DAY_CUE_ENDS), cue
    found = dates.find_dates(
        "He arrived yesterday, before International Women’s Day.", 1962, 3, relative=True, default_day=9
    )
    assert [d.attrs for d in found] == [{"when": "1962-03-08"}]  # "yesterday" is no date (session 17)


_ANY_KIND = {"digit", "quote", "other"}


def _kinds_of(char: str) -> set[str]:
    return {"digit"} if char.isdecimal() else {"quote"} if char in '“"' else {"other"}


def _set_kinds(items) -> set[str]:
    from re import _constants as c

    kinds: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            kinds |= _kinds_of(chr(av))
        elif op is c.RANGE:
            kinds |= set().union(*(_kinds_of(chr(x)) for x in range(av[0], av[1] + 1)))
        elif op is c.CATEGORY and av in (c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT):
            kinds.add("digit")
        else:  # a negated set, a category of letters and digits, …
            return set(_ANY_KIND)
    return kinds


def _first_kinds(items) -> tuple[set[str], bool]:
    """What kinds of character (digit, quote, other) a parsed pattern can begin with, and whether it can
    consume none; conservative: whatever this reader does not know may begin with anything."""
    from re import _constants as c

    kinds: set[str] = set()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width
        if op is c.LITERAL:
            first, empty = _kinds_of(chr(av)), False
        elif op is c.IN:
            first, empty = _set_kinds(av), False
        elif op is c.SUBPATTERN:
            first, empty = _first_kinds(av[3].data)
        elif op is c.BRANCH:
            found = [_first_kinds(alternative.data) for alternative in av[1]]
            first, empty = set().union(*(k for k, _ in found)), any(e for _, e in found)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            first, empty = _first_kinds(av[2].data)
            empty = empty or av[0] == 0
        else:  # a back reference, any character, …
            first, empty = set(_ANY_KIND), True
        kinds |= first
        if not empty:
            return kinds, False
    return kinds, True


def test_each_date_form_begins_with_the_kind_of_character_its_alternation_is_tried_at():
    """The date scan tries the word-first forms (_WORD_FIRST_KINDS) only where no digit or quote stands, the
    others only where one does: a form in the wrong one would never match. Read from re's own parser."""
    from re import _parser

    for kind, pattern in dates._DATE_FORMS:
        first, empty = _first_kinds(_parser.parse(pattern).data)
        assert not empty, kind
        if kind in dates._WORD_FIRST_KINDS:
            assert first == {"other"}, (kind, first)
        else:  # every kind is in one set or the other (else the scan is one slower alternation)
            assert kind in dates._DIGIT_FIRST_KINDS, kind
            assert first <= {"digit", "quote"}, (kind, first)
    assert not dates._WORD_FIRST_KINDS & dates._DIGIT_FIRST_KINDS
    assert '(?![\\d“"])' in dates._ALL_DATES.pattern  # the two alternations
