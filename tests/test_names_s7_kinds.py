"""Kinds of entity errors measured on unseen real prose (issue 12, session 7): dates the archive's
editors do not annotate, two dates joined into one stretch, organs abbreviated with full stops,
numbered units, organs named without their body, given names the vocabulary lacked; constructed, invented wording."""

from conftest import encode_text, record, tree_of, xp
from test_names_round5 import _values


def test_a_year_named_from_the_record_is_no_date():
    text = "The harvest of this year beat last year's; next year the plant opens, and the current year ends well."
    assert _values(text, 1964, 6, relative=True) == []


def test_two_dates_joined_by_and_or_to_are_one_stretch():
    text = "The mission stayed between 27 November 1958 and 4 February 1959; talks ran from June 3rd to June 5th."
    assert _values(text, 1959, 2) == [
        ("27 November 1958 and 4 February 1959", "1958-11-27/1959-02-04"),
        ("June 3rd to June 5th", "1959-06-03/1959-06-05"),
    ]
    # a second date before the first, or bare years, stay apart
    assert _values("It was signed on 9 May 1960 and ratified on 2 May 1960.", 1960, 5) == [
        ("9 May 1960", "1960-05-09"),
        ("2 May 1960", "1960-05-02"),
    ]
    assert _values("in 1957 and 1958", 1960, 5) == [("1957", "1957"), ("1958", "1958")]


def _orgs(tmp_path, body: str) -> list[tuple[str, str]]:
    return _mentions(tmp_path, body, "orgName")


def _mentions(tmp_path, body: str, tag: str) -> list[tuple[str, str]]:
    tree = tree_of(encode_text(tmp_path, record(body)))
    return [("".join(e.itertext()), e.get("ref")) for e in xp(tree, f"//t:text//t:{tag}")]


def test_a_partys_organ_abbreviated_with_full_stops_is_one_name(tmp_path):
    body = (
        "The adviser of the Cultural Section of the C.C. of the R.W.P. met the deputy head of the press "
        "section of the C.C. of the Lao People's Revolutionary Party in Vientiane.\n"
    )
    orgs = [name for name, _ in _orgs(tmp_path, body)]
    assert orgs == ["Cultural Section of the C.C. of the R.W.P.", "C.C. of the Lao People's Revolutionary Party"]


def test_a_numbered_unit_keeps_its_number_and_two_numbers_are_two_units(tmp_path):
    body = (
        "The 4th Consular Department and the 5th Consular Department answered; the II. Economic Division "
        "of the Ministry of Trade agreed, and the 4th Consular Department wrote again.\n"
    )
    orgs = _orgs(tmp_path, body)
    assert [name for name, _ in orgs] == [
        "4th Consular Department",
        "5th Consular Department",
        "II. Economic Division of the Ministry of Trade",
        "4th Consular Department",
    ]
    assert orgs[0][1] == orgs[3][1] != orgs[1][1]  # one unit, linked alike; another number, another unit


def test_an_organ_without_its_body_is_generic(tmp_path):
    body = (
        "Comrade Pavel Hudec, member of the Politburo and Secretary of the Central Committee, told the "
        "Presidium that the Political Bureau of the Lao People's Revolutionary Party had agreed.\n"
    )
    assert [name for name, _ in _orgs(tmp_path, body)] == ["Political Bureau of the Lao People's Revolutionary Party"]


def test_given_names_of_the_archives_nations_introduce_unlisted_persons(tmp_path):
    body = (
        "The guests were Ioan Dragomirescu, Eugeniusz Kowalewicz, Siomara Quintero and Walt Brennard; "
        "Octavian Lupescu joined them later.\n"
    )
    persons = [name for name, _ in _mentions(tmp_path, body, "persName")]
    assert persons == [
        "Ioan Dragomirescu",
        "Eugeniusz Kowalewicz",
        "Siomara Quintero",
        "Walt Brennard",
        "Octavian Lupescu",
    ]


def test_a_body_runs_through_the_translators_bracketed_words(tmp_path):
    body = (
        "A letter came from Ri Dong-hwan, Secretary of the CC [Central Committee] of the Lao People's "
        "Revolutionary Party; the F[oreign] M[inistry] of the DPRK was told.\n"
    )
    tree = tree_of(encode_text(tmp_path, record(body)))
    orgs = xp(tree, "//t:text//t:orgName")
    assert ["".join(e.itertext()) for e in orgs][0] == "CC Central Committee of the Lao People's Revolutionary Party"
    assert xp(orgs[0], "t:supplied/text()") == ["Central Committee"]  # the brackets kept inside the name
    # letters completing words are no body's own name: the state inside is the place
    assert "DPRK" in ["".join(e.itertext()) for e in xp(tree, "//t:text//t:placeName")]


def test_a_name_printed_in_capitals_after_a_given_name(tmp_path):
    body = (
        "Record of a conversation with MIRCEA DOBRESCU, DIRECTOR of the Press Office, and JOSEF "
        "KRALOVEC. PAUL STREET was closed.\n\nTEODOR LUCA BRAVO\n"
    )
    persons = [name for name, _ in _mentions(tmp_path, body, "persName")]
    # a title or a dictionary word ends the name, unless that word ends a line holding only the name
    assert persons == ["MIRCEA DOBRESCU", "JOSEF KRALOVEC", "TEODOR LUCA BRAVO"]


def test_the_shipped_authority_knows_more_of_the_archives_people_and_places(tmp_path):
    body = (
        "The talks in the Great Hall of the People touched on Khomeini and on Lon Nol's troops; the "
        "envoy flew on to Brioni, then to Lausanne and Assam.\n"
    )
    persons = dict(_mentions(tmp_path, body, "persName"))
    places = dict(_mentions(tmp_path, body, "placeName"))
    assert persons == {"Khomeini": "#khomeini", "Lon Nol": "#lon-nol"}
    assert places == {
        "Great Hall of the People": "#great-hall-of-the-people",
        "Brioni": "#brioni",
        "Lausanne": "#lausanne",
        "Assam": "#assam",
    }


def test_albanian_towns_in_both_forms_and_korean_towns_in_both_romanizations(tmp_path):
    body = "After the congress they toured Durrësi, Berati and Fier, then Sariwon and Guseong [Kusong].\n"
    places = _mentions(tmp_path, body, "placeName")
    assert places == [
        ("Durrësi", "#durres"),
        ("Berati", "#berat"),
        ("Fier", "#fier"),
        ("Sariwon", "#sariwon"),
        ("Guseong", "#kusong"),
        ("Kusong", "#kusong"),
    ]


def test_a_title_after_a_word_of_a_longer_title_begins_a_name(tmp_path):
    body = "Present were Chief Cabinet Secretary Okuda, Deputy Section Director Wu Hanlin and Ambassador Sato.\n"
    persons = [name for name, _ in _mentions(tmp_path, body, "persName")]
    assert persons == ["Okuda", "Wu Hanlin", "Sato"]


def test_a_family_name_a_comma_and_a_written_out_given_name_are_one_name(tmp_path):
    body = (
        "Information on a talk with Kamranzadeh, Iraj, Member of the Executive. Kamranzadeh said that in "
        "Warsaw, Walter Kessling had agreed.\n"
    )
    persons = _mentions(tmp_path, body, "persName")
    assert [name for name, _ in persons] == ["Kamranzadeh, Iraj", "Kamranzadeh", "Walter Kessling"]
    assert persons[0][1] == persons[1][1]  # the short form is the same person
    assert "Warsaw" in [name for name, _ in _mentions(tmp_path, body, "placeName")]  # a place before a comma
