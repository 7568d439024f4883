"""Kinds of misses measured on unseen real prose (issue 12, session 10): a place inside an institution's
name after "in", state organs named with a listed state, a party's initials; constructed, invented wording."""

from test_names_s8_kinds import _mentions


def test_the_place_an_institution_sits_in_is_part_of_its_name(tmp_path):
    body = (
        "The copy went to the REGIONAL FILM ARCHIVE IN BUDAPEST.\n\n"
        "The General Association of Polish Anglers in Hungary and the Institute of Steppe Studies in Mongolia "
        "wrote; the Hungarian Embassy in Ulaanbaatar and the Tudeh Party in Iran did not.\n"
    )
    found = [(k, n, r) for k, n, r in _mentions(tmp_path, body)]
    orgs = [n for k, n, _ in found if k == "orgName"]
    assert "REGIONAL FILM ARCHIVE IN BUDAPEST" in orgs
    assert "General Association of Polish Anglers in Hungary" in orgs  # "General" begins the body's name
    assert "Institute of Steppe Studies in Mongolia" in orgs
    places = [(n, r) for k, n, r in found if k == "placeName"]
    # never the place alone inside the longer name; a mission's or a party's place stays a place
    assert places == [("Ulaanbaatar", "#ulaanbaatar"), ("Iran", "#iran")]


def test_a_state_organ_named_with_a_listed_state_is_that_states_listed_organ(tmp_path):
    body = (
        "He reported to the MOFA of the USSR. The Foreign Ministry of the PR China and the Ministry for "
        "Foreign Affairs of the Mongolian People's Republic answered; the MFA of the DPRK and the Ministry "
        "of Foreign Affairs of Cuba kept silent.\n"
    )
    orgs = [(n, r) for _, n, r in _mentions(tmp_path, body, "orgName")]
    assert orgs[:3] == [
        ("MOFA of the USSR", "#soviet-mfa"),
        ("Foreign Ministry of the PR China", "#prc-mfa"),
        ("Ministry for Foreign Affairs of the Mongolian People's Republic", "#mongolian-mfa"),
    ]
    # no entry pairs the organ with these states: bodies of the record, not another state's ministry
    assert [n for n, _ in orgs[3:]] == ["MFA of the DPRK", "Ministry of Foreign Affairs of Cuba"]
    assert not any(r.endswith("-mfa") for _, r in orgs[3:])


def test_a_partys_initials_name_the_listed_party_whose_name_says_its_nation(tmp_path):
    body = "The RCP sent a note; the VCP and the HWP replied. The LDP kept out of it.\n"
    orgs = dict((n, r) for _, n, r in _mentions(tmp_path, body, "orgName"))
    assert orgs["RCP"] == "#rwp"  # "Romanian Communist Party", a variant of the Romanian Workers' Party
    assert orgs["VCP"] == "#cpv-vietnam"
    assert orgs["LDP"].startswith("#org-ldp")  # a party of the record: "Lao Dong Party" says no nation
