"""Issue #12, session 16 (N37): entity recognition on real archive prose — initials that contradict a listed
person's given names, places in a list of places, file codes, republics, the Arabic al-/el- surname, the
kunya, a file word before a bracket, a state's mission to the UN. Constructed wording."""

import pytest
from test_names_s16_n35 import _mentions  # (kind, text, ref) of the names of a constructed record's text


@pytest.mark.parametrize(
    "body, name",
    [
        # failed before: linked to the listed V. V. Kuznetsov (a second initial that contradicts his)
        ("Last week V.E. Kuznetsov inspected the depot.\n", "V.E. Kuznetsov"),
        ("Last week V. E. Kuznetsov inspected the depot.\n", "V. E. Kuznetsov"),
        # failed before: a military rank before the initials, the listed Kuznetsov holds none
        ("Later Major-General V. Kuznetsov inspected the depot.\n", "V. Kuznetsov"),
    ],
)
def test_initials_that_contradict_the_listed_persons_stay_unlinked(tmp_path, body, name):
    found = [(t, r) for k, t, r in _mentions(tmp_path, body) if k == "persName"]
    assert len(found) == 1 and found[0][0] == name
    assert found[0][1] != "#kuznetsov-vasily"


def test_the_surname_alone_beside_contradicting_initials_is_nobodys_listed(tmp_path):
    """Failed before: the bare surname and the initials both linked to the listed V. V. Kuznetsov."""
    found = _mentions(tmp_path, "Comrade Kuznetsov spoke first. Then V.E. Kuznetsov read the order.\n")
    assert [t for _, t, _ in found] == ["Kuznetsov", "V.E. Kuznetsov"]
    assert all(r != "#kuznetsov-vasily" for _, _, r in found)


@pytest.mark.parametrize(
    "body",
    [
        "Then V. V. Kuznetsov and Kuznetsov again spoke.\n",
        "Then Vasily Kuznetsov and V.V. Kuznetsov spoke.\n",
        "Then I.V. Stalin and J. Stalin were named.\n",
    ],
)
def test_initials_that_agree_keep_the_listed_person(tmp_path, body):
    refs = {r for k, _, r in _mentions(tmp_path, body) if k == "persName"}
    assert len(refs) == 1 and not next(iter(refs)).startswith("#pers-")


@pytest.mark.parametrize(
    "body",
    [
        # failed before: the middle town a person (and the first untagged)
        "The brigade toured Hradec Králové, Banská Bystrica, and Košice last spring.\n",
        "Delegates came from Ostrava, Banská Bystrica, Brno and Prague.\n",
        # the list's last item before a clause: "Košice, where ..."
        "They stopped in Prague, Brno, Banská Bystrica, and Košice, where they met the activists.\n",
    ],
)
def test_a_gazetteer_town_in_a_list_of_places_is_a_place(tmp_path, body):
    found = _mentions(tmp_path, body)
    assert all(k == "placeName" for k, _, _ in found)
    assert "Banská Bystrica" in [t for _, t, _ in found]


def test_a_list_of_people_keeps_its_people(tmp_path):
    found = _mentions(tmp_path, "Comrades Novotný, Široký and Banská Bystrica spoke.\n")
    assert [k for k, _, _ in found] == ["persName"] * 3


@pytest.mark.parametrize("body", ["Reference Pf-444/D.ZSRR/84 was filed.\n", "File 12/K.MSZ/1962 is attached.\n"])
def test_a_file_codes_part_is_no_name(tmp_path, body):
    """Failed before: "D.ZSRR" of a file code a person."""
    assert _mentions(tmp_path, body) == []


def test_initials_and_a_surname_before_a_slash_stay_a_name(tmp_path):
    found = _mentions(tmp_path, "Copies went to Comrade K.Molnar/CC Secretariat/ and others.\n")
    assert ("persName", "K.Molnar") in [(k, t) for k, t, _ in found]


def test_a_soviet_republics_abbreviation_is_a_place(tmp_path):
    """Failed before: "UkrSSR" an organisation (a body's mixed-case abbreviation)."""
    found = _mentions(tmp_path, "A note of the UkrSSR was read. The UkrSSR agreed.\n")
    assert [(k, t) for k, t, _ in found] == [("placeName", "UkrSSR")] * 2


def test_the_british_commonwealth_is_an_organisation_whole(tmp_path):
    """Failed before: "Commonwealth" alone a place (a gazetteer city of that name)."""
    found = _mentions(tmp_path, "Members of the British Commonwealth were invited.\n")
    assert found == [("orgName", "British Commonwealth", "#commonwealth-of-nations")]


def test_a_state_form_word_alone_is_no_gazetteer_city(tmp_path):
    assert _mentions(tmp_path, "Members of the Commonwealth were invited.\n") == []


def test_an_arabic_surname_joined_to_its_particle_stays_with_the_given_name(tmp_path):
    """Failed before: "Ambassador Fawzi al-Bander" tagged "Fawzi" alone."""
    found = _mentions(tmp_path, "Yesterday Ambassador Samir al-Qadiri called on us.\n")
    assert [(k, t) for k, t, _ in found] == [("persName", "Samir al-Qadiri")]


def test_a_kunya_is_a_name_of_its_own(tmp_path):
    """Failed before: "Hamid" alone linked to the record's "Abu Hamid" (its last word read as a surname)."""
    found = _mentions(tmp_path, "Later Abu Hamid spoke. Hamid agreed.\n")
    assert [t for _, t, _ in found] == ["Abu Hamid"]


def test_an_inverted_surname_in_capitals_with_its_particle(tmp_path):
    """Failed before: only the given name after the comma tagged, and merged with the kunya's person."""
    found = _mentions(tmp_path, "Present: AL QASSEMI, Hamid; Abu Hamid.\n")
    assert [(k, t) for k, t, _ in found] == [("persName", "AL QASSEMI, Hamid"), ("persName", "Abu Hamid")]
    assert found[0][2] != found[1][2]


@pytest.mark.parametrize("body", ["Copy [Chinese] Central Committee\n", "Draft Chinese Central Committee\n"])
def test_a_file_word_opens_no_bodys_name(tmp_path, body):
    """Failed before: "Copy Chinese Central Committee" one body of the record."""
    assert [t for _, t, _ in _mentions(tmp_path, body)] == ["Chinese Central Committee"]


@pytest.mark.parametrize("body", ["They met the Bulgarian UN mission.\n", "They met the Polish UN delegation.\n"])
def test_a_states_mission_to_a_listed_body_is_no_body_of_that_adjective(tmp_path, body):
    """Failed before: "Bulgarian UN" an organisation of the record."""
    assert _mentions(tmp_path, body) == [("orgName", "UN", "#un")]
