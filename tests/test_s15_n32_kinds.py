"""Issue 12, session 15 (N32): organisation and person kinds on unseen real archive prose. Constructed
records in our own wording; the real records that show each kind are referenced in docs/record-sources.tsv,
never copied. Each test fails before the fix and passes after."""

from test_names_s14_precision import _dated as _found


def test_a_union_named_by_its_creed_is_an_organisation(tmp_path):
    body = (
        "The weight of the Lumerian Socialist Union has grown; the Arab Socialist Union met the Lumerian "
        "Peasants Union, while the Soviet Union watched.\n"
    )
    found = _found(tmp_path, body, "May 26, 1966")
    orgs = [name for tag, name, _ in found if tag == "orgName"]
    assert orgs == ["Lumerian Socialist Union", "Arab Socialist Union", "Lumerian Peasants Union"]
    assert ("placeName", "Soviet Union", "#ussr") in found  # a state, never a union of the record


def test_a_listed_persons_given_name_no_vocabulary_holds_joins_the_surname(tmp_path):
    body = "We met Agostinho Neto, head of the movement. When President Neto heard of it, he sent for us.\n"
    people = [(name, ref) for tag, name, ref in _found(tmp_path, body, "August 20, 1975") if tag == "persName"]
    assert people == [("Agostinho Neto", "#agostinho-neto"), ("Neto", "#agostinho-neto")]


def test_a_sections_numeral_opening_a_line_is_no_initial(tmp_path):
    body = (
        "Saddam Hussein came to Moscow.\n\nI. S. Hussein stated that the talks went well.\n\n"
        "V. A. Gromyko said so; then I. S. Lumerov agreed.\n"
    )
    people = [(name, ref) for tag, name, ref in _found(tmp_path, body, "February 24, 1972") if tag == "persName"]
    assert ("S. Hussein", "#saddam-hussein") in people  # the numeral outside, the listed person linked
    assert ("A. Gromyko", "#gromyko") in people
    # a person no list holds keeps every initial, and so does one inside a sentence
    assert people[-1][0] == "I. S. Lumerov"


def test_initials_a_listed_person_bears_are_never_a_numeral(tmp_path):
    body = "I. V. Arkhipov arrived.\n\nV. V. Kuznetsov said it; I. Lumerov agreed.\n"
    people = [name for tag, name, _ in _found(tmp_path, body, "March 3, 1965") if tag == "persName"]
    assert people[:2] == ["I. V. Arkhipov", "V. V. Kuznetsov"]


def test_a_listed_bodys_name_in_the_other_spelling_links_to_it(tmp_path):
    body = (
        "Romania stays in the Warsaw Treaty Organisation; the WARSAW TREATY ORGANISATION met, and the Lumerian "
        "Ministry of Defence wrote.\n"
    )
    orgs = [(name, ref) for tag, name, ref in _found(tmp_path, body, "July 14, 1967") if tag == "orgName"]
    assert orgs[:2] == [("Warsaw Treaty Organisation", "#warsaw-pact"), ("WARSAW TREATY ORGANISATION", "#warsaw-pact")]
    assert not orgs[2][1].startswith("#warsaw")  # a body no list holds stays the record's
