"""An abbreviation the lists give one body while another listed body's name abbreviates to it too (issue 12):
the record's own reading wins, two readings leave it unlinked; constructed, invented wording."""

from conftest import encode_text, record
from test_names_s8_kinds import _mentions


def _orgs(tmp_path, body):
    return [(n, r) for _, n, r in _mentions(tmp_path, body, "orgName")]


def test_listed_initials_name_the_party_the_record_names_in_full(tmp_path):
    body = (
        "The delegation found that the CPC keeps its distance on most questions.\n\n"
        "Talks with the Communist Party of Cuba are to go on in the spring.\n"
    )
    orgs = _orgs(tmp_path, body)
    assert ("CPC", "#pcc") in orgs  # never China's party, which lists "CPC" among its names
    assert ("Communist Party of Cuba", "#pcc") in orgs


def test_listed_initials_keep_their_listed_reading_without_another_full_name(tmp_path):
    orgs = _orgs(tmp_path, "The CPC sent two advisers to the plant.\n")
    assert orgs == [("CPC", "#ccp")]


def test_initials_two_named_bodies_share_are_left_unlinked_and_reported(tmp_path):
    body = "The Communist Party of China and the Communist Party of Cuba met; the CPC asked for time.\n"
    orgs = _orgs(tmp_path, body)
    cpc = [r for n, r in orgs if n == "CPC"]
    assert cpc and not any(r in ("#ccp", "#pcc") for r in cpc)  # tagged, linked to neither
    warnings = encode_text(tmp_path, record(body), name="again.txt").warnings
    assert any("'CPC' may name" in w and "left unlinked for review" in w for w in warnings)


def test_a_gloss_overrules_the_listed_reading_of_its_abbreviation(tmp_path):
    body = "The Communist Party of Cuba (CPC) wrote first. Later the CPC wrote again.\n"
    orgs = _orgs(tmp_path, body)
    assert [r for n, r in orgs if n == "CPC"] == ["#pcc", "#pcc"]
