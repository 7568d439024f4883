"""Issue #12, session 17 (N39): recognition on real archive prose — a weekday before a date the translator
supplied, ... Constructed records in our own wording."""

import pytest
from conftest import dated_record, encode_text, scores_as_its_gold, tree_of, xp


def _found(tmp_path, body: str, date: str, path: str, language: str = "Polish") -> list:
    """The elements at `path` in the text of a constructed record of `date` with `body`."""
    return xp(tree_of(encode_text(tmp_path, dated_record(body, date, language))), path)


def _dates(tmp_path, body: str, date: str) -> list[tuple[str, str]]:
    return [("".join(e.itertext()), e.get("when", "")) for e in _found(tmp_path, body, date, "//t:text//t:date")]


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before: the supplied date alone, the weekday outside it
        ("Since then, Tuesday [16 October], the talks went on.\n", [("Tuesday 16 October", "1962-10-16")]),
        ("He came on Monday, [15 October] at noon.\n", [("Monday, 15 October", "1962-10-15")]),
        # a weekday inside a longer word is none
        ("The Sundayschool Friday-[3 May] list.\n", [("3 May", "1962-05-03")]),
    ],
)
def test_a_weekday_before_a_supplied_date_is_part_of_it(tmp_path, body, expected):
    assert _dates(tmp_path, body, "October 22, 1962") == expected


def _orgs(tmp_path, body: str, date: str = "June 7, 1963") -> list[str]:
    return ["".join(e.itertext()) for e in _found(tmp_path, body, date, "//t:text//t:orgName")]


def _names(tmp_path, body: str, date: str = "June 7, 1963") -> list[tuple[str, str]]:
    path = "//t:text//t:persName | //t:text//t:placeName | //t:text//t:orgName"
    return [(e.tag.split("}")[1], "".join(e.itertext())) for e in _found(tmp_path, body, date, path)]


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before: the name ended on its head word, the number after it left out
        (
            "The Western Affairs Department Number Three drafted the note.\n",
            ["Western Affairs Department Number Three"],
        ),
        ("The Trade Section No. 4 drafted the note.\n", ["Trade Section No. 4"]),
        # failed before: ended before "with", the partner left out
        (
            "The Office for Cultural Ties with Friendly Countries will reply.\n",
            ["Office for Cultural Ties with Friendly Countries"],
        ),
        # failed before: a verb opening the cable's line was part of the name
        ("Request Central Bureau for Trade to send the lists.\n", ["Central Bureau for Trade"]),
        # failed before: a unit named by its ordinal ended before its dash subtitle
        (
            "Copies to: Fourth Direction – Consular Affairs; Fifth Direction – Press\n",
            [
                "Fourth Direction – Consular Affairs",
                "Fifth Direction – Press",
            ],
        ),
    ],
)
def test_a_bodys_name_goes_on_past_its_head_word(tmp_path, body, expected):
    assert _orgs(tmp_path, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before: the body ended before "in", the state a place of its own
        (
            "He led our team on the Neutral Commission for Supervision and Control in Laos.\n",
            [("orgName", "Neutral Commission for Supervision and Control in Laos")],
        ),
        (
            "The Committee on Armed Services in the Senate heard him.\n",
            [("orgName", "Committee on Armed Services in the Senate")],
        ),
        # a body in a city, a mission in a capital: the place stays its own mention
        (
            "The Committee for State Security in Moscow and the Polish Embassy in Hanoi.\n",
            [
                ("orgName", "Committee for State Security"),
                ("placeName", "Moscow"),
                ("orgName", "Polish Embassy"),
                ("placeName", "Hanoi"),
            ],
        ),
        # no task named: the state after "in" is its own mention
        (
            "The State Planning Commission in Poland met.\n",
            [("orgName", "State Planning Commission"), ("placeName", "Poland")],
        ),
        # "the right direction" names no body
        ("The talks moved in the right direction.\n", []),
    ],
)
def test_a_body_named_by_its_task_takes_the_state_it_works_in(tmp_path, body, expected):
    assert _names(tmp_path, body) == expected


def _persons(tmp_path, body: str, date: str = "June 7, 1974", language: str = "Polish") -> list[tuple[str, str]]:
    found = _found(tmp_path, body, date, "//t:text//t:persName", language)
    return [("".join(e.itertext()), e.get("ref", "")) for e in found]


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before: an English given name no list held, the surname no list either: no person
        ("The note reached Senator Wilbur Hollis and Kenneth Marlowe.\n", ["Wilbur Hollis", "Kenneth Marlowe"]),
        ("Leaders such as [Clifford] Tansey and [Leslie C.] Ormond spoke.\n", ["Clifford Tansey", "Leslie C. Ormond"]),
    ],
)
def test_english_given_names_begin_a_name(tmp_path, body, expected):
    assert [t for t, _ in _persons(tmp_path, body)] == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before: a Romanian abbreviated given name before a written-out surname: no person
        ("Signed: Gh. Vladescu\n", ["Gh. Vladescu"]),
        ("The report of Gr. Marinescu was read.\n", ["Gr. Marinescu"]),
        # Saint is no given name before a written-out name; a dictionary word is no surname
        ("They flew to St. Louis.\n", []),
        ("It came from Th. Report of the day.\n", []),
    ],
)
def test_an_abbreviated_given_name_before_a_written_out_surname(tmp_path, body, expected):
    assert [t for t, _ in _persons(tmp_path, body, language="Romanian")] == expected


