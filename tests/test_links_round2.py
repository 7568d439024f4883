"""Linking precision, second round (issue 12): a short form two persons of the record share, a
famous surname after an envoy's title, a surname after another person's given or family name, a
given name after the full name; constructed, invented wording against the shipped authority."""

from conftest import encode_text, record, tree_of, xp


def _persons(tmp_path, body: str) -> list[tuple[str, str]]:
    tree = tree_of(encode_text(tmp_path, record(body)))
    return [("".join(e.itertext()), e.get("ref")) for e in xp(tree, "//t:text//t:persName")]


def test_a_surname_two_persons_of_the_record_share_links_to_neither(tmp_path):
    both = _persons(
        tmp_path,
        "Fidel Castro opened the meeting and Raúl Castro spoke after him. Castro then closed it; "
        "Raul thanked the guests.\n",
    )
    assert both[:2] == [("Fidel Castro", "#castro-fidel"), ("Raúl Castro", "#castro-raul")]
    castro = dict(both)["Castro"]
    assert castro not in ("#castro-fidel", "#castro-raul")  # a record-local person: unlinked
    assert dict(both)["Raul"] == "#castro-raul"  # the given name of the one person named with it
    only_raul = dict(_persons(tmp_path, "Raul Castro inspected the troops. Castro was pleased with them.\n"))
    assert only_raul["Castro"] == "#castro-raul"  # the one person of the record with that surname


def test_a_famous_surname_after_an_envoy_title_is_another_person(tmp_path):
    envoy = _persons(
        tmp_path, "We spoke at the reception. Ambassador Nehru said that trade would grow; Nehru left early.\n"
    )
    assert [t for t, _ in envoy] == ["Nehru", "Nehru"]
    assert len({r for _, r in envoy}) == 1 and envoy[0][1] != "#nehru"
    named = dict(_persons(tmp_path, "Jawaharlal Nehru spoke first. Later Ambassador Nehru repeated the point.\n"))
    assert named["Nehru"] == "#nehru"  # the record names the listed person in full
    alone = dict(_persons(tmp_path, "The talks went well, and Khrushchev said so twice.\n"))
    assert alone["Khrushchev"] == "#khrushchev"  # a listed surname alone keeps its link


def test_a_surname_after_another_given_or_family_name_never_links_alone(tmp_path):
    found = _persons(
        tmp_path,
        "I received Deputy Department Director Li Chen, who praised the harvest. Later Chen Yi "
        "arrived, and Chen said nothing more.\n",
    )
    assert ("Chen", "#chen-yi") not in found  # "Chen" alone may be Li Chen or Chen Yi
    assert ("Chen Yi", "#chen-yi") in found
