"""Cheap first tests of the name rules that learn a record's own names (issue #12's speed): a string
a test turns away holds no match the rule would keep, so the learnt names, and the TEI, stay the same."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

POST_WORDS = [
    "Ambassador",
    "Envoy",
    "ambassador",
    "Vella",
    "Orrin",
    "Lumeria",
    "Cambodia",
    "the",
    "(Ambassador",
    "Vice-Consul",
]
GAPS = [" ", " to ", " to the ", ", ", "", "-", "’", "_", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(POST_WORDS), st.sampled_from(GAPS)), max_size=10))
@example([("Ambassador", " to "), ("Cambodia", " "), ("Vella", " "), ("Orrin", "")])
@example([("(Ambassador", " to "), ("Lumeria", " "), ("Vella", "")])
def test_a_title_before_to_holds_wherever_the_post_rule_keeps_a_match(parts):
    """_title_before_a_to is true of every string where _POST_TO_RUN matches with a title word for its
    role (what _names_after_a_post keeps), and of any string where the rule finds a name."""
    from conftest import SETTINGS

    from tei_encoder.enrich import entities as e
    from tei_encoder.pipeline import recognizer

    rec = recognizer(SETTINGS.authority, SETTINGS.gazetteer)
    text = "".join(word + gap for word, gap in parts)
    kept = [m for m in e._POST_TO_RUN.finditer(text) if rec.names.is_title_word(m["role"])]
    if kept or e._names_after_a_post(rec, text):
        assert e._title_before_a_to(rec.names, text)


KIN_WORDS = ["his", "sons", "son", "brother", "brothers", "wife", "Yuriy", "and", "Nikolay", "husband", "grandson"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KIN_WORDS), st.sampled_from([" ", "", ", ", "\n", "-"])), max_size=8))
@example([("his", " "), ("sons", " "), ("Yuriy", " "), ("and", " "), ("Nikolay", "")])
def test_the_kin_cue_scan_answers_as_a_test_per_noun(parts):
    """_KIN_CUE (one scan) finds a noun of kin after a space wherever one of _KIN_CUES is printed, and
    only there."""
    from tei_encoder.enrich import entities as e

    text = "".join(word + gap for word, gap in parts)
    assert (e._KIN_CUE.search(text) is not None) == any(cue in text for cue in e._KIN_CUES)


ROLE_WORDS = ["the", "The", "energy", "minister", "ambassador", "counsellor", "lt.", "Vella", "Orrin", "with", "he"]
SPACES = [" ", "  ", "\n", "\t", "\u00a0", "", ",", "-"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ROLE_WORDS), st.sampled_from(SPACES)), max_size=10))
@example([("with", " "), ("energy", " "), ("minister", " "), ("Vella", "")])
@example([("the", "\u00a0"), ("ambassador", "\n"), ("Orrin", "")])
def test_a_role_word_is_printed_wherever_the_role_scans_match(parts):
    """_has_role_word is true of every string where rec.role_name or rec.qualified_role matches (the
    role a word of its own between whitespace, as str.split finds it)."""
    from conftest import SETTINGS

    from tei_encoder.enrich import entities as e
    from tei_encoder.pipeline import recognizer

    rec = recognizer(SETTINGS.authority, SETTINGS.gazetteer)
    text = "".join(word + gap for word, gap in parts)
    if rec.role_name.search(text) or rec.qualified_role.search(text):
        assert e._has_role_word(rec, text)
