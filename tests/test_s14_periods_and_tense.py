"""Kinds seen on unseen real records (issue 12, session 14, fixer N24): a state the gazetteer knows named
in a record dated before that state existed ("Russia" in 1955 is no Russian Federation), and a month
printed without its year that context_year puts in the next year although its sentence marks it as past.
Constructed, invented wording; each test fails before the fix and passes after."""

from conftest import dated_record, encode_text, tree_of, xp

from tei_encoder.dates import find_dates


def _places(tmp_path, body: str, date: str):
    result = encode_text(tmp_path, dated_record(body, date))
    found = xp(tree_of(result), "//t:text//t:placeName")
    return [("".join(e.itertext()), e.get("ref") or "") for e in found], result.warnings


def test_a_gazetteer_state_is_not_linked_before_it_existed(tmp_path):
    body = "The Lumerian delegation toured Russia, Ukraine and Slovakia before it reached Moscow.\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    places, warnings = _places(tmp_path / "a", body, "June 3, 1955")
    refs = dict(places)
    assert not any(refs[name].startswith("#gn-") for name in ("Russia", "Ukraine", "Slovakia")), places
    assert all(refs[name] for name in ("Russia", "Ukraine", "Slovakia"))  # still places of the record
    assert any("'Russia' left unlinked" in w and "review" in w for w in warnings), warnings
    later, _ = _places(tmp_path / "b", body, "June 3, 1995")  # after 1991/1993 the states are named
    assert all(ref.startswith("#gn-") for name, ref in later if name != "Moscow"), later


def test_a_past_month_in_a_december_record_is_of_the_records_year():
    said = find_dates("The two families had sought shelter at the mission in January.", 1961, 12, default_day=3)
    assert [d.attrs for d in said] == [{"when": "1961-01"}]
    coming = find_dates("The talks will go on in January.", 1961, 12, default_day=3)
    assert coming[0].attrs == {"when": "1962-01"}
    agreed = find_dates("They had agreed to meet again on 5 January.", 1961, 12, default_day=3)
    assert agreed[0].attrs == {"when": "1962-01-05"}  # a time then still to come
    printed = find_dates("It had been settled on 10 January 1962.", 1961, 12, default_day=3)
    assert printed[0].attrs == {"when": "1962-01-10"}  # a printed year is never changed


def _mentions(tmp_path, body: str, date: str = "June 3, 1961"):
    tree = tree_of(encode_text(tmp_path, dated_record(body, date)))
    found = xp(tree, "//t:text//*[self::t:persName or self::t:placeName or self::t:orgName]")
    return [(e.tag.rsplit("}", 1)[1], "".join(e.itertext())) for e in found]


def test_a_small_gazetteer_town_before_a_speech_verb_or_after_a_title_is_a_person(tmp_path):
    for k, body in enumerate(
        (
            "Hassan states that the Lumerian plan had failed.\n",
            "At noon Mr. Hassan told the visitors about the harvest.\n",
            "Ambassador Hassan replied that the talks would go on.\n",
        )
    ):
        (tmp_path / str(k)).mkdir()
        assert _mentions(tmp_path / str(k), body) == [("persName", "Hassan")], body
    (tmp_path / "place").mkdir()
    assert _mentions(tmp_path / "place", "The train went on from Hassan to the coast.\n") == [
        ("placeName", "Hassan")
    ]  # no person's cue: the town


def test_a_states_abbreviation_inside_a_title_is_no_person(tmp_path):
    body = "The First Deputy DPRK Minister received us; later the Deputy PRC Minister of Trade spoke. Mr. Lumer left.\n"
    found = _mentions(tmp_path, body)
    assert [name for kind, name in found if kind == "persName"] == ["Lumer"], found
    assert ("placeName", "DPRK") in found  # the state the title holder serves


def test_a_place_before_a_city_government_or_a_soviet_is_part_of_the_bodys_name(tmp_path):
    body = (
        "The Lumeria City Government and the Cairo Municipality wrote; the Executive Committee of Moscow City "
        "Government met a USSR Supreme Soviet delegation.\n"
    )
    found = _mentions(tmp_path, body)
    assert found == [
        ("orgName", "Lumeria City Government"),
        ("orgName", "Cairo Municipality"),
        ("orgName", "Executive Committee of Moscow City Government"),
        ("orgName", "USSR Supreme Soviet"),
    ], found


def test_an_arabic_name_of_several_parts_is_one_persons_name(tmp_path):
    body = (
        "Then Mahdi Hamid Ismail arrived at the ministry. Later Abdul Wahab Mahmoud left, and Musa al-Sheikh "
        "Radi spoke.\n"
    )
    persons = [name for kind, name in _mentions(tmp_path, body) if kind == "persName"]
    assert persons == ["Mahdi Hamid Ismail", "Abdul Wahab Mahmoud", "Musa al-Sheikh Radi"], persons
