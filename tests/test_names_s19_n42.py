"""Issue #12, session 19 (N42): a country's name that is also its capital's where a cable says where it was
written or where it goes (a dateline, a cable address), and a surname the editor glosses in brackets with a
listed person's surname ("Filippov [Stalin]"). Constructed records in our own wording."""

import pytest
from conftest import dated_record, encode_text, scores_as_its_gold, tree_of, xp

_NAMES = "//t:text//t:persName | //t:text//t:placeName | //t:text//t:orgName"


def _names(tmp_path, body: str, date: str = "October 30, 1962", language: str = "Spanish") -> list[tuple[str, str]]:
    """(text, ref) of each name in the text of a constructed record of `date` with `body`."""
    tree = tree_of(encode_text(tmp_path, dated_record(body, date, language)))
    return [("".join(e.itertext()), e.get("ref", "")) for e in xp(tree, _NAMES)]


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before (the state): the town a cable address sends to, after the cable's date
        (
            "CODED TELEGRAM\n\nNumber 12 Prague, 29 October 1962 SECRELEX MEXICO\n\nThe talks went well.\n",
            "#mexico-city",
        ),
        # failed before (the state): the place of a dateline
        ("Mexico, 7 November 1962\n\nThe minister received me today.\n", "#mexico-city"),
        # the state, as before: in a sentence, after a preposition in capitals, a dateline's country after a town
        ("The talks went well. Mexico voted for the resolution.\n", "#mexico"),
        ("TELEGRAM FROM THE EMBASSY IN MEXICO\n\nThe talks went well.\n", "#mexico"),
        ("Havana, 7 November 1962\n\nThe minister of Mexico received me today.\n", "#mexico"),
    ],
)
def test_a_capital_named_like_its_country_where_a_cable_is_written_or_sent(tmp_path, body, expected):
    assert [ref for text, ref in _names(tmp_path, body) if text.casefold() == "mexico"] == [expected]


def test_a_dateline_capital_no_list_holds_is_left_unlinked(tmp_path):
    """Kuwait City is in neither the authority nor the shipped gazetteer: the dateline's town is a place of
    the record, never the state."""
    refs = dict(_names(tmp_path, "Kuwait, 3 May 1962\n\nThe emir received me today.\n"))
    assert refs["Kuwait"].startswith("#place-"), refs


@pytest.mark.parametrize("stem", ["n114_capitals_of_datelines_and_cable_addresses"])
def test_n114_n115_score_as_their_gold(stem):
    """n114-n115 (session 19, N42): a capital named like its country in a cable address."""
    scores_as_its_gold(stem)
