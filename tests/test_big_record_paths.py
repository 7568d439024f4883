"""The shortcuts that keep a 50 MB record fast (issue 13) answer as the plain tests they stand before."""

from __future__ import annotations

import gc

from hypothesis import given, settings
from hypothesis import strategies as st

from tei_encoder.config import record_format
from tei_encoder.parse import body
from tei_encoder.pipeline import EncodeSettings, encode_record

FMT = record_format()
# what the shortcuts look at: digits (an Arabic-Indic one too: \d matches it), parentheses, Roman numeral
# letters, the words of telegram kinds and classification marks, the long s a case-insensitive pattern folds
PIECES = ["1", "12", "١", "(", ")", "I", "V", "X", "L", ". ", " ", "Top Secret", "Secret", "Telegram", "Cable"]
PIECES += ["Message", "Ciphered", "No. 5", "Copy", "Addis Abeba", "Instant", "ſecret", "!", ".", "a", "Agreed"]
lines = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


def plain_numbered(text: str) -> bool:
    """The numbered-line test without the look at the first character."""
    m = body._NUMBERED_ANY.match(text)
    if m is None:
        return False
    n = m.group("n") or m.group("pn")
    if not n.isdigit() and len(n) == 1:
        rest = m.group("text")
        return not (body._AFTER_INITIAL.match(rest) or body._SPEAKER_AFTER_INITIAL.match(rest))
    return True


def plain_document_mark(text: str) -> bool:
    """A document mark as the opener's classification gives it, every pattern tried."""
    node = body._classify_piece(text, FMT) if len(text) <= 60 else None
    return node is not None and node.attrs.get("type") in ("classification", "telegram")


@settings(max_examples=400, deadline=None)
@given(lines)
def test_shortcuts_agree_with_plain_tests(text):
    assert (body._NUMBERED.match(text) is not None) == plain_numbered(text)
    assert body._document_mark(text, FMT) == plain_document_mark(text)


def test_shortcuts_on_chosen_lines():
    assert body._NUMBERED.match("١. Point one") is not None and body._NUMBERED.match("(2) second") is not None
    assert body._NUMBERED.match("Agreed.") is None and body._NUMBERED.match("V. ORLOVSKY. The ships") is None
    assert body._document_mark("Top Secret", FMT) and body._document_mark("Ciphered Telegram No. 12", FMT)
    assert not body._document_mark("Copy No. 2", FMT) and not body._document_mark("Agreed.", FMT)
    # a telex answerback (digits, a space, capitals) is a telegram mark to the plain test: the shortcut agrees
    for line in ("112. II", "4471.2 MFA PL"):
        assert body._document_mark(line, FMT) == plain_document_mark(line) is True


def test_collector_thresholds_are_restored_after_a_record(tmp_path):
    """Encoding runs the collector less often, and leaves its thresholds as it found them."""
    record = tmp_path / "r.txt"
    record.write_text("A Title\n\nJune 9, 1961\n\nThe committee met again and heard the report.\n", encoding="utf-8")
    before = gc.get_threshold()
    encode_record(record, EncodeSettings(record_format="plain", gazetteer=False))
    assert gc.get_threshold() == before
