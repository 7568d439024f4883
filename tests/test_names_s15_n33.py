"""Issue #12, session 15 (N33): a listed person's full name followed directly by one more capitalised
surname-shaped word is a longer name of another person (a Spanish or Portuguese second surname), one
persName of a person of the record, even when a person of the record bears that word as a surname; only a
known full name that begins there splits it. Constructed record n83 in our own wording."""

import pytest
from conftest import encode_text, record, scores_as_its_gold, tree_of, xp


def _persons(tmp_path, body: str) -> list[tuple[str, str | None]]:
    tree = tree_of(encode_text(tmp_path, record(body)))
    return [("".join(e.itertext()), e.get("ref")) for e in xp(tree, "//t:text//t:persName")]


def test_n83_record_scores_as_its_gold():
    """n83: a passport's list names Pedro Diaz, then Fidel Castro Diaz (the son, not the listed Fidel
    Castro). Failed before: "Fidel Castro" linked to the listed man and "Diaz" to Pedro Diaz."""
    scores_as_its_gold("n83_second_surname_after_listed_name")


@pytest.mark.parametrize(
    "body",
    [
        # list context: the record names a Diaz before (failed before: Fidel Castro + Diaz as Pedro Diaz)
        "The list names Pedro Diaz, Luis Sanchez, Fidel Castro Diaz, and Rolando Soto.\n",
        # sentence context, the record's Diaz named before (failed before, as the list)
        "We met Pedro Diaz first. Then we met Fidel Castro Diaz, the son.\n",
        # sentence context with no other Diaz (one local person before as after)
        "We met Fidel Castro Diaz, the son.\n",
    ],
)
def test_a_second_surname_after_a_listed_name_makes_one_local_person(tmp_path, body):
    found = dict(_persons(tmp_path, body))
    assert "Fidel Castro Diaz" in found
    assert found["Fidel Castro Diaz"] != "#castro-fidel"
    assert "Fidel Castro" not in found and "Diaz" not in found


def test_a_listed_second_surname_keeps_its_link(tmp_path):
    """The form "Raúl Castro Ruz" is a form the authority gives Raúl Castro: linked, though the record's Manuel
    Ruz bears "Ruz" as a surname."""
    found = _persons(tmp_path, "We met Manuel Ruz. Later Raúl Castro Ruz spoke.\n")
    assert ("Raúl Castro Ruz", "#castro-raul") in found
    assert not [t for t, _ in found if t == "Ruz"]


def test_two_known_full_names_side_by_side_still_split(tmp_path):
    """A known full name that begins right after a listed name is that name ("Kim Il Sung Pak Song Chol";
    a record's "Pedro Diaz" after "Kim Il Sung"): two persons, each linked as before."""
    assert _persons(tmp_path, "Kim Il Sung Pak Song Chol and others arrived.\n") == [
        ("Kim Il Sung", "#kim-il-sung"),
        ("Pak Song Chol", "#pak-seong-cheol"),
    ]
    found = _persons(tmp_path, "We met Pedro Diaz. Kim Il Sung Pedro Diaz were named.\n")
    assert found[1] == ("Kim Il Sung", "#kim-il-sung")
    assert found[2][0] == "Pedro Diaz" and found[2][1] == found[0][1]
