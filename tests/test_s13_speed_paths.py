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
def test_any_case_matches_what_the_case_insensitive_alternation_matches(text):
    for words in (_MONTH_PREFIXES, _DATE_START_WORDS):
        plain = re.compile("(?i:" + "|".join(map(re.escape, words)) + ")")
        fast = re.compile(_any_case(words))
        assert bool(fast.fullmatch(text)) == bool(plain.fullmatch(text))
        assert bool(fast.match(text)) == bool(plain.match(text))


_PLAIN_START = (
    r"(?=[jfmasondbelthJFMASONDBELTſ\d“\"])(?=[“\"]\d|\b(?:\d|(?i:"
    + "|".join(map(re.escape, _DATE_START_WORDS))
    + ")))"
)
_PLAIN_ALL_DATES = re.compile(_PLAIN_START + dates._ALL_DATES.pattern[len(dates._DATE_START) :])


def _found(pattern: re.Pattern, text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
@example("on ſeptember 3, 1961 and “15” January 1962")
@example("the beginning of MAY 1956, mid-1960 and x_mar 4")
def test_date_scan_from_case_sensitive_first_letters_finds_what_the_plain_scan_finds(text):
    assert dates._ALL_DATES.pattern.startswith(dates._DATE_START)
    assert _found(dates._ALL_DATES, text) == _found(_PLAIN_ALL_DATES, text)
    assert bool(dates._MONTH_AFTER_BOUNDARY.search(text)) == bool(
        re.search(r"\W(?=[jfmasondJFMASONDſ])" + dates._MONTH_WORD, text)
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
    assert [d.attrs for d in found] == [{"when": "1962-03-08"}, {"when": "1962-03-08"}]
