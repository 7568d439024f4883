"""Names (#12, session 14): production units on real prose — a place or a person's name, more words and a
unit's head word ("Company", "Plant", "Works") are one organisation's name; "Collected Works" is a book.
Constructed records, our own wording; each test fails before the fix and passes after."""

from test_names_s14_precision import _dated


def test_a_production_units_name_keeps_the_place_or_person_it_begins_with(tmp_path):
    body = (
        "Engineers of the Wuhan Iron and Steel Company visited the Stalin Tractor Plant and the Kirov Works; "
        "later they read the Selected Works of Lenin and the Complete Works of Marx.\n"
    )
    found = _dated(tmp_path, body, "May 5, 1965")
    orgs = [(name, ref) for tag, name, ref in found if tag == "orgName"]
    assert [name for name, _ in orgs] == ["Wuhan Iron and Steel Company", "Stalin Tractor Plant", "Kirov Works"]
    assert all(not ref.startswith(("#gn-", "#stalin", "#kirov")) for _, ref in orgs)  # units of the record
    assert not [name for tag, name, _ in found if tag == "placeName"], found
    assert ("persName", "Lenin", "#lenin") in found  # the book's title is no organisation


def test_works_after_dictionary_words_is_a_portfolio_not_a_unit(tmp_path):
    body = "Mr. Osei, Minister of Roads and Works, met the Minister of Public Works and the Kirov Works director.\n"
    orgs = [name for tag, name, _ in _dated(tmp_path, body, "May 5, 1965") if tag == "orgName"]
    assert orgs == ["Kirov Works"]
