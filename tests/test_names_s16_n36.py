"""Issue #12, session 16 (N36): linking on real archive prose — an organisation the authority dates
(<state type="existence">: a party renamed or merged) is never linked from a record dated outside its
existence. Constructed records in our own wording."""

import pytest
from conftest import dated_record, encode_text, tree_of, xp


def _orgs(tmp_path, body: str, date: str) -> list[tuple[str, str | None]]:
    tree = tree_of(encode_text(tmp_path, dated_record(body, date)))
    return [("".join(e.itertext()), e.get("ref")) for e in xp(tree, "//t:text//t:orgName")]


@pytest.mark.parametrize(
    "body, date, name",
    [
        # failed before: linked to the party of 1948-1956 in a record of 1979
        ("Delegates of the Hungarian Workers' Party came to the plenum.\n", "May 5, 1979", "Hungarian Workers' Party"),
        # failed before: linked to the party of 1951-1976 in a record of 1980
        ("The Vietnam Workers' Party sent a letter.\n", "June 2, 1980", "Vietnam Workers' Party"),
        # failed before: linked in a record of 1946, before the party was formed
        ("A speaker of the Hungarian Workers' Party was heard.\n", "April 3, 1946", "Hungarian Workers' Party"),
    ],
)
def test_a_dated_party_is_not_linked_outside_its_existence(tmp_path, body, date, name):
    found = _orgs(tmp_path, body, date)
    assert [t for t, _ in found] == [name]
    ref = found[0][1] or ""
    assert ref not in ("#hwp", "#vwp")


@pytest.mark.parametrize(
    "body, date, ref",
    [
        ("Delegates of the Hungarian Workers' Party came to the plenum.\n", "May 5, 1953", "#hwp"),
        ("The Vietnam Workers' Party sent a letter.\n", "June 2, 1965", "#vwp"),
    ],
)
def test_a_dated_party_is_linked_within_its_existence(tmp_path, body, date, ref):
    assert [r for _, r in _orgs(tmp_path, body, date)] == [ref]


@pytest.mark.parametrize(
    "body, name, ref",
    [
        # failed before: the organ alone, its state a place linked on its own
        (
            "He spoke to the Supreme People's Assembly in the Democratic People's Republic of Korea.\n",
            "Supreme People's Assembly in the Democratic People's Republic of Korea",
            "#spa-dprk",
        ),
        ("The Supreme People's Assembly of North Korea met.\n", "Supreme People's Assembly of North Korea", "#spa-dprk"),
    ],
)
def test_a_state_organ_with_its_own_state_after_it_is_one_name(tmp_path, body, name, ref):
    tree = tree_of(encode_text(tmp_path, dated_record(body, "May 5, 1972")))
    found = [("".join(e.itertext()), e.get("ref")) for e in xp(tree, "//t:text//t:orgName | //t:text//t:placeName")]
    assert found == [(name, ref)]


def test_a_state_organ_with_another_state_after_it_stays_apart(tmp_path):
    tree = tree_of(encode_text(tmp_path, dated_record("The Supreme People's Assembly in Poland was cited.\n", "May 5, 1972")))
    found = [("".join(e.itertext()), e.get("ref")) for e in xp(tree, "//t:text//t:orgName | //t:text//t:placeName")]
    assert found == [("Supreme People's Assembly", "#spa-dprk"), ("Poland", "#poland")]
