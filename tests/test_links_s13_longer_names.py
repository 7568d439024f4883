"""A listed name inside a longer name the tool did not read whole (issue 12, session 13): a place that
is also a surname after a given name, a place inside a newspaper's name in another language, a Korean
family name before short syllables of a Russian transliteration; constructed, invented wording."""

from test_names_s8_kinds import _mentions


def _refs(found: list[tuple[str, str, str]], text: str) -> list[str]:
    return [ref for _, name, ref in found if name == text]


def test_a_place_that_is_a_surname_after_a_given_name_is_a_person(tmp_path):
    body = "At noon Hermes Lima received Oswaldo Aragón and Gonzalo Toledo; Mr. Getulio Cuba took notes.\n"
    found = _mentions(tmp_path, body)
    for name in ("Hermes Lima", "Oswaldo Aragón", "Gonzalo Toledo", "Getulio Cuba"):
        assert [kind for kind, text, _ in found if text == name] == ["persName"], (name, found)
    assert not [ref for kind, _, ref in found if kind == "placeName"], found  # no city, no country


def test_a_place_inside_a_papers_name_in_another_language_is_no_mention_of_the_place(tmp_path):
    body = (
        "The Jornal do Brasil, the Diario de Cuba, the Gazeta de Lisboa and the Journal de Genève all printed "
        "the note; the Folha de São Paulo and the Diario de la Habana did not.\n"
    )
    found = _mentions(tmp_path, body)
    assert not [ref for kind, _, ref in found if kind == "placeName"], found
    for paper in ("Jornal do Brasil", "Diario de Cuba", "Journal de Genève", "Folha de São Paulo"):
        assert [kind for kind, text, _ in found if text == paper] == ["orgName"], (paper, found)
    # the place named on its own is still the place
    found = _mentions(tmp_path, "The delegation flew from Brasil to Cuba.\n", "placeName")
    assert _refs(found, "Cuba") == ["#cuba"], found


def test_a_korean_family_name_before_short_russian_style_syllables_is_one_person(tmp_path):
    body = "Choe In Din met Choe Hyon in Pyongyang; Kim On Sek and Ri In Pyongyang were not there.\n"
    found = _mentions(tmp_path, body, "persName")
    assert _refs(found, "Choe Hyon") == ["#choe-hyon"], found
    assert _refs(found, "Choe In Din") and "#choe-hyon" not in _refs(found, "Choe In Din"), found
    assert "#choe-hyon" not in _refs(found, "Choe"), found
    assert _refs(found, "Kim On Sek"), found
    assert not _refs(found, "Ri In Pyongyang"), found
