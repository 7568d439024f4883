"""Issue 12 (speed, session 16): the faster forms of the entity pass's scans give what their plain forms gave."""

from __future__ import annotations

import re

from conftest import AUTHORITY
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tei_encoder import dates
from tei_encoder.enrich import entities
from tei_encoder.pipeline import recognizer

# capitals and lower case, the characters a name may not follow (word characters, apostrophes, hyphen),
# spaces, quotes, digits and a full stop: what the scans read around a name
ALPHABET = "WarsawBghdPctpaliNOTUXYZ ’'-_9.“”«‘\"é"


def _rec():
    return recognizer((AUTHORITY,), gazetteer=False)


def _plain_lower_heads(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    """The matches of the pattern as it was made before: with the lookbehind in front (no word before it)."""
    return [m.span() for m in re.compile(r"(?<![\w’'-])" + pattern.pattern).finditer(text)]


def _lower_heads(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in entities._lower_head_matches(pattern, text)]


# a constructed pattern of the recogniser's shape (first words as listed, then the rest in any case)
_SMALL = re.compile(r"(?:Warsaw|Baghdad|Wa) (?i:pact|pact of|treaty)(?![\w’'-])")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
@example("xWarsaw pact and the Warsaw Pact")
@example("-Warsaw pact")
@example("’Warsaw pact Baghdad pact")
@example("Warsaw pact of Baghdad pact")
@example("eWa pact")
@example("9Baghdad treaty, _Warsaw pact, Warsaw pactx")
def test_lower_head_matches_are_the_plain_scans(text):
    """The organisations printed with later words in lower case are scanned for without a lookbehind in
    front (so re scans for the first words' letters in C); the character before each match is read after:
    the same matches as the pattern with its lookbehind, also where a skipped match overlaps a good one."""
    assert _lower_heads(_SMALL, text) == _plain_lower_heads(_SMALL, text)
    pattern = _rec().lower_head_bodies
    if pattern is not None:
        assert _lower_heads(pattern, text) == _plain_lower_heads(pattern, text)


def test_the_lower_head_pattern_begins_with_its_words():
    """No lookbehind in front of the recogniser's pattern: it would make re try the whole pattern at every
    position of every string (about twice the time of the scan from first letter to first letter)."""
    pattern = _rec().lower_head_bodies
    assert pattern is not None
    assert not pattern.pattern.startswith("(?<")


def _plain_after_vessel_noun(rec, text: str, start: int) -> bool:
    """_after_vessel_noun as it was written before (slices)."""
    before = text[max(0, start - 24) : start].rstrip("\"“”«‘'")
    if not before.endswith(" "):
        return False
    before = before[:-1]
    if not before.endswith(rec.names.vessel_nouns):
        return False
    return any(
        before.endswith(noun) and not before[-len(noun) - 1 : -len(noun)].isalnum() for noun in rec.names.vessel_nouns
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["ship", "motor ship", "steamer", " ", "“", '"', "'", "x", "the ", "A", "-"]), max_size=12)
)
@example(["the ", "ship", " ", "A"])
@example(["the ", "motor ship", " ", "“", "A"])
@example(["x", "ship", " ", "A"])
@example(["ship", "“", " ", "A"])
def test_after_vessel_noun_reads_as_the_plain_test(parts):
    rec = _rec()
    text = "".join(parts)
    for start in range(len(text) + 1):
        assert entities._after_vessel_noun(rec, text, start) == _plain_after_vessel_noun(rec, text, start), start


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="the Ton14 23rdsn,.;()x\n٣", max_size=30))
@example("on the 4th, from 9:15")
@example("the 21st.")
@example("The ٣rd,")
def test_the_ordinal_pretest_passes_every_bare_ordinal(text):
    """find_dates reads bare ordinals ("on the 4th,") only where _ORDINAL_DIGIT finds a digit and an ordinal's
    ending: every match of _BARE_ORDINAL holds one."""
    if dates._BARE_ORDINAL.search(text):
        assert dates._ORDINAL_DIGIT.search(text)


def test_head_key_is_the_plain_key():
    for word in ("Party's", "C.C.", "Workers’s", "ARMED", "Forces", "U.S.'s", "Dorticós", "s", "'s"):
        plain = entities.norm(word[:-2] if word.endswith(("'s", "’s")) else word).replace(".", "")
        assert entities._head_key(word) == plain, word


def _plain_fold(word: str) -> str:
    """names.fold as it was written before (every word decomposed and read character by character)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("’", "'").rstrip(".")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x17F), max_size=10))
@example("U.S.")
@example("KIM.")
@example("Ŝ")
@example("ſ")
def test_fold_of_an_ascii_word_is_the_plain_fold(word):
    """fold reads an ASCII word as lower case without its final full stops (no decomposition, no character
    loop): what the full fold gives it; a word with another character is folded in full as before."""
    from tei_encoder.enrich.names import fold

    fold.cache_clear()
    assert fold(word) == _plain_fold(word)
    for c in map(chr, range(128)):
        assert fold(c + "A.") == _plain_fold(c + "A.")
