"""Issue 12 (speed, session 19): the organisation pass's cheaper forms give what their plain forms gave."""

from __future__ import annotations

from conftest import NS, encode_text, record, tree_of
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tei_encoder.enrich import entities

# head words of every kind (alone, only after a word, only before a state, "Forces", "Union"), in several
# cases and with a possessive or full stops, and words that are none
_WORDS = [
    *("Committee", "COMMITTEE", "committee", "C.C.", "CC", "Party’s", "Party's", "Ministry", "Department"),
    *("Forces", "FORCES", "Staff", "Union", "UNION", "Congress", "Soviet", "Government", "House"),
    *("Armed", "Central", "of", "the", "Korea", "IV", "7th", "Trade", "Youth", ""),
]


def _has_head_alone(word: str) -> bool:
    """What _org_extent's has_head said of a list of that one word, before: read word by word."""
    key = entities._head_key(word)
    if key == "forces":
        return False  # "Forces" counts only after another word than "Armed"; alone it is none
    return key in entities._ORG_HEADS  # (after a word, before "of" and a state: no word before, none after)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_WORDS) | st.text(alphabet="CcOoMmIiTtEeSsFfRrPpAaYy.’' ", max_size=12))
@example("Forces")
@example("Staff")
@example("Union")
def test_head_alone_is_has_head_of_one_word(word):
    """_org_extent asks of single words whether each is a head by itself (the last head of a group, a title's
    next word, a numbered unit's head): _head_alone answers without has_head's loop over a list of one."""
    assert entities._head_alone(word) == _has_head_alone(word)
    assert entities._head_alone("Committee") and not entities._head_alone("Forces")


def test_org_extent_ends_on_the_last_head_by_itself(tmp_path):
    """The group of a head ends on its last word that is a head by itself, read from the group's end now
    ("Regional Division IV" then "Korean Branch": a numbered unit ends its body; "the Armed Forces" alone
    is generic); the organisations found are those found before."""
    result = encode_text(
        tmp_path,
        record(
            "Counsellor M. Ye. Tarasov met Regional Division IV Korean Branch. The Central Committee Department of "
            "Propaganda and the Armed Forces wrote to the General Staff of the Korean People's Army.\n"
        ),
    )
    tree = tree_of(result)
    orgs = {" ".join("".join(o.itertext()).split()) for o in tree.iterfind(".//t:body//t:orgName", NS)}
    assert orgs == {
        "Regional Division IV",
        "Korean Branch",
        "Central Committee Department of Propaganda",
        "General Staff of the Korean People's Army",
    }, orgs


def test_org_extent_tests_read_each_word_once(tmp_path):
    """_org_extent reads each group's head once and each word's key once for its closing tests (a book's
    title, a portfolio, a mission, a generic organ, a formation's group): the organisations found are those
    found before."""
    result = encode_text(
        tmp_path,
        record(
            "The Collected Works of Lenin were sent to the Group of Soviet Forces in Germany. The Near and Middle "
            "East Department of the Ministry of Foreign Affairs met the Soviet Embassy. The Foreign Ministry and "
            "the Central Committee of the Korean Workers' Party agreed; the Minister of Communications and Works "
            "came.\n"
        ),
    )
    tree = tree_of(result)
    orgs = [" ".join("".join(o.itertext()).split()) for o in tree.iterfind(".//t:body//t:orgName", NS)]
    assert orgs == [
        "Group of Soviet Forces in Germany",
        "Near and Middle East Department of the Ministry of Foreign Affairs",
        "Soviet Embassy",
        "Central Committee of the Korean Workers' Party",
    ], orgs  # (no book, no portfolio, no generic organ alone)