@pytest.mark.parametrize(
    "body, name",
    [
        # failed before: the bracket was read as another name of "Chairman Ho" (the title compared with it)
        ("Chairman Ho [Chi Minh] has not yet spoken.\n", "Ho Chi Minh"),
        ("Premier Pham [Van Dong] has not yet spoken.\n", "Pham Van Dong"),
    ],
)
def test_the_rest_of_a_name_in_brackets_after_a_title_and_a_name_is_part_of_it(tmp_path, body, name):
    assert [t for t, _ in _persons(tmp_path, body, "June 7, 1963")] == [name]


def test_another_name_in_brackets_after_a_title_and_a_name_stays_another_name(tmp_path):
    found = _found(tmp_path, "President Sukarno [Soekarno] spoke.\n", "June 7, 1963", "//t:text//t:supplied")
    assert [e.get("reason") for e in found] == ["alternate-name"]


def test_a_legislature_named_in_full_is_named_by_its_chamber_alone_later(tmp_path):
    """Failed before: the bare "Congress", "Senate" and "House" of a record that names the US Congress untagged."""
    body = (
        "The letter reached the US Congress. It went to the President of the Senate and to the Speaker of the House,"
        " and was criticised in Congress. Before the 9th Congress of the party the White House said nothing.\n"
    )
    assert _orgs(tmp_path, body, "March 3, 1975") == ["US Congress", "Senate", "House", "Congress", "White House"]


def test_a_chamber_alone_in_a_record_with_no_legislature_in_full_is_no_name(tmp_path):
    body = "It was criticised in Congress and in the Senate; the Speaker of the House was silent.\n"
    assert _orgs(tmp_path, body, "March 3, 1975") == []


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before: a name no list holds after a post and its place (a repeated heading): no person
        ("Reception of Ambassador to Laos Khamsouk Vongsavath Phan\n", [("Khamsouk Vongsavath Phan", "")]),
        ("We saw the Envoy to Burma Thakin Aung Lwin at the airport.\n", [("Thakin Aung Lwin", "")]),
        # a common word after the place is no name
        ("The Ambassador to Burma Went Home.\n", []),
    ],
)
def test_a_name_after_a_post_and_its_place(tmp_path, body, expected):
    found = _persons(tmp_path, body, "June 3, 1963")
    assert [(t, "") for t, _ in found] == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before: "J. John" a person, the surname another
        ("He handed R. Thomas B. Ellerby the letter.\n", ["R. Thomas B. Ellerby"]),
        ("He handed R. [Thomas B.] Ellerby the letter.\n", ["R. Thomas B. Ellerby"]),
        # failed before: a given name completed after the initial's full stop, then the surname: no person
        ("A column by R.[obert] Vanderholt appeared.\n", ["R.obert Vanderholt"]),
        # the completed surname keeps its reading
        ("A note of K.[udryavtsev] was read.\n", ["K.udryavtsev"]),
    ],
)
def test_initials_and_given_names_of_one_name(tmp_path, body, expected):
    assert [t for t, _ in _persons(tmp_path, body)] == expected


@pytest.mark.parametrize(
    "body, kind, text",
    [
        # failed before: an abbreviation in mixed case before a verb of speech read as a person
        ("The MfJV replied that the papers were ready.\n", "persName", "MfJV"),
        # failed before: a country after a role in lower case read as a person
        ("He told the minister Peru would sign.\n", "persName", "Peru"),
        # failed before: a month before a listed party's abbreviation made one body ("March CPSU")
        ("At the March CPSU plenum they spoke.\n", "orgName", "March CPSU"),
    ],
)
def test_words_that_are_no_part_of_a_name(tmp_path, body, kind, text):
    assert (kind, text) not in _names(tmp_path, body, "October 22, 1967")


def test_n105_record_scores_as_its_gold():
    """n105: bodies whose names go on past their head word, a legislature's chambers named alone, a weekday
    before a supplied date (session 17, N39)."""
    scores_as_its_gold("n105_bodies_going_on_and_chambers")


def test_n106_record_scores_as_its_gold():
    """n106: a name after a post and its place, English given names, initials and given names of one name,
    a Romanian abbreviated given name (session 17, N39)."""
    scores_as_its_gold("n106_initials_posts_and_given_names")


@pytest.mark.parametrize(
    "body, expected",
    [
        # failed before: given names alone after a possessive and a noun of kin: no person
        ("The doctors saw his sons Pyotr and Grigoriy yesterday.\n", ["Pyotr", "Grigoriy"]),
        ("Her husband Ivan wrote.\n", ["Ivan"]),
        # places after a noun of kin stay places
        ("Their children Moscow and Sofia.\n", []),
    ],
)
def test_given_names_after_a_noun_of_kin(tmp_path, body, expected):
    assert [t for t, _ in _persons(tmp_path, body, "August 17, 1957")] == expected
