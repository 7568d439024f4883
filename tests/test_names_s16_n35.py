"""Issue #12, session 16 (N35): organisations and their linking on real archive prose — a mission named by
the state's name, party organs of a region, bulletins, an unqualified ministry or department linked only
where the record's own paper decides whose it is. Constructed records n90-n95 in our own wording."""

import pytest
from conftest import encode_text, record, tree_of, xp


def _mentions(tmp_path, body: str, header: str | None = None) -> list[tuple[str, str, str | None]]:
    tree = tree_of(encode_text(tmp_path, record(body, header)))
    found = xp(tree, "//t:text//t:persName | //t:text//t:placeName | //t:text//t:orgName")
    return [(e.tag.split("}")[1], "".join(e.itertext()), e.get("ref")) for e in found]


@pytest.mark.parametrize(
    "body, place",
    [
        ("We spoke in the GDR Embassy on Monday.\n", "GDR"),
        ("The first secretary of the USSR Embassy called.\n", "USSR"),
        ("A note went to the DPRK Embassy yesterday.\n", "DPRK"),
    ],
)
def test_a_mission_named_by_the_states_name_is_the_state_only(tmp_path, body, place):
    """Failed before: "GDR Embassy" one record-local organisation, no place."""
    found = _mentions(tmp_path, body)
    assert [(k, t) for k, t, _ in found] == [("placeName", place)]


def test_a_mission_named_by_the_states_adjective_stays_an_organisation(tmp_path):
    found = _mentions(tmp_path, "The Soviet Embassy and the SOVIET EMBASSY replied.\n")
    assert [(k, t) for k, t, _ in found] == [("orgName", "Soviet Embassy"), ("orgName", "SOVIET EMBASSY")]
