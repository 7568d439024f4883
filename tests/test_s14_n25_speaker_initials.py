"""Speakers named by initials alone in minutes (issue 12, session 14, N25): `K.:`, `Kh.:`, `N.S.K.:` are speaker
labels of a dialogue, never persons named "Kh". Constructed, invented wording; each test fails before the change."""

from conftest import encode_text, record, tree_of

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _labels_and_persons(tmp_path, body: str) -> tuple[list[str], list[str]]:
    tree = tree_of(encode_text(tmp_path, record(body)))
    labels = ["".join(e.itertext()) for e in tree.xpath("//t:text//t:label[@type='speaker']", namespaces=NS)]
    persons = ["".join(e.itertext()) for e in tree.xpath("//t:text//t:persName", namespaces=NS)]
    return labels, persons


def test_initials_only_labels_of_a_dialogue_are_speakers_and_no_persons(tmp_path):
    body = (
        "Kh.: Our side greets the guests from the northern provinces.\n"
        "M.: We thank the hosts for the reception at the station.\n"
        "N.S.K.: The ministry will send its figures next week.\n"
        "Kh.: Then let us turn to the question of the harbour.\n"
    )
    labels, persons = _labels_and_persons(tmp_path, body)
    assert labels == ["Kh.:", "M.:", "N.S.K.:", "Kh.:"]
    assert persons == []


def test_a_notes_initials_are_no_speaker(tmp_path):
    body = (
        "K.: The plan of the harbour is ready.\n"
        "M.: We shall read it before the autumn.\n"
        "N.B.: The copy was not checked against the draft.\n"
    )
    labels, persons = _labels_and_persons(tmp_path, body)
    assert labels == ["K.:", "M.:"]
    assert persons == []
